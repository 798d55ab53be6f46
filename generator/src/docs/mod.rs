//! Descriptions → rustdoc text. An OpenAPI `description` is CommonMark with
//! some HTML, written by anybody; put as it is into `///` comments it makes
//! `cargo doc` warn (bare URLs, unknown or unclosed HTML tags, `[text]` taken
//! for broken intra-doc links) and `cargo test` compile code samples as
//! doctests. [`rustdoc`] reads the description with pulldown-cmark (the
//! Markdown parser rustdoc uses) and writes its events back as Markdown that
//! avoids both:
//!
//! - `\r\n` and lone `\r` become `\n`; control characters, bidirectional
//!   override characters (which rustc rejects in comments) and BOMs are
//!   removed; trailing whitespace and repeated blank lines go.
//! - Fenced code blocks (```` ```lang ````, `~~~`) become ```` ```text ````
//!   blocks, fenced longer than anything inside, so they are not compiled.
//!   Indented code blocks (in descriptions mostly indentation not meant as
//!   code) are read again without their indentation, as text.
//! - Every line carries the markers of its containers (list items are
//!   indented, block quotes keep their `>`): no lazy continuation.
//! - Bare `http://`/`https://` URLs are wrapped as `<url>` autolinks.
//! - HTML tags are kept when known (`a`, `b`, `br`, `code`, `em`, `i`, `li`,
//!   `ol`, `p`, `pre`, `strong`, `ul`, `sup`, `sub`, `table`, `thead`,
//!   `tbody`, `tr`, `td`, `th`) and balanced within their paragraph; any
//!   other `<` becomes `&lt;`. The text of an HTML block (where rustdoc
//!   reads no Markdown) is read as paragraphs, and a line that would start
//!   an HTML block gets a leading `&#8203;`.
//! - Links are kept (written inline) when rustdoc takes their destination
//!   for a URL; a link whose destination rustdoc would resolve as a Rust
//!   path, and any `[` or `]` of the text, are escaped (`\[text\]`).
//! - Backticks, `*`, `~` and `_` (outside words) of the text are escaped.
//!
//! Code spans, emphasis, headings, lists, block quotes and rules are
//! written back as Markdown of the same meaning.

mod bound;
mod escape;
mod html;
mod render;
mod values;

pub use values::{code, guard, one_line, prose};

/// Cleans a description for use as rustdoc text. Returns None when nothing is left.
pub fn rustdoc(text: &str) -> Option<String> {
    let cleaned = clean_chars(text);
    let mut writer = render::Writer::default();
    writer.markdown(&bound::nesting(&cleaned), false);
    let lines = writer.finish();
    if lines.is_empty() {
        None
    } else {
        // Tabs left inside lines would trip clippy's `tabs_in_doc_comments`
        // in the generated code.
        Some(lines.join("\n").replace('\t', "    "))
    }
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
    fn hostile_inputs_take_linear_time() {
        // 200,000 characters each: unclosed links, titles, brackets, code
        // spans, emphasis, tags, entities, and containers nested deeply.
        for unit in [
            "[a](",
            "[a](x (",
            "[a](x \"",
            "[a](((",
            "[a](x)) ",
            "[",
            "]",
            "![",
            "*a",
            "_a ",
            "**",
            "`",
            "` ``",
            "<b>",
            "</b>",
            "<a href=",
            "<!--",
            "&#",
            "\\",
            "> ",
            "- ",
            "1. ",
            "    ",
            "```\n",
            "<p>\n",
            "[a]: /x\n",
        ] {
            let text = unit.repeat(200_000 / unit.len());
            let out = rustdoc(&text).unwrap_or_default();
            assert!(out.len() <= 4 * text.len() + 1024, "{unit:?}");
        }
        // Lines continuing a paragraph nested deeply: the markers written
        // before each are bounded. (Reading takes time in proportion to
        // depth × lines, in pulldown-cmark.)
        for open in ["> ", "- ", "1. "] {
            let text = open.repeat(2_000) + "a\n" + &"b\n".repeat(2_000);
            let out = rustdoc(&text).unwrap_or_default();
            assert!(out.len() <= 64 * text.len(), "{open:?}");
        }
    }

    /// The conversion time of every description of the whole Auth0
    /// Management API (`../shared/reference/` beside the checkout):
    /// `cargo test --release -p openapi-rustgen --lib -- --ignored
    /// whole_auth0_api_descriptions --nocapture`.
    #[test]
    #[ignore = "measurement: needs the Auth0 description beside the checkout"]
    fn whole_auth0_api_descriptions() {
        fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, v) in map {
                        if let (true, Some(text)) = (key == "description", v.as_str()) {
                            out.push(text.to_string());
                        }
                        collect(v, out);
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/reference/auth0-management-api-2026-06-25.json"
        );
        let bytes = std::fs::read(path).expect("the Auth0 description");
        let spec: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let mut texts = Vec::new();
        collect(&spec, &mut texts);
        let total: usize = texts.iter().map(String::len).sum();
        let rounds = 20;
        let start = std::time::Instant::now();
        let mut written = 0;
        for _ in 0..rounds {
            written += texts
                .iter()
                .filter_map(|t| rustdoc(t))
                .map(|d| d.len())
                .sum::<usize>();
        }
        let per_pass = start.elapsed() / rounds;
        println!(
            "{} descriptions, {total} bytes: {per_pass:?} per conversion of all ({} bytes written)",
            texts.len(),
            written / rounds as usize
        );
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
        assert_eq!(doc("lone ] bracket"), "lone \\] bracket");
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
        // Reference links are written inline.
        let with_refs = "See [the docs][docs] or [docs] or [Docs][].\n\n[docs]: https://auth0.com/docs\n[x]: /x";
        assert_eq!(
            doc(with_refs),
            "See [the docs](https://auth0.com/docs) or [docs](https://auth0.com/docs) or [Docs](https://auth0.com/docs)."
        );
        let titled = "[a]\n\n[a]: https://a.io \"Title\"\n[b]: <https://b.io> 'x'";
        assert_eq!(doc(titled), "[a](https://a.io \"Title\")");
        // Not definitions: trailing text, unbalanced destination.
        assert_eq!(
            doc("[a]\n\n[a]: https://a.io :x"),
            "\\[a\\]\n\n\\[a\\]: <https://a.io> :x"
        );
        assert_eq!(
            doc("[a]\n\n[a]: https://a.io("),
            "\\[a\\]\n\n\\[a\\]: <https://a.io(>"
        );
        assert_eq!(doc("[r][t][r]\n\n[r]: /x"), "\\[r\\][t](/x)");
        // Pointy destinations; an empty one links nowhere.
        assert_eq!(doc("[a](<https://a.io/x y>)"), "[a](<https://a.io/x y>)");
        assert_eq!(doc("[a](<>) [b]()"), "\\[a\\]() \\[b\\]()");
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
            "\\[a &lt;b\\] c\\](<https://x.io>)"
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
        // Fences are as long as their content needs.
        assert_eq!(doc("`````\na\n`````"), "```text\na\n```");
        // Inline triple backticks are not a fence.
        assert_eq!(doc("```inline``` code"), "`inline` code");
        // Fences stay in their list item or block quote; content less
        // indented than its item ends the item (and the fence), as
        // CommonMark reads it.
        assert_eq!(
            doc("- item:\n\n  ```http\n  POST /x\n\n    {}\n  ```\n\n  More.\n- next"),
            "- item:\n\n  ```text\n  POST /x\n\n    {}\n  ```\n\n  More.\n\n- next"
        );
        assert_eq!(
            doc("1.   ```js\n     x\n     ```"),
            "1. ```text\n   x\n   ```"
        );
        assert_eq!(
            doc("- item\n  ```js\n  x\n y\n  ```\n- next"),
            "- item\n  ```text\n  x\n  ```\n\ny\n\n```text\n- next\n```"
        );
        assert_eq!(
            doc("1. ```js\n   x\nnot indented\n   ```"),
            "1. ```text\n   x\n   ```\n\nnot indented\n\n```text\n```"
        );
        assert_eq!(
            doc("> ```\n> x\n>  y\n> ```"),
            "> ```text\n> x\n>  y\n> ```"
        );
    }

    #[test]
    fn unmatched_backticks_are_escaped() {
        assert_eq!(doc("don't use ` alone"), "don't use \\` alone");
        assert_eq!(doc("a `span` and `` one"), "a `span` and \\`\\` one");
        // A code span does not run into a list item (nor across a blank line).
        assert_eq!(doc("`Vec<b>\n- item`"), "\\`Vec&lt;b>\n- item\\`");
        assert_eq!(doc("`a\n\nb`"), "\\`a\n\nb\\`");
        // It does continue on the next line of its paragraph (the line end
        // is a space in it).
        assert_eq!(doc("`Vec<b>\nitem`"), "`Vec<b> item`");
    }

    #[test]
    fn indented_code_is_unindented() {
        assert_eq!(
            doc("Example:\n\n    let x = 1;\n\tfoo()\n   three"),
            "Example:\n\nlet x = 1;\nfoo()\n\nthree"
        );
        // An indented fence is still a fence.
        assert_eq!(
            doc("Example:\n\n    ```js\n    x\n    ```"),
            "Example:\n\n```text\nx\n```"
        );
        // Indented code right after a list or block quote marker.
        assert_eq!(
            doc("-     code\n1.\t\tcode\n>     code\n> -      code"),
            "- code\n1. code\n\n> code\n> - code"
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
