//! The `socialclause` binary: parse the command line, run it, print any error once, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = socialclause::cli::Cli::parse();
    match socialclause::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                if !error.to_string().contains(&cause.to_string()) {
                    eprintln!("  caused by: {cause}");
                }
                source = cause.source();
            }
            ExitCode::from(error.exit_code())
        }
    }
}
