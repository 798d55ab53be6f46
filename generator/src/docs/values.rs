//! Values of the description put into generated docs (names, titles,
//! versions, URLs, paths, enum values, patterns): a value in, one line of
//! inert rustdoc text out; and [`guard`], the last check of every doc comment.

use super::rustdoc;
use pulldown_cmark::{CodeBlockKind, Event, Tag};

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
/// (see [`guard`]): read as rustdoc reads it, every code block is a
/// ```` ```text ```` fence.
fn is_inert(text: &str) -> bool {
    if text.chars().any(|c| c != '\n' && unprintable(c)) {
        return false;
    }
    pulldown_cmark::Parser::new(text).all(|event| match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.trim() == "text",
        Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => false,
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use crate::docs::rustdoc;

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
        let clean = rustdoc("Text.\n\n```rust\nrun();\n```\n\n    indented();").expect("text");
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
