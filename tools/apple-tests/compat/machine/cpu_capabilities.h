/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XNU's commpage (a kernel-written page mapped into every task) has no
 * Linux counterpart.  XNU's tests read its CPU capability word only to
 * ask whether they run translated (Rosetta): they never are here, so
 * every commpage read is 0.
 */
#ifndef LINUX_MACH_APPLE_TESTS_CPU_CAPABILITIES_H
#define LINUX_MACH_APPLE_TESTS_CPU_CAPABILITIES_H
#include <stdint.h>
#define kIsTranslated		0x4000000000000000ULL
#define COMM_PAGE_READ(type, name)	((type)0)
#endif
