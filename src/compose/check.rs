//! A check report as a document (for Markdown and HTML): per document a summary, a table of
//! the clauses found (present or declined) with their evidence, the absent ones in a line, and
//! the barriers; then the gaps against the procurement.

use serde_json::json;

use super::document::{Block, Document, Inline, text};
use crate::input::Language;
use crate::input::yaml::name_of;
use crate::messages::Messages;
use crate::scan::Report;
use crate::scan::check::DocumentReport;
use crate::text::Presence;

pub fn document(r: &Report) -> Document {
    let m = Messages::embedded();
    let lang = r.language;
    let word = |key: &str| m.text(key, lang);
    let title = word("check.title");
    let mut blocks = vec![Block::heading(1, "check", title.clone())];
    for (i, d) in r.documents.iter().enumerate() {
        let id = format!("document-{}", i + 1);
        blocks.push(Block::heading(2, id.clone(), d.path.clone()));
        blocks.push(Block::paragraph(document_heading(d, r)));
        blocks.push(Block::paragraph(summary(d, r)));
        let mut rows = Vec::new();
        for status in [Presence::Present, Presence::Declined] {
            for c in d.clauses.iter().filter(|c| c.status == status) {
                let evidence = if c.evidence.is_empty() {
                    "–".to_string()
                } else {
                    c.evidence
                        .iter()
                        .map(|e| quoted(&e.place.location, &e.excerpt, lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                rows.push(vec![
                    vec![
                        Inline::Strong(c.title.clone()),
                        Inline::Text(format!(" ({})", c.clause)),
                    ],
                    text(word(&format!("check.status.{status}"))),
                    text(evidence),
                ]);
            }
        }
        if !rows.is_empty() {
            blocks.push(Block::Table {
                caption: Some(word("check.clause-table")),
                header: vec![
                    word("check.column.clause"),
                    word("check.column.status"),
                    word("check.column.evidence"),
                ],
                rows,
            });
        }
        let absent: Vec<String> = d
            .clauses
            .iter()
            .filter(|c| c.status == Presence::Absent)
            .map(|c| format!("{} ({})", c.title, c.clause))
            .collect();
        if !absent.is_empty() {
            blocks.push(Block::Paragraph {
                text: vec![
                    Inline::Strong(format!("{}: ", word("check.status.absent"))),
                    Inline::Text(absent.join("; ")),
                ],
            });
        }
        blocks.push(Block::heading(
            3,
            format!("{id}-barriers"),
            word("check.findings"),
        ));
        if d.findings.is_empty() {
            blocks.push(Block::paragraph(word("check.no-findings")));
        } else {
            let items = d
                .findings
                .iter()
                .map(|f| {
                    let severity = word(&format!("check.severity.{}", name_of(&f.severity)));
                    let place = match f.evidence.first() {
                        Some(e) => quoted(&e.place.location, &e.excerpt, lang),
                        None => f.location.clone(),
                    };
                    vec![
                        Inline::Strong(f.title.clone()),
                        Inline::Text(format!(" ({severity}; {}): {} ", f.id, f.message)),
                        Inline::Emphasis(place),
                    ]
                })
                .collect();
            blocks.push(Block::List {
                ordered: false,
                items,
            });
        }
    }
    if !r.errors.is_empty() {
        blocks.push(Block::heading(2, "unreadable", word("check.unreadable")));
        blocks.push(Block::List {
            ordered: false,
            items: r
                .errors
                .iter()
                // The message names the file (and the place in it) already.
                .map(|e| text(e.message.clone()))
                .collect(),
        });
    }
    if let Some(p) = &r.procurement {
        blocks.push(Block::heading(
            2,
            "gaps",
            m.render("check.gaps", lang, &json!({ "title": p.title })),
        ));
        if r.gaps.is_empty() {
            blocks.push(Block::paragraph(word("check.no-gaps")));
        } else {
            blocks.push(Block::List {
                ordered: false,
                items: r.gaps.iter().map(|g| text(g.message.clone())).collect(),
            });
        }
    }
    blocks.push(Block::note(m.render(
        "check.disclaimer",
        lang,
        &json!({ "version": r.library_version }),
    )));
    Document {
        language: lang,
        title,
        author: None,
        subject: word("check.subject"),
        credited: true,
        blocks,
        running: None,
    }
}

/// `file:12:5: “excerpt”`.
pub fn quoted(location: &str, excerpt: &str, lang: Language) -> String {
    Messages::embedded().render(
        "check.evidence",
        lang,
        &json!({ "location": location, "excerpt": excerpt }),
    )
}

/// `path (format; clauses for J, from …)`.
pub fn document_heading(d: &DocumentReport, r: &Report) -> String {
    let m = Messages::embedded();
    let jurisdiction = d
        .jurisdiction
        .map(|j| j.code().to_string())
        .unwrap_or_else(|| m.text("check.jurisdiction.any", r.language));
    m.render(
        "check.document",
        r.language,
        &json!({
            "path": d.path,
            "format": name_of(&d.format),
            "jurisdiction": jurisdiction,
            "from": d.jurisdiction_from,
        }),
    )
}

/// `3 present, 1 declined, 59 absent of 63 clauses; 5 barriers.`
pub fn summary(d: &DocumentReport, r: &Report) -> String {
    let count = |s: Presence| d.clauses.iter().filter(|c| c.status == s).count();
    Messages::embedded().render(
        "check.summary",
        r.language,
        &json!({
            "present": count(Presence::Present),
            "declined": count(Presence::Declined),
            "absent": count(Presence::Absent),
            "total": d.clauses.len(),
            "findings": d.findings.len(),
        }),
    )
}
