//! The stages run one at a time (what the stage benchmark measures) give the
//! code that generation gives, whose modules are built and printed item by
//! item on two threads, but for the runtime's items, which generation copies
//! as they are written in `generator/runtime/` and the stages leave out; and
//! generation gives the same text every time, whichever thread printed which
//! item.

use openapi_rustgen::load::Source;
use openapi_rustgen::{stages, Selection};
use std::path::Path;

fn without_blank_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// Every line of the runtime files, trimmed.
fn runtime_lines() -> std::collections::BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
    let mut lines = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("generator/runtime") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("a file");
        lines.extend(text.lines().map(|l| l.trim().to_string()));
    }
    lines
}

/// Asserts that `generated` is the stages' lines, in order, with only lines
/// of the runtime files between them (and the description's `SERVER`,
/// which goes among the runtime's items).
fn stages_plus_runtime(stages: &[&str], generated: &[&str], path: &Path) {
    let mut runtime = runtime_lines();
    for line in generated {
        if line.starts_with("/// The server of the description:")
            || line.starts_with("pub const SERVER: &str = ")
        {
            runtime.insert(line.trim().to_string());
        }
    }
    let mut next = 0;
    let mut copied = 0;
    for line in stages {
        let Some(at) = generated[next..].iter().position(|g| g == line) else {
            panic!(
                "{}: `{line}` of the stages is not in the generated code, in order",
                path.display()
            );
        };
        for skipped in &generated[next..next + at] {
            assert!(
                runtime.contains(skipped.trim()),
                "{}: `{skipped}` is neither the stages' nor the runtime's",
                path.display()
            );
        }
        copied += at;
        next += at + 1;
    }
    for rest in &generated[next..] {
        assert!(
            runtime.contains(rest.trim()),
            "{}: `{rest}` is neither the stages' nor the runtime's",
            path.display()
        );
    }
    // The runtime's text is there: hundreds of lines, not a stray one.
    assert!(
        copied + generated.len() - next > 200,
        "{}: no runtime",
        path.display()
    );
}

fn check(path: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    let source = Source::read(&path).expect("the description is there");
    let doc = stages::load(&source).expect("it parses");
    let loaded = stages::resolve(&source, doc).expect("it resolves");
    let ir = stages::ir(&source, &loaded, &Selection::default()).expect("the IR builds");
    let (types, operations) = ir.counts();
    assert!(types > 0, "{}: no types", path.display());

    let chunks = stages::emit(&ir).expect("the code builds");
    let one_by_one = stages::format(chunks).expect("the code prints");
    let generated = stages::emit_and_format(&ir).expect("the code generates");
    stages_plus_runtime(
        &without_blank_lines(&one_by_one),
        &without_blank_lines(&generated),
        &path,
    );
    if operations > 0 {
        assert!(generated.contains("pub struct Client"), "no client");
    }
    for _ in 0..3 {
        assert_eq!(
            stages::emit_and_format(&ir).expect("the code generates"),
            generated,
            "{}: generation is not deterministic",
            path.display()
        );
    }
}

#[test]
fn stages_on_the_spec_give_the_generated_code() {
    check("spec/connection-update.json");
}

#[test]
fn stages_on_unions_and_constraints_give_the_generated_code() {
    check("tests/fixtures/unions.yaml");
    check("tests/fixtures/constraints.yaml");
}
