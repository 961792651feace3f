//! `socialclause schema KIND`: JSON Schema generated from the Rust types, for the inputs (so
//! editors such as yaml-language-server check files as they are typed) and for every JSON
//! output (so scripts can check what they are given).

use crate::assess::Assessment;
use crate::cli::{SchemaArgs, SchemaKind};
use crate::compose::shapes::{AnnexJson, BriefingJson, ChecklistJson};
use crate::error::Result;
use crate::input::Procurement;
use crate::library::Clause;
use crate::output::Stdout;
use crate::scan::Report;

use super::Outcome;
use super::batch::Row;

pub fn run(args: &SchemaArgs, out: &mut Stdout) -> Result<Outcome> {
    let mut text =
        serde_json::to_string_pretty(&schema(args.kind)).expect("a schema serialises to JSON");
    text.push('\n');
    out.write_str(&text)?;
    Ok(Outcome::Success)
}

/// A JSON Schema of what the program writes (serialize mode: a field left out when empty is
/// optional).
fn output_schema<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The JSON Schema of `kind`.
pub fn schema(kind: SchemaKind) -> schemars::Schema {
    match kind {
        SchemaKind::Procurement => Procurement::json_schema(),
        SchemaKind::Clause => schemars::schema_for!(Clause),
        SchemaKind::Assessment => output_schema::<Assessment>(),
        SchemaKind::Annex => output_schema::<AnnexJson>(),
        SchemaKind::Checklist => output_schema::<ChecklistJson>(),
        SchemaKind::Check => output_schema::<Report>(),
        SchemaKind::Batch => output_schema::<Vec<Row>>(),
        SchemaKind::Briefing => output_schema::<BriefingJson>(),
    }
}
