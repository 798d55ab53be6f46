//! Block structure of a description (a stage of [`super::rustdoc`]): lines
//! in, text runs and fenced code blocks out, container markers normalised so
//! that no indented code block or HTML block can start.

use super::KNOWN_TAGS;

/// A run of text lines or a fenced code block, ready to print.
pub(super) enum Block {
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
pub(super) fn blocks(text: &str) -> Vec<Block> {
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
pub(super) const ZERO_WIDTH_SPACE: &str = "&#8203;";

/// Tags of [`KNOWN_TAGS`] that start an HTML block (CommonMark types 1 and 6)
/// when they open a line.
const BLOCK_TAGS: &[&str] = &[
    "li", "ol", "p", "pre", "table", "thead", "tbody", "tr", "td", "th", "ul",
];

/// Whether a line (without container markers) would start an HTML block with
/// one of [`KNOWN_TAGS`]: a block-level tag at its start, or any known tag
/// alone on it (CommonMark type 7).
pub(super) fn starts_html_block(rest: &str) -> bool {
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
pub(super) fn indent_width(line: &str) -> usize {
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
pub(super) fn split_container(line: &str) -> (String, &str) {
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
pub(super) fn opening_fence(rest: &str) -> Option<(char, usize)> {
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
pub(super) fn closing_fence(line: &str, ch: char, len: usize) -> bool {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let run = leading_run(rest, ch);
    run >= len && rest[run..].trim().is_empty()
}
