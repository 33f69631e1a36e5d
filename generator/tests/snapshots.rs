//! Snapshot tests of emitted code, determinism, and a compile check of the output.
//!
//! Update snapshots with `EXPECTORATE=overwrite cargo test -p generator --test snapshots`.

mod common;

use common::{crate_dir, curated_config, fixture_config};
use std::path::Path;

#[test]
fn shapes_fixture_matches_snapshots() {
    let output = generator::generate(&fixture_config("shapes.yaml")).expect("fixture generates");
    let snapshot_dir = crate_dir().join("tests/snapshots/shapes");
    // The runtime is not snapshotted: it is the same in every crate, and
    // `runtime_files_are_verbatim_copies_of_their_sources` checks it.
    let files: std::collections::BTreeMap<&String, &String> = output
        .files
        .iter()
        .filter(|(path, _)| !is_runtime(path))
        .collect();
    for (path, text) in &files {
        let file = snapshot_dir.join(path);
        if std::env::var_os("EXPECTORATE").is_some() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        }
        expectorate::assert_contents(file, text);
    }
    // No snapshot is left over from a file the generator stopped emitting.
    let mut stack = vec![snapshot_dir.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("snapshot dir exists") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(&snapshot_dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(files.contains_key(&rel), "stale snapshot {rel}: delete it");
            }
        }
    }
}

#[test]
fn generation_is_deterministic() {
    for config in [curated_config(), fixture_config("shapes.yaml")] {
        let first = generator::generate(&config).expect("generates");
        for _ in 0..3 {
            let again = generator::generate(&config).expect("generates");
            assert_eq!(
                first, again,
                "output of {} differs between runs",
                config.spec_display
            );
        }
    }
}

/// Whether `path` is one of the runtime files copied verbatim into every crate.
fn is_runtime(path: &str) -> bool {
    all_runtime_files().any(|(runtime, _)| *runtime == path)
}

/// The runtime files every crate gets, then those only a crate with webhooks gets.
fn all_runtime_files() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    generator::emit::RUNTIME_FILES
        .iter()
        .chain(generator::emit::WEBHOOK_RUNTIME_FILES)
        .chain(generator::emit::WAITER_RUNTIME_FILES)
}

#[test]
fn runtime_files_are_verbatim_copies_of_their_sources() {
    let sources = crate_dir().join("runtime");
    for config in [curated_config(), fixture_config("shapes.yaml")] {
        let output = generator::generate(&config).expect("generates");
        let webhooks = output.files.contains_key("src/webhooks.rs");
        let waiters = output.files.contains_key("src/waiter.rs");
        let optional = |present: bool, files| present.then_some(files).into_iter().flatten();
        let files = generator::emit::RUNTIME_FILES
            .iter()
            .chain(optional(webhooks, generator::emit::WEBHOOK_RUNTIME_FILES))
            .chain(optional(waiters, generator::emit::WAITER_RUNTIME_FILES));
        for (path, _) in files {
            let source = std::fs::read_to_string(sources.join(path)).expect("runtime source");
            assert!(
                output.files[*path] == source,
                "{path} of {} differs from generator/runtime/{path}",
                config.spec_display
            );
        }
    }
    // The examples of the curated crate are copies of `spec/examples/`.
    let output = generator::generate(&curated_config()).expect("generates");
    let examples = crate_dir().join("../spec/examples");
    let mut copied = 0;
    for entry in std::fs::read_dir(&examples).expect("spec/examples") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            output.files[&format!("examples/{name}")] == source,
            "{name}"
        );
        copied += 1;
    }
    assert!(copied > 0);
    // The curated crate has webhooks and waiters, so it carries their runtime files too.
    assert!(output.files.contains_key("src/webhook.rs"));
    assert!(output.files.contains_key("src/waiter.rs"));
    // And the copies checked in under generated/ are the sources too.
    for (path, _) in all_runtime_files() {
        let source = std::fs::read_to_string(sources.join(path)).expect("runtime source");
        let copy = std::fs::read_to_string(crate_dir().join("../generated").join(path))
            .expect("generated copy");
        assert!(copy == source, "generated/{path} differs from its source");
    }
}

#[test]
fn every_file_starts_with_the_generated_header() {
    let output = generator::generate(&curated_config()).expect("generates");
    // The runtime and the examples are copies of hand-written sources (tested below).
    let copied = |path: &str| is_runtime(path) || path.starts_with("examples/");
    for (path, text) in output.files.iter().filter(|(path, _)| !copied(path)) {
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by `cargo xtask codegen`") && first.contains("Do not edit"),
            "{path} starts with {first:?}"
        );
    }
}

/// Writes the fixture's crate into the target directory and runs `cargo check` and
/// `cargo clippy` on it with warnings denied, sharing the workspace lock file.
#[test]
fn fixture_output_compiles_without_warnings() {
    let output = generator::generate(&fixture_config("shapes.yaml")).expect("fixture generates");
    let (out_dir, run) = common::write_fixture_crate("shapes", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::copy(
        crate_dir().join("tests/fixture_behaviour/shapes.rs"),
        out_dir.join("tests/behaviour.rs"),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the crate generated from the fixture does not compile cleanly: {}",
        Path::new(&out_dir).display()
    );
    // One tag's feature alone compiles cleanly too (types used by other tags drop out).
    assert!(
        run(&[
            "clippy",
            "--quiet",
            "--no-default-features",
            "--features",
            "widget-lists",
            "--",
            "-D",
            "warnings"
        ]),
        "the fixture crate with only `widget-lists` does not compile cleanly: {}",
        Path::new(&out_dir).display()
    );
    // Behaviour of the generated unions and recursive types, run inside that crate.
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the fixture crate's behaviour tests fail: {}",
        Path::new(&out_dir).display()
    );
}

/// The operations and the waiters (`x-waiters`) the curated document declares, counted in its
/// text.
fn curated_operations_and_waiters() -> (usize, usize) {
    let text = std::fs::read_to_string(curated_config().spec_path).unwrap();
    let document: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let operations: Vec<&serde_yaml::Value> = document["paths"]
        .as_mapping()
        .unwrap()
        .values()
        .flat_map(|item| item.as_mapping().unwrap())
        .filter(|(key, _)| generator::load::METHODS.contains(&key.as_str().unwrap()))
        .map(|(_, operation)| operation)
        .collect();
    let waiters = operations
        .iter()
        .filter_map(|op| op.get("x-waiters").and_then(serde_yaml::Value::as_sequence))
        .map(Vec::len)
        .sum();
    (operations.len(), waiters)
}

/// Every client method of the curated crate (one per operation and one per waiter) documents a
/// usage example that rustdoc compiles (`no_run`): the `cargo test --doc` step of `cargo xtask
/// test` builds each one.
#[test]
fn every_operation_documents_a_compiled_usage_example() {
    let (operations, waiters) = curated_operations_and_waiters();
    assert!(operations >= 50 && waiters >= 5, "{operations} {waiters}");
    let output = generator::generate(&curated_config()).expect("curated spec generates");
    let mut documented = 0;
    for (path, operations) in &output.files {
        if !path.starts_with("src/operations/") || path.ends_with("/mod.rs") {
            continue;
        }
        // Each client method sits in its own `impl crate::Client` block (after its
        // `#[cfg_attr(docsrs, ...)]`).
        for block in operations.split("impl crate::Client {").skip(1) {
            let (docs, rest) = block
                .split_once("    pub fn ")
                .expect("each impl block holds one client method");
            let method = rest.split(['(', '<']).next().unwrap();
            let example = docs
                .split_once("/// ```no_run")
                .unwrap_or_else(|| panic!("{method} has no usage example"))
                .1;
            assert!(
                example.contains(&format!(".{method}(")),
                "the example of {method} does not call it:\n{example}"
            );
            assert!(example.contains(".send()"), "{method}: {example}");
            documented += 1;
        }
    }
    assert_eq!(
        documented,
        operations + waiters,
        "one example per operation of the curated spec, and per waiter"
    );
}

/// The `[dependencies]` of a manifest, line by line.
fn dependencies(manifest: &str) -> Vec<&str> {
    manifest
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect()
}

/// The runtime crate, where the runtime is compiled and tested, depends on what a generated
/// crate depends on (the curated API has no multipart body, so its `reqwest` features match).
#[test]
fn the_runtime_crate_has_the_dependencies_of_a_generated_crate() {
    let output = generator::generate(&curated_config()).expect("generates");
    let runtime = std::fs::read_to_string(crate_dir().join("runtime/Cargo.toml")).unwrap();
    let generated = dependencies(&output.files["Cargo.toml"]);
    assert!(!generated.is_empty());
    assert_eq!(dependencies(&runtime), generated);
}
