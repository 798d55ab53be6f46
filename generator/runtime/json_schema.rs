// The tables of a generated crate's raw-JSON validator: `JsonSchema`, what
// the description says about a JSON value, as data (its JSON types, its
// keywords, what is inside it), with the `const` builders the generated
// tables are written with. Emitted into the `validate` module after the
// items of `validate.rs` and `validate_checks.rs`, right before the walker
// that reads them (`validate_json.rs`), next to one static table per
// generated type. This file is not a module of the generator:
// `emit::validate_runtime` parses its text and copies its items without the
// unit tests at the bottom (`emit::runtime::items`). It is compiled, linted
// and unit-tested by the `runtime` crate of the workspace.

/// The JSON types a [`JsonSchema`] accepts, as a bit set.
#[doc(hidden)]
pub mod json_type {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `true` or `false`.
    pub const BOOLEAN: u8 = 2;
    /// A number without a fractional part (`1` and `1.0`, as JSON Schema counts).
    pub const INTEGER: u8 = 4;
    /// Any number.
    pub const NUMBER: u8 = 8;
    /// A string.
    pub const STRING: u8 = 16;
    /// An array.
    pub const ARRAY: u8 = 32;
    /// An object.
    pub const OBJECT: u8 = 64;
    /// Every JSON value.
    pub const ANY: u8 = 127;
}

/// What the description says about a JSON value, as data: the raw-JSON
/// validator ([`ValidateJson`]) walks it. One static table per generated
/// type; places (fields, items, branches) hold their own, small ones.
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonSchema {
    /// The JSON types it accepts ([`json_type`]). For [`JsonInner::Named`],
    /// only whether the place adds `null`: the named type checks the rest;
    /// for [`JsonInner::Union`], only whether it takes `null`: the branches
    /// check the rest.
    pub types: u8,
    /// Its keywords; each applies to values of its own JSON type.
    pub keywords: &'static JsonKeywords,
    /// What is inside it.
    pub inner: JsonInner,
}

impl JsonSchema {
    /// Any JSON value.
    pub const ANY: JsonSchema = JsonSchema::leaf(json_type::ANY);
    /// A string.
    pub const STRING: JsonSchema = JsonSchema::leaf(json_type::STRING);
    /// A string or null.
    pub const STRING_OR_NULL: JsonSchema = JsonSchema::leaf(json_type::STRING | json_type::NULL);
    /// An integer.
    pub const INTEGER: JsonSchema = JsonSchema::leaf(json_type::INTEGER);
    /// An integer or null.
    pub const INTEGER_OR_NULL: JsonSchema = JsonSchema::leaf(json_type::INTEGER | json_type::NULL);
    /// A number.
    pub const NUMBER: JsonSchema = JsonSchema::leaf(json_type::NUMBER);
    /// A number or null.
    pub const NUMBER_OR_NULL: JsonSchema = JsonSchema::leaf(json_type::NUMBER | json_type::NULL);
    /// A boolean.
    pub const BOOLEAN: JsonSchema = JsonSchema::leaf(json_type::BOOLEAN);
    /// A boolean or null.
    pub const BOOLEAN_OR_NULL: JsonSchema = JsonSchema::leaf(json_type::BOOLEAN | json_type::NULL);

    /// A schema.
    pub const fn new(types: u8, keywords: &'static JsonKeywords, inner: JsonInner) -> JsonSchema {
        JsonSchema {
            types,
            keywords,
            inner,
        }
    }

    /// A value of these types, without keywords.
    pub const fn leaf(types: u8) -> JsonSchema {
        JsonSchema {
            types,
            keywords: &JsonKeywords::NONE,
            inner: JsonInner::Leaf,
        }
    }

    /// An object with named properties (and null when `nullable`).
    pub const fn object(object: &'static JsonObjectSchema, nullable: bool) -> JsonSchema {
        let types = if nullable {
            json_type::OBJECT | json_type::NULL
        } else {
            json_type::OBJECT
        };
        JsonSchema {
            types,
            keywords: &JsonKeywords::NONE,
            inner: JsonInner::Object(object),
        }
    }

    /// A named type, at a place that adds nothing (`nullable: false`) or only null.
    pub const fn named(schema: &'static JsonSchema, nullable: bool) -> JsonSchema {
        let types = if nullable { json_type::NULL } else { 0 };
        JsonSchema {
            types,
            keywords: &JsonKeywords::NONE,
            inner: JsonInner::Named(schema),
        }
    }
}

/// The part of a [`JsonSchema`] that holds other schemas.
#[doc(hidden)]
#[derive(Debug)]
pub enum JsonInner {
    /// Nothing inside (a string, a number, a boolean, any value).
    Leaf,
    /// An array: each item.
    Items(&'static JsonSchema),
    /// An object used as a map: each value.
    Values(&'static JsonSchema),
    /// An object with named properties.
    Object(&'static JsonObjectSchema),
    /// `oneOf` / `anyOf`.
    Union(&'static JsonUnionSchema),
    /// A named type, whose own schema applies too.
    Named(&'static JsonSchema),
}

/// The properties of an object and what it says about the other keys.
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonObjectSchema {
    /// The type's name, for messages.
    pub name: &'static str,
    /// `(key, schema)`, in the description's order.
    pub properties: &'static [(&'static str, &'static JsonSchema)],
    /// The keys it must have.
    pub required: &'static [&'static str],
    /// Other keys: `None` when the description allows none
    /// (`additionalProperties: false`), else the schema of their values.
    pub other: Option<&'static JsonSchema>,
}

/// `oneOf` (exactly one branch) or `anyOf` (at least one).
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonUnionSchema {
    /// `true` for `oneOf`.
    pub one_of: bool,
    /// `(name, schema)` of each branch.
    pub branches: &'static [(&'static str, &'static JsonSchema)],
}

/// A value of an `enum` or `const`.
#[doc(hidden)]
#[derive(Debug)]
pub enum JsonConst {
    /// `true` or `false`.
    Bool(bool),
    /// A number (compared by value: `1` equals `1.0`).
    Number(f64),
    /// A string.
    String(&'static str),
    /// An array or an object, as JSON text (parsed to compare; allocates).
    Json(&'static str),
}

/// The pattern keyword: what it matches, and its source for messages.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum JsonPattern {
    /// Starts with the text (`exact: false`) or is the text (`exact: true`).
    Literal(&'static str, bool, &'static str),
    /// An ECMA-262 regular expression: whether it finds a match (`None`
    /// when that could not be decided: the engine's step limit on a pattern
    /// with look-around or backreferences, or a pattern that does not compile).
    Regex(fn(&str) -> Option<bool>, &'static str),
}

/// Whether a string is in a `format`.
#[doc(hidden)]
pub type JsonFormatCheck = fn(&str) -> bool;

/// The keywords of a [`JsonSchema`]. `JsonKeywords::NONE` has none; a
/// table adds the ones it has (`JsonKeywords::NONE.max_length(128)`).
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonKeywords {
    /// `minLength`, in code points.
    pub min_length: Option<usize>,
    /// `maxLength`, in code points.
    pub max_length: Option<usize>,
    /// `pattern`.
    pub pattern: Option<JsonPattern>,
    /// `format`: its name and its check.
    pub format: Option<(&'static str, JsonFormatCheck)>,
    /// `minimum`, and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    /// `maximum`, and whether it is exclusive.
    pub maximum: Option<(f64, bool)>,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<usize>,
    /// `maxProperties`.
    pub max_properties: Option<usize>,
    /// `enum` / `const` (`null` is the place's nullability), and the list for messages.
    pub allowed: Option<(&'static [JsonConst], &'static str)>,
}

impl JsonKeywords {
    /// No keyword.
    pub const NONE: JsonKeywords = JsonKeywords {
        min_length: None,
        max_length: None,
        pattern: None,
        format: None,
        minimum: None,
        maximum: None,
        multiple_of: None,
        min_items: None,
        max_items: None,
        unique_items: false,
        min_properties: None,
        max_properties: None,
        allowed: None,
    };

    /// With `minLength`.
    pub const fn min_length(self, min: usize) -> Self {
        JsonKeywords {
            min_length: Some(min),
            ..self
        }
    }

    /// With `maxLength`.
    pub const fn max_length(self, max: usize) -> Self {
        JsonKeywords {
            max_length: Some(max),
            ..self
        }
    }

    /// With `pattern`.
    pub const fn pattern(self, pattern: JsonPattern) -> Self {
        JsonKeywords {
            pattern: Some(pattern),
            ..self
        }
    }

    /// With `format`.
    pub const fn format(self, name: &'static str, check: JsonFormatCheck) -> Self {
        JsonKeywords {
            format: Some((name, check)),
            ..self
        }
    }

    /// With `minimum` (or `exclusiveMinimum`).
    pub const fn minimum(self, min: f64, exclusive: bool) -> Self {
        JsonKeywords {
            minimum: Some((min, exclusive)),
            ..self
        }
    }

    /// With `maximum` (or `exclusiveMaximum`).
    pub const fn maximum(self, max: f64, exclusive: bool) -> Self {
        JsonKeywords {
            maximum: Some((max, exclusive)),
            ..self
        }
    }

    /// With `multipleOf`.
    pub const fn multiple_of(self, factor: f64) -> Self {
        JsonKeywords {
            multiple_of: Some(factor),
            ..self
        }
    }

    /// With `minItems`.
    pub const fn min_items(self, min: usize) -> Self {
        JsonKeywords {
            min_items: Some(min),
            ..self
        }
    }

    /// With `maxItems`.
    pub const fn max_items(self, max: usize) -> Self {
        JsonKeywords {
            max_items: Some(max),
            ..self
        }
    }

    /// With `uniqueItems: true`.
    pub const fn unique_items(self) -> Self {
        JsonKeywords {
            unique_items: true,
            ..self
        }
    }

    /// With `minProperties`.
    pub const fn min_properties(self, min: usize) -> Self {
        JsonKeywords {
            min_properties: Some(min),
            ..self
        }
    }

    /// With `maxProperties`.
    pub const fn max_properties(self, max: usize) -> Self {
        JsonKeywords {
            max_properties: Some(max),
            ..self
        }
    }

    /// With `enum` (or `const`), and the list for messages.
    pub const fn allowed(self, values: &'static [JsonConst], listed: &'static str) -> Self {
        JsonKeywords {
            allowed: Some((values, listed)),
            ..self
        }
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// Each builder sets its own keyword and keeps the others; the leaves
    /// take their types and nothing else.
    #[test]
    fn tables_build_up() {
        let keywords = JsonKeywords::NONE
            .max_length(3)
            .min_items(1)
            .max_properties(2);
        assert_eq!(keywords.max_length, Some(3));
        assert_eq!(keywords.min_items, Some(1));
        assert_eq!(keywords.max_properties, Some(2));
        assert_eq!(keywords.min_length, None);
        assert!(keywords.pattern.is_none() && keywords.allowed.is_none());
        assert!(!keywords.unique_items);
        let schema = JsonSchema::STRING_OR_NULL;
        assert_eq!(schema.types, json_type::STRING | json_type::NULL);
        assert!(matches!(schema.inner, JsonInner::Leaf));
        assert_eq!(schema.keywords.max_length, None);
        static NAMED: JsonSchema = JsonSchema::named(&JsonSchema::STRING, true);
        assert_eq!(NAMED.types, json_type::NULL);
        assert!(matches!(NAMED.inner, JsonInner::Named(_)));
    }
}
