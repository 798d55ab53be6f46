//! The `runtime` module: the few pieces every generated crate shares, emitted
//! once into it so that it depends on nothing but `serde` and `serde_json`.

use proc_macro2::TokenStream;
use quote::quote;

pub fn module() -> TokenStream {
    quote! {
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
        pub fn required_nullable<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
            <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)
        }

        /// Reads an optional field of a request type that the description does
        /// not allow to be null: `null` is an error that names the field (it
        /// would otherwise read as an absent field, and be sent as one).
        #[doc(hidden)]
        pub fn not_null<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D, field: &'static str) -> Result<Option<T>, D::Error> {
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
            value.as_object().is_some_and(|object| object.keys().all(|key| known.contains(&key.as_str())))
        }
    }
}
