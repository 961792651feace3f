//! Every command-line definition (clap derive). Commands live in `crate::cmd`, one module each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::input::{Date, Jurisdiction, Language};

#[derive(Debug, Parser)]
#[command(
    name = "socialclause",
    version,
    about = "Social and community-benefit clauses for public procurement",
    long_about = "Social and community-benefit clauses for public procurement in Sweden, \
                  Scotland, England and the EU: a clause library with legal citations, \
                  starter procurement descriptions, and checks on both.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub library: LibraryArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The language asked for with `--lang`, which messages follow as well as documents.
    pub fn lang(&self) -> Option<Language> {
        match &self.command {
            Command::Annex(a) | Command::Checklist(a) => a.assess.lang,
            Command::Match(m) => m.assess.lang,
            Command::Batch(b) => b.lang,
            Command::Briefing(b) => b.lang,
            Command::Check(c) => c.lang,
            Command::Validate(v) => v.lang,
            _ => None,
        }
    }
}

/// Where clauses come from (for every command).
#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// Add clauses from DIR; a clause with an existing id replaces it (repeatable).
    #[arg(long = "clauses", value_name = "DIR", global = true)]
    pub clauses: Vec<PathBuf>,

    /// Start from an empty library instead of the built-in clauses.
    #[arg(long, global = true)]
    pub no_default_clauses: bool,

    /// Replace single template files (page.hbs, style.css, annex/strings.yaml,
    /// checklist/strings.yaml) with those in DIR.
    #[arg(long, value_name = "DIR", global = true)]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show or check the clause library.
    Clauses {
        #[command(subcommand)]
        action: ClausesCommand,
    },
    /// Write a commented starter procurement description.
    Init(InitArgs),
    /// The tender annex for bidders: the clauses the buyer's decisions select, with targets
    /// filled in (HTML, PDF, Word, Markdown, JSON).
    Annex(DocumentArgs),
    /// The buyer's checklist of what helps or blocks WISEs, with drafting notes for the annex
    /// (HTML, PDF, Word, Markdown, JSON).
    Checklist(DocumentArgs),
    /// Legal duties, clause recommendations and the WISE checklist for a procurement, with reasons.
    Match(MatchArgs),
    /// Annexes and checklists for many procurements at once, in parallel, with a summary.
    Batch(BatchArgs),
    /// One briefing over many procurements, for advocates: duties, benefits in total,
    /// openings for WISEs, common barriers (HTML, PDF, Word, Markdown, JSON).
    Briefing(BriefingArgs),
    /// Check tender documents or notices: which social clauses they carry, decline or lack,
    /// and the barriers they raise for small suppliers and WISEs.
    Check(CheckArgs),
    /// Check that procurement descriptions load, and say what they hold.
    Validate(ValidateArgs),
    /// Print the JSON Schema of an input format (for editors) or of a JSON output (for scripts).
    Schema(SchemaArgs),
    /// Serve the HTTP API on this machine: assessments, annexes, checklists and checks for
    /// other systems.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. The server has no login: anything but this machine's own
    /// (loopback) address makes it reachable by others, and a warning says so.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// The port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// The largest request body accepted, in bytes; larger ones are refused with 413.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body: usize,

    /// Open the page in the default web browser once the server listens.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClausesCommand {
    /// One line per clause.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Language of the titles.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
    },
    /// One clause in full.
    Show {
        /// The clause id, as `clauses list` shows it.
        id: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Yaml)]
        format: ShowFormat,
    },
    /// Every detection pattern (present, then declined), one per line, as written: for
    /// grep and other tools. `check` matches them case-insensitively over normalised text.
    Patterns,
    /// Check every clause: schema, unique ids, templates, patterns, examples, both languages.
    Lint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Which legal regime the starter file is for.
    #[arg(long, value_enum, default_value_t = Jurisdiction::Se)]
    pub jurisdiction: Jurisdiction,

    /// Write to FILE instead of standard output (`-`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// What an assessment reads: the input, and how to read and word it.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// A procurement description (YAML) or a published notice (OCDS JSON); `-` reads
    /// standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,

    /// Language of the wording; the procurement's `language` when absent.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    /// The date whose rules apply (YYYY-MM-DD); before the procurement's `date`,
    /// SOURCE_DATE_EPOCH and today.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,

    /// The jurisdiction of a published notice (OCDS) whose ocid does not tell it.
    #[arg(long, value_enum)]
    pub jurisdiction: Option<Jurisdiction>,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub assess: AssessArgs,

    /// `text`: a summary, then the details. `json`: the assessment as one object, or an array
    /// of them (one per procurement) when the file holds several.
    #[arg(long, value_enum, default_value_t = MatchFormat::Text)]
    pub format: MatchFormat,

    /// Print only the summary (text format): duties, what the annex holds, the checklist's
    /// barriers.
    #[arg(long, conflicts_with = "format")]
    pub brief: bool,
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    #[command(flatten)]
    pub assess: AssessArgs,

    /// Where to write: a directory (one file per format), a file (one format), or `-` for
    /// standard output (one format). Standard output when absent and one format is asked for.
    #[arg(short, long, value_name = "DIR|FILE|-")]
    pub output: Option<PathBuf>,

    /// Formats to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html")]
    pub format: Vec<DocumentFormat>,

    /// Checklist: add each annex clause's rationale to the drafting notes. (The annex is the
    /// bidders' text and never carries guidance for the buyer.)
    #[arg(long)]
    pub with_guidance: bool,

    /// Checklist: a tender document (txt, md, html, docx, pdf, OCDS json) whose text fills
    /// what the procurement leaves open, such as insurance cover or years of trading
    /// (repeatable). What the procurement says always wins; the checklist shows what it read,
    /// and where.
    #[arg(long = "document", value_name = "FILE")]
    pub documents: Vec<PathBuf>,

    /// Put the clause ID in the annex although the assessment left it optional (repeatable;
    /// like `clauses.include` in the procurement).
    #[arg(long, value_name = "ID")]
    pub include: Vec<String>,

    /// Keep the clause ID out of the annex (repeatable; like `clauses.exclude`).
    #[arg(long, value_name = "ID")]
    pub exclude: Vec<String>,

    /// Replace output files that exist.
    #[arg(long)]
    pub force: bool,

    /// Do not say on standard error which files were written.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The rules many procurements are assessed under (batch, briefing).
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The date whose rules apply (YYYY-MM-DD), for every procurement.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,

    /// The jurisdiction of published notices (OCDS) whose ocid does not tell it.
    #[arg(long, value_enum)]
    pub jurisdiction: Option<Jurisdiction>,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Procurement descriptions (YAML, one or many per file), published notices (OCDS JSON),
    /// or folders of them (walked for .yaml, .yml and .json).
    #[arg(required = true, value_name = "INPUT|DIR")]
    pub inputs: Vec<PathBuf>,

    /// The folder to write into: a folder per procurement, and summary.json and summary.csv.
    /// Files of an earlier run are replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Formats to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html")]
    pub format: Vec<DocumentFormat>,

    /// Documents to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "annex,checklist"
    )]
    pub what: Vec<BatchWhat>,

    /// How many procurements to work on at once; the number of cores when absent.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,

    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,

    /// Language of the documents; each procurement's `language` when absent.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Add each annex clause's rationale to the checklists' drafting notes.
    #[arg(long)]
    pub with_guidance: bool,
}

#[derive(Debug, Args)]
pub struct BriefingArgs {
    /// Procurement descriptions (YAML), published notices (OCDS JSON), or folders of them.
    #[arg(required = true, value_name = "INPUT|DIR")]
    pub inputs: Vec<PathBuf>,

    /// The file to write, or `-` for standard output.
    #[arg(short, long, value_name = "FILE|-")]
    pub output: PathBuf,

    /// The format; from the output file's ending when absent (else HTML).
    #[arg(long, value_enum)]
    pub format: Option<BriefingFormat>,

    /// Language; Swedish when every procurement is Swedish, else English, when absent.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Nothing on standard error: no progress on a terminal, no line on the file written.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefingFormat {
    Html,
    Pdf,
    Md,
    Json,
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchWhat {
    Annex,
    Checklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    Html,
    Pdf,
    Md,
    Json,
    /// Word, for a buyer who edits the document.
    Docx,
}

impl DocumentFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Html => "html",
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Md => "md",
            DocumentFormat::Json => "json",
            DocumentFormat::Docx => "docx",
        }
    }

    /// Bytes that are garbage on a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, DocumentFormat::Pdf | DocumentFormat::Docx)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tender documents (.txt, .md, .html, .docx, .pdf) or published notices (OCDS .json);
    /// `-` reads standard input.
    #[arg(required = true, value_name = "DOC")]
    pub documents: Vec<PathBuf>,

    /// The procurement the documents are for (YAML or OCDS): adds the gaps between the
    /// clauses it should carry and what the documents carry, and judges turnover and tender
    /// period by its value and dates.
    #[arg(long, value_name = "INPUT")]
    pub procurement: Option<PathBuf>,

    /// Look only for this jurisdiction's clauses; otherwise a notice's ocid or the
    /// procurement tells it, or every clause is looked for.
    #[arg(long, value_enum)]
    pub jurisdiction: Option<Jurisdiction>,

    /// Language of the report; Swedish for Swedish procurements, else English, when absent.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    /// The date whose rules apply to the procurement (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,

    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Exit with 1 when the check finds any of these, comma-separated: `missing` (with
    /// --procurement a clause of its annex is absent, without it no social clause at all),
    /// `declined`, `barrier` (any), `barrier:medium` (medium or high), `barrier:high`.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub fail_on: Vec<FailOn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Missing,
    Declined,
    /// A barrier of any severity.
    Barrier,
    /// A barrier of medium or high severity.
    #[value(name = "barrier:medium")]
    BarrierMedium,
    /// A barrier of high severity.
    #[value(name = "barrier:high")]
    BarrierHigh,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.en)
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Procurement descriptions (YAML) or published notices (OCDS JSON); `-` reads standard
    /// input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// The jurisdiction of a published notice (OCDS) whose ocid does not tell it.
    #[arg(long, value_enum)]
    pub jurisdiction: Option<Jurisdiction>,

    /// Language of the messages; the file's `language`, then the locale, when absent.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Procurement,
    Clause,
    /// What `match --format json` prints for one procurement.
    Assessment,
    /// What `annex --format json` writes.
    Annex,
    /// What `checklist --format json` writes.
    Checklist,
    /// What `check --format json` prints.
    Check,
    /// The `summary.json` that `batch` writes: an array of rows.
    Batch,
    /// What `briefing --format json` writes.
    Briefing,
}

impl ValueEnum for Jurisdiction {
    fn value_variants<'a>() -> &'a [Self] {
        &Jurisdiction::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}

impl ValueEnum for Language {
    fn value_variants<'a>() -> &'a [Self] {
        &[Language::Sv, Language::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
