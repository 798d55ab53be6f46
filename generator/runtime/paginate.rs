// The pagination part of a generated crate's client runtime: `Pages`, the
// stream of the items of every page of an operation, which the `…_stream`
// method of each paginated operation returns. Ordinary Rust, compiled and
// unit-tested by the workspace crate `runtime/`, and copied into the
// `client` module of the generated crates that have a paginated operation,
// after `media.rs` (see the top of `client.rs` for how). `PageError` goes
// into every crate: `Error` has a variant of it.
//
// Each paginated operation is a short call into this file:
//
//     pub fn list_stream(&self, params: &ListParams) -> Pages<types::Thing, ListError> {
//         Pages::new(self, Paging::Cursor { param: "from", next: &["next"] }, &["things"], || {
//             let mut request = Request::new(Method::GET, "/things");
//             request.query("from", &params.from);
//             Ok(request)
//         })
//     }
//
// The seam, on top of the other files': `Request` (its fields and `url`,
// `request.rs`), the private `encode` (`encode.rs`), `send_with_retries` and
// `transport` (`send.rs`).

/// Why a stream of pages (the `…_stream` methods) stopped with an error of
/// its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// The `Link` header's next page is not under the client's base URL
    /// (another origin, or another path on it): it is not followed, as the
    /// request would carry the client's credentials there.
    Elsewhere { next: String },
    /// The server gave a cursor (or a next link) it had given before: the
    /// pages would go round for ever.
    Repeated { cursor: String },
}

impl ::std::fmt::Display for PageError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            PageError::Elsewhere { next } => {
                let next: String = next.chars().take(200).collect();
                write!(
                    f,
                    "the next page ({next}) is not under the client's base URL; it is not followed"
                )
            }
            PageError::Repeated { cursor } => {
                let cursor: String = cursor.chars().take(200).collect();
                write!(
                    f,
                    "the server gave the cursor {cursor:?} twice; the pages would not end"
                )
            }
        }
    }
}

impl ::std::error::Error for PageError {}

/// How an operation's pages follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// A page number in the query parameter `page`, from the request's own
    /// value or else `first`, one more each page; `size` is the page size's
    /// parameter, and `totals` the one that asks for totals (sent `true`
    /// unless the request sets it).
    Page {
        page: &'static str,
        first: u64,
        size: Option<&'static str>,
        totals: Option<&'static str>,
    },
    /// An offset in items in the query parameter `offset`, from the
    /// request's own value or else 0, the page's length more each page;
    /// `limit` is the page size's parameter.
    Offset {
        offset: &'static str,
        limit: Option<&'static str>,
    },
    /// A cursor: the query parameter `param` takes the string at the path
    /// `next` of the last page's object.
    Cursor {
        param: &'static str,
        next: &'static [&'static str],
    },
    /// The URL of the `Link` header's `rel="next"` (RFC 8288).
    Link,
}

/// A page as received.
struct Fetched {
    status: u16,
    body: Vec<u8>,
    /// The values of its `Link` headers.
    links: Vec<String>,
}

type Fetching<E> =
    ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<Fetched, Error<E>>> + Send>>;

/// The items of every page of an operation, in order, one request per
/// page as the page before says: a [`::futures_core::Stream`] of
/// `Result<T, Error<E>>`, or, without any other crate, [`Pages::next_item`].
///
/// Each page is sent as the operation's own request is, with the client's
/// retry policy, and read as JSON: the page is the array of items, or an
/// object with the array. The stream ends after a page without items, a
/// page of fewer items than the page size asked for (page number and
/// offset), a page that reaches the `total` it gives (`start` + its
/// length, or the items so far) or says `has_more: false` or
/// `done: true`, or a page without a next cursor (absent,
/// `null` or empty) or without a `Link` with `rel="next"`. An error (an
/// error status, a page that does not decode, a cursor given twice, a
/// next link elsewhere: [`PageError`]) comes after the items of the pages
/// before it, and ends the stream.
pub struct Pages<T, E> {
    client: Client,
    paging: Paging,
    /// The path of the items in an object page.
    items: &'static [&'static str],
    /// The next page's request; `None`: no more pages.
    next: Option<Request>,
    fetching: Option<Fetching<E>>,
    /// The items of the last page not yet taken.
    buffer: ::std::collections::VecDeque<T>,
    /// The error that ends the stream, once the items before it are taken.
    error: Option<Error<E>>,
    /// The page number or offset of the next request.
    position: u64,
    /// The items so far.
    count: u64,
    /// The cursors and next links so far.
    seen: ::std::collections::HashSet<String>,
}

// No field is pinned: the future in flight is boxed.
impl<T, E> Unpin for Pages<T, E> {}

impl<T, E> ::std::fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Pages")
            .field("paging", &self.paging)
            .field("items", &self.items)
            .field("count", &self.count)
            .field("done", &(self.next.is_none() && self.fetching.is_none()))
            .finish()
    }
}

impl<T, E> Pages<T, E>
where
    T: ::serde::de::DeserializeOwned,
    E: ErrorResponses + Send + 'static,
{
    /// The pages of the request that `build` makes (built once, now: an
    /// error building it is the stream's one item), paged as `paging`
    /// says, the items at `items` in an object page.
    pub fn new(
        client: &Client,
        paging: Paging,
        items: &'static [&'static str],
        build: impl FnOnce() -> Result<Request, Error<E>>,
    ) -> Self {
        let mut pages = Pages {
            client: client.clone(),
            paging,
            items,
            next: None,
            fetching: None,
            buffer: ::std::collections::VecDeque::new(),
            error: None,
            position: 0,
            count: 0,
            seen: ::std::collections::HashSet::new(),
        };
        match build() {
            Ok(mut request) => {
                match paging {
                    Paging::Page {
                        page,
                        first,
                        totals,
                        ..
                    } => {
                        pages.position = request.query_number(page).unwrap_or(first);
                        request.set_query(page, &pages.position);
                        if let Some(totals) = totals {
                            if request.query_value(totals).is_none() {
                                request.set_query(totals, &true);
                            }
                        }
                    }
                    Paging::Offset { offset, .. } => {
                        pages.position = request.query_number(offset).unwrap_or(0);
                    }
                    Paging::Cursor { .. } | Paging::Link => {}
                }
                pages.next = Some(request);
            }
            Err(e) => pages.error = Some(e),
        }
        pages
    }

    /// The next item, `None` after the last (or after an error).
    pub async fn next_item(&mut self) -> Option<Result<T, Error<E>>> {
        ::std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(
        &mut self,
        cx: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Option<Result<T, Error<E>>>> {
        use ::std::task::Poll;
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = self.error.take() {
                self.next = None;
                return Poll::Ready(Some(Err(error)));
            }
            if let Some(fetching) = self.fetching.as_mut() {
                let fetched = match ::std::future::Future::poll(fetching.as_mut(), cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(fetched) => fetched,
                };
                self.fetching = None;
                match fetched {
                    Ok(fetched) => {
                        if let Err(error) = self.turn(fetched) {
                            self.error = Some(error);
                        }
                    }
                    Err(error) => self.error = Some(error),
                }
                continue;
            }
            match &self.next {
                Some(request) => {
                    let (client, request) = (self.client.clone(), request.clone());
                    self.fetching = Some(Box::pin(async move {
                        let response = send_with_retries::<E>(&client, &request).await?;
                        let status = response.status().as_u16();
                        let links = response
                            .headers()
                            .get_all(::reqwest::header::LINK)
                            .iter()
                            .filter_map(|value| value.to_str().ok())
                            .map(str::to_string)
                            .collect();
                        let body = response.bytes().await.map_err(transport)?.to_vec();
                        Ok(Fetched {
                            status,
                            body,
                            links,
                        })
                    }));
                }
                None => return Poll::Ready(None),
            }
        }
    }

    /// Takes a page's items and makes the next page's request (or none).
    fn turn(&mut self, fetched: Fetched) -> Result<(), Error<E>> {
        let decode = |message: String| Error::Decode {
            status: fetched.status,
            message,
            body: String::from_utf8_lossy(&fetched.body).into_owned(),
        };
        let page: ::serde_json::Value =
            ::serde_json::from_slice(&fetched.body).map_err(|e| decode(e.to_string()))?;
        let items = match &page {
            ::serde_json::Value::Array(items) => items,
            other => {
                let mut at = other;
                for key in self.items {
                    at = at.get(key).unwrap_or(&::serde_json::Value::Null);
                }
                match at {
                    ::serde_json::Value::Array(items) => items,
                    _ => {
                        return Err(decode(format!(
                            "the page has no array of items at `{}`",
                            self.items.join(".")
                        )))
                    }
                }
            }
        };
        let mut decoded = ::std::collections::VecDeque::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item = T::deserialize(item)
                .map_err(|e| decode(format!("item {index} of the page: {e}")))?;
            decoded.push_back(item);
        }
        let length = decoded.len() as u64;
        self.buffer = decoded;
        self.count += length;
        let Some(request) = self.next.take() else {
            return Ok(());
        };
        if length == 0 || reaches_total(&page, length, self.count) {
            return Ok(());
        }
        self.next = self.next_request(request, &page, &fetched.links, length)?;
        Ok(())
    }

    /// The request of the page after `page` (of `length` items, its `Link`
    /// headers `links`), made from `request`, the one that fetched it, as the
    /// paging says; `None` after the last page: `turn`'s step.
    fn next_request(
        &mut self,
        mut request: Request,
        page: &::serde_json::Value,
        links: &[String],
        length: u64,
    ) -> Result<Option<Request>, Error<E>> {
        match self.paging {
            Paging::Page { page, size, .. } => {
                if short(&request, size, length) {
                    return Ok(None);
                }
                self.position += 1;
                request.set_query(page, &self.position);
            }
            Paging::Offset { offset, limit } => {
                if short(&request, limit, length) {
                    return Ok(None);
                }
                self.position += length;
                request.set_query(offset, &self.position);
            }
            Paging::Cursor { param, next } => {
                let mut at = page;
                for key in next {
                    at = at.get(key).unwrap_or(&::serde_json::Value::Null);
                }
                let cursor = match at {
                    ::serde_json::Value::String(s) if !s.is_empty() => s.clone(),
                    _ => return Ok(None),
                };
                if !self.seen.insert(cursor.clone()) {
                    return Err(Error::Page(PageError::Repeated { cursor }));
                }
                request.set_query(param, &cursor);
            }
            Paging::Link => {
                let Some(next) = links.iter().find_map(|value| link_next(value)) else {
                    return Ok(None);
                };
                let current = request.url(self.client.base_url());
                let (path, query) = under_base(self.client.base_url(), &current, &next)
                    .ok_or_else(|| Error::Page(PageError::Elsewhere { next: next.clone() }))?;
                if !self.seen.insert(format!("{path}?{query}")) {
                    return Err(Error::Page(PageError::Repeated { cursor: next }));
                }
                request.path = path;
                request.query = query;
            }
        }
        Ok(Some(request))
    }
}

impl<T, E> ::futures_core::Stream for Pages<T, E>
where
    T: ::serde::de::DeserializeOwned,
    E: ErrorResponses + Send + 'static,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(
        self: ::std::pin::Pin<&mut Self>,
        cx: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

/// Whether a page object says it is the last: `has_more: false` (Stripe),
/// `done: true` (Svix), or totals: `start` (or else the items so far,
/// `count`) and its `length` reach `total`.
fn reaches_total(page: &::serde_json::Value, length: u64, count: u64) -> bool {
    let flag = |key: &str| page.get(key).and_then(::serde_json::Value::as_bool);
    if flag("has_more") == Some(false) || flag("done") == Some(true) {
        return true;
    }
    let number = |key: &str| page.get(key).and_then(::serde_json::Value::as_u64);
    match (number("total"), number("start")) {
        (Some(total), Some(start)) => start.saturating_add(length) >= total,
        (Some(total), None) => count >= total,
        _ => false,
    }
}

/// Whether a page has fewer items than the page size the request asks for.
fn short(request: &Request, size: Option<&'static str>, length: u64) -> bool {
    size.and_then(|size| request.query_number(size))
        .is_some_and(|size| length < size)
}

/// The `rel="next"` URL of a `Link` header's value (RFC 8288): links
/// `<uri>; param; param=value; param="quoted, value"`, separated by commas
/// (which may also be inside `<…>` and quotes); `rel` may list several
/// relation types, compared without case.
fn link_next(value: &str) -> Option<String> {
    let mut rest = value;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let uri = rest[open + 1..close].trim();
        rest = &rest[close + 1..];
        // The parameters, up to the comma that ends the link (outside quotes).
        let mut params = Vec::new();
        let mut current = String::new();
        let mut chars = rest.char_indices();
        let mut in_quotes = false;
        let mut end = rest.len();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    in_quotes = !in_quotes;
                    current.push(c);
                }
                '\\' if in_quotes => {
                    if let Some((_, escaped)) = chars.next() {
                        current.push(escaped);
                    }
                }
                ';' if !in_quotes => params.push(::std::mem::take(&mut current)),
                ',' if !in_quotes => {
                    end = at;
                    break;
                }
                _ => current.push(c),
            }
        }
        params.push(current);
        rest = &rest[end..];
        let next = params.iter().any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if next {
            return Some(uri.to_string());
        }
    }
}

/// The path and query (relative to `base`) of `next`, resolved against the
/// URL of the current page; `None` unless it is under `base`: the same
/// origin, and a path that starts with the base's path.
fn under_base(base: &str, current: &str, next: &str) -> Option<(String, String)> {
    let base = ::reqwest::Url::parse(base).ok()?;
    let mut next = ::reqwest::Url::parse(current).ok()?.join(next).ok()?;
    next.set_fragment(None);
    if next.origin() != base.origin() || !matches!(next.scheme(), "http" | "https") {
        return None;
    }
    let root = base.path().trim_end_matches('/');
    let path = next.path().strip_prefix(root)?;
    if !(path.is_empty() || path.starts_with('/')) {
        return None;
    }
    Some((
        path.to_string(),
        next.query().unwrap_or_default().to_string(),
    ))
}

impl Request {
    /// The value of a query parameter (the first, as sent: percent-encoded).
    fn query_value(&self, name: &str) -> Option<&str> {
        let key = encode(name);
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k == key).then_some(v)
        })
    }

    /// The value of a query parameter as a number.
    fn query_number(&self, name: &str) -> Option<u64> {
        self.query_value(name)?.parse().ok()
    }

    /// Sets a query parameter to one value, in place of any it had.
    fn set_query<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let key = encode(name);
        let kept: Vec<&str> = self
            .query
            .split('&')
            .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(key.as_str()))
            .collect();
        self.query = kept.join("&");
        self.query(name, value);
    }
}

#[cfg(test)]
mod paginate_tests {
    use super::*;

    #[test]
    fn link_headers() {
        let next = |v: &str| link_next(v);
        assert_eq!(
            next(r#"<https://a.example/x?page=2>; rel="next""#).as_deref(),
            Some("https://a.example/x?page=2")
        );
        assert_eq!(
            next(r#"<https://a/1>; rel="prev", <https://a/3>; rel=next"#).as_deref(),
            Some("https://a/3")
        );
        // Commas inside <> and inside quotes; several relation types; case.
        assert_eq!(
            next(r#"<https://a/x?ids=1,2>; title="a, rel=next"; rel="prev", <https://a/y?i=3,4>; REL="last NEXT""#)
                .as_deref(),
            Some("https://a/y?i=3,4")
        );
        // Sentry's: results="false" does not stop the link from counting.
        assert_eq!(
            next(r#"<https://s/api/0/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://s/api/0/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0""#)
                .as_deref(),
            Some("https://s/api/0/?&cursor=0:100:0")
        );
        assert_eq!(next(r#"<https://a/1>; rel="nextish""#), None);
        assert_eq!(next(r#"<https://a/1>; rel="prev""#), None);
        for junk in [
            "",
            "<",
            ">",
            "<<>>;;,,",
            "rel=next",
            "<a>; rel=\"next",
            "\\\"<>",
        ] {
            let _ = next(junk);
        }
        assert_eq!(next("<a>; rel=\"next").as_deref(), Some("a"));
    }

    #[test]
    fn next_links_stay_under_the_base() {
        let base = "https://api.example/v2";
        let current = "https://api.example/v2/things?page=1";
        let under = |next: &str| under_base(base, current, next);
        assert_eq!(
            under("https://api.example/v2/things?page=2#frag"),
            Some(("/things".into(), "page=2".into()))
        );
        assert_eq!(
            under("/v2/things?cursor=x"),
            Some(("/things".into(), "cursor=x".into()))
        );
        assert_eq!(under("?page=3"), Some(("/things".into(), "page=3".into())));
        assert_eq!(under("https://evil.example/v2/things?page=2"), None);
        assert_eq!(under("http://api.example/v2/things"), None);
        assert_eq!(under("https://api.example:8443/v2/things"), None);
        assert_eq!(under("https://api.example/v20/things"), None);
        assert_eq!(under("https://api.example/other"), None);
        assert_eq!(under("//evil.example/v2/things"), None);
        assert_eq!(under("javascript:alert(1)"), None);
    }

    #[test]
    fn totals() {
        let page = ::serde_json::json!({"start": 4, "limit": 2, "length": 2, "total": 6});
        assert!(reaches_total(&page, 2, 99));
        assert!(!reaches_total(&page, 1, 99));
        assert!(reaches_total(&::serde_json::json!({"total": 3}), 1, 3));
        assert!(!reaches_total(&::serde_json::json!({"total": 3}), 1, 2));
        assert!(!reaches_total(&::serde_json::json!([]), 1, 2));
        assert!(reaches_total(
            &::serde_json::json!({"has_more": false}),
            1,
            1
        ));
        assert!(!reaches_total(
            &::serde_json::json!({"has_more": true}),
            1,
            1
        ));
        assert!(reaches_total(&::serde_json::json!({"done": true}), 1, 1));
        assert!(!reaches_total(
            &::serde_json::json!({"done": false, "total": 9}),
            1,
            1
        ));
    }

    #[test]
    fn query_values() {
        let mut request = Request::new(::reqwest::Method::GET, "/things");
        request.query("per_page", &Some(2));
        request.query("a b", &"x y");
        request.set_query("page", &0);
        assert_eq!(request.query, "per_page=2&a%20b=x%20y&page=0");
        request.set_query("page", &1);
        request.set_query("a b", "z");
        assert_eq!(request.query, "per_page=2&page=1&a%20b=z");
        assert_eq!(request.query_number("per_page"), Some(2));
        assert_eq!(request.query_value("a b"), Some("z"));
        assert_eq!(request.query_value("nope"), None);
    }
}
