//! The `client` module: an async HTTP client (reqwest with rustls) with one
//! method per operation, typed errors per documented status, 429 retries and
//! rate-limit headers. The shared pieces (the builder, the retry loop, the
//! error body) are ordinary Rust in `generator/runtime/client.rs`, copied
//! once to the top of the module (see [`super::runtime`]); each operation
//! adds a method, an error enum and, where needed, a parameters struct and a
//! success enum.

use super::operation::{operation, Context, Signature};
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::error::Result;
use crate::ir::{Ir, Operation, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

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
    let mut runtime_items = super::runtime::items("client.rs", super::runtime::CLIENT)?;
    runtime_items.extend(super::runtime::items(
        "request.rs",
        super::runtime::REQUEST,
    )?);
    let mut scope = Scope::new();
    for reserved in super::runtime::item_names(&runtime_items) {
        scope.reserve(&reserved);
    }
    scope.reserve("ValidationErrors");
    scope.reserve("types");
    let cx = Context {
        ir,
        types: quote!(types::),
        validators,
        alias_fns: super::validate::alias_fn_names(ir),
    };
    let mut items = Vec::new();
    let mut methods = Vec::new();
    let mut signatures = Vec::new();
    for op in &ir.operations {
        let body_scopes = field_scopes(ir, op);
        let docs = method_docs(op, &body_scopes);
        let (item, method, signature) = operation(&cx, op, &body_scopes, docs, &mut scope);
        items.push(item);
        methods.push(method);
        signatures.push(signature);
    }
    let groups = groups(ir, &signatures, &mut scope);
    let server = ir.servers.first();
    let server_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let variables = server.map(|s| s.variables.clone()).unwrap_or_default();
    let variable_defaults = variables
        .iter()
        .map(|(name, default)| quote!((#name, #default),));
    // A setter per server variable, unless its name is one of the builder's
    // own methods (`server_variable` fills any variable).
    let builder_methods = [
        "base_url",
        "server_variable",
        "token",
        "allow_http",
        "connect_timeout",
        "timeout",
        "retry",
        "validate",
        "build",
        "default_variables",
    ];
    let mut setter_scope = Scope::new();
    let variable_setters = variables.iter().filter_map(|(name, _)| {
        let setter = naming::field_name(name);
        if builder_methods.contains(&setter.as_str())
            || setter_scope.unique(setter.clone()) != setter
        {
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
    let docs = module_docs(ir);
    let mut chunks = vec![quote! {
        #docs
        #runtime
        #validation_errors
        use super::types;

        impl ClientBuilder {
            fn default_variables() -> Vec<(String, String)> {
                [#(#variable_defaults)*].iter().map(|(k, v): &(&str, &str)| (k.to_string(), v.to_string())).collect()
            }

            #(#variable_setters)*
        }

        impl Client {
            #(#methods)*
        }
    }];
    chunks.extend(items);
    chunks.extend(groups);
    Ok(chunks)
}

/// Names of the description as code spans, separated by commas.
fn code_list(items: &[String]) -> String {
    let spans: Vec<String> = items.iter().map(|i| crate::docs::code(i)).collect();
    spans.join(", ")
}

/// The module's own documentation: how names, errors, retries and path
/// parameters work, with the first operation as the example.
fn module_docs(ir: &Ir) -> TokenStream {
    let mut text = String::from(
        "\n\
         Build a [`Client`] with [`Client::builder`]: a bearer token and either the server's \
         variables or a full base URL. `http://` is refused unless allowed with \
         [`ClientBuilder::allow_http`].\n\
         \n\
         **Names.** Each operation is a method of [`Client`] named after its `operationId` in \
         snake case. When the description places the operation in a group \
         (`x-operation-group`, `x-operation-name`), it is also reachable through the group: \
         one accessor per group level, then the operation's name in snake case.",
    );
    if let Some(op) = ir.operations.first() {
        text.push_str(&format!(
            " Here {} becomes `client.{}(…)`",
            crate::docs::code(&op.id),
            op.fn_name
        ));
        if let Some(group) = &op.group {
            let path: Vec<String> = group
                .path
                .iter()
                .map(|g| format!("{}()", naming::field_name(g)))
                .collect();
            text.push_str(&format!(
                ", also `client.{}.{}(…)`",
                path.join("."),
                naming::field_name(&group.name)
            ));
        }
        text.push('.');
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
    inner_doc_attrs(&text)
}

/// A group of the resource tree (`x-operation-group`): its subgroups and operations.
#[derive(Default)]
struct GroupNode {
    path: Vec<String>,
    children: Vec<usize>,
    ops: Vec<usize>,
}

/// The grouped aliases: `client.connections().update(…)` calls
/// `client.patch_connections_by_id(…)`. One borrowing struct per group, in
/// the order groups first appear; names made unique deterministically.
fn groups(ir: &Ir, signatures: &[Signature], scope: &mut Scope) -> Vec<TokenStream> {
    let mut nodes = vec![GroupNode::default()];
    for (index, op) in ir.operations.iter().enumerate() {
        let Some(group) = &op.group else { continue };
        let mut at = 0;
        for depth in 1..=group.path.len() {
            let path = &group.path[..depth];
            let found = nodes[at]
                .children
                .iter()
                .copied()
                .find(|&c| nodes[c].path == path);
            at = match found {
                Some(child) => child,
                None => {
                    nodes.push(GroupNode {
                        path: path.to_vec(),
                        ..GroupNode::default()
                    });
                    let child = nodes.len() - 1;
                    nodes[at].children.push(child);
                    child
                }
            };
        }
        nodes[at].ops.push(index);
    }
    if nodes.len() == 1 {
        return Vec::new();
    }
    // One struct per group; the root (index 0) is `Client` itself.
    let struct_names: Vec<_> = nodes
        .iter()
        .enumerate()
        .map(|(at, n)| {
            let name = if at == 0 {
                "Client".to_string()
            } else {
                scope.unique(naming::type_name(&n.path.join("_")))
            };
            format_ident!("{name}")
        })
        .collect();
    // The methods of each node: the root's go on `Client`, next to its own.
    let mut out = Vec::new();
    for (at, node) in nodes.iter().enumerate() {
        let mut method_scope = Scope::new();
        // A group's struct derives traits too (`fmt`, `clone`).
        for reserved in naming::CLIENT_METHODS {
            method_scope.reserve(reserved);
        }
        if at == 0 {
            for op in &ir.operations {
                method_scope.reserve(&op.fn_name);
            }
        }
        let mut fns = Vec::new();
        for &index in &node.ops {
            let (op, sig) = (&ir.operations[index], &signatures[index]);
            let Some(group) = &op.group else { continue };
            let name = ident(&method_scope.unique(naming::field_name(&group.name)));
            let target = ident(&op.fn_name);
            let (args, names, ret) = (&sig.args, &sig.names, &sig.ret);
            let doc = doc_attrs(&format!(
                "{} of {}: the same as [`Client::{}`] ({}).",
                crate::docs::code(&group.name),
                crate::docs::code(&group.path.join(".")),
                op.fn_name,
                crate::docs::code(&format!("{} {}", op.method, op.path))
            ));
            let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
            fns.push(quote! {
                #doc
                #deprecated
                #[allow(deprecated, clippy::too_many_arguments)]
                pub async fn #name(&self, #(#args),*) -> #ret {
                    self.client.#target(#(#names),*).await
                }
            });
        }
        for &child in &node.children {
            let Some(last) = nodes[child].path.last() else {
                continue;
            };
            let name = ident(&method_scope.unique(naming::field_name(last)));
            let ty = &struct_names[child];
            let doc = doc_attrs(&format!(
                "The operations of the group {}.",
                crate::docs::code(&nodes[child].path.join("."))
            ));
            let client = if at == 0 {
                quote!(self)
            } else {
                quote!(self.client)
            };
            let lifetime = if at == 0 { quote!('_) } else { quote!('a) };
            fns.push(quote! {
                #doc
                pub fn #name(&self) -> #ty<#lifetime> {
                    #ty { client: #client }
                }
            });
        }
        if at == 0 {
            out.push(quote! {
                impl Client {
                    #(#fns)*
                }
            });
        } else {
            let ty = &struct_names[at];
            let doc = doc_attrs(&format!(
                "The operations of the group {} (`x-operation-group`), named by their `x-operation-name`.",
                crate::docs::code(&node.path.join("."))
            ));
            out.push(quote! {
                #doc
                #[derive(Debug, Clone, Copy)]
                pub struct #ty<'a> {
                    client: &'a Client,
                }

                impl<'a> #ty<'a> {
                    #(#fns)*
                }
            });
        }
    }
    out
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

/// The documentation of an operation's method: its summary, method and
/// path, description, and the scopes it needs.
fn method_docs(op: &Operation, body_scopes: &[(String, String)]) -> TokenStream {
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        text.push_str(&crate::docs::prose(summary));
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "{} (operationId {}).",
        crate::docs::code(&format!("{} {}", op.method, op.path)),
        crate::docs::code(&op.id)
    ));
    if let Some(docs) = &op.docs {
        text.push_str("\n\n");
        text.push_str(docs);
    }
    if !op.scopes.is_empty() {
        text.push_str(&format!("\n\nScopes: {}.", code_list(&op.scopes)));
        for (field, s) in body_scopes {
            text.push_str(&format!(
                " Sending {} also needs {}.",
                crate::docs::code(field),
                crate::docs::code(s)
            ));
        }
    }
    doc_attrs(&text)
}
