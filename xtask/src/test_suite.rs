//! `cargo xtask test`: the project's one test command.
//!
//! Runs a fixed list of steps in order and stops at the first failure. To add a suite (e.g. the
//! Prism contract tests), append a [`Step`] to [`steps`].

use std::ffi::OsString;
use std::process::{Command, ExitCode};

use crate::codegen::project_root;

/// One command of the test run.
struct Step {
    /// Short name, used in failure messages.
    name: &'static str,
    /// Program to run (usually cargo).
    program: OsString,
    /// Its arguments.
    args: Vec<&'static str>,
}

impl Step {
    fn cargo(name: &'static str, args: &[&'static str]) -> Step {
        Step {
            name,
            program: cargo(),
            args: args.to_vec(),
        }
    }

    fn display(&self) -> String {
        let mut line = self.program.to_string_lossy().into_owned();
        for arg in &self.args {
            line.push(' ');
            line.push_str(arg);
        }
        line
    }
}

/// The cargo that runs us, so that toolchain overrides carry over.
fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}

fn steps() -> Vec<Step> {
    vec![
        // Includes xtask's `generated_is_fresh`, so a stale `generated/` fails here.
        Step::cargo(
            "unit and integration tests",
            &["test", "--workspace", "--all-targets"],
        ),
        Step::cargo("doc tests", &["test", "--workspace", "--doc"]),
    ]
}

fn run_step(step: &Step) -> Result<(), String> {
    eprintln!("$ {}", step.display());
    let status = Command::new(&step.program)
        .args(&step.args)
        .current_dir(project_root())
        .status()
        .map_err(|e| format!("{}: failed to start `{}`: {e}", step.name, step.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", step.name))
    }
}

pub fn main() -> ExitCode {
    let steps = steps();
    for step in &steps {
        if let Err(message) = run_step(step) {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!("all {} test steps passed", steps.len());
    ExitCode::SUCCESS
}
