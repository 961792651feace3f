//! `socialclause match`: duties, recommendations and checklist for a procurement, as a
//! terminal report or as JSON.

use crate::assess::{self, Assessment, Flags, Objection, Origin, assessment_date};
use crate::cli::{AssessArgs, MatchArgs, MatchFormat};
use crate::error::{Error, Result};
use crate::input::{self, Date, Language, LoadOptions};
use crate::law::Law;
use crate::library::{Library, LibraryOptions};
use crate::output::Stdout;
use crate::render::terminal;
use crate::said::say;

use super::Outcome;

pub fn run(args: &MatchArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let loaded = load_input(&args.assess)?;
    let assessor = Assessor::new(&args.assess, options)?;
    let assessments = loaded
        .iter()
        .map(|l| assessor.assess(l))
        .collect::<Result<Vec<Assessment>>>()?;
    let text = match args.format {
        MatchFormat::Text => assessments
            .iter()
            .map(|a| {
                if args.brief {
                    terminal::brief(a)
                } else {
                    terminal::report(a)
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        // One procurement is one object; several are an array, one per procurement.
        MatchFormat::Json => {
            let json = match assessments.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                many => serde_json::to_string_pretty(many),
            };
            json.expect("an assessment serialises to JSON") + "\n"
        }
    };
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

/// What every assessing command sets up once: the library, and the date and language asked
/// for, with `SOURCE_DATE_EPOCH` read from the environment.
pub struct Assessor {
    pub library: Library,
    date: Option<Date>,
    epoch: Option<Date>,
    lang: Option<Language>,
    /// `--include` and `--exclude`, where the command has them.
    pub flags: Flags,
}

impl Assessor {
    pub fn new(args: &AssessArgs, options: &LibraryOptions) -> Result<Self> {
        Ok(Assessor {
            library: Library::load(options)?,
            date: args.date,
            epoch: source_date_epoch()?,
            lang: args.lang,
            flags: Flags::default(),
        })
    }

    /// Assesses with the date chosen as DESIGN.md orders it, reading the clock only as a last
    /// resort.
    ///
    /// A choice of clauses that cannot be carried out is an error about the procurement: every
    /// objection at once, each at its field's line and column, or naming its option.
    pub fn assess(&self, loaded: &input::Loaded) -> Result<Assessment> {
        self.assess_as(loaded, self.date, self.lang)
    }

    /// An assessing setup over `library` with nothing asked for: each request says its own
    /// date and language (the web server's).
    pub fn with_library(library: Library) -> Result<Self> {
        Ok(Assessor {
            library,
            date: None,
            epoch: source_date_epoch()?,
            lang: None,
            flags: Flags::default(),
        })
    }

    /// [`Assessor::assess`] on the date and in the language given for this one procurement.
    pub fn assess_as(
        &self,
        loaded: &input::Loaded,
        date: Option<Date>,
        lang: Option<Language>,
    ) -> Result<Assessment> {
        let procurement = &loaded.procurement;
        let when = assessment_date(date, procurement.date, self.epoch, Date::today());
        let lang = lang.unwrap_or_else(|| procurement.language());
        assess::assess(
            procurement,
            &self.library,
            Law::embedded(),
            when,
            lang,
            &self.flags,
        )
        .map_err(|objections| {
            Error::many(
                objections
                    .into_iter()
                    .map(|o| objection(loaded, o))
                    .collect(),
            )
        })
    }
}

/// An objection to the buyer's choice of clauses, as an error at its place.
pub(crate) fn objection(loaded: &input::Loaded, o: Objection) -> Error {
    match o.origin {
        Origin::Field(path) => {
            let mut d = loaded.diagnostic(&path, o.message);
            d.help = o.help.map(Box::new);
            d.into()
        }
        Origin::Flag(flag) => {
            let message = o.message.map(|m| format!("{flag}: {m}"));
            match o.help {
                Some(help) => Error::usage_with_help(message, help),
                None => Error::usage(message),
            }
            .about_language(loaded.procurement.language)
        }
    }
}

/// `SOURCE_DATE_EPOCH` as a date, if set.
fn source_date_epoch() -> Result<Option<Date>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(text) => match text.trim().parse::<i64>() {
            Ok(secs) => Ok(Some(Date::from_unix_days(secs.div_euclid(86_400)))),
            Err(_) => Err(Error::usage_with_help(
                say("input.source-date-epoch", &[("text", &text)]),
                say("input.source-date-epoch.help", &[]),
            )),
        },
    }
}
