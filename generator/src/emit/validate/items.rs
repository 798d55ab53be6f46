//! The typed validation item of each type (IR type definitions → tokens):
//! `impl Validate` for a struct, an enum or a newtype, the `validate_…`
//! functions of an alias, and `impl JsonObject` for the structs whose keys
//! a check counts or looks up.

use super::{listing, lit, unbox, Gen};
use crate::emit::{doc_attrs, ident};
use crate::ir::{Constraints, Enum, Extra, Ir, Shape, Struct, TypeDef, TypeId};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Gen<'_> {
    /// A newtype: the check of the value it wraps.
    pub(super) fn newtype(
        &mut self,
        ty: &TokenStream,
        def: &TypeDef,
        shape: &Shape,
        boxed: bool,
    ) -> TokenStream {
        let value = format_ident!("value");
        let unbox = unbox(&value, boxed);
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

    /// An alias: `validate_<alias>` and `validate_<alias>_at` (an alias
    /// cannot carry a trait impl of its own); nothing when it has no
    /// function.
    pub(super) fn alias(
        &mut self,
        ty: &TokenStream,
        id: TypeId,
        def: &TypeDef,
        shape: &Shape,
    ) -> TokenStream {
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

    /// A struct: each field's check, then its other properties, then the
    /// struct's own `minProperties`/`maxProperties`.
    pub(super) fn structure(
        &mut self,
        ty: &TokenStream,
        id: TypeId,
        def: &TypeDef,
        s: &Struct,
    ) -> TokenStream {
        let mut checks = self.fields(s);
        checks.extend(self.other_properties(def, s));
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

    /// The checks of a struct's fields, each at its key.
    fn fields(&mut self, s: &Struct) -> TokenStream {
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
        checks
    }

    /// The checks of a struct's other properties (those its fields do not
    /// hold): none allowed, each checked by its type, and the required ones.
    fn other_properties(&mut self, def: &TypeDef, s: &Struct) -> TokenStream {
        let value = format_ident!("value");
        let mut checks = TokenStream::new();
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
        checks
    }

    /// An enum of strings: a value held as unknown must not be a listed
    /// one, and the place's string keywords.
    pub(super) fn enumeration(&mut self, ty: &TokenStream, def: &TypeDef, e: &Enum) -> TokenStream {
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
}

/// `impl JsonObject`: the keys a struct is serialised with, counted and
/// looked up without serialising it (for `minProperties`/`maxProperties` and
/// for ruling out `oneOf` branches). Only for the structs whose checks use it.
pub(super) fn json_object(ir: &Ir, id: TypeId, s: &Struct) -> TokenStream {
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
