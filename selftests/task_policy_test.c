// SPDX-License-Identifier: GPL-2.0
/*
 * task_policy_set and task_policy_get on task ports
 * (module/task_policy.c): XNU's task_policy_set and task_policy_get in
 * osfmk/kern/task_policy.c, as macOS builds them, reached through
 * convert_port_to_task_policy_set/_get without Apple's private
 * entitlement (set: a control port; get: an inspect port or better).
 * Apple's tests/task_policy.c (its UNENTITLED build) makes these calls.
 */
#include "harness.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/task.h>
#include <mach/task_policy.h>

/* the child's exit status, or -1 if it did not exit */
static int wait_exit_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static kern_return_t get(task_t t, task_policy_flavor_t flavor,
			 integer_t *info, mach_msg_type_number_t count,
			 boolean_t *get_default)
{
	mach_msg_type_number_t n = count;

	return task_policy_get(t, flavor, info, &n, get_default);
}

static kern_return_t set_qos(task_t t, task_policy_flavor_t flavor,
			     integer_t latency, integer_t throughput)
{
	struct task_qos_policy q = {
		.task_latency_qos_tier = latency,
		.task_throughput_qos_tier = throughput,
	};

	return task_policy_set(t, flavor, (task_policy_t)&q,
			       TASK_QOS_POLICY_COUNT);
}

static kern_return_t set_role(task_t t, task_role_t role)
{
	struct task_category_policy c = { .role = role };

	return task_policy_set(t, TASK_CATEGORY_POLICY, (task_policy_t)&c,
			       TASK_CATEGORY_POLICY_COUNT);
}

/* task_policy_get: a task nobody set has no role (TASK_UNSPECIFIED) */
TEST(role_of_a_new_task_is_unspecified)
{
	struct task_category_policy c = { .role = TASK_FOREGROUND_APPLICATION };
	boolean_t def = FALSE;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(get(mach_task_self(), TASK_CATEGORY_POLICY,
			  (integer_t *)&c, TASK_CATEGORY_POLICY_COUNT,
			  &def) != KERN_SUCCESS || c.role != TASK_UNSPECIFIED);
	EXPECT_EQ(0, wait_exit_status(pid));
}

/* task_policy_set: the application roles are anyone's; get returns it */
TEST(role_round_trips)
{
	struct task_category_policy c = { .role = TASK_UNSPECIFIED };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, set_role(mach_task_self(),
					 TASK_BACKGROUND_APPLICATION));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_CATEGORY_POLICY,
				    (integer_t *)&c,
				    TASK_CATEGORY_POLICY_COUNT, &def));
	EXPECT_EQ(TASK_BACKGROUND_APPLICATION, c.role);
	EXPECT_EQ(FALSE, def);
	EXPECT_EQ(KERN_SUCCESS, set_role(mach_task_self(),
					 TASK_DEFAULT_APPLICATION));
}

/* task_policy_get: get_default answers TASK_UNSPECIFIED whatever was set */
TEST(role_default_is_unspecified)
{
	struct task_category_policy c = { .role = TASK_FOREGROUND_APPLICATION };
	boolean_t def = TRUE;

	ASSERT_EQ(KERN_SUCCESS, set_role(mach_task_self(),
					 TASK_FOREGROUND_APPLICATION));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_CATEGORY_POLICY,
				    (integer_t *)&c,
				    TASK_CATEGORY_POLICY_COUNT, &def));
	EXPECT_EQ(TASK_UNSPECIFIED, c.role);
	EXPECT_EQ(TRUE, def);
}

/* task_policy_set: roles macOS does not let a task take are invalid */
TEST(unsettable_roles_are_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_role(mach_task_self(),
						  TASK_UNSPECIFIED));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_role(mach_task_self(),
						  TASK_THROTTLE_APPLICATION));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_role(mach_task_self(),
						  TASK_DARWINBG_APPLICATION));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_role(mach_task_self(),
						  TASK_RENICED));
}

/* task_policy_set: TASK_CONTROL_APPLICATION only for root's own task */
TEST(control_role_needs_root_and_self)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* a plain user already, as in the Debian lane; else become one */
		if (getuid() == 0 && setuid(65534))
			_exit(2);
		_exit(set_role(mach_task_self(), TASK_CONTROL_APPLICATION) !=
		      KERN_INVALID_ARGUMENT);
	}
	EXPECT_EQ(0, wait_exit_status(pid));
	if (getuid() == 0)
		EXPECT_EQ(KERN_SUCCESS, set_role(mach_task_self(),
						 TASK_CONTROL_APPLICATION));
}

/* task_policy_set: the graphics-server role not on another task */
TEST(graphics_server_role_on_another_task_is_invalid)
{
	mach_port_t child;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid, &child));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_role(child,
						  TASK_GRAPHICS_SERVER));
	EXPECT_EQ(KERN_SUCCESS, set_role(child, TASK_FOREGROUND_APPLICATION));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	mach_port_deallocate(mach_task_self(), child);
}

/* task_policy_set / _get: the base QoS tiers round trip */
TEST(base_qos_round_trips)
{
	struct task_qos_policy q = { 0 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, set_qos(mach_task_self(), TASK_BASE_QOS_POLICY,
					LATENCY_QOS_TIER_2,
					THROUGHPUT_QOS_TIER_4));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_BASE_QOS_POLICY,
				    (integer_t *)&q, TASK_QOS_POLICY_COUNT,
				    &def));
	EXPECT_EQ(LATENCY_QOS_TIER_2, q.task_latency_qos_tier);
	EXPECT_EQ(THROUGHPUT_QOS_TIER_4, q.task_throughput_qos_tier);
}

/* the override tiers are kept apart from the base tiers */
TEST(override_qos_is_separate_from_base)
{
	struct task_qos_policy q = { 0 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, set_qos(mach_task_self(), TASK_BASE_QOS_POLICY,
					LATENCY_QOS_TIER_1,
					THROUGHPUT_QOS_TIER_1));
	ASSERT_EQ(KERN_SUCCESS, set_qos(mach_task_self(),
					TASK_OVERRIDE_QOS_POLICY,
					LATENCY_QOS_TIER_5,
					THROUGHPUT_QOS_TIER_UNSPECIFIED));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_OVERRIDE_QOS_POLICY,
				    (integer_t *)&q, TASK_QOS_POLICY_COUNT,
				    &def));
	EXPECT_EQ(LATENCY_QOS_TIER_5, q.task_latency_qos_tier);
	EXPECT_EQ(THROUGHPUT_QOS_TIER_UNSPECIFIED, q.task_throughput_qos_tier);
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_BASE_QOS_POLICY,
				    (integer_t *)&q, TASK_QOS_POLICY_COUNT,
				    &def));
	EXPECT_EQ(LATENCY_QOS_TIER_1, q.task_latency_qos_tier);
}

/* TASK_BASE_LATENCY_QOS_POLICY sets one tier but validates both */
TEST(base_latency_sets_latency_only)
{
	struct task_qos_policy q = { 0 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, set_qos(mach_task_self(), TASK_BASE_QOS_POLICY,
					LATENCY_QOS_TIER_0,
					THROUGHPUT_QOS_TIER_0));
	ASSERT_EQ(KERN_SUCCESS, set_qos(mach_task_self(),
					TASK_BASE_LATENCY_QOS_POLICY,
					LATENCY_QOS_TIER_3,
					THROUGHPUT_QOS_TIER_5));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(mach_task_self(), TASK_BASE_LATENCY_QOS_POLICY,
			  LATENCY_QOS_TIER_3, 7));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_BASE_QOS_POLICY,
				    (integer_t *)&q, TASK_QOS_POLICY_COUNT,
				    &def));
	EXPECT_EQ(LATENCY_QOS_TIER_3, q.task_latency_qos_tier);
	EXPECT_EQ(THROUGHPUT_QOS_TIER_0, q.task_throughput_qos_tier);
}

/* qos_latency_policy_validate / qos_throughput_policy_validate */
TEST(qos_tiers_out_of_range_are_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(mach_task_self(), TASK_BASE_QOS_POLICY,
			  (0xFF << 16) | 7, THROUGHPUT_QOS_TIER_0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(mach_task_self(), TASK_BASE_QOS_POLICY,
			  LATENCY_QOS_TIER_0, (0xFF << 16) | 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(mach_task_self(), TASK_BASE_QOS_POLICY, 1,
			  THROUGHPUT_QOS_TIER_0));
}

/* task_qos_policy_validate: a block shorter than two words */
TEST(qos_short_count_is_invalid)
{
	struct task_qos_policy q = {
		.task_latency_qos_tier = LATENCY_QOS_TIER_0,
		.task_throughput_qos_tier = THROUGHPUT_QOS_TIER_0,
	};
	boolean_t def = FALSE;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_policy_set(mach_task_self(), TASK_BASE_QOS_POLICY,
				  (task_policy_t)&q, 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  get(mach_task_self(), TASK_BASE_QOS_POLICY,
		      (integer_t *)&q, 1, &def));
}

/* task_policy_set / _get: the suppression block round trips its fields */
TEST(suppression_round_trips)
{
	struct task_suppression_policy s = {
		.active = 1, .lowpri_cpu = 1,
		.timer_throttle = LATENCY_QOS_TIER_4, .disk_throttle = 1,
		.throughput_qos = THROUGHPUT_QOS_TIER_5, .suppressed_cpu = 1,
		.background_sockets = 1, .cpu_limit = 9, .suspend = 9,
	};
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  task_policy_set(mach_task_self(), TASK_SUPPRESSION_POLICY,
				  (task_policy_t)&s,
				  TASK_SUPPRESSION_POLICY_COUNT));
	memset(&s, 0xff, sizeof(s));
	ASSERT_EQ(KERN_SUCCESS, get(mach_task_self(), TASK_SUPPRESSION_POLICY,
				    (integer_t *)&s,
				    TASK_SUPPRESSION_POLICY_COUNT, &def));
	EXPECT_EQ(1, s.active);
	EXPECT_EQ(LATENCY_QOS_TIER_4, s.timer_throttle);
	EXPECT_EQ(THROUGHPUT_QOS_TIER_5, s.throughput_qos);
	EXPECT_EQ(1, s.background_sockets);
	EXPECT_EQ(0, s.cpu_limit);	/* XNU answers 0: not kept */
	EXPECT_EQ(0, s.suspend);
}

/* task_policy_get: the policy state is root's (KERN_PROTECTION_FAILURE) */
TEST(policy_state_is_for_root)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct task_policy_state st;
		boolean_t def = FALSE;

		/* a plain user already, as in the Debian lane; else become one */
		if (getuid() == 0 && setuid(65534))
			_exit(2);
		_exit(get(mach_task_self(), TASK_POLICY_STATE, (integer_t *)&st,
			  TASK_POLICY_STATE_COUNT, &def) !=
		      KERN_PROTECTION_FAILURE);
	}
	EXPECT_EQ(0, wait_exit_status(pid));
}

/* task_policy_set / _get: an unknown flavor is KERN_INVALID_ARGUMENT */
TEST(unknown_flavors_are_invalid)
{
	integer_t info[16] = { 0 };
	boolean_t def = FALSE;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_policy_set(mach_task_self(), 2, info, 16));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_policy_set(mach_task_self(), TASK_POLICY_STATE, info,
				  16));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  get(mach_task_self(), TASK_BASE_LATENCY_QOS_POLICY, info, 16,
		      &def));
}

/* convert_port_to_task_policy_set: a name or inspect port is TASK_NULL */
TEST(set_through_name_or_inspect_port_is_invalid)
{
	mach_port_t name, inspect;

	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(mach_task_self(), getpid(),
						  &name));
	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(mach_task_self(),
						     getpid(), &inspect));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(name, TASK_BASE_QOS_POLICY, LATENCY_QOS_TIER_0,
			  THROUGHPUT_QOS_TIER_0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_qos(inspect, TASK_BASE_QOS_POLICY, LATENCY_QOS_TIER_0,
			  THROUGHPUT_QOS_TIER_0));
	mach_port_deallocate(mach_task_self(), name);
	mach_port_deallocate(mach_task_self(), inspect);
}

/* convert_port_to_task_policy_get: inspect yes, name no */
TEST(get_through_inspect_port_not_name_port)
{
	struct task_category_policy c;
	mach_port_t name, inspect;
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(mach_task_self(), getpid(),
						  &name));
	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(mach_task_self(),
						     getpid(), &inspect));
	EXPECT_EQ(KERN_SUCCESS, get(inspect, TASK_CATEGORY_POLICY,
				    (integer_t *)&c,
				    TASK_CATEGORY_POLICY_COUNT, &def));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get(name, TASK_CATEGORY_POLICY,
					     (integer_t *)&c,
					     TASK_CATEGORY_POLICY_COUNT, &def));
	mach_port_deallocate(mach_task_self(), name);
	mach_port_deallocate(mach_task_self(), inspect);
}

/* what a parent sets through task_for_pid, the child reads for itself */
TEST(policy_set_on_a_child_is_seen_by_it)
{
	int go[2], done[2];
	mach_port_t child;
	char c = 0;
	pid_t pid;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct task_qos_policy q = { 0 };
		boolean_t def = FALSE;

		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(get(mach_task_self(), TASK_BASE_QOS_POLICY,
			  (integer_t *)&q, TASK_QOS_POLICY_COUNT, &def) ||
		      q.task_latency_qos_tier != LATENCY_QOS_TIER_5 ||
		      q.task_throughput_qos_tier != THROUGHPUT_QOS_TIER_3);
	}
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid, &child));
	EXPECT_EQ(KERN_SUCCESS, set_qos(child, TASK_BASE_QOS_POLICY,
					LATENCY_QOS_TIER_5,
					THROUGHPUT_QOS_TIER_3));
	ASSERT_EQ(1, write(go[1], &c, 1));
	EXPECT_EQ(0, wait_exit_status(pid));
	mach_port_deallocate(mach_task_self(), child);
}

/* MIG: a count past task_policy_t's 16 words is MIG_BAD_ARGUMENTS */
TEST(oversized_count_is_mig_bad_arguments)
{
	union {
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			task_policy_flavor_t flavor;
			mach_msg_type_number_t count;
			integer_t info[17];
		} rq;
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			kern_return_t ret;
		} rp;
		char space[256];
	} m;
	mach_port_t reply = mig_get_reply_port();

	memset(&m, 0, sizeof(m));
	m.rq.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.rq.head.msgh_size = sizeof(m.rq);
	m.rq.head.msgh_remote_port = mach_task_self();
	m.rq.head.msgh_local_port = reply;
	m.rq.head.msgh_id = 3420;		/* task_policy_set */
	m.rq.ndr = NDR_record;
	m.rq.flavor = TASK_BASE_QOS_POLICY;
	m.rq.count = 17;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.rq.head, MACH_SEND_MSG | MACH_RCV_MSG,
			   sizeof(m.rq), sizeof(m), reply,
			   MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	EXPECT_EQ(3520, m.rp.head.msgh_id);
	EXPECT_EQ(MIG_BAD_ARGUMENTS, m.rp.ret);
}

TEST_HARNESS_MAIN
