//! The one intermediate document model every renderer reads: headings, paragraphs, lists,
//! tables, checklist items with a status, fill-in fields and notes, with inline strong,
//! emphasis and links. No format carries content the others lack, because they all render
//! this.

use serde::Serialize;

use crate::assess::CheckStatus;
use crate::input::Language;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Document {
    pub language: Language,
    /// The document's title (the `<title>`, the PDF title, the first heading).
    pub title: String,
    /// The authority, where known (the PDF's author).
    pub author: Option<String>,
    /// One line on what the document is (the PDF's subject).
    pub subject: String,
    /// The running header of every page (authority, reference, label), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<String>,
    /// Whether the file may name the tool that made it (the PDF's creator and producer): not
    /// for the annex, which is the buyer's own tender text.
    #[serde(skip)]
    pub credited: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Block {
    /// Level 1 is the document title; there is one.
    Heading {
        level: u8,
        id: String,
        /// A numbered requirement's number, given before the text (Word numbers it itself,
        /// so that the buyer's edits renumber); others point to it with [`Inline::Ref`].
        #[serde(skip_serializing_if = "Option::is_none")]
        number: Option<usize>,
        text: Vec<Inline>,
    },
    Paragraph {
        text: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A table with one header row; cells hold inline text.
    Table {
        caption: Option<String>,
        header: Vec<String>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A checklist item: its status is said in words, never by colour alone.
    Check {
        status: CheckStatus,
        status_label: String,
        title: String,
        reason: String,
        guidance: String,
    },
    /// A form to fill in: one row per item, given in the first column, and the other columns
    /// empty to write in, each `widths` percent of the line wide.
    Form {
        header: Vec<String>,
        rows: Vec<Vec<Inline>>,
        widths: Vec<u8>,
    },
    /// A field for the reader to fill in.
    Field {
        label: String,
    },
    /// A note set apart from the text (guidance, warnings, the disclaimer).
    Note {
        text: Vec<Inline>,
    },
    /// A horizontal bar chart of figures in one unit. Every renderer gives the figures as
    /// text too (the labels and values), and a table with them should follow.
    Chart {
        id: String,
        caption: String,
        bars: Vec<Bar>,
        /// The value a full bar stands for (the number of procurements, for shares of them);
        /// the largest value where none is given.
        #[serde(skip_serializing_if = "Option::is_none")]
        scale: Option<f64>,
    },
}

/// One bar: its label, its value, and the value as written.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", tag = "type", content = "content")]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    Link {
        text: String,
        url: String,
    },
    /// A numbered heading's number where another part of the document points to it: `id` is
    /// the heading's, `number` its number (written "5.").
    Ref {
        id: String,
        number: usize,
    },
}

/// Plain text as inline content.
pub fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

impl Block {
    pub fn heading(level: u8, id: impl Into<String>, title: impl Into<String>) -> Block {
        Block::Heading {
            level,
            id: id.into(),
            number: None,
            text: text(title),
        }
    }

    /// A heading numbered `number` ("5. Title"), for others to point to by `id`.
    pub fn numbered(
        level: u8,
        id: impl Into<String>,
        number: usize,
        title: impl Into<String>,
    ) -> Block {
        Block::Heading {
            level,
            id: id.into(),
            number: Some(number),
            text: text(title),
        }
    }

    pub fn paragraph(s: impl Into<String>) -> Block {
        Block::Paragraph { text: text(s) }
    }

    pub fn note(s: impl Into<String>) -> Block {
        Block::Note { text: text(s) }
    }
}

/// The value a chart's full bar stands for: its scale, else its largest value.
pub fn full_bar(scale: Option<f64>, bars: &[Bar]) -> f64 {
    scale.unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
}

/// The plain text of inline content (for outlines and metadata).
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => out.push_str(t),
            Inline::Link { text, .. } => out.push_str(text),
            Inline::Ref { number, .. } => out.push_str(&number_text(*number)),
        }
    }
    out
}

/// How a numbered heading's number is written before its text, and how [`Inline::Ref`]
/// writes it: "5.".
pub fn number_text(number: usize) -> String {
    format!("{number}.")
}

/// A heading's text with its number, if it has one, before it: for the formats that do not
/// number headings themselves.
pub fn heading_text(number: Option<usize>, text: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(text.len() + 1);
    if let Some(n) = number {
        out.push(Inline::Text(format!("{} ", number_text(n))));
    }
    out.extend_from_slice(text);
    out
}

/// A pointer to the heading `id` numbered `number`.
pub fn reference(id: impl Into<String>, number: usize) -> Inline {
    Inline::Ref {
        id: id.into(),
        number,
    }
}
