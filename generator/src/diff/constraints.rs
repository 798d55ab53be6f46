//! The diff of constraints: the keywords of one place (a type, a field, a
//! union branch, the other keys of a struct, the items of an array) in both
//! IRs, keyword by keyword; stricter is breaking, looser is not.

use super::{ChangeKind, Differ, Item};
use crate::ir::Constraints;

/// The text of a `pattern` constraint.
fn pattern_text(c: &Constraints) -> Option<String> {
    c.pattern.as_ref().map(|p| p.source.clone())
}

/// Whether a new bound (`y`) is stricter than the old one (`x`): one that
/// appears is, one that goes is not.
fn stricter_bound<T: PartialOrd>(x: Option<T>, y: Option<T>, larger_is_stricter: bool) -> bool {
    match (x, y) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => (y > x) == larger_is_stricter,
        (None, None) => false,
    }
}

impl Differ<'_> {
    /// Keyword by keyword: stricter is breaking, looser is not.
    pub(super) fn constraints(&mut self, path: &str, a: &Constraints, b: &Constraints) {
        self.counts(path, a, b);
        self.bounds(path, a, b);
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

    /// The keywords that count: lengths, items and properties.
    fn counts(&mut self, path: &str, a: &Constraints, b: &Constraints) {
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
                let stricter = stricter_bound(x, y, larger_is_stricter);
                self.constraint(
                    path,
                    keyword,
                    x.map(|v| v.to_string()),
                    y.map(|v| v.to_string()),
                    stricter,
                );
            }
        }
    }

    /// The numeric bounds, `minimum` and `maximum`, with their exclusiveness.
    fn bounds(&mut self, path: &str, a: &Constraints, b: &Constraints) {
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
                    (Some(x), Some(y)) if x == y => ye && !xe,
                    _ => stricter_bound(x, y, larger_is_stricter),
                };
                let show = |v: Option<f64>, exclusive: bool| {
                    v.map(|v| format!("{v}{}", if exclusive { " (exclusive)" } else { "" }))
                };
                self.constraint(path, keyword, show(x, xe), show(y, ye), stricter);
            }
        }
    }

    /// One keyword that changed, stricter or not.
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
}
