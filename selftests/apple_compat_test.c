// SPDX-License-Identifier: GPL-2.0
/*
 * libmach calls that XNU's own tests (tests/ of xnu-7195.121.3, run by
 * tools/apple-tests/run) need and that live in libsyscall on Darwin:
 * mach_get_times, mach_timebase_info_trap, mach_boottime_usec and
 * <mach/port_descriptions.h>.  Each test cites the libsyscall or XNU
 * function whose behaviour it checks.
 */
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <mach/port_descriptions.h>

/*
 * libsyscall's mach_get_times reads absolute and continuous time from one
 * commpage snapshot: without a sleep in between, two calls see both
 * advance by the same amount (tests/mach_get_times.c asserts it).
 */
TEST(mach_get_times_absolute_and_continuous_advance_together)
{
	uint64_t abs0, cont0, abs1, cont1;
	int i;

	ASSERT_EQ(KERN_SUCCESS, mach_get_times(&abs0, &cont0, NULL));
	for (i = 0; i < 20000; i++) {
		ASSERT_EQ(KERN_SUCCESS, mach_get_times(&abs1, &cont1, NULL));
		ASSERT_EQ(abs1 - abs0, cont1 - cont0);
		abs0 = abs1;
		cont0 = cont1;
	}
}

/* mach_get_times: its time of day is CLOCK_REALTIME's, read alongside. */
TEST(mach_get_times_time_of_day_is_realtime)
{
	struct timespec before, got, after;
	uint64_t abs;

	clock_gettime(CLOCK_REALTIME, &before);
	ASSERT_EQ(KERN_SUCCESS, mach_get_times(&abs, NULL, &got));
	clock_gettime(CLOCK_REALTIME, &after);
	EXPECT_TRUE(got.tv_sec > before.tv_sec ||
		    (got.tv_sec == before.tv_sec && got.tv_nsec >= before.tv_nsec));
	EXPECT_TRUE(got.tv_sec < after.tv_sec ||
		    (got.tv_sec == after.tv_sec && got.tv_nsec <= after.tv_nsec));
	EXPECT_NE(0, abs);
}

/* mach_timebase_info_trap (XNU's trap -89) gives mach_timebase_info's ratio. */
TEST(mach_timebase_info_trap_matches_library_call)
{
	mach_timebase_info_data_t a = { 0, 0 }, b = { 0, 0 };

	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info(&a));
	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info_trap(&b));
	EXPECT_EQ(a.numer, b.numer);
	EXPECT_EQ(a.denom, b.denom);
}

/*
 * libsyscall's mach_boottime_usec: the boot time in microseconds since the
 * epoch, XNU's kern.boottime; here the kernel's btime of /proc/stat.
 */
TEST(mach_boottime_usec_is_kernel_boot_time)
{
	unsigned long long btime = 0;
	char line[256];
	FILE *f = fopen("/proc/stat", "r");

	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %llu", &btime) == 1)
			break;
	fclose(f);
	ASSERT_NE(0, btime);
	EXPECT_EQ(btime * 1000000ull, mach_boottime_usec());
}

/*
 * libsyscall's mach_*_special_port_description: a description for every
 * special port up to the kind's maximum, NULL past it
 * (tests/port_descriptions.c).
 */
TEST(special_port_descriptions_end_at_max)
{
	EXPECT_NE(NULL, mach_host_special_port_description(HOST_PRIV_PORT));
	EXPECT_NE(NULL, mach_host_special_port_description(HOST_MAX_SPECIAL_PORT));
	EXPECT_EQ(NULL, mach_host_special_port_description(HOST_MAX_SPECIAL_PORT + 1));
	EXPECT_NE(NULL, mach_task_special_port_description(TASK_BOOTSTRAP_PORT));
	EXPECT_EQ(NULL, mach_task_special_port_description(TASK_MAX_SPECIAL_PORT + 1));
	EXPECT_NE(NULL, mach_thread_special_port_description(THREAD_READ_PORT));
	EXPECT_EQ(NULL, mach_thread_special_port_description(THREAD_MAX_SPECIAL_PORT + 1));
	EXPECT_EQ(NULL, mach_task_special_port_description(-1));
}

/*
 * libsyscall's mach_*_special_port_for_id: the macro's name gives its
 * number; an unknown name gives -1.
 */
TEST(special_port_for_id_maps_macro_names)
{
	EXPECT_EQ(HOST_PRIV_PORT, mach_host_special_port_for_id("HOST_PRIV_PORT"));
	EXPECT_EQ(TASK_BOOTSTRAP_PORT, mach_task_special_port_for_id("TASK_BOOTSTRAP_PORT"));
	EXPECT_EQ(THREAD_READ_PORT, mach_thread_special_port_for_id("THREAD_READ_PORT"));
	errno = 0;
	EXPECT_EQ(-1, mach_task_special_port_for_id("BOGUS_SPECIAL_PORT_NAME"));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
