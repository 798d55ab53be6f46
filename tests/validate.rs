//! The generated validators, keyword by keyword, at their limits, on the
//! committed crate `generated/` (Auth0's connection update).

use auth0_connections::validate::{is_uri, Violation};
use auth0_connections::*;
use std::collections::BTreeMap;

/// `(pointer, keyword)` of every violation.
fn violations(value: &impl Validate) -> Vec<(String, &'static str)> {
    match value.validate() {
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

fn named(name: &str) -> UpdateConnectionRequestContent {
    UpdateConnectionRequestContent {
        display_name: Some(name.to_string()),
        ..Default::default()
    }
}

fn with_options(options: UpdateConnectionOptions) -> UpdateConnectionRequestContent {
    UpdateConnectionRequestContent {
        options: Patch::Value(options),
        ..Default::default()
    }
}

/// Reads a body as the client would be given it, then validates it.
fn read(json: &str) -> Result<Vec<(String, &'static str)>, String> {
    let body: UpdateConnectionRequestContent =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(violations(&body))
}

#[test]
fn max_length_counts_code_points_not_bytes() {
    assert!(named(&"a".repeat(128)).validate().is_ok());
    assert_eq!(
        violations(&named(&"a".repeat(129))),
        one("/display_name", "maxLength")
    );
    // 128 three-byte characters: 384 bytes, 128 code points.
    assert!(named(&"日".repeat(128)).validate().is_ok());
    assert_eq!(
        violations(&named(&"日".repeat(129))),
        one("/display_name", "maxLength")
    );
}

#[test]
fn the_message_says_what_is_wrong() {
    let errors = named(&"a".repeat(131)).validate().unwrap_err();
    let [violation] = errors.violations() else {
        panic!("one violation expected: {errors}");
    };
    assert_eq!(
        violation,
        &Violation {
            pointer: "/display_name".into(),
            keyword: "maxLength",
            message: "display_name is 131 characters long; at most 128 are allowed".into(),
        }
    );
    assert_eq!(
        errors.to_string(),
        "the value breaks a constraint of the description: /display_name: display_name is 131 characters long; at most 128 are allowed (maxLength)"
    );
}

#[test]
fn metadata_holds_at_most_ten_keys() {
    let metadata = |n: usize| -> ConnectionsMetadata {
        (0..n)
            .map(|i| (format!("k{i}"), Some("v".into())))
            .collect()
    };
    let update = |n| UpdateConnectionRequestContent {
        metadata: Some(metadata(n)),
        ..Default::default()
    };
    assert!(update(10).validate().is_ok());
    assert_eq!(violations(&update(11)), one("/metadata", "maxProperties"));
    // An alias has a function of its own.
    assert!(validate::validate_connections_metadata(&metadata(10)).is_ok());
    assert!(validate::validate_connections_metadata(&metadata(11)).is_err());
}

#[test]
fn metadata_values_hold_at_most_255_characters_or_null() {
    let update = |value: Option<String>| UpdateConnectionRequestContent {
        metadata: Some(BTreeMap::from([("team".to_string(), value)])),
        ..Default::default()
    };
    // 255 four-byte characters pass: 1,020 bytes.
    assert!(update(Some("😀".repeat(255))).validate().is_ok());
    assert_eq!(
        violations(&update(Some("😀".repeat(256)))),
        one("/metadata/team", "maxLength")
    );
    assert!(update(None).validate().is_ok());
}

#[test]
fn precedence_needs_three_items() {
    use ConnectionIdentifierPrecedenceEnum::*;
    let update = |items: Vec<ConnectionIdentifierPrecedenceEnum>| {
        with_options(UpdateConnectionOptions {
            precedence: Some(items),
            ..Default::default()
        })
    };
    assert!(update(vec![Email, PhoneNumber, Username])
        .validate()
        .is_ok());
    assert_eq!(
        violations(&update(vec![Email, Username])),
        one("/options/precedence", "minItems")
    );
}

#[test]
fn an_update_that_changes_nothing_is_rejected() {
    assert_eq!(
        violations(&UpdateConnectionRequestContent::default()),
        one("", "minProperties")
    );
    // Sending null counts: it clears the options.
    let clear = UpdateConnectionRequestContent {
        options: Patch::Null,
        ..Default::default()
    };
    assert!(clear.validate().is_ok());
    assert_eq!(read("{}"), Ok(one("", "minProperties")));
}

#[test]
fn closed_objects_reject_keys_they_do_not_list() {
    let mut update = named("x");
    update
        .extra
        .insert("nmae".into(), serde_json::json!("typo"));
    assert_eq!(violations(&update), one("/nmae", "additionalProperties"));
    // The extra key counts towards minProperties too: one violation, not two.
    let mut only_extra = UpdateConnectionRequestContent::default();
    only_extra.extra.insert("x".into(), serde_json::json!(1));
    assert_eq!(violations(&only_extra), one("/x", "additionalProperties"));
    // Open objects keep and accept them.
    let mut options = UpdateConnectionOptions::default();
    options
        .extra
        .insert("future_option".into(), serde_json::json!({"a": 1}));
    assert!(with_options(options).validate().is_ok());
}

#[test]
fn null_only_where_the_description_allows_it() {
    let round_trip = |json: &str| {
        let update: UpdateConnectionRequestContent = serde_json::from_str(json).expect("reads");
        serde_json::to_value(&update).expect("writes")
    };
    // `ConnectionPasswordPolicyEnum` lists null: a `Patch`, and null is sent.
    assert_eq!(read(r#"{"options": {"passwordPolicy": null}}"#), Ok(vec![]));
    assert_eq!(
        round_trip(r#"{"options": {"passwordPolicy": null}}"#),
        serde_json::json!({"options": {"passwordPolicy": null}})
    );
    // `ConnectionTokenEndpointAuthMethodEnum` has type null but no null in its
    // enum: the field is an `Option`, so null cannot be sent, nor read in a
    // request type.
    assert_eq!(
        read(r#"{"options": {"token_endpoint_auth_method": "private_key_jwt"}}"#),
        Ok(vec![])
    );
    assert!(read(r#"{"options": {"token_endpoint_auth_method": null}}"#).is_err());
}

#[test]
fn reading_null_depends_on_the_direction() {
    // A type only request bodies use: `null` in an optional field that does
    // not allow it is an error naming the field (it used to read as absent).
    for field in ["display_name", "realms", "metadata", "show_as_button"] {
        let error = read(&format!(r#"{{"{field}": null}}"#)).unwrap_err();
        assert!(
            error.starts_with(&format!(
                "`{field}` is null, which the description does not allow; leave the key out to leave the field as it is at line 1 column"
            )),
            "{error}"
        );
    }
    assert_eq!(
        read(r#"{"display_name": null}"#).unwrap_err(),
        "`display_name` is null, which the description does not allow; leave the key out to leave the field as it is at line 1 column 22"
    );
    // Nested request types too (`UpdateConnectionOptions`, `ConnectionPasswordHistoryOptions`).
    assert!(read(r#"{"options": {"import_mode": null}}"#)
        .unwrap_err()
        .starts_with("`import_mode` is null"));
    assert!(
        read(r#"{"options": {"password_history": {"enable": true, "size": null}}}"#)
            .unwrap_err()
            .starts_with("`size` is null")
    );
    // Where null is allowed it reads as null, and is sent.
    assert_eq!(read(r#"{"options": null}"#), Ok(vec![]));
    assert_eq!(read(r#"{"metadata": {"team": null}}"#), Ok(vec![]));
    // A null in an array that does not allow it is an error in any type.
    assert!(read(r#"{"realms": ["a", null]}"#).is_err());

    // A type that a response uses too is read tolerantly: `null` is absent,
    // and the value would be sent without the key.
    let update: UpdateConnectionRequestContent = serde_json::from_str(
        r#"{"connected_accounts": {"active": true, "cross_app_access": null}}"#,
    )
    .expect("reads");
    assert_eq!(
        serde_json::to_value(&update).expect("writes"),
        serde_json::json!({"connected_accounts": {"active": true}})
    );
    // `validate_json` tells: that body breaks the description.
    assert!(
        UpdateConnectionRequestContent::validate_json(&serde_json::json!(
            {"connected_accounts": {"active": true, "cross_app_access": null}}
        ))
        .is_err()
    );
    // Responses are read tolerantly.
    let response: UpdateConnectionResponseContent =
        serde_json::from_str(r#"{"display_name": null, "realms": null}"#).expect("reads");
    assert_eq!(response.display_name, None);
    assert_eq!(response.realms, None);
}

#[test]
fn one_of_must_match_exactly_one_branch() {
    let param = |json: &str| {
        read(&format!(
            r#"{{"options": {{"upstream_params": {{"p": {json}}}}}}}"#
        ))
    };
    // `{}` matches both all-optional branches.
    assert_eq!(param("{}"), Ok(one("/options/upstream_params/p", "oneOf")));
    assert_eq!(param(r#"{"alias": "login_hint"}"#), Ok(vec![]));
    assert_eq!(param(r#"{"value": "x"}"#), Ok(vec![]));
    assert_eq!(
        param(r#"{"alias": "nope"}"#),
        Ok(one("/options/upstream_params/p/alias", "enum"))
    );
    assert_eq!(
        param(r#"{"alias": "login_hint", "value": "x"}"#).map(|v| v.len()),
        Ok(1)
    );
    assert_eq!(
        param(r#""a string""#),
        Ok(one("/options/upstream_params/p", "oneOf"))
    );
    // Built in code, the same.
    let empty = ConnectionUpstreamAdditionalProperties::Value(ConnectionUpstreamValue::default());
    let errors = empty.validate().unwrap_err();
    assert!(
        errors.violations()[0].message.contains("Alias, Value"),
        "{errors}"
    );
}

#[test]
fn format_uri() {
    let update = |issuer: &str| {
        with_options(UpdateConnectionOptions {
            oidc_metadata: Patch::Value(ConnectionsOidcMetadata {
                issuer: Some(issuer.into()),
                ..Default::default()
            }),
            ..Default::default()
        })
    };
    assert!(update("https://tenant.auth0.com/").validate().is_ok());
    assert_eq!(
        violations(&update("tenant.auth0.com/ with spaces")),
        one("/options/oidc_metadata/issuer", "format")
    );
    for good in [
        "https://example.com",
        "https://user:pw@example.com:8443/a/b?q=1&r#frag",
        "urn:isbn:0451450523",
        "mailto:someone@example.com",
        "http://[2001:db8::7]/c=GB?objectClass?one",
        "http://[v7.fe80::1]/",
        "foo+bar-baz.1:x",
        "https://example.com/%41%62",
        "http:",
    ] {
        assert!(is_uri(good), "{good} is a URI");
    }
    for bad in [
        "",
        "example.com",
        "//example.com",
        "1http://example.com",
        "https://exa mple.com",
        "https://example.com/%4",
        "https://example.com/%zz",
        "https://[::zz]/",
        "https://example.com:80a/",
        "https://example.com/日本",
        "https://example.com/a#b#c",
        "https://example.com/{x}",
    ] {
        assert!(!is_uri(bad), "{bad} is not a URI");
    }
}

#[test]
fn pattern() {
    let update = |url: &str| {
        with_options(UpdateConnectionOptions {
            oidc_metadata: Patch::Value(ConnectionsOidcMetadata {
                end_session_endpoint: Some(url.into()),
                ..Default::default()
            }),
            ..Default::default()
        })
    };
    assert!(update("https://tenant.auth0.com/logout").validate().is_ok());
    assert_eq!(
        violations(&update("http://tenant.auth0.com/logout")),
        one("/options/oidc_metadata/end_session_endpoint", "pattern")
    );
}

#[test]
fn unknown_enum_values_are_violations_in_a_request() {
    let update = |alg: ConnectionDpopSigningAlgEnum| {
        with_options(UpdateConnectionOptions {
            dpop_signing_alg: Some(alg),
            ..Default::default()
        })
    };
    assert!(update(ConnectionDpopSigningAlgEnum::Es256)
        .validate()
        .is_ok());
    let errors = update(ConnectionDpopSigningAlgEnum::from("HS256"))
        .validate()
        .unwrap_err();
    assert_eq!(errors.violations()[0].pointer, "/options/dpop_signing_alg");
    assert_eq!(errors.violations()[0].keyword, "enum");
    assert!(
        errors.violations()[0].message.contains(r#""ES256""#),
        "{errors}"
    );
    // A listed value held as unknown is still sent as that value.
    assert!(
        update(ConnectionDpopSigningAlgEnum::Unknown("ES256".into()))
            .validate()
            .is_ok()
    );
}

#[test]
fn integer_bounds() {
    let history = |size: i64| {
        with_options(UpdateConnectionOptions {
            password_history: Patch::Value(ConnectionPasswordHistoryOptions {
                enable: true,
                size: Some(size),
                ..Default::default()
            }),
            ..Default::default()
        })
    };
    assert!(history(0).validate().is_ok());
    assert!(history(24).validate().is_ok());
    assert_eq!(
        violations(&history(25)),
        one("/options/password_history/size", "maximum")
    );
    assert_eq!(
        violations(&history(-1)),
        one("/options/password_history/size", "minimum")
    );
}

#[test]
fn numbers_must_be_finite_and_in_bounds() {
    let username = |min_length: f64| {
        with_options(UpdateConnectionOptions {
            attributes: Some(ConnectionAttributes {
                username: Some(UsernameAttribute {
                    validation: Some(UsernameValidation {
                        min_length: Some(min_length),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        })
    };
    let at = "/options/attributes/username/validation/min_length";
    assert!(username(1.0).validate().is_ok());
    assert_eq!(violations(&username(0.5)), one(at, "minimum"));
    assert_eq!(violations(&username(128.5)), one(at, "maximum"));
    // NaN would be sent as null.
    assert_eq!(violations(&username(f64::NAN)), one(at, "type"));
}

#[test]
fn integer_fields_take_only_json_integers() {
    // JSON Schema counts 1.0 as an integer; the typed model holds an i64 and
    // serde does not read one from a float. A deliberate limit of the types
    // (the differential test leaves these bodies out).
    assert!(read(r#"{"options": {"password_history": {"enable": true, "size": 1}}}"#).is_ok());
    assert!(read(r#"{"options": {"password_history": {"enable": true, "size": 1.0}}}"#).is_err());
}

#[test]
fn every_violation_is_reported() {
    let mut update = named(&"a".repeat(200));
    update.metadata = Some(
        (0..12)
            .map(|i| (format!("k{i}"), Some("v".repeat(300))))
            .collect(),
    );
    update.options = Patch::Value(UpdateConnectionOptions {
        precedence: Some(vec![]),
        ..Default::default()
    });
    let errors = update.validate().unwrap_err();
    // display_name, 12 values, the metadata count, precedence.
    assert_eq!(errors.violations().len(), 15, "{errors}");
    let text = errors.to_string();
    assert!(
        text.starts_with("the value breaks 15 constraints"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 16);
    assert!(
        text.contains("/metadata/k11: k11 is 300 characters long"),
        "{text}"
    );
}

#[test]
fn pointers_escape_slash_and_tilde() {
    let update = UpdateConnectionRequestContent {
        metadata: Some(BTreeMap::from([(
            "a/b~c".to_string(),
            Some("v".repeat(256)),
        )])),
        ..Default::default()
    };
    assert_eq!(violations(&update), one("/metadata/a~1b~0c", "maxLength"));
}

#[test]
fn required_purposes_validate_through() {
    // `authentication` requires `active`; a body without it does not read.
    assert!(read(r#"{"authentication": {}}"#).is_err());
    assert_eq!(read(r#"{"authentication": {"active": true}}"#), Ok(vec![]));
    assert_eq!(
        read(r#"{"authentication": {"active": true, "other": 1}}"#),
        Ok(one("/authentication/other", "additionalProperties"))
    );
}

#[test]
fn a_pattern_that_does_not_compile_is_not_checked_and_is_reported() {
    let spec = r##"{
        "openapi": "3.1.0",
        "info": {"title": "Bad pattern", "version": "1"},
        "paths": {"/x": {"post": {"operationId": "postX",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}},
            "responses": {"200": {"description": "OK"}}}}},
        "components": {"schemas": {"X": {"type": "object", "properties": {
            "code": {"type": "string", "pattern": "^[a-z"}}}}}
    }"##;
    let source = openapi_rustgen::load::Source::from_bytes("bad.json", spec);
    let generated = openapi_rustgen::Config::new()
        .generate_crate_from(&source, "bad")
        .unwrap_or_else(|e| panic!("{e}"));
    // The field is kept; only the check is dropped, with its pointer and why.
    let losses: Vec<_> = generated.losses.iter().collect();
    assert_eq!(losses.len(), 1, "{}", generated.losses);
    assert_eq!(
        (losses[0].pointer.as_str(), losses[0].keyword.as_str()),
        ("/components/schemas/X/properties/code", "pattern")
    );
    assert!(losses[0].reason.contains("^[a-z"), "{}", losses[0].reason);
    let types = generated
        .files
        .iter()
        .find(|f| f.path.ends_with("src/types.rs"))
        .expect("types.rs");
    assert!(types.contents.contains("pub code: Option<String>"));
}
