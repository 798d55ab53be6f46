// The shared runtime of a generated crate's validators, first part: the
// `Validate` trait, the violation and report types, the path of a value and
// the depth limit. The keyword checks the generated impls call are in
// `validate_checks.rs`, the `pattern` check and the hand-written checks of
// the standard formats in `validate_formats.rs` (no dependency but `serde`,
// `serde_json` and, for `pattern` only, `fancy-regex`). They are ordinary
// Rust, compiled, linted and unit-tested as part of the workspace (the crate
// in `runtime/`), and copied, in that order, into every generated crate's
// `validate` module by `generator/src/emit/validate_runtime.rs`.
//
// How it gets there: the generator `include_str!`s these files, parses them
// with `syn`, drops every item marked `#[cfg(test)]` (the tests stay here),
// and splits the rest by name:
//   - the function `pattern` is emitted only when a description has a
//     `pattern` that needs a regex engine (it is what needs `fancy-regex`);
//   - each `is_<format>` function (`is_uri`, `is_email`, `is_hostname`,
//     `is_date`, `is_date_time`, `is_ipv4`, `is_ipv6`, `is_uuid`) is emitted
//     only when a description uses its format, or a format whose check calls
//     it (`email` calls `is_hostname`, `date-time` calls `is_date`), with its
//     helpers (the functions named after it: `uri_…` for `is_uri`); the
//     table `FORMATS` of `validate_runtime.rs` names them;
//   - every other item is emitted for every description, first in the module.
// Each file keeps its checks next to their tests; picking items by name keeps
// the generated code free of what a description does not use. So what is
// written here is the generated code: hygienic paths (`::std::…`,
// `::serde::…`, `::fancy_regex::…`), docs that read well in the generated
// crate, nothing that clippy or rustdoc would warn about. Plain `//` comments
// like this one are not copied (they are not tokens).
//
// The seam: the files' items share the `validate` module with what the
// generator writes for each description, which uses them by their plain
// names:
//   - the raw-JSON validator (`generator/runtime/json_schema.rs`, its tables,
//     emitted last among the common items, and
//     `generator/runtime/validate_json.rs`, its walker, right after them),
//     which reports through `Report` and `Path` and calls the keyword and
//     format checks;
//   - one `pattern_<n>()` per distinct pattern, returning
//     `Option<&'static ::fancy_regex::Regex>`, passed to `pattern`;
//   - an `impl Validate` (and, where keys are counted, an `impl JsonObject`)
//     per generated type and a `validate_<alias>` function per alias, which
//     call the checks below and `nested` for a struct or union inside another.
// Nothing here refers to the generator's side. The workspace crate `runtime/`
// (`runtime/src/lib.rs`) `include!`s these files into a module with stand-ins
// for that side: one pattern function and a few types with their impls,
// written as the generator writes them.
//
// Each item is kept free of anything specific to one description.

/// A value that can be checked against the constraints of the description
/// (lengths, bounds, patterns, formats, `enum`, `oneOf`, closed objects, …)
/// before it is sent.
pub trait Validate {
    /// Every constraint the value breaks, or `Ok(())`. A valid value is
    /// checked without allocating.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut report = Report::new();
        self.validate_at(&Path::Root, &mut report);
        report.finish()
    }

    /// Adds the violations of the value, found at `path`, to `report`.
    fn validate_at(&self, path: &Path<'_>, report: &mut Report);
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON Pointer (RFC 6901) of the offending value in the JSON that would
    /// be sent, e.g. `/metadata/team`; empty for the value itself.
    pub pointer: String,
    /// The JSON Schema keyword it breaks, e.g. `maxLength`.
    pub keyword: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl ::std::fmt::Display for Violation {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        };
        write!(f, "{pointer}: {} ({})", self.message, self.keyword)
    }
}

/// Every constraint a value breaks (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// The violations, in the order of the value's fields.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations, owned.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl ::std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.violations.as_slice() {
            [only] => write!(
                f,
                "the value breaks a constraint of the description: {only}"
            ),
            all => {
                write!(
                    f,
                    "the value breaks {} constraints of the description:",
                    all.len()
                )?;
                for violation in all {
                    write!(f, "\n  {violation}")?;
                }
                Ok(())
            }
        }
    }
}

impl ::std::error::Error for ValidationErrors {}

/// Where a value sits in the JSON that would be sent: a chain of keys and
/// indices on the stack, turned into a JSON Pointer only for a violation.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated.
    Root,
    /// A property of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of a property of this value.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of an element of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The JSON Pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let mut pointer = parent.pointer();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                pointer
            }
            Path::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }

    /// What a message calls the value: its key, or its place in an array.
    pub fn subject(&self) -> String {
        match self {
            Path::Root => "the value".to_owned(),
            Path::Key(_, key) => (*key).to_owned(),
            Path::Index(parent, index) => format!("item {index} of {}", parent.subject()),
        }
    }
}

/// Collects violations (or, when only counting, how many there are).
#[derive(Debug, Default)]
pub struct Report {
    violations: Vec<Violation>,
    failures: usize,
    counting: bool,
}

impl Report {
    /// A report that records every violation.
    pub fn new() -> Self {
        Self::default()
    }

    /// A report that only counts violations (used to try `oneOf`/`anyOf`
    /// branches without building messages).
    pub fn counting() -> Self {
        Self {
            counting: true,
            ..Self::default()
        }
    }

    /// Records a violation; the message is built only when it is recorded.
    pub fn fail(
        &mut self,
        path: &Path<'_>,
        keyword: &'static str,
        message: impl FnOnce(&str) -> String,
    ) {
        self.failures += 1;
        if !self.counting {
            let message = message(&path.subject());
            self.violations.push(Violation {
                pointer: path.pointer(),
                keyword,
                message,
            });
        }
    }

    /// No violation so far.
    pub fn is_clean(&self) -> bool {
        self.failures == 0
    }

    /// `Ok(())`, or every violation recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.failures == 0 {
            Ok(())
        } else {
            Err(ValidationErrors {
                violations: self.violations,
            })
        }
    }
}

/// How many levels of structs and unions a value may nest in before it
/// is not checked further (a `depth` violation): deeper recursion could
/// overflow the stack. JSON read with `serde_json` nests at most 128
/// levels.
pub const MAX_DEPTH: usize = 128;

/// Validates a struct or union inside another value, one level deeper
/// (see [`MAX_DEPTH`]).
#[doc(hidden)]
pub fn nested<T: Validate + ?Sized>(value: &T, path: &Path<'_>, report: &mut Report) {
    ::std::thread_local! {
        static DEPTH: ::std::cell::Cell<usize> = const { ::std::cell::Cell::new(0) };
    }
    let depth = DEPTH.with(|d| {
        let depth = d.get().saturating_add(1);
        d.set(depth);
        depth
    });
    if depth > MAX_DEPTH {
        report.fail(path, "depth", |subject| {
            format!(
                "{subject} is nested more than {MAX_DEPTH} levels deep; it is not checked further"
            )
        });
    } else {
        value.validate_at(path, report);
    }
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
}

/// The keys a struct would be serialised with (named fields that are set,
/// plus the extra keys), for the object keywords and for telling `oneOf`
/// branches apart.
#[doc(hidden)]
pub trait JsonObject {
    /// How many keys the object is serialised with.
    fn key_count(&self) -> usize;
    /// Whether it is serialised with this key.
    fn has_key(&self, key: &str) -> bool;
    /// Whether every key it is serialised with is in `known`.
    fn keys_within(&self, known: &[&str]) -> bool;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value nested in itself, as deep as wanted, with a string that must
    /// be at most 3 characters long at every level: an `impl Validate` as the
    /// generator writes one.
    struct Node {
        name: String,
        child: Option<Box<Node>>,
    }

    impl Node {
        /// A chain of `depth` nodes below the root, each named `name`.
        fn chain(depth: usize, name: &str) -> Node {
            let mut node = Node {
                name: name.to_owned(),
                child: None,
            };
            for _ in 0..depth {
                node = Node {
                    name: name.to_owned(),
                    child: Some(Box::new(node)),
                };
            }
            node
        }
    }

    impl Drop for Node {
        // Dropped in a loop: a deep chain would overflow the stack otherwise.
        fn drop(&mut self) {
            let mut next = self.child.take();
            while let Some(mut node) = next {
                next = node.child.take();
            }
        }
    }

    impl Validate for Node {
        fn validate_at(&self, path: &Path<'_>, report: &mut Report) {
            max_length(report, &path.key("name"), &self.name, 3);
            if let Some(child) = &self.child {
                nested(child.as_ref(), &path.key("child"), report);
            }
        }
    }

    fn violations(check: impl FnOnce(&mut Report)) -> Vec<Violation> {
        let mut report = Report::new();
        check(&mut report);
        match report.finish() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_violations(),
        }
    }

    #[test]
    fn paths_are_json_pointers() {
        let root = Path::Root;
        assert_eq!(root.pointer(), "");
        assert_eq!(root.subject(), "the value");
        let key = root.key("a~b/c");
        assert_eq!(key.pointer(), "/a~0b~1c");
        assert_eq!(key.subject(), "a~b/c");
        let tags = root.key("tags");
        let item = tags.index(2);
        assert_eq!(item.pointer(), "/tags/2");
        assert_eq!(item.subject(), "item 2 of tags");
        let inner = item.index(0);
        assert_eq!(inner.subject(), "item 0 of item 2 of tags");
        assert_eq!(root.index(7).subject(), "item 7 of the value");
        assert_eq!(root.key("").pointer(), "/");
        assert_eq!(root.key("é/ü").pointer(), "/é~1ü");
    }

    #[test]
    fn violations_display_their_pointer() {
        let found = violations(|report| {
            max_length(report, &Path::Root, "abcd", 3);
            min_items(report, &Path::Root.key("tags"), 0, 1);
        });
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].to_string(),
            "/: the value is 4 characters long; at most 3 are allowed (maxLength)"
        );
        assert_eq!(found[1].pointer, "/tags");
        assert_eq!(found[1].keyword, "minItems");
        let mut report = Report::new();
        max_length(&mut report, &Path::Root.key("name"), "abcd", 3);
        let one = report.finish().unwrap_err();
        assert_eq!(
            one.to_string(),
            "the value breaks a constraint of the description: \
             /name: name is 4 characters long; at most 3 are allowed (maxLength)"
        );
        let mut report = Report::new();
        max_length(&mut report, &Path::Root.key("a"), "abcd", 3);
        max_length(&mut report, &Path::Root.key("b"), "abcd", 3);
        let two = report.finish().unwrap_err();
        assert_eq!(two.violations().len(), 2);
        assert!(two
            .to_string()
            .starts_with("the value breaks 2 constraints of the description:\n  /a: "));
    }

    #[test]
    fn counting_reports_build_no_message() {
        let mut report = Report::counting();
        assert!(report.is_clean());
        report.fail(&Path::Root, "x", |_| {
            unreachable!("no message when counting")
        });
        assert!(!report.is_clean());
        // A counting report that failed is still an error, without details.
        let errors = report.finish().unwrap_err();
        assert!(errors.violations().is_empty());
        assert!(Report::new().finish().is_ok());
        assert!(passes(|report| max_length(report, &Path::Root, "abc", 3)));
        assert!(!passes(|report| max_length(report, &Path::Root, "abcd", 3)));
    }

    #[test]
    fn nested_values_report_their_path() {
        let mut root = Node::chain(2, "ok");
        root.child.as_mut().unwrap().child.as_mut().unwrap().name = "long".to_owned();
        let errors = root.validate().unwrap_err();
        assert_eq!(errors.violations().len(), 1);
        assert_eq!(errors.violations()[0].pointer, "/child/child/name");
        assert!(Node::chain(2, "ok").validate().is_ok());
    }

    #[test]
    fn depth_limit() {
        // `MAX_DEPTH` levels below the root are checked, all of them.
        assert!(Node::chain(MAX_DEPTH, "ok").validate().is_ok());
        let deep = Node::chain(MAX_DEPTH, "long").validate().unwrap_err();
        assert_eq!(deep.violations().len(), MAX_DEPTH + 1);
        // One more is not checked: one `depth` violation, at that level.
        for _ in 0..2 {
            // Twice: the depth is back to 0 after a validation.
            let errors = Node::chain(10 * MAX_DEPTH, "ok").validate().unwrap_err();
            let [violation] = errors.violations() else {
                panic!("{errors}");
            };
            assert_eq!(violation.keyword, "depth");
            assert_eq!(violation.pointer, "/child".repeat(MAX_DEPTH + 1));
            assert!(violation.message.contains("more than 128 levels"));
        }
        assert!(Node::chain(3, "ok").validate().is_ok());
    }
}
