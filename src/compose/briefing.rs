//! The briefing (for advocates): one document over a portfolio of procurements. What they are
//! worth, which duties apply how often, what the clauses in the annexes would bring in total (with
//! the sums shown), where a reservation or lots would open contracts to WISEs, the checklist
//! items that fail most often, and a row per procurement.

use std::collections::BTreeMap;

use serde_json::json;

use super::document::{Bar, Block, Document, Inline, text};
use crate::assess::{Applies, Assessment, CheckStatus, Status};
use crate::input::{Currency, Language, Money, yaml};
use crate::library::Category;
use crate::library::clause::Benefit;
use crate::messages::{Messages, money, number};
use crate::scan::Place;
use crate::scan::check::{ClauseResult, DocumentReport};
use crate::text::Presence;

/// At most this many checklist items are listed as the most common failures.
const TOP_FAILURES: usize = 10;

/// The briefing over `portfolio`, in `lang`, with what the checker read in each published
/// notice (`notices[i]` for `portfolio[i]`; `None` where it is no notice).
pub fn briefing(
    portfolio: &[Assessment],
    notices: &[Option<DocumentReport>],
    lang: Language,
) -> Document {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let say = |key: &str, args: serde_json::Value| m.render(key, lang, &args);
    let n = portfolio.len();
    let title = say("briefing.title", json!({ "count": n }));
    let mut blocks = vec![Block::heading(1, "briefing", title.clone())];
    blocks.push(Block::paragraph(word("briefing.intro")));

    // Summary: count and value, per currency.
    blocks.push(Block::heading(
        2,
        "summary",
        word("briefing.summary.heading"),
    ));
    let totals = value_totals(portfolio, lang);
    blocks.push(Block::paragraph(say(
        "briefing.summary",
        json!({
            "count": n,
            "value": if totals.is_empty() { word("briefing.value.unknown") } else { totals },
            "dates": dates(portfolio),
        }),
    )));

    duties(&mut blocks, portfolio, lang);
    said(&mut blocks, portfolio, notices, lang);
    benefits(&mut blocks, portfolio, lang);
    opportunities(&mut blocks, portfolio, lang);
    failures(&mut blocks, portfolio, lang);
    procurements(&mut blocks, portfolio, lang);

    blocks.push(Block::note(say(
        "briefing.disclaimer",
        json!({ "version": env!("CARGO_PKG_VERSION") }),
    )));
    Document {
        language: lang,
        title,
        author: None,
        subject: word("briefing.subject"),
        credited: true,
        blocks,
        running: None,
    }
}

/// "12 000 000 SEK + 6 500 000 GBP": the values given, summed per currency.
fn value_totals(portfolio: &[Assessment], lang: Language) -> String {
    let mut sums: BTreeMap<&'static str, (Currency, f64)> = BTreeMap::new();
    for a in portfolio {
        if let Some(v) = a.procurement.value {
            sums.entry(v.currency.code()).or_insert((v.currency, 0.0)).1 += v.amount;
        }
    }
    sums.values()
        .map(|&(currency, amount)| {
            money(
                &Money {
                    amount,
                    currency,
                    vat: Default::default(),
                },
                lang,
            )
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The dates whose rules were applied, earliest to latest.
fn dates(portfolio: &[Assessment]) -> String {
    let first = portfolio.iter().map(|a| a.date).min();
    let last = portfolio.iter().map(|a| a.date).max();
    match (first, last) {
        (Some(f), Some(l)) if f == l => f.to_string(),
        (Some(f), Some(l)) => format!("{f} – {l}"),
        _ => String::new(),
    }
}

fn duties(blocks: &mut Vec<Block>, portfolio: &[Assessment], lang: Language) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    // Per duty: applies, unknown, does not apply.
    let mut counts = Tally::default();
    for a in portfolio {
        for d in &a.duties {
            let slot = match d.applies {
                Applies::Yes => 0,
                Applies::Unknown => 1,
                Applies::No => 2,
            };
            counts.add(d.id, &d.title, Some(slot));
        }
    }
    let counts = counts.rows;
    blocks.push(Block::heading(2, "duties", word("briefing.duties.heading")));
    // Shares of the procurements each duty could concern, all on one scale.
    blocks.push(Block::Chart {
        id: "duties-chart".into(),
        caption: word("briefing.duties.chart"),
        scale: Some(1.0),
        bars: counts
            .iter()
            .map(|c| Bar {
                label: c.title.clone(),
                value: c.counts[0] as f64 / c.counts.iter().sum::<usize>().max(1) as f64,
                text: m.render(
                    "briefing.of",
                    lang,
                    &json!({ "count": c.counts[0], "total": c.counts.iter().sum::<usize>() }),
                ),
            })
            .collect(),
    });
    blocks.push(Block::Table {
        caption: Some(word("briefing.duties.table")),
        header: vec![
            word("briefing.column.duty"),
            word("briefing.column.applies"),
            word("briefing.column.unknown"),
            word("briefing.column.not-applies"),
        ],
        rows: counts
            .iter()
            .map(|c| {
                vec![
                    text(c.title.clone()),
                    text(c.counts[0].to_string()),
                    text(c.counts[1].to_string()),
                    text(c.counts[2].to_string()),
                ]
            })
            .collect(),
    });
}

/// Counts per key in first-seen order: its title and up to three counters.
#[derive(Default)]
struct Tally {
    rows: Vec<TallyRow>,
}

struct TallyRow {
    id: String,
    title: String,
    counts: [usize; 3],
}

impl Tally {
    /// Counts one occurrence of `id` in counter `slot` (none: only note the key).
    fn add(&mut self, id: &str, title: &str, slot: Option<usize>) {
        let i = match self.rows.iter().position(|r| r.id == id) {
            Some(i) => i,
            None => {
                self.rows.push(TallyRow {
                    id: id.to_string(),
                    title: title.to_string(),
                    counts: [0; 3],
                });
                self.rows.len() - 1
            }
        };
        if let Some(slot) = slot {
            self.rows[i].counts[slot] += 1;
        }
    }
}

/// "Months of employment": a benefit kind in words.
fn benefit_label(b: Benefit, lang: Language) -> String {
    Messages::embedded().text(
        &format!("briefing.benefit.{}", crate::input::yaml::name_of(&b)),
        lang,
    )
}

/// Every target in an annex that counts as `benefit`: (procurement title, value).
fn contributions(portfolio: &[Assessment], benefit: Benefit) -> Vec<(String, f64)> {
    portfolio
        .iter()
        .filter_map(|a| {
            let sum: f64 = a
                .selection
                .iter()
                .flat_map(|s| s.params.values())
                .filter(|p| p.benefit == Some(benefit))
                .map(|p| p.value)
                .sum();
            (sum > 0.0).then(|| (a.procurement.title.to_string(), sum))
        })
        .collect()
}

/// Per benefit: the total and its sum written out ("15 (Parks) + 6 (Schools) = 21").
pub fn benefit_totals(portfolio: &[Assessment], lang: Language) -> Vec<(Benefit, f64, String)> {
    Benefit::ALL
        .iter()
        .filter_map(|&b| {
            let parts = contributions(portfolio, b);
            if parts.is_empty() {
                return None;
            }
            let total: f64 = parts.iter().map(|p| p.1).sum();
            let terms = parts
                .iter()
                .map(|(title, v)| format!("{} ({title})", number(*v, lang)))
                .collect::<Vec<_>>()
                .join(" + ");
            Some((b, total, format!("{terms} = {}", number(total, lang))))
        })
        .collect()
}

fn benefits(blocks: &mut Vec<Block>, portfolio: &[Assessment], lang: Language) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    blocks.push(Block::heading(
        2,
        "benefits",
        word("briefing.benefits.heading"),
    ));
    let totals = benefit_totals(portfolio, lang);
    if totals.is_empty() {
        blocks.push(Block::paragraph(word("briefing.benefits.none")));
        return;
    }
    blocks.push(Block::paragraph(word("briefing.benefits.intro")));
    blocks.push(Block::Table {
        caption: Some(word("briefing.benefits.table")),
        header: vec![
            word("briefing.column.benefit"),
            word("briefing.column.total"),
            word("briefing.column.sum"),
        ],
        rows: totals
            .iter()
            .map(|(b, total, sum)| {
                vec![
                    text(benefit_label(*b, lang)),
                    text(number(*total, lang)),
                    text(sum.clone()),
                ]
            })
            .collect(),
    });
}

fn opportunities(blocks: &mut Vec<Block>, portfolio: &[Assessment], lang: Language) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    blocks.push(Block::heading(
        2,
        "opportunities",
        word("briefing.opportunities.heading"),
    ));
    let mut items = Vec::new();
    for a in portfolio {
        let mut what = Vec::new();
        if let Some(r) = a
            .recommendations
            .iter()
            .find(|r| r.category == Category::ReservedContract && r.status == Status::Recommended)
        {
            what.push(m.render(
                "briefing.opportunity.reservation",
                lang,
                &json!({ "clause": r.title }),
            ));
        }
        if a.checklist
            .iter()
            .any(|c| c.id == "lots" && matches!(c.status, CheckStatus::Warn | CheckStatus::Fail))
        {
            what.push(word("briefing.opportunity.lots"));
        }
        if what.is_empty() {
            continue;
        }
        let value = a
            .procurement
            .value
            .map(|v| money(&v, lang))
            .unwrap_or_else(|| word("briefing.value.unknown"));
        items.push(vec![
            Inline::Strong(a.procurement.title.to_string()),
            Inline::Text(format!(" ({value}): {}", what.join("; "))),
        ]);
    }
    if items.is_empty() {
        blocks.push(Block::paragraph(word("briefing.opportunities.none")));
    } else {
        blocks.push(Block::List {
            ordered: false,
            items,
        });
    }
}

/// Whether a notice asks for social clauses, declines them or does not mention them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carried {
    Present,
    Declined,
    Absent,
}

/// What a notice says of social clauses, and the clause and words that say it: asked for
/// where any clause is, else declined where any is declined.
fn carried(report: &DocumentReport) -> (Carried, Option<&ClauseResult>) {
    let with = |p: Presence| report.clauses.iter().find(|c| c.status == p);
    match (with(Presence::Present), with(Presence::Declined)) {
        (Some(c), _) => (Carried::Present, Some(c)),
        (None, Some(c)) => (Carried::Declined, Some(c)),
        (None, None) => (Carried::Absent, None),
    }
}

/// What the notices say: the tally of social clauses asked for, declined and not mentioned,
/// a row per notice with the words that say so and the barriers found, and the barriers
/// counted over the notices.
fn said(
    blocks: &mut Vec<Block>,
    portfolio: &[Assessment],
    notices: &[Option<DocumentReport>],
    lang: Language,
) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let read: Vec<(&Assessment, &DocumentReport)> = portfolio
        .iter()
        .zip(notices)
        .filter_map(|(a, n)| Some((a, n.as_ref()?)))
        .collect();
    if read.is_empty() {
        return;
    }
    blocks.push(Block::heading(
        2,
        "notices",
        word("briefing.notices.heading"),
    ));
    blocks.push(Block::paragraph(word("briefing.notices.intro")));
    let states: Vec<(Carried, Option<&ClauseResult>)> =
        read.iter().map(|(_, r)| carried(r)).collect();
    let count = |c: Carried| states.iter().filter(|s| s.0 == c).count();
    blocks.push(Block::paragraph(m.render(
        "briefing.notices.tally",
        lang,
        &json!({
            "total": read.len(),
            "present": count(Carried::Present),
            "declined": count(Carried::Declined),
            "absent": count(Carried::Absent),
        }),
    )));
    let carried_word = |c: Carried| {
        word(match c {
            Carried::Present => "briefing.carried.present",
            Carried::Declined => "briefing.carried.declined",
            Carried::Absent => "briefing.carried.absent",
        })
    };
    blocks.push(Block::Table {
        caption: Some(word("briefing.notices.table")),
        header: vec![
            word("briefing.column.notice"),
            word("briefing.column.social"),
            word("briefing.column.evidence"),
            word("briefing.column.barriers"),
        ],
        rows: read
            .iter()
            .zip(&states)
            .map(|((a, report), (state, clause))| {
                let social = match clause {
                    Some(c) => format!("{} ({})", carried_word(*state), c.title),
                    None => carried_word(*state),
                };
                let quote = clause
                    .and_then(|c| c.evidence.first())
                    .map(|e| {
                        m.render(
                            "briefing.quote",
                            lang,
                            &json!({ "excerpt": e.excerpt, "place": short_place(&e.place) }),
                        )
                    })
                    .unwrap_or_default();
                let barriers: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| {
                        let level = word(&format!("check.severity.{}", yaml::name_of(&f.severity)));
                        format!("{} ({level})", f.title)
                    })
                    .collect();
                vec![
                    vec![Inline::Strong(a.procurement.title.to_string())],
                    text(social),
                    text(quote),
                    text(barriers.join("; ")),
                ]
            })
            .collect(),
    });
    // Each barrier: in how many notices.
    let mut barriers = Tally::default();
    for (_, report) in &read {
        for f in &report.findings {
            barriers.add(&f.id, &f.title, Some(0));
        }
    }
    let mut rows = barriers.rows;
    if rows.is_empty() {
        blocks.push(Block::paragraph(word("briefing.notices.no-barriers")));
        return;
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.counts[0]));
    blocks.push(Block::Table {
        caption: Some(word("briefing.notices.barriers")),
        header: vec![
            word("briefing.column.barrier"),
            word("briefing.column.notices"),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    text(r.title.clone()),
                    text(m.render(
                        "briefing.of",
                        lang,
                        &json!({ "count": r.counts[0], "total": read.len() }),
                    )),
                ]
            })
            .collect(),
    });
}

/// Where in a notice: its field and line (the file is the notice's, named in its row).
fn short_place(place: &Place) -> String {
    match &place.json_path {
        Some(path) => format!("{path}:{}", place.line),
        None => place.location.clone(),
    }
}

fn failures(blocks: &mut Vec<Block>, portfolio: &[Assessment], lang: Language) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    // Per checklist item: failing, to look at.
    let mut counts = Tally::default();
    for a in portfolio {
        for c in &a.checklist {
            let slot = match c.status {
                CheckStatus::Fail => Some(0),
                CheckStatus::Warn => Some(1),
                _ => None,
            };
            counts.add(&c.id, &c.title, slot);
        }
    }
    let mut counts = counts.rows;
    counts.retain(|c| c.counts[0] + c.counts[1] > 0);
    // Most failures first, then most warnings; the checklist's order among equals.
    counts.sort_by_key(|c| std::cmp::Reverse((c.counts[0], c.counts[1])));
    counts.truncate(TOP_FAILURES);
    blocks.push(Block::heading(
        2,
        "failures",
        word("briefing.failures.heading"),
    ));
    if counts.is_empty() {
        blocks.push(Block::paragraph(word("briefing.failures.none")));
        return;
    }
    let bars: Vec<Bar> = counts
        .iter()
        .filter(|c| c.counts[0] > 0)
        .map(|c| Bar {
            label: c.title.clone(),
            value: c.counts[0] as f64 / portfolio.len().max(1) as f64,
            text: m.render(
                "briefing.of",
                lang,
                &json!({ "count": c.counts[0], "total": portfolio.len() }),
            ),
        })
        .collect();
    if !bars.is_empty() {
        blocks.push(Block::Chart {
            id: "failures-chart".into(),
            caption: word("briefing.failures.chart"),
            scale: Some(1.0),
            bars,
        });
    }
    blocks.push(Block::Table {
        caption: Some(word("briefing.failures.table")),
        header: vec![
            word("briefing.column.item"),
            word("briefing.column.fail"),
            word("briefing.column.warn"),
        ],
        rows: counts
            .iter()
            .map(|c| {
                vec![
                    text(c.title.clone()),
                    text(c.counts[0].to_string()),
                    text(c.counts[1].to_string()),
                ]
            })
            .collect(),
    });
}

fn procurements(blocks: &mut Vec<Block>, portfolio: &[Assessment], lang: Language) {
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    blocks.push(Block::heading(
        2,
        "procurements",
        word("briefing.procurements.heading"),
    ));
    let rows = portfolio
        .iter()
        .map(|a| {
            let p = &a.procurement;
            let duties: Vec<&str> = a
                .duties
                .iter()
                .filter(|d| d.applies == Applies::Yes)
                .map(|d| d.title.as_str())
                .collect();
            let recommended = a.selection.len();
            let benefits: Vec<String> = benefit_totals(std::slice::from_ref(a), lang)
                .into_iter()
                .map(|(b, total, _)| {
                    format!(
                        "{} {}",
                        number(total, lang),
                        benefit_label(b, lang).to_lowercase()
                    )
                })
                .collect();
            let count = |s: CheckStatus| a.checklist.iter().filter(|c| c.status == s).count();
            vec![
                vec![Inline::Strong(p.title.to_string())],
                text(
                    p.value
                        .map(|v| money(&v, lang))
                        .unwrap_or_else(|| word("briefing.value.unknown")),
                ),
                text(if duties.is_empty() {
                    "–".to_string()
                } else {
                    duties.join("; ")
                }),
                text(recommended.to_string()),
                text(if benefits.is_empty() {
                    "–".to_string()
                } else {
                    benefits.join("; ")
                }),
                text(format!(
                    "{} / {}",
                    count(CheckStatus::Fail),
                    count(CheckStatus::Warn)
                )),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        caption: None,
        header: vec![
            word("briefing.column.procurement"),
            word("briefing.column.value"),
            word("briefing.column.duties"),
            word("briefing.column.recommended"),
            word("briefing.column.benefits"),
            word("briefing.column.checklist"),
        ],
        rows,
    });
}
