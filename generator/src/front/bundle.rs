//! References to other files (`$ref: other.yaml#/components/schemas/Pet`,
//! `$ref: ./schemas/pet.json`), brought into the one document the later stages
//! read. A referenced schema (parameter, response, …) becomes a component of
//! the root document, under the name it has in its file (the last token of
//! the pointer, or the file's stem), made unique against the components
//! already there (`Pet`, `Pet2`, …) in the order references are met; every
//! reference to it is rewritten to `#/components/…/Name`. A path item is
//! written in place. The `$ref`s inside a brought-in node are read relative
//! to its own file, so files can refer to each other, in cycles too.
//!
//! Remote references (`http://…`) are left alone: the resolver refuses them
//! where they are used, as there is no network at build time. Which files may
//! be read at all is [`crate::front::confine`]'s to say.

use crate::error::{pointer_token, Error, ErrorKind, Result};
use crate::front::confine::{self, Roots};
use crate::front::locate::Sources;
use crate::front::parse::{self as load, Source};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// What kind of node a place in a document holds, as far as references care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    Root,
    Paths,
    PathItem,
    Operation,
    ParameterList,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Content,
    MediaType,
    Encodings,
    Encoding,
    Headers,
    Header,
    Examples,
    Example,
    Links,
    Link,
    Callbacks,
    Callback,
    Components,
    Schemas,
    Parameters,
    RequestBodies,
    ResponseMap,
    PathItems,
    Schema,
    /// Data (examples, defaults, extensions) or something references do not matter in.
    Data,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Ctx {
    /// The context of the value under `key` (an object member) in this context.
    pub(crate) fn member(self, key: &str) -> Ctx {
        use Ctx::*;
        // Keys of a map of names (schemas, headers, media types, …) are names,
        // not extensions, whatever they start with.
        let names = matches!(
            self,
            Content
                | Encodings
                | Headers
                | Examples
                | Links
                | Callbacks
                | Schemas
                | Parameters
                | RequestBodies
                | ResponseMap
                | PathItems
        );
        if key.starts_with("x-") && !names {
            return Data;
        }
        match (self, key) {
            (Root, "paths" | "webhooks") => Paths,
            (Root, "components") => Components,
            (Paths, _) => PathItem,
            (PathItem, "parameters") | (Operation, "parameters") => ParameterList,
            (PathItem, method) if METHODS.contains(&method) => Operation,
            (Operation, "requestBody") => RequestBody,
            (Operation, "responses") => Responses,
            (Operation, "callbacks") | (Components, "callbacks") => Callbacks,
            (Responses, _) => Response,
            (Response, "headers") | (Encoding, "headers") | (Components, "headers") => Headers,
            (Response, "content") | (RequestBody, "content") => Content,
            (Parameter | Header, "content") => Content,
            (Response, "links") | (Components, "links") => Links,
            (Parameter | Header | MediaType, "schema") => Schema,
            (Parameter | Header | MediaType, "examples") | (Components, "examples") => Examples,
            (Content, _) => MediaType,
            (MediaType, "encoding") => Encodings,
            (Encodings, _) => Encoding,
            (Headers, _) => Header,
            (Examples, _) => Example,
            (Links, _) => Link,
            (Callbacks, _) => Callback,
            (Callback, _) => PathItem,
            (Components, "schemas") => Schemas,
            (Components, "parameters") => Parameters,
            (Components, "requestBodies") => RequestBodies,
            (Components, "responses") => ResponseMap,
            (Components, "pathItems") => PathItems,
            (
                Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
            ) => Schemas,
            (Schemas, _) => Schema,
            (Parameters, _) => Parameter,
            (RequestBodies, _) => RequestBody,
            (ResponseMap, _) => Response,
            (PathItems, _) => PathItem,
            (
                Schema,
                "example" | "examples" | "default" | "enum" | "const" | "discriminator" | "xml"
                | "externalDocs",
            ) => Data,
            (Schema, _) => Schema,
            _ => Data,
        }
    }

    /// The context of the elements of an array in this context.
    pub(crate) fn element(self) -> Ctx {
        match self {
            Ctx::ParameterList => Ctx::Parameter,
            Ctx::Schema => Ctx::Schema,
            _ => Ctx::Data,
        }
    }

    /// The components section a referenced node of this context goes to;
    /// `None` for a path item (written in place) and for data.
    pub(crate) fn section(self) -> Option<&'static str> {
        Some(match self {
            Ctx::Schema => "schemas",
            Ctx::Parameter => "parameters",
            Ctx::RequestBody => "requestBodies",
            Ctx::Response => "responses",
            Ctx::Header => "headers",
            Ctx::Example => "examples",
            Ctx::Link => "links",
            Ctx::Callback => "callbacks",
            _ => return None,
        })
    }

    fn of_section(section: &str) -> Ctx {
        match section {
            "parameters" => Ctx::Parameter,
            "requestBodies" => Ctx::RequestBody,
            "responses" => Ctx::Response,
            "headers" => Ctx::Header,
            "examples" => Ctx::Example,
            "links" => Ctx::Link,
            "callbacks" => Ctx::Callback,
            _ => Ctx::Schema,
        }
    }
}

/// A reference as written: to a file (relative to the referring one) and a
/// pointer in it; or not a file at all.
enum Target {
    /// `#/…` in the same file.
    Local(String),
    /// A file path and the pointer in it (`""` for the whole file).
    File(PathBuf, String),
    /// `http://…`, `urn:…`: left to the resolver.
    Other,
}

fn parse_ref(reference: &str) -> Target {
    let (file, fragment) = match reference.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (reference, ""),
    };
    let fragment = percent_decode(fragment);
    if file.is_empty() {
        return Target::Local(fragment);
    }
    let file = match file.strip_prefix("file://") {
        Some(path) => path,
        None => {
            let scheme = file.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
                s.len() > 1
                    && s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            });
            if scheme.is_some() {
                return Target::Other;
            }
            file
        }
    };
    Target::File(PathBuf::from(percent_decode(file)), fragment)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether any `$ref` in the document names another file (a cheap first look,
/// so that a one-file description costs one walk and nothing else).
fn has_file_refs(doc: &Value) -> bool {
    let mut stack = vec![doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    if matches!(parse_ref(r), Target::File(..)) {
                        return true;
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

/// A file read while bundling.
struct File {
    path: PathBuf,
    doc: Value,
}

/// A node brought in from another file, waiting to be walked.
struct Pending {
    section: &'static str,
    name: String,
    value: Value,
    file: usize,
    pointer: String,
}

struct Bundler<'s> {
    sources: &'s mut Sources,
    /// Where referenced files may be.
    roots: Roots,
    /// Canonical path of the root document.
    root: PathBuf,
    /// Files read, by canonical path; index 0 is the root document (its value
    /// is not kept here).
    files: Vec<File>,
    canonical: Vec<PathBuf>,
    /// (file index, pointer) → (section, component name).
    bundled: BTreeMap<(usize, String), (&'static str, String)>,
    /// Names taken, per section.
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    queue: VecDeque<Pending>,
    done: Vec<Pending>,
    /// Path items written in place so far.
    inlined: usize,
    /// The integers beyond 64 bits the files read held (see [`load::take_clamps`]).
    clamped: Vec<Value>,
}

/// More path items from other files than this means a cycle of references.
const MAX_INLINED: usize = 100_000;

/// One place still to walk: a value, its context, the file it is in (index
/// into `files`) and its pointer there.
struct Place<'v> {
    value: &'v mut Value,
    ctx: Ctx,
    file: usize,
    pointer: String,
}

/// Brings the nodes that `$ref`s in other files name into `doc`. Returns the
/// files read (not the root document), in the order they were first referenced.
/// Files are read only inside the description's folder and `allowed` roots.
pub fn bundle(
    doc: &mut Value,
    path: &Path,
    sources: &mut Sources,
    allowed: &[PathBuf],
) -> Result<Vec<PathBuf>> {
    if !has_file_refs(doc) {
        return Ok(Vec::new());
    }
    let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut taken: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    if let Some(Value::Object(components)) = doc.get("components") {
        for section in [
            "schemas",
            "parameters",
            "requestBodies",
            "responses",
            "headers",
            "examples",
            "links",
            "callbacks",
        ] {
            if let Some(Value::Object(map)) = components.get(section) {
                taken
                    .entry(section)
                    .or_default()
                    .extend(map.keys().cloned());
            }
        }
    }
    let mut b = Bundler {
        sources,
        roots: Roots::new(path, allowed),
        root: root.clone(),
        files: vec![File {
            path: path.to_path_buf(),
            doc: Value::Null,
        }],
        canonical: vec![root],
        bundled: BTreeMap::new(),
        taken,
        queue: VecDeque::new(),
        done: Vec::new(),
        inlined: 0,
        clamped: Vec::new(),
    };
    b.walk(Place {
        value: doc,
        ctx: Ctx::Root,
        file: 0,
        pointer: String::new(),
    })?;
    while let Some(mut pending) = b.queue.pop_front() {
        let ctx = Ctx::of_section(pending.section);
        b.walk(Place {
            value: &mut pending.value,
            ctx,
            file: pending.file,
            pointer: pending.pointer.clone(),
        })?;
        b.done.push(pending);
    }
    load::add_clamps(doc, std::mem::take(&mut b.clamped));
    // Into the root document's components, in the order they were met.
    let Value::Object(root) = doc else {
        return Ok(Vec::new());
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    for pending in std::mem::take(&mut b.done) {
        let Some(components) = components.as_object_mut() else {
            break;
        };
        let section = components
            .entry(pending.section)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(section_map) = section.as_object_mut() {
            b.sources.add_origin(
                format!(
                    "/components/{}/{}",
                    pending.section,
                    pointer_token(&pending.name)
                ),
                &b.files[pending.file].path,
                pending.pointer,
            );
            section_map.insert(pending.name, pending.value);
        }
    }
    Ok(b.files.iter().skip(1).map(|f| f.path.clone()).collect())
}

impl Bundler<'_> {
    /// Walks a value (iteratively), rewriting the `$ref`s it holds.
    fn walk(&mut self, start: Place<'_>) -> Result<()> {
        let mut stack = vec![start];
        while let Some(place) = stack.pop() {
            let Place {
                value,
                ctx,
                file,
                pointer,
            } = place;
            if ctx == Ctx::Data {
                continue;
            }
            if let Value::Object(map) = &*value {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if ctx == Ctx::PathItem {
                        if let Some((file, pointer)) =
                            self.path_item(value, &reference, file, &pointer)?
                        {
                            // Walked again: it is the other file's path item now.
                            stack.push(Place {
                                value,
                                ctx,
                                file,
                                pointer,
                            });
                            continue;
                        }
                    } else {
                        self.rewrite(value, &reference, ctx, file, &pointer)?;
                    }
                }
            }
            match value {
                Value::Object(map) => {
                    for (key, child) in map.iter_mut().rev() {
                        if key == "$ref" {
                            continue;
                        }
                        stack.push(Place {
                            value: child,
                            ctx: ctx.member(key),
                            file,
                            pointer: format!("{pointer}/{}", pointer_token(key)),
                        });
                    }
                }
                Value::Array(items) => {
                    let element = ctx.element();
                    for (i, child) in items.iter_mut().enumerate().rev() {
                        stack.push(Place {
                            value: child,
                            ctx: element,
                            file,
                            pointer: format!("{pointer}/{i}"),
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Rewrites one `$ref` (at `pointer` of file `file`) to a local one.
    fn rewrite(
        &mut self,
        object: &mut Value,
        reference: &str,
        ctx: Ctx,
        file: usize,
        pointer: &str,
    ) -> Result<()> {
        let pointer = &format!("{pointer}/$ref");
        let Some((target_file, target_pointer)) = self.target(reference, file, pointer)? else {
            return Ok(());
        };
        let local = if target_file == 0 {
            format!("#{target_pointer}")
        } else {
            let section = ctx.section().unwrap_or("schemas");
            let name = self.bring(
                target_file,
                &target_pointer,
                section,
                reference,
                file,
                pointer,
            )?;
            format!("#/components/{section}/{}", pointer_token(&name))
        };
        if let Value::Object(map) = object {
            map.insert("$ref".to_string(), Value::String(local));
        }
        Ok(())
    }

    /// Where a reference points: (file index, pointer); `None` when it is not
    /// a file (remote: left to the resolver) or is local to the root document.
    fn target(
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
    fn read(&mut self, path: &Path, reference: &str, from: usize, at: &str) -> Result<usize> {
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
    fn refused(&self, reference: &str, rule: &str, from: usize, at: &str) -> Error {
        Error::new(
            ErrorKind::Reference,
            format!("reference `{reference}` is refused: {rule}"),
        )
        .in_file(&self.files[from].path)
        .at(at)
        .help("keep referenced files next to the description, or allow their folder with `--allow-ref-root DIR`")
    }

    /// The node at `pointer` of file `file`.
    fn node(
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

    /// Brings the node at (`file`, `pointer`) in as a component; its name.
    fn bring(
        &mut self,
        file: usize,
        pointer: &str,
        section: &'static str,
        reference: &str,
        from: usize,
        at: &str,
    ) -> Result<String> {
        let key = (file, pointer.to_string());
        if let Some((_, name)) = self.bundled.get(&key) {
            return Ok(name.clone());
        }
        let value = self.node(file, pointer, reference, from, at)?;
        let base = crate::front::locate::tokens(pointer)
            .last()
            .filter(|t| !t.is_empty() && !t.bytes().all(|c| c.is_ascii_digit()))
            .cloned()
            .unwrap_or_else(|| {
                self.files[file]
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Bundled".to_string())
            });
        let base: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let taken = self.taken.entry(section).or_default();
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        self.bundled.insert(key, (section, name.clone()));
        self.queue.push_back(Pending {
            section,
            name: name.clone(),
            value,
            file,
            pointer: pointer.to_string(),
        });
        Ok(name)
    }

    /// A path item that is a reference to another file: written in place
    /// (its own keys besides `$ref` win). Returns the file and pointer it
    /// came from, where its own references are read from.
    fn path_item(
        &mut self,
        object: &mut Value,
        reference: &str,
        file: usize,
        pointer: &str,
    ) -> Result<Option<(usize, String)>> {
        let at = format!("{pointer}/$ref");
        let Some((target_file, target_pointer)) = self.target(reference, file, &at)? else {
            return Ok(None);
        };
        if target_file == 0 {
            // A path item of the root document: left to the resolver.
            if let Value::Object(map) = object {
                map.insert("$ref".into(), Value::String(format!("#{target_pointer}")));
            }
            return Ok(None);
        }
        self.inlined += 1;
        if self.inlined > MAX_INLINED {
            return Err(Error::new(
                ErrorKind::Reference,
                format!("path item references go round in a cycle (`{reference}`)"),
            )
            .in_file(&self.files[file].path)
            .at(at)
            .help("a path item reference must end at a path item"));
        }
        let mut item = self.node(target_file, &target_pointer, reference, file, &at)?;
        if let (Value::Object(item), Value::Object(own)) = (&mut item, &*object) {
            for (k, v) in own {
                if k != "$ref" {
                    item.insert(k.clone(), v.clone());
                }
            }
        }
        *object = item;
        // The combined document's node at `pointer` (of the root, when the
        // reference was in it) now comes from the other file.
        if file == 0 {
            self.sources.add_origin(
                pointer.to_string(),
                &self.files[target_file].path,
                target_pointer.clone(),
            );
        }
        Ok(Some((target_file, target_pointer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
    }

    #[test]
    fn references_are_rewritten_by_where_they_are() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "paths": {"/p": {"get": {
                "parameters": [{"$ref": "external/common.json#/components/parameters/Limit"}],
                "responses": {"200": {
                    "description": "ok",
                    "headers": {"x-rate": {"$ref": "external/common.json#/components/schemas/Message"}},
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            // Property names that are keywords or extension-like are names.
                            "default": {"$ref": "external/pet.yaml"},
                            "x-tag": {"$ref": "external/common.json#/components/schemas/Tag"},
                        },
                        // Data is not looked into.
                        "example": {"$ref": "not/a/file.yaml"},
                        "x-data": {"$ref": "not/a/file.yaml"},
                    }}},
                }},
            }}},
            "components": {"schemas": {"Pet": {"type": "string"}}},
        });
        let mut sources = Sources::default();
        let files = bundle(&mut doc, &fixtures().join("root.yaml"), &mut sources, &[])
            .unwrap_or_else(|e| panic!("{e}"));
        let at = |p: &str| doc.pointer(p).cloned().unwrap_or(Value::Null);
        let op = "/paths/~1p/get";
        assert_eq!(
            at(&format!("{op}/parameters/0/$ref")),
            "#/components/parameters/Limit"
        );
        let response = format!("{op}/responses/200");
        // A header reference names a header: `Message` goes to `headers`.
        assert_eq!(
            at(&format!("{response}/headers/x-rate/$ref")),
            "#/components/headers/Message"
        );
        let schema = format!("{response}/content/application~1json/schema");
        // `Pet` is taken by the root document: the file's pet is `pet`.
        assert_eq!(
            at(&format!("{schema}/properties/default/$ref")),
            "#/components/schemas/pet"
        );
        assert_eq!(
            at(&format!("{schema}/properties/x-tag/$ref")),
            "#/components/schemas/Tag"
        );
        assert_eq!(at(&format!("{schema}/example/$ref")), "not/a/file.yaml");
        assert_eq!(at(&format!("{schema}/x-data/$ref")), "not/a/file.yaml");
        // Brought in, with the references inside them rewritten too.
        assert_eq!(
            at("/components/schemas/pet/properties/owner/$ref"),
            "#/components/schemas/owner"
        );
        assert_eq!(
            at("/components/schemas/owner/properties/pets/items/$ref"),
            "#/components/schemas/pet"
        );
        assert_eq!(at("/components/schemas/Pet"), json!({"type": "string"}));
        assert_eq!(at("/components/parameters/Limit/name"), "limit");
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["common.json", "pet.yaml", "owner.yaml"]);
    }

    #[test]
    fn names_are_collision_free_and_deterministic() {
        let make = || {
            json!({
                "openapi": "3.1.0",
                "paths": {"/p": {"get": {"responses": {"200": {"description": "ok", "content": {
                    "application/json": {"schema": {"allOf": [
                        {"$ref": "external/common.json#/components/schemas/Error"},
                        {"$ref": "external/common.json#/components/schemas/Error"},
                        {"$ref": "external/pet.yaml"},
                    ]}},
                }}}}}},
                "components": {"schemas": {"Error": {}, "Error2": {}}},
            })
        };
        let mut first = make();
        bundle(
            &mut first,
            &fixtures().join("root.yaml"),
            &mut Sources::default(),
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<&String> = first["components"]["schemas"]
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            ["Error", "Error2", "Error3", "pet", "Message", "owner", "Tag"]
        );
        let mut second = make();
        bundle(
            &mut second,
            &fixtures().join("root.yaml"),
            &mut Sources::default(),
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first, second);
    }

    #[test]
    fn reference_forms() {
        assert!(matches!(parse_ref("#/a"), Target::Local(p) if p == "/a"));
        assert!(
            matches!(parse_ref("a%20b.yaml#/x%25y"), Target::File(f, p) if f == Path::new("a b.yaml") && p == "/x%y")
        );
        assert!(
            matches!(parse_ref("file:///tmp/a.yaml"), Target::File(f, p) if f == Path::new("/tmp/a.yaml") && p.is_empty())
        );
        assert!(matches!(
            parse_ref("https://example.com/a.json#/x"),
            Target::Other
        ));
        assert!(matches!(parse_ref("urn:uuid:1234"), Target::Other));
        // A Windows drive letter is a path, not a scheme.
        assert!(matches!(parse_ref("C:/specs/a.yaml"), Target::File(..)));
    }
}
