/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run a function as another, unprivileged user: fork, drop every group and
 * set the real, effective and saved uid and gid, then call it; the child
 * exits with what it returns.  Used by the limit tests to act as a
 * hostile local user and as a bystander of another uid.  The caller is
 * root.
 */
#ifndef MACH_SELFTEST_AS_USER_H
#define MACH_SELFTEST_AS_USER_H

#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define AS_USER_NOBODY	65534
#define AS_USER_OTHER	65533

/* In the child: become @uid for good.  0 on success. */
static inline int as_user_drop(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -1;
	/* no way back: a privilege left would let a limit be passed */
	return setuid(0) == 0 ? -1 : 0;
}

/* Start @fn(@arg) as @uid in a child; its pid, or -1. */
static inline pid_t as_user_start(uid_t uid, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	if (as_user_drop(uid)) {
		fprintf(stderr, "as_user: cannot become uid %u\n", uid);
		_exit(126);
	}
	_exit(fn(arg));
}

/* The child's exit status, or -1 if it did not exit normally. */
static inline int as_user_wait(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Run @fn(@arg) as @uid and wait for it: its return value, or -1. */
static inline int as_user_run(uid_t uid, int (*fn)(void *), void *arg)
{
	pid_t pid = as_user_start(uid, fn, arg);

	return pid < 0 ? -1 : as_user_wait(pid);
}

#endif /* MACH_SELFTEST_AS_USER_H */
