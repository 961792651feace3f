//! The bundled fonts (DejaVu Sans regular, bold and oblique, in `assets/fonts/` with their
//! licence), parsed once, and text widths from their real glyph advances.

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Oblique,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Oblique];

    /// The font's resource name in the PDF: fixed, so that bytes are the same on every run.
    pub fn id(self) -> FontId {
        FontId(
            match self {
                Face::Regular => "F1",
                Face::Bold => "F2",
                Face::Oblique => "F3",
            }
            .to_string(),
        )
    }
}

pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    oblique: ParsedFont,
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let parse = |bytes: &[u8]| {
                ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                    .expect("the bundled DejaVu fonts parse (checked by the tests)")
            };
            Fonts {
                regular: parse(include_bytes!("../../../assets/fonts/DejaVuSans.ttf")),
                bold: parse(include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf")),
                oblique: parse(include_bytes!(
                    "../../../assets/fonts/DejaVuSans-Oblique.ttf"
                )),
            }
        })
    }

    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Oblique => &self.oblique,
        }
    }

    /// The advance of one character at `size` points; a character the font lacks counts as
    /// the width of `?`.
    pub fn char_width(&self, face: Face, c: char, size: f32) -> f32 {
        let font = self.face(face);
        let c = if c == '\u{00A0}' { ' ' } else { c };
        let glyph = font
            .lookup_glyph_index(c as u32)
            .or_else(|| font.lookup_glyph_index('?' as u32))
            .unwrap_or(0);
        let units = f32::from(font.font_metrics.units_per_em.max(1));
        f32::from(font.get_horizontal_advance(glyph)) / units * size
    }

    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(face, c, size)).sum()
    }
}
