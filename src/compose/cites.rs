//! Legal citations as a document lists them: in the document's language, sorted by statute
//! and then by chapter, section or article numerically, without duplicates.
//!
//! The clause library writes citations in one form ("LOU (2016:1145) 4 kap. 18 §",
//! "Directive 2014/24/EU art. 20"); the words that differ between Swedish and English are
//! data (`cite.*` in the messages), so a Swedish annex says "direktiv 2014/24/EU art. 20" and
//! an English one "LOU (2016:1145) chapter 4, section 18".

use std::cmp::Ordering;
use std::sync::LazyLock;

use regex::Regex;

use crate::input::Language;
use crate::messages::Messages;

/// The citations, sorted and without duplicates, in `lang`. A bare statute ("LOU (2016:1145)")
/// is dropped where a provision of it is cited too.
pub fn list<'a>(cites: impl IntoIterator<Item = &'a str>, lang: Language) -> Vec<String> {
    let mut cites: Vec<&str> = cites.into_iter().map(str::trim).collect();
    cites.sort_by(|a, b| compare(a, b));
    cites.dedup();
    let bare: Vec<&str> = cites
        .iter()
        .copied()
        .filter(|c| cites.iter().any(|o| o != c && statute(o) == *c))
        .collect();
    cites
        .into_iter()
        .filter(|c| !bare.contains(c))
        .map(|c| localize(c, lang))
        .collect()
}

/// One citation in `lang`.
pub fn localize(cite: &str, lang: Language) -> String {
    static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d+) kap\. (\d+(?: [a-z])?(?:–\d+(?: [a-z])?)?) (§§?)")
            .expect("a valid pattern")
    });
    let m = Messages::embedded();
    let mut out = cite.to_string();
    for term in ["directive", "annex"] {
        let from = m.text(&format!("cite.{term}"), Language::En);
        let to = m.text(&format!("cite.{term}"), lang);
        out = out.replace(&from, &to);
    }
    if lang == Language::Sv {
        // Swedish writes a paragraph of an article with a point: art. 18.2.
        static PARAGRAPH: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"art\. (\d+)\((\d+)\)").expect("a valid pattern"));
        out = PARAGRAPH.replace_all(&out, "art. $1.$2").into_owned();
        // and the provision before the act: 4 kap. 18 § LOU.
        static LOU: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^LOU \(2016:1145\) (\d+ (?:[a-z] )?kap\..*)$").expect("a valid pattern")
        });
        out = LOU.replace(&out, "$1 LOU").into_owned();
    }
    if lang == Language::En {
        out = CHAPTER
            .replace_all(&out, |c: &regex::Captures| {
                let key = if &c[3] == "§§" {
                    "cite.chapter-sections"
                } else {
                    "cite.chapter-section"
                };
                m.render(
                    key,
                    lang,
                    &serde_json::json!({ "chapter": &c[1], "section": &c[2] }),
                )
            })
            .into_owned();
    }
    out
}

/// The statute a citation is of: what comes before its chapter, article, section, regulation
/// or annex ("LOU (2016:1145)", "Directive 2014/24/EU").
fn statute(cite: &str) -> &str {
    static PROVISION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" art\.| Annex| s\.\d|,? reg(?:ulation)? | \d+ kap\.").expect("a valid pattern")
    });
    PROVISION.find(cite).map_or(cite, |m| &cite[..m.start()])
}

/// By statute (national law before the directive); then the statute itself, its numbered provisions, its annexes; then by the
/// numbers that follow it, read as numbers (4 before 17).
fn compare(a: &str, b: &str) -> Ordering {
    let rank = |c: &str| {
        let rest = &c[statute(c).len()..];
        if rest.is_empty() {
            0
        } else if rest.contains("Annex") {
            2
        } else {
            1
        }
    };
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("a valid pattern"));
    let numbers = |c: &str| -> Vec<u64> {
        let rest = &c[statute(c).len()..];
        NUMBER
            .find_iter(rest)
            .filter_map(|m| m.as_str().parse().ok())
            .collect()
    };
    // National law first, then the directive it implements.
    let directive = |c: &str| c.starts_with("Directive");
    directive(a)
        .cmp(&directive(b))
        .then_with(|| statute(a).cmp(statute(b)))
        .then_with(|| rank(a).cmp(&rank(b)))
        .then_with(|| numbers(a).cmp(&numbers(b)))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_numerically_by_statute_and_drops_duplicates() {
        let cites = [
            "LOU (2016:1145) 17 kap. 1 §",
            "Directive 2014/24/EU art. 70",
            "LOU (2016:1145) 4 kap. 18 §",
            "LOU (2016:1145)",
            "Directive 2014/24/EU art. 20",
            "LOU (2016:1145) 17 kap. 1 §",
            "Directive 2014/24/EU Annex X",
        ];
        assert_eq!(
            list(cites, Language::Sv),
            [
                "4 kap. 18 § LOU",
                "17 kap. 1 § LOU",
                "direktiv 2014/24/EU art. 20",
                "direktiv 2014/24/EU art. 70",
                "direktiv 2014/24/EU bilaga X",
            ]
        );
    }

    #[test]
    fn english_names_chapters_and_sections() {
        assert_eq!(
            localize("LOU (2016:1145) 19 kap. 25 a §", Language::En),
            "LOU (2016:1145) chapter 19, section 25 a"
        );
        assert_eq!(
            localize("LOU (2016:1145) 17 kap. 2–5 §§", Language::En),
            "LOU (2016:1145) chapter 17, sections 2–5"
        );
        assert_eq!(
            localize("Directive 2014/24/EU art. 18(2)", Language::Sv),
            "direktiv 2014/24/EU art. 18.2"
        );
        assert_eq!(
            localize("Directive 2014/24/EU Annex X", Language::En),
            "Directive 2014/24/EU Annex X"
        );
        assert_eq!(
            localize("Procurement Act 2023 s.32", Language::Sv),
            "Procurement Act 2023 s.32"
        );
    }

    #[test]
    fn swedish_puts_the_provision_before_the_act() {
        assert_eq!(
            localize("LOU (2016:1145) 19 kap. 25 a §", Language::Sv),
            "19 kap. 25 a § LOU"
        );
        assert_eq!(
            localize("LOU (2016:1145) 19 a kap.", Language::Sv),
            "19 a kap. LOU"
        );
        assert_eq!(localize("LOU (2016:1145)", Language::Sv), "LOU (2016:1145)");
    }
}
