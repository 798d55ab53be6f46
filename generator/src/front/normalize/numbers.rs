//! Numeric bounds (rules 6 and 8): 3.1 numeric `exclusiveMinimum` /
//! `exclusiveMaximum` → 3.0 booleans beside `minimum` / `maximum`, and the
//! bounds of an integer schema that are not integers → `x-codegen-*`.

use super::aside::{discard, take_key};
use super::Rewrites;
use serde_json::{Map, Number, Value};
use std::cmp::Ordering;

/// Rule 6: 3.1 numeric `exclusiveMinimum`/`exclusiveMaximum`.
pub(super) fn exclusive_bounds(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    for (exclusive, bound, stricter) in [
        ("exclusiveMinimum", "minimum", Ordering::Greater),
        ("exclusiveMaximum", "maximum", Ordering::Less),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive) else {
            continue;
        };
        let limit = limit.clone();
        if let Some(old) = take_key(map, exclusive) {
            discard(old);
        }
        rw.exclusive_bounds += 1;
        // An inclusive bound strictly beyond the exclusive one is the stricter.
        let keep_inclusive = match map.get(bound) {
            Some(Value::Number(existing)) => compare_numbers(existing, &limit) == Some(stricter),
            _ => false,
        };
        if !keep_inclusive {
            map.insert(bound.to_string(), Value::Number(limit));
            map.insert(exclusive.to_string(), Value::Bool(true));
        }
    }
}

/// Rule 8 (integers): `minimum`/`maximum`/`multipleOf` of an integer schema must
/// be integers for `openapiv3` to build an `IntegerType`.
pub(super) fn integer_bounds(map: &mut Map<String, Value>, rw: &mut Rewrites) {
    if map.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for (key, exclusive) in [
        ("minimum", Some("exclusiveMinimum")),
        ("maximum", Some("exclusiveMaximum")),
        ("multipleOf", None),
    ] {
        let Some(Value::Number(n)) = map.get(key) else {
            continue;
        };
        if n.is_i64() {
            continue;
        }
        if let Some(whole) = integral_i64(n) {
            map.insert(key.to_string(), Value::Number(Number::from(whole)));
            continue;
        }
        if let Some(value) = take_key(map, key) {
            map.insert(format!("x-codegen-{key}"), value);
            rw.dropped += 1;
        }
        if let Some(exclusive) = exclusive {
            if let Some(flag) = take_key(map, exclusive) {
                map.insert(format!("x-codegen-{exclusive}"), flag);
            }
        }
    }
}

/// A float with no fractional part that fits an `i64`.
pub(super) fn integral_i64(n: &Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    // 2^63 as f64 is exact; every f64 in [-2^63, 2^63) converts exactly.
    if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f)
    {
        Some(f as i64)
    } else {
        None
    }
}

fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}
