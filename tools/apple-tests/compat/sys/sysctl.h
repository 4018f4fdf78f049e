/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XNU's tests read BSD sysctls; Linux has no sysctl(2) (glibc dropped
 * <sys/sysctl.h>).  For the tests only: sysctlbyname() answers the few
 * names with a Linux equivalent (compat.c) and fails with ENOENT, as XNU
 * does for an unknown name, for the rest.  Not part of libmach.
 */
#ifndef LINUX_MACH_APPLE_TESTS_SYS_SYSCTL_H
#define LINUX_MACH_APPLE_TESTS_SYS_SYSCTL_H

#include <stddef.h>
#include <sys/types.h>

#define CTL_KERN	1
#define CTL_HW		6
#define KERN_PROC	14
#define KERN_PROC_PID	1
#define CTLTYPE_INT	2

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp,
		 const void *newp, size_t newlen);

#endif
