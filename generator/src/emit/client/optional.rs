//! The optional items of the client's runtime (IR → the uses; runtime
//! items → those kept): the parts of `generator/runtime/` that only some
//! descriptions need (form, byte, multipart and download bodies, pages,
//! the client-credentials flow), decided from the IR before anything is
//! named, so that a crate neither carries nor reserves the names of what
//! it does not use.

use super::super::operation;
use super::super::runtime::{self, TextItem};
use crate::ir::Ir;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The optional items, by the use that needs them: the names of free items
/// (types, functions, and the `impl` blocks of the types) and of methods
/// of `Request` and `ClientBuilder`. Every other item goes into every
/// crate.
pub const OPTIONAL_ITEMS: &[(&str, &[&str])] = &[
    // `request.rs`, `send.rs` and `media.rs`: bodies other than JSON.
    ("form", &["form"]),
    ("bytes", &["bytes"]),
    (
        "multipart",
        &[
            "multipart",
            "FilePart",
            "Multipart",
            "MultipartPart",
            "quoted",
            "random_boundary",
        ],
    ),
    (
        "download",
        &["Download", "download_error", "execute_download"],
    ),
    // `paginate.rs` but `PageError` (a variant of `Error`).
    (
        "paginate",
        &[
            "Paging",
            "Fetched",
            "Fetching",
            "Pages",
            "reaches_total",
            "short",
            "link_next",
            "under_base",
            "query_value",
            "query_number",
            "set_query",
        ],
    ),
    // `token.rs` but the token sources: OAuth 2.0's client-credentials flow.
    (
        "client_credentials",
        &[
            "ClientCredentials",
            "TokenEndpoint",
            "CachedToken",
            "ClientCredentialsSource",
            "form_value",
            "read_limited",
            "token_status_error",
            "parse_token",
            "token_endpoint",
        ],
    ),
];

/// The uses of [`OPTIONAL_ITEMS`] the description has: what its
/// operations' methods call, and `client_credentials` when a security
/// scheme has that flow.
pub fn uses(ir: &Ir) -> BTreeSet<&'static str> {
    let mut uses: BTreeSet<&'static str> = ir
        .operations
        .iter()
        .flat_map(|op| operation::runtime_uses(ir, op))
        .collect();
    if ir
        .security_schemes
        .iter()
        .any(|s| s.client_credentials.is_some())
    {
        uses.insert("client_credentials");
    }
    uses
}

/// The names of the items that go without their use.
pub fn dropped(uses: &BTreeSet<&'static str>) -> Vec<&'static str> {
    OPTIONAL_ITEMS
        .iter()
        .filter(|(feature, _)| !uses.contains(feature))
        .flat_map(|(_, names)| names.iter().copied())
        .collect()
}

/// The runtime's items without the `dropped` optional items (see
/// [`dropped`]): the free items by name, the `impl` blocks by their type's,
/// and the methods of `Request` and `ClientBuilder` by theirs (a block left
/// empty goes).
pub fn kept<'a>(items: &[TextItem<'a>], dropped: &[&str]) -> Vec<Cow<'a, str>> {
    let unused = |item: &TextItem| item.name().is_some_and(|name| dropped.contains(&name));
    let mut kept = Vec::new();
    for item in items {
        let owner = item.is_impl() && matches!(item.name(), Some("Request" | "ClientBuilder"));
        match runtime::impl_parts(item.head).filter(|_| owner) {
            Some((open, body)) => {
                let members = runtime::split(body, 4);
                if !members.iter().any(&unused) {
                    kept.push(Cow::Borrowed(item.text));
                } else if members.iter().any(|m| !unused(m)) {
                    // The block with the members that stay.
                    let attrs = &item.text[..item.text.len() - item.head.len()];
                    let members = members.iter().filter(|m| !unused(m)).map(|m| m.text);
                    let members = runtime::join(members);
                    kept.push(Cow::Owned(format!("{attrs}{open}{members}}}\n")));
                }
            }
            None if unused(item) => {}
            None => kept.push(Cow::Borrowed(item.text)),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Kept items, as tokens printed by `quote` (`fn form <`).
    fn printed(kept: &[Cow<str>]) -> String {
        let text = runtime::join(kept.iter().map(|t| t.as_ref()));
        let file = syn::parse_file(&text).expect("parses");
        quote!(#file).to_string()
    }

    /// The items kept for `uses`.
    fn kept_by_use<'a>(items: &[TextItem<'a>], uses: &BTreeSet<&'static str>) -> Vec<Cow<'a, str>> {
        kept(items, &dropped(uses))
    }

    /// The items of one use.
    fn names_of(feature: &str) -> &'static [&'static str] {
        OPTIONAL_ITEMS
            .iter()
            .find(|(f, _)| *f == feature)
            .map(|(_, names)| *names)
            .expect("a use of the table")
    }

    /// The client-credentials items of `token.rs` go only with their use;
    /// the token sources always.
    #[test]
    fn token_items_are_picked_by_use() {
        let all = runtime::split(runtime::TOKEN, 0);
        let none = printed(&kept_by_use(&all, &Default::default()));
        let with = printed(&kept_by_use(&all, &["client_credentials"].into()));
        for name in names_of("client_credentials") {
            assert!(with.contains(&format!(" {name} ")), "{name}");
            assert!(!none.contains(&format!(" {name} ")), "{name}");
        }
        for name in [
            "TokenSource",
            "TokenError",
            "fn token_source_for",
            "fn sendable",
        ] {
            assert!(none.contains(name), "{name}");
        }
    }

    /// Every other optional item is in `request.rs`, `send.rs`, `media.rs`
    /// or `paginate.rs`; without any use, none of them is left (nor an
    /// empty `impl Request`), and each use brings its own.
    #[test]
    fn media_items_are_picked_by_use() {
        let media: Vec<_> = OPTIONAL_ITEMS
            .iter()
            .filter(|(feature, _)| *feature != "client_credentials")
            .collect();
        let mut all = Vec::new();
        for file in [
            runtime::REQUEST,
            runtime::SEND,
            runtime::MEDIA,
            runtime::PAGINATE,
        ] {
            all.extend(runtime::split(file, 0));
        }
        let everything = printed(&kept_by_use(&all, &media.iter().map(|(f, _)| *f).collect()));
        for (_, names) in &media {
            for name in *names {
                let defined = [
                    format!("fn {name} "),
                    format!("struct {name} "),
                    format!("fn {name} <"),
                    format!("struct {name} <"),
                    format!("enum {name} "),
                    format!("type {name} <"),
                ];
                assert!(
                    defined.iter().any(|d| everything.contains(d.as_str())),
                    "{name}"
                );
            }
        }
        let none = printed(&kept_by_use(&all, &Default::default()));
        for name in [
            "fn form <",
            "fn bytes (& mut self , content_type",
            "FilePart",
            "Multipart",
            "Download",
            "fn quoted",
            "struct Pages",
            "enum Paging",
            "fn set_query",
            "fn link_next",
        ] {
            assert!(!none.contains(name), "{name}");
        }
        // `Error` has a variant of it.
        assert!(none.contains("enum PageError"));
        assert!(!none.contains("impl Request { }"));
        assert!(none.contains("fn deep_object") && none.contains("fn execute <"));
        for (feature, names) in &media {
            let with = printed(&kept_by_use(&all, &[*feature].into()));
            for name in *names {
                assert!(with.contains(name), "{feature}: {name}");
            }
            for (other, names) in media.iter().filter(|(f, _)| f != feature) {
                // The names of one use are not in the items of another.
                for name in names
                    .iter()
                    .filter(|n| !["form", "bytes", "multipart"].contains(n))
                {
                    assert!(
                        !with.contains(&format!(" {name} ")),
                        "{feature} has {other}'s {name}"
                    );
                }
            }
        }
    }

    /// The uses come from the description: none for a JSON-only one; each
    /// body kind, binary success, pagination and the client-credentials
    /// flow bring theirs.
    #[test]
    fn uses_follow_the_description() {
        let ir = |yaml: &str| crate::stages::ir_of("t.yaml", yaml).expect("builds");
        let json = ir(r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: a
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {"200": {description: ok, content: {application/json: {schema: {type: string}}}}}
"#);
        assert!(uses(&json).is_empty());
        let media = ir(r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    cc: {type: oauth2, flows: {clientCredentials: {tokenUrl: /oauth/token, scopes: {}}}}
security: [{cc: []}]
paths:
  /form:
    post:
      operationId: form
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {a: {type: string}}}}}}
      responses: {"204": {description: ok}}
  /file:
    put:
      operationId: file
      requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {f: {type: string, format: binary}}}}}}
      responses: {"204": {description: ok}}
  /raw:
    put:
      operationId: raw
      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses:
        "200": {description: ok, content: {application/pdf: {schema: {type: string, format: binary}}}}
"#);
        assert_eq!(
            uses(&media).into_iter().collect::<Vec<_>>(),
            [
                "bytes",
                "client_credentials",
                "download",
                "form",
                "multipart"
            ]
        );
    }

    /// A crate without pages or client credentials does not reserve their
    /// items' names: groups `pages` and `client_credentials` are the structs
    /// `Pages` and `ClientCredentials`; with pages, the group steps aside.
    #[test]
    fn unused_items_leave_their_names_free() {
        let description = |paginated: bool| {
            let limit = if paginated {
                "parameters: [{name: page, in: query, schema: {type: integer}}, {name: per_page, in: query, schema: {type: integer}}]"
            } else {
                ""
            };
            format!(
                r#"
openapi: 3.0.3
info: {{title: t, version: "1"}}
paths:
  /pages:
    get:
      operationId: list
      x-operation-group: pages
      x-operation-name: list
      {limit}
      responses: {{"200": {{description: ok, content: {{application/json: {{schema: {{type: array, items: {{type: string}}}}}}}}}}}}
  /credentials:
    get:
      operationId: get
      x-operation-group: client_credentials
      x-operation-name: get
      responses: {{"204": {{description: ok}}}}
"#
            )
        };
        let module = |paginated: bool| {
            let ir = crate::stages::ir_of("t.yaml", &description(paginated)).expect("builds");
            let parts = super::super::module(&ir, false).expect("emits");
            let chunks = &parts.chunks;
            let chunks = quote!(#(#chunks)*).to_string();
            (uses(&ir), chunks)
        };
        let (none, chunks) = module(false);
        assert!(none.is_empty(), "{none:?}");
        assert!(chunks.contains("pub struct Pages <"), "{chunks}");
        assert!(
            chunks.contains("pub struct ClientCredentials <"),
            "{chunks}"
        );
        let (paged, chunks) = module(true);
        assert!(paged.contains("paginate"), "{paged:?}");
        assert!(!chunks.contains("pub struct Pages <"), "{chunks}");
        assert!(chunks.contains("pub struct Pages2 <"), "{chunks}");
    }
}
