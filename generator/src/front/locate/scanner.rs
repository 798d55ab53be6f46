//! A cursor over JSON text that is already known to be valid (it parsed):
//! whitespace, strings (with their unescaped value) and whole values of any
//! depth skipped iteratively, each returning its byte span.

use std::ops::Range;

/// A cursor over JSON text that is already known to be valid (it parsed).
pub(super) struct Scanner<'t> {
    pub(super) b: &'t [u8],
    /// The cursor: a byte offset into `b`.
    pub(super) i: usize,
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            b: text.as_bytes(),
            i: 0,
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    pub(super) fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    pub(super) fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Skips a string (the cursor is on its opening quote); returns its span.
    pub(super) fn skip_string(&mut self) -> Range<usize> {
        let start = self.i;
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => break,
                _ => {}
            }
        }
        start..self.i.min(self.b.len())
    }

    /// Reads a string (the cursor is on its opening quote): its span and value.
    pub(super) fn string(&mut self) -> (Range<usize>, String) {
        let span = self.skip_string();
        let raw = &self.b[span.start + 1..span.end.saturating_sub(1).max(span.start + 1)];
        (span, unescape(raw))
    }

    /// Skips one value of any depth, iteratively; returns its span.
    pub(super) fn skip_value(&mut self) -> Range<usize> {
        self.ws();
        let start = self.i;
        match self.peek() {
            Some(b'"') => {
                self.skip_string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.i += 1;
                }
            }
        }
        start..self.i
    }
}

/// The text of a JSON string's contents (without the quotes), escapes read.
fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('\\') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let Ok(unit) = u32::from_str_radix(&hex, 16) else {
                    continue;
                };
                match (pending_high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => pending_high = Some(unit),
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                        out.extend(char::from_u32(code));
                    }
                    (_, unit) => out.extend(char::from_u32(unit)),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
