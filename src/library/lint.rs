//! `clauses lint`: every check a clause must pass before a buyer can rely on it.
//!
//! Schema and unique ids come from loading; this adds what serde cannot see: both languages
//! written, ids well formed, templates that compile and use only known variables, patterns
//! that compile, examples that the text matcher classifies as declared, and citations and
//! sources present. Each problem points at the line of the field it is about.

use std::collections::BTreeSet;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Path as HbPath, TemplateErrorReason};

use super::clause::{
    ANNEX_WITH, CLAUSE_SCHEMA, CONTEXT_VARIABLES, Clause, Counter, DUTY, Forms, Instrument, Notes,
};
use super::{Entry, Library};
use crate::assess::duties::DUTY_IDS;
use crate::error::Diagnostic;
use crate::input::Jurisdiction;
use crate::input::yaml::{self, Step};
use crate::text::{Detector, HitKind, Presence, SourceText, boundary_beside_non_ascii};

/// Every problem in the library, file by file.
pub fn lint(library: &Library) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = library.entries().iter().flat_map(lint_entry).collect();
    found.extend(
        library
            .entries()
            .iter()
            .flat_map(|e| unknown_clauses(library, e)),
    );
    found
}

/// `{{#if annex.with.ID}}` in a text must name a clause of the library, or it is never true.
fn unknown_clauses(library: &Library, entry: &Entry) -> Vec<Diagnostic> {
    let c = &entry.clause;
    let texts = [
        &c.text.sv,
        &c.text.en,
        &c.verification.sv,
        &c.verification.en,
    ];
    let named: BTreeSet<String> = texts
        .iter()
        .filter_map(|t| template_variables(t).ok())
        .flatten()
        .filter_map(|v| v.strip_prefix(ANNEX_WITH).map(|id| id.replace('_', "-")))
        .collect();
    named
        .into_iter()
        .filter(|id| library.get(id).is_none())
        .map(|id| {
            Diagnostic::new(
                &entry.source.name,
                format!(
                    "clause `{}`: the text asks whether the annex carries `{id}`, which is not a clause of the library",
                    c.id
                ),
            )
        })
        .collect()
}

/// Every problem in one clause.
pub fn lint_entry(entry: &Entry) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    check_clause(&entry.clause, &mut found);
    found
        .into_iter()
        .map(|(path, message)| {
            let d = Diagnostic::new(
                &entry.source.name,
                format!("clause `{}`: {message}", entry.clause.id),
            );
            match yaml::locate(&entry.source, 0, &path) {
                Some((line, column)) => d.at(line, column),
                None => d,
            }
        })
        .collect()
}

type Found = Vec<(Vec<Step>, String)>;

/// How many `present` and `absent` examples a complete clause carries.
const MIN_EXAMPLES: usize = 2;

fn check_clause(c: &Clause, found: &mut Found) {
    use Step::{Index, Key};
    let mut push = |path: Vec<Step>, message: String| found.push((path, message));

    if let Some(schema) = &c.schema
        && schema != CLAUSE_SCHEMA
    {
        push(
            vec![Key("schema")],
            format!("unknown schema `{schema}`; write `{CLAUSE_SCHEMA}`"),
        );
    }
    if !is_kebab(&c.id) {
        push(
            vec![Key("id")],
            format!(
                "the id `{}` must be lower-case letters and digits joined by `-`",
                c.id
            ),
        );
    }
    for (field, text) in [
        ("title", &c.title),
        ("text", &c.text),
        ("rationale", &c.rationale),
        ("verification", &c.verification),
    ] {
        for (lang, t) in [("sv", &text.sv), ("en", &text.en)] {
            if t.trim().is_empty() {
                push(
                    vec![Key(field), Key(lang)],
                    format!("`{field}.{lang}` is empty"),
                );
            }
        }
    }
    if c.jurisdictions.is_empty() {
        push(
            vec![Key("jurisdictions")],
            "no jurisdiction is given".into(),
        );
    }
    if c.legal_basis.is_empty() {
        push(vec![Key("legal_basis")], "no legal basis is cited".into());
    }
    // A Swedish buyer reads the notes in a Swedish checklist.
    let swedish = c
        .jurisdictions
        .iter()
        .any(|j| matches!(j, Jurisdiction::Se | Jurisdiction::Eu));
    if swedish && matches!(c.notes, Some(Notes::English(_))) {
        push(
            vec![Key("notes")],
            "the clause is usable in Sweden, so its notes need a Swedish version: write them as `{ sv: …, en: … }`".into(),
        );
    }
    for (i, basis) in c.legal_basis.iter().enumerate() {
        if basis.cite.trim().is_empty() {
            push(
                vec![Key("legal_basis"), Index(i), Key("cite")],
                "the citation is empty".into(),
            );
        }
    }
    if c.sources.iter().all(|s| s.trim().is_empty()) {
        push(vec![Key("sources")], "no source is given".into());
    }
    if c.kpis.is_empty() {
        push(
            vec![Key("kpis")],
            "no KPI is given; give at least one, with its unit".into(),
        );
    }
    // The annex's reporting schedule says when each indicator the supplier reports is due.
    if c.instrument != Instrument::Process
        && c.reporting.is_none()
        && c.kpis
            .iter()
            .any(|k| k.by == Counter::Supplier && k.reporting.is_none())
    {
        push(
            vec![Key("kpis")],
            "the supplier's KPIs have no reporting frequency; give `reporting:` (quarterly, half-yearly, yearly, with-tender, at-end, on-request) as the verification text says".into(),
        );
    }
    // A target always comes with its noun, in the form the count takes ("1 plats", "2
    // platser"), and so a divided contract can say "the number of places the table gives
    // for the lot" instead.
    for (lang, text) in [("sv", &c.text.sv), ("en", &c.text.en)] {
        for name in c.params.keys() {
            if text.contains(&format!("{{{{{name}}}}}")) {
                push(
                    vec![Key("text"), Key(lang)],
                    format!(
                        "the `{lang}` text gives `{{{{{name}}}}}` without its noun; write `{{{{plural {name} \"one\" \"many\"}}}}`"
                    ),
                );
            }
        }
    }
    for (name, param) in &c.params {
        let Some(unit) = &param.unit else { continue };
        for (lang, forms) in [("sv", &unit.sv), ("en", &unit.en)] {
            if let Forms::Same(word) = forms {
                push(
                    vec![
                        Key("params"),
                        Step::Name(name.clone()),
                        Key("unit"),
                        Key(lang),
                    ],
                    format!(
                        "the unit `{word}` has one form; give `[singular, plural]`, as `[plats, platser]`"
                    ),
                );
            }
        }
    }
    let weighs = |t: &str| t.contains("award.weight");
    if (weighs(&c.text.sv) || weighs(&c.text.en)) && c.instrument != Instrument::AwardCriterion {
        push(
            vec![Key("text")],
            "`{{award.weight}}` is the weight of an award criterion; this clause is not one".into(),
        );
    }
    for (i, kpi) in c.kpis.iter().enumerate() {
        for (field, t) in [
            ("id", &kpi.id),
            ("sv", &kpi.sv),
            ("en", &kpi.en),
            ("unit", &kpi.unit),
        ] {
            if t.trim().is_empty() {
                push(
                    vec![Key("kpis"), Index(i), Key(field)],
                    format!("the KPI's `{field}` is empty"),
                );
            }
        }
    }
    let keywords = &c.signals.keywords;
    if keywords.sv.is_empty() != keywords.en.is_empty() {
        push(
            vec![Key("signals"), Key("keywords")],
            "keywords are given in one language only; give them in both `sv` and `en`".into(),
        );
    }
    for (field, prefixes) in [
        ("signals", Some(&c.signals.cpv)),
        ("applies", c.applies.cpv.as_ref()),
    ] {
        for (i, prefix) in prefixes.into_iter().flatten().enumerate() {
            if !(2..=8).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                push(
                    vec![Key(field), Key("cpv"), Index(i)],
                    format!(
                        "`{prefix}` is not a CPV prefix: write 2 to 8 digits, such as \"45\" or \"7731\""
                    ),
                );
            }
        }
    }
    // A target scaled to the contract value needs a floor and a ceiling, with the reasoning in
    // the notes: value alone overstates what a large contract can absorb.
    for (name, param) in &c.params {
        if param.per.is_some() && (param.min.is_none() || param.max.is_none()) {
            push(
                vec![Key("params"), Step::Name(name.clone())],
                format!(
                    "the scaled target `{name}` needs both `min` and `max`, with the reasoning for them in `notes`"
                ),
            );
        }
    }
    for (name, param) in &c.params {
        if !is_identifier(name) {
            push(
                vec![Key("params")],
                format!("the parameter name `{name}` must be letters, digits and `_`"),
            );
        }
        let scaled = match (param.per, param.each, param.fixed) {
            (Some(per), Some(each), None) => per.is_positive() && each.is_finite() && each > 0.0,
            (None, None, Some(fixed)) => {
                fixed.is_finite()
                    && fixed >= 0.0
                    && param.min.is_none_or(|lo| lo <= fixed)
                    && param.max.is_none_or(|hi| fixed <= hi)
            }
            _ => false,
        };
        let labour_ok = param
            .labour
            .is_none_or(|l| param.per.is_some() && l > 0.0 && l <= 100.0);
        let valid = scaled
            && labour_ok
            && param.min.is_none_or(f64::is_finite)
            && param.max.is_none_or(f64::is_finite)
            && param.min.zip(param.max).is_none_or(|(lo, hi)| lo <= hi);
        if !valid {
            push(
                vec![Key("params")],
                format!(
                    "parameter `{name}`: give either `per` and `each` above zero (a scaled target) or `fixed` (an amount) within `min` and `max`, and `min` no more than `max`; `labour` (a percentage above 0, at most 100) only with `per`"
                ),
            );
        }
    }
    check_templates(c, &mut push);
    check_detection(c, &mut push);
    check_citations(c, &mut push);
}

/// Citations each jurisdiction's law refuses, as `(pattern, what to write instead)`.
struct CitationRule {
    /// Whose citations and texts the rule reads.
    jurisdictions: &'static [Jurisdiction],
    applies: fn(&Clause) -> bool,
    pattern: &'static str,
    message: &'static str,
}

const CITATION_RULES: &[CitationRule] = &[
    CitationRule {
        jurisdictions: &[Jurisdiction::Scotland],
        applies: |_| true,
        pattern: r"(?i)\b(s\.|section)\s?24\s?\(\d",
        message: "section 24 of the Procurement Reform (Scotland) Act 2014 has no subsections: cite s.24(a)(i) (training and recruitment), s.24(a)(ii) (sub-contracting opportunities) or s.24(b) (other wellbeing)",
    },
    CitationRule {
        jurisdictions: &[
            Jurisdiction::England,
            Jurisdiction::Wales,
            Jurisdiction::NorthernIreland,
        ],
        applies: |_| true,
        pattern: r"(?i)2014/24|\bdirective\b|\bdirektiv",
        message: "English, Welsh and Northern Irish procurement is under the Procurement Act 2023, not Directive 2014/24/EU: cite the Act's section",
    },
    CitationRule {
        jurisdictions: &[Jurisdiction::Se],
        applies: |c| c.instrument == Instrument::AwardCriterion,
        pattern: r"17 kap\.",
        message: "award criteria are LOU 16 kap. (1 and 3 §§); 17 kap. is about conditions for performing the contract",
    },
    CitationRule {
        jurisdictions: &[Jurisdiction::Se],
        applies: |_| true,
        pattern: r"\bch\. ?\d+,? ss?\. ?\d",
        message: "a Swedish citation is written the Swedish way: `LOU (2016:1145) 4 kap. 18 §`, not `ch. 4 s. 18`",
    },
];

/// Citations the jurisdiction's law refuses, in the legal basis and in what its buyers read.
fn check_citations(c: &Clause, push: &mut impl FnMut(Vec<Step>, String)) {
    use Step::{Index, Key};
    for rule in CITATION_RULES.iter().filter(|r| (r.applies)(c)) {
        let pattern = regex::Regex::new(rule.pattern).expect("the citation rules compile");
        for (i, basis) in c.legal_basis.iter().enumerate() {
            if rule.jurisdictions.contains(&basis.jurisdiction) && pattern.is_match(&basis.cite) {
                push(
                    vec![Key("legal_basis"), Index(i), Key("cite")],
                    format!("`{}`: {}", basis.cite, rule.message),
                );
            }
        }
        // Texts are read only in a clause written for those jurisdictions alone.
        if !c
            .jurisdictions
            .iter()
            .all(|j| rule.jurisdictions.contains(j))
        {
            continue;
        }
        let texts = [
            ("text", &c.text),
            ("rationale", &c.rationale),
            ("verification", &c.verification),
        ];
        for (field, text) in texts {
            // Swedish law is cited in Swedish in the Swedish text; the English one may say "ch.".
            let langs: &[(&str, &str)] = if rule.jurisdictions == [Jurisdiction::Se] {
                &[("sv", text.sv.as_str())]
            } else {
                &[("sv", text.sv.as_str()), ("en", text.en.as_str())]
            };
            for (lang, t) in langs {
                if let Some(m) = pattern.find(t) {
                    push(
                        vec![Key(field), Key(lang)],
                        format!("`{}`: {}", m.as_str(), rule.message),
                    );
                }
            }
        }
    }
}

fn check_templates(c: &Clause, push: &mut impl FnMut(Vec<Step>, String)) {
    use Step::Key;
    let mut used_by_language = Vec::new();
    // The verification text is rendered like the requirement, so it may use the same values
    // (`{{#if procurement.subcontracting}}`).
    let fields = [
        ("text", &c.text.sv, "sv"),
        ("text", &c.text.en, "en"),
        ("verification", &c.verification.sv, "sv"),
        ("verification", &c.verification.en, "en"),
    ];
    for (field, text, lang) in fields {
        let path = || vec![Key(field), Key(lang)];
        match template_variables(text) {
            Err(e) => push(
                path(),
                format!("the `{lang}` {field} is not a valid template: {e}"),
            ),
            Ok(used) => {
                for var in &used {
                    let known = c.params.contains_key(var.as_str())
                        || CONTEXT_VARIABLES.contains(&var.as_str())
                        || var.strip_prefix(ANNEX_WITH).is_some_and(is_identifier)
                        || var.strip_prefix(DUTY).is_some_and(is_duty);
                    if !known {
                        let mut names: Vec<&str> = c.params.keys().map(String::as_str).collect();
                        names.extend(CONTEXT_VARIABLES);
                        let hint = crate::error::did_you_mean(var, names.iter().copied())
                            .map(|m| format!("; did you mean `{m}`?"))
                            .unwrap_or_else(|| "; declare it under `params`".to_string());
                        push(
                            path(),
                            format!("the `{lang}` {field} uses the unknown variable `{var}`{hint}"),
                        );
                    }
                }
                if let Err(e) = render_sample(c, text) {
                    push(path(), format!("the `{lang}` {field} does not render: {e}"));
                }
                if field == "text" {
                    used_by_language.push((lang, used));
                }
            }
        }
    }
    if let [(_, sv), (_, en)] = used_by_language.as_slice() {
        for name in c.params.keys() {
            if sv.contains(name) != en.contains(name) {
                let missing = if sv.contains(name) { "en" } else { "sv" };
                push(
                    vec![Key("text"), Key(missing)],
                    format!(
                        "the parameter `{name}` is used in one language but not in `{missing}`"
                    ),
                );
            }
        }
    }
}

fn check_detection(c: &Clause, push: &mut impl FnMut(Vec<Step>, String)) {
    use Step::{Index, Key};
    if c.detect.present.is_empty() {
        push(
            vec![Key("detect"), Key("present")],
            "no `present` pattern is given".into(),
        );
    }
    for (list, patterns) in [
        ("present", &c.detect.present),
        ("declined", &c.detect.declined),
    ] {
        for (i, p) in patterns.iter().enumerate() {
            if boundary_beside_non_ascii(p) {
                push(
                    vec![Key("detect"), Key(list), Index(i)],
                    format!(
                        "`detect.{list}[{i}]` puts `\\b` beside a letter outside ASCII, where it never matches (the matcher's `\\b` is an ASCII word boundary); drop the `\\b` there"
                    ),
                );
            }
        }
    }
    let detector = match Detector::new(&c.detect.present, &c.detect.declined) {
        Ok(d) => d,
        Err(errors) => {
            for e in errors {
                let list = if e.kind == HitKind::Present {
                    "present"
                } else {
                    "declined"
                };
                push(
                    vec![Key("detect"), Key(list), Index(e.index)],
                    format!(
                        "`detect.{list}[{}]` is not a valid pattern: {}",
                        e.index,
                        first_line(&e.message)
                    ),
                );
            }
            return;
        }
    };
    let lists = [
        ("present", &c.examples.present, Presence::Present),
        ("declined", &c.examples.declined, Presence::Declined),
        ("absent", &c.examples.absent, Presence::Absent),
    ];
    for (list, examples, expected) in lists {
        for (i, example) in examples.iter().enumerate() {
            let got = detector
                .classify(&SourceText::new(example.as_str()))
                .presence;
            if got != expected {
                push(
                    vec![Key("examples"), Key(list), Index(i)],
                    format!(
                        "the {list} example {} is classified as {got}, not {expected}",
                        i + 1
                    ),
                );
            }
        }
    }
    for (list, examples) in [
        ("present", &c.examples.present),
        ("absent", &c.examples.absent),
    ] {
        if examples.len() < MIN_EXAMPLES {
            push(
                vec![Key("examples")],
                format!(
                    "give at least {MIN_EXAMPLES} `{list}` examples ({} given)",
                    examples.len()
                ),
            );
        }
    }
    if !c.detect.declined.is_empty() && c.examples.declined.is_empty() {
        push(
            vec![Key("examples")],
            "`declined` patterns are given but no `declined` example tests them".into(),
        );
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A duty id with `_` for `-`, as `duty.ID` names it in a clause text.
fn is_duty(name: &str) -> bool {
    DUTY_IDS.contains(&name.replace('_', "-").as_str())
}

fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Renders a clause text in strict mode against a context holding every known variable, so
/// that unknown helpers and misused blocks fail here rather than in a buyer's annex.
fn render_sample(c: &Clause, text: &str) -> Result<String, String> {
    let mut context = serde_json::Map::new();
    let asked = template_variables(text).unwrap_or_default();
    for name in CONTEXT_VARIABLES
        .iter()
        .copied()
        .chain(c.params.keys().map(String::as_str))
        .chain(
            asked
                .iter()
                .map(String::as_str)
                .filter(|v| v.starts_with(ANNEX_WITH) || v.starts_with(DUTY)),
        )
    {
        let mut slot = &mut context;
        let mut parts = name.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                slot.insert(part.to_string(), serde_json::Value::from(1));
            } else {
                slot = slot
                    .entry(part)
                    .or_insert_with(|| serde_json::Value::Object(Default::default()))
                    .as_object_mut()
                    .expect("variable paths do not clash");
            }
        }
    }
    crate::messages::registry()
        .render_template(text, &serde_json::Value::Object(context))
        .map_err(|e| first_line(&e.reason().to_string()))
}

/// The variables a handlebars template reads, as dotted paths (`procurement.title`).
/// Partials and decorators are refused: clause text is plain text with values in it.
pub fn template_variables(template: &str) -> Result<BTreeSet<String>, String> {
    let compiled = Template::compile(template).map_err(|e| {
        let place = e
            .pos()
            .map(|(line, column)| format!(" at line {line}, column {column} of the text"))
            .unwrap_or_default();
        match e.reason() {
            TemplateErrorReason::InvalidSyntax(_) => format!(
                "a `{{{{…}}}}` expression is incomplete{place}; check that every `{{{{#if …}}}}` has its `{{{{/if}}}}`"
            ),
            reason => format!("{reason}{place}"),
        }
    })?;
    let mut out = BTreeSet::new();
    walk(&compiled, &mut out)?;
    Ok(out)
}

fn walk(template: &Template, out: &mut BTreeSet<String>) -> Result<(), String> {
    for element in &template.elements {
        match element {
            TemplateElement::RawString(_) | TemplateElement::Comment(_) => {}
            TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                if h.params.is_empty() && h.hash.is_empty() {
                    variable(&h.name, out);
                } else {
                    h.params.iter().for_each(|p| variable(p, out));
                }
            }
            TemplateElement::HelperBlock(h) => {
                h.params.iter().for_each(|p| variable(p, out));
                for inner in h.template.iter().chain(h.inverse.iter()) {
                    walk(inner, out)?;
                }
            }
            _ => return Err("partials and decorators are not allowed in clause text".into()),
        }
    }
    Ok(())
}

fn variable(parameter: &Parameter, out: &mut BTreeSet<String>) {
    let raw = match parameter {
        Parameter::Name(name) => name.as_str(),
        Parameter::Path(HbPath::Relative((_, raw))) => raw.as_str(),
        _ => return,
    };
    if !raw.starts_with('@') && !raw.starts_with("this") && !raw.starts_with("../") {
        out.insert(raw.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_in_expressions_and_blocks() {
        let vars = template_variables(
            "Minst {{months}} månader för {{procurement.title}}{{#if lot.title}} ({{lot.title}}){{/if}}.",
        )
        .unwrap();
        assert_eq!(
            vars.into_iter().collect::<Vec<_>>(),
            ["lot.title", "months", "procurement.title"]
        );
    }

    #[test]
    fn refuses_broken_templates_and_partials() {
        assert!(template_variables("{{#if x}}open").is_err());
        assert!(template_variables("{{> other}}").is_err());
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_kebab("se-employment-requirement"));
        assert!(is_kebab("scot-fair-work-1"));
        assert!(!is_kebab("Se-Employment"));
        assert!(!is_kebab("se--x"));
        assert!(!is_kebab("se_x"));
    }
}
