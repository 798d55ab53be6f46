//! Renames a connection, then changes one of its options without losing the
//! others (the PATCH replaces the whole `options` object).
//!
//! ```sh
//! AUTH0_DOMAIN=example.eu.auth0.com AUTH0_TOKEN=eyJ… \
//!     cargo run --example update_connection -- con_0000000000000001
//! ```
//!
//! The token needs `update:connections`, and for the second call
//! `read:connections_options` and `update:connections_options`.

use auth0_connections::client::{Client, ErrorStatus};
use auth0_connections::{convert, Patch, UpdateConnectionOptions, UpdateConnectionRequestContent};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let domain = std::env::var("AUTH0_DOMAIN")?;
    let token = std::env::var("AUTH0_TOKEN")?;
    let id = std::env::args()
        .nth(1)
        .ok_or("usage: update_connection CONNECTION_ID")?;

    let client = Client::builder()
        .tenant_domain(domain)
        .token(token)
        .build()?;

    // Absent fields are left alone.
    let rename = UpdateConnectionRequestContent {
        display_name: Some("Corporate login".into()),
        ..Default::default()
    };
    let updated = match client.connections().update(&id, &rename).await {
        Ok(response) => {
            println!("requests left: {:?}", response.rate_limit.remaining);
            response.into_inner()
        }
        Err(e) if e.documented() == Some(&ErrorStatus::NotFound) => {
            return Err(format!("no such connection: {e}").into())
        }
        Err(e) => return Err(e.into()),
    };

    // Read-modify-write of `options`: every option the response holds, known
    // to the types or not, goes back with the one that changes. Without
    // `read:connections_options` the response has no options: sending an
    // object then would reset them all, so stop.
    let current = updated
        .options
        .ok_or("the response has no options (the token lacks read:connections_options)")?;
    let mut options: UpdateConnectionOptions = convert(&current)?;
    options.import_mode = Some(false); // Automatic migration off.
    let update = UpdateConnectionRequestContent {
        options: Patch::Value(options),
        // Left out, Auth0 would reset it to `name`.
        display_name: updated.display_name,
        ..Default::default()
    };
    let response = client.connections().update(&id, &update).await?;
    println!("{} updated", response.value.name.as_deref().unwrap_or(&id));
    Ok(())
}
