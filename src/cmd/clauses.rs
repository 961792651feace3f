//! `socialclause clauses list|show|patterns|lint`: the clause library as tables, files and checks.

use crate::cli::{ClausesCommand, ListFormat, ShowFormat};
use crate::error::{Error, Result, did_you_mean};
use crate::input::Language;
use crate::input::yaml::name_of;
use crate::library::{Library, LibraryOptions, lint};
use crate::messages::Messages;
use crate::output::Stdout;
use crate::said::say;

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
        say("clauses.unknown-id", &[("id", id)]),
        match suggestion {
            Some(s) => say("yaml.did-you-mean", &[("name", s)]),
            None => say("clauses.unknown-id.help", &[]),
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

/// A plain aligned table for terminals: in English the ids a clause file uses, in Swedish the
/// headers and the category, instrument and level in words.
fn table(library: &Library, lang: Language) -> String {
    let messages = Messages::embedded();
    let word = |key: &str| messages.text(key, lang);
    let mut lines = vec![
        ["id", "where", "category", "instrument", "level", "title"]
            .map(|column| word(&format!("list.header.{column}"))),
    ];
    for (row, clause) in rows(library).into_iter().zip(library.clauses()) {
        let named = |kind: &str, id: String| match lang {
            Language::En => id,
            Language::Sv => word(&format!("list.{kind}.{id}")),
        };
        lines.push([
            row.id,
            row.jurisdictions,
            named("category", row.category),
            named("instrument", row.instrument),
            named("level", row.level),
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
    out.push_str(&messages.render(
        "list.count",
        lang,
        &serde_json::json!({ "count": library.len() }),
    ));
    out.push('\n');
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Category, Instrument, Level};

    /// The names a JSON Schema gives an enum's variants.
    fn variants(schema: schemars::Schema) -> Vec<String> {
        let value = schema.as_value();
        let mut names: Vec<String> = value["enum"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(
                value["oneOf"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.get("const")),
            )
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_category_instrument_and_level_has_a_swedish_name() {
        let messages = Messages::embedded();
        for (kind, names) in [
            ("category", variants(schemars::schema_for!(Category))),
            ("instrument", variants(schemars::schema_for!(Instrument))),
            ("level", variants(schemars::schema_for!(Level))),
        ] {
            assert!(names.len() >= 3, "{kind}: {names:?}");
            for name in names {
                let key = format!("list.{kind}.{name}");
                let sv = messages.text_or(&key, Language::Sv, "");
                assert!(!sv.is_empty() && sv != name, "no Swedish name at {key}");
            }
        }
    }
}
