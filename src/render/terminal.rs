//! The terminal report of an assessment (`socialclause match`): plain text, wrapped for
//! reading in a console, every figure and citation as in the JSON.

use serde_json::json;

use crate::assess::{Applies, Assessment};
use crate::messages::Messages;

const WIDTH: usize = 96;
const INDENT: usize = 18;

/// The whole report.
pub fn report(a: &Assessment) -> String {
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
                "date": a.date.to_string(),
                "date_source": m.text(a.date_source.message_key(), lang),
                "library": a.library_version,
            }),
        ),
        0,
    ));
    out.push_str("\n\n");

    out.push_str(&m.text("report.duties", lang));
    out.push('\n');
    for duty in &a.duties {
        let status = match duty.applies {
            Applies::Yes => m.text("report.applies.true", lang),
            Applies::No => m.text("report.applies.false", lang),
            Applies::Unknown => m.text("report.applies.unknown", lang),
        };
        out.push_str(&format!(
            "  {:<width$}{} ({})\n",
            format!("[{status}]"),
            duty.title,
            duty.id,
            width = INDENT - 2
        ));
        out.push_str(&wrap(&duty.reason, INDENT));
        out.push('\n');
        out.push_str(&wrap(
            &format!("{}: {}", m.text("report.cite", lang), duty.cite),
            INDENT,
        ));
        out.push_str("\n\n");
    }

    let mut closing = m.text("report.disclaimer", lang);
    if a.unverified {
        closing.push(' ');
        closing.push_str(&m.text("report.unverified-note", lang));
    }
    out.push_str(&wrap(&closing, 0));
    out.push('\n');
    out
}

/// Wraps `text` at word boundaries to the report width, indenting every line by `indent`.
/// Non-breaking spaces hold amounts together.
fn wrap(text: &str, indent: usize) -> String {
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
