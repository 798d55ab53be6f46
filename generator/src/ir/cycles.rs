//! Cycles between types, handled in one place. A struct that contains itself by
//! value (directly or through other types) has infinite size: the fields and
//! variants that close such a cycle are boxed. An alias cannot refer to itself
//! at all, even through a `Vec`: such aliases become newtypes.

use super::{Extra, Shape, TypeDef, TypeId, TypeKind};

/// The type a shape holds by value (through `Option`, not through `Vec` or maps).
fn by_value(shape: &Shape) -> Option<TypeId> {
    match shape {
        Shape::Named(id) => Some(*id),
        Shape::Nullable(inner) => by_value(inner),
        _ => None,
    }
}

/// Every type a shape mentions.
fn mentioned(shape: &Shape, out: &mut Vec<TypeId>) {
    match shape {
        Shape::Named(id) => out.push(*id),
        Shape::Array(inner) | Shape::Map(inner) | Shape::Nullable(inner) => mentioned(inner, out),
        _ => {}
    }
}

fn edges(def: &TypeDef, all: bool) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut add = |shape: &Shape| {
        if all {
            mentioned(shape, &mut out);
        } else {
            out.extend(by_value(shape));
        }
    };
    match &def.kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| add(&f.shape));
            if let Extra::Typed(shape) = &s.extra {
                if all {
                    add(shape);
                }
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| add(&v.shape)),
        TypeKind::Alias(shape) | TypeKind::Newtype { shape, .. } => add(shape),
        TypeKind::Enum(_) => {}
    }
    out
}

/// Strongly connected components (Tarjan's algorithm, with an explicit stack so
/// that long chains of types cannot overflow the call stack). Returns the
/// component number of each node and whether the node lies on a cycle.
fn components(graph: &[Vec<TypeId>]) -> (Vec<usize>, Vec<bool>) {
    let n = graph.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut count = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(&w) = graph[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = count;
                        if w == v {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
    }
    let mut size = vec![0usize; count];
    for &c in &comp {
        size[c] += 1;
    }
    let cyclic = (0..n)
        .map(|v| size[comp[v]] > 1 || graph[v].contains(&v))
        .collect();
    (comp, cyclic)
}

pub fn break_cycles(types: &mut [TypeDef]) {
    // Aliases on any cycle become newtypes.
    let all: Vec<Vec<TypeId>> = types.iter().map(|t| edges(t, true)).collect();
    let (_, cyclic) = components(&all);
    for (def, cyclic) in types.iter_mut().zip(cyclic) {
        if let (true, TypeKind::Alias(shape)) = (cyclic, &def.kind) {
            def.kind = TypeKind::Newtype {
                shape: shape.clone(),
                boxed: false,
            };
        }
    }
    // Box what closes a cycle of by-value containment.
    let value: Vec<Vec<TypeId>> = types.iter().map(|t| edges(t, false)).collect();
    let (comp, _) = components(&value);
    for (id, def) in types.iter_mut().enumerate() {
        let closes = |shape: &Shape| by_value(shape).is_some_and(|to| comp[to] == comp[id]);
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = closes(&f.shape)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = closes(&v.shape)),
            TypeKind::Newtype { shape, boxed } => *boxed = closes(shape),
            TypeKind::Alias(_) | TypeKind::Enum(_) => {}
        }
    }
}
