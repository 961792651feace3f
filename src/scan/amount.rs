//! Sums written in tender prose: "£2,000,000", "£500k", "1.5 million EUR", "10 miljoner kronor",
//! "5 mkr". Read from normalised (lower-case) text just after a demand's keyword.

use std::sync::OnceLock;

use regex::Regex;

use crate::input::Currency;

/// How far after the keyword a sum may stand.
const WINDOW: usize = 80;

/// A sum as written: the amount in units and, where the text says it, the currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub currency: Option<Currency>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<pre>£|€|\$|gbp\ ?|eur\ ?|sek\ ?)?
            (?P<num>\d{1,3}(?:[\ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)
            \ ?(?P<mult>million|miljoner|mn|m|k|mkr|msek|tkr)?\b
            \ ?(?P<post>kr\b|kronor|sek|gbp|eur|euro|pounds)?",
        )
        .expect("the amount pattern compiles")
    })
}

/// The first sum in the text after `at` (within a short window), if any.
pub fn after(normalized: &str, at: usize) -> Option<Amount> {
    let mut end = (at + WINDOW).min(normalized.len());
    while !normalized.is_char_boundary(end) {
        end -= 1;
    }
    let window = &normalized[at..end];
    // A sum ends a sentence at most: stop at the first full stop followed by a space.
    let window = window.find(". ").map_or(window, |i| &window[..i]);
    let caps = pattern().captures(window)?;
    let mut value = number(&caps["num"])?;
    let mult = caps.name("mult").map(|m| m.as_str());
    value *= match mult {
        Some("million" | "miljoner" | "mn" | "m" | "mkr" | "msek") => 1e6,
        Some("k" | "tkr") => 1e3,
        _ => 1.0,
    };
    let currency = match (caps.name("pre").map(|m| m.as_str().trim()), mult) {
        (Some("£" | "gbp"), _) => Some(Currency::GBP),
        (Some("€" | "eur"), _) => Some(Currency::EUR),
        (Some("sek"), _) | (_, Some("mkr" | "msek" | "tkr")) => Some(Currency::SEK),
        _ => match caps.name("post").map(|m| m.as_str()) {
            Some("kr" | "kronor" | "sek") => Some(Currency::SEK),
            Some("gbp" | "pounds") => Some(Currency::GBP),
            Some("eur" | "euro") => Some(Currency::EUR),
            _ => None,
        },
    };
    // A bare small number ("3 years") is not a sum.
    (currency.is_some() || value >= 1000.0).then_some(Amount { value, currency })
}

/// "2,000,000", "10 000 000", "1.5", "1,5": separators followed by three digits group
/// thousands; a last separator followed by other than three digits is the decimal mark.
fn number(text: &str) -> Option<f64> {
    let groups: Vec<&str> = text.split([' ', ',', '.']).collect();
    let (whole, fraction) = match groups.as_slice() {
        [one] => (one.to_string(), ""),
        [head @ .., last] if last.len() == 3 => (format!("{}{last}", head.concat()), ""),
        [head @ .., last] => (head.concat(), *last),
        [] => return None,
    };
    format!(
        "{whole}.{}",
        if fraction.is_empty() { "0" } else { fraction }
    )
    .parse()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(f64, Option<Currency>)> {
        after(text, 0).map(|a| (a.value, a.currency))
    }

    #[test]
    fn sums_as_tenders_write_them() {
        assert_eq!(read("of £2,000,000 and"), Some((2e6, Some(Currency::GBP))));
        assert_eq!(read(": £500k"), Some((5e5, Some(Currency::GBP))));
        assert_eq!(
            read("exceed 1.5 million eur."),
            Some((1.5e6, Some(Currency::EUR)))
        );
        assert_eq!(
            read("på minst 10 miljoner kronor"),
            Some((1e7, Some(Currency::SEK)))
        );
        assert_eq!(read(": 5 mkr per år"), Some((5e6, Some(Currency::SEK))));
        assert_eq!(read("på 2,5 mkr"), Some((2.5e6, Some(Currency::SEK))));
        assert_eq!(
            read("minst 10 000 000 kr"),
            Some((1e7, Some(Currency::SEK)))
        );
        assert_eq!(read("of 250,000"), Some((2.5e5, None)));
    }

    #[test]
    fn no_sum_no_amount() {
        assert_eq!(read("at least three years' trading"), None);
        assert_eq!(read("for 3 years"), None);
        assert_eq!(read("will be assessed. the price is £5m"), None);
    }
}
