//! The committed crate `generated/` is exactly what the generator makes from
//! `spec/`; on a difference this fails and says how to regenerate.

use openapi_rustgen::Config;
use std::path::Path;

#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Config::new()
        .generate_crate(
            root.join("spec/connection-update.json"),
            "auth0-connections",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stale = Vec::new();
    for file in &generated.files {
        let path = root.join("generated").join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    // No leftover module that the generator no longer makes.
    let expected: Vec<_> = generated
        .files
        .iter()
        .map(|f| root.join("generated").join(&f.path))
        .collect();
    for entry in std::fs::read_dir(root.join("generated/src")).expect("generated/src") {
        let path = entry.expect("entry").path();
        if !expected.contains(&path) {
            stale.push(format!("{} (not generated any more)", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n  {}\nregenerate it with: cargo run -p openapi-rustgen",
        stale.join("\n  ")
    );
}
