//! Snapshots of the emitted code: for `spec/` and for one small fixture per
//! construct. Review changes with `cargo insta review`.

use openapi_rustgen::Config;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The generated `types` module, without the `@generated` header (which names
/// the generator's version and would change every snapshot on each release).
fn types_module(spec: &Path) -> String {
    module(spec, "src/types.rs")
}

fn module(spec: &Path, file: &str) -> String {
    let generated = Config::new()
        .generate_crate(spec, "fixture")
        .unwrap_or_else(|e| panic!("{e}"));
    let file = generated
        .files
        .iter()
        .find(|f| f.path == Path::new(file))
        .unwrap_or_else(|| panic!("no {file}"));
    body(&file.contents)
}

fn body(contents: &str) -> String {
    contents
        .lines()
        .skip_while(|l| {
            let l = l.trim_start_matches(['/', '#', ' ']);
            l.starts_with("@generated") || l.starts_with("Do not edit")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn spec_types() {
    insta::assert_snapshot!(
        "spec_types",
        types_module(&root().join("spec/connection-update.json"))
    );
}

/// The validators of `spec/`: what `validate()` checks on an update.
#[test]
fn spec_validate() {
    insta::assert_snapshot!(
        "spec_validate",
        module(
            &root().join("spec/connection-update.json"),
            "src/validate.rs"
        )
    );
}

/// The validators of a fixture with a constraint of every kind.
#[test]
fn fixture_constraints_validate() {
    insta::assert_snapshot!(
        "fixture_constraints_validate",
        module(
            &root().join("tests/fixtures/constraints.yaml"),
            "src/validate.rs"
        )
    );
}

/// The validators of fixtures whose checks are the point: integer formats and
/// their bounds, patterns from other regex dialects.
#[test]
fn fixture_int_formats_and_patterns_validate() {
    for (name, file) in [
        ("fixture_int_formats_validate", "int_formats.yaml"),
        ("fixture_patterns_validate", "patterns.yaml"),
    ] {
        let validate = module(&root().join("tests/fixtures").join(file), "src/validate.rs");
        // The part after the runtime: the checks of the fixture's own types.
        let own = validate
            .split_once("\n#[allow(deprecated)]\nimpl Validate for")
            .map(|(_, rest)| format!("impl Validate for{rest}"))
            .unwrap_or(validate);
        insta::assert_snapshot!(name, own);
    }
}

/// The client of a fixture whose names collide with the client's own items,
/// with nested groups, several success statuses and non-JSON bodies.
#[test]
fn fixture_client_operations_client() {
    insta::assert_snapshot!(
        "fixture_client_operations_client",
        module(
            &root().join("tests/fixtures/client_operations.yaml"),
            "src/client.rs"
        )
    );
}

/// The client of the pagination fixture after the runtime: each paginated
/// operation's `…_stream` method beside its own, and none for the
/// operation that only has the parameters.
#[test]
fn fixture_pagination_client() {
    let spec = root().join("tests/fixtures/pagination.yaml");
    insta::assert_snapshot!("fixture_pagination_client", client_operations(&spec));
}

#[test]
fn spec_runtime_and_lib() {
    let generated = Config::new()
        .generate_crate(
            root().join("spec/connection-update.json"),
            "auth0-connections",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    for file in &generated.files {
        if file.path != Path::new("src/types.rs") && file.path != Path::new("src/validate.rs") {
            let name = file.path.to_string_lossy().replace(['/', '.'], "_");
            insta::assert_snapshot!(format!("spec_{name}"), body(&file.contents));
        }
    }
}

macro_rules! fixture {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), types_module(&root().join("tests/fixtures").join($file)));
        }
    )*};
}

fixture! {
    fixture_nullable_30 => "nullable_30.yaml",
    fixture_type_arrays_31 => "type_arrays_31.json",
    fixture_enums => "enums.yaml",
    fixture_open_objects => "open_objects.yaml",
    fixture_deprecation => "deprecation.yaml",
    fixture_nested_refs => "nested_refs.yaml",
    fixture_cycles => "cycles.yaml",
    fixture_names => "names.yaml",
    fixture_unions => "unions.yaml",
    fixture_discriminators => "discriminators.yaml",
    fixture_constraints => "constraints.yaml",
    fixture_missing_operation_ids => "missing_operation_ids.yaml",
    fixture_external_refs => "external_refs.yaml",
    fixture_int_formats => "int_formats.yaml",
    fixture_patterns => "patterns.yaml",
    fixture_big_integers => "big_integers.yaml",
    fixture_webhooks_31 => "webhooks_31.yaml",
    fixture_webhooks_with_paths_31 => "webhooks_with_paths_31.yaml",
}

/// The client's operations (its methods, parameter structs and error enums),
/// without the runtime every client module starts with (it ends with
/// `base64`, the last item of `generator/runtime/auth.rs`, or with
/// `impl EventParser`, the last of `generator/runtime/sse.rs`).
fn client_operations(spec: &Path) -> String {
    let client = module(spec, "src/client.rs");
    let mut lines = client.lines();
    for line in lines.by_ref() {
        if line.starts_with("fn base64(") {
            break;
        }
    }
    for line in lines.by_ref() {
        if line == "}" {
            break;
        }
    }
    let mut rest: Vec<&str> = lines.collect();
    // A crate that streams server-sent events has `generator/runtime/sse.rs`
    // next, ending with `impl EventParser`.
    if let Some(start) = rest.iter().position(|line| *line == "impl EventParser {") {
        if let Some(end) = rest[start..].iter().position(|line| *line == "}") {
            rest.drain(..start + end + 1);
        }
    }
    rest.join("\n")
}

/// Fixtures about operations: their types, then the client's operations.
macro_rules! fixture_operations {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            let spec = root().join("tests/fixtures").join($file);
            insta::assert_snapshot!(
                stringify!($test),
                format!("// types.rs\n{}\n\n// client.rs, after the runtime\n{}", types_module(&spec), client_operations(&spec))
            );
        }
    )*};
}

fixture_operations! {
    fixture_params_default => "params_default.yaml",
    fixture_reserved_headers => "reserved_headers.yaml",
    fixture_nullable_query => "nullable_query.yaml",
    fixture_path_order => "path_order.yaml",
    fixture_deep_refs => "deep_refs.yaml",
    fixture_deep_object => "deep_object.yaml",
    fixture_security => "security.yaml",
    fixture_error_responses => "error_responses.yaml",
    fixture_param_styles => "param_styles.yaml",
    fixture_media_types => "media_types.yaml",
    fixture_users_imports => "users_imports.json",
    fixture_events => "events.yaml",
}

#[test]
fn output_is_deterministic() {
    let spec = root().join("spec/connection-update.json");
    let first = Config::new()
        .generate_crate(&spec, "auth0-connections")
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..3 {
        let again = Config::new()
            .generate_crate(&spec, "auth0-connections")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.files, again.files);
    }
}

/// The runtime of server-sent events (`generator/runtime/sse.rs`) and its
/// `futures-core` dependency are in the crates whose operations stream
/// events, and only there.
#[test]
fn event_streams_only_where_used() {
    for (fixture, streams) in [
        ("events.yaml", true),
        ("media_types.yaml", false),
        ("security.yaml", false),
    ] {
        let spec = root().join("tests/fixtures").join(fixture);
        let client = module(&spec, "src/client.rs");
        let manifest = module(&spec, "Cargo.toml");
        assert_eq!(
            client.contains("pub struct EventStream<"),
            streams,
            "{fixture}"
        );
        assert_eq!(client.contains("impl EventParser {"), streams, "{fixture}");
        assert_eq!(
            manifest.contains("futures-core = { version = \"0.3\", optional = true }")
                && manifest.contains("\"dep:futures-core\""),
            streams,
            "{fixture}"
        );
    }
}
