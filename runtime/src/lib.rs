//! The runtimes every generated crate carries, compiled and tested as a
//! crate: `generator/runtime/patch.rs` (a generated crate's `runtime`
//! module); `generator/runtime/retry.rs`, `rate_limit.rs`, `client.rs`,
//! `error.rs`, `request.rs`, `send.rs`, `encode.rs`, `media.rs`,
//! `paginate.rs`, `auth.rs` and `token.rs` (the top of its `client` module,
//! and `sse.rs` where operations stream server-sent events);
//! `generator/runtime/validate.rs`, `validate_checks.rs`,
//! `validate_formats.rs` and `json_schema.rs` (the top of its `validate`
//! module) and `generator/runtime/validate_json.rs` (the raw-JSON validator's
//! walker, which follows them there). The generator copies those files'
//! items, without their `#[cfg(test)]` unit tests, into the crates it writes;
//! this crate is how they get compiled, linted by clippy and tested before
//! that.
//!
//! Each file is `include!`d into a module laid out as in a generated crate.
//! Where a file uses what the generator writes for each description (the
//! seams, described at the top of `client.rs`, `validate.rs` and
//! `validate_json.rs`), the module holds a small stand-in, written as the
//! generator writes it: the server of Auth0's Management API with its
//! `tenantDomain` variable, and one operation; one pattern and a type with
//! its `impl Validate`, its `JsonSchema` table and its `impl ValidateJson`.

/// A generated crate's `runtime` module (`generator/runtime/patch.rs`).
pub mod runtime {
    include!("../../generator/runtime/patch.rs");
}

pub use runtime::{convert, Patch};

/// A generated crate's `types` module: a stand-in for the types the
/// validators check.
pub mod types {
    /// A stand-in for a generated struct with a pattern, a format, an array
    /// and a closed set of keys, nested in itself.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Thing {
        /// A slug: `pattern: ^[a-z][a-z0-9_-]*$`.
        pub name: String,
        /// Links: `format: uri`, at most 2.
        pub links: Vec<String>,
        /// A thing inside.
        pub child: Option<Box<Thing>>,
        /// A note: `type: [string, "null"]`.
        pub note: Option<String>,
        /// The keys the description does not list (`additionalProperties: false`).
        pub extra: ::std::collections::BTreeMap<String, ::serde_json::Value>,
    }
}

/// A generated crate's `validate` module: `generator/runtime/validate.rs`,
/// `validate_checks.rs`, `validate_formats.rs`, `json_schema.rs` and
/// `validate_json.rs`, then stand-ins for what the
/// generator adds for a description.
pub mod validate {
    include!("../../generator/runtime/validate.rs");
    include!("../../generator/runtime/validate_checks.rs");
    include!("../../generator/runtime/validate_formats.rs");
    include!("../../generator/runtime/json_schema.rs");
    include!("../../generator/runtime/validate_json.rs");

    // The stand-ins: what the generator writes for one description.

    /// `^[a-z][a-z0-9_-]*$`, compiled once (in the syntax of `fancy-regex`).
    fn pattern_0() -> Option<&'static ::fancy_regex::Regex> {
        static REGEX: ::std::sync::OnceLock<Option<::fancy_regex::Regex>> =
            ::std::sync::OnceLock::new();
        REGEX
            .get_or_init(|| ::fancy_regex::Regex::new("^[a-z][a-z0-9_\\-]*$").ok())
            .as_ref()
    }

    impl Validate for super::types::Thing {
        #[allow(clippy::only_used_in_recursion)]
        fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
            {
                let path = &path.key("name");
                let text: &str = self.name.as_str();
                pattern(report, path, text, pattern_0(), "^[a-z][a-z0-9_-]*$");
            }
            {
                let value = &self.links;
                let path = &path.key("links");
                max_items(report, path, value.len(), 2);
                for (index, item) in value.iter().enumerate() {
                    let path = &path.index(index);
                    let text: &str = item.as_str();
                    format(report, path, text, "uri", is_uri(text));
                }
            }
            if let Some(value) = &self.child {
                let path = &path.key("child");
                nested(value.as_ref(), path, report);
            }
            no_other_keys(report, path, self.extra.keys(), "Thing");
        }
    }

    static THING_NAME_JSON: JsonSchema = JsonSchema::new(
        json_type::STRING,
        &JsonKeywords::NONE.pattern(JsonPattern::Regex(
            |text| pattern_0().and_then(|regex| regex.is_match(text).ok()),
            "^[a-z][a-z0-9_-]*$",
        )),
        JsonInner::Leaf,
    );

    static THING_LINKS_ITEM_JSON: JsonSchema = JsonSchema::new(
        json_type::STRING,
        &JsonKeywords::NONE.format("uri", is_uri),
        JsonInner::Leaf,
    );

    static THING_LINKS_JSON: JsonSchema = JsonSchema::new(
        json_type::ARRAY,
        &JsonKeywords::NONE.max_items(2),
        JsonInner::Items(&THING_LINKS_ITEM_JSON),
    );

    static THING_OBJECT: JsonObjectSchema = JsonObjectSchema {
        name: "Thing",
        properties: &[
            ("name", &THING_NAME_JSON),
            ("links", &THING_LINKS_JSON),
            ("child", &THING_JSON),
            ("note", &JsonSchema::STRING_OR_NULL),
        ],
        required: &["name"],
        other: None,
    };

    static THING_JSON: JsonSchema = JsonSchema::object(&THING_OBJECT, false);

    impl ValidateJson for super::types::Thing {
        const JSON_SCHEMA: &'static JsonSchema = &THING_JSON;
    }

    #[cfg(test)]
    mod stand_in_tests {
        use super::super::types::Thing;
        use super::*;
        use ::serde_json::json;

        /// `(pointer, keyword)` of each violation of `value` as a `Thing`.
        fn json_violations(value: &::serde_json::Value) -> Vec<(String, &'static str)> {
            match Thing::validate_json(value) {
                Ok(()) => Vec::new(),
                Err(errors) => errors
                    .violations()
                    .iter()
                    .map(|v| (v.pointer.clone(), v.keyword))
                    .collect(),
            }
        }

        /// The raw-JSON validator as the generated tables use it: `null`
        /// only where the description allows it, every violation with its
        /// pointer, in the order of the properties, nested things included.
        #[test]
        fn thing_json() {
            let valid = json!({
                "name": "a-thing",
                "links": ["https://example.com"],
                "child": {"name": "ok", "links": []},
                "note": null,
            });
            assert_eq!(json_violations(&valid), []);
            assert_eq!(json_violations(&json!({"name": "a", "note": "n"})), []);
            assert_eq!(json_violations(&json!(null)), [("".to_owned(), "type")]);
            assert_eq!(json_violations(&json!([])), [("".to_owned(), "type")]);
            assert_eq!(json_violations(&json!({})), [("".to_owned(), "required")]);
            let invalid = json!({
                "name": null,
                "links": ["a", "b:c", "d"],
                "child": {"name": "Bad", "child": {"links": "x"}, "x/y": 1},
                "note": 5,
                "extra~": true,
            });
            let found = json_violations(&invalid);
            let expected = [
                ("/name", "type"),
                ("/links", "maxItems"),
                ("/links/0", "format"),
                ("/links/2", "format"),
                ("/child/name", "pattern"),
                ("/child/child/links", "type"),
                ("/child/child", "required"),
                ("/child/x~1y", "additionalProperties"),
                ("/note", "type"),
                ("/extra~0", "additionalProperties"),
            ];
            let found: Vec<(&str, &str)> = found.iter().map(|(p, k)| (p.as_str(), *k)).collect();
            assert_eq!(found, expected);
            let errors = Thing::validate_json(&invalid).unwrap_err();
            let messages: Vec<&str> = errors
                .violations()
                .iter()
                .map(|v| v.message.as_str())
                .collect();
            assert_eq!(
                messages[0],
                "name is null; the description expects a string"
            );
            assert_eq!(
                messages[7],
                "x/y is not a property of Thing; the description allows no other"
            );
        }

        /// Things nested past the depth limit: a violation for each value
        /// where checking stops (the name and the child of the thing at the
        /// limit), however deep the value goes.
        #[test]
        fn thing_json_depth() {
            let mut value = json!({"name": "a"});
            for _ in 0..300 {
                value = json!({"name": "a", "child": value});
            }
            let errors = Thing::validate_json(&value).unwrap_err();
            let at_limit = "/child".repeat(256);
            let found: Vec<(&str, &str)> = errors
                .violations()
                .iter()
                .map(|v| (v.pointer.as_str(), v.keyword))
                .collect();
            assert_eq!(
                found,
                [
                    (format!("{at_limit}/name").as_str(), "depth"),
                    (format!("{at_limit}/child").as_str(), "depth"),
                ]
            );
            assert_eq!(
                errors.violations()[1].message,
                "child is nested more than 256 levels deep; it is not checked further"
            );
        }

        /// The runtime as the generated impls use it: every violation, with
        /// its pointer, in the order of the fields.
        #[test]
        fn thing() {
            let valid = Thing {
                name: "a-thing".into(),
                links: vec!["https://example.com".into()],
                ..Thing::default()
            };
            assert!(valid.validate().is_ok());
            let invalid = Thing {
                name: "Thing".into(),
                links: vec![],
                child: Some(Box::new(Thing {
                    name: "ok".into(),
                    links: vec!["a".into(), "b:c".into(), "d".into()],
                    child: None,
                    note: None,
                    extra: [("x/y".to_owned(), ::serde_json::Value::Null)].into(),
                })),
                note: None,
                extra: Default::default(),
            };
            let errors = invalid.validate().unwrap_err();
            let found: Vec<(&str, &str)> = errors
                .violations()
                .iter()
                .map(|v| (v.pointer.as_str(), v.keyword))
                .collect();
            assert_eq!(
                found,
                [
                    ("/name", "pattern"),
                    ("/child/links", "maxItems"),
                    ("/child/links/0", "format"),
                    ("/child/links/2", "format"),
                    ("/child/x~1y", "additionalProperties"),
                ]
            );
            assert_eq!(
                errors.violations()[2].message,
                "item 0 of links is \"a\", which is not a valid uri"
            );
        }
    }
}

/// A generated crate's `client` module: `generator/runtime/retry.rs`,
/// `rate_limit.rs`, `client.rs` and the files after it, then stand-ins for
/// what the generator adds for a description.
pub mod client {
    include!("../../generator/runtime/retry.rs");
    include!("../../generator/runtime/rate_limit.rs");
    include!("../../generator/runtime/client.rs");
    include!("../../generator/runtime/error.rs");
    include!("../../generator/runtime/request.rs");
    include!("../../generator/runtime/send.rs");
    include!("../../generator/runtime/encode.rs");
    include!("../../generator/runtime/media.rs");
    include!("../../generator/runtime/auth.rs");
    include!("../../generator/runtime/paginate.rs");
    include!("../../generator/runtime/token.rs");
    // The server-sent events of the crates whose operations stream them.
    include!("../../generator/runtime/sse.rs");

    // The stand-ins: what the generator writes for one description.

    /// The server of the description: `https://{tenantDomain}/api/v2`.
    pub const SERVER: &str = "https://{tenantDomain}/api/v2";

    /// The server's variables and their defaults.
    pub const SERVER_VARIABLES: &[(&str, &str)] = &[("tenantDomain", "{TENANT}.auth0.com")];

    /// The security schemes of the description.
    pub const SCHEMES: &[Scheme] = &[
        Scheme {
            name: "bearer",
            kind: SchemeKind::Bearer,
        },
        Scheme {
            name: "oauth",
            kind: SchemeKind::Bearer,
        },
        Scheme {
            name: "basic",
            kind: SchemeKind::Basic,
        },
        Scheme {
            name: "key",
            kind: SchemeKind::ApiKeyHeader("X-Api-Key"),
        },
        Scheme {
            name: "query_key",
            kind: SchemeKind::ApiKeyQuery("api key"),
        },
        Scheme {
            name: "cookie_key",
            kind: SchemeKind::ApiKeyCookie("session"),
        },
    ];

    /// The description's security requirements.
    pub const SECURITY: &[&[&str]] = &[&["bearer"], &["oauth"]];

    impl ClientBuilder {
        /// The bearer token (`bearer`, `oauth`).
        pub fn token(self, token: impl Into<String>) -> Self {
            self.credential(|s| s.kind == SchemeKind::Bearer, &token.into())
        }

        /// HTTP basic authentication (`basic`).
        pub fn basic_auth(self, user: &str, password: &str) -> Self {
            self.credential(
                |s| s.kind == SchemeKind::Basic,
                &basic_credential(user, password),
            )
        }

        /// The API key of `key`.
        pub fn api_key(self, key: impl Into<String>) -> Self {
            self.credential(|s| s.name == "key", &key.into())
        }

        /// The API keys of `query_key` and `cookie_key`.
        pub fn other_keys(self, key: &str) -> Self {
            self.credential(|s| s.name.ends_with("_key"), key)
        }

        /// Bearer tokens (`bearer`, `oauth`) from a source.
        pub fn token_source(self, source: impl TokenSource + 'static) -> Self {
            self.token_source_for(
                |s| s.kind == SchemeKind::Bearer,
                ::std::sync::Arc::new(source),
            )
        }

        /// Bearer tokens (`bearer`, `oauth`) from the client-credentials
        /// grant at `oauth`'s token endpoint.
        pub fn client_credentials(
            self,
            client_id: impl Into<String>,
            client_secret: impl Into<String>,
        ) -> Self {
            self.client_credentials_with(ClientCredentials::new(client_id, client_secret))
        }

        /// As [`ClientBuilder::client_credentials`], with a scope, a
        /// refresh margin or a timeout.
        pub fn client_credentials_with(self, credentials: ClientCredentials) -> Self {
            self.token_endpoint(
                |s| s.kind == SchemeKind::Bearer,
                credentials,
                TokenEndpoint {
                    url: "/oauth/token/",
                    form: &[("audience", "/api/v2/")],
                },
            )
        }

        /// Fills the server variable `tenantDomain` of `https://{tenantDomain}/api/v2`.
        pub fn tenant_domain(self, value: impl Into<String>) -> Self {
            self.server_variable("tenantDomain", value)
        }
    }

    /// The validators' report (the generator writes this line, or an
    /// uninhabited stand-in for a crate without validators).
    pub use super::validate::ValidationErrors;

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
        ) -> ApiResult<::serde_json::Value, PatchThingError> {
            let mut request = Request::new(Method::PATCH, "/things/{id}");
            request.accept("application/json");
            request.path("id", id)?;
            request.query("fields", &params.fields);
            request.errors(&["403", "409"]);
            request.scopes(&["update:things"]);
            request.field_scope("options", "update:things_options");
            request.json(body)?;
            execute(self, request).await?.json()
        }
    }

    /// The documented error responses of [`Client::patch_thing`].
    #[derive(Debug, Clone, PartialEq)]
    pub enum PatchThingError {
        /// `403`.
        Forbidden,
        /// `409`, with its body.
        Conflict(::serde_json::Value),
    }

    impl ErrorResponses for PatchThingError {
        fn decode(entry: &str, body: &[u8]) -> Option<Self> {
            match entry {
                "403" => Some(Self::Forbidden),
                "409" => json_body(body).map(Self::Conflict),
                _ => None,
            }
        }
    }
}
