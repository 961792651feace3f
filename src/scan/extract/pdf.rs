//! The text layer of a PDF, page by page.
//!
//! Walks each page's content stream: text-showing operators are decoded with the font's
//! encoding (its `ToUnicode` map where it has one), and text positioning decides where lines
//! and paragraphs end: a move to another baseline ends a line, a move of more than twice the
//! font size ends a paragraph, and a wide gap inside a `TJ` array is a space. Scanned pages
//! have no text layer and are reported as such.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};

use crate::error::Diagnostic;

/// A `TJ` adjustment wider than this (thousandths of the font size) is a space between words.
const WORD_GAP: f32 = 200.0;

/// The text (pages separated by blank lines) and the offset where each page starts.
pub fn pages(name: &str, bytes: &[u8], limit: u64) -> Result<(String, Vec<usize>), Diagnostic> {
    let unreadable = |what: String| {
        Diagnostic::new(name, format!("the PDF cannot be read: {what}"))
            .expected("a PDF with a text layer")
            .help("open it in a PDF reader and print or export it to a new PDF, or save the tender from its source program as .docx")
    };
    let document = Document::load_mem(bytes).map_err(|e| unreadable(e.to_string()))?;
    if document.is_encrypted() {
        return Err(unreadable("it is encrypted".into()));
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut text = String::new();
    let mut starts = Vec::new();
    for (_, page) in document.get_pages() {
        if !starts.is_empty() {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        page_text(&document, page, limit, &mut text)
            .map_err(|e| unreadable(format!("page {}: {e}", starts.len())))?;
        if text.len() > limit {
            return Err(unreadable(format!(
                "its text is longer than {} MiB",
                limit / (1024 * 1024)
            )));
        }
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::new(name, "the PDF has no text to check")
            .expected("a PDF with a text layer")
            .help("this looks like a scanned document; run it through text recognition (OCR) first, or use the tender's source file"));
    }
    Ok((text, starts))
}

/// A 2D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = o.as_float().ok()?;
        }
        (operands.len() == 6).then_some(Matrix(m))
    }

    /// `self × other`: `self` applied first.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// The vertical position and scale of text drawn with this matrix.
    fn baseline(self) -> (f32, f32) {
        let [_, b, _, d, _, f] = self.0;
        (f, (b * b + d * d).sqrt())
    }
}

struct Walker<'a> {
    text: &'a mut String,
    ctm: Matrix,
    stack: Vec<Matrix>,
    line: Matrix,
    font: Option<&'a Encoding<'a>>,
    size: f32,
    /// Baseline and effective size of the last text shown on this page.
    last: Option<(f32, f32)>,
}

fn page_text(
    document: &Document,
    page: lopdf::ObjectId,
    limit: usize,
    text: &mut String,
) -> lopdf::Result<()> {
    let fonts = document.get_page_fonts(page)?;
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(document, limit)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let content = Content::decode(&document.get_page_content_with_limit(page, limit)?)?;
    let mut w = Walker {
        text,
        ctm: Matrix::IDENTITY,
        stack: Vec::new(),
        line: Matrix::IDENTITY,
        font: None,
        size: 12.0,
        last: None,
    };
    for op in &content.operations {
        let operands = op.operands.as_slice();
        let number = |i: usize| operands.get(i).and_then(|o| o.as_float().ok());
        match op.operator.as_str() {
            "q" => w.stack.push(w.ctm),
            "Q" => w.ctm = w.stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    w.ctm = m.then(w.ctm);
                }
            }
            "BT" => w.line = Matrix::IDENTITY,
            "Tm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    w.line = m;
                }
            }
            "Td" | "TD" => {
                if let (Some(tx), Some(ty)) = (number(0), number(1)) {
                    w.line = Matrix::translate(tx, ty).then(w.line);
                }
            }
            "T*" => w.line = Matrix::translate(0.0, -w.size * 1.2).then(w.line),
            "Tf" => {
                w.font = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| encodings.get(name));
                w.size = number(1).unwrap_or(w.size);
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    w.line = Matrix::translate(0.0, -w.size * 1.2).then(w.line);
                }
                w.show(operands.last());
            }
            _ => {}
        }
    }
    Ok(())
}

impl Walker<'_> {
    fn show(&mut self, operand: Option<&Object>) {
        let Some(encoding) = self.font else { return };
        let mut shown = String::new();
        collect(encoding, operand, &mut shown);
        if shown.is_empty() {
            return;
        }
        let (y, scale) = Matrix([self.size, 0.0, 0.0, self.size, 0.0, 0.0])
            .then(self.line)
            .then(self.ctm)
            .baseline();
        if let Some((last_y, last_size)) = self.last {
            let dy = (y - last_y).abs();
            let size = last_size.max(scale).max(1.0);
            if dy > size * 2.0 {
                self.text.push_str("\n\n");
            } else if dy > size * 0.5 {
                self.text.push('\n');
            }
        }
        self.last = Some((y, scale));
        self.text.push_str(&shown);
    }
}

fn collect(encoding: &Encoding, operand: Option<&Object>, out: &mut String) {
    match operand {
        Some(Object::String(bytes, _)) => {
            if let Ok(s) = Document::decode_text(encoding, bytes) {
                out.push_str(&s);
            }
        }
        Some(Object::Array(items)) => {
            for item in items {
                match item {
                    Object::String(..) => collect(encoding, Some(item), out),
                    other => {
                        if other.as_float().is_ok_and(|n| n < -WORD_GAP) && !out.ends_with(' ') {
                            out.push(' ');
                        }
                    }
                }
            }
        }
        _ => {}
    }
}
