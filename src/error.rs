//! The library's one error type, and the diagnostic that points at a place in an input file.
//!
//! Users are procurement officers, not programmers: every error about their input names the
//! file, line and column, says what was expected, and suggests a fix. The binary prints an
//! [`Error`] once and maps it to an exit code with [`Error::exit_code`].

use std::fmt;
use std::path::PathBuf;

use crate::input::Language;
use crate::said::{Said, say, say_with};

/// A problem at a place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (`-` for stdin, `<embedded>/…` for built-in files).
    pub file: String,
    /// 1-based; `u32` keeps the diagnostic small on the error path.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: Said,
    /// What would have been accepted here (boxed, as is the help: most diagnostics travel
    /// in a `Result` and are never printed).
    pub expected: Option<Box<Said>>,
    /// How to fix it.
    pub help: Option<Box<Said>>,
    /// The language the file declares (`language: sv`), for choosing the language of the
    /// message when no `--lang` is given.
    pub language: Option<Language>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, message: impl Into<Said>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            expected: None,
            help: None,
            language: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(u32::try_from(line).unwrap_or(u32::MAX));
        self.column = Some(u32::try_from(column).unwrap_or(u32::MAX));
        self
    }

    pub fn expected(mut self, expected: impl Into<Said>) -> Self {
        self.expected = Some(Box::new(expected.into()));
        self
    }

    pub fn help(mut self, help: impl Into<Said>) -> Self {
        self.help = Some(Box::new(help.into()));
        self
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl Diagnostic {
    /// The message with what was expected and the help, on one line, without the place (for
    /// summaries that give the place in their own columns).
    pub fn message_with_help(&self, lang: Language) -> String {
        format!("{}{}", self.message.get(lang), self.notes(lang, "; "))
    }

    /// The place, the message, and what was expected and the help on lines of their own.
    pub fn render(&self, lang: Language) -> String {
        let message = self.message.get(lang);
        format!("{}: {message}{}", self.location(), self.notes(lang, "\n  "))
    }

    /// What was expected and the help, each after `sep` and its label.
    fn notes(&self, lang: Language, sep: &str) -> String {
        [
            ("label.expected", &self.expected),
            ("label.help", &self.help),
        ]
        .into_iter()
        .filter_map(|(label, said)| {
            let said = said.as_ref()?;
            Some(format!(
                "{sep}{}: {}",
                say(label, &[]).get(lang),
                said.get(lang)
            ))
        })
        .collect()
    }

    /// The diagnostic, marked with the language its file declares.
    pub fn in_file_language(mut self, language: Option<Language>) -> Self {
        self.language = self.language.or(language);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

/// Everything that can stop a command. `Display` gives it in English; [`Error::render`] in
/// the reader's language.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One problem in one input.
    #[error("{0}")]
    Input(Box<Diagnostic>),

    /// Several problems, reported together (a clause library, a lint run).
    #[error("{}", list(.0, Language::En))]
    Inputs(Vec<Diagnostic>),

    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A request that cannot be carried out as asked (an output that exists, a missing
    /// directory, an unknown clause id).
    #[error("{message}{}", help.as_ref().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
    Usage {
        message: Said,
        help: Option<Said>,
        /// The language of the procurement the request was about, if known.
        language: Option<Language>,
    },

    /// Writing to stdout failed (other than a closed pipe, which is not an error).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

fn list(diagnostics: &[Diagnostic], lang: Language) -> String {
    let mut out = diagnostics
        .iter()
        .map(|d| d.render(lang))
        .collect::<Vec<_>>()
        .join("\n");
    if diagnostics.len() > 1 {
        let count = diagnostics.len().to_string();
        out.push('\n');
        out.push_str(say("error.count", &[("count", &count)]).get(lang));
    }
    out
}

impl Error {
    pub fn usage(message: impl Into<Said>) -> Self {
        Error::Usage {
            message: message.into(),
            help: None,
            language: None,
        }
    }

    pub fn usage_with_help(message: impl Into<Said>, help: impl Into<Said>) -> Self {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
            language: None,
        }
    }

    /// The error, marked with the language of the procurement it is about.
    pub fn about_language(mut self, lang: Option<Language>) -> Self {
        if let Error::Usage { language, .. } = &mut self {
            *language = language.or(lang);
        }
        self
    }

    /// One error for several: the one itself, or every problem listed together.
    pub fn many(mut errors: Vec<Error>) -> Self {
        if errors.len() == 1 {
            return errors.remove(0);
        }
        Error::Inputs(
            errors
                .into_iter()
                .flat_map(|e| match e {
                    Error::Input(d) => vec![*d],
                    Error::Inputs(ds) => ds,
                    Error::Read { path, source } => vec![Diagnostic::new(
                        path.display().to_string(),
                        say_with("error.read-it", &[("reason", &io_reason(&source))]),
                    )],
                    other => vec![Diagnostic::new("socialclause", other.to_string())],
                })
                .collect(),
        )
    }

    /// 2 for every error: the run could not start, or its input is bad. (Exit code 1 is kept
    /// for findings and partial failures, which are results, not errors.)
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// The language a file behind the error declares, if any.
    pub fn file_language(&self) -> Option<Language> {
        match self {
            Error::Input(d) => d.language,
            Error::Inputs(ds) => ds.iter().find_map(|d| d.language),
            Error::Usage { language, .. } => *language,
            _ => None,
        }
    }

    /// The error as the user reads it on standard error: `error: ` (or `fel: `) and the text.
    pub fn line(&self, lang: Language) -> String {
        format!(
            "{}: {}",
            say("label.error", &[]).get(lang),
            self.render(lang)
        )
    }

    /// The error's text, without the `error: ` label, in `lang`.
    pub fn render(&self, lang: Language) -> String {
        let path_said = |key: &str, path: &std::path::Path, source: &std::io::Error| {
            let reason = io_reason(source);
            say(
                key,
                &[
                    ("path", &path.display().to_string()),
                    ("reason", reason.get(lang)),
                ],
            )
            .get(lang)
            .to_string()
        };
        match self {
            Error::Input(d) => d.render(lang),
            Error::Inputs(ds) => list(ds, lang),
            Error::Read { path, source } => path_said("error.read", path, source),
            Error::Write { path, source } => path_said("error.write", path, source),
            Error::Usage { message, help, .. } => {
                let mut out = message.get(lang).to_string();
                if let Some(help) = help {
                    out.push_str(&format!(
                        "\n  {}: {}",
                        say("label.help", &[]).get(lang),
                        help.get(lang)
                    ));
                }
                out
            }
            Error::Stdout(e) => say("error.stdout", &[("reason", &e.to_string())])
                .get(lang)
                .to_string(),
        }
    }
}

/// Why a file could not be read or written, in words for the common cases and the
/// operating system's own otherwise.
fn io_reason(error: &std::io::Error) -> Said {
    match error.kind() {
        std::io::ErrorKind::NotFound => say("io.not-found", &[]),
        std::io::ErrorKind::PermissionDenied => say("io.permission-denied", &[]),
        std::io::ErrorKind::IsADirectory => say("io.is-a-directory", &[]),
        _ => Said::from(error.to_string()),
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(Box::new(d))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The candidate closest to `word`, if it is close enough to be a likely misspelling.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|&(distance, c)| distance <= (c.chars().count() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["duration_months", "description", "date"];
        assert_eq!(
            did_you_mean("duraton_months", keys),
            Some("duration_months")
        );
        assert_eq!(did_you_mean("Date", keys), Some("date"));
        assert_eq!(did_you_mean("colour", keys), None);
        let places = ["se", "scotland", "england", "eu"];
        assert_eq!(did_you_mean("scotlnd", places), Some("scotland"));
        assert_eq!(did_you_mean("SE", places), Some("se"));
    }

    #[test]
    fn diagnostics_show_place_expectation_and_help() {
        let d = Diagnostic::new("p.yaml", "unknown key `duraton_months`")
            .at(4, 1)
            .expected("one of `title`, `duration_months`")
            .help("did you mean `duration_months`?");
        assert_eq!(
            d.to_string(),
            "p.yaml:4:1: unknown key `duraton_months`\n  expected: one of `title`, `duration_months`\n  help: did you mean `duration_months`?"
        );
    }
}
