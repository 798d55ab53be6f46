//! The `client` module: an async HTTP client (reqwest with rustls) with one
//! method per operation, typed errors per documented status, 429 retries and
//! rate-limit headers. The shared pieces (the builder, the retry loop, the
//! error body) are emitted once; each operation adds a method, an error enum
//! and, where needed, a parameters struct and a success enum.

use super::types::shape_type_in;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::ir::{Ir, Operation, ParamLocation, Shape, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Reason phrases, for variant names of documented statuses.
fn status_variant(status: &str) -> Option<&'static str> {
    Some(match status {
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "423" => "Locked",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        _ => return None,
    })
}

/// `TooManyRequests` → `Too Many Requests`.
fn reason_phrase(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for c in variant.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Appends a literal part of a path: `push` for one character (clippy's
/// `single_char_add_str`), `push_str` otherwise, nothing when empty.
fn push_literal(url: &proc_macro2::Ident, literal: &str) -> TokenStream {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => TokenStream::new(),
        (Some(c), None) => quote!(#url.push(#c);),
        _ => quote!(#url.push_str(#literal);),
    }
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim();
    ct == "application/json" || ct.ends_with("+json")
}

/// Scopes named in a text (`update:connections_options`), in order.
fn scopes_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_lowercase() || c == '_' || c == ':')) {
        let mut parts = word.split(':');
        let (Some(verb), Some(object), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if !verb.is_empty() && !object.is_empty() && !out.iter().any(|s| s == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// For each top-level property of a body, the extra scopes its description
/// asks for (with the same verb as the operation's own scopes): Auth0 says
/// `update:connections_options` only in the description of `options`.
fn field_scopes(ir: &Ir, op: &Operation) -> Vec<(String, String)> {
    let Some(Shape::Named(id)) = op.body.as_ref().map(|b| &b.shape) else {
        return Vec::new();
    };
    let TypeKind::Struct(s) = &ir.type_def(*id).kind else {
        return Vec::new();
    };
    let verbs: Vec<&str> = op
        .scopes
        .iter()
        .filter_map(|s| s.split(':').next())
        .collect();
    let mut out = Vec::new();
    for field in &s.fields {
        let mut text = field.docs.clone().unwrap_or_default();
        if let Shape::Named(target) = &field.shape {
            text.push(' ');
            text.push_str(ir.type_def(*target).docs.as_deref().unwrap_or_default());
        }
        for scope in scopes_in(&text) {
            let verb = scope.split(':').next().unwrap_or_default();
            if verbs.contains(&verb) && !op.scopes.contains(&scope) {
                out.push((field.wire.clone(), scope));
            }
        }
    }
    out
}

/// The module's chunks (see [`super::print_chunks`]).
pub fn module(ir: &Ir, validators: bool) -> Vec<TokenStream> {
    let types = quote!(super::types::);
    let mut scope = Scope::new();
    for reserved in [
        "Client",
        "ClientBuilder",
        "BuildError",
        "RetryPolicy",
        "RateLimit",
        "Response",
        "ApiError",
        "ApiErrorBody",
        "ErrorBody",
        "RawBody",
        "Token",
        // Private, or imported: unqualified in the module.
        "Raw",
        "SendError",
        "Duration",
    ] {
        scope.reserve(reserved);
    }
    let mut items = Vec::new();
    let mut methods = Vec::new();
    let mut signatures = Vec::new();
    let alias_fns = super::validate::alias_fn_names(ir);
    for op in &ir.operations {
        let (item, method, signature) =
            operation(ir, op, &types, &mut scope, validators, &alias_fns);
        items.push(item);
        methods.push(method);
        signatures.push(signature);
    }
    let groups = groups(ir, &signatures, &mut scope);
    let server = ir.servers.first();
    let server_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let variables = server.map(|s| s.variables.clone()).unwrap_or_default();
    let variable_defaults = variables
        .iter()
        .map(|(name, default)| quote!((#name, #default),));
    // A setter per server variable, unless its name is one of the builder's
    // own methods (`server_variable` fills any variable).
    let builder_methods = [
        "base_url",
        "server_variable",
        "token",
        "allow_http",
        "connect_timeout",
        "timeout",
        "retry",
        "validate",
        "build",
        "default_variables",
    ];
    let mut setter_scope = Scope::new();
    let variable_setters = variables.iter().filter_map(|(name, _)| {
        let setter = naming::field_name(name);
        if builder_methods.contains(&setter.as_str())
            || setter_scope.unique(setter.clone()) != setter
        {
            return None;
        }
        let setter = ident(&setter);
        let doc = doc_attrs(&format!(
            "Fills the server variable {} of {}.",
            crate::docs::code(name),
            crate::docs::code(&server_url)
        ));
        Some(quote! {
            #doc
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.server_variable(#name, value)
            }
        })
    });
    let runtime = runtime(&server_url);
    let docs = module_docs(ir);
    let mut chunks = vec![quote! {
        #docs
        #runtime

        impl ClientBuilder {
            fn default_variables() -> Vec<(String, String)> {
                [#(#variable_defaults)*].iter().map(|(k, v): &(&str, &str)| (k.to_string(), v.to_string())).collect()
            }

            #(#variable_setters)*
        }

        impl Client {
            #(#methods)*
        }
    }];
    chunks.extend(items);
    chunks.extend(groups);
    chunks
}

/// Names of the description as code spans, separated by commas.
fn code_list(items: &[String]) -> String {
    let spans: Vec<String> = items.iter().map(|i| crate::docs::code(i)).collect();
    spans.join(", ")
}

/// The module's own documentation: how names, errors, retries and path
/// parameters work, with the first operation as the example.
fn module_docs(ir: &Ir) -> TokenStream {
    let mut text = String::from(
        "\n\
         Build a [`Client`] with [`Client::builder`]: a bearer token and either the server's \
         variables or a full base URL. `http://` is refused unless allowed with \
         [`ClientBuilder::allow_http`].\n\
         \n\
         **Names.** Each operation is a method of [`Client`] named after its `operationId` in \
         snake case. When the description places the operation in a group \
         (`x-operation-group`, `x-operation-name`), it is also reachable through the group: \
         one accessor per group level, then the operation's name in snake case.",
    );
    if let Some(op) = ir.operations.first() {
        text.push_str(&format!(
            " Here {} becomes `client.{}(…)`",
            crate::docs::code(&op.id),
            op.fn_name
        ));
        if let Some(group) = &op.group {
            let path: Vec<String> = group
                .path
                .iter()
                .map(|g| format!("{}()", naming::field_name(g)))
                .collect();
            text.push_str(&format!(
                ", also `client.{}.{}(…)`",
                path.join("."),
                naming::field_name(&group.name)
            ));
        }
        text.push('.');
    }
    text.push_str(
        "\n\
         \n\
         **Results.** A method returns a [`Response`] (the decoded body, the status and the \
         [`RateLimit`] headers) or its own error enum, with one variant per documented error \
         status carrying an [`ApiError`] (Auth0's JSON error body, or the raw text), and \
         variants for an undocumented status, a body that fails validation (nothing is sent), \
         a transport failure, a timeout and a success body that does not decode.\n\
         \n\
         **Retries.** Only `429 Too Many Requests` is retried, as [`RetryPolicy`] says: a \
         bounded number of times, waiting what `Retry-After` or `X-RateLimit-Reset` asks \
         (at least the backoff), within an overall deadline.\n\
         \n\
         **Path parameters** are percent-encoded as one segment (everything but \
         `A-Z a-z 0-9 - . _ ~`), so no value can add a segment or reach the query; an empty \
         value, `.` and `..` are refused, because URL parsers treat them, even encoded as \
         `%2E%2E`, as path steps.",
    );
    inner_doc_attrs(&text)
}

/// How an operation's method is called, for its grouped alias.
struct Signature {
    /// `name: Type` of each argument after `&self`.
    args: Vec<TokenStream>,
    names: Vec<proc_macro2::Ident>,
    ret: TokenStream,
}

/// A group of the resource tree (`x-operation-group`): its subgroups and operations.
#[derive(Default)]
struct GroupNode {
    path: Vec<String>,
    children: Vec<usize>,
    ops: Vec<usize>,
}

/// The grouped aliases: `client.connections().update(…)` calls
/// `client.patch_connections_by_id(…)`. One borrowing struct per group, in
/// the order groups first appear; names made unique deterministically.
fn groups(ir: &Ir, signatures: &[Signature], scope: &mut Scope) -> Vec<TokenStream> {
    let mut nodes = vec![GroupNode::default()];
    for (index, op) in ir.operations.iter().enumerate() {
        let Some(group) = &op.group else { continue };
        let mut at = 0;
        for depth in 1..=group.path.len() {
            let path = &group.path[..depth];
            let found = nodes[at]
                .children
                .iter()
                .copied()
                .find(|&c| nodes[c].path == path);
            at = match found {
                Some(child) => child,
                None => {
                    nodes.push(GroupNode {
                        path: path.to_vec(),
                        ..GroupNode::default()
                    });
                    let child = nodes.len() - 1;
                    nodes[at].children.push(child);
                    child
                }
            };
        }
        nodes[at].ops.push(index);
    }
    if nodes.len() == 1 {
        return Vec::new();
    }
    // One struct per group; the root (index 0) is `Client` itself.
    let struct_names: Vec<_> = nodes
        .iter()
        .enumerate()
        .map(|(at, n)| {
            let name = if at == 0 {
                "Client".to_string()
            } else {
                scope.unique(naming::type_name(&n.path.join("_")))
            };
            format_ident!("{name}")
        })
        .collect();
    // The methods of each node: the root's go on `Client`, next to its own.
    let mut out = Vec::new();
    for (at, node) in nodes.iter().enumerate() {
        let mut method_scope = Scope::new();
        // A group's struct derives traits too (`fmt`, `clone`).
        for reserved in naming::CLIENT_METHODS {
            method_scope.reserve(reserved);
        }
        if at == 0 {
            for op in &ir.operations {
                method_scope.reserve(&op.fn_name);
            }
        }
        let mut fns = Vec::new();
        for &index in &node.ops {
            let (op, sig) = (&ir.operations[index], &signatures[index]);
            let Some(group) = &op.group else { continue };
            let name = ident(&method_scope.unique(naming::field_name(&group.name)));
            let target = ident(&op.fn_name);
            let (args, names, ret) = (&sig.args, &sig.names, &sig.ret);
            let doc = doc_attrs(&format!(
                "{} of {}: the same as [`Client::{}`] ({}).",
                crate::docs::code(&group.name),
                crate::docs::code(&group.path.join(".")),
                op.fn_name,
                crate::docs::code(&format!("{} {}", op.method, op.path))
            ));
            let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
            fns.push(quote! {
                #doc
                #deprecated
                #[allow(deprecated, clippy::too_many_arguments)]
                pub async fn #name(&self, #(#args),*) -> #ret {
                    self.client.#target(#(#names),*).await
                }
            });
        }
        for &child in &node.children {
            let Some(last) = nodes[child].path.last() else {
                continue;
            };
            let name = ident(&method_scope.unique(naming::field_name(last)));
            let ty = &struct_names[child];
            let doc = doc_attrs(&format!(
                "The operations of the group {}.",
                crate::docs::code(&nodes[child].path.join("."))
            ));
            let client = if at == 0 {
                quote!(self)
            } else {
                quote!(self.client)
            };
            let lifetime = if at == 0 { quote!('_) } else { quote!('a) };
            fns.push(quote! {
                #doc
                pub fn #name(&self) -> #ty<#lifetime> {
                    #ty { client: #client }
                }
            });
        }
        if at == 0 {
            out.push(quote! {
                impl Client {
                    #(#fns)*
                }
            });
        } else {
            let ty = &struct_names[at];
            let doc = doc_attrs(&format!(
                "The operations of the group {} (`x-operation-group`), named by their `x-operation-name`.",
                crate::docs::code(&node.path.join("."))
            ));
            out.push(quote! {
                #doc
                #[derive(Debug, Clone, Copy)]
                pub struct #ty<'a> {
                    client: &'a Client,
                }

                impl<'a> #ty<'a> {
                    #(#fns)*
                }
            });
        }
    }
    out
}

/// The parts of the client that do not depend on the operations.
fn runtime(server_url: &str) -> TokenStream {
    let server_doc = doc_attrs(&format!(
        "The server of the description: {}.",
        crate::docs::code(server_url)
    ));
    quote! {
        use ::std::time::Duration;

        #server_doc
        pub const SERVER: &str = #server_url;

        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        /// A bearer token. Its `Debug` output never shows it.
        #[derive(Clone)]
        pub struct Token(String);

        impl ::std::fmt::Debug for Token {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("Token(<redacted>)")
            }
        }

        /// How `429 Too Many Requests` is retried. Nothing else is retried.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct RetryPolicy {
            /// Retries after the first attempt; `0` turns retries off.
            pub max_retries: u32,
            /// The first wait when the server says nothing about when to come back; doubled on each retry.
            pub base_delay: Duration,
            /// The longest single wait; a server that asks for longer gets its 429 returned.
            pub max_delay: Duration,
            /// No retry starts a wait that would end later than this after the first attempt.
            pub deadline: Duration,
        }

        impl Default for RetryPolicy {
            fn default() -> Self {
                Self {
                    max_retries: 3,
                    base_delay: Duration::from_millis(500),
                    max_delay: Duration::from_secs(30),
                    deadline: Duration::from_secs(60),
                }
            }
        }

        impl RetryPolicy {
            /// No retries: a 429 is returned at once.
            pub fn none() -> Self {
                Self { max_retries: 0, ..Self::default() }
            }

            /// How long to wait before retry number `attempt + 1`: the longer
            /// of what the server asks (`Retry-After` in seconds, else until
            /// `X-RateLimit-Reset`) and the backoff (`base_delay`, doubled on
            /// each retry, at most `max_delay`), so a reset already past by
            /// this machine's clock still waits a little. `None` when the
            /// server asks for longer than `max_delay`: then the 429 is
            /// returned rather than retried early.
            fn wait(&self, rate_limit: &RateLimit, attempt: u32) -> Option<Duration> {
                let now = ::std::time::SystemTime::now()
                    .duration_since(::std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                let asked = if let Some(seconds) = rate_limit.retry_after {
                    Some(Duration::from_secs(seconds))
                } else {
                    rate_limit.reset.map(|reset| Duration::from_secs(reset).saturating_sub(now))
                };
                let backoff = self.base_delay.saturating_mul(1u32 << attempt.min(16)).min(self.max_delay);
                match asked {
                    Some(wait) if wait > self.max_delay => None,
                    Some(wait) => Some(wait.max(backoff)),
                    None => Some(backoff),
                }
            }
        }

        /// Auth0's rate-limit headers (`X-RateLimit-Limit`, `-Remaining`,
        /// `-Reset` as epoch seconds) and `Retry-After`, as received.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct RateLimit {
            pub limit: Option<u64>,
            pub remaining: Option<u64>,
            /// When the limit resets, in seconds since the Unix epoch.
            pub reset: Option<u64>,
            /// Seconds to wait, when the server says so.
            pub retry_after: Option<u64>,
        }

        impl RateLimit {
            fn from_headers(headers: &::reqwest::header::HeaderMap) -> Self {
                let number = |name: &str| {
                    headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok())
                };
                Self {
                    limit: number("x-ratelimit-limit"),
                    remaining: number("x-ratelimit-remaining"),
                    reset: number("x-ratelimit-reset"),
                    retry_after: number("retry-after"),
                }
            }
        }

        /// A successful response: the decoded value, its status and the rate-limit headers.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Response<T> {
            pub status: u16,
            pub rate_limit: RateLimit,
            pub value: T,
        }

        impl<T> Response<T> {
            /// The decoded value.
            pub fn into_inner(self) -> T {
                self.value
            }
        }

        /// The JSON body of an Auth0 error.
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct ApiErrorBody {
            #[serde(rename = "statusCode", default, skip_serializing_if = "Option::is_none")]
            pub status_code: Option<u16>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub error: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub message: Option<String>,
            #[serde(rename = "errorCode", default, skip_serializing_if = "Option::is_none")]
            pub error_code: Option<String>,
            /// Any other keys of the body.
            #[serde(flatten)]
            pub extra: ::std::collections::BTreeMap<String, ::serde_json::Value>,
        }

        /// An error body: Auth0's JSON, or the raw text when it is not that.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ErrorBody {
            Json(ApiErrorBody),
            Text(String),
        }

        impl ErrorBody {
            fn parse(bytes: &[u8]) -> Self {
                match ::serde_json::from_slice::<ApiErrorBody>(bytes) {
                    Ok(body) => ErrorBody::Json(body),
                    Err(_) => ErrorBody::Text(String::from_utf8_lossy(bytes).into_owned()),
                }
            }

            /// Auth0's `message`, or the text.
            pub fn message(&self) -> Option<&str> {
                match self {
                    ErrorBody::Json(body) => body.message.as_deref().or(body.error.as_deref()),
                    ErrorBody::Text(text) => Some(text.as_str()).filter(|t| !t.trim().is_empty()),
                }
            }
        }

        /// An error response: its status, body and rate-limit headers, and a
        /// hint of what to do when there is one (the scopes a 403 needs).
        #[derive(Debug, Clone, PartialEq)]
        pub struct ApiError {
            pub status: u16,
            pub body: ErrorBody,
            pub rate_limit: RateLimit,
            pub hint: Option<String>,
        }

        impl ::std::fmt::Display for ApiError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "status {}", self.status)?;
                if let Some(message) = self.body.message() {
                    let message: String = message.chars().take(500).collect();
                    write!(f, ": {message}")?;
                }
                if let Some(hint) = &self.hint {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
        }

        /// A request body sent as it is, for operations whose body is not JSON.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct RawBody {
            pub content_type: String,
            pub bytes: Vec<u8>,
        }

        /// Why a client could not be built.
        #[derive(Debug)]
        pub enum BuildError {
            /// A server variable has no value (give it, or a full base URL).
            MissingServerVariable(String),
            /// No token was given.
            MissingToken,
            /// The token cannot be sent in a header (it holds a line break or other control character).
            InvalidToken,
            /// The base URL does not parse, or has a query or fragment.
            InvalidUrl(String),
            /// The base URL is `http://` and plain HTTP was not allowed.
            InsecureUrl(String),
            /// The HTTP client could not be set up.
            Http(::reqwest::Error),
        }

        impl ::std::fmt::Display for BuildError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    BuildError::MissingServerVariable(name) => write!(f, "the server variable `{name}` has no value"),
                    BuildError::MissingToken => f.write_str("no bearer token was given"),
                    BuildError::InvalidToken => f.write_str("the bearer token holds characters that cannot be sent in a header"),
                    BuildError::InvalidUrl(url) => write!(f, "`{url}` is not a usable base URL"),
                    BuildError::InsecureUrl(url) => write!(f, "`{url}` is plain HTTP; use https:// or allow HTTP explicitly"),
                    BuildError::Http(e) => write!(f, "the HTTP client could not be set up: {e}"),
                }
            }
        }

        impl ::std::error::Error for BuildError {}

        /// Builds a [`Client`].
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            base_url: Option<String>,
            variables: Vec<(String, String)>,
            token: Option<Token>,
            allow_http: bool,
            connect_timeout: Duration,
            timeout: Duration,
            retry: RetryPolicy,
            validate: bool,
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                Self {
                    base_url: None,
                    variables: Self::default_variables().into_iter().filter(|(_, v)| !v.contains('{')).collect(),
                    token: None,
                    allow_http: false,
                    connect_timeout: Duration::from_secs(10),
                    timeout: Duration::from_secs(30),
                    retry: RetryPolicy::default(),
                    validate: true,
                }
            }
        }

        impl ClientBuilder {
            /// A full base URL instead of the description's server.
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.base_url = Some(url.into());
                self
            }

            /// Fills a variable of the spec's server URL.
            pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
                self.variables.retain(|(k, _)| k != name);
                self.variables.push((name.to_string(), value.into()));
                self
            }

            /// The bearer token sent with every request.
            pub fn token(mut self, token: impl Into<String>) -> Self {
                self.token = Some(Token(token.into()));
                self
            }

            /// Allows a plain `http://` base URL (for tests on loopback). Off by default.
            pub fn allow_http(mut self, allow: bool) -> Self {
                self.allow_http = allow;
                self
            }

            /// How long connecting may take (default 10 s).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = timeout;
                self
            }

            /// How long one attempt may take in all (default 30 s).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = timeout;
                self
            }

            /// How `429` is retried (default: 3 retries within 60 s).
            pub fn retry(mut self, retry: RetryPolicy) -> Self {
                self.retry = retry;
                self
            }

            /// Whether bodies are validated before sending (default: yes).
            pub fn validate(mut self, validate: bool) -> Self {
                self.validate = validate;
                self
            }

            pub fn build(self) -> Result<Client, BuildError> {
                let base = match self.base_url {
                    Some(url) => url,
                    None => {
                        let mut url = SERVER.to_string();
                        for (name, value) in &self.variables {
                            if value.contains(['/', '\\', '?', '#', '@', '%', '{', '}']) || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                                return Err(BuildError::InvalidUrl(value.clone()));
                            }
                            url = url.replace(&format!("{{{name}}}"), value);
                        }
                        if let Some(start) = url.find('{') {
                            let name = url[start + 1..].split('}').next().unwrap_or_default();
                            return Err(BuildError::MissingServerVariable(name.to_string()));
                        }
                        url
                    }
                };
                let parsed = ::reqwest::Url::parse(&base).map_err(|_| BuildError::InvalidUrl(base.clone()))?;
                if parsed.query().is_some() || parsed.fragment().is_some() || parsed.cannot_be_a_base() {
                    return Err(BuildError::InvalidUrl(base));
                }
                match parsed.scheme() {
                    "https" => {}
                    "http" if self.allow_http => {}
                    "http" => return Err(BuildError::InsecureUrl(base)),
                    _ => return Err(BuildError::InvalidUrl(base)),
                }
                let token = self.token.ok_or(BuildError::MissingToken)?;
                if token.0.is_empty() || token.0.chars().any(|c| c.is_control()) {
                    return Err(BuildError::InvalidToken);
                }
                let http = ::reqwest::Client::builder()
                    .user_agent(USER_AGENT)
                    .connect_timeout(self.connect_timeout)
                    .timeout(self.timeout)
                    .redirect(::reqwest::redirect::Policy::none())
                    .build()
                    .map_err(BuildError::Http)?;
                Ok(Client {
                    http,
                    base: base.trim_end_matches('/').to_string(),
                    token,
                    retry: self.retry,
                    validate: self.validate,
                })
            }
        }

        /// The API client. Cheap to clone (the connection pool is shared).
        #[derive(Clone)]
        pub struct Client {
            http: ::reqwest::Client,
            base: String,
            token: Token,
            retry: RetryPolicy,
            validate: bool,
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base", &self.base)
                    .field("token", &self.token)
                    .field("retry", &self.retry)
                    .field("validate", &self.validate)
                    .finish()
            }
        }

        /// A response as received, before decoding.
        struct Raw {
            status: u16,
            rate_limit: RateLimit,
            body: Vec<u8>,
        }

        impl Raw {
            /// The response as an error response (the status, Auth0's error body
            /// or the raw text, the rate-limit headers), with a hint to show.
            fn into_error(self, hint: Option<String>) -> ApiError {
                ApiError { status: self.status, body: ErrorBody::parse(&self.body), rate_limit: self.rate_limit, hint }
            }
        }

        enum SendError {
            Transport(::reqwest::Error),
            Timeout,
        }

        impl From<::reqwest::Error> for SendError {
            fn from(e: ::reqwest::Error) -> Self {
                if e.is_timeout() { SendError::Timeout } else { SendError::Transport(e) }
            }
        }

        impl Client {
            /// A builder; a token and the server (its variables, or a full base URL) are needed.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.base
            }

            /// The same client, validating bodies before sending or not (for one call:
            /// `client.with_validation(false).some_operation(…)`).
            pub fn with_validation(&self, validate: bool) -> Client {
                Client { validate, ..self.clone() }
            }

            /// The same client with another retry policy.
            pub fn with_retry(&self, retry: RetryPolicy) -> Client {
                Client { retry, ..self.clone() }
            }

        }

        /// Sends a request, retrying `429` as the policy says. A free function,
        /// so that its name cannot collide with an operation's method.
        async fn send_request(
                client: &Client,
                method: ::reqwest::Method,
                url: &str,
                headers: &[(&str, String)],
                body: Option<(&str, &[u8])>,
            ) -> Result<Raw, SendError> {
                let started = ::std::time::Instant::now();
                let mut attempt = 0u32;
                loop {
                    let mut request = client.http.request(method.clone(), url).bearer_auth(&client.token.0);
                    for (name, value) in headers {
                        request = request.header(*name, value.as_str());
                    }
                    if let Some((content_type, bytes)) = body {
                        request = request.header(::reqwest::header::CONTENT_TYPE, content_type).body(bytes.to_vec());
                    }
                    let response = request.send().await?;
                    let status = response.status().as_u16();
                    let rate_limit = RateLimit::from_headers(response.headers());
                    let body = response.bytes().await?.to_vec();
                    if status == 429 && attempt < client.retry.max_retries {
                        if let Some(wait) = client.retry.wait(&rate_limit, attempt) {
                            if started.elapsed() + wait <= client.retry.deadline {
                                ::tokio::time::sleep(wait).await;
                                attempt += 1;
                                continue;
                            }
                        }
                    }
                    return Ok(Raw { status, rate_limit, body });
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

        /// The string forms of a parameter value (arrays give several).
        #[allow(dead_code)]
        fn param_values<T: ::serde::Serialize + ?Sized>(value: &T) -> Vec<String> {
            fn one(value: &::serde_json::Value) -> Option<String> {
                match value {
                    ::serde_json::Value::Null => None,
                    ::serde_json::Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                }
            }
            match ::serde_json::to_value(value) {
                Ok(::serde_json::Value::Array(items)) => items.iter().filter_map(one).collect(),
                Ok(value) => one(&value).into_iter().collect(),
                Err(_) => Vec::new(),
            }
        }

        /// Appends `name=value` pairs as a query string.
        #[allow(dead_code)]
        fn push_query(url: &mut String, first: &mut bool, name: &str, values: Vec<String>) {
            for value in values {
                url.push(if *first { '?' } else { '&' });
                *first = false;
                url.push_str(&encode(name));
                url.push('=');
                url.push_str(&encode(&value));
            }
        }

        /// The hint of a 403: the operation's scopes, and those the body's keys need.
        #[allow(dead_code)]
        fn scope_hint(scopes: &[&str], field_scopes: &[(&str, &str)], body: Option<&::serde_json::Value>) -> Option<String> {
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
    }
}

/// One operation: its items (error enum, params, success enum) and its method.
fn operation(
    ir: &Ir,
    op: &Operation,
    types: &TokenStream,
    scope: &mut Scope,
    validators: bool,
    alias_fns: &[Option<String>],
) -> (TokenStream, TokenStream, Signature) {
    // `{operationId} Error` in one conversion, so that a base that is itself
    // reserved (`Send` → `Send_`) does not leave an underscore inside.
    let named = |suffix: &str| naming::type_name(&format!("{} {suffix}", op.id));
    let error_name = format_ident!("{}", scope.unique(named("Error")));
    let fn_name = ident(&op.fn_name);

    // Path parameters are arguments; query and header parameters a struct.
    let path_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    let other_params: Vec<_> = op
        .params
        .iter()
        .filter(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Header))
        .collect();
    let params_name =
        (!other_params.is_empty()).then(|| format_ident!("{}", scope.unique(named("Params"))));
    // The names of the method's arguments and locals, made unique against
    // the path parameters' names (a parameter `url` or `body` stays itself).
    let mut locals = Scope::new();
    for p in &path_params {
        locals.reserve(&p.rust_name);
    }
    let [body_arg, params_arg, url_v, first_v, headers_v, raw_v, value_v, bytes_v] = [
        "body",
        "params",
        "url",
        "first",
        "headers",
        "raw",
        "body_value",
        "body_bytes",
    ]
    .map(|name| ident(&locals.unique(name.to_string())));
    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    let mut path_values = Vec::new();
    for p in &path_params {
        let name = ident(&p.rust_name);
        let ty = match &p.shape {
            Shape::String => quote!(&str),
            other => {
                let ty = shape_type_in(ir, other, types);
                quote!(&#ty)
            }
        };
        args.push(quote!(#name: #ty));
        arg_names.push(name.clone());
        let value = match &p.shape {
            Shape::String => quote!(#name),
            _ => quote!(&param_values(#name).join(",")),
        };
        path_values.push((p.name.clone(), value));
    }
    let params_item = params_name.as_ref().map(|params_name| {
        let mut field_scope = Scope::new();
        let fields = other_params.iter().map(|p| {
            let name = ident(&field_scope.unique(p.rust_name.clone()));
            let ty = shape_type_in(ir, &p.shape, types);
            let ty = if p.required { ty } else { quote!(Option<#ty>) };
            let where_ = if p.location == ParamLocation::Query {
                "query"
            } else {
                "header"
            };
            let docs = doc_attrs(&format!(
                "{} ({where_}{}).{}",
                crate::docs::code(&p.name),
                if p.required { ", required" } else { "" },
                p.docs
                    .as_ref()
                    .map(|d| format!("\n\n{d}"))
                    .unwrap_or_default()
            ));
            quote!(#docs pub #name: #ty,)
        });
        let doc = doc_attrs(&format!(
            "Query and header parameters of [`Client::{}`].",
            op.fn_name
        ));
        // `Default` only when every required parameter's type has one.
        let default = other_params
            .iter()
            .all(|p| !p.required || ir.has_default(&p.shape))
            .then(|| quote!(Default,));
        quote! {
            #doc
            #[allow(deprecated)]
            #[derive(Debug, Clone, #default PartialEq)]
            pub struct #params_name {
                #(#fields)*
            }
        }
    });
    if let Some(params_name) = &params_name {
        args.push(quote!(#params_arg: &#params_name));
        arg_names.push(params_arg.clone());
    }

    // The body.
    let body_scopes = field_scopes(ir, op);
    let (body_param, body_prepare, body_send, body_ref) = match &op.body {
        None => (None, quote!(), quote!(None), quote!(None)),
        Some(body) if is_json(&body.content_type) => {
            let ty = shape_type_in(ir, &body.shape, types);
            // Named types validate through the trait, aliases through their
            // function; an inline array or primitive body has no validator.
            let validate_call = match &body.shape {
                Shape::Named(id) => match &ir.type_def(*id).kind {
                    TypeKind::Alias(_) => alias_fns.get(*id).cloned().flatten().map(|name| {
                        let name = ident(&name);
                        quote!(super::validate::#name(#body_arg))
                    }),
                    _ => Some(quote!(super::validate::Validate::validate(#body_arg))),
                },
                _ => None,
            };
            let check = validate_call.filter(|_| validators).map(|call| {
                quote! {
                    if self.validate {
                        #call.map_err(#error_name::Validation)?;
                    }
                }
            });
            let content_type = &body.content_type;
            (
                Some(quote!(#body_arg: &#ty)),
                quote! {
                    #check
                    let #value_v = ::serde_json::to_value(#body_arg).map_err(|e| #error_name::Request(e.to_string()))?;
                    let #bytes_v = ::serde_json::to_vec(&#value_v).map_err(|e| #error_name::Request(e.to_string()))?;
                },
                quote!(Some((#content_type, #bytes_v.as_slice()))),
                quote!(Some(&#value_v)),
            )
        }
        Some(_) => (
            Some(quote!(#body_arg: &RawBody)),
            quote!(),
            quote!(Some((#body_arg.content_type.as_str(), #body_arg.bytes.as_slice()))),
            quote!(None),
        ),
    };
    if let Some(arg) = body_param {
        args.push(arg);
        arg_names.push(body_arg.clone());
    }

    // The URL.
    let mut url_build = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let literal = &rest[..start];
        url_build.push(push_literal(&url_v, literal));
        let after = &rest[start + 1..];
        let end = after.find('}').unwrap_or(after.len());
        let name = &after[..end];
        match path_values.iter().find(|(n, _)| n == name) {
            Some((_, value)) => url_build.push(quote! {
                #url_v.push_str(&encode_segment(#value).map_err(#error_name::Request)?);
            }),
            None => {
                let text = format!("{{{name}}}");
                url_build.push(quote!(#url_v.push_str(#text);));
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    url_build.push(push_literal(&url_v, rest));
    let mut query_build = Vec::new();
    let mut header_build = Vec::new();
    {
        let mut field_scope = Scope::new();
        for p in &other_params {
            let field = ident(&field_scope.unique(p.rust_name.clone()));
            let wire = &p.name;
            let values = if p.required {
                quote!(param_values(&#params_arg.#field))
            } else {
                quote!(#params_arg.#field.as_ref().map(param_values).unwrap_or_default())
            };
            if p.location == ParamLocation::Query {
                query_build.push(quote!(push_query(&mut #url_v, &mut #first_v, #wire, #values);));
            } else {
                header_build.push(quote! {
                    for value in #values {
                        #headers_v.push((#wire, value));
                    }
                });
            }
        }
    }
    let first_decl = (!query_build.is_empty()).then(|| quote!(let mut #first_v = true;));
    let headers_decl = if header_build.is_empty() {
        quote!(let #headers_v: Vec<(&str, String)> = Vec::new();)
    } else {
        quote!(let mut #headers_v: Vec<(&str, String)> = Vec::new();)
    };
    let method = format_ident!("{}", op.method);

    // Responses.
    let successes: Vec<_> = op
        .responses
        .iter()
        .filter(|r| r.status.starts_with('2'))
        .collect();
    let decode = |shape: Option<&Shape>,
                  content_type: Option<&str>|
     -> (TokenStream, TokenStream) {
        match (shape, content_type) {
            (Some(shape), Some(ct)) if is_json(ct) => {
                let ty = shape_type_in(ir, shape, types);
                (
                    ty.clone(),
                    quote! {
                        ::serde_json::from_slice::<#ty>(&#raw_v.body).map_err(|e| #error_name::Decode {
                            status: #raw_v.status,
                            message: e.to_string(),
                            body: String::from_utf8_lossy(&#raw_v.body).into_owned(),
                        })?
                    },
                )
            }
            (Some(_), Some(ct)) if ct.starts_with("text/") => (
                quote!(String),
                quote!(String::from_utf8_lossy(&#raw_v.body).into_owned()),
            ),
            (Some(_), Some(_)) => (quote!(Vec<u8>), quote!(#raw_v.body.clone())),
            _ => (quote!(()), quote!(())),
        }
    };
    let mut success_item = None;
    let (success_ty, success_arms) = match successes.as_slice() {
        [] => {
            let (ty, value) = decode(None, None);
            (
                ty,
                vec![
                    quote!(200..=299 => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #value }),),
                ],
            )
        }
        [only] => {
            let (ty, value) = decode(only.shape.as_ref(), only.content_type.as_deref());
            let status: u16 = only.status.parse().unwrap_or(200);
            let pattern = if only.status.parse::<u16>().is_ok() {
                quote!(#status)
            } else {
                quote!(200..=299)
            };
            (
                ty,
                vec![
                    quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #value }),),
                ],
            )
        }
        several => {
            let name = format_ident!("{}", scope.unique(named("Success")));
            let mut variants = Vec::new();
            let mut arms = Vec::new();
            for r in several {
                let variant = format_ident!("Status{}", naming::type_name(&r.status));
                let (ty, value) = decode(r.shape.as_ref(), r.content_type.as_deref());
                let docs = doc_attrs(&r.docs.join("\n\n"));
                let pattern = match r.status.parse::<u16>() {
                    Ok(code) => quote!(#code),
                    Err(_) => quote!(200..=299),
                };
                if ty.to_string() == "()" {
                    variants.push(quote!(#docs #variant,));
                    arms.push(quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #name::#variant }),));
                } else {
                    variants.push(quote!(#docs #variant(#ty),));
                    arms.push(quote!(#pattern => Ok(Response { status: #raw_v.status, rate_limit: #raw_v.rate_limit, value: #name::#variant(#value) }),));
                }
            }
            let doc = doc_attrs(&format!(
                "The successful responses of [`Client::{}`], one variant per documented status.",
                op.fn_name
            ));
            success_item = Some(quote! {
                #doc
                #[allow(deprecated, clippy::large_enum_variant)]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name {
                    #(#variants)*
                }
            });
            (quote!(#name), arms)
        }
    };

    // Errors: a variant per documented error status.
    let scopes: Vec<&str> = op.scopes.iter().map(String::as_str).collect();
    let field_scope_pairs = body_scopes.iter().map(|(f, s)| quote!((#f, #s),));
    let mut error_variants = Vec::new();
    let mut error_arms = Vec::new();
    let mut display_arms = Vec::new();
    let mut api_error_arms = Vec::new();
    for r in op.responses.iter().filter(|r| !r.status.starts_with('2')) {
        // A numeric status: its reason phrase, or `Status{code}`; ranges
        // (`4XX`) and `default` fall to `UnexpectedStatus`.
        let Ok(code) = r.status.parse::<u16>() else {
            continue;
        };
        let (variant, phrase) = match status_variant(&r.status) {
            Some(name) => (name.to_string(), reason_phrase(name)),
            None => (format!("Status{code}"), format!("Status {code}")),
        };
        let variant = format_ident!("{variant}");
        let mut text = format!(
            "{}: the server's descriptions of this status:\n",
            crate::docs::code(&r.status)
        );
        for d in &r.docs {
            text.push_str(&format!("\n- {}", d.replace('\n', " ")));
        }
        if code == 403 && !op.scopes.is_empty() {
            text.push_str(&format!(
                "\n\nThis call needs the scope(s) {}",
                code_list(&op.scopes)
            ));
            for (field, s) in &body_scopes {
                text.push_str(&format!(
                    "; sending {} also needs {}",
                    crate::docs::code(field),
                    crate::docs::code(s)
                ));
            }
            text.push('.');
        }
        let docs = doc_attrs(&text);
        error_variants.push(quote!(#docs #variant(ApiError),));
        let hint = if code == 403 {
            quote!(scope_hint(SCOPES, FIELD_SCOPES, #value_v))
        } else {
            quote!(None)
        };
        error_arms.push(quote! {
            #code => Err(#error_name::#variant(#raw_v.into_error(#hint))),
        });
        let format = format!("{phrase}: {{}}");
        display_arms.push(quote!(#error_name::#variant(e) => write!(f, #format, e),));
        api_error_arms.push(quote!(#error_name::#variant(e)));
    }
    let validation_variant = validators.then(|| {
        quote! {
            /// The body breaks the description's constraints; nothing was sent.
            Validation(super::validate::ValidationErrors),
        }
    });
    let validation_display = validators.then(|| {
        quote!(#error_name::Validation(e) => write!(f, "the request body is invalid, so it was not sent: {e}"),)
    });
    let validation_source = validators.then(|| quote!(#error_name::Validation(e) => Some(e),));
    let mut error_doc = format!(
        "The errors of [`Client::{}`] ({}).",
        op.fn_name,
        crate::docs::code(&format!("{} {}", op.method, op.path))
    );
    if !op.scopes.is_empty() {
        error_doc.push_str(&format!(" Scopes: {}.", code_list(&op.scopes)));
    }
    let error_doc = doc_attrs(&error_doc);

    let mut method_docs = String::new();
    if let Some(summary) = &op.summary {
        method_docs.push_str(&crate::docs::prose(summary));
        method_docs.push_str("\n\n");
    }
    method_docs.push_str(&format!(
        "{} (operationId {}).",
        crate::docs::code(&format!("{} {}", op.method, op.path)),
        crate::docs::code(&op.id)
    ));
    if let Some(docs) = &op.docs {
        method_docs.push_str("\n\n");
        method_docs.push_str(docs);
    }
    if !op.scopes.is_empty() {
        method_docs.push_str(&format!("\n\nScopes: {}.", code_list(&op.scopes)));
        for (field, s) in &body_scopes {
            method_docs.push_str(&format!(
                " Sending {} also needs {}.",
                crate::docs::code(field),
                crate::docs::code(s)
            ));
        }
    }
    let method_docs = doc_attrs(&method_docs);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    let ret = quote!(Result<Response<#success_ty>, #error_name>);
    let method = quote! {
        #method_docs
        #deprecated
        #[allow(deprecated, clippy::too_many_arguments)]
        pub async fn #fn_name(&self, #(#args),*) -> #ret {
            const SCOPES: &[&str] = &[#(#scopes),*];
            const FIELD_SCOPES: &[(&str, &str)] = &[#(#field_scope_pairs)*];
            let _ = (SCOPES, FIELD_SCOPES);
            #body_prepare
            let #value_v: Option<&::serde_json::Value> = #body_ref;
            let _ = &#value_v;
            let mut #url_v = self.base.clone();
            #(#url_build)*
            #first_decl
            #(#query_build)*
            #headers_decl
            #(#header_build)*
            let #raw_v = send_request(self, ::reqwest::Method::#method, &#url_v, &#headers_v, #body_send)
                .await
                .map_err(|e| match e {
                    SendError::Timeout => #error_name::Timeout,
                    SendError::Transport(e) => #error_name::Transport(e),
                })?;
            match #raw_v.status {
                #(#success_arms)*
                #(#error_arms)*
                _ => Err(#error_name::UnexpectedStatus(#raw_v.into_error(None))),
            }
        }
    };

    let error_item = quote! {
        #error_doc
        #[derive(Debug)]
        pub enum #error_name {
            #(#error_variants)*
            /// A status the description does not list for this operation.
            UnexpectedStatus(ApiError),
            #validation_variant
            /// The request could not be built (a value did not serialise).
            Request(String),
            /// The request could not be sent, or the response not received.
            Transport(::reqwest::Error),
            /// No complete response within the timeout.
            Timeout,
            /// A successful status whose body does not decode as the description says.
            Decode { status: u16, message: String, body: String },
        }

        impl #error_name {
            /// The error response, for the variants that have one.
            pub fn api_error(&self) -> Option<&ApiError> {
                match self {
                    #(#api_error_arms => Some(e),)*
                    #error_name::UnexpectedStatus(e) => Some(e),
                    _ => None,
                }
            }

            /// The HTTP status, when a response came.
            pub fn status(&self) -> Option<u16> {
                match self {
                    #error_name::Decode { status, .. } => Some(*status),
                    other => other.api_error().map(|e| e.status),
                }
            }

            /// The rate-limit headers of the response, when one came.
            pub fn rate_limit(&self) -> Option<&RateLimit> {
                self.api_error().map(|e| &e.rate_limit)
            }
        }

        impl ::std::fmt::Display for #error_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    #error_name::UnexpectedStatus(e) => write!(f, "unexpected {e}"),
                    #validation_display
                    #error_name::Request(e) => write!(f, "the request could not be built: {e}"),
                    #error_name::Transport(e) => write!(f, "the request failed: {e}"),
                    #error_name::Timeout => f.write_str("no response within the timeout"),
                    #error_name::Decode { status, message, .. } => write!(f, "status {status}, but the body does not decode: {message}"),
                }
            }
        }

        impl ::std::error::Error for #error_name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #validation_source
                    #error_name::Transport(e) => Some(e),
                    _ => None,
                }
            }
        }

        #params_item
        #success_item
    };
    let signature = Signature {
        args,
        names: arg_names,
        ret,
    };
    (error_item, method, signature)
}
