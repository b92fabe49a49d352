/* The open() that lwesp_ll_posix.c calls (see uart_redirect.h): "/dev/ttyUSB0" becomes $LWESP_UART. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
conformance_open(const char* path, int flags, ...) {
    const char* uart = getenv("LWESP_UART");
    if (uart != NULL && strcmp(path, "/dev/ttyUSB0") == 0) {
        path = uart;
    }
    /* O_NOCTTY: the pty must not become this process's controlling terminal. */
    return open(path, flags | O_NOCTTY);
}

uint32_t
conformance_baudrate(void) {
    const char* baud = getenv("LWESP_BAUD");
    return baud != NULL ? (uint32_t)strtoul(baud, NULL, 10) : 115200;
}
