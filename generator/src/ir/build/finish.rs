//! The last steps of the build, on the finished types (built [`TypeDef`]s and
//! [`Operation`]s → the same, settled): which structs derive `Default`, and
//! the output order of the types, with every reference renumbered.

use crate::ir::{Extra, Operation, Shape, TypeDef, TypeKind};

/// Structs derive `Default` when every required field can take a default.
pub(super) fn derive_defaults(types: &mut [TypeDef]) {
    loop {
        let mut changed = false;
        for i in 0..types.len() {
            let TypeKind::Struct(s) = &types[i].kind else {
                continue;
            };
            if !s.derives_default {
                continue;
            }
            let ok = s.fields.iter().all(|f| {
                !f.required || f.nullable || crate::ir::shape_has_default(types, &f.shape, 0)
            });
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
pub(super) fn reorder(
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
