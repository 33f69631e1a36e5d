//! Pinned npm packages the tests install into git-ignored folders of the project (Prism for the
//! contract suite, GitHub's published OpenAPI description for the large-document check).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Installs `package@version` into `root/dir` with npm unless that exact version already is
/// there, and returns the package's folder. `purpose` says what needs it, for errors.
pub fn install(
    root: &Path,
    dir: &str,
    package: &str,
    version: &str,
    purpose: &str,
) -> Result<PathBuf, String> {
    let prefix = root.join(dir);
    let package_dir = prefix.join("node_modules").join(package);
    if installed_version(&package_dir).as_deref() == Some(version) {
        return Ok(package_dir);
    }
    let node = tool_version("node", purpose)?;
    let npm = tool_version("npm", purpose)?;
    let spec = format!("{package}@{version}");
    eprintln!("installing {spec}: npm install --prefix {dir} {spec} (node {node}, npm {npm})");
    let status = Command::new("npm")
        .args(["install", "--prefix"])
        .arg(&prefix)
        .args(["--save-exact", "--no-audit", "--no-fund", &spec])
        // Prism depends on @scarf/scarf, whose install script reports usage: opt out.
        .env("SCARF_ANALYTICS", "false")
        .current_dir(root)
        .status()
        .map_err(|e| format!("failed to run npm: {e}"))?;
    if !status.success() {
        return Err(format!("`npm install {spec}` failed ({status})"));
    }
    match installed_version(&package_dir) {
        Some(found) if found == version => Ok(package_dir),
        other => Err(format!(
            "npm installed {spec} but {} holds version {other:?}",
            package_dir.display()
        )),
    }
}

/// `<tool> --version`, or an error saying the tool is required for `purpose`.
pub fn tool_version(tool: &str, purpose: &str) -> Result<String, String> {
    let missing = |why: String| {
        format!(
            "{purpose} needs Node.js and npm, but `{tool} --version` {why}; install Node.js 20 \
             (with npm) and run `cargo xtask test` again"
        )
    };
    let output = Command::new(tool)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| missing(format!("could not be run ({e})")))?;
    if !output.status.success() {
        return Err(missing(format!("failed ({})", output.status)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The `version` field of an installed npm package's `package.json`.
pub fn installed_version(package_dir: &Path) -> Option<String> {
    let manifest = fs::read_to_string(package_dir.join("package.json")).ok()?;
    let rest = &manifest[manifest.find("\"version\"")? + "\"version\"".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}
