//! One flat view of an `openapiv3` schema, whatever variant it deserialised
//! into. `openapiv3` falls back to an untyped `AnySchema` for a schema that has
//! a `type` and `oneOf`/`allOf`/`anyOf`, or an unusual mix of keywords; reading
//! every schema through this view handles that case exactly like the typed ones.

use super::{Constraints, IntWidth, UnionKind};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// The JSON type a schema declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}

pub struct View<'a> {
    pub data: &'a SchemaData,
    pub ty: Option<JsonType>,
    pub properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub one_of: &'a [ReferenceOr<Schema>],
    pub any_of: &'a [ReferenceOr<Schema>],
    pub all_of: &'a [ReferenceOr<Schema>],
    /// `enum` values, `null` included.
    pub enumeration: Vec<Value>,
    /// Everything but `pattern` (compiled by the builder, which reports a bad
    /// one) and `allowed` / `items` (filled in by the builder).
    pub constraints: Constraints,
    pub pattern: Option<&'a str>,
    /// The Rust integer type the `format` asks for (`int32` → `i32`).
    pub int_width: IntWidth,
}

const NO_STRINGS: &[String] = &[];

fn format_name<T: std::fmt::Debug>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => {
            // `DateTime` → `date-time`, `Int32` → `int32`.
            let debug = format!("{item:?}");
            let mut out = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            Some(out)
        }
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> Self {
        let mut view = View {
            data: &schema.schema_data,
            ty: None,
            properties: None,
            required: NO_STRINGS,
            additional: None,
            items: None,
            one_of: &[],
            any_of: &[],
            all_of: &[],
            enumeration: Vec::new(),
            constraints: Constraints::default(),
            pattern: None,
            int_width: IntWidth::I64,
        };
        match &schema.schema_kind {
            SchemaKind::Type(ty) => view.typed(ty),
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            // `not` cannot be expressed as a Rust type; the value stays untyped.
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => view.untyped(any),
        }
        view.moved_bounds();
        view
    }

    /// The keywords of a schema `openapiv3` read as one of its types.
    fn typed(&mut self, ty: &'a Type) {
        let c = &mut self.constraints;
        match ty {
            Type::String(s) => {
                self.ty = Some(JsonType::String);
                self.enumeration = s
                    .enumeration
                    .iter()
                    .map(|v| v.clone().map_or(Value::Null, Value::String))
                    .collect();
                c.min_length = s.min_length;
                c.max_length = s.max_length;
                self.pattern = s.pattern.as_deref();
                c.format = format_name(&s.format);
            }
            Type::Number(n) => {
                self.ty = Some(JsonType::Number);
                self.enumeration = n
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::from))
                    .collect();
                c.minimum = n.minimum;
                c.maximum = n.maximum;
                c.exclusive_minimum = n.exclusive_minimum;
                c.exclusive_maximum = n.exclusive_maximum;
                c.multiple_of = n.multiple_of;
                c.format = format_name(&n.format);
            }
            Type::Integer(n) => {
                self.ty = Some(JsonType::Integer);
                self.enumeration = n
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::from))
                    .collect();
                c.minimum = n.minimum.map(|v| v as f64);
                c.maximum = n.maximum.map(|v| v as f64);
                c.exclusive_minimum = n.exclusive_minimum;
                c.exclusive_maximum = n.exclusive_maximum;
                c.multiple_of = n.multiple_of.map(|v| v as f64);
                c.format = format_name(&n.format);
                self.int_width = IntWidth::of_format(c.format.as_deref());
            }
            Type::Boolean(b) => {
                self.ty = Some(JsonType::Boolean);
                self.enumeration = b
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::Bool))
                    .collect();
            }
            Type::Object(o) => {
                self.ty = Some(JsonType::Object);
                self.properties = Some(&o.properties);
                self.required = &o.required;
                self.additional = o.additional_properties.as_ref();
                c.min_properties = o.min_properties;
                c.max_properties = o.max_properties;
            }
            Type::Array(a) => {
                self.ty = Some(JsonType::Array);
                self.items = a.items.as_ref();
                c.min_items = a.min_items;
                c.max_items = a.max_items;
                c.unique_items = a.unique_items;
            }
        }
    }

    /// The keywords of a schema `openapiv3` left untyped (see the module).
    fn untyped(&mut self, any: &'a AnySchema) {
        let c = &mut self.constraints;
        self.ty = match any.typ.as_deref() {
            Some("string") => Some(JsonType::String),
            Some("number") => Some(JsonType::Number),
            Some("integer") => Some(JsonType::Integer),
            Some("boolean") => Some(JsonType::Boolean),
            Some("object") => Some(JsonType::Object),
            Some("array") => Some(JsonType::Array),
            _ => None,
        };
        if !any.properties.is_empty() || self.ty == Some(JsonType::Object) {
            self.properties = Some(&any.properties);
        }
        self.required = &any.required;
        self.additional = any.additional_properties.as_ref();
        self.items = any.items.as_ref();
        self.one_of = &any.one_of;
        self.any_of = &any.any_of;
        self.all_of = &any.all_of;
        self.enumeration.clone_from(&any.enumeration);
        c.min_length = any.min_length;
        c.max_length = any.max_length;
        self.pattern = any.pattern.as_deref();
        c.format.clone_from(&any.format);
        c.minimum = any.minimum;
        c.maximum = any.maximum;
        c.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
        c.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
        c.multiple_of = any.multiple_of;
        c.min_items = any.min_items;
        c.max_items = any.max_items;
        c.unique_items = any.unique_items.unwrap_or(false);
        c.min_properties = any.min_properties;
        c.max_properties = any.max_properties;
        self.int_width = IntWidth::of_format(c.format.as_deref());
    }

    /// Bounds of an integer schema that are not `i64`s (fractions, or up to
    /// `u64::MAX`) were moved aside by the normaliser (`x-codegen-minimum`,
    /// …): they still apply, and the validators compare them exactly.
    fn moved_bounds(&mut self) {
        let extensions = &self.data.extensions;
        let number = |key: &str| extensions.get(key).and_then(Value::as_f64);
        let flag = |key: &str| {
            extensions
                .get(key)
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let c = &mut self.constraints;
        if let Some(min) = number("x-codegen-minimum") {
            c.minimum = Some(min);
            c.exclusive_minimum = flag("x-codegen-exclusiveMinimum");
        }
        if let Some(max) = number("x-codegen-maximum") {
            c.maximum = Some(max);
            c.exclusive_maximum = flag("x-codegen-exclusiveMaximum");
        }
        if let Some(factor) = number("x-codegen-multipleOf") {
            c.multiple_of = Some(factor);
        }
    }

    /// `deprecated: true`, or Auth0's `x-release-lifecycle: deprecated`.
    pub fn deprecated(&self) -> bool {
        is_deprecated(self.data)
    }

    /// Whether the schema allows `null` as a value: its type includes null and,
    /// if it lists an `enum`, the list has `null` in it.
    pub fn nullable(&self) -> bool {
        self.data.nullable
            && (self.enumeration.is_empty() || self.enumeration.contains(&Value::Null))
    }

    /// Non-null `enum` values.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.enumeration.iter().filter(|v| !v.is_null())
    }
}

pub fn is_deprecated(data: &SchemaData) -> bool {
    data.deprecated
        || data
            .extensions
            .get("x-release-lifecycle")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("deprecated"))
}

/// How a schema maps to Rust (read by the build and by the audit).
pub(crate) enum Class<'s> {
    Struct,
    AllOf,
    Enum,
    Union(UnionKind, &'s [ReferenceOr<Schema>]),
    /// `allOf` with one member and nothing else of its own: the member, with
    /// this schema's description, deprecation and nullability.
    Wrapper(&'s ReferenceOr<Schema>),
    /// A primitive, array or map: no item of its own unless named.
    Plain,
}

pub(crate) fn classify<'s>(view: &View<'s>) -> Class<'s> {
    if !view.one_of.is_empty() {
        return Class::Union(UnionKind::OneOf, view.one_of);
    }
    if !view.any_of.is_empty() {
        return Class::Union(UnionKind::AnyOf, view.any_of);
    }
    if !view.all_of.is_empty() {
        let own = view.properties.is_some_and(|p| !p.is_empty()) || view.additional.is_some();
        return match view.all_of {
            [only] if !own => Class::Wrapper(only),
            _ => Class::AllOf,
        };
    }
    if view.values().next().is_some()
        && (view.ty == Some(JsonType::String) || view.values().all(|v| v.is_string()))
    {
        return Class::Enum;
    }
    if view.properties.is_some_and(|p| !p.is_empty()) {
        return Class::Struct;
    }
    Class::Plain
}
