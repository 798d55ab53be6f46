//! The typed validation of `oneOf` and `anyOf` unions (IR unions → tokens):
//! `impl Validate` for each union, deciding at generation time which other
//! branches a held value must be tried as, and how.

use super::{boxed_type, lit, rust_type, unbox, unboxed, Gen};
use crate::emit::ident;
use crate::ir::{Constraints, Extra, Shape, Struct, TypeDef, TypeId, TypeKind, Union, UnionKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The JSON types a value can have, as a bit set (for telling union branches apart).
const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const NUMBER: u8 = 4;
const STRING: u8 = 8;
const ARRAY: u8 = 16;
const OBJECT: u8 = 32;
const ANY: u8 = 63;

impl<'a> Gen<'a> {
    /// The JSON types the values of a shape can have.
    fn mask(&self, shape: &Shape, depth: usize) -> u8 {
        if depth > 32 {
            return ANY;
        }
        match shape {
            Shape::String => STRING,
            Shape::Integer(_) | Shape::Number => NUMBER,
            Shape::Boolean => BOOLEAN,
            Shape::Any => ANY,
            Shape::Array(_) => ARRAY,
            Shape::Map(_) => OBJECT,
            Shape::Nullable(inner) => NULL | self.mask(inner, depth + 1),
            Shape::Named(id) => match &self.ir.type_def(*id).kind {
                TypeKind::Struct(_) => OBJECT,
                TypeKind::Enum(_) => STRING,
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .fold(0, |m, v| m | self.mask(&v.shape, depth + 1)),
                TypeKind::Alias(inner) | TypeKind::Newtype { shape: inner, .. } => {
                    self.mask(inner, depth + 1)
                }
            },
        }
    }

    /// The struct a shape names (through aliases), if any.
    fn struct_of(&self, shape: &Shape, depth: usize) -> Option<(TypeId, &'a Struct)> {
        let ir = self.ir;
        match shape {
            Shape::Named(id) if depth < 32 => match &ir.type_def(*id).kind {
                TypeKind::Struct(s) => Some((*id, s)),
                TypeKind::Alias(inner) => self.struct_of(inner, depth + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// `oneOf` (exactly one branch must accept the value) and `anyOf` (at
    /// least one). The value is held by the branch it was built or read as;
    /// that branch is checked first, without messages. For `oneOf` every other
    /// branch that could also accept it is then tried: a branch whose JSON
    /// types cannot overlap the held one's is skipped at generation time, a
    /// closed object branch is ruled out by the keys alone, and only what is
    /// left is decided by sending the value to JSON and reading it back as
    /// that branch (this allocates). With no branch accepting it, the
    /// violations of the held branch are reported; with several, one `oneOf`
    /// violation names them.
    pub(super) fn union(&mut self, ty: &TokenStream, def: &TypeDef, u: &Union) -> TokenStream {
        let keyword = match u.kind {
            UnionKind::OneOf => "oneOf",
            UnionKind::AnyOf => "anyOf",
        };
        let n = lit(u.variants.len());
        let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
        let unknown = ident(&u.unknown);
        // Which branches each branch's value could also be: their JSON types overlap.
        let masks: Vec<u8> = u.variants.iter().map(|v| self.mask(&v.shape, 0)).collect();
        let rivals: Vec<Vec<usize>> = (0..masks.len())
            .map(|i| {
                (0..masks.len())
                    .filter(|&j| j != i && masks[i] & masks[j] != 0)
                    .collect()
            })
            .collect();
        let mut shared = self.shared(def, u, &rivals);
        let mut arms = TokenStream::new();
        for (i, rivals_i) in rivals.iter().enumerate() {
            arms.extend(self.arm(def, u, i, rivals_i));
        }
        if matches!(u.kind, UnionKind::OneOf) {
            shared.extend(quote!(const NAMES: [&str; #n] = [#(#names),*];));
        }
        let listed = names.join(", ");
        quote! {
            #[allow(deprecated)]
            impl Validate for #ty {
                #[allow(unused_mut, unused_variables)]
                fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
                    #shared
                    match self {
                        #arms
                        Self::#unknown(_) => report.fail(path, #keyword, |subject| {
                            format!("{subject} matches none of the branches of {} ({})", #keyword, #listed)
                        }),
                    }
                }
            }
        }
    }

    /// What the arms share: for each branch that another's value may have
    /// to be tried as, once, `accepts_j`, its check as a closure, and, for a
    /// struct, the keys that rule it out (`KEYS_j`: all it may have when it
    /// allows no other; `REQUIRED_j`: those it must have).
    fn shared(&mut self, def: &TypeDef, u: &Union, rivals: &[Vec<usize>]) -> TokenStream {
        let ir = self.ir;
        let mut shared = TokenStream::new();
        for (j, other) in u.variants.iter().enumerate() {
            if !rivals.iter().any(|r| r.contains(&j)) {
                continue;
            }
            let other_constraints =
                Constraints::merged(other.constraints.clone(), def.constraints.clone());
            let other_value = format_ident!("other");
            let other_check = self.check(&other.shape, &other_constraints, &other_value);
            let other_ty = boxed_type(rust_type(ir, &other.shape), other.boxed);
            let unbox_other = unbox(&other_value, other.boxed);
            let accepts = format_ident!("accepts_{}", j);
            shared.extend(match other_check {
                Some(check) => quote! {
                    let #accepts = |#other_value: &#other_ty, report: &mut Report| {
                        let path = &Path::Root;
                        #unbox_other
                        #check
                    };
                },
                None => quote!(let #accepts = |_: &#other_ty, _: &mut Report| {};),
            });
            // The keys are looked up only on a struct's value.
            let tried_on_struct = rivals
                .iter()
                .enumerate()
                .any(|(i, r)| r.contains(&j) && self.struct_of(&u.variants[i].shape, 0).is_some());
            if let Some((_, target)) = self.struct_of(&other.shape, 0).filter(|_| tried_on_struct) {
                shared.extend(key_consts(j, target));
            }
        }
        shared
    }

    /// The arm of branch `i`: its own check as a closure, then the decision
    /// among it and its rivals.
    fn arm(&mut self, def: &TypeDef, u: &Union, i: usize, rivals: &[usize]) -> TokenStream {
        let value = format_ident!("value");
        let n = lit(u.variants.len());
        let held = &u.variants[i];
        let variant = ident(&held.name);
        let held_constraints =
            Constraints::merged(held.constraints.clone(), def.constraints.clone());
        let own = self.check(&held.shape, &held_constraints, &value);
        let inner = unboxed(&value, held.boxed);
        let unbox_held = unbox(&value, held.boxed);
        let own_closure = match &own {
            Some(own) => quote! {
                let own = |report: &mut Report| {
                    #unbox_held
                    #own
                };
            },
            None => quote!(let own = |_: &mut Report| {};),
        };
        let mut others = TokenStream::new();
        for &j in rivals {
            let filter = self.key_filter(&held.shape, &u.variants[j].shape, j, &inner);
            let accepts = format_ident!("accepts_{}", j);
            let j = lit(j);
            others.extend(quote! {
                matched[#j] = #filter matches_as(#inner, #accepts);
            });
        }
        let i = lit(i);
        let decide = match u.kind {
            UnionKind::OneOf => quote! {
                let mut matched = [false; #n];
                matched[#i] = passes(own);
                #others
                one_of(report, path, matched, &NAMES, own);
            },
            UnionKind::AnyOf => quote! {
                if !passes(own) {
                    let mut matched = [false; #n];
                    #others
                    if !matched.iter().any(|m| *m) {
                        own(report);
                    }
                }
            },
        };
        quote! {
            Self::#variant(#value) => {
                #own_closure
                #decide
            }
        }
    }

    /// The conditions on the keys of a held struct value that rule out
    /// branch `j`, a closed or required-keys object, without building JSON
    /// (each followed by `&&`); empty when there is none.
    fn key_filter(
        &mut self,
        held: &Shape,
        other: &Shape,
        j: usize,
        inner: &TokenStream,
    ) -> TokenStream {
        let mut filter = TokenStream::new();
        let (Some((held_id, _)), Some((_, target))) =
            (self.struct_of(held, 0), self.struct_of(other, 0))
        else {
            return filter;
        };
        let has_required =
            target.fields.iter().any(|f| f.required) || !target.required_extra.is_empty();
        if matches!(target.extra, Extra::Closed) || has_required {
            self.objects.insert(held_id);
        }
        if matches!(target.extra, Extra::Closed) {
            let keys = format_ident!("KEYS_{}", j);
            filter.extend(quote!(JsonObject::keys_within(#inner, #keys) &&));
        }
        if has_required {
            let required = format_ident!("REQUIRED_{}", j);
            filter.extend(quote!(#required.iter().all(|key| JsonObject::has_key(#inner, key)) &&));
        }
        filter
    }
}

/// `KEYS_j` (the keys of a closed struct branch) and `REQUIRED_j` (those it
/// must have), when it has them.
fn key_consts(j: usize, target: &Struct) -> TokenStream {
    let mut out = TokenStream::new();
    if matches!(target.extra, Extra::Closed) {
        let keys = format_ident!("KEYS_{}", j);
        let known = target.fields.iter().map(|f| &f.wire);
        out.extend(quote!(const #keys: &[&str] = &[#(#known),*];));
    }
    let required: Vec<&String> = target
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| &f.wire)
        .chain(&target.required_extra)
        .collect();
    if !required.is_empty() {
        let name = format_ident!("REQUIRED_{}", j);
        out.extend(quote!(const #name: &[&str] = &[#(#required),*];));
    }
    out
}
