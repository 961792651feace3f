//! The visible text of an HTML page, with a map back to the file.
//!
//! A small tokenizer, not a browser: it drops comments, declarations, tags and the contents of
//! `script`, `style`, `template` and `title`; it ends a paragraph at block elements, so that a
//! pattern does not run from one heading into the next paragraph; it folds white space as a
//! browser does and decodes character references. Tender pages from word processors and
//! publishers' notice pages are well within what this reads.

use super::Runs;

/// Elements whose contents are never shown.
const HIDDEN: &[&str] = &["script", "style", "template", "title", "head"];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements that separate words without ending the paragraph.
const SPACERS: &[&str] = &["br", "td", "th", "input", "img", "label", "option"];

/// The visible text, and `(text offset, file offset)` at the start of every run copied
/// verbatim from the file.
pub fn visible_text(html: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = Runs::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => i = markup(html, i, &mut out),
            b'&' => i = reference(html, i, &mut out),
            c if c.is_ascii_whitespace() => {
                out.space(i);
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            _ => {
                let end = html[i..]
                    .find(|c: char| c == '<' || c == '&' || c.is_ascii_whitespace())
                    .map_or(html.len(), |n| i + n);
                out.verbatim(&html[i..end], i);
                i = end;
            }
        }
    }
    out.finish()
}

/// A tag, comment or declaration at `i`: skips it (and a hidden element's contents) and
/// returns where the text goes on.
fn markup(html: &str, i: usize, out: &mut Runs) -> usize {
    let rest = &html[i..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map_or(html.len(), |n| i + 4 + n + 3);
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return rest.find('>').map_or(html.len(), |n| i + n + 1);
    }
    let closing = rest.as_bytes().get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let name_len = rest[name_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len() - name_start);
    if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
        // A lone `<` in text, as browsers show it.
        out.verbatim("<", i);
        return i + 1;
    }
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    let end = tag_end(rest).map_or(html.len(), |n| i + n);
    if !closing && HIDDEN.contains(&name.as_str()) {
        let close = format!("</{name}");
        return find_ascii_case_insensitive(&html[end..], &close)
            .map(|n| end + n)
            .and_then(|at| tag_end(&html[at..]).map(|n| at + n))
            .unwrap_or(html.len());
    }
    if BLOCKS.contains(&name.as_str()) {
        out.paragraph(i);
    } else if SPACERS.contains(&name.as_str()) {
        out.space(i);
    }
    end
}

/// The offset just past the `>` that ends the tag at the start of `tag`, skipping quoted
/// attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (n, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(n + 1),
            _ => {}
        }
    }
    None
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A character reference at `i` (`&amp;`, `&#229;`, `&#xE5;`): decodes it, or keeps the `&`
/// as text when it is not one.
fn reference(html: &str, i: usize, out: &mut Runs) -> usize {
    let rest = &html[i..];
    let end = rest
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ';' || c == '<' || c.is_whitespace())
        .filter(|&(_, c)| c == ';')
        .map(|(n, _)| n + 1);
    if let Some(end) = end {
        let decoded = html_escape::decode_html_entities(&rest[..end]);
        if decoded != rest[..end] {
            let decoded = decoded.replace('\u{00A0}', " ");
            if decoded.trim().is_empty() {
                out.space(i);
            } else {
                out.verbatim(&decoded, i);
            }
            return i + end;
        }
    }
    out.verbatim("&", i);
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        visible_text(html).0
    }

    #[test]
    fn keeps_only_what_a_browser_shows() {
        let html = "<!DOCTYPE html><html lang=sv><head><title>Titel</title>\
            <style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>\
            <body><!-- a comment --><h1>Rubrik</h1><p>Första  stycket,\n   <b>fet</b> text.</p>\
            <p title=\"a > b\">Andra &amp; sista&nbsp;stycket &#229;&#xE4;&ouml;</p></body></html>";
        assert_eq!(
            text(html),
            "Rubrik\n\nFörsta stycket, fet text.\n\nAndra & sista stycket åäö"
        );
    }

    #[test]
    fn table_cells_are_words_of_one_row() {
        let html = "<table><tr><th>Price</th><th>100%</th></tr><tr><td>Quality</td><td>0%</td></tr></table>";
        assert_eq!(text(html), "Price 100%\n\nQuality 0%");
    }

    #[test]
    fn stray_markup_characters_stay_text() {
        assert_eq!(text("a < b & c &unknown; d"), "a < b & c &unknown; d");
        assert_eq!(text("<p>unclosed <b"), "unclosed");
        assert_eq!(text("<script>never closed"), "");
    }

    #[test]
    fn runs_point_back_into_the_file() {
        let html = "<p>one</p>\n<p>two &amp; three</p>";
        let (text, runs) = visible_text(html);
        let three = text.find("three").unwrap();
        let run = runs.partition_point(|&(t, _)| t <= three) - 1;
        let (t, f) = runs[run];
        assert_eq!(&html[f + (three - t)..f + (three - t) + 5], "three");
    }
}
