//! Bounds how deep a description's containers can nest before it is read
//! (text → text): a line's leading run of block-quote and list markers and
//! their whitespace keeps at most [`MARKERS`] markers and [`COLUMNS`]
//! columns of whitespace. A Markdown parser checks every open container on
//! every line, so text nested thousands of levels deep would take time
//! proportional to depth × lines; bounded, it takes time linear in its
//! length. The writer keeps 16 levels at most anyway.

use std::borrow::Cow;

/// The most container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) a line's
/// start keeps.
pub const MARKERS: usize = 24;

/// The most columns of whitespace (a tab counts 4) a line's start keeps
/// among its markers.
pub const COLUMNS: usize = 96;

/// One piece of a line's leading run: a marker or whitespace.
enum Piece {
    Marker,
    Space(usize),
}

/// The leading run of a line, as (piece, byte length) pairs.
fn leading(line: &str) -> Vec<(Piece, usize)> {
    let bytes = line.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let spaced = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t'));
        match bytes[i] {
            b' ' | b'\t' => {
                let columns = if bytes[i] == b'\t' { 4 } else { 1 };
                pieces.push((Piece::Space(columns), 1));
                i += 1;
            }
            b'>' => {
                pieces.push((Piece::Marker, 1));
                i += 1;
            }
            b'-' | b'*' | b'+' if spaced(i + 1) => {
                pieces.push((Piece::Marker, 1));
                i += 1;
            }
            b'0'..=b'9' => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let end = i + digits;
                if digits > 9 || !matches!(bytes.get(end), Some(b'.' | b')')) || !spaced(end + 1) {
                    break;
                }
                pieces.push((Piece::Marker, digits + 1));
                i = end + 1;
            }
            _ => break,
        }
    }
    pieces
}

/// The line with its leading run bounded (see the module docs), or `None`
/// when it is within the bounds.
fn bounded(line: &str) -> Option<String> {
    let pieces = leading(line);
    let markers = pieces
        .iter()
        .filter(|(p, _)| matches!(p, Piece::Marker))
        .count();
    let columns: usize = pieces
        .iter()
        .map(|(p, _)| if let Piece::Space(c) = p { *c } else { 0 })
        .sum();
    if markers <= MARKERS && columns <= COLUMNS {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let (mut kept_markers, mut kept_columns, mut dropped_marker) = (0, 0, false);
    let mut at = 0;
    for (piece, len) in &pieces {
        let text = &line[at..at + len];
        at += len;
        match piece {
            Piece::Marker if kept_markers < MARKERS => {
                out.push_str(text);
                kept_markers += 1;
                dropped_marker = false;
            }
            Piece::Marker => dropped_marker = true,
            // The whitespace after a dropped marker goes with it.
            Piece::Space(_) if dropped_marker => {}
            Piece::Space(c) => {
                if kept_columns + c <= COLUMNS {
                    out.push_str(text);
                    kept_columns += c;
                }
            }
        }
    }
    out.push_str(&line[at..]);
    Some(out)
}

/// The text with every line's leading run bounded; borrowed when no line
/// needed it. One pass: the lines before the first one bounded are copied
/// only then.
pub fn nesting(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0;
    for line in text.split('\n') {
        let end = done + line.len();
        match (bounded(line), &mut out) {
            (Some(line), Some(out)) => out.push_str(&line),
            (Some(line), None) => out = Some(format!("{}{line}", &text[..done])),
            (None, Some(out)) => out.push_str(line),
            (None, None) => {}
        }
        if end < text.len() {
            if let Some(out) = &mut out {
                out.push('\n');
            }
        }
        done = end + 1;
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_untouched() {
        for text in [
            "plain",
            "- a\n  - b\n    > c\n1. x\n2) y",
            "* emphasis*, -1, 10.5 and 3.14",
            "    code",
            "",
        ] {
            assert!(matches!(nesting(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn deep_markers_and_indentation_are_bounded() {
        let deep = format!("{}x\ny", "- ".repeat(1_000));
        let out = nesting(&deep);
        assert_eq!(out, format!("{}x\ny", "- ".repeat(MARKERS)));
        let quoted = format!("{}x", "> ".repeat(100));
        assert_eq!(nesting(&quoted), format!("{}x", "> ".repeat(MARKERS)));
        let indented = format!("{}x", " ".repeat(500));
        assert_eq!(nesting(&indented), format!("{}x", " ".repeat(COLUMNS)));
        let numbered = format!("{}x", "1. ".repeat(50));
        assert_eq!(nesting(&numbered), format!("{}x", "1. ".repeat(MARKERS)));
        // The rest of the line is kept as it is.
        let text = format!("{}a - b > c", "> ".repeat(30));
        assert!(nesting(&text).ends_with("a - b > c"));
    }
}
