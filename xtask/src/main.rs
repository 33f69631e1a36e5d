//! Project automation, in the style of rust-analyzer's `xtask`.
//!
//! ```text
//! cargo xtask codegen [--check]   regenerate `generated/` from the spec (or check it is fresh)
//! cargo xtask test                run every test suite of the project
//! ```

mod codegen;
mod test_suite;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask test";

enum Command {
    Codegen { check: bool },
    Test,
    Help,
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    match args {
        [cmd] if cmd == "codegen" => Ok(Command::Codegen { check: false }),
        [cmd, flag] if cmd == "codegen" && flag == "--check" => {
            Ok(Command::Codegen { check: true })
        }
        [cmd] if cmd == "test" => Ok(Command::Test),
        [flag] if flag == "-h" || flag == "--help" || flag == "help" => Ok(Command::Help),
        [] => Err("missing subcommand".to_owned()),
        [cmd, ..] if cmd == "codegen" || cmd == "test" => Err(format!(
            "unexpected argument(s) for `{cmd}`: {}",
            args[1..].join(" ")
        )),
        [cmd, ..] => Err(format!("unknown subcommand `{cmd}`")),
    }
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
        Command::Codegen { check } => codegen::main(check),
        Command::Test => test_suite::main(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        parse_args(&args)
    }

    #[test]
    fn parses_known_commands() {
        assert!(matches!(
            parse(&["codegen"]),
            Ok(Command::Codegen { check: false })
        ));
        assert!(matches!(
            parse(&["codegen", "--check"]),
            Ok(Command::Codegen { check: true })
        ));
        assert!(matches!(parse(&["test"]), Ok(Command::Test)));
        assert!(matches!(parse(&["--help"]), Ok(Command::Help)));
    }

    #[test]
    fn rejects_unknown_commands_and_flags() {
        assert!(parse(&[]).is_err());
        assert!(parse(&["build"]).is_err());
        assert!(parse(&["codegen", "--force"]).is_err());
        assert!(parse(&["codegen", "--check", "--check"]).is_err());
        assert!(parse(&["test", "--release"]).is_err());
        assert!(parse(&["--check", "codegen"]).is_err());
    }
}
