//! Recommendations: for every clause, whether it fits this procurement (and each lot), how well,
//! why, and the targets it should carry, with their arithmetic.
//!
//! Hard conditions (`applies`) decide whether a clause can be used at all; relevance signals
//! (`signals`) add to its score, each one a stated reason. A clause whose hard conditions all
//! hold and whose score reaches [`RECOMMEND_AT`] is recommended; one that can be used but has
//! too few signals, or whose conditions cannot be checked for lack of facts, is optional.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::duties::{Applies, Context, Duty};
use super::targets::{ParamValue, compute, in_terms_of};
use crate::input::yaml::name_of;
use crate::input::{
    AuthorityKind, ContractType, Cpv, Jurisdiction, Language, Money, Priority, Procedure,
};
use crate::library::clause::AwardWeight;
use crate::library::{Category, Clause, Instrument, Level, Library};
use crate::messages::{Messages, decimal, money};
use crate::text::SourceText;

/// The score from which a usable clause is recommended.
pub const RECOMMEND_AT: u32 = 3;
const CPV_POINTS: u32 = 3;
const KEYWORD_POINTS: u32 = 2;
const MAX_KEYWORDS: usize = 3;
const PRIORITY_POINTS: u32 = 2;
const DUTY_POINTS: u32 = 3;
/// The buyer's own social weight: enough alone for a criterion to score under it.
const WEIGHT_POINTS: u32 = RECOMMEND_AT;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Recommended,
    Optional,
    NotApplicable,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub clause: String,
    pub title: String,
    pub category: Category,
    pub instrument: Instrument,
    pub status: Status,
    pub score: u32,
    pub reasons: Vec<String>,
    /// The hard conditions that failed, where the clause is not applicable.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    pub params: BTreeMap<String, ParamValue>,
    pub cites: Vec<String>,
    pub lots: Vec<LotRecommendation>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LotRecommendation {
    pub lot: String,
    pub status: Status,
    pub score: u32,
    pub reasons: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    pub params: BTreeMap<String, ParamValue>,
}

/// The facts one evaluation looks at: the whole procurement, or one lot with its overrides.
struct Facts<'a> {
    kind: Option<ContractType>,
    value: Option<Money>,
    cpv: Option<&'a [Cpv]>,
    duration_months: Option<u32>,
    text: SourceText,
}

struct Verdict {
    status: Status,
    score: u32,
    reasons: Vec<String>,
    failed: Vec<String>,
    params: BTreeMap<String, ParamValue>,
}

/// Every clause of the library, assessed; recommended first, then by score and id.
pub fn recommend(cx: &Context, library: &Library, duties: &[Duty]) -> Vec<Recommendation> {
    let p = cx.procurement;
    let whole = Facts {
        kind: p.kind,
        value: p.value,
        cpv: p.cpv.as_deref(),
        duration_months: p.duration_months,
        text: SourceText::new(format!(
            "{}\n\n{}",
            p.title,
            p.description.as_deref().unwrap_or("")
        )),
    };
    // Each lot's facts, its text normalised once for every clause.
    let lot_facts: Vec<(&crate::input::Lot, Facts)> = p
        .lots
        .iter()
        .flatten()
        .map(|lot| {
            let facts = Facts {
                kind: p.kind,
                value: lot.value,
                cpv: lot.cpv.as_deref().or(p.cpv.as_deref()),
                duration_months: lot.duration_months.or(p.duration_months),
                text: SourceText::new(format!(
                    "{}\n\n{}\n\n{}",
                    lot.title,
                    lot.description.as_deref().unwrap_or(""),
                    p.description.as_deref().unwrap_or("")
                )),
            };
            (lot, facts)
        })
        .collect();
    let mut out: Vec<Recommendation> = library
        .clauses()
        .map(|clause| {
            // The clause's keywords, normalised once for the whole contract and every lot.
            let keywords: Vec<(&str, String)> = clause
                .signals
                .keywords
                .sv
                .iter()
                .chain(clause.signals.keywords.en.iter())
                .map(|k| (k.as_str(), crate::text::normalize(k).as_str().to_string()))
                .collect();
            let v = evaluate(cx, clause, &whole, duties, &keywords);
            let lots = lot_facts
                .iter()
                .map(|(lot, facts)| {
                    let lv = evaluate(cx, clause, facts, duties, &keywords);
                    LotRecommendation {
                        lot: lot.title.to_string(),
                        status: lv.status,
                        score: lv.score,
                        reasons: lv.reasons,
                        failed: lv.failed,
                        params: lv.params,
                    }
                })
                .collect();
            Recommendation {
                clause: clause.id.clone(),
                title: clause.title(cx.lang).to_string(),
                category: clause.category,
                instrument: clause.instrument,
                status: v.status,
                score: v.score,
                reasons: v.reasons,
                failed: v.failed,
                params: v.params,
                cites: clause.legal_basis.iter().map(|b| b.cite.clone()).collect(),
                lots,
            }
        })
        .collect();
    prefer_one_per_group(cx, library, &mut out);
    out.sort_by(|a, b| {
        (a.status, std::cmp::Reverse(a.score), &a.clause).cmp(&(
            b.status,
            std::cmp::Reverse(b.score),
            &b.clause,
        ))
    });
    out
}

/// Among recommended clauses of one group, keeps the best recommended and makes the others
/// optional, naming the one chosen: a clause of the procurement's own jurisdiction first
/// (the national version over the EU base), then the higher score, then the more binding
/// level (a requirement before a dialogue about one), then the id.
fn prefer_one_per_group(cx: &Context, library: &Library, out: &mut [Recommendation]) {
    let group_of = |id: &str| library.get(id).and_then(|e| e.clause.group.clone());
    let own = |id: &str| {
        library.get(id).is_some_and(|e| {
            e.clause
                .jurisdictions
                .contains(&cx.procurement.jurisdiction)
        })
    };
    let level = |id: &str| library.get(id).map(|e| e.clause.level);
    type Rank = (bool, u32, Option<Level>, std::cmp::Reverse<String>);
    let mut best: BTreeMap<String, Rank> = BTreeMap::new();
    for r in out.iter().filter(|r| r.status == Status::Recommended) {
        let Some(group) = group_of(&r.clause) else {
            continue;
        };
        let rank = (
            own(&r.clause),
            r.score,
            level(&r.clause),
            std::cmp::Reverse(r.clause.clone()),
        );
        let entry = best.entry(group).or_insert_with(|| rank.clone());
        if rank > *entry {
            *entry = rank;
        }
    }
    let titles: BTreeMap<String, String> = out
        .iter()
        .map(|r| (r.clause.clone(), r.title.clone()))
        .collect();
    for r in out.iter_mut().filter(|r| r.status == Status::Recommended) {
        let Some(group) = group_of(&r.clause) else {
            continue;
        };
        let chosen = &best[&group].3.0;
        if chosen != &r.clause {
            r.status = Status::Optional;
            r.reasons.push(Messages::embedded().render(
                "rec.alternative",
                cx.lang,
                &json!({ "chosen": titles[chosen], "id": chosen }),
            ));
        }
    }
}

/// Whether a clause written for `written_for` can be used under `jurisdiction`: its own, or
/// the EU base in Sweden (an EU member state). Scotland and England are outside the directive.
pub fn usable_in(written_for: &[Jurisdiction], jurisdiction: Jurisdiction) -> bool {
    written_for.contains(&jurisdiction)
        || (jurisdiction == Jurisdiction::Se && written_for.contains(&Jurisdiction::Eu))
}

/// `keywords`: the clause's keywords, Swedish then English, each with its normalised form.
fn evaluate(
    cx: &Context,
    clause: &Clause,
    facts: &Facts,
    duties: &[Duty],
    keywords: &[(&str, String)],
) -> Verdict {
    let say = |key: &str, args: Value| Messages::embedded().render(key, cx.lang, &args);
    let mut reasons = Vec::new();
    let mut failed = Vec::new();
    let mut unknown = false;
    let mut check = |result: Check| match result {
        Check::Pass(r) => reasons.push(r),
        Check::Fail(r) => {
            failed.push(r.clone());
            reasons.push(r);
        }
        Check::Unknown(r) => {
            unknown = true;
            reasons.push(r);
        }
    };

    if !usable_in(&clause.jurisdictions, cx.procurement.jurisdiction) {
        let places: Vec<&str> = clause.jurisdictions.iter().map(|j| j.code()).collect();
        check(Check::Fail(say(
            "rec.jurisdiction.no",
            json!({ "where": places.join(", ") }),
        )));
    }
    let a = &clause.applies;
    if let Some(types) = &a.types {
        let kinds: Vec<String> = types.iter().map(|t| say_kind(cx.lang, *t)).collect();
        check(match facts.kind {
            None => Check::Unknown(say(
                "rec.type.unknown",
                json!({ "kinds": kinds.join(", ") }),
            )),
            Some(kind) if types.contains(&kind) => Check::Pass(say(
                "rec.type.ok",
                json!({ "kind": say_kind(cx.lang, kind) }),
            )),
            Some(kind) => Check::Fail(say(
                "rec.type.no",
                json!({ "kind": say_kind(cx.lang, kind), "kinds": kinds.join(", ") }),
            )),
        });
    }
    if let Some(min) = a.min_duration_months {
        let args = json!({ "min": min, "months": facts.duration_months });
        check(match facts.duration_months {
            None => Check::Unknown(say("rec.duration.unknown", args)),
            Some(m) if m >= min => Check::Pass(say("rec.duration.ok", args)),
            Some(_) => Check::Fail(say("rec.duration.no", args)),
        });
    }
    if let Some(max) = a.max_duration_months {
        let args = json!({ "max": max, "months": facts.duration_months });
        check(match facts.duration_months {
            None => Check::Unknown(say("rec.max-duration.unknown", args)),
            Some(m) if m <= max => Check::Pass(say("rec.max-duration.ok", args)),
            Some(_) => Check::Fail(say("rec.max-duration.no", args)),
        });
    }
    if let Some(procedures) = &a.procedures {
        let names: Vec<String> = procedures
            .iter()
            .map(|p| say_procedure(cx.lang, *p))
            .collect();
        let names = names.join(", ");
        check(match cx.procurement.procedure {
            None => Check::Unknown(say("rec.procedure.unknown", json!({ "procedures": names }))),
            Some(p) => {
                let args = json!({ "procedures": names, "procedure": say_procedure(cx.lang, p) });
                if procedures.contains(&p) {
                    Check::Pass(say("rec.procedure.ok", args))
                } else {
                    Check::Fail(say("rec.procedure.no", args))
                }
            }
        });
    }
    for (limit, key, at_least) in [
        (a.min_value, "rec.min-value", true),
        (a.max_value, "rec.max-value", false),
    ] {
        let Some(limit) = limit else { continue };
        check(match facts.value.map(|v| in_terms_of(cx, v, &limit)) {
            None => Check::Unknown(say(
                &format!("{key}.unknown"),
                json!({ "limit": money(&limit, cx.lang) }),
            )),
            Some(None) => Check::Unknown(say(
                &format!("{key}.no-rate"),
                json!({ "limit": money(&limit, cx.lang) }),
            )),
            Some(Some((amount, note))) => {
                let args = json!({
                    "value": money(&Money { amount, ..limit }, cx.lang),
                    "limit": money(&limit, cx.lang),
                    "note": note,
                });
                if (amount >= limit.amount) == at_least {
                    Check::Pass(say(&format!("{key}.ok"), args))
                } else {
                    Check::Fail(say(&format!("{key}.no"), args))
                }
            }
        });
    }
    if let Some(prefixes) = &a.cpv {
        check(match facts.cpv {
            None => Check::Unknown(say(
                "rec.cpv.unknown",
                json!({ "prefixes": prefixes.join(", ") }),
            )),
            Some(codes) => match first_match(codes, prefixes) {
                Some((code, prefix)) => {
                    Check::Pass(say("rec.cpv.ok", json!({ "code": code, "prefix": prefix })))
                }
                None => Check::Fail(say(
                    "rec.cpv.no",
                    json!({ "prefixes": prefixes.join(", ") }),
                )),
            },
        });
    }
    for id in a.duties.iter().flatten() {
        let duty = duties.iter().find(|d| d.id == id.as_str());
        let args = json!({ "duty": duty.map_or(id.as_str(), |d| d.title.as_str()) });
        check(match duty.map(|d| d.applies) {
            Some(Applies::Yes) => Check::Pass(say("rec.duty.ok", args)),
            Some(Applies::No) => Check::Fail(say("rec.duty.no", args)),
            Some(Applies::Unknown) | None => Check::Unknown(say("rec.duty.unknown", args)),
        });
    }
    if a.social_services == Some(true) {
        check(match facts.cpv {
            None => Check::Unknown(say("rec.social.unknown", json!({}))),
            Some(codes) => match codes.iter().find_map(|c| {
                cx.law
                    .reservable_service(c.code(), cx.procurement.jurisdiction)
                    .map(|l| (c, l))
            }) {
                Some((code, (en, sv))) => Check::Pass(say(
                    "rec.social.ok",
                    json!({ "code": code.to_string(), "label": match cx.lang {
                        Language::Sv => sv,
                        Language::En => en,
                    } }),
                )),
                None => Check::Fail(say("rec.social.no", json!({}))),
            },
        });
    }

    let kinds = &clause.recommended_for.authority;
    if !kinds.is_empty() {
        let names: Vec<String> = kinds.iter().map(|k| say_authority(cx.lang, *k)).collect();
        let args = json!({ "kinds": names.join(", ") });
        check(
            match cx.procurement.authority.as_ref().and_then(|a| a.kind) {
                Some(kind) if kinds.contains(&kind) => Check::Pass(say("rec.authority.ok", args)),
                // Not for this authority by default: optional, for the buyer to include.
                Some(_) => Check::Unknown(say("rec.authority.other", args)),
                None => Check::Unknown(say("rec.authority.unknown", args)),
            },
        );
    }

    if !failed.is_empty() {
        return Verdict {
            status: Status::NotApplicable,
            score: 0,
            reasons,
            failed,
            params: BTreeMap::new(),
        };
    }

    let mut score = 0;
    let s = &clause.signals;
    // Whether what is bought is a trade the clause's signals name (by CPV code or word).
    let mut in_trade = false;
    if let Some((code, prefix)) = facts.cpv.and_then(|codes| first_match(codes, &s.cpv)) {
        in_trade = true;
        score += CPV_POINTS;
        reasons.push(say(
            "rec.signal.cpv",
            json!({ "code": code, "prefix": prefix }),
        ));
    }
    // A keyword listed in both languages ("park") counts once.
    let mut found: Vec<&str> = Vec::new();
    for (keyword, normalized) in keywords {
        if !found.contains(keyword) && facts.text.contains_normalized(normalized) {
            found.push(keyword);
        }
    }
    for keyword in found.into_iter().take(MAX_KEYWORDS) {
        in_trade = true;
        score += KEYWORD_POINTS;
        reasons.push(say("rec.signal.keyword", json!({ "keyword": keyword })));
    }
    for priority in cx
        .procurement
        .priorities
        .iter()
        .flatten()
        .filter(|p| s.priorities.contains(p))
    {
        score += PRIORITY_POINTS;
        reasons.push(say(
            "rec.signal.priority",
            json!({ "priority": say_priority(cx.lang, *priority) }),
        ));
    }
    for duty in duties
        .iter()
        .filter(|d| d.applies == Applies::Yes && s.duties.iter().any(|id| id == d.id))
    {
        score += DUTY_POINTS;
        reasons.push(say("rec.signal.duty", json!({ "duty": duty.title })));
    }
    // A social weight in the award is the buyer's decision to score social value: a criterion
    // made to be scored under it fits.
    if let Some(award) = cx.procurement.award
        && clause.instrument == Instrument::AwardCriterion
        && award.social > 0.0
        && AwardWeight::resolve(clause.needs.award_weight, &award) == AwardWeight::Social
    {
        score += WEIGHT_POINTS;
        reasons.push(say(
            "rec.signal.social-weight",
            json!({ "social": decimal(award.social, cx.lang) }),
        ));
    }
    if score == 0 {
        reasons.push(say("rec.no-signal", json!({})));
    }
    // A reservation suits a contract in a trade that supported businesses and WISEs work in;
    // a duty or a priority alone (every regulated procurement has them) does not make one.
    let off_trade = clause.instrument == Instrument::Reservation
        && !in_trade
        && !(s.cpv.is_empty() && s.keywords.sv.is_empty() && s.keywords.en.is_empty());
    if off_trade && score > 0 {
        reasons.push(say("rec.reservation.off-trade", json!({})));
    }

    let params = clause
        .params
        .iter()
        .filter_map(|(name, param)| {
            let value = facts.value?;
            compute(cx, param, value).map(|v| (name.clone(), v))
        })
        .collect();
    Verdict {
        status: if score >= RECOMMEND_AT && !unknown && !off_trade {
            Status::Recommended
        } else {
            Status::Optional
        },
        score,
        reasons,
        failed,
        params,
    }
}

enum Check {
    Pass(String),
    Fail(String),
    Unknown(String),
}

/// The first code starting with one of the prefixes, and that prefix.
fn first_match(codes: &[Cpv], prefixes: &[String]) -> Option<(String, String)> {
    codes.iter().find_map(|c| {
        prefixes
            .iter()
            .find(|p| c.starts_with(p))
            .map(|p| (c.to_string(), p.clone()))
    })
}

fn say_kind(lang: Language, kind: ContractType) -> String {
    Messages::embedded().text(&format!("kind.{}", name_of(&kind)), lang)
}

fn say_authority(lang: Language, kind: AuthorityKind) -> String {
    Messages::embedded().text(&format!("authority.{}", name_of(&kind)), lang)
}

pub fn say_procedure(lang: Language, procedure: Procedure) -> String {
    Messages::embedded().text(&format!("procedure.{}", name_of(&procedure)), lang)
}

pub fn say_priority(lang: Language, priority: Priority) -> String {
    Messages::embedded().text(&format!("priority.{}", name_of(&priority)), lang)
}

#[cfg(test)]
#[path = "recommend_tests.rs"]
mod tests;
