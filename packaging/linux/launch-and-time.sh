#!/usr/bin/env bash
# Launches the installed desktop app three times (first, then warm), times launch -> visible window
# (xdotool), screenshots the warm window and closes it. Args: APP_DIR SCRATCH_DIR SCREENSHOT
set -euo pipefail
app="$1"; root="$2"; shot="$3"
launch() {
  local label="$1" start end wid pid
  HOME="$root/home" "$app/bin/backtrack" >"$root/app.log" 2>&1 &
  pid=$!
  start=$(date +%s%N)
  wid=""
  for _ in $(seq 1 600); do
    wid=$(xdotool search --onlyvisible --name '^Backtrack' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.05
  done
  end=$(date +%s%N)
  if [ -z "$wid" ]; then
    cat "$root/app.log" >&2
    kill "$pid" 2>/dev/null || true
    echo "check-packages: FAILED: no Backtrack window within 30 s" >&2
    exit 1
  fi
  echo "check-packages: $label launch -> window in $(( (end - start) / 1000000 )) ms"
  if [ "$label" = "warm-2" ]; then
    sleep 2
    import -window root "$shot"
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}
launch first
launch warm-1
launch warm-2
