//! The one error type of the generator: what went wrong, where (file, JSON
//! Pointer, line and column when known) and what to do about it.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of problem stopped generation. Each kind maps to a process exit
/// code of the CLI (see [`ErrorKind::exit_code`]).
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
    /// The chosen operations or tags do not exist.
    Selection,
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
    /// What to do about it.
    pub help: Option<String>,
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        if self.file.is_some() || self.pointer.is_some() {
            write!(f, "\n  --> ")?;
            if let Some(file) = &self.file {
                write!(f, "{}", file.display())?;
                if let Some((line, col)) = self.line_col {
                    write!(f, ":{line}:{col}")?;
                }
            }
            if let Some(pointer) = &self.pointer {
                let pointer = if pointer.is_empty() { "/" } else { pointer };
                write!(
                    f,
                    "{}at {pointer}",
                    if self.file.is_some() { " " } else { "" }
                )?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Escapes one JSON Pointer token (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
