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
//!
//! The comparisons are split by what they compare: `types` (types,
//! fields, enum values, union branches), `constraints` (the keywords of a
//! place), `operations` (routes, parameters, bodies, responses, scopes);
//! `report` holds the changes and prints them.

mod constraints;
mod operations;
mod report;
mod types;

pub use report::{ApiDiff, Change, ChangeKind, Item};

use crate::ir::{Ir, Shape};

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

/// The two IRs compared, and the changes found so far.
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

impl Differ<'_> {
    /// Adds a change to the report.
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
}
