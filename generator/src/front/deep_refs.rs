//! `$ref`s to nodes below a component or inside a path item
//! (`#/components/schemas/Tag/allOf/0`,
//! `#/components/responses/Conflict/content/application~1json/schema`,
//! `#/components/parameters/Id/schema`): any JSON Pointer into the document
//! is a valid reference. Each node so named is moved into the components
//! section its use asks for (`schemas` for a schema, …) under a name made
//! from its pointer (`Tag_allOf_0`), a `$ref` to it is left where it was,
//! and every reference to it is rewritten. Errors in it are still reported
//! at its place in the file.
//!
//! A reference to a whole component of another kind (a request body where a
//! response belongs) is an error that says so.

use crate::error::{pointer_token, Error, ErrorKind, Result};
use crate::front::bundle::{taken_names, unique_name, Ctx, SECTIONS};
use crate::front::locate::Sources;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// (target pointer, section) → the places (pointers of the `$ref`s) that name it.
type Wanted = BTreeMap<String, (&'static str, Vec<String>)>;

/// Moves every node that a `$ref` names below a component into the
/// components, and rewrites the references.
pub fn hoist(doc: &mut Value, path: &Path, sources: &mut Sources) -> Result<()> {
    let wanted = wanted(doc, path)?;
    if wanted.is_empty() {
        return Ok(());
    }
    let mut taken = taken_names(doc);
    // The deepest first: a node moved later carries the `$ref`s left in it.
    let mut targets: Vec<(String, &'static str, Vec<String>)> = wanted
        .into_iter()
        .map(|(target, (section, refs))| (target, section, refs))
        .collect();
    targets.sort_by_key(|(target, _, _)| std::cmp::Reverse(target.matches('/').count()));
    let mut renamed: Vec<(Vec<String>, String)> = Vec::new();
    for (target, section, refs) in targets {
        let Some(node) = doc.pointer_mut(&target) else {
            // Points nowhere: the resolver reports it where it is used.
            continue;
        };
        let name = unique_name(taken.entry(section).or_default(), component_name(&target));
        let local = format!("#/components/{section}/{}", pointer_token(&name));
        let moved = std::mem::replace(node, ref_to(&local));
        sources.add_origin(
            format!("/components/{section}/{}", pointer_token(&name)),
            path,
            target.clone(),
        );
        if !insert_component(doc, section, name, moved) {
            break;
        }
        renamed.push((refs, local));
    }
    rewrite_refs(doc, renamed);
    Ok(())
}

/// Walks the document (iteratively) for the `$ref`s that name a node below
/// a component; an error for one that names a component of another kind.
fn wanted(doc: &Value, path: &Path) -> Result<Wanted> {
    let mut wanted = Wanted::new();
    let mut stack: Vec<(&Value, Ctx, String)> = vec![(doc, Ctx::Root, String::new())];
    while let Some((value, ctx, at)) = stack.pop() {
        if ctx == Ctx::Data {
            continue;
        }
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(reference)), Some(section)) =
                    (map.get("$ref"), ctx.section())
                {
                    if let Some(target) = reference.strip_prefix('#') {
                        if let Some(target) = below_component(target, section, path, &at)? {
                            let entry = wanted.entry(target).or_insert((section, Vec::new()));
                            entry.1.push(at.clone());
                        }
                    }
                }
                for (key, child) in map {
                    if key != "$ref" {
                        stack.push((
                            child,
                            ctx.member(key),
                            format!("{at}/{}", pointer_token(key)),
                        ));
                    }
                }
            }
            Value::Array(items) => {
                let element = ctx.element();
                for (i, child) in items.iter().enumerate() {
                    stack.push((child, element, format!("{at}/{i}")));
                }
            }
            _ => {}
        }
    }
    Ok(wanted)
}

/// Puts `moved` under `/components/<section>/<name>`; `false` when the
/// document is not an object.
fn insert_component(doc: &mut Value, section: &str, name: String, moved: Value) -> bool {
    let Value::Object(root) = doc else {
        return false;
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    if let Some(components) = components.as_object_mut() {
        let map = components
            .entry(section)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(map) = map.as_object_mut() {
            map.insert(name, moved);
        }
    }
    true
}

/// Points every `$ref` that named a moved node at its component.
fn rewrite_refs(doc: &mut Value, renamed: Vec<(Vec<String>, String)>) {
    for (refs, local) in renamed {
        for at in refs {
            // A `$ref` inside a moved node is now under its component: look
            // it up by the pointer it had, through the `$ref`s left behind.
            if let Some(Value::Object(map)) = lookup(doc, &at) {
                map.insert("$ref".into(), Value::String(local.clone()));
            }
        }
    }
}

/// The node at `pointer`, following the `$ref`s left where nodes were moved
/// from (each to `#/components/…`).
fn lookup<'v>(doc: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    let mut path = String::new();
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut i = 0;
    while i < tokens.len() {
        let next = format!("{path}/{}", tokens[i]);
        let moved_to = match doc.pointer(&next) {
            Some(Value::Object(map)) if map.len() == 1 && i + 1 < tokens.len() => map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .filter(|r| r.starts_with("/components/"))
                .map(str::to_string),
            _ => None,
        };
        path = moved_to.unwrap_or(next);
        i += 1;
    }
    doc.pointer_mut(&path)
}

fn ref_to(local: &str) -> Value {
    let mut map = Map::new();
    map.insert("$ref".into(), Value::String(local.into()));
    Value::Object(map)
}

/// A pointer that needs moving: not a whole component of `section`. `None`
/// for a component itself; an error for a whole component of another kind.
fn below_component(target: &str, section: &str, path: &Path, at: &str) -> Result<Option<String>> {
    let tokens: Vec<&str> = target.split('/').collect();
    match tokens.as_slice() {
        ["", "components", kind, _name] if *kind == section => Ok(None),
        ["", "components", kind, _name] if SECTIONS.contains(kind) => Err(Error::new(
            ErrorKind::Reference,
            format!(
                "reference `#{target}` names a component of `{kind}`, but a component of `{section}` belongs here"
            ),
        )
        .in_file(path)
        .at(format!("{at}/$ref"))
        .help(format!("refer to a node under `#/components/{section}/`"))),
        ["", _, ..] => Ok(Some(target.to_string())),
        // `#` alone or not a pointer: left to the resolver.
        _ => Ok(None),
    }
}

/// `Tag_allOf_0` for `/components/schemas/Tag/allOf/0`; the path's tokens
/// for a node in a path item.
fn component_name(target: &str) -> String {
    let tokens: Vec<String> = target
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let rest = match tokens.as_slice() {
        [first, _, rest @ ..] if first == "components" => rest,
        [first, rest @ ..] if first == "paths" => rest,
        all => all,
    };
    let words: Vec<String> = rest
        .iter()
        .map(|t| {
            t.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        })
        .collect();
    let name = words.join("_");
    let name = name.trim_matches('_');
    if name.is_empty() {
        "Node".into()
    } else {
        name.to_string()
    }
}
