//! Writing results: atomically to files, and to stdout where a closed pipe is not an error.
//!
//! A file is written to a temporary file beside it and renamed into place, so a killed run or
//! a full disk never leaves half a file, and an existing file is replaced only when asked.

use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::said::say;

/// The refusal to replace a file that exists without `--force`.
pub fn exists_already(path: &Path) -> Error {
    Error::usage_with_help(
        say("output.exists", &[("path", &path.display().to_string())]),
        say("output.exists.help", &[]),
    )
}

/// The refusal to write a binary format to a terminal, as curl refuses, with the `-o` to use.
pub fn binary_on_terminal(format: &str, example: &str) -> Error {
    Error::usage_with_help(
        say("output.binary-on-terminal", &[("format", format)]),
        say("output.binary-on-terminal.help", &[("example", example)]),
    )
}

/// Writes `bytes` to `path` atomically. Refuses to replace an existing file unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if !force && path.exists() {
        return Err(exists_already(path));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = temporary_in(dir).map_err(write_error)?;
    // Written whole to a temporary file and renamed: a killed run leaves the old file or the
    // new one, never half of one. (No fsync: surviving a power cut is not promised, and the
    // flush would cost more than the rest of a run.)
    file.write_all(bytes).map_err(write_error)?;
    if force {
        file.persist(path).map_err(|e| write_error(e.error))?;
    } else {
        // Another process may have created the file meanwhile: never overwrite it.
        file.persist_noclobber(path)
            .map_err(|e| write_error(e.error))?;
    }
    Ok(())
}

/// A temporary file in `dir` to be renamed into place: hidden while it is written, and
/// created with the permissions any new file gets (0666 less the umask), not tempfile's
/// owner-only ones, so the finished file can be read by whoever reads the folder.
pub fn temporary_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".socialclause-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Standard output for results. A reader that goes away (`| head`) ends the output quietly.
pub struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Self {
        Stdout {
            inner: io::stdout().lock(),
            closed: false,
        }
    }

    /// Writes all of `text`, unless the reader has gone.
    pub fn write_str(&mut self, text: &str) -> Result<()> {
        self.write_bytes(text.as_bytes())
    }

    /// Writes all of `bytes`, unless the reader has gone.
    pub fn write_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match self
            .inner
            .write_all(bytes)
            .and_then(|()| self.inner.flush())
        {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Error::Stdout(e)),
        }
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Stdout::new()
    }
}
