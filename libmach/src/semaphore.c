// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Mach semaphores (<mach/semaphore.h>, <mach/task.h>): semaphore_create and
 * semaphore_destroy are MIG routines on the task port (3418, 3419, through
 * the stubs generated from task.defs: gen/libmach_task.h), the
 * rest XNU's traps, here one ioctl each with no message
 * (Documentation/sync.rst).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <linux/mach_dev.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/semaphore.h>
#include <mach/task.h>
#include "calls.h"
#include "libmach.h"
#include "libmach_task.h"

LIBMACH_API kern_return_t semaphore_create(task_t task, semaphore_t *semaphore,
					   int policy, int value)
{
	*semaphore = SEMAPHORE_NULL;
	return libmach_mig_semaphore_create(task, semaphore, policy, value);
}

/* The send right is moved to the kernel, as XNU's semaphore_consume_ref_t. */
LIBMACH_API kern_return_t semaphore_destroy(task_t task, semaphore_t semaphore)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return libmach_mig_semaphore_destroy(task, semaphore);
}

/*
 * One semaphore ioctl.  EINTR: a signal handler ran during a wait, XNU's
 * KERN_ABORTED (the kernel restarts the call by itself otherwise, after a
 * Mach suspension too).  ENOTTY: a module without semaphores.
 */
static kern_return_t sema_call(unsigned long cmd, struct mach_sema_args *a)
{
	int fd = libmach_fd();

	if (fd < 0)
		return KERN_INVALID_NAME;	/* no name can be a semaphore */
	if (ioctl(fd, cmd, a) == 0)
		return a->kr;
	switch (errno) {
	case EINTR:
		return KERN_ABORTED;
	case ENOTTY:
		return KERN_NOT_SUPPORTED;
	case EINVAL:
		return KERN_INVALID_ARGUMENT;
	default:
		return KERN_FAILURE;
	}
}

static kern_return_t sema_signal(mach_port_name_t name, uint32_t flags,
				 mach_port_name_t thread)
{
	struct mach_sema_args a = {
		.signal_name = name, .flags = flags, .thread = thread,
	};

	return sema_call(MACH_IOC_SEMA_SIGNAL, &a);
}

/*
 * @wait_time relative, as XNU's; the kernel gets an absolute
 * CLOCK_MONOTONIC deadline so that a restarted wait keeps it.
 */
static kern_return_t sema_wait(mach_port_name_t wait_name,
			       mach_port_name_t signal_name,
			       const mach_timespec_t *wait_time)
{
	struct mach_sema_args a = {
		.wait_name = wait_name, .signal_name = signal_name,
	};
	struct timespec now;

	if (wait_time) {
		if (BAD_MACH_TIMESPEC(wait_time))
			return KERN_INVALID_VALUE;
		if (wait_time->tv_sec == 0 && wait_time->tv_nsec == 0) {
			a.flags = MACH_SEMA_NOBLOCK;
		} else {
			clock_gettime(CLOCK_MONOTONIC, &now);
			a.flags = MACH_SEMA_DEADLINE;
			a.deadline = (uint64_t)now.tv_sec * NSEC_PER_SEC +
				     (uint64_t)now.tv_nsec +
				     (uint64_t)wait_time->tv_sec * NSEC_PER_SEC +
				     (uint64_t)wait_time->tv_nsec;
		}
	}
	return sema_call(MACH_IOC_SEMA_WAIT, &a);
}

LIBMACH_API kern_return_t semaphore_signal(semaphore_t semaphore)
{
	return sema_signal(semaphore, 0, MACH_PORT_NULL);
}

LIBMACH_API kern_return_t semaphore_signal_all(semaphore_t semaphore)
{
	return sema_signal(semaphore, MACH_SEMA_ALL, MACH_PORT_NULL);
}

LIBMACH_API kern_return_t semaphore_signal_thread(semaphore_t semaphore,
						  thread_t thread)
{
	return sema_signal(semaphore, MACH_SEMA_THREAD, thread);
}

LIBMACH_API kern_return_t semaphore_wait(semaphore_t semaphore)
{
	return sema_wait(semaphore, MACH_PORT_NULL, NULL);
}

LIBMACH_API kern_return_t semaphore_timedwait(semaphore_t semaphore,
					      mach_timespec_t wait_time)
{
	return sema_wait(semaphore, MACH_PORT_NULL, &wait_time);
}

LIBMACH_API kern_return_t semaphore_wait_signal(semaphore_t wait_semaphore,
						semaphore_t signal_semaphore)
{
	return sema_wait(wait_semaphore, signal_semaphore, NULL);
}

LIBMACH_API kern_return_t semaphore_timedwait_signal(semaphore_t wait_semaphore,
						     semaphore_t signal_semaphore,
						     mach_timespec_t wait_time)
{
	return sema_wait(wait_semaphore, signal_semaphore, &wait_time);
}

/* The traps: the same calls under XNU's trap names. */
LIBMACH_API kern_return_t semaphore_signal_trap(mach_port_name_t signal_name)
{
	return semaphore_signal(signal_name);
}

LIBMACH_API kern_return_t semaphore_signal_all_trap(mach_port_name_t signal_name)
{
	return semaphore_signal_all(signal_name);
}

LIBMACH_API kern_return_t semaphore_signal_thread_trap(mach_port_name_t signal_name,
						       mach_port_name_t thread_name)
{
	return semaphore_signal_thread(signal_name, thread_name);
}

LIBMACH_API kern_return_t semaphore_wait_trap(mach_port_name_t wait_name)
{
	return semaphore_wait(wait_name);
}

LIBMACH_API kern_return_t semaphore_wait_signal_trap(mach_port_name_t wait_name,
						     mach_port_name_t signal_name)
{
	return semaphore_wait_signal(wait_name, signal_name);
}

LIBMACH_API kern_return_t semaphore_timedwait_trap(mach_port_name_t wait_name,
						   unsigned int sec, clock_res_t nsec)
{
	mach_timespec_t t = { .tv_sec = sec, .tv_nsec = nsec };

	return semaphore_timedwait(wait_name, t);
}

LIBMACH_API kern_return_t semaphore_timedwait_signal_trap(mach_port_name_t wait_name,
							  mach_port_name_t signal_name,
							  unsigned int sec,
							  clock_res_t nsec)
{
	mach_timespec_t t = { .tv_sec = sec, .tv_nsec = nsec };

	return semaphore_timedwait_signal(wait_name, signal_name, t);
}
