//! The report of what the generated code does not carry over: every loss of
//! `tests/fixtures/losses.yaml` (one of each kind, plus annotations that lose
//! nothing) with its pointer and reason, in pointer order; the summary line
//! of `generate`; `--report FILE` / `--report -`; `Config::loss_report`.

use openapi_rustgen::{Config, LossKind};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("losses")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

const LOSSES: &str = "\
/components/schemas/Extended/allOf/0: `minProperties` not enforced: a member of an `allOf` merged into one struct gives its properties; its own object bounds are not checked
/components/schemas/Extended/allOf/1: `oneOf` not enforced: a member of an `allOf` merged into one struct gives its properties; its branches are not checked
/components/schemas/Extended/allOf/2/properties/id: `minLength` not enforced: `id` is declared twice (an `allOf` member and another member or the schema itself); this declaration replaces the earlier one, whose `minLength` is not checked
/components/schemas/Pet: `discriminator` not enforced: the value of `kind` picks the branch when reading, but validation tells branches apart by their structure and does not check that value against the branch it names
/components/schemas/Pet: `properties` not enforced: the schema is generated as a union of its `oneOf` branches; `properties` beside them is not checked
/components/schemas/Pet: `required` not enforced: the schema is generated as a union of its `oneOf` branches; `required` beside them is not checked
/components/schemas/Thing/properties/anything: untyped: the schema names no type: any JSON value is accepted
/components/schemas/Thing/properties/closed: `unevaluatedProperties` not enforced: keys no subschema names are kept in the extra map; this keyword is not checked
/components/schemas/Thing/properties/code: `not` not enforced: what a value must not be is not checked
/components/schemas/Thing/properties/colour: `format` not enforced: the format \"color\" is not checked
/components/schemas/Thing/properties/currency: `pattern` not enforced: two different values apply here (^[A-Z]{3}$ and ^[A-Z]+$); only the first is checked
/components/schemas/Thing/properties/labels: `patternProperties` not enforced: keys that match a pattern are kept in the extra map as untyped JSON; their schemas are not checked
/components/schemas/Thing/properties/labels: `propertyNames` not enforced: the names of the keys are not checked
/components/schemas/Thing/properties/named_pet: `maxProperties` not enforced: a constraint added beside a reference to `Pet` is not checked (only the type's own are)
/components/schemas/Thing/properties/never: untyped (`not`): a schema that only says what a value must not be has no Rust type; `not` is not checked
/components/schemas/Thing/properties/pair: `prefixItems` not enforced: tuple arrays are not modelled: the items are read by `items` alone and the positions are not checked
/components/schemas/Thing/properties/several: untyped (`type`): the schema admits several types (string, integer)
/components/schemas/Thing/properties/shipping: `dependentRequired` not enforced: what one key requires of the others is not checked
/components/schemas/Thing/properties/shipping: `if` not enforced: conditional schemas are not checked
/components/schemas/Thing/properties/shipping: `then` not enforced: conditional schemas are not checked
/components/schemas/Thing/properties/size: `minLength` not enforced: its value (string) has the wrong shape for `minLength`, so it is ignored
/components/schemas/Thing/properties/tags: `contains` not enforced: what an array must contain is not checked
/paths/~1things/post/parameters/0/content: untyped (`content`): a parameter described by `content` rather than `schema` is untyped
";

const SUMMARY: &str = "4 schemas untyped, 19 keywords not enforced";

#[test]
fn every_loss_of_the_fixture_is_reported_with_its_pointer_and_reason() {
    let generated = Config::new()
        .generate_crate(fixture("losses.yaml"), "losses")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.losses.to_string(), LOSSES);
    assert_eq!(generated.losses.summary(), SUMMARY);
    assert_eq!(generated.losses.untyped_count(), 4);
    assert_eq!(generated.losses.not_enforced_count(), 19);
    // Ordered by pointer, as printed.
    let pointers: Vec<&str> = generated
        .losses
        .iter()
        .map(|l| l.pointer.as_str())
        .collect();
    let mut sorted = pointers.clone();
    sorted.sort();
    assert_eq!(pointers, sorted);
    // Annotations lose nothing: none of them is reported.
    for keyword in ["$comment", "xml", "contentMediaType", "description"] {
        assert!(
            generated.losses.iter().all(|l| l.keyword != keyword),
            "{keyword} reported"
        );
    }
    assert!(
        !LOSSES.contains("\"password\""),
        "format: password is a hint"
    );
    // Deterministic: the same report every time.
    let again = Config::new()
        .generate_crate(fixture("losses.yaml"), "losses")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.losses, generated.losses);
}

#[test]
fn descriptions_that_lose_nothing_report_nothing() {
    for name in [
        "nested_refs.yaml",
        "unions.yaml",
        "cycles.yaml",
        "enums.yaml",
    ] {
        let generated = Config::new()
            .generate_crate(fixture(name), "x")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(generated.losses.is_empty(), "{name}:\n{}", generated.losses);
        assert_eq!(
            generated.losses.summary(),
            "0 schemas untyped, 0 keywords not enforced"
        );
    }
}

#[test]
fn the_auth0_endpoint_loses_only_its_own_formats() {
    let generated = Config::new()
        .generate_crate(repo().join("spec/connection-update.json"), "x")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        generated.losses.to_string(),
        "\
/components/schemas/UpdateConnectionRequestContent/properties/enabled_clients/items: `format` not enforced: the format \"client-id\" is not checked
/components/schemas/UpdateConnectionRequestContent/properties/realms/items: `format` not enforced: the format \"connection-realm\" is not checked
/components/schemas/UpdateConnectionResponseContent/properties/realms/items: `format` not enforced: the format \"connection-realm\" is not checked
"
    );
}

#[test]
fn without_validators_the_report_says_nothing_is_checked() {
    let generated = Config::new()
        .validators(false)
        .generate_crate(fixture("nested_refs.yaml"), "x")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.losses.len(), 1);
    let loss = generated.losses.iter().next().expect("one loss");
    assert_eq!(
        (loss.pointer.as_str(), loss.kind, loss.keyword.as_str()),
        ("", LossKind::NotEnforced, "validators")
    );
}

#[test]
fn generate_prints_the_summary_and_writes_the_list_on_request() {
    let dir = scratch("cli");
    let bin = env!("CARGO_BIN_EXE_openapi-rustgen");
    // Without --report: the counts, and how to get the list.
    let plain = Command::new(bin)
        .arg("generate")
        .arg(fixture("losses.yaml"))
        .arg("--out")
        .arg(dir.join("plain"))
        .output()
        .expect("runs");
    assert!(plain.status.success());
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        stderr.contains(&format!("\n{SUMMARY}; --report FILE for the list\n")),
        "{stderr}"
    );
    assert!(!stderr.contains("/components/schemas/"), "{stderr}");

    // --report FILE: the list in the file, its name in the summary.
    let report = dir.join("losses.txt");
    let to_file = Command::new(bin)
        .arg("generate")
        .arg(fixture("losses.yaml"))
        .arg("--out")
        .arg(dir.join("file"))
        .arg("--report")
        .arg(&report)
        .output()
        .expect("runs");
    assert!(to_file.status.success());
    assert_eq!(std::fs::read_to_string(&report).expect("report"), LOSSES);
    let stderr = String::from_utf8_lossy(&to_file.stderr);
    assert!(
        stderr.contains(&format!("{SUMMARY}; the list is in {}", report.display())),
        "{stderr}"
    );

    // --report -: the list on stderr, then the summary; --quiet keeps the list.
    let to_stderr = Command::new(bin)
        .arg("generate")
        .arg(fixture("losses.yaml"))
        .arg("--out")
        .arg(dir.join("stderr"))
        .args(["--report", "-", "--quiet"])
        .output()
        .expect("runs");
    assert!(to_stderr.status.success());
    assert_eq!(String::from_utf8_lossy(&to_stderr.stderr), LOSSES);
}

#[test]
fn a_build_script_gets_the_list_in_a_file() {
    let dir = scratch("build");
    let report = dir.join("report/losses.txt");
    std::fs::create_dir_all(report.parent().expect("parent")).expect("directory");
    Config::new()
        .out_dir(&dir)
        .quiet(true)
        .loss_report(&report)
        .compile(fixture("losses.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(std::fs::read_to_string(&report).expect("report"), LOSSES);
}

/// A query parameter with `allowReserved: true`: its value is
/// percent-encoded all the same, and the report says so at its pointer.
#[test]
fn allow_reserved_is_reported() {
    let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/search": {"get": {"operationId": "search",
            "parameters": [{"name": "q", "in": "query", "allowReserved": true, "schema": {"type": "string"}}],
            "responses": {"204": {"description": "none"}}}}}}"#;
    let source = openapi_rustgen::load::Source::from_bytes("reserved.json", spec);
    let generated = Config::new()
        .generate_crate_from(&source, "reserved")
        .unwrap_or_else(|e| panic!("{e}"));
    let lost: Vec<String> = generated.losses.iter().map(|l| l.to_string()).collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(
        lost[0].starts_with("/paths/~1search/get/parameters/0: `allowReserved` not enforced"),
        "{lost:?}"
    );
}

/// The fields of a multipart body are sent as parts, unchecked: reported
/// at the body's schema (Auth0's `POST /jobs/users-imports`).
#[test]
fn multipart_fields_are_reported_unchecked() {
    let generated = Config::new()
        .generate_crate(fixture("users_imports.json"), "imports")
        .unwrap_or_else(|e| panic!("{e}"));
    let lost: Vec<String> = generated.losses.iter().map(|l| l.to_string()).collect();
    assert!(
        lost.iter().any(|l| l.starts_with(
            "/paths/~1jobs~1users-imports/post/requestBody/content/multipart~1form-data/schema: `properties` not enforced"
        )),
        "{lost:?}"
    );
}
