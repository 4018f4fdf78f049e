/* SPDX-License-Identifier: GPL-2.0 */
/*
 * launchd's client interface.  Linux has no launchd: XNU's tests include
 * this for dt_launchd_helper_domain(), which darwintest_multiprocess.h
 * here provides by starting the helper as a child (darwintest.c).
 */
#ifndef LINUX_MACH_APPLE_TESTS_LAUNCH_H
#define LINUX_MACH_APPLE_TESTS_LAUNCH_H
#endif
