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

// How many levels of obligations rustc nests for each layer of a type when it
// proves an auto trait of it, measured with rustc 1.95 on chains of 100 types
// for `RefUnwindSafe`, the costliest auto trait (rustdoc proves every auto
// trait of every public type, and a crate that uses the types may need any).
/// A struct, union or newtype (an alias is no type of its own).
const NAMED: u64 = 1;
/// `Option` or `Patch` around a field.
const OPTION: u64 = 1;
/// `Box` (measured 4 for `RefUnwindSafe`, 2 for `Send`).
const BOXED: u64 = 4;
/// `Vec` (measured 3).
const VEC: u64 = 3;
/// `BTreeMap` (measured 10 for `RefUnwindSafe`, 3 for `Send`).
const MAP: u64 = 10;

/// The type a shape holds (through any container) and the levels of the
/// containers on the way.
fn reach(mut shape: &Shape) -> Option<(TypeId, u64)> {
    let mut levels = 0;
    loop {
        match shape {
            Shape::Named(id) => return Some((*id, levels)),
            Shape::Array(inner) => (levels, shape) = (levels + VEC, inner),
            Shape::Map(inner) => (levels, shape) = (levels + MAP, inner),
            Shape::Nullable(inner) => (levels, shape) = (levels + OPTION, inner),
            _ => return None,
        }
    }
}

/// Every type a type holds, by value or in any container (`Box`, `Vec` and
/// maps included: proving an auto trait goes through them all), with the
/// levels of the layers between them.
fn weighted_edges(def: &TypeDef) -> Vec<(TypeId, u64)> {
    let boxed = |boxed: bool| if boxed { BOXED } else { 0 };
    let mut out = Vec::new();
    let mut add = |shape: &Shape, around: u64| {
        if let Some((to, levels)) = reach(shape) {
            out.push((to, around + levels));
        }
    };
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                // `Option` or `Patch` unless required and not nullable.
                let option = if f.required && !f.nullable { 0 } else { OPTION };
                add(&f.shape, option + boxed(f.boxed));
            }
            if let Extra::Typed(shape) = &s.extra {
                add(shape, MAP);
            }
        }
        TypeKind::Union(u) => u
            .variants
            .iter()
            .for_each(|v| add(&v.shape, boxed(v.boxed))),
        TypeKind::Newtype { shape, boxed: b } => add(shape, boxed(*b)),
        TypeKind::Alias(shape) => add(shape, 0),
        TypeKind::Enum(_) => {}
    }
    out
}

/// How deep the types nest, in rustc's levels (see [`NAMED`] and the
/// weights beside it): the longest chain of types holding types, the most
/// levels a proof of an auto trait of one of them can nest. A cycle (of
/// boxed fields or through a `Vec`) counts every type on it once, since
/// rustc may walk all of it before it meets a type it is already proving.
///
/// Linear in the types and fields: the strongly connected components (an
/// explicit stack, no recursion) come out each after every component it
/// reaches, so one pass over them in that order sees every reached depth.
pub fn nesting(types: &[TypeDef]) -> u64 {
    component_depths(types).1.into_iter().max().unwrap_or(0)
}

/// The type whose nesting is deepest (see [`nesting`]), and its levels.
pub fn deepest(types: &[TypeDef]) -> Option<(TypeId, u64)> {
    let (comp, depth) = component_depths(types);
    let (c, &levels) = depth
        .iter()
        .enumerate()
        .max_by_key(|&(c, d)| (*d, std::cmp::Reverse(c)))?;
    comp.iter().position(|&of| of == c).map(|id| (id, levels))
}

/// The types' strongly connected components (one per type) and how deep each
/// component nests.
fn component_depths(types: &[TypeDef]) -> (Vec<usize>, Vec<u64>) {
    let edges: Vec<Vec<(TypeId, u64)>> = types.iter().map(weighted_edges).collect();
    let graph: Vec<Vec<TypeId>> = edges
        .iter()
        .map(|e| e.iter().map(|&(to, _)| to).collect())
        .collect();
    let (comp, _) = components(&graph);
    let count = comp.iter().max().map_or(0, |&c| c + 1);
    let mut members = vec![Vec::new(); count];
    for (id, &c) in comp.iter().enumerate() {
        members[c].push(id);
    }
    let mut depth = vec![0u64; count];
    for c in 0..count {
        // Any path inside the component passes each of its types once, on
        // one of its edges that stay inside; then leaves on one edge.
        let mut inside = 0u64;
        let mut beyond = 0u64;
        for &id in &members[c] {
            let own = match types[id].kind {
                TypeKind::Alias(_) => 0,
                _ => NAMED,
            };
            let mut step = 0;
            for &(to, levels) in &edges[id] {
                if comp[to] == c {
                    step = step.max(levels);
                } else {
                    beyond = beyond.max(levels.saturating_add(depth[comp[to]]));
                }
            }
            inside = inside.saturating_add(own + step);
        }
        depth[c] = inside.saturating_add(beyond);
    }
    (comp, depth)
}

/// The deepest nesting generated: beyond about 2,000 levels rustc's own
/// stack (8 MiB) overflows whatever the recursion limit, so a description
/// whose types nest deeper than this is refused, with margin.
pub const MAX_LEVELS: u64 = 1_600;

/// Types nesting at most this many levels keep rustc's default recursion
/// limit (128): they need at most 18 levels more (measured), so the default
/// holds up to about 110; the deepest of Auth0's description and of the
/// corpus nests 57.
const DEFAULT_SUFFICES: u64 = 64;

/// The largest recursion limit given (rustc would take hours to need more).
const MAX_LIMIT: u64 = 1 << 30;

/// The `#![recursion_limit]` a crate holding types that nest `levels` deep
/// needs, when rustc's default is not enough: twice the levels and 64 more,
/// rounded up to a power of two, at least 256. rustc 1.95 needed the levels
/// and at most 18 more (chains of 100 and 199 types through `Option`, `Vec`,
/// maps and `Box`, a cycle of them, a chain of 1,000; for the crate, its
/// docs, and a crate proving `Send`, `Sync`, `Unpin`, `UnwindSafe` and
/// `RefUnwindSafe` of the outermost type and `Send` of a future holding it).
/// Beyond about 2,000 levels rustc's own stack (8 MiB) overflows, whatever
/// the limit, unless `RUST_MIN_STACK` raises it.
pub fn recursion_limit(levels: u64) -> Option<u32> {
    if levels <= DEFAULT_SUFFICES {
        return None;
    }
    let limit = levels
        .saturating_mul(2)
        .saturating_add(64)
        .min(MAX_LIMIT)
        .next_power_of_two()
        .max(256);
    u32::try_from(limit).ok()
}

#[cfg(test)]
mod tests {
    use super::super::{Constraints, Field, Struct};
    use super::*;

    fn field(shape: Shape, required: bool) -> Field {
        Field {
            name: "f".into(),
            wire: "f".into(),
            docs: None,
            deprecated: false,
            required,
            nullable: false,
            shape,
            boxed: false,
            constraints: Constraints::default(),
        }
    }

    /// A struct with an optional field of each shape.
    fn object(fields: Vec<Shape>) -> TypeDef {
        TypeDef {
            name: "T".into(),
            source: String::new(),
            docs: None,
            deprecated: false,
            nullable: false,
            constraints: Constraints::default(),
            kind: TypeKind::Struct(Struct {
                fields: fields.into_iter().map(|s| field(s, false)).collect(),
                extra_field: "extra".into(),
                extra: Extra::Open,
                derives_default: true,
                required_extra: Vec::new(),
                extra_constraints: Box::default(),
            }),
        }
    }

    /// `n` structs, each with an optional field of the next.
    fn chain(n: usize) -> Vec<TypeDef> {
        (0..n)
            .map(|i| match i + 1 < n {
                true => object(vec![Shape::Named(i + 1)]),
                false => object(vec![Shape::String]),
            })
            .collect()
    }

    #[test]
    fn a_chain_counts_each_type_and_option() {
        assert_eq!(nesting(&[]), 0);
        assert_eq!(nesting(&chain(1)), NAMED);
        assert_eq!(nesting(&chain(100)), 100 * NAMED + 99 * OPTION);
        assert_eq!(recursion_limit(nesting(&chain(32))), None);
        // 199 levels; rustc 1.95 needed 217.
        assert_eq!(recursion_limit(nesting(&chain(100))), Some(512));
        // 397 levels; rustc needed 415.
        assert_eq!(recursion_limit(nesting(&chain(199))), Some(1024));
        // Containers weigh what rustc spends on them; a required field has
        // no `Option`; an alias is no level of its own.
        let mut types = vec![
            object(vec![Shape::Array(Box::new(Shape::Named(1)))]),
            object(vec![Shape::Map(Box::new(Shape::Nullable(Box::new(
                Shape::Named(2),
            ))))]),
            object(vec![Shape::Named(3)]),
            TypeDef {
                kind: TypeKind::Alias(Shape::Named(4)),
                ..object(vec![])
            },
            object(vec![]),
        ];
        if let TypeKind::Struct(s) = &mut types[2].kind {
            s.fields[0].required = true;
        }
        let levels = 4 * NAMED + (OPTION + VEC) + (OPTION + MAP + OPTION);
        assert_eq!(nesting(&types), levels);
    }

    #[test]
    fn a_diamond_counts_its_longer_side() {
        // 0 → 1 → 3 and 0 → 2 → 4 → 3: the longer side.
        let types = vec![
            object(vec![Shape::Named(1), Shape::Named(2)]),
            object(vec![Shape::Named(3)]),
            object(vec![Shape::Named(4)]),
            object(vec![]),
            object(vec![Shape::Named(3)]),
        ];
        assert_eq!(nesting(&types), 4 * NAMED + 3 * OPTION);
        // Many paths to one chain: still linear, and still the chain.
        let mut wide = chain(50);
        let fan: Vec<Shape> = (0..50).map(Shape::Named).collect();
        wide.push(object(fan));
        assert_eq!(nesting(&wide), 51 * NAMED + 50 * OPTION);
    }

    #[test]
    fn a_cycle_broken_by_box_counts_every_type_on_it() {
        // 0 → 1 → 2 → 0, entered from 3; then out of the cycle to 4.
        let mut types = vec![
            object(vec![Shape::Named(1)]),
            object(vec![Shape::Named(2)]),
            object(vec![Shape::Named(0), Shape::Named(4)]),
            object(vec![Shape::Named(0)]),
            object(vec![]),
        ];
        break_cycles(&mut types);
        let boxed: Vec<bool> = types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(s) => s.fields.first().is_some_and(|f| f.boxed),
                _ => false,
            })
            .collect();
        assert_eq!(boxed, [true, true, true, false, false]);
        let cycle = 3 * (NAMED + OPTION + BOXED);
        assert_eq!(nesting(&types), NAMED + OPTION + cycle + OPTION + NAMED);
        // A type that holds a `Vec` of itself.
        let tree = vec![object(vec![Shape::Array(Box::new(Shape::Named(0)))])];
        assert_eq!(nesting(&tree), NAMED + OPTION + VEC);
    }

    #[test]
    fn a_chain_of_ten_thousand_types_does_not_overflow_the_stack() {
        let types = chain(10_000);
        let levels = nesting(&types);
        assert_eq!(levels, 10_000 * NAMED + 9_999 * OPTION);
        assert_eq!(recursion_limit(levels), Some(65_536));
        // The same chain as one cycle.
        let mut ring = types;
        ring[9_999] = object(vec![Shape::Named(0)]);
        break_cycles(&mut ring);
        assert_eq!(nesting(&ring), 10_000 * (NAMED + OPTION + BOXED));
        assert_eq!(deepest(&chain(3)), Some((0, 3 * NAMED + 2 * OPTION)));
        assert_eq!(recursion_limit(u64::MAX), Some(1 << 30));
    }

    #[test]
    fn shallow_types_keep_the_default_limit() {
        assert_eq!(recursion_limit(0), None);
        assert_eq!(recursion_limit(DEFAULT_SUFFICES), None);
        assert_eq!(recursion_limit(DEFAULT_SUFFICES + 1), Some(256));
        assert_eq!(recursion_limit(96), Some(256));
        assert_eq!(recursion_limit(97), Some(512));
    }
}
