//! Integers in a JSON text that do not fit in 64 bits, which `serde_json`
//! would read as floats, losing digits silently: a valid JSON text → each
//! such integer's pointer, literal and location, found by one iterative scan.

use super::scanner::Scanner;
use super::{location, Location};
use crate::error::pointer_token;
use std::ops::Range;

/// An integer in a JSON text that does not fit in 64 bits (neither `i64` nor
/// `u64`): where it is, and its pointer. `serde_json` would read it as a float
/// and lose digits silently. The text must be valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigInteger {
    pub pointer: String,
    pub literal: String,
    pub location: Location,
}

/// The first integer beyond 64 bits in a valid JSON text, if any.
pub fn json_big_integer(text: &str) -> Option<BigInteger> {
    json_big_integers(text, |_| false).pop()
}

/// One open collection, from the outside in: an object with the key last
/// read, or an array with the index of the current element.
enum Frame {
    Object(Option<String>),
    Array(usize),
}

/// The integers beyond 64 bits in a valid JSON text, in order, up to and
/// including the first one `tolerated` says no to.
pub fn json_big_integers(text: &str, tolerated: impl Fn(&str) -> bool) -> Vec<BigInteger> {
    let mut found = Vec::new();
    if !has_long_digit_run(text.as_bytes()) {
        return found;
    }
    let mut s = Scanner::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    while let Some(c) = s.peek() {
        match c {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
                s.i += 1;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                s.i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                s.i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array(i)) => *i += 1,
                    Some(Frame::Object(_)) => expect_key = true,
                    None => {}
                }
                s.i += 1;
            }
            b'"' => {
                if expect_key {
                    let (_, key) = s.string();
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(key);
                    }
                    expect_key = false;
                } else {
                    s.skip_string();
                }
            }
            b'-' | b'0'..=b'9' => {
                let span = number(&mut s);
                let literal = &text[span.clone()];
                if beyond_64_bits(literal) {
                    let pointer = pointer(&stack);
                    let stop = !tolerated(&pointer);
                    found.push(BigInteger {
                        pointer,
                        literal: literal.to_string(),
                        location: location(text, span, true),
                    });
                    if stop {
                        return found;
                    }
                }
            }
            _ => s.i += 1,
        }
    }
    found
}

/// A cheap pre-check: no run of 19 or more digits, no big integer.
fn has_long_digit_run(b: &[u8]) -> bool {
    let mut run = 0;
    b.iter().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 19
    })
}

/// Skips a number literal (the cursor is on its first character); its span.
fn number(s: &mut Scanner<'_>) -> Range<usize> {
    let start = s.i;
    while matches!(
        s.peek(),
        Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
    ) {
        s.i += 1;
    }
    start..s.i
}

/// The JSON Pointer of the current value, from the open collections.
fn pointer(stack: &[Frame]) -> String {
    let mut pointer = String::new();
    for frame in stack {
        pointer.push('/');
        match frame {
            Frame::Object(key) => {
                pointer.push_str(&pointer_token(key.as_deref().unwrap_or_default()))
            }
            Frame::Array(i) => pointer.push_str(&i.to_string()),
        }
    }
    pointer
}

/// Whether an integer literal (digits with an optional `-`) is outside both
/// `i64` and `u64`. Literals with a fraction or an exponent are not integers.
pub fn beyond_64_bits(literal: &str) -> bool {
    let (negative, digits) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal.strip_prefix('+').unwrap_or(literal)),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let digits = digits.trim_start_matches('0');
    let limit = if negative {
        "9223372036854775808"
    } else {
        "18446744073709551615"
    };
    digits.len() > limit.len() || (digits.len() == limit.len() && digits > limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integers_in_json() {
        assert_eq!(
            json_big_integer(r#"{"a": [1, 2.5e300, -9223372036854775808, 18446744073709551615]}"#),
            None
        );
        let text =
            "{\"a\": [1, {\"max\": 18446744073709551616}], \"s\": \"123456789012345678901234\"}";
        let big = json_big_integer(text).expect("found");
        assert_eq!(big.pointer, "/a/1/max");
        assert_eq!(big.literal, "18446744073709551616");
        assert_eq!((big.location.line, big.location.column), (1, 19));
        let big = json_big_integer("{\"k/\": -9223372036854775809}").expect("found");
        assert_eq!(big.pointer, "/k~1");
        assert!(!beyond_64_bits("00000000000000000000000000001"));
        assert!(beyond_64_bits("123456789012345678901234567890"));
        assert!(!beyond_64_bits("1e30"));
    }
}
