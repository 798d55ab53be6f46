//! The `types` module: one Rust item per [`TypeDef`].

use super::strict_null::StrictNull;
use super::{doc_attrs, ident};
use crate::ir::{Enum, Extra, Field, Ir, Shape, Struct, TypeDef, TypeKind, Union};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The Rust type of a shape, as used inside the `types` module.
pub fn shape_type(ir: &Ir, shape: &Shape) -> TokenStream {
    shape_type_in(ir, shape, &TokenStream::new())
}

/// The Rust type of a shape, with named types reached through `prefix`
/// (e.g. `super::types::` from another module).
pub fn shape_type_in(ir: &Ir, shape: &Shape, prefix: &TokenStream) -> TokenStream {
    match shape {
        Shape::String => quote!(String),
        Shape::Integer(width) => {
            let ty = quote::format_ident!("{}", width.rust());
            quote!(#ty)
        }
        Shape::Number => quote!(f64),
        Shape::Boolean => quote!(bool),
        Shape::Any => quote!(::serde_json::Value),
        Shape::Array(inner) => {
            let inner = shape_type_in(ir, inner, prefix);
            quote!(Vec<#inner>)
        }
        Shape::Map(inner) => {
            let inner = shape_type_in(ir, inner, prefix);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Shape::Nullable(inner) => {
            let inner = shape_type_in(ir, inner, prefix);
            quote!(Option<#inner>)
        }
        Shape::Named(id) => {
            let name = ident(&ir.type_def(*id).name);
            quote!(#prefix #name)
        }
    }
}

fn boxed(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// What the module starts with: the import of `Patch`, when a field uses it,
/// and the functions that read request types strictly ([`StrictNull`]).
pub fn head(ir: &Ir, strict: &StrictNull) -> Vec<TokenStream> {
    let uses_patch = ir.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| !f.required && f.nullable),
        _ => false,
    });
    let patch = uses_patch.then(|| {
        quote!(
            use super::runtime::Patch;
        )
    });
    patch.into_iter().chain(strict.functions()).collect()
}

/// The item (and its impls) of one type: after [`head`], one per type, in
/// the order of the IR. Each depends on its type alone, so they can be built
/// in any order and on any thread.
pub fn item(ir: &Ir, def: &TypeDef, strict: &StrictNull) -> TokenStream {
    let mut docs = def.docs.clone().unwrap_or_default();
    if docs.is_empty() {
        docs = format!(
            "{} in the description.",
            crate::docs::code(def.source.rsplit('/').next().unwrap_or_default())
        );
    }
    let docs = doc_attrs(&docs);
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().map(|f| field(ir, f, strict.field(def, f)));
            structure(ir, &name, s, fields.collect(), docs, deprecated)
        }
        TypeKind::Enum(e) => enumeration(&name, e, docs, deprecated),
        TypeKind::Union(u) => union(ir, &name, u, docs, deprecated),
        TypeKind::Alias(shape) => {
            let ty = shape_type(ir, shape);
            quote! {
                #docs
                #deprecated
                #[allow(deprecated)]
                pub type #name = #ty;
            }
        }
        TypeKind::Newtype {
            shape,
            boxed: is_boxed,
        } => {
            let ty = boxed(shape_type(ir, shape), *is_boxed);
            quote! {
                #docs
                #deprecated
                #[allow(deprecated)]
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
    }
}

/// A field; `not_null` names the function that reads it when `null` is an
/// error (a request type: see [`StrictNull`]).
fn field(ir: &Ir, f: &Field, not_null: Option<String>) -> TokenStream {
    let name = ident(&f.name);
    let inner = boxed(shape_type(ir, &f.shape), f.boxed);
    let rename = (f.name != f.wire).then(|| {
        let wire = &f.wire;
        quote!(rename = #wire,)
    });
    // A missing required `Option` is an error, not a null. A `null` in an
    // optional field that does not allow null is an error in a request type,
    // and is read as absent elsewhere (responses are read tolerantly); what
    // is sent is then exactly what `validate()` checked.
    let (ty, serde) = match (f.required, f.nullable) {
        (true, false) => (inner, quote!()),
        (true, true) => (
            quote!(Option<#inner>),
            quote!(deserialize_with = "super::runtime::required_nullable",),
        ),
        (false, true) => (
            quote!(Patch<#inner>),
            quote!(default, skip_serializing_if = "Patch::is_absent",),
        ),
        (false, false) => match not_null {
            Some(function) => (
                quote!(Option<#inner>),
                quote!(default, skip_serializing_if = "Option::is_none", deserialize_with = #function,),
            ),
            None => (
                quote!(Option<#inner>),
                quote!(default, skip_serializing_if = "Option::is_none",),
            ),
        },
    };
    let serde_attr =
        (rename.is_some() || !serde.is_empty()).then(|| quote!(#[serde(#rename #serde)]));
    let mut text = f.docs.clone().unwrap_or_default();
    let state = match (f.required, f.nullable) {
        (true, false) => "Required.",
        (true, true) => "Required; may be null.",
        (false, true) => "Optional: `Patch::Absent` leaves it out, `Patch::Null` sends null.",
        (false, false) => "Optional.",
    };
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(state);
    let docs = doc_attrs(&text);
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        #serde_attr
        pub #name: #ty,
    }
}

fn structure(
    ir: &Ir,
    name: &proc_macro2::Ident,
    s: &Struct,
    fields: Vec<TokenStream>,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let extra = ident(&s.extra_field);
    let (extra_ty, extra_doc) = match &s.extra {
        Extra::Typed(shape) => {
            let ty = shape_type(ir, shape);
            (quote!(::std::collections::BTreeMap<String, #ty>), "Keys other than the named fields, with their values.")
        }
        Extra::Open => (
            quote!(::std::collections::BTreeMap<String, ::serde_json::Value>),
            "Keys other than the named fields, kept as they are so that nothing is lost when the object is sent back.",
        ),
        Extra::Closed => (
            quote!(::std::collections::BTreeMap<String, ::serde_json::Value>),
            "Keys that the description does not list. The description allows none, but a newer server may send some: they are kept here. Requests should leave it empty.",
        ),
    };
    let extra_docs = doc_attrs(extra_doc);
    let default = s.derives_default.then(|| quote!(Default,));
    quote! {
        #docs
        #deprecated
        #[allow(deprecated)]
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #extra_docs
            #[serde(flatten)]
            pub #extra: #extra_ty,
        }
    }
}

fn enumeration(
    name: &proc_macro2::Ident,
    e: &Enum,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let unknown = ident(&e.unknown);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = doc_attrs(&crate::docs::code(&v.value));
        quote!(#doc #variant,)
    });
    let unknown_doc =
        doc_attrs("A value that this version of the description does not list, kept as received.");
    let impls = enumeration_impls(name, e, &unknown);
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(String),
        }

        #impls
    }
}

/// The impls of an enum of strings: its values (`ALL`, `as_str`,
/// `is_known`), `From<&str>`, `Display`, and serde by the wire value.
fn enumeration_impls(name: &proc_macro2::Ident, e: &Enum, unknown: &Ident) -> TokenStream {
    let to_str = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    let all = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        quote!(Self::#variant,)
    });
    quote! {
        #[allow(deprecated)]
        impl #name {
            /// Every value the description lists.
            pub const ALL: &'static [Self] = &[#(#all)*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(value) => value,
                }
            }

            /// Whether the description lists this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#unknown(_))
            }
        }

        #[allow(deprecated)]
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        #[allow(deprecated)]
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

/// With a discriminator: the branch that the value of its property names is
/// tried first (branches of the same structure, such as events that differ
/// only in their `type`, are told apart so); a value that names none, or
/// that its branch does not accept, goes on to the structural tries.
fn discriminated(ir: &Ir, u: &Union) -> Option<TokenStream> {
    let d = u.discriminator.as_ref()?;
    let property = &d.property;
    // Each named branch: its tag values, its variant and its type.
    let tagged: Vec<(Vec<&String>, proc_macro2::Ident, TokenStream)> = u
        .variants
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            let values: Vec<&String> = d
                .tags
                .iter()
                .filter(|(_, i)| *i == index)
                .map(|(value, _)| value)
                .collect();
            if values.is_empty() {
                return None;
            }
            let variant = ident(&v.name);
            let ty = boxed(shape_type(ir, &v.shape), v.boxed);
            Some((values, variant, ty))
        })
        .collect();
    let tag = quote!(value.get(#property).and_then(::serde_json::Value::as_str));
    // One branch named: a test of the tag, not a `match` of one arm.
    if let [(values, variant, ty)] = tagged.as_slice() {
        return Some(quote! {
            if ::std::matches!(#tag, Some(#(#values)|*)) {
                if let Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                    return Ok(Self::#variant(v));
                }
            }
        });
    }
    let arms = tagged.iter().map(|(values, variant, ty)| {
        quote! {
            #(#values)|* => {
                if let Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                    return Ok(Self::#variant(v));
                }
            }
        }
    });
    Some(quote! {
        if let Some(tag) = #tag {
            match tag {
                #(#arms)*
                _ => {}
            }
        }
    })
}

fn union(
    ir: &Ir,
    name: &proc_macro2::Ident,
    u: &Union,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let unknown = ident(&u.unknown);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = boxed(shape_type(ir, &v.shape), v.boxed);
        quote!(#variant(#ty),)
    });
    // Closed objects whose properties cover every key of the value are tried
    // first, so that `{"value": "x"}` is not taken for an all-optional sibling.
    let exact = u.variants.iter().filter_map(|v| {
        let Shape::Named(id) = &v.shape else {
            return None;
        };
        let TypeKind::Struct(s) = &ir.type_def(*id).kind else {
            return None;
        };
        if !matches!(s.extra, Extra::Closed) {
            return None;
        }
        let variant = ident(&v.name);
        let ty = boxed(shape_type(ir, &v.shape), v.boxed);
        let keys = s.fields.iter().map(|f| &f.wire);
        Some(quote! {
            if super::runtime::keys_within(&value, &[#(#keys),*]) {
                if let Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                    return Ok(Self::#variant(v));
                }
            }
        })
    });
    let any = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = boxed(shape_type(ir, &v.shape), v.boxed);
        quote! {
            if let Ok(v) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                return Ok(Self::#variant(v));
            }
        }
    });
    let tagged = discriminated(ir, u);
    let unknown_doc =
        doc_attrs("A value that no branch of the description accepts, kept as received.");
    quote! {
        #docs
        #deprecated
        // Branches differ in size; boxing the large ones would make the
        // common ones clumsier to build and match for no gain here.
        #[allow(deprecated, clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(::serde_json::Value),
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #tagged
                #(#exact)*
                #(#any)*
                Ok(Self::#unknown(value))
            }
        }
    }
}
