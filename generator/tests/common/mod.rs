//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The generator crate's directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A config for a fixture under `tests/fixtures/`.
pub fn fixture_config(name: &str) -> generator::Config {
    generator::Config {
        spec_path: crate_dir().join("tests/fixtures").join(name),
        spec_display: format!("tests/fixtures/{name}"),
        crate_name: "shapes-client".into(),
        crate_version: "0.1.0".into(),
        env_prefix: "SHAPES".into(),
        command: "cargo xtask codegen".into(),
    }
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
    };
    generator::generate_from_str(&config, text.to_string())
}
