//! GitHub-flavoured Markdown from the document model. All text is escaped, so a title holding
//! `**`, `#`, `<script>` or `{{` comes out literally.

use crate::compose::document::{heading_text, number_text};
use crate::compose::{Block, Document, Inline};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(running) = &doc.running {
        out.push_str(&format!("*{}*\n\n", escape(running)));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading {
                level,
                number,
                text,
                ..
            } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&inlines(&heading_text(*number, text)));
                out.push_str("\n\n");
            }
            Block::Paragraph { text } => {
                out.push_str(&line_start(&inlines(text)));
                out.push_str("\n\n");
            }
            Block::Note { text } => {
                out.push_str("> ");
                out.push_str(&inlines(text));
                out.push_str("\n\n");
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    if *ordered {
                        out.push_str(&format!("{}. ", i + 1));
                    } else {
                        out.push_str("- ");
                    }
                    out.push_str(&inlines(item));
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(caption) = caption {
                    out.push_str(&format!("*{}*\n\n", escape(caption)));
                }
                let rows = rows
                    .iter()
                    .map(|row| row.iter().map(|c| cell(&inlines(c))).collect());
                table(&mut out, header, rows);
            }
            Block::Form { header, rows, .. } => {
                // The columns to write in stay empty.
                let rows = rows.iter().map(|row| {
                    let mut line = vec![cell(&inlines(row))];
                    line.extend((1..header.len()).map(|_| " ".to_string()));
                    line
                });
                table(&mut out, header, rows);
            }
            Block::Check {
                status_label,
                title,
                reason,
                guidance,
                ..
            } => {
                out.push_str(&format!(
                    "- **{}**: **{}**  \n  {}  \n  {}\n\n",
                    escape(status_label),
                    escape(title),
                    escape(reason),
                    escape(guidance)
                ));
            }
            Block::Field { label } => {
                out.push_str(&format!(
                    "{}: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n\n",
                    escape(label)
                ));
            }
            // Markdown draws no charts: the caption and the figures, as a list.
            Block::Chart { caption, bars, .. } => {
                out.push_str(&format!("**{}**\n\n", escape(caption)));
                for bar in bars {
                    out.push_str(&format!(
                        "- {}: {}\n",
                        escape(&bar.label),
                        escape(&bar.text)
                    ));
                }
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn inlines(list: &[Inline]) -> String {
    list.iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("**{}**", escape(t)),
            Inline::Emphasis(t) => format!("*{}*", escape(t)),
            Inline::Link { text, url } => {
                format!("[{}](<{}>)", escape(text), url.replace(['<', '>', ' '], ""))
            }
            Inline::Ref { number, .. } => escape(&number_text(*number)),
        })
        .collect()
}

/// Backslash-escapes Markdown's active characters; `&` and `<` become entities so that no
/// HTML passes through.
/// A table: the header, its rule, then the rows of cells already written as Markdown.
fn table(out: &mut String, header: &[String], rows: impl Iterator<Item = Vec<String>>) {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header.iter().map(|h| cell(h)).collect()));
    out.push_str(&line(header.iter().map(|_| "---".to_string()).collect()));
    for row in rows {
        out.push_str(&line(row));
    }
    out.push('\n');
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph that starts like a list item or a numbered line is escaped so it stays text.
fn line_start(text: &str) -> String {
    let starts_list = text.starts_with(['-', '+']);
    let numbered = text
        .split_once(['.', ')'])
        .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()));
    if starts_list {
        format!("\\{text}")
    } else if numbered {
        let at = text
            .find(['.', ')'])
            .expect("a number is followed by . or )");
        format!("{}\\{}", &text[..at], &text[at..])
    } else {
        text.to_string()
    }
}

fn cell(text: &str) -> String {
    // Cells are already escaped; line breaks would end the row.
    text.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_markdown_would_act_on() {
        assert_eq!(
            escape("**bold** # <script> {{x}} a|b & c"),
            "\\*\\*bold\\*\\* \\# &lt;script&gt; \\{\\{x\\}\\} a\\|b &amp; c"
        );
        assert_eq!(line_start("1. Not a list"), "1\\. Not a list");
        assert_eq!(line_start("- not an item"), "\\- not an item");
        assert_eq!(line_start("2026 was a year."), "2026 was a year.");
    }
}
