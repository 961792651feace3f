//! The tender annex: the bidders' text. It holds the clauses the buyer's decisions selected
//! (`Assessment::selection`), numbered and grouped by instrument with their targets,
//! verification and the indicators the supplier reports, a reporting schedule, and a response
//! form for the supplier's own commitments.
//!
//! Nothing for the buyer is here: reasons, duties, notice texts, unconfirmed facts, sources,
//! the indicators the buyer counts and the tool's name go into the checklist's drafting notes
//! (`compose::notes`). One function per section, so each rule has one home.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::cites;
use super::document::{Block, Document, Inline, reference, text};
use crate::assess::duties;
use crate::assess::recommend::say_priority;
use crate::assess::select::INSTRUMENTS;
use crate::assess::{Assessment, CallOff, ParamValue, Selected, Status};
use crate::input::yaml::name_of;
use crate::input::{Jurisdiction, Language};
use crate::library::clause::{AwardWeight, Counter, Kpi, Reporting};
use crate::library::{Clause, Instrument, Library};
use crate::messages::{Messages, money, number};

/// One numbered requirement: its number, the buyer's selection, the clause.
pub struct Item<'a> {
    pub n: usize,
    pub selected: &'a Selected,
    pub clause: &'a Clause,
}

/// The id of requirement `n`'s heading, which the tables point to.
fn requirement_id(n: usize) -> String {
    format!("requirement-{n}")
}

/// The selected clauses with their numbers, in annex order.
pub fn items<'a>(a: &'a Assessment, library: &'a Library) -> Vec<Item<'a>> {
    a.selection
        .iter()
        .filter_map(|s| library.get(&s.clause).map(|e| (s, &e.clause)))
        .enumerate()
        .map(|(i, (selected, clause))| Item {
            n: i + 1,
            selected,
            clause,
        })
        .collect()
}

/// The annex for an assessment.
pub fn annex(a: &Assessment, library: &Library) -> Document {
    let lang = a.language;
    let m = Messages::embedded();
    let p = &a.procurement;
    let items = items(a, library);
    let labels = p.annex.clone().unwrap_or_default();
    let label = labels
        .label
        .map_or_else(|| m.text("annex.label", lang), |l| l.to_string());
    let title = format!(
        "{} – {}",
        m.render("annex.title", lang, &json!({ "label": label })),
        p.title
    );
    // One reference for the table and the running header: the annex's own, else the id.
    let reference = labels
        .reference
        .or_else(|| p.id.clone())
        .map(|r| r.to_string());
    let running = [
        p.authority.as_ref().map(|x| x.name.to_string()),
        reference.clone(),
        Some(label),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let mut blocks = vec![Block::heading(1, "annex", title.clone())];
    procurement_table(a, reference, &mut blocks);
    purpose(a, &mut blocks);
    legal_basis(a, &items, lang, &mut blocks);
    requirements(a, &items, &mut blocks);
    if !items.is_empty() {
        reporting(a, &items, &mut blocks);
        response_form(a, &items, &mut blocks);
    }
    Document {
        language: lang,
        title,
        author: p.authority.as_ref().map(|x| x.name.to_string()),
        subject: m.render("annex.subject", lang, &json!({ "title": p.title.as_str() })),
        running: Some(running),
        credited: false,
        blocks,
    }
}

/// The procurement, as a table: the facts a bidder needs to place the annex.
fn procurement_table(a: &Assessment, reference: Option<String>, blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let p = &a.procurement;
    let unknown = word("annex.unknown");
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| unknown.clone());
    let cpv = p.cpv.as_ref().map(|c| {
        c.iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let duration = p
        .duration_months
        .map(|d| m.render("annex.meta.duration-value", lang, &json!({ "months": d })));
    let rows = [
        (
            "annex.meta.authority",
            or_unknown(p.authority.as_ref().map(|x| x.name.to_string())),
        ),
        ("annex.meta.reference", or_unknown(reference)),
        ("annex.meta.title", p.title.to_string()),
        ("annex.meta.cpv", or_unknown(cpv)),
        (
            "annex.meta.value",
            or_unknown(p.value.map(|v| money(&v, lang))),
        ),
        (
            if p.is_framework() {
                "annex.meta.duration-framework"
            } else {
                "annex.meta.duration"
            },
            or_unknown(duration),
        ),
        ("annex.meta.regime", regime(a)),
    ];
    blocks.push(Block::heading(2, "procurement", word("annex.meta.heading")));
    blocks.push(Block::Table {
        caption: None,
        header: vec![word("annex.meta.field"), word("annex.meta.content")],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![text(word(k)), text(v)])
            .collect(),
    });
}

/// The law the procurement is run under. In Scotland the 2015 Regulations govern only above
/// the thresholds; below them the 2014 Act alone does.
fn regime(a: &Assessment) -> String {
    let code = a.procurement.jurisdiction.code();
    let key = match (
        a.procurement.jurisdiction,
        a.duty_applies("above-threshold"),
    ) {
        (Jurisdiction::Scotland, Some(false)) => format!("annex.regime.{code}.below"),
        (Jurisdiction::Scotland, None) => format!("annex.regime.{code}.unknown"),
        _ => format!("annex.regime.{code}"),
    };
    Messages::embedded().text(&key, a.language)
}

fn purpose(a: &Assessment, blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    blocks.push(Block::heading(
        2,
        "purpose",
        m.text("annex.purpose.heading", lang),
    ));
    blocks.push(Block::paragraph(m.text("annex.purpose.text", lang)));
    // In a framework the requirements bind each call-off: "the contract", its start and its
    // period are the call-off's, which the texts would otherwise leave open.
    if a.procurement.is_framework() {
        blocks.push(Block::paragraph(m.text("annex.purpose.framework", lang)));
    }
}

/// The provisions the requirements rest on: the clauses' own citations.
fn legal_basis(a: &Assessment, items: &[Item], lang: Language, blocks: &mut Vec<Block>) {
    let m = Messages::embedded();
    blocks.push(Block::heading(
        2,
        "legal-basis",
        m.text("annex.legal.heading", lang),
    ));
    let cites = cites::list(
        items
            .iter()
            .flat_map(|i| a.basis_of(i.clause))
            .map(|b| b.cite.as_str()),
        lang,
    );
    if cites.is_empty() {
        blocks.push(Block::paragraph(m.text("annex.legal.none", lang)));
    } else {
        blocks.push(Block::paragraph(m.text("annex.legal.intro", lang)));
        blocks.push(Block::List {
            ordered: false,
            items: cites.into_iter().map(text).collect(),
        });
    }
}

/// The requirements, numbered and grouped by instrument.
fn requirements(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    blocks.push(Block::heading(
        2,
        "requirements",
        m.text("annex.requirements.heading", lang),
    ));
    if items.is_empty() {
        blocks.push(Block::paragraph(m.text("annex.requirements.none", lang)));
    }
    for instrument in INSTRUMENTS {
        let group: Vec<&Item> = items
            .iter()
            .filter(|i| i.clause.instrument == instrument)
            .collect();
        if group.is_empty() {
            continue;
        }
        blocks.push(Block::heading(
            3,
            format!("instrument-{}", name_of(&instrument)),
            m.text(&format!("annex.instrument.{}", name_of(&instrument)), lang),
        ));
        for item in group {
            requirement(a, item, blocks);
        }
    }
}

/// One requirement: its text with the targets filled in, targets per lot, verification, the
/// indicators the supplier reports, and its legal basis.
fn requirement(a: &Assessment, item: &Item, blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let (n, s, clause) = (item.n, item.selected, item.clause);
    blocks.push(Block::numbered(4, requirement_id(n), n, s.title.clone()));
    blocks.push(Block::paragraph(clause_text(a, s, clause)));
    lot_targets(a, s, blocks);
    blocks.push(Block::Paragraph {
        text: vec![
            Inline::Strong(format!("{}:", word("annex.clause.verification"))),
            Inline::Text(format!(
                " {}",
                fill_in(a, s, clause, clause.verification.get(lang))
            )),
        ],
    });
    let kpis: Vec<&Kpi> = supplier_kpis(a, clause).collect();
    if !kpis.is_empty() {
        blocks.push(Block::Paragraph {
            text: vec![Inline::Strong(word("annex.clause.kpis"))],
        });
        blocks.push(Block::List {
            ordered: false,
            items: kpis
                .iter()
                .map(|k| text(format!("{} ({})", kpi_name(k, lang), unit(&k.unit, lang))))
                .collect(),
        });
    }
    let cites = cites::list(
        a.basis_of(clause).into_iter().map(|b| b.cite.as_str()),
        lang,
    );
    // Below the thresholds a requirement may rest on the contract alone: no line then.
    if !cites.is_empty() {
        blocks.push(Block::Paragraph {
            text: vec![Inline::Emphasis(m.render(
                "annex.clause.basis",
                lang,
                &json!({ "cites": cites.join("; ") }),
            ))],
        });
    }
}

/// One clause of the annex as the annex JSON gives it: its targets as the text states them.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AnnexEntry {
    pub clause: String,
    pub instrument: Instrument,
    /// The lots it is limited to; empty for the whole contract.
    pub lots: Vec<String>,
    /// The targets for the whole contract (amounts always; counts where there are no lots).
    pub params: BTreeMap<String, f64>,
    /// The counted targets per lot, where the text points to a table of lots; a lot the
    /// clause does not apply to (a reserved lot) is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params_per_lot: Option<BTreeMap<String, Option<BTreeMap<String, f64>>>>,
    /// For a framework: the rate each call-off is bound by.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub call_off: BTreeMap<String, CallOff>,
}

/// The clauses of the annex with the figures its text states: per lot where the text points
/// to a table, per call-off for a framework, never a whole-contract figure no supplier is
/// bound by.
pub fn selection_json(a: &Assessment) -> Vec<AnnexEntry> {
    a.selection
        .iter()
        .map(|s| {
            let per_lot = lot_rows(a, s).and_then(|_| {
                let r = a.recommendations.iter().find(|r| r.clause == s.clause)?;
                Some(
                    r.lots
                        .iter()
                        .map(|l| {
                            let exempt =
                                l.status == Status::NotApplicable || s.exempt_lots.contains(&l.lot);
                            let values = l
                                .params
                                .iter()
                                .filter(|(_, p)| !p.amount)
                                .map(|(name, p)| (name.clone(), p.value))
                                .collect();
                            (l.lot.clone(), (!exempt).then_some(values))
                        })
                        .collect(),
                )
            });
            AnnexEntry {
                clause: s.clause.clone(),
                instrument: s.instrument,
                lots: s.lots.clone(),
                params: s
                    .params
                    .iter()
                    .filter(|(_, p)| p.call_off.is_none() && (per_lot.is_none() || p.amount))
                    .map(|(name, p)| (name.clone(), p.value))
                    .collect(),
                params_per_lot: per_lot,
                call_off: s
                    .params
                    .iter()
                    .filter_map(|(name, p)| Some((name.clone(), p.call_off.clone()?)))
                    .collect(),
            }
        })
        .collect()
}

/// Targets per lot, where the clause carries computed targets and the contract has lots: one
/// row per lot, the lot and its targets. A clause limited to some lots (a reserved lot) or
/// with targets the buyer set by hand has none: its text gives the targets that apply.
/// Whether the annex gives `s`'s computed targets as a table of lots: a target the buyer sets
/// replaces the table with one figure.
pub fn splits_by_lot(a: &Assessment, s: &Selected) -> bool {
    lot_table(a, s).is_some()
}

fn lot_rows(a: &Assessment, s: &Selected) -> Option<Vec<(String, String)>> {
    let set_by_hand = a
        .procurement
        .clauses
        .as_ref()
        .is_some_and(|c| c.params.keys().any(|id| id.as_str() == s.clause));
    if set_by_hand {
        return None;
    }
    lot_table(a, s)
}

/// The table of targets per lot of computed figures, where the clause has one.
fn lot_table(a: &Assessment, s: &Selected) -> Option<Vec<(String, String)>> {
    let no_targets = |params: &BTreeMap<String, ParamValue>| params.values().all(|p| p.amount);
    // A framework's targets are rates per call-off, the same in every lot.
    let framework = s.params.values().any(|p| p.call_off.is_some());
    if !s.lots.is_empty() || framework || no_targets(&s.params) {
        return None;
    }
    let r = a.recommendations.iter().find(|r| r.clause == s.clause)?;
    if r.lots.iter().all(|l| no_targets(&l.params)) {
        return None;
    }
    // Every lot has a row, so that none is left to guess: a lot the clause does not fit (too
    // small, too short) says so, and one whose value is unknown is a field to fill in.
    let m = Messages::embedded();
    let rows = r
        .lots
        .iter()
        .map(|l| {
            let target = if l.status == Status::NotApplicable || s.exempt_lots.contains(&l.lot) {
                m.text("annex.clause.lot-exempt", a.language)
            } else if no_targets(&l.params) {
                m.text("annex.fill-in", a.language)
            } else {
                targets(l.params.values(), a.language).join(", ")
            };
            (l.lot.clone(), target)
        })
        .collect();
    Some(rows)
}

/// The table of targets per lot under a requirement, where it has one.
fn lot_targets(a: &Assessment, s: &Selected, blocks: &mut Vec<Block>) {
    let Some(rows) = lot_rows(a, s) else { return };
    let m = Messages::embedded();
    let lang = a.language;
    // An award criterion's figure is the most that is scored, not a target.
    let own = |key: &str| {
        m.text_or(
            &format!("{key}.{}", name_of(&s.instrument)),
            lang,
            &m.text(key, lang),
        )
    };
    blocks.push(Block::Table {
        caption: Some(own("annex.clause.lots")),
        header: vec![m.text("annex.clause.lot", lang), own("annex.clause.target")],
        rows: rows
            .into_iter()
            .map(|(lot, target)| vec![text(lot), text(target)])
            .collect(),
    });
}

/// The indicators the supplier reports (those the buyer counts itself are in the drafting
/// notes), without those counting sub-contracts where sub-contracting is not allowed.
pub fn supplier_kpis<'a>(a: &Assessment, clause: &'a Clause) -> impl Iterator<Item = &'a Kpi> {
    let no_subcontracting = a.procurement.subcontracting_refused();
    clause
        .kpis
        .iter()
        .filter(move |k| k.by == Counter::Supplier && !(k.subcontracting && no_subcontracting))
}

/// Each indicator the supplier reports, with the requirement it belongs to and when, as the
/// clause's own verification text says.
fn reporting(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let rows: Vec<Vec<Vec<Inline>>> = items
        .iter()
        .flat_map(|i| {
            supplier_kpis(a, i.clause).map(move |k| {
                let when = k.reporting.or(i.clause.reporting);
                vec![
                    vec![reference(requirement_id(i.n), i.n)],
                    text(kpi_name(k, lang)),
                    text(unit(&k.unit, lang)),
                    text(reporting_word(when, lang)),
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    blocks.push(Block::heading(
        2,
        "reporting",
        word("annex.schedule.heading"),
    ));
    blocks.push(Block::paragraph(word("annex.schedule.intro")));
    blocks.push(Block::Table {
        caption: None,
        header: vec![
            word("annex.schedule.requirement"),
            word("annex.schedule.kpi"),
            word("annex.schedule.unit"),
            word("annex.schedule.when"),
        ],
        rows,
    });
}

/// The supplier's commitments, one row per requirement it commits to (a reservation or a
/// qualification demand is met, not committed to, so it has no row), then the signature.
fn response_form(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let commitments: Vec<&Item> = items
        .iter()
        .filter(|i| {
            !matches!(
                i.clause.instrument,
                Instrument::Reservation | Instrument::Selection
            )
        })
        .collect();
    if commitments.is_empty() {
        return;
    }
    blocks.push(Block::heading(
        2,
        "response-form",
        word("annex.form.heading"),
    ));
    let offers = commitments
        .iter()
        .any(|i| i.clause.instrument == Instrument::AwardCriterion);
    blocks.push(Block::paragraph(word(if offers {
        "annex.form.intro-offer"
    } else {
        "annex.form.intro"
    })));
    blocks.push(Block::Form {
        header: vec![
            word("annex.form.requirement"),
            word("annex.form.accepted"),
            word("annex.form.offer"),
        ],
        rows: commitments
            .iter()
            .map(|i| {
                let title = &i.selected.title;
                let rest = match binding_figures(a, i.selected) {
                    // An award criterion's figure is the most it rewards, not a target to
                    // accept.
                    Some(f) if i.clause.instrument == Instrument::AwardCriterion => {
                        format!(" {title} ({} {f})", word("annex.form.at-most"))
                    }
                    Some(f) => format!(" {title} ({f})"),
                    None => format!(" {title}"),
                };
                vec![reference(requirement_id(i.n), i.n), Inline::Text(rest)]
            })
            .collect(),
        widths: vec![42, 16, 42],
    });
    for key in [
        "annex.form.organisation",
        "annex.form.name",
        "annex.form.date",
        "annex.form.sign",
    ] {
        blocks.push(Block::Field { label: word(key) });
    }
}

/// A requirement with the targets that bind: per lot where the annex gives a table of them
/// (`Title (North: 8 months; South: 8 months)`), else for the whole contract.
pub fn labelled(a: &Assessment, s: &Selected, title: &str) -> String {
    match binding_figures(a, s) {
        Some(f) => format!("{title} ({f})"),
        None => title.to_string(),
    }
}

/// The targets that bind, as one phrase: the lots' own (`North: 8 months; South: 8 months`)
/// where the annex gives a table of them, else the whole contract's (`6 jobs, 2 apprentices`).
fn binding_figures(a: &Assessment, s: &Selected) -> Option<String> {
    per_lot_figures(a, s).or_else(|| {
        let targets = targets(s.params.values(), a.language);
        (!targets.is_empty()).then(|| targets.join(", "))
    })
}

/// The rows of a clause's table of targets per lot, as one phrase, where it has one.
pub(super) fn per_lot_figures(a: &Assessment, s: &Selected) -> Option<String> {
    let rows = lot_rows(a, s)?;
    let rows: Vec<String> = rows.iter().map(|(lot, t)| format!("{lot}: {t}")).collect();
    Some(rows.join("; "))
}

/// What a requirement is expected to bring, for the s.25(4) award notice: its targets first
/// (`6 targeted opportunities (Targeted recruitment)`), per lot where they differ by lot, or its
/// title where it sets none.
pub fn expected_benefit(a: &Assessment, s: &Selected, title: &str) -> String {
    let lang = a.language;
    // A framework's rates per call-off are not what the authority expects in total: the
    // figure on the framework's estimated value is.
    let targets: Vec<String> = s
        .params
        .values()
        .filter(|p| !p.amount)
        .map(|p| match p.call_off {
            Some(_) => Messages::embedded().render(
                "annex.framework-estimate",
                lang,
                &json!({ "target": p.counted(lang) }),
            ),
            None => p.stated(lang),
        })
        .collect();
    let named = s.params.values().all(|p| p.unit.is_some());
    if targets.is_empty() || !named || lot_rows(a, s).is_some() {
        labelled(a, s, title)
    } else {
        format!("{} ({title})", targets.join(", "))
    }
}

/// `Title (6 targeted opportunities)`: a requirement with its targets.
/// The targets among a clause's figures, with their units; an amount (a vite) is not one.
fn targets<'a>(params: impl Iterator<Item = &'a ParamValue>, lang: Language) -> Vec<String> {
    params
        .filter(|p| !p.amount)
        .map(|p| p.stated(lang))
        .collect()
}

pub fn kpi_name(k: &Kpi, lang: Language) -> String {
    match lang {
        Language::Sv => k.sv.clone(),
        Language::En => k.en.clone(),
    }
}

/// A KPI's unit in the document's language, as written when the catalogue has no word for it.
pub fn unit(unit: &str, lang: Language) -> String {
    Messages::embedded().text_or(&format!("unit.{unit}"), lang, unit)
}

/// Names as one phrase: "Norra distriktet och Södra distriktet".
fn lots_phrase(lots: &[String], lang: Language) -> Option<String> {
    let (last, rest) = lots.split_last()?;
    if rest.is_empty() {
        return Some(last.clone());
    }
    let and = Messages::embedded().text("annex.and", lang);
    Some(format!("{} {and} {last}", rest.join(", ")))
}

/// The clause's text with its targets and the procurement's facts filled in; a fact that is
/// not known becomes a field to fill in.
pub fn clause_text(a: &Assessment, s: &Selected, clause: &Clause) -> String {
    fill_in(a, s, clause, clause.text.get(a.language))
}

/// A clause's template (its text or verification) with the procurement's facts filled in,
/// and the spaces that wording left out leaves behind tidied.
fn fill_in(a: &Assessment, s: &Selected, clause: &Clause, template: &str) -> String {
    let lang = a.language;
    let m = Messages::embedded();
    let fill = m.text("annex.fill-in", lang);
    let p = &a.procurement;
    let or_fill = |v: Option<String>| Value::String(v.unwrap_or_else(|| fill.clone()));
    let priorities: Vec<String> = p
        .priorities
        .iter()
        .flatten()
        .map(|&x| say_priority(lang, x))
        .collect();
    let mut context = Map::new();
    context.insert(
        "procurement".into(),
        json!({
            "id": or_fill(p.id.as_ref().map(|x| x.to_string())),
            "title": p.title.as_str(),
            "authority": {
                "name": or_fill(p.authority.as_ref().map(|x| x.name.to_string())),
                "region": or_fill(p.authority.as_ref().and_then(|x| x.region.as_ref()).map(|x| x.to_string())),
            },
            "duration_months": or_fill(p.duration_months.map(|d| d.to_string())),
            "value": or_fill(p.value.map(|v| money(&v, lang))),
            "subcontracting": !p.subcontracting_refused(),
            // True only where the procurement is known to be above the threshold.
            "above_threshold": a.duty_applies("above-threshold") == Some(true),
            "below_threshold": a.duty_applies("above-threshold") == Some(false),
            // The groups the buyer chose, as one phrase; empty (false) where it chose none.
            "priorities": lots_phrase(&priorities, lang).unwrap_or_default(),
            "framework": p.is_framework(),
        }),
    );
    // Every clause of the library, with whether the annex carries it.
    let with: Map<String, Value> = a
        .recommendations
        .iter()
        .map(|r| {
            let carried = a.selection.iter().any(|s| s.clause == r.clause);
            (r.clause.replace('-', "_"), Value::Bool(carried))
        })
        .collect();
    context.insert("annex".into(), json!({ "with": with }));
    context.insert("duty".into(), duties::template_flags(&a.duties));
    context.insert(
        "lot".into(),
        json!({ "title": lots_phrase(&s.lots, lang), "plural": s.lots.len() > 1 }),
    );
    // The weight the procurement gives the criterion: its own, or the quality weight it is
    // scored within.
    let weight = p
        .award
        .and_then(|w| AwardWeight::of(clause.needs.award_weight, &w));
    context.insert(
        "award".into(),
        json!({ "weight": or_fill(weight.map(|w| number(w, lang))) }),
    );
    // With a table of targets per lot, the text points to it rather than give a figure for
    // the whole contract that no one lot's supplier is bound by.
    let per_lot = lot_rows(a, s)
        .is_some()
        .then(|| m.text("annex.per-lot", lang));
    for (name, param) in &clause.params {
        let value = match (&per_lot, s.params.get(name)) {
            (_, Some(v)) if v.amount => number(v.value, lang),
            (
                _,
                Some(ParamValue {
                    call_off: Some(rate),
                    ..
                }),
            ) => rate.phrase(lang, false),
            (Some(phrase), _) if param.kind.is_target() => phrase.clone(),
            (_, Some(v)) => number(v.value, lang),
            (_, None) => fill.clone(),
        };
        context.insert(name.clone(), Value::String(value));
    }
    // `clauses lint` renders every text against every variable, so this cannot fail for a
    // linted library; a user library that was not linted gets its text as written.
    let text = m
        .try_render_template(template, &Value::Object(context))
        .unwrap_or_else(|_| template.to_string());
    tidy(&text)
}

/// One space between words, none before `.`, `,` or `;`.
fn tidy(text: &str) -> String {
    let mut out = crate::messages::one_space(text);
    for mark in [".", ",", ";"] {
        out = out.replace(&format!(" {mark}"), mark);
    }
    out
}

/// When an indicator is reported, in words.
pub fn reporting_word(when: Option<Reporting>, lang: Language) -> String {
    when.map_or_else(String::new, |w| {
        Messages::embedded().text(&format!("annex.report.{}", name_of(&w)), lang)
    })
}
