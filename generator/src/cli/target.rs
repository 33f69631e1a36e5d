//! What to generate and where: a [`Target`], and the name of the crate.

use std::path::Path;
use std::path::PathBuf;

/// What to generate and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The OpenAPI document (3.0.x or 3.1.x, YAML or JSON).
    pub spec_path: PathBuf,
    /// How the document is named in messages and in the headers of generated files.
    pub spec_display: String,
    /// The directory of the generated crate.
    pub out_dir: PathBuf,
    /// How the directory is named in messages.
    pub out_display: String,
    /// The generated crate's name.
    pub crate_name: String,
    /// Prefix of the environment variables the client reads (`TELNYX` → `TELNYX_API_KEY`).
    pub env_prefix: String,
    /// The command named in the header of every generated file and in messages
    /// ([`super::BIN_NAME`] unless a caller says otherwise).
    pub command: String,
    /// Hand-written cargo examples copied into the crate's `examples/` (see
    /// [`crate::Config::examples_dir`]).
    pub examples_dir: Option<PathBuf>,
    /// The most threads to use at once (see [`crate::Config::jobs`]).
    pub jobs: Option<std::num::NonZeroUsize>,
}

impl Target {
    /// The document `spec` into the directory `out`. The crate name defaults to the directory's
    /// name (as `cargo new` does), the environment prefix to the crate name in upper snake case.
    pub fn new(spec: &Path, out: &Path, crate_name: Option<&str>) -> Result<Target, String> {
        let crate_name = match crate_name {
            Some(name) => name.to_owned(),
            None => {
                let dir = out.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
                    format!(
                        "cannot name the crate after `{}`: pass --crate-name",
                        out.display()
                    )
                })?;
                crate_name_from(dir)
            }
        };
        validate_crate_name(&crate_name)?;
        Ok(Target {
            spec_path: spec.to_path_buf(),
            spec_display: spec.display().to_string(),
            out_dir: out.to_path_buf(),
            out_display: out.display().to_string(),
            env_prefix: crate_name.replace('-', "_").to_ascii_uppercase(),
            crate_name,
            command: super::BIN_NAME.to_owned(),
            examples_dir: None,
            jobs: None,
        })
    }

    /// The generator's configuration for this target.
    pub fn config(&self) -> crate::Config {
        crate::Config {
            spec_path: self.spec_path.clone(),
            spec_display: self.spec_display.clone(),
            crate_name: self.crate_name.clone(),
            crate_version: super::CRATE_VERSION.to_owned(),
            env_prefix: self.env_prefix.clone(),
            command: self.command.clone(),
            examples_dir: self.examples_dir.clone(),
            jobs: self.jobs,
        }
    }
}

/// A crate name made of `dir` (lowercase letters, digits, `-`; starting with a letter).
pub fn crate_name_from(dir: &str) -> String {
    let mut name = String::new();
    for c in dir.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.to_owned()
    } else {
        format!("api-{name}").trim_end_matches('-').to_owned()
    }
}

/// Cargo's rules for a package name, plus: no name Rust reserves for itself.
pub fn validate_crate_name(name: &str) -> Result<(), String> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64
        && !matches!(
            name,
            "std" | "core" | "alloc" | "test" | "proc_macro" | "self" | "crate"
        );
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid crate name `{name}`: use ASCII letters, digits, `-` and `_`, starting with a letter"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names() {
        assert_eq!(crate_name_from("Telnyx Full"), "telnyx-full");
        assert_eq!(crate_name_from("my_api.v2"), "my-api-v2");
        assert_eq!(crate_name_from("2024"), "api-2024");
        assert_eq!(crate_name_from("--"), "api");
        assert!(validate_crate_name("telnyx-orders").is_ok());
        assert!(validate_crate_name("a_b").is_ok());
        for bad in ["", "9a", "-a", "a b", "a/b", "std", "é"] {
            assert!(validate_crate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn targets_name_the_crate_after_the_directory_by_default() {
        let target =
            Target::new(Path::new("x/full.yml"), Path::new("/tmp/Telnyx Full"), None).unwrap();
        assert_eq!(target.spec_path, PathBuf::from("x/full.yml"));
        assert_eq!(target.spec_display, "x/full.yml");
        assert_eq!(target.out_dir, PathBuf::from("/tmp/Telnyx Full"));
        assert_eq!(target.out_display, "/tmp/Telnyx Full");
        assert_eq!(target.crate_name, "telnyx-full");
        assert_eq!(target.env_prefix, "TELNYX_FULL");
        assert_eq!(target.command, "openapi-client-gen");

        let named = Target::new(Path::new("a.json"), Path::new("o"), Some("my_api")).unwrap();
        assert_eq!(
            (named.crate_name.as_str(), named.env_prefix.as_str()),
            ("my_api", "MY_API")
        );
        let config = named.config();
        assert_eq!(
            (config.crate_name, config.crate_version, config.command),
            (
                "my_api".to_owned(),
                "0.1.0".to_owned(),
                "openapi-client-gen".to_owned()
            )
        );

        let bad = Target::new(Path::new("a.json"), Path::new("o"), Some("9lives"));
        assert!(bad.unwrap_err().contains("invalid crate name `9lives`"));
        let unnamed = Target::new(Path::new("a.json"), Path::new("/"), None);
        assert!(unnamed.unwrap_err().contains("pass --crate-name"));
    }
}
