#!/usr/bin/env bash
# Checks the Linux packages for real: .deb metadata, the .desktop entry, an install into a throw-away root
# (dpkg -x), the CLI launcher's --version, and the desktop launcher under Xvfb until its window appears
# (timed, screenshot taken). Run by './mvnw -Pdist verify' on Linux.
set -euo pipefail
dist="$1"
version="$2"
deb="$dist/backtrack_${version}_amd64.deb"
rpm=$(ls "$dist"/backtrack-"$version"-*.rpm 2>/dev/null | head -1 || true)
fail() { echo "check-packages: FAILED: $*" >&2; exit 1; }
[ -f "$deb" ] || fail "no $deb"
info=$(dpkg-deb -I "$deb")
for field in "Package: backtrack" "Version: $version" "Maintainer:" "Description:" "libgtk-3-0"; do
  grep -q "$field" <<<"$info" || fail ".deb control lacks '$field'"
done
echo "check-packages: .deb $(du -h "$deb" | cut -f1), control fields ok"
[ -n "$rpm" ] && echo "check-packages: .rpm $(du -h "$rpm" | cut -f1)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
app="$root/opt/backtrack"
[ -x "$app/bin/backtrack" ] && [ -x "$app/bin/backtrack-cli" ] || fail "launchers missing in the .deb"
[ -f "$app/lib/backtrack.png" ] || fail "icon missing in the .deb"
desktop=$(ls "$app"/lib/*.desktop | head -1)
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "$desktop does not validate"
  echo "check-packages: $(basename "$desktop") validates"
fi
cli_version=$("$app/bin/backtrack-cli" --version | head -1)
[ "$cli_version" = "backtrack $version" ] || fail "backtrack-cli --version printed '$cli_version'"
echo "check-packages: backtrack-cli --version -> $cli_version"

shot="$dist/installed-app.png"
mkdir -p "$root/home"
launcher="$(dirname "$0")/launch-and-time.sh"
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1400x900x24" bash "$launcher" "$app" "$root" "$shot"
else
  bash "$launcher" "$app" "$root" "$shot"
fi
echo "check-packages: screenshot $shot"
echo "check-packages: ok"
