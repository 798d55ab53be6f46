//! Inline rewriting (a stage of [`super::rustdoc`]): the text of a run of
//! lines in, the same text out with what rustdoc would warn about escaped
//! (stray backticks, `<`, brackets) and bare URLs wrapped as autolinks.

mod html;
mod links;

use html::html_and_autolinks;
use links::{bare_urls, brackets, safe_destination};
use std::collections::{HashMap, HashSet};

/// Per-character decisions of the inline pass.
struct Marks {
    /// Copied as it is and not looked at by later steps.
    verbatim: Vec<bool>,
    /// `<` → `&lt;`, `[` → `\[`, `]` → `\]`, `` ` `` → `` \` ``.
    escape: Vec<bool>,
    /// Inside the text of a link that is kept (no URL wrapping there).
    link_text: Vec<bool>,
    /// `<` before this character.
    url_open: Vec<bool>,
    /// `>` before this character (one more entry than characters).
    url_close: Vec<bool>,
}

pub(super) fn inline(text: &str) -> String {
    let s: Vec<char> = text.chars().collect();
    let n = s.len();
    let mut m = Marks {
        verbatim: vec![false; n],
        escape: vec![false; n],
        link_text: vec![false; n],
        url_open: vec![false; n],
        url_close: vec![false; n + 1],
    };
    let breaks = paragraph_breaks(&s);
    let labels = reference_definitions(&s, &mut m);
    code_spans_and_escapes(&s, &breaks, &mut m);
    html_and_autolinks(&s, &mut m);
    brackets(&s, &labels, &breaks, &mut m);
    bare_urls(&s, &mut m);

    let mut out = String::with_capacity(n + n / 8);
    for (i, &c) in s.iter().enumerate() {
        if m.url_close[i] {
            out.push('>');
        }
        if m.url_open[i] {
            out.push('<');
        }
        if m.escape[i] {
            match c {
                '<' => out.push_str("&lt;"),
                '[' => out.push_str("\\["),
                '`' => out.push_str("\\`"),
                ']' => out.push_str("\\]"),
                other => out.push(other),
            }
        } else {
            out.push(c);
        }
    }
    if m.url_close[n] {
        out.push('>');
    }
    out
}

/// Start of each line.
fn line_starts(s: &[char]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        s.iter()
            .enumerate()
            .filter(|(_, &c)| c == '\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

fn normalize_label(label: &[char]) -> String {
    let text: String = label.iter().collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `[label]: destination` lines: collected and left alone, when the
/// destination is one rustdoc will not try to resolve as a Rust path.
fn reference_definitions(s: &[char], m: &mut Marks) -> HashSet<String> {
    let mut labels = HashSet::new();
    // A definition cannot interrupt a paragraph: it follows a blank line, the
    // start, or another definition.
    let mut may_define = true;
    for start in line_starts(s) {
        let end = s[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(s.len(), |p| start + p);
        let line = &s[start..end];
        let blank = line.iter().all(|c| c.is_whitespace());
        let allowed = std::mem::replace(&mut may_define, blank);
        if !allowed {
            continue;
        }
        let indent = line.iter().take_while(|&&c| c == ' ').count();
        if indent > 3 || line.get(indent) != Some(&'[') {
            continue;
        }
        let Some(close) = line[indent + 1..]
            .iter()
            .position(|&c| c == ']' || c == '[')
            .map(|p| indent + 1 + p)
        else {
            continue;
        };
        if line[close] != ']' || line.get(close + 1) != Some(&':') || close == indent + 1 {
            continue;
        }
        let Some(dest) = definition_destination(&line[close + 2..]) else {
            continue;
        };
        if !safe_destination(&dest) {
            continue;
        }
        labels.insert(normalize_label(&line[indent + 1..close]));
        m.verbatim[start..end].iter_mut().for_each(|v| *v = true);
        may_define = true;
    }
    labels
}

/// The destination of a reference definition, given what follows `[label]:`
/// on its line: a destination, then optionally a title, then nothing. (A
/// definition spread over several lines is not recognised: its brackets get
/// escaped, which is safe.)
fn definition_destination(rest: &[char]) -> Option<String> {
    let n = rest.len();
    let mut j = rest
        .iter()
        .take_while(|c| **c == ' ' || **c == '\t')
        .count();
    let dest: String;
    if rest.get(j) == Some(&'<') {
        let start = j + 1;
        let len = rest[start..].iter().position(|&c| c == '>' || c == '<')?;
        if rest[start + len] != '>' {
            return None;
        }
        dest = rest[start..start + len].iter().collect();
        j = start + len + 1;
    } else {
        let start = j;
        let mut depth = 0usize;
        while j < n && !rest[j].is_whitespace() && !rest[j].is_control() {
            match rest[j] {
                '\\' => j += 1,
                '(' => depth += 1,
                ')' if depth == 0 => return None,
                ')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        let j_end = j.min(n);
        if j_end == start || depth != 0 {
            return None;
        }
        dest = rest[start..j_end].iter().collect();
        j = j_end;
    }
    let gap = rest[j..]
        .iter()
        .take_while(|c| **c == ' ' || **c == '\t')
        .count();
    let title = j + gap;
    if title == n {
        return Some(dest);
    }
    let close = match rest[title] {
        '"' => '"',
        '\'' => '\'',
        '(' => ')',
        _ => return None,
    };
    if gap == 0 {
        return None;
    }
    let mut k = title + 1;
    while k < n && rest[k] != close {
        if rest[k] == '\\' {
            k += 1;
        }
        k += 1;
    }
    (k < n && rest[k + 1..].iter().all(|c| c.is_whitespace())).then_some(dest)
}

/// Backslash escapes and code spans are copied as they are.
fn code_spans_and_escapes(s: &[char], breaks: &[bool], m: &mut Marks) {
    let n = s.len();
    let para_end = paragraph_ends(s, breaks);
    // Backtick run length → position up to which no closing run exists.
    let mut no_close_before: HashMap<usize, usize> = HashMap::new();
    let mut i = 0;
    while i < n {
        if m.verbatim[i] {
            i += 1;
            continue;
        }
        match s[i] {
            '\\' if i + 1 < n && s[i + 1].is_ascii_punctuation() => {
                m.verbatim[i] = true;
                m.verbatim[i + 1] = true;
                i += 2;
            }
            '`' => {
                let run = s[i..].iter().take_while(|&&c| c == '`').count();
                let known_open = no_close_before.get(&run).is_some_and(|&limit| i < limit);
                let close = if known_open {
                    None
                } else {
                    find_closing_run(s, i + run, run, para_end[i])
                };
                match close {
                    Some(close) => {
                        m.verbatim[i..close + run]
                            .iter_mut()
                            .for_each(|v| *v = true);
                        i = close + run;
                    }
                    None => {
                        if !known_open {
                            no_close_before.insert(run, para_end[i]);
                        }
                        // Literal backticks: escaped, so that rustdoc does not
                        // wonder whether a code span was meant.
                        m.verbatim[i..i + run].iter_mut().for_each(|v| *v = true);
                        m.escape[i..i + run].iter_mut().for_each(|v| *v = true);
                        i += run;
                    }
                }
            }
            _ => i += 1,
        }
    }
}

/// How a line relates to paragraphs: whether it starts a new block (ending
/// the paragraph before it), and whether it is a one-line block (so the next
/// line starts a new one too). Errs towards "new block": taking a code span
/// or link for broken when rustdoc sees it whole only costs an escape that
/// shows, while the reverse leaves text unescaped.
fn line_kind(line: &[char]) -> (bool, bool) {
    let t: Vec<char> = line
        .iter()
        .copied()
        .skip_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let Some(&first) = t.first() else {
        return (true, true);
    };
    let marker_then_space = |len: usize| !matches!(t.get(len), Some(c) if *c != ' ' && *c != '\t');
    match first {
        '>' => (true, false),
        '#' => (true, true),
        '-' | '*' | '+' | '_' | '=' if t.iter().all(|&c| c == first || c == ' ' || c == '\t') => {
            (true, true)
        }
        '-' | '*' | '+' if marker_then_space(1) => (true, false),
        '0'..='9' => {
            let digits = t.iter().take_while(|c| c.is_ascii_digit()).count();
            let ordered = digits <= 9
                && matches!(t.get(digits), Some('.' | ')'))
                && marker_then_space(digits + 1);
            (ordered, false)
        }
        _ => (false, false),
    }
}

/// `breaks[i]`: position `i` starts a line that does not continue the
/// paragraph of the line before.
fn paragraph_breaks(s: &[char]) -> Vec<bool> {
    let n = s.len();
    let mut breaks = vec![false; n + 1];
    let mut previous_one_line = false;
    let mut start = 0;
    while start <= n {
        let end = s[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(n, |p| start + p);
        let (new_block, one_line) = line_kind(&s[start..end]);
        breaks[start] = start > 0 && (new_block || previous_one_line);
        previous_one_line = one_line;
        start = end + 1;
    }
    breaks
}

/// For each position, the end of its paragraph: the `\n` before the next
/// paragraph break, or the end of the text.
fn paragraph_ends(s: &[char], breaks: &[bool]) -> Vec<usize> {
    let n = s.len();
    let mut ends = vec![n; n + 1];
    let mut end = n;
    for j in (0..n).rev() {
        if s[j] == '\n' && breaks[j + 1] {
            end = j;
        }
        ends[j] = end;
    }
    ends
}

/// A run of exactly `run` backticks from `from` up to `end`.
fn find_closing_run(s: &[char], from: usize, run: usize, end: usize) -> Option<usize> {
    let mut j = from;
    while j < end {
        if s[j] == '`' {
            let len = s[j..end].iter().take_while(|&&c| c == '`').count();
            if len == run {
                return Some(j);
            }
            j += len;
        } else {
            j += 1;
        }
    }
    None
}
