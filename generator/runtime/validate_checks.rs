// The keyword checks of a generated crate's validators: lengths, bounds,
// `multipleOf`, item and property counts, `uniqueItems`, literal patterns,
// formats, `enum`, closed objects and `oneOf`, each adding its violations to
// a `Report` (`validate.rs`). The generated impls and the raw-JSON validator
// call them by their plain names. Copied, without the tests at the bottom,
// into every generated crate's `validate` module after `validate.rs` (see the
// top of that file for how, and for the seam).

#[doc(hidden)]
pub fn max_length(report: &mut Report, path: &Path<'_>, value: &str, max: usize) {
    // A string has at most as many code points as bytes.
    if value.len() > max {
        let count = value.chars().count();
        if count > max {
            report.fail(path, "maxLength", |subject| {
                format!("{subject} is {count} characters long; at most {max} are allowed")
            });
        }
    }
}

#[doc(hidden)]
pub fn min_length(report: &mut Report, path: &Path<'_>, value: &str, min: usize) {
    // A string has at least a quarter as many code points as bytes.
    if value.len() / 4 < min {
        let count = value.chars().count();
        if count < min {
            report.fail(path, "minLength", |subject| {
                format!("{subject} is {count} characters long; at least {min} are required")
            });
        }
    }
}

#[doc(hidden)]
pub fn minimum_int(report: &mut Report, path: &Path<'_>, value: i128, min: i128, exclusive: bool) {
    if value < min || (exclusive && value == min) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMinimum"
            } else {
                "minimum"
            },
            |subject| {
                let bound = if exclusive {
                    "greater than"
                } else {
                    "at least"
                };
                format!("{subject} is {value}; it must be {bound} {min}")
            },
        );
    }
}

#[doc(hidden)]
pub fn maximum_int(report: &mut Report, path: &Path<'_>, value: i128, max: i128, exclusive: bool) {
    if value > max || (exclusive && value == max) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMaximum"
            } else {
                "maximum"
            },
            |subject| {
                let bound = if exclusive { "less than" } else { "at most" };
                format!("{subject} is {value}; it must be {bound} {max}")
            },
        );
    }
}

#[doc(hidden)]
pub fn minimum_number(report: &mut Report, path: &Path<'_>, value: f64, min: f64, exclusive: bool) {
    if value < min || (exclusive && value == min) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMinimum"
            } else {
                "minimum"
            },
            |subject| {
                let bound = if exclusive {
                    "greater than"
                } else {
                    "at least"
                };
                format!("{subject} is {value}; it must be {bound} {min}")
            },
        );
    }
}

#[doc(hidden)]
pub fn maximum_number(report: &mut Report, path: &Path<'_>, value: f64, max: f64, exclusive: bool) {
    if value > max || (exclusive && value == max) {
        report.fail(
            path,
            if exclusive {
                "exclusiveMaximum"
            } else {
                "maximum"
            },
            |subject| {
                let bound = if exclusive { "less than" } else { "at most" };
                format!("{subject} is {value}; it must be {bound} {max}")
            },
        );
    }
}

#[doc(hidden)]
pub fn multiple_of_int(report: &mut Report, path: &Path<'_>, value: i128, factor: i128) {
    // `checked_rem` is `None` only for a minimum divided by -1, a multiple.
    if value.checked_rem(factor).is_some_and(|rest| rest != 0) {
        report.fail(path, "multipleOf", |subject| {
            format!("{subject} is {value}; it must be a multiple of {factor}")
        });
    }
}

#[doc(hidden)]
pub fn multiple_of_number(report: &mut Report, path: &Path<'_>, value: f64, factor: f64) {
    // The quotient must be a whole number; decimal factors such as 0.01
    // are not exact in binary, so allow for the rounding of the division.
    let quotient = value / factor;
    let whole = quotient.is_finite()
        && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0);
    if !whole {
        report.fail(path, "multipleOf", |subject| {
            format!("{subject} is {value}; it must be a multiple of {factor}")
        });
    }
}

#[doc(hidden)]
pub fn finite(report: &mut Report, path: &Path<'_>, value: f64) {
    if !value.is_finite() {
        report.fail(path, "type", |subject| {
            format!("{subject} is {value}, which JSON cannot carry (it would be sent as null)")
        });
    }
}

#[doc(hidden)]
pub fn min_items(report: &mut Report, path: &Path<'_>, len: usize, min: usize) {
    if len < min {
        report.fail(path, "minItems", |subject| {
            format!("{subject} has {len} items; at least {min} are required")
        });
    }
}

#[doc(hidden)]
pub fn max_items(report: &mut Report, path: &Path<'_>, len: usize, max: usize) {
    if len > max {
        report.fail(path, "maxItems", |subject| {
            format!("{subject} has {len} items; at most {max} are allowed")
        });
    }
}

#[doc(hidden)]
pub fn unique_items<T>(
    report: &mut Report,
    path: &Path<'_>,
    items: &[T],
    equal: impl Fn(&T, &T) -> bool,
) {
    for (later, item) in items.iter().enumerate() {
        if let Some(earlier) = items[..later].iter().position(|other| equal(other, item)) {
            report.fail(path, "uniqueItems", |subject| {
                format!("{subject} has equal items at {earlier} and {later}; items must be unique")
            });
            return;
        }
    }
}

#[doc(hidden)]
pub fn min_properties(report: &mut Report, path: &Path<'_>, count: usize, min: usize) {
    if count < min {
        report.fail(path, "minProperties", |subject| {
            if count == 0 {
                format!("{subject} is an empty object; at least {min} properties are required (an update must change something)")
            } else {
                format!("{subject} has {count} properties; at least {min} are required")
            }
        });
    }
}

#[doc(hidden)]
pub fn max_properties(report: &mut Report, path: &Path<'_>, count: usize, max: usize) {
    if count > max {
        report.fail(path, "maxProperties", |subject| {
            format!("{subject} has {count} properties; at most {max} are allowed")
        });
    }
}

/// A `pattern` that only asks for a prefix (`^https:\/\/.*`) or for the
/// whole text (`^abc$`), checked without a regex engine.
#[doc(hidden)]
pub fn pattern_literal(
    report: &mut Report,
    path: &Path<'_>,
    value: &str,
    literal: &str,
    exact: bool,
    source: &'static str,
) {
    let matches = if exact {
        value == literal
    } else {
        value.starts_with(literal)
    };
    if !matches {
        report.fail(path, "pattern", |subject| {
            format!("{subject} is {value:?}, which does not match the pattern {source}")
        });
    }
}

#[doc(hidden)]
pub fn format(
    report: &mut Report,
    path: &Path<'_>,
    value: &str,
    format: &'static str,
    valid: bool,
) {
    if !valid {
        report.fail(path, "format", |subject| {
            format!("{subject} is {value:?}, which is not a valid {format}")
        });
    }
}

#[doc(hidden)]
pub fn not_listed(
    report: &mut Report,
    path: &Path<'_>,
    value: &dyn ::std::fmt::Debug,
    allowed: &'static str,
) {
    report.fail(path, "enum", |subject| {
        format!("{subject} is {value:?}, which is not one of the allowed values: {allowed}")
    });
}

/// `additionalProperties: false`: each key of a struct's `extra` map is a violation.
#[doc(hidden)]
pub fn no_other_keys<'k>(
    report: &mut Report,
    path: &Path<'_>,
    keys: impl Iterator<Item = &'k String>,
    type_name: &'static str,
) {
    for key in keys {
        report.fail(&path.key(key), "additionalProperties", |subject| {
            format!("{subject} is not a property of {type_name}; the description allows no other")
        });
    }
}

/// JSON equality: numbers are equal when their values are, whatever their notation.
#[doc(hidden)]
pub fn json_equal(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_equal(x, y)))
        }
        _ => a == b,
    }
}

/// Checks a value against a list of allowed JSON values (for `enum`s of
/// objects, arrays or mixed types; allocates).
#[doc(hidden)]
pub fn allowed_json<T: ::serde::Serialize + ?Sized>(
    report: &mut Report,
    path: &Path<'_>,
    value: &T,
    allowed: &[&str],
    listed: &'static str,
) {
    let Ok(json) = ::serde_json::to_value(value) else {
        return;
    };
    let found = allowed.iter().any(|text| {
        ::serde_json::from_str::<::serde_json::Value>(text)
            .is_ok_and(|candidate| json_equal(&candidate, &json))
    });
    if !found {
        not_listed(report, path, &json, listed);
    }
}

/// Whether `check` finds no violation (nothing is recorded).
#[doc(hidden)]
pub fn passes(check: impl FnOnce(&mut Report)) -> bool {
    let mut report = Report::counting();
    check(&mut report);
    report.is_clean()
}

/// `oneOf`: with no branch matching, the violations of the branch the
/// value is held as (`own`); with several, one violation naming them.
#[doc(hidden)]
pub fn one_of<const N: usize>(
    report: &mut Report,
    path: &Path<'_>,
    matched: [bool; N],
    names: &[&str; N],
    own: impl FnOnce(&mut Report),
) {
    let count = matched.iter().filter(|m| **m).count();
    if count == 0 {
        own(report);
    } else if count > 1 {
        report.fail(path, "oneOf", |subject| {
            let names: Vec<&str> = names
                .iter()
                .zip(matched)
                .filter(|(_, m)| *m)
                .map(|(name, _)| *name)
                .collect();
            format!(
                "{subject} matches {count} branches of oneOf ({}); exactly one must match",
                names.join(", ")
            )
        });
    }
}

/// Whether `value`, sent as JSON and read back as a `U`, passes `check`:
/// how a `oneOf`/`anyOf` value is tried against another branch.
#[doc(hidden)]
pub fn matches_as<T: ::serde::Serialize + ?Sized, U: ::serde::de::DeserializeOwned>(
    value: &T,
    check: impl FnOnce(&U, &mut Report),
) -> bool {
    let Ok(json) = ::serde_json::to_value(value) else {
        return false;
    };
    let Ok(other) = U::deserialize(&json) else {
        return false;
    };
    let mut report = Report::counting();
    check(&other, &mut report);
    report.is_clean()
}

#[cfg(test)]
mod checks_tests {
    use super::*;

    fn violations(check: impl FnOnce(&mut Report)) -> Vec<Violation> {
        let mut report = Report::new();
        check(&mut report);
        match report.finish() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_violations(),
        }
    }

    #[test]
    fn string_lengths_count_characters() {
        assert!(violations(|r| max_length(r, &Path::Root, "ééé", 3)).is_empty());
        assert_eq!(
            violations(|r| max_length(r, &Path::Root, "éééé", 3)).len(),
            1
        );
        assert!(violations(|r| min_length(r, &Path::Root, "ééé", 3)).is_empty());
        let short = violations(|r| min_length(r, &Path::Root, "ééé", 4));
        assert_eq!(
            short[0].message,
            "the value is 3 characters long; at least 4 are required"
        );
        assert!(violations(|r| min_length(r, &Path::Root, "🦀🦀", 2)).is_empty());
        let long = "x".repeat(1 << 20);
        assert_eq!(
            violations(|r| max_length(r, &Path::Root, &long, 10)).len(),
            1
        );
    }

    #[test]
    fn numbers() {
        let root = &Path::Root;
        assert!(violations(|r| minimum_int(r, root, 5, 5, false)).is_empty());
        let found = violations(|r| minimum_int(r, root, 5, 5, true));
        assert_eq!(found[0].keyword, "exclusiveMinimum");
        assert_eq!(
            found[0].message,
            "the value is 5; it must be greater than 5"
        );
        assert_eq!(
            violations(|r| maximum_int(r, root, 6, 5, false))[0].keyword,
            "maximum"
        );
        assert!(violations(|r| maximum_number(r, root, 4.5, 5.0, true)).is_empty());
        assert_eq!(
            violations(|r| minimum_number(r, root, -0.1, 0.0, false)).len(),
            1
        );
        assert!(violations(|r| multiple_of_int(r, root, i128::MIN, -1)).is_empty());
        assert_eq!(violations(|r| multiple_of_int(r, root, 7, 2)).len(), 1);
        assert!(violations(|r| multiple_of_number(r, root, 0.3, 0.1)).is_empty());
        assert!(violations(|r| multiple_of_number(r, root, 19.99, 0.01)).is_empty());
        assert_eq!(
            violations(|r| multiple_of_number(r, root, 0.35, 0.1)).len(),
            1
        );
        assert_eq!(
            violations(|r| multiple_of_number(r, root, 1.0, 0.0)).len(),
            1
        );
        assert_eq!(violations(|r| finite(r, root, f64::NAN))[0].keyword, "type");
        assert!(violations(|r| finite(r, root, 1e308)).is_empty());
    }

    #[test]
    fn arrays_and_objects() {
        let root = &Path::Root;
        let found = violations(|r| unique_items(r, root, &[1, 2, 1, 2], |a, b| a == b));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the value has equal items at 0 and 2; items must be unique"
        );
        assert!(violations(|r| unique_items::<u8>(r, root, &[], |a, b| a == b)).is_empty());
        assert_eq!(violations(|r| max_items(r, root, 3, 2)).len(), 1);
        let empty = violations(|r| min_properties(r, root, 0, 1));
        assert!(empty[0].message.contains("an update must change something"));
        assert_eq!(violations(|r| max_properties(r, root, 3, 2)).len(), 1);
        let extra = ["b".to_owned(), "a/b".to_owned()];
        let found = violations(|r| no_other_keys(r, root, extra.iter(), "Thing"));
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].pointer, "/a~1b");
        assert_eq!(
            found[0].message,
            "b is not a property of Thing; the description allows no other"
        );
    }

    #[test]
    fn enums_and_json_values() {
        use ::serde_json::json;
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!json_equal(&json!(1), &json!(2)));
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"b": 1})));
        assert!(!json_equal(&json!([1]), &json!([1, 1])));
        assert!(!json_equal(&json!("1"), &json!(1)));
        let allowed = [r#"{"a":1}"#, "[1,2]", "not json"];
        let root = &Path::Root;
        assert!(
            violations(|r| allowed_json(r, root, &json!({"a": 1.0}), &allowed, "…")).is_empty()
        );
        let found = violations(|r| allowed_json(r, root, &json!([2, 1]), &allowed, "{…}, [1, 2]"));
        assert_eq!(found[0].keyword, "enum");
        assert_eq!(
            found[0].message,
            "the value is Array [Number(2), Number(1)], which is not one of the allowed values: {…}, [1, 2]"
        );
    }

    #[test]
    fn one_of_and_branches() {
        let root = &Path::Root;
        let names = &["A", "B", "C"];
        let own = |r: &mut Report| max_length(r, &Path::Root, "abcd", 3);
        assert!(violations(|r| one_of(r, root, [false, true, false], names, own)).is_empty());
        let none = violations(|r| one_of(r, root, [false; 3], names, own));
        assert_eq!(none[0].keyword, "maxLength");
        let many = violations(|r| one_of(r, root, [true, false, true], names, own));
        assert_eq!(
            many[0].message,
            "the value matches 2 branches of oneOf (A, C); exactly one must match"
        );
        // A value tried as another type, through JSON.
        let as_number = |n: &f64, r: &mut Report| maximum_number(r, &Path::Root, *n, 10.0, false);
        assert!(matches_as(&5u8, as_number));
        assert!(!matches_as(&50u8, as_number));
        assert!(!matches_as("text", as_number));
    }

    #[test]
    fn formats_and_literal_patterns() {
        let root = &Path::Root.key("when");
        assert!(violations(|r| format(r, root, "2024-01-01", "date", true)).is_empty());
        let found = violations(|r| format(r, root, "soon", "date", false));
        assert_eq!(
            found[0].to_string(),
            "/when: when is \"soon\", which is not a valid date (format)"
        );
        let found = violations(|r| not_listed(r, root, &"x", "\"a\", \"b\""));
        assert_eq!(found[0].keyword, "enum");
        let prefix = r"^https:\/\/.*";
        assert!(
            violations(|r| pattern_literal(r, root, "https://a", "https://", false, prefix))
                .is_empty()
        );
        assert_eq!(
            violations(|r| pattern_literal(r, root, "http://a", "https://", false, prefix)).len(),
            1
        );
        assert!(violations(|r| pattern_literal(r, root, "abc", "abc", true, "^abc$")).is_empty());
        let found = violations(|r| pattern_literal(r, root, "abcd", "abc", true, "^abc$"));
        assert_eq!(
            found[0].message,
            "when is \"abcd\", which does not match the pattern ^abc$"
        );
    }
}
