//! What changed in the generated public API between two versions of a
//! description, computed on the IR of each (not on text): types, fields, enum
//! values, union branches, constraints and operations added, removed or
//! changed, each marked breaking or not.
//!
//! **Breaking** means: code written against the old generated API in the way
//! it is meant to be used (structs built with `..Default::default()`, enums
//! matched with an arm for the catch-all) stops compiling, or a request that
//! was valid is now rejected (a constraint got stricter, a required field or
//! parameter appeared, a scope is needed), or something a program read is
//! gone. Adding an optional field, an enum value, a union branch, an
//! operation or an error response is not breaking; neither is loosening a
//! constraint or deprecating something.
//!
//! Types are matched by their Rust name, fields by their name on the wire,
//! enum values by value, operations by operationId, parameters by place and
//! name, responses by status.

use crate::ir::{Constraints, Extra, Field, Ir, Operation, Shape, TypeDef, TypeKind, UnionKind};
use serde::Serialize;
use std::fmt::Write;

/// The changes from one description to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiDiff {
    /// The old and new descriptions' file names.
    pub old: String,
    pub new: String,
    pub changes: Vec<Change>,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub item: Item,
    /// What changed: `Type`, `Type.field`, `operation_id`, `operation_id body`,
    /// `operation_id 422`, `operation_id query parameter name`.
    pub path: String,
    pub breaking: bool,
    /// Before and after (Rust types, kinds, values), when they say something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Why it matters, in a few words.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Item {
    Type,
    Field,
    Variant,
    Constraint,
    Operation,
    Parameter,
    Body,
    Response,
    Scope,
}

impl ChangeKind {
    fn word(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
    fn sign(self) -> char {
        match self {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        }
    }
}

impl Item {
    fn word(self) -> &'static str {
        match self {
            Item::Type => "type",
            Item::Field => "field",
            Item::Variant => "enum value",
            Item::Constraint => "constraint",
            Item::Operation => "operation",
            Item::Parameter => "parameter",
            Item::Body => "request body",
            Item::Response => "response",
            Item::Scope => "scope",
        }
    }
}

impl ApiDiff {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// A report for people: breaking changes first, then the others.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let breaking = self.breaking();
        let _ = writeln!(
            out,
            "API changes from {} to {}: {} change{}, {} breaking.",
            self.old,
            self.new,
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" },
            breaking
        );
        for (title, want) in [("Breaking", true), ("Not breaking", false)] {
            let list: Vec<&Change> = self.changes.iter().filter(|c| c.breaking == want).collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for c in list {
                let _ = write!(
                    out,
                    "  {} {} {} `{}`",
                    c.change.sign(),
                    c.change.word(),
                    c.item.word(),
                    c.path
                );
                match (&c.old, &c.new) {
                    (Some(old), Some(new)) => {
                        let _ = write!(out, ": {old} → {new}");
                    }
                    (Some(one), None) | (None, Some(one)) => {
                        let _ = write!(out, ": {one}");
                    }
                    (None, None) => {}
                }
                if !c.note.is_empty() {
                    let _ = write!(out, " ({})", c.note);
                }
                out.push('\n');
            }
        }
        out
    }

    /// The same as JSON: `{"old", "new", "breaking", "changes": [{"change",
    /// "item", "path", "breaking", "old"?, "new"?, "note"?}]}`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            old: &'a str,
            new: &'a str,
            breaking: usize,
            changes: &'a [Change],
        }
        serde_json::to_string_pretty(&Report {
            old: &self.old,
            new: &self.new,
            breaking: self.breaking(),
            changes: &self.changes,
        })
        .unwrap_or_default()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Ir, new: &Ir, old_name: &str, new_name: &str) -> ApiDiff {
    let mut d = Differ {
        old,
        new,
        out: Vec::new(),
    };
    d.types();
    d.operations();
    ApiDiff {
        old: old_name.to_string(),
        new: new_name.to_string(),
        changes: d.out,
    }
}

struct Differ<'a> {
    old: &'a Ir,
    new: &'a Ir,
    out: Vec<Change>,
}

/// The Rust type of a shape, as the `types` module writes it.
fn shape(ir: &Ir, shape: &Shape) -> String {
    match shape {
        Shape::String => "String".into(),
        Shape::Integer(width) => width.rust().into(),
        Shape::Number => "f64".into(),
        Shape::Boolean => "bool".into(),
        Shape::Any => "serde_json::Value".into(),
        Shape::Array(inner) => format!("Vec<{}>", self::shape(ir, inner)),
        Shape::Map(inner) => format!("BTreeMap<String, {}>", self::shape(ir, inner)),
        Shape::Nullable(inner) => format!("Option<{}>", self::shape(ir, inner)),
        Shape::Named(id) => ir
            .types
            .get(*id)
            .map_or_else(|| "?".into(), |t| t.name.clone()),
    }
}

/// The Rust type of a field, as the `types` module writes it.
fn field_type(ir: &Ir, f: &Field) -> String {
    let mut inner = shape(ir, &f.shape);
    if f.boxed {
        inner = format!("Box<{inner}>");
    }
    match (f.required, f.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => format!("Option<{inner}>"),
        (false, true) => format!("Patch<{inner}>"),
    }
}

fn kind_word(ir: &Ir, def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(_) => "struct".into(),
        TypeKind::Enum(e) => format!("enum of {} values", e.variants.len()),
        TypeKind::Union(u) => format!(
            "{} of {} branches",
            match u.kind {
                UnionKind::OneOf => "oneOf",
                UnionKind::AnyOf => "anyOf",
            },
            u.variants.len()
        ),
        TypeKind::Alias(s) => format!("alias of {}", shape(ir, s)),
        TypeKind::Newtype { shape: s, .. } => format!("newtype of {}", shape(ir, s)),
    }
}

fn kind_tag(def: &TypeDef) -> &'static str {
    match def.kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
        TypeKind::Newtype { .. } => "newtype",
    }
}

/// The text of a `pattern` constraint.
fn pattern_text(c: &Constraints) -> Option<String> {
    c.pattern.as_ref().map(|p| p.source.clone())
}

impl Differ<'_> {
    fn push(
        &mut self,
        change: ChangeKind,
        item: Item,
        path: impl Into<String>,
        breaking: bool,
        (old, new): (Option<String>, Option<String>),
        note: &str,
    ) {
        self.out.push(Change {
            change,
            item,
            path: path.into(),
            breaking,
            old,
            new,
            note: note.to_string(),
        });
    }

    fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        for def in &new.types {
            match old.types.iter().find(|t| t.name == def.name) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Type,
                    &def.name,
                    false,
                    (None, Some(kind_word(new, def))),
                    "",
                ),
                Some(before) => self.type_def(before, def),
            }
        }
        for def in &old.types {
            if !new.types.iter().any(|t| t.name == def.name) {
                self.push(
                    ChangeKind::Removed,
                    Item::Type,
                    &def.name,
                    true,
                    (Some(kind_word(old, def)), None),
                    "code that names it no longer compiles",
                );
            }
        }
    }

    fn type_def(&mut self, a: &TypeDef, b: &TypeDef) {
        let (old, new) = (self.old, self.new);
        let name = &b.name;
        if a.deprecated != b.deprecated {
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                false,
                (None, None),
                if b.deprecated {
                    "deprecated now"
                } else {
                    "no longer deprecated"
                },
            );
        }
        if a.nullable != b.nullable {
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                a.nullable,
                (None, None),
                if b.nullable {
                    "accepts null now"
                } else {
                    "null is no longer accepted"
                },
            );
        }
        self.constraints(name, &a.constraints, &b.constraints);
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(x), TypeKind::Struct(y)) => {
                for f in &y.fields {
                    let path = format!("{name}.{}", f.name);
                    match x.fields.iter().find(|g| g.wire == f.wire) {
                        None => {
                            let (breaking, note) = if f.required {
                                (true, "required: requests without it are rejected")
                            } else if !y.derives_default {
                                (true, "the struct has no Default: literals must name it")
                            } else {
                                (false, "")
                            };
                            self.push(
                                ChangeKind::Added,
                                Item::Field,
                                path,
                                breaking,
                                (None, Some(field_type(new, f))),
                                note,
                            );
                        }
                        Some(g) => self.field(&path, g, f),
                    }
                }
                for g in &x.fields {
                    if !y.fields.iter().any(|f| f.wire == g.wire) {
                        self.push(
                            ChangeKind::Removed,
                            Item::Field,
                            format!("{name}.{}", g.name),
                            true,
                            (Some(field_type(old, g)), None),
                            "code that sets or reads it no longer compiles",
                        );
                    }
                }
                if x.derives_default && !y.derives_default {
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        true,
                        (None, None),
                        "no longer implements Default",
                    );
                }
                if x.extra_field != y.extra_field {
                    self.push(
                        ChangeKind::Changed,
                        Item::Field,
                        format!("{name}.{}", x.extra_field),
                        true,
                        (Some(x.extra_field.clone()), Some(y.extra_field.clone())),
                        "the field for unknown keys is renamed",
                    );
                }
                for key in &y.required_extra {
                    if !x.required_extra.contains(key) {
                        self.push(
                            ChangeKind::Added,
                            Item::Constraint,
                            format!("{name} required {key:?}"),
                            true,
                            (None, Some(key.clone())),
                            "a key without a property of its own is required now",
                        );
                    }
                }
                for key in &x.required_extra {
                    if !y.required_extra.contains(key) {
                        self.push(
                            ChangeKind::Removed,
                            Item::Constraint,
                            format!("{name} required {key:?}"),
                            false,
                            (Some(key.clone()), None),
                            "looser",
                        );
                    }
                }
                self.constraints(
                    &format!("{name}.*"),
                    &x.extra_constraints,
                    &y.extra_constraints,
                );
                let extra = |ir: &Ir, e: &Extra| match e {
                    Extra::Closed => "no other keys".to_string(),
                    Extra::Open => "any other keys".to_string(),
                    Extra::Typed(s) => format!("other keys of type {}", shape(ir, s)),
                };
                let (ea, eb) = (extra(old, &x.extra), extra(new, &y.extra));
                if ea != eb {
                    let breaking = !matches!(y.extra, Extra::Open);
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        breaking,
                        (Some(ea), Some(eb)),
                        "additionalProperties",
                    );
                }
            }
            (TypeKind::Enum(x), TypeKind::Enum(y)) => {
                for v in &y.variants {
                    match x.variants.iter().find(|w| w.value == v.value) {
                        None => self.push(
                            ChangeKind::Added,
                            Item::Variant,
                            format!("{name}::{}", v.name),
                            false,
                            (None, Some(format!("{:?}", v.value))),
                            "",
                        ),
                        Some(w) if w.name != v.name => self.push(
                            ChangeKind::Changed,
                            Item::Variant,
                            format!("{name}::{}", w.name),
                            true,
                            (Some(w.name.clone()), Some(v.name.clone())),
                            "the variant is renamed",
                        ),
                        Some(_) => {}
                    }
                }
                for w in &x.variants {
                    if !y.variants.iter().any(|v| v.value == w.value) {
                        self.push(
                            ChangeKind::Removed,
                            Item::Variant,
                            format!("{name}::{}", w.name),
                            true,
                            (Some(format!("{:?}", w.value)), None),
                            "",
                        );
                    }
                }
            }
            (TypeKind::Union(x), TypeKind::Union(y)) => {
                if x.kind != y.kind {
                    let stricter = y.kind == UnionKind::OneOf;
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        stricter,
                        (Some(kind_word(old, a)), Some(kind_word(new, b))),
                        if stricter {
                            "exactly one branch must match now"
                        } else {
                            "several branches may match now"
                        },
                    );
                }
                for v in &y.variants {
                    let path = format!("{name}::{}", v.name);
                    let ty = shape(new, &v.shape);
                    match x.variants.iter().find(|w| w.name == v.name) {
                        None => self.push(
                            ChangeKind::Added,
                            Item::Variant,
                            path,
                            false,
                            (None, Some(ty)),
                            "",
                        ),
                        Some(w) => {
                            self.constraints(&path, &w.constraints, &v.constraints);
                            let before = shape(old, &w.shape);
                            if before != ty || w.boxed != v.boxed {
                                self.push(
                                    ChangeKind::Changed,
                                    Item::Variant,
                                    path,
                                    true,
                                    (Some(before), Some(ty)),
                                    "",
                                );
                            }
                        }
                    }
                }
                for w in &x.variants {
                    if !y.variants.iter().any(|v| v.name == w.name) {
                        self.push(
                            ChangeKind::Removed,
                            Item::Variant,
                            format!("{name}::{}", w.name),
                            true,
                            (Some(shape(old, &w.shape)), None),
                            "",
                        );
                    }
                }
            }
            (TypeKind::Alias(x), TypeKind::Alias(y))
            | (TypeKind::Newtype { shape: x, .. }, TypeKind::Newtype { shape: y, .. }) => {
                let (before, after) = (shape(old, x), shape(new, y));
                if before != after {
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        true,
                        (Some(before), Some(after)),
                        "",
                    );
                }
            }
            _ => self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                true,
                (Some(kind_tag(a).to_string()), Some(kind_tag(b).to_string())),
                "a different kind of type",
            ),
        }
    }

    fn field(&mut self, path: &str, a: &Field, b: &Field) {
        let (before, after) = (field_type(self.old, a), field_type(self.new, b));
        if a.name != b.name {
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                true,
                (Some(a.name.clone()), Some(b.name.clone())),
                "the Rust field is renamed",
            );
        }
        if before != after {
            let note = match (a.required, b.required) {
                (false, true) => "required now",
                (true, false) => "optional now",
                _ if a.nullable != b.nullable && b.nullable => "may be null now",
                _ if a.nullable != b.nullable => "may no longer be null",
                _ => "",
            };
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                true,
                (Some(before), Some(after)),
                note,
            );
        }
        if a.deprecated != b.deprecated {
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                false,
                (None, None),
                if b.deprecated {
                    "deprecated now"
                } else {
                    "no longer deprecated"
                },
            );
        }
        self.constraints(path, &a.constraints, &b.constraints);
    }

    /// Keyword by keyword: stricter is breaking, looser is not.
    fn constraints(&mut self, path: &str, a: &Constraints, b: &Constraints) {
        // (keyword, old, new, whether a larger value is stricter).
        let counts: [(&str, Option<usize>, Option<usize>, bool); 6] = [
            ("minLength", a.min_length, b.min_length, true),
            ("maxLength", a.max_length, b.max_length, false),
            ("minItems", a.min_items, b.min_items, true),
            ("maxItems", a.max_items, b.max_items, false),
            ("minProperties", a.min_properties, b.min_properties, true),
            ("maxProperties", a.max_properties, b.max_properties, false),
        ];
        for (keyword, x, y, larger_is_stricter) in counts {
            if x != y {
                let stricter = match (x, y) {
                    (None, Some(_)) => true,
                    (Some(_), None) => false,
                    (Some(x), Some(y)) => (y > x) == larger_is_stricter,
                    (None, None) => false,
                };
                self.constraint(
                    path,
                    keyword,
                    x.map(|v| v.to_string()),
                    y.map(|v| v.to_string()),
                    stricter,
                );
            }
        }
        let bounds = [
            (
                "minimum",
                (a.minimum, a.exclusive_minimum),
                (b.minimum, b.exclusive_minimum),
                true,
            ),
            (
                "maximum",
                (a.maximum, a.exclusive_maximum),
                (b.maximum, b.exclusive_maximum),
                false,
            ),
        ];
        for (keyword, (x, xe), (y, ye), larger_is_stricter) in bounds {
            if x != y || (x.is_some() && xe != ye) {
                let stricter = match (x, y) {
                    (None, Some(_)) => true,
                    (Some(_), None) => false,
                    (Some(x), Some(y)) if x == y => ye && !xe,
                    (Some(x), Some(y)) => (y > x) == larger_is_stricter,
                    (None, None) => false,
                };
                let show = |v: Option<f64>, exclusive: bool| {
                    v.map(|v| format!("{v}{}", if exclusive { " (exclusive)" } else { "" }))
                };
                self.constraint(path, keyword, show(x, xe), show(y, ye), stricter);
            }
        }
        let (x, y) = (pattern_text(a), pattern_text(b));
        if x != y {
            let stricter = y.is_some();
            self.constraint(path, "pattern", x, y, stricter);
        }
        if a.multiple_of != b.multiple_of {
            let stricter = b.multiple_of.is_some();
            self.constraint(
                path,
                "multipleOf",
                a.multiple_of.map(|v| v.to_string()),
                b.multiple_of.map(|v| v.to_string()),
                stricter,
            );
        }
        if a.unique_items != b.unique_items {
            self.constraint(
                path,
                "uniqueItems",
                Some(a.unique_items.to_string()),
                Some(b.unique_items.to_string()),
                b.unique_items,
            );
        }
        if a.format != b.format {
            self.constraint(path, "format", a.format.clone(), b.format.clone(), false);
        }
        if a.allowed != b.allowed {
            let list = |v: &Option<Vec<serde_json::Value>>| {
                v.as_ref().map(|v| {
                    v.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            };
            let stricter = match (&a.allowed, &b.allowed) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(x), Some(y)) => x.iter().any(|v| !y.contains(v)),
            };
            self.constraint(path, "enum", list(&a.allowed), list(&b.allowed), stricter);
        }
        let none = Constraints::default();
        let (ia, ib) = (
            a.items.as_deref().unwrap_or(&none),
            b.items.as_deref().unwrap_or(&none),
        );
        if ia != ib {
            self.constraints(&format!("{path}[]"), ia, ib);
        }
    }

    fn constraint(
        &mut self,
        path: &str,
        keyword: &str,
        old: Option<String>,
        new: Option<String>,
        stricter: bool,
    ) {
        let change = match (&old, &new) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        self.push(
            change,
            Item::Constraint,
            format!("{path} {keyword}"),
            stricter,
            (old, new),
            if stricter { "stricter" } else { "looser" },
        );
    }

    fn operations(&mut self) {
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

    fn operation(&mut self, a: &Operation, b: &Operation) {
        let (old, new) = (self.old, self.new);
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
        let place = |p: &crate::ir::Param| {
            format!(
                "{id} {} parameter {}",
                match p.location {
                    crate::ir::ParamLocation::Path => "path",
                    crate::ir::ParamLocation::Query => "query",
                    crate::ir::ParamLocation::Header => "header",
                    crate::ir::ParamLocation::Cookie => "cookie",
                },
                p.name
            )
        };
        let param_type = |ir: &Ir, p: &crate::ir::Param| {
            let ty = shape(ir, &p.shape);
            if p.required {
                ty
            } else {
                format!("Option<{ty}>")
            }
        };
        for p in &b.params {
            match a
                .params
                .iter()
                .find(|q| q.name == p.name && q.location == p.location)
            {
                None => self.push(
                    ChangeKind::Added,
                    Item::Parameter,
                    place(p),
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
                            place(p),
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
                    place(q),
                    true,
                    (Some(param_type(old, q)), None),
                    "",
                );
            }
        }
        let body = |ir: &Ir, b: &crate::ir::Body| {
            format!(
                "{} as {}{}",
                shape(ir, &b.shape),
                b.content_type,
                if b.required { "" } else { " (optional)" }
            )
        };
        let path = format!("{id} body");
        match (&a.body, &b.body) {
            (None, Some(y)) => self.push(
                ChangeKind::Added,
                Item::Body,
                path,
                y.required,
                (None, Some(body(new, y))),
                "",
            ),
            (Some(x), None) => self.push(
                ChangeKind::Removed,
                Item::Body,
                path,
                true,
                (Some(body(old, x)), None),
                "",
            ),
            (Some(x), Some(y)) => {
                let (bx, by) = (body(old, x), body(new, y));
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
        let success = |status: &str| status.starts_with('2');
        let response = |ir: &Ir, r: &crate::ir::Response| match (&r.shape, &r.content_type) {
            (Some(s), Some(ct)) => format!("{} as {ct}", shape(ir, s)),
            _ => "no body".to_string(),
        };
        for r in &b.responses {
            let path = format!("{id} {}", r.status);
            match a.responses.iter().find(|q| q.status == r.status) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Response,
                    path,
                    success(&r.status),
                    (None, Some(response(new, r))),
                    if success(&r.status) {
                        "a new success response"
                    } else {
                        ""
                    },
                ),
                Some(q) => {
                    let (x, y) = (response(old, q), response(new, r));
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
                    (Some(response(old, q)), None),
                    "",
                );
            }
        }
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
