//! One operation of the `client` module (IR operation → tokens): its
//! method, a short call into the runtime's `Request` and `execute`
//! (`generator/runtime/request.rs`, `send.rs`), and the items it needs: the enum of
//! its documented error responses, and where needed a struct of its query
//! and header parameters and an enum of its successful responses.

mod body;
mod errors;
mod paginate;
mod params;
mod responses;
mod success;

use super::groups::Placement;
use super::{doc_attrs, ident};
use crate::ir::{Ir, Operation, ParamLocation, Response, Shape};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// What the emitter of an operation shares with the others.
pub struct Context<'a> {
    pub ir: &'a Ir,
    /// `super::types::`.
    pub types: TokenStream,
    pub validators: bool,
    /// The validator function of each alias type, by type id.
    pub alias_fns: Vec<Option<String>>,
}

/// The optional parts of the runtime an operation's method calls (`form`,
/// `bytes`, `multipart`, `download`, `paginate`; see
/// `client::optional::OPTIONAL_ITEMS`), decided from the IR as the emitters
/// below decide what to call.
pub fn runtime_uses(ir: &Ir, op: &Operation) -> Vec<&'static str> {
    let mut uses: Vec<&'static str> = op
        .body
        .iter()
        .filter_map(|b| body::runtime_use(ir, b))
        .collect();
    if op.event_stream().is_none() && success::downloads(op) {
        uses.push("download");
    }
    if op.pagination.is_some() {
        uses.push("paginate");
    }
    uses
}

/// An operation's method as it is built: the local that holds its request,
/// its arguments, and the statements that build the request.
struct Method {
    request: Ident,
    args: Vec<TokenStream>,
    steps: Vec<TokenStream>,
}

/// One operation: its items (error enum, params, success enum) and its
/// method, placed as `placement` says.
pub fn operation(
    cx: &Context<'_>,
    op: &Operation,
    placement: &Placement,
    body_scopes: &[(String, String)],
    scope: &mut Scope,
) -> (TokenStream, TokenStream) {
    let method_path = placement.path.as_str();
    let client = &placement.client;
    // `{operationId} Error` in one conversion, so that a base that is itself
    // reserved (`Send` → `Send_`) does not leave an underscore inside.
    let named = |suffix: &str| naming::type_name(&format!("{} {suffix}", op.id));
    let [body_arg, params_arg, request] = locals(op);
    let (args, steps) = params::path(cx, op, &request);
    let mut m = Method {
        request,
        args,
        steps,
    };
    let (params_item, params_steps) =
        params::params(cx, op, method_path, &named, scope, &params_arg, &m.request);
    if let Some((params_name, _)) = &params_item {
        m.args.push(quote!(#params_arg: &#params_name));
    }
    m.steps.extend(params_steps);
    m.steps
        .extend(security_steps(cx, op, body_scopes, &m.request));
    let (own_errors, errors_step, error_item) =
        errors::error_enum(cx, op, scope, &named, &m.request, method_path);
    m.steps.extend(errors_step);
    let mut body_item = None;
    if let Some(body) = &op.body {
        let (arg, body_steps, item) = body::body_steps(
            cx,
            body,
            &body_arg,
            &m.request,
            client,
            method_path,
            &named,
            scope,
        );
        m.args.push(arg);
        m.steps.extend(body_steps);
        body_item = item;
    }
    // Server-sent events: a stream of typed events (see `event_stream`).
    let (success_ty, finish, success_item) =
        match success::event_stream(cx, op, own_errors.as_ref(), &m.request, client) {
            Some((ty, finish)) => (ty, finish, None),
            None => success::success(cx, op, method_path, &named, scope, &m.request, client),
        };
    let ret = match &own_errors {
        None => quote!(ApiResult<#success_ty>),
        Some(errors) => quote!(ApiResult<#success_ty, #errors>),
    };
    let method = method_fn(cx, op, placement, body_scopes, &m, ret, finish);
    let method = with_stream(cx, op, placement, &m, own_errors.as_ref(), method);
    let params_item = params_item.map(|(_, item)| item);
    let items = quote! {
        #error_item
        #params_item
        #body_item
        #success_item
    };
    (items, method)
}

/// The names of the method's body and params arguments and of its
/// request local, made unique against the path parameters' names (a
/// parameter `body` stays itself).
fn locals(op: &Operation) -> [Ident; 3] {
    let mut locals = Scope::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        locals.reserve(&p.rust_name);
    }
    ["body", "params", "request"].map(|name| ident(&locals.unique(name.to_string())))
}

/// The steps of an operation's security: its own requirements, when they
/// ask for other credentials than the description's (scopes aside), the
/// scopes it needs, and those that sending a body field needs.
fn security_steps(
    cx: &Context<'_>,
    op: &Operation,
    body_scopes: &[(String, String)],
    request: &Ident,
) -> Vec<TokenStream> {
    let mut steps = Vec::new();
    let own = op.security.as_ref();
    if let Some(security) = own.filter(|s| !super::security::same_as_default(cx.ir, s)) {
        let requirements = super::security::requirements(security);
        steps.push(quote!(#request.security(#requirements);));
    }
    if !op.scopes.is_empty() {
        let scopes = &op.scopes;
        steps.push(quote!(#request.scopes(&[#(#scopes),*]);));
    }
    for (field, scope) in body_scopes {
        steps.push(quote!(#request.field_scope(#field, #scope);));
    }
    steps
}

/// `Request::new(Method::GET, "/path")`.
fn new_request(op: &Operation) -> TokenStream {
    let method_ident = format_ident!("{}", op.method);
    let path = &op.path;
    quote!(Request::new(Method::#method_ident, #path))
}

/// The statements that build the request into a mutable local: its
/// creation, its `Accept` header and the steps; `None` when there is
/// neither header nor step (the request is `Request::new` alone).
fn prepare(op: &Operation, m: &Method) -> Option<TokenStream> {
    let accept = accept(op);
    if accept.is_none() && m.steps.is_empty() {
        return None;
    }
    let request = &m.request;
    let new = new_request(op);
    let accept = accept.map(|accept| quote!(#request.accept(#accept);));
    let steps = &m.steps;
    Some(quote! {
        let mut #request = #new;
        #accept
        #(#steps)*
    })
}

/// The operation's method: its documentation, lints, signature, and body
/// (the request built, then `finish`).
fn method_fn(
    cx: &Context<'_>,
    op: &Operation,
    placement: &Placement,
    body_scopes: &[(String, String)],
    m: &Method,
    ret: TokenStream,
    finish: TokenStream,
) -> TokenStream {
    let request = &m.request;
    let build = match prepare(op, m) {
        Some(prepare) => prepare,
        None => {
            let new = new_request(op);
            quote!(let #request = #new;)
        }
    };
    let fn_name = &placement.name;
    let method_docs = method_docs(op, body_scopes);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    // Naming a deprecated type warns; clippy's limit is 7 arguments,
    // `&self` included.
    let mut lints = Vec::new();
    if signature_mentions_deprecated(cx.ir, op) {
        lints.push(quote!(deprecated));
    }
    if m.args.len() >= 7 {
        lints.push(quote!(clippy::too_many_arguments));
    }
    let allow = (!lints.is_empty()).then(|| quote!(#[allow(#(#lints),*)]));
    let args = &m.args;
    quote! {
        #method_docs
        #deprecated
        #allow
        pub async fn #fn_name(&self, #(#args),*) -> #ret {
            #build
            #finish
        }
    }
}

/// The method, followed, for a paginated operation, by the stream of its
/// pages' items, its request built by the same steps.
fn with_stream(
    cx: &Context<'_>,
    op: &Operation,
    placement: &Placement,
    m: &Method,
    errors: Option<&Ident>,
    method: TokenStream,
) -> TokenStream {
    let (Some(stream), Some(paginated)) = (&placement.stream, &op.pagination) else {
        return method;
    };
    let stream = paginate::stream_method(
        cx,
        op,
        paginated,
        paginate::Parts {
            name: stream,
            method_path: &placement.path,
            client: &placement.client,
            args: &m.args,
            errors,
            build: stream_build(op, m),
        },
    );
    quote!(#method #stream)
}

/// The statements of the stream's closure: the request built as the
/// method builds it, ending in `Ok(request)`.
fn stream_build(op: &Operation, m: &Method) -> TokenStream {
    let request = &m.request;
    match prepare(op, m) {
        Some(prepare) => quote! {
            #prepare
            Ok(#request)
        },
        None => {
            let new = new_request(op);
            quote!(Ok(#new))
        }
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

/// The documentation of an operation's method: its summary, method and
/// path, description, and the scopes it needs.
fn method_docs(op: &Operation, body_scopes: &[(String, String)]) -> TokenStream {
    // The first paragraph, rustdoc's summary: the operation's summary,
    // its method and path, its operationId and the scopes it needs.
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        let summary = crate::docs::prose(summary);
        let summary = summary.trim_end().trim_end_matches('.');
        if !summary.is_empty() {
            text.push_str(summary);
            text.push_str(": ");
        }
    }
    text.push_str(&format!(
        "{} (operationId {}).",
        crate::docs::code(&format!("{} {}", op.method, op.path)),
        crate::docs::code(&op.id)
    ));
    if !op.scopes.is_empty() {
        text.push_str(&format!(" Scopes: {}.", code_list(&op.scopes)));
        for (field, s) in body_scopes {
            text.push_str(&format!(
                " Sending {} also needs {}.",
                crate::docs::code(field),
                crate::docs::code(s)
            ));
        }
    }
    if let Some(docs) = &op.docs {
        text.push_str("\n\n");
        text.push_str(docs);
    }
    text.push_str(&errors::error_docs(op));
    doc_attrs(&text)
}

/// Names of the description as code spans, separated by commas.
fn code_list(items: &[String]) -> String {
    let spans: Vec<String> = items.iter().map(|i| crate::docs::code(i)).collect();
    spans.join(", ")
}

/// Whether a shape names a deprecated type (itself, or as the items or
/// values it holds).
pub(super) fn mentions_deprecated(ir: &Ir, shape: &Shape) -> bool {
    match shape {
        Shape::Named(id) => ir.type_def(*id).deprecated,
        Shape::Array(inner) | Shape::Map(inner) | Shape::Nullable(inner) => {
            mentions_deprecated(ir, inner)
        }
        _ => false,
    }
}

/// Whether the method's own signature names a deprecated type: a path
/// parameter's, the body's, or the one success response's (the other
/// types it uses are in items of their own, which allow it).
pub(super) fn signature_mentions_deprecated(ir: &Ir, op: &Operation) -> bool {
    let params = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| &p.shape);
    let body = op.body.iter().map(|b| &b.shape);
    let successes: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| r.status.starts_with('2'))
        .collect();
    let success = match successes.as_slice() {
        [only] => only.shape.as_ref(),
        _ => None,
    };
    params
        .chain(body)
        .chain(success)
        .any(|shape| mentions_deprecated(ir, shape))
}
