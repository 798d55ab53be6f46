//! A mutation fuzzer for the whole generator: it takes the repository's
//! descriptions (the endpoint in `spec/` and every fixture), mutates them —
//! structurally (removing, retyping, duplicating and grafting nodes, breaking
//! and redirecting `$ref`s) and as bytes (truncating, flipping, splicing) —
//! and feeds each result to the generator. Every input must give generated
//! code that parses with `syn`, or an error: never a panic, never a hang,
//! and neither the code nor the error may show a file or the environment
//! that a hostile `$ref` points at. Some mutations aim at untrusted input:
//! hostile text put in string fields (doc-test fences, bidirectional
//! controls, unclosed links, comment and string terminators), hostile
//! references (`/etc/passwd`, `../`, `file://`, `%2F`, `/proc`, `/dev`) and
//! huge or odd numbers.
//!
//! CI runs a few thousand cases. For a longer run, compiling every 200th
//! generated crate with `cargo check` (in batches, in `target/fuzz-check`):
//!
//! ```sh
//! FUZZ_CASES=40000 FUZZ_COMPILE=200 cargo test --release -p openapi-rustgen --test fuzz -- --nocapture
//! ```
//!
//! A failing input is saved under `target/fuzz-failures/`; keep it as a
//! regression case in `generator/tests/fuzz-regressions/`, which every run
//! replays first.

use openapi_rustgen::load::Source;
use openapi_rustgen::write::GeneratedFile;
use openapi_rustgen::Config;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A small, seeded PRNG (xorshift64*), so every run is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.next() % one_in == 0
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Each seed's path (real, so that `$ref` confinement applies as it would to
/// a user's file) and bytes.
fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = vec![repo().join("spec/connection-update.json")];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    fixtures.sort();
    paths.extend(fixtures);
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("seed");
            (p, bytes)
        })
        .collect()
}

/// Text an attacker would put in a description's strings.
const HOSTILE_TEXT: &[&str] = &[
    "```\nstd::fs::write(\"PWNED\", \"\").unwrap();\n```",
    "~~~rust\nstd::process::exit(1);\n~~~",
    "\n\n    std::fs::write(\"PWNED\", \"\").unwrap();\n",
    "- item\n\n      panic!();\n",
    "> ```\n> panic!();\n> ```",
    "<pre><code>panic!()</code></pre>",
    "a\u{202e}b\u{2066}c\u{2069}",
    "zero\u{200b}width\u{feff}",
    "lone\rcarriage",
    "combining\u{301}",
    "*/ } fn main() { /*",
    "\"#]; panic!(); r#\"",
    "]]] [[[ `` ` ``` \\",
    "\u{0}\u{7}\u{1b}[31m",
    "[a](",
    "[a](x (",
    "<a href=\"",
    "https://example.com/(((",
    "#[doc = \"x\"]",
    "clone",
    "Self",
    "é\u{10ffff}",
];

/// References an attacker would write.
const HOSTILE_REFS: &[&str] = &[
    "/etc/passwd",
    "/etc/passwd#/a",
    "../../../../../../etc/passwd",
    "file:///etc/passwd",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "/proc/self/environ",
    "/dev/zero",
    "/dev/stdin",
    "/",
    "..",
    "#/components/schemas/../../paths",
    "#/paths/~1x/post/requestBody/content/application~1json/schema",
    "#/components/schemas/%00",
    "#/\u{0}",
    "http://169.254.169.254/latest/meta-data/",
];

/// Numbers at and past every limit.
fn odd_numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(-0.0),
        json!(-1),
        json!(1.5),
        json!(-2.5),
        json!(1e-300),
        json!(1e308),
        json!(-1e308),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(9_223_372_036_854_775_808u64),
        json!(18_446_744_073_709_552_000f64),
        json!(-9_223_372_036_854_776_000f64),
        json!(4_294_967_296u64),
        json!(2_147_483_648u64),
    ]
}

/// What must never appear in generated code or an error: the start of
/// `/etc/passwd`, and the start of an environment listing.
const LEAKS: &[&str] = &["root:x:0:0", "PATH=/", "HOME=/"];

/// Values that make schemas interesting when grafted in anywhere.
fn fragments() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(18446744073709551616u128 as f64),
        json!("string"),
        json!([]),
        json!({}),
        json!({"type": ["string", "null"]}),
        json!({"type": "null"}),
        json!({"type": ["integer", "string", "null"]}),
        json!({"const": 3}),
        json!({"enum": [null]}),
        json!({"enum": ["a", "A", "", "Self", "type", "é"]}),
        json!({"type": "object", "additionalProperties": false, "minProperties": 2}),
        json!({"type": "object", "properties": {"type": {"type": "string"}, "Type": {"type": "integer"}}}),
        json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Missing"}]}),
        json!({"allOf": [{"$ref": "#"}]}),
        json!({"$ref": "#/components/schemas"}),
        json!({"$ref": "other.yaml#/components/schemas/X"}),
        json!({"$ref": "https://example.com/schema.json"}),
        json!({"type": "array", "items": [{"type": "string"}]}),
        json!({"type": "string", "pattern": "([a-z"}),
        json!({"type": "integer", "minimum": 1.5, "exclusiveMaximum": 3}),
        json!({"anyOf": []}),
        json!({"not": {"type": "string"}}),
        json!({"x-release-lifecycle": "deprecated", "deprecated": "yes"}),
    ]
}

/// Every path (as indices into a list of children) to a node of the value.
fn node_count(value: &Value) -> usize {
    let mut count = 0;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        count += 1;
        match v {
            Value::Object(map) => stack.extend(map.values()),
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    count
}

/// The `n`-th node in a depth-first walk.
fn nth_node(value: &mut Value, mut n: usize) -> Option<&mut Value> {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        if n == 0 {
            return Some(v);
        }
        n -= 1;
        match v {
            Value::Object(map) => stack.extend(map.values_mut()),
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    None
}

fn mutate_structure(doc: &mut Value, rng: &mut Rng, fragments: &[Value], numbers: &[Value]) {
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let count = node_count(doc);
        let target = rng.below(count);
        let graft = fragments[rng.below(fragments.len())].clone();
        let Some(node) = nth_node(doc, target) else {
            continue;
        };
        match rng.below(10) {
            0 => *node = graft,
            1 => {
                if let Value::Object(map) = node {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    if !keys.is_empty() {
                        map.remove(&keys[rng.below(keys.len())]);
                    }
                }
            }
            2 => {
                if let Value::Object(map) = node {
                    let keys = [
                        "type",
                        "properties",
                        "items",
                        "enum",
                        "required",
                        "oneOf",
                        "$ref",
                        "nullable",
                        "additionalProperties",
                        "format",
                        "operationId",
                        "paths",
                        "openapi",
                    ];
                    map.insert(keys[rng.below(keys.len())].to_string(), graft);
                }
            }
            3 => {
                if let Value::Object(map) = node {
                    // Rename a key to something awkward.
                    let keys: Vec<String> = map.keys().cloned().collect();
                    if let Some(key) = keys.get(rng.below(keys.len().max(1))) {
                        if let Some(v) = map.remove(key) {
                            let names = [
                                "", "type", "Self", "2fa", "a b", "é", "fooBar", "foo_bar",
                                "extra", "$ref",
                            ];
                            map.insert(names[rng.below(names.len())].to_string(), v);
                        }
                    }
                }
            }
            4 => {
                if let Value::String(s) = node {
                    if s.starts_with("#/") {
                        // Redirect a reference: to a missing or a neighbouring component.
                        s.push_str(if rng.chance(2) {
                            "Missing"
                        } else {
                            "/properties"
                        });
                    } else {
                        s.push('\u{e9}');
                    }
                }
            }
            5 => {
                // Nest the node in itself a few levels deep.
                let inner = node.clone();
                *node = json!({"type": "object", "properties": {"deep": {"allOf": [inner]}}});
            }
            6 => {
                if let Value::Array(items) = node {
                    if !items.is_empty() {
                        let i = rng.below(items.len());
                        let copy = items[i].clone();
                        items.push(copy);
                    }
                }
            }
            7 => hostile_text(node, rng),
            8 => {
                // A hostile reference, in place of one or grafted in.
                let reference = HOSTILE_REFS[rng.below(HOSTILE_REFS.len())];
                match node {
                    Value::Object(map) => {
                        map.insert("$ref".into(), json!(reference));
                    }
                    Value::String(s) if s.starts_with('#') || s.contains(".json") => {
                        *s = reference.into();
                    }
                    other => *other = json!({"$ref": reference}),
                }
            }
            _ => {
                // A huge or odd number, in place of a number or under a numeric keyword.
                let number = numbers[rng.below(numbers.len())].clone();
                match node {
                    Value::Number(_) => *node = number,
                    Value::Object(map) => {
                        let keys = [
                            "minimum",
                            "maximum",
                            "exclusiveMinimum",
                            "exclusiveMaximum",
                            "multipleOf",
                            "minLength",
                            "maxLength",
                            "minItems",
                            "maxItems",
                            "minProperties",
                            "maxProperties",
                            "default",
                            "example",
                        ];
                        map.insert(keys[rng.below(keys.len())].to_string(), number);
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Replaces or extends string nodes (and keys) with hostile text.
fn hostile_text(node: &mut Value, rng: &mut Rng) {
    let text = HOSTILE_TEXT[rng.below(HOSTILE_TEXT.len())];
    match node {
        Value::String(s) => {
            if rng.chance(2) {
                s.push_str(text);
            } else {
                *s = text.into();
            }
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            if keys.is_empty() {
                return;
            }
            let key = &keys[rng.below(keys.len())];
            if rng.chance(3) {
                // A key (a property, path, schema or parameter name).
                if let Some(v) = map.remove(key) {
                    map.insert(format!("{key}{text}"), v);
                }
            } else {
                let words = ["description", "summary", "title", "operationId", "name"];
                map.insert(words[rng.below(words.len())].into(), json!(text));
            }
        }
        Value::Array(items) => items.push(json!(text)),
        _ => {}
    }
}

/// Hostile text in about a quarter of all string values at once.
fn hostile_text_storm(doc: &mut Value, rng: &mut Rng) {
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(_) if rng.chance(4) => hostile_text(v, rng),
            Value::Object(map) => stack.extend(map.values_mut()),
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(4) {
        0 => bytes.truncate(rng.below(bytes.len() + 1)),
        1 => {
            for _ in 0..1 + rng.below(8) {
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    bytes[i] ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            let at = rng.below(bytes.len() + 1);
            let insert: &[u8] = [
                &b"{"[..],
                b"}",
                b"[",
                b"\"",
                b":",
                b"\n  - ",
                b"\xff",
                b"99999999999999999999999",
            ][rng.below(8)];
            bytes.splice(at..at, insert.iter().copied());
        }
        _ => {
            if bytes.len() > 2 {
                let a = rng.below(bytes.len());
                let b = rng.below(bytes.len());
                let (lo, hi) = (a.min(b), a.max(b));
                let chunk = bytes[lo..hi].to_vec();
                let at = rng.below(bytes.len());
                bytes.splice(at..at, chunk);
            }
        }
    }
}

/// Runs the generator on one input; `Err` describes a failure of the
/// generator. A crate that was generated is returned, for compiling.
fn check(
    path: &Path,
    bytes: Vec<u8>,
    crate_name: &str,
) -> Result<Option<Vec<GeneratedFile>>, String> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    let crate_name = crate_name.to_string();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let result = std::panic::catch_unwind(|| {
                let source = Source::from_bytes(path, bytes);
                match Config::new().generate_crate_from(&source, &crate_name) {
                    Ok(generated) => {
                        for file in &generated.files {
                            if let Some(leak) = LEAKS.iter().find(|l| file.contents.contains(*l)) {
                                return Err(format!("{} shows {leak:?}", file.path.display()));
                            }
                            if file.path.extension().is_some_and(|e| e == "rs") {
                                if let Err(e) = syn::parse_file(&file.contents) {
                                    return Err(format!(
                                        "{} does not parse: {e}",
                                        file.path.display()
                                    ));
                                }
                            }
                        }
                        Ok(Some(generated.files))
                    }
                    // An error must say something and name the file.
                    Err(e) if e.message.is_empty() => Err("an error without a message".into()),
                    Err(e) => match LEAKS.iter().find(|l| e.to_string().contains(*l)) {
                        Some(leak) => Err(format!("the error shows {leak:?}: {e}")),
                        None => Ok(None),
                    },
                }
            });
            let _ = tx.send(result.unwrap_or_else(|_| Err("the generator panicked".into())));
        })
        .map_err(|e| e.to_string())?;
    let outcome = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| Err("no answer within 30 s (a hang?)".into()));
    if outcome.is_ok() {
        let _ = worker.join();
    }
    outcome
}

/// Compiles a sample of the generated crates with `cargo check`, 25 at a
/// time in one scratch workspace that shares a target folder (and the
/// repository's lock file, so nothing is fetched).
struct CompileCheck {
    every: usize,
    seen: usize,
    pending: Vec<(usize, Vec<GeneratedFile>, Vec<u8>)>,
    checked: usize,
    dir: PathBuf,
}

impl CompileCheck {
    const BATCH: usize = 25;

    fn from_env() -> Self {
        let every = std::env::var("FUZZ_COMPILE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Self {
            every,
            seen: 0,
            pending: Vec::new(),
            checked: 0,
            dir: repo().join("target/fuzz-check"),
        }
    }

    /// Whether the next generated crate is one to compile.
    fn wants_next(&mut self) -> bool {
        self.seen += 1;
        self.every > 0 && self.seen % self.every == 0
    }

    fn add(&mut self, case: usize, files: Vec<GeneratedFile>, input: Vec<u8>) {
        self.pending.push((case, files, input));
        if self.pending.len() == Self::BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let crates = self.dir.join("crates");
        let _ = std::fs::remove_dir_all(&crates);
        let mut members = Vec::new();
        for (case, files, _) in &self.pending {
            let dir = crates.join(format!("fuzzed-{case}"));
            for file in files {
                let path = dir.join(&file.path);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("scratch folder");
                std::fs::write(&path, &file.contents).expect("scratch file");
            }
            members.push(format!("\"crates/fuzzed-{case}\""));
        }
        std::fs::write(
            self.dir.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .expect("workspace manifest");
        std::fs::copy(repo().join("Cargo.lock"), self.dir.join("Cargo.lock")).expect("lock file");
        let output = std::process::Command::new(env!("CARGO"))
            .args([
                "check",
                "--workspace",
                "--offline",
                "--keep-going",
                "--quiet",
            ])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .output()
            .expect("cargo runs");
        self.checked += self.pending.len();
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let failed: Vec<String> = self
                .pending
                .iter()
                .filter(|(case, _, _)| stderr.contains(&format!("`fuzzed-{case}`")))
                .map(|(case, _, input)| save_failure(input, *case).display().to_string())
                .collect();
            panic!(
                "generated crates do not compile (inputs: {}):\n{stderr}",
                failed.join(", ")
            );
        }
        self.pending.clear();
    }
}

fn save_failure(bytes: &[u8], case: usize) -> PathBuf {
    let dir = repo().join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("case-{case}.txt"));
    let _ = std::fs::write(&path, bytes);
    path
}

#[test]
fn regressions_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).expect("regression input");
        if let Err(e) = check(&path, bytes, "fuzzed") {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn mutated_descriptions_give_code_or_an_error() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x005e_ed0f_c0de);
    let seeds = seeds();
    let parsed: Vec<Option<Value>> = seeds
        .iter()
        .map(|(_, bytes)| {
            serde_json::from_slice(bytes)
                .ok()
                .or_else(|| serde_norway::from_slice(bytes).ok())
        })
        .collect();
    let fragments = fragments();
    let numbers = odd_numbers();
    let mut compile = CompileCheck::from_env();
    let mut rng = Rng(seed | 1);
    let (mut generated, mut rejected) = (0usize, 0usize);
    let started = std::time::Instant::now();
    for case in 0..cases {
        let which = rng.below(seeds.len());
        let (path, bytes) = &seeds[which];
        let input = match (&parsed[which], rng.chance(4)) {
            (Some(doc), false) => {
                let mut doc = doc.clone();
                if rng.chance(4) {
                    hostile_text_storm(&mut doc, &mut rng);
                }
                mutate_structure(&mut doc, &mut rng, &fragments, &numbers);
                serde_json::to_vec(&doc).expect("serialises")
            }
            _ => {
                let mut bytes = bytes.clone();
                mutate_bytes(&mut bytes, &mut rng);
                bytes
            }
        };
        let crate_name = format!("fuzzed-{case}");
        match check(path, input.clone(), &crate_name) {
            Ok(Some(files)) => {
                generated += 1;
                if compile.wants_next() {
                    compile.add(case, files, input);
                }
            }
            Ok(None) => rejected += 1,
            Err(e) => {
                let saved = save_failure(&input, case);
                panic!(
                    "case {case} (seed {seed}, from {}): {e}; input saved to {}",
                    path.display(),
                    saved.display()
                );
            }
        }
    }
    compile.flush();
    println!(
        "{cases} cases in {:?}: {generated} generated a crate, {rejected} gave an error; {} generated crates compiled with cargo check",
        started.elapsed(),
        compile.checked
    );
    assert!(generated > cases / 10, "too few mutated inputs generated a crate ({generated} of {cases}): the fuzzer is not reaching the generator");
}
