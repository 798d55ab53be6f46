//! The `validate` module: `impl Validate` for every struct, enum, union and
//! newtype, a `validate_…` function for every alias, and the checks they call.
//!
//! Everything is decided here, at generation time: each place gets straight
//! code for its own constraints (no schema is interpreted at run time). Checks
//! build their message only for a violation, so a valid value is validated
//! without allocating, except where a `oneOf`/`anyOf` value has to be tried
//! against another branch that could also accept it (see [`Gen::union`]).

mod container;
mod items;
mod scalar;
mod union;

use super::validate_json;
use super::validate_runtime::{self, FORMATS};
use super::{doc_attrs, ident};
use crate::ir::{Constraints, Ir, Pattern, Shape, TypeDef, TypeId, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The start of the module: the code its items share (reports, checks,
/// patterns, formats), and whether it needs the `fancy-regex` crate.
pub struct Head {
    pub parts: Vec<Part>,
    pub uses_regex: bool,
}

/// A part of the module's start: runtime items as their text (copied as
/// written), or generated items to print.
pub enum Part {
    Text(String),
    Tokens(TokenStream),
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
            sink(items::json_object(ir, id, s))?;
        }
    }

    let runtime = validate_runtime::Runtime::new()?;
    let json_runtime = validate_json::runtime();
    let uses_regex = !gen.patterns.is_empty();
    let pattern_check = uses_regex.then(|| Part::Text(runtime.pattern.clone()));
    let patterns = gen.patterns.iter().enumerate().map(|(i, p)| {
        let name = format_ident!("pattern_{}", i);
        let translated = &p.translated;
        let doc = doc_attrs(&format!(
            "{}, compiled once (in the syntax of `fancy-regex`).",
            crate::docs::code(&p.source)
        ));
        Part::Tokens(quote! {
            #doc
            fn #name() -> Option<&'static ::fancy_regex::Regex> {
                static REGEX: ::std::sync::OnceLock<Option<::fancy_regex::Regex>> = ::std::sync::OnceLock::new();
                REGEX.get_or_init(|| ::fancy_regex::Regex::new(#translated).ok()).as_ref()
            }
        })
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
        .filter_map(|(f, _)| runtime.format(f).map(|text| Part::Text(text.to_string())));
    let parts = [Part::Text(runtime.common.clone()), Part::Text(json_runtime)]
        .into_iter()
        .chain(pattern_check)
        .chain(patterns)
        .chain(format_fns)
        .collect();
    Ok(Head { parts, uses_regex })
}

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
            TypeKind::Newtype { shape, boxed } => self.newtype(&ty, def, shape, *boxed),
            TypeKind::Alias(shape) => self.alias(&ty, id, def, shape),
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
            Shape::Boolean => scalar::boolean(c, value),
            Shape::Any => self.any(c, value),
            Shape::Array(inner) => self.array(inner, c, value),
            Shape::Map(inner) => self.map(inner, c, value),
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
