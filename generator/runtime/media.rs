// The bodies of a generated crate's requests beyond JSON: forms
// (`application/x-www-form-urlencoded`), multipart (`Multipart`,
// `FilePart`), bytes and text, and downloads (`Download`, read as a stream by
// `execute_download`). Ordinary Rust, compiled and unit-tested by the
// workspace crate `runtime/`, and copied into the `client` module of the
// generated crates whose operations use them, after `encode.rs` (see the top
// of `client.rs` for how, and for the seam).

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

#[cfg(test)]
mod media_tests {
    use super::*;
    use ::serde_json::json;

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
