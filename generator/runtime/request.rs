// The request half of a generated crate's client runtime: how an
// operation's request is built (`Request`: the URL template, path, query
// and header parameters, the body), sent with retries (`execute`), and how
// its response is decoded (`Raw`: the success body, or `Error` with the
// operation's documented error response). Ordinary Rust, compiled and
// unit-tested by the workspace crate `runtime/`, and copied into every
// generated crate's `client` module after `client.rs` (see the top of that
// file for how, and for the seam).
//
// Each generated operation is a short call into this file:
//
//     let mut request = Request::new(Method::PATCH, "/things/{id}");
//     request.accept("application/json");
//     request.path("id", id)?;
//     request.query("fields", &params.fields);
//     request.json(body)?;
//     execute(self, request).await?.json()
//
// The seam, on top of `client.rs`'s: `ValidationErrors` (the validators'
// report, or an uninhabited stand-in when a crate has no validators), and
// each operation's `ErrorResponses` enum.

use ::reqwest::Method;

/// An operation's documented error responses, one variant per status,
/// range (`4XX`) or `default`, each with its body as the description types
/// it. The generator writes one such enum for each operation that types an
/// error body; the others use [`ErrorStatus`].
pub trait ErrorResponses: Sized {
    /// The documented response `entry` (as the description lists it: a
    /// status `"404"`, a range `"4XX"` or `"default"`; see
    /// [`Request::errors`]), with `body` decoded; `None` when the body does
    /// not decode as documented (its text is in [`ApiError::text`] either way).
    fn decode(entry: &str, body: &[u8]) -> Option<Self>;
}

/// What an operation returns: the decoded response, or why it failed
/// (with `E` its documented error responses).
pub type ApiResult<T, E = ErrorStatus> = Result<Response<T>, Error<E>>;

/// Which documented error response a status is, for the operations whose
/// error responses have no typed body: a variant per status with a reason
/// phrase, per range and for `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorStatus {
    BadRequest,
    Unauthorized,
    PaymentRequired,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    RequestTimeout,
    Conflict,
    Gone,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    UnprocessableEntity,
    Locked,
    PreconditionRequired,
    TooManyRequests,
    InternalServerError,
    NotImplemented,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
    /// Another status the description lists.
    Other(u16),
    /// `1XX`.
    Informational,
    /// `3XX`.
    Redirection,
    /// `4XX`.
    ClientError,
    /// `5XX`.
    ServerError,
    /// `default`: any status the others do not cover.
    Default,
}

impl ErrorResponses for ErrorStatus {
    fn decode(entry: &str, _: &[u8]) -> Option<Self> {
        Some(match entry {
            "400" => Self::BadRequest,
            "401" => Self::Unauthorized,
            "402" => Self::PaymentRequired,
            "403" => Self::Forbidden,
            "404" => Self::NotFound,
            "405" => Self::MethodNotAllowed,
            "406" => Self::NotAcceptable,
            "408" => Self::RequestTimeout,
            "409" => Self::Conflict,
            "410" => Self::Gone,
            "412" => Self::PreconditionFailed,
            "413" => Self::PayloadTooLarge,
            "415" => Self::UnsupportedMediaType,
            "422" => Self::UnprocessableEntity,
            "423" => Self::Locked,
            "428" => Self::PreconditionRequired,
            "429" => Self::TooManyRequests,
            "500" => Self::InternalServerError,
            "501" => Self::NotImplemented,
            "502" => Self::BadGateway,
            "503" => Self::ServiceUnavailable,
            "504" => Self::GatewayTimeout,
            "1XX" => Self::Informational,
            "3XX" => Self::Redirection,
            "4XX" => Self::ClientError,
            "5XX" => Self::ServerError,
            "default" => Self::Default,
            other => Self::Other(other.parse().ok()?),
        })
    }
}

/// The entry of `documented` (statuses, ranges such as `4XX`, `default`,
/// as an operation lists its error responses) that `status` falls under:
/// its own status first, then its range, then `default`.
fn documented_entry(status: u16, documented: &[&'static str]) -> Option<&'static str> {
    let code = status.to_string();
    let range = format!("{}XX", status / 100);
    let find = |wanted: &str| {
        documented
            .iter()
            .copied()
            .find(|entry| entry.eq_ignore_ascii_case(wanted))
    };
    find(&code)
        .or_else(|| find(&range))
        .or_else(|| find("default"))
}

/// A documented error body in JSON, for [`ErrorResponses::decode`].
#[allow(dead_code)]
fn json_body<T: ::serde::de::DeserializeOwned>(body: &[u8]) -> Option<T> {
    ::serde_json::from_slice(body).ok()
}

/// A documented error body as text, for [`ErrorResponses::decode`].
#[allow(dead_code)]
fn text_body(body: &[u8]) -> Option<String> {
    Some(String::from_utf8_lossy(body).into_owned())
}

/// An error response: its status, which documented response it is (with
/// its typed body), its raw text, its rate-limit headers, and a hint of
/// what to do when there is one (the scopes a `403` needs).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<E> {
    pub status: u16,
    /// The documented response, its body decoded; `None` for a status the
    /// description does not list, or a body that does not decode as it says.
    pub documented: Option<E>,
    /// The body as text (invalid UTF-8 replaced).
    pub text: String,
    pub rate_limit: RateLimit,
    pub hint: Option<String>,
}

impl<E> ApiError<E> {
    /// The error's message, when the body is a JSON object that has one
    /// (`message`, `error_description`, `detail`, `title` or `error`, the
    /// first that is a string), or else the body's text when it is not
    /// blank and not JSON.
    pub fn message(&self) -> Option<String> {
        match ::serde_json::from_str::<::serde_json::Value>(&self.text) {
            Ok(::serde_json::Value::Object(object)) => {
                ["message", "error_description", "detail", "title", "error"]
                    .iter()
                    .find_map(|key| object.get(*key)?.as_str().map(str::to_string))
            }
            Ok(_) => None,
            Err(_) => Some(self.text.trim().to_string()).filter(|t| !t.is_empty()),
        }
    }
}

impl<E> ::std::fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "status {}", self.status)?;
        if let Some(message) = self.message() {
            let message: String = message.chars().take(500).collect();
            write!(f, ": {message}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Why an operation failed. `E` is the operation's documented error
/// responses ([`ErrorResponses`]).
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status (or one outside 2xx).
    Status(ApiError<E>),
    /// The body breaks the description's constraints; nothing was sent.
    Validation(ValidationErrors),
    /// The request could not be built (a path parameter that cannot be a
    /// segment, a value that does not serialise).
    Request(String),
    /// The request could not be sent, or the response not received.
    Transport(::reqwest::Error),
    /// No complete response within the timeout.
    Timeout,
    /// No token could be had for the request (from the token endpoint of
    /// the client credentials, or from a [`TokenSource`]); nothing was sent.
    Token(TokenError),
    /// A successful status whose body does not decode as the description says.
    Decode {
        status: u16,
        message: String,
        body: String,
    },
    /// A stream of pages stopped: see [`PageError`].
    Page(PageError),
}

impl<E> Error<E> {
    /// The error response, when one came.
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Status(e) => Some(e),
            _ => None,
        }
    }

    /// The documented error response, with its typed body.
    pub fn documented(&self) -> Option<&E> {
        self.api_error()?.documented.as_ref()
    }

    /// The HTTP status, when a response came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode { status, .. } => Some(*status),
            other => other.api_error().map(|e| e.status),
        }
    }

    /// The rate-limit headers of the error response, when one came.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.api_error().map(|e| &e.rate_limit)
    }
}

impl<E> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Status(e) => e.fmt(f),
            Error::Validation(e) => {
                write!(f, "the request body is invalid, so it was not sent: {e}")
            }
            Error::Request(e) => write!(f, "the request could not be built: {e}"),
            Error::Transport(e) => write!(f, "the request failed: {e}"),
            Error::Timeout => f.write_str("no response within the timeout"),
            Error::Token(e) => write!(f, "no token for the request: {e}"),
            Error::Decode {
                status, message, ..
            } => write!(
                f,
                "status {status}, but the body does not decode: {message}"
            ),
            Error::Page(e) => e.fmt(f),
        }
    }
}

impl<E: ::std::fmt::Debug> ::std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Token(e) => Some(e),
            Error::Page(e) => Some(e),
            _ => None,
        }
    }
}

/// A request that could not be built: why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest(pub String);

impl<E> From<InvalidRequest> for Error<E> {
    fn from(e: InvalidRequest) -> Self {
        Error::Request(e.0)
    }
}

/// A request body sent as it is, for operations whose body is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBody {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// How a parameter's value is written: OpenAPI's `style` with its
/// `explode`, as its table of style examples shows them for
/// `color` = `"blue"`, `["blue", "black", "brown"]` and
/// `{"R": 100, "G": 200, "B": 150}` (an object's properties in the order
/// it serialises them). Values are percent-encoded in the URL and sent as
/// they are in a header; the prefixes and separators are written as
/// shown. `None`, `null`, an empty array or object is undefined (RFC 6570):
/// nothing is sent (a path refuses it). Items that are themselves arrays or
/// objects, which OpenAPI does not define, are their JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Query: `color=blue`; arrays `color=blue&color=black&color=brown`
    /// with `explode`, `color=blue,black,brown` without; objects
    /// `R=100&G=200&B=150` with, `color=R,100,G,200,B,150` without.
    Form { explode: bool },
    /// Query: `color=blue%20black%20brown`, `color=R%20100%20G%20200%20B%20150`.
    SpaceDelimited,
    /// Query: `color=blue%7Cblack%7Cbrown`, `color=R%7C100%7CG%7C200%7CB%7C150`
    /// (the pipe percent-encoded: servers decode it, and some refuse it raw).
    PipeDelimited,
    /// Query: `color[R]=100&color[G]=200&color[B]=150` (see [`Request::deep_object`]).
    DeepObject,
    /// Path and header: `blue`, `blue,black,brown`; objects `R,100,G,200,B,150`,
    /// with `explode` `R=100,G=200,B=150`.
    Simple { explode: bool },
    /// Path: `.blue`, `.blue.black.brown`; objects `.R.100.G.200.B.150`,
    /// with `explode` `.R=100.G=200.B=150`.
    Label { explode: bool },
    /// Path: `;color=blue`; arrays `;color=blue,black,brown`, with `explode`
    /// `;color=blue;color=black;color=brown`; objects
    /// `;color=R,100,G,200,B,150`, with `explode` `;R=100;G=200;B=150`
    /// (an empty string: `;color`).
    Matrix { explode: bool },
}

/// One operation's request, as its method builds it.
#[derive(Debug, Clone)]
pub struct Request {
    method: Method,
    /// The path, its parameters filled in as they come.
    path: String,
    query: String,
    accept: &'static str,
    headers: Vec<(&'static str, String)>,
    /// Cookie parameters, `name=value`.
    cookies: Vec<String>,
    body: Option<(String, Vec<u8>)>,
    /// The JSON body, for the scope hint of a `403`.
    json: Option<::serde_json::Value>,
    errors: &'static [&'static str],
    /// Its own security requirements; `None`: the description's.
    security: Option<&'static [&'static [&'static str]]>,
    scopes: &'static [&'static str],
    field_scopes: Vec<(&'static str, &'static str)>,
    /// Whether the response is a stream read as long as it lasts (events):
    /// the attempt timeout then bounds the wait for its headers, not the
    /// whole body.
    streaming: bool,
}

impl Request {
    /// A request to `template` (the description's path, with `{name}`
    /// placeholders).
    pub fn new(method: Method, template: &str) -> Self {
        Request {
            method,
            path: template.to_string(),
            query: String::new(),
            accept: "",
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            json: None,
            errors: &[],
            security: None,
            scopes: &[],
            field_scopes: Vec::new(),
            streaming: false,
        }
    }

    /// Fills the placeholder `{name}` with `value` in the `simple` style
    /// (arrays `a,b`, objects `k,v,k2,v2`), percent-encoded as one segment.
    /// See [`Request::path_style`].
    pub fn path<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        self.path_style(name, value, Style::Simple { explode: false })
    }

    /// Fills the placeholder `{name}` with `value` in a path style
    /// (`simple`, `label`, `matrix`; see [`Style`]). The values are
    /// percent-encoded as [`encode_segment`] does and the style's prefixes
    /// and separators (`.`, `;`, `,`, `=`) are not, so that no value can add
    /// a segment or reach the query. Text that a URL parser would take for
    /// a step rather than a name is refused: empty (`None`, `null`, an empty
    /// array or object), `.` (the `label` style of an empty string) and `..`.
    pub fn path_style<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) -> Result<(), InvalidRequest> {
        let text = styled(name, value, style, encode).unwrap_or_default();
        if text.is_empty() || text == "." || text == ".." {
            return Err(InvalidRequest(format!(
                "a path parameter cannot be {text:?}"
            )));
        }
        self.path = self.path.replace(&format!("{{{name}}}"), &text);
        Ok(())
    }

    /// A query parameter in the `form` style with `explode`: `name=value`,
    /// one pair per item of an array, one `key=value` pair per property of
    /// an object; nothing for `None`, `null`, an empty array or object.
    pub fn query<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.query_style(name, value, Style::Form { explode: true });
    }

    /// A query parameter in a query style (`form`, `spaceDelimited`,
    /// `pipeDelimited`, `deepObject`; see [`Style`]), names and values
    /// percent-encoded; nothing for `None`, `null`, an empty array or object.
    pub fn query_style<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) {
        if let Some(pairs) = styled(name, value, style, encode).filter(|p| !p.is_empty()) {
            if !self.query.is_empty() {
                self.query.push('&');
            }
            self.query.push_str(&pairs);
        }
    }

    /// A `style: deepObject` query parameter, in the bracket style of
    /// Stripe and of most form decoders: `name[key]=value` per property,
    /// `name[a][b]=value` for nested objects, `name[key][]=value` per item
    /// of an array (objects and arrays in arrays by index:
    /// `name[key][0][a]=value`); `null`s are left out.
    pub fn deep_object<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        push_deep_object(&mut self.query, name, value);
    }

    /// A header parameter in the `simple` style: one header, an array's
    /// items joined with `,` (objects `k,v,k2,v2`); nothing for `None`,
    /// `null`, an empty array or object. See [`Request::header_style`].
    pub fn header<T: ::serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.header_style(name, value, Style::Simple { explode: false });
    }

    /// A header parameter in `style` (`simple`, with or without `explode`,
    /// which only changes objects: `k=v,k2=v2`), sent as one header whose
    /// value is not percent-encoded; nothing for `None`, `null`, an empty
    /// array or object.
    pub fn header_style<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: Style,
    ) {
        if let Some(value) = styled(name, value, style, str::to_string) {
            self.headers.push((name, value));
        }
    }

    /// A cookie parameter (`style: form`): `name=value`, an array's items
    /// joined with `,`, the name and values percent-encoded (so no value
    /// can end the cookie or start another); nothing for `None` or `null`.
    pub fn cookie<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Some(pair) = styled(name, value, Style::Form { explode: false }, encode) {
            self.cookies.push(pair);
        }
    }

    /// The `Accept` header: the media types of the operation's documented
    /// responses (none is sent when no response has content).
    pub fn accept(&mut self, media_types: &'static str) {
        self.accept = media_types;
    }

    /// The error responses the operation documents (`"404"`, `"4XX"`,
    /// `"default"`), whose variant [`ApiError::documented`] gives.
    pub fn errors(&mut self, documented: &'static [&'static str]) {
        self.errors = documented;
    }

    /// The security requirements of the operation, when it has its own:
    /// alternatives, each a list of the description's security schemes
    /// (`&[]`: it needs none).
    pub fn security(&mut self, requirements: &'static [&'static [&'static str]]) {
        self.security = Some(requirements);
    }

    /// The scopes the operation needs: the hint of a `403`.
    pub fn scopes(&mut self, scopes: &'static [&'static str]) {
        self.scopes = scopes;
    }

    /// A scope that sending the body's top-level key `field` adds (Auth0
    /// asks for `update:connections_options` when `options` is sent).
    pub fn field_scope(&mut self, field: &'static str, scope: &'static str) {
        self.field_scopes.push((field, scope));
    }

    /// A JSON body.
    pub fn json<T: ::serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), InvalidRequest> {
        let value = ::serde_json::to_value(body).map_err(|e| InvalidRequest(e.to_string()))?;
        let bytes = ::serde_json::to_vec(&value).map_err(|e| InvalidRequest(e.to_string()))?;
        self.body = Some(("application/json".to_string(), bytes));
        self.json = Some(value);
        Ok(())
    }

    /// A body sent as it is.
    pub fn raw(&mut self, body: &RawBody) {
        self.body = Some((body.content_type.clone(), body.bytes.clone()));
    }

    /// What to do about an error status: for a `403`, the scopes the call
    /// needs (the operation's, and those the body's keys need).
    fn hint(&self, status: u16) -> Option<String> {
        if status == 403 {
            scope_hint(self.scopes, &self.field_scopes, self.json.as_ref())
        } else {
            None
        }
    }

    /// Whether sending the request twice leaves what sending it once does
    /// (see [`RetryPolicy`]): the idempotent methods of RFC 9110, and a
    /// `PATCH` whose body is a JSON object (a merge patch).
    fn is_idempotent(&self) -> bool {
        match self.method {
            Method::GET
            | Method::HEAD
            | Method::OPTIONS
            | Method::TRACE
            | Method::PUT
            | Method::DELETE => true,
            Method::PATCH => {
                let media = self.body.as_ref().map(|(content_type, _)| {
                    content_type.split(';').next().unwrap_or_default().trim()
                });
                matches!(
                    media,
                    Some("application/json" | "application/merge-patch+json")
                ) && matches!(self.json, Some(::serde_json::Value::Object(_)))
            }
            _ => false,
        }
    }

    /// The URL: `base`, the path, the query.
    fn url(&self, base: &str) -> String {
        let mut url = String::with_capacity(base.len() + self.path.len() + self.query.len());
        url.push_str(base);
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        url
    }
}

/// A response as received, before decoding.
pub struct Raw {
    status: u16,
    rate_limit: RateLimit,
    body: Vec<u8>,
}

impl Raw {
    /// The response with its body decoded from JSON.
    pub fn json<T: ::serde::de::DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        match ::serde_json::from_slice(&self.body) {
            Ok(value) => Ok(self.with(value)),
            Err(e) => Err(Error::Decode {
                status: self.status,
                message: e.to_string(),
                body: String::from_utf8_lossy(&self.body).into_owned(),
            }),
        }
    }

    /// The response with its body as text.
    pub fn text<E>(self) -> Result<Response<String>, Error<E>> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.with(text))
    }

    /// The response with its body as bytes.
    pub fn bytes<E>(mut self) -> Result<Response<Vec<u8>>, Error<E>> {
        let body = ::std::mem::take(&mut self.body);
        Ok(self.with(body))
    }

    /// A success status the description does not list, among several it
    /// does: a [`Error::Decode`].
    pub fn undocumented<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::Decode {
            status: self.status,
            message: "the description documents no such success status".to_string(),
            body: String::from_utf8_lossy(&self.body).into_owned(),
        })
    }

    /// The response, its body (if any) not read.
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(self.with(()))
    }

    /// The status, for an operation with several documented successes.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response with `value` as its decoded body.
    pub fn with<T>(&self, value: T) -> Response<T> {
        Response {
            status: self.status,
            rate_limit: self.rate_limit,
            value,
        }
    }

    /// The response as an error response, one of the `documented` ones or not.
    fn into_error<E: ErrorResponses>(
        self,
        documented: &[&'static str],
        hint: Option<String>,
    ) -> ApiError<E> {
        ApiError {
            status: self.status,
            documented: documented_entry(self.status, documented)
                .and_then(|entry| E::decode(entry, &self.body)),
            text: String::from_utf8_lossy(&self.body).into_owned(),
            rate_limit: self.rate_limit,
            hint,
        }
    }
}

/// Sends a request and reads the response, retrying as the client's
/// [`RetryPolicy`] says; a status outside 2xx comes back as
/// [`Error::Status`]. A
/// free function, so that its name cannot collide with an operation's
/// method.
pub async fn execute<E: ErrorResponses>(
    client: &Client,
    request: Request,
) -> Result<Raw, Error<E>> {
    let response = send_with_retries(client, &request).await?;
    let status = response.status().as_u16();
    let rate_limit = RateLimit::from_headers(response.headers());
    let body = response.bytes().await.map_err(transport)?.to_vec();
    Ok(Raw {
        status,
        rate_limit,
        body,
    })
}

/// Sends a request as [`execute`] does; a successful response comes back
/// unread (an error response, or one to retry, is read whole).
async fn send_with_retries<E: ErrorResponses>(
    client: &Client,
    request: &Request,
) -> Result<::reqwest::Response, Error<E>> {
    // Credentials (auth.rs, token.rs): a 401 to a token from a source
    // renews it once and sends the request once more.
    let mut auth = authorize(client, request.security, &[]).await?;
    let mut renewed = false;
    let extra = extra_headers(&client.headers).map_err(Error::Request)?;
    let policy = &client.retry;
    let idempotent = request.is_idempotent();
    let started = ::std::time::Instant::now();
    let mut attempt = 0u32;
    loop {
        // The deadline bounds the whole call: each attempt gets what is left.
        let left = policy.deadline.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Error::Timeout);
        }
        let timeout = client.timeout.min(left);
        let outgoing = outgoing(client, request, &auth, &extra, timeout)?;
        if let Some(hook) = &client.hooks.on_request {
            hook(&outgoing);
        }
        let sent = ::std::time::Instant::now();
        let sending = ::tokio::time::timeout(timeout, client.http.execute(outgoing));
        let response = match sending.await {
            Err(_) => return Err(Error::Timeout),
            Ok(Ok(response)) => response,
            // Nothing was sent: safe to retry whatever the method.
            Ok(Err(e)) if e.is_connect() => {
                let none = RateLimit::default();
                match policy.next_wait(None, &none, attempt, started.elapsed()) {
                    Some(wait) => {
                        ::tokio::time::sleep(wait).await;
                        attempt += 1;
                        continue;
                    }
                    None => return Err(transport(e)),
                }
            }
            Ok(Err(e)) => return Err(transport(e)),
        };
        if let Some(hook) = &client.hooks.on_response {
            hook(&response, sent.elapsed());
        }
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(response);
        }
        if status == 401 && !renewed && !auth.sourced.is_empty() {
            renewed = true;
            auth = authorize(client, request.security, &auth.sourced).await?;
            continue;
        }
        let rate_limit = RateLimit::from_headers(response.headers());
        let body = ::tokio::time::timeout(timeout, response.bytes())
            .await
            .map_err(|_| Error::Timeout)?
            .map_err(transport)?
            .to_vec();
        if policy.retries_status(status, idempotent) {
            let wait = policy.next_wait(Some(status), &rate_limit, attempt, started.elapsed());
            if let Some(wait) = wait {
                ::tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
        }
        let raw = Raw {
            status,
            rate_limit,
            body,
        };
        return Err(Error::Status(
            raw.into_error(request.errors, request.hint(status)),
        ));
    }
}

/// One attempt's request as it goes out: the URL with the credentials'
/// query pairs, the credentials' headers (marked sensitive) and cookies,
/// the request's own headers and body, then the per-call `extra` headers
/// over them. `timeout` bounds the whole exchange, unless the response is
/// a stream.
fn outgoing<E>(
    client: &Client,
    request: &Request,
    auth: &Authorization,
    extra: &[(
        ::reqwest::header::HeaderName,
        ::reqwest::header::HeaderValue,
    )],
    timeout: Duration,
) -> Result<::reqwest::Request, Error<E>> {
    let mut url = request.url(&client.base);
    if !auth.query.is_empty() {
        url.push(if request.query.is_empty() { '?' } else { '&' });
        url.push_str(&auth.query);
    }
    let mut builder = client.http.request(request.method.clone(), &url);
    if !request.streaming {
        builder = builder.timeout(timeout);
    }
    for (name, value) in &auth.headers {
        let mut value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
            Error::Request(format!(
                "the credential for `{name}` cannot be a header value"
            ))
        })?;
        value.set_sensitive(true);
        builder = builder.header(name, value);
    }
    let cookies: Vec<&str> = auth
        .cookies
        .iter()
        .chain(&request.cookies)
        .map(String::as_str)
        .collect();
    if !cookies.is_empty() {
        let mut value = ::reqwest::header::HeaderValue::from_str(&cookies.join("; "))
            .map_err(|_| Error::Request("the cookies cannot be a header value".into()))?;
        value.set_sensitive(!auth.cookies.is_empty());
        builder = builder.header(::reqwest::header::COOKIE, value);
    }
    if !request.accept.is_empty() {
        builder = builder.header(::reqwest::header::ACCEPT, request.accept);
    }
    for (name, value) in &request.headers {
        builder = builder.header(*name, value.as_str());
    }
    if let Some((content_type, bytes)) = &request.body {
        builder = builder
            .header(::reqwest::header::CONTENT_TYPE, content_type.as_str())
            .body(bytes.clone());
    }
    let mut outgoing = builder.build().map_err(transport)?;
    for (name, value) in extra {
        outgoing.headers_mut().insert(name.clone(), value.clone());
    }
    Ok(outgoing)
}

/// The headers of [`RequestOptions::header`], checked: an error names the
/// first that HTTP does not allow (not its value, which may be a secret).
fn extra_headers(
    headers: &[(String, String)],
) -> Result<
    Vec<(
        ::reqwest::header::HeaderName,
        ::reqwest::header::HeaderValue,
    )>,
    String,
> {
    headers
        .iter()
        .map(|(name, value)| {
            let header = ::reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("`{name}` is not a header name"))?;
            let mut value = ::reqwest::header::HeaderValue::from_str(value)
                .map_err(|_| format!("the value of the header `{name}` is not a header value"))?;
            value.set_sensitive(true);
            Ok((header, value))
        })
        .collect()
}

fn transport<E>(e: ::reqwest::Error) -> Error<E> {
    if e.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(e)
    }
}

/// Percent-encodes a path parameter as one segment: everything but
/// unreserved characters is encoded, so that no value can add a segment
/// or reach the query. An empty value, `.` and `..` are refused: URL
/// parsers treat them (even as `%2E%2E`) as a path step, not a name.
pub fn encode_segment(value: &str) -> Result<String, String> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(format!("a path parameter cannot be {value:?}"));
    }
    Ok(encode(value))
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A parameter's value as the styles see it: one value, the items of an
/// array, or the properties of an object in the order it serialises them
/// (`null` items and properties are left out; items that are arrays or
/// objects are their JSON text).
#[derive(Debug, PartialEq)]
enum Parts {
    One(String),
    List(Vec<String>),
    Pairs(Vec<(String, String)>),
}

/// The parts of a value; `None` when it is undefined in RFC 6570's sense
/// (`None`, `null`, an empty array or object) or does not serialise. It
/// goes through JSON text rather than `serde_json::Value`, so that an
/// object keeps its properties' order.
fn parts<T: ::serde::Serialize + ?Sized>(value: &T) -> Option<Parts> {
    struct Top(Option<Parts>);
    struct Item(Option<String>);
    struct Visitor;
    impl<'de> ::serde::Deserialize<'de> for Item {
        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Item(
                match <::serde_json::Value as ::serde::Deserialize>::deserialize(d)? {
                    ::serde_json::Value::Null => None,
                    ::serde_json::Value::String(s) => Some(s),
                    other => Some(other.to_string()),
                },
            ))
        }
    }
    impl<'de> ::serde::de::Visitor<'de> for Visitor {
        type Value = Top;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_unit<E>(self) -> Result<Top, E> {
            Ok(Top(None))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(
                ::serde_json::Value::from(v).to_string(),
            ))))
        }
        fn visit_str<E>(self, v: &str) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
            let mut items = Vec::new();
            while let Some(Item(item)) = seq.next_element()? {
                items.extend(item);
            }
            Ok(Top((!items.is_empty()).then_some(Parts::List(items))))
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
            let mut pairs = Vec::new();
            while let Some((key, Item(value))) = map.next_entry::<String, Item>()? {
                pairs.extend(value.map(|value| (key, value)));
            }
            Ok(Top((!pairs.is_empty()).then_some(Parts::Pairs(pairs))))
        }
    }
    impl<'de> ::serde::Deserialize<'de> for Top {
        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Visitor)
        }
    }
    let text = ::serde_json::to_string(value).ok()?;
    ::serde_json::from_str::<Top>(&text).ok()?.0
}

/// A parameter in `style` (see [`Style`]): the `&`-separated pairs of a
/// query style, the text of a path style, the value of a header; `None`
/// when the value is undefined. The name, keys and values go through
/// `encode`; the prefixes and separators do not.
fn styled<T: ::serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    encode: fn(&str) -> String,
) -> Option<String> {
    let parts = parts(value)?;
    let raw_name = name;
    let name = encode(name);
    // Every part, a property as `key{pair}value`, joined with `separator`.
    let joined = |separator: &str, pair: &str| match &parts {
        Parts::One(value) => encode(value),
        Parts::List(items) => items
            .iter()
            .map(|item| encode(item))
            .collect::<Vec<_>>()
            .join(separator),
        Parts::Pairs(pairs) => pairs
            .iter()
            .map(|(key, value)| format!("{}{pair}{}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join(separator),
    };
    // Exploded: a `name, value` per item, a `key, value` per property.
    let exploded = || -> Vec<(String, String)> {
        match &parts {
            Parts::One(value) => vec![(name.clone(), encode(value))],
            Parts::List(items) => items
                .iter()
                .map(|item| (name.clone(), encode(item)))
                .collect(),
            Parts::Pairs(pairs) => pairs
                .iter()
                .map(|(key, value)| (encode(key), encode(value)))
                .collect(),
        }
    };
    // `;name=value`, or `;name` for an empty value (RFC 6570).
    let matrix = |(name, value): (String, String)| match value.is_empty() {
        true => format!(";{name}"),
        false => format!(";{name}={value}"),
    };
    Some(match style {
        Style::Form { explode: true } => exploded()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&"),
        Style::Form { explode: false } => format!("{name}={}", joined(",", ",")),
        Style::SpaceDelimited => format!("{name}={}", joined("%20", "%20")),
        Style::PipeDelimited => format!("{name}={}", joined("%7C", "%7C")),
        Style::Simple { explode } => joined(",", if explode { "=" } else { "," }),
        Style::Label { explode } => format!(".{}", joined(".", if explode { "=" } else { "." })),
        Style::Matrix { explode: false } => matrix((name.clone(), joined(",", ","))),
        Style::Matrix { explode: true } => exploded().into_iter().map(matrix).collect(),
        Style::DeepObject => {
            let mut query = String::new();
            push_deep_object(&mut query, raw_name, value);
            query
        }
    })
}

/// Appends `key=value` pairs to a query string (without its `?`); `key`
/// is already encoded, the values are encoded here.
fn push_pairs(query: &mut String, key: &str, values: Vec<String>) {
    for value in values {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(key);
        query.push('=');
        query.push_str(&encode(&value));
    }
}

/// Appends a `style: deepObject` query parameter: one `name[key]=value`
/// pair per property, nested objects as `name[a][b]=value`, arrays as
/// `name[key][]=value` per item (items that are objects or arrays by
/// index: `name[key][0][a]=value`), the bracket style of Stripe and of
/// most form decoders. `null` properties and items are left out. The name,
/// keys and values are percent-encoded as other query values are; the
/// brackets are sent as they are.
fn push_deep_object<T: ::serde::Serialize + ?Sized>(query: &mut String, name: &str, value: &T) {
    fn walk(key: &str, value: &::serde_json::Value, query: &mut String) {
        match value {
            ::serde_json::Value::Null => {}
            ::serde_json::Value::Object(object) => {
                for (k, v) in object {
                    walk(&format!("{key}[{}]", encode(k)), v, query);
                }
            }
            ::serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    match item {
                        ::serde_json::Value::Object(_) | ::serde_json::Value::Array(_) => {
                            walk(&format!("{key}[{index}]"), item, query)
                        }
                        _ => walk(&format!("{key}[]"), item, query),
                    }
                }
            }
            ::serde_json::Value::String(s) => push_pairs(query, key, vec![s.clone()]),
            other => push_pairs(query, key, vec![other.to_string()]),
        }
    }
    if let Ok(value) = ::serde_json::to_value(value) {
        walk(&encode(name), &value, query);
    }
}

// Bodies beyond JSON: forms, multipart, bytes and text, and downloads. The
// generator emits these items only into the crates whose operations use
// them (see `generator/src/emit/client.rs`, `MEDIA_ITEMS`), so that a
// JSON-only crate carries none of them.

impl Request {
    /// An `application/x-www-form-urlencoded` body, in the bracket style of
    /// Stripe and of most form decoders: `a=1&b[c]=2&list[]=x&list[]=y`,
    /// arrays of objects by index (`items[0][name]=x`), `null`s left out,
    /// keys and values percent-encoded as query values are (a space is
    /// `%20`). The body must serialise to a JSON object.
    pub fn form<T: ::serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), InvalidRequest> {
        let value = ::serde_json::to_value(body).map_err(|e| InvalidRequest(e.to_string()))?;
        let ::serde_json::Value::Object(object) = &value else {
            return Err(InvalidRequest("a form body must be an object".to_string()));
        };
        let mut encoded = String::new();
        for (key, value) in object {
            push_deep_object(&mut encoded, key, value);
        }
        self.body = Some((
            "application/x-www-form-urlencoded".to_string(),
            encoded.into_bytes(),
        ));
        self.json = Some(value);
        Ok(())
    }

    /// A body of bytes (or text) sent as it is, with its media type.
    pub fn bytes(&mut self, content_type: &str, body: &[u8]) {
        self.body = Some((content_type.to_string(), body.to_vec()));
    }

    /// A `multipart/form-data` body: the parts, under a boundary that none
    /// of them contains.
    pub fn multipart(&mut self, body: Multipart) -> Result<(), InvalidRequest> {
        let (content_type, bytes) = body.encode(random_boundary)?;
        self.body = Some((content_type, bytes));
        Ok(())
    }
}

/// A file sent as one part of a `multipart/form-data` body: its bytes, and
/// the file name and media type its part header gives (the media type is
/// `application/octet-stream` when none is given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A file of `bytes`, without a name or a media type.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        FilePart {
            file_name: None,
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// The file name the part header gives.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The media type the part header gives.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// The parts of a `multipart/form-data` body, in order, as an operation's
/// form struct lists them ([`Request::multipart`] sends them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Multipart {
    parts: Vec<MultipartPart>,
    /// The first value that could not be turned into a part.
    error: Option<String>,
}

/// One part: its name, file name, media type and content.
#[derive(Debug, Clone, PartialEq)]
struct MultipartPart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Multipart {
    pub fn new() -> Self {
        Self::default()
    }

    /// A part of text: a string as it is, a number or a boolean as its
    /// JSON text, an object or an array as JSON (with the media type
    /// `application/json`); nothing for `None` or `null`.
    pub fn text<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let (content_type, text) = match ::serde_json::to_value(value) {
            Ok(::serde_json::Value::Null) => return,
            Ok(::serde_json::Value::String(text)) => (None, text),
            Ok(value @ (::serde_json::Value::Object(_) | ::serde_json::Value::Array(_))) => {
                (Some("application/json".to_string()), value.to_string())
            }
            Ok(value) => (None, value.to_string()),
            Err(e) => {
                self.error.get_or_insert(format!("the part {name:?}: {e}"));
                return;
            }
        };
        self.parts.push(MultipartPart {
            name: name.to_string(),
            file_name: None,
            content_type,
            bytes: text.into_bytes(),
        });
    }

    /// A part holding a file.
    pub fn file(&mut self, name: &str, file: &FilePart) {
        self.parts.push(MultipartPart {
            name: name.to_string(),
            file_name: file.file_name.clone(),
            content_type: Some(
                file.content_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_string()),
            ),
            bytes: file.bytes.clone(),
        });
    }

    /// The body's media type (with its boundary) and its bytes. The
    /// boundary comes from `boundary`, drawn again while any part holds it.
    /// Names and file names are quoted with `"`, CR and LF escaped as
    /// `%22`, `%0D` and `%0A` (as browsers send them), so that no value can
    /// end its header; a media type or a name with another control
    /// character is refused.
    fn encode(
        self,
        mut boundary: impl FnMut() -> String,
    ) -> Result<(String, Vec<u8>), InvalidRequest> {
        if let Some(error) = self.error {
            return Err(InvalidRequest(error));
        }
        let mut heads = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let mut head = format!(
                "Content-Disposition: form-data; name=\"{}\"",
                quoted(&part.name)?
            );
            if let Some(file_name) = &part.file_name {
                head.push_str(&format!("; filename=\"{}\"", quoted(file_name)?));
            }
            if let Some(content_type) = &part.content_type {
                if content_type.chars().any(char::is_control) {
                    return Err(InvalidRequest(format!(
                        "the media type of the part {:?} holds a control character",
                        part.name
                    )));
                }
                head.push_str(&format!("\r\nContent-Type: {content_type}"));
            }
            heads.push(head);
        }
        let boundary = loop {
            let candidate = boundary();
            let found = |haystack: &[u8]| {
                haystack
                    .windows(candidate.len())
                    .any(|window| window == candidate.as_bytes())
            };
            if candidate.is_empty() {
                continue;
            }
            let clashes = self.parts.iter().any(|part| found(&part.bytes))
                || heads.iter().any(|head| found(head.as_bytes()));
            if !clashes {
                break candidate;
            }
        };
        let mut body = Vec::new();
        for (part, head) in self.parts.iter().zip(&heads) {
            body.extend_from_slice(format!("--{boundary}\r\n{head}\r\n\r\n").as_bytes());
            body.extend_from_slice(&part.bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((format!("multipart/form-data; boundary={boundary}"), body))
    }
}

/// A name or file name for a quoted part header parameter: `"`, CR and LF
/// escaped as `%22`, `%0D` and `%0A`; another control character refused.
fn quoted(text: &str) -> Result<String, InvalidRequest> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => {
                return Err(InvalidRequest(format!(
                    "a part name or file name cannot hold the control character {c:?}"
                )))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A fresh multipart boundary: 32 random hexadecimal digits (from the
/// standard library's randomly seeded hasher) after a fixed prefix.
fn random_boundary() -> String {
    let mut random = String::from("----------------------------");
    for _ in 0..2 {
        random.push_str(&format!("{:016x}", random_u64()));
    }
    random
}

/// A successful response whose body is not read yet: read it in chunks as
/// it arrives ([`Download::chunk`]), or whole ([`Download::bytes`]). The
/// client's timeout still bounds the whole exchange, body included.
#[derive(Debug)]
pub struct Download {
    response: ::reqwest::Response,
}

impl Download {
    /// The `Content-Type` of the response, when it has a readable one.
    pub fn content_type(&self) -> Option<&str> {
        self.response
            .headers()
            .get(::reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The length of the body, when the response says it.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, ::std::io::Error> {
        match self.response.chunk().await {
            Ok(chunk) => Ok(chunk.map(Vec::from)),
            Err(e) => Err(download_error(e)),
        }
    }

    /// The rest of the body, read whole.
    pub async fn bytes(mut self) -> Result<Vec<u8>, ::std::io::Error> {
        let mut body = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// A failure while reading a download: a timeout as `TimedOut`, anything
/// else as an I/O error holding the transport's.
fn download_error(e: ::reqwest::Error) -> ::std::io::Error {
    let kind = if e.is_timeout() {
        ::std::io::ErrorKind::TimedOut
    } else {
        ::std::io::ErrorKind::Other
    };
    ::std::io::Error::new(kind, e)
}

/// Sends a request as [`execute`] does (retried, error statuses typed),
/// but returns a successful response before reading its body: a
/// [`Download`]. A free function, so that its name cannot collide with an
/// operation's method.
pub async fn execute_download<E: ErrorResponses>(
    client: &Client,
    request: Request,
) -> Result<Response<Download>, Error<E>> {
    let response = send_with_retries(client, &request).await?;
    Ok(Response {
        status: response.status().as_u16(),
        rate_limit: RateLimit::from_headers(response.headers()),
        value: Download { response },
    })
}

/// The hint of a 403: the operation's scopes, and those the body's keys need.
fn scope_hint(
    scopes: &[&str],
    field_scopes: &[(&str, &str)],
    body: Option<&::serde_json::Value>,
) -> Option<String> {
    let mut needed: Vec<&str> = scopes.to_vec();
    if let Some(::serde_json::Value::Object(object)) = body {
        for (field, scope) in field_scopes {
            if object.contains_key(*field) && !needed.contains(scope) {
                needed.push(scope);
            }
        }
    }
    (!needed.is_empty()).then(|| format!("this call needs the scope(s): {}", needed.join(", ")))
}

#[cfg(test)]
mod request_tests {
    use super::*;
    use ::serde_json::json;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("con_0001-._~").unwrap(), "con_0001-._~");
        assert_eq!(
            encode_segment("a/b?c#d%e f").unwrap(),
            "a%2Fb%3Fc%23d%25e%20f"
        );
        assert_eq!(encode_segment("é").unwrap(), "%C3%A9");
        assert_eq!(encode_segment("...").unwrap(), "...");
        for refused in ["", ".", ".."] {
            assert!(encode_segment(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn paths_are_filled() {
        let mut request = Request::new(Method::GET, "/a/{id}/b/{n}/{missing}");
        request.path("id", "x/y").unwrap();
        request.path("n", &[1, 2]).unwrap();
        // A value that looks like a placeholder is encoded, never filled.
        let mut sneaky = Request::new(Method::GET, "/{a}/{b}");
        sneaky.path("a", "{b}").unwrap();
        sneaky.path("b", "z").unwrap();
        assert_eq!(
            request.url("https://h"),
            "https://h/a/x%2Fy/b/1,2/{missing}"
        );
        assert_eq!(sneaky.url(""), "/%7Bb%7D/z");
        assert_eq!(
            request.path("id", ".."),
            Err(InvalidRequest("a path parameter cannot be \"..\"".into()))
        );
    }

    #[test]
    fn query_parameters() {
        let list =
            |items: &[&str]| Some(Parts::List(items.iter().map(|s| s.to_string()).collect()));
        assert_eq!(parts(&["a", "b c"]), list(&["a", "b c"]));
        assert_eq!(
            parts(&json!([1, null, true, 1.5])),
            list(&["1", "true", "1.5"])
        );
        assert_eq!(
            parts(&json!([[1, 2], {"a": null}])),
            list(&["[1,2]", r#"{"a":null}"#])
        );
        assert_eq!(parts("x"), Some(Parts::One("x".into())));
        assert_eq!(parts(&-3), Some(Parts::One("-3".into())));
        assert_eq!(parts(&u64::MAX), Some(Parts::One(u64::MAX.to_string())));
        assert_eq!(parts(&false), Some(Parts::One("false".into())));
        assert_eq!(parts(""), Some(Parts::One("".into())));
        // Undefined: nothing, null, empty, only nulls, not serialisable.
        assert_eq!(parts(&Option::<u8>::None), None);
        assert_eq!(parts(&json!([])), None);
        assert_eq!(parts(&json!([null])), None);
        assert_eq!(parts(&json!({})), None);
        assert_eq!(parts(&json!({"a": null})), None);
        assert_eq!(parts(&f64::NAN), None);
        let mut map = ::std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        assert_eq!(parts(&map), None);
        let mut request = Request::new(Method::GET, "/p");
        request.query("fields", &["a&b", "c"]);
        request.query("q=", "é");
        request.query("none", &Option::<u8>::None);
        assert_eq!(
            request.url("https://h"),
            "https://h/p?fields=a%26b&fields=c&q%3D=%C3%A9"
        );
    }

    fn deep_object(name: &str, value: &::serde_json::Value) -> String {
        let mut query = String::new();
        push_deep_object(&mut query, name, value);
        query
    }

    #[test]
    fn deep_object_parameters() {
        assert_eq!(
            deep_object("scope", &json!({"type": "account"})),
            "scope[type]=account"
        );
        // Nested objects, arrays of scalars and of objects, nulls left out.
        assert_eq!(
            deep_object(
                "f",
                &json!({
                    "a": {"b": {"c": 1}, "gone": null},
                    "ids": [1, null, 2],
                    "items": [{"p": true}],
                    "n": null
                })
            ),
            "f[a][b][c]=1&f[ids][]=1&f[ids][]=2&f[items][0][p]=true"
        );
        // Names, keys and values percent-encoded; brackets as they are.
        assert_eq!(
            deep_object("q=", &json!({"[k]": "v", "a b": "é&x"})),
            "q%3D[%5Bk%5D]=v&q%3D[a%20b]=%C3%A9%26x"
        );
        // Nothing for null, an empty object, an empty array.
        assert_eq!(deep_object("s", &json!(null)), "");
        assert_eq!(deep_object("s", &json!({})), "");
        assert_eq!(deep_object("s", &json!({"a": []})), "");
        // Not an object: the plain `name=value` (arrays `name[]=value`).
        assert_eq!(deep_object("s", &json!("x")), "s=x");
        assert_eq!(deep_object("s", &json!([1, 2])), "s[]=1&s[]=2");
        // After other parameters.
        let mut request = Request::new(Method::GET, "/p");
        request.query("page", &1);
        request.deep_object("scope", &Some(json!({"t": "a"})));
        request.deep_object("none", &Option::<u8>::None);
        assert_eq!(request.url("https://h"), "https://h/p?page=1&scope[t]=a");
    }

    /// `color` of OpenAPI's table of style examples: its object, whose
    /// properties serialise in this order.
    #[derive(::serde::Serialize)]
    #[allow(non_snake_case)]
    struct Rgb {
        R: u8,
        G: u8,
        B: u8,
    }

    const RGB: Rgb = Rgb {
        R: 100,
        G: 200,
        B: 150,
    };
    const ARRAY: [&str; 3] = ["blue", "black", "brown"];

    fn text<T: ::serde::Serialize + ?Sized>(style: Style, value: &T) -> Option<String> {
        styled("color", value, style, encode)
    }

    /// Every row of the table of style examples of OpenAPI 3.1.0 (its
    /// `empty` column is the empty string): `string`, `array`, `object`.
    /// Where the table leaves the prefix `color=` out of the query styles
    /// other than `form`, it is written, as OpenAPI 3.1.1 does; the pipe
    /// is percent-encoded.
    #[test]
    fn the_table_of_style_examples() {
        use Style::*;
        let n_a = None;
        #[rustfmt::skip]
        let rows: &[(Style, Option<&str>, &str, &str, &str)] = &[
            (Matrix { explode: false }, Some(";color"), ";color=blue",
                ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
            (Matrix { explode: true }, Some(";color"), ";color=blue",
                ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
            (Label { explode: false }, Some("."), ".blue",
                ".blue.black.brown", ".R.100.G.200.B.150"),
            (Label { explode: true }, Some("."), ".blue",
                ".blue.black.brown", ".R=100.G=200.B=150"),
            (Form { explode: false }, Some("color="), "color=blue",
                "color=blue,black,brown", "color=R,100,G,200,B,150"),
            (Form { explode: true }, Some("color="), "color=blue",
                "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
            (Simple { explode: false }, n_a, "blue",
                "blue,black,brown", "R,100,G,200,B,150"),
            (Simple { explode: true }, n_a, "blue",
                "blue,black,brown", "R=100,G=200,B=150"),
            (SpaceDelimited, n_a, "color=blue",
                "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"),
            (PipeDelimited, n_a, "color=blue",
                "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"),
        ];
        for &(style, empty, string, array, object) in rows {
            if let Some(empty) = empty {
                assert_eq!(text(style, "").as_deref(), Some(empty), "{style:?}");
            }
            assert_eq!(text(style, "blue").as_deref(), Some(string), "{style:?}");
            assert_eq!(text(style, &ARRAY).as_deref(), Some(array), "{style:?}");
            assert_eq!(text(style, &RGB).as_deref(), Some(object), "{style:?}");
            // Undefined: nothing (RFC 6570), whatever the style.
            for undefined in [json!(null), json!([]), json!({}), json!([null])] {
                assert_eq!(text(style, &undefined), None, "{style:?} {undefined}");
            }
        }
        // deepObject (objects in the key order of `serde_json::Value`, so
        // sorted here).
        assert_eq!(
            text(DeepObject, &json!({"B": 150, "G": 200, "R": 100})).as_deref(),
            Some("color[B]=150&color[G]=200&color[R]=100")
        );
        assert_eq!(text(DeepObject, &json!({})), None);
        // Simple headers: the same, not percent-encoded.
        let header = |style, value: &::serde_json::Value| styled("X", value, style, str::to_string);
        assert_eq!(
            header(Simple { explode: false }, &json!(["a b", "é", "c/d"])).as_deref(),
            Some("a b,é,c/d")
        );
        assert_eq!(
            header(Simple { explode: true }, &json!({"k": "v w"})).as_deref(),
            Some("k=v w")
        );
    }

    #[test]
    fn query_styles_encode_values_but_not_separators() {
        let query = |style, value: &::serde_json::Value| {
            let mut request = Request::new(Method::GET, "/p");
            request.query("first", &1);
            request.query_style("q=", value, style);
            request.query_style("none", &Option::<u8>::None, style);
            request.query_style("empty", &json!([]), style);
            request.url("")
        };
        let hostile = json!(["a,b", "c&d", "e f", "g|h", "%", "#", "é", "?/"]);
        assert_eq!(
            query(Style::Form { explode: false }, &hostile),
            "/p?first=1&q%3D=a%2Cb,c%26d,e%20f,g%7Ch,%25,%23,%C3%A9,%3F%2F"
        );
        assert_eq!(
            query(
                Style::Form { explode: true },
                &json!({"k=": "v&", "n": null})
            ),
            "/p?first=1&k%3D=v%26"
        );
        assert_eq!(
            query(Style::SpaceDelimited, &json!(["a b", 1])),
            "/p?first=1&q%3D=a%20b%201"
        );
        assert_eq!(
            query(Style::PipeDelimited, &json!(["a|b", true])),
            "/p?first=1&q%3D=a%7Cb%7Ctrue"
        );
        assert_eq!(query(Style::PipeDelimited, &json!(null)), "/p?first=1");
        assert_eq!(
            query(Style::DeepObject, &json!({"a": [1]})),
            "/p?first=1&q%3D[a][]=1"
        );
    }

    #[test]
    fn path_styles_never_leave_their_segment() {
        use Style::*;
        let path = |style, value: &::serde_json::Value| {
            let mut request = Request::new(Method::GET, "/a/{id}/b");
            request
                .path_style("id", value, style)
                .map(|()| request.url(""))
        };
        let refused = |text: &str| {
            Err(InvalidRequest(format!(
                "a path parameter cannot be {text:?}"
            )))
        };
        let styles = [
            Simple { explode: false },
            Simple { explode: true },
            Label { explode: false },
            Label { explode: true },
            Matrix { explode: false },
            Matrix { explode: true },
        ];
        let hostile = [
            json!("a/b?c#d%e f"),
            json!(["/", "?", "#", "%", "..", "é"]),
            json!({"../k": "/v?", "#": "%"}),
            json!("{id}"),
            json!(".."),
            json!("."),
            json!([".", "."]),
            json!(["..", ""]),
        ];
        for style in styles {
            for value in &hostile {
                if let Ok(url) = path(style, value) {
                    let segment = url
                        .strip_prefix("/a/")
                        .and_then(|rest| rest.strip_suffix("/b"))
                        .unwrap_or_else(|| panic!("{style:?} {value}: {url}"));
                    for c in ['/', '?', '#', '{', '}'] {
                        assert!(!segment.contains(c), "{style:?} {value}: {url}");
                    }
                    assert!(
                        !["", ".", ".."].contains(&segment),
                        "{style:?} {value}: {url}"
                    );
                }
            }
            // Undefined: refused, whatever the style.
            for undefined in [json!(null), json!([]), json!({}), json!([null])] {
                assert_eq!(path(style, &undefined), refused(""), "{style:?}");
            }
        }
        assert_eq!(
            path(
                Simple { explode: false },
                &json!(["/", "?", "#", "%", "..", "é"])
            ),
            Ok("/a/%2F,%3F,%23,%25,..,%C3%A9/b".into())
        );
        assert_eq!(
            path(Matrix { explode: true }, &json!({"e": "", "k/": "v?"})),
            Ok("/a/;e;k%2F=v%3F/b".into())
        );
        assert_eq!(
            path(Label { explode: false }, &json!(["..", ""])),
            Ok("/a/..../b".into())
        );
        // Dot segments, whatever the style makes them of.
        assert_eq!(path(Simple { explode: false }, &json!("..")), refused(".."));
        assert_eq!(path(Simple { explode: true }, &json!(".")), refused("."));
        assert_eq!(path(Simple { explode: false }, &json!("")), refused(""));
        assert_eq!(path(Label { explode: false }, &json!("")), refused("."));
        assert_eq!(path(Label { explode: true }, &json!(".")), refused(".."));
        assert_eq!(
            path(Matrix { explode: false }, &json!("")),
            Ok("/a/;id/b".into())
        );
        assert_eq!(
            path(Matrix { explode: false }, &json!("..")),
            Ok("/a/;id=../b".into())
        );
    }

    #[test]
    fn cookie_parameters() {
        let mut request = Request::new(Method::GET, "/p");
        request.cookie("theme", "dark; x=1");
        request.cookie("ids", &[1, 2]);
        request.cookie("none", &Option::<String>::None);
        assert_eq!(request.cookies, ["theme=dark%3B%20x%3D1", "ids=1,2"]);
    }

    #[test]
    fn headers_and_bodies() {
        let mut request = Request::new(Method::POST, "/p");
        request.header("X-Ids", &[1, 2]);
        request.header("X-None", &Option::<String>::None);
        request.header("X-Empty", "");
        request.header("X-None-Either", &Vec::<u8>::new());
        assert_eq!(
            request.headers,
            [("X-Ids", "1,2".into()), ("X-Empty", "".into())]
        );
        request.json(&json!({"a": 1})).unwrap();
        assert_eq!(
            request.body,
            Some(("application/json".into(), br#"{"a":1}"#.to_vec()))
        );
        request.raw(&RawBody {
            content_type: "text/csv".into(),
            bytes: b"a,b".to_vec(),
        });
        assert_eq!(request.body, Some(("text/csv".into(), b"a,b".to_vec())));
        let mut map = ::std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        assert!(request.json(&map).is_err(), "a map with non-string keys");
    }

    #[test]
    fn scope_hints() {
        let scopes = &["update:things"];
        let field_scopes = &[("options", "update:things_options")];
        let with = json!({"options": {}});
        assert_eq!(
            scope_hint(scopes, field_scopes, Some(&with)).unwrap(),
            "this call needs the scope(s): update:things, update:things_options"
        );
        assert_eq!(
            scope_hint(scopes, field_scopes, Some(&json!({"name": "x"}))).unwrap(),
            "this call needs the scope(s): update:things"
        );
        assert_eq!(scope_hint(&[], &[], None), None);
    }

    /// A stand-in for a generated enum of documented error responses.
    #[derive(Debug, PartialEq)]
    enum Documented {
        NotFound,
        Conflict(::serde_json::Value),
        ClientError(String),
    }

    impl ErrorResponses for Documented {
        fn decode(entry: &str, body: &[u8]) -> Option<Self> {
            match entry {
                "404" => Some(Self::NotFound),
                "409" => json_body(body).map(Self::Conflict),
                "4XX" => text_body(body).map(Self::ClientError),
                _ => None,
            }
        }
    }

    const DOCUMENTED: &[&str] = &["404", "409", "4XX"];

    #[test]
    fn statuses_fall_under_their_entry() {
        let listed = &["404", "4xx", "default", "5XX"];
        assert_eq!(documented_entry(404, listed), Some("404"));
        assert_eq!(documented_entry(418, listed), Some("4xx"));
        assert_eq!(documented_entry(503, listed), Some("5XX"));
        assert_eq!(documented_entry(302, listed), Some("default"));
        assert_eq!(documented_entry(302, &["404"]), None);
        assert_eq!(documented_entry(404, &[]), None);
        assert_eq!(documented_entry(u16::MAX, listed), Some("default"));
        // The shared enum of the operations without typed error bodies.
        let status = |status, listed| {
            raw(status, b"")
                .into_error::<ErrorStatus>(listed, None)
                .documented
        };
        assert_eq!(status(404, listed), Some(ErrorStatus::NotFound));
        assert_eq!(status(418, &["418"]), Some(ErrorStatus::Other(418)));
        assert_eq!(status(418, &["4XX"]), Some(ErrorStatus::ClientError));
        assert_eq!(status(599, &["5XX"]), Some(ErrorStatus::ServerError));
        assert_eq!(status(302, &["3XX"]), Some(ErrorStatus::Redirection));
        assert_eq!(status(302, &["default"]), Some(ErrorStatus::Default));
        assert_eq!(status(429, &["400"]), None);
        // The generator lists ranges in upper case and `default` in lower.
        assert_eq!(ErrorStatus::decode("4xx", b""), None);
        assert_eq!(ErrorStatus::decode("teapot", b""), None);
    }

    fn raw(status: u16, body: &[u8]) -> Raw {
        Raw {
            status,
            rate_limit: RateLimit::default(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn error_responses_are_typed() {
        let e = raw(409, br#"{"message":"taken"}"#).into_error::<Documented>(DOCUMENTED, None);
        assert_eq!(
            e.documented,
            Some(Documented::Conflict(json!({"message": "taken"})))
        );
        assert_eq!(e.message().as_deref(), Some("taken"));
        // Not the documented body: the text is kept, the variant is not.
        let e = raw(409, b"<html>").into_error::<Documented>(DOCUMENTED, None);
        assert_eq!(e.documented, None);
        assert_eq!(e.text, "<html>");
        assert_eq!(e.message().as_deref(), Some("<html>"));
        let e = raw(404, b"").into_error::<Documented>(DOCUMENTED, None);
        assert_eq!(e.documented, Some(Documented::NotFound));
        assert_eq!(e.message(), None);
        let e = raw(418, b"\xff teapot").into_error::<Documented>(DOCUMENTED, None);
        assert_eq!(
            e.documented,
            Some(Documented::ClientError("\u{fffd} teapot".into()))
        );
        assert_eq!(
            raw(500, b"")
                .into_error::<Documented>(DOCUMENTED, None)
                .documented,
            None
        );
        assert_eq!(
            raw(500, b"")
                .into_error::<ErrorStatus>(&[], None)
                .documented,
            None
        );
        // Messages from the usual keys, the first that is a string.
        for (body, message) in [
            (
                r#"{"error":"Forbidden","message":"Insufficient scope"}"#,
                Some("Insufficient scope"),
            ),
            (
                r#"{"error":"invalid_grant","error_description":"Bad"}"#,
                Some("Bad"),
            ),
            (
                r#"{"title":"Not Found","detail":"No such thing"}"#,
                Some("No such thing"),
            ),
            (r#"{"message":1,"error":"x"}"#, Some("x")),
            ("[1]", None),
            ("  \n", None),
        ] {
            let e = raw(400, body.as_bytes()).into_error::<ErrorStatus>(&[], None);
            assert_eq!(e.message().as_deref(), message, "{body}");
        }
    }

    #[test]
    fn api_error_display_is_bounded() {
        let body = format!(r#"{{"message":"{}"}}"#, "é".repeat(10_000));
        let error =
            raw(403, body.as_bytes()).into_error::<ErrorStatus>(&[], Some("needs a scope".into()));
        let shown = error.to_string();
        assert!(shown.starts_with("status 403: éé"), "{shown}");
        assert!(shown.ends_with(" (needs a scope)"), "{shown}");
        assert_eq!(shown.chars().filter(|c| *c == 'é').count(), 500);
        assert_eq!(
            raw(500, b"")
                .into_error::<ErrorStatus>(&[], None)
                .to_string(),
            "status 500"
        );
        let error: Error<ErrorStatus> =
            Error::Status(raw(502, b"Bad gateway").into_error(&["502"], None));
        assert_eq!(error.to_string(), "status 502: Bad gateway");
        assert_eq!(error.status(), Some(502));
        assert_eq!(error.documented(), Some(&ErrorStatus::BadGateway));
        assert!(error.rate_limit().is_some());
    }

    #[test]
    fn success_bodies() {
        let response = raw(200, br#"{"a":1}"#)
            .json::<::serde_json::Value, ErrorStatus>()
            .unwrap();
        assert_eq!((response.status, response.value), (200, json!({"a": 1})));
        let error = raw(200, b"{")
            .json::<::serde_json::Value, ErrorStatus>()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Decode { status: 200, body, .. } if body == "{"),
            "{error:?}"
        );
        assert_eq!(error.status(), Some(200));
        assert_eq!(raw(200, b"hi").text::<ErrorStatus>().unwrap().value, "hi");
        assert_eq!(
            raw(200, b"\x00\x01").bytes::<ErrorStatus>().unwrap().value,
            [0, 1]
        );
        assert_eq!(raw(204, b"").empty::<ErrorStatus>().unwrap().status, 204);
        assert_eq!(raw(201, b"").status(), 201);
        let error = raw(202, b"x")
            .undocumented::<(), ErrorStatus>()
            .unwrap_err();
        assert!(
            matches!(error, Error::Decode { status: 202, .. }),
            "{error:?}"
        );
    }

    fn form(value: &::serde_json::Value) -> Result<String, InvalidRequest> {
        let mut request = Request::new(Method::POST, "/p");
        request.form(value)?;
        let (content_type, bytes) = request.body.expect("a body");
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        Ok(String::from_utf8(bytes).expect("ASCII"))
    }

    #[test]
    fn form_bodies() {
        // Nested objects, arrays of scalars and of objects, nulls left out.
        // (Keys in the map's order: written sorted here, so that the test
        // holds with serde_json's `preserve_order` and without it.)
        assert_eq!(
            form(&json!({
                "a": 1,
                "b": {"c": 2, "d": {"e": true}, "gone": null},
                "empty": [],
                "items": [{"name": "x"}, {"name": "y", "tags": ["t"]}],
                "list": ["x", null, "y"],
                "n": null,
            }))
            .unwrap(),
            "a=1&b[c]=2&b[d][e]=true&items[0][name]=x&items[1][name]=y\
             &items[1][tags][]=t&list[]=x&list[]=y"
        );
        // Hostile keys and values: `&=[]%+`, spaces and unicode encoded,
        // the structural brackets as they are.
        assert_eq!(
            form(&json!({"[k]": {"x]y[": "%25 +"}, "a&b=c": "1&2=3", "é": "ü 😀"})).unwrap(),
            "%5Bk%5D[x%5Dy%5B]=%2525%20%2B&a%26b%3Dc=1%262%3D3\
             &%C3%A9=%C3%BC%20%F0%9F%98%80"
        );
        assert_eq!(form(&json!({})).unwrap(), "");
        assert_eq!(form(&json!({"a": null})).unwrap(), "");
        // Not an object: refused.
        for refused in [json!([1]), json!("a=b"), json!(null), json!(1)] {
            assert!(form(&refused).is_err(), "{refused}");
        }
        // The body is kept for the scope hint of a 403, as a JSON one is.
        let mut request = Request::new(Method::POST, "/p");
        request.form(&json!({"options": 1})).unwrap();
        assert_eq!(request.json, Some(json!({"options": 1})));
    }

    #[test]
    fn byte_and_text_bodies() {
        let mut request = Request::new(Method::PUT, "/p");
        request.bytes("application/octet-stream", &[0, 255, 10]);
        assert_eq!(
            request.body,
            Some(("application/octet-stream".into(), vec![0, 255, 10]))
        );
        request.bytes("text/plain", "é\r\n".as_bytes());
        assert_eq!(
            request.body,
            Some(("text/plain".into(), "é\r\n".as_bytes().to_vec()))
        );
    }

    /// A multipart body parsed back, independently of the encoder: the
    /// boundary from the media type, then each part's headers and content.
    fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<(Vec<String>, Vec<u8>)> {
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect("a boundary");
        let delimiter = format!("\r\n--{boundary}");
        let mut rest = [b"\r\n", body].concat();
        let mut parts = Vec::new();
        loop {
            let at = rest
                .windows(delimiter.len())
                .position(|w| w == delimiter.as_bytes())
                .expect("a delimiter");
            let part = rest[..at].to_vec();
            if !parts.is_empty() || !part.is_empty() {
                let end = part
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .expect("headers end");
                let head = String::from_utf8(part[..end].to_vec()).expect("UTF-8 headers");
                let head = head.trim_start_matches("\r\n");
                let headers = head.split("\r\n").map(str::to_string).collect();
                parts.push((headers, part[end + 4..].to_vec()));
            }
            rest = rest[at + delimiter.len()..].to_vec();
            if rest == b"--\r\n" {
                return parts;
            }
            assert!(rest.starts_with(b"\r\n"), "a line break after the boundary");
            rest = rest[2..].to_vec();
            rest = [b"\r\n", rest.as_slice()].concat();
        }
    }

    fn multipart(parts: Multipart) -> Result<(String, Vec<u8>), InvalidRequest> {
        let mut request = Request::new(Method::POST, "/p");
        request.multipart(parts)?;
        Ok(request.body.expect("a body"))
    }

    #[test]
    fn multipart_bodies() {
        let mut parts = Multipart::new();
        parts.text("name", "a \"b\"\r\n");
        parts.text("count", &3);
        parts.text("flag", &true);
        parts.text("none", &Option::<u8>::None);
        parts.text("meta", &json!({"k": [1]}));
        parts.file(
            "users",
            &FilePart::new(b"[{\"email\":\"x\"}]\r\n--".to_vec())
                .file_name("users.json")
                .content_type("application/json"),
        );
        parts.file("blob", &FilePart::new(vec![0u8, 255]));
        let (content_type, body) = multipart(parts).unwrap();
        assert!(content_type.starts_with("multipart/form-data; boundary=-"));
        let found = parse_multipart(&content_type, &body);
        let expected: Vec<(Vec<&str>, &[u8])> = vec![
            (
                vec!["Content-Disposition: form-data; name=\"name\""],
                b"a \"b\"\r\n",
            ),
            (vec!["Content-Disposition: form-data; name=\"count\""], b"3"),
            (
                vec!["Content-Disposition: form-data; name=\"flag\""],
                b"true",
            ),
            (
                vec![
                    "Content-Disposition: form-data; name=\"meta\"",
                    "Content-Type: application/json",
                ],
                br#"{"k":[1]}"#,
            ),
            (
                vec![
                    "Content-Disposition: form-data; name=\"users\"; filename=\"users.json\"",
                    "Content-Type: application/json",
                ],
                b"[{\"email\":\"x\"}]\r\n--",
            ),
            (
                vec![
                    "Content-Disposition: form-data; name=\"blob\"",
                    "Content-Type: application/octet-stream",
                ],
                &[0, 255],
            ),
        ];
        let found: Vec<(Vec<&str>, &[u8])> = found
            .iter()
            .map(|(h, b)| (h.iter().map(String::as_str).collect(), b.as_slice()))
            .collect();
        assert_eq!(found, expected);
        // No parts: the closing delimiter alone.
        let (content_type, body) = multipart(Multipart::new()).unwrap();
        let boundary = content_type.split("boundary=").nth(1).unwrap();
        assert_eq!(body, format!("--{boundary}--\r\n").into_bytes());
    }

    #[test]
    fn multipart_headers_cannot_be_injected() {
        let mut parts = Multipart::new();
        parts.file(
            "file\"; x=\"y",
            &FilePart::new(b"x".to_vec())
                .file_name("evil\r\nContent-Type: text/html\r\n\r\n\".txt"),
        );
        let (content_type, body) = multipart(parts).unwrap();
        let found = parse_multipart(&content_type, &body);
        assert_eq!(
            found[0].0,
            [
                "Content-Disposition: form-data; name=\"file%22; x=%22y\"; \
                 filename=\"evil%0D%0AContent-Type: text/html%0D%0A%0D%0A%22.txt\"",
                "Content-Type: application/octet-stream",
            ]
        );
        // Unicode names pass as UTF-8.
        let mut parts = Multipart::new();
        parts.file("f", &FilePart::new(vec![]).file_name("naïve 😀.txt"));
        let (_, body) = multipart(parts).unwrap();
        assert!(String::from_utf8_lossy(&body).contains("filename=\"naïve 😀.txt\""));
        // Other control characters, and any in a media type, are refused.
        for file in [
            FilePart::new(vec![]).file_name("a\0b"),
            FilePart::new(vec![]).content_type("text/plain\r\nX-Evil: 1"),
        ] {
            let mut parts = Multipart::new();
            parts.file("f", &file);
            assert!(multipart(parts).is_err(), "{file:?}");
        }
        let mut parts = Multipart::new();
        parts.text("tab\tbell\u{7}", "x");
        assert!(multipart(parts).is_err());
        // A value that does not serialise is reported when sending.
        let mut map = ::std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        let mut parts = Multipart::new();
        parts.text("map", &map);
        assert!(multipart(parts).unwrap_err().0.contains("\"map\""));
    }

    #[test]
    fn multipart_boundary_is_never_in_a_part() {
        // Boundaries drawn from a list: those a part holds are skipped.
        let mut parts = Multipart::new();
        parts.text("a", "xx-AAAA-xx");
        parts.file("b", &FilePart::new(b"BBBB".to_vec()).file_name("CCCC"));
        let mut drawn = vec!["DDDD", "CCCC", "BBBB", "AAAA", ""].into_iter().rev();
        let (content_type, body) = parts.encode(|| drawn.next().unwrap().to_string()).unwrap();
        assert_eq!(content_type, "multipart/form-data; boundary=DDDD");
        assert_eq!(parse_multipart(&content_type, &body).len(), 2);
        assert_eq!(drawn.next(), None);
        // Random boundaries differ, and are valid (RFC 2046: at most 70
        // characters, no space at the end).
        let a = random_boundary();
        let b = random_boundary();
        assert_ne!(a, b);
        assert!(a.len() <= 70 && a.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit()));
    }
}
