//! One check: every document scanned for the library's clauses and for barriers, and, with a
//! procurement, the gaps between what it should carry and what the documents carry.

use serde::Serialize;
use serde_json::json;

use super::barriers::{self, Severity, TextHit};
use super::extract::{Extracted, Format, Place};
use super::scanner::Scanner;
use crate::assess::duties::Applies;
use crate::assess::recommend::usable_in;
use crate::assess::{Assessment, checklist};
use crate::input::{Currency, Jurisdiction, Language, Money, Procurement};
use crate::library::Category;
use crate::messages::{Messages, money, number};
use crate::text::{Hit, HitKind, Presence};

/// An excerpt is cut to this many characters.
const MAX_EXCERPT: usize = 200;

/// Duties a tender answers with a clause: the duty, and whether declining it with reasons
/// answers it too (s.25 of the Procurement Reform (Scotland) Act 2014 asks for community
/// benefit requirements *or* a statement of why there are none).
const ANSWERED_BY_CLAUSES: &[(&str, bool)] = &[
    ("scotland-community-benefits", true),
    ("se-labour-law-conditions", false),
    ("england-social-value", false),
];

/// The whole result of `check`, in the shape `--format json` prints.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub language: Language,
    pub library_version: String,
    pub documents: Vec<DocumentReport>,
    /// Present only with `--procurement`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procurement: Option<ProcurementSummary>,
    pub gaps: Vec<Gap>,
    /// The documents that could not be read: each named, with why. The others are reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Unreadable>,
}

/// A document that could not be read.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Unreadable {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProcurementSummary {
    pub title: String,
    pub jurisdiction: Jurisdiction,
    /// The clauses the procurement's annex carries (its `selection`): what a tender document
    /// for it should hold.
    pub annex: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DocumentReport {
    pub path: String,
    pub format: Format,
    /// The jurisdiction whose clauses were looked for; none means every clause.
    pub jurisdiction: Option<Jurisdiction>,
    /// Why that jurisdiction, in words.
    pub jurisdiction_from: String,
    pub clauses: Vec<ClauseResult>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ClauseResult {
    pub clause: String,
    pub title: String,
    pub category: Category,
    pub status: Presence,
    pub evidence: Vec<Evidence>,
}

/// Where a match is, and what it says.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    #[serde(flatten)]
    pub place: Place,
    pub excerpt: String,
    /// Whether the match says the clause is there or that it is declined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<HitKind>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    /// The first place it was found, or what it was decided from.
    pub location: String,
    /// The figures behind the message, as numbers.
    #[serde(skip_serializing_if = "Figures::is_empty")]
    pub figures: Figures,
    pub evidence: Vec<Evidence>,
}

/// A finding's figures as numbers: what the document demands, and the contract it is judged
/// against, where known.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Figures {
    /// The sum demanded (insurance cover, yearly turnover), in `currency` where the text names
    /// one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demanded: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The days between the notice and the tender deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tender_period_days: Option<u32>,
    /// The contract's estimated value (of the procurement given, else the notice's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_value: Option<Money>,
    /// `demanded` divided by the contract value, where both are in the same currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// The contract value per year, where its duration is known (insurance is judged by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yearly_value: Option<f64>,
    /// `demanded` divided by `yearly_value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio_to_yearly_value: Option<f64>,
    /// The years of trading demanded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// The contract's length in months, where known (years of trading are judged by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_months: Option<u32>,
}

impl Figures {
    pub fn is_empty(&self) -> bool {
        *self == Figures::default()
    }

    /// A sum demanded, with the contract value it is compared with.
    fn demand(demanded: f64, currency: Option<Currency>, facts: Option<&Procurement>) -> Figures {
        let contract_value = facts.and_then(|p| p.value);
        let ratio = contract_value
            .filter(|v| Some(v.currency) == currency && v.amount > 0.0)
            .map(|v| demanded / v.amount);
        Figures {
            demanded: Some(demanded),
            currency,
            contract_value,
            ratio,
            ..Figures::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    Clause,
    Duty,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Gap {
    pub kind: GapKind,
    pub id: String,
    pub title: String,
    /// For a clause: its best status across the documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Presence>,
    pub message: String,
}

/// What a check is run with.
pub struct CheckContext<'a> {
    pub scanner: &'a Scanner<'a>,
    pub language: Language,
    /// Given with `--jurisdiction`.
    pub jurisdiction: Option<Jurisdiction>,
    /// The assessed procurement, given with `--procurement`.
    pub assessment: Option<&'a Assessment>,
}

impl CheckContext<'_> {
    fn say(&self, key: &str, args: serde_json::Value) -> String {
        Messages::embedded().render(key, self.language, &args)
    }

    /// The procurement whose facts (value, tender period) a document is judged by: the one
    /// given, else the notice's own.
    fn facts<'p>(&'p self, doc: &'p Extracted) -> Option<&'p Procurement> {
        self.assessment
            .map(|a| &a.procurement)
            .or(doc.notices.first())
    }
}

/// The language a check's report is in when none is asked for: the procurement's, where the
/// check is against one; else Swedish for a Swedish jurisdiction (given, or of the first
/// notice among the documents); else English.
pub fn report_language(
    assessment: Option<&Assessment>,
    jurisdiction: Option<Jurisdiction>,
    documents: &[Extracted],
) -> Language {
    if let Some(a) = assessment {
        return a.language;
    }
    let jurisdiction = jurisdiction.or(documents
        .iter()
        .find_map(|d| d.notices.first())
        .map(|p| p.jurisdiction));
    match jurisdiction {
        Some(Jurisdiction::Se) => Language::Sv,
        _ => Language::En,
    }
}

/// Checks every document, then the gaps across them.
pub fn check(cx: &CheckContext, documents: &[Extracted]) -> Report {
    let documents: Vec<DocumentReport> = documents.iter().map(|d| document(cx, d)).collect();
    let gaps = cx
        .assessment
        .map(|a| gaps(cx, a, &documents))
        .unwrap_or_default();
    Report {
        language: cx.language,
        library_version: env!("CARGO_PKG_VERSION").to_string(),
        procurement: cx.assessment.map(|a| ProcurementSummary {
            title: a.procurement.title.to_string(),
            jurisdiction: a.procurement.jurisdiction,
            annex: a.selection.iter().map(|s| s.clause.clone()).collect(),
        }),
        documents,
        gaps,
        errors: Vec::new(),
    }
}

fn document(cx: &CheckContext, doc: &Extracted) -> DocumentReport {
    let m = Messages::embedded();
    let notice = doc.notices.first();
    let (jurisdiction, jurisdiction_from) = if let Some(j) = cx.jurisdiction {
        (Some(j), m.text("jurisdiction.from.option", cx.language))
    } else if let Some(p) = notice {
        let from = match &p.notice {
            Some(n) => n.jurisdiction_from(cx.language),
            None => m.text("jurisdiction.from.option", cx.language),
        };
        (Some(p.jurisdiction), from)
    } else if let Some(a) = cx.assessment {
        (
            Some(a.procurement.jurisdiction),
            m.text("jurisdiction.from.file", cx.language),
        )
    } else {
        (None, m.text("check.jurisdiction.all", cx.language))
    };

    let clauses: Vec<ClauseResult> = cx
        .scanner
        .scan(&doc.text)
        .into_iter()
        .filter(|v| jurisdiction.is_none_or(|j| usable_in(&v.clause.jurisdictions, j)))
        .map(|v| ClauseResult {
            clause: v.clause.id.clone(),
            title: v.clause.title(cx.language).to_string(),
            category: v.clause.category,
            status: v.verdict.presence,
            evidence: distinct(&v.verdict.hits)
                .map(|h| evidence(doc, h, Some(h.kind)))
                .collect(),
        })
        .collect();
    let findings = findings(cx, doc, &clauses);
    DocumentReport {
        path: doc.name.clone(),
        format: doc.format,
        jurisdiction,
        jurisdiction_from,
        clauses,
        findings,
    }
}

/// The hits in text order, without those overlapping one already kept (two patterns of a
/// clause often match the same words).
fn distinct(hits: &[Hit]) -> impl Iterator<Item = &Hit> {
    distinct_by(hits, |h| h.span.clone())
}

/// `items` in text order, without those whose `span` overlaps one already kept.
pub(super) fn distinct_by<T>(
    items: &[T],
    span: impl Fn(&T) -> std::ops::Range<usize>,
) -> impl Iterator<Item = &T> {
    let mut end = 0;
    items.iter().filter(move |item| {
        let span = span(item);
        let keep = span.start >= end || end == 0;
        if keep {
            end = span.end.max(end);
        }
        keep
    })
}

pub(super) fn evidence(doc: &Extracted, hit: &Hit, kind: Option<HitKind>) -> Evidence {
    let excerpt = if hit.excerpt.chars().count() > MAX_EXCERPT {
        let cut: String = hit.excerpt.chars().take(MAX_EXCERPT).collect();
        format!("{cut}…")
    } else {
        hit.excerpt.clone()
    };
    Evidence {
        place: doc.place(hit.span.start),
        excerpt,
        kind,
    }
}

fn findings(cx: &CheckContext, doc: &Extracted, clauses: &[ClauseResult]) -> Vec<Finding> {
    let hits = barriers::scan(doc.text.normalized());
    let facts = cx.facts(doc);
    let notice = doc.notices.first();
    let fact_location = |field: &str| format!("{}: {field}", doc.name);
    let mut out = Vec::new();
    for (barrier, hits) in barriers::barriers().iter().zip(&hits) {
        let located: Vec<Hit> = hits
            .iter()
            .map(|h| doc.text.hit(HitKind::Present, 0, h.range.clone()))
            .collect();
        let evidence: Vec<Evidence> = distinct(&located).map(|h| evidence(doc, h, None)).collect();
        let from_text = evidence.first().map(|e| e.place.location.clone());
        let id = barrier.id.as_str();
        let mut figures = Figures::default();
        let decided: Option<(Severity, String, String)> = match id {
            "price-only-award" => {
                let from_facts = notice
                    .and_then(|p| p.award.as_ref())
                    .is_some_and(|a| a.price >= 100.0);
                from_text
                    .or_else(|| from_facts.then(|| fact_location("award criteria")))
                    .map(|at| {
                        (
                            barrier.severity,
                            cx.say("barrier.price-only-award.text", json!({})),
                            at,
                        )
                    })
            }
            "turnover-demand" => from_text
                .map(|at| turnover(cx, barrier.severity, hits, facts, at, &mut figures))
                .or_else(|| {
                    let demand = notice?.qualification.as_ref()?.min_turnover?;
                    let at = fact_location("selection criteria");
                    figures = Figures::demand(demand.amount, Some(demand.currency), facts);
                    Some(turnover_sum(cx, barrier.severity, &figures, at))
                }),
            "short-tender-period" => facts.and_then(|p| p.tender_period_days).and_then(|days| {
                let s = checklist::settings();
                let severity = if days < s.tender_period_days_warn {
                    Severity::High
                } else if days < s.tender_period_days_pass {
                    Severity::Medium
                } else {
                    return None;
                };
                let message = cx.say(
                    "barrier.short-tender-period.text",
                    json!({ "days": days, "pass": s.tender_period_days_pass }),
                );
                figures.tender_period_days = Some(days);
                let source = if cx.assessment.is_some() {
                    m_text(cx, "check.from-procurement")
                } else {
                    fact_location("tender period")
                };
                Some((severity, message, source))
            }),
            "no-lots" => {
                let single = notice
                    .and_then(|p| p.lots.as_deref())
                    .is_some_and(<[_]>::is_empty);
                from_text
                    .or_else(|| single.then(|| fact_location("lots")))
                    .map(|at| {
                        (
                            barrier.severity,
                            cx.say("barrier.no-lots.text", json!({})),
                            at,
                        )
                    })
            }
            "insurance-demand" => from_text.map(|at| {
                let amount = hits.iter().find_map(|h| h.amount);
                let sum = amount.map(|a| written_sum(a.value, a.currency, cx.language));
                let mut message = cx.say("barrier.insurance-demand.text", json!({ "amount": sum }));
                let mut severity = barrier.severity;
                if let Some(a) = amount {
                    figures = Figures::demand(a.value, a.currency, facts);
                    if let Some(level) = insurance(cx, &mut figures, facts, &mut message) {
                        severity = severity.min(level);
                    }
                }
                (severity, message, at)
            }),
            "years-trading-demand" => from_text.map(|at| {
                let mut message = cx.say("barrier.years-trading-demand.text", json!({}));
                let years = hits
                    .iter()
                    .find_map(|h| barriers::years_named(&doc.text.normalized()[h.range.clone()]));
                let severity = match years {
                    Some(years) => years_trading(cx, years, facts, &mut figures, &mut message),
                    None => barrier.severity,
                };
                (severity, message, at)
            }),
            "no-social-criteria" => {
                (!clauses.iter().any(|c| c.status == Presence::Present)).then(|| {
                    (
                        barrier.severity,
                        cx.say(
                            "barrier.no-social-criteria.text",
                            json!({ "count": clauses.len() }),
                        ),
                        doc.name.clone(),
                    )
                })
            }
            _ => from_text.map(|at| (barrier.severity, String::new(), at)),
        };
        // Price alone, or no social clause, on a contract too small for social clauses to be
        // in proportion: worth a look, no more.
        let decided = decided.map(|(severity, mut message, at)| {
            let small = matches!(id, "price-only-award" | "no-social-criteria")
                .then(|| small_contract(cx, facts, &mut figures, &mut message))
                .flatten();
            (small.unwrap_or(severity), message, at)
        });
        if let Some((severity, message, location)) = decided {
            out.push(Finding {
                id: barrier.id.clone(),
                severity,
                title: m_text(cx, &format!("barrier.{id}.title")),
                message,
                location,
                figures,
                evidence,
            });
        }
    }
    out
}

/// A years-of-trading demand judged by the library's figures and the contract's length: high
/// from `years_trading_fail` years, or where the history demanded is longer than the contract
/// lasts; medium from `years_trading_warn`; else low. The rule is added to `message`.
fn years_trading(
    cx: &CheckContext,
    years: u32,
    facts: Option<&Procurement>,
    figures: &mut Figures,
    message: &mut String,
) -> Severity {
    let s = checklist::settings();
    let months = facts.and_then(|p| p.duration_months).filter(|&m| m > 0);
    figures.years = Some(years);
    figures.contract_months = months;
    let longer = months.filter(|&m| years * 12 > m);
    message.push(' ');
    message.push_str(&match longer {
        Some(months) => cx.say(
            "barrier.years-trading-demand.longer",
            json!({ "years": years, "months": months }),
        ),
        None => cx.say(
            "barrier.years-trading-demand.relative",
            json!({ "years": years, "warn": s.years_trading_warn, "fail": s.years_trading_fail }),
        ),
    });
    if longer.is_some() || years >= s.years_trading_fail {
        Severity::High
    } else if years >= s.years_trading_warn {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// Low where the contract's value is under the library's small-contract figure for its
/// currency (the rule is added to `message`); `None` where it is not, or is not known.
fn small_contract(
    cx: &CheckContext,
    facts: Option<&Procurement>,
    figures: &mut Figures,
    message: &mut String,
) -> Option<Severity> {
    let value = facts?.value?;
    let limit = checklist::settings().small_contract(value.currency);
    if value.amount >= limit {
        return None;
    }
    figures.contract_value = Some(value);
    message.push(' ');
    message.push_str(&cx.say(
        "barrier.small-contract",
        json!({
            "value": money(&value, cx.language),
            "limit": money(&Money { amount: limit, ..value }, cx.language),
        }),
    ));
    Some(Severity::Low)
}

/// An insurance demand judged by the contract's value per year: its figures filled in, a
/// sentence added to `message`, and the severity it reaches (none below the medium multiple).
fn insurance(
    cx: &CheckContext,
    figures: &mut Figures,
    facts: Option<&Procurement>,
    message: &mut String,
) -> Option<Severity> {
    let p = facts?;
    let months = p.duration_months.filter(|&m| m > 0)?;
    let value = figures.contract_value?;
    let yearly = value.amount * 12.0 / f64::from(months.max(12));
    let ratio = figures.demanded? / yearly;
    if figures.currency != Some(value.currency) || !ratio.is_finite() {
        return None;
    }
    figures.yearly_value = Some(yearly);
    figures.ratio_to_yearly_value = Some(ratio);
    let s = checklist::settings();
    let lang = cx.language;
    message.push(' ');
    message.push_str(&cx.say(
        "barrier.insurance-demand.relative",
        json!({
            "ratio": crate::messages::decimal((ratio * 10.0).round() / 10.0, lang),
            "yearly": money(&Money { amount: yearly.round(), ..value }, lang),
            "medium": number(s.insurance_multiple_medium, lang),
            "high": number(s.insurance_multiple_high, lang),
        }),
    ));
    if ratio >= s.insurance_multiple_high {
        Some(Severity::High)
    } else if ratio >= s.insurance_multiple_medium {
        Some(Severity::Medium)
    } else {
        None
    }
}

fn m_text(cx: &CheckContext, key: &str) -> String {
    Messages::embedded().text(key, cx.language)
}

fn turnover(
    cx: &CheckContext,
    severity: Severity,
    hits: &[TextHit],
    facts: Option<&Procurement>,
    at: String,
    figures: &mut Figures,
) -> (Severity, String, String) {
    match hits.iter().find_map(|h| h.amount) {
        Some(a) => {
            *figures = Figures::demand(a.value, a.currency, facts);
            turnover_sum(cx, severity, figures, at)
        }
        None => (
            severity,
            cx.say("barrier.turnover-demand.text", json!({ "amount": null })),
            at,
        ),
    }
}

/// A turnover demand (its figures), compared with the contract value where both are known in
/// the same currency.
fn turnover_sum(
    cx: &CheckContext,
    severity: Severity,
    figures: &Figures,
    at: String,
) -> (Severity, String, String) {
    let lang = cx.language;
    let demand = figures.demanded.unwrap_or_default();
    let written = written_sum(demand, figures.currency, lang);
    let mut message = cx.say("barrier.turnover-demand.text", json!({ "amount": written }));
    let mut severity = severity;
    if let (Some(value), Some(ratio)) = (figures.contract_value, figures.ratio) {
        let multiple = checklist::settings().turnover_multiple;
        let key = if ratio > multiple {
            severity = Severity::High;
            "barrier.turnover-demand.over"
        } else {
            "barrier.turnover-demand.within"
        };
        message.push(' ');
        message.push_str(&cx.say(
            key,
            json!({
                "demand": written,
                "value": money(&value, lang),
                "ratio": crate::messages::decimal((ratio * 10.0).round() / 10.0, lang),
                "multiple": number(multiple, lang),
            }),
        ));
    }
    (severity, message, at)
}

fn written_sum(value: f64, currency: Option<Currency>, lang: Language) -> String {
    match currency {
        Some(currency) => money(
            &Money {
                amount: value,
                currency,
                vat: Default::default(),
            },
            lang,
        ),
        None => number(value, lang),
    }
}

fn gaps(cx: &CheckContext, a: &Assessment, documents: &[DocumentReport]) -> Vec<Gap> {
    let best = |clause: &str| -> Presence {
        let statuses = documents
            .iter()
            .flat_map(|d| d.clauses.iter())
            .filter(|c| c.clause == clause)
            .map(|c| c.status);
        let mut best = Presence::Absent;
        for s in statuses {
            best = match (best, s) {
                (_, Presence::Present) | (Presence::Present, _) => Presence::Present,
                (_, Presence::Declined) | (Presence::Declined, _) => Presence::Declined,
                _ => Presence::Absent,
            };
        }
        best
    };
    let mut out = Vec::new();
    for r in &a.selection {
        let status = best(&r.clause);
        if status != Presence::Present {
            out.push(Gap {
                kind: GapKind::Clause,
                id: r.clause.clone(),
                title: r.title.clone(),
                status: Some(status),
                message: cx.say(
                    &format!("gap.clause.{status}"),
                    json!({ "title": r.title, "clause": r.clause }),
                ),
            });
        }
    }
    for duty in a.duties.iter().filter(|d| d.applies == Applies::Yes) {
        let Some(&(_, declining_answers)) =
            ANSWERED_BY_CLAUSES.iter().find(|(id, _)| *id == duty.id)
        else {
            continue;
        };
        let answered = documents.iter().flat_map(|d| d.clauses.iter()).any(|c| {
            let answers = cx
                .scanner
                .clauses()
                .iter()
                .find(|x| x.id == c.clause)
                .is_some_and(|x| x.signals.duties.iter().any(|d| d == duty.id));
            answers
                && (c.status == Presence::Present
                    || (declining_answers && c.status == Presence::Declined))
        });
        if !answered {
            out.push(Gap {
                kind: GapKind::Duty,
                id: duty.id.to_string(),
                title: duty.title.clone(),
                status: None,
                message: cx.say(
                    &format!("gap.duty.{}", duty.id),
                    json!({ "title": duty.title, "cite": duty.cite }),
                ),
            });
        }
    }
    out
}
