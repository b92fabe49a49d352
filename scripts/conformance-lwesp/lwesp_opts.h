/*
 * lwesp options for the conformance run against Esp32At.Emulator (our file, not lwesp's).
 * Close to lwesp's own dev/lwesp_opts.h so the library behaves as its author tests it:
 * netconn API, DNS, manual (passive) TCP receive, the ESP32-C3/C6 device families.
 */
#ifndef LWESP_HDR_OPTS_H
#define LWESP_HDR_OPTS_H

#define LWESP_CFG_ESP8266                   1
#define LWESP_CFG_ESP32                     1
#define LWESP_CFG_ESP32_C2                  1
#define LWESP_CFG_ESP32_C3                  1
#define LWESP_CFG_ESP32_C6                  1

#define LWESP_CFG_NETCONN                   1
#define LWESP_CFG_NETCONN_RECEIVE_QUEUE_LEN 16
#define LWESP_CFG_DNS                       1
#define LWESP_CFG_MODE_STATION              1
#define LWESP_CFG_MAX_CONNS                 5
#define LWESP_CFG_CONN_MAX_DATA_LEN         8192
#define LWESP_CFG_CONN_MANUAL_TCP_RECEIVE   1
#define LWESP_CFG_RESET_ON_INIT             1
#define LWESP_CFG_ACCESS_POINT_STRUCT_FULL_FIELDS 1

#define LWESP_CFG_MEM_CUSTOM                1 /* lwesp_mem_posix.c: malloc */
#define LWESP_CFG_INPUT_USE_PROCESS         1
#define LWESP_CFG_AT_ECHO                   0
#define LWESP_CFG_USE_API_FUNC_EVT          1

/* LWESP_IPV6=1 (scripts/conformance-lwesp.sh) builds a second binary with lwesp's IPv6 support (AT+CIPV6=1 at init). */
#ifndef LWESP_CFG_IPV6
#define LWESP_CFG_IPV6                      0
#endif

#endif /* LWESP_HDR_OPTS_H */
