/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Clock ids, attributes and mach_timespec_t (Darwin calls all of it obsolete). */
#ifndef _MACH_CLOCK_TYPES_H_
#define _MACH_CLOCK_TYPES_H_

#include <stdint.h>
#include <mach/time_value.h>
#include <linux/mach/clock_types.h>

typedef int	alarm_type_t;
typedef int	sleep_type_t;
typedef int	clock_id_t;
typedef int	clock_flavor_t;
typedef int	*clock_attr_t;
typedef int	clock_res_t;

struct mach_timespec {
	unsigned int	tv_sec;
	clock_res_t	tv_nsec;
};
typedef struct mach_timespec mach_timespec_t;

#ifndef NSEC_PER_USEC
#define NSEC_PER_USEC	1000ull
#endif
#ifndef USEC_PER_SEC
#define USEC_PER_SEC	1000000ull
#endif
#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC	1000000000ull
#endif
#ifndef NSEC_PER_MSEC
#define NSEC_PER_MSEC	1000000ull
#endif

#define BAD_MACH_TIMESPEC(t) \
	((t)->tv_nsec < 0 || (t)->tv_nsec >= (long)NSEC_PER_SEC)

/* <0, 0 or >0 as t1 is before, equal to or after t2. */
#define CMP_MACH_TIMESPEC(t1, t2) \
	((t1)->tv_sec > (t2)->tv_sec ? (long)+NSEC_PER_SEC : \
	 ((t1)->tv_sec < (t2)->tv_sec ? (long)-NSEC_PER_SEC : \
	  (t1)->tv_nsec - (t2)->tv_nsec))

#define ADD_MACH_TIMESPEC(t1, t2) do {					\
	if (((t1)->tv_nsec += (t2)->tv_nsec) >= (long)NSEC_PER_SEC) {	\
		(t1)->tv_nsec -= (long)NSEC_PER_SEC;			\
		(t1)->tv_sec += 1;					\
	}								\
	(t1)->tv_sec += (t2)->tv_sec;					\
} while (0)

#define SUB_MACH_TIMESPEC(t1, t2) do {					\
	if (((t1)->tv_nsec -= (t2)->tv_nsec) < 0) {			\
		(t1)->tv_nsec += (long)NSEC_PER_SEC;			\
		(t1)->tv_sec -= 1;					\
	}								\
	(t1)->tv_sec -= (t2)->tv_sec;					\
} while (0)

#define BAD_ALRMTYPE(t)		(((t) & ~TIME_RELATIVE) != 0)

#endif
