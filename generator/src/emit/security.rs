//! The client's security items (IR security schemes → tokens): `SCHEMES`
//! and `SECURITY` for the runtime (`generator/runtime/auth.rs`), and a
//! builder setter per kind of credential the description declares; with a
//! bearer scheme, one for a token source, and with OAuth 2.0's
//! client-credentials flow, those of the client id and secret
//! (`generator/runtime/token.rs`).

use super::doc_attrs;
use crate::ir::{ApiKeyIn, ClientCredentialsFlow, Ir, SchemeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The constants, and the setters of `ClientBuilder` (named in `scope`).
pub fn items(ir: &Ir, scope: &mut Scope) -> (TokenStream, Vec<TokenStream>) {
    let constants = constants(ir);
    let mut setters = Vec::new();
    let bearer = scheme_names(ir, &|k| *k == SchemeKind::Bearer);
    if !bearer.is_empty() {
        setters.extend(bearer_setters(&bearer, scope));
    }
    let flow = ir
        .security_schemes
        .iter()
        .find_map(|s| Some((&s.name, s.client_credentials.as_ref()?)));
    if let Some((scheme, flow)) = flow {
        setters.push(client_credentials_setters(&bearer, scheme, flow, scope));
    }
    let basic = scheme_names(ir, &|k| *k == SchemeKind::Basic);
    if !basic.is_empty() {
        setters.push(basic_setter(&basic, scope));
    }
    setters.extend(api_key_setters(ir, scope));
    (constants, setters)
}

/// `SCHEMES` and `SECURITY`, the description's schemes and requirements.
fn constants(ir: &Ir) -> TokenStream {
    let schemes = ir.security_schemes.iter().map(|s| {
        let name = &s.name;
        let kind = match &s.kind {
            SchemeKind::Bearer => quote!(SchemeKind::Bearer),
            SchemeKind::Basic => quote!(SchemeKind::Basic),
            SchemeKind::ApiKey { location, param } => {
                let variant = match location {
                    ApiKeyIn::Header => format_ident!("ApiKeyHeader"),
                    ApiKeyIn::Query => format_ident!("ApiKeyQuery"),
                    ApiKeyIn::Cookie => format_ident!("ApiKeyCookie"),
                };
                quote!(SchemeKind::#variant(#param))
            }
        };
        quote!(Scheme { name: #name, kind: #kind },)
    });
    let alternatives = requirements(&ir.security);
    quote! {
        /// The security schemes of the description that the client can send.
        pub const SCHEMES: &[Scheme] = &[#(#schemes)*];
        /// The description's security requirements: alternatives, each the schemes it needs together.
        pub const SECURITY: &[&[&str]] = #alternatives;
    }
}

/// The names of the schemes of a kind, as code spans.
fn scheme_names(ir: &Ir, wanted: &dyn Fn(&SchemeKind) -> bool) -> Vec<String> {
    ir.security_schemes
        .iter()
        .filter(|s| wanted(&s.kind))
        .map(|s| crate::docs::code(&s.name))
        .collect()
}

/// `token` and `token_source`, for the bearer schemes `bearer`.
fn bearer_setters(bearer: &[String], scope: &mut Scope) -> Vec<TokenStream> {
    let mut setters = Vec::new();
    let name = format_ident!("{}", scope.unique("token".to_string()));
    let doc = doc_attrs(&format!(
        "The bearer token, sent as `Authorization: Bearer …` for {} (a token obtained elsewhere).",
        bearer.join(", ")
    ));
    setters.push(quote! {
        #doc
        pub fn #name(self, token: impl Into<String>) -> Self {
            self.credential(|s| s.kind == SchemeKind::Bearer, &token.into())
        }
    });
    let name = format_ident!("{}", scope.unique("token_source".to_string()));
    let doc = doc_attrs(&format!(
        "Bearer tokens for {} from a [`TokenSource`] (a closure returning a future will do), asked before each request; after a `401` it is asked once more and the request sent again, once.",
        bearer.join(", ")
    ));
    setters.push(quote! {
        #doc
        pub fn #name(self, source: impl TokenSource + 'static) -> Self {
            self.token_source_for(|s| s.kind == SchemeKind::Bearer, ::std::sync::Arc::new(source))
        }
    });
    setters
}

/// `client_credentials` and `client_credentials_with`, for OAuth 2.0's
/// client-credentials flow of `scheme`.
fn client_credentials_setters(
    bearer: &[String],
    scheme: &str,
    flow: &ClientCredentialsFlow,
    scope: &mut Scope,
) -> TokenStream {
    let with = format_ident!("{}", scope.unique("client_credentials_with".to_string()));
    let name = format_ident!("{}", scope.unique("client_credentials".to_string()));
    let url = &flow.token_url;
    let form = flow.form.iter().map(|(k, v)| quote!((#k, #v)));
    let doc = doc_attrs(&format!(
        "Bearer tokens for {} from OAuth 2.0's client-credentials grant at the token endpoint of {} ({}{}), with this client id and secret: tokens are cached until 10 s before they expire, concurrent requests share one token request, and a `401` renews the token and sends the request again, once. A failed token request is an [`Error::Token`].",
        bearer.join(", "),
        crate::docs::code(scheme),
        crate::docs::code(url),
        if url.contains("://") { "" } else { ", resolved against the base URL" },
    ));
    let with_doc = doc_attrs(&format!(
        "As [`ClientBuilder::{name}`], with the options of [`ClientCredentials`]: a `scope`, the refresh margin, the token request's timeout."
    ));
    quote! {
        #doc
        pub fn #name(self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
            self.#with(ClientCredentials::new(client_id, client_secret))
        }
        #with_doc
        pub fn #with(self, credentials: ClientCredentials) -> Self {
            self.token_endpoint(
                |s| s.kind == SchemeKind::Bearer,
                credentials,
                TokenEndpoint { url: #url, form: &[#(#form),*] },
            )
        }
    }
}

/// `basic_auth`, for the basic schemes `basic`.
fn basic_setter(basic: &[String], scope: &mut Scope) -> TokenStream {
    let name = format_ident!("{}", scope.unique("basic_auth".to_string()));
    let doc = doc_attrs(&format!(
        "The user and password of HTTP basic authentication, for {}.",
        basic.join(", ")
    ));
    quote! {
        #doc
        pub fn #name(self, user: &str, password: &str) -> Self {
            self.credential(|s| s.kind == SchemeKind::Basic, &basic_credential(user, password))
        }
    }
}

/// A setter per API key scheme: `api_key` when there is one, else named
/// after the scheme.
fn api_key_setters(ir: &Ir, scope: &mut Scope) -> Vec<TokenStream> {
    let mut setters = Vec::new();
    let keys: Vec<_> = ir
        .security_schemes
        .iter()
        .filter_map(|s| match &s.kind {
            SchemeKind::ApiKey { location, param } => Some((&s.name, *location, param)),
            _ => None,
        })
        .collect();
    for (scheme, location, param) in &keys {
        let base = if keys.len() == 1 {
            "api_key".to_string()
        } else {
            naming::field_name(scheme)
        };
        let name = format_ident!("{}", scope.unique(base));
        let place = match location {
            ApiKeyIn::Header => "header",
            ApiKeyIn::Query => "query parameter",
            ApiKeyIn::Cookie => "cookie",
        };
        let doc = doc_attrs(&format!(
            "The API key of {}, sent as the {place} {}.",
            crate::docs::code(scheme),
            crate::docs::code(param)
        ));
        setters.push(quote! {
            #doc
            pub fn #name(self, key: impl Into<String>) -> Self {
                self.credential(|s| s.name == #scheme, &key.into())
            }
        });
    }
    setters
}

/// Requirements as a constant: `&[&["a"], &["b", "c"]]`.
pub fn requirements(alternatives: &[Vec<String>]) -> TokenStream {
    let alternatives = alternatives.iter().map(|names| quote!(&[#(#names),*]));
    quote!(&[#(#alternatives),*])
}

/// Whether an operation's own requirements ask for what the description's
/// do. Bearer schemes count as one: the builder's `token` gives them all
/// the same token, so Auth0's `bearerAuth` or `oAuth2ClientCredentials`
/// asks what its default `bearerAuth` does.
pub fn same_as_default(ir: &Ir, own: &[Vec<String>]) -> bool {
    canonical(ir, own) == canonical(ir, &ir.security)
}

fn canonical(ir: &Ir, alternatives: &[Vec<String>]) -> std::collections::BTreeSet<Vec<String>> {
    alternatives
        .iter()
        .map(|names| {
            let mut names: Vec<String> = names
                .iter()
                .map(|name| {
                    let bearer = ir
                        .security_schemes
                        .iter()
                        .any(|s| s.name == *name && s.kind == SchemeKind::Bearer);
                    if bearer {
                        "\0bearer".to_string()
                    } else {
                        name.clone()
                    }
                })
                .collect();
            names.sort();
            names.dedup();
            names
        })
        .collect()
}
