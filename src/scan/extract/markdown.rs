//! The text of a Markdown file without its markup (`**`, `#`, links, tables), read with
//! pulldown-cmark, with a map back to the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Runs;

/// The text, and `(text offset, file offset)` at the start of every verbatim run.
pub fn text(markdown: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = Runs::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => out.verbatim(&t, range.start),
            Event::SoftBreak | Event::HardBreak => out.space(range.start),
            Event::Html(t) | Event::InlineHtml(t) => {
                let (visible, _) = super::html::visible_text(&t);
                if !visible.trim().is_empty() {
                    out.verbatim(&visible, range.start);
                }
                out.space(range.end);
            }
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => out.space(range.start),
            Event::Start(tag) if is_block(&tag) => out.paragraph(range.start),
            Event::End(tag) if is_block_end(&tag) => out.paragraph(range.end),
            Event::Rule => out.paragraph(range.end),
            _ => {}
        }
    }
    out.finish()
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_paragraphs_stay() {
        let md = "# Rubrik\n\nEtt *betonat* ord och **fet** text,\nen [länk](https://example.org).\n\n| Pris | 100 % |\n|---|---|\n| Kvalitet | 0 % |\n";
        assert_eq!(
            text(md).0,
            "Rubrik\n\nEtt betonat ord och fet text, en länk.\n\nPris 100 %\n\nKvalitet 0 %"
        );
    }
}
