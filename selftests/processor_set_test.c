// SPDX-License-Identifier: GPL-2.0
/*
 * The processor set (module/processor_set.c, Documentation/host.rst):
 * XNU's pset0, its name port (processor_set_default, host_processor_sets)
 * and control port (host_processor_set_priv), processor_set_info, and
 * processor_set_tasks{,_with_flavor}, which lists only the tasks the
 * caller could get from task_for_pid.  The host_priv routines need
 * CAP_SYS_ADMIN (root's host port is XNU's host_priv): those tests skip
 * as a plain user, and the unprivileged answers are tested as nobody.
 */
#include "harness.h"
#include "as_user.h"

#include <signal.h>
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/host_priv.h>
#include <mach/processor_set.h>
#include <mach/task.h>
#include <mach/task_special_ports.h>
#include <mach/thread_act.h>

#define NEED_ROOT() do {						\
	if (geteuid() != 0)						\
		SKIP(return, "host_priv needs CAP_SYS_ADMIN (root)");	\
} while (0)

/* pset0's control port, from host_processor_sets' name port. */
static kern_return_t pset_priv(processor_set_t *set)
{
	processor_set_name_array_t psets;
	mach_msg_type_number_t n = 0, i;
	kern_return_t kr;

	kr = host_processor_sets(mach_host_self(), &psets, &n);
	if (kr)
		return kr;
	kr = n ? host_processor_set_priv(mach_host_self(), psets[0], set) :
		KERN_FAILURE;
	for (i = 0; i < n; i++)
		mach_port_deallocate(mach_task_self(), psets[i]);
	vm_deallocate(mach_task_self(), (vm_address_t)psets, n * sizeof(*psets));
	return kr;
}

static void tasks_free(task_array_t tasks, mach_msg_type_number_t n)
{
	mach_msg_type_number_t i;

	for (i = 0; i < n; i++)
		mach_port_deallocate(mach_task_self(), tasks[i]);
	vm_deallocate(mach_task_self(), (vm_address_t)tasks, n * sizeof(*tasks));
}

static int list_has(task_array_t tasks, mach_msg_type_number_t n, mach_port_t p)
{
	mach_msg_type_number_t i;

	for (i = 0; i < n; i++)
		if (tasks[i] == p)
			return 1;
	return 0;
}

/* XNU's host_processor_sets: one set, its name port (pset0) */
TEST(host_processor_sets_gives_one_name_port)
{
	processor_set_name_array_t psets;
	processor_set_name_t dflt;
	mach_msg_type_number_t n = 0;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, host_processor_sets(mach_host_self(), &psets, &n));
	ASSERT_EQ(1, n);
	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	EXPECT_EQ(dflt, psets[0]);	/* one port, one name */
	tasks_free(psets, n);
	mach_port_deallocate(mach_task_self(), dflt);
}

static int unpriv_sets(void *arg)
{
	processor_set_name_array_t psets;
	mach_msg_type_number_t n = 0;

	return host_processor_sets(mach_host_self(), &psets, &n) ==
		KERN_INVALID_ARGUMENT && n == 0 ? 0 : 1;
}

/* XNU's host_processor_sets: a host port that is not host_priv is HOST_PRIV_NULL */
TEST(host_processor_sets_unprivileged_is_invalid_argument)
{
	if (geteuid() != 0)
		ASSERT_EQ(0, unpriv_sets(NULL));
	else
		ASSERT_EQ(0, as_user_run(AS_USER_NOBODY, unpriv_sets, NULL));
}

static int unpriv_default(void *arg)
{
	processor_set_name_t dflt = MACH_PORT_NULL;
	struct processor_set_basic_info info;
	mach_msg_type_number_t count = PROCESSOR_SET_BASIC_INFO_COUNT;
	host_t host;

	if (processor_set_default(mach_host_self(), &dflt) || !MACH_PORT_VALID(dflt))
		return 1;
	return processor_set_info(dflt, PROCESSOR_SET_BASIC_INFO, &host,
				  (processor_set_info_t)&info, &count) ? 2 : 0;
}

/* XNU's processor_set_default takes host_t: any caller gets the name port */
TEST(processor_set_default_for_anyone)
{
	if (geteuid() != 0)
		ASSERT_EQ(0, unpriv_default(NULL));
	else
		ASSERT_EQ(0, as_user_run(AS_USER_NOBODY, unpriv_default, NULL));
}

/* XNU's processor_set_info(PROCESSOR_SET_BASIC_INFO): online CPUs, timeshare, the host */
TEST(processor_set_info_basic)
{
	processor_set_name_t dflt;
	struct processor_set_basic_info info;
	mach_msg_type_number_t count = PROCESSOR_SET_BASIC_INFO_COUNT + 3;
	host_t host = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	ASSERT_EQ(KERN_SUCCESS,
		  processor_set_info(dflt, PROCESSOR_SET_BASIC_INFO, &host,
				     (processor_set_info_t)&info, &count));
	EXPECT_EQ(PROCESSOR_SET_BASIC_INFO_COUNT, count);
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), info.processor_count);
	EXPECT_EQ(POLICY_TIMESHARE, info.default_policy);
	EXPECT_EQ(mach_host_self(), host);
	mach_port_deallocate(mach_task_self(), host);
	mach_port_deallocate(mach_task_self(), dflt);
}

/* XNU's processor_set_info: a count below the flavor's is KERN_FAILURE */
TEST(processor_set_info_short_count_fails)
{
	processor_set_name_t dflt;
	integer_t info[5];
	mach_msg_type_number_t count = PROCESSOR_SET_BASIC_INFO_COUNT - 1;
	host_t host = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	EXPECT_EQ(KERN_FAILURE,
		  processor_set_info(dflt, PROCESSOR_SET_BASIC_INFO, &host,
				     info, &count));
	EXPECT_EQ(MACH_PORT_NULL, host);
	mach_port_deallocate(mach_task_self(), dflt);
}

/* XNU's processor_set_info: an unknown flavor is KERN_INVALID_ARGUMENT */
TEST(processor_set_info_unknown_flavor)
{
	processor_set_name_t dflt;
	integer_t info[5];
	mach_msg_type_number_t count = 5;
	host_t host;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  processor_set_info(dflt, PROCESSOR_SET_LOAD_INFO, &host,
				     info, &count));
	mach_port_deallocate(mach_task_self(), dflt);
}

/* XNU's processor_set_info: the policy flavors (RR base 31, quantum 1) */
TEST(processor_set_info_policies)
{
	processor_set_name_t dflt;
	integer_t info[5];
	mach_msg_type_number_t count = 5;
	host_t host;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	ASSERT_EQ(KERN_SUCCESS,
		  processor_set_info(dflt, PROCESSOR_SET_ENABLED_POLICIES,
				     &host, info, &count));
	EXPECT_EQ(1, count);
	EXPECT_EQ(POLICY_TIMESHARE | POLICY_RR | POLICY_FIFO, info[0]);
	mach_port_deallocate(mach_task_self(), host);
	count = 5;
	ASSERT_EQ(KERN_SUCCESS,
		  processor_set_info(dflt, PROCESSOR_SET_RR_DEFAULT, &host,
				     info, &count));
	EXPECT_EQ(2, count);
	EXPECT_EQ(31, info[0]);		/* BASEPRI_DEFAULT */
	EXPECT_EQ(1, info[1]);		/* quantum */
	mach_port_deallocate(mach_task_self(), host);
	mach_port_deallocate(mach_task_self(), dflt);
}

/* XNU's convert_port_to_pset: the name port is no control port */
TEST(processor_set_tasks_on_name_port_is_invalid_argument)
{
	processor_set_name_t dflt;
	task_array_t tasks;
	mach_msg_type_number_t n = 0;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, processor_set_tasks(dflt, &tasks, &n));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  processor_set_tasks_with_flavor(dflt, TASK_FLAVOR_NAME,
						  &tasks, &n));
	mach_port_deallocate(mach_task_self(), dflt);
}

/* XNU's host_processor_set_priv: a port that is no set is KERN_INVALID_ARGUMENT */
TEST(host_processor_set_priv_needs_a_set)
{
	processor_set_t set = MACH_PORT_NULL;

	NEED_ROOT();
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_processor_set_priv(mach_host_self(), mach_task_self(),
					  &set));
	EXPECT_EQ(MACH_PORT_NULL, set);
}

/* XNU's processor_set_tasks_internal: the caller's own is mach_task_self() */
TEST(processor_set_tasks_lists_self)
{
	processor_set_t set;
	task_array_t tasks;
	mach_msg_type_number_t n = 0;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, pset_priv(&set));
	ASSERT_EQ(KERN_SUCCESS, processor_set_tasks(set, &tasks, &n));
	EXPECT_GE(n, 1);
	EXPECT_TRUE(list_has(tasks, n, mach_task_self()));
	tasks_free(tasks, n);
	mach_port_deallocate(mach_task_self(), set);
}

/* XNU's processor_set_tasks_with_flavor: the name flavor gives name ports */
TEST(processor_set_tasks_name_flavor)
{
	processor_set_t set;
	task_array_t tasks;
	mach_msg_type_number_t n = 0;
	mach_port_t name;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, pset_priv(&set));
	ASSERT_EQ(KERN_SUCCESS,
		  task_name_for_pid(mach_task_self(), getpid(), &name));
	ASSERT_EQ(KERN_SUCCESS,
		  processor_set_tasks_with_flavor(set, TASK_FLAVOR_NAME,
						  &tasks, &n));
	EXPECT_TRUE(list_has(tasks, n, name));
	EXPECT_FALSE(list_has(tasks, n, mach_task_self()));
	tasks_free(tasks, n);
	mach_port_deallocate(mach_task_self(), name);
	mach_port_deallocate(mach_task_self(), set);
}

/* XNU's processor_set_tasks_with_flavor: a flavor past TASK_FLAVOR_NAME */
TEST(processor_set_tasks_bad_flavor)
{
	processor_set_t set;
	task_array_t tasks;
	mach_msg_type_number_t n = 0;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, pset_priv(&set));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  processor_set_tasks_with_flavor(set, TASK_FLAVOR_NAME + 1,
						  &tasks, &n));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  processor_set_tasks_with_flavor(set, -1, &tasks, &n));
	mach_port_deallocate(mach_task_self(), set);
}

/*
 * As nobody, holding the control port root got (a special port fork
 * inherits): the list holds only what task_for_pid would give, so the
 * caller itself and not its root parent.
 */
static int unpriv_tasks(void *arg)
{
	processor_set_t set = MACH_PORT_NULL;
	task_array_t tasks;
	mach_msg_type_number_t n = 0, i;
	int self = 0, ret = 0;
	pid_t pid;

	if (task_get_special_port(mach_task_self(), TASK_DEBUG_CONTROL_PORT,
				  &set) || !MACH_PORT_VALID(set))
		return 1;
	if (processor_set_tasks(set, &tasks, &n))
		return 2;
	for (i = 0; i < n; i++) {
		if (tasks[i] == mach_task_self())
			self = 1;
		if (pid_for_task(tasks[i], &pid) == KERN_SUCCESS &&
		    pid == getppid())
			ret = 3;
	}
	return ret ? ret : self ? 0 : 4;
}

TEST(processor_set_tasks_only_what_task_for_pid_gives)
{
	processor_set_t set;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, pset_priv(&set));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_special_port(mach_task_self(),
					TASK_DEBUG_CONTROL_PORT, set));
	EXPECT_EQ(0, as_user_run(AS_USER_NOBODY, unpriv_tasks, NULL));
	task_set_special_port(mach_task_self(), TASK_DEBUG_CONTROL_PORT,
			      MACH_PORT_NULL);
	mach_port_deallocate(mach_task_self(), set);
}

/* XNU's thread_get_assignment: pset0's name port, from a thread inspect port */
TEST(thread_get_assignment_from_inspect_port)
{
	thread_act_t self = mach_thread_self();
	mach_port_t inspect = MACH_PORT_NULL;
	processor_set_name_t dflt, set = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_special_port(self, THREAD_INSPECT_PORT, &inspect));
	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	EXPECT_EQ(KERN_SUCCESS, thread_get_assignment(inspect, &set));
	EXPECT_EQ(dflt, set);
	mach_port_deallocate(mach_task_self(), set);
	mach_port_deallocate(mach_task_self(), dflt);
	mach_port_deallocate(mach_task_self(), inspect);
	mach_port_deallocate(mach_task_self(), self);
}

/* MIG: processor_set_tasks_with_flavor without its flavor word */
TEST(processor_set_tasks_short_message_is_mig_bad_arguments)
{
	union {
		mach_msg_header_t rq;
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			kern_return_t ret;
		} rp;
		char space[256];
	} m;
	mach_port_t reply = mig_get_reply_port();
	processor_set_name_t dflt;

	ASSERT_EQ(KERN_SUCCESS, processor_set_default(mach_host_self(), &dflt));
	memset(&m, 0, sizeof(m));
	m.rq.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.rq.msgh_size = sizeof(m.rq);
	m.rq.msgh_remote_port = dflt;
	m.rq.msgh_local_port = reply;
	m.rq.msgh_id = 4010;		/* processor_set_tasks_with_flavor */
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.rq, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.rq),
			   sizeof(m), reply, MACH_MSG_TIMEOUT_NONE,
			   MACH_PORT_NULL));
	EXPECT_EQ(4110, m.rp.head.msgh_id);
	EXPECT_EQ(MIG_BAD_ARGUMENTS, m.rp.ret);
	mach_port_deallocate(mach_task_self(), dflt);
}

TEST_HARNESS_MAIN
