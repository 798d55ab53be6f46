//! The security schemes of a description and the requirements of its
//! operations (OpenAPI `securitySchemes` and `security` → IR), for the
//! client's credentials. A scheme the client cannot send (an HTTP scheme
//! other than `bearer` and `basic`, an API key whose name cannot be a
//! header, a reference that does not resolve) is left out and reported.
//! An OAuth 2.0 scheme's `clientCredentials` flow is read for the client to
//! get its tokens; its other flows are served by a token given to the
//! client, and reported.

use super::{ApiKeyIn, ClientCredentialsFlow, SchemeKind, SecurityScheme};
use crate::error::pointer_token;
use crate::losses::Losses;
use indexmap::IndexMap;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement};

/// The schemes of `components.securitySchemes` a client can send, in the
/// description's order.
pub fn schemes(api: &OpenAPI, losses: &mut Losses) -> Vec<SecurityScheme> {
    let Some(components) = &api.components else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut flows = 0;
    for (name, scheme) in &components.security_schemes {
        let at = format!("/components/securitySchemes/{}", pointer_token(name));
        let Some(scheme) = resolve(&components.security_schemes, scheme, &at, losses) else {
            continue;
        };
        let Some(kind) = kind(scheme, &at, losses) else {
            continue;
        };
        let mut client_credentials = None;
        if let openapiv3::SecurityScheme::OAuth2 { flows: all, .. } = scheme {
            client_credentials = oauth2_flows(all, &at, losses);
            if client_credentials.is_some() {
                flows += 1;
                if flows > 1 {
                    losses.not_enforced(
                        format!("{at}/flows/clientCredentials"),
                        "clientCredentials",
                        "only the first OAuth 2.0 scheme with a client-credentials flow gets its tokens from its token endpoint; this one's token is given to the client",
                    );
                    client_credentials = None;
                }
            }
        }
        out.push(SecurityScheme {
            name: name.clone(),
            kind,
            client_credentials,
        });
    }
    out
}

/// The scheme an entry of `securitySchemes` at `at` is, through one
/// reference to another entry; `None`, reported, when the reference names none.
fn resolve<'a>(
    all: &'a IndexMap<String, ReferenceOr<openapiv3::SecurityScheme>>,
    scheme: &'a ReferenceOr<openapiv3::SecurityScheme>,
    at: &str,
    losses: &mut Losses,
) -> Option<&'a openapiv3::SecurityScheme> {
    match scheme {
        ReferenceOr::Item(scheme) => Some(scheme),
        ReferenceOr::Reference { reference } => {
            let target = reference
                .strip_prefix("#/components/securitySchemes/")
                .and_then(|n| all.get(n));
            match target {
                Some(ReferenceOr::Item(scheme)) => Some(scheme),
                _ => {
                    losses.not_enforced(
                        at,
                        "$ref",
                        "the reference does not name a security scheme of this document; the client cannot send it",
                    );
                    None
                }
            }
        }
    }
}

/// How the client sends the credentials of a scheme at `at` (OAuth 2.0 and
/// OpenID Connect: a bearer token); `None`, reported, when it cannot.
fn kind(scheme: &openapiv3::SecurityScheme, at: &str, losses: &mut Losses) -> Option<SchemeKind> {
    match scheme {
        openapiv3::SecurityScheme::HTTP { scheme, .. } => {
            match scheme.to_ascii_lowercase().as_str() {
                "bearer" => Some(SchemeKind::Bearer),
                "basic" => Some(SchemeKind::Basic),
                other => {
                    losses.not_enforced(
                        at,
                        "scheme",
                        format!("the HTTP authentication scheme `{other}` is not supported; the client cannot send it"),
                    );
                    None
                }
            }
        }
        openapiv3::SecurityScheme::OAuth2 { .. } => Some(SchemeKind::Bearer),
        openapiv3::SecurityScheme::OpenIDConnect { .. } => Some(SchemeKind::Bearer),
        openapiv3::SecurityScheme::APIKey {
            location,
            name: param,
            ..
        } => {
            let location = match location {
                APIKeyLocation::Header => ApiKeyIn::Header,
                APIKeyLocation::Query => ApiKeyIn::Query,
                APIKeyLocation::Cookie => ApiKeyIn::Cookie,
            };
            if location == ApiKeyIn::Header && !is_header_name(param) {
                losses.not_enforced(
                    at,
                    "name",
                    "the API key's header name is not a valid header name; the client cannot send it",
                );
                return None;
            }
            Some(SchemeKind::ApiKey {
                location,
                param: param.clone(),
            })
        }
    }
}

/// The client-credentials flow of an OAuth 2.0 scheme at `at`, when the
/// client can follow it; the flows it cannot (their tokens are given to the
/// client) and what it cannot use of it are reported.
fn oauth2_flows(
    flows: &openapiv3::OAuth2Flows,
    at: &str,
    losses: &mut Losses,
) -> Option<ClientCredentialsFlow> {
    for (flow, present) in [
        ("implicit", flows.implicit.is_some()),
        ("password", flows.password.is_some()),
        ("authorizationCode", flows.authorization_code.is_some()),
    ] {
        if present {
            losses.not_enforced(
                format!("{at}/flows/{flow}"),
                flow,
                "the client does not follow this OAuth 2.0 flow; its token is given to the client",
            );
        }
    }
    let flow = flows.client_credentials.as_ref()?;
    let at = format!("{at}/flows/clientCredentials");
    if !is_token_url(&flow.token_url) {
        losses.not_enforced(
            at,
            "tokenUrl",
            "the token URL is neither an http(s) URL nor a relative reference (or holds a `{variable}`); the client cannot get tokens from it, its token is given to the client",
        );
        return None;
    }
    if flow.refresh_url.is_some() {
        losses.not_enforced(
            format!("{at}/refreshUrl"),
            "refreshUrl",
            "refresh tokens are not used; a new token is asked for with the client credentials",
        );
    }
    let mut form = Vec::new();
    if let Some(extra) = flow.extensions.get("x-form-parameters") {
        let pointer = format!("{at}/x-form-parameters");
        match extra {
            serde_json::Value::Object(fields) => {
                for (name, value) in fields {
                    let reserved = ["grant_type", "client_id", "client_secret", "scope"];
                    match value {
                        serde_json::Value::String(text) if !reserved.contains(&name.as_str()) => {
                            form.push((name.clone(), text.clone()));
                        }
                        _ => losses.not_enforced(
                            format!("{pointer}/{}", pointer_token(name)),
                            "x-form-parameters",
                            "only string values of fields other than grant_type, client_id, client_secret and scope are sent; this one is not",
                        ),
                    }
                }
            }
            _ => losses.not_enforced(
                pointer,
                "x-form-parameters",
                "not an object of form fields; nothing of it is sent",
            ),
        }
    }
    Some(ClientCredentialsFlow {
        token_url: flow.token_url.clone(),
        scopes: flow.scopes.keys().cloned().collect(),
        form,
    })
}

/// Whether a `tokenUrl` can be asked: an `http(s)` URL or a reference
/// relative to the server, without control characters, spaces or server
/// variables.
fn is_token_url(url: &str) -> bool {
    // A `{variable}` is not filled in: the URL could not be asked.
    let bad = |c: char| c.is_control() || c.is_whitespace() || c == '{' || c == '}';
    if url.is_empty() || url.chars().any(bad) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| !scheme.contains(['/', '?', '#']));
    match scheme {
        Some(_) => lower.starts_with("https://") || lower.starts_with("http://"),
        None => !url.starts_with("//"),
    }
}

/// Security requirements as alternatives of scheme names (their scopes
/// are read elsewhere). A requirement naming a scheme the client cannot
/// send stays: it simply cannot be met.
pub fn requirements(list: &[SecurityRequirement]) -> Vec<Vec<String>> {
    list.iter()
        .map(|requirement| requirement.keys().cloned().collect())
        .collect()
}

/// RFC 9110's `token`: what a header name may be.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
