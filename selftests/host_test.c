// SPDX-License-Identifier: GPL-2.0
/*
 * The host port, its statistics and the clocks (issue 16): XNU's
 * mach_host subsystem (200) and clock subsystem (1000) as the module
 * serves them (module/host.c), each figure checked against the Linux
 * source /proc shows for it (Documentation/host.rst), and Mach time.
 */
#include "harness.h"

#include <time.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_host.h>
#include <mach/mach_time.h>
#include <mach/clock.h>
#include <mach/host_info.h>
#include <mach/processor_info.h>
#include <mach/vm_statistics.h>

static unsigned long long meminfo_kb(const char *key)
{
	char line[256];
	unsigned long long v = 0;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			sscanf(line + n + 1, "%llu", &v);
			break;
		}
	fclose(f);
	return v;
}

/* /proc/stat's cpu line: user nice system idle iowait irq softirq */
static int proc_stat(unsigned long long v[7])
{
	FILE *f = fopen("/proc/stat", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
		   &v[2], &v[3], &v[4], &v[5], &v[6]);
	fclose(f);
	return n == 7 ? 0 : -1;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Does /proc/vmstat have @key (a kernel with CONFIG_VM_EVENT_COUNTERS)? */
static int vmstat_has(const char *key)
{
	char line[128];
	size_t n = strlen(key);
	int found = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, key, n) && line[n] == ' ';
	fclose(f);
	return found;
}

/* mach_host_self: a send right; each call one more user reference */
TEST(host_self_is_send_right)
{
	mach_port_t h = mach_host_self(), h2;
	mach_port_type_t type = 0;
	mach_port_urefs_t refs = 0, refs2 = 0;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(), h, &type));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, type);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), h,
						   MACH_PORT_RIGHT_SEND,
						   &refs));
	h2 = mach_host_self();
	EXPECT_EQ(h, h2);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), h,
						   MACH_PORT_RIGHT_SEND,
						   &refs2));
	EXPECT_EQ(refs + 1, refs2);
	mach_port_deallocate(mach_task_self(), h2);
}

/* host_info(HOST_BASIC_INFO): CPUs as sysconf, memory as MemTotal */
TEST(host_basic_info_agrees_with_proc)
{
	host_basic_info_data_t b;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;
	unsigned long long total = meminfo_kb("MemTotal") * 1024;

	ASSERT_EQ(KERN_SUCCESS, host_info(mach_host_self(), HOST_BASIC_INFO,
					  (host_info_t)&b, &cnt));
	EXPECT_EQ(12, cnt);
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), b.avail_cpus);
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), b.logical_cpu);
	EXPECT_EQ(total, b.max_mem);
	EXPECT_EQ(total < 0x80000000ULL ? total : 0x80000000ULL,
		  b.memory_size);
#ifdef __x86_64__
	EXPECT_EQ(CPU_TYPE_X86_64, b.cpu_type);
#endif
	EXPECT_GE(b.logical_cpu, b.physical_cpu);
	EXPECT_GE(b.max_cpus, b.avail_cpus);
}

/* XNU's host_info: the old count gets the old layout, less fails */
TEST(host_info_counts_and_flavors)
{
	integer_t v[68];
	mach_msg_type_number_t cnt;

	cnt = 5;	/* HOST_BASIC_INFO_OLD_COUNT */
	EXPECT_EQ(KERN_SUCCESS, host_info(mach_host_self(), HOST_BASIC_INFO,
					  v, &cnt));
	EXPECT_EQ(5, cnt);
	cnt = 4;
	EXPECT_EQ(KERN_FAILURE, host_info(mach_host_self(), HOST_BASIC_INFO,
					  v, &cnt));
	cnt = 68;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, host_info(mach_host_self(), 999, v,
						   &cnt));
	cnt = HOST_SCHED_INFO_COUNT;
	EXPECT_EQ(KERN_SUCCESS, host_info(mach_host_self(), HOST_SCHED_INFO,
					  v, &cnt));
	EXPECT_EQ(2, cnt);
	EXPECT_GT(v[0], 0);
	cnt = HOST_PRIORITY_INFO_COUNT;
	EXPECT_EQ(KERN_SUCCESS, host_info(mach_host_self(), HOST_PRIORITY_INFO,
					  v, &cnt));
	EXPECT_EQ(8, cnt);
	EXPECT_EQ(31, v[3]);	/* user_priority: BASEPRI_DEFAULT */
	EXPECT_EQ(95, v[7]);	/* maximum_priority: MAXPRI_RESERVED */
}

/* HOST_VM_INFO64: page counts as /proc/meminfo's */
TEST(host_vm_info64_agrees_with_meminfo)
{
	vm_statistics64_data_t s;
	mach_msg_type_number_t cnt = HOST_VM_INFO64_COUNT;
	long long pg = sysconf(_SC_PAGESIZE);
	long long free_kb, ours_kb, active_kb;

	ASSERT_EQ(KERN_SUCCESS, host_statistics64(mach_host_self(),
						  HOST_VM_INFO64,
						  (host_info64_t)&s, &cnt));
	free_kb = meminfo_kb("MemFree");
	active_kb = meminfo_kb("Active");
	EXPECT_EQ(38, cnt);
	ours_kb = (long long)s.free_count * pg / 1024;
	/* taken a moment apart: within 8 MiB */
	EXPECT_LT(llabs(ours_kb - free_kb), 8192);
	EXPECT_LT(llabs((long long)s.active_count * pg / 1024 - active_kb),
		  8192);
	/* /proc/vmstat's pgfault, where the kernel counts VM events */
	if (vmstat_has("pgfault"))
		EXPECT_GT(s.faults, 0);
	else
		EXPECT_EQ(0, s.faults);
	/* the REV0 count gets the REV0 layout */
	cnt = HOST_VM_INFO64_REV0_COUNT;
	EXPECT_EQ(KERN_SUCCESS, host_statistics64(mach_host_self(),
						  HOST_VM_INFO64,
						  (host_info64_t)&s, &cnt));
	EXPECT_EQ(HOST_VM_INFO64_REV0_COUNT, cnt);
	cnt = HOST_VM_INFO64_REV0_COUNT - 1;
	EXPECT_EQ(KERN_FAILURE, host_statistics64(mach_host_self(),
						  HOST_VM_INFO64,
						  (host_info64_t)&s, &cnt));
}

/* HOST_VM_INFO through host_statistics: the 32-bit layout, 15 words */
TEST(host_vm_info32)
{
	vm_statistics_data_t s;
	mach_msg_type_number_t cnt = HOST_VM_INFO_COUNT;

	ASSERT_EQ(KERN_SUCCESS, host_statistics(mach_host_self(), HOST_VM_INFO,
						(host_info_t)&s, &cnt));
	EXPECT_EQ(HOST_VM_INFO_COUNT, cnt);
	EXPECT_GT(s.free_count, 0);
}

/* HOST_CPU_LOAD_INFO: /proc/stat's ticks, read before and after */
TEST(host_cpu_load_agrees_with_proc_stat)
{
	host_cpu_load_info_data_t l;
	mach_msg_type_number_t cnt = HOST_CPU_LOAD_INFO_COUNT;
	unsigned long long a[7], b[7];
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);

	ASSERT_EQ(0, proc_stat(a));
	ASSERT_EQ(KERN_SUCCESS, host_statistics(mach_host_self(),
						HOST_CPU_LOAD_INFO,
						(host_info_t)&l, &cnt));
	ASSERT_EQ(0, proc_stat(b));
	EXPECT_EQ(4, cnt);
	/* per-CPU rounding: each CPU may lose less than one tick */
	EXPECT_LE(a[0], l.cpu_ticks[CPU_STATE_USER] + ncpu);
	EXPECT_LE(l.cpu_ticks[CPU_STATE_USER], b[0]);
	EXPECT_LE(a[1], l.cpu_ticks[CPU_STATE_NICE] + ncpu);
	EXPECT_LE(l.cpu_ticks[CPU_STATE_NICE], b[1]);
	EXPECT_LE(a[2] + a[5] + a[6], l.cpu_ticks[CPU_STATE_SYSTEM] + 3 * ncpu);
	/*
	 * /proc/stat rounds system, irq and softirq down one by one; the sum
	 * rounded once may be up to two ticks a CPU above their sum.
	 */
	EXPECT_LE(l.cpu_ticks[CPU_STATE_SYSTEM], b[2] + b[5] + b[6] + 2 * ncpu);
	EXPECT_LE(a[3], l.cpu_ticks[CPU_STATE_IDLE] + ncpu);
	EXPECT_LE(l.cpu_ticks[CPU_STATE_IDLE], b[3]);
}

/* HOST_LOAD_INFO: /proc/loadavg scaled by LOAD_SCALE */
TEST(host_load_agrees_with_loadavg)
{
	host_load_info_data_t l;
	mach_msg_type_number_t cnt = HOST_LOAD_INFO_COUNT;
	double la[3];
	FILE *f;
	int i;

	ASSERT_EQ(KERN_SUCCESS, host_statistics(mach_host_self(),
						HOST_LOAD_INFO,
						(host_info_t)&l, &cnt));
	f = fopen("/proc/loadavg", "r");
	ASSERT_TRUE(f);
	ASSERT_EQ(3, fscanf(f, "%lf %lf %lf", &la[0], &la[1], &la[2]));
	fclose(f);
	EXPECT_EQ(6, cnt);
	for (i = 0; i < 3; i++) {
		EXPECT_LE(abs(l.avenrun[i] - (int)(la[i] * LOAD_SCALE + 0.5)),
			  20);
		EXPECT_GT(l.mach_factor[i], 0);
	}
	cnt = 68;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, host_statistics(mach_host_self(), 77,
							 (host_info_t)&l,
							 &cnt));
}

/* host_processor_info: one entry per CPU, out of line */
TEST(host_processor_info_per_cpu)
{
	processor_info_array_t info = NULL;
	mach_msg_type_number_t cnt = 0;
	natural_t n = 0, i, online = 0;
	long long ticks = 0;

	ASSERT_EQ(KERN_SUCCESS, host_processor_info(mach_host_self(),
						    PROCESSOR_BASIC_INFO, &n,
						    &info, &cnt));
	EXPECT_GE(n, (natural_t)sysconf(_SC_NPROCESSORS_CONF));
	EXPECT_EQ(n * PROCESSOR_BASIC_INFO_COUNT, cnt);
	for (i = 0; i < n; i++)
		online += ((processor_basic_info_t)info)[i].running;
	EXPECT_EQ((natural_t)sysconf(_SC_NPROCESSORS_ONLN), online);
	vm_deallocate(mach_task_self(), (vm_address_t)info, cnt * 4);
	ASSERT_EQ(KERN_SUCCESS, host_processor_info(mach_host_self(),
						    PROCESSOR_CPU_LOAD_INFO,
						    &n, &info, &cnt));
	EXPECT_EQ(n * CPU_STATE_MAX, cnt);
	for (i = 0; i < cnt; i++)
		ticks += info[i];
	EXPECT_GT(ticks, 0);
	vm_deallocate(mach_task_self(), (vm_address_t)info, cnt * 4);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_processor_info(mach_host_self(), 99, &n, &info, &cnt));
}

/* host_page_size and the _host_page_size routine agree with sysconf */
TEST(host_page_size_is_sysconf)
{
	vm_size_t a = 0, b = 0;

	EXPECT_EQ(KERN_SUCCESS, host_page_size(mach_host_self(), &a));
	EXPECT_EQ(KERN_SUCCESS, _host_page_size(mach_host_self(), &b));
	EXPECT_EQ((vm_size_t)sysconf(_SC_PAGESIZE), a);
	EXPECT_EQ(a, b);
}

/* clock_get_time: SYSTEM_CLOCK is uptime, CALENDAR_CLOCK the wall clock */
TEST(clock_get_time_both_clocks)
{
	clock_serv_t sys, cal, bad;
	mach_timespec_t t;
	struct timespec ts;
	uint64_t lo, hi, at;

	ASSERT_EQ(KERN_SUCCESS, host_get_clock_service(mach_host_self(),
						       SYSTEM_CLOCK, &sys));
	ASSERT_EQ(KERN_SUCCESS, host_get_clock_service(mach_host_self(),
						       CALENDAR_CLOCK, &cal));
	EXPECT_NE(sys, cal);
	/* the same clock: between two CLOCK_MONOTONIC readings */
	lo = mono_ns();
	ASSERT_EQ(KERN_SUCCESS, clock_get_time(sys, &t));
	hi = mono_ns();
	at = t.tv_sec * 1000000000ULL + t.tv_nsec;
	EXPECT_LE(lo, at);
	EXPECT_LE(at, hi);
	ASSERT_EQ(KERN_SUCCESS, clock_get_time(cal, &t));
	clock_gettime(CLOCK_REALTIME, &ts);
	EXPECT_LE(llabs(ts.tv_sec - (long long)t.tv_sec), 1);
	/* XNU's host_get_clock_service: an unknown id */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_get_clock_service(mach_host_self(), 7, &bad));
}

/* clock_sleep: relative on the system clock; the calendar refuses */
TEST(clock_sleep_relative_and_calendar)
{
	clock_serv_t sys, cal;
	mach_timespec_t d = { 0, 50000000 }, woke;
	uint64_t t0 = mono_ns(), t1;

	ASSERT_EQ(KERN_SUCCESS, host_get_clock_service(mach_host_self(),
						       SYSTEM_CLOCK, &sys));
	ASSERT_EQ(KERN_SUCCESS, host_get_clock_service(mach_host_self(),
						       CALENDAR_CLOCK, &cal));
	ASSERT_EQ(KERN_SUCCESS, clock_sleep(sys, TIME_RELATIVE, d, &woke));
	t1 = mono_ns();
	EXPECT_GE(t1 - t0, 50000000ULL);
	EXPECT_GE(woke.tv_sec * 1000000000ULL + woke.tv_nsec, t0 + 50000000ULL);
	EXPECT_EQ(KERN_FAILURE, clock_sleep(cal, TIME_RELATIVE, d, NULL));
	d.tv_nsec = 1000000000;
	EXPECT_EQ(KERN_INVALID_VALUE, clock_sleep(sys, TIME_RELATIVE, d, NULL));
}

/*
 * One mach_absolute_time() reading between two CLOCK_MONOTONIC ones, so
 * a preemption between the clocks widens the bracket, not the error.
 */
static void bracket(uint64_t *lo, uint64_t *m, uint64_t *hi)
{
	*lo = mono_ns();
	*m = mach_absolute_time();
	*hi = mono_ns();
}

/* Mach time: monotonic, 1/1 timebase, within 5 % of CLOCK_MONOTONIC */
TEST(mach_time_tracks_monotonic)
{
	mach_timebase_info_data_t tb;
	uint64_t lo0, m0, hi0, lo1, m1, hi1, prev, now, dm;
	int i;

	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info(&tb));
	EXPECT_EQ(1, tb.numer);
	EXPECT_EQ(1, tb.denom);
	prev = mach_absolute_time();
	for (i = 0; i < 100000; i++) {
		now = mach_absolute_time();
		ASSERT_GE(now, prev);
		prev = now;
	}
	bracket(&lo0, &m0, &hi0);
	usleep(200000);
	bracket(&lo1, &m1, &hi1);
	dm = (m1 - m0) * tb.numer / tb.denom;
	printf("# mach %llu ns, monotonic between %llu and %llu ns\n",
	       (unsigned long long)dm, (unsigned long long)(lo1 - hi0),
	       (unsigned long long)(hi1 - lo0));
	EXPECT_GE(dm, (lo1 - hi0) * 95 / 100);
	EXPECT_LE(dm, (hi1 - lo0) * 105 / 100);
	EXPECT_GE(dm, 200000000ULL * 95 / 100);
	/* read in this order, BOOTTIME >= MONOTONIC holds without slack */
	now = mach_absolute_time();
	EXPECT_GE(mach_continuous_time(), now);
}

/* mach_wait_until: returns at or after the deadline, not long after */
TEST(mach_wait_until_sleeps_to_deadline)
{
	mach_timebase_info_data_t tb;
	uint64_t deadline, now;

	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info(&tb));
	deadline = mach_absolute_time() + 100000000ULL * tb.denom / tb.numer;
	ASSERT_EQ(KERN_SUCCESS, mach_wait_until(deadline));
	now = mach_absolute_time();
	EXPECT_GE(now, deadline);
	/* not far past it either (an emulated, shared VM is slow to wake) */
	EXPECT_LT(now - deadline, 500000000ULL * tb.denom / tb.numer);
}

TEST_HARNESS_MAIN
