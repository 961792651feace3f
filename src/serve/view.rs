//! The web page's HTML: the procurement form with each field's error beside it, the
//! assessment with the buyer's ticks and targets, the downloads, and the check page, in the
//! page's language (`templates/web/strings.yaml`), inside the shell of `templates/web/page.hbs`.
//! Every text from a request or a document is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use handlebars::Handlebars;
use serde::Deserialize;
use serde_json::json;

use super::form::{FIELDS, Form};
use crate::assess::{Applies, Assessment, Status};
use crate::input::Language;
use crate::input::validate::trim;
use crate::render::html::escape;

/// One wording in both languages.
#[derive(Debug, Deserialize)]
struct Pair {
    sv: String,
    en: String,
}

/// The page's wording, by key.
pub struct Strings(BTreeMap<String, Pair>);

impl Strings {
    pub fn embedded() -> &'static Strings {
        static STRINGS: OnceLock<Strings> = OnceLock::new();
        STRINGS.get_or_init(|| {
            Strings(
                serde_yaml::from_str(include_str!("../../templates/web/strings.yaml"))
                    .expect("templates/web/strings.yaml is a map of sv/en pairs (tested)"),
            )
        })
    }

    /// The wording of `key` in `lang`, with `{{name}}` filled from `args` by the messages'
    /// template engine. An unknown key is shown as itself (the test suite checks every key
    /// used exists).
    pub fn say(&self, key: &str, lang: Language, args: &[(&str, &str)]) -> String {
        let Some(pair) = self.0.get(key) else {
            return key.to_string();
        };
        let text = match lang {
            Language::Sv => &pair.sv,
            Language::En => &pair.en,
        };
        let args: serde_json::Map<String, serde_json::Value> = args
            .iter()
            .map(|(name, value)| (name.to_string(), serde_json::Value::from(*value)))
            .collect();
        crate::messages::Messages::embedded()
            .render_template(text, &serde_json::Value::Object(args))
    }

    /// Every wording: key, Swedish, English.
    #[cfg(test)]
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.0
            .iter()
            .map(|(k, p)| (k.as_str(), p.sv.as_str(), p.en.as_str()))
    }
}

/// An error to show: the field it belongs to (if any), and its text in the page's language.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: Option<String>,
    pub message: String,
}

/// The assessment as the page shows it.
pub struct Shown<'a> {
    /// In the page's language: duties, reasons, targets.
    pub assessment: &'a Assessment,
    /// The checklist, as an HTML fragment.
    pub checklist: String,
}

/// Everything on the annex page.
pub struct Page<'a> {
    pub ui: Language,
    pub form: &'a Form,
    pub errors: Vec<FieldError>,
    pub notice: Option<String>,
    /// The CPV search's query and what it found (code, name).
    pub cpv_found: Option<(String, Vec<(String, String)>)>,
    pub shown: Option<Shown<'a>>,
}

impl<'a> Page<'a> {
    /// A page of the form alone, with no assessment to show.
    pub fn form(ui: Language, form: &'a Form, errors: Vec<FieldError>) -> Page<'a> {
        Page {
            ui,
            form,
            errors,
            notice: None,
            cpv_found: None,
            shown: None,
        }
    }
}

fn shell() -> &'static Handlebars<'static> {
    static SHELL: OnceLock<Handlebars<'static>> = OnceLock::new();
    SHELL.get_or_init(|| {
        let mut h = Handlebars::new();
        h.set_strict_mode(true);
        h.register_template_string("page", include_str!("../../templates/web/page.hbs"))
            .expect("templates/web/page.hbs compiles (tested)");
        h
    })
}

/// A whole page: the shell around `body`, with the navigation in `ui`.
pub fn page(ui: Language, title: &str, here: &str, body: &str) -> String {
    let s = Strings::embedded();
    let other = match ui {
        Language::Sv => Language::En,
        Language::En => Language::Sv,
    };
    shell()
        .render(
            "page",
            &json!({
                "lang": ui.code(),
                "title": title,
                "name": s.say("app.name", ui, &[]),
                "skip": s.say("app.skip", ui, &[]),
                "annex": s.say("app.annex", ui, &[]),
                "check": s.say("app.check", ui, &[]),
                "annex_current": here == "/",
                "check_current": here == "/check",
                "switch": s.say("app.switch", ui, &[]),
                "switch_href": format!("{here}?lang={}", other.code()),
                // On the annex page the switch sends the form, so nothing typed is lost; the
                // form's first button, the one Enter presses, is a hidden one that assesses,
                // never the switch or a row button.
                "switch_form": here == "/",
                "assess": s.say("button.assess", ui, &[]),
                "switch_lang": other.code(),
                "lang_code": ui.code(),
                "footer": s.say("app.footer", ui, &[]),
                "body": body,
            }),
        )
        .expect("the web page's shell renders these fields (tested)")
}

/// The annex page.
pub fn annex_page(p: &Page) -> String {
    let s = Strings::embedded();
    let ui = p.ui;
    let say = |key: &str| s.say(key, ui, &[]);
    let mut out = String::new();
    let _ = writeln!(out, "<h1>{}</h1>", escape(&say("index.title")));
    let _ = writeln!(out, "<p>{}</p>", escape(&say("index.intro")));
    if let Some(notice) = &p.notice {
        let _ = writeln!(
            out,
            "<p class=\"notice\" role=\"status\">{}</p>",
            escape(notice)
        );
    }
    error_summary(&mut out, p.ui, &p.errors);
    upload_form(&mut out, ui);
    let mut f = Fields {
        out: String::new(),
        form: p.form,
        errors: &p.errors,
        ui,
    };
    f.out.push_str(
        "<form method=\"post\" action=\"/#result-heading\" id=\"procurement\" novalidate>\n",
    );
    let _ = writeln!(
        f.out,
        "<input type=\"hidden\" name=\"ui\" value=\"{}\">",
        ui.code()
    );
    procurement_fields(&mut f, p);
    let mut out_form = f.out;
    let _ = writeln!(
        out_form,
        "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"assess\" class=\"primary\">{}</button></div>",
        escape(&say(if p.shown.is_some() {
            "button.update"
        } else {
            "button.assess"
        }))
    );
    match &p.shown {
        Some(shown) => assessment(&mut out_form, p, shown),
        // No assessment to show the ticks on: they travel hidden, so that none is lost.
        None if p.form.assessed => carry_ticks(&mut out_form, p.form),
        None => {}
    }
    for line in &p.form.carried {
        let _ = writeln!(
            out_form,
            "<input type=\"hidden\" name=\"carried\" value=\"{}\">",
            escape(line)
        );
    }
    out_form.push_str("</form>\n");
    out.push_str(&out_form);
    page(ui, &say("index.title"), "/", &out)
}

fn carry_ticks(out: &mut String, form: &Form) {
    out.push_str("<input type=\"hidden\" name=\"choices\" value=\"1\">\n");
    for id in &form.ticks.shown {
        let _ = writeln!(
            out,
            "<input type=\"hidden\" name=\"shown\" value=\"{}\">",
            escape(id)
        );
    }
    for id in &form.ticks.ticked {
        let _ = writeln!(
            out,
            "<input type=\"hidden\" name=\"tick\" value=\"{}\">",
            escape(id)
        );
    }
    for ((clause, name), value) in &form.ticks.params {
        let _ = writeln!(
            out,
            "<input type=\"hidden\" name=\"param/{}/{}\" value=\"{}\">",
            escape(clause),
            escape(name),
            escape(value)
        );
    }
}

fn error_summary(out: &mut String, ui: Language, errors: &[FieldError]) {
    if errors.is_empty() {
        return;
    }
    let s = Strings::embedded();
    let _ = writeln!(
        out,
        "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"errors\">\n<h2>{}</h2>\n<ul>",
        escape(&s.say("errors.heading", ui, &[]))
    );
    for e in errors {
        match &e.field {
            Some(field) => {
                let _ = writeln!(
                    out,
                    "<li><a href=\"#{}\">{}</a></li>",
                    escape(&anchor(field)),
                    escape(&e.message)
                );
            }
            None => {
                let _ = writeln!(out, "<li>{}</li>", escape(&e.message));
            }
        }
    }
    out.push_str("</ul>\n</div>\n");
}

/// The id of a field's control (or of a clause's checkbox).
fn anchor(field: &str) -> String {
    format!(
        "f-{}",
        field
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            })
            .collect::<String>()
    )
}

fn upload_form(out: &mut String, ui: Language) {
    let s = Strings::embedded();
    let say = |key: &str| escape(&s.say(key, ui, &[]));
    let _ = writeln!(
        out,
        "<section class=\"upload\" aria-labelledby=\"upload-heading\">\n<h2 id=\"upload-heading\">{}</h2>\n\
         <form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">\n\
         <input type=\"hidden\" name=\"ui\" value=\"{}\">\n\
         <div class=\"field\"><label for=\"f-upload\">{}</label>\n<p class=\"hint\" id=\"h-upload\">{}</p>\n\
         <input type=\"file\" id=\"f-upload\" name=\"file\" accept=\".yaml,.yml,.json,application/yaml,application/json\" aria-describedby=\"h-upload\"></div>\n\
         <button type=\"submit\">{}</button>\n</form>\n</section>",
        say("upload.heading"),
        ui.code(),
        say("upload.file"),
        say("upload.hint"),
        say("upload.button"),
    );
}

/// Writes form controls, each with its label, hint and error.
struct Fields<'a> {
    out: String,
    form: &'a Form,
    errors: &'a [FieldError],
    ui: Language,
}

/// How a control is drawn.
enum Control<'o> {
    Text,
    Number,
    Date,
    Area,
    /// Options by value; the first is the empty choice's wording key, if there is one.
    Select(Option<&'static str>, &'o [&'o str]),
}

impl Fields<'_> {
    fn say(&self, key: &str) -> String {
        Strings::embedded().say(key, self.ui, &[])
    }

    fn fieldset(&mut self, legend_key: &str, inner: impl FnOnce(&mut Self)) {
        let _ = writeln!(
            self.out,
            "<fieldset>\n<legend>{}</legend>",
            escape(&self.say(legend_key))
        );
        inner(self);
        self.out.push_str("</fieldset>\n");
    }

    /// One of the form's own fields.
    fn field(&mut self, name: &str, control: Control, required: bool) {
        let value = self.form.get(name).to_string();
        let label = self.say(&format!("field.{name}"));
        let hint_key = format!("field.{name}.hint");
        let hint = Strings::embedded().say(&hint_key, self.ui, &[]);
        let hint = (hint != hint_key).then_some(hint);
        self.control(name, &label, hint.as_deref(), &value, control, required);
    }

    /// A control named `name`, showing `value`.
    fn control(
        &mut self,
        name: &str,
        label: &str,
        hint: Option<&str>,
        value: &str,
        control: Control,
        required: bool,
    ) {
        let id = anchor(name);
        let errors: Vec<&FieldError> = self
            .errors
            .iter()
            .filter(|e| e.field.as_deref() == Some(name))
            .collect();
        let mut described = Vec::new();
        let _ = write!(
            self.out,
            "<div class=\"field{}\">\n<label for=\"{id}\">{}{}</label>\n",
            if errors.is_empty() { "" } else { " has-error" },
            escape(label),
            if required {
                "<span class=\"required\" aria-hidden=\"true\"> *</span>"
            } else {
                ""
            }
        );
        if let Some(hint) = hint {
            let _ = writeln!(
                self.out,
                "<p class=\"hint\" id=\"h-{id}\">{}</p>",
                escape(hint)
            );
            described.push(format!("h-{id}"));
        }
        for (i, e) in errors.iter().enumerate() {
            let _ = writeln!(
                self.out,
                "<p class=\"error\" id=\"e-{id}-{i}\"><span class=\"visually-hidden\">{} </span>{}</p>",
                escape(&self.say("errors.prefix")),
                escape(&e.message)
            );
            described.push(format!("e-{id}-{i}"));
        }
        let mut attributes = format!("id=\"{id}\" name=\"{}\"", escape(name));
        if !described.is_empty() {
            let _ = write!(attributes, " aria-describedby=\"{}\"", described.join(" "));
        }
        if !errors.is_empty() {
            attributes.push_str(" aria-invalid=\"true\"");
        }
        if required {
            attributes.push_str(" required");
        }
        match control {
            Control::Text => {
                let _ = writeln!(
                    self.out,
                    "<input type=\"text\" {attributes} value=\"{}\">",
                    escape(value)
                );
            }
            Control::Number => {
                let _ = writeln!(
                    self.out,
                    "<input type=\"text\" inputmode=\"decimal\" class=\"short\" {attributes} value=\"{}\">",
                    escape(value)
                );
            }
            Control::Date => {
                let _ = writeln!(
                    self.out,
                    "<input type=\"text\" class=\"short\" placeholder=\"2026-06-01\" {attributes} value=\"{}\">",
                    escape(value)
                );
            }
            Control::Area => {
                let _ = writeln!(
                    self.out,
                    "<textarea rows=\"4\" {attributes}>{}</textarea>",
                    escape(value)
                );
            }
            Control::Select(empty, options) => {
                let _ = writeln!(self.out, "<select {attributes}>");
                if let Some(empty) = empty {
                    let _ = writeln!(
                        self.out,
                        "<option value=\"\"{}>{}</option>",
                        if value.is_empty() { " selected" } else { "" },
                        escape(&self.say(empty))
                    );
                }
                let mut known = value.is_empty();
                for option in options {
                    let selected = *option == value;
                    known |= selected;
                    let _ = writeln!(
                        self.out,
                        "<option value=\"{}\"{}>{}</option>",
                        escape(option),
                        if selected { " selected" } else { "" },
                        escape(&self.say(&format!("option.{option}")))
                    );
                }
                // A value the page does not offer (from a file) stays, for the loader to judge.
                if !known {
                    let _ = writeln!(
                        self.out,
                        "<option value=\"{0}\" selected>{0}</option>",
                        escape(value)
                    );
                }
                self.out.push_str("</select>\n");
            }
        }
        self.out.push_str("</div>\n");
    }
}

const YES_NO: [&str; 2] = ["yes", "no"];

fn procurement_fields(f: &mut Fields, p: &Page) {
    use Control::*;
    f.fieldset("section.buyer", |f| {
        f.field("title", Text, true);
        f.field("id", Text, false);
        f.field(
            "jurisdiction",
            Select(
                Some("option.choose"),
                &[
                    "se",
                    "scotland",
                    "england",
                    "wales",
                    "northern-ireland",
                    "eu",
                ],
            ),
            true,
        );
        f.field("authority_name", Text, false);
        f.field(
            "authority_kind",
            Select(Some("option.unknown"), &["central", "sub-central"]),
            false,
        );
        f.field("authority_region", Text, false);
        f.field(
            "authority_school",
            Select(Some("option.no"), &["yes"]),
            false,
        );
        f.field(
            "language",
            Select(Some("option.automatic"), &["sv", "en"]),
            false,
        );
        f.field("date", Date, false);
    });
    f.fieldset("section.what", |f| {
        f.field(
            "type",
            Select(Some("option.choose"), &["works", "services", "supplies"]),
            true,
        );
        f.field("cpv", Text, false);
        cpv_search(f, p);
        f.field("description", Area, false);
    });
    f.fieldset("section.money", |f| {
        f.field("amount", Number, true);
        f.field(
            "currency",
            Select(Some("option.choose"), &["SEK", "GBP", "EUR"]),
            true,
        );
        f.field(
            "vat",
            Select(None, &["excluded", "included", "exempt"]),
            false,
        );
        f.field("duration_months", Number, false);
        f.field("labour_share", Number, false);
        f.field("framework", Select(Some("option.unknown"), &YES_NO), false);
    });
    f.fieldset("section.procedure", |f| {
        f.field(
            "procedure",
            Select(
                Some("option.unknown"),
                &[
                    "open",
                    "restricted",
                    "negotiated",
                    "competitive-dialogue",
                    "innovation-partnership",
                    "competitive-flexible",
                    "simplified",
                    "selective",
                    "direct-award",
                    "mini-competition",
                ],
            ),
            false,
        );
        f.field("tender_period_days", Number, false);
        f.field("divided", Select(Some("option.unknown"), &YES_NO), false);
        lots(f);
    });
    f.fieldset("section.priorities", |f| {
        priorities(f);
    });
    f.fieldset("section.qualification", |f| {
        f.field("min_turnover", Number, false);
        f.field("min_years_trading", Number, false);
        insurance(f);
    });
    f.fieldset("section.award", |f| {
        let _ = writeln!(
            f.out,
            "<p class=\"hint\">{}</p>",
            escape(&f.say("field.award.hint"))
        );
        f.out.push_str("<div class=\"row\">\n");
        for name in ["award_price", "award_quality", "award_social"] {
            f.field(name, Number, false);
        }
        f.out.push_str("</div>\n");
    });
    f.fieldset("section.plans", |f| {
        for name in ["market_engagement", "reserved", "subcontracting_allowed"] {
            f.field(name, Select(Some("option.unknown"), &YES_NO), false);
        }
        f.field("payment_days", Number, false);
    });
    f.fieldset("section.labels", |f| {
        f.field("annex_label", Text, false);
        f.field("annex_reference", Text, false);
    });
    debug_assert!(
        FIELDS
            .iter()
            .all(|name| f.out.contains(&format!("name=\"{name}\"")))
    );
}

fn cpv_search(f: &mut Fields, p: &Page) {
    let named: Vec<String> = p
        .form
        .get("cpv")
        .split([',', ';', ' ', '\n'])
        .filter_map(|code| {
            Some(format!(
                "{} {}",
                code.trim(),
                super::vocabulary::name(code, f.ui)?
            ))
        })
        .collect();
    if !named.is_empty() {
        let _ = writeln!(f.out, "<ul class=\"named\">");
        for line in named {
            let _ = writeln!(f.out, "<li>{}</li>", escape(&line));
        }
        f.out.push_str("</ul>\n");
    }
    let query = p.form.cpv_query.clone();
    let _ = writeln!(
        f.out,
        "<div class=\"field cpv-search\">\n<label for=\"f-cpv_query\">{}</label>\n\
         <div class=\"inline\"><input type=\"search\" id=\"f-cpv_query\" name=\"cpv_query\" value=\"{}\">\
         <button type=\"submit\" name=\"action\" value=\"find-cpv\" formaction=\"/#f-cpv_query\">{}</button></div>",
        escape(&f.say("field.cpv_query")),
        escape(&query),
        escape(&f.say("field.cpv_query.button")),
    );
    f.out
        .push_str("<div id=\"cpv-found\" aria-live=\"polite\">\n");
    if let Some((query, found)) = &p.cpv_found {
        let s = Strings::embedded();
        if found.is_empty() {
            let _ = writeln!(
                f.out,
                "<p>{}</p>",
                escape(&s.say("field.cpv_query.none", f.ui, &[("query", query)]))
            );
        } else {
            let _ = writeln!(
                f.out,
                "<p>{}</p>\n<ul class=\"found\">",
                escape(&s.say("field.cpv_query.results", f.ui, &[("query", query)]))
            );
            let add = f.say("field.cpv_query.add");
            for (code, name) in found {
                let _ = writeln!(
                    f.out,
                    "<li><button type=\"submit\" name=\"action\" value=\"add-cpv-{0}\" formaction=\"/#f-cpv\" aria-label=\"{1} {0} {2}\">{1}</button> <span class=\"code\">{0}</span> {2}</li>",
                    escape(code),
                    escape(&add),
                    escape(name)
                );
            }
            f.out.push_str("</ul>\n");
        }
    }
    f.out.push_str("</div>\n</div>\n");
}

/// Rows of the form that the buyer adds and removes with buttons (lots, insurance covers):
/// each row a fieldset with its remove button, then the add button, which is also the
/// place the page returns to.
struct RowSet {
    /// `lot` or `ins`: the actions are `add-lot`, `remove-lot-N`.
    action: &'static str,
    /// The id the page returns to after a row button.
    anchor: &'static str,
    legend: &'static str,
    remove: &'static str,
    add: &'static str,
}

fn row_set(f: &mut Fields, set: &RowSet, count: usize, row: impl Fn(&mut Fields, usize)) {
    let s = Strings::embedded();
    for i in 0..count {
        let n = (i + 1).to_string();
        let _ = writeln!(
            f.out,
            "<fieldset class=\"rowset\">\n<legend>{}</legend>",
            escape(&s.say(set.legend, f.ui, &[("n", &n)]))
        );
        row(f, i);
        let _ = writeln!(
            f.out,
            "<button type=\"submit\" name=\"action\" value=\"remove-{}-{i}\" formaction=\"/#{}\" class=\"secondary\">{}</button>\n</fieldset>",
            set.action,
            set.anchor,
            escape(&s.say(set.remove, f.ui, &[("n", &n)]))
        );
    }
    let _ = writeln!(
        f.out,
        "<button type=\"submit\" name=\"action\" value=\"add-{0}\" formaction=\"/#{1}\" class=\"secondary\" id=\"{1}\">{2}</button>",
        set.action,
        set.anchor,
        escape(&f.say(set.add))
    );
}

fn lots(f: &mut Fields) {
    let set = RowSet {
        action: "lot",
        anchor: "lots",
        legend: "field.lot",
        remove: "field.lot.remove",
        add: "field.lot.add",
    };
    let rows = f.form.lots.clone();
    row_set(f, &set, rows.len(), |f, i| {
        let lot = &rows[i];
        let name = |field: &str| format!("lot-{i}-{field}");
        let say = |key: &str| f.say(&format!("field.lot.{key}"));
        let controls = [
            ("title", &lot.title, Control::Text, true),
            ("id", &lot.id, Control::Text, false),
            ("amount", &lot.amount, Control::Number, false),
            ("cpv", &lot.cpv, Control::Text, false),
            (
                "duration_months",
                &lot.duration_months,
                Control::Number,
                false,
            ),
            (
                "reserved",
                &lot.reserved,
                Control::Select(Some("option.unknown"), &YES_NO),
                false,
            ),
            ("description", &lot.description, Control::Area, false),
        ];
        let labels: Vec<String> = controls.iter().map(|c| say(c.0)).collect();
        for ((field, value, control, required), label) in controls.into_iter().zip(labels) {
            f.control(&name(field), &label, None, value, control, required);
        }
    });
}

fn insurance(f: &mut Fields) {
    let set = RowSet {
        action: "ins",
        anchor: "insurance",
        legend: "field.insurance",
        remove: "field.ins.remove",
        add: "field.ins.add",
    };
    let rows = f.form.insurance.clone();
    row_set(f, &set, rows.len(), |f, i| {
        let (kind, cover) = (f.say("field.ins.kind"), f.say("field.ins.cover"));
        let kinds = Control::Select(
            Some("option.choose"),
            &[
                "employers-liability",
                "public-liability",
                "professional-indemnity",
                "product-liability",
                "motor",
                "other",
            ],
        );
        f.control(
            &format!("ins-{i}-kind"),
            &kind,
            None,
            &rows[i].kind,
            kinds,
            true,
        );
        f.control(
            &format!("ins-{i}-cover"),
            &cover,
            None,
            &rows[i].cover,
            Control::Number,
            true,
        );
    });
}

fn priorities(f: &mut Fields) {
    f.out.push_str("<ul class=\"choices\">\n");
    for p in crate::input::Priority::ALL {
        let name = crate::input::yaml::name_of(&p);
        let label = crate::assess::recommend::say_priority(f.ui, p);
        let mut label_chars = label.chars();
        let label: String = label_chars
            .next()
            .map(|c| c.to_uppercase().chain(label_chars).collect())
            .unwrap_or_default();
        let _ = writeln!(
            f.out,
            "<li><input type=\"checkbox\" id=\"f-priority-{name}\" name=\"priority\" value=\"{name}\"{}> <label for=\"f-priority-{name}\">{}</label></li>",
            if f.form.priorities.contains(&name) {
                " checked"
            } else {
                ""
            },
            escape(&label)
        );
    }
    f.out.push_str("</ul>\n");
    for e in f
        .errors
        .iter()
        .filter(|e| e.field.as_deref() == Some("priorities"))
    {
        let _ = writeln!(
            f.out,
            "<p class=\"error\" id=\"f-priorities\">{}</p>",
            escape(&e.message)
        );
    }
}

/// The assessment: duties, the clauses with their ticks and targets, the checklist and the
/// downloads.
fn assessment(out: &mut String, p: &Page, shown: &Shown) {
    let s = Strings::embedded();
    let ui = p.ui;
    let say = |key: &str| escape(&s.say(key, ui, &[]));
    let a = shown.assessment;
    let _ = writeln!(
        out,
        "<section class=\"result\" aria-labelledby=\"result-heading\">\n<h2 id=\"result-heading\" tabindex=\"-1\">{}</h2>\n<p>{}</p>",
        say("result.heading"),
        escape(&s.say("result.date", ui, &[("date", &a.date.to_string())]))
    );
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<ul class=\"duties\">",
        say("result.duties")
    );
    for d in &a.duties {
        let (class, key) = match d.applies {
            Applies::Yes => ("yes", "result.applies.yes"),
            Applies::No => ("no", "result.applies.no"),
            Applies::Unknown => ("unknown", "result.applies.unknown"),
        };
        let _ = writeln!(
            out,
            "<li class=\"duty duty-{class}\"><strong>{}</strong>: {} <span class=\"cite\">({})</span><br>{}</li>",
            escape(&d.title),
            say(key),
            escape(&d.cite),
            escape(&d.reason)
        );
    }
    out.push_str("</ul>\n");
    clauses(out, p, a);
    let _ = writeln!(
        out,
        "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"assess\" class=\"primary\">{}</button></div>",
        say("button.update")
    );
    downloads(out, ui);
    if !shown.checklist.is_empty() {
        let _ = writeln!(
            out,
            "<details class=\"checklist\">\n<summary>{}</summary>\n{}</details>",
            say("result.checklist.show"),
            shown.checklist
        );
    }
    out.push_str("</section>\n");
}

fn clauses(out: &mut String, p: &Page, a: &Assessment) {
    let s = Strings::embedded();
    let ui = p.ui;
    let say = |key: &str| escape(&s.say(key, ui, &[]));
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<p>{}</p>\n<input type=\"hidden\" name=\"choices\" value=\"1\">",
        say("result.clauses"),
        say("result.clauses.intro")
    );
    let offered: Vec<_> = a
        .recommendations
        .iter()
        .filter(|r| r.status != Status::NotApplicable)
        .collect();
    if offered.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", say("result.none"));
        return;
    }
    // Steps for the authority (a notice's wording, a consultation) are not annex text: they
    // are listed apart, with nothing to tick.
    let (steps, offered): (Vec<_>, Vec<_>) = offered
        .into_iter()
        .partition(|r| r.instrument == crate::library::Instrument::Process);
    let (recommended, optional): (Vec<_>, Vec<_>) = offered.into_iter().partition(|r| {
        r.status == Status::Recommended || a.selection.iter().any(|x| x.clause == r.clause)
    });
    clause_list(out, p, a, &recommended);
    if !optional.is_empty() {
        let _ = writeln!(
            out,
            "<details class=\"optional\"{}>\n<summary>{}</summary>",
            if optional.iter().any(|r| p
                .errors
                .iter()
                .any(|e| e.field.as_deref() == Some(&format!("tick/{}", r.clause))))
            {
                " open"
            } else {
                ""
            },
            escape(&s.say(
                "result.optional",
                ui,
                &[("count", &optional.len().to_string())]
            ))
        );
        clause_list(out, p, a, &optional);
        out.push_str("</details>\n");
    }
    if !steps.is_empty() {
        let _ = writeln!(
            out,
            "<h4>{}</h4>\n<p>{}</p>\n<ul class=\"steps\">",
            say("result.steps"),
            say("result.steps.intro")
        );
        for r in steps {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> <span class=\"badge\">{}</span></li>",
                escape(&r.title),
                say(match r.status {
                    Status::Recommended => "result.status.recommended",
                    _ => "result.status.optional",
                })
            );
        }
        out.push_str("</ul>\n");
    }
}

/// Clauses with their ticks, reasons and targets.
fn clause_list(
    out: &mut String,
    p: &Page,
    a: &Assessment,
    list: &[&crate::assess::Recommendation],
) {
    let s = Strings::embedded();
    let ui = p.ui;
    let say = |key: &str| escape(&s.say(key, ui, &[]));
    out.push_str("<ul class=\"clauses\">\n");
    for r in list.iter().copied() {
        let selected = a.selection.iter().find(|x| x.clause == r.clause);
        // The page's own ticks where it showed this clause; else the annex's selection.
        let ticked = if p.form.assessed && p.form.ticks.shown.contains(&r.clause) {
            p.form.ticks.ticked.contains(&r.clause)
        } else {
            selected.is_some()
        };
        let id = anchor(&format!("tick/{}", r.clause));
        let status = match r.status {
            Status::Recommended => "result.status.recommended",
            _ => "result.status.optional",
        };
        let errors: Vec<&FieldError> = p
            .errors
            .iter()
            .filter(|e| e.field.as_deref() == Some(&format!("tick/{}", r.clause)))
            .collect();
        let _ = writeln!(
            out,
            "<li class=\"clause{}\">\n<input type=\"hidden\" name=\"shown\" value=\"{}\">\n\
             <div class=\"tick\"><input type=\"checkbox\" id=\"{id}\" name=\"tick\" value=\"{}\"{}{}> \
             <label for=\"{id}\"><strong>{}</strong> <span class=\"badge\">{}</span></label></div>",
            if ticked { " in" } else { "" },
            escape(&r.clause),
            escape(&r.clause),
            if ticked { " checked" } else { "" },
            if errors.is_empty() {
                ""
            } else {
                " aria-invalid=\"true\""
            },
            escape(&r.title),
            say(status),
        );
        for e in errors {
            let _ = writeln!(out, "<p class=\"error\">{}</p>", escape(&e.message));
        }
        if !r.reasons.is_empty() {
            out.push_str("<ul class=\"reasons\">\n");
            for reason in &r.reasons {
                let _ = writeln!(out, "<li>{}</li>", escape(reason));
            }
            out.push_str("</ul>\n");
        }
        if let Some(left) = a.left_out.iter().find(|l| l.clause == r.clause) {
            let _ = writeln!(
                out,
                "<p class=\"left-out\"><strong>{}</strong> {}</p>",
                say("result.left-out"),
                escape(&left.reason)
            );
        }
        if let Some(selected) = selected {
            if !selected.lots.is_empty() {
                let _ = writeln!(
                    out,
                    "<p>{}</p>",
                    escape(&s.say("result.lots", ui, &[("lots", &selected.lots.join(", "))]))
                );
            }
            // With lots, the annex gives each lot its share of a computed target; a target
            // set here is one figure that each lot's contract carries as written.
            if crate::compose::annex::splits_by_lot(a, selected) {
                let _ = writeln!(out, "<p class=\"hint\">{}</p>", say("result.lot-note"));
            }
            for (name, value) in &selected.params {
                let field = format!("param/{}/{name}", r.clause);
                let typed = p
                    .form
                    .ticks
                    .params
                    .get(&(r.clause.clone(), name.clone()))
                    .cloned()
                    .unwrap_or_else(|| trim(value.value));
                let field_id = anchor(&field);
                let errors: Vec<&FieldError> = p
                    .errors
                    .iter()
                    .filter(|e| e.field.as_deref() == Some(field.as_str()))
                    .collect();
                let _ = writeln!(
                    out,
                    "<div class=\"field target{}\"><label for=\"{field_id}\">{}{}</label>\n<p class=\"hint\" id=\"h-{field_id}\">{}</p>",
                    if errors.is_empty() { "" } else { " has-error" },
                    say(if value.amount {
                        "result.figure"
                    } else {
                        "result.target"
                    }),
                    value
                        .unit
                        .as_ref()
                        .map(|u| format!(": {}", escape(u)))
                        .unwrap_or_default(),
                    escape(&value.explain)
                );
                for e in &errors {
                    let _ = writeln!(out, "<p class=\"error\">{}</p>", escape(&e.message));
                }
                let _ = writeln!(
                    out,
                    "<input type=\"text\" inputmode=\"decimal\" class=\"short\" id=\"{field_id}\" name=\"{}\" value=\"{}\" aria-describedby=\"h-{field_id}\"{}></div>",
                    escape(&field),
                    escape(&typed),
                    if errors.is_empty() {
                        ""
                    } else {
                        " aria-invalid=\"true\""
                    }
                );
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn downloads(out: &mut String, ui: Language) {
    let s = Strings::embedded();
    let say = |key: &str| s.say(key, ui, &[]);
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<p>{}</p>\n<div class=\"downloads\">",
        escape(&say("download.heading")),
        escape(&say("download.intro"))
    );
    for (kind, key) in [
        ("annex", "download.annex"),
        ("checklist", "download.checklist"),
    ] {
        let _ = writeln!(
            out,
            "<div class=\"download-group\"><span class=\"what\">{}</span>",
            escape(&say(key))
        );
        for (format, name) in [
            ("pdf", "PDF"),
            ("docx", "Word"),
            ("html", "HTML"),
            ("md", "Markdown"),
        ] {
            let _ = writeln!(
                out,
                "<button type=\"submit\" formaction=\"/download\" name=\"get\" value=\"{kind}.{format}\" aria-label=\"{}\">{name}</button>",
                escape(&s.say("download.as", ui, &[("what", &say(key)), ("format", name)]))
            );
        }
        out.push_str("</div>\n");
    }
    let _ = writeln!(
        out,
        "<div class=\"download-group\"><span class=\"what\">{0}</span><button type=\"submit\" formaction=\"/download\" name=\"get\" value=\"procurement.yaml\" aria-label=\"{1}\">YAML</button></div>\n</div>",
        escape(&say("download.procurement")),
        escape(&s.say(
            "download.as",
            ui,
            &[("what", &say("download.procurement")), ("format", "YAML")]
        ))
    );
}

/// The check page: the upload form, and the report of a document checked.
pub fn check_page(
    ui: Language,
    jurisdiction: &str,
    errors: &[FieldError],
    report: Option<&str>,
) -> String {
    let s = Strings::embedded();
    let say = |key: &str| escape(&s.say(key, ui, &[]));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p>{}</p>",
        say("check.title"),
        say("check.intro")
    );
    error_summary(&mut out, ui, errors);
    let mut f = Fields {
        out: String::new(),
        form: &Form::default(),
        errors,
        ui,
    };
    let _ = writeln!(
        f.out,
        "<form method=\"post\" action=\"/check#check-result\" enctype=\"multipart/form-data\">\n<input type=\"hidden\" name=\"ui\" value=\"{}\">",
        ui.code()
    );
    let file_errors: Vec<&FieldError> = errors
        .iter()
        .filter(|e| e.field.as_deref() == Some("file"))
        .collect();
    let _ = writeln!(
        f.out,
        "<div class=\"field{}\"><label for=\"f-file\">{}</label>\n<p class=\"hint\" id=\"h-file\">{}</p>",
        if file_errors.is_empty() {
            ""
        } else {
            " has-error"
        },
        say("check.file"),
        say("check.file.hint")
    );
    for e in &file_errors {
        let _ = writeln!(
            f.out,
            "<p class=\"error\" id=\"e-file\">{}</p>",
            escape(&e.message)
        );
    }
    let _ = writeln!(
        f.out,
        "<input type=\"file\" id=\"f-file\" name=\"file\" aria-describedby=\"h-file{}\"{}></div>",
        if file_errors.is_empty() {
            ""
        } else {
            " e-file"
        },
        if file_errors.is_empty() {
            ""
        } else {
            " aria-invalid=\"true\""
        },
    );
    f.control(
        "jurisdiction",
        &s.say("check.jurisdiction", ui, &[]),
        Some(&s.say("check.jurisdiction.hint", ui, &[])),
        jurisdiction,
        Control::Select(
            Some("option.automatic"),
            &[
                "se",
                "scotland",
                "england",
                "wales",
                "northern-ireland",
                "eu",
            ],
        ),
        false,
    );
    let _ = writeln!(
        f.out,
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">{}</button></div>\n</form>",
        say("check.button")
    );
    out.push_str(&f.out);
    if let Some(report) = report {
        let _ = writeln!(
            out,
            "<section class=\"result\" id=\"check-result\" aria-label=\"{}\">\n{report}</section>",
            say("check.result")
        );
    }
    page(ui, &s.say("check.title", ui, &[]), "/check", &out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::assess::Assessor;
    use crate::input::{Source, load_source};
    use crate::library::{Library, LibraryOptions};

    #[test]
    fn every_wording_the_pages_use_is_there_in_both_languages() {
        let s = Strings::embedded();
        for (key, sv, en) in s.texts() {
            assert!(!sv.trim().is_empty() && !en.trim().is_empty(), "{key}");
        }
        let assessor =
            Assessor::with_library(Library::load(&LibraryOptions::default()).unwrap()).unwrap();
        let text = include_str!("../../examples/scotland-grounds-buyer-choices.yaml");
        let loaded = load_source(&Source::from_text("x.yaml", text.to_string()))
            .unwrap()
            .remove(0);
        let mut form = Form::from_procurement(&loaded.procurement);
        form.lots.push(Default::default());
        form.insurance.push(Default::default());
        // A key the pages ask for that the file lacks would show as itself.
        let key = regex::Regex::new(
            r"(?i)\b(app|index|upload|errors|section|field|option|button|result|download|check)\.[a-z_.-]+[a-z]\b",
        )
        .unwrap();
        let tags = regex::Regex::new(r"<[^>]*>").unwrap();
        for ui in [Language::Sv, Language::En] {
            let a = assessor.assess_as(&loaded, None, Some(ui)).unwrap();
            let page = annex_page(&Page {
                ui,
                form: &form,
                errors: vec![FieldError {
                    field: Some("amount".into()),
                    message: "x".into(),
                }],
                notice: Some("n".into()),
                cpv_found: Some(("q".into(), Vec::new())),
                shown: Some(Shown {
                    assessment: &a,
                    checklist: String::new(),
                }),
            });
            let check = check_page(ui, "", &[], Some(""));
            for html in [page, check] {
                let visible = tags.replace_all(&html, " ");
                let found: Vec<&str> = key.find_iter(&visible).map(|m| m.as_str()).collect();
                assert!(found.is_empty(), "{ui:?}: {found:?}");
            }
        }
    }
}
