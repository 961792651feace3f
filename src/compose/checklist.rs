//! The WISE checklist as a document (buyer-facing): a summary count, then the items grouped by
//! procurement phase, each with its status in words, its reason and guidance, then the
//! drafting notes for the annex.

use serde_json::json;

use super::document::{Block, Document};
use super::notes::drafting_notes;
use crate::assess::checklist::phase_title;
use crate::assess::{Assessment, CheckStatus};
use crate::input::yaml::name_of;
use crate::library::Library;
use crate::messages::Messages;

/// Whom the checklist is about, in the procurement's jurisdiction's terms.
pub fn who(a: &Assessment) -> String {
    crate::assess::checklist::who(a.procurement.jurisdiction, a.language)
}

/// The checklist, with the drafting notes for the annex at its end.
pub fn checklist(a: &Assessment, library: &Library, with_guidance: bool) -> Document {
    let lang = a.language;
    let m = Messages::embedded();
    let word = |key: &str| m.text(key, lang);
    let p = &a.procurement;
    let who = json!({ "who": who(a) });
    let title = format!("{} – {}", m.render("checklist.title", lang, &who), p.title);
    let mut blocks = vec![Block::heading(1, "checklist", title.clone())];

    blocks.push(Block::heading(
        2,
        "summary",
        word("checklist.summary.heading"),
    ));
    let count = |s: CheckStatus| a.checklist.iter().filter(|c| c.status == s).count();
    blocks.push(Block::paragraph(m.render(
        "checklist.summary",
        lang,
        &json!({
            "pass": count(CheckStatus::Pass),
            "warn": count(CheckStatus::Warn),
            "fail": count(CheckStatus::Fail),
            "unknown": count(CheckStatus::Unknown),
            "total": a.checklist.len(),
        }),
    )));
    blocks.push(Block::paragraph(m.render("checklist.intro", lang, &who)));

    let mut phase = None;
    for item in &a.checklist {
        if phase != Some(item.phase) {
            phase = Some(item.phase);
            blocks.push(Block::heading(
                2,
                format!("phase-{}", name_of(&item.phase)),
                phase_title(item.phase, lang),
            ));
        }
        blocks.push(Block::Check {
            status: item.status,
            status_label: word(&format!("checklist.status.{}", name_of(&item.status))),
            title: item.title.clone(),
            reason: item.reason.clone(),
            guidance: item.guidance.clone(),
        });
    }
    blocks.extend(drafting_notes(a, library, with_guidance));
    blocks.push(Block::note(m.render(
        "checklist.disclaimer",
        lang,
        &json!({ "version": a.library_version, "date": a.date.to_string() }),
    )));
    Document {
        language: lang,
        title,
        author: p.authority.as_ref().map(|x| x.name.to_string()),
        subject: m.render(
            "checklist.subject",
            lang,
            &json!({ "title": p.title.as_str(), "who": who["who"] }),
        ),
        credited: true,
        blocks,
        running: None,
    }
}
