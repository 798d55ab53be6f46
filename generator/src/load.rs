//! Stage 1: bytes → document. Reads JSON or YAML, checks that it is OpenAPI
//! 3.0.x or 3.1.x, brings 3.1 onto the 3.0 model of `openapiv3`
//! ([`crate::normalize`]) and deserialises it.

use crate::error::{Error, ErrorKind, Result};
use crate::normalize::{self, Rewrites};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A description as read from disk (or given in memory).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Source {
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::new(ErrorKind::Io, format!("cannot read the description: {e}"))
                .in_file(path)
                .help("check the path; it is relative to the current directory")
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            bytes,
        })
    }

    pub fn from_bytes(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// Lower-case hex SHA-256 of the bytes, named in every generated file's header.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(&self.bytes);
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The OpenAPI version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V30,
    V31,
}

/// A loaded description.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub api: openapiv3::OpenAPI,
    pub version: Version,
    pub rewrites: Rewrites,
}

/// Parses JSON (when the first non-blank byte is `{` or `[`) or YAML.
pub fn parse(source: &Source) -> Result<serde_json::Value> {
    let path = &source.path;
    let first = source.bytes.iter().find(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(Error::new(ErrorKind::Syntax, "the description is empty")
            .in_file(path)
            .help("give an OpenAPI 3.0 or 3.1 document in JSON or YAML"));
    };
    if matches!(first, b'{' | b'[') {
        serde_json::from_slice(&source.bytes).map_err(|e| {
            let what = if e.is_eof() {
                "the JSON ends too early (is the file truncated?)"
            } else {
                "the file is not valid JSON"
            };
            Error::new(ErrorKind::Syntax, format!("{what}: {e}"))
                .in_file(path)
                .line_col(e.line(), e.column())
                .help("fix the JSON syntax at that line")
        })
    } else {
        let text = std::str::from_utf8(&source.bytes).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                format!("the file is neither JSON nor UTF-8 text: {e}"),
            )
            .in_file(path)
            .help("give an OpenAPI document in JSON or YAML")
        })?;
        let value: serde_json::Value = serde_norway::from_str(text).map_err(|e| {
            let mut err = Error::new(
                ErrorKind::Syntax,
                format!("the file is not valid JSON or YAML: {e}"),
            )
            .in_file(path)
            .help("fix the syntax at that line");
            if let Some(loc) = e.location() {
                err = err.line_col(loc.line(), loc.column());
            }
            err
        })?;
        if !value.is_object() {
            return Err(
                Error::new(ErrorKind::Syntax, "the file is not a JSON or YAML object")
                    .in_file(path)
                    .help("an OpenAPI description is an object with `openapi`, `info` and `paths`"),
            );
        }
        Ok(value)
    }
}

/// Checks the `openapi` (or `swagger`) field.
pub fn version(doc: &serde_json::Value, path: &Path) -> Result<Version> {
    if doc.get("swagger").is_some() {
        return Err(Error::new(
            ErrorKind::Version,
            "this is a Swagger 2.0 description; OpenAPI 3.0 or 3.1 is needed",
        )
        .in_file(path)
        .at("/swagger")
        .help("convert it to OpenAPI 3 first (for example with swagger2openapi)"));
    }
    match doc.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V30),
        Some(v) if v.starts_with("3.1.") || v == "3.1" => Ok(Version::V31),
        Some(v) => Err(Error::new(
            ErrorKind::Version,
            format!("unsupported OpenAPI version `{v}`"),
        )
        .in_file(path)
        .at("/openapi")
        .help("OpenAPI 3.0.x and 3.1.x are supported")),
        None => Err(Error::new(
            ErrorKind::Version,
            "the document has no `openapi` version field",
        )
        .in_file(path)
        .at("/openapi")
        .help("an OpenAPI description starts with `openapi: 3.1.0` (or 3.0.x)")),
    }
}

/// Reads, checks, normalises and deserialises a description.
pub fn load(source: &Source) -> Result<Loaded> {
    let mut doc = parse(source)?;
    let version = version(&doc, &source.path)?;
    if !doc.get("paths").is_some_and(|p| p.is_object()) {
        return Err(Error::new(
            ErrorKind::Invalid,
            "the description has no `paths` object, so there is nothing to generate",
        )
        .in_file(&source.path)
        .at("/paths")
        .help("add the operations under `paths`"));
    }
    let rewrites = normalize::normalize(&mut doc);
    let api: openapiv3::OpenAPI = serde_json::from_value(doc).map_err(|e| {
        Error::new(
            ErrorKind::Invalid,
            format!("the description does not follow the OpenAPI structure: {e}"),
        )
        .in_file(&source.path)
        .help("check the node named in the message against the OpenAPI specification")
    })?;
    Ok(Loaded {
        api,
        version,
        rewrites,
    })
}
