//! One standalone HTML file from the document model: semantic markup in the page shell of
//! `templates/page.hbs` with the CSS of `templates/style.css` inline (or their overrides from
//! `--templates`). All text is escaped.

use std::sync::OnceLock;

use handlebars::Handlebars;
use serde_json::json;

use crate::compose::document::{full_bar, heading_text, number_text};
use crate::compose::{Block, Document, Inline};
use crate::input::yaml::name_of;

fn shell() -> &'static Handlebars<'static> {
    static SHELL: OnceLock<Handlebars<'static>> = OnceLock::new();
    SHELL.get_or_init(|| {
        let mut h = Handlebars::new();
        h.set_strict_mode(true);
        h.register_template_string("page", &crate::templates::current().page.text)
            .expect("the page template compiles (checked when installed)");
        h
    })
}

pub fn render(doc: &Document) -> String {
    let mut body = String::new();
    if let Some(running) = &doc.running {
        body.push_str(&format!("<p class=\"running\">{}</p>\n", escape(running)));
    }
    for block in &doc.blocks {
        block_html(&mut body, block, 0);
    }
    shell()
        .render(
            "page",
            &page_data(
                doc.language.code(),
                &doc.title,
                &doc.subject,
                doc.author.as_deref(),
                &crate::templates::current().style.text,
                &body,
            ),
        )
        .expect("the page template renders these fields (tried when installed)")
}

/// The document's blocks alone, to show inside another page (the web page's assessment),
/// every heading `shift` levels lower (at most `h6`).
pub fn fragment(doc: &Document, shift: u8) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        block_html(&mut body, block, shift);
    }
    body
}

/// What the page shell is given: the fields of `templates::PAGE_VARIABLES`.
pub fn page_data(
    lang: &str,
    title: &str,
    subject: &str,
    author: Option<&str>,
    style: &str,
    body: &str,
) -> serde_json::Value {
    json!({
        "lang": lang,
        "title": title,
        "subject": subject,
        "author": author,
        "style": style,
        "body": body,
    })
}

/// A table's header row, then the start of its body.
fn head(out: &mut String, header: &[String]) {
    out.push_str("<thead><tr>");
    for h in header {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn block_html(out: &mut String, block: &Block, shift: u8) {
    match block {
        Block::Heading {
            level,
            id,
            number,
            text,
        } => {
            let level = (*level + shift).min(6);
            out.push_str(&format!(
                "<h{level} id=\"{}\">{}</h{level}>\n",
                escape(id),
                inlines(&heading_text(*number, text))
            ));
        }
        Block::Paragraph { text } => out.push_str(&format!("<p>{}</p>\n", inlines(text))),
        Block::Note { text } => {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", inlines(text)));
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>\n"));
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", inlines(item)));
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        Block::Table {
            caption,
            header,
            rows,
        } => {
            let name = caption.clone().unwrap_or_else(|| header.join(", "));
            open_table(out, None, &name);
            if let Some(caption) = caption {
                out.push_str(&format!("<caption>{}</caption>\n", escape(caption)));
            }
            head(out, header);
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    out.push_str(&format!("<td>{}</td>", inlines(cell)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        Block::Form {
            header,
            rows,
            widths,
        } => {
            open_table(out, Some("form"), &header.join(", "));
            out.push_str("<colgroup>");
            for w in widths {
                out.push_str(&format!("<col style=\"width: {w}%\">"));
            }
            out.push_str("</colgroup>\n");
            head(out, header);
            for row in rows {
                out.push_str(&format!("<tr><td>{}</td>", inlines(row)));
                for _ in 1..header.len() {
                    out.push_str("<td></td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        Block::Check {
            status,
            status_label,
            title,
            reason,
            guidance,
        } => {
            let level = (3 + shift).min(6);
            out.push_str(&format!(
                "<section class=\"check check-{}\">\n<h{level}><span class=\"status\">{}</span> {}</h{level}>\n<p>{}</p>\n<p class=\"guidance\">{}</p>\n</section>\n",
                name_of(status),
                escape(status_label),
                escape(title),
                escape(reason),
                escape(guidance)
            ));
        }
        Block::Field { label } => {
            out.push_str(&format!(
                "<p class=\"field\">{}: <span class=\"blank\" aria-hidden=\"true\"></span></p>\n",
                escape(label)
            ));
        }
        Block::Chart {
            id,
            caption,
            bars,
            scale,
        } => chart(out, id, caption, bars, full_bar(*scale, bars)),
    }
}

/// A bar chart in HTML: per bar its label, the bar (drawn, and hidden from screen readers)
/// and its value in words. The labels wrap, so they stay readable at any width; the table
/// after the chart gives the same figures.
fn chart(out: &mut String, id: &str, caption: &str, bars: &[crate::compose::Bar], max: f64) {
    out.push_str(&format!(
        "<figure class=\"chart\" id=\"{}\">\n<ul class=\"bars\">\n",
        escape(id)
    ));
    for bar in bars {
        let share = if max > 0.0 {
            (bar.value / max * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        };
        out.push_str(&format!(
            "<li><span class=\"label\">{}</span><span class=\"bar\" aria-hidden=\"true\"><span style=\"width: {share:.1}%\"></span></span><span class=\"value\">{}</span></li>\n",
            escape(&bar.label),
            escape(&bar.text),
        ));
    }
    out.push_str(&format!(
        "</ul>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(caption)
    ));
}

/// Opens a table in a box of its own that scrolls sideways where the table is wider than
/// the page (a narrow phone), so that the page itself never does. The box is named and can be
/// reached with the keyboard, so that it can be scrolled without a mouse.
fn open_table(out: &mut String, class: Option<&str>, name: &str) {
    out.push_str(&format!(
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
        escape(name)
    ));
    match class {
        Some(class) => out.push_str(&format!("<table class=\"{class}\">\n")),
        None => out.push_str("<table>\n"),
    }
}

fn inlines(list: &[Inline]) -> String {
    list.iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Inline::Emphasis(t) => format!("<em>{}</em>", escape(t)),
            Inline::Link { text, url } => {
                format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
            }
            Inline::Ref { id, number } => {
                format!("<a href=\"#{}\">{}</a>", escape(id), number_text(*number))
            }
        })
        .collect()
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
