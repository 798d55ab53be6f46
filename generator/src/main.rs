//! The `openapi-rustgen` command line.
//!
//! * `openapi-rustgen` (no arguments): regenerates the repository's committed
//!   crate `generated/` from the description in `spec/`.
//! * `openapi-rustgen generate SPEC --out DIR [--crate-name NAME] [--operation ID]... [--tag TAG]... [--no-validators] [--no-client] [--report FILE]`
//! * `openapi-rustgen check SPEC --out DIR [...]`: exits with 1 when `DIR` is not what `generate` would write.
//! * `openapi-rustgen diff OLD NEW [--format text|json]`: what changed in the generated public API.
//!
//! Exit codes: 0 success, 1 `check` found stale output (or `diff
//! --fail-on-breaking` a breaking change), 2 usage, 3–9 an error in the
//! description or on disk (see `ErrorKind::exit_code`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use openapi_rustgen::{write, Config, Error, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Generation allocates and frees millions of small nodes (tokens, syntax
/// trees, printed words); mimalloc makes that about 30% faster than the
/// system allocator. It is built without transparent huge pages (the
/// `no_thp` feature in `generator/Cargo.toml`): with them, the peak memory of
/// the whole Auth0 description is 106 MB instead of 86, for no measurable time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The crate name of the committed output, for the no-argument form.
const DEFAULT_CRATE: &str = "auth0-connections";

/// Descriptions larger than this get progress reports on stderr.
const LARGE: u64 = 1 << 20;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (check: the output is up to date)
  1  check: the output is stale; diff --fail-on-breaking: a breaking change
  2  the command line is wrong
  3  a file cannot be read or written
  4  the description is not JSON or YAML (empty, truncated, bad syntax)
  5  the description is not OpenAPI 3.0 or 3.1 (Swagger 2.0, unknown version)
  6  the description breaks OpenAPI's rules (no paths, duplicate operationIds, a bad pattern, …)
  7  a $ref points nowhere, to a missing file, or to the network
  8  a chosen operation or tag does not exist, or a setting is invalid
  9  the description is beyond a limit (nesting depth, an integer beyond 64 bits)

Without arguments, regenerates generated/ from the description in spec/.";

#[derive(Parser)]
#[command(
    name = "openapi-rustgen",
    version,
    about = "Generates typed Rust code from OpenAPI 3.0 and 3.1 descriptions.",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a complete crate (Cargo.toml and src/) generated from SPEC into DIR.
    Generate(Target),
    /// Exits with 1, listing the files, when DIR is not what `generate` would write.
    Check(Target),
    /// Reports what changed in the generated public API from OLD to NEW.
    Diff(DiffArgs),
}

#[derive(Args)]
struct Target {
    /// The OpenAPI description (JSON or YAML).
    spec: PathBuf,
    /// The crate's directory.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name [default: the name of DIR].
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    #[command(flatten)]
    settings: Settings,
    /// Prints nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Reports each stage on stderr (on by default for descriptions over 1 MiB).
    #[arg(long)]
    progress: bool,
    /// Writes the list of what the code does not carry over exactly (schemas
    /// that became `serde_json::Value`, keywords not enforced), each with its
    /// JSON Pointer and the reason, to FILE (`-`: stderr).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

#[derive(Args)]
struct Settings {
    /// Generates only this operation (by operationId) and the types it
    /// reaches; may be repeated.
    #[arg(long, value_name = "ID")]
    operation: Vec<String>,
    /// Generates only the operations with this tag; may be repeated.
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Generates no validation code.
    #[arg(long)]
    no_validators: bool,
    /// Generates no HTTP client.
    #[arg(long)]
    no_client: bool,
    /// Adds a derive to every generated struct and enum (e.g. `Hash`); may be repeated.
    #[arg(long, value_name = "PATH")]
    derive: Vec<String>,
    /// Lets `$ref`s read files under DIR too (by default only inside the
    /// description's folder); may be repeated.
    #[arg(long, value_name = "DIR")]
    allow_ref_root: Vec<PathBuf>,
}

#[derive(Args)]
struct DiffArgs {
    /// The old description.
    old: PathBuf,
    /// The new description.
    new: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exits with 1 when a change is breaking.
    #[arg(long)]
    fail_on_breaking: bool,
    /// Compares only this operation and the types it reaches; may be repeated.
    #[arg(long, value_name = "ID")]
    operation: Vec<String>,
    /// Compares only the operations with this tag; may be repeated.
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Lets `$ref`s read files under DIR too; may be repeated.
    #[arg(long, value_name = "DIR")]
    allow_ref_root: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

impl Settings {
    fn config(&self) -> Config {
        let mut config = Config::new();
        config.quiet(true);
        for id in &self.operation {
            config.operation(id);
        }
        for tag in &self.tag {
            config.tag(tag);
        }
        for derive in &self.derive {
            config.derive(derive);
        }
        for dir in &self.allow_ref_root {
            config.allow_ref_root(dir);
        }
        config
            .validators(!self.no_validators)
            .client(!self.no_client);
        config
    }
}

/// The repository root: the nearest directory upwards with `spec/` and `generated/`.
fn repo_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let from_cwd = cwd
        .ancestors()
        .find(|d| d.join("spec").is_dir() && d.join("generated").is_dir());
    from_cwd.map(Path::to_path_buf).or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .filter(|d| d.join("spec").is_dir())
            .map(Path::to_path_buf)
    })
}

/// The one description in `spec/`.
fn default_spec(root: &Path) -> Result<PathBuf, Error> {
    let dir = root.join("spec");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot list {}: {e}", dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    specs.sort();
    match specs.len() {
        1 => Ok(specs.remove(0)),
        0 => Err(Error::new(
            ErrorKind::Io,
            format!("no description (.json, .yaml) in {}", dir.display()),
        )),
        _ => Err(Error::new(
            ErrorKind::Selection,
            format!("several descriptions in {}", dir.display()),
        )
        .help("name one: openapi-rustgen generate SPEC --out DIR")),
    }
}

/// The crate name: `--crate-name`, else the name in the output's existing
/// `Cargo.toml` (so `check` and a regeneration keep it), else the output
/// directory's name.
fn crate_name(target: &Target) -> String {
    if let Some(name) = &target.crate_name {
        return name.clone();
    }
    if let Some(name) = existing_crate_name(&target.out) {
        return name;
    }
    let dir = std::path::absolute(&target.out).unwrap_or_else(|_| target.out.clone());
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        "generated-api".to_string()
    } else {
        name
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        None => {
            let root = repo_root().ok_or_else(|| {
                Error::new(
                    ErrorKind::Io,
                    "no repository with spec/ and generated/ found from the current directory",
                )
                .help("run it in the repository, or give a command: openapi-rustgen generate SPEC --out DIR")
            })?;
            let target = Target {
                spec: default_spec(&root)?,
                out: root.join("generated"),
                crate_name: Some(DEFAULT_CRATE.to_string()),
                settings: Settings {
                    operation: Vec::new(),
                    tag: Vec::new(),
                    no_validators: false,
                    no_client: false,
                    derive: Vec::new(),
                    allow_ref_root: Vec::new(),
                },
                quiet: false,
                progress: false,
                report: None,
            };
            generate(&target)
        }
        Some(Command::Generate(target)) => generate(&target),
        Some(Command::Check(target)) => check(&target),
        Some(Command::Diff(args)) => diff(&args),
    }
}

fn generate(target: &Target) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let mut config = target.settings.config();
    let large = std::fs::metadata(&target.spec).is_ok_and(|m| m.len() > LARGE);
    config.progress(!target.quiet && (target.progress || large));
    let generated = config.generate_crate(&target.spec, &crate_name(target))?;
    let report = write::write_crate_files(&target.out, &generated.files)?;
    let losses = &generated.losses;
    match target.report.as_deref() {
        Some(path) if path == Path::new("-") => eprint!("{losses}"),
        Some(path) => {
            write::write_files(
                Path::new(""),
                &[write::GeneratedFile {
                    path: path.to_path_buf(),
                    contents: losses.to_string(),
                }],
            )?;
        }
        None => {}
    }
    if !target.quiet {
        eprintln!(
            "generated {} operation{}, {} types, {} lines into {} in {:.1?}: {} file{} written, {} unchanged{}",
            generated.operations,
            plural(generated.operations),
            generated.types,
            generated.lines(),
            target.out.display(),
            started.elapsed(),
            report.written.len(),
            plural(report.written.len()),
            report.unchanged.len(),
            if report.removed.is_empty() {
                String::new()
            } else {
                format!(", {} removed", report.removed.len())
            }
        );
        eprintln!(
            "{}{}",
            losses.summary(),
            match &target.report {
                _ if losses.is_empty() => String::new(),
                None => "; --report FILE for the list".to_string(),
                Some(path) if path == Path::new("-") => String::new(),
                Some(path) => format!("; the list is in {}", path.display()),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The `name` of the `[package]` in `DIR/Cargo.toml`, when it is a plain
/// TOML string (generation checks it as any crate name). The manifest is
/// one the generator wrote (or the user's own), read only up to 64 KiB.
fn existing_crate_name(out: &std::path::Path) -> Option<String> {
    use std::io::Read;
    let file = std::fs::File::open(out.join("Cargo.toml")).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    file.take(64 * 1024).read_to_string(&mut text).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            let Some(value) = line.strip_prefix("name") else {
                continue;
            };
            let value = value.trim_start().strip_prefix('=')?.trim();
            let name = value.strip_prefix('"')?.strip_suffix('"')?;
            return (!name.contains(['\\', '"'])).then(|| name.to_string());
        }
    }
    None
}

fn check(target: &Target) -> Result<ExitCode, Error> {
    let generated = target
        .settings
        .config()
        .generate_crate(&target.spec, &crate_name(target))?;
    let report = write::check(&target.out, &generated.files);
    if report.is_fresh() {
        if !target.quiet {
            eprintln!("{} is up to date", target.out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    for path in &report.missing {
        eprintln!("missing: {}", path.display());
    }
    for path in &report.changed {
        eprintln!("stale:   {}", path.display());
    }
    for path in &report.extra {
        eprintln!("extra:   {} (no longer generated)", path.display());
    }
    eprintln!(
        "{} is not what the description generates; regenerate it with:\n  openapi-rustgen generate {} --out {}",
        target.out.display(),
        target.spec.display(),
        target.out.display()
    );
    Ok(ExitCode::from(1))
}

fn diff(args: &DiffArgs) -> Result<ExitCode, Error> {
    let mut config = Config::new();
    config.quiet(true);
    for id in &args.operation {
        config.operation(id);
    }
    for tag in &args.tag {
        config.tag(tag);
    }
    for dir in &args.allow_ref_root {
        config.allow_ref_root(dir);
    }
    let changes = config.diff(&args.old, &args.new)?;
    match args.format {
        Format::Text => print!("{}", changes.to_text()),
        Format::Json => println!("{}", changes.to_json()),
    }
    Ok(if args.fail_on_breaking && changes.breaking() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(u8::try_from(e.kind.exit_code()).unwrap_or(1))
        }
    }
}
