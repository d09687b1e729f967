#!/usr/bin/env bash
# Fuzzes the design loader and edit sequences with cargo fuzz (libFuzzer; needs a nightly
# toolchain and `cargo install cargo-fuzz`) for a bounded time each:
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 600)
#
# Inputs that crash are copied to tests/fuzz_regressions/<target>/, where `cargo test`
# replays them on every run (tests/fuzz_regressions.rs). Exits 1 if any target crashed.
set -uo pipefail
secs=${1:-600}
cd "$(dirname "$0")/.." || exit 2
mkdir -p fuzz/corpus/load fuzz/corpus/edits
cp saved_designs/*.ron fuzz/corpus/load/
cp tests/fuzz_regressions/load/* fuzz/corpus/load/ 2>/dev/null
cp tests/fuzz_regressions/edits/* fuzz/corpus/edits/ 2>/dev/null
[ -n "$(ls fuzz/corpus/edits)" ] || printf '\x00\x01\x02\x03\x07\x05\x09\x0a' > fuzz/corpus/edits/seed
status=0
for target in load edits; do
  dict=()
  [ "$target" = load ] && dict=(-dict=ron.dict)
  echo "== fuzzing $target for ${secs}s"
  (cd fuzz && cargo +nightly fuzz run -s none -a "$target" "corpus/$target" -- \
      -max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=4096 "${dict[@]}") \
    2>&1 | tee "fuzz/$target.log" | grep -E 'ERROR|panicked|SUMMARY' || true
  for crash in fuzz/artifacts/"$target"/crash-* fuzz/artifacts/"$target"/timeout-* fuzz/artifacts/"$target"/oom-*; do
    [ -e "$crash" ] || continue
    cp "$crash" "tests/fuzz_regressions/$target/"
    echo "kept $crash as tests/fuzz_regressions/$target/$(basename "$crash")"
    status=1
  done
  grep -E 'Done [0-9]+ runs' "fuzz/$target.log" | tail -1
done
exit $status
