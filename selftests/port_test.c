// SPDX-License-Identifier: GPL-2.0
/*
 * Port rights, names and urefs: the mach_port_* calls against XNU's exact
 * results (/work/shared/reference/xnu-semantics.md §0, §2).  One behaviour
 * per test.
 */
#include "util.h"

#define SELF mach_task_self()

/* ---- §2.3 allocation ---- */

TEST(allocate_receive)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &n));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(n));
	EXPECT_EQ(1, util_refs(n, MACH_PORT_RIGHT_RECEIVE));
	EXPECT_EQ(0, util_refs(n, MACH_PORT_RIGHT_SEND));
}

TEST(allocate_port_set)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &n));
	EXPECT_EQ(MACH_PORT_TYPE_PORT_SET, util_type(n));
	EXPECT_EQ(1, util_refs(n, MACH_PORT_RIGHT_PORT_SET));
}

TEST(allocate_dead_name)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &n));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, util_type(n));
	EXPECT_EQ(1, util_refs(n, MACH_PORT_RIGHT_DEAD_NAME));
}

TEST(allocate_bad_rights)
{
	mach_port_right_t bad[] = { MACH_PORT_RIGHT_SEND,
				    MACH_PORT_RIGHT_SEND_ONCE,
				    MACH_PORT_RIGHT_LABELH, 6 };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mach_port_name_t n = MACH_PORT_NULL;

		kern_return_t kr = mach_port_allocate(SELF, bad[i], &n);

		if (kr != KERN_INVALID_VALUE)
			TH_LOG("right %u", bad[i]);
		EXPECT_EQ(KERN_INVALID_VALUE, kr);
	}
}

TEST(allocate_kernel_names_low_bits)
{
	mach_port_right_t r[] = { MACH_PORT_RIGHT_RECEIVE,
				  MACH_PORT_RIGHT_PORT_SET,
				  MACH_PORT_RIGHT_DEAD_NAME };
	unsigned int i, j;

	for (j = 0; j < 10; j++) {
		for (i = 0; i < 3; i++) {
			mach_port_name_t n = MACH_PORT_NULL;

			ASSERT_EQ(KERN_SUCCESS,
				  mach_port_allocate(SELF, r[i], &n));
			EXPECT_EQ(3, n & 3);
			EXPECT_LT(0, MACH_PORT_INDEX(n));
		}
	}
}

TEST(allocate_name_ok)
{
	mach_port_name_t n = UTIL_NAME(0x777);

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_RECEIVE, n));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(n));
}

TEST(allocate_name_exists)
{
	mach_port_name_t n = UTIL_NAME(0x778);

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_RECEIVE, n));
	EXPECT_EQ(KERN_NAME_EXISTS, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_PORT_SET, n));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(n));
}

/* 0x7b: low bits 0b11 but index 0 (tests/mach_port_insert_right.c). */
TEST(allocate_name_index_zero)
{
	EXPECT_EQ(KERN_FAILURE, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_RECEIVE, 0x7b));
}

/* 0x7a: low bits not 0b11. */
TEST(allocate_name_bad_low_bits)
{
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_RECEIVE, 0x7a));
}

TEST(allocate_name_null)
{
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_allocate_name(SELF,
			MACH_PORT_RIGHT_RECEIVE, MACH_PORT_NULL));
}

/* ---- §2.4 deallocate ---- */

TEST(deallocate_null_and_dead)
{
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, MACH_PORT_NULL));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, MACH_PORT_DEAD));
}

TEST(deallocate_missing)
{
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_deallocate(SELF, UTIL_NAME(0x5151)));
}

TEST(deallocate_receive_only)
{
	mach_port_name_t p = util_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_deallocate(SELF, p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

TEST(deallocate_port_set_destroys_it)
{
	mach_port_name_t s = util_pset();

	ASSERT_NE(MACH_PORT_NULL, s);
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, s));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, s,
			&(mach_port_type_t){0}));
}

TEST_HARNESS_MAIN
