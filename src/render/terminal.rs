//! The terminal report of an assessment (`socialclause match`): plain text, wrapped for
//! reading in a console, every figure and citation as in the JSON.

use serde_json::json;

use crate::assess::checklist::phase_title;
use crate::assess::{Applies, Assessment, CheckStatus, Status};
use crate::input::yaml::name_of;
use crate::messages::Messages;

const WIDTH: usize = 96;
const INDENT: usize = 20;

/// The whole report: the summary, then the details.
pub fn report(a: &Assessment) -> String {
    render(a, false)
}

/// The heading and the summary alone (`match --brief`).
pub fn brief(a: &Assessment) -> String {
    render(a, true)
}

fn render(a: &Assessment, brief: bool) -> String {
    let m = Messages::embedded();
    let lang = a.language;
    let mut out = String::new();
    let heading = m.render(
        "report.heading",
        lang,
        &json!({ "title": a.procurement.title.as_str() }),
    );
    out.push_str(&heading);
    out.push('\n');
    out.push_str(&"=".repeat(heading.chars().count().min(WIDTH)));
    out.push('\n');
    out.push_str(&wrap(
        &m.render(
            "report.meta",
            lang,
            &json!({
                "jurisdiction": a.procurement.jurisdiction.code(),
                "jurisdiction_from": jurisdiction_from(a),
                "date": a.date.to_string(),
                "date_source": m.text(a.date_source.message_key(), lang),
                "library": a.library_version,
            }),
        ),
        0,
    ));
    out.push_str("\n\n");
    summary(a, &mut out);
    if brief {
        out.push_str(&wrap(&m.text("report.disclaimer", lang), 0));
        out.push('\n');
        return out;
    }

    out.push_str(&m.text("report.duties", lang));
    out.push('\n');
    for duty in &a.duties {
        let status = match duty.applies {
            Applies::Yes => m.text("report.applies.true", lang),
            Applies::No => m.text("report.applies.false", lang),
            Applies::Unknown => m.text("report.applies.unknown", lang),
        };
        out.push_str(&labelled(&status, &format!("{} ({})", duty.title, duty.id)));
        out.push('\n');
        out.push_str(&wrap(&duty.reason, INDENT));
        out.push('\n');
        out.push_str(&wrap(
            &format!("{}: {}", m.text("report.cite", lang), duty.cite),
            INDENT,
        ));
        out.push_str("\n\n");
    }

    out.push_str(&m.text("report.recommendations", lang));
    out.push('\n');
    for r in a
        .recommendations
        .iter()
        .filter(|r| r.status != Status::NotApplicable)
    {
        let status = m.text(&format!("report.status.{}", name_of(&r.status)), lang);
        out.push_str(&labelled(
            &status,
            &format!(
                "{} ({}, {} {})",
                r.title,
                r.clause,
                m.text("report.score", lang),
                r.score
            ),
        ));
        out.push('\n');
        for reason in &r.reasons {
            out.push_str(&wrap(&format!("- {reason}"), INDENT));
            out.push('\n');
        }
        for p in r.params.values() {
            out.push_str(&wrap(&p.explain, INDENT));
            out.push('\n');
        }
        for lot in &r.lots {
            let status = m.text(&format!("report.status.{}", name_of(&lot.status)), lang);
            let params: Vec<String> = lot.params.values().map(|p| p.explain.clone()).collect();
            let mut line = format!("{} {}: {status}", m.text("report.lot", lang), lot.lot);
            if !params.is_empty() {
                line.push_str(&format!("; {}", params.join("; ")));
            }
            out.push_str(&wrap(&line, INDENT));
            out.push('\n');
        }
        out.push('\n');
    }
    let not_applicable = a
        .recommendations
        .iter()
        .filter(|r| r.status == Status::NotApplicable)
        .count();
    if not_applicable > 0 {
        out.push_str(&wrap(
            &m.render(
                "report.not-applicable-count",
                lang,
                &json!({ "count": not_applicable }),
            ),
            2,
        ));
        out.push_str("\n\n");
    }

    annex_section(a, &mut out);

    out.push_str(&m.render(
        "report.checklist",
        lang,
        &json!({ "who": crate::compose::checklist::who(a) }),
    ));
    out.push('\n');
    let count = |s: CheckStatus| a.checklist.iter().filter(|c| c.status == s).count();
    out.push_str(&wrap(
        &m.render(
            "report.check.summary",
            lang,
            &json!({
                "pass": count(CheckStatus::Pass),
                "warn": count(CheckStatus::Warn),
                "fail": count(CheckStatus::Fail),
                "unknown": count(CheckStatus::Unknown),
            }),
        ),
        2,
    ));
    out.push('\n');
    let mut phase = None;
    for item in &a.checklist {
        if phase != Some(item.phase) {
            phase = Some(item.phase);
            out.push_str(&format!("\n  {}\n", phase_title(item.phase, lang)));
        }
        let status = m.text(&format!("report.check.{}", name_of(&item.status)), lang);
        out.push_str(&labelled(&status, &item.title));
        out.push('\n');
        out.push_str(&wrap(&item.reason, INDENT));
        out.push('\n');
        out.push_str(&wrap(&item.guidance, INDENT));
        out.push('\n');
    }
    out.push('\n');

    let mut closing = m.text("report.disclaimer", lang);
    if a.unverified {
        closing.push(' ');
        closing.push_str(&m.text("report.unverified-note", lang));
    }
    out.push_str(&wrap(&closing, 0));
    out.push('\n');
    out
}

/// At most about fifteen lines: the duties that apply or are unknown, what the annex holds, and
/// what the checklist finds against WISEs.
fn summary(a: &Assessment, out: &mut String) {
    let m = Messages::embedded();
    let lang = a.language;
    out.push_str(&m.text("report.summary", lang));
    out.push('\n');
    let duties = |applies: Applies| -> Vec<&str> {
        a.duties
            .iter()
            .filter(|d| d.applies == applies)
            .map(|d| d.title.as_str())
            .collect()
    };
    let mut line = |key: &str, args: serde_json::Value| {
        out.push_str(&wrap(&m.render(key, lang, &args), 2));
        out.push('\n');
    };
    for (applies, key) in [
        (Applies::Yes, "report.summary.duties"),
        (Applies::Unknown, "report.summary.duties-unknown"),
    ] {
        let names = duties(applies);
        if !names.is_empty() {
            line(key, json!({ "names": names.join("; ") }));
        }
    }
    let ids: Vec<&str> = a.selection.iter().map(|s| s.clause.as_str()).collect();
    line(
        "report.summary.annex",
        json!({ "count": ids.len(), "ids": ids.join(", ") }),
    );
    if !a.left_out.is_empty() {
        line(
            "report.summary.left-out",
            json!({ "count": a.left_out.len() }),
        );
    }
    let failed: Vec<&str> = a
        .checklist
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.title.as_str())
        .collect();
    let warned = a
        .checklist
        .iter()
        .filter(|c| c.status == CheckStatus::Warn)
        .count();
    line(
        "report.summary.checklist",
        json!({ "fail": failed.len(), "names": failed.join("; "), "warn": warned }),
    );
    out.push('\n');
}

/// Why the jurisdiction is what it is: the file, the ocid prefix, or the option.
fn jurisdiction_from(a: &Assessment) -> String {
    let m = Messages::embedded();
    match &a.procurement.notice {
        None => m.text("jurisdiction.from.file", a.language),
        Some(n) => n.jurisdiction_from(a.language),
    }
}

/// `  [status]  text…`: the status in the margin, the text wrapped beside it.
fn labelled(status: &str, text: &str) -> String {
    let label = format!("  [{status}]");
    let wrapped = wrap(text, INDENT);
    if label.chars().count() < INDENT {
        let pad = " ".repeat(INDENT - label.chars().count());
        format!("{label}{pad}{}", &wrapped[INDENT..])
    } else {
        format!("{label}\n{wrapped}")
    }
}

/// Wraps `text` at word boundaries to the report width, indenting every line by `indent`.
/// Non-breaking spaces hold amounts together.
pub(crate) fn wrap(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let fits = line.chars().count() + 1 + word.chars().count() + indent <= WIDTH;
        if !line.is_empty() && !fits {
            lines.push(format!("{pad}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{pad}{line}"));
    }
    lines.join("\n")
}

/// What the annex carries, and each recommended clause it leaves out with the rule why.
fn annex_section(a: &Assessment, out: &mut String) {
    let m = Messages::embedded();
    let lang = a.language;
    out.push_str(&m.text("report.annex", lang));
    out.push('\n');
    if a.selection.is_empty() {
        out.push_str(&wrap(&m.text("report.annex.none", lang), 2));
        out.push('\n');
    }
    for (i, s) in a.selection.iter().enumerate() {
        let mut line = format!("{}. {} ({})", i + 1, s.title, s.clause);
        if !s.lots.is_empty() {
            line.push_str(&format!(
                " [{}: {}]",
                m.text("report.lot", lang),
                s.lots.join(", ")
            ));
        }
        out.push_str(&wrap(&line, 2));
        out.push('\n');
    }
    for l in &a.left_out {
        let status = m.text(&format!("report.left-out.{}", name_of(&l.rule)), lang);
        out.push_str(&labelled(&status, &format!("{} ({})", l.title, l.clause)));
        out.push('\n');
        out.push_str(&wrap(&format!("- {}", l.reason), INDENT));
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_words_and_keeps_amounts_whole() {
        let text = format!("{} 12\u{a0}000\u{a0}000 SEK", "word ".repeat(20));
        let wrapped = wrap(&text, 4);
        assert!(
            wrapped
                .lines()
                .all(|l| l.chars().count() <= 96 && l.starts_with("    "))
        );
        assert!(wrapped.contains("12\u{a0}000\u{a0}000"));
    }
}
