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
#[cfg(feature = "codegen")]
use std::time::Instant;

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

/// What the pipeline produced, before it is laid out as files.
#[cfg(feature = "codegen")]
struct Pipeline {
    output: emit::Output,
    ir: ir::Ir,
    rewrites: Rewrites,
    inputs: Vec<PathBuf>,
    losses: Losses,
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

    /// For a `build.rs`: generates one file (for `include!` or
    /// [`include_generated!`]) into the output directory, writing it only when
    /// it changes, and tells cargo to rerun only when the description, or a
    /// file its `$ref`s reach, changes. Returns the path of the file.
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
        let generated = self.generate(&source)?;
        if !self.quiet {
            for input in generated.inputs.iter().skip(1) {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        if let Some(report) = &self.loss_report {
            write::write_files(
                Path::new(""),
                &[GeneratedFile {
                    path: report.clone(),
                    contents: generated.losses.to_string(),
                }],
            )?;
        }
        if !self.quiet && !generated.losses.is_empty() {
            println!(
                "cargo:warning={}: {}; {}",
                spec_name(spec),
                generated.losses.summary(),
                match &self.loss_report {
                    Some(report) => format!("the list is in {}", report.display()),
                    None => "Config::loss_report(path) writes the list".to_string(),
                }
            );
        }
        if let (false, Some(limit)) = (self.quiet, generated.recursion_limit) {
            println!(
                "cargo:warning={}: the generated types nest too deep for rustc's default recursion limit; the crate that includes them needs #![recursion_limit = \"{limit}\"] at the top of its root module",
                spec_name(spec)
            );
        }
        let path = out_dir.join(self.file_name_for(spec));
        write::write_files(
            &out_dir,
            &[GeneratedFile {
                path: path.clone(),
                contents: generated
                    .files
                    .into_iter()
                    .next()
                    .map(|f| f.contents)
                    .unwrap_or_default(),
            }],
        )?;
        Ok(path)
    }

    /// The name of the file [`Config::compile`] writes for `spec`.
    pub fn file_name_for(&self, spec: &Path) -> String {
        self.file_name
            .clone()
            .unwrap_or_else(|| format!("{}.rs", naming::field_name(&file_stem(spec))))
    }

    /// Generates the one file of [`Config::compile`] in memory, without writing it.
    pub fn generate(&self, source: &load::Source) -> Result<Generated, Error> {
        on_big_stack(|| self.generate_here(source))
    }

    fn generate_here(&self, source: &load::Source) -> Result<Generated, Error> {
        let run = self.pipeline(source)?;
        let header = write::header("//", &spec_name(&source.path), &source.sha256());
        let text = write::single_file(&run.output, &header)?;
        Ok(Generated {
            files: vec![GeneratedFile {
                path: PathBuf::from(self.file_name_for(&source.path)),
                contents: text,
            }],
            types: run.ir.types.len(),
            operations: run.ir.operations.len(),
            rewrites: run.rewrites,
            inputs: run.inputs,
            losses: run.losses,
            recursion_limit: run.output.recursion_limit,
        })
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
        on_big_stack(|| self.generate_crate_here(source, crate_name))
    }

    fn generate_crate_here(
        &self,
        source: &load::Source,
        crate_name: &str,
    ) -> Result<Generated, Error> {
        if let Some(problem) = naming::crate_name_problem(crate_name) {
            return Err(Error::new(
                ErrorKind::Selection,
                format!("`{crate_name}` cannot be a crate's name: {problem}"),
            )
            .help("choose a name of ASCII letters, digits, `-` and `_` that starts with a letter, e.g. `my-api`"));
        }
        let Pipeline {
            output,
            ir,
            rewrites,
            inputs,
            losses,
        } = self.pipeline(source)?;
        let mut crate_docs = format!(
            "{} {}: types generated from its OpenAPI description.",
            docs::prose(&ir.title),
            docs::prose(&ir.version)
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
        let started = Instant::now();
        let files = write::crate_files(&output, &info, &spec_name(&source.path), &source.sha256())?;
        self.report("laid out the crate", started);
        Ok(Generated {
            files,
            types: ir.types.len(),
            operations: ir.operations.len(),
            rewrites,
            inputs,
            losses,
            recursion_limit: output.recursion_limit,
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

    /// What changed in the generated public API from the description `old`
    /// to `new` (with this configuration's selection).
    pub fn diff(
        &self,
        old: impl AsRef<Path>,
        new: impl AsRef<Path>,
    ) -> Result<diff::ApiDiff, Error> {
        let (old, new) = (old.as_ref(), new.as_ref());
        let (old_source, new_source) = (load::Source::read(old)?, load::Source::read(new)?);
        on_big_stack(|| {
            let old_ir = self.front(&old_source)?;
            let new_ir = self.front(&new_source)?;
            Ok(diff::diff(
                &old_ir,
                &new_ir,
                &spec_name(old),
                &spec_name(new),
            ))
        })
    }

    fn report(&self, what: &str, started: Instant) {
        if self.progress {
            eprintln!(
                "openapi-rustgen: {what} ({} ms)",
                started.elapsed().as_millis()
            );
        }
    }

    /// load → resolve → IR → emit; an error is put where its node is (file,
    /// pointer, line, column, the line itself).
    fn pipeline(&self, source: &load::Source) -> Result<Pipeline, Error> {
        let mut sources = locate::Sources::default();
        self.stages(source, &mut sources, true)
            .map_err(|e| sources.locate(e.in_file(&source.path)))
    }

    /// The pagination overrides, on the IR.
    fn paginate(&self, ir: &mut ir::Ir) -> Result<(), Error> {
        for (id, pagination) in &self.pagination {
            let Some(at) = ir.operations.iter().position(|op| op.id == *id) else {
                return Err(Error::new(
                    ErrorKind::Selection,
                    format!("Config::pagination: there is no operation `{id}` to page through"),
                )
                .help("name a generated operation by its operationId"));
            };
            ir.operations[at].pagination = match pagination {
                None => None,
                Some(p) => Some(ir::pagination::apply(ir, &ir.operations[at], p).map_err(
                    |why| {
                        Error::new(
                            ErrorKind::Selection,
                            format!("Config::pagination: operation `{id}` cannot be paged as asked: {why}"),
                        )
                    },
                )?),
            };
        }
        Ok(())
    }

    /// load → resolve → IR, without emitting (what `diff` needs).
    fn front(&self, source: &load::Source) -> Result<ir::Ir, Error> {
        let mut sources = locate::Sources::default();
        self.stages(source, &mut sources, false)
            .map(|run| run.ir)
            .map_err(|e| sources.locate(e.in_file(&source.path)))
    }

    fn stages(
        &self,
        source: &load::Source,
        sources: &mut locate::Sources,
        emit: bool,
    ) -> Result<Pipeline, Error> {
        let started = Instant::now();
        let loaded = load::load_with(source, sources, &self.ref_roots)?;
        self.report(
            &format!(
                "read {} ({} KiB{})",
                source.path.display(),
                source.bytes.len() / 1024,
                match loaded.files.len() {
                    1 => String::new(),
                    n => format!(", and {} files it refers to", n - 1),
                }
            ),
            started,
        );
        let started = Instant::now();
        let doc = front::resolve::Doc {
            api: &loaded.api,
            file: &source.path,
        };
        let ops = doc.select(&self.selection)?;
        let everything = self.selection.operations.is_empty() && self.selection.tags.is_empty();
        let mut ir = ir::build(doc, &ops, everything)?;
        self.paginate(&mut ir)?;
        self.report(
            &format!(
                "resolved {} operations and {} types",
                ir.operations.len(),
                ir.types.len()
            ),
            started,
        );
        let output = if emit {
            let started = Instant::now();
            let mut output = emit::generate(&ir, &self.options)?;
            emit::attrs::add_derives(&mut output, &self.derives)?;
            self.report("emitted and formatted the code", started);
            output
        } else {
            emit::Output {
                modules: Vec::new(),
                dependencies: Vec::new(),
                default_features: Vec::new(),
                recursion_limit: None,
            }
        };
        let mut losses = loaded.losses;
        losses.append(ir.losses.clone());
        if emit && !self.options.validators {
            losses.not_enforced(
                "",
                "validators",
                "no validators are generated (Config::validators(false), --no-validators): no constraint is checked",
            );
        }
        Ok(Pipeline {
            output,
            ir,
            rewrites: loaded.rewrites,
            inputs: loaded.files,
            losses: losses.finish(),
        })
    }
}

/// The stack the stages run on. Their recursion is bounded (documents nest at
/// most 128 levels, types at most 200), but a debug build's frames are large
/// and the caller's stack may be small (a test thread has 2 MiB): on a thread
/// of its own, the limits hold whoever calls.
#[cfg(feature = "codegen")]
const STACK: usize = 64 << 20;

#[cfg(feature = "codegen")]
fn on_big_stack<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("openapi-rustgen".into())
            .stack_size(STACK)
            .spawn_scoped(scope, f)
            .map_err(|e| {
                Error::new(
                    ErrorKind::Io,
                    format!("cannot start the generator's thread: {e}"),
                )
                .help("the machine is out of threads or memory; try again")
            })?;
        match handle.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
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

#[cfg(feature = "codegen")]
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "openapi".into())
}

#[cfg(feature = "codegen")]
fn spec_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "openapi".into())
}
