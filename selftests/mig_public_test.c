// SPDX-License-Identifier: GPL-2.0
/*
 * Routines libmach exports as nothing but their MIG stub
 * (libmach/src/mig_public.list): a program that calls one links, and a
 * routine the module does not serve gets XNU's answer for an id its
 * server does not know, MIG_BAD_ID (mig_server's demux), in the reply.
 */
#include "harness.h"

#include <mach/mach.h>
#include <mach/thread_act.h>

/* task_set_info (3406 in task.defs): not served, MIG_BAD_ID */
TEST(task_set_info_links_and_gets_mig_bad_id)
{
	integer_t info[1] = { 0 };

	EXPECT_EQ(MIG_BAD_ID, task_set_info(mach_task_self(), 0, info, 1));
}

/* thread_abort (3607): not served, MIG_BAD_ID; the thread runs on */
TEST(thread_abort_links_and_gets_mig_bad_id)
{
	EXPECT_EQ(MIG_BAD_ID, thread_abort(mach_thread_self()));
}

TEST_HARNESS_MAIN
