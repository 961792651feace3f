//! Barrier patterns (`data/barriers.yaml`): where a tender's text demands or decides something
//! that keeps small suppliers and WISEs out. All patterns run in one `RegexSet` pass, like the
//! clauses'; turning hits into findings with facts and wording is [`super::findings`]'s job.

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

use super::amount::{self, Amount};
use crate::input::{Source, yaml};
use crate::text::{compile_pattern, prepare_pattern};

/// How much a barrier shuts out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BarrierData {
    barriers: Vec<Barrier>,
}

/// One barrier as the data file defines it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Barrier {
    pub id: String,
    pub severity: Severity,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    /// Like `except`, over the whole paragraph (or notice field) around a hit: for a way out
    /// that a later sentence offers ("a new business without accounts may give a banker's
    /// letter").
    #[serde(default)]
    pub except_paragraph: Vec<String>,
    /// Whether the sum after a hit is read.
    #[serde(default)]
    pub amount: bool,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub found: Vec<String>,
    #[serde(default)]
    pub not_found: Vec<String>,
}

struct Compiled {
    barriers: Vec<Barrier>,
    set: RegexSet,
    /// Per set pattern: the barrier it belongs to, and the pattern itself.
    patterns: Vec<(usize, Regex)>,
    except: Vec<Vec<Regex>>,
    except_paragraph: Vec<Vec<Regex>>,
}

fn compiled() -> &'static Compiled {
    static DATA: OnceLock<Compiled> = OnceLock::new();
    DATA.get_or_init(|| {
        let source = Source::from_text(
            "<embedded>/data/barriers.yaml",
            include_str!("../../data/barriers.yaml"),
        );
        let data: BarrierData = yaml::parse_one(&source)
            .unwrap_or_else(|e| panic!("the embedded barrier data is broken: {e}"));
        let compile = |p: &String| {
            compile_pattern(p).unwrap_or_else(|e| panic!("barrier pattern {p:?}: {e}"))
        };
        let mut sources = Vec::new();
        let mut patterns = Vec::new();
        for (i, b) in data.barriers.iter().enumerate() {
            for p in &b.patterns {
                sources.push(prepare_pattern(p));
                patterns.push((i, compile(p)));
            }
        }
        let set = RegexSetBuilder::new(sources)
            .case_insensitive(true)
            .size_limit(1 << 24)
            .build()
            .expect("the barrier patterns compile together");
        let compile_all = |list: &Vec<String>| -> Vec<Regex> { list.iter().map(compile).collect() };
        let except = data
            .barriers
            .iter()
            .map(|b| compile_all(&b.except))
            .collect();
        let except_paragraph = data
            .barriers
            .iter()
            .map(|b| compile_all(&b.except_paragraph))
            .collect();
        Compiled {
            barriers: data.barriers,
            set,
            patterns,
            except,
            except_paragraph,
        }
    })
}

/// Every barrier the data file defines, in its order.
pub fn barriers() -> &'static [Barrier] {
    &compiled().barriers
}

/// The definition of one barrier.
pub fn barrier(id: &str) -> &'static Barrier {
    barriers()
        .iter()
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("no barrier `{id}` in data/barriers.yaml"))
}

/// A barrier's pattern matched, outside its exceptions.
#[derive(Debug, Clone)]
pub struct TextHit {
    pub barrier: &'static Barrier,
    /// Byte range in the normalised text.
    pub range: Range<usize>,
    pub amount: Option<Amount>,
}

/// At most this many hits per barrier are kept.
const MAX_HITS: usize = 3;

/// Every barrier hit in a normalised text, grouped by barrier in the data file's order.
pub fn scan(normalized: &str) -> Vec<Vec<TextHit>> {
    let c = compiled();
    let mut hits: Vec<Vec<TextHit>> = vec![Vec::new(); c.barriers.len()];
    for i in c.set.matches(normalized).iter() {
        let (b, regex) = &c.patterns[i];
        let barrier = &c.barriers[*b];
        for m in regex.find_iter(normalized) {
            if hits[*b].len() >= MAX_HITS {
                break;
            }
            let sentence = sentence(normalized, m.range());
            if c.except[*b].iter().any(|e| e.is_match(sentence)) {
                continue;
            }
            if !c.except_paragraph[*b].is_empty() {
                let paragraph = paragraph(normalized, m.range());
                if c.except_paragraph[*b].iter().any(|e| e.is_match(paragraph)) {
                    continue;
                }
            }
            if hits[*b].iter().any(|h| h.range.start == m.start()) {
                continue;
            }
            let amount = barrier
                .amount
                .then(|| amount::after(normalized, m.start()))
                .flatten();
            hits[*b].push(TextHit {
                barrier,
                range: m.range(),
                amount,
            });
        }
    }
    for h in &mut hits {
        h.sort_by_key(|h| h.range.start);
    }
    hits
}

/// How far a sentence reaches on either side of a match, at most.
const SENTENCE_REACH: usize = 400;

/// The sentence around a match: from the previous sentence end or paragraph break to the next,
/// within [`SENTENCE_REACH`] bytes (a text without full stops must not make every hit read it
/// all).
fn sentence(text: &str, range: Range<usize>) -> &str {
    &text[sentence_range(text, range)]
}

/// How far a paragraph reaches on either side of a match, at most.
const PARAGRAPH_REACH: usize = 3000;

/// The paragraph around a match: from the previous blank line to the next (a notice's
/// fields are paragraphs), within [`PARAGRAPH_REACH`] bytes.
fn paragraph(text: &str, range: Range<usize>) -> &str {
    let (from, to) = reach(text, &range, PARAGRAPH_REACH);
    let start = text[from..range.start]
        .rfind("\n\n")
        .map_or(from, |i| from + i + 2);
    let end = text[range.end..to]
        .find("\n\n")
        .map_or(to, |i| range.end + i);
    &text[start..end]
}

/// The bounds `reach` bytes either side of `range`, on character boundaries.
fn reach(text: &str, range: &Range<usize>, reach: usize) -> (usize, usize) {
    let mut from = range.start.saturating_sub(reach);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (range.end + reach).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (from, to)
}

/// The byte range of [`sentence`].
pub fn sentence_range(text: &str, range: Range<usize>) -> Range<usize> {
    let (from, to) = reach(text, &range, SENTENCE_REACH);
    let before = &text[from..range.start];
    let start = [before.rfind(". "), before.rfind('\n')]
        .into_iter()
        .flatten()
        .max()
        .map_or(from, |i| from + i + 1);
    let after = &text[range.end..to];
    let end = [after.find(". "), after.find('\n')]
        .into_iter()
        .flatten()
        .min()
        .map_or(to, |i| range.end + i);
    start..end
}

/// The number of years a years-of-trading demand names: the first number in its words, in
/// figures or (to ten) in English or Swedish words.
pub fn years_named(words: &str) -> Option<u32> {
    const WORDS: [(&str, &str); 10] = [
        ("one", "ett"),
        ("two", "två"),
        ("three", "tre"),
        ("four", "fyra"),
        ("five", "fem"),
        ("six", "sex"),
        ("seven", "sju"),
        ("eight", "åtta"),
        ("nine", "nio"),
        ("ten", "tio"),
    ];
    words
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|word| {
            word.parse::<u32>()
                .ok()
                .filter(|n| (1..=50).contains(n))
                .or_else(|| {
                    WORDS
                        .iter()
                        .position(|(en, sv)| word == *en || word == *sv)
                        .map(|i| i as u32 + 1)
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{boundary_beside_non_ascii, normalize};

    #[test]
    fn years_are_read_in_figures_and_in_words() {
        assert_eq!(years_named("at least three (3) years trading"), Some(3));
        assert_eq!(years_named("minst 5 år"), Some(5));
        assert_eq!(years_named("i minst två år"), Some(2));
        assert_eq!(years_named("trading history"), None);
    }

    #[test]
    fn every_example_is_found_or_not_as_declared() {
        for (i, b) in barriers().iter().enumerate() {
            if b.patterns.is_empty() {
                assert!(b.examples.found.is_empty(), "{}", b.id);
                continue;
            }
            assert!(b.examples.found.len() >= 3, "{}: too few examples", b.id);
            for p in b.patterns.iter().chain(&b.except) {
                assert!(!boundary_beside_non_ascii(p), "{}: {p}", b.id);
            }
            assert!(
                b.examples.not_found.len() >= 2,
                "{}: too few examples",
                b.id
            );
            for e in &b.examples.found {
                let hits = scan(normalize(e).as_str());
                assert!(!hits[i].is_empty(), "{} should find {e:?}", b.id);
            }
            for e in &b.examples.not_found {
                let hits = scan(normalize(e).as_str());
                assert!(hits[i].is_empty(), "{} should not find {e:?}", b.id);
            }
        }
    }

    #[test]
    fn the_ids_the_checker_reports_are_all_defined() {
        for id in [
            "price-only-award",
            "turnover-demand",
            "short-tender-period",
            "no-lots",
            "insurance-demand",
            "years-trading-demand",
            "no-social-criteria",
        ] {
            assert_eq!(barrier(id).id, id);
        }
    }

    #[test]
    fn an_exception_counts_only_in_the_same_sentence() {
        let price = barriers()
            .iter()
            .position(|b| b.id == "price-only-award")
            .unwrap();
        let text = normalize(
            "The Council is not bound to accept any tender. The award is on the lowest price.",
        );
        assert_eq!(scan(text.as_str())[price].len(), 1);
        let text = normalize("We are not bound to accept the lowest price.");
        assert!(scan(text.as_str())[price].is_empty());
        let long = format!("{} lowest price", "x".repeat(10_000));
        assert_eq!(sentence(&long, 10_001..10_013).len(), SENTENCE_REACH + 12);
    }

    #[test]
    fn a_turnover_demand_carries_its_sum() {
        let text = normalize("Bidders must have a minimum annual turnover of £2,000,000.");
        let hits = scan(text.as_str());
        let turnover = barriers()
            .iter()
            .position(|b| b.id == "turnover-demand")
            .unwrap();
        let amount = hits[turnover][0].amount.expect("a sum");
        assert_eq!(amount.value, 2_000_000.0);
    }
}
