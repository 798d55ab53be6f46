//! Which media type of a body or a response is typed (a `content` map →
//! the chosen media type and its entry): JSON first, then forms for a
//! request body, else the first listed.

pub(super) fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    let is_json = |ct: &str| {
        let ct = ct.split(';').next().unwrap_or(ct).trim();
        ct == "application/json" || ct.ends_with("+json")
    };
    content
        .iter()
        .find(|(ct, _)| is_json(ct))
        .or_else(|| content.iter().next())
        .map(|(ct, m)| (ct.as_str(), m))
}

/// Whether a media type is `text/event-stream` (server-sent events).
pub fn is_event_stream(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case("text/event-stream")
}

/// The media type of a request body: JSON when there is one (as for
/// responses), else a form (`application/x-www-form-urlencoded`, then
/// `multipart/form-data`), else the first.
pub(super) fn pick_request_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    let essence = |ct: &str| {
        ct.split(';')
            .next()
            .unwrap_or(ct)
            .trim()
            .to_ascii_lowercase()
    };
    let form = content
        .iter()
        .find(|(ct, _)| essence(ct) == "application/x-www-form-urlencoded")
        .or_else(|| content.iter().find(|(ct, _)| is_multipart(ct)));
    match (pick_media(content), form) {
        (Some((ct, _)), Some((form, media))) if !is_json_media(ct) => Some((form.as_str(), media)),
        (picked, _) => picked,
    }
}

fn is_json_media(ct: &str) -> bool {
    let ct = ct.split(';').next().unwrap_or(ct).trim();
    ct == "application/json" || ct.ends_with("+json")
}

pub(super) fn is_multipart(ct: &str) -> bool {
    let ct = ct.split(';').next().unwrap_or(ct).trim();
    ct.eq_ignore_ascii_case("multipart/form-data")
}
