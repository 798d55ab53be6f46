//! The `openapi-codegen` command line.
//!
//! * `openapi-codegen` (no arguments): regenerates the repository's committed
//!   crate `generated/` from the description in `spec/`.
//! * `openapi-codegen generate SPEC --out DIR [--crate-name NAME] [--operation ID]... [--tag TAG]...`
//! * `openapi-codegen check SPEC --out DIR [...]`: exits with 1 when `DIR` is not what `generate` would write.

use openapi_codegen::{Config, Error, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DEFAULT_CRATE: &str = "auth0-connections";

struct Args {
    command: String,
    spec: PathBuf,
    out: PathBuf,
    crate_name: String,
    config: Config,
}

fn usage() -> Error {
    Error::new(ErrorKind::Selection, "usage: openapi-codegen [generate|check] SPEC --out DIR [--crate-name NAME] [--operation ID]... [--tag TAG]...")
        .help("run without arguments to regenerate generated/ from spec/")
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
        .help("name one: openapi-codegen generate SPEC --out DIR")),
    }
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Args, Error> {
    let Some(command) = raw.next() else {
        let root = repo_root().ok_or_else(usage)?;
        return Ok(Args {
            command: "generate".into(),
            spec: default_spec(&root)?,
            out: root.join("generated"),
            crate_name: DEFAULT_CRATE.into(),
            config: Config::new(),
        });
    };
    if command != "generate" && command != "check" {
        return Err(usage());
    }
    let (mut spec, mut out, mut crate_name, mut config) =
        (None, None, DEFAULT_CRATE.to_string(), Config::new());
    while let Some(arg) = raw.next() {
        let mut value = || raw.next().ok_or_else(usage);
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--crate-name" => crate_name = value()?,
            "--operation" => {
                config.operation(value()?);
            }
            "--tag" => {
                config.tag(value()?);
            }
            _ if spec.is_none() && !arg.starts_with("--") => spec = Some(PathBuf::from(arg)),
            _ => return Err(usage()),
        }
    }
    Ok(Args {
        command,
        spec: spec.ok_or_else(usage)?,
        out: out.ok_or_else(usage)?,
        crate_name,
        config,
    })
}

fn run() -> Result<ExitCode, Error> {
    let args = parse(std::env::args().skip(1))?;
    let generated = args.config.generate_crate(&args.spec, &args.crate_name)?;
    if args.command == "check" {
        let stale: Vec<_> = generated
            .files
            .iter()
            .filter(|f| {
                std::fs::read(args.out.join(&f.path))
                    .map_or(true, |old| old != f.contents.as_bytes())
            })
            .collect();
        if stale.is_empty() {
            eprintln!("{} is up to date", args.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        for f in stale {
            eprintln!("stale: {}", args.out.join(&f.path).display());
        }
        eprintln!(
            "regenerate with: openapi-codegen generate {} --out {}",
            args.spec.display(),
            args.out.display()
        );
        return Ok(ExitCode::from(1));
    }
    let report = openapi_codegen::write::write_files(&args.out, &generated.files)?;
    eprintln!(
        "generated {} types for {} operation(s) into {}: {} file(s) written, {} unchanged",
        generated.types,
        generated.operations,
        args.out.display(),
        report.written.len(),
        report.unchanged.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(u8::try_from(e.kind.exit_code()).unwrap_or(1))
        }
    }
}
