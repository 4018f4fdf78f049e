/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmach internals: the /dev/mach handle. */
#ifndef LIBMACH_INTERNAL_H
#define LIBMACH_INTERNAL_H

#define LIBMACH_API __attribute__((visibility("default")))

/* The process's /dev/mach descriptor, opened on first use; -1 if absent. */
int libmach_fd(void);

#endif
