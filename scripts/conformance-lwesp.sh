#!/usr/bin/env bash
# Runs MaJerle/lwesp's own examples (station join, DNS, netconn TCP client HTTP GET, netconn server), unmodified,
# against Esp32At.Emulator's --pty, per firmware profile, and prints PASS/FAIL per example (docs/emulator-conformance.md).
#
#   scripts/conformance-lwesp.sh <lwesp-source-dir> [profile ...]     (default: v4.1.1-c3 v4.0.0-c6 v3.3.0-c3 v2.2.0-c3)
#   scripts/conformance-lwesp.sh --bench <lwesp-source-dir> [benchmark options]
#       side by side with lwesp (docs/performance.md): builds lwesp, then runs
#       Esp32At.Benchmarks --lwesp <binary> (default --profiles v4.1.1-c3 --bauds 115200,921600)
#
# Needs: cmake, gcc, dotnet, python3 (the HTTP peer), curl, and the right to bind 127.0.0.2:80 (root or
# CAP_NET_BIND_SERVICE): lwesp's netconn client example connects to example.com port 80, which the emulator resolves
# to 127.0.0.2. Environment: LWESP_BAUD (default 115200: lwesp switches to it with AT+UART_CUR after init), KEEP=1 keeps the work directory (logs of both UART directions).
# LWESP_IPV6=1: a second lwesp build with LWESP_CFG_IPV6=1 per profile after the examples: AT+CIPV6=1 at init, the
# station's IPv6 addresses (WIFI GOT IPv6 LL/GL, AT+CIPSTA?), AT+CIPDOMAIN of an AAAA-only name, and an HTTP GET over a
# TCPv6 netconn to a peer on [::1] (literal and name); needs the host's IPv6 loopback (docs/emulator-conformance.md).
set -u
BENCH=0
if [ "${1:-}" = --bench ]; then BENCH=1; shift; fi
LWESP_SRC=$(cd "${1:?usage: $0 <lwesp-source-dir> [profile ...]}" && pwd)
shift
PROFILES=${*:-v4.1.1-c3 v4.0.0-c6 v3.3.0-c3 v2.2.0-c3}
BAUD=${LWESP_BAUD:-115200}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== building lwesp ($(git -C "$LWESP_SRC" rev-parse --short HEAD 2>/dev/null || echo 'commit unknown')) with the POSIX port"
cmake -S "$REPO/scripts/conformance-lwesp" -B "$WORK/build" -DLWESP_SRC="$LWESP_SRC" -DCMAKE_BUILD_TYPE=Release >"$WORK/cmake.log" 2>&1 \
    && cmake --build "$WORK/build" -j2 >>"$WORK/cmake.log" 2>&1 || { cat "$WORK/cmake.log"; exit 2; }
LWESP="$WORK/build/lwesp-conformance"
IPV6=${LWESP_IPV6:-0}
if [ "$IPV6" = 1 ]; then
    cmake -S "$REPO/scripts/conformance-lwesp" -B "$WORK/build6" -DLWESP_SRC="$LWESP_SRC" -DLWESP_IPV6=ON -DCMAKE_BUILD_TYPE=Release >>"$WORK/cmake.log" 2>&1 \
        && cmake --build "$WORK/build6" -j2 >>"$WORK/cmake.log" 2>&1 || { cat "$WORK/cmake.log"; exit 2; }
fi
if [ "$BENCH" = 1 ]; then
    dotnet run -c Release --project "$REPO/Esp32At.Benchmarks" -- --lwesp "$LWESP" "$@"
    exit $?
fi
echo "== building the emulator"
dotnet build "$REPO/Esp32At.Emulator" -c Release -v q -nologo >"$WORK/dotnet.log" 2>&1 || { cat "$WORK/dotnet.log"; exit 2; }

mkdir -p "$WORK/www" && printf 'hello from the conformance peer\n' >"$WORK/www/index.html"
python3 -m http.server --bind 127.0.0.2 80 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
PIDS+=($!)
for i in $(seq 50); do curl -s -o /dev/null -m 1 http://127.0.0.2:80/ && break; sleep 0.2; done
curl -s -m 1 http://127.0.0.2:80/ | grep -q 'conformance peer' || { echo "cannot serve HTTP on 127.0.0.2:80"; cat "$WORK/http.log"; exit 2; }
V6PORT=8086
if [ "$IPV6" = 1 ]; then
    python3 -m http.server --bind ::1 $V6PORT --directory "$WORK/www" >"$WORK/http6.log" 2>&1 &
    PIDS+=($!)
    for i in $(seq 50); do curl -s -g -o /dev/null -m 1 "http://[::1]:$V6PORT/" && break; sleep 0.2; done
    curl -s -g -m 1 "http://[::1]:$V6PORT/" | grep -q 'conformance peer' || { echo "cannot serve HTTP on [::1]:$V6PORT"; cat "$WORK/http6.log"; exit 2; }
fi

# wait_for <file> <regex> <seconds>: 0 when a line of <file> matches.
wait_for() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}

FAILS=0
report() { # report <profile> <example> <PASS|FAIL> <detail>
    printf '%-10s %-16s %s  %s\n' "$1" "$2" "$3" "$4" | tee -a "$WORK/summary"
    [ "$3" = PASS ] || [ "$3" = SKIP ] || [ "$3" = LWESP-BUG ] || FAILS=$((FAILS + 1))
}

for profile in $PROFILES; do
    dir="$WORK/$profile" && mkdir -p "$dir"
    http_seen=$(wc -l <"$WORK/http.log") # the peer's log is shared: judge only this profile's requests
    dotnet run --no-build -c Release --project "$REPO/Esp32At.Emulator" -- --pty --profile "$profile" \
        --ap "Majerle WIFI,majerle_internet_private" --dns example.com=127.0.0.2 --dns example.net=127.0.0.3 \
        --log "$dir/uart.log" >"$dir/emulator.out" 2>&1 &
    emu=$!
    PIDS+=($emu)
    wait_for "$dir/emulator.out" '^pty: ' 60 || { report "$profile" emulator FAIL "no pty"; continue; }
    pty=$(sed -n 's/^pty: //p' "$dir/emulator.out")
    LWESP_UART=$pty LWESP_BAUD=$BAUD timeout 120 "$LWESP" examples 127.0.0.2 >"$dir/lwesp.out" 2>"$dir/lwesp.err" &
    lw=$!
    PIDS+=($lw)
    wait_for "$dir/lwesp.out" 'CONFORMANCE (init|join) FAIL|CONFORMANCE netconn_server STARTED|not supported' 60

    if grep -q "not supported by the library" "$dir/lwesp.out"; then
        # lwesp's own floor (LWESP_MIN_AT_VERSION_ESP32_C3, lwesp_opt.h), not a disagreement with the emulator.
        report "$profile" init SKIP "lwesp refuses this AT version: $(grep -m1 'Current AT version' "$dir/lwesp.out" | tr -d '\r')"
    fi
    for ex in init baud join dns; do
        line=$(grep -m1 "^CONFORMANCE $ex " "$dir/lwesp.out" | tr -d '\r')
        [ -n "$line" ] && report "$profile" "$ex" "$(echo "$line" | cut -d' ' -f3)" "$(echo "$line" | cut -d' ' -f4-)"
    done
    if grep -q "^CONFORMANCE netconn_client DONE" "$dir/lwesp.out"; then
        # The example's own output: connected, request sent, the peer's answer received, then the peer's close.
        if grep -q "^Data were successfully sent" "$dir/lwesp.out" && grep -q "^Received new data packet" "$dir/lwesp.out" \
            && grep -q "^Connection closed by remote side" "$dir/lwesp.out" && tail -n +$((http_seen + 1)) "$WORK/http.log" | grep -q '"GET / HTTP/1.1" 200'; then
            report "$profile" netconn_client PASS "$(grep '^Received new data packet' "$dir/lwesp.out" | tr -d '\r' | paste -sd';')"
        else
            report "$profile" netconn_client FAIL "see $dir/lwesp.out"
        fi
    fi
    if grep -q "^CONFORMANCE netconn_server STARTED" "$dir/lwesp.out"; then
        wait_for "$dir/emulator.out" '^ESP TCP port 80 -> ' 10
        ep=$(sed -n 's/^ESP TCP port 80 -> //p' "$dir/emulator.out" | tail -1)
        page=$(curl -s -m 10 "http://$ep/")
        css=$(curl -s -m 10 "http://$ep/style.css")
        if [[ "$page" == *"Netconn driven website!"* && "$css" == *"color: red"* ]]; then
            report "$profile" netconn_server PASS "GET / and /style.css through ESP port 80 ($ep)"
        else
            report "$profile" netconn_server FAIL "page '${page:0:60}' css '${css:0:40}'"
        fi
    fi
    kill "$lw" "$emu" 2>/dev/null
    wait "$lw" "$emu" 2>/dev/null
    # Each command the ESP answered ERROR (a command may reach the log in several writes: join them up to \r\n).
    bad=$(awk '/ H> /{ sub(/^[^>]*> /, ""); buf = buf $0; if (buf ~ /\\r\\n$/) { last = buf; buf = "" } }
              / E< .*ERROR/{ print last }' "$dir/uart.log" 2>/dev/null | sort | uniq -c | sed 's/\\r\\n//' | paste -sd';')
    echo "   ($profile: commands answered ERROR: ${bad:-none})"

    [ "$IPV6" = 1 ] || continue
    # The IPv6 run: a fresh emulator, the LWESP_CFG_IPV6=1 build, the name v6.test with only an AAAA record (::1).
    dir6="$WORK/$profile-ipv6" && mkdir -p "$dir6"
    dotnet run --no-build -c Release --project "$REPO/Esp32At.Emulator" -- --pty --profile "$profile" \
        --ap "Majerle WIFI,majerle_internet_private" --dns v6.test=::1 --log "$dir6/uart.log" >"$dir6/emulator.out" 2>&1 &
    emu=$!
    PIDS+=($emu)
    wait_for "$dir6/emulator.out" '^pty: ' 60 || { report "$profile" ipv6 FAIL "no pty"; continue; }
    pty=$(sed -n 's/^pty: //p' "$dir6/emulator.out")
    LWESP_UART=$pty LWESP_BAUD=$BAUD timeout 120 "$WORK/build6/lwesp-conformance" ipv6 v6.test $V6PORT >"$dir6/lwesp.out" 2>"$dir6/lwesp.err"
    if grep -q "not supported by the library" "$dir6/lwesp.out"; then
        report "$profile" ipv6 SKIP "lwesp refuses this AT version"
        kill "$emu" 2>/dev/null; wait "$emu" 2>/dev/null; continue
    fi
    for ex in init join ipv6_notices ipv6_cipsta ipv6_type ipv6_dns ipv6_tcp_literal ipv6_tcp_name; do
        line=$(grep -m1 "CONFORMANCE $ex " "$dir6/lwesp.out" | tr -d '\r' | sed 's/^.*CONFORMANCE/CONFORMANCE/')
        [ -n "$line" ] || continue
        verdict=$(echo "$line" | cut -d' ' -f3)
        # lwesp's own defects (docs/emulator-conformance.md, IPv6), not counted as failures: lwespi_parse_ipv6 clears
        # the type it was given, and lwesp spells the v6 types "TCPV6"/"UDPV6"/"SSLV6", which the firmware's
        # case-sensitive type lookup refuses.
        if [ "$verdict" = FAIL ] && { [ "$ex" = ipv6_type ] || { [[ "$ex" == ipv6_tcp_* ]] && grep -q 'CIPSTARTEX="TCPV6"' "$dir6/uart.log"; }; }; then
            verdict=LWESP-BUG
        fi
        report "$profile" "$ex" "$verdict" "$(echo "$line" | cut -d' ' -f4-)"
    done
    grep -q 'AT+CIPV6=1' "$dir6/uart.log" && report "$profile" ipv6_cipv6 PASS "lwesp's init sent AT+CIPV6=1" \
        || report "$profile" ipv6_cipv6 FAIL "no AT+CIPV6=1 in the UART log"
    kill "$emu" 2>/dev/null
    wait "$emu" 2>/dev/null
    bad=$(awk '/ H> /{ sub(/^[^>]*> /, ""); buf = buf $0; if (buf ~ /\\r\\n$/) { last = buf; buf = "" } }
              / E< .*ERROR/{ print last }' "$dir6/uart.log" 2>/dev/null | sort | uniq -c | sed 's/\\r\\n//' | paste -sd';')
    echo "   ($profile IPv6: commands answered ERROR: ${bad:-none})"
done

echo "== $FAILS failure(s)"
[ "$FAILS" = 0 ]
