//! The CPV vocabulary's names (`data/cpv.tsv`, CPV 2008 in English and Swedish), for the web
//! page's search: a code by its digits or by words of its name.

use std::sync::OnceLock;

use crate::input::Language;

/// The most characters, and words, of a query that are looked for.
const MAX_QUERY: usize = 100;
const MAX_WORDS: usize = 8;

/// One code and its names.
struct Entry {
    code: &'static str,
    en: &'static str,
    sv: &'static str,
    /// Both names in lower case, for matching.
    words: String,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        include_str!("../../data/cpv.tsv")
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let (code, en, sv) = (parts.next()?, parts.next()?, parts.next()?);
                Some(Entry {
                    code,
                    en,
                    sv,
                    words: format!("{} {}", en.to_lowercase(), sv.to_lowercase()),
                })
            })
            .collect()
    })
}

/// The name of `code` (eight digits, a check digit allowed) in `lang`, if it is a CPV code.
pub fn name(code: &str, lang: Language) -> Option<&'static str> {
    let digits = code.split('-').next()?.trim();
    let list = entries();
    let i = list.binary_search_by(|e| e.code.cmp(digits)).ok()?;
    Some(match lang {
        Language::Sv => list[i].sv,
        Language::En => list[i].en,
    })
}

/// At most `limit` codes matching `query`, with their names in `lang`: codes starting with its
/// digits, or names holding every one of its words (in either language). Names where a word
/// starts a word of the name come first, then shorter names, then by code.
pub fn search(query: &str, lang: Language, limit: usize) -> Vec<(String, String)> {
    // A search is a few words: a longer query is cut, so that none can keep a thread busy.
    let query: String = query
        .trim()
        .chars()
        .take(MAX_QUERY)
        .collect::<String>()
        .to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let name_of = |e: &Entry| match lang {
        Language::Sv => e.sv,
        Language::En => e.en,
    };
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let mut found: Vec<(u8, usize, &Entry)> = if !digits.is_empty()
        && query
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        entries()
            .iter()
            .filter(|e| e.code.starts_with(&digits[..digits.len().min(8)]))
            .map(|e| (0, 0, e))
            .collect()
    } else {
        let words: Vec<&str> = query.split_whitespace().take(MAX_WORDS).collect();
        entries()
            .iter()
            .filter(|e| words.iter().all(|w| e.words.contains(w)))
            .map(|e| {
                let starts = words.iter().all(|w| {
                    e.words
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|token| token.starts_with(w))
                });
                (u8::from(!starts), name_of(e).len(), e)
            })
            .collect()
    };
    found.sort_by(|a, b| (a.0, a.1, a.2.code).cmp(&(b.0, b.1, b.2.code)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, e)| (e.code.to_string(), name_of(e).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_by_words_in_either_language_and_by_digits() {
        let parks = search("park", Language::Sv, 20);
        assert!(
            parks
                .iter()
                .any(|(c, n)| c == "77313000" && n == "Parkskötsel")
        );
        let cleaning = search("cleaning services", Language::En, 20);
        assert!(
            cleaning.iter().any(|(c, _)| c == "90910000"),
            "{cleaning:?}"
        );
        let by_code = search("773130", Language::En, 20);
        assert_eq!(
            by_code[0],
            ("77313000".into(), "Parks maintenance services".into())
        );
        assert!(search("", Language::En, 20).is_empty());
        assert!(search("qqqxz", Language::En, 20).is_empty());
        assert_eq!(
            name("55523100-3", Language::Sv),
            Some("Servering av skolmåltider")
        );
        assert_eq!(entries().len(), 9454);
    }
}
