//! The typed checks of arrays, maps and values of any JSON type (IR shapes
//! and constraints → tokens): their own keywords, and each item or entry
//! checked by its shape's check.

use super::{lit, Gen};
use crate::ir::{Constraints, Shape};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

impl Gen<'_> {
    /// An array: its size, uniqueness and `enum`, then each item.
    pub(super) fn array(
        &mut self,
        inner: &Shape,
        c: &Constraints,
        value: &Ident,
    ) -> Option<TokenStream> {
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
            let equal = if *inner == Shape::Any {
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

    /// A map: its size and `enum`, then each entry.
    pub(super) fn map(
        &mut self,
        inner: &Shape,
        c: &Constraints,
        value: &Ident,
    ) -> Option<TokenStream> {
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

    /// A value of any JSON type: each keyword applies to its own type.
    pub(super) fn any(&mut self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
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
    pub(super) fn allowed_json(&self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
        let allowed = c.allowed.as_ref()?;
        let texts: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        let listed = texts.join(", ");
        Some(quote!(allowed_json(report, path, #value, &[#(#texts),*], #listed);))
    }
}
