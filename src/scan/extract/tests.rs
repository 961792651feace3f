//! Extraction of every format from the fixtures in `tests/fixtures/check/`.

use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn extracted(name: &str) -> Extracted {
    extract(&fixture(name), &ExtractOptions::default()).expect("the fixture extracts")
}

/// The place of the first occurrence of `phrase` (normalised) in the extracted text.
fn place_of(e: &Extracted, phrase: &str) -> Place {
    let normalized = e.text.normalized();
    let at = normalized
        .find(phrase)
        .unwrap_or_else(|| panic!("{}: {phrase:?} not in {normalized:?}", e.name));
    let original = e
        .text
        .hit(crate::text::HitKind::Present, 0, at..at + phrase.len());
    e.place(original.span.start)
}

const PHRASES: &[&str] = &[
    "community benefits are included in this requirement",
    "recruit two new entrants from the priority groups",
    "fair work first practices",
    "real living wage",
    "does not intend to include a sub-contract clause",
    "£2,000,000",
    "three years' trading history",
    "the basis of the lowest price",
];

#[test]
fn every_format_gives_the_same_sentences() {
    for (name, format) in [
        ("tender.txt", Format::Text),
        ("tender.md", Format::Markdown),
        ("tender.html", Format::Html),
        ("tender.docx", Format::Docx),
        ("tender.pdf", Format::Pdf),
    ] {
        let e = extracted(name);
        assert_eq!(e.format, format, "{name}");
        for phrase in PHRASES {
            assert!(
                e.text.normalized().contains(phrase),
                "{name}: {phrase:?} not in {:?}",
                e.text.normalized()
            );
        }
        assert!(!e.text.normalized().contains("font-family"), "{name}");
        assert!(!e.text.normalized().contains("not required"), "{name}");
    }
}

#[test]
fn places_are_lines_in_text_and_html() {
    let txt = extracted("tender.txt");
    let p = place_of(&txt, "real living wage");
    assert_eq!((p.line, p.column), (14, 16));
    assert_eq!(p.location, format!("{}:14:16", txt.name));

    let html = extracted("tender.html");
    let p = place_of(&html, "real living wage");
    assert_eq!((p.line, p.column), (17, 16));
    let p = place_of(&html, "£2,000,000");
    assert_eq!(
        (p.line, p.column),
        (25, 41),
        "an entity maps to its own place"
    );
}

#[test]
fn places_are_paragraphs_in_docx_and_pages_in_pdf() {
    let docx = extracted("tender.docx");
    let p = place_of(&docx, "real living wage");
    assert_eq!(p.paragraph, Some(6));
    assert!(
        p.location.ends_with("tender.docx, paragraph 6"),
        "{}",
        p.location
    );

    let pdf = extracted("tender.pdf");
    let p = place_of(&pdf, "lowest price");
    assert_eq!(p.page, Some(1));
    assert!(
        p.location.contains("tender.pdf, page 1, line"),
        "{}",
        p.location
    );
}

#[test]
fn ocds_fields_are_located_by_json_path() {
    let e = extracted("../ocds/scotland/ocds-r6ebe6-0000577171.json");
    assert_eq!(e.format, Format::Ocds);
    assert_eq!(e.notices.len(), 1);
    let p = place_of(
        &e,
        "does not intend to include any community benefit requirements",
    );
    assert_eq!(p.json_path.as_deref(), Some("description"));
    assert!(p.column > 1, "the sentence is inside the field: {p:?}");
}

#[test]
fn unknown_and_disguised_formats_are_refused_with_advice() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("tender.odt", b"anything", "`.odt` cannot be checked"),
        ("tender.pdf", b"not a pdf", "does not match its name"),
        (
            "tender.docx",
            b"PK\x03\x04broken",
            "the Word file cannot be read",
        ),
        ("scan.pdf", b"%PDF-1.4 broken", "the PDF cannot be read"),
        ("x.json", b"{\"a\": 1}", "not an OCDS notice"),
    ];
    for (name, bytes, message) in cases {
        let error = extract_bytes(name.to_string(), bytes.to_vec(), &ExtractOptions::default())
            .err()
            .expect("refused");
        let text = error.to_string();
        assert!(text.contains(message), "{name}: {text}");
        assert!(text.contains("help:"), "{name}: {text}");
    }
}

#[test]
fn standard_input_is_told_by_its_content() {
    let options = ExtractOptions::default();
    let html = extract_bytes("-".into(), b"<p>Community benefits</p>".to_vec(), &options).unwrap();
    assert_eq!(html.format, Format::Html);
    let text = extract_bytes("-".into(), b"Community benefits".to_vec(), &options).unwrap();
    assert_eq!(text.format, Format::Text);
}
