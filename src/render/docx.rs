//! Word (DOCX) from the document model, for a buyer who edits the annex: real paragraph styles
//! (Title, Heading 1–4, body, list, caption, note) with the document's language on them, Word
//! numbering for ordered lists, tables with a repeated header row, the response form with
//! empty cells to type in, numbered requirements as Word numbering with the tables pointing to
//! them by cross-reference fields (so that the buyer's deletions renumber them all), the running header and a "page x of y" footer as fields, the
//! document properties, and links as hyperlinks. A4 with the PDF's margins, in fonts every
//! Word installation has (nothing embedded). The same document gives the same bytes.
//!
//! Every part is built from the `docx-rust` crate's types and written as XML by it; the
//! package is put together here with the `zip` crate (see [`package`]).

use std::borrow::Cow;
use std::io::Cursor;

use docx_rust::content_type::{ContentTypes, DefaultContentType, OverrideContentType};
use docx_rust::core::{Core, CoreNamespace};
use docx_rust::document::{
    AbstractNum, BodyContent, BookmarkEnd, BookmarkStart, Footer, Header, Hyperlink, Level,
    LevelJustification, LevelStart, LevelText, Num, NumFmt, Numbering, Paragraph, Run, RunContent,
    Table, TableCell, TableGrid, TableRow, Text, TextSpace,
};
use docx_rust::formatting::{
    Bold, BorderStyle, BottomBorder, CharacterProperty, Fonts, Indent, IndentLevel,
    InsideHorizonBorder, InsideVerticalBorder, Italics, JustificationVal, KeepNext, Lang,
    LeftBorder, NumberingId, NumberingProperty, OnOffOnlyType, PageMargin, PageSize,
    ParagraphProperty, ParagraphStyleId, RightBorder, SectionProperty, Size, Spacing, TableBorders,
    TableCellProperty, TableCellWidth, TableHeader, TableProperty, TableRowProperty, TableWidth,
    TableWidthUnit, TopBorder, Underline, UnderlineStyle,
};
use docx_rust::rels::{Relationship, Relationships, TargetMode};
use docx_rust::styles::{
    BasedOn, DefaultStyle, Next, QFormat, Style, StyleName, StyleType, Styles,
};

use crate::compose::document::{Block, Document, Inline};
use crate::input::Language;
use crate::messages::Messages;
use crate::render::columns;

/// A4 in twentieths of a point.
const PAGE_WIDTH: isize = 11906;
const PAGE_HEIGHT: isize = 16838;
/// The PDF's margins (51 pt at the sides, 57 at the top, 62 at the bottom), in twips.
const MARGIN_X: isize = 1020;
const MARGIN_TOP: isize = 1140;
const MARGIN_BOTTOM: isize = 1240;
const TEXT_WIDTH: isize = PAGE_WIDTH - 2 * MARGIN_X;
/// Fonts every Word installation has; nothing is embedded.
const FONT: &str = "Calibri";

/// The package's relationships to its core properties and main document. (docx-rust writes
/// the first with a misspelt type, which Word does not read, so the package is written here.)
const REL_CORE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const REL_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const REL_NUMBERING: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
const REL_FOOTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
const REL_HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The DOCX bytes of a document.
pub fn render(doc: &Document) -> Vec<u8> {
    let mut builder = Builder::default();
    for block in &doc.blocks {
        builder.block(block);
    }
    let Builder {
        body,
        links,
        ordered_lists,
        ..
    } = builder;

    let mut rels = vec![
        relationship("rIdStyles", "styles.xml", REL_STYLES, None),
        relationship("rIdNumbering", "numbering.xml", REL_NUMBERING, None),
        relationship("rIdFooter", "footer1.xml", REL_FOOTER, None),
    ];
    let mut references = vec![docx_rust::document::HeaderFooterReference::Footer(
        docx_rust::document::FooterReference {
            ty: Some(docx_rust::document::HeaderFooterReferenceType::Default),
            id: Some("rIdFooter".into()),
        },
    )];
    let header = doc.running.as_ref().map(|running| {
        rels.push(relationship("rIdHeader", "header1.xml", REL_HEADER, None));
        references.insert(
            0,
            docx_rust::document::HeaderFooterReference::Header(
                docx_rust::document::HeaderReference {
                    ty: Some(docx_rust::document::HeaderFooterReferenceType::Default),
                    id: Some("rIdHeader".into()),
                },
            ),
        );
        Header {
            content: vec![BodyContent::Paragraph(
                styled("Header").push(run(running.clone(), None)),
            )],
        }
    });
    let footer = Footer {
        content: vec![BodyContent::Paragraph(page_of(doc.language))],
    };
    for (i, url) in links.iter().enumerate() {
        rels.push(relationship(
            link_id(i),
            url.clone(),
            REL_HYPERLINK,
            Some(TargetMode::External),
        ));
    }
    let mut document = docx_rust::document::Document::default();
    document.body.content = body;
    document
        .body
        .content
        .push(BodyContent::SectionProperty(section(references)));
    let package_rels = Relationships {
        relationships: vec![
            relationship("rIdCore", "docProps/core.xml", REL_CORE, None),
            relationship("rIdDocument", "word/document.xml", REL_DOCUMENT, None),
        ],
    };

    let xml = |part: &dyn XmlPart| part.xml();
    let mut parts = vec![
        ("[Content_Types].xml", xml(&content_types(header.is_some()))),
        ("_rels/.rels", xml(&package_rels)),
        ("docProps/core.xml", xml(&core(doc))),
        ("word/document.xml", xml(&document)),
        ("word/styles.xml", xml(&styles(doc.language))),
        ("word/numbering.xml", xml(&numbering(ordered_lists))),
        (
            "word/_rels/document.xml.rels",
            xml(&Relationships {
                relationships: rels,
            }),
        ),
        ("word/footer1.xml", xml(&footer)),
    ];
    if let Some(header) = &header {
        parts.push(("word/header1.xml", xml(header)));
    }
    package(&parts)
}

/// A part of the package as XML, as docx-rust writes it.
trait XmlPart {
    fn xml(&self) -> String;
}

impl<T: hard_xml::XmlWrite> XmlPart for T {
    fn xml(&self) -> String {
        self.to_string().expect("a part in memory is written")
    }
}

/// The package: its parts in a fixed order, with the zip format's earliest time on each, so
/// that the same document gives the same bytes. Only the body is compressed: each compressed
/// part costs a compressor's set-up, which for parts of a few hundred bytes is most of the
/// time a DOCX takes, and they would shrink by a few kilobytes in all.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    use zip::CompressionMethod::{Deflated, Stored};
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        let method = if *name == "word/document.xml" {
            Deflated
        } else {
            Stored
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options)
            .and_then(|()| Ok(zip.write_all(xml.as_bytes())?))
            .expect("a package in memory is written");
    }
    zip.finish()
        .expect("a package in memory is written")
        .into_inner()
}

/// The document's body, built block by block.
#[derive(Default)]
struct Builder {
    body: Vec<BodyContent<'static>>,
    /// The link targets, each once, in order of first use.
    links: Vec<String>,
    /// How many ordered lists there are: each restarts at 1 with a numbering of its own.
    ordered_lists: usize,
    /// How many numbered headings there are: each is a bookmark, numbered by its order.
    bookmarks: usize,
}

/// Numbering 1 is the bullets, 2 the numbered headings (one sequence through the document,
/// so that the requirements under every instrument count on), and each ordered list has its
/// own from 3 on.
const BULLETS: usize = 1;
const HEADINGS: usize = 2;
const FIRST_LIST: usize = 3;

impl Builder {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                id,
                number,
                text,
            } => {
                let style = match level {
                    0 | 1 => "Title".to_string(),
                    n => format!("Heading{}", (n - 1).min(4)),
                };
                let p = match number {
                    // Word writes the number, and the bookmark is what a reference names.
                    Some(_) => {
                        let mark = self.bookmarks.to_string();
                        self.bookmarks += 1;
                        let p = numbered(styled(&style), HEADINGS).push(BookmarkStart {
                            id: Some(mark.clone().into()),
                            name: Some(bookmark(id).into()),
                        });
                        self.inlines(p, text).push(BookmarkEnd {
                            id: Some(mark.into()),
                        })
                    }
                    None => self.inlines(styled(&style), text),
                };
                self.body.push(BodyContent::Paragraph(p));
            }
            Block::Paragraph { text } => {
                let p = self.inlines(Paragraph::default(), text);
                self.body.push(BodyContent::Paragraph(p));
            }
            Block::Note { text } => {
                let p = self.inlines(styled("Note"), text);
                self.body.push(BodyContent::Paragraph(p));
            }
            Block::List { ordered, items } => {
                let num = if *ordered {
                    self.ordered_lists += 1;
                    FIRST_LIST + self.ordered_lists - 1
                } else {
                    BULLETS
                };
                for item in items {
                    let p = self.inlines(numbered(styled("ListParagraph"), num), item);
                    self.body.push(BodyContent::Paragraph(p));
                }
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(caption) = caption {
                    self.caption(caption);
                }
                let cells = rows;
                let rows: Vec<Vec<Paragraph<'static>>> = cells
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|cell| self.inlines(Paragraph::default(), cell))
                            .collect()
                    })
                    .collect();
                // Calibri at 11 pt averages about half an em a character; a wider font
                // standing in for it (where Calibri is missing) up to 0.6 em, and Word's cell
                // margins take a character more than the PDF's.
                let widths: Vec<isize> = columns::widths(
                    |bold, text| {
                        let em = if bold { 7.0 } else { 6.6 };
                        (text.chars().count() + 1) as f32 * em
                    },
                    header,
                    cells,
                    TEXT_WIDTH as f32 / 20.0,
                )
                .into_iter()
                .map(|points| (points * 20.0).round() as isize)
                .collect();
                self.body
                    .push(BodyContent::Table(table(header, rows, &widths, false)));
            }
            Block::Form {
                header,
                rows,
                widths,
            } => {
                // The item in the first column; the others empty, to type in.
                let rows = rows
                    .iter()
                    .map(|row| {
                        let mut cells = vec![self.inlines(Paragraph::default(), row)];
                        cells.extend((1..header.len()).map(|_| Paragraph::default()));
                        cells
                    })
                    .collect();
                self.body.push(BodyContent::Table(table(
                    header,
                    rows,
                    &percent(widths),
                    true,
                )));
            }
            Block::Check {
                status_label,
                title,
                reason,
                guidance,
                ..
            } => {
                let head = styled("CheckItem")
                    .push(run(format!("{status_label}: "), Some(Face::Bold)))
                    .push(run(title.clone(), Some(Face::Bold)));
                self.body.push(BodyContent::Paragraph(head));
                for text in [reason, guidance] {
                    if !text.is_empty() {
                        self.body.push(BodyContent::Paragraph(
                            styled("CheckText").push(run(text.clone(), None)),
                        ));
                    }
                }
            }
            Block::Field { label } => {
                self.body.push(BodyContent::Paragraph(
                    styled("FieldLabel").push(run(format!("{label}:"), None)),
                ));
                // An empty line with a rule under it, to write on.
                self.body.push(BodyContent::Paragraph(styled("FieldLine")));
            }
            // Word draws no chart here: the caption and the figures, as a table.
            Block::Chart { caption, bars, .. } => {
                self.caption(caption);
                let rows = bars
                    .iter()
                    .map(|b| {
                        vec![
                            Paragraph::default().push(run(b.label.clone(), None)),
                            Paragraph::default().push(run(b.text.clone(), None)),
                        ]
                    })
                    .collect();
                self.body.push(BodyContent::Table(table(
                    &[String::new(), String::new()],
                    rows,
                    &percent(&[70, 30]),
                    false,
                )));
            }
        }
    }

    fn caption(&mut self, caption: &str) {
        self.body.push(BodyContent::Paragraph(
            styled("Caption").push(run(caption.to_string(), None)),
        ));
    }

    /// `p` with the inline content added: runs, bold, italic, and links as hyperlinks.
    fn inlines(&mut self, mut p: Paragraph<'static>, inlines: &[Inline]) -> Paragraph<'static> {
        for inline in inlines {
            p = match inline {
                Inline::Text(t) => p.push(run(t.clone(), None)),
                Inline::Strong(t) => p.push(run(t.clone(), Some(Face::Bold))),
                Inline::Emphasis(t) => p.push(run(t.clone(), Some(Face::Italic))),
                Inline::Link { text, url } => {
                    let index = match self.links.iter().position(|u| u == url) {
                        Some(i) => i,
                        None => {
                            self.links.push(url.clone());
                            self.links.len() - 1
                        }
                    };
                    p.push(Hyperlink {
                        id: Some(link_id(index).into()),
                        content: Some(run(text.clone(), Some(Face::Link))),
                        ..Hyperlink::default()
                    })
                }
                // The heading's number as Word has it now (updated with the fields), then the
                // full stop the other formats write after it: Word's number has none, so that
                // Word and LibreOffice give the same reference.
                Inline::Ref { id, number } => field_runs(
                    &format!("REF {} \\r \\h", bookmark(id)),
                    &number.to_string(),
                )
                .into_iter()
                .fold(p, Paragraph::push)
                .push(run(".".to_string(), None)),
            };
        }
        p
    }
}

fn link_id(index: usize) -> String {
    format!("rIdLink{}", index + 1)
}

#[derive(Clone, Copy)]
enum Face {
    Bold,
    Italic,
    Link,
}

/// A run of text, spaces kept.
fn run(text: String, face: Option<Face>) -> Run<'static> {
    let property = face.map(|face| match face {
        Face::Bold => CharacterProperty {
            bold: Some(Bold { value: None }),
            ..CharacterProperty::default()
        },
        Face::Italic => CharacterProperty {
            italics: Some(Italics { value: None }),
            ..CharacterProperty::default()
        },
        Face::Link => CharacterProperty {
            style_id: Some(docx_rust::formatting::CharacterStyleId {
                value: "Hyperlink".into(),
            }),
            ..CharacterProperty::default()
        },
    });
    Run {
        property,
        content: vec![RunContent::Text(Text {
            space: Some(TextSpace::Preserve),
            text: text.into(),
        })],
        ..Run::default()
    }
}

/// An empty paragraph in `style`.
fn styled(style: &str) -> Paragraph<'static> {
    Paragraph {
        property: Some(ParagraphProperty {
            style_id: Some(ParagraphStyleId {
                value: style.to_string().into(),
            }),
            ..ParagraphProperty::default()
        }),
        ..Paragraph::default()
    }
}

/// The name of the bookmark on the heading `id`: hidden (a leading underscore, as Word's own
/// cross-references have), letters, digits and underscores only.
fn bookmark(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("_Ref_{name}")
}

/// Paragraph `p` numbered by numbering `num`.
fn numbered(mut p: Paragraph<'static>, num: usize) -> Paragraph<'static> {
    if let Some(property) = &mut p.property {
        property.numbering = Some(NumberingProperty {
            level: Some(IndentLevel { value: 0 }),
            id: Some(NumberingId {
                value: num as isize,
            }),
            ..NumberingProperty::default()
        });
    }
    p
}

/// Widths in percent of the text width, in twips.
fn percent(widths: &[u8]) -> Vec<isize> {
    widths
        .iter()
        .map(|w| TEXT_WIDTH * isize::from(*w) / 100)
        .collect()
}

/// A table across the text width: a header row repeated on every page, then the rows.
/// `widths` are the columns' in twips; a form's rows are tall enough to write in.
fn table(
    header: &[String],
    rows: Vec<Vec<Paragraph<'static>>>,
    widths: &[isize],
    form: bool,
) -> Table<'static> {
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    let cell = |i: usize, p: Paragraph<'static>| {
        TableCell::paragraph(p).property(TableCellProperty {
            wide: Some(TableCellWidth {
                value: Some(width(i)),
                unit: Some(TableWidthUnit::Dxa),
            }),
            ..TableCellProperty::default()
        })
    };
    let mut t = Table::default().property(TableProperty {
        style_id: Some(docx_rust::formatting::TableStyleId {
            value: "TableGrid".into(),
        }),
        width: Some(TableWidth {
            value: Some(TEXT_WIDTH),
            unit: Some(TableWidthUnit::Dxa),
        }),
        ..TableProperty::default()
    });
    t.grids = TableGrid {
        columns: (0..header.len())
            .map(|i| docx_rust::document::GridColumn { width: width(i) })
            .collect(),
    };
    if header.iter().any(|h| !h.is_empty()) {
        let mut row = TableRow::default().property(TableRowProperty {
            table_header: Some(TableHeader::from(OnOffOnlyType::On)),
            ..TableRowProperty::default()
        });
        for (i, h) in header.iter().enumerate() {
            row = row.push_cell(cell(i, styled("TableHeading").push(run(h.clone(), None))));
        }
        t = t.push_row(row);
    }
    for cells in rows {
        let mut row = TableRow::default();
        for (i, p) in cells.into_iter().enumerate() {
            let p = if form && i > 0 { styled("FormCell") } else { p };
            row = row.push_cell(cell(i, p));
        }
        t = t.push_row(row);
    }
    t
}

/// The runs of a field that Word and LibreOffice update: its `instruction` (`PAGE`, `REF …`)
/// and the text `shown` until they do. docx-rust keeps its field types private, so the runs
/// are read from XML and the instruction set in the one read.
fn field_runs(instruction: &str, shown: &str) -> Vec<Run<'static>> {
    use hard_xml::XmlRead;
    macro_rules! run {
        ($inner:literal) => {
            Run::from_str(concat!(
                r#"<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
                $inner,
                "</w:r>"
            ))
            .expect("a field run is well-formed")
        };
    }
    let mut code = run!(r#"<w:instrText xml:space="preserve"></w:instrText>"#);
    if let Some(RunContent::InstrText(text)) = code.content.first_mut() {
        text.text = format!(" {instruction} ").into();
    }
    vec![
        run!(r#"<w:fldChar w:fldCharType="begin"/>"#),
        code,
        run!(r#"<w:fldChar w:fldCharType="separate"/>"#),
        run(shown.to_string(), None),
        run!(r#"<w:fldChar w:fldCharType="end"/>"#),
    ]
}

/// "Page x of y" (in the document's language) with PAGE and NUMPAGES as fields.
fn page_of(lang: Language) -> Paragraph<'static> {
    let text = Messages::embedded().render(
        "pdf.footer",
        lang,
        &serde_json::json!({ "n": "\u{1}", "m": "\u{2}" }),
    );
    let mut p = styled("Footer");
    for (i, part) in text.split(['\u{1}', '\u{2}']).enumerate() {
        if i > 0 {
            for run in field_runs(if i == 1 { "PAGE" } else { "NUMPAGES" }, "1") {
                p = p.push(run);
            }
        }
        if !part.is_empty() {
            p = p.push(run(part.to_string(), None));
        }
    }
    p
}

fn relationship(
    id: impl Into<String>,
    target: impl Into<String>,
    ty: &'static str,
    mode: Option<TargetMode>,
) -> Relationship<'static> {
    Relationship {
        id: Cow::Owned(id.into()),
        target: Cow::Owned(target.into()),
        ty: Cow::Borrowed(ty),
        target_mode: mode,
    }
}

/// Every part the package holds, and only those.
fn content_types(header: bool) -> ContentTypes<'static> {
    let part = |part: &'static str, ty: String| OverrideContentType {
        part: part.into(),
        ty: ty.into(),
    };
    let mut overrides = vec![
        part(
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        part("/word/document.xml", format!("{WORD}.document.main+xml")),
        part("/word/styles.xml", format!("{WORD}.styles+xml")),
        part("/word/numbering.xml", format!("{WORD}.numbering+xml")),
        part("/word/footer1.xml", format!("{WORD}.footer+xml")),
    ];
    if header {
        overrides.push(part("/word/header1.xml", format!("{WORD}.header+xml")));
    }
    ContentTypes {
        defaults: vec![
            DefaultContentType {
                ext: "rels".into(),
                ty: "application/vnd.openxmlformats-package.relationships+xml".into(),
            },
            DefaultContentType {
                ext: "xml".into(),
                ty: "application/xml".into(),
            },
        ],
        overrides,
    }
}

/// Title, subject, author and language in the document properties. No dates and no
/// application name: the same document gives the same bytes, and the annex is the buyer's.
fn core(doc: &Document) -> Core<'static> {
    Core::CoreNamespace(CoreNamespace {
        title: Some(doc.title.clone().into()),
        subject: Some(doc.subject.clone().into()),
        creator: doc.author.clone().map(Into::into),
        language: Some(tag(doc.language).into()),
        ..CoreNamespace::default()
    })
}

/// The language tag Word's spelling checker reads.
fn tag(lang: Language) -> &'static str {
    match lang {
        Language::Sv => "sv-SE",
        Language::En => "en-GB",
    }
}

fn section(
    references: Vec<docx_rust::document::HeaderFooterReference<'static>>,
) -> SectionProperty<'static> {
    SectionProperty {
        header_footer_references: references,
        page_size: Some(PageSize {
            weight: PAGE_WIDTH,
            height: PAGE_HEIGHT,
        }),
        page_margin: Some(PageMargin {
            top: Some(MARGIN_TOP),
            right: Some(MARGIN_X),
            bottom: Some(MARGIN_BOTTOM),
            left: Some(MARGIN_X),
            header: Some(567),
            footer: Some(567),
            gutter: Some(0),
        }),
        ..SectionProperty::default()
    }
}

/// The numberings: [`BULLETS`], [`HEADINGS`] ("5" hanging before the heading's text, with no
/// full stop, which a cross-reference in Word would take along and LibreOffice would not), and
/// a decimal one per ordered list from [`FIRST_LIST`] on, each with an abstract numbering of
/// its own so that every list starts at 1.
fn numbering(ordered_lists: usize) -> Numbering<'static> {
    let level = |format: &'static str, text: &'static str, left: isize, hanging: isize| Level {
        i_level: Some(0),
        start: Some(LevelStart { value: Some(1) }),
        number_format: Some(NumFmt {
            value: format.into(),
        }),
        level_text: Some(LevelText {
            value: Some(text.into()),
        }),
        justification: Some(LevelJustification {
            value: JustificationVal::Left,
        }),
        p_pr: Some(docx_rust::document::PPr {
            indent: Some(Indent {
                left: Some(left),
                hanging: Some(hanging),
                ..Indent::default()
            }),
        }),
        ..Level::default()
    };
    let mut levels = vec![
        (BULLETS, level("bullet", "•", 720, 360)),
        (HEADINGS, level("decimal", "%1", 567, 567)),
    ];
    levels.extend((0..ordered_lists).map(|i| (FIRST_LIST + i, level("decimal", "%1.", 720, 360))));
    let (abstracts, nums) = levels
        .into_iter()
        .enumerate()
        .map(|(abstract_id, (id, level))| {
            let abstract_id = abstract_id as isize;
            let abstract_num = AbstractNum {
                abstract_num_id: Some(abstract_id),
                levels: vec![level],
                ..AbstractNum::default()
            };
            (abstract_num, num(id as isize, abstract_id))
        })
        .unzip();
    Numbering {
        abstract_numberings: abstracts,
        numberings: nums,
    }
}

fn num(id: isize, abstract_id: isize) -> Num {
    Num {
        num_id: Some(id),
        abstract_num_id: Some(docx_rust::document::AbstractNumId {
            value: Some(abstract_id),
        }),
        level_overrides: Vec::new(),
    }
}

/// Text properties: bold, a size in points, and a colour, as far as given.
fn chars(bold: bool, size_pt: Option<isize>) -> CharacterProperty<'static> {
    CharacterProperty {
        bold: bold.then_some(Bold { value: None }),
        size: size_pt.map(|pt| Size { value: pt * 2 }),
        size_complex: size_pt.map(|pt| docx_rust::formatting::SizeComplex {
            value: Some(pt * 2),
        }),
        ..CharacterProperty::default()
    }
}

/// Paragraph spacing before and after, in points; whether it keeps with the next.
fn spaced(before: isize, after: isize, keep_next: bool) -> ParagraphProperty<'static> {
    ParagraphProperty {
        keep_next: keep_next.then_some(KeepNext { value: None }),
        spacing: Some(Spacing {
            before: Some(before * 20),
            after: Some(after * 20),
            ..Spacing::default()
        }),
        ..ParagraphProperty::default()
    }
}

/// A paragraph style based on Normal.
fn paragraph_style(
    id: &'static str,
    name: &'static str,
    paragraph: ParagraphProperty<'static>,
    character: CharacterProperty<'static>,
) -> Style<'static> {
    Style {
        custom_style: (!BUILT_IN.contains(&id)).then_some(true),
        name: Some(StyleName { value: name.into() }),
        base: Some(BasedOn {
            value: "Normal".into(),
        }),
        next: Some(Next {
            value: "Normal".into(),
        }),
        q_format: Some(QFormat { value: None }),
        paragraph: Some(paragraph),
        character: Some(character),
        ..Style::new(StyleType::Paragraph, id)
    }
}

/// The styles Word has built in (it recognises them by these ids and names: headings go to
/// the navigation pane and a table of contents).
const BUILT_IN: [&str; 11] = [
    "Normal",
    "Title",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "ListParagraph",
    "Caption",
    "Header",
    "Footer",
    "Hyperlink",
];

/// A single-line border of one side (each side is a type of its own in docx-rust), `size`
/// in eighths of a point, with other attributes as given.
macro_rules! rule {
    ($side:ident, $size:expr $(, $field:ident: $value:expr)*) => {
        Some($side {
            style: BorderStyle::Single,
            size: Some($size),
            $($field: $value,)*
            ..$side::default()
        })
    };
}

fn styles(lang: Language) -> Styles<'static> {
    let headings = [(1, 15, 12), (2, 13, 10), (3, 12, 8), (4, 11, 6)].map(|(n, pt, before)| {
        let id = ["Heading1", "Heading2", "Heading3", "Heading4"][n - 1];
        let name = ["heading 1", "heading 2", "heading 3", "heading 4"][n - 1];
        let mut p = spaced(before, 4, true);
        p.outline_lvl = Some(docx_rust::formatting::OutlineLvl {
            value: (n - 1) as isize,
        });
        paragraph_style(id, name, p, chars(true, Some(pt)))
    });
    let mut note = spaced(4, 8, false);
    note.indent = Some(Indent {
        left: Some(284),
        ..Indent::default()
    });
    note.border = Some(docx_rust::formatting::Borders {
        left: rule!(LeftBorder, 12, space: Some(8), color: Some("8A8A8A".into())),
        ..docx_rust::formatting::Borders::default()
    });
    let mut check_text = spaced(0, 4, false);
    check_text.indent = Some(Indent {
        left: Some(284),
        ..Indent::default()
    });
    let mut list = spaced(0, 3, false);
    list.indent = Some(Indent {
        left: Some(720),
        ..Indent::default()
    });
    // A line to write on keeps with what follows, and its label with it, so that the
    // signature block (organisation, name, date, signature) stays on one page.
    let mut line = spaced(0, 12, true);
    line.border = Some(docx_rust::formatting::Borders {
        bottom: rule!(BottomBorder, 6, space: Some(1), color: Some("auto".into())),
        ..docx_rust::formatting::Borders::default()
    });
    let mut footer = spaced(0, 0, false);
    footer.justification = Some(JustificationVal::Center.into());

    let mut list_of_styles = vec![
        Style {
            default: Some(true),
            name: Some(StyleName {
                value: "Normal".into(),
            }),
            q_format: Some(QFormat { value: None }),
            ..Style::new(StyleType::Paragraph, "Normal")
        },
        paragraph_style("Title", "Title", spaced(0, 12, true), chars(true, Some(18))),
    ];
    list_of_styles.extend(headings);
    list_of_styles.extend([
        paragraph_style("ListParagraph", "List Paragraph", list, chars(false, None)),
        paragraph_style(
            "Caption",
            "caption",
            spaced(8, 4, true),
            chars(true, Some(10)),
        ),
        paragraph_style("Note", "Note", note, chars(false, None)),
        paragraph_style(
            "CheckItem",
            "Checklist item",
            spaced(8, 2, true),
            chars(false, None),
        ),
        paragraph_style(
            "CheckText",
            "Checklist text",
            check_text,
            chars(false, None),
        ),
        paragraph_style(
            "FieldLabel",
            "Field label",
            spaced(6, 0, true),
            chars(false, None),
        ),
        paragraph_style("FieldLine", "Field line", line, chars(false, None)),
        paragraph_style(
            "TableHeading",
            "Table heading",
            spaced(2, 2, true),
            chars(true, None),
        ),
        paragraph_style(
            "FormCell",
            "Form cell",
            spaced(12, 12, false),
            chars(false, None),
        ),
        paragraph_style(
            "Header",
            "header",
            spaced(0, 0, false),
            chars(false, Some(9)),
        ),
        paragraph_style("Footer", "footer", footer, chars(false, Some(9))),
        Style {
            name: Some(StyleName {
                value: "Hyperlink".into(),
            }),
            character: Some(CharacterProperty {
                color: Some(docx_rust::formatting::Color {
                    value: "0563C1".into(),
                }),
                underline: Some(Underline {
                    val: Some(UnderlineStyle::Single),
                    ..Underline::default()
                }),
                ..CharacterProperty::default()
            }),
            ..Style::new(StyleType::Character, "Hyperlink")
        },
        Style {
            name: Some(StyleName {
                value: "Table Grid".into(),
            }),
            table: Some(TableProperty {
                borders: Some(TableBorders {
                    top: rule!(TopBorder, 4),
                    left: rule!(LeftBorder, 4),
                    bottom: rule!(BottomBorder, 4),
                    right: rule!(RightBorder, 4),
                    inside_horizon: rule!(InsideHorizonBorder, 4),
                    inside_vertical: rule!(InsideVerticalBorder, 4),
                }),
                ..TableProperty::default()
            }),
            ..Style::new(StyleType::Table, "TableGrid")
        },
    ]);
    Styles {
        default: Some(DefaultStyle {
            character: CharacterProperty {
                fonts: Some(
                    Fonts::default()
                        .ascii(FONT)
                        .h_ansi(FONT)
                        .east_asia(FONT)
                        .custom(FONT),
                ),
                size: Some(Size { value: 22 }),
                size_complex: Some(docx_rust::formatting::SizeComplex { value: Some(22) }),
                lang: Some(Lang {
                    val: Some(tag(lang).into()),
                    ..Lang::default()
                }),
                ..CharacterProperty::default()
            }
            .into(),
            paragraph: ParagraphProperty {
                spacing: Some(Spacing {
                    after: Some(120),
                    ..Spacing::default()
                }),
                ..ParagraphProperty::default()
            }
            .into(),
        }),
        latent_styles: None,
        styles: list_of_styles,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::*;
    use crate::compose::document::{Bar, reference, text};

    /// Every part of the package, by name, as text.
    fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).expect("an entry");
                let mut text = String::new();
                file.read_to_string(&mut text).expect("UTF-8 XML");
                (file.name().expect("a name").to_string(), text)
            })
            .collect()
    }

    fn sample(lang: Language, running: Option<&str>) -> Document {
        let link = Inline::Link {
            text: "LOU".into(),
            url: "https://www.riksdagen.se/lou".into(),
        };
        Document {
            language: lang,
            title: "Bilaga: sociala krav – Städning".into(),
            author: Some("Norrköpings kommun".into()),
            subject: "Bilaga till upphandlingsdokumenten".into(),
            running: running.map(str::to_string),
            credited: false,
            blocks: vec![
                Block::heading(1, "t", "Bilaga: sociala krav – Städning"),
                Block::heading(2, "a", "Krav"),
                Block::heading(3, "b", "Sysselsättning"),
                Block::numbered(4, "requirement-1", 1, "Sysselsättningskrav"),
                Block::numbered(4, "requirement-2", 2, "Praktikplatser"),
                Block::Paragraph {
                    text: vec![
                        Inline::Text("Se ".into()),
                        link.clone(),
                        Inline::Strong(" fet".into()),
                        Inline::Emphasis(" kursiv".into()),
                        link,
                    ],
                },
                Block::List {
                    ordered: false,
                    items: vec![text("ett"), text("två")],
                },
                Block::List {
                    ordered: true,
                    items: vec![text("första"), text("andra")],
                },
                Block::List {
                    ordered: true,
                    items: vec![text("åter första")],
                },
                Block::Table {
                    caption: Some("Mål per delkontrakt".into()),
                    header: vec!["Delkontrakt".into(), "Månader".into()],
                    rows: vec![vec![text("Norra"), text("7")]],
                },
                Block::Form {
                    header: vec!["Krav".into(), "Accepteras".into(), "Erbjudande".into()],
                    rows: vec![vec![
                        reference("requirement-2", 2),
                        Inline::Text(" Praktikplatser".into()),
                    ]],
                    widths: vec![50, 20, 30],
                },
                Block::Check {
                    status: crate::assess::CheckStatus::Fail,
                    status_label: "Brister".into(),
                    title: "Delkontrakt".into(),
                    reason: "Ingen uppdelning.".into(),
                    guidance: "Dela upp.".into(),
                },
                Block::Field {
                    label: "Underskrift".into(),
                },
                Block::Note { text: text("Obs.") },
                Block::Chart {
                    scale: None,
                    id: "c".into(),
                    caption: "Värde".into(),
                    bars: vec![Bar {
                        label: "Skötsel".into(),
                        value: 3.0,
                        text: "3 mkr".into(),
                    }],
                },
            ],
        }
    }

    /// (Every DOCX the CLI tests write is also checked as a whole package: the parts its
    /// content types name exist and its XML parses; see `tests/util`.)
    #[test]
    fn the_document_relates_its_parts_each_by_its_own_type() {
        let parts = parts(&render(&sample(Language::Sv, Some("Kommun · Bilaga"))));
        // The relationships of the document point at parts that exist.
        let rels = &parts["word/_rels/document.xml.rels"];
        for target in ["styles.xml", "numbering.xml", "header1.xml", "footer1.xml"] {
            assert!(rels.contains(&format!("Target=\"{target}\"")), "{target}");
            assert!(parts.contains_key(&format!("word/{target}")), "{target}");
        }
        assert!(
            rels.contains("relationships/footer\""),
            "the footer is a footer"
        );
        assert!(
            rels.contains("relationships/header\""),
            "the header is a header"
        );
        // The package points to its core properties by the type Word reads them by.
        let package = &parts["_rels/.rels"];
        assert!(package.contains("Target=\"docProps/core.xml\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\""), "{package}");
        assert!(package.contains("Target=\"word/document.xml\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""), "{package}");
    }

    #[test]
    fn styles_carry_the_language_and_headings_are_word_headings() {
        for (lang, tag) in [(Language::Sv, "sv-SE"), (Language::En, "en-GB")] {
            let parts = parts(&render(&sample(lang, None)));
            let styles = &parts["word/styles.xml"];
            assert!(
                styles.contains(&format!("<w:lang w:val=\"{tag}\"/>")),
                "{styles}"
            );
            assert!(
                parts["docProps/core.xml"].contains(&format!("<dc:language>{tag}</dc:language>"))
            );
            for id in BUILT_IN.iter().chain(&["TableGrid", "Note", "FormCell"]) {
                assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
            }
            assert!(styles.contains("<w:name w:val=\"heading 1\"/>"));
            assert!(styles.contains("<w:outlineLvl w:val=\"0\"/>"));
            assert!(styles.contains("w:ascii=\"Calibri\""));
            // No header part where the document has no running header.
            assert!(!parts.contains_key("word/header1.xml"));
        }
        let document = &parts(&render(&sample(Language::Sv, None)))["word/document.xml"];
        for style in [
            "Title",
            "Heading1",
            "Heading2",
            "ListParagraph",
            "Caption",
            "Note",
        ] {
            assert!(
                document.contains(&format!("<w:pStyle w:val=\"{style}\"/>")),
                "{style}"
            );
        }
    }

    #[test]
    fn ordered_lists_are_word_numbering_each_starting_at_one() {
        let parts = parts(&render(&sample(Language::Sv, None)));
        let numbering = &parts["word/numbering.xml"];
        assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/>"));
        // The headings' numbering, then one per ordered list.
        assert_eq!(
            numbering.matches("<w:numFmt w:val=\"decimal\"/>").count(),
            3
        );
        assert_eq!(numbering.matches("<w:abstractNum ").count(), 4);
        let document = &parts["word/document.xml"];
        assert_eq!(document.matches("<w:numId w:val=\"1\"/>").count(), 2);
        assert_eq!(document.matches("<w:numId w:val=\"3\"/>").count(), 2);
        assert_eq!(document.matches("<w:numId w:val=\"4\"/>").count(), 1);
    }

    #[test]
    fn numbered_headings_are_word_numbering_and_the_form_points_to_them_by_field() {
        let parts = parts(&render(&sample(Language::Sv, None)));
        let document = &parts["word/document.xml"];
        // Both requirement headings are in the one heading numbering, and Word writes the
        // number: the text has none.
        assert_eq!(document.matches("<w:numId w:val=\"2\"/>").count(), 2);
        assert!(!document.contains("1. Sysselsättningskrav"));
        assert!(document.contains("<w:bookmarkStart w:id=\"0\" w:name=\"_Ref_requirement_1\"/>"));
        assert!(document.contains("<w:bookmarkStart w:id=\"1\" w:name=\"_Ref_requirement_2\"/>"));
        assert_eq!(document.matches("<w:bookmarkEnd ").count(), 2);
        // The form's row points to requirement 2 with a REF field showing "2." until updated.
        let field = document
            .find(" REF _Ref_requirement_2 \\r \\h ")
            .expect("a REF field to requirement 2");
        let after = &document[field..];
        let shown = after.find(">2<").expect("the number shown");
        let end = after.find("fldCharType=\"end\"").expect("the field's end");
        assert!(shown < end);
        assert!(
            after[end..]
                .starts_with("fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\">.</w:t>"),
            "{}",
            &after[end..end + 120]
        );
        assert!(after.contains(" Praktikplatser"));
        let numbering = &parts["word/numbering.xml"];
        assert!(numbering.contains("<w:lvlText w:val=\"%1\"/>"));
    }

    #[test]
    fn tables_repeat_their_header_row_and_the_form_has_empty_cells() {
        let parts = parts(&render(&sample(Language::Sv, None)));
        let document = &parts["word/document.xml"];
        assert_eq!(document.matches("<w:tbl>").count(), 3);
        // The table and the form repeat their header; the chart's figures have none.
        assert_eq!(document.matches("<w:tblHeader w:val=\"on\"/>").count(), 2);
        assert_eq!(
            document.matches("<w:pStyle w:val=\"FormCell\"/>").count(),
            2
        );
        assert!(document.contains(">Norra<") && document.contains(">3 mkr<"));
    }

    #[test]
    fn the_running_header_and_page_x_of_y_are_fields() {
        let parts = parts(&render(&sample(Language::Sv, Some("Kommun · Bilaga"))));
        assert!(parts["word/header1.xml"].contains("Kommun · Bilaga"));
        let footer = &parts["word/footer1.xml"];
        assert!(footer.contains("Sida "), "{footer}");
        assert!(footer.contains(" av "), "{footer}");
        assert!(
            footer.contains("> PAGE <") && footer.contains("> NUMPAGES <"),
            "{footer}"
        );
        assert_eq!(footer.matches("w:fldCharType=\"begin\"").count(), 2);
        let document = &parts["word/document.xml"];
        assert!(document.contains("<w:headerReference") && document.contains("<w:footerReference"));
        assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    }

    #[test]
    fn links_are_hyperlinks_each_target_once() {
        let parts = parts(&render(&sample(Language::Sv, None)));
        let rels = &parts["word/_rels/document.xml.rels"];
        assert_eq!(rels.matches("https://www.riksdagen.se/lou").count(), 1);
        assert!(rels.contains("TargetMode=\"External\""));
        let document = &parts["word/document.xml"];
        assert_eq!(
            document.matches("<w:hyperlink r:id=\"rIdLink1\">").count(),
            2
        );
    }

    #[test]
    fn properties_name_the_document_and_nothing_else() {
        let bytes = render(&sample(Language::Sv, None));
        let parts = parts(&bytes);
        let core = &parts["docProps/core.xml"];
        assert!(core.contains("<dc:title>Bilaga: sociala krav – Städning</dc:title>"));
        assert!(core.contains("<dc:creator>Norrköpings kommun</dc:creator>"));
        assert!(core.contains("<dc:subject>"));
        assert!(!core.contains("dcterms:created"), "no dates: {core}");
        assert!(parts.values().all(|p| !p.contains("socialclause")));
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let doc = sample(Language::Sv, Some("Kommun · Bilaga"));
        assert_eq!(render(&doc), render(&doc));
    }
}
