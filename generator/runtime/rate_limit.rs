// The rate-limit headers of a generated crate's client: `RateLimit`, read
// from a response's headers (Auth0's `X-RateLimit-…`, the IETF `RateLimit`
// fields in their current and older forms, `Retry-After` in seconds or as an
// HTTP date), for the caller and for the retry policy (`retry.rs`). Copied
// into every generated crate's `client` module after `retry.rs` (see the top
// of `client.rs` for how, and for the seam).

/// The rate-limit headers of a response, as received. Each field is read
/// from the first of these that has it:
///
/// 1. Auth0's `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
///    `X-RateLimit-Reset` (epoch seconds);
/// 2. the IETF fields of draft-ietf-httpapi-ratelimit-headers:
///    `RateLimit: "default";r=50;t=30` (the remaining quota and the
///    seconds until it resets, of the policy with the least left) and
///    `RateLimit-Policy: "default";q=100;w=60` (the quota of that policy);
/// 3. their older form: `RateLimit-Limit`, `RateLimit-Remaining` and
///    `RateLimit-Reset` (seconds from now).
///
/// `Retry-After` is read as seconds or as an HTTP date (`Wed, 21 Oct 2015
/// 07:28:00 GMT`). Times given relative to the response are turned into
/// the forms below when it is received. A value that does not parse is
/// left out; a number too large for a `u64` reads as `u64::MAX`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// How many requests the window allows.
    pub limit: Option<u64>,
    /// How many are left in this window.
    pub remaining: Option<u64>,
    /// When the limit resets, in seconds since the Unix epoch.
    pub reset: Option<u64>,
    /// Seconds to wait, when the server says so.
    pub retry_after: Option<u64>,
}

impl RateLimit {
    fn from_headers(headers: &::reqwest::header::HeaderMap) -> Self {
        Self::from_headers_at(headers, Self::now())
    }

    /// This machine's clock, in seconds since the Unix epoch.
    fn now() -> u64 {
        ::std::time::SystemTime::now()
            .duration_since(::std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs()
    }

    /// The headers, with relative times taken from `now` (epoch seconds).
    fn from_headers_at(headers: &::reqwest::header::HeaderMap, now: u64) -> Self {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let number = |name: &str| text(name).and_then(Self::number);
        // A list field may come in several lines: they read as one, joined by commas.
        let list = |name: &str| {
            let lines: Vec<&str> = headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            lines.join(",")
        };
        // The IETF `RateLimit` field: of its policies, the one with the least left.
        let current = list("ratelimit");
        let current = Self::structured_list(&current)
            .into_iter()
            .filter_map(|(name, params)| {
                let remaining = Self::param(&params, "r")?;
                Some((name, remaining, Self::param(&params, "t")))
            })
            .min_by_key(|(_, remaining, _)| *remaining);
        let policies = list("ratelimit-policy");
        let policies = Self::structured_list(&policies);
        let quota = policies
            .iter()
            .find(|(name, _)| {
                current
                    .as_ref()
                    .is_some_and(|(current, _, _)| current == name)
            })
            .or(policies.first())
            .and_then(|(_, params)| Self::param(params, "q"));
        // The older form's limit may be followed by its policies (`10, 10;w=1`).
        let old_limit = text("ratelimit-limit")
            .and_then(|v| v.split([',', ';']).next())
            .and_then(Self::number);
        let old_reset = number("ratelimit-reset");
        let retry_after = text("retry-after").and_then(|v| {
            Self::number(v).or_else(|| Self::http_date(v).map(|date| date.saturating_sub(now)))
        });
        Self {
            limit: number("x-ratelimit-limit").or(quota).or(old_limit),
            remaining: number("x-ratelimit-remaining")
                .or(current.as_ref().map(|(_, remaining, _)| *remaining))
                .or(number("ratelimit-remaining")),
            reset: number("x-ratelimit-reset").or(current
                .and_then(|(_, _, reset)| reset)
                .or(old_reset)
                .map(|seconds| now.saturating_add(seconds))),
            retry_after,
        }
    }

    /// A non-negative integer (`1*DIGIT`, with spaces or tabs around it);
    /// one too large for a `u64` is `u64::MAX`.
    fn number(text: &str) -> Option<u64> {
        let digits = text.trim_matches([' ', '\t']);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(digits.parse().unwrap_or(u64::MAX))
    }

    /// The members of a structured field list (RFC 9651) whose items are
    /// strings or tokens, each with its parameters as raw text:
    /// `"default";r=50;t=30, "daily";r=900` → `[("default", [("r", "50"),
    /// ("t", "30")]), ("daily", [("r", "900")])]`. A member whose item is
    /// neither is left out; so is a parameter without a key.
    fn structured_list(text: &str) -> Vec<(String, Vec<(&str, &str)>)> {
        Self::split_unquoted(text, ',')
            .into_iter()
            .filter_map(|member| {
                let mut parts = Self::split_unquoted(member, ';').into_iter();
                let name = Self::structured_name(parts.next()?)?;
                let params = parts
                    .filter_map(|param| {
                        let (key, value) = param.split_once('=').unwrap_or((param, "?1"));
                        let key = key.trim_matches([' ', '\t']);
                        (!key.is_empty()).then_some((key, value))
                    })
                    .collect();
                Some((name, params))
            })
            .collect()
    }

    /// `text` cut at each `separator` outside a quoted string, each part
    /// without the spaces around it.
    fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
        let mut parts = Vec::new();
        let (mut in_string, mut escaped, mut start) = (false, false, 0);
        for (i, c) in text.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                c if c == separator && !in_string => {
                    parts.push(text[start..i].trim_matches([' ', '\t']));
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(text[start..].trim_matches([' ', '\t']));
        parts
    }

    /// The item of a member: a string (`"default"`, with `\"` and `\\`
    /// escapes) or a token (`default`); anything else (a number, say) is
    /// not a policy name.
    fn structured_name(item: &str) -> Option<String> {
        let Some(quoted) = item.strip_prefix('"') else {
            // A token starts with a letter or `*` (RFC 9651, 3.3.4).
            let token = item.starts_with(|c: char| c.is_ascii_alphabetic() || c == '*')
                && item
                    .chars()
                    .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | ',' | ';' | '=' | '\\'));
            return token.then(|| item.to_string());
        };
        let mut name = String::new();
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => name.push(chars.next()?),
                // Nothing may follow the closing quote.
                '"' => return chars.as_str().is_empty().then_some(name),
                c => name.push(c),
            }
        }
        None
    }

    /// The parameter `key` of a member, when it is a non-negative integer.
    fn param(params: &[(&str, &str)], key: &str) -> Option<u64> {
        params
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, value)| Self::number(value))
    }

    /// An HTTP date in its preferred form (IMF-fixdate, RFC 9110:
    /// `Sun, 06 Nov 1994 08:49:37 GMT`), in seconds since the Unix epoch
    /// (`0` for a date before it). Strict: the obsolete forms, another zone,
    /// an impossible date or a day name that does not match it read as
    /// nothing.
    fn http_date(text: &str) -> Option<u64> {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let text = text.trim_matches([' ', '\t']).as_bytes();
        if text.len() != 29 || !text.is_ascii() {
            return None;
        }
        let part = |from: usize, to: usize| ::std::str::from_utf8(&text[from..to]).ok();
        let digits = |from: usize, to: usize| {
            let part = part(from, to)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<i64>().ok())
                .flatten()
        };
        let separators = [
            (3, b','),
            (4, b' '),
            (7, b' '),
            (11, b' '),
            (16, b' '),
            (19, b':'),
            (22, b':'),
            (25, b' '),
        ];
        if separators.iter().any(|(at, byte)| text[*at] != *byte) || part(26, 29)? != "GMT" {
            return None;
        }
        let weekday = DAYS.iter().position(|d| Some(*d) == part(0, 3))?;
        let month = MONTHS.iter().position(|m| Some(*m) == part(8, 11))? as i64 + 1;
        let (day, year) = (digits(5, 7)?, digits(12, 16)?);
        let (hour, minute, second) = (digits(17, 19)?, digits(20, 22)?, digits(23, 25)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let month_days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day < 1 || day > month_days || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        // Days since 1970-01-01 of a date of the proleptic Gregorian calendar
        // (H. Hinnant's `days_from_civil`).
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        if days.rem_euclid(7) as usize != weekday {
            return None;
        }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
        Some(u64::try_from(seconds).unwrap_or(0))
    }
}

#[cfg(test)]
mod rate_limit_tests {
    use super::*;
    use ::reqwest::header::{HeaderMap, HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    /// A policy without jitter, for exact waits.
    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
            deadline: Duration::from_secs(60),
            retry_non_idempotent: false,
            jitter: 0.0,
        }
    }

    /// The wait of `policy()` for a 429 at `now`, without randomness.
    fn wait_429(limit: &RateLimit, attempt: u32, now: u64) -> Option<Duration> {
        policy().wait_at(Some(429), limit, attempt, now, 0.0)
    }

    #[test]
    fn x_rate_limit_headers() {
        let limit = RateLimit::from_headers(&headers(&[
            ("X-RateLimit-Limit", "50"),
            ("x-ratelimit-remaining", " 0 "),
            ("X-RateLimit-Reset", "1700000000"),
            ("Retry-After", "7"),
        ]));
        assert_eq!(
            limit,
            RateLimit {
                limit: Some(50),
                remaining: Some(0),
                reset: Some(1_700_000_000),
                retry_after: Some(7)
            }
        );
        assert_eq!(
            RateLimit::from_headers(&HeaderMap::new()),
            RateLimit::default()
        );
    }

    #[test]
    fn http_dates() {
        for (text, seconds) in [
            ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
            ("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480),
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
            ("Thu, 29 Feb 2024 23:59:59 GMT", 1_709_251_199),
            ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799),
            // Before the epoch: already past.
            ("Wed, 31 Dec 1969 23:59:59 GMT", 0),
            ("Sat, 01 Jan 0000 00:00:00 GMT", 0),
            // Spaces around the value are not part of it.
            (" Sun, 06 Nov 1994 08:49:37 GMT\t", 784_111_777),
        ] {
            assert_eq!(RateLimit::http_date(text), Some(seconds), "{text}");
        }
        for text in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 gmt",
            "sun, 06 Nov 1994 08:49:37 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:61 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Thu, 31 Nov 1994 08:49:37 GMT",
            "Wed, 29 Feb 2023 00:00:00 GMT",
            "Thu, 29 Feb 1900 00:00:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT ",
            "Sun, +6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov -994 08:49:37 GMT",
            "Sun. 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMTX",
            "Sun, 06 Nov 1994 08:49:37 GM",
            "Sun, 06 Nov 1994 08:49:37 GMTé",
            "Sün, 06 Nov 1994 08:49:37 GMT",
        ] {
            let trimmed_is_valid = text.trim() == "Sun, 06 Nov 1994 08:49:37 GMT";
            assert_eq!(
                RateLimit::http_date(text).is_some(),
                trimmed_is_valid,
                "{text:?}"
            );
        }
        // 29 February of a leap year divisible by 400.
        assert_eq!(
            RateLimit::http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400)
        );
        // A leap second reads as the next second.
        assert_eq!(
            RateLimit::http_date("Sat, 31 Dec 2016 23:59:60 GMT"),
            Some(1_483_228_800)
        );
    }

    #[test]
    fn ietf_rate_limit_fields() {
        let now = 1_700_000_000;
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit", "\"default\";r=50;t=30"),
                ("RateLimit-Policy", "\"default\";q=100;w=60"),
            ]),
            now,
        );
        assert_eq!(
            limit,
            RateLimit {
                limit: Some(100),
                remaining: Some(50),
                reset: Some(now + 30),
                retry_after: None
            }
        );
        // Several policies: the one with the least left, and its quota.
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit", "\"daily\";r=900;t=3600, \"burst\";r=5;t=1"),
                (
                    "RateLimit-Policy",
                    "\"daily\";q=1000;w=86400, \"burst\";q=10;w=1",
                ),
            ]),
            now,
        );
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(10), Some(5), Some(now + 1))
        );
        // Tokens as names, spaces after separators, a field split over two lines.
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit", "minute;r=9"),
                ("RateLimit", "day; r=7 ;t=2"),
                ("RateLimit-Policy", "minute;q=10, day;q=20"),
            ]),
            now,
        );
        assert_eq!(limit.remaining, Some(7));
        assert_eq!(limit.reset, Some(now + 2));
        assert_eq!(limit.limit, Some(20));
        // Numbers and other items that are neither strings nor tokens are no policy.
        let limit = RateLimit::from_headers_at(
            &headers(&[("RateLimit", "1;r=1, ?1;r=2, (a);r=3, *x;r=4")]),
            now,
        );
        assert_eq!(limit.remaining, Some(4));
        // No reset given; a policy alone gives the limit.
        let limit =
            RateLimit::from_headers_at(&headers(&[("RateLimit-Policy", "\"p\";q=5;w=1")]), now);
        assert_eq!(
            limit,
            RateLimit {
                limit: Some(5),
                ..RateLimit::default()
            }
        );
        // Strings hold escapes, commas and semicolons.
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit", r#""a\",;b";x="r=1;t=2";r=3;t=4"#),
                ("RateLimit-Policy", r#""other";q=1, "a\",;b";q=8"#),
            ]),
            now,
        );
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(8), Some(3), Some(now + 4))
        );
    }

    #[test]
    fn older_ietf_rate_limit_fields() {
        let now = 1_700_000_000;
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit-Limit", "10, 10;w=1, 50;w=60"),
                ("RateLimit-Remaining", "1"),
                ("RateLimit-Reset", "7"),
            ]),
            now,
        );
        assert_eq!(
            limit,
            RateLimit {
                limit: Some(10),
                remaining: Some(1),
                reset: Some(now + 7),
                retry_after: None
            }
        );
    }

    #[test]
    fn auth0_headers_come_first() {
        let now = 1_700_000_000;
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("X-RateLimit-Limit", "50"),
                ("X-RateLimit-Remaining", "49"),
                ("X-RateLimit-Reset", "1700000100"),
                ("RateLimit", "\"default\";r=1;t=1"),
                ("RateLimit-Policy", "\"default\";q=2"),
                ("RateLimit-Limit", "3"),
                ("RateLimit-Remaining", "3"),
                ("RateLimit-Reset", "3"),
            ]),
            now,
        );
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(50), Some(49), Some(1_700_000_100))
        );
        // The structured field before the older one.
        let limit = RateLimit::from_headers_at(
            &headers(&[
                ("RateLimit", "\"default\";r=1;t=1"),
                ("RateLimit-Remaining", "3"),
                ("RateLimit-Reset", "3"),
            ]),
            now,
        );
        assert_eq!((limit.remaining, limit.reset), (Some(1), Some(now + 1)));
    }

    #[test]
    fn hostile_rate_limit_headers() {
        let names = [
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            "retry-after",
            "ratelimit",
            "ratelimit-policy",
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
        ];
        let read = |value: &HeaderValue, now| {
            let mut map = HeaderMap::new();
            for name in names {
                map.insert(name, value.clone());
            }
            RateLimit::from_headers_at(&map, now)
        };
        // Not numbers: nothing is read.
        for value in [
            "", " ", "-1", "1.5", "1e3", "0x10", "+5", "+", "1 2", ",1", "５", "\t",
        ] {
            let limit = read(&HeaderValue::from_str(value).unwrap(), 1_700_000_000);
            assert_eq!(limit, RateLimit::default(), "{value:?}");
        }
        // Too large: the largest, without overflow anywhere.
        for value in ["18446744073709551616", &"9".repeat(10_000)] {
            let limit = read(&HeaderValue::from_str(value).unwrap(), u64::MAX);
            assert_eq!(limit.limit, Some(u64::MAX));
            assert_eq!(limit.reset, Some(u64::MAX));
            assert_eq!(limit.retry_after, Some(u64::MAX));
            assert_eq!(wait_429(&limit, 0, u64::MAX), None);
        }
        let huge = read(
            &HeaderValue::from_static("\"d\";r=99999999999999999999999;t=99999999999999999999"),
            u64::MAX,
        );
        assert_eq!(
            (huge.remaining, huge.reset),
            (Some(u64::MAX), Some(u64::MAX))
        );
        // Bytes that are not text.
        let limit = read(&HeaderValue::from_bytes(b"\xff\xfe1").unwrap(), 0);
        assert_eq!(limit, RateLimit::default());
        // Broken structured fields, and anything made of their pieces: no panic.
        for value in [
            "\"",
            "\"abc",
            "\"a\"x;r=1",
            "\"a\\",
            ";;;",
            ",,,",
            "=",
            ";r=",
            "r=1",
            "\"\";r=1",
            "a;r=1;r=2;t",
            "\";r=1",
            "a;=1;r=2",
            "a,;r=1",
            "\\\";r=1",
        ] {
            let _ = read(&HeaderValue::from_str(value).unwrap(), 0);
        }
        let pieces = [
            "\"",
            "\\",
            ",",
            ";",
            "=",
            " ",
            "r",
            "t",
            "q",
            "1",
            "99999999999999999999",
            "a",
            "?1",
            "GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5_000 {
            let mut value = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                value.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let value = HeaderValue::from_str(&value).unwrap();
            let limit = read(&value, state);
            let _ = policy().next_wait(Some(429), &limit, 0, Duration::ZERO);
        }
    }
}
