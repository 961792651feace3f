//! Finishing the PDF with lopdf: what printpdf does not write. The document language
//! (`/Lang`), a nested outline of the headings (printpdf's is flat), and a trailer `/ID`
//! derived from the content, so identical documents are identical files. The Latin font
//! subsets go in as deflated at build time, named as subsets.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::fonts::{Embedding, Fonts};
use super::layout::Bookmark;
use crate::input::Language;

/// How hard streams are compressed: zlib's default, a fraction of the time of its best for
/// a few per cent more bytes.
const COMPRESSION: u32 = 6;

/// The ID written first, found again in the saved bytes and replaced by their hash.
const PLACEHOLDER: [u8; 16] = [0; 16];

/// The tag that names a font program as a subset (PDF 32000-1, 9.6.4: six capital letters,
/// different for different subsets of one font in a file). A file holds one subset of each
/// face, so the tag can be fixed; it tells the two embeddings apart. printpdf writes the
/// resource name (`F1+`) there, which readers do not take for a tag.
fn subset_tag(embedding: Embedding) -> &'static [u8] {
    match embedding {
        Embedding::Latin => b"LATINS+",
        Embedding::Subset => b"SUBSET+",
    }
}

pub fn finish(
    mut doc: Document,
    lang: Language,
    bookmarks: &[Bookmark],
    embedding: Embedding,
) -> Vec<u8> {
    tag_subsets(&mut doc, subset_tag(embedding));
    let pages = doc.get_pages();
    let outline = outline(&mut doc, bookmarks, &pages);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", Object::string_literal(lang.code()));
        catalog.remove(b"Outlines");
        if let Some(root) = outline {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    // printpdf writes an empty PDF/X version (which readers take as a PDF/X claim) and dates
    // of 1970; a document without dates is more honest than one with wrong ones.
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(Object::Dictionary(info)) = doc.get_object_mut(info)
    {
        for key in [
            "GTS_PDFXVersion",
            "Identifier",
            "Keywords",
            "CreationDate",
            "ModDate",
            "Trapped",
        ] {
            info.remove(key.as_bytes());
        }
    }
    compress(&mut doc);
    // The ID is a hash of the file with a placeholder ID, written over the placeholder.
    let placeholder = Object::String(PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut out = Vec::new();
    if doc.save_to(&mut out).is_err() {
        return out;
    }
    let id = content_id(&out);
    let written = hex_string(&PLACEHOLDER);
    let replacement = hex_string(&id);
    // The trailer is at the end: look for the two placeholders there.
    let mut end = out.len();
    for _ in 0..2 {
        match find_last(&out[..end], &written) {
            Some(at) => {
                out[at..at + written.len()].copy_from_slice(&replacement);
                end = at;
            }
            None => break,
        }
    }
    out
}

/// Names every font as a subset with `tag`: `/BaseFont` of the fonts and their descendants,
/// `/FontName` of the descriptors, in place of any prefix printpdf wrote.
fn tag_subsets(doc: &mut Document, tag: &[u8]) {
    let tag = |dict: &mut Dictionary, key: &[u8]| {
        if let Ok(Object::Name(name)) = dict.get_mut(key) {
            let old = name
                .iter()
                .position(|&b| b == b'+')
                .map_or(0, |plus| plus + 1);
            name.splice(0..old, tag.iter().copied());
        }
    };
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        match dict.get(b"Type").and_then(Object::as_name) {
            Ok(b"Font") => {
                tag(dict, b"BaseFont");
                if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
                    for d in descendants {
                        if let Object::Dictionary(d) = d {
                            tag(d, b"BaseFont");
                        }
                    }
                }
            }
            Ok(b"FontDescriptor") => tag(dict, b"FontName"),
            _ => {}
        }
    }
}

/// Compresses every stream that has no filter yet; a Latin font subset gets the copy deflated
/// at build time, and the pages' text strings are made literal first.
fn compress(doc: &mut Document) {
    use std::io::Write;
    let contents: BTreeSet<ObjectId> = doc
        .get_pages()
        .values()
        .filter_map(|&page| {
            doc.get_dictionary(page)
                .ok()?
                .get(b"Contents")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();
    // One encoder for every stream: setting up zlib's state costs more than a small stream.
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(COMPRESSION));
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(deflated) = Fonts::deflated_latin(&stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated.to_vec());
            continue;
        }
        if contents.contains(id)
            && let Some(literal) = literal_strings(&stream.content)
        {
            stream.set_content(literal);
        }
        let written = encoder.write_all(&stream.content);
        // `reset` finishes this stream and hands back its bytes.
        if let Ok(compressed) = encoder.reset(Vec::new())
            && written.is_ok()
            && compressed.len() + 19 < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A page's content with its hexadecimal strings written as literal ones. printpdf writes
/// each run of glyphs as hex (`<00160032>`, four characters a glyph); literal, a glyph takes
/// two bytes, so half as much is compressed and stored. `None`, and the stream is left as
/// it is, for anything but the plain content printpdf writes (a dictionary or a literal
/// string already there, or a malformed hex string).
fn literal_strings(content: &[u8]) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        (c as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while let Some(&b) = content.get(i) {
        match b {
            b'<' => {
                let start = i + 1;
                if content.get(start) == Some(&b'<') {
                    return None;
                }
                let end = start + content[start..].iter().position(|&c| c == b'>')?;
                let hex = &content[start..end];
                if !hex.len().is_multiple_of(2) {
                    return None;
                }
                out.push(b'(');
                for pair in hex.chunks_exact(2) {
                    let byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
                    match byte {
                        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                        // A bare carriage return inside a literal string is read as a line feed.
                        b'\r' => out.extend_from_slice(b"\\r"),
                        _ => out.push(byte),
                    }
                }
                out.push(b')');
                i = end + 1;
            }
            b'(' => return None,
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

/// `<…>` as lopdf writes a hexadecimal string.
fn hex_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![b'<'];
    for b in bytes {
        out.extend_from_slice(format!("{b:02X}").as_bytes());
    }
    out.push(b'>');
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A PDF text string: literal for ASCII, UTF-16BE with a byte-order mark otherwise.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Builds the outline tree: each heading under the nearest heading of a lower level.
fn outline(
    doc: &mut Document,
    bookmarks: &[Bookmark],
    pages: &std::collections::BTreeMap<u32, ObjectId>,
) -> Option<ObjectId> {
    if bookmarks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    // parent[i]: index of the parent bookmark, or None for the root.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(bookmarks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in bookmarks.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&top| bookmarks[top].level >= b.level)
        {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..bookmarks.len()).filter(|&i| parent[i] == p).collect()
    };
    for (i, b) in bookmarks.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings
            .iter()
            .position(|&s| s == i)
            .expect("a bookmark is its parent's child");
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&b.title));
        dict.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            dict.set("Count", Object::Integer(kids.len() as i64));
        }
        if let Some(page) = pages.get(&(b.page as u32 + 1)) {
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"Fit".to_vec()),
                ]),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    root_dict.set("First", Object::Reference(ids[top[0]]));
    root_dict.set(
        "Last",
        Object::Reference(ids[*top.last().expect("a top-level bookmark")]),
    );
    root_dict.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// 16 bytes from two FNV-1a passes with different offsets: stable across runs and platforms.
fn content_id(bytes: &[u8]) -> [u8; 16] {
    let fnv = |seed: u64| {
        bytes.iter().fold(seed, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&fnv(0x6c62_272e_07bb_0142).to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::literal_strings;

    #[test]
    fn hex_strings_become_literal_with_escapes() {
        let content = b"BT\n51 771.63 Td\n<0016002800290D5C0A> Tj\nET\n0.6 w\n";
        assert_eq!(
            literal_strings(content).unwrap(),
            b"BT\n51 771.63 Td\n(\x00\x16\x00\\(\x00\\)\\r\\\\\n) Tj\nET\n0.6 w\n".to_vec()
        );
    }

    #[test]
    fn anything_else_is_left_alone() {
        for content in [
            b"<< /MCID 0 >> BDC".as_slice(),
            b"(already literal) Tj",
            b"<001> Tj",
            b"<00zz> Tj",
            b"<0016 Tj",
        ] {
            assert_eq!(literal_strings(content), None, "{content:?}");
        }
    }
}
