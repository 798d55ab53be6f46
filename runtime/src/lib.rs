//! The runtimes every generated crate carries, compiled and tested as a
//! crate: `generator/runtime/patch.rs` (a generated crate's `runtime`
//! module) and `generator/runtime/client.rs` (the top of its `client`
//! module). The generator copies those files' items, without their
//! `#[cfg(test)]` unit tests, into the crates it writes; this crate is how
//! they get compiled, linted by clippy and tested before that.
//!
//! Each file is `include!`d into a module laid out as in a generated crate.
//! Where a file uses what the generator writes for each description (the
//! seam, described at the top of `client.rs`), the module holds a small
//! stand-in, written as the generator writes it: the server of Auth0's
//! Management API with its `tenantDomain` variable, and one operation.

/// A generated crate's `runtime` module (`generator/runtime/patch.rs`).
pub mod runtime {
    include!("../../generator/runtime/patch.rs");
}

pub use runtime::{convert, Patch};

/// A generated crate's `client` module: `generator/runtime/client.rs`, then
/// stand-ins for what the generator adds for a description.
pub mod client {
    include!("../../generator/runtime/client.rs");

    // The stand-ins: what the generator writes for one description.

    /// The server of the description: `https://{tenantDomain}/api/v2`.
    pub const SERVER: &str = "https://{tenantDomain}/api/v2";

    impl ClientBuilder {
        fn default_variables() -> Vec<(String, String)> {
            [("tenantDomain", "{TENANT}.auth0.com")]
                .iter()
                .map(|(k, v): &(&str, &str)| (k.to_string(), v.to_string()))
                .collect()
        }

        /// Fills the server variable `tenantDomain` of `https://{tenantDomain}/api/v2`.
        pub fn tenant_domain(self, value: impl Into<String>) -> Self {
            self.server_variable("tenantDomain", value)
        }
    }

    /// The query parameters of [`Client::patch_thing`].
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct PatchThingParams {
        /// Fields to include.
        pub fields: Option<Vec<String>>,
    }

    impl Client {
        /// A stand-in operation: `PATCH /things/{id}` with a JSON body and a
        /// query parameter, as the generator writes an operation.
        pub async fn patch_thing(
            &self,
            id: &str,
            params: &PatchThingParams,
            body: &::serde_json::Value,
        ) -> Result<Response<::serde_json::Value>, PatchThingError> {
            const SCOPES: &[&str] = &["update:things"];
            const FIELD_SCOPES: &[(&str, &str)] = &[("options", "update:things_options")];
            if self.validate && body.is_null() {
                return Err(PatchThingError::Request("the body is null".into()));
            }
            let body_bytes =
                ::serde_json::to_vec(body).map_err(|e| PatchThingError::Request(e.to_string()))?;
            let mut url = self.base.clone();
            url.push_str("/things/");
            url.push_str(&encode_segment(id).map_err(PatchThingError::Request)?);
            let mut first = true;
            if let Some(fields) = &params.fields {
                push_query(&mut url, &mut first, "fields", param_values(fields));
            }
            let headers: Vec<(&str, String)> = Vec::new();
            let raw = send_request(
                self,
                ::reqwest::Method::PATCH,
                &url,
                &headers,
                Some(("application/json", body_bytes.as_slice())),
            )
            .await
            .map_err(|e| match e {
                SendError::Timeout => PatchThingError::Timeout,
                SendError::Transport(e) => PatchThingError::Transport(e),
            })?;
            match raw.status {
                200u16 => Ok(Response {
                    status: raw.status,
                    rate_limit: raw.rate_limit,
                    value: ::serde_json::from_slice(&raw.body).map_err(|e| {
                        PatchThingError::Decode {
                            status: raw.status,
                            message: e.to_string(),
                        }
                    })?,
                }),
                403u16 => Err(PatchThingError::Forbidden(raw.into_error(scope_hint(
                    SCOPES,
                    FIELD_SCOPES,
                    Some(body),
                )))),
                _ => Err(PatchThingError::UnexpectedStatus(raw.into_error(None))),
            }
        }
    }

    /// The errors of [`Client::patch_thing`].
    #[derive(Debug)]
    pub enum PatchThingError {
        /// `403`.
        Forbidden(ApiError),
        /// Any other status.
        UnexpectedStatus(ApiError),
        /// The request could not be made.
        Request(String),
        /// The request could not be sent.
        Transport(::reqwest::Error),
        /// No response in time.
        Timeout,
        /// A success whose body does not decode.
        Decode {
            /// The status.
            status: u16,
            /// Why it does not decode.
            message: String,
        },
    }
}
