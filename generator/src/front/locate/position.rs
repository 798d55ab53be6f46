//! Positions in a text: a byte offset → 1-based line and column (in
//! characters), and back; a parser's reported position → the span of the
//! character it stands for.

use std::ops::Range;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The byte offset of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| i)
}

/// The span a parser's position stands for: the character there. Column 0
/// (`serde_json` at a line break) is the end of the line before; a position in
/// the trailing blank space (a file that ends early) is the last character.
pub fn parser_span(text: &str, line: usize, column: usize) -> Range<usize> {
    let mut offset = if column == 0 && line > 1 {
        offset_of(text, line - 1, usize::MAX)
    } else {
        offset_of(text, line, column)
    };
    if text[offset..].trim().is_empty() {
        offset = text.trim_end().len();
        if let Some((i, _)) = text[..offset].char_indices().next_back() {
            return i..offset;
        }
    }
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    offset..end
}

/// The largest char boundary at or before `offset` (at most the text's end).
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_offset_agree() {
        let text = "ab\ncdé\nf";
        for (offset, (line, col)) in [(0, (1, 1)), (3, (2, 1)), (5, (2, 3)), (8, (3, 1))] {
            assert_eq!(line_col(text, offset), (line, col));
            assert_eq!(offset_of(text, line, col), offset);
        }
    }
}
