//! The PDF renderer: the document model typeset on A4 with the bundled fonts (printpdf draws,
//! our own layout places), then finished with lopdf: `/Lang`, a nested outline of the headings,
//! compressed streams and a content-derived `/ID`, so the same document gives the same bytes on
//! every run and thread. The PDF is untagged; it says that the HTML is the accessible version.

mod finish;
pub mod fonts;
pub mod layout;

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem, WindingOrder,
};
use serde_json::json;

use crate::compose::{Block, Document};
use crate::messages::Messages;

use fonts::{Embedding, Face, Fonts};
use layout::{Draw, PAGE_HEIGHT};

/// The PDF bytes of a document.
pub fn render(doc: &Document) -> Vec<u8> {
    render_counted(doc).0
}

/// The PDF bytes of a document, and how many pages it has.
pub fn render_counted(doc: &Document) -> (Vec<u8>, usize) {
    let messages = Messages::embedded();
    let lang = doc.language;
    let mut doc = doc.clone();
    doc.blocks
        .push(Block::note(messages.text("pdf.accessible", lang)));
    let fonts = Fonts::get();
    let pages = layout::layout(&doc, fonts, |n, m| {
        messages.render("pdf.footer", lang, &json!({ "n": n, "m": m }))
    });

    let embedding = if all_latin(fonts, &pages.pages) {
        Embedding::Latin
    } else {
        Embedding::Subset
    };

    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone().unwrap_or_default();
    info.subject = doc.subject.clone();
    if doc.credited {
        info.creator = "socialclause".to_string();
        info.producer = format!("socialclause {}", env!("CARGO_PKG_VERSION"));
    }
    for face in Face::ALL {
        pdf.resources.fonts.map.insert(
            face.id(),
            printpdf::font::PdfFont::new(fonts.program(face, embedding).clone()),
        );
    }
    let pdf_pages: Vec<PdfPage> = pages
        .pages
        .iter()
        .map(|draws| PdfPage::new(Mm(210.0), Mm(297.0), ops(draws)))
        .collect();
    pdf.with_pages(pdf_pages);
    // printpdf builds the lopdf document (with subset fonts, or the Latin subsets whole) but
    // neither compresses nor saves it: `finish` adds what printpdf lacks, compresses once and
    // saves once.
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: embedding == Embedding::Subset,
        secure: true,
        image_optimization: None,
    };
    let document = printpdf::serialize::to_lopdf_doc(&pdf, &options, &mut Vec::new());
    let count = pages.pages.len();
    (
        finish::finish(document, lang, &pages.bookmarks, embedding),
        count,
    )
}

/// Whether every character drawn is in the Latin subset of its face.
fn all_latin(fonts: &Fonts, pages: &[Vec<Draw>]) -> bool {
    pages.iter().flatten().all(|draw| match draw {
        Draw::Text { face, text, .. } => text.chars().all(|c| fonts.latin_has(*face, c)),
        Draw::Fill { .. } | Draw::Rule { .. } => true,
    })
}

fn color((r, g, b): layout::Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y_from_top),
    }
}

/// The graphics state already set on a page: a setting is written only when it changes
/// (the font and colours outlast `BT`/`ET`), and consecutive texts share one text object,
/// each placed relative to the one before. This keeps the content streams short.
#[derive(Default)]
struct State {
    font: Option<(Face, f32)>,
    fill: Option<layout::Rgb>,
    stroke: Option<layout::Rgb>,
    line_width: Option<f32>,
    /// Inside a text object: where the last text started, in PDF coordinates.
    text_origin: Option<(f32, f32)>,
}

/// Records `value` in `slot`; true when it differs from what was there (so must be written).
fn changes<T: PartialEq + Copy>(slot: &mut Option<T>, value: T) -> bool {
    slot.replace(value) != Some(value)
}

impl State {
    /// Ends the text object, before anything that may not stand inside one (paths).
    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.text_origin.take().is_some() {
            ops.push(Op::EndTextSection);
        }
    }
}

fn ops(draws: &[Draw]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut state = State::default();
    for d in draws {
        match d {
            Draw::Text {
                x,
                baseline,
                face,
                size,
                color: c,
                text,
            } => {
                let at = point(*x, *baseline);
                let (x, y) = (at.x.0, at.y.0);
                // `Td` moves from the start of the previous text (the start of the text
                // object for the first).
                let (from_x, from_y) = state.text_origin.unwrap_or_else(|| {
                    ops.push(Op::StartTextSection);
                    (0.0, 0.0)
                });
                state.text_origin = Some((x, y));
                if changes(&mut state.font, (*face, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(face.id()),
                        size: Pt(*size),
                    });
                }
                if changes(&mut state.fill, *c) {
                    ops.push(Op::SetFillColor { col: color(*c) });
                }
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(x - from_x),
                        y: Pt(y - from_y),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.replace('\u{00A0}', " "))],
                });
            }
            Draw::Fill {
                x,
                y,
                w,
                h,
                color: c,
            } => {
                state.end_text(&mut ops);
                if changes(&mut state.fill, *c) {
                    ops.push(Op::SetFillColor { col: color(*c) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_HEIGHT - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Draw::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
            } => {
                state.end_text(&mut ops);
                if changes(&mut state.stroke, *c) {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                }
                if changes(&mut state.line_width, *width) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
    }
    state.end_text(&mut ops);
    ops
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
