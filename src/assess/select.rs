//! The annex's clauses: the buyer's decisions applied to the recommendations.
//!
//! Recommendations are advice; the annex is the buyer's tender text. This stage decides which
//! clauses the annex carries: the buyer's `clauses:` choice (and `--include`/`--exclude`) first,
//! then the recommended clauses minus every one that would contradict the procurement. Each
//! rule is one function below, and every clause it leaves out carries the rule and a reason,
//! so `match` and the checklist's drafting notes can say why.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::duties::Context;
use super::recommend::{Recommendation, Status, usable_in};
use super::targets::ParamValue;
use crate::error::did_you_mean;
use crate::input::validate::trim;
use crate::input::yaml::Step;
use crate::input::{ClauseChoice, Language, Procedure};
use crate::library::clause::AwardWeight;
use crate::library::{Clause, Instrument, Library};
use crate::messages::{Messages, number};
use crate::said::Said;

/// The order instruments appear in, as a tender document presents them; the selection and
/// the annex follow it.
pub const INSTRUMENTS: [Instrument; 5] = [
    Instrument::Reservation,
    Instrument::Selection,
    Instrument::Specification,
    Instrument::AwardCriterion,
    Instrument::ContractCondition,
];

/// One clause in the annex.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Selected {
    pub clause: String,
    pub title: String,
    pub instrument: Instrument,
    /// The lots the clause is limited to (a reserved lot); empty: the whole contract.
    pub lots: Vec<String>,
    /// Its targets: computed, or set by the buyer in `clauses.params`.
    pub params: BTreeMap<String, ParamValue>,
    pub why: Why,
    /// For an award criterion: the award's weight it is scored under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scored_under: Option<AwardWeight>,
    /// Lots reserved for suppliers that employ the target groups, where the clause does not
    /// apply (`needs.unreserved`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exempt_lots: Vec<String>,
}

/// Why a clause is in the annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// Recommended, and nothing the buyer decided rules it out.
    Recommended,
    /// Named in `clauses.include` or `--include`.
    Included,
    /// The default basis of the reservation the buyer chose without naming one.
    Reserved,
}

/// A recommended clause the annex does not carry, and the rule that left it out.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LeftOut {
    pub clause: String,
    pub title: String,
    pub rule: Rule,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The buyer excluded it.
    Excluded,
    /// A reservation the buyer did not choose, or another basis than the one chosen.
    Reservation,
    /// An award criterion without a weight for it in the award.
    Award,
    /// A qualification demand: the procurement's own `qualification` stands.
    Qualification,
    /// A sub-contracting clause where sub-contracting is not allowed.
    Subcontracting,
    /// Text that presumes a competition the procedure does not have.
    Procedure,
    /// A follow-up of targets where the annex sets none.
    Targets,
    /// Target-group hiring or WISE sub-contracting in a contract reserved for suppliers that
    /// employ the target groups.
    Reserved,
}

/// The clauses the annex carries, and the recommended ones it does not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Selection {
    pub selected: Vec<Selected>,
    pub left_out: Vec<LeftOut>,
}

/// The buyer's choice given on the command line (`--include`, `--exclude`).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// Where an objection points: a field of the procurement file, or a command-line option.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Field(Vec<Step>),
    Flag(&'static str),
}

/// A choice that cannot be carried out, with how to put it right.
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub origin: Origin,
    pub message: Said,
    pub help: Option<Said>,
}

/// One clause id the buyer named, and where.
struct Named<'a> {
    id: &'a str,
    origin: Origin,
}

/// Applies the buyer's decisions to the recommendations.
pub fn select(
    cx: &Context,
    library: &Library,
    recommendations: &[Recommendation],
    flags: &Flags,
) -> Result<Selection, Vec<Objection>> {
    let empty = ClauseChoice::default();
    let choice = cx.procurement.clauses.as_ref().unwrap_or(&empty);
    let mut objections = Vec::new();
    let include = names(&choice.include, "include", &flags.include, "--include");
    let exclude = names(&choice.exclude, "exclude", &flags.exclude, "--exclude");
    for n in include.iter().chain(&exclude) {
        if library.get(n.id).is_none() {
            objections.push(unknown_clause(library, n.id, n.origin.clone()));
        }
    }
    for n in &include {
        if exclude.iter().any(|e| e.id == n.id) {
            objections.push(Objection {
                origin: n.origin.clone(),
                message: error("select.both", json!({ "id": n.id })),
                help: Some(error("select.both-help", json!({}))),
            });
        }
    }
    // Unknown ids are reported above and match nothing below, so every other problem with
    // the choice is reported in the same run.
    let clause_of = |id: &str| library.get(id).map(|e| &e.clause);
    let mut out = Selection::default();

    // The reservation: at most one basis, only when the buyer chose one.
    let included_reservations: Vec<&Named> = include
        .iter()
        .filter(|n| clause_of(n.id).is_some_and(|c| c.instrument == Instrument::Reservation))
        .collect();
    match reservation(
        cx,
        library,
        recommendations,
        &included_reservations,
        &exclude,
    ) {
        Ok(Some(chosen)) => out.selected.push(chosen),
        Ok(None) => {}
        Err(mut o) => objections.append(&mut o),
    }
    let chosen_reservation = out.selected.first().map(|s| s.clause.clone());
    // What a reservation for suppliers that employ the target groups covers: its lots, or
    // the whole contract (no lots).
    let reserved_for_wises: Option<Vec<String>> = out
        .selected
        .first()
        .filter(|s| clause_of(&s.clause).is_some_and(|c| c.employs_target_groups))
        .map(|s| s.lots.clone());

    for r in recommendations {
        let Some(clause) = clause_of(&r.clause) else {
            continue;
        };
        if clause.instrument == Instrument::Process {
            if let Some(n) = include.iter().find(|n| n.id == r.clause) {
                // A step that does not fit says why first (IOP is never for works).
                let reason = if r.status == Status::NotApplicable {
                    error(
                        "select.not-applicable",
                        json!({ "reasons": failed_reasons(r) }),
                    )
                } else {
                    error("select.process", json!({}))
                };
                objections.push(refuse(n, reason));
            }
            continue;
        }
        let included = include.iter().find(|n| n.id == r.clause);
        if clause.instrument == Instrument::Reservation {
            if r.status == Status::Recommended
                && chosen_reservation.as_deref() != Some(r.clause.as_str())
            {
                let reason = match &chosen_reservation {
                    Some(chosen) => cx.say("select.reservation.other", json!({ "id": chosen })),
                    None => cx.say("select.reservation.none", json!({})),
                };
                out.left_out.push(left_out(r, Rule::Reservation, reason));
            }
            continue;
        }
        if exclude.iter().any(|n| n.id == r.clause) {
            if r.status == Status::Recommended {
                let reason = cx.say("select.excluded", json!({}));
                out.left_out.push(left_out(r, Rule::Excluded, reason));
            }
            continue;
        }
        if included.is_none() && r.status != Status::Recommended {
            continue;
        }
        if let Some(n) = included
            && r.status == Status::NotApplicable
        {
            let reason = error(
                "select.not-applicable",
                json!({ "reasons": failed_reasons(r) }),
            );
            objections.push(refuse(n, reason));
            continue;
        }
        let unreserved = clause.needs.unreserved;
        let whole_reserved = reserved_for_wises.as_ref().is_some_and(Vec::is_empty);
        let broken = [
            procedure_rule,
            award_rule,
            qualification_rule,
            subcontracting_rule,
        ]
        .iter()
        .find_map(|rule| rule(cx, clause, included.is_some()))
        .or((unreserved && whole_reserved).then_some((Rule::Reserved, "select.reserved-wise")));
        match (broken, included) {
            (Some((rule, key)), None) => {
                out.left_out.push(left_out(r, rule, cx.say(key, json!({}))));
            }
            (Some((_, key)), Some(n)) => objections.push(refuse(n, error(key, json!({})))),
            (None, _) => out.selected.push(Selected {
                clause: r.clause.clone(),
                title: r.title.clone(),
                instrument: r.instrument,
                lots: Vec::new(),
                params: r.params.clone(),
                why: if included.is_some() && r.status != Status::Recommended {
                    Why::Included
                } else {
                    Why::Recommended
                },
                scored_under: scored_under(cx, clause),
                exempt_lots: if unreserved {
                    reserved_for_wises.clone().unwrap_or_default()
                } else {
                    Vec::new()
                },
            }),
        }
    }

    set_params(cx, library, choice, &mut out.selected, &mut objections);
    follow_up_needs_targets(
        cx,
        library,
        recommendations,
        &include,
        &mut out,
        &mut objections,
    );
    if !objections.is_empty() {
        return Err(objections);
    }
    out.selected.sort_by_key(|s| {
        INSTRUMENTS
            .iter()
            .position(|i| *i == s.instrument)
            .unwrap_or(INSTRUMENTS.len())
    });
    Ok(out)
}

fn names<'a>(
    file: &'a [crate::input::yaml::Text],
    key: &'static str,
    flags: &'a [String],
    flag: &'static str,
) -> Vec<Named<'a>> {
    let from_file = file.iter().enumerate().map(|(i, id)| Named {
        id: id.as_str(),
        origin: Origin::Field(vec![Step::Key("clauses"), Step::Key(key), Step::Index(i)]),
    });
    let from_flags = flags.iter().map(|id| Named {
        id: id.as_str(),
        origin: Origin::Flag(flag),
    });
    from_file.chain(from_flags).collect()
}

fn unknown_clause(library: &Library, id: &str, origin: Origin) -> Objection {
    let help = match did_you_mean(id, library.clauses().map(|c| c.id.as_str())) {
        Some(m) => error("select.did-you-mean", json!({ "name": m })),
        None => error("select.unknown-help", json!({})),
    };
    Objection {
        origin,
        message: error("select.unknown", json!({ "id": id })),
        help: Some(help),
    }
}

fn refuse(n: &Named, reason: Said) -> Objection {
    Objection {
        origin: n.origin.clone(),
        message: error_with(
            "select.refused",
            |lang| json!({ "id": n.id, "reason": reason.get(lang) }),
        ),
        help: Some(error("select.refused-help", json!({}))),
    }
}

fn left_out(r: &Recommendation, rule: Rule, reason: String) -> LeftOut {
    LeftOut {
        clause: r.clause.clone(),
        title: r.title.clone(),
        rule,
        reason,
    }
}

/// Why a clause does not apply: its hard conditions that failed, in one run of sentences.
fn failed_reasons(r: &Recommendation) -> String {
    r.failed.join(" ")
}

/// The reservation, if the buyer chose one: `social.reserved: true` (the whole contract),
/// `lots[].reserved: true` (those lots), or a reservation clause in `include`. Exactly one
/// basis, and it must meet its own conditions for the contract or every reserved lot.
fn reservation(
    cx: &Context,
    library: &Library,
    recommendations: &[Recommendation],
    included: &[&Named],
    exclude: &[Named],
) -> Result<Option<Selected>, Vec<Objection>> {
    let p = cx.procurement;
    let whole = p.social.as_ref().and_then(|s| s.reserved);
    let lots: Vec<(usize, &str)> = p
        .lots
        .iter()
        .flatten()
        .enumerate()
        .filter(|(_, l)| l.reserved == Some(true))
        .map(|(i, l)| (i, l.title.as_str()))
        .collect();
    let at = |steps: Vec<Step>| Origin::Field(steps);
    let reserved_at = || at(vec![Step::Key("social"), Step::Key("reserved")]);
    let lot_at = |i: usize| {
        at(vec![
            Step::Key("lots"),
            Step::Index(i),
            Step::Key("reserved"),
        ])
    };

    if included.len() > 1 {
        let ids: Vec<&str> = included.iter().map(|n| n.id).collect();
        return Err(vec![Objection {
            origin: included[1].origin.clone(),
            message: error("select.reservation.two", json!({ "ids": ids.join("`, `") })),
            help: Some(error("select.reservation.two-help", json!({}))),
        }]);
    }
    let wanted = whole == Some(true) || !lots.is_empty() || !included.is_empty();
    if !wanted {
        return Ok(None);
    }
    let origin = included
        .first()
        .map(|n| n.origin.clone())
        .unwrap_or_else(|| match lots.first() {
            Some((i, _)) => lot_at(*i),
            None => reserved_at(),
        });
    if whole == Some(false) && lots.is_empty() {
        return Err(vec![Objection {
            origin,
            message: error("select.reservation.declined", json!({})),
            help: Some(error("select.reservation.declined-help", json!({}))),
        }]);
    }
    if p.procedure == Some(Procedure::DirectAward) {
        return Err(vec![Objection {
            origin,
            message: error("select.reservation.direct-award", json!({})),
            help: Some(error("select.reservation.direct-award-help", json!({}))),
        }]);
    }

    // A basis fits when it is usable for the contract (whole) or for every reserved lot.
    let lot_titles: Vec<String> = lots.iter().map(|(_, t)| t.to_string()).collect();
    let fits = |r: &Recommendation| -> Result<(), String> {
        if lots.is_empty() {
            return match r.status {
                Status::NotApplicable => Err(failed_reasons(r)),
                _ => Ok(()),
            };
        }
        for title in &lot_titles {
            match r.lots.iter().find(|l| &l.lot == title) {
                Some(l) if l.status == Status::NotApplicable => {
                    return Err(format!("{title}: {}", l.failed.join(" ")));
                }
                _ => {}
            }
        }
        Ok(())
    };
    let candidates: Vec<&Recommendation> = recommendations
        .iter()
        .filter(|r| r.instrument == Instrument::Reservation)
        .filter(|r| {
            library
                .get(&r.clause)
                .is_some_and(|e| usable_in(&e.clause.jurisdictions, p.jurisdiction))
        })
        .collect();
    let chosen = match included.first() {
        Some(n) => {
            let r = candidates.iter().find(|r| r.clause == n.id);
            match r.map(|r| fits(r)) {
                Some(Ok(())) => *r.expect("found above"),
                Some(Err(reasons)) => {
                    return Err(vec![refuse(
                        n,
                        error("select.not-applicable", json!({ "reasons": reasons })),
                    )]);
                }
                None => {
                    return Err(vec![refuse(
                        n,
                        error("select.reservation.elsewhere", json!({})),
                    )]);
                }
            }
        }
        None => {
            // The buyer named no basis: the regime's default one (the reservation for
            // sheltered workshops and work integration), never a quiet switch to another
            // basis with other eligible suppliers.
            let own = |r: &Recommendation| {
                library
                    .get(&r.clause)
                    .is_some_and(|e| e.clause.jurisdictions.contains(&p.jurisdiction))
            };
            let default = candidates
                .iter()
                .filter(|r| {
                    library
                        .get(&r.clause)
                        .is_some_and(|e| e.clause.default_reservation)
                })
                .min_by_key(|r| (!own(r), r.clause.clone()));
            let others = |chosen: Option<&str>| -> Said {
                let fitting: Vec<&str> = candidates
                    .iter()
                    .filter(|r| Some(r.clause.as_str()) != chosen && fits(r).is_ok())
                    .map(|r| r.clause.as_str())
                    .collect();
                if fitting.is_empty() {
                    error("select.reservation.no-other", json!({}))
                } else {
                    error(
                        "select.reservation.others",
                        json!({ "ids": fitting.join("`, `") }),
                    )
                }
            };
            // The default is taken only where no other basis would fit: a basis decides who
            // may take part, so where several would, the buyer names one.
            let basis_of = |r: &Recommendation| {
                library
                    .get(&r.clause)
                    .and_then(|e| e.clause.group.clone())
                    .unwrap_or_else(|| r.clause.clone())
            };
            if let Some(d) = default
                && fits(d).is_ok()
                && !exclude.iter().any(|n| n.id == d.clause)
            {
                // One id per basis, the procurement's own version before the EU base.
                let mut fitting: Vec<&&Recommendation> = candidates
                    .iter()
                    .filter(|r| basis_of(r) != basis_of(d) && fits(r).is_ok())
                    .collect();
                fitting.sort_by_key(|r| (basis_of(r), !own(r)));
                fitting.dedup_by_key(|r| basis_of(r));
                let mut other: Vec<&str> = fitting.iter().map(|r| r.clause.as_str()).collect();
                if !other.is_empty() {
                    other.insert(0, d.clause.as_str());
                    return Err(vec![Objection {
                        origin,
                        message: error(
                            "select.reservation.ambiguous",
                            json!({ "ids": other.join("`, `") }),
                        ),
                        help: Some(error("select.reservation.ambiguous-help", json!({}))),
                    }]);
                }
            }
            match default {
                Some(r) if exclude.iter().any(|n| n.id == r.clause) => {
                    return Err(vec![Objection {
                        origin,
                        message: error(
                            "select.reservation.default-excluded",
                            json!({ "id": r.clause }),
                        ),
                        help: Some(others(Some(&r.clause))),
                    }]);
                }
                Some(r) => match fits(r) {
                    Ok(()) => *r,
                    Err(reasons) => {
                        return Err(vec![Objection {
                            origin,
                            message: error(
                                "select.reservation.default-unfit",
                                json!({ "id": r.clause, "reasons": reasons }),
                            ),
                            help: Some(others(Some(&r.clause))),
                        }]);
                    }
                },
                None => {
                    return Err(vec![Objection {
                        origin,
                        message: error("select.reservation.no-default", json!({})),
                        help: Some(others(None)),
                    }]);
                }
            }
        }
    };
    Ok(Some(Selected {
        clause: chosen.clause.clone(),
        title: chosen.title.clone(),
        instrument: Instrument::Reservation,
        lots: lot_titles,
        params: chosen.params.clone(),
        why: if included.is_empty() {
            Why::Reserved
        } else {
            Why::Included
        },
        scored_under: None,
        exempt_lots: Vec::new(),
    }))
}

/// A direct award has no advertised competition with a qualification stage to pass. Offers may
/// still be compared: an award criterion follows the procurement's weights (`award_rule`).
fn procedure_rule(cx: &Context, clause: &Clause, _included: bool) -> Option<(Rule, &'static str)> {
    (clause.instrument == Instrument::Selection
        && cx.procurement.procedure == Some(Procedure::DirectAward))
    .then_some((Rule::Procedure, "select.direct-award"))
}

/// An award criterion needs a weight for it in the award: its own social weight, or the
/// quality weight it is scored within (see [`AwardWeight::of`]).
fn award_rule(cx: &Context, clause: &Clause, _included: bool) -> Option<(Rule, &'static str)> {
    if clause.instrument != Instrument::AwardCriterion {
        return None;
    }
    let needs = clause.needs.award_weight;
    let reason = match cx.procurement.award {
        None => "select.award.unknown",
        Some(a) if AwardWeight::of(needs, &a).is_some() => return None,
        Some(a) if a.social == 0.0 && a.quality == 0.0 => "select.award.price-only",
        Some(_) if needs == Some(AwardWeight::Quality) => "select.award.no-quality",
        Some(_) => "select.award.no-social",
    };
    Some((Rule::Award, reason))
}

/// The weight an award criterion in the annex is scored under (see [`AwardWeight::resolve`]).
fn scored_under(cx: &Context, clause: &Clause) -> Option<AwardWeight> {
    (clause.instrument == Instrument::AwardCriterion)
        .then_some(cx.procurement.award)
        .flatten()
        .map(|award| AwardWeight::resolve(clause.needs.award_weight, &award))
}

/// Qualification demands are the buyer's (`qualification`): a clause that sets its own would
/// state a demand the procurement does not make, so it is never chosen for the buyer (the
/// checklist carries the advice), and the buyer may include it only where the procurement
/// states no turnover or years-of-trading demand for it to contradict.
fn qualification_rule(
    cx: &Context,
    clause: &Clause,
    included: bool,
) -> Option<(Rule, &'static str)> {
    if clause.instrument != Instrument::Selection {
        return None;
    }
    let q = cx.procurement.qualification.as_ref();
    let stated = q.is_some_and(|q| q.min_turnover.is_some() || q.min_years_trading.is_some());
    let key = match (stated, included) {
        (true, _) => "select.qualification.stated",
        (false, false) => "select.qualification.default",
        (false, true) => return None,
    };
    Some((Rule::Qualification, key))
}

/// A sub-contracting clause only where the winner may sub-contract.
fn subcontracting_rule(
    cx: &Context,
    clause: &Clause,
    _included: bool,
) -> Option<(Rule, &'static str)> {
    (clause.needs.subcontracting && cx.procurement.subcontracting_refused())
        .then_some((Rule::Subcontracting, "select.subcontracting"))
}

/// The buyer's own targets (`clauses.params`): for a clause in the annex, a parameter it has,
/// within its bounds.
fn set_params(
    cx: &Context,
    library: &Library,
    choice: &ClauseChoice,
    selected: &mut [Selected],
    objections: &mut Vec<Objection>,
) {
    for (id, values) in &choice.params {
        let at = |more: Vec<Step>| {
            let mut path = vec![
                Step::Key("clauses"),
                Step::Key("params"),
                Step::Name(id.to_string()),
            ];
            path.extend(more);
            Origin::Field(path)
        };
        let Some(entry) = library.get(id) else {
            objections.push(unknown_clause(library, id, at(vec![])));
            continue;
        };
        let Some(s) = selected.iter_mut().find(|s| s.clause == id.as_str()) else {
            objections.push(Objection {
                origin: at(vec![]),
                message: error("select.params-not-in-annex", json!({ "id": id })),
                help: Some(error(
                    "select.params-not-in-annex-help",
                    json!({ "id": id }),
                )),
            });
            continue;
        };
        for (name, &value) in values {
            let here = at(vec![Step::Name(name.to_string())]);
            let Some(param) = entry.clause.params.get(name.as_str()) else {
                let names: Vec<&str> = entry.clause.params.keys().map(String::as_str).collect();
                let help = match did_you_mean(name, names.iter().copied()) {
                    Some(m) => error("select.did-you-mean", json!({ "name": m })),
                    None if names.is_empty() => error("select.no-params", json!({ "id": id })),
                    None => error(
                        "select.params-are",
                        json!({ "id": id, "names": names.join("`, `") }),
                    ),
                };
                objections.push(Objection {
                    origin: here,
                    message: error("select.no-such-param", json!({ "id": id, "name": name })),
                    help: Some(help),
                });
                continue;
            };
            let low = param.min.unwrap_or(0.0);
            let high = param.max.unwrap_or(f64::INFINITY);
            if !value.is_finite() || value < low || value > high {
                let bounds = match param.max {
                    Some(max) => error(
                        "select.bounds.between",
                        json!({ "low": trim(low), "high": trim(max) }),
                    ),
                    None => error("select.bounds.at-least", json!({ "low": trim(low) })),
                };
                let args = |lang| json!({ "name": name, "value": trim(value), "bounds": bounds.get(lang) });
                objections.push(Objection {
                    origin: here,
                    message: error_with("select.out-of-bounds", args),
                    help: Some(error_with("select.out-of-bounds-help", args)),
                });
                continue;
            }
            let unit = param
                .unit
                .as_ref()
                .map(|u| u.get(cx.lang, value).to_string());
            s.params.insert(
                name.to_string(),
                ParamValue {
                    value,
                    explain: cx.say(
                        "select.param-set",
                        json!({ "value": number(value, cx.lang), "unit": unit.clone().unwrap_or_default() }),
                    ),
                    unit,
                    benefit: param.benefit,
                    amount: param.kind == crate::library::clause::ParamKind::Amount,
                    call_off: None,
                },
            );
        }
    }
}

/// A clause that follows up targets (`needs.targets`: a vite, a reporting duty) goes only
/// beside another clause in the annex that sets one; included by the buyer without one, it is
/// refused.
fn follow_up_needs_targets(
    cx: &Context,
    library: &Library,
    recommendations: &[Recommendation],
    include: &[Named],
    out: &mut Selection,
    objections: &mut Vec<Objection>,
) {
    let needs = |id: &str| library.get(id).is_some_and(|e| e.clause.needs.targets);
    let has_target = out
        .selected
        .iter()
        .any(|s| !needs(&s.clause) && s.params.values().any(|p| !p.amount));
    if has_target {
        return;
    }
    let (dropped, kept): (Vec<Selected>, Vec<Selected>) = std::mem::take(&mut out.selected)
        .into_iter()
        .partition(|s| needs(&s.clause));
    out.selected = kept;
    for s in dropped {
        if let Some(n) = include.iter().find(|n| n.id == s.clause) {
            objections.push(refuse(n, error("select.targets", json!({}))));
        } else if let Some(r) = recommendations.iter().find(|r| r.clause == s.clause) {
            out.left_out.push(left_out(
                r,
                Rule::Targets,
                cx.say("select.targets", json!({})),
            ));
        }
    }
}

/// Wording for an error message, in both languages: the reader's is chosen when it is
/// printed. The same keys give the reasons in the document's language.
pub(crate) fn error(key: &str, args: Value) -> Said {
    error_with(key, |_| args.clone())
}

/// Like [`error`], with arguments that differ by language.
fn error_with(key: &str, args: impl Fn(Language) -> Value) -> Said {
    let messages = Messages::embedded();
    Said {
        en: messages.render(key, Language::En, &args(Language::En)),
        sv: Some(messages.render(key, Language::Sv, &args(Language::Sv))),
    }
}

#[cfg(test)]
#[path = "select_tests.rs"]
mod tests;
