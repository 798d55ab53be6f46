//! Differential test of the generated validators against an independent one.
//!
//! A small seeded generator walks the JSON Schema of the update body in
//! `spec/connection-update.json` (not the generator's IR) and makes JSON
//! bodies: valid ones, ones at the limits, and ones that break a constraint
//! (a wrong type, a length or count one past a limit, an unknown key or enum
//! value, a null where none is allowed, a missing required key, an empty
//! object, a URI that is not one, …). Each body is judged by ours and by the
//! `jsonschema` crate (JSON Schema 2020-12, OpenAPI 3.1's dialect, with
//! `format` asserted) on the whole description, against
//! `{"$ref": "#/components/schemas/UpdateConnectionRequestContent"}`. Ours,
//! in two modes, one test each:
//!
//! * typed: read into `UpdateConnectionRequestContent` (a body that does not
//!   read, or that the types would send differently, counts as invalid), then
//!   `validate()`;
//! * raw JSON: `UpdateConnectionRequestContent::validate_json` on the body as
//!   it is. Here the generator also puts a `null` anywhere (a tenth of the
//!   values at random) and writes integers as floats (`1.0`) now and then.
//!
//! Every disagreement fails the test, with the body and both verdicts.
//!
//! 10,000 bodies a mode by default; more with
//! `DIFF_BODIES=1000000 cargo test --release --test validate_differential -- --nocapture`
//! (one mode: add `raw_json` or `typed` before `--`; another sequence with
//! `DIFF_SEED=<n>`).
//!
//! The typed mode leaves one input class out on purpose: integers written as
//! floats (`1.0`). JSON Schema counts them as integers; the generated types
//! hold an `i64`, which serde does not read from them, so such a body is
//! rejected before validation. That is the typed model's choice, not a
//! validator bug; `integer_fields_take_only_json_integers` in
//! `tests/validate.rs` pins it. The raw-JSON mode includes them.

use auth0_connections::{UpdateConnectionRequestContent, Validate, ValidateJson};
use serde_json::{json, Map, Value};
use std::path::Path;

/// SplitMix64: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Generator<'a> {
    schemas: &'a Map<String, Value>,
    rng: Rng,
    /// Probability that a value breaks its schema on purpose.
    break_rate: f64,
    /// Probability that a value is `null`, whatever its schema.
    null_rate: f64,
    /// Whether integers are sometimes written as floats (`3.0`).
    float_integers: bool,
}

/// Characters of 1 to 4 UTF-8 bytes, so lengths in bytes and in code points differ.
const CHARS: &[char] = &[
    'a', 'Z', '0', '-', '_', ' ', 'é', 'ß', '日', '本', '😀', '/', '"', '\\',
];

impl Generator<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut schema = schema;
        for _ in 0..8 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let name = reference.rsplit('/').next().unwrap_or_default();
                    schema = &self.schemas[name];
                }
                None => break,
            }
        }
        schema
    }

    fn string(&mut self, len: usize) -> String {
        (0..len).map(|_| *self.rng.pick(CHARS)).collect()
    }

    /// A length near the limits: one under, at, one over, or anywhere between.
    fn length(&mut self, min: Option<u64>, max: Option<u64>) -> usize {
        let min = min.unwrap_or(0) as usize;
        let max = max.map(|m| m as usize);
        match (self.rng.below(6), max) {
            (0, _) => min,
            (1, _) => min.saturating_sub(1),
            (2, Some(max)) => max,
            (3, Some(max)) => max + 1,
            (_, Some(max)) => min + self.rng.below(max.saturating_sub(min).min(40) + 1),
            (_, None) => min + self.rng.below(12),
        }
    }

    fn uri(&mut self) -> String {
        let scheme = *self.rng.pick(&[
            "https", "http", "urn", "a+b.c-d", "1http", "", "ht tp", "h_t",
        ]);
        let authority = if self.rng.chance(0.7) {
            let user = *self
                .rng
                .pick(&["", "", "user@", "u:p@", "a%20b@", "a b@", "@"]);
            let host = *self.rng.pick(&[
                "example.com",
                "auth0.com",
                "",
                "[::1]",
                "[2001:db8::7]",
                "[v1.fe]",
                "[::zz]",
                "[1.2.3.4]",
                "127.0.0.1",
                "ex ample",
                "%41b",
                "%4",
                "日本",
                "a_b~c",
                "[",
                "a]",
            ]);
            let port = *self.rng.pick(&["", "", ":443", ":", ":x", ":65536"]);
            format!("//{user}{host}{port}")
        } else {
            String::new()
        };
        let path = *self.rng.pick(&[
            "",
            "/",
            "/a/b",
            "/%20",
            "/a b",
            "/日",
            "a/b",
            "//x",
            "/:@!$&'()*+,;=",
            "/a%zz",
            "/{x}",
        ]);
        let query = *self.rng.pick(&["", "", "?q=1", "?a|b", "?%zz", "?/?", "?"]);
        let fragment = *self.rng.pick(&["", "", "#f", "#a#b", "#/x?y", "#%41", "#"]);
        format!("{scheme}:{authority}{path}{query}{fragment}")
    }

    fn wrong(&mut self) -> Value {
        match self.rng.below(7) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(7),
            3 => json!(-2.5),
            4 => json!("x"),
            5 => json!([]),
            _ => json!({}),
        }
    }

    fn value(&mut self, schema: &Value, depth: usize) -> Value {
        if self.rng.chance(self.break_rate) {
            return self.wrong();
        }
        if self.null_rate > 0.0 && self.rng.chance(self.null_rate) {
            return Value::Null;
        }
        let schema = self.resolve(schema).clone();
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = schema.get(key) {
                let branch = self.rng.pick(branches).clone();
                return self.value(&branch, depth + 1);
            }
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec!["string"],
        };
        let ty = *self.rng.pick(&types);
        if ty == "null" || (types.contains(&"null") && self.rng.chance(0.1)) {
            return Value::Null;
        }
        if let Some(Value::Array(values)) = schema.get("enum") {
            return if self.rng.chance(0.1) {
                json!("not-a-listed-value")
            } else {
                self.rng.pick(values).clone()
            };
        }
        let number = |key: &str| schema.get(key).and_then(Value::as_u64);
        match ty {
            "string" => {
                let len = self.length(number("minLength"), number("maxLength"));
                let format = schema.get("format").and_then(Value::as_str);
                let pattern = schema.get("pattern").and_then(Value::as_str);
                let mut text = match (format, self.rng.chance(0.8)) {
                    (Some("uri"), true) => self.uri(),
                    _ => self.string(len),
                };
                if pattern == Some("^https:\\/\\/.*") && self.rng.chance(0.8) {
                    text = format!(
                        "https://{}",
                        text.split_once("//").map_or("", |(_, rest)| rest)
                    );
                }
                if self.rng.chance(0.3) {
                    // Exactly at (or one past) the length limits, whatever the content.
                    let chars: Vec<char> = text.chars().collect();
                    let target = self.length(number("minLength"), number("maxLength"));
                    text = chars
                        .iter()
                        .cycle()
                        .take(if chars.is_empty() { 0 } else { target })
                        .collect();
                }
                Value::String(text)
            }
            "integer" => {
                let min = schema.get("minimum").and_then(Value::as_i64);
                let max = schema.get("maximum").and_then(Value::as_i64);
                let candidates = [
                    min.unwrap_or(0),
                    min.unwrap_or(0) - 1,
                    max.unwrap_or(100),
                    max.unwrap_or(100) + 1,
                    min.unwrap_or(-50) + self.rng.below(200) as i64,
                    i64::MAX,
                    i64::MIN,
                    0,
                ];
                let integer = *self.rng.pick(&candidates);
                if self.float_integers && self.rng.chance(0.2) {
                    json!(integer as f64)
                } else {
                    json!(integer)
                }
            }
            "number" => {
                let min = schema.get("minimum").and_then(Value::as_f64).unwrap_or(0.0);
                let max = schema
                    .get("maximum")
                    .and_then(Value::as_f64)
                    .unwrap_or(100.0);
                let candidates = [
                    min,
                    min - 0.5,
                    max,
                    max + 0.001,
                    (min + max) / 2.0,
                    1e300,
                    -1e300,
                ];
                json!(*self.rng.pick(&candidates))
            }
            "boolean" => json!(self.rng.chance(0.5)),
            "array" => {
                let len = self.length(number("minItems"), number("maxItems")).min(6);
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                Value::Array((0..len).map(|_| self.value(&items, depth + 1)).collect())
            }
            _ => self.object(&schema, depth),
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut object = Map::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let include = [0.45, 0.2, 0.1, 0.05][depth.min(3)];
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (name, property) in properties {
                let needed = required.contains(&name.as_str()) && !self.rng.chance(0.03);
                if needed || self.rng.chance(include) {
                    let value = self.value(property, depth + 1);
                    object.insert(name.clone(), value);
                }
            }
        }
        match schema.get("additionalProperties") {
            Some(Value::Object(_)) => {
                let additional = &schema["additionalProperties"];
                let max = schema.get("maxProperties").and_then(Value::as_u64);
                let count = if max.is_some() {
                    self.length(None, max)
                } else {
                    self.rng.below(3)
                };
                for i in 0..count {
                    let value = self.value(additional, depth + 1);
                    object.insert(format!("key{i}"), value);
                }
            }
            _ => {
                if self.rng.chance(0.02) {
                    object.insert("unknown_key".into(), json!(1));
                }
            }
        }
        Value::Object(object)
    }
}

/// How a body is judged on our side.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Read into the types, then `validate()`.
    Typed,
    /// `validate_json` on the body as it is.
    RawJson,
}

#[test]
fn typed_validators_agree_with_jsonschema() {
    differential(Mode::Typed);
}

#[test]
fn raw_json_validator_agrees_with_jsonschema() {
    differential(Mode::RawJson);
}

fn differential(mode: Mode) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("spec/connection-update.json")).expect("spec");
    let mut document: Value = serde_json::from_str(&text).expect("spec is JSON");
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("component schemas")
        .clone();
    // The whole description is the root schema; `$ref` picks the body.
    document["$ref"] = json!("#/components/schemas/UpdateConnectionRequestContent");
    let independent = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&document)
        .expect("jsonschema compiles the description");

    let bodies: usize = std::env::var("DIFF_BODIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("DIFF_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed);
    let raw = mode == Mode::RawJson;
    let mut gen = Generator {
        schemas: &schemas,
        rng: Rng(seed),
        break_rate: 0.0,
        null_rate: 0.0,
        float_integers: raw,
    };
    let body_schema = json!({"$ref": "#/components/schemas/UpdateConnectionRequestContent"});
    let (mut valid, mut invalid, mut unreadable, mut unrepresentable, mut with_null) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    let started = std::time::Instant::now();
    for i in 0..bodies {
        // A third of the bodies break nothing on purpose; the rest break things now and then.
        gen.break_rate = [0.0, 0.01, 0.04][i % 3];
        // In the raw-JSON mode, half the bodies also get nulls anywhere.
        gen.null_rate = if raw && i % 2 == 1 { 0.1 } else { 0.0 };
        let body = if i % 97 == 0 {
            json!({})
        } else {
            gen.value(&body_schema, 0)
        };
        if has_null(&body) {
            with_null += 1;
        }
        let theirs = independent.is_valid(&body);
        let ours = match mode {
            Mode::RawJson => {
                UpdateConnectionRequestContent::validate_json(&body).map_err(|e| e.to_string())
            }
            Mode::Typed => {
                match serde_json::from_value::<UpdateConnectionRequestContent>(body.clone()) {
                    // A body the types cannot hold as it came (a `null` that a
                    // type shared with responses reads as absent) is not one
                    // the client can send, and counts as invalid.
                    Ok(update)
                        if !same_json(
                            &serde_json::to_value(&update).expect("serialises"),
                            &body,
                        ) =>
                    {
                        unrepresentable += 1;
                        Err("the typed value would send something else".to_string())
                    }
                    Ok(update) => update.validate().map_err(|e| e.to_string()),
                    Err(e) => {
                        unreadable += 1;
                        Err(format!("does not deserialise: {e}"))
                    }
                }
            }
        };
        if theirs {
            valid += 1;
        } else {
            invalid += 1;
        }
        if ours.is_ok() != theirs {
            let why = independent
                .iter_errors(&body)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect::<Vec<_>>()
                .join("; ");
            disagreements.push(format!(
                "body {body}\n  ours: {ours:?}\n  jsonschema: {}",
                if theirs {
                    "valid".to_string()
                } else {
                    format!("invalid: {why}")
                }
            ));
        }
    }
    let elapsed = started.elapsed();
    match mode {
        Mode::Typed => println!(
            "typed: {bodies} bodies: {valid} valid, {invalid} invalid ({unreadable} of them do not deserialise, {unrepresentable} hold a null the types read as absent), {} disagreements, {elapsed:.1?}",
            disagreements.len()
        ),
        Mode::RawJson => println!(
            "raw JSON: {bodies} bodies ({with_null} with a null somewhere): {valid} valid, {invalid} invalid, {} disagreements, {elapsed:.1?}",
            disagreements.len()
        ),
    }
    assert!(
        valid > bodies / 10 && invalid > bodies / 10,
        "the generator should make both valid and invalid bodies: {valid} valid, {invalid} invalid"
    );
    assert!(
        !raw || with_null > bodies / 4,
        "the raw-JSON mode should put nulls in many bodies: {with_null} of {bodies}"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {bodies} bodies judged differently; the first ones:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Whether a `null` appears anywhere in the value.
fn has_null(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(object) => object.values().any(has_null),
        _ => false,
    }
}

/// JSON equality with numbers compared by value (`1` and `1.0` are equal, as
/// JSON Schema says).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
