//! Real descriptions: every description of the corpus (`../shared/corpus`
//! beside the repository, listed in its `MANIFEST.tsv`) generates a crate
//! that passes `cargo clippy -D warnings`. The crates share one throwaway
//! workspace and target directory, so their dependencies compile once; each
//! is then checked alone. Slow, so ignored by default; `.ci/run` runs it on
//! a subset (see the README's *Real descriptions*):
//!
//! ```sh
//! cargo test --release --test corpus -- --ignored --nocapture          # all of them
//! CORPUS=okta-oauth,svix-api cargo test --test corpus -- --ignored     # some
//! ```
//!
//! `scripts/corpus.sh` does the same with the release CLI and prints the
//! README's table.

use openapi_rustgen::Config;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The corpus beside the repository; a clear failure when it is absent.
fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the corpus is missing: expected {} with MANIFEST.tsv and the descriptions it lists \
         (the repository's sibling directory shared/corpus)",
        dir.display()
    );
    dir
}

/// The files the manifest lists, or those named in `CORPUS` (comma-separated
/// file names, with or without extension).
fn descriptions(corpus: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let listed: Vec<String> = manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|file| !file.is_empty())
        .map(str::to_string)
        .collect();
    let Ok(chosen) = std::env::var("CORPUS") else {
        return listed;
    };
    chosen
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            listed
                .iter()
                .find(|file| *file == name || stem(file) == name)
                .unwrap_or_else(|| {
                    panic!("CORPUS names {name:?}, which MANIFEST.tsv does not list")
                })
                .clone()
        })
        .collect()
}

fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
#[ignore = "slow: generates and compiles every description of ../shared/corpus; run by .ci/run"]
fn every_corpus_description_generates_a_crate_that_passes_clippy() {
    let corpus = corpus();
    let files = descriptions(&corpus);
    assert!(!files.is_empty(), "no description chosen");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));

    let mut failures: Vec<String> = Vec::new();
    let mut crates: Vec<(String, String)> = Vec::new();
    for file in &files {
        let name = stem(file).replace(['_', '.'], "-");
        let started = Instant::now();
        match Config::new().write_crate(
            corpus.join(file),
            scratch.join("crates").join(&name),
            &name,
        ) {
            Ok(_) => {
                println!("{file}: generated in {:.1?}", started.elapsed());
                crates.push((file.clone(), name));
            }
            Err(e) => failures.push(format!("{file} does not generate:\n{e}")),
        }
    }

    if let Some((_, first)) = crates.first() {
        // A crate with the generated crates' dependencies and no code
        // compiles them once, before the crates are checked one by one.
        let manifest =
            std::fs::read_to_string(scratch.join("crates").join(first).join("Cargo.toml"))
                .expect("generated manifest");
        let manifest = manifest.replacen(
            &format!("name = \"{first}\""),
            "name = \"corpus-dependencies\"",
            1,
        );
        let deps = scratch.join("crates/corpus-dependencies");
        std::fs::create_dir_all(deps.join("src")).expect("directory");
        std::fs::write(deps.join("Cargo.toml"), manifest).expect("manifest");
        std::fs::write(deps.join("src/lib.rs"), "").expect("lib.rs");
        let members: Vec<String> = crates
            .iter()
            .map(|(_, name)| format!("\"crates/{name}\""))
            .chain(["\"crates/corpus-dependencies\"".to_string()])
            .collect();
        std::fs::write(
            scratch.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .expect("workspace manifest");
        std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
        // Shared with tests/whole_api.rs: the dependencies compile once.
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
        let started = Instant::now();
        let deps = cargo(
            &scratch,
            &target,
            &[
                "clippy",
                "--offline",
                "--quiet",
                "-p",
                "corpus-dependencies",
            ],
        );
        assert!(
            deps.status.success(),
            "the generated crates' dependencies do not compile:\n{}",
            String::from_utf8_lossy(&deps.stderr)
        );
        println!("dependencies: {:.1?}", started.elapsed());
        for (file, name) in &crates {
            let started = Instant::now();
            let output = cargo(
                &scratch,
                &target,
                &[
                    "clippy",
                    "--offline",
                    "--quiet",
                    "-p",
                    name,
                    "--",
                    "-D",
                    "warnings",
                ],
            );
            println!("{file}: clippy in {:.1?}", started.elapsed());
            if !output.status.success() {
                let log = String::from_utf8_lossy(&output.stderr);
                // The first errors say enough; the rest are usually the same.
                let head: String = log.lines().take(40).collect::<Vec<_>>().join("\n");
                failures.push(format!("{file} does not pass clippy -D warnings:\n{head}"));
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} descriptions fail: {}\n\n{}",
        failures.len(),
        files.len(),
        failures
            .iter()
            .map(|f| f.lines().next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("; "),
        failures.join("\n\n")
    );
}
