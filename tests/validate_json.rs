//! `validate_json`: the raw-JSON validator of every generated type, on the
//! committed crate `generated/` (Auth0's connection update). What it says is
//! what the description says of the JSON; `tests/validate_differential.rs`
//! compares its verdicts with the `jsonschema` crate's on generated bodies.

use auth0_connections::validate::validate_connections_metadata_json;
use auth0_connections::*;
use serde_json::{json, Value};

/// `(pointer, keyword)` of every violation of a body.
fn raw(body: Value) -> Vec<(String, &'static str)> {
    match UpdateConnectionRequestContent::validate_json(&body) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .violations()
            .iter()
            .map(|v| (v.pointer.clone(), v.keyword))
            .collect(),
    }
}

fn one(pointer: &str, keyword: &'static str) -> Vec<(String, &'static str)> {
    vec![(pointer.to_string(), keyword)]
}

#[test]
fn null_only_where_the_description_allows_it() {
    // The three fields the typed model used to read as absent.
    assert_eq!(
        raw(json!({"display_name": null})),
        one("/display_name", "type")
    );
    assert_eq!(raw(json!({"realms": null})), one("/realms", "type"));
    assert_eq!(raw(json!({"metadata": null})), one("/metadata", "type"));
    // `options` and `enabled_clients` allow null; so do metadata values.
    assert_eq!(raw(json!({"options": null})), vec![]);
    assert_eq!(raw(json!({"enabled_clients": null})), vec![]);
    assert_eq!(raw(json!({"metadata": {"team": null}})), vec![]);
    // `ConnectionPasswordPolicyEnum` lists null; `ConnectionTokenEndpointAuthMethodEnum`
    // has type null but no null in its enum, so null is not valid.
    assert_eq!(raw(json!({"options": {"passwordPolicy": null}})), vec![]);
    assert_eq!(
        raw(json!({"options": {"token_endpoint_auth_method": null}})),
        one("/options/token_endpoint_auth_method", "type")
    );
    // Items of an array that does not allow null.
    assert_eq!(
        raw(json!({"realms": ["a", null]})),
        one("/realms/1", "type")
    );
    // The message says what and where.
    let errors =
        UpdateConnectionRequestContent::validate_json(&json!({"display_name": null})).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "the value breaks a constraint of the description: /display_name: display_name is null; the description expects a string (type)"
    );
}

#[test]
fn json_types_are_checked() {
    assert_eq!(
        raw(json!({"show_as_button": "yes"})),
        one("/show_as_button", "type")
    );
    assert_eq!(
        raw(json!({"display_name": 7})),
        one("/display_name", "type")
    );
    assert_eq!(
        raw(json!({"realms": "example.com"})),
        one("/realms", "type")
    );
    assert_eq!(raw(json!([])), one("", "type"));
    assert_eq!(raw(json!("x")), one("", "type"));
    // JSON Schema counts a number without a fraction as an integer, whatever
    // its notation; the typed model (an `i64`) does not read `1.0`.
    let history =
        |size: Value| json!({"options": {"password_history": {"enable": true, "size": size}}});
    assert_eq!(raw(history(json!(1.0))), vec![]);
    assert_eq!(
        raw(history(json!(1.5))),
        one("/options/password_history/size", "type")
    );
    assert!(serde_json::from_value::<UpdateConnectionRequestContent>(history(json!(1.0))).is_err());
}

#[test]
fn unknown_keys_of_closed_objects_are_violations() {
    assert_eq!(
        raw(json!({"display_name": "x", "unknown": 1})),
        one("/unknown", "additionalProperties")
    );
    assert_eq!(
        raw(json!({"authentication": {"active": true, "b/c": 1}})),
        one("/authentication/b~1c", "additionalProperties")
    );
    // `options` is an open object: other keys are kept and sent.
    assert_eq!(
        raw(json!({"options": {"an_option_from_the_future": [1]}})),
        vec![]
    );
}

#[test]
fn required_keys_and_object_counts() {
    assert_eq!(raw(json!({})), one("", "minProperties"));
    assert_eq!(
        raw(json!({"authentication": {}})),
        one("/authentication", "required")
    );
    let metadata: serde_json::Map<String, Value> =
        (0..11).map(|i| (format!("k{i}"), json!("v"))).collect();
    assert_eq!(
        raw(json!({"metadata": metadata})),
        one("/metadata", "maxProperties")
    );
}

#[test]
fn keywords_as_validate_checks_them() {
    assert_eq!(raw(json!({"display_name": "日".repeat(128)})), vec![]);
    assert_eq!(
        raw(json!({"display_name": "日".repeat(129)})),
        one("/display_name", "maxLength")
    );
    assert_eq!(
        raw(json!({"metadata": {"team": "v".repeat(256)}})),
        one("/metadata/team", "maxLength")
    );
    assert_eq!(
        raw(json!({"options": {"passwordPolicy": "nope"}})),
        one("/options/passwordPolicy", "enum")
    );
    assert_eq!(
        raw(json!({"options": {"oidc_metadata": {"issuer": "not a uri"}}})),
        one("/options/oidc_metadata/issuer", "format")
    );
    assert_eq!(
        raw(json!({"options": {"password_history": {"enable": true, "size": 25}}})),
        one("/options/password_history/size", "maximum")
    );
    assert_eq!(
        raw(json!({"options": {"precedence": []}})),
        one("/options/precedence", "minItems")
    );
}

#[test]
fn one_of_must_match_exactly_one_branch() {
    let param = |value: Value| raw(json!({"options": {"upstream_params": {"p": value}}}));
    // `{}` matches both all-optional branches.
    assert_eq!(param(json!({})), one("/options/upstream_params/p", "oneOf"));
    assert_eq!(param(json!({"alias": "login_hint"})), vec![]);
    assert_eq!(param(json!({"value": "x"})), vec![]);
    // Neither branch (each allows no other key).
    assert_eq!(
        param(json!({"alias": "login_hint", "value": "x"})),
        one("/options/upstream_params/p", "oneOf")
    );
    assert_eq!(param(json!(7)), one("/options/upstream_params/p", "oneOf"));
}

#[test]
fn every_violation_is_reported() {
    let body = json!({
        "display_name": null,
        "realms": [1, null],
        "unknown": true,
        "options": {"passwordPolicy": "nope", "precedence": []},
    });
    assert_eq!(
        raw(body),
        vec![
            ("/display_name".to_string(), "type"),
            ("/options/precedence".to_string(), "minItems"),
            ("/options/passwordPolicy".to_string(), "enum"),
            ("/realms/0".to_string(), "type"),
            ("/realms/1".to_string(), "type"),
            ("/unknown".to_string(), "additionalProperties"),
        ]
    );
}

#[test]
fn agrees_with_validate_on_what_the_types_can_hold() {
    for body in [
        json!({"display_name": "x".repeat(200)}),
        json!({"metadata": {"a": "b"}, "options": {"passwordPolicy": "good"}}),
        json!({"options": {"upstream_params": {"p": {}}}}),
        json!({"options": {"password_history": {"enable": true, "size": 0}}}),
        json!({}),
    ] {
        let update: UpdateConnectionRequestContent =
            serde_json::from_value(body.clone()).expect("reads");
        let typed = update.validate().map_err(|e| e.into_violations());
        let raw =
            UpdateConnectionRequestContent::validate_json(&body).map_err(|e| e.into_violations());
        assert_eq!(raw, typed, "{body}");
    }
}

#[test]
fn every_type_has_an_entry_point() {
    // A struct, an enum, a union: the trait.
    assert!(UpdateConnectionOptions::validate_json(&json!({"import_mode": true})).is_ok());
    assert!(ConnectionPasswordPolicyEnum::validate_json(&json!("good")).is_ok());
    assert!(ConnectionPasswordPolicyEnum::validate_json(&json!("nope")).is_err());
    assert!(ConnectionUpstreamAdditionalProperties::validate_json(&json!({"value": "x"})).is_ok());
    // An alias: a function beside its typed one.
    assert!(validate_connections_metadata_json(&json!({"a": "b"})).is_ok());
    assert!(validate_connections_metadata_json(&json!({"a": 1})).is_err());
}
