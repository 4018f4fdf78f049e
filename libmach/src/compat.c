// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Darwin library calls that need no kernel object: absolute time
 * (<mach/mach_time.h>) and the MIG run-time helpers (<mach/mig.h>).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <mach/mig.h>
#include "libmach.h"

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Absolute time is in nanoseconds: the timebase is 1/1. */
LIBMACH_API kern_return_t mach_timebase_info(mach_timebase_info_t info)
{
	if (!info)
		return KERN_INVALID_ARGUMENT;
	info->numer = 1;
	info->denom = 1;
	return KERN_SUCCESS;
}

/* Like Darwin's, it does not advance while the system sleeps. */
LIBMACH_API uint64_t mach_absolute_time(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

LIBMACH_API uint64_t mach_approximate_time(void)
{
	return clock_ns(CLOCK_MONOTONIC_COARSE);
}

/* Advances while the system sleeps. */
LIBMACH_API uint64_t mach_continuous_time(void)
{
	return clock_ns(CLOCK_BOOTTIME);
}

LIBMACH_API uint64_t mach_continuous_approximate_time(void)
{
	return clock_ns(CLOCK_BOOTTIME);
}

/* XNU's mach_wait_until_trap: KERN_ABORTED when a signal cuts it short. */
LIBMACH_API kern_return_t mach_wait_until(uint64_t deadline)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline / 1000000000ull),
		.tv_nsec = (long)(deadline % 1000000000ull),
	};
	int err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);

	return err == 0 ? KERN_SUCCESS : err == EINTR ? KERN_ABORTED : KERN_INVALID_ARGUMENT;
}

/* Copy at most @len bytes, the last always NUL; the length copied. */
LIBMACH_API int mig_strncpy(char *dest, const char *src, int len)
{
	int i;

	if (len <= 0)
		return 0;
	if (!src) {
		dest[0] = '\0';
		return 0;
	}
	for (i = 1; i < len; i++)
		if (!(*dest++ = *src++))
			return i;
	*dest = '\0';
	return i;
}

LIBMACH_API int mig_strncpy_zerofill(char *dest, const char *src, int len)
{
	int n;

	if (len <= 0)
		return 0;
	n = mig_strncpy(dest, src, len);
	if (n < len)
		memset(dest + n, 0, (size_t)(len - n));
	return n;
}

LIBMACH_API void *mig_user_allocate(vm_size_t size)
{
	vm_address_t addr = 0;

	if (vm_allocate(mach_task_self(), &addr, size, VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		return NULL;
	return (void *)addr;
}

LIBMACH_API void mig_user_deallocate(char *data, vm_size_t size)
{
	vm_deallocate(mach_task_self(), (vm_address_t)data, size);
}

LIBMACH_API void mig_allocate(vm_address_t *addr, vm_size_t size)
{
	if (vm_allocate(mach_task_self(), addr, size, VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		*addr = 0;
}

LIBMACH_API void mig_deallocate(vm_address_t addr, vm_size_t size)
{
	vm_deallocate(mach_task_self(), addr, size);
}
