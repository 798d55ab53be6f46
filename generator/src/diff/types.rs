//! The diff of the types: types added and removed by name, and of a type
//! in both IRs, its kind, its nullability, its constraints and, by kind,
//! its fields, enum values, union branches or aliased shape; each change
//! goes to the report as breaking or not.

use super::{shape, ChangeKind, Differ, Item};
use crate::ir::{Enum, Extra, Field, Ir, Struct, TypeDef, TypeKind, Union, UnionKind};

/// The Rust type of a field, as the `types` module writes it.
fn field_type(ir: &Ir, f: &Field) -> String {
    let mut inner = shape(ir, &f.shape);
    if f.boxed {
        inner = format!("Box<{inner}>");
    }
    match (f.required, f.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => format!("Option<{inner}>"),
        (false, true) => format!("Patch<{inner}>"),
    }
}

fn kind_word(ir: &Ir, def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(_) => "struct".into(),
        TypeKind::Enum(e) => format!("enum of {} values", e.variants.len()),
        TypeKind::Union(u) => format!(
            "{} of {} branches",
            match u.kind {
                UnionKind::OneOf => "oneOf",
                UnionKind::AnyOf => "anyOf",
            },
            u.variants.len()
        ),
        TypeKind::Alias(s) => format!("alias of {}", shape(ir, s)),
        TypeKind::Newtype { shape: s, .. } => format!("newtype of {}", shape(ir, s)),
    }
}

fn kind_tag(def: &TypeDef) -> &'static str {
    match def.kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
        TypeKind::Newtype { .. } => "newtype",
    }
}

impl Differ<'_> {
    /// The types added, removed, and changed (matched by Rust name).
    pub(super) fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        for def in &new.types {
            match old.types.iter().find(|t| t.name == def.name) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Type,
                    &def.name,
                    false,
                    (None, Some(kind_word(new, def))),
                    "",
                ),
                Some(before) => self.type_def(before, def),
            }
        }
        for def in &old.types {
            if !new.types.iter().any(|t| t.name == def.name) {
                self.push(
                    ChangeKind::Removed,
                    Item::Type,
                    &def.name,
                    true,
                    (Some(kind_word(old, def)), None),
                    "code that names it no longer compiles",
                );
            }
        }
    }

    /// A type in both IRs: what all types have, then what its kind has.
    fn type_def(&mut self, a: &TypeDef, b: &TypeDef) {
        let (old, new) = (self.old, self.new);
        let name = &b.name;
        if a.deprecated != b.deprecated {
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                false,
                (None, None),
                if b.deprecated {
                    "deprecated now"
                } else {
                    "no longer deprecated"
                },
            );
        }
        if a.nullable != b.nullable {
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                a.nullable,
                (None, None),
                if b.nullable {
                    "accepts null now"
                } else {
                    "null is no longer accepted"
                },
            );
        }
        self.constraints(name, &a.constraints, &b.constraints);
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(x), TypeKind::Struct(y)) => {
                self.struct_fields(name, x, y);
                self.struct_keys(name, x, y);
            }
            (TypeKind::Enum(x), TypeKind::Enum(y)) => self.enum_values(name, x, y),
            (TypeKind::Union(x), TypeKind::Union(y)) => {
                if x.kind != y.kind {
                    let stricter = y.kind == UnionKind::OneOf;
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        stricter,
                        (Some(kind_word(old, a)), Some(kind_word(new, b))),
                        if stricter {
                            "exactly one branch must match now"
                        } else {
                            "several branches may match now"
                        },
                    );
                }
                self.union_branches(name, x, y);
            }
            (TypeKind::Alias(x), TypeKind::Alias(y))
            | (TypeKind::Newtype { shape: x, .. }, TypeKind::Newtype { shape: y, .. }) => {
                let (before, after) = (shape(old, x), shape(new, y));
                if before != after {
                    self.push(
                        ChangeKind::Changed,
                        Item::Type,
                        name,
                        true,
                        (Some(before), Some(after)),
                        "",
                    );
                }
            }
            _ => self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                true,
                (Some(kind_tag(a).to_string()), Some(kind_tag(b).to_string())),
                "a different kind of type",
            ),
        }
    }

    /// The fields of a struct added, removed and changed (matched by their
    /// name on the wire).
    fn struct_fields(&mut self, name: &str, x: &Struct, y: &Struct) {
        let (old, new) = (self.old, self.new);
        for f in &y.fields {
            let path = format!("{name}.{}", f.name);
            match x.fields.iter().find(|g| g.wire == f.wire) {
                None => {
                    let (breaking, note) = if f.required {
                        (true, "required: requests without it are rejected")
                    } else if !y.derives_default {
                        (true, "the struct has no Default: literals must name it")
                    } else {
                        (false, "")
                    };
                    self.push(
                        ChangeKind::Added,
                        Item::Field,
                        path,
                        breaking,
                        (None, Some(field_type(new, f))),
                        note,
                    );
                }
                Some(g) => self.field(&path, g, f),
            }
        }
        for g in &x.fields {
            if !y.fields.iter().any(|f| f.wire == g.wire) {
                self.push(
                    ChangeKind::Removed,
                    Item::Field,
                    format!("{name}.{}", g.name),
                    true,
                    (Some(field_type(old, g)), None),
                    "code that sets or reads it no longer compiles",
                );
            }
        }
    }

    /// What a struct says beyond its fields: `Default`, the field for the
    /// other keys, the keys required without a property, and the other
    /// keys' constraints and type (`additionalProperties`).
    fn struct_keys(&mut self, name: &str, x: &Struct, y: &Struct) {
        let (old, new) = (self.old, self.new);
        if x.derives_default && !y.derives_default {
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                true,
                (None, None),
                "no longer implements Default",
            );
        }
        if x.extra_field != y.extra_field {
            self.push(
                ChangeKind::Changed,
                Item::Field,
                format!("{name}.{}", x.extra_field),
                true,
                (Some(x.extra_field.clone()), Some(y.extra_field.clone())),
                "the field for unknown keys is renamed",
            );
        }
        self.required_extra(name, x, y);
        self.constraints(
            &format!("{name}.*"),
            &x.extra_constraints,
            &y.extra_constraints,
        );
        let extra = |ir: &Ir, e: &Extra| match e {
            Extra::Closed => "no other keys".to_string(),
            Extra::Open => "any other keys".to_string(),
            Extra::Typed(s) => format!("other keys of type {}", shape(ir, s)),
        };
        let (ea, eb) = (extra(old, &x.extra), extra(new, &y.extra));
        if ea != eb {
            let breaking = !matches!(y.extra, Extra::Open);
            self.push(
                ChangeKind::Changed,
                Item::Type,
                name,
                breaking,
                (Some(ea), Some(eb)),
                "additionalProperties",
            );
        }
    }

    /// The keys a struct requires without a property of their own.
    fn required_extra(&mut self, name: &str, x: &Struct, y: &Struct) {
        for key in &y.required_extra {
            if !x.required_extra.contains(key) {
                self.push(
                    ChangeKind::Added,
                    Item::Constraint,
                    format!("{name} required {key:?}"),
                    true,
                    (None, Some(key.clone())),
                    "a key without a property of its own is required now",
                );
            }
        }
        for key in &x.required_extra {
            if !y.required_extra.contains(key) {
                self.push(
                    ChangeKind::Removed,
                    Item::Constraint,
                    format!("{name} required {key:?}"),
                    false,
                    (Some(key.clone()), None),
                    "looser",
                );
            }
        }
    }

    /// The values of an enum added, removed and renamed (matched by value).
    fn enum_values(&mut self, name: &str, x: &Enum, y: &Enum) {
        for v in &y.variants {
            match x.variants.iter().find(|w| w.value == v.value) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Variant,
                    format!("{name}::{}", v.name),
                    false,
                    (None, Some(format!("{:?}", v.value))),
                    "",
                ),
                Some(w) if w.name != v.name => self.push(
                    ChangeKind::Changed,
                    Item::Variant,
                    format!("{name}::{}", w.name),
                    true,
                    (Some(w.name.clone()), Some(v.name.clone())),
                    "the variant is renamed",
                ),
                Some(_) => {}
            }
        }
        for w in &x.variants {
            if !y.variants.iter().any(|v| v.value == w.value) {
                self.push(
                    ChangeKind::Removed,
                    Item::Variant,
                    format!("{name}::{}", w.name),
                    true,
                    (Some(format!("{:?}", w.value)), None),
                    "",
                );
            }
        }
    }

    /// The branches of a union added, removed and changed (matched by
    /// variant name).
    fn union_branches(&mut self, name: &str, x: &Union, y: &Union) {
        let (old, new) = (self.old, self.new);
        for v in &y.variants {
            let path = format!("{name}::{}", v.name);
            let ty = shape(new, &v.shape);
            match x.variants.iter().find(|w| w.name == v.name) {
                None => self.push(
                    ChangeKind::Added,
                    Item::Variant,
                    path,
                    false,
                    (None, Some(ty)),
                    "",
                ),
                Some(w) => {
                    self.constraints(&path, &w.constraints, &v.constraints);
                    let before = shape(old, &w.shape);
                    if before != ty || w.boxed != v.boxed {
                        self.push(
                            ChangeKind::Changed,
                            Item::Variant,
                            path,
                            true,
                            (Some(before), Some(ty)),
                            "",
                        );
                    }
                }
            }
        }
        for w in &x.variants {
            if !y.variants.iter().any(|v| v.name == w.name) {
                self.push(
                    ChangeKind::Removed,
                    Item::Variant,
                    format!("{name}::{}", w.name),
                    true,
                    (Some(shape(old, &w.shape)), None),
                    "",
                );
            }
        }
    }

    /// A field in both versions of a struct: its Rust name and type,
    /// deprecation and constraints.
    fn field(&mut self, path: &str, a: &Field, b: &Field) {
        let (before, after) = (field_type(self.old, a), field_type(self.new, b));
        if a.name != b.name {
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                true,
                (Some(a.name.clone()), Some(b.name.clone())),
                "the Rust field is renamed",
            );
        }
        if before != after {
            let note = match (a.required, b.required) {
                (false, true) => "required now",
                (true, false) => "optional now",
                _ if a.nullable != b.nullable && b.nullable => "may be null now",
                _ if a.nullable != b.nullable => "may no longer be null",
                _ => "",
            };
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                true,
                (Some(before), Some(after)),
                note,
            );
        }
        if a.deprecated != b.deprecated {
            self.push(
                ChangeKind::Changed,
                Item::Field,
                path,
                false,
                (None, None),
                if b.deprecated {
                    "deprecated now"
                } else {
                    "no longer deprecated"
                },
            );
        }
        self.constraints(path, &a.constraints, &b.constraints);
    }
}
