//! Stage 1: bytes → document. Reads JSON or YAML (`parse`), checks that it
//! is OpenAPI 3.0.x or 3.1.x, brings in the files its `$ref`s reach (`bundle`),
//! brings 3.1 onto the 3.0 model of `openapiv3` (`normalize`) and deserialises it.

use crate::error::{Error, ErrorKind, Result};
use crate::front::locate::Sources;
use crate::front::normalize::{self, Rewrites};
use crate::front::{bundle, parse};
use crate::losses::Losses;
use std::path::{Path, PathBuf};

pub use crate::front::parse::{parse, Source, MAX_NESTING};

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
    /// Every file read: the description, then the files its `$ref`s reach.
    pub files: Vec<PathBuf>,
    /// What loading let go (values changed to fit the model), by pointer.
    pub losses: Losses,
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

/// Reads, checks, normalises and deserialises a description. Errors name the
/// file and pointer; [`Config`](crate::Config) adds line, column and the line.
pub fn load(source: &Source) -> Result<Loaded> {
    load_with(source, &mut Sources::default(), &[])
}

/// [`load`], remembering the text of every file read (for error locations);
/// `$ref`s may read files in the description's folder and the `allowed` roots.
pub fn load_with(source: &Source, sources: &mut Sources, allowed: &[PathBuf]) -> Result<Loaded> {
    sources.add_file(&source.path, &source.bytes);
    let doc = parse(source)?;
    model(source, doc, sources, allowed)
}

/// The parsed document of `source` as the OpenAPI model: checked, its
/// references to other files bundled in, normalised onto 3.0.
pub fn model(
    source: &Source,
    mut doc: serde_json::Value,
    sources: &mut Sources,
    allowed: &[PathBuf],
) -> Result<Loaded> {
    let mut losses = parse::clamp_losses(&mut doc);
    let (mut doc, version, rewrites, files) = prepare(source, doc, sources, allowed)?;
    // Those of the files the description refers to, which `bundle` added.
    losses.append(parse::clamp_losses(&mut doc));
    // Read without tracking where each node is (several times faster; by
    // reference, which measures faster than moving the strings out); only
    // when that fails is it read again to find the node at fault.
    let api = match <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&doc) {
        Ok(api) => api,
        Err(_) => serde_path_to_error::deserialize(doc).map_err(|e| {
            let pointer = pointer_of(e.path());
            let inner = e.into_inner().to_string();
            Error::new(
                ErrorKind::Invalid,
                format!("the description does not follow the OpenAPI structure: {inner}"),
            )
            .in_file(&source.path)
            .at(pointer)
            .help("check this node against the OpenAPI specification")
        })?,
    };
    Ok(Loaded {
        api,
        version,
        rewrites,
        files,
        losses,
    })
}

/// The document checked (version, `paths`), with the files its `$ref`s
/// reach bundled in and normalised onto 3.0; its version, the rewrites and
/// the files read.
fn prepare(
    source: &Source,
    mut doc: serde_json::Value,
    sources: &mut Sources,
    allowed: &[PathBuf],
) -> Result<(serde_json::Value, Version, Rewrites, Vec<PathBuf>)> {
    let version = version(&doc, &source.path)?;
    if !doc.get("paths").is_some_and(|p| p.is_object()) {
        // OpenAPI 3.1 asks for `paths`, `webhooks` or `components`: the
        // types then come from the webhooks' payloads and the components.
        let has = |key: &str| doc.get(key).is_some_and(|v| v.is_object());
        if version != Version::V31 || !(has("webhooks") || has("components")) {
            return Err(Error::new(
                ErrorKind::Invalid,
                "the description has no `paths` object, so there is nothing to generate",
            )
            .in_file(&source.path)
            .at("")
            .help(if version == Version::V31 {
                "add the operations under `paths`, or webhooks under `webhooks`, or schemas under `components`"
            } else {
                "add the operations under `paths` (OpenAPI 3.0 requires it)"
            }));
        }
        if let Some(root) = doc.as_object_mut() {
            root.insert(
                "paths".into(),
                serde_json::Value::Object(Default::default()),
            );
        }
    }
    let mut files = vec![source.path.clone()];
    files.extend(bundle::bundle(&mut doc, &source.path, sources, allowed)?);
    crate::front::deep_refs::hoist(&mut doc, &source.path, sources)?;
    let rewrites = normalize::normalize(&mut doc);
    Ok((doc, version, rewrites, files))
}

/// The JSON Pointer of a `serde_path_to_error` path.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", crate::error::pointer_token(key))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}
