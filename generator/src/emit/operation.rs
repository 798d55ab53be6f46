//! One operation of the `client` module (IR operation → tokens): its
//! method, a short call into the runtime's `Request` and `execute`
//! (`generator/runtime/request.rs`), and the items it needs: the enum of
//! its documented error responses, and where needed a struct of its query
//! and header parameters and an enum of its successful responses.

use super::types::shape_type_in;
use super::{doc_attrs, ident};
use crate::ir::{Ir, Operation, ParamLocation, Response, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// How an operation's method is called, for its grouped alias.
pub struct Signature {
    /// `name: Type` of each argument after `&self`.
    pub args: Vec<TokenStream>,
    pub names: Vec<Ident>,
    pub ret: TokenStream,
}

/// What the emitter of an operation shares with the others.
pub struct Context<'a> {
    pub ir: &'a Ir,
    /// `super::types::`.
    pub types: TokenStream,
    pub validators: bool,
    /// The validator function of each alias type, by type id.
    pub alias_fns: Vec<Option<String>>,
}

/// One operation: its items (error enum, params, success enum), its
/// method and its signature.
pub fn operation(
    cx: &Context<'_>,
    op: &Operation,
    body_scopes: &[(String, String)],
    method_docs: TokenStream,
    scope: &mut Scope,
) -> (TokenStream, TokenStream, Signature) {
    // `{operationId} Error` in one conversion, so that a base that is itself
    // reserved (`Send` → `Send_`) does not leave an underscore inside.
    let named = |suffix: &str| naming::type_name(&format!("{} {suffix}", op.id));
    let (error_ty, error_item) = error_enum(cx, op, scope.unique(named("Error")));

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
    let mut names = Vec::new();
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
        names.push(name.clone());
        let wire = &p.name;
        steps.push(quote!(#request.path(#wire, #name)?;));
    }
    let (params_item, params_steps) = params(cx, op, &named, scope, &params_arg, &request);
    if let Some((params_name, _)) = &params_item {
        args.push(quote!(#params_arg: &#params_name));
        names.push(params_arg.clone());
    }
    steps.extend(params_steps);
    if !op.scopes.is_empty() {
        let scopes = &op.scopes;
        steps.push(quote!(#request.scopes(&[#(#scopes),*]);));
    }
    for (field, scope) in body_scopes {
        steps.push(quote!(#request.field_scope(#field, #scope);));
    }
    if let Some(body) = &op.body {
        let (arg, body_steps) = body_steps(cx, body, &body_arg, &request);
        args.push(arg);
        names.push(body_arg.clone());
        steps.extend(body_steps);
    }

    let (success_ty, finish, success_item) = success(cx, op, &named, scope, &request);
    let method = format_ident!("{}", op.method);
    let path = &op.path;
    let accept = accept(op).map(|accept| quote!(#request.accept(#accept);));
    let fn_name = ident(&op.fn_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let ret = quote!(Result<Response<#success_ty>, Error<#error_ty>>);
    // The types may be deprecated; clippy's limit is 7 arguments, `&self`
    // included.
    let allow = if args.len() >= 7 {
        quote!(#[allow(deprecated, clippy::too_many_arguments)])
    } else {
        quote!(#[allow(deprecated)])
    };
    let method = quote! {
        #method_docs
        #deprecated
        #allow
        pub async fn #fn_name(&self, #(#args),*) -> #ret {
            let mut #request = Request::new(Method::#method, #path);
            #accept
            #(#steps)*
            #finish
        }
    };
    let params_item = params_item.map(|(_, item)| item);
    let items = quote! {
        #error_item
        #params_item
        #success_item
    };
    (items, method, Signature { args, names, ret })
}

/// The struct of an operation's query and header parameters (its name and
/// item), and the steps that put them in the request.
fn params(
    cx: &Context<'_>,
    op: &Operation,
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
    params_arg: &Ident,
    request: &Ident,
) -> (Option<(Ident, TokenStream)>, Vec<TokenStream>) {
    let params: Vec<_> = op
        .params
        .iter()
        .filter(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Header))
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
            if query { "query" } else { "header" },
            if p.required { ", required" } else { "" },
            p.docs
                .as_ref()
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default()
        ));
        fields.push(quote!(#docs pub #field: #ty,));
        let wire = &p.name;
        let call = match (query, p.deep_object) {
            (true, true) => quote!(deep_object),
            (true, false) => quote!(query),
            (false, _) => quote!(header),
        };
        steps.push(quote!(#request.#call(#wire, &#params_arg.#field);));
    }
    let doc = doc_attrs(&format!(
        "Query and header parameters of [`Client::{}`].",
        op.fn_name
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

/// The argument of an operation's body and the steps that check it and
/// put it in the request.
fn body_steps(
    cx: &Context<'_>,
    body: &crate::ir::Body,
    body_arg: &Ident,
    request: &Ident,
) -> (TokenStream, Vec<TokenStream>) {
    if !is_json(&body.content_type) {
        return (
            quote!(#body_arg: &RawBody),
            vec![quote!(#request.raw(#body_arg);)],
        );
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
            if self.validate {
                #call.map_err(Error::Validation)?;
            }
        });
    }
    steps.push(quote!(#request.json(#body_arg)?;));
    (quote!(#body_arg: &#ty), steps)
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
    named: &dyn Fn(&str) -> String,
    scope: &mut Scope,
    request: &Ident,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let successes = in_match_order(op.responses.iter().filter(|r| r.status.starts_with('2')));
    let send = quote!(execute(self, #request).await?);
    if successes.len() < 2 {
        return match successes.first().and_then(|r| decoded(cx, r)) {
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
    let doc = doc_attrs(&format!(
        "The successful responses of [`Client::{}`], one variant per documented status.",
        op.fn_name
    ));
    let item = quote! {
        #doc
        #[allow(deprecated, clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    };
    let finish = quote! {
        let raw = #send;
        match raw.status() {
            #(#arms)*
            _ => raw.undocumented(),
        }
    };
    (quote!(#name), finish, Some(item))
}

/// The enum of an operation's documented error responses (its type and
/// item): a variant per status, range and `default`, each with its body
/// as the description types it. `Undocumented` when there are none.
fn error_enum(cx: &Context<'_>, op: &Operation, name: String) -> (TokenStream, TokenStream) {
    let errors = in_match_order(op.responses.iter().filter(|r| !r.status.starts_with('2')));
    if errors.is_empty() {
        return (quote!(Undocumented), TokenStream::new());
    }
    let name = format_ident!("{name}");
    let mut variant_scope = Scope::new();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut has_default = false;
    let mut reads_body = false;
    for r in &errors {
        let variant = format_ident!("{}", variant_scope.unique(variant_name(&r.status)));
        let mut text = crate::docs::code(&r.status);
        match r.docs.as_slice() {
            [] => {}
            [only] => text.push_str(&format!(": {}", only.replace('\n', " "))),
            several => {
                text.push_str(", described as:\n");
                for d in several {
                    text.push_str(&format!("\n- {}", d.replace('\n', " ")));
                }
            }
        }
        let docs = doc_attrs(&text);
        let pattern = status_pattern(&r.status);
        has_default |= pattern.to_string() == "_";
        match decoded(cx, r) {
            Some((ty, how)) => {
                reads_body = true;
                let decode = match how.to_string().as_str() {
                    "json" => quote!(json_body(body)),
                    "text" => quote!(text_body(body)),
                    _ => quote!(Some(body.to_vec())),
                };
                variants.push(quote!(#docs #variant(#ty),));
                arms.push(quote!(#pattern => #decode.map(Self::#variant),));
            }
            None => {
                variants.push(quote!(#docs #variant,));
                arms.push(quote!(#pattern => Some(Self::#variant),));
            }
        }
    }
    let fallback = (!has_default).then(|| quote!(_ => None,));
    let allow = if reads_body {
        quote!(#[allow(deprecated, clippy::large_enum_variant)])
    } else {
        TokenStream::new()
    };
    let body = if reads_body { quote!(body) } else { quote!(_) };
    let doc = doc_attrs(&format!(
        "The documented error responses of [`Client::{}`], with their bodies.",
        op.fn_name
    ));
    let item = quote! {
        #doc
        #allow
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl ErrorResponses for #name {
            fn decode(status: u16, #body: &[u8]) -> Option<Self> {
                match status {
                    #(#arms)*
                    #fallback
                }
            }
        }
    };
    (quote!(#name), item)
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
