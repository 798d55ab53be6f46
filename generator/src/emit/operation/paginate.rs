//! The stream of a paginated operation's items (see
//! [`crate::ir::pagination`]): a method beside the operation's own,
//! `{method}_stream`, with the same arguments, that builds the request by
//! the same steps and hands it to the runtime's `Pages`
//! (`generator/runtime/paginate.rs`) with how its pages follow each other.

use super::{mentions_deprecated, signature_mentions_deprecated, Context};
use crate::emit::doc_attrs;
use crate::emit::types::shape_type_in;
use crate::ir::pagination::{PageStyle, Paginated};
use crate::ir::Operation;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// What the operation's emitter gives the stream's.
pub struct Parts<'a> {
    /// The stream method's name.
    pub name: &'a Ident,
    /// The operation's method as a doc link (`Client::list`).
    pub method_path: &'a str,
    /// The client, from `self`.
    pub client: &'a TokenStream,
    /// The operation's arguments.
    pub args: &'a [TokenStream],
    /// The operation's own error enum (`None`: `ErrorStatus`).
    pub errors: Option<&'a Ident>,
    /// The statements that build the request and end in `Ok(request)`.
    pub build: TokenStream,
}

/// The `…_stream` method.
pub fn stream_method(
    cx: &Context<'_>,
    op: &Operation,
    paginated: &Paginated,
    parts: Parts<'_>,
) -> TokenStream {
    let Parts {
        name,
        method_path,
        client,
        args,
        errors,
        build,
    } = parts;
    let item = shape_type_in(cx.ir, &paginated.item, &cx.types);
    let errors = match errors {
        Some(errors) => quote!(#errors),
        None => quote!(ErrorStatus),
    };
    let items = &paginated.items;
    let (paging, how) = paging(&paginated.style);
    let doc = doc_attrs(&format!(
        "Every item of every page of [`{method_path}`], as a [`Pages`] stream of the same \
         request. {how}",
    ));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    // The closure returns the operation's `Error`, as its method does.
    let mut lints = vec![quote!(clippy::result_large_err)];
    if signature_mentions_deprecated(cx.ir, op) || mentions_deprecated(cx.ir, &paginated.item) {
        lints.push(quote!(deprecated));
    }
    if args.len() >= 7 {
        lints.push(quote!(clippy::too_many_arguments));
    }
    let allow = quote!(#[allow(#(#lints),*)]);
    quote! {
        #doc
        #deprecated
        #allow
        pub fn #name(&self, #(#args),*) -> Pages<#item, #errors> {
            Pages::new(#client, #paging, &[#(#items),*], || {
                #build
            })
        }
    }
}

/// How the pages follow each other: the runtime's `Paging`, and a sentence
/// of the stream's documentation saying it.
fn paging(style: &PageStyle) -> (TokenStream, String) {
    match style {
        PageStyle::Page { page, size, totals } => {
            // Auth0 counts pages from 0 (and has `include_totals`); most
            // others from 1.
            let first: u64 = if totals.is_some() { 0 } else { 1 };
            let first_tokens = proc_macro2::Literal::u64_unsuffixed(first);
            let size_tokens = option(size.as_deref());
            let totals_tokens = option(totals.as_deref());
            (
                quote!(Paging::Page { page: #page, first: #first_tokens, size: #size_tokens, totals: #totals_tokens }),
                format!(
                    "Pages follow by the page number in {} (the request's own, or else {first}){}.{}",
                    crate::docs::code(page),
                    size.as_ref()
                        .map(|s| format!(", with the page size in {}", crate::docs::code(s)))
                        .unwrap_or_default(),
                    totals
                        .as_ref()
                        .map(|t| format!(" {} is sent `true` unless set.", crate::docs::code(t)))
                        .unwrap_or_default(),
                ),
            )
        }
        PageStyle::Offset { offset, limit } => {
            let limit_tokens = option(limit.as_deref());
            (
                quote!(Paging::Offset { offset: #offset, limit: #limit_tokens }),
                format!(
                    "Pages follow by the offset in items in {}{}.",
                    crate::docs::code(offset),
                    limit
                        .as_ref()
                        .map(|l| format!(", with the page size in {}", crate::docs::code(l)))
                        .unwrap_or_default(),
                ),
            )
        }
        PageStyle::Cursor { param, next } => (
            quote!(Paging::Cursor { param: #param, next: &[#(#next),*] }),
            format!(
                "Pages follow by the cursor: each page's {} is sent as {}.",
                crate::docs::code(&next.join(".")),
                crate::docs::code(param)
            ),
        ),
        PageStyle::Link => (
            quote!(Paging::Link),
            "Pages follow the `Link` header's `rel=\"next\"` URL, only under the client's base URL."
                .to_string(),
        ),
    }
}

fn option(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
