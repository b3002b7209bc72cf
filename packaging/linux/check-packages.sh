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
launch() {
  local start end wid
  HOME="$root/home" "$app/bin/backtrack" >"$root/app.log" 2>&1 &
  local pid=$!
  start=$(date +%s%N)
  wid=""
  for _ in $(seq 1 300); do
    wid=$(xdotool search --onlyvisible --name '^Backtrack' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.1
  done
  end=$(date +%s%N)
  [ -n "$wid" ] || { cat "$root/app.log" >&2; kill "$pid" 2>/dev/null; fail "no Backtrack window within 30 s"; }
  echo "check-packages: $1 launch -> window in $(( (end - start) / 1000000 )) ms"
  if [ "$1" = "warm" ]; then sleep 2; import -window root "$shot"; fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
mkdir -p "$root/home"
export -f launch fail
if [ -z "${DISPLAY:-}" ]; then
  exec_in_display() { xvfb-run -a -s "-screen 0 1400x900x24" bash -c "$*"; }
else
  exec_in_display() { bash -c "$*"; }
fi
export app root shot
exec_in_display 'launch first && launch warm && launch warm'
echo "check-packages: screenshot $shot"
echo "check-packages: ok"
