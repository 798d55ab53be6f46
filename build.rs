//! Generates the connection update client from `spec/` into `OUT_DIR` at build
//! time, through the generator's library API; `src/lib.rs` `include!`s it.
//! Cargo reruns this only when the description changes.

fn main() {
    if let Err(e) = openapi_codegen::compile("spec/connection-update.json") {
        // The build fails with the generator's own message (file, pointer, help).
        eprintln!("{e}");
        std::process::exit(1);
    }
}
