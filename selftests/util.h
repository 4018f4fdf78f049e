/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the selftests. */
#ifndef MACH_SELFTEST_UTIL_H
#define MACH_SELFTEST_UTIL_H
#endif
