//! The typed checks of strings, integers, numbers and booleans (IR
//! constraints → tokens): straight code for each keyword of a place, which
//! builds its message only for a violation.

use super::{float_literal, int_lit, integral, listing, lit, literal_pattern, Gen};
use crate::emit::validate_runtime::{self, FORMATS};
use crate::ir::Constraints;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

impl Gen<'_> {
    /// A string's length, `pattern`, `format` and `enum`, on `text` (a `&str`).
    pub(super) fn string(&mut self, c: &Constraints, text: TokenStream) -> Option<TokenStream> {
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

    /// An integer's bounds, `multipleOf` and `enum`, compared as `i128`.
    pub(super) fn integer(&mut self, c: &Constraints, value: &Ident) -> Option<TokenStream> {
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

    /// A number's finiteness, bounds, `multipleOf` and `enum`.
    pub(super) fn number(&mut self, c: &Constraints, value: TokenStream) -> TokenStream {
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
}

/// A boolean's `enum`: `None` when both values are allowed.
pub(super) fn boolean(c: &Constraints, value: &Ident) -> Option<TokenStream> {
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
