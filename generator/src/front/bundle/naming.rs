//! How a node brought in from another file is named among the components:
//! from its pointer and its file's path to the last token of the pointer
//! (or the file's stem) with unusual characters replaced, made unique
//! against the names a section already has (`Pet`, `Pet2`, …).

use std::collections::BTreeSet;
use std::path::Path;

/// The name a node at `pointer` of the file at `path` asks for: the last
/// token of the pointer (unless empty or an index), else the file's stem;
/// characters other than ASCII letters, digits, `.`, `-` and `_` become `_`.
pub(super) fn component_name(pointer: &str, path: &Path) -> String {
    let base = crate::front::locate::tokens(pointer)
        .last()
        .filter(|t| !t.is_empty() && !t.bytes().all(|c| c.is_ascii_digit()))
        .cloned()
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Bundled".to_string())
        });
    base.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `base`, or `base2`, `base3`, …: the first not in `taken`, which it joins.
pub(crate) fn unique_name(taken: &mut BTreeSet<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}
