#!/usr/bin/env bash
# Starts the real fiberplan binary in a virtual X display, waits for it to draw the embedded
# example design, takes a screenshot of the screen and checks the picture is not blank; then
# checks that `--startup-timings` opens a window, reports its first frame and closes it.
#
# Usage: scripts/window-screenshot.sh [OUT.png]   (needs xvfb, xauth, imagemagick, mesa)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/window-screenshot.png}
mkdir -p "$(dirname "$out")"

cargo build --quiet --bin fiberplan
runtime=$(mktemp -d)
data=$(mktemp -d)
export XDG_RUNTIME_DIR=$runtime XDG_DATA_HOME=$data
# Mesa's software Vulkan driver, so wgpu has an adapter without a GPU.
if [ -f /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ]; then
  export VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
fi

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$runtime" "$data"
}
trap cleanup EXIT
sleep 2

DISPLAY=$display "${CARGO_TARGET_DIR:-target}/debug/fiberplan" >"$runtime/app.log" 2>&1 &
app=$!

# Wait until the window has drawn something other than the empty screen.
for _ in $(seq 1 30); do
  sleep 1
  if ! kill -0 "$app" 2>/dev/null; then
    echo "fiberplan exited early:" >&2
    cat "$runtime/app.log" >&2
    exit 1
  fi
  DISPLAY=$display import -window root "$out" 2>/dev/null || continue
  colors=$(convert "$out" -format '%k' info:)
  if [ "$colors" -gt 16 ]; then
    echo "window screenshot: $out ($colors colours)"
    # The start-up timings open a second window on the same display, time its first frame
    # and close it.
    timings=$(DISPLAY=$display "${CARGO_TARGET_DIR:-target}/debug/fiberplan" --startup-timings \
      saved_designs/two-rack-leaf-servers.ron 2>>"$runtime/app.log")
    echo "$timings"
    if ! grep -q "first frame shown" <<<"$timings"; then
      echo "--startup-timings printed no first frame" >&2
      cat "$runtime/app.log" >&2
      exit 1
    fi
    exit 0
  fi
done
echo "the window stayed blank (last screenshot: $out)" >&2
cat "$runtime/app.log" >&2
exit 1
