//! The parameters of an operation (IR parameters → tokens): the method's
//! arguments and steps for its path parameters, and the struct of its
//! query, header and cookie parameters with the steps that send them.

use super::super::types::shape_type_in;
use super::super::{doc_attrs, ident};
use super::Context;
use crate::ir::{Operation, ParamLocation, ParamStyle, Shape};
use crate::naming::Scope;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The method's arguments of an operation's path parameters (`&str` for a
/// string), and the steps that put them in the request's path.
pub(super) fn path(
    cx: &Context<'_>,
    op: &Operation,
    request: &Ident,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut steps = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
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
    (args, steps)
}

/// The struct of an operation's query and header parameters (its name and
/// item), and the steps that put them in the request.
pub(super) fn params(
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
