//! No text of a description can run as a doctest. `tests/fixtures/hostile_docs.json`
//! puts code blocks (```` ``` ````, ```` ```rust ````, `~~~`, indented, in a
//! list item, in a block quote, `<pre>`) that write a file `PWNED` into every
//! text that reaches a doc comment: title, version, descriptions, summary,
//! server URL and variable, path, operationId, parameter name,
//! `x-operation-group`, `x-operation-name`, scope, schema and property
//! names, enum values, pattern. The crate generated from it runs
//! `cargo test --doc`: no doctest may run, and no `PWNED` may appear.

use openapi_rustgen::Config;
use std::path::Path;
mod scratch;

#[test]
fn hostile_text_in_docs_runs_no_doctest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-docs");
    let dir = scratch.join("crate");
    let _ = std::fs::remove_dir_all(&dir);
    Config::new()
        .write_crate(
            root.join("tests/fixtures/hostile_docs.json"),
            &dir,
            "hostile-docs",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // The payload did reach the generated code (as inert text).
    let client = std::fs::read_to_string(dir.join("src/client.rs")).expect("client module");
    assert!(
        client.contains(r#"std::fs::write("PWNED", "").unwrap();"#),
        "the fixture's text no longer reaches the docs: the test proves nothing"
    );
    let manifest = dir.join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&manifest).expect("manifest");
    toml.push_str("\n[workspace]\n");
    std::fs::write(&manifest, toml).expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    let output = scratch::cargo(&dir)
        .args(["test", "--doc", "--offline"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo test --doc failed:\n{stdout}\n{stderr}"
    );
    let counts: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("running "))
        .collect();
    assert!(!counts.is_empty(), "no doctest run was reported:\n{stdout}");
    assert!(
        counts.iter().all(|c| *c == "0 tests"),
        "doctests ran: {counts:?}\n{stdout}"
    );
    assert!(!dir.join("PWNED").exists(), "a doctest wrote PWNED");
}
