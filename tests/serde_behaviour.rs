//! What the generated types do on the wire: three-state PATCH fields, open
//! objects that lose nothing, responses read tolerantly.

use auth0_connections::*;
use serde_json::{json, Value};

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serialises")
}

#[test]
fn patch_three_states_serialise_three_ways() {
    // A value: the key is written with it.
    let set = UpdateConnectionRequestContent {
        display_name: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#"{"display_name":"x"}"#
    );

    // Null: the key is written with null.
    let clear = UpdateConnectionRequestContent {
        options: Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&clear).unwrap(),
        r#"{"options":null}"#
    );

    // Absent: no key at all.
    let absent = UpdateConnectionRequestContent::default();
    assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
    assert!(absent.options.is_absent());
}

#[test]
fn patch_three_states_deserialise_three_ways() {
    let absent: UpdateConnectionRequestContent = serde_json::from_str("{}").unwrap();
    assert_eq!(absent.options, Patch::Absent);
    let null: UpdateConnectionRequestContent = serde_json::from_str(r#"{"options":null}"#).unwrap();
    assert_eq!(null.options, Patch::Null);
    let value: UpdateConnectionRequestContent =
        serde_json::from_str(r#"{"options":{"import_mode":true}}"#).unwrap();
    assert_eq!(
        value.options.value().and_then(|o| o.import_mode),
        Some(true)
    );
}

#[test]
fn nullable_fields_inside_options_are_three_state_too() {
    let options = UpdateConnectionOptions {
        non_persistent_attrs: Patch::Value(vec![]),
        password_policy: Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        to_value(&options),
        json!({"non_persistent_attrs": [], "passwordPolicy": null})
    );
}

#[test]
fn empty_collections_that_were_set_are_sent() {
    #[allow(deprecated)]
    let update = UpdateConnectionRequestContent {
        realms: Some(vec![]),
        metadata: Some(Default::default()),
        enabled_clients: Patch::Value(vec![]),
        ..Default::default()
    };
    assert_eq!(
        to_value(&update),
        json!({"realms": [], "metadata": {}, "enabled_clients": []})
    );
}

#[test]
fn metadata_values_may_be_null() {
    let mut metadata = ConnectionsMetadata::new();
    metadata.insert("team".into(), Some("identity".into()));
    metadata.insert("old".into(), None);
    let update = UpdateConnectionRequestContent {
        metadata: Some(metadata),
        ..Default::default()
    };
    assert_eq!(
        to_value(&update),
        json!({"metadata": {"old": null, "team": "identity"}})
    );
}

#[test]
fn open_options_keep_unknown_keys() {
    let sent = json!({
        "import_mode": false,
        "brand_new_option": {"nested": [1, 2, 3]},
        "another": "x",
        "passwordPolicy": "good"
    });
    let options: UpdateConnectionOptions = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(options.import_mode, Some(false));
    assert_eq!(
        options.extra.get("brand_new_option"),
        Some(&json!({"nested": [1, 2, 3]}))
    );
    assert_eq!(to_value(&options), sent);
}

/// A response as a newer server might send it: fields and enum values the
/// description does not know, and options of any shape.
fn newer_response() -> Value {
    json!({
        "id": "con_0000000000000001",
        "name": "corporate",
        "display_name": "Corporate",
        "strategy": "waad",
        "realms": ["example.com"],
        "is_domain_connection": false,
        "show_as_button": true,
        "metadata": {"team": "identity", "cleared": null},
        "authentication": {"active": true, "new_purpose_flag": 1},
        "connected_accounts": {"active": false, "cross_app_access": true, "allow_missing_user_id": false},
        "cross_app_access_resource_app": {"status": "paused_by_admin"},
        "a_field_from_the_future": {"x": [1, null, "y"]},
        "options": {
            "passwordPolicy": "extreme",
            "token_endpoint_auth_method": "tls_client_auth",
            "precedence": ["username", "email", "phone_number"],
            "upstream_params": {"screen_hint": {"value": "signup"}, "acr": {"alias": "acr_values"}},
            "password_complexity_options": {"min_length": 12},
            "configuration": {"secret_key": null, "other": "v"},
            "unknown_option": {"deep": {"deeper": [true]}},
            "tenant_domain": "example.auth0.com",
            "domain_aliases": ["example.com"]
        }
    })
}

#[test]
fn responses_with_unknown_fields_and_values_deserialise() {
    let response: UpdateConnectionResponseContent =
        serde_json::from_value(newer_response()).unwrap();
    assert_eq!(response.name.as_deref(), Some("corporate"));
    assert_eq!(
        response.extra.get("a_field_from_the_future"),
        Some(&json!({"x": [1, null, "y"]}))
    );
    let status = response
        .cross_app_access_resource_app
        .as_ref()
        .map(|app| &app.status);
    assert_eq!(
        status,
        Some(&CrossAppAccessResourceAppStatusEnum::Unknown(
            "paused_by_admin".into()
        ))
    );
    assert_eq!(
        response
            .authentication
            .as_ref()
            .and_then(|a| a.extra.get("new_purpose_flag")),
        Some(&json!(1))
    );
    // Everything read is written back as it came.
    assert_eq!(to_value(&response), newer_response());
}

#[test]
fn enum_values_round_trip_known_and_unknown() {
    let known: ConnectionPasswordPolicyEnum = serde_json::from_value(json!("good")).unwrap();
    assert_eq!(known, ConnectionPasswordPolicyEnum::Good);
    assert!(known.is_known());
    let unknown: ConnectionPasswordPolicyEnum = serde_json::from_value(json!("extreme")).unwrap();
    assert_eq!(
        unknown,
        ConnectionPasswordPolicyEnum::Unknown("extreme".into())
    );
    assert_eq!(to_value(&unknown), json!("extreme"));
    assert_eq!(
        ConnectionPasswordPolicyEnum::from("excellent").as_str(),
        "excellent"
    );
}

#[test]
fn response_options_become_an_update_without_losing_a_key() {
    let response: UpdateConnectionResponseContent =
        serde_json::from_value(newer_response()).unwrap();
    let read_options = response.options.clone().expect("options in the response");
    // Read-modify-write: the response's options, as the update's options.
    let mut options: UpdateConnectionOptions =
        serde_json::from_value(to_value(&read_options)).unwrap();
    options.import_mode = Some(true);
    let update = UpdateConnectionRequestContent {
        options: Patch::Value(options),
        ..Default::default()
    };
    let sent = to_value(&update);
    let mut expected = newer_response()["options"].clone();
    expected["import_mode"] = json!(true);
    assert_eq!(sent["options"], expected);
    // Unknown enum values, unions and nested unknown keys all came through.
    let typed: UpdateConnectionOptions = serde_json::from_value(expected).unwrap();
    assert_eq!(
        typed.password_policy,
        Patch::Value(ConnectionPasswordPolicyEnum::Unknown("extreme".into()))
    );
}

#[test]
fn one_of_picks_the_branch_that_fits() {
    let params: ConnectionUpstreamParams = serde_json::from_value(
        json!({"a": {"value": "x"}, "b": {"alias": "login_hint"}, "c": {"other": 1}}),
    )
    .unwrap();
    assert!(
        matches!(params.get("a"), Some(ConnectionUpstreamAdditionalProperties::Value(v)) if v.value.as_deref() == Some("x"))
    );
    assert!(
        matches!(params.get("b"), Some(ConnectionUpstreamAdditionalProperties::Alias(a)) if a.alias == Some(ConnectionUpstreamAliasEnum::LoginHint))
    );
    assert!(params.contains_key("c"));
    assert_eq!(
        to_value(&params),
        json!({"a": {"value": "x"}, "b": {"alias": "login_hint"}, "c": {"other": 1}})
    );
}

#[test]
fn null_is_kept_apart_from_absent_in_responses() {
    let response: UpdateConnectionResponseContent =
        serde_json::from_value(json!({"options": {"non_persistent_attrs": null}})).unwrap();
    let options = response.options.expect("options");
    assert_eq!(options.get("non_persistent_attrs"), Some(&Value::Null));
}

#[test]
fn the_build_rs_flavour_is_the_same_code() {
    let update = auth0_connections_build::UpdateConnectionRequestContent {
        display_name: Some("x".into()),
        options: auth0_connections_build::Patch::Null,
        ..Default::default()
    };
    let committed = UpdateConnectionRequestContent {
        display_name: Some("x".into()),
        options: Patch::Null,
        ..Default::default()
    };
    assert_eq!(to_value(&update), to_value(&committed));
}
