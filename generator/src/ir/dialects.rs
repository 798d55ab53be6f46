//! Patterns written for other regex dialects (PCRE, Python, Java, Go), as
//! they appear in published descriptions, rewritten into ECMA-262 where the
//! rewrite means exactly the same: a leading inline flag group `(?i)`
//! (`(?s)`, `(?m)`, `(?is)`, …) becomes the regex's flags, `\A` is `^`, `\z`
//! is `$`, `\Z` is `(?=\n?$)`, Python's `(?P<name>…)` and `(?P=name)` are
//! `(?<name>…)` and `\k<name>`, and the POSIX classes `[:alpha:]` and the
//! like are their ASCII ranges. Anything else is left as it is.

/// The rewritten source and the flags it needs (from `i`, `m`, `s`), or
/// `None` when nothing needed rewriting.
pub fn to_ecma(source: &str) -> Option<(String, String)> {
    let (flags, rest) = leading_flags(source);
    let mut out = String::with_capacity(rest.len());
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    let mut changed = !flags.is_empty();
    // `\Z` is "at the end, or before a final newline" only while `$` means
    // "at the end", that is without the `m` flag.
    let multiline = flags.contains('m');
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            changed |= escape(chars.get(i + 1).copied(), in_class, multiline, &mut out);
            i += 2;
            continue;
        }
        if in_class {
            if c == '[' && chars.get(i + 1) == Some(&':') {
                let tail: String = chars[i + 2..].iter().collect();
                if let Some((name, _)) = tail.split_once(":]") {
                    if let Some(range) = posix_class(name) {
                        out.push_str(range);
                        i += 2 + name.chars().count() + 2;
                        changed = true;
                        continue;
                    }
                }
            }
            if c == ']' {
                in_class = false;
            }
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            in_class = true;
            out.push(c);
            // A `]` or `^]` right after the opening bracket is a literal in
            // other dialects but closes an empty class in ECMA-262: left alone.
            i += 1;
            continue;
        }
        let rest: String = chars[i..].iter().take(4).collect();
        if rest.starts_with("(?P<") {
            out.push_str("(?<");
            i += 4;
            changed = true;
            continue;
        }
        if rest.starts_with("(?P=") {
            let tail: String = chars[i + 4..].iter().collect();
            if let Some((name, _)) = tail.split_once(')') {
                out.push_str(&format!("\\k<{name}>"));
                i += 4 + name.chars().count() + 1;
                changed = true;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    changed.then_some((out, flags))
}

/// The escape `\` then `next`, written to `out`: outside a class, `\A` as
/// `^`, and without the `m` flag `\z` as `$` and `\Z` as `(?=\n?$)`; any
/// other copied as it is. Whether it was rewritten.
fn escape(next: Option<char>, in_class: bool, multiline: bool, out: &mut String) -> bool {
    match (in_class, next) {
        (false, Some('A')) => {
            out.push('^');
            true
        }
        (false, Some('z')) if !multiline => {
            out.push('$');
            true
        }
        (false, Some('Z')) if !multiline => {
            out.push_str("(?=\\n?$)");
            true
        }
        (_, Some(n)) => {
            out.push('\\');
            out.push(n);
            false
        }
        (_, None) => {
            out.push('\\');
            false
        }
    }
}

/// `(?i)`, `(?is)`, … at the very start: the flags (those ECMA-262 has) and
/// the rest. Any other letter leaves the group as it is.
fn leading_flags(source: &str) -> (String, &str) {
    let Some(rest) = source.strip_prefix("(?") else {
        return (String::new(), source);
    };
    let Some(end) = rest.find(')') else {
        return (String::new(), source);
    };
    let letters = &rest[..end];
    if letters.is_empty() || !letters.chars().all(|c| matches!(c, 'i' | 'm' | 's')) {
        return (String::new(), source);
    }
    let mut flags: Vec<char> = letters.chars().collect();
    flags.sort_unstable();
    flags.dedup();
    (flags.into_iter().collect(), &rest[end + 1..])
}

/// A POSIX bracket class as the ASCII ranges it stands for.
fn posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "a-zA-Z",
        "digit" => "0-9",
        "alnum" => "a-zA-Z0-9",
        "upper" => "A-Z",
        "lower" => "a-z",
        "xdigit" => "0-9A-Fa-f",
        "space" => " \\t\\n\\r\\f\\v",
        "blank" => " \\t",
        "word" => "\\w",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_ecma;

    fn rewrite(source: &str) -> Option<(String, String)> {
        to_ecma(source)
    }

    #[test]
    fn inline_flags_become_flags() {
        assert_eq!(
            rewrite("(?i)^[0-9a-f]{8}$"),
            Some(("^[0-9a-f]{8}$".into(), "i".into()))
        );
        assert_eq!(rewrite("(?si)a.b"), Some(("a.b".into(), "is".into())));
        // Flags ECMA-262 does not have, or flags scoped to a group, stay.
        assert_eq!(rewrite("(?x)a b"), None);
        assert_eq!(rewrite("a(?i)b"), None);
    }

    #[test]
    fn anchors_named_groups_and_posix_classes() {
        assert_eq!(rewrite(r"\Aabc\z"), Some(("^abc$".into(), String::new())));
        assert_eq!(
            rewrite(r"\Aabc\Z"),
            Some((r"^abc(?=\n?$)".into(), String::new()))
        );
        assert_eq!(
            rewrite(r"(?P<year>\d{4})-(?P=year)"),
            Some((r"(?<year>\d{4})-\k<year>".into(), String::new()))
        );
        assert_eq!(
            rewrite("^[[:alpha:]_][[:alnum:]]*$"),
            Some(("^[a-zA-Z_][a-zA-Z0-9]*$".into(), String::new()))
        );
        // Escapes are kept whole; nothing to rewrite is `None`.
        assert_eq!(rewrite(r"^\\A[a-z]$"), None);
        assert_eq!(rewrite("^[a-z]+$"), None);
    }
}
