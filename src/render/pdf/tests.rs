//! PDF checks on structure and text, not bytes: metadata, outline, language, extracted text,
//! pagination of a stress document, a 100 000-character title, determinism across threads,
//! and which font programs are embedded.

use super::*;
use crate::compose::{Block, Document, Inline};
use crate::input::Language;

fn doc(title: &str, blocks: Vec<Block>) -> Document {
    Document {
        language: Language::Sv,
        title: title.to_string(),
        author: Some("Norrköpings kommun".to_string()),
        subject: "Ämne".to_string(),
        credited: true,
        blocks,
        running: None,
    }
}

fn sample() -> Document {
    doc(
        "Bilaga – Skötsel av parker",
        vec![
            Block::heading(1, "a", "Bilaga – Skötsel av parker"),
            Block::heading(2, "b", "Värden"),
            Block::paragraph(
                "Åtta öar: 12\u{a0}000\u{a0}000 SEK, £4\u{a0}000\u{a0}000 och €750\u{a0}000 – “citat”.",
            ),
            Block::heading(3, "c", "Krav"),
            Block::Table {
                caption: None,
                header: vec!["Krav".into(), "Mål".into()],
                rows: vec![vec![
                    vec![Inline::Text("Sysselsättning".into())],
                    vec![Inline::Text("15 månader".into())],
                ]],
            },
        ],
    )
}

fn load(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the PDF loads")
}

#[test]
fn metadata_language_and_outline_are_written() {
    let pdf = load(&render(&sample()));
    let info_id = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = pdf.get_dictionary(info_id).unwrap();
    assert!(info.get(b"Title").is_ok());
    assert!(info.get(b"Author").is_ok());
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "no PDF/X claim");
    let catalog = pdf.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"sv");
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    // One top-level heading (h1), with the rest nested below it.
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 1);
    let first = pdf
        .get_dictionary(outlines.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    assert!(first.get(b"First").is_ok(), "the h2 is nested under the h1");
    assert!(pdf.trailer.get(b"ID").is_ok());
}

#[test]
fn text_copies_out_with_swedish_letters_and_symbols() {
    let pdf = load(&render(&sample()));
    let text = pdf.extract_text(&[1]).unwrap();
    for expected in [
        "Åtta öar",
        "12 000 000 SEK",
        "£4 000 000",
        "€750 000",
        "–",
        "Sysselsättning",
    ] {
        assert!(text.contains(expected), "`{expected}` in {text:?}");
    }
}

#[test]
fn the_same_document_gives_the_same_bytes_on_every_thread() {
    let d = sample();
    let first = render(&d);
    assert_eq!(first, render(&d));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let d = d.clone();
            std::thread::spawn(move || render(&d))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), first);
    }
}

#[test]
fn a_stress_document_stays_inside_the_page() {
    let fonts = Fonts::get();
    let mut blocks = vec![Block::heading(1, "t", "Stress")];
    for i in 0..200 {
        blocks.push(Block::heading(
            4,
            format!("h{i}"),
            format!("{i}. Krav nummer {i} med en lång rubrik som ska radbrytas snyggt över raden"),
        ));
        blocks.push(Block::paragraph("Leverantören ska under kontraktstiden anställa personer som står långt från arbetsmarknaden, sammanlagt motsvarande minst 15 månader på heltid. ".repeat(3)));
        blocks.push(Block::Table {
            caption: None,
            header: vec!["Delkontrakt".into(), "Mål".into(), "Kommentar".into()],
            rows: (0..3)
                .map(|r| {
                    vec![
                        vec![Inline::Text(format!("Lot {r}"))],
                        vec![Inline::Text("12\u{a0}000\u{a0}000 SEK".into())],
                        vec![Inline::Text("ord ".repeat(40))],
                    ]
                })
                .collect(),
        });
    }
    let pages = layout::layout(&doc("Stress", blocks), fonts, |n, m| {
        format!("Sida {n} av {m}")
    });
    assert!(pages.pages.len() > 50, "{} pages", pages.pages.len());
    for (p, page) in pages.pages.iter().enumerate() {
        for d in page {
            if let Draw::Text {
                x,
                baseline,
                face,
                size,
                text,
                ..
            } = d
            {
                let right = x + fonts.width(*face, text, *size);
                assert!(
                    *x >= 0.0 && right <= layout::PAGE_WIDTH - layout::MARGIN_X + 0.5,
                    "page {p}: `{text}` from {x} to {right}"
                );
                assert!(
                    *baseline > 0.0 && *baseline < layout::PAGE_HEIGHT,
                    "page {p}: `{text}` at {baseline}"
                );
                let footer = *baseline > layout::CONTENT_BOTTOM;
                assert!(
                    footer == text.starts_with("Sida "),
                    "page {p}: `{text}` at {baseline}"
                );
            }
        }
    }
    assert_eq!(pages.bookmarks.len(), 201);
}

#[test]
fn a_title_of_100_000_characters_finishes() {
    let title = "Skötsel".repeat(100_000 / 7);
    let d = doc(
        &title,
        vec![
            Block::heading(1, "t", title.clone()),
            Block::paragraph(title.clone()),
        ],
    );
    let bytes = render(&d);
    let pdf = load(&bytes);
    assert!(pdf.get_pages().len() > 2);
}

/// The decoded `/FontFile2` programs of a PDF.
fn font_programs(pdf: &lopdf::Document) -> Vec<Vec<u8>> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Length1").is_ok())
        .map(|s| s.decompressed_content().expect("a font stream decodes"))
        .collect()
}

/// The `/BaseFont` of every font dictionary, descendants included.
fn base_fonts(pdf: &lopdf::Document) -> Vec<String> {
    let mut names = Vec::new();
    for dict in pdf.objects.values().filter_map(|o| o.as_dict().ok()) {
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_slice()) {
            names.push(dict.get(b"BaseFont").unwrap().as_name().unwrap().to_vec());
            for d in dict.get(b"DescendantFonts").unwrap().as_array().unwrap() {
                names.push(
                    d.as_dict()
                        .unwrap()
                        .get(b"BaseFont")
                        .unwrap()
                        .as_name()
                        .unwrap()
                        .to_vec(),
                );
            }
        }
    }
    names
        .into_iter()
        .map(|n| String::from_utf8(n).unwrap())
        .collect()
}

#[test]
fn a_latin_document_embeds_the_prepared_subsets() {
    let bytes = render(&sample());
    let programs = font_programs(&load(&bytes));
    assert!(!programs.is_empty());
    for program in &programs {
        assert!(
            Fonts::deflated_latin(program).is_some(),
            "a font of {} bytes is not a Latin subset",
            program.len()
        );
    }
    let names = base_fonts(&load(&bytes));
    assert!(
        names.contains(&"LATINS+DejaVuSans".to_string()),
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.starts_with("LATINS+")), "{names:?}");
}

#[test]
fn other_scripts_subset_the_whole_fonts_and_copy_out() {
    let d = doc(
        "Ελληνικά",
        vec![
            Block::heading(1, "t", "Ελληνικά"),
            Block::paragraph("Skötsel: Кириллица och Ελληνικά – 12\u{a0}000 €"),
        ],
    );
    let pdf = load(&render(&d));
    let programs = font_programs(&pdf);
    assert!(!programs.is_empty());
    for program in &programs {
        assert!(Fonts::deflated_latin(program).is_none());
    }
    let names = base_fonts(&pdf);
    assert!(
        names.contains(&"SUBSET+DejaVuSans".to_string()),
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.starts_with("SUBSET+")), "{names:?}");
    let text = pdf.extract_text(&[1]).unwrap();
    for expected in ["Кириллица", "Ελληνικά", "Skötsel", "12 000 €"] {
        assert!(text.contains(expected), "`{expected}` in {text:?}");
    }
}

#[test]
fn a_run_that_ends_in_a_space_is_spaced_from_the_next() {
    let pdf = load(&render(&doc(
        "Nummer",
        vec![
            Block::Heading {
                level: 3,
                id: "requirement-2".into(),
                number: Some(2),
                text: vec![Inline::Text("Underleverantörer".into())],
            },
            Block::Paragraph {
                text: vec![
                    Inline::Text("Rättslig grund: ".into()),
                    Inline::Text("17 kap. 1 § LOU".into()),
                ],
            },
        ],
    )));
    let text = pdf.extract_text(&[1]).unwrap();
    assert!(text.contains("2. Underleverantörer"), "{text:?}");
    assert!(text.contains("Rättslig grund: 17 kap."), "{text:?}");
}
