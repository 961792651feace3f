//! The document templates: the HTML page shell, its CSS, and the strings of the annex and the
//! checklist. They are compiled into the binary; `--templates DIR` replaces single files
//! (`page.hbs`, `style.css`, `annex/strings.yaml`, `checklist/strings.yaml`), like an mdBook
//! theme. An override is checked when it is installed, so a broken one is a clear error, never
//! a broken document.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Diagnostic, Error, Result};
use crate::input::{DEFAULT_SIZE_LIMIT, Source, yaml};
use crate::library::Localized;
use crate::library::lint::template_variables;

/// One template file: the name it is reported under, and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Templates {
    pub page: File,
    pub style: File,
    pub annex_strings: File,
    pub checklist_strings: File,
}

fn embedded(path: &str, text: &str) -> File {
    File {
        name: format!("<embedded>/templates/{path}"),
        text: text.to_string(),
    }
}

impl Templates {
    pub fn embedded() -> Templates {
        Templates {
            page: embedded("page.hbs", include_str!("../templates/page.hbs")),
            style: embedded("style.css", include_str!("../templates/style.css")),
            annex_strings: embedded(
                "annex/strings.yaml",
                include_str!("../templates/annex/strings.yaml"),
            ),
            checklist_strings: embedded(
                "checklist/strings.yaml",
                include_str!("../templates/checklist/strings.yaml"),
            ),
        }
    }
}

static INSTALLED: OnceLock<Templates> = OnceLock::new();

/// The templates in use: the embedded ones, with any installed overrides.
pub fn current() -> &'static Templates {
    INSTALLED.get_or_init(Templates::embedded)
}

/// Installs the files of `dir` over the embedded templates, after checking each one. Must run
/// before the first document is made.
pub fn install(dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::usage_with_help(
            format!("the template directory {} does not exist", dir.display()),
            "check the path given to --templates",
        ));
    }
    let base = Templates::embedded();
    let read = |relative: &str, fallback: File| -> Result<File> {
        let path = dir.join(relative);
        if !path.exists() {
            return Ok(fallback);
        }
        let source = Source::read(&path, DEFAULT_SIZE_LIMIT)?;
        Ok(File {
            name: source.name,
            text: source.text,
        })
    };
    let templates = Templates {
        page: read("page.hbs", base.page.clone())?,
        style: read("style.css", base.style.clone())?,
        annex_strings: read("annex/strings.yaml", base.annex_strings.clone())?,
        checklist_strings: read("checklist/strings.yaml", base.checklist_strings.clone())?,
    };
    check_page(&templates.page)?;
    check_strings(&templates.annex_strings, &base.annex_strings)?;
    check_strings(&templates.checklist_strings, &base.checklist_strings)?;
    // Set once per process; a second install (tests) keeps the first.
    let _ = INSTALLED.set(templates);
    Ok(())
}

/// The variables the page shell is given.
pub const PAGE_VARIABLES: &[&str] = &["lang", "title", "subject", "author", "style", "body"];

fn check_page(page: &File) -> Result<()> {
    let used = template_variables(&page.text).map_err(|e| {
        Diagnostic::new(
            &page.name,
            format!("the page template does not compile: {e}"),
        )
    })?;
    if let Some(unknown) = used.iter().find(|v| !PAGE_VARIABLES.contains(&v.as_str())) {
        return Err(Diagnostic::new(
            &page.name,
            format!("the page template uses the unknown variable `{unknown}`"),
        )
        .expected(PAGE_VARIABLES.join(", "))
        .into());
    }
    // Try it as it will run (strict), with and without an author, so that a template that
    // cannot render is refused now and not halfway through writing.
    let mut shell = handlebars::Handlebars::new();
    shell.set_strict_mode(true);
    let fail = |e: String| {
        Diagnostic::new(
            &page.name,
            format!("the page template does not render: {e}"),
        )
        .help("start from templates/page.hbs in the source and change it step by step")
    };
    shell
        .register_template_string("page", &page.text)
        .map_err(|e| fail(e.to_string()))?;
    for author in [Some("Kommunen"), None] {
        let data = crate::render::html::page_data("sv", "T", "S", author, "p {}", "<p>x</p>");
        shell
            .render("page", &data)
            .map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}

/// A strings override must define every key of the embedded file, use only the variables the
/// embedded wording uses, and compile.
fn check_strings(file: &File, base: &File) -> Result<()> {
    let parse = |f: &File| -> Result<BTreeMap<String, Localized>> {
        Ok(yaml::parse_one(&Source::from_text(
            f.name.clone(),
            f.text.clone(),
        ))?)
    };
    let custom = parse(file)?;
    let original = parse(base)?;
    let mut problems = Vec::new();
    for (key, text) in &original {
        let Some(mine) = custom.get(key) else {
            problems.push(
                Diagnostic::new(&file.name, format!("the key `{key}` is missing"))
                    .help("copy it from the built-in file"),
            );
            continue;
        };
        for (lang, theirs, ours) in [("sv", &text.sv, &mine.sv), ("en", &text.en, &mine.en)] {
            let allowed: BTreeSet<String> = template_variables(theirs).unwrap_or_default();
            match template_variables(ours) {
                Err(e) => problems.push(Diagnostic::new(
                    &file.name,
                    format!("`{key}.{lang}` does not compile: {e}"),
                )),
                Ok(used) => {
                    for unknown in used.difference(&allowed) {
                        problems.push(
                            Diagnostic::new(
                                &file.name,
                                format!("`{key}.{lang}` uses the unknown variable `{unknown}`"),
                            )
                            .expected(format!(
                                "one of: {}",
                                allowed.iter().cloned().collect::<Vec<_>>().join(", ")
                            )),
                        );
                    }
                }
            }
        }
    }
    for key in custom.keys().filter(|k| !original.contains_key(*k)) {
        problems.push(
            Diagnostic::new(
                &file.name,
                format!("the key `{key}` is not used by the program"),
            )
            .help("remove it, or check its spelling"),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Inputs(problems))
    }
}
