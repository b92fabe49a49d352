#!/usr/bin/env bash
# Prints the size of every device-profile assembly (Release) and fails if one exceeds TinyCLR's 64 KB per-assembly limit.
# Usage: tools/size-check.sh [artifacts folder]   (run after: dotnet build <project>.Device.csproj -c Release)
# Checks the TinyCLR 2.2 build (bin/*.Device/release) and, when built, the 3.0 one (bin/*.Device/release_tinyclr3).
set -euo pipefail
artifacts="${1:-${ESP32AT_ARTIFACTS:-$(cd "$(dirname "$0")/.." && pwd)/artifacts}}"
limit=65536
status=0
found=0
declare -A seen
# Each device project's output folder also holds copies of the assemblies it references: report each assembly once.
for dll in "$artifacts"/bin/*.Device/release/*.dll "$artifacts"/bin/*.Device/release_tinyclr3/*.dll; do
  [ -e "$dll" ] || continue
  name=$(basename "$dll")
  case "$dll" in */release_tinyclr3/*) name="$name (TinyCLR 3.0)" ;; esac
  [ -n "${seen[$name]:-}" ] && continue
  seen[$name]=1
  found=$((found + 1))
  size=$(stat -c %s "$dll")
  if [ "$size" -gt "$limit" ]; then
    printf 'size-check: %-40s %7d bytes  OVER the %d-byte limit\n' "$name" "$size" "$limit"
    status=1
  else
    printf 'size-check: %-40s %7d bytes  (%d%% of 64 KB)\n' "$name" "$size" $((size * 100 / limit))
  fi
done
if [ "$found" -eq 0 ]; then echo "size-check: no device assemblies under $artifacts/bin/*.Device/release" >&2; exit 1; fi
exit $status
