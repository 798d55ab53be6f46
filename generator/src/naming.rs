//! Rust names for things named in a description: case conversion with `heck`,
//! keywords made safe, non-ASCII replaced, and collisions resolved
//! deterministically (first come, first served; later ones get a numeric suffix).

use heck::{ToPascalCase, ToSnakeCase};
use std::collections::{BTreeSet, HashMap};

/// Words that cannot be identifiers as they are (strict and reserved keywords of
/// every edition, plus the path keywords that cannot even be raw identifiers).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The generated client's own methods, and the methods of the traits its
/// types implement or that clippy expects a method of that name to belong to
/// (`clone`, `fmt`, `eq`, `default`, `into`, …): operation methods sit beside
/// them, so an operation with one of these names gets a suffix (`builder2`,
/// `clone2`).
pub const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "with_validation",
    "with_retry",
    "with_options",
    "send",
    "validate",
    "validate_at",
    "clone",
    "clone_from",
    "clone_into",
    "fmt",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "lt",
    "le",
    "gt",
    "ge",
    "max",
    "min",
    "clamp",
    "hash",
    "default",
    "into",
    "from",
    "try_into",
    "try_from",
    "to_owned",
    "to_string",
    "borrow",
    "borrow_mut",
    "as_ref",
    "as_mut",
    "deref",
    "deref_mut",
    "drop",
    "type_id",
    "serialize",
    "deserialize",
    "from_str",
    "from_iter",
    "into_iter",
    "next",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "index",
    "index_mut",
];

/// Type names that would shadow what generated code refers to unqualified.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Patch",
    "From",
    "Into",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Ord",
    "PartialOrd",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "TryFrom",
    "TryInto",
    "Extend",
];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// What is wrong with a package name, by cargo's rules (ASCII, as crates.io
/// requires): letters, digits, `-` and `_`, not starting with a digit, at most
/// 64 characters, not a Rust keyword, not a crate of the standard library.
pub fn crate_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "it contains {c:?}: only ASCII letters, digits, `-` and `_` are allowed"
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some("it starts with a digit".into());
    }
    if name.len() > 64 {
        return Some("it is longer than 64 characters".into());
    }
    let lib = name.replace('-', "_");
    if is_keyword(&lib) {
        return Some(format!("`{lib}` is a Rust keyword"));
    }
    if ["std", "core", "alloc", "proc_macro", "test"].contains(&lib.as_str()) {
        return Some(format!("`{lib}` is a crate of the standard library"));
    }
    None
}

/// Replaces everything that is not an ASCII letter, digit or separator, so that
/// `heck` sees word boundaries and the result is a plain ASCII identifier.
/// Non-ASCII characters become their code point (`é` → `u00e9`) so that names
/// which differ only there stay different.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" u{:04x} ", c as u32));
        }
    }
    out
}

fn finish(mut name: String, fallback: &str) -> String {
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// `UpperCamelCase` for types and variants.
pub fn type_name(raw: &str) -> String {
    let mut name = finish(ascii_words(raw).to_pascal_case(), "Type");
    if name.starts_with('_') {
        name.replace_range(0..1, "N");
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `UpperCamelCase` for enum variants; an empty or symbolic value gets a
/// name that says so.
pub fn variant_name(raw: &str) -> String {
    let words = ascii_words(raw).to_pascal_case();
    if words.is_empty() {
        return if raw.is_empty() {
            "Empty".into()
        } else {
            "Value".into()
        };
    }
    let mut name = finish(words, "Value");
    if name.starts_with('_') {
        name.replace_range(0..1, "V");
    }
    name
}

/// `snake_case` for fields, functions and modules.
pub fn field_name(raw: &str) -> String {
    finish(ascii_words(raw).to_snake_case(), "field")
}

/// A set of names already taken in one scope (a module, a struct, an enum).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// For a name asked for more than once, the suffix to try next: every
    /// smaller one is taken (names are never given back), so 10,000 clashing
    /// names take linear time, not a search from `2` each.
    next: HashMap<String, usize>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves a name so that nothing else in the scope gets it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Returns `name`, or `name2`, `name3`, … if taken, and takes it.
    pub fn unique(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let sep = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let next = self.next.entry(name.clone()).or_insert(2);
        loop {
            let candidate = format!("{name}{sep}{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_names_get_the_smallest_free_suffix() {
        let mut scope = Scope::new();
        scope.reserve("a3");
        let names: Vec<String> = (0..5).map(|_| scope.unique("a".into())).collect();
        assert_eq!(names, ["a", "a2", "a4", "a5", "a6"]);
        assert_eq!(scope.unique("a3".into()), "a3_2");
        // 20,000 clashes: a search from `2` each would be 2 * 10^8 steps.
        for _ in 0..20_000 {
            scope.unique("b".into());
        }
        assert_eq!(scope.unique("b".into()), "b20001");
    }

    #[test]
    fn cases() {
        assert_eq!(
            type_name("UpdateConnectionRequestContent"),
            "UpdateConnectionRequestContent"
        );
        assert_eq!(type_name("connection-options"), "ConnectionOptions");
        assert_eq!(type_name("2fa"), "N2fa");
        assert_eq!(type_name("Option"), "Option_");
        assert_eq!(
            field_name("enabledDatabaseCustomization"),
            "enabled_database_customization"
        );
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("$ref"), "ref_");
        assert_eq!(field_name("2nd"), "_2nd");
        assert_eq!(field_name(""), "field");
        assert_eq!(field_name("名前"), "u540d_u524d");
        assert_eq!(variant_name("v2026-1"), "V20261");
        assert_eq!(variant_name("ES256"), "Es256");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+"), "Value");
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.unique(field_name("fooBar")), "foo_bar");
        assert_eq!(scope.unique(field_name("foo_bar")), "foo_bar2");
        assert_eq!(scope.unique(field_name("FooBar")), "foo_bar3");
        let mut scope = Scope::new();
        assert_eq!(scope.unique("v1".into()), "v1");
        assert_eq!(scope.unique("v1".into()), "v1_2");
    }
}
