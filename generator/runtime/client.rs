// The client runtime of a generated crate, its core: the response, the
// client, its builder, its per-call options and its hooks. The other parts
// are `retry.rs` (the retry policy and its waits), `rate_limit.rs` (the
// rate-limit headers), then `error.rs`, `request.rs`, `send.rs`,
// `encode.rs` and `media.rs` (the errors, the requests, their sending and
// their parameters and bodies). They are ordinary Rust, compiled, linted and
// unit-tested as part of the workspace (the crate in `runtime/`), and copied
// into every generated crate's `client` module by
// `generator/src/emit/client.rs`, in the order `retry.rs`, `rate_limit.rs`,
// this file, `error.rs`, `request.rs`, `send.rs`, `encode.rs`, `media.rs`,
// then `paginate.rs`, `auth.rs`, `token.rs` and, where operations stream
// events, `sse.rs`.
//
// How it gets there: the generator `include_str!`s these files, parses them
// with `syn`, drops every item marked `#[cfg(test)]` (the tests stay here),
// and puts the rest at the top of the `client` module, before the
// operations. So what is written here is the generated code: hygienic paths
// (`::std::…`, `::serde::…`, `::reqwest::…`), docs that read well in the
// generated crate, nothing that clippy or rustdoc would warn about. Plain
// `//` comments like this one are not copied (they are not tokens).
//
// The seam: the files' items share one module with each other and with
// what the generator writes for each description, and use from the latter
// by their plain names:
//   - `SERVER`, the description's server URL (the generator writes it, with
//     its doc, after the `use` item at the top of `retry.rs`, the first
//     file);
//   - `SERVER_VARIABLES`, the server variables' defaults.
// The operations (methods of `Client`) build a `Request` and call
// `execute` (see `request.rs` and `send.rs`).
// The other way round, every name these files define or import at their
// top level (types, functions, constants, `Duration`) is
// taken in that module: the generator reserves them (read from the parsed
// files) before naming the operations' error enums, parameter structs and
// groups.
// The workspace crate `runtime/` (`runtime/src/lib.rs`) `include!`s these
// files into a module that holds stand-ins for the generator's side: the
// server of Auth0's Management API with its variable, and one operation,
// written as the generator writes them.
//
// Each item is kept free of anything specific to one description.

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A successful response: the decoded value, its status and the rate-limit headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    pub status: u16,
    pub rate_limit: RateLimit,
    pub value: T,
}

impl<T> Response<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The same response with its value mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            rate_limit: self.rate_limit,
            value: f(self.value),
        }
    }
}

/// Why a client could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// A server variable has no value (give it, or a full base URL).
    MissingServerVariable(String),
    /// No credentials meet the description's security requirements (they
    /// are named).
    MissingCredentials(String),
    /// The credential of this security scheme cannot be sent (it is empty
    /// or holds a line break or other control character; or a basic user
    /// name is empty or holds `:`).
    InvalidCredential(String),
    /// The base URL does not parse, or has a query or fragment.
    InvalidUrl(String),
    /// The base URL is `http://` and plain HTTP was not allowed.
    InsecureUrl(String),
    /// The HTTP client could not be set up.
    Http(::reqwest::Error),
}

impl ::std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            BuildError::MissingServerVariable(name) => {
                write!(f, "the server variable `{name}` has no value")
            }
            BuildError::MissingCredentials(needed) => {
                write!(f, "the API needs credentials for {needed}; none were given")
            }
            BuildError::InvalidCredential(scheme) => {
                write!(f, "the credential for `{scheme}` cannot be sent")
            }
            BuildError::InvalidUrl(url) => write!(f, "`{url}` is not a usable base URL"),
            BuildError::InsecureUrl(url) => write!(
                f,
                "`{url}` is plain HTTP; use https:// or allow HTTP explicitly"
            ),
            BuildError::Http(e) => write!(f, "the HTTP client could not be set up: {e}"),
        }
    }
}

impl ::std::error::Error for BuildError {}

/// A function the client calls before each attempt is sent (retries
/// included), with the request as it goes out. Credentials in headers are
/// marked sensitive (their `Debug` shows `Sensitive`); an API key the
/// description puts in the query is in the URL.
pub type RequestHook = ::std::sync::Arc<dyn Fn(&::reqwest::Request) + Send + Sync>;

/// A function the client calls on each response as it arrives (before its
/// body is read, retried ones included), with the time the attempt took.
pub type ResponseHook = ::std::sync::Arc<dyn Fn(&::reqwest::Response, Duration) + Send + Sync>;

/// The hooks of a client: for tracing and logging.
#[derive(Clone, Default)]
struct Hooks {
    on_request: Option<RequestHook>,
    on_response: Option<ResponseHook>,
}

impl ::std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Hooks")
            .field("on_request", &self.on_request.is_some())
            .field("on_response", &self.on_response.is_some())
            .finish()
    }
}

/// Options for the calls made through one client value: set on the
/// client by [`Client::with_options`], over the builder's. Each unset
/// option keeps the client's.
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    /// How long one attempt may take in all (the builder's `timeout`).
    pub timeout: Option<Duration>,
    /// How failed attempts are retried, and the whole call's deadline.
    pub retry: Option<RetryPolicy>,
    /// The retries of the retry policy (the client's, or `retry`).
    pub max_retries: Option<u32>,
    /// Headers sent with each request, after (and over) the operation's own.
    pub headers: Vec<(String, String)>,
    /// Whether bodies are validated before sending.
    pub validate: Option<bool>,
}

impl ::std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_retries", &self.max_retries)
            .field("headers", &header_names(&self.headers))
            .field("validate", &self.validate)
            .finish()
    }
}

/// The names of headers, for `Debug`: their values may be credentials.
fn header_names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(name, _)| name.as_str()).collect()
}

impl RequestOptions {
    /// No options: everything as the client has it.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long one attempt may take in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How failed attempts are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The retry policy (the client's, or [`RequestOptions::retry`]) with
    /// `max_retries` retries.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A header sent with each request, replacing one of the same name the
    /// request would have. A name or value that HTTP does not allow fails
    /// the call with [`Error::Request`] before anything is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Whether bodies are validated before sending.
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = Some(validate);
        self
    }
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    variables: Vec<(String, String)>,
    credentials: Credentials,
    allow_http: bool,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    validate: bool,
    http: Option<::reqwest::Client>,
    hooks: Hooks,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: None,
            variables: SERVER_VARIABLES
                .iter()
                .filter(|(_, v)| !v.contains('{'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            credentials: Credentials::default(),
            allow_http: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            validate: true,
            http: None,
            hooks: Hooks::default(),
        }
    }
}

impl ClientBuilder {
    /// A full base URL instead of the description's server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Fills a variable of the spec's server URL.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.variables.retain(|(k, _)| k != name);
        self.variables.push((name.to_string(), value.into()));
        self
    }

    /// Allows a plain `http://` base URL (for tests on loopback). Off by default.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// How long connecting may take (default 10 s; not applied to a client
    /// given with [`ClientBuilder::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take in all (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How failed attempts are retried (default: 3 retries within 60 s; see
    /// [`RetryPolicy`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Whether bodies are validated before sending (default: yes).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Sends through `http` instead of a client of its own: for proxies,
    /// trusted roots, client certificates or a connection pool shared with
    /// other code. Its settings are kept: its redirect policy (reqwest's
    /// default follows redirects, leaving out `Authorization` and cookies
    /// when one leads to another host; this crate's own client follows
    /// none), its `User-Agent`, its connect timeout. The attempt timeout and
    /// the retry policy apply to each request as for the crate's own client.
    pub fn http_client(mut self, http: ::reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Calls `hook` before each attempt is sent (see [`RequestHook`]).
    pub fn on_request(
        mut self,
        hook: impl Fn(&::reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_request = Some(::std::sync::Arc::new(hook));
        self
    }

    /// Calls `hook` on each response as it arrives (see [`ResponseHook`]).
    pub fn on_response(
        mut self,
        hook: impl Fn(&::reqwest::Response, Duration) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_response = Some(::std::sync::Arc::new(hook));
        self
    }

    pub fn build(self) -> Result<Client, BuildError> {
        let base = match self.base_url {
            Some(url) => url,
            None => {
                let mut url = SERVER.to_string();
                for (name, value) in &self.variables {
                    if value.is_empty()
                        || value.contains(['/', '\\', '?', '#', '@', '%', '{', '}'])
                        || value.chars().any(|c| c.is_whitespace() || c.is_control())
                    {
                        return Err(BuildError::InvalidUrl(value.clone()));
                    }
                    url = url.replace(&format!("{{{name}}}"), value);
                }
                if let Some(start) = url.find('{') {
                    let name = url[start + 1..].split('}').next().unwrap_or_default();
                    return Err(BuildError::MissingServerVariable(name.to_string()));
                }
                url
            }
        };
        let parsed =
            ::reqwest::Url::parse(&base).map_err(|_| BuildError::InvalidUrl(base.clone()))?;
        if parsed.query().is_some() || parsed.fragment().is_some() || parsed.cannot_be_a_base() {
            return Err(BuildError::InvalidUrl(base));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => return Err(BuildError::InsecureUrl(base)),
            _ => return Err(BuildError::InvalidUrl(base)),
        }
        let credentials = self.credentials.checked(&parsed, self.allow_http)?;
        let http = match self.http {
            Some(http) => http,
            None => ::reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .connect_timeout(self.connect_timeout)
                .redirect(::reqwest::redirect::Policy::none())
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            credentials,
            retry: self.retry,
            validate: self.validate,
            timeout: self.timeout,
            headers: Vec::new(),
            hooks: self.hooks,
        })
    }
}

/// The API client. Cheap to clone (the connection pool is shared).
///
/// Each operation is an `async` method; dropping its future before it
/// completes (a `tokio::time::timeout`, a `select!` that takes another
/// branch) cancels the call: the request in flight is abandoned with its
/// connection, and no retry follows.
#[derive(Clone)]
pub struct Client {
    http: ::reqwest::Client,
    base: String,
    credentials: Credentials,
    retry: RetryPolicy,
    validate: bool,
    /// How long one attempt may take.
    timeout: Duration,
    /// Headers sent with every request, over the operation's own.
    headers: Vec<(String, String)>,
    hooks: Hooks,
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("validate", &self.validate)
            .field("timeout", &self.timeout)
            .field("headers", &header_names(&self.headers))
            .field("hooks", &self.hooks)
            .finish()
    }
}

impl Client {
    /// A builder; the server (its variables, or a full base URL) and the
    /// credentials the description asks for are needed.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The same client, validating bodies before sending or not (for one call:
    /// `client.with_validation(false).some_operation(…)`).
    pub fn with_validation(&self, validate: bool) -> Client {
        Client {
            validate,
            ..self.clone()
        }
    }

    /// The same client with another retry policy.
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client {
            retry,
            ..self.clone()
        }
    }

    /// The same client with `options` over its own, for the calls made
    /// through it: `client.with_options(RequestOptions::new().timeout(…)).some_operation(…)`.
    /// Headers add to those of earlier options.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        let mut client = self.clone();
        if let Some(timeout) = options.timeout {
            client.timeout = timeout;
        }
        if let Some(retry) = options.retry {
            client.retry = retry;
        }
        if let Some(max_retries) = options.max_retries {
            client.retry.max_retries = max_retries;
        }
        if let Some(validate) = options.validate {
            client.validate = validate;
        }
        client.headers.extend(options.headers);
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_never_shown() {
        let builder = Client::builder().token("secret-token");
        assert!(!format!("{builder:?}").contains("secret"));
        let client = builder.tenant_domain("example.auth0.com").build().unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        let options = RequestOptions::new().header("X-Secret-Key", "hunter2");
        let shown = format!("{options:?} {:?}", client.with_options(options.clone()));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("X-Secret-Key"), "{shown}");
    }

    #[test]
    fn builder_checks_the_server() {
        let builder = || Client::builder().token("t");
        match builder().build() {
            Err(BuildError::MissingServerVariable(name)) => assert_eq!(name, "tenantDomain"),
            other => panic!("{other:?}"),
        }
        let client = builder()
            .tenant_domain("example.eu.auth0.com")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "https://example.eu.auth0.com/api/v2");
        for hostile in [
            "a/b", "a\\b", "a?b", "a#b", "user@a", "a%2F", "a b", "a\nb", "{x}", "",
        ] {
            let built = builder().tenant_domain(hostile).build();
            assert!(built.is_err(), "{hostile:?}");
        }
        assert!(matches!(
            builder().base_url("http://127.0.0.1:1/").build(),
            Err(BuildError::InsecureUrl(_))
        ));
        let client = builder()
            .base_url("http://127.0.0.1:1/")
            .allow_http(true)
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:1");
        for bad in [
            "not a url",
            "ftp://example.com",
            "https://example.com/?q=1",
            "https://example.com/#f",
            "mailto:a@b",
        ] {
            assert!(
                matches!(
                    builder().base_url(bad).build(),
                    Err(BuildError::InvalidUrl(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn builder_checks_the_token() {
        let builder = Client::builder().tenant_domain("example.auth0.com");
        match builder.clone().build() {
            Err(BuildError::MissingCredentials(needed)) => assert_eq!(needed, "bearer, or oauth"),
            other => panic!("{other:?}"),
        }
        for bad in ["", "a\nb", "a\rb", "\0"] {
            let built = builder.clone().token(bad).build();
            assert!(
                matches!(&built, Err(BuildError::InvalidCredential(s)) if s == "bearer"),
                "{bad:?}"
            );
        }
        // Another scheme of the default requirements will do.
        let key_only = builder.clone().api_key("k").build();
        assert!(matches!(key_only, Err(BuildError::MissingCredentials(_))));
        assert!(builder.clone().token("t").build().is_ok());
        for error in [
            BuildError::MissingServerVariable("x".into()),
            BuildError::MissingCredentials("bearer".into()),
            BuildError::InvalidCredential("bearer".into()),
            BuildError::InvalidUrl("u".into()),
            BuildError::InsecureUrl("u".into()),
        ] {
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn client_variants() {
        let client = Client::builder()
            .token("t")
            .tenant_domain("a.auth0.com")
            .build()
            .unwrap();
        assert!(client.validate);
        assert!(!client.with_validation(false).validate);
        assert_eq!(
            client.with_retry(RetryPolicy::none()).retry,
            RetryPolicy::none()
        );
        let client = Client::builder()
            .token("t")
            .server_variable("tenantDomain", "b.auth0.com")
            .validate(false)
            .retry(RetryPolicy::none())
            .timeout(Duration::from_secs(1))
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "https://b.auth0.com/api/v2");
        assert!(!client.validate);
        assert_eq!(client.retry.max_retries, 0);
    }

    #[test]
    fn response_into_inner() {
        let response = Response {
            status: 200,
            rate_limit: RateLimit::default(),
            value: 5,
        };
        assert_eq!(response.into_inner(), 5);
    }
}
