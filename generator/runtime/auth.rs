// The credentials of a generated crate's client: the security schemes of
// the description, the secrets the builder was given for them, and how a
// request is authorized. Ordinary Rust, compiled and unit-tested by the
// workspace crate `runtime/`, copied into every generated crate's `client`
// module with `client.rs` and the files after it (see the top of
// `client.rs`).
//
// The seam: the generator writes `SCHEMES` (the description's security
// schemes that a client can send) and `SECURITY` (its default security
// requirements, as alternatives of scheme names), and a builder setter per
// kind of credential the description declares (`token`, `basic_auth`,
// `api_key`, …), each calling `ClientBuilder::credential`.

/// How a security scheme of the description sends its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer …`: HTTP `bearer`, and OAuth 2.0 and OpenID
    /// Connect with a token obtained elsewhere.
    Bearer,
    /// `Authorization: Basic …` (HTTP `basic`).
    Basic,
    /// An API key in the header of this name.
    ApiKeyHeader(&'static str),
    /// An API key in the query parameter of this name.
    ApiKeyQuery(&'static str),
    /// An API key in the cookie of this name.
    ApiKeyCookie(&'static str),
}

/// A security scheme of the description: its name there and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    pub name: &'static str,
    pub kind: SchemeKind,
}

/// A credential. Its `Debug` output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl ::std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A credential as the builder was given it: a fixed secret, a source of
/// tokens, or (until the client is built) what makes the source of tokens
/// of client credentials, given the base URL and whether plain HTTP is
/// allowed. Its `Debug` output shows no secret.
#[derive(Clone)]
enum Credential {
    Static(Secret),
    Source(::std::sync::Arc<dyn TokenSource>),
    // Made only by the client-credentials setters, which a crate whose
    // description has no such flow does not have.
    #[allow(dead_code)]
    Pending(PendingSource),
}

/// What makes a token source once the client's base URL is known.
type PendingSource = ::std::sync::Arc<
    dyn Fn(&::reqwest::Url, bool) -> Result<::std::sync::Arc<dyn TokenSource>, BuildError>
        + Send
        + Sync,
>;

impl ::std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Credential::Static(secret) => secret.fmt(f),
            Credential::Source(_) => f.write_str("TokenSource"),
            Credential::Pending(_) => f.write_str("ClientCredentials(<redacted>)"),
        }
    }
}

/// The credentials a client was built with, by scheme name.
#[derive(Debug, Clone, Default)]
pub struct Credentials(Vec<(&'static str, Credential)>);

impl Credentials {
    fn get(&self, scheme: &str) -> Option<&Credential> {
        self.0
            .iter()
            .find(|(name, _)| *name == scheme)
            .map(|(_, s)| s)
    }

    /// Sets the credential of every scheme that `wanted` selects.
    fn set(&mut self, wanted: impl Fn(&Scheme) -> bool, value: &str) {
        self.set_credential(wanted, Credential::Static(Secret(value.to_string())));
    }

    /// Sets `credential` for every scheme that `wanted` selects, replacing
    /// what they had.
    fn set_credential(&mut self, wanted: impl Fn(&Scheme) -> bool, credential: Credential) {
        for scheme in SCHEMES.iter().filter(|s| wanted(s)) {
            self.0.retain(|(name, _)| *name != scheme.name);
            self.0.push((scheme.name, credential.clone()));
        }
    }

    /// The first alternative of `requirements` whose schemes all have a
    /// credential (an empty one needs none): the schemes to send. `None`
    /// when no alternative can be met; `Some(vec![])` when there are no
    /// requirements.
    fn pick(&self, requirements: &[&[&str]]) -> Option<Vec<(Scheme, &Credential)>> {
        if requirements.is_empty() {
            return Some(Vec::new());
        }
        requirements.iter().find_map(|alternative| {
            alternative
                .iter()
                .map(|name| {
                    let scheme = SCHEMES.iter().find(|s| s.name == *name)?;
                    Some((*scheme, self.get(name)?))
                })
                .collect()
        })
    }

    /// Whether a credential holds something that cannot be sent: nothing,
    /// a control character (a line break would split the header), or, for
    /// basic authentication, a user name with `:` (RFC 7617). Tokens from
    /// a source are checked when they come.
    fn invalid(&self) -> Option<&'static str> {
        self.0.iter().find_map(|(name, credential)| {
            let Credential::Static(secret) = credential else {
                return None;
            };
            let text = &secret.0;
            let basic = SCHEMES
                .iter()
                .any(|s| s.name == *name && s.kind == SchemeKind::Basic);
            let bad = text.is_empty()
                || text.chars().any(|c| c.is_control())
                || (basic && !matches!(text.split_once(':'), Some((user, _)) if !user.is_empty()));
            bad.then_some(*name)
        })
    }
}

/// The credential of basic authentication, `user:password`; empty, which
/// `build` refuses, when the user is empty or holds `:` (RFC 7617).
#[allow(dead_code)]
fn basic_credential(user: &str, password: &str) -> String {
    if user.is_empty() || user.contains(':') {
        return String::new();
    }
    format!("{user}:{password}")
}

/// The schemes of `requirements` by name, for a message: `a and b, or c`.
fn requirement_text(requirements: &[&[&str]]) -> String {
    let alternatives: Vec<String> = requirements
        .iter()
        .map(|alternative| alternative.join(" and "))
        .collect();
    alternatives.join(", or ")
}

impl ClientBuilder {
    /// Sets the credential of the schemes `wanted` selects (for the
    /// generated setters: `token`, `basic_auth`, `api_key`, …).
    #[allow(dead_code)]
    fn credential(mut self, wanted: impl Fn(&Scheme) -> bool, value: &str) -> Self {
        self.credentials.set(wanted, value);
        self
    }
}

impl Credentials {
    /// The credentials, checked: each sendable, and enough for the
    /// description's default requirements; client credentials become the
    /// source of their tokens, their token endpoint resolved against
    /// `base` (and refused when it is plain HTTP that was not allowed).
    /// Schemes given the same client credentials share one source.
    fn checked(
        mut self,
        base: &::reqwest::Url,
        allow_http: bool,
    ) -> Result<Credentials, BuildError> {
        if let Some(scheme) = self.invalid() {
            return Err(BuildError::InvalidCredential(scheme.to_string()));
        }
        if self.pick(SECURITY).is_none() {
            return Err(BuildError::MissingCredentials(requirement_text(SECURITY)));
        }
        let mut sources: Vec<(PendingSource, ::std::sync::Arc<dyn TokenSource>)> = Vec::new();
        for (_, credential) in &mut self.0 {
            let Credential::Pending(pending) = credential else {
                continue;
            };
            let shared = sources
                .iter()
                .find(|(p, _)| ::std::sync::Arc::ptr_eq(p, pending))
                .map(|(_, source)| source.clone());
            let source = match shared {
                Some(source) => source,
                None => {
                    let source = pending(base, allow_http)?;
                    sources.push((pending.clone(), source.clone()));
                    source
                }
            };
            *credential = Credential::Source(source);
        }
        Ok(self)
    }
}

/// The parts of a request that carry its credentials: headers, query
/// pairs (without `?` or `&`) and cookies (`name=value`), and the tokens
/// that came from a [`TokenSource`], by scheme (asked again after a `401`).
struct Authorization {
    headers: Vec<(::reqwest::header::HeaderName, String)>,
    query: String,
    cookies: Vec<String>,
    sourced: Vec<(&'static str, String)>,
}

/// Why a request could not be authorized: no alternative of its
/// requirements can be met (the message names them), or a token source
/// failed.
enum AuthorizeError {
    Missing(String),
    Token(TokenError),
}

impl<E> From<AuthorizeError> for Error<E> {
    fn from(e: AuthorizeError) -> Self {
        match e {
            AuthorizeError::Missing(message) => Error::Request(message),
            AuthorizeError::Token(e) => Error::Token(e),
        }
    }
}

/// How `request` is authorized: the first of its requirements (or the
/// description's, when it has none of its own) that the client's
/// credentials meet, tokens asked from their sources (`rejected`: the
/// tokens the API has just refused, by scheme). An error names the schemes
/// when none can be met.
async fn authorize(
    client: &Client,
    requirements: Option<&[&[&str]]>,
    rejected: &[(&'static str, String)],
) -> Result<Authorization, AuthorizeError> {
    let requirements = requirements.unwrap_or(SECURITY);
    let picked = client.credentials.pick(requirements).ok_or_else(|| {
        AuthorizeError::Missing(format!(
            "this operation needs credentials for {}, and the client has none for them",
            requirement_text(requirements)
        ))
    })?;
    let mut auth = Authorization {
        headers: Vec::new(),
        query: String::new(),
        cookies: Vec::new(),
        sourced: Vec::new(),
    };
    for (scheme, credential) in picked {
        let fetched;
        let value = match credential {
            Credential::Static(secret) => &secret.0,
            Credential::Source(source) => {
                let refused = rejected
                    .iter()
                    .find(|(name, _)| *name == scheme.name)
                    .map(|(_, token)| token.as_str());
                fetched = source.token(refused).await.map_err(AuthorizeError::Token)?;
                if !sendable(&fetched) {
                    return Err(AuthorizeError::Token(TokenError::InvalidToken));
                }
                auth.sourced.push((scheme.name, fetched.clone()));
                &fetched
            }
            Credential::Pending(_) => {
                return Err(AuthorizeError::Missing(
                    "the client credentials were not set up".to_string(),
                ))
            }
        };
        match scheme.kind {
            SchemeKind::Bearer => auth
                .headers
                .push((::reqwest::header::AUTHORIZATION, format!("Bearer {value}"))),
            SchemeKind::Basic => auth.headers.push((
                ::reqwest::header::AUTHORIZATION,
                format!("Basic {}", base64(value.as_bytes())),
            )),
            SchemeKind::ApiKeyHeader(name) => {
                let name =
                    ::reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                        AuthorizeError::Missing(format!("`{name}` is not a header name"))
                    })?;
                auth.headers.push((name, value.clone()));
            }
            SchemeKind::ApiKeyQuery(name) => {
                push_pairs(&mut auth.query, &encode(name), vec![value.clone()])
            }
            SchemeKind::ApiKeyCookie(name) => {
                auth.cookies
                    .push(format!("{}={}", encode(name), encode(value)))
            }
        }
    }
    Ok(auth)
}

/// Standard base64 with padding (RFC 4648), for basic authentication.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod auth_tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        // RFC 4648, section 10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn secrets_are_never_shown() {
        let mut credentials = Credentials::default();
        credentials.set(|s| s.kind == SchemeKind::Bearer, "secret-token");
        let shown = format!("{credentials:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }

    #[test]
    fn requirements_pick_the_first_alternative_met() {
        let mut credentials = Credentials::default();
        // Nothing needed, nothing sent.
        assert_eq!(credentials.pick(&[]).map(|p| p.len()), Some(0));
        assert_eq!(credentials.pick(&[&[]]).map(|p| p.len()), Some(0));
        assert!(credentials.pick(&[&["bearer"]]).is_none());
        credentials.set(|s| s.name == "key", "k");
        let picked = credentials.pick(&[&["bearer"], &["key"]]).unwrap();
        assert_eq!(picked.len(), 1);
        assert_eq!(picked[0].0.name, "key");
        // Both of an alternative, or none of it.
        assert!(credentials.pick(&[&["key", "basic"]]).is_none());
        credentials.set(|s| s.kind == SchemeKind::Basic, "user:pass");
        assert_eq!(
            credentials.pick(&[&["key", "basic"]]).map(|p| p.len()),
            Some(2)
        );
        // An unknown scheme cannot be met.
        assert!(credentials.pick(&[&["nonesuch"]]).is_none());
        assert_eq!(requirement_text(&[&["a", "b"], &["c"]]), "a and b, or c");
    }

    #[test]
    fn invalid_credentials() {
        for (kind, value) in [
            (SchemeKind::Bearer, ""),
            (SchemeKind::Bearer, "a\nb"),
            (SchemeKind::Bearer, "a\rb"),
            (SchemeKind::Bearer, "\0"),
            (SchemeKind::Basic, "no-colon"),
            (SchemeKind::Basic, ":password"),
        ] {
            let mut credentials = Credentials::default();
            credentials.set(|s| s.kind == kind, value);
            assert!(credentials.invalid().is_some(), "{kind:?} {value:?}");
        }
        let mut credentials = Credentials::default();
        credentials.set(|s| s.kind == SchemeKind::Basic, "user:pa:ss");
        assert!(credentials.invalid().is_none());
        assert_eq!(basic_credential("user", "pa:ss"), "user:pa:ss");
        assert_eq!(basic_credential("us:er", "pass"), "");
        assert_eq!(basic_credential("", "pass"), "");
    }

    #[tokio::test]
    async fn every_kind_is_sent_where_its_scheme_says() {
        let client = Client::builder()
            .tenant_domain("example.auth0.com")
            .token("t0k")
            .basic_auth("Aladdin", "open sesame")
            .api_key("k1")
            .other_keys("a b;c")
            .build()
            .unwrap();
        let auth = authorize(&client, None, &[]).await.ok().unwrap();
        assert_eq!(
            auth.headers,
            [(::reqwest::header::AUTHORIZATION, "Bearer t0k".to_string())]
        );
        let all: &[&[&str]] = &[&["basic", "key", "query_key", "cookie_key"]];
        let auth = authorize(&client, Some(all), &[]).await.ok().unwrap();
        let headers: Vec<(String, String)> = auth
            .headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        assert_eq!(
            headers,
            [
                (
                    "authorization".to_string(),
                    "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".to_string()
                ),
                ("x-api-key".to_string(), "k1".to_string()),
            ]
        );
        assert_eq!(auth.cookies, ["session=a%20b%3Bc"]);
        assert_eq!(auth.query, "api%20key=a%20b%3Bc");
        // An operation that needs nothing sends nothing.
        let none = authorize(&client, Some(&[]), &[]).await.ok().unwrap();
        assert!(none.headers.is_empty() && none.query.is_empty());
        // One whose schemes the client has no credential for fails, naming them.
        let bare = Client::builder()
            .tenant_domain("example.auth0.com")
            .token("t")
            .build()
            .unwrap();
        let error = authorize(&bare, Some(&[&["key"], &["basic", "cookie_key"]]), &[]).await;
        let Err(AuthorizeError::Missing(error)) = error else {
            panic!("no error");
        };
        assert!(error.contains("key, or basic and cookie_key"), "{error}");
    }
}
