//! Types and nullability (rules 1 and 3): a schema object's 3.1 `type`
//! arrays, `type: "null"` and untyped `enum` → a single 3.0 `type` with
//! `nullable`, or `x-codegen-types` / `x-codegen-null` where 3.0 has no word.

use super::aside::{discard, move_aside, take_key};
use super::{json_type, Rewrites};
use serde_json::{Map, Value};

/// Rule 1: `type` arrays and the `null` type.
pub(super) fn type_array(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    match map.get("type") {
        Some(Value::Array(types)) => {
            let has_null = types.iter().any(|t| t.as_str() == Some("null"));
            let mut others: Vec<String> = Vec::new();
            for t in types.iter().filter_map(Value::as_str) {
                if t != "null" && !others.iter().any(|o| o == t) {
                    others.push(t.to_string());
                }
            }
            match others.len() {
                0 if has_null => {
                    null_only(map, rw);
                    rw.null_types += 1;
                }
                0 => {
                    // `type: []` (or no string in it): no restriction known.
                    move_aside(map, "type", rw);
                }
                1 => {
                    let ty = others.remove(0);
                    map.insert("type".to_string(), Value::String(ty));
                    if has_null {
                        map.insert("nullable".to_string(), Value::Bool(true));
                    }
                    rw.type_arrays += 1;
                }
                _ => {
                    if let Some(old) = take_key(map, "type") {
                        discard(old);
                    }
                    if has_null {
                        map.insert("nullable".to_string(), Value::Bool(true));
                    }
                    let list = others.into_iter().map(Value::String).collect();
                    map.insert("x-codegen-types".to_string(), Value::Array(list));
                    rw.type_arrays += 1;
                }
            }
        }
        Some(Value::String(t)) if t == "null" => {
            null_only(map, rw);
            rw.null_types += 1;
        }
        _ => {}
    }
}

/// Makes a schema that only admits `null`.
pub(super) fn null_only(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    if let Some(old) = take_key(map, "type") {
        discard(old);
    }
    map.insert("nullable".to_string(), Value::Bool(true));
    // An `enum` with other values contradicts the null type: keep it aside.
    if matches!(map.get("enum"), Some(Value::Array(values)) if values.iter().any(|v| !v.is_null()))
    {
        move_aside(map, "enum", rw);
    }
    if let Some(old) = map.insert("enum".to_string(), Value::Array(vec![Value::Null])) {
        discard(old);
    }
    map.insert("x-codegen-null".to_string(), Value::Bool(true));
}

/// Rule 3: `enum` without `type`.
pub(super) fn untyped_enum(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    if map.contains_key("type") || map.contains_key("x-codegen-types") {
        return;
    }
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    let has_null = values.iter().any(Value::is_null);
    let mut common: Option<&'static str> = None;
    let mut consistent = true;
    for value in values.iter().filter(|v| !v.is_null()) {
        let ty = json_type(value);
        common = match common {
            None => Some(ty),
            Some(prev) if prev == ty => Some(prev),
            Some("integer") | Some("number") if ty == "integer" || ty == "number" => Some("number"),
            Some(prev) => {
                consistent = false;
                Some(prev)
            }
        };
    }
    let mut changed = false;
    if let (true, Some(ty)) = (consistent, common) {
        map.insert("type".to_string(), Value::String(ty.to_string()));
        changed = true;
    }
    if has_null && map.get("nullable") != Some(&Value::Bool(true)) {
        map.insert("nullable".to_string(), Value::Bool(true));
        changed = true;
    }
    if has_null && common.is_none() && !map.contains_key("x-codegen-null") {
        map.insert("x-codegen-null".to_string(), Value::Bool(true));
        changed = true;
    }
    if changed {
        rw.untyped_enums += 1;
    }
}
