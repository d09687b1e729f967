//! Any bytes as a sequence of edits on an example design: apply, undo and redo must give
//! back exactly the designs before and after.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fiberplan_fuzz::edits(data);
});
