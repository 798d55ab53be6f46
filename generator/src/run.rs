//! Runs the pipeline for a [`Config`]: reads the description, runs the
//! stages (`front` → `ir` → `emit`) on a thread with a large stack, and lays
//! the result out (`write`) as one file for `include!` or as a crate, or
//! compares two descriptions (`diff`).

use crate::error::{Error, ErrorKind};
use crate::{diff, docs, emit, front, ir, load, locate, naming, write};
use crate::{Config, Generated, GeneratedFile, Losses, Rewrites, WriteReport};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What the pipeline produced, before it is laid out as files.
struct Pipeline {
    output: emit::Output,
    ir: ir::Ir,
    rewrites: Rewrites,
    inputs: Vec<PathBuf>,
    losses: Losses,
}

impl Config {
    /// For a `build.rs`: generates one file (for `include!` or
    /// [`include_generated!`](crate::include_generated)) into the output directory, writing it only when
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
const STACK: usize = 64 << 20;

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
