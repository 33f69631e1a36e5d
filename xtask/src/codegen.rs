//! `cargo xtask codegen [--check]`: regenerate the client crate in `generated/` from the spec.
//!
//! Generation happens in memory first ([`generate_files`]); [`plan`] then compares the result with
//! what is on disk, and both modes act on that plan: `--check` only reports it, the default mode
//! applies it ([`apply`]), writing every file through [`ensure_file_contents`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use similar::TextDiff;

/// The spec, relative to the workspace root (also how it is shown in headers and messages).
pub const SPEC: &str = "spec/telnyx-number-orders.yaml";
/// Name of the generated crate.
pub const CRATE_NAME: &str = "telnyx-orders";
/// Version of the generated crate.
pub const CRATE_VERSION: &str = "0.1.0";
/// Where the generated crate lives, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated";
/// A directory directly under [`OUTPUT_DIR`] that is never touched (a build directory).
const IGNORED_DIR: &str = "target";
/// Printed when `--check` finds differences.
pub const STALE_MESSAGE: &str =
    "generated/ is stale: run `cargo xtask codegen` and commit the result";

/// The workspace root: the parent of this crate's directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the workspace")
        .to_path_buf()
}

/// One difference between the generated files and the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A file that is missing (`old` is `None`) or has different contents.
    Write {
        path: String,
        old: Option<String>,
        new: String,
    },
    /// A file on disk that the generator no longer emits.
    Remove { path: String, old: String },
}

impl Change {
    /// Path relative to the output directory, with `/` separators.
    pub fn path(&self) -> &str {
        match self {
            Change::Write { path, .. } | Change::Remove { path, .. } => path,
        }
    }

    /// Unified diff from the checked-in file to the generated one. Missing and extra files show
    /// as wholly added or removed.
    pub fn diff(&self) -> String {
        let (old, new) = match self {
            Change::Write { old, new, .. } => (old.as_deref().unwrap_or(""), new.as_str()),
            Change::Remove { old, .. } => (old.as_str(), ""),
        };
        let path = self.path();
        TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("{OUTPUT_DIR}/{path} (checked in)"),
                &format!("{OUTPUT_DIR}/{path} (from spec)"),
            )
            .to_string()
    }
}

/// What a codegen run found (and, unless checking, did).
#[derive(Debug)]
pub struct Report {
    /// Differences found before anything was written; applied unless `check`.
    pub changes: Vec<Change>,
    /// Files written (0 when checking).
    pub written: usize,
    /// Files removed (0 when checking).
    pub removed: usize,
    /// Generated files that were already up to date.
    pub unchanged: usize,
}

impl Report {
    /// True when the output directory matched the generated files exactly.
    pub fn is_fresh(&self) -> bool {
        self.changes.is_empty()
    }

    /// The unified diffs of all changes, one after another.
    pub fn diff(&self) -> String {
        self.changes.iter().map(Change::diff).collect()
    }
}

/// Runs the generator on the project's spec, in memory.
pub fn generate_files() -> Result<BTreeMap<String, String>, String> {
    let config = generator::Config {
        spec_path: project_root().join(SPEC),
        spec_display: SPEC.to_owned(),
        crate_name: CRATE_NAME.to_owned(),
        crate_version: CRATE_VERSION.to_owned(),
        env_prefix: "TELNYX".to_owned(),
    };
    generator::generate(&config)
        .map(|output| output.files)
        .map_err(|e| e.to_string())
}

/// `cargo xtask codegen [--check]` without the printing: generate, then sync `generated/`.
pub fn run(check: bool) -> Result<Report, String> {
    let files = generate_files()?;
    sync(&project_root().join(OUTPUT_DIR), &files, check)
}

/// Makes `out_dir` hold exactly `files` (or, if `check`, only reports how it differs).
pub fn sync(
    out_dir: &Path,
    files: &BTreeMap<String, String>,
    check: bool,
) -> Result<Report, String> {
    let changes = plan(out_dir, files)?;
    let (written, removed) = if check {
        (0, 0)
    } else {
        apply(out_dir, &changes)?
    };
    let stale = changes
        .iter()
        .filter(|c| matches!(c, Change::Write { .. }))
        .count();
    Ok(Report {
        unchanged: files.len() - if check { stale } else { written },
        changes,
        written,
        removed,
    })
}

/// Computes how `root_dir` differs from `files` (paths relative to `root_dir`, `/`-separated).
///
/// Writes nothing. The result is sorted by path. A `target/` directory directly under `root_dir`
/// is ignored; every other file not in `files` is reported as a removal.
pub fn plan(root_dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Change>, String> {
    validate_paths(files)?;
    let mut changes = Vec::new();
    for (path, new) in files {
        let old = read_existing(&root_dir.join(path))?;
        if old.as_deref().is_some_and(|old| same_text(old, new)) {
            continue;
        }
        changes.push(Change::Write {
            path: path.clone(),
            old,
            new: new.clone(),
        });
    }
    for path in list_files(root_dir)? {
        if files.contains_key(&path) {
            continue;
        }
        let full = root_dir.join(&path);
        let old = read_existing(&full)?.unwrap_or_default();
        changes.push(Change::Remove { path, old });
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(changes)
}

/// Applies a [`plan`] to `root_dir`: removes extra files (and directories left empty), then
/// writes new and changed files. Returns `(written, removed)`.
pub fn apply(root_dir: &Path, changes: &[Change]) -> Result<(usize, usize), String> {
    let mut removed = 0;
    for change in changes {
        if let Change::Remove { path, .. } = change {
            let full = root_dir.join(path);
            match fs::remove_file(&full) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error("cannot remove", &full, &e)),
            }
        }
    }
    // Before writing, so that a file may take the place of a directory that became empty.
    remove_empty_dirs(root_dir, true)?;
    let mut written = 0;
    for change in changes {
        if let Change::Write { path, new, .. } = change {
            if !ensure_file_contents(&root_dir.join(path), new, false)? {
                written += 1;
            }
        }
    }
    Ok((written, removed))
}

/// Makes `path` hold `contents`, writing it (and creating its parent directories) only if it is
/// missing or different. Line endings are ignored in the comparison, so a CRLF checkout counts as
/// up to date. With `check`, nothing is written. Returns whether the file was already up to date.
pub fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> Result<bool, String> {
    if let Some(old) = read_existing(path)? {
        if same_text(&old, contents) {
            return Ok(true);
        }
    }
    if check {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error("cannot create", parent, &e))?;
    }
    fs::write(path, contents).map_err(|e| io_error("cannot write", path, &e))?;
    Ok(false)
}

/// Prints what [`run`] found and did; the exit code of `cargo xtask codegen [--check]`.
pub fn main(check: bool) -> ExitCode {
    let report = match run(check) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        if report.is_fresh() {
            println!("{OUTPUT_DIR}/ is up to date");
            return ExitCode::SUCCESS;
        }
        print!("{}", report.diff());
        eprintln!("{STALE_MESSAGE}");
        return ExitCode::FAILURE;
    }
    for change in &report.changes {
        let verb = match change {
            Change::Write { old: None, .. } => "created",
            Change::Write { .. } => "updated",
            Change::Remove { .. } => "removed",
        };
        println!("  {verb} {OUTPUT_DIR}/{}", change.path());
    }
    println!(
        "{} files written, {} removed, {} unchanged",
        report.written, report.removed, report.unchanged
    );
    ExitCode::SUCCESS
}

fn same_text(old: &str, new: &str) -> bool {
    normalize_newlines(old) == normalize_newlines(new)
}

fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if s.contains("\r\n") {
        Cow::Owned(s.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

fn io_error(what: &str, path: &Path, e: &io::Error) -> String {
    format!("{what} {}: {e}", path.display())
}

/// Contents of the file at `path`, or `None` if there is no file there (missing, or a directory
/// or a missing parent in its place). Non-UTF-8 contents are read lossily.
fn read_existing(path: &Path) -> Result<Option<String>, String> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound || !path.is_file() => Ok(None),
        Err(e) => Err(io_error("cannot read", path, &e)),
    }
}

/// Rejects generator output that could escape the output directory or clash with itself.
fn validate_paths(files: &BTreeMap<String, String>) -> Result<(), String> {
    let mut dirs = BTreeSet::new();
    for path in files.keys() {
        let components: Vec<&str> = path.split('/').collect();
        let bad_component = components
            .iter()
            .any(|c| c.is_empty() || *c == "." || *c == ".." || c.contains(['\\', ':']));
        if bad_component || Path::new(path).is_absolute() {
            return Err(format!("generator emitted an invalid path `{path}`"));
        }
        if components.len() > 1 && components[0] == IGNORED_DIR {
            return Err(format!(
                "generator emitted `{path}` under the ignored `{IGNORED_DIR}/` directory"
            ));
        }
        for end in 1..components.len() {
            dirs.insert(components[..end].join("/"));
        }
    }
    match files.keys().find(|path| dirs.contains(*path)) {
        Some(path) => Err(format!(
            "generator emitted `{path}` both as a file and as a directory"
        )),
        None => Ok(()),
    }
}

/// Every file (and symlink) under `root`, as `/`-separated relative paths, skipping `root/target`.
fn list_files(root: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    match fs::symlink_metadata(root) {
        Ok(meta) if meta.is_dir() => walk(root, "", &mut files)?,
        Ok(_) => return Err(format!("{} is not a directory", root.display())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error("cannot read", root, &e)),
    }
    Ok(files)
}

fn walk(dir: &Path, prefix: &str, files: &mut Vec<String>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| io_error("cannot read directory", dir, &e))? {
        let entry = entry.map_err(|e| io_error("cannot read directory", dir, &e))?;
        let path = entry.path();
        let name = entry
            .file_name()
            .into_string()
            .map_err(|_| format!("{}: file name is not UTF-8", path.display()))?;
        let file_type = entry
            .file_type()
            .map_err(|e| io_error("cannot stat", &path, &e))?;
        let rel = format!("{prefix}{name}");
        if file_type.is_dir() {
            if prefix.is_empty() && name == IGNORED_DIR {
                continue;
            }
            walk(&path, &format!("{rel}/"), files)?;
        } else {
            files.push(rel);
        }
    }
    Ok(())
}

/// Removes the empty directories under `dir` (bottom-up), skipping `root/target`. `dir` itself is
/// removed only if it is not the root. Returns whether `dir` is now gone.
fn remove_empty_dirs(dir: &Path, is_root: bool) -> Result<bool, String> {
    let mut empty = true;
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if is_root && e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io_error("cannot read directory", dir, &e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| io_error("cannot read directory", dir, &e))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| io_error("cannot stat", &path, &e))?;
        let ignored = is_root && entry.file_name() == IGNORED_DIR;
        if !file_type.is_dir() || ignored || !remove_empty_dirs(&path, false)? {
            empty = false;
        }
    }
    if empty && !is_root {
        fs::remove_dir(dir).map_err(|e| io_error("cannot remove", dir, &e))?;
        return Ok(true);
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, SystemTime};

    /// The same as `cargo xtask codegen --check`.
    #[test]
    fn generated_is_fresh() {
        let report = run(true).unwrap_or_else(|e| panic!("error: {e}"));
        if !report.is_fresh() {
            panic!("\n{}\n{STALE_MESSAGE}", report.diff());
        }
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path =
                std::env::temp_dir().join(format!("xtask-codegen-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn write(&self, rel: &str, contents: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }

        fn read(&self, rel: &str) -> String {
            fs::read_to_string(self.0.join(rel)).unwrap()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(path, contents)| ((*path).to_owned(), (*contents).to_owned()))
            .collect()
    }

    #[test]
    fn up_to_date_tree_has_empty_plan() {
        let dir = TempDir::new();
        dir.write("Cargo.toml", "[package]\n");
        dir.write("src/lib.rs", "pub mod a;\n");
        let files = files(&[
            ("Cargo.toml", "[package]\n"),
            ("src/lib.rs", "pub mod a;\n"),
        ]);
        assert_eq!(plan(&dir.0, &files).unwrap(), vec![]);
        let report = sync(&dir.0, &files, false).unwrap();
        assert!(report.is_fresh());
        assert_eq!(
            (report.written, report.removed, report.unchanged),
            (0, 0, 2)
        );
    }

    #[test]
    fn unchanged_file_is_not_rewritten() {
        let dir = TempDir::new();
        dir.write("src/lib.rs", "fn a() {}\n");
        let path = dir.0.join("src/lib.rs");
        let old_mtime = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old_mtime)
            .unwrap();

        assert!(ensure_file_contents(&path, "fn a() {}\n", false).unwrap());
        sync(&dir.0, &files(&[("src/lib.rs", "fn a() {}\n")]), false).unwrap();

        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old_mtime);
    }

    #[test]
    fn crlf_checkout_counts_as_up_to_date() {
        let dir = TempDir::new();
        dir.write("src/lib.rs", "fn a() {}\r\nfn b() {}\r\n");
        let files = files(&[("src/lib.rs", "fn a() {}\nfn b() {}\n")]);
        assert_eq!(plan(&dir.0, &files).unwrap(), vec![]);
    }

    #[test]
    fn changed_file_is_reported_with_diff_and_rewritten() {
        let dir = TempDir::new();
        dir.write("src/lib.rs", "fn a() {}\nfn b() {}\n");
        let files = files(&[("src/lib.rs", "fn a() {}\nfn c() {}\n")]);

        let changes = plan(&dir.0, &files).unwrap();
        assert_eq!(
            changes,
            vec![Change::Write {
                path: "src/lib.rs".to_owned(),
                old: Some("fn a() {}\nfn b() {}\n".to_owned()),
                new: "fn a() {}\nfn c() {}\n".to_owned(),
            }]
        );
        assert_eq!(
            changes[0].diff(),
            "--- generated/src/lib.rs (checked in)\n\
             +++ generated/src/lib.rs (from spec)\n\
             @@ -1,2 +1,2 @@\n \
             fn a() {}\n\
             -fn b() {}\n\
             +fn c() {}\n"
        );

        let report = sync(&dir.0, &files, false).unwrap();
        assert_eq!(
            (report.written, report.removed, report.unchanged),
            (1, 0, 0)
        );
        assert_eq!(dir.read("src/lib.rs"), "fn a() {}\nfn c() {}\n");
        assert_eq!(plan(&dir.0, &files).unwrap(), vec![]);
    }

    #[test]
    fn missing_file_is_written_with_nested_dirs() {
        let dir = TempDir::new();
        let out = dir.0.join("generated");
        let files = files(&[("src/models/order/mod.rs", "pub struct Order;\n")]);

        let changes = plan(&out, &files).unwrap();
        assert_eq!(changes.len(), 1);
        assert!(matches!(&changes[0], Change::Write { old: None, .. }));
        assert!(changes[0]
            .diff()
            .contains("@@ -0,0 +1 @@\n+pub struct Order;\n"));

        let report = sync(&out, &files, false).unwrap();
        assert_eq!(
            (report.written, report.removed, report.unchanged),
            (1, 0, 0)
        );
        assert_eq!(
            fs::read_to_string(out.join("src/models/order/mod.rs")).unwrap(),
            "pub struct Order;\n"
        );
    }

    #[test]
    fn extra_file_is_removed_with_empty_dirs() {
        let dir = TempDir::new();
        dir.write("src/lib.rs", "mod a;\n");
        dir.write("src/old/deep/gone.rs", "fn gone() {}\n");
        dir.write("src/old/also_gone.rs", "\n");
        fs::create_dir_all(dir.0.join("src/kept")).unwrap();
        dir.write("src/kept/x.rs", "x\n");
        let files = files(&[("src/lib.rs", "mod a;\n"), ("src/kept/x.rs", "x\n")]);

        let changes = plan(&dir.0, &files).unwrap();
        let paths: Vec<&str> = changes.iter().map(Change::path).collect();
        assert_eq!(paths, ["src/old/also_gone.rs", "src/old/deep/gone.rs"]);
        assert!(changes[1].diff().contains("@@ -1 +0,0 @@\n-fn gone() {}\n"));

        let report = sync(&dir.0, &files, false).unwrap();
        assert_eq!(
            (report.written, report.removed, report.unchanged),
            (0, 2, 2)
        );
        assert!(!dir.0.join("src/old").exists());
        assert!(dir.0.join("src/kept/x.rs").exists());
        assert!(dir.0.join("src/lib.rs").exists());
    }

    #[test]
    fn check_mode_writes_nothing() {
        let dir = TempDir::new();
        dir.write("src/lib.rs", "old\n");
        dir.write("extra.rs", "extra\n");
        let files = files(&[("src/lib.rs", "new\n"), ("src/new.rs", "new\n")]);

        let report = sync(&dir.0, &files, true).unwrap();
        assert_eq!(report.changes.len(), 3);
        assert_eq!(
            (report.written, report.removed, report.unchanged),
            (0, 0, 0)
        );
        assert_eq!(dir.read("src/lib.rs"), "old\n");
        assert_eq!(dir.read("extra.rs"), "extra\n");
        assert!(!dir.0.join("src/new.rs").exists());
        assert!(!ensure_file_contents(&dir.0.join("src/new.rs"), "new\n", true).unwrap());
        assert!(!dir.0.join("src/new.rs").exists());
    }

    #[test]
    fn target_dir_is_ignored() {
        let dir = TempDir::new();
        dir.write("target/debug/build.log", "log\n");
        dir.write("src/target/stale.rs", "stale\n");
        let files = files(&[]);

        let paths: Vec<String> = plan(&dir.0, &files)
            .unwrap()
            .iter()
            .map(|c| c.path().to_owned())
            .collect();
        assert_eq!(paths, ["src/target/stale.rs"]);
        sync(&dir.0, &files, false).unwrap();
        assert!(dir.0.join("target/debug/build.log").exists());
        assert!(!dir.0.join("src").exists());
    }

    #[test]
    fn file_may_replace_directory_and_vice_versa() {
        let dir = TempDir::new();
        dir.write("a/inner.rs", "inner\n");
        dir.write("b", "file\n");
        let files = files(&[("a", "now a file\n"), ("b/inner.rs", "now in a dir\n")]);

        sync(&dir.0, &files, false).unwrap();
        assert_eq!(dir.read("a"), "now a file\n");
        assert_eq!(dir.read("b/inner.rs"), "now in a dir\n");
        assert_eq!(plan(&dir.0, &files).unwrap(), vec![]);
    }

    #[test]
    fn invalid_generator_paths_are_rejected() {
        let dir = TempDir::new();
        for bad in [
            "../escape.rs",
            "/abs.rs",
            "a//b.rs",
            "./a.rs",
            "a\\b.rs",
            "target/x.rs",
        ] {
            assert!(plan(&dir.0, &files(&[(bad, "")])).is_err(), "{bad}");
        }
        assert!(plan(&dir.0, &files(&[("a", ""), ("a/b", "")])).is_err());
    }

    #[test]
    fn io_errors_name_the_path() {
        let dir = TempDir::new();
        dir.write("not-a-dir", "x\n");
        let err = list_files(&dir.0.join("not-a-dir")).unwrap_err();
        assert!(err.contains("not-a-dir"), "{err}");
    }
}
