//! `validate()` on a typical update (a display name, metadata and a few
//! options) and on a large one (every option set), and `validate_json()` on
//! the same two bodies as JSON.
//!
//! `cargo bench --bench validate`

#![recursion_limit = "256"]

use auth0_connections::{UpdateConnectionRequestContent, Validate, ValidateJson};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn typical() -> serde_json::Value {
    serde_json::json!({
        "display_name": "Corporate login",
        "metadata": {"team": "identity", "cost_center": "4711", "owner": "jane@example.com"},
        "options": {
            "passwordPolicy": "good",
            "password_history": {"enable": true, "size": 5},
            "precedence": ["email", "username", "phone_number"],
            "import_mode": false
        }
    })
}

fn large() -> serde_json::Value {
    serde_json::json!({
        "display_name": "Corporate login",
        "enabled_clients": ["client-1", "client-2"],
        "is_domain_connection": false,
        "show_as_button": true,
        "realms": ["example.com", "example.org"],
        "metadata": {
            "k0": "v", "k1": "v", "k2": "v", "k3": "v", "k4": "v",
            "k5": "v", "k6": "v", "k7": "v", "k8": "v", "k9": null
        },
        "authentication": {"active": true},
        "connected_accounts": {"active": false, "cross_app_access": true},
        "cross_app_access_requesting_app": {"active": true},
        "cross_app_access_resource_app": {"status": "enabled"},
        "options": {
            "validation": {"username": {"min": 1, "max": 15}},
            "non_persistent_attrs": ["ethnicity", "gender"],
            "precedence": ["email", "username", "phone_number"],
            "attributes": {
                "email": {
                    "identifier": {"active": true, "default_method": "password"},
                    "unique": true, "profile_required": true, "verification_method": "link",
                    "signup": {"status": "required", "verification": {"active": true}}
                },
                "phone_number": {
                    "identifier": {"active": true, "default_method": "phone_otp"},
                    "profile_required": false,
                    "signup": {"status": "optional", "verification": {"active": false}}
                },
                "username": {
                    "identifier": {"active": true}, "profile_required": false,
                    "signup": {"status": "inactive"},
                    "validation": {"min_length": 3, "max_length": 20,
                                   "allowed_types": {"email": false, "phone_number": false}}
                }
            },
            "enable_script_context": true,
            "enabledDatabaseCustomization": true,
            "import_mode": false,
            "configuration": {"API_KEY": "secret", "REGION": null},
            "customScripts": {"login": "function login() {}", "get_user": "function getUser() {}"},
            "authentication_methods": {
                "password": {"enabled": true, "api_behavior": "required", "signup_behavior": "allow"},
                "passkey": {"enabled": true},
                "email_otp": {"enabled": false},
                "phone_otp": {"enabled": false}
            },
            "passkey_options": {"challenge_ui": "both", "progressive_enrollment_enabled": true,
                                "local_enrollment_enabled": true},
            "passwordPolicy": "excellent",
            "password_complexity_options": {"min_length": 12},
            "password_history": {"enable": true, "size": 5},
            "password_no_personal_info": {"enable": true},
            "password_dictionary": {"enable": true, "dictionary": ["password", "auth0"]},
            "api_enable_users": true, "api_enable_groups": false, "basic_profile": true,
            "ext_admin": true, "ext_is_suspended": true, "ext_agreed_terms": true,
            "ext_groups": true, "ext_assigned_plans": true, "ext_profile": true,
            "disable_self_service_change_password": false,
            "upstream_params": {"screen_name": {"alias": "login_hint"}, "tenant": {"value": "acme"}},
            "set_user_root_attributes": "on_each_login",
            "gateway_authentication": {"method": "bearer", "audience": "https://gw.example.com",
                                       "secret": "s3cret", "secret_base64_encoded": false},
            "password_options": {
                "complexity": {"min_length": 12, "character_types": ["uppercase", "number"],
                               "character_type_rule": "all", "identical_characters": "block",
                               "sequential_characters": "block", "max_length_exceeded": "error"},
                "dictionary": {"active": true, "custom": ["acme"], "default": "en_10k"},
                "history": {"active": true, "size": 5},
                "profile_data": {"active": true, "blocked_fields": ["name"]}
            },
            "assertion_decryption_settings": {"algorithm_profile": "v2026-1",
                                              "algorithm_exceptions": ["rsa-1_5"]},
            "id_token_signed_response_algs": ["RS256", "PS256"],
            "dpop_signing_alg": "ES256",
            "token_endpoint_auth_method": "private_key_jwt",
            "token_endpoint_auth_signing_alg": "RS256",
            "token_endpoint_jwtca_aud_format": "issuer",
            "id_token_session_expiry_supported": true,
            "useOauthSpecScope": true,
            "discovery_url": "https://idp.example.com/.well-known/openid-configuration",
            "oidc_metadata": {
                "issuer": "https://idp.example.com/",
                "authorization_endpoint": "https://idp.example.com/authorize",
                "token_endpoint": "https://idp.example.com/token",
                "userinfo_endpoint": "https://idp.example.com/userinfo",
                "jwks_uri": "https://idp.example.com/.well-known/jwks.json",
                "end_session_endpoint": "https://idp.example.com/logout",
                "scopes_supported": ["openid", "profile", "email"],
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "claims_supported": ["sub", "email"]
            }
        }
    })
}

fn bench(c: &mut Criterion) {
    let (typical_json, large_json) = (typical(), large());
    let read = |json: &serde_json::Value| -> UpdateConnectionRequestContent {
        serde_json::from_value(json.clone()).expect("a valid update")
    };
    let (typical, large) = (read(&typical_json), read(&large_json));
    assert!(typical.validate().is_ok(), "{:?}", typical.validate());
    assert!(large.validate().is_ok(), "{:?}", large.validate());
    c.bench_function("validate typical update", |b| {
        b.iter(|| black_box(&typical).validate())
    });
    c.bench_function("validate large update (every option)", |b| {
        b.iter(|| black_box(&large).validate())
    });
    let validate_json = UpdateConnectionRequestContent::validate_json;
    assert!(validate_json(&typical_json).is_ok());
    assert!(validate_json(&large_json).is_ok());
    c.bench_function("validate_json typical update", |b| {
        b.iter(|| validate_json(black_box(&typical_json)))
    });
    c.bench_function("validate_json large update (every option)", |b| {
        b.iter(|| validate_json(black_box(&large_json)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
