//! The procurement loader on any bytes: a result or a located error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use socialclause::input::{self, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::source::decode("fuzz.yaml", data.to_vec()) else {
        return;
    };
    let source = Source::from_text("fuzz.yaml", text);
    let _ = input::load_source(&source);
    // The batch loader takes the same input item by item.
    input::yaml::parse_each::<input::Procurement>(&source, &mut |_| {});
});
