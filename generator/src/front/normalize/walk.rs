//! The walk over a document for `normalize`: from the root object to every
//! schema object in it (components, paths, webhooks, callbacks, parameters,
//! headers, request bodies, responses, media types, and subschemas at any
//! depth), each rewritten by [`super::rewrite_schema`] before its children
//! are visited. The walk uses an explicit work stack, not recursion.

use super::{rewrite_schema, Rewrites, DROPPED};
use serde_json::{Map, Value};

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

/// Rewrites every schema object reachable from the document's root.
pub(super) fn schemas(root: &mut Map<String, Value>, rw: &mut Rewrites) {
    let mut stack: Vec<Node<'_>> = Vec::new();
    push_roots(root, &mut stack);
    while let Some(node) = stack.pop() {
        match node {
            Node::Schema(schema) => {
                rewrite_schema(schema, rw);
                if let Value::Object(map) = schema {
                    for (key, child) in map.iter_mut() {
                        push_schema_children(key, child, &mut stack, false);
                    }
                }
            }
            Node::PathItem(item) => path_item(item, &mut stack),
            Node::Operation(op) => operation(op, &mut stack),
            Node::Callback(callback) => callback_children(callback, &mut stack),
            Node::Parameter(parameter) => parameter_children(parameter, &mut stack),
            Node::RequestBody(body) => request_body(body, &mut stack),
            Node::Response(response) => response_children(response, &mut stack),
            Node::MediaType(media) => media_type(media, &mut stack),
        }
    }
}

/// Pushes the top-level places that hold schemas: path items, components,
/// webhooks (also when moved aside by `document_level`).
fn push_roots<'a>(root: &'a mut Map<String, Value>, stack: &mut Vec<Node<'a>>) {
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
                    push_components(components, stack);
                }
            }
            "webhooks" => push_values(value, stack, Node::PathItem),
            DROPPED => {
                // `webhooks` moved aside by `document_level`: still normalised.
                if let Some(webhooks) = value.get_mut("webhooks") {
                    push_values(webhooks, stack, Node::PathItem);
                }
            }
            _ => {}
        }
    }
}

/// A path item's parameters and operations.
fn path_item<'a>(item: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = item else { return };
    for (key, child) in map.iter_mut() {
        if key == "parameters" {
            push_elements(child, stack, Node::Parameter);
        } else if METHODS.contains(&key.as_str()) {
            stack.push(Node::Operation(child));
        }
    }
}

/// An operation's parameters, request body, responses and callbacks.
fn operation<'a>(op: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = op else { return };
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "parameters" => push_elements(child, stack, Node::Parameter),
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
            "callbacks" => push_values(child, stack, Node::Callback),
            _ => {}
        }
    }
}

/// A callback's path items.
fn callback_children<'a>(callback: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = callback else {
        return;
    };
    for (expression, item) in map.iter_mut() {
        if !expression.starts_with("x-") && expression != "$ref" {
            stack.push(Node::PathItem(item));
        }
    }
}

/// A parameter's (or header's) schema and media types, unless a reference.
fn parameter_children<'a>(parameter: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = parameter else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "schema" => stack.push(Node::Schema(child)),
            "content" => push_values(child, stack, Node::MediaType),
            _ => {}
        }
    }
}

/// A request body's media types, unless a reference.
fn request_body<'a>(body: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = body else { return };
    if map.contains_key("$ref") {
        return;
    }
    if let Some(content) = map.get_mut("content") {
        push_values(content, stack, Node::MediaType);
    }
}

/// A response's headers and media types, unless a reference.
fn response_children<'a>(response: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = response else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "headers" => push_values(child, stack, Node::Parameter),
            "content" => push_values(child, stack, Node::MediaType),
            _ => {}
        }
    }
}

/// A media type's schema and the headers of its encodings.
fn media_type<'a>(media: &'a mut Value, stack: &mut Vec<Node<'a>>) {
    let Value::Object(map) = media else { return };
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "schema" => stack.push(Node::Schema(child)),
            "encoding" => {
                if let Value::Object(encodings) = child {
                    for encoding in encodings.values_mut() {
                        if let Some(headers) = encoding.get_mut("headers") {
                            push_values(headers, stack, Node::Parameter);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The component sections that hold schemas, or objects that do.
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
