//! The build-time flavour of the connection update client: `build.rs` generates
//! it from `spec/connection-update.json` into `OUT_DIR` on every change of the
//! description, and this file includes it. It is the same code as the committed
//! `auth0-connections` crate in `generated/`.
//!
//! ```
//! use auth0_connections_build::{Patch, UpdateConnectionRequestContent};
//!
//! let update = UpdateConnectionRequestContent {
//!     display_name: Some("Corporate login".into()),
//!     options: Patch::Null,
//!     ..Default::default()
//! };
//! assert_eq!(
//!     serde_json::to_string(&update).unwrap(),
//!     r#"{"display_name":"Corporate login","options":null}"#
//! );
//! ```

openapi_rustgen::include_generated!("connection_update");

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
