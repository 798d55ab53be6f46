//! A `pattern` with nested quantifiers, `^(a+)+$`, as the generated
//! validators run it (translated from ECMA-262 by
//! `openapi_rustgen::translate_pattern`, compiled with `fancy-regex`), on 40
//! `a`s and a `!` and on 10,000: a backtracking engine tries 2^n ways to
//! split the `a`s before it fails (`regress` took 1.8 s on 24 characters,
//! doubling with each one); here the time is linear in the input.
//!
//! `cargo bench --bench pattern`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn nested_quantifiers(c: &mut Criterion) {
    let translated = match openapi_rustgen::translate_pattern("^(a+)+$") {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let regex = match fancy_regex::Regex::new(&translated) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    for n in [40, 10_000] {
        let text = format!("{}!", "a".repeat(n));
        c.bench_function(&format!("^(a+)+$ on {n} a's and a '!'"), |b| {
            b.iter(|| regex.is_match(black_box(&text)).ok())
        });
    }
}

criterion_group!(benches, nested_quantifiers);
criterion_main!(benches);
