//! The keywords a schema constrains its values with (OpenAPI schema →
//! [`Constraints`]): those that cannot be carried over exactly are refused,
//! a `pattern` is compiled, and a non-string `enum` becomes allowed values.

use super::{classify, Builder, Class};
use crate::error::Result;
use crate::ir::schema_view::View;
use crate::ir::{Constraints, Pattern};

impl Builder<'_> {
    /// Refuses the keywords that cannot be carried over exactly: a
    /// `multipleOf` that is not positive, a length or count that is not a
    /// non-negative integer, `enum: []`, a lower count above the upper one.
    pub(super) fn numeric_keywords(&self, view: &View<'_>, at: &str) -> Result<()> {
        let dropped = view.data.extensions.get("x-codegen-dropped");
        let refuse = |keyword: &str, message: String| {
            Err(self
                .err(&format!("{at}/{keyword}"), message)
                .help("correct the keyword in the description"))
        };
        for keyword in [
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties",
        ] {
            // A number that is no count is refused; a value of another JSON
            // type is ignored and reported as a loss (see `audit`).
            if let Some(value) = dropped
                .and_then(|d| d.get(keyword))
                .filter(|v| v.is_number())
            {
                return refuse(
                    keyword,
                    format!("`{keyword}: {value}` must be a non-negative integer"),
                );
            }
        }
        if let Some(value) = dropped.and_then(|d| d.get("enum")) {
            if value.as_array().is_some_and(Vec::is_empty) {
                return refuse("enum", "`enum: []` admits no value at all".to_string());
            }
        }
        let c = &view.constraints;
        if let Some(factor) = c
            .multiple_of
            .filter(|f| f.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater))
        {
            return refuse(
                "multipleOf",
                format!("`multipleOf: {factor}` must be greater than 0"),
            );
        }
        for (low, high, min, max) in [
            ("minLength", "maxLength", c.min_length, c.max_length),
            ("minItems", "maxItems", c.min_items, c.max_items),
            (
                "minProperties",
                "maxProperties",
                c.min_properties,
                c.max_properties,
            ),
        ] {
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    return refuse(
                        low,
                        format!(
                            "`{low}: {min}` is greater than `{high}: {max}`: no value is valid"
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// The constraints a schema states itself: the keywords of the view, its
    /// `pattern` compiled (a bad one is reported here, not when the generated
    /// code runs) and the values of an `enum` that is not a string enum.
    pub(super) fn constraints(&mut self, view: &View<'_>, at: &str) -> Result<Constraints> {
        self.numeric_keywords(view, at)?;
        let mut c = view.constraints.clone();
        if let Some(source) = view.pattern {
            // One pattern never stops a description: one that does not
            // compile (even rewritten from another dialect) is not checked,
            // and the report says so.
            match Pattern::compile(source) {
                Ok(pattern) => c.pattern = Some(pattern),
                Err(e) => self.losses.not_enforced(
                    at,
                    "pattern",
                    format!("the pattern {source:?} is not an ECMA-262 regular expression ({e}), nor one rewritten exactly from another dialect; it is not checked"),
                ),
            }
        }
        if !view.enumeration.is_empty() && !matches!(classify(view), Class::Enum) {
            // `null` is a matter of nullability; an enum of `null` alone allows no other value.
            c.allowed = Some(view.values().cloned().collect());
        }
        Ok(c)
    }
}
