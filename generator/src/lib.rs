//! `openapi-codegen` generates typed Rust models from OpenAPI 3.0 and 3.1
//! descriptions: structs and enums with the spec's docs, three-state fields for
//! PATCH bodies, open objects that lose nothing, and responses read tolerantly.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`load`] (bytes → document) → `resolve` (references, operation selection) →
//! `ir` (types and operations with Rust names) → `emit` (`quote!` →
//! `prettyplease`) → `write` (files, only when changed).
//!
//! # In a `build.rs`
//!
//! ```no_run
//! // build.rs: `fn main()` of the build script
//! if let Err(e) = openapi_codegen::compile("spec/connection-update.json") {
//!     panic!("{e}");
//! }
//! ```
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/connection_update.rs"));`
//!
//! [`Config`] chooses operations, the output directory and the file name.

mod docs;
mod emit;
pub mod error;
mod ir;
pub mod load;
mod naming;
mod normalize;
mod resolve;
pub mod write;

pub use error::{Diagnostic, Error, ErrorKind};
pub use normalize::Rewrites;
pub use resolve::Selection;
pub use write::{GeneratedFile, WriteReport};

use std::path::{Path, PathBuf};

/// Settings for one generation, in the style of `prost_build::Config`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    selection: Selection,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    quiet: bool,
    options: emit::Options,
}

/// The result of generating in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// How many types and operations were generated.
    pub types: usize,
    pub operations: usize,
    /// What the 3.1 → 3.0 normalisation rewrote.
    pub rewrites: Rewrites,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where [`Config::compile`] writes; defaults to the `OUT_DIR` cargo gives a build script.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the file [`Config::compile`] writes; defaults to the spec's
    /// file stem in snake case with `.rs` (`connection-update.json` → `connection_update.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Generates this operation (by operationId); may be repeated. Without
    /// operations or tags, every operation is generated.
    pub fn operation(&mut self, id: impl Into<String>) -> &mut Self {
        self.selection.operations.push(id.into());
        self
    }

    /// Generates the operations with this tag; may be repeated.
    pub fn tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.selection.tags.push(tag.into());
        self
    }

    /// Whether to generate validation code (on by default).
    pub fn validators(&mut self, on: bool) -> &mut Self {
        self.options.validators = on;
        self
    }

    /// Whether to generate the HTTP client (on by default; in the generated
    /// crate it sits behind the `client` feature).
    pub fn client(&mut self, on: bool) -> &mut Self {
        self.options.client = on;
        self
    }

    /// Prints no `cargo:` lines (for use outside build scripts).
    pub fn quiet(&mut self, quiet: bool) -> &mut Self {
        self.quiet = quiet;
        self
    }

    /// For a `build.rs`: generates one file (for `include!`) into the output
    /// directory, writing it only when it changes, and tells cargo to rerun
    /// only when the description changes. Returns the path of the file.
    pub fn compile(&self, spec: impl AsRef<Path>) -> Result<PathBuf, Error> {
        let spec = spec.as_ref();
        if !self.quiet {
            println!("cargo:rerun-if-changed={}", spec.display());
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::new(ErrorKind::Io, "OUT_DIR is not set")
                    .help("call this from a build script, or set an output directory with Config::out_dir")
            })?,
        };
        let source = load::Source::read(spec)?;
        let (output, _, _) = self.pipeline(&source)?;
        let header = write::header("//", &spec_name(spec), &source.sha256());
        let text = write::single_file(&output, &header)?;
        let file_name = self
            .file_name
            .clone()
            .unwrap_or_else(|| format!("{}.rs", naming::field_name(&file_stem(spec))));
        let path = out_dir.join(file_name);
        write::write_files(
            &out_dir,
            &[GeneratedFile {
                path: path.clone(),
                contents: text,
            }],
        )?;
        Ok(path)
    }

    /// Generates a complete crate in memory: `Cargo.toml`, `src/lib.rs` and its modules.
    pub fn generate_crate(
        &self,
        spec: impl AsRef<Path>,
        crate_name: &str,
    ) -> Result<Generated, Error> {
        let spec = spec.as_ref();
        let source = load::Source::read(spec)?;
        self.generate_crate_from(&source, crate_name)
    }

    /// [`Config::generate_crate`] on a description already in memory.
    pub fn generate_crate_from(
        &self,
        source: &load::Source,
        crate_name: &str,
    ) -> Result<Generated, Error> {
        let (output, ir, rewrites) = self.pipeline(source)?;
        let mut crate_docs = format!(
            "{} {}: types generated from its OpenAPI description.",
            ir.title, ir.version
        );
        if let Some(description) = &ir.description {
            crate_docs.push_str("\n\n");
            crate_docs.push_str(description);
        }
        let info = write::CrateInfo {
            name: crate_name,
            description: format!(
                "{}: typed models generated from its OpenAPI description",
                ir.title
            ),
            crate_docs,
        };
        let files = write::crate_files(&output, &info, &spec_name(&source.path), &source.sha256())?;
        Ok(Generated {
            files,
            types: ir.types.len(),
            operations: ir.operations.len(),
            rewrites,
        })
    }

    /// Generates a crate into `dir`, writing only the files that change.
    pub fn write_crate(
        &self,
        spec: impl AsRef<Path>,
        dir: impl AsRef<Path>,
        crate_name: &str,
    ) -> Result<WriteReport, Error> {
        let generated = self.generate_crate(spec, crate_name)?;
        write::write_files(dir.as_ref(), &generated.files)
    }

    fn pipeline(&self, source: &load::Source) -> Result<(emit::Output, ir::Ir, Rewrites), Error> {
        let loaded = load::load(source)?;
        let doc = resolve::Doc {
            api: &loaded.api,
            file: &source.path,
        };
        let ops = doc.select(&self.selection)?;
        let ir = ir::build(doc, &ops)?;
        let output = emit::generate(&ir, &self.options)?;
        Ok((output, ir, loaded.rewrites))
    }
}

/// For a `build.rs`: generates `spec` into `OUT_DIR` with the default settings.
pub fn compile(spec: impl AsRef<Path>) -> Result<PathBuf, Error> {
    Config::new().compile(spec)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "openapi".into())
}

fn spec_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "openapi".into())
}
