use super::*;
use crate::error::{Error, ErrorKind, Result};
use quote::quote;

/// The items of a runtime file without those marked `#[cfg(test)]`, and
/// without the `#[rustfmt::skip]` attributes of the others (an instruction for
/// formatting the file, where rustfmt would change a token: the generated
/// code is printed by the generator, not by rustfmt).
fn items(name: &str, text: &str) -> Result<Vec<syn::Item>> {
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

/// The names of the methods that `impl` blocks of the type `ty` define
/// among `items` (the builder's own setters, say).
fn syn_method_names(items: &[syn::Item], ty: &str) -> Vec<String> {
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
fn syn_item_names(items: &[syn::Item]) -> Vec<String> {
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
    let all = split(CLIENT, 0);
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
    let mut all = Vec::new();
    for file in [
        RETRY, RATE_LIMIT, CLIENT, ERROR, REQUEST, SEND, ENCODE, AUTH, TOKEN,
    ] {
        all.extend(split(file, 0));
    }
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
    let uses = "use a::{b, c::D, e as F, g::*};\n";
    let names = item_names(&split(uses, 0));
    assert_eq!(names, ["b", "D", "F"]);
    let uses = "use a::{\n    b::{self, C},\n    d as E,\n};\n";
    let names = item_names(&split(uses, 0));
    assert_eq!(names, syn_item_names(&items("x.rs", uses).expect("parses")));
    // The names read from the text are those `syn` reads, in every
    // runtime file of the client module.
    for text in [CLIENT, REQUEST, PAGINATE, AUTH, TOKEN, SSE] {
        let parsed = items("x.rs", text).expect("parses");
        let texts = split(text, 0);
        assert_eq!(item_names(&texts), syn_item_names(&parsed));
        for ty in [
            "ClientBuilder",
            "Request",
            "Client",
            "RetryPolicy",
            "Credentials",
        ] {
            assert_eq!(
                method_names(&texts, ty),
                syn_method_names(&parsed, ty),
                "{ty}"
            );
        }
    }
}

/// The name of an item as `syn` reads it: what it defines, or the
/// type of an `impl` block.
fn syn_name(item: &syn::Item) -> Option<String> {
    let name = match item {
        syn::Item::Impl(block) => match block.self_ty.as_ref() {
            syn::Type::Path(path) => &path.path.segments.last()?.ident,
            _ => return None,
        },
        syn::Item::Use(_) | syn::Item::Macro(_) => return None,
        other => return syn_item_names(std::slice::from_ref(other)).pop(),
    };
    Some(name.to_string())
}

/// The text items of every runtime file are `syn`'s items: as many,
/// with the same names and tokens, and so are the methods of each `impl`
/// block.
#[test]
fn split_matches_syn() {
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
        ("sse.rs", SSE),
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
        let parsed = items(name, text).expect("parses");
        let texts = split(text, 0);
        assert_eq!(texts.len(), parsed.len(), "{name}");
        for (text_item, item) in texts.iter().zip(&parsed) {
            let reparsed: syn::Item = syn::parse_str(text_item.text).expect(text_item.text);
            let mut item: syn::Item = syn::parse2(quote!(#item)).expect("parses");
            let mut reparsed = reparsed;
            // `items` drops `#[rustfmt::skip]`; the text keeps it.
            for attrs in [attrs_mut(&mut item), attrs_mut(&mut reparsed)]
                .into_iter()
                .flatten()
            {
                attrs.retain(|attr| !is_rustfmt_skip(attr));
            }
            assert_eq!(
                quote!(#reparsed).to_string(),
                quote!(#item).to_string(),
                "{name}"
            );
            assert_eq!(
                text_item.name().map(str::to_string),
                syn_name(&item),
                "{name}: {}",
                text_item.head
            );
            assert_eq!(
                text_item.is_impl(),
                matches!(item, syn::Item::Impl(_)),
                "{name}"
            );
            if let syn::Item::Impl(block) = &item {
                let members =
                    impl_parts(text_item.head).map_or(Vec::new(), |(_, body)| split(body, 4));
                assert_eq!(
                    members.len(),
                    block.items.len(),
                    "{name}: {}",
                    text_item.head
                );
                for (member, inner) in members.iter().zip(&block.items) {
                    let syn_member = match inner {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        syn::ImplItem::Const(c) => Some(c.ident.to_string()),
                        syn::ImplItem::Type(t) => Some(t.ident.to_string()),
                        _ => None,
                    };
                    assert_eq!(member.name().map(str::to_string), syn_member, "{name}");
                }
            }
        }
    }
    // Comments go with the item they precede, unless a blank line
    // parts them; `//!` docs and tests go nowhere.
    let file = "//! Docs.\n// The file.\n\n// About a.\n/// A.\n#[derive(\n    Debug,\n)]\npub struct A {\n    x: u8,\n}\n\nimpl<F: Fn() -> u8> Tr for a::B<F>\nwhere\n    F: Send,\n{\n    const N: u8 = 1;\n}\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\npub(crate) const fn c() -> u8 {\n    1\n}\n";
    let got: Vec<_> = split(file, 0).iter().map(|i| (i.text, i.name())).collect();
    assert_eq!(
            got,
            [
                ("// About a.\n/// A.\n#[derive(\n    Debug,\n)]\npub struct A {\n    x: u8,\n}\n", Some("A")),
                ("impl<F: Fn() -> u8> Tr for a::B<F>\nwhere\n    F: Send,\n{\n    const N: u8 = 1;\n}\n", Some("B")),
                ("pub(crate) const fn c() -> u8 {\n    1\n}\n", Some("c")),
            ]
        );
}

/// A runtime file that does not parse is an error, not a panic.
#[test]
fn broken_runtime_is_an_error() {
    assert!(items("x.rs", "fn (").is_err());
}
