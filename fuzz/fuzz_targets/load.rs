//! Any bytes as a design file: reading, repairing, checking and saving must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fiberplan_fuzz::load(data);
});
