/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmach internals: the /dev/mach handle. */
#ifndef LIBMACH_INTERNAL_H
#define LIBMACH_INTERNAL_H

#define LIBMACH_API __attribute__((visibility("default")))

/* The process's /dev/mach descriptor, opened on first use; -1 if absent. */
int libmach_open(void);
extern int libmach_dev_fd;

/* Once open, a plain load: this is on every mach_msg. */
static inline int libmach_fd(void)
{
	int fd = __atomic_load_n(&libmach_dev_fd, __ATOMIC_ACQUIRE);

	return fd >= 0 ? fd : libmach_open();
}

#endif
