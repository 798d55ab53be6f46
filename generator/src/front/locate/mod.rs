//! Where a JSON Pointer is in the original text of a description, so that an
//! error can name the line and column and show the line. JSON is walked by a
//! small scanner (iterative: any depth, no recursion); YAML is walked by the
//! YAML parser itself (`serde_norway`), whose marks are exact. The JSON scanner
//! also finds integers beyond 64 bits, which `serde_json` would silently turn
//! into floats.
//!
//! `scanner` is the cursor over JSON text, `json` walks it to a pointer,
//! `big_integers` finds the integers beyond 64 bits; `yaml` walks a YAML text
//! to a pointer and bounds its flow nesting; `position` converts between byte
//! offsets and lines and columns; `sources` keeps the files' texts and puts
//! errors where their nodes are.

mod big_integers;
mod json;
mod position;
mod scanner;
mod sources;
mod yaml;

pub use big_integers::{beyond_64_bits, json_big_integer, json_big_integers, BigInteger};
pub use position::{line_col, offset_of, parser_span};
pub use sources::Sources;
pub use yaml::yaml_flow_nesting_beyond;
pub(crate) use yaml::Key;

use crate::error::Excerpt;
use std::ops::Range;

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
        json::json_find(text, &tokens)
    } else {
        yaml::yaml_find(text, &tokens)
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

/// The location of a span of the text.
fn location(text: &str, span: Range<usize>, exact: bool) -> Location {
    let (line, column) = line_col(text, span.start);
    Location {
        span,
        line,
        column,
        exact,
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
}
