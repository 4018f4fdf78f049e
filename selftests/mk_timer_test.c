// SPDX-License-Identifier: GPL-2.0
/*
 * mk_timer: create, arm, re-arm, cancel, destroy, and the expiry message,
 * as XNU's osfmk/kern/mk_timer.c (the function named in each test).
 */
#include "msg_util.h"
#include "mach_stats.h"

#include <pthread.h>

#include <sys/mount.h>
#include <sys/stat.h>
#include <mach/mach_time.h>
#include <mach/mk_timer.h>

#define MS (1000ull * 1000ull)		/* mach_absolute_time: nanoseconds */

union expiry {
	mk_timer_expire_msg_t msg;
	char buf[sizeof(mk_timer_expire_msg_t) + sizeof(mach_msg_max_trailer_t)];
};

static mach_msg_return_t recv_expiry(mach_port_name_t t, union expiry *e,
				     mach_msg_timeout_t ms)
{
	memset(e, 0xa5, sizeof(*e));
	return mach_msg(&e->msg.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			sizeof(*e), t, ms, MACH_PORT_NULL);
}

static natural_t msgcount(mach_port_name_t t)
{
	mach_port_status_t st;

	if (mu_status(t, &st))
		return MU_ERR;
	return st.mps_msgcount;
}

/* mk_timer_create_trap: the timer is a receive right in the caller's
 * space. */
TEST(create_gives_a_receive_right)
{
	mach_port_name_t t = mk_timer_create();

	ASSERT_NE(MACH_PORT_NULL, t);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(t));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_destroy(t));
}

/* A timer armed 30 ms ahead and its expiry message received (e, at
 * mach_absolute_time got). */
FIXTURE(armed_30ms_ahead) {
	mach_port_name_t t;
	union expiry e;
	uint64_t deadline, got;
	bool destroyed;
};

FIXTURE_SETUP(armed_30ms_ahead)
{
	self->t = mk_timer_create();
	ASSERT_NE(MACH_PORT_NULL, self->t);
	self->deadline = mach_absolute_time() + 30 * MS;
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(self->t, self->deadline));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(self->t, &self->e, 5000));
	self->got = mach_absolute_time();
}

FIXTURE_TEARDOWN(armed_30ms_ahead)
{
	if (!self->destroyed)
		mk_timer_destroy(self->t);
}

/* mk_timer_expire: not before the deadline. */
TEST_F(armed_30ms_ahead, delivers_no_earlier_than_deadline)
{
	EXPECT_GE(self->got, self->deadline);
}

/* mk_timer_expire: XNU's message, bits COPY_SEND of the timer's right,
 * no reply, size 48, id 0, the unused words zero. */
TEST_F(armed_30ms_ahead, expiry_message_is_xnus)
{
	mk_timer_expire_msg_t *msg = &self->e.msg;

	EXPECT_EQ(48, sizeof(mk_timer_expire_msg_t));
	EXPECT_EQ(48, msg->header.msgh_size);
	EXPECT_EQ(0, msg->header.msgh_id);
	EXPECT_EQ(0, MACH_MSGH_BITS_REMOTE(msg->header.msgh_bits));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND,
		  MACH_MSGH_BITS_LOCAL(msg->header.msgh_bits));
	EXPECT_EQ(0, msg->header.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(self->t, msg->header.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, msg->header.msgh_remote_port);
	EXPECT_EQ(0, msg->unused[0]);
	EXPECT_EQ(0, msg->unused[1]);
	EXPECT_EQ(0, msg->unused[2]);
}

/* mk_timer_expire: one arm, one message; the fired timer is destroyed
 * as any other (mk_timer_destroy_trap). */
TEST_F(armed_30ms_ahead, fires_once)
{
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv_expiry(self->t, &self->e, 100));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_destroy(self->t));
	self->destroyed = true;
}

/* mk_timer_arm_leeway: the deadline is still a lower bound. */
TEST(arm_leeway_delivers_no_earlier_than_deadline)
{
	mach_port_name_t t = mk_timer_create();
	union expiry e;
	uint64_t deadline;

	ASSERT_NE(MACH_PORT_NULL, t);
	deadline = mach_absolute_time() + 20 * MS;
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm_leeway(t, MK_TIMER_CRITICAL,
						    deadline, 5 * MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 5000));
	EXPECT_GE(mach_absolute_time(), deadline);
	EXPECT_EQ(0, e.msg.header.msgh_id);
}

/* A deadline already past fires at once (thread_call_enter1). */
TEST(past_deadline_fires_at_once)
{
	mach_port_name_t t = mk_timer_create();
	union expiry e;

	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, 1));
	EXPECT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 1000));
}

/* Re-arming replaces the deadline: nothing at the old one. */
TEST(rearm_replaces_the_deadline)
{
	mach_port_name_t t = mk_timer_create();
	uint64_t start = mach_absolute_time();
	union expiry e;

	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, start + 30 * MS));
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, start + 300 * MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 5000));
	EXPECT_GE(mach_absolute_time(), start + 300 * MS);
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv_expiry(t, &e, 100));
	/* and earlier: the later deadline is gone */
	start = mach_absolute_time();
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, start + 500 * MS));
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, start + 20 * MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 5000));
	EXPECT_LT(mach_absolute_time(), start + 500 * MS);
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv_expiry(t, &e, 600));
}

/* mk_timer_cancel_trap on a timer never armed: KERN_SUCCESS, armed time
 * 0; with no address for it too. */
TEST(cancel_unarmed_returns_zero)
{
	mach_port_name_t t = mk_timer_create();
	uint64_t armed = 12345;

	ASSERT_NE(MACH_PORT_NULL, t);
	EXPECT_EQ(KERN_SUCCESS, mk_timer_cancel(t, &armed));
	EXPECT_EQ(0, armed);
	EXPECT_EQ(KERN_SUCCESS, mk_timer_cancel(t, NULL));
}

/* mk_timer_cancel_trap: an armed timer gives back its deadline. */
TEST(cancel_returns_the_armed_deadline)
{
	mach_port_name_t t = mk_timer_create();
	uint64_t deadline, armed = 12345;

	ASSERT_NE(MACH_PORT_NULL, t);
	deadline = mach_absolute_time() + 50 * MS;
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, deadline));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_cancel(t, &armed));
	EXPECT_EQ(deadline, armed);
}

/* mk_timer_cancel_trap disarms: no message past the deadline, and a
 * second cancel finds it unarmed. */
TEST(cancel_disarms)
{
	mach_port_name_t t = mk_timer_create();
	uint64_t armed = 12345;
	union expiry e;

	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, mach_absolute_time() +
					     50 * MS));
	ASSERT_EQ(KERN_SUCCESS, mk_timer_cancel(t, NULL));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv_expiry(t, &e, 150));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_cancel(t, &armed));
	EXPECT_EQ(0, armed);
}

/* mk_timer_expire clears the armed state: a fired timer cancels as an
 * unarmed one, armed time 0. */
TEST(fired_timer_is_no_longer_armed)
{
	mach_port_name_t t = mk_timer_create();
	uint64_t armed = 12345;
	union expiry e;

	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 1000));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_cancel(t, &armed));
	EXPECT_EQ(0, armed);
}

/*
 * XNU reuses one preallocated message: while the last expiry is still
 * queued, another expiry sends nothing.
 */
TEST(one_expiry_message_queued_at_a_time)
{
	mach_port_name_t t = mk_timer_create();
	union expiry e;

	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, 1));
	usleep(50000);
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, 1));
	usleep(50000);
	EXPECT_EQ(1, msgcount(t));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 1000));
	EXPECT_EQ(0, msgcount(t));
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, 1));
	EXPECT_EQ(MACH_MSG_SUCCESS, recv_expiry(t, &e, 1000));
}

/* ipc_port_translate_receive, then the kobject type. */
TEST(names_that_are_not_timers)
{
	mach_port_name_t p = mu_port(), send = MACH_PORT_NULL, holder, t;
	uint64_t armed;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&send, &holder));
	EXPECT_EQ(KERN_INVALID_NAME, mk_timer_arm(MACH_PORT_NULL, 1));
	EXPECT_EQ(KERN_INVALID_NAME, mk_timer_arm(MU_UNUSED_NAME, 1));
	EXPECT_EQ(KERN_INVALID_RIGHT, mk_timer_arm(send, 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mk_timer_arm(p, 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mk_timer_cancel(p, &armed));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mk_timer_destroy(p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));	/* untouched */
	/* the timer's receive right is immovable, as XNU's */
	t = mk_timer_create();
	ASSERT_NE(MACH_PORT_NULL, t);
	{
		mach_port_name_t out;
		mach_msg_type_name_t type;

		EXPECT_NE(KERN_SUCCESS, mach_port_extract_right(mach_task_self(),
				t, MACH_MSG_TYPE_MOVE_RECEIVE, &out, &type));
	}
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(t));
}

/*
 * mk_timer_port_destroy: destroying the receive right of an armed timer
 * cancels and frees it; nothing is left (debugfs counters).
 */
TEST(destroying_an_armed_timer_frees_everything)
{
	long timers, ports, kmsgs;
	mach_port_name_t t, u;
	union expiry e;

	(void)mach_task_self();
	ASSERT_EQ(MACH_RCV_TIMED_OUT, recv_expiry(mu_port(), &e, 0));
	timers = stat_value("timers");
	ports = stat_value("ports");
	kmsgs = stat_value("kmsgs");
	ASSERT_LE(0, timers);
	t = mk_timer_create();
	u = mk_timer_create();
	ASSERT_NE(MACH_PORT_NULL, t);
	ASSERT_NE(MACH_PORT_NULL, u);
	EXPECT_EQ(timers + 2, stat_value("timers"));
	EXPECT_EQ(ports + 2, stat_value("ports"));
	/* t armed for later; u fired, its message still queued */
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(t, mach_absolute_time() + 1000 * MS));
	ASSERT_EQ(KERN_SUCCESS, mk_timer_arm(u, 1));
	usleep(50000);
	EXPECT_EQ(1, msgcount(u));
	EXPECT_EQ(KERN_SUCCESS, mk_timer_destroy(t));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(t));
	/* mach_port_destroy does the same */
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(mach_task_self(), u));
	usleep(20000);
	EXPECT_EQ(timers, stat_value("timers"));
	EXPECT_EQ(ports, stat_value("ports"));
	EXPECT_EQ(kmsgs, stat_value("kmsgs"));
	EXPECT_EQ(KERN_INVALID_NAME, mk_timer_destroy(t));
}

/* A process that exits with armed timers leaves nothing behind. */
TEST(exit_with_armed_timers_leaves_nothing)
{
	long timers = stat_value("timers"), ports = stat_value("ports");
	int i, st;
	pid_t pid;

	ASSERT_LE(0, timers);
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		for (i = 0; i < 8; i++) {
			mach_port_name_t t = mk_timer_create();

			if (!t || mk_timer_arm(t, i & 1 ? 1 :
					       mach_absolute_time() + 1000 * MS))
				_exit(1);
		}
		usleep(20000);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_EQ(0, WEXITSTATUS(st));
	for (i = 0; i < 200 && (stat_value("timers") != timers ||
				stat_value("ports") != ports); i++)
		usleep(10000);
	EXPECT_EQ(timers, stat_value("timers"));
	EXPECT_EQ(ports, stat_value("ports"));
}

struct churn {
	mach_port_name_t t;
	volatile int stop;
	int bad;
};

static void *churn_fn(void *arg)
{
	struct churn *c = arg;
	uint64_t armed;
	kern_return_t kr;
	unsigned int i;

	for (i = 0; !c->stop; i++) {
		if (i & 1)
			kr = mk_timer_arm(c->t, i & 2 ? 1 :
					  mach_absolute_time() + 100000);
		else
			kr = mk_timer_cancel(c->t, &armed);
		if (kr != KERN_SUCCESS && kr != KERN_INVALID_NAME) {
			c->bad = kr;
			break;
		}
	}
	return NULL;
}

/* Arm and cancel from threads while the timer is destroyed under them. */
TEST(destroy_under_arm_and_cancel)
{
	long timers = stat_value("timers");
	struct churn c[3];
	pthread_t pt[3];
	int round, i;

	for (round = 0; round < 20; round++) {
		mach_port_name_t t = mk_timer_create();

		ASSERT_NE(MACH_PORT_NULL, t);
		for (i = 0; i < 3; i++) {
			memset(&c[i], 0, sizeof(c[i]));
			c[i].t = t;
			ASSERT_EQ(0, pthread_create(&pt[i], NULL, churn_fn, &c[i]));
		}
		usleep(20000);
		EXPECT_EQ(KERN_SUCCESS, mk_timer_destroy(t));
		usleep(5000);
		for (i = 0; i < 3; i++) {
			c[i].stop = 1;
			ASSERT_EQ(0, mu_thread_join(pt[i], NULL, 5000));
			EXPECT_EQ(0, c[i].bad);
		}
	}
	for (i = 0; i < 100 && stat_value("timers") != timers; i++)
		usleep(10000);
	EXPECT_EQ(timers, stat_value("timers"));
}

TEST_HARNESS_MAIN
