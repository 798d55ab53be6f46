//! The one error type of the generator: what went wrong, where (file, JSON
//! Pointer, line and column when known) and what to do about it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What kind of problem stopped generation. Each kind maps to a process exit
/// code of the CLI (see [`ErrorKind::exit_code`]).
///
/// | exit code | meaning |
/// |---|---|
/// | 0 | success (`check`: the output is up to date) |
/// | 1 | `check`: the output is stale; `diff --fail-on-breaking`: a breaking change |
/// | 2 | the command line is wrong (usage) |
/// | 3 | [`ErrorKind::Io`] |
/// | 4 | [`ErrorKind::Syntax`] |
/// | 5 | [`ErrorKind::Version`] |
/// | 6 | [`ErrorKind::Invalid`] |
/// | 7 | [`ErrorKind::Reference`] |
/// | 8 | [`ErrorKind::Selection`] |
/// | 9 | [`ErrorKind::Limit`] |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read, or output could not be written.
    Io,
    /// The file is not JSON or YAML (or is empty, or truncated).
    Syntax,
    /// The document is not OpenAPI 3.0.x or 3.1.x.
    Version,
    /// The document is OpenAPI but breaks its rules in a way that stops generation.
    Invalid,
    /// A `$ref` points nowhere, to another file that cannot be used, or to the network.
    Reference,
    /// The chosen operations or tags do not exist, or a setting is invalid
    /// (a derive that is not a path).
    Selection,
    /// The description is beyond what can be represented: nesting deeper than
    /// the parsers allow, an integer beyond 64 bits.
    Limit,
}

impl ErrorKind {
    /// The CLI's exit code for this kind of error.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Io => 3,
            ErrorKind::Syntax => 4,
            ErrorKind::Version => 5,
            ErrorKind::Invalid => 6,
            ErrorKind::Reference => 7,
            ErrorKind::Selection => 8,
            ErrorKind::Limit => 9,
        }
    }
}

/// An error with its location and a hint. Its details are boxed so that
/// `Result`s stay small; they are reached through `Deref` (`error.kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Diagnostic>);

/// What an [`Error`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: ErrorKind,
    pub message: String,
    pub file: Option<PathBuf>,
    /// JSON Pointer (RFC 6901) of the offending node, when known.
    pub pointer: Option<String>,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// The offending line of the file, when known.
    pub excerpt: Option<Excerpt>,
    /// What to do about it.
    pub help: Option<String>,
}

/// One line of a description, with the columns an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line number.
    pub line: usize,
    /// The line, without its line break.
    pub text: String,
    /// Byte range in `text` to mark.
    pub columns: Range<usize>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl std::ops::Deref for Error {
    type Target = Diagnostic;
    fn deref(&self) -> &Diagnostic {
        &self.0
    }
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self(Box::new(Diagnostic {
            kind,
            message: message.into(),
            file: None,
            pointer: None,
            line_col: None,
            excerpt: None,
            help: None,
        }))
    }

    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.0.pointer = Some(pointer.into());
        self
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        if self.0.file.is_none() {
            self.0.file = Some(file.to_path_buf());
        }
        self
    }

    pub fn line_col(mut self, line: usize, col: usize) -> Self {
        self.0.line_col = Some((line, col));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// Replaces the file and pointer (an error found in a document made of
    /// several files is moved to the file its node came from).
    pub fn moved_to(mut self, file: &Path, pointer: impl Into<String>) -> Self {
        self.0.file = Some(file.to_path_buf());
        self.0.pointer = Some(pointer.into());
        self.0.line_col = None;
        self.0.excerpt = None;
        self
    }

    /// Adds the line of the file that holds the offending node.
    pub fn excerpt(mut self, excerpt: Excerpt) -> Self {
        self.0.line_col.get_or_insert((
            excerpt.line,
            excerpt.text[..excerpt.columns.start.min(excerpt.text.len())]
                .chars()
                .count()
                + 1,
        ));
        self.0.excerpt = Some(excerpt);
        self
    }

    /// Appends a sentence to the message.
    pub fn also(mut self, more: impl AsRef<str>) -> Self {
        self.0.message.push_str(more.as_ref());
        self
    }
}

/// Rendered like a compiler diagnostic: the message, `--> file:line:col`, the
/// offending line with its node marked, the JSON Pointer, and what to do.
///
/// ```text
/// error: reference `#/components/schemas/Nope` points to no schema
///   --> spec/api.yaml:14:21
///    |
/// 14 |           schema: {$ref: '#/components/schemas/Nope'}
///    |                    ^^^^
///    = pointer: /paths/~1pets/get/responses/200/content/application~1json/schema
///    = help: fix the reference or add the missing component
/// ```
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = self.pointer.as_deref().map(|p| {
            if p.is_empty() {
                "\"\" (the whole document)"
            } else {
                p
            }
        });
        let origin = self.file.as_ref().map(|file| match self.line_col {
            Some((line, col)) => format!("{}:{line}:{col}", file.display()),
            None => file.display().to_string(),
        });
        let pointer_note = pointer.map(|p| format!("pointer: {p}"));
        if let (Some(excerpt), Some(file)) = (&self.excerpt, &self.file) {
            // The renderer adds `:line:column` to the file itself.
            let origin = file.display().to_string();
            use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
            let columns = excerpt.columns.start.min(excerpt.text.len())
                ..excerpt.columns.end.min(excerpt.text.len());
            let snippet = Snippet::source(&excerpt.text)
                .line_start(excerpt.line)
                .path(&origin)
                .annotation(AnnotationKind::Primary.span(columns));
            let mut group = Level::ERROR.primary_title(&self.message).element(snippet);
            if let Some(note) = &pointer_note {
                group = group.element(Level::NOTE.message(note));
            }
            if let Some(help) = &self.help {
                group = group.element(Level::HELP.message(help));
            }
            let rendered = Renderer::plain().render(&[group]).to_string();
            // The renderer writes `note:`; the pointer reads better without it.
            return f.write_str(&rendered.replace("= note: pointer: ", "= pointer: "));
        }
        write!(f, "error: {}", self.message)?;
        if let Some(origin) = &origin {
            write!(f, "\n  --> {origin}")?;
        }
        if let Some(pointer) = pointer {
            write!(f, "\n   = pointer: {pointer}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Escapes one JSON Pointer token (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
