//! The build API from a real `build.rs`: a scratch crate (in a temporary
//! directory, the generator as a path build-dependency, built offline with a
//! shared target directory) generates its client from a description that
//! refers to another file, and `include_generated!`s it. Editing the
//! description or the referenced file changes the generated code; a build with
//! nothing changed (or only an unrelated file) does not run the build script;
//! a broken description fails the build with the generator's message; a
//! description with an untyped property gets a `cargo:warning` with the counts;
//! one with a chain of 100 types gets one with the `#![recursion_limit]` the
//! including crate needs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

const API: &str = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: A pet.
          content:
            application/json:
              schema: {$ref: 'schemas/pet.yaml'}
";

const PET: &str = "type: object
required: [name]
properties:
  name: {type: string}
  kind: {type: string, enum: [cat, dog]}
";

const LIB: &str = "openapi_rustgen::include_generated!(\"api\");

/// Uses the generated types, so that the build checks them.
pub fn rex() -> Pet {
    Pet { name: \"Rex\".into(), kind: Some(PetKind::Dog), ..Default::default() }
}
";

const BUILD: &str = "fn main() {
    if let Err(e) = openapi_rustgen::Config::new()
        .file_name(\"api.rs\")
        .derive(\"Eq\")
        .client(false)
        .compile(\"spec/api.yaml\")
    {
        eprintln!(\"{e}\");
        std::process::exit(1);
    }
}
";

struct Project {
    dir: PathBuf,
    target: PathBuf,
}

/// What one `cargo build` did.
struct Build {
    output: Output,
    /// The build script ran (it was not `Fresh`).
    ran_script: bool,
}

impl Project {
    fn new() -> Self {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script");
        let dir = base.join("scratch-api");
        let _ = std::fs::remove_dir_all(&dir);
        let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
        let manifest = format!(
            "[package]\nname = \"scratch-api\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
             openapi-rustgen = {{ path = {path:?}, default-features = false }}\n\n\
             [build-dependencies]\nopenapi-rustgen = {{ path = {path:?}, default-features = false, features = [\"codegen\"] }}\n\n\
             [workspace]\n",
            path = generator.display().to_string()
        );
        let project = Project {
            dir,
            target: Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        };
        project.write("Cargo.toml", &manifest);
        project.write("build.rs", BUILD);
        project.write("src/lib.rs", LIB);
        project.write("spec/api.yaml", API);
        project.write("spec/schemas/pet.yaml", PET);
        project.write("README.md", "A scratch crate.\n");
        std::fs::copy(
            generator.join("../Cargo.lock"),
            project.dir.join("Cargo.lock"),
        )
        .expect("lock file");
        project
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("directory");
        }
        std::fs::write(path, text).expect("write");
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.dir.join(file)).expect("read");
        assert!(text.contains(from), "{file} lacks {from:?}");
        self.write(file, &text.replacen(from, to, 1));
    }

    fn build(&self) -> Build {
        let output = Command::new(env!("CARGO"))
            .args(["build", "--offline", "-vv"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let ran_script = stderr.lines().any(|l| {
            l.trim_start().starts_with("Running")
                && l.contains("scratch-api")
                && l.contains("build-script-build")
        });
        Build { output, ran_script }
    }

    /// The generated file in `OUT_DIR`: the newest `api.rs` of this package.
    fn generated(&self) -> (PathBuf, String, SystemTime) {
        let build = self.target.join("debug/build");
        let newest = std::fs::read_dir(&build)
            .expect("build directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("scratch-api-"))
            })
            .map(|p| p.join("out/api.rs"))
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
            .max()
            .expect("a generated api.rs");
        let text = std::fs::read_to_string(&newest.1).expect("generated file");
        (newest.1, text, newest.0)
    }
}

fn stderr(build: &Build) -> String {
    String::from_utf8_lossy(&build.output.stderr).into_owned()
}

#[test]
fn build_script_regenerates_exactly_when_the_description_changes() {
    let project = Project::new();

    let first = project.build();
    assert!(
        first.output.status.success(),
        "first build:\n{}",
        stderr(&first)
    );
    assert!(first.ran_script, "the first build runs the build script");
    // cargo was told about the description and the file it refers to.
    let (path, text, written) = project.generated();
    let printed = path
        .parent()
        .and_then(|out| std::fs::read_to_string(out.with_file_name("output")).ok())
        .unwrap_or_default();
    assert_eq!(
        printed,
        "cargo:rerun-if-changed=spec/api.yaml\ncargo:rerun-if-changed=spec/schemas/pet.yaml\n"
    );
    assert!(text.contains("pub struct Pet {"), "{}", path.display());
    assert!(text.contains("#[derive(Eq)]"), "the extra derive");
    assert!(!text.contains("nickname"));

    // Nothing changed: the build script is fresh, the file untouched.
    let again = project.build();
    assert!(again.output.status.success(), "{}", stderr(&again));
    assert!(
        !again.ran_script,
        "a no-op build ran the build script:\n{}",
        stderr(&again)
    );
    assert_eq!(
        project.generated().2,
        written,
        "a no-op build rewrote the file"
    );

    // An unrelated file: still fresh.
    project.write("README.md", "A scratch crate, edited.\n");
    let unrelated = project.build();
    assert!(unrelated.output.status.success(), "{}", stderr(&unrelated));
    assert!(
        !unrelated.ran_script,
        "an unrelated edit ran the build script"
    );

    // The referenced file changes: regenerated, with the new field.
    project.edit(
        "spec/schemas/pet.yaml",
        "  name: {type: string}\n",
        "  name: {type: string}\n  nickname: {type: string}\n",
    );
    let referenced = project.build();
    assert!(
        referenced.output.status.success(),
        "{}",
        stderr(&referenced)
    );
    assert!(
        referenced.ran_script,
        "editing the referenced file did not rerun the build script"
    );
    let (_, text, _) = project.generated();
    assert!(
        text.contains("pub nickname: Option<String>,"),
        "the new field is missing"
    );

    // The description itself changes: regenerated.
    project.edit(
        "spec/api.yaml",
        "operationId: getPet",
        "operationId: fetchPet",
    );
    project.edit(
        "spec/api.yaml",
        "          description: A pet.\n",
        "          description: A pet.\n          headers:\n            X-Request-Id: {schema: {type: string}}\n",
    );
    let described = project.build();
    assert!(described.output.status.success(), "{}", stderr(&described));
    assert!(
        described.ran_script,
        "editing the description did not rerun the build script"
    );
    let (_, after, _) = project.generated();
    assert_ne!(after, text, "the generated code did not change");

    // A broken description fails the build with the generator's message.
    project.edit(
        "spec/api.yaml",
        "$ref: 'schemas/pet.yaml'",
        "$ref: 'schemas/cat.yaml'",
    );
    let broken = project.build();
    assert!(
        !broken.output.status.success(),
        "a broken description built"
    );
    let log = stderr(&broken);
    assert!(log.contains("error: reference `schemas/cat.yaml`"), "{log}");
    assert!(log.contains("spec/api.yaml:16:30"), "{log}");
    assert!(
        log.contains("= help: a file reference is relative"),
        "{log}"
    );

    // Fixed again: builds.
    project.edit(
        "spec/api.yaml",
        "$ref: 'schemas/cat.yaml'",
        "$ref: 'schemas/pet.yaml'",
    );
    let fixed = project.build();
    assert!(fixed.output.status.success(), "{}", stderr(&fixed));

    // A property that becomes untyped: cargo warns with the counts.
    project.edit(
        "spec/schemas/pet.yaml",
        "  name: {type: string}\n",
        "  name: {type: string}\n  anything: {}\n",
    );
    let lossy = project.build();
    assert!(lossy.output.status.success(), "{}", stderr(&lossy));
    let (path, _, _) = project.generated();
    let printed = path
        .parent()
        .and_then(|out| std::fs::read_to_string(out.with_file_name("output")).ok())
        .unwrap_or_default();
    assert!(
        printed.contains(
            "cargo:warning=api.yaml: 1 schema untyped, 0 keywords not enforced; Config::loss_report(path) writes the list\n"
        ),
        "{printed}"
    );

    // A chain of 100 types: too deep for rustc's default recursion limit.
    // cargo warns with the attribute the including crate needs, the file's
    // header says it, and with it the crate builds.
    let chain: String = (0..100)
        .map(|i| match i {
            99 => format!("D{i}:\n  type: object\n  properties:\n    name: {{type: string}}\n"),
            _ => format!(
                "D{i}:\n  type: object\n  properties:\n    next: {{$ref: '#/D{}'}}\n",
                i + 1
            ),
        })
        .collect();
    project.write("spec/schemas/deep.yaml", &chain);
    project.edit(
        "spec/schemas/pet.yaml",
        "  name: {type: string}\n",
        "  name: {type: string}\n  deep: {$ref: 'deep.yaml#/D0'}\n",
    );
    let deep = project.build();
    assert!(
        !deep.output.status.success(),
        "a chain of 100 types built without a recursion limit"
    );
    assert!(
        stderr(&deep).contains("recursion_limit"),
        "{}",
        stderr(&deep)
    );
    let (path, text, _) = project.generated();
    let attribute = "#![recursion_limit = \"512\"]";
    let printed = path
        .parent()
        .and_then(|out| std::fs::read_to_string(out.with_file_name("output")).ok())
        .unwrap_or_default();
    assert!(
        printed.contains(&format!(
            "cargo:warning=api.yaml: the generated types nest too deep for rustc's default recursion limit; the crate that includes them needs {attribute} at the top of its root module\n"
        )),
        "{printed}"
    );
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//")).collect();
    assert!(
        header.iter().any(|l| l.contains(&format!("`{attribute}`"))),
        "{header:?}"
    );
    project.write("src/lib.rs", &format!("{attribute}\n{LIB}"));
    let limited = project.build();
    assert!(limited.output.status.success(), "{}", stderr(&limited));
}
