//! The texts of the files a description was read from, and where the nodes
//! brought in from other files came from: an error with a pointer into the
//! combined document → the same error naming its file, pointer, line and
//! column, with the line itself.

use super::{find, location, parser_span};
use crate::error::Error;
use std::path::{Path, PathBuf};

/// The texts of the files a description was read from, and where the nodes
/// brought in from other files came from, to put errors where they belong.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<(PathBuf, String)>,
    origins: Vec<Origin>,
}

/// A subtree of the combined document that came from another file.
#[derive(Debug, Clone)]
struct Origin {
    /// Its pointer in the combined document, e.g. `/components/schemas/Pet`.
    prefix: String,
    file: PathBuf,
    /// Its pointer in that file.
    pointer: String,
}

impl Sources {
    /// Remembers the text of a file (not valid UTF-8: nothing to show).
    pub fn add_file(&mut self, path: &Path, bytes: &[u8]) {
        if self.text(path).is_none() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                self.files.push((path.to_path_buf(), text.to_string()));
            }
        }
    }

    /// Records that the node at `prefix` of the combined document is the node
    /// at `pointer` of `file`.
    pub fn add_origin(&mut self, prefix: String, file: &Path, pointer: String) {
        self.origins.push(Origin {
            prefix,
            file: file.to_path_buf(),
            pointer,
        });
    }

    pub fn text(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
    }

    /// Puts an error where its node is: the file it came from, its pointer
    /// there, line and column, and the line itself.
    pub fn locate(&self, mut err: Error) -> Error {
        if let Some(pointer) = err.pointer.clone() {
            let in_combined = err.file.is_none()
                || self
                    .files
                    .first()
                    .is_some_and(|(root, _)| Some(root) == err.file.as_ref());
            if in_combined {
                // The longest prefix wins (a component inlined in a path item inlined…).
                let origin = self
                    .origins
                    .iter()
                    .filter(|o| {
                        pointer == o.prefix
                            || pointer.starts_with(&o.prefix)
                                && pointer[o.prefix.len()..].starts_with('/')
                    })
                    .max_by_key(|o| o.prefix.len());
                if let Some(o) = origin {
                    let rest = &pointer[o.prefix.len()..];
                    err = err.moved_to(&o.file, format!("{}{rest}", o.pointer));
                }
            }
        }
        if err.excerpt.is_some() {
            return err;
        }
        let Some(text) = err.file.as_deref().and_then(|f| self.text(f)) else {
            return err;
        };
        // The node a pointer names; else a parser's position; else the
        // nearest node the pointer's ancestors name.
        let by_pointer = err.pointer.as_deref().and_then(|p| find(text, p));
        let found = match (by_pointer, err.line_col) {
            (Some(loc), _) if loc.exact => Some(loc),
            (_, Some((line, column))) => {
                Some(location(text, parser_span(text, line, column), true))
            }
            (loc, None) => loc,
        };
        match found {
            Some(loc) => {
                let excerpt = loc.excerpt(text);
                let err = err.line_col(loc.line, loc.column);
                err.excerpt(excerpt)
            }
            None => err,
        }
    }
}
