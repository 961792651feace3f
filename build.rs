//! Build step: the YAML files compiled into the binary (the clause library, `data/`, the
//! templates' strings) are also written as JSON, which a run reads many times faster than
//! YAML. The YAML stays the source and is what users see and edit; `src/embedded.rs` uses the
//! JSON only for text identical to the file it was made from.
//!
//! It also deflates the Latin subsets of the fonts (`assets/fonts/*-Latin.ttf`) once, so a
//! PDF that embeds them copies their streams instead of compressing them on every run.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const ROOTS: &[&str] = &["clauses", "data", "templates"];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    for root in ROOTS {
        println!("cargo:rerun-if-changed={root}");
        collect(Path::new(root), &mut files);
    }
    files.sort();
    let mut table = String::from(
        "/// `(name, YAML, JSON)` of every embedded YAML file, sorted by name.\n\
         pub static FILES: &[(&str, &str, &str)] = &[\n",
    );
    for path in &files {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: serde_json::Value = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
        let json_path = out.join("json").join(path).with_extension("json");
        fs::create_dir_all(json_path.parent().expect("a parent folder"))
            .expect("the build can write to OUT_DIR");
        fs::write(
            &json_path,
            serde_json::to_string(&value).expect("JSON values serialise"),
        )
        .expect("the build can write to OUT_DIR");
        let source = fs::canonicalize(path).expect("the file exists");
        writeln!(
            table,
            "    (\"<embedded>/{}\", include_str!({:?}), include_str!({:?})),",
            path.display(),
            source,
            json_path
        )
        .expect("writing to a string");
    }
    table.push_str("];\n");
    fs::write(out.join("embedded_json.rs"), table).expect("the build can write to OUT_DIR");
    deflate_fonts(&out);
}

/// `OUT_DIR/fonts/NAME.zlib` for every Latin subset `assets/fonts/*-Latin.ttf`, at zlib's best
/// compression.
fn deflate_fonts(out: &Path) {
    use std::io::Write as _;
    let fonts = Path::new("assets/fonts");
    println!("cargo:rerun-if-changed={}", fonts.display());
    let dir = out.join("fonts");
    fs::create_dir_all(&dir).expect("the build can write to OUT_DIR");
    let entries = fs::read_dir(fonts).expect("assets/fonts is in the source");
    for path in entries.flatten().map(|e| e.path()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with("-Latin.ttf") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes).expect("deflating into memory");
        let deflated = encoder.finish().expect("deflating into memory");
        fs::write(dir.join(format!("{name}.zlib")), deflated)
            .expect("the build can write to OUT_DIR");
    }
}

/// Every `.yaml` file below `dir`, except the starter files of `init` (printed, not parsed).
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path != Path::new("templates/init") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}
