//! The raw-JSON validators: one static `JsonSchema` table per type, built from
//! the IR, and `impl ValidateJson` (a `validate_…_json` function for an
//! alias). The code that walks a table is shared: it is ordinary Rust in
//! `generator/runtime/validate_json.rs` (compiled, linted and unit-tested
//! there by the `runtime` crate of the workspace), emitted once into the
//! module without its unit tests (see [`runtime::split`]).
//!
//! A table says what the description says of the JSON, not of the Rust
//! type: `null` where the place allows it, keys under
//! `additionalProperties: false`, the JSON types, `required`, and every
//! keyword the typed validator checks.

use super::validate_runtime::{format_check, FORMATS};
use super::{ident, runtime, validate::literal_pattern};
use crate::ir::{
    Constraints, Enum, Extra, Ir, Pattern, Shape, Struct, TypeDef, TypeId, TypeKind, Union,
    UnionKind,
};
use crate::naming::{self, Scope};
use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// `generator/runtime/validate_json.rs`, as text: the walker (the table
/// types are in `json_schema.rs`, spliced with the validators' common items).
pub const VALIDATE_JSON: &str = include_str!("../../runtime/validate_json.rs");

/// The shared code of the raw-JSON validators: the file's items, without its
/// unit tests.
pub fn runtime() -> String {
    runtime::join(
        runtime::split(VALIDATE_JSON, 0)
            .iter()
            .map(|item| item.text),
    )
}

/// The names of the statics and of the alias functions, chosen once.
pub struct Names {
    statics: Vec<Ident>,
    alias_fns: Vec<Option<Ident>>,
}

impl Names {
    /// `FOO_BAR_JSON` for each type, and `validate_<alias>_json` for each alias
    /// (kept apart from the typed validators' `validate_<alias>` names).
    pub fn new(ir: &Ir, typed_alias_fns: &[Option<String>]) -> Names {
        let mut statics = Scope::new();
        let mut fns = Scope::new();
        for name in typed_alias_fns.iter().flatten() {
            fns.reserve(name);
            fns.reserve(&format!("{name}_at"));
        }
        Names {
            statics: ir
                .types
                .iter()
                .map(|def| {
                    ident(&statics.unique(format!("{}_JSON", def.name.to_shouty_snake_case())))
                })
                .collect(),
            alias_fns: ir
                .types
                .iter()
                .map(|def| {
                    matches!(def.kind, TypeKind::Alias(_)).then(|| {
                        ident(
                            &fns.unique(format!("validate_{}_json", naming::field_name(&def.name))),
                        )
                    })
                })
                .collect(),
        }
    }
}

/// JSON type bits, as in the runtime's `json_type`.
const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const INTEGER: u8 = 4;
const NUMBER: u8 = 8;
const STRING: u8 = 16;
const ARRAY: u8 = 32;
const OBJECT: u8 = 64;
const ANY: u8 = 127;

/// Builds the tables. A place's table that is more than a named type is
/// hoisted into a static of its own, shared by every place that has the
/// same one (`FOO_BAR_JSON` for field `bar` of `Foo`), so that each property
/// of an object is one line.
pub struct Tables<'a> {
    pub ir: &'a Ir,
    pub names: &'a Names,
    /// The statics hoisted so far: their code, and their names.
    hoisted: BTreeMap<String, Ident>,
    scope: Scope,
}

/// What an item's tables register with the typed validators: one
/// `pattern_N()` per distinct pattern, one check per format.
pub struct Registry<'r> {
    pub patterns: &'r mut Vec<Pattern>,
    pub formats: &'r mut BTreeSet<&'static str>,
}

impl<'a> Tables<'a> {
    pub fn new(ir: &'a Ir, names: &'a Names) -> Self {
        let mut scope = Scope::new();
        for name in &names.statics {
            scope.reserve(&name.to_string());
        }
        Tables {
            ir,
            names,
            hoisted: BTreeMap::new(),
            scope,
        }
    }

    /// The table of a type and its entry point, after the statics hoisted
    /// from it.
    pub fn item(&mut self, id: TypeId, def: &TypeDef, registry: &mut Registry<'_>) -> TokenStream {
        let mut out = TokenStream::new();
        let mut item = Item {
            tables: self,
            registry,
            hoisted: &mut out,
            prefix: def.name.to_shouty_snake_case(),
        };
        let table = item.tables.names.statics[id].clone();
        let schema = match &def.kind {
            TypeKind::Struct(s) => item.object(def, s),
            TypeKind::Enum(e) => item.enumeration(def, e),
            TypeKind::Union(u) => item.union(def, u),
            TypeKind::Alias(shape) | TypeKind::Newtype { shape, .. } => {
                item.schema(shape, &def.constraints, def.nullable, "value")
            }
        };
        let Some(entry) = self.entry(id, def, &table) else {
            return out;
        };
        out.extend(quote! {
            static #table: JsonSchema = #schema;

            #entry
        });
        out
    }

    /// The entry point of a type's table: `impl ValidateJson`, or for an
    /// alias its `validate_…_json` function (`None`: it has none).
    fn entry(&self, id: TypeId, def: &TypeDef, table: &Ident) -> Option<TokenStream> {
        let deprecated = def.deprecated.then(|| quote!(#[allow(deprecated)]));
        Some(match &def.kind {
            TypeKind::Alias(_) => {
                let fn_name = self.names.alias_fns[id].as_ref()?;
                let doc = format!(
                    " Checks the JSON form of a [`{0}`](super::types::{0}) against the description: see [`ValidateJson`].",
                    def.name
                );
                quote! {
                    #[doc = #doc]
                    pub fn #fn_name(value: &::serde_json::Value) -> Result<(), ValidationErrors> {
                        validate_json(&#table, value)
                    }
                }
            }
            _ => {
                let ty = ident(&def.name);
                quote! {
                    #deprecated
                    impl ValidateJson for super::types::#ty {
                        const JSON_SCHEMA: &'static JsonSchema = &#table;
                    }
                }
            }
        })
    }

    /// The JSON types the values of a shape can have.
    fn mask(&self, shape: &Shape, depth: usize) -> u8 {
        if depth > 32 {
            return ANY;
        }
        match shape {
            Shape::String => STRING,
            Shape::Integer(_) => INTEGER,
            Shape::Number => NUMBER,
            Shape::Boolean => BOOLEAN,
            Shape::Any => ANY,
            Shape::Array(_) => ARRAY,
            Shape::Map(_) => OBJECT,
            Shape::Nullable(inner) => NULL | self.mask(inner, depth + 1),
            Shape::Named(id) => {
                let def = self.ir.type_def(*id);
                let null = if def.nullable { NULL } else { 0 };
                null | match &def.kind {
                    TypeKind::Struct(_) => OBJECT,
                    TypeKind::Enum(_) => STRING,
                    TypeKind::Union(u) => u
                        .variants
                        .iter()
                        .fold(0, |m, v| m | self.mask(&v.shape, depth + 1)),
                    TypeKind::Alias(inner) | TypeKind::Newtype { shape: inner, .. } => {
                        self.mask(inner, depth + 1)
                    }
                }
            }
        }
    }
}

/// The tables of one item, and the statics hoisted from them.
struct Item<'t, 'a, 'r, 'o> {
    tables: &'t mut Tables<'a>,
    registry: &'t mut Registry<'r>,
    hoisted: &'o mut TokenStream,
    /// `FOO` for type `Foo`: the start of the names of what it hoists.
    prefix: String,
}

impl Item<'_, '_, '_, '_> {
    /// The table of a struct: its properties in a hoisted
    /// `JsonObjectSchema`, with the struct's own keywords.
    fn object(&mut self, def: &TypeDef, s: &Struct) -> TokenStream {
        let (nullable, null) = (def.nullable, if def.nullable { NULL } else { 0 });
        let properties: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let place = self.place(&f.shape, &f.constraints, f.nullable, &f.name);
                let wire = &f.wire;
                quote!((#wire, #place))
            })
            .collect();
        let required = s
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| &f.wire)
            .chain(&s.required_extra);
        let other = match &s.extra {
            Extra::Closed => quote!(None),
            Extra::Open => quote!(Some(&JsonSchema::ANY)),
            Extra::Typed(shape) => {
                let place = self.place(shape, &s.extra_constraints, false, "other");
                quote!(Some(#place))
            }
        };
        let name = &def.name;
        let object = ident(&self.tables.scope.unique(format!("{}_OBJECT", self.prefix)));
        self.hoisted.extend(quote! {
            static #object: JsonObjectSchema = JsonObjectSchema {
                name: #name,
                properties: &[#(#properties),*],
                required: &[#(#required),*],
                other: #other,
            };
        });
        match self.keywords(&def.constraints) {
            None => quote!(JsonSchema::object(&#object, #nullable)),
            Some(keywords) => {
                let types = types(OBJECT | null);
                quote!(JsonSchema::new(#types, #keywords, JsonInner::Object(&#object)))
            }
        }
    }

    /// The table of an enum of strings: its values as `enum`.
    fn enumeration(&mut self, def: &TypeDef, e: &Enum) -> TokenStream {
        let null = if def.nullable { NULL } else { 0 };
        let mut c = def.constraints.clone();
        c.allowed = Some(
            e.variants
                .iter()
                .map(|v| serde_json::Value::String(v.value.clone()))
                .collect(),
        );
        let keywords = self
            .keywords(&c)
            .unwrap_or_else(|| quote!(&JsonKeywords::NONE));
        let types = types(STRING | null);
        quote!(JsonSchema::new(#types, #keywords, JsonInner::Leaf))
    }

    /// The table of a union: its branches' places, `oneOf` or `anyOf`.
    fn union(&mut self, def: &TypeDef, u: &Union) -> TokenStream {
        let null = if def.nullable { NULL } else { 0 };
        let mask = u
            .variants
            .iter()
            .fold(null, |m, v| m | self.tables.mask(&v.shape, 0));
        let branches: Vec<TokenStream> = u
            .variants
            .iter()
            .map(|v| {
                let place = self.place(&v.shape, &v.constraints, false, &v.name);
                let name = &v.name;
                quote!((#name, #place))
            })
            .collect();
        let one_of = matches!(u.kind, UnionKind::OneOf);
        let keywords = self
            .keywords(&def.constraints)
            .unwrap_or_else(|| quote!(&JsonKeywords::NONE));
        let types = types(mask);
        quote! {
            JsonSchema::new(#types, #keywords, JsonInner::Union(&JsonUnionSchema {
                one_of: #one_of,
                branches: &[#(#branches),*],
            }))
        }
    }

    /// A reference to the table of a place: a named type's own table when
    /// the place adds nothing, a runtime constant for a plain leaf, else a
    /// hoisted static (`name` names it).
    fn place(&mut self, shape: &Shape, c: &Constraints, nullable: bool, name: &str) -> TokenStream {
        if let (Shape::Named(id), true) = (shape, unchecked(c)) {
            let table = &self.tables.names.statics[*id];
            if !nullable {
                return quote!(&#table);
            }
            // One static for every nullable use of the type.
            let key = format!("{table} or null");
            if let Some(existing) = self.tables.hoisted.get(&key) {
                return quote!(&#existing);
            }
            let base = table.to_string();
            let base = base.strip_suffix("_JSON").unwrap_or(&base);
            let name = ident(&self.tables.scope.unique(format!("{base}_OR_NULL_JSON")));
            self.hoisted
                .extend(quote!(static #name: JsonSchema = JsonSchema::named(&#table, true);));
            self.tables.hoisted.insert(key, name.clone());
            return quote!(&#name);
        }
        if let Some(leaf) = leaf(shape, c, nullable) {
            return quote!(&JsonSchema::#leaf);
        }
        let schema = self.schema(shape, c, nullable, name);
        let key = schema.to_string();
        if let Some(existing) = self.tables.hoisted.get(&key) {
            return quote!(&#existing);
        }
        let static_name = ident(&self.tables.scope.unique(format!(
            "{}_{}_JSON",
            self.prefix,
            name.to_shouty_snake_case()
        )));
        self.hoisted
            .extend(quote!(static #static_name: JsonSchema = #schema;));
        self.tables.hoisted.insert(key, static_name.clone());
        quote!(&#static_name)
    }

    /// The table of a place (a field, an item, a branch, an alias): its
    /// shape with the place's keywords, `null` when it is nullable.
    fn schema(
        &mut self,
        shape: &Shape,
        c: &Constraints,
        nullable: bool,
        name: &str,
    ) -> TokenStream {
        let null = if nullable { NULL } else { 0 };
        let (bits, inner) = match shape {
            Shape::String => (STRING, None),
            Shape::Integer(_) => (INTEGER, None),
            Shape::Number => (NUMBER, None),
            Shape::Boolean => (BOOLEAN, None),
            // No type, or several: every JSON value (null included; see the README's limits).
            Shape::Any => (ANY, None),
            Shape::Array(item) | Shape::Map(item) => {
                let items = c.items.as_deref().cloned().unwrap_or_default();
                let each = self.place(item, &items, false, &format!("{name}_item"));
                if matches!(shape, Shape::Array(_)) {
                    (ARRAY, Some(quote!(JsonInner::Items(#each))))
                } else {
                    (OBJECT, Some(quote!(JsonInner::Values(#each))))
                }
            }
            Shape::Nullable(inner) => return self.schema(inner, c, true, name),
            Shape::Named(id) => {
                let table = &self.tables.names.statics[*id];
                if unchecked(c) {
                    return quote!(JsonSchema::named(&#table, #nullable));
                }
                (0, Some(quote!(JsonInner::Named(&#table))))
            }
        };
        if let Some(leaf) = leaf(shape, c, nullable) {
            return quote!(JsonSchema::#leaf);
        }
        let own = Constraints {
            items: None,
            ..c.clone()
        };
        let keywords = self
            .keywords(&own)
            .unwrap_or_else(|| quote!(&JsonKeywords::NONE));
        let types = types(bits | null);
        let inner = inner.unwrap_or_else(|| quote!(JsonInner::Leaf));
        quote!(JsonSchema::new(#types, #keywords, #inner))
    }

    /// `&JsonKeywords::NONE.max_length(128)…` with the keywords that are
    /// checked; `None` when there is none.
    fn keywords(&mut self, c: &Constraints) -> Option<TokenStream> {
        let mut set = Vec::new();
        let usize_lit = Literal::usize_unsuffixed;
        for (name, value) in [
            ("min_length", c.min_length),
            ("max_length", c.max_length),
            ("min_items", c.min_items),
            ("max_items", c.max_items),
            ("min_properties", c.min_properties),
            ("max_properties", c.max_properties),
        ] {
            if let Some(n) = value {
                let (name, n) = (format_ident!("{name}"), usize_lit(n));
                set.push(quote!(#name(#n)));
            }
        }
        set.extend(c.pattern.as_ref().map(|pattern| self.pattern(pattern)));
        set.extend(c.format.as_deref().and_then(|format| self.format(format)));
        for (name, bound, exclusive) in [
            ("minimum", c.minimum, c.exclusive_minimum),
            ("maximum", c.maximum, c.exclusive_maximum),
        ] {
            if let Some(bound) = bound {
                let (name, bound) = (format_ident!("{name}"), Literal::f64_suffixed(bound));
                set.push(quote!(#name(#bound, #exclusive)));
            }
        }
        if let Some(factor) = c.multiple_of {
            let factor = Literal::f64_suffixed(factor);
            set.push(quote!(multiple_of(#factor)));
        }
        if c.unique_items {
            set.push(quote!(unique_items()));
        }
        set.extend(c.allowed.as_deref().map(allowed));
        (!set.is_empty()).then(|| quote!(&JsonKeywords::NONE #(.#set)*))
    }

    /// The `pattern` keyword: a literal prefix or text, or a regular
    /// expression registered as `pattern_N()`.
    fn pattern(&mut self, pattern: &Pattern) -> TokenStream {
        let source = pattern.display();
        let literal = pattern
            .extra_flags
            .is_empty()
            .then(|| literal_pattern(&pattern.source))
            .flatten();
        match literal {
            Some((literal, exact)) => {
                quote!(pattern(JsonPattern::Literal(#literal, #exact, #source)))
            }
            None => {
                let patterns = &mut self.registry.patterns;
                let index = match patterns.iter().position(|p| p == pattern) {
                    Some(i) => i,
                    None => {
                        patterns.push(pattern.clone());
                        patterns.len() - 1
                    }
                };
                let regex = format_ident!("pattern_{}", index);
                quote! {
                    pattern(JsonPattern::Regex(
                        |text| #regex().and_then(|regex| regex.is_match(text).ok()),
                        #source,
                    ))
                }
            }
        }
    }

    /// The `format` keyword, when the format is one that is checked (its
    /// check registered).
    fn format(&mut self, format: &str) -> Option<TokenStream> {
        let check = format_check(format)?;
        if let Some((known, _)) = FORMATS.iter().find(|(f, _)| *f == format) {
            self.registry.formats.insert(known);
        }
        let check = format_ident!("{}", check);
        Some(quote!(format(#format, #check)))
    }
}

/// The `enum` keyword: its values as constants (`null` is the place's
/// nullability), and as text for messages.
fn allowed(allowed: &[serde_json::Value]) -> TokenStream {
    let listed = allowed
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let values = allowed.iter().filter_map(|v| match v {
        serde_json::Value::Null => None,
        serde_json::Value::Bool(b) => Some(quote!(JsonConst::Bool(#b))),
        serde_json::Value::Number(n) => {
            let n = Literal::f64_suffixed(n.as_f64().filter(|n| n.is_finite())?);
            Some(quote!(JsonConst::Number(#n)))
        }
        serde_json::Value::String(s) => Some(quote!(JsonConst::String(#s))),
        other => {
            let text = other.to_string();
            Some(quote!(JsonConst::Json(#text)))
        }
    });
    quote!(allowed(&[#(#values),*], #listed))
}

/// Whether no keyword of `c` is checked (a `format` that is not a standard
/// one is documentation).
fn unchecked(c: &Constraints) -> bool {
    let checked_format = c.format.as_deref().and_then(format_check).is_some();
    !checked_format
        && Constraints {
            format: None,
            items: None,
            ..c.clone()
        }
        .is_empty()
}

/// `json_type::STRING | json_type::NULL`.
fn types(bits: u8) -> TokenStream {
    if bits & ANY == ANY {
        return quote!(json_type::ANY);
    }
    let names = [
        (NULL, "NULL"),
        (BOOLEAN, "BOOLEAN"),
        (INTEGER, "INTEGER"),
        (NUMBER, "NUMBER"),
        (STRING, "STRING"),
        (ARRAY, "ARRAY"),
        (OBJECT, "OBJECT"),
    ];
    let set: Vec<Ident> = names
        .iter()
        .filter(|(bit, _)| bits & bit != 0)
        .map(|(_, name)| format_ident!("{}", name))
        .collect();
    if set.is_empty() {
        return quote!(0);
    }
    quote!(#(json_type::#set)|*)
}

/// The runtime's constant for a place that is a primitive (or any value)
/// without keywords, if it has one.
fn leaf(shape: &Shape, c: &Constraints, nullable: bool) -> Option<Ident> {
    let bits = match shape {
        Shape::String => STRING,
        Shape::Integer(_) => INTEGER,
        Shape::Number => NUMBER,
        Shape::Boolean => BOOLEAN,
        Shape::Any => ANY,
        Shape::Nullable(inner) => return leaf(inner, c, true),
        _ => return None,
    };
    if !unchecked(c) {
        return None;
    }
    let null = if nullable { NULL } else { 0 };
    let name = match bits | null {
        STRING => "STRING",
        INTEGER => "INTEGER",
        NUMBER => "NUMBER",
        BOOLEAN => "BOOLEAN",
        ANY => "ANY",
        b if b == STRING | NULL => "STRING_OR_NULL",
        b if b == INTEGER | NULL => "INTEGER_OR_NULL",
        b if b == NUMBER | NULL => "NUMBER_OR_NULL",
        b if b == BOOLEAN | NULL => "BOOLEAN_OR_NULL",
        _ => return None,
    };
    Some(format_ident!("{}", name))
}
