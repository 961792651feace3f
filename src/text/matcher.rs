//! Present / declined / absent: whether a text carries one clause, with evidence.
//!
//! A clause's `detect` patterns are regular expressions over the normalised text (see
//! [`super::normalize`]), matched case-insensitively and inside words, because Swedish
//! compounds matter ("parkskötsel" holds "park"). A `declined` match ("community benefits are
//! not required") wins over a `present` match of the same clause, since a tender that declines
//! a requirement usually names it too.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::{Normalized, normalize};

/// The verdict for one clause in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    Present,
    Declined,
    Absent,
}

impl std::fmt::Display for Presence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Presence::Present => "present",
            Presence::Declined => "declined",
            Presence::Absent => "absent",
        })
    }
}

/// Which list of patterns a hit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Present,
    Declined,
}

/// One pattern match, located in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// Index of the pattern in its list.
    pub pattern: usize,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of the start of the match.
    pub line: usize,
    pub column: usize,
    /// The matched part of the original text, white space folded.
    pub excerpt: String,
}

/// The verdict and the hits that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub presence: Presence,
    pub hits: Vec<Hit>,
}

/// A clause's detection patterns, compiled once.
#[derive(Debug, Clone)]
pub struct Detector {
    present: Vec<Regex>,
    declined: Vec<Regex>,
}

/// A pattern that does not compile: which list, which index, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub kind: HitKind,
    pub index: usize,
    pub message: String,
}

/// Compiles one detection pattern the way the matcher runs it.
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&prepare_pattern(pattern))
        .case_insensitive(true)
        .size_limit(1 << 22)
        .build()
}

/// A pattern as the matcher runs it: `\b` and `\B` become ASCII word boundaries.
///
/// A Unicode word boundary keeps the regex engine's fast automata off any text that is not
/// pure ASCII (a "£" or an "å" is enough), and a tender of many megabytes then takes minutes
/// instead of a second. Patterns put `\b` beside ASCII letters and digits ("\bsmes?\b"),
/// where both kinds of boundary agree; beside å, ä or ö an ASCII boundary does not hold, so
/// patterns must not put one there (`clauses lint` says so).
pub fn prepare_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a pattern puts a word boundary beside a letter outside ASCII, where the matcher's
/// ASCII boundary never holds.
pub fn boundary_beside_non_ascii(pattern: &str) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    let non_ascii_letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
    (1..chars.len()).any(|i| {
        if chars[i - 1] != '\\' || chars[i] != 'b' || (i >= 2 && chars[i - 2] == '\\') {
            return false;
        }
        // The letter after it (past an opening group) or before it.
        let after = chars[i + 1..]
            .iter()
            .find(|c| !matches!(c, '(' | '?' | ':'));
        non_ascii_letter(after) || (i >= 2 && non_ascii_letter(chars.get(i - 2)))
    })
}

impl Detector {
    /// Compiles `present` and `declined` patterns, reporting every pattern that fails.
    pub fn new(present: &[String], declined: &[String]) -> Result<Self, Vec<PatternError>> {
        let mut errors = Vec::new();
        let mut compile_all = |kind, patterns: &[String]| {
            patterns
                .iter()
                .enumerate()
                .filter_map(|(index, p)| match compile_pattern(p) {
                    Ok(re) => Some(re),
                    Err(e) => {
                        errors.push(PatternError {
                            kind,
                            index,
                            message: e.to_string(),
                        });
                        None
                    }
                })
                .collect::<Vec<_>>()
        };
        let present = compile_all(HitKind::Present, present);
        let declined = compile_all(HitKind::Declined, declined);
        if errors.is_empty() {
            Ok(Detector { present, declined })
        } else {
            Err(errors)
        }
    }

    /// Classifies one text.
    pub fn classify(&self, text: &SourceText) -> Verdict {
        let mut hits = Vec::new();
        for (kind, patterns) in [
            (HitKind::Declined, &self.declined),
            (HitKind::Present, &self.present),
        ] {
            for (pattern, re) in patterns.iter().enumerate() {
                for m in re.find_iter(text.normalized.as_str()) {
                    hits.push(text.hit(kind, pattern, m.range()));
                }
            }
        }
        Verdict::from_hits(hits)
    }
}

impl Verdict {
    /// The verdict the hits give (any `declined` hit wins), with the hits in text order.
    pub fn from_hits(mut hits: Vec<Hit>) -> Self {
        let presence = if hits.iter().any(|h| h.kind == HitKind::Declined) {
            Presence::Declined
        } else if hits.is_empty() {
            Presence::Absent
        } else {
            Presence::Present
        };
        hits.sort_by_key(|h| (h.span.start, h.kind == HitKind::Present, h.pattern));
        Verdict { presence, hits }
    }
}

/// A text prepared for matching: the original, its normalised form, and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceText {
    original: String,
    normalized: Normalized,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(original: impl Into<String>) -> Self {
        let original = original.into();
        let normalized = normalize(&original);
        let line_starts = std::iter::once(0)
            .chain(original.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            original,
            normalized,
            line_starts,
        }
    }

    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn normalized(&self) -> &str {
        self.normalized.as_str()
    }

    /// Whether a keyword occurs anywhere, inside words too, after both are normalised.
    pub fn contains(&self, keyword: &str) -> bool {
        self.contains_normalized(normalize(keyword).as_str())
    }

    /// [`SourceText::contains`] for a keyword normalised already (one looked for in many
    /// texts).
    pub fn contains_normalized(&self, needle: &str) -> bool {
        !needle.is_empty() && self.normalized.as_str().contains(needle)
    }

    /// 1-based line and column (counted in characters) of a byte offset in the original.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.original[start..offset].chars().count() + 1;
        (line, column)
    }

    /// A hit for a match at `normalized` (a byte range of the normalised text).
    pub fn hit(&self, kind: HitKind, pattern: usize, normalized: Range<usize>) -> Hit {
        let span = self.normalized.original_range(normalized);
        let (line, column) = self.line_column(span.start);
        let excerpt = self.original[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Hit {
            kind,
            pattern,
            span,
            line,
            column,
            excerpt,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector(present: &[&str], declined: &[&str]) -> Detector {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Detector::new(&owned(present), &owned(declined)).expect("patterns compile")
    }

    fn presence(d: &Detector, text: &str) -> Presence {
        d.classify(&SourceText::new(text)).presence
    }

    #[test]
    fn matches_inside_swedish_compounds() {
        let d = detector(&["park"], &[]);
        assert_eq!(
            presence(&d, "Upphandling av parkskötsel"),
            Presence::Present
        );
        let source = SourceText::new("Upphandling av Parkskötsel och städ");
        assert!(source.contains("park"));
        assert!(source.contains("STÄD"));
        assert!(!source.contains("bygg"));
    }

    #[test]
    fn phrases_match_across_line_breaks_and_hyphenation() {
        let d = detector(&["community benefits?"], &[]);
        assert_eq!(
            presence(&d, "The contract includes\ncommunity\r\n  benefits."),
            Presence::Present
        );
        let d = detector(&["sysselsättningskrav"], &[]);
        assert_eq!(
            presence(&d, "Avtalet innehåller sysselsätt-\nningskrav."),
            Presence::Present
        );
    }

    #[test]
    fn curly_quotes_match_straight_ones() {
        let d = detector(&["\"fair work first\""], &[]);
        assert_eq!(
            presence(&d, "see the \u{201C}Fair Work First\u{201D} guidance"),
            Presence::Present
        );
    }

    #[test]
    fn declined_beats_present() {
        let d = detector(
            &["community benefits?"],
            &["community benefits?.{0,40}not (be )?(required|included)"],
        );
        let verdict = d.classify(&SourceText::new(
            "Community benefits will not be required for this contract.",
        ));
        assert_eq!(verdict.presence, Presence::Declined);
        assert!(verdict.hits.iter().any(|h| h.kind == HitKind::Present));
        assert_eq!(
            presence(&d, "Community benefits are included."),
            Presence::Present
        );
        assert_eq!(presence(&d, "Price 60 %, quality 40 %."), Presence::Absent);
    }

    #[test]
    fn hits_point_into_the_original_text() {
        let d = detector(&["lärlings\\w*"], &[]);
        let text = "Rad ett.\nRad två: Lärlingsplatser\u{00A0}erbjuds.";
        let verdict = d.classify(&SourceText::new(text));
        let hit = &verdict.hits[0];
        assert_eq!((hit.line, hit.column), (2, 10));
        assert_eq!(&text[hit.span.clone()], "Lärlingsplatser");
        assert_eq!(hit.excerpt, "Lärlingsplatser");
    }

    #[test]
    fn word_boundaries_are_ascii_and_classes_are_left_alone() {
        assert_eq!(prepare_pattern(r"\bsmes?\b"), r"(?-u:\b)smes?(?-u:\b)");
        assert_eq!(
            prepare_pattern(r"a\Bb [\d\]b] \\b"),
            r"a(?-u:\B)b [\d\]b] \\b"
        );
        let d = detector(&[r"\bsmes?\b"], &[]);
        assert_eq!(
            presence(&d, "Sub-contracts for SMEs £5m"),
            Presence::Present
        );
        assert_eq!(presence(&d, "gismes"), Presence::Absent);
        assert!(boundary_beside_non_ascii(r"\bårs"));
        assert!(boundary_beside_non_ascii(r"lägstaö\b"));
        assert!(boundary_beside_non_ascii(r"\b(års|netto)?omsättning"));
        assert!(!boundary_beside_non_ascii(r"\blägsta"));
    }

    #[test]
    fn broken_patterns_are_all_reported() {
        let err = Detector::new(&["(".into(), "ok".into()], &["[".into()]).unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!((err[0].kind, err[0].index), (HitKind::Present, 0));
        assert_eq!((err[1].kind, err[1].index), (HitKind::Declined, 0));
    }
}
