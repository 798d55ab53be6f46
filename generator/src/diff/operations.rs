//! The diff of the operations: operations added and removed by
//! operationId, and of an operation in both IRs, its route, method name,
//! deprecation, parameters (by place and name), body, responses (by status)
//! and scopes; each change goes to the report as breaking or not.

use super::{shape, ChangeKind, Differ, Item};
use crate::ir::{Body, Ir, Operation, Param, ParamLocation, Response};

/// How a parameter is named in the report: `op query parameter name`.
fn place(id: &str, p: &Param) -> String {
    format!(
        "{id} {} parameter {}",
        match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        },
        p.name
    )
}

/// The Rust type of a parameter, as the operation's method takes it.
fn param_type(ir: &Ir, p: &Param) -> String {
    let ty = shape(ir, &p.shape);
    if p.required {
        ty
    } else {
        format!("Option<{ty}>")
    }
}

/// A request body: its type, media type and whether it is optional.
fn body_text(ir: &Ir, b: &Body) -> String {
    format!(
        "{} as {}{}",
        shape(ir, &b.shape),
        b.content_type,
        if b.required { "" } else { " (optional)" }
    )
}

/// A response: its body's type and media type, or `no body`.
fn response_text(ir: &Ir, r: &Response) -> String {
    match (&r.shape, &r.content_type) {
        (Some(s), Some(ct)) => format!("{} as {ct}", shape(ir, s)),
        _ => "no body".to_string(),
    }
}

/// Whether a status is a success (`2XX`).
fn success(status: &str) -> bool {
    status.starts_with('2')
}

impl Differ<'_> {
    /// The operations added, removed, and changed (matched by operationId).
    pub(super) fn operations(&mut self) {
        let (old, new) = (self.old, self.new);
        for op in &new.operations {
            match old.operations.iter().find(|o| o.id == op.id) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Operation,
                    &op.id,
                    false,
                    (None, Some(format!("{} {}", op.method, op.path))),
                    "",
                ),
                Some(before) => self.operation(before, op),
            }
        }
        for op in &old.operations {
            if !new.operations.iter().any(|o| o.id == op.id) {
                self.push(
                    ChangeKind::Removed,
                    Item::Operation,
                    &op.id,
                    true,
                    (Some(format!("{} {}", op.method, op.path)), None),
                    "",
                );
            }
        }
    }

    /// An operation in both IRs: its route, method name and deprecation,
    /// then its parameters, body, responses and scopes.
    fn operation(&mut self, a: &Operation, b: &Operation) {
        let id = &b.id;
        let (ra, rb) = (
            format!("{} {}", a.method, a.path),
            format!("{} {}", b.method, b.path),
        );
        if ra != rb {
            self.push(
                ChangeKind::Changed,
                Item::Operation,
                id,
                true,
                (Some(ra), Some(rb)),
                "",
            );
        }
        if a.fn_name != b.fn_name {
            self.push(
                ChangeKind::Changed,
                Item::Operation,
                id,
                true,
                (Some(a.fn_name.clone()), Some(b.fn_name.clone())),
                "the method is renamed",
            );
        }
        if a.deprecated != b.deprecated {
            self.push(
                ChangeKind::Changed,
                Item::Operation,
                id,
                false,
                (None, None),
                if b.deprecated {
                    "deprecated now"
                } else {
                    "no longer deprecated"
                },
            );
        }
        self.params(id, a, b);
        self.body(id, a, b);
        self.responses(id, a, b);
        self.scopes(id, a, b);
    }

    /// The parameters added, removed and retyped (matched by place and
    /// name).
    fn params(&mut self, id: &str, a: &Operation, b: &Operation) {
        let (old, new) = (self.old, self.new);
        for p in &b.params {
            match a
                .params
                .iter()
                .find(|q| q.name == p.name && q.location == p.location)
            {
                None => self.push(
                    ChangeKind::Added,
                    Item::Parameter,
                    place(id, p),
                    p.required,
                    (None, Some(param_type(new, p))),
                    if p.required { "required" } else { "" },
                ),
                Some(q) => {
                    let (x, y) = (param_type(old, q), param_type(new, p));
                    if x != y {
                        self.push(
                            ChangeKind::Changed,
                            Item::Parameter,
                            place(id, p),
                            true,
                            (Some(x), Some(y)),
                            "",
                        );
                    }
                }
            }
        }
        for q in &a.params {
            if !b
                .params
                .iter()
                .any(|p| p.name == q.name && p.location == q.location)
            {
                self.push(
                    ChangeKind::Removed,
                    Item::Parameter,
                    place(id, q),
                    true,
                    (Some(param_type(old, q)), None),
                    "",
                );
            }
        }
    }

    /// The request body added, removed or changed.
    fn body(&mut self, id: &str, a: &Operation, b: &Operation) {
        let (old, new) = (self.old, self.new);
        let path = format!("{id} body");
        match (&a.body, &b.body) {
            (None, Some(y)) => self.push(
                ChangeKind::Added,
                Item::Body,
                path,
                y.required,
                (None, Some(body_text(new, y))),
                "",
            ),
            (Some(x), None) => self.push(
                ChangeKind::Removed,
                Item::Body,
                path,
                true,
                (Some(body_text(old, x)), None),
                "",
            ),
            (Some(x), Some(y)) => {
                let (bx, by) = (body_text(old, x), body_text(new, y));
                if bx != by {
                    let breaking = shape(old, &x.shape) != shape(new, &y.shape)
                        || x.content_type != y.content_type
                        || (y.required && !x.required);
                    self.push(
                        ChangeKind::Changed,
                        Item::Body,
                        path,
                        breaking,
                        (Some(bx), Some(by)),
                        "",
                    );
                }
            }
            (None, None) => {}
        }
    }

    /// The responses added, removed and changed (matched by status): a
    /// success response is breaking either way, an error response only when
    /// it changes.
    fn responses(&mut self, id: &str, a: &Operation, b: &Operation) {
        let (old, new) = (self.old, self.new);
        for r in &b.responses {
            let path = format!("{id} {}", r.status);
            match a.responses.iter().find(|q| q.status == r.status) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Response,
                    path,
                    success(&r.status),
                    (None, Some(response_text(new, r))),
                    if success(&r.status) {
                        "a new success response"
                    } else {
                        ""
                    },
                ),
                Some(q) => {
                    let (x, y) = (response_text(old, q), response_text(new, r));
                    if x != y {
                        self.push(
                            ChangeKind::Changed,
                            Item::Response,
                            path,
                            true,
                            (Some(x), Some(y)),
                            "",
                        );
                    }
                }
            }
        }
        for q in &a.responses {
            if !b.responses.iter().any(|r| r.status == q.status) {
                self.push(
                    ChangeKind::Removed,
                    Item::Response,
                    format!("{id} {}", q.status),
                    success(&q.status),
                    (Some(response_text(old, q)), None),
                    "",
                );
            }
        }
    }

    /// The scopes added (breaking: callers need them) and removed.
    fn scopes(&mut self, id: &str, a: &Operation, b: &Operation) {
        for s in &b.scopes {
            if !a.scopes.contains(s) {
                self.push(
                    ChangeKind::Added,
                    Item::Scope,
                    format!("{id} {s}"),
                    true,
                    (None, None),
                    "callers need this scope now",
                );
            }
        }
        for s in &a.scopes {
            if !b.scopes.contains(s) {
                self.push(
                    ChangeKind::Removed,
                    Item::Scope,
                    format!("{id} {s}"),
                    false,
                    (None, None),
                    "",
                );
            }
        }
    }
}
