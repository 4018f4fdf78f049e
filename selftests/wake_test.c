// SPDX-License-Identifier: GPL-2.0
/*
 * Wake-ups on a full queue (issue 19, Documentation/performance.rst):
 * a receive frees one slot and wakes one blocked sender, not all of them.
 * Counted from outside the module: a thread that is woken and goes back to
 * sleep adds one to its voluntary_ctxt_switches in /proc, so after one
 * receive exactly one sender's count may move.
 */
#include "msg_util.h"

#define SENDERS 8

struct sender {
	pthread_t thread;
	mach_port_name_t port;
	int hold[2];		/* the sender blocks on it once it has sent */
	volatile pid_t tid;
	volatile int sent;
	mach_msg_return_t mr;
};

static void *sender_main(void *arg)
{
	struct sender *s = arg;
	char c;

	s->tid = mu_gettid();
	/* blocks: the queue is full (qlimit 1, one message queued) */
	s->mr = mu_send_full(s->port, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0,
			     7, 20000);
	s->sent = 1;
	if (read(s->hold[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static long voluntary_switches(pid_t tid)
{
	char path[64], line[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static int count_sent(struct sender *s)
{
	int i, n = 0;

	for (i = 0; i < SENDERS; i++)
		n += s[i].sent;
	return n;
}

/*
 * XNU: ipc_mqueue_receive_on_thread_and_unlock -> ipc_mqueue_release_msgcount
 * wakes one sender (waitq_wakeup64_one) for the slot it frees.
 */
TEST_TIMEOUT(one_receive_wakes_one_blocked_sender, 120)
{
	static struct sender s[SENDERS];
	long before[SENDERS], after;
	mach_port_name_t port = mu_port_send();
	int i, moved, round;
	mu_msg_t m;

	ASSERT_NE(0, port);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(port, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(port, MACH_MSG_TYPE_COPY_SEND, 1));
	for (i = 0; i < SENDERS; i++) {
		s[i].port = port;
		ASSERT_EQ(0, pipe(s[i].hold));
		ASSERT_EQ(0, pthread_create(&s[i].thread, NULL, sender_main, &s[i]));
	}
	for (i = 0; i < SENDERS; i++) {
		while (!s[i].tid)
			usleep(1000);
		ASSERT_EQ(0, mu_wait_blocked(s[i].tid, MU_WAIT_MS));
	}
	ASSERT_EQ(0, count_sent(s));
	/* each receive frees the one slot: one sender sends, the rest sleep on */
	for (round = 1; round <= SENDERS; round++) {
		for (i = 0; i < SENDERS; i++)
			before[i] = voluntary_switches(s[i].tid);
		ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(port, &m));
		usleep(MU_SETTLE_US);
		moved = 0;
		for (i = 0; i < SENDERS; i++) {
			after = voluntary_switches(s[i].tid);
			ASSERT_LE(0, after);
			moved += after != before[i];
		}
		EXPECT_EQ(round, count_sent(s));
		/* the sender that sent, now asleep on its pipe: nobody else */
		EXPECT_EQ(1, moved);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(port, &m));
	ASSERT_TRUE(mu_queue_empty(port));
	for (i = 0; i < SENDERS; i++) {
		ASSERT_EQ(1, write(s[i].hold[1], "x", 1));
		ASSERT_EQ(0, mu_thread_join(s[i].thread, NULL, MU_WAIT_MS));
		EXPECT_EQ(MACH_MSG_SUCCESS, s[i].mr);
		close(s[i].hold[0]);
		close(s[i].hold[1]);
	}
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

TEST_HARNESS_MAIN
