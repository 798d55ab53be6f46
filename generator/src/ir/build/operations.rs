//! Operations (a chosen OpenAPI operation → [`Operation`]): its names, then
//! its parameters, request body and responses built in turn, its scopes,
//! group and deprecation; and the webhooks, built like operations for
//! their payload types only.

use super::Builder;
use crate::error::{pointer_token, Result};
use crate::front::resolve::SelectedOp;
use crate::ir::{Operation, OperationGroup};
use crate::naming::{self, Scope};

impl Builder<'_> {
    /// The payload types of the webhooks (OpenAPI 3.1 `webhooks`, kept by
    /// the normaliser under `x-codegen-dropped`): each operation's request
    /// body, and its responses, as types and validators. A webhook is
    /// received, not called: it has no client method.
    pub(super) fn webhooks(&mut self, fn_scope: &mut Scope) -> Result<()> {
        let Some(webhooks) = self
            .doc
            .api
            .extensions
            .get("x-codegen-dropped")
            .and_then(|d| d.get("webhooks"))
            .and_then(|w| w.as_object())
        else {
            return Ok(());
        };
        for (name, item) in webhooks {
            let at = format!("/webhooks/{}", pointer_token(name));
            let item: openapiv3::PathItem = match serde_json::from_value(item.clone()) {
                Ok(item) => item,
                // A webhook that is itself a `$ref` to a path item, or not
                // one at all: nothing to type.
                Err(_) => continue,
            };
            for (method, op) in item.iter() {
                let sel = SelectedOp {
                    path: name,
                    method: crate::front::resolve::method_name(method),
                    op,
                    path_params: &item.parameters,
                    pointer: format!("{at}/{method}"),
                };
                // Built like an operation for its types; the operation itself is dropped.
                let mut scope = fn_scope.clone();
                self.operation(&sel, &mut scope)?;
            }
        }
        Ok(())
    }

    /// One operation, its method named uniquely in `fn_scope`.
    pub(super) fn operation(
        &mut self,
        sel: &SelectedOp<'_>,
        fn_scope: &mut Scope,
    ) -> Result<Operation> {
        let op = sel.op;
        let id = op
            .operation_id
            .clone()
            .unwrap_or_else(|| derived_id(sel.method, sel.path));
        let fn_name = fn_scope.unique(naming::field_name(&id));
        let type_base = naming::type_name(&id);
        self.owner = usize::MAX;
        let params = self.parameters(sel, &type_base)?;
        let body = self.request_body(sel, &type_base)?;
        let responses = self.responses(sel, &type_base)?;
        let scopes = scopes(op.security.as_ref().or(self.doc.api.security.as_ref()));
        Ok(Operation {
            id,
            fn_name,
            method: sel.method.to_string(),
            path: sel.path.to_string(),
            summary: op.summary.clone(),
            docs: self.rustdoc(op.description.as_deref()),
            deprecated: is_deprecated(op),
            tags: op.tags.clone(),
            params,
            body,
            responses,
            scopes,
            security: op
                .security
                .as_deref()
                .map(crate::ir::security::requirements),
            group: operation_group(&op.extensions),
            pagination: None,
        })
    }
}

/// Every scope the security requirements name, once each, in their order.
fn scopes(requirements: Option<&Vec<openapiv3::SecurityRequirement>>) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for requirement in requirements.into_iter().flatten() {
        for list in requirement.values() {
            for scope in list {
                if !scopes.contains(scope) {
                    scopes.push(scope.clone());
                }
            }
        }
    }
    scopes
}

/// `deprecated: true`, or `x-release-lifecycle: deprecated` (any case).
fn is_deprecated(op: &openapiv3::Operation) -> bool {
    op.deprecated
        || op
            .extensions
            .get("x-release-lifecycle")
            .and_then(|v| v.as_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("deprecated"))
}

/// `x-operation-group` (a string or an array of strings) and
/// `x-operation-name`; anything else there is ignored, as the extensions are
/// only used to place the client's methods in groups.
fn operation_group(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Option<OperationGroup> {
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let path = match extensions.get("x-operation-group")? {
        serde_json::Value::Array(items) => items.iter().map(text).collect::<Option<Vec<_>>>()?,
        other => vec![text(other)?],
    };
    let name = text(extensions.get("x-operation-name")?)?;
    (!path.is_empty()).then_some(OperationGroup { path, name })
}

/// A name for an operation without an operationId: `patch /connections/{id}` → `patch_connections_by_id`.
fn derived_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                id.push_str("by_");
                id.push_str(param);
            }
            None => id.push_str(segment),
        }
    }
    id
}
