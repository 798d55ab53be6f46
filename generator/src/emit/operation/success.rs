//! The successful responses of an operation (IR responses → tokens): the
//! method's success type and last statement, the enum of its successes
//! when there are several, and server-sent events.

use super::super::doc_attrs;
use super::super::types::shape_type_in;
use super::responses::{
    decoded, in_match_order, response_enum, status_name, status_pattern, Reading,
};
use super::Context;
use crate::ir::{Ir, Operation, Shape, TypeKind};
use crate::naming::Scope;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The operation's successful responses, in the order they are matched.
fn successes(op: &Operation) -> Vec<&crate::ir::Response> {
    in_match_order(op.responses.iter().filter(|r| r.status.starts_with('2')))
}

/// Whether the operation's one success is a binary body, returned as a
/// `Download` to read as it comes.
pub(super) fn downloads(op: &Operation) -> bool {
    is_download(&successes(op))
}

/// Whether these successes are one binary body (see [`downloads`]).
fn is_download(successes: &[&crate::ir::Response]) -> bool {
    matches!(successes, [one] if Reading::of(one) == Some(Reading::Bytes))
}

/// The success type, the last statement of the method, and the enum of
/// successful responses when there are several.
pub(super) fn success(
    cx: &Context<'_>,
    op: &Operation,
    method_path: &str,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
    request: &Ident,
    client: &TokenStream,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let successes = successes(op);
    let send = quote!(execute(#client, #request).await?);
    if is_download(&successes) {
        return (
            quote!(Download),
            quote!(execute_download(#client, #request).await),
            None,
        );
    }
    if successes.len() < 2 {
        return match successes.first().and_then(|r| decoded(cx, r)) {
            Some((ty, how)) => {
                let how = how.method();
                (ty, quote!(#send.#how()), None)
            }
            None => (quote!(()), quote!(#send.empty()), None),
        };
    }
    let name = format_ident!("{}", scope.unique(named("Success")));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for r in &successes {
        let variant = format_ident!("{}", status_name(&r.status));
        let docs = doc_attrs(&r.docs.join("\n\n"));
        let pattern = status_pattern(&r.status);
        match decoded(cx, r) {
            Some((ty, how)) => {
                let how = how.method();
                variants.push(quote!(#docs #variant(#ty),));
                arms.push(quote!(#pattern => raw.#how().map(|r| r.map(#name::#variant)),));
            }
            None => {
                variants.push(quote!(#docs #variant,));
                arms.push(quote!(#pattern => Ok(raw.with(#name::#variant)),));
            }
        }
    }
    let item = response_enum(
        &format!(
            "The successful responses of [`{method_path}`], one variant per documented status."
        ),
        &name,
        &variants,
    );
    let finish = quote! {
        let raw = #send;
        match raw.status() {
            #(#arms)*
            _ => raw.undocumented(),
        }
    };
    (quote!(#name), finish, Some(item))
}

/// For an operation whose success is server-sent events: its success type
/// (`EventStream<Data, Errors>`) and the last statement of its method,
/// which hands the request to the runtime (`generator/runtime/sse.rs`).
/// The events' data is text when the schema is a string (or absent), else
/// JSON of the schema's type.
pub(super) fn event_stream(
    cx: &Context<'_>,
    op: &Operation,
    own_errors: Option<&Ident>,
    request: &Ident,
    client: &TokenStream,
) -> Option<(TokenStream, TokenStream)> {
    let response = op.event_stream()?;
    let errors = own_errors.map(|errors| quote!(, #errors));
    let json = response
        .shape
        .as_ref()
        .filter(|shape| !is_text_shape(cx.ir, shape));
    Some(match json {
        None => (
            quote!(EventStream<String #errors>),
            quote!(execute_text_events(#client, #request).await),
        ),
        Some(shape) => {
            let ty = shape_type_in(cx.ir, shape, &cx.types);
            let discriminator = match &response.event_property {
                Some(property) => quote!(Some(#property)),
                None => quote!(None),
            };
            (
                quote!(EventStream<#ty #errors>),
                quote!(execute_events(#client, #request, #discriminator).await),
            )
        }
    })
}

/// A string, or no schema (any value), directly or through aliases: the
/// events' data is kept as text.
fn is_text_shape(ir: &Ir, shape: &Shape) -> bool {
    let mut shape = shape;
    for _ in 0..32 {
        match shape {
            Shape::String | Shape::Any => return true,
            Shape::Named(id) => match &ir.type_def(*id).kind {
                TypeKind::Alias(inner) => shape = inner,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}
