//! The procurement description (`socialclause/procurement@1`): what every later stage reads.
//!
//! Only `title`, `jurisdiction`, `type` and `value` are required. Every other field is an
//! `Option`, because an absent fact must stay *unknown* to the assessment, never be guessed.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cpv::Cpv;
use super::date::Date;
use super::money::Money;
use super::yaml::Text;

/// The schema tag a procurement file may carry in `schema:`.
pub const PROCUREMENT_SCHEMA: &str = "socialclause/procurement@1";

/// One procurement: a contract (possibly in lots) that a public buyer plans to award.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "socialclause/procurement@1")]
pub struct Procurement {
    /// Optional: `socialclause/procurement@1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Text>,
    /// The buyer's reference, such as a case number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    pub title: Text,
    /// Which legal regime applies.
    pub jurisdiction: Jurisdiction,
    /// Output language; Swedish for `se`, otherwise English, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The date whose rules apply (thresholds change on 1 January of even years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// What is bought: works, services or supplies. Required in YAML; a published notice may
    /// lack it.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ContractType>,
    /// CPV codes, main code first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpv: Option<Vec<Cpv>>,
    /// Estimated total value over the whole contract, excluding VAT unless `vat: included`.
    /// Required in YAML; a published notice may lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    /// The share of the value that pays for labour (wages and on-costs), in percent, as the
    /// buyer estimates it: 70 for cleaning or care, 30 for a building. Employment and training
    /// targets are scaled down where it is below the share their ratio assumes, never up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labour_share: Option<f64>,
    /// A framework agreement: targets are then set per call-off contract, as a rate, because
    /// the framework's value is an estimate that no one call-off is bound by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Procedure>,
    /// The lots, if the contract is divided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lots: Option<Vec<Lot>>,
    /// Free text; matched against clause keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The target groups the buyer wants the contract to reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priorities: Option<Vec<Priority>>,
    /// Days between the notice and the tender deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_period_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<Qualification>,
    /// Award weights in percent, summing to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award: Option<Award>,
    /// What the buyer already plans for social value and small suppliers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social: Option<SocialPlans>,
    /// Award criteria as a notice publishes them (weights may be words, or not sum to 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_criteria: Option<Vec<PublishedCriterion>>,
    /// Whether the notice calls the contract suitable for SMEs and for voluntary, community and
    /// social enterprises (Contracts Finder's `suitability`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suitability: Option<Suitability>,
    /// How the annex is labelled in the tender documents: `{ label: "Bilaga 4", reference:
    /// "KS-2026/0142" }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex: Option<AnnexLabels>,
    /// The buyer's choice of clauses for the annex: added, left out, targets set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clauses: Option<ClauseChoice>,
    /// Where the procurement was read from, when it is a published notice.
    /// (Output only: the input schema leaves it out, as the reader never takes it.)
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// Facts the description leaves open that were read from the text of its notice or of
    /// the tender documents given, each with the words and the place they were read from.
    /// (Output only, like `notice`.)
    #[serde(skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<ReadFact>,
}

/// One award criterion, as published.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedCriterion {
    /// `price`, `cost` or `quality` in OCDS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// The weight as written: "70", "70%", or words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suitability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sme: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcse: Option<bool>,
}

/// The published notice a procurement came from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Notice {
    pub ocid: String,
    /// The publisher, as the ocid prefix names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Why the jurisdiction is what it is.
    pub jurisdiction_from: JurisdictionFrom,
}

/// A fact read from the text of a notice or a tender document into a field of the
/// procurement that its description (or the notice's structured data) leaves empty.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReadFact {
    /// The field filled, as a path: `qualification.insurance`, `lots`.
    pub field: String,
    /// The words it was read from, with some of their sentence.
    pub excerpt: String,
    /// Where, in full: `tender.pdf, page 3, line 12`, `notice.json, tender.description:1:5`.
    pub location: String,
    /// In a notice: the field the words are in, and the line in it (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum JurisdictionFrom {
    /// The ocid prefix names a publisher whose notices follow this regime.
    OcidPrefix { prefix: String },
    /// A UK-wide publisher's notice, placed by the buyer's address (`region UKL14`).
    BuyerAddress { prefix: String, address: String },
    /// Given with `--jurisdiction`.
    Option,
}

impl Notice {
    /// Why the jurisdiction is what it is, in words.
    pub fn jurisdiction_from(&self, lang: Language) -> String {
        let m = crate::messages::Messages::embedded();
        let publisher = self.publisher.clone().unwrap_or_default();
        match &self.jurisdiction_from {
            JurisdictionFrom::Option => m.text("jurisdiction.from.option", lang),
            JurisdictionFrom::OcidPrefix { prefix } => m.render(
                "jurisdiction.from.ocid",
                lang,
                &serde_json::json!({ "prefix": prefix, "publisher": publisher }),
            ),
            JurisdictionFrom::BuyerAddress { prefix, address } => m.render(
                "jurisdiction.from.address",
                lang,
                &serde_json::json!({ "prefix": prefix, "publisher": publisher, "address": address }),
            ),
        }
    }
}

impl Procurement {
    /// The JSON Schema of the YAML file. `type` and `value` are optional in the Rust type,
    /// because a published notice may lack them, but required in a YAML description.
    pub fn json_schema() -> schemars::Schema {
        let mut schema = schemars::schema_for!(Procurement);
        if let Some(required) = schema
            .get_mut("required")
            .and_then(serde_json::Value::as_array_mut)
        {
            for key in ["type", "value"] {
                required.push(key.into());
            }
        }
        schema
    }

    /// Whether the buyer has said the winner may not sub-contract (`subcontracting_allowed:
    /// false`); unknown counts as allowed.
    pub fn subcontracting_refused(&self) -> bool {
        self.social.as_ref().and_then(|s| s.subcontracting_allowed) == Some(false)
    }

    /// Whether the procurement is known to be a framework agreement.
    pub fn is_framework(&self) -> bool {
        self.framework == Some(true)
    }

    /// The output language: as given, else the jurisdiction's.
    pub fn language(&self) -> Language {
        self.language.unwrap_or(match self.jurisdiction {
            Jurisdiction::Se => Language::Sv,
            _ => Language::En,
        })
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Jurisdiction {
    /// Sweden: LOU (2016:1145).
    Se,
    /// Scotland: Procurement Reform (Scotland) Act 2014 and PCSR 2015.
    Scotland,
    /// England: Procurement Act 2023, the Public Services (Social Value) Act 2012, PPN 002.
    England,
    /// Wales: Procurement Act 2023, and the Social Partnership and Public Procurement (Wales)
    /// Act 2023.
    Wales,
    /// Northern Ireland: Procurement Act 2023, and its own social value policy (PPN 01/21).
    NorthernIreland,
    /// Directive 2014/24/EU as the common base.
    Eu,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 6] = [
        Jurisdiction::Se,
        Jurisdiction::Scotland,
        Jurisdiction::England,
        Jurisdiction::Wales,
        Jurisdiction::NorthernIreland,
        Jurisdiction::Eu,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::Se => "se",
            Jurisdiction::Scotland => "scotland",
            Jurisdiction::England => "england",
            Jurisdiction::Wales => "wales",
            Jurisdiction::NorthernIreland => "northern-ireland",
            Jurisdiction::Eu => "eu",
        }
    }

    /// Whether procurement here is under the Procurement Act 2023 (England, Wales, Northern
    /// Ireland).
    pub fn procurement_act(self) -> bool {
        matches!(
            self,
            Jurisdiction::England | Jurisdiction::Wales | Jurisdiction::NorthernIreland
        )
    }
}

impl std::fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    Sv,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub name: Text,
    /// Selects the threshold: central government or every other contracting authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AuthorityKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
    /// `true` for a school (in England, Wales or Northern Ireland): the Procurement Act 2023
    /// implies no 30-day payment term into a contract a school awards (s.68).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub school: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorityKind {
    Central,
    SubCentral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContractType {
    Works,
    Services,
    Supplies,
}

/// The procedure. `simplified` and `selective` are the shapes of LOU's former förenklat
/// förfarande and urvalsförfarande, which since 1 February 2022 the law no longer names: only
/// below the thresholds, where the documents describe the procedure; `competitive-flexible` is
/// the Procurement Act 2023's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Procedure {
    Open,
    Restricted,
    Negotiated,
    CompetitiveDialogue,
    InnovationPartnership,
    CompetitiveFlexible,
    Simplified,
    Selective,
    DirectAward,
    MiniCompetition,
}

/// A target group a community-benefit or employment clause can be aimed at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    LongTermUnemployed,
    YoungPeople,
    DisabledPeople,
    NewlyArrived,
    CareExperienced,
    ExOffenders,
    PeopleInRecovery,
    DeprivedAreas,
    OlderWorkers,
    LoneParents,
}

impl Priority {
    pub const ALL: [Priority; 10] = [
        Priority::LongTermUnemployed,
        Priority::YoungPeople,
        Priority::DisabledPeople,
        Priority::NewlyArrived,
        Priority::CareExperienced,
        Priority::ExOffenders,
        Priority::PeopleInRecovery,
        Priority::DeprivedAreas,
        Priority::OlderWorkers,
        Priority::LoneParents,
    ];
}

/// One lot. Absent fields are those of the whole procurement.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpv: Option<Vec<Cpv>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u32>,
    /// Whether this lot (only) is reserved; `social.reserved` reserves the whole contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved: Option<bool>,
}

/// The annex's place in the tender documents, for its title and running header.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnexLabels {
    /// "Bilaga 4", "Annex C"; "Bilaga" or "Annex" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// The reference the annex carries; the procurement's `id` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
}

/// The buyer's decisions on which clauses the annex carries. Without it, the annex holds the
/// recommended clauses that fit the buyer's stated plans.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseChoice {
    /// Clause ids to put in the annex although the assessment left them optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<Text>,
    /// Clause ids never to put in the annex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Text>,
    /// Targets set by the buyer instead of the computed ones: clause id, then parameter name
    /// and value (`se-employment-requirement: { months: 12 }`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<Text, BTreeMap<Text, f64>>,
}

impl ClauseChoice {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty() && self.params.is_empty()
    }
}

/// What bidders must show to qualify.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Minimum yearly turnover demanded of a bidder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_turnover: Option<Money>,
    /// Minimum number of years a bidder must have traded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years_trading: Option<u32>,
    /// Insurance cover demanded of bidders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Vec<Insurance>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Insurance {
    pub kind: InsuranceKind,
    pub cover: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InsuranceKind {
    EmployersLiability,
    PublicLiability,
    ProfessionalIndemnity,
    ProductLiability,
    Motor,
    Other,
}

/// Award weights in percent. Absent weights are 0; the weights sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    #[serde(default)]
    pub price: f64,
    #[serde(default)]
    pub quality: f64,
    #[serde(default)]
    pub social: f64,
}

/// What the buyer already plans. Each absent field is unknown.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialPlans {
    /// Whether suppliers, social enterprises among them, are met before the tender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_engagement: Option<bool>,
    /// Whether the whole contract is reserved (a single lot is reserved with `lots[].reserved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved: Option<bool>,
    /// Whether the winner may subcontract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcontracting_allowed: Option<bool>,
    /// Days within which the buyer pays an invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_days: Option<u32>,
}
