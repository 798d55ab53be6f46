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
mod tests;
