//! `socialclause annex` and `socialclause checklist`: assess, compose the document, render it
//! in each format asked for, and write it atomically where `-o` says.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::assess::{Assessment, Flags};
use crate::cli::{AssessArgs, DocumentArgs, DocumentFormat};
use crate::compose::shapes::{AnnexJson, ChecklistJson};
use crate::compose::{self, Document};
use crate::error::{Error, Result};
use crate::library::{Library, LibraryOptions};
use crate::output::{Stdout, write_file};
use crate::render::{html, markdown, pdf};
use crate::said::say;

use super::Outcome;
use super::assess::{Assessor, load_input};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Annex,
    Checklist,
}

/// The document of one kind for an assessment.
pub fn compose(kind: Kind, a: &Assessment, library: &Library, with_guidance: bool) -> Document {
    match kind {
        Kind::Annex => compose::annex::annex(a, library),
        Kind::Checklist => compose::checklist::checklist(a, library, with_guidance),
    }
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Annex => "annex",
            Kind::Checklist => "checklist",
        }
    }
}

pub fn run(
    kind: Kind,
    args: &DocumentArgs,
    options: &LibraryOptions,
    out: &mut Stdout,
) -> Result<Outcome> {
    let mut formats = args.format.clone();
    formats.dedup();
    let mut loaded = load_input(&args.assess)?;
    read_documents(kind, args, &mut loaded)?;
    let target = Target::resolve(args, &formats, loaded.len())?;
    let mut assessor = Assessor::new(&args.assess, options)?;
    assessor.flags = Flags {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let mut names = HashSet::new();
    for l in &loaded {
        let a = assessor.assess(l)?;
        let doc = compose(kind, &a, &assessor.library, args.with_guidance);
        let stem = unique(&mut names, &file_stem(&l.procurement));
        for &format in &formats {
            let (bytes, pages) = render_counted(kind, format, &doc, &a);
            let path = match &target {
                Target::Stdout => {
                    out.write_bytes(&bytes)?;
                    continue;
                }
                Target::File(path) => path.clone(),
                Target::Dir(dir) => {
                    dir.join(format!("{stem}-{}.{}", kind.name(), format.extension()))
                }
            };
            write_output(&path, &args.assess.input, &bytes, args.force)?;
            if !args.quiet {
                wrote(&path, bytes.len(), pages, a.language);
            }
        }
    }
    Ok(Outcome::Success)
}

/// The annex of the first procurement in a file in each of `formats`, on the file's own date
/// (for benchmarks and embedding).
pub fn annex_bytes(path: &Path, formats: &[DocumentFormat]) -> Result<Vec<Vec<u8>>> {
    let args = AssessArgs {
        input: path.to_path_buf(),
        lang: None,
        date: None,
        jurisdiction: None,
    };
    let loaded = load_input(&args)?;
    let first = loaded
        .first()
        .ok_or_else(|| Error::usage(say("input.none", &[])))?;
    let assessor = Assessor::new(&args, &LibraryOptions::default())?;
    let a = assessor.assess(first)?;
    let doc = compose::annex::annex(&a, &assessor.library);
    Ok(formats
        .iter()
        .map(|&format| render(Kind::Annex, format, &doc, &a))
        .collect())
}

/// The bytes of one format, as every command writes them.
pub fn render(kind: Kind, format: DocumentFormat, doc: &Document, a: &Assessment) -> Vec<u8> {
    render_counted(kind, format, doc, a).0
}

/// The bytes of one format, and the number of pages for a PDF.
pub(crate) fn render_counted(
    kind: Kind,
    format: DocumentFormat,
    doc: &Document,
    a: &Assessment,
) -> (Vec<u8>, Option<usize>) {
    let bytes = match format {
        DocumentFormat::Html => html::render(doc).into_bytes(),
        DocumentFormat::Docx => crate::render::docx::render(doc),
        DocumentFormat::Pdf => {
            let (bytes, pages) = pdf::render_counted(doc);
            return (bytes, Some(pages));
        }
        DocumentFormat::Md => {
            let mut text = markdown::render(doc);
            text.push('\n');
            text.into_bytes()
        }
        DocumentFormat::Json => {
            let selection = compose::annex::selection_json(a);
            let text = match kind {
                Kind::Annex => serde_json::to_string_pretty(&AnnexJson {
                    selection,
                    document: doc,
                }),
                Kind::Checklist => serde_json::to_string_pretty(&ChecklistJson {
                    selection,
                    assessment: a,
                    document: doc,
                }),
            };
            let mut text = text.expect("an assessment and a document serialise to JSON");
            text.push('\n');
            text.into_bytes()
        }
    };
    (bytes, None)
}

/// Tells on standard error what was written: "wrote bilaga/x-annex.pdf (9 pages, 98 KB)".
pub fn wrote(path: &Path, size: usize, pages: Option<usize>, lang: crate::input::Language) {
    let kb = size.div_ceil(1024);
    let line = crate::messages::Messages::embedded().render(
        "wrote",
        lang,
        &serde_json::json!({ "path": path.display().to_string(), "kb": kb, "pages": pages }),
    );
    eprintln!("{line}");
}

/// Where the output goes, checked before any work is done.
enum Target {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

impl Target {
    fn resolve(args: &DocumentArgs, formats: &[DocumentFormat], count: usize) -> Result<Target> {
        let one_format = formats.len() == 1;
        // PDF or Word bytes on a terminal are garbage to the reader, as curl knows.
        let binary = formats.iter().find(|f| f.is_binary());
        match &args.output {
            None if one_format
                && count == 1
                && binary.is_some()
                && std::io::stdout().is_terminal() =>
            {
                let format = binary.copied().unwrap_or(DocumentFormat::Pdf);
                Err(crate::output::binary_on_terminal(
                    &format.extension().to_uppercase(),
                    &format!("annex.{}", format.extension()),
                ))
            }
            None if one_format && count == 1 => Ok(Target::Stdout),
            Some(p) if p.as_os_str() == "-" => {
                if one_format && count == 1 {
                    Ok(Target::Stdout)
                } else {
                    Err(Error::usage_with_help(
                        say("output.stdout-one", &[]),
                        say("output.stdout-one.help", &[]),
                    ))
                }
            }
            Some(p) if p.is_dir() || p.to_string_lossy().ends_with('/') => {
                std::fs::create_dir_all(p).map_err(|source| Error::Write {
                    path: p.clone(),
                    source,
                })?;
                Ok(Target::Dir(p.clone()))
            }
            Some(p) if one_format && count == 1 => Ok(Target::File(p.clone())),
            Some(_) | None => Err(Error::usage_with_help(
                if count > 1 {
                    say(
                        "output.several-procurements",
                        &[("count", &count.to_string())],
                    )
                } else {
                    say("output.several-formats", &[])
                },
                say("output.directory.help", &[]),
            )),
        }
    }
}

/// Reads the tender documents of `--document` into every procurement, where its fields are
/// empty. Only for the checklist: the annex holds what the buyer decided, never what a
/// document was read to say.
fn read_documents(
    kind: Kind,
    args: &DocumentArgs,
    loaded: &mut [crate::input::Loaded],
) -> Result<()> {
    if args.documents.is_empty() {
        return Ok(());
    }
    if kind == Kind::Annex {
        return Err(Error::usage_with_help(
            say("document.annex", &[]),
            say("document.annex.help", &[]),
        ));
    }
    let options = crate::scan::ExtractOptions {
        jurisdiction: args.assess.jurisdiction,
        ..crate::scan::ExtractOptions::default()
    };
    for path in &args.documents {
        let doc = crate::scan::extract(path, &options)?;
        for l in loaded.iter_mut() {
            crate::scan::notice::read(&doc, &mut l.procurement);
        }
    }
    Ok(())
}

/// Refuses to write over the input, then writes atomically.
fn write_output(path: &Path, input: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(path, input) {
        return Err(Error::usage(say(
            "output.is-input",
            &[("path", &path.display().to_string())],
        )));
    }
    write_file(path, bytes, force)
}

/// A file name from the procurement's id or title: letters, digits and `-` only, never empty,
/// never `..`, at most 80 characters.
pub fn file_stem(p: &crate::input::Procurement) -> String {
    let source = p.id.as_deref().unwrap_or(p.title.as_str());
    let mut stem = String::new();
    for c in source.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 80 {
            break;
        }
    }
    let stem = stem.trim_matches('-').to_string();
    if stem.is_empty() {
        "procurement".to_string()
    } else {
        stem
    }
}

/// `stem`, or `stem-2`, `stem-3` … when earlier procurements took it (for `annex`,
/// `checklist` and `batch`, so that they name files alike).
pub fn unique(taken: &mut HashSet<String>, stem: &str) -> String {
    let mut name = stem.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}
