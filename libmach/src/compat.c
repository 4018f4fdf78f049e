// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Darwin library calls that need no kernel object: absolute time
 * (<mach/mach_time.h>) and the MIG run-time helpers (<mach/mig.h>).
 */
#include <errno.h>
#include <stdio.h>
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

LIBMACH_API kern_return_t mach_timebase_info_trap(mach_timebase_info_t info)
{
	return mach_timebase_info(info);
}

/*
 * libsyscall's mach_get_times.  XNU takes the three from one commpage
 * generation, so absolute and continuous time advance together: they
 * differ by the time spent asleep, which changes only across a sleep.
 * Here continuous time is absolute time plus that offset
 * (CLOCK_BOOTTIME - CLOCK_MONOTONIC), measured between two reads of the
 * monotonic clock and kept while the measurement agrees with it to within
 * a millisecond (no suspend is that short), so that consecutive calls
 * advance both by the same amount as on XNU.
 */
LIBMACH_API kern_return_t mach_get_times(uint64_t *absolute_time,
					 uint64_t *continuous_time,
					 struct timespec *tp)
{
	static int64_t sleep_offset;	/* boottime - monotonic, cached */
	uint64_t abs1, boot, abs2;
	int64_t lo, hi, offs;
	struct timespec ts;

	abs1 = clock_ns(CLOCK_MONOTONIC);
	boot = clock_ns(CLOCK_BOOTTIME);
	abs2 = clock_ns(CLOCK_MONOTONIC);
	if (tp && clock_gettime(CLOCK_REALTIME, &ts))
		return KERN_FAILURE;
	/* the true offset is in [boot - abs2, boot - abs1] */
	lo = (int64_t)(boot - abs2);
	hi = (int64_t)(boot - abs1);
	offs = __atomic_load_n(&sleep_offset, __ATOMIC_RELAXED);
	if (offs < lo - 1000000 || offs > hi + 1000000) {
		offs = lo;
		__atomic_store_n(&sleep_offset, offs, __ATOMIC_RELAXED);
	}
	if (absolute_time)
		*absolute_time = abs2;
	if (continuous_time)
		*continuous_time = abs2 + (uint64_t)offs;
	if (tp)
		*tp = ts;
	return KERN_SUCCESS;
}

/* "btime" of /proc/stat: the boot time the kernel keeps, in seconds. */
LIBMACH_API uint64_t mach_boottime_usec(void)
{
	static uint64_t cached;
	char line[256];
	FILE *f;

	if (cached)
		return cached;
	f = fopen("/proc/stat", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long btime;

		if (sscanf(line, "btime %llu", &btime) == 1) {
			cached = (uint64_t)btime * 1000000ull;
			break;
		}
	}
	fclose(f);
	return cached;
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
