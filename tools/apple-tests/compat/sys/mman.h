/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Darwin's madvise() advice for reusable memory has no Linux counterpart:
 * these values are ones Linux refuses (EINVAL), so a test that needs the
 * BSD behaviour fails at the call instead of getting another advice.
 */
#ifndef LINUX_MACH_APPLE_TESTS_SYS_MMAN_H
#define LINUX_MACH_APPLE_TESTS_SYS_MMAN_H
#include_next <sys/mman.h>
#define MADV_FREE_REUSABLE	0x7fff0007
#define MADV_FREE_REUSE		0x7fff0008
#define MADV_CAN_REUSE		0x7fff0009
#define MADV_PAGEOUT_DARWIN	0x7fff000a
#endif
