//! `socialclause match`: duties, recommendations and checklist for a procurement, as a
//! terminal report or as JSON.

use crate::assess::{self, Assessment, assessment_date};
use crate::cli::{AssessArgs, MatchArgs, MatchFormat};
use crate::error::{Error, Result};
use crate::input::{self, Date, Language, LoadOptions};
use crate::law::Law;
use crate::library::{Library, LibraryOptions};
use crate::output::Stdout;
use crate::render::terminal;

use super::Outcome;

pub fn run(args: &MatchArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let loaded = load_input(&args.assess)?;
    if args.format == MatchFormat::Json && loaded.len() > 1 {
        return Err(Error::usage_with_help(
            format!(
                "{} holds {} procurements; --format json takes one",
                args.assess.input.display(),
                loaded.len()
            ),
            "split the file, or use the text format to see them all",
        ));
    }
    let library = Library::load(options)?;
    let epoch = source_date_epoch()?;
    let mut text = String::new();
    for l in &loaded {
        let a = assess_one(
            &l.procurement,
            &library,
            args.assess.date,
            epoch,
            args.assess.lang,
        );
        match args.format {
            MatchFormat::Text => {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&terminal::report(&a));
            }
            MatchFormat::Json => {
                text = serde_json::to_string_pretty(&a).expect("an assessment serialises to JSON");
                text.push('\n');
            }
        }
    }
    out.write_str(&text)?;
    Ok(Outcome::Success)
}

/// Reads the procurements an assessing command names.
pub fn load_input(args: &AssessArgs) -> Result<Vec<input::Loaded>> {
    input::load(
        &args.input,
        &LoadOptions {
            jurisdiction: args.jurisdiction,
            ..LoadOptions::default()
        },
    )
}

/// Assesses with the date chosen as DESIGN.md orders it, reading the clock only as a last
/// resort.
pub fn assess_one(
    procurement: &input::Procurement,
    library: &Library,
    date: Option<Date>,
    epoch: Option<Date>,
    lang: Option<Language>,
) -> Assessment {
    let when = assessment_date(date, procurement.date, epoch, Date::today());
    let lang = lang.unwrap_or_else(|| procurement.language());
    assess::assess(procurement, library, Law::embedded(), when, lang)
}

/// `SOURCE_DATE_EPOCH` as a date, if set.
pub fn source_date_epoch() -> Result<Option<Date>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(text) => match text.trim().parse::<i64>() {
            Ok(secs) => Ok(Some(Date::from_unix_days(secs.div_euclid(86_400)))),
            Err(_) => Err(Error::usage_with_help(
                format!("SOURCE_DATE_EPOCH is `{text}`, not a number of seconds"),
                "unset it, or set it to seconds since 1970-01-01, such as 1764115200",
            )),
        },
    }
}
