// The requests of a generated crate's client: how an operation's request is
// built (`Request`: the URL template, path, query, header and cookie
// parameters, the JSON or raw body, the documented errors and the scopes
// its `403` hint names). It is sent with retries by `execute` (`send.rs`);
// its parameters are written by `encode.rs`, its other bodies by
// `media.rs`. Ordinary Rust, compiled and unit-tested by the workspace crate
// `runtime/`, and copied into every generated crate's `client` module after
// `error.rs` (see the top of `client.rs` for how, and for the seam).
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
// The seam, on top of `client.rs`'s: the `Request` of each operation is
// filled by the generated method, then sent with `execute` (`send.rs`).

use ::reqwest::Method;

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
}
