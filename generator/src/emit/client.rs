//! The `client` module: an async HTTP client (reqwest with rustls) with one
//! method per operation, typed errors per documented status, retries (see
//! `RetryPolicy`), tokens, pages, server-sent events and rate-limit headers. The shared pieces (the builder, the retry loop, the
//! error body) are ordinary Rust in `generator/runtime/client.rs`, copied
//! once to the top of the module (see [`super::runtime`]); each operation
//! adds a method, an error enum and, where needed, a parameters struct and a
//! success enum.

use super::groups::Tree;
use super::operation::{operation, Context};
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::error::Result;
use crate::ir::{Ir, Operation, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// Scopes named in a text (`update:connections_options`), in order.
fn scopes_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_lowercase() || c == '_' || c == ':')) {
        let mut parts = word.split(':');
        let (Some(verb), Some(object), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if !verb.is_empty() && !object.is_empty() && !out.iter().any(|s| s == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// For each top-level property of a body, the extra scopes its description
/// asks for (with the same verb as the operation's own scopes): Auth0 says
/// `update:connections_options` only in the description of `options`.
fn field_scopes(ir: &Ir, op: &Operation) -> Vec<(String, String)> {
    let Some(Shape::Named(id)) = op.body.as_ref().map(|b| &b.shape) else {
        return Vec::new();
    };
    let TypeKind::Struct(s) = &ir.type_def(*id).kind else {
        return Vec::new();
    };
    let verbs: Vec<&str> = op
        .scopes
        .iter()
        .filter_map(|s| s.split(':').next())
        .collect();
    let mut out = Vec::new();
    for field in &s.fields {
        let mut text = field.docs.clone().unwrap_or_default();
        if let Shape::Named(target) = &field.shape {
            text.push(' ');
            text.push_str(ir.type_def(*target).docs.as_deref().unwrap_or_default());
        }
        for scope in scopes_in(&text) {
            let verb = scope.split(':').next().unwrap_or_default();
            if verbs.contains(&verb) && !op.scopes.contains(&scope) {
                out.push((field.wire.clone(), scope));
            }
        }
    }
    out
}

/// The module's chunks (see [`super::print_chunks`]).
pub fn module(ir: &Ir, validators: bool) -> Result<Vec<TokenStream>> {
    // Every name the runtime defines or imports (`Client`, `RateLimit`,
    // `Request`, `Duration`, …) is taken: the items of the operations share
    // its module; so is the seam's `ValidationErrors`.
    let mut runtime_items = super::runtime::items("retry.rs", super::runtime::RETRY)?;
    runtime_items.extend(super::runtime::items(
        "rate_limit.rs",
        super::runtime::RATE_LIMIT,
    )?);
    runtime_items.extend(super::runtime::items("client.rs", super::runtime::CLIENT)?);
    runtime_items.extend(super::runtime::items("error.rs", super::runtime::ERROR)?);
    runtime_items.extend(super::runtime::items(
        "request.rs",
        super::runtime::REQUEST,
    )?);
    runtime_items.extend(super::runtime::items("send.rs", super::runtime::SEND)?);
    runtime_items.extend(super::runtime::items("encode.rs", super::runtime::ENCODE)?);
    runtime_items.extend(super::runtime::items("media.rs", super::runtime::MEDIA)?);
    runtime_items.extend(super::runtime::items(
        "paginate.rs",
        super::runtime::PAGINATE,
    )?);
    runtime_items.extend(super::runtime::items("auth.rs", super::runtime::AUTH)?);
    runtime_items.extend(super::runtime::items("token.rs", super::runtime::TOKEN)?);
    // Server-sent events: `generator/runtime/sse.rs`, only in the crates
    // whose operations stream them.
    if ir
        .operations
        .iter()
        .any(|op| super::operation::event_stream_response(op).is_some())
    {
        runtime_items.extend(super::runtime::items("sse.rs", super::runtime::SSE)?);
    }
    let mut scope = Scope::new();
    for reserved in super::runtime::item_names(&runtime_items) {
        scope.reserve(&reserved);
    }
    for seam in [
        "ValidationErrors",
        "SCHEMES",
        "SECURITY",
        "SERVER_VARIABLES",
    ] {
        scope.reserve(seam);
    }
    scope.reserve("types");
    let cx = Context {
        ir,
        types: quote!(types::),
        validators,
        alias_fns: super::validate::alias_fn_names(ir),
        runtime_uses: Default::default(),
    };
    let tree = Tree::new(ir, &mut scope);
    let mut items = Vec::new();
    let mut methods = Vec::new();
    for (op, placement) in ir.operations.iter().zip(&tree.placements) {
        let body_scopes = field_scopes(ir, op);
        let (item, method) = operation(&cx, op, placement, &body_scopes, &mut scope);
        items.push(item);
        methods.push(method);
    }
    // `types::X` where an operation names a type of the description.
    let names_types = methods
        .iter()
        .chain(&items)
        .any(|tokens| tokens.to_string().contains("types ::"));
    let use_types = names_types.then(|| {
        quote!(
            use super::types;
        )
    });
    let groups = tree.items(methods);
    let server = ir.servers.first();
    let server_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let variables = server.map(|s| s.variables.clone()).unwrap_or_default();
    let variable_defaults = variables
        .iter()
        .map(|(name, default)| quote!((#name, #default),));
    // A setter per server variable, unless its name is one of the builder's
    // own methods (`server_variable` fills any variable).
    let mut setter_scope = Scope::new();
    for reserved in super::runtime::method_names(&runtime_items, "ClientBuilder") {
        setter_scope.reserve(&reserved);
    }
    let (security, credential_setters) = super::security::items(ir, &mut setter_scope);
    let variable_setters = variables.iter().filter_map(|(name, _)| {
        let setter = naming::field_name(name);
        if setter_scope.unique(setter.clone()) != setter {
            return None;
        }
        let setter = ident(&setter);
        let doc = doc_attrs(&format!(
            "Fills the server variable {} of {}.",
            crate::docs::code(name),
            crate::docs::code(&server_url)
        ));
        Some(quote! {
            #doc
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.server_variable(#name, value)
            }
        })
    });
    if ir
        .security_schemes
        .iter()
        .any(|s| s.client_credentials.is_some())
    {
        cx.runtime_uses.borrow_mut().insert("client_credentials");
    }
    let runtime_items = media_items(runtime_items, &cx.runtime_uses.borrow());
    let setters: Vec<TokenStream> = credential_setters
        .into_iter()
        .chain(variable_setters)
        .collect();
    let builder_impl = (!setters.is_empty()).then(|| {
        quote! {
            impl ClientBuilder {
                #(#setters)*
            }
        }
    });
    let runtime = runtime(&server_url, &runtime_items);
    // The seam of `request.rs`: the validators' report, or a stand-in that
    // no value has when the crate has no validators.
    let validation_errors = if validators {
        quote! {
            /// The report of a body that breaks the description's constraints.
            pub use super::validate::ValidationErrors;
        }
    } else {
        quote! {
            /// No body is validated in this crate (it has no validators).
            #[derive(Debug)]
            pub enum ValidationErrors {}

            impl ::std::fmt::Display for ValidationErrors {
                fn fmt(&self, _: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match *self {}
                }
            }

            impl ::std::error::Error for ValidationErrors {}
        }
    };
    let docs = module_docs(ir, &tree);
    let mut chunks = vec![quote! {
        #docs
        #runtime
        #validation_errors
        #security
        #use_types

        /// The server's variables and their defaults.
        pub const SERVER_VARIABLES: &[(&str, &str)] = &[#(#variable_defaults)*];

        #builder_impl

    }];
    chunks.extend(groups);
    chunks.extend(items);
    Ok(chunks)
}

/// The items of `generator/runtime/request.rs` that only the crates whose
/// operations use them get, by what uses them: the names of free items
/// (types, functions, and the `impl` blocks of the types) and of methods
/// of `Request`. Every other item goes into every crate.
pub const MEDIA_ITEMS: &[(&str, &[&str])] = &[
    ("form", &["form"]),
    ("bytes", &["bytes"]),
    (
        "multipart",
        &[
            "multipart",
            "FilePart",
            "Multipart",
            "MultipartPart",
            "quoted",
            "random_boundary",
        ],
    ),
    (
        "download",
        &["Download", "download_error", "execute_download"],
    ),
    // `generator/runtime/paginate.rs` but `PageError` (a variant of `Error`).
    (
        "paginate",
        &[
            "Paging",
            "Fetched",
            "Fetching",
            "Pages",
            "reaches_total",
            "short",
            "link_next",
            "under_base",
            "query_value",
            "query_number",
            "set_query",
        ],
    ),
];

/// The items of `generator/runtime/token.rs` that only the crates whose
/// description has OAuth 2.0's client-credentials flow get (the use
/// `client_credentials`), as [`MEDIA_ITEMS`]: free items, and methods of
/// `ClientBuilder`.
pub const TOKEN_ITEMS: &[(&str, &[&str])] = &[(
    "client_credentials",
    &[
        "ClientCredentials",
        "TokenEndpoint",
        "CachedToken",
        "ClientCredentialsSource",
        "form_value",
        "read_limited",
        "token_status_error",
        "parse_token",
        "token_endpoint",
    ],
)];

/// The runtime's items without the media items (see [`MEDIA_ITEMS`]) and
/// the token items (see [`TOKEN_ITEMS`]) that nothing `uses`.
fn media_items(
    items: Vec<syn::Item>,
    uses: &std::collections::BTreeSet<&'static str>,
) -> Vec<syn::Item> {
    let dropped: Vec<&str> = MEDIA_ITEMS
        .iter()
        .chain(TOKEN_ITEMS)
        .filter(|(feature, _)| !uses.contains(feature))
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    let unused = |ident: &syn::Ident| dropped.iter().any(|name| ident == name);
    items
        .into_iter()
        .filter_map(|mut item| {
            let keep = match &mut item {
                syn::Item::Struct(i) => !unused(&i.ident),
                syn::Item::Enum(i) => !unused(&i.ident),
                syn::Item::Type(i) => !unused(&i.ident),
                syn::Item::Fn(i) => !unused(&i.sig.ident),
                syn::Item::Impl(i) => {
                    let syn::Type::Path(ty) = i.self_ty.as_ref() else {
                        return Some(item);
                    };
                    // `Pages<T, E>`: its name without the generics.
                    let Some(ty) = ty.path.segments.last().map(|s| &s.ident) else {
                        return Some(item);
                    };
                    if ty == "Request" || ty == "ClientBuilder" {
                        i.items.retain(|member| match member {
                            syn::ImplItem::Fn(f) => !unused(&f.sig.ident),
                            _ => true,
                        });
                        // A block of media methods alone goes with them.
                        !i.items.is_empty()
                    } else {
                        !unused(ty)
                    }
                }
                _ => true,
            };
            keep.then_some(item)
        })
        .collect()
}

/// The module's own documentation: how names, errors, retries and path
/// parameters work, with the first operation as the example.
fn module_docs(ir: &Ir, tree: &Tree) -> TokenStream {
    let mut text = String::from(
        "\n\
         Build a [`Client`] with [`Client::builder`]: a bearer token and either the server's \
         variables or a full base URL. `http://` is refused unless allowed with \
         [`ClientBuilder::allow_http`].\n\
         \n\
         **Names.** Each operation is a method of [`Client`] named after its `operationId` in \
         snake case, or, when the description places it in a group (`x-operation-group`, \
         `x-operation-name`), a method of that group: one accessor per group level, then the \
         operation's name in snake case.",
    );
    if let Some(op) = ir.operations.first() {
        text.push_str(&format!(
            " Here {} is `{}`.",
            crate::docs::code(&op.id),
            tree.call(0)
        ));
    }
    text.push_str(
        "\n\
         \n\
         **Results.** A method returns a [`Response`] (the decoded body, the status and the \
         [`RateLimit`] headers) or an [`Error`]: an error status ([`ApiError`]: the status, \
         the body's text and, in `documented`, which of the operation's documented error \
         responses it is, a variant per status, range and `default`, each with its body \
         typed as the description says), a body that fails validation (nothing is sent), \
         a request that cannot be built, a transport failure, a timeout, or a success body \
         that does not decode. Each method is a short call into [`Request`] and [`execute`].\n\
         \n\
         **Retries.** Only `429 Too Many Requests` is retried, as [`RetryPolicy`] says: a \
         bounded number of times, waiting what `Retry-After` (seconds or an HTTP date) or the limit's reset ([`RateLimit`]) asks \
         (at least the backoff), within an overall deadline.\n\
         \n\
         **Path parameters** are percent-encoded as one segment (everything but \
         `A-Z a-z 0-9 - . _ ~`), so no value can add a segment or reach the query; an empty \
         value, `.` and `..` are refused, because URL parsers treat them, even encoded as \
         `%2E%2E`, as path steps.",
    );
    if ir
        .operations
        .iter()
        .any(|op| super::operation::event_stream_response(op).is_some())
    {
        text.push_str(
            "\n\n**Server-sent events.** An operation whose response is `text/event-stream` \
             returns an [`EventStream`] of typed [`Event`]s, read with \
             [`EventStream::next_event`] or as a `futures_core::Stream`; it reconnects with \
             `Last-Event-ID` when the connection ends, as the server's `retry:` and the \
             [`RetryPolicy`] allow.",
        );
    }
    inner_doc_attrs(&text)
}

/// The parts of the client that do not depend on the operations: the
/// items of `generator/runtime/client.rs` (see the seam described at its
/// top), with the description's `SERVER` after its `use` items.
fn runtime(server_url: &str, items: &[syn::Item]) -> TokenStream {
    let server_doc = doc_attrs(&format!(
        "The server of the description: {}.",
        crate::docs::code(server_url)
    ));
    let server = quote! {
        #server_doc
        pub const SERVER: &str = #server_url;
    };
    let uses = items
        .iter()
        .take_while(|item| matches!(item, syn::Item::Use(_)))
        .count();
    let (head, rest) = items.split_at(uses);
    quote! {
        #(#head)*
        #server
        #(#rest)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The client-credentials items of `token.rs` go only with their use;
    /// the token sources always.
    #[test]
    fn token_items_are_picked_by_use() {
        let fresh = || {
            super::super::runtime::items("token.rs", super::super::runtime::TOKEN).expect("parses")
        };
        let printed = |items: &[syn::Item]| quote!(#(#items)*).to_string();
        let none = printed(&media_items(fresh(), &Default::default()));
        let kept = printed(&media_items(fresh(), &["client_credentials"].into()));
        for (_, names) in TOKEN_ITEMS {
            for name in *names {
                assert!(kept.contains(&format!(" {name} ")), "{name}");
                assert!(!none.contains(&format!(" {name} ")), "{name}");
            }
        }
        for name in [
            "TokenSource",
            "TokenError",
            "fn token_source_for",
            "fn sendable",
        ] {
            assert!(none.contains(name), "{name}");
        }
    }

    /// Every media item is in `request.rs`; without any use, none of them
    /// is left (nor an empty `impl Request`), and each use brings its own.
    #[test]
    fn media_items_are_picked_by_use() {
        let fresh = || {
            let mut items =
                super::super::runtime::items("request.rs", super::super::runtime::REQUEST)
                    .expect("parses");
            items.extend(
                super::super::runtime::items("send.rs", super::super::runtime::SEND)
                    .expect("parses"),
            );
            items.extend(
                super::super::runtime::items("media.rs", super::super::runtime::MEDIA)
                    .expect("parses"),
            );
            items.extend(
                super::super::runtime::items("paginate.rs", super::super::runtime::PAGINATE)
                    .expect("parses"),
            );
            items
        };
        let all = fresh();
        let printed = |items: &[syn::Item]| quote!(#(#items)*).to_string();
        let everything = printed(&all);
        for (_, names) in MEDIA_ITEMS {
            for name in *names {
                let defined = [
                    format!("fn {name} "),
                    format!("struct {name} "),
                    format!("fn {name} <"),
                    format!("struct {name} <"),
                    format!("enum {name} "),
                    format!("type {name} <"),
                ];
                assert!(
                    defined.iter().any(|d| everything.contains(d.as_str())),
                    "{name}"
                );
            }
        }
        let none = printed(&media_items(fresh(), &Default::default()));
        for name in [
            "fn form <",
            "fn bytes (& mut self , content_type",
            "FilePart",
            "Multipart",
            "Download",
            "fn quoted",
            "struct Pages",
            "enum Paging",
            "fn set_query",
            "fn link_next",
        ] {
            assert!(!none.contains(name), "{name}");
        }
        // `Error` has a variant of it.
        assert!(none.contains("enum PageError"));
        assert!(!none.contains("impl Request { }"));
        assert!(none.contains("fn deep_object") && none.contains("fn execute <"));
        for (feature, names) in MEDIA_ITEMS {
            let kept = printed(&media_items(fresh(), &[*feature].into()));
            for name in *names {
                assert!(kept.contains(name), "{feature}: {name}");
            }
            for (other, names) in MEDIA_ITEMS.iter().filter(|(f, _)| f != feature) {
                // The names of one use are not in the items of another.
                for name in names
                    .iter()
                    .filter(|n| !["form", "bytes", "multipart"].contains(n))
                {
                    assert!(
                        !kept.contains(&format!(" {name} ")),
                        "{feature} has {other}'s {name}"
                    );
                }
            }
        }
    }
}
