//! Stage 4: IR → Rust source. Each module is built with `quote!`, parsed into a
//! `syn::File` and printed with `prettyplease`, but for the runtime's items,
//! copied as their text (see [`runtime`]); the `write` stage lays the modules
//! out as a crate or as one file for `include!`.

pub(crate) mod attrs;
mod client;
mod groups;
mod operation;
mod runtime;
mod security;
mod strict_null;
mod types;
mod validate;
mod validate_json;
mod validate_runtime;

use crate::error::{Error, ErrorKind, Result};
use crate::ir::Ir;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::sync::atomic::{AtomicUsize, Ordering};
use strict_null::StrictNull;

/// What to generate besides the types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Validation code for every type.
    pub validators: bool,
    /// An async HTTP client for the operations.
    pub client: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            validators: true,
            client: true,
        }
    }
}

/// One generated module: its name and formatted source (without header).
#[derive(Debug, Clone)]
pub struct Module {
    pub name: &'static str,
    /// What the module holds, for its doc comment.
    pub summary: &'static str,
    /// A cargo feature the module is compiled under (`#[cfg(feature = …)]`).
    pub feature: Option<&'static str>,
    /// The module's items, formatted.
    pub text: String,
}

/// A dependency of the generated code, for the generated crate's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub name: &'static str,
    /// The TOML value, e.g. `{ version = "1", features = ["derive"] }`.
    pub spec: &'static str,
    /// Only needed by the modules of this feature (the dependency is optional).
    pub feature: Option<&'static str>,
}

/// The generated code: its modules and what they need.
#[derive(Debug, Clone)]
pub struct Output {
    pub modules: Vec<Module>,
    pub dependencies: Vec<Dependency>,
    /// Features on by default.
    pub default_features: Vec<&'static str>,
    /// The `#![recursion_limit]` the crate holding the code needs, when its
    /// types nest too deep for rustc's default (see [`crate::ir::nesting`]).
    pub recursion_limit: Option<u32>,
}

/// The texts of the modules, as [`print`] makes them.
struct Printed {
    runtime: String,
    types: String,
    /// The validators' text, and whether it needs `fancy-regex`.
    validators: Option<(String, bool)>,
    client: Option<String>,
}

/// The modules of the generated code, in order, and what they need.
pub fn generate(ir: &Ir, options: &Options) -> Result<Output> {
    let printed = print(ir, options)?;
    let mut modules = vec![
        Module {
            name: "runtime",
            summary: "Pieces shared by the generated code: the three-state [`Patch`] field.",
            feature: None,
            text: printed.runtime,
        },
        Module {
            name: "types",
            summary: "The request, response and component types of the description.",
            feature: None,
            text: printed.types,
        },
    ];
    let mut dependencies = vec![
        Dependency {
            name: "serde",
            spec: r#"{ version = "1", features = ["derive"] }"#,
            feature: None,
        },
        Dependency {
            name: "serde_json",
            spec: r#""1""#,
            feature: None,
        },
    ];
    if let Some((text, uses_regex)) = printed.validators {
        modules.push(Module {
            name: "validate",
            summary: "Checks of the description's constraints, run before a request is sent: [`Validate`].",
            feature: None,
            text,
        });
        if uses_regex {
            // `pattern`s, translated from ECMA-262 (see `ecma`).
            dependencies.push(Dependency {
                name: "fancy-regex",
                spec: r#""0.20""#,
                feature: None,
            });
        }
    }
    let mut default_features = Vec::new();
    if let Some(text) = printed.client {
        client_module(text, ir.streams(), &mut modules, &mut dependencies);
        default_features.push("client");
    }
    Ok(Output {
        modules,
        dependencies,
        default_features,
        recursion_limit: crate::ir::recursion_limit(crate::ir::nesting(&ir.types)),
    })
}

/// Adds the client module and its dependencies (`futures-core` when an
/// operation streams events or pages).
fn client_module(
    text: String,
    uses_streams: bool,
    modules: &mut Vec<Module>,
    dependencies: &mut Vec<Dependency>,
) {
    modules.push(Module {
        name: "client",
        summary: "An async HTTP client for the operations: `Client`, from `Client::builder()`.",
        feature: Some("client"),
        text,
    });
    dependencies.push(Dependency {
        name: "reqwest",
        spec: r#"{ version = "0.13", default-features = false, features = ["rustls"] }"#,
        feature: Some("client"),
    });
    dependencies.push(Dependency {
        name: "tokio",
        spec: r#"{ version = "1", features = ["time", "sync"] }"#,
        feature: Some("client"),
    });
    // Server-sent events and pages: the `Stream` trait (already in
    // reqwest's tree).
    if uses_streams {
        dependencies.push(Dependency {
            name: "futures-core",
            spec: r#""0.3""#,
            feature: Some("client"),
        });
    }
}

/// The modules' texts, built and printed on two threads (building,
/// parsing and printing the code is most of the generator's time). One
/// thread does the validators, the other the runtime and the client; then
/// both print the types, taking them one by one, so neither waits for the
/// other. Each item is printed as soon as it is built and dropped (see
/// [`print_chunks`]). The text does not depend on which thread printed
/// what.
fn print(ir: &Ir, options: &Options) -> Result<Printed> {
    let with_client = options.client && !ir.operations.is_empty();
    let next_type = AtomicUsize::new(0);
    let strict = StrictNull::new(ir);
    let strict = &strict;
    let (here, there) = std::thread::scope(|scope| {
        let there = scope.spawn(|| -> Result<_> {
            let validators = options
                .validators
                .then(|| print_validators(ir))
                .transpose()?;
            Ok((validators, print_types(ir, &next_type, strict)?))
        });
        let here = (|| -> Result<_> {
            let client = with_client
                .then(|| print_client(ir, options.validators))
                .transpose()?;
            Ok((client, print_types(ir, &next_type, strict)?))
        })();
        let there = there.join().unwrap_or_else(|_| {
            Err(Error::new(
                ErrorKind::Invalid,
                "internal error: a generator thread failed",
            )
            .help("please report this with the description that caused it"))
        });
        (here, there)
    });
    let (client, mut types) = here?;
    let (validators, types_there) = there?;
    types.extend(types_there);
    types.sort_unstable_by_key(|(index, _)| *index);
    let mut types_text = print_chunks(types::head(ir, strict))?;
    for (_, text) in types {
        types_text.push_str(&text);
    }
    Ok(Printed {
        runtime: runtime::module(),
        types: space_items(&types_text),
        validators,
        client,
    })
}

/// The client module's text: its docs, the runtime's text as it is, then
/// the rest printed.
fn print_client(ir: &Ir, validators: bool) -> Result<String> {
    let parts = client::module(ir, validators)?;
    let mut text = space_items(&print_chunks([parts.docs])?);
    text.push('\n');
    text.push_str(&parts.runtime);
    text.push('\n');
    text.push_str(&space_items(&print_chunks(parts.chunks)?));
    Ok(text)
}

/// The validators' module text, and whether it needs `fancy-regex`: each item
/// printed as soon as it is built, the code they share put before them.
fn print_validators(ir: &Ir) -> Result<(String, bool)> {
    let mut items = String::new();
    let head = validate::module(ir, &mut |chunk| print_chunk(chunk, &mut items))?;
    let mut text = String::new();
    for part in head.parts {
        let part = match part {
            validate::Part::Text(runtime) => runtime,
            validate::Part::Tokens(tokens) => space_items(&print_chunks([tokens])?),
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&part);
    }
    if !items.is_empty() {
        text.push('\n');
        text.push_str(&space_items(&items));
    }
    Ok((text, head.uses_regex))
}

/// Prints types, taking the next one not yet taken until none is left:
/// `(index in the IR, text)` of each.
fn print_types(ir: &Ir, next: &AtomicUsize, strict: &StrictNull) -> Result<Vec<(usize, String)>> {
    let mut printed = Vec::new();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(def) = ir.types.get(index) else {
            return Ok(printed);
        };
        let mut text = String::new();
        print_chunk(types::item(ir, def, strict), &mut text)?;
        printed.push((index, text));
    }
}

/// Every module's chunks, built on this thread and not printed: the emit
/// stage alone, for the stage benchmark (the runtime's text, copied as it
/// is, is not built).
pub fn build_chunks(ir: &Ir, options: &Options) -> Result<Vec<TokenStream>> {
    let mut chunks = Vec::new();
    let strict = StrictNull::new(ir);
    chunks.extend(types::head(ir, &strict));
    chunks.extend(ir.types.iter().map(|def| types::item(ir, def, &strict)));
    if options.validators {
        let mut items = Vec::new();
        let head = validate::module(ir, &mut |chunk| {
            items.push(chunk);
            Ok(())
        })?;
        chunks.extend(head.parts.into_iter().filter_map(|part| match part {
            validate::Part::Tokens(tokens) => Some(tokens),
            validate::Part::Text(_) => None,
        }));
        chunks.extend(items);
    }
    if options.client && !ir.operations.is_empty() {
        let parts = client::module(ir, options.validators)?;
        chunks.push(parts.docs);
        chunks.extend(parts.chunks);
    }
    Ok(chunks)
}

/// The re-exports at the top of the generated crate (or `include!`d file).
pub fn reexports(output: &Output) -> TokenStream {
    let validate = output
        .modules
        .iter()
        .any(|m| m.name == "validate")
        .then(|| {
            quote!(
                pub use validate::{Validate, ValidateJson, ValidationErrors};
            )
        });
    // A description whose operations use only primitives has no types.
    let types = output
        .modules
        .iter()
        .any(|m| m.name == "types" && m.text.lines().any(|l| l.starts_with("pub ")))
        .then(|| {
            quote!(
                pub use types::*;
            )
        });
    quote! {
        pub use runtime::{convert, Patch};
        #types
        #validate
    }
}

/// Parses and pretty-prints a token stream as a file.
pub fn format(tokens: TokenStream) -> Result<String> {
    print_chunks([tokens]).map(|text| space_items(&text))
}

/// Parses and prints chunks of items (each a file of its own: inner
/// attributes first, then items), one after the other, as they come. Each
/// chunk is parsed, printed and dropped before the next, so the syntax trees
/// stay small: a module of 100,000 lines costs the memory of its largest
/// item, not of the module. What `prettyplease` prints for a file is its
/// items in order, so the text is that of the chunks as one file. The blank
/// lines between items are [`space_items`]' to add, on the whole text.
pub fn print_chunks(chunks: impl IntoIterator<Item = TokenStream>) -> Result<String> {
    let mut text = String::new();
    for chunk in chunks {
        print_chunk(chunk, &mut text)?;
    }
    Ok(text)
}

/// Parses one chunk and appends it, printed, to `text`.
fn print_chunk(tokens: TokenStream, text: &mut String) -> Result<()> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::new(
            ErrorKind::Invalid,
            format!("internal error: the generated code does not parse: {e}"),
        )
        .help("please report this with the description that caused it")
    })?;
    text.push_str(&prettyplease::unparse(&file));
    Ok(())
}

/// Puts a blank line between top-level items (and between the items of inline
/// modules), which `prettyplease` leaves out.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous_ended_item = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if previous_ended_item && !trimmed.is_empty() && !trimmed.starts_with('}') {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        // An item (or an item of an inline module or impl) ends with a
        // closing brace or a semicolon at indent 0 or 4.
        previous_ended_item = indent <= 4
            && (trimmed == "}" || (trimmed.ends_with(';') && !trimmed.starts_with("//")));
    }
    out
}

/// An identifier; names from the IR are already valid, anything else is made so.
pub fn ident(name: &str) -> Ident {
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name != "_"
        && !crate::naming::is_keyword(name);
    if valid {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new(
            &format!("invalid_{}", crate::naming::field_name(name)),
            Span::call_site(),
        )
    }
}

/// `#[doc = "…"]` attributes, one per line, which print as `///` comments.
/// Every doc comment of the generated code is made here (or by
/// [`inner_doc_attrs`]), after [`crate::docs::guard`]: no text of the
/// description becomes a code block that rustdoc would compile.
pub fn doc_attrs(text: &str) -> TokenStream {
    let text = crate::docs::guard(text);
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#![doc = "…"]` attributes (`//!` comments), made as [`doc_attrs`].
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let text = crate::docs::guard(text);
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks printed one by one read as the same chunks printed as one file.
    #[test]
    fn chunks_print_as_one_file() {
        let chunks = [
            quote! {
                #![doc = " The module."]
                use std::fmt;
                /// A struct.
                pub struct A { pub x: Option<Vec<String>> }
            },
            quote! {
                impl fmt::Display for A {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        match &self.x { Some(x) => write!(f, "{}", x.join(", ")), None => Ok(()) }
                    }
                }
            },
            quote!(
                pub const N: usize = 1;
            ),
        ];
        let whole = chunks.iter().cloned().collect::<TokenStream>();
        let whole: syn::File = syn::parse2(whole).expect("parses");
        assert_eq!(
            print_chunks(chunks).expect("prints"),
            prettyplease::unparse(&whole)
        );
    }
}
