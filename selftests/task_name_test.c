// SPDX-License-Identifier: GPL-2.0
/*
 * task_name_for_pid: a read-only name port for another process, which
 * answers task_info and pid_for_task but not the routines that act on the
 * task, and is given to the same user without the task_for_pid checks.
 */
#include <signal.h>
#include <sys/wait.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include "harness.h"

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(name_port_reads_but_cannot_act)
{
	struct task_basic_info info;
	mach_msg_type_number_t cnt = TASK_BASIC_INFO_COUNT;
	mach_port_t tn, t;
	pid_t pid = sleeper();
	int got = 0;

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(mach_task_self(), pid, &tn));
	ASSERT_NE(MACH_PORT_NULL, tn);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid, &t));
	EXPECT_NE(t, tn);		/* a different port from the control port */
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(tn, &got));
	EXPECT_EQ(pid, got);
	EXPECT_EQ(KERN_SUCCESS, task_info(tn, TASK_BASIC_INFO,
					  (task_info_t)&info, &cnt));
	EXPECT_EQ(0, info.suspend_count);
	/* acting through it is refused and changes nothing */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_suspend(tn));
	cnt = TASK_BASIC_INFO_COUNT;
	EXPECT_EQ(KERN_SUCCESS, task_info(t, TASK_BASIC_INFO,
					  (task_info_t)&info, &cnt));
	EXPECT_EQ(0, info.suspend_count);
	/* nor does it name a space */
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mach_port_allocate(tn, MACH_PORT_RIGHT_RECEIVE, &t));
	reap(pid);
}

TEST(name_port_dies_with_the_task)
{
	mach_port_type_t type = 0;
	mach_port_t tn;
	pid_t pid = sleeper();
	int got = 0, i;

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(mach_task_self(), pid, &tn));
	reap(pid);
	for (i = 0; i < 500; i++) {
		ASSERT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(), tn,
						       &type));
		if (type == MACH_PORT_TYPE_DEAD_NAME)
			break;
		usleep(10000);
	}
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type);
	EXPECT_EQ(KERN_FAILURE, pid_for_task(tn, &got));
	EXPECT_EQ(-1, got);
}

TEST(name_port_bad_pids_fail)
{
	mach_port_t tn = 1;

	EXPECT_EQ(KERN_FAILURE, task_name_for_pid(mach_task_self(), 0, &tn));
	EXPECT_EQ(MACH_PORT_NULL, tn);
	tn = 1;
	EXPECT_EQ(KERN_FAILURE, task_name_for_pid(mach_task_self(), -5, &tn));
	EXPECT_EQ(MACH_PORT_NULL, tn);
	tn = 1;
	EXPECT_EQ(KERN_FAILURE, task_name_for_pid(0x12345, getpid(), &tn));
	EXPECT_EQ(MACH_PORT_NULL, tn);
}

TEST(name_port_same_user_only)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		mach_port_t tn = 1;

		/* pid 1 belongs to root: a plain user may not have its name */
		if (setuid(65534))
			_exit(2);
		_exit(task_name_for_pid(mach_task_self(), 1, &tn) ==
		      KERN_FAILURE && tn == MACH_PORT_NULL ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
