// The raw-JSON validator of a generated crate, its walker: `ValidateJson`
// and `check_json`, which walk a value along its `JsonSchema` table
// (`json_schema.rs`). Emitted into the `validate` module after the items of
// `validate.rs`, `validate_checks.rs` (`Report`, `Path` and the keyword
// checks, which it calls) and `json_schema.rs`, next to one `JsonSchema`
// table and one `impl ValidateJson` per generated type. This file is not a
// module of the generator: `emit::validate_json` parses its text and copies
// its items without the unit tests at the bottom (`emit::runtime::items`).
// It is compiled, linted and unit-tested by the `runtime` crate of the
// workspace, which `include!`s it after the others, with a stand-in table.

/// A generated type whose JSON form can be checked as it is, before (or
/// instead of) reading it: every way the JSON breaks the description.
pub trait ValidateJson {
    /// The description's schema of the type, as a table.
    #[doc(hidden)]
    const JSON_SCHEMA: &'static JsonSchema;

    /// Every way `value` breaks the description, each with the JSON Pointer
    /// of the offending value, or `Ok(())`: a `null` where none is allowed, a
    /// key the description does not allow, a wrong JSON type, a missing
    /// required key, and every keyword [`Validate`] checks. A valid value is
    /// checked without allocating.
    fn validate_json(value: &::serde_json::Value) -> Result<(), ValidationErrors> {
        validate_json(Self::JSON_SCHEMA, value)
    }
}

/// Checks `value` against a [`JsonSchema`] table (what
/// [`ValidateJson::validate_json`] and the `validate_…_json` functions of the
/// aliases call).
#[doc(hidden)]
pub fn validate_json(
    schema: &JsonSchema,
    value: &::serde_json::Value,
) -> Result<(), ValidationErrors> {
    let mut report = Report::new();
    check_json(schema, value, &Path::Root, &mut report, 0);
    report.finish()
}

/// How deep a value may nest below the value being validated (`serde_json`
/// reads at most 128 levels; a value built in code may have more).
const JSON_DEPTH_LIMIT: usize = 256;

/// Adds the violations of `value`, found at `path`, to `report`.
#[doc(hidden)]
pub fn check_json(
    schema: &JsonSchema,
    value: &::serde_json::Value,
    path: &Path<'_>,
    report: &mut Report,
    depth: usize,
) {
    use ::serde_json::Value;
    if depth > JSON_DEPTH_LIMIT {
        report.fail(path, "depth", |subject| {
            format!("{subject} is nested more than {JSON_DEPTH_LIMIT} levels deep; it is not checked further")
        });
        return;
    }
    if value.is_null() && schema.types & json_type::NULL != 0 {
        return;
    }
    if let JsonInner::Named(named) = schema.inner {
        check_json(named, value, path, report, depth + 1);
    } else if !matches!(schema.inner, JsonInner::Union(_))
        && !json_type_accepts(schema.types, value)
    {
        // (A union has no type of its own: its branches say what they take.)
        let expected = json_type_names(schema.types);
        report.fail(path, "type", |subject| {
            format!(
                "{subject} is {}; the description expects {expected}",
                json_type_of(value)
            )
        });
        return;
    }
    json_keywords(schema.keywords, value, path, report);
    match (&schema.inner, value) {
        (JsonInner::Items(item), Value::Array(items)) => {
            for (index, value) in items.iter().enumerate() {
                check_json(item, value, &path.index(index), report, depth + 1);
            }
        }
        (JsonInner::Values(each), Value::Object(object)) => {
            for (key, value) in object {
                check_json(each, value, &path.key(key), report, depth + 1);
            }
        }
        (JsonInner::Object(shape), Value::Object(object)) => {
            check_json_object(shape, object, path, report, depth)
        }
        (JsonInner::Union(union), _) => check_json_union(union, value, path, report, depth),
        _ => {}
    }
}

/// Adds the violations of the keywords of `value`'s own JSON type, and of
/// `enum`, to `report`: `check_json`'s step.
fn json_keywords(
    keywords: &JsonKeywords,
    value: &::serde_json::Value,
    path: &Path<'_>,
    report: &mut Report,
) {
    use ::serde_json::Value;
    match value {
        Value::String(text) => json_string_keywords(keywords, text, path, report),
        Value::Number(number) => json_number_keywords(keywords, number, path, report),
        Value::Array(items) => {
            if let Some(min) = keywords.min_items {
                min_items(report, path, items.len(), min);
            }
            if let Some(max) = keywords.max_items {
                max_items(report, path, items.len(), max);
            }
            if keywords.unique_items {
                unique_items(report, path, items.as_slice(), json_equal);
            }
        }
        Value::Object(object) => {
            if let Some(min) = keywords.min_properties {
                min_properties(report, path, object.len(), min);
            }
            if let Some(max) = keywords.max_properties {
                max_properties(report, path, object.len(), max);
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
    if let Some((allowed, listed)) = keywords.allowed {
        if !value.is_null()
            && !allowed
                .iter()
                .any(|candidate| json_const_equals(candidate, value))
        {
            not_listed(report, path, &format_args!("{value}"), listed);
        }
    }
}

fn json_string_keywords(keywords: &JsonKeywords, text: &str, path: &Path<'_>, report: &mut Report) {
    if let Some(min) = keywords.min_length {
        min_length(report, path, text, min);
    }
    if let Some(max) = keywords.max_length {
        max_length(report, path, text, max);
    }
    match keywords.pattern {
        Some(JsonPattern::Literal(literal, exact, source)) => {
            pattern_literal(report, path, text, literal, exact, source)
        }
        Some(JsonPattern::Regex(find, source)) => {
            let found = find(text);
            if found != Some(true) {
                report.fail(path, "pattern", |subject| match found {
                    Some(_) => {
                        format!("{subject} is {text:?}, which does not match the pattern {source}")
                    }
                    None => format!(
                        "whether {subject} matches the pattern {source} could not be decided"
                    ),
                });
            }
        }
        None => {}
    }
    if let Some((name, valid)) = keywords.format {
        format(report, path, text, name, valid(text));
    }
}

fn json_number_keywords(
    keywords: &JsonKeywords,
    number: &::serde_json::Number,
    path: &Path<'_>,
    report: &mut Report,
) {
    use ::std::cmp::Ordering;
    if let Some((min, exclusive)) = keywords.minimum {
        let order = json_number_cmp(number, min);
        if order == Ordering::Less || (exclusive && order == Ordering::Equal) {
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
                    format!("{subject} is {number}; it must be {bound} {min}")
                },
            );
        }
    }
    if let Some((max, exclusive)) = keywords.maximum {
        let order = json_number_cmp(number, max);
        if order == Ordering::Greater || (exclusive && order == Ordering::Equal) {
            report.fail(
                path,
                if exclusive {
                    "exclusiveMaximum"
                } else {
                    "maximum"
                },
                |subject| {
                    let bound = if exclusive { "less than" } else { "at most" };
                    format!("{subject} is {number}; it must be {bound} {max}")
                },
            );
        }
    }
    if let Some(factor) = keywords.multiple_of {
        let whole = match (number.as_i64(), json_integral(factor)) {
            (Some(value), Some(factor)) if factor != 0 => {
                value.checked_rem(factor).map_or(true, |rest| rest == 0)
            }
            _ => {
                let quotient = number.as_f64().unwrap_or(f64::NAN) / factor;
                quotient.is_finite()
                    && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
            }
        };
        if !whole {
            report.fail(path, "multipleOf", |subject| {
                format!("{subject} is {number}; it must be a multiple of {factor}")
            });
        }
    }
}

/// A bound that is a whole number within the range of `i64`.
fn json_integral(bound: f64) -> Option<i64> {
    (bound.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&bound))
        .then_some(bound as i64)
}

/// How a JSON number compares with a bound, exactly (a 64-bit integer is not
/// rounded to a float when the bound is a whole number).
fn json_number_cmp(number: &::serde_json::Number, bound: f64) -> ::std::cmp::Ordering {
    use ::std::cmp::Ordering;
    if let Some(bound) = json_integral(bound) {
        if let Some(value) = number.as_i64() {
            return value.cmp(&bound);
        }
        if number.is_u64() {
            // Beyond `i64::MAX`, above every bound that fits an `i64`.
            return Ordering::Greater;
        }
    }
    // A fractional bound is below 2^53 in magnitude, where the rounding of
    // a large integer to a float cannot cross it.
    number
        .as_f64()
        .and_then(|value| value.partial_cmp(&bound))
        .unwrap_or(Ordering::Equal)
}

fn check_json_object(
    shape: &JsonObjectSchema,
    object: &::serde_json::Map<String, ::serde_json::Value>,
    path: &Path<'_>,
    report: &mut Report,
    depth: usize,
) {
    let mut named = 0;
    for &(key, schema) in shape.properties {
        if let Some(value) = object.get(key) {
            named += 1;
            check_json(schema, value, &path.key(key), report, depth + 1);
        }
    }
    for key in shape.required {
        if !object.contains_key(*key) {
            report.fail(path, "required", |subject| {
                format!("{subject} lacks the required property {key:?}")
            });
        }
    }
    if named == object.len() {
        return;
    }
    let is_property = |key: &str| shape.properties.iter().any(|(name, _)| *name == key);
    match shape.other {
        None => {
            let type_name = shape.name;
            for key in object.keys().filter(|key| !is_property(key)) {
                report.fail(&path.key(key), "additionalProperties", |subject| {
                    format!("{subject} is not a property of {type_name}; the description allows no other")
                });
            }
        }
        Some(other) => {
            for (key, value) in object.iter().filter(|(key, _)| !is_property(key)) {
                check_json(other, value, &path.key(key), report, depth + 1);
            }
        }
    }
}

// Not formatted: rustfmt would wrap a closure's body in braces, a change of
// the generated code (the generator drops the attribute).
#[rustfmt::skip]
fn check_json_union(
    union: &JsonUnionSchema,
    value: &::serde_json::Value,
    path: &Path<'_>,
    report: &mut Report,
    depth: usize,
) {
    let mut matched = 0;
    let mut first = None;
    for (index, (_, branch)) in union.branches.iter().enumerate() {
        if passes(|report| check_json(branch, value, path, report, depth + 1)) {
            matched += 1;
            first.get_or_insert(index);
            if !union.one_of {
                return;
            }
        }
    }
    let keyword = if union.one_of { "oneOf" } else { "anyOf" };
    match matched {
        1 => {}
        0 => {
            // The one branch of the value's JSON type says best what is wrong.
            let mut typed = union
                .branches
                .iter()
                .filter(|(_, branch)| json_branch_takes(branch, value));
            match (typed.next(), typed.next()) {
                (Some((_, branch)), None) => check_json(branch, value, path, report, depth + 1),
                _ => {
                    let names: Vec<&str> = union.branches.iter().map(|(name, _)| *name).collect();
                    report.fail(path, keyword, |subject| {
                        format!(
                            "{subject} matches none of the branches of {keyword} ({})",
                            names.join(", ")
                        )
                    });
                }
            }
        }
        count => {
            let names: Vec<&str> = union
                .branches
                .iter()
                .filter(|(_, branch)| passes(|report| check_json(
                    branch, value, path, report, depth + 1,
                )))
                .map(|(name, _)| *name)
                .collect();
            report.fail(path, keyword, |subject| {
                format!(
                    "{subject} matches {count} branches of oneOf ({}); exactly one must match",
                    names.join(", ")
                )
            });
        }
    }
}

/// Whether a branch takes values of this JSON type at all.
fn json_branch_takes(branch: &JsonSchema, value: &::serde_json::Value) -> bool {
    let mut schema = branch;
    for _ in 0..JSON_DEPTH_LIMIT {
        match schema.inner {
            JsonInner::Named(named)
                if !(value.is_null() && schema.types & json_type::NULL != 0) =>
            {
                schema = named
            }
            JsonInner::Union(_) => return true,
            _ => return json_type_accepts(schema.types, value),
        }
    }
    true
}

fn json_type_accepts(types: u8, value: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    let bit = match value {
        Value::Null => json_type::NULL,
        Value::Bool(_) => json_type::BOOLEAN,
        Value::Number(number) => {
            let integral = number.is_i64()
                || number.is_u64()
                || number.as_f64().is_some_and(|f| f.fract() == 0.0);
            if integral {
                json_type::INTEGER | json_type::NUMBER
            } else {
                json_type::NUMBER
            }
        }
        Value::String(_) => json_type::STRING,
        Value::Array(_) => json_type::ARRAY,
        Value::Object(_) => json_type::OBJECT,
    };
    types & bit != 0
}

fn json_type_of(value: &::serde_json::Value) -> &'static str {
    use ::serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `an integer or null` for messages.
fn json_type_names(types: u8) -> String {
    let names: Vec<&str> = [
        (json_type::STRING, "a string"),
        (json_type::NUMBER, "a number"),
        (json_type::INTEGER, "an integer"),
        (json_type::BOOLEAN, "a boolean"),
        (json_type::ARRAY, "an array"),
        (json_type::OBJECT, "an object"),
        (json_type::NULL, "null"),
    ]
    .into_iter()
    .filter(|(bit, _)| {
        types & bit != 0 && !(*bit == json_type::INTEGER && types & json_type::NUMBER != 0)
    })
    .map(|(_, name)| name)
    .collect();
    match names.as_slice() {
        [] => "no value at all".to_owned(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn json_const_equals(candidate: &JsonConst, value: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (candidate, value) {
        (JsonConst::Bool(b), Value::Bool(v)) => b == v,
        (JsonConst::Number(n), Value::Number(v)) => {
            json_number_cmp(v, *n) == ::std::cmp::Ordering::Equal
        }
        (JsonConst::String(s), Value::String(v)) => s == v,
        (JsonConst::Json(text), Value::Array(_) | Value::Object(_)) => {
            ::serde_json::from_str::<Value>(text)
                .is_ok_and(|candidate| json_equal(&candidate, value))
        }
        _ => false,
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;
    use ::serde_json::json;

    /// `(pointer, keyword)` of each violation, or nothing for a valid value.
    fn found(schema: &JsonSchema, value: &::serde_json::Value) -> Vec<(String, &'static str)> {
        match validate_json(schema, value) {
            Ok(()) => Vec::new(),
            Err(errors) => errors
                .violations()
                .iter()
                .map(|v| (v.pointer.clone(), v.keyword))
                .collect(),
        }
    }

    fn one(pointer: &str, keyword: &'static str) -> Vec<(String, &'static str)> {
        vec![(pointer.to_owned(), keyword)]
    }

    /// A JSON type is checked as JSON Schema counts it, and `null` only
    /// passes where the table says so.
    #[test]
    fn types_and_null() {
        assert_eq!(found(&JsonSchema::STRING, &json!("a")), []);
        assert_eq!(found(&JsonSchema::STRING, &json!(null)), one("", "type"));
        assert_eq!(found(&JsonSchema::STRING_OR_NULL, &json!(null)), []);
        assert_eq!(
            found(&JsonSchema::STRING_OR_NULL, &json!(1)),
            one("", "type")
        );
        assert_eq!(found(&JsonSchema::INTEGER, &json!(1.0)), []);
        assert_eq!(found(&JsonSchema::INTEGER, &json!(1.5)), one("", "type"));
        assert_eq!(found(&JsonSchema::NUMBER, &json!(1)), []);
        assert_eq!(
            found(&JsonSchema::BOOLEAN_OR_NULL, &json!("true")),
            one("", "type")
        );
        for value in [json!(null), json!([1]), json!({"a": {}})] {
            assert_eq!(found(&JsonSchema::ANY, &value), []);
        }
        let errors = validate_json(&JsonSchema::INTEGER_OR_NULL, &json!("1")).unwrap_err();
        assert_eq!(
            errors.violations()[0].message,
            "the value is a string; the description expects an integer or null"
        );
        assert_eq!(json_type_names(0), "no value at all");
        let all = json_type::STRING | json_type::INTEGER | json_type::NUMBER | json_type::OBJECT;
        assert_eq!(json_type_names(all), "a string, a number or an object");
    }

    /// Bounds compare 64-bit integers exactly, `multipleOf` works on
    /// integers and fractions, and `enum` compares numbers by value.
    #[test]
    fn numbers() {
        static BOUNDED: JsonSchema = JsonSchema::new(
            json_type::INTEGER,
            &JsonKeywords::NONE
                .minimum(0.0, true)
                .maximum(9_007_199_254_740_992.0, false),
            JsonInner::Leaf,
        );
        assert_eq!(found(&BOUNDED, &json!(1)), []);
        assert_eq!(found(&BOUNDED, &json!(0)), one("", "exclusiveMinimum"));
        assert_eq!(found(&BOUNDED, &json!(9_007_199_254_740_992_u64)), []);
        // Equal to the bound as a float, one above it as an integer.
        let above = json!(9_007_199_254_740_993_u64);
        assert_eq!(found(&BOUNDED, &above), one("", "maximum"));
        assert_eq!(found(&BOUNDED, &json!(u64::MAX)), one("", "maximum"));

        static TENTHS: JsonSchema = JsonSchema::new(
            json_type::NUMBER,
            &JsonKeywords::NONE.multiple_of(0.1),
            JsonInner::Leaf,
        );
        assert_eq!(found(&TENTHS, &json!(0.3)), []);
        assert_eq!(found(&TENTHS, &json!(0.35)), one("", "multipleOf"));
        static THREES: JsonSchema = JsonSchema::new(
            json_type::INTEGER,
            &JsonKeywords::NONE.multiple_of(3.0),
            JsonInner::Leaf,
        );
        assert_eq!(found(&THREES, &json!(i64::MIN + 2)), []);
        assert_eq!(found(&THREES, &json!(10)), one("", "multipleOf"));

        static LISTED: JsonSchema = JsonSchema::new(
            json_type::ANY,
            &JsonKeywords::NONE.allowed(
                &[
                    JsonConst::Number(1.0),
                    JsonConst::String("a"),
                    JsonConst::Bool(false),
                    JsonConst::Json("{\"k\":[1]}"),
                ],
                "1, \"a\", false, {\"k\":[1]}",
            ),
            JsonInner::Leaf,
        );
        for value in [
            json!(1),
            json!(1.0),
            json!("a"),
            json!(false),
            json!({"k": [1.0]}),
            json!(null),
        ] {
            assert_eq!(found(&LISTED, &value), [], "{value}");
        }
        for value in [
            json!(2),
            json!("b"),
            json!(true),
            json!({"k": []}),
            json!([1]),
        ] {
            assert_eq!(found(&LISTED, &value), one("", "enum"), "{value}");
        }
    }

    /// Strings: lengths in code points, a literal pattern, a format.
    #[test]
    fn strings() {
        static CODE: JsonSchema = JsonSchema::new(
            json_type::STRING,
            &JsonKeywords::NONE
                .max_length(3)
                .pattern(JsonPattern::Literal("x-", false, "^x-"))
                .format("ascii", |text| text.is_ascii()),
            JsonInner::Leaf,
        );
        assert_eq!(found(&CODE, &json!("x-é")), one("", "format"));
        assert_eq!(found(&CODE, &json!("x-e")), []);
        let errors = validate_json(&CODE, &json!("y-AB")).unwrap_err();
        let keywords: Vec<&str> = errors.violations().iter().map(|v| v.keyword).collect();
        assert_eq!(keywords, ["maxLength", "pattern"]);
        static UNDECIDED: JsonSchema = JsonSchema::new(
            json_type::STRING,
            &JsonKeywords::NONE.pattern(JsonPattern::Regex(|_| None, "(a+)+$")),
            JsonInner::Leaf,
        );
        let errors = validate_json(&UNDECIDED, &json!("aaa")).unwrap_err();
        assert_eq!(
            errors.violations()[0].message,
            "whether the value matches the pattern (a+)+$ could not be decided"
        );
    }

    /// Arrays and maps: their keywords, then each item or value at its own
    /// pointer (`~` and `/` escaped).
    #[test]
    fn arrays_and_maps() {
        static COUNTS: JsonSchema = JsonSchema::new(
            json_type::OBJECT,
            &JsonKeywords::NONE.max_properties(2),
            JsonInner::Values(&JsonSchema::INTEGER_OR_NULL),
        );
        static LIST: JsonSchema = JsonSchema::new(
            json_type::ARRAY,
            &JsonKeywords::NONE.min_items(1).unique_items(),
            JsonInner::Items(&COUNTS),
        );
        assert_eq!(found(&LIST, &json!([{"a": 1, "b": null}, {}])), []);
        assert_eq!(found(&LIST, &json!([])), one("", "minItems"));
        let value = json!([{"a/b": "1", "c~d": 2.5, "e": 3}, {"a": 1}, {"a": 1.0}]);
        assert_eq!(
            found(&LIST, &value),
            [
                ("".to_owned(), "uniqueItems"),
                ("/0".to_owned(), "maxProperties"),
                ("/0/a~1b".to_owned(), "type"),
                ("/0/c~0d".to_owned(), "type"),
            ]
        );
    }

    /// An object: its properties, its required keys and the keys it does
    /// not list, closed or typed.
    #[test]
    fn objects() {
        static CLOSED: JsonObjectSchema = JsonObjectSchema {
            name: "Closed",
            properties: &[
                ("id", &JsonSchema::INTEGER),
                ("tag", &JsonSchema::STRING_OR_NULL),
            ],
            required: &["id"],
            other: None,
        };
        static CLOSED_JSON: JsonSchema = JsonSchema::object(&CLOSED, false);
        assert_eq!(found(&CLOSED_JSON, &json!({"id": 1, "tag": null})), []);
        assert_eq!(found(&CLOSED_JSON, &json!(null)), one("", "type"));
        assert_eq!(
            found(&CLOSED_JSON, &json!({"tag": 1, "x": true})),
            [
                ("/tag".to_owned(), "type"),
                ("".to_owned(), "required"),
                ("/x".to_owned(), "additionalProperties"),
            ]
        );
        static NULLABLE: JsonSchema = JsonSchema::named(&CLOSED_JSON, true);
        assert_eq!(found(&NULLABLE, &json!(null)), []);
        assert_eq!(found(&NULLABLE, &json!({})), one("", "required"));
        static TYPED: JsonObjectSchema = JsonObjectSchema {
            name: "Typed",
            properties: &[("id", &JsonSchema::INTEGER)],
            required: &[],
            other: Some(&JsonSchema::BOOLEAN),
        };
        static TYPED_JSON: JsonSchema = JsonSchema::object(&TYPED, false);
        assert_eq!(found(&TYPED_JSON, &json!({"id": 1, "x": true})), []);
        assert_eq!(found(&TYPED_JSON, &json!({"x": 1})), one("/x", "type"));
    }

    /// `oneOf` takes exactly one branch, `anyOf` at least one; with none,
    /// the one branch of the value's type says what is wrong.
    #[test]
    fn unions() {
        static SHORT: JsonSchema = JsonSchema::new(
            json_type::STRING,
            &JsonKeywords::NONE.max_length(2),
            JsonInner::Leaf,
        );
        static ONE_OF: JsonSchema = JsonSchema::new(
            json_type::STRING | json_type::INTEGER | json_type::NUMBER,
            &JsonKeywords::NONE,
            JsonInner::Union(&JsonUnionSchema {
                one_of: true,
                branches: &[
                    ("Short", &SHORT),
                    ("Whole", &JsonSchema::INTEGER),
                    ("Number", &JsonSchema::NUMBER),
                ],
            }),
        );
        assert_eq!(found(&ONE_OF, &json!("ab")), []);
        assert_eq!(found(&ONE_OF, &json!(1.5)), []);
        assert_eq!(found(&ONE_OF, &json!("abc")), one("", "maxLength"));
        assert_eq!(found(&ONE_OF, &json!(null)), one("", "oneOf"));
        let errors = validate_json(&ONE_OF, &json!(2)).unwrap_err();
        assert_eq!(
            errors.violations()[0].message,
            "the value matches 2 branches of oneOf (Whole, Number); exactly one must match"
        );
        static ANY_OF: JsonSchema = JsonSchema::new(
            json_type::NULL,
            &JsonKeywords::NONE,
            JsonInner::Union(&JsonUnionSchema {
                one_of: false,
                branches: &[
                    ("Whole", &JsonSchema::INTEGER),
                    ("Number", &JsonSchema::NUMBER),
                ],
            }),
        );
        assert_eq!(found(&ANY_OF, &json!(2)), []);
        assert_eq!(found(&ANY_OF, &json!(null)), []);
        let errors = validate_json(&ANY_OF, &json!(true)).unwrap_err();
        assert_eq!(
            errors.violations()[0].message,
            "the value matches none of the branches of anyOf (Whole, Number)"
        );
    }

    /// A value nested deeper than the limit is reported once, at the level
    /// where checking stops, not walked further.
    #[test]
    fn depth_limit() {
        static NESTED: JsonSchema = JsonSchema::new(
            json_type::ARRAY,
            &JsonKeywords::NONE,
            JsonInner::Items(&NESTED),
        );
        let mut value = json!([]);
        for _ in 0..JSON_DEPTH_LIMIT {
            value = json!([value]);
        }
        assert_eq!(found(&NESTED, &value), []);
        let value = json!([[value, 1]]);
        let found = found(&NESTED, &value);
        let deepest = "/0".repeat(JSON_DEPTH_LIMIT + 1);
        assert_eq!(found, [(deepest, "depth"), ("/0/1".to_owned(), "type")]);
    }
}
