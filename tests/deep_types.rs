//! Types nested deeper than rustc's default recursion limit (128) allows: a
//! chain of 100 object types, each with an optional field of the next, did
//! not compile ("queries overflow the depth limit" computing the layout of the
//! outermost type). Each description below becomes a crate in a scratch
//! workspace that sets the `#![recursion_limit]` the generator chose; `cargo
//! clippy` (with `-D warnings`), `cargo test` and `cargo doc` (rustdoc proves
//! every auto trait of every type, the deepest proof there is) run on them.
//! Each crate's own test does what a crate using it may do: prove `Send`,
//! `Sync`, `Unpin`, `UnwindSafe` and `RefUnwindSafe` of the outermost type
//! and `Send` of a future that holds it (with the same attribute), and, for
//! the chain of 100, send a value 100 levels deep through JSON and back.

use openapi_rustgen::{write, Config};
use serde_json::{json, Map, Value};
use std::path::Path;
mod scratch;

fn reference(i: usize) -> Value {
    json!({ "$ref": format!("#/components/schemas/A{i}") })
}

fn description(schemas: Vec<(String, Value)>) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Deep", "version": "1" },
        "paths": {},
        "components": { "schemas": schemas.into_iter().collect::<Map<_, _>>() },
    })
}

/// `A0` … `A{n-1}`, each with an optional field `next` of the following
/// one; the last has a string.
fn chain(n: usize) -> Value {
    description(
        (0..n)
            .map(|i| {
                let next = match i + 1 < n {
                    true => json!({ "next": reference(i + 1) }),
                    false => json!({ "name": { "type": "string" } }),
                };
                (
                    format!("A{i}"),
                    json!({ "type": "object", "properties": next }),
                )
            })
            .collect(),
    )
}

/// 100 types in one cycle, each holding the next in another way: an
/// optional field, a required one, an array, a map, a nullable field (a
/// `Patch`), a `oneOf`, `additionalProperties`, in turn. The last holds `A0`
/// by value. The schemas are listed from the last, so that no `$ref` chain
/// is followed deeper than one level when they are read.
fn mixed() -> Value {
    let n = 100;
    let schemas = (0..n).rev().map(|i| {
        let next = reference((i + 1) % n);
        let mut schema =
            json!({ "type": "object", "properties": { "name": { "type": "string" } } });
        let properties = &mut schema["properties"];
        match i % 7 {
            0 => properties["next"] = next,
            1 => {
                properties["next"] = next;
                schema["required"] = json!(["next"]);
            }
            2 => properties["next"] = json!({ "type": "array", "items": next }),
            3 => properties["next"] = json!({ "type": "object", "additionalProperties": next }),
            4 => properties["next"] = json!({ "nullable": true, "allOf": [next] }),
            5 => properties["next"] = json!({ "oneOf": [next, { "type": "string" }] }),
            _ => schema["additionalProperties"] = next,
        }
        (format!("A{i}"), schema)
    });
    description(schemas.collect())
}

/// 100 types in one cycle of optional fields held by value: every one is
/// boxed.
fn ring() -> Value {
    let n = 100;
    description(
        (0..n)
            .map(|i| {
                let next = json!({ "next": reference((i + 1) % n) });
                (
                    format!("A{i}"),
                    json!({ "type": "object", "properties": next }),
                )
            })
            .collect(),
    )
}

/// The crate's own test: what a crate using the outermost type proves.
fn downstream(krate: &str, limit: u32, runtime: &str) -> String {
    format!(
        r#"#![recursion_limit = "{limit}"]
//! What a crate that uses the deepest type proves.

use {krate}::*;

fn auto_traits<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe>(_: &T) {{}}

fn send<T: Send>(_: &T) {{}}

#[test]
fn the_outermost_type_has_its_auto_traits() {{
    fn check(value: A0) {{
        auto_traits(&value);
        let future = async move {{
            std::future::ready(()).await;
            value
        }};
        send(&future);
    }}
    let _ = check as fn(A0);
}}
{runtime}"#
    )
}

/// A value of the chain of 100, every level present, through JSON and back
/// on a thread with a large stack (serialising, deserialising and dropping it
/// recurse once a level, in large debug frames).
fn round_trip() -> String {
    let mut build =
        String::from("let value = A99 { name: Some(\"end\".into()), ..Default::default() };\n");
    for i in (0..99).rev() {
        build.push_str(&format!(
            "        let value = A{i} {{ next: Some(value), ..Default::default() }};\n"
        ));
    }
    format!(
        r#"
#[test]
fn a_value_100_levels_deep_goes_through_json_and_back() {{
    let deep = || {{
        {build}
        assert!(value.validate().is_ok());
        let text = serde_json::to_string(&value).expect("serialises");
        assert_eq!(text.matches("\"next\"").count(), 99);
        let back: A0 = serde_json::from_str(&text).expect("deserialises");
        assert_eq!(back, value);
    }};
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(deep)
        .expect("thread")
        .join()
        .expect("no panic");
}}
"#
    )
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = scratch::cargo(dir)
        .args(args)
        .args(["--offline", "--quiet"])
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} fails on the deep crates:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn deep_types_compile_with_the_recursion_limit_they_get() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deep-types");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    std::fs::create_dir_all(scratch.join("specs")).expect("scratch");
    // The chain of 199 is the longest the generator reads in document order
    // (it refuses schemas nested more than 200 levels, properties included).
    // Limits: twice the levels of `ir::nesting` and 64, to a power of two.
    let cases = [
        ("chain-100", chain(100), 512, round_trip()),
        ("chain-199", chain(199), 1024, String::new()),
        ("mixed-100", mixed(), 2048, String::new()),
        ("ring-100", ring(), 2048, String::new()),
    ];
    let mut members = Vec::new();
    for (name, spec, limit, runtime) in cases {
        let path = scratch.join("specs").join(format!("{name}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&spec).expect("json")).expect("spec");
        let config = Config::new();
        let generated = config
            .generate_crate(&path, name)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(generated.recursion_limit, Some(limit), "{name}");
        let lib = generated
            .files
            .iter()
            .find(|f| f.path == Path::new("src/lib.rs"))
            .expect("lib.rs");
        // The first line after the `@generated` header's comments.
        let first = lib
            .contents
            .lines()
            .find(|l| !l.starts_with("//") && !l.is_empty());
        let attribute = format!("#![recursion_limit = \"{limit}\"]");
        assert_eq!(first, Some(attribute.as_str()), "{}", lib.contents);
        assert!(
            lib.contents.contains(&format!(
                "//! Its types nest too deep for rustc's default recursion limit (128), so the crate sets `{attribute}`."
            )),
            "{}",
            lib.contents
        );
        // The one file for `include!` cannot hold it: its header says so.
        let single = config
            .generate(&openapi_rustgen::load::Source::read(&path).expect("read"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(single.recursion_limit, Some(limit));
        let text = &single.files[0].contents;
        assert!(
            !text.lines().any(|l| l.starts_with("#![recursion_limit")),
            "{name}"
        );
        let header: String = text.lines().take_while(|l| l.starts_with("//")).collect();
        assert!(header.contains(&format!("`{attribute}`")), "{header}");

        let dir = scratch.join("crates").join(name);
        write::write_files(&dir, &generated.files).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(dir.join("tests")).expect("tests dir");
        let krate = name.replace('-', "_");
        std::fs::write(
            dir.join("tests/downstream.rs"),
            downstream(&krate, limit, &runtime),
        )
        .expect("test file");
        members.push(format!("\"crates/{name}\""));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .expect("workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    cargo(&scratch, &["clippy", "--workspace", "--all-targets"]);
    cargo(&scratch, &["test", "--workspace"]);
    cargo(&scratch, &["doc", "--workspace", "--no-deps"]);
}

/// Descriptions as deep as these are rare: none of Auth0's or of the corpus
/// comes near (its deepest, 57 levels, keeps rustc's default).
#[test]
fn auth0_keeps_the_default_recursion_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Config::new()
        .generate_crate(
            root.join("spec/connection-update.json"),
            "auth0-connections",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.recursion_limit, None);
    assert!(generated
        .files
        .iter()
        .all(|f| !f.contents.contains("recursion_limit")));
}

/// Past what rustc's own stack takes (about 2,000 levels), no recursion
/// limit helps: 1,000 types in a chain (1,999 levels), listed from the last
/// so that reading them never nests, are refused, naming the outermost type.
#[test]
fn types_nested_beyond_what_rustc_can_take_are_refused() {
    let Value::Object(mut doc) = chain(1_000) else {
        unreachable!("a description is an object");
    };
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .clone();
    let reversed: Map<String, Value> = schemas.into_iter().rev().collect();
    doc["components"]["schemas"] = Value::Object(reversed);
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deep-refused");
    std::fs::create_dir_all(&scratch).expect("scratch");
    let spec = scratch.join("deep.json");
    std::fs::write(&spec, serde_json::to_vec(&doc).expect("json")).expect("spec");
    let error = Config::new()
        .generate_crate(&spec, "deep")
        .expect_err("1,999 levels are refused");
    let message = error.to_string();
    assert!(
        message.contains("nest 1999 levels deep from `A0`"),
        "{message}"
    );
    assert!(message.contains("/components/schemas/A0"), "{message}");
}
