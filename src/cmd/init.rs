//! `socialclause init`: a commented starter procurement description for one jurisdiction.

use crate::cli::InitArgs;
use crate::error::Result;
use crate::input::Jurisdiction;
use crate::output::{Stdout, write_file};

use super::Outcome;

/// The starter file for a jurisdiction (embedded from `templates/init/`).
pub fn starter(jurisdiction: Jurisdiction) -> &'static str {
    match jurisdiction {
        Jurisdiction::Se => include_str!("../../templates/init/se.yaml"),
        Jurisdiction::Scotland => include_str!("../../templates/init/scotland.yaml"),
        Jurisdiction::England => include_str!("../../templates/init/england.yaml"),
        Jurisdiction::Wales => include_str!("../../templates/init/wales.yaml"),
        Jurisdiction::NorthernIreland => include_str!("../../templates/init/northern-ireland.yaml"),
        Jurisdiction::Eu => include_str!("../../templates/init/eu.yaml"),
    }
}

pub fn run(args: &InitArgs, out: &mut Stdout) -> Result<Outcome> {
    let text = starter(args.jurisdiction);
    match &args.output {
        Some(path) if path.as_os_str() != "-" => write_file(path, text.as_bytes(), args.force)?,
        _ => out.write_str(text)?,
    }
    Ok(Outcome::Success)
}
