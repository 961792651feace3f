//! `socialclause schema procurement|clause`: JSON Schema generated from the Rust types, so
//! editors (yaml-language-server) can check files as they are typed.

use crate::cli::{SchemaArgs, SchemaKind};
use crate::error::Result;
use crate::input::Procurement;
use crate::library::Clause;
use crate::output::Stdout;

use super::Outcome;

pub fn run(args: &SchemaArgs, out: &mut Stdout) -> Result<Outcome> {
    let schema = match args.kind {
        SchemaKind::Procurement => Procurement::json_schema(),
        SchemaKind::Clause => schemars::schema_for!(Clause),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    text.push('\n');
    out.write_str(&text)?;
    Ok(Outcome::Success)
}
