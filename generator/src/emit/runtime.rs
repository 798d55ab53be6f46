//! The runtimes the generated code carries with it, kept as ordinary Rust in
//! `generator/runtime/` (compiled, linted and unit-tested there by the
//! `runtime` crate of the workspace) and copied into every generated crate:
//!
//! - `patch.rs` is the `runtime` module: the three-state `Patch` field and
//!   the helpers of the types' serde attributes; it depends on nothing but
//!   `serde` and `serde_json`;
//! - `client.rs` is the top of the `client` module (see [`super::client`]).
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

/// `generator/runtime/client.rs`, as text.
pub const CLIENT: &str = include_str!("../../runtime/client.rs");

/// The `runtime` module.
pub fn module() -> Result<TokenStream> {
    let items = items("patch.rs", PATCH)?;
    Ok(quote!(#(#items)*))
}

/// The items of a runtime file without those marked `#[cfg(test)]`.
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
        .filter(|item| !is_test_only(item))
        .collect())
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

/// Whether an item carries `#[cfg(test)]`.
fn is_test_only(item: &syn::Item) -> bool {
    let attrs: &[syn::Attribute] = match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    };
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|arg| arg == "test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit tests of the runtime files stay out of the generated code,
    /// and everything else goes in.
    #[test]
    fn test_items_are_dropped() {
        for (name, text) in [("patch.rs", PATCH), ("client.rs", CLIENT)] {
            let all = syn::parse_file(text).expect("parses").items.len();
            let kept = items(name, text).expect("parses");
            assert_eq!(all - kept.len(), 1, "{name}: one `mod tests`");
            let printed = quote!(#(#kept)*).to_string();
            assert!(!printed.contains("cfg (test)"), "{name}");
            assert!(!printed.contains("mod tests"), "{name}");
        }
        let file = "pub fn a() {}\n#[cfg(test)]\nmod tests {}\n#[cfg(not(test))]\nfn b() {}\n#[cfg(test)]\nfn c() {}\n";
        let kept = items("x.rs", file).expect("parses");
        let printed = quote!(#(#kept)*).to_string();
        assert_eq!(printed, "pub fn a () { } # [cfg (not (test))] fn b () { }");
    }

    /// The client module's own names are taken from the runtime: every
    /// type, and what is used unqualified (the private `Raw` and
    /// `SendError`, the imported `Duration`).
    #[test]
    fn client_runtime_names() {
        let names = item_names(&items("client.rs", CLIENT).expect("parses"));
        for name in [
            "Client",
            "ClientBuilder",
            "BuildError",
            "RetryPolicy",
            "RateLimit",
            "Response",
            "ApiError",
            "ApiErrorBody",
            "ErrorBody",
            "RawBody",
            "Token",
            "Raw",
            "SendError",
            "Duration",
            "send_request",
            "encode_segment",
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
