//! Schema and operation → IR. Every schema reachable from the chosen
//! operations becomes a [`Shape`], and every one that needs a Rust item of its
//! own (objects, string enums, unions, named components) a [`TypeDef`].

use super::audit::{self, Place};
use super::schema_view::{JsonType, View};
use super::*;
use crate::docs;
use crate::error::{pointer_token, Error, ErrorKind, Result};
use crate::front::resolve::{Doc, SelectedOp};
use crate::losses::Losses;
use crate::naming::{self, Scope};
use openapiv3::{AdditionalProperties, ParameterSchemaOrContent, ReferenceOr, Schema};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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

/// How a schema maps to Rust.
pub(super) enum Class<'s> {
    Struct,
    AllOf,
    Enum,
    Union(UnionKind, &'s [ReferenceOr<Schema>]),
    /// `allOf` with one member and nothing else of its own: the member, with
    /// this schema's description, deprecation and nullability.
    Wrapper(&'s ReferenceOr<Schema>),
    /// A primitive, array or map: no item of its own unless named.
    Plain,
}

fn classify<'s>(view: &View<'s>) -> Class<'s> {
    if !view.one_of.is_empty() {
        return Class::Union(UnionKind::OneOf, view.one_of);
    }
    if !view.any_of.is_empty() {
        return Class::Union(UnionKind::AnyOf, view.any_of);
    }
    if !view.all_of.is_empty() {
        let own = view.properties.is_some_and(|p| !p.is_empty()) || view.additional.is_some();
        return match view.all_of {
            [only] if !own => Class::Wrapper(only),
            _ => Class::AllOf,
        };
    }
    if view.values().next().is_some()
        && (view.ty == Some(JsonType::String) || view.values().all(|v| v.is_string()))
    {
        return Class::Enum;
    }
    if view.properties.is_some_and(|p| !p.is_empty()) {
        return Class::Struct;
    }
    Class::Plain
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

    /// Refuses the keywords that cannot be carried over exactly: a
    /// `multipleOf` that is not positive, a length or count that is not a
    /// non-negative integer, `enum: []`, a lower count above the upper one.
    fn numeric_keywords(&self, view: &View<'_>, at: &str) -> Result<()> {
        let dropped = view.data.extensions.get("x-codegen-dropped");
        let refuse = |keyword: &str, message: String| {
            Err(self
                .err(&format!("{at}/{keyword}"), message)
                .help("correct the keyword in the description"))
        };
        for keyword in [
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties",
        ] {
            // A number that is no count is refused; a value of another JSON
            // type is ignored and reported as a loss (see `audit`).
            if let Some(value) = dropped
                .and_then(|d| d.get(keyword))
                .filter(|v| v.is_number())
            {
                return refuse(
                    keyword,
                    format!("`{keyword}: {value}` must be a non-negative integer"),
                );
            }
        }
        if let Some(value) = dropped.and_then(|d| d.get("enum")) {
            if value.as_array().is_some_and(Vec::is_empty) {
                return refuse("enum", "`enum: []` admits no value at all".to_string());
            }
        }
        let c = &view.constraints;
        if let Some(factor) = c
            .multiple_of
            .filter(|f| f.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater))
        {
            return refuse(
                "multipleOf",
                format!("`multipleOf: {factor}` must be greater than 0"),
            );
        }
        for (low, high, min, max) in [
            ("minLength", "maxLength", c.min_length, c.max_length),
            ("minItems", "maxItems", c.min_items, c.max_items),
            (
                "minProperties",
                "maxProperties",
                c.min_properties,
                c.max_properties,
            ),
        ] {
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    return refuse(
                        low,
                        format!(
                            "`{low}: {min}` is greater than `{high}: {max}`: no value is valid"
                        ),
                    );
                }
            }
        }
        Ok(())
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

    /// The type of a component schema, built on first use.
    fn component(&mut self, reference: &str, at: &str) -> Result<TypeId> {
        let name = self.doc.schema_name(reference, at)?;
        if let Some(&id) = self.components.get(name) {
            return Ok(id);
        }
        let (index, rust_name) = self
            .names
            .get(name)
            .cloned()
            .ok_or_else(|| self.err(at, "internal error: unnamed component"))?;
        let source = format!("/components/schemas/{}", pointer_token(name));
        let schema = self
            .doc
            .schema(name)
            .ok_or_else(|| self.err(at, "internal error: lost component"))?;
        let nullable = self.nullable_of(schema, &mut BTreeSet::new());
        // Components keep their own names: `name` is a `&str` into the document.
        let name: &'a str = self
            .names
            .get_key_value(name)
            .map(|(k, _)| *k)
            .unwrap_or_default();
        let id = self.allocate((index, 0), nullable);
        self.components.insert(name, id);
        let saved = std::mem::replace(&mut self.owner, index);
        let result = match schema {
            ReferenceOr::Reference { reference } => {
                // A chain of aliases is nesting too: bounded like any other.
                self.enter(&source)?;
                let target = self.component(reference, &source)?;
                self.depth -= 1;
                let nullable = self.nullable[target];
                Ok(TypeDef {
                    name: rust_name,
                    source,
                    docs: None,
                    deprecated: false,
                    nullable,
                    constraints: Constraints::default(),
                    kind: TypeKind::Alias(Shape::Named(target)),
                })
            }
            ReferenceOr::Item(schema) => self.define(id, rust_name, source, schema),
        };
        self.owner = saved;
        self.types[id] = Some(result?);
        Ok(id)
    }

    /// Whether a schema allows null, following references and wrappers.
    fn nullable_of(&self, schema: &ReferenceOr<Schema>, seen: &mut BTreeSet<String>) -> bool {
        match schema {
            ReferenceOr::Reference { reference } => {
                // Past the depth limit the build stops with an error anyway.
                if seen.len() > MAX_DEPTH || !seen.insert(reference.clone()) {
                    return false;
                }
                let target = reference
                    .strip_prefix("#/components/schemas/")
                    .and_then(|n| self.doc.schema(n));
                target.is_some_and(|t| self.nullable_of(t, seen))
            }
            ReferenceOr::Item(schema) => {
                let view = View::of(schema);
                match classify(&view) {
                    Class::Wrapper(inner) => view.nullable() || self.nullable_of(inner, seen),
                    _ => view.nullable(),
                }
            }
        }
    }

    /// Builds the item for a schema that gets a name.
    fn define(
        &mut self,
        id: TypeId,
        name: String,
        source: String,
        schema: &Schema,
    ) -> Result<TypeDef> {
        self.enter(&source)?;
        let view = View::of(schema);
        let docs = self.rustdoc(view.data.description.as_deref());
        let deprecated = view.deprecated();
        let nullable = self.nullable[id];
        let mut constraints = self.constraints(&view, &source)?;
        let class = classify(&view);
        audit::schema(
            schema,
            &view,
            &class,
            Place::Schema,
            &source,
            &mut self.losses,
        );
        let kind = match class {
            Class::Struct => TypeKind::Struct(self.structure(&name, &view, &[], &source)?),
            Class::AllOf => TypeKind::Struct(self.all_of(&name, &view, &source)?),
            Class::Enum => TypeKind::Enum(enumeration(&view)),
            Class::Union(kind, branches) => {
                let mut union = self.union(&name, kind, branches, &source)?;
                union.discriminator = view
                    .data
                    .discriminator
                    .as_ref()
                    .and_then(|d| discriminator(d, branches));
                TypeKind::Union(union)
            }
            Class::Wrapper(inner) => {
                let used =
                    self.use_of(inner, &format!("{name}Inner"), &format!("{source}/allOf/0"))?;
                audit::conflicts(&constraints, &used.constraints, &source, &mut self.losses);
                constraints = Constraints::merged(constraints, used.constraints);
                self.defer_use_site(&source, &used.shape, &constraints);
                TypeKind::Alias(used.shape)
            }
            Class::Plain => {
                let (shape, items) = self.plain(&name, &view, &source)?;
                constraints.items = items;
                TypeKind::Alias(shape)
            }
        };
        self.depth -= 1;
        Ok(TypeDef {
            name,
            source,
            docs,
            deprecated,
            nullable,
            constraints,
            kind,
        })
    }

    /// A schema at one place (a property, an item, a branch, a body).
    fn use_of<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        hint: &str,
        at: &str,
    ) -> Result<Use> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let id = self.component(reference, at)?;
                Ok(Use {
                    shape: Shape::Named(id),
                    nullable: self.nullable[id],
                    docs: None,
                    deprecated: false,
                    constraints: Constraints::default(),
                })
            }
            ReferenceOr::Item(schema) => self.inline(schema.borrow(), hint, at),
        }
    }

    fn inline(&mut self, schema: &Schema, hint: &str, at: &str) -> Result<Use> {
        let view = View::of(schema);
        let docs = self.rustdoc(view.data.description.as_deref());
        let deprecated = view.deprecated();
        let class = classify(&view);
        if matches!(class, Class::Wrapper(_) | Class::Plain) {
            // The other classes are defined as types of their own (and audited there).
            audit::schema(schema, &view, &class, Place::Schema, at, &mut self.losses);
        }
        match class {
            Class::Wrapper(inner) => {
                self.enter(at)?;
                let mut used = self.use_of(inner, hint, &format!("{at}/allOf/0"))?;
                self.depth -= 1;
                used.nullable |= view.nullable();
                used.docs = docs.or(used.docs);
                used.deprecated |= deprecated;
                let own = self.constraints(&view, at)?;
                audit::conflicts(&own, &used.constraints, at, &mut self.losses);
                used.constraints = Constraints::merged(own, used.constraints);
                self.defer_use_site(at, &used.shape, &used.constraints);
                Ok(used)
            }
            Class::Plain => {
                self.enter(at)?;
                let (shape, items) = self.plain(hint, &view, at)?;
                self.depth -= 1;
                let mut constraints = self.constraints(&view, at)?;
                constraints.items = items;
                Ok(Use {
                    shape,
                    nullable: view.nullable(),
                    docs,
                    deprecated,
                    constraints,
                })
            }
            _ => {
                let name = self.scope.unique(naming::type_name(hint));
                let id = self.allocate((self.owner, 1), view.nullable());
                let def = self.define(id, name, at.to_string(), schema)?;
                // Deprecation belongs to the place (the field), not to the type made for it.
                self.types[id] = Some(TypeDef {
                    deprecated: false,
                    ..def
                });
                Ok(Use {
                    shape: Shape::Named(id),
                    nullable: view.nullable(),
                    docs,
                    deprecated,
                    constraints: Constraints::default(),
                })
            }
        }
    }

    /// Primitives, arrays and maps, with the constraints of their elements.
    fn plain(
        &mut self,
        hint: &str,
        view: &View<'_>,
        at: &str,
    ) -> Result<(Shape, Option<Box<Constraints>>)> {
        let mut items = Constraints::default();
        let shape = match view.ty {
            Some(JsonType::String) => Shape::String,
            Some(JsonType::Integer) => Shape::Integer(view.int_width),
            Some(JsonType::Number) => Shape::Number,
            Some(JsonType::Boolean) => Shape::Boolean,
            Some(JsonType::Array) => match view.items {
                Some(item_schema) => {
                    let item =
                        self.use_of(item_schema, &format!("{hint}Item"), &format!("{at}/items"))?;
                    items = item.constraints;
                    Shape::Array(Box::new(nullable_shape(item.shape, item.nullable)))
                }
                None => Shape::Array(Box::new(Shape::Any)),
            },
            Some(JsonType::Object) => {
                let (value, constraints) = self.additional(hint, view.additional, at)?;
                items = constraints;
                Shape::Map(Box::new(value))
            }
            None if view.additional.is_some() => {
                let (value, constraints) = self.additional(hint, view.additional, at)?;
                items = constraints;
                Shape::Map(Box::new(value))
            }
            None => Shape::Any,
        };
        let items = (!items.is_empty()).then(|| Box::new(items));
        Ok((shape, items))
    }

    /// The constraints a schema states itself: the keywords of the view, its
    /// `pattern` compiled (a bad one is reported here, not when the generated
    /// code runs) and the values of an `enum` that is not a string enum.
    fn constraints(&mut self, view: &View<'_>, at: &str) -> Result<Constraints> {
        self.numeric_keywords(view, at)?;
        let mut c = view.constraints.clone();
        if let Some(source) = view.pattern {
            // One pattern never stops a description: one that does not
            // compile (even rewritten from another dialect) is not checked,
            // and the report says so.
            match Pattern::compile(source) {
                Ok(pattern) => c.pattern = Some(pattern),
                Err(e) => self.losses.not_enforced(
                    at,
                    "pattern",
                    format!("the pattern {source:?} is not an ECMA-262 regular expression ({e}), nor one rewritten exactly from another dialect; it is not checked"),
                ),
            }
        }
        if !view.enumeration.is_empty() && !matches!(classify(view), Class::Enum) {
            // `null` is a matter of nullability; an enum of `null` alone allows no other value.
            c.allowed = Some(view.values().cloned().collect());
        }
        Ok(c)
    }

    /// The value shape of `additionalProperties`, with the constraints of its schema.
    fn additional(
        &mut self,
        hint: &str,
        additional: Option<&AdditionalProperties>,
        at: &str,
    ) -> Result<(Shape, Constraints)> {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.use_of(
                    schema.as_ref(),
                    &format!("{hint}Value"),
                    &format!("{at}/additionalProperties"),
                )?;
                Ok((
                    nullable_shape(value.shape, value.nullable),
                    value.constraints,
                ))
            }
            _ => Ok((Shape::Any, Constraints::default())),
        }
    }

    fn structure(
        &mut self,
        name: &str,
        view: &View<'_>,
        inherited: &[Field],
        at: &str,
    ) -> Result<Struct> {
        let mut fields: Vec<Field> = inherited.to_vec();
        let mut scope = Scope::new();
        for f in &fields {
            scope.reserve(&f.name);
        }
        // Sets and an index instead of searches: a schema may have 100,000 properties.
        let required_set: HashSet<&str> = view.required.iter().map(String::as_str).collect();
        let mut index: HashMap<String, usize> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.wire.clone(), i))
            .collect();
        if let Some(properties) = view.properties {
            for (wire, prop) in properties {
                let field_at = format!("{at}/properties/{}", pointer_token(wire));
                let hint = format!("{name}{}", naming::type_name(wire));
                let used = self.use_of(prop, &hint, &field_at)?;
                let required = required_set.contains(wire.as_str());
                let field = Field {
                    name: String::new(),
                    wire: wire.clone(),
                    docs: used.docs,
                    deprecated: used.deprecated,
                    required,
                    nullable: used.nullable,
                    shape: used.shape,
                    boxed: false,
                    constraints: used.constraints,
                };
                // A property named again (by a later `allOf` member) replaces the earlier one.
                if let Some(existing) = index.get(wire).map(|&i| &mut fields[i]) {
                    audit::redeclared(existing, &field, &field_at, &mut self.losses);
                    *existing = Field {
                        name: existing.name.clone(),
                        required: required || existing.required,
                        ..field
                    };
                } else {
                    index.insert(wire.clone(), fields.len());
                    fields.push(Field {
                        name: scope.unique(naming::field_name(wire)),
                        ..field
                    });
                }
            }
        }
        for f in &mut fields {
            f.required |= required_set.contains(f.wire.as_str());
        }
        let mut extra_constraints = Box::default();
        let extra = match view.additional {
            Some(AdditionalProperties::Any(false)) => Extra::Closed,
            Some(AdditionalProperties::Schema(_)) => {
                let (shape, constraints) = self.additional(name, view.additional, at)?;
                extra_constraints = Box::new(constraints);
                Extra::Typed(shape)
            }
            _ => Extra::Open,
        };
        let mut required_extra: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for name in view.required {
            if !index.contains_key(name) && seen.insert(name) {
                required_extra.push(name.clone());
            }
        }
        Ok(Struct {
            fields,
            extra_field: scope.unique("extra".into()),
            extra,
            derives_default: true,
            required_extra,
            extra_constraints,
        })
    }

    /// `allOf` of several members: one struct with the properties of all of
    /// them (a later member's property replaces an earlier one of the same name).
    fn all_of(&mut self, name: &str, view: &View<'_>, at: &str) -> Result<Struct> {
        let mut merged: Vec<Field> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut required_extra: Vec<String> = Vec::new();
        for (i, member) in view.all_of.iter().enumerate() {
            let member_at = format!("{at}/allOf/{i}");
            let (schema, member_at) = match member {
                ReferenceOr::Reference { reference } => {
                    let target = self.doc.schema_name(reference, &member_at)?;
                    match self.doc.schema(target) {
                        Some(ReferenceOr::Item(s)) => {
                            (s, format!("/components/schemas/{}", pointer_token(target)))
                        }
                        // A member that is itself only a reference adds no properties of its own.
                        _ => continue,
                    }
                }
                ReferenceOr::Item(s) => (s, member_at),
            };
            self.enter(&member_at)?;
            let member_view = View::of(schema);
            let class = classify(&member_view);
            audit::schema(
                schema,
                &member_view,
                &class,
                Place::AllOfMember,
                &member_at,
                &mut self.losses,
            );
            let part = match class {
                Class::AllOf => self.all_of(name, &member_view, &member_at)?,
                _ => self.structure(name, &member_view, &[], &member_at)?,
            };
            self.depth -= 1;
            required_extra.extend(part.required_extra);
            for field in part.fields {
                match index.get(&field.wire).map(|&i| &mut merged[i]) {
                    Some(existing) => {
                        audit::redeclared(
                            existing,
                            &field,
                            &format!("{member_at}/properties/{}", pointer_token(&field.wire)),
                            &mut self.losses,
                        );
                        *existing = Field {
                            required: existing.required || field.required,
                            ..field
                        }
                    }
                    None => {
                        index.insert(field.wire.clone(), merged.len());
                        merged.push(field);
                    }
                }
            }
        }
        let mut own = self.structure(name, view, &merged, at)?;
        let mut known: HashSet<String> = own.fields.iter().map(|f| f.wire.clone()).collect();
        known.extend(own.required_extra.iter().cloned());
        for required in required_extra {
            if known.insert(required.clone()) {
                own.required_extra.push(required);
            }
        }
        // Names were chosen per member; make them unique across the merge.
        let mut scope = Scope::new();
        for f in &mut own.fields {
            f.name = scope.unique(naming::field_name(&f.wire));
        }
        own.extra_field = scope.unique("extra".into());
        Ok(own)
    }

    fn union(
        &mut self,
        name: &str,
        kind: UnionKind,
        branches: &[ReferenceOr<Schema>],
        at: &str,
    ) -> Result<Union> {
        let keyword = if kind == UnionKind::OneOf {
            "oneOf"
        } else {
            "anyOf"
        };
        let mut uses = Vec::with_capacity(branches.len());
        for (i, branch) in branches.iter().enumerate() {
            let used = self.use_of(
                branch,
                &format!("{name}Variant{i}"),
                &format!("{at}/{keyword}/{i}"),
            )?;
            uses.push((nullable_shape(used.shape, used.nullable), used.constraints));
        }
        // Variant names: the branch's type name without the prefix it shares with the union.
        let mut scope = Scope::new();
        scope.reserve("Unknown");
        let variants = uses
            .into_iter()
            .map(|(shape, constraints)| {
                let base = match &shape {
                    Shape::Named(id) => self
                        .type_name(*id)
                        .map(|n| strip_common_prefix(name, &n))
                        .unwrap_or_else(|| "Variant".into()),
                    other => shape_word(other).to_string(),
                };
                UnionVariant {
                    name: scope.unique(base),
                    shape,
                    boxed: false,
                    constraints,
                }
            })
            .collect();
        Ok(Union {
            kind,
            variants,
            unknown: "Unknown".into(),
            discriminator: None,
        })
    }

    fn type_name(&self, id: TypeId) -> Option<String> {
        if let Some(Some(def)) = self.types.get(id) {
            return Some(def.name.clone());
        }
        // Still being built: a component, whose name is known.
        let (&name, _) = self.components.iter().find(|(_, &v)| v == id)?;
        self.names.get(name).map(|(_, n)| n.clone())
    }

    /// The payload types of the webhooks (OpenAPI 3.1 `webhooks`, kept by
    /// the normaliser under `x-codegen-dropped`): each operation's request
    /// body, and its responses, as types and validators. A webhook is
    /// received, not called: it has no client method.
    fn webhooks(&mut self, fn_scope: &mut Scope) -> Result<()> {
        let Some(webhooks) = self
            .doc
            .api
            .extensions
            .get("x-codegen-dropped")
            .and_then(|d| d.get("webhooks"))
            .and_then(|w| w.as_object())
        else {
            return Ok(());
        };
        for (name, item) in webhooks {
            let at = format!("/webhooks/{}", pointer_token(name));
            let item: openapiv3::PathItem = match serde_json::from_value(item.clone()) {
                Ok(item) => item,
                // A webhook that is itself a `$ref` to a path item, or not
                // one at all: nothing to type.
                Err(_) => continue,
            };
            for (method, op) in item.iter() {
                let sel = SelectedOp {
                    path: name,
                    method: crate::front::resolve::method_name(method),
                    op,
                    path_params: &item.parameters,
                    pointer: format!("{at}/{method}"),
                };
                // Built like an operation for its types; the operation itself is dropped.
                let mut scope = fn_scope.clone();
                self.operation(&sel, &mut scope)?;
            }
        }
        Ok(())
    }

    /// Every component schema, in the description's order (a description
    /// without paths: its components are what it is for).
    fn all_components(&mut self) -> Result<()> {
        let Some(components) = &self.doc.api.components else {
            return Ok(());
        };
        for name in components.schemas.keys().filter(|n| !n.contains('/')) {
            let at = format!("/components/schemas/{}", pointer_token(name));
            self.component(&format!("#/components/schemas/{name}"), &at)?;
        }
        Ok(())
    }

    /// A parameter's `style` and `explode` (by default `true` for `form`,
    /// `false` for the others). `spaceDelimited` and `pipeDelimited` with
    /// `explode: true`, which OpenAPI does not define, are sent in the
    /// exploded `form` style instead (`a=1&a=2`), recorded as a loss.
    fn param_style(&mut self, p: &openapiv3::Parameter, at: &str) -> ParamStyle {
        use openapiv3::{Parameter, PathStyle, QueryStyle};
        let explode = p.parameter_data_ref().explode;
        if let Parameter::Query {
            allow_reserved: true,
            ..
        } = p
        {
            self.losses.not_enforced(
                at,
                "allowReserved",
                "reserved characters (`:/?#[]@!$&'()*+,;=`) in the value are percent-encoded all the same",
            );
        }
        match p {
            Parameter::Query { style, .. } => match style {
                QueryStyle::Form => ParamStyle::Form {
                    explode: explode.unwrap_or(true),
                },
                QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited if explode == Some(true) => {
                    let name = match style {
                        QueryStyle::SpaceDelimited => "spaceDelimited",
                        _ => "pipeDelimited",
                    };
                    self.losses.not_enforced(
                        at,
                        "explode",
                        format!(
                            "`{name}` with `explode: true` is not defined by OpenAPI: \
                             the value is sent in the exploded `form` style (`a=1&a=2`)"
                        ),
                    );
                    ParamStyle::Form { explode: true }
                }
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            },
            Parameter::Path { style, .. } => {
                let explode = explode.unwrap_or(false);
                match style {
                    PathStyle::Simple => ParamStyle::Simple { explode },
                    PathStyle::Label => ParamStyle::Label { explode },
                    PathStyle::Matrix => ParamStyle::Matrix { explode },
                }
            }
            Parameter::Header { .. } => ParamStyle::Simple {
                explode: explode.unwrap_or(false),
            },
            Parameter::Cookie { .. } => ParamStyle::Form {
                explode: explode.unwrap_or(true),
            },
        }
    }

    fn operation(&mut self, sel: &SelectedOp<'_>, fn_scope: &mut Scope) -> Result<Operation> {
        let op = sel.op;
        let id = op
            .operation_id
            .clone()
            .unwrap_or_else(|| derived_id(sel.method, sel.path));
        let fn_name = fn_scope.unique(naming::field_name(&id));
        let type_base = naming::type_name(&id);
        self.owner = usize::MAX;

        // Path-level parameters first; the operation's own replace those with the same name and place.
        let mut params: Vec<Param> = Vec::new();
        let mut param_scope = Scope::new();
        for (i, p) in sel.path_params.iter().chain(&op.parameters).enumerate() {
            let at = if i < sel.path_params.len() {
                format!("/paths/{}/parameters/{i}", pointer_token(sel.path))
            } else {
                format!("{}/parameters/{}", sel.pointer, i - sel.path_params.len())
            };
            let p = self.doc.parameter(p, &at)?;
            let data = p.parameter_data_ref();
            let style = self.param_style(p, &at);
            let location = match p {
                openapiv3::Parameter::Path { .. } => ParamLocation::Path,
                openapiv3::Parameter::Query { .. } => ParamLocation::Query,
                openapiv3::Parameter::Header { .. } => ParamLocation::Header,
                openapiv3::Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            // OpenAPI: header parameters with these names are ignored (the
            // body's media type, the response's and the security scheme say them).
            if location == ParamLocation::Header
                && ["content-type", "accept", "authorization"]
                    .iter()
                    .any(|n| data.name.eq_ignore_ascii_case(n))
            {
                continue;
            }
            let shape = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    let used = self.use_of(
                        s,
                        &format!("{type_base}{}", naming::type_name(&data.name)),
                        &format!("{at}/schema"),
                    )?;
                    nullable_shape(used.shape, used.nullable)
                }
                ParameterSchemaOrContent::Content(_) => {
                    self.losses.untyped_by(
                        format!("{at}/content"),
                        "content",
                        "a parameter described by `content` rather than `schema` is untyped",
                    );
                    Shape::Any
                }
            };
            let required = data.required || location == ParamLocation::Path;
            // An optional parameter is already an `Option`: its `null` is its absence.
            let shape = match shape {
                Shape::Nullable(inner) if !required => *inner,
                shape => shape,
            };
            let param = Param {
                name: data.name.clone(),
                rust_name: String::new(),
                location,
                required,
                docs: self.rustdoc(data.description.as_deref()),
                shape,
                style,
            };
            match params
                .iter_mut()
                .find(|q| q.name == param.name && q.location == location)
            {
                Some(existing) => {
                    *existing = Param {
                        rust_name: existing.rust_name.clone(),
                        ..param
                    }
                }
                None => params.push(Param {
                    rust_name: param_scope.unique(naming::field_name(&param.name)),
                    ..param
                }),
            }
        }

        // Path parameters first, in the order of the path template (they are
        // the method's arguments); the others keep the description's order.
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => (0, template_position(sel.path, &p.name)),
            _ => (1, 0),
        });

        let body = match &op.request_body {
            None => None,
            Some(body) => {
                let at = format!("{}/requestBody", sel.pointer);
                let body = self.doc.request_body(body, &at)?;
                match pick_request_media(&body.content) {
                    None => None,
                    Some((content_type, media)) => {
                        let media_at =
                            format!("{at}/content/{}/schema", pointer_token(content_type));
                        let shape = match &media.schema {
                            Some(s) => {
                                let used =
                                    self.use_of(s, &format!("{type_base}Body"), &media_at)?;
                                nullable_shape(used.shape, used.nullable)
                            }
                            None => Shape::Any,
                        };
                        let files = match (&media.schema, is_multipart(content_type)) {
                            (Some(schema), true) => {
                                self.losses.not_enforced(
                                    &media_at,
                                    "properties",
                                    "a multipart/form-data body is sent from its parts: the constraints of its fields are not checked before sending",
                                );
                                self.file_properties(schema)
                            }
                            _ => Vec::new(),
                        };
                        Some(Body {
                            content_type: content_type.to_string(),
                            required: body.required,
                            docs: self.rustdoc(body.description.as_deref()),
                            shape,
                            media_types: body.content.keys().cloned().collect(),
                            files,
                        })
                    }
                }
            }
        };

        let mut responses = Vec::new();
        let statuses = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| (code.to_string(), r))
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| ("default".to_string(), r)),
            );
        for (status, response) in statuses {
            let at = format!("{}/responses/{}", sel.pointer, pointer_token(&status));
            let response = self.doc.response(response, &at)?;
            // Server-sent events: the property the `event:` field fills.
            let event_property = pick_media(&response.content)
                .filter(|(content_type, _)| is_event_stream(content_type))
                .and_then(|(_, media)| self.resolved(media.schema.as_ref()?))
                .and_then(|schema| schema.schema_data.discriminator.as_ref())
                .filter(|d| {
                    d.extensions.get("x-discriminator-context")
                        == Some(&serde_json::Value::from("protocol"))
                })
                .map(|d| d.property_name.clone());
            let (content_type, shape) = match pick_media(&response.content) {
                None => (None, None),
                Some((content_type, media)) => {
                    let media_at = format!("{at}/content/{}/schema", pointer_token(content_type));
                    let shape = match &media.schema {
                        Some(s) => {
                            let used = self.use_of(
                                s,
                                &format!("{type_base}Response{}", naming::type_name(&status)),
                                &media_at,
                            )?;
                            nullable_shape(used.shape, used.nullable)
                        }
                        None => Shape::Any,
                    };
                    (Some(content_type.to_string()), Some(shape))
                }
            };
            responses.push(Response {
                status,
                docs: descriptions(&response.description, &response.extensions),
                content_type,
                shape,
                media_types: response.content.keys().cloned().collect(),
                event_property,
                headers: response.headers.keys().cloned().collect(),
            });
        }

        let requirements = op.security.as_ref().or(self.doc.api.security.as_ref());
        let mut scopes: Vec<String> = Vec::new();
        for requirement in requirements.into_iter().flatten() {
            for list in requirement.values() {
                for scope in list {
                    if !scopes.contains(scope) {
                        scopes.push(scope.clone());
                    }
                }
            }
        }

        Ok(Operation {
            id,
            fn_name,
            method: sel.method.to_string(),
            path: sel.path.to_string(),
            summary: op.summary.clone(),
            docs: self.rustdoc(op.description.as_deref()),
            deprecated: op.deprecated
                || op
                    .extensions
                    .get("x-release-lifecycle")
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| s.eq_ignore_ascii_case("deprecated")),
            tags: op.tags.clone(),
            params,
            body,
            responses,
            scopes,
            security: op.security.as_deref().map(super::security::requirements),
            group: operation_group(&op.extensions),
            pagination: None,
        })
    }
}

/// `x-operation-group` (a string or an array of strings) and
/// `x-operation-name`; anything else there is ignored, as the extensions are
/// only used to place the client's methods in groups.
fn operation_group(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Option<OperationGroup> {
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let path = match extensions.get("x-operation-group")? {
        serde_json::Value::Array(items) => items.iter().map(text).collect::<Option<Vec<_>>>()?,
        other => vec![text(other)?],
    };
    let name = text(extensions.get("x-operation-name")?)?;
    (!path.is_empty()).then_some(OperationGroup { path, name })
}

/// A string enum; `null` in the list makes the type nullable instead of a variant.
fn enumeration(view: &View<'_>) -> Enum {
    let mut scope = Scope::new();
    scope.reserve("Unknown");
    let mut seen = BTreeSet::new();
    let variants = view
        .values()
        .map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .filter(|value| seen.insert(value.clone()))
        .map(|value| Variant {
            name: scope.unique(naming::variant_name(&value)),
            value,
        })
        .collect();
    Enum {
        variants,
        unknown: "Unknown".into(),
    }
}

fn nullable_shape(shape: Shape, nullable: bool) -> Shape {
    if nullable && !matches!(shape, Shape::Any | Shape::Nullable(_)) {
        Shape::Nullable(Box::new(shape))
    } else {
        shape
    }
}

fn shape_word(shape: &Shape) -> &'static str {
    match shape {
        Shape::String => "String",
        Shape::Integer(_) => "Integer",
        Shape::Number => "Number",
        Shape::Boolean => "Boolean",
        Shape::Any => "Any",
        Shape::Array(_) => "Array",
        Shape::Map(_) => "Map",
        Shape::Nullable(inner) => shape_word(inner),
        Shape::Named(_) => "Variant",
    }
}

/// `ConnectionUpstreamAlias` in `ConnectionUpstreamAdditionalProperties` → `Alias`.
fn strip_common_prefix(union: &str, variant: &str) -> String {
    let words = |s: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in s.chars() {
            match out.last_mut() {
                Some(w) if !c.is_ascii_uppercase() => w.push(c),
                _ => out.push(c.to_string()),
            }
        }
        out
    };
    let (u, v) = (words(union), words(variant));
    let common = u.iter().zip(&v).take_while(|(a, b)| a == b).count();
    let rest: String = v[common.min(v.len())..].concat();
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        variant.to_string()
    } else {
        rest
    }
}

fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    let is_json = |ct: &str| {
        let ct = ct.split(';').next().unwrap_or(ct).trim();
        ct == "application/json" || ct.ends_with("+json")
    };
    content
        .iter()
        .find(|(ct, _)| is_json(ct))
        .or_else(|| content.iter().next())
        .map(|(ct, m)| (ct.as_str(), m))
}

/// Whether a media type is `text/event-stream` (server-sent events).
pub fn is_event_stream(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case("text/event-stream")
}

/// The media type of a request body: JSON when there is one (as for
/// responses), else a form (`application/x-www-form-urlencoded`, then
/// `multipart/form-data`), else the first.
fn pick_request_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    let essence = |ct: &str| {
        ct.split(';')
            .next()
            .unwrap_or(ct)
            .trim()
            .to_ascii_lowercase()
    };
    let form = content
        .iter()
        .find(|(ct, _)| essence(ct) == "application/x-www-form-urlencoded")
        .or_else(|| content.iter().find(|(ct, _)| is_multipart(ct)));
    match (pick_media(content), form) {
        (Some((ct, _)), Some((form, media))) if !is_json_media(ct) => Some((form.as_str(), media)),
        (picked, _) => picked,
    }
}

fn is_json_media(ct: &str) -> bool {
    let ct = ct.split(';').next().unwrap_or(ct).trim();
    ct == "application/json" || ct.ends_with("+json")
}

fn is_multipart(ct: &str) -> bool {
    let ct = ct.split(';').next().unwrap_or(ct).trim();
    ct.eq_ignore_ascii_case("multipart/form-data")
}

impl Builder<'_> {
    /// The properties of a `multipart/form-data` body's schema that are
    /// files (see [`Builder::is_file`]), or arrays of files, by wire name:
    /// those of the schema itself and of its `allOf` members.
    fn file_properties(&self, schema: &ReferenceOr<Schema>) -> Vec<String> {
        let mut out = Vec::new();
        let mut pending = vec![(schema, 0)];
        while let Some((schema, depth)) = pending.pop() {
            let Some(schema) = self.resolved(schema) else {
                continue;
            };
            let view = View::of(schema);
            for (wire, property) in view.properties.into_iter().flatten() {
                let property = match property {
                    ReferenceOr::Reference { reference } => self.resolved_ref(reference),
                    ReferenceOr::Item(schema) => Some(schema.as_ref()),
                };
                let Some(property) = property else { continue };
                let items = View::of(property).items.and_then(|items| match items {
                    ReferenceOr::Reference { reference } => self.resolved_ref(reference),
                    ReferenceOr::Item(schema) => Some(schema.as_ref()),
                });
                if (is_file(property) || items.is_some_and(is_file)) && !out.contains(wire) {
                    out.push(wire.clone());
                }
            }
            if depth < 8 {
                pending.extend(view.all_of.iter().rev().map(|member| (member, depth + 1)));
            }
        }
        out
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

/// Whether a schema is a file in a multipart body: a string of `format:
/// binary`, or (OpenAPI 3.1) one with `contentMediaType` or
/// `contentEncoding`.
fn is_file(schema: &Schema) -> bool {
    let view = View::of(schema);
    let dropped = view.data.extensions.get("x-codegen-dropped");
    let content = |keyword: &str| dropped.and_then(|d| d.get(keyword)).is_some();
    matches!(view.ty, Some(JsonType::String) | None)
        && (view.constraints.format.as_deref() == Some("binary")
            || content("contentMediaType")
            || content("contentEncoding"))
}

/// `description`, then `x-description-1`, `x-description-2`, … by number.
fn descriptions(
    description: &str,
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Vec<String> {
    let mut extra: BTreeMap<u64, &str> = BTreeMap::new();
    for (k, v) in extensions {
        if let (Some(n), Some(text)) = (
            k.strip_prefix("x-description-")
                .and_then(|n| n.parse().ok()),
            v.as_str(),
        ) {
            extra.insert(n, text);
        }
    }
    std::iter::once(description)
        .chain(extra.into_values())
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim().to_string())
        .collect()
}

/// Where `{name}` stands in a path template (after every placeholder when it does not).
fn template_position(path: &str, name: &str) -> usize {
    path.find(&format!("{{{name}}}")).unwrap_or(path.len())
}

/// A name for an operation without an operationId: `patch /connections/{id}` → `patch_connections_by_id`.
fn derived_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                id.push_str("by_");
                id.push_str(param);
            }
            None => id.push_str(segment),
        }
    }
    id
}

/// Structs derive `Default` when every required field can take a default.
fn derive_defaults(types: &mut [TypeDef]) {
    loop {
        let mut changed = false;
        for i in 0..types.len() {
            let TypeKind::Struct(s) = &types[i].kind else {
                continue;
            };
            if !s.derives_default {
                continue;
            }
            let ok = s
                .fields
                .iter()
                .all(|f| !f.required || f.nullable || super::shape_has_default(types, &f.shape, 0));
            if !ok {
                if let TypeKind::Struct(s) = &mut types[i].kind {
                    s.derives_default = false;
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Sorts types by their key (component order, then inline types after their
/// component) and renumbers every reference.
fn reorder(
    types: Vec<TypeDef>,
    keys: Vec<(usize, u8, usize)>,
    mut operations: Vec<Operation>,
) -> (Vec<TypeDef>, Vec<Operation>) {
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut new_id = vec![0; types.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    let mut slots: Vec<Option<TypeDef>> = types.into_iter().map(Some).collect();
    let mut sorted: Vec<TypeDef> = order.iter().filter_map(|&old| slots[old].take()).collect();
    for def in &mut sorted {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    renumber(&mut f.shape, &new_id);
                }
                if let Extra::Typed(shape) = &mut s.extra {
                    renumber(shape, &new_id);
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    renumber(&mut v.shape, &new_id);
                }
            }
            TypeKind::Alias(shape) | TypeKind::Newtype { shape, .. } => renumber(shape, &new_id),
            TypeKind::Enum(_) => {}
        }
    }
    for op in &mut operations {
        for p in &mut op.params {
            renumber(&mut p.shape, &new_id);
        }
        if let Some(b) = &mut op.body {
            renumber(&mut b.shape, &new_id);
        }
        for r in &mut op.responses {
            if let Some(s) = &mut r.shape {
                renumber(s, &new_id);
            }
        }
    }
    (sorted, operations)
}

fn renumber(shape: &mut Shape, new_id: &[usize]) {
    match shape {
        Shape::Named(id) => *id = new_id[*id],
        Shape::Array(inner) | Shape::Map(inner) | Shape::Nullable(inner) => renumber(inner, new_id),
        _ => {}
    }
}

/// A union's discriminator as the IR keeps it: each value of `mapping`
/// whose target is one of the branches (by its reference, or by the
/// component's bare name, as OpenAPI allows), then the implicit value of
/// each branch that is a reference to a component and that no mapping
/// names: the component's name. `None` when no value names a branch.
fn discriminator(
    d: &openapiv3::Discriminator,
    branches: &[ReferenceOr<Schema>],
) -> Option<crate::ir::Discriminator> {
    let references: Vec<Option<&str>> = branches
        .iter()
        .map(|b| match b {
            ReferenceOr::Reference { reference } => Some(reference.as_str()),
            ReferenceOr::Item(_) => None,
        })
        .collect();
    let component = |reference: &str| {
        reference
            .strip_prefix("#/components/schemas/")
            .map(str::to_string)
    };
    let mut tags = Vec::new();
    for (value, target) in &d.mapping {
        let index = references.iter().position(|r| {
            r.is_some_and(|r| r == target || component(r).as_deref() == Some(target))
        });
        if let Some(index) = index {
            tags.push((value.clone(), index));
        }
    }
    for (index, reference) in references.iter().enumerate() {
        let Some(name) = reference.and_then(component) else {
            continue;
        };
        if !tags.iter().any(|(_, i)| *i == index) && !tags.iter().any(|(v, _)| *v == name) {
            tags.push((name, index));
        }
    }
    (!tags.is_empty()).then(|| crate::ir::Discriminator {
        property: d.property_name.clone(),
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(name: &str) -> ReferenceOr<Schema> {
        ReferenceOr::Reference {
            reference: format!("#/components/schemas/{name}"),
        }
    }

    #[test]
    fn discriminator_values_name_branches() {
        let branches = [
            reference("Cat"),
            reference("Dog"),
            ReferenceOr::Item(Schema {
                schema_data: Default::default(),
                schema_kind: openapiv3::SchemaKind::Any(Default::default()),
            }),
            reference("Bird"),
        ];
        let mut d = openapiv3::Discriminator {
            property_name: "kind".into(),
            ..Default::default()
        };
        d.mapping
            .insert("cat".into(), "#/components/schemas/Cat".into());
        // A bare component name, as OpenAPI allows.
        d.mapping.insert("dog".into(), "Dog".into());
        // A target that is no branch is left out.
        d.mapping
            .insert("fish".into(), "#/components/schemas/Fish".into());
        let found = discriminator(&d, &branches).expect("a discriminator");
        assert_eq!(found.property, "kind");
        // `Bird`, which no mapping names, by its implicit name.
        assert_eq!(
            found.tags,
            [("cat".into(), 0), ("dog".into(), 1), ("Bird".into(), 3)]
        );
        let inline = [branches[2].clone()];
        assert!(discriminator(&d, &inline).is_none());
    }
}
