// The client runtime of a generated crate, first half: the token, the
// retry policy, the rate-limit headers, the response, the client and its
// builder (`request.rs` is the other half). It is ordinary Rust, compiled, linted and unit-tested as
// part of the workspace (the crate in `runtime/`), and copied into every
// generated crate's `client` module by `generator/src/emit/client.rs`.
//
// How it gets there: the generator `include_str!`s this file, parses it with
// `syn`, drops every item marked `#[cfg(test)]` (the tests below stay here),
// and puts the rest at the top of the `client` module, before the
// operations. So what is written here is the generated code: hygienic paths
// (`::std::…`, `::serde::…`, `::reqwest::…`), docs that read well in the
// generated crate, nothing that clippy or rustdoc would warn about. Plain
// `//` comments like this one are not copied (they are not tokens).
//
// The seam: the file's items share one module with `request.rs` (the
// requests, their sending and their errors, copied right after this file)
// and with what the generator writes for each description, and use from
// the latter by their plain names:
//   - `SERVER`, the description's server URL (the generator writes it, with
//     its doc, after this file's `use` items);
//   - `SERVER_VARIABLES`, the server variables' defaults.
// The operations (methods of `Client`) build a `Request` and call
// `execute` (see `request.rs`).
// The other way round, every name this file and `request.rs` define or
// import at their top level (types, functions, constants, `Duration`) is
// taken in that module: the generator reserves them (read from the parsed
// files) before naming the operations' error enums, parameter structs and
// groups.
// The workspace crate `runtime/` (`runtime/src/lib.rs`) `include!`s this
// file into a module that holds stand-ins for the generator's side: the
// server of Auth0's Management API with its variable, and one operation,
// written as the generator writes them.
//
// Each item is kept free of anything specific to one description.

use ::std::time::Duration;

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// How failed attempts are retried, and for how long a call may take in all.
///
/// Retried: `408 Request Timeout` and `429 Too Many Requests` (the server
/// did not act on the request), a connection that could not be made
/// (nothing was sent), and the server errors `500` to `599` except `501`
/// and `505` (which do not go away) — those only for idempotent requests,
/// unless `retry_non_idempotent` is set. Idempotent: `GET`, `HEAD`,
/// `OPTIONS`, `TRACE`, `PUT`, `DELETE` (RFC 9110), and a `PATCH` whose
/// body is a JSON object (`application/json`, `application/merge-patch+json`):
/// such a body says what each field it names becomes (a merge patch,
/// RFC 7396; Auth0's updates work so: absent fields untouched, each given
/// field replaced, `options` replaced whole), so sending it twice leaves
/// what sending it once does. A `PATCH` of another kind (`json-patch+json`,
/// whose `add` to an array is not) and a `POST` are not.
///
/// The wait before a retry is the first of: what `Retry-After` asks
/// (exactly); for a `429`, until the rate limit resets (`X-RateLimit-Reset`
/// and the other forms [`RateLimit`] reads) plus up to `jitter` of it more,
/// so that clients the same reset held back do not all come back at once;
/// else the exponential backoff, `base_delay` doubled on each retry, at
/// most `max_delay`, spread by `jitter` either way. A server that asks for
/// longer than `max_delay` gets its answer returned rather than retried
/// early.
///
/// The default is 3 retries (4 attempts) within 60 s: the backoff's waits
/// (0.5, 1 and 2 s) ride out a restart or a failover of a few seconds, a
/// `429`'s wait is the server's own (Auth0's limits refill within
/// seconds), and a fourth failure in a row is worth reporting rather than
/// hiding behind longer waits. The `deadline` bounds the whole call, the
/// attempts as well as the waits: an attempt still running when it passes
/// ends with [`Error::Timeout`].
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; `0` turns retries off.
    pub max_retries: u32,
    /// The first wait when the server says nothing about when to come back; doubled on each retry.
    pub base_delay: Duration,
    /// The longest single wait; a server that asks for longer gets its answer returned.
    pub max_delay: Duration,
    /// How long the whole call may take, attempts and waits together.
    pub deadline: Duration,
    /// Whether server errors (5xx) are retried for requests that are not idempotent.
    pub retry_non_idempotent: bool,
    /// How much of each computed wait is random, from `0.0` (none) to `1.0`:
    /// a backoff `w` becomes `w × (1 ± jitter/2)`, a wait until a reset
    /// `w × (1 + jitter × r)` with `r` in `[0, 1)`. `Retry-After` is kept exact.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            deadline: Duration::from_secs(60),
            retry_non_idempotent: false,
            jitter: 0.2,
        }
    }
}

impl RetryPolicy {
    /// No retries: a failed attempt is returned at once.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The same policy with `max_retries` retries.
    pub fn max_retries(self, max_retries: u32) -> Self {
        Self {
            max_retries,
            ..self
        }
    }

    /// Whether an answer with `status` is retried for a request that is
    /// `idempotent` or not.
    fn retries_status(&self, status: u16, idempotent: bool) -> bool {
        match status {
            408 | 429 => true,
            501 | 505 => false,
            500..=599 => idempotent || self.retry_non_idempotent,
            _ => false,
        }
    }

    /// The wait before retrying after `attempt` retries and `elapsed` since
    /// the first attempt, when the last answer had `status` (`None`: the
    /// connection failed) and these rate-limit headers; `None` when it is
    /// not retried: no retries left, the server asks for longer than
    /// `max_delay`, or the wait would end after the `deadline`.
    fn next_wait(
        &self,
        status: Option<u16>,
        rate_limit: &RateLimit,
        attempt: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let wait = self.wait_at(status, rate_limit, attempt, RateLimit::now(), random_unit())?;
        let end = elapsed.checked_add(wait)?;
        (end < self.deadline).then_some(wait)
    }

    /// The wait before retry number `attempt + 1`, at `now` (seconds since
    /// the Unix epoch), with `random` in `[0, 1)` for the jitter (see the
    /// type's docs for the rules).
    fn wait_at(
        &self,
        status: Option<u16>,
        rate_limit: &RateLimit,
        attempt: u32,
        now: u64,
        random: f64,
    ) -> Option<Duration> {
        let jitter = if self.jitter.is_finite() {
            self.jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let random = if (0.0..1.0).contains(&random) {
            random
        } else {
            0.0
        };
        if let Some(seconds) = rate_limit.retry_after {
            let wait = Duration::from_secs(seconds);
            return (wait <= self.max_delay).then_some(wait);
        }
        let until_reset = rate_limit
            .reset
            .filter(|_| status == Some(429))
            .map(|reset| reset.saturating_sub(now))
            .filter(|&seconds| seconds > 0);
        if let Some(seconds) = until_reset {
            let wait = Duration::from_secs(seconds);
            if wait > self.max_delay {
                return None;
            }
            return Some(scaled(wait, 1.0 + jitter * random).min(self.max_delay));
        }
        let backoff = self
            .base_delay
            .saturating_mul(1u32 << attempt.min(16))
            .min(self.max_delay);
        Some(scaled(backoff, 1.0 - jitter / 2.0 + jitter * random).min(self.max_delay))
    }
}

/// `wait × factor`, saturating at `Duration::MAX`.
fn scaled(wait: Duration, factor: f64) -> Duration {
    Duration::try_from_secs_f64(wait.as_secs_f64() * factor).unwrap_or(Duration::MAX)
}

/// 64 random bits, from the standard library's per-process random hash
/// keys and a counter (enough for jitter and multipart boundaries; not
/// for secrets).
fn random_u64() -> u64 {
    use ::std::hash::{BuildHasher, Hasher};
    static COUNTER: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed));
    hasher.finish()
}

/// A random number in `[0, 1)`.
fn random_unit() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

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

/// A successful response: the decoded value, its status and the rate-limit headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    pub status: u16,
    pub rate_limit: RateLimit,
    pub value: T,
}

impl<T> Response<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The same response with its value mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            rate_limit: self.rate_limit,
            value: f(self.value),
        }
    }
}

/// Why a client could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// A server variable has no value (give it, or a full base URL).
    MissingServerVariable(String),
    /// No credentials meet the description's security requirements (they
    /// are named).
    MissingCredentials(String),
    /// The credential of this security scheme cannot be sent (it is empty
    /// or holds a line break or other control character; or a basic user
    /// name is empty or holds `:`).
    InvalidCredential(String),
    /// The base URL does not parse, or has a query or fragment.
    InvalidUrl(String),
    /// The base URL is `http://` and plain HTTP was not allowed.
    InsecureUrl(String),
    /// The HTTP client could not be set up.
    Http(::reqwest::Error),
}

impl ::std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            BuildError::MissingServerVariable(name) => {
                write!(f, "the server variable `{name}` has no value")
            }
            BuildError::MissingCredentials(needed) => {
                write!(f, "the API needs credentials for {needed}; none were given")
            }
            BuildError::InvalidCredential(scheme) => {
                write!(f, "the credential for `{scheme}` cannot be sent")
            }
            BuildError::InvalidUrl(url) => write!(f, "`{url}` is not a usable base URL"),
            BuildError::InsecureUrl(url) => write!(
                f,
                "`{url}` is plain HTTP; use https:// or allow HTTP explicitly"
            ),
            BuildError::Http(e) => write!(f, "the HTTP client could not be set up: {e}"),
        }
    }
}

impl ::std::error::Error for BuildError {}

/// A function the client calls before each attempt is sent (retries
/// included), with the request as it goes out. Credentials in headers are
/// marked sensitive (their `Debug` shows `Sensitive`); an API key the
/// description puts in the query is in the URL.
pub type RequestHook = ::std::sync::Arc<dyn Fn(&::reqwest::Request) + Send + Sync>;

/// A function the client calls on each response as it arrives (before its
/// body is read, retried ones included), with the time the attempt took.
pub type ResponseHook = ::std::sync::Arc<dyn Fn(&::reqwest::Response, Duration) + Send + Sync>;

/// The hooks of a client: for tracing and logging.
#[derive(Clone, Default)]
struct Hooks {
    on_request: Option<RequestHook>,
    on_response: Option<ResponseHook>,
}

impl ::std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Hooks")
            .field("on_request", &self.on_request.is_some())
            .field("on_response", &self.on_response.is_some())
            .finish()
    }
}

/// Options for the calls made through one client value: set on the
/// client by [`Client::with_options`], over the builder's. Each unset
/// option keeps the client's.
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    /// How long one attempt may take in all (the builder's `timeout`).
    pub timeout: Option<Duration>,
    /// How failed attempts are retried, and the whole call's deadline.
    pub retry: Option<RetryPolicy>,
    /// The retries of the retry policy (the client's, or `retry`).
    pub max_retries: Option<u32>,
    /// Headers sent with each request, after (and over) the operation's own.
    pub headers: Vec<(String, String)>,
    /// Whether bodies are validated before sending.
    pub validate: Option<bool>,
}

impl ::std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_retries", &self.max_retries)
            .field("headers", &header_names(&self.headers))
            .field("validate", &self.validate)
            .finish()
    }
}

/// The names of headers, for `Debug`: their values may be credentials.
fn header_names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(name, _)| name.as_str()).collect()
}

impl RequestOptions {
    /// No options: everything as the client has it.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long one attempt may take in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How failed attempts are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The retry policy (the client's, or [`RequestOptions::retry`]) with
    /// `max_retries` retries.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A header sent with each request, replacing one of the same name the
    /// request would have. A name or value that HTTP does not allow fails
    /// the call with [`Error::Request`] before anything is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Whether bodies are validated before sending.
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = Some(validate);
        self
    }
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    variables: Vec<(String, String)>,
    credentials: Credentials,
    allow_http: bool,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    validate: bool,
    http: Option<::reqwest::Client>,
    hooks: Hooks,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: None,
            variables: SERVER_VARIABLES
                .iter()
                .filter(|(_, v)| !v.contains('{'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            credentials: Credentials::default(),
            allow_http: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            validate: true,
            http: None,
            hooks: Hooks::default(),
        }
    }
}

impl ClientBuilder {
    /// A full base URL instead of the description's server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Fills a variable of the spec's server URL.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.variables.retain(|(k, _)| k != name);
        self.variables.push((name.to_string(), value.into()));
        self
    }

    /// Allows a plain `http://` base URL (for tests on loopback). Off by default.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// How long connecting may take (default 10 s; not applied to a client
    /// given with [`ClientBuilder::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take in all (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How failed attempts are retried (default: 3 retries within 60 s; see
    /// [`RetryPolicy`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Whether bodies are validated before sending (default: yes).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Sends through `http` instead of a client of its own: for proxies,
    /// trusted roots, client certificates or a connection pool shared with
    /// other code. Its settings are kept: its redirect policy (reqwest's
    /// default follows redirects, leaving out `Authorization` and cookies
    /// when one leads to another host; this crate's own client follows
    /// none), its `User-Agent`, its connect timeout. The attempt timeout and
    /// the retry policy apply to each request as for the crate's own client.
    pub fn http_client(mut self, http: ::reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Calls `hook` before each attempt is sent (see [`RequestHook`]).
    pub fn on_request(
        mut self,
        hook: impl Fn(&::reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_request = Some(::std::sync::Arc::new(hook));
        self
    }

    /// Calls `hook` on each response as it arrives (see [`ResponseHook`]).
    pub fn on_response(
        mut self,
        hook: impl Fn(&::reqwest::Response, Duration) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_response = Some(::std::sync::Arc::new(hook));
        self
    }

    pub fn build(self) -> Result<Client, BuildError> {
        let base = match self.base_url {
            Some(url) => url,
            None => {
                let mut url = SERVER.to_string();
                for (name, value) in &self.variables {
                    if value.is_empty()
                        || value.contains(['/', '\\', '?', '#', '@', '%', '{', '}'])
                        || value.chars().any(|c| c.is_whitespace() || c.is_control())
                    {
                        return Err(BuildError::InvalidUrl(value.clone()));
                    }
                    url = url.replace(&format!("{{{name}}}"), value);
                }
                if let Some(start) = url.find('{') {
                    let name = url[start + 1..].split('}').next().unwrap_or_default();
                    return Err(BuildError::MissingServerVariable(name.to_string()));
                }
                url
            }
        };
        let parsed =
            ::reqwest::Url::parse(&base).map_err(|_| BuildError::InvalidUrl(base.clone()))?;
        if parsed.query().is_some() || parsed.fragment().is_some() || parsed.cannot_be_a_base() {
            return Err(BuildError::InvalidUrl(base));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => return Err(BuildError::InsecureUrl(base)),
            _ => return Err(BuildError::InvalidUrl(base)),
        }
        let credentials = self.credentials.checked(&parsed, self.allow_http)?;
        let http = match self.http {
            Some(http) => http,
            None => ::reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .connect_timeout(self.connect_timeout)
                .redirect(::reqwest::redirect::Policy::none())
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            credentials,
            retry: self.retry,
            validate: self.validate,
            timeout: self.timeout,
            headers: Vec::new(),
            hooks: self.hooks,
        })
    }
}

/// The API client. Cheap to clone (the connection pool is shared).
///
/// Each operation is an `async` method; dropping its future before it
/// completes (a `tokio::time::timeout`, a `select!` that takes another
/// branch) cancels the call: the request in flight is abandoned with its
/// connection, and no retry follows.
#[derive(Clone)]
pub struct Client {
    http: ::reqwest::Client,
    base: String,
    credentials: Credentials,
    retry: RetryPolicy,
    validate: bool,
    /// How long one attempt may take.
    timeout: Duration,
    /// Headers sent with every request, over the operation's own.
    headers: Vec<(String, String)>,
    hooks: Hooks,
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("validate", &self.validate)
            .field("timeout", &self.timeout)
            .field("headers", &header_names(&self.headers))
            .field("hooks", &self.hooks)
            .finish()
    }
}

impl Client {
    /// A builder; the server (its variables, or a full base URL) and the
    /// credentials the description asks for are needed.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The same client, validating bodies before sending or not (for one call:
    /// `client.with_validation(false).some_operation(…)`).
    pub fn with_validation(&self, validate: bool) -> Client {
        Client {
            validate,
            ..self.clone()
        }
    }

    /// The same client with another retry policy.
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client {
            retry,
            ..self.clone()
        }
    }

    /// The same client with `options` over its own, for the calls made
    /// through it: `client.with_options(RequestOptions::new().timeout(…)).some_operation(…)`.
    /// Headers add to those of earlier options.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        let mut client = self.clone();
        if let Some(timeout) = options.timeout {
            client.timeout = timeout;
        }
        if let Some(retry) = options.retry {
            client.retry = retry;
        }
        if let Some(max_retries) = options.max_retries {
            client.retry.max_retries = max_retries;
        }
        if let Some(validate) = options.validate {
            client.validate = validate;
        }
        client.headers.extend(options.headers);
        client
    }
}

#[cfg(test)]
mod tests {
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

    fn epoch_seconds() -> u64 {
        ::std::time::SystemTime::now()
            .duration_since(::std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
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
    fn token_is_never_shown() {
        let builder = Client::builder().token("secret-token");
        assert!(!format!("{builder:?}").contains("secret"));
        let client = builder.tenant_domain("example.auth0.com").build().unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        let options = RequestOptions::new().header("X-Secret-Key", "hunter2");
        let shown = format!("{options:?} {:?}", client.with_options(options.clone()));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("X-Secret-Key"), "{shown}");
    }

    #[test]
    fn retry_after_is_waited_exactly() {
        let after = |seconds| RateLimit {
            retry_after: Some(seconds),
            ..RateLimit::default()
        };
        let jittery = RetryPolicy {
            jitter: 1.0,
            ..policy()
        };
        for status in [Some(429), Some(503), Some(408)] {
            for random in [0.0, 0.5, 0.999] {
                assert_eq!(
                    jittery.wait_at(status, &after(3), 0, 0, random),
                    Some(Duration::from_secs(3))
                );
            }
        }
        // Zero means now.
        assert_eq!(wait_429(&after(0), 2, 0), Some(Duration::ZERO));
        // Longer than `max_delay`: returned, not retried.
        assert_eq!(wait_429(&after(11), 0, 0), None);
        assert_eq!(wait_429(&after(u64::MAX), 0, 0), None);
    }

    #[test]
    fn a_429_waits_for_the_reset() {
        let now = 1_700_000_000;
        let reset = |reset| RateLimit {
            reset: Some(reset),
            ..RateLimit::default()
        };
        assert_eq!(
            wait_429(&reset(now + 5), 0, now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            wait_429(&reset(now + 10), 0, now),
            Some(Duration::from_secs(10))
        );
        // Already past (clock skew) or now: the backoff.
        assert_eq!(
            wait_429(&reset(now - 5), 1, now),
            Some(Duration::from_millis(200))
        );
        assert_eq!(
            wait_429(&reset(now), 0, now),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            wait_429(&reset(0), 0, now),
            Some(Duration::from_millis(100))
        );
        // Over `max_delay`: returned, not retried.
        assert_eq!(wait_429(&reset(now + 11), 0, now), None);
        assert_eq!(wait_429(&reset(u64::MAX), 0, now), None);
        assert_eq!(wait_429(&reset(u64::MAX), 0, 0), None);
        // `Retry-After` wins over the reset.
        let both = RateLimit {
            retry_after: Some(1),
            reset: Some(now + 9),
            ..RateLimit::default()
        };
        assert_eq!(wait_429(&both, 0, now), Some(Duration::from_secs(1)));
        // The reset of a window is about rate limits: a 503 that carries
        // one backs off instead.
        assert_eq!(
            policy().wait_at(Some(503), &reset(now + 9), 0, now, 0.0),
            Some(Duration::from_millis(100))
        );
        // On this machine's clock.
        let wait = policy()
            .next_wait(Some(429), &reset(epoch_seconds() + 5), 0, Duration::ZERO)
            .unwrap();
        assert!(
            wait > Duration::from_secs(3) && wait <= Duration::from_secs(5),
            "{wait:?}"
        );
        // The jitter adds up to `jitter` of the wait, never takes any off,
        // and stays within `max_delay`.
        let jittery = RetryPolicy {
            jitter: 0.2,
            ..policy()
        };
        let at = |random| jittery.wait_at(Some(429), &reset(now + 5), 0, now, random);
        assert_eq!(at(0.0), Some(Duration::from_secs(5)));
        assert_eq!(at(0.5), Some(Duration::from_millis(5500)));
        assert!(at(0.999_999).unwrap() < Duration::from_secs(6));
        assert_eq!(
            jittery.wait_at(Some(429), &reset(now + 10), 0, now, 0.9),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn retries_stop_at_the_count_and_the_deadline() {
        let none = RateLimit::default();
        let policy = policy();
        let wait = |attempt, elapsed| policy.next_wait(Some(500), &none, attempt, elapsed);
        assert_eq!(wait(0, Duration::ZERO), Some(Duration::from_millis(100)));
        assert_eq!(
            wait(2, Duration::from_secs(1)),
            Some(Duration::from_millis(400))
        );
        assert_eq!(wait(3, Duration::ZERO), None);
        assert_eq!(wait(u32::MAX, Duration::ZERO), None);
        assert_eq!(
            RetryPolicy::none().next_wait(Some(429), &none, 0, Duration::ZERO),
            None
        );
        // A wait that would end at the deadline or after it is not started.
        let five = RateLimit {
            retry_after: Some(5),
            ..RateLimit::default()
        };
        assert_eq!(
            policy.next_wait(Some(429), &five, 0, Duration::from_secs(54)),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            policy.next_wait(Some(429), &five, 0, Duration::from_secs(55)),
            None
        );
        // No overflow, whatever the policy and the time elapsed.
        let unbounded = RetryPolicy {
            max_retries: u32::MAX,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            deadline: Duration::MAX,
            ..policy.clone()
        };
        assert_eq!(
            unbounded.next_wait(None, &none, 0, Duration::from_secs(1)),
            None
        );
        let asked = RateLimit {
            retry_after: Some(u64::MAX),
            ..RateLimit::default()
        };
        assert_eq!(
            unbounded.next_wait(Some(429), &asked, 7, Duration::MAX),
            None
        );
    }

    #[test]
    fn backoff_doubles_up_to_max_delay() {
        let none = RateLimit::default();
        let waits: Vec<_> = (0..10)
            .map(|attempt| policy().wait_at(None, &none, attempt, 0, 0.5).unwrap())
            .collect();
        assert_eq!(waits[0], Duration::from_millis(100));
        assert_eq!(waits[1], Duration::from_millis(200));
        assert_eq!(waits[2], Duration::from_millis(400));
        assert_eq!(waits[6], Duration::from_millis(6400));
        assert_eq!(waits[7], Duration::from_secs(10));
        assert_eq!(waits[9], Duration::from_secs(10));
        // No overflow, however large the attempt or the delays.
        assert_eq!(
            policy().wait_at(None, &none, u32::MAX, 0, 0.0),
            Some(Duration::from_secs(10))
        );
        let huge = RetryPolicy {
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            jitter: 1.0,
            ..policy()
        };
        for random in [0.0, 0.5, 0.999] {
            let wait = huge.wait_at(None, &none, u32::MAX, 0, random).unwrap();
            assert!(wait >= Duration::from_secs(u64::MAX / 4), "{wait:?}");
        }
    }

    #[test]
    fn backoff_jitter_stays_within_its_bounds() {
        let none = RateLimit::default();
        let jittery = RetryPolicy {
            jitter: 0.2,
            ..policy()
        };
        // `w × (1 ± jitter/2)`: 90 to 110 ms around 100 ms, 360 to 440
        // around 400, and never over `max_delay`.
        let at = |attempt, random| {
            jittery
                .wait_at(Some(503), &none, attempt, 0, random)
                .unwrap()
        };
        assert_eq!(at(0, 0.0), Duration::from_millis(90));
        assert_eq!(at(2, 0.0), Duration::from_millis(360));
        assert!(at(2, 0.999_999) < Duration::from_millis(440));
        assert_eq!(at(9, 0.999), Duration::from_secs(10));
        // Drawn: within the bounds, and not all the same.
        let drawn: Vec<Duration> = (0..200)
            .map(|_| {
                jittery
                    .next_wait(Some(503), &none, 2, Duration::ZERO)
                    .unwrap()
            })
            .collect();
        assert!(drawn
            .iter()
            .all(|w| *w >= Duration::from_millis(360) && *w < Duration::from_millis(440)));
        let distinct: ::std::collections::BTreeSet<_> = drawn.iter().collect();
        assert!(distinct.len() > 50, "{} distinct waits", distinct.len());
        // A jitter out of range, or not a number, is clamped.
        for jitter in [-1.0, 7.0, f64::NAN, f64::INFINITY] {
            let odd = RetryPolicy { jitter, ..policy() };
            let wait = odd.wait_at(None, &none, 0, 0, 0.3).unwrap();
            assert!(wait <= Duration::from_millis(200), "{jitter}: {wait:?}");
        }
    }

    #[test]
    fn which_statuses_are_retried() {
        let policy = policy();
        for status in [408, 429] {
            assert!(policy.retries_status(status, false), "{status}");
        }
        for status in [500, 502, 503, 504, 599] {
            assert!(policy.retries_status(status, true), "{status}");
            assert!(!policy.retries_status(status, false), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 422, 501, 505, 600, 302] {
            assert!(!policy.retries_status(status, true), "{status}");
        }
        let all = RetryPolicy {
            retry_non_idempotent: true,
            ..policy
        };
        assert!(all.retries_status(503, false));
        assert!(!all.retries_status(501, false));
    }

    #[test]
    fn random_numbers_are_in_range() {
        let drawn: Vec<f64> = (0..1000).map(|_| random_unit()).collect();
        assert!(drawn.iter().all(|r| (0.0..1.0).contains(r)));
        assert!(drawn.iter().any(|r| *r < 0.25) && drawn.iter().any(|r| *r > 0.75));
    }

    #[test]
    fn retry_policies() {
        assert_eq!(RetryPolicy::none().max_retries, 0);
        let default = RetryPolicy::default();
        assert_eq!(default.max_retries, 3);
        assert_eq!(default.deadline, Duration::from_secs(60));
        assert!(!default.retry_non_idempotent);
        assert!(default.base_delay <= default.max_delay);
        assert_eq!(default.clone().max_retries(1).max_retries, 1);
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
    fn retry_after_as_an_http_date() {
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let at = 1_445_412_480;
        let read = |now| RateLimit::from_headers_at(&headers(&[("Retry-After", date)]), now);
        assert_eq!(read(at - 10).retry_after, Some(10));
        assert_eq!(read(at).retry_after, Some(0));
        // A date already past: no wait asked (the backoff still applies).
        assert_eq!(read(at + 3600).retry_after, Some(0));
        assert_eq!(read(u64::MAX).retry_after, Some(0));
        let seconds = RateLimit::from_headers_at(&headers(&[("Retry-After", "120")]), at);
        assert_eq!(seconds.retry_after, Some(120));
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

    #[test]
    fn builder_checks_the_server() {
        let builder = || Client::builder().token("t");
        match builder().build() {
            Err(BuildError::MissingServerVariable(name)) => assert_eq!(name, "tenantDomain"),
            other => panic!("{other:?}"),
        }
        let client = builder()
            .tenant_domain("example.eu.auth0.com")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "https://example.eu.auth0.com/api/v2");
        for hostile in [
            "a/b", "a\\b", "a?b", "a#b", "user@a", "a%2F", "a b", "a\nb", "{x}", "",
        ] {
            let built = builder().tenant_domain(hostile).build();
            assert!(built.is_err(), "{hostile:?}");
        }
        assert!(matches!(
            builder().base_url("http://127.0.0.1:1/").build(),
            Err(BuildError::InsecureUrl(_))
        ));
        let client = builder()
            .base_url("http://127.0.0.1:1/")
            .allow_http(true)
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:1");
        for bad in [
            "not a url",
            "ftp://example.com",
            "https://example.com/?q=1",
            "https://example.com/#f",
            "mailto:a@b",
        ] {
            assert!(
                matches!(
                    builder().base_url(bad).build(),
                    Err(BuildError::InvalidUrl(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn builder_checks_the_token() {
        let builder = Client::builder().tenant_domain("example.auth0.com");
        match builder.clone().build() {
            Err(BuildError::MissingCredentials(needed)) => assert_eq!(needed, "bearer, or oauth"),
            other => panic!("{other:?}"),
        }
        for bad in ["", "a\nb", "a\rb", "\0"] {
            let built = builder.clone().token(bad).build();
            assert!(
                matches!(&built, Err(BuildError::InvalidCredential(s)) if s == "bearer"),
                "{bad:?}"
            );
        }
        // Another scheme of the default requirements will do.
        let key_only = builder.clone().api_key("k").build();
        assert!(matches!(key_only, Err(BuildError::MissingCredentials(_))));
        assert!(builder.clone().token("t").build().is_ok());
        for error in [
            BuildError::MissingServerVariable("x".into()),
            BuildError::MissingCredentials("bearer".into()),
            BuildError::InvalidCredential("bearer".into()),
            BuildError::InvalidUrl("u".into()),
            BuildError::InsecureUrl("u".into()),
        ] {
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn client_variants() {
        let client = Client::builder()
            .token("t")
            .tenant_domain("a.auth0.com")
            .build()
            .unwrap();
        assert!(client.validate);
        assert!(!client.with_validation(false).validate);
        assert_eq!(
            client.with_retry(RetryPolicy::none()).retry,
            RetryPolicy::none()
        );
        let client = Client::builder()
            .token("t")
            .server_variable("tenantDomain", "b.auth0.com")
            .validate(false)
            .retry(RetryPolicy::none())
            .timeout(Duration::from_secs(1))
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "https://b.auth0.com/api/v2");
        assert!(!client.validate);
        assert_eq!(client.retry.max_retries, 0);
    }

    #[test]
    fn response_into_inner() {
        let response = Response {
            status: 200,
            rate_limit: RateLimit::default(),
            value: 5,
        };
        assert_eq!(response.into_inner(), 5);
    }
}
