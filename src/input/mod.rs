//! Input: loading and validating procurement descriptions. Every later stage trusts what
//! leaves this module.

pub mod cpv;
pub mod date;
pub mod money;
pub mod ocds;
pub mod procurement;
pub mod source;
pub mod validate;
pub mod yaml;

use std::path::Path;
use std::sync::Arc;

pub use cpv::Cpv;
pub use date::Date;
pub use money::{Currency, Money, Vat};
pub use procurement::*;
pub use source::{DEFAULT_SIZE_LIMIT, Source};

use crate::error::{Diagnostic, Error, Result};
use crate::said::Said;

/// A procurement and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub procurement: Procurement,
    /// The file as named by the user.
    pub file: String,
    /// Which YAML document of the file (0-based).
    pub document: usize,
    /// Which item, when the document is a list (0-based).
    pub item: Option<usize>,
    /// The YAML it was read from, to point at a field when a later stage objects to it.
    pub yaml: Option<Arc<Source>>,
}

impl Loaded {
    /// A diagnostic about the field at `path` (inside this procurement), at its line and
    /// column when the procurement came from YAML.
    pub fn diagnostic(&self, path: &[yaml::Step], message: impl Into<Said>) -> Diagnostic {
        let d = Diagnostic::new(&self.file, message);
        let Some(source) = &self.yaml else { return d };
        let d = d.in_file_language(crate::said::declared_language(&source.text));
        let mut full: Vec<yaml::Step> = self.item.map(yaml::Step::Index).into_iter().collect();
        full.extend_from_slice(path);
        match yaml::locate(source, self.document, &full) {
            Some((line, column)) => d.at(line, column),
            None => d,
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub size_limit: u64,
    /// The jurisdiction of a published notice whose ocid does not tell it (or to override it).
    pub jurisdiction: Option<Jurisdiction>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            size_limit: DEFAULT_SIZE_LIMIT,
            jurisdiction: None,
        }
    }
}

/// Loads every procurement in a file (or stdin, `-`): a YAML description (one, a list, or
/// several documents) or an OCDS notice (JSON), told apart by content.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Vec<Loaded>> {
    let source = Source::read(path, options.size_limit)?;
    let yaml_named = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    load_text(source, yaml_named, options)
}

/// Loads every procurement in a text already read (a request's body): an OCDS notice where
/// it reads as one, else YAML. `yaml_named` says the text was given as YAML, so that a YAML
/// file opening with a `{ … }` mapping is read as YAML after all.
pub fn load_text(source: Source, yaml_named: bool, options: &LoadOptions) -> Result<Vec<Loaded>> {
    if ocds::looks_like_json(&source) {
        match ocds::load(&source, options.jurisdiction) {
            Ok(procurements) => {
                return Ok(procurements
                    .into_iter()
                    .enumerate()
                    .map(|(i, procurement)| Loaded {
                        procurement,
                        file: source.name.clone(),
                        document: 0,
                        item: Some(i),
                        yaml: None,
                    })
                    .collect());
            }
            // A YAML file may open with a `{ … }` mapping: read it as YAML after all.
            Err(_) if yaml_named => {}
            Err(d) => return Err(d.into()),
        }
    }
    load_source(&source)
}

/// Loads every procurement in a YAML source; where one is bad, fails naming every problem found
/// in the file (see [`yaml::parse_many_reporting_all`]).
pub fn load_source(source: &Source) -> Result<Vec<Loaded>> {
    let shared = Arc::new(source.clone());
    yaml::parse_many_reporting_all::<Procurement>(source)
        .map_err(|problems| Error::many(problems.into_iter().map(Error::from).collect()))?
        .into_iter()
        .map(|located| validated(&shared, located))
        .collect()
}

/// A procurement that parsed, checked for what the types cannot say (see [`validate`]).
fn validated(source: &Arc<Source>, located: yaml::Located<Procurement>) -> Result<Loaded> {
    let problems = validate::validate(&located.value);
    let loaded = Loaded {
        procurement: located.value,
        file: source.name.clone(),
        document: located.document,
        item: located.item,
        yaml: Some(Arc::clone(source)),
    };
    if problems.is_empty() {
        return Ok(loaded);
    }
    Err(Error::many(
        problems
            .into_iter()
            .map(|p| {
                let mut d = loaded.diagnostic(&p.path, p.message);
                d.help = p.help.map(Box::new);
                d.into()
            })
            .collect(),
    ))
}

/// One procurement of a batch that could not be read, and where it stands.
#[derive(Debug)]
pub struct Failure {
    pub file: String,
    pub document: usize,
    pub item: Option<usize>,
    pub error: Error,
}

/// Loads every procurement in a file one at a time, handing each to `sink` as it is read,
/// with a bad one handed on as a [`Failure`] while the others go on: the unit of failure is one
/// YAML document or list item, or one release of a notice.
pub fn load_each(
    path: &Path,
    options: &LoadOptions,
    sink: &mut dyn FnMut(Result<Loaded, Failure>),
) {
    let name = path.display().to_string();
    let fail = |document, item, error| Failure {
        file: name.clone(),
        document,
        item,
        error,
    };
    let source = match Source::read(path, options.size_limit) {
        Ok(s) => s,
        Err(e) => return sink(Err(fail(0, None, e))),
    };
    if ocds::looks_like_json(&source)
        && !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
    {
        match ocds::load_each(&source, options.jurisdiction) {
            Ok(releases) => {
                for (i, release) in releases.into_iter().enumerate() {
                    sink(match release {
                        Ok(procurement) => Ok(Loaded {
                            procurement,
                            file: source.name.clone(),
                            document: 0,
                            item: Some(i),
                            yaml: None,
                        }),
                        Err(d) => Err(fail(0, Some(i), d.into())),
                    });
                }
            }
            Err(d) => sink(Err(fail(0, None, d.into()))),
        }
        return;
    }
    let source = Arc::new(source);
    yaml::parse_each::<Procurement>(&source, &mut |located| {
        let (document, item) = (located.document, located.item);
        let result = match located.value {
            Ok(value) => validated(
                &source,
                yaml::Located {
                    document,
                    item,
                    value,
                },
            ),
            Err(d) => Err(d.into()),
        };
        sink(result.map_err(|e| fail(document, item, e)));
    });
}
