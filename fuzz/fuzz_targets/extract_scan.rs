//! Extraction and the full scan on any bytes, read as text, HTML or DOCX (the first byte
//! chooses), as `check` reads a document.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use socialclause::input::Language;
use socialclause::library::{Library, LibraryOptions};
use socialclause::scan::{self, CheckContext, ExtractOptions, Scanner};

fn scanner() -> &'static Scanner<'static> {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    static SCANNER: OnceLock<Scanner<'static>> = OnceLock::new();
    let library =
        LIBRARY.get_or_init(|| Library::load(&LibraryOptions::default()).expect("the library loads"));
    SCANNER.get_or_init(|| Scanner::new(library.clauses()).expect("patterns compile"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let name = match kind % 4 {
        0 => "fuzz.txt",
        1 => "fuzz.html",
        2 => "fuzz.md",
        _ => "fuzz.docx",
    };
    let Ok(doc) = scan::extract::extract_bytes(name.into(), rest.to_vec(), &ExtractOptions::default())
    else {
        return;
    };
    let cx = CheckContext {
        scanner: scanner(),
        language: Language::En,
        jurisdiction: None,
        assessment: None,
    };
    let report = scan::check(&cx, std::slice::from_ref(&doc));
    let _ = socialclause::render::check_text::report(&report);
});
