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
//!
//! This module walks the documents and rewrites the references; `reference`
//! reads a reference as written, `files` reads the files it names, `naming`
//! names the nodes brought in, and `context` tells what kind of node each
//! place holds.

mod context;
mod files;
mod naming;
mod reference;

pub(crate) use context::Ctx;

use crate::error::{pointer_token, Error, ErrorKind, Result};
use crate::front::confine::Roots;
use crate::front::locate::Sources;
use crate::front::parse as load;
use naming::component_name;
pub(crate) use naming::unique_name;
use reference::has_file_refs;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

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

/// Component sections: where a node brought in from another file, or
/// hoisted from below a component, goes.
pub(crate) const SECTIONS: [&str; 8] = [
    "schemas",
    "parameters",
    "requestBodies",
    "responses",
    "headers",
    "examples",
    "links",
    "callbacks",
];

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
    let taken = taken_names(doc);
    let mut b = Bundler::new(path, sources, allowed, taken);
    b.walk(Place {
        value: doc,
        ctx: Ctx::Root,
        file: 0,
        pointer: String::new(),
    })?;
    b.walk_brought_in()?;
    load::add_clamps(doc, std::mem::take(&mut b.clamped));
    let Value::Object(root) = doc else {
        return Ok(Vec::new());
    };
    b.add_to_components(root);
    Ok(b.files.iter().skip(1).map(|f| f.path.clone()).collect())
}

/// The names of the components the root document has, per section.
pub(crate) fn taken_names(doc: &Value) -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut taken: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    if let Some(Value::Object(components)) = doc.get("components") {
        for section in SECTIONS {
            if let Some(Value::Object(map)) = components.get(section) {
                taken
                    .entry(section)
                    .or_default()
                    .extend(map.keys().cloned());
            }
        }
    }
    taken
}

impl<'s> Bundler<'s> {
    /// A bundler for the root document at `path`, whose components have
    /// the names `taken`.
    fn new(
        path: &Path,
        sources: &'s mut Sources,
        allowed: &[PathBuf],
        taken: BTreeMap<&'static str, BTreeSet<String>>,
    ) -> Self {
        let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Bundler {
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
        }
    }
}

impl Bundler<'_> {
    /// Walks the nodes brought in from other files, in the order they were
    /// met, bringing in what they refer to in turn.
    fn walk_brought_in(&mut self) -> Result<()> {
        while let Some(mut pending) = self.queue.pop_front() {
            let ctx = Ctx::of_section(pending.section);
            self.walk(Place {
                value: &mut pending.value,
                ctx,
                file: pending.file,
                pointer: pending.pointer.clone(),
            })?;
            self.done.push(pending);
        }
        Ok(())
    }

    /// Puts the nodes brought in into the root document's components, in
    /// the order they were met, and records where each came from.
    fn add_to_components(&mut self, root: &mut Map<String, Value>) {
        let components = root
            .entry("components")
            .or_insert_with(|| Value::Object(Map::new()));
        if !components.is_object() {
            *components = Value::Object(Map::new());
        }
        for pending in std::mem::take(&mut self.done) {
            let Some(components) = components.as_object_mut() else {
                break;
            };
            let section = components
                .entry(pending.section)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(section_map) = section.as_object_mut() {
                self.sources.add_origin(
                    format!(
                        "/components/{}/{}",
                        pending.section,
                        pointer_token(&pending.name)
                    ),
                    &self.files[pending.file].path,
                    pending.pointer,
                );
                section_map.insert(pending.name, pending.value);
            }
        }
    }

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
        let base = component_name(pointer, &self.files[file].path);
        let name = unique_name(self.taken.entry(section).or_default(), base);
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
}
