// SPDX-License-Identifier: GPL-2.0
/*
 * Routines libmach exports as nothing but their MIG stub
 * (libmach/src/mig_public.list): a program that calls one links, and a
 * routine the module does not serve gets XNU's answer for an id its
 * server does not know, MIG_BAD_ID (mig_server's demux), in the reply.
 */
#include "harness.h"

#include <mach/mach.h>
#include <mach/task_policy.h>
#include <mach/thread_act.h>

/* task_policy_set (3422 in task.defs): not served, MIG_BAD_ID */
TEST(task_policy_set_links_and_gets_mig_bad_id)
{
	task_category_policy_data_t cat = { .role = TASK_FOREGROUND_APPLICATION };

	EXPECT_EQ(MIG_BAD_ID,
		  task_policy_set(mach_task_self(), TASK_CATEGORY_POLICY,
				  (task_policy_t)&cat,
				  TASK_CATEGORY_POLICY_COUNT));
}

/* thread_abort (3607): not served, MIG_BAD_ID; the thread runs on */
TEST(thread_abort_links_and_gets_mig_bad_id)
{
	EXPECT_EQ(MIG_BAD_ID, thread_abort(mach_thread_self()));
}

TEST_HARNESS_MAIN
