// SPDX-License-Identifier: LGPL-2.1-or-later
/* libmach_port_fd (<mach/linux_mach.h>): a pollable descriptor for a port. */
#include <errno.h>
#include <sys/ioctl.h>
#include <linux/mach_dev.h>
#include <mach/mach.h>
#include <mach/linux_mach.h>
#include "libmach.h"

LIBMACH_API int libmach_port_fd(mach_port_name_t name)
{
	struct mach_port_fd_args a = { .name = name };
	int fd = libmach_fd();
	int ret;

	if (!MACH_PORT_VALID(name) || fd < 0) {
		errno = EINVAL;
		return -1;
	}
	do
		ret = ioctl(fd, MACH_IOC_PORT_FD, &a);
	while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -1;	/* EMFILE, ENOMEM, ... as the kernel said */
	if (a.kr != KERN_SUCCESS) {
		errno = EINVAL;	/* not a receive right or a port set */
		return -1;
	}
	return a.fd;
}
