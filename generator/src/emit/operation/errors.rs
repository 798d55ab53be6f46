//! The error responses of an operation (IR responses → tokens): the step
//! that lists them, the enum of the documented ones with their bodies, and
//! the documentation of those without a typed body.

use super::super::doc_attrs;
use super::responses::{decoded, in_match_order, response_enum, status_name, Reading};
use super::Context;
use crate::ir::{Operation, Response};
use crate::naming::Scope;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

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
pub(super) fn error_docs(op: &Operation) -> String {
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
pub(super) fn error_enum(
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
                let decode = match how {
                    Reading::Json => quote!(json_body(body)),
                    Reading::Text => quote!(text_body(body)),
                    Reading::Bytes => quote!(Some(body.to_vec())),
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
