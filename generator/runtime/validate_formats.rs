// The checks a generated crate's validators take only where a description
// uses them: `pattern`, against a regex compiled by `fancy-regex`, and the
// hand-written checks of the standard formats (`is_uri`, `is_email`,
// `is_hostname`, `is_date`, `is_date_time`, `is_ipv4`, `is_ipv6`,
// `is_uuid`), each a function of a string to a `bool`, with its helpers named
// after it (`uri_…`). The generator picks them by name (see the top of
// `validate.rs`) and emits them after the raw-JSON validator.

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
pub fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let scheme = scheme.as_bytes();
    if scheme.is_empty()
        || !scheme[0].is_ascii_alphabetic()
        || !scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
    {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((hier, query)) => (hier, Some(query)),
        None => (rest, None),
    };
    let query_char = |b: u8| uri_pchar(b) || b == b'/' || b == b'?';
    if !fragment.map_or(true, |f| uri_chars_ok(f.as_bytes(), query_char))
        || !query.map_or(true, |q| uri_chars_ok(q.as_bytes(), query_char))
    {
        return false;
    }
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            let (authority, path) = after.split_at(end);
            if !uri_authority(authority) {
                return false;
            }
            path
        }
        None => hier,
    };
    uri_chars_ok(path.as_bytes(), |b| uri_pchar(b) || b == b'/')
}

/// Whether the authority of a URI (`user@host:port`, the part after `//`)
/// is made of what RFC 3986 allows: `is_uri`'s step.
fn uri_authority(authority: &str) -> bool {
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => {
            let userinfo_char = |b: u8| uri_unreserved_or_sub_delim(b) || b == b':';
            if !uri_chars_ok(userinfo.as_bytes(), userinfo_char) {
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
        if !uri_ip_literal(inside) {
            return false;
        }
        match after.strip_prefix(':') {
            Some(port) => port,
            None if after.is_empty() => "",
            None => return false,
        }
    } else {
        let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
        if !uri_chars_ok(host.as_bytes(), uri_unreserved_or_sub_delim) {
            return false;
        }
        port
    };
    port.bytes().all(|b| b.is_ascii_digit())
}

/// An unreserved character or a sub-delimiter of RFC 3986.
fn uri_unreserved_or_sub_delim(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b)
}

/// A character of a URI's path segment (`pchar` of RFC 3986).
fn uri_pchar(b: u8) -> bool {
    uri_unreserved_or_sub_delim(b) || b == b':' || b == b'@'
}

/// Whether `text` holds characters of `allowed` and valid percent-encodings
/// only.
fn uri_chars_ok(text: &[u8], allowed: impl Fn(u8) -> bool) -> bool {
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

/// The inside of a URI's IP literal (`[…]`): an IPv6 address or an
/// `IPvFuture` (`v1.x`).
fn uri_ip_literal(text: &str) -> bool {
    if let Some(future) = text.strip_prefix(['v', 'V']) {
        let Some((version, rest)) = future.split_once('.') else {
            return false;
        };
        return !version.is_empty()
            && version.bytes().all(|b| b.is_ascii_hexdigit())
            && !rest.is_empty()
            && rest
                .bytes()
                .all(|b| uri_unreserved_or_sub_delim(b) || b == b':');
    }
    text.parse::<::std::net::Ipv6Addr>().is_ok()
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
// Not formatted: rustfmt would wrap a closure's body in braces, a change of
// the generated code (the generator drops the attribute).
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
mod format_tests {
    use super::*;

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
        let slow = ::fancy_regex::RegexBuilder::new(r"^(a|a)+\1$")
            .backtrack_limit(1_000)
            .build()
            .unwrap();
        let text = format!("{}b", "a".repeat(64));
        let found = violations(|r| pattern(r, root, &text, leak(slow), r"^(a|a)+\1$"));
        assert_eq!(
            found[0].message,
            r"slug could not be checked against the pattern ^(a|a)+\1$ within the engine's step limit"
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
