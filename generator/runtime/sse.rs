// Server-sent events: the runtime of the operations whose success response
// is `text/event-stream`. The generator copies these items into the
// `client` module of a crate, after the other files, only when one of its
// operations streams events (see `generator/src/emit/client.rs`); they use
// `request.rs`'s `Request`, `send.rs`'s `send_with_retries`, `error.rs`'s
// `Error`, `client.rs`'s `Client` and `retry.rs`'s `RetryPolicy`.
//
// A generated method builds its request as any other and ends with
//
//     execute_events(self, request, Some("type")).await
//
// (or `execute_text_events` when the events' data is text). The parser
// follows the WHATWG HTML standard's "event stream interpretation"; the
// stream reconnects as its "reestablish the connection" steps say, bounded
// by the client's retry policy.

/// The longest event an [`EventStream`] accepts by default, in bytes: its
/// data, its type and the line being read, together.
pub const DEFAULT_MAX_EVENT_SIZE: usize = 1 << 20;

/// One server-sent event: its type, the last event ID, its data decoded as
/// the description types it, and the reconnection time the server asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event:` field; `None` when the event has none (the type
    /// `message`, for a browser).
    pub event: Option<String>,
    /// The last event ID (a browser's `lastEventId`): the `id:` of this
    /// event or, when it has none, of the latest event before it that had
    /// one; `None` while it is empty. It is sent as `Last-Event-ID` when the
    /// stream reconnects.
    pub id: Option<String>,
    /// The `data:` lines, joined with `\n`, decoded.
    pub data: T,
    /// The reconnection time the server last set with `retry:`, if it did.
    pub retry: Option<::std::time::Duration>,
}

/// The typed events of a `text/event-stream` response, read as they
/// arrive. Read it with [`EventStream::next_event`], or as a
/// `futures_core::Stream` of the same items.
///
/// Each item is an [`Event`], or an [`Error`]:
/// - [`Error::Decode`] for an event whose data does not decode as the
///   description says (`body` holds the data as received); the stream goes
///   on with the next event;
/// - [`Error::Decode`] for an event larger than the limit
///   ([`EventStream::max_event_size`]); the stream ends;
/// - the error of a reconnection that failed (an error status, typed as the
///   operation's other errors, or a transport failure once the retries are
///   spent); the stream ends.
///
/// The stream ends (`None`) after such an error, when the server answers a
/// reconnection with `204 No Content`, or when the connection ends and the
/// retry policy allows no more reconnections.
///
/// **Reconnection.** When the connection ends or fails, the event being
/// read is discarded and the same request is sent again, with
/// `Last-Event-ID` set to the last event ID when there is one (and it is
/// printable ASCII). Before it the stream waits the server's `retry:` time,
/// or the retry policy's `base_delay` when the server set none, doubled
/// after each attempt that brings no event, at most the policy's
/// `max_delay` (or the server's time, when longer). It gives up after
/// `max_retries` attempts in a row without an event, when the server asks
/// for a wait longer than `max_delay`, or when the next attempt would start
/// after `deadline` since the first of the row. An event resets the count.
/// The client's `timeout` bounds the wait for each connection's headers and
/// for each chunk of its body: a connection quiet for that long is dropped
/// and made again after the usual wait, which does not count as a failed
/// attempt (so a
/// stream with long silences goes on; the server's heartbeats or comments
/// keep a connection alive).
pub struct EventStream<T, E = ErrorStatus> {
    state: EventStreamState<T, E>,
}

/// What an event read in progress gives back: the stream's state and the
/// item.
type EventStreamStep<T, E> = (
    Box<EventStreamInner<T, E>>,
    Option<Result<Event<T>, Error<E>>>,
);

/// An [`EventStream`] between reads, within one, or ended.
enum EventStreamState<T, E> {
    Idle(Box<EventStreamInner<T, E>>),
    Busy(::std::pin::Pin<Box<dyn ::std::future::Future<Output = EventStreamStep<T, E>> + Send>>),
    Done,
}

/// The state of an [`EventStream`]: the request to send again, the body
/// being read, the parser and the events it has dispatched.
struct EventStreamInner<T, E> {
    client: Client,
    request: Request,
    body: Option<::reqwest::Response>,
    status: u16,
    parser: EventParser,
    queue: ::std::collections::VecDeque<RawEvent>,
    decode: fn(&RawEvent, Option<&'static str>) -> Result<T, String>,
    discriminator: Option<&'static str>,
    /// Reconnections in a row without an event, and when the row started.
    failures: u32,
    failing_since: Option<::std::time::Instant>,
    /// Why the last connection ended, when it failed.
    lost: Option<Error<E>>,
    /// Whether the last connection ended because it was quiet for the
    /// client's timeout (not a failure: the server was there).
    quiet: bool,
    /// An error to give once the queued events are out; then the end.
    fatal: Option<Error<E>>,
    ended: bool,
}

impl<T, E> ::std::fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let state = match &self.state {
            EventStreamState::Idle(_) => "idle",
            EventStreamState::Busy(_) => "reading",
            EventStreamState::Done => "ended",
        };
        f.debug_struct("EventStream")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, E: ErrorResponses + Send + 'static> EventStream<T, E> {
    /// The next event; `None` when the stream has ended.
    pub async fn next_event(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        ::std::future::poll_fn(|cx| {
            <Self as ::futures_core::Stream>::poll_next(::std::pin::Pin::new(&mut *self), cx)
        })
        .await
    }
}

impl<T, E> EventStream<T, E> {
    /// The same stream with another limit on the size of one event, in
    /// bytes (its data, its type and the line being read, together; the
    /// default is [`DEFAULT_MAX_EVENT_SIZE`]). A larger event ends the
    /// stream with an [`Error::Decode`]. Set it before reading.
    pub fn max_event_size(mut self, bytes: usize) -> Self {
        if let EventStreamState::Idle(inner) = &mut self.state {
            inner.parser.limit = bytes;
        }
        self
    }
}

impl<T: Send + 'static, E: ErrorResponses + Send + 'static> ::futures_core::Stream
    for EventStream<T, E>
{
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(
        self: ::std::pin::Pin<&mut Self>,
        cx: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match ::std::mem::replace(&mut this.state, EventStreamState::Done) {
                EventStreamState::Idle(mut inner) => {
                    this.state = EventStreamState::Busy(Box::pin(async move {
                        let item = inner.next().await;
                        (inner, item)
                    }));
                }
                EventStreamState::Busy(mut future) => {
                    return match ::std::future::Future::poll(future.as_mut(), cx) {
                        ::std::task::Poll::Ready((inner, item)) => {
                            if item.is_some() {
                                this.state = EventStreamState::Idle(inner);
                            }
                            ::std::task::Poll::Ready(item)
                        }
                        ::std::task::Poll::Pending => {
                            this.state = EventStreamState::Busy(future);
                            ::std::task::Poll::Pending
                        }
                    };
                }
                EventStreamState::Done => return ::std::task::Poll::Ready(None),
            }
        }
    }
}

impl<T, E: ErrorResponses> EventStreamInner<T, E> {
    /// The next item: a queued event, else what the connection brings,
    /// reconnecting when it ends.
    async fn next(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        loop {
            if let Some(raw) = self.queue.pop_front() {
                self.failures = 0;
                self.failing_since = None;
                return Some(self.event(raw));
            }
            if self.ended {
                return self.fatal.take().map(Err);
            }
            let Some(body) = self.body.as_mut() else {
                self.reconnect().await;
                continue;
            };
            // A connection quiet for the client's timeout is dropped and
            // made again.
            let chunk = ::tokio::time::timeout(self.client.timeout, body.chunk()).await;
            let Ok(chunk) = chunk else {
                self.lost(None);
                self.quiet = true;
                continue;
            };
            match chunk {
                Ok(Some(chunk)) => {
                    if self.parser.feed(&chunk, &mut self.queue).is_err() {
                        self.body = None;
                        self.ended = true;
                        self.fatal = Some(Error::Decode {
                            status: self.status,
                            message: format!(
                                "an event is larger than the limit of {} bytes",
                                self.parser.limit
                            ),
                            body: String::new(),
                        });
                    }
                }
                Ok(None) => self.lost(None),
                Err(e) => self.lost(Some(transport(e))),
            }
        }
    }

    /// The connection ended (`error`: how it failed): the event being read
    /// is discarded.
    fn lost(&mut self, error: Option<Error<E>>) {
        self.body = None;
        self.parser.end();
        self.lost = error;
    }

    /// The end of the stream, with `error` as its last item.
    fn end(&mut self, error: Option<Error<E>>) {
        self.ended = true;
        self.fatal = error;
    }

    /// Waits, then sends the request again with `Last-Event-ID`; the end of
    /// the stream when the policy allows no more attempts, the server
    /// answers `204` or an error status.
    async fn reconnect(&mut self) {
        let policy = self.client.retry.clone();
        let lost = self.lost.take();
        if ::std::mem::take(&mut self.quiet) {
            // The server answered and kept the connection: a new row.
            self.failures = 0;
            self.failing_since = None;
        }
        let time = self
            .parser
            .retry
            .map(::std::time::Duration::from_millis)
            .unwrap_or(policy.base_delay);
        if self.failures >= policy.max_retries || time > policy.max_delay.max(policy.base_delay) {
            return self.end(lost);
        }
        let wait = time
            .saturating_mul(1u32 << self.failures.min(16))
            .min(policy.max_delay.max(time));
        let since = *self
            .failing_since
            .get_or_insert_with(::std::time::Instant::now);
        if since.elapsed().saturating_add(wait) > policy.deadline {
            return self.end(lost);
        }
        ::tokio::time::sleep(wait).await;
        self.failures += 1;
        self.request
            .headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("Last-Event-ID"));
        let id = &self.parser.last_id;
        if !id.is_empty() && ::reqwest::header::HeaderValue::from_str(id).is_ok() {
            self.request.headers.push(("Last-Event-ID", id.clone()));
        }
        match send_with_retries::<E>(&self.client, &self.request).await {
            Ok(response) => match event_stream_body(response) {
                Ok(Some(response)) => {
                    self.status = response.status().as_u16();
                    self.body = Some(response);
                }
                Ok(None) => self.end(None),
                Err(error) => self.end(Some(error)),
            },
            // The server could not be reached: another attempt, if allowed.
            Err(error @ (Error::Transport(_) | Error::Timeout)) => self.lost = Some(error),
            Err(error) => self.end(Some(error)),
        }
    }

    /// A dispatched event, its data decoded.
    fn event(&self, raw: RawEvent) -> Result<Event<T>, Error<E>> {
        match (self.decode)(&raw, self.discriminator) {
            Ok(data) => Ok(Event {
                event: Some(raw.event).filter(|e| !e.is_empty()),
                id: Some(raw.id).filter(|id| !id.is_empty()),
                data,
                retry: raw.retry.map(::std::time::Duration::from_millis),
            }),
            Err(message) => Err(Error::Decode {
                status: self.status,
                message: match raw.event.is_empty() {
                    true => format!("an event's data does not decode: {message}"),
                    false => format!(
                        "the data of an event {:?} does not decode: {message}",
                        raw.event
                    ),
                },
                body: raw.data,
            }),
        }
    }
}

/// A successful response as an event stream: `None` for `204 No Content`
/// (no events; do not reconnect), an error for a `Content-Type` other than
/// `text/event-stream`.
fn event_stream_body<E>(
    response: ::reqwest::Response,
) -> Result<Option<::reqwest::Response>, Error<E>> {
    let status = response.status().as_u16();
    if status == 204 {
        return Ok(None);
    }
    let content_type = response
        .headers()
        .get(::reqwest::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if let Some(content_type) = content_type {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("text/event-stream") {
            return Err(Error::Decode {
                status,
                message: format!("expected an event stream, got {content_type:?}"),
                body: String::new(),
            });
        }
    }
    Ok(Some(response))
}

/// Sends a request as [`execute`] does (429 retried, error statuses
/// typed) and returns its events as they come, their data decoded from
/// JSON. `discriminator`: the property of a union's discriminator that the
/// `event:` field fills when the data lacks it (`x-discriminator-context:
/// protocol`). A free function, so that its name cannot collide with an
/// operation's method.
pub async fn execute_events<T, E>(
    client: &Client,
    request: Request,
    discriminator: Option<&'static str>,
) -> Result<Response<EventStream<T, E>>, Error<E>>
where
    T: ::serde::de::DeserializeOwned + Send + 'static,
    E: ErrorResponses + Send + 'static,
{
    start_events(client, request, json_event::<T>, discriminator).await
}

/// [`execute_events`] for events whose data is text, kept as it comes.
pub async fn execute_text_events<E: ErrorResponses + Send + 'static>(
    client: &Client,
    request: Request,
) -> Result<Response<EventStream<String, E>>, Error<E>> {
    start_events(client, request, text_event, None).await
}

/// Sends the first request and wraps its body in an [`EventStream`].
async fn start_events<T, E: ErrorResponses>(
    client: &Client,
    request: Request,
    decode: fn(&RawEvent, Option<&'static str>) -> Result<T, String>,
    discriminator: Option<&'static str>,
) -> Result<Response<EventStream<T, E>>, Error<E>> {
    let mut request = request;
    request.streaming = true;
    let response = send_with_retries::<E>(client, &request).await?;
    let status = response.status().as_u16();
    let rate_limit = RateLimit::from_headers(response.headers());
    let body = event_stream_body(response)?;
    let ended = body.is_none();
    let inner = EventStreamInner {
        client: client.clone(),
        request,
        body,
        status,
        parser: EventParser::new(DEFAULT_MAX_EVENT_SIZE),
        queue: ::std::collections::VecDeque::new(),
        decode,
        discriminator,
        failures: 0,
        failing_since: None,
        lost: None,
        quiet: false,
        fatal: None,
        ended,
    };
    Ok(Response {
        status,
        rate_limit,
        value: EventStream {
            state: EventStreamState::Idle(Box::new(inner)),
        },
    })
}

/// An event's data decoded from JSON; with a `discriminator`, the event's
/// type is first put in that property of an object that lacks it.
fn json_event<T: ::serde::de::DeserializeOwned>(
    raw: &RawEvent,
    discriminator: Option<&'static str>,
) -> Result<T, String> {
    let mut value: ::serde_json::Value =
        ::serde_json::from_str(&raw.data).map_err(|e| e.to_string())?;
    if let (Some(property), ::serde_json::Value::Object(object)) = (discriminator, &mut value) {
        if !raw.event.is_empty() && !object.contains_key(property) {
            object.insert(
                property.to_string(),
                ::serde_json::Value::String(raw.event.clone()),
            );
        }
    }
    T::deserialize(value).map_err(|e| e.to_string())
}

/// An event's data as text.
fn text_event(raw: &RawEvent, _: Option<&'static str>) -> Result<String, String> {
    Ok(raw.data.clone())
}

/// An event as the parser dispatches it: its type (empty when it has
/// none), its data, the last event ID and the reconnection time then.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RawEvent {
    event: String,
    data: String,
    id: String,
    retry: Option<u64>,
}

/// An event larger than the parser's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EventTooLarge;

/// The WHATWG HTML standard's event stream interpretation, fed the body's
/// bytes as they come (a line, or a character, may be split between
/// chunks). Lines end with CRLF, LF or CR; the text is UTF-8 (invalid
/// sequences replaced), a byte order mark at the start dropped.
#[derive(Debug)]
struct EventParser {
    /// The line being read, as bytes.
    line: Vec<u8>,
    /// The last byte was a CR: an LF right after it ends no other line.
    after_cr: bool,
    /// No line of this connection has been read yet (a BOM may start it).
    first_line: bool,
    data: String,
    event: String,
    /// The last event ID buffer, and the ID of the last event dispatched.
    id_buffer: String,
    last_id: String,
    /// The reconnection time in milliseconds, once the server sets it.
    retry: Option<u64>,
    /// The most bytes the line, the data and the type may hold together.
    limit: usize,
}

impl EventParser {
    fn new(limit: usize) -> Self {
        EventParser {
            line: Vec::new(),
            after_cr: false,
            first_line: true,
            data: String::new(),
            event: String::new(),
            id_buffer: String::new(),
            last_id: String::new(),
            retry: None,
            limit,
        }
    }

    /// Reads `chunk`, queueing the events it completes in `out`; an error
    /// (after the events before it) when an event grows past the limit.
    fn feed(
        &mut self,
        chunk: &[u8],
        out: &mut ::std::collections::VecDeque<RawEvent>,
    ) -> Result<(), EventTooLarge> {
        let mut rest = chunk;
        while let Some((&first, tail)) = rest.split_first() {
            if self.after_cr {
                self.after_cr = false;
                if first == b'\n' {
                    rest = tail;
                    continue;
                }
            }
            let end = rest.iter().position(|b| *b == b'\n' || *b == b'\r');
            let part = &rest[..end.unwrap_or(rest.len())];
            let held = self.line.len() + self.data.len() + self.event.len();
            if held.saturating_add(part.len()) > self.limit {
                return Err(EventTooLarge);
            }
            self.line.extend_from_slice(part);
            let Some(end) = end else {
                break;
            };
            self.after_cr = rest[end] == b'\r';
            rest = &rest[end + 1..];
            let line = ::std::mem::take(&mut self.line);
            self.line_ended(&line, out);
            self.line = line;
            self.line.clear();
        }
        Ok(())
    }

    /// One line, without its end.
    fn line_ended(&mut self, line: &[u8], out: &mut ::std::collections::VecDeque<RawEvent>) {
        let mut line = line;
        if ::std::mem::take(&mut self.first_line) {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        if line.is_empty() {
            return self.dispatch(out);
        }
        if line.starts_with(b":") {
            return;
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.id_buffer),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = Some(value.parse().unwrap_or(u64::MAX));
            }
            _ => {}
        }
    }

    /// A blank line: the event read so far, when it has data.
    fn dispatch(&mut self, out: &mut ::std::collections::VecDeque<RawEvent>) {
        self.last_id.clone_from(&self.id_buffer);
        if self.data.is_empty() {
            self.event.clear();
            return;
        }
        if self.data.ends_with('\n') {
            self.data.pop();
        }
        out.push_back(RawEvent {
            event: ::std::mem::take(&mut self.event),
            data: ::std::mem::take(&mut self.data),
            id: self.last_id.clone(),
            retry: self.retry,
        });
    }

    /// The end of a connection: the event being read is discarded (its
    /// `id:` too); the last event ID and the reconnection time are kept.
    fn end(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.first_line = true;
        self.data.clear();
        self.event.clear();
        self.id_buffer.clone_from(&self.last_id);
    }
}

#[cfg(test)]
mod sse_tests {
    use super::*;
    use ::std::collections::VecDeque;

    /// The events of `input` fed in one chunk, then the end of the stream.
    fn parse(input: &[u8]) -> Vec<RawEvent> {
        parse_chunks(&[input])
    }

    fn parse_chunks(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = EventParser::new(DEFAULT_MAX_EVENT_SIZE);
        let mut out = VecDeque::new();
        for chunk in chunks {
            parser.feed(chunk, &mut out).expect("within the limit");
        }
        parser.end();
        out.into_iter()
            .map(|event| RawEvent {
                retry: None,
                ..event
            })
            .collect()
    }

    fn raw(event: &str, data: &str, id: &str) -> RawEvent {
        RawEvent {
            event: event.into(),
            data: data.into(),
            id: id.into(),
            retry: None,
        }
    }

    #[test]
    fn data_lines_are_joined() {
        assert_eq!(
            parse(b"data: a\ndata: b\n\ndata:c\n\n"),
            [raw("", "a\nb", ""), raw("", "c", "")]
        );
        // One trailing LF is removed: an empty `data` line adds one.
        assert_eq!(parse(b"data\n\n"), [raw("", "", "")]);
        assert_eq!(parse(b"data\ndata\n\n"), [raw("", "\n", "")]);
        assert_eq!(parse(b"data:\n\n"), [raw("", "", "")]);
        // No `data`: nothing is dispatched, and the type is dropped.
        assert_eq!(parse(b"event: x\n\ndata: y\n\n"), [raw("", "y", "")]);
    }

    #[test]
    fn line_ends() {
        let expected = [raw("e", "a", ""), raw("", "b", "")];
        for text in [
            "event: e\ndata: a\n\ndata: b\n\n",
            "event: e\r\ndata: a\r\n\r\ndata: b\r\n\r\n",
            "event: e\rdata: a\r\rdata: b\r\r",
            "event: e\r\ndata: a\n\rdata: b\r\n\n",
        ] {
            assert_eq!(parse(text.as_bytes()), expected, "{text:?}");
        }
        // CR then LF is one line end, LF then CR two.
        assert_eq!(parse(b"data: a\r\n\r\n"), [raw("", "a", "")]);
        assert_eq!(parse(b"data: a\n\r"), [raw("", "a", "")]);
    }

    #[test]
    fn fields() {
        // Comments, unknown fields and a colon-less field name are ignored
        // or taken whole.
        assert_eq!(
            parse(b": comment\nfoo: bar\ndata\n:\n\n"),
            [raw("", "", "")]
        );
        // Only one space after the colon is removed.
        assert_eq!(parse(b"data:  a \n\n"), [raw("", " a ", "")]);
        assert_eq!(parse(b"data:\ta\n\n"), [raw("", "\ta", "")]);
        // The first colon splits; later ones are in the value.
        assert_eq!(parse(b"data: a:b: c\n\n"), [raw("", "a:b: c", "")]);
        // Field names are case-sensitive and exact.
        assert_eq!(
            parse(b"Data: x\nevent : y\ndata : z\ndata: w\n\n"),
            [raw("", "w", "")]
        );
        // `event` with no colon: an empty type.
        assert_eq!(parse(b"event: a\nevent\ndata: x\n\n"), [raw("", "x", "")]);
    }

    #[test]
    fn ids() {
        assert_eq!(
            parse(b"id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n"),
            [raw("", "a", "1"), raw("", "b", "1"), raw("", "c", "")]
        );
        // An ID with NUL is ignored.
        assert_eq!(
            parse(b"id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"),
            [raw("", "a", "1"), raw("", "b", "1")]
        );
        // An event without data still sets the last event ID.
        let mut parser = EventParser::new(100);
        let mut out = VecDeque::new();
        parser.feed(b"id: 7\n\n", &mut out).unwrap();
        assert!(out.is_empty());
        assert_eq!(parser.last_id, "7");
        // An unfinished event's ID is dropped at the end of the connection.
        parser.feed(b"id: 8\ndata: x\n", &mut out).unwrap();
        parser.end();
        assert_eq!(parser.last_id, "7");
        parser.feed(b"data: y\n\n", &mut out).unwrap();
        assert_eq!(Vec::from(out), [raw("", "y", "7")]);
    }

    #[test]
    fn retry_takes_digits_only() {
        let retry = |text: &[u8]| {
            let mut parser = EventParser::new(100);
            parser.feed(text, &mut VecDeque::new()).unwrap();
            parser.retry
        };
        assert_eq!(retry(b"retry: 1500\n"), Some(1500));
        assert_eq!(retry(b"retry:0\n"), Some(0));
        for ignored in [
            &b"retry: 1.5\n"[..],
            b"retry: -1\n",
            b"retry: 15 \n",
            b"retry:  15\n",
            b"retry: \n",
            b"retry\n",
            b"retry: \xd9\xa1\n",
            b"retry: 12", // no line end yet
        ] {
            assert_eq!(retry(ignored), None, "{ignored:?}");
        }
        assert_eq!(retry(b"retry: 99999999999999999999999\n"), Some(u64::MAX));
        // Set at once, even in an event that is never dispatched.
        assert_eq!(retry(b"retry: 5\ndata: x\n"), Some(5));
        // Each event carries the time as it was when it was dispatched.
        let mut parser = EventParser::new(100);
        let mut out = VecDeque::new();
        parser
            .feed(b"data: a\n\nretry: 5\ndata: b\n\nretry: x\n", &mut out)
            .unwrap();
        let times: Vec<_> = out.iter().map(|e| e.retry).collect();
        assert_eq!(times, [None, Some(5)]);
    }

    #[test]
    fn an_unfinished_event_is_discarded() {
        assert_eq!(parse(b"data: a\n\ndata: b\n"), [raw("", "a", "")]);
        assert_eq!(parse(b"data: a\n\ndata: b"), [raw("", "a", "")]);
        // A stream that ends with a CR has ended its line.
        assert_eq!(parse(b"data: a\r\r"), [raw("", "a", "")]);
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(
            parse("\u{feff}data: é😀\n\n".as_bytes()),
            [raw("", "é😀", "")]
        );
        // Only one BOM, only at the start.
        assert_eq!(
            parse("\u{feff}\u{feff}data: a\n\ndata: \u{feff}b\n\n".as_bytes()),
            [raw("", "\u{feff}b", "")]
        );
        assert_eq!(
            parse("\u{feff}\ndata: a\n\n".as_bytes()),
            [raw("", "a", "")]
        );
        // Invalid UTF-8 is replaced.
        assert_eq!(
            parse(b"data: a\xffb\xe2\x82\n\n"),
            [raw("", "a\u{fffd}b\u{fffd}", "")]
        );
        // Each connection may start with a BOM.
        let mut parser = EventParser::new(100);
        let mut out = VecDeque::new();
        parser
            .feed("\u{feff}data: a\n\n".as_bytes(), &mut out)
            .unwrap();
        parser.end();
        parser
            .feed("\u{feff}data: b\n\n".as_bytes(), &mut out)
            .unwrap();
        assert_eq!(Vec::from(out), [raw("", "a", ""), raw("", "b", "")]);
    }

    #[test]
    fn every_split_gives_the_same_events() {
        let sample = "\u{feff}: hi\r\nretry: 10\nid: 1\nevent: user.created\r\ndata: {\"é\":\n\
                      data: \"😀\"}\r\n\r\nid: 2\0\rdata: x\r\rdata\ndata:  y\n\ndata: z"
            .as_bytes();
        let whole = parse(sample);
        assert_eq!(
            whole,
            [
                raw("user.created", "{\"é\":\n\"😀\"}", "1"),
                raw("", "x", "1"),
                raw("", "\n y", "1"),
            ]
        );
        for at in 0..=sample.len() {
            assert_eq!(parse_chunks(&[&sample[..at], &sample[at..]]), whole, "{at}");
        }
        for a in 0..=sample.len() {
            for b in a..=sample.len() {
                let chunks = [&sample[..a], &sample[a..b], &sample[b..]];
                assert_eq!(parse_chunks(&chunks), whole, "{a} {b}");
            }
        }
        let bytes: Vec<&[u8]> = sample.chunks(1).collect();
        assert_eq!(parse_chunks(&bytes), whole);
    }

    #[test]
    fn the_limit_bounds_an_event() {
        let mut parser = EventParser::new(16);
        let mut out = VecDeque::new();
        // Events within it pass, however many.
        for _ in 0..100 {
            parser.feed(b"data: 0123456789\n\n", &mut out).unwrap();
        }
        assert_eq!(out.len(), 100);
        // A long line, a long event, a long type, even split in chunks.
        for chunks in [
            &[&b"data: 0123456789abcdef"[..]][..],
            &[b"data: 01234567\n", b"data: 89\n"],
            &[b"event: 0123456789", b"abcdef\n"],
            &[b": a comment that goes on", b" and on"],
        ] {
            let mut parser = EventParser::new(16);
            let result = chunks
                .iter()
                .try_for_each(|chunk| parser.feed(chunk, &mut VecDeque::new()));
            assert_eq!(result, Err(EventTooLarge), "{chunks:?}");
        }
        // Events before the large one are queued.
        let mut parser = EventParser::new(16);
        let mut out = VecDeque::new();
        let result = parser.feed(b"data: a\n\ndata: 0123456789abcdef\n\n", &mut out);
        assert_eq!(result, Err(EventTooLarge));
        assert_eq!(Vec::from(out), [raw("", "a", "")]);
    }

    #[test]
    fn hostile_input_never_panics() {
        // A cheap generator of bytes, dense in the characters that matter.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"\r\n:\0 \xef\xbb\xbf\xe2\x82\xacdataeventidretry0123456789\xff";
        for _ in 0..2_000 {
            let mut parser = EventParser::new(64);
            let mut out = VecDeque::new();
            for _ in 0..8 {
                let mut chunk = Vec::new();
                for _ in 0..(seed % 40) {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    chunk.push(alphabet[(seed % alphabet.len() as u64) as usize]);
                }
                if parser.feed(&chunk, &mut out).is_err() {
                    break;
                }
                for event in &out {
                    assert!(event.data.len() <= 64 && !event.id.contains('\0'));
                }
                out.clear();
            }
            parser.end();
        }
    }

    #[test]
    fn json_events_get_their_type() {
        let event = |event: &str, data: &str| raw(event, data, "");
        let decode = |raw: &RawEvent| json_event::<::serde_json::Value>(raw, Some("type"));
        assert_eq!(
            decode(&event("user.created", r#"{"id":1}"#)),
            Ok(::serde_json::json!({"type": "user.created", "id": 1}))
        );
        // The data's own value wins; no type, nothing added.
        assert_eq!(
            decode(&event("x", r#"{"type":"y"}"#)),
            Ok(::serde_json::json!({"type": "y"}))
        );
        assert_eq!(
            decode(&event("", r#"{"id":1}"#)),
            Ok(::serde_json::json!({"id": 1}))
        );
        // Not an object: as it is.
        assert_eq!(decode(&event("x", "[1]")), Ok(::serde_json::json!([1])));
        assert!(decode(&event("x", "{")).is_err());
        // Without a discriminator, nothing is added.
        assert_eq!(
            json_event::<::serde_json::Value>(&event("x", "{}"), None),
            Ok(::serde_json::json!({}))
        );
        assert_eq!(text_event(&event("x", "{"), None), Ok("{".to_string()));
    }
}
