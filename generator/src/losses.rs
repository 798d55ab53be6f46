//! What the generated code does not carry over exactly: schemas and fields
//! that fell back to untyped JSON (`serde_json::Value`), and keywords whose
//! constraint the generated types and validators do not enforce (or enforce
//! with a changed value). Every stage records what it lets go here, with the
//! JSON Pointer of the place in the description and the reason; the list is
//! reported ordered by pointer.
//!
//! ```
//! use openapi_rustgen::Losses;
//!
//! let mut losses = Losses::default();
//! losses.not_enforced("/components/schemas/Pet", "not", "a `not` schema has no Rust type");
//! losses.untyped("/components/schemas/Any", "the schema names no type");
//! let losses = losses.finish();
//! assert_eq!(losses.summary(), "1 schema untyped, 1 keyword not enforced");
//! assert_eq!(
//!     losses.to_string(),
//!     "/components/schemas/Any: untyped: the schema names no type\n\
//!      /components/schemas/Pet: `not` not enforced: a `not` schema has no Rust type\n"
//! );
//! ```

use std::fmt;

/// What kind of loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LossKind {
    /// The schema or field is `serde_json::Value`: any JSON is accepted and
    /// nothing about it is typed.
    Untyped,
    /// A keyword whose constraint is not checked (or is checked with a
    /// changed value, such as a bound clamped to 64 bits).
    NotEnforced,
}

/// One thing not carried over.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loss {
    /// JSON Pointer into the description (of the schema, or of the keyword's schema).
    pub pointer: String,
    pub kind: LossKind,
    /// The keyword (`not`, `patternProperties`, `format`, `pattern`, …); for
    /// [`LossKind::Untyped`], the keyword that caused it, or empty.
    pub keyword: String,
    /// Why, in words a person can act on.
    pub reason: String,
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        match (self.kind, self.keyword.is_empty()) {
            (LossKind::Untyped, true) => write!(f, "{pointer}: untyped: {}", self.reason),
            (LossKind::Untyped, false) => {
                write!(
                    f,
                    "{pointer}: untyped (`{}`): {}",
                    self.keyword, self.reason
                )
            }
            (LossKind::NotEnforced, _) => write!(
                f,
                "{pointer}: `{}` not enforced: {}",
                self.keyword, self.reason
            ),
        }
    }
}

/// The losses of one generation. Stages record into it with
/// [`Losses::untyped`] and [`Losses::not_enforced`]; [`Losses::finish`]
/// orders them by pointer and removes duplicates (a schema reached twice is
/// reported once). `Display` prints one loss a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Losses {
    items: Vec<Loss>,
}

impl Losses {
    /// Records that the schema at `pointer` became `serde_json::Value`.
    pub fn untyped(&mut self, pointer: impl Into<String>, reason: impl Into<String>) {
        self.untyped_by(pointer, String::new(), reason);
    }

    /// Records that the schema at `pointer` became `serde_json::Value`
    /// because of `keyword`.
    pub fn untyped_by(
        &mut self,
        pointer: impl Into<String>,
        keyword: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.items.push(Loss {
            pointer: pointer.into(),
            kind: LossKind::Untyped,
            keyword: keyword.into(),
            reason: reason.into(),
        });
    }

    /// Records that `keyword` of the schema at `pointer` is not enforced.
    pub fn not_enforced(
        &mut self,
        pointer: impl Into<String>,
        keyword: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.items.push(Loss {
            pointer: pointer.into(),
            kind: LossKind::NotEnforced,
            keyword: keyword.into(),
            reason: reason.into(),
        });
    }

    /// Adds every loss of `other`.
    pub fn append(&mut self, other: Losses) {
        self.items.extend(other.items);
    }

    /// Ordered by pointer (then kind, keyword and reason), without duplicates.
    pub fn finish(mut self) -> Losses {
        self.items.sort();
        self.items.dedup();
        self
    }

    /// Every loss, in the order recorded (ordered after [`Losses::finish`]).
    pub fn iter(&self) -> std::slice::Iter<'_, Loss> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many places are untyped.
    pub fn untyped_count(&self) -> usize {
        self.count(LossKind::Untyped)
    }

    /// How many keywords are not enforced.
    pub fn not_enforced_count(&self) -> usize {
        self.count(LossKind::NotEnforced)
    }

    fn count(&self, kind: LossKind) -> usize {
        self.items.iter().filter(|l| l.kind == kind).count()
    }

    /// One line: `3 schemas untyped, 12 keywords not enforced`.
    pub fn summary(&self) -> String {
        let (untyped, loose) = (self.untyped_count(), self.not_enforced_count());
        format!(
            "{untyped} schema{} untyped, {loose} keyword{} not enforced",
            if untyped == 1 { "" } else { "s" },
            if loose == 1 { "" } else { "s" }
        )
    }
}

impl fmt::Display for Losses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for loss in &self.items {
            writeln!(f, "{loss}")?;
        }
        Ok(())
    }
}

impl<'a> IntoIterator for &'a Losses {
    type Item = &'a Loss;
    type IntoIter = std::slice::Iter<'a, Loss>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
