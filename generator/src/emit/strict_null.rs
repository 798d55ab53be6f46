//! Reading `null` in a request type. A type that only request bodies use is
//! read strictly: `null` in an optional field that the description does not
//! allow to be null is a serde error that names the field (otherwise
//! `{"display_name": null}` would read as an absent field, and a body read
//! from a file would be sent as something else). A type that a response
//! uses, or a parameter, is read tolerantly: such a `null` is an absent field.
//!
//! `deserialize_with` takes a path, not arguments: such a field is read by
//! `not_null::<_, _, N>` of the `types` module, `N` the index of its name in
//! the module's `NOT_NULL_FIELDS`, which calls the runtime's `not_null`.

use crate::ir::{Extra, Field, Ir, Shape, TypeDef, TypeId, TypeKind};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Which types are read strictly, and the function for each field name.
#[derive(Debug, Default)]
pub struct StrictNull {
    /// Names of the types only request bodies use.
    request_only: BTreeSet<String>,
    /// Wire name → its index in `NOT_NULL_FIELDS`, for the fields read strictly.
    fields: BTreeMap<String, usize>,
}

impl StrictNull {
    pub fn new(ir: &Ir) -> StrictNull {
        let mut requests = Vec::new();
        let mut others = Vec::new();
        for op in &ir.operations {
            requests.extend(op.body.iter().map(|body| &body.shape));
            others.extend(op.params.iter().map(|param| &param.shape));
            others.extend(op.responses.iter().filter_map(|r| r.shape.as_ref()));
        }
        let from_requests = reachable(ir, requests);
        let from_others = reachable(ir, others);
        let mut strict = StrictNull::default();
        for (id, def) in ir.types.iter().enumerate() {
            if !from_requests[id] || from_others[id] {
                continue;
            }
            strict.request_only.insert(def.name.clone());
            if let TypeKind::Struct(s) = &def.kind {
                for f in s.fields.iter().filter(|f| reads_strictly(f)) {
                    strict.fields.insert(f.wire.clone(), 0);
                }
            }
        }
        // Numbered in the order of the names, whatever the order of the types.
        for (index, slot) in strict.fields.values_mut().enumerate() {
            *slot = index;
        }
        strict
    }

    /// The `deserialize_with` path of a field of `def`, when it is read strictly.
    pub fn field(&self, def: &TypeDef, f: &Field) -> Option<String> {
        if !self.request_only.contains(&def.name) || !reads_strictly(f) {
            return None;
        }
        let index = self.fields.get(&f.wire)?;
        Some(format!("not_null::<_, _, {index}>"))
    }

    /// The names and the function, for the start of the `types` module.
    pub fn functions(&self) -> Option<TokenStream> {
        if self.fields.is_empty() {
            return None;
        }
        let count = Literal::usize_unsuffixed(self.fields.len());
        let names = self.fields.keys();
        Some(quote! {
            /// The fields of request types that do not allow null, by name.
            static NOT_NULL_FIELDS: [&str; #count] = [#(#names),*];

            /// Reads an optional field of a request type that the description
            /// does not allow to be null (`FIELD` indexes its name): `null` is
            /// an error that names the field.
            #[doc(hidden)]
            pub fn not_null<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>, const FIELD: usize>(deserializer: D) -> Result<Option<T>, D::Error> {
                super::runtime::not_null(deserializer, NOT_NULL_FIELDS[FIELD])
            }
        })
    }
}

/// An optional field that does not allow null, of a type that cannot hold
/// null itself (`serde_json::Value` reads null as a value).
fn reads_strictly(f: &Field) -> bool {
    !f.required && !f.nullable && !matches!(f.shape, Shape::Any)
}

/// The types each of `roots` reaches.
fn reachable<'a>(ir: &'a Ir, roots: Vec<&'a Shape>) -> Vec<bool> {
    let mut seen = vec![false; ir.types.len()];
    let mut stack: Vec<&Shape> = roots;
    while let Some(shape) = stack.pop() {
        match shape {
            Shape::Array(inner) | Shape::Map(inner) | Shape::Nullable(inner) => stack.push(inner),
            Shape::Named(id) => visit(ir, *id, &mut seen, &mut stack),
            _ => {}
        }
    }
    seen
}

fn visit<'a>(ir: &'a Ir, id: TypeId, seen: &mut [bool], stack: &mut Vec<&'a Shape>) {
    if seen[id] {
        return;
    }
    seen[id] = true;
    match &ir.type_def(id).kind {
        TypeKind::Struct(s) => {
            stack.extend(s.fields.iter().map(|f| &f.shape));
            if let Extra::Typed(shape) = &s.extra {
                stack.push(shape);
            }
        }
        TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.shape)),
        TypeKind::Alias(shape) | TypeKind::Newtype { shape, .. } => stack.push(shape),
        TypeKind::Enum(_) => {}
    }
}
