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
# the desktop app is in the menu; the command line's entry (jpackage writes one per launcher) is hidden
desktop="$app/lib/backtrack-backtrack.desktop"
cli_desktop="$app/lib/backtrack-backtrack-cli.desktop"
[ -f "$desktop" ] || fail "no $desktop"
! grep -q '^NoDisplay=true' "$desktop" || fail "$desktop is hidden from the menu"
[ ! -f "$cli_desktop" ] || grep -q '^NoDisplay=true' "$cli_desktop" || fail "$cli_desktop would put the CLI in the menu"
if command -v desktop-file-validate >/dev/null; then
  for entry in "$desktop" "$cli_desktop"; do
    [ -f "$entry" ] || continue
    desktop-file-validate "$entry" || fail "$entry does not validate"
    echo "check-packages: $(basename "$entry") validates"
  done
fi
# rpm and dpkg stand-ins that leave a mark: a launcher must not ask the package manager anything at start
# (jpackage's native launchers do, twice per start; ours are scripts, see dev.backtrack.packaging.LinuxLaunchers)
stubs="$root/stubs"
mkdir -p "$stubs"
for tool in rpm dpkg dpkg-query; do
  printf '#!/bin/sh\necho "$0 $*" >> "%s/package-queries"\nexit 1\n' "$root" > "$stubs/$tool"
  chmod +x "$stubs/$tool"
done
cli_version=$(PATH="$stubs:$PATH" "$app/bin/backtrack-cli" --version | head -1)
[ "$cli_version" = "backtrack $version" ] || fail "backtrack-cli --version printed '$cli_version'"
[ ! -e "$root/package-queries" ] || fail "the CLI launcher queried the package manager: $(cat "$root/package-queries")"
echo "check-packages: backtrack-cli --version -> $cli_version (no package-manager query)"
# the CLI's ahead-of-time cache holds picocli (Java 5 class files it would skip, rewritten by UpgradeOldClasses)
cached=$(JAVA_TOOL_OPTIONS="-Xlog:class+load=info" PATH="$stubs:$PATH" "$app/bin/backtrack-cli" --version 2>/dev/null \
  | grep -c "picocli.CommandLine source: shared objects file" || true)
[ "$cached" = 1 ] || fail "backtrack-cli did not load picocli from its ahead-of-time cache"
echo "check-packages: backtrack-cli loads picocli from its ahead-of-time cache"

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
