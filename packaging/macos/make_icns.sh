#!/usr/bin/env bash
# Make packaging/macos/callcheck.icns from the SVG icon (macOS only: sips + iconutil).
#   bash packaging/macos/make_icns.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
png="$here/../icons/callcheck-256.png"
set_dir="$(mktemp -d)/callcheck.iconset"
mkdir -p "$set_dir"
for size in 16 32 64 128 256; do
    sips -z "$size" "$size" "$png" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
    half=$((size / 2))
    [[ $half -ge 16 ]] && cp "$set_dir/icon_${size}x${size}.png" "$set_dir/icon_${half}x${half}@2x.png"
done
iconutil -c icns "$set_dir" -o "$here/callcheck.icns"
echo "wrote $here/callcheck.icns"
