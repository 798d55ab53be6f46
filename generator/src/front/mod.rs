//! Stages 1 and 2, the front end: a description's bytes → one resolved
//! OpenAPI document. `parse` reads JSON or YAML into a JSON value; `load`
//! checks the version, brings in the files `$ref`s reach (`bundle`, within
//! the roots `confine` allows; `deep_refs` for pointers below components),
//! brings 3.1 onto the 3.0 model (`normalize`) and deserialises it;
//! `resolve` follows references and selects the operations. `locate` maps a
//! JSON Pointer back to a line and column for errors.

pub(crate) mod bundle;
pub(crate) mod confine;
pub(crate) mod deep_refs;
pub mod load;
pub mod locate;
pub(crate) mod normalize;
pub(crate) mod parse;
pub(crate) mod resolve;
