/*
 * Force-included into lwesp_ll_posix.c only (see CMakeLists.txt). That port opens the fixed path "/dev/ttyUSB0";
 * renaming its open() lets the run point it at the emulator's pseudo-terminal without changing lwesp's code.
 */
#ifndef CONFORMANCE_UART_REDIRECT_H
#define CONFORMANCE_UART_REDIRECT_H

int conformance_open(const char* path, int flags, ...);
#define open conformance_open

#endif
