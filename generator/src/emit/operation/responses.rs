//! What the success and error responses of an operation share (IR
//! responses → tokens): how a body is decoded, the order statuses are
//! matched in, their patterns and variant names, and the enum of responses.

use super::super::doc_attrs;
use super::super::types::shape_type_in;
use super::{is_json, Context};
use crate::ir::Response;
use crate::naming;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// How a response's body is read: the `Raw` method that decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// `application/json`, `+json`: `json`, into the schema's type.
    Json,
    /// `text/…`: `text`, into a `String`.
    Text,
    /// Any other media type: `bytes`, into a `Vec<u8>`.
    Bytes,
}

impl Reading {
    /// How a response's body is read; `None` without a body (no schema or
    /// no media type).
    pub(super) fn of(response: &Response) -> Option<Self> {
        response.shape.as_ref()?;
        let content_type = response.content_type.as_deref()?;
        Some(if is_json(content_type) {
            Self::Json
        } else if content_type.starts_with("text/") {
            Self::Text
        } else {
            Self::Bytes
        })
    }

    /// The `Raw` method that reads it.
    pub(super) fn method(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Self::Json => "json",
                Self::Text => "text",
                Self::Bytes => "bytes",
            }
        )
    }
}

/// How a response's body is decoded: its Rust type, and how it is read.
pub(super) fn decoded(cx: &Context<'_>, response: &Response) -> Option<(TokenStream, Reading)> {
    let reading = Reading::of(response)?;
    let ty = match reading {
        Reading::Json => {
            let shape = response.shape.as_ref()?;
            shape_type_in(cx.ir, shape, &cx.types)
        }
        Reading::Text => quote!(String),
        Reading::Bytes => quote!(Vec<u8>),
    };
    Some((ty, reading))
}

/// Numeric statuses first, then ranges (`2XX`), then `default`: the order
/// their patterns must be matched in.
pub(super) fn in_match_order<'a>(
    responses: impl Iterator<Item = &'a Response>,
) -> Vec<&'a Response> {
    let mut out: Vec<&Response> = responses.collect();
    out.sort_by_key(|r| match r.status.parse::<u16>() {
        Ok(_) => 0,
        Err(_) if r.status.eq_ignore_ascii_case("default") => 2,
        Err(_) => 1,
    });
    out
}

/// The pattern of a status: `404`, `400..=499` for `4XX`, `_` for `default`.
pub(super) fn status_pattern(status: &str) -> TokenStream {
    use proc_macro2::Literal;
    if let Ok(code) = status.parse::<u16>() {
        let code = Literal::u16_unsuffixed(code);
        return quote!(#code);
    }
    match status.as_bytes().first() {
        Some(digit @ b'1'..=b'5') if status.len() == 3 => {
            let low = u16::from(digit - b'0') * 100;
            let (low, high) = (
                Literal::u16_unsuffixed(low),
                Literal::u16_unsuffixed(low + 99),
            );
            quote!(#low..=#high)
        }
        _ => quote!(_),
    }
}

/// An enum of responses, a variant per status (their bodies' types may be
/// deprecated, and one may be much larger than the others).
pub(super) fn response_enum(doc: &str, name: &Ident, variants: &[TokenStream]) -> TokenStream {
    let doc = doc_attrs(doc);
    quote! {
        #doc
        #[allow(deprecated, clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `Status201`, `Status2XX`: a status as a variant name.
pub(super) fn status_name(status: &str) -> String {
    if !status.is_empty() && status.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("Status{}", status.to_ascii_uppercase())
    } else {
        format!("Status{}", naming::type_name(status))
    }
}
