//! `socialclause validate`: load procurement descriptions and say what each holds, so a
//! buyer editing a file learns at once whether it is right.

use crate::cli::ValidateArgs;
use crate::error::Result;
use crate::input::{self, LoadOptions};
use crate::output::Stdout;

use super::Outcome;

pub fn run(args: &ValidateArgs, out: &mut Stdout) -> Result<Outcome> {
    for path in &args.inputs {
        let loaded = input::load(
            path,
            &LoadOptions {
                jurisdiction: args.jurisdiction,
                ..LoadOptions::default()
            },
        )?;
        let several_documents = loaded.iter().any(|l| l.document > 0);
        for l in &loaded {
            let p = &l.procurement;
            let mut place = l.file.clone();
            if several_documents {
                place.push_str(&format!(" document {}", l.document + 1));
            }
            if let Some(i) = l.item {
                place.push_str(&format!(" item {}", i + 1));
            }
            let kind = p.kind.map_or("?".to_string(), |k| input::yaml::name_of(&k));
            let value = p.value.map_or("?".to_string(), |v| v.to_string());
            out.write_str(&format!(
                "ok {place}: {} ({}, {kind}, {value})\n",
                p.title, p.jurisdiction
            ))?;
        }
    }
    Ok(Outcome::Success)
}
