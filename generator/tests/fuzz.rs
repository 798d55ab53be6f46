//! A mutation fuzzer for the whole generator: it takes the repository's
//! descriptions (the endpoint in `spec/` and every fixture), mutates them —
//! structurally (removing, retyping, duplicating and grafting nodes, breaking
//! and redirecting `$ref`s) and as bytes (truncating, flipping, splicing) —
//! and feeds each result to the generator. Every input must give generated
//! code that parses with `syn`, or an error: never a panic, never a hang.
//!
//! CI runs a few thousand cases. For a longer run:
//!
//! ```sh
//! FUZZ_CASES=200000 cargo test --release -p openapi-codegen --test fuzz -- --nocapture
//! ```
//!
//! A failing input is saved under `target/fuzz-failures/`; keep it as a
//! regression case in `generator/tests/fuzz-regressions/`, which every run
//! replays first.

use openapi_codegen::load::Source;
use openapi_codegen::Config;
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

fn seeds() -> Vec<(String, Vec<u8>)> {
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
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&p).expect("seed"),
            )
        })
        .collect()
}

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

fn mutate_structure(doc: &mut Value, rng: &mut Rng, fragments: &[Value]) {
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let count = node_count(doc);
        let target = rng.below(count);
        let graft = fragments[rng.below(fragments.len())].clone();
        let Some(node) = nth_node(doc, target) else {
            continue;
        };
        match rng.below(7) {
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
            _ => {
                if let Value::Array(items) = node {
                    if !items.is_empty() {
                        let i = rng.below(items.len());
                        let copy = items[i].clone();
                        items.push(copy);
                    }
                }
            }
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

/// Runs the generator on one input; `Err` describes a failure of the generator.
fn check(name: &str, bytes: Vec<u8>) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let name = name.to_string();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let result = std::panic::catch_unwind(|| {
                let source = Source::from_bytes(format!("fuzz/{name}"), bytes);
                match Config::new().generate_crate_from(&source, "fuzzed") {
                    Ok(generated) => {
                        for file in generated
                            .files
                            .iter()
                            .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
                        {
                            if let Err(e) = syn::parse_file(&file.contents) {
                                return Err(format!("{} does not parse: {e}", file.path.display()));
                            }
                        }
                        Ok(())
                    }
                    // An error must say something and name the file.
                    Err(e) if e.message.is_empty() => Err("an error without a message".into()),
                    Err(_) => Ok(()),
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
        if let Err(e) = check(&path.display().to_string(), bytes) {
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
    let mut rng = Rng(seed | 1);
    let (mut generated, mut rejected) = (0usize, 0usize);
    let started = std::time::Instant::now();
    for case in 0..cases {
        let which = rng.below(seeds.len());
        let (name, bytes) = &seeds[which];
        let input = match (&parsed[which], rng.chance(4)) {
            (Some(doc), false) => {
                let mut doc = doc.clone();
                mutate_structure(&mut doc, &mut rng, &fragments);
                serde_json::to_vec(&doc).expect("serialises")
            }
            _ => {
                let mut bytes = bytes.clone();
                mutate_bytes(&mut bytes, &mut rng);
                bytes
            }
        };
        let ok_before = Source::from_bytes("x.json", input.clone());
        let would_load = openapi_codegen::load::load(&ok_before).is_ok();
        if let Err(e) = check(name, input.clone()) {
            let path = save_failure(&input, case);
            panic!(
                "case {case} (seed {seed}, from {name}): {e}; input saved to {}",
                path.display()
            );
        }
        if would_load {
            generated += 1;
        } else {
            rejected += 1;
        }
    }
    println!(
        "{cases} cases in {:?}: {generated} loaded (generated code or a later error), {rejected} rejected while loading",
        started.elapsed()
    );
    assert!(generated > cases / 4, "too few mutated inputs got past loading ({generated} of {cases}): the fuzzer is not reaching the generator");
}
