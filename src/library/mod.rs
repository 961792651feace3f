//! The clause library: the default clauses compiled into the binary, plus the user's
//! directories, where a clause with an existing id replaces the default.

pub mod clause;
pub mod lint;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use clause::{Category, Clause, Instrument, Level, Localized};

use crate::error::{Diagnostic, Error, Result};
use crate::input::{DEFAULT_SIZE_LIMIT, Source, yaml};

/// The default library, embedded at build time so the binary works from any directory.
static DEFAULT_CLAUSES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/clauses");

/// Where the clauses come from.
#[derive(Debug, Clone)]
pub struct LibraryOptions {
    /// Directories added on top of the defaults, in order; later ones win.
    pub dirs: Vec<PathBuf>,
    /// Whether to start from the embedded defaults.
    pub defaults: bool,
}

impl Default for LibraryOptions {
    fn default() -> Self {
        LibraryOptions {
            dirs: Vec::new(),
            defaults: true,
        }
    }
}

/// One clause and the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub clause: Clause,
    pub source: Source,
}

/// The clauses in effect, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Entry>,
}

impl Library {
    /// Loads the library, failing with every problem found if any file is bad.
    pub fn load(options: &LibraryOptions) -> Result<Self> {
        let (library, problems) = Library::load_lenient(options)?;
        if problems.is_empty() {
            Ok(library)
        } else {
            Err(Error::Inputs(problems))
        }
    }

    /// Loads what can be loaded, returning the problems beside it (for `clauses lint`).
    /// Fails only when a named directory cannot be read at all.
    pub fn load_lenient(options: &LibraryOptions) -> Result<(Self, Vec<Diagnostic>)> {
        let mut problems = Vec::new();
        let mut layers = Vec::new();
        if options.defaults {
            layers.push(embedded_sources());
        }
        for dir in &options.dirs {
            layers.push(directory_sources(dir, &mut problems)?);
        }
        let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
        for layer in layers {
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            for source in layer {
                let clause = match yaml::parse_one::<Clause>(&source) {
                    Ok(c) => c,
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
                };
                if let Some(first) = seen.insert(clause.id.clone(), source.name.clone()) {
                    let (line, column) =
                        yaml::locate(&source, 0, &[yaml::Step::Key("id")]).unwrap_or((1, 1));
                    problems.push(
                        Diagnostic::new(
                            &source.name,
                            format!("the id `{}` is used twice", clause.id),
                        )
                        .at(line, column)
                        .help(format!("{first} has the same id; give each clause its own")),
                    );
                    continue;
                }
                by_id.insert(clause.id.clone(), Entry { clause, source });
            }
        }
        Ok((
            Library {
                entries: by_id.into_values().collect(),
            },
            problems,
        ))
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.entries.iter().map(|e| &e.clause)
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.clause.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.entries[i])
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn is_clause_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn embedded_sources() -> Vec<Source> {
    let mut files = Vec::new();
    collect_embedded(&DEFAULT_CLAUSES, &mut files);
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<Source>) {
    for file in dir.files() {
        if is_clause_file(file.path()) {
            let text = file
                .contents_utf8()
                .expect("embedded clause files are UTF-8 (checked by the test suite)");
            out.push(Source::from_text(
                format!("<embedded>/clauses/{}", file.path().display()),
                text,
            ));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every `.yaml`/`.yml` file below `dir`, in path order. Files that are not text become
/// problems; a directory that cannot be read is an error.
fn directory_sources(dir: &Path, problems: &mut Vec<Diagnostic>) -> Result<Vec<Source>> {
    if !dir.is_dir() {
        return Err(Error::usage_with_help(
            format!("the clause directory {} does not exist", dir.display()),
            "check the path given to --clauses",
        ));
    }
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| Error::Read {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                path: d.clone(),
                source,
            })?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            if kind.is_dir() {
                pending.push(path);
            } else if is_clause_file(&path) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        match Source::read(&path, DEFAULT_SIZE_LIMIT) {
            Ok(source) => sources.push(source),
            Err(Error::Input(d)) => problems.push(*d),
            Err(e) => return Err(e),
        }
    }
    Ok(sources)
}
