//! Generator throughput: each stage separately and the whole pipeline.
//!
//! For the curated spec (`spec/telnyx-number-orders.yaml`) and, when it is next to the project,
//! the whole upstream Telnyx document (`../shared/reference/telnyx-openapi-3.1.yml`):
//!
//! - `load`: text → `openapiv3::OpenAPI` ([`generator::load::load`]: YAML parse,
//!   3.1 normalisation, deserialisation);
//! - `lower`: document → IR ([`generator::lower::lower`]);
//! - `emit`: IR → file contents ([`generator::emit::emit`]);
//! - `end_to_end`: [`generator::generate`], from reading the file to the files in memory
//!   (what `cargo xtask codegen` does before writing).
//!
//! Run with `cargo bench -p generator --bench codegen`; a filter such as `-- whole` runs one group.
//! In test mode (`cargo test --all-targets`, or `-- --test`) only the curated spec runs.
//! The whole document takes about a second per iteration, so its group takes the minimum of
//! 10 samples of one iteration each. Targets for the whole document end to end: at most 1 s and
//! 200 MB peak memory (measured separately, see `docs/performance.md`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode};
use generator::load::Source;
use generator::Config;
use generator::Threads;

/// The allocator `cargo xtask codegen` uses (see `xtask/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A document to benchmark.
struct Spec {
    /// Benchmark group name.
    group: &'static str,
    /// Relative to the workspace root.
    path: &'static str,
    /// Whether one iteration takes long enough to sample iterations one at a time.
    large: bool,
}

const CURATED: Spec = Spec {
    group: "curated",
    path: "spec/telnyx-number-orders.yaml",
    large: false,
};

const WHOLE: Spec = Spec {
    group: "whole_telnyx",
    path: "../shared/reference/telnyx-openapi-3.1.yml",
    large: true,
};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator lives in a subdirectory of the workspace")
        .to_path_buf()
}

fn config(spec: &Spec, spec_path: PathBuf) -> Config {
    Config {
        spec_path,
        spec_display: spec.path.to_owned(),
        crate_name: "telnyx".to_owned(),
        crate_version: "0.1.0".to_owned(),
        env_prefix: "TELNYX".to_owned(),
        command: "cargo xtask codegen".to_owned(),
        examples_dir: None,
        jobs: None,
    }
}

fn bench_spec(c: &mut Criterion, spec: &Spec) {
    let path = workspace_root().join(spec.path);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if !spec.large => panic!("cannot read {}: {e}", path.display()),
        Err(e) => {
            println!(
                "note: skipping the `{}` benchmarks: cannot read {} ({e})",
                spec.group,
                path.display()
            );
            return;
        }
    };
    let config = config(spec, path);
    let source = Source::new(spec.path, text);
    // Inputs of the later stages, computed once; the benchmarks fail loudly if the pipeline does.
    let threads = Threads::with_limit(config.jobs);
    let loaded = generator::load::load(&source, &threads)
        .unwrap_or_else(|e| panic!("load {}: {e}", spec.path));
    let api = generator::lower::lower(&loaded, &source, &threads)
        .unwrap_or_else(|e| panic!("lower: {e}"));
    let files = generator::emit::emit(&api, &config, &[], &threads)
        .unwrap_or_else(|e| panic!("emit: {e}"))
        .files;
    let lines: usize = files.values().map(|f| f.lines().count()).sum();
    println!(
        "{}: {} bytes of spec, {} operations → {} files, {lines} lines",
        spec.group,
        source.text.len(),
        api.operations.len(),
        files.len()
    );

    let mut group = c.benchmark_group(spec.group);
    if spec.large {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5));
    } else {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    }
    group.bench_function("load", |b| {
        b.iter(|| generator::load::load(black_box(&source), &threads).unwrap())
    });
    group.bench_function("lower", |b| {
        b.iter(|| generator::lower::lower(black_box(&loaded), &source, &threads).unwrap())
    });
    group.bench_function("emit", |b| {
        b.iter(|| generator::emit::emit(black_box(&api), &config, &[], &threads).unwrap())
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| generator::generate(black_box(&config)).unwrap())
    });
    group.finish();
}

fn curated(c: &mut Criterion) {
    bench_spec(c, &CURATED);
}

fn whole_telnyx(c: &mut Criterion) {
    if test_mode() {
        // `cargo test --all-targets` (the first step of `cargo xtask test`) runs each benchmark
        // once, unoptimised: a minute for this document, which the whole-API step of
        // `cargo xtask test` generates and checks anyway.
        println!(
            "note: skipping the `{}` benchmarks in test mode",
            WHOLE.group
        );
        return;
    }
    bench_spec(c, &WHOLE);
}

/// Whether criterion runs each benchmark once as a test: under `cargo test` (no `--bench`
/// argument) or with `--test` (criterion's own rule).
fn test_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|arg| arg == flag);
    !has("--bench") || has("--test")
}

criterion_group!(benches, curated, whole_telnyx);
criterion_main!(benches);
