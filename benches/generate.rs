//! Generation, stage by stage, on `spec/` (one operation) and on the whole
//! Auth0 Management API (`../shared/reference/`, 452 operations; skipped
//! with a note when that file is not there):
//!
//! - `load`: the bytes parsed as JSON;
//! - `resolve`: bundled, normalised onto 3.0, read into the OpenAPI model;
//! - `ir`: the operations selected and their types named;
//! - `emit`: the token streams of every module, on one thread;
//! - `format`: those token streams parsed and printed, on one thread;
//! - `emit+format`: both as generation runs them (interleaved, two threads).
//!
//! `cargo bench --bench generate` (add `-- spec/` or `-- auth0/` for one description).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use openapi_rustgen::load::Source;
use openapi_rustgen::{stages, Selection};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SPECS: [(&str, &str); 2] = [
    ("spec", "spec/connection-update.json"),
    (
        "auth0",
        "../shared/reference/auth0-management-api-2026-06-25.json",
    ),
];

fn stages(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, path) in SPECS {
        let path = root.join(path);
        let Ok(source) = Source::read(&path) else {
            eprintln!(
                "{} is not there: its benchmarks are skipped",
                path.display()
            );
            continue;
        };
        let selection = Selection::default();
        let doc = stages::load(&source).expect("the description parses");
        let loaded = stages::resolve(&source, doc.clone()).expect("the description resolves");
        let ir = stages::ir(&source, &loaded, &selection).expect("the IR builds");

        let mut group = c.benchmark_group(name);
        if name == "auth0" {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        group.bench_function("load", |b| b.iter(|| stages::load(black_box(&source))));
        group.bench_function("resolve", |b| {
            b.iter_batched(
                || doc.clone(),
                |doc| stages::resolve(&source, doc),
                BatchSize::LargeInput,
            )
        });
        group.bench_function("ir", |b| {
            b.iter(|| stages::ir(&source, black_box(&loaded), &selection))
        });
        group.bench_function("emit", |b| b.iter(|| stages::emit(black_box(&ir))));
        group.bench_function("format", |b| {
            b.iter_batched(
                || stages::emit(&ir).expect("the code builds"),
                stages::format,
                BatchSize::PerIteration,
            )
        });
        group.bench_function("emit+format", |b| {
            b.iter(|| stages::emit_and_format(black_box(&ir)))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
