//! The client's hooks as `tracing` events: one event before each attempt is
//! sent (retries included) and one when its response arrives, inside the
//! span of the call, with a per-call request id header.
//!
//! ```sh
//! AUTH0_DOMAIN=example.eu.auth0.com AUTH0_TOKEN=eyJ… \
//!     cargo run --example tracing -- con_0000000000000001
//! ```
//!
//! The hooks see the request as it goes out: the `Authorization` header is
//! marked sensitive, so `{:?}` of the headers shows `Sensitive`, not the
//! token.

use auth0_connections::client::{Client, RequestOptions};
use auth0_connections::UpdateConnectionRequestContent;
use tracing::Instrument;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .init();
    let domain = std::env::var("AUTH0_DOMAIN")?;
    let token = std::env::var("AUTH0_TOKEN")?;
    let id = std::env::args()
        .nth(1)
        .ok_or("usage: tracing CONNECTION_ID")?;

    let client = Client::builder()
        .tenant_domain(domain)
        .token(token)
        .on_request(|request| {
            tracing::debug!(
                method = %request.method(),
                path = request.url().path(),
                headers = ?request.headers(),
                "sending"
            );
        })
        .on_response(|response, took| {
            tracing::info!(
                status = response.status().as_u16(),
                took_ms = took.as_millis() as u64,
                remaining = ?response.headers().get("x-ratelimit-remaining"),
                "received"
            );
        })
        .build()?;

    let update = UpdateConnectionRequestContent {
        display_name: Some("Corporate login".into()),
        ..Default::default()
    };
    let request_id = format!("example-{}", std::process::id());
    let span = tracing::info_span!("update_connection", %id, %request_id);
    let result = client
        .with_options(RequestOptions::new().header("X-Request-Id", request_id.clone()))
        .connections()
        .update(&id, &update)
        .instrument(span)
        .await;
    match result {
        Ok(response) => tracing::info!(display_name = ?response.value.display_name, "updated"),
        Err(e) => tracing::error!(error = %e, status = ?e.status(), "failed"),
    }
    Ok(())
}
