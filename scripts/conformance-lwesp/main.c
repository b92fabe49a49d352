/*
 * Conformance driver (our file): runs lwesp's own snippets, unmodified, against an ESP-AT device on $LWESP_UART
 * (the emulator's pty), and prints one "CONFORMANCE <example> PASS|FAIL <detail>" line per check it can judge
 * itself. Checks that need the other side (the HTTP GET's answer, the server's page) are judged by
 * scripts/conformance-lwesp.sh from the snippets' own output.
 *
 *   lwesp-conformance examples <expected-ip-of-example.com>   join, DNS, netconn client, then netconn server
 *   lwesp-conformance bench-tcp <host> <port> <bytes>         TCP receive goodput (netconn, manual receive)
 *   lwesp-conformance bench-udp <host> <port> <seconds>       64-byte UDP datagrams sent per second (netconn)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dns.h"
#include "examples_common_lwesp_callback_func.h"
#include "lwesp/lwesp.h"
#include "lwesp/lwesp_netconn.h"
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
    fprintf(stderr, "usage: %s examples <ip> | bench-tcp <host> <port> <bytes> | bench-udp <host> <port> <s>\n", argv[0]);
    return 2;
}
