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

    /// A runtime file that does not parse is an error, not a panic.
    #[test]
    fn broken_runtime_is_an_error() {
        assert!(items("x.rs", "fn (").is_err());
    }
}
