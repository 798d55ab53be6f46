//! The `openapi-rustgen` command line: `generate` writes a crate that builds,
//! `check` tells fresh from stale output, `diff` reports API changes, the
//! operation selection works on the whole Auth0 API, and every bad input
//! exits with its documented code and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_openapi-rustgen"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// `../shared/reference/NAME` beside the repository, or `None` (with a note)
/// when it is absent.
fn reference(name: &str) -> Option<PathBuf> {
    let path = repo().join("../shared/reference").join(name);
    if path.is_file() {
        Some(path)
    } else {
        println!("note: {} is absent; test skipped", path.display());
        None
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

#[test]
fn generate_writes_a_crate_that_builds() {
    let out = scratch("generate").join("pets-api");
    let first = run(bin()
        .arg("generate")
        .arg(fixture("external_refs.yaml"))
        .arg("--out")
        .arg(&out)
        .arg("--no-client"));
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let summary = stderr(&first);
    assert!(
        summary.contains("generated 3 operations, 7 types"),
        "{summary}"
    );
    assert!(summary.contains("file"), "{summary}");
    for file in ["Cargo.toml", "src/lib.rs", "src/types.rs"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    // The crate is named after its directory.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"pets-api\""), "{manifest}");

    // Again: nothing changes, nothing is written.
    let second = run(bin()
        .arg("generate")
        .arg(fixture("external_refs.yaml"))
        .arg("--out")
        .arg(&out)
        .arg("--no-client"));
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    assert!(
        stderr(&second).contains(": 0 files written"),
        "{}",
        stderr(&second)
    );

    // It builds as it is, in a workspace of its own.
    let workspace = out.parent().expect("parent");
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"pets-api\"]\n",
    )
    .expect("workspace manifest");
    std::fs::copy(repo().join("Cargo.lock"), workspace.join("Cargo.lock")).expect("lock file");
    let build = run(Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", scratch_target()));
    assert!(
        build.status.success(),
        "the generated crate does not build:\n{}",
        stderr(&build)
    );
}

/// A target directory shared by the scratch builds of these tests.
fn scratch_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target")
}

#[test]
fn check_tells_fresh_from_stale() {
    let out = scratch("check").join("api");
    let spec = fixture("missing_operation_ids.yaml");
    let check = || run(bin().arg("check").arg(&spec).arg("--out").arg(&out));

    // Nothing there yet: stale, every file missing.
    let missing = check();
    assert_eq!(code(&missing), 1, "{}", stderr(&missing));
    assert!(
        stderr(&missing).contains("missing: "),
        "{}",
        stderr(&missing)
    );
    assert!(
        stderr(&missing).contains("openapi-rustgen generate"),
        "{}",
        stderr(&missing)
    );

    let generate = run(bin().arg("generate").arg(&spec).arg("--out").arg(&out));
    assert_eq!(code(&generate), 0, "{}", stderr(&generate));
    let fresh = check();
    assert_eq!(code(&fresh), 0, "{}", stderr(&fresh));
    assert!(stderr(&fresh).contains("up to date"), "{}", stderr(&fresh));

    // An edited file is stale; check writes nothing.
    let types = out.join("src/types.rs");
    let edited = std::fs::read_to_string(&types).expect("types") + "\n// edited by hand\n";
    std::fs::write(&types, &edited).expect("edit");
    let stale = check();
    assert_eq!(code(&stale), 1, "{}", stderr(&stale));
    assert!(
        stderr(&stale).contains(&format!("stale:   {}", types.display())),
        "{}",
        stderr(&stale)
    );
    assert_eq!(std::fs::read_to_string(&types).expect("types"), edited);

    // A generated module the description no longer makes is reported, and
    // `generate` removes it; a file of the user's own is left alone.
    let leftover = out.join("src/retired.rs");
    std::fs::write(
        &leftover,
        "// @generated by openapi-rustgen 0.0.1 from x.yaml (sha256 0).\n",
    )
    .expect("leftover");
    let own = out.join("src/notes.rs");
    std::fs::write(&own, "// mine\n").expect("own file");
    let extra = check();
    assert_eq!(code(&extra), 1, "{}", stderr(&extra));
    assert!(stderr(&extra).contains("extra:   "), "{}", stderr(&extra));
    assert!(stderr(&extra).contains("retired.rs"), "{}", stderr(&extra));
    assert!(!stderr(&extra).contains("notes.rs"), "{}", stderr(&extra));

    let regenerate = run(bin().arg("generate").arg(&spec).arg("--out").arg(&out));
    assert_eq!(code(&regenerate), 0, "{}", stderr(&regenerate));
    assert!(
        stderr(&regenerate).contains("1 removed"),
        "{}",
        stderr(&regenerate)
    );
    assert!(!leftover.exists() && own.exists());
    assert_eq!(code(&check()), 0);
}

#[test]
fn check_keeps_the_crate_name_of_the_existing_manifest() {
    let out = scratch("check-name").join("api");
    let spec = fixture("missing_operation_ids.yaml");
    let generate = run(bin()
        .arg("generate")
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "my-api"]));
    assert_eq!(code(&generate), 0, "{}", stderr(&generate));
    // Without --crate-name, the name comes from out/Cargo.toml, not from the
    // folder's name (`api`), so the crate is fresh.
    let check = run(bin().arg("check").arg(&spec).arg("--out").arg(&out));
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    // A different name given on the command line makes it stale.
    let renamed = run(bin()
        .arg("check")
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "other"]));
    assert_eq!(code(&renamed), 1, "{}", stderr(&renamed));
    // Regenerating without the flag keeps the name too.
    let again = run(bin().arg("generate").arg(&spec).arg("--out").arg(&out));
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"my-api\""), "{manifest}");
}

#[test]
fn no_arguments_regenerates_generated_from_spec() {
    // A copy of the repository's layout: the committed crate comes out.
    let root = scratch("no-arguments");
    std::fs::create_dir_all(root.join("spec")).expect("spec dir");
    std::fs::create_dir_all(root.join("generated")).expect("generated dir");
    std::fs::copy(
        repo().join("spec/connection-update.json"),
        root.join("spec/connection-update.json"),
    )
    .expect("spec");
    let output = run(bin().current_dir(&root));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for entry in ["Cargo.toml", "src/lib.rs", "src/types.rs"] {
        let made = std::fs::read_to_string(root.join("generated").join(entry)).expect("made");
        let committed =
            std::fs::read_to_string(repo().join("generated").join(entry)).expect("committed");
        assert!(made == committed, "{entry} differs from the committed one");
    }
}

#[test]
fn diff_of_the_two_reference_versions() {
    let (Some(old), Some(new)) = (
        reference("connection-update-2026-06-25.json"),
        reference("connection-update-2026-08-20.json"),
    ) else {
        return;
    };
    let text = run(bin().arg("diff").arg(&old).arg(&new));
    assert_eq!(code(&text), 0, "{}", stderr(&text));
    let text = stdout(&text);
    println!("{text}");
    for line in [
        "API changes from connection-update-2026-06-25.json to connection-update-2026-08-20.json",
        "- removed field `UpdateConnectionOptions.federated_connections_access_tokens`",
        "+ added field `UpdateConnectionRequestContent.cross_app_access_resource_app`",
        "+ added field `UpdateConnectionResponseContent.cross_app_access_resource_app`",
        "+ added field `ConnectionConnectedAccountsPurpose.allow_missing_user_id`: Option<bool>",
        "+ added field `UpdateConnectionOptions.use_oauth_spec_scope`",
        "+ added field `UpdateConnectionOptions.discovery_url`",
        "+ added field `UpdateConnectionOptions.oidc_metadata`",
        "+ added response `patch_connections_by_id 422`",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // Removals are breaking, additions of optional fields are not.
    let breaking = text.split("Not breaking").next().unwrap_or_default();
    assert!(
        breaking.contains("federated_connections_access_tokens"),
        "{text}"
    );
    assert!(
        !breaking.contains("cross_app_access_resource_app"),
        "{text}"
    );

    let json = run(bin()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "json"]));
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let changes = report["changes"].as_array().expect("changes");
    assert_eq!(
        report["breaking"].as_u64(),
        Some(changes.iter().filter(|c| c["breaking"] == true).count() as u64)
    );
    assert!(changes.iter().any(|c| c["change"] == "removed"
        && c["item"] == "field"
        && c["path"] == "UpdateConnectionOptions.federated_connections_access_tokens"
        && c["breaking"] == true));
    assert!(changes.iter().any(|c| c["change"] == "added"
        && c["item"] == "response"
        && c["path"] == "patch_connections_by_id 422"
        && c["breaking"] == false));

    // For CI: a breaking change fails the command when asked to.
    let strict = run(bin()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .arg("--fail-on-breaking"));
    assert_eq!(code(&strict), 1);
    // A description compared with itself has no changes.
    let same = run(bin()
        .arg("diff")
        .arg(&new)
        .arg(&new)
        .arg("--fail-on-breaking"));
    assert_eq!(code(&same), 0);
    assert!(
        stdout(&same).contains(": 0 changes, 0 breaking."),
        "{}",
        stdout(&same)
    );
}

#[test]
fn diff_marks_stricter_constraints_and_required_fields_as_breaking() {
    let dir = scratch("diff-constraints");
    std::fs::create_dir_all(&dir).expect("dir");
    let spec = |name_max: u32, required: &str, values: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /pets:\n    post:\n      operationId: createPet\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Pet'}}\n      responses:\n        '200': {{description: OK}}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required: [{required}]\n      properties:\n        name: {{type: string, maxLength: {name_max}}}\n        kind: {{type: string, enum: [{values}]}}\n        age: {{type: integer}}\n"
        )
    };
    std::fs::write(dir.join("old.yaml"), spec(64, "name", "cat, dog")).expect("old");
    std::fs::write(
        dir.join("new.yaml"),
        spec(32, "name, age", "cat, dog, bird"),
    )
    .expect("new");
    let output = run(bin()
        .arg("diff")
        .arg(dir.join("old.yaml"))
        .arg(dir.join("new.yaml"))
        .args(["--format", "json"]));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let find = |path: &str| {
        report["changes"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["path"] == path))
            .cloned()
            .unwrap_or_else(|| panic!("no change at {path}: {report:#}"))
    };
    let max = find("Pet.name maxLength");
    assert_eq!(
        (max["old"].as_str(), max["new"].as_str()),
        (Some("64"), Some("32"))
    );
    assert_eq!(max["breaking"], true);
    let age = find("Pet.age");
    assert_eq!(
        (age["old"].as_str(), age["new"].as_str()),
        (Some("Option<i64>"), Some("i64"))
    );
    assert_eq!(age["breaking"], true);
    let bird = find("PetKind::Bird");
    assert_eq!(
        (bird["change"].as_str(), bird["breaking"].as_bool()),
        (Some("added"), Some(false))
    );
    // The other way round: looser, fewer values.
    let output = run(bin()
        .arg("diff")
        .arg(dir.join("new.yaml"))
        .arg(dir.join("old.yaml"))
        .args(["--format", "json"]));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let changes = report["changes"].as_array().expect("changes");
    let at = |path: &str| changes.iter().find(|c| c["path"] == path).cloned();
    assert_eq!(
        at("Pet.name maxLength").map(|c| c["breaking"].clone()),
        Some(false.into())
    );
    assert_eq!(
        at("PetKind::Bird").map(|c| (c["change"].clone(), c["breaking"].clone())),
        Some(("removed".into(), true.into()))
    );
}

#[test]
fn operation_selection_on_the_whole_auth0_api() {
    let Some(spec) = reference("auth0-management-api-2026-06-25.json") else {
        return;
    };
    let out = scratch("selection").join("connections");
    let output = run(bin()
        .arg("generate")
        .arg(&spec)
        .args(["--operation", "patch_connections_by_id", "--out"])
        .arg(&out));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let err = stderr(&output);
    // A large description: progress on stderr, then the summary.
    assert!(err.contains("openapi-rustgen: read "), "{err}");
    assert!(
        err.contains("openapi-rustgen: resolved 1 operations"),
        "{err}"
    );
    assert!(err.contains("generated 1 operation, 70 types, "), "{err}");
    assert!(err.contains(" lines into "), "{err}");
    let types = std::fs::read_to_string(out.join("src/types.rs")).expect("types");
    assert!(types.contains("pub struct UpdateConnectionRequestContent {"));
    assert!(!types.contains("pub struct CreateClientRequestContent {"));

    // By tag: every connections operation, and only those.
    let out = scratch("selection").join("by-tag");
    let output = run(bin()
        .arg("generate")
        .arg(&spec)
        .args(["--tag", "connections", "--quiet", "--out"])
        .arg(&out));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "--quiet: {}", stderr(&output));
    let types = std::fs::read_to_string(out.join("src/types.rs")).expect("types");
    assert!(types.contains("pub struct UpdateConnectionRequestContent {"));
    assert!(types.contains("pub struct CreateConnectionRequestContent {"));
    assert!(!types.contains("pub struct CreateClientRequestContent {"));

    // A misspelt operationId: the nearest ones are suggested.
    let output = run(bin()
        .arg("generate")
        .arg(&spec)
        .args(["--operation", "patch_connection_by_id", "--out"])
        .arg(scratch("selection").join("misspelt")));
    assert_eq!(code(&output), 8);
    assert!(
        stderr(&output).contains("did you mean patch_connections_by_id"),
        "{}",
        stderr(&output)
    );
}

/// Every bad fixture: its exit code, a message naming the file, nothing written.
#[test]
fn bad_inputs_exit_with_their_code_and_write_nothing() {
    let cases: &[(&str, &[&str], i32)] = &[
        ("not_json_or_yaml.json", &[], 4),
        ("invalid_yaml.yaml", &[], 4),
        ("empty.yaml", &[], 4),
        ("truncated.json", &[], 4),
        ("swagger_2.json", &[], 5),
        ("unknown_version.yaml", &[], 5),
        ("no_paths.yaml", &[], 6),
        ("duplicate_operation_ids.yaml", &[], 6),
        ("error_in_referenced_file.yaml", &[], 9),
        ("missing_schema_ref.yaml", &[], 7),
        ("missing_file_ref.yaml", &[], 7),
        ("missing_node_in_file.yaml", &[], 7),
        ("remote_ref.yaml", &[], 7),
        ("wrong_kind_ref.yaml", &[], 7),
        ("unknown_operation.yaml", &["--operation", "deletePet"], 8),
        ("big_integer.json", &[], 9),
        ("big_integer.yaml", &[], 9),
    ];
    for (name, args, expected) in cases {
        let out = scratch("bad").join(name);
        for command in ["generate", "check"] {
            let output = run(bin()
                .arg(command)
                .arg(repo().join("tests/fixtures/bad").join(name))
                .args(*args)
                .arg("--out")
                .arg(&out));
            let err = stderr(&output);
            assert_eq!(code(&output), *expected, "{command} {name}:\n{err}");
            assert!(err.starts_with("error: "), "{command} {name}:\n{err}");
            assert!(
                err.contains(" --> "),
                "{command} {name}: no file named\n{err}"
            );
            assert!(err.contains("help: "), "{command} {name}: no help\n{err}");
            assert!(!out.exists(), "{command} {name}: wrote {}", out.display());
        }
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let output = run(bin().arg("generate"));
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let output = run(bin().args(["frobnicate"]));
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let help = run(bin().arg("--help"));
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("Exit codes:"), "{}", stdout(&help));
}

/// A crate name cargo would reject is refused before anything is written.
#[test]
fn invalid_crate_names_are_refused_and_nothing_is_written() {
    for (name, says) in [
        ("my.api", "'.'"),
        ("9lives", "starts with a digit"),
        ("type", "Rust keyword"),
        ("std", "standard library"),
        ("café", "'é'"),
        ("", "empty"),
    ] {
        let out = scratch("crate-names").join("out");
        let output = run(bin()
            .arg("generate")
            .arg(fixture("enums.yaml"))
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", name]));
        let err = stderr(&output);
        assert_eq!(code(&output), 8, "{name}:\n{err}");
        assert!(
            err.starts_with("error: ")
                && err.contains("cannot be a crate's name")
                && err.contains(says),
            "{name}:\n{err}"
        );
        assert!(!out.exists(), "{name}: wrote {}", out.display());
    }
    let out = scratch("crate-names").join("ok");
    let output = run(bin()
        .arg("generate")
        .arg(fixture("enums.yaml"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "my_api-2"]));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}
