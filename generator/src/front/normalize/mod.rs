//! Brings an OpenAPI 3.1 (or 3.0) document, held as a [`serde_json::Value`],
//! onto the OpenAPI 3.0 model of the `openapiv3` crate, in place, so that
//! `serde_json::from_value::<openapiv3::OpenAPI>` accepts it and keeps what
//! matters. Used by `load` between parsing and deserialising.
//!
//! Only *schema objects* are rewritten (plus a few document-level fields);
//! `example`, `examples`, `default`, `enum`, `const` values and `x-*`
//! extensions are data and are never looked into. The walk uses an explicit
//! work stack, so a document nested arbitrarily deep cannot overflow the
//! call stack. Normalising twice changes nothing the second time.
//!
//! Besides the 3.1 → 3.0 rewrites (type arrays, `const`, numeric exclusive
//! bounds, `examples`, `null` branches of `oneOf`/`anyOf`, `$ref` with
//! siblings → `allOf: [{$ref}]`), boolean schemas become `{}` (`true`) and
//! `{"not": {}}` (`false`), and every keyword whose value has a shape
//! `openapiv3` rejects is moved aside, so that deserialising cannot fail on a
//! schema. What the rewrites leave behind, for later stages:
//! - `x-codegen-null: true` — the schema only admits `null` (`type: "null"`).
//! - `x-codegen-types: [..]` — the schema admits several non-null JSON types
//!   (`type: ["string", "integer"]`); `type` is removed.
//! - `x-codegen-const: true` — `enum: [v]` came from `const: v`.
//! - `x-codegen-minimum` / `x-codegen-maximum` / `x-codegen-multipleOf` (and
//!   `x-codegen-exclusiveMinimum` / `x-codegen-exclusiveMaximum`) — bounds of an
//!   integer schema that are not integers.
//! - `x-codegen-dropped: { keyword: value }` — keywords `openapiv3` cannot model
//!   (or whose value has the wrong shape), moved aside verbatim; a value in a
//!   schema position that is no schema at all becomes
//!   `{"x-codegen-dropped": {"schema": value}}`. Schemas inside it
//!   (`prefixItems`, `contains`, `$defs`, `patternProperties`, `if`, …) are
//!   normalised too. At the document root it holds `webhooks` and
//!   `jsonSchemaDialect`.
//! - `x-codegen-openapi` (document root) — the original `openapi` version,
//!   when `openapi` was made `3.0.3`.
//!
//! The walk is `walk`'s; the rewrites of one schema are grouped by what they
//! rewrite: `types` (type arrays, the null type, untyped `enum`), `values`
//! (`examples`, `const`), `branches` (`$ref` siblings, `null` branches),
//! `numbers` (exclusive and integer bounds) and `sanitize` (keywords moved
//! aside); `aside` holds what they share to move keywords aside.

mod aside;
mod branches;
mod numbers;
mod sanitize;
mod types;
mod values;
mod walk;

use aside::{discard, move_aside, stash, take_key};
use serde_json::{Map, Value};

/// Counts of each rewrite, for reporting.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rewrites {
    /// `type: [..]` arrays with at least one non-null type, made a single
    /// `type` (+ `nullable`) or `x-codegen-types`.
    pub type_arrays: usize,
    /// `type: "null"` / `type: ["null"]` schemas, made `nullable` + `enum: [null]`.
    pub null_types: usize,
    /// `const: v` made `enum: [v]`.
    pub consts: usize,
    /// `enum` without `type` that got a `type` (or `nullable`) inferred.
    pub untyped_enums: usize,
    /// `oneOf`/`anyOf` that lost a `null` branch to `nullable: true`.
    pub null_one_of: usize,
    /// `$ref` with sibling keywords, made `allOf: [{$ref}]` + the siblings.
    pub ref_siblings: usize,
    /// Numeric (3.1) `exclusiveMinimum`/`exclusiveMaximum` made 3.0 booleans.
    pub exclusive_bounds: usize,
    /// Schema `examples: [..]` made `example`.
    pub examples: usize,
    /// Keywords moved aside (under `x-codegen-*`) or removed because
    /// `openapiv3` cannot hold them.
    pub dropped: usize,
}

/// Where moved-aside keywords go.
const DROPPED: &str = "x-codegen-dropped";

/// Rewrites every schema object in the document (components/schemas, and every
/// schema inside paths: parameters, request bodies, responses, headers, nested
/// properties/items/additionalProperties/allOf/anyOf/oneOf/not, at any depth).
pub fn normalize(doc: &mut Value) -> Rewrites {
    let mut rw = Rewrites::default();
    let Value::Object(root) = doc else {
        return rw;
    };
    document_level(root, &mut rw);
    walk::schemas(root, &mut rw);
    rw
}

// ---------------------------------------------------------------------------
// Document level

/// The document-level 3.1 fields: `openapi` made `3.0.3` (the original kept
/// as `x-codegen-openapi`), `webhooks` and `jsonSchemaDialect` moved aside,
/// `info.license.identifier` dropped.
fn document_level(root: &mut Map<String, Value>, rw: &mut Rewrites) {
    let original = match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.") && !v.starts_with("3.0") => Some(v.clone()),
        _ => None,
    };
    if let Some(original) = original {
        root.insert("x-codegen-openapi".to_string(), Value::String(original));
        root.insert("openapi".to_string(), Value::String("3.0.3".to_string()));
    }
    for key in ["webhooks", "jsonSchemaDialect"] {
        move_aside(root, key, rw);
    }
    if let Some(Value::Object(info)) = root.get_mut("info") {
        if let Some(Value::Object(license)) = info.get_mut("license") {
            if let Some(identifier) = take_key(license, "identifier") {
                discard(identifier);
                rw.dropped += 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Schema level

/// Rewrites one schema object (its subschemas are the walk's), rule by rule.
fn rewrite_schema(node: &mut Value, rw: &mut Rewrites) {
    match node {
        // 3.1 boolean schemas: `true` accepts anything, `false` nothing.
        Value::Bool(accept) => {
            let mut map = Map::new();
            if !*accept {
                map.insert("not".to_string(), Value::Object(Map::new()));
            }
            *node = Value::Object(map);
            return;
        }
        Value::Object(_) => {}
        _ => {
            // Not a schema at all: keep it aside, accept anything.
            let old = std::mem::take(node);
            let mut map = Map::new();
            stash(&mut map, "schema", old);
            *node = Value::Object(map);
            rw.dropped += 1;
            return;
        }
    }
    let Value::Object(map) = node else { return };
    // Shapes the rules below rely on.
    if map
        .get("type")
        .is_some_and(|t| !t.is_string() && !t.is_array())
    {
        move_aside(map, "type", rw);
    }
    if map.get("enum").is_some_and(|e| !e.is_array()) {
        move_aside(map, "enum", rw);
    }
    branches::ref_siblings(map, rw);
    values::examples(map, rw);
    values::constant(map, rw);
    types::type_array(map, rw);
    types::untyped_enum(map, rw);
    branches::null_branches(map, rw);
    numbers::exclusive_bounds(map, rw);
    numbers::integer_bounds(map, rw);
    sanitize::array_items(map, rw);
    sanitize::sanitize(map, rw);
}

/// The JSON type of a value, with integers told apart from other numbers.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests;
