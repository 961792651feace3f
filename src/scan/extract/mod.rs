//! Text extraction for the checker: plain text, Markdown, HTML, DOCX, PDF and OCDS notices, each
//! turned into one text to scan and a way back from a place in that text to a place a reader
//! can find (line and column, page, paragraph, or JSON path).

mod docx;
mod html;
pub mod json;
mod markdown;
mod pdf;

use std::path::Path;

use serde::Serialize;

use crate::error::{Diagnostic, Result};
use crate::input::source::{decode, read_bytes};
use crate::input::{DEFAULT_SIZE_LIMIT, Jurisdiction, Procurement};
use crate::text::SourceText;

/// The formats the checker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
    Ocds,
}

impl Format {
    /// The format of a file, from its first bytes where they tell, else from its extension.
    fn detect(name: &str, bytes: &[u8]) -> std::result::Result<Format, Diagnostic> {
        if bytes.starts_with(b"%PDF-") {
            return Ok(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Ok(Format::Docx);
        }
        let extension = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("txt" | "text") => Ok(Format::Text),
            Some("md" | "markdown") => Ok(Format::Markdown),
            Some("html" | "htm" | "xhtml") => Ok(Format::Html),
            Some("json") => Ok(Format::Ocds),
            Some("pdf" | "docx") => Err(Diagnostic::new(
                name,
                "the file's content does not match its name: it is not a PDF or Word (.docx) file",
            )
            .help("open it in the program that made it and save it again")),
            None if name == "-" => Ok(sniff(bytes)),
            other => Err(Diagnostic::new(
                name,
                match other {
                    Some(ext) => format!("files ending in `.{ext}` cannot be checked"),
                    None => "a file without an extension cannot be checked".to_string(),
                },
            )
            .expected("a .txt, .md, .html, .docx or .pdf document, or an OCDS notice (.json)")
            .help(
                "save the tender as PDF or Word (.docx), or as plain text, from the program that made it",
            )),
        }
    }
}

/// Standard input carries no name: a notice starts with `{`, a web page with `<`.
fn sniff(bytes: &[u8]) -> Format {
    let start = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    match start {
        Some(b'{' | b'[') => Format::Ocds,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    }
}

/// One document, extracted: the text to scan and the way back to places in the file.
pub struct Extracted {
    /// As the user named it.
    pub name: String,
    pub format: Format,
    pub text: SourceText,
    places: Places,
    /// For an OCDS notice: what the notice says in its structured fields.
    pub notices: Vec<Procurement>,
}

/// How offsets in the extracted text map to places in the file.
enum Places {
    /// The extracted text is the file: its own lines and columns.
    Lines,
    /// HTML and Markdown: `(text offset, file offset)` at the start of every verbatim run, and the file's
    /// line starts.
    Mapped {
        runs: Vec<(usize, usize)>,
        line_starts: Vec<usize>,
        original: String,
    },
    /// Units that start at these offsets: paragraphs (DOCX), pages (PDF) or fields (OCDS).
    Units { starts: Vec<usize>, unit: Unit },
}

enum Unit {
    Paragraph,
    Page,
    Field(Vec<String>),
}

/// A place in a document a reader can find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Place {
    /// Line (of the file, or of the page or field) and column, both from 1.
    pub line: usize,
    pub column: usize,
    /// The page of a PDF, the paragraph of a DOCX file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// The JSON path of an OCDS field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
    /// All of it in one string: `file:12:5`, `file, page 3, line 12`, `file, paragraph 8`,
    /// `file, releases[0].tender.description, line 2`.
    pub location: String,
}

/// What can be read, and how much.
#[derive(Debug, Clone, Copy)]
pub struct ExtractOptions {
    pub size_limit: u64,
    /// The jurisdiction of a notice whose ocid does not tell it.
    pub jurisdiction: Option<Jurisdiction>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            size_limit: DEFAULT_SIZE_LIMIT,
            jurisdiction: None,
        }
    }
}

/// Reads and extracts one document, or `-` for standard input.
pub fn extract(path: &Path, options: &ExtractOptions) -> Result<Extracted> {
    let (name, bytes) = read_bytes(path, options.size_limit)?;
    extract_bytes(name, bytes, options)
}

/// Reads a published notice (OCDS) as one document per release, each with its procurement
/// (see [`crate::input::ocds::load`]): what each says, on its own.
pub fn notice_releases(path: &Path, options: &ExtractOptions) -> Result<Vec<Extracted>> {
    let (name, bytes) = read_bytes(path, options.size_limit)?;
    let source = crate::input::Source::from_text(name.clone(), decode(&name, bytes)?);
    let notices = crate::input::ocds::load(&source, options.jurisdiction)?;
    let fields = json::text_fields(&source)?;
    Ok(notices
        .into_iter()
        .enumerate()
        .map(|(i, notice)| {
            Extracted::from_fields(name.clone(), json::of_release(&fields, i), vec![notice])
        })
        .collect())
}

/// Extracts a document held in memory.
pub fn extract_bytes(name: String, bytes: Vec<u8>, options: &ExtractOptions) -> Result<Extracted> {
    let format = Format::detect(&name, &bytes)?;
    let (text, places, notices) = match format {
        Format::Text => (decode(&name, bytes)?, Places::Lines, Vec::new()),
        Format::Html | Format::Markdown => {
            let original = decode(&name, bytes)?;
            let (text, runs) = if format == Format::Html {
                html::visible_text(&original)
            } else {
                markdown::text(&original)
            };
            let line_starts = line_starts(&original);
            let places = Places::Mapped {
                runs,
                line_starts,
                original,
            };
            (text, places, Vec::new())
        }
        Format::Docx => {
            let (text, starts) = docx::paragraphs(&name, &bytes, options.size_limit)?;
            let unit = Unit::Paragraph;
            (text, Places::Units { starts, unit }, Vec::new())
        }
        Format::Pdf => {
            let (text, starts) = pdf::pages(&name, &bytes, options.size_limit)?;
            (
                text,
                Places::Units {
                    starts,
                    unit: Unit::Page,
                },
                Vec::new(),
            )
        }
        Format::Ocds => {
            let source = crate::input::Source::from_text(name.clone(), decode(&name, bytes)?);
            let notices = crate::input::ocds::load(&source, options.jurisdiction)?;
            let fields = json::text_fields(&source)?;
            return Ok(Extracted::from_fields(name, fields, notices));
        }
    };
    Ok(Extracted {
        name,
        format,
        text: SourceText::new(text),
        places,
        notices,
    })
}

impl Extracted {
    /// A notice's prose fields as one text, paragraph by paragraph, each place found by its
    /// field's JSON path.
    pub fn from_fields(name: String, fields: Vec<json::Field>, notices: Vec<Procurement>) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(fields.len());
        let mut paths = Vec::with_capacity(fields.len());
        for field in fields {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            paths.push(field.path);
            text.push_str(&field.text);
        }
        Extracted {
            name,
            format: Format::Ocds,
            text: SourceText::new(text),
            places: Places::Units {
                starts,
                unit: Unit::Field(paths),
            },
            notices,
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// 1-based line and column (in characters) of `offset` counted from `start` in `text`.
fn line_column_from(text: &str, start: usize, offset: usize) -> (usize, usize) {
    let before = &text[start..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

impl Extracted {
    /// Where a byte offset of the extracted text is in the file.
    pub fn place(&self, offset: usize) -> Place {
        let name = &self.name;
        match &self.places {
            Places::Lines => {
                let (line, column) = self.text.line_column(offset);
                Place::at(line, column, format!("{name}:{line}:{column}"))
            }
            Places::Mapped {
                runs,
                line_starts,
                original,
            } => {
                let run = runs
                    .partition_point(|&(t, _)| t <= offset)
                    .saturating_sub(1);
                let (text_start, file_start) = runs.get(run).copied().unwrap_or((0, 0));
                let mut at = (file_start + (offset - text_start.min(offset))).min(original.len());
                while !original.is_char_boundary(at) {
                    at -= 1;
                }
                let line = line_starts.partition_point(|&s| s <= at);
                let (_, column) = line_column_from(original, line_starts[line - 1], at);
                Place::at(line, column, format!("{name}:{line}:{column}"))
            }
            Places::Units { starts, unit } => {
                let index = starts.partition_point(|&s| s <= offset).max(1) - 1;
                let start = starts.get(index).copied().unwrap_or(0);
                let (line, column) = line_column_from(self.text.original(), start, offset);
                let n = index + 1;
                match unit {
                    Unit::Paragraph => Place {
                        paragraph: Some(n),
                        ..Place::at(line, column, format!("{name}, paragraph {n}"))
                    },
                    Unit::Page => Place {
                        page: Some(n),
                        ..Place::at(line, column, format!("{name}, page {n}, line {line}"))
                    },
                    Unit::Field(paths) => {
                        let path = paths.get(index).cloned().unwrap_or_default();
                        Place {
                            json_path: Some(path.clone()),
                            ..Place::at(line, column, format!("{name}, {path}:{line}:{column}"))
                        }
                    }
                }
            }
        }
    }
}

impl Place {
    fn at(line: usize, column: usize, location: String) -> Self {
        Place {
            line,
            column,
            page: None,
            paragraph: None,
            json_path: None,
            location,
        }
    }
}

/// Text built from pieces of a marked-up file: white space folded, paragraph breaks where the
/// markup ends a block, and `(text offset, file offset)` at the start of every verbatim run.
#[derive(Default)]
struct Runs {
    text: String,
    runs: Vec<(usize, usize)>,
    /// A break waiting to be written before the next word: a space, or a paragraph.
    pending: Option<(Break, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Space,
    Paragraph,
}

impl Runs {
    fn space(&mut self, at: usize) {
        self.pending_break(Break::Space, at);
    }

    fn paragraph(&mut self, at: usize) {
        self.pending_break(Break::Paragraph, at);
    }

    fn pending_break(&mut self, b: Break, at: usize) {
        self.pending = match self.pending {
            Some((p, a)) => Some((p.max(b), a)),
            None => Some((b, at)),
        };
    }

    fn verbatim(&mut self, s: &str, at: usize) {
        if let Some((b, a)) = self.pending.take()
            && !self.text.is_empty()
        {
            self.runs.push((self.text.len(), a));
            self.text
                .push_str(if b == Break::Paragraph { "\n\n" } else { " " });
        }
        self.runs.push((self.text.len(), at));
        self.text.push_str(s);
    }

    fn finish(self) -> (String, Vec<(usize, usize)>) {
        (self.text, self.runs)
    }
}

#[cfg(test)]
mod tests;
