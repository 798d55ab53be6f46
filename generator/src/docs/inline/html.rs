//! HTML in a description (a step of the inline pass): `<` characters in,
//! decisions out: autolinks and balanced known tags kept, every other `<`
//! escaped.

use super::Marks;
use crate::docs::{KNOWN_TAGS, VOID_TAGS};
use std::collections::HashMap;

struct Tag {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
}

/// Autolinks are kept; known HTML tags are kept when balanced; every other
/// `<` is escaped.
pub(super) fn html_and_autolinks(s: &[char], m: &mut Marks) {
    let n = s.len();
    let mut tags: Vec<Tag> = Vec::new();
    let mut i = 0;
    while i < n {
        if m.verbatim[i] || s[i] != '<' {
            i += 1;
            continue;
        }
        if let Some(end) = autolink(s, i, &m.verbatim) {
            m.verbatim[i..=end].iter_mut().for_each(|v| *v = true);
            i = end + 1;
        } else if let Some(tag) = html_tag(s, i, &m.verbatim) {
            i = tag.end + 1;
            tags.push(tag);
        } else {
            m.escape[i] = true;
            i += 1;
        }
    }

    // Balance: unclosed and unopened tags are escaped (rustdoc warns on them).
    let mut keep = vec![false; tags.len()];
    let mut open: Vec<usize> = Vec::new();
    // How many tags of each name are in `open` (so that a closing tag with no
    // opening one does not scan the whole stack).
    let mut open_count: HashMap<&str, usize> = HashMap::new();
    for (t, tag) in tags.iter().enumerate() {
        let void = VOID_TAGS.contains(&tag.name.as_str());
        if void || s[tag.end - 1] == '/' {
            keep[t] = !tag.closing;
        } else if !tag.closing {
            open.push(t);
            *open_count.entry(tag.name.as_str()).or_default() += 1;
        } else if open_count.get(tag.name.as_str()).is_some_and(|&c| c > 0) {
            let Some(depth) = open.iter().rposition(|&o| tags[o].name == tag.name) else {
                continue;
            };
            keep[open[depth]] = true;
            keep[t] = true;
            if tag.name == "a" {
                // The text of an HTML link: no autolinks inside.
                m.link_text[tags[open[depth]].end + 1..tag.start]
                    .iter_mut()
                    .for_each(|v| *v = true);
            }
            // Tags opened inside and never closed stay unkept.
            for o in open.drain(depth..) {
                if let Some(c) = open_count.get_mut(tags[o].name.as_str()) {
                    *c = c.saturating_sub(1);
                }
            }
        }
    }
    for (tag, kept) in tags.iter().zip(keep) {
        if kept {
            m.verbatim[tag.start..=tag.end]
                .iter_mut()
                .for_each(|v| *v = true);
        } else {
            m.escape[tag.start] = true;
        }
    }
}

/// `<scheme:...>` or `<user@host>` starting at `i`: the index of its `>`.
fn autolink(s: &[char], i: usize, verbatim: &[bool]) -> Option<usize> {
    let mut j = i + 1;
    let mut end = None;
    while j < s.len() && !verbatim[j] {
        match s[j] {
            '>' => {
                end = Some(j);
                break;
            }
            '<' => return None,
            c if c.is_whitespace() || c.is_control() => return None,
            _ => j += 1,
        }
    }
    let end = end?;
    let inner = &s[i + 1..end];
    // URI: scheme of 2–32 characters, then `:`.
    if let Some(colon) = inner.iter().position(|&c| c == ':') {
        let scheme = &inner[..colon];
        if (2..=32).contains(&scheme.len())
            && scheme[0].is_ascii_alphabetic()
            && scheme
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        {
            return Some(end);
        }
    }
    // E-mail address.
    if let Some(at) = inner.iter().position(|&c| c == '@') {
        let (user, host) = (&inner[..at], &inner[at + 1..]);
        let user_ok = !user.is_empty()
            && user
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(*c));
        let host_ok = host.contains(&'.')
            && host
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            && host.first().is_some_and(|c| c.is_ascii_alphanumeric())
            && host.last().is_some_and(|c| c.is_ascii_alphanumeric());
        if user_ok && host_ok {
            return Some(end);
        }
    }
    None
}

/// The characters a tag may span: up to a bound (tags longer than 2048
/// characters are not taken for tags, which bounds the work on unterminated
/// attribute values), verbatim text excluded.
struct Span<'a> {
    s: &'a [char],
    verbatim: &'a [bool],
    end: usize,
}

impl Span<'_> {
    fn ok(&self, j: usize) -> bool {
        j < self.end && !self.verbatim[j]
    }

    fn is(&self, j: usize, c: char) -> bool {
        self.ok(j) && self.s[j] == c
    }

    fn skip_ws(&self, mut j: usize) -> usize {
        while self.ok(j) && self.s[j].is_whitespace() {
            j += 1;
        }
        j
    }
}

/// A known HTML tag (with well-formed attributes) starting at `i`.
fn html_tag(s: &[char], i: usize, verbatim: &[bool]) -> Option<Tag> {
    let span = Span {
        s,
        verbatim,
        end: s.len().min(i + 2048),
    };
    let mut j = i + 1;
    let closing = span.is(j, '/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while span.ok(j) && s[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == name_start || !s[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name: String = s[name_start..j]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    let end = if closing {
        let j = span.skip_ws(j);
        span.is(j, '>').then_some(j)?
    } else {
        attributes_end(&span, j)?
    };
    Some(Tag {
        start: i,
        end,
        name,
        closing,
    })
}

/// The attributes of an opening tag from `j` (after its name): the index of
/// the tag's `>`, if they are well-formed and the tag ends.
fn attributes_end(span: &Span, mut j: usize) -> Option<usize> {
    loop {
        let before_ws = j;
        j = span.skip_ws(j);
        if !span.ok(j) {
            return None;
        }
        match span.s[j] {
            '>' => return Some(j),
            '/' if span.is(j + 1, '>') => return Some(j + 1),
            c if (c.is_ascii_alphabetic() || c == '_' || c == ':') && j > before_ws => {
                j = attribute_end(span, j)?;
            }
            _ => return None,
        }
    }
}

/// One attribute (`name`, `name=value`, `name="value"`) starting at `j`:
/// where it ends.
fn attribute_end(span: &Span, mut j: usize) -> Option<usize> {
    let s = span.s;
    while span.ok(j) && (s[j].is_ascii_alphanumeric() || matches!(s[j], '_' | '.' | ':' | '-')) {
        j += 1;
    }
    let after_name = j;
    j = span.skip_ws(j);
    if !span.is(j, '=') {
        return Some(after_name);
    }
    j = span.skip_ws(j + 1);
    if !span.ok(j) {
        return None;
    }
    match s[j] {
        q @ ('"' | '\'') => {
            j += 1;
            while span.ok(j) && s[j] != q {
                j += 1;
            }
            span.ok(j).then_some(j + 1)
        }
        _ => {
            let value_start = j;
            while span.ok(j)
                && !s[j].is_whitespace()
                && !matches!(s[j], '"' | '\'' | '=' | '<' | '>' | '`')
            {
                j += 1;
            }
            (j > value_start).then_some(j)
        }
    }
}
