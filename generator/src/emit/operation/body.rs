//! The request body of an operation (IR body → tokens): how its media type
//! is passed and sent, the method's argument and steps for it, and the
//! struct of a `multipart/form-data` body.

use super::super::types::shape_type_in;
use super::super::{doc_attrs, ident};
use super::{is_json, Context};
use crate::ir::{Field, Ir, Shape, TypeKind};
use crate::naming::Scope;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

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

/// The optional part of the runtime that sending the body takes (see
/// [`super::runtime_uses`]).
pub(super) fn runtime_use(ir: &Ir, body: &crate::ir::Body) -> Option<&'static str> {
    match body_kind(ir, body) {
        BodyKind::Form => Some("form"),
        BodyKind::Multipart => Some("multipart"),
        BodyKind::Text | BodyKind::Bytes => Some("bytes"),
        BodyKind::Json | BodyKind::Raw => None,
    }
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
pub(super) fn body_steps(
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
    match kind {
        BodyKind::Json | BodyKind::Form => {}
        BodyKind::Multipart => {
            let (name, item) = multipart_form(cx, body, method_path, named, scope);
            let steps = vec![quote!(#request.multipart(#body_arg.parts())?;)];
            return (quote!(#body_arg: &#name), steps, Some(item));
        }
        BodyKind::Text => {
            let steps = vec![quote!(#request.bytes(#content_type, #body_arg.as_bytes());)];
            return (quote!(#body_arg: &str), steps, None);
        }
        BodyKind::Bytes => {
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
        let (decl, part) = multipart_field(cx, body, f, &mut default);
        decls.push(decl);
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

/// A field of a multipart body's struct and the statement that adds its
/// part; `default` is cleared when the field's type has no `Default`.
fn multipart_field(
    cx: &Context<'_>,
    body: &crate::ir::Body,
    f: &Field,
    default: &mut bool,
) -> (TokenStream, TokenStream) {
    let field = ident(&f.name);
    let wire = &f.wire;
    let optional = !f.required || f.nullable;
    let file = body.files.contains(&f.wire);
    let array = matches!(&f.shape, Shape::Array(_));
    let ty = match (file, array) {
        (true, true) => quote!(Vec<FilePart>),
        (true, false) => quote!(FilePart),
        (false, _) => {
            *default &= optional || cx.ir.has_default(&f.shape);
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
    (quote!(#docs pub #field: #ty,), part)
}
