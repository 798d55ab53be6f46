//! The fixed part of the generated `validate` module: the `Validate` trait,
//! the report types, and the small checks the generated impls call. The format
//! checks are written by hand (no dependency); each is emitted only when the
//! description uses its format.

use proc_macro2::TokenStream;
use quote::quote;

/// The trait, the report types and the checks shared by every description.
pub fn common() -> TokenStream {
    quote! {
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
                let pointer = if self.pointer.is_empty() { "/" } else { self.pointer.as_str() };
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
                    [only] => write!(f, "the value breaks a constraint of the description: {only}"),
                    all => {
                        write!(f, "the value breaks {} constraints of the description:", all.len())?;
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
                Self { counting: true, ..Self::default() }
            }

            /// Records a violation; the message is built only when it is recorded.
            pub fn fail(&mut self, path: &Path<'_>, keyword: &'static str, message: impl FnOnce(&str) -> String) {
                self.failures += 1;
                if !self.counting {
                    let message = message(&path.subject());
                    self.violations.push(Violation { pointer: path.pointer(), keyword, message });
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
                    Err(ValidationErrors { violations: self.violations })
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
                    format!("{subject} is nested more than {MAX_DEPTH} levels deep; it is not checked further")
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
                report.fail(path, if exclusive { "exclusiveMinimum" } else { "minimum" }, |subject| {
                    let bound = if exclusive { "greater than" } else { "at least" };
                    format!("{subject} is {value}; it must be {bound} {min}")
                });
            }
        }

        #[doc(hidden)]
        pub fn maximum_int(report: &mut Report, path: &Path<'_>, value: i128, max: i128, exclusive: bool) {
            if value > max || (exclusive && value == max) {
                report.fail(path, if exclusive { "exclusiveMaximum" } else { "maximum" }, |subject| {
                    let bound = if exclusive { "less than" } else { "at most" };
                    format!("{subject} is {value}; it must be {bound} {max}")
                });
            }
        }

        #[doc(hidden)]
        pub fn minimum_number(report: &mut Report, path: &Path<'_>, value: f64, min: f64, exclusive: bool) {
            if value < min || (exclusive && value == min) {
                report.fail(path, if exclusive { "exclusiveMinimum" } else { "minimum" }, |subject| {
                    let bound = if exclusive { "greater than" } else { "at least" };
                    format!("{subject} is {value}; it must be {bound} {min}")
                });
            }
        }

        #[doc(hidden)]
        pub fn maximum_number(report: &mut Report, path: &Path<'_>, value: f64, max: f64, exclusive: bool) {
            if value > max || (exclusive && value == max) {
                report.fail(path, if exclusive { "exclusiveMaximum" } else { "maximum" }, |subject| {
                    let bound = if exclusive { "less than" } else { "at most" };
                    format!("{subject} is {value}; it must be {bound} {max}")
                });
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
            let whole = quotient.is_finite() && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0);
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
        pub fn unique_items<T>(report: &mut Report, path: &Path<'_>, items: &[T], equal: impl Fn(&T, &T) -> bool) {
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
        pub fn pattern_literal(report: &mut Report, path: &Path<'_>, value: &str, literal: &str, exact: bool, source: &'static str) {
            let matches = if exact { value == literal } else { value.starts_with(literal) };
            if !matches {
                report.fail(path, "pattern", |subject| {
                    format!("{subject} is {value:?}, which does not match the pattern {source}")
                });
            }
        }

        #[doc(hidden)]
        pub fn format(report: &mut Report, path: &Path<'_>, value: &str, format: &'static str, valid: bool) {
            if !valid {
                report.fail(path, "format", |subject| {
                    format!("{subject} is {value:?}, which is not a valid {format}")
                });
            }
        }

        #[doc(hidden)]
        pub fn not_listed(report: &mut Report, path: &Path<'_>, value: &dyn ::std::fmt::Debug, allowed: &'static str) {
            report.fail(path, "enum", |subject| {
                format!("{subject} is {value:?}, which is not one of the allowed values: {allowed}")
            });
        }

        /// `additionalProperties: false`: each key of a struct's `extra` map is a violation.
        #[doc(hidden)]
        pub fn no_other_keys<'k>(report: &mut Report, path: &Path<'_>, keys: impl Iterator<Item = &'k String>, type_name: &'static str) {
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
                (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                    (Some(x), Some(y), _, _) => x == y,
                    (_, _, Some(x), Some(y)) => x == y,
                    _ => x.as_f64() == y.as_f64(),
                },
                (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y)),
                (Value::Object(x), Value::Object(y)) => {
                    x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| json_equal(x, y)))
                }
                _ => a == b,
            }
        }

        /// Checks a value against a list of allowed JSON values (for `enum`s of
        /// objects, arrays or mixed types; allocates).
        #[doc(hidden)]
        pub fn allowed_json<T: ::serde::Serialize + ?Sized>(report: &mut Report, path: &Path<'_>, value: &T, allowed: &[&str], listed: &'static str) {
            let Ok(json) = ::serde_json::to_value(value) else {
                return;
            };
            let found = allowed.iter().any(|text| {
                ::serde_json::from_str::<::serde_json::Value>(text).is_ok_and(|candidate| json_equal(&candidate, &json))
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
        pub fn one_of<const N: usize>(report: &mut Report, path: &Path<'_>, matched: [bool; N], names: &[&str; N], own: impl FnOnce(&mut Report)) {
            let count = matched.iter().filter(|m| **m).count();
            if count == 0 {
                own(report);
            } else if count > 1 {
                report.fail(path, "oneOf", |subject| {
                    let names: Vec<&str> = names.iter().zip(matched).filter(|(_, m)| *m).map(|(name, _)| *name).collect();
                    format!("{subject} matches {count} branches of oneOf ({}); exactly one must match", names.join(", "))
                });
            }
        }

        /// Whether `value`, sent as JSON and read back as a `U`, passes `check`:
        /// how a `oneOf`/`anyOf` value is tried against another branch.
        #[doc(hidden)]
        pub fn matches_as<T: ::serde::Serialize + ?Sized, U: ::serde::de::DeserializeOwned>(value: &T, check: impl FnOnce(&U, &mut Report)) -> bool {
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
    }
}

/// `pattern` against an ECMA-262 regular expression, translated for the
/// `fancy-regex` crate (linear time but for look-around and backreferences,
/// which are backtracked within a step limit).
pub fn pattern_check() -> TokenStream {
    quote! {
        #[doc(hidden)]
        pub fn pattern(report: &mut Report, path: &Path<'_>, value: &str, regex: Option<&'static ::fancy_regex::Regex>, source: &'static str) {
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
    }
}

/// The standard formats that are checked, each with the formats its check calls.
pub const FORMATS: &[(&str, &[&str])] = &[
    ("uri", &[]),
    ("email", &["hostname"]),
    ("hostname", &[]),
    ("date", &[]),
    ("date-time", &["date"]),
    ("ipv4", &[]),
    ("ipv6", &[]),
    ("uuid", &[]),
];

/// The hand-written check of a standard `format`, as `(function name, code)`;
/// `None` for a format that is not checked (Auth0's own, `int32`, `password`, …).
pub fn format_check(format: &str) -> Option<(&'static str, TokenStream)> {
    Some(match format {
        "uri" => ("is_uri", uri()),
        "email" => ("is_email", email()),
        "hostname" => ("is_hostname", hostname()),
        "date" => ("is_date", date()),
        "date-time" => ("is_date_time", date_time()),
        "ipv4" => (
            "is_ipv4",
            quote! {
                /// An IPv4 address in dotted-quad form (no leading zeros).
                #[doc(hidden)]
                pub fn is_ipv4(value: &str) -> bool {
                    value.parse::<::std::net::Ipv4Addr>().is_ok()
                }
            },
        ),
        "ipv6" => (
            "is_ipv6",
            quote! {
                /// An IPv6 address (RFC 4291 text form).
                #[doc(hidden)]
                pub fn is_ipv6(value: &str) -> bool {
                    value.parse::<::std::net::Ipv6Addr>().is_ok()
                }
            },
        ),
        "uuid" => (
            "is_uuid",
            quote! {
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
            },
        ),
        _ => return None,
    })
}

fn uri() -> TokenStream {
    quote! {
        /// A URI (RFC 3986): a scheme, then a hierarchical part, query and
        /// fragment made of the characters the RFC allows, with valid
        /// percent-encodings and a valid IP literal in brackets.
        #[doc(hidden)]
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
                        && rest.bytes().all(|b| unreserved_or_sub_delim(b) || b == b':');
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
                || !scheme.iter().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
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
                            if !chars_ok(userinfo.as_bytes(), |b| unreserved_or_sub_delim(b) || b == b':') {
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
    }
}

fn email() -> TokenStream {
    quote! {
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
                !local.is_empty() && local.split('.').all(|atom| !atom.is_empty() && atom.bytes().all(atext))
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
    }
}

fn hostname() -> TokenStream {
    quote! {
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
                        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
        }
    }
}

fn date() -> TokenStream {
    quote! {
        /// A full date (RFC 3339 `full-date`): `YYYY-MM-DD`, a day that exists.
        #[doc(hidden)]
        pub fn is_date(value: &str) -> bool {
            let b = value.as_bytes();
            if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
                return false;
            }
            let digits = |range: ::std::ops::Range<usize>| -> Option<u32> {
                b[range].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
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
    }
}

fn date_time() -> TokenStream {
    quote! {
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
                (a.is_ascii_digit() && b.is_ascii_digit()).then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
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
                    if *sign == b'+' { h * 60 + m } else { -(h * 60 + m) }
                }
                _ => return false,
            };
            if second == 60 {
                let utc = (hour * 60 + minute - offset_minutes).rem_euclid(24 * 60);
                return utc == 23 * 60 + 59;
            }
            true
        }
    }
}
