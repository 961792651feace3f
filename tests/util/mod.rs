//! The harness for CLI tests: a temporary directory with fixture files, and the built binary
//! run inside it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// What a run of the binary gave back.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing the output when it is wrong.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// Asserts that standard error contains `text`, showing it when it does not.
    #[track_caller]
    pub fn expect_stderr(&self, text: &str) -> &Self {
        assert!(self.stderr.contains(text), "{}", self.stderr);
        self
    }
}

/// A scratch directory the binary runs in.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write a fixture file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).expect("read an output file")
    }

    /// Runs the binary in this directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.run_full(args, stdin, &[])
    }

    /// Runs the binary with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_full(args, "", env)
    }

    fn run_full(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
        let output = Command::cargo_bin("socialclause")
            .expect("the binary is built")
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            // Messages follow the locale: the tests read English unless they ask otherwise.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .envs(env.iter().copied())
            .args(args)
            .write_stdin(stdin)
            // A guard against hangs, not a speed test: every command here takes milliseconds.
            .timeout(Duration::from_secs(60))
            .output()
            .expect("the binary runs");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        // Exit code 2 may come with a partial report (`check` past an unreadable file).
        self.validate_json(args, &run);
        run
    }

    /// Checks every JSON output of a run against the schema `socialclause schema` gives for
    /// it: what was printed, and the JSON files written where `-o`/`--out` points. So every
    /// JSON output the test suite produces is checked.
    #[track_caller]
    fn validate_json(&self, args: &[&str], run: &Run) {
        let Some(command) = args.first() else { return };
        let Some(kind) = kind_of(command) else { return };
        let asks_json = args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1].split(',').any(|f| f == "json"));
        let printed = run.stdout.trim_start();
        if asks_json && (printed.starts_with('{') || printed.starts_with('[')) {
            let json: Value = serde_json::from_str(printed).expect("the printed JSON parses");
            match (&json, kind) {
                // `match` prints an array for a file of several procurements.
                (Value::Array(all), SchemaKind::Assessment) => {
                    all.iter().for_each(|a| assert_valid(kind, a, "stdout"));
                }
                _ => assert_valid(kind, &json, "stdout"),
            }
        }
        let target = args
            .windows(2)
            .find(|w| matches!(w[0], "-o" | "--output" | "--out"))
            .map(|w| self.path().join(w[1]));
        let Some(target) = target else { return };
        let mut files = Vec::new();
        files_ending(&target, "docx", &mut files);
        for file in files.drain(..) {
            assert_sound_docx(&std::fs::read(&file).expect("a DOCX output file"), &file);
        }
        files_ending(&target, "json", &mut files);
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let kind = if name == "summary.json" {
                SchemaKind::Batch
            } else if name.ends_with("annex.json") {
                SchemaKind::Annex
            } else if name.ends_with("checklist.json") {
                SchemaKind::Checklist
            } else if command != &"batch" {
                kind
            } else {
                continue;
            };
            let text = std::fs::read_to_string(&file).expect("a JSON output file");
            let json: Value = serde_json::from_str(&text).expect("the written JSON parses");
            assert_valid(kind, &json, &file.display().to_string());
        }
    }
}

use serde_json::Value;
use socialclause::cli::SchemaKind;

fn kind_of(command: &str) -> Option<SchemaKind> {
    Some(match command {
        "match" => SchemaKind::Assessment,
        "annex" => SchemaKind::Annex,
        "checklist" => SchemaKind::Checklist,
        "check" => SchemaKind::Check,
        "batch" => SchemaKind::Batch,
        "briefing" => SchemaKind::Briefing,
        _ => return None,
    })
}

/// The files ending in `.{ext}` at `path`: the file itself, or those below the folder.
fn files_ending(path: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            files_ending(&entry.path(), ext, out);
        }
    } else if path.extension().is_some_and(|e| e == ext) {
        out.push(path.to_path_buf());
    }
}

/// Asserts that a DOCX package is sound: every part `[Content_Types].xml` names exists, every
/// relationship of the document points at a part that exists (or outside, for a link), and
/// every part is well-formed XML.
#[track_caller]
pub fn assert_sound_docx(bytes: &[u8], what: &Path) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{}: not a zip package: {e}", what.display()));
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("an entry");
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{}: a part is not UTF-8: {e}", what.display()));
        parts.insert(file.name().expect("a name").to_string(), text);
    }
    let types = parts
        .get("[Content_Types].xml")
        .unwrap_or_else(|| panic!("{}: no [Content_Types].xml", what.display()));
    for name in types.split("PartName=\"/").skip(1) {
        let name = name.split('"').next().unwrap();
        assert!(
            parts.contains_key(name),
            "{}: {name} named but absent",
            what.display()
        );
    }
    let rels = &parts["word/_rels/document.xml.rels"];
    for rel in rels.split("<Relationship ").skip(1) {
        let target = rel
            .split("Target=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        if !rel.contains("TargetMode=\"External\"") {
            let part = format!("word/{target}");
            assert!(
                parts.contains_key(&part),
                "{}: {part} related but absent",
                what.display()
            );
        }
    }
    for (name, text) in &parts {
        let mut reader = quick_xml::reader::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{}: {name} is not well-formed: {e}", what.display()),
            }
        }
    }
}

/// Asserts that `json` is valid against the schema of `kind`, naming every error.
#[track_caller]
pub fn assert_valid(kind: SchemaKind, json: &Value, what: &str) {
    let errors = schema_errors(kind, json);
    assert!(
        errors.is_empty(),
        "{what} against `schema {kind:?}`: {errors:#?}"
    );
}

/// The errors of `json` against the schema of `kind` (compiled once per kind and process).
pub fn schema_errors(kind: SchemaKind, json: &Value) -> Vec<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static VALIDATORS: OnceLock<Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>> =
        OnceLock::new();
    let validator = {
        let mut map = VALIDATORS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(format!("{kind:?}"))
            .or_insert_with(|| {
                let schema = serde_json::to_value(socialclause::cmd::schema::schema(kind))
                    .expect("a schema is JSON");
                std::sync::Arc::new(
                    jsonschema::validator_for(&schema).expect("a valid JSON Schema"),
                )
            })
            .clone()
    };
    validator
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// The repository folder, for fixtures and examples.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
