//! In-process benchmark: the annex of one example as HTML and PDF, and as DOCX (assessment
//! included in each), the medians over repeated runs in one process, then 1 000 HTML+PDF
//! documents with the peak memory before and after, to show that memory stays flat. Run with
//! `cargo bench --bench annex`.

use std::time::Instant;

use socialclause::cli::DocumentFormat;
use socialclause::cmd::annex_bytes;

fn document_bytes(input: &std::path::Path) -> socialclause::error::Result<Vec<Vec<u8>>> {
    annex_bytes(input, &[DocumentFormat::Html, DocumentFormat::Pdf])
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let input =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/se-parkskotsel.yaml");
    // Warm up: fonts, messages and the library load once per process.
    document_bytes(&input).expect("the example renders");
    // In one loop: the whole annex as HTML+PDF, as DOCX, and with no format at all (loading,
    // assessing and composing only), so that the renderers' own cost is the difference.
    let mut times = Vec::new();
    let mut docx_times = Vec::new();
    let mut none_times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(document_bytes(&input).expect("the example renders"));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(
            annex_bytes(&input, &[DocumentFormat::Docx]).expect("the example renders"),
        );
        docx_times.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(annex_bytes(&input, &[]).expect("the example composes"));
        none_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (both, docx, none) = (median(times), median(docx_times), median(none_times));
    println!("annex HTML+PDF, in process: median {both:.2} ms over 50 runs");
    println!("annex DOCX, in process: median {docx:.2} ms over 50 runs (same loop)");
    println!("annex composed, no format: median {none:.2} ms over 50 runs (same loop)");
    println!(
        "so the renderers alone: HTML+PDF {:.2} ms, DOCX {:.2} ms (medians' differences)",
        both - none,
        docx - none
    );
    let before = peak_kib();
    let t = Instant::now();
    for i in 0..1000 {
        std::hint::black_box(document_bytes(&input).expect("the example renders"));
        if i == 99 {
            println!("peak memory after 100 documents: {} KiB", peak_kib());
        }
    }
    let total = t.elapsed().as_secs_f64();
    println!(
        "1000 documents: {:.2} s, {:.2} ms each; peak memory {} KiB before, {} KiB after",
        total,
        total,
        before,
        peak_kib()
    );
}
