// The retry policy of a generated crate's client: `RetryPolicy`, which
// attempts are retried and how long to wait before each (`Retry-After`, the
// rate limit's reset, or the backoff with its jitter), and the random
// numbers of the jitter. Copied first into every generated crate's `client`
// module: its `use` item opens the module, and the generator writes the
// description's `SERVER` right after it (see the top of `client.rs` for how,
// and for the seam). The retry loop that asks it is `send.rs`'s.

use ::std::time::Duration;

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

#[cfg(test)]
mod retry_tests {
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
}
