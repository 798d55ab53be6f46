// The sending of a generated crate's requests: `execute`, which sends a
// `Request` (`request.rs`) with the client's headers, credentials and hooks,
// retries as the `RetryPolicy` (`retry.rs`) says, and returns the response
// as `Raw`, which decodes the success body or turns an error status into
// an `Error` with the operation's documented error response (`error.rs`).
// Ordinary Rust, compiled and unit-tested by the workspace crate
// `runtime/`, and copied into every generated crate's `client` module after
// `request.rs` (see the top of `client.rs` for how, and for the seam).

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

#[cfg(test)]
mod send_tests {
    use super::*;
    use ::serde_json::json;

    fn raw(status: u16, body: &[u8]) -> Raw {
        Raw {
            status,
            rate_limit: RateLimit::default(),
            body: body.to_vec(),
        }
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
}
