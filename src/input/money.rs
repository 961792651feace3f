//! Money: an amount, its currency, and whether VAT is included.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An amount of money. Amounts exclude VAT unless `vat: included` is given; `vat: exempt` says
/// no VAT is charged on what is bought (welfare, health and education services), so the amount
/// is the same with or without it.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, in whole units of the currency (kronor, pounds, euro).
    pub amount: f64,
    pub currency: Currency,
    /// Whether the amount includes VAT (`included`), excludes it (`excluded`, the default), or
    /// the services are exempt from VAT (`exempt`: nothing is added or taken off).
    #[serde(default, skip_serializing_if = "Vat::is_excluded")]
    pub vat: Vat,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
pub enum Currency {
    SEK,
    GBP,
    EUR,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::SEK => "SEK",
            Currency::GBP => "GBP",
            Currency::EUR => "EUR",
        }
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Vat {
    #[default]
    Excluded,
    Included,
    /// No VAT is charged on the supply (for example UK VATA 1994 Sch. 9 Group 7, Swedish social
    /// omsorg): the amount is the same on either basis.
    Exempt,
}

impl Vat {
    pub fn is_excluded(&self) -> bool {
        *self == Vat::Excluded
    }

    /// Whether amounts on these two bases can be compared as they stand: an exempt amount holds
    /// no VAT, like one excluding it.
    pub fn same_basis(self, other: Vat) -> bool {
        let net = |v: Vat| if v == Vat::Exempt { Vat::Excluded } else { v };
        net(self) == net(other)
    }

    /// What follows an amount in English: ` incl. VAT`, ` (VAT exempt)`, or nothing.
    pub fn suffix(self) -> &'static str {
        match self {
            Vat::Excluded => "",
            Vat::Included => " incl. VAT",
            Vat::Exempt => " (VAT exempt)",
        }
    }
}

impl Money {
    /// Whether the amount is a real number greater than zero.
    pub fn is_positive(&self) -> bool {
        self.amount.is_finite() && self.amount > 0.0
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}{}",
            group_thousands(self.amount),
            self.currency,
            self.vat.suffix()
        )
    }
}

/// An amount as people write it in prose ("1,5 MSEK", "1 500 000 kr", "£1.2m", "1.2 million",
/// "2 400 tkr"), as a number; `None` when the text is not recognisably an amount. Used only to
/// tell a user which number to write: the file must still say the number itself.
pub fn human_amount(text: &str) -> Option<f64> {
    let lower = text
        .trim()
        .to_lowercase()
        .replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ");
    let mut rest = lower.trim_start_matches(['£', '€', '$']).trim().to_string();
    let mut factor = 1.0;
    // Longest words first, so that "msek" is not read as "m" and "sek".
    const WORDS: &[(&str, f64)] = &[
        ("miljarder", 1e9),
        ("miljoner", 1e6),
        ("millions", 1e6),
        ("thousand", 1e3),
        ("billion", 1e9),
        ("million", 1e6),
        ("miljon", 1e6),
        ("milj.", 1e6),
        ("tusen", 1e3),
        ("mdkr", 1e9),
        ("milj", 1e6),
        ("msek", 1e6),
        ("ksek", 1e3),
        ("mkr", 1e6),
        ("tkr", 1e3),
        ("bn", 1e9),
        ("mn", 1e6),
        ("m", 1e6),
        ("k", 1e3),
    ];
    let mut strip_factor = |rest: &mut String| {
        for (word, f) in WORDS {
            if let Some(r) = rest.strip_suffix(word)
                && r.ends_with(|c: char| c.is_ascii_digit() || c == ' ')
            {
                factor = *f;
                *rest = r.trim().to_string();
                return true;
            }
        }
        false
    };
    // "2 400 tkr", "1,5 MSEK": the multiplier carries the currency; "3,5 miljoner kronor",
    // "1 500 000 kr": the currency comes last.
    if !strip_factor(&mut rest) {
        for currency in [
            "kronor", "kr.", "kr", "sek", "gbp", "eur", "pounds", "euro", "£", "€",
        ] {
            if let Some(r) = rest.strip_suffix(currency) {
                rest = r.trim().to_string();
                break;
            }
        }
        strip_factor(&mut rest);
    }
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.'".contains(c))
    {
        return None;
    }
    let compact: String = rest.chars().filter(|c| *c != ' ' && *c != '\'').collect();
    let (commas, dots) = (compact.matches(',').count(), compact.matches('.').count());
    let groups_of_three = |sep: char| {
        let mut parts = compact.split(sep);
        parts.next().is_some_and(|p| !p.is_empty() && p.len() <= 3) && parts.all(|p| p.len() == 3)
    };
    let plain = match (commas, dots) {
        (0, 0) => compact.clone(),
        // 1,500,000 or 1.500.000: thousands; 1,5 or 2.25: decimals.
        (_, 0) if commas > 1 || (groups_of_three(',') && factor == 1.0) => compact.replace(',', ""),
        (1, 0) => compact.replace(',', "."),
        (0, _) if dots > 1 || (groups_of_three('.') && factor == 1.0) => compact.replace('.', ""),
        (0, 1) => compact,
        // Both: the last one is the decimal mark.
        _ => {
            let last = compact.rfind([',', '.']).expect("a separator");
            let (whole, fraction) = compact.split_at(last);
            format!("{}.{}", whole.replace([',', '.'], ""), &fraction[1..])
        }
    };
    let value: f64 = plain.parse().ok()?;
    let amount = (value * factor * 100.0).round() / 100.0;
    (amount.is_finite() && amount > 0.0).then_some(amount)
}

/// `12000000.5` → `12 000 000.50`: amounts grouped by thousands with a non-breaking space,
/// so that they never split across lines.
pub fn group_thousands(amount: f64) -> String {
    let rounded = (amount * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs();
    let cents = ((rounded.abs() - whole) * 100.0).round() as u64;
    let digits = format!("{whole:.0}");
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{00A0}');
        }
        out.push(c);
    }
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_with_non_breaking_spaces() {
        assert_eq!(group_thousands(12_000_000.0), "12\u{a0}000\u{a0}000");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1_000.5), "1\u{a0}000.50");
        assert_eq!(group_thousands(-4_000.0), "-4\u{a0}000");
    }

    #[test]
    fn reads_amounts_as_people_write_them() {
        for (text, amount) in [
            ("1,5 MSEK", 1_500_000.0),
            ("1,5 mkr", 1_500_000.0),
            ("1 500 000 kr", 1_500_000.0),
            ("1\u{a0}500\u{a0}000 SEK", 1_500_000.0),
            ("£1.2m", 1_200_000.0),
            ("1.2 million", 1_200_000.0),
            ("2 400 tkr", 2_400_000.0),
            ("€900k", 900_000.0),
            ("1,500,000", 1_500_000.0),
            ("1.500.000", 1_500_000.0),
            ("12 000 000,50 kr", 12_000_000.5),
            ("3,5 miljoner kronor", 3_500_000.0),
            ("1 500 000", 1_500_000.0),
        ] {
            assert_eq!(human_amount(text), Some(amount), "{text}");
        }
        for text in ["lots", "ten thousand", "", "kr", "1,5,x"] {
            assert_eq!(human_amount(text), None, "{text}");
        }
    }

    #[test]
    fn an_exempt_amount_compares_with_one_excluding_vat() {
        assert!(Vat::Exempt.same_basis(Vat::Excluded));
        assert!(Vat::Excluded.same_basis(Vat::Exempt));
        assert!(!Vat::Exempt.same_basis(Vat::Included));
        assert!(!Vat::Included.same_basis(Vat::Excluded));
        assert_eq!(Vat::Exempt.suffix(), " (VAT exempt)");
    }

    #[test]
    fn positive_means_finite_and_above_zero() {
        let m = |amount| Money {
            amount,
            currency: Currency::SEK,
            vat: Vat::Excluded,
        };
        assert!(m(1.0).is_positive());
        assert!(!m(0.0).is_positive());
        assert!(!m(-0.0).is_positive());
        assert!(!m(f64::NAN).is_positive());
        assert!(!m(f64::INFINITY).is_positive());
    }
}
