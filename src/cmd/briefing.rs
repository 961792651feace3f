//! `socialclause briefing`: one document over a portfolio of procurements, for advocates.
//! Every input must load: a briefing over part of a portfolio would mislead, so every bad
//! procurement is listed and nothing is written.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{AssessArgs, BriefingArgs, BriefingFormat};
use crate::compose::briefing::briefing;
use crate::error::{Error, Result};
use crate::input::{self, Jurisdiction, Language, LoadOptions, Loaded};
use crate::library::{Library, LibraryOptions};
use crate::output::{Stdout, write_file};
use crate::render::{html, markdown, pdf};
use crate::scan::check::DocumentReport;
use crate::scan::extract::notice_releases;
use crate::scan::{self, CheckContext, ExtractOptions};

use super::Outcome;
use super::assess::Assessor;
use super::batch::inputs;
use super::check::scanner;
use super::document::wrote;

pub fn run(args: &BriefingArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let format =
        args.format
            .unwrap_or_else(|| match args.output.extension().and_then(|e| e.to_str()) {
                Some("pdf") => BriefingFormat::Pdf,
                Some("docx") => BriefingFormat::Docx,
                Some("md") => BriefingFormat::Md,
                Some("json") => BriefingFormat::Json,
                _ => BriefingFormat::Html,
            });
    let to_stdout = args.output.as_os_str() == "-";
    let binary = matches!(format, BriefingFormat::Pdf | BriefingFormat::Docx);
    if to_stdout && binary && std::io::stdout().is_terminal() {
        let (name, example) = match format {
            BriefingFormat::Docx => ("DOCX", "briefing.docx"),
            _ => ("PDF", "briefing.pdf"),
        };
        return Err(crate::output::binary_on_terminal(name, example));
    }
    if !to_stdout && !args.force && args.output.exists() {
        return Err(crate::output::exists_already(&args.output));
    }
    let files = inputs(&args.inputs, &args.output)?;
    let load_options = LoadOptions {
        jurisdiction: args.rules.jurisdiction,
        ..LoadOptions::default()
    };
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        input::load_each(file, &load_options, &mut |r| match r {
            Ok(l) => loaded.push(l),
            Err(f) => errors.push(f.error),
        });
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    let lang = args.lang.unwrap_or_else(|| {
        if loaded
            .iter()
            .all(|l| l.procurement.jurisdiction == Jurisdiction::Se)
        {
            Language::Sv
        } else {
            Language::En
        }
    });
    let assessor = Assessor::new(
        &AssessArgs {
            input: PathBuf::from("-"),
            lang: Some(lang),
            date: args.rules.date,
            jurisdiction: args.rules.jurisdiction,
        },
        options,
    )?;
    // Every procurement whose choice of clauses cannot be carried out is listed, as for
    // loading.
    let progress = super::spinner(args.quiet, args.lang);
    let mut portfolio = Vec::with_capacity(loaded.len());
    for l in &loaded {
        match assessor.assess(l) {
            Ok(a) => portfolio.push(a),
            Err(e) => errors.push(e),
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    let notices = notices(&loaded, &assessor.library, lang, args.rules.jurisdiction)?;
    let doc = briefing(&portfolio, &notices, lang);
    let (bytes, pages) = match format {
        BriefingFormat::Html => (html::render(&doc).into_bytes(), None),
        BriefingFormat::Pdf => {
            let (bytes, pages) = pdf::render_counted(&doc);
            (bytes, Some(pages))
        }
        BriefingFormat::Md => {
            let mut text = markdown::render(&doc);
            text.push('\n');
            (text.into_bytes(), None)
        }
        BriefingFormat::Docx => (crate::render::docx::render(&doc), None),
        BriefingFormat::Json => {
            let mut text = serde_json::to_string_pretty(&crate::compose::shapes::BriefingJson {
                document: &doc,
            })
            .expect("a document serialises to JSON");
            text.push('\n');
            (text.into_bytes(), None)
        }
    };
    if to_stdout {
        out.write_bytes(&bytes)?;
    } else {
        write_file(&args.output, &bytes, args.force)?;
        if !args.quiet {
            wrote(&args.output, bytes.len(), pages, lang);
        }
    }
    Ok(Outcome::Success)
}

/// What the checker reads in each procurement that is a published notice (`None` for a
/// description, or a notice read from standard input, which cannot be read again): every
/// release of each notice file read again as a document and checked on its own.
fn notices(
    loaded: &[Loaded],
    library: &Library,
    lang: Language,
    jurisdiction: Option<Jurisdiction>,
) -> Result<Vec<Option<DocumentReport>>> {
    let scanner = scanner(library)?;
    let cx = CheckContext {
        scanner: &scanner,
        language: lang,
        jurisdiction,
        assessment: None,
    };
    let options = ExtractOptions {
        jurisdiction,
        ..ExtractOptions::default()
    };
    let mut by_file: HashMap<&str, Vec<DocumentReport>> = HashMap::new();
    for l in loaded {
        if l.procurement.notice.is_none() || l.file == "-" || by_file.contains_key(&*l.file) {
            continue;
        }
        let releases = notice_releases(Path::new(&l.file), &options)?;
        by_file.insert(&l.file, scan::check(&cx, &releases).documents);
    }
    Ok(loaded
        .iter()
        .map(|l| by_file.get(&*l.file)?.get(l.item?).cloned())
        .collect())
}
