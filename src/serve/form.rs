//! The web page's form: what the officer typed, field by field. It is read from a request and
//! written as a procurement YAML text — the very file the page lets them save — which the
//! loader then reads as it reads any file, so the page's errors are the command line's. Each
//! line of that text remembers the field it came from, so an error is shown beside its field.

use std::collections::{BTreeMap, BTreeSet};

use crate::assess::Assessment;
use crate::input::validate::trim;
use crate::input::{ClauseChoice, Language, Procurement};

/// The single-valued fields, by their names in the page (and in the request).
pub const FIELDS: [&str; 32] = [
    "id",
    "title",
    "jurisdiction",
    "language",
    "date",
    "authority_name",
    "authority_kind",
    "authority_region",
    "authority_school",
    "type",
    "cpv",
    "amount",
    "currency",
    "vat",
    "labour_share",
    "framework",
    "duration_months",
    "procedure",
    "tender_period_days",
    "divided",
    "description",
    "min_turnover",
    "min_years_trading",
    "award_price",
    "award_quality",
    "award_social",
    "market_engagement",
    "reserved",
    "subcontracting_allowed",
    "payment_days",
    "annex_label",
    "annex_reference",
];

/// One lot's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LotRow {
    pub id: String,
    pub title: String,
    pub amount: String,
    pub cpv: String,
    pub duration_months: String,
    pub reserved: String,
    pub description: String,
}

/// One insurance cover's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InsuranceRow {
    pub kind: String,
    pub cover: String,
}

/// The buyer's ticks and targets on the assessment: which clauses were shown, which of them
/// are ticked for the annex, and the targets as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ticks {
    pub shown: Vec<String>,
    pub ticked: BTreeSet<String>,
    /// Clause id, then parameter name: the value as typed.
    pub params: BTreeMap<(String, String), String>,
}

/// The whole form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    values: BTreeMap<&'static str, String>,
    pub lots: Vec<LotRow>,
    pub insurance: Vec<InsuranceRow>,
    pub priorities: Vec<String>,
    pub ticks: Ticks,
    /// What the procurement says that the form has no field for (published award criteria,
    /// suitability): one line of YAML each (`key: JSON`), passed through unchanged.
    pub carried: Vec<String>,
    /// The button pressed: `assess`, `add-lot`, `remove-lot-2`, `find-cpv`, `add-cpv-77313000`…
    pub action: String,
    /// The words typed into the CPV search.
    pub cpv_query: String,
    /// Whether the page the form came from showed an assessment (and so the ticks).
    pub assessed: bool,
}

/// The procurement YAML a form writes, with the field each line came from.
#[derive(Debug, Clone)]
pub struct Written {
    pub text: String,
    fields: Vec<String>,
    /// Required keys left out because their field is empty, with the field: the loader's
    /// "the required key … is missing" belongs beside it.
    omitted: Vec<(String, String)>,
}

impl Written {
    /// The field of line `line` (1-based), or of the nearest line above it that has one.
    pub fn field_at(&self, line: u32) -> Option<&str> {
        let upto = (line as usize).min(self.fields.len());
        self.fields[..upto]
            .iter()
            .rev()
            .find(|f| !f.is_empty())
            .map(String::as_str)
    }

    /// The field whose emptiness left out the required key `key`, where one did: of several,
    /// the one at `line` (a lot's title), else the first.
    pub fn omitted_field(&self, key: &str, line: Option<u32>) -> Option<&str> {
        let candidates: Vec<&str> = self
            .omitted
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, f)| f.as_str())
            .collect();
        let at_line = line.and_then(|l| self.field_at(l));
        candidates
            .iter()
            .find(|f| Some(**f) == at_line)
            .or(candidates.first())
            .copied()
    }

    /// The keys left out as empty.
    pub fn omitted_keys(&self) -> impl Iterator<Item = &str> {
        self.omitted.iter().map(|(k, _)| k.as_str())
    }

    /// The keys left out as empty, each with its field.
    pub fn omitted(&self) -> impl Iterator<Item = (&str, &str)> {
        self.omitted.iter().map(|(k, f)| (k.as_str(), f.as_str()))
    }
}

impl Form {
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        if let Some(known) = FIELDS.iter().find(|f| **f == name) {
            self.values.insert(known, value.into());
        }
    }

    /// The form as a request sends it: name and value pairs, names repeated for lists.
    pub fn from_pairs(pairs: &[(String, String)]) -> Form {
        let mut form = Form::default();
        let mut lots: BTreeMap<usize, LotRow> = BTreeMap::new();
        let mut covers: BTreeMap<usize, InsuranceRow> = BTreeMap::new();
        for (name, value) in pairs {
            let value = value.replace("\r\n", "\n");
            match name.as_str() {
                "priority" => {
                    if !form.priorities.contains(&value) {
                        form.priorities.push(value);
                    }
                }
                "shown" => form.ticks.shown.push(value),
                "tick" => {
                    form.ticks.ticked.insert(value);
                }
                "carried" => form.carried.push(value),
                "action" => form.action = value,
                "cpv_query" => form.cpv_query = value,
                "choices" => form.assessed = value == "1",
                _ => {
                    if let Some((i, field)) = row(name, "lot-") {
                        let lot = lots.entry(i).or_default();
                        match field {
                            "id" => lot.id = value,
                            "title" => lot.title = value,
                            "amount" => lot.amount = value,
                            "cpv" => lot.cpv = value,
                            "duration_months" => lot.duration_months = value,
                            "reserved" => lot.reserved = value,
                            "description" => lot.description = value,
                            _ => {}
                        }
                    } else if let Some((i, field)) = row(name, "ins-") {
                        let cover = covers.entry(i).or_default();
                        match field {
                            "kind" => cover.kind = value,
                            "cover" => cover.cover = value,
                            _ => {}
                        }
                    } else if let Some(rest) = name.strip_prefix("param/")
                        && let Some((clause, param)) = rest.split_once('/')
                    {
                        form.ticks
                            .params
                            .insert((clause.to_string(), param.to_string()), value);
                    } else {
                        form.set(name, value);
                    }
                }
            }
        }
        form.lots = lots.into_values().collect();
        form.insurance = covers.into_values().collect();
        form
    }

    /// The form filled from a procurement (an uploaded file or notice), its clause choice as
    /// ticks.
    pub fn from_procurement(p: &Procurement) -> Form {
        let mut form = Form::default();
        let text = |t: &Option<crate::input::yaml::Text>| t.as_deref().unwrap_or("").to_string();
        let number = |n: Option<f64>| n.map(trim).unwrap_or_default();
        let whole = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let yes_no = |b: Option<bool>| match b {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        form.set("id", text(&p.id));
        form.set("title", p.title.to_string());
        form.set("jurisdiction", p.jurisdiction.code());
        form.set("language", p.language.map_or("", Language::code));
        form.set("date", p.date.map(|d| d.to_string()).unwrap_or_default());
        if let Some(a) = &p.authority {
            form.set("authority_name", a.name.to_string());
            form.set(
                "authority_kind",
                a.kind.map(|k| name_of(&k)).unwrap_or_default(),
            );
            form.set("authority_region", text(&a.region));
            form.set("authority_school", if a.school { "yes" } else { "" });
        }
        form.set("type", p.kind.map(|k| name_of(&k)).unwrap_or_default());
        form.set("cpv", codes(p.cpv.as_deref()));
        if let Some(v) = &p.value {
            form.set("amount", trim(v.amount));
            form.set("currency", v.currency.code());
            form.set("vat", name_of(&v.vat));
        }
        form.set("labour_share", number(p.labour_share));
        form.set("framework", yes_no(p.framework));
        form.set("duration_months", whole(p.duration_months));
        form.set(
            "procedure",
            p.procedure.map(|x| name_of(&x)).unwrap_or_default(),
        );
        form.set("tender_period_days", whole(p.tender_period_days));
        form.set("description", text(&p.description));
        match &p.lots {
            None => {}
            Some(lots) if lots.is_empty() => form.set("divided", "no"),
            Some(lots) => {
                form.set("divided", "yes");
                form.lots = lots
                    .iter()
                    .map(|l| LotRow {
                        id: text(&l.id),
                        title: l.title.to_string(),
                        amount: number(l.value.map(|v| v.amount)),
                        cpv: codes(l.cpv.as_deref()),
                        duration_months: whole(l.duration_months),
                        reserved: yes_no(l.reserved),
                        description: text(&l.description),
                    })
                    .collect();
            }
        }
        form.priorities = p.priorities.iter().flatten().map(name_of).collect();
        if let Some(q) = &p.qualification {
            form.set("min_turnover", number(q.min_turnover.map(|m| m.amount)));
            form.set("min_years_trading", whole(q.min_years_trading));
            form.insurance = q
                .insurance
                .iter()
                .flatten()
                .map(|i| InsuranceRow {
                    kind: name_of(&i.kind),
                    cover: trim(i.cover.amount),
                })
                .collect();
        }
        if let Some(a) = &p.award {
            form.set("award_price", trim(a.price));
            form.set("award_quality", trim(a.quality));
            form.set("award_social", trim(a.social));
        }
        if let Some(s) = &p.social {
            form.set("market_engagement", yes_no(s.market_engagement));
            form.set("reserved", yes_no(s.reserved));
            form.set("subcontracting_allowed", yes_no(s.subcontracting_allowed));
            form.set("payment_days", whole(s.payment_days));
        }
        if let Some(a) = &p.annex {
            form.set("annex_label", text(&a.label));
            form.set("annex_reference", text(&a.reference));
        }
        if let Some(c) = &p.clauses {
            form.ticks.shown = c
                .include
                .iter()
                .chain(&c.exclude)
                .map(|id| id.to_string())
                .collect();
            form.ticks.ticked = c.include.iter().map(|id| id.to_string()).collect();
            for (clause, params) in &c.params {
                for (name, value) in params {
                    form.ticks
                        .params
                        .insert((clause.to_string(), name.to_string()), trim(*value));
                }
            }
        }
        form.carried = carried(p);
        form
    }

    /// The ticks as the buyer's decisions against `base`, the assessment of the same
    /// procurement with no decisions: a clause ticked that `base` leaves out is included, one
    /// unticked that `base` puts in is excluded, and a target that differs from the computed
    /// one is set.
    pub fn choice(&self, base: &Assessment) -> ClauseChoice {
        let in_base = |id: &str| base.selection.iter().any(|s| s.clause == id);
        let mut choice = ClauseChoice::default();
        for id in &self.ticks.shown {
            let ticked = self.ticks.ticked.contains(id);
            if ticked && !in_base(id) {
                choice.include.push(id.as_str().into());
            } else if !ticked && in_base(id) {
                choice.exclude.push(id.as_str().into());
            }
        }
        for ((clause, param), typed) in &self.ticks.params {
            // A target of a clause the buyer has just unticked goes with it.
            if self.ticks.shown.contains(clause) && !self.ticks.ticked.contains(clause) {
                continue;
            }
            let computed = base
                .selection
                .iter()
                .find(|s| s.clause == *clause)
                .and_then(|s| s.params.get(param))
                .or_else(|| {
                    base.recommendations
                        .iter()
                        .find(|r| r.clause == *clause)
                        .and_then(|r| r.params.get(param))
                })
                .map(|p| p.value);
            let typed_number = read_number(typed);
            if typed.trim().is_empty() || (typed_number.is_some() && typed_number == computed) {
                continue;
            }
            // A value that is not a number is written as typed, for the loader to refuse.
            choice
                .params
                .entry(clause.as_str().into())
                .or_default()
                .insert(param.as_str().into(), typed_number.unwrap_or(f64::NAN));
        }
        choice
    }

    /// The procurement YAML this form describes, with `choice` as its `clauses:`.
    pub fn to_yaml(&self, choice: Option<&ClauseChoice>) -> Written {
        let mut w = Writer::default();
        let f = |name: &str| self.get(name);
        w.line(
            "",
            "# A procurement saved from the socialclause page: `socialclause annex` on this file makes the same annex.".to_string(),
        );
        w.line("", "schema: socialclause/procurement@1".to_string());
        w.text("id", "id", f("id"));
        w.required_text("title", "title", f("title"));
        w.required_word("jurisdiction", "jurisdiction", f("jurisdiction"));
        w.word("language", "language", f("language"));
        w.word("date", "date", f("date"));
        if [
            "authority_name",
            "authority_kind",
            "authority_region",
            "authority_school",
        ]
        .iter()
        .any(|n| !f(n).trim().is_empty())
        {
            w.line("authority_name", "authority:".to_string());
            w.indent(|w| {
                w.required_text("authority_name", "name", f("authority_name"));
                w.word("authority_kind", "kind", f("authority_kind"));
                w.text("authority_region", "region", f("authority_region"));
                if f("authority_school") == "yes" {
                    w.line("authority_school", "school: true".to_string());
                }
            });
        }
        w.required_word("type", "type", f("type"));
        w.list("cpv", "cpv", f("cpv"));
        if f("amount").trim().is_empty() && f("currency").trim().is_empty() {
            w.omit("value", "amount");
        } else {
            w.line("amount", "value:".to_string());
            w.indent(|w| {
                w.required_number("amount", "amount", f("amount"));
                w.required_word("currency", "currency", f("currency"));
                if f("vat") != "excluded" {
                    w.word("vat", "vat", f("vat"));
                }
            });
        }
        w.number("labour_share", "labour_share", f("labour_share"));
        w.yes_no("framework", "framework", f("framework"));
        w.number("duration_months", "duration_months", f("duration_months"));
        w.word("procedure", "procedure", f("procedure"));
        match f("divided") {
            "no" => w.line("divided", "lots: []".to_string()),
            "yes" => {
                w.line("divided", "lots:".to_string());
                for (i, lot) in self.lots.iter().enumerate() {
                    let field = |name: &str| format!("lot-{i}-{name}");
                    w.line(&field("title"), "  -".to_string());
                    w.indent(|w| {
                        w.indent(|w| {
                            w.text(&field("id"), "id", &lot.id);
                            w.required_text(&field("title"), "title", &lot.title);
                            if !lot.amount.trim().is_empty() {
                                w.line(&field("amount"), "value:".to_string());
                                w.indent(|w| {
                                    w.required_number(&field("amount"), "amount", &lot.amount);
                                    w.required_word("currency", "currency", f("currency"));
                                    if f("vat") != "excluded" {
                                        w.word("vat", "vat", f("vat"));
                                    }
                                });
                            }
                            w.list(&field("cpv"), "cpv", &lot.cpv);
                            w.number(
                                &field("duration_months"),
                                "duration_months",
                                &lot.duration_months,
                            );
                            w.yes_no(&field("reserved"), "reserved", &lot.reserved);
                            w.block(&field("description"), "description", &lot.description);
                        });
                    });
                }
            }
            _ => {}
        }
        w.block("description", "description", f("description"));
        if !self.priorities.is_empty() {
            w.line("priorities", "priorities:".to_string());
            for p in &self.priorities {
                w.line("priorities", format!("  - {}", word(p)));
            }
        }
        w.number(
            "tender_period_days",
            "tender_period_days",
            f("tender_period_days"),
        );
        let covers: Vec<&InsuranceRow> = self
            .insurance
            .iter()
            .filter(|c| !(c.kind.trim().is_empty() && c.cover.trim().is_empty()))
            .collect();
        if !f("min_turnover").trim().is_empty()
            || !f("min_years_trading").trim().is_empty()
            || !covers.is_empty()
        {
            w.line("min_turnover", "qualification:".to_string());
            w.indent(|w| {
                if !f("min_turnover").trim().is_empty() {
                    w.line("min_turnover", "min_turnover:".to_string());
                    w.indent(|w| {
                        w.required_number("min_turnover", "amount", f("min_turnover"));
                        w.required_word("currency", "currency", f("currency"));
                    });
                }
                w.number(
                    "min_years_trading",
                    "min_years_trading",
                    f("min_years_trading"),
                );
                if !covers.is_empty() {
                    w.line("ins-0-kind", "insurance:".to_string());
                    for (i, cover) in covers.iter().enumerate() {
                        let field = |name: &str| format!("ins-{i}-{name}");
                        w.line(&field("kind"), format!("  - kind: {}", word(&cover.kind)));
                        w.line(&field("cover"), "    cover:".to_string());
                        w.indent(|w| {
                            w.indent(|w| {
                                w.indent(|w| {
                                    w.required_number(&field("cover"), "amount", &cover.cover);
                                    w.required_word("currency", "currency", f("currency"));
                                });
                            });
                        });
                    }
                }
            });
        }
        let weights = ["award_price", "award_quality", "award_social"];
        if weights.iter().any(|n| !f(n).trim().is_empty()) {
            w.line("award_price", "award:".to_string());
            w.indent(|w| {
                for name in weights {
                    w.number(name, name.trim_start_matches("award_"), f(name));
                }
            });
        }
        let plans = [
            "market_engagement",
            "reserved",
            "subcontracting_allowed",
            "payment_days",
        ];
        if plans.iter().any(|n| !f(n).trim().is_empty()) {
            w.line("market_engagement", "social:".to_string());
            w.indent(|w| {
                for name in &plans[..3] {
                    w.yes_no(name, name, f(name));
                }
                w.number("payment_days", "payment_days", f("payment_days"));
            });
        }
        if !f("annex_label").trim().is_empty() || !f("annex_reference").trim().is_empty() {
            w.line("annex_label", "annex:".to_string());
            w.indent(|w| {
                w.text("annex_label", "label", f("annex_label"));
                w.text("annex_reference", "reference", f("annex_reference"));
            });
        }
        // One line each: a value that is not, is no field of this form's making.
        for line in self.carried.iter().filter(|l| !l.trim().is_empty()) {
            w.line("", line.replace(['\n', '\r'], " "));
        }
        if let Some(choice) = choice.filter(|c| !c.is_empty()) {
            w.line("clauses", "clauses:".to_string());
            for (key, ids) in [("include", &choice.include), ("exclude", &choice.exclude)] {
                if !ids.is_empty() {
                    w.line("clauses", format!("  {key}:"));
                    for id in ids {
                        w.line(&format!("tick/{id}"), format!("    - {}", quoted(id)));
                    }
                }
            }
            if !choice.params.is_empty() {
                w.line("clauses", "  params:".to_string());
                for (clause, params) in &choice.params {
                    w.line(
                        &format!("tick/{clause}"),
                        format!("    {}:", quoted(clause)),
                    );
                    for (name, value) in params {
                        let field = format!("param/{clause}/{name}");
                        let typed = self
                            .ticks
                            .params
                            .get(&(clause.to_string(), name.to_string()))
                            .map_or(String::new(), Clone::clone);
                        let value = if value.is_nan() {
                            quoted(&typed)
                        } else {
                            trim(*value)
                        };
                        w.line(&field, format!("      {}: {value}", quoted(name)));
                    }
                }
            }
        }
        Written {
            text: w.lines.join("\n") + "\n",
            fields: w.fields,
            omitted: w.omitted,
        }
    }
}

/// `lot-3-title` → (3, "title").
fn row<'a>(name: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let (index, field) = name.strip_prefix(prefix)?.split_once('-')?;
    Some((index.parse().ok()?, field))
}

fn name_of<T: serde::Serialize>(value: &T) -> String {
    crate::input::yaml::name_of(value)
}

fn codes(cpv: Option<&[crate::input::Cpv]>) -> String {
    cpv.unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields the form does not show, one line of YAML each (a JSON value is YAML), to pass
/// through.
fn carried(p: &Procurement) -> Vec<String> {
    fn line<T: serde::Serialize>(key: &str, value: &T) -> String {
        let json = serde_json::to_string(value).expect("a procurement's field serialises");
        format!("{key}: {json}")
    }
    let mut lines = Vec::new();
    if let Some(c) = &p.award_criteria {
        lines.push(line("award_criteria", c));
    }
    if let Some(s) = &p.suitability {
        lines.push(line("suitability", s));
    }
    lines
}

/// A number as people type it: spaces between thousands, a decimal comma or point, thousands
/// commas ("12 000 000", "1,5", "12,000,000"); `None` when it is not one.
pub fn read_number(text: &str) -> Option<f64> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '_'))
        .collect();
    if compact.is_empty() {
        return None;
    }
    let thousands = regex_lite_thousands(&compact);
    let normal = if compact.contains('.') && compact.contains(',') || thousands {
        compact.replace(',', "")
    } else {
        compact.replace(',', ".")
    };
    let digits = normal.trim_start_matches('-');
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    normal.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Whether commas group thousands ("12,000,000"), not mark decimals ("1,5").
fn regex_lite_thousands(text: &str) -> bool {
    let mut groups = text.trim_start_matches('-').split(',');
    let Some(first) = groups.next() else {
        return false;
    };
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Text as a YAML scalar that reads back as exactly that text.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// A choice's value (a select's option) as a bare word when it is one, else quoted, for the
/// loader to refuse with its own message.
fn word(text: &str) -> String {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        t.to_string()
    } else {
        quoted(t)
    }
}

/// Lines of YAML, each with its field.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    fields: Vec<String>,
    omitted: Vec<(String, String)>,
    depth: usize,
}

impl Writer {
    fn line(&mut self, field: &str, text: String) {
        self.lines
            .push(format!("{}{text}", "  ".repeat(self.depth)));
        self.fields.push(field.to_string());
    }

    fn indent(&mut self, inner: impl FnOnce(&mut Writer)) {
        self.depth += 1;
        inner(self);
        self.depth -= 1;
    }

    fn text(&mut self, field: &str, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.required_text(field, key, value);
        }
    }

    /// A required key whose field is empty: left out, for the loader to name.
    fn omit(&mut self, key: &str, field: &str) {
        self.omitted.push((key.to_string(), field.to_string()));
    }

    fn required_text(&mut self, field: &str, key: &str, value: &str) {
        if value.trim().is_empty() {
            return self.omit(key, field);
        }
        self.line(field, format!("{key}: {}", quoted(value.trim())));
    }

    /// Text of several lines as a literal block, kept exactly (its final line break too);
    /// text a block cannot keep exactly is quoted instead.
    fn block(&mut self, field: &str, key: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        let body = value.trim_end_matches('\n');
        let chomp = match value.len() - body.len() {
            0 => "|-",
            1 => "|",
            _ => "",
        };
        let exact = !chomp.is_empty()
            && body.contains('\n')
            && !body.starts_with([' ', '\t'])
            && !body
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
            && body.lines().all(|l| l.is_empty() || !l.trim().is_empty());
        if !exact {
            return self.line(field, format!("{key}: {}", quoted(value)));
        }
        self.line(field, format!("{key}: {chomp}"));
        for line in body.lines() {
            self.line(field, format!("  {line}"));
        }
    }

    fn word(&mut self, field: &str, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.required_word(field, key, value);
        }
    }

    fn required_word(&mut self, field: &str, key: &str, value: &str) {
        if value.trim().is_empty() {
            return self.omit(key, field);
        }
        self.line(field, format!("{key}: {}", word(value)));
    }

    fn number(&mut self, field: &str, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.required_number(field, key, value);
        }
    }

    fn required_number(&mut self, field: &str, key: &str, value: &str) {
        if value.trim().is_empty() {
            return self.omit(key, field);
        }
        let written = read_number(value).map_or_else(|| quoted(value.trim()), trim);
        self.line(field, format!("{key}: {written}"));
    }

    fn yes_no(&mut self, field: &str, key: &str, value: &str) {
        match value {
            "yes" => self.line(field, format!("{key}: true")),
            "no" => self.line(field, format!("{key}: false")),
            "" => {}
            other => self.line(field, format!("{key}: {}", quoted(other))),
        }
    }

    /// Codes separated by commas, spaces or lines, as a list of quoted strings.
    fn list(&mut self, field: &str, key: &str, value: &str) {
        let items: Vec<String> = value
            .split([',', ';', ' ', '\n', '\t'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| quoted(s.trim()))
            .collect();
        if !items.is_empty() {
            self.line(field, format!("{key}: [{}]", items.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Source, load_source};

    fn loaded(name: &str, text: &str) -> Procurement {
        load_source(&Source::from_text(name, text.to_string()))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"))
            .remove(0)
            .procurement
    }

    #[test]
    fn every_example_comes_back_from_the_form_as_it_was() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let name = path.display().to_string();
            let original = loaded(&name, &std::fs::read_to_string(&path).unwrap());
            let form = Form::from_procurement(&original);
            let written = form.to_yaml(original.clauses.as_ref());
            let again = loaded("form.yaml", &written.text);
            assert_eq!(again, original, "{name}:\n{}", written.text);
            count += 1;
        }
        assert!(count >= 8);
    }

    #[test]
    fn every_fixture_notice_comes_back_from_the_form_as_it_was_read() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ocds");
        let mut count = 0;
        for country in std::fs::read_dir(dir).unwrap() {
            let country = country.unwrap().path();
            if !country.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(country).unwrap() {
                let path = file.unwrap().path();
                let source = Source::from_text(
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                );
                let loaded = crate::input::load_text(source, false, &Default::default()).unwrap();
                for l in loaded {
                    let mut original = l.procurement;
                    original.schema = Some(crate::input::PROCUREMENT_SCHEMA.into());
                    original.notice = None;
                    original.read.clear();
                    let form = Form::from_procurement(&original);
                    let written = form.to_yaml(None);
                    let again = loaded_or_error(&written.text);
                    match again {
                        Ok(again) => {
                            assert_eq!(again, original, "{}:\n{}", path.display(), written.text)
                        }
                        // A notice may lack what a description must say (its type or value):
                        // the form then shows the loader's error beside the field.
                        Err(e) => assert!(
                            original.kind.is_none() || original.value.is_none(),
                            "{}: {e}\n{}",
                            path.display(),
                            written.text
                        ),
                    }
                    count += 1;
                }
            }
        }
        assert!(count >= 15, "{count}");
    }

    fn loaded_or_error(text: &str) -> Result<Procurement, String> {
        load_source(&Source::from_text("form.yaml", text.to_string()))
            .map(|mut l| l.remove(0).procurement)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_form_s_pairs_are_read_as_typed_and_each_line_knows_its_field() {
        let pairs: Vec<(String, String)> = [
            ("title", "Städning \"A\": skolor\r\noch förskolor"),
            ("jurisdiction", "se"),
            ("type", "services"),
            ("amount", "12 000 000"),
            ("currency", "SEK"),
            ("divided", "yes"),
            ("lot-1-title", "Södra"),
            ("lot-0-title", "Norra"),
            ("lot-0-amount", "1,5"),
            ("priority", "young-people"),
            ("priority", "long-term-unemployed"),
            ("priority", "young-people"),
            ("tick", "a"),
            ("shown", "a"),
            ("param/a/months", "12"),
            ("unknown", "ignored"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        let form = Form::from_pairs(&pairs);
        assert_eq!(form.lots[0].title, "Norra");
        assert_eq!(form.lots[1].title, "Södra");
        assert_eq!(form.priorities, ["young-people", "long-term-unemployed"]);
        let written = form.to_yaml(None);
        let p = loaded("form.yaml", &written.text);
        assert_eq!(&*p.title, "Städning \"A\": skolor\noch förskolor");
        assert_eq!(p.value.unwrap().amount, 12_000_000.0);
        assert_eq!(p.lots.as_ref().unwrap()[0].value.unwrap().amount, 1.5);
        let line =
            |text: &str| written.text.lines().position(|l| l.contains(text)).unwrap() as u32 + 1;
        assert_eq!(written.field_at(line("amount: 12000000")), Some("amount"));
        assert_eq!(
            written.field_at(line("title: \"Södra\"")),
            Some("lot-1-title")
        );
        assert_eq!(written.field_at(1), None);
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(read_number("12 000 000"), Some(12e6));
        assert_eq!(read_number("12,000,000"), Some(12e6));
        assert_eq!(read_number("1,5"), Some(1.5));
        assert_eq!(read_number("1.5"), Some(1.5));
        assert_eq!(read_number("1,234.5"), Some(1234.5));
        assert_eq!(read_number("\u{a0}30\u{a0}000 "), Some(30000.0));
        for not in ["", "tolv", "12 MSEK", "1e5", "inf", "NaN", "--1"] {
            assert_eq!(read_number(not), None, "{not}");
        }
    }
}
