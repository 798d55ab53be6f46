//! The runtimes the generated code carries with it, kept as ordinary Rust in
//! `generator/runtime/` (compiled, linted and unit-tested there by the
//! `runtime` crate of the workspace) and copied into every generated crate:
//!
//! - `patch.rs` is the `runtime` module: the three-state `Patch` field and
//!   the helpers of the types' serde attributes; it depends on nothing but
//!   `serde` and `serde_json`;
//! - `retry.rs`, `rate_limit.rs`, `client.rs`, `error.rs`, `request.rs`,
//!   `send.rs`, `encode.rs`, `media.rs`, `paginate.rs`, `auth.rs` and
//!   `token.rs` are the top of the `client` module (see [`super::client`]),
//!   followed by `sse.rs` in the crates whose operations stream server-sent
//!   events;
//! - `validate.rs`, `validate_checks.rs`, `validate_formats.rs` and
//!   `json_schema.rs` are the top of the `validate` module: the `Validate`
//!   trait, the reports, the checks and the raw-JSON validators' tables, their
//!   optional parts picked by name (see [`super::validate_runtime`]);
//! - `validate_json.rs` follows them in the `validate` module: the walker of
//!   the raw-JSON validators (see [`super::validate_json`]).
//!
//! Each file is parsed with `syn` and its items marked `#[cfg(test)]` (the
//! unit tests) are dropped; comments that are not docs are not tokens, so
//! they are not copied either. The text is the same for every description,
//! and so is what it prints as.

use crate::error::{Error, ErrorKind, Result};
use proc_macro2::TokenStream;
use quote::quote;

/// `generator/runtime/patch.rs`, as text.
const PATCH: &str = include_str!("../../runtime/patch.rs");

/// `generator/runtime/retry.rs`, as text.
pub const RETRY: &str = include_str!("../../runtime/retry.rs");

/// `generator/runtime/rate_limit.rs`, as text.
pub const RATE_LIMIT: &str = include_str!("../../runtime/rate_limit.rs");

/// `generator/runtime/client.rs`, as text.
pub const CLIENT: &str = include_str!("../../runtime/client.rs");

/// `generator/runtime/error.rs`, as text.
pub const ERROR: &str = include_str!("../../runtime/error.rs");

/// `generator/runtime/request.rs`, as text.
pub const REQUEST: &str = include_str!("../../runtime/request.rs");

/// `generator/runtime/send.rs`, as text.
pub const SEND: &str = include_str!("../../runtime/send.rs");

/// `generator/runtime/encode.rs`, as text.
pub const ENCODE: &str = include_str!("../../runtime/encode.rs");

/// `generator/runtime/media.rs`, as text.
pub const MEDIA: &str = include_str!("../../runtime/media.rs");

/// `generator/runtime/auth.rs`, as text.
pub const AUTH: &str = include_str!("../../runtime/auth.rs");

/// `generator/runtime/sse.rs` (server-sent events), as text.
pub const SSE: &str = include_str!("../../runtime/sse.rs");

/// `generator/runtime/token.rs`, as text.
pub const TOKEN: &str = include_str!("../../runtime/token.rs");

/// `generator/runtime/paginate.rs`, as text.
pub const PAGINATE: &str = include_str!("../../runtime/paginate.rs");

/// The `runtime` module.
pub fn module() -> Result<TokenStream> {
    let items = items("patch.rs", PATCH)?;
    Ok(quote!(#(#items)*))
}

/// The items of a runtime file without those marked `#[cfg(test)]`, and
/// without the `#[rustfmt::skip]` attributes of the others (an instruction for
/// formatting the file, where rustfmt would change a token: the generated
/// code is printed by the generator, not by rustfmt).
pub fn items(name: &str, text: &str) -> Result<Vec<syn::Item>> {
    let file = syn::parse_file(text).map_err(|e| {
        Error::new(
            ErrorKind::Invalid,
            format!(
                "internal error: the runtime file `generator/runtime/{name}` does not parse: {e}"
            ),
        )
        .help("please report this: the generator was built from a broken source tree")
    })?;
    Ok(file
        .items
        .into_iter()
        .filter_map(|mut item| {
            if let Some(attrs) = attrs_mut(&mut item) {
                if attrs.iter().any(is_cfg_test) {
                    return None;
                }
                attrs.retain(|attr| !is_rustfmt_skip(attr));
            }
            Some(item)
        })
        .collect())
}

/// The names of the methods that `impl` blocks of the type `ty` define
/// among `items` (the builder's own setters, say).
pub fn method_names(items: &[syn::Item], ty: &str) -> Vec<String> {
    let mut names = Vec::new();
    for item in items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(path) = block.self_ty.as_ref() else {
            continue;
        };
        if block.trait_.is_some() || !path.path.is_ident(ty) {
            continue;
        }
        for inner in &block.items {
            if let syn::ImplItem::Fn(method) = inner {
                names.push(method.sig.ident.to_string());
            }
        }
    }
    names
}

/// The names that items define or import in their module: types, traits,
/// functions, constants, statics and the leaves of `use` trees (`Duration`
/// of `use ::std::time::Duration;`).
pub fn item_names(items: &[syn::Item]) -> Vec<String> {
    fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => use_names(&path.tree, out),
            syn::UseTree::Name(name) => out.push(name.ident.to_string()),
            syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    use_names(tree, out);
                }
            }
            syn::UseTree::Glob(_) => {}
        }
    }
    let mut out = Vec::new();
    for item in items {
        match item {
            syn::Item::Const(i) => out.push(i.ident.to_string()),
            syn::Item::Enum(i) => out.push(i.ident.to_string()),
            syn::Item::Fn(i) => out.push(i.sig.ident.to_string()),
            syn::Item::Static(i) => out.push(i.ident.to_string()),
            syn::Item::Struct(i) => out.push(i.ident.to_string()),
            syn::Item::Trait(i) => out.push(i.ident.to_string()),
            syn::Item::Type(i) => out.push(i.ident.to_string()),
            syn::Item::Union(i) => out.push(i.ident.to_string()),
            syn::Item::Mod(i) => out.push(i.ident.to_string()),
            syn::Item::Use(i) => use_names(&i.tree, &mut out),
            _ => {}
        }
    }
    out
}

/// The attributes of an item (`None` for a kind of item with none).
fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::ExternCrate(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::ForeignMod(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Trait(i) => &mut i.attrs,
        syn::Item::TraitAlias(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Union(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// Whether an attribute is `#[cfg(test)]`.
fn is_cfg_test(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg")
        && attr
            .parse_args::<syn::Ident>()
            .is_ok_and(|arg| arg == "test")
}

/// Whether an attribute is `#[rustfmt::skip]`.
fn is_rustfmt_skip(attr: &syn::Attribute) -> bool {
    matches!(attr.meta, syn::Meta::Path(_))
        && attr.path().segments.len() == 2
        && attr.path().segments[0].ident == "rustfmt"
        && attr.path().segments[1].ident == "skip"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit tests of the runtime files stay out of the generated code,
    /// and everything else goes in.
    #[test]
    fn test_items_are_dropped() {
        for (name, text) in [
            ("patch.rs", PATCH),
            ("retry.rs", RETRY),
            ("rate_limit.rs", RATE_LIMIT),
            ("client.rs", CLIENT),
            ("error.rs", ERROR),
            ("request.rs", REQUEST),
            ("send.rs", SEND),
            ("encode.rs", ENCODE),
            ("media.rs", MEDIA),
            ("auth.rs", AUTH),
            ("token.rs", TOKEN),
            ("paginate.rs", PAGINATE),
            ("validate.rs", super::super::validate_runtime::VALIDATE),
            (
                "validate_checks.rs",
                super::super::validate_runtime::VALIDATE_CHECKS,
            ),
            (
                "validate_formats.rs",
                super::super::validate_runtime::VALIDATE_FORMATS,
            ),
            (
                "json_schema.rs",
                super::super::validate_runtime::JSON_SCHEMA,
            ),
            (
                "validate_json.rs",
                super::super::validate_json::VALIDATE_JSON,
            ),
        ] {
            let all = syn::parse_file(text).expect("parses").items.len();
            let kept = items(name, text).expect("parses");
            assert_eq!(all - kept.len(), 1, "{name}: one test module");
            let printed = quote!(#(#kept)*).to_string();
            assert!(!printed.contains("cfg (test)"), "{name}");
            assert!(!printed.contains("tests {"), "{name}");
        }
        let file = "pub fn a() {}\n#[cfg(test)]\nmod tests {}\n#[cfg(not(test))]\nfn b() {}\n#[cfg(test)]\nfn c() {}\n#[rustfmt::skip]\n#[inline]\nfn d() {}\n";
        let kept = items("x.rs", file).expect("parses");
        let printed = quote!(#(#kept)*).to_string();
        assert_eq!(
            printed,
            "pub fn a () { } # [cfg (not (test))] fn b () { } # [inline] fn d () { }"
        );
    }

    /// The builder's own setters are read from the runtime, so a server
    /// variable's setter can never take one's name.
    #[test]
    fn builder_methods() {
        let all = items("client.rs", CLIENT).expect("parses");
        let names = method_names(&all, "ClientBuilder");
        for name in [
            "base_url",
            "server_variable",
            "retry",
            "http_client",
            "on_request",
            "build",
        ] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
        assert!(
            !names.iter().any(|n| n == "fmt" || n == "default"),
            "{names:?}"
        );
        assert!(method_names(&all, "Nothing").is_empty());
    }

    /// The client module's own names are taken from the runtime: every
    /// type, and what is used unqualified (the functions, the imported
    /// `Duration`).
    #[test]
    fn client_runtime_names() {
        let mut all = items("retry.rs", RETRY).expect("parses");
        all.extend(items("rate_limit.rs", RATE_LIMIT).expect("parses"));
        all.extend(items("client.rs", CLIENT).expect("parses"));
        all.extend(items("error.rs", ERROR).expect("parses"));
        all.extend(items("request.rs", REQUEST).expect("parses"));
        all.extend(items("send.rs", SEND).expect("parses"));
        all.extend(items("encode.rs", ENCODE).expect("parses"));
        all.extend(items("auth.rs", AUTH).expect("parses"));
        all.extend(items("token.rs", TOKEN).expect("parses"));
        let names = item_names(&all);
        for name in [
            "Client",
            "ClientBuilder",
            "BuildError",
            "RetryPolicy",
            "RateLimit",
            "Response",
            "ApiError",
            "Error",
            "ErrorResponses",
            "ErrorStatus",
            "ApiResult",
            "Scheme",
            "SchemeKind",
            "Credentials",
            "authorize",
            "Request",
            "InvalidRequest",
            "RawBody",
            "Secret",
            "TokenSource",
            "TokenError",
            "ClientCredentials",
            "TokenEndpoint",
            "Raw",
            "Duration",
            "execute",
            "encode_segment",
            "json_body",
            "text_body",
        ] {
            assert!(names.iter().any(|n| n == name), "{name}");
        }
        let uses = "use a::{b, c::D, e as F, g::*};";
        let names = item_names(&items("x.rs", uses).expect("parses"));
        assert_eq!(names, ["b", "D", "F"]);
    }

    /// A runtime file that does not parse is an error, not a panic.
    #[test]
    fn broken_runtime_is_an_error() {
        assert!(items("x.rs", "fn (").is_err());
    }
}
