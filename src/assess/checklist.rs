//! The WISE checklist: what in the procurement helps or blocks work-integrating social
//! enterprises. Items, wording and the library's default figures are in `data/checklist.yaml`;
//! this module decides each item's status from the procurement and fills in the figures.
//!
//! An item whose input is absent is `unknown`: the checklist never guesses a fact.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::duties::{Applies, Context, Duty};
use super::recommend::Recommendation;
use super::select::Selected;
use crate::input::yaml;
use crate::input::{
    AuthorityKind, ContractType, Jurisdiction, Language, Money, Procedure, ReadFact, Source,
};
use crate::library::clause::AwardWeight;
use crate::library::{Category, Localized};
use crate::messages::{Messages, money, number};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Planning,
    Design,
    Qualification,
    Award,
    Contract,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    Pass,
    Warn,
    Fail,
    Unknown,
}

impl CheckStatus {
    fn key(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Warn => "warn",
            CheckStatus::Fail => "fail",
            CheckStatus::Unknown => "unknown",
        }
    }
}

/// One checklist item, decided.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckItem {
    pub id: String,
    pub phase: Phase,
    pub title: String,
    pub status: CheckStatus,
    pub reason: String,
    pub guidance: String,
    /// What the reason rests on when it was read from the notice's text, not its fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<ReadFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistData {
    settings: Settings,
    items: Vec<ItemData>,
}

/// This library's default figures (not legal ones), editable in the data file.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub tender_period_days_pass: u32,
    pub tender_period_days_warn: u32,
    pub years_trading_warn: u32,
    pub years_trading_fail: u32,
    pub turnover_multiple: f64,
    pub insurance_multiple_medium: f64,
    pub insurance_multiple_high: f64,
    pub payment_days: u32,
    /// Contract values under which `check` counts price alone, or no social clause, as a low
    /// barrier, per currency.
    pub small_contract_gbp: f64,
    pub small_contract_sek: f64,
    pub small_contract_eur: f64,
}

impl Settings {
    /// The small-contract figure in `currency`.
    pub fn small_contract(&self, currency: crate::input::Currency) -> f64 {
        use crate::input::Currency::{EUR, GBP, SEK};
        match currency {
            GBP => self.small_contract_gbp,
            SEK => self.small_contract_sek,
            EUR => self.small_contract_eur,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemData {
    id: String,
    phase: Phase,
    title: Localized,
    guidance: Localized,
    reasons: BTreeMap<String, Localized>,
    /// Wording that differs by jurisdiction, filled in as `{{local}}`.
    #[serde(default)]
    local: BTreeMap<Jurisdiction, Localized>,
}

fn data() -> &'static ChecklistData {
    static DATA: OnceLock<ChecklistData> = OnceLock::new();
    DATA.get_or_init(|| {
        let source = Source::from_text(
            "<embedded>/data/checklist.yaml",
            include_str!("../../data/checklist.yaml"),
        );
        yaml::parse_one(&source).unwrap_or_else(|e| panic!("the embedded checklist is broken: {e}"))
    })
}

/// Whom the checklist is about, in the jurisdiction's terms: work-integrating social
/// enterprises in Sweden and the EU; supported businesses, VCSEs and social enterprises in the
/// UK.
pub fn who(jurisdiction: Jurisdiction, lang: Language) -> String {
    let key = match jurisdiction {
        Jurisdiction::Se | Jurisdiction::Eu => "who.wise",
        // Scottish usage: the third sector, not VCSEs.
        Jurisdiction::Scotland => "who.scotland",
        _ => "who.uk",
    };
    Messages::embedded().text(key, lang)
}

/// The library's default figures (tender period, turnover multiple …), shared with the checker.
pub fn settings() -> Settings {
    data().settings
}

/// Every item of the checklist, in the data file's order.
pub fn checklist(
    cx: &Context,
    duties: &[Duty],
    recommendations: &[Recommendation],
    selection: &[Selected],
) -> Vec<CheckItem> {
    let data = data();
    data.items
        .iter()
        .map(|item| {
            let (status, extra) = decide(
                cx,
                &item.id,
                &data.settings,
                duties,
                recommendations,
                selection,
            );
            // An item may name a reason of its own for a status (`warn-unused`).
            let key = extra
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or(status.key())
                .to_string();
            let mut args: Map<String, Value> = match serde_json::to_value(data.settings) {
                Ok(Value::Object(m)) => m,
                _ => Map::new(),
            };
            args.insert(
                "who".into(),
                json!(who(cx.procurement.jurisdiction, cx.lang)),
            );
            args.insert("days".into(), json!(data.settings.payment_days));
            args.insert("duty".into(), super::duties::template_flags(duties));
            // Provisions whose commencement decides what the guidance may offer
            // (`{{#if in_force.scot_reg_76a}}`).
            let in_force: serde_json::Map<String, Value> = cx
                .law
                .commencements()
                .iter()
                .map(|c| {
                    (
                        c.id.replace('-', "_"),
                        json!(cx.law.in_force(&c.id, cx.date)),
                    )
                })
                .collect();
            args.insert("in_force".into(), Value::Object(in_force));
            args.insert("date".into(), json!(cx.date.to_string()));
            // Provisions of the regulations hold only above their thresholds.
            let above = duties
                .iter()
                .any(|d| d.id == "above-threshold" && d.applies == Applies::Yes);
            args.insert("above_threshold".into(), json!(above));
            args.insert(
                "direct_award".into(),
                json!(cx.procurement.procedure == Some(Procedure::DirectAward)),
            );
            args.insert("pass".into(), json!(data.settings.tender_period_days_pass));
            args.insert("warn".into(), json!(data.settings.tender_period_days_warn));
            args.insert(
                "multiple".into(),
                json!(number(data.settings.turnover_multiple, cx.lang)),
            );
            if let Value::Object(extra) = extra {
                args.extend(extra);
            }
            let m = Messages::embedded();
            // The local wording is a template too ("{{plural multiple …}}").
            let local = item
                .local
                .get(&cx.procurement.jurisdiction)
                .map(|l| m.render_template(l.get(cx.lang), &Value::Object(args.clone())))
                .unwrap_or_default();
            args.insert("local".into(), json!(local));
            let args = Value::Object(args);
            let reason = item
                .reasons
                .get(&key)
                .unwrap_or_else(|| panic!("checklist item `{}` has no `{key}` reason", item.id));
            let read = read_for(cx.procurement, &item.id);
            let mut reason = m.render_template(reason.get(cx.lang), &args);
            if let Some(r) = &read {
                reason.push(' ');
                reason.push_str(&match &r.json_path {
                    Some(path) => m.render(
                        "checklist.read",
                        cx.lang,
                        &json!({ "excerpt": r.excerpt, "path": path, "line": r.line }),
                    ),
                    None => m.render(
                        "checklist.read-document",
                        cx.lang,
                        &json!({ "excerpt": r.excerpt, "location": r.location }),
                    ),
                });
            }
            CheckItem {
                id: item.id.clone(),
                phase: item.phase,
                title: m.render_template(item.title.get(cx.lang), &args),
                status,
                reason,
                read,
                guidance: m
                    .render_template(item.guidance.get(cx.lang), &args)
                    .trim()
                    .to_string(),
            }
        })
        .collect()
}

/// An item's status and the figures its wording needs.
fn decide(
    cx: &Context,
    id: &str,
    settings: &Settings,
    duties: &[Duty],
    recommendations: &[Recommendation],
    selection: &[Selected],
) -> (CheckStatus, Value) {
    use CheckStatus::{Fail, Pass, Unknown, Warn};
    let p = cx.procurement;
    let lang = cx.lang;
    let social = p.social.as_ref();
    let qualification = p.qualification.as_ref();
    let flag = |value: Option<bool>, if_false: CheckStatus| match value {
        Some(true) => (Pass, json!({})),
        Some(false) => (if_false, json!({})),
        None => (Unknown, json!({})),
    };
    match id {
        "market-engagement" => flag(social.and_then(|s| s.market_engagement), Fail),
        // The whole contract (`social.reserved`) or any lot (`lots[].reserved`).
        "reservation" => {
            let lot = p.lots.iter().flatten().any(|l| l.reserved == Some(true));
            let (status, _) = flag(
                social
                    .and_then(|s| s.reserved)
                    .map(|r| r || lot)
                    .or(lot.then_some(true)),
                Warn,
            );
            // The basis the annex reserves under, so that the guidance speaks of that one.
            let basis = selection
                .iter()
                .find(|s| s.instrument == crate::library::Instrument::Reservation)
                .map(|s| s.title.clone());
            (status, json!({ "basis": basis }))
        }
        "subcontracting" => flag(social.and_then(|s| s.subcontracting_allowed), Warn),
        "lots" => match p.lots.as_deref() {
            None => (Unknown, json!({})),
            Some([]) => (Warn, json!({})),
            Some(lots) => (Pass, json!({ "count": lots.len() })),
        },
        "tender-period" => match p.tender_period_days {
            _ if p.procedure == Some(Procedure::DirectAward) => {
                (Pass, json!({ "reason": "pass-direct" }))
            }
            None => (Unknown, json!({})),
            Some(d) if d >= settings.tender_period_days_pass => (Pass, json!({ "days": d })),
            Some(d) if d >= settings.tender_period_days_warn => (Warn, json!({ "days": d })),
            Some(d) => (Fail, json!({ "days": d })),
        },
        "partnership-route" => {
            let services = p.kind == Some(ContractType::Services);
            let social_service = p.cpv.iter().flatten().any(|c| {
                cx.law
                    .reservable_service(c.code(), p.jurisdiction)
                    .is_some()
            });
            let fits = match p.jurisdiction {
                Jurisdiction::Scotland => services,
                Jurisdiction::Se
                | Jurisdiction::England
                | Jurisdiction::Wales
                | Jurisdiction::NorthernIreland
                | Jurisdiction::Eu => services && social_service,
            };
            // A planned IOP where none is possible is an unlawful direct award in waiting.
            let text = format!(
                "{} {}",
                p.title,
                p.description.as_deref().unwrap_or_default()
            )
            .to_lowercase();
            let iop = p.jurisdiction == Jurisdiction::Se
                && (text.contains("idéburet offentligt partnerskap")
                    || text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == "iop"));
            let status = match (fits, iop) {
                (true, _) => Warn,
                (false, true) => Fail,
                (false, false) => Pass,
            };
            (status, json!({}))
        }
        "turnover" => turnover(cx, settings),
        "years-trading" => match qualification.and_then(|q| q.min_years_trading) {
            None => (Unknown, json!({})),
            Some(y) if y >= settings.years_trading_fail => (Fail, json!({ "years": y })),
            Some(y) if y >= settings.years_trading_warn => (Warn, json!({ "years": y })),
            Some(y) => (Pass, json!({ "years": y })),
        },
        "insurance" => match qualification.and_then(|q| q.insurance.as_deref()) {
            None => (Unknown, json!({})),
            Some([]) => (Pass, json!({})),
            Some(covers) => {
                let listed: Vec<String> = covers
                    .iter()
                    .map(|c| {
                        let kind = Messages::embedded()
                            .text(&format!("insurance.{}", yaml::name_of(&c.kind)), lang);
                        format!("{kind} {}", money(&c.cover, lang))
                    })
                    .collect();
                (Warn, json!({ "covers": listed.join(", ") }))
            }
        },
        "price-only" => match &p.award {
            None => (Unknown, json!({})),
            Some(a) if a.price >= 100.0 => (Fail, json!({})),
            Some(a) => (Pass, json!({ "price": number(a.price, lang) })),
        },
        "social-weighting" => match &p.award {
            None => (Unknown, json!({})),
            Some(a) => {
                let central_english = p.jurisdiction == Jurisdiction::England
                    && p.authority.as_ref().and_then(|x| x.kind) == Some(AuthorityKind::Central);
                let args = json!({ "social": number(a.social, lang) });
                // A social weight scores something only if the annex has a criterion for it.
                let scored = selection
                    .iter()
                    .any(|s| s.scored_under == Some(AwardWeight::Social));
                // Northern Ireland's PPN 01/21: at least 10 % above the threshold.
                let ni_minimum = duties
                    .iter()
                    .any(|d| d.id == "ni-social-value" && d.applies == Applies::Yes);
                if central_english && a.social < 10.0 {
                    (Fail, args)
                } else if ni_minimum && a.social < 10.0 {
                    (
                        Fail,
                        json!({ "social": number(a.social, lang), "reason": "fail-ni" }),
                    )
                } else if a.social > 0.0 && !scored {
                    (
                        Warn,
                        json!({ "social": number(a.social, lang), "reason": "warn-unused" }),
                    )
                } else if a.social > 0.0 {
                    (Pass, args)
                } else {
                    (Warn, args)
                }
            }
        },
        "payment-days" => match social.and_then(|s| s.payment_days) {
            None => (Unknown, json!({})),
            Some(d) if d <= settings.payment_days => (Pass, json!({ "given": d })),
            Some(d) => (Fail, json!({ "given": d })),
        },
        "community-benefit-clause" => {
            let scaled = titles(recommendations, selection, |r| {
                r.params.values().any(|p| !p.amount) && r.category != Category::Monitoring
            });
            if scaled.is_empty() {
                (Warn, json!({}))
            } else {
                (Pass, json!({ "clauses": scaled }))
            }
        }
        "monitoring" => {
            let monitoring = titles(recommendations, selection, |r| {
                r.category == Category::Monitoring
            });
            if monitoring.is_empty() {
                (Warn, json!({}))
            } else {
                (Pass, json!({ "clauses": monitoring }))
            }
        }
        "labour-conditions" => match p.jurisdiction {
            Jurisdiction::Se => match duties
                .iter()
                .find(|d| d.id == "se-labour-law-conditions")
                .map(|d| d.applies)
            {
                Some(Applies::Yes) => (Warn, json!({})),
                Some(Applies::No) => (Pass, json!({})),
                _ => (Unknown, json!({})),
            },
            // Fair Work First in Scotland, PPN 01/21's mandatory fair work clauses in Northern
            // Ireland: something to decide.
            Jurisdiction::Scotland | Jurisdiction::NorthernIreland => (Warn, json!({})),
            // In Wales a services contract that outsources what the authority did itself
            // brings the Social Partnership Act's s.26, which the procurement cannot tell.
            Jurisdiction::Wales if matches!(p.kind, Some(ContractType::Services) | None) => {
                (Warn, json!({}))
            }
            Jurisdiction::England | Jurisdiction::Wales | Jurisdiction::Eu => (Pass, json!({})),
        },
        other => panic!("checklist item `{other}` has no rule in checklist.rs"),
    }
}

/// The fact read from the notice's text that item `id` was decided by, if any.
fn read_for(p: &crate::input::Procurement, id: &str) -> Option<ReadFact> {
    let field = match id {
        "insurance" => "qualification.insurance",
        "years-trading" => "qualification.min_years_trading",
        "turnover" => "qualification.min_turnover",
        "lots" => "lots",
        "price-only" | "social-weighting" => "award",
        _ => return None,
    };
    p.read.iter().find(|r| r.field == field).cloned()
}

/// The turnover demand against a multiple of the contract value, or of the smallest lot with a
/// value (a demand made of every lot must fit the smallest). The directive's cap does not bind
/// under the Procurement Act 2023, where an excess is a proportionality warning instead.
fn turnover(cx: &Context, settings: &Settings) -> (CheckStatus, Value) {
    let p = cx.procurement;
    let Some(demand) = p.qualification.as_ref().and_then(|q| q.min_turnover) else {
        return (CheckStatus::Unknown, json!({}));
    };
    let smallest_lot = p
        .lots
        .iter()
        .flatten()
        .filter_map(|l| l.value)
        .min_by(|a, b| a.amount.total_cmp(&b.amount));
    let Some(base) = smallest_lot.or(p.value) else {
        return (CheckStatus::Unknown, json!({}));
    };
    if base.currency != demand.currency || !base.vat.same_basis(demand.vat) {
        return (CheckStatus::Unknown, json!({}));
    }
    let limit = Money {
        amount: base.amount * settings.turnover_multiple,
        ..base
    };
    let args = json!({
        "turnover": money(&demand, cx.lang),
        "value": money(&base, cx.lang),
        "limit": money(&limit, cx.lang),
    });
    if demand.amount <= limit.amount {
        (CheckStatus::Pass, args)
    } else if p.jurisdiction.procurement_act() {
        (CheckStatus::Warn, args)
    } else {
        (CheckStatus::Fail, args)
    }
}

/// The titles of the annex's clauses that `keep` picks.
fn titles(
    recommendations: &[Recommendation],
    selection: &[Selected],
    keep: impl Fn(&Recommendation) -> bool,
) -> String {
    recommendations
        .iter()
        .filter(|r| selection.iter().any(|s| s.clause == r.clause) && keep(r))
        .map(|r| r.title.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The label of a phase, for reports.
pub fn phase_title(phase: Phase, lang: Language) -> String {
    Messages::embedded().text(&format!("phase.{}", yaml::name_of(&phase)), lang)
}

#[cfg(test)]
#[path = "checklist_tests.rs"]
mod tests;
