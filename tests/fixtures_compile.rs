//! The code generated for every fixture compiles, without warnings: each
//! fixture becomes a crate in a scratch workspace and `cargo clippy` runs on
//! it with `-D warnings`.

use openapi_rustgen::Config;
use std::path::Path;
use std::process::Command;

#[test]
fn every_fixture_generates_a_crate_that_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    let mut members = Vec::new();
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 9, "fixtures are missing");
    for spec in &fixtures {
        let stem = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .replace('_', "-");
        let name = format!("fixture-{stem}");
        let dir = scratch.join("crates").join(&name);
        Config::new()
            .write_crate(spec, &dir, &name)
            .unwrap_or_else(|e| panic!("{e}"));
        members.push(format!("\"crates/{name}\""));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .expect("workspace manifest");
    // The repository's lock file pins the same serde versions, already fetched.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--workspace", "--offline", "--quiet"])
        .current_dir(&scratch)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated fixture crates do not compile cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
