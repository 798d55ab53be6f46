//! An operation's responses (OpenAPI `responses` → [`Response`]s, by
//! status, `default` last): the media type read, its shape, and for
//! server-sent events the property their `event:` field fills.

use super::media::{is_event_stream, pick_media};
use super::{nullable_shape, Builder};
use crate::error::{pointer_token, Result};
use crate::front::resolve::SelectedOp;
use crate::ir::{Response, Shape};
use crate::naming;
use std::collections::BTreeMap;

impl Builder<'_> {
    /// The responses of an operation, in the description's order, `default` last.
    pub(super) fn responses(
        &mut self,
        sel: &SelectedOp<'_>,
        type_base: &str,
    ) -> Result<Vec<Response>> {
        let op = sel.op;
        let mut responses = Vec::new();
        let statuses = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| (code.to_string(), r))
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| ("default".to_string(), r)),
            );
        for (status, response) in statuses {
            let at = format!("{}/responses/{}", sel.pointer, pointer_token(&status));
            responses.push(self.response(status, response, &at, type_base)?);
        }
        Ok(responses)
    }

    /// The response for one status, at `at`.
    fn response(
        &mut self,
        status: String,
        response: &openapiv3::ReferenceOr<openapiv3::Response>,
        at: &str,
        type_base: &str,
    ) -> Result<Response> {
        let response = self.doc.response(response, at)?;
        // Server-sent events: the property the `event:` field fills.
        let event_property = pick_media(&response.content)
            .filter(|(content_type, _)| is_event_stream(content_type))
            .and_then(|(_, media)| self.resolved(media.schema.as_ref()?))
            .and_then(|schema| schema.schema_data.discriminator.as_ref())
            .filter(|d| {
                d.extensions.get("x-discriminator-context")
                    == Some(&serde_json::Value::from("protocol"))
            })
            .map(|d| d.property_name.clone());
        let (content_type, shape) = match pick_media(&response.content) {
            None => (None, None),
            Some((content_type, media)) => {
                let media_at = format!("{at}/content/{}/schema", pointer_token(content_type));
                let shape = match &media.schema {
                    Some(s) => {
                        let used = self.use_of(
                            s,
                            &format!("{type_base}Response{}", naming::type_name(&status)),
                            &media_at,
                        )?;
                        nullable_shape(used.shape, used.nullable)
                    }
                    None => Shape::Any,
                };
                (Some(content_type.to_string()), Some(shape))
            }
        };
        Ok(Response {
            status,
            docs: descriptions(&response.description, &response.extensions),
            content_type,
            shape,
            media_types: response.content.keys().cloned().collect(),
            event_property,
            headers: response.headers.keys().cloned().collect(),
        })
    }
}

/// `description`, then `x-description-1`, `x-description-2`, … by number.
fn descriptions(
    description: &str,
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Vec<String> {
    let mut extra: BTreeMap<u64, &str> = BTreeMap::new();
    for (k, v) in extensions {
        if let (Some(n), Some(text)) = (
            k.strip_prefix("x-description-")
                .and_then(|n| n.parse().ok()),
            v.as_str(),
        ) {
            extra.insert(n, text);
        }
    }
    std::iter::once(description)
        .chain(extra.into_values())
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim().to_string())
        .collect()
}
