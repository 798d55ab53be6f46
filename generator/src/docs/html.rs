//! HTML in a description (a step of [`super::render`]): which inline tags
//! are kept (known to rustdoc's HTML check, and balanced in their block);
//! an HTML block's text made Markdown that reads as paragraphs, since
//! rustdoc reads no Markdown inside an HTML block.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// HTML tags passed through (when balanced); everything else is escaped.
const KNOWN_TAGS: &[&str] = &[
    "a", "b", "br", "code", "em", "i", "li", "ol", "p", "pre", "strong", "ul", "sup", "sub",
    "table", "thead", "tbody", "tr", "td", "th",
];

/// Tags that have no closing form.
const VOID_TAGS: &[&str] = &["br"];

/// Tags of [`KNOWN_TAGS`] that start an HTML block (CommonMark types 1 and 6)
/// when they open a line.
const BLOCK_TAGS: &[&str] = &[
    "li", "ol", "p", "pre", "table", "thead", "tbody", "tr", "td", "th", "ul",
];

/// Put before a line that would start an HTML block: the line stays a
/// paragraph, whose Markdown rustdoc still reads.
pub(super) const ZERO_WIDTH_SPACE: &str = "&#8203;";

/// The name (lowercase) of the tag `raw` is, and whether it is a closing tag.
pub(super) fn tag_name(raw: &str) -> Option<(String, bool)> {
    let after = raw.strip_prefix('<')?;
    let (after, closing) = match after.strip_prefix('/') {
        Some(rest) => (rest, true),
        None => (after, false),
    };
    let len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || !after.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    Some((after[..len].to_ascii_lowercase(), closing))
}

/// For each event, whether it is an inline HTML tag that is kept: a known
/// tag, void or self-closing, or opened and closed in the same block.
pub(super) fn kept_tags(events: &[(Event, Range<usize>)]) -> Vec<bool> {
    let mut keep = vec![false; events.len()];
    let mut open: Vec<(usize, String)> = Vec::new();
    // How many tags of each name are in `open` (so that a closing tag with no
    // opening one does not scan the whole stack).
    let mut open_count: HashMap<String, usize> = HashMap::new();
    for (i, (event, _)) in events.iter().enumerate() {
        let raw = match event {
            Event::InlineHtml(raw) => raw,
            Event::Start(tag) if !inline_tag(tag) => {
                open.clear();
                open_count.clear();
                continue;
            }
            Event::End(tag) if !inline_end(*tag) => {
                open.clear();
                open_count.clear();
                continue;
            }
            _ => continue,
        };
        let Some((name, closing)) = tag_name(raw) else {
            continue;
        };
        if !KNOWN_TAGS.contains(&name.as_str()) {
            continue;
        }
        if VOID_TAGS.contains(&name.as_str()) || raw.trim_end().ends_with("/>") {
            keep[i] = !closing;
        } else if !closing {
            *open_count.entry(name.clone()).or_default() += 1;
            open.push((i, name));
        } else if open_count.get(&name).is_some_and(|&c| c > 0) {
            let Some(depth) = open.iter().rposition(|(_, n)| *n == name) else {
                continue;
            };
            keep[open[depth].0] = true;
            keep[i] = true;
            // Tags opened inside and never closed stay unkept.
            for (_, n) in open.drain(depth..) {
                if let Some(c) = open_count.get_mut(&n) {
                    *c = c.saturating_sub(1);
                }
            }
        }
    }
    keep
}

fn inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Whether a line (without container markers) would start an HTML block with
/// one of [`KNOWN_TAGS`]: a block-level tag at its start, or any known tag
/// alone on it (CommonMark type 7).
pub(super) fn starts_html_block(rest: &str) -> bool {
    let Some((name, _)) = tag_name(rest) else {
        return false;
    };
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return false;
    }
    let after = rest[1..].trim_start_matches('/');
    let next = after[name.len()..].chars().next();
    if !matches!(next, None | Some(' ' | '\t' | '>' | '/')) {
        return false;
    }
    BLOCK_TAGS.contains(&name.as_str())
        || rest.trim_end().find('>') == Some(rest.trim_end().len() - 1)
}

/// The text of an HTML block as Markdown that starts no HTML block: each
/// line unindented, and a line opening with `<` marked so that it continues
/// (or starts) a paragraph.
pub(super) fn html_block_source(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    for line in html.lines() {
        let line = line.trim_start();
        if line.starts_with('<') {
            out.push_str(ZERO_WIDTH_SPACE);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
