//! What the text of a published notice or a tender document says that the procurement leaves
//! open: insurance cover, years of trading, a turnover demand, a single lot, a price-only
//! award. Each is read into the procurement only where its field is empty, with the words and
//! the place they were read from, so that the checklist can say what it found and where.

use std::ops::Range;

use super::barriers::{self, TextHit};
use super::check::distinct_by;
use super::extract::Extracted;
use crate::input::{
    Award, Currency, Insurance, InsuranceKind, Jurisdiction, Money, Procurement, Qualification,
    ReadFact, Vat,
};
use crate::text::HitKind;

/// Reads the facts `doc` (a notice's prose, or a tender document) gives into `p` where `p`
/// has none, and records each in `p.read`.
pub fn read(doc: &Extracted, p: &mut Procurement) {
    let text = doc.text.normalized();
    let mut read = Vec::new();
    let mut fact = |field: &str, hit: &TextHit| {
        let window = window(text, hit.range.clone());
        let excerpt = doc.text.hit(HitKind::Present, 0, window.clone()).excerpt;
        // A field's last sentence keeps its full stop; the others end before theirs.
        let excerpt = excerpt.trim_end_matches('.');
        let sentence = barriers::sentence_range(text, hit.range.clone());
        let cut = |yes: bool| if yes { "…" } else { "" };
        let place = doc.place(
            doc.text
                .hit(HitKind::Present, 0, hit.range.clone())
                .span
                .start,
        );
        read.push(ReadFact {
            field: field.to_string(),
            excerpt: format!(
                "{}{excerpt}{}",
                cut(window.start > sentence.start),
                cut(window.end < sentence.end)
            ),
            location: place.location,
            json_path: place.json_path,
            line: place.line,
        });
    };
    let currency = p.value.map(|v| v.currency).unwrap_or(home(p.jurisdiction));
    for (barrier, hits) in barriers::barriers().iter().zip(barriers::scan(text)) {
        let Some(first) = hits.first() else {
            continue;
        };
        let qualification = p.qualification.get_or_insert_with(Qualification::default);
        match barrier.id.as_str() {
            "insurance-demand" if qualification.insurance.is_none() => {
                // Two patterns often match one demand ("public liability insurance of £5m"):
                // a hit inside an earlier one names no cover of its own.
                let covers: Vec<Insurance> = distinct_by(&hits, |h| h.range.clone())
                    .filter_map(|h| {
                        let amount = h.amount?;
                        Some(Insurance {
                            kind: insurance_kind(&text[h.range.clone()]),
                            cover: Money {
                                amount: amount.value,
                                currency: amount.currency.unwrap_or(currency),
                                vat: Vat::Excluded,
                            },
                        })
                    })
                    .collect();
                if let Some(h) = hits.iter().find(|h| h.amount.is_some()) {
                    qualification.insurance = Some(covers);
                    fact("qualification.insurance", h);
                }
            }
            "turnover-demand" if qualification.min_turnover.is_none() => {
                if let Some((h, amount)) = hits.iter().find_map(|h| Some((h, h.amount?))) {
                    qualification.min_turnover = Some(Money {
                        amount: amount.value,
                        currency: amount.currency.unwrap_or(currency),
                        vat: Vat::Excluded,
                    });
                    fact("qualification.min_turnover", h);
                }
            }
            "years-trading-demand" if qualification.min_years_trading.is_none() => {
                if let Some((h, years)) = hits
                    .iter()
                    .find_map(|h| Some((h, barriers::years_named(&text[h.range.clone()])?)))
                {
                    qualification.min_years_trading = Some(years);
                    fact("qualification.min_years_trading", h);
                }
            }
            "no-lots" if p.lots.is_none() => {
                p.lots = Some(Vec::new());
                fact("lots", first);
            }
            "price-only-award" if p.award.is_none() => {
                p.award = Some(Award {
                    price: 100.0,
                    quality: 0.0,
                    social: 0.0,
                });
                fact("award", first);
            }
            _ => {}
        }
    }
    if p.qualification == Some(Qualification::default()) {
        p.qualification = None;
    }
    p.read.extend(read);
}

/// How much of its sentence a fact's quote gives on either side of the words read, at most.
const REACH: usize = 90;

/// The words read and their sentence around them, within [`REACH`] bytes on either side and
/// cut at spaces.
fn window(text: &str, hit: Range<usize>) -> Range<usize> {
    let sentence = barriers::sentence_range(text, hit.clone());
    let mut start = hit.start.saturating_sub(REACH).max(sentence.start);
    if start > sentence.start {
        while !text.is_char_boundary(start) {
            start += 1;
        }
        start = text[start..hit.start]
            .find(' ')
            .map_or(hit.start, |i| start + i + 1);
    }
    let mut end = (hit.end + REACH).min(sentence.end);
    if end < sentence.end {
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        end = text[hit.end..end]
            .rfind(' ')
            .map_or(hit.end, |i| hit.end + i);
    }
    start..end
}

/// The currency a notice of `jurisdiction` states sums in, where a sum names none.
fn home(jurisdiction: Jurisdiction) -> Currency {
    match jurisdiction {
        Jurisdiction::Se => Currency::SEK,
        Jurisdiction::Eu => Currency::EUR,
        Jurisdiction::Scotland
        | Jurisdiction::England
        | Jurisdiction::Wales
        | Jurisdiction::NorthernIreland => Currency::GBP,
    }
}

/// The kind of cover an insurance demand's words name.
fn insurance_kind(words: &str) -> InsuranceKind {
    let has = |w: &str| words.contains(w);
    if has("employer") {
        InsuranceKind::EmployersLiability
    } else if has("public") || has("ansvarsförsäkring") || has("företagsförsäkring") {
        InsuranceKind::PublicLiability
    } else if has("professional") {
        InsuranceKind::ProfessionalIndemnity
    } else if has("product") || has("produktansvar") {
        InsuranceKind::ProductLiability
    } else {
        InsuranceKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Jurisdiction, Source, ocds};

    fn notice(tender: &str) -> Vec<Procurement> {
        let json = format!(
            r#"{{"releases": [{{"ocid": "ocds-x-1", "tender": {tender}}},
                {{"ocid": "ocds-x-2", "tender": {{"title": "Andra", "description": "Inga krav."}}}}]}}"#
        );
        ocds::load(&Source::from_text("n.json", json), Some(Jurisdiction::Se)).unwrap()
    }

    #[test]
    fn the_text_fills_what_the_fields_leave_open_with_the_words_and_their_place() {
        let p = notice(
            r#"{"title": "Städning", "description": "Upphandlingen delas inte upp i delkontrakt. Anbudsgivaren ska ha bedrivit verksamhet i minst fem år.",
               "eligibilityCriteria": "Leverantören ska ha en ansvarsförsäkring på minst 10 miljoner kronor. Anbudsgivaren ska ha en årsomsättning på minst 3 miljoner kronor.",
               "awardCriteria": {"criteria": [{"name": "Tilldelning sker efter lägsta pris"}]}}"#,
        );
        let q = p[0].qualification.as_ref().unwrap();
        assert_eq!(q.min_years_trading, Some(5));
        let insurance = q.insurance.as_deref().unwrap();
        assert_eq!(insurance.len(), 1);
        assert_eq!(insurance[0].kind, InsuranceKind::PublicLiability);
        assert_eq!(insurance[0].cover.amount, 10_000_000.0);
        assert_eq!(insurance[0].cover.currency, Currency::SEK);
        assert_eq!(q.min_turnover.map(|m| m.amount), Some(3_000_000.0));
        assert_eq!(p[0].lots, Some(Vec::new()));
        assert_eq!(p[0].award.map(|a| a.price), Some(100.0));
        let read = &p[0].read;
        let lots = read.iter().find(|r| r.field == "lots").unwrap();
        assert_eq!(
            lots.json_path.as_deref(),
            Some("releases[0].tender.description")
        );
        // The place is where the words read start ("delas inte …").
        assert_eq!(lots.location, "n.json, releases[0].tender.description:1:15");
        assert_eq!(lots.line, 1);
        assert_eq!(lots.excerpt, "Upphandlingen delas inte upp i delkontrakt");
        // The other release's text is its own: it demands nothing.
        assert_eq!(p[1].qualification, None);
        assert!(p[1].read.is_empty());
        assert_eq!(p[1].lots, None);
    }

    #[test]
    fn a_field_the_notice_fills_wins_over_its_text() {
        let p = notice(
            r#"{"title": "Städning", "description": "Upphandlingen delas inte upp i delkontrakt.",
               "lots": [{"id": "1", "title": "Norr"}, {"id": "2", "title": "Syd"}]}"#,
        );
        assert_eq!(p[0].lots.as_ref().map(Vec::len), Some(2));
        assert!(p[0].read.is_empty());
    }

    #[test]
    fn a_quote_is_the_words_read_with_some_of_their_sentence_cut_at_spaces() {
        let text = format!(
            "{} the words {}. Next.",
            "lead ".repeat(40),
            "tail ".repeat(40)
        );
        let at = text.find("the words").unwrap();
        let w = window(&text, at..at + 9);
        assert!(text[w.clone()].starts_with("lead "), "{}", &text[w.clone()]);
        assert!(text[w.clone()].ends_with("tail"), "{}", &text[w.clone()]);
        assert!(w.end - w.start <= 9 + 2 * REACH);
    }
}
