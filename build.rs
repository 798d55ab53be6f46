//! Generates the connection update client from `spec/` into `OUT_DIR` at build
//! time, through the generator's build API; `src/lib.rs` includes it with
//! `openapi_rustgen::include_generated!`. Cargo reruns this only when the
//! description (or a file its `$ref`s reach) changes, and the file is
//! rewritten only when its content changes.

fn main() {
    let result = openapi_rustgen::Config::new()
        .operation("patch_connections_by_id")
        .compile("spec/connection-update.json");
    // A test fixture, for the client tests of what Auth0's endpoint does not
    // have (`tests/client.rs`, module `deep_object`): `deepObject` query
    // parameters and an `Accept` header of several media types.
    let result = result
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/deep_object.yaml"))
        // Every `style` of query, path and header parameters
        // (`tests/client_styles.rs`).
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/param_styles.yaml"));
    // Security schemes of every kind (`tests/client_security.rs`), and typed
    // error responses of a description with only an API key and basic
    // authentication (`tests/client_errors.rs`).
    let result = result
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/security.yaml"))
        .and_then(|_| {
            openapi_rustgen::Config::new().compile("tests/fixtures/error_responses.yaml")
        });
    // Fixtures for the client tests of bodies beyond JSON
    // (`tests/client_media.rs`): a body and a response of each media type,
    // and Auth0's `POST /jobs/users-imports` (multipart, with a file).
    let result = result
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/media_types.yaml"))
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/users_imports.json"));
    // One operation per kind of method, for the retry policy, the per-call
    // options and the hooks (`tests/client_retries.rs`).
    let result =
        result.and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/retries.yaml"));
    // Server-sent events (`tests/client_sse.rs`): typed events of a
    // discriminated union, and lines of text.
    let result =
        result.and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/events.yaml"));
    // OAuth 2.0's client-credentials flow with a relative token URL
    // (`tests/client_token.rs`).
    let result =
        result.and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/oauth2.yaml"));
    // Every style of pagination (`tests/client_pagination.rs`).
    let result = result
        .and_then(|_| openapi_rustgen::Config::new().compile("tests/fixtures/pagination.yaml"));
    // Auth0's `GET /connections` and `PATCH /connections/{id}` with their
    // security schemes: client credentials and checkpoint pages
    // (`examples/list_connections.rs`, `tests/client_auth0.rs`).
    let result = result.and_then(|_| {
        openapi_rustgen::Config::new().compile("tests/fixtures/auth0_connections.json")
    });
    if let Err(e) = result {
        // The build fails with the generator's own message: file, line and
        // column, the offending line, the JSON pointer and what to do.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
