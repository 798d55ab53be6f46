//! The whole Auth0 Management API description (OpenAPI 3.1.0, 452 operations,
//! 2,698 schemas), unmodified, generates a crate that compiles without
//! warnings under clippy and whose docs build without warnings. Slow (a 100,000-line crate), so ignored by default;
//! `.ci/run` runs it once:
//!
//! ```sh
//! cargo test --release --test whole_api -- --ignored --nocapture
//! ```

use openapi_rustgen::Config;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[test]
#[ignore = "slow: generates and compiles the whole Auth0 API; run by .ci/run"]
fn whole_auth0_api_generates_a_crate_that_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("../shared/reference/auth0-management-api-2026-06-25.json");
    assert!(
        spec.is_file(),
        "the reference description is missing: {}",
        spec.display()
    );
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("whole-api");
    let crate_dir = scratch.join("auth0-management");

    let started = Instant::now();
    let report = Config::new()
        .write_crate(&spec, &crate_dir, "auth0-management")
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "generation: {:?} ({} files written)",
        started.elapsed(),
        report.written.len()
    );

    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"auth0-management\"]\n",
    )
    .expect("workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--workspace",
            "--offline",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        // Shared with tests/corpus.rs: the dependencies compile once.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target"),
        )
        .output()
        .expect("cargo runs");
    println!("cargo clippy: {:?}", started.elapsed());
    assert!(
        output.status.success(),
        "the crate generated for the whole Auth0 API does not compile cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Every description of the API, as rustdoc: no bare URL, broken link or
    // unclosed tag (the same target folder: the dependencies are checked).
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--workspace", "--offline", "--quiet", "--no-deps"])
        .current_dir(&scratch)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target"),
        )
        .output()
        .expect("cargo runs");
    println!("cargo doc: {:?}", started.elapsed());
    assert!(
        output.status.success(),
        "the docs of the crate generated for the whole Auth0 API have warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
