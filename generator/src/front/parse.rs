//! Stage 1a: bytes → JSON value. Reads JSON or YAML into a
//! `serde_json::Value` with bounded nesting, and records the integers beyond
//! 64 bits that may be read as the nearest 64-bit limit (`take_clamps`).

use crate::error::{Error, ErrorKind, Result};
use crate::front::locate;
use crate::losses::Losses;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A description as read from disk (or given in memory).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Source {
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = crate::front::confine::read_regular(path).map_err(|rule| {
            Error::new(ErrorKind::Io, format!("the description {rule}"))
                .in_file(path)
                .help("check the path; it is relative to the current directory")
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            bytes,
        })
    }

    pub fn from_bytes(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// Lower-case hex SHA-256 of the bytes, named in every generated file's header.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(&self.bytes);
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// How deep JSON and YAML documents may nest: the limit of both parsers
/// (`serde_json`, `serde_norway`), which keeps every later recursive walk far
/// from the end of the stack.
pub const MAX_NESTING: usize = 128;

/// Parses JSON (when the first non-blank byte is `{` or `[`) or YAML into a
/// JSON value. The document must be an object. Nesting beyond
/// [`MAX_NESTING`] levels and integers beyond 64 bits are reported (as
/// [`ErrorKind::Limit`]), never turned into a stack overflow or a float.
pub fn parse(source: &Source) -> Result<serde_json::Value> {
    let path = &source.path;
    let first = source.bytes.iter().find(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(Error::new(ErrorKind::Syntax, "the file is empty")
            .in_file(path)
            .help("give an OpenAPI 3.0 or 3.1 document in JSON or YAML"));
    };
    let value = if matches!(first, b'{' | b'[') {
        parse_json(source)?
    } else {
        parse_yaml(source)?
    };
    if !value.is_object() {
        let what = match &value {
            serde_json::Value::String(s) if s.trim_start().starts_with('<') => {
                "the file is neither JSON nor YAML: it looks like HTML or XML".to_string()
            }
            serde_json::Value::String(_) => {
                "the file is neither JSON nor YAML: it reads as plain text".to_string()
            }
            other => format!(
                "the document is {}, not an object",
                match other {
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::Null => "null",
                    serde_json::Value::Bool(_) => "a boolean",
                    _ => "a number",
                }
            ),
        };
        return Err(Error::new(ErrorKind::Syntax, what)
            .in_file(path)
            .help("an OpenAPI description is an object with `openapi`, `info` and `paths`"));
    }
    Ok(value)
}

fn nesting_error(path: &Path, line: usize, column: usize) -> Error {
    Error::new(
        ErrorKind::Limit,
        format!("the document is nested more than {MAX_NESTING} levels deep"),
    )
    .in_file(path)
    .line_col(line, column)
    .help("move deeply nested schemas into `components/schemas` and refer to them with `$ref`")
}

/// Where the document records the integers beyond 64 bits it read as the
/// nearest 64-bit limit (`[[pointer, literal], …]`), until [`model`] turns
/// them into losses.
const CLAMPED: &str = "x-codegen-clamped";

/// Whether an integer beyond 64 bits at `pointer` may be read as the
/// nearest 64-bit limit: a bound (`minimum`, `maximum` and their exclusive
/// forms), or documentation (`default`, `example`, `examples`), as
/// JavaScript tooling writes 2^63 and 2^64 (`9223372036854776000`). Elsewhere
/// (`enum`, `const`, `multipleOf`, …) it changes what is valid: an error.
fn clampable(pointer: &str) -> bool {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let bound = matches!(
        tokens.last(),
        Some(&("minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum"))
    );
    let documentation = tokens.iter().enumerate().any(|(i, t)| {
        matches!(*t, "default" | "example" | "examples")
            && (i == 0 || !matches!(tokens[i - 1], "properties" | "patternProperties"))
    });
    bound || documentation
}

/// The nearest 64-bit limit: `i64::MIN` below, `u64::MAX` above.
fn clamp(literal: &str) -> serde_json::Value {
    if literal.starts_with('-') {
        serde_json::Value::from(i64::MIN)
    } else {
        serde_json::Value::from(u64::MAX)
    }
}

/// Puts the clamped value at each pointer and records them in the document.
fn record_clamps(value: &mut serde_json::Value, clamped: Vec<(String, String)>) {
    if clamped.is_empty() {
        return;
    }
    let mut list = Vec::with_capacity(clamped.len());
    for (pointer, literal) in clamped {
        if let Some(slot) = value.pointer_mut(&pointer) {
            *slot = clamp(&literal);
        }
        list.push(serde_json::json!([pointer, literal]));
    }
    if let Some(root) = value.as_object_mut() {
        root.insert(CLAMPED.into(), serde_json::Value::Array(list));
    }
}

/// Takes the record of [`record_clamps`] out of a document that another
/// one refers to (read by [`bundle`]), its pointers prefixed with the
/// file's name (`common.json#/components/…`), to be handed to
/// [`add_clamps`] on the root document.
pub(crate) fn take_clamps(doc: &mut serde_json::Value, file: &str) -> Vec<serde_json::Value> {
    let Some(serde_json::Value::Array(list)) =
        doc.as_object_mut().and_then(|root| root.remove(CLAMPED))
    else {
        return Vec::new();
    };
    list.into_iter()
        .filter_map(|entry| {
            let pointer = entry.get(0)?.as_str()?;
            let literal = entry.get(1)?.as_str()?;
            Some(serde_json::json!([format!("{file}#{pointer}"), literal]))
        })
        .collect()
}

/// Adds the records of [`take_clamps`] to the root document's.
pub(crate) fn add_clamps(doc: &mut serde_json::Value, entries: Vec<serde_json::Value>) {
    if entries.is_empty() {
        return;
    }
    if let Some(root) = doc.as_object_mut() {
        let list = root
            .entry(CLAMPED)
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        if let serde_json::Value::Array(list) = list {
            list.extend(entries);
        }
    }
}

/// Takes the record of [`record_clamps`] out of the document, as losses.
pub(crate) fn clamp_losses(doc: &mut serde_json::Value) -> Losses {
    let mut losses = Losses::default();
    let Some(serde_json::Value::Array(list)) =
        doc.as_object_mut().and_then(|root| root.remove(CLAMPED))
    else {
        return losses;
    };
    for entry in list {
        let (Some(pointer), Some(literal)) = (
            entry.get(0).and_then(|p| p.as_str()),
            entry.get(1).and_then(|l| l.as_str()),
        ) else {
            continue;
        };
        let (schema, keyword) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        let limit = clamp(literal);
        losses.not_enforced(
            schema,
            keyword.replace("~1", "/").replace("~0", "~"),
            format!("the integer {literal} does not fit in 64 bits; it is read as {limit}"),
        );
    }
    losses
}

fn big_integer_error(path: &Path, pointer: &str, literal: &str) -> Error {
    Error::new(
        ErrorKind::Limit,
        format!("the integer {literal} does not fit in 64 bits"),
    )
    .in_file(path)
    .at(pointer)
    .help("integers must lie between -9223372036854775808 and 18446744073709551615; write a larger value as a string, or as a number with an exponent if precision does not matter")
}

fn parse_json(source: &Source) -> Result<serde_json::Value> {
    let path = &source.path;
    let value: serde_json::Value = serde_json::from_slice(&source.bytes).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            return nesting_error(path, e.line(), e.column());
        }
        // An error at the end, or with only blank space after it: the file
        // stops in the middle of the document.
        let text = String::from_utf8_lossy(&source.bytes);
        let at = locate::parser_span(&text, e.line(), e.column());
        let truncated = e.is_eof() || text[at.end..].trim().is_empty();
        let (what, help) = if truncated {
            (
                "the JSON ends too early (is the file truncated?)",
                "complete the document, or download it again",
            )
        } else {
            (
                "the file is not valid JSON",
                "fix the JSON syntax at that line",
            )
        };
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail);
        let (line, column) = locate::line_col(&text, at.start);
        Error::new(ErrorKind::Syntax, format!("{what}: {detail}"))
            .in_file(path)
            .line_col(line, column)
            .help(help)
    })?;
    // Valid JSON is UTF-8; `serde_json` read integers beyond 64 bits as floats.
    let mut value = value;
    if let Ok(text) = std::str::from_utf8(&source.bytes) {
        let mut clamped = Vec::new();
        for big in locate::json_big_integers(text, clampable) {
            if !clampable(&big.pointer) {
                return Err(big_integer_error(path, &big.pointer, &big.literal)
                    .line_col(big.location.line, big.location.column));
            }
            clamped.push((big.pointer, big.literal));
        }
        record_clamps(&mut value, clamped);
    }
    Ok(value)
}

fn parse_yaml(source: &Source) -> Result<serde_json::Value> {
    let path = &source.path;
    let text = std::str::from_utf8(&source.bytes).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            format!("the file is neither JSON nor YAML (it is not UTF-8 text: {e})"),
        )
        .in_file(path)
        .help("give an OpenAPI document in JSON or YAML")
    })?;
    if let Some(at) = locate::yaml_flow_nesting_beyond(text, MAX_NESTING) {
        let (line, column) = locate::line_col(text, at);
        return Err(nesting_error(path, line, column));
    }
    let state = yaml::State::default();
    let parsed = serde::de::DeserializeSeed::deserialize(
        yaml::Value { state: &state },
        serde_norway::Deserializer::from_str(text),
    );
    let value = parsed.map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        if let Some((pointer, literal)) = state.big.borrow_mut().take() {
            return big_integer_error(path, &pointer, &literal).line_col(line, column);
        }
        let message = e.to_string();
        if message.contains("recursion limit exceeded") {
            return nesting_error(path, line, column);
        }
        yaml_syntax_error(path, &message, line, column)
    })?;
    // Integers beyond 128 bits come as floats: look at how they are written.
    let mut clamped = state.clamped.take();
    for pointer in state.suspects.borrow().iter() {
        if let Some(loc) = locate::find(text, pointer).filter(|l| l.exact) {
            let literal = &text[loc.span.clone()];
            let literal = literal
                .split([',', '}', ']', ' ', '#'])
                .next()
                .unwrap_or(literal);
            if locate::beyond_64_bits(literal) {
                if !clampable(pointer) {
                    return Err(
                        big_integer_error(path, pointer, literal).line_col(loc.line, loc.column)
                    );
                }
                clamped.push((pointer.clone(), literal.to_string()));
            }
        }
    }
    let mut value = value;
    record_clamps(&mut value, clamped);
    Ok(value)
}

/// A YAML syntax error: libyaml says what it found where, and often what it
/// was reading and where that began (`found unexpected end of stream at line
/// 6 column 1, while scanning a quoted scalar at line 3 column 10`). When the
/// file ended, the place that was left open is the one to show.
fn yaml_syntax_error(path: &Path, message: &str, line: usize, column: usize) -> Error {
    fn position(text: &str) -> Option<(usize, usize)> {
        let rest = &text[text.find(" at line ")? + " at line ".len()..];
        let (line, rest) = rest.split_once(" column ")?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.parse().ok()?, column.parse().ok()?))
    }
    let strip = |text: &str| text.split(" at line ").next().unwrap_or(text).to_string();
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message, None),
    };
    let ended = problem.contains("end of stream");
    let mut text = strip(problem);
    let mut at = (line > 0).then_some((line, column));
    if let Some(context) = context {
        text.push_str(&format!(", while {}", strip(context)));
        if ended {
            at = position(context).or(at);
        }
    }
    let mut err = Error::new(
        ErrorKind::Syntax,
        format!("the file is not valid YAML (nor JSON): {text}"),
    )
    .in_file(path)
    .help(if ended {
        "close what was left open here; if the file ends early, it may be truncated"
    } else {
        "fix the YAML at that line"
    });
    if let Some((line, column)) = at {
        err = err.line_col(line, column);
    }
    err
}

/// YAML → JSON value, keeping track of where the parser is, so that an
/// integer beyond 64 bits is reported with its pointer.
mod yaml {
    use crate::error::pointer_token;
    use crate::front::locate::Key;
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Number};
    use std::cell::RefCell;
    use std::fmt;

    #[derive(Default)]
    pub struct State {
        /// The pointer of the node being read, token by token.
        path: RefCell<Vec<String>>,
        /// An integer beyond 64 bits: its pointer and digits.
        pub big: RefCell<Option<(String, String)>>,
        /// Integers beyond 64 bits read as the nearest limit: pointers and digits.
        pub clamped: RefCell<Vec<(String, String)>>,
        /// Whole floats beyond 64 bits: an integer literal beyond 128 bits, or
        /// a float written with an exponent. The text tells.
        pub suspects: RefCell<Vec<String>>,
    }

    impl State {
        fn pointer(&self) -> String {
            self.path
                .borrow()
                .iter()
                .map(|t| format!("/{}", pointer_token(t)))
                .collect()
        }
    }

    pub struct Value<'s> {
        pub state: &'s State,
    }

    impl<'de> DeserializeSeed<'de> for Value<'_> {
        type Value = serde_json::Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Value<'_> {
        type Value = serde_json::Value;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON-compatible YAML value")
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(v.into())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(v.into())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(v.into())
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            match i64::try_from(v) {
                Ok(v) => Ok(v.into()),
                Err(_) => self.big(v.to_string()),
            }
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            match u64::try_from(v) {
                Ok(v) => Ok(v.into()),
                Err(_) => self.big(v.to_string()),
            }
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            if v.is_finite() && v.fract() == 0.0 && v.abs() >= 9.2e18 {
                self.state.suspects.borrow_mut().push(self.state.pointer());
            }
            Ok(Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.into())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(v.into())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(serde_json::Value::Null)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(serde_json::Value::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            loop {
                self.state.path.borrow_mut().push(out.len().to_string());
                let next = seq.next_element_seed(Value { state: self.state });
                self.state.path.borrow_mut().pop();
                match next? {
                    Some(v) => out.push(v),
                    None => break,
                }
            }
            Ok(serde_json::Value::Array(out))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Map::new();
            while let Some(Key(key)) = map.next_key::<Key>()? {
                self.state.path.borrow_mut().push(key.clone());
                let value = map.next_value_seed(Value { state: self.state });
                self.state.path.borrow_mut().pop();
                out.insert(key, value?);
            }
            Ok(serde_json::Value::Object(out))
        }
    }

    impl Value<'_> {
        fn big<E: de::Error>(self, digits: String) -> Result<serde_json::Value, E> {
            let pointer = self.state.pointer();
            if super::clampable(&pointer) {
                let value = super::clamp(&digits);
                self.state.clamped.borrow_mut().push((pointer, digits));
                return Ok(value);
            }
            *self.state.big.borrow_mut() = Some((self.state.pointer(), digits));
            Err(E::custom("integer beyond 64 bits"))
        }
    }
}
