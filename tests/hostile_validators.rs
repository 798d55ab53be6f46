//! The validators generated for `tests/fixtures/hostile_values.yaml`, run on
//! hostile values: the fixture becomes a crate in a scratch workspace, with
//! the tests below as its integration test, and `cargo test` runs them.
//!
//! - `^(a+)+$` against 40 `a`s and a `!`: a backtracking engine (`regress`,
//!   either backend) takes hours on it (2^40 paths); the test completes.
//! - integer bounds of `1.5` and `7.5` mean `≥ 2` and `≤ 7`;
//! - `i64::MIN` against `multipleOf` (and the remainder check against `-1`
//!   itself) does not overflow;
//! - a recursive value nested 100,000 levels deep, built in code, gives a
//!   `depth` violation instead of overflowing the stack.

use openapi_rustgen::Config;
use std::path::Path;
mod scratch;

const TESTS: &str = r####"
use hostile_values::validate::*;
use hostile_values::*;

fn keywords(thing: &Thing) -> Vec<(String, &'static str)> {
    match thing.validate() {
        Ok(()) => vec![],
        Err(e) => e.violations().iter().map(|v| (v.pointer.clone(), v.keyword)).collect(),
    }
}

fn one(pointer: &str, keyword: &'static str) -> Vec<(String, &'static str)> {
    vec![(pointer.to_string(), keyword)]
}

#[test]
fn nested_quantifiers_run_in_linear_time() {
    let bad = Thing { nested_a: Some(format!("{}!", "a".repeat(40))), ..Default::default() };
    assert_eq!(keywords(&bad), one("/nested_a", "pattern"));
    let long = Thing { nested_a: Some(format!("{}!", "a".repeat(100_000))), ..Default::default() };
    assert_eq!(keywords(&long), one("/nested_a", "pattern"));
    let good = Thing { nested_a: Some("a".repeat(40)), ..Default::default() };
    assert_eq!(keywords(&good), vec![]);
}

#[test]
fn fractional_integer_bounds_are_rounded_inward() {
    // An integer and a fractional bound compare exactly: `minimum: 1.5`
    // admits 2 and not 1; an exclusive one reports its own keyword.
    let at = |f: fn(&mut Thing, i64), v: i64| {
        let mut thing = Thing::default();
        f(&mut thing, v);
        keywords(&thing)
    };
    let min: fn(&mut Thing, i64) = |t, v| t.at_least_two = Some(v);
    assert_eq!(at(min, -100), one("/at_least_two", "minimum"));
    assert_eq!(at(min, 1), one("/at_least_two", "minimum"));
    assert_eq!(at(min, 2), vec![]);
    let max: fn(&mut Thing, i64) = |t, v| t.at_most_seven = Some(v);
    assert_eq!(at(max, 8), one("/at_most_seven", "maximum"));
    assert_eq!(at(max, 7), vec![]);
    let above: fn(&mut Thing, i64) = |t, v| t.above_one = Some(v);
    assert_eq!(at(above, 1), one("/above_one", "exclusiveMinimum"));
    assert_eq!(at(above, 2), vec![]);
    let below: fn(&mut Thing, i64) = |t, v| t.below_eight = Some(v);
    assert_eq!(at(below, 8), one("/below_eight", "exclusiveMaximum"));
    assert_eq!(at(below, 7), vec![]);
}

#[test]
fn remainders_do_not_overflow() {
    for value in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
        let thing = Thing { step: Some(value), ..Default::default() };
        let expected = if value % 3 == 0 { vec![] } else { one("/step", "multipleOf") };
        assert_eq!(keywords(&thing), expected, "{value}");
    }
    // The check itself, with the factor whose remainder overflows.
    let mut report = Report::new();
    multiple_of_int(&mut report, &Path::Root, i128::from(i64::MIN), -1);
    multiple_of_int(&mut report, &Path::Root, i128::MIN, -1);
    assert!(report.is_clean());
}

#[test]
fn deep_values_are_a_violation_not_a_stack_overflow() {
    let mut tree = Tree::default();
    for _ in 0..100_000 {
        tree = Tree { children: Some(vec![tree]), ..Default::default() };
    }
    let thing = Thing { tree: Some(tree), ..Default::default() };
    let errors = thing.validate().expect_err("too deep");
    let v = &errors.violations()[0];
    assert_eq!((errors.violations().len(), v.keyword), (1, "depth"));
    assert!(v.pointer.starts_with("/tree/children/0/children/0/"), "{}", v.pointer);
    // Taken apart by hand: dropping it whole would recurse as deep.
    let mut stack = vec![thing.tree.expect("tree")];
    while let Some(mut node) = stack.pop() {
        stack.extend(node.children.take().unwrap_or_default());
    }
    // Shallow values are checked as before.
    let shallow = Thing {
        tree: Some(Tree { label: Some("toolong".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(keywords(&shallow), one("/tree/label", "maxLength"));
}
"####;

#[test]
fn hostile_values_validators_behave() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-validators");
    let dir = scratch.join("hostile-values");
    Config::new()
        .write_crate(
            root.join("tests/fixtures/hostile_values.yaml"),
            &dir,
            "hostile-values",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("tests")).expect("tests dir");
    std::fs::write(dir.join("tests/behaviour.rs"), TESTS).expect("test file");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"hostile-values\"]\n",
    )
    .expect("workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    let output = scratch::cargo(&scratch)
        .args(["test", "--offline", "--quiet", "--no-default-features"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the fixture's validator tests fail:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
