//! The server's answers: a document or JSON with its content type, and errors as
//! `{"error": {"message", "line", "column", "help"}}` with their HTTP status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::Error;
use crate::input::Language;

/// An error answer: its status and what the body says.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub help: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            line: None,
            column: None,
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A bad input, as the command line reports it, in `lang`: the first problem's place,
    /// and every problem's text in the message.
    pub fn input(error: &Error, lang: Language) -> Self {
        let (line, column, help) = match error {
            Error::Input(d) => (
                d.line,
                d.column,
                d.help.as_ref().map(|h| h.get(lang).to_string()),
            ),
            Error::Inputs(list) => list.first().map_or((None, None, None), |d| {
                (
                    d.line,
                    d.column,
                    d.help.as_ref().map(|h| h.get(lang).to_string()),
                )
            }),
            Error::Usage { help, .. } => {
                (None, None, help.as_ref().map(|h| h.get(lang).to_string()))
            }
            _ => (None, None, None),
        };
        let message = match error {
            Error::Input(d) => d.message.get(lang).to_string(),
            _ => error.render(lang),
        };
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message,
            line,
            column,
            help,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": {
                "message": self.message,
                "line": self.line,
                "column": self.column,
                "help": self.help,
            }
        });
        (self.status, json_body(&body)).into_response()
    }
}

/// A JSON body with its content type.
pub fn json_body(value: &impl serde::Serialize) -> Response {
    let mut text = serde_json::to_string_pretty(value).expect("an answer serialises to JSON");
    text.push('\n');
    bytes(text.into_bytes(), "application/json", None)
}

/// Bytes with their content type and, for a file to save, its name.
pub fn bytes(body: Vec<u8>, content_type: &'static str, file: Option<&str>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(file) = file
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
