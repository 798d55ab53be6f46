//! An HTTP/1.1 server on loopback, on `hyper`, that behaves like Auth0's
//! `PATCH /api/v2/connections/{id}`: it checks the bearer token and the path,
//! applies the update to the connections it stores (absent fields untouched,
//! `options` replaced whole, `display_name` reset to `name` when absent) and
//! answers with the connection and rate-limit headers. Tests can also queue
//! canned answers, taken in order: any status and body, a hang before the
//! answer, or a hang in the middle of the body. It records every request with
//! its request target as sent (still percent-encoded, with the query), so
//! tests see exactly what went over the wire. Connections are kept alive
//! between requests, as a real server's are.

#![allow(dead_code)]

use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::net::TcpListener;

pub const TOKEN: &str = "test-token-5f1c2a";

/// A request as received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The request target exactly as sent (still percent-encoded).
    pub raw_path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A canned answer.
#[derive(Debug, Clone)]
pub enum Canned {
    Respond {
        status: u16,
        content_type: &'static str,
        body: String,
        headers: Vec<(String, String)>,
    },
    /// Read the request, then never answer.
    Hang,
    /// Answer the status line, the headers and part of the body, then stall.
    HangInBody,
    /// Answer `200` with `body`, then close the connection before the
    /// body's end: the headers promise more than is sent.
    Cut {
        content_type: &'static str,
        body: String,
    },
    /// Answer `200` with the body (of no stated length), then send nothing
    /// more and keep the connection open: a stream gone quiet.
    Quiet {
        content_type: &'static str,
        body: String,
    },
}

impl Canned {
    pub fn json(status: u16, body: Value) -> Self {
        Canned::Respond {
            status,
            content_type: "application/json",
            body: body.to_string(),
            headers: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: impl ToString) -> Self {
        if let Canned::Respond { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// A handler for the requests whose target starts with a prefix: it sees
/// the request and answers it (see [`Server::route`]).
type Handler = Arc<dyn Fn(&Recorded) -> Canned + Send + Sync>;

#[derive(Default)]
struct State {
    connections: Map<String, Value>,
    requests: Vec<Recorded>,
    canned: VecDeque<Canned>,
    routes: Vec<(String, Handler)>,
}

#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    pub async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind on loopback");
        let addr = listener.local_addr().expect("address");
        let server = Server {
            addr,
            state: Arc::default(),
        };
        let accepting = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = accepting.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let server = server.clone();
                        async move { server.serve(request).await }
                    });
                    // A connection the client drops (after a timeout) ends
                    // with an error nobody needs to see.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        server
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/api/v2", self.addr)
    }

    /// Stores a connection as the server would have it.
    pub fn insert(&self, connection: Value) {
        let id = connection["id"].as_str().expect("an id").to_string();
        self.state
            .lock()
            .expect("state")
            .connections
            .insert(id, connection);
    }

    pub fn connection(&self, id: &str) -> Option<Value> {
        self.state
            .lock()
            .expect("state")
            .connections
            .get(id)
            .cloned()
    }

    pub fn push(&self, canned: Canned) {
        self.state.lock().expect("state").canned.push_back(canned);
    }

    /// Answers every request whose target (path and query, as sent) starts
    /// with `prefix` with `handler`, before the canned answers and the
    /// endpoint; the first matching route wins. For endpoints with logic of
    /// their own (a token endpoint, pages), and for concurrent requests,
    /// whose order a queue cannot know.
    pub fn route(
        &self,
        prefix: &str,
        handler: impl Fn(&Recorded) -> Canned + Send + Sync + 'static,
    ) {
        self.state
            .lock()
            .expect("state")
            .routes
            .push((prefix.to_string(), Arc::new(handler)));
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().expect("state").requests.clone()
    }

    async fn serve(&self, request: Request<Incoming>) -> Result<Response<Reply>, hyper::Error> {
        let (head, body) = request.into_parts();
        let request = Recorded {
            method: head.method.as_str().to_string(),
            // An origin-form target prints back as it came: the path and the
            // query, untouched.
            raw_path: head.uri.to_string(),
            headers: head
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes());
                    (name.as_str().to_string(), value.trim().to_string())
                })
                .collect(),
            body: read_body(body).await?,
        };
        let canned = {
            let mut state = self.state.lock().expect("state");
            state.requests.push(request.clone());
            let route = state
                .routes
                .iter()
                .find(|(prefix, _)| request.raw_path.starts_with(prefix.as_str()))
                .map(|(_, handler)| handler.clone());
            match route {
                Some(handler) => {
                    drop(state);
                    Some(handler(&request))
                }
                None => state.canned.pop_front(),
            }
        };
        let (status, content_type, body, headers) = match canned {
            // The request is read (and recorded); no answer ever comes.
            Some(Canned::Hang) => std::future::pending().await,
            Some(Canned::HangInBody) => {
                let mut response = Response::new(Reply {
                    chunk: Some(Bytes::from_static(b"{\"id\":")),
                    stall: true,
                    cut: None,
                });
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                headers.insert(CONTENT_LENGTH, HeaderValue::from_static("1000"));
                return Ok(response);
            }
            Some(Canned::Quiet { content_type, body }) => {
                let mut response = Response::new(Reply {
                    chunk: Some(Bytes::from(body)),
                    stall: true,
                    cut: None,
                });
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                return Ok(response);
            }
            Some(Canned::Cut { content_type, body }) => {
                let promised = body.len() + 1000;
                let mut response = Response::new(Reply {
                    chunk: Some(Bytes::from(body)),
                    stall: false,
                    cut: Some(false),
                });
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                headers.insert(CONTENT_LENGTH, HeaderValue::from(promised));
                return Ok(response);
            }
            Some(Canned::Respond {
                status,
                content_type,
                body,
                headers,
            }) => (status, content_type, body, headers),
            None => {
                let (status, body) = self.endpoint(&request);
                let headers = vec![
                    ("X-RateLimit-Limit".to_string(), "50".to_string()),
                    ("X-RateLimit-Remaining".to_string(), "49".to_string()),
                    ("X-RateLimit-Reset".to_string(), "1900000000".to_string()),
                ];
                (status, "application/json", body.to_string(), headers)
            }
        };
        let mut response = Response::new(Reply {
            chunk: Some(Bytes::from(body)).filter(|b| !b.is_empty()),
            stall: false,
            cut: None,
        });
        *response.status_mut() = StatusCode::from_u16(status).expect("a status code");
        let map = response.headers_mut();
        map.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        for (name, value) in headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_str(&value).expect("a header value"),
            );
        }
        Ok(response)
    }

    /// The endpoint's own behaviour.
    fn endpoint(&self, request: &Recorded) -> (u16, Value) {
        let error = |status: u16, error: &str, message: &str| {
            (
                status,
                json!({"statusCode": status, "error": error, "message": message, "errorCode": format!("E{status}")}),
            )
        };
        if request.header("authorization") != Some(&format!("Bearer {TOKEN}")) {
            return error(401, "Unauthorized", "Invalid token");
        }
        let Some(segment) = request.raw_path.strip_prefix("/api/v2/connections/") else {
            return error(404, "Not Found", "no such route");
        };
        if segment.contains('/')
            || segment.contains('?')
            || segment.contains('#')
            || request.method != "PATCH"
        {
            return error(404, "Not Found", "no such route");
        }
        let Some(id) = percent_decode(segment) else {
            return error(400, "Bad Request", "bad path encoding");
        };
        let Ok(Value::Object(update)) = serde_json::from_slice::<Value>(&request.body) else {
            return error(400, "Bad Request", "Invalid request body");
        };
        if update.is_empty() {
            return error(
                400,
                "Bad Request",
                "Payload validation error: 'Too few properties defined (0), minimum 1'",
            );
        }
        let mut state = self.state.lock().expect("state");
        let Some(Value::Object(connection)) = state.connections.get_mut(&id) else {
            return error(404, "Not Found", "The connection does not exist");
        };
        for (key, value) in &update {
            // `options` (like every key) replaces what was there, whole.
            connection.insert(key.clone(), value.clone());
        }
        if !update.contains_key("display_name") {
            let name = connection.get("name").cloned().unwrap_or(Value::Null);
            connection.insert("display_name".into(), name);
        }
        (200, Value::Object(connection.clone()))
    }
}

/// A response body: all of it in one chunk, or (`stall`) a first chunk and
/// then nothing, ever, without ending, or (`cut`) a first chunk, a pause
/// (so that it is sent), then the end, of a body whose length is not told
/// (the headers promise more): `Some(paused)`.
struct Reply {
    chunk: Option<Bytes>,
    stall: bool,
    cut: Option<bool>,
}

impl Body for Reply {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        match this.chunk.take() {
            Some(chunk) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
            // Never woken: the connection stays open with the body unfinished.
            None if this.stall => Poll::Pending,
            // A pause, so that what came before is sent; then the end.
            None if this.cut == Some(false) => {
                this.cut = Some(true);
                let waker = cx.waker().clone();
                tokio::spawn(async move {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    waker.wake();
                });
                Poll::Pending
            }
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.chunk.is_none() && !self.stall && self.cut.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        if self.cut.is_some() {
            return SizeHint::default();
        }
        match &self.chunk {
            Some(chunk) if !self.stall => SizeHint::with_exact(chunk.len() as u64),
            None if !self.stall => SizeHint::with_exact(0),
            _ => SizeHint::default(),
        }
    }
}

/// The whole request body.
async fn read_body(mut body: Incoming) -> Result<Vec<u8>, hyper::Error> {
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(data) = frame?.into_data() {
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

pub fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
