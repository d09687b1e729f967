#!/usr/bin/env bash
# Holds the layering ARCHITECTURE.md describes: no crate below fiberplan-app may depend on
# egui (or on anything that draws a window), and the engine crates build without the GUI.
set -euo pipefail
cd "$(dirname "$0")/.."

headless=(fiberplan-model fiberplan-io fiberplan-engine fiberplan-edit fiberplan-export fiberplan-generate fiberplan-netbox)
status=0
for crate in "${headless[@]}"; do
  gui=$(cargo tree -p "$crate" -e normal --prefix none | grep -E '^(egui|eframe|egui_plot|egui-winit|egui-wgpu|winit|wgpu|rfd) ' | sort -u || true)
  if [ -n "$gui" ]; then
    echo "check-layers: $crate depends on GUI crates:" >&2
    echo "$gui" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"

args=()
for crate in "${headless[@]}"; do args+=(-p "$crate"); done
cargo build --quiet "${args[@]}"
echo "check-layers: ${#headless[@]} crates below the window, none depends on egui; they build headless"
