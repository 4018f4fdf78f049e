// SPDX-License-Identifier: GPL-2.0
/*
 * Mach notifications: no-senders, dead-name, port-destroyed, send-once,
 * port-deleted, and mach_port_request_notification's own rules.
 *
 * Expected values are XNU's (xnu-11417: osfmk/ipc/mach_port.c,
 * ipc_port.c, ipc_right.c, ipc_notify.c; reference
 * /work/shared/reference/xnu-semantics.md §2.7).  Notifications are sent
 * by the kernel through the registered send-once right, so every one
 * arrives with local bits PORT_SEND_ONCE (18), remote 0 and NULL,
 * msgh_local_port naming the notify port, the kernel's security token
 * {0, 1} and an all-zero audit token.
 *
 * The cross-process tests at the end need task_for_pid; they are
 * compiled when HAVE_TASK_FOR_PID is set (msg_util.h sets it).
 */
#include "msg_util.h"

#include <sys/wait.h>

/* Receives a notification on @port (with an audit trailer) and checks
 * what all of them share. */
static mu_notify_body_t *recv_notification(struct harness_test *_metadata,
					   mach_port_name_t port, mu_msg_t *buf,
					   mach_msg_id_t id,
					   mach_msg_size_t size)
{
	static const audit_token_t zero_audit;
	mu_notify_body_t *n = (mu_notify_body_t *)buf;
	mach_msg_max_trailer_t *t;
	mach_msg_bits_t other = id == MACH_NOTIFY_PORT_DESTROYED ?
		MACH_MSGH_BITS_COMPLEX : 0;

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(port, buf, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_AUDIT), MU_WAIT_MS));
	EXPECT_EQ(id, n->hdr.msgh_id);
	EXPECT_EQ(size, n->hdr.msgh_size);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE) | other,
		  n->hdr.msgh_bits);
	EXPECT_EQ(port, n->hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, n->hdr.msgh_remote_port);
	t = mu_trailer(&n->hdr);
	EXPECT_EQ(52, t->msgh_trailer_size);
	EXPECT_EQ(0, t->msgh_sender.val[0]);
	EXPECT_EQ(1, t->msgh_sender.val[1]);
	EXPECT_EQ(0, memcmp(&zero_audit, &t->msgh_audit, sizeof(zero_audit)));
	if (size == sizeof(mu_notify_body_t) && id != MACH_NOTIFY_PORT_DESTROYED)
		EXPECT_EQ(0, memcmp(&NDR_record, &n->ndr, sizeof(NDR_record)));
	return n;
}

static kern_return_t request(mach_port_name_t name, mach_msg_id_t id,
			     mach_port_mscount_t sync, mach_port_name_t notify,
			     mach_port_name_t *prev)
{
	mach_port_name_t junk = 0xdeadbeef;

	return mach_port_request_notification(mach_task_self(), name, id, sync,
					      notify,
					      MACH_MSG_TYPE_MAKE_SEND_ONCE,
					      prev ? prev : &junk);
}

#define NOTIFY_VALUE_SIZE ((mach_msg_size_t)sizeof(mu_notify_body_t)) /* 36 */

/* ================================================================== */
/* No-senders */

/* No send rights and sync <= mscount: the notification fires at once,
 * carrying the make-send count (ipc_port_nsrequest). */
TEST(notify_no_senders_immediate_when_no_senders)
{
	mach_port_name_t p = mu_port(), n = mu_port(), prev = 1;
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), p,
						   MACH_PORT_RIGHT_SEND, -2));
	EXPECT_EQ(2, mu_mscount(p));
	EXPECT_TRUE(mu_queue_empty(n));	/* nothing was armed */

	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, &prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(2, nb->value);
	EXPECT_EQ(FALSE, mu_status_nsrequest(p));
	EXPECT_EQ(0, mu_sorights(n));
}

TEST(notify_no_senders_immediate_on_fresh_port)
{
	mach_port_name_t p = mu_port(), n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(0, nb->value);
}

TEST(notify_no_senders_armed_then_fired_by_last_send_right)
{
	mach_port_name_t p = mu_port_send(), n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), p,
						   MACH_PORT_RIGHT_SEND, 1));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_TRUE(mu_queue_empty(n));
	EXPECT_EQ(TRUE, mu_status_nsrequest(p));
	EXPECT_EQ(1, mu_sorights(n));

	/* one uref of two: still a sender */
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	EXPECT_TRUE(mu_queue_empty(n));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(1, nb->value);
	EXPECT_EQ(FALSE, mu_status_nsrequest(p));
	EXPECT_EQ(0, mu_sorights(n));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
}

/* The last send right may be anywhere: one carried in a message that is
 * received and deallocated counts like any other. */
TEST(notify_no_senders_fired_by_send_right_from_message)
{
	mach_port_name_t p = mu_port(), n = mu_port(), d = mu_port();
	mu_port_msg_t m, *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_NE(MACH_PORT_NULL, d);
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = d;
	m.body.msgh_descriptor_count = 1;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_TRUE(mu_queue_empty(n));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &buf));
	rm = (mu_port_msg_t *)&buf;
	EXPECT_EQ(p, rm->port.name);
	EXPECT_TRUE(mu_queue_empty(n));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			  NOTIFY_VALUE_SIZE);
}

/* A no-senders request is used up when it fires. */
TEST(notify_no_senders_is_one_shot)
{
	mach_port_name_t p = mu_port_send(), n = mu_port();
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			  NOTIFY_VALUE_SIZE);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	EXPECT_TRUE(mu_queue_empty(n));
}

/* sync > mscount with no senders: armed, not fired; it fires when a
 * later send right goes, with the make-send count of then. */
TEST(notify_no_senders_sync_above_mscount_arms)
{
	mach_port_name_t p = mu_port(), n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 1, n, NULL));
	EXPECT_TRUE(mu_queue_empty(n));
	EXPECT_EQ(TRUE, mu_status_nsrequest(p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(1, nb->value);
}

/* The port dies with an armed no-senders request: the request's
 * send-once right is destroyed, which the notify port sees as a
 * send-once notification (ipc_port_destroy). */
TEST(notify_no_senders_request_dies_with_port_as_send_once)
{
	mach_port_name_t p = mu_port_send(), n = mu_port();
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
	EXPECT_TRUE(mu_queue_empty(n));
	EXPECT_EQ(0, mu_sorights(n));
}

/*
 * Moving the receive right does not cancel the no-senders request: XNU's
 * MOVE_RECEIVE copyin (ipc_right_copyin) and ipc_port_clear_receiver()
 * leave ip_nsrequest alone (they reset mscount, seqno and context only).
 * The old man page says the request is cancelled; the code does not.
 */
TEST(notify_no_senders_survives_move_receive)
{
	mach_port_name_t p = mu_port_send(), n = mu_port(), h = mu_port();
	mu_port_msg_t m;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_NE(MACH_PORT_NULL, h);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = h;
	m.body.msgh_descriptor_count = 1;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	EXPECT_TRUE(mu_queue_empty(n));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(h, &buf));
	EXPECT_EQ(p, ((mu_port_msg_t *)&buf)->port.name);
	EXPECT_TRUE(mu_queue_empty(n));
	EXPECT_EQ(TRUE, mu_status_nsrequest(p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			  NOTIFY_VALUE_SIZE);
}

/* notify = MACH_PORT_NULL cancels and hands back the registered right. */
TEST(notify_no_senders_null_notify_cancels)
{
	mach_port_name_t p = mu_port_send(), n = mu_port(), prev = 0;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0,
					MACH_PORT_NULL, &prev));
	ASSERT_TRUE(MACH_PORT_VALID(prev));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(prev));
	EXPECT_EQ(FALSE, mu_status_nsrequest(p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	EXPECT_TRUE(mu_queue_empty(n));
	/* the returned right is a live send-once right to n */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(prev, MACH_MSG_TYPE_MOVE_SEND_ONCE,
					    1234));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(n, &buf));
	EXPECT_EQ(1234, buf.hdr.msgh_id);
}

/* ================================================================== */
/* Dead-name */

/*
 * The name holds send and receive rights and a dead-name request; the
 * receive right is destroyed.  ipc_right_delta() turns the name into a
 * dead name with one more uref for the request, and ipc_port_destroy()
 * fires the request: id 72 naming it.
 */
TEST(notify_dead_name_on_receive_destroyed)
{
	mach_port_name_t p = mu_port_send(), n = mu_port(), prev = 1;
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_DEAD_NAME, 0, n, &prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE | MACH_PORT_TYPE_DNREQUEST,
		  mu_type(p));
	EXPECT_TRUE(mu_queue_empty(n));

	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_DEAD_NAME,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(p, nb->value);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
	EXPECT_EQ(2, mu_refs(p, MACH_PORT_RIGHT_DEAD_NAME));
	EXPECT_EQ(0, mu_sorights(n));
	EXPECT_TRUE(mu_queue_empty(n));
}

/* A send right whose receive right lives elsewhere (here: in transit in
 * a message that is destroyed). */
TEST(notify_dead_name_for_send_right)
{
	mach_port_name_t s, h, n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	ASSERT_EQ(KERN_SUCCESS, request(s, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(h));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_DEAD_NAME,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(s, nb->value);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(s));
	EXPECT_EQ(2, mu_refs(s, MACH_PORT_RIGHT_DEAD_NAME));
	/* the extra uref is the receiver's to release */
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), s));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), s));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(s));
}

TEST(notify_dead_name_for_send_once_right)
{
	mach_port_name_t p = mu_port(), n = mu_port(), so;
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(KERN_SUCCESS, request(so, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_DEAD_NAME,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(so, nb->value);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(so));
	EXPECT_EQ(2, mu_refs(so, MACH_PORT_RIGHT_DEAD_NAME));
}

/*
 * A request on a name that holds only the receive right: destroying the
 * right cancels the request as the name goes away (ipc_right_delta ->
 * ipc_right_request_cancel -> ipc_notify_port_deleted), so it is a
 * port-deleted notification, not a dead-name one.
 */
TEST(notify_dead_name_request_on_receive_only_gives_port_deleted)
{
	mach_port_name_t p = mu_port(), n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_PORT_DELETED,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(p, nb->value);
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(p));
	EXPECT_TRUE(mu_queue_empty(n));
}

/*
 * A dead-name request on send right s (its receive right h) registered
 * with n1, then replaced by one with n2: prev is what the replacement
 * returned.
 */
FIXTURE(notify_dead_name_replaced) {
	mach_port_name_t s, h, n1, n2, prev;
};

FIXTURE_SETUP(notify_dead_name_replaced)
{
	self->n1 = mu_port();
	self->n2 = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->n1);
	ASSERT_NE(MACH_PORT_NULL, self->n2);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&self->s, &self->h));
	ASSERT_EQ(KERN_SUCCESS, request(self->s, MACH_NOTIFY_DEAD_NAME, 0,
					self->n1, &self->prev));
	EXPECT_EQ(MACH_PORT_NULL, self->prev);
	ASSERT_EQ(KERN_SUCCESS, request(self->s, MACH_NOTIFY_DEAD_NAME, 0,
					self->n2, &self->prev));
}

FIXTURE_TEARDOWN(notify_dead_name_replaced)
{
}

/* ipc_right_request_alloc: replacing a dead-name request returns the
 * previous send-once right, unused (n1 has had nothing). */
TEST_F(notify_dead_name_replaced, returns_the_previous_send_once_right)
{
	ASSERT_TRUE(MACH_PORT_VALID(self->prev));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(self->prev));
	EXPECT_EQ(1, mu_sorights(self->n1));
	EXPECT_TRUE(mu_queue_empty(self->n1));
}

/* ipc_notify_dead_name: the port's death notifies the new request's
 * port only. */
TEST_F(notify_dead_name_replaced, death_notifies_the_new_port_only)
{
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(self->h));
	nb = recv_notification(_metadata, self->n2, &buf,
			       MACH_NOTIFY_DEAD_NAME, NOTIFY_VALUE_SIZE);
	EXPECT_EQ(self->s, nb->value);
	EXPECT_TRUE(mu_queue_empty(self->n1));
}

/* The returned right is an ordinary send-once right: deallocated unused,
 * it sends n1 a send-once notification (ipc_notify_send_once). */
TEST_F(notify_dead_name_replaced, unused_returned_right_sends_send_once)
{
	mu_msg_t buf;

	ASSERT_TRUE(MACH_PORT_VALID(self->prev));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(),
						     self->prev));
	recv_notification(_metadata, self->n1, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
}

/* Current XNU refuses a dead-name request on a name that is already dead
 * (KERN_INVALID_ARGUMENT; the immediate notification of xnu <= 8020 is
 * gone), on NULL/DEAD (KERN_INVALID_ARGUMENT) and on a port set
 * (KERN_INVALID_RIGHT). */
TEST(notify_dead_name_request_errors)
{
	mach_port_name_t dn = MACH_PORT_NULL, set = MACH_PORT_NULL;
	mach_port_name_t n = mu_port();

	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &set));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  request(dn, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  request(dn, MACH_NOTIFY_DEAD_NAME, 1, n, NULL));
	EXPECT_EQ(1, mu_refs(dn, MACH_PORT_RIGHT_DEAD_NAME));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  request(MACH_PORT_NULL, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  request(MACH_PORT_DEAD, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(set, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_NAME,
		  request(MU_UNUSED_NAME, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(dn));
}

/* ================================================================== */
/* Port-deleted and send-once */

/* Deallocating a right that has a dead-name request consumes the request
 * with a port-deleted notification naming it (id 65). */
TEST(notify_port_deleted_when_send_right_deallocated)
{
	mach_port_name_t s, h, n = mu_port();
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	ASSERT_EQ(KERN_SUCCESS, request(s, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), s));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(s));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_PORT_DELETED,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(s, nb->value);
	EXPECT_EQ(0, mu_sorights(n));
	/* and the port dying later says nothing more */
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(h));
	EXPECT_TRUE(mu_queue_empty(n));
}

/* A send-once right with a dead-name request, deallocated unused: the
 * port gets its send-once notification, the request a port-deleted. */
TEST(notify_port_deleted_when_send_once_deallocated)
{
	mach_port_name_t p = mu_port(), n = mu_port(), so;
	mu_notify_body_t *nb;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(KERN_SUCCESS, request(so, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), so));
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_PORT_DELETED,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(so, nb->value);
	recv_notification(_metadata, p, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
}

/* A send-once right destroyed unused: id 71, a bare 24-byte header, to
 * the port it named. */
TEST(notify_send_once_when_deallocated_unused)
{
	mach_port_name_t p = mu_port(), so;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	EXPECT_EQ(1, mu_sorights(p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), so));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	recv_notification(_metadata, p, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
	EXPECT_EQ(0, mu_sorights(p));
	EXPECT_TRUE(mu_queue_empty(p));
}

/* Same through mod_refs and mach_port_destroy. */
TEST(notify_send_once_when_destroyed_by_mod_refs_or_destroy)
{
	mach_port_name_t p = mu_port(), a, b;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	a = mu_sonce(p);
	b = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_NE(MACH_PORT_NULL, b);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), a,
						   MACH_PORT_RIGHT_SEND_ONCE,
						   -1));
	ASSERT_EQ(KERN_SUCCESS, mach_port_destroy(mach_task_self(), b));
	recv_notification(_metadata, p, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
	recv_notification(_metadata, p, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
	EXPECT_EQ(0, mu_sorights(p));
}

/* A send-once notification ignores the queue limit like every message to
 * a send-once right. */
TEST(notify_send_once_ignores_qlimit)
{
	mach_port_name_t p = mu_port(), so;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_set_attributes(
			  mach_task_self(), p, MACH_PORT_LIMITS_INFO,
			  (mach_port_info_t)&(mach_port_limits_t){ .mpl_qlimit = 1 },
			  MACH_PORT_LIMITS_INFO_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), so));
	EXPECT_EQ(2, mu_msgcount(p));
}

/* ================================================================== */
/* Port-destroyed */

/*
 * Port-destroyed (XNU's ipc_port_destroy with a pdrequest, which hands the
 * receive right to ipc_notify_port_destroyed instead of destroying it):
 * a port @p with one queued message (id 55) and a port-destroyed request
 * naming @n; *@prev gets the previous request.
 */
static void pd_request(struct harness_test *_metadata, mach_port_name_t *p,
		       mach_port_name_t *n, mach_port_name_t *prev)
{
	*p = mu_port();
	*n = mu_port();
	ASSERT_NE(MACH_PORT_NULL, *p);
	ASSERT_NE(MACH_PORT_NULL, *n);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(*p, MACH_MSG_TYPE_MAKE_SEND, 55));
	*prev = 1;
	ASSERT_EQ(KERN_SUCCESS, request(*p, MACH_NOTIFY_PORT_DESTROYED, 0, *n,
					prev));
}

/* ... then @p's receive right destroyed: the name goes, the right comes
 * back in the notification, under the name returned. */
static mach_port_name_t pd_returned(struct harness_test *_metadata,
				    mach_port_name_t p, mach_port_name_t n,
				    mu_msg_t *buf)
{
	mach_port_name_t np;

	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(p));
	recv_notification(_metadata, n, buf, MACH_NOTIFY_PORT_DESTROYED,
			  sizeof(mu_port_msg_t));
	np = ((mu_port_msg_t *)buf)->port.name;
	ASSERT_TRUE(MACH_PORT_VALID(np));
	return np;
}

/* the request has no predecessor, shows in the status, sends nothing */
TEST(notify_port_destroyed_request_is_recorded)
{
	mach_port_name_t p, n, prev;

	pd_request(_metadata, &p, &n, &prev);
	EXPECT_EQ(MACH_PORT_NULL, prev);
	EXPECT_EQ(TRUE, mu_status_pdrequest(p));
	EXPECT_TRUE(mu_queue_empty(n));
}

/*
 * The receive right is not destroyed but sent to the notify port: id 69,
 * complex, one port descriptor with disposition PORT_RECEIVE (msgh_size
 * 40).
 */
TEST(notify_port_destroyed_returns_receive_right)
{
	mach_port_name_t p, n, prev, np;
	mu_port_msg_t *pm;
	mu_msg_t buf;

	pd_request(_metadata, &p, &n, &prev);
	np = pd_returned(_metadata, p, n, &buf);
	pm = (mu_port_msg_t *)&buf;
	EXPECT_EQ(1, pm->body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, pm->port.type);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, pm->port.disposition);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(np));
}

/* The port lives on: the request is used up, the queued message
 * survived and is received through the new name. */
TEST(notify_port_destroyed_port_keeps_its_messages)
{
	mach_port_name_t p, n, prev, np;
	mu_msg_t buf;

	pd_request(_metadata, &p, &n, &prev);
	np = pd_returned(_metadata, p, n, &buf);
	EXPECT_EQ(FALSE, mu_status_pdrequest(np));
	EXPECT_EQ(1, mu_msgcount(np));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(np, &buf));
	EXPECT_EQ(55, buf.hdr.msgh_id);
	EXPECT_EQ(np, buf.hdr.msgh_local_port);
}

/* destroying it again, with no request, really destroys it */
TEST(notify_port_destroyed_again_without_request_destroys)
{
	mach_port_name_t p, n, prev, np;
	mu_msg_t buf;

	pd_request(_metadata, &p, &n, &prev);
	np = pd_returned(_metadata, p, n, &buf);
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(np));
	EXPECT_TRUE(mu_queue_empty(n));
}

/* With send rights under the same name, the name keeps them (the port is
 * alive) and the receive right comes back to that very name. */
TEST(notify_port_destroyed_keeps_send_right_name)
{
	mach_port_name_t p = mu_port_send(), n = mu_port();
	mu_port_msg_t *pm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n,
					NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	/* still a live send right while the receive right is in transit */
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(p));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_PORT_DESTROYED,
			  sizeof(mu_port_msg_t));
	pm = (mu_port_msg_t *)&buf;
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, pm->port.disposition);
	EXPECT_EQ(p, pm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_COPY_SEND, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &buf));
	EXPECT_EQ(3, buf.hdr.msgh_id);
}

/* The right that comes back starts afresh: ipc_port_destroy() calls
 * ipc_port_clear_receiver() before sending it, which zeroes the
 * make-send count, the sequence number and the context. */
TEST(notify_port_destroyed_resets_mscount_seqno_context)
{
	mach_port_name_t p = mu_port(), n = mu_port(), np;
	mach_port_context_t ctx = 1;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &buf));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 2));
	ASSERT_EQ(KERN_SUCCESS, mach_port_set_context(mach_task_self(), p,
						      0xc0ffee));
	EXPECT_EQ(2, mu_mscount(p));
	EXPECT_EQ(1, mu_seqno(p));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n,
					NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	recv_notification(_metadata, n, &buf, MACH_NOTIFY_PORT_DESTROYED,
			  sizeof(mu_port_msg_t));
	np = ((mu_port_msg_t *)&buf)->port.name;
	ASSERT_TRUE(MACH_PORT_VALID(np));
	EXPECT_EQ(0, mu_mscount(np));
	EXPECT_EQ(0, mu_seqno(np));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(mach_task_self(), np,
						      &ctx));
	EXPECT_EQ(0, ctx);
	EXPECT_EQ(1, mu_msgcount(np));
}

/* Only one port-destroyed request per port: the second is KERN_FAILURE. */
TEST(notify_port_destroyed_twice_failure)
{
	mach_port_name_t p = mu_port(), n1 = mu_port(), n2 = mu_port();
	mach_port_name_t prev = 1;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n1);
	ASSERT_NE(MACH_PORT_NULL, n2);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n1,
					&prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	EXPECT_EQ(KERN_FAILURE, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n2,
					&prev));
	EXPECT_EQ(1, mu_sorights(n1));
	/* the first request still stands */
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	recv_notification(_metadata, n1, &buf, MACH_NOTIFY_PORT_DESTROYED,
			  sizeof(mu_port_msg_t));
}

TEST(notify_port_destroyed_errors)
{
	mach_port_name_t p = mu_port(), n = mu_port(), s, h;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	EXPECT_EQ(KERN_INVALID_VALUE,
		  request(p, MACH_NOTIFY_PORT_DESTROYED, 1, n, NULL));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(MACH_PORT_NULL, MACH_NOTIFY_PORT_DESTROYED, 0, n,
			  NULL));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(s, MACH_NOTIFY_PORT_DESTROYED, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_NAME,
		  request(MU_UNUSED_NAME, MACH_NOTIFY_PORT_DESTROYED, 0, n,
			  NULL));
	EXPECT_EQ(FALSE, mu_status_pdrequest(p));
}

/* ================================================================== */
/* mach_port_request_notification's own errors */

/* Ids that are not requestable (everything but 66, 69, 70, 72):
 * KERN_INVALID_VALUE. */
TEST(notify_unknown_id_invalid_value)
{
	static const mach_msg_id_t ids[] = {
		0, 1, MACH_NOTIFY_FIRST, MACH_NOTIFY_PORT_DELETED, 67, 68,
		MACH_NOTIFY_SEND_ONCE, 73, MACH_NOTIFY_LAST, 1000, -1,
	};
	mach_port_name_t p = mu_port_send(), n = mu_port();
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		TH_LOG("id %d", ids[i]);
		EXPECT_EQ(KERN_INVALID_VALUE, request(p, ids[i], 0, n, NULL));
	}
	EXPECT_EQ(FALSE, mu_status_nsrequest(p));
	EXPECT_EQ(FALSE, mu_status_pdrequest(p));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
}

/*
 * A request that fails still consumed the right it was given: the trap
 * (_kernelrpc_mach_port_request_notification_trap, mach_kernelrpc.c)
 * copies the notify right in first and ipc_object_destroy()s it when
 * mach_port_request_notification() fails; the MIG path destroys the
 * request message.  A MAKE_SEND_ONCE right so made and destroyed is a
 * send-once notification on the notify port, one per failed call.
 */
TEST(notify_failed_request_destroys_its_send_once_right)
{
	mach_port_name_t p = mu_port_send(), n = mu_port(), n1 = mu_port();
	mach_port_name_t dn = MACH_PORT_NULL;
	unsigned int i;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_NE(MACH_PORT_NULL, n1);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n1,
					NULL));
	EXPECT_EQ(KERN_INVALID_VALUE, request(p, 1000, 0, n, NULL));
	EXPECT_EQ(KERN_FAILURE,
		  request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  request(dn, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_VALUE,
		  request(p, MACH_NOTIFY_PORT_DESTROYED, 1, n, NULL));
	for (i = 0; i < 4; i++) {
		TH_LOG("notification %u", i);
		recv_notification(_metadata, n, &buf, MACH_NOTIFY_SEND_ONCE,
				  sizeof(mach_msg_header_t));
	}
	EXPECT_TRUE(mu_queue_empty(n));
	EXPECT_EQ(0, mu_sorights(n));
	EXPECT_EQ(1, mu_sorights(n1));
}

/* notify = MACH_PORT_DEAD: KERN_INVALID_CAPABILITY, whatever the id. */
TEST(notify_dead_notify_port_invalid_capability)
{
	static const mach_msg_id_t ids[] = {
		MACH_NOTIFY_NO_SENDERS, MACH_NOTIFY_DEAD_NAME,
		MACH_NOTIFY_PORT_DESTROYED, 1000,
	};
	mach_port_name_t p = mu_port_send(), prev;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		TH_LOG("id %d", ids[i]);
		EXPECT_EQ(KERN_INVALID_CAPABILITY,
			  mach_port_request_notification(
				  mach_task_self(), p, ids[i], 0, MACH_PORT_DEAD,
				  MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	}
	EXPECT_EQ(FALSE, mu_status_nsrequest(p));
	EXPECT_EQ(FALSE, mu_status_pdrequest(p));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
}

/* Replacing a no-senders request returns the previous send-once right,
 * which notifies its port when deallocated. */
TEST(notify_no_senders_replace_returns_previous)
{
	mach_port_name_t p = mu_port_send(), n1 = mu_port(), n2 = mu_port();
	mach_port_name_t prev = 1;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n1);
	ASSERT_NE(MACH_PORT_NULL, n2);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n1, &prev));
	EXPECT_EQ(MACH_PORT_NULL, prev);
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n2, &prev));
	ASSERT_TRUE(MACH_PORT_VALID(prev));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(prev));
	EXPECT_EQ(1, mu_sorights(n1));
	EXPECT_TRUE(mu_queue_empty(n1));

	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), p));
	recv_notification(_metadata, n2, &buf, MACH_NOTIFY_NO_SENDERS,
			  NOTIFY_VALUE_SIZE);
	EXPECT_TRUE(mu_queue_empty(n1));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), prev));
	recv_notification(_metadata, n1, &buf, MACH_NOTIFY_SEND_ONCE,
			  sizeof(mach_msg_header_t));
}

TEST(notify_no_senders_needs_receive_right)
{
	mach_port_name_t s, h, n = mu_port();

	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(MACH_PORT_NULL, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(MACH_PORT_DEAD, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  request(s, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_EQ(KERN_INVALID_NAME,
		  request(MU_UNUSED_NAME, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
}

/* ================================================================== */
/* Across processes (need task_for_pid) */

#if HAVE_TASK_FOR_PID
static int child_wait_then_exit(void *arg, int rd, int wr)
{
	uint32_t v;

	(void)arg;
	(void)wr;
	return mu_get(rd, &v, MU_WAIT_MS) ? 10 : 0;
}

/* A child holding the only send right exits: its space is torn down and
 * the receiver's no-senders request fires. */
TEST(notify_no_senders_when_child_holding_send_exits)
{
	mach_port_name_t p = mu_port(), n = mu_port();
	struct mu_child c;
	mu_notify_body_t *nb;
	mu_msg_t buf;
	int st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(0, mu_fork(&c, child_wait_then_exit, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, p,
					 MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_NO_SENDERS, 0, n, NULL));
	EXPECT_TRUE(mu_queue_empty(n));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	st = mu_child_wait(&c, MU_WAIT_MS);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_NO_SENDERS,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(1, nb->value);
}

/* A child holding the receive right exits: the port dies, the parent's
 * send right becomes a dead name and its dead-name request fires. */
TEST(notify_dead_name_when_child_holding_receive_exits)
{
	mach_port_name_t p = mu_port_send(), n = mu_port();
	struct mu_child c;
	mu_notify_body_t *nb;
	mu_msg_t buf;
	int st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(0, mu_fork(&c, child_wait_then_exit, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, p,
					 MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(p));
	ASSERT_EQ(KERN_SUCCESS, request(p, MACH_NOTIFY_DEAD_NAME, 0, n, NULL));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	st = mu_child_wait(&c, MU_WAIT_MS);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	nb = recv_notification(_metadata, n, &buf, MACH_NOTIFY_DEAD_NAME,
			       NOTIFY_VALUE_SIZE);
	EXPECT_EQ(p, nb->value);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
	EXPECT_EQ(2, mu_refs(p, MACH_PORT_RIGHT_DEAD_NAME));
}
#endif /* HAVE_TASK_FOR_PID */

TEST_HARNESS_MAIN
