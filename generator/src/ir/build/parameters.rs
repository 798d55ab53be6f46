//! An operation's parameters (OpenAPI `parameters` of the path item and of
//! the operation → [`Param`]s): their shapes, styles and Rust names, path
//! parameters first in the order of the path template.

use super::{nullable_shape, Builder};
use crate::error::{pointer_token, Result};
use crate::front::resolve::SelectedOp;
use crate::ir::{Param, ParamLocation, ParamStyle, Shape};
use crate::naming::{self, Scope};
use openapiv3::ParameterSchemaOrContent;

impl Builder<'_> {
    /// The parameters of an operation: path-level ones first, the
    /// operation's own replacing those with the same name and place; then
    /// sorted with the path parameters (the method's arguments) first, in
    /// the order of the path template, the others in the description's order.
    pub(super) fn parameters(
        &mut self,
        sel: &SelectedOp<'_>,
        type_base: &str,
    ) -> Result<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        let mut param_scope = Scope::new();
        for (i, p) in sel.path_params.iter().chain(&sel.op.parameters).enumerate() {
            let at = if i < sel.path_params.len() {
                format!("/paths/{}/parameters/{i}", pointer_token(sel.path))
            } else {
                format!("{}/parameters/{}", sel.pointer, i - sel.path_params.len())
            };
            let Some(param) = self.parameter(p, &at, type_base)? else {
                continue;
            };
            let location = param.location;
            match params
                .iter_mut()
                .find(|q| q.name == param.name && q.location == location)
            {
                Some(existing) => {
                    *existing = Param {
                        rust_name: existing.rust_name.clone(),
                        ..param
                    }
                }
                None => params.push(Param {
                    rust_name: param_scope.unique(naming::field_name(&param.name)),
                    ..param
                }),
            }
        }
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => (0, template_position(sel.path, &p.name)),
            _ => (1, 0),
        });
        Ok(params)
    }

    /// One parameter at `at`, its Rust name still empty; `None` for a
    /// header parameter OpenAPI says to ignore.
    fn parameter(
        &mut self,
        p: &openapiv3::ReferenceOr<openapiv3::Parameter>,
        at: &str,
        type_base: &str,
    ) -> Result<Option<Param>> {
        let p = self.doc.parameter(p, at)?;
        let data = p.parameter_data_ref();
        let style = self.param_style(p, at);
        let location = match p {
            openapiv3::Parameter::Path { .. } => ParamLocation::Path,
            openapiv3::Parameter::Query { .. } => ParamLocation::Query,
            openapiv3::Parameter::Header { .. } => ParamLocation::Header,
            openapiv3::Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        // OpenAPI: header parameters with these names are ignored (the
        // body's media type, the response's and the security scheme say them).
        if location == ParamLocation::Header
            && ["content-type", "accept", "authorization"]
                .iter()
                .any(|n| data.name.eq_ignore_ascii_case(n))
        {
            return Ok(None);
        }
        let shape = match &data.format {
            ParameterSchemaOrContent::Schema(s) => {
                let used = self.use_of(
                    s,
                    &format!("{type_base}{}", naming::type_name(&data.name)),
                    &format!("{at}/schema"),
                )?;
                nullable_shape(used.shape, used.nullable)
            }
            ParameterSchemaOrContent::Content(_) => {
                self.losses.untyped_by(
                    format!("{at}/content"),
                    "content",
                    "a parameter described by `content` rather than `schema` is untyped",
                );
                Shape::Any
            }
        };
        let required = data.required || location == ParamLocation::Path;
        // An optional parameter is already an `Option`: its `null` is its absence.
        let shape = match shape {
            Shape::Nullable(inner) if !required => *inner,
            shape => shape,
        };
        Ok(Some(Param {
            name: data.name.clone(),
            rust_name: String::new(),
            location,
            required,
            docs: self.rustdoc(data.description.as_deref()),
            shape,
            style,
        }))
    }

    /// A parameter's `style` and `explode` (by default `true` for `form`,
    /// `false` for the others). `spaceDelimited` and `pipeDelimited` with
    /// `explode: true`, which OpenAPI does not define, are sent in the
    /// exploded `form` style instead (`a=1&a=2`), recorded as a loss.
    pub(super) fn param_style(&mut self, p: &openapiv3::Parameter, at: &str) -> ParamStyle {
        use openapiv3::{Parameter, PathStyle, QueryStyle};
        let explode = p.parameter_data_ref().explode;
        if let Parameter::Query {
            allow_reserved: true,
            ..
        } = p
        {
            self.losses.not_enforced(
                at,
                "allowReserved",
                "reserved characters (`:/?#[]@!$&'()*+,;=`) in the value are percent-encoded all the same",
            );
        }
        match p {
            Parameter::Query { style, .. } => match style {
                QueryStyle::Form => ParamStyle::Form {
                    explode: explode.unwrap_or(true),
                },
                QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited if explode == Some(true) => {
                    let name = match style {
                        QueryStyle::SpaceDelimited => "spaceDelimited",
                        _ => "pipeDelimited",
                    };
                    self.losses.not_enforced(
                        at,
                        "explode",
                        format!(
                            "`{name}` with `explode: true` is not defined by OpenAPI: \
                             the value is sent in the exploded `form` style (`a=1&a=2`)"
                        ),
                    );
                    ParamStyle::Form { explode: true }
                }
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            },
            Parameter::Path { style, .. } => {
                let explode = explode.unwrap_or(false);
                match style {
                    PathStyle::Simple => ParamStyle::Simple { explode },
                    PathStyle::Label => ParamStyle::Label { explode },
                    PathStyle::Matrix => ParamStyle::Matrix { explode },
                }
            }
            Parameter::Header { .. } => ParamStyle::Simple {
                explode: explode.unwrap_or(false),
            },
            Parameter::Cookie { .. } => ParamStyle::Form {
                explode: explode.unwrap_or(true),
            },
        }
    }
}

/// Where `{name}` stands in a path template (after every placeholder when it does not).
fn template_position(path: &str, name: &str) -> usize {
    path.find(&format!("{{{name}}}")).unwrap_or(path.len())
}
