//! The `client` module: an async HTTP client (reqwest with rustls) with one
//! method per operation, typed errors per documented status, 429 retries and
//! rate-limit headers. The shared pieces (the builder, the retry loop, the
//! error body) are ordinary Rust in `generator/runtime/client.rs`, copied
//! once to the top of the module (see [`super::runtime`]); each operation
//! adds a method, an error enum and, where needed, a parameters struct and a
//! success enum.

use super::types::shape_type_in;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::error::Result;
use crate::ir::{Ir, Operation, ParamLocation, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Reason phrases, for variant names of documented statuses.
fn status_variant(status: &str) -> Option<&'static str> {
    Some(match status {
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "423" => "Locked",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        _ => return None,
    })
}

/// `TooManyRequests` → `Too Many Requests`.
fn reason_phrase(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for c in variant.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Appends a literal part of a path: `push` for one character (clippy's
/// `single_char_add_str`), `push_str` otherwise, nothing when empty.
fn push_literal(url: &proc_macro2::Ident, literal: &str) -> TokenStream {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => TokenStream::new(),
        (Some(c), None) => quote!(#url.push(#c);),
        _ => quote!(#url.push_str(#literal);),
    }
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim();
    ct == "application/json" || ct.ends_with("+json")
}

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
    let types = quote!(super::types::);
    // Every name the runtime defines or imports (`Client`, `RateLimit`,
    // `Raw`, `Duration`, …) is taken: the items of the operations share its
    // module.
    let runtime_items = super::runtime::items("client.rs", super::runtime::CLIENT)?;
    let mut scope = Scope::new();
    for reserved in super::runtime::item_names(&runtime_items) {
        scope.reserve(&reserved);
    }
    let mut items = Vec::new();
    let mut methods = Vec::new();
    let mut signatures = Vec::new();
    let alias_fns = super::validate::alias_fn_names(ir);
    for op in &ir.operations {
        let (item, method, signature) =
            operation(ir, op, &types, &mut scope, validators, &alias_fns);
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
    let docs = module_docs(ir);
    let mut chunks = vec![quote! {
        #docs
        #runtime

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
         [`RateLimit`] headers) or its own error enum, with one variant per documented error \
         status carrying an [`ApiError`] (Auth0's JSON error body, or the raw text), and \
         variants for an undocumented status, a body that fails validation (nothing is sent), \
         a transport failure, a timeout and a success body that does not decode.\n\
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

/// How an operation's method is called, for its grouped alias.
struct Signature {
    /// `name: Type` of each argument after `&self`.
    args: Vec<TokenStream>,
    names: Vec<proc_macro2::Ident>,
    ret: TokenStream,
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

/// The `Accept` header of an operation: the media types of its documented
/// responses, each once, in the description's order, joined with `, `;
/// `None` when no response has content.
fn accept(op: &Operation) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    for media_type in op.responses.iter().flat_map(|r| &r.media_types) {
        let media_type = media_type.trim();
        if !media_type.is_empty() && !types.iter().any(|t| t.eq_ignore_ascii_case(media_type)) {
            types.push(media_type);
        }
    }
    (!types.is_empty()).then(|| types.join(", "))
}

/// One operation: its items (error enum, params, success enum) and its method.
fn operation(
    ir: &Ir,
    op: &Operation,
    types: &TokenStream,
    scope: &mut Scope,
    validators: bool,
    alias_fns: &[Option<String>],
) -> (TokenStream, TokenStream, Signature) {
    // `{operationId} Error` in one conversion, so that a base that is itself
    // reserved (`Send` → `Send_`) does not leave an underscore inside.
    let named = |suffix: &str| naming::type_name(&format!("{} {suffix}", op.id));
    let error_name = format_ident!("{}", scope.unique(named("Error")));
    let fn_name = ident(&op.fn_name);

    // Path parameters are arguments; query and header parameters a struct.
    let path_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    let other_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Header))
        .collect();
    let params_name =
        (!other_params.is_empty()).then(|| format_ident!("{}", scope.unique(named("Params"))));
    // The names of the method's arguments and locals, made unique against
    // the path parameters' names (a parameter `url` or `body` stays itself).
    let mut locals = Scope::new();
    for p in &path_params {
        locals.reserve(&p.rust_name);
    }
    let [body_arg, params_arg, url_v, first_v, headers_v, raw_v, value_v, bytes_v] = [
        "body",
        "params",
        "url",
        "first",
        "headers",
        "raw",
        "body_value",
        "body_bytes",
    ]
    .map(|name| ident(&locals.unique(name.to_string())));
    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    let mut path_values = Vec::new();
    for p in &path_params {
        let name = ident(&p.rust_name);
        let ty = match &p.shape {
            Shape::String => quote!(&str),
            other => {
                let ty = shape_type_in(ir, other, types);
                quote!(&#ty)
            }
        };
        args.push(quote!(#name: #ty));
        arg_names.push(name.clone());
        let value = match &p.shape {
            Shape::String => quote!(#name),
            _ => quote!(&param_values(#name).join(",")),
        };
        path_values.push((p.name.clone(), value));
    }
    let params_item = params_name.as_ref().map(|params_name| {
        let mut field_scope = Scope::new();
        let fields = other_params.iter().map(|p| {
            let name = ident(&field_scope.unique(p.rust_name.clone()));
            let ty = shape_type_in(ir, &p.shape, types);
            let ty = if p.required { ty } else { quote!(Option<#ty>) };
            let where_ = if p.location == ParamLocation::Query {
                "query"
            } else {
                "header"
            };
            let docs = doc_attrs(&format!(
                "{} ({where_}{}).{}",
                crate::docs::code(&p.name),
                if p.required { ", required" } else { "" },
                p.docs
                    .as_ref()
                    .map(|d| format!("\n\n{d}"))
                    .unwrap_or_default()
            ));
            quote!(#docs pub #name: #ty,)
        });
        let doc = doc_attrs(&format!(
            "Query and header parameters of [`Client::{}`].",
            op.fn_name
        ));
        // `Default` only when every required parameter's type has one.
        let default = other_params
            .iter()
            .all(|p| !p.required || ir.has_default(&p.shape))
            .then(|| quote!(Default,));
        quote! {
            #doc
            #[allow(deprecated)]
            #[derive(Debug, Clone, #default PartialEq)]
            pub struct #params_name {
                #(#fields)*
            }
        }
    });
    if let Some(params_name) = &params_name {
        args.push(quote!(#params_arg: &#params_name));
        arg_names.push(params_arg.clone());
    }

    // The body.
    let body_scopes = field_scopes(ir, op);
    let (body_param, body_prepare, body_send, body_ref) = match &op.body {
        None => (None, quote!(), quote!(None), quote!(None)),
        Some(body) if is_json(&body.content_type) => {
            let ty = shape_type_in(ir, &body.shape, types);
            // Named types validate through the trait, aliases through their
            // function; an inline array or primitive body has no validator.
            let validate_call = match &body.shape {
                Shape::Named(id) => match &ir.type_def(*id).kind {
                    TypeKind::Alias(_) => alias_fns.get(*id).cloned().flatten().map(|name| {
                        let name = ident(&name);
                        quote!(super::validate::#name(#body_arg))
                    }),
                    _ => Some(quote!(super::validate::Validate::validate(#body_arg))),
                },
                _ => None,
            };
            let check = validate_call.filter(|_| validators).map(|call| {
                quote! {
                    if self.validate {
                        #call.map_err(#error_name::Validation)?;
                    }
                }
            });
            let content_type = &body.content_type;
            (
                Some(quote!(#body_arg: &#ty)),
                quote! {
                    #check
                    let #value_v = ::serde_json::to_value(#body_arg).map_err(|e| #error_name::Request(e.to_string()))?;
                    let #bytes_v = ::serde_json::to_vec(&#value_v).map_err(|e| #error_name::Request(e.to_string()))?;
                },
                quote!(Some((#content_type, #bytes_v.as_slice()))),
                quote!(Some(&#value_v)),
            )
        }
        Some(_) => (
            Some(quote!(#body_arg: &RawBody)),
            quote!(),
            quote!(Some((#body_arg.content_type.as_str(), #body_arg.bytes.as_slice()))),
            quote!(None),
        ),
    };
    if let Some(arg) = body_param {
        args.push(arg);
        arg_names.push(body_arg.clone());
    }

    // The URL.
    let mut url_build = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let literal = &rest[..start];
        url_build.push(push_literal(&url_v, literal));
        let after = &rest[start + 1..];
        let end = after.find('}').unwrap_or(after.len());
        let name = &after[..end];
        match path_values.iter().find(|(n, _)| n == name) {
            Some((_, value)) => url_build.push(quote! {
                #url_v.push_str(&encode_segment(#value).map_err(#error_name::Request)?);
            }),
            None => {
                let text = format!("{{{name}}}");
                url_build.push(quote!(#url_v.push_str(#text);));
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    url_build.push(push_literal(&url_v, rest));
    let mut query_build = Vec::new();
    let mut header_build = Vec::new();
    {
        let mut field_scope = Scope::new();
        for p in &other_params {
            let field = ident(&field_scope.unique(p.rust_name.clone()));
            let wire = &p.name;
            let values = if p.required {
                quote!(param_values(&#params_arg.#field))
            } else {
                quote!(#params_arg.#field.as_ref().map(param_values).unwrap_or_default())
            };
            if p.location == ParamLocation::Query && p.deep_object {
                query_build.push(
                    quote!(push_deep_object(&mut #url_v, &mut #first_v, #wire, &#params_arg.#field);),
                );
            } else if p.location == ParamLocation::Query {
                query_build.push(quote!(push_query(&mut #url_v, &mut #first_v, #wire, #values);));
            } else {
                header_build.push(quote! {
                    for value in #values {
                        #headers_v.push((#wire, value));
                    }
                });
            }
        }
    }
    let first_decl = (!query_build.is_empty()).then(|| quote!(let mut #first_v = true;));
    let headers_decl = if header_build.is_empty() {
        quote!(let #headers_v: Vec<(&str, String)> = Vec::new();)
    } else {
        quote!(let mut #headers_v: Vec<(&str, String)> = Vec::new();)
    };
    let method = format_ident!("{}", op.method);
    let accept = accept(op).map_or_else(|| quote!(None), |accept| quote!(Some(#accept)));

    // Responses.
    let successes: Vec<_> = op
        .responses
        .iter()
        .filter(|r| r.status.starts_with('2'))
        .collect();
    let decode = |shape: Option<&Shape>,
                  content_type: Option<&str>|
     -> (TokenStream, TokenStream) {
        match (shape, content_type) {
            (Some(shape), Some(ct)) if is_json(ct) => {
                let ty = shape_type_in(ir, shape, types);
                (
                    ty.clone(),
                    quote! {
                        ::serde_json::from_slice::<#ty>(&#raw_v.body).map_err(|e| #error_name::Decode {
                            status: #raw_v.status,
                            message: e.to_string(),
                            body: String::from_utf8_lossy(&#raw_v.body).into_owned(),
                        })?
                    },
                )
            }
            (Some(_), Some(ct)) if ct.starts_with("text/") => (
                quote!(String),
                quote!(String::from_utf8_lossy(&#raw_v.body).into_owned()),
            ),
            (Some(_), Some(_)) => (quote!(Vec<u8>), quote!(#raw_v.body.clone())),
            _ => (quote!(()), quote!(())),
        }
    };
    let mut success_item = None;
    let (success_ty, success_arms) = match successes.as_slice() {
        [] => {
            let (ty, value) = decode(None, None);
            (
                ty,
                vec![
                    quote!(200..=299 => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #value }),),
                ],
            )
        }
        [only] => {
            let (ty, value) = decode(only.shape.as_ref(), only.content_type.as_deref());
            let status: u16 = only.status.parse().unwrap_or(200);
            let pattern = if only.status.parse::<u16>().is_ok() {
                quote!(#status)
            } else {
                quote!(200..=299)
            };
            (
                ty,
                vec![
                    quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #value }),),
                ],
            )
        }
        several => {
            let name = format_ident!("{}", scope.unique(named("Success")));
            let mut variants = Vec::new();
            let mut arms = Vec::new();
            for r in several {
                let variant = format_ident!("Status{}", naming::type_name(&r.status));
                let (ty, value) = decode(r.shape.as_ref(), r.content_type.as_deref());
                let docs = doc_attrs(&r.docs.join("\n\n"));
                let pattern = match r.status.parse::<u16>() {
                    Ok(code) => quote!(#code),
                    Err(_) => quote!(200..=299),
                };
                if ty.to_string() == "()" {
                    variants.push(quote!(#docs #variant,));
                    arms.push(quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #name::#variant }),));
                } else {
                    variants.push(quote!(#docs #variant(#ty),));
                    arms.push(quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #name::#variant(#value) }),));
                }
            }
            let doc = doc_attrs(&format!(
                "The successful responses of [`Client::{}`], one variant per documented status.",
                op.fn_name
            ));
            success_item = Some(quote! {
                #doc
                #[allow(deprecated, clippy::large_enum_variant)]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name {
                    #(#variants)*
                }
            });
            (quote!(#name), arms)
        }
    };

    // Errors: a variant per documented error status.
    let scopes: Vec<&str> = op.scopes.iter().map(String::as_str).collect();
    let field_scope_pairs = body_scopes.iter().map(|(f, s)| quote!((#f, #s),));
    let mut error_variants = Vec::new();
    let mut error_arms = Vec::new();
    let mut display_arms = Vec::new();
    let mut api_error_arms = Vec::new();
    for r in op.responses.iter().filter(|r| !r.status.starts_with('2')) {
        // A numeric status: its reason phrase, or `Status{code}`; ranges
        // (`4XX`) and `default` fall to `UnexpectedStatus`.
        let Ok(code) = r.status.parse::<u16>() else {
            continue;
        };
        let (variant, phrase) = match status_variant(&r.status) {
            Some(name) => (name.to_string(), reason_phrase(name)),
            None => (format!("Status{code}"), format!("Status {code}")),
        };
        let variant = format_ident!("{variant}");
        let mut text = format!(
            "{}: the server's descriptions of this status:\n",
            crate::docs::code(&r.status)
        );
        for d in &r.docs {
            text.push_str(&format!("\n- {}", d.replace('\n', " ")));
        }
        if code == 403 && !op.scopes.is_empty() {
            text.push_str(&format!(
                "\n\nThis call needs the scope(s) {}",
                code_list(&op.scopes)
            ));
            for (field, s) in &body_scopes {
                text.push_str(&format!(
                    "; sending {} also needs {}",
                    crate::docs::code(field),
                    crate::docs::code(s)
                ));
            }
            text.push('.');
        }
        let docs = doc_attrs(&text);
        error_variants.push(quote!(#docs #variant(ApiError),));
        let hint = if code == 403 {
            quote!(scope_hint(SCOPES, FIELD_SCOPES, #value_v))
        } else {
            quote!(None)
        };
        error_arms.push(quote! {
            #code => Err(#error_name::#variant(#raw_v.into_error(#hint))),
        });
        let format = format!("{phrase}: {{}}");
        display_arms.push(quote!(#error_name::#variant(e) => write!(f, #format, e),));
        api_error_arms.push(quote!(#error_name::#variant(e)));
    }
    let validation_variant = validators.then(|| {
        quote! {
            /// The body breaks the description's constraints; nothing was sent.
            Validation(super::validate::ValidationErrors),
        }
    });
    let validation_display = validators.then(|| {
        quote!(#error_name::Validation(e) => write!(f, "the request body is invalid, so it was not sent: {e}"),)
    });
    let validation_source = validators.then(|| quote!(#error_name::Validation(e) => Some(e),));
    let mut error_doc = format!(
        "The errors of [`Client::{}`] ({}).",
        op.fn_name,
        crate::docs::code(&format!("{} {}", op.method, op.path))
    );
    if !op.scopes.is_empty() {
        error_doc.push_str(&format!(" Scopes: {}.", code_list(&op.scopes)));
    }
    let error_doc = doc_attrs(&error_doc);

    let mut method_docs = String::new();
    if let Some(summary) = &op.summary {
        method_docs.push_str(&crate::docs::prose(summary));
        method_docs.push_str("\n\n");
    }
    method_docs.push_str(&format!(
        "{} (operationId {}).",
        crate::docs::code(&format!("{} {}", op.method, op.path)),
        crate::docs::code(&op.id)
    ));
    if let Some(docs) = &op.docs {
        method_docs.push_str("\n\n");
        method_docs.push_str(docs);
    }
    if !op.scopes.is_empty() {
        method_docs.push_str(&format!("\n\nScopes: {}.", code_list(&op.scopes)));
        for (field, s) in &body_scopes {
            method_docs.push_str(&format!(
                " Sending {} also needs {}.",
                crate::docs::code(field),
                crate::docs::code(s)
            ));
        }
    }
    let method_docs = doc_attrs(&method_docs);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    let ret = quote!(Result<Response<#success_ty>, #error_name>);
    let method = quote! {
        #method_docs
        #deprecated
        #[allow(deprecated, clippy::too_many_arguments)]
        pub async fn #fn_name(&self, #(#args),*) -> #ret {
            const SCOPES: &[&str] = &[#(#scopes),*];
            const FIELD_SCOPES: &[(&str, &str)] = &[#(#field_scope_pairs)*];
            const ACCEPT: Option<&str> = #accept;
            let _ = (SCOPES, FIELD_SCOPES);
            #body_prepare
            let #value_v: Option<&::serde_json::Value> = #body_ref;
            let _ = &#value_v;
            let mut #url_v = self.base.clone();
            #(#url_build)*
            #first_decl
            #(#query_build)*
            #headers_decl
            #(#header_build)*
            let #raw_v = send_request(self, ::reqwest::Method::#method, &#url_v, ACCEPT, &#headers_v, #body_send)
                .await
                .map_err(|e| match e {
                    SendError::Timeout => #error_name::Timeout,
                    SendError::Transport(e) => #error_name::Transport(e),
                })?;
            match #raw_v.status {
                #(#success_arms)*
                #(#error_arms)*
                _ => Err(#error_name::UnexpectedStatus(#raw_v.into_error(None))),
            }
        }
    };

    let error_item = quote! {
        #error_doc
        #[derive(Debug)]
        pub enum #error_name {
            #(#error_variants)*
            /// A status the description does not list for this operation.
            UnexpectedStatus(ApiError),
            #validation_variant
            /// The request could not be built (a value did not serialise).
            Request(String),
            /// The request could not be sent, or the response not received.
            Transport(::reqwest::Error),
            /// No complete response within the timeout.
            Timeout,
            /// A successful status whose body does not decode as the description says.
            Decode { status: u16, message: String, body: String },
        }

        impl #error_name {
            /// The error response, for the variants that have one.
            pub fn api_error(&self) -> Option<&ApiError> {
                match self {
                    #(#api_error_arms => Some(e),)*
                    #error_name::UnexpectedStatus(e) => Some(e),
                    _ => None,
                }
            }

            /// The HTTP status, when a response came.
            pub fn status(&self) -> Option<u16> {
                match self {
                    #error_name::Decode { status, .. } => Some(*status),
                    other => other.api_error().map(|e| e.status),
                }
            }

            /// The rate-limit headers of the response, when one came.
            pub fn rate_limit(&self) -> Option<&RateLimit> {
                self.api_error().map(|e| &e.rate_limit)
            }
        }

        impl ::std::fmt::Display for #error_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    #error_name::UnexpectedStatus(e) => write!(f, "unexpected {e}"),
                    #validation_display
                    #error_name::Request(e) => write!(f, "the request could not be built: {e}"),
                    #error_name::Transport(e) => write!(f, "the request failed: {e}"),
                    #error_name::Timeout => f.write_str("no response within the timeout"),
                    #error_name::Decode { status, message, .. } => write!(f, "status {status}, but the body does not decode: {message}"),
                }
            }
        }

        impl ::std::error::Error for #error_name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #validation_source
                    #error_name::Transport(e) => Some(e),
                    _ => None,
                }
            }
        }

        #params_item
        #success_item
    };
    let signature = Signature {
        args,
        names: arg_names,
        ret,
    };
    (error_item, method, signature)
}
