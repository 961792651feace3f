//! `socialclause schema procurement|clause|assessment`: JSON Schema generated from the Rust
//! types, so editors (yaml-language-server) can check files as they are typed and scripts can
//! check what `match --format json` gives them.

use crate::assess::Assessment;
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
        // What the program writes, not what it reads: a field left out when empty is optional.
        SchemaKind::Assessment => schemars::generate::SchemaSettings::default()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<Assessment>(),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    text.push('\n');
    out.write_str(&text)?;
    Ok(Outcome::Success)
}
