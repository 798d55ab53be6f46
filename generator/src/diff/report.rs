//! The diff's report: the changes ([`ApiDiff`], [`Change`]), counted and
//! printed for people ([`ApiDiff::to_text`]) or as JSON
//! ([`ApiDiff::to_json`]); the comparisons of the sibling modules fill it.

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
