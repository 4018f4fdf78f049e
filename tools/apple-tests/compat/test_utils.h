/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XNU's tests/test_utils.h, our own: is_development_kernel() says whether
 * the kernel is a DEVELOPMENT or DEBUG build (sysctl kern.development).
 * linux-mach is neither: false, as kern.development is 0 in compat.c.
 */
#ifndef LINUX_MACH_APPLE_TESTS_TEST_UTILS_H
#define LINUX_MACH_APPLE_TESTS_TEST_UTILS_H
#include <stdbool.h>
bool is_development_kernel(void);
#endif
