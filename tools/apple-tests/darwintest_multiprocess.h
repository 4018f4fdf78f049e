/* SPDX-License-Identifier: GPL-2.0 */
/*
 * darwintest's multi-process helpers, for linux-mach (see darwintest.h).
 * dt_fork_helper() runs a T_HELPER_DECL in a child process.  A launchd
 * helper is a job whose plist declares a Mach service, which launchd
 * holds before the job runs; Linux has no launchd, so dt_run_helpers()
 * starts the launchd helpers first, as children, and starts the others
 * once the service named like the plist (its file name less ".plist")
 * can be looked up in bootstrapd, i.e. once the helper has checked in.
 */
#ifndef LINUX_MACH_DARWINTEST_MULTIPROCESS_H
#define LINUX_MACH_DARWINTEST_MULTIPROCESS_H

#include "darwintest.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dt_helper {
	const char *name;	/* the T_HELPER_DECL to run */
	const char *plist;	/* launchd helper: its plist */
	int launchd;
} dt_helper_t;

dt_helper_t dt_fork_helper(const char *name);
dt_helper_t dt_child_helper(const char *name);
dt_helper_t dt_launchd_helper(const char *plist, const char *name);
dt_helper_t dt_launchd_helper_domain(const char *plist, const char *name,
				     void *env, int domain);
void dt_run_helpers(dt_helper_t *helpers, size_t n, int timeout);

enum { LAUNCH_SYSTEM_DOMAIN = 1, LAUNCH_USER_DOMAIN = 2 };

#ifdef __cplusplus
}
#endif

#endif
