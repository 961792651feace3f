//! The paragraphs of a Word (.docx) file: the body's `w:p` elements, table cells included, read
//! from the zip's `word/document.xml`. Deleted text of tracked changes is left out.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::error::Diagnostic;

const DOCUMENT: &str = "word/document.xml";

/// The text (paragraphs separated by blank lines) and the offset where each paragraph starts.
pub fn paragraphs(
    name: &str,
    bytes: &[u8],
    limit: u64,
) -> Result<(String, Vec<usize>), Diagnostic> {
    let unreadable = |what: String| {
        Diagnostic::new(name, format!("the Word file cannot be read: {what}"))
            .expected("a Word document (.docx) as Word or LibreOffice saves it")
            .help("open it in Word or LibreOffice and save it again as .docx, or save it as PDF")
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let file = zip.by_name(DOCUMENT).map_err(|_| {
        unreadable(format!(
            "it is a zip file without `{DOCUMENT}`, so not a Word document"
        ))
    })?;
    // The declared size can lie: read at most the limit, whatever it says.
    let mut xml = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(|e| unreadable(e.to_string()))?;
    if xml.len() as u64 > limit {
        return Err(unreadable(format!(
            "its text unpacks to more than {} MiB",
            limit / (1024 * 1024)
        )));
    }
    let xml =
        String::from_utf8(xml).map_err(|_| unreadable(format!("`{DOCUMENT}` is not UTF-8")))?;
    read_body(&xml).map_err(|(at, e)| unreadable(format!("{e} (at byte {at} of `{DOCUMENT}`)")))
}

fn read_body(xml: &str) -> Result<(String, Vec<usize>), (u64, String)> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut in_text = false;
    let mut deleted = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => start_paragraph(&mut text, &mut starts),
                "t" => in_text = true,
                "del" => deleted += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" => deleted = deleted.saturating_sub(1),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "p" => start_paragraph(&mut text, &mut starts),
                "tab" | "br" | "cr" if deleted == 0 => text.push(' '),
                "noBreakHyphen" if deleted == 0 => text.push('-'),
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && deleted == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((text, starts))
}

fn start_paragraph(text: &mut String, starts: &mut Vec<usize>) {
    if !starts.is_empty() {
        text.push_str("\n\n");
    }
    starts.push(text.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_cells_in_order_without_deleted_text() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Anbudsgivaren ska</w:t></w:r><w:r><w:t xml:space="preserve"> erbjuda </w:t></w:r><w:r><w:t>lärlingsplatser &amp; praktik.</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Pris</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>100&#160;%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:del><w:r><w:delText>struken</w:delText></w:r></w:del><w:r><w:t>kvar</w:t><w:tab/><w:t>här</w:t></w:r></w:p>
</w:body></w:document>"#;
        let (text, starts) = read_body(xml).unwrap();
        assert_eq!(
            text,
            "Anbudsgivaren ska erbjuda lärlingsplatser & praktik.\n\n\n\nPris\n\n100\u{a0}%\n\nkvar här"
        );
        assert_eq!(starts.len(), 5);
        assert_eq!(&text[starts[2]..starts[2] + 4], "Pris");
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(read_body("<w:p><w:t>a</w:x></w:p>").is_err());
    }
}
