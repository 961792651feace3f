//! One pass over a text for every clause: all detection patterns in one `RegexSet`, and each
//! pattern's own regex run only where the set says it matched, to locate the evidence.
//!
//! The verdicts are the text matcher's (a [`Detector`](crate::text::Detector) per clause gives
//! the same answers; a test holds them to it), only reached with one scan instead of one per
//! pattern.

use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::library::Clause;
use crate::text::{
    Hit, HitKind, PatternError, SourceText, Verdict, compile_pattern, prepare_pattern,
};

/// At most this many hits are kept as evidence per pattern; the verdict needs only one.
pub const MAX_HITS_PER_PATTERN: usize = 5;

/// Every clause's `detect` patterns, compiled once.
pub struct Scanner<'a> {
    clauses: Vec<&'a Clause>,
    set: RegexSet,
    patterns: Vec<Pattern>,
}

struct Pattern {
    regex: Regex,
    clause: usize,
    kind: HitKind,
    index: usize,
}

/// A clause's verdict in one text.
#[derive(Debug, Clone)]
pub struct ClauseVerdict<'a> {
    pub clause: &'a Clause,
    pub verdict: Verdict,
}

/// A pattern of a clause that does not compile.
#[derive(Debug, Clone)]
pub struct ScannerError {
    pub clause: String,
    pub error: PatternError,
}

impl<'a> Scanner<'a> {
    /// Compiles the patterns of `clauses`, reporting every one that fails.
    pub fn new(clauses: impl IntoIterator<Item = &'a Clause>) -> Result<Self, Vec<ScannerError>> {
        let clauses: Vec<&Clause> = clauses.into_iter().collect();
        let mut patterns = Vec::new();
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for (clause, c) in clauses.iter().enumerate() {
            for (kind, list) in [
                (HitKind::Present, &c.detect.present),
                (HitKind::Declined, &c.detect.declined),
            ] {
                for (index, source) in list.iter().enumerate() {
                    match compile_pattern(source) {
                        Ok(regex) => {
                            sources.push(prepare_pattern(source));
                            patterns.push(Pattern {
                                regex,
                                clause,
                                kind,
                                index,
                            });
                        }
                        Err(e) => errors.push(ScannerError {
                            clause: c.id.clone(),
                            error: PatternError {
                                kind,
                                index,
                                message: e.to_string(),
                            },
                        }),
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let set = RegexSetBuilder::new(sources)
            .case_insensitive(true)
            .size_limit(1 << 27)
            .dfa_size_limit(1 << 25)
            .build()
            .map_err(|e| {
                vec![ScannerError {
                    clause: "(all clauses together)".into(),
                    error: PatternError {
                        kind: HitKind::Present,
                        index: 0,
                        message: e.to_string(),
                    },
                }]
            })?;
        Ok(Scanner {
            clauses,
            set,
            patterns,
        })
    }

    pub fn clauses(&self) -> &[&'a Clause] {
        &self.clauses
    }

    /// Every clause's verdict, in the order the clauses were given.
    pub fn scan(&self, text: &SourceText) -> Vec<ClauseVerdict<'a>> {
        let normalized = text.normalized();
        let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); self.clauses.len()];
        for i in self.set.matches(normalized).iter() {
            let p = &self.patterns[i];
            for m in p.regex.find_iter(normalized).take(MAX_HITS_PER_PATTERN) {
                hits[p.clause].push(text.hit(p.kind, p.index, m.range()));
            }
        }
        self.clauses
            .iter()
            .zip(hits)
            .map(|(clause, hits)| ClauseVerdict {
                clause,
                verdict: Verdict::from_hits(hits),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Library, LibraryOptions};
    use crate::text::{Detector, Presence};

    fn library() -> Library {
        Library::load(&LibraryOptions::default()).expect("the embedded library loads")
    }

    /// Every example of every clause, scanned with the whole library at once, gets the verdict
    /// the example declares, and the same one the clause's own detector gives.
    #[test]
    fn every_example_gets_its_declared_verdict_from_the_full_scanner() {
        let library = library();
        let scanner = Scanner::new(library.clauses()).expect("patterns compile");
        let mut checked = 0;
        for (position, clause) in library.clauses().enumerate() {
            let detector = Detector::new(&clause.detect.present, &clause.detect.declined)
                .expect("patterns compile");
            for (expected, examples) in [
                (Presence::Present, &clause.examples.present),
                (Presence::Declined, &clause.examples.declined),
                (Presence::Absent, &clause.examples.absent),
            ] {
                for example in examples {
                    let text = SourceText::new(example.as_str());
                    let scanned = &scanner.scan(&text)[position];
                    assert_eq!(scanned.clause.id, clause.id);
                    assert_eq!(
                        scanned.verdict.presence, expected,
                        "{}: {:?}",
                        clause.id, example
                    );
                    let alone = detector.classify(&text);
                    assert_eq!(scanned.verdict.presence, alone.presence);
                    assert_eq!(
                        scanned.verdict.hits.first().map(|h| h.span.clone()),
                        alone.hits.first().map(|h| h.span.clone()),
                        "{}: {:?}",
                        clause.id,
                        example
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 4 * library.len(), "only {checked} examples");
    }

    #[test]
    fn hits_are_capped_per_pattern_but_the_verdict_stands() {
        let library = library();
        let clause = library
            .get("scot-community-benefits-notice")
            .expect("clause exists");
        let scanner = Scanner::new([&clause.clause]).expect("patterns compile");
        let text = "Community benefits are included. ".repeat(50);
        let verdicts = scanner.scan(&SourceText::new(text));
        assert_eq!(verdicts[0].verdict.presence, Presence::Present);
        assert_eq!(verdicts[0].verdict.hits.len(), MAX_HITS_PER_PATTERN);
    }

    #[test]
    fn a_broken_pattern_names_its_clause() {
        let mut clause = library().clauses().next().expect("a clause").clone();
        clause.detect.declined = vec!["(".into()];
        let errors = Scanner::new([&clause]).err().expect("refused");
        assert_eq!(errors[0].clause, clause.id);
        assert_eq!(errors[0].error.kind, HitKind::Declined);
    }
}
