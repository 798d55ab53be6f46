//! `$ref`s read only regular files inside the description's folder or a root
//! the user allows. Every refusal names the reference and the rule and shows
//! nothing of the target: the files outside hold a secret that no message may
//! contain.

use openapi_rustgen::{Config, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::Command;

const SECRET: &str = "SECRET-7f3a";

/// `base/outside.json` (a valid schema holding the secret, outside the spec's
/// folder) and `base/spec/` (the spec's folder, with `inside.json`).
fn layout(name: &str) -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("ref-confinement")
        .join(name);
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(base.join("spec")).expect("scratch");
    let schema =
        format!(r#"{{"type": "string", "enum": ["{SECRET}"], "description": "{SECRET}"}}"#);
    std::fs::write(base.join("outside.json"), &schema).expect("outside");
    std::fs::write(base.join("spec/inside.json"), r#"{"type": "string"}"#).expect("inside");
    base
}

/// A description whose one schema is `$ref: reference`.
fn spec(base: &Path, reference: &str) -> PathBuf {
    let text = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
  "paths": {{"/a": {{"get": {{"operationId": "getA", "responses": {{"200": {{"description": "ok",
    "content": {{"application/json": {{"schema": {{"$ref": {reference:?}}}}}}}}}}}}}}}}}}}"#
    );
    let path = base.join("spec/openapi.json");
    std::fs::write(&path, text).expect("spec");
    path
}

fn refused(name: &str, reference: &str, rule: &str) {
    let base = layout(name);
    let spec = spec(&base, reference);
    let err = match Config::new().quiet(true).generate_crate(&spec, "x") {
        Ok(_) => panic!("{name}: `{reference}` was followed"),
        Err(e) => e,
    };
    let shown = err.to_string();
    assert_eq!(err.kind, ErrorKind::Reference, "{name}: {shown}");
    assert!(
        shown.contains(reference),
        "{name}: the reference is not named:\n{shown}"
    );
    assert!(shown.contains("refused"), "{name}: {shown}");
    assert!(
        shown.contains(rule),
        "{name}: the rule `{rule}` is not said:\n{shown}"
    );
    assert!(
        !shown.contains(SECRET),
        "{name}: the target's contents leaked:\n{shown}"
    );
}

const OUTSIDE_RULE: &str = "inside the description's folder";

#[test]
fn a_file_inside_the_folder_is_read() {
    let base = layout("inside");
    let spec = spec(&base, "inside.json");
    Config::new()
        .quiet(true)
        .generate_crate(&spec, "x")
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn files_outside_the_folder_are_refused() {
    refused("parent", "../outside.json", OUTSIDE_RULE);
    refused("dotdot", "./../spec/../outside.json", OUTSIDE_RULE);
    refused("missing", "../../nowhere/x.json", OUTSIDE_RULE);
    refused("passwd", "/etc/passwd", OUTSIDE_RULE);
    refused("file-url", "file:///etc/passwd#/x", OUTSIDE_RULE);
    refused("environ", "/proc/self/environ", "never read");
    refused("zero", "/dev/zero", "never read");
}

#[test]
fn percent_encoded_separators_are_refused() {
    refused("encoded", "..%2Foutside.json", "percent-encoded");
    refused("encoded-lower", "..%2foutside.json", "percent-encoded");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let base = layout("symlink");
    std::os::unix::fs::symlink(base.join("outside.json"), base.join("spec/link.json"))
        .expect("symlink");
    let spec = spec(&base, "link.json");
    let err = Config::new()
        .quiet(true)
        .generate_crate(&spec, "x")
        .map(|_| ())
        .expect_err("the link was followed");
    assert!(err.to_string().contains(OUTSIDE_RULE), "{err}");
    assert!(!err.to_string().contains(SECRET), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_opened() {
    let base = layout("fifo");
    let made = Command::new("mkfifo")
        .arg(base.join("spec/pipe.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening it would block forever: the test would hang, not fail.
    refused_at(&base, "pipe.json", "only regular files");
}

#[test]
fn a_directory_is_not_read() {
    let base = layout("directory");
    std::fs::create_dir_all(base.join("spec/dir.json")).expect("dir");
    refused_at(&base, "dir.json", "only regular files");
}

fn refused_at(base: &Path, reference: &str, rule: &str) {
    let spec = spec(base, reference);
    let err = Config::new()
        .quiet(true)
        .generate_crate(&spec, "x")
        .map(|_| ())
        .expect_err("followed");
    let shown = err.to_string();
    assert!(shown.contains(reference) && shown.contains(rule), "{shown}");
}

#[test]
fn an_allowed_root_admits_its_files() {
    let base = layout("allowed");
    let spec = spec(&base, "../outside.json");
    let generated = Config::new()
        .quiet(true)
        .allow_ref_root(&base)
        .generate_crate(&spec, "x")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.inputs.iter().any(|p| p.ends_with("outside.json")));
}

#[test]
fn the_cli_flag_allows_a_root() {
    let base = layout("cli");
    let spec = spec(&base, "../outside.json");
    let run = |allow: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_openapi-rustgen"));
        command
            .arg("generate")
            .arg(&spec)
            .arg("--out")
            .arg(base.join("out"));
        if allow {
            command.arg("--allow-ref-root").arg(&base);
        }
        command.output().expect("runs")
    };
    let denied = run(false);
    assert_eq!(denied.status.code(), Some(7));
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(
        stderr.contains("--allow-ref-root") && !stderr.contains(SECRET),
        "{stderr}"
    );
    let allowed = run(true);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
}
