//! Where a JSON Pointer is in the original text of a description, so that an
//! error can name the line and column and show the line. JSON is walked by a
//! small scanner (iterative: any depth, no recursion); YAML is walked by the
//! YAML parser itself (`serde_norway`), whose marks are exact. The JSON scanner
//! also finds integers beyond 64 bits, which `serde_json` would silently turn
//! into floats.

use crate::error::{Error, Excerpt};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where a pointer was found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Bytes of the node in the text: a scalar, or the key (JSON) or first
    /// line (YAML) of a collection.
    pub span: Range<usize>,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// `false` when the pointer itself is not in the text (it names a node
    /// that the generator made, or that is missing) and this is its deepest
    /// ancestor that is.
    pub exact: bool,
}

impl Location {
    /// The line of the text that holds the node, with the node's columns marked.
    pub fn excerpt(&self, text: &str) -> Excerpt {
        let start = text[..self.span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[start..end].trim_end_matches('\r');
        let from = self.span.start - start;
        let to = self.span.end.min(start + line.len()).max(self.span.start) - start;
        Excerpt {
            line: self.line,
            text: line.to_string(),
            columns: from..to.max(from + 1).min(line.len().max(from + 1)),
        }
    }
}

/// Finds the node a JSON Pointer names (or its deepest ancestor) in a JSON or
/// YAML text. `None` when the text cannot be walked at all.
pub fn find(text: &str, pointer: &str) -> Option<Location> {
    let tokens = tokens(pointer);
    if is_json(text) {
        json_find(text, &tokens)
    } else {
        yaml_find(text, &tokens)
    }
}

/// Whether the text is read as JSON (its first non-blank character opens an
/// object or an array), as [`crate::front::load`] decides.
pub fn is_json(text: &str) -> bool {
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// The unescaped tokens of a JSON Pointer (RFC 6901).
pub fn tokens(pointer: &str) -> Vec<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The byte offset of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| i)
}

/// The span a parser's position stands for: the character there. Column 0
/// (`serde_json` at a line break) is the end of the line before; a position in
/// the trailing blank space (a file that ends early) is the last character.
pub fn parser_span(text: &str, line: usize, column: usize) -> Range<usize> {
    let mut offset = if column == 0 && line > 1 {
        offset_of(text, line - 1, usize::MAX)
    } else {
        offset_of(text, line, column)
    };
    if text[offset..].trim().is_empty() {
        offset = text.trim_end().len();
        if let Some((i, _)) = text[..offset].char_indices().next_back() {
            return i..offset;
        }
    }
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    offset..end
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn location(text: &str, span: Range<usize>, exact: bool) -> Location {
    let (line, column) = line_col(text, span.start);
    Location {
        span,
        line,
        column,
        exact,
    }
}

// ---------------------------------------------------------------- files

/// The texts of the files a description was read from, and where the nodes
/// brought in from other files came from, to put errors where they belong.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<(PathBuf, String)>,
    origins: Vec<Origin>,
}

/// A subtree of the combined document that came from another file.
#[derive(Debug, Clone)]
struct Origin {
    /// Its pointer in the combined document, e.g. `/components/schemas/Pet`.
    prefix: String,
    file: PathBuf,
    /// Its pointer in that file.
    pointer: String,
}

impl Sources {
    /// Remembers the text of a file (not valid UTF-8: nothing to show).
    pub fn add_file(&mut self, path: &Path, bytes: &[u8]) {
        if self.text(path).is_none() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                self.files.push((path.to_path_buf(), text.to_string()));
            }
        }
    }

    /// Records that the node at `prefix` of the combined document is the node
    /// at `pointer` of `file`.
    pub fn add_origin(&mut self, prefix: String, file: &Path, pointer: String) {
        self.origins.push(Origin {
            prefix,
            file: file.to_path_buf(),
            pointer,
        });
    }

    pub fn text(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
    }

    /// Puts an error where its node is: the file it came from, its pointer
    /// there, line and column, and the line itself.
    pub fn locate(&self, mut err: Error) -> Error {
        if let Some(pointer) = err.pointer.clone() {
            let in_combined = err.file.is_none()
                || self
                    .files
                    .first()
                    .is_some_and(|(root, _)| Some(root) == err.file.as_ref());
            if in_combined {
                // The longest prefix wins (a component inlined in a path item inlined…).
                let origin = self
                    .origins
                    .iter()
                    .filter(|o| {
                        pointer == o.prefix
                            || pointer.starts_with(&o.prefix)
                                && pointer[o.prefix.len()..].starts_with('/')
                    })
                    .max_by_key(|o| o.prefix.len());
                if let Some(o) = origin {
                    let rest = &pointer[o.prefix.len()..];
                    err = err.moved_to(&o.file, format!("{}{rest}", o.pointer));
                }
            }
        }
        if err.excerpt.is_some() {
            return err;
        }
        let Some(text) = err.file.as_deref().and_then(|f| self.text(f)) else {
            return err;
        };
        // The node a pointer names; else a parser's position; else the
        // nearest node the pointer's ancestors name.
        let by_pointer = err.pointer.as_deref().and_then(|p| find(text, p));
        let found = match (by_pointer, err.line_col) {
            (Some(loc), _) if loc.exact => Some(loc),
            (_, Some((line, column))) => {
                Some(location(text, parser_span(text, line, column), true))
            }
            (loc, None) => loc,
        };
        match found {
            Some(loc) => {
                let excerpt = loc.excerpt(text);
                let err = err.line_col(loc.line, loc.column);
                err.excerpt(excerpt)
            }
            None => err,
        }
    }
}

// ---------------------------------------------------------------- JSON

/// A cursor over JSON text that is already known to be valid (it parsed).
struct Scanner<'t> {
    b: &'t [u8],
    i: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            b: text.as_bytes(),
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Skips a string (the cursor is on its opening quote); returns its span.
    fn skip_string(&mut self) -> Range<usize> {
        let start = self.i;
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => break,
                _ => {}
            }
        }
        start..self.i.min(self.b.len())
    }

    /// Reads a string (the cursor is on its opening quote): its span and value.
    fn string(&mut self) -> (Range<usize>, String) {
        let span = self.skip_string();
        let raw = &self.b[span.start + 1..span.end.saturating_sub(1).max(span.start + 1)];
        (span, unescape(raw))
    }

    /// Skips one value of any depth, iteratively; returns its span.
    fn skip_value(&mut self) -> Range<usize> {
        self.ws();
        let start = self.i;
        match self.peek() {
            Some(b'"') => {
                self.skip_string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.i += 1;
                }
            }
        }
        start..self.i
    }
}

fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('\\') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let Ok(unit) = u32::from_str_radix(&hex, 16) else {
                    continue;
                };
                match (pending_high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => pending_high = Some(unit),
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                        out.extend(char::from_u32(code));
                    }
                    (_, unit) => out.extend(char::from_u32(unit)),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn json_find(text: &str, tokens: &[String]) -> Option<Location> {
    let mut s = Scanner::new(text);
    s.ws();
    s.peek()?;
    // The node found so far: the root, then each member's key or element.
    let mut found = s.i..s.i + 1;
    for token in tokens {
        s.ws();
        match s.peek() {
            Some(b'{') => {
                s.i += 1;
                let mut hit = None;
                loop {
                    s.ws();
                    if s.peek() != Some(b'"') {
                        break;
                    }
                    let (span, key) = s.string();
                    if !s.eat(b':') {
                        break;
                    }
                    if key == *token {
                        hit = Some(span);
                        s.ws();
                        break;
                    }
                    s.skip_value();
                    if !s.eat(b',') {
                        break;
                    }
                }
                match hit {
                    // A scalar member is shown by its value, a collection by its key.
                    Some(key) => {
                        found = match s.peek() {
                            Some(b'{' | b'[') | None => key,
                            Some(_) => {
                                let start = s.i;
                                let value = s.skip_value();
                                s.i = start;
                                value
                            }
                        }
                    }
                    None => return Some(location(text, found, false)),
                }
            }
            Some(b'[') => {
                s.i += 1;
                let Ok(index) = token.parse::<usize>() else {
                    return Some(location(text, found, false));
                };
                let mut hit = false;
                for n in 0.. {
                    s.ws();
                    if matches!(s.peek(), None | Some(b']')) {
                        break;
                    }
                    if n == index {
                        hit = true;
                        break;
                    }
                    s.skip_value();
                    if !s.eat(b',') {
                        break;
                    }
                }
                if !hit {
                    return Some(location(text, found, false));
                }
                let start = s.i;
                let end = match s.peek() {
                    Some(b'{' | b'[') => start + 1,
                    _ => {
                        let end = s.skip_value().end;
                        s.i = start;
                        end
                    }
                };
                found = start..end;
            }
            _ => return Some(location(text, found, false)),
        }
    }
    Some(location(text, found, true))
}

/// An integer in a JSON text that does not fit in 64 bits (neither `i64` nor
/// `u64`): where it is, and its pointer. `serde_json` would read it as a float
/// and lose digits silently. The text must be valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigInteger {
    pub pointer: String,
    pub literal: String,
    pub location: Location,
}

/// The first integer beyond 64 bits in a valid JSON text, if any.
pub fn json_big_integer(text: &str) -> Option<BigInteger> {
    json_big_integers(text, |_| false).pop()
}

/// The integers beyond 64 bits in a valid JSON text, in order, up to and
/// including the first one `tolerated` says no to.
pub fn json_big_integers(text: &str, tolerated: impl Fn(&str) -> bool) -> Vec<BigInteger> {
    let mut found = Vec::new();
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let b = text.as_bytes();
    // A cheap pre-check: no run of 19 or more digits, no big integer.
    let mut run = 0;
    if !b.iter().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 19
    }) {
        return found;
    }
    let mut s = Scanner::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    while let Some(c) = s.peek() {
        match c {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
                s.i += 1;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                s.i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                s.i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array(i)) => *i += 1,
                    Some(Frame::Object(_)) => expect_key = true,
                    None => {}
                }
                s.i += 1;
            }
            b'"' => {
                if expect_key {
                    let (_, key) = s.string();
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(key);
                    }
                    expect_key = false;
                } else {
                    s.skip_string();
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = s.i;
                while matches!(
                    s.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    s.i += 1;
                }
                let literal = &text[start..s.i];
                if beyond_64_bits(literal) {
                    let mut pointer = String::new();
                    for frame in &stack {
                        pointer.push('/');
                        match frame {
                            Frame::Object(key) => pointer.push_str(&crate::error::pointer_token(
                                key.as_deref().unwrap_or_default(),
                            )),
                            Frame::Array(i) => pointer.push_str(&i.to_string()),
                        }
                    }
                    let stop = !tolerated(&pointer);
                    found.push(BigInteger {
                        pointer,
                        literal: literal.to_string(),
                        location: location(text, start..s.i, true),
                    });
                    if stop {
                        return found;
                    }
                }
            }
            _ => s.i += 1,
        }
    }
    found
}

/// Whether an integer literal (digits with an optional `-`) is outside both
/// `i64` and `u64`. Literals with a fraction or an exponent are not integers.
pub fn beyond_64_bits(literal: &str) -> bool {
    let (negative, digits) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal.strip_prefix('+').unwrap_or(literal)),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let digits = digits.trim_start_matches('0');
    let limit = if negative {
        "9223372036854775808"
    } else {
        "18446744073709551615"
    };
    digits.len() > limit.len() || (digits.len() == limit.len() && digits > limit)
}

// ---------------------------------------------------------------- YAML

/// Where a YAML text's flow collections (`{…}`, `[…]`) first nest deeper than
/// `max`, if they do: the byte offset of the bracket. The YAML parser loads
/// the whole event stream before any depth limit applies, in time quadratic
/// in the nesting (100,000 levels take minutes), so deep nesting is found by
/// this scan first. Brackets in quoted scalars and comments do not count; in
/// block context only a bracket that starts a value does.
pub fn yaml_flow_nesting_beyond(text: &str, max: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // Whether a value may start here in block context (after `: `, `- `, `? `,
    // or indentation).
    let mut value_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                if depth == 0 {
                    value_start = true;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' if depth > 0 || value_start => {
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'\\' if c == b'"' => i += 1,
                        q if q == c => {
                            // `''` inside a single-quoted scalar is a quote.
                            if c == b'\'' && b.get(i + 1) == Some(&b'\'') {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                value_start = false;
            }
            b'[' | b'{' if depth > 0 || value_start => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            b',' if depth > 0 => value_start = true,
            b':' | b'-' | b'?'
                if b.get(i + 1)
                    .map_or(true, |n| matches!(n, b' ' | b'\t' | b'\n' | b'\r')) =>
            {
                value_start = true
            }
            _ => {
                if depth == 0 {
                    value_start = false;
                }
            }
        }
        i += 1;
    }
    None
}

/// Walks a YAML text to a pointer with the YAML parser: at the node, the walk
/// stops with an error that carries the parser's mark (line and column).
fn yaml_find(text: &str, tokens: &[String]) -> Option<Location> {
    // The deepest prefix of the pointer that exists.
    for len in (0..=tokens.len()).rev() {
        let reached = Cell::new(false);
        let seek = Seek {
            tokens: &tokens[..len],
            reached: &reached,
        };
        let result = seek.deserialize(serde_norway::Deserializer::from_str(text));
        match result {
            Err(e) if reached.get() => {
                let mark = e.location()?;
                let start = offset_of(text, mark.line(), mark.column());
                let end = yaml_node_end(text, start);
                return Some(Location {
                    span: start..end,
                    line: mark.line(),
                    column: mark.column(),
                    exact: len == tokens.len(),
                });
            }
            // The text is not valid YAML: nothing to walk.
            Err(_) => return None,
            Ok(()) => continue,
        }
    }
    None
}

/// The end of a YAML node's first line: a quoted or plain scalar (in a flow
/// collection it ends at `,`, `]` or `}`), or the opening of a collection.
fn yaml_node_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r');
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let opened = before.matches(['[', '{']).count();
    let closed = before.matches([']', '}']).count();
    let in_flow = opened > closed;
    let len = match line.as_bytes().first() {
        None => 0,
        Some(b'{' | b'[') => 1,
        Some(&quote @ (b'"' | b'\'')) => {
            line[1..].find(quote as char).map_or(line.len(), |i| i + 2)
        }
        Some(_) => {
            let mut end = line.find(" #").unwrap_or(line.len());
            if in_flow {
                end = line[..end].find([',', ']', '}']).unwrap_or(end);
            }
            line[..end].trim_end().len()
        }
    };
    start + len.max(1).min(line.len().max(1))
}

/// The walk to the node: descends by the pointer's tokens and stops at the node.
struct Seek<'p> {
    tokens: &'p [String],
    reached: &'p Cell<bool>,
}

/// The message of the error that stops the walk at the node.
const REACHED: &str = "openapi-rustgen: node reached";

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.tokens.is_empty() {
            self.reached.set(true);
            return d.deserialize_any(Reached);
        }
        d.deserialize_any(self)
    }
}

macro_rules! scalars {
    ($result:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            $result
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            $result
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            $result
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
            $result
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
            $result
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            $result
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            $result
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            $result
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            $result
        }
    };
}

/// Stops the walk with an error at the current node.
struct Reached;

impl<'de> Visitor<'de> for Reached {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any node")
    }
    scalars!(Err(E::custom(REACHED)));
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(REACHED))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(REACHED))
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any node")
    }
    scalars!(Ok(()));
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (first, rest) = match self.tokens.split_first() {
            Some(split) => split,
            None => return Ok(()),
        };
        // The whole map is read (the parser wants every entry consumed).
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == *first {
                map.next_value_seed(Seek {
                    tokens: rest,
                    reached: self.reached,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (first, rest) = match self.tokens.split_first() {
            Some(split) => split,
            None => return Ok(()),
        };
        let Ok(index) = first.parse::<usize>() else {
            return Ok(());
        };
        for _ in 0..index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek {
            tokens: rest,
            reached: self.reached,
        })?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// A mapping key of any scalar type, as text (`200:` is the key `"200"`).
pub(crate) struct Key(pub String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
                Ok(Key(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key("null".to_string()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{
  "openapi": "3.1.0",
  "paths": {
    "/pets/{id}": {"get": {"operationId": "a", "tags": ["x", "y"]}},
    "esc\"aped": {"k~/": 1}
  },
  "list": [1, {"a": [true, null]}, "s,]"]
}"#;

    fn at(text: &str, pointer: &str) -> (usize, usize, bool, String) {
        let loc = find(text, pointer).unwrap_or_else(|| panic!("{pointer} not walked"));
        (
            loc.line,
            loc.column,
            loc.exact,
            text[loc.span.clone()].to_string(),
        )
    }

    #[test]
    fn json_pointers() {
        assert_eq!(at(JSON, ""), (1, 1, true, "{".into()));
        assert_eq!(at(JSON, "/openapi"), (2, 14, true, "\"3.1.0\"".into()));
        assert_eq!(
            at(JSON, "/paths/~1pets~1{id}/get/operationId"),
            (4, 43, true, "\"a\"".into())
        );
        assert_eq!(
            at(JSON, "/paths/~1pets~1{id}/get/tags/1"),
            (4, 62, true, "\"y\"".into())
        );
        assert_eq!(
            at(JSON, "/paths/esc\"aped/k~0~1"),
            (5, 26, true, "1".into())
        );
        assert_eq!(at(JSON, "/list/1/a/1"), (7, 28, true, "null".into()));
        assert_eq!(at(JSON, "/list/2"), (7, 36, true, "\"s,]\"".into()));
        // Missing: the deepest ancestor, marked inexact.
        assert_eq!(
            at(JSON, "/paths/~1pets~1{id}/post/x"),
            (4, 5, false, "\"/pets/{id}\"".into())
        );
        assert_eq!(at(JSON, "/list/9"), (7, 3, false, "\"list\"".into()));
        assert_eq!(at(JSON, "/nope"), (1, 1, false, "{".into()));
    }

    #[test]
    fn json_unicode_escapes_and_columns() {
        let text = "{\"caf\\u00e9\": {\"\\ud83d\\ude00\": 1}, \"é\": 2}";
        assert_eq!(at(text, "/café/😀").3, "1");
        // Columns count characters: `é` is one.
        assert!(!at(text, "/é/x").2);
        let loc = find("{\"é\": 1, \"b\": 2}", "/b").expect("found");
        assert_eq!((loc.line, loc.column), (1, 15));
    }

    #[test]
    fn json_deep_text_is_walked_without_recursion() {
        let depth = 100_000;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let pointer = "/0".repeat(depth);
        let loc = find(&text, &pointer).expect("walked");
        assert!(loc.exact);
        assert_eq!(loc.column, depth + 1);
        // Skipping over a deep value to a later member.
        let text = format!(
            "{{\"a\": {}1{}, \"b\": 2}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert_eq!(at(&text, "/b").3, "2");
    }

    #[test]
    fn yaml_pointers() {
        let text = "openapi: 3.1.0\ninfo:\n  title: x   # a comment\npaths:\n  /pets/{id}:\n    get:\n      tags: [x, y]\n      responses:\n        200: {description: ok}\nlist:\n  - a: 1\n  - b: 2\n    c: [3]\n";
        assert_eq!(at(text, "/info/title"), (3, 10, true, "x".into()));
        assert_eq!(
            at(text, "/paths/~1pets~1{id}/get/tags/1"),
            (7, 17, true, "y".into())
        );
        assert_eq!(
            at(text, "/paths/~1pets~1{id}/get/responses/200/description"),
            (9, 28, true, "ok".into())
        );
        assert_eq!(at(text, "/list/1/c"), (13, 8, true, "[".into()));
        assert_eq!(at(text, "/list/1/c/0"), (13, 9, true, "3".into()));
        let (line, _, exact, _) = at(text, "/paths/~1pets~1{id}/post");
        assert_eq!((line, exact), (6, false));
        assert_eq!(find("a: [1, 2\nb: 3\n", "/b"), None);
    }

    #[test]
    fn big_integers_in_json() {
        assert_eq!(
            json_big_integer(r#"{"a": [1, 2.5e300, -9223372036854775808, 18446744073709551615]}"#),
            None
        );
        let text =
            "{\"a\": [1, {\"max\": 18446744073709551616}], \"s\": \"123456789012345678901234\"}";
        let big = json_big_integer(text).expect("found");
        assert_eq!(big.pointer, "/a/1/max");
        assert_eq!(big.literal, "18446744073709551616");
        assert_eq!((big.location.line, big.location.column), (1, 19));
        let big = json_big_integer("{\"k/\": -9223372036854775809}").expect("found");
        assert_eq!(big.pointer, "/k~1");
        assert!(!beyond_64_bits("00000000000000000000000000001"));
        assert!(beyond_64_bits("123456789012345678901234567890"));
        assert!(!beyond_64_bits("1e30"));
    }

    #[test]
    fn yaml_flow_nesting() {
        let deep = |n: usize| format!("a: {}1{}\n", "{b: ".repeat(n), "}".repeat(n));
        assert_eq!(yaml_flow_nesting_beyond(&deep(128), 128), None);
        assert_eq!(yaml_flow_nesting_beyond(&deep(129), 128), Some(3 + 128 * 4));
        let seq = format!("- {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(yaml_flow_nesting_beyond(&seq, 128), Some(2 + 128));
        // Brackets in text, quotes and comments are not collections.
        let text = "d: see [this] and {that\nq: '[[[[' # {{{{\nr: \"{{{{\"\ns: a [ b\n";
        assert_eq!(yaml_flow_nesting_beyond(text, 0), None);
        assert_eq!(yaml_flow_nesting_beyond("x: [1, {a: [2]}]\n", 2), Some(11));
    }

    #[test]
    fn line_and_offset_agree() {
        let text = "ab\ncdé\nf";
        for (offset, (line, col)) in [(0, (1, 1)), (3, (2, 1)), (5, (2, 3)), (8, (3, 1))] {
            assert_eq!(line_col(text, offset), (line, col));
            assert_eq!(offset_of(text, line, col), offset);
        }
    }
}
