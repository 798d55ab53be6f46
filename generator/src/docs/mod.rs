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

mod blocks;
mod inline;
mod values;

use blocks::{blocks, indent_width, split_container, starts_html_block, Block, ZERO_WIDTH_SPACE};
use inline::inline;
pub use values::{code, guard, one_line, prose};

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

#[cfg(test)]
mod tests {
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
}
