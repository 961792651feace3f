//! The `socialclause` binary: parse the command line, run it, print any error once, in the
//! reader's language, and exit.

use std::process::ExitCode;

use clap::Parser;
use socialclause::said::reader_language;

/// mimalloc rather than the system allocator: the documents are built from many small
/// strings, and with several at once (`serve`, `batch`) glibc's allocator spent a quarter of
/// the time (benches/serve.py, perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = socialclause::cli::Cli::parse();
    let asked = cli.lang();
    match socialclause::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            let lang = reader_language(asked, error.file_language());
            // The rendering names the cause (an operating system's error gives its reason).
            eprintln!("{}", error.line(lang));
            ExitCode::from(error.exit_code())
        }
    }
}
