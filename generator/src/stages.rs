//! The pipeline's stages one at a time, for the stage benchmark
//! (`cargo bench --bench generate`). [`crate::Config`] runs them together;
//! this module is not part of the stable API.

use crate::error::Result;
use crate::front::load::{self, Loaded, Source};
use crate::front::locate::Sources;
use crate::front::resolve::{self, Selection};
use crate::{emit, ir};
use proc_macro2::TokenStream;

/// The types and operations, named: what [`ir()`] gives.
pub struct Ir(ir::Ir);

impl Ir {
    /// How many types and operations it has.
    pub fn counts(&self) -> (usize, usize) {
        (self.0.types.len(), self.0.operations.len())
    }
}

/// Load: the bytes parsed as JSON or YAML.
pub fn load(source: &Source) -> Result<serde_json::Value> {
    load::parse(source)
}

/// Resolve: the parsed document checked, its files bundled, normalised onto
/// 3.0 and read into the OpenAPI model.
pub fn resolve(source: &Source, doc: serde_json::Value) -> Result<Loaded> {
    load::model(source, doc, &mut Sources::default(), &[])
}

/// IR: the operations selected, every schema they reach made a type with a
/// Rust name.
pub fn ir(source: &Source, loaded: &Loaded, selection: &Selection) -> Result<Ir> {
    let doc = resolve::Doc {
        api: &loaded.api,
        file: &source.path,
    };
    let ops = doc.select(selection)?;
    let everything = selection.operations.is_empty() && selection.tags.is_empty();
    ir::build(doc, &ops, everything).map(Ir)
}

/// The IR of a description given as text, every operation selected (for
/// the unit tests of the later stages).
#[cfg(test)]
pub(crate) fn ir_of(name: &str, text: &str) -> Result<ir::Ir> {
    let source = Source::from_bytes(name, text.as_bytes().to_vec());
    let doc = load(&source)?;
    let loaded = resolve(&source, doc)?;
    ir(&source, &loaded, &Selection::default()).map(|ir| ir.0)
}

/// Emit: the token streams of every module (types, validators, client), on
/// this thread, not printed.
pub fn emit(ir: &Ir) -> Result<Vec<TokenStream>> {
    emit::build_chunks(&ir.0, &emit::Options::default())
}

/// Format: the token streams parsed and printed, one after the other
/// (without the blank lines generation puts between items).
pub fn format(chunks: Vec<TokenStream>) -> Result<String> {
    emit::print_chunks(chunks)
}

/// Emit and format as generation does them (interleaved, on two threads):
/// the text of every module, one after the other.
pub fn emit_and_format(ir: &Ir) -> Result<String> {
    let output = emit::generate(&ir.0, &emit::Options::default())?;
    Ok(output.modules.iter().map(|m| m.text.as_str()).collect())
}
