#!/usr/bin/env bash
# Regenerates every icon from backtrack.svg (the one source drawing).
# Needs Debian packages: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" backtrack.svg -o "png/backtrack-$size.png"
done
convert png/backtrack-16.png png/backtrack-24.png png/backtrack-32.png png/backtrack-48.png \
        png/backtrack-64.png png/backtrack-128.png png/backtrack-256.png backtrack.ico
png2icns backtrack.icns png/backtrack-16.png png/backtrack-32.png png/backtrack-128.png \
         png/backtrack-256.png png/backtrack-512.png png/backtrack-1024.png >/dev/null
# the app's window icon
mkdir -p ../src/main/resources/dev/backtrack/ui/icons
for size in 16 32 64 128 256; do cp "png/backtrack-$size.png" "../src/main/resources/dev/backtrack/ui/icons/"; done
echo "icons regenerated"
