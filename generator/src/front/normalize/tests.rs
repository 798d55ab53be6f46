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
    let (s, _) = one(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"enum": [null]}]}));
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
    let (s, rw) = one(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}));
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
    let (s, _) = one(json!({"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}));
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
    let (s, _) =
        one(json!({"externalDocs": {"description": "no url"}, "discriminator": {"mapping": {}}}));
    assert_eq!(
        s,
        json!({"x-codegen-dropped": {"externalDocs": {"description": "no url"}, "discriminator": {"mapping": {}}}})
    );
}

#[test]
fn data_is_not_rewritten() {
    let data = json!({"type": ["string", "null"], "const": 1, "$ref": "#/x", "description": "d"});
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
