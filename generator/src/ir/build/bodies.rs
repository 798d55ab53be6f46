//! An operation's request body (OpenAPI `requestBody` → [`Body`]): the
//! media type sent, its shape, and for a multipart form which of its
//! properties are files.

use super::media::{is_multipart, pick_request_media};
use super::{nullable_shape, Builder};
use crate::error::{pointer_token, Result};
use crate::front::resolve::SelectedOp;
use crate::ir::schema_view::{JsonType, View};
use crate::ir::{Body, Shape};
use openapiv3::{ReferenceOr, Schema};

impl Builder<'_> {
    /// The request body of an operation, when it has one with a media type.
    pub(super) fn request_body(
        &mut self,
        sel: &SelectedOp<'_>,
        type_base: &str,
    ) -> Result<Option<Body>> {
        let Some(body) = &sel.op.request_body else {
            return Ok(None);
        };
        let at = format!("{}/requestBody", sel.pointer);
        let body = self.doc.request_body(body, &at)?;
        let Some((content_type, media)) = pick_request_media(&body.content) else {
            return Ok(None);
        };
        let media_at = format!("{at}/content/{}/schema", pointer_token(content_type));
        let shape = match &media.schema {
            Some(s) => {
                let used = self.use_of(s, &format!("{type_base}Body"), &media_at)?;
                nullable_shape(used.shape, used.nullable)
            }
            None => Shape::Any,
        };
        let files = match (&media.schema, is_multipart(content_type)) {
            (Some(schema), true) => {
                self.losses.not_enforced(
                    &media_at,
                    "properties",
                    "a multipart/form-data body is sent from its parts: the constraints of its fields are not checked before sending",
                );
                self.file_properties(schema)
            }
            _ => Vec::new(),
        };
        Ok(Some(Body {
            content_type: content_type.to_string(),
            required: body.required,
            docs: self.rustdoc(body.description.as_deref()),
            shape,
            media_types: body.content.keys().cloned().collect(),
            files,
        }))
    }

    /// The properties of a `multipart/form-data` body's schema that are
    /// files (see [`is_file`]), or arrays of files, by wire name:
    /// those of the schema itself and of its `allOf` members.
    pub(super) fn file_properties(&self, schema: &ReferenceOr<Schema>) -> Vec<String> {
        let mut out = Vec::new();
        let mut pending = vec![(schema, 0)];
        while let Some((schema, depth)) = pending.pop() {
            let Some(schema) = self.resolved(schema) else {
                continue;
            };
            let view = View::of(schema);
            for (wire, property) in view.properties.into_iter().flatten() {
                let property = match property {
                    ReferenceOr::Reference { reference } => self.resolved_ref(reference),
                    ReferenceOr::Item(schema) => Some(schema.as_ref()),
                };
                let Some(property) = property else { continue };
                let items = View::of(property).items.and_then(|items| match items {
                    ReferenceOr::Reference { reference } => self.resolved_ref(reference),
                    ReferenceOr::Item(schema) => Some(schema.as_ref()),
                });
                if (is_file(property) || items.is_some_and(is_file)) && !out.contains(wire) {
                    out.push(wire.clone());
                }
            }
            if depth < 8 {
                pending.extend(view.all_of.iter().rev().map(|member| (member, depth + 1)));
            }
        }
        out
    }
}

/// Whether a schema is a file in a multipart body: a string of `format:
/// binary`, or (OpenAPI 3.1) one with `contentMediaType` or
/// `contentEncoding`.
fn is_file(schema: &Schema) -> bool {
    let view = View::of(schema);
    let dropped = view.data.extensions.get("x-codegen-dropped");
    let content = |keyword: &str| dropped.and_then(|d| d.get(keyword)).is_some();
    matches!(view.ty, Some(JsonType::String) | None)
        && (view.constraints.format.as_deref() == Some("binary")
            || content("contentMediaType")
            || content("contentEncoding"))
}
