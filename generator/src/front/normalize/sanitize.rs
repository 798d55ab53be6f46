//! Keywords kept as extensions (rule 8): every keyword of a schema object
//! that `openapiv3` cannot deserialize (a value of the wrong shape, `items`
//! as a tuple) or would silently ignore (`prefixItems`, `$defs`, `if`, …)
//! → moved under `x-codegen-dropped`, or its value repaired when it can be.

use super::aside::{move_aside, stash};
use super::numbers::integral_i64;
use super::Rewrites;
use serde_json::{Map, Number, Value};

/// `items` shapes `openapiv3` cannot read.
pub(super) fn array_items(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    match map.get("items") {
        None | Some(Value::Object(_)) | Some(Value::Bool(true)) => {}
        // `items: false` after `prefixItems` means "no more items than those":
        // it belongs with them.
        Some(Value::Bool(false)) if map.contains_key("prefixItems") => move_aside(map, "items", rw),
        Some(Value::Bool(false)) => {}
        // The tuple form (`items: [..]`) and anything else.
        Some(_) => move_aside(map, "items", rw),
    }
}

/// What to do with one keyword of a schema.
enum Verdict {
    Keep,
    MoveAside,
    Replace(Value),
}

/// Rule 8: every keyword that `openapiv3` cannot deserialize (wrong value shape)
/// or would silently ignore is moved under `x-codegen-dropped`.
pub(super) fn sanitize(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    let keys: Vec<String> = map
        .keys()
        .filter(|k| !k.starts_with("x-"))
        .cloned()
        .collect();
    for key in keys {
        let Some(value) = map.get_mut(&key) else {
            continue;
        };
        let verdict = match key.as_str() {
            "$ref" | "type" | "title" | "description" | "pattern" | "format" => {
                keep_if(value.is_string())
            }
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum" => keep_if(value.is_boolean()),
            "multipleOf" | "minimum" | "maximum" => keep_if(value.is_number()),
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => match value {
                Value::Number(n) if n.is_u64() => Verdict::Keep,
                Value::Number(n) => match integral_i64(n).and_then(|i| u64::try_from(i).ok()) {
                    Some(whole) => Verdict::Replace(Value::Number(Number::from(whole))),
                    None => Verdict::MoveAside,
                },
                _ => Verdict::MoveAside,
            },
            // `enum: []` admits nothing: moved aside, where the IR refuses it.
            "enum" => keep_if(value.as_array().is_some_and(|v| !v.is_empty())),
            "example" | "default" => Verdict::Keep,
            "required" => match value {
                Value::Array(names) if names.iter().all(Value::is_string) => Verdict::Keep,
                Value::Array(names) => {
                    let strings = names.iter().filter(|n| n.is_string()).cloned().collect();
                    Verdict::Replace(Value::Array(strings))
                }
                _ => Verdict::MoveAside,
            },
            // Entries that are not schemas become `{}` when visited.
            "properties" => keep_if(value.is_object()),
            "allOf" | "anyOf" | "oneOf" => keep_if(value.is_array()),
            "additionalProperties" | "items" | "not" => {
                keep_if(value.is_object() || value.is_boolean())
            }
            "externalDocs" => keep_if(valid_external_docs(value)),
            "discriminator" => keep_if(valid_discriminator(value)),
            // Keywords `openapiv3` does not know: `contentMediaType`, `prefixItems`,
            // `$defs`, `if`/`then`/`else`, `$schema`, `$id`, `xml`, …
            _ => Verdict::MoveAside,
        };
        match verdict {
            Verdict::Keep => {}
            Verdict::MoveAside => move_aside(map, &key, rw),
            Verdict::Replace(new) => {
                if let Some(old) = map.insert(key.clone(), new) {
                    if !old.is_number() {
                        // Keep what was filtered out (e.g. non-string `required`).
                        stash(map, &key, old);
                        rw.dropped += 1;
                    }
                }
            }
        }
    }
}

fn keep_if(ok: bool) -> Verdict {
    if ok {
        Verdict::Keep
    } else {
        Verdict::MoveAside
    }
}

fn valid_external_docs(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    map.get("url").is_some_and(Value::is_string)
        && !matches!(map.get("description"), Some(d) if !d.is_string())
}

fn valid_discriminator(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    let mapping_ok = match map.get("mapping") {
        None => true,
        Some(Value::Object(mapping)) => mapping.values().all(Value::is_string),
        Some(_) => false,
    };
    map.get("propertyName").is_some_and(Value::is_string) && mapping_ok
}
