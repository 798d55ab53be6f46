//! YAML texts: a pointer → the location of its node (or deepest ancestor),
//! found by walking the text with the YAML parser itself and stopping at the
//! node, whose mark is exact; and the depth of flow collections checked
//! before the parser sees the text.

use super::position::offset_of;
use super::Location;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

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
pub(super) fn yaml_find(text: &str, tokens: &[String]) -> Option<Location> {
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
}
