//! Object schemas as structs (OpenAPI `properties`, `required`,
//! `additionalProperties` and `allOf` → [`Struct`]): fields named uniquely,
//! a property named again replacing the earlier one.

use super::{classify, Builder, Class};
use crate::error::{pointer_token, Result};
use crate::ir::audit::{self, Place};
use crate::ir::schema_view::View;
use crate::ir::{Constraints, Extra, Field, Struct};
use crate::naming::{self, Scope};
use openapiv3::{AdditionalProperties, ReferenceOr};
use std::collections::{HashMap, HashSet};

impl Builder<'_> {
    pub(super) fn structure(
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
        let (extra, extra_constraints) = self.extra(name, view, at)?;
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

    /// What `additionalProperties` makes of the properties not named, with
    /// the constraints of their values.
    fn extra(
        &mut self,
        name: &str,
        view: &View<'_>,
        at: &str,
    ) -> Result<(Extra, Box<Constraints>)> {
        Ok(match view.additional {
            Some(AdditionalProperties::Any(false)) => (Extra::Closed, Box::default()),
            Some(AdditionalProperties::Schema(_)) => {
                let (shape, constraints) = self.additional(name, view.additional, at)?;
                (Extra::Typed(shape), Box::new(constraints))
            }
            _ => (Extra::Open, Box::default()),
        })
    }

    /// `allOf` of several members: one struct with the properties of all of
    /// them (a later member's property replaces an earlier one of the same name).
    pub(super) fn all_of(&mut self, name: &str, view: &View<'_>, at: &str) -> Result<Struct> {
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
}
