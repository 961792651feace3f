//! The tender annex (bidder-facing): the recommended clauses with their targets filled in,
//! grouped by instrument and numbered, with verification, KPIs, a reporting schedule, a
//! response form, the s.25 notice texts where Scotland's duty applies, sources and notes.
//!
//! Buyer-only material (rationale, scores, reasons) appears only with guidance switched on.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::document::{Block, Document, Inline, text};
use crate::assess::{Applies, Assessment, ParamValue, Recommendation, Status};
use crate::input::yaml::name_of;
use crate::input::{Jurisdiction, Language};
use crate::library::{Category, Clause, Instrument, Library};
use crate::messages::{Messages, money, number};

/// The categories that are community benefit requirements in the sense of s.24 of the
/// Procurement Reform (Scotland) Act 2014.
const COMMUNITY_BENEFITS: [Category; 8] = [
    Category::TargetedRecruitment,
    Category::Apprenticeships,
    Category::WorkPlacements,
    Category::Skills,
    Category::EducationEngagement,
    Category::SupplyChain,
    Category::ThirdSector,
    Category::Community,
];

/// The order instruments appear in, as a tender document presents them.
const INSTRUMENTS: [Instrument; 5] = [
    Instrument::Reservation,
    Instrument::Selection,
    Instrument::Specification,
    Instrument::AwardCriterion,
    Instrument::ContractCondition,
];

/// The annex for an assessment.
pub fn annex(a: &Assessment, library: &Library, with_guidance: bool) -> Document {
    let lang = a.language;
    let m = Messages::embedded();
    let say = |key: &str, args: Value| m.render(key, lang, &args);
    let word = |key: &str| m.text(key, lang);
    let p = &a.procurement;
    let mut blocks = Vec::new();

    let title = format!("{} – {}", word("annex.title"), p.title);
    blocks.push(Block::heading(1, "annex", title.clone()));

    // The procurement, as a table.
    blocks.push(Block::heading(2, "procurement", word("annex.meta.heading")));
    let unknown = word("annex.unknown");
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| unknown.clone());
    let rows = [
        (
            "annex.meta.authority",
            or_unknown(p.authority.as_ref().map(|x| x.name.to_string())),
        ),
        (
            "annex.meta.reference",
            or_unknown(p.id.as_ref().map(|x| x.to_string())),
        ),
        ("annex.meta.title", p.title.to_string()),
        (
            "annex.meta.cpv",
            or_unknown(p.cpv.as_ref().map(|c| {
                c.iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })),
        ),
        (
            "annex.meta.value",
            or_unknown(p.value.map(|v| money(&v, lang))),
        ),
        (
            "annex.meta.duration",
            or_unknown(
                p.duration_months
                    .map(|d| say("annex.meta.duration-value", json!({ "months": d }))),
            ),
        ),
        (
            "annex.meta.regime",
            word(&format!("annex.regime.{}", p.jurisdiction.code())),
        ),
        ("annex.meta.date", a.date.to_string()),
        (
            "annex.meta.library",
            format!("socialclause {}", a.library_version),
        ),
    ];
    blocks.push(Block::Table {
        caption: None,
        header: vec![word("annex.meta.field"), word("annex.meta.content")],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![text(word(k)), text(v)])
            .collect(),
    });

    blocks.push(Block::heading(2, "purpose", word("annex.purpose.heading")));
    blocks.push(Block::paragraph(word("annex.purpose.text")));

    // The duties that apply, then the clauses' own citations.
    let selected = selected(a, library);
    blocks.push(Block::heading(
        2,
        "legal-basis",
        word("annex.legal.heading"),
    ));
    let mut cites: Vec<String> = a
        .duties
        .iter()
        .filter(|d| d.applies == Applies::Yes)
        .map(|d| format!("{}: {}", d.title, d.cite))
        .collect();
    let clause_cites: BTreeSet<String> = selected
        .iter()
        .flat_map(|(_, c)| c.legal_basis.iter().map(|b| b.cite.clone()))
        .collect();
    cites.extend(clause_cites);
    if cites.is_empty() {
        blocks.push(Block::paragraph(word("annex.legal.none")));
    } else {
        blocks.push(Block::paragraph(word("annex.legal.intro")));
        blocks.push(Block::List {
            ordered: false,
            items: cites.into_iter().map(text).collect(),
        });
    }

    // The requirements, numbered and grouped by instrument.
    blocks.push(Block::heading(
        2,
        "requirements",
        word("annex.requirements.heading"),
    ));
    if selected.is_empty() {
        blocks.push(Block::paragraph(word("annex.requirements.none")));
    }
    let mut numbered: Vec<(usize, &Recommendation, &Clause)> = Vec::new();
    for instrument in INSTRUMENTS {
        let group: Vec<_> = selected
            .iter()
            .filter(|(_, c)| c.instrument == instrument)
            .collect();
        if group.is_empty() {
            continue;
        }
        blocks.push(Block::heading(
            3,
            format!("instrument-{}", name_of(&instrument)),
            word(&format!("annex.instrument.{}", name_of(&instrument))),
        ));
        for (r, clause) in group {
            let n = numbered.len() + 1;
            numbered.push((n, r, clause));
            clause_blocks(&mut blocks, a, n, r, clause, with_guidance);
        }
    }

    // Reporting schedule and response form.
    if !numbered.is_empty() {
        blocks.push(Block::heading(
            2,
            "reporting",
            word("annex.schedule.heading"),
        ));
        blocks.push(Block::paragraph(word("annex.schedule.intro")));
        let when = word("annex.schedule.when-value");
        blocks.push(Block::Table {
            caption: None,
            header: vec![
                word("annex.schedule.requirement"),
                word("annex.schedule.kpi"),
                word("annex.schedule.unit"),
                word("annex.schedule.when"),
            ],
            rows: numbered
                .iter()
                .flat_map(|(n, _, clause)| {
                    clause.kpis.iter().map(|k| {
                        vec![
                            text(n.to_string()),
                            text(match lang {
                                Language::Sv => k.sv.clone(),
                                Language::En => k.en.clone(),
                            }),
                            text(unit(&k.unit, lang)),
                            text(when.clone()),
                        ]
                    })
                })
                .collect(),
        });

        blocks.push(Block::heading(
            2,
            "response-form",
            word("annex.form.heading"),
        ));
        blocks.push(Block::paragraph(word("annex.form.intro")));
        let fill = word("annex.fill-in");
        blocks.push(Block::Table {
            caption: None,
            header: vec![
                word("annex.form.requirement"),
                word("annex.form.commitment"),
                word("annex.form.how"),
            ],
            rows: numbered
                .iter()
                .map(|(n, r, _)| {
                    let label = with_targets(&format!("{n}. {}", r.title), r.params.values(), lang);
                    vec![text(label), text(fill.clone()), text(fill.clone())]
                })
                .collect(),
        });
        blocks.push(Block::Field {
            label: word("annex.form.signature"),
        });
    }

    // Scotland, s.25: paste-ready texts when the duty applies.
    if has_section_25(a) {
        // Community benefit requirements as s.24 defines them: recruitment and training,
        // sub-contracting opportunities, and other benefits to the area beyond the contract.
        let list: Vec<String> = numbered
            .iter()
            .filter(|(_, _, c)| COMMUNITY_BENEFITS.contains(&c.category))
            .map(|(_, r, _)| with_targets(&r.title, r.params.values(), lang))
            .collect();
        let list = list.join("; ");
        blocks.push(Block::heading(2, "section-25", word("annex.s25.heading")));
        blocks.push(Block::Paragraph {
            text: vec![Inline::Strong(word("annex.s25.notice-label"))],
        });
        blocks.push(Block::paragraph(say(
            "annex.s25.notice",
            json!({ "list": list }),
        )));
        blocks.push(Block::Paragraph {
            text: vec![Inline::Strong(word("annex.s25.award-label"))],
        });
        blocks.push(Block::paragraph(say(
            "annex.s25.award",
            json!({ "list": list }),
        )));
    }

    // Sources, then the notes on what this is and what is not confirmed.
    let sources: BTreeSet<String> = numbered
        .iter()
        .flat_map(|(_, _, c)| c.sources.iter().map(|s| s.to_string()))
        .collect();
    if !sources.is_empty() {
        blocks.push(Block::heading(2, "sources", word("annex.sources.heading")));
        blocks.push(Block::List {
            ordered: false,
            items: sources.into_iter().map(text).collect(),
        });
    }
    blocks.push(Block::heading(2, "notes", word("annex.notes.heading")));
    blocks.push(Block::note(say(
        "annex.disclaimer",
        json!({ "version": a.library_version, "date": a.date.to_string() }),
    )));
    let unverified: Vec<String> = a
        .duties
        .iter()
        .filter(|d| !d.verified && d.applies != Applies::No)
        .map(|d| d.title.clone())
        .chain(
            numbered
                .iter()
                .filter(|(_, _, c)| c.notes.is_some())
                .map(|(n, r, _)| format!("{n}. {}", r.title)),
        )
        .collect();
    if !unverified.is_empty() {
        blocks.push(Block::note(say(
            "annex.unverified",
            json!({ "list": unverified.join("; ") }),
        )));
    }

    Document {
        language: lang,
        title,
        author: p.authority.as_ref().map(|x| x.name.to_string()),
        subject: say("annex.subject", json!({ "title": p.title.as_str() })),
        blocks,
    }
}

/// `Title (6 targeted opportunities)`: a requirement with its computed targets.
fn with_targets<'a>(
    title: &str,
    params: impl Iterator<Item = &'a ParamValue>,
    lang: Language,
) -> String {
    let targets: Vec<String> = params
        .map(|p| {
            format!(
                "{} {}",
                number(p.value, lang),
                p.unit.clone().unwrap_or_default()
            )
            .trim()
            .to_string()
        })
        .collect();
    if targets.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({})", targets.join(", "))
    }
}

/// A KPI's unit in the document's language, as written when the catalogue has no word for it.
fn unit(unit: &str, lang: Language) -> String {
    Messages::embedded().text_or(&format!("unit.{unit}"), lang, unit)
}

/// The recommended clauses a bidder must act on (process clauses are the buyer's own steps).
fn selected<'a>(a: &'a Assessment, library: &'a Library) -> Vec<(&'a Recommendation, &'a Clause)> {
    a.recommendations
        .iter()
        .filter(|r| r.status == Status::Recommended)
        .filter_map(|r| library.get(&r.clause).map(|e| (r, &e.clause)))
        .filter(|(_, c)| c.instrument != Instrument::Process)
        .collect()
}

fn clause_blocks(
    blocks: &mut Vec<Block>,
    a: &Assessment,
    n: usize,
    r: &Recommendation,
    clause: &Clause,
    with_guidance: bool,
) {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    blocks.push(Block::heading(
        4,
        format!("requirement-{n}"),
        format!("{n}. {}", r.title),
    ));
    blocks.push(Block::paragraph(clause_text(a, r, clause, None)));
    // Targets per lot, where the clause carries targets and the contract has lots.
    let lot_rows: Vec<Vec<Vec<Inline>>> = r
        .lots
        .iter()
        .filter(|l| l.status != Status::NotApplicable && !l.params.is_empty())
        .map(|l| {
            let targets: Vec<String> = l
                .params
                .values()
                .map(|p| {
                    format!(
                        "{} {}",
                        number(p.value, lang),
                        p.unit.clone().unwrap_or_default()
                    )
                })
                .collect();
            vec![
                text(l.lot.clone()),
                text(targets.join(", ").trim().to_string()),
            ]
        })
        .collect();
    if !lot_rows.is_empty() {
        blocks.push(Block::Table {
            caption: Some(word("annex.clause.lots")),
            header: vec![word("annex.clause.lot"), word("annex.clause.target")],
            rows: lot_rows,
        });
    }
    blocks.push(Block::Paragraph {
        text: vec![
            Inline::Strong(format!("{}:", word("annex.clause.verification"))),
            Inline::Text(format!(" {}", clause.verification.get(lang))),
        ],
    });
    blocks.push(Block::Paragraph {
        text: vec![Inline::Strong(word("annex.clause.kpis"))],
    });
    blocks.push(Block::List {
        ordered: false,
        items: clause
            .kpis
            .iter()
            .map(|k| {
                text(format!(
                    "{} ({})",
                    match lang {
                        Language::Sv => &k.sv,
                        Language::En => &k.en,
                    },
                    unit(&k.unit, lang)
                ))
            })
            .collect(),
    });
    let cites: Vec<&str> = clause.legal_basis.iter().map(|b| b.cite.as_str()).collect();
    blocks.push(Block::Paragraph {
        text: vec![Inline::Emphasis(m.render(
            "annex.clause.basis",
            lang,
            &json!({ "cites": cites.join("; ") }),
        ))],
    });
    if with_guidance {
        blocks.push(Block::note(m.render(
            "annex.clause.guidance",
            lang,
            &json!({ "rationale": clause.rationale.get(lang) }),
        )));
        blocks.push(Block::note(m.render(
            "annex.clause.reasons",
            lang,
            &json!({ "score": r.score, "reasons": r.reasons.join(" ") }),
        )));
    }
}

/// The clause's text with its targets and the procurement's facts filled in; a fact that is
/// not known becomes a field to fill in.
pub fn clause_text(
    a: &Assessment,
    r: &Recommendation,
    clause: &Clause,
    lot: Option<&str>,
) -> String {
    let lang = a.language;
    let m = Messages::embedded();
    let fill = m.text("annex.fill-in", lang);
    let p = &a.procurement;
    let or_fill = |v: Option<String>| Value::String(v.unwrap_or_else(|| fill.clone()));
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
        }),
    );
    context.insert("lot".into(), json!({ "title": lot }));
    for name in clause.params.keys() {
        let value = r
            .params
            .get(name)
            .map_or_else(|| fill.clone(), |v| number(v.value, lang));
        context.insert(name.clone(), Value::String(value));
    }
    // `clauses lint` renders every text against every variable, so this cannot fail for a
    // linted library; a user library that was not linted gets its text as written.
    m.try_render_template(clause.text.get(lang), &Value::Object(context))
        .unwrap_or_else(|_| clause.text.get(lang).to_string())
}

/// Whether the annex holds the s.25 texts: Scotland, where the community-benefit duty applies.
pub fn has_section_25(a: &Assessment) -> bool {
    a.procurement.jurisdiction == Jurisdiction::Scotland
        && a.duties
            .iter()
            .any(|d| d.id == "scotland-community-benefits" && d.applies == Applies::Yes)
}
