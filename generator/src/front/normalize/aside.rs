//! Moving keywords aside, for the schema rewrites: a schema object's
//! keyword → its value under `x-codegen-dropped` (counted as dropped), or
//! removed with the other keys' order kept; and dropping a value of any
//! depth without recursion.

use super::{Rewrites, DROPPED};
use serde_json::{Map, Value};

/// Removes `key` from `map`, keeping the order of the other keys whether or
/// not serde_json's `preserve_order` feature is on.
pub(super) fn take_key(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let value = std::mem::take(map.get_mut(key)?);
    map.retain(|k, _| k != key);
    Some(value)
}

/// Moves keyword `key` (when present) under `x-codegen-dropped` and counts it.
pub(super) fn move_aside(map: &mut Map<String, Value>, key: &str, rw: &mut Rewrites) {
    if let Some(value) = take_key(map, key) {
        stash(map, key, value);
        rw.dropped += 1;
    }
}

/// Puts `value` under `x-codegen-dropped.<key>`.
pub(super) fn stash(map: &mut Map<String, Value>, key: &str, value: Value) {
    let slot = map
        .entry(DROPPED)
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        // Someone else's value under our name: keep it, one level down.
        let old = std::mem::take(slot);
        let mut wrapper = Map::new();
        wrapper.insert(DROPPED.to_string(), old);
        *slot = Value::Object(wrapper);
    }
    if let Value::Object(dropped) = slot {
        if let Some(old) = dropped.insert(key.to_string(), value) {
            discard(old);
        }
    }
}

/// Drops a value without recursion (`Value`'s own `Drop` recurses, which a
/// deeply nested value would turn into a stack overflow).
pub(super) fn discard(value: Value) {
    let mut pending = vec![value];
    while let Some(mut value) = pending.pop() {
        match &mut value {
            Value::Array(items) => pending.append(items),
            Value::Object(map) => {
                let map = std::mem::take(map);
                pending.extend(map.into_iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}
