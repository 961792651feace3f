//! One standalone HTML file from the document model: semantic markup in the page shell of
//! `templates/page.hbs` with the CSS of `templates/style.css` inline (or their overrides from
//! `--templates`). All text is escaped.

use std::sync::OnceLock;

use handlebars::Handlebars;
use serde_json::json;

use crate::compose::document::{heading_text, number_text};
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
        block_html(&mut body, block);
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

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading {
            level,
            id,
            number,
            text,
        } => {
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
            out.push_str("<table>\n");
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
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Form {
            header,
            rows,
            widths,
        } => {
            out.push_str("<table class=\"form\">\n<colgroup>");
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
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Check {
            status,
            status_label,
            title,
            reason,
            guidance,
        } => {
            out.push_str(&format!(
                "<section class=\"check check-{}\">\n<h3><span class=\"status\">{}</span> {}</h3>\n<p>{}</p>\n<p class=\"guidance\">{}</p>\n</section>\n",
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
        Block::Chart { id, caption, bars } => chart(out, id, caption, bars),
    }
}

/// Chart geometry, in SVG user units: label column, bar area, value column, row height.
const CHART_LABEL: f32 = 330.0;
const CHART_BARS: f32 = 300.0;
const CHART_VALUE: f32 = 70.0;
const CHART_ROW: f32 = 26.0;

/// An inline SVG bar chart. The SVG is an image with a title; the labels and values are in it
/// as text too, and the table after it gives the same figures to those who cannot see it.
fn chart(out: &mut String, id: &str, caption: &str, bars: &[crate::compose::Bar]) {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let width = CHART_LABEL + CHART_BARS + CHART_VALUE;
    let height = CHART_ROW * bars.len() as f32 + 8.0;
    let id = escape(id);
    out.push_str(&format!(
        "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n",
        escape(caption)
    ));
    for (i, bar) in bars.iter().enumerate() {
        let y = CHART_ROW * i as f32 + 4.0;
        let w = if max > 0.0 {
            (bar.value / max) as f32 * CHART_BARS
        } else {
            0.0
        };
        let label: String = if bar.label.chars().count() > 52 {
            bar.label
                .chars()
                .take(51)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            bar.label.clone()
        };
        out.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\" fill=\"#1b1b1b\">{}</text>\n<rect x=\"{CHART_LABEL}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#0b4f6c\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1b1b1b\">{}</text>\n",
            y + 15.0,
            escape(&label),
            y + 3.0,
            CHART_ROW - 8.0,
            CHART_LABEL + w + 6.0,
            y + 15.0,
            escape(&bar.text),
        ));
    }
    out.push_str(&format!(
        "</svg>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(caption)
    ));
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
