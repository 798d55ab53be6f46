//! The `client` module: an async HTTP client (reqwest with rustls) with one
//! method per operation, typed errors per documented status, retries (see
//! `RetryPolicy`), tokens, pages, server-sent events and rate-limit headers.
//! The shared pieces (the builder, the retry loop, the error body) are
//! ordinary Rust in `generator/runtime/` (`client.rs`, `send.rs`,
//! `error.rs`, …), copied once to the top of the module (see [`super::runtime`]); each operation
//! adds a method, an error enum and, where needed, a parameters struct and a
//! success enum.

mod optional;

use super::groups::Tree;
use super::operation::{operation, Context};
use super::runtime::TextItem;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::error::Result;
use crate::ir::{Ir, Operation, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;

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

/// The client module's parts, in order: its docs, the runtime's text (see
/// [`super::runtime`]) and the chunks of the rest (see
/// [`super::print_chunks`]).
pub struct Parts {
    /// The module's `//!` docs.
    pub docs: TokenStream,
    /// The runtime's items, with the description's `SERVER` among them.
    pub runtime: String,
    /// The seams, the security schemes, the builder's setters, the groups
    /// and the operations.
    pub chunks: Vec<TokenStream>,
}

/// The runtime files of the client module, in order: every crate's, then
/// `generator/runtime/sse.rs` (server-sent events) in the crates whose
/// operations stream them.
fn runtime_files(ir: &Ir) -> Vec<&'static str> {
    let mut files = vec![
        super::runtime::RETRY,
        super::runtime::RATE_LIMIT,
        super::runtime::CLIENT,
        super::runtime::ERROR,
        super::runtime::REQUEST,
        super::runtime::SEND,
        super::runtime::ENCODE,
        super::runtime::MEDIA,
        super::runtime::PAGINATE,
        super::runtime::AUTH,
        super::runtime::TOKEN,
    ];
    if ir.streams_events() {
        files.push(super::runtime::SSE);
    }
    files
}

/// The names the module's items cannot take: every name the runtime's
/// kept items define or import (`Client`, `RateLimit`, `Request`,
/// `Duration`, …), the seams' and `types`.
fn reserved(runtime_items: &[TextItem], dropped: &[&str]) -> Scope {
    let mut scope = Scope::new();
    for reserved in super::runtime::item_names(runtime_items) {
        if !dropped.contains(&reserved.as_str()) {
            scope.reserve(&reserved);
        }
    }
    for seam in [
        "ValidationErrors",
        "SCHEMES",
        "SECURITY",
        "SERVER_VARIABLES",
        "types",
    ] {
        scope.reserve(seam);
    }
    scope
}

/// The module's parts.
pub fn module(ir: &Ir, validators: bool) -> Result<Parts> {
    // The runtime's items are shared by the operations' items: the names of
    // those the crate keeps are taken.
    let texts: Vec<TextItem> = runtime_files(ir)
        .iter()
        .flat_map(|text| super::runtime::split(text, 0))
        .collect();
    let uses = optional::uses(ir);
    let dropped = optional::dropped(&uses);
    let mut scope = reserved(&texts, &dropped);
    let cx = Context {
        ir,
        types: quote!(types::),
        validators,
        alias_fns: super::validate::alias_fn_names(ir),
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
    let groups = tree.items(methods);
    let mut builder_methods = super::runtime::method_names(&texts, "ClientBuilder");
    builder_methods.retain(|name| !dropped.contains(&name.as_str()));
    let (security, builder_impl) = builder(ir, &builder_methods);
    let server = ir.servers.first();
    let server_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let runtime = runtime(&server_url, &texts, &dropped)?;
    let mut chunks = vec![seams(ir, validators, security, names_types, builder_impl)];
    chunks.extend(groups);
    chunks.extend(items);
    Ok(Parts {
        docs: module_docs(ir, &tree),
        runtime,
        chunks,
    })
}

/// The security schemes' items, and the builder's setters: one per
/// credential and per server variable, unless its name is one of the
/// builder's own methods (`server_variable` fills any variable).
fn builder(ir: &Ir, builder_methods: &[String]) -> (TokenStream, Option<TokenStream>) {
    let mut setter_scope = Scope::new();
    for reserved in builder_methods {
        setter_scope.reserve(reserved);
    }
    let server = ir.servers.first();
    let server_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let variables = server.map(|s| s.variables.clone()).unwrap_or_default();
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
    (security, builder_impl)
}

/// The items after the runtime's: the seam of `error.rs` (the
/// validators' report, or a stand-in that no value has when the crate has
/// no validators), the security schemes, the server's variables and the
/// builder's setters.
fn seams(
    ir: &Ir,
    validators: bool,
    security: TokenStream,
    names_types: bool,
    builder_impl: Option<TokenStream>,
) -> TokenStream {
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
    let use_types = names_types.then(|| {
        quote!(
            use super::types;
        )
    });
    let variables = ir
        .servers
        .first()
        .map(|s| s.variables.clone())
        .unwrap_or_default();
    let variable_defaults = variables
        .iter()
        .map(|(name, default)| quote!((#name, #default),));
    quote! {
        #validation_errors
        #security
        #use_types

        /// The server's variables and their defaults.
        pub const SERVER_VARIABLES: &[(&str, &str)] = &[#(#variable_defaults)*];

        #builder_impl
    }
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
    if ir.streams_events() {
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
/// items of the runtime files (see the seam described at the top of
/// `generator/runtime/client.rs`) that the crate uses, as their text, with
/// the description's `SERVER` after the `use` items.
fn runtime(server_url: &str, items: &[TextItem], dropped: &[&str]) -> Result<String> {
    let server_doc = doc_attrs(&format!(
        "The server of the description: {}.",
        crate::docs::code(server_url)
    ));
    let server = super::print_chunks([quote! {
        #server_doc
        pub const SERVER: &str = #server_url;
    }])?;
    // `use` items have no name: none is dropped.
    let head = items
        .iter()
        .take_while(|item| item.head.starts_with("use ") || item.head.starts_with("pub use "))
        .count();
    let mut texts = optional::kept(items, dropped);
    texts.insert(head, Cow::Owned(server));
    Ok(super::runtime::join(texts.iter().map(|text| text.as_ref())))
}
