//! The shapes of the JSON outputs that are not a library type already: the annex, the
//! checklist and the briefing as JSON. Typed, so that `schema` derives their JSON Schemas from
//! the same types that write them.

use serde::Serialize;

use super::annex::AnnexEntry;
use super::document::Document;
use crate::assess::Assessment;

/// `annex --format json`: the bidders' text as data. The clauses with their figures, and the
/// document; never the assessment behind them (reasons, scores, unverified facts), which is
/// the buyer's.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AnnexJson<'a> {
    pub selection: Vec<AnnexEntry>,
    pub document: &'a Document,
}

/// `checklist --format json`: the buyer's document, with the assessment it was made from.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChecklistJson<'a> {
    pub selection: Vec<AnnexEntry>,
    pub assessment: &'a Assessment,
    pub document: &'a Document,
}

/// `briefing --format json`: the briefing as a document (its tables and charts carry the
/// figures), for scripts that lay it out themselves.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct BriefingJson<'a> {
    pub document: &'a Document,
}
