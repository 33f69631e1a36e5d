//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The generator crate's directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A config for a fixture under `tests/fixtures/`: `shapes.yaml` makes `shapes-client`.
pub fn fixture_config(name: &str) -> generator::Config {
    let stem = name.split('.').next().unwrap_or(name);
    generator::Config {
        spec_path: crate_dir().join("tests/fixtures").join(name),
        spec_display: format!("tests/fixtures/{name}"),
        crate_name: format!("{stem}-client"),
        crate_version: "0.1.0".into(),
        env_prefix: stem.to_uppercase(),
        command: "cargo xtask codegen".into(),
        examples_dir: None,
        jobs: None,
    }
}

/// Writes a generated crate into `target/fixture-crates/{name}` as a standalone crate (with
/// the workspace's lock file and a tokio dev-dependency for behaviour tests) and returns a
/// function that runs cargo there with the given arguments, sharing one target directory.
pub fn write_fixture_crate(
    name: &str,
    output: &generator::Output,
) -> (PathBuf, impl Fn(&[&str]) -> bool) {
    let root = crate_dir().join("..");
    let out_dir = root.join("target/fixture-crates").join(name);
    let _ = std::fs::remove_dir_all(&out_dir);
    for (path, text) in &output.files {
        let file = out_dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let text = if path == "Cargo.toml" {
            let tokio = "tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n";
            match text.split_once("[dev-dependencies]\n") {
                Some((before, after)) => {
                    format!("{before}[dev-dependencies]\n{tokio}{after}\n[workspace]\n")
                }
                None => format!("{text}\n[workspace]\n\n[dev-dependencies]\n{tokio}"),
            }
        } else {
            text.clone()
        };
        std::fs::write(file, text).unwrap();
    }
    std::fs::copy(root.join("Cargo.lock"), out_dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let dir = out_dir.clone();
    let run = move |args: &[&str]| {
        std::process::Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
            .env_remove("RUSTFLAGS")
            .status()
            .expect("cargo runs")
            .success()
    };
    (out_dir, run)
}

/// The config `cargo xtask codegen` uses for the curated spec.
pub fn curated_config() -> generator::Config {
    generator::Config {
        spec_path: crate_dir().join("../spec/telnyx-number-orders.yaml"),
        spec_display: "spec/telnyx-number-orders.yaml".into(),
        crate_name: "telnyx-orders".into(),
        crate_version: "0.1.0".into(),
        env_prefix: "TELNYX".into(),
        command: "cargo xtask codegen".into(),
        examples_dir: Some(crate_dir().join("../spec/examples")),
        jobs: None,
    }
}

/// Generates from document text given inline.
pub fn generate_text(text: &str) -> Result<generator::Output, generator::Error> {
    let config = generator::Config {
        spec_path: Path::new("inline.yaml").to_path_buf(),
        spec_display: "inline.yaml".into(),
        crate_name: "inline".into(),
        crate_version: "0.1.0".into(),
        env_prefix: "INLINE".into(),
        command: "cargo xtask codegen".into(),
        examples_dir: None,
        jobs: None,
    };
    generator::generate_from_str(&config, text.to_string())
}

/// Writes generated crates (`(name, output, document)`, the document saved beside each as
/// `document.txt` to reproduce it) as the members of one cargo workspace at `target/{dir}`,
/// with the workspace's lock file, and runs cargo there with `args` (sharing the fixture tests'
/// target directory, so the dependencies are built once). Returns whether cargo succeeded, and
/// the workspace's directory.
pub fn check_workspace(
    dir: &str,
    crates: &[(String, generator::Output, Option<String>)],
    args: &[&str],
) -> (bool, PathBuf) {
    let root = crate_dir().join("..");
    let workspace = root.join("target").join(dir);
    let _ = std::fs::remove_dir_all(&workspace);
    std::fs::create_dir_all(&workspace).unwrap();
    let mut members = Vec::new();
    for (name, output, document) in crates {
        let member = workspace.join(name);
        for (path, text) in &output.files {
            let file = member.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            assert!(
                path != "Cargo.toml" || !text.contains("\n[workspace]"),
                "{name}: a generated manifest has no workspace of its own"
            );
            std::fs::write(file, text).unwrap();
        }
        if let Some(document) = document {
            std::fs::write(member.join("document.txt"), document).unwrap();
        }
        members.push(format!("    \"{name}\","));
    }
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "# Crates generated by the generator's tests.\n\
             [workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
            members.join("\n")
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(args)
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo runs");
    (status.success(), workspace)
}
