//! Text normalisation for matching: one canonical form of a text, with a map back to the original.
//!
//! Tender documents and published notices reach us with line breaks in the middle of sentences,
//! words hyphenated at line ends, non-breaking spaces, curly quotes, and sometimes the two
//! letters `rn` where a line break was lost in copying. Patterns are written against the
//! normalised form, and every match is mapped back to a byte range of the original text so
//! that evidence can point at the right line and column.

use std::ops::Range;

/// A text in canonical form, with the original byte offset of every normalised byte.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// `origin[i]` is the byte offset in the original text of the character that produced
    /// normalised byte `i`; one extra entry holds the end of the original text. Four bytes
    /// each: inputs are limited far below 4 GiB.
    origin: Vec<u32>,
}

impl Normalized {
    /// The normalised text: lower case, one space between words, `\n` only between paragraphs.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalised text back to a byte range of the original text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start] as usize;
        let end = if range.end > range.start {
            // The end of the last character used, which is the start of whatever came next
            // in the original, unless a later normalised byte came from the same character.
            let last = self.origin[range.end - 1];
            self.origin[range.end..]
                .iter()
                .copied()
                .find(|&o| o > last)
                .unwrap_or(last) as usize
        } else {
            start
        };
        start..end
    }
}

/// What a run of white space (and lost-line-break artefacts) stands for.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    Space,
    Paragraph,
}

/// Normalises `original` for matching. See the module documentation for what changes.
///
/// Works through the text by byte offset, with no copy of it: a 40 MiB tender costs the
/// normalised text and four bytes of map per byte, not a vector of characters.
pub fn normalize(original: &str) -> Normalized {
    let mut out = Builder::with_capacity(original.len());
    let mut i = 0;
    while let Some(c) = char_at(original, i) {
        if let Some(next) = soft_hyphen_break(original, i) {
            i = next;
            continue;
        }
        if let Some(next) = lost_line_break(original, i) {
            out.gap(Gap::Space, i);
            i = next;
            continue;
        }
        if c == '\n' || c == '\r' {
            let (next, breaks) = line_break_run(original, i);
            out.gap(
                if breaks >= 2 {
                    Gap::Paragraph
                } else {
                    Gap::Space
                },
                i,
            );
            i = next;
            continue;
        }
        if is_space(c) {
            out.gap(Gap::Space, i);
        } else if !is_invisible(c) {
            out.push(canonical(c), i);
        }
        i += c.len_utf8();
    }
    out.finish(original.len())
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

struct Builder {
    text: String,
    origin: Vec<u32>,
    pending: Option<(Gap, usize)>,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Builder {
            text: String::with_capacity(n),
            origin: Vec::with_capacity(n + 1),
            pending: None,
        }
    }

    fn gap(&mut self, gap: Gap, offset: usize) {
        self.pending = match self.pending {
            Some((g, o)) => Some((g.max(gap), o)),
            None => Some((gap, offset)),
        };
    }

    fn push(&mut self, c: char, offset: usize) {
        if let Some((gap, at)) = self.pending.take()
            && !self.text.is_empty()
        {
            self.push_lower(if gap == Gap::Paragraph { '\n' } else { ' ' }, at);
        }
        self.push_lower(c, offset);
    }

    fn push_lower(&mut self, c: char, offset: usize) {
        let offset = offset32(offset);
        for lower in c.to_lowercase() {
            let before = self.text.len();
            self.text.push(lower);
            self.origin
                .extend(std::iter::repeat_n(offset, self.text.len() - before));
        }
    }

    fn finish(mut self, end: usize) -> Normalized {
        self.origin.push(offset32(end));
        Normalized {
            text: self.text,
            origin: self.origin,
        }
    }
}

fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).expect("texts to match are far smaller than 4 GiB")
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn canonical(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// A run of line breaks (with the white space between them) starting at byte `i`: where it
/// ends and how many line breaks it holds (`\r\n` counts once).
fn line_break_run(text: &str, i: usize) -> (usize, usize) {
    let mut j = i;
    let mut breaks = 0;
    while let Some(c) = char_at(text, j) {
        match c {
            '\r' => {
                breaks += 1;
                if char_at(text, j + 1) == Some('\n') {
                    j += 1;
                }
            }
            '\n' => breaks += 1,
            c if is_space(c) => {}
            _ => break,
        }
        j += c.len_utf8();
    }
    (j, breaks)
}

/// A word hyphenated at a line end ("sysselsätt-\nningskrav"): the hyphen and the line break
/// are dropped when a lower-case letter follows, so the word comes back whole. Returns where
/// the word goes on.
fn soft_hyphen_break(text: &str, i: usize) -> Option<usize> {
    if char_at(text, i) != Some('-') || !char_before(text, i).is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut j = i + 1;
    while matches!(char_at(text, j), Some(' ' | '\t')) {
        j += 1;
    }
    if !matches!(char_at(text, j), Some('\n' | '\r')) {
        return None;
    }
    let (end, breaks) = line_break_run(text, j);
    let next = char_at(text, end)?;
    (breaks == 1 && next.is_lowercase()).then_some(end)
}

/// The letters `rn` standing where a line break was lost in copying ("Not requiredrn
/// Community benefits"). Real words end in "rn" too ("return", "Western"), so only the
/// unambiguous cases count: after sentence punctuation, a digit or a capital letter, before a
/// capital letter, or repeated. Returns where the text goes on after it.
fn lost_line_break(text: &str, i: usize) -> Option<usize> {
    if i == 0 || !text[i..].starts_with("rn") {
        return None;
    }
    let mut end = i + 2;
    while text[end..].starts_with("rn") {
        end += 2;
    }
    let before = char_before(text, i)?;
    let after = char_at(text, end);
    let repeated = end - i > 2;
    let after_break = matches!(
        before,
        '.' | ':' | ';' | '!' | '?' | ')' | ']' | '"' | '\'' | '\u{2019}' | '\u{201D}'
    ) || before.is_ascii_digit()
        || before.is_uppercase();
    let ends_word = after.is_none_or(|c| is_space(c) || c == '\n' || c == '\r');
    let glued_to_capital = after.is_some_and(char::is_uppercase) && before.is_lowercase();
    let holds =
        (after_break && (ends_word || after.is_some_and(char::is_uppercase))) || glued_to_capital;
    (holds || (repeated && (ends_word || after.is_some_and(char::is_uppercase)))).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).as_str().to_string()
    }

    #[test]
    fn folds_case_and_white_space() {
        assert_eq!(norm("  Fair\tWORK  First "), "fair work first");
        assert_eq!(norm("12\u{00A0}000\u{202F}000 kr"), "12 000 000 kr");
    }

    #[test]
    fn joins_lines_inside_a_paragraph_and_keeps_paragraph_breaks() {
        assert_eq!(norm("community\nbenefits"), "community benefits");
        assert_eq!(norm("community\r\nbenefits"), "community benefits");
        assert_eq!(norm("one.\n\n  two"), "one.\ntwo");
        assert_eq!(norm("one.\r\n\r\ntwo"), "one.\ntwo");
    }

    #[test]
    fn rejoins_words_hyphenated_at_line_ends() {
        assert_eq!(norm("sysselsätt-\nningskrav"), "sysselsättningskrav");
        assert_eq!(norm("sysselsätt- \r\n  ningskrav"), "sysselsättningskrav");
        // A capital after the break is a real hyphenated name, not a soft break.
        assert_eq!(norm("Public-\nPrivate"), "public- private");
        assert_eq!(norm("long-term"), "long-term");
    }

    #[test]
    fn straightens_quotes_and_dashes() {
        assert_eq!(
            norm("\u{201C}Fair\u{201D} \u{2018}work\u{2019}"),
            "\"fair\" 'work'"
        );
        assert_eq!(
            norm("17 kap. 2\u{2013}5 \u{00A7}\u{00A7}"),
            "17 kap. 2-5 §§"
        );
        assert_eq!(norm("soft\u{00AD}hyphen"), "softhyphen");
    }

    #[test]
    fn repairs_lost_line_breaks_but_not_real_words() {
        assert_eq!(
            norm("Not requiredrn Community benefits"),
            "not requiredrn community benefits"
        );
        assert_eq!(norm("contract.rn Suppliers"), "contract. suppliers");
        assert_eq!(norm("5 000 000 GBPrn Public"), "5 000 000 gbp public");
        assert_eq!(
            norm("as follows:rnrnApprenticeships"),
            "as follows: apprenticeships"
        );
        assert_eq!(norm("TenderrnTenderers"), "tender tenderers");
        assert_eq!(norm("a further 12rn month"), "a further 12 month");
        assert_eq!(norm("Western Isles return"), "western isles return");
        assert_eq!(norm("Barns of Wedderburn"), "barns of wedderburn");
    }

    #[test]
    fn maps_ranges_back_to_the_original() {
        let original = "Första\u{00A0}raden\nÅterkomst";
        let n = normalize(original);
        let at = n.as_str().find("återkomst").unwrap();
        let back = n.original_range(at..at + "återkomst".len());
        assert_eq!(&original[back], "Återkomst");

        let original = "x sysselsätt-\nningskrav y";
        let n = normalize(original);
        let at = n.as_str().find("sysselsättningskrav").unwrap();
        let back = n.original_range(at..at + "sysselsättningskrav".len());
        assert_eq!(&original[back], "sysselsätt-\nningskrav");
    }

    #[test]
    fn lower_casing_that_grows_maps_to_one_character() {
        let original = "İstanbul";
        let n = normalize(original);
        let back = n.original_range(0..n.as_str().len());
        assert_eq!(&original[back], original);
    }
}
