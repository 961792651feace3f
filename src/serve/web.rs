//! The web page's handlers: the annex form (`/`), its row and search buttons, the assessment
//! with the buyer's ticks, the downloads (`/download`), filling the form from a file
//! (`/upload`), the check page (`/check`), the CPV search (`/api/cpv`) and the page's own
//! style and script. The page works without JavaScript: every button is a form submission,
//! and the state of the page travels in the form.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::api::{document_response, run};
use super::form::{Form, InsuranceRow, LotRow, Written};
use super::reply::{ApiError, bytes, json_body};
use super::view::{self, FieldError, Page, Shown, Strings};
use super::{Shared, vocabulary};
use crate::assess::Assessment;
use crate::cmd::document::{Kind, compose, file_stem};
use crate::error::Error;
use crate::input::{self, Date, Jurisdiction, Language, LoadOptions, Source};
use crate::render::html;
use crate::scan::{self, CheckContext, ExtractOptions};

/// A page's query: `?lang=sv`.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    q: Option<String>,
}

/// The page's language: `?lang=` (or the form's `ui`), else the browser's first choice of
/// Swedish or English, else English.
fn ui_language(asked: Option<&str>, headers: &HeaderMap) -> Language {
    match asked {
        Some("sv") => return Language::Sv,
        Some("en") => return Language::En,
        _ => {}
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut best: Option<(f32, Language)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("sv") => Language::Sv,
            Some("en") => Language::En,
            _ => continue,
        };
        if best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map_or(Language::En, |(_, l)| l)
}

fn html_page(status: StatusCode, text: String) -> Response {
    let mut response = bytes(text.into_bytes(), "text/html; charset=utf-8", None);
    *response.status_mut() = status;
    response
}

/// `GET /`: the empty form.
pub async fn index(Query(q): Query<PageQuery>, headers: HeaderMap) -> Response {
    let ui = ui_language(q.lang.as_deref(), &headers);
    let form = Form::default();
    html_page(
        StatusCode::OK,
        view::annex_page(&Page::form(ui, &form, Vec::new())),
    )
}

/// What a submitted form's pairs say about the page's language.
fn pairs_language(pairs: &[(String, String)], headers: &HeaderMap) -> Language {
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "ui")
        .map(|(_, v)| v.as_str());
    ui_language(asked, headers)
}

/// A submitted form's pairs and the page's language, or the error page for a request that
/// carries no form.
fn read_form(
    body: Result<axum::extract::Form<Vec<(String, String)>>, FormRejection>,
    headers: &HeaderMap,
) -> Result<(Vec<(String, String)>, Language), Response> {
    match body {
        Ok(axum::extract::Form(pairs)) => {
            let ui = pairs_language(&pairs, headers);
            Ok((pairs, ui))
        }
        Err(rejection) => Err(form_refused(rejection, ui_language(None, headers))),
    }
}

/// A form the request could not carry (not form-encoded, too large) as an error page.
fn form_refused(rejection: FormRejection, ui: Language) -> Response {
    let status = rejection.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "the form is larger than this server accepts (socialclause serve --max-body)".to_string()
    } else {
        rejection.body_text()
    };
    let form = Form::default();
    let errors = vec![FieldError {
        field: None,
        message,
    }];
    html_page(status, view::annex_page(&Page::form(ui, &form, errors)))
}

/// `POST /`: a button of the form. The row and search buttons change the form; every other
/// press assesses it (as do they, once the page shows an assessment, so the ticks stay).
pub async fn submit(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Result<axum::extract::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let (pairs, mut ui) = match read_form(body, &headers) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let mut form = Form::from_pairs(&pairs);
    let mut cpv_found = None;
    let action = form.action.clone();
    // A row, search or language button changes the form, and assesses it only where the page
    // showed an assessment (so that its ticks stay); every other press assesses.
    let mut assess = form.assessed;
    if let Some(lang) = action.strip_prefix("switch-") {
        ui = ui_language(Some(lang), &headers);
    } else if action == "add-lot" {
        form.lots.push(LotRow::default());
        form.set("divided", "yes");
    } else if let Some(i) = index_of(&action, "remove-lot-") {
        if i < form.lots.len() {
            form.lots.remove(i);
        }
    } else if action == "add-ins" {
        form.insurance.push(InsuranceRow::default());
    } else if let Some(i) = index_of(&action, "remove-ins-") {
        if i < form.insurance.len() {
            form.insurance.remove(i);
        }
    } else if action == "find-cpv" {
        let query = form.cpv_query.trim().to_string();
        cpv_found = Some((query.clone(), vocabulary::search(&query, ui, 20)));
    } else if let Some(code) = action.strip_prefix("add-cpv-") {
        let mut codes = form.get("cpv").trim().to_string();
        if !codes.split([',', ' ']).any(|c| c.trim() == code) {
            if !codes.is_empty() {
                codes.push_str(", ");
            }
            codes.push_str(code);
        }
        form.set("cpv", codes);
    } else {
        assess = true;
    }
    respond(shared, form, ui, None, cpv_found, assess).await
}

fn index_of(action: &str, prefix: &str) -> Option<usize> {
    action.strip_prefix(prefix)?.parse().ok()
}

/// The annex page for `form`: assessed (with its errors beside their fields) when `assess`.
async fn respond(
    shared: Shared,
    mut form: Form,
    ui: Language,
    notice: Option<String>,
    cpv_found: Option<(String, Vec<(String, String)>)>,
    assess: bool,
) -> Response {
    if !assess {
        let page = Page {
            notice,
            cpv_found,
            ..Page::form(ui, &form, Vec::new())
        };
        return html_page(StatusCode::OK, view::annex_page(&page));
    }
    let worked = run(&shared, move |shared| {
        let (status, errors, shown) = match evaluate(shared, &mut form, ui) {
            Ok(e) => (StatusCode::OK, Vec::new(), Some(e.shown)),
            Err(failed) => (
                StatusCode::BAD_REQUEST,
                failed.errors,
                failed.base.map(|b| *b),
            ),
        };
        Ok(html_page(
            status,
            assessed_page(shared, ui, &form, errors, notice, cpv_found, shown.as_ref()),
        ))
    })
    .await;
    worked.unwrap_or_else(|e| e.into_response())
}

/// The annex page with an assessment, where there is one, and its checklist.
fn assessed_page(
    shared: &Shared,
    ui: Language,
    form: &Form,
    errors: Vec<FieldError>,
    notice: Option<String>,
    cpv_found: Option<(String, Vec<(String, String)>)>,
    shown: Option<&Assessment>,
) -> String {
    let checklist = shown.map(|a| {
        let doc = compose(Kind::Checklist, a, &shared.assessor.library, false);
        html::fragment(&doc, 2)
    });
    view::annex_page(&Page {
        ui,
        form,
        errors,
        notice,
        cpv_found,
        shown: shown.map(|a| Shown {
            assessment: a,
            checklist: checklist.unwrap_or_default(),
        }),
    })
}

/// Why a form could not be assessed as the buyer left it: the errors, and the assessment of
/// the procurement without the buyer's decisions where only those failed, so that the page
/// still shows the clauses (with the buyer's ticks) beside their errors.
struct Failed {
    errors: Vec<FieldError>,
    base: Option<Box<Assessment>>,
}

impl From<Vec<FieldError>> for Failed {
    fn from(errors: Vec<FieldError>) -> Self {
        Failed { errors, base: None }
    }
}

/// A form, written, loaded and assessed.
struct Evaluated {
    written: Written,
    /// In the documents' language: what the downloads are made from.
    documents: Assessment,
    /// In the page's language: what the page shows.
    shown: Assessment,
}

/// Writes the form as a procurement (with today's date where it gives none, so that the saved
/// file makes the same documents on another day), and assesses it: first with no decisions,
/// to tell which ticks are decisions, then with the buyer's.
fn evaluate(shared: &Shared, form: &mut Form, ui: Language) -> Result<Evaluated, Failed> {
    if form.get("date").trim().is_empty() {
        form.set("date", Date::today().to_string());
    }
    let assessor = shared.assessor;
    let in_ui = |loaded: &input::Loaded, a: &Assessment, written: &Written| {
        if a.language == ui {
            Ok(a.clone())
        } else {
            assessor
                .assess_as(loaded, None, Some(ui))
                .map_err(|e| field_errors(&e, written, ui))
        }
    };
    let base_written = form.to_yaml(None);
    let base_loaded = load(&base_written, ui)?;
    let base = assessor
        .assess_as(&base_loaded, None, None)
        .map_err(|e| field_errors(&e, &base_written, ui))?;
    let choice = form.choice(&base);
    if choice.is_empty() {
        let shown = in_ui(&base_loaded, &base, &base_written)?;
        return Ok(Evaluated {
            written: base_written,
            documents: base,
            shown,
        });
    }
    let written = form.to_yaml(Some(&choice));
    let decided = load(&written, ui).and_then(|loaded| {
        let documents = assessor
            .assess_as(&loaded, None, None)
            .map_err(|e| field_errors(&e, &written, ui))?;
        let shown = in_ui(&loaded, &documents, &written)?;
        Ok((documents, shown))
    });
    match decided {
        Ok((documents, shown)) => Ok(Evaluated {
            written,
            documents,
            shown,
        }),
        Err(errors) => Err(Failed {
            errors,
            base: in_ui(&base_loaded, &base, &base_written).ok().map(Box::new),
        }),
    }
}

/// The one procurement a form's text describes.
fn load(written: &Written, ui: Language) -> Result<input::Loaded, Vec<FieldError>> {
    let source = Source::from_text("procurement.yaml", written.text.clone());
    let mut loaded = input::load_text(source, true, &LoadOptions::default()).map_err(|e| {
        // The loader stops at the first required key missing; the form names them all at
        // once, each as the loader would.
        let mut errors = field_errors(&e, written, ui);
        for (key, field) in written.omitted() {
            let field = Some(field.to_string());
            if !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError {
                    field,
                    message: crate::said::say("yaml.missing-key", &[("key", key)])
                        .get(ui)
                        .to_string(),
                });
            }
        }
        errors
    })?;
    Ok(loaded.remove(0))
}

/// An error of the loader or the assessment, each problem beside the field its line came
/// from, worded as the command line words it.
fn field_errors(error: &Error, written: &Written, ui: Language) -> Vec<FieldError> {
    let diagnostics: Vec<&crate::error::Diagnostic> = match error {
        Error::Input(d) => vec![d],
        Error::Inputs(list) => list.iter().collect(),
        other => {
            return vec![FieldError {
                field: None,
                message: other.render(ui),
            }];
        }
    };
    let s = Strings::embedded();
    diagnostics
        .into_iter()
        .map(|d| {
            // A required key left out because its field is empty: beside that field, without
            // the file's advice (`add title: with a value`), which the form has no use for.
            let missing = written
                .omitted_keys()
                .find(|key| d.message == crate::said::say("yaml.missing-key", &[("key", key)]));
            if let Some(key) = missing {
                return FieldError {
                    field: written.omitted_field(key, d.line).map(str::to_string),
                    message: d.message.get(ui).to_string(),
                };
            }
            let mut message = d.message.get(ui).to_string();
            if let Some(expected) = &d.expected {
                message.push_str(&format!(
                    " {} {}",
                    s.say("errors.expected", ui, &[]),
                    expected.get(ui)
                ));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!(
                    " {} {}",
                    s.say("errors.help", ui, &[]),
                    help.get(ui)
                ));
            }
            FieldError {
                field: d.line.and_then(|l| written.field_at(l)).map(str::to_string),
                message,
            }
        })
        .collect()
}

/// `POST /download`: a document, or the procurement as YAML, made from the form as it is.
pub async fn download(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Result<axum::extract::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let (pairs, ui) = match read_form(body, &headers) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let mut form = Form::from_pairs(&pairs);
    let get = pairs
        .iter()
        .find(|(k, _)| k == "get")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let worked = run(&shared, move |shared| {
        let evaluated = match evaluate(shared, &mut form, ui) {
            Ok(e) => e,
            Err(failed) => {
                let page = assessed_page(
                    shared,
                    ui,
                    &form,
                    failed.errors,
                    None,
                    None,
                    failed.base.as_deref(),
                );
                return Ok(html_page(StatusCode::BAD_REQUEST, page));
            }
        };
        let a = &evaluated.documents;
        if get == "procurement.yaml" {
            let file = format!("{}.yaml", file_stem(&a.procurement));
            return Ok(bytes(
                evaluated.written.text.into_bytes(),
                "application/yaml; charset=utf-8",
                Some(&file),
            ));
        }
        let (kind, format) = match get.split_once('.') {
            Some(("annex", format)) => (Kind::Annex, format),
            Some(("checklist", format)) => (Kind::Checklist, format),
            _ => {
                return Err(ApiError::new(StatusCode::BAD_REQUEST, format!("get: unknown download `{get}`"))
                    .help("one of annex.pdf, annex.docx, annex.html, annex.md, checklist.… and procurement.yaml"));
            }
        };
        let format = super::api::choice(Some(format), "format")?
            .unwrap_or(crate::cli::DocumentFormat::Html);
        Ok(document_response(kind, format, a, &shared.assessor.library))
    })
    .await;
    worked.unwrap_or_else(|e| e.into_response())
}

/// A file sent with a form: its name and bytes, and the form's other fields.
struct Sent {
    file: Option<(String, Vec<u8>)>,
    fields: Vec<(String, String)>,
}

/// A multipart form's fields and file, or why the request carries none (not multipart, too
/// large, cut short).
async fn read_multipart(multipart: Result<Multipart, MultipartRejection>) -> Result<Sent, String> {
    let mut multipart = multipart.map_err(|rejection| rejection.body_text())?;
    let mut sent = Sent {
        file: None,
        fields: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let data = field.bytes().await.map_err(|e| e.body_text())?;
            if !file_name.is_empty() || !data.is_empty() {
                sent.file = Some((file_name, data.to_vec()));
            }
        } else {
            let text = field.text().await.map_err(|e| e.body_text())?;
            sent.fields.push((name, text));
        }
    }
    Ok(sent)
}

/// `POST /upload`: the form filled from a procurement file or a published notice, then
/// assessed.
pub async fn upload(
    State(shared): State<Shared>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let ui_guess = ui_language(None, &headers);
    let sent = read_multipart(multipart).await;
    let (ui, file) = match sent {
        Ok(sent) => (pairs_language(&sent.fields, &headers), sent.file),
        Err(message) => return upload_refused(ui_guess, message),
    };
    let s = Strings::embedded();
    let Some((name, data)) = file else {
        return upload_refused(ui, s.say("upload.none", ui, &[]));
    };
    let Ok(text) = String::from_utf8(data) else {
        return upload_refused(
            ui,
            format!("{name}: the file is not UTF-8 text; save it as UTF-8"),
        );
    };
    let yaml_named = name.ends_with(".yaml") || name.ends_with(".yml");
    let name_shown = if name.is_empty() {
        "upload".to_string()
    } else {
        name.clone()
    };
    let loaded = input::load_text(
        Source::from_text(name_shown.clone(), text),
        yaml_named,
        &LoadOptions::default(),
    );
    let loaded = match loaded {
        Ok(list) if !list.is_empty() => list,
        Ok(_) => return upload_refused(ui, s.say("upload.none", ui, &[])),
        Err(e) => return upload_refused(ui, e.render(ui)),
    };
    let mut notice = s.say("upload.read", ui, &[("file", &name_shown)]);
    if loaded.len() > 1 {
        notice.push(' ');
        notice.push_str(&s.say("upload.many", ui, &[("count", &loaded.len().to_string())]));
    }
    let form = Form::from_procurement(&loaded[0].procurement);
    respond(shared, form, ui, Some(notice), None, true).await
}

fn upload_refused(ui: Language, message: String) -> Response {
    let form = Form::default();
    let errors = vec![FieldError {
        field: Some("upload".to_string()),
        message,
    }];
    html_page(
        StatusCode::BAD_REQUEST,
        view::annex_page(&Page::form(ui, &form, errors)),
    )
}

/// `GET /check`: the check page's form.
pub async fn check_form(Query(q): Query<PageQuery>, headers: HeaderMap) -> Response {
    let ui = ui_language(q.lang.as_deref(), &headers);
    html_page(StatusCode::OK, view::check_page(ui, "", &[], None))
}

/// `POST /check`: a document checked, its report on the page.
pub async fn check_submit(
    State(shared): State<Shared>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let ui_guess = ui_language(None, &headers);
    let sent = read_multipart(multipart).await;
    let sent = match sent {
        Ok(sent) => sent,
        Err(message) => return check_refused(ui_guess, "", message),
    };
    let ui = pairs_language(&sent.fields, &headers);
    let jurisdiction_text = sent
        .fields
        .iter()
        .find(|(k, _)| k == "jurisdiction")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let jurisdiction = match super::api::choice::<Jurisdiction>(
        Some(jurisdiction_text.as_str()).filter(|t| !t.is_empty()),
        "jurisdiction",
    ) {
        Ok(j) => j,
        Err(e) => return check_refused(ui, &jurisdiction_text, e.message),
    };
    let Some((name, data)) = sent.file else {
        return check_refused(
            ui,
            &jurisdiction_text,
            Strings::embedded().say("upload.none", ui, &[]),
        );
    };
    let shown_jurisdiction = jurisdiction_text.clone();
    let worked = run(&shared, move |shared| {
        let options = ExtractOptions {
            jurisdiction,
            ..ExtractOptions::default()
        };
        let name = if name.is_empty() {
            "document".to_string()
        } else {
            name
        };
        let doc = match scan::extract::extract_bytes(name, data, &options) {
            Ok(doc) => doc,
            Err(e) => return Ok(check_refused(ui, &shown_jurisdiction, e.render(ui))),
        };
        let cx = CheckContext {
            scanner: shared.scanner,
            language: ui,
            jurisdiction,
            assessment: None,
        };
        let report = scan::check(&cx, std::slice::from_ref(&doc));
        let fragment = html::fragment(&crate::compose::check::document(&report), 1);
        Ok(html_page(
            StatusCode::OK,
            view::check_page(ui, &shown_jurisdiction, &[], Some(&fragment)),
        ))
    })
    .await;
    worked.unwrap_or_else(|e| e.into_response())
}

fn check_refused(ui: Language, jurisdiction: &str, message: String) -> Response {
    html_page(
        StatusCode::BAD_REQUEST,
        view::check_page(
            ui,
            jurisdiction,
            &[FieldError {
                field: Some("file".to_string()),
                message,
            }],
            None,
        ),
    )
}

/// `GET /api/cpv?q=WORDS&lang=sv`: CPV codes whose code or name matches, at most 20.
pub async fn cpv(Query(q): Query<PageQuery>, headers: HeaderMap) -> Response {
    let ui = ui_language(q.lang.as_deref(), &headers);
    let found = vocabulary::search(q.q.as_deref().unwrap_or(""), ui, 20);
    json_body(&json!(
        found
            .into_iter()
            .map(|(code, name)| json!({ "code": code, "name": name }))
            .collect::<Vec<_>>()
    ))
}

/// The page's style sheets and script, built in.
pub async fn web_css() -> Response {
    let mut css = crate::templates::current().style.text.clone();
    css.push_str(include_str!("../../templates/web/style.css"));
    bytes(css.into_bytes(), "text/css; charset=utf-8", None)
}

pub async fn web_js() -> Response {
    bytes(
        include_bytes!("../../templates/web/page.js").to_vec(),
        "text/javascript; charset=utf-8",
        None,
    )
}
