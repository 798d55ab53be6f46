//! `cargo`, run on a scratch workspace of generated crates that the tests
//! build and run.

use std::path::Path;
use std::process::Command;

/// `cargo`, in `dir`, with warnings denied and one target folder shared by
/// the scratch crates of every such test (same flags, so their dependencies
/// build once).
pub fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env("RUSTFLAGS", "-D warnings")
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        );
    command
}
