/*
 * Conformance driver (our file): runs lwesp's own snippets, unmodified, against an ESP-AT device on $LWESP_UART
 * (the emulator's pty), and prints one "CONFORMANCE <example> PASS|FAIL <detail>" line per check it can judge
 * itself. Checks that need the other side (the HTTP GET's answer, the server's page) are judged by
 * scripts/conformance-lwesp.sh from the snippets' own output.
 *
 *   lwesp-conformance examples <expected-ip-of-example.com>   join, DNS, netconn client, then netconn server
 *   lwesp-conformance bench-tcp <host> <port> <bytes>         TCP receive goodput (netconn, manual receive)
 *   lwesp-conformance bench-udp <host> <port> <seconds>       64-byte UDP datagrams sent per second (netconn)
 *   lwesp-conformance ipv6 <name> <port>                      built with LWESP_CFG_IPV6=1: join, the station's IPv6
 *                                                             addresses, <name> resolved, HTTP GET over TCPv6 to
 *                                                             [::1]:<port> and to <name>:<port>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dns.h"
#include "examples_common_lwesp_callback_func.h"
#include "lwesp/lwesp.h"
#include "lwesp/lwesp_netconn.h"
#include "lwesp/lwesp_private.h" /* esp.m.sta.ip6_ll/ip6_gl: lwesp keeps the CIPSTA? IPv6 lines there, no getter */
#include "netconn_client.h"
#include "netconn_server.h"
#include "station_manager.h"

static double
now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
verdict(const char* example, int pass, const char* detail) {
    printf("CONFORMANCE %s %s %s\r\n", example, pass ? "PASS" : "FAIL", detail);
    fflush(stdout);
}

static int
init_and_join(void) {
    char detail[64];
    lwesp_ip_t ip, gw, nm;

    if (lwesp_init(examples_common_lwesp_callback_func, 1) != lwespOK) {
        verdict("init", 0, "lwesp_init failed");
        return 0;
    }
    lwesp_sw_version_t v;
    lwesp_get_current_at_fw_version(&v);
    snprintf(detail, sizeof(detail), "AT version %08X", (unsigned)v.version);
    verdict("init", 1, detail);

    /*
     * Like a real board, the ESP starts at 115200 (lwesp's LWESP_CFG_AT_PORT_BAUDRATE; its init also sends AT+RESTORE,
     * which takes a stored UART_DEF rate back to the factory 115200). $LWESP_BAUD switches with lwesp's own
     * AT+UART_CUR=<baud>,8,1,0,0 (no flow control), after which lwesp_ll_posix.c re-opens the port at that rate.
     */
    const char* baud = getenv("LWESP_BAUD");
    if (baud != NULL && strtoul(baud, NULL, 10) != 115200) {
        if (lwesp_set_at_baudrate((uint32_t)strtoul(baud, NULL, 10), NULL, NULL, 1) != lwespOK) {
            verdict("baud", 0, baud);
            return 0;
        }
        verdict("baud", 1, baud);
    }

    /* lwesp's station-join example: scan (CWLAP), pick a preferred SSID, join (CWJAP). */
    station_manager_connect_to_preferred_access_point(0);
    if (!lwesp_sta_has_ip() || lwesp_sta_copy_ip(&ip, &gw, &nm, NULL) != lwespOK) {
        verdict("join", 0, "no IP after station_manager");
        return 0;
    }
    snprintf(detail, sizeof(detail), "ip %d.%d.%d.%d", ip.addr.ip4.addr[0], ip.addr.ip4.addr[1], ip.addr.ip4.addr[2],
             ip.addr.ip4.addr[3]);
    verdict("join", 1, detail);
    return 1;
}

static int
examples(const char* expected_ip) {
    char got[32];
    lwesp_ip_t ip;
    lwesp_sys_sem_t done;

    if (!init_and_join()) {
        return 1;
    }

    /* lwesp's DNS example (prints "IPv4: a.b.c.d"), then the same lookup judged here. */
    dns_start();
    memset(&ip, 0, sizeof(ip));
    if (lwesp_dns_gethostbyname("example.com", &ip, NULL, NULL, 1) == lwespOK) {
        snprintf(got, sizeof(got), "%d.%d.%d.%d", ip.addr.ip4.addr[0], ip.addr.ip4.addr[1], ip.addr.ip4.addr[2],
                 ip.addr.ip4.addr[3]);
        verdict("dns", strcmp(got, expected_ip) == 0, got);
    } else {
        verdict("dns", 0, "lookup failed");
    }

    /* lwesp's netconn TCP client: HTTP GET to example.com:80; the thread releases the semaphore when it is done. */
    lwesp_sys_sem_create(&done, 0);
    lwesp_sys_thread_create(NULL, "netconn_client", (lwesp_sys_thread_fn)netconn_client_thread, &done, 0, 0);
    if (lwesp_sys_sem_wait(&done, 30000) == LWESP_SYS_TIMEOUT) {
        verdict("netconn_client", 0, "thread did not finish in 30 s");
    } else {
        printf("CONFORMANCE netconn_client DONE\r\n");
    }

    /* lwesp's netconn server on ESP port 80; the script requests a page and judges the answer. */
    lwesp_sys_thread_create(NULL, "netconn_server", (lwesp_sys_thread_fn)netconn_server_thread, NULL, 0, 0);
    printf("CONFORMANCE netconn_server STARTED\r\n");
    fflush(stdout);
    for (int i = 0; i < 60; ++i) {
        lwesp_delay(1000);
    }
    return 0;
}

static int
bench_tcp(const char* host, int port, long bytes) {
    lwesp_pbuf_p pbuf;
    long got = 0;
    double start, end;
    lwespr_t res;
    char detail[128];

    if (!init_and_join()) {
        return 1;
    }
    lwesp_netconn_p nc = lwesp_netconn_new(LWESP_NETCONN_TYPE_TCP);
    /* Timed like ours (docs/performance.md): from the connect's answer to the last byte read. */
    if (nc == NULL || lwesp_netconn_connect(nc, host, port) != lwespOK) {
        verdict("bench-tcp", 0, "connect failed");
        return 1;
    }
    start = now_s();
    while (got < bytes) {
        res = lwesp_netconn_receive(nc, &pbuf);
        if (res != lwespOK) {
            break;
        }
        got += (long)lwesp_pbuf_length(pbuf, 1);
        lwesp_pbuf_free_s(&pbuf);
    }
    end = now_s();
    lwesp_netconn_close(nc);
    lwesp_netconn_delete(nc);
    snprintf(detail, sizeof(detail), "bytes %ld seconds %.3f goodput_Bps %.0f", got, end - start,
             (double)got / (end - start));
    verdict("bench-tcp", got >= bytes, detail);
    return got >= bytes ? 0 : 1;
}

static int
bench_udp(const char* host, int port, double seconds) {
    static const char payload[64] = "lwesp-udp-64-byte-datagram......................................";
    long sent = 0;
    double start, end;
    char detail[128];

    if (!init_and_join()) {
        return 1;
    }
    lwesp_netconn_p nc = lwesp_netconn_new(LWESP_NETCONN_TYPE_UDP);
    /*
     * With a local port: plain lwesp_netconn_connect sends AT+CIPSTARTEX="UDP",<host>,<port>,,0 (a <mode> without a
     * <local port>), which Espressif's AT+CIPSTART docs forbid and the emulator refuses (docs/emulator-conformance.md).
     */
    if (nc == NULL || lwesp_netconn_connect_ex(nc, host, port, 0, NULL, 50000, 0) != lwespOK) {
        verdict("bench-udp", 0, "connect failed");
        return 1;
    }
    start = now_s();
    do {
        if (lwesp_netconn_send(nc, payload, sizeof(payload)) != lwespOK) {
            break;
        }
        ++sent;
        end = now_s();
    } while (end - start < seconds);
    lwesp_netconn_close(nc);
    lwesp_netconn_delete(nc);
    snprintf(detail, sizeof(detail), "datagrams %ld seconds %.3f per_second %.1f", sent, end - start,
             (double)sent / (end - start));
    verdict("bench-udp", sent > 0, detail);
    return sent > 0 ? 0 : 1;
}

#if LWESP_CFG_IPV6
/*
 * The 8 groups as lwesp holds them (no "::"), then the type lwesp gave the address. lwespi_parse_ipv6 (lwesp_parser.c)
 * starts with memset(ip, 0, sizeof(*ip)), which clears the LWESP_IPTYPE_V6 lwespi_parse_ip had just set: every parsed
 * IPv6 address comes back typed LWESP_IPTYPE_V4 with the right groups (docs/emulator-conformance.md, IPv6).
 */
static void
format_ip(const lwesp_ip_t* ip, char* out, size_t len) {
    snprintf(out, len, "%x:%x:%x:%x:%x:%x:%x:%x (%s)", ip->addr.ip6.addr[0], ip->addr.ip6.addr[1],
             ip->addr.ip6.addr[2], ip->addr.ip6.addr[3], ip->addr.ip6.addr[4], ip->addr.ip6.addr[5],
             ip->addr.ip6.addr[6], ip->addr.ip6.addr[7], ip->type == LWESP_IPTYPE_V6 ? "typed v6" : "typed v4");
}

static int
groups_are(const lwesp_ip_t* ip, const char* text) {
    char got[80];
    format_ip(ip, got, sizeof(got));
    return strncmp(got, text, strlen(text)) == 0 && got[strlen(text)] == ' ';
}

/* An HTTP GET over a TCPv6 netconn; prints the verdict with the bytes read until the peer closed. */
static void
http_get_v6(const char* example, const char* host, int port) {
    static const char request[] = "GET / HTTP/1.1\r\nHost: v6\r\nConnection: close\r\n\r\n";
    char detail[160];
    lwesp_pbuf_p pbuf;
    long got = 0;
    int saw_200 = 0;
    lwespr_t res;

    lwesp_netconn_p nc = lwesp_netconn_new(LWESP_NETCONN_TYPE_TCPV6);
    if (nc == NULL) {
        verdict(example, 0, "lwesp_netconn_new(TCPV6) failed");
        return;
    }
    res = lwesp_netconn_connect(nc, host, (lwesp_port_t)port);
    if (res != lwespOK) {
        snprintf(detail, sizeof(detail), "connect to %s port %d: lwespr_t %d", host, port, (int)res);
        verdict(example, 0, detail);
        lwesp_netconn_delete(nc);
        return;
    }
    if (lwesp_netconn_write(nc, request, sizeof(request) - 1) != lwespOK || lwesp_netconn_flush(nc) != lwespOK) {
        verdict(example, 0, "write failed");
        lwesp_netconn_close(nc);
        lwesp_netconn_delete(nc);
        return;
    }
    while ((res = lwesp_netconn_receive(nc, &pbuf)) == lwespOK) {
        size_t n = lwesp_pbuf_length(pbuf, 1);
        char head[16] = {0};
        lwesp_pbuf_copy(pbuf, head, sizeof(head) - 1, 0);
        if (got == 0 && strncmp(head, "HTTP/1.", 7) == 0 && strncmp(head + 9, "200", 3) == 0) {
            saw_200 = 1;
        }
        got += (long)n;
        lwesp_pbuf_free_s(&pbuf);
    }
    snprintf(detail, sizeof(detail), "%s port %d: %ld bytes, %s, then %s", host, port, got,
             saw_200 ? "HTTP 200" : "no HTTP 200", res == lwespCLOSED ? "the peer's close" : "an error");
    verdict(example, saw_200 && res == lwespCLOSED, detail);
    lwesp_netconn_close(nc);
    lwesp_netconn_delete(nc);
}

static int
ipv6(const char* name, int port) {
    char ll[64], gl[64], detail[160];
    lwesp_ip_t ip;
    uint8_t has_ll = 0, has_gl = 0;

    if (!init_and_join()) { /* lwesp's init sends AT+CIPV6=1 (after AT+CIPRECVMODE) */
        return 1;
    }
    /* WIFI GOT IPv6 LL / GL come after the join's OK; lwesp sets a flag for each. The GL may never come. */
    for (int i = 0; i < 50 && !(has_ll && has_gl); ++i) {
        lwesp_delay(100);
        has_ll = lwesp_sta_has_ipv6_local();
        has_gl = lwesp_sta_has_ipv6_global();
    }
    verdict("ipv6_notices", has_ll && has_gl, has_ll ? (has_gl ? "WIFI GOT IPv6 LL and GL" : "LL only") : "none");
    /* AT+CIPSTA? again: lwesp parses the +CIPSTA:ip6ll / ip6gl lines into esp.m.sta. */
    lwesp_sta_getip(NULL, NULL, NULL, NULL, NULL, 1);
    lwesp_core_lock();
    format_ip(&esp.m.sta.ip6_ll, ll, sizeof(ll));
    format_ip(&esp.m.sta.ip6_gl, gl, sizeof(gl));
    lwesp_core_unlock();
    snprintf(detail, sizeof(detail), "ll %s gl %s", ll, gl);
    /* The emulator's station (MAC 34:85:18:6a:2b:10, prefix 2001:db8:5e:1::/64; docs/esp-at-ipv6.md). */
    verdict("ipv6_cipsta", groups_are(&esp.m.sta.ip6_ll, "fe80:0:0:0:3685:18ff:fe6a:2b10")
                && groups_are(&esp.m.sta.ip6_gl, "2001:db8:5e:1:3685:18ff:fe6a:2b10"),
            detail);
    verdict("ipv6_type", esp.m.sta.ip6_ll.type == LWESP_IPTYPE_V6, "lwesp's type of the parsed ip6ll address");

    /* lwesp's AT+CIPDOMAIN="<name>" (no <ip network>: the firmware's default 1, A first, else AAAA). */
    memset(&ip, 0, sizeof(ip));
    if (lwesp_dns_gethostbyname(name, &ip, NULL, NULL, 1) == lwespOK) {
        format_ip(&ip, detail, sizeof(detail));
        verdict("ipv6_dns", groups_are(&ip, "0:0:0:0:0:0:0:1"), detail);
    } else {
        verdict("ipv6_dns", 0, "lookup failed");
    }

    http_get_v6("ipv6_tcp_literal", "::1", port);
    http_get_v6("ipv6_tcp_name", name, port);
    return 0;
}
#endif /* LWESP_CFG_IPV6 */

int
main(int argc, char** argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 3 && strcmp(argv[1], "examples") == 0) {
        return examples(argv[2]);
    }
    if (argc >= 5 && strcmp(argv[1], "bench-tcp") == 0) {
        return bench_tcp(argv[2], atoi(argv[3]), atol(argv[4]));
    }
    if (argc >= 5 && strcmp(argv[1], "bench-udp") == 0) {
        return bench_udp(argv[2], atoi(argv[3]), atof(argv[4]));
    }
#if LWESP_CFG_IPV6
    if (argc >= 4 && strcmp(argv[1], "ipv6") == 0) {
        return ipv6(argv[2], atoi(argv[3]));
    }
#endif /* LWESP_CFG_IPV6 */
    fprintf(stderr, "usage: %s examples <ip> | bench-tcp <host> <port> <bytes> | bench-udp <host> <port> <s>\n", argv[0]);
    return 2;
}
