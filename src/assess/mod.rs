//! Assessment: pure functions from a procurement, the clause library and the law to the one
//! result every output renders. No I/O, no formatting beyond the wording of reasons.

pub mod checklist;
pub mod duties;
pub mod recommend;
pub mod select;
pub mod targets;

use serde::Serialize;

use crate::input::{Date, Language, Procurement};
use crate::law::Law;
use crate::library::Library;

pub use checklist::{CheckItem, CheckStatus, Phase};
pub use duties::{Applies, Duty};
pub use recommend::{LotRecommendation, Recommendation, Status};
pub use select::{Flags, LeftOut, Objection, Origin, Rule, Selected, Why};
pub use targets::{CallOff, ParamValue};

/// Shared setup for the assessment's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::input::{Procurement, Source, load_source};

    /// The one procurement a YAML text describes.
    pub fn procurement(yaml: &str) -> Procurement {
        load_source(&Source::from_text("t.yaml", yaml))
            .unwrap_or_else(|e| panic!("{e}"))
            .remove(0)
            .procurement
    }
}

/// Where the assessment date came from, in the order DESIGN.md gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Option,
    Procurement,
    Epoch,
    Today,
}

impl DateSource {
    pub fn message_key(self) -> &'static str {
        match self {
            DateSource::Option => "date.source.option",
            DateSource::Procurement => "date.source.procurement",
            DateSource::Epoch => "date.source.epoch",
            DateSource::Today => "date.source.today",
        }
    }
}

/// The assessment date: `--date`, else the procurement's `date`, else `SOURCE_DATE_EPOCH`,
/// else today. The caller reads the environment and the clock; this only chooses.
pub fn assessment_date(
    option: Option<Date>,
    procurement: Option<Date>,
    epoch: Option<Date>,
    today: Date,
) -> (Date, DateSource) {
    option
        .map(|d| (d, DateSource::Option))
        .or(procurement.map(|d| (d, DateSource::Procurement)))
        .or(epoch.map(|d| (d, DateSource::Epoch)))
        .unwrap_or((today, DateSource::Today))
}

/// Everything known about one procurement.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    pub procurement: Procurement,
    pub date: Date,
    pub date_source: DateSource,
    pub language: Language,
    /// The version of the clause library (the program's version: the library is built in).
    pub library_version: String,
    pub duties: Vec<Duty>,
    pub recommendations: Vec<Recommendation>,
    pub checklist: Vec<CheckItem>,
    /// The clauses the annex carries, in annex order: the buyer's decisions applied.
    pub selection: Vec<Selected>,
    /// Recommended clauses the annex does not carry, each with the rule that left it out.
    pub left_out: Vec<LeftOut>,
    /// Whether anything above rests on a fact our sources do not confirm.
    pub unverified: bool,
    /// Whether the contract is one of social and other specific services (bilaga 2, Annex XIV,
    /// light touch, PCSR Schedule 3); absent when that is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub light_regime: Option<bool>,
}

/// The condition a legal basis may name in `when`/`unless` besides a duty id: the contract is
/// one of social and other specific services, bought under a regime of their own.
pub const LIGHT_REGIME: &str = "light-regime";

impl Assessment {
    /// Whether the duty `id` applies: `Some(true)`, `Some(false)`, or `None` when unknown or
    /// not a duty of this jurisdiction.
    pub fn duty_applies(&self, id: &str) -> Option<bool> {
        match self.duties.iter().find(|d| d.id == id)?.applies {
            Applies::Yes => Some(true),
            Applies::No => Some(false),
            Applies::Unknown => None,
        }
    }

    /// Whether a condition of a legal basis holds: a duty's application, or
    /// [`LIGHT_REGIME`].
    pub fn condition(&self, id: &str) -> Option<bool> {
        if id == LIGHT_REGIME {
            self.light_regime
        } else {
            self.duty_applies(id)
        }
    }

    /// The legal bases of `clause` that hold for this procurement.
    pub fn basis_of<'c>(
        &self,
        clause: &'c crate::library::Clause,
    ) -> Vec<&'c crate::library::clause::LegalBasis> {
        clause.basis_for(self.procurement.jurisdiction, |d| self.condition(d))
    }

    /// The duties to have regard to that `clause` serves here (see [`Clause::regard_for`]).
    ///
    /// [`Clause::regard_for`]: crate::library::Clause::regard_for
    pub fn regard_of<'c>(
        &self,
        clause: &'c crate::library::Clause,
    ) -> Vec<&'c crate::library::clause::LegalBasis> {
        clause.regard_for(self.procurement.jurisdiction, |d| self.condition(d))
    }
}

/// A Swedish procedure the law does not allow here: a direct award above the direktupphandling
/// limit, or the pre-2022 names of a below-threshold procedure used above the thresholds,
/// where only the procedures of LOU 6 kap. are open.
fn swedish_procedure(cx: &duties::Context, duties: &[Duty]) -> Option<Objection> {
    use crate::input::Procedure;
    let procurement = cx.procurement;
    let applies = |id: &str| duties.iter().find(|d| d.id == id);
    let at = Origin::Field(vec![crate::input::yaml::Step::Key("procedure")]);
    let advertise = || select::error("procedure.advertise", serde_json::json!({}));
    match procurement.procedure? {
        Procedure::DirectAward => {
            let duty = applies("se-direct-award").filter(|d| d.applies == Applies::No)?;
            Some(Objection {
                origin: at,
                message: select::error(
                    "procedure.direct-award-refused",
                    serde_json::json!({ "reason": duty.reason }),
                ),
                help: Some(advertise()),
            })
        }
        Procedure::Simplified | Procedure::Selective => {
            // Bilaga 2 services are bought under 19 kap. at any value, in a procedure the
            // buyer designs: the names are then only a description.
            let above = applies("above-threshold").filter(|d| {
                procurement.jurisdiction == crate::input::Jurisdiction::Se
                    && d.applies == Applies::Yes
                    && duties::light_regime(cx) != Some(true)
            })?;
            Some(Objection {
                origin: at,
                message: select::error(
                    "procedure.simplified-refused",
                    serde_json::json!({ "reason": above.reason }),
                ),
                help: Some(advertise()),
            })
        }
        _ => None,
    }
}

/// Assesses one procurement on `date`, with wording in `lang`, and applies the buyer's choice
/// of clauses (the procurement's `clauses:` and `flags`). A choice that cannot be carried out
/// gives the objections instead.
pub fn assess(
    procurement: &Procurement,
    library: &Library,
    law: &Law,
    date: (Date, DateSource),
    lang: Language,
    flags: &Flags,
) -> Result<Assessment, Vec<Objection>> {
    let cx = duties::Context {
        procurement,
        law,
        date: date.0,
        lang,
    };
    let duties = duties::evaluate(&cx);
    if let Some(objection) = swedish_procedure(&cx, &duties) {
        return Err(vec![objection]);
    }
    let recommendations = recommend::recommend(&cx, library, &duties);
    let selection = select::select(&cx, library, &recommendations, flags)?;
    let checklist = checklist::checklist(&cx, &duties, &recommendations, &selection.selected);
    Ok(Assessment {
        procurement: procurement.clone(),
        date: date.0,
        date_source: date.1,
        language: lang,
        library_version: env!("CARGO_PKG_VERSION").to_string(),
        unverified: duties.iter().any(|d| !d.verified),
        duties,
        recommendations,
        checklist,
        selection: selection.selected,
        left_out: selection.left_out,
        light_regime: duties::light_regime(&cx),
    })
}
