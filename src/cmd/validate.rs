//! `socialclause validate`: load procurement descriptions and say what each holds, so a
//! buyer editing a file learns at once whether it is right: its fields, and its choice of
//! clauses for the annex (which needs the library and the assessment).

use std::path::PathBuf;

use crate::cli::{AssessArgs, ValidateArgs};
use crate::error::Result;
use crate::input::{self, LoadOptions};
use crate::library::LibraryOptions;
use crate::output::Stdout;

use super::Outcome;
use super::assess::Assessor;

pub fn run(args: &ValidateArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let assessor = Assessor::new(
        &AssessArgs {
            input: PathBuf::from("-"),
            lang: None,
            date: None,
            jurisdiction: args.jurisdiction,
        },
        options,
    )?;
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
            assessor.assess(l)?;
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
