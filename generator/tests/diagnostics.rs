//! Every bad input of `tests/fixtures/bad/` gets an error that names the file,
//! the JSON Pointer and (where known) line and column, shows the line, says
//! what to do, has the right kind (exit code), and writes nothing. Nesting
//! 100,000 levels deep is an error, never a stack overflow.

use openapi_rustgen::load::Source;
use openapi_rustgen::{write, Config, Error, ErrorKind, GeneratedFile};
use std::path::{Path, PathBuf};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/bad")
        .join(name)
}

/// A fresh output directory that must stay absent.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diagnostics")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Generates a crate from a bad fixture; the error, after checking that
/// nothing was written.
fn fail(name: &str, operations: &[&str]) -> Error {
    let mut config = Config::new();
    for op in operations {
        config.operation(*op);
    }
    fail_with(name, &config)
}

/// [`fail`] with this configuration.
fn fail_with(name: &str, config: &Config) -> Error {
    let out = out_dir(name);
    let result = config.write_crate(bad(name), &out, "bad");
    assert!(
        !out.exists(),
        "{name}: something was written to {}",
        out.display()
    );
    match result {
        Ok(report) => panic!("{name}: no error, wrote {:?}", report.written),
        Err(e) => e,
    }
}

struct Expect<'a> {
    kind: ErrorKind,
    /// Words the message holds.
    message: &'a [&'a str],
    /// The file named, relative to `tests/fixtures/bad`.
    file: &'a str,
    pointer: Option<&'a str>,
    line_col: Option<(usize, usize)>,
    /// What the shown line holds.
    line: Option<&'a str>,
}

fn check(name: &str, e: &Error, expect: Expect<'_>) {
    let shown = e.to_string();
    assert_eq!(e.kind, expect.kind, "{name}: kind\n{shown}");
    for word in expect.message {
        assert!(
            e.message.contains(word),
            "{name}: message lacks {word:?}\n{shown}"
        );
    }
    let file = e
        .file
        .as_deref()
        .unwrap_or_else(|| panic!("{name}: no file\n{shown}"));
    assert!(
        file.ends_with(expect.file),
        "{name}: file {} is not {}",
        file.display(),
        expect.file
    );
    assert_eq!(
        e.pointer.as_deref(),
        expect.pointer,
        "{name}: pointer\n{shown}"
    );
    assert_eq!(
        e.line_col, expect.line_col,
        "{name}: line and column\n{shown}"
    );
    assert!(e.help.is_some(), "{name}: no help\n{shown}");
    // The rendered error names the file (with line and column) and the pointer.
    let origin = match e.line_col {
        Some((l, c)) => format!("{}:{l}:{c}", file.display()),
        None => file.display().to_string(),
    };
    assert!(shown.contains(&origin), "{name}: {origin} not in\n{shown}");
    if let Some(pointer) = expect.pointer.filter(|p| !p.is_empty()) {
        assert!(
            shown.contains(&format!("pointer: {pointer}")),
            "{name}:\n{shown}"
        );
    }
    match (expect.line, &e.excerpt) {
        (Some(text), Some(excerpt)) => {
            assert!(
                excerpt.text.contains(text),
                "{name}: line {:?}",
                excerpt.text
            );
            assert!(
                shown.contains(&excerpt.text),
                "{name}: the line is not shown\n{shown}"
            );
            let marked = &excerpt.text[excerpt.columns.clone()];
            assert!(
                !marked.trim().is_empty(),
                "{name}: nothing marked in {:?}",
                excerpt
            );
        }
        (Some(_), None) => panic!("{name}: no line shown\n{shown}"),
        (None, _) => {}
    }
}

#[test]
fn not_json_or_yaml() {
    let e = fail("not_json_or_yaml.json", &[]);
    let expect = Expect {
        kind: ErrorKind::Syntax,
        message: &["neither JSON nor YAML", "HTML"],
        file: "not_json_or_yaml.json",
        pointer: None,
        line_col: None,
        line: None,
    };
    check("not_json_or_yaml.json", &e, expect);
}

#[test]
fn invalid_yaml_shows_where_the_open_quote_began() {
    let e = fail("invalid_yaml.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Syntax,
        message: &["not valid YAML", "quoted scalar"],
        file: "invalid_yaml.yaml",
        pointer: None,
        line_col: Some((3, 10)),
        line: Some("title: \"An unclosed quote"),
    };
    check("invalid_yaml.yaml", &e, expect);
}

#[test]
fn empty_file() {
    let e = fail("empty.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Syntax,
        message: &["empty"],
        file: "empty.yaml",
        pointer: None,
        line_col: None,
        line: None,
    };
    check("empty.yaml", &e, expect);
}

#[test]
fn truncated_json() {
    let e = fail("truncated.json", &[]);
    let expect = Expect {
        kind: ErrorKind::Syntax,
        message: &["ends too early", "truncated"],
        file: "truncated.json",
        pointer: None,
        line_col: Some((9, 43)),
        line: Some("\"description\": \"OK\", \"con"),
    };
    check("truncated.json", &e, expect);
    // Cut at any point, it is still an error (never a panic).
    let text = std::fs::read(bad("truncated.json")).expect("fixture");
    for end in 0..text.len() {
        let source = Source::from_bytes("cut.json", &text[..end]);
        let e = Config::new()
            .generate_crate_from(&source, "cut")
            .expect_err("a cut document is an error");
        assert_eq!(e.kind, ErrorKind::Syntax, "cut at {end}: {e}");
    }
}

#[test]
fn swagger_2() {
    let e = fail("swagger_2.json", &[]);
    let expect = Expect {
        kind: ErrorKind::Version,
        message: &["Swagger 2.0"],
        file: "swagger_2.json",
        pointer: Some("/swagger"),
        line_col: Some((2, 14)),
        line: Some("\"swagger\": \"2.0\""),
    };
    check("swagger_2.json", &e, expect);
}

#[test]
fn unknown_openapi_version() {
    let e = fail("unknown_version.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Version,
        message: &["`4.0.0`"],
        file: "unknown_version.yaml",
        pointer: Some("/openapi"),
        line_col: Some((1, 10)),
        line: Some("openapi: 4.0.0"),
    };
    check("unknown_version.yaml", &e, expect);
}

#[test]
fn no_paths() {
    let e = fail("no_paths.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Invalid,
        message: &["no `paths`"],
        file: "no_paths.yaml",
        pointer: Some(""),
        line_col: Some((1, 1)),
        line: Some("openapi: 3.0.3"),
    };
    check("no_paths.yaml", &e, expect);
}

#[test]
fn reference_to_a_missing_schema() {
    let e = fail("missing_schema_ref.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Reference,
        message: &["#/components/schemas/Pets", "points to no schema"],
        file: "missing_schema_ref.yaml",
        pointer: Some("/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"),
        line_col: Some((12, 30)),
        line: Some("schema: {$ref: '#/components/schemas/Pets'}"),
    };
    check("missing_schema_ref.yaml", &e, expect);
    // The whole rendering, as a user sees it.
    let file = bad("missing_schema_ref.yaml");
    assert_eq!(
        e.to_string(),
        format!(
            "error: reference `#/components/schemas/Pets` points to no schema
  --> {}:12:30
   |
12 |               schema: {{$ref: '#/components/schemas/Pets'}}
   |                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = pointer: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref
   = help: fix the reference or add the missing component",
            file.display()
        )
    );
}

#[test]
fn reference_to_a_missing_file() {
    let e = fail("missing_file_ref.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Reference,
        message: &["schemas/nowhere.yaml", "cannot be read"],
        file: "missing_file_ref.yaml",
        pointer: Some("/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"),
        line_col: Some((12, 30)),
        line: Some("'schemas/nowhere.yaml#/Pet'"),
    };
    check("missing_file_ref.yaml", &e, expect);
}

#[test]
fn reference_to_a_missing_node_of_another_file() {
    // The file is in `tests/fixtures/external`, a root allowed here.
    let mut config = Config::new();
    config.allow_ref_root(bad(".."));
    let e = fail_with("missing_node_in_file.yaml", &config);
    let expect = Expect {
        kind: ErrorKind::Reference,
        message: &["common.json", "no node at `/components/schemas/Pets`"],
        file: "missing_node_in_file.yaml",
        pointer: Some("/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"),
        line_col: Some((12, 30)),
        line: Some("common.json#/components/schemas/Pets"),
    };
    check("missing_node_in_file.yaml", &e, expect);
}

#[test]
fn remote_reference_is_refused() {
    let e = fail("remote_ref.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Reference,
        message: &["https://example.com/schemas/pet.json", "no network"],
        file: "remote_ref.yaml",
        pointer: Some("/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"),
        line_col: Some((12, 30)),
        line: Some("https://example.com/schemas/pet.json"),
    };
    check("remote_ref.yaml", &e, expect);
}

#[test]
fn chosen_operation_that_does_not_exist() {
    let e = fail("unknown_operation.yaml", &["deletePet"]);
    let expect = Expect {
        kind: ErrorKind::Selection,
        message: &["`deletePet`"],
        file: "unknown_operation.yaml",
        pointer: Some("/paths"),
        line_col: Some((4, 3)),
        line: Some("/pets:"),
    };
    check("unknown_operation.yaml", &e, expect);
    assert_eq!(
        e.help.as_deref(),
        Some("choose one of: createPet, listPets")
    );
}

#[test]
fn duplicate_operation_ids() {
    let e = fail("duplicate_operation_ids.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Invalid,
        message: &["`listPets`", "more than one operation", "/paths/~1pets/get"],
        file: "duplicate_operation_ids.yaml",
        pointer: Some("/paths/~1animals/get/operationId"),
        line_col: Some((11, 20)),
        line: Some("operationId: listPets"),
    };
    check("duplicate_operation_ids.yaml", &e, expect);
}

/// A `pattern` never stops generation: one written for another dialect is
/// rewritten where ECMA-262 says the same; one that does not compile at all
/// is not checked, and the loss report names it.
#[test]
fn a_pattern_that_does_not_compile_is_reported_not_fatal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let generated = Config::new()
        .generate_crate(root.join("patterns.yaml"), "patterns")
        .unwrap_or_else(|e| panic!("{e}"));
    let lost: Vec<(&str, &str)> = generated
        .losses
        .iter()
        .map(|l| (l.pointer.as_str(), l.keyword.as_str()))
        .collect();
    assert_eq!(
        lost,
        [
            ("/components/schemas/Key/properties/broken", "pattern"),
            ("/components/schemas/Key/properties/digits", "pattern"),
        ]
    );
    let validate = generated
        .files
        .iter()
        .find(|f| f.path == Path::new("src/validate.rs"))
        .expect("validate.rs");
    // Rewritten to ECMA-262, then translated for the validators' engine
    // (`fancy-regex`): the flag as an inline group, `-` escaped.
    for compiled in [
        r#"Regex::new("(?i)^[0-9a-f]{8}\\-[0-9a-f]{4}$")"#,
        r#"Regex::new("^[a-zA-Z_][a-zA-Z0-9_]*$")"#,
        r#"Regex::new("^(?<half>[a-z]+)\\-\\k<half>$")"#,
    ] {
        assert!(validate.contents.contains(compiled), "{compiled}");
    }
}

#[test]
fn error_inside_a_referenced_file_names_that_file() {
    let e = fail("error_in_referenced_file.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Limit,
        message: &["123456789012345678901234567890"],
        file: "external/broken.yaml",
        pointer: Some("/properties/code/enum/0"),
        line_col: Some((9, 12)),
        line: Some("enum: [123456789012345678901234567890]"),
    };
    check("error_in_referenced_file.yaml", &e, expect);
}

#[test]
fn integer_beyond_64_bits_in_json() {
    let e = fail("big_integer.json", &[]);
    let expect = Expect {
        kind: ErrorKind::Limit,
        message: &["123456789012345678901234567890", "64 bits"],
        file: "big_integer.json",
        pointer: Some("/paths/~1pets/get/parameters/0/schema/enum/0"),
        line_col: Some((9, 83)),
        line: Some("\"enum\": [123456789012345678901234567890]"),
    };
    check("big_integer.json", &e, expect);
}

#[test]
fn integer_beyond_64_bits_in_yaml() {
    let e = fail("big_integer.yaml", &[]);
    let expect = Expect {
        kind: ErrorKind::Limit,
        message: &["123456789012345678901234567890", "64 bits"],
        file: "big_integer.yaml",
        pointer: Some("/paths/~1pets/get/parameters/0/schema/enum/0"),
        line_col: Some((12, 20)),
        line: Some("enum: [123456789012345678901234567890]"),
    };
    check("big_integer.yaml", &e, expect);
}

#[test]
fn integers_at_the_64_bit_limits_and_beyond_128_bits() {
    let spec = |max: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      parameters:\n        - {{name: n, in: query, schema: {{type: integer, maximum: {max}}}}}\n      responses:\n        '200': {{description: OK}}\n"
        )
    };
    for fits in ["18446744073709551615", "-9223372036854775808", "1e30"] {
        let source = Source::from_bytes("limits.yaml", spec(fits));
        if let Err(e) = Config::new().generate_crate_from(&source, "limits") {
            panic!("{fits} fits: {e}");
        }
        let json = format!("{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"x-n\": {fits}}}");
        let source = Source::from_bytes("limits.json", json);
        if let Err(e) = Config::new().generate_crate_from(&source, "limits") {
            panic!("{fits} fits in JSON: {e}");
        }
    }
    // Beyond 128 bits YAML gives a float; the text says it was an integer.
    // (In a bound it would be read as the nearest 64-bit limit; in
    // `multipleOf` it is an error.)
    let huge = "1234567890123456789012345678901234567890123";
    let source = Source::from_bytes("huge.yaml", spec(huge).replace("maximum:", "multipleOf:"));
    let e = Config::new()
        .generate_crate_from(&source, "huge")
        .expect_err("an integer beyond 64 bits");
    assert_eq!(e.kind, ErrorKind::Limit, "{e}");
    assert_eq!(e.line_col, Some((7, 68)), "{e}");
    assert_eq!(
        e.pointer.as_deref(),
        Some("/paths/~1a/get/parameters/0/schema/multipleOf")
    );
}

/// JavaScript tooling writes 2^63 and 2^64 as `9223372036854776000`,
/// `-9223372036854776000` and `18446744073709552000`: in bounds, defaults
/// and examples they are read as the nearest 64-bit limit, and reported.
#[test]
fn integers_beyond_64_bits_in_bounds_and_examples_are_clamped_and_reported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let generated = Config::new()
        .generate_crate(root.join("big_integers.yaml"), "big")
        .unwrap_or_else(|e| panic!("{e}"));
    let lost: Vec<String> = generated.losses.iter().map(|l| l.to_string()).collect();
    assert_eq!(
        lost,
        [
            "/components/schemas/Limits/properties/big: `default` not enforced: the integer 18446744073709552000 does not fit in 64 bits; it is read as 18446744073709551615",
            "/components/schemas/Limits/properties/big: `maximum` not enforced: the integer 18446744073709552000 does not fit in 64 bits; it is read as 18446744073709551615",
            "/components/schemas/Limits/properties/low: `example` not enforced: the integer -9223372036854776000 does not fit in 64 bits; it is read as -9223372036854775808",
            "/components/schemas/Limits/properties/low: `minimum` not enforced: the integer -9223372036854776000 does not fit in 64 bits; it is read as -9223372036854775808",
        ]
    );
    // In JSON too (where `serde_json` would read them as floats).
    let json = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"N": {"type": "integer", "format": "uint64",
            "minimum": -9223372036854776000, "maximum": 18446744073709552000}}}}"#;
    let source = Source::from_bytes("big.json", json);
    let from_json = Config::new()
        .generate_crate_from(&source, "big")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        from_json.losses.not_enforced_count(),
        2,
        "{}",
        from_json.losses
    );
}

/// An integer beyond 64 bits in a file the description refers to is
/// read the same way, and reported with the file's name and its pointer
/// there (the file's own record is not lost in the bundling).
#[test]
fn integers_beyond_64_bits_in_referenced_files_are_reported() {
    let dir = std::env::temp_dir().join(format!("big-ext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("limits.yaml"),
        "Limit: {type: integer, maximum: 18446744073709552000}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("api.yaml"),
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n\
         components:\n  schemas:\n    Holder:\n      type: object\n      \
         properties:\n        n: {$ref: 'limits.yaml#/Limit'}\n",
    )
    .unwrap();
    let generated = Config::new()
        .generate_crate(dir.join("api.yaml"), "big")
        .unwrap_or_else(|e| panic!("{e}"));
    let lost: Vec<String> = generated.losses.iter().map(|l| l.to_string()).collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(
        lost[0].ends_with("limits.yaml#/Limit: `maximum` not enforced: the integer 18446744073709552000 does not fit in 64 bits; it is read as 18446744073709551615"),
        "{lost:?}"
    );
}

const DEPTH: usize = 100_000;

fn deep_error(name: &str, text: String) -> Error {
    let source = Source::from_bytes(name, text);
    Config::new()
        .generate_crate_from(&source, "deep")
        .expect_err("too deep")
}

#[test]
fn nesting_100000_levels_deep_in_json() {
    let text = format!(
        "{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"x-deep\": {}1{}}}",
        "{\"a\": ".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let e = deep_error("deep.json", text);
    assert_eq!(e.kind, ErrorKind::Limit, "{e}");
    assert!(e.message.contains("nested more than 128 levels"), "{e}");
    assert_eq!(e.line_col.map(|(l, _)| l), Some(1), "{e}");
}

#[test]
fn nesting_100000_levels_deep_in_yaml() {
    // Flow style: a block mapping 100,000 levels deep would be gigabytes of indentation.
    let text = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-deep: {}1{}\n",
        "{a: ".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let e = deep_error("deep.yaml", text);
    assert_eq!(e.kind, ErrorKind::Limit, "{e}");
    assert!(e.message.contains("nested more than 128 levels"), "{e}");
    assert_eq!(e.line_col.map(|(l, _)| l), Some(4), "{e}");
    let text = format!(
        "openapi: 3.1.0\nx: {}{}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    assert_eq!(deep_error("deep.yaml", text).kind, ErrorKind::Limit);
}

/// 100,000 schemas, each referring to the next: the nesting is in the
/// references, which the parsers do not see; building the IR must stop.
#[test]
fn chains_of_100000_references() {
    fn spec(schema: impl Fn(usize) -> String) -> String {
        let mut schemas: Vec<String> = (0..DEPTH)
            .map(|i| format!("\"S{i}\": {}", schema(i + 1)))
            .collect();
        schemas.push(format!("\"S{DEPTH}\": {{\"type\": \"string\"}}"));
        format!(
            "{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{\"/x\": {{\"get\": {{\"operationId\": \"getX\", \"responses\": {{\"200\": {{\"description\": \"OK\", \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/S0\"}}}}}}}}}}}}}}}}, \"components\": {{\"schemas\": {{{}}}}}}}",
            schemas.join(", ")
        )
    }
    let r = |i: usize| format!("{{\"$ref\": \"#/components/schemas/S{i}\"}}");
    let chains = [
        ("aliases", spec(r)),
        (
            "allOf",
            spec(|i| format!("{{\"allOf\": [{}], \"description\": \"d\"}}", r(i))),
        ),
        (
            "properties",
            spec(|i| {
                format!(
                    "{{\"type\": \"object\", \"properties\": {{\"a\": {}}}}}",
                    r(i)
                )
            }),
        ),
        (
            "items",
            spec(|i| format!("{{\"type\": \"array\", \"items\": {}}}", r(i))),
        ),
    ];
    for (what, text) in chains {
        let e = deep_error("chain.json", text);
        assert_eq!(e.kind, ErrorKind::Limit, "{what}: {e}");
        assert!(e.message.contains("nested more than"), "{what}: {e}");
        assert!(e.line_col.is_some(), "{what}: {e}");
    }
}

#[test]
fn a_failed_write_says_which_files_were_written() {
    let dir = out_dir("failed-write");
    std::fs::create_dir_all(&dir).expect("dir");
    // `blocked` is a file, so `blocked/b.rs` cannot be written.
    std::fs::write(dir.join("blocked"), "").expect("file");
    let files = [
        GeneratedFile {
            path: "a.rs".into(),
            contents: "// a\n".into(),
        },
        GeneratedFile {
            path: "blocked/b.rs".into(),
            contents: "// b\n".into(),
        },
    ];
    let e = write::write_files(&dir, &files).expect_err("blocked");
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(e.message.contains("Written before the failure"), "{e}");
    assert!(
        e.message.contains(&dir.join("a.rs").display().to_string()),
        "{e}"
    );
    assert!(
        e.file
            .as_deref()
            .is_some_and(|f| f.ends_with("blocked/b.rs")),
        "{e}"
    );
}
