//! The clause (`socialclause/clause@1`): one requirement a buyer can put in a tender, with its
//! wording in Swedish and English, its legal basis, when it fits, how targets scale, how the
//! checker recognises it, and examples that test all of that.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::input::yaml::Text;
use crate::input::{
    AuthorityKind, ContractType, Jurisdiction, Language, Money, Priority, Procedure,
};

/// The schema tag a clause file may carry in `schema:`.
pub const CLAUSE_SCHEMA: &str = "socialclause/clause@1";

/// The variables, besides the clause's own `params`, that clause text may use. The
/// assessment fills every one of them (unknown facts render as a fill-in field);
/// `procurement.subcontracting` is true unless sub-contracting is not allowed, for
/// `{{#if procurement.subcontracting}}…{{/if}}` around what only applies with sub-contractors.
/// `procurement.framework` is true for a framework agreement, whose targets are rates per
/// call-off. `procurement.priorities` names the priority groups the buyer chose, and is empty where it
/// chose none, for `{{#if procurement.priorities}}`.
/// `{{#if annex.with.scot_real_living_wage}}`: whether the annex also carries that clause (its
/// id with `_` for `-`), so that one text can avoid counting what another already requires.
pub const ANNEX_WITH: &str = "annex.with.";

/// `{{#if duty.implied_payment_terms}}`: whether that duty (its id with `_` for `-`) applies to
/// the procurement, so that a text states what the law implies only where it does.
pub const DUTY: &str = "duty.";

pub const CONTEXT_VARIABLES: &[&str] = &[
    "procurement.id",
    "procurement.title",
    "procurement.authority.name",
    "procurement.authority.region",
    "procurement.duration_months",
    "procurement.value",
    "procurement.subcontracting",
    "procurement.above_threshold",
    "procurement.below_threshold",
    "procurement.priorities",
    "procurement.framework",
    "lot.title",
    "lot.plural",
    "award.weight",
];

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "socialclause/clause@1")]
pub struct Clause {
    /// Optional: `socialclause/clause@1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Unique, lower-case words joined by `-`, starting with the jurisdiction: `se-…`, `scot-…`.
    pub id: String,
    pub title: Localized,
    pub category: Category,
    pub instrument: Instrument,
    pub level: Level,
    /// Where the clause can be used.
    pub jurisdictions: Vec<Jurisdiction>,
    pub legal_basis: Vec<LegalBasis>,
    /// Hard conditions: all must hold for the clause to apply.
    #[serde(default, skip_serializing_if = "Applies::is_empty")]
    pub applies: Applies,
    /// What makes the clause relevant; each signal that fires is a stated reason.
    #[serde(default, skip_serializing_if = "Signals::is_empty")]
    pub signals: Signals,
    /// What the buyer must have decided for the annex to carry the clause (beyond the
    /// instrument's own rule: a reservation needs the buyer's reservation, an award criterion
    /// a weight in the award).
    #[serde(default, skip_serializing_if = "Needs::is_empty")]
    pub needs: Needs,
    /// How often the supplier reports the clause's indicators, as its verification text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
    /// Targets computed from the contract value, used in `text` as `{{name}}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Param>,
    /// The bidder-facing requirement (handlebars).
    pub text: Localized,
    /// Why a buyer would use it (buyer-facing, not in the annex).
    pub rationale: Localized,
    /// What evidence the supplier gives.
    pub verification: Localized,
    pub kpis: Vec<Kpi>,
    /// Patterns for `check`, over normalised text.
    pub detect: Detect,
    /// Example sentences, classified by the text matcher in `clauses lint` and the tests.
    pub examples: Examples,
    /// Clauses sharing a group are alternatives (variants of one requirement, or the EU base
    /// and a national version of it): only the best fitting one is recommended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whom the clause is recommended for; for anyone else it is only optional, and the buyer
    /// may still include it (PPN 002 binds central government; others may apply it).
    #[serde(default, skip_serializing_if = "RecommendedFor::is_empty")]
    pub recommended_for: RecommendedFor,
    /// For a reservation: the basis `social.reserved: true` (or a reserved lot) means when the
    /// buyer names no other in `clauses.include`; one per jurisdiction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default_reservation: bool,
    /// For a reservation: the suppliers it admits employ the target groups themselves (a WISE,
    /// a supported business), so clauses with `needs.unreserved` stay off what it reserves.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub employs_target_groups: bool,
    /// Anything unverified, or a default that is not a legal figure: in English, or in both
    /// languages (`{ sv: …, en: … }`), which a clause usable in Sweden must give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Notes>,
    pub sources: Vec<Text>,
}

impl Clause {
    /// The citations that hold in `jurisdiction` given the duties that apply: its own, the
    /// directive's in Sweden above the threshold (below it, and in a direct award, Swedish law
    /// alone governs), and any Procurement Act 2023 regime's in the others; a basis with `when`
    /// only where that duty applies, one with `unless` only where it does not (an unknown duty
    /// keeps both). It may be none: a requirement that rests on the contract alone.
    pub fn basis_for(
        &self,
        jurisdiction: Jurisdiction,
        applies: impl Fn(&str) -> Option<bool>,
    ) -> Vec<&LegalBasis> {
        self.held(jurisdiction, applies, false)
    }

    /// The duties to have regard to that the clause serves where [`Clause::basis_for`] would
    /// cite: for the buyer, never in the annex.
    pub fn regard_for(
        &self,
        jurisdiction: Jurisdiction,
        applies: impl Fn(&str) -> Option<bool>,
    ) -> Vec<&LegalBasis> {
        self.held(jurisdiction, applies, true)
    }

    /// The provisions that hold here and are (or are not) duties to have regard to.
    fn held(
        &self,
        jurisdiction: Jurisdiction,
        applies: impl Fn(&str) -> Option<bool>,
        regard: bool,
    ) -> Vec<&LegalBasis> {
        let mut all = self.provisions_for(jurisdiction, applies);
        all.retain(|b| b.regard == regard);
        all
    }

    /// Every provision of `legal_basis` that holds here, the duties to have regard to included.
    fn provisions_for(
        &self,
        jurisdiction: Jurisdiction,
        applies: impl Fn(&str) -> Option<bool>,
    ) -> Vec<&LegalBasis> {
        // In Sweden the directive is cited only above the threshold, and only for a clause
        // without a basis in LOU: LOU, which carries the directive, binds the supplier.
        let own = self
            .legal_basis
            .iter()
            .any(|b| b.jurisdiction == jurisdiction);
        let directive = || !own && applies("above-threshold") != Some(false);
        self.legal_basis
            .iter()
            .filter(|b| {
                let here = b.jurisdiction == jurisdiction
                    || (jurisdiction == Jurisdiction::Se
                        && b.jurisdiction == Jurisdiction::Eu
                        && directive())
                    // An `england` basis is the Procurement Act 2023's, which holds in Wales
                    // and Northern Ireland too; a Welsh or Northern Irish one only at home.
                    || (jurisdiction.procurement_act() && b.jurisdiction == Jurisdiction::England);
                here && b.when.as_deref().is_none_or(|d| applies(d) != Some(false))
                    && b.unless.as_deref().is_none_or(|d| applies(d) != Some(true))
            })
            .collect()
    }

    pub fn title(&self, language: Language) -> &str {
        self.title.get(language)
    }
}

/// A text in both output languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub sv: Text,
    pub en: Text,
}

impl Localized {
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Sv => &self.sv,
            Language::En => &self.en,
        }
    }
}

/// A clause's notes for the buyer: in both languages, or in English alone.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Notes {
    Both(Localized),
    English(Text),
}

impl Notes {
    /// The notes in `language` where they are written in it, else `None`.
    pub fn written_in(&self, language: Language) -> Option<&str> {
        match (self, language) {
            (Notes::Both(both), _) => Some(both.get(language)),
            (Notes::English(en), Language::En) => Some(en),
            (Notes::English(_), Language::Sv) => None,
        }
    }

    /// The English notes.
    pub fn english(&self) -> &str {
        match self {
            Notes::Both(both) => &both.en,
            Notes::English(en) => en,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    TargetedRecruitment,
    Apprenticeships,
    WorkPlacements,
    Skills,
    EducationEngagement,
    SupplyChain,
    ThirdSector,
    ReservedContract,
    FairWork,
    LabourConditions,
    Community,
    EqualityAccessibility,
    Partnership,
    Monitoring,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Instrument {
    ContractCondition,
    AwardCriterion,
    Selection,
    Specification,
    Reservation,
    Process,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Basic,
    Advanced,
    Leading,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub jurisdiction: Jurisdiction,
    /// The exact citation: "LOU (2016:1145) 17 kap. 1 §".
    pub cite: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A duty id that must apply for the provision to hold (`above-threshold` for a
    /// regulation that binds only above the thresholds, `scotland-community-benefits` for s.25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// A duty id that must not apply (`above-threshold` for a power below the thresholds), or
    /// `light-regime` for a provision that does not reach social and other specific services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<String>,
    /// `true`: a duty the buyer must have regard to, which the clause serves (Procurement Act
    /// 2023 s.12(1), the 2014 Act's s.9), not a power the requirement rests on. The annex never
    /// gives it as a legal basis; the buyer's notes name it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub regard: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<ContractType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_duration_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<Money>,
    /// CPV prefixes: the clause applies only to codes starting with one of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpv: Option<Vec<String>>,
    /// The longest contract the clause allows (a reservation's own limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration_months: Option<u32>,
    /// The procedures the clause can be used in (a reservation that only one procedure
    /// allows); any procedure when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedures: Option<Vec<Procedure>>,
    /// Duty ids (`se-labour-law-conditions`, …) that must apply: a clause that carries out a
    /// duty has no place where the duty does not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<Vec<String>>,
    /// `true`: only for services that may be reserved: `data/cpv-social-services.yaml` (the
    /// art. 77 / LOU 19 kap. 25 § reservation), or the R services of PR 2024 Sch. 1 (s.33).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_services: Option<bool>,
}

impl Applies {
    pub fn is_empty(&self) -> bool {
        *self == Applies::default()
    }
}

/// Soft conditions: when one fails the clause is optional, not inapplicable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendedFor {
    /// The kinds of authority the clause is recommended for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authority: Vec<AuthorityKind>,
}

impl RecommendedFor {
    pub fn is_empty(&self) -> bool {
        self.authority.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    /// CPV prefixes that make the clause relevant ("45" construction, "90" cleaning and waste …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpv: Vec<String>,
    #[serde(default, skip_serializing_if = "Keywords::is_empty")]
    pub keywords: Keywords,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// Duty ids (`scotland-community-benefits`, …) whose applying makes the clause relevant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
}

impl Signals {
    pub fn is_empty(&self) -> bool {
        *self == Signals::default()
    }
}

/// Keywords found in a description, matched inside words ("park" in "parkskötsel").
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sv: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl Keywords {
    pub fn is_empty(&self) -> bool {
        self.sv.is_empty() && self.en.is_empty()
    }
}

/// A figure in a clause's text: a target scaled to the contract (`value ÷ per × each`,
/// rounded, then held within `min`..`max`), or a `fixed` amount the clause sets (a vite per
/// month) that the buyer may change within `min`..`max`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub each: Option<f64>,
    /// The labour share, in percent, of the contracts the `per` ratio was set for: where the
    /// procurement gives its own `labour_share`, the value is scaled by the ratio of the two
    /// before the target is computed, so that a cleaning contract (mostly labour) gets more
    /// jobs per pound than a building of the same value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labour: Option<f64>,
    /// A figure the clause sets whatever the contract's value (a share, a sum of money).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<f64>,
    /// `amount` for a figure that is not a target the supplier reaches (a vite per month): it
    /// is not listed among the targets; `target` (the default) otherwise.
    #[serde(default, skip_serializing_if = "ParamKind::is_target")]
    pub kind: ParamKind,
    #[serde(default)]
    pub round: Rounding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// What is counted, singular then plural: `{ sv: [månad, månader], en: [month, months] }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitName>,
    /// What the target is worth to people, summed across procurements in a briefing; only
    /// targets that are promised outcomes (not, say, the most an award criterion rewards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<Benefit>,
}

/// Whether a parameter is a target the supplier reaches, or another figure (an amount).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ParamKind {
    #[default]
    Target,
    Amount,
}

impl ParamKind {
    pub fn is_target(&self) -> bool {
        *self == ParamKind::Target
    }
}

/// A counted unit in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitName {
    pub sv: Forms,
    pub en: Forms,
}

impl UnitName {
    /// The word that goes with `count` in `language`: "1 plats", "2 platser".
    pub fn get(&self, language: Language, count: f64) -> &str {
        let forms = match language {
            Language::Sv => &self.sv,
            Language::En => &self.en,
        };
        forms.for_count(count)
    }
}

/// A noun's forms: `[plats, platser]`, singular then plural; one word alone is taken for
/// every count (`clauses lint` asks for both forms).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Forms {
    Both(Text, Text),
    Same(Text),
}

impl Forms {
    pub fn for_count(&self, count: f64) -> &str {
        match self {
            Forms::Both(one, _) if count == 1.0 => one,
            Forms::Both(_, many) | Forms::Same(many) => many,
        }
    }
}

/// Kinds of benefit a briefing adds up.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Benefit {
    /// Jobs and targeted recruitment opportunities.
    Positions,
    /// Months of employment (Swedish employment requirements).
    EmploymentMonths,
    /// Apprenticeships started.
    Apprenticeships,
    /// Weeks of work placement.
    PlacementWeeks,
    /// Months of full-time work placement.
    PlacementMonths,
    /// Training or work-training places.
    TrainingPlaces,
}

impl Benefit {
    pub const ALL: [Benefit; 6] = [
        Benefit::Positions,
        Benefit::EmploymentMonths,
        Benefit::Apprenticeships,
        Benefit::PlacementWeeks,
        Benefit::PlacementMonths,
        Benefit::TrainingPlaces,
    ];
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    #[default]
    Up,
    Down,
    Nearest,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: String,
    pub sv: String,
    pub en: String,
    /// What is counted: `people`, `months`, `weeks`, `GBP`, `percent` …
    pub unit: String,
    /// Who counts it: the supplier (reported under the contract, in the annex) or the buyer
    /// (its own follow-up, in the checklist's drafting notes).
    #[serde(default, skip_serializing_if = "Counter::is_supplier")]
    pub by: Counter,
    /// When it is reported, where that differs from the clause's `reporting`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
    /// `true`: counts sub-contracts, so it is reported only where sub-contracting is allowed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subcontracting: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Counter {
    #[default]
    Supplier,
    Buyer,
}

impl Counter {
    pub fn is_supplier(&self) -> bool {
        *self == Counter::Supplier
    }
}

/// When a supplier reports an indicator.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Reporting {
    /// With the tender (an offer evaluated at award).
    WithTender,
    Quarterly,
    HalfYearly,
    Yearly,
    /// Once, when the contract ends.
    AtEnd,
    /// Only when the buyer asks.
    OnRequest,
}

/// What the buyer must have decided for a clause to go into the annex.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// `true`: only when the winner may sub-contract (`social.subcontracting_allowed` is not
    /// `false`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subcontracting: bool,
    /// `true`: only beside another clause in the annex with a target to follow up (a vite or
    /// a reporting duty has nothing to attach to otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub targets: bool,
    /// `true`: not for a contract or lot reserved for suppliers that employ the target groups
    /// themselves (a reservation with `employs_target_groups`): hiring from the target groups,
    /// or sub-contracting to WISEs, is what such a supplier already is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unreserved: bool,
    /// For an award criterion: the weight it is scored under, whose figure the text gives as
    /// `{{award.weight}}`. Absent: the social weight, or the quality weight where the award has
    /// no social weight.
    pub award_weight: Option<AwardWeight>,
}

impl Needs {
    pub fn is_empty(&self) -> bool {
        *self == Needs::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AwardWeight {
    /// A criterion of its own under the award's social weight (`award.social`).
    Social,
    /// A question scored within the quality weight (`award.quality`).
    Quality,
}

impl AwardWeight {
    /// The weight a criterion with these needs is scored under: the one it needs, else the
    /// social weight where the award has one, else the quality weight.
    pub fn resolve(needs: Option<AwardWeight>, award: &crate::input::Award) -> AwardWeight {
        match needs {
            Some(w) => w,
            None if award.social > 0.0 => AwardWeight::Social,
            None => AwardWeight::Quality,
        }
    }

    /// That weight, in percent, if the award gives it one.
    pub fn of(needs: Option<AwardWeight>, award: &crate::input::Award) -> Option<f64> {
        let weight = match AwardWeight::resolve(needs, award) {
            AwardWeight::Social => award.social,
            AwardWeight::Quality => award.quality,
        };
        (weight > 0.0).then_some(weight)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// Any match means the tender carries the clause.
    #[serde(default)]
    pub present: Vec<String>,
    /// Any match means the tender says the clause is not required; it wins over `present`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub present: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<Text>,
    #[serde(default)]
    pub absent: Vec<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Library, LibraryOptions};

    #[test]
    fn a_clause_cites_only_what_holds_where_it_is_used() {
        let library = Library::load(&LibraryOptions::default()).unwrap();
        let clause = &library.get("eu-social-award-criterion").unwrap().clause;
        let jurisdictions = |j| -> Vec<Jurisdiction> {
            clause
                .basis_for(j, |_| None)
                .iter()
                .map(|b| b.jurisdiction)
                .collect()
        };
        // An EU annex never cites LOU; a Swedish one cites LOU, which carries the directive,
        // and not the directive beside it.
        assert!(
            jurisdictions(Jurisdiction::Eu)
                .iter()
                .all(|j| *j == Jurisdiction::Eu)
        );
        assert_eq!(
            jurisdictions(Jurisdiction::Se),
            [Jurisdiction::Se, Jurisdiction::Se]
        );
        // A clause with no basis in LOU cites the directive in Sweden (above the threshold).
        let dialogue = &library
            .get("eu-market-dialogue-social-economy")
            .unwrap()
            .clause;
        let cited: Vec<Jurisdiction> = dialogue
            .basis_for(Jurisdiction::Se, |_| None)
            .iter()
            .map(|b| b.jurisdiction)
            .collect();
        assert_eq!(cited, [Jurisdiction::Eu]);
    }
}

#[cfg(test)]
mod when_tests {
    use super::*;
    use crate::library::{Library, LibraryOptions};

    #[test]
    fn a_supported_business_reservation_cites_reg_21_above_the_threshold_and_s11_below() {
        let library = Library::load(&LibraryOptions::default()).unwrap();
        let clause = &library
            .get("scot-reserved-supported-businesses")
            .unwrap()
            .clause;
        let cites = |above: Option<bool>| -> Vec<String> {
            clause
                .basis_for(Jurisdiction::Scotland, |d| {
                    (d == "above-threshold").then_some(above).flatten()
                })
                .iter()
                .map(|b| b.cite.clone())
                .collect()
        };
        assert!(
            cites(Some(true)).iter().all(|c| c.contains("reg 21")),
            "{:?}",
            cites(Some(true))
        );
        assert!(
            cites(Some(false)).iter().all(|c| c.contains("s.11")),
            "{:?}",
            cites(Some(false))
        );
        assert_eq!(cites(None).len(), 2);
    }
}
