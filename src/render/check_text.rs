//! The terminal report of a check (`socialclause check`): per document the clauses grouped by
//! status with their evidence as `file:line:column`, then the barriers, then the gaps.

use serde_json::json;

use super::terminal::wrap;
use crate::compose::check::{document_heading, quoted, summary};
use crate::input::yaml::name_of;
use crate::messages::Messages;
use crate::scan::Report;
use crate::scan::check::{ClauseResult, DocumentReport};
use crate::text::Presence;

/// The whole report.
pub fn report(r: &Report) -> String {
    let m = Messages::embedded();
    let lang = r.language;
    let mut out = String::new();
    let heading = format!(
        "{} (socialclause {})",
        m.text("check.title", lang),
        r.library_version
    );
    out.push_str(&heading);
    out.push('\n');
    out.push_str(&"=".repeat(heading.chars().count()));
    out.push('\n');
    for d in &r.documents {
        out.push('\n');
        document(&mut out, d, r);
    }
    if !r.errors.is_empty() {
        out.push('\n');
        out.push_str(&m.text("check.unreadable", lang));
        out.push('\n');
        for e in &r.errors {
            let wrapped = wrap(&e.message, 4);
            out.push_str(&format!("  -{}\n", &wrapped[3..]));
        }
    }
    if let Some(p) = &r.procurement {
        out.push('\n');
        out.push_str(&m.render("check.gaps", lang, &json!({ "title": p.title })));
        out.push('\n');
        if r.gaps.is_empty() {
            out.push_str(&wrap(&m.text("check.no-gaps", lang), 2));
            out.push('\n');
        }
        for g in &r.gaps {
            let wrapped = wrap(&g.message, 4);
            out.push_str(&format!("  -{}\n", &wrapped[3..]));
        }
    }
    out
}

fn document(out: &mut String, d: &DocumentReport, r: &Report) {
    let m = Messages::embedded();
    let lang = r.language;
    out.push_str(&document_heading(d, r));
    out.push('\n');
    out.push_str(&wrap(&summary(d, r), 2));
    out.push('\n');
    for status in [Presence::Present, Presence::Declined] {
        let clauses: Vec<&ClauseResult> = d.clauses.iter().filter(|c| c.status == status).collect();
        if clauses.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n  {}\n",
            m.text(&format!("check.status.{status}"), lang)
        ));
        for c in clauses {
            out.push_str(&format!("    {}  {}\n", c.clause, c.title));
            for e in &c.evidence {
                out.push_str(&wrap(&quoted(&e.place.location, &e.excerpt, lang), 6));
                out.push('\n');
            }
        }
    }
    let absent: Vec<&str> = d
        .clauses
        .iter()
        .filter(|c| c.status == Presence::Absent)
        .map(|c| c.clause.as_str())
        .collect();
    if !absent.is_empty() {
        out.push_str(&format!("\n  {}\n", m.text("check.status.absent", lang)));
        out.push_str(&wrap(&absent.join(", "), 4));
        out.push('\n');
    }
    out.push_str(&format!("\n  {}\n", m.text("check.findings", lang)));
    if d.findings.is_empty() {
        out.push_str(&wrap(&m.text("check.no-findings", lang), 4));
        out.push('\n');
    }
    for f in &d.findings {
        let severity = m.text(&format!("check.severity.{}", name_of(&f.severity)), lang);
        out.push_str(&format!("    [{severity}] {}  {}\n", f.id, f.title));
        if f.evidence.is_empty() {
            out.push_str(&wrap(&f.location, 6));
            out.push('\n');
        }
        for e in &f.evidence {
            out.push_str(&wrap(&quoted(&e.place.location, &e.excerpt, lang), 6));
            out.push('\n');
        }
        out.push_str(&wrap(&f.message, 6));
        out.push('\n');
    }
}
