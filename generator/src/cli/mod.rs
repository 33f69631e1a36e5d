//! The command line of the generator: `openapi-client-gen --spec PATH --out DIR
//! [--crate-name NAME] [--check] [--verify]` (the binary of this crate, `src/main.rs`, is
//! [`run`]).
//!
//! Generation happens in memory first ([`generate_files`]); [`write`](mod@write) then compares
//! the result with what is on disk and either reports the differences (`--check`) or applies
//! them; with `--verify`, the crate is compiled first ([`verify`](mod@verify)) and a crate the
//! compiler refuses is not written. A failed generation touches nothing; a new directory
//! appears whole or not at all; an existing directory is only written to when it is empty or
//! holds a crate this generator wrote.
//!
//! `cargo xtask codegen` reuses the pieces: [`parse_flags`], [`Target`] (with its own
//! [`Target::command`] in the headers), [`generate_into`] and [`execute`].
//!
//! Exit codes: 0 when the crate was written or `--check` found it up to date, 1 when generation
//! or writing failed or `--check` found differences, 2 when the command line is wrong.

mod target;
#[cfg(test)]
mod temp;
pub mod verify;
pub mod write;

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

pub use target::{crate_name_from, validate_crate_name, Target};
pub use write::{Change, Report};

/// The name of the binary, and the command the headers of the files it generates name.
pub const BIN_NAME: &str = "openapi-client-gen";
/// Version of the generated crate.
pub const CRATE_VERSION: &str = "0.1.0";
/// The one-line usage of the binary.
pub const USAGE: &str = "usage: openapi-client-gen --spec PATH --out DIR [--crate-name NAME] \
                          [--check] [--verify] [--jobs N]";
/// The exit code of a command line that cannot be used (unknown flag, missing value...).
pub const EXIT_USAGE: u8 = 2;

/// What `--help` prints.
fn help() -> String {
    format!(
        "{BIN_NAME} {version}: generates a typed async Rust client crate from an OpenAPI 3.0
or 3.1 document (YAML or JSON).

{USAGE}

  --spec PATH        the OpenAPI document
  --out DIR          the crate's directory: created whole, or updated when it holds a crate
                     this generator wrote (files it no longer emits are removed)
  --crate-name NAME  the crate's name (default: DIR's name, in lower case with `-`)
  --check            write nothing; report how DIR differs from what would be generated
  --verify           compile the crate (`cargo check`) before writing it; a compiler error
                     is reported at the generated line and the place in the document it
                     comes from, and nothing is written
  --jobs N           use at most N threads at once (default: the machine's cores, at most 8;
                     1 runs on one thread); the output is the same whatever N is
  -h, --help         print this help
  -V, --version      print the version

Exit status: 0 written (or up to date with --check); 1 the document cannot be generated
(`file:line:col: at /json/pointer: what is wrong`, and DIR is left untouched), --verify
found the crate does not compile (DIR is left untouched), DIR cannot be written, or --check
found differences (printed as a diff); 2 the command line is wrong.",
        version = env!("CARGO_PKG_VERSION")
    )
}

/// The flags every code generation command takes: `--flag value` or `--flag=value`, each at most
/// once, in any order. Which are required is the caller's business.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Flags {
    /// `--spec PATH`
    pub spec: Option<PathBuf>,
    /// `--out DIR`
    pub out: Option<PathBuf>,
    /// `--crate-name NAME`
    pub crate_name: Option<String>,
    /// `--check`
    pub check: bool,
    /// `--verify`
    pub verify: bool,
    /// `--jobs N`
    pub jobs: Option<NonZeroUsize>,
}

/// Parses `--spec`, `--out`, `--crate-name`, `--check`, `--verify` and `--jobs`; anything else
/// is an error.
pub fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut parsed = Flags::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        if flag == "--check" || flag == "--verify" {
            if inline.is_some() {
                return Err(format!("`{flag}` takes no value"));
            }
            let seen = if flag == "--check" {
                &mut parsed.check
            } else {
                &mut parsed.verify
            };
            if std::mem::replace(seen, true) {
                return Err(format!("`{flag}` given twice"));
            }
            continue;
        }
        if !matches!(flag, "--spec" | "--out" | "--crate-name" | "--jobs") {
            return Err(format!("unexpected argument `{arg}`"));
        }
        let value = match inline {
            Some(value) => value,
            None => match rest.next() {
                Some(value) if !value.starts_with("--") => value.clone(),
                _ => return Err(format!("`{flag}` needs a value")),
            },
        };
        if value.is_empty() {
            return Err(format!("`{flag}` needs a non-empty value"));
        }
        let twice = match flag {
            "--spec" => parsed.spec.replace(PathBuf::from(value)).is_some(),
            "--out" => parsed.out.replace(PathBuf::from(value)).is_some(),
            "--jobs" => {
                let jobs = value.parse::<NonZeroUsize>().map_err(|_| {
                    format!("`--jobs` needs a number of threads, 1 or more (not `{value}`)")
                })?;
                parsed.jobs.replace(jobs).is_some()
            }
            _ => parsed.crate_name.replace(value).is_some(),
        };
        if twice {
            return Err(format!("`{flag}` given twice"));
        }
    }
    Ok(parsed)
}

/// The arguments of a generation run of the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The crate's directory.
    pub out: PathBuf,
    /// The crate's name, when not derived from `out`.
    pub crate_name: Option<String>,
    /// Report differences instead of writing.
    pub check: bool,
    /// Compile the crate before writing it.
    pub verify: bool,
    /// The most threads to use at once.
    pub jobs: Option<NonZeroUsize>,
}

impl Args {
    /// What to generate and where (fails on a crate name Cargo would refuse).
    pub fn target(&self) -> Result<Target, String> {
        let target = Target::new(&self.spec, &self.out, self.crate_name.as_deref())?;
        Ok(Target {
            jobs: self.jobs,
            ..target
        })
    }
}

/// What the binary was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Generate (or check) a crate.
    Generate(Args),
    /// `-h`, `--help`.
    Help,
    /// `-V`, `--version`.
    Version,
}

/// Parses the binary's arguments (without the program name). `--help` and `--version` win
/// wherever they are; otherwise `--spec` and `--out` are required.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Command::Help);
    }
    if args.iter().any(|a| a == "-V" || a == "--version") {
        return Ok(Command::Version);
    }
    let flags = parse_flags(args)?;
    let (spec, out) = match (flags.spec, flags.out) {
        (Some(spec), Some(out)) => (spec, out),
        (None, Some(_)) => return Err("missing `--spec PATH`".to_owned()),
        (Some(_), None) => return Err("missing `--out DIR`".to_owned()),
        (None, None) => return Err("missing `--spec PATH` and `--out DIR`".to_owned()),
    };
    Ok(Command::Generate(Args {
        spec,
        out,
        crate_name: flags.crate_name,
        check: flags.check,
        verify: flags.verify,
        jobs: flags.jobs,
    }))
}

/// The binary: parses `args` (without the program name), then generates or checks the crate,
/// printing what it did. See the module documentation for the exit codes.
pub fn run(args: &[String]) -> ExitCode {
    let usage_error = |message: &str| {
        eprintln!("error: {message}");
        eprintln!("{USAGE}");
        ExitCode::from(EXIT_USAGE)
    };
    let args = match parse_args(args) {
        Ok(Command::Generate(args)) => args,
        Ok(Command::Help) => {
            println!("{}", help());
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("{BIN_NAME} {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(message) => return usage_error(&message),
    };
    match args.target() {
        Ok(target) => execute(&target, args.check, args.verify, &stale_message(&target)),
        Err(message) => usage_error(&message),
    }
}

/// Runs the generator for `target`, in memory, printing its warnings to stderr.
pub fn generate_files(target: &Target) -> Result<BTreeMap<String, String>, String> {
    generate_output(target).map(|output| output.files)
}

/// [`generate_files`], with where the generated items come from.
fn generate_output(target: &Target) -> Result<crate::Output, String> {
    let output = crate::generate(&target.config()).map_err(|e| e.to_string())?;
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    if !output.warnings.is_empty() {
        eprintln!(
            "{} warning(s): the generated code does what each one says instead",
            output.warnings.len()
        );
    }
    Ok(output)
}

/// Compiles the crate of `output` ([`verify::verify`]), printing the compiler's warnings; `Err`
/// naming each compiler error, the generated line and where in the document it comes from.
pub fn verify_output(target: &Target, output: &crate::Output) -> Result<(), String> {
    let staging = verify::Staging::for_output(&target.out_dir, &target.crate_name);
    eprintln!(
        "verifying: cargo check of the crate, copied to {}",
        staging.crate_dir.display()
    );
    let found = verify::verify(output, &target.crate_name, &staging)?;
    let document = verify::Document::read(&target.spec_path, &target.spec_display);
    for warning in &found.warnings {
        eprintln!(
            "warning: the generated code: {}",
            document.describe(warning)
        );
    }
    if found.errors.is_empty() {
        eprintln!(
            "verified: the crate compiles ({} compiler warning(s))",
            found.warnings.len()
        );
        return Ok(());
    }
    let mut message = format!(
        "the generated crate does not compile ({} error(s)); nothing was written to {}/. This is \
         a defect of the generator: please report it with the document.",
        found.errors.len(),
        target.out_display
    );
    for error in &found.errors {
        message.push('\n');
        message.push_str(&document.explain(error));
    }
    Err(message)
}

/// A generation run without the printing (but for the generator's warnings): refuse a
/// directory that is not ours, generate in memory, then sync the directory (a new one appears
/// whole). With `check`, nothing is written and the report says how the directory differs.
pub fn generate_into(target: &Target, check: bool) -> Result<Report, String> {
    generate_verified_into(target, check, false)
}

/// [`generate_into`]; with `verify`, the crate is compiled before anything is written (see
/// [`verify_output`]), and nothing is written when the compiler refuses it.
pub fn generate_verified_into(
    target: &Target,
    check: bool,
    verify: bool,
) -> Result<Report, String> {
    write::ensure_ours(&target.out_dir)?;
    let output = generate_output(target)?;
    if verify {
        verify_output(target, &output)?;
    }
    let threads = crate::Threads::with_limit(target.jobs);
    write::write_crate(&target.out_dir, &output.files, check, &threads)
}

/// What `--check` prints to stderr when `target`'s directory is stale.
pub fn stale_message(target: &Target) -> String {
    format!(
        "{}/ is stale: run `{}` with the same flags, without --check",
        target.out_display, target.command
    )
}

/// [`generate_into`], printing what it found and did: the diff and `stale_message` when
/// `check` finds differences, each change otherwise. Returns the exit code: 1 when generation
/// or writing fails (the message names file, line and pointer) or `check` finds differences.
pub fn execute(target: &Target, check: bool, verify: bool, stale_message: &str) -> ExitCode {
    let dir = &target.out_display;
    let report = match generate_verified_into(target, check, verify) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        if report.is_fresh() {
            println!("{dir}/ is up to date");
            return ExitCode::SUCCESS;
        }
        print!("{}", report.diff(dir));
        eprintln!("{stale_message}");
        return ExitCode::FAILURE;
    }
    for change in &report.changes {
        let verb = match change {
            Change::Write { old: None, .. } => "created",
            Change::Write { .. } => "updated",
            Change::Remove { .. } => "removed",
        };
        println!("  {verb} {dir}/{}", change.path());
    }
    println!(
        "{} files written, {} removed, {} unchanged",
        report.written, report.removed, report.unchanged
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::temp::TempDir;
    use super::write::list_files;
    use super::*;
    use std::fs;
    use std::path::Path;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    fn flags(args: &[&str]) -> Result<Flags, String> {
        parse_flags(&strings(args))
    }

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(&strings(args))
    }

    #[test]
    fn flags_in_any_order_and_both_spellings() {
        let expected = Flags {
            spec: Some(PathBuf::from("api.json")),
            out: Some(PathBuf::from("out/client")),
            crate_name: Some("my-client".to_owned()),
            check: true,
            verify: true,
            jobs: NonZeroUsize::new(3),
        };
        assert_eq!(
            flags(&[
                "--spec",
                "api.json",
                "--out",
                "out/client",
                "--crate-name",
                "my-client",
                "--check",
                "--verify",
                "--jobs",
                "3"
            ]),
            Ok(expected.clone())
        );
        assert_eq!(
            flags(&[
                "--check",
                "--jobs=3",
                "--verify",
                "--crate-name=my-client",
                "--out=out/client",
                "--spec=api.json"
            ]),
            Ok(expected)
        );
        assert_eq!(flags(&[]), Ok(Flags::default()));
        let out_only = flags(&["--out", "x"]).unwrap();
        assert_eq!(out_only.out, Some(PathBuf::from("x")));
        assert_eq!(out_only.spec, None);
    }

    #[test]
    fn bad_flags_are_rejected() {
        for args in [
            &["--force"][..],
            &["--check", "--check"],
            &["--check=yes"],
            &["--verify", "--verify"],
            &["--verify=yes"],
            &["--spec"],
            &["--spec", "--out", "x"],
            &["--spec=", "--out", "x"],
            &["--spec", "a", "--spec", "b", "--out", "x"],
            &["--out", "x", "--out", "y"],
            &["--jobs", "0"],
            &["--jobs=-1"],
            &["--jobs", "many"],
            &["--jobs", "1", "--jobs", "2"],
            &["extra"],
            &["codegen"],
        ] {
            assert!(flags(args).is_err(), "{args:?} was accepted");
        }
        assert_eq!(flags(&["--out"]), Err("`--out` needs a value".to_owned()));
        assert_eq!(
            flags(&["--force"]),
            Err("unexpected argument `--force`".to_owned())
        );
        assert_eq!(
            flags(&["--jobs", "0"]),
            Err("`--jobs` needs a number of threads, 1 or more (not `0`)".to_owned())
        );
    }

    #[test]
    fn the_binary_needs_spec_and_out() {
        assert_eq!(
            parse(&["--out", "o", "--spec", "a.yaml", "--check"]),
            Ok(Command::Generate(Args {
                spec: PathBuf::from("a.yaml"),
                out: PathBuf::from("o"),
                crate_name: None,
                check: true,
                verify: false,
                jobs: None,
            }))
        );
        assert_eq!(
            parse(&["--spec", "a.yaml"]),
            Err("missing `--out DIR`".to_owned())
        );
        assert_eq!(
            parse(&["--out", "o"]),
            Err("missing `--spec PATH`".to_owned())
        );
        assert_eq!(
            parse(&[]),
            Err("missing `--spec PATH` and `--out DIR`".to_owned())
        );
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["--spec", "a", "-h"]), Ok(Command::Help));
        assert_eq!(parse(&["-V"]), Ok(Command::Version));
        assert_eq!(parse(&["--version"]), Ok(Command::Version));
        assert!(help().contains(USAGE));
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn custom(spec: &Path, out: &Path) -> Target {
        Target::new(spec, out, Some("fixture-client")).unwrap()
    }

    #[test]
    fn custom_spec_into_new_dir_appears_whole_then_is_fresh() {
        let dir = TempDir::new();
        let out = dir.0.join("nested/client");
        let target = custom(&fixture("shapes.yaml"), &out);
        let report = generate_into(&target, false).unwrap();
        assert!(report.written > 3, "{report:?}");
        let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("name = \"fixture-client\""), "{manifest}");
        assert!(
            manifest.starts_with("# @generated by `openapi-client-gen` from "),
            "{manifest}"
        );
        // No temporary directory is left next to it.
        let siblings: Vec<_> = fs::read_dir(dir.0.join("nested")).unwrap().collect();
        assert_eq!(siblings.len(), 1);
        assert!(generate_into(&target, true).unwrap().is_fresh());
    }

    #[test]
    fn failed_codegen_creates_and_changes_nothing() {
        let dir = TempDir::new();
        dir.write(
            "bad.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: hello\n",
        );
        let bad = dir.0.join("bad.yaml");

        let new_out = dir.0.join("new/client");
        let error = generate_into(&custom(&bad, &new_out), false).unwrap_err();
        assert!(
            error.ends_with("bad.yaml:5:5: at /paths/~1a/get: `get` must be an Operation (a mapping), found a string (\"hello\")"),
            "{error}"
        );
        assert!(!dir.0.join("new").exists());

        let existing = dir.0.join("existing");
        generate_into(&custom(&fixture("shapes.yaml"), &existing), false).unwrap();
        let before = list_files(&existing).unwrap();
        let manifest = fs::read_to_string(existing.join("Cargo.toml")).unwrap();
        assert!(generate_into(&custom(&bad, &existing), false).is_err());
        assert_eq!(list_files(&existing).unwrap(), before);
        assert_eq!(
            fs::read_to_string(existing.join("Cargo.toml")).unwrap(),
            manifest
        );

        let missing =
            generate_into(&custom(&dir.0.join("nope.yaml"), &new_out), false).unwrap_err();
        assert!(missing.contains("cannot read the document"), "{missing}");
        assert!(!dir.0.join("new").exists());
    }

    #[test]
    fn refuses_a_directory_it_did_not_generate() {
        let dir = TempDir::new();
        dir.write("mine/notes.txt", "keep me\n");
        let out = dir.0.join("mine");
        let error = generate_into(&custom(&fixture("shapes.yaml"), &out), false).unwrap_err();
        assert!(error.starts_with("refusing to write into"), "{error}");
        assert_eq!(dir.read("mine/notes.txt"), "keep me\n");

        // An empty directory (or one with only a build directory) is fine.
        fs::create_dir_all(dir.0.join("empty/target")).unwrap();
        generate_into(
            &custom(&fixture("shapes.yaml"), &dir.0.join("empty")),
            false,
        )
        .unwrap();
        assert!(dir.0.join("empty/Cargo.toml").exists());

        dir.write("file", "x\n");
        let error = generate_into(&custom(&fixture("shapes.yaml"), &dir.0.join("file")), false)
            .unwrap_err();
        assert!(error.contains("not a directory"), "{error}");
    }

    #[test]
    fn a_crate_written_by_another_command_may_be_regenerated() {
        let dir = TempDir::new();
        let out = dir.0.join("client");
        let mut xtask = custom(&fixture("shapes.yaml"), &out);
        xtask.command = "cargo xtask codegen".to_owned();
        generate_into(&xtask, false).unwrap();
        let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
        assert!(
            manifest.starts_with("# @generated by `cargo xtask codegen` from "),
            "{manifest}"
        );
        let binary = custom(&fixture("shapes.yaml"), &out);
        let report = generate_into(&binary, false).unwrap();
        // Only the headers differ.
        assert_eq!(report.written, report.changes.len());
        assert!(report.written > 3, "{report:?}");
        assert!(generate_into(&binary, true).unwrap().is_fresh());
    }

    #[test]
    fn stale_custom_dir_is_reported_by_check_and_repaired() {
        let dir = TempDir::new();
        let out = dir.0.join("client");
        let target = custom(&fixture("shapes.yaml"), &out);
        generate_into(&target, false).unwrap();
        fs::write(out.join("src/lib.rs"), "tampered\n").unwrap();
        fs::write(out.join("src/extra.rs"), "extra\n").unwrap();
        let report = generate_into(&target, true).unwrap();
        let paths: Vec<&str> = report.changes.iter().map(Change::path).collect();
        assert_eq!(paths, ["src/extra.rs", "src/lib.rs"]);
        assert!(report
            .diff("client")
            .contains("+++ client/src/lib.rs (from spec)"));
        assert_eq!(
            fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "tampered\n"
        );
        generate_into(&target, false).unwrap();
        assert!(generate_into(&target, true).unwrap().is_fresh());
        assert!(!out.join("src/extra.rs").exists());
        assert_eq!(
            stale_message(&target),
            format!(
                "{}/ is stale: run `openapi-client-gen` with the same flags, without --check",
                out.display()
            )
        );
    }
}
