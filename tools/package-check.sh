#!/usr/bin/env bash
# Checks the packed Esp32At.TinyCLR.nupkg: every device assembly in lib/net48, README/LICENSE/icon, the GHI dependencies
# at the 2.2.1.2000 line, and nothing host-only (emulator, shim, hosting, tests, net10.0 builds).
set -euo pipefail
artifacts="${1:-${ESP32AT_ARTIFACTS:-$(cd "$(dirname "$0")/.." && pwd)/artifacts}}"
pkg=$(ls "$artifacts"/package/Esp32At.TinyCLR.*.nupkg | head -1)
listing=$(python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$pkg")
nuspec=$(python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.read("Esp32At.TinyCLR.nuspec").decode())' "$pkg")
status=0
for f in lib/net48/Esp32At.dll lib/net48/Esp32At.Links.dll lib/net48/Esp32At.Wifi.dll lib/net48/Esp32At.TinyCLR.dll \
         lib/net48/Esp32At.CircuitPython.dll lib/net48/Esp32At.Mqtt.dll lib/net48/Esp32At.CircuitPython.Mqtt.dll README.md LICENSE icon.png; do
  grep -qx "$f" <<<"$listing" || { echo "package-check: missing $f"; status=1; }
done
if grep -Eiq 'Emulator|Shim|Hosting|Tests|net10' <<<"$listing"; then echo "package-check: host-only content:"; grep -Ei 'Emulator|Shim|Hosting|Tests|net10' <<<"$listing"; status=1; fi
for dep in Core Native Devices.Gpio Devices.Uart Devices.Network Networking; do
  grep -q "id=\"GHIElectronics.TinyCLR.$dep\" version=\"2.2.1.2000\"" <<<"$nuspec" || { echo "package-check: dependency GHIElectronics.TinyCLR.$dep 2.2.1.2000 missing"; status=1; }
done
[ $status -eq 0 ] && echo "package-check: $(basename "$pkg") OK ($(grep -c '^lib/' <<<"$listing") files in lib/)"
exit $status
