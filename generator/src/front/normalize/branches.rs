//! Combinations of schemas (rules 5 and 4): a `$ref` with sibling keywords
//! → `allOf: [{$ref}]` beside them, and the `null` branches of
//! `oneOf`/`anyOf` → `nullable: true` (a single branch left moves to `allOf`).

use super::aside::{discard, move_aside, take_key};
use super::types::null_only;
use super::{Rewrites, DROPPED};
use serde_json::{Map, Value};

/// Rule 5: `$ref` with siblings → `allOf: [{$ref}]` + the siblings.
pub(super) fn ref_siblings(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    if map.len() < 2 || !matches!(map.get("$ref"), Some(Value::String(_))) {
        return;
    }
    let Some(reference) = take_key(map, "$ref") else {
        return;
    };
    let mut wrapped = Map::new();
    wrapped.insert("$ref".to_string(), reference);
    match map.get_mut("allOf") {
        Some(Value::Array(all_of)) => all_of.insert(0, Value::Object(wrapped)),
        _ => {
            move_aside(map, "allOf", rw);
            map.insert(
                "allOf".to_string(),
                Value::Array(vec![Value::Object(wrapped)]),
            );
        }
    }
    rw.ref_siblings += 1;
}

/// Keywords that do not constrain a value.
fn is_annotation(key: &str) -> bool {
    (key.starts_with("x-") && key != DROPPED)
        || matches!(
            key,
            "description"
                | "title"
                | "nullable"
                | "example"
                | "examples"
                | "default"
                | "deprecated"
                | "readOnly"
                | "writeOnly"
                | "$comment"
        )
}

/// Whether a `oneOf`/`anyOf` branch only admits `null`.
fn is_null_branch(branch: &Value) -> bool {
    let Value::Object(map) = branch else {
        return false;
    };
    let mut says_null = false;
    for (key, value) in map {
        let null_here = match key.as_str() {
            "type" => match value {
                Value::String(t) => t == "null",
                // Like `type_array`: entries that are not strings do not count.
                Value::Array(types) => {
                    let mut names = types.iter().filter_map(Value::as_str).peekable();
                    names.peek().is_some() && names.all(|t| t == "null")
                }
                _ => false,
            },
            "enum" => {
                matches!(value, Value::Array(list) if !list.is_empty() && list.iter().all(Value::is_null))
            }
            "const" => value.is_null(),
            other if is_annotation(other) => continue,
            _ => return false,
        };
        if !null_here {
            return false;
        }
        says_null = true;
    }
    says_null
}

/// Rule 4: a `null` branch of `oneOf`/`anyOf` → `nullable: true`.
pub(super) fn null_branches(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(branches)) = map.get_mut(key) else {
            continue;
        };
        let before = branches.len();
        branches.retain(|b| !is_null_branch(b));
        let left = branches.len();
        if left == before {
            continue;
        }
        rw.null_one_of += 1;
        map.insert("nullable".to_string(), Value::Bool(true));
        match left {
            0 => {
                if let Some(old) = take_key(map, key) {
                    discard(old);
                }
                let constrained = [
                    "type",
                    "x-codegen-types",
                    "allOf",
                    "oneOf",
                    "anyOf",
                    "not",
                    "$ref",
                    "enum",
                    "properties",
                    "items",
                ]
                .iter()
                .any(|k| map.contains_key(*k));
                if !constrained {
                    null_only(map, rw);
                }
            }
            1 => {
                let Some(Value::Array(mut list)) = take_key(map, key) else {
                    continue;
                };
                let Some(only) = list.pop() else { continue };
                match map.get_mut("allOf") {
                    Some(Value::Array(all_of)) => all_of.push(only),
                    _ => {
                        move_aside(map, "allOf", rw);
                        map.insert("allOf".to_string(), Value::Array(vec![only]));
                    }
                }
            }
            _ => {}
        }
    }
}
