//! Links and URLs in a description (steps of the inline pass): brackets in,
//! decisions out: links rustdoc resolves without warning kept, other
//! brackets escaped, bare `http(s)://` URLs wrapped as `<url>`.

use super::{normalize_label, Marks};
use std::collections::{HashMap, HashSet};

/// What a link's destination looks like to rustdoc: it resolves as an
/// intra-doc link (and warns when that fails) a destination without `/` made
/// only of characters of Rust paths.
pub(super) fn safe_destination(dest: &str) -> bool {
    if dest.is_empty() {
        // `[text]()` or `[text](<>)`: nothing to link to.
        return false;
    }
    if dest.contains('/') {
        return true;
    }
    let path = dest.split('#').next().unwrap_or("");
    if path.is_empty() {
        // `#anchor` on the same page.
        return true;
    }
    path.chars()
        .any(|c| !(c.is_alphanumeric() || ":_<>, !*&;@()".contains(c)))
}

/// Finds `[text]` pairs and decides: link (kept) or text (escaped).
pub(super) fn brackets(s: &[char], labels: &HashSet<String>, breaks: &[bool], m: &mut Marks) {
    let n = s.len();
    let mut open: Vec<usize> = Vec::new();
    // Where a link destination starting at each character ends, worked out
    // once, on the first `](` (links marked later only cover text already passed).
    let mut stops: Option<Vec<u32>> = None;
    let mut i = 0;
    while i < n {
        if m.verbatim[i] {
            i += 1;
            continue;
        }
        match s[i] {
            '\n' if breaks[i + 1] => {
                // Links do not cross paragraphs.
                for o in open.drain(..) {
                    m.escape[o] = true;
                }
            }
            '[' => open.push(i),
            ']' => {
                let Some(o) = open.pop() else {
                    i += 1;
                    continue;
                };
                let link_end =
                    inline_link(s, i, m, &mut stops).or_else(|| reference_link(s, o, i, labels, m));
                // Shortcut reference link `[label]` (not before `[`: rustdoc
                // takes `[label][undefined]` for a link to `undefined`).
                let shortcut = || !(i + 1 < n && s[i + 1] == '[') && is_label(labels, &s[o + 1..i]);
                if link_end.is_some() || shortcut() {
                    m.link_text[o..=i].iter_mut().for_each(|v| *v = true);
                    // Links do not nest: earlier openers are plain text.
                    for earlier in open.drain(..) {
                        m.escape[earlier] = true;
                    }
                } else {
                    m.escape[o] = true;
                    m.escape[i] = true;
                }
                if let Some(end) = link_end {
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    for o in open {
        m.escape[o] = true;
    }
}

/// Inline link `[text](dest "title")` whose text closes at `i`, with a
/// destination rustdoc will not resolve as a Rust path: the destination is
/// marked verbatim and the index of its `)` returned.
fn inline_link(s: &[char], i: usize, m: &mut Marks, stops: &mut Option<Vec<u32>>) -> Option<usize> {
    if !(i + 1 < s.len() && s[i + 1] == '(' && !m.verbatim[i + 1]) {
        return None;
    }
    let stops = stops.get_or_insert_with(|| destination_stops(s, &m.verbatim));
    let (end, dest) = link_destination(s, i + 1, &m.verbatim, stops)?;
    if !safe_destination(&dest) {
        return None;
    }
    m.verbatim[i + 1..=end].iter_mut().for_each(|v| *v = true);
    // A `<` there (`(<dest>)`) belongs to the link.
    m.escape[i + 1..=end].iter_mut().for_each(|v| *v = false);
    Some(end)
}

/// Full or collapsed reference link `[text][label]`, `[text][]` whose text
/// (from `o`) closes at `i`, with `label` defined: the label is marked
/// verbatim and the index of its `]` returned.
fn reference_link(
    s: &[char],
    o: usize,
    i: usize,
    labels: &HashSet<String>,
    m: &mut Marks,
) -> Option<usize> {
    if !(i + 1 < s.len() && s[i + 1] == '[' && !m.verbatim[i + 1]) {
        return None;
    }
    let close = s[i + 2..]
        .iter()
        .position(|&c| c == ']' || c == '[')
        .map(|p| i + 2 + p)?;
    if s[close] != ']' || m.verbatim[i + 2..=close].iter().any(|&v| v) {
        return None;
    }
    let label = if close == i + 2 {
        &s[o + 1..i]
    } else {
        &s[i + 2..close]
    };
    if !is_label(labels, label) {
        return None;
    }
    m.verbatim[i + 1..=close].iter_mut().for_each(|v| *v = true);
    Some(close)
}

/// Whether `text` names a defined reference (labels are at most 999
/// characters long, which also bounds the work here).
fn is_label(labels: &HashSet<String>, text: &[char]) -> bool {
    !labels.is_empty() && text.len() <= 999 && labels.contains(&normalize_label(text))
}

/// No destination stops here: its parentheses do not balance.
const UNBALANCED: u32 = u32::MAX;

/// The longest link title looked for, in characters. Finding the end of a
/// title means looking ahead for its closing character; bounding the look
/// keeps text made of unclosed titles (`[a](x (` repeated) linear.
const MAX_TITLE: usize = 1024;

/// For each character, where a destination written without `<>` that starts
/// there ends: at the first `)` that would close more than it opened, or at
/// the end of its run of characters that are not whitespace, control or
/// verbatim (`UNBALANCED` when parentheses are left open there). One pass
/// over each run forward (the depth before each character, backslash escapes
/// skipped) and one backward (the nearest `)` at each depth), so text made of
/// unclosed links (`[a](` repeated) takes linear time, not a scan per link.
fn destination_stops(s: &[char], verbatim: &[bool]) -> Vec<u32> {
    let n = s.len();
    let in_run = |j: usize| !verbatim[j] && !s[j].is_whitespace() && !s[j].is_control();
    let mut stops: Vec<u32> = (0..n as u32).collect();
    let mut depth: Vec<i64> = Vec::new();
    let mut closes: Vec<bool> = Vec::new();
    let mut nearest: HashMap<i64, u32> = HashMap::new();
    let mut a = 0;
    while a < n {
        if !in_run(a) {
            a += 1;
            continue;
        }
        let mut b = a;
        while b < n && in_run(b) {
            b += 1;
        }
        depth.clear();
        closes.clear();
        let mut d = 0i64;
        let mut j = a;
        while j < b {
            if s[j] == '\\' && j + 1 < b && s[j + 1].is_ascii_punctuation() {
                depth.extend([d, d]);
                closes.extend([false, false]);
                j += 2;
                continue;
            }
            depth.push(d);
            closes.push(s[j] == ')');
            match s[j] {
                '(' => d += 1,
                ')' => d -= 1,
                _ => {}
            }
            j += 1;
        }
        nearest.clear();
        for j in (a..b).rev() {
            let here = depth[j - a];
            if closes[j - a] {
                nearest.insert(here, j as u32);
            }
            stops[j] = match nearest.get(&here) {
                Some(&close) => close,
                None if here == d => b as u32,
                None => UNBALANCED,
            };
        }
        a = b;
    }
    stops
}

/// `(dest "title")` starting at `p` (the `(`): the index of the `)` and the
/// destination. `stops` is `destination_stops` of the text.
fn link_destination(
    s: &[char],
    p: usize,
    verbatim: &[bool],
    stops: &[u32],
) -> Option<(usize, String)> {
    let n = s.len();
    let ok = |j: usize| j < n && !verbatim[j];
    let skip_ws = |mut j: usize| {
        let mut newlines = 0;
        while ok(j) && s[j].is_whitespace() {
            if s[j] == '\n' {
                newlines += 1;
            }
            j += 1;
        }
        (j, newlines)
    };
    let (mut j, nl) = skip_ws(p + 1);
    if nl > 1 || !ok(j) {
        return None;
    }
    let dest: String;
    if s[j] == '<' {
        let start = j + 1;
        j = start;
        while ok(j) && !matches!(s[j], '>' | '<' | '\n') {
            j += 1;
        }
        if !ok(j) || s[j] != '>' {
            return None;
        }
        dest = s[start..j].iter().collect();
        j += 1;
    } else {
        let start = j;
        match stops[start] {
            UNBALANCED => return None,
            stop => j = stop as usize,
        }
        dest = s[start..j].iter().collect();
    }
    let dest_end = j;
    let (after_dest, nl) = skip_ws(j);
    if nl > 1 {
        return None;
    }
    j = after_dest;
    // Optional title, separated from the destination by whitespace.
    if ok(j) && matches!(s[j], '"' | '\'' | '(') && j > dest_end {
        let close = if s[j] == '(' { ')' } else { s[j] };
        j += 1;
        let title_start = j;
        while ok(j) && s[j] != close && j - title_start < MAX_TITLE {
            if s[j] == '\\' {
                j += 1;
            }
            j += 1;
        }
        if !ok(j) || s[j] != close {
            return None;
        }
        let (after_title, nl) = skip_ws(j + 1);
        if nl > 1 {
            return None;
        }
        j = after_title;
    }
    (ok(j) && s[j] == ')').then_some((j, dest))
}

/// Wraps `http://` and `https://` URLs that are not in a link, code span or
/// HTML tag as `<url>`.
pub(super) fn bare_urls(s: &[char], m: &mut Marks) {
    let n = s.len();
    let mut i = 0;
    while i < n {
        if m.verbatim[i] || m.link_text[i] || (i > 0 && s[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let scheme_len = if starts_with_ignore_case(&s[i..], "https://") {
            8
        } else if starts_with_ignore_case(&s[i..], "http://") {
            7
        } else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < n
            && !m.verbatim[j]
            && !m.link_text[j]
            && !s[j].is_whitespace()
            && !matches!(s[j], '<' | '>' | '"' | '`' | '[' | ']')
        {
            j += 1;
        }
        // Trailing punctuation belongs to the sentence; a `)` too when unbalanced.
        let mut opens = s[i..j].iter().filter(|&&c| c == '(').count();
        let mut closes = s[i..j].iter().filter(|&&c| c == ')').count();
        while j > i + scheme_len {
            let last = s[j - 1];
            if ".,;:!?'*_~".contains(last) || (last == ')' && closes > opens) {
                match last {
                    ')' => closes -= 1,
                    '(' => opens -= 1,
                    _ => {}
                }
                j -= 1;
            } else {
                break;
            }
        }
        if j > i + scheme_len {
            m.url_open[i] = true;
            m.url_close[j] = true;
        }
        i = j.max(i + 1);
    }
}

fn starts_with_ignore_case(s: &[char], prefix: &str) -> bool {
    let mut chars = s.iter();
    prefix
        .chars()
        .all(|p| chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

#[cfg(test)]
mod tests {
    /// The destination scan as written directly: from `start`, count
    /// parentheses until whitespace or an unmatched `)`.
    fn scan_from(s: &[char], start: usize) -> u32 {
        let n = s.len();
        let mut j = start;
        let mut depth = 0usize;
        while j < n && !s[j].is_whitespace() && !s[j].is_control() {
            match s[j] {
                '\\' if j + 1 < n && s[j + 1].is_ascii_punctuation() => j += 1,
                '(' => depth += 1,
                ')' if depth == 0 => break,
                ')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth == 0 {
            j as u32
        } else {
            super::UNBALANCED
        }
    }

    #[test]
    fn destination_stops_agree_with_a_direct_scan() {
        // Every string of up to 7 characters over an alphabet of the
        // characters that matter, from every start a link can have (after
        // `(` or whitespace, or at the beginning).
        let alphabet = ['(', ')', '\\', 'a', ' ', '\n'];
        for len in 0..=7u32 {
            for code in 0..alphabet.len().pow(len) {
                let mut k = code;
                let s: Vec<char> = (0..len)
                    .map(|_| {
                        let c = alphabet[k % alphabet.len()];
                        k /= alphabet.len();
                        c
                    })
                    .collect();
                let stops = super::destination_stops(&s, &vec![false; s.len()]);
                for start in 0..s.len() {
                    if start > 0 && !matches!(s[start - 1], '(' | ' ' | '\n') {
                        continue;
                    }
                    if start > 1 && s[start - 1] == '(' && s[start - 2] == '\\' {
                        continue;
                    }
                    assert_eq!(stops[start], scan_from(&s, start), "{s:?} from {start}");
                }
            }
        }
    }

    #[test]
    fn unclosed_links_and_titles_take_linear_time() {
        // 200,000 characters each; a scan per link would be 10^10 steps.
        for unit in ["[a](", "[a](x (", "[a](x \"", "[a](((", "[a](x)) "] {
            let text = unit.repeat(200_000 / unit.len());
            let out = crate::docs::rustdoc(&text).expect("text");
            assert!(out.len() >= text.len(), "{unit}");
        }
        // A title longer than `MAX_TITLE` is not one: the link is text.
        let long = format!("[a](/b \"{}\")", "t".repeat(super::MAX_TITLE + 1));
        assert!(crate::docs::rustdoc(&long).unwrap().starts_with("\\[a\\]"));
        let short = "[a](/b \"title\")";
        assert_eq!(crate::docs::rustdoc(short).as_deref(), Some(short));
    }
}
