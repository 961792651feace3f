//! The drafting notes: the buyer's half of the annex, at the end of the checklist. Why each
//! clause is in the annex and why recommended ones are not, the duties that apply, the
//! Scottish s.25 notice texts, the facts our sources do not confirm (per clause), the
//! indicators the buyer counts itself, and the sources. None of it goes to bidders.

use serde_json::json;

use super::annex::{Item, expected_benefit, items, kpi_name, labelled, per_lot_figures, unit};
use super::cites;
use super::document::{Block, Inline, text};
use crate::assess::{Applies, Assessment};
use crate::input::Jurisdiction;
use crate::input::yaml::name_of;
use crate::library::clause::Counter;
use crate::library::{Category, Instrument, Library};
use crate::messages::Messages;

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

/// The drafting notes, as blocks for the checklist.
pub fn drafting_notes(a: &Assessment, library: &Library, with_guidance: bool) -> Vec<Block> {
    let lang = a.language;
    let m = Messages::embedded();
    let items = items(a, library);
    let mut blocks = vec![
        Block::heading(2, "drafting-notes", m.text("notes.heading", lang)),
        Block::paragraph(m.text("notes.intro", lang)),
    ];
    chosen(a, &items, with_guidance, &mut blocks);
    left_out(a, &mut blocks);
    duties(a, &mut blocks);
    reservation_notice(a, &items, &mut blocks);
    section_25(a, &items, &mut blocks);
    unconfirmed(a, &items, &mut blocks);
    buyer_kpis(a, &items, &mut blocks);
    sources(a, &items, &mut blocks);
    blocks
}

fn list(items: Vec<Vec<Inline>>) -> Block {
    Block::List {
        ordered: false,
        items,
    }
}

/// Each clause in the annex, with why it is there.
fn chosen(a: &Assessment, items: &[Item], with_guidance: bool, blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    blocks.push(Block::heading(
        3,
        "notes-chosen",
        m.text("notes.chosen", lang),
    ));
    if items.is_empty() {
        blocks.push(Block::paragraph(m.text("notes.chosen.none", lang)));
        return;
    }
    let rows = items
        .iter()
        .map(|i| {
            let s = i.selected;
            let reasons = a
                .recommendations
                .iter()
                .find(|r| r.clause == s.clause)
                .map(|r| r.reasons.join(" "))
                .unwrap_or_default();
            let why = m.render(
                &format!("notes.why.{}", name_of(&s.why)),
                lang,
                &json!({ "lots": s.lots.join(", ") }),
            );
            let mut line = entry(
                format!("{}. {} ({})", i.n, s.title, s.clause),
                &format!("{why} {reasons}"),
            );
            let regard = cites::list(
                a.regard_of(i.clause).into_iter().map(|b| b.cite.as_str()),
                lang,
            );
            if !regard.is_empty() {
                line.push(Inline::Text(format!(
                    " {}",
                    m.render("notes.regard", lang, &json!({ "cites": regard.join("; ") }))
                )));
            }
            // Targets the supplier reaches, then figures that are not targets (a vite, the
            // months of registration that define a target group).
            for (label, amounts) in [("notes.targets", false), ("notes.figures", true)] {
                let explained: Vec<&str> = s
                    .params
                    .values()
                    .filter(|p| p.amount == amounts)
                    .map(|p| p.explain.as_str())
                    .collect();
                if !explained.is_empty() {
                    line.push(Inline::Text(format!(
                        " {} {}",
                        m.text(label, lang),
                        explained.join("; ")
                    )));
                }
            }
            // The annex holds the lots' own figures, not the whole contract's: say which.
            if let Some(figures) = per_lot_figures(a, s) {
                line.push(Inline::Text(format!(
                    " {} {figures}.",
                    m.text("notes.per-lot", lang)
                )));
            }
            if with_guidance {
                line.push(Inline::Emphasis(format!(
                    " {}",
                    i.clause.rationale.get(lang)
                )));
            }
            line
        })
        .collect();
    blocks.push(list(rows));
}

/// Recommended clauses the annex does not carry, and the rule that left each out.
fn left_out(a: &Assessment, blocks: &mut Vec<Block>) {
    let rows = a
        .left_out
        .iter()
        .map(|l| entry(format!("{} ({})", l.title, l.clause), &l.reason))
        .collect();
    section(a, "notes-left-out", "notes.left-out", rows, blocks);
}

/// The duties that apply, with their citations and reasons.
fn duties(a: &Assessment, blocks: &mut Vec<Block>) {
    let rows = a
        .duties
        .iter()
        .filter(|d| d.applies == Applies::Yes)
        .map(|d| entry(format!("{} ({})", d.title, d.cite), &d.reason))
        .collect();
    section(a, "notes-duties", "notes.duties", rows, blocks);
}

/// A heading (the message `key`, with its `key.intro` under it where the catalogue has one) and
/// a list of entries, unless there are none.
fn section(a: &Assessment, id: &str, key: &str, rows: Vec<Vec<Inline>>, blocks: &mut Vec<Block>) {
    if rows.is_empty() {
        return;
    }
    let m = Messages::embedded();
    blocks.push(Block::heading(3, id, m.text(key, a.language)));
    let intro = m.text_or(&format!("{key}.intro"), a.language, "");
    if !intro.is_empty() {
        blocks.push(Block::paragraph(intro));
    }
    blocks.push(list(rows));
}

/// One entry: what it is about in bold, then the words on it.
fn entry(subject: String, text: &str) -> Vec<Inline> {
    vec![Inline::Strong(subject), Inline::Text(format!(" {text}"))]
}

/// The sentence the contract notice must carry when the annex reserves the contract or lots.
fn reservation_notice(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let Some(item) = items
        .iter()
        .find(|i| i.clause.instrument == Instrument::Reservation)
    else {
        return;
    };
    let lang = a.language;
    let m = Messages::embedded();
    let cite = a
        .basis_of(item.clause)
        .first()
        .map(|b| cites::localize(&b.cite, lang))
        .unwrap_or_default();
    let lots = &item.selected.lots;
    let text = if lots.is_empty() {
        m.render("notes.reservation.whole", lang, &json!({ "cite": cite }))
    } else {
        m.render(
            "notes.reservation.lots",
            lang,
            &json!({ "cite": cite, "lots": lots.join(", "), "count": lots.len() }),
        )
    };
    blocks.push(Block::heading(
        3,
        "notes-reservation",
        m.text("notes.reservation.heading", lang),
    ));
    blocks.push(Block::paragraph(m.text("notes.reservation.intro", lang)));
    blocks.push(Block::paragraph(text));
}

/// Scotland, s.25: paste-ready texts for the contract notice and the award notice, where the
/// community-benefit duty applies.
fn section_25(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let applies = a.procurement.jurisdiction == Jurisdiction::Scotland
        && a.duties
            .iter()
            .any(|d| d.id == "scotland-community-benefits" && d.applies == Applies::Yes);
    if !applies {
        return;
    }
    let lang = a.language;
    let m = Messages::embedded();
    // Community benefit requirements as s.24 defines them: recruitment and training,
    // sub-contracting opportunities, and other benefits to the area beyond the contract.
    let imposed: Vec<&Item> = items
        .iter()
        .filter(|i| {
            // Requirements the contract imposes, not the statement a tenderer hands in.
            COMMUNITY_BENEFITS.contains(&i.clause.category)
                && i.clause.instrument == Instrument::ContractCondition
        })
        .collect();
    // The notice names the requirements; the award notice the benefits they are to bring.
    let requirements: Vec<String> = imposed
        .iter()
        .map(|i| labelled(a, i.selected, &i.selected.title))
        .collect();
    let benefits: Vec<String> = imposed
        .iter()
        .map(|i| expected_benefit(a, i.selected, &i.selected.title))
        .collect();
    blocks.push(Block::heading(
        3,
        "section-25",
        m.text("annex.s25.heading", lang),
    ));
    // Without community benefit requirements s.25(3) asks for the reasons instead, and
    // there is nothing to report in the award notice.
    let texts: Vec<(&str, &str, String)> = if imposed.is_empty() {
        vec![(
            "annex.s25.notice-label",
            "annex.s25.notice-none",
            String::new(),
        )]
    } else {
        vec![
            (
                "annex.s25.notice-label",
                "annex.s25.notice",
                requirements.join("; "),
            ),
            (
                "annex.s25.award-label",
                "annex.s25.award",
                benefits.join("; "),
            ),
        ]
    };
    for (label, body, list) in texts {
        blocks.push(Block::Paragraph {
            text: vec![Inline::Strong(m.text(label, lang))],
        });
        blocks.push(Block::paragraph(m.render(
            body,
            lang,
            &json!({ "list": list }),
        )));
    }
}

/// What our sources do not confirm: each duty that rests on such a fact, and each clause's own
/// note on what to check.
fn unconfirmed(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let lang = a.language;
    let m = Messages::embedded();
    let unverified = m.text("notes.duty-unverified", lang);
    let mut rows: Vec<Vec<Inline>> = a
        .duties
        .iter()
        .filter(|d| !d.verified && d.applies != Applies::No)
        .map(|d| entry(d.title.clone(), &unverified))
        .collect();
    // A framework agreement normally runs four years at most.
    let p = &a.procurement;
    if let Some(months) = p.duration_months.filter(|&m| p.is_framework() && m > 48) {
        let act = match p.jurisdiction {
            Jurisdiction::Scotland => "scotland",
            Jurisdiction::England | Jurisdiction::Wales | Jurisdiction::NorthernIreland => "uk",
            Jurisdiction::Se | Jurisdiction::Eu => "se",
        };
        rows.push(entry(
            m.text("notes.framework-term.title", lang),
            &m.render(
                "notes.framework-term",
                lang,
                &json!({ "months": months, "cite": m.text(&format!("notes.framework-term.{act}"), lang) }),
            ),
        ));
    }
    rows.extend(items.iter().filter_map(|i| {
        let notes = i.clause.notes.as_ref()?;
        let note = notes.written_in(lang).map_or_else(
            || format!("{} {}", m.text("notes.english-only", lang), notes.english()),
            str::to_string,
        );
        Some(entry(format!("{}. {}", i.n, i.selected.title), &note))
    }));
    section(a, "notes-unconfirmed", "notes.unconfirmed", rows, blocks);
}

/// The indicators the buyer counts itself (tenders received, reports on time …).
fn buyer_kpis(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let lang = a.language;
    let rows = items
        .iter()
        .flat_map(|i| {
            i.clause
                .kpis
                .iter()
                .filter(|k| k.by == Counter::Buyer)
                .map(move |k| {
                    text(format!(
                        "{}. {}: {} ({})",
                        i.n,
                        i.selected.title,
                        kpi_name(k, lang),
                        unit(&k.unit, lang)
                    ))
                })
        })
        .collect();
    section(a, "notes-buyer-kpis", "notes.buyer-kpis", rows, blocks);
}

/// The sources of the clauses in the annex, once each.
fn sources(a: &Assessment, items: &[Item], blocks: &mut Vec<Block>) {
    let mut all: Vec<String> = items
        .iter()
        .flat_map(|i| i.clause.sources.iter().map(|s| s.to_string()))
        .collect();
    all.sort();
    all.dedup();
    let rows = all.into_iter().map(text).collect();
    section(a, "notes-sources", "annex.sources.heading", rows, blocks);
}
