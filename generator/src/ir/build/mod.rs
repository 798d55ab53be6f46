//! Schema and operation → IR. Every schema reachable from the chosen
//! operations becomes a [`Shape`], and every one that needs a Rust item of its
//! own (objects, string enums, unions, named components) a [`TypeDef`].
//!
//! This module holds the driver ([`build`]) and the [`Builder`] state its
//! steps share; each kind of thing built has a module of its own.

mod bodies;
mod constraints;
mod finish;
mod media;
mod operations;
mod parameters;
mod responses;
mod schemas;
mod structs;
mod unions;

pub(crate) use super::schema_view::{classify, Class};
pub use media::is_event_stream;

use super::audit;
use super::*;
use crate::docs;
use crate::error::{Error, ErrorKind, Result};
use crate::front::resolve::{Doc, SelectedOp};
use crate::losses::Losses;
use crate::naming::{self, Scope};
use finish::{derive_defaults, reorder};
use openapiv3::{ReferenceOr, Schema};
use std::collections::HashMap;

/// Deeper nesting than this is reported instead of risking the stack.
const MAX_DEPTH: usize = 200;

/// Builds the IR for the chosen operations; with `everything` (no
/// selection), also the payload types of the webhooks, and, in a
/// description without paths, every component schema.
pub fn build(doc: Doc<'_>, ops: &[SelectedOp<'_>], everything: bool) -> Result<Ir> {
    let mut b = Builder::new(doc);
    let mut operations = Vec::with_capacity(ops.len());
    let mut fn_scope = Scope::new();
    for reserved in naming::CLIENT_METHODS {
        fn_scope.reserve(reserved);
    }
    for op in ops {
        operations.push(b.operation(op, &mut fn_scope)?);
    }
    if everything {
        b.webhooks(&mut fn_scope)?;
        if doc.api.paths.paths.is_empty() {
            b.all_components()?;
        }
    }
    let keys = std::mem::take(&mut b.keys);
    let mut losses = std::mem::take(&mut b.losses);
    let use_sites = std::mem::take(&mut b.use_sites);
    let mut types = b.finish()?;
    audit::use_sites(&types, &use_sites, &mut losses);
    super::cycles::break_cycles(&mut types);
    if let Some((id, levels)) = super::cycles::deepest(&types) {
        if levels > super::cycles::MAX_LEVELS {
            return Err(Error::new(
                ErrorKind::Limit,
                format!(
                    "the types nest {levels} levels deep from `{}` (in rustc's measure: one per type and per `Option`, more per `Vec`, `Box` and map); rustc's own stack gives out near 2,000, so more than {} are not generated",
                    types[id].name,
                    super::cycles::MAX_LEVELS
                ),
            )
            .in_file(doc.file)
            .at(&types[id].source)
            .help("shorten the chain of schemas holding schemas"));
        }
    }
    derive_defaults(&mut types);
    let (types, operations) = reorder(types, keys, operations);
    let api = doc.api;
    let security_schemes = super::security::schemes(api, &mut losses);
    let security = super::security::requirements(api.security.as_deref().unwrap_or_default());
    let mut ir = Ir {
        title: api.info.title.clone(),
        version: api.info.version.clone(),
        description: api.info.description.as_deref().and_then(docs::rustdoc),
        servers: api
            .servers
            .iter()
            .map(|s| Server {
                url: s.url.clone(),
                docs: s.description.as_deref().and_then(docs::rustdoc),
                variables: s
                    .variables
                    .iter()
                    .flat_map(|vars| vars.iter())
                    .map(|(k, v)| (k.clone(), v.default.clone()))
                    .collect(),
            })
            .collect(),
        types,
        operations,
        losses,
        security_schemes,
        security,
    };
    // Pagination: after `reorder`, which renumbers the types it reads.
    super::pagination::detect_all(&mut ir);
    Ok(ir)
}

/// What a schema is used as at one place: its shape plus what the place says.
struct Use {
    shape: Shape,
    nullable: bool,
    docs: Option<String>,
    deprecated: bool,
    constraints: Constraints,
}

struct Builder<'a> {
    doc: Doc<'a>,
    /// `None` while the type is being built.
    types: Vec<Option<TypeDef>>,
    /// Output order key of each type: (owning component, inline?, creation).
    keys: Vec<(usize, u8, usize)>,
    /// Whether each type is nullable, known before the type is finished.
    nullable: Vec<bool>,
    components: HashMap<&'a str, TypeId>,
    /// Rust name of every component schema, chosen up front in the spec's order
    /// so that a component keeps its name whichever operations are chosen.
    names: HashMap<&'a str, (usize, String)>,
    scope: Scope,
    owner: usize,
    depth: usize,
    /// Each description as rustdoc: descriptions repeat (half of Auth0's
    /// are copies), so each distinct text is converted once.
    docs: HashMap<String, Option<String>>,
    /// What the generated code does not carry over (see `crate::losses`).
    losses: Losses,
    /// Constraints a place adds to a named type, by pointer: whether the
    /// validators check them depends on the type's kind, known at the end.
    use_sites: Vec<(String, TypeId, Constraints)>,
}

impl<'a> Builder<'a> {
    fn new(doc: Doc<'a>) -> Self {
        let mut scope = Scope::new();
        let mut names = HashMap::new();
        if let Some(components) = &doc.api.components {
            for (i, name) in components.schemas.keys().enumerate() {
                names.insert(name.as_str(), (i, scope.unique(naming::type_name(name))));
            }
        }
        Self {
            doc,
            types: Vec::new(),
            keys: Vec::new(),
            nullable: Vec::new(),
            components: HashMap::new(),
            names,
            scope,
            owner: usize::MAX,
            depth: 0,
            docs: HashMap::new(),
            losses: Losses::default(),
            use_sites: Vec::new(),
        }
    }

    /// Remembers the constraints a place adds to a named type (see [`audit::use_sites`]).
    fn defer_use_site(&mut self, at: &str, shape: &Shape, constraints: &Constraints) {
        if let Shape::Named(id) = shape {
            if !constraints.is_empty() {
                self.use_sites
                    .push((at.to_string(), *id, constraints.clone()));
            }
        }
    }

    /// A description as rustdoc (see [`docs::rustdoc`]), converted once per
    /// distinct text.
    fn rustdoc(&mut self, text: Option<&str>) -> Option<String> {
        let text = text?;
        if let Some(done) = self.docs.get(text) {
            return done.clone();
        }
        let done = docs::rustdoc(text);
        self.docs.insert(text.to_string(), done.clone());
        done
    }

    fn finish(self) -> Result<Vec<TypeDef>> {
        self.types
            .into_iter()
            .map(|t| {
                t.ok_or_else(|| {
                    Error::new(
                        ErrorKind::Invalid,
                        "internal error: a type was left unfinished",
                    )
                })
            })
            .collect()
    }

    fn err(&self, at: &str, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
            .in_file(self.doc.file)
            .at(at)
    }

    fn enter(&mut self, at: &str) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new(
                ErrorKind::Limit,
                format!("schemas are nested more than {MAX_DEPTH} levels deep here (through properties, items or a chain of `$ref`s)"),
            )
            .in_file(self.doc.file)
            .at(at)
            .help("shorten the nesting: a schema that contains itself is fine (the cycle is boxed), but this many distinct levels are not supported"));
        }
        Ok(())
    }

    /// Allocates a type id; the definition comes later (cycles can refer to it meanwhile).
    fn allocate(&mut self, key: (usize, u8), nullable: bool) -> TypeId {
        let id = self.types.len();
        self.types.push(None);
        self.keys.push((key.0, key.1, id));
        self.nullable.push(nullable);
        id
    }

    /// The schema a reference names, through chains of `$ref`s (at most 32).
    fn resolved<'s>(&'s self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema> {
        match schema {
            ReferenceOr::Reference { reference } => self.resolved_ref(reference),
            ReferenceOr::Item(schema) => Some(schema),
        }
    }

    fn resolved_ref(&self, reference: &str) -> Option<&Schema> {
        let mut reference = reference.to_string();
        for _ in 0..32 {
            let name = self.doc.schema_name(&reference, "").ok()?;
            match self.doc.schema(name)? {
                ReferenceOr::Item(schema) => return Some(schema),
                ReferenceOr::Reference { reference: next } => reference.clone_from(next),
            }
        }
        None
    }
}

fn nullable_shape(shape: Shape, nullable: bool) -> Shape {
    if nullable && !matches!(shape, Shape::Any | Shape::Nullable(_)) {
        Shape::Nullable(Box::new(shape))
    } else {
        shape
    }
}
