//! The API's handlers. Each reads its request (query, content type, body), does the work on a
//! blocking thread — at most a few at once, within a time limit — and answers with the same
//! JSON or document the command line writes.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use clap::ValueEnum;
use serde::Deserialize;
use serde_json::json;

use super::reply::{ApiError, bytes, json_body};
use super::{QUEUE_TIME, Shared, WORK_TIME};
use crate::assess::Assessment;
use crate::cli::DocumentFormat;
use crate::cmd::document::{Kind, compose, file_stem, render_counted};
use crate::input::{self, Date, Jurisdiction, Language, LoadOptions, Source};
use crate::scan::{self, CheckContext, ExtractOptions};

/// What a request may ask in its query: `?date=2026-06-01&lang=sv&format=pdf`.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    date: Option<String>,
    lang: Option<String>,
    jurisdiction: Option<String>,
    format: Option<String>,
    name: Option<String>,
}

/// The query, read: each value checked, with a 400 naming the one that is wrong.
struct Asked {
    date: Option<Date>,
    lang: Option<Language>,
    jurisdiction: Option<Jurisdiction>,
}

impl Params {
    fn read(&self) -> Result<Asked, ApiError> {
        let date = match &self.date {
            Some(text) => Some(Date::parse(text).map_err(|e| {
                ApiError::new(StatusCode::BAD_REQUEST, format!("date: {}", e.en))
                    .help("give the date as YYYY-MM-DD, for example 2026-06-01")
            })?),
            None => None,
        };
        Ok(Asked {
            date,
            lang: choice(self.lang.as_deref(), "lang")?,
            jurisdiction: choice(self.jurisdiction.as_deref(), "jurisdiction")?,
        })
    }
}

/// A query value that must be one of an enum's names.
pub(super) fn choice<T: ValueEnum>(text: Option<&str>, name: &str) -> Result<Option<T>, ApiError> {
    let Some(text) = text else {
        return Ok(None);
    };
    T::from_str(text, true).map(Some).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{name}: unknown value `{text}`"),
        )
        .help(format!("one of: {}", names.join(", ")))
    })
}

pub async fn healthz() -> Response {
    json_body(&json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// `GET /api/openapi.json`: the API described in OpenAPI 3.1 (`data/openapi.json`).
pub async fn openapi() -> Response {
    bytes(
        include_str!("../../data/openapi.json").as_bytes().to_vec(),
        "application/json",
        None,
    )
}

pub async fn not_found() -> Response {
    ApiError::new(StatusCode::NOT_FOUND, "no such path")
        .help("the API answers GET /healthz and /api/openapi.json, and POST /api/assess, /api/annex, /api/checklist and /api/check")
        .into_response()
}

pub async fn wrong_method() -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this path does not take that method",
    )
    .help("GET /healthz; every /api/ path takes POST with the input as the body")
    .into_response()
}

/// `POST /api/assess`: the assessment, as `match --format json` gives it.
pub async fn assess(
    State(shared): State<Shared>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(async move {
        let (text, yaml, asked) = procurement_request(&params, &headers, body)?;
        run(&shared, move |shared| {
            let assessments = assessments(shared, text, yaml, &asked)?;
            Ok(match assessments.as_slice() {
                [one] => json_body(one),
                many => json_body(&many),
            })
        })
        .await
    })
    .await
}

/// `POST /api/annex?format=…`: the annex, as `annex` writes it.
pub async fn annex(
    State(shared): State<Shared>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    document(Kind::Annex, shared, params, headers, body).await
}

/// `POST /api/checklist?format=…`: the checklist, as `checklist` writes it.
pub async fn checklist(
    State(shared): State<Shared>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    document(Kind::Checklist, shared, params, headers, body).await
}

async fn document(
    kind: Kind,
    shared: Shared,
    params: Params,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(async move {
        let (text, yaml, asked) = procurement_request(&params, &headers, body)?;
        let format = choice::<DocumentFormat>(params.format.as_deref(), "format")?
            .unwrap_or(DocumentFormat::Html);
        run(&shared, move |shared| {
            let assessments = assessments(shared, text, yaml, &asked)?;
            let [a] = assessments.as_slice() else {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "the body holds {} procurements; a document is made for one",
                        assessments.len()
                    ),
                )
                .help("send one procurement, or use /api/assess for several"));
            };
            Ok(document_response(kind, format, a, &shared.assessor.library))
        })
        .await
    })
    .await
}

/// A document made from an assessment, as the command line writes it, with its content type
/// and file name.
pub fn document_response(
    kind: Kind,
    format: DocumentFormat,
    a: &Assessment,
    library: &crate::library::Library,
) -> Response {
    let doc = compose(kind, a, library, false);
    let (body, _) = render_counted(kind, format, &doc, a);
    let suffix = match kind {
        Kind::Annex => "annex",
        Kind::Checklist => "checklist",
    };
    let file = format!(
        "{}-{suffix}.{}",
        file_stem(&a.procurement),
        format.extension()
    );
    bytes(body, content_type(format), Some(&file))
}

/// `POST /api/check?name=FILE`: the check of one document (its bytes the body; its name
/// tells the format where the bytes do not), as `check --format json` gives it.
pub async fn check(
    State(shared): State<Shared>,
    Query(params): Query<Params>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(async move {
        let asked = params.read()?;
        let body = body.map_err(rejected)?;
        let name = params
            .name
            .clone()
            .unwrap_or_else(|| "document".to_string());
        run(&shared, move |shared| {
            let options = ExtractOptions {
                jurisdiction: asked.jurisdiction,
                ..ExtractOptions::default()
            };
            let lang = asked.lang.unwrap_or(Language::En);
            let doc = scan::extract::extract_bytes(name, body.to_vec(), &options)
                .map_err(|e| ApiError::input(&e, lang))?;
            let language = asked.lang.unwrap_or_else(|| {
                scan::check::report_language(None, asked.jurisdiction, std::slice::from_ref(&doc))
            });
            let cx = CheckContext {
                scanner: shared.scanner,
                language,
                jurisdiction: asked.jurisdiction,
                assessment: None,
            };
            Ok(json_body(&scan::check(&cx, std::slice::from_ref(&doc))))
        })
        .await
    })
    .await
}

/// A procurement request's text, whether it is YAML (else JSON), and its query: a 415 for a
/// content type that is neither, a 400 for a body that is not UTF-8.
fn procurement_request(
    params: &Params,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(String, bool, Asked), ApiError> {
    let asked = params.read()?;
    let body = body.map_err(rejected)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase())
        .unwrap_or_default();
    let yaml = match content_type.as_str() {
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => true,
        "application/json" => false,
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                if other.is_empty() {
                    "the request has no content type".to_string()
                } else {
                    format!("content type {other} is not read here")
                },
            )
            .help("send the procurement as application/yaml, or a procurement or a published notice (OCDS) as application/json"));
        }
    };
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        ApiError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text")
            .help("save the file as UTF-8")
    })?;
    Ok((text, yaml, asked))
}

/// Every procurement in a request's text, assessed on the date and in the language asked.
fn assessments(
    shared: &Shared,
    text: String,
    yaml: bool,
    asked: &Asked,
) -> Result<Vec<Assessment>, ApiError> {
    let lang_of = |declared: Option<Language>| asked.lang.or(declared).unwrap_or(Language::En);
    let source = Source::from_text("request", text);
    let declared = crate::said::declared_language(&source.text);
    let options = LoadOptions {
        jurisdiction: asked.jurisdiction,
        ..LoadOptions::default()
    };
    let loaded = input::load_text(source, yaml, &options)
        .map_err(|e| ApiError::input(&e, lang_of(declared.or(e.file_language()))))?;
    loaded
        .iter()
        .map(|l| {
            shared
                .assessor
                .assess_as(l, asked.date, asked.lang)
                .map_err(|e| ApiError::input(&e, lang_of(Some(l.procurement.language()))))
        })
        .collect()
}

/// The body extractor's refusal (a body over the limit is 413) as an error answer.
fn rejected(rejection: BytesRejection) -> ApiError {
    let status = rejection.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "the body is larger than this server accepts".to_string()
    } else {
        rejection.body_text()
    };
    ApiError::new(status, message).help("the limit is set with `socialclause serve --max-body`")
}

fn content_type(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::Html => "text/html; charset=utf-8",
        DocumentFormat::Pdf => "application/pdf",
        DocumentFormat::Md => "text/markdown; charset=utf-8",
        DocumentFormat::Json => "application/json",
        DocumentFormat::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }
}

/// The answer of a handler's work, its error as an error answer.
async fn answer(work: impl Future<Output = Result<Response, ApiError>>) -> Response {
    match work.await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

/// Runs `work` on a blocking thread once a worker is free: 503 when none comes free in time
/// or the work runs over its time.
pub(super) async fn run(
    shared: &Shared,
    work: impl FnOnce(&Shared) -> Result<Response, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let busy = || {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is busy")
            .help("try again in a moment")
    };
    let permit = tokio::time::timeout(QUEUE_TIME, shared.workers.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())?;
    let owned = shared.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&owned)
    });
    match tokio::time::timeout(WORK_TIME, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the work failed",
        )),
        Err(_) => Err(busy()),
    }
}
