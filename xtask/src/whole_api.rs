//! The whole-API check, the last step of `cargo xtask test`.
//!
//! When the whole upstream Telnyx document ([`SPEC`], next to the project) exists, it is
//! generated — through the generator library, as `cargo xtask codegen` does — into
//! `target/whole-telnyx/telnyx`, a standalone crate recreated on every run: its `Cargo.toml` gets
//! an empty `[workspace]` table (it lives inside the project's directory tree but is no member of
//! its workspace) and the workspace's `Cargo.lock` is copied next to it, so that it resolves the
//! same dependency versions. `cargo check` then runs on it with `CARGO_TARGET_DIR` set to the
//! project's `target/`, where the earlier steps have already built those dependencies. The check
//! must report zero errors. The generator's warnings are printed and counted, and the time of
//! each phase is printed.
//!
//! Without the document, the step prints that it was skipped and why, and passes.
//!
//! The same check runs on GitHub's published REST description ([`Layout::github`]: the plain
//! and the dereferenced variant of `@octokit/openapi`, which `cargo xtask test` installs with
//! npm), a large OpenAPI 3.0 document written by others.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::codegen;
use generator::cli;

/// The whole upstream Telnyx document, relative to the project root.
pub const SPEC: &str = "../shared/reference/telnyx-openapi-3.1.yml";
/// Name of the generated crate.
const CRATE_NAME: &str = "telnyx";
/// Where the crate is generated, relative to the project root.
const CRATE_DIR: &str = "target/whole-telnyx/telnyx";

/// The pinned `@octokit/openapi` release whose GitHub description the check generates.
pub const OCTOKIT_VERSION: &str = "23.0.2";
/// Its npm package.
pub const OCTOKIT_PACKAGE: &str = "@octokit/openapi";
/// Where it is installed, relative to the workspace root (ignored by git).
pub const OCTOKIT_DIR: &str = ".octokit";

/// Where the check reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// What is checked, for messages ("the whole upstream Telnyx document").
    pub what: String,
    /// The generated crate's name.
    pub crate_name: String,
    /// The document to generate.
    pub spec: PathBuf,
    /// The generated crate (removed and written anew on every run).
    pub crate_dir: PathBuf,
    /// `CARGO_TARGET_DIR` of `cargo check`: the project's own target directory.
    pub target_dir: PathBuf,
    /// The workspace's lock file, copied into the generated crate.
    pub lockfile: PathBuf,
}

impl Layout {
    /// The layout for the project at `root`.
    pub fn for_root(root: &Path) -> Layout {
        Layout {
            what: "the whole upstream Telnyx document".to_owned(),
            crate_name: CRATE_NAME.to_owned(),
            spec: root.join(SPEC),
            crate_dir: root.join(CRATE_DIR),
            target_dir: root.join("target"),
            lockfile: root.join("Cargo.lock"),
        }
    }

    /// The layout for GitHub's description in `package_dir` (the installed `@octokit/openapi`):
    /// `generated/api.github.com.json`, or with `deref` its variant with every `$ref` inlined.
    pub fn github(root: &Path, package_dir: &Path, deref: bool) -> Layout {
        let (file, dir) = if deref {
            (
                "api.github.com.deref.json",
                "target/whole-github-deref/github-deref",
            )
        } else {
            ("api.github.com.json", "target/whole-github/github")
        };
        // Two crates of one name in one target directory share cargo's fingerprints: the
        // second would be found fresh and not checked at all.
        let crate_name = if deref { "github-deref" } else { "github" };
        Layout {
            what: format!("GitHub's description ({file} of {OCTOKIT_PACKAGE} {OCTOKIT_VERSION})"),
            crate_name: crate_name.to_owned(),
            spec: package_dir.join("generated").join(file),
            crate_dir: root.join(dir),
            target_dir: root.join("target"),
            lockfile: root.join("Cargo.lock"),
        }
    }
}

/// Installs the pinned `@octokit/openapi` into [`OCTOKIT_DIR`] unless it is there, and returns
/// its folder.
pub fn install_octokit(root: &Path) -> Result<PathBuf, String> {
    crate::npm::install(
        root,
        OCTOKIT_DIR,
        OCTOKIT_PACKAGE,
        OCTOKIT_VERSION,
        "the GitHub check",
    )
}

/// What the check did.
#[derive(Debug)]
pub enum Outcome {
    /// The document is not there; nothing was generated or checked.
    Skipped { reason: String },
    /// The crate was generated and `cargo check` found no error.
    Checked(Summary),
}

/// Numbers of a run that passed.
#[derive(Debug)]
pub struct Summary {
    /// Warnings of the generator (what it could not express, and what it did instead).
    pub generator_warnings: usize,
    /// Files and lines of the generated crate.
    pub files: usize,
    pub lines: usize,
    /// Warnings rustc reported on the generated crate.
    pub rustc_warnings: usize,
    /// Seconds spent generating (in memory, then writing) and checking.
    pub generate_secs: f64,
    pub check_secs: f64,
}

/// Runs the check with `cargo`; `Err` when generation fails or `cargo check` reports an error.
pub fn run(layout: &Layout, cargo: &OsStr) -> Result<Outcome, String> {
    match fs::metadata(&layout.spec) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Outcome::Skipped {
                reason: format!(
                    "{} does not exist ({} is not there)",
                    layout.spec.display(),
                    layout.what
                ),
            });
        }
        // Anything else (a directory, no permission) is reported by the generator.
        _ => {}
    }

    eprintln!(
        "generating {} into {}",
        layout.spec.display(),
        layout.crate_dir.display()
    );
    let started = Instant::now();
    let generated = prepare(layout)?;
    let generate_secs = started.elapsed().as_secs_f64();
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!(
        "generator: {} warning(s); {} files, {} lines in {generate_secs:.1}s",
        generated.warnings.len(),
        generated.files,
        generated.lines
    );

    eprintln!(
        "$ CARGO_TARGET_DIR={} cargo check (in {})",
        layout.target_dir.display(),
        layout.crate_dir.display()
    );
    let started = Instant::now();
    let check = cargo_check(cargo, &layout.crate_dir, &layout.target_dir)?;
    // A check that found the crate fresh proves nothing about this generation.
    let checking = format!("Checking {} v", layout.crate_name);
    if !check
        .output
        .lines()
        .any(|l| l.trim_start().starts_with(&checking))
    {
        return Err(format!(
            "`cargo check` did not check `{}` (cargo found it fresh): its result says nothing \
             about this generation",
            layout.crate_name
        ));
    }
    let check_secs = started.elapsed().as_secs_f64();
    eprintln!(
        "cargo check: {} error(s), {} warning(s) in {check_secs:.1}s",
        check.errors, check.warnings
    );
    Ok(Outcome::Checked(Summary {
        generator_warnings: generated.warnings.len(),
        files: generated.files,
        lines: generated.lines,
        rustc_warnings: check.warnings,
        generate_secs,
        check_secs,
    }))
}

/// The generated crate, as written.
struct Generated {
    warnings: Vec<generator::Warning>,
    files: usize,
    lines: usize,
}

/// Generates the document into a fresh `layout.crate_dir`: a standalone crate with the
/// workspace's lock file.
fn prepare(layout: &Layout) -> Result<Generated, String> {
    let config = generator::Config {
        spec_path: layout.spec.clone(),
        spec_display: layout.spec.display().to_string(),
        crate_name: layout.crate_name.clone(),
        crate_version: cli::CRATE_VERSION.to_owned(),
        env_prefix: layout.crate_name.to_ascii_uppercase(),
        command: codegen::COMMAND.to_owned(),
        examples_dir: None,
    };
    let mut output = generator::generate(&config).map_err(|e| e.to_string())?;
    let manifest = output
        .files
        .get_mut("Cargo.toml")
        .ok_or("the generator emitted no Cargo.toml")?;
    *manifest = standalone_manifest(manifest);

    let dir = &layout.crate_dir;
    match fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", dir.display())),
    }
    cli::write::sync(dir, &output.files, false)?;
    let lock = dir.join("Cargo.lock");
    fs::copy(&layout.lockfile, &lock).map_err(|e| {
        format!(
            "cannot copy {} to {}: {e}",
            layout.lockfile.display(),
            lock.display()
        )
    })?;
    Ok(Generated {
        files: output.files.len(),
        lines: output.files.values().map(|text| text.lines().count()).sum(),
        warnings: output.warnings,
    })
}

/// `manifest` with an empty `[workspace]` table, so that cargo treats the crate as its own
/// workspace instead of looking for the enclosing one (which does not list it).
fn standalone_manifest(manifest: &str) -> String {
    if manifest.lines().any(|line| line.trim() == "[workspace]") {
        return manifest.to_owned();
    }
    let mut text = manifest.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("\n# Added by `cargo xtask test`: a workspace of its own.\n[workspace]\n");
    text
}

/// Diagnostics counted in the output of `cargo check`.
#[derive(Debug, Default, PartialEq, Eq)]
struct CheckReport {
    errors: usize,
    warnings: usize,
    /// What cargo printed (set when the check passed).
    output: String,
}

/// Runs `cargo check` in `crate_dir` with `target_dir` as target directory, echoing its output;
/// `Err` when it fails or reports an error.
fn cargo_check(cargo: &OsStr, crate_dir: &Path, target_dir: &Path) -> Result<CheckReport, String> {
    let mut child = Command::new(cargo)
        .arg("check")
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("failed to start `cargo check`: {e}"))?;
    let mut output = String::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let line = line.map_err(|e| format!("cannot read the output of `cargo check`: {e}"))?;
            eprintln!("{line}");
            output.push_str(&line);
            output.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for `cargo check`: {e}"))?;
    let mut report = count_diagnostics(&output);
    if status.success() && report.errors == 0 {
        report.output = output;
        Ok(report)
    } else {
        Err(format!(
            "`cargo check` of {} failed ({status}): {} error(s)",
            crate_dir.display(),
            report.errors
        ))
    }
}

/// Counts rustc's errors and warnings in cargo's human-readable output, leaving out cargo's own
/// summary and progress lines.
fn count_diagnostics(output: &str) -> CheckReport {
    let mut report = CheckReport::default();
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix("error") {
            let summary = rest.starts_with(": could not compile") || rest.starts_with(": aborting");
            if !summary && (rest.starts_with(':') || rest.starts_with('[')) {
                report.errors += 1;
            }
        } else if let Some(rest) = line.strip_prefix("warning") {
            let summary = rest.contains(") generated ")
                || rest.starts_with(": build failed")
                || rest.contains("warning emitted")
                || rest.contains("warnings emitted");
            if !summary && (rest.starts_with(':') || rest.starts_with('[')) {
                report.warnings += 1;
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A directory under the system's temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir()
                .join(format!("xtask-whole-api-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn write(&self, rel: &str, contents: &str) -> PathBuf {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, contents).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn cargo() -> std::ffi::OsString {
        std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
    }

    #[test]
    fn layout_is_relative_to_the_project_root() {
        let layout = Layout::for_root(Path::new("/p/proj"));
        assert_eq!(
            layout,
            Layout {
                what: "the whole upstream Telnyx document".to_owned(),
                crate_name: "telnyx".to_owned(),
                spec: PathBuf::from("/p/proj/../shared/reference/telnyx-openapi-3.1.yml"),
                crate_dir: PathBuf::from("/p/proj/target/whole-telnyx/telnyx"),
                target_dir: PathBuf::from("/p/proj/target"),
                lockfile: PathBuf::from("/p/proj/Cargo.lock"),
            }
        );
    }

    #[test]
    fn the_github_layouts_read_the_installed_package() {
        let root = Path::new("/p/proj");
        let package = root.join(".octokit/node_modules/@octokit/openapi");
        let plain = Layout::github(root, &package, false);
        assert_eq!(plain.spec, package.join("generated/api.github.com.json"));
        assert_eq!(plain.crate_dir, root.join("target/whole-github/github"));
        assert_eq!(plain.crate_name, "github");
        let deref = Layout::github(root, &package, true);
        assert_eq!(
            deref.spec,
            package.join("generated/api.github.com.deref.json")
        );
        assert_eq!(
            deref.crate_dir,
            root.join("target/whole-github-deref/github-deref")
        );
        assert_eq!(deref.crate_name, "github-deref", "not the plain one's name");
        assert!(deref
            .what
            .contains("api.github.com.deref.json of @octokit/openapi 23.0.2"));
    }

    #[test]
    fn skipped_without_the_document_and_nothing_is_run_or_written() {
        let dir = TempDir::new();
        let layout = Layout::for_root(&dir.0.join("proj"));
        // A cargo that cannot start: the skip must not need it.
        let outcome = run(&layout, OsStr::new("/nonexistent/cargo")).unwrap();
        match outcome {
            Outcome::Skipped { reason } => {
                assert!(
                    reason.contains("shared/reference/telnyx-openapi-3.1.yml does not exist"),
                    "{reason}"
                );
            }
            other => panic!("expected a skip, got {other:?}"),
        }
        assert!(!layout.crate_dir.exists());
    }

    #[test]
    fn an_unreadable_document_fails_instead_of_skipping() {
        let dir = TempDir::new();
        let root = dir.0.join("proj");
        fs::create_dir_all(&root).unwrap();
        // The document's path exists but is a directory.
        fs::create_dir_all(dir.0.join("shared/reference/telnyx-openapi-3.1.yml")).unwrap();
        let error = run(&Layout::for_root(&root), OsStr::new("/nonexistent/cargo")).unwrap_err();
        assert!(error.contains("cannot read the document"), "{error}");
    }

    #[test]
    fn a_broken_document_fails_with_its_location() {
        let dir = TempDir::new();
        let root = dir.0.join("proj");
        fs::create_dir_all(&root).unwrap();
        dir.write(
            "shared/reference/telnyx-openapi-3.1.yml",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: hello\n",
        );
        let error = run(&Layout::for_root(&root), OsStr::new("/nonexistent/cargo")).unwrap_err();
        assert!(error.contains("5:5"), "{error}");
        assert!(!root.join(CRATE_DIR).exists());
    }

    #[test]
    fn prepares_a_standalone_crate_anew_with_the_workspace_lock() {
        let dir = TempDir::new();
        let root = dir.0.join("proj");
        let fixture = codegen::project_root().join("generator/tests/fixtures/shapes.yaml");
        dir.write(
            "shared/reference/telnyx-openapi-3.1.yml",
            &fs::read_to_string(fixture).unwrap(),
        );
        let lock = "# This file is automatically @generated by Cargo.\nversion = 4\n";
        dir.write("proj/Cargo.lock", lock);
        let stale = dir.write("proj/target/whole-telnyx/telnyx/src/stale.rs", "stale\n");
        let layout = Layout::for_root(&root);

        let generated = prepare(&layout).unwrap();
        assert!(!stale.exists(), "the crate directory was not recreated");
        let manifest = fs::read_to_string(layout.crate_dir.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("name = \"telnyx\""), "{manifest}");
        assert!(manifest.trim_end().ends_with("\n[workspace]"), "{manifest}");
        assert_eq!(
            fs::read_to_string(layout.crate_dir.join("Cargo.lock")).unwrap(),
            lock
        );
        assert!(layout.crate_dir.join("src/lib.rs").is_file());
        let on_disk = walk(&layout.crate_dir);
        // Every generated file plus the lock file.
        assert_eq!(on_disk, generated.files + 1);
        assert!(generated.lines > 100, "{}", generated.lines);

        // A missing lock file is an error, not a silently different resolution.
        fs::remove_file(root.join("Cargo.lock")).unwrap();
        let error = prepare(&layout).map(|_| ()).unwrap_err();
        assert!(error.starts_with("cannot copy"), "{error}");
    }

    fn walk(dir: &Path) -> usize {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path)
                } else {
                    1
                }
            })
            .sum()
    }

    #[test]
    fn manifest_gets_one_workspace_table() {
        let manifest = "[package]\nname = \"telnyx\"\n\n[dependencies]\nserde = \"1\"";
        let standalone = standalone_manifest(manifest);
        assert!(standalone
            .starts_with("[package]\nname = \"telnyx\"\n\n[dependencies]\nserde = \"1\"\n\n"));
        assert!(standalone.ends_with("\n[workspace]\n"), "{standalone}");
        assert_eq!(standalone_manifest(&standalone), standalone);
        assert_eq!(standalone.matches("[workspace]").count(), 1);
    }

    #[test]
    fn counts_rustc_diagnostics_but_not_cargo_summaries() {
        let output = "\
    Checking telnyx v0.1.0 (/p/target/whole-telnyx/telnyx)
warning: unused variable: `x`
 --> src/lib.rs:1:20
warning[E0170]: pattern binding named like a variant
error[E0308]: mismatched types
 --> src/lib.rs:2:14
error: expected one of `;` or `}`
warning: `telnyx` (lib) generated 2 warnings
error: could not compile `telnyx` (lib) due to 2 previous errors; 2 warnings emitted
warning: build failed, waiting for other jobs to finish...
    = note: error: in a note does not count
";
        let report = count_diagnostics(output);
        assert_eq!((report.errors, report.warnings), (2, 2));
        assert_eq!(count_diagnostics(""), CheckReport::default());
    }

    /// A crate without dependencies, checked by the real cargo.
    fn tiny_crate(dir: &TempDir, lib: &str) -> PathBuf {
        let manifest = "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
        dir.write("tiny/Cargo.toml", &standalone_manifest(manifest));
        dir.write("tiny/src/lib.rs", lib);
        dir.0.join("tiny")
    }

    #[test]
    fn cargo_check_passes_with_warnings_and_fails_on_errors() {
        let dir = TempDir::new();
        let target = dir.0.join("target");
        let krate = tiny_crate(&dir, "pub fn f() { let x = 1; }\n");
        let report = cargo_check(&cargo(), &krate, &target).unwrap();
        assert_eq!((report.errors, report.warnings), (0, 1));
        assert!(
            report.output.contains("Checking tiny v0.1.0"),
            "{}",
            report.output
        );
        // Its build went into the given target directory.
        assert!(target.join("debug").is_dir());

        let krate = tiny_crate(&dir, "pub fn f() -> u8 { \"one\" }\n");
        let error = cargo_check(&cargo(), &krate, &target).unwrap_err();
        assert!(error.ends_with(": 1 error(s)"), "{error}");
    }
}
