//! The whole-API checks, steps 4 and 5 of `cargo xtask test`.
//!
//! When the whole upstream Telnyx document ([`SPEC`], next to the project) exists, it is
//! generated — through the generator library, as `cargo xtask codegen` does — into
//! `target/whole-telnyx/telnyx`, a standalone crate recreated on every run: its `Cargo.toml` gets
//! an empty `[workspace]` table (it lives inside the project's directory tree but is no member of
//! its workspace) and the workspace's `Cargo.lock` is copied next to it, so that it resolves the
//! same dependency versions. `cargo check --lib --examples --all-features` then runs on it with
//! `CARGO_TARGET_DIR` set to the project's `target/`, where the earlier steps have already
//! checked those dependencies: the check of `openapi-client-gen --verify`
//! ([`verify::check_staged`]), so a compiler error names the place in the document its line
//! was generated from. The check must report zero errors. The generator's warnings are printed
//! and counted, and the time of each phase is printed.
//!
//! Without the document, the step prints that it was skipped and why, and passes.
//!
//! The same check runs on GitHub's published REST description ([`Layout::github`]: the plain
//! and the dereferenced variant of `@octokit/openapi`, which `cargo xtask test` installs with
//! npm), a large OpenAPI 3.0 document written by others.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::codegen;
use generator::cli::{self, verify};

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
    /// Where the crate is written and checked.
    fn staging(&self) -> verify::Staging {
        verify::Staging {
            crate_dir: self.crate_dir.clone(),
            target_dir: self.target_dir.clone(),
            lockfile: Some(self.lockfile.clone()),
        }
    }

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

/// Runs the check (cargo is `$CARGO`, else `cargo`); `Err` when generation fails or `cargo
/// check` reports an error.
pub fn run(layout: &Layout) -> Result<Outcome, String> {
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
    let warnings = &generated.output.warnings;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!(
        "generator: {} warning(s); {} files, {} lines in {generate_secs:.1}s",
        warnings.len(),
        generated.output.files.len(),
        generated.lines
    );

    eprintln!(
        "$ CARGO_TARGET_DIR={} cargo check --lib --examples --all-features (in {})",
        layout.target_dir.display(),
        layout.crate_dir.display()
    );
    let started = Instant::now();
    let found = verify::check_staged(&generated.output, &layout.crate_name, &layout.staging())?;
    let check_secs = started.elapsed().as_secs_f64();
    for warning in &found.warnings {
        eprintln!("{}", warning.rendered.trim_end());
    }
    eprintln!(
        "cargo check: {} error(s), {} warning(s) in {check_secs:.1}s",
        found.errors.len(),
        found.warnings.len()
    );
    if !found.errors.is_empty() {
        let document = verify::Document::read(&layout.spec, &layout.spec.display().to_string());
        let mut message = format!(
            "`cargo check` of {} found {} error(s):",
            layout.crate_dir.display(),
            found.errors.len()
        );
        for error in &found.errors {
            message.push('\n');
            message.push_str(&document.explain(error));
        }
        return Err(message);
    }
    Ok(Outcome::Checked(Summary {
        generator_warnings: generated.output.warnings.len(),
        files: generated.output.files.len(),
        lines: generated.lines,
        rustc_warnings: found.warnings.len(),
        generate_secs,
        check_secs,
    }))
}

/// The generated crate, as written, and its number of lines.
struct Generated {
    output: generator::Output,
    lines: usize,
}

/// Generates the document into a fresh `layout.crate_dir`: a standalone crate with the
/// workspace's lock file ([`verify::stage`]).
fn prepare(layout: &Layout) -> Result<Generated, String> {
    let config = generator::Config {
        spec_path: layout.spec.clone(),
        spec_display: layout.spec.display().to_string(),
        crate_name: layout.crate_name.clone(),
        crate_version: cli::CRATE_VERSION.to_owned(),
        env_prefix: layout.crate_name.to_ascii_uppercase(),
        command: codegen::COMMAND.to_owned(),
        examples_dir: None,
        jobs: None,
    };
    let output = generator::generate(&config).map_err(|e| e.to_string())?;
    verify::stage(&output.files, &layout.staging())?;
    Ok(Generated {
        lines: output.files.values().map(|text| text.lines().count()).sum(),
        output,
    })
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
        let outcome = run(&layout).unwrap();
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
        let error = run(&Layout::for_root(&root)).unwrap_err();
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
        let error = run(&Layout::for_root(&root)).unwrap_err();
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
        assert_eq!(on_disk, generated.output.files.len() + 1);
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
}
