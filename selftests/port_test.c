// SPDX-License-Identifier: GPL-2.0
/*
 * Port rights, names and urefs: the mach_port_* calls against XNU's exact
 * results (/work/shared/reference/xnu-semantics.md §0, §2).  One behaviour
 * per test.
 */
#include "util.h"

#define SELF mach_task_self()

/*
 * A fresh receive right, the setup most tests here repeat.  The teardown
 * leaves it: a test may have moved, destroyed or guarded it (destroying a
 * guarded port is fatal), and the space goes with the test's process.
 */
FIXTURE(port) {
	mach_port_name_t p;
};

FIXTURE_SETUP(port)
{
	self->p = util_port();
	ASSERT_NE(MACH_PORT_NULL, self->p);
}

FIXTURE_TEARDOWN(port)
{
}

/* Tests register themselves from constructors, so main can come first. */
TEST_HARNESS_MAIN

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

/*
 * XNU's table keeps freed entries on a list, newest first: the next
 * allocations take the last freed index, then the one before, each with
 * its generation advanced by 4; a stale name stays invalid.
 */
TEST(freed_names_reused_newest_first)
{
	mach_port_name_t a, b, c, d;
	mach_port_type_t t;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &a));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &b));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, a, MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, b, MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &c));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &d));
	EXPECT_EQ(MACH_PORT_INDEX(b), MACH_PORT_INDEX(c));
	EXPECT_EQ(((b & 0xff) + 4) & 0xff, c & 0xff);
	EXPECT_EQ(MACH_PORT_INDEX(a), MACH_PORT_INDEX(d));
	EXPECT_EQ(((a & 0xff) + 4) & 0xff, d & 0xff);
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, a, &t));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, b, &t));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, c));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, d));
}

/* A caller-chosen name on a freed index takes it off the free list. */
TEST(allocate_name_on_freed_index)
{
	mach_port_name_t n[3], x, y, chosen;
	int i;

	for (i = 0; i < 3; i++)
		ASSERT_EQ(KERN_SUCCESS,
			  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME,
					     &n[i]));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, n[i]));
	/* free list now n[2], n[1], n[0]: take the middle one by name */
	chosen = (MACH_PORT_INDEX(n[1]) << 8) | 0x7f;
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, chosen));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &x));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &y));
	EXPECT_EQ(MACH_PORT_INDEX(n[2]), MACH_PORT_INDEX(x));
	EXPECT_EQ(MACH_PORT_INDEX(n[0]), MACH_PORT_INDEX(y));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(chosen));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, chosen));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, x));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, y));
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

TEST_F(port, deallocate_receive_only)
{
	mach_port_name_t p = self->p;

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


TEST(deallocate_send_uref)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, p));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
}

TEST(deallocate_dead_name_uref)
{
	mach_port_name_t d = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &d));
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, d,
			MACH_PORT_RIGHT_DEAD_NAME, 2));
	ASSERT_EQ(3, util_refs(d, MACH_PORT_RIGHT_DEAD_NAME));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, d));
	EXPECT_EQ(2, util_refs(d, MACH_PORT_RIGHT_DEAD_NAME));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, util_type(d));
}

/* ---- §2.4 destroy ---- */

TEST(destroy_all_rights)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 4));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, p));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, p,
			&(mach_port_type_t){0}));
}

TEST(destroy_null_dead_missing)
{
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, MACH_PORT_NULL));
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, MACH_PORT_DEAD));
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_destroy(SELF, UTIL_NAME(0x5152)));
}

/* ---- §2.4 mod_refs ---- */

/* right >= MACH_PORT_RIGHT_NUMBER is checked before the name. */
TEST_F(port, mod_refs_right_6_first)
{
	mach_port_name_t p = self->p;

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p, 6, 0));
	EXPECT_EQ(KERN_INVALID_VALUE,
		  mach_port_mod_refs(SELF, MACH_PORT_NULL, 6, 1));
	EXPECT_EQ(KERN_INVALID_VALUE,
		  mach_port_mod_refs(SELF, UTIL_NAME(0x5153), 6, -1));
}

TEST(mod_refs_null_send)
{
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, MACH_PORT_NULL,
			MACH_PORT_RIGHT_SEND, 1));
}

TEST(mod_refs_null_receive)
{
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_mod_refs(SELF, MACH_PORT_NULL,
			MACH_PORT_RIGHT_RECEIVE, -1));
}

TEST(mod_refs_send_plus_minus_one)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 1));
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -1));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
}

/* §2.1: urefs saturate at 0xFFFF; only -0xFFFF changes a pegged entry. */
TEST(mod_refs_send_peg)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 0xFFFF));
	EXPECT_EQ(0xFFFF, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -1));
	EXPECT_EQ(0xFFFF, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -0xFFFF));
	EXPECT_EQ(0, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

TEST(mod_refs_send_delta_too_big)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 0x10000));
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -0x10000));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
}

TEST(mod_refs_send_underflow)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -2));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
}

/* §2.2/§2.4: the receive right goes; the send urefs become a dead name. */
TEST(mod_refs_receive_minus_one_leaves_dead_name)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 1));
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_RECEIVE, -1));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, util_type(p));
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_DEAD_NAME));
}

TEST_F(port, mod_refs_receive_delta_two)
{
	mach_port_name_t p = self->p;

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_RECEIVE, 2));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

TEST(mod_refs_wrong_right)
{
	mach_port_name_t p = util_port(), s = util_pset();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 1));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_PORT_SET, -1));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_mod_refs(SELF, s,
			MACH_PORT_RIGHT_RECEIVE, -1));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND_ONCE, -1));
}

/* ---- §2.4 get_refs ---- */

TEST_F(port, get_refs_right_not_held)
{
	mach_port_name_t p = self->p;
	mach_port_urefs_t r = 77;

	EXPECT_EQ(KERN_SUCCESS, mach_port_get_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, &r));
	EXPECT_EQ(0, r);
	r = 77;
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_refs(SELF, p,
			MACH_PORT_RIGHT_DEAD_NAME, &r));
	EXPECT_EQ(0, r);
}

TEST(get_refs_null_send)
{
	mach_port_urefs_t r = 77;

	EXPECT_EQ(KERN_SUCCESS, mach_port_get_refs(SELF, MACH_PORT_NULL,
			MACH_PORT_RIGHT_SEND, &r));
	EXPECT_EQ(1, r);
}

/* ---- §2.4 type ---- */

TEST(type_null)
{
	mach_port_type_t t;

	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, MACH_PORT_NULL, &t));
}

TEST(type_dead)
{
	mach_port_type_t t = 0;

	EXPECT_EQ(KERN_SUCCESS, mach_port_type(SELF, MACH_PORT_DEAD, &t));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, t);
}

/* ---- §2.4 names ---- */

static int names_find(mach_port_name_array_t names, mach_port_type_array_t types,
		      mach_msg_type_number_t n, mach_port_name_t name,
		      mach_port_type_t *type)
{
	mach_msg_type_number_t i;

	for (i = 0; i < n; i++)
		if (names[i] == name) {
			*type = types[i];
			return 1;
		}
	return 0;
}

TEST(names_lists_everything)
{
	mach_port_name_t p = util_port_send(), s = util_pset();
	mach_port_name_t d = MACH_PORT_NULL;
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nn = 0, nt = 0;
	mach_port_type_t t = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &d));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_names(SELF, &names, &nn, &types, &nt));
	ASSERT_EQ(nn, nt);
	EXPECT_TRUE(names_find(names, types, nn, p, &t));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, t);
	EXPECT_TRUE(names_find(names, types, nn, s, &t));
	EXPECT_EQ(MACH_PORT_TYPE_PORT_SET, t);
	EXPECT_TRUE(names_find(names, types, nn, d, &t));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, t);
	EXPECT_TRUE(names_find(names, types, nn, SELF, &t));
	EXPECT_TRUE(t & MACH_PORT_TYPE_SEND);
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(SELF, (vm_address_t)names,
			nn * sizeof(*names)));
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(SELF, (vm_address_t)types,
			nt * sizeof(*types)));
}

/* ---- §2.5 insert_right ---- */

TEST_F(port, insert_make_send_same_name)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;

	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_srights);
	EXPECT_EQ(2, st.mps_mscount);
}

TEST(insert_copy_send_same_name)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
}

/* §2.1: every send-once right has a name of its own. */
TEST_F(port, insert_make_send_once_fresh_names)
{
	mach_port_name_t p = self->p;
	mach_port_name_t a = UTIL_NAME(0x6001), b = UTIL_NAME(0x6002);
	mach_port_status_t st;

	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, a, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, b, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, util_type(a));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, util_type(b));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(2, st.mps_sorights);
}

TEST(insert_move_receive_renames)
{
	mach_port_name_t p = util_port(), n = UTIL_NAME(0x6003);

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, n, p,
			MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(n));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, p,
			&(mach_port_type_t){0}));
}

TEST(insert_poly_null)
{
	EXPECT_EQ(KERN_INVALID_CAPABILITY, mach_port_insert_right(SELF,
			UTIL_NAME(0x6004), MACH_PORT_NULL,
			MACH_MSG_TYPE_COPY_SEND));
}

TEST(insert_poly_missing)
{
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_insert_right(SELF,
			UTIL_NAME(0x6005), UTIL_NAME(0x6006),
			MACH_MSG_TYPE_MAKE_SEND));
}

/* The task self name is a send right without the receive right. */
TEST(insert_make_send_without_receive)
{
	mach_port_name_t s = util_pset();

	ASSERT_NE(MACH_PORT_NULL, s);
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_insert_right(SELF, SELF, SELF,
			MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_insert_right(SELF,
			UTIL_NAME(0x6007), SELF, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_insert_right(SELF, s, s,
			MACH_MSG_TYPE_MAKE_SEND));
}

TEST_F(port, insert_right_exists)
{
	mach_port_name_t p = self->p;

	EXPECT_EQ(KERN_RIGHT_EXISTS, mach_port_insert_right(SELF,
			UTIL_NAME(0x6008), p, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, UTIL_NAME(0x6008),
			&(mach_port_type_t){0}));
}

/* A send-once right is never merged, so the taken name is what fails. */
TEST(insert_name_exists)
{
	mach_port_name_t p = util_port(), q = util_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, q);
	EXPECT_EQ(KERN_NAME_EXISTS, mach_port_insert_right(SELF, q, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(q));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

TEST_F(port, insert_bad_disposition)
{
	mach_port_name_t p = self->p;

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_insert_right(SELF,
			UTIL_NAME(0x6009), p, 22));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

/* ---- §2.5 extract_right ---- */

TEST(extract_make_send_once_mints)
{
	mach_port_name_t p = util_port(), a = 0, b = 0;
	mach_msg_type_name_t ta = 0, tb = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &a, &ta));
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &b, &tb));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE, ta);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE, tb);
	EXPECT_NE(a, b);
	EXPECT_NE(p, a);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, util_type(a));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, util_type(b));
	EXPECT_EQ(3, a & 3);
}

TEST(extract_make_send_type_17)
{
	mach_port_name_t p = util_port(), s = 0;
	mach_msg_type_name_t t = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND, &s, &t));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, t);
	EXPECT_EQ(17, t);
}

TEST(extract_bad_msgt)
{
	mach_port_name_t p = util_port(), s = 0;
	mach_msg_type_name_t t = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_extract_right(SELF, p, 15,
			&s, &t));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
}

TEST(extract_null_name)
{
	mach_port_name_t s = 0;
	mach_msg_type_name_t t = 0;

	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_extract_right(SELF,
			MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND, &s, &t));
}

/* ---- §2.1 coalescing: one name per port for send/receive ---- */

TEST(coalesce_insert_send_lands_on_receive_name)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	/* insert under the name the space already uses for the port */
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
}

TEST(coalesce_extract_send_lands_on_existing_name)
{
	mach_port_name_t p = util_port_send(), s = 0;
	mach_msg_type_name_t t = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND, &s, &t));
	EXPECT_EQ(p, s);
	EXPECT_EQ(2, util_refs(p, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_COPY_SEND, &s, &t));
	EXPECT_EQ(p, s);
	EXPECT_EQ(3, util_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
}

/* ---- §2.6 port sets ---- */

static int set_has(mach_port_name_t set, mach_port_name_t member)
{
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t n = 0, i;
	int found = 0;

	if (mach_port_get_set_status(SELF, set, &m, &n) != KERN_SUCCESS)
		return -1;
	for (i = 0; i < n; i++)
		if (m[i] == member)
			found = 1;
	vm_deallocate(SELF, (vm_address_t)m, n * sizeof(*m));
	return found;
}

TEST(pset_port_in_two_sets)
{
	mach_port_name_t p = util_port(), s1 = util_pset(), s2 = util_pset();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s1);
	ASSERT_NE(MACH_PORT_NULL, s2);
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s1));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s2));
	EXPECT_EQ(1, set_has(s1, p));
	EXPECT_EQ(1, set_has(s2, p));
}

TEST(pset_already_in_set)
{
	mach_port_name_t p = util_port(), s = util_pset();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s));
	EXPECT_EQ(KERN_ALREADY_IN_SET, mach_port_insert_member(SELF, p, s));
}

TEST(pset_extract_not_in_set)
{
	mach_port_name_t p = util_port(), s = util_pset();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	EXPECT_EQ(KERN_NOT_IN_SET, mach_port_extract_member(SELF, p, s));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s));
	EXPECT_EQ(KERN_SUCCESS, mach_port_extract_member(SELF, p, s));
	EXPECT_EQ(0, set_has(s, p));
}

/* move_member takes the port out of every set, then into @after. */
TEST(pset_move_member_between_sets)
{
	mach_port_name_t p = util_port(), s1 = util_pset(), s2 = util_pset();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s1);
	ASSERT_NE(MACH_PORT_NULL, s2);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s1));
	EXPECT_EQ(KERN_SUCCESS, mach_port_move_member(SELF, p, s2));
	EXPECT_EQ(0, set_has(s1, p));
	EXPECT_EQ(1, set_has(s2, p));
	EXPECT_EQ(KERN_SUCCESS, mach_port_move_member(SELF, p,
			MACH_PORT_NULL));
	EXPECT_EQ(0, set_has(s2, p));
}

TEST_F(port, pset_move_member_null_not_in_set)
{
	mach_port_name_t p = self->p;

	EXPECT_EQ(KERN_NOT_IN_SET, mach_port_move_member(SELF, p,
			MACH_PORT_NULL));
}

TEST(pset_destroyed_member_lives)
{
	mach_port_name_t p = util_port(), s = util_pset();
	mach_port_status_t st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(SELF, p, s));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_pset);
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, s,
			MACH_PORT_RIGHT_PORT_SET, -1));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(0, st.mps_pset);
	EXPECT_EQ(KERN_NOT_IN_SET, mach_port_move_member(SELF, p,
			MACH_PORT_NULL));
}

/* ---- §2.9 attributes ---- */

static kern_return_t get_qlimit(mach_port_name_t p, natural_t *q)
{
	mach_port_limits_t l = { .mpl_qlimit = 0xdead };
	mach_msg_type_number_t cnt = MACH_PORT_LIMITS_INFO_COUNT;
	kern_return_t kr = mach_port_get_attributes(SELF, p,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&l, &cnt);

	*q = l.mpl_qlimit;
	return kr;
}

static kern_return_t set_qlimit(mach_port_name_t p, natural_t q)
{
	mach_port_limits_t l = { .mpl_qlimit = q };

	return mach_port_set_attributes(SELF, p, MACH_PORT_LIMITS_INFO,
			(mach_port_info_t)&l, MACH_PORT_LIMITS_INFO_COUNT);
}

TEST_F(port, attr_limits_default_5)
{
	mach_port_name_t p = self->p;
	natural_t q = 0;

	EXPECT_EQ(KERN_SUCCESS, get_qlimit(p, &q));
	EXPECT_EQ(5, q);
}

TEST_F(port, attr_limits_set_1024)
{
	mach_port_name_t p = self->p;
	natural_t q = 0;

	EXPECT_EQ(KERN_SUCCESS, set_qlimit(p, 1024));
	EXPECT_EQ(KERN_SUCCESS, get_qlimit(p, &q));
	EXPECT_EQ(1024, q);
}

TEST_F(port, attr_limits_set_1025)
{
	mach_port_name_t p = self->p;
	natural_t q = 0;

	EXPECT_EQ(KERN_INVALID_VALUE, set_qlimit(p, 1025));
	EXPECT_EQ(KERN_SUCCESS, get_qlimit(p, &q));
	EXPECT_EQ(5, q);
}

TEST_F(port, attr_status_fresh)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;

	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(0, st.mps_pset);
	EXPECT_EQ(0, st.mps_seqno);
	EXPECT_EQ(0, st.mps_mscount);
	EXPECT_EQ(5, st.mps_qlimit);
	EXPECT_EQ(0, st.mps_msgcount);
	EXPECT_EQ(0, st.mps_sorights);
	EXPECT_EQ(0, st.mps_srights);
	EXPECT_EQ(0, st.mps_pdrequest);
	EXPECT_EQ(0, st.mps_nsrequest);
	EXPECT_EQ(0, st.mps_flags);
}

TEST_F(port, attr_status_mscount_srights)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;

	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_mscount);
	EXPECT_EQ(1, st.mps_srights);
}

TEST_F(port, attr_status_sorights)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;
	mach_port_name_t so = 0;
	mach_msg_type_name_t t;

	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &t));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_sorights);
	EXPECT_EQ(0, st.mps_srights);
	EXPECT_EQ(0, st.mps_mscount);
}

TEST_F(port, attr_status_msgcount_seqno)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;
	util_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(p, MACH_MSG_TYPE_MAKE_SEND, 2));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(2, st.mps_msgcount);
	EXPECT_EQ(0, st.mps_seqno);
	ASSERT_EQ(MACH_MSG_SUCCESS, util_recv(p, &m, 1000));
	EXPECT_EQ(1, m.hdr.msgh_id);
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_msgcount);
	EXPECT_EQ(1, st.mps_seqno);
}

TEST(attr_status_requests)
{
	mach_port_name_t p = util_port(), n = util_port();
	mach_port_name_t prev = 0;
	mach_port_status_t st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	/* keep a send right so no-senders is armed, not fired at once */
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
			MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(SELF, p,
			MACH_NOTIFY_NO_SENDERS, 0, n,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(SELF, p,
			MACH_NOTIFY_PORT_DESTROYED, 0, n,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_nsrequest);
	EXPECT_EQ(1, st.mps_pdrequest);
}

TEST_F(port, attr_get_count_too_small)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT - 1;

	EXPECT_EQ(KERN_FAILURE, mach_port_get_attributes(SELF, p,
			MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt));
	cnt = 0;
	EXPECT_EQ(KERN_FAILURE, mach_port_get_attributes(SELF, p,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&st, &cnt));
}

TEST_F(port, attr_get_bad_flavor)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;

	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_port_get_attributes(SELF, p,
			99, (mach_port_info_t)&st, &cnt));
}

/* ---- §2.8 construct / destruct ---- */

TEST(construct_qlimit)
{
	mach_port_options_t o = { .flags = MPO_QLIMIT,
				  .mpl = { .mpl_qlimit = 17 } };
	mach_port_name_t p = 0;
	natural_t q = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_construct(SELF, &o, 0, &p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	EXPECT_EQ(KERN_SUCCESS, get_qlimit(p, &q));
	EXPECT_EQ(17, q);
}

TEST(construct_insert_send_right)
{
	mach_port_options_t o = { .flags = MPO_INSERT_SEND_RIGHT };
	mach_port_name_t p = 0;
	mach_port_status_t st;

	ASSERT_EQ(KERN_SUCCESS, mach_port_construct(SELF, &o, 0, &p));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_EQ(1, st.mps_mscount);
}

TEST(construct_guarded)
{
	mach_port_options_t o = { .flags = MPO_CONTEXT_AS_GUARD };
	mach_port_context_t g = 0x5eed1234;
	mach_port_name_t p = 0;
	mach_port_status_t st;

	ASSERT_EQ(KERN_SUCCESS, mach_port_construct(SELF, &o, g, &p));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_FALSE(st.mps_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD);
	EXPECT_EQ(KERN_SUCCESS, mach_port_destruct(SELF, p, 0, g));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, p,
			&(mach_port_type_t){0}));
}

/*
 * XNU's ipc_right_copyin (MOVE_RECEIVE): a guarded receive right that is
 * not immovable moves like any other (the guard is checked only for a
 * guarded descriptor), and ipc_port_clear_receiver leaves it unguarded,
 * its context 0.
 */
TEST(guarded_receive_moves_by_insert_right_unguarded)
{
	mach_port_options_t o = { .flags = MPO_CONTEXT_AS_GUARD };
	mach_port_context_t g = 0x5eed4321, ctx = 1;
	mach_port_name_t p = 0, n = UTIL_NAME(0x6011);
	mach_port_status_t st;

	ASSERT_EQ(KERN_SUCCESS, mach_port_construct(SELF, &o, g, &p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, n, p,
			MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(n));
	ASSERT_EQ(KERN_SUCCESS, util_status(n, &st));
	EXPECT_FALSE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, n, &ctx));
	EXPECT_EQ(0, ctx);
	/* unguarded now: destroying it is no guard violation */
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, n,
			MACH_PORT_RIGHT_RECEIVE, -1));
}

/* The same right moved in a plain port descriptor arrives unguarded. */
TEST(guarded_receive_moves_in_port_descriptor_unguarded)
{
	mach_port_options_t o = { .flags = MPO_CONTEXT_AS_GUARD };
	mach_port_context_t g = 0x5eed4322, ctx = 1;
	mach_port_name_t p = 0, dst = util_port();
	struct {
		mach_msg_header_t h;
		mach_msg_body_t b;
		mach_msg_port_descriptor_t d;
		mach_msg_max_trailer_t t;
	} m;
	mach_port_status_t st;

	ASSERT_NE(MACH_PORT_NULL, dst);
	ASSERT_EQ(KERN_SUCCESS, mach_port_construct(SELF, &o, g, &p));
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
			MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m) - sizeof(m.t);
	m.h.msgh_remote_port = dst;
	m.b.msgh_descriptor_count = 1;
	m.d.name = p;
	m.d.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.d.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&m.h, MACH_SEND_MSG, m.h.msgh_size,
					     0, MACH_PORT_NULL, 0, MACH_PORT_NULL));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, p,
			&(mach_port_type_t){0}));
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), dst,
					     0, MACH_PORT_NULL));
	ASSERT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, m.d.disposition);
	ASSERT_EQ(KERN_SUCCESS, util_status(m.d.name, &st));
	EXPECT_FALSE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, m.d.name, &ctx));
	EXPECT_EQ(0, ctx);
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, m.d.name,
			MACH_PORT_RIGHT_RECEIVE, -1));
}

/*
 * XNU's mach_port_unguard_locked drops the guard and the context but not
 * ip_immovable_receive: a right guarded with MPG_IMMOVABLE_RECEIVE stays
 * immovable after the unguard.
 */
TEST(unguard_keeps_receive_immovable)
{
	mach_port_name_t p = util_port(), n = UTIL_NAME(0x6012);
	mach_port_status_t st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_guard_with_flags(SELF, p, 0x77,
			MPG_IMMOVABLE_RECEIVE));
	ASSERT_EQ(KERN_SUCCESS, mach_port_unguard(SELF, p, 0x77));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_FALSE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, mach_port_insert_right(SELF, n, p,
			MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	/* unguarded, so its owner may still destroy it */
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_RECEIVE, -1));
}

TEST(construct_qlimit_1025)
{
	mach_port_options_t o = { .flags = MPO_QLIMIT,
				  .mpl = { .mpl_qlimit = 1025 } };
	mach_port_name_t p = 0;

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_construct(SELF, &o, 0, &p));
}

TEST(construct_two_reply_flags)
{
	mach_port_options_t o = { .flags = MPO_REPLY_PORT |
					   MPO_PROVISIONAL_REPLY_PORT };
	mach_port_name_t p = 0;

	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_port_construct(SELF, &o, 0,
			&p));
}

TEST(destruct_no_receive)
{
	mach_port_name_t d = 0;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &d));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_destruct(SELF, SELF, 0, 0));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_destruct(SELF, d, 0, 0));
}

TEST(destruct_srdelta_positive)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_destruct(SELF, p, 1, 0));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
}

/* ---- §2.8 guards and context ---- */

#define GUARD ((mach_port_context_t)0xfeedface0badull)

TEST_F(port, guard_unguard)
{
	mach_port_name_t p = self->p;
	mach_port_context_t c = 1;
	mach_port_status_t st;

	EXPECT_EQ(KERN_SUCCESS, mach_port_guard(SELF, p, GUARD, 0));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &c));
	EXPECT_EQ(GUARD, c);
	EXPECT_EQ(KERN_SUCCESS, mach_port_unguard(SELF, p, GUARD));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_FALSE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	/* an unguarded port can be destroyed again */
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_RECEIVE, -1));
}

TEST_F(port, guard_strict_flag)
{
	mach_port_name_t p = self->p;
	mach_port_status_t st;

	EXPECT_EQ(KERN_SUCCESS, mach_port_guard(SELF, p, GUARD, 1));
	ASSERT_EQ(KERN_SUCCESS, util_status(p, &st));
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD);
}

TEST_F(port, context_set_get)
{
	mach_port_name_t p = self->p;
	mach_port_context_t c = 0;

	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &c));
	EXPECT_EQ(0, c);
	EXPECT_EQ(KERN_SUCCESS, mach_port_set_context(SELF, p, 0x1234567890ull));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &c));
	EXPECT_EQ(0x1234567890ull, c);
}

/* A non-strict guard leaves the context settable. */
TEST_F(port, context_set_on_guarded_port)
{
	mach_port_name_t p = self->p;
	mach_port_context_t c = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_guard(SELF, p, GUARD, 0));
	EXPECT_EQ(KERN_SUCCESS, mach_port_set_context(SELF, p, 77));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &c));
	EXPECT_EQ(77, c);
}

TEST_F(port, guard_already_guarded)
{
	mach_port_name_t p = self->p;
	mach_port_context_t c = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_guard(SELF, p, GUARD, 0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_port_guard(SELF, p, GUARD + 1,
			0));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &c));
	EXPECT_EQ(GUARD, c);
}

/* ---- §2.10 fatal guard violations, each in a child ---- */

static mach_port_name_t guarded(int strict)
{
	mach_port_name_t p = util_port();

	if (p == MACH_PORT_NULL ||
	    mach_port_guard(SELF, p, GUARD, strict) != KERN_SUCCESS)
		_exit(UTIL_VIOLATION_SETUP);
	return p;
}

static int v_destroy(void)
{
	mach_port_destroy(SELF, guarded(0));
	return UTIL_VIOLATION_SURVIVED;
}

static int v_mod_refs(void)
{
	mach_port_mod_refs(SELF, guarded(0), MACH_PORT_RIGHT_RECEIVE, -1);
	return UTIL_VIOLATION_SURVIVED;
}

static int v_unguard_unguarded(void)
{
	mach_port_name_t p = util_port();

	if (p == MACH_PORT_NULL)
		return UTIL_VIOLATION_SETUP;
	mach_port_unguard(SELF, p, GUARD);
	return UTIL_VIOLATION_SURVIVED;
}

static int v_unguard_wrong(void)
{
	mach_port_unguard(SELF, guarded(0), GUARD + 1);
	return UTIL_VIOLATION_SURVIVED;
}

static int v_destruct_wrong(void)
{
	mach_port_destruct(SELF, guarded(0), 0, GUARD + 1);
	return UTIL_VIOLATION_SURVIVED;
}

static int v_set_context_strict(void)
{
	mach_port_set_context(SELF, guarded(1), 5);
	return UTIL_VIOLATION_SURVIVED;
}

TEST(fatal_destroy_guarded) { ASSERT_CHILD_KILLED(v_destroy); }
TEST(fatal_mod_refs_guarded) { ASSERT_CHILD_KILLED(v_mod_refs); }
TEST(fatal_unguard_unguarded) { ASSERT_CHILD_KILLED(v_unguard_unguarded); }
TEST(fatal_unguard_wrong_guard) { ASSERT_CHILD_KILLED(v_unguard_wrong); }
TEST(fatal_destruct_wrong_guard) { ASSERT_CHILD_KILLED(v_destruct_wrong); }
TEST(fatal_set_context_strict) { ASSERT_CHILD_KILLED(v_set_context_strict); }

/* ---- §2.3 mach_reply_port ---- */

TEST(reply_port_is_receive_right)
{
	mach_port_name_t p = mach_reply_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(3, p & 3);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_RECEIVE));
}

/* ---- failed calls change nothing ---- */

TEST(failed_calls_change_nothing)
{
	mach_port_name_t p = util_port_send(), s = util_pset();
	struct util_snap sp, ss;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, 2));
	util_snap_take(p, &sp);
	util_snap_take(s, &ss);
	ASSERT_EQ(KERN_SUCCESS, sp.kr);

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_SEND, -4));
	EXPECT_TRUE(util_snap_same(p, &sp));

	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_mod_refs(SELF, p,
			MACH_PORT_RIGHT_RECEIVE, -2));
	EXPECT_TRUE(util_snap_same(p, &sp));

	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_mod_refs(SELF, s,
			MACH_PORT_RIGHT_SEND, 1));
	EXPECT_TRUE(util_snap_same(s, &ss));
	EXPECT_TRUE(util_snap_same(p, &sp));
}

/* ---- a bad task name ---- */

TEST(bad_task_name)
{
	mach_port_name_t p = util_port(), n = 0;
	mach_port_type_t t;

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_allocate(0x12345,
			MACH_PORT_RIGHT_RECEIVE, &n));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_type(0x12345, p, &t));
	/* a receive right is not a task port either */
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_allocate(p,
			MACH_PORT_RIGHT_RECEIVE, &n));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_deallocate(p, p));
}

/* ---- names in a child's space, through its task port ---- */

/* The child reports the type of CHILD_NAME each time the parent writes a
 * byte, until EOF. */
#define CHILD_NAME UTIL_NAME(0x4242)

static void child_loop(int rd, int wr)
{
	char c;

	while (read(rd, &c, 1) == 1) {
		mach_port_type_t t = 0;
		mach_port_urefs_t r = 0;
		uint32_t out[3];

		out[0] = mach_port_type(SELF, CHILD_NAME, &t);
		out[1] = t;
		mach_port_get_refs(SELF, CHILD_NAME, MACH_PORT_RIGHT_SEND, &r);
		out[2] = r;
		if (write(wr, out, sizeof(out)) != sizeof(out))
			break;
	}
	_exit(0);
}

struct kid {
	pid_t pid;
	int rd, wr;
};

static int kid_start(struct kid *k)
{
	int a[2], b[2];

	if (pipe(a) || pipe(b))
		return -1;
	fflush(stdout);
	k->pid = fork();
	if (k->pid < 0)
		return -1;
	if (k->pid == 0) {
		alarm(30);
		close(a[1]);
		close(b[0]);
		child_loop(a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	k->wr = a[1];
	k->rd = b[0];
	return 0;
}

/* Asks the child what CHILD_NAME is: out = {kr, type, send urefs}. */
static int kid_ask(struct kid *k, uint32_t out[3])
{
	return write(k->wr, "?", 1) == 1 &&
	       read(k->rd, out, 3 * sizeof(uint32_t)) == 3 * sizeof(uint32_t)
	       ? 0 : -1;
}

static int kid_end(struct kid *k)
{
	int st = -1;

	close(k->wr);
	close(k->rd);
	waitpid(k->pid, &st, 0);
	return st;
}

TEST(child_space_insert_send)
{
	mach_port_name_t p = util_port(), task = MACH_PORT_NULL;
	uint32_t out[3];
	struct kid k;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(0, kid_start(&k));
	ASSERT_EQ(0, kid_ask(&k, out));
	EXPECT_EQ(KERN_INVALID_NAME, out[0]);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, k.pid, &task));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(task, CHILD_NAME, p,
			MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, kid_ask(&k, out));
	EXPECT_EQ(KERN_SUCCESS, out[0]);
	EXPECT_EQ(MACH_PORT_TYPE_SEND, out[1]);
	EXPECT_EQ(1, out[2]);
	/* the parent sees the same through the task port */
	{
		mach_port_type_t t = 0;

		EXPECT_EQ(KERN_SUCCESS, mach_port_type(task, CHILD_NAME, &t));
		EXPECT_EQ(MACH_PORT_TYPE_SEND, t);
	}
	/* our own space is untouched: still just the receive right */
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(p));
	EXPECT_EQ(0, kid_end(&k));
}

/* §2.1: a second send right to the same port lands on the same name. */
TEST(coalesce_insert_send_into_child)
{
	mach_port_name_t p = util_port(), task = MACH_PORT_NULL;
	uint32_t out[3];
	struct kid k;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(0, kid_start(&k));
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, k.pid, &task));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(task, CHILD_NAME, p,
			MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(task, CHILD_NAME, p,
			MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, kid_ask(&k, out));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, out[1]);
	EXPECT_EQ(2, out[2]);
	/* under any other name it is RIGHT_EXISTS */
	EXPECT_EQ(KERN_RIGHT_EXISTS, mach_port_insert_right(task,
			UTIL_NAME(0x4243), p, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(0, kid_end(&k));
}

TEST(child_space_move_receive)
{
	mach_port_name_t p = util_port(), task = MACH_PORT_NULL;
	uint32_t out[3];
	struct kid k;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(0, kid_start(&k));
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, k.pid, &task));
	EXPECT_EQ(KERN_SUCCESS, mach_port_insert_right(task, CHILD_NAME, p,
			MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(0, kid_ask(&k, out));
	EXPECT_EQ(KERN_SUCCESS, out[0]);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, out[1]);
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(SELF, p,
			&(mach_port_type_t){0}));
	EXPECT_EQ(0, kid_end(&k));
}

/* ---- scale ---- */

#define SCALE_N		100000
#define SCALE_WINDOW	10000
#define SCALE_CHUNK	100

/* Nanoseconds of the fastest of the chunks that make up a window: a
 * chunk that a loaded host (TCG) preempts in the middle is slow, the
 * fastest shows what an allocation costs at that size of the space.  A
 * chunk (100 allocations, well under a millisecond on hardware) is kept
 * shorter than a host time slice, so that some run unpreempted. */
static uint64_t scale_best(const uint64_t *chunk, int nchunks)
{
	uint64_t best = UINT64_MAX;
	int i;

	for (i = 0; i < nchunks; i++)
		if (chunk[i] < best)
			best = chunk[i];
	return best;
}

/* 100,000 receive rights, then all destroyed (mod_refs RECEIVE -1; XNU
 * refuses mach_port_deallocate on a receive-only name); allocation must
 * not slow down with the size of the space (ipc_entry_alloc is O(1) on
 * XNU's table): the last 10k cost < 3x the first 10k.  Each window is
 * timed as a hundred chunks of 100 and compared by its fastest chunk, so a
 * preemption of the guest under host load (which made a single 10k
 * window look 5.5x slower) does not decide the result; a space that
 * really grows slower makes every chunk of the last window slower. */
TEST_TIMEOUT(scale_100k_receive_rights, 600)
{
	enum { NCHUNK = SCALE_WINDOW / SCALE_CHUNK };
	mach_port_name_t *n = calloc(SCALE_N, sizeof(*n));
	uint64_t first[NCHUNK], last[NCHUNK], t0 = 0, best_first, best_last;
	natural_t before;
	int i;

	ASSERT_NE(NULL, n);
	before = util_names_total();
	ASSERT_NE(UTIL_ERR, before);
	for (i = 0; i < SCALE_N; i++) {
		int w = i % SCALE_WINDOW, in_first = i < SCALE_WINDOW,
		    in_last = i >= SCALE_N - SCALE_WINDOW;

		if ((in_first || in_last) && w % SCALE_CHUNK == 0)
			t0 = util_now_ns();
		ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(SELF,
				MACH_PORT_RIGHT_RECEIVE, &n[i]));
		if ((in_first || in_last) && w % SCALE_CHUNK == SCALE_CHUNK - 1)
			(in_first ? first : last)[w / SCALE_CHUNK] =
				util_now_ns() - t0;
	}
	best_first = scale_best(first, NCHUNK);
	best_last = scale_best(last, NCHUNK);
	TH_LOG("fastest 100 of the first 10k: %llu us, of the last 10k: %llu us",
	       (unsigned long long)best_first / 1000,
	       (unsigned long long)best_last / 1000);
	EXPECT_EQ(before + SCALE_N, util_names_total());
	EXPECT_LT(best_last, 3 * best_first);
	for (i = 0; i < SCALE_N; i++)
		ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(SELF, n[i],
				MACH_PORT_RIGHT_RECEIVE, -1));
	EXPECT_EQ(before, util_names_total());
	free(n);
}
