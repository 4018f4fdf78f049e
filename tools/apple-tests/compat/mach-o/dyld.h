/* SPDX-License-Identifier: GPL-2.0 */
/* dyld's interface: only what XNU's tests call (compat.c). */
#ifndef LINUX_MACH_APPLE_TESTS_MACH_O_DYLD_H
#define LINUX_MACH_APPLE_TESTS_MACH_O_DYLD_H
#include <stdint.h>
int _NSGetExecutablePath(char *buf, uint32_t *bufsize);
#endif
