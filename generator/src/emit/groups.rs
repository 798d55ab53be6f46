//! Where each operation's method goes (IR operations → placements and the
//! group structs): on [`Client`] under its `operationId` in snake case, or,
//! when the description places it in a group (`x-operation-group`,
//! `x-operation-name`), on that group's struct under its name there:
//! `client.connections().update(…)`.

use super::{doc_attrs, ident};
use crate::ir::Ir;
use crate::naming::{self, Scope};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Where an operation's method goes.
pub struct Placement {
    /// The group it belongs to (0: `Client` itself).
    pub node: usize,
    /// The method's name.
    pub name: Ident,
    /// The method as a doc link: `Client::get_users`, `Connections::update`.
    pub path: String,
    /// The client, from the method's `self`: `self` or `self.client`.
    pub client: TokenStream,
    /// The name of its stream of pages' items (`list_stream`), when the
    /// operation is paginated.
    pub stream: Option<Ident>,
}

/// A group of the resource tree: its subgroups and operations.
#[derive(Default)]
struct Node {
    path: Vec<String>,
    parent: usize,
    children: Vec<usize>,
}

/// The tree of groups and each operation's place in it.
pub struct Tree {
    nodes: Vec<Node>,
    /// One struct per group; the root's is `Client`.
    structs: Vec<Ident>,
    /// The accessor of each group in its parent.
    accessors: Vec<Ident>,
    pub placements: Vec<Placement>,
}

/// The groups of the operations, in the order they first appear (0 is
/// `Client`), and the group of each operation.
fn nodes(ir: &Ir) -> (Vec<Node>, Vec<usize>) {
    let mut nodes = vec![Node::default()];
    let mut node_of = Vec::with_capacity(ir.operations.len());
    for op in &ir.operations {
        let Some(group) = &op.group else {
            node_of.push(0);
            continue;
        };
        let mut at = 0;
        for depth in 1..=group.path.len() {
            let path = &group.path[..depth];
            let found = nodes[at]
                .children
                .iter()
                .copied()
                .find(|&c| nodes[c].path == path);
            at = found.unwrap_or_else(|| {
                nodes.push(Node {
                    path: path.to_vec(),
                    parent: at,
                    ..Node::default()
                });
                let child = nodes.len() - 1;
                nodes[at].children.push(child);
                child
            });
        }
        node_of.push(at);
    }
    (nodes, node_of)
}

/// The names taken in each group before its operations are named: the
/// methods every struct has (derived traits), and on `Client` the
/// operations without a group (then come the operations of the group, then
/// its subgroups' accessors).
fn method_scopes(ir: &Ir, nodes: &[Node]) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = nodes
        .iter()
        .map(|_| {
            let mut s = Scope::new();
            for reserved in naming::CLIENT_METHODS {
                s.reserve(reserved);
            }
            s
        })
        .collect();
    for op in ir.operations.iter().filter(|op| op.group.is_none()) {
        scopes[0].reserve(&op.fn_name);
    }
    scopes
}

/// Each operation's placement: its method's name in its group, and that of
/// its stream of pages (`{method}_stream`, unique in the group).
fn placements(
    ir: &Ir,
    node_of: &[usize],
    structs: &[Ident],
    scopes: &mut [Scope],
) -> Vec<Placement> {
    let mut placements = Vec::with_capacity(ir.operations.len());
    for (op, &node) in ir.operations.iter().zip(node_of) {
        let name = match &op.group {
            Some(group) => scopes[node].unique(naming::field_name(&group.name)),
            None => op.fn_name.clone(),
        };
        placements.push(Placement {
            node,
            path: format!("{}::{name}", structs[node]),
            name: ident(&name),
            client: if node == 0 {
                quote!(self)
            } else {
                quote!(self.client)
            },
            stream: None,
        });
    }
    // The streams of pages: `{method}_stream`, unique in the group.
    for (op, placement) in ir.operations.iter().zip(&mut placements) {
        if op.pagination.is_some() {
            let base = placement.name.to_string();
            let base = base.trim_start_matches("r#");
            let name = scopes[placement.node].unique(format!("{base}_stream"));
            placement.stream = Some(ident(&name));
        }
    }
    placements
}

impl Tree {
    /// The groups in the order they first appear, their structs named in
    /// `scope`, each operation's method named uniquely in its group.
    pub fn new(ir: &Ir, scope: &mut Scope) -> Tree {
        let (nodes, node_of) = nodes(ir);
        let structs: Vec<Ident> = nodes
            .iter()
            .enumerate()
            .map(|(at, n)| {
                let name = if at == 0 {
                    "Client".to_string()
                } else {
                    scope.unique(naming::type_name(&n.path.join("_")))
                };
                format_ident!("{name}")
            })
            .collect();
        let mut scopes = method_scopes(ir, &nodes);
        let placements = placements(ir, &node_of, &structs, &mut scopes);
        let mut accessors = vec![format_ident!("client")];
        for node in nodes.iter().skip(1) {
            let last = node.path.last().cloned().unwrap_or_default();
            accessors.push(ident(
                &scopes[node.parent].unique(naming::field_name(&last)),
            ));
        }
        Tree {
            nodes,
            structs,
            accessors,
            placements,
        }
    }

    /// How operation `index` is called: `client.connections().update(…)`.
    pub fn call(&self, index: usize) -> String {
        let Some(placement) = self.placements.get(index) else {
            return String::new();
        };
        let mut chain = Vec::new();
        let mut at = placement.node;
        while at != 0 {
            chain.push(format!("{}()", self.accessors[at]));
            at = self.nodes[at].parent;
        }
        chain.reverse();
        chain.push(format!("{}(…)", placement.name));
        format!("client.{}", chain.join("."))
    }

    /// The impls and structs: each group's methods (`methods[i]` is the
    /// method of operation `i`) and its subgroups' accessors.
    pub fn items(&self, methods: Vec<TokenStream>) -> Vec<TokenStream> {
        let mut fns: Vec<Vec<TokenStream>> = self.nodes.iter().map(|_| Vec::new()).collect();
        for (placement, method) in self.placements.iter().zip(methods) {
            fns[placement.node].push(method);
        }
        let mut out = Vec::new();
        for (at, node) in self.nodes.iter().enumerate() {
            let mut methods = std::mem::take(&mut fns[at]);
            for &child in &node.children {
                let (name, ty) = (&self.accessors[child], &self.structs[child]);
                let doc = doc_attrs(&format!(
                    "The operations of the group {}.",
                    crate::docs::code(&self.nodes[child].path.join("."))
                ));
                let (client, lifetime) = if at == 0 {
                    (quote!(self), quote!('_))
                } else {
                    (quote!(self.client), quote!('a))
                };
                methods.push(quote! {
                    #doc
                    pub fn #name(&self) -> #ty<#lifetime> {
                        #ty { client: #client }
                    }
                });
            }
            if at == 0 {
                out.push(quote! {
                    impl Client {
                        #(#methods)*
                    }
                });
                continue;
            }
            let ty = &self.structs[at];
            let doc = doc_attrs(&format!(
                "The operations of the group {} (`x-operation-group`), named by their `x-operation-name`.",
                crate::docs::code(&node.path.join("."))
            ));
            out.push(quote! {
                #doc
                #[derive(Debug, Clone, Copy)]
                pub struct #ty<'a> {
                    client: &'a Client,
                }

                impl<'a> #ty<'a> {
                    #(#methods)*
                }
            });
        }
        out
    }
}
