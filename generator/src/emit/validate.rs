//! The `validate` module: `impl Validate` for every struct, enum, union and
//! newtype, a `validate_…` function for every alias, and the checks they call.
//!
//! Everything is decided here, at generation time: each place gets straight
//! code for its own constraints (no schema is interpreted at run time). Checks
//! build their message only for a violation, so a valid value is validated
//! without allocating, except where a `oneOf`/`anyOf` value has to be tried
//! against another branch that could also accept it (see [`Gen::union`]).

use super::validate_json;
use super::validate_runtime::{self, FORMATS};
use super::{doc_attrs, ident};
use crate::ir::{
    Constraints, Enum, Extra, Ir, Pattern, Shape, Struct, TypeDef, TypeId, TypeKind, Union,
    UnionKind,
};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The start of the module: the code its items share (reports, checks,
/// patterns, formats), and whether it needs the `fancy-regex` crate.
pub struct Head {
    pub chunks: Vec<TokenStream>,
    pub uses_regex: bool,
}

/// The name of the function that validates each alias (aliases cannot carry
/// a trait impl of their own): `validate_<alias in snake case>`.
pub fn alias_fn_names(ir: &Ir) -> Vec<Option<String>> {
    let mut scope = Scope::new();
    ir.types
        .iter()
        .map(|def| {
            matches!(def.kind, TypeKind::Alias(_))
                .then(|| scope.unique(format!("validate_{}", naming::field_name(&def.name))))
        })
        .collect()
}

/// Builds the module's items, one chunk per type, and hands each to `sink` as
/// soon as it is built (to be printed and dropped: see
/// [`super::print_chunks`]); returns what goes before them, which is known
/// only once every item is built (the patterns and formats they use).
pub fn module(
    ir: &Ir,
    sink: &mut dyn FnMut(TokenStream) -> crate::error::Result<()>,
) -> crate::error::Result<Head> {
    let mut gen = Gen {
        ir,
        patterns: Vec::new(),
        formats: BTreeSet::new(),
        objects: BTreeSet::new(),
        alias_fns: vec![None; ir.types.len()],
    };
    gen.alias_fns = alias_fn_names(ir);
    let json_names = validate_json::Names::new(ir, &gen.alias_fns);
    let mut tables = validate_json::Tables::new(ir, &json_names);
    for (id, def) in ir.types.iter().enumerate() {
        sink(gen.item(id, def))?;
        let mut registry = validate_json::Registry {
            patterns: &mut gen.patterns,
            formats: &mut gen.formats,
        };
        sink(tables.item(id, def, &mut registry))?;
    }
    // The object keywords and the unions asked for these as they were built.
    for &id in &gen.objects {
        if let TypeKind::Struct(s) = &ir.type_def(id).kind {
            sink(json_object(ir, id, s))?;
        }
    }

    let runtime = validate_runtime::Runtime::new()?;
    let json_runtime = validate_json::runtime()?;
    let uses_regex = !gen.patterns.is_empty();
    let pattern_check = uses_regex.then(|| runtime.pattern.clone());
    let patterns = gen.patterns.iter().enumerate().map(|(i, p)| {
        let name = format_ident!("pattern_{}", i);
        let translated = &p.translated;
        let doc = doc_attrs(&format!(
            "{}, compiled once (in the syntax of `fancy-regex`).",
            crate::docs::code(&p.source)
        ));
        quote! {
            #doc
            fn #name() -> Option<&'static ::fancy_regex::Regex> {
                static REGEX: ::std::sync::OnceLock<Option<::fancy_regex::Regex>> = ::std::sync::OnceLock::new();
                REGEX.get_or_init(|| ::fancy_regex::Regex::new(#translated).ok()).as_ref()
            }
        }
    });
    // A format's check may call another's (`date-time` calls `date`).
    let mut formats: BTreeSet<&str> = BTreeSet::new();
    for used in &gen.formats {
        formats.insert(used);
        if let Some((_, needs)) = FORMATS.iter().find(|(f, _)| f == used) {
            formats.extend(needs.iter().copied());
        }
    }
    let format_fns = FORMATS
        .iter()
        .filter(|(f, _)| formats.contains(f))
        .filter_map(|(f, _)| runtime.format(f).cloned());
    let chunks = [runtime.common.clone(), json_runtime]
        .into_iter()
        .chain(pattern_check)
        .chain(patterns)
        .chain(format_fns)
        .collect();
    Ok(Head { chunks, uses_regex })
}

/// The JSON types a value can have, as a bit set (for telling union branches apart).
const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const NUMBER: u8 = 4;
const STRING: u8 = 8;
const ARRAY: u8 = 16;
const OBJECT: u8 = 32;
const ANY: u8 = 63;

struct Gen<'a> {
    ir: &'a Ir,
    /// Distinct patterns, in order of first use: `pattern_0()`, `pattern_1()`, …
    patterns: Vec<Pattern>,
    /// Standard formats in use.
    formats: BTreeSet<&'static str>,
    /// The structs whose keys a check counts or looks up: they get an
    /// `impl JsonObject`, after every other item.
    objects: BTreeSet<TypeId>,
    /// The function that validates each alias.
    alias_fns: Vec<Option<String>>,
}

/// `super::types::Name` for a named type, and the full path of every other type.
fn rust_type(ir: &Ir, shape: &Shape) -> TokenStream {
    match shape {
        Shape::String => quote!(::std::string::String),
        Shape::Integer(width) => {
            let ty = format_ident!("{}", width.rust());
            quote!(#ty)
        }
        Shape::Number => quote!(f64),
        Shape::Boolean => quote!(bool),
        Shape::Any => quote!(::serde_json::Value),
        Shape::Array(inner) => {
            let inner = rust_type(ir, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Shape::Map(inner) => {
            let inner = rust_type(ir, inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        Shape::Nullable(inner) => {
            let inner = rust_type(ir, inner);
            quote!(::std::option::Option<#inner>)
        }
        Shape::Named(id) => {
            let name = ident(&ir.type_def(*id).name);
            quote!(super::types::#name)
        }
    }
}

fn boxed_type(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// A reference to the value behind a binding that may hold a `Box`.
fn unboxed(name: &Ident, boxed: bool) -> TokenStream {
    if boxed {
        quote!(&**#name)
    } else {
        quote!(#name)
    }
}

/// Rebinds a binding that holds a `Box` to the boxed value.
fn unbox(name: &Ident, boxed: bool) -> TokenStream {
    if boxed {
        quote!(let #name = &**#name;)
    } else {
        TokenStream::new()
    }
}

fn lit(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

fn int_lit(n: i128) -> Literal {
    Literal::i128_unsuffixed(n)
}

/// `"a", "b", "c"` for messages.
fn listing<'s>(values: impl Iterator<Item = &'s str>) -> String {
    let quoted: Vec<String> = values.map(|v| format!("{v:?}")).collect();
    quoted.join(", ")
}

/// An integral bound within 64 bits (signed or not, up to 2^64): compared
/// exactly with an integer value widened to `i128`.
fn integral(bound: f64) -> Option<i128> {
    let fits = bound.fract() == 0.0
        && (-9.223_372_036_854_776e18..=1.844_674_407_370_955_2e19).contains(&bound);
    fits.then_some(bound as i128)
}

/// A pattern that only says "starts with this text" (`^https:\/\/.*`) or
/// "is this text" (`^abc$`): `(text, exact)`. Such a pattern is checked with
/// `starts_with` / `==`, which is what the regular expression does, without
/// running a regex engine (which allocates its matching state).
pub fn literal_pattern(source: &str) -> Option<(String, bool)> {
    const SYNTAX: &str = "^$\\.*+?()[]{}|/";
    let mut rest = source.strip_prefix('^')?;
    let mut literal = String::new();
    let mut exact = false;
    loop {
        let mut chars = rest.chars();
        match chars.next() {
            None => break,
            Some('\\') => {
                // An identity escape of a syntax character, valid with and without `u`.
                let escaped = chars.next().filter(|c| SYNTAX.contains(*c))?;
                literal.push(escaped);
            }
            Some('.') if rest == ".*" => break,
            Some('$') if rest == "$" => {
                exact = true;
                break;
            }
            Some(c) if SYNTAX.contains(c) => return None,
            Some(c) => literal.push(c),
        }
        rest = chars.as_str();
    }
    Some((literal, exact))
}

fn float_literal(value: f64) -> Literal {
    Literal::f64_suffixed(value)
}

impl<'a> Gen<'a> {
    fn item(&mut self, id: TypeId, def: &TypeDef) -> TokenStream {
        let name = ident(&def.name);
        let ty = quote!(super::types::#name);
        match &def.kind {
            TypeKind::Struct(s) => self.structure(&ty, id, def, s),
            TypeKind::Enum(e) => self.enumeration(&ty, def, e),
            TypeKind::Union(u) => self.union(&ty, def, u),
            TypeKind::Newtype { shape, boxed } => {
                let value = format_ident!("value");
                let unbox = unbox(&value, *boxed);
                let check = self.check(shape, &def.constraints, &value);
                let body = match check {
                    Some(check) => quote! {
                        let #value = &self.0;
                        #unbox
                        #check
                    },
                    None => quote! {
                        let _ = (path, report);
                    },
                };
                quote! {
                    #[allow(deprecated)]
                    impl Validate for #ty {
                        #[allow(clippy::only_used_in_recursion)]
                        fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
                            #body
                        }
                    }
                }
            }
            TypeKind::Alias(shape) => {
                let Some(fn_name) = self.alias_fns[id].clone() else {
                    return TokenStream::new();
                };
                let fn_name = ident(&fn_name);
                let at_name = format_ident!("{}_at", fn_name);
                let value = format_ident!("value");
                let body = match self.check(shape, &def.constraints, &value) {
                    Some(check) => check,
                    None => quote!(let _ = (value, path, report);),
                };
                let doc = doc_attrs(&format!(
                    "Checks a [`{}`](super::types::{}) against the constraints of the description.",
                    def.name, def.name
                ));
                let doc_at = doc_attrs(&format!(
                    "Adds the violations of a [`{}`](super::types::{}) found at `path` to `report`.",
                    def.name, def.name
                ));
                quote! {
                    #doc
                    #[allow(deprecated)]
                    pub fn #fn_name(value: &#ty) -> Result<(), ValidationErrors> {
                        let mut report = Report::new();
                        #at_name(value, &Path::Root, &mut report);
                        report.finish()
                    }

                    #doc_at
                    #[allow(deprecated)]
                    pub fn #at_name(value: &#ty, path: &Path<'_>, report: &mut Report) {
                        #body
                    }
                }
            }
        }
    }

    /// Code that checks `value` (a reference to a value of `shape`) against the
    /// shape's own validation and `c`, reporting at `path` into `report`;
    /// `None` when there is nothing to check.
    fn check(&mut self, shape: &Shape, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        match shape {
            Shape::String => self.string(c, quote!(#value.as_str())),
            Shape::Integer(_) => self.integer(c, value),
            Shape::Number => Some(self.number(c, quote!(*#value))),
            Shape::Boolean => {
                let allowed = c.allowed.as_ref()?;
                let listed = listing(allowed.iter().map(|v| {
                    if v == &serde_json::Value::Bool(true) {
                        "true"
                    } else {
                        "false"
                    }
                }));
                let t = allowed.contains(&serde_json::Value::Bool(true));
                let f = allowed.contains(&serde_json::Value::Bool(false));
                match (t, f) {
                    (true, true) => None,
                    (true, false) => Some(quote! {
                        if !*#value {
                            not_listed(report, path, #value, #listed);
                        }
                    }),
                    (false, true) => Some(quote! {
                        if *#value {
                            not_listed(report, path, #value, #listed);
                        }
                    }),
                    (false, false) => Some(quote!(not_listed(report, path, #value, #listed);)),
                }
            }
            Shape::Any => self.any(c, value),
            Shape::Array(inner) => {
                let item = format_ident!("item");
                let items = c.items.as_deref().cloned().unwrap_or_default();
                let each = self.check(inner, &items, &item);
                let mut out = TokenStream::new();
                if let Some(min) = c.min_items {
                    let min = lit(min);
                    out.extend(quote!(min_items(report, path, #value.len(), #min);));
                }
                if let Some(max) = c.max_items {
                    let max = lit(max);
                    out.extend(quote!(max_items(report, path, #value.len(), #max);));
                }
                if c.unique_items {
                    let equal = if **inner == Shape::Any {
                        quote!(json_equal)
                    } else {
                        quote!(|a, b| a == b)
                    };
                    out.extend(quote!(unique_items(report, path, #value, #equal);));
                }
                out.extend(self.allowed_json(c, value));
                if let Some(each) = each {
                    out.extend(quote! {
                        for (index, #item) in #value.iter().enumerate() {
                            let path = &path.index(index);
                            #each
                        }
                    });
                }
                (!out.is_empty()).then_some(out)
            }
            Shape::Map(inner) => {
                let entry = format_ident!("entry");
                let items = c.items.as_deref().cloned().unwrap_or_default();
                let each = self.check(inner, &items, &entry);
                let mut out = TokenStream::new();
                if let Some(min) = c.min_properties {
                    let min = lit(min);
                    out.extend(quote!(min_properties(report, path, #value.len(), #min);));
                }
                if let Some(max) = c.max_properties {
                    let max = lit(max);
                    out.extend(quote!(max_properties(report, path, #value.len(), #max);));
                }
                out.extend(self.allowed_json(c, value));
                if let Some(each) = each {
                    out.extend(quote! {
                        for (key, #entry) in #value {
                            let path = &path.key(key);
                            #each
                        }
                    });
                }
                (!out.is_empty()).then_some(out)
            }
            Shape::Nullable(inner) => {
                let check = self.check(inner, c, value)?;
                Some(quote! {
                    if let Some(#value) = #value {
                        #check
                    }
                })
            }
            Shape::Named(id) => self.named(*id, c, value),
        }
    }

    /// A named type: its own validation, plus what this place adds. An alias
    /// is checked inline with both sets of constraints merged, so that each
    /// value is looked at once.
    fn named(&mut self, id: TypeId, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        let ir = self.ir;
        let def = ir.type_def(id);
        match &def.kind {
            TypeKind::Alias(shape) => {
                if c.is_empty() {
                    let fn_name = format_ident!("{}_at", ident(self.alias_fns[id].as_deref()?));
                    // Skip the call when the alias has nothing to check.
                    self.check(shape, &def.constraints, value)?;
                    Some(quote!(#fn_name(#value, path, report);))
                } else {
                    let merged = Constraints::merged(c.clone(), def.constraints.clone());
                    self.check(shape, &merged, value)
                }
            }
            TypeKind::Struct(_) => {
                let mut out = quote!(nested(#value, path, report););
                if c.min_properties.is_some() || c.max_properties.is_some() {
                    self.objects.insert(id);
                }
                if let Some(min) = c.min_properties {
                    let min = lit(min);
                    out.extend(
                        quote!(min_properties(report, path, JsonObject::key_count(#value), #min);),
                    );
                }
                if let Some(max) = c.max_properties {
                    let max = lit(max);
                    out.extend(
                        quote!(max_properties(report, path, JsonObject::key_count(#value), #max);),
                    );
                }
                out.extend(self.allowed_json(c, value));
                Some(out)
            }
            TypeKind::Enum(_) => {
                let mut out = quote!(Validate::validate_at(#value, path, report););
                let string_only = Constraints {
                    allowed: None,
                    ..c.clone()
                };
                out.extend(self.string(&string_only, quote!(#value.as_str())));
                Some(out)
            }
            TypeKind::Union(_) | TypeKind::Newtype { .. } => {
                Some(quote!(nested(#value, path, report);))
            }
        }
    }

    fn string(&mut self, c: &Constraints, text: TokenStream) -> Option<TokenStream> {
        let mut out = TokenStream::new();
        if let Some(min) = c.min_length {
            let min = lit(min);
            out.extend(quote!(min_length(report, path, text, #min);));
        }
        if let Some(max) = c.max_length {
            let max = lit(max);
            out.extend(quote!(max_length(report, path, text, #max);));
        }
        if let Some(pattern) = &c.pattern {
            let literal = pattern
                .extra_flags
                .is_empty()
                .then(|| literal_pattern(&pattern.source))
                .flatten();
            if let Some((literal, exact)) = literal {
                let source = &pattern.source;
                out.extend(quote!(pattern_literal(report, path, text, #literal, #exact, #source);));
            } else {
                let index = match self.patterns.iter().position(|p| p == pattern) {
                    Some(i) => i,
                    None => {
                        self.patterns.push(pattern.clone());
                        self.patterns.len() - 1
                    }
                };
                let name = format_ident!("pattern_{}", index);
                // As the description writes a leading flag group.
                let source = pattern.display();
                out.extend(quote!(pattern(report, path, text, #name(), #source);));
            }
        }
        if let Some(format) = &c.format {
            if let Some(name) = validate_runtime::format_check(format) {
                if let Some((known, _)) = FORMATS.iter().find(|(f, _)| f == format) {
                    self.formats.insert(known);
                }
                let check = format_ident!("{}", name);
                out.extend(quote!(format(report, path, text, #format, #check(text));));
            }
        }
        if let Some(allowed) = &c.allowed {
            let strings: Vec<&str> = allowed.iter().filter_map(|v| v.as_str()).collect();
            let listed = listing(strings.iter().copied());
            out.extend(if strings.is_empty() {
                // No string is allowed at all.
                quote!(not_listed(report, path, &text, #listed);)
            } else {
                quote! {
                    if !matches!(text, #(#strings)|*) {
                        not_listed(report, path, &text, #listed);
                    }
                }
            });
        }
        if out.is_empty() {
            return None;
        }
        Some(quote! {
            let text: &str = #text;
            #out
        })
    }

    fn integer(&mut self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        let mut out = TokenStream::new();
        // A bound on an integer: compared as an integer when it is one.
        let bound = |limit: f64, exclusive: bool, int_check: &str, number_check: &str| {
            let (int_check, number_check) = (
                format_ident!("{int_check}"),
                format_ident!("{number_check}"),
            );
            match integral(limit) {
                Some(limit) => {
                    let limit = int_lit(limit);
                    quote!(#int_check(report, path, number, #limit, #exclusive);)
                }
                None => {
                    let limit = float_literal(limit);
                    quote!(#number_check(report, path, number as f64, #limit, #exclusive);)
                }
            }
        };
        if let Some(min) = c.minimum {
            out.extend(bound(
                min,
                c.exclusive_minimum,
                "minimum_int",
                "minimum_number",
            ));
        }
        if let Some(max) = c.maximum {
            out.extend(bound(
                max,
                c.exclusive_maximum,
                "maximum_int",
                "maximum_number",
            ));
        }
        if let Some(factor) = c.multiple_of {
            out.extend(match integral(factor) {
                Some(factor) => {
                    let factor = int_lit(factor);
                    quote!(multiple_of_int(report, path, number, #factor);)
                }
                None => {
                    let factor = float_literal(factor);
                    quote!(multiple_of_number(report, path, number as f64, #factor);)
                }
            });
        }
        if let Some(allowed) = &c.allowed {
            let listed = allowed
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            // A value that is not a whole number can never be equal to an integer.
            let values: Vec<Literal> = allowed
                .iter()
                .filter_map(|v| v.as_f64().and_then(integral))
                .map(int_lit)
                .collect();
            out.extend(if values.is_empty() {
                quote!(not_listed(report, path, &number, #listed);)
            } else {
                quote! {
                    if ![#(#values),*].contains(&number) {
                        not_listed(report, path, &number, #listed);
                    }
                }
            });
        }
        if out.is_empty() {
            return None;
        }
        // Every width fits an `i128`: bounds up to 2^64 compare exactly.
        Some(quote! {
            let number: i128 = i128::from(*#value);
            #out
        })
    }

    fn number(&mut self, c: &Constraints, value: TokenStream) -> TokenStream {
        let mut out = quote!(finite(report, path, number););
        if let Some(min) = c.minimum {
            let (min, exclusive) = (float_literal(min), c.exclusive_minimum);
            out.extend(quote!(minimum_number(report, path, number, #min, #exclusive);));
        }
        if let Some(max) = c.maximum {
            let (max, exclusive) = (float_literal(max), c.exclusive_maximum);
            out.extend(quote!(maximum_number(report, path, number, #max, #exclusive);));
        }
        if let Some(factor) = c.multiple_of {
            let factor = float_literal(factor);
            out.extend(quote!(multiple_of_number(report, path, number, #factor);));
        }
        if let Some(allowed) = &c.allowed {
            let listed = allowed
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let values = allowed.iter().filter_map(|v| v.as_f64()).map(float_literal);
            out.extend(quote! {
                if ![#(#values),*].contains(&number) {
                    not_listed(report, path, &number, #listed);
                }
            });
        }
        quote! {
            let number: f64 = #value;
            #out
        }
    }

    /// A value of any JSON type: each keyword applies to its own type.
    fn any(&mut self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        let text = format_ident!("text");
        let string = self.string(
            &Constraints {
                allowed: None,
                ..c.clone()
            },
            quote!(#text.as_str()),
        );
        let number_constraints = Constraints {
            allowed: None,
            ..c.clone()
        };
        let numeric = c.minimum.is_some() || c.maximum.is_some() || c.multiple_of.is_some();
        let number = numeric.then(|| self.number(&number_constraints, quote!(n)));
        let mut arms = TokenStream::new();
        if let Some(string) = string {
            arms.extend(quote!(::serde_json::Value::String(#text) => { #string }));
        }
        if let Some(number) = number {
            arms.extend(quote! {
                ::serde_json::Value::Number(n) => {
                    if let Some(n) = n.as_f64() {
                        #number
                    }
                }
            });
        }
        let mut array = TokenStream::new();
        if let Some(min) = c.min_items {
            let min = lit(min);
            array.extend(quote!(min_items(report, path, array.len(), #min);));
        }
        if let Some(max) = c.max_items {
            let max = lit(max);
            array.extend(quote!(max_items(report, path, array.len(), #max);));
        }
        if c.unique_items {
            array.extend(quote!(unique_items(report, path, array, json_equal);));
        }
        if !array.is_empty() {
            arms.extend(quote!(::serde_json::Value::Array(array) => { #array }));
        }
        let mut object = TokenStream::new();
        if let Some(min) = c.min_properties {
            let min = lit(min);
            object.extend(quote!(min_properties(report, path, object.len(), #min);));
        }
        if let Some(max) = c.max_properties {
            let max = lit(max);
            object.extend(quote!(max_properties(report, path, object.len(), #max);));
        }
        if !object.is_empty() {
            arms.extend(quote!(::serde_json::Value::Object(object) => { #object }));
        }
        let mut out = TokenStream::new();
        if !arms.is_empty() {
            out.extend(quote! {
                match #value {
                    #arms
                    _ => {}
                }
            });
        }
        if c.allowed.is_some() {
            // `null` is the place's nullability, checked by the types.
            let allowed = self.allowed_json(c, value);
            out.extend(quote! {
                if !#value.is_null() {
                    #allowed
                }
            });
        }
        (!out.is_empty()).then_some(out)
    }

    /// `enum` of JSON values compared as JSON (containers, `Any`).
    fn allowed_json(&self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        let allowed = c.allowed.as_ref()?;
        let texts: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        let listed = texts.join(", ");
        Some(quote!(allowed_json(report, path, #value, &[#(#texts),*], #listed);))
    }

    fn structure(
        &mut self,
        ty: &TokenStream,
        id: TypeId,
        def: &TypeDef,
        s: &Struct,
    ) -> TokenStream {
        let value = format_ident!("value");
        let mut checks = TokenStream::new();
        for f in &s.fields {
            let field = ident(&f.name);
            let wire = &f.wire;
            let unbox = unbox(&value, f.boxed);
            let check = self.check(&f.shape, &f.constraints, &value);
            // How the field is held: required (always sent; `Option` when it
            // may be null), `Patch` when optional and nullable, else `Option`.
            let binding = match (f.required, f.nullable) {
                (true, false) => quote!(let #value = &self.#field;),
                (true, true) | (false, false) => quote!(if let Some(#value) = &self.#field),
                (false, true) => quote!(if let super::runtime::Patch::Value(#value) = &self.#field),
            };
            if let Some(check) = check {
                let body = quote! {
                    let path = &path.key(#wire);
                    #unbox
                    #check
                };
                checks.extend(if f.required && !f.nullable {
                    quote!({ #binding #body })
                } else {
                    quote!(#binding { #body })
                });
            }
        }
        let extra = ident(&s.extra_field);
        match &s.extra {
            Extra::Closed => {
                let type_name = &def.name;
                checks.extend(quote!(no_other_keys(report, path, self.#extra.keys(), #type_name);));
            }
            Extra::Typed(shape) => {
                let constraints = (*s.extra_constraints).clone();
                if let Some(check) = self.check(shape, &constraints, &value) {
                    checks.extend(quote! {
                        for (key, #value) in &self.#extra {
                            let path = &path.key(key);
                            #check
                        }
                    });
                }
            }
            Extra::Open => {}
        }
        for name in &s.required_extra {
            checks.extend(quote! {
                if !self.#extra.contains_key(#name) {
                    report.fail(path, "required", |subject| {
                        format!("{subject} lacks the required property {:?}", #name)
                    });
                }
            });
        }
        let c = &def.constraints;
        if c.min_properties.is_some() || c.max_properties.is_some() {
            self.objects.insert(id);
        }
        if let Some(min) = c.min_properties {
            let min = lit(min);
            checks.extend(quote!(min_properties(report, path, JsonObject::key_count(self), #min);));
        }
        if let Some(max) = c.max_properties {
            let max = lit(max);
            checks.extend(quote!(max_properties(report, path, JsonObject::key_count(self), #max);));
        }
        if checks.is_empty() {
            checks = quote!(let _ = (path, report););
        }
        quote! {
            #[allow(deprecated)]
            impl Validate for #ty {
                // A type that refers to itself may do nothing but pass `report` down.
                #[allow(clippy::only_used_in_recursion)]
                fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
                    #checks
                }
            }
        }
    }

    fn enumeration(&mut self, ty: &TokenStream, def: &TypeDef, e: &Enum) -> TokenStream {
        let unknown = ident(&e.unknown);
        let listed = listing(e.variants.iter().map(|v| v.value.as_str()));
        let own = self.string(
            &Constraints {
                allowed: None,
                ..def.constraints.clone()
            },
            quote!(self.as_str()),
        );
        quote! {
            #[allow(deprecated)]
            impl Validate for #ty {
                fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
                    // A listed value held as unknown is still sent as that value.
                    if let Self::#unknown(value) = self {
                        if !Self::ALL.iter().any(|known| known.as_str() == value.as_str()) {
                            not_listed(report, path, value, #listed);
                        }
                    }
                    #own
                }
            }
        }
    }

    /// The JSON types the values of a shape can have.
    fn mask(&self, shape: &Shape, depth: usize) -> u8 {
        if depth > 32 {
            return ANY;
        }
        match shape {
            Shape::String => STRING,
            Shape::Integer(_) | Shape::Number => NUMBER,
            Shape::Boolean => BOOLEAN,
            Shape::Any => ANY,
            Shape::Array(_) => ARRAY,
            Shape::Map(_) => OBJECT,
            Shape::Nullable(inner) => NULL | self.mask(inner, depth + 1),
            Shape::Named(id) => match &self.ir.type_def(*id).kind {
                TypeKind::Struct(_) => OBJECT,
                TypeKind::Enum(_) => STRING,
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .fold(0, |m, v| m | self.mask(&v.shape, depth + 1)),
                TypeKind::Alias(inner) | TypeKind::Newtype { shape: inner, .. } => {
                    self.mask(inner, depth + 1)
                }
            },
        }
    }

    /// The struct a shape names (through aliases), if any.
    fn struct_of(&self, shape: &Shape, depth: usize) -> Option<(TypeId, &'a Struct)> {
        let ir = self.ir;
        match shape {
            Shape::Named(id) if depth < 32 => match &ir.type_def(*id).kind {
                TypeKind::Struct(s) => Some((*id, s)),
                TypeKind::Alias(inner) => self.struct_of(inner, depth + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// `oneOf` (exactly one branch must accept the value) and `anyOf` (at
    /// least one). The value is held by the branch it was built or read as;
    /// that branch is checked first, without messages. For `oneOf` every other
    /// branch that could also accept it is then tried: a branch whose JSON
    /// types cannot overlap the held one's is skipped at generation time, a
    /// closed object branch is ruled out by the keys alone, and only what is
    /// left is decided by sending the value to JSON and reading it back as
    /// that branch (this allocates). With no branch accepting it, the
    /// violations of the held branch are reported; with several, one `oneOf`
    /// violation names them.
    fn union(&mut self, ty: &TokenStream, def: &TypeDef, u: &Union) -> TokenStream {
        let ir = self.ir;
        let keyword = match u.kind {
            UnionKind::OneOf => "oneOf",
            UnionKind::AnyOf => "anyOf",
        };
        let n = lit(u.variants.len());
        let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
        let unknown = ident(&u.unknown);
        let value = format_ident!("value");
        // Which branches each branch's value could also be: their JSON types overlap.
        let masks: Vec<u8> = u.variants.iter().map(|v| self.mask(&v.shape, 0)).collect();
        let rivals: Vec<Vec<usize>> = (0..masks.len())
            .map(|i| {
                (0..masks.len())
                    .filter(|&j| j != i && masks[i] & masks[j] != 0)
                    .collect()
            })
            .collect();
        // Each branch that another's value may have to be tried as gets, once:
        // `accepts_j`, its check as a closure, and, for a struct, the keys
        // that rule it out (`KEYS_j`: all it may have when it allows no
        // other; `REQUIRED_j`: those it must have).
        let mut shared = TokenStream::new();
        for (j, other) in u.variants.iter().enumerate() {
            if !rivals.iter().any(|r| r.contains(&j)) {
                continue;
            }
            let other_constraints =
                Constraints::merged(other.constraints.clone(), def.constraints.clone());
            let other_value = format_ident!("other");
            let other_check = self.check(&other.shape, &other_constraints, &other_value);
            let other_ty = boxed_type(rust_type(ir, &other.shape), other.boxed);
            let unbox_other = unbox(&other_value, other.boxed);
            let accepts = format_ident!("accepts_{}", j);
            shared.extend(match other_check {
                Some(check) => quote! {
                    let #accepts = |#other_value: &#other_ty, report: &mut Report| {
                        let path = &Path::Root;
                        #unbox_other
                        #check
                    };
                },
                None => quote!(let #accepts = |_: &#other_ty, _: &mut Report| {};),
            });
            // The keys are looked up only on a struct's value.
            let tried_on_struct = rivals
                .iter()
                .enumerate()
                .any(|(i, r)| r.contains(&j) && self.struct_of(&u.variants[i].shape, 0).is_some());
            if let Some((_, target)) = self.struct_of(&other.shape, 0).filter(|_| tried_on_struct) {
                if matches!(target.extra, Extra::Closed) {
                    let keys = format_ident!("KEYS_{}", j);
                    let known = target.fields.iter().map(|f| &f.wire);
                    shared.extend(quote!(const #keys: &[&str] = &[#(#known),*];));
                }
                let required: Vec<&String> = target
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| &f.wire)
                    .chain(&target.required_extra)
                    .collect();
                if !required.is_empty() {
                    let name = format_ident!("REQUIRED_{}", j);
                    shared.extend(quote!(const #name: &[&str] = &[#(#required),*];));
                }
            }
        }
        let mut arms = TokenStream::new();
        for (i, held) in u.variants.iter().enumerate() {
            let variant = ident(&held.name);
            let held_constraints =
                Constraints::merged(held.constraints.clone(), def.constraints.clone());
            let own = self.check(&held.shape, &held_constraints, &value);
            let inner = unboxed(&value, held.boxed);
            let unbox_held = unbox(&value, held.boxed);
            let own_closure = match &own {
                Some(own) => quote! {
                    let own = |report: &mut Report| {
                        #unbox_held
                        #own
                    };
                },
                None => quote!(let own = |_: &mut Report| {};),
            };
            let mut others = TokenStream::new();
            for &j in &rivals[i] {
                let other = &u.variants[j];
                // Keys rule out a closed object branch without building JSON.
                let mut filter = TokenStream::new();
                if let (Some((held_id, _)), Some((_, target))) = (
                    self.struct_of(&held.shape, 0),
                    self.struct_of(&other.shape, 0),
                ) {
                    let has_required = target.fields.iter().any(|f| f.required)
                        || !target.required_extra.is_empty();
                    if matches!(target.extra, Extra::Closed) || has_required {
                        self.objects.insert(held_id);
                    }
                    if matches!(target.extra, Extra::Closed) {
                        let keys = format_ident!("KEYS_{}", j);
                        filter.extend(quote!(JsonObject::keys_within(#inner, #keys) &&));
                    }
                    if has_required {
                        let required = format_ident!("REQUIRED_{}", j);
                        filter.extend(
                            quote!(#required.iter().all(|key| JsonObject::has_key(#inner, key)) &&),
                        );
                    }
                }
                let accepts = format_ident!("accepts_{}", j);
                let j = lit(j);
                others.extend(quote! {
                    matched[#j] = #filter matches_as(#inner, #accepts);
                });
            }
            let i = lit(i);
            let decide = match u.kind {
                UnionKind::OneOf => quote! {
                    let mut matched = [false; #n];
                    matched[#i] = passes(own);
                    #others
                    one_of(report, path, matched, &NAMES, own);
                },
                UnionKind::AnyOf => quote! {
                    if !passes(own) {
                        let mut matched = [false; #n];
                        #others
                        if !matched.iter().any(|m| *m) {
                            own(report);
                        }
                    }
                },
            };
            arms.extend(quote! {
                Self::#variant(#value) => {
                    #own_closure
                    #decide
                }
            });
        }
        if matches!(u.kind, UnionKind::OneOf) {
            shared.extend(quote!(const NAMES: [&str; #n] = [#(#names),*];));
        }
        let listed = names.join(", ");
        quote! {
            #[allow(deprecated)]
            impl Validate for #ty {
                #[allow(unused_mut, unused_variables)]
                fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
                    #shared
                    match self {
                        #arms
                        Self::#unknown(_) => report.fail(path, #keyword, |subject| {
                            format!("{subject} matches none of the branches of {} ({})", #keyword, #listed)
                        }),
                    }
                }
            }
        }
    }
}

/// `impl JsonObject`: the keys a struct is serialised with, counted and
/// looked up without serialising it (for `minProperties`/`maxProperties` and
/// for ruling out `oneOf` branches). Only for the structs whose checks use it.
fn json_object(ir: &Ir, id: TypeId, s: &Struct) -> TokenStream {
    let name = ident(&ir.type_def(id).name);
    let mut counts = Vec::new();
    let mut has_key = Vec::new();
    let mut within = Vec::new();
    for f in &s.fields {
        let field = ident(&f.name);
        let wire = &f.wire;
        if f.required {
            counts.push(quote!(1));
            has_key.push(quote!(#wire => true,));
            within.push(quote!(known.contains(&#wire)));
            continue;
        }
        let (present, absent) = if f.nullable {
            (
                quote!(!self.#field.is_absent()),
                quote!(self.#field.is_absent()),
            )
        } else {
            (quote!(self.#field.is_some()), quote!(self.#field.is_none()))
        };
        counts.push(quote!(usize::from(#present)));
        has_key.push(quote!(#wire => #present,));
        within.push(quote!((#absent || known.contains(&#wire))));
    }
    let extra = ident(&s.extra_field);
    let has_key = if has_key.is_empty() {
        quote!(self.#extra.contains_key(key))
    } else {
        quote! {
            match key {
                #(#has_key)*
                _ => self.#extra.contains_key(key),
            }
        }
    };
    quote! {
        #[allow(deprecated)]
        impl JsonObject for super::types::#name {
            fn key_count(&self) -> usize {
                #(#counts +)* self.#extra.len()
            }

            fn has_key(&self, key: &str) -> bool {
                #has_key
            }

            fn keys_within(&self, known: &[&str]) -> bool {
                #(#within &&)* self.#extra.keys().all(|key| known.contains(&key.as_str()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::literal_pattern;

    #[test]
    fn literal_patterns() {
        assert_eq!(
            literal_pattern(r"^https:\/\/.*"),
            Some(("https://".into(), false))
        );
        assert_eq!(literal_pattern("^abc$"), Some(("abc".into(), true)));
        assert_eq!(literal_pattern("^a-b"), Some(("a-b".into(), false)));
        assert_eq!(literal_pattern(r"^\$\.x"), Some(("$.x".into(), false)));
        assert_eq!(literal_pattern("^"), Some((String::new(), false)));
        for general in [
            "abc", "^a.b", "^a*", "^(a)", "^[a]", "^a|b", r"^\d", r"^\w", "^a.*$", "^a$b", r"^a\",
            "^a?",
        ] {
            assert_eq!(literal_pattern(general), None, "{general}");
        }
    }
}
