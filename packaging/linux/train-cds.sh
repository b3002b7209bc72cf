#!/usr/bin/env bash
# Starts the freshly built app-image once (under Xvfb when there is no display) and lets it exit after its
# first window, so the JVM writes lib/app/backtrack.jsa (AppCDS, -XX:+AutoCreateSharedArchive): the archive
# ships in the packages and makes every later start faster.
set -euo pipefail
image="$1"
run=("$image/bin/backtrack")
export JAVA_TOOL_OPTIONS="-Dbacktrack.exitAfterStartup=true"
home=$(mktemp -d)
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "train-cds: no display and no xvfb-run; skipping the CDS archive" >&2; exit 0; }
  HOME="$home" timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}" -Dbacktrack.config.dir="$home" >/dev/null 2>&1 || true
else
  HOME="$home" timeout 120 "${run[@]}" >/dev/null 2>&1 || true
fi
rm -rf "$home"
if [ -f "$image/lib/app/backtrack.jsa" ]; then
  echo "train-cds: wrote $(du -h "$image/lib/app/backtrack.jsa" | cut -f1) class-data archive"
else
  echo "train-cds: no archive was written (the app did not exit cleanly); packages will start without AppCDS" >&2
fi
