//! The files references name, for the bundler: where a reference points
//! (a file index and a pointer), each file read once and only within the
//! roots [`confine`] allows, and the node at a pointer of a file read; the
//! errors say which reference failed and why, nothing of a refused file.

use super::reference::{parse_ref, Target};
use super::{Bundler, File};
use crate::error::{Error, ErrorKind, Result};
use crate::front::confine;
use crate::front::parse::{self as load, Source};
use serde_json::Value;
use std::path::Path;

impl Bundler<'_> {
    /// Where a reference points: (file index, pointer); `None` when it is not
    /// a file (remote: left to the resolver) or is local to the root document.
    pub(super) fn target(
        &mut self,
        reference: &str,
        file: usize,
        pointer: &str,
    ) -> Result<Option<(usize, String)>> {
        match parse_ref(reference) {
            Target::Other => Ok(None),
            Target::Local(fragment) if file == 0 => {
                let _ = fragment;
                Ok(None)
            }
            Target::Local(fragment) => Ok(Some((file, fragment))),
            Target::File(relative, fragment) => {
                let written = reference.split('#').next().unwrap_or_default();
                if let Err(rule) = confine::check_written(written) {
                    return Err(self.refused(reference, &rule, file, pointer));
                }
                let base = self.files[file]
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let path = base.join(&relative);
                let index = self.read(&path, reference, file, pointer)?;
                Ok(Some((index, fragment)))
            }
        }
    }

    /// Reads a file once; its index.
    pub(super) fn read(
        &mut self,
        path: &Path,
        reference: &str,
        from: usize,
        at: &str,
    ) -> Result<usize> {
        // Outside the roots, even a missing file is refused as such: whether
        // it exists is none of the description's business.
        if let Some(canonical) = confine::canonical_parent(path) {
            if let Err(rule) = self.roots.admit(&canonical) {
                return Err(self.refused(reference, &rule, from, at));
            }
        }
        let canonical = std::fs::canonicalize(path).map_err(|e| {
            Error::new(
                ErrorKind::Reference,
                format!(
                    "reference `{reference}` names the file {}, which cannot be read: {e}",
                    path.display()
                ),
            )
            .in_file(&self.files[from].path)
            .at(at)
            .help("a file reference is relative to the file that holds it; check the path")
        })?;
        if canonical == self.root {
            return Ok(0);
        }
        if let Some(i) = self.canonical.iter().position(|c| *c == canonical) {
            return Ok(i);
        }
        if let Err(rule) = self.roots.admit(&canonical) {
            return Err(self.refused(reference, &rule, from, at));
        }
        let bytes = confine::read_regular(&canonical)
            .map_err(|rule| self.refused(reference, &rule, from, at))?;
        let source = Source {
            path: path.to_path_buf(),
            bytes,
        };
        self.sources.add_file(path, &source.bytes);
        let mut doc = load::parse(&source)?;
        self.clamped
            .extend(load::take_clamps(&mut doc, &path.display().to_string()));
        self.files.push(File {
            path: path.to_path_buf(),
            doc,
        });
        self.canonical.push(canonical);
        Ok(self.files.len() - 1)
    }

    /// A reference refused by a rule of [`confine`]: the reference and the
    /// rule, nothing of the file.
    pub(super) fn refused(&self, reference: &str, rule: &str, from: usize, at: &str) -> Error {
        Error::new(
            ErrorKind::Reference,
            format!("reference `{reference}` is refused: {rule}"),
        )
        .in_file(&self.files[from].path)
        .at(at)
        .help("keep referenced files next to the description, or allow their folder with `--allow-ref-root DIR`")
    }

    /// The node at `pointer` of file `file`.
    pub(super) fn node(
        &self,
        file: usize,
        pointer: &str,
        reference: &str,
        from: usize,
        at: &str,
    ) -> Result<Value> {
        self.files[file]
            .doc
            .pointer(pointer)
            .cloned()
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Reference,
                    format!(
                        "reference `{reference}` points to nothing: {} has no node at `{}`",
                        self.files[file].path.display(),
                        if pointer.is_empty() { "/" } else { pointer }
                    ),
                )
                .in_file(&self.files[from].path)
                .at(at)
                .help("fix the pointer after `#`, or add the missing node to that file")
            })
    }
}
