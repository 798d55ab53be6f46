//! The fixed part of the generated `validate` module: the `Validate` trait,
//! the report types, and the small checks the generated impls call, kept as
//! ordinary Rust in `generator/runtime/validate.rs` (compiled, linted and
//! unit-tested there by the `runtime` crate of the workspace). The format
//! checks are written by hand (no dependency); each is emitted only when the
//! description uses its format, and the `pattern` check only when a pattern
//! needs a regex engine.
//!
//! The file is parsed with [`runtime::items`] (its unit tests dropped) and
//! split by name: the function `pattern`, the format checks named by
//! [`format_check`], and everything else, which every description gets.

use super::runtime;
use crate::error::{Error, ErrorKind, Result};
use proc_macro2::TokenStream;
use quote::ToTokens;

/// `generator/runtime/validate.rs`, as text.
pub use crate::ir::formats::FORMATS;

pub const VALIDATE: &str = include_str!("../../runtime/validate.rs");

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

/// The items of `generator/runtime/validate.rs`, split into what every
/// description gets and what only some do.
pub struct Runtime {
    /// The trait, the report types and the checks shared by every description.
    pub common: TokenStream,
    /// `pattern` against an ECMA-262 regular expression, translated for the
    /// `fancy-regex` crate (linear time but for look-around and
    /// backreferences, which are backtracked within a step limit).
    pub pattern: TokenStream,
    /// The check of each format of [`FORMATS`], by function name.
    formats: Vec<(&'static str, TokenStream)>,
}

impl Runtime {
    /// Parses the file and splits its items.
    pub fn new() -> Result<Self> {
        let checks: Vec<&'static str> = FORMATS
            .iter()
            .filter_map(|(format, _)| format_check(format))
            .collect();
        let mut common = TokenStream::new();
        let mut pattern = None;
        let mut formats = Vec::new();
        for item in runtime::items("validate.rs", VALIDATE)? {
            let name = match &item {
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            };
            match name.as_deref() {
                Some(PATTERN) => pattern = Some(item.into_token_stream()),
                Some(name) if checks.contains(&name) => {
                    let check = checks.iter().copied().find(|c| *c == name);
                    formats.extend(check.map(|c| (c, item.into_token_stream())));
                }
                _ => item.to_tokens(&mut common),
            }
        }
        let missing = checks
            .iter()
            .copied()
            .find(|name| !formats.iter().any(|(f, _)| f == name))
            .or(pattern.is_none().then_some(PATTERN));
        if let Some(name) = missing {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "internal error: the runtime file `generator/runtime/validate.rs` has no function `{name}`"
                ),
            )
            .help("please report this: the generator was built from a broken source tree"));
        }
        Ok(Self {
            common,
            pattern: pattern.unwrap_or_default(),
            formats,
        })
    }

    /// The check of a standard `format`, if it is checked.
    pub fn format(&self, format: &str) -> Option<&TokenStream> {
        let name = format_check(format)?;
        self.formats
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, code)| code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every checked format has its function in the file, and so has the
    /// `pattern` check; neither is in the common part.
    #[test]
    fn optional_items_are_split_out() {
        let runtime = Runtime::new().expect("parses");
        let common = runtime.common.to_string();
        for (format, needs) in FORMATS {
            let name = format_check(format).expect("checked");
            let code = runtime.format(format).expect("in the file").to_string();
            assert!(code.starts_with("# [doc ="), "{format}: {code}");
            assert!(code.contains(&format!("pub fn {name} (")), "{format}");
            assert!(!common.contains(&format!("fn {name} (")), "{format}");
            // A check calls only itself and the checks `FORMATS` lists.
            for (other, _) in FORMATS {
                let other_name = format_check(other).expect("checked");
                if other != format && code.contains(&format!("{other_name} (")) {
                    assert!(needs.contains(other), "{format} calls {other_name}");
                }
            }
        }
        assert!(runtime.pattern.to_string().contains("pub fn pattern ("));
        assert!(runtime.pattern.to_string().contains("fancy_regex"));
        assert!(!common.contains("fn pattern ("));
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
        assert!(runtime.format("password").is_none());
        assert!(format_check("int32").is_none());
    }
}
