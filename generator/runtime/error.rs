// The errors of a generated crate's client: `Error`, what a call can fail
// with, `ApiError`, an error status with its body and, where the operation
// documents it, its typed error response (`ErrorResponses`, `ErrorStatus`),
// and `InvalidRequest`, a request that could not be built. Ordinary Rust,
// compiled and unit-tested by the workspace crate `runtime/`, and copied
// into every generated crate's `client` module after `client.rs` (see the
// top of that file for how, and for the seam).
//
// The seam, on top of `client.rs`'s: `ValidationErrors` (the validators'
// report, or an uninhabited stand-in when a crate has no validators), and
// each operation's `ErrorResponses` enum.

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

#[cfg(test)]
mod error_tests {
    use super::*;
    use ::serde_json::json;

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
}
