//! The security schemes of a description and the requirements of its
//! operations (OpenAPI `securitySchemes` and `security` → IR), for the
//! client's credentials. A scheme the client cannot send (an HTTP scheme
//! other than `bearer` and `basic`, an API key whose name cannot be a
//! header, a reference that does not resolve) is left out and reported.

use super::{ApiKeyIn, SchemeKind, SecurityScheme};
use crate::error::pointer_token;
use crate::losses::Losses;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement};

/// The schemes of `components.securitySchemes` a client can send, in the
/// description's order.
pub fn schemes(api: &OpenAPI, losses: &mut Losses) -> Vec<SecurityScheme> {
    let Some(components) = &api.components else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = format!("/components/securitySchemes/{}", pointer_token(name));
        let scheme = match scheme {
            ReferenceOr::Item(scheme) => scheme,
            ReferenceOr::Reference { reference } => {
                let target = reference
                    .strip_prefix("#/components/securitySchemes/")
                    .and_then(|n| components.security_schemes.get(n));
                match target {
                    Some(ReferenceOr::Item(scheme)) => scheme,
                    _ => {
                        losses.not_enforced(
                            at,
                            "$ref",
                            "the reference does not name a security scheme of this document; the client cannot send it",
                        );
                        continue;
                    }
                }
            }
        };
        let kind = match scheme {
            openapiv3::SecurityScheme::HTTP { scheme, .. } => {
                match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => SchemeKind::Bearer,
                    "basic" => SchemeKind::Basic,
                    other => {
                        losses.not_enforced(
                            at,
                            "scheme",
                            format!("the HTTP authentication scheme `{other}` is not supported; the client cannot send it"),
                        );
                        continue;
                    }
                }
            }
            openapiv3::SecurityScheme::OAuth2 { .. }
            | openapiv3::SecurityScheme::OpenIDConnect { .. } => SchemeKind::Bearer,
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
                    continue;
                }
                SchemeKind::ApiKey {
                    location,
                    param: param.clone(),
                }
            }
        };
        out.push(SecurityScheme {
            name: name.clone(),
            kind,
        });
    }
    out
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
