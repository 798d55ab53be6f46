use super::*;

/// The pagination of each operation of a description, by operationId.
fn detected(paths: &str, schemas: &str) -> Vec<(String, Option<PageStyle>, Vec<String>)> {
    let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    Thing: {{type: object, properties: {{id: {{type: string}}}}}}\n{schemas}"
        );
    let ir = crate::stages::ir_of("t.yaml", &text).expect("builds");
    ir.operations
        .into_iter()
        .map(|op| {
            let (style, items) = match op.pagination {
                Some(p) => (Some(p.style), p.items),
                None => (None, Vec::new()),
            };
            (op.id, style, items)
        })
        .collect()
}

fn op(id: &str, params: &[&str], response: &str, headers: &str) -> String {
    let params: Vec<String> = params
        .iter()
        .map(|p| format!("        - {{name: {p}, in: query, schema: {{type: string}}}}\n"))
        .collect();
    format!(
            "  /{id}:\n    get:\n      operationId: {id}\n      parameters:\n{}      responses:\n        '200':\n          description: ok\n{headers}          content: {{application/json: {{schema: {response}}}}}\n",
            params.concat()
        )
}

const THINGS: &str = "{type: array, items: {$ref: '#/components/schemas/Thing'}}";

#[test]
fn styles_by_name() {
    let nested = |meta: &str, next: &str| {
        format!("{{type: object, properties: {{data: {THINGS}, {meta}: {{type: object, properties: {{{next}: {{type: string}}}}}}}}}}")
    };
    let paths = [
            op("slack", &["cursor", "limit"], &nested("response_metadata", "next_cursor"), ""),
            op("workos", &["after", "limit"], &nested("list_metadata", "after"), ""),
            op(
                "google",
                &["pageToken"],
                &format!("{{type: object, properties: {{items: {THINGS}, nextPageToken: {{type: string}}}}}}"),
                "",
            ),
            // Svix: `after` is a date beside the cursor.
            op(
                "svix",
                &["after", "iterator", "limit"],
                &format!("{{type: object, properties: {{data: {THINGS}, iterator: {{type: string, nullable: true}}, done: {{type: boolean}}}}}}"),
                "",
            ),
            op("sentry", &["cursor"], THINGS, "          headers: {Link: {schema: {type: string}}}\n"),
            op("pages", &["page", "page_size"], THINGS, ""),
            op("offsets", &["offset", "limit"], THINGS, ""),
            // Not pages: no size, no cursor property, no items, a date.
            op("alone", &["page"], THINGS, ""),
            op("nocursor", &["cursor"], THINGS, ""),
            op("noitems", &["page", "per_page"], "{type: object, properties: {a: {type: string}}}", ""),
            op("dates", &["from", "to"], THINGS, ""),
            // Several arrays: the usual name wins; none of them: nothing.
            op(
                "twoarrays",
                &["offset", "limit"],
                &format!("{{type: object, properties: {{tags: {{type: array, items: {{type: string}}}}, data: {THINGS}}}}}"),
                "",
            ),
            op(
                "ambiguous",
                &["offset", "limit"],
                &format!("{{type: object, properties: {{tags: {{type: array, items: {{type: string}}}}, others: {THINGS}}}}}"),
                "",
            ),
        ];
    let found = detected(&paths.concat(), "");
    let cursor = |param: &str, next: &[&str]| {
        Some(PageStyle::Cursor {
            param: param.into(),
            next: next.iter().map(|s| s.to_string()).collect(),
        })
    };
    let expected = [
        (
            "slack",
            cursor("cursor", &["response_metadata", "next_cursor"]),
            vec!["data"],
        ),
        (
            "workos",
            cursor("after", &["list_metadata", "after"]),
            vec!["data"],
        ),
        (
            "google",
            cursor("pageToken", &["nextPageToken"]),
            vec!["items"],
        ),
        ("svix", cursor("iterator", &["iterator"]), vec!["data"]),
        ("sentry", Some(PageStyle::Link), vec![]),
        (
            "pages",
            Some(PageStyle::Page {
                page: "page".into(),
                size: Some("page_size".into()),
                totals: None,
            }),
            vec![],
        ),
        (
            "offsets",
            Some(PageStyle::Offset {
                offset: "offset".into(),
                limit: Some("limit".into()),
            }),
            vec![],
        ),
        ("alone", None, vec![]),
        ("nocursor", None, vec![]),
        ("noitems", None, vec![]),
        ("dates", None, vec![]),
        (
            "twoarrays",
            Some(PageStyle::Offset {
                offset: "offset".into(),
                limit: Some("limit".into()),
            }),
            vec!["data"],
        ),
        ("ambiguous", None, vec![]),
    ];
    assert_eq!(found.len(), expected.len());
    for ((id, style, items), (want_id, want_style, want_items)) in found.iter().zip(expected) {
        assert_eq!(id, want_id);
        assert_eq!(style, &want_style, "{id}");
        assert_eq!(items, &want_items, "{id}");
    }
}

/// A union of an array and objects whose items differ is not a page.
#[test]
fn unions_need_one_item_type() {
    let schemas = "    Other: {type: object, properties: {n: {type: integer}}}\n    Mixed:\n      oneOf:\n        - {type: array, items: {$ref: '#/components/schemas/Thing'}}\n        - {type: object, properties: {others: {type: array, items: {$ref: '#/components/schemas/Other'}}}}\n";
    let paths = op(
        "mixed",
        &["page", "per_page"],
        "{$ref: '#/components/schemas/Mixed'}",
        "",
    );
    let found = detected(&paths, schemas);
    assert_eq!(found[0].1, None);
}
