//! The generated client against a real HTTP server on loopback that behaves
//! like the endpoint (`tests/support`).

mod support;

use auth0_connections::client::{BuildError, Client, ErrorStatus as Documented, RetryPolicy};
use auth0_connections::{
    ConnectionsMetadata, Patch, UpdateConnectionOptions, UpdateConnectionRequestContent,
};
use serde_json::{json, Value};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use support::{Canned, Server, TOKEN};

/// The errors of the endpoint's operation.
type Error = auth0_connections::client::Error<Documented>;

fn connection(id: &str) -> Value {
    json!({
        "id": id,
        "name": "corporate",
        "display_name": "Corporate",
        "strategy": "auth0",
        "realms": ["corporate"],
        "is_domain_connection": false,
        "options": {
            "import_mode": false,
            "passwordPolicy": "good",
            "brute_force_protection": true,
            "an_option_from_the_future": {"nested": [1, 2, 3]}
        }
    })
}

async fn setup() -> (Server, Client) {
    let server = Server::start().await;
    server.insert(connection("con_1"));
    let client = Client::builder()
        .base_url(server.base_url())
        .allow_http(true)
        .token(TOKEN)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .expect("a client");
    (server, client)
}

fn rename(name: &str) -> UpdateConnectionRequestContent {
    UpdateConnectionRequestContent {
        display_name: Some(name.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn success_applies_the_update_and_reads_rate_limits() {
    let (server, client) = setup().await;
    let mut metadata = ConnectionsMetadata::new();
    metadata.insert("team".into(), Some("identity".into()));
    let update = UpdateConnectionRequestContent {
        display_name: Some("Corporate login".into()),
        metadata: Some(metadata),
        ..Default::default()
    };
    let response = client
        .connections()
        .update("con_1", &update)
        .await
        .expect("success");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.value.display_name.as_deref(),
        Some("Corporate login")
    );
    assert_eq!(
        response
            .value
            .metadata
            .as_ref()
            .and_then(|m| m.get("team").cloned().flatten())
            .as_deref(),
        Some("identity")
    );
    assert_eq!(
        (
            response.rate_limit.limit,
            response.rate_limit.remaining,
            response.rate_limit.reset
        ),
        (Some(50), Some(49), Some(1_900_000_000))
    );
    // The server applied it; the options it did not receive are untouched.
    let stored = server.connection("con_1").expect("stored");
    assert_eq!(stored["display_name"], "Corporate login");
    assert_eq!(stored["options"], connection("con_1")["options"]);
    let request = &server.requests()[0];
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(request
        .header("user-agent")
        .is_some_and(|ua| ua.starts_with("auth0-connections/")));
}

#[tokio::test]
async fn display_name_left_out_is_reset_to_name_by_the_server() {
    let (server, client) = setup().await;
    let update = UpdateConnectionRequestContent {
        show_as_button: Some(true),
        ..Default::default()
    };
    let response = client
        .connections()
        .update("con_1", &update)
        .await
        .expect("success");
    assert_eq!(response.value.display_name.as_deref(), Some("corporate"));
    assert_eq!(server.requests()[0].json(), json!({"show_as_button": true}));
}

#[tokio::test]
async fn every_documented_error_status_has_its_variant() {
    let (server, client) = setup().await;
    let client = client.with_retry(RetryPolicy::none());
    for status in [400u16, 401, 403, 404, 409, 422, 429] {
        server.push(Canned::json(status, json!({"statusCode": status, "error": "E", "message": format!("m{status}"), "errorCode": "code"})));
        let error = client
            .connections()
            .update("con_1", &rename("x"))
            .await
            .expect_err("an error");
        let matched = matches!(
            (error.documented(), status),
            (Some(Documented::BadRequest), 400)
                | (Some(Documented::Unauthorized), 401)
                | (Some(Documented::Forbidden), 403)
                | (Some(Documented::NotFound), 404)
                | (Some(Documented::Conflict), 409)
                | (Some(Documented::UnprocessableEntity), 422)
                | (Some(Documented::TooManyRequests), 429)
        );
        assert!(matched, "status {status} gave {error:?}");
        let text = error.to_string();
        assert!(
            text.contains(&format!("status {status}: m{status}"))
                && text.starts_with(|c: char| c.is_ascii_alphabetic()),
            "{text}"
        );
        let api = error.api_error().expect("the error response");
        assert_eq!(api.status, status);
        assert_eq!(api.message(), Some(format!("m{status}")));
        let body: Value = serde_json::from_str(&api.text).expect("Auth0's JSON body, as text");
        assert_eq!(body["errorCode"], "code");
    }
    // An undocumented status.
    server.push(Canned::json(418, json!({"message": "teapot"})));
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("an error");
    assert!(
        matches!(error, Error::Status(ref e) if e.status == 418 && e.documented.is_none()),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_endpoint_itself_answers_404_and_401() {
    let (_server, client) = setup().await;
    let error = client
        .connections()
        .update("con_missing", &rename("x"))
        .await
        .expect_err("404");
    assert!(
        matches!(error.documented(), Some(Documented::NotFound)),
        "{error:?}"
    );
    let (server, _) = setup().await;
    let wrong = Client::builder()
        .base_url(server.base_url())
        .allow_http(true)
        .token("wrong-token")
        .build()
        .expect("client");
    let error = wrong
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("401");
    assert!(
        matches!(error.documented(), Some(Documented::Unauthorized)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_403_names_the_scopes_the_call_needs() {
    let (server, client) = setup().await;
    let body = json!({"statusCode": 403, "error": "Forbidden", "message": "Insufficient scope, expected any of: update:connections"});
    server.push(Canned::json(403, body.clone()));
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("403");
    let text = error.to_string();
    assert!(
        text.contains("update:connections") && !text.contains("update:connections_options"),
        "{text}"
    );

    server.push(Canned::json(403, body));
    let with_options = UpdateConnectionRequestContent {
        options: Patch::Value(UpdateConnectionOptions::default()),
        ..Default::default()
    };
    let error = client
        .connections()
        .update("con_1", &with_options)
        .await
        .expect_err("403");
    assert!(
        error.to_string().contains("update:connections_options"),
        "{error}"
    );
}

#[tokio::test]
async fn a_non_json_error_body_is_kept_as_text() {
    let (server, client) = setup().await;
    server.push(Canned::Respond {
        status: 400,
        content_type: "text/html",
        body: "<h1>Bad gateway config</h1>".into(),
        headers: vec![],
    });
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("400");
    let api = error.api_error().expect("the response");
    assert_eq!(api.text, "<h1>Bad gateway config</h1>");
    assert_eq!(api.documented, Some(Documented::BadRequest));
}

fn epoch_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

#[tokio::test]
async fn a_429_is_retried_after_the_reset_and_then_succeeds() {
    let (server, client) = setup().await;
    let reset = epoch_seconds() + 2;
    server.push(
        Canned::json(429, json!({"statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached"}))
            .with_header("X-RateLimit-Limit", 50)
            .with_header("X-RateLimit-Remaining", 0)
            .with_header("X-RateLimit-Reset", reset),
    );
    let started = Instant::now();
    let response = client
        .connections()
        .update("con_1", &rename("after the wait"))
        .await
        .expect("retried");
    assert_eq!(
        response.value.display_name.as_deref(),
        Some("after the wait")
    );
    assert_eq!(server.requests().len(), 2);
    // It waited for the reset (at least one whole second of the two), not the 10 ms base delay.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retried after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_429_that_lasts_ends_the_retry_budget() {
    let (server, client) = setup().await;
    let policy = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    for _ in 0..5 {
        server.push(
            Canned::json(429, json!({"statusCode": 429, "message": "slow down"}))
                .with_header("Retry-After", 0)
                .with_header("X-RateLimit-Remaining", 0),
        );
    }
    let error = client
        .with_retry(policy)
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("429");
    assert!(
        matches!(error.documented(), Some(Documented::TooManyRequests)),
        "{error:?}"
    );
    assert_eq!(error.rate_limit().and_then(|r| r.remaining), Some(0));
    assert_eq!(server.requests().len(), 3, "one attempt and two retries");

    // A wait beyond the deadline is not started.
    let (server, client) = setup().await;
    server.push(Canned::json(429, json!({})).with_header("Retry-After", 120));
    let started = Instant::now();
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("429");
    assert!(matches!(
        error.documented(),
        Some(Documented::TooManyRequests)
    ));
    assert_eq!(server.requests().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn a_reset_already_past_still_waits_the_backoff() {
    let (server, client) = setup().await;
    // The server's reset is in the past by this machine's clock (skew): the
    // retry waits the backoff, not nothing.
    server.push(
        Canned::json(429, json!({"statusCode": 429, "message": "slow down"}))
            .with_header("X-RateLimit-Reset", epoch_seconds() - 5),
    );
    let policy = RetryPolicy {
        base_delay: Duration::from_millis(300),
        // Exact, so that the wait can be checked against the backoff.
        jitter: 0.0,
        ..RetryPolicy::default()
    };
    let started = Instant::now();
    client
        .with_retry(policy)
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect("retried");
    assert_eq!(server.requests().len(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "retried after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_client_error_is_not_retried() {
    let (server, client) = setup().await;
    server.push(Canned::json(409, json!({"message": "conflict"})));
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("409");
    assert!(matches!(error.documented(), Some(Documented::Conflict)));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_server_that_hangs_times_out() {
    let server = Server::start().await;
    server.push(Canned::Hang);
    let client = Client::builder()
        .base_url(server.base_url())
        .allow_http(true)
        .token(TOKEN)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[tokio::test]
async fn a_body_that_stalls_times_out() {
    let server = Server::start().await;
    server.push(Canned::HangInBody);
    let client = Client::builder()
        .base_url(server.base_url())
        .allow_http(true)
        .token(TOKEN)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error() {
    let (server, client) = setup().await;
    server.push(Canned::Respond {
        status: 200,
        content_type: "application/json",
        body: "{\"id\": 1, ".into(),
        headers: vec![],
    });
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("decode");
    assert!(
        matches!(&error, Error::Decode { status: 200, body, .. } if body.starts_with("{\"id\"")),
        "{error:?}"
    );
}

#[tokio::test]
async fn ids_with_reserved_characters_arrive_as_one_segment() {
    let (server, client) = setup().await;
    let ids = [
        "a/b",
        "?q=1",
        "#frag",
        "100%",
        "with space",
        "café",
        "../../users",
        "con_1/../other",
        "...",
    ];
    for id in ids {
        server.insert(connection(id));
        client
            .connections()
            .update(id, &rename("x"))
            .await
            .unwrap_or_else(|e| panic!("{id:?}: {e}"));
    }
    let requests = server.requests();
    for (id, request) in ids.iter().zip(&requests) {
        let segment = request
            .raw_path
            .strip_prefix("/api/v2/connections/")
            .expect("the endpoint's path");
        assert!(
            !segment.contains(['/', '?', '#']),
            "{id:?} went to {}",
            request.raw_path
        );
        assert_ne!(segment, "..");
        assert_ne!(segment, ".");
        assert_eq!(support::percent_decode(segment).as_deref(), Some(*id));
        assert_eq!(server.connection(id).expect("stored")["display_name"], "x");
    }
    // A whole segment of `.` or `..` (or nothing) would be a path step to any
    // URL parser, even percent-encoded: it is refused before sending.
    for id in ["..", ".", ""] {
        let error = client
            .connections()
            .update(id, &rename("x"))
            .await
            .expect_err("refused");
        assert!(matches!(error, Error::Request(_)), "{id:?}: {error:?}");
    }
    assert_eq!(server.requests().len(), ids.len());
}

#[tokio::test]
async fn the_token_never_shows() {
    let (server, client) = setup().await;
    assert!(!format!("{client:?}").contains(TOKEN));
    server.push(Canned::json(401, json!({"message": "Invalid token"})));
    let error = client
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("401");
    assert!(!format!("{error}").contains(TOKEN) && !format!("{error:?}").contains(TOKEN));
    // A transport error (nothing listens there) does not show it either.
    let closed = Client::builder()
        .base_url("http://127.0.0.1:9/api/v2")
        .allow_http(true)
        .token(TOKEN)
        .build()
        .expect("client");
    let error = closed
        .connections()
        .update("con_1", &rename("x"))
        .await
        .expect_err("no server");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!format!("{error}").contains(TOKEN) && !format!("{error:?}").contains(TOKEN));
    // Nor do the server's records of the requests anywhere but the header.
    assert!(server
        .requests()
        .iter()
        .all(|r| !r.raw_path.contains(TOKEN) && !String::from_utf8_lossy(&r.body).contains(TOKEN)));
}

#[tokio::test]
async fn an_invalid_body_never_reaches_the_server() {
    let (server, client) = setup().await;
    let error = client
        .connections()
        .update("con_1", &rename(&"x".repeat(129)))
        .await
        .expect_err("invalid");
    let Error::Validation(violations) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(violations.violations()[0].pointer, "/display_name");
    let error = client
        .connections()
        .update("con_1", &UpdateConnectionRequestContent::default())
        .await
        .expect_err("empty");
    assert!(matches!(error, Error::Validation(_)));
    assert!(server.requests().is_empty());
    // Validation can be skipped for one call: the server then decides.
    let error = client
        .with_validation(false)
        .connections()
        .update("con_1", &UpdateConnectionRequestContent::default())
        .await
        .expect_err("400");
    assert!(matches!(error.documented(), Some(Documented::BadRequest)));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn null_and_absent_options_reach_the_server_as_such() {
    let (server, client) = setup().await;
    let clear = UpdateConnectionRequestContent {
        options: Patch::Null,
        display_name: Some("x".into()),
        ..Default::default()
    };
    client
        .connections()
        .update("con_1", &clear)
        .await
        .expect("success");
    assert_eq!(
        server.requests()[0].json(),
        json!({"display_name": "x", "options": null})
    );
    assert_eq!(
        server.connection("con_1").expect("stored")["options"],
        Value::Null
    );

    client
        .connections()
        .update("con_1", &rename("y"))
        .await
        .expect("success");
    assert_eq!(server.requests()[1].json(), json!({"display_name": "y"}));
}

#[tokio::test]
async fn read_modify_write_keeps_every_option() {
    let (server, client) = setup().await;
    // Read (the response of a harmless update), modify one option, write back.
    let read = client
        .connections()
        .update("con_1", &rename("Corporate"))
        .await
        .expect("read")
        .into_inner();
    let mut options: UpdateConnectionOptions =
        auth0_connections::convert(&read.options.expect("options in the response"))
            .expect("options convert");
    options.import_mode = Some(true);
    let update = UpdateConnectionRequestContent {
        options: Patch::Value(options),
        display_name: Some("Corporate".into()),
        ..Default::default()
    };
    client
        .connections()
        .update("con_1", &update)
        .await
        .expect("write");
    let mut expected = connection("con_1")["options"].clone();
    expected["import_mode"] = json!(true);
    assert_eq!(
        server.connection("con_1").expect("stored")["options"],
        expected
    );
}

#[tokio::test]
async fn the_operation_is_a_method_of_its_group() {
    let (server, client) = setup().await;
    // `x-operation-group: connections`, `x-operation-name: update`: the
    // group's accessor, then the operation's name in it.
    let connections = client.connections();
    let response = connections
        .update("con_1", &rename("through the group"))
        .await
        .expect("success");
    assert_eq!(
        response.value.display_name.as_deref(),
        Some("through the group")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "PATCH");
    assert_eq!(requests[0].raw_path, "/api/v2/connections/con_1");
}

#[test]
fn the_builder_refuses_what_it_cannot_use() {
    let http = Client::builder()
        .base_url("http://example.com/api/v2")
        .token(TOKEN)
        .build();
    assert!(matches!(http, Err(BuildError::InsecureUrl(_))));
    let no_token = Client::builder().tenant_domain("example.auth0.com").build();
    assert!(
        matches!(&no_token, Err(BuildError::MissingCredentials(needed)) if needed == "bearerAuth"),
        "{no_token:?}"
    );
    let no_tenant = Client::builder().token(TOKEN).build();
    assert!(
        matches!(no_tenant, Err(BuildError::MissingServerVariable(ref v)) if v == "tenantDomain")
    );
    let sneaky = Client::builder()
        .tenant_domain("evil.com/x?")
        .token(TOKEN)
        .build();
    assert!(matches!(sneaky, Err(BuildError::InvalidUrl(_))));
    // `\\` is `/` to a URL parser, and `%2F` decodes to it.
    for domain in [
        "evil.com\\x",
        "evil.com%2Fx",
        "evil.com\tx",
        "a@evil.com",
        "evil.com#",
    ] {
        let built = Client::builder().tenant_domain(domain).token(TOKEN).build();
        assert!(
            matches!(built, Err(BuildError::InvalidUrl(_))),
            "{domain:?}: {built:?}"
        );
    }
    let with_port = Client::builder()
        .tenant_domain("example.auth0.com:8443")
        .token(TOKEN)
        .build()
        .expect("a host with a port");
    assert_eq!(
        with_port.base_url(),
        "https://example.auth0.com:8443/api/v2"
    );
    let header_injection = Client::builder()
        .tenant_domain("example.auth0.com")
        .token("a\r\nX-Evil: 1")
        .build();
    assert!(matches!(
        header_injection,
        Err(BuildError::InvalidCredential(_))
    ));
    let ok = Client::builder()
        .tenant_domain("example.auth0.com")
        .token(TOKEN)
        .build()
        .expect("client");
    assert_eq!(ok.base_url(), "https://example.auth0.com/api/v2");
}

#[test]
fn the_types_only_build_has_no_http_stack() {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "auth0-connections",
            "--no-default-features",
            "-e",
            "normal",
            "--offline",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("serde_json"), "{tree}");
    for heavy in ["reqwest", "tokio", "hyper", "rustls"] {
        assert!(
            !tree.lines().any(|l| l.starts_with(heavy)),
            "{heavy} in the types-only tree:\n{tree}"
        );
    }
}

/// The client of `tests/fixtures/deep_object.yaml`, generated by `build.rs`:
/// what Auth0's endpoint does not have.
#[allow(dead_code, unused_imports)]
mod deep_object {
    openapi_rustgen::include_generated!("deep_object");
}

fn fixture_client(server: &Server) -> deep_object::client::Client {
    deep_object::client::Client::builder()
        .base_url(server.base_url())
        .allow_http(true)
        .token(TOKEN)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a client")
}

#[tokio::test]
async fn deep_object_query_parameters_are_sent_in_brackets() {
    use deep_object::client::ListReportsParams;
    use deep_object::types::{ListReportsSort, ReportFilter, ReportFilterKind, ReportFilterRange};
    let server = Server::start().await;
    let client = fixture_client(&server);
    server.push(Canned::json(200, json!(["r1"])));
    server.push(Canned::json(200, json!([])));
    let params = ListReportsParams {
        page: Some(2),
        filter: ReportFilter {
            kind: ReportFilterKind::Account,
            range: Some(ReportFilterRange {
                from: Some("2026-01-01".into()),
                to: deep_object::Patch::Null,
                ..Default::default()
            }),
            tags: Some(vec!["a b".into(), "c&d".into()]),
            extra: Default::default(),
        },
        sort: Some(ListReportsSort {
            by: Some("name".into()),
            ..Default::default()
        }),
    };
    let response = client.list_reports(&params).await.expect("success");
    assert_eq!(response.value, ["r1"]);
    // The required enum, the nested object (its `null` left out), the array
    // as `[]` pairs, values percent-encoded.
    assert_eq!(
        server.requests()[0].raw_path,
        "/api/v2/reports?page=2&filter[kind]=account&filter[range][from]=2026-01-01\
         &filter[tags][]=a%20b&filter[tags][]=c%26d&sort[by]=name"
    );
    // Optional deepObject parameters left out send nothing.
    let params = ListReportsParams {
        page: None,
        filter: ReportFilter {
            kind: ReportFilterKind::User,
            range: None,
            tags: None,
            extra: Default::default(),
        },
        sort: None,
    };
    client.list_reports(&params).await.expect("success");
    assert_eq!(
        server.requests()[1].raw_path,
        "/api/v2/reports?filter[kind]=user"
    );
}

#[tokio::test]
async fn accept_lists_the_media_types_of_the_documented_responses() {
    let server = Server::start().await;
    let client = fixture_client(&server);
    server.push(Canned::json(200, json!([])));
    server.push(Canned::Respond {
        status: 204,
        content_type: "application/json",
        body: String::new(),
        headers: Vec::new(),
    });
    let params = deep_object::client::ListReportsParams {
        page: None,
        filter: deep_object::types::ReportFilter {
            kind: deep_object::types::ReportFilterKind::User,
            range: None,
            tags: None,
            extra: Default::default(),
        },
        sort: None,
    };
    client.list_reports(&params).await.expect("success");
    client.delete_report("r1").await.expect("deleted");
    let requests = server.requests();
    assert_eq!(
        requests[0].header("accept"),
        Some("application/json, text/csv, application/problem+json")
    );
    // No response has content: the operation sets none, and reqwest's
    // default goes out.
    assert_eq!(requests[1].header("accept"), Some("*/*"));
}

#[tokio::test]
async fn accept_of_the_auth0_operation_is_json() {
    let (server, client) = setup().await;
    client
        .connections()
        .update("con_1", &rename("Corporate"))
        .await
        .expect("success");
    assert_eq!(
        server.requests()[0].header("accept"),
        Some("application/json")
    );
}
