//! Descriptions → rustdoc text. An OpenAPI `description` is CommonMark with
//! some HTML, written by anybody; put as it is into `///` comments it makes
//! `cargo doc` warn (bare URLs, unknown or unclosed HTML tags, `[text]` taken
//! for broken intra-doc links) and `cargo test` compile code samples as
//! doctests. [`rustdoc`] rewrites just enough to avoid both:
//!
//! - `\r\n` and lone `\r` become `\n`; control characters, bidirectional
//!   override characters (which rustc rejects in comments) and BOMs are
//!   removed; trailing whitespace and repeated blank lines go.
//! - Fenced code blocks (```` ```lang ```` or `~~~`) become top-level
//!   ```` ```text ```` blocks (closed if the description forgot to, fenced
//!   longer than anything inside), so they are not compiled.
//! - Indentation that would make an indented code block (four or more columns
//!   at the start of a line, or after a list or block quote marker) is
//!   removed.
//! - Bare `http://`/`https://` URLs are wrapped as `<url>` autolinks.
//! - `<` that does not start an autolink or a known HTML tag (`a`, `b`, `br`,
//!   `code`, `em`, `i`, `li`, `ol`, `p`, `pre`, `strong`, `ul`, `sup`, `sub`,
//!   `table`, `thead`, `tbody`, `tr`, `td`, `th` and their closing forms, when
//!   balanced) becomes `&lt;`. A line that would start an HTML block (where
//!   rustdoc reads no Markdown) gets a leading `&#8203;` so it stays a paragraph.
//! - `[text]` that is not a link (`[text](url)`, or `[text][ref]`/`[ref]` with
//!   `ref` defined in the text) becomes `\[text\]`; so does a `[text](dest)`
//!   whose `dest` rustdoc would try to resolve as a Rust path.
//! - Backticks that open no code span are escaped.
//!
//! Code spans, backslash escapes, autolinks, link destinations and reference
//! definitions are left untouched. Where the Markdown is ambiguous the choice
//! is the one that cannot produce a warning, at worst a visible escape.

use std::collections::{HashMap, HashSet};

/// HTML tags passed through (when balanced); everything else is escaped.
const KNOWN_TAGS: &[&str] = &[
    "a", "b", "br", "code", "em", "i", "li", "ol", "p", "pre", "strong", "ul", "sup", "sub",
    "table", "thead", "tbody", "tr", "td", "th",
];

/// Tags that have no closing form.
const VOID_TAGS: &[&str] = &["br"];

/// Cleans a description for use as rustdoc text. Returns None when nothing is left.
pub fn rustdoc(text: &str) -> Option<String> {
    let cleaned = clean_chars(text);
    let mut out: Vec<String> = Vec::new();
    for block in blocks(&cleaned) {
        match block {
            Block::Text(lines) => {
                let joined = lines.join("\n");
                // The container of the paragraph going on: a line of it
                // without markers is indented (or quoted) as its container's
                // content, rather than left as a lazy continuation (which
                // clippy's `doc_lazy_continuation` rejects; it renders the same).
                let mut container: Option<String> = None;
                for line in inline(&joined).split('\n') {
                    let line = line.trim_end();
                    if line.is_empty() {
                        container = None;
                        // At most one blank line in a row, none at the start.
                        if matches!(out.last(), Some(l) if !l.is_empty()) {
                            out.push(String::new());
                        }
                        continue;
                    }
                    let (prefix, rest) = split_container(line);
                    let rest = if starts_html_block(rest) {
                        format!("{ZERO_WIDTH_SPACE}{rest}")
                    } else {
                        rest.to_string()
                    };
                    if prefix.contains(|c: char| !c.is_whitespace()) {
                        // List markers become spaces, block quote markers stay.
                        container = Some(
                            prefix
                                .chars()
                                .map(|c| {
                                    if c == '>' || c.is_whitespace() {
                                        c
                                    } else {
                                        ' '
                                    }
                                })
                                .collect(),
                        );
                        out.push(format!("{prefix}{rest}"));
                    } else {
                        match &container {
                            Some(inner)
                                if inner.contains('>')
                                    || indent_width(&prefix) < indent_width(inner) =>
                            {
                                out.push(format!("{inner}{rest}"));
                            }
                            _ => out.push(format!("{prefix}{rest}")),
                        }
                    }
                }
            }
            Block::Code { open, lines, close } => {
                out.push(open);
                out.extend(lines.into_iter().map(|l| l.trim_end().to_string()));
                out.push(close);
            }
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if out.is_empty() {
        None
    } else {
        // Tabs left inside lines (indentation is gone by now) would trip
        // clippy's `tabs_in_doc_comments` in the generated code.
        Some(
            indent_lazy_continuations(&out)
                .join("\n")
                .replace('\t', "    "),
        )
    }
}

/// The width of a list item's marker (`- `, `* `, `+ `, `1. `, `1) `), if
/// the line starts one.
fn list_marker_width(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    match bytes.first()? {
        b'-' | b'*' | b'+' if bytes.get(1) == Some(&b' ') => Some(2),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            match (bytes.get(digits), bytes.get(digits + 1)) {
                (Some(b'.' | b')'), Some(b' ')) if digits <= 9 => Some(digits + 2),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Indents the lines that continue a list item without indentation (a "lazy
/// continuation", which clippy's `doc_lazy_continuation` rejects), so they
/// read as part of the item. Fenced code is left alone.
fn indent_lazy_continuations(lines: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut item_width: Option<usize> = None;
    let mut in_fence = false;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            item_width = None;
            out.push(line.clone());
            continue;
        }
        if in_fence || trimmed.is_empty() {
            if trimmed.is_empty() {
                item_width = None;
            }
            out.push(line.clone());
            continue;
        }
        if let Some(width) = list_marker_width(line) {
            item_width = Some(width);
            out.push(line.clone());
        } else if trimmed.starts_with(['>', '#']) {
            // A block quote or heading interrupts the item: no continuation.
            item_width = None;
            out.push(line.clone());
        } else if let (Some(width), false) = (item_width, line.starts_with(' ')) {
            out.push(format!("{}{line}", " ".repeat(width)));
        } else {
            out.push(line.clone());
        }
    }
    out
}

/// Normalises line ends and removes characters that have no place in a
/// comment.
fn clean_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            // Line and paragraph separators: real line ends.
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            // Controls (C0, DEL, C1), bidirectional overrides and isolates
            // (rustc's `text_direction_codepoint_in_comment` is deny-by-default),
            // byte order marks.
            c if c.is_control() => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// A run of text lines or a fenced code block, ready to print.
enum Block {
    Text(Vec<String>),
    Code {
        open: String,
        lines: Vec<String>,
        close: String,
    },
}

/// An open fence: its character and length, the container markers before it
/// (normalised), what to strip from its content lines (block quote markers,
/// indentation of a list item), its lines.
struct Fence {
    ch: char,
    len: usize,
    prefix: String,
    quotes: usize,
    indent: usize,
    lines: Vec<String>,
    /// Every content line is indented at least `indent` columns (blank lines
    /// aside), so the block can stay inside its list item.
    stays_nested: bool,
}

/// Splits into text and fenced code. Text lines get their container markers
/// and indentation normalised ([`split_container`]).
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text_lines: Vec<String> = Vec::new();
    let mut fence: Option<Fence> = None;
    for raw in text.split('\n') {
        if let Some(open) = fence.as_mut() {
            if closing_fence(raw, open.ch, open.len) {
                if let Some(done) = fence.take() {
                    blocks.push(code_block(done));
                }
            } else {
                if !raw.trim().is_empty() && indent_width(raw) < open.indent {
                    open.stays_nested = false;
                }
                let line = strip_fence_container(raw, open.quotes, open.indent);
                open.lines.push(line.to_string());
            }
            continue;
        }
        let (prefix, rest) = split_container(raw);
        if let Some((ch, len)) = opening_fence(rest) {
            if !text_lines.is_empty() {
                blocks.push(Block::Text(std::mem::take(&mut text_lines)));
            }
            let quotes = prefix.matches('>').count();
            // Columns up to the fence (`1. ` of `1. ```js`): the indentation
            // of its content lines.
            let indent = if quotes == 0 {
                raw[..raw.len() - rest.len()].chars().fold(0, |w, c| {
                    if c == '\t' {
                        w + 4 - w % 4
                    } else {
                        w + 1
                    }
                })
            } else {
                0
            };
            // With a list marker before it, whether the line is a list item at
            // all depends on what precedes (`2)` cannot interrupt a
            // paragraph): only an indented fence is surely a fence.
            let stays_nested = prefix.trim().is_empty();
            fence = Some(Fence {
                ch,
                len,
                prefix,
                quotes,
                indent,
                lines: Vec::new(),
                stays_nested,
            });
            continue;
        }
        text_lines.push(format!("{prefix}{rest}"));
    }
    if !text_lines.is_empty() {
        blocks.push(Block::Text(text_lines));
    }
    if let Some(open) = fence {
        // Never closed: close it.
        blocks.push(code_block(open));
    }
    blocks
}

/// Put before a line that would start an HTML block: the line stays a
/// paragraph, whose Markdown (code spans, escapes, autolinks) rustdoc still
/// reads, as the rest of this module assumes.
const ZERO_WIDTH_SPACE: &str = "&#8203;";

/// Tags of [`KNOWN_TAGS`] that start an HTML block (CommonMark types 1 and 6)
/// when they open a line.
const BLOCK_TAGS: &[&str] = &[
    "li", "ol", "p", "pre", "table", "thead", "tbody", "tr", "td", "th", "ul",
];

/// Whether a line (without container markers) would start an HTML block with
/// one of [`KNOWN_TAGS`]: a block-level tag at its start, or any known tag
/// alone on it (CommonMark type 7).
fn starts_html_block(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('<') else {
        return false;
    };
    let after = after.strip_prefix('/').unwrap_or(after);
    let name_len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = after[..name_len].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return false;
    }
    let next = after[name_len..].chars().next();
    if !matches!(next, None | Some(' ' | '\t' | '>' | '/')) {
        return false;
    }
    BLOCK_TAGS.contains(&name.as_str())
        || rest.trim_end().find('>') == Some(rest.trim_end().len() - 1)
}

/// The block to print, fenced with backticks, longer than any backtick run
/// that starts a line inside so that nothing inside closes it. An indented
/// fence (as in a list item) whose content lines are all indented as much
/// stays where it is; otherwise (after a list marker, in block quotes, or
/// with content less indented) the container markers get a line of their
/// own and the block goes to the top level, where neither its content nor
/// its closing fence can escape it.
fn code_block(fence: Fence) -> Block {
    let longest_inside = fence
        .lines
        .iter()
        .map(|l| leading_run(l.trim_start_matches([' ', '\t', '>']), '`'))
        .max()
        .unwrap_or(0);
    let opening = if fence.ch == '`' { fence.len } else { 0 };
    let marker = "`".repeat(opening.max(longest_inside + 1).max(3));
    if fence.stays_nested {
        // The normalised prefix is ASCII: its length is its width.
        let pad = " ".repeat(fence.prefix.len());
        let lines = fence
            .lines
            .into_iter()
            .map(|l| {
                if l.trim().is_empty() {
                    String::new()
                } else {
                    format!("{pad}{l}")
                }
            })
            .collect();
        return Block::Code {
            open: format!("{}{marker}text", fence.prefix),
            lines,
            close: format!("{pad}{marker}"),
        };
    }
    let lead = fence.prefix.trim_end();
    let open = if lead.trim().is_empty() {
        format!("{marker}text")
    } else {
        format!("{lead}\n{marker}text")
    };
    Block::Code {
        open,
        lines: fence.lines,
        close: marker,
    }
}

/// Leading columns of whitespace (a tab advances to the next multiple of 4).
fn indent_width(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// Length of a list marker (`-`, `*`, `+`, or 1–9 digits and `.`/`)`) that
/// starts `s` and is followed by whitespace or the end of the line.
fn list_marker(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let len = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    match bytes.get(len) {
        None | Some(b' ' | b'\t') => Some(len),
        _ => None,
    }
}

/// Splits a text line into its container markers (block quote `>`, list
/// markers) and its content, normalised so that no indented code block can
/// start, which rustdoc would compile as a doctest: indentation of four or
/// more columns is removed, and so is the whitespace after each marker
/// (`-     x` is an item holding indented code).
fn split_container(line: &str) -> (String, &str) {
    let mut rest = line.trim_start_matches([' ', '\t']);
    let indentation = &line[..line.len() - rest.len()];
    let mut prefix = if indent_width(indentation) < 4 {
        indentation.to_string()
    } else {
        String::new()
    };
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            prefix.push_str("> ");
            rest = after.trim_start_matches([' ', '\t']);
        } else if let Some(len) = list_marker(rest) {
            prefix.push_str(&rest[..len]);
            prefix.push(' ');
            rest = rest[len..].trim_start_matches([' ', '\t']);
        } else {
            return (prefix, rest);
        }
    }
}

/// Removes from a fenced code line the block quote markers and list
/// indentation its fence was opened in.
fn strip_fence_container(line: &str, quotes: usize, indent: usize) -> &str {
    let mut rest = line;
    for _ in 0..quotes {
        let trimmed = rest.trim_start_matches(' ');
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after.strip_prefix(' ').unwrap_or(after),
            None => break,
        }
    }
    let spaces = rest.bytes().take(indent).take_while(|&b| b == b' ').count();
    &rest[spaces..]
}

fn leading_run(s: &str, ch: char) -> usize {
    s.chars().take_while(|&c| c == ch).count()
}

/// `Some((fence char, fence length))` when `rest` (a line without its
/// container markers) opens a fence.
fn opening_fence(rest: &str) -> Option<(char, usize)> {
    let ch = rest.chars().next()?;
    if ch != '`' && ch != '~' {
        return None;
    }
    let len = leading_run(rest, ch);
    if len < 3 {
        return None;
    }
    // A backtick fence's info string has no backtick (else it is inline code).
    if ch == '`' && rest[len..].contains('`') {
        return None;
    }
    Some((ch, len))
}

/// Whether the line closes a fence opened with `len` × `ch`.
fn closing_fence(line: &str, ch: char, len: usize) -> bool {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let run = leading_run(rest, ch);
    run >= len && rest[run..].trim().is_empty()
}

// ---------------------------------------------------------------------------
// Inline rewriting

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

fn inline(text: &str) -> String {
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

struct Tag {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
}

/// Autolinks are kept; known HTML tags are kept when balanced; every other
/// `<` is escaped.
fn html_and_autolinks(s: &[char], m: &mut Marks) {
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

/// A known HTML tag (with well-formed attributes) starting at `i`.
fn html_tag(s: &[char], i: usize, verbatim: &[bool]) -> Option<Tag> {
    // Tags longer than this are not taken for tags (bounds the work on
    // unterminated attribute values).
    let n = s.len().min(i + 2048);
    let ok = |j: usize| j < n && !verbatim[j];
    let mut j = i + 1;
    let closing = ok(j) && s[j] == '/';
    if closing {
        j += 1;
    }
    let name_start = j;
    while ok(j) && s[j].is_ascii_alphanumeric() {
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
    let skip_ws = |mut j: usize| {
        while ok(j) && s[j].is_whitespace() {
            j += 1;
        }
        j
    };
    if closing {
        j = skip_ws(j);
        return (ok(j) && s[j] == '>').then_some(Tag {
            start: i,
            end: j,
            name,
            closing,
        });
    }
    loop {
        let before_ws = j;
        j = skip_ws(j);
        if !ok(j) {
            return None;
        }
        match s[j] {
            '>' => {
                return Some(Tag {
                    start: i,
                    end: j,
                    name,
                    closing,
                })
            }
            '/' if ok(j + 1) && s[j + 1] == '>' => {
                return Some(Tag {
                    start: i,
                    end: j + 1,
                    name,
                    closing,
                })
            }
            c if (c.is_ascii_alphabetic() || c == '_' || c == ':') && j > before_ws => {
                // Attribute name.
                while ok(j)
                    && (s[j].is_ascii_alphanumeric() || matches!(s[j], '_' | '.' | ':' | '-'))
                {
                    j += 1;
                }
                let after_name = j;
                j = skip_ws(j);
                if ok(j) && s[j] == '=' {
                    j = skip_ws(j + 1);
                    if !ok(j) {
                        return None;
                    }
                    match s[j] {
                        q @ ('"' | '\'') => {
                            j += 1;
                            while ok(j) && s[j] != q {
                                j += 1;
                            }
                            if !ok(j) {
                                return None;
                            }
                            j += 1;
                        }
                        _ => {
                            let value_start = j;
                            while ok(j)
                                && !s[j].is_whitespace()
                                && !matches!(s[j], '"' | '\'' | '=' | '<' | '>' | '`')
                            {
                                j += 1;
                            }
                            if j == value_start {
                                return None;
                            }
                        }
                    }
                } else {
                    j = after_name;
                }
            }
            _ => return None,
        }
    }
}

/// What a link's destination looks like to rustdoc: it resolves as an
/// intra-doc link (and warns when that fails) a destination without `/` made
/// only of characters of Rust paths.
fn safe_destination(dest: &str) -> bool {
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
fn brackets(s: &[char], labels: &HashSet<String>, breaks: &[bool], m: &mut Marks) {
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
                // Inline link `[text](dest "title")`.
                if i + 1 < n && s[i + 1] == '(' && !m.verbatim[i + 1] {
                    let stops = stops.get_or_insert_with(|| destination_stops(s, &m.verbatim));
                    if let Some((end, dest)) = link_destination(s, i + 1, &m.verbatim, stops) {
                        if safe_destination(&dest) {
                            m.link_text[o..=i].iter_mut().for_each(|v| *v = true);
                            m.verbatim[i + 1..=end].iter_mut().for_each(|v| *v = true);
                            // A `<` there (`(<dest>)`) belongs to the link.
                            m.escape[i + 1..=end].iter_mut().for_each(|v| *v = false);
                            // Links do not nest: earlier openers are plain text.
                            for earlier in open.drain(..) {
                                m.escape[earlier] = true;
                            }
                            i = end + 1;
                            continue;
                        }
                    }
                }
                // Full or collapsed reference link `[text][label]`, `[text][]`.
                if i + 1 < n && s[i + 1] == '[' && !m.verbatim[i + 1] {
                    if let Some(close) = s[i + 2..]
                        .iter()
                        .position(|&c| c == ']' || c == '[')
                        .map(|p| i + 2 + p)
                    {
                        if s[close] == ']' && !m.verbatim[i + 2..=close].iter().any(|&v| v) {
                            let label = if close == i + 2 {
                                &s[o + 1..i]
                            } else {
                                &s[i + 2..close]
                            };
                            if is_label(labels, label) {
                                m.link_text[o..=i].iter_mut().for_each(|v| *v = true);
                                m.verbatim[i + 1..=close].iter_mut().for_each(|v| *v = true);
                                for earlier in open.drain(..) {
                                    m.escape[earlier] = true;
                                }
                                i = close + 1;
                                continue;
                            }
                        }
                    }
                }
                // Shortcut reference link `[label]` (not before `[`: rustdoc
                // takes `[label][undefined]` for a link to `undefined`).
                let before_bracket = i + 1 < n && s[i + 1] == '[';
                if !before_bracket && is_label(labels, &s[o + 1..i]) {
                    m.link_text[o..=i].iter_mut().for_each(|v| *v = true);
                    for earlier in open.drain(..) {
                        m.escape[earlier] = true;
                    }
                } else {
                    m.escape[o] = true;
                    m.escape[i] = true;
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
fn bare_urls(s: &[char], m: &mut Marks) {
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

// ---------------------------------------------------------------------------
// Values of the description put into generated docs: names, titles,
// versions, URLs, paths, enum values, patterns. Each is made one line of
// plain text, and every doc comment passes [`guard`] last.

/// A character that has no place in a comment: controls (C0, DEL, C1; line
/// ends are handled by the caller), bidirectional overrides and isolates
/// (rustc rejects them in comments), line and paragraph separators, byte
/// order marks.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
}

/// A value as one line of text: line ends and tabs become spaces, runs of
/// whitespace one space, unprintable characters (see [`unprintable`]) go.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}') {
            space = !out.is_empty();
        } else if !unprintable(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A value of the description (a title, a version, a summary) as inline
/// rustdoc prose: one line, backticks and tildes escaped so that it opens no
/// code span or fence, then cleaned as a description is ([`rustdoc`]: HTML,
/// brackets and bare URLs).
pub fn prose(text: &str) -> String {
    let line = one_line(text);
    let mut escaped = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '`' | '~' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    rustdoc(&escaped).unwrap_or_default().replace('\n', " ")
}

/// A value of the description as an inline code span: one line, backticks
/// replaced by `'` (nothing inside a span is read as Markdown or HTML).
pub fn code(text: &str) -> String {
    let line = one_line(text).replace('`', "'");
    if line.is_empty() {
        "`\"\"`".to_string()
    } else {
        format!("`{line}`")
    }
}

/// The last check of every doc comment the generator writes: text that
/// could hold a code block rustdoc would compile (a fence other than the
/// ```` ```text ```` blocks [`rustdoc`] writes, an indented code block after
/// a blank line, or a line that container markers would turn into one) or
/// characters that have no place in a comment goes through [`rustdoc`]
/// again; other text is returned as it is.
pub fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    if is_inert(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(rustdoc(text).unwrap_or_default())
    }
}

/// Whether doc text can hold no code block and no unprintable character
/// (see [`guard`]). Conservative: `false` may be said of harmless text.
fn is_inert(text: &str) -> bool {
    if text.chars().any(|c| c != '\n' && unprintable(c)) {
        return false;
    }
    let mut fence: Option<(char, usize)> = None;
    for line in text.split('\n') {
        if let Some((ch, len)) = fence {
            if closing_fence(line, ch, len) {
                fence = None;
            }
            continue;
        }
        let (prefix, rest) = split_container(line);
        if let Some((ch, len)) = opening_fence(rest) {
            if rest[len..].trim() != "text" {
                return false;
            }
            fence = Some((ch, len));
            continue;
        }
        // Indentation that would make an indented code block, here or
        // after container markers: what the normalisation would change.
        if rest.is_empty() {
            if prefix.trim_end() != line.trim_end() {
                return false;
            }
        } else if prefix.len() + rest.len() != line.len() {
            return false;
        }
    }
    fence.is_none()
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
            let out = super::rustdoc(&text).expect("text");
            assert!(out.len() >= text.len(), "{unit}");
        }
        // A title longer than `MAX_TITLE` is not one: the link is text.
        let long = format!("[a](/b \"{}\")", "t".repeat(super::MAX_TITLE + 1));
        assert!(super::rustdoc(&long).unwrap().starts_with("\\[a\\]"));
        let short = "[a](/b \"title\")";
        assert_eq!(super::rustdoc(short).as_deref(), Some(short));
    }

    #[test]
    fn lazy_list_continuations_are_indented() {
        assert_eq!(
            super::rustdoc("Fields:\n- `client_id`, `name`,\n`description`.\n\nAfter.").as_deref(),
            Some("Fields:\n- `client_id`, `name`,\n  `description`.\n\nAfter.")
        );
        assert_eq!(
            super::rustdoc("1. one\ntwo").as_deref(),
            Some("1. one\n   two")
        );
    }

    #[test]
    fn tabs_inside_lines_become_spaces() {
        assert_eq!(
            super::rustdoc("special characters:\t[Tab]").as_deref(),
            Some("special characters:    \\[Tab\\]")
        );
    }

    use super::rustdoc;

    fn doc(text: &str) -> String {
        match rustdoc(text) {
            Some(s) => s,
            None => panic!("nothing left of {text:?}"),
        }
    }

    #[test]
    fn empty_and_whitespace_give_none() {
        assert_eq!(rustdoc(""), None);
        assert_eq!(rustdoc("  \n\r\n\t "), None);
        assert_eq!(rustdoc("\u{0}\u{202E}"), None);
    }

    #[test]
    fn trims_and_normalises_line_ends() {
        assert_eq!(
            doc("  Updates a connection.\r\n\r\nSecond paragraph.\rThird line.  \n"),
            "Updates a connection.\n\nSecond paragraph.\nThird line."
        );
        assert_eq!(doc("a\n\n\n\nb"), "a\n\nb");
    }

    #[test]
    fn strips_control_and_bidi_characters() {
        assert_eq!(
            doc("nul\u{0}here\u{7}, \u{202E}reversed\u{202C} \u{FEFF}ok"),
            "nulhere, reversed ok"
        );
        assert_eq!(doc("line\u{2028}separator"), "line\nseparator");
        assert_eq!(doc("tab\tinside"), "tab    inside");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            doc("For more info, read https://auth0.com/docs/connections. Thanks"),
            "For more info, read <https://auth0.com/docs/connections>. Thanks"
        );
        assert_eq!(
            doc("Use the denylist (https://auth0.com/docs/security/data-security/denylist)."),
            "Use the denylist (<https://auth0.com/docs/security/data-security/denylist>)."
        );
        assert_eq!(
            doc("See https://en.wikipedia.org/wiki/Foo_(bar), and http://x.io/a?b=c&d=e!"),
            "See <https://en.wikipedia.org/wiki/Foo_(bar)>, and <http://x.io/a?b=c&d=e>!"
        );
        assert_eq!(doc("**https://auth0.com**"), "**<https://auth0.com>**");
        assert_eq!(doc("HTTPS://AUTH0.COM"), "<HTTPS://AUTH0.COM>");
        // Already links, autolinks, code, HTML attributes, or not a URL.
        for kept in [
            "<https://auth0.com/docs>",
            "[connection](https://auth0.com/docs/connections)",
            "[https://auth0.com](https://auth0.com)",
            "`https://auth0.com`",
            "<a href=\"https://auth0.com/docs\">docs</a>",
            "<a href=\"https://auth0.com/docs\">https://auth0.com/docs</a>",
            "https:// alone",
            "xhttps://no",
        ] {
            assert_eq!(doc(kept), kept);
        }
        assert_eq!(
            doc("Base URL: https://{tenantDomain}/api/v2"),
            "Base URL: <https://{tenantDomain}/api/v2>"
        );
    }

    #[test]
    fn unknown_html_is_escaped() {
        assert_eq!(
            doc("Authorization: Bearer <token>"),
            "Authorization: Bearer &lt;token>"
        );
        assert_eq!(
            doc("<tenant>.auth0.com and a < b > c"),
            "&lt;tenant>.auth0.com and a &lt; b > c"
        );
        assert_eq!(
            doc("Vec<String> or <html><body>x</body></html>"),
            "Vec&lt;String> or &lt;html>&lt;body>x&lt;/body>&lt;/html>"
        );
        assert_eq!(doc("<!-- comment -->"), "&lt;!-- comment -->");
    }

    #[test]
    fn known_html_is_kept_when_balanced() {
        let kept = [
            "<code>true</code> promotes to primary, <code>false</code> demotes.",
            "<b>Note</b>: <i>x</i> <em>y</em> <strong>z</strong> <sup>1</sup> <sub>2</sub>",
            "line<br>break<br/>and<br />more",
            "Text: <ul><li>one</li><li>two</li></ul> <ol><li>x</li></ol>",
            "Text: <table><tr><th>h</th></tr><tr><td>d</td></tr></table>",
            "Text: <p>para</p> <pre>pre</pre>",
            "<a href=\"https://auth0.com/docs\" target='_blank'>the docs</a>",
            "<CODE>upper</CODE>",
        ];
        for text in kept {
            assert_eq!(doc(text), text);
        }
        // Unclosed or unopened tags would make rustdoc warn.
        assert_eq!(doc("<code>unclosed"), "&lt;code>unclosed");
        assert_eq!(doc("stray</b> end"), "stray&lt;/b> end");
        assert_eq!(doc("<b><i>x</b>"), "<b>&lt;i>x</b>");
        assert_eq!(doc("</br>"), "&lt;/br>");
        // A tag with broken attributes is not a tag.
        assert_eq!(doc("<a href=>x</a>"), "&lt;a href=>x&lt;/a>");
    }

    #[test]
    fn html_blocks_are_avoided() {
        // A line opening with a block-level tag (or holding one tag alone)
        // would be an HTML block, where Markdown is not read: kept a paragraph.
        assert_eq!(
            doc("<p>See https://auth0.com [x]</p>\n<ul>\n<li>`Vec<T>`</li>\n</ul>"),
            "&#8203;<p>See <https://auth0.com> \\[x\\]</p>\n&#8203;<ul>\n&#8203;<li>`Vec<T>`</li>\n&#8203;</ul>"
        );
        assert_eq!(doc("<b>\nbold\n</b>"), "&#8203;<b>\nbold\n&#8203;</b>");
        assert_eq!(doc("- <p>x</p>"), "- &#8203;<p>x</p>");
        // Inline tags followed by text are fine at the start of a line.
        assert_eq!(
            doc("<code>true</code> promotes"),
            "<code>true</code> promotes"
        );
    }

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(
            doc("A list of the OAuth 2.0 [RFC6749] scope values, as in [OpenID.Core]."),
            "A list of the OAuth 2.0 \\[RFC6749\\] scope values, as in \\[OpenID.Core\\]."
        );
        assert_eq!(
            doc("the default value is [\"authorization_code\", \"implicit\"]."),
            "the default value is \\[\"authorization_code\", \"implicit\"\\]."
        );
        assert_eq!(doc("unclosed [ bracket"), "unclosed \\[ bracket");
        assert_eq!(doc("lone ] bracket"), "lone ] bracket");
        assert_eq!(doc("nested [a [b] c]"), "nested \\[a \\[b\\] c\\]");
        assert_eq!(doc("already \\[escaped\\]"), "already \\[escaped\\]");
        assert_eq!(doc("`code [x]`"), "`code [x]`");
        // Not a link: the destination looks like a Rust path to rustdoc.
        assert_eq!(doc("[Client](Client)"), "\\[Client\\](Client)");
        // A reference to an undefined label.
        assert_eq!(doc("[text][nowhere]"), "\\[text\\]\\[nowhere\\]");
    }

    #[test]
    fn markdown_links_are_kept() {
        for text in [
            "Read [connection](https://auth0.com/docs/authenticate/identity-providers).",
            "[Configure JWT-secured Authorization Requests (JAR)](https://auth0.com/docs/get-started/applications/configure-jar)",
            "[with title](https://auth0.com \"Auth0\")",
            "[relative](/docs/api) and [anchor](#section)",
            "![image](https://example.com/a.png)",
            "[see [this]](https://a.io)",
        ] {
            let expected = text.replace("[see [this]]", "[see \\[this\\]]");
            assert_eq!(doc(text), expected);
        }
        let with_refs = "See [the docs][docs] or [docs] or [Docs][].\n\n[docs]: https://auth0.com/docs\n[x]: /x";
        assert_eq!(doc(with_refs), with_refs);
        let titled = "[a]\n\n[a]: https://a.io \"Title\"\n[b]: <https://b.io> 'x'";
        assert_eq!(doc(titled), titled);
        // Not definitions: trailing text, unbalanced destination.
        assert_eq!(
            doc("[a]\n\n[a]: https://a.io :x"),
            "\\[a\\]\n\n\\[a\\]: <https://a.io> :x"
        );
        assert_eq!(
            doc("[a]\n\n[a]: https://a.io("),
            "\\[a\\]\n\n\\[a\\]: <https://a.io(>"
        );
        assert_eq!(doc("[r][t][r]\n\n[r]: /x"), "\\[r\\][t][r]\n\n[r]: /x");
        // Pointy destinations; an empty one links nowhere.
        assert_eq!(doc("[a](<https://a.io/x y>)"), "[a](<https://a.io/x y>)");
        assert_eq!(doc("[a](<>) [b]()"), "\\[a\\](&lt;>) \\[b\\]()");
        // Inside a paragraph, a definition is text.
        assert_eq!(
            doc("See [x].\n[x]: https://a.io"),
            "See \\[x\\].\n\\[x\\]: <https://a.io>"
        );
        // The link text is processed for `<`, not for URLs.
        assert_eq!(doc("[a <b c](https://x.io)"), "[a &lt;b c](https://x.io)");
        // `[a <b]` is bracketed text followed by ` c](…)`, not a link.
        assert_eq!(
            doc("[a <b] c](https://x.io)"),
            "\\[a &lt;b\\] c](<https://x.io>)"
        );
    }

    #[test]
    fn fences_become_text() {
        let input = "Sample:\n\n```json\n{\n  \"credential_type\": \"public_key\"\n}\n```\n\nDone.";
        assert_eq!(
            doc(input),
            "Sample:\n\n```text\n{\n  \"credential_type\": \"public_key\"\n}\n```\n\nDone."
        );
        assert_eq!(doc("~~~\nfn main() {}\n~~~"), "```text\nfn main() {}\n```");
        assert_eq!(doc("```rust\nlet x = [1];\n"), "```text\nlet x = [1];\n```");
        // Content is verbatim: no escaping inside.
        assert_eq!(
            doc("```\nBearer <token> [x] https://a.io\n```"),
            "```text\nBearer <token> [x] https://a.io\n```"
        );
        // A backtick fence inside a tilde fence cannot close the output fence.
        assert_eq!(
            doc("~~~md\n```js\nx\n```\n~~~"),
            "````text\n```js\nx\n```\n````"
        );
        // Longer fences stay longer.
        assert_eq!(doc("`````\na\n`````"), "`````text\na\n`````");
        // Inline triple backticks are not a fence.
        assert_eq!(doc("```inline``` code"), "```inline``` code");
        // Indented fences (in list items) stay there when their content is
        // indented as much; otherwise, after a list marker and in block
        // quotes, they go to the top level, where content that is not
        // indented enough cannot end them.
        assert_eq!(
            doc("- item:\n\n  ```http\n  POST /x\n\n    {}\n  ```\n\n  More.\n- next"),
            "- item:\n\n  ```text\n  POST /x\n\n    {}\n  ```\n\n  More.\n- next"
        );
        assert_eq!(doc("1.   ```js\n     x\n     ```"), "1.\n```text\nx\n```");
        assert_eq!(
            doc("- item\n  ```js\n  x\n y\n  ```\n- next"),
            "- item\n```text\nx\ny\n```\n- next"
        );
        assert_eq!(
            doc("1. ```js\n   x\nnot indented\n   ```"),
            "1.\n```text\nx\nnot indented\n```"
        );
        assert_eq!(doc("> ```\n> x\n>  y\n> ```"), ">\n```text\nx\n y\n```");
    }

    #[test]
    fn unmatched_backticks_are_escaped() {
        assert_eq!(doc("don't use ` alone"), "don't use \\` alone");
        assert_eq!(doc("a `span` and `` one"), "a `span` and \\`\\` one");
        // A code span does not run into a list item (nor across a blank line).
        assert_eq!(doc("`Vec<b>\n- item`"), "\\`Vec&lt;b>\n- item\\`");
        assert_eq!(doc("`a\n\nb`"), "\\`a\n\nb\\`");
        // It does continue on the next line of its paragraph.
        assert_eq!(doc("`Vec<b>\nitem`"), "`Vec<b>\nitem`");
    }

    #[test]
    fn indented_code_is_unindented() {
        assert_eq!(
            doc("Example:\n\n    let x = 1;\n\tfoo()\n   three"),
            "Example:\n\nlet x = 1;\nfoo()\n   three"
        );
        // An indented fence is still a fence.
        assert_eq!(
            doc("Example:\n\n    ```js\n    x\n    ```"),
            "Example:\n\n```text\nx\n```"
        );
        // Indented code right after a list or block quote marker.
        assert_eq!(
            doc("-     code\n1.\t\tcode\n>     code\n> -      code"),
            "- code\n1. code\n> code\n> - code"
        );
    }

    #[test]
    fn realistic_auth0_descriptions() {
        assert_eq!(
            doc("<code>true</code> promotes to primary and <code>false</code> demotes to secondary. See https://auth0.com/docs/customize/custom-domains."),
            "<code>true</code> promotes to primary and <code>false</code> demotes to secondary. See <https://auth0.com/docs/customize/custom-domains>."
        );
        assert_eq!(
            doc("Set to <code>eu</code> if your domain is provisioned to use Mailgun's EU region. Otherwise, set to <code>null</code>."),
            "Set to <code>eu</code> if your domain is provisioned to use Mailgun's EU region. Otherwise, set to <code>null</code>."
        );
        assert_eq!(
            doc("Passwords are checked against a denylist (https://auth0.com/docs/security/data-security/denylist). Use `Bearer <token>`."),
            "Passwords are checked against a denylist (<https://auth0.com/docs/security/data-security/denylist>). Use `Bearer <token>`."
        );
        assert_eq!(
            doc("Enable the [connection](https://auth0.com/docs/connections) for <client_id>s [deprecated]."),
            "Enable the [connection](https://auth0.com/docs/connections) for &lt;client_id>s \\[deprecated\\]."
        );
    }

    #[test]
    fn lazy_continuations_are_indented_as_their_container() {
        // Auth0's `GET /clients` description: list items continued on
        // unindented lines.
        assert_eq!(
            doc("Intro.\n\n- The following can be retrieved with any scope:\n`client_id`, `app_type`.\n- Only with `read:clients`:\n`callbacks`,\n`tenant`.\n\nAfter."),
            "Intro.\n\n- The following can be retrieved with any scope:\n  `client_id`, `app_type`.\n- Only with `read:clients`:\n  `callbacks`,\n  `tenant`.\n\nAfter."
        );
        assert_eq!(doc("10. ten\nmore"), "10. ten\n    more");
        assert_eq!(doc("- a\n  - b\nmore"), "- a\n  - b\n    more");
        assert_eq!(doc("> quoted\nlazy"), "> quoted\n> lazy");
        assert_eq!(doc("> - item\nlazy"), "> - item\n>   lazy");
        // Already indented enough: unchanged. After a blank line: a new paragraph.
        assert_eq!(doc("- a\n  b"), "- a\n  b");
        assert_eq!(doc("- a\n\nb"), "- a\n\nb");
        // Indentation of four or more is removed, then given back as the item's.
        assert_eq!(doc("- a\n        b"), "- a\n  b");
    }

    #[test]
    fn adversarial_inputs_do_not_blow_up() {
        let many = "[".repeat(50_000) + &"]".repeat(50_000);
        assert!(doc(&many).starts_with("\\[\\["));
        let ticks = "` ``".repeat(20_000);
        assert!(rustdoc(&ticks).is_some());
        let tags = "<b>".repeat(20_000);
        assert!(doc(&tags).starts_with("&lt;b>"));
        assert!(rustdoc(&"(".repeat(10_000)).is_some());
        assert!(rustdoc("[x](").is_some());
        assert!(rustdoc("<a href=\"unterminated").is_some());
        assert!(rustdoc("é[ü](ö)<ß>").is_some());
    }

    #[test]
    fn values_become_one_inert_line() {
        assert_eq!(super::code("a`b\n```rust\n\u{202E}x"), "`a'b '''rust x`");
        assert_eq!(super::code(""), "`\"\"`");
        assert_eq!(
            super::prose("~~~\nrun();\n~~~"),
            "\\~\\~\\~ run(); \\~\\~\\~"
        );
        assert_eq!(super::prose("```rust"), "\\`\\`\\`rust");
    }

    #[test]
    fn guard_passes_clean_docs_and_cleans_code_blocks() {
        let clean = doc("Text.\n\n```rust\nrun();\n```\n\n    indented();");
        assert!(matches!(
            super::guard(&clean),
            std::borrow::Cow::Borrowed(_)
        ));
        for hostile in [
            "a\n\n```rust\nrun();\n```",
            "a\n\n~~~\nrun();\n~~~",
            "a\n\n    run();",
            "- a\n\n      run();",
            "> ```\n> run();",
            "a\u{202E}b",
        ] {
            let guarded = super::guard(hostile);
            assert!(matches!(guarded, std::borrow::Cow::Owned(_)), "{hostile:?}");
            assert!(super::is_inert(&guarded), "{hostile:?} gave {guarded:?}");
        }
    }
}
