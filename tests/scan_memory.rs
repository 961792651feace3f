//! A 40 MiB tender text scans with memory bounded by the input size, not by input × patterns.
//!
//! Its own test binary, because it counts every allocation with a global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use socialclause::input::Language;
use socialclause::library::{Library, LibraryOptions};
use socialclause::scan::{self, CheckContext, ExtractOptions, Scanner};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SIZE: usize = 40 * 1024 * 1024;

#[test]
fn a_40_mib_text_scans_in_memory_proportional_to_its_size() {
    let library = Library::load(&LibraryOptions::default()).expect("the library loads");
    let scanner = Scanner::new(library.clauses()).expect("patterns compile");
    let fixture = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/tender.txt"),
    )
    .expect("the fixture reads");
    let mut text = String::with_capacity(SIZE + fixture.len());
    while text.len() < SIZE {
        text.push_str(&fixture);
        text.push_str("\nFiller about grounds maintenance, grass cutting and litter picking.\n\n");
    }
    let bytes = text.into_bytes();
    let input = bytes.len();

    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let doc = scan::extract::extract_bytes("big.txt".into(), bytes, &ExtractOptions::default())
        .expect("the text extracts");
    let cx = CheckContext {
        scanner: &scanner,
        language: Language::En,
        jurisdiction: None,
        assessment: None,
    };
    let report = scan::check(&cx, std::slice::from_ref(&doc));
    drop(doc);
    let peak = PEAK.load(Ordering::Relaxed) - before;

    let d = &report.documents[0];
    let status = |id: &str| d.clauses.iter().find(|c| c.clause == id).unwrap().status;
    assert_eq!(
        status("scot-community-benefits-notice").to_string(),
        "present"
    );
    assert_eq!(status("scot-supply-chain-pcs").to_string(), "declined");
    assert!(d.findings.iter().any(|f| f.id == "price-only-award"));
    // Evidence is capped, so the report stays small however often a clause matches.
    assert!(d.clauses.iter().all(|c| c.evidence.len() <= 10));

    let ratio = peak as f64 / input as f64;
    eprintln!("input {input} bytes, peak {peak} bytes, {ratio:.1} × the input");
    assert!(
        ratio < 8.0,
        "scanning {input} bytes peaked at {peak} bytes ({ratio:.1} × the input)"
    );
}
