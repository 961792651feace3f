//! The bundled fonts (DejaVu Sans regular, bold and oblique, in `assets/fonts/` with their
//! licence) and text widths from their real glyph advances.
//!
//! Each face comes twice: its Latin subset (made by `assets/fonts/subset.py`; the characters
//! of Swedish, English and their neighbours, the punctuation and the checkbox glyphs) and the
//! whole font. A document written only in the subsets' characters embeds the subsets as they
//! are, deflated at build time, so nothing is subset or compressed per document; any other
//! document has the whole fonts subset by printpdf. The advances are the same in both, so the
//! layout does not depend on which is embedded.

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

    fn index(self) -> usize {
        self as usize
    }
}

/// Which font programs a document embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedding {
    /// The Latin subsets, whole and deflated in advance.
    Latin,
    /// The whole fonts, subset to the glyphs used.
    Subset,
}

/// The Latin subsets, in the order of `Face::ALL`.
const LATIN: [&[u8]; 3] = [
    include_bytes!("../../../assets/fonts/DejaVuSans-Latin.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSans-Bold-Latin.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSans-Oblique-Latin.ttf"),
];

/// The same, deflated by `build.rs`: the `/FontFile2` streams as written.
const LATIN_DEFLATED: [&[u8]; 3] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/fonts/DejaVuSans-Latin.ttf.zlib")),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/fonts/DejaVuSans-Bold-Latin.ttf.zlib"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/fonts/DejaVuSans-Oblique-Latin.ttf.zlib"
    )),
];

/// The whole fonts, in the order of `Face::ALL`.
const WHOLE: [&[u8]; 3] = [
    include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf"),
];

/// Characters below this have their advances looked up in a table, not the font's `cmap`.
const TABLE_END: u32 = 0x250;

pub struct Fonts {
    latin: [ParsedFont; 3],
    /// Per face, the advance at 1 pt of each character below `TABLE_END` that the Latin
    /// subset has, and NaN for one it lacks.
    table: [Vec<f32>; 3],
    /// Parsed on first need: most documents never need them, and they are 2 MB to read.
    whole: OnceLock<[ParsedFont; 3]>,
}

fn parse(bytes: &[u8]) -> ParsedFont {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .expect("the bundled DejaVu fonts parse (checked by the tests)")
}

/// The advance of a glyph at `size` points.
fn advance(font: &ParsedFont, glyph: u16, size: f32) -> f32 {
    let units = f32::from(font.font_metrics.units_per_em.max(1));
    f32::from(font.get_horizontal_advance(glyph)) / units * size
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let latin = LATIN.map(parse);
            let table = latin.each_ref().map(|font| {
                (0..TABLE_END)
                    .map(|c| match font.lookup_glyph_index(c) {
                        Some(glyph) => advance(font, glyph, 1.0),
                        None => f32::NAN,
                    })
                    .collect()
            });
            Fonts {
                latin,
                table,
                whole: OnceLock::new(),
            }
        })
    }

    /// The advance at 1 pt of `c` in the Latin subset of `face`, if the table has it.
    fn tabled(&self, face: Face, c: char) -> Option<f32> {
        self.table[face.index()]
            .get(c as usize)
            .copied()
            .filter(|w| !w.is_nan())
    }

    fn whole(&self) -> &[ParsedFont; 3] {
        self.whole.get_or_init(|| WHOLE.map(parse))
    }

    /// The font program of `face` that a document with this embedding carries.
    pub fn program(&self, face: Face, embedding: Embedding) -> &ParsedFont {
        match embedding {
            Embedding::Latin => &self.latin[face.index()],
            Embedding::Subset => &self.whole()[face.index()],
        }
    }

    /// Whether the Latin subset of `face` has `c`.
    pub fn latin_has(&self, face: Face, c: char) -> bool {
        if (c as u32) < TABLE_END {
            return self.tabled(face, c).is_some();
        }
        self.latin[face.index()]
            .lookup_glyph_index(c as u32)
            .is_some()
    }

    /// The deflated stream of a Latin subset, for a font program with exactly these bytes.
    pub fn deflated_latin(program: &[u8]) -> Option<&'static [u8]> {
        LATIN
            .iter()
            .position(|latin| *latin == program)
            .map(|i| LATIN_DEFLATED[i])
    }

    /// The advance of one character at `size` points; a character the font lacks counts as
    /// the width of `?`.
    pub fn char_width(&self, face: Face, c: char, size: f32) -> f32 {
        let c = if c == '\u{00A0}' { ' ' } else { c };
        if let Some(w) = self.tabled(face, c) {
            return w * size;
        }
        let font = if self.latin_has(face, c) {
            &self.latin[face.index()]
        } else {
            &self.whole()[face.index()]
        };
        let glyph = font
            .lookup_glyph_index(c as u32)
            .or_else(|| font.lookup_glyph_index('?' as u32))
            .unwrap_or(0);
        advance(font, glyph, size)
    }

    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(face, c, size)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of a Latin subset has the advance it has in the whole font, and the
    /// deflated copy inflates to the subset: the two embeddings lay out the same.
    #[test]
    fn latin_subsets_match_the_fonts() {
        use std::io::Read;
        let fonts = Fonts::get();
        for face in Face::ALL {
            let latin = fonts.program(face, Embedding::Latin);
            let whole = fonts.program(face, Embedding::Subset);
            let mut checked = 0;
            for c in (0u32..0x3000).filter_map(char::from_u32) {
                let Some(glyph) = latin.lookup_glyph_index(c as u32) else {
                    continue;
                };
                let whole_glyph = whole
                    .lookup_glyph_index(c as u32)
                    .unwrap_or_else(|| panic!("{face:?}: {c:?} is in the subset only"));
                assert_eq!(
                    latin.get_horizontal_advance(glyph),
                    whole.get_horizontal_advance(whole_glyph),
                    "{face:?}: the advance of {c:?}"
                );
                checked += 1;
            }
            assert!(checked >= 370, "{face:?}: only {checked} characters");
            for c in "åäöÅÄÖ£€–—“”‘’•…☐☑☒→§×".chars() {
                assert!(fonts.latin_has(face, c), "{face:?} lacks {c:?}");
            }
            let mut inflated = Vec::new();
            flate2::read::ZlibDecoder::new(LATIN_DEFLATED[face.index()])
                .read_to_end(&mut inflated)
                .unwrap();
            assert_eq!(inflated, LATIN[face.index()], "{face:?}");
        }
    }
}
