//! Text as Markdown that rustdoc reads without warning (a step of
//! [`super::render`]): the text of an event in, escaped text out: brackets
//! (which rustdoc would take for intra-doc links), `<` (HTML), stray
//! backticks, emphasis characters; bare `http(s)://` URLs wrapped as `<url>`.
//! Also link destinations and code spans written back.

/// Where a text is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Text {
    Plain,
    /// In a link's text or an `<a>` element: no URL is wrapped.
    InLink,
}

/// Appends `t` escaped to `out`.
pub(super) fn text(t: &str, kind: Text, out: &mut String) {
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if kind == Text::Plain {
            if let Some(end) = bare_url(&chars, i) {
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
        }
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '\\' if next.map_or(true, |n| n.is_ascii_punctuation()) => out.push_str("\\\\"),
            '`' | '[' | ']' | '*' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(i > 0 && word(Some(chars[i - 1])) && word(next)) => out.push_str("\\_"),
            '<' => out.push_str("&lt;"),
            '&' if entity_at(&chars[i + 1..]) => out.push_str("&amp;"),
            // The mark that keeps a line of an HTML block a paragraph
            // (put back where needed when the line is written).
            '\u{200B}' => {}
            _ => out.push(c),
        }
        i += 1;
    }
}

/// Whether `&` before `rest` would start an entity (`&name;`, `&#123;`):
/// it is then escaped, so that the text shows as it is.
fn entity_at(rest: &[char]) -> bool {
    let name = rest.strip_prefix(&['#']).unwrap_or(rest);
    let len = name
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    len > 0 && name.get(len) == Some(&';')
}

/// An `http://` or `https://` URL starting at `i` (not inside a word): its end.
fn bare_url(s: &[char], i: usize) -> Option<usize> {
    if i > 0 && s[i - 1].is_alphanumeric() {
        return None;
    }
    let scheme_len = if starts_with_ignore_case(&s[i..], "https://") {
        8
    } else if starts_with_ignore_case(&s[i..], "http://") {
        7
    } else {
        return None;
    };
    let mut j = i;
    while j < s.len() && !s[j].is_whitespace() && !matches!(s[j], '<' | '>' | '"' | '`' | '[' | ']')
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
    (j > i + scheme_len).then_some(j)
}

fn starts_with_ignore_case(s: &[char], prefix: &str) -> bool {
    let mut chars = s.iter();
    prefix
        .chars()
        .all(|p| chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

/// Whether rustdoc takes a link's destination for a URL rather than
/// resolving it as an intra-doc link (and warning when that fails): it
/// resolves a destination without `/` made only of characters of Rust paths.
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

/// `dest "title"` as written between a link's parentheses.
pub(super) fn link_destination(dest: &str, title: &str) -> String {
    let mut depth = 0i64;
    let balanced = dest.chars().all(|c| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        depth >= 0
    }) && depth == 0;
    let plain = balanced
        && !dest.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    let mut out = String::with_capacity(dest.len() + title.len() + 4);
    if !plain {
        out.push('<');
    }
    for c in dest.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if !plain {
        out.push('>');
    }
    if !title.is_empty() {
        out.push_str(" \"");
        for c in title.chars() {
            match c {
                '\\' | '"' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out
}

/// A code span holding `code`: fenced with one backtick more than the
/// longest run inside, padded when it starts or ends with a backtick.
pub(super) fn code_span(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty())
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}
