// SPDX-License-Identifier: LGPL-2.1-or-later
/* libmach: the /dev/mach handle, shared by every call in the process. */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include "libmach.h"

static int mach_fd = -1;
static pthread_once_t mach_fd_once = PTHREAD_ONCE_INIT;

static void open_dev(void)
{
	/* CLOEXEC: after exec the new image opens its own handle.  The task
	 * is the process, not the descriptor, so fork may share it. */
	mach_fd = open("/dev/mach", O_RDWR | O_CLOEXEC);
}

int libmach_fd(void)
{
	pthread_once(&mach_fd_once, open_dev);
	return mach_fd;
}
