//! ECMA-262 patterns in the syntax of the `fancy-regex` crate, which the
//! generated validators run. `fancy-regex` hands every pattern without
//! look-around or backreference whole to the `regex` crate's automata, whose
//! time is linear in the input (`^(a+)+$` on 40 characters: microseconds,
//! where a backtracking engine such as `regress` needs hours); look-around
//! and backreferences are backtracked with a step limit, past which the
//! check reports that it could not decide.
//!
//! What differs between the two syntaxes is written out: `\d`, `\w`, `\s` and
//! `\b` are ASCII (ECMA-262's) sets (a boundary by look-around), `.` excludes ECMA-262's four line
//! terminators, `\uXXXX` (surrogate pairs joined) and `\u{…}` become
//! `\x{…}`, `\cX` and `\0` their characters, a `{` or `}` that is no
//! quantifier, a `]` outside a class and `[`, `&`, `~`, `-` inside one are
//! literal, `[]` matches nothing and `[^]` anything. A pattern with a lone
//! surrogate (which no Rust string holds) is refused.

use super::Pattern;

/// ECMA-262's `\s`: white space and line terminators.
const SPACE: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";

/// The pattern `source` (ECMA-262; `unicode`: compiled with the `u` flag) in
/// `fancy-regex` syntax, or why it cannot be.
/// Compiling a pattern the way the generated validators will.
impl Pattern {
    /// Compiles the pattern the way the generated code will: as it is with
    /// the `u` flag; else rewritten from another dialect, when a rewrite
    /// applies (`\A` or `[[:alpha:]]` would compile in the web-compatible
    /// syntax, but meaning something else); else as it is in the
    /// web-compatible syntax. An error when none compiles (the error of the
    /// `u` mode on the original text) or when the result cannot be run by
    /// the validators' linear-time engine.
    pub fn compile(source: &str) -> Result<Pattern, String> {
        let (text, unicode, flags) = Self::choose(source)?;
        let translated = translate_with_flags(&text, unicode, &flags)?;
        if let Err(e) = fancy_regex::Regex::new(&translated) {
            return Err(format!("it cannot be run by the validators' engine: {e}"));
        }
        Ok(Pattern {
            source: text,
            unicode,
            extra_flags: flags,
            translated,
        })
    }

    /// The text, whether it compiles with `u`, and the flags from another
    /// dialect's inline group.
    fn choose(source: &str) -> Result<(String, bool, String), String> {
        let compiles = |source: &str, flags: &str| regress::Regex::with_flags(source, flags);
        let unicode_error = match compiles(source, "u") {
            Ok(_) => return Ok((source.to_string(), true, String::new())),
            Err(e) => e.to_string(),
        };
        if let Some((rewritten, flags)) = super::dialects::to_ecma(source) {
            if compiles(&rewritten, &format!("{flags}u")).is_ok() {
                return Ok((rewritten, true, flags));
            }
            if compiles(&rewritten, &flags).is_ok() {
                return Ok((rewritten, false, flags));
            }
        }
        match compiles(source, "") {
            Ok(_) => Ok((source.to_string(), false, String::new())),
            Err(_) => Err(unicode_error),
        }
    }

    /// The pattern as messages show it: a leading flag group when it came
    /// from another dialect's (`(?i)^abc$`).
    pub fn display(&self) -> String {
        match self.extra_flags.as_str() {
            "" => self.source.clone(),
            flags => format!("(?{flags}){}", self.source),
        }
    }
}

#[cfg(test)]
pub fn translate(source: &str, unicode: bool) -> Result<String, String> {
    translate_with_flags(source, unicode, "")
}

/// [`translate`] with ECMA-262 flags besides `u` (from another dialect's
/// leading inline group): `i` and `m` become the same inline flags (whose
/// line terminator is `\n`, as in the dialects they come from), `s` makes
/// `.` match any character.
pub fn translate_with_flags(source: &str, unicode: bool, flags: &str) -> Result<String, String> {
    let dot_all = flags.contains('s');
    let inline: String = flags.chars().filter(|f| matches!(f, 'i' | 'm')).collect();
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() + 16);
    if !inline.is_empty() {
        out.push_str(&format!("(?{inline})"));
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let (atom, next) = escape(&chars, i, unicode, false)?;
                i = next;
                match atom {
                    Atom::Char(c) => literal(c, &mut out),
                    Atom::Set(set, negated) => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(set);
                        out.push(']');
                    }
                    Atom::Raw(raw) => out.push_str(&raw),
                }
            }
            '.' if dot_all => out.push_str(r"(?s:.)"),
            '.' => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '[' => i = class(&chars, i, unicode, &mut out)?,
            '{' => match quantifier(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i - 1..end]);
                    i = end;
                }
                None => out.push_str(r"\{"),
            },
            '}' => out.push_str(r"\}"),
            ']' => out.push_str(r"\]"),
            '(' | ')' | '|' | '*' | '+' | '?' | '^' | '$' => out.push(c),
            c => literal(c, &mut out),
        }
    }
    Ok(out)
}

/// What an escape stands for.
enum Atom {
    Char(char),
    /// A set's contents (for inside a class), and whether it is negated.
    Set(&'static str, bool),
    /// Syntax passed through (`\b`, backreferences, `\p{…}`).
    Raw(String),
}

/// The escape after the `\` at `chars[i - 1]`: what it stands for and where
/// it ends.
fn escape(
    chars: &[char],
    i: usize,
    unicode: bool,
    in_class: bool,
) -> Result<(Atom, usize), String> {
    let Some(&c) = chars.get(i) else {
        return Err("the pattern ends with a lone `\\`".to_string());
    };
    let next = i + 1;
    let atom = match c {
        'd' => Atom::Set(DIGIT, false),
        'D' => Atom::Set(DIGIT, true),
        'w' => Atom::Set(WORD, false),
        'W' => Atom::Set(WORD, true),
        's' => Atom::Set(SPACE, false),
        'S' => Atom::Set(SPACE, true),
        'b' if in_class => Atom::Char('\u{8}'),
        // ECMA-262's boundaries are between ASCII word characters and others.
        'b' => Atom::Raw(format!(
            "(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))"
        )),
        'B' => Atom::Raw(format!(
            "(?:(?<=[{WORD}])(?=[{WORD}])|(?<![{WORD}])(?![{WORD}]))"
        )),
        't' => Atom::Char('\t'),
        'n' => Atom::Char('\n'),
        'r' => Atom::Char('\r'),
        'v' => Atom::Char('\u{B}'),
        'f' => Atom::Char('\u{C}'),
        '0' if !chars.get(next).is_some_and(|d| d.is_ascii_digit()) => Atom::Char('\0'),
        'c' => match chars.get(next) {
            Some(&l) if l.is_ascii_alphabetic() => {
                return Ok((Atom::Char(char::from(l as u8 % 32)), next + 1))
            }
            _ => Atom::Char('\\'),
        },
        'x' => match hex(chars, next, 2) {
            Some(v) => return Ok((Atom::Char(code_point(v)?), next + 2)),
            None => Atom::Char('x'),
        },
        'u' => return unicode_escape(chars, next),
        '1'..='9' if !in_class => {
            let end = (i..chars.len())
                .find(|&j| !chars[j].is_ascii_digit())
                .unwrap_or(chars.len());
            let digits: String = chars[i..end].iter().collect();
            return Ok((Atom::Raw(format!(r"\{digits}")), end));
        }
        'k' if !in_class && chars.get(next) == Some(&'<') => {
            let end = (next..chars.len())
                .find(|&j| chars[j] == '>')
                .ok_or("an unclosed `\\k<`")?;
            let name: String = chars[next + 1..end].iter().collect();
            return Ok((Atom::Raw(format!(r"\k<{name}>")), end + 1));
        }
        'p' | 'P' if unicode && chars.get(next) == Some(&'{') => {
            let end = (next..chars.len())
                .find(|&j| chars[j] == '}')
                .ok_or("an unclosed `\\p{`")?;
            let body: String = chars[next..=end].iter().collect();
            return Ok((Atom::Raw(format!(r"\{c}{body}")), end + 1));
        }
        c if c.is_ascii_digit() => {
            return Err(format!(
                "the escape `\\{c}` (an octal or backreference in a class) is not supported"
            ))
        }
        c => Atom::Char(c),
    };
    Ok((atom, next))
}

/// `\uXXXX` (a surrogate pair joined) or `\u{…}`.
fn unicode_escape(chars: &[char], i: usize) -> Result<(Atom, usize), String> {
    if chars.get(i) == Some(&'{') && hex(chars, i + 1, 1).is_some() {
        let end = (i..chars.len())
            .find(|&j| chars[j] == '}')
            .ok_or("an unclosed `\\u{`")?;
        let digits: String = chars[i + 1..end].iter().collect();
        let v = u32::from_str_radix(&digits, 16)
            .map_err(|_| format!("`\\u{{{digits}}}` is no code point"))?;
        return Ok((Atom::Char(code_point(v)?), end + 1));
    }
    let Some(v) = hex(chars, i, 4) else {
        return Ok((Atom::Char('u'), i));
    };
    if (0xD800..0xDC00).contains(&v)
        && chars.get(i + 4) == Some(&'\\')
        && chars.get(i + 5) == Some(&'u')
    {
        if let Some(low) = hex(chars, i + 6, 4).filter(|l| (0xDC00..0xE000).contains(l)) {
            let joined = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
            return Ok((Atom::Char(code_point(joined)?), i + 10));
        }
    }
    Ok((Atom::Char(code_point(v)?), i + 4))
}

fn code_point(v: u32) -> Result<char, String> {
    char::from_u32(v).ok_or_else(|| {
        format!("the code point U+{v:04X} (a lone surrogate) cannot occur in a string")
    })
}

fn hex(chars: &[char], i: usize, len: usize) -> Option<u32> {
    let digits: String = chars.get(i..i + len)?.iter().collect();
    if digits.chars().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(&digits, 16).ok()
    } else {
        None
    }
}

/// The end of a quantifier `{n}`, `{n,}`, `{n,m}` whose `{` is at `i - 1`.
fn quantifier(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    let digits = |j: &mut usize| {
        let start = *j;
        while chars.get(*j).is_some_and(|c| c.is_ascii_digit()) {
            *j += 1;
        }
        *j > start
    };
    if !digits(&mut j) {
        return None;
    }
    if chars.get(j) == Some(&',') {
        j += 1;
        digits(&mut j);
    }
    (chars.get(j) == Some(&'}')).then_some(j + 1)
}

/// A character as a literal of the output syntax.
fn literal(c: char, out: &mut String) {
    if r"\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
        out.push(c);
    } else if c.is_control() || c.is_whitespace() {
        out.push_str(&format!(r"\x{{{:X}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// A class whose `[` is at `chars[i - 1]`; where it ends.
fn class(chars: &[char], mut i: usize, unicode: bool, out: &mut String) -> Result<usize, String> {
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        // `[]` matches nothing, `[^]` any character.
        out.push_str(if negated {
            r"[\x{0}-\x{10FFFF}]"
        } else {
            r"[^\x{0}-\x{10FFFF}]"
        });
        return Ok(i + 1);
    }
    out.push_str(if negated { "[^" } else { "[" });
    // The previous single character, when a `-` may make it a range's start.
    let mut pending: Option<char> = None;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err("a character class is not closed".to_string());
        };
        i += 1;
        let atom = match c {
            ']' => {
                if let Some(p) = pending.take() {
                    literal(p, out);
                }
                out.push(']');
                return Ok(i);
            }
            '\\' => {
                let (atom, next) = escape(chars, i, unicode, true)?;
                i = next;
                atom
            }
            c => Atom::Char(c),
        };
        match atom {
            Atom::Char(c) => {
                if let Some(start) = pending.take() {
                    // `a-c`: a range; `a-\d` (Annex B): `a`, `-` and the set.
                    literal(start, out);
                    out.push('-');
                    literal(c, out);
                    continue;
                }
                if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&n| n != ']') {
                    let is_set = chars.get(i + 1) == Some(&'\\')
                        && chars.get(i + 2).is_some_and(|e| "dDwWsS".contains(*e));
                    if !is_set {
                        pending = Some(c);
                        i += 1;
                        continue;
                    }
                }
                literal(c, out);
            }
            Atom::Set(set, neg) => {
                if let Some(p) = pending.take() {
                    literal(p, out);
                    out.push_str(r"\-");
                }
                if neg {
                    out.push_str("[^");
                    out.push_str(set);
                    out.push(']');
                } else {
                    out.push_str(set);
                }
            }
            Atom::Raw(raw) => out.push_str(&raw),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::translate;

    /// The pattern matches (or not) each text the same under `regress`
    /// (ECMA-262) and, translated, under `fancy-regex`.
    fn same(pattern: &str, texts: &[&str]) {
        for unicode in [true, false] {
            let flags = if unicode { "u" } else { "" };
            let Ok(ecma) = regress::Regex::with_flags(pattern, flags) else {
                continue;
            };
            let translated =
                translate(pattern, unicode).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            let fancy = fancy_regex::Regex::new(&translated)
                .unwrap_or_else(|e| panic!("{pattern} → {translated}: {e}"));
            for text in texts {
                let expected = ecma.find(text).is_some();
                let got = fancy.is_match(text).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(
                    got, expected,
                    "{pattern:?} ({flags}) → {translated:?} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn agrees_with_ecma_262() {
        let texts = [
            "",
            "a",
            "ab",
            "A_b-9",
            "a b",
            "\u{a0}",
            "\u{2028}",
            "é",
            "١",
            "{",
            "}",
            "]",
            "x-y",
            "a.b",
            "org_1",
            "abc123",
            "\u{1F600}",
            "a\nb",
            "aaaa",
            "--",
            "a{2}",
            "\u{FEFF}",
        ];
        for pattern in [
            r"^\d+$",
            r"^\w+$",
            r"\s",
            r"^\S+$",
            r"\bb",
            r"^.$",
            r"^[\w-\.]+$",
            r"^[a-z]{2,3}$",
            r"a{",
            r"a{,2}",
            r"}",
            r"]",
            r"^[^]$",
            r"^[]$",
            r"[\d-x]",
            r"^[\]a]$",
            r"[&~]",
            r"^(?!org_)[a-z0-9_]+$",
            r"^(?!.*\x00)\S(.*\S)?$",
            r"^(a)\1$",
            r"\u00e9",
            r"\u{1F600}",
            r"\uD83D\uDE00",
            r"[\u0041-\u005A]",
            r"^\p{L}+$",
            r"(?<n>a)\k<n>",
            r"\cJ",
            r"\0",
            r"^[^\d\s]+$",
            r"[\b]",
            r"\/",
            r"^[-a]$",
            r"^[a-]$",
            r"\#",
            r"a|b|",
        ] {
            same(pattern, &texts);
        }
    }

    #[test]
    fn nested_quantifiers_take_linear_time() {
        let translated = translate("^(a+)+$", true).unwrap_or_default();
        let regex = fancy_regex::Regex::new(&translated).unwrap_or_else(|e| panic!("{e}"));
        let text = format!("{}!", "a".repeat(10_000));
        assert_eq!(regex.is_match(&text).ok(), Some(false));
    }

    #[test]
    fn lone_surrogates_are_refused() {
        assert!(translate(r"\uD800", false).is_err());
    }
}
