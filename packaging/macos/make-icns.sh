#!/usr/bin/env bash
# macOS only (sips and iconutil ship with macOS): renders assets/icons/modelfactory.png into the .icns
# jpackage wants on macOS. Usage: packaging/macos/make-icns.sh OUT.icns
set -euo pipefail
out=$1
src="$(cd "$(dirname "$0")/../.." && pwd)/assets/icons/modelfactory.png"
set_dir=$(mktemp -d)/modelfactory.iconset
mkdir -p "$set_dir"
for size in 16 32 64 128 256; do
    sips -z "$size" "$size" "$src" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
    half=$((size / 2))
    [ "$half" -ge 16 ] && cp "$set_dir/icon_${size}x${size}.png" "$set_dir/icon_${half}x${half}@2x.png"
done
iconutil -c icns "$set_dir" -o "$out"
