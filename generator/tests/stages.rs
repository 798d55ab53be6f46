//! The stages run one at a time (what the stage benchmark measures) give the
//! code that generation gives, whose modules are built and printed item by
//! item on two threads; and generation gives the same text every time,
//! whichever thread printed which item.

use openapi_rustgen::load::Source;
use openapi_rustgen::{stages, Selection};
use std::path::Path;

fn without_blank_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
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
    assert_eq!(
        without_blank_lines(&one_by_one),
        without_blank_lines(&generated),
        "{}: the stages one by one and generation differ",
        path.display()
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
