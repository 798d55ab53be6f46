//! Markdown events → rustdoc lines (the middle stage of [`super::rustdoc`]):
//! the events pulldown-cmark reads from a description in, Markdown text out,
//! written again so that every line carries its containers' markers (no
//! lazy continuation), every fenced code block is a ```` ```text ````
//! fence (indented code is read again as text), no HTML block starts, and
//! text is escaped by [`super::escape`].

use super::escape::{code_span, link_destination, safe_destination, text, Text};
use super::html::{html_block_source, kept_tags, tag_name, ZERO_WIDTH_SPACE};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

/// A container the lines being written are in.
enum Container {
    /// `> ` before every line.
    Quote,
    /// A list item: its marker before its first line, as many spaces before
    /// the others.
    Item { marker: String, written: bool },
}

/// A link being written: how to close it.
enum OpenLink {
    /// `[text](dest "title")`.
    Kept(String),
    /// Written as text: `\]` and what followed the text.
    Text(String),
    /// An autolink, written whole from the source.
    Auto,
}

/// The text being written, line by line.
#[derive(Default)]
pub(super) struct Writer {
    lines: Vec<String>,
    /// The line being written, with its prefix; `None` between lines.
    line: Option<String>,
    /// Where the prefix ends in `line`.
    prefix_len: usize,
    /// The containers written, innermost last (at most [`MAX_DEPTH`]).
    containers: Vec<Container>,
    /// Containers nested deeper than [`MAX_DEPTH`]: their content is
    /// written in the innermost one written (so that a line's markers stay
    /// short however deep the nesting).
    hidden: usize,
    /// The next item number of each list open (`None`: bulleted).
    lists: Vec<Option<u64>>,
    /// A block ended: the next one is separated by a blank line.
    separate: bool,
    links: Vec<OpenLink>,
    /// Inside a kept `<a>` element or a link: no URL is wrapped there.
    in_link: usize,
    /// Inside an autolink (its text is written from the source).
    in_autolink: usize,
    /// The block that ended last is a list.
    after_list: bool,
    /// The text of the code block being read.
    code: Option<String>,
    /// The text of the HTML block being read.
    html: Option<String>,
    /// Text read and not written yet.
    text: String,
    /// The code block being read is indented (not fenced).
    indented: bool,
    /// The source has a blank line before the list starting.
    blank_in_source: bool,
}

/// The deepest nesting of block quotes and list items written.
const MAX_DEPTH: usize = 16;

/// pulldown-cmark's options: CommonMark, without the extensions rustdoc
/// reads (their syntax is kept as text, escaped where needed).
/// Runs of text come as one event (the parser gives one per piece around
/// each `[`, `]`, `*`, …: a description of brackets would take an event, and
/// about a hundred bytes, per character).
fn parser(source: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let events = Parser::new_ext(source, pulldown_cmark::Options::empty()).into_offset_iter();
    pulldown_cmark::TextMergeWithOffset::new(events).collect()
}

impl Writer {
    /// Writes the Markdown of `source`. `nested`: it is the text of an HTML
    /// block, made a paragraph; an HTML block in it is written as text.
    pub(super) fn markdown(&mut self, source: &str, nested: bool) {
        let events = parser(source);
        let kept = kept_tags(&events);
        // Where what was read ends, and whether it ended a block.
        let mut read = (0, true);
        for (i, (event, range)) in events.iter().enumerate() {
            if let Event::Start(Tag::List(_)) = event {
                self.blank_in_source = blank_between(source, read, range.start);
            }
            read = match event {
                Event::Start(_) => (range.start, true),
                Event::End(_) => (range.end, true),
                _ => (range.end, false),
            };
            self.event(event, &source[range.clone()], kept[i], nested);
        }
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        self.flush_text();
        self.end_line();
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        self.lines
    }

    fn event(&mut self, event: &Event, source: &str, kept: bool, nested: bool) {
        if let Some(code) = self.code.as_mut() {
            if let Event::Text(t) = event {
                code.push_str(t);
                return;
            }
        }
        if let Some(html) = self.html.as_mut() {
            if let Event::Html(t) | Event::Text(t) = event {
                html.push_str(t);
                return;
            }
        }
        if self.in_autolink > 0 && !matches!(event, Event::End(TagEnd::Link)) {
            return;
        }
        // pulldown-cmark splits text at characters that might be Markdown:
        // it is escaped whole (a URL is one piece).
        if let Event::Text(t) = event {
            self.text.push_str(t);
            return;
        }
        self.flush_text();
        match event {
            Event::Start(tag) => self.start(tag, source),
            Event::End(tag) => self.end(*tag, nested),
            Event::Text(_) => {}
            Event::Code(c) => self.push(&code_span(c)),
            Event::InlineHtml(raw) | Event::Html(raw) => self.inline_html(raw, kept),
            Event::SoftBreak => self.end_line(),
            Event::HardBreak => {
                self.push("\\");
                self.end_line();
            }
            Event::Rule => {
                self.block();
                self.push("---");
                self.end_block();
            }
            Event::TaskListMarker(done) => self.push(if *done { "\\[x\\] " } else { "\\[ \\] " }),
            Event::FootnoteReference(label) => self.escaped(&format!("[^{label}]")),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.escaped(t),
        }
    }

    fn start(&mut self, tag: &Tag, source: &str) {
        match tag {
            Tag::Paragraph | Tag::TableRow | Tag::DefinitionListTitle => self.block(),
            Tag::Heading { level, .. } => {
                self.block();
                self.push(&"#".repeat(heading_level(*level)));
                self.push(" ");
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.enter(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.block();
                self.indented = matches!(kind, CodeBlockKind::Indented);
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.block();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                // A list that can interrupt a paragraph follows it directly,
                // unless a blank line is there.
                if matches!(start, None | Some(1)) && !self.blank_in_source {
                    self.end_line();
                    self.separate = false;
                }
                self.block();
                self.lists.push(*start);
            }
            Tag::Item => self.item(),
            Tag::Emphasis => self.push("*"),
            Tag::Strong => self.push("**"),
            Tag::Strikethrough => self.push("~~"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.start_link(*link_type, dest_url, title, source),
            Tag::Image {
                dest_url, title, ..
            } => {
                self.push("![");
                self.links
                    .push(OpenLink::Kept(link_destination(dest_url, title)));
                self.in_link += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, nested: bool) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow => self.end_block(),
            TagEnd::BlockQuote(_) => {
                self.end_block();
                self.leave();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                if self.indented && !nested {
                    // Indentation in descriptions is mostly not meant as
                    // code: the lines are read again without it.
                    let unindented: Vec<&str> = code.lines().map(str::trim_start).collect();
                    self.markdown(&unindented.join("\n"), true);
                } else {
                    self.code_block(&code);
                }
                self.end_block();
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                if nested {
                    self.text_lines(&html);
                } else {
                    self.markdown(&html_block_source(&html), true);
                }
                self.end_block();
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.end_block();
                self.after_list = true;
            }
            TagEnd::Item => {
                self.end_line();
                self.leave();
            }
            TagEnd::Emphasis => self.push("*"),
            TagEnd::Strong => self.push("**"),
            TagEnd::Strikethrough => self.push("~~"),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            _ => {}
        }
    }

    fn start_link(&mut self, link_type: LinkType, dest: &str, title: &str, source: &str) {
        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
            self.push(source);
            self.links.push(OpenLink::Auto);
            self.in_autolink += 1;
            return;
        }
        self.in_link += 1;
        if safe_destination(dest) {
            self.push("[");
            self.links
                .push(OpenLink::Kept(link_destination(dest, title)));
        } else {
            // A destination rustdoc would resolve as a Rust path: text.
            self.push("\\[");
            let rest = if link_type == LinkType::Inline {
                let mut out = String::from("\\]");
                text(&format!("({dest})"), Text::Plain, &mut out);
                out
            } else {
                "\\]".to_string()
            };
            self.links.push(OpenLink::Text(rest));
        }
    }

    fn end_link(&mut self) {
        match self.links.pop() {
            Some(OpenLink::Kept(dest)) => {
                self.push("](");
                self.push(&dest);
                self.push(")");
                self.in_link -= 1;
            }
            Some(OpenLink::Text(rest)) => {
                self.push(&rest);
                self.in_link -= 1;
            }
            Some(OpenLink::Auto) => self.in_autolink -= 1,
            None => {}
        }
    }

    fn item(&mut self) {
        self.end_line();
        // Items of a loose list are apart; one after a nested list is not.
        if self.separate && !self.after_list {
            self.blank();
        }
        self.after_list = false;
        self.separate = false;
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                let marker = format!("{n}. ");
                *n += 1;
                marker
            }
            _ => "- ".to_string(),
        };
        self.enter(Container::Item {
            marker,
            written: false,
        });
    }

    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let t = std::mem::take(&mut self.text);
        self.escaped(&t);
    }

    fn escaped(&mut self, t: &str) {
        let kind = if self.in_link > 0 {
            Text::InLink
        } else {
            Text::Plain
        };
        let mut out = String::with_capacity(t.len() + 8);
        text(t, kind, &mut out);
        self.push(&out);
    }

    /// A kept HTML tag as it is; anything else as text (`<` escaped).
    fn inline_html(&mut self, raw: &str, kept: bool) {
        if !kept {
            // Lines of a comment or of an unknown tag stay lines.
            for (n, line) in raw.split('\n').enumerate() {
                if n > 0 {
                    self.end_line();
                }
                let mut out = String::new();
                text(line.trim_start(), Text::Plain, &mut out);
                self.push(&out);
            }
            return;
        }
        if let Some((name, closing)) = tag_name(raw) {
            if name == "a" && !raw.trim_end().ends_with("/>") {
                if closing {
                    self.in_link = self.in_link.saturating_sub(1);
                } else {
                    self.in_link += 1;
                }
            }
        }
        let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        self.push(&one_line);
    }

    /// The lines of an HTML block inside an HTML block's text, as text.
    fn text_lines(&mut self, raw: &str) {
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.end_line();
            let mut out = String::new();
            text(line, Text::Plain, &mut out);
            self.push(&out);
            self.end_line();
        }
    }

    /// A fenced ```` ```text ```` block, fenced longer than any backtick run inside.
    fn code_block(&mut self, code: &str) {
        let longest = code
            .split('\n')
            .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
            .max()
            .unwrap_or(0);
        let fence = "`".repeat((longest + 1).max(3));
        self.push(&fence);
        self.push("text");
        self.end_line();
        for line in code.lines() {
            self.push_raw(line);
            self.end_line();
        }
        self.push(&fence);
    }
}

/// Whether the source has a blank line between what was read (up to
/// `read.0`; `read.1`: a block, which holds its last line end) and `start`.
fn blank_between(source: &str, read: (usize, bool), start: usize) -> bool {
    let gap = source.get(read.0..start).unwrap_or("");
    let gap = if read.1 {
        gap
    } else {
        gap.split_once('\n').map_or("", |(_, rest)| rest)
    };
    gap.contains('\n')
}

fn heading_level(level: HeadingLevel) -> usize {
    level as usize
}

// Lines and their prefixes.
impl Writer {
    /// Starts a block: a blank line after the one before.
    fn block(&mut self) {
        self.end_line();
        self.after_list = false;
        if self.separate {
            self.blank();
        }
        self.separate = false;
    }

    fn end_block(&mut self) {
        self.end_line();
        self.separate = true;
    }

    fn enter(&mut self, container: Container) {
        if self.containers.len() < MAX_DEPTH {
            self.containers.push(container);
        } else {
            self.hidden += 1;
        }
    }

    fn leave(&mut self) {
        if self.hidden > 0 {
            self.hidden -= 1;
        } else {
            self.containers.pop();
        }
    }

    /// A blank line (block quote markers kept), never two in a row, none
    /// at the start.
    fn blank(&mut self) {
        self.end_line();
        let Some(last) = self.lines.last() else {
            return;
        };
        let mut blank = String::new();
        if self
            .containers
            .iter()
            .any(|c| matches!(c, Container::Quote))
        {
            for c in &self.containers {
                match c {
                    Container::Quote => blank.push_str("> "),
                    Container::Item { marker, .. } => blank.push_str(&" ".repeat(marker.len())),
                }
            }
            blank.truncate(blank.trim_end().len());
        }
        if last.trim_end() != blank {
            self.lines.push(blank);
        }
    }

    fn end_line(&mut self) {
        if let Some(line) = self.line.take() {
            let mut line = line.trim_end().to_string();
            if line.len() > self.prefix_len
                && super::html::starts_html_block(&line[self.prefix_len..])
            {
                line.insert_str(self.prefix_len, ZERO_WIDTH_SPACE);
            }
            self.lines.push(line);
        }
    }

    /// Text at the end of the line being written (a new line is started
    /// with its containers' markers).
    fn push(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.line.is_none() {
            self.start_line();
        }
        if let Some(line) = self.line.as_mut() {
            line.push_str(s);
        }
    }

    /// A line of a code block: no HTML block check.
    fn push_raw(&mut self, s: &str) {
        self.push(" ");
        if let Some(line) = self.line.as_mut() {
            line.pop();
            line.push_str(s);
            // Marks the line as code: the check of `end_line` looks at nothing.
            self.prefix_len = line.len();
        }
    }

    fn start_line(&mut self) {
        let mut prefix = String::new();
        for c in self.containers.iter_mut() {
            match c {
                Container::Quote => prefix.push_str("> "),
                Container::Item { marker, written } => {
                    if *written {
                        prefix.push_str(&" ".repeat(marker.len()));
                    } else {
                        prefix.push_str(marker);
                        *written = true;
                    }
                }
            }
        }
        self.prefix_len = prefix.len();
        self.line = Some(prefix);
    }
}
