//! One module per subcommand. Each resolves its arguments, calls the library, and writes its
//! result; none exits or prints the error that stops it (that is `main`'s job). What they do
//! print on standard error goes on beside a result: the files written, the progress, and the
//! documents `check` could not read while it reports the others.

pub(crate) mod assess;
mod batch;
mod briefing;
pub(crate) mod check;
mod clauses;
pub(crate) mod document;

pub use document::annex_bytes;
mod init;
pub mod schema;
mod validate;

use crate::cli::{Cli, Command, LibraryArgs};
use crate::error::Result;
use crate::library::LibraryOptions;
use crate::output::Stdout;

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 1: the command found problems it was asked to look for.
    Findings,
    /// Exit code 2: the command reported what it could, but some of its inputs could not be
    /// read (each named on standard error).
    Incomplete,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Findings => 1,
            Outcome::Incomplete => 2,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let mut out = Stdout::new();
    let options = library_options(&cli.library);
    if let Some(dir) = &cli.library.templates {
        crate::templates::install(dir)?;
    }
    match cli.command {
        Command::Clauses { action } => clauses::run(action, &options, &mut out),
        Command::Init(args) => init::run(&args, &mut out),
        Command::Annex(args) => document::run(document::Kind::Annex, &args, &options, &mut out),
        Command::Checklist(args) => {
            document::run(document::Kind::Checklist, &args, &options, &mut out)
        }
        Command::Match(args) => assess::run(&args, &options, &mut out),
        Command::Batch(args) => batch::run(&args, &options, &mut out),
        Command::Briefing(args) => briefing::run(&args, &options, &mut out),
        Command::Check(args) => check::run(&args, &options, &mut out),
        Command::Validate(args) => validate::run(&args, &options, &mut out),
        Command::Schema(args) => schema::run(&args, &mut out),
        Command::Serve(args) => crate::serve::run(&args, &options),
    }
}

fn library_options(args: &LibraryArgs) -> LibraryOptions {
    LibraryOptions {
        dirs: args.clauses.clone(),
        defaults: !args.no_default_clauses,
    }
}

/// A spinner counting procurements on standard error, when it is a terminal and the run is
/// not quiet (nothing when piped, so scripts and logs stay clean).
pub fn spinner(
    quiet: bool,
    lang: Option<crate::input::Language>,
) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        let lang = crate::said::reader_language(lang, None);
        let template = crate::said::say("progress.procurements", &[]);
        if let Ok(style) = indicatif::ProgressStyle::with_template(template.get(lang)) {
            bar.set_style(style);
        }
        bar
    })
}
