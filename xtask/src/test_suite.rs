//! `cargo xtask test`: the project's one test command.
//!
//! Runs a fixed list of steps in order and stops at the first failure. To add a suite, append a
//! [`Step`] to [`steps`].

use std::ffi::OsString;
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::codegen::project_root;
use crate::prism;
use crate::whole_api;
use crate::wire_corpus;

/// One step of the test run.
struct Step {
    /// Short name, used in failure messages.
    name: &'static str,
    /// What it does.
    action: Action,
}

enum Action {
    /// Run a program (usually cargo) with these arguments.
    Run {
        program: OsString,
        args: Vec<&'static str>,
    },
    /// The Prism contract suite ([`prism::run_contract_suite`]): install and start Prism, run
    /// the contract tests against it, stop it.
    Contract,
    /// The whole-API check ([`whole_api::run`]): load the whole upstream Telnyx document with the
    /// loader's own test, generate it, and `cargo check` the result, when it is there.
    WholeApi,
    /// The same check on GitHub's description, plain and dereferenced, installed with npm.
    Github,
    /// The wire corpus ([`wire_corpus::run`]): published descriptions generated, and a sample
    /// of their operations called through their usage examples against Prism.
    WireCorpus,
}

impl Step {
    fn cargo(name: &'static str, args: &[&'static str]) -> Step {
        Step {
            name,
            action: Action::Run {
                program: cargo(),
                args: args.to_vec(),
            },
        }
    }

    fn display(&self) -> String {
        match &self.action {
            Action::Run { program, args } => {
                let mut line = program.to_string_lossy().into_owned();
                for arg in args {
                    line.push(' ');
                    line.push_str(arg);
                }
                line
            }
            Action::Contract => format!(
                "contract suite against Prism {} (generator/tests/contract.rs)",
                prism::PRISM_VERSION
            ),
            Action::WholeApi => format!(
                "whole-API check: generate {} and cargo check it (xtask/src/whole_api.rs)",
                whole_api::SPEC
            ),
            Action::Github => format!(
                "GitHub check: generate the two descriptions of {}@{} and cargo check them \
                 (xtask/src/whole_api.rs)",
                whole_api::OCTOKIT_PACKAGE,
                whole_api::OCTOKIT_VERSION
            ),
            Action::WireCorpus => format!(
                "wire corpus: {} published descriptions generated, up to {} operations of each \
                 run through their usage examples against Prism (xtask/src/wire_corpus.rs)",
                wire_corpus::DOCUMENTS.len(),
                wire_corpus::SAMPLE
            ),
        }
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
        // The contract tests are `#[ignore]`d, so the steps above build them but do not run them.
        Step {
            name: "Prism contract tests",
            action: Action::Contract,
        },
        // Then the slowest steps (the generated crates have hundreds of thousands of lines).
        Step {
            name: "whole-API check",
            action: Action::WholeApi,
        },
        Step {
            name: "GitHub check",
            action: Action::Github,
        },
        // Last: published descriptions, their operations called as their doc examples show.
        Step {
            name: "wire corpus",
            action: Action::WireCorpus,
        },
    ]
}

fn run_step(step: &Step) -> Result<(), String> {
    eprintln!("$ {}", step.display());
    let started = Instant::now();
    let result = match &step.action {
        Action::Run { program, args } => {
            let status = Command::new(program)
                .args(args)
                .current_dir(project_root())
                .status()
                .map_err(|e| format!("{}: failed to start `{}`: {e}", step.name, step.display()))?;
            if status.success() {
                Ok(())
            } else {
                Err(format!("{} failed ({status})", step.name))
            }
        }
        Action::Contract => {
            prism::run_contract_suite(&cargo()).map_err(|e| format!("{}: {e}", step.name))
        }
        Action::WholeApi => {
            let layout = whole_api::Layout::for_root(&project_root());
            upstream_loads(step, &layout).and_then(|()| check_whole(step, &layout))
        }
        Action::Github => {
            let root = project_root();
            whole_api::install_octokit(&root)
                .map_err(|e| format!("{}: {e}", step.name))
                .and_then(|package| {
                    check_whole(step, &whole_api::Layout::github(&root, &package, false))?;
                    check_whole(step, &whole_api::Layout::github(&root, &package, true))
                })
        }
        Action::WireCorpus => wire_corpus::run(&cargo()).map_err(|e| format!("{}: {e}", step.name)),
    };
    eprintln!(
        "{}: {} in {:.1}s",
        step.name,
        if result.is_ok() { "ok" } else { "FAILED" },
        started.elapsed().as_secs_f64()
    );
    result
}

/// The tests that read the whole upstream document (`#[ignore]`d in the normal run, since the
/// document lives outside the repository), when the document is there; [`check_whole`] says
/// when it is not.
fn upstream_loads(step: &Step, layout: &whole_api::Layout) -> Result<(), String> {
    if !layout.spec.exists() {
        return Ok(());
    }
    let tests = [
        // The loader reads it, and narrows an error deep inside it down to its schema.
        ("generator", "--lib", "load::tests::upstream_document_loads"),
        // `spec/` is what curating it gives.
        ("xtask", "--bin", "curate::tests::curated_spec_is_fresh"),
    ];
    for (package, target, test) in tests {
        let mut args = vec!["test", "-p", package, target];
        if target == "--bin" {
            args.push("xtask");
        }
        args.extend(["--", "--ignored", "--exact", test]);
        eprintln!("$ cargo {}", args.join(" "));
        let status = Command::new(cargo())
            .args(&args)
            .current_dir(project_root())
            .status()
            .map_err(|e| format!("{}: failed to start cargo: {e}", step.name))?;
        if !status.success() {
            return Err(format!("{}: {test} failed ({status})", step.name));
        }
    }
    Ok(())
}

/// Runs the whole-document check of `layout` and prints what it found.
fn check_whole(step: &Step, layout: &whole_api::Layout) -> Result<(), String> {
    match whole_api::run(layout) {
        Ok(whole_api::Outcome::Skipped { reason }) => {
            eprintln!("{}: skipped: {reason}", step.name);
            Ok(())
        }
        Ok(whole_api::Outcome::Checked(summary)) => {
            eprintln!(
                "{} ({}): {} generator warning(s), {} files / {} lines generated in {:.1}s, \
                 cargo check: 0 errors, {} warning(s) in {:.1}s",
                step.name,
                layout.what,
                summary.generator_warnings,
                summary.files,
                summary.lines,
                summary.generate_secs,
                summary.rustc_warnings,
                summary.check_secs
            );
            Ok(())
        }
        Err(e) => Err(format!("{} ({}): {e}", step.name, layout.what)),
    }
}

/// `cargo xtask wire`: the wire corpus step alone.
pub fn wire_alone() -> ExitCode {
    let step = steps()
        .into_iter()
        .find(|step| matches!(step.action, Action::WireCorpus))
        .expect("the wire corpus is a step");
    match run_step(&step) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
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
