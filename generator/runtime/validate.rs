// The shared runtime of a generated crate's validators: the `Validate` trait,
// the violation and report types, the path of a value, the depth limit, the
// keyword checks the generated impls call, the `pattern` check, and the
// hand-written checks of the standard formats (no dependency but `serde`,
// `serde_json` and, for `pattern` only, `fancy-regex`). It is ordinary Rust,
// compiled, linted and unit-tested as part of the workspace (the crate in
// `runtime/`), and copied into every generated crate's `validate` module by
// `generator/src/emit/validate_runtime.rs`.
//
// How it gets there: the generator `include_str!`s this file, parses it with
// `syn`, drops every item marked `#[cfg(test)]` (the tests below stay here),
// and splits the rest by name:
//   - the function `pattern` is emitted only when a description has a
//     `pattern` that needs a regex engine (it is what needs `fancy-regex`);
//   - each `is_<format>` function (`is_uri`, `is_email`, `is_hostname`,
//     `is_date`, `is_date_time`, `is_ipv4`, `is_ipv6`, `is_uuid`) is emitted
//     only when a description uses its format, or a format whose check calls
//     it (`email` calls `is_hostname`, `date-time` calls `is_date`); the
//     table `FORMATS` of `validate_runtime.rs` names them;
//   - every other item is emitted for every description, first in the module.
// One file keeps the checks next to their tests; picking items by name keeps
// the generated code free of what a description does not use. So what is
// written here is the generated code: hygienic paths (`::std::…`,
// `::serde::…`, `::fancy_regex::…`), docs that read well in the generated
// crate, nothing that clippy or rustdoc would warn about. Plain `//` comments
// like this one are not copied (they are not tokens).
//
// The seam: the file's items share the `validate` module with what the
// generator writes for each description, which uses them by their plain
// names:
//   - the raw-JSON validator (`generator/runtime/validate_json.rs`), emitted
//     after the common items, which reports through `Report` and `Path` and
//     calls the keyword and format checks;
//   - one `pattern_<n>()` per distinct pattern, returning
//     `Option<&'static ::fancy_regex::Regex>`, passed to `pattern`;
//   - an `impl Validate` (and, where keys are counted, an `impl JsonObject`)
//     per generated type and a `validate_<alias>` function per alias, which
//     call the checks below and `nested` for a struct or union inside another.
// Nothing here refers to the generator's side. The workspace crate `runtime/`
// (`runtime/src/lib.rs`) `include!`s this file into a module with stand-ins
// for that side: one pattern function and a few types with their impls,
// written as the generator writes them.
//
// Each item is kept free of anything specific to one description.

/// A value that can be checked against the constraints of the description
/// (lengths, bounds, patterns, formats, `enum`, `oneOf`, closed objects, …)
/// before it is sent.
pub trait Validate {
    /// Every constraint the value breaks, or `Ok(())`. A valid value is
    /// checked without allocating.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut report = Report::new();
        self.validate_at(&Path::Root, &mut report);
        report.finish()
    }

    /// Adds the violations of the value, found at `path`, to `report`.
    fn validate_at(&self, path: &Path<'_>, report: &mut Report);
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON Pointer (RFC 6901) of the offending value in the JSON that would
    /// be sent, e.g. `/metadata/team`; empty for the value itself.
    pub pointer: String,
    /// The JSON Schema keyword it breaks, e.g. `maxLength`.
    pub keyword: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl ::std::fmt::Display for Violation {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        };
        write!(f, "{pointer}: {} ({})", self.message, self.keyword)
    }
}

/// Every constraint a value breaks (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// The violations, in the order of the value's fields.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations, owned.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl ::std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.violations.as_slice() {
            [only] => write!(
                f,
                "the value breaks a constraint of the description: {only}"
            ),
            all => {
                write!(
                    f,
                    "the value breaks {} constraints of the description:",
                    all.len()
                )?;
                for violation in all {
                    write!(f, "\n  {violation}")?;
                }
                Ok(())
            }
        }
    }
}

impl ::std::error::Error for ValidationErrors {}

/// Where a value sits in the JSON that would be sent: a chain of keys and
/// indices on the stack, turned into a JSON Pointer only for a violation.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated.
    Root,
    /// A property of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of a property of this value.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of an element of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The JSON Pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let mut pointer = parent.pointer();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                pointer
            }
            Path::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }

    /// What a message calls the value: its key, or its place in an array.
    pub fn subject(&self) -> String {
        match self {
            Path::Root => "the value".to_owned(),
            Path::Key(_, key) => (*key).to_owned(),
            Path::Index(parent, index) => format!("item {index} of {}", parent.subject()),
        }
    }
}

/// Collects violations (or, when only counting, how many there are).
#[derive(Debug, Default)]
pub struct Report {
    violations: Vec<Violation>,
    failures: usize,
    counting: bool,
}

impl Report {
    /// A report that records every violation.
    pub fn new() -> Self {
        Self::default()
    }

    /// A report that only counts violations (used to try `oneOf`/`anyOf`
    /// branches without building messages).
    pub fn counting() -> Self {
        Self {
            counting: true,
            ..Self::default()
        }
    }

    /// Records a violation; the message is built only when it is recorded.
    pub fn fail(
        &mut self,
        path: &Path<'_>,
        keyword: &'static str,
        message: impl FnOnce(&str) -> String,
    ) {
        self.failures += 1;
        if !self.counting {
            let message = message(&path.subject());
            self.violations.push(Violation {
                pointer: path.pointer(),
                keyword,
                message,
            });
        }
    }

    /// No violation so far.
    pub fn is_clean(&self) -> bool {
        self.failures == 0
    }

    /// `Ok(())`, or every violation recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.failures == 0 {
            Ok(())
        } else {
            Err(ValidationErrors {
                violations: self.violations,
            })
        }
    }
}

/// How many levels of structs and unions a value may nest in before it
/// is not checked further (a `depth` violation): deeper recursion could
/// overflow the stack. JSON read with `serde_json` nests at most 128
/// levels.
pub const MAX_DEPTH: usize = 128;

/// Validates a struct or union inside another value, one level deeper
/// (see [`MAX_DEPTH`]).
#[doc(hidden)]
pub fn nested<T: Validate + ?Sized>(value: &T, path: &Path<'_>, report: &mut Report) {
    ::std::thread_local! {
        static DEPTH: ::std::cell::Cell<usize> = const { ::std::cell::Cell::new(0) };
    }
    let depth = DEPTH.with(|d| {
        let depth = d.get().saturating_add(1);
        d.set(depth);
        depth
    });
    if depth > MAX_DEPTH {
        report.fail(path, "depth", |subject| {
            format!(
                "{subject} is nested more than {MAX_DEPTH} levels deep; it is not checked further"
            )
        });
    } else {
        value.validate_at(path, report);
    }
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
}

/// The keys a struct would be serialised with (named fields that are set,
/// plus the extra keys), for the object keywords and for telling `oneOf`
/// branches apart.
#[doc(hidden)]
pub trait JsonObject {
    /// How many keys the object is serialised with.
    fn key_count(&self) -> usize;
    /// Whether it is serialised with this key.
    fn has_key(&self, key: &str) -> bool;
    /// Whether every key it is serialised with is in `known`.
    fn keys_within(&self, known: &[&str]) -> bool;
}

#[doc(hidden)]
pub fn max_length(report: &mut Report, path: &Path<'_>, value: &str, max: usize) {
    // A string has at most as many code points as bytes.
    if value.len() > max {
        let count = value.chars().count();
        if count > max {
            report.fail(path, "maxLength", |subject| {
                format!("{subject} is {count} characters long; at most {max} are allowed")
            });
        }
    }
}

#[doc(hidden)]
pub fn min_length(report: &mut Report, path: &Path<'_>, value: &str, min: usize) {
    // A string has at least a quarter as many code points as bytes.
    if value.len() / 4 < min {
        let count = value.chars().count();
        if count < min {
            report.fail(path, "minLength", |subject| {
                format!("{subject} is {count} characters long; at least {min} are required")
            });
        }
    }
}

#[doc(hidden)]
pub fn minimum_int(report: &mut Report, path: &Path<'_>, value: i128, min: i128, exclusive: bool) {
    if value < min || (exclusive && value == min) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMinimum"
            } else {
                "minimum"
            },
            |subject| {
                let bound = if exclusive {
                    "greater than"
                } else {
                    "at least"
                };
                format!("{subject} is {value}; it must be {bound} {min}")
            },
        );
    }
}

#[doc(hidden)]
pub fn maximum_int(report: &mut Report, path: &Path<'_>, value: i128, max: i128, exclusive: bool) {
    if value > max || (exclusive && value == max) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMaximum"
            } else {
                "maximum"
            },
            |subject| {
                let bound = if exclusive { "less than" } else { "at most" };
                format!("{subject} is {value}; it must be {bound} {max}")
            },
        );
    }
}

#[doc(hidden)]
pub fn minimum_number(report: &mut Report, path: &Path<'_>, value: f64, min: f64, exclusive: bool) {
    if value < min || (exclusive && value == min) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMinimum"
            } else {
                "minimum"
            },
            |subject| {
                let bound = if exclusive {
                    "greater than"
                } else {
                    "at least"
                };
                format!("{subject} is {value}; it must be {bound} {min}")
            },
        );
    }
}

#[doc(hidden)]
pub fn maximum_number(report: &mut Report, path: &Path<'_>, value: f64, max: f64, exclusive: bool) {
    if value > max || (exclusive && value == max) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMaximum"
            } else {
                "maximum"
            },
            |subject| {
                let bound = if exclusive { "less than" } else { "at most" };
                format!("{subject} is {value}; it must be {bound} {max}")
            },
        );
    }
}

#[doc(hidden)]
pub fn multiple_of_int(report: &mut Report, path: &Path<'_>, value: i128, factor: i128) {
    // `checked_rem` is `None` only for a minimum divided by -1, a multiple.
    if value.checked_rem(factor).is_some_and(|rest| rest != 0) {
        report.fail(path, "multipleOf", |subject| {
            format!("{subject} is {value}; it must be a multiple of {factor}")
        });
    }
}

#[doc(hidden)]
pub fn multiple_of_number(report: &mut Report, path: &Path<'_>, value: f64, factor: f64) {
    // The quotient must be a whole number; decimal factors such as 0.01
    // are not exact in binary, so allow for the rounding of the division.
    let quotient = value / factor;
    let whole = quotient.is_finite()
        && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0);
    if !whole {
        report.fail(path, "multipleOf", |subject| {
            format!("{subject} is {value}; it must be a multiple of {factor}")
        });
    }
}

#[doc(hidden)]
pub fn finite(report: &mut Report, path: &Path<'_>, value: f64) {
    if !value.is_finite() {
        report.fail(path, "type", |subject| {
            format!("{subject} is {value}, which JSON cannot carry (it would be sent as null)")
        });
    }
}

#[doc(hidden)]
pub fn min_items(report: &mut Report, path: &Path<'_>, len: usize, min: usize) {
    if len < min {
        report.fail(path, "minItems", |subject| {
            format!("{subject} has {len} items; at least {min} are required")
        });
    }
}

#[doc(hidden)]
pub fn max_items(report: &mut Report, path: &Path<'_>, len: usize, max: usize) {
    if len > max {
        report.fail(path, "maxItems", |subject| {
            format!("{subject} has {len} items; at most {max} are allowed")
        });
    }
}

#[doc(hidden)]
pub fn unique_items<T>(
    report: &mut Report,
    path: &Path<'_>,
    items: &[T],
    equal: impl Fn(&T, &T) -> bool,
) {
    for (later, item) in items.iter().enumerate() {
        if let Some(earlier) = items[..later].iter().position(|other| equal(other, item)) {
            report.fail(path, "uniqueItems", |subject| {
                format!("{subject} has equal items at {earlier} and {later}; items must be unique")
            });
            return;
        }
    }
}

#[doc(hidden)]
pub fn min_properties(report: &mut Report, path: &Path<'_>, count: usize, min: usize) {
    if count < min {
        report.fail(path, "minProperties", |subject| {
            if count == 0 {
                format!("{subject} is an empty object; at least {min} properties are required (an update must change something)")
            } else {
                format!("{subject} has {count} properties; at least {min} are required")
            }
        });
    }
}

#[doc(hidden)]
pub fn max_properties(report: &mut Report, path: &Path<'_>, count: usize, max: usize) {
    if count > max {
        report.fail(path, "maxProperties", |subject| {
            format!("{subject} has {count} properties; at most {max} are allowed")
        });
    }
}

/// A `pattern` that only asks for a prefix (`^https:\/\/.*`) or for the
/// whole text (`^abc$`), checked without a regex engine.
#[doc(hidden)]
pub fn pattern_literal(
    report: &mut Report,
    path: &Path<'_>,
    value: &str,
    literal: &str,
    exact: bool,
    source: &'static str,
) {
    let matches = if exact {
        value == literal
    } else {
        value.starts_with(literal)
    };
    if !matches {
        report.fail(path, "pattern", |subject| {
            format!("{subject} is {value:?}, which does not match the pattern {source}")
        });
    }
}

#[doc(hidden)]
pub fn format(
    report: &mut Report,
    path: &Path<'_>,
    value: &str,
    format: &'static str,
    valid: bool,
) {
    if !valid {
        report.fail(path, "format", |subject| {
            format!("{subject} is {value:?}, which is not a valid {format}")
        });
    }
}

#[doc(hidden)]
pub fn not_listed(
    report: &mut Report,
    path: &Path<'_>,
    value: &dyn ::std::fmt::Debug,
    allowed: &'static str,
) {
    report.fail(path, "enum", |subject| {
        format!("{subject} is {value:?}, which is not one of the allowed values: {allowed}")
    });
}

/// `additionalProperties: false`: each key of a struct's `extra` map is a violation.
#[doc(hidden)]
pub fn no_other_keys<'k>(
    report: &mut Report,
    path: &Path<'_>,
    keys: impl Iterator<Item = &'k String>,
    type_name: &'static str,
) {
    for key in keys {
        report.fail(&path.key(key), "additionalProperties", |subject| {
            format!("{subject} is not a property of {type_name}; the description allows no other")
        });
    }
}

/// JSON equality: numbers are equal when their values are, whatever their notation.
#[doc(hidden)]
pub fn json_equal(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_equal(x, y)))
        }
        _ => a == b,
    }
}

/// Checks a value against a list of allowed JSON values (for `enum`s of
/// objects, arrays or mixed types; allocates).
#[doc(hidden)]
pub fn allowed_json<T: ::serde::Serialize + ?Sized>(
    report: &mut Report,
    path: &Path<'_>,
    value: &T,
    allowed: &[&str],
    listed: &'static str,
) {
    let Ok(json) = ::serde_json::to_value(value) else {
        return;
    };
    let found = allowed.iter().any(|text| {
        ::serde_json::from_str::<::serde_json::Value>(text)
            .is_ok_and(|candidate| json_equal(&candidate, &json))
    });
    if !found {
        not_listed(report, path, &json, listed);
    }
}

/// Whether `check` finds no violation (nothing is recorded).
#[doc(hidden)]
pub fn passes(check: impl FnOnce(&mut Report)) -> bool {
    let mut report = Report::counting();
    check(&mut report);
    report.is_clean()
}

/// `oneOf`: with no branch matching, the violations of the branch the
/// value is held as (`own`); with several, one violation naming them.
#[doc(hidden)]
pub fn one_of<const N: usize>(
    report: &mut Report,
    path: &Path<'_>,
    matched: [bool; N],
    names: &[&str; N],
    own: impl FnOnce(&mut Report),
) {
    let count = matched.iter().filter(|m| **m).count();
    if count == 0 {
        own(report);
    } else if count > 1 {
        report.fail(path, "oneOf", |subject| {
            let names: Vec<&str> = names
                .iter()
                .zip(matched)
                .filter(|(_, m)| *m)
                .map(|(name, _)| *name)
                .collect();
            format!(
                "{subject} matches {count} branches of oneOf ({}); exactly one must match",
                names.join(", ")
            )
        });
    }
}

/// Whether `value`, sent as JSON and read back as a `U`, passes `check`:
/// how a `oneOf`/`anyOf` value is tried against another branch.
#[doc(hidden)]
pub fn matches_as<T: ::serde::Serialize + ?Sized, U: ::serde::de::DeserializeOwned>(
    value: &T,
    check: impl FnOnce(&U, &mut Report),
) -> bool {
    let Ok(json) = ::serde_json::to_value(value) else {
        return false;
    };
    let Ok(other) = U::deserialize(&json) else {
        return false;
    };
    let mut report = Report::counting();
    check(&other, &mut report);
    report.is_clean()
}

#[doc(hidden)]
pub fn pattern(
    report: &mut Report,
    path: &Path<'_>,
    value: &str,
    regex: Option<&'static ::fancy_regex::Regex>,
    source: &'static str,
) {
    let Some(regex) = regex else {
        report.fail(path, "pattern", |subject| {
            format!("the pattern {source} of {subject} does not compile with this version of fancy-regex")
        });
        return;
    };
    match regex.is_match(value) {
        Ok(true) => {}
        Ok(false) => report.fail(path, "pattern", |subject| {
            format!("{subject} is {value:?}, which does not match the pattern {source}")
        }),
        Err(_) => report.fail(path, "pattern", |subject| {
            format!("{subject} could not be checked against the pattern {source} within the engine's step limit")
        }),
    }
}

/// An IPv4 address in dotted-quad form (no leading zeros).
#[doc(hidden)]
pub fn is_ipv4(value: &str) -> bool {
    value.parse::<::std::net::Ipv4Addr>().is_ok()
}

/// An IPv6 address (RFC 4291 text form).
#[doc(hidden)]
pub fn is_ipv6(value: &str) -> bool {
    value.parse::<::std::net::Ipv6Addr>().is_ok()
}

/// A UUID in its hyphenated form (RFC 4122): 8-4-4-4-12 hexadecimal digits.
#[doc(hidden)]
pub fn is_uuid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// A URI (RFC 3986): a scheme, then a hierarchical part, query and
/// fragment made of the characters the RFC allows, with valid
/// percent-encodings and a valid IP literal in brackets.
#[doc(hidden)]
// Not formatted: rustfmt would wrap a closure's body in braces, a change of
// the generated code (the generator drops the attribute).
#[rustfmt::skip]
pub fn is_uri(value: &str) -> bool {
    fn unreserved_or_sub_delim(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b)
    }
    // Characters of `allowed` and percent-encodings only.
    fn chars_ok(text: &[u8], allowed: impl Fn(u8) -> bool) -> bool {
        let mut i = 0;
        while i < text.len() {
            if text[i] == b'%' {
                if i + 2 >= text.len() {
                    return false;
                }
                if !(text[i + 1].is_ascii_hexdigit() && text[i + 2].is_ascii_hexdigit()) {
                    return false;
                }
                i += 3;
            } else if allowed(text[i]) {
                i += 1;
            } else {
                return false;
            }
        }
        true
    }
    fn pchar(b: u8) -> bool {
        unreserved_or_sub_delim(b) || b == b':' || b == b'@'
    }
    fn ip_literal(text: &str) -> bool {
        if let Some(future) = text.strip_prefix(['v', 'V']) {
            let Some((version, rest)) = future.split_once('.') else {
                return false;
            };
            return !version.is_empty()
                && version.bytes().all(|b| b.is_ascii_hexdigit())
                && !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| unreserved_or_sub_delim(b) || b == b':');
        }
        text.parse::<::std::net::Ipv6Addr>().is_ok()
    }
    let bytes = value.as_bytes();
    let Some(colon) = bytes.iter().position(|b| *b == b':') else {
        return false;
    };
    let scheme = &bytes[..colon];
    if scheme.is_empty()
        || !scheme[0].is_ascii_alphabetic()
        || !scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
    {
        return false;
    }
    let rest = &value[colon + 1..];
    let (rest, fragment) = match rest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((hier, query)) => (hier, Some(query)),
        None => (rest, None),
    };
    let query_char = |b: u8| pchar(b) || b == b'/' || b == b'?';
    if !fragment.map_or(true, |f| chars_ok(f.as_bytes(), query_char))
        || !query.map_or(true, |q| chars_ok(q.as_bytes(), query_char))
    {
        return false;
    }
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            let (authority, path) = after.split_at(end);
            let host_port = match authority.rsplit_once('@') {
                Some((userinfo, host_port)) => {
                    if !chars_ok(
                        userinfo.as_bytes(),
                        |b| unreserved_or_sub_delim(b) || b == b':'
                    ) {
                        return false;
                    }
                    host_port
                }
                None => authority,
            };
            let port = if let Some(literal) = host_port.strip_prefix('[') {
                let Some((inside, after)) = literal.split_once(']') else {
                    return false;
                };
                if !ip_literal(inside) {
                    return false;
                }
                match after.strip_prefix(':') {
                    Some(port) => port,
                    None if after.is_empty() => "",
                    None => return false,
                }
            } else {
                let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
                if !chars_ok(host.as_bytes(), unreserved_or_sub_delim) {
                    return false;
                }
                port
            };
            if !port.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            path
        }
        None => hier,
    };
    chars_ok(path.as_bytes(), |b| pchar(b) || b == b'/')
}

/// An e-mail address (RFC 5321 `Mailbox`): a dot-atom or quoted local
/// part of at most 64 characters, `@`, and a host name or an address
/// literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`).
#[doc(hidden)]
pub fn is_email(value: &str) -> bool {
    let Some(at) = value.rfind('@') else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    let local_ok = if let Some(quoted) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        let mut escaped = false;
        quoted.bytes().all(|b| {
            if escaped {
                escaped = false;
                (b' '..=b'~').contains(&b)
            } else if b == b'\\' {
                escaped = true;
                true
            } else {
                (b' '..=b'~').contains(&b) && b != b'"'
            }
        }) && !escaped
    } else {
        !local.is_empty()
            && local
                .split('.')
                .all(|atom| !atom.is_empty() && atom.bytes().all(atext))
    };
    if !local_ok || local.len() > 64 {
        return false;
    }
    match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => match literal.strip_prefix("IPv6:") {
            Some(v6) => v6.parse::<::std::net::Ipv6Addr>().is_ok(),
            None => literal.parse::<::std::net::Ipv4Addr>().is_ok(),
        },
        None => is_hostname(domain),
    }
}

/// A host name (RFC 1123): dot-separated labels of 1 to 63 letters,
/// digits and hyphens, not starting or ending with a hyphen, 253
/// characters at most.
#[doc(hidden)]
pub fn is_hostname(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 253
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// A full date (RFC 3339 `full-date`): `YYYY-MM-DD`, a day that exists.
#[doc(hidden)]
// Not formatted: see `is_uri`.
#[rustfmt::skip]
pub fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |range: ::std::ops::Range<usize>| -> Option<u32> {
        b[range]
            .iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A date and time (RFC 3339 `date-time`): `full-date`, `T`, `HH:MM:SS`,
/// optional fraction, and `Z` or an offset; a leap second only at
/// 23:59:60 UTC.
#[doc(hidden)]
pub fn is_date_time(value: &str) -> bool {
    if value.len() < 20 || !value.is_char_boundary(10) || !value.is_char_boundary(11) {
        return false;
    }
    let (date, time) = value.split_at(10);
    if !is_date(date) || !matches!(time.as_bytes()[0], b'T' | b't') {
        return false;
    }
    let t = &time.as_bytes()[1..];
    let two = |i: usize| -> Option<i32> {
        let (a, b) = (*t.get(i)?, *t.get(i + 1)?);
        (a.is_ascii_digit() && b.is_ascii_digit())
            .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
    };
    let (Some(hour), Some(minute), Some(second)) = (two(0), two(3), two(6)) else {
        return false;
    };
    if t[2] != b':' || t[5] != b':' || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 8;
    if t.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while t.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let offset_minutes = match &t[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
            let (Some(h), Some(m)) = (two(i + 1), two(i + 4)) else {
                return false;
            };
            if h > 23 || m > 59 {
                return false;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return false,
    };
    if second == 60 {
        let utc = (hour * 60 + minute - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value nested in itself, as deep as wanted, with a string that must
    /// be at most 3 characters long at every level: an `impl Validate` as the
    /// generator writes one.
    struct Node {
        name: String,
        child: Option<Box<Node>>,
    }

    impl Node {
        /// A chain of `depth` nodes below the root, each named `name`.
        fn chain(depth: usize, name: &str) -> Node {
            let mut node = Node {
                name: name.to_owned(),
                child: None,
            };
            for _ in 0..depth {
                node = Node {
                    name: name.to_owned(),
                    child: Some(Box::new(node)),
                };
            }
            node
        }
    }

    impl Drop for Node {
        // Dropped in a loop: a deep chain would overflow the stack otherwise.
        fn drop(&mut self) {
            let mut next = self.child.take();
            while let Some(mut node) = next {
                next = node.child.take();
            }
        }
    }

    impl Validate for Node {
        fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
            max_length(report, &path.key("name"), &self.name, 3);
            if let Some(child) = &self.child {
                nested(child.as_ref(), &path.key("child"), report);
            }
        }
    }

    fn violations(check: impl FnOnce(&mut Report)) -> Vec<Violation> {
        let mut report = Report::new();
        check(&mut report);
        match report.finish() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_violations(),
        }
    }

    fn leak(regex: ::fancy_regex::Regex) -> Option<&'static ::fancy_regex::Regex> {
        Some(Box::leak(Box::new(regex)))
    }

    #[test]
    fn paths_are_json_pointers() {
        let root = Path::Root;
        assert_eq!(root.pointer(), "");
        assert_eq!(root.subject(), "the value");
        let key = root.key("a~b/c");
        assert_eq!(key.pointer(), "/a~0b~1c");
        assert_eq!(key.subject(), "a~b/c");
        let tags = root.key("tags");
        let item = tags.index(2);
        assert_eq!(item.pointer(), "/tags/2");
        assert_eq!(item.subject(), "item 2 of tags");
        let inner = item.index(0);
        assert_eq!(inner.subject(), "item 0 of item 2 of tags");
        assert_eq!(root.index(7).subject(), "item 7 of the value");
        assert_eq!(root.key("").pointer(), "/");
        assert_eq!(root.key("é/ü").pointer(), "/é~1ü");
    }

    #[test]
    fn violations_display_their_pointer() {
        let found = violations(|report| {
            max_length(report, &Path::Root, "abcd", 3);
            min_items(report, &Path::Root.key("tags"), 0, 1);
        });
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].to_string(),
            "/: the value is 4 characters long; at most 3 are allowed (maxLength)"
        );
        assert_eq!(found[1].pointer, "/tags");
        assert_eq!(found[1].keyword, "minItems");
        let mut report = Report::new();
        max_length(&mut report, &Path::Root.key("name"), "abcd", 3);
        let one = report.finish().unwrap_err();
        assert_eq!(
            one.to_string(),
            "the value breaks a constraint of the description: \
             /name: name is 4 characters long; at most 3 are allowed (maxLength)"
        );
        let mut report = Report::new();
        max_length(&mut report, &Path::Root.key("a"), "abcd", 3);
        max_length(&mut report, &Path::Root.key("b"), "abcd", 3);
        let two = report.finish().unwrap_err();
        assert_eq!(two.violations().len(), 2);
        assert!(two
            .to_string()
            .starts_with("the value breaks 2 constraints of the description:\n  /a: "));
    }

    #[test]
    fn counting_reports_build_no_message() {
        let mut report = Report::counting();
        assert!(report.is_clean());
        report.fail(&Path::Root, "x", |_| {
            unreachable!("no message when counting")
        });
        assert!(!report.is_clean());
        // A counting report that failed is still an error, without details.
        let errors = report.finish().unwrap_err();
        assert!(errors.violations().is_empty());
        assert!(Report::new().finish().is_ok());
        assert!(passes(|report| max_length(report, &Path::Root, "abc", 3)));
        assert!(!passes(|report| max_length(report, &Path::Root, "abcd", 3)));
    }

    #[test]
    fn nested_values_report_their_path() {
        let mut root = Node::chain(2, "ok");
        root.child.as_mut().unwrap().child.as_mut().unwrap().name = "long".to_owned();
        let errors = root.validate().unwrap_err();
        assert_eq!(errors.violations().len(), 1);
        assert_eq!(errors.violations()[0].pointer, "/child/child/name");
        assert!(Node::chain(2, "ok").validate().is_ok());
    }

    #[test]
    fn depth_limit() {
        // `MAX_DEPTH` levels below the root are checked, all of them.
        assert!(Node::chain(MAX_DEPTH, "ok").validate().is_ok());
        let deep = Node::chain(MAX_DEPTH, "long").validate().unwrap_err();
        assert_eq!(deep.violations().len(), MAX_DEPTH + 1);
        // One more is not checked: one `depth` violation, at that level.
        for _ in 0..2 {
            // Twice: the depth is back to 0 after a validation.
            let errors = Node::chain(10 * MAX_DEPTH, "ok").validate().unwrap_err();
            let [violation] = errors.violations() else {
                panic!("{errors}");
            };
            assert_eq!(violation.keyword, "depth");
            assert_eq!(violation.pointer, "/child".repeat(MAX_DEPTH + 1));
            assert!(violation.message.contains("more than 128 levels"));
        }
        assert!(Node::chain(3, "ok").validate().is_ok());
    }

    #[test]
    fn string_lengths_count_characters() {
        assert!(violations(|r| max_length(r, &Path::Root, "ééé", 3)).is_empty());
        assert_eq!(
            violations(|r| max_length(r, &Path::Root, "éééé", 3)).len(),
            1
        );
        assert!(violations(|r| min_length(r, &Path::Root, "ééé", 3)).is_empty());
        let short = violations(|r| min_length(r, &Path::Root, "ééé", 4));
        assert_eq!(
            short[0].message,
            "the value is 3 characters long; at least 4 are required"
        );
        assert!(violations(|r| min_length(r, &Path::Root, "🦀🦀", 2)).is_empty());
        let long = "x".repeat(1 << 20);
        assert_eq!(
            violations(|r| max_length(r, &Path::Root, &long, 10)).len(),
            1
        );
    }

    #[test]
    fn numbers() {
        let root = &Path::Root;
        assert!(violations(|r| minimum_int(r, root, 5, 5, false)).is_empty());
        let found = violations(|r| minimum_int(r, root, 5, 5, true));
        assert_eq!(found[0].keyword, "exclusiveMinimum");
        assert_eq!(
            found[0].message,
            "the value is 5; it must be greater than 5"
        );
        assert_eq!(
            violations(|r| maximum_int(r, root, 6, 5, false))[0].keyword,
            "maximum"
        );
        assert!(violations(|r| maximum_number(r, root, 4.5, 5.0, true)).is_empty());
        assert_eq!(
            violations(|r| minimum_number(r, root, -0.1, 0.0, false)).len(),
            1
        );
        assert!(violations(|r| multiple_of_int(r, root, i128::MIN, -1)).is_empty());
        assert_eq!(violations(|r| multiple_of_int(r, root, 7, 2)).len(), 1);
        assert!(violations(|r| multiple_of_number(r, root, 0.3, 0.1)).is_empty());
        assert!(violations(|r| multiple_of_number(r, root, 19.99, 0.01)).is_empty());
        assert_eq!(
            violations(|r| multiple_of_number(r, root, 0.35, 0.1)).len(),
            1
        );
        assert_eq!(
            violations(|r| multiple_of_number(r, root, 1.0, 0.0)).len(),
            1
        );
        assert_eq!(violations(|r| finite(r, root, f64::NAN))[0].keyword, "type");
        assert!(violations(|r| finite(r, root, 1e308)).is_empty());
    }

    #[test]
    fn arrays_and_objects() {
        let root = &Path::Root;
        let found = violations(|r| unique_items(r, root, &[1, 2, 1, 2], |a, b| a == b));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the value has equal items at 0 and 2; items must be unique"
        );
        assert!(violations(|r| unique_items::<u8>(r, root, &[], |a, b| a == b)).is_empty());
        assert_eq!(violations(|r| max_items(r, root, 3, 2)).len(), 1);
        let empty = violations(|r| min_properties(r, root, 0, 1));
        assert!(empty[0].message.contains("an update must change something"));
        assert_eq!(violations(|r| max_properties(r, root, 3, 2)).len(), 1);
        let extra = ["b".to_owned(), "a/b".to_owned()];
        let found = violations(|r| no_other_keys(r, root, extra.iter(), "Thing"));
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].pointer, "/a~1b");
        assert_eq!(
            found[0].message,
            "b is not a property of Thing; the description allows no other"
        );
    }

    #[test]
    fn enums_and_json_values() {
        use ::serde_json::json;
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!json_equal(&json!(1), &json!(2)));
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"b": 1})));
        assert!(!json_equal(&json!([1]), &json!([1, 1])));
        assert!(!json_equal(&json!("1"), &json!(1)));
        let allowed = [r#"{"a":1}"#, "[1,2]", "not json"];
        let root = &Path::Root;
        assert!(
            violations(|r| allowed_json(r, root, &json!({"a": 1.0}), &allowed, "…")).is_empty()
        );
        let found = violations(|r| allowed_json(r, root, &json!([2, 1]), &allowed, "{…}, [1, 2]"));
        assert_eq!(found[0].keyword, "enum");
        assert_eq!(
            found[0].message,
            "the value is Array [Number(2), Number(1)], which is not one of the allowed values: {…}, [1, 2]"
        );
    }

    #[test]
    fn one_of_and_branches() {
        let root = &Path::Root;
        let names = &["A", "B", "C"];
        let own = |r: &mut Report| max_length(r, &Path::Root, "abcd", 3);
        assert!(violations(|r| one_of(r, root, [false, true, false], names, own)).is_empty());
        let none = violations(|r| one_of(r, root, [false; 3], names, own));
        assert_eq!(none[0].keyword, "maxLength");
        let many = violations(|r| one_of(r, root, [true, false, true], names, own));
        assert_eq!(
            many[0].message,
            "the value matches 2 branches of oneOf (A, C); exactly one must match"
        );
        // A value tried as another type, through JSON.
        let as_number = |n: &f64, r: &mut Report| maximum_number(r, &Path::Root, *n, 10.0, false);
        assert!(matches_as(&5u8, as_number));
        assert!(!matches_as(&50u8, as_number));
        assert!(!matches_as("text", as_number));
    }

    #[test]
    fn formats_and_literal_patterns() {
        let root = &Path::Root.key("when");
        assert!(violations(|r| format(r, root, "2024-01-01", "date", true)).is_empty());
        let found = violations(|r| format(r, root, "soon", "date", false));
        assert_eq!(
            found[0].to_string(),
            "/when: when is \"soon\", which is not a valid date (format)"
        );
        let found = violations(|r| not_listed(r, root, &"x", "\"a\", \"b\""));
        assert_eq!(found[0].keyword, "enum");
        let prefix = r"^https:\/\/.*";
        assert!(
            violations(|r| pattern_literal(r, root, "https://a", "https://", false, prefix))
                .is_empty()
        );
        assert_eq!(
            violations(|r| pattern_literal(r, root, "http://a", "https://", false, prefix)).len(),
            1
        );
        assert!(violations(|r| pattern_literal(r, root, "abc", "abc", true, "^abc$")).is_empty());
        let found = violations(|r| pattern_literal(r, root, "abcd", "abc", true, "^abc$"));
        assert_eq!(
            found[0].message,
            "when is \"abcd\", which does not match the pattern ^abc$"
        );
    }

    #[test]
    fn pattern_check() {
        let root = &Path::Root.key("slug");
        let slug = leak(::fancy_regex::Regex::new("^[a-z][a-z0-9_-]*$").unwrap());
        assert!(violations(|r| pattern(r, root, "a-b_1", slug, "^[a-z][a-z0-9_-]*$")).is_empty());
        let found = violations(|r| pattern(r, root, "1ab", slug, "^[a-z][a-z0-9_-]*$"));
        assert_eq!(found[0].keyword, "pattern");
        assert_eq!(found[0].pointer, "/slug");
        assert_eq!(
            found[0].message,
            "slug is \"1ab\", which does not match the pattern ^[a-z][a-z0-9_-]*$"
        );
        assert_eq!(violations(|r| pattern(r, root, "aé", slug, "…")).len(), 1);
        // A pattern that did not compile: a violation, not a panic.
        let found = violations(|r| pattern(r, root, "x", None, "^(?<x$"));
        assert_eq!(
            found[0].message,
            "the pattern ^(?<x$ of slug does not compile with this version of fancy-regex"
        );
        // Backtracking past the engine's step limit: a violation, not a hang.
        let slow = ::fancy_regex::RegexBuilder::new(r"^(a+)+\1$")
            .backtrack_limit(1_000)
            .build()
            .unwrap();
        let text = format!("{}b", "a".repeat(64));
        let found = violations(|r| pattern(r, root, &text, leak(slow), r"^(a+)+\1$"));
        assert_eq!(
            found[0].message,
            r"slug could not be checked against the pattern ^(a+)+\1$ within the engine's step limit"
        );
        // Look-around runs too.
        let digit = leak(::fancy_regex::Regex::new(r"^(?=.*\d).+$").unwrap());
        assert!(violations(|r| pattern(r, root, "a1", digit, "…")).is_empty());
        assert_eq!(violations(|r| pattern(r, root, "ab", digit, "…")).len(), 1);
    }

    #[test]
    fn uris() {
        for valid in [
            "https://example.com",
            "https://user:pw@example.com:8080/a/b;c?q=1&r=%20#frag/?",
            "urn:isbn:0451450523",
            "mailto:someone@example.com",
            "http://[2001:db8::1]:80/",
            "http://[v7.fe80::a+en1]/",
            "file:///etc/hosts",
            "h+t-t.p:",
            "http://example.com:/",
            "https://example.com/%C3%A9",
        ] {
            assert!(is_uri(valid), "{valid}");
        }
        for invalid in [
            "",
            "example.com",
            "1http://x",
            ":x",
            "ht tp://x",
            "http://exa mple.com",
            "http://x/%2",
            "http://x/%zz",
            "http://x/%",
            "http://[::1/",
            "http://[zz]/",
            "http://[v.x]/",
            "http://[::1]x/",
            "http://host:80a/",
            "http://x/é",
            "http://é/",
            "é:x",
            "http://x/a b",
            "http://x/#a#b",
            "http://a@b@c/",
            "http://x/%é",
        ] {
            assert!(!is_uri(invalid), "{invalid}");
        }
        let long = format!("https://example.com/{}", "a".repeat(1 << 20));
        assert!(is_uri(&long));
        assert!(!is_uri(&format!("{long}%")));
    }

    #[test]
    fn emails() {
        for valid in [
            "a@example.com",
            "first.last+tag@sub.example.org",
            "x!#$%&'*+-/=?^_`{|}~@example.com",
            "\"quoted name\"@example.com",
            "\"a\\\"b\"@example.com",
            "\"a@b\"@example.com",
            "user@[192.0.2.1]",
            "user@[IPv6:2001:db8::1]",
            "user@localhost",
        ] {
            assert!(is_email(valid), "{valid}");
        }
        let local_64 = format!("{}@example.com", "a".repeat(64));
        assert!(is_email(&local_64));
        for invalid in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@-example.com",
            "a@exa_mple.com",
            "a b@example.com",
            "é@example.com",
            "a@exämple.com",
            "\"unterminated@example.com",
            "\"a\\\"@example.com",
            "\"é\"@example.com",
            "a@[300.0.0.1]",
            "a@[IPv6:::g]",
            "a@[2001:db8::1]",
            "a@example.com.",
        ] {
            assert!(!is_email(invalid), "{invalid}");
        }
        assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
        assert!(!is_email(&format!("a@{}", "b".repeat(1 << 20))));
        assert!(!is_email(&"@".repeat(1000)));
    }

    #[test]
    fn hostnames() {
        let label = "a".repeat(63);
        let longest = format!("{label}.{label}.{label}.{}", "d".repeat(61));
        assert_eq!(longest.len(), 253);
        for valid in [
            "example.com",
            "a",
            "xn--bcher-kva.example",
            "a-b.c",
            "1.2.3.4",
            label.as_str(),
            longest.as_str(),
        ] {
            assert!(is_hostname(valid), "{valid}");
        }
        for invalid in [
            "",
            "-a.com",
            "a-.com",
            "a..b",
            "a.",
            ".a",
            "exa mple",
            "exämple.com",
            "a_b.com",
            "é",
        ] {
            assert!(!is_hostname(invalid), "{invalid}");
        }
        assert!(!is_hostname(&format!("{label}a")));
        assert!(!is_hostname(&format!("{longest}d")));
        assert!(!is_hostname(&"a.".repeat(1 << 19)));
    }

    #[test]
    fn dates() {
        for valid in [
            "2024-02-29",
            "2000-02-29",
            "2023-02-28",
            "2023-12-31",
            "2023-04-30",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert!(is_date(valid), "{valid}");
        }
        for invalid in [
            "2023-02-29",
            "1900-02-29",
            "2100-02-29",
            "2023-04-31",
            "2023-13-01",
            "2023-00-10",
            "2023-01-00",
            "2023-01-32",
            "2023-1-01",
            "20230101",
            "2023/01/01",
            "+02023-01-01",
            "2023-01-01T",
            "２023-01-01",
            "é23-01-01",
            "2023-01-0é",
            "2023-0é-01",
            "",
        ] {
            assert!(!is_date(invalid), "{invalid}");
        }
        assert!(!is_date(&"9".repeat(1 << 20)));
    }

    #[test]
    fn date_times() {
        for valid in [
            "2024-02-29T12:34:56Z",
            "2024-02-29t12:34:56z",
            "2023-06-01T12:00:00.123456789+05:30",
            "2023-06-01T00:00:00-00:00",
            "2023-06-01T23:59:59.5Z",
            "2023-06-30T23:59:60Z",
            "2023-06-30T18:59:60-05:00",
            "2023-07-01T01:29:60+01:30",
        ] {
            assert!(is_date_time(valid), "{valid}");
        }
        for invalid in [
            "2023-02-29T00:00:00Z",
            "2023-06-01 12:00:00Z",
            "2023-06-01T24:00:00Z",
            "2023-06-01T12:60:00Z",
            "2023-06-01T12:00:61Z",
            "2023-06-01T12:00:60Z",
            "2023-06-01T23:59:60+01:00",
            "2023-06-01T12:00:00",
            "2023-06-01T12:00:00.Z",
            "2023-06-01T12:00:00+0530",
            "2023-06-01T12:00:00+24:00",
            "2023-06-01T12:00:00+05:60",
            "2023-06-01T12:00:00ZZ",
            "2023-06-01T12:00:00 Z",
            "2023-06-01T1:00:00Z",
            "2023-06-01T12-00-00Z",
            "2023-06-01é12:00:00Z",
            "2023-06-0éT12:00:00Z",
            "2023-06-01T12:00:0é+00:00",
            "2023-06-01T12:00:00.1é",
            "2023-06-01T12:00:00+é:00",
            "2023-06-01T12:00:00+05:0é",
            "",
        ] {
            assert!(!is_date_time(invalid), "{invalid}");
        }
        let long = format!("2023-06-01T12:00:00.{}Z", "1".repeat(1 << 20));
        assert!(is_date_time(&long));
        assert!(!is_date_time(&format!(
            "2023-06-01T12:00:00Z{}",
            "é".repeat(1000)
        )));
    }

    #[test]
    fn addresses_and_uuids() {
        assert!(is_ipv4("192.0.2.1"));
        assert!(!is_ipv4("192.0.2.01"));
        assert!(!is_ipv4("192.0.2"));
        assert!(!is_ipv4("192.0.2.256"));
        assert!(is_ipv6("2001:db8::1"));
        assert!(is_ipv6("::ffff:192.0.2.1"));
        assert!(!is_ipv6("2001:db8::g"));
        assert!(!is_ipv6("[::1]"));
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_uuid("123E4567-E89B-12D3-A456-426614174000"));
        assert!(!is_uuid("123e4567e89b12d3a456426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400é"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456_426614174000"));
    }
}
