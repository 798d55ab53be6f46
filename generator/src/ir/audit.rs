//! What of one schema the generated code does not carry over: the keywords
//! the normaliser moved aside (`x-codegen-dropped`), `not`, discriminators,
//! formats without a check, bounds that could not be kept, keywords a union
//! or an `allOf` member leaves unused, and schemas that become
//! `serde_json::Value`. The builder calls it once for every schema it turns
//! into a type or a shape; see `crate::losses`.

use super::schema_view::Class;
use super::schema_view::{JsonType, View};
use crate::losses::Losses;
use openapiv3::{Schema, SchemaKind};
use serde_json::Value;

/// Where the builder met the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A schema made a type or a shape of its own.
    Schema,
    /// A member of an `allOf` whose properties are merged into one struct.
    AllOfMember,
}

/// Keywords that annotate or organise a schema and constrain no value:
/// moving them aside loses nothing the generated code could check.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$defs",
    "definitions",
    "$vocabulary",
    "xml",
    "examples",
    "example",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "externalDocs",
];

/// String formats that say how to show or carry a value, not which values
/// are valid: `password` (a hint to hide the input) and `binary` (raw bytes,
/// sent as they are).
const HINTS: &[&str] = &["password", "binary"];

/// Formats of integers the Rust type enforces (`i8` … `i64`, `u8` … `u64`).
const INTEGER_FORMATS: &[&str] = &[
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
];

/// Formats of numbers an `f64` holds exactly as described.
const NUMBER_FORMATS: &[&str] = &["float", "double"];

/// Records what of `schema` (at pointer `at`, classified as `class`) the
/// generated code does not carry over.
pub fn schema(
    schema: &Schema,
    view: &View<'_>,
    class: &Class<'_>,
    place: Place,
    at: &str,
    losses: &mut Losses,
) {
    dropped(view, at, losses);
    not(schema, at, losses);
    if let Some(d) = &view.data.discriminator {
        losses.not_enforced(
            at,
            "discriminator",
            format!(
                "the value of `{}` picks the branch when reading, but validation tells branches apart by their structure and does not check that value against the branch it names",
                d.property_name
            ),
        );
    }
    format(view, at, losses);
    match place {
        Place::Schema => unused_beside_union(view, class, at, losses),
        Place::AllOfMember => member(view, class, at, losses),
    }
    if place == Place::Schema {
        untyped(schema, view, class, at, losses);
    }
}

/// Keywords the normaliser moved under `x-codegen-dropped`.
fn dropped(view: &View<'_>, at: &str, losses: &mut Losses) {
    let Some(Value::Object(dropped)) = view.data.extensions.get("x-codegen-dropped") else {
        return;
    };
    for (keyword, value) in dropped {
        if ANNOTATIONS.contains(&keyword.as_str()) {
            continue;
        }
        let reason = match keyword.as_str() {
            // A value in a schema position that is no schema at all.
            "schema" => {
                losses.untyped(
                    at,
                    format!("not a schema (a {}): any JSON value is accepted", kind_of(value)),
                );
                continue;
            }
            "patternProperties" => {
                "keys that match a pattern are kept in the extra map as untyped JSON; their schemas are not checked".to_string()
            }
            "unevaluatedProperties" => {
                "keys no subschema names are kept in the extra map; this keyword is not checked".to_string()
            }
            "propertyNames" => "the names of the keys are not checked".to_string(),
            "dependentRequired" | "dependentSchemas" | "dependencies" => {
                "what one key requires of the others is not checked".to_string()
            }
            "if" | "then" | "else" => "conditional schemas are not checked".to_string(),
            "contains" | "minContains" | "maxContains" => {
                "what an array must contain is not checked".to_string()
            }
            "prefixItems" | "additionalItems" | "unevaluatedItems" => {
                "tuple arrays are not modelled: the items are read by `items` alone and the positions are not checked".to_string()
            }
            "items" => "this form of `items` (a list of schemas, or `false`) is not modelled; the items are untyped".to_string(),
            "$dynamicRef" | "$recursiveRef" => {
                "dynamic references are not followed; the schema is read without it".to_string()
            }
            "$ref" => "the reference is not a string and is ignored".to_string(),
            "const" | "enum" => format!(
                "its value ({}) is not a list of values the schema's type allows; it is not checked",
                kind_of(value)
            ),
            known if is_standard(known) => format!(
                "its value ({}) has the wrong shape for `{known}`, so it is ignored",
                kind_of(value)
            ),
            _ => "a keyword the generator does not know; it is not checked".to_string(),
        };
        losses.not_enforced(at, keyword.as_str(), reason);
    }
}

/// Keywords of OpenAPI's schema object that the model holds when their value
/// has the right shape.
fn is_standard(keyword: &str) -> bool {
    matches!(
        keyword,
        "type"
            | "title"
            | "description"
            | "pattern"
            | "format"
            | "nullable"
            | "readOnly"
            | "writeOnly"
            | "deprecated"
            | "uniqueItems"
            | "exclusiveMinimum"
            | "exclusiveMaximum"
            | "multipleOf"
            | "minimum"
            | "maximum"
            | "minLength"
            | "maxLength"
            | "minItems"
            | "maxItems"
            | "minProperties"
            | "maxProperties"
            | "required"
            | "properties"
            | "allOf"
            | "anyOf"
            | "oneOf"
            | "additionalProperties"
            | "not"
            | "discriminator"
            | "default"
    )
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `not`: alone it is untyped (see [`untyped`]); beside other keywords it is
/// not checked.
fn not(schema: &Schema, at: &str, losses: &mut Losses) {
    if let SchemaKind::Any(any) = &schema.schema_kind {
        if any.not.is_some() {
            losses.not_enforced(at, "not", "what a value must not be is not checked");
        }
    }
}

/// A `format` the validators have no check for (or the Rust type does not
/// enforce).
fn format(view: &View<'_>, at: &str, losses: &mut Losses) {
    let Some(format) = view.constraints.format.as_deref() else {
        return;
    };
    let checked = match view.ty {
        Some(JsonType::Integer) => INTEGER_FORMATS.contains(&format),
        Some(JsonType::Number) => NUMBER_FORMATS.contains(&format),
        Some(JsonType::String) | None => HINTS.contains(&format) || super::formats::checked(format),
        // A format says nothing about booleans, objects and arrays.
        _ => true,
    };
    if !checked {
        losses.not_enforced(
            at,
            "format",
            format!("the format {format:?} is not checked"),
        );
    }
}

/// A schema with `oneOf`/`anyOf` becomes a union of its branches: its own
/// properties, items, `allOf` (and `anyOf` beside `oneOf`) are not part of it.
fn unused_beside_union(view: &View<'_>, class: &Class<'_>, at: &str, losses: &mut Losses) {
    let Class::Union(kind, _) = class else { return };
    let union = match kind {
        super::UnionKind::OneOf => "oneOf",
        super::UnionKind::AnyOf => "anyOf",
    };
    let mut unused: Vec<&str> = Vec::new();
    if view.properties.is_some_and(|p| !p.is_empty()) {
        unused.push("properties");
    }
    if !view.required.is_empty() {
        unused.push("required");
    }
    if view.additional.is_some() {
        unused.push("additionalProperties");
    }
    if view.items.is_some() {
        unused.push("items");
    }
    if !view.all_of.is_empty() {
        unused.push("allOf");
    }
    if union == "oneOf" && !view.any_of.is_empty() {
        unused.push("anyOf");
    }
    for keyword in unused {
        losses.not_enforced(
            at,
            keyword,
            format!("the schema is generated as a union of its `{union}` branches; `{keyword}` beside them is not checked"),
        );
    }
}

/// A member of a merged `allOf` gives its properties; what else it says is
/// not checked.
fn member(view: &View<'_>, class: &Class<'_>, at: &str, losses: &mut Losses) {
    let c = &view.constraints;
    for (keyword, set) in [
        ("minProperties", c.min_properties.is_some()),
        ("maxProperties", c.max_properties.is_some()),
    ] {
        if set {
            losses.not_enforced(
                at,
                keyword,
                "a member of an `allOf` merged into one struct gives its properties; its own object bounds are not checked",
            );
        }
    }
    if let Class::Union(kind, _) = class {
        let keyword = match kind {
            super::UnionKind::OneOf => "oneOf",
            super::UnionKind::AnyOf => "anyOf",
        };
        losses.not_enforced(
            at,
            keyword,
            "a member of an `allOf` merged into one struct gives its properties; its branches are not checked",
        );
    }
}

/// A schema that becomes `serde_json::Value` itself.
fn untyped(schema: &Schema, view: &View<'_>, class: &Class<'_>, at: &str, losses: &mut Losses) {
    if !matches!(class, Class::Plain) || view.ty.is_some() || view.additional.is_some() {
        return;
    }
    let data = view.data;
    if let SchemaKind::Not { .. } = &schema.schema_kind {
        losses.untyped_by(at, "not", "a schema that only says what a value must not be has no Rust type; `not` is not checked");
    } else if let Some(Value::Array(types)) = data.extensions.get("x-codegen-types") {
        let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
        losses.untyped_by(
            at,
            "type",
            format!("the schema admits several types ({})", names.join(", ")),
        );
    } else if data.extensions.get("x-codegen-null") == Some(&Value::Bool(true)) {
        // Only `null`: the place is nullable and holds nothing else.
    } else if view.values().next().is_some() {
        losses.untyped_by(
            at,
            "enum",
            "the `enum` lists values of several types; they are checked, but the value is untyped",
        );
    } else if is_dropped_schema(view) {
        // Reported by `dropped`.
    } else {
        losses.untyped(at, "the schema names no type: any JSON value is accepted");
    }
}

fn is_dropped_schema(view: &View<'_>) -> bool {
    matches!(view.data.extensions.get("x-codegen-dropped"), Some(Value::Object(d)) if d.contains_key("schema"))
}

/// Constraints a place adds to a named type (`$ref` with sibling keywords):
/// an alias and a string enum take them, a struct its object bounds and
/// `enum`; a union or a newtype checks only its own.
pub fn use_sites(
    types: &[super::TypeDef],
    sites: &[(String, super::TypeId, super::Constraints)],
    losses: &mut Losses,
) {
    use super::{Shape, TypeKind};
    for (at, id, c) in sites {
        let mut id = *id;
        // Aliases of aliases merge all the way down.
        let mut steps = 0;
        let kind = loop {
            match types.get(id).map(|t| &t.kind) {
                Some(TypeKind::Alias(Shape::Named(next))) if steps < types.len() => {
                    id = *next;
                    steps += 1;
                }
                other => break other,
            }
        };
        let ignored: Vec<&str> = match kind {
            Some(TypeKind::Union(_) | TypeKind::Newtype { .. }) => keywords(c),
            // Structs check the object bounds and `enum` a place adds; the
            // other keywords do not apply to objects.
            _ => Vec::new(),
        };
        if let Some(TypeKind::Alias(_)) = kind {
            // Merged with the alias's own constraints when checked.
            if let Some(def) = types.get(id) {
                conflicts(c, &def.constraints, at, losses);
            }
        }
        let name = types.get(id).map(|t| t.name.as_str()).unwrap_or_default();
        for keyword in ignored {
            losses.not_enforced(
                at.as_str(),
                keyword,
                format!("a constraint added beside a reference to `{name}` is not checked (only the type's own are)"),
            );
        }
    }
}

/// The keywords set in `c`.
fn keywords(c: &super::Constraints) -> Vec<&'static str> {
    keyword_values(c).into_iter().map(|(k, _)| k).collect()
}

/// The keywords set in `c`, each with its value as text.
fn keyword_values(c: &super::Constraints) -> Vec<(&'static str, String)> {
    fn text<T: std::fmt::Debug>(v: &Option<T>) -> Option<String> {
        v.as_ref().map(|v| format!("{v:?}"))
    }
    [
        ("minLength", text(&c.min_length)),
        ("maxLength", text(&c.max_length)),
        ("pattern", text(&c.pattern)),
        ("format", text(&c.format)),
        ("minimum", text(&c.minimum)),
        ("maximum", text(&c.maximum)),
        ("multipleOf", text(&c.multiple_of)),
        ("minItems", text(&c.min_items)),
        ("maxItems", text(&c.max_items)),
        ("uniqueItems", c.unique_items.then(String::new)),
        ("minProperties", text(&c.min_properties)),
        ("maxProperties", text(&c.max_properties)),
        ("enum", text(&c.allowed)),
        ("items", text(&c.items)),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// Two sets of constraints checked as one (`Constraints::merged`) keep one
/// `pattern`, one `format` and one `multipleOf`: the second of two different
/// ones is not checked.
pub fn conflicts(
    first: &super::Constraints,
    second: &super::Constraints,
    at: &str,
    losses: &mut Losses,
) {
    let pattern = |c: &super::Constraints| c.pattern.as_ref().map(|p| p.source.clone());
    for (keyword, a, b) in [
        ("pattern", pattern(first), pattern(second)),
        ("format", first.format.clone(), second.format.clone()),
        (
            "multipleOf",
            first.multiple_of.map(|m| m.to_string()),
            second.multiple_of.map(|m| m.to_string()),
        ),
    ] {
        if let (Some(a), Some(b)) = (a, b) {
            if a != b {
                losses.not_enforced(
                    at,
                    keyword,
                    format!(
                        "two different values apply here ({a} and {b}); only the first is checked"
                    ),
                );
            }
        }
    }
}

/// A property declared again (by a later `allOf` member, or by the schema
/// beside its `allOf`) replaces the earlier declaration; what only the
/// earlier one said is not checked.
pub fn redeclared(earlier: &super::Field, later: &super::Field, at: &str, losses: &mut Losses) {
    if earlier.shape == later.shape && earlier.constraints == later.constraints {
        return;
    }
    let kept = keyword_values(&later.constraints);
    let mut said: Vec<&str> = keyword_values(&earlier.constraints)
        .into_iter()
        .filter(|pair| !kept.contains(pair))
        .map(|(k, _)| k)
        .collect();
    if earlier.shape != later.shape {
        said.insert(0, "type");
    }
    for keyword in said {
        losses.not_enforced(
            at,
            keyword,
            format!(
                "`{}` is declared twice (an `allOf` member and another member or the schema itself); this declaration replaces the earlier one, whose `{keyword}` is not checked",
                later.wire
            ),
        );
    }
}
