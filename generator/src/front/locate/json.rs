//! JSON texts: a pointer's tokens → the location of its node (or of its
//! deepest ancestor in the text, marked inexact), walked with the scanner
//! token by token, skipping the members and elements before the one named.

use super::scanner::Scanner;
use super::{location, Location};
use std::ops::Range;

/// Walks a valid JSON text to the node that `tokens` name. A scalar member
/// is shown by its value, a collection by its key (an element by its
/// opening bracket).
pub(super) fn json_find(text: &str, tokens: &[String]) -> Option<Location> {
    let mut s = Scanner::new(text);
    s.ws();
    s.peek()?;
    // The node found so far: the root, then each member's key or element.
    let mut found = s.i..s.i + 1;
    for token in tokens {
        s.ws();
        let next = match s.peek() {
            Some(b'{') => member(&mut s, token),
            Some(b'[') => element(&mut s, token),
            _ => None,
        };
        match next {
            Some(span) => found = span,
            None => return Some(location(text, found, false)),
        }
    }
    Some(location(text, found, true))
}

/// In an object (the cursor is on `{`), the span that shows the member
/// named `token`, the cursor left at its value; `None` when there is no such member.
fn member(s: &mut Scanner<'_>, token: &str) -> Option<Range<usize>> {
    s.i += 1;
    let mut hit = None;
    loop {
        s.ws();
        if s.peek() != Some(b'"') {
            break;
        }
        let (span, key) = s.string();
        if !s.eat(b':') {
            break;
        }
        if key == token {
            hit = Some(span);
            s.ws();
            break;
        }
        s.skip_value();
        if !s.eat(b',') {
            break;
        }
    }
    let key = hit?;
    Some(match s.peek() {
        Some(b'{' | b'[') | None => key,
        Some(_) => {
            let start = s.i;
            let value = s.skip_value();
            s.i = start;
            value
        }
    })
}

/// In an array (the cursor is on `[`), the span that shows the element at
/// index `token`, the cursor left on it; `None` when there is no such element.
fn element(s: &mut Scanner<'_>, token: &str) -> Option<Range<usize>> {
    s.i += 1;
    let index = token.parse::<usize>().ok()?;
    let mut hit = false;
    for n in 0.. {
        s.ws();
        if matches!(s.peek(), None | Some(b']')) {
            break;
        }
        if n == index {
            hit = true;
            break;
        }
        s.skip_value();
        if !s.eat(b',') {
            break;
        }
    }
    if !hit {
        return None;
    }
    let start = s.i;
    let end = match s.peek() {
        Some(b'{' | b'[') => start + 1,
        _ => {
            let end = s.skip_value().end;
            s.i = start;
            end
        }
    };
    Some(start..end)
}
