//! The value keywords of a schema object (rules 7 and 2): 3.1 `examples:
//! [..]` → `example` (the first), and `const: v` → `enum: [v]` marked
//! `x-codegen-const`, with a `type` inferred from `v`.

use super::aside::{discard, move_aside, take_key};
use super::{json_type, Rewrites};
use serde_json::{Map, Value};

/// Rule 7: 3.1 `examples: [..]` → `example`.
pub(super) fn examples(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    match map.get("examples") {
        None => {}
        Some(Value::Array(_)) => {
            let Some(Value::Array(list)) = take_key(map, "examples") else {
                return;
            };
            let mut list = list.into_iter();
            if !map.contains_key("example") {
                if let Some(first) = list.next() {
                    map.insert("example".to_string(), first);
                }
            }
            list.for_each(discard);
            rw.examples += 1;
        }
        Some(_) => move_aside(map, "examples", rw),
    }
}

/// Rule 2: `const: v` → `enum: [v]` (+ `type` inferred from `v`).
pub(super) fn constant(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    let Some(value) = take_key(map, "const") else {
        return;
    };
    rw.consts += 1;
    map.insert("x-codegen-const".to_string(), Value::Bool(true));
    if !map.contains_key("type") {
        match json_type(&value) {
            "null" => {
                map.insert("nullable".to_string(), Value::Bool(true));
                map.insert("x-codegen-null".to_string(), Value::Bool(true));
            }
            ty => {
                map.insert("type".to_string(), Value::String(ty.to_string()));
            }
        }
    }
    if map.contains_key("enum") {
        // `const` is at least as strict as any `enum` next to it.
        move_aside(map, "enum", rw);
    }
    map.insert("enum".to_string(), Value::Array(vec![value]));
}
