// SPDX-License-Identifier: GPL-2.0
/*
 * The library side of the SDK headers: absolute time (<mach/mach_time.h>,
 * XNU's mach_absolute_time / mach_timebase_info / mach_wait_until), the
 * MIG string helper (libsyscall's mig_strncpy), PAGE_SIZE from
 * <mach/mach.h>, and the byte layouts Darwin code exchanges (sizes from
 * XNU's osfmk/mach headers: pack(4) where XNU packs).
 */
#include "harness.h"

#include <stddef.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <mach/mig.h>
#include <mach/vm_region.h>
#include <mach/host_info.h>
#include <mach/exception_types.h>

/* mach_timebase_info: libmach counts nanoseconds, numer/denom 1/1. */
TEST(compat_timebase_is_nanoseconds)
{
	mach_timebase_info_data_t tb = { 0, 0 };

	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info(&tb));
	EXPECT_EQ(1, tb.numer);
	EXPECT_EQ(1, tb.denom);
}

/* mach_absolute_time follows CLOCK_MONOTONIC (it stops in suspend, as
 * XNU's does) and never goes back. */
TEST(compat_absolute_time_is_monotonic_clock)
{
	struct timespec ts;
	uint64_t a, b, mono;

	a = mach_absolute_time();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	b = mach_absolute_time();
	mono = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	EXPECT_LE(a, mono);
	EXPECT_LE(mono, b);
	EXPECT_LE(mach_absolute_time(), mach_continuous_time());
}

/* mach_wait_until sleeps to an absolute deadline in mach time. */
TEST(compat_wait_until_reaches_deadline)
{
	uint64_t deadline = mach_absolute_time() + 200 * 1000000ull;

	EXPECT_EQ(KERN_SUCCESS, mach_wait_until(deadline));
	EXPECT_GE(mach_absolute_time(), deadline);
}

/* mig_strncpy copies at most len - 1 bytes, terminates, and returns the
 * count including the NUL; zerofill clears the rest. */
TEST(compat_mig_strncpy_truncates_and_terminates)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(8, mig_strncpy(buf, "0123456789", sizeof(buf)));
	EXPECT_EQ(0, strcmp(buf, "0123456"));
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(3, mig_strncpy_zerofill(buf, "ab", sizeof(buf)));
	EXPECT_EQ(0, strcmp(buf, "ab"));
	EXPECT_EQ(0, buf[7]);
	EXPECT_EQ(0, mig_strncpy(buf, "ab", 0));
}

/* PAGE_SIZE and friends reach programs through <mach/mach.h>. */
TEST(compat_page_size_macros_match_system)
{
	EXPECT_EQ((long)sysconf(_SC_PAGESIZE), (long)PAGE_SIZE);
	EXPECT_EQ((long)PAGE_SIZE - 1, (long)PAGE_MASK);
	EXPECT_EQ((long)PAGE_SIZE, 1L << PAGE_SHIFT);
	EXPECT_EQ((vm_size_t)PAGE_SIZE, vm_page_size);
	EXPECT_EQ(2 * (vm_size_t)PAGE_SIZE, round_page((vm_size_t)PAGE_SIZE + 1));
	EXPECT_EQ((vm_size_t)PAGE_SIZE, trunc_page(2 * (vm_size_t)PAGE_SIZE - 1));
}

/* Layouts Darwin code passes around: the counts XNU's headers give. */
TEST(compat_layouts_match_darwin)
{
	EXPECT_EQ(12, HOST_BASIC_INFO_COUNT);
	EXPECT_EQ(48, sizeof(host_basic_info_data_t));
	EXPECT_EQ(4, HOST_CPU_LOAD_INFO_COUNT);
	EXPECT_EQ(38, HOST_VM_INFO64_COUNT);
	EXPECT_EQ(15, HOST_VM_INFO_COUNT);
	EXPECT_EQ(9, VM_REGION_BASIC_INFO_COUNT_64);
	EXPECT_EQ(19, VM_REGION_SUBMAP_INFO_COUNT_64);
	EXPECT_EQ(12, VM_REGION_SUBMAP_SHORT_INFO_COUNT_64);
	EXPECT_EQ(9, VM_REGION_EXTENDED_INFO_COUNT);
	EXPECT_EQ(24, sizeof(mach_msg_vector_t));
	EXPECT_EQ(8, sizeof(mach_msg_aux_header_t));
	EXPECT_EQ(0x8000000000000000ull, MACH64_MACH_MSG2);
	EXPECT_EQ(0x1bfe, EXC_MASK_ALL);
	EXPECT_EQ(CPU_TYPE_X86 | CPU_ARCH_ABI64, CPU_TYPE_X86_64);
}

TEST_HARNESS_MAIN
