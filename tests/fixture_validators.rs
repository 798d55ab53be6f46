//! The validators generated for `tests/fixtures/constraints.yaml` (a
//! constraint of every kind), run: the fixture becomes a crate in a scratch
//! workspace, with the tests below as its integration test, and `cargo test`
//! runs them. This covers what Auth0's update body does not use: general
//! ECMA-262 patterns (through `regress`, Annex B syntax included), every
//! standard format, exclusive bounds, `multipleOf`, `uniqueItems`, integer
//! enums and `const`, `anyOf`, `allOf`, required names without a property,
//! constraints on untyped values, and an alias with constraints of its own.

use openapi_rustgen::Config;
use std::path::Path;
mod scratch;

const TESTS: &str = r####"
use fixture_constraints::validate::*;
use fixture_constraints::*;
use serde_json::json;

fn check(body: serde_json::Value) -> Vec<(String, &'static str)> {
    let thing: Thing = serde_json::from_value(body).expect("reads");
    match thing.validate() {
        Ok(()) => vec![],
        Err(e) => e.violations().iter().map(|v| (v.pointer.clone(), v.keyword)).collect(),
    }
}

fn with(key: &str, value: serde_json::Value) -> Vec<(String, &'static str)> {
    let mut body = json!({"name": "ab", "kind": "small"});
    body[key] = value;
    check(body)
}

fn one(pointer: &str, keyword: &'static str) -> Vec<(String, &'static str)> {
    vec![(pointer.to_string(), keyword)]
}

#[test]
fn base_is_valid() {
    assert_eq!(check(json!({"name": "ab", "kind": "small"})), vec![]);
}

#[test]
fn strings() {
    assert_eq!(with("name", json!("a")), one("/name", "minLength"));
    assert_eq!(with("name", json!("abcdefghi")), one("/name", "maxLength"));
    assert_eq!(with("name", json!("Ab")), one("/name", "pattern"));
    assert_eq!(with("name", json!("a_b-9")), vec![]);
    // `[\w-\.]` only compiles in the web-compatible (Annex B) syntax.
    assert_eq!(with("code", json!("a-b.c_d")), vec![]);
    assert_eq!(with("code", json!("a b")), one("/code", "pattern"));
    assert_eq!(with("kind", json!("medium")), one("/kind", "enum"));
}

#[test]
fn formats() {
    for (key, good, bad) in [
        ("homepage", "https://example.com/a?b#c", "example.com"),
        ("contact", "jane.doe+tag@example.com", "jane@@example.com"),
        ("host", "auth0.example.com", "-bad-.example.com"),
        ("born", "2024-02-29", "2023-02-29"),
        ("seen", "2024-06-25T10:20:30.5+02:00", "2024-06-25 10:20:30Z"),
        ("v4", "192.0.2.1", "192.0.2.256"),
        ("v6", "2001:db8::1", "2001:db8:::1"),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000"),
    ] {
        assert_eq!(with(key, json!(good)), vec![], "{key}: {good}");
        assert_eq!(with(key, json!(bad)), one(&format!("/{key}"), "format"), "{key}: {bad}");
    }
    // Auth0's own formats are plain strings.
    assert_eq!(with("client", json!("anything at all")), vec![]);
    assert!(is_email("\"quoted local\"@example.com"));
    assert!(is_email("a@[192.0.2.1]") && is_email("a@[IPv6:2001:db8::1]"));
    assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
    assert!(!is_hostname(&format!("{}.com", "a".repeat(64))));
    assert!(is_date_time("1998-12-31T23:59:60Z") && is_date_time("1998-12-31T15:59:60-08:00"));
    assert!(!is_date_time("1998-12-31T22:59:60Z"));
    assert!(is_date_time("2024-01-01t00:00:00z"));
    assert!(!is_date("2024-1-01") && !is_date("2024-13-01") && !is_date("2100-02-29"));
    assert!(!is_ipv4("01.2.3.4") && !is_ipv6("1.2.3.4"));
    assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
}

#[test]
fn numbers() {
    assert_eq!(with("size", json!(0)), one("/size", "minimum"));
    assert_eq!(with("size", json!(25)), one("/size", "maximum"));
    assert_eq!(with("size", json!(24)), vec![]);
    assert_eq!(with("step", json!(0)), one("/step", "exclusiveMinimum"));
    assert_eq!(with("step", json!(100)), one("/step", "exclusiveMaximum"));
    assert_eq!(with("step", json!(7)), one("/step", "multipleOf"));
    assert_eq!(with("step", json!(95)), vec![]);
    assert_eq!(with("ratio", json!(1.5)), one("/ratio", "maximum"));
    assert_eq!(with("price", json!(0)), one("/price", "exclusiveMinimum"));
    assert_eq!(with("price", json!(19.99)), vec![]);
    assert_eq!(with("price", json!(19.995)), one("/price", "multipleOf"));
    assert_eq!(with("level", json!(2)), vec![]);
    assert_eq!(with("level", json!(4)), one("/level", "enum"));
    assert_eq!(with("version", json!(2)), vec![]);
    assert_eq!(with("version", json!(3)), one("/version", "enum"));
    assert_eq!(with("flag", json!(true)), vec![]);
    assert_eq!(with("flag", json!(false)), one("/flag", "enum"));
}

#[test]
fn arrays_and_maps() {
    assert_eq!(with("tags", json!([])), one("/tags", "minItems"));
    assert_eq!(with("tags", json!(["a", "b", "c", "d", "e"])), one("/tags", "maxItems"));
    assert_eq!(with("tags", json!(["a", "b", "a"])), one("/tags", "uniqueItems"));
    assert_eq!(with("tags", json!(["abcdef"])), one("/tags/0", "maxLength"));
    assert_eq!(with("grid", json!([[0, 1], [2, -1]])), one("/grid/1/1", "minimum"));
    assert_eq!(with("grid", json!([[0, 1, 2]])), one("/grid/0", "maxItems"));
    assert_eq!(with("labels", json!({"a": "1234", "b": null})), vec![]);
    assert_eq!(with("labels", json!({"a": "12345"})), one("/labels/a", "maxLength"));
    assert_eq!(
        with("labels", json!({"a": "", "b": "", "c": "", "d": ""})),
        one("/labels", "maxProperties")
    );
}

#[test]
fn unions_and_compositions() {
    assert_eq!(with("param", json!({})), one("/param", "oneOf"));
    assert_eq!(with("param", json!({"alias": "audience"})), vec![]);
    assert_eq!(with("either", json!("abc")), vec![]);
    assert_eq!(with("either", json!(150)), vec![]);
    assert_eq!(with("either", json!("abcd")), one("/either", "maxLength"));
    assert_eq!(with("either", json!(5)), one("/either", "minimum"));
    assert_eq!(with("child", json!({"id": "x", "extra_id": 1})), vec![]);
    assert_eq!(with("child", json!({"id": "x"})), one("/child", "required"));
    assert_eq!(with("child", json!({"id": "", "extra_id": 1, "age": -1})).len(), 2);
    assert_eq!(
        with("tree", json!({"value": 1, "children": [{"value": 10}]})),
        one("/tree/children/0/value", "maximum")
    );
    assert_eq!(with("loose", json!({"note": "short", "anything": [1]})), vec![]);
    assert_eq!(with("loose", json!({"note": "much too long"})), one("/loose/note", "maxLength"));
    assert_eq!(with("anything", json!("abcd")), one("/anything", "maxLength"));
    assert_eq!(with("anything", json!(5)), one("/anything", "minimum"));
    assert_eq!(with("anything", json!(true)), vec![]);
    assert_eq!(with("short_name", json!("abcdefg")), one("/short_name", "maxLength"));
    // The alias's maxLength 6 and the place's minLength 3, both.
    assert_eq!(with("nickname", json!("ab")), one("/nickname", "minLength"));
    assert_eq!(with("nickname", json!("abcdefg")), one("/nickname", "maxLength"));
    assert_eq!(with("nickname", json!("abcd")), vec![]);
}

#[test]
fn nullable_enums() {
    assert_eq!(with("policy", json!(null)), vec![]);
    // null is not in the enum of `Method`: the field cannot hold it, and
    // `Thing` is a request type, so a null is not read either.
    let body = json!({"name": "ab", "kind": "small", "method": null});
    let error = serde_json::from_value::<Thing>(body.clone()).unwrap_err();
    assert!(error.to_string().starts_with("`method` is null"), "{error}");
    let raw = Thing::validate_json(&body).unwrap_err();
    assert_eq!(raw.violations()[0].pointer, "/method");
    assert_eq!(raw.violations()[0].keyword, "type");
}

#[test]
fn closed_and_counted() {
    assert_eq!(
        check(json!({"name": "ab", "kind": "small", "other": 1})),
        one("/other", "additionalProperties")
    );
}
"####;

#[test]
fn constraints_fixture_validators_behave() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-validators");
    let dir = scratch.join("fixture-constraints");
    Config::new()
        .write_crate(
            root.join("tests/fixtures/constraints.yaml"),
            &dir,
            "fixture-constraints",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("tests")).expect("tests dir");
    std::fs::write(dir.join("tests/behaviour.rs"), TESTS).expect("test file");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"fixture-constraints\"]\n",
    )
    .expect("workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    let output = scratch::cargo(&scratch)
        .args(["test", "--offline", "--quiet"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the fixture's validator tests fail:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
