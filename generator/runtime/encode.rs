// How a generated crate's requests write their parameters: path segments
// percent-encoded so that no value leaves its segment (`encode_segment`),
// and OpenAPI's styles (`Style`: `form`, `simple`, `label`, `matrix`,
// `spaceDelimited`, `pipeDelimited`, `deepObject`) for the path, the query
// and the headers. Ordinary Rust, compiled and unit-tested by the workspace
// crate `runtime/`, and copied into every generated crate's `client` module
// after `send.rs` (see the top of `client.rs` for how, and for the seam).

/// Percent-encodes a path parameter as one segment: everything but
/// unreserved characters is encoded, so that no value can add a segment
/// or reach the query. An empty value, `.` and `..` are refused: URL
/// parsers treat them (even as `%2E%2E`) as a path step, not a name.
pub fn encode_segment(value: &str) -> Result<String, String> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(format!("a path parameter cannot be {value:?}"));
    }
    Ok(encode(value))
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A parameter's value as the styles see it: one value, the items of an
/// array, or the properties of an object in the order it serialises them
/// (`null` items and properties are left out; items that are arrays or
/// objects are their JSON text).
#[derive(Debug, PartialEq)]
enum Parts {
    One(String),
    List(Vec<String>),
    Pairs(Vec<(String, String)>),
}

/// The parts of a value; `None` when it is undefined in RFC 6570's sense
/// (`None`, `null`, an empty array or object) or does not serialise. It
/// goes through JSON text rather than `serde_json::Value`, so that an
/// object keeps its properties' order.
fn parts<T: ::serde::Serialize + ?Sized>(value: &T) -> Option<Parts> {
    struct Top(Option<Parts>);
    struct Item(Option<String>);
    struct Visitor;
    impl<'de> ::serde::Deserialize<'de> for Item {
        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Item(
                match <::serde_json::Value as ::serde::Deserialize>::deserialize(d)? {
                    ::serde_json::Value::Null => None,
                    ::serde_json::Value::String(s) => Some(s),
                    other => Some(other.to_string()),
                },
            ))
        }
    }
    impl<'de> ::serde::de::Visitor<'de> for Visitor {
        type Value = Top;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_unit<E>(self) -> Result<Top, E> {
            Ok(Top(None))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(
                ::serde_json::Value::from(v).to_string(),
            ))))
        }
        fn visit_str<E>(self, v: &str) -> Result<Top, E> {
            Ok(Top(Some(Parts::One(v.to_string()))))
        }
        fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
            let mut items = Vec::new();
            while let Some(Item(item)) = seq.next_element()? {
                items.extend(item);
            }
            Ok(Top((!items.is_empty()).then_some(Parts::List(items))))
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
            let mut pairs = Vec::new();
            while let Some((key, Item(value))) = map.next_entry::<String, Item>()? {
                pairs.extend(value.map(|value| (key, value)));
            }
            Ok(Top((!pairs.is_empty()).then_some(Parts::Pairs(pairs))))
        }
    }
    impl<'de> ::serde::Deserialize<'de> for Top {
        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Visitor)
        }
    }
    let text = ::serde_json::to_string(value).ok()?;
    ::serde_json::from_str::<Top>(&text).ok()?.0
}

/// A parameter in `style` (see [`Style`]): the `&`-separated pairs of a
/// query style, the text of a path style, the value of a header; `None`
/// when the value is undefined. The name, keys and values go through
/// `encode`; the prefixes and separators do not.
fn styled<T: ::serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    encode: fn(&str) -> String,
) -> Option<String> {
    let parts = parts(value)?;
    let raw_name = name;
    let name = encode(name);
    // Every part, a property as `key{pair}value`, joined with `separator`.
    let joined = |separator: &str, pair: &str| match &parts {
        Parts::One(value) => encode(value),
        Parts::List(items) => items
            .iter()
            .map(|item| encode(item))
            .collect::<Vec<_>>()
            .join(separator),
        Parts::Pairs(pairs) => pairs
            .iter()
            .map(|(key, value)| format!("{}{pair}{}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join(separator),
    };
    // Exploded: a `name, value` per item, a `key, value` per property.
    let exploded = || -> Vec<(String, String)> {
        match &parts {
            Parts::One(value) => vec![(name.clone(), encode(value))],
            Parts::List(items) => items
                .iter()
                .map(|item| (name.clone(), encode(item)))
                .collect(),
            Parts::Pairs(pairs) => pairs
                .iter()
                .map(|(key, value)| (encode(key), encode(value)))
                .collect(),
        }
    };
    // `;name=value`, or `;name` for an empty value (RFC 6570).
    let matrix = |(name, value): (String, String)| match value.is_empty() {
        true => format!(";{name}"),
        false => format!(";{name}={value}"),
    };
    Some(match style {
        Style::Form { explode: true } => exploded()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&"),
        Style::Form { explode: false } => format!("{name}={}", joined(",", ",")),
        Style::SpaceDelimited => format!("{name}={}", joined("%20", "%20")),
        Style::PipeDelimited => format!("{name}={}", joined("%7C", "%7C")),
        Style::Simple { explode } => joined(",", if explode { "=" } else { "," }),
        Style::Label { explode } => format!(".{}", joined(".", if explode { "=" } else { "." })),
        Style::Matrix { explode: false } => matrix((name.clone(), joined(",", ","))),
        Style::Matrix { explode: true } => exploded().into_iter().map(matrix).collect(),
        Style::DeepObject => {
            let mut query = String::new();
            push_deep_object(&mut query, raw_name, value);
            query
        }
    })
}

/// Appends `key=value` pairs to a query string (without its `?`); `key`
/// is already encoded, the values are encoded here.
fn push_pairs(query: &mut String, key: &str, values: Vec<String>) {
    for value in values {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(key);
        query.push('=');
        query.push_str(&encode(&value));
    }
}

/// Appends a `style: deepObject` query parameter: one `name[key]=value`
/// pair per property, nested objects as `name[a][b]=value`, arrays as
/// `name[key][]=value` per item (items that are objects or arrays by
/// index: `name[key][0][a]=value`), the bracket style of Stripe and of
/// most form decoders. `null` properties and items are left out. The name,
/// keys and values are percent-encoded as other query values are; the
/// brackets are sent as they are.
fn push_deep_object<T: ::serde::Serialize + ?Sized>(query: &mut String, name: &str, value: &T) {
    fn walk(key: &str, value: &::serde_json::Value, query: &mut String) {
        match value {
            ::serde_json::Value::Null => {}
            ::serde_json::Value::Object(object) => {
                for (k, v) in object {
                    walk(&format!("{key}[{}]", encode(k)), v, query);
                }
            }
            ::serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    match item {
                        ::serde_json::Value::Object(_) | ::serde_json::Value::Array(_) => {
                            walk(&format!("{key}[{index}]"), item, query)
                        }
                        _ => walk(&format!("{key}[]"), item, query),
                    }
                }
            }
            ::serde_json::Value::String(s) => push_pairs(query, key, vec![s.clone()]),
            other => push_pairs(query, key, vec![other.to_string()]),
        }
    }
    if let Ok(value) = ::serde_json::to_value(value) {
        walk(&encode(name), &value, query);
    }
}

#[cfg(test)]
mod encode_tests {
    use super::*;
    use ::serde_json::json;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("con_0001-._~").unwrap(), "con_0001-._~");
        assert_eq!(
            encode_segment("a/b?c#d%e f").unwrap(),
            "a%2Fb%3Fc%23d%25e%20f"
        );
        assert_eq!(encode_segment("é").unwrap(), "%C3%A9");
        assert_eq!(encode_segment("...").unwrap(), "...");
        for refused in ["", ".", ".."] {
            assert!(encode_segment(refused).is_err(), "{refused:?}");
        }
    }

    fn deep_object(name: &str, value: &::serde_json::Value) -> String {
        let mut query = String::new();
        push_deep_object(&mut query, name, value);
        query
    }

    #[test]
    fn deep_object_parameters() {
        assert_eq!(
            deep_object("scope", &json!({"type": "account"})),
            "scope[type]=account"
        );
        // Nested objects, arrays of scalars and of objects, nulls left out.
        assert_eq!(
            deep_object(
                "f",
                &json!({
                    "a": {"b": {"c": 1}, "gone": null},
                    "ids": [1, null, 2],
                    "items": [{"p": true}],
                    "n": null
                })
            ),
            "f[a][b][c]=1&f[ids][]=1&f[ids][]=2&f[items][0][p]=true"
        );
        // Names, keys and values percent-encoded; brackets as they are.
        assert_eq!(
            deep_object("q=", &json!({"[k]": "v", "a b": "é&x"})),
            "q%3D[%5Bk%5D]=v&q%3D[a%20b]=%C3%A9%26x"
        );
        // Nothing for null, an empty object, an empty array.
        assert_eq!(deep_object("s", &json!(null)), "");
        assert_eq!(deep_object("s", &json!({})), "");
        assert_eq!(deep_object("s", &json!({"a": []})), "");
        // Not an object: the plain `name=value` (arrays `name[]=value`).
        assert_eq!(deep_object("s", &json!("x")), "s=x");
        assert_eq!(deep_object("s", &json!([1, 2])), "s[]=1&s[]=2");
        // After other parameters.
        let mut request = Request::new(Method::GET, "/p");
        request.query("page", &1);
        request.deep_object("scope", &Some(json!({"t": "a"})));
        request.deep_object("none", &Option::<u8>::None);
        assert_eq!(request.url("https://h"), "https://h/p?page=1&scope[t]=a");
    }

    /// `color` of OpenAPI's table of style examples: its object, whose
    /// properties serialise in this order.
    #[derive(::serde::Serialize)]
    #[allow(non_snake_case)]
    struct Rgb {
        R: u8,
        G: u8,
        B: u8,
    }

    const RGB: Rgb = Rgb {
        R: 100,
        G: 200,
        B: 150,
    };

    const ARRAY: [&str; 3] = ["blue", "black", "brown"];

    fn text<T: ::serde::Serialize + ?Sized>(style: Style, value: &T) -> Option<String> {
        styled("color", value, style, encode)
    }

    /// Every row of the table of style examples of OpenAPI 3.1.0 (its
    /// `empty` column is the empty string): `string`, `array`, `object`.
    /// Where the table leaves the prefix `color=` out of the query styles
    /// other than `form`, it is written, as OpenAPI 3.1.1 does; the pipe
    /// is percent-encoded.
    #[test]
    fn the_table_of_style_examples() {
        use Style::*;
        let n_a = None;
        #[rustfmt::skip]
        let rows: &[(Style, Option<&str>, &str, &str, &str)] = &[
            (Matrix { explode: false }, Some(";color"), ";color=blue",
                ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
            (Matrix { explode: true }, Some(";color"), ";color=blue",
                ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
            (Label { explode: false }, Some("."), ".blue",
                ".blue.black.brown", ".R.100.G.200.B.150"),
            (Label { explode: true }, Some("."), ".blue",
                ".blue.black.brown", ".R=100.G=200.B=150"),
            (Form { explode: false }, Some("color="), "color=blue",
                "color=blue,black,brown", "color=R,100,G,200,B,150"),
            (Form { explode: true }, Some("color="), "color=blue",
                "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
            (Simple { explode: false }, n_a, "blue",
                "blue,black,brown", "R,100,G,200,B,150"),
            (Simple { explode: true }, n_a, "blue",
                "blue,black,brown", "R=100,G=200,B=150"),
            (SpaceDelimited, n_a, "color=blue",
                "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"),
            (PipeDelimited, n_a, "color=blue",
                "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"),
        ];
        for &(style, empty, string, array, object) in rows {
            if let Some(empty) = empty {
                assert_eq!(text(style, "").as_deref(), Some(empty), "{style:?}");
            }
            assert_eq!(text(style, "blue").as_deref(), Some(string), "{style:?}");
            assert_eq!(text(style, &ARRAY).as_deref(), Some(array), "{style:?}");
            assert_eq!(text(style, &RGB).as_deref(), Some(object), "{style:?}");
            // Undefined: nothing (RFC 6570), whatever the style.
            for undefined in [json!(null), json!([]), json!({}), json!([null])] {
                assert_eq!(text(style, &undefined), None, "{style:?} {undefined}");
            }
        }
        // deepObject (objects in the key order of `serde_json::Value`, so
        // sorted here).
        assert_eq!(
            text(DeepObject, &json!({"B": 150, "G": 200, "R": 100})).as_deref(),
            Some("color[B]=150&color[G]=200&color[R]=100")
        );
        assert_eq!(text(DeepObject, &json!({})), None);
        // Simple headers: the same, not percent-encoded.
        let header = |style, value: &::serde_json::Value| styled("X", value, style, str::to_string);
        assert_eq!(
            header(Simple { explode: false }, &json!(["a b", "é", "c/d"])).as_deref(),
            Some("a b,é,c/d")
        );
        assert_eq!(
            header(Simple { explode: true }, &json!({"k": "v w"})).as_deref(),
            Some("k=v w")
        );
    }

    #[test]
    fn query_styles_encode_values_but_not_separators() {
        let query = |style, value: &::serde_json::Value| {
            let mut request = Request::new(Method::GET, "/p");
            request.query("first", &1);
            request.query_style("q=", value, style);
            request.query_style("none", &Option::<u8>::None, style);
            request.query_style("empty", &json!([]), style);
            request.url("")
        };
        let hostile = json!(["a,b", "c&d", "e f", "g|h", "%", "#", "é", "?/"]);
        assert_eq!(
            query(Style::Form { explode: false }, &hostile),
            "/p?first=1&q%3D=a%2Cb,c%26d,e%20f,g%7Ch,%25,%23,%C3%A9,%3F%2F"
        );
        assert_eq!(
            query(
                Style::Form { explode: true },
                &json!({"k=": "v&", "n": null})
            ),
            "/p?first=1&k%3D=v%26"
        );
        assert_eq!(
            query(Style::SpaceDelimited, &json!(["a b", 1])),
            "/p?first=1&q%3D=a%20b%201"
        );
        assert_eq!(
            query(Style::PipeDelimited, &json!(["a|b", true])),
            "/p?first=1&q%3D=a%7Cb%7Ctrue"
        );
        assert_eq!(query(Style::PipeDelimited, &json!(null)), "/p?first=1");
        assert_eq!(
            query(Style::DeepObject, &json!({"a": [1]})),
            "/p?first=1&q%3D[a][]=1"
        );
    }

    #[test]
    fn path_styles_never_leave_their_segment() {
        use Style::*;
        let path = |style, value: &::serde_json::Value| {
            let mut request = Request::new(Method::GET, "/a/{id}/b");
            request
                .path_style("id", value, style)
                .map(|()| request.url(""))
        };
        let refused = |text: &str| {
            Err(InvalidRequest(format!(
                "a path parameter cannot be {text:?}"
            )))
        };
        let styles = [
            Simple { explode: false },
            Simple { explode: true },
            Label { explode: false },
            Label { explode: true },
            Matrix { explode: false },
            Matrix { explode: true },
        ];
        let hostile = [
            json!("a/b?c#d%e f"),
            json!(["/", "?", "#", "%", "..", "é"]),
            json!({"../k": "/v?", "#": "%"}),
            json!("{id}"),
            json!(".."),
            json!("."),
            json!([".", "."]),
            json!(["..", ""]),
        ];
        for style in styles {
            for value in &hostile {
                if let Ok(url) = path(style, value) {
                    let segment = url
                        .strip_prefix("/a/")
                        .and_then(|rest| rest.strip_suffix("/b"))
                        .unwrap_or_else(|| panic!("{style:?} {value}: {url}"));
                    for c in ['/', '?', '#', '{', '}'] {
                        assert!(!segment.contains(c), "{style:?} {value}: {url}");
                    }
                    assert!(
                        !["", ".", ".."].contains(&segment),
                        "{style:?} {value}: {url}"
                    );
                }
            }
            // Undefined: refused, whatever the style.
            for undefined in [json!(null), json!([]), json!({}), json!([null])] {
                assert_eq!(path(style, &undefined), refused(""), "{style:?}");
            }
        }
        assert_eq!(
            path(
                Simple { explode: false },
                &json!(["/", "?", "#", "%", "..", "é"])
            ),
            Ok("/a/%2F,%3F,%23,%25,..,%C3%A9/b".into())
        );
        assert_eq!(
            path(Matrix { explode: true }, &json!({"e": "", "k/": "v?"})),
            Ok("/a/;e;k%2F=v%3F/b".into())
        );
        assert_eq!(
            path(Label { explode: false }, &json!(["..", ""])),
            Ok("/a/..../b".into())
        );
        // Dot segments, whatever the style makes them of.
        assert_eq!(path(Simple { explode: false }, &json!("..")), refused(".."));
        assert_eq!(path(Simple { explode: true }, &json!(".")), refused("."));
        assert_eq!(path(Simple { explode: false }, &json!("")), refused(""));
        assert_eq!(path(Label { explode: false }, &json!("")), refused("."));
        assert_eq!(path(Label { explode: true }, &json!(".")), refused(".."));
        assert_eq!(
            path(Matrix { explode: false }, &json!("")),
            Ok("/a/;id/b".into())
        );
        assert_eq!(
            path(Matrix { explode: false }, &json!("..")),
            Ok("/a/;id=../b".into())
        );
    }
}
