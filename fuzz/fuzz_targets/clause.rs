//! The clause loader and linter on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use socialclause::input::{self, Source};
use socialclause::library::Clause;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::source::decode("fuzz.yaml", data.to_vec()) else {
        return;
    };
    let source = Source::from_text("fuzz.yaml", text);
    if let Ok(clause) = input::yaml::parse_one::<Clause>(&source) {
        let _ = socialclause::text::Detector::new(&clause.detect.present, &clause.detect.declined);
    }
});
