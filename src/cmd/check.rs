//! `socialclause check`: scans tender documents and notices for the library's clauses and for
//! barriers, with gaps against a procurement when one is given.

use crate::cli::{AssessArgs, CheckArgs, CheckFormat, FailOn};
use crate::compose;
use crate::error::{Error, Result};
use crate::library::{Library, LibraryOptions};
use crate::output::Stdout;
use crate::render::{check_text, html, markdown};
use crate::said::say;
use crate::scan::barriers::Severity;
use crate::scan::{self, CheckContext, ExtractOptions, Report, Scanner};
use crate::text::Presence;

use super::Outcome;
use super::assess::{Assessor, load_input};

pub fn run(args: &CheckArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let extract_options = ExtractOptions {
        jurisdiction: args.jurisdiction,
        ..ExtractOptions::default()
    };
    // Read every document before anything is written. One that cannot be read is named on
    // standard error and in the report, and the others are checked; if none can be read,
    // that is the error.
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for path in &args.documents {
        match scan::extract(path, &extract_options) {
            Ok(d) => documents.push(d),
            Err(e) => errors.push((path, e)),
        }
    }
    if documents.is_empty() {
        return Err(Error::many(errors.into_iter().map(|(_, e)| e).collect()));
    }

    let (library, assessment) = match &args.procurement {
        Some(path) => {
            let assess_args = AssessArgs {
                input: path.clone(),
                lang: args.lang,
                date: args.date,
                jurisdiction: args.jurisdiction,
            };
            let mut loaded = load_input(&assess_args)?;
            if loaded.len() != 1 {
                return Err(Error::usage_with_help(
                    say(
                        "check.procurement-several",
                        &[
                            ("path", &path.display().to_string()),
                            ("count", &loaded.len().to_string()),
                        ],
                    ),
                    say("check.procurement-several.help", &[]),
                ));
            }
            let assessor = Assessor::new(&assess_args, options)?;
            let assessment = assessor.assess(&loaded.remove(0))?;
            (assessor.library, Some(assessment))
        }
        None => (Library::load(options)?, None),
    };
    let scanner = scanner(&library)?;
    let language = args.lang.unwrap_or_else(|| {
        let jurisdiction = args
            .jurisdiction
            .or(assessment.as_ref().map(|a| a.procurement.jurisdiction));
        scan::check::report_language(assessment.as_ref(), jurisdiction, &documents)
    });
    let cx = CheckContext {
        scanner: &scanner,
        language,
        jurisdiction: args.jurisdiction,
        assessment: assessment.as_ref(),
    };
    let mut report = scan::check(&cx, &documents);
    let message_language = crate::said::reader_language(args.lang, None);
    for (path, error) in &errors {
        eprintln!("{}", error.line(message_language));
        report.errors.push(scan::check::Unreadable {
            path: path.display().to_string(),
            message: error.render(message_language),
        });
    }
    let text = match args.format {
        CheckFormat::Text => check_text::report(&report),
        CheckFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&report).expect("a check report serialises to JSON");
            json.push('\n');
            json
        }
        CheckFormat::Md => markdown::render(&compose::check::document(&report)),
        CheckFormat::Html => html::render(&compose::check::document(&report)),
    };
    out.write_str(&text)?;
    Ok(if !report.errors.is_empty() {
        Outcome::Incomplete
    } else if fails(&report, &args.fail_on) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Whether a document has a barrier of `level` or worse.
fn barrier_at_least(report: &Report, level: Severity) -> bool {
    report
        .documents
        .iter()
        .flat_map(|d| &d.findings)
        .any(|f| f.severity <= level)
}

/// Whether the report holds what `--fail-on` names.
fn fails(report: &Report, fail_on: &[FailOn]) -> bool {
    let clauses = || report.documents.iter().flat_map(|d| d.clauses.iter());
    fail_on.iter().any(|f| match f {
        FailOn::Missing => match &report.procurement {
            Some(_) => report
                .gaps
                .iter()
                .any(|g| g.status == Some(Presence::Absent) || g.status.is_none()),
            None => !clauses().any(|c| c.status == Presence::Present),
        },
        FailOn::Declined => clauses().any(|c| c.status == Presence::Declined),
        FailOn::Barrier => barrier_at_least(report, Severity::Low),
        FailOn::BarrierMedium => barrier_at_least(report, Severity::Medium),
        FailOn::BarrierHigh => barrier_at_least(report, Severity::High),
    })
}

/// The scanner of the library's clauses, or an error naming every pattern that does not
/// compile.
pub(crate) fn scanner(library: &Library) -> Result<Scanner<'_>> {
    Scanner::new(library.clauses()).map_err(|errors| {
        Error::usage_with_help(
            errors
                .iter()
                .map(|e| {
                    format!(
                        "clause {}: pattern {} does not compile: {}",
                        e.clause,
                        e.error.index + 1,
                        e.error.message
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            "run `socialclause clauses lint` to see every problem of the library",
        )
    })
}
