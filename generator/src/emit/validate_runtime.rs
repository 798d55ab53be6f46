//! The fixed part of the generated `validate` module: the `Validate` trait,
//! the report types, the small checks the generated impls call and the
//! tables the raw-JSON validator reads, kept as ordinary Rust in
//! `generator/runtime/` (compiled, linted and unit-tested there by the
//! `runtime` crate of the workspace): `validate.rs` (the trait, the reports,
//! the paths), `validate_checks.rs` (the keyword checks),
//! `validate_formats.rs` (the `pattern` check and the format checks) and
//! `json_schema.rs` (the raw-JSON validator's tables). The format checks are
//! written by hand (no dependency); each is emitted only when the description
//! uses its format, and the `pattern` check only when a pattern needs a regex
//! engine.
//!
//! The files' items are copied as written ([`runtime::split`], their unit
//! tests dropped) and sorted by name: the function `pattern`, the format checks named by
//! [`format_check`] with their helpers (the functions of
//! `validate_formats.rs` named after them: `uri_…` for `is_uri`), and
//! everything else, which every description gets, in the files' order.

use super::runtime;
use crate::error::{Error, ErrorKind, Result};

pub use crate::ir::formats::FORMATS;

/// `generator/runtime/validate.rs`, as text.
pub const VALIDATE: &str = include_str!("../../runtime/validate.rs");

/// `generator/runtime/validate_checks.rs` (the keyword checks), as text.
pub const VALIDATE_CHECKS: &str = include_str!("../../runtime/validate_checks.rs");

/// `generator/runtime/validate_formats.rs` (`pattern` and the format
/// checks), as text.
pub const VALIDATE_FORMATS: &str = include_str!("../../runtime/validate_formats.rs");

/// `generator/runtime/json_schema.rs` (the raw-JSON validator's tables), as
/// text.
pub const JSON_SCHEMA: &str = include_str!("../../runtime/json_schema.rs");

/// The files of the fixed part, in the order their items are emitted.
pub const FILES: [(&str, &str); 4] = [
    ("validate.rs", VALIDATE),
    ("validate_checks.rs", VALIDATE_CHECKS),
    ("validate_formats.rs", VALIDATE_FORMATS),
    ("json_schema.rs", JSON_SCHEMA),
];

/// The name of the hand-written check of a standard `format` (a function of
/// `generator/runtime/validate.rs`); `None` for a format that is not checked
/// (Auth0's own, `int32`, `password`, …).
pub fn format_check(format: &str) -> Option<&'static str> {
    Some(match format {
        "uri" => "is_uri",
        "email" => "is_email",
        "hostname" => "is_hostname",
        "date" => "is_date",
        "date-time" => "is_date_time",
        "ipv4" => "is_ipv4",
        "ipv6" => "is_ipv6",
        "uuid" => "is_uuid",
        _ => return None,
    })
}

/// The name of the function that checks `pattern` against a regex.
const PATTERN: &str = "pattern";

/// The items of the fixed part's files (see [`FILES`]), split into what
/// every description gets and what only some do, as the files' text
/// (rustfmt's: copied as written, see [`runtime::split`]).
pub struct Runtime {
    /// The trait, the report types and the checks shared by every description.
    pub common: String,
    /// `pattern` against an ECMA-262 regular expression, translated for the
    /// `fancy-regex` crate (linear time but for look-around and
    /// backreferences, which are backtracked within a step limit).
    pub pattern: String,
    /// The check of each format of [`FORMATS`] and its helpers, by the
    /// check's function name.
    formats: Vec<(&'static str, String)>,
}

impl Runtime {
    /// Splits the files' items.
    pub fn new() -> Result<Self> {
        let checks: Vec<&'static str> = FORMATS
            .iter()
            .filter_map(|(format, _)| format_check(format))
            .collect();
        let mut common = Vec::new();
        let mut pattern = None;
        let mut formats: Vec<(&'static str, Vec<&str>)> = Vec::new();
        let mut found: Vec<&'static str> = Vec::new();
        for (file, text) in FILES {
            for item in runtime::split(text, 0) {
                let name = item.function_name();
                let owner = name.and_then(|name| {
                    let check = checks.iter().copied().find(|c| *c == name);
                    found.extend(check);
                    check.or_else(|| helper_of(&checks, file, name))
                });
                if name == Some(PATTERN) {
                    pattern = Some(item.text.to_string());
                } else if let Some(owner) = owner {
                    match formats.iter_mut().find(|(check, _)| *check == owner) {
                        Some((_, code)) => code.push(item.text),
                        None => formats.push((owner, vec![item.text])),
                    }
                } else {
                    common.push(item.text);
                }
            }
        }
        let missing = checks
            .iter()
            .copied()
            .find(|name| !found.contains(name))
            .or(pattern.is_none().then_some(PATTERN));
        if let Some(name) = missing {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "internal error: the runtime file `generator/runtime/validate_formats.rs` has no function `{name}`"
                ),
            )
            .help("please report this: the generator was built from a broken source tree"));
        }
        Ok(Self {
            common: runtime::join(common),
            pattern: pattern.unwrap_or_default(),
            formats: formats
                .into_iter()
                .map(|(check, items)| (check, runtime::join(items)))
                .collect(),
        })
    }

    /// The check of a standard `format`, if it is checked.
    pub fn format(&self, format: &str) -> Option<&str> {
        let name = format_check(format)?;
        self.formats
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, code)| code.as_str())
    }
}

/// The format check a helper function of `validate_formats.rs` belongs to:
/// the check named after the longest prefix of its name (`uri_authority`
/// goes with `is_uri`, `date_time_…` with `is_date_time`). Functions of
/// the other files are nobody's helpers.
fn helper_of(checks: &[&'static str], file: &str, name: &str) -> Option<&'static str> {
    if file != "validate_formats.rs" {
        return None;
    }
    checks
        .iter()
        .copied()
        .filter(|check| {
            let stem = check.trim_start_matches("is_");
            name.strip_prefix(stem)
                .is_some_and(|rest| rest.starts_with('_'))
        })
        .max_by_key(|check| check.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every checked format has its function in the file, and so has the
    /// `pattern` check; neither is in the common part.
    #[test]
    fn optional_items_are_split_out() {
        let runtime = Runtime::new().expect("parses");
        let common = &runtime.common;
        for (format, needs) in FORMATS {
            let name = format_check(format).expect("checked");
            let code = runtime.format(format).expect("in the file");
            assert!(code.starts_with("///"), "{format}: {code}");
            assert!(code.contains(&format!("pub fn {name}(")), "{format}");
            assert!(!common.contains(&format!("fn {name}(")), "{format}");
            // A check calls only itself and the checks `FORMATS` lists.
            for (other, _) in FORMATS {
                let other_name = format_check(other).expect("checked");
                if other != format && code.contains(&format!("{other_name}(")) {
                    assert!(needs.contains(other), "{format} calls {other_name}");
                }
            }
        }
        assert!(runtime.pattern.contains("pub fn pattern("));
        assert!(runtime.pattern.contains("fancy_regex"));
        // (The tables' builder `const fn pattern` is another function.)
        assert!(!common.contains("pub fn pattern("));
        assert!(!common.contains("fancy_regex"));
        for name in [
            "trait Validate",
            "struct Report",
            "enum Path",
            "fn nested",
            "MAX_DEPTH",
        ] {
            assert!(common.contains(name), "{name}");
        }
        assert!(!common.contains("mod tests"));
        assert!(!common.contains("fn uri_"));
        let uri = runtime.format("uri").expect("in the file");
        assert!(uri.contains("fn uri_authority("), "{uri}");
        for name in ["fn max_length", "struct JsonSchema", "fn one_of"] {
            assert!(common.contains(name), "{name}");
        }
        assert_eq!(
            helper_of(
                &["is_date", "is_date_time"],
                "validate_formats.rs",
                "date_time_x"
            ),
            Some("is_date_time")
        );
        assert_eq!(
            helper_of(
                &["is_date", "is_date_time"],
                "validate_formats.rs",
                "date_x"
            ),
            Some("is_date")
        );
        assert_eq!(helper_of(&["is_uri"], "validate.rs", "uri_x"), None);
        assert_eq!(helper_of(&["is_uri"], "validate_formats.rs", "urix"), None);
        assert!(runtime.format("password").is_none());
        assert!(format_check("int32").is_none());
    }
}
