#!/usr/bin/env bash
# Takes a screenshot of the HTTP server demo's page (served through the built-in ESP-AT emulator) with headless
# Chromium, for the README.
#
# Usage: scripts/screenshot-server.sh [output.png]        (default: docs/server-demo.png)
# Needs: the .NET SDK, and Chromium from Debian's packages:  sudo apt-get install chromium
# How: starts `dotnet run --project Demos/HttpServer` on the emulator, reads the 127.0.0.1 URL it prints (the
# emulator's port map of the ESP's port), lets the page's live readout poll /api/status for a few seconds of virtual
# time, saves the PNG, then stops the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/server-demo.png}"
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$chrome" ]; then echo "screenshot-server: no chromium; install it with: sudo apt-get install chromium" >&2; exit 1; fi

log="$(mktemp)"
dotnet build Demos/HttpServer -nologo -clp:ErrorsOnly >/dev/null
dotnet run --no-build --project Demos/HttpServer -- --speed 0 --listen-port 8090 --seconds 120 >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 1 120); do
  url="$(sed -n 's/.*Open \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
  [ -n "$url" ] && break
  if ! kill -0 "$demo" 2>/dev/null; then cat "$log" >&2; echo "screenshot-server: the demo exited" >&2; exit 1; fi
  sleep 0.5
done
if [ -z "$url" ]; then cat "$log" >&2; echo "screenshot-server: no URL from the demo" >&2; exit 1; fi
echo "screenshot-server: $url"
# Switch the LED on first, so the picture shows a state change.
curl -s -X POST -d '{"on":true}' "${url}api/led" >/dev/null || true

"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=800,400 \
  --virtual-time-budget=4000 --screenshot="$out" "$url" 2>/dev/null
echo "screenshot-server: wrote $out"
