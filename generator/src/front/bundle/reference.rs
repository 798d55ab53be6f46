//! References as written, read for the bundler: a `$ref` string → a local
//! pointer, a file path and a pointer in it (percent-decoded), or something
//! left to the resolver (a remote URL); and whether a document has any
//! reference to another file at all.

use serde_json::Value;
use std::path::PathBuf;

/// A reference as written: to a file (relative to the referring one) and a
/// pointer in it; or not a file at all.
pub(super) enum Target {
    /// `#/…` in the same file.
    Local(String),
    /// A file path and the pointer in it (`""` for the whole file).
    File(PathBuf, String),
    /// `http://…`, `urn:…`: left to the resolver.
    Other,
}

pub(super) fn parse_ref(reference: &str) -> Target {
    let (file, fragment) = match reference.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (reference, ""),
    };
    let fragment = percent_decode(fragment);
    if file.is_empty() {
        return Target::Local(fragment);
    }
    let file = match file.strip_prefix("file://") {
        Some(path) => path,
        None => {
            let scheme = file.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
                s.len() > 1
                    && s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            });
            if scheme.is_some() {
                return Target::Other;
            }
            file
        }
    };
    Target::File(PathBuf::from(percent_decode(file)), fragment)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether any `$ref` in the document names another file (a cheap first look,
/// so that a one-file description costs one walk and nothing else).
pub(super) fn has_file_refs(doc: &Value) -> bool {
    let mut stack = vec![doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    if matches!(parse_ref(r), Target::File(..)) {
                        return true;
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reference_forms() {
        assert!(matches!(parse_ref("#/a"), Target::Local(p) if p == "/a"));
        assert!(
            matches!(parse_ref("a%20b.yaml#/x%25y"), Target::File(f, p) if f == Path::new("a b.yaml") && p == "/x%y")
        );
        assert!(
            matches!(parse_ref("file:///tmp/a.yaml"), Target::File(f, p) if f == Path::new("/tmp/a.yaml") && p.is_empty())
        );
        assert!(matches!(
            parse_ref("https://example.com/a.json#/x"),
            Target::Other
        ));
        assert!(matches!(parse_ref("urn:uuid:1234"), Target::Other));
        // A Windows drive letter is a path, not a scheme.
        assert!(matches!(parse_ref("C:/specs/a.yaml"), Target::File(..)));
    }
}
