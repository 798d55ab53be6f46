//! One operation of the `client` module (IR operation → tokens): its
//! method, a short call into the runtime's `Request` and `execute`
//! (`generator/runtime/request.rs`), and the items it needs: the enum of
//! its documented error responses, and where needed a struct of its query
//! and header parameters and an enum of its successful responses.

use super::groups::Placement;
use super::types::shape_type_in;
use super::{doc_attrs, ident};
use crate::ir::{Ir, Operation, ParamLocation, ParamStyle, Response, Shape, TypeKind};
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
    /// The optional parts of the runtime the operations use (`form`,
    /// `bytes`, `multipart`, `download`; see `client::MEDIA_ITEMS`).
    pub runtime_uses: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
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

    // The names of the method's arguments and locals, made unique against
    // the path parameters' names (a parameter `body` stays itself).
    let path_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    let mut locals = Scope::new();
    for p in &path_params {
        locals.reserve(&p.rust_name);
    }
    let [body_arg, params_arg, request] =
        ["body", "params", "request"].map(|name| ident(&locals.unique(name.to_string())));

    let mut args = Vec::new();
    let mut steps = Vec::new();
    for p in &path_params {
        let name = ident(&p.rust_name);
        let ty = match &p.shape {
            Shape::String => quote!(&str),
            other => {
                let ty = shape_type_in(cx.ir, other, &cx.types);
                quote!(&#ty)
            }
        };
        args.push(quote!(#name: #ty));
        let wire = &p.name;
        steps.push(match p.style {
            ParamStyle::Simple { explode: false } => quote!(#request.path(#wire, #name)?;),
            style => {
                let style = runtime_style(style);
                quote!(#request.path_style(#wire, #name, #style)?;)
            }
        });
    }
    let (params_item, params_steps) =
        params(cx, op, method_path, &named, scope, &params_arg, &request);
    if let Some((params_name, _)) = &params_item {
        args.push(quote!(#params_arg: &#params_name));
    }
    steps.extend(params_steps);
    // Its own security requirements, when they ask for other credentials
    // than the description's (scopes aside).
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
    let (own_errors, errors_step, error_item) =
        error_enum(cx, op, scope, &named, &request, method_path);
    steps.extend(errors_step);
    let mut body_item = None;
    if let Some(body) = &op.body {
        let (arg, body_steps, item) = body_steps(
            cx,
            body,
            &body_arg,
            &request,
            client,
            method_path,
            &named,
            scope,
        );
        args.push(arg);
        steps.extend(body_steps);
        body_item = item;
    }

    // Server-sent events: a stream of typed events (see `event_stream`).
    let (success_ty, finish, success_item) =
        match event_stream(cx, op, own_errors.as_ref(), &request, client) {
            Some((ty, finish)) => (ty, finish, None),
            None => success(cx, op, method_path, &named, scope, &request, client),
        };
    let method_ident = format_ident!("{}", op.method);
    let path = &op.path;
    let accept = accept(op).map(|accept| quote!(#request.accept(#accept);));
    let fn_name = &placement.name;
    let mutable = (accept.is_some() || !steps.is_empty()).then(|| quote!(mut));
    let method_docs = method_docs(op, body_scopes);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let ret = match &own_errors {
        None => quote!(ApiResult<#success_ty>),
        Some(errors) => quote!(ApiResult<#success_ty, #errors>),
    };
    // Naming a deprecated type warns; clippy's limit is 7 arguments,
    // `&self` included.
    let mut lints = Vec::new();
    if signature_mentions_deprecated(cx.ir, op) {
        lints.push(quote!(deprecated));
    }
    if args.len() >= 7 {
        lints.push(quote!(clippy::too_many_arguments));
    }
    let allow = (!lints.is_empty()).then(|| quote!(#[allow(#(#lints),*)]));
    let method = quote! {
        #method_docs
        #deprecated
        #allow
        pub async fn #fn_name(&self, #(#args),*) -> #ret {
            let #mutable #request = Request::new(Method::#method_ident, #path);
            #accept
            #(#steps)*
            #finish
        }
    };
    // Pagination: the stream of the pages' items, its request built by
    // the same steps.
    let method = match (&placement.stream, &op.pagination) {
        (Some(stream), Some(paginated)) => {
            cx.runtime_uses.borrow_mut().insert("paginate");
            let build = if mutable.is_some() {
                quote! {
                    let mut #request = Request::new(Method::#method_ident, #path);
                    #accept
                    #(#steps)*
                    Ok(#request)
                }
            } else {
                quote!(Ok(Request::new(Method::#method_ident, #path)))
            };
            let stream = super::paginate::stream_method(
                cx,
                op,
                paginated,
                super::paginate::Parts {
                    name: stream,
                    method_path,
                    client,
                    args: &args,
                    errors: own_errors.as_ref(),
                    build,
                },
            );
            quote!(#method #stream)
        }
        _ => method,
    };
    let params_item = params_item.map(|(_, item)| item);
    let items = quote! {
        #error_item
        #params_item
        #body_item
        #success_item
    };
    (items, method)
}

/// The struct of an operation's query and header parameters (its name and
/// item), and the steps that put them in the request.
fn params(
    cx: &Context<'_>,
    op: &Operation,
    method_path: &str,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
    params_arg: &Ident,
    request: &Ident,
) -> (Option<(Ident, TokenStream)>, Vec<TokenStream>) {
    let params: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .collect();
    if params.is_empty() {
        return (None, Vec::new());
    }
    let name = format_ident!("{}", scope.unique(named("Params")));
    let mut field_scope = Scope::new();
    let mut fields = Vec::new();
    let mut steps = Vec::new();
    for p in &params {
        let field = ident(&field_scope.unique(p.rust_name.clone()));
        let ty = shape_type_in(cx.ir, &p.shape, &cx.types);
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        let query = p.location == ParamLocation::Query;
        let docs = doc_attrs(&format!(
            "{} ({}{}).{}",
            crate::docs::code(&p.name),
            match p.location {
                ParamLocation::Query => "query",
                ParamLocation::Cookie => "cookie",
                _ => "header",
            },
            if p.required { ", required" } else { "" },
            p.docs
                .as_ref()
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default()
        ));
        fields.push(quote!(#docs pub #field: #ty,));
        let wire = &p.name;
        // The defaults (and `deepObject`) by their own method, the others
        // with their style.
        let (call, style) = match (query, p.style) {
            _ if p.location == ParamLocation::Cookie => (quote!(cookie), None),
            (true, ParamStyle::Form { explode: true }) => (quote!(query), None),
            (true, ParamStyle::DeepObject) => (quote!(deep_object), None),
            (true, style) => (quote!(query_style), Some(runtime_style(style))),
            (false, ParamStyle::Simple { explode: false }) => (quote!(header), None),
            (false, style) => (quote!(header_style), Some(runtime_style(style))),
        };
        let style = style.map(|style| quote!(, #style));
        steps.push(quote!(#request.#call(#wire, &#params_arg.#field #style);));
    }
    let doc = doc_attrs(&format!(
        "Query, header and cookie parameters of [`{method_path}`]."
    ));
    // `Default` only when every required parameter's type has one.
    let default = params
        .iter()
        .all(|p| !p.required || cx.ir.has_default(&p.shape))
        .then(|| quote!(Default,));
    let item = quote! {
        #doc
        #[allow(deprecated)]
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    };
    (Some((name, item)), steps)
}

/// The runtime's `Style` of a parameter's style.
fn runtime_style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form { explode } => quote!(Style::Form { explode: #explode }),
        ParamStyle::SpaceDelimited => quote!(Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(Style::DeepObject),
        ParamStyle::Simple { explode } => quote!(Style::Simple { explode: #explode }),
        ParamStyle::Label { explode } => quote!(Style::Label { explode: #explode }),
        ParamStyle::Matrix { explode } => quote!(Style::Matrix { explode: #explode }),
    }
}

/// How an operation's request body is passed and sent, by its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// `application/json`, `+json`: its type, [`Request::json`].
    Json,
    /// `application/x-www-form-urlencoded`: its type, `Request::form`.
    Form,
    /// `multipart/form-data` of an object: a struct of its own, a field per
    /// property (files as `FilePart`), `Request::multipart`.
    Multipart,
    /// `text/…`: `&str`.
    Text,
    /// A binary media type (`application/octet-stream`, `image/png`, …): `&[u8]`.
    Bytes,
    /// Several media types to choose from, or one of no known kind: `&RawBody`.
    Raw,
}

fn body_kind(ir: &Ir, body: &crate::ir::Body) -> BodyKind {
    let essence = body
        .content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    let object = matches!(&body.shape, Shape::Named(id)
        if matches!(ir.type_def(*id).kind, TypeKind::Struct(_)));
    if is_json(&body.content_type) {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "multipart/form-data" && object {
        BodyKind::Multipart
    } else if body.media_types.len() > 1 || sub.is_empty() || sub.contains('*') {
        BodyKind::Raw
    } else if top == "text" {
        BodyKind::Text
    } else if matches!(top, "image" | "audio" | "video" | "font")
        || matches!(
            essence.as_str(),
            "application/octet-stream"
                | "application/pdf"
                | "application/zip"
                | "application/gzip"
                | "application/x-tar"
        )
    {
        BodyKind::Bytes
    } else {
        BodyKind::Raw
    }
}

/// The argument of an operation's body, the steps that check it and put
/// it in the request, and the struct of a multipart body.
#[allow(clippy::too_many_arguments)]
fn body_steps(
    cx: &Context<'_>,
    body: &crate::ir::Body,
    body_arg: &Ident,
    request: &Ident,
    client: &TokenStream,
    method_path: &str,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
) -> (TokenStream, Vec<TokenStream>, Option<TokenStream>) {
    let content_type = &body.content_type;
    let kind = body_kind(cx.ir, body);
    let mut uses = cx.runtime_uses.borrow_mut();
    match kind {
        BodyKind::Json | BodyKind::Form => {}
        BodyKind::Multipart => {
            uses.insert("multipart");
            drop(uses);
            let (name, item) = multipart_form(cx, body, method_path, named, scope);
            let steps = vec![quote!(#request.multipart(#body_arg.parts())?;)];
            return (quote!(#body_arg: &#name), steps, Some(item));
        }
        BodyKind::Text => {
            uses.insert("bytes");
            let steps = vec![quote!(#request.bytes(#content_type, #body_arg.as_bytes());)];
            return (quote!(#body_arg: &str), steps, None);
        }
        BodyKind::Bytes => {
            uses.insert("bytes");
            let steps = vec![quote!(#request.bytes(#content_type, #body_arg);)];
            return (quote!(#body_arg: &[u8]), steps, None);
        }
        BodyKind::Raw => {
            return (
                quote!(#body_arg: &RawBody),
                vec![quote!(#request.raw(#body_arg);)],
                None,
            )
        }
    }
    let ty = shape_type_in(cx.ir, &body.shape, &cx.types);
    // Named types validate through the trait, aliases through their
    // function; an inline array or primitive body has no validator.
    let validate = match &body.shape {
        Shape::Named(id) => match &cx.ir.type_def(*id).kind {
            TypeKind::Alias(_) => cx.alias_fns.get(*id).cloned().flatten().map(|name| {
                let name = ident(&name);
                quote!(super::validate::#name(#body_arg))
            }),
            _ => Some(quote!(super::validate::Validate::validate(#body_arg))),
        },
        _ => None,
    };
    let mut steps = Vec::new();
    if let Some(call) = validate.filter(|_| cx.validators) {
        steps.push(quote! {
            if #client.validate {
                #call.map_err(Error::Validation)?;
            }
        });
    }
    if kind == BodyKind::Form {
        uses.insert("form");
        steps.push(quote!(#request.form(#body_arg)?;));
    } else {
        steps.push(quote!(#request.json(#body_arg)?;));
    }
    (quote!(#body_arg: &#ty), steps, None)
}

/// The struct of a `multipart/form-data` body (its name and items): a field
/// per property of the body's schema, `FilePart` for a file (`Vec` of them
/// for an array of files), `Option` when the property is not required or
/// may be `null`; and `parts()`, the parts in the order of the fields.
fn multipart_form(
    cx: &Context<'_>,
    body: &crate::ir::Body,
    method_path: &str,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
) -> (Ident, TokenStream) {
    let name = format_ident!("{}", scope.unique(named("Form")));
    let fields = match &body.shape {
        Shape::Named(id) => match &cx.ir.type_def(*id).kind {
            TypeKind::Struct(s) => s.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let mut decls = Vec::new();
    let mut parts = Vec::new();
    let mut default = true;
    for f in fields {
        let field = ident(&f.name);
        let wire = &f.wire;
        let optional = !f.required || f.nullable;
        let file = body.files.contains(&f.wire);
        let array = matches!(&f.shape, Shape::Array(_));
        let ty = match (file, array) {
            (true, true) => quote!(Vec<FilePart>),
            (true, false) => quote!(FilePart),
            (false, _) => {
                default &= optional || cx.ir.has_default(&f.shape);
                shape_type_in(cx.ir, &f.shape, &cx.types)
            }
        };
        let (ty, part) = match (file, array, optional) {
            (true, true, true) => (
                quote!(Option<#ty>),
                quote!(for file in self.#field.iter().flatten() { parts.file(#wire, file); }),
            ),
            (true, true, false) => (
                ty,
                quote!(for file in &self.#field { parts.file(#wire, file); }),
            ),
            (true, false, true) => (
                quote!(Option<#ty>),
                quote!(if let Some(file) = &self.#field { parts.file(#wire, file); }),
            ),
            (true, false, false) => (ty, quote!(parts.file(#wire, &self.#field);)),
            (false, _, true) => (
                quote!(Option<#ty>),
                quote!(parts.text(#wire, &self.#field);),
            ),
            (false, _, false) => (ty, quote!(parts.text(#wire, &self.#field);)),
        };
        let mut text = format!(
            "{}{}",
            crate::docs::code(wire),
            if file { " (a file)" } else { "" }
        );
        if let Some(docs) = &f.docs {
            text.push_str(&format!("\n\n{docs}"));
        }
        let docs = doc_attrs(&text);
        decls.push(quote!(#docs pub #field: #ty,));
        parts.push(part);
    }
    let doc = doc_attrs(&format!(
        "The `multipart/form-data` body of [`{method_path}`]: a part per field, in this order."
    ));
    let default = default.then(|| quote!(Default,));
    let item = quote! {
        #doc
        #[allow(deprecated)]
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#decls)*
        }

        #[allow(deprecated)]
        impl #name {
            /// The parts of the body.
            pub fn parts(&self) -> Multipart {
                let mut parts = Multipart::new();
                #(#parts)*
                parts
            }
        }
    };
    (name, item)
}

/// How a response's body is decoded: its Rust type, and the `Raw` method
/// that decodes it (`json`, `text`, `bytes`, `empty`).
fn decoded(cx: &Context<'_>, response: &Response) -> Option<(TokenStream, Ident)> {
    let (shape, content_type) = (response.shape.as_ref()?, response.content_type.as_deref()?);
    Some(if is_json(content_type) {
        (
            shape_type_in(cx.ir, shape, &cx.types),
            format_ident!("json"),
        )
    } else if content_type.starts_with("text/") {
        (quote!(String), format_ident!("text"))
    } else {
        (quote!(Vec<u8>), format_ident!("bytes"))
    })
}

/// Numeric statuses first, then ranges (`2XX`), then `default`: the order
/// their patterns must be matched in.
fn in_match_order<'a>(responses: impl Iterator<Item = &'a Response>) -> Vec<&'a Response> {
    let mut out: Vec<&Response> = responses.collect();
    out.sort_by_key(|r| match r.status.parse::<u16>() {
        Ok(_) => 0,
        Err(_) if r.status.eq_ignore_ascii_case("default") => 2,
        Err(_) => 1,
    });
    out
}

/// The pattern of a status: `404`, `400..=499` for `4XX`, `_` for `default`.
fn status_pattern(status: &str) -> TokenStream {
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

/// The success type, the last statement of the method, and the enum of
/// successful responses when there are several.
fn success(
    cx: &Context<'_>,
    op: &Operation,
    method_path: &str,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
    request: &Ident,
    client: &TokenStream,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let successes = in_match_order(op.responses.iter().filter(|r| r.status.starts_with('2')));
    let send = quote!(execute(#client, #request).await?);
    if successes.len() < 2 {
        return match successes.first().and_then(|r| decoded(cx, r)) {
            // One binary success: its body is left to read as it comes.
            Some((_, how)) if how == "bytes" => {
                cx.runtime_uses.borrow_mut().insert("download");
                (
                    quote!(Download),
                    quote!(execute_download(#client, #request).await),
                    None,
                )
            }
            Some((ty, how)) => (ty, quote!(#send.#how()), None),
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

// Server-sent events.

/// The one successful response of an operation, when it is
/// `text/event-stream` (server-sent events).
pub fn event_stream_response(op: &Operation) -> Option<&Response> {
    let mut successes = op.responses.iter().filter(|r| r.status.starts_with('2'));
    let only = successes.next()?;
    if successes.next().is_some() {
        return None;
    }
    only.content_type
        .as_deref()
        .filter(|ct| crate::ir::is_event_stream(ct))?;
    Some(only)
}

/// For an operation whose success is server-sent events: its success type
/// (`EventStream<Data, Errors>`) and the last statement of its method,
/// which hands the request to the runtime (`generator/runtime/sse.rs`).
/// The events' data is text when the schema is a string (or absent), else
/// JSON of the schema's type.
fn event_stream(
    cx: &Context<'_>,
    op: &Operation,
    own_errors: Option<&Ident>,
    request: &Ident,
    client: &TokenStream,
) -> Option<(TokenStream, TokenStream)> {
    let response = event_stream_response(op)?;
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

/// How an error response is listed: `404`, `4XX`, `default`.
fn entry(status: &str) -> String {
    if status.eq_ignore_ascii_case("default") {
        "default".to_string()
    } else {
        status.to_ascii_uppercase()
    }
}

/// The error responses of an operation, in match order, with their entries.
fn errors(op: &Operation) -> Vec<(&Response, String)> {
    in_match_order(op.responses.iter().filter(|r| !r.status.starts_with('2')))
        .into_iter()
        .map(|r| (r, entry(&r.status)))
        .collect()
}

/// The descriptions of a response as one line of rustdoc prose (see
/// [`crate::docs::prose`]), separated by `; `.
fn one_line(docs: &[String]) -> String {
    let parts: Vec<String> = docs
        .iter()
        .map(|d| {
            d.replace('\n', " ")
                .trim()
                .trim_end_matches('.')
                .to_string()
        })
        .filter(|d| !d.is_empty())
        .collect();
    let mut line = parts.join("; ");
    if !line.is_empty() {
        line.push('.');
    }
    crate::docs::prose(&line)
}

/// The documentation of the errors of an operation whose error responses
/// have no typed body (they come as [`ErrorStatus`]): a line per response.
pub fn error_docs(op: &Operation) -> String {
    let errors = errors(op);
    if errors.is_empty() || errors.iter().any(|(r, _)| r.shape.is_some()) {
        return String::new();
    }
    let mut text = String::from("\n\nDocumented errors ([`ErrorStatus`]):");
    for (r, entry) in errors {
        text.push_str(&format!("\n- {}", crate::docs::code(&entry)));
        if !r.docs.is_empty() {
            text.push_str(&format!(": {}", one_line(&r.docs)));
        }
    }
    text
}

/// The operation's own enum of documented error responses (`None`: it uses
/// `ErrorStatus`, as no error response has a typed body), the step that
/// lists them, and the enum's item: one a variant per status, range and
/// `default`, each with its body as the description types it.
fn error_enum(
    cx: &Context<'_>,
    op: &Operation,
    scope: &mut Scope,
    named: &dyn Fn(&str) -> String,
    request: &Ident,
    method_path: &str,
) -> (Option<Ident>, Option<TokenStream>, TokenStream) {
    let errors = errors(op);
    let listed = errors.iter().map(|(_, entry)| entry);
    let step = (!errors.is_empty()).then(|| quote!(#request.errors(&[#(#listed),*]);));
    let typed: Vec<_> = errors.iter().map(|(r, _)| decoded(cx, r)).collect();
    if typed.iter().all(Option::is_none) {
        return (None, step, TokenStream::new());
    }
    let name = format_ident!("{}", scope.unique(named("Error")));
    let mut variant_scope = Scope::new();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for ((r, entry), typed) in errors.iter().zip(typed) {
        let variant = format_ident!("{}", variant_scope.unique(variant_name(&r.status)));
        let mut text = crate::docs::code(entry);
        if !r.docs.is_empty() {
            text.push_str(&format!(": {}", one_line(&r.docs)));
        }
        let docs = doc_attrs(&text);
        match typed {
            Some((ty, how)) => {
                let decode = match how.to_string().as_str() {
                    "json" => quote!(json_body(body)),
                    "text" => quote!(text_body(body)),
                    _ => quote!(Some(body.to_vec())),
                };
                variants.push(quote!(#docs #variant(#ty),));
                arms.push(quote!(#entry => #decode.map(Self::#variant),));
            }
            None => {
                variants.push(quote!(#docs #variant,));
                arms.push(quote!(#entry => Some(Self::#variant),));
            }
        }
    }
    let item = response_enum(
        &format!("The documented error responses of [`{method_path}`], with their bodies."),
        &name,
        &variants,
    );
    let item = quote! {
        #item

        impl ErrorResponses for #name {
            fn decode(entry: &str, body: &[u8]) -> Option<Self> {
                match entry {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    };
    (Some(name), step, item)
}

/// An enum of responses, a variant per status (their bodies' types may be
/// deprecated, and one may be much larger than the others).
fn response_enum(doc: &str, name: &Ident, variants: &[TokenStream]) -> TokenStream {
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

/// The variant of an error status: its reason phrase (`NotFound`),
/// `Status418`, `ClientError` for `4XX`, `Default` for `default`.
fn variant_name(status: &str) -> String {
    let known = match status.to_ascii_uppercase().as_str() {
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
        "1XX" => "Informational",
        "3XX" => "Redirection",
        "4XX" => "ClientError",
        "5XX" => "ServerError",
        "DEFAULT" => "Default",
        _ => return status_name(status),
    };
    known.to_string()
}

/// `Status201`, `Status2XX`: a status as a variant name.
fn status_name(status: &str) -> String {
    if !status.is_empty() && status.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("Status{}", status.to_ascii_uppercase())
    } else {
        format!("Status{}", naming::type_name(status))
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
    text.push_str(&error_docs(op));
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
