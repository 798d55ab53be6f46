//! `openapi-rustgen` generates typed Rust models from OpenAPI 3.0 and 3.1
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
//! // build.rs, in `fn main()`:
//! let result = openapi_rustgen::Config::new()
//!     .operation("patch_connections_by_id") // or .tag(…); default: every operation
//!     .compile("spec/connection-update.json");
//! if let Err(e) = result {
//!     eprintln!("{e}"); // file:line:column, the line, the JSON pointer, what to do
//!     std::process::exit(1);
//! }
//! ```
//! and in `src/lib.rs`:
//! ```ignore
//! openapi_rustgen::include_generated!("connection_update");
//! ```
//! [`Config::compile`] prints `cargo:rerun-if-changed` for the description and
//! every file its `$ref`s reach, so cargo reruns it exactly when one of them
//! changes; it rewrites the file only when its content changes. The including
//! crate depends on `openapi-rustgen` with `default-features = false` (the
//! macro alone) and on what the generated code uses (`serde` with `derive`,
//! `serde_json`, `regress`).
//!
//! # Errors
//!
//! An [`Error`] names the file, the JSON Pointer, line and column, shows the
//! line, and says what to do; its [`ErrorKind`] is the CLI's exit code.
//! Nothing is written when there is an error: everything is generated in
//! memory first.
//!
//! # Other files
//!
//! `$ref`s to other files (`other.yaml#/components/schemas/Pet`,
//! `./schemas/pet.json`) are read relative to the file that holds them; the
//! nodes they name become components of the description (see `bundle`).
//! Remote references are refused: there is no network at build time.

#[cfg(feature = "codegen")]
pub mod diff;
#[cfg(feature = "codegen")]
mod docs;
#[cfg(feature = "codegen")]
mod emit;
#[cfg(feature = "codegen")]
pub mod error;
#[cfg(feature = "codegen")]
mod front;
#[cfg(feature = "codegen")]
mod ir;
#[cfg(feature = "codegen")]
pub mod losses;
#[cfg(feature = "codegen")]
mod naming;
#[cfg(feature = "codegen")]
mod run;
#[cfg(feature = "codegen")]
#[doc(hidden)]
pub mod stages;
#[cfg(feature = "codegen")]
pub mod write;

#[cfg(feature = "codegen")]
pub use error::{Diagnostic, Error, ErrorKind};
#[cfg(feature = "codegen")]
pub use front::normalize::Rewrites;
#[cfg(feature = "codegen")]
pub use front::resolve::Selection;
/// Stage 1 (bytes → document) and its error locations, for tools and tests.
#[cfg(feature = "codegen")]
pub use front::{load, locate};
#[cfg(feature = "codegen")]
pub use losses::{Loss, LossKind, Losses};
#[cfg(feature = "codegen")]
pub use write::{GeneratedFile, WriteReport};

/// How an operation's results come in pages ([`Config::pagination`]).
#[cfg(feature = "codegen")]
pub use ir::pagination::{PageStyle, Pagination};

#[cfg(feature = "codegen")]
use std::path::{Path, PathBuf};

/// Includes the code a `build.rs` generated with [`compile`] or
/// [`Config::compile`]: `include_generated!("connection_update")` expands to
/// `include!(concat!(env!("OUT_DIR"), "/connection_update.rs"))`.
///
/// The macro is all the crate holds without its default features, so the crate
/// that includes the code can depend on the generator at no cost:
///
/// ```toml
/// [dependencies]
/// openapi-rustgen = { version = "0.1", default-features = false } # the macro only
/// [build-dependencies]
/// openapi-rustgen = { version = "0.1", default-features = false, features = ["codegen"] }
/// ```
///
/// The name is the file's name without `.rs`: by default the description's
/// file stem in snake case (`connection-update.json` → `connection_update`),
/// or what [`Config::file_name`] set.
#[macro_export]
macro_rules! include_generated {
    ($name:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $name, ".rs"));
    };
}

/// Settings for one generation, in the style of `prost_build::Config`: the
/// output directory (default `OUT_DIR`) and file name, the operations or tags
/// to generate (default: all), validators and client (default: both), extra
/// derives. Maps are always `BTreeMap` (sorted keys: deterministic output).
#[cfg(feature = "codegen")]
#[derive(Debug, Clone, Default)]
pub struct Config {
    selection: Selection,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    quiet: bool,
    progress: bool,
    derives: Vec<String>,
    options: emit::Options,
    loss_report: Option<PathBuf>,
    ref_roots: Vec<PathBuf>,
    // Pagination overrides, by operationId (`None`: none).
    pagination: Vec<(String, Option<Pagination>)>,
}

/// The result of generating in memory.
#[cfg(feature = "codegen")]
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// How many types and operations were generated.
    pub types: usize,
    pub operations: usize,
    /// What the 3.1 → 3.0 normalisation rewrote.
    pub rewrites: Rewrites,
    /// Every file the description was read from: the description itself, then
    /// each file its `$ref`s reach (what a build script reruns on).
    pub inputs: Vec<PathBuf>,
    /// What the generated code does not carry over exactly (untyped schemas,
    /// keywords not enforced), ordered by pointer.
    pub losses: Losses,
    /// The `#![recursion_limit]` the code needs, when its types nest too
    /// deep for rustc's default (128). A generated crate's `lib.rs` sets it;
    /// the crate that `include!`s the one file of [`Config::compile`] must
    /// set it itself (`compile` says so in a `cargo:warning`).
    pub recursion_limit: Option<u32>,
}

#[cfg(feature = "codegen")]
impl Generated {
    /// Lines of generated code and manifests.
    pub fn lines(&self) -> usize {
        self.files.iter().map(|f| f.contents.lines().count()).sum()
    }
}

#[cfg(feature = "codegen")]
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

    /// Generates this operation (by operationId) and the types it reaches; may
    /// be repeated. Without operations or tags, every operation is generated.
    pub fn operation(&mut self, id: impl Into<String>) -> &mut Self {
        self.selection.operations.push(id.into());
        self
    }

    /// Generates the operations with this tag; may be repeated.
    pub fn tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.selection.tags.push(tag.into());
        self
    }

    /// Pages through operation `id` (its operationId) as `pagination` says,
    /// whatever detection finds: the client gets its `…_stream` method. Its
    /// parameters must be query parameters of the operation, and its items
    /// an array of its JSON success response; generation fails otherwise.
    pub fn pagination(&mut self, id: impl Into<String>, pagination: Pagination) -> &mut Self {
        self.pagination.push((id.into(), Some(pagination)));
        self
    }

    /// No pagination for operation `id` (its operationId), whatever
    /// detection finds: no `…_stream` method.
    pub fn no_pagination(&mut self, id: impl Into<String>) -> &mut Self {
        self.pagination.push((id.into(), None));
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

    /// Adds a derive to every generated struct and enum, e.g. `"Eq"`,
    /// `"Hash"` or `"::schemars::JsonSchema"`; may be repeated. The including
    /// crate must provide it, and every field must support it.
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.derives.push(path.into());
        self
    }

    /// Allows `$ref`s to read files under `dir` too; may be repeated. By
    /// default a reference may only name files inside the description's own
    /// folder (after symbolic links and `..` are resolved).
    pub fn allow_ref_root(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.ref_roots.push(dir.into());
        self
    }

    /// Prints no `cargo:` lines (for use outside build scripts).
    pub fn quiet(&mut self, quiet: bool) -> &mut Self {
        self.quiet = quiet;
        self
    }

    /// Reports each stage and its time on stderr (the CLI does for large descriptions).
    pub fn progress(&mut self, on: bool) -> &mut Self {
        self.progress = on;
        self
    }

    /// Writes the list of what the generated code does not carry over exactly
    /// (schemas that became `serde_json::Value`, keywords not enforced; one a
    /// line, with its JSON Pointer and the reason, ordered by pointer) to
    /// `path` when [`Config::compile`] runs. Without it, `compile` only prints
    /// the counts as a `cargo:warning` (unless [`Config::quiet`]); the list is
    /// also in [`Generated::losses`].
    pub fn loss_report(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.loss_report = Some(path.into());
        self
    }
}

/// A `pattern` (ECMA-262) as the generated validators compile it: checked as
/// ECMA-262, then written in the syntax of the `fancy-regex` crate, whose
/// time is linear in the input for patterns without look-around and
/// backreferences. An error says why the pattern cannot be used.
#[cfg(feature = "codegen")]
pub fn translate_pattern(source: &str) -> Result<String, String> {
    ir::Pattern::compile(source).map(|p| p.translated)
}

/// For a `build.rs`: generates `spec` into `OUT_DIR` with the default settings.
#[cfg(feature = "codegen")]
pub fn compile(spec: impl AsRef<Path>) -> Result<PathBuf, Error> {
    Config::new().compile(spec)
}
