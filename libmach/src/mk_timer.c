// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mk_timer (<mach/mk_timer.h>): XNU's traps, one ioctl each.  Deadlines
 * are mach_absolute_time() values (nanoseconds of CLOCK_MONOTONIC).
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <linux/mach_dev.h>
#include <mach/mach.h>
#include <mach/mk_timer.h>
#include "libmach.h"

static kern_return_t timer_call(unsigned long cmd, struct mach_timer_args *a)
{
	int fd = libmach_fd();
	int ret;

	if (fd < 0)
		return KERN_INVALID_NAME;
	do
		ret = ioctl(fd, cmd, a);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		return a->kr;
	return errno == ENOTTY ? KERN_NOT_SUPPORTED :
	       errno == EINVAL ? KERN_INVALID_ARGUMENT : KERN_FAILURE;
}

LIBMACH_API mach_port_name_t mk_timer_create(void)
{
	struct mach_timer_args a = { 0 };

	if (timer_call(MACH_IOC_TIMER_CREATE, &a))
		return MACH_PORT_NULL;
	return a.name;
}

LIBMACH_API kern_return_t mk_timer_destroy(mach_port_name_t name)
{
	struct mach_timer_args a = { .name = name };

	return timer_call(MACH_IOC_TIMER_DESTROY, &a);
}

LIBMACH_API kern_return_t mk_timer_arm(mach_port_name_t name,
				       uint64_t expire_time)
{
	struct mach_timer_args a = { .name = name, .deadline = expire_time };

	return timer_call(MACH_IOC_TIMER_ARM, &a);
}

LIBMACH_API kern_return_t mk_timer_arm_leeway(mach_port_name_t name,
					      uint64_t mk_timer_flags,
					      uint64_t mk_timer_expire_time,
					      uint64_t mk_timer_leeway)
{
	struct mach_timer_args a = {
		.name = name,
		.flags = (uint32_t)mk_timer_flags,
		.deadline = mk_timer_expire_time,
		.leeway = mk_timer_leeway,
	};

	return timer_call(MACH_IOC_TIMER_ARM, &a);
}

/* @result_time (may be NULL): the armed deadline, 0 if it was not armed. */
LIBMACH_API kern_return_t mk_timer_cancel(mach_port_name_t name,
					  uint64_t *result_time)
{
	struct mach_timer_args a = { .name = name };
	kern_return_t kr = timer_call(MACH_IOC_TIMER_CANCEL, &a);

	if (kr == KERN_SUCCESS && result_time)
		*result_time = a.deadline;
	return kr;
}
