// The `runtime` module of a generated crate: the three-state `Patch` field
// and the helpers the generated types and their serde attributes call. It
// depends on nothing but `serde` and `serde_json`.
//
// Ordinary Rust, compiled, linted and unit-tested as part of the workspace
// (the crate in `runtime/` `include!`s it as its `runtime` module), and copied
// into every generated crate by `generator/src/emit/runtime.rs`: the
// generator `include_str!`s this file, parses it with `syn`, drops every
// item marked `#[cfg(test)]` and prints the rest as the module. It uses
// nothing from the generated crate. Plain `//` comments are not copied.

/// A field that can be absent, `null`, or a value: the three states of a
/// field in a PATCH body.
///
/// * [`Patch::Absent`] leaves the key out, so the server leaves the field as it is;
/// * [`Patch::Null`] sends `null`, which clears the field;
/// * [`Patch::Value`] sends the value.
///
/// Read from a response, a missing key gives `Absent` and `null` gives `Null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Patch<T> {
    /// Not sent: the key is left out.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T> Patch<T> {
    /// `true` for [`Patch::Absent`] (used to leave the key out).
    pub const fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// `true` for [`Patch::Null`].
    pub const fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// The value, if there is one.
    pub const fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one, mutably.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Patch::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Patch::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Maps the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(value) => Patch::Value(f(value)),
        }
    }

    /// `Some(value)` sends the value, `None` sends `null`.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Value(value),
            None => Patch::Null,
        }
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Patch<T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(value) => value.serialize(serializer),
            // `Absent` is skipped by the field's `skip_serializing_if`;
            // anywhere else it can only be written as null.
            Patch::Absent | Patch::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Patch<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A missing key never gets here: the field's `default` makes it `Absent`.
        Ok(Patch::from_option(Option::<T>::deserialize(deserializer)?))
    }
}

/// Reads a required field that may be null: a missing key is an error,
/// not a null.
#[doc(hidden)]
pub fn required_nullable<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)
}

/// Reads an optional field of a request type that the description does
/// not allow to be null: `null` is an error that names the field (it
/// would otherwise read as an absent field, and be sent as one).
#[doc(hidden)]
pub fn not_null<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(
    deserializer: D,
    field: &'static str,
) -> Result<Option<T>, D::Error> {
    match <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)? {
        Some(value) => Ok(Some(value)),
        None => Err(<D::Error as ::serde::de::Error>::custom(format_args!(
            "`{field}` is null, which the description does not allow; leave the key out to leave the field as it is"
        ))),
    }
}

/// Converts one generated type into another through their JSON form:
/// the read-modify-write of an open object. The connection `options`
/// of a response become the `options` of an update with every key,
/// known or not:
/// `let options: UpdateConnectionOptions = convert(&response.options)?;`
pub fn convert<A, B>(value: &A) -> Result<B, ::serde_json::Error>
where
    A: ::serde::Serialize + ?Sized,
    B: ::serde::de::DeserializeOwned,
{
    ::serde_json::from_value(::serde_json::to_value(value)?)
}

/// Whether `value` is an object whose keys are all in `known`.
#[doc(hidden)]
pub fn keys_within(value: &::serde_json::Value, known: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|object| object.keys().all(|key| known.contains(&key.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::serde::{Deserialize, Serialize};
    use ::serde_json::json;

    /// A PATCH body as the generated types write it.
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        name: Patch<String>,
        #[serde(default, deserialize_with = "required_nullable")]
        required: Option<u32>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "strict"
        )]
        strict: Option<bool>,
    }

    fn strict<'de, D: ::serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        not_null(d, "strict")
    }

    #[test]
    fn three_states_are_written() {
        let absent = Body::default();
        assert_eq!(
            ::serde_json::to_value(&absent).unwrap(),
            json!({"required": null})
        );
        let null = Body {
            name: Patch::Null,
            ..Body::default()
        };
        assert_eq!(
            ::serde_json::to_value(&null).unwrap(),
            json!({"name": null, "required": null})
        );
        let value = Body {
            name: "x".to_string().into(),
            required: Some(1),
            strict: Some(true),
        };
        assert_eq!(
            ::serde_json::to_value(&value).unwrap(),
            json!({"name": "x", "required": 1, "strict": true})
        );
        // Outside a field that skips it, `Absent` can only be written as null.
        assert_eq!(
            ::serde_json::to_value(Patch::<u8>::Absent).unwrap(),
            json!(null)
        );
    }

    #[test]
    fn three_states_are_read() {
        let body: Body = ::serde_json::from_value(json!({"required": 2})).unwrap();
        assert_eq!(body.name, Patch::Absent);
        let body: Body = ::serde_json::from_value(json!({"name": null, "required": 2})).unwrap();
        assert_eq!(body.name, Patch::Null);
        let body: Body = ::serde_json::from_value(json!({"name": "a", "required": null})).unwrap();
        assert_eq!(body.name, Patch::Value("a".to_string()));
        assert_eq!(body.required, None);
    }

    #[test]
    fn null_where_not_allowed_names_the_field() {
        let error = ::serde_json::from_value::<Body>(json!({"required": 1, "strict": null}))
            .unwrap_err()
            .to_string();
        assert!(error.contains("`strict` is null"), "{error}");
        let body: Body = ::serde_json::from_value(json!({"required": 1, "strict": false})).unwrap();
        assert_eq!(body.strict, Some(false));
    }

    #[test]
    fn accessors() {
        let mut patch = Patch::from(3);
        assert!(!patch.is_absent() && !patch.is_null());
        assert_eq!(patch.value(), Some(&3));
        *patch.value_mut().unwrap() += 1;
        assert_eq!(patch.map(|v| v * 2), Patch::Value(8));
        assert_eq!(patch.into_value(), Some(4));
        assert!(Patch::<u8>::default().is_absent());
        assert!(Patch::<u8>::Null.is_null());
        assert_eq!(Patch::<u8>::Null.map(|v| v + 1), Patch::Null);
        assert_eq!(Patch::<u8>::Absent.map(|v| v + 1), Patch::Absent);
        assert_eq!(Patch::<u8>::Null.value(), None);
        assert_eq!(Patch::<u8>::Absent.into_value(), None);
        assert_eq!(Patch::from_option(Some(1)), Patch::Value(1));
        assert_eq!(Patch::<u8>::from_option(None), Patch::Null);
    }

    #[test]
    fn convert_keeps_every_key() {
        let from = json!({"a": 1, "unknown": {"deep": [true]}});
        let to: ::std::collections::BTreeMap<String, ::serde_json::Value> = convert(&from).unwrap();
        assert_eq!(to.len(), 2);
        assert_eq!(to["unknown"], json!({"deep": [true]}));
        assert!(convert::<_, u8>(&from).is_err());
    }

    #[test]
    fn keys_within_known() {
        assert!(keys_within(&json!({"a": 1}), &["a", "b"]));
        assert!(keys_within(&json!({}), &[]));
        assert!(!keys_within(&json!({"c": 1}), &["a", "b"]));
        assert!(!keys_within(&json!([1]), &["a"]));
        assert!(!keys_within(&json!(null), &["a"]));
    }
}
