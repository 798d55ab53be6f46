//! Stage 2: references and selection. Looks up `$ref`s in the components,
//! refuses what cannot be followed at build time, and picks the operations to
//! generate (all of them, or those chosen by operationId or tag).

use crate::error::{pointer_token, Error, ErrorKind, Result};
use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr, RequestBody, Response, Schema};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which operations to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// operationIds; empty means every operation (unless tags are given).
    pub operations: Vec<String>,
    /// Tags; an operation with any of them is taken.
    pub tags: Vec<String>,
}

/// One operation chosen for generation, with where it lives.
#[derive(Debug, Clone)]
pub struct SelectedOp<'a> {
    pub path: &'a str,
    pub method: &'static str,
    pub op: &'a Operation,
    /// Parameters declared on the path item (the operation's own override them).
    pub path_params: &'a [ReferenceOr<Parameter>],
    /// JSON Pointer of the operation, for messages.
    pub pointer: String,
}

/// The document with its file name, for lookups that report where they failed.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub api: &'a OpenAPI,
    pub file: &'a Path,
}

const SCHEMAS: &str = "#/components/schemas/";

impl<'a> Doc<'a> {
    fn bad_ref(&self, reference: &str, at: &str, what: &str) -> Error {
        let (message, help) = if reference.starts_with("http://")
            || reference.starts_with("https://")
        {
            (
                format!("remote reference `{reference}` refused: there is no network at build time"),
                "download the referenced document, save it beside this one and refer to it by a relative path",
            )
        } else if !reference.starts_with('#') {
            // Local files were brought in by `bundle`: this is another scheme.
            (
                format!("reference `{reference}` is neither a local file nor a JSON Pointer"),
                "refer to a file by a relative path, or to a node of this file by `#/…`",
            )
        } else {
            (
                format!("reference `{reference}` points to no {what}"),
                "fix the reference or add the missing component",
            )
        };
        // `at` is the place that holds the reference; the error is on its `$ref`.
        Error::new(ErrorKind::Reference, message)
            .in_file(self.file)
            .at(format!("{at}/$ref"))
            .help(help)
    }

    /// Name of the component schema a `$ref` names.
    pub fn schema_name<'r>(&self, reference: &'r str, at: &str) -> Result<&'r str> {
        let name = reference.strip_prefix(SCHEMAS).filter(|n| !n.contains('/'));
        match name {
            Some(name) if self.schema(name).is_some() => Ok(name),
            _ => Err(self.bad_ref(reference, at, "schema")),
        }
    }

    /// Index of a component schema in the document's order and the schema itself.
    pub fn schema(&self, name: &str) -> Option<&'a ReferenceOr<Schema>> {
        self.api.components.as_ref()?.schemas.get(name)
    }

    pub fn parameter(&self, p: &'a ReferenceOr<Parameter>, at: &str) -> Result<&'a Parameter> {
        self.follow(p, at, "parameter", "#/components/parameters/", |c| {
            &c.parameters
        })
    }

    pub fn request_body(
        &self,
        b: &'a ReferenceOr<RequestBody>,
        at: &str,
    ) -> Result<&'a RequestBody> {
        self.follow(b, at, "request body", "#/components/requestBodies/", |c| {
            &c.request_bodies
        })
    }

    pub fn response(&self, r: &'a ReferenceOr<Response>, at: &str) -> Result<&'a Response> {
        self.follow(r, at, "response", "#/components/responses/", |c| {
            &c.responses
        })
    }

    /// Follows a chain of component references (a component may itself be a `$ref`).
    fn follow<T>(
        &self,
        mut item: &'a ReferenceOr<T>,
        at: &str,
        what: &str,
        prefix: &str,
        map: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'a T> {
        let mut seen = BTreeSet::new();
        loop {
            match item {
                ReferenceOr::Item(t) => return Ok(t),
                ReferenceOr::Reference { reference } => {
                    if !seen.insert(reference.as_str()) {
                        return Err(Error::new(
                            ErrorKind::Reference,
                            format!("the {what} reference `{reference}` refers to itself"),
                        )
                        .in_file(self.file)
                        .at(at)
                        .help("point the reference at a real component"));
                    }
                    let found = reference
                        .strip_prefix(prefix)
                        .and_then(|name| map(self.api.components.as_ref()?).get(name));
                    item = found.ok_or_else(|| self.bad_ref(reference, at, what))?;
                }
            }
        }
    }

    /// The operations to generate, in the document's order (paths, then methods
    /// in the order get, put, post, delete, options, head, patch, trace).
    pub fn select(&self, selection: &Selection) -> Result<Vec<SelectedOp<'a>>> {
        let mut out = Vec::new();
        let mut found = Found::default();
        for (path, item) in &self.api.paths.paths {
            let at = format!("/paths/{}", pointer_token(path));
            let ReferenceOr::Item(item) = item else {
                return Err(Error::new(
                    ErrorKind::Reference,
                    format!("path item `{path}` is a reference, which is not supported"),
                )
                .in_file(self.file)
                .at(at)
                .help("write the path item in place"));
            };
            for (method, op) in item.iter() {
                let pointer = format!("{at}/{method}");
                self.unique_id(op, &pointer, &mut found.seen_ids)?;
                if found.chosen(op, selection) {
                    out.push(SelectedOp {
                        path,
                        method: method_name(method),
                        op,
                        path_params: &item.parameters,
                        pointer,
                    });
                }
            }
        }
        self.all_found(selection, &found)?;
        Ok(out)
    }

    /// Records the operationId of the operation at `pointer`; an error when
    /// another operation has it already.
    fn unique_id(
        &self,
        op: &'a Operation,
        pointer: &str,
        seen_ids: &mut BTreeMap<&'a str, String>,
    ) -> Result<()> {
        let Some(id) = op.operation_id.as_deref() else {
            return Ok(());
        };
        if let Some(first) = seen_ids.get(id) {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!("operationId `{id}` is used by more than one operation (first at {first})"),
            )
            .in_file(self.file)
            .at(format!("{pointer}/operationId"))
            .help("operationIds must be unique; rename one of them"));
        }
        seen_ids.insert(id, pointer.to_string());
        Ok(())
    }

    /// An error for the first operationId or tag of the selection that no
    /// operation has.
    fn all_found(&self, selection: &Selection, found: &Found<'_>) -> Result<()> {
        for id in &selection.operations {
            if !found.ids.contains(id.as_str()) {
                return Err(Error::new(
                    ErrorKind::Selection,
                    format!("no operation has the operationId `{id}`"),
                )
                .in_file(self.file)
                .at("/paths")
                .help(choose(id, found.seen_ids.keys().copied())));
            }
        }
        for tag in &selection.tags {
            if !found.tags.contains(tag.as_str()) {
                return Err(Error::new(
                    ErrorKind::Selection,
                    format!("no operation has the tag `{tag}`"),
                )
                .in_file(self.file)
                .at("/paths")
                .help("check the tag's spelling against the operations' `tags`"));
            }
        }
        Ok(())
    }
}

/// What the walk over the operations met: every operationId with the
/// pointer of the operation that has it, and the chosen ids and tags found.
#[derive(Default)]
struct Found<'a> {
    seen_ids: BTreeMap<&'a str, String>,
    ids: BTreeSet<&'a str>,
    tags: BTreeSet<&'a str>,
}

impl<'a> Found<'a> {
    /// Whether the selection takes `op` (every operation when it names
    /// none); records the ids and tags that chose it.
    fn chosen(&mut self, op: &'a Operation, selection: &Selection) -> bool {
        let by_id = op
            .operation_id
            .as_deref()
            .filter(|id| selection.operations.iter().any(|s| s == id));
        let by_tag: Vec<&str> = op
            .tags
            .iter()
            .map(String::as_str)
            .filter(|t| selection.tags.iter().any(|s| s == t))
            .collect();
        let all = selection.operations.is_empty() && selection.tags.is_empty();
        if all || by_id.is_some() || !by_tag.is_empty() {
            self.ids.extend(by_id);
            self.tags.extend(by_tag);
            true
        } else {
            false
        }
    }
}

/// Help for a name that is not there: the names, when there are few; else
/// the nearest ones.
fn choose<'n>(wanted: &str, names: impl Iterator<Item = &'n str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        return "the description has no operation with an operationId".into();
    }
    if names.len() <= 12 {
        return format!("choose one of: {}", names.join(", "));
    }
    let wanted = wanted.to_lowercase();
    let mut near: Vec<(usize, &str)> = names
        .iter()
        .map(|n| (distance(&wanted, &n.to_lowercase()), *n))
        .filter(|(d, n)| *d <= (n.len() / 3).max(2))
        .collect();
    near.sort();
    let near: Vec<&str> = near.into_iter().take(5).map(|(_, n)| n).collect();
    if near.is_empty() {
        format!("none of the {} operationIds is close to it", names.len())
    } else {
        format!(
            "did you mean {}? ({} operations in all)",
            near.join(", "),
            names.len()
        )
    }
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

pub(crate) fn method_name(method: &str) -> &'static str {
    match method {
        "get" => "GET",
        "put" => "PUT",
        "post" => "POST",
        "delete" => "DELETE",
        "options" => "OPTIONS",
        "head" => "HEAD",
        "patch" => "PATCH",
        _ => "TRACE",
    }
}
