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
//! The `runtime` and `client` modules copy the files' text as it is (they
//! are formatted by rustfmt, which `.ci/run` checks), item by item
//! ([`split`]: the unit tests and the files' opening comments left out), so
//! the runtime is neither parsed nor printed again on each run; the
//! `validate` module's parts are copied the same way. The text is the same
//! for every description. (The tests check [`split`] against a `syn` parse
//! of every runtime file.)

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

/// The `runtime` module's text: the items of `patch.rs`.
pub fn module() -> String {
    join(split(PATCH, 0).iter().map(|item| item.text))
}

/// One item of a runtime file, as text (see [`split`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextItem<'a> {
    /// The item's lines: its comments, doc comments and attributes, then
    /// the item itself, each line ending with a newline.
    pub text: &'a str,
    /// The item without what comes before it (from `pub struct`, `impl`…).
    pub head: &'a str,
}

impl<'a> TextItem<'a> {
    /// Whether the item is an `impl` block.
    pub fn is_impl(&self) -> bool {
        self.head.trim_start().starts_with("impl")
    }

    /// The name the item defines (`Client` of `pub struct Client {`,
    /// `execute` of `pub(crate) async fn execute<`), or for an `impl`
    /// block, its type's (`Pages` of `impl<T, E> Stream for Pages<T, E>`);
    /// `None` for `use` items and macros.
    pub fn name(&self) -> Option<&'a str> {
        if self.is_impl() {
            return impl_type(self.head);
        }
        self.keyword_name().map(|(_, name)| name)
    }

    /// The name of the function the item is (`const fn` included); `None`
    /// for any other item.
    pub fn function_name(&self) -> Option<&'a str> {
        self.keyword_name()
            .filter(|(keyword, _)| *keyword == "fn")
            .map(|(_, name)| name)
    }

    /// The keyword of the item (`fn`, `struct`, `const`…) and the name it
    /// defines.
    fn keyword_name(&self) -> Option<(&'a str, &'a str)> {
        let mut words = self.head.split_whitespace().peekable();
        while let Some(word) = words.next() {
            let word = word.split('(').next().unwrap_or(word);
            match word {
                "pub" | "async" | "unsafe" | "extern" | "default" | "\"C\"" => {}
                // `const fn` is a function; `const X` a constant.
                "const" if words.peek().is_some_and(|next| *next == "fn") => {}
                "struct" | "enum" | "union" | "type" | "fn" | "const" | "static" | "trait"
                | "mod" => {
                    let mut rest = words.next()?;
                    if rest == "mut" {
                        rest = words.next()?;
                    }
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    return Some((word, &rest[..end])).filter(|(_, name)| !name.is_empty());
                }
                _ => return None,
            }
        }
        None
    }

    /// The names a `use` item brings into its module: the leaves of its
    /// tree (`Duration` of `use ::std::time::Duration;`, `F` of `e as F`),
    /// globs aside; nothing for another item.
    fn use_names(&self) -> Vec<String> {
        let head = self.head.trim_start();
        let Some(tree) = head
            .strip_prefix("use ")
            .or_else(|| head.strip_prefix("pub use "))
            .or_else(|| head.strip_prefix("pub(crate) use "))
        else {
            return Vec::new();
        };
        let tree = tree.trim_end().trim_end_matches(';');
        tree.split(['{', '}', ','])
            .map(|piece| piece.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|piece| !piece.is_empty() && !piece.ends_with("::") && !piece.ends_with('*'))
            .map(|piece| match piece.rsplit_once(" as ") {
                Some((_, rename)) => rename.to_string(),
                None => piece.rsplit("::").next().unwrap_or(&piece).to_string(),
            })
            .collect()
    }
}

/// The names that items define or import in their module: types, traits,
/// functions, constants, statics and the leaves of `use` trees (`Duration`
/// of `use ::std::time::Duration;`).
pub fn item_names(items: &[TextItem]) -> Vec<String> {
    let mut out = Vec::new();
    for item in items.iter().filter(|item| !item.is_impl()) {
        match item.keyword_name() {
            Some((_, name)) => out.push(name.to_string()),
            None => out.extend(item.use_names()),
        }
    }
    out
}

/// The names of the methods that `impl` blocks (not of a trait) of the type
/// `ty` define among `items` (the builder's own setters, say).
pub fn method_names(items: &[TextItem], ty: &str) -> Vec<String> {
    let mut names = Vec::new();
    for item in items {
        let Some((open, body)) = impl_parts(item.head) else {
            continue;
        };
        let is_trait = open
            .split_whitespace()
            .take_while(|word| *word != "where")
            .any(|word| word == "for");
        if !item.is_impl() || is_trait || item.name() != Some(ty) {
            continue;
        }
        for member in split(body, 4) {
            if let Some(("fn", name)) = member.keyword_name() {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The top-level items of a runtime file (or, with `indent` 4, the items of
/// an `impl` block's body), in order, as their text, without those marked
/// `#[cfg(test)]`, the file's `//!` docs and `#![…]` attributes, and the
/// comments that a blank line separates from the next item (the file's
/// opening comment). The text is rustfmt's: an item starts at its indent
/// (with its comments, doc comments and attributes) and ends with the
/// first line at that indent ending with `}` or `;`. The unit tests check
/// this against `syn`'s parse of every runtime file.
pub fn split(text: &str, indent: usize) -> Vec<TextItem<'_>> {
    let mut out = Vec::new();
    // The first line of the item being read, and that of its head.
    let mut start: Option<usize> = None;
    let mut head: Option<usize> = None;
    let mut comments_only = true;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim();
        let level = line.len() - line.trim_start().len();
        let ends = level == indent && (trimmed.ends_with('}') || trimmed.ends_with(';'));
        if let Some(head_at) = head {
            // `type T =` or `const C: T =` broken after `=`: the value is
            // indented once more, and so is its `;`.
            let value = text[head_at..]
                .split('\n')
                .next()
                .is_some_and(|h| h.ends_with('='))
                && level == indent + 4
                && trimmed.ends_with(';');
            if ends || value {
                let first = start.unwrap_or(head_at);
                let item = TextItem {
                    text: &text[first..offset],
                    head: &text[head_at..offset],
                };
                if !text[first..head_at]
                    .lines()
                    .any(|l| l.trim() == "#[cfg(test)]")
                {
                    out.push(item);
                }
                (start, head, comments_only) = (None, None, true);
            }
            continue;
        }
        if trimmed.is_empty() {
            // A comment alone before a blank line belongs to no item.
            if comments_only {
                start = None;
            }
            continue;
        }
        if level != indent
            || trimmed.starts_with("//!")
            || trimmed.starts_with("#![")
            || (start.is_some() && (trimmed.starts_with(')') || trimmed.starts_with(']')))
        {
            // The rest of an attribute over several lines, or the file's own
            // docs and attributes.
            continue;
        }
        if trimmed.starts_with("//") || trimmed.starts_with("#[") {
            start.get_or_insert(here);
            comments_only &= trimmed.starts_with("//") && !trimmed.starts_with("///");
            continue;
        }
        head = Some(here);
        if ends {
            // An item of one line: its end is this line.
            let first = start.unwrap_or(here);
            if !text[first..here]
                .lines()
                .any(|l| l.trim() == "#[cfg(test)]")
            {
                out.push(TextItem {
                    text: &text[first..offset],
                    head: &text[here..offset],
                });
            }
            (start, head, comments_only) = (None, None, true);
        }
    }
    out
}

/// An `impl` block's head up to the line that opens its body, and the
/// body: its members, indented by 4, then the closing `}` (`None` for a
/// block of one line, `impl Error for E {}`).
pub fn impl_parts(head: &str) -> Option<(&str, &str)> {
    let at = head.find("{\n")? + 2;
    Some((&head[..at], &head[at..]))
}

/// The items' texts one after the other, a blank line between two.
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(item);
    }
    out
}

/// The name of the type of an `impl` block's head, without its path and
/// generics: `Pages` of `impl<T, E> ::futures_core::Stream for Pages<T, E> {`.
fn impl_type(head: &str) -> Option<&str> {
    let rest = head.trim_start().strip_prefix("impl")?;
    // The block's generics, if any: `<` to its `>`, `->` aside.
    let mut rest = rest.trim_start();
    if rest.starts_with('<') {
        let mut depth = 0usize;
        let mut end = None;
        let bytes = rest.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'<' => depth += 1,
                b'>' if i > 0 && bytes[i - 1] == b'-' => {}
                b'>' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end?..];
    }
    // Up to the block or its `where` clause; the type follows `for`, if
    // any, else it comes first.
    let words: Vec<&str> = rest
        .split('{')
        .next()?
        .split_whitespace()
        .take_while(|word| *word != "where")
        .collect();
    let at = words
        .iter()
        .rposition(|word| *word == "for")
        .map_or(0, |i| i + 1);
    let ty = words.get(at)?.split('<').next()?;
    ty.rsplit("::").next().filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
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
}
