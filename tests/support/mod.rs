//! A small HTTP/1.1 server on loopback that behaves like Auth0's
//! `PATCH /api/v2/connections/{id}`: it checks the bearer token and the path,
//! applies the update to the connections it stores (absent fields untouched,
//! `options` replaced whole, `display_name` reset to `name` when absent) and
//! answers with the connection and rate-limit headers. Tests can also queue
//! canned answers (any status and body, or a hang). It records every request
//! with its raw path, so tests see exactly what went over the wire.

#![allow(dead_code)]

use serde_json::{json, Map, Value};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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

#[derive(Default)]
struct State {
    connections: Map<String, Value>,
    requests: Vec<Recorded>,
    canned: VecDeque<Canned>,
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
                tokio::spawn(async move { server.serve(stream).await });
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

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().expect("state").requests.clone()
    }

    async fn serve(&self, mut stream: TcpStream) {
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        let canned = {
            let mut state = self.state.lock().expect("state");
            state.requests.push(request.clone());
            state.canned.pop_front()
        };
        let (status, content_type, body, headers) = match canned {
            Some(Canned::Hang) => {
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                return;
            }
            Some(Canned::HangInBody) => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":";
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.flush().await;
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                return;
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
        let mut head = format!("HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n", reason(status), body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(body.as_bytes()).await;
        let _ = stream.shutdown().await;
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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Status",
    }
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

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buffer.len() > 1 << 20 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let raw_path = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        raw_path,
        headers,
        body,
    })
}
