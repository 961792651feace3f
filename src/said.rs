//! What errors, help lines and progress lines say, in English and Swedish: the [`Said`] text,
//! the catalogue in `data/errors.yaml`, and the choice of the reader's language.
//!
//! An error is built deep in the parser, long before it is known who will read it; it carries
//! both languages and the one to print is chosen when it is printed: `--lang`, else the
//! language the file itself declares, else the locale.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::input::Language;

/// A sentence in English and, where it has been translated, Swedish. Text from outside the
/// program (a parser's or the operating system's) has English alone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    pub en: String,
    pub sv: Option<String>,
}

/// Joins the two languages in a single string where only one string can pass (a serde error
/// raised inside a value's `Deserialize`); [`Said::decode`] splits it again.
const SEPARATOR: char = '\u{1e}';

impl Said {
    /// The text in `lang`, or in English where it has no translation.
    pub fn get(&self, lang: Language) -> &str {
        match (lang, &self.sv) {
            (Language::Sv, Some(sv)) => sv,
            _ => &self.en,
        }
    }

    /// Both languages in one string, for a serde error.
    pub fn encode(&self) -> String {
        match &self.sv {
            Some(sv) => format!("{}{SEPARATOR}{sv}", self.en),
            None => self.en.clone(),
        }
    }

    /// The text [`Said::encode`] made, or plain English text.
    pub fn decode(text: &str) -> Said {
        match text.split_once(SEPARATOR) {
            Some((en, sv)) => Said {
                en: en.to_string(),
                sv: Some(sv.to_string()),
            },
            None => Said::from(text),
        }
    }

    /// The same change made to each language, such as naming the option it is about.
    pub fn map(self, f: impl Fn(&str) -> String) -> Said {
        Said {
            en: f(&self.en),
            sv: self.sv.as_deref().map(f),
        }
    }
}

impl From<String> for Said {
    fn from(en: String) -> Self {
        Said { en, sv: None }
    }
}

impl From<&str> for Said {
    fn from(en: &str) -> Self {
        Said::from(en.to_string())
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    en: String,
    sv: String,
}

const CATALOGUE: &str = include_str!("../data/errors.yaml");

fn catalogue() -> &'static BTreeMap<String, Entry> {
    static TEXTS: OnceLock<BTreeMap<String, Entry>> = OnceLock::new();
    // Read with serde_yaml itself, not our loader: the loader's own errors come from here.
    TEXTS.get_or_init(|| {
        serde_yaml::from_str(CATALOGUE)
            .unwrap_or_else(|e| panic!("data/errors.yaml is broken (the tests read it): {e}"))
    })
}

/// The message `key` from `data/errors.yaml` in both languages, with each `{{name}}` replaced
/// by its value from `args`.
///
/// # Panics
/// If the key is unknown or a placeholder has no value: programming errors, which the test
/// suite finds (it checks every key the code names).
pub fn say(key: &str, args: &[(&str, &str)]) -> Said {
    fill(key, |_| args.iter().map(|&(n, v)| (n, v)).collect())
}

/// Like [`say`], with values that are themselves in both languages.
pub fn say_with(key: &str, args: &[(&str, &Said)]) -> Said {
    fill(key, |lang| {
        args.iter().map(|&(n, v)| (n, v.get(lang))).collect()
    })
}

fn fill<'a>(key: &str, args: impl Fn(Language) -> Vec<(&'a str, &'a str)>) -> Said {
    let entry = catalogue()
        .get(key)
        .unwrap_or_else(|| panic!("no message `{key}` in data/errors.yaml"));
    let fill = |text: &str, lang: Language| {
        let mut out = text.to_string();
        for (name, value) in args(lang) {
            out = out.replace(&format!("{{{{{name}}}}}"), value);
        }
        assert!(
            !out.contains("{{"),
            "message `{key}` has a placeholder with no value: {out}"
        );
        out
    };
    Said {
        en: fill(&entry.en, Language::En),
        sv: Some(fill(&entry.sv, Language::Sv)),
    }
}

/// The language to tell the reader in: the one asked for (`--lang`), else the one the file
/// declares, else the locale's.
pub fn reader_language(asked: Option<Language>, file: Option<Language>) -> Language {
    asked.or(file).unwrap_or_else(locale_language)
}

/// Swedish when the locale says so (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one
/// set), else English.
pub fn locale_language() -> Language {
    let get = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let locale = get("LC_ALL")
        .or_else(|| get("LC_MESSAGES"))
        .or_else(|| get("LANG"))
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("sv") {
        Language::Sv
    } else {
        Language::En
    }
}

/// The language a procurement file declares (`language: sv`), read from its text without
/// parsing it, since the file may not parse.
pub fn declared_language(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        match value.split('#').next()?.trim().trim_matches(['"', '\'']) {
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_the_same_placeholders() {
        let placeholders = |text: &str| {
            let mut names: Vec<String> = text
                .split("{{")
                .skip(1)
                .filter_map(|r| r.split_once("}}").map(|(n, _)| n.to_string()))
                .collect();
            names.sort();
            names
        };
        for (key, entry) in catalogue() {
            assert!(
                !entry.en.trim().is_empty() && !entry.sv.trim().is_empty(),
                "{key}"
            );
            assert_eq!(placeholders(&entry.en), placeholders(&entry.sv), "{key}");
        }
    }

    #[test]
    fn every_key_the_code_names_is_in_the_catalogue_and_every_entry_is_used() {
        let pattern = regex::Regex::new(r#"(?:^|[^.\w])say(?:_with)?\(\s*"([a-z0-9.-]+)",\s*&\["#)
            .expect("valid pattern");
        let mut used = std::collections::BTreeSet::new();
        let mut sources = String::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for c in pattern.captures_iter(&text) {
                        used.insert(c[1].to_string());
                    }
                    sources.push_str(&text);
                }
            }
        }
        let known: std::collections::BTreeSet<String> = catalogue().keys().cloned().collect();
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "used but not in data/errors.yaml: {missing:?}"
        );
        // Keys named in tables rather than in a call count as used where they are quoted.
        let unused: Vec<_> = known
            .iter()
            .filter(|k| !used.contains(*k) && !sources.contains(&format!("\"{k}\"")))
            .collect();
        assert!(
            unused.is_empty(),
            "in data/errors.yaml but never used: {unused:?}"
        );
    }

    #[test]
    fn fills_placeholders_in_both_languages() {
        let said = say("yaml.unknown-key", &[("key", "duraton_months")]);
        assert_eq!(said.en, "unknown key `duraton_months`");
        assert_eq!(said.get(Language::Sv), "okänd nyckel `duraton_months`");
    }

    #[test]
    fn survives_a_round_trip_through_one_string() {
        let said = say("yaml.unknown-key", &[("key", "x")]);
        assert_eq!(Said::decode(&said.encode()), said);
        assert_eq!(Said::decode("plain"), Said::from("plain"));
    }

    #[test]
    fn reads_the_declared_language_without_parsing() {
        assert_eq!(
            declared_language("title: x\nlanguage: sv # svenska\n"),
            Some(Language::Sv)
        );
        assert_eq!(declared_language("language: 'en'\n"), Some(Language::En));
        assert_eq!(declared_language("  language: sv\n"), None);
        assert_eq!(declared_language("title: x\n"), None);
    }
}
