//! `socialclause clauses list|show|patterns|lint`: the clause library as tables, files and checks.

use crate::cli::{ClausesCommand, ListFormat, ShowFormat};
use crate::error::{Error, Result, did_you_mean};
use crate::input::Language;
use crate::input::yaml::name_of;
use crate::library::{Library, LibraryOptions, lint};
use crate::output::Stdout;

use super::Outcome;

pub fn run(action: ClausesCommand, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    match action {
        ClausesCommand::List { format, lang } => {
            let library = Library::load(options)?;
            out.write_str(&match format {
                ListFormat::Table => table(&library, lang),
                ListFormat::Md => markdown(&library),
                ListFormat::Json => json(&library),
            })?;
            Ok(Outcome::Success)
        }
        ClausesCommand::Show { id, format } => {
            let library = Library::load(options)?;
            let entry = library
                .get(&id)
                .ok_or_else(|| unknown_clause(&library, &id))?;
            out.write_str(&match format {
                ShowFormat::Yaml => format!("# {}\n{}", entry.source.name, entry.source.text),
                ShowFormat::Json => {
                    let mut text = serde_json::to_string_pretty(&entry.clause)
                        .expect("a clause serialises to JSON");
                    text.push('\n');
                    text
                }
            })?;
            Ok(Outcome::Success)
        }
        ClausesCommand::Patterns => {
            let library = Library::load(options)?;
            let mut text = String::new();
            for c in library.clauses() {
                for p in c.detect.present.iter().chain(&c.detect.declined) {
                    text.push_str(p);
                    text.push('\n');
                }
            }
            out.write_str(&text)?;
            Ok(Outcome::Success)
        }
        ClausesCommand::Lint => {
            let (library, mut problems) = Library::load_lenient(options)?;
            problems.extend(lint::lint(&library));
            for p in &problems {
                out.write_str(&format!("{p}\n"))?;
            }
            if problems.is_empty() {
                out.write_str(&format!("{} clauses, no problems\n", library.len()))?;
                Ok(Outcome::Success)
            } else {
                out.write_str(&format!(
                    "{} problem{} in a library of {} loadable clauses\n",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" },
                    library.len()
                ))?;
                Ok(Outcome::Findings)
            }
        }
    }
}

fn unknown_clause(library: &Library, id: &str) -> Error {
    let suggestion = did_you_mean(id, library.clauses().map(|c| c.id.as_str()));
    Error::usage_with_help(
        format!("no clause has the id `{id}`"),
        match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "`socialclause clauses list` shows every id".to_string(),
        },
    )
}

struct Row {
    id: String,
    jurisdictions: String,
    category: String,
    instrument: String,
    level: String,
}

fn rows(library: &Library) -> Vec<Row> {
    library
        .clauses()
        .map(|c| Row {
            id: c.id.clone(),
            jurisdictions: c
                .jurisdictions
                .iter()
                .map(|j| j.code())
                .collect::<Vec<_>>()
                .join(","),
            category: name_of(&c.category),
            instrument: name_of(&c.instrument),
            level: name_of(&c.level),
        })
        .collect()
}

/// A plain aligned table for terminals.
fn table(library: &Library, lang: Language) -> String {
    let mut lines = vec![[
        "ID".to_string(),
        "WHERE".to_string(),
        "CATEGORY".to_string(),
        "INSTRUMENT".to_string(),
        "LEVEL".to_string(),
        "TITLE".to_string(),
    ]];
    for (row, clause) in rows(library).into_iter().zip(library.clauses()) {
        lines.push([
            row.id,
            row.jurisdictions,
            row.category,
            row.instrument,
            row.level,
            clause.title(lang).to_string(),
        ]);
    }
    let mut widths = [0usize; 5];
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for line in &lines {
        for (w, cell) in widths.iter().zip(line.iter()) {
            out.push_str(cell);
            out.push_str(&" ".repeat(w - cell.chars().count() + 2));
        }
        out.push_str(&line[5]);
        out.push('\n');
    }
    out.push_str(&format!("{} clauses\n", library.len()));
    out
}

/// The coverage table kept in `clauses/README.md`.
fn markdown(library: &Library) -> String {
    let mut out = String::from(
        "| id | jurisdictions | category | instrument | level | title (en) | title (sv) |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (row, clause) in rows(library).into_iter().zip(library.clauses()) {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            row.id,
            row.jurisdictions,
            row.category,
            row.instrument,
            row.level,
            md_cell(&clause.title.en),
            md_cell(&clause.title.sv)
        ));
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn json(library: &Library) -> String {
    let items: Vec<serde_json::Value> = library
        .entries()
        .iter()
        .map(|e| {
            let c = &e.clause;
            serde_json::json!({
                "id": c.id,
                "jurisdictions": c.jurisdictions,
                "category": c.category,
                "instrument": c.instrument,
                "level": c.level,
                "title": c.title,
                "source": e.source.name,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("a list serialises to JSON");
    text.push('\n');
    text
}
