// The tokens of a generated crate's client that are not given once at build
// time: a `TokenSource` the user supplies (any type, or a closure), and the
// built-in source of OAuth 2.0's client-credentials grant (RFC 6749, 4.4),
// which posts the client's id and secret to the description's token URL,
// caches the token until shortly before it expires, and lets concurrent
// requests share one fetch. Ordinary Rust, compiled and unit-tested by the
// workspace crate `runtime/`, copied into every generated crate's `client`
// module after `auth.rs` (see the top of `client.rs`).
//
// The seam: the generator writes, when the description has an OAuth 2.0
// scheme with a `clientCredentials` flow, builder setters that call
// `ClientBuilder::token_endpoint` with the flow's token URL and its
// `x-form-parameters` (both as written: relative references are resolved
// against the client's base URL when the client is built), and, for every
// description with a bearer scheme, one that calls
// `ClientBuilder::token_source_for`.

/// What a [`TokenSource`] returns: a future of the token to send.
pub type TokenFuture<'a> = ::std::pin::Pin<
    Box<dyn ::std::future::Future<Output = Result<String, TokenError>> + Send + 'a>,
>;

/// Where bearer tokens come from when they change over time: asked before
/// each request that sends one, so it should cache. After the API answers
/// `401 Unauthorized`, the request is sent once more with the token the
/// source gives when asked again with the refused token as `rejected`.
///
/// A closure `Fn() -> impl Future<Output = Result<String, TokenError>>` is
/// a token source (it is asked again, without being told, after a `401`).
pub trait TokenSource: Send + Sync {
    /// The token to send. `rejected` is the token the API has just refused
    /// (`401`): a source that caches should not give it again.
    fn token<'a>(&'a self, rejected: Option<&'a str>) -> TokenFuture<'a>;
}

impl<F, Fut> TokenSource for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: ::std::future::Future<Output = Result<String, TokenError>> + Send + 'static,
{
    fn token<'a>(&'a self, _rejected: Option<&'a str>) -> TokenFuture<'a> {
        Box::pin(self())
    }
}

/// Why no token could be had. Never holds the client secret: not in its
/// `Debug` output, not in its `Display` output, not in what the token
/// endpoint said (the secret is cut out of it).
#[derive(Debug)]
pub enum TokenError {
    /// The token endpoint answered with an error status; `error` and
    /// `description` are OAuth's `error` and `error_description`
    /// (RFC 6749, 5.2), when its body has them.
    Status {
        status: u16,
        error: Option<String>,
        description: Option<String>,
    },
    /// The token endpoint could not be reached, or its answer not received
    /// (a timeout included).
    Transport(::reqwest::Error),
    /// The token endpoint's answer is not a usable token response: why.
    Decode(String),
    /// The token cannot be sent: it is empty or holds a control character.
    InvalidToken,
    /// A user-supplied [`TokenSource`] failed.
    Source(Box<dyn ::std::error::Error + Send + Sync>),
}

impl TokenError {
    /// A failure of a user-supplied [`TokenSource`].
    pub fn other(error: impl Into<Box<dyn ::std::error::Error + Send + Sync>>) -> Self {
        TokenError::Source(error.into())
    }
}

impl ::std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            TokenError::Status {
                status,
                error,
                description,
            } => {
                write!(f, "the token endpoint answered {status}")?;
                if let Some(error) = error {
                    write!(f, ": {error}")?;
                }
                if let Some(description) = description {
                    write!(f, " ({description})")?;
                }
                Ok(())
            }
            TokenError::Transport(e) => write!(f, "the token request failed: {e}"),
            TokenError::Decode(why) => write!(f, "the token response is not usable: {why}"),
            TokenError::InvalidToken => f.write_str("the token cannot be sent in a header"),
            TokenError::Source(e) => write!(f, "the token source failed: {e}"),
        }
    }
}

impl ::std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            TokenError::Transport(e) => Some(e),
            TokenError::Source(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// The client id and secret of OAuth 2.0's client-credentials grant, and
/// how their tokens are asked for and kept. Its `Debug` output never shows
/// the secret.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: Secret,
    scope: Option<String>,
    refresh_margin: Duration,
    timeout: Duration,
}

impl ClientCredentials {
    /// The client's id and secret; no `scope` is asked for (the server
    /// grants what it grants the client), tokens are renewed 10 s before
    /// they expire, and a token request may take 30 s.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: Secret(client_secret.into()),
            scope: None,
            refresh_margin: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
        }
    }

    /// The `scope` to ask for (scopes separated by spaces).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// How long before its expiry a token is renewed (default 10 s).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// How long one token request may take in all (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// The token endpoint of a description's client-credentials flow, as
/// written there: its URL and its extra form parameters
/// (`x-form-parameters`). A relative URL, and a form value that starts
/// with a single `/`, are resolved against the client's base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenEndpoint {
    pub url: &'static str,
    pub form: &'static [(&'static str, &'static str)],
}

/// A token and when to renew it (`None`: only when the API refuses it).
#[derive(Clone)]
struct CachedToken {
    token: String,
    renew_at: Option<::std::time::Instant>,
}

impl CachedToken {
    fn fresh(&self, now: ::std::time::Instant) -> bool {
        self.renew_at.map_or(true, |at| now < at)
    }
}

/// The built-in [`TokenSource`] of the client-credentials grant: the
/// credentials, the resolved token URL, the form to post, and the cache.
/// One fetch at a time: callers that find no fresh token wait for the fetch
/// in flight and share its token.
struct ClientCredentialsSource {
    http: ::reqwest::Client,
    url: ::reqwest::Url,
    form: String,
    secret: Secret,
    margin: Duration,
    cached: ::tokio::sync::Mutex<Option<CachedToken>>,
}

impl ClientCredentialsSource {
    /// The source for `credentials` at `endpoint`, resolved against `base`.
    fn new(
        credentials: &ClientCredentials,
        endpoint: &TokenEndpoint,
        base: &::reqwest::Url,
        allow_http: bool,
    ) -> Result<Self, BuildError> {
        let url = base
            .join(endpoint.url)
            .map_err(|_| BuildError::InvalidUrl(endpoint.url.to_string()))?;
        if url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
            return Err(BuildError::InvalidUrl(endpoint.url.to_string()));
        }
        match url.scheme() {
            "https" => {}
            "http" if allow_http => {}
            "http" => return Err(BuildError::InsecureUrl(url.to_string())),
            _ => return Err(BuildError::InvalidUrl(url.to_string())),
        }
        let mut pairs: Vec<(&str, String)> = vec![
            ("grant_type", "client_credentials".to_string()),
            ("client_id", credentials.client_id.clone()),
            ("client_secret", credentials.client_secret.0.clone()),
        ];
        for (name, value) in endpoint.form {
            pairs.push((name, form_value(value, base)));
        }
        if let Some(scope) = &credentials.scope {
            pairs.push(("scope", scope.clone()));
        }
        let form: Vec<String> = pairs
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect();
        // Never redirected: the secret goes to the token URL's origin only.
        let http = ::reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(credentials.timeout)
            .redirect(::reqwest::redirect::Policy::none())
            .build()
            .map_err(BuildError::Http)?;
        Ok(Self {
            http,
            url,
            form: form.join("&"),
            secret: credentials.client_secret.clone(),
            margin: credentials.refresh_margin,
            cached: ::tokio::sync::Mutex::new(None),
        })
    }

    /// Posts the form to the token URL and reads the token it answers.
    async fn fetch(&self) -> Result<CachedToken, TokenError> {
        // The largest token response read; a longer one is an error.
        const LIMIT: usize = 64 * 1024;
        let response = self
            .http
            .post(self.url.clone())
            .header(
                ::reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(::reqwest::header::ACCEPT, "application/json")
            .body(self.form.clone())
            .send()
            .await
            .map_err(TokenError::Transport)?;
        let status = response.status().as_u16();
        let body = read_limited(response, LIMIT).await?;
        let sent = ::std::time::Instant::now();
        if !(200..300).contains(&status) {
            return Err(token_status_error(status, &body, &self.secret.0));
        }
        parse_token(&body, sent, self.margin)
    }
}

impl TokenSource for ClientCredentialsSource {
    fn token<'a>(&'a self, rejected: Option<&'a str>) -> TokenFuture<'a> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if let Some(token) = cached.as_ref() {
                let refused = rejected == Some(token.token.as_str());
                if !refused && token.fresh(::std::time::Instant::now()) {
                    return Ok(token.token.clone());
                }
            }
            *cached = None;
            let token = self.fetch().await?;
            let value = token.token.clone();
            *cached = Some(token);
            Ok(value)
        })
    }
}

/// A form value of the description: one that starts with a single `/` (a
/// path, as Auth0's `audience: /api/v2/`) resolved against `base`; any
/// other as it is.
fn form_value(value: &str, base: &::reqwest::Url) -> String {
    if value.starts_with('/') && !value.starts_with("//") {
        if let Ok(url) = base.join(value) {
            return url.to_string();
        }
    }
    value.to_string()
}

/// A response body, at most `limit` bytes (more is an error).
async fn read_limited(
    mut response: ::reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, TokenError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(TokenError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(TokenError::Decode(format!(
                "the response is longer than {limit} bytes"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The error of a token endpoint's error status: OAuth's `error` and
/// `error_description` when the body has them, at most 512 characters
/// each, with the secret cut out.
fn token_status_error(status: u16, body: &[u8], secret: &str) -> TokenError {
    let value: Option<::serde_json::Value> = ::serde_json::from_slice(body).ok();
    let field = |name: &str| {
        let text = value.as_ref()?.get(name)?.as_str()?;
        let text: String = text.chars().take(512).collect();
        Some(if secret.is_empty() {
            text
        } else {
            text.replace(secret, "<redacted>")
        })
    };
    TokenError::Status {
        status,
        error: field("error"),
        description: field("error_description"),
    }
}

/// A token response (RFC 6749, 5.1): `access_token`, a `token_type` of
/// `Bearer` (any case; assumed when absent), and `expires_in` seconds (a
/// number or a numeric string; without it the token is kept until the API
/// refuses it), received at `now`; renewed `margin` before it expires.
fn parse_token(
    body: &[u8],
    now: ::std::time::Instant,
    margin: Duration,
) -> Result<CachedToken, TokenError> {
    let value: ::serde_json::Value = ::serde_json::from_slice(body)
        .map_err(|_| TokenError::Decode("the body is not JSON".to_string()))?;
    let token = match value.get("access_token") {
        Some(::serde_json::Value::String(token)) => token.clone(),
        _ => {
            return Err(TokenError::Decode(
                "`access_token` is missing or not a string".to_string(),
            ))
        }
    };
    if !sendable(&token) {
        return Err(TokenError::InvalidToken);
    }
    match value.get("token_type") {
        None => {}
        Some(::serde_json::Value::String(kind)) if kind.eq_ignore_ascii_case("bearer") => {}
        Some(_) => {
            return Err(TokenError::Decode(
                "`token_type` is not `Bearer`".to_string(),
            ))
        }
    }
    let expires_in = match value.get("expires_in") {
        None | Some(::serde_json::Value::Null) => None,
        Some(::serde_json::Value::Number(n)) => Some(n.as_u64().ok_or_else(|| {
            TokenError::Decode("`expires_in` is not a whole number of seconds".to_string())
        })?),
        Some(::serde_json::Value::String(s)) => Some(s.trim().parse::<u64>().map_err(|_| {
            TokenError::Decode("`expires_in` is not a whole number of seconds".to_string())
        })?),
        Some(_) => {
            return Err(TokenError::Decode(
                "`expires_in` is not a whole number of seconds".to_string(),
            ))
        }
    };
    // A lifetime too long for the clock is no expiry at all.
    let renew_at = expires_in
        .and_then(|seconds| now.checked_add(Duration::from_secs(seconds).saturating_sub(margin)));
    Ok(CachedToken { token, renew_at })
}

/// Whether a token can be sent as `Authorization: Bearer …`: not empty,
/// no control character.
fn sendable(token: &str) -> bool {
    !token.is_empty() && !token.chars().any(|c| c.is_control())
}

impl ClientBuilder {
    /// Gets the bearer token of the schemes `wanted` selects from `source`
    /// (for the generated `token_source` setter).
    #[allow(dead_code)]
    fn token_source_for(
        mut self,
        wanted: impl Fn(&Scheme) -> bool,
        source: ::std::sync::Arc<dyn TokenSource>,
    ) -> Self {
        self.credentials
            .set_credential(wanted, Credential::Source(source));
        self
    }

    /// Gets the bearer token of the schemes `wanted` selects with the
    /// client-credentials grant at `endpoint` (for the generated
    /// `client_credentials` setters).
    #[allow(dead_code)]
    fn token_endpoint(
        mut self,
        wanted: impl Fn(&Scheme) -> bool,
        credentials: ClientCredentials,
        endpoint: TokenEndpoint,
    ) -> Self {
        let pending: PendingSource = ::std::sync::Arc::new(move |base, allow_http| {
            let source = ClientCredentialsSource::new(&credentials, &endpoint, base, allow_http)?;
            let source: ::std::sync::Arc<dyn TokenSource> = ::std::sync::Arc::new(source);
            Ok(source)
        });
        self.credentials
            .set_credential(wanted, Credential::Pending(pending));
        self
    }
}

#[cfg(test)]
mod token_tests {
    use super::*;
    use ::std::time::Instant;

    #[test]
    fn token_responses() {
        let now = Instant::now();
        let margin = Duration::from_secs(10);
        let parsed = parse_token(
            br#"{"access_token":"abc","token_type":"Bearer","expires_in":86400}"#,
            now,
            margin,
        )
        .unwrap();
        assert_eq!(parsed.token, "abc");
        assert_eq!(parsed.renew_at, Some(now + Duration::from_secs(86_390)));
        assert!(parsed.fresh(now));
        assert!(parsed.fresh(now + Duration::from_secs(86_389)));
        assert!(!parsed.fresh(now + Duration::from_secs(86_390)));
        // A string lifetime, a lower-case type; no type at all.
        let parsed = parse_token(
            br#"{"access_token":"a","token_type":"bearer","expires_in":"60"}"#,
            now,
            margin,
        )
        .unwrap();
        assert_eq!(parsed.renew_at, Some(now + Duration::from_secs(50)));
        let parsed = parse_token(br#"{"access_token":"a","expires_in":60}"#, now, margin).unwrap();
        assert_eq!(parsed.token, "a");
        // No lifetime: kept until the API refuses it.
        let parsed = parse_token(br#"{"access_token":"a"}"#, now, margin).unwrap();
        assert_eq!(parsed.renew_at, None);
        assert!(parsed.fresh(now + Duration::from_secs(1_000_000)));
        // A lifetime no longer than the margin: stale at once.
        for lifetime in ["0", "5", "10"] {
            let body = format!(r#"{{"access_token":"a","expires_in":{lifetime}}}"#);
            let parsed = parse_token(body.as_bytes(), now, margin).unwrap();
            assert_eq!(parsed.renew_at, Some(now), "{lifetime}");
            assert!(!parsed.fresh(now), "{lifetime}");
        }
        // A lifetime too long for the clock: no expiry, no overflow.
        let body = format!(r#"{{"access_token":"a","expires_in":{}}}"#, u64::MAX);
        let parsed = parse_token(body.as_bytes(), now, margin).unwrap();
        assert!(parsed.fresh(now + Duration::from_secs(10_000_000)));
    }

    #[test]
    fn unusable_token_responses() {
        let now = Instant::now();
        let margin = Duration::from_secs(10);
        for body in [
            "",
            "not json",
            "[]",
            "{}",
            r#"{"access_token":5}"#,
            r#"{"access_token":null}"#,
            r#"{"access_token":"a","token_type":"mac"}"#,
            r#"{"access_token":"a","token_type":1}"#,
            r#"{"access_token":"a","expires_in":-1}"#,
            r#"{"access_token":"a","expires_in":1.5}"#,
            r#"{"access_token":"a","expires_in":"soon"}"#,
            r#"{"access_token":"a","expires_in":true}"#,
        ] {
            assert!(
                matches!(
                    parse_token(body.as_bytes(), now, margin),
                    Err(TokenError::Decode(_))
                ),
                "{body}"
            );
        }
        for body in [
            r#"{"access_token":""}"#,
            r#"{"access_token":"a\r\nX-Evil: 1"}"#,
        ] {
            assert!(
                matches!(
                    parse_token(body.as_bytes(), now, margin),
                    Err(TokenError::InvalidToken)
                ),
                "{body}"
            );
        }
    }

    #[test]
    fn error_responses_never_hold_the_secret() {
        let body =
            br#"{"error":"access_denied","error_description":"bad secret s3cr3t for s3cr3t"}"#;
        let error = token_status_error(401, body, "s3cr3t");
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("access_denied"), "{shown}");
        assert!(
            shown.contains("bad secret <redacted> for <redacted>"),
            "{shown}"
        );
        assert!(shown.contains("401"), "{shown}");
        // Not JSON, or long: nothing, or the first 512 characters.
        let error = token_status_error(500, b"<html>", "s");
        assert!(matches!(
            error,
            TokenError::Status {
                status: 500,
                error: None,
                description: None
            }
        ));
        let long = format!(r#"{{"error":"{}"}}"#, "x".repeat(10_000));
        match token_status_error(400, long.as_bytes(), "s") {
            TokenError::Status {
                error: Some(error), ..
            } => assert_eq!(error.len(), 512),
            other => panic!("{other:?}"),
        }
        let credentials = ClientCredentials::new("id", "s3cr3t");
        let shown = format!("{credentials:?}");
        assert!(!shown.contains("s3cr3t") && shown.contains("id"), "{shown}");
    }

    #[test]
    fn token_urls_and_form_values_are_resolved() {
        let base = ::reqwest::Url::parse("https://tenant.example.com/api/v2").unwrap();
        let credentials = ClientCredentials::new("my id", "p&ss=word").scope("read:a write:b");
        let endpoint = TokenEndpoint {
            url: "/oauth/token/",
            form: &[
                ("audience", "/api/v2/"),
                ("other", "plain value"),
                ("net", "//x"),
            ],
        };
        let source = ClientCredentialsSource::new(&credentials, &endpoint, &base, false).unwrap();
        assert_eq!(
            source.url.as_str(),
            "https://tenant.example.com/oauth/token/"
        );
        assert_eq!(
            source.form,
            "grant_type=client_credentials&client_id=my%20id&client_secret=p%26ss%3Dword\
             &audience=https%3A%2F%2Ftenant.example.com%2Fapi%2Fv2%2F&other=plain%20value\
             &net=%2F%2Fx&scope=read%3Aa%20write%3Ab"
        );
        let absolute = |url: &'static str, allow_http: bool| {
            ClientCredentialsSource::new(
                &credentials,
                &TokenEndpoint { url, form: &[] },
                &base,
                allow_http,
            )
            .map(|s| s.url.to_string())
        };
        assert_eq!(
            absolute("https://auth.example.com/token", false).unwrap(),
            "https://auth.example.com/token"
        );
        assert!(matches!(
            absolute("http://auth.example.com/token", false),
            Err(BuildError::InsecureUrl(_))
        ));
        assert!(absolute("http://auth.example.com/token", true).is_ok());
        for bad in [
            "ftp://auth.example.com/token",
            "javascript:alert(1)",
            "https://user:pw@auth.example.com/token",
            "/token#f",
        ] {
            assert!(
                matches!(absolute(bad, true), Err(BuildError::InvalidUrl(_))),
                "{bad}"
            );
        }
    }
}
