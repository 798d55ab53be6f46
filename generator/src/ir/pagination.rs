//! Pagination: how an operation's results come in pages, detected from the
//! names of its query parameters and the schema of its success response
//! (or set by [`crate::Config::pagination`]). The client gets, beside the
//! operation's method, one that returns a stream of the items of every page.
//!
//! Styles, in the order they are tried (the first that fits wins):
//!
//! 1. a cursor: a query parameter that takes where the last page ended
//!    (`from` with `take`, Auth0's checkpoint; `cursor`, `after`,
//!    `starting_after`, `page_token`, `next_token`, …) and a string property
//!    of the response that gives it (`next`, `next_cursor`,
//!    `next_page_token`, …, or one level down: `meta.next_cursor`,
//!    `response_metadata.next_cursor`);
//! 2. an RFC 8288 `Link` header with `rel="next"`, when the success
//!    response documents a `Link` header;
//! 3. a page number: `page` with a page size (`per_page`, `page_size`,
//!    `limit`, …), and Auth0's `include_totals`;
//! 4. an offset: `offset` with `limit`.
//!
//! Each needs the items: the response is an array, or an object with one
//! array property (or one of the usual names: `data`, `items`, …), or a
//! `oneOf` of those whose items are all of the same type.

use super::{Ir, Operation, ParamLocation, Shape, TypeKind};

/// How an operation's pages follow each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStyle {
    /// A page number (`page`, counted from 0 as Auth0 does unless the
    /// request says otherwise) with a page size and, where the description
    /// has it, the parameter that asks for totals (`include_totals`).
    Page {
        page: String,
        size: Option<String>,
        totals: Option<String>,
    },
    /// An offset in items (`offset`) with a page size (`limit`).
    Offset {
        offset: String,
        limit: Option<String>,
    },
    /// A cursor: the query parameter that takes it, and the path of the
    /// response's property that gives the next one (`["next"]`,
    /// `["meta", "next_cursor"]`).
    Cursor { param: String, next: Vec<String> },
    /// The `Link` header's `rel="next"` URL.
    Link,
}

/// How to page through an operation, as [`crate::Config::pagination`] sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub style: PageStyle,
    /// The path of the items' array in an object page (`["connections"]`);
    /// `None`: found in the response's schema as detection finds it.
    pub items: Option<Vec<String>>,
}

/// An operation's pagination, as the client is generated for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginated {
    pub style: PageStyle,
    /// The path of the items' array in an object page; empty: a page is the
    /// array itself. An array page is taken as it is whatever this says
    /// (Auth0 answers an array without `include_totals`).
    pub items: Vec<String>,
    /// The type of one item.
    pub item: Shape,
}

/// Query parameters that take a cursor (beside `from`, which needs `take`).
/// `after` last: some descriptions (Svix) have it as a date filter beside
/// their cursor.
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "starting_after",
    "startingafter",
    "page_token",
    "pagetoken",
    "next_token",
    "nexttoken",
    "page_cursor",
    "continuation_token",
    "continuationtoken",
    "iterator",
    "after",
];

/// Properties that give the next cursor.
const NEXT_PROPERTIES: &[&str] = &[
    "next",
    "next_cursor",
    "nextcursor",
    "next_page_token",
    "nextpagetoken",
    "next_token",
    "nexttoken",
    "next_page_cursor",
    "cursor",
    "after",
    "end_cursor",
    "endcursor",
    "iterator",
    "continuation_token",
    "continuationtoken",
];

/// Objects that hold the next cursor one level down.
const META_PROPERTIES: &[&str] = &[
    "meta",
    "metadata",
    "response_metadata",
    "list_metadata",
    "pagination",
    "paging",
    "page_info",
    "pageinfo",
    "cursor",
    "links",
];

/// Page size parameters.
const SIZE_PARAMS: &[&str] = &[
    "per_page",
    "perpage",
    "page_size",
    "pagesize",
    "limit",
    "size",
    "take",
    "count",
];

/// The usual names of the items' array, when an object has several arrays.
const ITEM_PROPERTIES: &[&str] = &["data", "items", "results", "entries", "records", "values"];

/// How deep detection follows aliases and unions.
const MAX_DEPTH: usize = 8;

/// Names compared without case, `-` and `_` differences aside where the
/// lists spell both (`pageToken`, `page_token`).
fn norm(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The detected pagination of an operation, if any.
pub fn detect(ir: &Ir, op: &Operation) -> Option<Paginated> {
    if op.method != "GET" {
        return None;
    }
    let query: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.name.as_str())
        .collect();
    let find = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|want| {
            query
                .iter()
                .find(|q| norm(q) == *want)
                .map(|q| q.to_string())
        })
    };
    let success = success_shape(op)?;
    let (items, item) = items_of(ir, success)?;
    let paginated = |style| {
        Some(Paginated {
            style,
            items: items.clone(),
            item: item.clone(),
        })
    };
    // A cursor: Auth0's checkpoint `from`/`take` first.
    // Auth0 documents some as an array alone: its pages have no `next`, so
    // the stream ends after the first, unless the server sends an object.
    if let (Some(from), Some(_)) = (find(&["from"]), find(&["take"])) {
        let next = next_path(ir, success, &["next"]).unwrap_or_else(|| vec!["next".to_string()]);
        return paginated(PageStyle::Cursor { param: from, next });
    }
    if let Some(param) = find(CURSOR_PARAMS) {
        if let Some(next) = next_path(ir, success, NEXT_PROPERTIES) {
            return paginated(PageStyle::Cursor { param, next });
        }
    }
    if documents_link(op) {
        return paginated(PageStyle::Link);
    }
    if let Some(page) = find(&["page", "page_number", "pagenumber"]) {
        if let Some(size) = find(SIZE_PARAMS) {
            return paginated(PageStyle::Page {
                page,
                size: Some(size),
                totals: find(&["include_totals"]),
            });
        }
    }
    if let (Some(offset), Some(limit)) = (find(&["offset", "skip"]), find(&["limit", "take"])) {
        return paginated(PageStyle::Offset {
            offset,
            limit: Some(limit),
        });
    }
    None
}

/// Checks an override against the operation and fills in its items.
pub fn apply(ir: &Ir, op: &Operation, pagination: &Pagination) -> Result<Paginated, String> {
    let query = |name: &str| {
        op.params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.name == name)
    };
    let mut params: Vec<&str> = Vec::new();
    match &pagination.style {
        PageStyle::Page { page, size, totals } => {
            params.push(page);
            params.extend(size.as_deref());
            params.extend(totals.as_deref());
        }
        PageStyle::Offset { offset, limit } => {
            params.push(offset);
            params.extend(limit.as_deref());
        }
        PageStyle::Cursor { param, next } => {
            params.push(param);
            if next.is_empty() || next.iter().any(String::is_empty) {
                return Err("the path of the next cursor is empty".to_string());
            }
        }
        PageStyle::Link => {}
    }
    if let Some(missing) = params.iter().find(|p| !query(p)) {
        return Err(format!("it has no query parameter `{missing}`"));
    }
    let success = success_shape(op).ok_or("it has no JSON success response to page through")?;
    let (found, item) = match &pagination.items {
        None => items_of(ir, success)
            .ok_or("its success response has no array of items to find (give the items' path)")?,
        Some(path) => (
            path.clone(),
            item_at(ir, success, path, 0).ok_or_else(|| {
                format!("its success response has no array at `{}`", path.join("."))
            })?,
        ),
    };
    Ok(Paginated {
        style: pagination.style.clone(),
        items: found,
        item,
    })
}

/// The shape of the one JSON success response.
fn success_shape(op: &Operation) -> Option<&Shape> {
    let mut successes = op.responses.iter().filter(|r| r.status.starts_with('2'));
    let only = successes.next()?;
    if successes.next().is_some() {
        return None;
    }
    let content_type = only.content_type.as_deref()?;
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if essence != "application/json" && !essence.ends_with("+json") {
        return None;
    }
    only.shape.as_ref()
}

/// Whether a success response documents a `Link` header.
fn documents_link(op: &Operation) -> bool {
    op.responses
        .iter()
        .filter(|r| r.status.starts_with('2'))
        .any(|r| r.headers.iter().any(|h| h.eq_ignore_ascii_case("link")))
}

/// The shape without aliases and nullability.
fn resolved<'a>(ir: &'a Ir, mut shape: &'a Shape) -> &'a Shape {
    for _ in 0..MAX_DEPTH {
        match shape {
            Shape::Nullable(inner) => shape = inner,
            Shape::Named(id) => match ir.types.get(*id).map(|t| &t.kind) {
                Some(TypeKind::Alias(inner)) => shape = inner,
                _ => return shape,
            },
            _ => return shape,
        }
    }
    shape
}

/// The fields of a struct shape, as `(wire name, shape)`.
fn fields<'a>(ir: &'a Ir, shape: &'a Shape) -> Option<Vec<(&'a str, &'a Shape)>> {
    let Shape::Named(id) = resolved(ir, shape) else {
        return None;
    };
    match &ir.types.get(*id)?.kind {
        TypeKind::Struct(s) => Some(
            s.fields
                .iter()
                .map(|f| (f.wire.as_str(), &f.shape))
                .collect(),
        ),
        _ => None,
    }
}

/// The branches of a union shape.
fn branches<'a>(ir: &'a Ir, shape: &'a Shape) -> Option<Vec<&'a Shape>> {
    let Shape::Named(id) = resolved(ir, shape) else {
        return None;
    };
    match &ir.types.get(*id)?.kind {
        TypeKind::Union(u) => Some(u.variants.iter().map(|v| &v.shape).collect()),
        _ => None,
    }
}

/// The items' path and type in a page: an array; an object's one array
/// property (or its usual name); a union's branches, all with items of one
/// type, the objects' at one path.
fn items_of(ir: &Ir, shape: &Shape) -> Option<(Vec<String>, Shape)> {
    items_in(ir, shape, 0)
}

fn items_in(ir: &Ir, shape: &Shape, depth: usize) -> Option<(Vec<String>, Shape)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let shape = resolved(ir, shape);
    if let Shape::Array(item) = shape {
        return Some((Vec::new(), (**item).clone()));
    }
    if let Some(fields) = fields(ir, shape) {
        let arrays: Vec<(&str, &Shape)> = fields
            .into_iter()
            .filter_map(|(name, s)| match resolved(ir, s) {
                Shape::Array(item) => Some((name, &**item)),
                _ => None,
            })
            .collect();
        let (name, item) = match arrays.as_slice() {
            [one] => *one,
            several => *several
                .iter()
                .find(|(name, _)| ITEM_PROPERTIES.contains(&norm(name).as_str()))?,
        };
        return Some((vec![name.to_string()], item.clone()));
    }
    let branches = branches(ir, shape)?;
    let mut path: Option<Vec<String>> = None;
    let mut item: Option<Shape> = None;
    for branch in branches {
        let (p, i) = items_in(ir, branch, depth + 1)?;
        if item.as_ref().is_some_and(|known| *known != i) {
            return None;
        }
        item = Some(i);
        if !p.is_empty() {
            if path.as_ref().is_some_and(|known| *known != p) {
                return None;
            }
            path = Some(p);
        }
    }
    Some((path.unwrap_or_default(), item?))
}

/// The type of the items of the array at `path` in a page of `shape` (the
/// page itself for an empty path, an array branch of a union too).
fn item_at(ir: &Ir, shape: &Shape, path: &[String], depth: usize) -> Option<Shape> {
    if depth > MAX_DEPTH {
        return None;
    }
    let shape = resolved(ir, shape);
    if let Some(branches) = branches(ir, shape) {
        return branches
            .into_iter()
            .find_map(|b| item_at(ir, b, path, depth + 1));
    }
    match path.split_first() {
        None => match shape {
            Shape::Array(item) => Some((**item).clone()),
            _ => None,
        },
        Some((first, rest)) => {
            let fields = fields(ir, shape)?;
            let (_, field) = fields.into_iter().find(|(name, _)| name == first)?;
            item_at(ir, field, rest, depth + 1)
        }
    }
}

/// The path of the next cursor: a string property named in `names`, in
/// the page's object (or a branch of its union), or one level down in an
/// object named in [`META_PROPERTIES`].
fn next_path(ir: &Ir, shape: &Shape, names: &[&str]) -> Option<Vec<String>> {
    let objects: Vec<&Shape> = match branches(ir, shape) {
        Some(branches) => branches,
        None => vec![shape],
    };
    let is_string = |s: &Shape| matches!(resolved(ir, s), Shape::String);
    for object in &objects {
        let Some(fields) = fields(ir, object) else {
            continue;
        };
        for want in names {
            if let Some((name, _)) = fields
                .iter()
                .find(|(name, s)| norm(name) == *want && is_string(s))
            {
                return Some(vec![name.to_string()]);
            }
        }
    }
    for object in &objects {
        let Some(outer) = fields(ir, object) else {
            continue;
        };
        for (meta, inner) in &outer {
            if !META_PROPERTIES.contains(&norm(meta).as_str()) {
                continue;
            }
            let Some(inner) = fields(ir, inner) else {
                continue;
            };
            for want in names {
                if let Some((name, _)) = inner
                    .iter()
                    .find(|(name, s)| norm(name) == *want && is_string(s))
                {
                    return Some(vec![meta.to_string(), name.to_string()]);
                }
            }
        }
    }
    None
}

/// Detects every operation's pagination.
pub fn detect_all(ir: &mut Ir) {
    let found: Vec<Option<Paginated>> = ir.operations.iter().map(|op| detect(ir, op)).collect();
    for (op, found) in ir.operations.iter_mut().zip(found) {
        op.pagination = found;
    }
}

#[cfg(test)]
mod tests;
