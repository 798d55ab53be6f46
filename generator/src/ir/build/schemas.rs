//! Schemas as the Rust items and shapes that stand for them (OpenAPI schema →
//! [`Shape`] at each place, [`TypeDef`] for each that needs an item of its
//! own): component schemas, inline schemas, primitives, arrays and maps.

use super::unions::{discriminator, enumeration};
use super::{classify, nullable_shape, Builder, Class, Use, MAX_DEPTH};
use crate::error::{pointer_token, Result};
use crate::ir::audit::{self, Place};
use crate::ir::schema_view::{JsonType, View};
use crate::ir::{Constraints, Shape, TypeDef, TypeId, TypeKind};
use crate::naming;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use std::borrow::Borrow;
use std::collections::BTreeSet;

impl<'a> Builder<'a> {
    /// The type of a component schema, built on first use.
    pub(super) fn component(&mut self, reference: &str, at: &str) -> Result<TypeId> {
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
    pub(super) fn nullable_of(
        &self,
        schema: &ReferenceOr<Schema>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
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
    pub(super) fn define(
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
    pub(super) fn use_of<S: Borrow<Schema>>(
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

    pub(super) fn inline(&mut self, schema: &Schema, hint: &str, at: &str) -> Result<Use> {
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
    pub(super) fn plain(
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

    /// The value shape of `additionalProperties`, with the constraints of its schema.
    pub(super) fn additional(
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

    /// Every component schema, in the description's order (a description
    /// without paths: its components are what it is for).
    pub(super) fn all_components(&mut self) -> Result<()> {
        let Some(components) = &self.doc.api.components else {
            return Ok(());
        };
        for name in components.schemas.keys().filter(|n| !n.contains('/')) {
            let at = format!("/components/schemas/{}", pointer_token(name));
            self.component(&format!("#/components/schemas/{name}"), &at)?;
        }
        Ok(())
    }
}
