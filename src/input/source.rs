//! Reading an input file (or stdin) into checked text, refusing what cannot be text.
//!
//! Every loader starts here, so size limits, invalid UTF-8 and binary garbage are caught once,
//! with the line and column of the first bad byte, before any parser sees the input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::said::say;

/// Inputs larger than this are refused unless the caller raises the limit.
pub const DEFAULT_SIZE_LIMIT: u64 = 50 * 1024 * 1024;

/// A text input and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// As the user named it: a path, `-` for stdin, or `<embedded>/…`.
    pub name: String,
    /// The file on disk, if it is one.
    pub path: Option<PathBuf>,
    pub text: String,
}

impl Source {
    /// A source held in memory (embedded files, tests).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            path: None,
            text: text.into(),
        }
    }

    /// Reads a file, or stdin when `path` is `-`, refusing inputs over `limit` bytes.
    pub fn read(path: &Path, limit: u64) -> Result<Self> {
        let (name, bytes) = read_bytes(path, limit)?;
        let text = decode(&name, bytes)?;
        Ok(Source {
            path: (name != "-").then(|| path.to_path_buf()),
            name,
            text,
        })
    }
}

/// Reads a file, or stdin when `path` is `-`, as bytes, refusing inputs over `limit` bytes.
/// Returns the name to report it under and its bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<(String, Vec<u8>)> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        read_limited(std::io::stdin().lock(), &name, limit)?
    } else {
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(too_large(&name, limit).into());
        }
        read_limited(file, &name, limit)?
    };
    Ok((name, bytes))
}

fn read_limited(reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: PathBuf::from(name),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit).into());
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> Diagnostic {
    Diagnostic::new(
        name,
        say(
            "file.too-large",
            &[("limit", &(limit / (1024 * 1024)).to_string())],
        ),
    )
    .help(say("file.too-large.help", &[]))
}

/// Checks that `bytes` are UTF-8 text without control characters, naming the first bad byte.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let (line, column) = line_column(&valid, at);
        Diagnostic::new(name, say("file.not-utf8", &[]))
            .at(line, column)
            .expected(say("file.not-utf8.expected", &[]))
            .help(say("file.not-utf8.help", &[]))
    })?;
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        let (line, column) = line_column(&text, at);
        let message = if c == '\0' {
            say("file.nul", &[])
        } else {
            say("file.control", &[("code", &format!("U+{:04X}", c as u32))])
        };
        return Err(Diagnostic::new(name, message)
            .at(line, column)
            .expected(say("file.binary.expected", &[]))
            .help(say("file.binary.help", &[])));
    }
    Ok(text)
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_invalid_utf8_at_its_place() {
        let d = decode("x.yaml", b"title: ok\ntitle: \xFFbad\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(8)));
        assert!(d.message.en.contains("not valid UTF-8"));
    }

    #[test]
    fn refuses_control_characters() {
        let d = decode("x.yaml", b"title: a\x00b\n".to_vec()).unwrap_err();
        assert_eq!(d.message.en, "the file holds a NUL byte");
        assert_eq!((d.line, d.column), (Some(1), Some(9)));
    }

    #[test]
    fn strips_a_byte_order_mark() {
        assert_eq!(decode("x", b"\xEF\xBB\xBFa: 1".to_vec()).unwrap(), "a: 1");
    }
}
