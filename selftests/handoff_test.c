// SPDX-License-Identifier: GPL-2.0
/*
 * Direct hand-off (Documentation/messages.rst, "Receiving"): a message sent
 * by a SEND|RCV call to a port a receiver is already blocked on is
 * received in the sender's call and handed to that receiver, as XNU's
 * ipc_mqueue_post hands the kmsg to a waiting thread.  What a program sees must be what it saw when
 * the receiver dequeued the message itself: the order, the sequence
 * numbers, the rights, MACH_RCV_TOO_LARGE with and without
 * MACH_RCV_LARGE, port sets, and no message lost to a receive that times
 * out at the moment it is handed one.
 */
#include "msg_util.h"

struct receiver {
	pthread_t thread;
	mach_port_name_t name;		/* port or port set */
	mach_msg_option_t extra;	/* options beside RCV_MSG|RCV_TIMEOUT */
	mach_msg_size_t size;		/* receive buffer size */
	mach_msg_timeout_t ms;
	volatile pid_t tid;
	mach_msg_return_t mr;
	mu_msg_t m;
};

static void *receiver_main(void *arg)
{
	struct receiver *r = arg;

	r->tid = mu_gettid();
	memset(&r->m, 0, sizeof(r->m));
	r->mr = mach_msg(&r->m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT | r->extra,
			 0, r->size, r->name, r->ms, MACH_PORT_NULL);
	return NULL;
}

/* Starts @r receiving and waits until it sleeps in the kernel. */
static int receiver_start(struct receiver *r, mach_port_name_t name,
			  mach_msg_option_t extra, mach_msg_size_t size)
{
	r->name = name;
	r->extra = extra;
	r->size = size;
	r->ms = 20000;
	r->tid = 0;
	if (pthread_create(&r->thread, NULL, receiver_main, r))
		return -1;
	while (!r->tid)
		usleep(1000);
	return mu_wait_blocked(r->tid, MU_WAIT_MS);
}

/*
 * A 64-byte message with id @id and a body of @id's bytes, sent as an RPC
 * client sends (MACH_SEND_MSG | MACH_RCV_MSG, the only sends that hand
 * off), its receive half polling a port of its own: MACH_RCV_TIMED_OUT
 * once the message is sent.
 */
static mach_port_name_t idle_port;

static mach_msg_return_t send64(mach_port_name_t port, mach_msg_id_t id)
{
	mach_msg_return_t mr;

	struct {
		mach_msg_header_t h;
		uint8_t body[40];
	} s;

	memset(&s, 0, sizeof(s));
	s.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	s.h.msgh_size = sizeof(s);
	s.h.msgh_remote_port = port;
	s.h.msgh_id = id;
	memset(s.body, id, sizeof(s.body));
	if (!idle_port)
		idle_port = mu_port();
	mr = mach_msg(&s.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT | MACH_RCV_MSG |
		      MACH_RCV_TIMEOUT, sizeof(s), sizeof(s), idle_port, 0,
		      MACH_PORT_NULL);
	return mr == MACH_RCV_TIMED_OUT ? MACH_MSG_SUCCESS : mr ? mr : -1;
}

#define SEQNO_OPTS MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO)

/*
 * XNU ipc_mqueue_post: a waiting receiver gets the first message; the next
 * one is queued behind it and keeps its place and sequence number.
 */
TEST(blocked_receiver_gets_the_first_message_in_order)
{
	mach_port_name_t port = mu_port();
	struct receiver r;
	mu_msg_t m;

	ASSERT_NE(0, port);
	ASSERT_EQ(0, receiver_start(&r, port, SEQNO_OPTS, sizeof(r.m)));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 2));
	ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, r.mr);
	EXPECT_EQ(1, r.m.hdr.msgh_id);
	EXPECT_EQ(64u, r.m.hdr.msgh_size);
	EXPECT_EQ(port, r.m.hdr.msgh_local_port);
	EXPECT_EQ(1, r.m.buf[sizeof(mach_msg_header_t)]);
	EXPECT_EQ(1, r.m.buf[63]);
	EXPECT_EQ(0u, mu_trailer(&r.m.hdr)->msgh_seqno);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv_opts(port, &m, SEQNO_OPTS, 0));
	EXPECT_EQ(2, m.hdr.msgh_id);
	EXPECT_EQ(1u, mu_trailer(&m.hdr)->msgh_seqno);
	EXPECT_TRUE(mu_queue_empty(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

/*
 * XNU ipc_mqueue_post leaves a message too large for a MACH_RCV_LARGE
 * receiver queued; the receiver learns its size and takes it next time.
 */
TEST(rcv_large_too_small_leaves_it_queued)
{
	mach_port_name_t port = mu_port();
	struct receiver r;
	mu_msg_t m;

	ASSERT_NE(0, port);
	ASSERT_EQ(0, receiver_start(&r, port, MACH_RCV_LARGE,
				    sizeof(mach_msg_header_t) + 8));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 3));
	ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
	ASSERT_EQ(MACH_RCV_TOO_LARGE, r.mr);
	EXPECT_EQ(64u, r.m.hdr.msgh_size);	/* without trailer */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv_opts(port, &m, 0, 0));
	EXPECT_EQ(3, m.hdr.msgh_id);
	EXPECT_TRUE(mu_queue_empty(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

/*
 * Without MACH_RCV_LARGE the message is dequeued and destroyed, and the
 * receiver gets its header (XNU ipc_kmsg_copyout_dest_to_user's bare
 * header naming the destination).
 */
TEST(too_small_without_rcv_large_is_destroyed)
{
	mach_port_name_t port = mu_port();
	struct receiver r;

	ASSERT_NE(0, port);
	ASSERT_EQ(0, receiver_start(&r, port, 0,
				    sizeof(mach_msg_header_t) + 8));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 4));
	ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
	ASSERT_EQ(MACH_RCV_TOO_LARGE, r.mr);
	EXPECT_EQ(4, r.m.hdr.msgh_id);
	EXPECT_EQ(port, r.m.hdr.msgh_local_port);
	EXPECT_TRUE(mu_queue_empty(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

/* XNU ipc_mqueue_post: a thread waiting on a set the port is in. */
TEST(blocked_set_receiver_gets_the_member_message)
{
	mach_port_name_t port = mu_port(), pset;
	struct receiver r;

	ASSERT_NE(0, port);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
			MACH_PORT_RIGHT_PORT_SET, &pset));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							port, pset));
	ASSERT_EQ(0, receiver_start(&r, pset, SEQNO_OPTS, sizeof(r.m)));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 5));
	ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, r.mr);
	EXPECT_EQ(5, r.m.hdr.msgh_id);
	EXPECT_EQ(port, r.m.hdr.msgh_local_port);
	EXPECT_EQ(0u, mu_trailer(&r.m.hdr)->msgh_seqno);
	EXPECT_TRUE(mu_queue_empty(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
	EXPECT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), pset,
			MACH_PORT_RIGHT_PORT_SET, -1));
}

/* Two receivers asleep, two messages: each gets one, none is left over. */
TEST(two_blocked_receivers_get_one_message_each)
{
	mach_port_name_t port = mu_port();
	struct receiver r[2];
	int i, ids = 0;

	ASSERT_NE(0, port);
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, receiver_start(&r[i], port, 0, sizeof(r[i].m)));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 2));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, mu_thread_join(r[i].thread, NULL, MU_WAIT_MS));
		ASSERT_EQ(MACH_MSG_SUCCESS, r[i].mr);
		ids |= 1 << r[i].m.hdr.msgh_id;
	}
	EXPECT_EQ(6, ids);
	EXPECT_TRUE(mu_queue_empty(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

/*
 * The reply right is named in the receiver's space by the hand-off: a
 * send-once right the receiver can answer on (XNU ipc_kmsg_copyout_header).
 */
TEST(handed_reply_right_is_usable)
{
	mach_port_name_t port = mu_port(), reply = mu_port();
	struct receiver r;
	mu_msg_t m;

	ASSERT_NE(0, port);
	ASSERT_NE(0, reply);
	ASSERT_EQ(0, receiver_start(&r, port, 0, sizeof(r.m)));
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.hdr.msgh_size = sizeof(m.hdr);
	m.hdr.msgh_remote_port = port;
	m.hdr.msgh_local_port = reply;
	m.hdr.msgh_id = 6;
	/* the client's call: send, then wait (briefly) for the reply */
	ASSERT_EQ(MACH_RCV_TIMED_OUT,
		  mach_msg(&m.hdr, MACH_SEND_MSG | MACH_RCV_MSG |
			   MACH_RCV_TIMEOUT, sizeof(m.hdr), sizeof(m), reply,
			   0, MACH_PORT_NULL));
	ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, r.mr);
	EXPECT_EQ((unsigned)MACH_MSG_TYPE_PORT_SEND_ONCE,
		  MACH_MSGH_BITS_REMOTE(r.m.hdr.msgh_bits));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(r.m.hdr.msgh_remote_port));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_send(r.m.hdr.msgh_remote_port,
			  MACH_MSG_TYPE_MOVE_SEND_ONCE, 7));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(reply, &m));
	EXPECT_EQ(7, m.hdr.msgh_id);
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(reply));
}

/*
 * A receive that times out just as a message arrives either returns it or
 * leaves it queued: never neither.  Run many times around the deadline.
 */
TEST_TIMEOUT(timeout_racing_a_send_loses_nothing, 240)
{
	mach_port_name_t port = mu_port();
	int i, got = 0, queued = 0;
	struct receiver r;
	mu_msg_t m;

	ASSERT_NE(0, port);
	for (i = 0; i < 60; i++) {
		r.name = port;
		r.extra = 0;
		r.size = sizeof(r.m);
		r.ms = 20;
		r.tid = 0;
		ASSERT_EQ(0, pthread_create(&r.thread, NULL, receiver_main, &r));
		usleep(15000 + (i % 10) * 1000);
		ASSERT_EQ(MACH_MSG_SUCCESS, send64(port, 100 + i));
		ASSERT_EQ(0, mu_thread_join(r.thread, NULL, MU_WAIT_MS));
		if (r.mr == MACH_MSG_SUCCESS) {
			EXPECT_EQ(100 + i, r.m.hdr.msgh_id);
			got++;
		} else {
			ASSERT_EQ(MACH_RCV_TIMED_OUT, r.mr);
		}
		if (mu_recv_opts(port, &m, 0, 0) == MACH_MSG_SUCCESS) {
			EXPECT_EQ(100 + i, m.hdr.msgh_id);
			queued++;
		}
		ASSERT_TRUE(mu_queue_empty(port));
	}
	TH_LOG("handed or received %d, left queued %d", got, queued);
	EXPECT_EQ(60, got + queued);
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(port));
}

TEST_HARNESS_MAIN
