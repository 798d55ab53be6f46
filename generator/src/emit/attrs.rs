//! Settings that add to the emitted items without the emitters knowing:
//! extra derives on every struct and enum of the `types` module.

use crate::emit::Output;
use crate::error::{Error, ErrorKind, Result};
use quote::quote;

/// Adds `#[derive(…)]` with these paths to every struct and enum of the
/// `types` module.
pub fn add_derives(output: &mut Output, derives: &[String]) -> Result<()> {
    if derives.is_empty() {
        return Ok(());
    }
    let paths = derives
        .iter()
        .map(|d| {
            syn::parse_str::<syn::Path>(d).map_err(|e| {
                Error::new(
                    ErrorKind::Selection,
                    format!("`{d}` is not a path that can be derived: {e}"),
                )
                .help("give a trait path such as `Eq`, `Hash` or `::schemars::JsonSchema`")
            })
        })
        .collect::<Result<Vec<syn::Path>>>()?;
    for module in output.modules.iter_mut().filter(|m| m.name == "types") {
        let mut file: syn::File = syn::parse_file(&module.text).map_err(|e| {
            Error::new(
                ErrorKind::Invalid,
                format!("internal error: the generated types do not parse: {e}"),
            )
        })?;
        for item in &mut file.items {
            let attrs = match item {
                syn::Item::Struct(s) => &mut s.attrs,
                syn::Item::Enum(e) => &mut e.attrs,
                _ => continue,
            };
            // A trait the item derives already is not derived twice.
            let present = derived(attrs);
            let missing: Vec<&syn::Path> = paths
                .iter()
                .filter(|p| !present.iter().any(|q| last(q) == last(p)))
                .collect();
            if !missing.is_empty() {
                attrs.push(syn::parse_quote!(#[derive(#(#missing),*)]));
            }
        }
        module.text = crate::emit::format(quote!(#file))?;
    }
    Ok(())
}

/// The paths an item's `#[derive(…)]` attributes name.
fn derived(attrs: &[syn::Attribute]) -> Vec<syn::Path> {
    use syn::punctuated::Punctuated;
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .collect()
}

fn last(path: &syn::Path) -> Option<String> {
    path.segments.last().map(|s| s.ident.to_string())
}
