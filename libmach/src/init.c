// SPDX-License-Identifier: LGPL-2.1-or-later
/* libmach: the /dev/mach handle, shared by every call in the process. */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include "libmach.h"

int libmach_dev_fd = -1;
static pthread_once_t mach_fd_once = PTHREAD_ONCE_INIT;

/* Daemons close low descriptors wholesale; keep ours out of their way. */
#define LIBMACH_FD_FLOOR 256

static void open_dev(void)
{
	int fd, high;

	/* CLOEXEC: after exec the new image opens its own handle.  The task
	 * is the process, not the descriptor, so fork may share it. */
	fd = open("/dev/mach", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	high = fcntl(fd, F_DUPFD_CLOEXEC, LIBMACH_FD_FLOOR);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	__atomic_store_n(&libmach_dev_fd, fd, __ATOMIC_RELEASE);
}

int libmach_open(void)
{
	pthread_once(&mach_fd_once, open_dev);
	return libmach_dev_fd;
}
