//! The fuzz targets on stable (issue 5): every input a fuzzer ever crashed on (kept in
//! `tests/fuzz_regressions/<target>/` by `scripts/fuzz.sh`), every example design, and a
//! fixed pseudo-random sweep of damaged files and edit sequences, so CI holds what fuzzing
//! found without a nightly toolchain.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::path::Path;

fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != ".gitkeep")
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// xorshift64*: a fixed stream, so a failure here is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn every_loader_crash_ever_found_is_handled() {
    for (name, bytes) in inputs("tests/fuzz_regressions/load") {
        eprintln!("replaying {name}");
        targets::load(&bytes);
    }
}

#[test]
fn every_edit_sequence_crash_ever_found_is_handled() {
    for (name, bytes) in inputs("tests/fuzz_regressions/edits") {
        eprintln!("replaying {name}");
        targets::edits(&bytes);
    }
}

#[test]
fn the_example_designs_pass_the_loader_target() {
    let mut n = 0;
    for entry in std::fs::read_dir("saved_designs").unwrap().flatten() {
        targets::load(&std::fs::read(entry.path()).unwrap());
        n += 1;
    }
    assert!(n >= 12);
    targets::load(include_bytes!(
        "fixtures/format-1/two-rack-leaf-servers.ron"
    ));
}

/// Mutated example designs (bytes flipped, spans deleted or repeated, tokens swapped in):
/// the loader target's checks hold on every one.
#[test]
fn mutated_designs_never_break_the_loader() {
    let seed = std::fs::read(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let tokens: [&[u8]; 12] = [
        b"-1.0",
        b"NaN",
        b"65535",
        b"None",
        b"Some(\"C1/F1\")",
        b"\"SW1/R9\"",
        b"0",
        b"255",
        b"Mpo24",
        b"Pinned",
        b"\"C1\"",
        b"inf",
    ];
    let mut rng = Rng(0x5eed_f1be_5eed_f1be);
    for _ in 0..300 {
        let mut data = seed.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(data.len());
            match rng.below(4) {
                0 => data[at] = rng.next() as u8,
                1 => {
                    let end = (at + rng.below(40)).min(data.len());
                    data.drain(at..end);
                }
                2 => {
                    let end = (at + rng.below(200)).min(data.len());
                    let span = data[at..end].to_vec();
                    data.splice(at..at, span);
                }
                _ => {
                    let t = tokens[rng.below(tokens.len())];
                    let end = (at + rng.below(8)).min(data.len());
                    data.splice(at..end, t.iter().copied());
                }
            }
        }
        targets::load(&data);
    }
}

/// Random edit sequences on the example: undo and redo are exact after every edit.
#[test]
fn random_edit_sequences_undo_and_redo_exactly() {
    let mut rng = Rng(0x0dd_ba11_cafe);
    for _ in 0..150 {
        let len = 4 * (1 + rng.below(40));
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        targets::edits(&data);
    }
}
