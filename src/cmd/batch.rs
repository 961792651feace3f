//! `socialclause batch`: every procurement in many inputs, assessed and written in parallel,
//! one folder each, with `summary.json` and `summary.csv`.
//!
//! One thread reads the inputs in order and hands procurements on through a small bounded
//! queue, so memory stays flat however many there are; rayon's workers assess, compose,
//! render and write them. A bad procurement (one YAML document or list item, one release of
//! a notice) is reported and skipped, and the others are written. Folder names are given in
//! input order by the reading thread, so a run gives the same names whatever the timing, and
//! the bytes written are those of `annex` and `checklist` for the same input.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::Serialize;

use crate::assess::{Applies, CheckStatus};
use crate::cli::{AssessArgs, BatchArgs, BatchWhat};
use crate::error::{Error, Result};
use crate::input::{self, Failure, Language, LoadOptions, Loaded};
use crate::library::LibraryOptions;
use crate::output::{Stdout, write_file};
use crate::said::say;

use super::Outcome;
use super::assess::Assessor;
use super::document::{self, Kind, file_stem, unique};

/// The summary's row for one procurement, or for one that failed.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Row {
    pub file: String,
    /// The YAML document (from 1) and list item (from 1) in the file.
    pub document: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub value: Option<f64>,
    pub currency: Option<String>,
    /// The duties that apply.
    pub duties: Vec<String>,
    pub recommended: usize,
    pub checklist_fail: usize,
    pub checklist_warn: usize,
    /// The files written, relative to `--out`.
    pub outputs: Vec<String>,
    /// Why it failed; then nothing was written for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// One procurement on its way from the reader to a worker.
struct Unit {
    seq: usize,
    name: Option<String>,
    result: std::result::Result<Loaded, Failure>,
}

pub fn run(args: &BatchArgs, options: &LibraryOptions, out: &mut Stdout) -> Result<Outcome> {
    let started = Instant::now();
    let files = inputs(&args.inputs, &args.out)?;
    std::fs::create_dir_all(&args.out).map_err(|source| Error::Write {
        path: args.out.clone(),
        source,
    })?;
    let assessor = Assessor::new(
        &AssessArgs {
            input: PathBuf::from("-"),
            lang: args.lang,
            date: args.rules.date,
            jurisdiction: args.rules.jurisdiction,
        },
        options,
    )?;
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::usage(format!("cannot start {jobs} worker threads: {e}")))?;
    let progress = super::spinner(args.quiet, args.lang);

    let load_options = LoadOptions {
        jurisdiction: args.rules.jurisdiction,
        ..LoadOptions::default()
    };
    let summary = Mutex::new(Summary::create(&args.out)?);
    let (sender, receiver) = sync_channel::<Unit>(jobs * 4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut taken = HashSet::new();
            let mut seq = 0;
            for file in &files {
                input::load_each(file, &load_options, &mut |result| {
                    let name = result
                        .as_ref()
                        .ok()
                        .map(|l| unique(&mut taken, &file_stem(&l.procurement)));
                    // The workers only stop taking when the run is over.
                    let _ = sender.send(Unit { seq, name, result });
                    seq += 1;
                });
            }
        });
        pool.install(|| {
            receiver.into_iter().par_bridge().for_each(|unit| {
                let seq = unit.seq;
                let row = process(&assessor, args, unit);
                summary.lock().expect("no worker panics").add(seq, row);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
            });
        });
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let summary = summary.into_inner().expect("no worker panics");
    let (written, failed) = (summary.written, summary.failed.clone());
    summary.finish()?;

    let seconds = started.elapsed().as_secs_f64();
    let mut report = format!(
        "{} written, {} failed, in {seconds:.1} s, into {}\n",
        written - failed.len(),
        failed.len(),
        args.out.display(),
    );
    for r in &failed {
        report.push_str(&format!(
            "  {}: {}\n",
            place(r),
            r.error.as_deref().unwrap_or_default()
        ));
    }
    out.write_str(&report)?;
    Ok(if failed.is_empty() {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}

/// `summary.json` and `summary.csv`, written as rows come in, in input order: a row that comes
/// early waits (with the few others the queue lets run ahead), so memory stays flat. Both files
/// are temporary until the run ends, then renamed into place.
struct Summary {
    json: std::io::BufWriter<tempfile::NamedTempFile>,
    csv: std::io::BufWriter<tempfile::NamedTempFile>,
    dir: PathBuf,
    next: usize,
    waiting: std::collections::BTreeMap<usize, Row>,
    written: usize,
    /// The rows that failed, for the report at the end.
    failed: Vec<Row>,
    error: Option<Error>,
}

impl Summary {
    fn create(dir: &Path) -> Result<Self> {
        let temp = || {
            crate::output::temporary_in(dir)
                .map(std::io::BufWriter::new)
                .map_err(|source| Error::Write {
                    path: dir.to_path_buf(),
                    source,
                })
        };
        let mut summary = Summary {
            json: temp()?,
            csv: temp()?,
            dir: dir.to_path_buf(),
            next: 0,
            waiting: Default::default(),
            written: 0,
            failed: Vec::new(),
            error: None,
        };
        summary.write(|s| {
            s.json.write_all(b"[")?;
            s.csv.write_all(CSV_HEADER.as_bytes())?;
            s.csv.write_all(b"\r\n")
        });
        Ok(summary)
    }

    fn add(&mut self, seq: usize, row: Row) {
        self.waiting.insert(seq, row);
        while let Some(row) = self.waiting.remove(&self.next) {
            let line = serde_json::to_string(&row).expect("a row serialises to JSON");
            let first = self.written == 0;
            self.write(|s| {
                s.json.write_all(if first { b"\n  " } else { b",\n  " })?;
                s.json.write_all(line.as_bytes())?;
                s.csv.write_all(csv_line(&row).as_bytes())
            });
            if row.error.is_some() {
                self.failed.push(row);
            }
            self.written += 1;
            self.next += 1;
        }
    }

    fn write(&mut self, f: impl FnOnce(&mut Self) -> std::io::Result<()>) {
        if self.error.is_none()
            && let Err(source) = f(self)
        {
            self.error = Some(Error::Write {
                path: self.dir.join("summary.json"),
                source,
            });
        }
    }

    fn finish(mut self) -> Result<()> {
        self.write(|s| s.json.write_all(b"\n]\n"));
        if let Some(e) = self.error {
            return Err(e);
        }
        for (writer, name) in [(self.json, "summary.json"), (self.csv, "summary.csv")] {
            let path = self.dir.join(name);
            let write_error = |source| Error::Write {
                path: path.clone(),
                source,
            };
            let file = writer
                .into_inner()
                .map_err(|e| write_error(e.into_error()))?;
            file.persist(&path).map_err(|e| write_error(e.error))?;
        }
        Ok(())
    }
}

/// The files to read: each input, and the `.yaml`, `.yml` and `.json` files below each folder
/// (in name order, not following links, skipping the output folder and hidden entries).
pub(super) fn inputs(paths: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>> {
    let out = out.canonicalize().ok();
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, out.as_deref(), &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        return Err(Error::usage_with_help(
            say("batch.no-inputs", &[]),
            say("batch.no-inputs.help", &[]),
        ));
    }
    Ok(files)
}

fn walk(dir: &Path, out: Option<&Path>, files: &mut Vec<PathBuf>) -> Result<()> {
    if out.is_some() && dir.canonicalize().ok().as_deref() == out {
        return Ok(());
    }
    let read_error = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .collect::<std::io::Result<_>>()
        .map_err(read_error)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() {
            walk(&path, out, files)?;
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        {
            files.push(path);
        }
    }
    Ok(())
}

fn process(assessor: &Assessor, args: &BatchArgs, unit: Unit) -> Row {
    let loaded = match unit.result {
        Ok(loaded) => loaded,
        Err(f) => return failed(f, args.lang),
    };
    let name = unit.name.unwrap_or_else(|| "procurement".into());
    let a = match assessor.assess(&loaded) {
        Ok(a) => a,
        Err(error) => {
            return failed(
                Failure {
                    file: loaded.file.clone(),
                    document: loaded.document,
                    item: loaded.item,
                    error,
                },
                args.lang,
            );
        }
    };
    let p = &loaded.procurement;
    let mut row = Row {
        file: loaded.file.clone(),
        document: loaded.document + 1,
        item: loaded.item.map(|i| i + 1),
        id: p.id.as_ref().map(ToString::to_string),
        title: Some(p.title.to_string()),
        jurisdiction: Some(p.jurisdiction.code().to_string()),
        value: p.value.map(|v| v.amount),
        currency: p.value.map(|v| v.currency.to_string()),
        duties: a
            .duties
            .iter()
            .filter(|d| d.applies == Applies::Yes)
            .map(|d| d.id.to_string())
            .collect(),
        recommended: a
            .recommendations
            .iter()
            .filter(|r| r.status == crate::assess::Status::Recommended)
            .count(),
        checklist_fail: a
            .checklist
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count(),
        checklist_warn: a
            .checklist
            .iter()
            .filter(|c| c.status == CheckStatus::Warn)
            .count(),
        outputs: Vec::new(),
        error: None,
        line: None,
    };
    let dir = args.out.join(&name);
    if let Err(source) = std::fs::create_dir_all(&dir) {
        row.error = Some(Error::Write { path: dir, source }.to_string());
        return row;
    }
    for what in &args.what {
        let kind = match what {
            BatchWhat::Annex => Kind::Annex,
            BatchWhat::Checklist => Kind::Checklist,
        };
        let doc = document::compose(kind, &a, &assessor.library, args.with_guidance);
        for &format in &args.format {
            let file = format!("{}.{}", kind.name(), format.extension());
            let bytes = document::render(kind, format, &doc, &a);
            match write_file(&dir.join(&file), &bytes, true) {
                Ok(()) => row.outputs.push(format!("{name}/{file}")),
                Err(e) => {
                    row.error = Some(e.to_string());
                    return row;
                }
            }
        }
    }
    row
}

/// A row for a procurement that could not be done, its error in the reader's language.
fn failed(f: Failure, lang: Option<Language>) -> Row {
    let lang = crate::said::reader_language(lang, f.error.file_language());
    let (message, line) = match &f.error {
        Error::Input(d) => (d.message_with_help(lang), d.line),
        Error::Inputs(ds) => (
            ds.iter()
                .map(|d| d.message_with_help(lang))
                .collect::<Vec<_>>()
                .join("; "),
            ds.first().and_then(|d| d.line),
        ),
        other => (other.render(lang), None),
    };
    Row {
        file: f.file,
        document: f.document + 1,
        item: f.item.map(|i| i + 1),
        id: None,
        title: None,
        jurisdiction: None,
        value: None,
        currency: None,
        duties: Vec::new(),
        recommended: 0,
        checklist_fail: 0,
        checklist_warn: 0,
        outputs: Vec::new(),
        error: Some(message),
        line,
    }
}

/// `file, document 2, item 3, line 14`.
fn place(r: &Row) -> String {
    let mut s = r.file.clone();
    if r.document > 1 {
        s.push_str(&format!(", document {}", r.document));
    }
    if let Some(i) = r.item {
        s.push_str(&format!(", item {i}"));
    }
    if let Some(l) = r.line {
        s.push_str(&format!(", line {l}"));
    }
    s
}

const CSV_HEADER: &str = "file,document,item,id,title,jurisdiction,value,currency,duties,recommended,checklist_fail,checklist_warn,outputs,error";

/// One row of the summary as CSV (RFC 4180: fields with commas, quotes or line breaks are
/// quoted; lines end in CRLF).
fn csv_line(r: &Row) -> String {
    let fields = [
        r.file.clone(),
        r.document.to_string(),
        r.item.map(|i| i.to_string()).unwrap_or_default(),
        r.id.clone().unwrap_or_default(),
        r.title.clone().unwrap_or_default(),
        r.jurisdiction.clone().unwrap_or_default(),
        r.value.map(|v| v.to_string()).unwrap_or_default(),
        r.currency.clone().unwrap_or_default(),
        r.duties.join(";"),
        r.recommended.to_string(),
        r.checklist_fail.to_string(),
        r.checklist_warn.to_string(),
        r.outputs.join(";"),
        r.error.clone().unwrap_or_default(),
    ];
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn names_stay_distinct_in_input_order() {
        let mut taken = HashSet::new();
        assert_eq!(unique(&mut taken, "x"), "x");
        assert_eq!(unique(&mut taken, "x"), "x-2");
        assert_eq!(unique(&mut taken, "x-2"), "x-2-2");
        assert_eq!(unique(&mut taken, "x"), "x-3");
    }
}
