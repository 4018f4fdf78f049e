/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Absolute time.  libmach counts in nanoseconds (the timebase is 1/1):
 * mach_absolute_time is CLOCK_MONOTONIC (stops while the system is
 * suspended, as on Darwin), mach_continuous_time is CLOCK_BOOTTIME.
 */
#ifndef _MACH_MACH_TIME_H_
#define _MACH_MACH_TIME_H_

#include <stdint.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mach_timebase_info {
	uint32_t	numer;
	uint32_t	denom;
};
typedef struct mach_timebase_info	*mach_timebase_info_t;
typedef struct mach_timebase_info	mach_timebase_info_data_t;

/* {1, 1}: absolute time units are nanoseconds. */
kern_return_t mach_timebase_info(mach_timebase_info_t info);

/* Sleep until mach_absolute_time() >= @deadline; KERN_ABORTED if a
 * signal handler ran first. */
kern_return_t mach_wait_until(uint64_t deadline);

uint64_t mach_absolute_time(void);
uint64_t mach_approximate_time(void);	/* CLOCK_MONOTONIC_COARSE */
uint64_t mach_continuous_time(void);
uint64_t mach_continuous_approximate_time(void);

/*
 * XNU's mach_timebase_info_trap: the trap behind mach_timebase_info, the
 * same {1, 1} here.
 */
kern_return_t mach_timebase_info_trap(mach_timebase_info_t info);

struct timespec;
/*
 * Absolute time, continuous time and the time of day read together
 * (libsyscall's mach_get_times): on XNU the three come from one commpage
 * snapshot, here from three clock reads in a row.  @tp is CLOCK_REALTIME.
 * Any pointer may be NULL.
 */
kern_return_t mach_get_times(uint64_t *absolute_time, uint64_t *continuous_time,
			     struct timespec *tp);

/*
 * The time of the last boot in microseconds since the epoch (XNU reads it
 * from the commpage): the kernel's boot time, "btime" of /proc/stat, which
 * has whole seconds.
 */
uint64_t mach_boottime_usec(void);

#ifdef __cplusplus
}
#endif

#endif
