//! In-process benchmark: the annex of one example as HTML and PDF (assessment included), the
//! median over repeated runs, then 1 000 documents in one process with the peak memory before
//! and after, to show that memory stays flat. Run with `cargo bench --bench annex`.

use std::time::Instant;

use socialclause::cmd::annex_html_pdf as document_bytes;

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
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let (html, pdf) = document_bytes(&input).expect("the example renders");
        std::hint::black_box((html, pdf));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "annex HTML+PDF, in process: median {:.2} ms over {} runs",
        median(times),
        50
    );
    let before = peak_kib();
    let t = Instant::now();
    for i in 0..1000 {
        let (html, pdf) = document_bytes(&input).expect("the example renders");
        std::hint::black_box((html, pdf));
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
