//! The dependencies a generated crate declares follow from what its client
//! uses: `futures-core` (the `Stream` trait) only when an operation streams
//! pages or server-sent events.

use openapi_rustgen::Config;
use std::path::Path;

fn manifest(fixture: &str) -> String {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(fixture);
    let generated = Config::new()
        .quiet(true)
        .generate_crate(&spec, "fixture")
        .unwrap_or_else(|e| panic!("{fixture}: {e}"));
    generated
        .files
        .iter()
        .find(|f| f.path.ends_with("Cargo.toml"))
        .map(|f| f.contents.clone())
        .expect("a manifest")
}

#[test]
fn futures_core_only_where_an_operation_streams() {
    for streams in ["pagination.yaml", "events.yaml"] {
        assert!(manifest(streams).contains("futures-core"), "{streams}");
    }
    for plain in ["retries.yaml", "security.yaml"] {
        assert!(!manifest(plain).contains("futures-core"), "{plain}");
    }
}
