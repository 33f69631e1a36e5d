//! `--verify`: the generated crate is compiled (`cargo check`) before anything is written, and a
//! compiler error is reported at the generated line and at the place in the document the
//! line was generated from.
//!
//! The generator guards against emitting code that cannot compile by construction: what it
//! cannot express becomes a located warning and a fallback that compiles. `--verify` is the
//! check that holds whatever the construct: a crate the compiler refuses is never written, and
//! the message names the operation or schema to look at.
//!
//! The crate is checked as a copy of its own ([`Staging`]): its `Cargo.toml` gets an empty
//! `[workspace]` table and the lock file of the workspace the crate is generated into (so it
//! resolves the dependency versions the user's build will), in a directory and a target
//! directory of their own, kept between runs so that the dependencies are checked once.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Output;

/// Where a crate is copied and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staging {
    /// The copy of the crate (removed and written anew on every run).
    pub crate_dir: PathBuf,
    /// `CARGO_TARGET_DIR` of the check.
    pub target_dir: PathBuf,
    /// The lock file copied next to the crate's manifest, when there is one.
    pub lockfile: Option<PathBuf>,
}

impl Staging {
    /// The staging of `crate_name`, generated into `out_dir`. When `out_dir` lies in a cargo
    /// workspace (a parent directory with a `Cargo.lock`), its lock file is used and the
    /// staging area is `openapi-client-gen-verify/` in its target directory (`CARGO_TARGET_DIR`
    /// or `target/`); otherwise `out_dir`'s own `Cargo.lock`, if any, and the area is under
    /// `CARGO_TARGET_DIR` or the system's temporary directory. The crate is never checked in
    /// the user's own target directory: a crate of the same name there would share its
    /// fingerprints.
    pub fn for_output(out_dir: &Path, crate_name: &str) -> Staging {
        // Absolute: cargo runs in the staged crate, where a relative path would mean another
        // directory.
        let env_target = std::env::var_os("CARGO_TARGET_DIR").map(|dir| absolute(Path::new(&dir)));
        let workspace = absolute(out_dir)
            .ancestors()
            .skip(1)
            .find(|dir| dir.join("Cargo.lock").is_file())
            .map(Path::to_path_buf);
        let (base, lockfile) = match workspace {
            Some(root) => (
                env_target.unwrap_or_else(|| root.join("target")),
                Some(root.join("Cargo.lock")),
            ),
            None => (
                env_target.unwrap_or_else(std::env::temp_dir),
                Some(out_dir.join("Cargo.lock")).filter(|lock| lock.is_file()),
            ),
        };
        let area = base.join("openapi-client-gen-verify");
        Staging {
            crate_dir: area.join("crates").join(crate_name),
            target_dir: area.join("target"),
            lockfile,
        }
    }
}

/// `path` made absolute against the current directory (without touching the file system
/// otherwise: the directory may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match std::env::current_dir() {
        Ok(dir) => dir.join(path),
        Err(_) => path.to_path_buf(),
    }
}

/// A compiler message about the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `error` or `warning`.
    pub level: String,
    /// The error code (`E0277`), when it has one.
    pub code: Option<String>,
    /// The message's first line.
    pub message: String,
    /// The file of its primary span, relative to the crate (`src/types/codec.rs`).
    pub file: String,
    /// Line and column (1-based) of its primary span.
    pub line: usize,
    pub column: usize,
    /// The JSON pointer of what that line was generated from, when it is in an item printed
    /// from the document (rather than in the runtime copied verbatim).
    pub origin: Option<String>,
    /// What the compiler printed, snippet and notes included.
    pub rendered: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.level
        )?;
        if let Some(code) = &self.code {
            write!(f, "[{code}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The document a crate was generated from, to say where a [`Diagnostic`]'s line comes from.
pub struct Document {
    source: crate::load::Source,
}

impl Document {
    /// The document at `path`, named `display` in messages (unreadable, it names pointers
    /// without lines).
    pub fn read(path: &Path, display: &str) -> Document {
        let text = fs::read_to_string(path).unwrap_or_default();
        Document {
            source: crate::load::Source::new(display, text),
        }
    }

    /// [`Document::describe`], then what the compiler printed (snippet and notes).
    pub fn explain(&self, diagnostic: &Diagnostic) -> String {
        format!(
            "{}\n{}",
            self.describe(diagnostic),
            diagnostic.rendered.trim_end()
        )
    }

    /// `diagnostic`'s first line, then where it comes from: `generated from FILE:LINE:COL: at
    /// /pointer`, or the client runtime.
    pub fn describe(&self, diagnostic: &Diagnostic) -> String {
        let Some(pointer) = &diagnostic.origin else {
            return format!(
                "{diagnostic}\n  in the client runtime (the same in every generated crate)"
            );
        };
        let file = &self.source.file;
        match self.source.locate(pointer) {
            Some((line, column)) => {
                format!("{diagnostic}\n  generated from {file}:{line}:{column}: at {pointer}")
            }
            None => format!("{diagnostic}\n  generated from {file}: at {pointer}"),
        }
    }
}

/// What the check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// The compiler's errors, in the order it gave them.
    pub errors: Vec<Diagnostic>,
    /// Its warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Checks the crate of `output` (named `crate_name`) with `cargo check --lib --examples
/// --all-features` in `staging`: the library with every feature, and the examples (a generated
/// crate has no tests of its own, and checking its test harness would check it twice). `Err`
/// when the check could not be run or cargo failed without a compiler error to show (a
/// dependency that cannot be resolved, say); otherwise the compiler's errors and warnings,
/// each with the place it was generated from.
pub fn verify(
    output: &Output,
    crate_name: &str,
    staging: &Staging,
) -> Result<Verification, String> {
    stage(&output.files, staging)?;
    check_staged(output, crate_name, staging)
}

/// The check of [`verify`], on a crate [`stage`]d before.
pub fn check_staged(
    output: &Output,
    crate_name: &str,
    staging: &Staging,
) -> Result<Verification, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut child = Command::new(&cargo)
        .args([
            "check",
            "--lib",
            "--examples",
            "--all-features",
            "--message-format=json",
        ])
        .current_dir(&staging.crate_dir)
        .env("CARGO_TARGET_DIR", &staging.target_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", cargo.to_string_lossy()))?;
    // Cargo's progress goes to stderr; it is read on a thread of its own so that neither pipe
    // fills while the other is read.
    let stderr = child.stderr.take();
    let progress = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    });
    let mut messages = Messages::new(crate_name);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(line) => messages.read(&line, output),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("cannot read cargo's output: {e}"));
                }
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    let stderr = progress.join().unwrap_or_default();
    let Messages {
        verification,
        checked,
        fresh,
        ..
    } = messages;
    if !verification.errors.is_empty() {
        return Ok(verification);
    }
    if !status.success() {
        return Err(format!(
            "`cargo check` of the generated crate (copied to {}) failed ({status}) without a \
             compiler error:\n{}",
            staging.crate_dir.display(),
            stderr.trim_end()
        ));
    }
    if !checked || fresh {
        return Err(format!(
            "`cargo check` did not check the generated crate (copied to {}): cargo found it \
             fresh or never reached it",
            staging.crate_dir.display()
        ));
    }
    Ok(verification)
}

/// Writes `files` into a fresh `staging.crate_dir` (removed first): a workspace of its own,
/// with the lock file; a lock file that cannot be copied is an error, not a silently different
/// resolution.
pub fn stage(files: &BTreeMap<String, String>, staging: &Staging) -> Result<(), String> {
    let dir = &staging.crate_dir;
    match fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", dir.display())),
    }
    for (path, text) in files {
        let text = if path == "Cargo.toml" {
            standalone_manifest(text)
        } else {
            text.clone()
        };
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(lock) = &staging.lockfile {
        let to = dir.join("Cargo.lock");
        fs::copy(lock, &to)
            .map_err(|e| format!("cannot copy {} to {}: {e}", lock.display(), to.display()))?;
    }
    Ok(())
}

/// `manifest` with an empty `[workspace]` table, so that cargo treats the crate as its own
/// workspace instead of looking for an enclosing one (which does not list it).
pub fn standalone_manifest(manifest: &str) -> String {
    if manifest.lines().any(|line| line.trim() == "[workspace]") {
        return manifest.to_owned();
    }
    let mut text = manifest.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "\n# Added to check the crate on its own: a workspace of its own.\n[workspace]\n",
    );
    text
}

/// Cargo's JSON messages, read one line at a time.
struct Messages<'a> {
    /// The crate's name as cargo writes it in target names (`-` as `_`).
    target_name: String,
    crate_name: &'a str,
    verification: Verification,
    /// Whether cargo reported an artifact of the crate itself, and whether it was fresh.
    checked: bool,
    fresh: bool,
}

impl<'a> Messages<'a> {
    fn new(crate_name: &'a str) -> Messages<'a> {
        Messages {
            target_name: crate_name.replace('-', "_"),
            crate_name,
            verification: Verification::default(),
            checked: false,
            fresh: false,
        }
    }

    /// Reads one line of cargo's output (lines that are not JSON messages are ignored).
    fn read(&mut self, line: &str, output: &Output) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            return;
        };
        let of_crate = message["target"]["name"]
            .as_str()
            .is_some_and(|name| name.replace('-', "_") == self.target_name)
            || message["package_id"]
                .as_str()
                .is_some_and(|id| package_name(id) == Some(self.crate_name));
        match message["reason"].as_str() {
            Some("compiler-artifact") if of_crate => {
                self.checked = true;
                self.fresh |= message["fresh"].as_bool() == Some(true);
            }
            Some("compiler-message") if of_crate => {
                if let Some(diagnostic) = diagnostic(&message["message"], output) {
                    let list = match diagnostic.level.as_str() {
                        "error" => &mut self.verification.errors,
                        _ => &mut self.verification.warnings,
                    };
                    // Each message once, should two targets compile the same lines.
                    if !list.contains(&diagnostic) {
                        list.push(diagnostic);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The package name in a cargo package id: `path+file:///p/name#0.1.0` (the name is the
/// directory's then), `path+file:///p/dir#name@0.1.0`, or the old `name 0.1.0 (path+...)`.
fn package_name(id: &str) -> Option<&str> {
    if let Some((_, fragment)) = id.rsplit_once('#') {
        return match fragment.split_once('@') {
            Some((name, _)) => Some(name),
            None => id[..id.len() - fragment.len() - 1].rsplit('/').next(),
        };
    }
    id.split(' ').next()
}

/// A compiler message with a primary span, as a [`Diagnostic`]; `None` for the summaries
/// (`aborting due to 2 previous errors`) and notes without a place.
fn diagnostic(message: &serde_json::Value, output: &Output) -> Option<Diagnostic> {
    let level = message["level"].as_str()?;
    if !matches!(level, "error" | "warning") {
        return None;
    }
    let spans = message["spans"].as_array()?;
    let span = spans
        .iter()
        .find(|s| s["is_primary"].as_bool() == Some(true))
        .or_else(|| spans.first())?;
    let file = span["file_name"].as_str()?.replace('\\', "/");
    let line = span["line_start"].as_u64()? as usize;
    let column = span["column_start"].as_u64().unwrap_or(1) as usize;
    Some(Diagnostic {
        level: level.to_owned(),
        code: message["code"]["code"].as_str().map(str::to_owned),
        message: message["message"].as_str().unwrap_or_default().to_owned(),
        origin: output.origin_of(&file, line).map(str::to_owned),
        file,
        line,
        column,
        rendered: message["rendered"].as_str().unwrap_or_default().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_of_every_id_form() {
        assert_eq!(
            package_name("path+file:///tmp/a/telnyx-orders#0.1.0"),
            Some("telnyx-orders")
        );
        assert_eq!(
            package_name("path+file:///tmp/a/dir#telnyx-orders@0.1.0"),
            Some("telnyx-orders")
        );
        assert_eq!(
            package_name("telnyx-orders 0.1.0 (path+file:///tmp/a)"),
            Some("telnyx-orders")
        );
    }

    #[test]
    fn manifests_get_a_workspace_of_their_own_once() {
        let once = standalone_manifest("[package]\nname = \"a\"");
        assert!(once.starts_with("[package]\nname = \"a\"\n"));
        assert_eq!(once.matches("[workspace]").count(), 1);
        assert_eq!(standalone_manifest(&once), once);
    }

    #[test]
    fn staging_is_beside_the_workspace_target_never_in_it() {
        let root = std::env::temp_dir().join(format!("ocg-staging-{}", std::process::id()));
        fs::create_dir_all(root.join("generated")).unwrap();
        fs::write(root.join("Cargo.lock"), "").unwrap();
        let staging = Staging::for_output(&root.join("generated"), "telnyx-orders");
        let _ = fs::remove_dir_all(&root);
        assert_eq!(staging.lockfile, Some(root.join("Cargo.lock")));
        if std::env::var_os("CARGO_TARGET_DIR").is_none() {
            let area = root.join("target").join("openapi-client-gen-verify");
            assert_eq!(staging.crate_dir, area.join("crates").join("telnyx-orders"));
            assert_eq!(staging.target_dir, area.join("target"));
        }
    }
}
