//! The OCDS notice loader on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use socialclause::input::{self, Jurisdiction, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::source::decode("fuzz.json", data.to_vec()) else {
        return;
    };
    let source = Source::from_text("fuzz.json", text);
    let _ = input::ocds::load(&source, Some(Jurisdiction::Scotland));
});
