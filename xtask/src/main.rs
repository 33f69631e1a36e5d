//! Project automation, in the style of rust-analyzer's `xtask`.
//!
//! ```text
//! cargo xtask codegen [--check]   regenerate `generated/` from the spec (or check it is fresh)
//! cargo xtask codegen --spec PATH --out DIR [--crate-name NAME] [--check] [--verify]
//!                                 generate a client crate for any OpenAPI 3.0/3.1 document
//! cargo xtask curate [--check]    rebuild `spec/` from the upstream reference, the selection
//!                                 and the overlay (or check it is fresh)
//! cargo xtask test                run every test suite of the project
//! cargo xtask wire                run the wire corpus alone (the last step of `test`)
//! ```

mod codegen;
mod curate;
mod npm;
mod prism;
mod test_suite;
mod whole_api;
mod wire_corpus;

use std::process::ExitCode;

use generator::cli::{self, Target};

/// Code generation allocates and frees millions of small token and syntax-tree nodes;
/// mimalloc makes that about a fifth faster than the system allocator. `.cargo/config.toml` sets
/// `MIMALLOC_PURGE_DELAY=10` for `cargo xtask`: freed memory goes back to the system after
/// 10 ms, which keeps the peak memory low without faulting pages in again and again.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask codegen [--spec PATH --out DIR] [--crate-name NAME] [--check] [--verify] [--jobs N] | cargo xtask curate [--check] | cargo xtask test | cargo xtask wire";

/// The flags of `cargo xtask codegen`: those of the generator's command line
/// ([`generator::cli::parse_flags`]), all optional.
#[derive(Debug, Default, PartialEq, Eq)]
struct CodegenArgs(cli::Flags);

impl CodegenArgs {
    /// What to generate: the curated spec into `generated/` when no flag names another target.
    fn target(&self) -> Result<Target, String> {
        let flags = &self.0;
        let target = match &flags.out {
            None => codegen::curated(),
            Some(out) => codegen::custom(flags.spec.as_deref(), out, flags.crate_name.as_deref())?,
        };
        Ok(Target {
            jobs: flags.jobs,
            ..target
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Codegen(CodegenArgs),
    /// `curate`, and whether `--check` was given.
    Curate(bool),
    Test,
    /// The wire corpus alone.
    Wire,
    Help,
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    match args {
        [cmd, rest @ ..] if cmd == "codegen" => parse_codegen(rest).map(Command::Codegen),
        [cmd] if cmd == "test" => Ok(Command::Test),
        [cmd] if cmd == "wire" => Ok(Command::Wire),
        [cmd] if cmd == "curate" => Ok(Command::Curate(false)),
        [cmd, flag] if cmd == "curate" && flag == "--check" => Ok(Command::Curate(true)),
        [cmd, ..] if cmd == "curate" => Err(format!(
            "unexpected argument(s) for `{cmd}`: {} (only `--check`)",
            args[1..].join(" ")
        )),
        [flag] if flag == "-h" || flag == "--help" || flag == "help" => Ok(Command::Help),
        [] => Err("missing subcommand".to_owned()),
        [cmd, ..] if cmd == "test" || cmd == "wire" => Err(format!(
            "unexpected argument(s) for `{cmd}`: {}",
            args[1..].join(" ")
        )),
        [cmd, ..] => Err(format!("unknown subcommand `{cmd}`")),
    }
}

/// [`cli::parse_flags`], plus: `--spec` and `--crate-name` need `--out` (the curated client in
/// `generated/` is only ever generated from the curated spec).
fn parse_codegen(args: &[String]) -> Result<CodegenArgs, String> {
    let flags = cli::parse_flags(args)?;
    if flags.out.is_none() && (flags.spec.is_some() || flags.crate_name.is_some()) {
        return Err(
            "`--spec` and `--crate-name` need `--out DIR` (without flags, the curated spec is generated into generated/)"
                .to_owned(),
        );
    }
    Ok(CodegenArgs(flags))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Codegen(args) => match args.target() {
            Ok(target) => codegen::main(&target, args.0.check, args.0.verify),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Curate(check) => curate::main(check),
        Command::Test => test_suite::main(),
        Command::Wire => test_suite::wire_alone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn parse(args: &[&str]) -> Result<Command, String> {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        parse_args(&args)
    }

    fn codegen(args: &[&str]) -> CodegenArgs {
        match parse(args) {
            Ok(Command::Codegen(parsed)) => parsed,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn parses_known_commands() {
        assert_eq!(codegen(&["codegen"]), CodegenArgs::default());
        assert_eq!(
            codegen(&["codegen", "--check"]),
            CodegenArgs(cli::Flags {
                check: true,
                ..cli::Flags::default()
            })
        );
        assert_eq!(parse(&["test"]), Ok(Command::Test));
        assert_eq!(parse(&["wire"]), Ok(Command::Wire));
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
    }

    /// The flags are the generator's ([`cli::parse_flags`], tested there).
    #[test]
    fn parses_codegen_flags_like_the_generator() {
        assert_eq!(
            codegen(&[
                "codegen",
                "--check",
                "--crate-name=my-client",
                "--out",
                "out/client",
                "--jobs",
                "1",
                "--spec=api.json"
            ]),
            CodegenArgs(cli::Flags {
                spec: Some(PathBuf::from("api.json")),
                out: Some(PathBuf::from("out/client")),
                crate_name: Some("my-client".to_owned()),
                check: true,
                verify: false,
                jobs: std::num::NonZeroUsize::new(1),
            })
        );
        let out_only = codegen(&["codegen", "--out", "x"]);
        assert_eq!(out_only.0.out, Some(PathBuf::from("x")));
        assert_eq!(out_only.0.spec, None);
    }

    #[test]
    fn rejects_unknown_commands_and_flags() {
        for args in [
            &[][..],
            &["build"],
            &["codegen", "--force"],
            &["codegen", "--check", "--check"],
            &["test", "--release"],
            &["wire", "petstore"],
            &["--check", "codegen"],
            &["codegen", "--spec", "--out", "x"],
            &["codegen", "--spec", "a.yaml"],
            &["codegen", "--crate-name", "c"],
            &["codegen", "extra"],
        ] {
            assert!(parse(args).is_err(), "{args:?} was accepted");
        }
        assert_eq!(
            parse(&["codegen", "--spec", "a.yaml"]),
            Err("`--spec` and `--crate-name` need `--out DIR` (without flags, the curated spec is generated into generated/)".to_owned())
        );
        assert_eq!(
            parse(&["codegen", "--out"]),
            Err("`--out` needs a value".to_owned())
        );
    }

    #[test]
    fn targets_default_to_the_curated_spec_and_directory_name() {
        let curated = codegen(&["codegen"]).target().unwrap();
        assert_eq!(curated, codegen::curated());
        assert_eq!(curated.crate_name, "telnyx-orders");
        assert_eq!(curated.command, "cargo xtask codegen");

        let custom = codegen(&[
            "codegen",
            "--spec",
            "x/full.yml",
            "--out",
            "/tmp/Telnyx Full",
        ])
        .target()
        .unwrap();
        assert_eq!(custom.spec_path, PathBuf::from("x/full.yml"));
        assert_eq!(custom.spec_display, "x/full.yml");
        assert_eq!(custom.out_dir, Path::new("/tmp/Telnyx Full"));
        assert_eq!(custom.crate_name, "telnyx-full");
        assert_eq!(custom.env_prefix, "TELNYX_FULL");
        assert_eq!(custom.command, "cargo xtask codegen");

        let named = codegen(&["codegen", "--out", "o", "--crate-name", "my_api"])
            .target()
            .unwrap();
        assert_eq!(named.spec_display, codegen::SPEC);
        assert_eq!(
            (named.crate_name.as_str(), named.env_prefix.as_str()),
            ("my_api", "MY_API")
        );

        let bad = codegen(&["codegen", "--out", "o", "--crate-name", "9lives"]).target();
        assert!(bad.unwrap_err().contains("invalid crate name `9lives`"));
    }
}
