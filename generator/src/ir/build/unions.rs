//! Unions and string enums (OpenAPI `oneOf`/`anyOf` with their
//! `discriminator` → [`Union`], string `enum` → [`Enum`]): the branches'
//! shapes and the variants' names.

use super::{nullable_shape, Builder};
use crate::error::Result;
use crate::ir::schema_view::View;
use crate::ir::{Enum, Shape, TypeId, Union, UnionKind, UnionVariant, Variant};
use crate::naming::{self, Scope};
use openapiv3::{ReferenceOr, Schema};
use std::collections::BTreeSet;

impl Builder<'_> {
    pub(super) fn union(
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

    pub(super) fn type_name(&self, id: TypeId) -> Option<String> {
        if let Some(Some(def)) = self.types.get(id) {
            return Some(def.name.clone());
        }
        // Still being built: a component, whose name is known.
        let (&name, _) = self.components.iter().find(|(_, &v)| v == id)?;
        self.names.get(name).map(|(_, n)| n.clone())
    }
}

/// A string enum; `null` in the list makes the type nullable instead of a variant.
pub(super) fn enumeration(view: &View<'_>) -> Enum {
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

/// A union's discriminator as the IR keeps it: each value of `mapping`
/// whose target is one of the branches (by its reference, or by the
/// component's bare name, as OpenAPI allows), then the implicit value of
/// each branch that is a reference to a component and that no mapping
/// names: the component's name. `None` when no value names a branch.
pub(super) fn discriminator(
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

    pub(super) fn reference(name: &str) -> ReferenceOr<Schema> {
        ReferenceOr::Reference {
            reference: format!("#/components/schemas/{name}"),
        }
    }

    #[test]
    pub(super) fn discriminator_values_name_branches() {
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
