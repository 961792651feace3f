//! Wording in Swedish and English from `data/messages.yaml`, and the formatting of numbers,
//! amounts and dates for each language.
//!
//! Rust decides *which* message applies and computes the figures; the words are data, so a
//! reason can be reworded or translated without touching code.

use std::collections::BTreeMap;
use std::sync::{OnceLock, RwLock};

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

use crate::input::yaml;
use crate::input::{Language, Money, Source, Vat};
use crate::library::Localized;

/// The message catalogue, compiled once.
pub struct Messages {
    texts: BTreeMap<String, Localized>,
    /// Templates compiled on first use: a run needs a few dozen of several hundred.
    registry: RwLock<Handlebars<'static>>,
}

impl Messages {
    pub fn embedded() -> &'static Messages {
        static MESSAGES: OnceLock<Messages> = OnceLock::new();
        MESSAGES.get_or_init(|| {
            let templates = crate::templates::current();
            Messages::parse(&[
                (
                    "<embedded>/data/messages.yaml",
                    include_str!("../data/messages.yaml"),
                ),
                (&templates.annex_strings.name, &templates.annex_strings.text),
                (
                    &templates.checklist_strings.name,
                    &templates.checklist_strings.text,
                ),
            ])
            .unwrap_or_else(|e| panic!("the messages are broken (checked before use): {e}"))
        })
    }

    /// Reads message catalogues; a key may be defined in one of them only.
    fn parse(files: &[(&str, &str)]) -> Result<Messages, String> {
        let mut map: BTreeMap<String, Localized> = BTreeMap::new();
        for (name, text) in files {
            let source = Source::from_text(*name, *text);
            let part: BTreeMap<String, Localized> =
                yaml::parse_one(&source).map_err(|d| d.to_string())?;
            for (key, value) in part {
                if map.insert(key.clone(), value).is_some() {
                    return Err(format!("{name}: the message `{key}` is defined twice"));
                }
            }
        }
        Ok(Messages {
            texts: map,
            registry: RwLock::new(registry()),
        })
    }

    /// Compiles every message (the test suite calls this, so a broken one fails there).
    pub fn compile_all(&self) -> Result<(), String> {
        let mut registry = registry();
        for (key, text) in &self.texts {
            for lang in [Language::Sv, Language::En] {
                registry
                    .register_template_string(&name(key, lang), text.get(lang))
                    .map_err(|e| format!("message `{key}`: {e}"))?;
            }
        }
        Ok(())
    }

    /// The message `key` in `lang`, with `args` filled in.
    ///
    /// # Panics
    /// If the key is unknown or an argument is missing: both are programming errors, and the
    /// test suite renders every message path.
    pub fn render(&self, key: &str, lang: Language, args: &Value) -> String {
        let text = self
            .texts
            .get(key)
            .unwrap_or_else(|| panic!("no message `{key}`"))
            .get(lang);
        if !text.contains("{{") {
            return text.to_string();
        }
        self.compiled(&name(key, lang), text, args)
            .unwrap_or_else(|e| panic!("message `{key}` ({}): {e}", lang.code()))
    }

    /// Renders a template held in other data (the checklist) with the same rules.
    ///
    /// # Panics
    /// If the template is broken or an argument is missing (the test suite renders every path).
    pub fn render_template(&self, template: &str, args: &Value) -> String {
        self.try_render_template(template, args)
            .unwrap_or_else(|e| panic!("template `{template}`: {e}"))
    }

    /// Renders a template held in other data (clause texts, the checklist) with the same
    /// rules, or says why it cannot.
    pub fn try_render_template(&self, template: &str, args: &Value) -> Result<String, String> {
        if !template.contains("{{") {
            return Ok(template.to_string());
        }
        // The text is its own name: no message key holds `{{`.
        self.compiled(template, template, args)
    }

    /// Renders `text` compiled under `name`, compiling it on first use: a batch renders the
    /// same few hundred texts for every procurement.
    fn compiled(&self, name: &str, text: &str, args: &Value) -> Result<String, String> {
        let known = self.registry.read().is_ok_and(|r| r.has_template(name));
        if !known {
            let mut registry = self.registry.write().unwrap_or_else(|e| e.into_inner());
            if !registry.has_template(name) {
                registry
                    .register_template_string(name, text)
                    .map_err(|e| e.to_string())?;
            }
        }
        self.registry
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .render(name, args)
            .map(fitted)
            .map_err(|e| e.to_string())
    }

    /// A message, or `fallback` when the catalogue has no such key (KPI units are free text).
    pub fn text_or(&self, key: &str, lang: Language, fallback: &str) -> String {
        match self.texts.get(key) {
            Some(_) => self.text(key, lang),
            None => fallback.to_string(),
        }
    }

    /// A message without arguments.
    pub fn text(&self, key: &str, lang: Language) -> String {
        self.render(key, lang, &Value::Object(Default::default()))
    }
}

/// The registry every message and clause text renders with: strict (a missing value fails),
/// plain text (each output format escapes what it embeds), with the `plural` helper.
pub fn registry() -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    registry.register_escape_fn(handlebars::no_escape);
    registry.register_helper("plural", Box::new(plural));
    registry
}

/// `{{plural n "plats" "platser"}}`: the count with its noun in the form the count takes,
/// "1 plats", "2 platser". The count may be a number or a figure as written ("1 500",
/// "1,5"); anything that is not a figure (a field to fill in) takes the plural.
fn plural(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let param = |i: usize| {
        h.param(i)
            .map(|p| p.value())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("plural", i))
    };
    let count = match param(0)? {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let form = |i: usize| -> Result<String, RenderErrorReason> {
        match param(i)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(RenderErrorReason::InvalidParamType("a word in quotes")),
        }
    };
    // A phrase with a place for the noun ("the number of {} the table gives for the lot")
    // stands for a count given elsewhere.
    // A rate ("1 {} for every full £1,000,000 …") takes the form its leading figure takes.
    if let Some((lead, _)) = count.split_once("{}") {
        let noun = if is_one(lead.trim()) {
            form(1)?
        } else {
            form(2)?
        };
        out.write(&count.replace("{}", &noun))?;
        return Ok(());
    }
    let noun = if is_one(&count) { form(1)? } else { form(2)? };
    out.write(&format!("{count} {noun}"))?;
    Ok(())
}

/// Runs of spaces, tabs and line breaks as one space, trimmed; a no-break space (between a
/// figure and its unit) is kept.
pub fn one_space(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a figure as written is exactly one: `1`, `1,0`, `1.00`, but not `1,000` (English
/// thousands) or `1 500`.
pub fn is_one(figure: &str) -> bool {
    let compact = figure.replace([' ', '\u{a0}'], "");
    let parts: Vec<&str> = compact.split(',').collect();
    let thousands = parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3);
    let number = if thousands {
        parts.concat()
    } else {
        compact.replace(',', ".")
    };
    number.parse::<f64>().is_ok_and(|x| x == 1.0)
}

/// Handlebars renders into an 8 KiB buffer; a message is kept in one of its own size (an
/// assessment holds hundreds of them).
fn fitted(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

fn name(key: &str, lang: Language) -> String {
    format!("{key}.{}", lang.code())
}

/// `12 000 000` (sv, non-breaking spaces) or `12,000,000` (en); two decimals only when needed.
pub fn number(amount: f64, lang: Language) -> String {
    let grouped = crate::input::money::group_thousands(amount);
    match lang {
        Language::Sv => grouped.replace('.', ","),
        Language::En => grouped.replace('\u{00A0}', ","),
    }
}

/// A rate or factor, with as many decimals as it has (up to four): `10,8126` / `10.8126`.
pub fn decimal(x: f64, lang: Language) -> String {
    let text = format!("{:.4}", x);
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    match lang {
        Language::Sv => text.replace('.', ","),
        Language::En => text,
    }
}

/// `12 000 000 kr` / `12,000,000 SEK`, with `incl. VAT` / `inkl. moms` when it includes VAT and `(VAT exempt)` /
/// `(momsfritt)` when no VAT is charged.
pub fn money(m: &Money, lang: Language) -> String {
    // Swedish writes kronor as "kr", as an upphandlare would; other currencies by their code.
    let currency = match (lang, m.currency) {
        (Language::Sv, crate::input::Currency::SEK) => "kr",
        (_, c) => c.code(),
    };
    let mut out = format!("{}\u{00A0}{currency}", number(m.amount, lang));
    let basis = match m.vat {
        Vat::Included => "vat.included",
        Vat::Exempt => "vat.exempt",
        Vat::Excluded => return out,
    };
    out.push(' ');
    out.push_str(&Messages::embedded().text(basis, lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Currency;

    #[test]
    fn every_message_compiles() {
        Messages::embedded().compile_all().unwrap();
    }

    #[test]
    fn templates_from_data_render_or_say_why_not() {
        let m = Messages::embedded();
        let args = serde_json::json!({ "months": 15, "lot": { "title": "A & B" } });
        for _ in 0..2 {
            // The second round renders the compiled copy.
            assert_eq!(
                m.try_render_template("{{months}} månader, {{lot.title}}", &args),
                Ok("15 månader, A & B".to_string())
            );
        }
        assert_eq!(
            m.try_render_template("no braces", &args),
            Ok("no braces".to_string())
        );
        assert!(m.try_render_template("{{#if}", &args).is_err(), "broken");
        assert!(
            m.try_render_template("{{missing}}", &args).is_err(),
            "strict"
        );
    }

    #[test]
    fn plural_gives_the_form_the_count_takes() {
        let m = Messages::embedded();
        for (count, text) in [
            (serde_json::json!(1), "1 plats"),
            (serde_json::json!(2), "2 platser"),
            (serde_json::json!("1"), "1 plats"),
            (serde_json::json!("1,0"), "1,0 plats"),
            (serde_json::json!("1\u{a0}500"), "1\u{a0}500 platser"),
            (serde_json::json!("1,000"), "1,000 platser"),
            (serde_json::json!("[fyll i]"), "[fyll i] platser"),
            (
                serde_json::json!("det antal {} som tabellen anger"),
                "det antal platser som tabellen anger",
            ),
            // A rate takes the form of its leading figure.
            (
                serde_json::json!("1 {} per 5 000 000 kr"),
                "1 plats per 5 000 000 kr",
            ),
            (
                serde_json::json!("2 {} per 5 000 000 kr"),
                "2 platser per 5 000 000 kr",
            ),
        ] {
            let args = serde_json::json!({ "n": count });
            assert_eq!(
                m.try_render_template("{{plural n \"plats\" \"platser\"}}", &args),
                Ok(text.to_string())
            );
        }
    }

    /// No message puts a count before a noun without the noun's singular: each goes through
    /// `plural`. (A count before a status label, "3 pass", or before "of", is not a noun.)
    #[test]
    fn counts_before_nouns_take_their_forms() {
        let counts = [
            "absent", "count", "days", "declined", "fail", "findings", "given", "max", "min",
            "months", "multiple", "n", "pass", "present", "ratio", "total", "unknown", "warn",
            "weeks", "years",
        ];
        let labels = [
            "bra", "pass", "att", "warn", "to", "hinder", "fail", "unknown", "finns", "present",
            "avböjs", "declined", "saknas", "absent", "av", "of", "and", "och",
        ];
        let pattern = regex::Regex::new(r"\{\{(\w+)\}\}\s+(\p{L}+)").unwrap();
        let files = [
            include_str!("../data/messages.yaml"),
            include_str!("../data/checklist.yaml"),
            include_str!("../templates/annex/strings.yaml"),
            include_str!("../templates/checklist/strings.yaml"),
        ];
        let mut bad = Vec::new();
        for text in files {
            for c in pattern.captures_iter(text) {
                if counts.contains(&&c[1]) && !labels.contains(&&c[2]) {
                    bad.push(c[0].to_string());
                }
            }
        }
        assert!(
            bad.is_empty(),
            "write {{{{plural n \"one\" \"many\"}}}}: {bad:?}"
        );
    }

    /// Swedish adjectives agree in number: "1 okänd", "2 okända".
    #[test]
    fn summaries_agree_in_number() {
        let m = Messages::embedded();
        for (unknown, word) in [(1, "1 okänd "), (2, "2 okända ")] {
            let args = serde_json::json!({ "pass": 3, "warn": 0, "fail": 1, "unknown": unknown, "total": 5 });
            let checklist = m.render("checklist.summary", Language::Sv, &args);
            assert!(checklist.contains(word), "{checklist}");
            let report = m.render("report.check.summary", Language::Sv, &args);
            assert!(report.contains(word.trim_end()), "{report}");
        }
    }

    #[test]
    fn formats_numbers_per_language() {
        assert_eq!(number(12_000_000.0, Language::Sv), "12\u{a0}000\u{a0}000");
        assert_eq!(number(12_000_000.0, Language::En), "12,000,000");
        assert_eq!(number(1_000.5, Language::Sv), "1\u{a0}000,50");
        assert_eq!(decimal(10.8126, Language::Sv), "10,8126");
        assert_eq!(decimal(1.2, Language::En), "1.2");
        let m = Money {
            amount: 4_000_000.0,
            currency: Currency::GBP,
            vat: Vat::Included,
        };
        assert_eq!(money(&m, Language::En), "4,000,000\u{a0}GBP incl. VAT");
        assert_eq!(
            money(&m, Language::Sv),
            "4\u{a0}000\u{a0}000\u{a0}GBP inkl. moms"
        );
    }
}
