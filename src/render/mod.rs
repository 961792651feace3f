//! Renderers: each reads an assessment (and, later, the document model) and writes one format.

pub mod check_text;
pub mod columns;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod terminal;
