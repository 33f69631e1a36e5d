//! `cargo xtask codegen [--check]`: regenerate `generated/` from the curated spec (or check that
//! it is fresh). `cargo xtask codegen --spec PATH --out DIR [--crate-name NAME] [--check]
//! [--verify]` generates any document into any directory; `--verify` compiles the crate before
//! writing it (see `generator::cli::verify`).
//!
//! The work is done by the generator's command line module ([`generator::cli`]); this module
//! only knows the workspace: where the curated spec and `generated/` are, and that the headers
//! of what it generates name `cargo xtask codegen`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::cli::{self, Target};

/// The spec, relative to the workspace root (also how it is shown in headers and messages).
pub const SPEC: &str = "spec/telnyx-number-orders.yaml";
/// Hand-written cargo examples of the client, copied into `generated/examples/`.
pub const EXAMPLES: &str = "spec/examples";
/// Name of the generated crate.
pub const CRATE_NAME: &str = "telnyx-orders";
/// Where the generated crate lives, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated";
/// The command, as the headers of the files it generates name it.
pub const COMMAND: &str = "cargo xtask codegen";
/// Printed when `--check` finds `generated/` stale.
pub const STALE_MESSAGE: &str =
    "generated/ is stale: run `cargo xtask codegen` and commit the result";

/// `cargo xtask codegen` without flags: the curated spec into `generated/`.
pub fn curated() -> Target {
    Target {
        spec_path: project_root().join(SPEC),
        spec_display: SPEC.to_owned(),
        out_dir: project_root().join(OUTPUT_DIR),
        out_display: OUTPUT_DIR.to_owned(),
        crate_name: CRATE_NAME.to_owned(),
        env_prefix: "TELNYX".to_owned(),
        command: COMMAND.to_owned(),
        examples_dir: Some(project_root().join(EXAMPLES)),
        jobs: None,
    }
}

/// `cargo xtask codegen --out DIR [--spec PATH] [--crate-name NAME]`: any document (the curated
/// spec by default) into any directory (see [`Target::new`] for the defaults).
pub fn custom(spec: Option<&Path>, out: &Path, crate_name: Option<&str>) -> Result<Target, String> {
    let mut target = match spec {
        Some(spec) => Target::new(spec, out, crate_name)?,
        None => Target {
            spec_display: SPEC.to_owned(),
            ..Target::new(&project_root().join(SPEC), out, crate_name)?
        },
    };
    target.command = COMMAND.to_owned();
    Ok(target)
}

/// The workspace root: the parent of this crate's directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the workspace")
        .to_path_buf()
}

/// Generates `target` (or checks it is fresh), printing what was found and done; the exit code
/// of `cargo xtask codegen` (see [`cli::execute`]).
pub fn main(target: &Target, check: bool, verify: bool) -> ExitCode {
    let stale = if *target == curated() {
        STALE_MESSAGE.to_owned()
    } else {
        cli::stale_message(target)
    };
    cli::execute(target, check, verify, &stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same as `cargo xtask codegen --check`.
    #[test]
    fn generated_is_fresh() {
        let report = cli::generate_into(&curated(), true).unwrap_or_else(|e| panic!("error: {e}"));
        if !report.is_fresh() {
            panic!("\n{}\n{STALE_MESSAGE}", report.diff(OUTPUT_DIR));
        }
    }

    #[test]
    fn targets_name_the_command_in_headers() {
        assert_eq!(curated().command, "cargo xtask codegen");
        let target = custom(None, Path::new("o"), None).unwrap();
        assert_eq!(
            (&target.spec_path, target.spec_display.as_str()),
            (&project_root().join(SPEC), SPEC)
        );
        assert_eq!(target.command, "cargo xtask codegen");
        assert_eq!(
            cli::stale_message(&target),
            "o/ is stale: run `cargo xtask codegen` with the same flags, without --check"
        );
        let other = custom(Some(Path::new("a.yaml")), Path::new("o"), None).unwrap();
        assert_eq!(other.spec_display, "a.yaml");
        assert_eq!(other.command, "cargo xtask codegen");
    }
}
