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

use serde_json::{Map, Number, Value};
use std::cmp::Ordering;

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

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One place in the document still to visit, with what kind of object it is.
enum Node<'a> {
    Schema(&'a mut Value),
    PathItem(&'a mut Value),
    Operation(&'a mut Value),
    /// A parameter or a header (both hold `schema` or `content`).
    Parameter(&'a mut Value),
    RequestBody(&'a mut Value),
    Response(&'a mut Value),
    MediaType(&'a mut Value),
    /// A callback: runtime expression → path item.
    Callback(&'a mut Value),
}

/// Rewrites every schema object in the document (components/schemas, and every
/// schema inside paths: parameters, request bodies, responses, headers, nested
/// properties/items/additionalProperties/allOf/anyOf/oneOf/not, at any depth).
pub fn normalize(doc: &mut Value) -> Rewrites {
    let mut rw = Rewrites::default();
    let Value::Object(root) = doc else {
        return rw;
    };
    document_level(root, &mut rw);

    let mut stack: Vec<Node<'_>> = Vec::new();
    for (key, value) in root.iter_mut() {
        match key.as_str() {
            "paths" => {
                if let Value::Object(paths) = value {
                    for (path, item) in paths.iter_mut() {
                        if !path.starts_with("x-") {
                            stack.push(Node::PathItem(item));
                        }
                    }
                }
            }
            "components" => {
                if let Value::Object(components) = value {
                    push_components(components, &mut stack);
                }
            }
            "webhooks" => push_values(value, &mut stack, Node::PathItem),
            DROPPED => {
                // `webhooks` moved aside by `document_level`: still normalised.
                if let Some(webhooks) = value.get_mut("webhooks") {
                    push_values(webhooks, &mut stack, Node::PathItem);
                }
            }
            _ => {}
        }
    }

    while let Some(node) = stack.pop() {
        match node {
            Node::Schema(schema) => {
                rewrite_schema(schema, &mut rw);
                if let Value::Object(map) = schema {
                    for (key, child) in map.iter_mut() {
                        push_schema_children(key, child, &mut stack, false);
                    }
                }
            }
            Node::PathItem(item) => {
                let Value::Object(map) = item else { continue };
                for (key, child) in map.iter_mut() {
                    if key == "parameters" {
                        push_elements(child, &mut stack, Node::Parameter);
                    } else if METHODS.contains(&key.as_str()) {
                        stack.push(Node::Operation(child));
                    }
                }
            }
            Node::Operation(op) => {
                let Value::Object(map) = op else { continue };
                for (key, child) in map.iter_mut() {
                    match key.as_str() {
                        "parameters" => push_elements(child, &mut stack, Node::Parameter),
                        "requestBody" => stack.push(Node::RequestBody(child)),
                        "responses" => {
                            if let Value::Object(responses) = child {
                                for (code, response) in responses.iter_mut() {
                                    if !code.starts_with("x-") {
                                        stack.push(Node::Response(response));
                                    }
                                }
                            }
                        }
                        "callbacks" => push_values(child, &mut stack, Node::Callback),
                        _ => {}
                    }
                }
            }
            Node::Callback(callback) => {
                let Value::Object(map) = callback else {
                    continue;
                };
                for (expression, item) in map.iter_mut() {
                    if !expression.starts_with("x-") && expression != "$ref" {
                        stack.push(Node::PathItem(item));
                    }
                }
            }
            Node::Parameter(parameter) => {
                let Value::Object(map) = parameter else {
                    continue;
                };
                if map.contains_key("$ref") {
                    continue;
                }
                for (key, child) in map.iter_mut() {
                    match key.as_str() {
                        "schema" => stack.push(Node::Schema(child)),
                        "content" => push_values(child, &mut stack, Node::MediaType),
                        _ => {}
                    }
                }
            }
            Node::RequestBody(body) => {
                let Value::Object(map) = body else { continue };
                if map.contains_key("$ref") {
                    continue;
                }
                if let Some(content) = map.get_mut("content") {
                    push_values(content, &mut stack, Node::MediaType);
                }
            }
            Node::Response(response) => {
                let Value::Object(map) = response else {
                    continue;
                };
                if map.contains_key("$ref") {
                    continue;
                }
                for (key, child) in map.iter_mut() {
                    match key.as_str() {
                        "headers" => push_values(child, &mut stack, Node::Parameter),
                        "content" => push_values(child, &mut stack, Node::MediaType),
                        _ => {}
                    }
                }
            }
            Node::MediaType(media) => {
                let Value::Object(map) = media else { continue };
                for (key, child) in map.iter_mut() {
                    match key.as_str() {
                        "schema" => stack.push(Node::Schema(child)),
                        "encoding" => {
                            if let Value::Object(encodings) = child {
                                for encoding in encodings.values_mut() {
                                    if let Some(headers) = encoding.get_mut("headers") {
                                        push_values(headers, &mut stack, Node::Parameter);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    rw
}

fn push_components<'a>(components: &'a mut Map<String, Value>, stack: &mut Vec<Node<'a>>) {
    for (key, value) in components.iter_mut() {
        match key.as_str() {
            "schemas" => push_values(value, stack, Node::Schema),
            "parameters" | "headers" => push_values(value, stack, Node::Parameter),
            "requestBodies" => push_values(value, stack, Node::RequestBody),
            "responses" => push_values(value, stack, Node::Response),
            "pathItems" => push_values(value, stack, Node::PathItem),
            "callbacks" => push_values(value, stack, Node::Callback),
            _ => {}
        }
    }
}

/// Pushes every value of an object (nothing when `value` is not an object).
fn push_values<'a>(
    value: &'a mut Value,
    stack: &mut Vec<Node<'a>>,
    make: fn(&'a mut Value) -> Node<'a>,
) {
    if let Value::Object(map) = value {
        for child in map.values_mut() {
            stack.push(make(child));
        }
    }
}

/// Pushes every element of an array (nothing when `value` is not an array).
fn push_elements<'a>(
    value: &'a mut Value,
    stack: &mut Vec<Node<'a>>,
    make: fn(&'a mut Value) -> Node<'a>,
) {
    if let Value::Array(items) = value {
        for child in items.iter_mut() {
            stack.push(make(child));
        }
    }
}

/// Pushes the subschemas held by keyword `key` of a schema. Inside
/// `x-codegen-dropped` (`in_dropped`), only objects are pushed: values there
/// are kept verbatim unless they are schema objects.
fn push_schema_children<'a>(
    key: &str,
    child: &'a mut Value,
    stack: &mut Vec<Node<'a>>,
    in_dropped: bool,
) {
    let pushable = |v: &Value| v.is_object() || (!in_dropped && v.is_boolean());
    match key {
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
            if let Value::Object(map) = child {
                for v in map.values_mut() {
                    if in_dropped && !v.is_object() {
                        continue;
                    }
                    stack.push(Node::Schema(v));
                }
            }
        }
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
            if let Value::Array(list) = child {
                for v in list.iter_mut() {
                    if in_dropped && !v.is_object() {
                        continue;
                    }
                    stack.push(Node::Schema(v));
                }
            }
        }
        "items" | "additionalItems" => match child {
            // The tuple form (`items: [..]`), only ever found moved aside.
            Value::Array(list) => {
                for v in list.iter_mut().filter(|v| v.is_object()) {
                    stack.push(Node::Schema(v));
                }
            }
            v if pushable(v) => stack.push(Node::Schema(v)),
            _ => {}
        },
        "not" | "contains" | "if" | "then" | "else" | "propertyNames" | "contentSchema"
            if pushable(child) =>
        {
            stack.push(Node::Schema(child));
        }
        // Booleans are meaningful there and `openapiv3` takes them as they are.
        "additionalProperties" | "unevaluatedProperties" | "unevaluatedItems"
            if child.is_object() =>
        {
            stack.push(Node::Schema(child));
        }
        DROPPED if !in_dropped => {
            if let Value::Object(map) = child {
                for (k, v) in map.iter_mut() {
                    push_schema_children(k, v, stack, true);
                }
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Document level

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
    ref_siblings(map, rw);
    examples(map, rw);
    constant(map, rw);
    type_array(map, rw);
    untyped_enum(map, rw);
    null_branches(map, rw);
    exclusive_bounds(map, rw);
    integer_bounds(map, rw);
    array_items(map, rw);
    sanitize(map, rw);
}

/// Rule 5: `$ref` with siblings → `allOf: [{$ref}]` + the siblings.
fn ref_siblings(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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

/// Rule 7: 3.1 `examples: [..]` → `example`.
fn examples(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn constant(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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

/// Rule 1: `type` arrays and the `null` type.
fn type_array(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn null_only(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn untyped_enum(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn null_branches(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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

/// Rule 6: 3.1 numeric `exclusiveMinimum`/`exclusiveMaximum`.
fn exclusive_bounds(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn integer_bounds(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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

/// `items` shapes `openapiv3` cannot read.
fn array_items(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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
fn sanitize(map: &mut Map<String, Value>, rw: &mut Rewrites) {
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

// ---------------------------------------------------------------------------
// Helpers

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

/// A float with no fractional part that fits an `i64`.
fn integral_i64(n: &Number) -> Option<i64> {
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

/// Removes `key` from `map`, keeping the order of the other keys whether or
/// not serde_json's `preserve_order` feature is on.
fn take_key(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let value = std::mem::take(map.get_mut(key)?);
    map.retain(|k, _| k != key);
    Some(value)
}

/// Moves keyword `key` (when present) under `x-codegen-dropped` and counts it.
fn move_aside(map: &mut Map<String, Value>, key: &str, rw: &mut Rewrites) {
    if let Some(value) = take_key(map, key) {
        stash(map, key, value);
        rw.dropped += 1;
    }
}

/// Puts `value` under `x-codegen-dropped.<key>`.
fn stash(map: &mut Map<String, Value>, key: &str, value: Value) {
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
fn discard(value: Value) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Normalises `{schemas: {S: schema}}` and returns the rewritten schema.
    fn one(schema: Value) -> (Value, Rewrites) {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"S": schema}},
        });
        let rw = normalize(&mut doc);
        let parsed = serde_json::from_value::<openapiv3::OpenAPI>(doc.clone());
        assert!(
            parsed.is_ok(),
            "openapiv3 rejects {doc:#}: {:?}",
            parsed.err()
        );
        (doc["components"]["schemas"]["S"].take(), rw)
    }

    fn parse_schema(schema: &Value) -> openapiv3::Schema {
        match serde_json::from_value::<openapiv3::Schema>(schema.clone()) {
            Ok(s) => s,
            Err(e) => panic!("openapiv3 rejects {schema:#}: {e}"),
        }
    }

    #[test]
    fn rule1_type_array_with_null() {
        let (s, rw) = one(json!({"type": ["string", "null"], "maxLength": 3}));
        assert_eq!(
            s,
            json!({"type": "string", "nullable": true, "maxLength": 3})
        );
        assert_eq!(rw.type_arrays, 1);
        let parsed = parse_schema(&s);
        assert!(parsed.schema_data.nullable);
        assert!(matches!(
            parsed.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(_))
        ));
    }

    #[test]
    fn rule1_null_type() {
        for ty in [json!("null"), json!(["null"])] {
            let (s, rw) = one(json!({"type": ty, "description": "nothing"}));
            assert_eq!(
                s,
                json!({"description": "nothing", "nullable": true, "enum": [null], "x-codegen-null": true})
            );
            assert_eq!(rw.null_types, 1);
            assert_eq!(rw.type_arrays, 0);
        }
    }

    #[test]
    fn rule1_several_types() {
        let (s, rw) = one(json!({"type": ["string", "integer", "null"]}));
        assert_eq!(
            s,
            json!({"nullable": true, "x-codegen-types": ["string", "integer"]})
        );
        assert_eq!(rw.type_arrays, 1);
        let (s, _) = one(json!({"type": ["string", "integer"]}));
        assert_eq!(s, json!({"x-codegen-types": ["string", "integer"]}));
    }

    #[test]
    fn rule2_const() {
        let (s, rw) = one(json!({"const": "auth0"}));
        assert_eq!(
            s,
            json!({"type": "string", "enum": ["auth0"], "x-codegen-const": true})
        );
        assert_eq!(rw.consts, 1);
        let (s, _) = one(json!({"const": 3}));
        assert_eq!(s["type"], "integer");
        let (s, _) = one(json!({"const": 2.5}));
        assert_eq!(s["type"], "number");
        let (s, _) = one(json!({"const": true}));
        assert_eq!(s["type"], "boolean");
        let (s, _) = one(json!({"const": {"a": 1}}));
        assert_eq!(s["type"], "object");
        let (s, _) = one(json!({"const": [1]}));
        assert_eq!(s["type"], "array");
        let (s, _) = one(json!({"const": null}));
        assert_eq!(
            s,
            json!({"nullable": true, "x-codegen-null": true, "x-codegen-const": true, "enum": [null]})
        );
        // An explicit type is kept.
        let (s, _) = one(json!({"type": "string", "const": "x", "description": "d"}));
        assert_eq!(
            s,
            json!({"type": "string", "enum": ["x"], "description": "d", "x-codegen-const": true})
        );
        let parsed = parse_schema(&s);
        assert!(matches!(
            parsed.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(ref t)) if t.enumeration == vec![Some("x".to_string())]
        ));
    }

    #[test]
    fn rule3_untyped_enum() {
        let (s, rw) = one(json!({"enum": ["a", "b"]}));
        assert_eq!(s, json!({"enum": ["a", "b"], "type": "string"}));
        assert_eq!(rw.untyped_enums, 1);
        let (s, _) = one(json!({"enum": [1, 2.5]}));
        assert_eq!(s["type"], "number");
        let (s, _) = one(json!({"enum": [1, 2]}));
        assert_eq!(s["type"], "integer");
        let (s, _) = one(json!({"enum": ["a", null]}));
        assert_eq!(
            s,
            json!({"enum": ["a", null], "type": "string", "nullable": true})
        );
        // Mixed types: no type, but null is still noted.
        let (s, rw) = one(json!({"enum": ["a", 1, null]}));
        assert_eq!(s, json!({"enum": ["a", 1, null], "nullable": true}));
        assert_eq!(rw.untyped_enums, 1);
        let (s, rw) = one(json!({"enum": ["a", 1]}));
        assert_eq!(s, json!({"enum": ["a", 1]}));
        assert_eq!(rw.untyped_enums, 0);
    }

    #[test]
    fn rule4_null_branch() {
        let (s, rw) = one(json!({
            "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}],
            "description": "d",
        }));
        assert_eq!(
            s,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(rw.null_one_of, 1);
        let (s, _) =
            one(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"enum": [null]}]}));
        assert_eq!(
            s,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
        let (s, _) =
            one(json!({"anyOf": [{"type": "string"}, {"type": ["null"], "description": "none"}]}));
        assert_eq!(s, json!({"nullable": true, "allOf": [{"type": "string"}]}));
        // A branch that is null-or-something is not a null branch.
        let (s, rw) = one(json!({"oneOf": [{"type": "string"}, {"type": ["integer", "null"]}]}));
        assert_eq!(
            s,
            json!({"oneOf": [{"type": "string"}, {"type": "integer", "nullable": true}]})
        );
        assert_eq!(rw.null_one_of, 0);
    }

    #[test]
    fn rule5_ref_siblings() {
        let (s, rw) = one(json!({
            "$ref": "#/components/schemas/A",
            "description": "The connection",
            "x-release-lifecycle": "deprecated",
            "deprecated": true,
        }));
        assert_eq!(
            s,
            json!({
                "description": "The connection",
                "x-release-lifecycle": "deprecated",
                "deprecated": true,
                "allOf": [{"$ref": "#/components/schemas/A"}],
            })
        );
        assert_eq!(rw.ref_siblings, 1);
        let parsed = parse_schema(&s);
        assert!(parsed.schema_data.deprecated);
        assert_eq!(
            parsed.schema_data.description.as_deref(),
            Some("The connection")
        );
        // Alone, a $ref stays; parameter/response $refs are not schema positions.
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {
                "parameters": [{"$ref": "#/components/parameters/P", "description": "x"}],
                "responses": {"200": {"$ref": "#/components/responses/R", "description": "y"}},
            }}},
            "components": {"schemas": {"S": {"$ref": "#/components/schemas/A"}}},
        });
        let before = doc.clone();
        let rw = normalize(&mut doc);
        assert_eq!(rw.ref_siblings, 0);
        assert_eq!(doc["paths"], before["paths"]);
        assert_eq!(doc["components"], before["components"]);
    }

    #[test]
    fn rule6_exclusive_bounds() {
        let (s, rw) =
            one(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}));
        assert_eq!(
            s,
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true})
        );
        assert_eq!(rw.exclusive_bounds, 2);
        // A stricter inclusive bound wins.
        let (s, _) = one(
            json!({"type": "number", "minimum": 5, "exclusiveMinimum": 1, "maximum": 3, "exclusiveMaximum": 9}),
        );
        assert_eq!(s, json!({"type": "number", "minimum": 5, "maximum": 3}));
        // Otherwise the exclusive one does (equal included).
        let (s, _) = one(
            json!({"type": "number", "minimum": 1, "exclusiveMinimum": 1.5, "maximum": 9, "exclusiveMaximum": 9}),
        );
        assert_eq!(
            s,
            json!({"type": "number", "minimum": 1.5, "exclusiveMinimum": true, "maximum": 9, "exclusiveMaximum": true})
        );
        // 3.0 booleans stay.
        let (s, rw) = one(json!({"type": "number", "minimum": 1, "exclusiveMinimum": true}));
        assert_eq!(
            s,
            json!({"type": "number", "minimum": 1, "exclusiveMinimum": true})
        );
        assert_eq!(rw.exclusive_bounds, 0);
    }

    #[test]
    fn rule7_examples() {
        let (s, rw) = one(json!({"type": "string", "examples": ["a", "b"]}));
        assert_eq!(s, json!({"type": "string", "example": "a"}));
        assert_eq!(rw.examples, 1);
        let (s, _) = one(json!({"type": "string", "example": "x", "examples": ["a"]}));
        assert_eq!(s, json!({"type": "string", "example": "x"}));
        let (s, _) = one(json!({"type": "string", "examples": []}));
        assert_eq!(s, json!({"type": "string"}));
    }

    #[test]
    fn rule8_integer_bounds() {
        let (s, rw) = one(
            json!({"type": "integer", "minimum": 1.5, "exclusiveMinimum": true, "maximum": 10.0, "multipleOf": 0.5}),
        );
        assert_eq!(
            s,
            json!({
                "type": "integer",
                "maximum": 10,
                "x-codegen-minimum": 1.5,
                "x-codegen-exclusiveMinimum": true,
                "x-codegen-multipleOf": 0.5,
            })
        );
        assert_eq!(rw.dropped, 2);
        let parsed = parse_schema(&s);
        assert!(matches!(
            parsed.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::Integer(ref t)) if t.maximum == Some(10) && t.minimum.is_none()
        ));
    }

    #[test]
    fn rule8_unknown_keywords_move_aside() {
        let (s, rw) = one(json!({
            "type": "string",
            "contentMediaType": "image/png",
            "contentEncoding": "base64",
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "x",
            "$comment": "c",
            "x-keep": {"$id": "data stays"},
        }));
        assert_eq!(
            s,
            json!({
                "type": "string",
                "x-keep": {"$id": "data stays"},
                "x-codegen-dropped": {
                    "contentMediaType": "image/png",
                    "contentEncoding": "base64",
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$id": "x",
                    "$comment": "c",
                },
            })
        );
        assert_eq!(rw.dropped, 5);
        let parsed = parse_schema(&s);
        assert!(matches!(
            parsed.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(_))
        ));
    }

    #[test]
    fn rule8_schemas_moved_aside_are_normalised() {
        let (s, _) = one(json!({
            "type": "array",
            "prefixItems": [{"type": ["string", "null"]}, true],
            "items": false,
            "contains": {"const": 1},
            "$defs": {"D": {"type": "null"}},
            "if": {"required": ["a"]},
            "then": {"required": ["b"]},
            "else": {"required": ["c"]},
            "dependentRequired": {"a": ["b"]},
            "unevaluatedProperties": false,
        }));
        assert_eq!(
            s,
            json!({
                "type": "array",
                "x-codegen-dropped": {
                    "prefixItems": [{"type": "string", "nullable": true}, true],
                    "items": false,
                    "contains": {"type": "integer", "enum": [1], "x-codegen-const": true},
                    "$defs": {"D": {"nullable": true, "enum": [null], "x-codegen-null": true}},
                    "if": {"required": ["a"]},
                    "then": {"required": ["b"]},
                    "else": {"required": ["c"]},
                    "dependentRequired": {"a": ["b"]},
                    "unevaluatedProperties": false,
                },
            })
        );
    }

    #[test]
    fn rule8_bad_shapes_are_fixed() {
        let (s, rw) = one(json!({
            "type": "object",
            "required": ["a", 1],
            "format": 5,
            "properties": {"a": true, "b": false, "c": "nonsense"},
            "additionalProperties": "odd",
            "minProperties": 1.0,
            "maxProperties": -1,
            "description": ["not", "a", "string"],
            "nullable": "yes",
        }));
        assert_eq!(
            s,
            json!({
                "type": "object",
                "required": ["a"],
                "properties": {"a": {}, "b": {"not": {}}, "c": {"x-codegen-dropped": {"schema": "nonsense"}}},
                "minProperties": 1,
                "x-codegen-dropped": {
                    "required": ["a", 1],
                    "format": 5,
                    "additionalProperties": "odd",
                    "maxProperties": -1,
                    "description": ["not", "a", "string"],
                    "nullable": "yes",
                },
            })
        );
        assert!(rw.dropped >= 6);
        // Tuple `items`, `items: true`, a boolean in allOf, a boolean component.
        let (s, _) =
            one(json!({"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(
            s,
            json!({"type": "array", "x-codegen-dropped": {"items": [{"type": "string"}, {"type": "integer"}]}})
        );
        let (s, _) = one(json!({"type": "array", "items": true}));
        assert_eq!(s, json!({"type": "array", "items": {}}));
        let (s, _) = one(json!({"allOf": [true, {"type": "object"}]}));
        assert_eq!(s, json!({"allOf": [{}, {"type": "object"}]}));
        let (s, _) = one(json!(false));
        assert_eq!(s, json!({"not": {}}));
        let (s, _) = one(
            json!({"externalDocs": {"description": "no url"}, "discriminator": {"mapping": {}}}),
        );
        assert_eq!(
            s,
            json!({"x-codegen-dropped": {"externalDocs": {"description": "no url"}, "discriminator": {"mapping": {}}}})
        );
    }

    #[test]
    fn data_is_not_rewritten() {
        let data =
            json!({"type": ["string", "null"], "const": 1, "$ref": "#/x", "description": "d"});
        let (s, _) = one(json!({
            "type": "object",
            "example": data,
            "default": data,
            "enum": [data],
            "x-data": data,
        }));
        assert_eq!(s["example"], data);
        assert_eq!(s["default"], data);
        assert_eq!(s["enum"], json!([data]));
        assert_eq!(s["x-data"], data);
    }

    #[test]
    fn every_schema_position_is_visited() {
        let n = || json!({"type": ["string", "null"]});
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1", "license": {"name": "MIT", "identifier": "MIT"}},
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "paths": {
                "/a/{id}": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": n()}],
                    "patch": {
                        "parameters": [
                            {"name": "q", "in": "query", "schema": n()},
                            {"name": "c", "in": "query", "content": {"application/json": {"schema": n()}}},
                        ],
                        "requestBody": {"content": {
                            "application/json": {"schema": {"type": "object", "properties": {
                                "p": n(),
                                "arr": {"type": "array", "items": n()},
                                "map": {"type": "object", "additionalProperties": n()},
                                "u": {"allOf": [n()], "anyOf": [n(), {"type": "integer"}], "oneOf": [n(), {"type": "integer"}]},
                                "neg": {"not": n()},
                            }}},
                            "multipart/form-data": {"schema": {"type": "object"}, "encoding": {
                                "f": {"headers": {"X-H": {"schema": n()}}},
                            }},
                        }},
                        "responses": {
                            "200": {
                                "description": "ok",
                                "headers": {"X-Rate": {"schema": n()}},
                                "content": {"application/json": {"schema": n()}},
                            },
                            "x-ext": {"schema": {"type": ["string", "null"]}},
                        },
                        "callbacks": {"cb": {"{$request.body#/url}": {"post": {
                            "requestBody": {"content": {"application/json": {"schema": n()}}},
                            "responses": {"200": {"description": "ok"}},
                        }}}},
                    },
                },
            },
            "webhooks": {"w": {"post": {
                "requestBody": {"content": {"application/json": {"schema": n()}}},
                "responses": {"200": {"description": "ok"}},
            }}},
            "components": {
                "schemas": {"S": n()},
                "parameters": {"P": {"name": "p", "in": "header", "schema": n()}},
                "headers": {"H": {"schema": n()}},
                "requestBodies": {"B": {"content": {"application/json": {"schema": n()}}}},
                "responses": {"R": {
                    "description": "r",
                    "headers": {"X": {"schema": n()}},
                    "content": {"application/json": {"schema": n()}},
                }},
                "pathItems": {"PI": {"get": {"responses": {"200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": n()}},
                }}}}},
            },
        });
        let rw = normalize(&mut doc);
        assert_eq!(rw.type_arrays, 22);
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(doc["x-codegen-openapi"], "3.1.0");
        assert!(doc.get("webhooks").is_none() && doc.get("jsonSchemaDialect").is_none());
        assert!(doc["x-codegen-dropped"]["webhooks"].is_object());
        assert!(doc["info"]["license"].get("identifier").is_none());
        assert_eq!(rw.dropped, 3);
        // Extensions of the responses object are data.
        assert_eq!(
            doc["paths"]["/a/{id}"]["patch"]["responses"]["x-ext"]["schema"]["type"],
            json!(["string", "null"])
        );
        let text = doc.to_string();
        assert_eq!(text.matches("\"null\"]").count(), 1, "{text}");
        if let Err(e) = serde_json::from_value::<openapiv3::OpenAPI>(doc) {
            panic!("openapiv3 rejects the document: {e}");
        }
    }

    #[test]
    fn idempotent() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "A": {"type": ["string", "integer", "null"], "examples": [1]},
                "B": {"type": "null"},
                "C": {"$ref": "#/components/schemas/A", "description": "d"},
                "D": {"oneOf": [{"type": "string"}, {"type": "null"}], "const": "x", "prefixItems": [{}]},
                "E": {"type": "integer", "exclusiveMinimum": 0.5},
            }},
        });
        let first = normalize(&mut doc);
        assert_ne!(first, Rewrites::default());
        let after_first = doc.clone();
        let second = normalize(&mut doc);
        assert_eq!(second, Rewrites::default());
        assert_eq!(doc, after_first);
    }

    #[test]
    fn document_30_is_left_as_is() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"A": {"type": "string", "nullable": true, "minimum": 1, "exclusiveMinimum": true}}},
        });
        let before = doc.clone();
        assert_eq!(normalize(&mut doc), Rewrites::default());
        assert_eq!(doc, before);
        // Not an object at all: nothing to do, no panic.
        let mut odd = json!([1, 2]);
        assert_eq!(normalize(&mut odd), Rewrites::default());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        const DEPTH: usize = 20_000;
        let mut schema = json!({"type": ["string", "null"]});
        for _ in 0..DEPTH {
            let mut properties = Map::new();
            properties.insert("a".to_string(), schema);
            let mut map = Map::new();
            map.insert("type".to_string(), json!(["object", "null"]));
            map.insert("properties".to_string(), Value::Object(properties));
            schema = Value::Object(map);
        }
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {}},
        });
        if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
            schemas.insert("Deep".to_string(), schema);
        }
        let rw = normalize(&mut doc);
        assert_eq!(rw.type_arrays, DEPTH + 1);
        // The innermost schema was reached.
        let mut node = &doc["components"]["schemas"]["Deep"];
        while let Some(next) = node.get("properties").and_then(|p| p.get("a")) {
            node = next;
        }
        assert_eq!(node, &json!({"type": "string", "nullable": true}));
        // `Value`'s Drop recurses: do not run it on this value.
        std::mem::forget(doc);
    }

    fn reference(name: &str) -> Option<Value> {
        let path = format!(
            "{}/../../shared/reference/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(doc) => Some(doc),
                Err(e) => panic!("{path} is not JSON: {e}"),
            },
            Err(_) => {
                println!("note: {path} is absent, test skipped");
                None
            }
        }
    }

    fn real_document(name: &str) -> Option<Rewrites> {
        let mut doc = reference(name)?;
        let rw = normalize(&mut doc);
        println!("{name}: {rw:?}");
        match serde_json::from_value::<openapiv3::OpenAPI>(doc) {
            Ok(api) => assert!(!api.paths.paths.is_empty()),
            Err(e) => panic!("openapiv3 rejects normalised {name}: {e}"),
        }
        Some(rw)
    }

    #[test]
    fn auth0_connection_update_2026_08_20() {
        if let Some(rw) = real_document("connection-update-2026-08-20.json") {
            assert!(rw.type_arrays > 0);
        }
    }

    #[test]
    fn auth0_connection_update_2026_06_25() {
        if let Some(rw) = real_document("connection-update-2026-06-25.json") {
            assert!(rw.type_arrays > 0);
        }
    }

    #[test]
    fn auth0_management_api_2026_06_25() {
        if let Some(rw) = real_document("auth0-management-api-2026-06-25.json") {
            assert!(rw.type_arrays >= 300);
            assert!(rw.consts >= 131);
        }
    }
}
