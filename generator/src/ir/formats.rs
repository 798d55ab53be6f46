//! The standard `format`s the generated validators check: read by the
//! audit (a format outside them is a loss) and by the emitter (which copies
//! their checks into the crate).

/// The standard formats that are checked, each with the formats its check calls.
pub const FORMATS: &[(&str, &[&str])] = &[
    ("uri", &[]),
    ("email", &["hostname"]),
    ("hostname", &[]),
    ("date", &[]),
    ("date-time", &["date"]),
    ("ipv4", &[]),
    ("ipv6", &[]),
    ("uuid", &[]),
];

/// Whether the validators check strings of this `format`.
pub fn checked(format: &str) -> bool {
    FORMATS.iter().any(|(f, _)| *f == format)
}
