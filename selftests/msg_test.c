// SPDX-License-Identifier: GPL-2.0
/*
 * mach_msg: send and receive, header dispositions, header and size errors,
 * complex messages (port, out-of-line memory and port-array descriptors),
 * MACH_RCV_LARGE, trailers, queue limits and pseudo-receive, blocking and
 * wake-ups, signals, RPC, and messages dying with their port.
 *
 * Expected values are XNU's (xnu-11417, osfmk/ipc/ipc_kmsg.c, mach_msg.c,
 * ipc_mqueue.c; see /work/shared/reference/xnu-semantics.md §3).  Where
 * the reference and XNU's code disagree the test follows the code and
 * says so at the test.
 *
 * Everything here runs in one task (a process sends to itself, threads
 * block); the cross-process tests at the end need task_for_pid and are
 * compiled when HAVE_TASK_FOR_PID is set (msg_util.h sets it).
 */
#include "msg_util.h"
#include "mach_stats.h"

#include <fcntl.h>
#include <sys/wait.h>

#define MSG_ID 0x4d5347		/* "MSG" */

typedef struct {
	mach_msg_header_t hdr;
	uint32_t data[4];
} simple_msg_t;

/* Header plus body plus @n port descriptors. */
#define PORT_MSG(n) struct {						\
	mach_msg_header_t hdr;						\
	mach_msg_body_t body;						\
	mach_msg_port_descriptor_t d[n];				\
}

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d;
} ool_msg_t;

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_ool_ports_descriptor_t d;
} ool_ports_msg_t;

static void set_port_desc(mach_msg_port_descriptor_t *d,
			  mach_port_name_t name, mach_msg_type_name_t disp)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->disposition = disp;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
}

static void set_header(mach_msg_header_t *h, mach_msg_bits_t bits,
		       mach_msg_size_t size, mach_port_name_t remote,
		       mach_port_name_t local, mach_msg_id_t id)
{
	h->msgh_bits = bits;
	h->msgh_size = size;
	h->msgh_remote_port = remote;
	h->msgh_local_port = local;
	h->msgh_voucher_port = MACH_PORT_NULL;
	h->msgh_id = id;
}

/* Sends a header-only message: dest @rdisp, reply @ldisp, voucher @vdisp. */
static mach_msg_return_t send_hdr(mach_port_name_t dest,
				  mach_msg_type_name_t rdisp,
				  mach_port_name_t reply,
				  mach_msg_type_name_t ldisp,
				  mach_port_name_t voucher,
				  mach_msg_type_name_t vdisp)
{
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS_SET(rdisp, ldisp, vdisp, 0), sizeof(h),
		   dest, reply, MSG_ID);
	h.msgh_voucher_port = voucher;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/*
 * A send that must fail with @want before anything is copied in: the
 * whole space (names, urefs, queues, make-send and send-once counts) is
 * the same afterwards.
 */
static void expect_hdr_error(struct harness_test *_metadata,
			     mach_port_name_t dest, mach_msg_type_name_t rdisp,
			     mach_port_name_t reply, mach_msg_type_name_t ldisp,
			     mach_msg_return_t want)
{
	static struct mu_space before;

	mu_space_take(&before);
	EXPECT_EQ(want, send_hdr(dest, rdisp, reply, ldisp, MACH_PORT_NULL, 0));
	MU_EXPECT_SPACE_UNCHANGED(before);
}

/* A queue of one message that is full (qlimit 1). */
static mach_port_name_t full_port(struct harness_test *_metadata)
{
	mach_port_name_t d = mu_port();

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(d, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(d, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(1, mu_msgcount(d));
	return d;
}

/* ================================================================== */
/* Send and receive to self */

/*
 * A fresh receive right, the setup most tests here repeat.  The teardown
 * leaves it: a test may have moved or destroyed it, and the space goes
 * with the test's process.
 */
FIXTURE(msg) {
	mach_port_name_t p;
};

FIXTURE_SETUP(msg)
{
	self->p = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->p);
}

FIXTURE_TEARDOWN(msg)
{
}

/*
 * A simple message to oneself: p holds the receive right and one send
 * right, and a message (id 0x1234, four data words) went to p with
 * COPY_SEND.
 */
FIXTURE(msg_simple) {
	mach_port_name_t p;
	simple_msg_t s;
	mu_msg_t r;
};

FIXTURE_SETUP(msg_simple)
{
	int i;

	self->p = mu_port_send();
	ASSERT_NE(MACH_PORT_NULL, self->p);
	set_header(&self->s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
		   sizeof(self->s), self->p, MACH_PORT_NULL, 0x1234);
	for (i = 0; i < 4; i++)
		self->s.data[i] = 0xc0de0000u + i;
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&self->s.hdr, 0));
}

FIXTURE_TEARDOWN(msg_simple)
{
}

/* ipc_mqueue_send queues the message; ipc_mqueue_receive takes it. */
TEST_F(msg_simple, queued_until_received)
{
	EXPECT_EQ(1, mu_msgcount(self->p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &self->r));
	EXPECT_EQ(0, mu_msgcount(self->p));
}

/* ipc_kmsg_copyout_header swaps the header: the destination is now local,
 * as PORT_SEND (17), no remote or voucher port; size and id as sent. */
TEST_F(msg_simple, header_swapped_on_receive)
{
	simple_msg_t *rm = (simple_msg_t *)&self->r;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &self->r));
	EXPECT_EQ(sizeof(self->s), rm->hdr.msgh_size);
	EXPECT_EQ(0x1234, rm->hdr.msgh_id);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND),
		  rm->hdr.msgh_bits);
	EXPECT_EQ(self->p, rm->hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, rm->hdr.msgh_remote_port);
	EXPECT_EQ(MACH_PORT_NULL, rm->hdr.msgh_voucher_port);
}

/* ipc_kmsg_copyout_body: the inline data arrives as sent. */
TEST_F(msg_simple, body_intact)
{
	simple_msg_t *rm = (simple_msg_t *)&self->r;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &self->r));
	EXPECT_EQ(0, memcmp(self->s.data, rm->data, sizeof(self->s.data)));
}

/* With no MACH_RCV_TRAILER_ option the trailer is format 0's
 * mach_msg_trailer_t (ipc_kmsg_trailer_size). */
TEST_F(msg_simple, default_trailer_is_format_0)
{
	mach_msg_max_trailer_t *t;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &self->r));
	t = mu_trailer(&self->r.hdr);
	EXPECT_EQ(MACH_MSG_TRAILER_FORMAT_0, t->msgh_trailer_type);
	EXPECT_EQ(sizeof(mach_msg_trailer_t), t->msgh_trailer_size);
}

/* COPY_SEND of the destination (ipc_right_copyin) leaves the sender's
 * send right as it was, one uref, after the message is received. */
TEST_F(msg_simple, copy_send_keeps_the_right)
{
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &self->r));
	EXPECT_EQ(1, mu_refs(self->p, MACH_PORT_RIGHT_SEND));
}

/* A request to @d with a MAKE_SEND_ONCE reply right for @r (id 100),
 * received: the reply right is returned (the name it arrived under). */
static mach_port_name_t sonce_request(struct harness_test *_metadata,
				      mach_port_name_t d, mach_port_name_t r,
				      mu_msg_t *m)
{
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, r,
			       MACH_MSG_TYPE_MAKE_SEND_ONCE, 100, 0));
	EXPECT_EQ(1, mu_sorights(r));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(r));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, m));
	return m->hdr.msgh_remote_port;
}

/* A reply right made with MAKE_SEND_ONCE arrives as a new send-once name
 * in msgh_remote_port (ipc_kmsg_copyout_header). */
TEST(msg_reply_make_send_once_arrives_under_its_own_name)
{
	mach_port_name_t d = mu_port(), r = mu_port(), so;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	so = sonce_request(_metadata, d, r, &m);
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
				 MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	EXPECT_EQ(d, m.hdr.msgh_local_port);
	ASSERT_TRUE(MACH_PORT_VALID(so));
	EXPECT_NE(r, so);	/* a send-once right always gets its own name */
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(so));
	EXPECT_EQ(1, mu_refs(so, MACH_PORT_RIGHT_SEND_ONCE));
}

/* Answering through the send-once right consumes it; the reply reaches
 * the receive right with no reply port of its own. */
TEST(msg_reply_through_send_once_consumes_it)
{
	mach_port_name_t d = mu_port(), r = mu_port(), so;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	so = sonce_request(_metadata, d, r, &m);
	ASSERT_TRUE(MACH_PORT_VALID(so));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_send_full(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_PORT_NULL,
			       0, 200, 0));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &m));
	EXPECT_EQ(200, m.hdr.msgh_id);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE),
		  m.hdr.msgh_bits);
	EXPECT_EQ(r, m.hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, m.hdr.msgh_remote_port);
	EXPECT_EQ(0, mu_sorights(r));
}

/* With disposition 0 the voucher field is not a port: it round-trips. */
TEST_F(msg, voucher_field_round_trips_without_disposition)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, send_hdr(p, MACH_MSG_TYPE_MAKE_SEND,
					     MACH_PORT_NULL, 0, 0x12345678, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(0x12345678, m.hdr.msgh_voucher_port);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
}

/* ================================================================== */
/* Destination dispositions */

TEST(msg_dest_move_send)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), p,
						   MACH_PORT_RIGHT_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MOVE_SEND, 1));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_LOCAL(m.hdr.msgh_bits));
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	/* delivery consumed the moved right */
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
}

/* Moving the last uref leaves only the receive right under the name. */
TEST(msg_dest_move_send_last_uref)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MOVE_SEND, 1));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	EXPECT_EQ(TRUE, mu_srights(p));	/* the right is in the message */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_LOCAL(m.hdr.msgh_bits));
	EXPECT_EQ(FALSE, mu_srights(p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
}

TEST(msg_dest_copy_send)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_COPY_SEND, 1));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_LOCAL(m.hdr.msgh_bits));
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
}

TEST_F(msg, dest_make_send)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;

	EXPECT_EQ(0, mu_mscount(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	EXPECT_EQ(1, mu_mscount(p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	EXPECT_EQ(TRUE, mu_srights(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_LOCAL(m.hdr.msgh_bits));
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	EXPECT_EQ(FALSE, mu_srights(p));
}

TEST(msg_dest_move_send_once)
{
	mach_port_name_t p = mu_port(), so;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	EXPECT_EQ(1, mu_sorights(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, 1));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	EXPECT_EQ(1, mu_sorights(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE),
		  m.hdr.msgh_bits);
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(0, mu_sorights(p));
	EXPECT_TRUE(mu_queue_empty(p));	/* no send-once notification */
}

TEST_F(msg, dest_make_send_once)
{
	mach_port_name_t p = self->p;
	static struct mu_space before, after;
	mu_msg_t m;

	mu_space_take(&before);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 1));
	EXPECT_EQ(1, mu_sorights(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE),
		  m.hdr.msgh_bits);
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(0, mu_sorights(p));
	/* no name was made */
	mu_space_take(&after);
	EXPECT_EQ(before.n, after.n);
}

/* ================================================================== */
/* Reply dispositions */

TEST(msg_reply_move_send)
{
	mach_port_name_t d = mu_port(), r = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), r,
						   MACH_PORT_RIGHT_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, r,
						 MACH_MSG_TYPE_MOVE_SEND, 1, 0));
	EXPECT_EQ(1, mu_refs(r, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &m));
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
				 MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	EXPECT_EQ(r, m.hdr.msgh_remote_port);	/* send rights coalesce */
	EXPECT_EQ(2, mu_refs(r, MACH_PORT_RIGHT_SEND));
}

TEST(msg_reply_copy_send)
{
	mach_port_name_t d = mu_port(), r = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, r,
						 MACH_MSG_TYPE_COPY_SEND, 1, 0));
	EXPECT_EQ(1, mu_refs(r, MACH_PORT_RIGHT_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_REMOTE(m.hdr.msgh_bits));
	EXPECT_EQ(r, m.hdr.msgh_remote_port);
	EXPECT_EQ(2, mu_refs(r, MACH_PORT_RIGHT_SEND));
}

TEST(msg_reply_make_send)
{
	mach_port_name_t d = mu_port(), r = mu_port();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, r,
						 MACH_MSG_TYPE_MAKE_SEND, 1, 0));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(r));
	EXPECT_EQ(1, mu_mscount(r));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &m));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_REMOTE(m.hdr.msgh_bits));
	EXPECT_EQ(r, m.hdr.msgh_remote_port);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(r));
	EXPECT_EQ(1, mu_refs(r, MACH_PORT_RIGHT_SEND));
}

TEST(msg_reply_move_send_once)
{
	mach_port_name_t d = mu_port(), r = mu_port(), so, x;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	so = mu_sonce(r);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, so,
						 MACH_MSG_TYPE_MOVE_SEND_ONCE,
						 1, 0));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	EXPECT_EQ(1, mu_sorights(r));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &m));
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
				 MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	x = m.hdr.msgh_remote_port;
	ASSERT_TRUE(MACH_PORT_VALID(x));
	EXPECT_NE(r, x);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(x));
	EXPECT_EQ(1, mu_sorights(r));
	EXPECT_TRUE(mu_queue_empty(r));
}

/* ================================================================== */
/* Header errors: nothing in the space changes */

/*
 * The reference (§3.1) says bits outside MACH_MSGH_BITS_USER are
 * MACH_SEND_INVALID_HEADER, but XNU masks them off before it looks:
 * ipc_kmsg_get_and_inflate_from_user() builds the kernel header with
 * "msgh_bits = uhdr->msgh_bits & MACH_MSGH_BITS_USER" (ipc_kmsg.c:3037),
 * so the check in ipc_kmsg_copyin_header_validate() (:1722) never fires
 * for a user message; xnu-7195 and xnu-10002 mask first too
 * (ipc_kmsg_copyin: "msgh_bits &= MACH_MSGH_BITS_USER").  The message is
 * sent and arrives without the stray bits.
 */
TEST_F(msg, bits_outside_user_are_ignored)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mu_msg_t m;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   (~MACH_MSGH_BITS_USER & ~MACH_MSGH_BITS_COMPLEX),
		   sizeof(h), p, MACH_PORT_NULL, MSG_ID);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&h, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	EXPECT_EQ(MSG_ID, m.hdr.msgh_id);
}

TEST(msg_bad_remote_disposition_invalid_header)
{
	static const mach_msg_type_name_t bad[] = {
		0, 1, MACH_MSG_TYPE_PORT_NAME, MACH_MSG_TYPE_MOVE_RECEIVE,
		MACH_MSG_TYPE_COPY_RECEIVE, 23, MACH_MSG_TYPE_DISPOSE_RECEIVE,
		MACH_MSG_TYPE_DISPOSE_SEND, MACH_MSG_TYPE_DISPOSE_SEND_ONCE, 31,
	};
	mach_port_name_t p = mu_port_send();
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("remote disposition %u", bad[i]);
		expect_hdr_error(_metadata, p, bad[i], MACH_PORT_NULL, 0,
				 MACH_SEND_INVALID_HEADER);
	}
}

TEST(msg_bad_local_disposition_invalid_header)
{
	static const mach_msg_type_name_t bad[] = {
		1, MACH_MSG_TYPE_PORT_NAME, MACH_MSG_TYPE_MOVE_RECEIVE,
		MACH_MSG_TYPE_COPY_RECEIVE, MACH_MSG_TYPE_DISPOSE_SEND, 31,
	};
	mach_port_name_t p = mu_port_send(), r = mu_port_send();
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("local disposition %u", bad[i]);
		expect_hdr_error(_metadata, p, MACH_MSG_TYPE_COPY_SEND, r,
				 bad[i], MACH_SEND_INVALID_HEADER);
	}
}

TEST(msg_local_port_without_disposition_invalid_header)
{
	mach_port_name_t p = mu_port_send(), r = mu_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, r, 0,
			 MACH_SEND_INVALID_HEADER);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
			 MACH_PORT_DEAD, 0, MACH_SEND_INVALID_HEADER);
}

/* Only voucher kobjects may ride in msgh_voucher_port; an ordinary send
 * right, a dead name or a disposition other than MOVE/COPY_SEND is
 * MACH_SEND_INVALID_VOUCHER, before anything is copied in. */
TEST(msg_voucher_disposition_invalid_voucher)
{
	static const mach_msg_type_name_t disp[] = {
		MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_COPY_SEND,
		MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_MSG_TYPE_MOVE_RECEIVE, 1,
	};
	mach_port_name_t p = mu_port_send(), v = mu_port_send();
	static struct mu_space before;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, v);
	for (i = 0; i < sizeof(disp) / sizeof(disp[0]); i++) {
		TH_LOG("voucher disposition %u", disp[i]);
		mu_space_take(&before);
		EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
			  send_hdr(p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
				   MACH_PORT_NULL, 0, v, disp[i]));
		MU_EXPECT_SPACE_UNCHANGED(before);
	}
	mu_space_take(&before);
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_hdr(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0,
			   MACH_PORT_DEAD, MACH_MSG_TYPE_COPY_SEND));
	MU_EXPECT_SPACE_UNCHANGED(before);
}

TEST(msg_dest_null_invalid_dest)
{
	expect_hdr_error(_metadata, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND,
			 MACH_PORT_NULL, 0, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, MACH_PORT_NULL,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_PORT_NULL, 0,
			 MACH_SEND_INVALID_DEST);
}

TEST(msg_dest_dead_invalid_dest)
{
	expect_hdr_error(_metadata, MACH_PORT_DEAD, MACH_MSG_TYPE_COPY_SEND,
			 MACH_PORT_NULL, 0, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, MACH_PORT_DEAD,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_PORT_NULL, 0,
			 MACH_SEND_INVALID_DEST);
}

TEST(msg_dest_unknown_name_invalid_dest)
{
	mach_port_name_t r = mu_port();

	ASSERT_NE(MACH_PORT_NULL, r);
	expect_hdr_error(_metadata, MU_UNUSED_NAME, MACH_MSG_TYPE_COPY_SEND,
			 r, MACH_MSG_TYPE_MAKE_SEND_ONCE,
			 MACH_SEND_INVALID_DEST);
}

TEST(msg_dest_port_set_invalid_dest)
{
	mach_port_name_t s = MACH_PORT_NULL, r = mu_port();

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &s));
	ASSERT_NE(MACH_PORT_NULL, r);
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_COPY_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL,
			 0, MACH_SEND_INVALID_DEST);
}

TEST(msg_dest_dead_name_invalid_dest)
{
	mach_port_name_t dn = MACH_PORT_NULL, r = mu_port();

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	ASSERT_NE(MACH_PORT_NULL, r);
	expect_hdr_error(_metadata, dn, MACH_MSG_TYPE_COPY_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, dn, MACH_MSG_TYPE_MOVE_SEND, MACH_PORT_NULL,
			 0, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, dn, MACH_MSG_TYPE_MOVE_SEND_ONCE,
			 MACH_PORT_NULL, 0, MACH_SEND_INVALID_DEST);
	EXPECT_EQ(1, mu_refs(dn, MACH_PORT_RIGHT_DEAD_NAME));
}

/* A send right whose port died: the name reads as a dead name, and a
 * send through it is MACH_SEND_INVALID_DEST, taking no uref. */
TEST(msg_dest_send_right_to_dead_port_invalid_dest)
{
	mach_port_name_t s, h, r = mu_port();

	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(h));	/* kills s's port */
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(s));
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_COPY_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_MOVE_SEND, MACH_PORT_NULL,
			 0, MACH_SEND_INVALID_DEST);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(s));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_DEAD_NAME));
}

/* A send-once right to a dead port is a valid destination: the message
 * is accepted and silently destroyed (ipc_kmsg_send, "pretend it got
 * sent and was then immediately destroyed"). */
TEST(msg_dest_send_once_to_dead_port_succeeds)
{
	mach_port_name_t p = mu_port(), r = mu_port(), so, so2;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	so = mu_sonce(p);
	so2 = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_NE(MACH_PORT_NULL, so2);
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	/* nothing has looked at so since: its entry is still a send-once
	 * right, converted to a dead name only by this copyin */
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_send_full(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, r,
			       MACH_MSG_TYPE_MAKE_SEND_ONCE, 1, 0));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	/* the destroyed message's reply right: a send-once notification */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &m));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, m.hdr.msgh_id);
	EXPECT_EQ(0, mu_sorights(r));

	/* once a lookup has turned the entry into a dead name
	 * (mach_port_type -> ipc_right_info -> ipc_right_check), it is no
	 * port right any more: MACH_SEND_INVALID_DEST, like any dead name */
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(so2));
	expect_hdr_error(_metadata, so2, MACH_MSG_TYPE_MOVE_SEND_ONCE,
			 MACH_PORT_NULL, 0, MACH_SEND_INVALID_DEST);
}

/* The name exists but does not hold what the disposition needs. */
TEST(msg_dest_wrong_right_invalid_dest)
{
	mach_port_name_t recv = mu_port(), sendp = mu_port(), so, s, h;
	mach_port_name_t r = mu_port();

	ASSERT_NE(MACH_PORT_NULL, recv);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	so = mu_sonce(sendp);
	ASSERT_NE(MACH_PORT_NULL, so);

	/* receive right only */
	expect_hdr_error(_metadata, recv, MACH_MSG_TYPE_COPY_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, recv, MACH_MSG_TYPE_MOVE_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, recv, MACH_MSG_TYPE_MOVE_SEND_ONCE, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	/* send right only */
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_MAKE_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_MAKE_SEND_ONCE, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, s, MACH_MSG_TYPE_MOVE_SEND_ONCE, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	/* send-once right only */
	expect_hdr_error(_metadata, so, MACH_MSG_TYPE_COPY_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, so, MACH_MSG_TYPE_MOVE_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, so, MACH_MSG_TYPE_MAKE_SEND, r,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_DEST);
}

/* dest == reply with a MOVE_SEND_ONCE on either side. */
TEST(msg_dest_is_reply_with_move_send_once_invalid_dest)
{
	mach_port_name_t p = mu_port_send(), so;

	ASSERT_NE(MACH_PORT_NULL, p);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	expect_hdr_error(_metadata, so, MACH_MSG_TYPE_MOVE_SEND_ONCE, so,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_COPY_SEND, p,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_SEND_INVALID_DEST);
	expect_hdr_error(_metadata, so, MACH_MSG_TYPE_MOVE_SEND_ONCE, so,
			 MACH_MSG_TYPE_COPY_SEND, MACH_SEND_INVALID_DEST);
}

/*
 * MOVE_SEND_ONCE naming a send right whose port died (and that nothing has
 * looked at since): ipc_right_copyin() converts the entry to a dead name
 * and, without DEADOK for a destination, refuses it: MACH_SEND_INVALID_DEST.
 * (Only a real send-once right to a dead port is let through.)  No
 * snapshot here: reading the space would convert the entry first.
 */
TEST(msg_dest_move_send_once_on_dead_send_right_invalid_dest)
{
	mach_port_name_t s, h;

	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(h));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mu_send(s, MACH_MSG_TYPE_MOVE_SEND_ONCE, 1));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(s));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_DEAD_NAME));
}

/*
 * Destination and reply the same name, both MOVE_SEND: the joint copyin
 * needs two urefs (IPC_OBJECT_COPYIN_FLAGS_DEST_EXTRA_MOVE); with one it
 * is the destination copyin that fails: MACH_SEND_INVALID_DEST.
 */
TEST(msg_dest_and_reply_same_name_move_send_one_uref_invalid_dest)
{
	mach_port_name_t p = mu_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MOVE_SEND, p,
			 MACH_MSG_TYPE_MOVE_SEND, MACH_SEND_INVALID_DEST);
}

TEST(msg_dest_and_reply_same_name_move_send_two_urefs)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), p,
						   MACH_PORT_RIGHT_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(p, MACH_MSG_TYPE_MOVE_SEND, p,
						 MACH_MSG_TYPE_MOVE_SEND, 1, 0));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
				 MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(p, m.hdr.msgh_remote_port);
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
}

/* COPY_SEND destination and MOVE_SEND reply on one name with one uref:
 * the joint copyin (DEST_EXTRA_COPY) moves the uref and copies it, so
 * the message goes. */
TEST(msg_dest_copy_reply_move_same_name_one_uref)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_full(p, MACH_MSG_TYPE_COPY_SEND, p,
						 MACH_MSG_TYPE_MOVE_SEND, 1, 0));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
				 MACH_MSG_TYPE_PORT_SEND), m.hdr.msgh_bits);
	EXPECT_EQ(p, m.hdr.msgh_remote_port);
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
}

TEST_F(msg, reply_unknown_name_invalid_reply)
{
	mach_port_name_t p = self->p;

	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
			 MU_UNUSED_NAME, MACH_MSG_TYPE_MOVE_SEND,
			 MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND,
			 MU_UNUSED_NAME, MACH_MSG_TYPE_MAKE_SEND_ONCE,
			 MACH_SEND_INVALID_REPLY);
}

TEST(msg_reply_port_set_invalid_reply)
{
	mach_port_name_t p = mu_port(), s = MACH_PORT_NULL;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &s));
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, s,
			 MACH_MSG_TYPE_MAKE_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, s,
			 MACH_MSG_TYPE_COPY_SEND, MACH_SEND_INVALID_REPLY);
}

/* A dead name is not a port right: ipc_kmsg_copyin_header_rights()
 * refuses a reply entry without MACH_PORT_TYPE_PORT_RIGHTS. */
TEST(msg_reply_dead_name_invalid_reply)
{
	mach_port_name_t p = mu_port(), dn = MACH_PORT_NULL;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, dn,
			 MACH_MSG_TYPE_COPY_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, dn,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_SEND_INVALID_REPLY);
}

TEST(msg_reply_wrong_right_invalid_reply)
{
	mach_port_name_t p = mu_port(), recv = mu_port(), other = mu_port();
	mach_port_name_t s, h, so;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, recv);
	ASSERT_NE(MACH_PORT_NULL, other);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	so = mu_sonce(other);
	ASSERT_NE(MACH_PORT_NULL, so);

	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, recv,
			 MACH_MSG_TYPE_COPY_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, recv,
			 MACH_MSG_TYPE_MOVE_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, recv,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, s,
			 MACH_MSG_TYPE_MAKE_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, s,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so,
			 MACH_MSG_TYPE_COPY_SEND, MACH_SEND_INVALID_REPLY);
	expect_hdr_error(_metadata, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so,
			 MACH_MSG_TYPE_MAKE_SEND, MACH_SEND_INVALID_REPLY);
}

/* ================================================================== */
/* Send sizes */

static void expect_size_error(struct harness_test *_metadata,
			      mach_msg_bits_t extra, mach_msg_size_t size,
			      uint32_t dcount, mach_msg_return_t want)
{
	static struct mu_space before;
	mach_port_name_t p = mu_port(), r = mu_port();
	uint32_t buf[64];
	mach_msg_header_t *h = (mach_msg_header_t *)buf;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	memset(buf, 0, sizeof(buf));
	set_header(h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
				     MACH_MSG_TYPE_MAKE_SEND_ONCE) | extra,
		   size, p, r, MSG_ID);
	buf[6] = dcount;
	mu_space_take(&before);
	EXPECT_EQ(want, mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, size, 0,
				 MACH_PORT_NULL, 0, MACH_PORT_NULL));
	MU_EXPECT_SPACE_UNCHANGED(before);
}

TEST(msg_send_size_below_header_too_small)
{
	expect_size_error(_metadata, 0, 0, 0, MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, 0, 4, 0, MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, 0, 20, 0, MACH_SEND_MSG_TOO_SMALL);
}

TEST(msg_send_size_not_multiple_of_4_too_small)
{
	expect_size_error(_metadata, 0, 25, 0, MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, 0, 26, 0, MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, 0, 43, 0, MACH_SEND_MSG_TOO_SMALL);
}

TEST(msg_complex_without_body_too_small)
{
	expect_size_error(_metadata, MACH_MSGH_BITS_COMPLEX, 24, 0,
			  MACH_SEND_MSG_TOO_SMALL);
}

TEST(msg_complex_descriptors_past_end_too_small)
{
	/* room for one port descriptor, three claimed */
	expect_size_error(_metadata, MACH_MSGH_BITS_COMPLEX, 40, 3,
			  MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, MACH_MSGH_BITS_COMPLEX, 28, 1,
			  MACH_SEND_MSG_TOO_SMALL);
	expect_size_error(_metadata, MACH_MSGH_BITS_COMPLEX, 40, 0xffffffffu,
			  MACH_SEND_MSG_TOO_SMALL);
}

/* Larger than XNU's IPC_KMSG_MAX_BODY_SPACE (48 MiB - 68): refused
 * before the buffer is read. */
TEST(msg_send_huge_too_large)
{
	static struct mu_space before;
	mach_port_name_t p = mu_port();
	size_t len = 64u << 20;
	mach_msg_header_t *h;

	ASSERT_NE(MACH_PORT_NULL, p);
	h = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, h);
	set_header(h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   (mach_msg_size_t)len, p, MACH_PORT_NULL, MSG_ID);
	mu_space_take(&before);
	EXPECT_EQ(MACH_SEND_TOO_LARGE,
		  mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			   (mach_msg_size_t)len, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL));
	EXPECT_EQ(MACH_SEND_TOO_LARGE,
		  mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, 0xfffffffcu,
			   0, MACH_PORT_NULL, 0, MACH_PORT_NULL));
	MU_EXPECT_SPACE_UNCHANGED(before);
	munmap(h, len);
}

/*
 * More than IPC_KMSG_MAX_OOL_PORT_COUNT (16383) ports in one message,
 * counting port descriptors and port-array entries alike (NULL names
 * included): MACH_SEND_TOO_LARGE from ipc_validate_kmsg_schema_from_user,
 * before any right is copied in.
 */
TEST(msg_too_many_ports_too_large)
{
	enum { N = 16384 };
	static struct {
		mach_msg_header_t hdr;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t d[N];
	} big;
	static mach_port_name_t names[N];
	static struct mu_space before;
	mach_port_name_t p = mu_port(), r = mu_port();
	ool_ports_msg_t m;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	set_header(&big.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(big), p, r, MSG_ID);
	big.body.msgh_descriptor_count = N;
	for (i = 0; i < N; i++)
		set_port_desc(&big.d[i], MACH_PORT_NULL,
			      MACH_MSG_TYPE_COPY_SEND);
	mu_space_take(&before);
	EXPECT_EQ(MACH_SEND_TOO_LARGE, mu_send_msg(&big.hdr, 0));
	MU_EXPECT_SPACE_UNCHANGED(before);

	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), p, r, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	m.d.address = names;
	m.d.count = N;
	m.d.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.d.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	mu_space_take(&before);
	EXPECT_EQ(MACH_SEND_TOO_LARGE, mu_send_msg(&m.hdr, 0));
	MU_EXPECT_SPACE_UNCHANGED(before);

	/* one fewer fits */
	m.d.count = N - 1;
	i = mu_msgcount(p);
	EXPECT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	EXPECT_EQ(i + 1, mu_msgcount(p));
}

/* ================================================================== */
/* Port descriptors */

/* Sends one port descriptor (@name, @disp) to receive right @d. */
/* One port descriptor to @d, named with @ddisp (a right held on @d). */
static mach_msg_return_t send_one_port_as(mach_port_name_t d,
					  mach_msg_type_name_t ddisp,
					  mach_port_name_t name,
					  mach_msg_type_name_t disp)
{
	PORT_MSG(1) m;

	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(ddisp, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, MACH_PORT_NULL,
		   MSG_ID);
	m.body.msgh_descriptor_count = 1;
	set_port_desc(&m.d[0], name, disp);
	return mu_send_msg(&m.hdr, 0);
}

static mach_msg_return_t send_one_port(mach_port_name_t d,
				       mach_port_name_t name,
				       mach_msg_type_name_t disp)
{
	return send_one_port_as(d, MACH_MSG_TYPE_MAKE_SEND, name, disp);
}

/* To a port whose receive right is elsewhere: through the send right. */
static mach_msg_return_t send_one_port_copy(mach_port_name_t d,
					    mach_port_name_t name,
					    mach_msg_type_name_t disp)
{
	return send_one_port_as(d, MACH_MSG_TYPE_COPY_SEND, name, disp);
}

/* Receives a one-descriptor message on @d and checks its shape. */
static mu_port_msg_t *recv_one_port(struct harness_test *_metadata,
				    mach_port_name_t d, mu_msg_t *buf)
{
	mu_port_msg_t *m = (mu_port_msg_t *)buf;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, buf));
	EXPECT_TRUE(m->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(sizeof(mu_port_msg_t), m->hdr.msgh_size);
	EXPECT_EQ(1, m->body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, m->port.type);
	return m;
}

TEST(msg_desc_move_receive)
{
	mach_port_name_t d = mu_port(), p = mu_port_send();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(d, p, MACH_MSG_TYPE_MOVE_RECEIVE));
	/* the sender keeps its send right under the name */
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(p));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));

	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, rm->port.disposition);
	/* back in a space that names the port: same name */
	EXPECT_EQ(p, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
	/* and it works as a receive right */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_COPY_SEND, 9));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &buf));
	EXPECT_EQ(9, buf.hdr.msgh_id);
}

/* A receive right moved without send rights: its name goes away, it comes
 * back under a new name, with the messages that were queued on it. */
TEST(msg_desc_move_receive_keeps_queued_messages)
{
	mach_port_name_t d = mu_port(), p = mu_port(), np;
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 31));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 32));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(d, p, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(p));

	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, rm->port.disposition);
	np = rm->port.name;
	ASSERT_TRUE(MACH_PORT_VALID(np));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(np));
	EXPECT_EQ(2, mu_msgcount(np));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(np, &buf));
	EXPECT_EQ(31, buf.hdr.msgh_id);
	EXPECT_EQ(np, buf.hdr.msgh_local_port);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(np, &buf));
	EXPECT_EQ(32, buf.hdr.msgh_id);
}

/* Moving a receive right clears the make-send count, the sequence number
 * and the context (ipc_port_clear_receiver, ipc_port.c:735-737). */
TEST(msg_desc_move_receive_resets_mscount_seqno_context)
{
	mach_port_name_t d = mu_port(), p = mu_port_send();
	mach_port_context_t ctx = 1;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_COPY_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &buf));
	ASSERT_EQ(KERN_SUCCESS, mach_port_set_context(mach_task_self(), p,
						      0xfeedf00d));
	EXPECT_EQ(2, mu_mscount(p));
	EXPECT_EQ(1, mu_seqno(p));

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(d, p, MACH_MSG_TYPE_MOVE_RECEIVE));
	recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
	EXPECT_EQ(0, mu_mscount(p));
	EXPECT_EQ(0, mu_seqno(p));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(mach_task_self(), p,
						      &ctx));
	EXPECT_EQ(0, ctx);
	EXPECT_EQ(2, mu_refs(p, MACH_PORT_RIGHT_SEND));
}

TEST(msg_desc_move_send)
{
	mach_port_name_t d = mu_port(), s = mu_port_send();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), s,
						   MACH_PORT_RIGHT_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_one_port(d, s, MACH_MSG_TYPE_MOVE_SEND));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_SEND));
	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, rm->port.disposition);
	EXPECT_EQ(s, rm->port.name);
	EXPECT_EQ(2, mu_refs(s, MACH_PORT_RIGHT_SEND));
}

TEST(msg_desc_copy_send)
{
	mach_port_name_t d = mu_port(), s = mu_port_send();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_one_port(d, s, MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_SEND));
	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, rm->port.disposition);
	EXPECT_EQ(s, rm->port.name);
	EXPECT_EQ(2, mu_refs(s, MACH_PORT_RIGHT_SEND));
}

TEST(msg_desc_make_send)
{
	mach_port_name_t d = mu_port(), s = mu_port();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, s);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_one_port(d, s, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(s));
	EXPECT_EQ(1, mu_mscount(s));
	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, rm->port.disposition);
	EXPECT_EQ(s, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(s));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_SEND));
}

TEST(msg_desc_move_send_once)
{
	mach_port_name_t d = mu_port(), p = mu_port(), so;
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	so = mu_sonce(p);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(d, so, MACH_MSG_TYPE_MOVE_SEND_ONCE));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(so));
	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE, rm->port.disposition);
	ASSERT_TRUE(MACH_PORT_VALID(rm->port.name));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(rm->port.name));
	EXPECT_EQ(1, mu_sorights(p));
	EXPECT_TRUE(mu_queue_empty(p));
}

TEST(msg_desc_make_send_once)
{
	mach_port_name_t d = mu_port(), p = mu_port();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(d, p, MACH_MSG_TYPE_MAKE_SEND_ONCE));
	EXPECT_EQ(1, mu_sorights(p));
	rm = recv_one_port(_metadata, d, &buf);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE, rm->port.disposition);
	ASSERT_TRUE(MACH_PORT_VALID(rm->port.name));
	EXPECT_NE(p, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(rm->port.name));
	EXPECT_EQ(1, mu_sorights(p));
}

/*
 * NULL and DEAD names pass through as themselves; the descriptor reports
 * the received type for the disposition all the same
 * (ipc_kmsg_copyin_port_descriptor sets disposition to
 * ipc_object_copyin_type(user_disp) whatever the name).
 */
TEST(msg_desc_null_and_dead_names_pass_through)
{
	static const struct {
		mach_port_name_t name;
		mach_msg_type_name_t disp, got;
	} c[] = {
		{ MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_PORT_SEND },
		{ MACH_PORT_DEAD, MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_PORT_SEND },
		{ MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		  MACH_MSG_TYPE_PORT_SEND_ONCE },
		{ MACH_PORT_DEAD, MACH_MSG_TYPE_MOVE_SEND_ONCE,
		  MACH_MSG_TYPE_PORT_SEND_ONCE },
		{ MACH_PORT_NULL, MACH_MSG_TYPE_MOVE_RECEIVE,
		  MACH_MSG_TYPE_PORT_RECEIVE },
		{ MACH_PORT_DEAD, MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_PORT_SEND },
	};
	mach_port_name_t d = mu_port();
	PORT_MSG(6) m, *rm;
	mu_msg_t buf;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, MACH_PORT_NULL, MSG_ID);
	m.body.msgh_descriptor_count = 6;
	for (i = 0; i < 6; i++)
		set_port_desc(&m.d[i], c[i].name, c[i].disp);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, &buf));
	rm = (void *)&buf;
	ASSERT_EQ(6, rm->body.msgh_descriptor_count);
	for (i = 0; i < 6; i++) {
		TH_LOG("descriptor %u", i);
		EXPECT_EQ(c[i].name, rm->d[i].name);
		EXPECT_EQ(c[i].got, rm->d[i].disposition);
		EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, rm->d[i].type);
	}
}

/*
 * Descriptor types are checked while the message is measured, before the
 * header rights are copied in (ipc_kmsg_measure_descriptors_from_user):
 * nothing happens to the space; a MAKE_SEND_ONCE reply is never made, so
 * no send-once notification.
 */
TEST(msg_desc_bad_type_invalid_type)
{
	static const uint8_t bad[] = { 5, 6, 0x7f, 0xff };
	mach_port_name_t d = mu_port(), r = mu_port(), s = mu_port_send();
	static struct mu_space before;
	PORT_MSG(2) m;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_NE(MACH_PORT_NULL, s);
	for (i = 0; i < sizeof(bad); i++) {
		TH_LOG("descriptor type %u", bad[i]);
		memset(&m, 0, sizeof(m));
		set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, r, MSG_ID);
		m.body.msgh_descriptor_count = 2;
		set_port_desc(&m.d[0], s, MACH_MSG_TYPE_MOVE_SEND);
		set_port_desc(&m.d[1], s, MACH_MSG_TYPE_COPY_SEND);
		m.d[1].type = bad[i];
		mu_space_take(&before);
		EXPECT_EQ(MACH_SEND_INVALID_TYPE, mu_send_msg(&m.hdr, 0));
		MU_EXPECT_SPACE_UNCHANGED(before);
	}
}

/*
 * A right the sender does not hold, named in the body: the header rights
 * and the descriptors copied in before it are destroyed
 * (ipc_kmsg_copyin_body error path): the MAKE_SEND_ONCE reply right
 * becomes a send-once notification on the reply port, the receive right
 * moved in the first descriptor dies, nothing is queued.
 */
TEST(msg_desc_bad_right_invalid_right_destroys_message)
{
	mach_port_name_t d = mu_port(), r = mu_port(), x = mu_port();
	PORT_MSG(2) m;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_NE(MACH_PORT_NULL, x);
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, r, MSG_ID);
	m.body.msgh_descriptor_count = 2;
	set_port_desc(&m.d[0], x, MACH_MSG_TYPE_MOVE_RECEIVE);
	set_port_desc(&m.d[1], MU_UNUSED_NAME, MACH_MSG_TYPE_COPY_SEND);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT, mu_send_msg(&m.hdr, 0));

	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(x));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &buf));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, buf.hdr.msgh_id);
	EXPECT_EQ(sizeof(mach_msg_header_t), buf.hdr.msgh_size);
	EXPECT_EQ(r, buf.hdr.msgh_local_port);
	EXPECT_EQ(0, mu_sorights(r));
	EXPECT_TRUE(mu_queue_empty(r));
}

/*
 * A port descriptor whose disposition the named entry cannot give:
 * ipc_right_copyin refuses it (KERN_INVALID_RIGHT, or ipc_right_lookup's
 * KERN_INVALID_NAME), ipc_kmsg_copyin_port_descriptor reports
 * MACH_SEND_INVALID_RIGHT, nothing is queued and the entry keeps its
 * right.  One test per kind of entry.
 */

/* A receive right alone gives no send or send-once right to copy or
 * move. */
TEST(msg_desc_receive_right_as_send_invalid_right)
{
	mach_port_name_t d = mu_port(), recv = mu_port();

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, recv);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, recv, MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, recv, MACH_MSG_TYPE_MOVE_SEND_ONCE));
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(recv));
}

/* A send right alone gives no receive right to move or to make a send
 * right from. */
TEST(msg_desc_send_right_as_receive_invalid_right)
{
	mach_port_name_t d = mu_port(), s, h;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, s, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, s, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(1, mu_refs(s, MACH_PORT_RIGHT_SEND));
}

/* A send-once right cannot be copied as a send right. */
TEST(msg_desc_send_once_right_as_send_invalid_right)
{
	mach_port_name_t d = mu_port(), other = mu_port(), so;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, other);
	so = mu_sonce(other);
	ASSERT_NE(MACH_PORT_NULL, so);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, so, MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(so));
}

/* A dead name has no receive right to move. */
TEST(msg_desc_dead_name_as_receive_invalid_right)
{
	mach_port_name_t d = mu_port(), dn = MACH_PORT_NULL;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, dn, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(1, mu_refs(dn, MACH_PORT_RIGHT_DEAD_NAME));
}

/* A port set is no port: it cannot be sent. */
TEST(msg_desc_port_set_invalid_right)
{
	mach_port_name_t d = mu_port(), set;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &set));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, set, MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(0, mu_msgcount(d));
}

/* A name the space does not have (ipc_right_lookup: KERN_INVALID_NAME). */
TEST(msg_desc_unknown_name_invalid_right)
{
	mach_port_name_t d = mu_port();

	ASSERT_NE(MACH_PORT_NULL, d);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  send_one_port(d, MU_UNUSED_NAME, MACH_MSG_TYPE_MOVE_SEND));
	EXPECT_EQ(0, mu_msgcount(d));
}

/*
 * A disposition outside 16..21 in a port descriptor is not a type error:
 * XNU only checks descriptor types up front, and ipc_right_copyin()
 * refuses the strange disposition with KERN_INVALID_RIGHT, which
 * ipc_kmsg_copyin_port_descriptor() reports as MACH_SEND_INVALID_RIGHT.
 */
TEST(msg_desc_bad_disposition_invalid_right)
{
	static const mach_msg_type_name_t bad[] = {
		0, MACH_MSG_TYPE_PORT_NAME, MACH_MSG_TYPE_COPY_RECEIVE,
		MACH_MSG_TYPE_DISPOSE_RECEIVE, MACH_MSG_TYPE_DISPOSE_SEND,
	};
	mach_port_name_t d = mu_port(), p = mu_port_send();
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, p);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("descriptor disposition %u", bad[i]);
		EXPECT_EQ(MACH_SEND_INVALID_RIGHT, send_one_port(d, p, bad[i]));
	}
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
}

/* ================================================================== */
/* Out-of-line memory */

static mach_msg_return_t send_ool(mach_port_name_t d, void *addr,
				  mach_msg_size_t size, boolean_t dealloc,
				  mach_msg_copy_options_t copy)
{
	ool_msg_t m;

	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, MACH_PORT_NULL, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	m.d.address = addr;
	m.d.size = size;
	m.d.deallocate = dealloc;
	m.d.copy = copy;
	m.d.type = MACH_MSG_OOL_DESCRIPTOR;
	return mu_send_msg(&m.hdr, 0);
}

static ool_msg_t *recv_ool(struct harness_test *_metadata,
			   mach_port_name_t d, mu_msg_t *buf)
{
	ool_msg_t *m = (ool_msg_t *)buf;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, buf));
	EXPECT_TRUE(m->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(sizeof(ool_msg_t), m->hdr.msgh_size);
	EXPECT_EQ(1, m->body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_OOL_DESCRIPTOR, m->d.type);
	return m;
}

static void *map_pages(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

TEST(msg_ool_one_page_intact)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	mach_port_name_t d = mu_port();
	uint8_t *src = map_pages(pg);
	uint64_t sum;
	ool_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(NULL, src);
	mu_fill(src, pg, 1);
	sum = mu_hash(src, pg);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool(d, src, pg, FALSE, MACH_MSG_PHYSICAL_COPY));
	EXPECT_EQ(sum, mu_hash(src, pg));	/* the sender's copy stays */

	rm = recv_ool(_metadata, d, &buf);
	ASSERT_EQ(pg, rm->d.size);
	ASSERT_NE(NULL, rm->d.address);
	EXPECT_NE((void *)src, rm->d.address);
	EXPECT_EQ(sum, mu_hash(rm->d.address, pg));
	/* deallocate = (copy == VIRTUAL_COPY) (ipc_kmsg_deflate_memory_descriptor) */
	EXPECT_EQ(MACH_MSG_PHYSICAL_COPY, rm->d.copy);
	EXPECT_EQ(FALSE, rm->d.deallocate);
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(),
					      (vm_address_t)rm->d.address, pg));
}

TEST(msg_ool_one_mib_intact)
{
	size_t len = 1u << 20;
	mach_port_name_t d = mu_port();
	uint8_t *src = map_pages(len);
	uint64_t sum;
	ool_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(NULL, src);
	mu_fill(src, len, 2);
	sum = mu_hash(src, len);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool(d, src, len, FALSE, MACH_MSG_VIRTUAL_COPY));
	/* the sender may scribble on its copy at once */
	memset(src, 0, len);

	rm = recv_ool(_metadata, d, &buf);
	ASSERT_EQ(len, rm->d.size);
	ASSERT_NE(NULL, rm->d.address);
	EXPECT_EQ(sum, mu_hash(rm->d.address, len));
	EXPECT_EQ(MACH_MSG_VIRTUAL_COPY, rm->d.copy);
	EXPECT_EQ(TRUE, rm->d.deallocate);
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(),
					      (vm_address_t)rm->d.address, len));
}

/*
 * The same 3 pages (hash sum) sent out of line twice, by virtual and by
 * physical copy, and received: at a and at b.
 */
FIXTURE(msg_ool_received) {
	size_t len;
	uint8_t *src, *a, *b;
	uint64_t sum;
};

FIXTURE_SETUP(msg_ool_received)
{
	mach_port_name_t d = mu_port();
	mu_msg_t buf;

	self->len = 3 * (size_t)sysconf(_SC_PAGESIZE);
	self->src = map_pages(self->len);
	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(NULL, self->src);
	mu_fill(self->src, self->len, 3);
	self->sum = mu_hash(self->src, self->len);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_ool(d, self->src, self->len, FALSE,
					     MACH_MSG_VIRTUAL_COPY));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_ool(d, self->src, self->len, FALSE,
					     MACH_MSG_PHYSICAL_COPY));
	self->a = recv_ool(_metadata, d, &buf)->d.address;
	self->b = recv_ool(_metadata, d, &buf)->d.address;
	ASSERT_NE(NULL, self->a);
	ASSERT_NE(NULL, self->b);
}

FIXTURE_TEARDOWN(msg_ool_received)
{
}

/* vm_map_copyout puts each receipt in fresh memory of the receiver's
 * own: writable, separate from the sender's and from the other receipt. */
TEST_F(msg_ool_received, memory_is_fresh)
{
	EXPECT_NE(self->a, self->b);
	EXPECT_NE(self->a, self->src);
	memset(self->a, 0x5a, self->len);
	EXPECT_EQ(self->sum, mu_hash(self->src, self->len));
	EXPECT_EQ(self->sum, mu_hash(self->b, self->len));
}

/* vm_deallocate (vm_map_remove) unmaps the whole received region, and
 * only it: the other receipt stays. */
TEST_F(msg_ool_received, memory_deallocates_alone)
{
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(),
					      (vm_address_t)self->a,
					      self->len));
	EXPECT_FALSE(mu_mapped(self->a));
	EXPECT_FALSE(mu_mapped(self->a + self->len - 1));
	EXPECT_TRUE(mu_mapped(self->b));
}

/* In a child: touch @addr; the child dies of SIGSEGV if it is unmapped. */
static int touch_status(volatile uint8_t *addr)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)*addr;
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* deallocate = TRUE: the sender's pages are gone once the send returns
 * (vm_map_copyin with src_destroy), page-rounded: every page the range
 * touches, and no other. */
TEST(msg_ool_deallocate_unmaps_sender_pages)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	mach_port_name_t d = mu_port();
	uint8_t *base = map_pages(4 * pg), *src;
	size_t len = 2 * pg - 200;
	uint64_t sum;
	ool_msg_t *rm;
	mu_msg_t buf;
	int st;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(NULL, base);
	mu_fill(base, 4 * pg, 4);
	src = base + pg + 100;		/* pages 1 and 2 */
	sum = mu_hash(src, len);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool(d, src, (mach_msg_size_t)len, TRUE,
			   MACH_MSG_VIRTUAL_COPY));
	EXPECT_TRUE(mu_mapped(base));
	EXPECT_FALSE(mu_mapped(base + pg));
	EXPECT_FALSE(mu_mapped(base + 2 * pg));
	EXPECT_TRUE(mu_mapped(base + 3 * pg));
	st = touch_status(src);
	EXPECT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = touch_status(base);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	rm = recv_ool(_metadata, d, &buf);
	ASSERT_EQ(len, rm->d.size);
	ASSERT_NE(NULL, rm->d.address);
	EXPECT_EQ(sum, mu_hash(rm->d.address, len));
}

/* Size 0: the address is ignored, the receiver gets NULL and 0. */
TEST(msg_ool_size_zero_gives_null)
{
	mach_port_name_t d = mu_port();
	static uint8_t junk[64];
	ool_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool(d, junk, 0, FALSE, MACH_MSG_PHYSICAL_COPY));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool(d, (void *)0x10, 0, TRUE, MACH_MSG_VIRTUAL_COPY));
	rm = recv_ool(_metadata, d, &buf);
	EXPECT_EQ(NULL, rm->d.address);
	EXPECT_EQ(0, rm->d.size);
	rm = recv_ool(_metadata, d, &buf);
	EXPECT_EQ(NULL, rm->d.address);
	EXPECT_EQ(0, rm->d.size);
}

/* Unreadable memory is a body error: MACH_SEND_INVALID_MEMORY, and the
 * message is destroyed (its MAKE_SEND_ONCE reply right notifies). */
TEST(msg_ool_unreadable_invalid_memory)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	mach_port_name_t d = mu_port(), r = mu_port();
	uint8_t *hole = map_pages(pg);
	ool_msg_t m;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_NE(NULL, hole);
	ASSERT_EQ(0, munmap(hole, pg));
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, r, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	m.d.address = hole;
	m.d.size = (mach_msg_size_t)pg;
	m.d.copy = MACH_MSG_PHYSICAL_COPY;
	m.d.type = MACH_MSG_OOL_DESCRIPTOR;
	EXPECT_EQ(MACH_SEND_INVALID_MEMORY, mu_send_msg(&m.hdr, 0));
	EXPECT_EQ(0, mu_msgcount(d));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &buf));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, buf.hdr.msgh_id);
}

/* copy must be PHYSICAL or VIRTUAL; ALLOCATE/OVERWRITE and others are
 * refused while the descriptors are inflated, before any right is
 * copied in (ipc_kmsg_inflate_ool_descriptor): nothing changes. */
TEST(msg_ool_bad_copy_option_invalid_type)
{
	static const uint8_t bad[] = { MACH_MSG_ALLOCATE, MACH_MSG_OVERWRITE,
				       4, 0xff };
	mach_port_name_t d = mu_port(), r = mu_port();
	static struct mu_space before;
	static uint8_t data[64];
	ool_msg_t m;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	for (i = 0; i < sizeof(bad); i++) {
		TH_LOG("copy option %u", bad[i]);
		memset(&m, 0, sizeof(m));
		set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, r, MSG_ID);
		m.body.msgh_descriptor_count = 1;
		m.d.address = data;
		m.d.size = sizeof(data);
		m.d.copy = bad[i];
		m.d.type = MACH_MSG_OOL_DESCRIPTOR;
		mu_space_take(&before);
		EXPECT_EQ(MACH_SEND_INVALID_TYPE, mu_send_msg(&m.hdr, 0));
		MU_EXPECT_SPACE_UNCHANGED(before);
	}
}

/* ================================================================== */
/* Out-of-line port arrays */

static mach_msg_return_t send_ool_ports(mach_port_name_t d,
					mach_port_name_t *names,
					mach_msg_size_t count,
					mach_msg_type_name_t disp)
{
	ool_ports_msg_t m;

	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, MACH_PORT_NULL, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	m.d.address = names;
	m.d.count = count;
	m.d.deallocate = FALSE;
	m.d.copy = MACH_MSG_PHYSICAL_COPY;
	m.d.disposition = disp;
	m.d.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	return mu_send_msg(&m.hdr, 0);
}

/* Receives a port array; checks what XNU always reports for one:
 * deallocate TRUE, copy VIRTUAL, fresh memory. */
static ool_ports_msg_t *recv_ool_ports(struct harness_test *_metadata,
				       mach_port_name_t d, mu_msg_t *buf,
				       mach_msg_size_t count,
				       mach_msg_type_name_t want_disp)
{
	ool_ports_msg_t *m = (ool_ports_msg_t *)buf;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(d, buf));
	EXPECT_TRUE(m->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(1, m->body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_OOL_PORTS_DESCRIPTOR, m->d.type);
	EXPECT_EQ(want_disp, m->d.disposition);
	EXPECT_EQ(TRUE, m->d.deallocate);
	EXPECT_EQ(MACH_MSG_VIRTUAL_COPY, m->d.copy);
	ASSERT_EQ(count, m->d.count);
	ASSERT_NE(NULL, m->d.address);
	return m;
}

TEST(msg_ool_ports_copy_send)
{
	mach_port_name_t d = mu_port(), names[3], *got;
	ool_ports_msg_t *rm;
	mu_msg_t buf;
	int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	for (i = 0; i < 3; i++) {
		names[i] = mu_port_send();
		ASSERT_NE(MACH_PORT_NULL, names[i]);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool_ports(d, names, 3, MACH_MSG_TYPE_COPY_SEND));
	rm = recv_ool_ports(_metadata, d, &buf, 3, MACH_MSG_TYPE_PORT_SEND);
	got = rm->d.address;
	EXPECT_NE(names, got);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(names[i], got[i]);
		EXPECT_EQ(2, mu_refs(names[i], MACH_PORT_RIGHT_SEND));
	}
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(),
					      (vm_address_t)got,
					      3 * sizeof(*got)));
}

TEST(msg_ool_ports_make_send_once)
{
	mach_port_name_t d = mu_port(), names[2], *got;
	ool_ports_msg_t *rm;
	mu_msg_t buf;
	int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	for (i = 0; i < 2; i++) {
		names[i] = mu_port();
		ASSERT_NE(MACH_PORT_NULL, names[i]);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool_ports(d, names, 2, MACH_MSG_TYPE_MAKE_SEND_ONCE));
	rm = recv_ool_ports(_metadata, d, &buf, 2,
			    MACH_MSG_TYPE_PORT_SEND_ONCE);
	got = rm->d.address;
	EXPECT_NE(got[0], got[1]);
	for (i = 0; i < 2; i++) {
		ASSERT_TRUE(MACH_PORT_VALID(got[i]));
		EXPECT_NE(names[i], got[i]);
		EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(got[i]));
		EXPECT_EQ(1, mu_sorights(names[i]));
	}
}

TEST(msg_ool_ports_move_receive)
{
	mach_port_name_t d = mu_port(), names[2], *got;
	ool_ports_msg_t *rm;
	mu_msg_t buf;
	int i;

	ASSERT_NE(MACH_PORT_NULL, d);
	for (i = 0; i < 2; i++) {
		names[i] = mu_port_send();
		ASSERT_NE(MACH_PORT_NULL, names[i]);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool_ports(d, names, 2, MACH_MSG_TYPE_MOVE_RECEIVE));
	for (i = 0; i < 2; i++)
		EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(names[i]));
	rm = recv_ool_ports(_metadata, d, &buf, 2, MACH_MSG_TYPE_PORT_RECEIVE);
	got = rm->d.address;
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(names[i], got[i]);
		EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(names[i]));
	}
}

TEST(msg_ool_ports_null_and_dead_pass_through)
{
	mach_port_name_t d = mu_port(), s = mu_port_send(), names[3], *got;
	ool_ports_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, s);
	names[0] = MACH_PORT_NULL;
	names[1] = s;
	names[2] = MACH_PORT_DEAD;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_ool_ports(d, names, 3, MACH_MSG_TYPE_COPY_SEND));
	rm = recv_ool_ports(_metadata, d, &buf, 3, MACH_MSG_TYPE_PORT_SEND);
	got = rm->d.address;
	EXPECT_EQ(MACH_PORT_NULL, got[0]);
	EXPECT_EQ(s, got[1]);
	EXPECT_EQ(MACH_PORT_DEAD, got[2]);
}

/* ================================================================== */
/* Receiving */

/* A port set with two members, @a and @b. */
static mach_port_name_t two_member_set(struct harness_test *_metadata,
				       mach_port_name_t *a, mach_port_name_t *b)
{
	mach_port_name_t set = MACH_PORT_NULL;

	*a = mu_port();
	*b = mu_port();
	ASSERT_NE(MACH_PORT_NULL, *a);
	ASSERT_NE(MACH_PORT_NULL, *b);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &set));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(), *a,
							set));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(), *b,
							set));
	return set;
}

/* a receive on a set whose members hold nothing times out (timeout 0
 * polls) */
TEST(msg_receive_on_empty_port_set_times_out)
{
	mach_port_name_t set, a, b;
	mu_msg_t m;

	set = two_member_set(_metadata, &a, &b);
	EXPECT_EQ(MACH_RCV_TIMED_OUT, mu_recv_opts(set, &m, 0, 0));
}

/* a receive on the set takes a member's message and names the member in
 * msgh_local_port (ipc_mqueue_receive on a set's waitq) */
TEST(msg_receive_on_port_set_names_member)
{
	mach_port_name_t set, a, b;
	mu_msg_t m;

	set = two_member_set(_metadata, &a, &b);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(b, MACH_MSG_TYPE_MAKE_SEND, 2));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(set, &m));
	EXPECT_EQ(b, m.hdr.msgh_local_port);
	EXPECT_EQ(2, m.hdr.msgh_id);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(a, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(set, &m));
	EXPECT_EQ(a, m.hdr.msgh_local_port);
	EXPECT_EQ(1, m.hdr.msgh_id);
}

/* a member can still be received on directly (no MACH_RCV_IN_SET) */
TEST(msg_receive_on_set_member_directly)
{
	mach_port_name_t set, a, b;
	mu_msg_t m;

	set = two_member_set(_metadata, &a, &b);
	(void)set;
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(a, MACH_MSG_TYPE_MAKE_SEND, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(a, &m));
	EXPECT_EQ(3, m.hdr.msgh_id);
}

TEST(msg_receive_without_receive_right_invalid_name)
{
	mach_port_name_t s, h, so, dn = MACH_PORT_NULL, other = mu_port();
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, other);
	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&s, &h));
	so = mu_sonce(other);
	ASSERT_NE(MACH_PORT_NULL, so);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_DEAD_NAME,
						   &dn));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(MACH_PORT_NULL, &m, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(MACH_PORT_DEAD, &m, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(MU_UNUSED_NAME, &m, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(s, &m, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(so, &m, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(dn, &m, 0, 0));
}

TEST_F(msg, rcv_timeout_zero_polls)
{
	mach_port_name_t p = self->p;
	uint64_t t0;
	mu_msg_t m;

	t0 = mu_now_ms();
	EXPECT_EQ(MACH_RCV_TIMED_OUT, mu_recv_opts(p, &m, 0, 0));
	EXPECT_LT(mu_now_ms() - t0, 1000);
}

TEST_F(msg, rcv_timeout_waits_that_long)
{
	mach_port_name_t p = self->p;
	uint64_t t0, j0;
	mu_msg_t m;

	t0 = mu_now_ms();
	j0 = mu_jiffies_ms();
	EXPECT_EQ(MACH_RCV_TIMED_OUT, mu_recv_opts(p, &m, 0, 300));
	MU_EXPECT_WAITED(300, t0, j0);
}

/* A 100-byte message (id 77, body bytes 0x3c) queued on a new port. */
static mach_port_name_t large_queued(struct harness_test *_metadata)
{
	mach_port_name_t p = mu_port();
	struct {
		mach_msg_header_t hdr;
		uint8_t data[76];
	} s;

	ASSERT_NE(MACH_PORT_NULL, p);
	memset(&s, 0x3c, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 77);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&s.hdr, 0));
	return p;
}

/* A 100-byte message and room for less: with MACH_RCV_LARGE it stays
 * queued and only msgh_size (the size needed, without trailer) is
 * written into the buffer (ipc_mqueue_select_on_thread). */
TEST(msg_rcv_large_leaves_message_queued)
{
	mach_port_name_t p = large_queued(_metadata);
	mu_msg_t m;

	memset(&m, 0xa5, sizeof(m));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   MACH_RCV_LARGE, 0, 64, p, 0, MACH_PORT_NULL));
	EXPECT_EQ(100, m.hdr.msgh_size);
	EXPECT_EQ(0xa5a5a5a5u, m.hdr.msgh_bits);
	EXPECT_EQ(0xa5a5a5a5u, m.hdr.msgh_remote_port);
	EXPECT_EQ(0xa5a5a5a5u, m.hdr.msgh_local_port);
	EXPECT_EQ((mach_msg_id_t)0xa5a5a5a5u, m.hdr.msgh_id);
	EXPECT_EQ(0xa5, m.buf[24]);
	EXPECT_EQ(1, mu_msgcount(p));
	EXPECT_EQ(0, mu_seqno(p));
}

/* the exact size is still too small: the trailer needs room too */
TEST(msg_rcv_large_exact_size_leaves_no_room_for_trailer)
{
	mach_port_name_t p = large_queued(_metadata);
	mu_msg_t m;

	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   MACH_RCV_LARGE, 0, 100, p, 0, MACH_PORT_NULL));
	EXPECT_EQ(1, mu_msgcount(p));
}

/* with room for the size and the minimal trailer it is received whole */
TEST(msg_rcv_large_size_plus_trailer_receives)
{
	mach_port_name_t p = large_queued(_metadata);
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   MACH_RCV_LARGE, 0, 100 + 8, p, 0, MACH_PORT_NULL));
	EXPECT_EQ(100, m.hdr.msgh_size);
	EXPECT_EQ(77, m.hdr.msgh_id);
	EXPECT_EQ(0x3c, m.buf[99]);
	EXPECT_EQ(0, mu_msgcount(p));
}

/* MACH_RCV_LARGE_IDENTITY also names the port the message waits on,
 * which is what a port-set receiver needs to retry. */
TEST(msg_rcv_large_identity_names_port)
{
	mach_port_name_t set = MACH_PORT_NULL, a = mu_port();
	simple_msg_t s;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &set));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(), a,
							set));
	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), a, MACH_PORT_NULL, 5);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&s.hdr, 0));
	memset(&m, 0, sizeof(m));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY, 0, 32,
			   set, 0, MACH_PORT_NULL));
	EXPECT_EQ(sizeof(s), m.hdr.msgh_size);
	EXPECT_EQ(a, m.hdr.msgh_local_port);
	EXPECT_EQ(1, mu_msgcount(a));
}

/* A complex message to @d (id 4242) with a MAKE_SEND_ONCE reply right
 * for @r and a send right to @x in its body, received into 64 bytes
 * without MACH_RCV_LARGE: MACH_RCV_TOO_LARGE, what is left in @m. */
static void too_large_received(struct harness_test *_metadata,
			       mach_port_name_t d, mach_port_name_t r,
			       mach_port_name_t x, mu_msg_t *m)
{
	struct {
		mach_msg_header_t hdr;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t d;
		uint8_t data[160];
	} s;

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_NE(MACH_PORT_NULL, x);
	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(s), d, r, 4242);
	s.body.msgh_descriptor_count = 1;
	set_port_desc(&s.d, x, MACH_MSG_TYPE_MAKE_SEND);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&s.hdr, 0));
	EXPECT_EQ(TRUE, mu_srights(x));

	memset(m, 0xa5, sizeof(*m));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&m->hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, d,
			   0, MACH_PORT_NULL));
}

/*
 * Without MACH_RCV_LARGE a message that does not fit is dequeued and
 * destroyed (ipc_kmsg_copyout_dest_to_user): the receiver gets a bare
 * 24-byte header naming the destination, bits as the message had them
 * (swapped), msgh_id kept, the reply right destroyed (a send-once
 * notification for a MAKE_SEND_ONCE reply), the rights in the body
 * released.
 */
TEST(msg_rcv_too_large_destroys_message)
{
	mach_port_name_t d = mu_port(), r = mu_port(), x = mu_port();
	mu_msg_t m;

	too_large_received(_metadata, d, r, x, &m);
	EXPECT_EQ(sizeof(mach_msg_header_t), m.hdr.msgh_size);
	EXPECT_EQ(d, m.hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, m.hdr.msgh_remote_port);
	EXPECT_EQ(4242, m.hdr.msgh_id);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, MACH_MSGH_BITS_LOCAL(m.hdr.msgh_bits));
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE,
		  MACH_MSGH_BITS_REMOTE(m.hdr.msgh_bits));
	EXPECT_EQ(0, mu_msgcount(d));
	EXPECT_EQ(1, mu_seqno(d));
}

/* the rights the destroyed message carried are gone: the body's send
 * right released, the reply right destroyed (a send-once notification) */
TEST(msg_rcv_too_large_releases_the_rights_it_carried)
{
	mach_port_name_t d = mu_port(), r = mu_port(), x = mu_port();
	mu_msg_t m;

	too_large_received(_metadata, d, r, x, &m);
	EXPECT_EQ(FALSE, mu_srights(x));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &m));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, m.hdr.msgh_id);
	EXPECT_EQ(0, mu_sorights(r));
}

/* ================================================================== */
/* Trailers */

/* The trailer is as long as MACH_RCV_TRAILER_ELEMENTS asks
 * (REQUESTED_TRAILER_SIZE), and not a byte more is written. */
TEST(msg_trailer_sizes)
{
	static const struct {
		unsigned int elements;
		mach_msg_size_t size;
	} c[] = {
		{ MACH_RCV_TRAILER_NULL, 8 }, { MACH_RCV_TRAILER_SEQNO, 12 },
		{ MACH_RCV_TRAILER_SENDER, 20 }, { MACH_RCV_TRAILER_AUDIT, 52 },
		{ MACH_RCV_TRAILER_CTX, 60 }, { 5, 68 }, { 6, 68 },
		{ MACH_RCV_TRAILER_AV, 68 }, { MACH_RCV_TRAILER_LABELS, 68 },
	};
	mach_port_name_t p = mu_port();
	struct {
		mach_msg_header_t hdr;
		mach_msg_max_trailer_t trailer;
		uint8_t sentinel[16];
	} buf;
	unsigned int i;
	size_t j;

	ASSERT_NE(MACH_PORT_NULL, p);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint8_t *after;

		TH_LOG("trailer elements %u", c[i].elements);
		ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
		memset(&buf, 0xff, sizeof(buf));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mach_msg(&buf.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
				   MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
				   MACH_RCV_TRAILER_ELEMENTS(c[i].elements), 0,
				   sizeof(buf), p, MU_WAIT_MS, MACH_PORT_NULL));
		EXPECT_EQ(sizeof(buf.hdr), buf.hdr.msgh_size);
		EXPECT_EQ(MACH_MSG_TRAILER_FORMAT_0,
			  buf.trailer.msgh_trailer_type);
		EXPECT_EQ(c[i].size, buf.trailer.msgh_trailer_size);
		after = (uint8_t *)&buf.trailer + c[i].size;
		for (j = 0; after + j < (uint8_t *)(&buf + 1); j++)
			if (after[j] != 0xff)
				break;
		EXPECT_EQ((size_t)((uint8_t *)(&buf + 1) - after), j);
		if (c[i].size >= 68) {
			EXPECT_EQ(0, buf.trailer.msgh_ad);
			EXPECT_EQ(0, buf.trailer.msgh_labels.sender);
		}
	}
}

TEST_F(msg, trailer_seqno_increments)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;
	unsigned int i;

	for (i = 0; i < 3; i++)
		ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, i));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
					       MACH_RCV_TRAILER_SEQNO),
				       MU_WAIT_MS));
		EXPECT_EQ(12, mu_trailer(&m.hdr)->msgh_trailer_size);
		EXPECT_EQ(i, mu_trailer(&m.hdr)->msgh_seqno);
		EXPECT_EQ(i, m.hdr.msgh_id);
	}
	EXPECT_EQ(3, mu_seqno(p));
}

TEST_F(msg, trailer_sender_token_is_euid_egid)
{
	mach_port_name_t p = self->p;
	mach_msg_max_trailer_t *t;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_SENDER), MU_WAIT_MS));
	t = mu_trailer(&m.hdr);
	EXPECT_EQ(20, t->msgh_trailer_size);
	EXPECT_EQ(geteuid(), t->msgh_sender.val[0]);
	EXPECT_EQ(getegid(), t->msgh_sender.val[1]);
}

/* audit token: {auid, euid, egid, ruid, rgid, pid, asid, pidversion} */
TEST_F(msg, trailer_audit_token_names_sender)
{
	mach_port_name_t p = self->p;
	mach_msg_max_trailer_t *t;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_AUDIT), MU_WAIT_MS));
	t = mu_trailer(&m.hdr);
	EXPECT_EQ(52, t->msgh_trailer_size);
	EXPECT_EQ(geteuid(), t->msgh_audit.val[1]);
	EXPECT_EQ(getegid(), t->msgh_audit.val[2]);
	EXPECT_EQ(getuid(), t->msgh_audit.val[3]);
	EXPECT_EQ(getgid(), t->msgh_audit.val[4]);
	EXPECT_EQ(getpid(), t->msgh_audit.val[5]);
}

static void *send_from_thread(void *arg)
{
	mach_port_name_t p = (mach_port_name_t)(uintptr_t)arg;

	return (void *)(uintptr_t)mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1);
}

/* Sent by another thread: the audit pid is the process's, not the
 * thread's id. */
TEST_F(msg, trailer_audit_pid_is_process_from_thread)
{
	mach_port_name_t p = self->p;
	pthread_t th;
	void *ret;
	mu_msg_t m;

	ASSERT_EQ(0, pthread_create(&th, NULL, send_from_thread,
				    (void *)(uintptr_t)p));
	ASSERT_EQ(0, mu_thread_join(th, &ret, MU_WAIT_MS));
	ASSERT_EQ(MACH_MSG_SUCCESS, (mach_msg_return_t)(uintptr_t)ret);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_AUDIT), MU_WAIT_MS));
	EXPECT_EQ(getpid(), mu_trailer(&m.hdr)->msgh_audit.val[5]);
}

TEST_F(msg, trailer_context_is_port_context)
{
	mach_port_name_t p = self->p;
	mach_msg_max_trailer_t *t;
	mu_msg_t m;

	ASSERT_EQ(KERN_SUCCESS, mach_port_set_context(mach_task_self(), p,
						      0x1122334455667788ull));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_CTX), MU_WAIT_MS));
	t = mu_trailer(&m.hdr);
	EXPECT_EQ(60, t->msgh_trailer_size);
	EXPECT_EQ(0x1122334455667788ull, t->msgh_context);
	EXPECT_EQ(getpid(), t->msgh_audit.val[5]);
}

/* ================================================================== */
/* Queue limits and pseudo-receive */

struct pseudo_hdr_msg {
	mach_msg_header_t hdr;
	uint32_t data[2];
	uint8_t after[68];
};

/* A header-and-8-bytes message (id 77) to a full queue @*d with a
 * MAKE_SEND destination and a MAKE_SEND_ONCE reply right for @r, sent
 * with MACH_SEND_TIMEOUT 0: MACH_SEND_TIMED_OUT, nothing queued. */
static void pseudo_hdr_send(struct harness_test *_metadata,
			    mach_port_name_t *d, mach_port_name_t r,
			    struct pseudo_hdr_msg *s)
{
	*d = full_port(_metadata);
	ASSERT_NE(MACH_PORT_NULL, r);
	memset(s, 0xee, sizeof(*s));
	set_header(&s->hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					   MACH_MSG_TYPE_MAKE_SEND_ONCE),
		   sizeof(s->hdr) + sizeof(s->data), *d, r, 77);
	s->data[0] = 1;
	s->data[1] = 2;
	EXPECT_EQ(MACH_SEND_TIMED_OUT,
		  mach_msg(&s->hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			   s->hdr.msgh_size, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL));
	EXPECT_EQ(1, mu_msgcount(*d));
}

/*
 * A full queue (qlimit 1) and MACH_SEND_TIMEOUT 0: MACH_SEND_TIMED_OUT,
 * and the message comes back into the send buffer by pseudo-receive
 * (ipc_kmsg_copyout_pseudo): the header is not swapped, the rights made
 * for it are the sender's now (the MAKE_SEND destination right, the
 * MAKE_SEND_ONCE reply right as a send-once name), and no trailer is
 * written.
 */
TEST(msg_send_timeout_full_queue_pseudo_receive_header)
{
	mach_port_name_t d, r = mu_port();
	struct pseudo_hdr_msg s;
	unsigned int i;

	pseudo_hdr_send(_metadata, &d, r, &s);
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
				 MACH_MSG_TYPE_PORT_SEND_ONCE), s.hdr.msgh_bits);
	EXPECT_EQ(d, s.hdr.msgh_remote_port);
	EXPECT_EQ(77, s.hdr.msgh_id);
	EXPECT_EQ(sizeof(s.hdr) + sizeof(s.data), s.hdr.msgh_size);
	EXPECT_EQ(1u, s.data[0]);
	EXPECT_EQ(2u, s.data[1]);
	for (i = 0; i < sizeof(s.after); i++)
		if (s.after[i] != 0xee)
			break;
	EXPECT_EQ(sizeof(s.after), i);	/* no trailer */
}

/* the rights made for the message are the sender's now: the made send
 * right is d's (mscount counted), the made send-once right has a name of
 * its own */
TEST(msg_send_timeout_pseudo_receive_header_rights)
{
	mach_port_name_t d, r = mu_port(), so;
	struct pseudo_hdr_msg s;

	pseudo_hdr_send(_metadata, &d, r, &s);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(d));
	EXPECT_EQ(1, mu_refs(d, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(2, mu_mscount(d));
	so = s.hdr.msgh_local_port;
	ASSERT_TRUE(MACH_PORT_VALID(so));
	EXPECT_NE(r, so);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(so));
	EXPECT_EQ(1, mu_sorights(r));
	EXPECT_TRUE(mu_queue_empty(r));
}

/*
 * The rights in the body come back too, as if received
 * (ipc_kmsg_copyout_pseudo): a message to a full queue with a moved and a
 * copied send right (s, 2 urefs), a moved receive right (x) and a made
 * send-once right (y), sent with MACH_SEND_TIMEOUT 0.
 */
static void pseudo_body_send(struct harness_test *_metadata,
			     mach_port_name_t *d, mach_port_name_t *s,
			     mach_port_name_t *x, mach_port_name_t *y,
			     void *msg)
{
	PORT_MSG(4) *m = msg;

	*d = full_port(_metadata);
	*s = mu_port_send();
	*x = mu_port_send();
	*y = mu_port();
	ASSERT_NE(MACH_PORT_NULL, *s);
	ASSERT_NE(MACH_PORT_NULL, *x);
	ASSERT_NE(MACH_PORT_NULL, *y);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), *s,
						   MACH_PORT_RIGHT_SEND, 1));
	memset(m, 0, sizeof(*m));
	set_header(&m->hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(*m), *d, MACH_PORT_NULL,
		   MSG_ID);
	m->body.msgh_descriptor_count = 4;
	set_port_desc(&m->d[0], *s, MACH_MSG_TYPE_MOVE_SEND);
	set_port_desc(&m->d[1], *x, MACH_MSG_TYPE_MOVE_RECEIVE);
	set_port_desc(&m->d[2], *y, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	set_port_desc(&m->d[3], *s, MACH_MSG_TYPE_COPY_SEND);
	EXPECT_EQ(MACH_SEND_TIMED_OUT, mu_send_msg(&m->hdr, 0));
}

/* the descriptors read as received: dispositions 16/17/18, send and
 * receive rights under their old names, the send-once under a new one */
TEST(msg_send_timeout_pseudo_receive_body_descriptors)
{
	mach_port_name_t d, s, x, y;
	PORT_MSG(4) m;

	pseudo_body_send(_metadata, &d, &s, &x, &y, &m);
	EXPECT_EQ(MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND, 0),
		  m.hdr.msgh_bits);
	EXPECT_EQ(4, m.body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, m.d[0].disposition);
	EXPECT_EQ(s, m.d[0].name);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, m.d[1].disposition);
	EXPECT_EQ(x, m.d[1].name);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE, m.d[2].disposition);
	EXPECT_TRUE(MACH_PORT_VALID(m.d[2].name));
	EXPECT_NE(y, m.d[2].name);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, m.d[3].disposition);
	EXPECT_EQ(s, m.d[3].name);
}

/* the rights are the sender's again: 2 urefs, one moved and one copied:
 * 1 + 1 + 1 back; the receive right with its send right; a send-once
 * right to y; nothing was queued */
TEST(msg_send_timeout_pseudo_receive_body_rights)
{
	mach_port_name_t d, s, x, y;
	PORT_MSG(4) m;

	pseudo_body_send(_metadata, &d, &s, &x, &y, &m);
	EXPECT_EQ(3, mu_refs(s, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(x));
	EXPECT_EQ(1, mu_refs(x, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(m.d[2].name));
	EXPECT_EQ(1, mu_sorights(y));
	EXPECT_EQ(1, mu_msgcount(d));
}

/* "ready to be resent" once there is room: moving every right it now
 * names sends it */
TEST(msg_send_timeout_pseudo_received_message_can_be_resent)
{
	mach_port_name_t d, s, x, y;
	PORT_MSG(4) m;

	pseudo_body_send(_metadata, &d, &s, &x, &y, &m);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(d, 2));
	m.d[0].disposition = MACH_MSG_TYPE_MOVE_SEND;
	m.d[1].disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.d[2].disposition = MACH_MSG_TYPE_MOVE_SEND_ONCE;
	m.d[3].disposition = MACH_MSG_TYPE_MOVE_SEND;
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	EXPECT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	EXPECT_EQ(2, mu_msgcount(d));
}

/* Out-of-line memory comes back as well, intact, even when the sender
 * asked for its pages to be deallocated. */
TEST(msg_send_timeout_pseudo_receive_ool_memory)
{
	size_t len = 2 * (size_t)sysconf(_SC_PAGESIZE);
	mach_port_name_t d;
	uint8_t *src = map_pages(len);
	uint64_t sum;
	ool_msg_t m;

	d = full_port(_metadata);
	ASSERT_NE(NULL, src);
	mu_fill(src, len, 5);
	sum = mu_hash(src, len);
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), d, MACH_PORT_NULL, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	m.d.address = src;
	m.d.size = (mach_msg_size_t)len;
	m.d.deallocate = TRUE;
	m.d.copy = MACH_MSG_VIRTUAL_COPY;
	m.d.type = MACH_MSG_OOL_DESCRIPTOR;
	EXPECT_EQ(MACH_SEND_TIMED_OUT, mu_send_msg(&m.hdr, 0));
	EXPECT_EQ(MACH_MSG_OOL_DESCRIPTOR, m.d.type);
	ASSERT_EQ(len, m.d.size);
	ASSERT_NE(NULL, m.d.address);
	EXPECT_TRUE(mu_mapped(m.d.address));
	EXPECT_EQ(sum, mu_hash(m.d.address, len));
}

TEST(msg_send_timeout_nonzero_waits_that_long)
{
	mach_port_name_t d;
	uint64_t t0, j0;

	d = full_port(_metadata);
	t0 = mu_now_ms();
	j0 = mu_jiffies_ms();
	EXPECT_EQ(MACH_SEND_TIMED_OUT,
		  mu_send_full(d, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0,
			       2, 300));
	MU_EXPECT_WAITED(300, t0, j0);
	EXPECT_EQ(1, mu_msgcount(d));
}

/* Messages to a send-once right ignore the queue limit
 * (ipc_mqueue_send_locked). */
TEST(msg_send_once_dest_ignores_qlimit)
{
	mach_port_name_t d, so;

	d = full_port(_metadata);
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  mu_send(d, MACH_MSG_TYPE_MAKE_SEND_ONCE, 2));
	so = mu_sonce(d);
	ASSERT_NE(MACH_PORT_NULL, so);
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  mu_send(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, 3));
	EXPECT_EQ(3, mu_msgcount(d));
	/* a send right still does not get through */
	EXPECT_EQ(MACH_SEND_TIMED_OUT, mu_send(d, MACH_MSG_TYPE_MAKE_SEND, 4));
}

/* qlimit 0: every message to a send right waits (no special case). */
TEST(msg_qlimit_zero_blocks_every_send)
{
	mach_port_name_t d = mu_port();

	ASSERT_NE(MACH_PORT_NULL, d);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(d, 0));
	EXPECT_EQ(MACH_SEND_TIMED_OUT, mu_send(d, MACH_MSG_TYPE_MAKE_SEND, 1));
	EXPECT_EQ(MACH_MSG_SUCCESS, mu_send(d, MACH_MSG_TYPE_MAKE_SEND_ONCE, 2));
	EXPECT_EQ(1, mu_msgcount(d));
}

/* ================================================================== */
/* Blocking and wake-ups (threads in one task) */

struct blocker {
	mach_port_name_t port;
	mach_port_name_t reply;
	mach_msg_option_t extra;
	mach_msg_timeout_t ms;
	volatile pid_t tid;
	volatile int done;
	mach_msg_return_t mr;
	mu_msg_t msg;
};

static void *blocked_send(void *arg)
{
	struct blocker *b = arg;

	b->tid = mu_gettid();
	b->mr = mu_send_full(b->port, MACH_MSG_TYPE_MAKE_SEND, b->reply,
			     b->reply ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0, 2,
			     b->ms);
	b->done = 1;
	return NULL;
}

static void *blocked_recv(void *arg)
{
	struct blocker *b = arg;

	b->tid = mu_gettid();
	b->mr = mu_recv_opts(b->port, &b->msg, b->extra, b->ms);
	b->done = 1;
	return NULL;
}

/* Starts @fn on @b and waits until it sleeps in the kernel. */
static pthread_t start_blocker(struct harness_test *_metadata,
			       void *(*fn)(void *), struct blocker *b)
{
	pthread_t th;
	int i;

	ASSERT_EQ(0, pthread_create(&th, NULL, fn, b));
	for (i = 0; i < 500 && !b->tid; i++)
		usleep(10000);
	ASSERT_NE(0, b->tid);
	ASSERT_EQ(0, mu_wait_blocked(b->tid, MU_WAIT_MS));
	ASSERT_EQ(0, b->done);
	return th;
}

TEST(msg_blocked_sender_wakes_when_receiver_dequeues)
{
	static struct blocker b;
	pthread_t th;
	mu_msg_t m;

	b.port = full_port(_metadata);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_send, &b);
	usleep(100000);
	EXPECT_EQ(0, b.done);
	EXPECT_EQ(1, mu_msgcount(b.port));

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(b.port, &m));
	EXPECT_EQ(1, m.hdr.msgh_id);
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(b.port, &m));
	EXPECT_EQ(2, m.hdr.msgh_id);
}

/* Raising the queue limit lets a blocked sender in
 * (ipc_mqueue_set_qlimit_locked wakes senders). */
TEST(msg_blocked_sender_wakes_when_qlimit_raised)
{
	static struct blocker b;
	pthread_t th;

	b.port = full_port(_metadata);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_send, &b);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(b.port, 2));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	EXPECT_EQ(2, mu_msgcount(b.port));
}

/*
 * The destination dies while a sender waits for room.  The reference
 * (§2.2) says blocked senders wake with MACH_SEND_INVALID_DEST, which
 * would imply a pseudo-receive; but ipc_kmsg_send() (ipc_kmsg.c:5460-5474)
 * catches exactly that case: "If the port has been destroyed while we
 * wait, treat the message as a successful delivery (like we do for an
 * inactive port)" -- it destroys the message and returns
 * MACH_MSG_SUCCESS.  So: success, and the message's rights are released
 * (its MAKE_SEND_ONCE reply right sends a send-once notification).
 */
TEST(msg_blocked_sender_port_destroyed_message_destroyed)
{
	static struct blocker b;
	pthread_t th;
	mu_msg_t m;

	b.port = full_port(_metadata);
	b.reply = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b.reply);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_send, &b);
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(b.port));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	/* nothing came back to the sender (no pseudo-receive) */
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(b.port));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(b.reply, &m));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, m.hdr.msgh_id);
	EXPECT_EQ(0, mu_sorights(b.reply));
}

TEST(msg_blocked_receive_port_destroyed_port_changed)
{
	static struct blocker b;
	pthread_t th;

	b.port = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b.port);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(b.port));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_RCV_PORT_CHANGED, b.mr);
	/* and a receive after that: the name is gone */
	EXPECT_EQ(MACH_RCV_INVALID_NAME, mu_recv_opts(b.port, &b.msg, 0, 0));
}

TEST(msg_blocked_receive_set_destroyed_port_changed)
{
	static struct blocker b;
	mach_port_name_t member = mu_port();
	pthread_t th;

	ASSERT_NE(MACH_PORT_NULL, member);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_PORT_SET,
						   &b.port));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							member, b.port));
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), b.port,
						   MACH_PORT_RIGHT_PORT_SET, -1));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_RCV_PORT_CHANGED, b.mr);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(member));
}

/* Moving the receive right away wakes its receivers the same way
 * (ipc_port_clear_receiver -> ipc_mqueue_changed). */
TEST(msg_blocked_receive_right_moved_port_changed)
{
	static struct blocker b;
	mach_port_name_t h = mu_port();
	pthread_t th;

	ASSERT_NE(MACH_PORT_NULL, h);
	b.port = mu_port_send();
	ASSERT_NE(MACH_PORT_NULL, b.port);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(h, b.port, MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_RCV_PORT_CHANGED, b.mr);
}

TEST(msg_blocked_receive_wakes_on_send)
{
	static struct blocker b;
	pthread_t th;

	b.port = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b.port);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(b.port, MACH_MSG_TYPE_MAKE_SEND, 8));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	EXPECT_EQ(8, b.msg.hdr.msgh_id);
	EXPECT_EQ(b.port, b.msg.hdr.msgh_local_port);
}

/* ================================================================== */
/* Signals */

static volatile sig_atomic_t sigs_seen;

static void on_sigusr1(int sig)
{
	(void)sig;
	sigs_seen++;
}

static void catch_sigusr1(struct harness_test *_metadata)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigusr1;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
}

/* MACH_RCV_INTERRUPT: a signal ends the receive with MACH_RCV_INTERRUPTED. */
TEST(msg_rcv_interrupt_returns_interrupted)
{
	static struct blocker b;
	pthread_t th;

	catch_sigusr1(_metadata);
	b.port = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b.port);
	b.ms = 20000;
	b.extra = MACH_RCV_INTERRUPT;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(0, pthread_kill(th, SIGUSR1));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_RCV_INTERRUPTED, b.mr);
	EXPECT_EQ(1, sigs_seen);
}

/* Without it, mach_msg() (libsyscall) retries the receive: the handler
 * runs and the thread goes on waiting for the message. */
TEST(msg_rcv_signal_without_interrupt_retries)
{
	static struct blocker b;
	pthread_t th;

	catch_sigusr1(_metadata);
	b.port = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b.port);
	b.ms = 20000;
	th = start_blocker(_metadata, blocked_recv, &b);
	ASSERT_EQ(0, pthread_kill(th, SIGUSR1));
	ASSERT_EQ(0, mu_wait_blocked(b.tid, MU_WAIT_MS));
	usleep(100000);
	EXPECT_EQ(1, sigs_seen);
	EXPECT_EQ(0, b.done);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(b.port, MACH_MSG_TYPE_MAKE_SEND, 6));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	EXPECT_EQ(6, b.msg.hdr.msgh_id);
}

/* ================================================================== */
/* RPC: one call sends the request and receives the reply */

struct rpc_server {
	mach_port_name_t service;
	mach_msg_return_t rcv_mr, snd_mr;
	mach_msg_bits_t req_bits;
	mach_port_name_t reply_name;
	kern_return_t reply_name_after;
};

static void *rpc_serve_one(void *arg)
{
	struct rpc_server *s = arg;
	mu_msg_t m;
	simple_msg_t *req = (simple_msg_t *)&m, rep;

	s->rcv_mr = mu_recv_opts(s->service, &m, 0, 20000);
	if (s->rcv_mr)
		return NULL;
	s->req_bits = req->hdr.msgh_bits;
	s->reply_name = req->hdr.msgh_remote_port;
	memset(&rep, 0, sizeof(rep));
	set_header(&rep.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
		   sizeof(rep), req->hdr.msgh_remote_port, MACH_PORT_NULL,
		   req->hdr.msgh_id + 100);
	rep.data[0] = req->data[0] + 1;
	s->snd_mr = mu_send_msg(&rep.hdr, 0);
	s->reply_name_after = mu_type_kr(s->reply_name);
	return NULL;
}

/*
 * One RPC: a server thread receives a request on its service port and
 * answers through the MAKE_SEND_ONCE reply right; this thread sends the
 * request and receives the reply (id 500 -> 600, 41 -> 42) in one
 * mach_msg call.
 */
FIXTURE(msg_rpc) {
	struct rpc_server srv;
	mach_port_name_t reply;
	mu_msg_t m;
};

FIXTURE_SETUP(msg_rpc)
{
	simple_msg_t *req;
	pthread_t th;

	self->reply = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->reply);
	self->srv.service = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->srv.service);
	ASSERT_EQ(0, pthread_create(&th, NULL, rpc_serve_one, &self->srv));

	memset(&self->m, 0, sizeof(self->m));
	req = (simple_msg_t *)&self->m;
	set_header(&req->hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE),
		   sizeof(*req), self->srv.service, self->reply, 500);
	req->data[0] = 41;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&self->m.hdr, MACH_SEND_MSG | MACH_RCV_MSG |
			   MACH_RCV_TIMEOUT, sizeof(*req), sizeof(self->m),
			   self->reply, 20000, MACH_PORT_NULL));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
}

FIXTURE_TEARDOWN(msg_rpc)
{
}

/* mach_msg_overwrite_trap: SEND|RCV sends the request, then receives the
 * server's reply on the reply port, swapped by ipc_kmsg_copyout_header;
 * the send-once right it came through is gone. */
TEST_F(msg_rpc, send_and_receive_between_threads)
{
	EXPECT_EQ(600, self->m.hdr.msgh_id);
	EXPECT_EQ(sizeof(simple_msg_t), self->m.hdr.msgh_size);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE),
		  self->m.hdr.msgh_bits);
	EXPECT_EQ(self->reply, self->m.hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, self->m.hdr.msgh_remote_port);
	EXPECT_EQ(42u, ((simple_msg_t *)&self->m)->data[0]);
	EXPECT_EQ(0, mu_sorights(self->reply));
}

/* ipc_kmsg_copyout_header: the server receives the request with a
 * send-once reply right (PORT_SEND_ONCE) and the service's send right
 * (PORT_SEND) as local. */
TEST_F(msg_rpc, server_receives_a_send_once_reply_right)
{
	EXPECT_EQ(MACH_MSG_SUCCESS, self->srv.rcv_mr);
	EXPECT_EQ(MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
				 MACH_MSG_TYPE_PORT_SEND), self->srv.req_bits);
}

/* ipc_right_copyin of MOVE_SEND_ONCE: the server's reply consumes its
 * send-once right; the name is gone from its space. */
TEST_F(msg_rpc, server_reply_consumes_the_send_once_right)
{
	EXPECT_EQ(MACH_MSG_SUCCESS, self->srv.snd_mr);
	EXPECT_EQ(KERN_INVALID_NAME, self->srv.reply_name_after);
}

/* SEND|RCV whose send fails: no receive is attempted
 * (mach_msg_overwrite_trap). */
TEST_F(msg, send_rcv_failed_send_skips_receive)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 5));
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
		   sizeof(m.hdr), MU_UNUSED_NAME, MACH_PORT_NULL, 1);
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mach_msg(&m.hdr, MACH_SEND_MSG | MACH_RCV_MSG |
			   MACH_RCV_TIMEOUT, sizeof(m.hdr), sizeof(m), p, 0,
			   MACH_PORT_NULL));
	EXPECT_EQ(1, mu_msgcount(p));
}

/* ================================================================== */
/* Messages die with their port */

/*
 * Destroying a receive right destroys the messages queued on it with
 * every right they carry: the last send right to Y, queued in a message,
 * goes, so Y's no-senders notification fires; the queued message's
 * MAKE_SEND_ONCE reply right becomes a send-once notification.
 */
TEST(msg_queued_messages_destroyed_with_port)
{
	mach_port_name_t q = mu_port(), y = mu_port(), n = mu_port(), prev;
	mach_port_name_t r = mu_port();
	mu_notify_body_t *nb;
	PORT_MSG(1) m;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, q);
	ASSERT_NE(MACH_PORT_NULL, y);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_NE(MACH_PORT_NULL, r);
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), q, r, MSG_ID);
	m.body.msgh_descriptor_count = 1;
	set_port_desc(&m.d[0], y, MACH_MSG_TYPE_MAKE_SEND);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&m.hdr, 0));
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(
			  mach_task_self(), y, MACH_NOTIFY_NO_SENDERS, 0, n,
			  MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	EXPECT_TRUE(mu_queue_empty(n));		/* armed: a sender exists */

	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(q));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(n, &buf));
	nb = (mu_notify_body_t *)&buf;
	EXPECT_EQ(MACH_NOTIFY_NO_SENDERS, nb->hdr.msgh_id);
	EXPECT_EQ(1, nb->value);		/* mscount */
	EXPECT_EQ(FALSE, mu_srights(y));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &buf));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, buf.hdr.msgh_id);
}

/* Writes @val to mach.ko's max_names; false when that is not allowed. */
static bool set_max_names(unsigned int val)
{
	char buf[16];
	int fd = open("/sys/module/mach/parameters/max_names", O_WRONLY);
	int len = snprintf(buf, sizeof(buf), "%u", val);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok;
}

static unsigned int get_max_names(void)
{
	unsigned int val = 0;
	FILE *f = fopen("/sys/module/mach/parameters/max_names", "r");

	if (f) {
		if (fscanf(f, "%u", &val) != 1)
			val = 0;
		fclose(f);
	}
	return val;
}

/*
 * The receiver's space has no name left for the reply right: XNU destroys
 * the message and returns MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE with
 * a bare header naming the destination; the destroyed send-once reply
 * right sends its port a send-once notification.  The space is filled by
 * lowering max_names to the names it holds (root only).
 */
TEST(msg_rcv_header_error_without_a_name_for_the_reply)
{
	mach_port_name_t p = mu_port_send(), r = mu_port();
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t nn, nt;
	unsigned int saved = get_max_names();
	mach_msg_return_t mr;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_NE(0, saved);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_send_full(p, MACH_MSG_TYPE_COPY_SEND, r,
			       MACH_MSG_TYPE_MAKE_SEND_ONCE, 33, 0));
	ASSERT_EQ(KERN_SUCCESS, mach_port_names(mach_task_self(), &names, &nn,
						&types, &nt));
	vm_deallocate(mach_task_self(), (vm_address_t)names,
		      nn * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types,
		      nt * sizeof(*types));
	if (!set_max_names(nn))
		SKIP(return, "max_names is not writable (not root)");
	mr = mu_recv(p, &m);
	set_max_names(saved);
	EXPECT_EQ(MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE, mr);
	EXPECT_EQ(sizeof(mach_msg_header_t), m.hdr.msgh_size);
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, m.hdr.msgh_remote_port);
	EXPECT_EQ(33, m.hdr.msgh_id);
	EXPECT_TRUE(mu_queue_empty(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(r, &m));
	EXPECT_EQ(MACH_NOTIFY_SEND_ONCE, m.hdr.msgh_id);
	EXPECT_EQ(0, mu_sorights(r));
}

/*
 * A message carrying a port's own receive right into that port's queue
 * would keep the port alive forever; XNU marks it circular
 * (ipc_port_check_circularity) and ipc_kmsg_send() destroys it at once,
 * returning MACH_MSG_SUCCESS: the port dies, the sender's send right on
 * it becomes a dead name.
 */
TEST(msg_circular_receive_right_is_destroyed)
{
	mach_port_name_t p = mu_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(p, p, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
}

/*
 * A longer cycle: A's receive right queued on B, then B's receive right
 * sent to A.  ipc_port_check_circularity() follows the chain of ports in
 * transit (B's right -> A -> in transit to B), marks the message circular
 * and ipc_kmsg_send() destroys it: both ports die.
 */

TEST(msg_two_port_cycle_is_destroyed)
{
	mach_port_name_t a = mu_port_send(), b = mu_port_send();

	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_NE(MACH_PORT_NULL, b);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(b, a, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  send_one_port_copy(a, b, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(a));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(b));
}

/* A receive right sent to @dest, waiting up to 20 s for room. */
struct cycle_sender {
	mach_port_name_t dest, carry;
	volatile pid_t tid;
	mach_msg_return_t mr;
};

static void *send_receive_right_waiting(void *arg)
{
	struct cycle_sender *c = arg;
	PORT_MSG(1) m;

	c->tid = mu_gettid();
	memset(&m, 0, sizeof(m));
	set_header(&m.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(m), c->dest, MACH_PORT_NULL,
		   MSG_ID);
	m.body.msgh_descriptor_count = 1;
	set_port_desc(&m.d[0], c->carry, MACH_MSG_TYPE_MOVE_RECEIVE);
	c->mr = mach_msg(&m.hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m),
			 0, MACH_PORT_NULL, 20000, MACH_PORT_NULL);
	return NULL;
}

/*
 * A cycle formed while a sender waited for room: A's right waits to go
 * to full B; the slot frees and B's right goes to A before that sender
 * runs again.  XNU decides at copyin (ipc_port_check_circularity marks a
 * moved receive right in transit at once); here the waiter checks again
 * before it queues.  Whoever comes second is the circular message,
 * destroyed at once with success, and nothing stays queued that nobody
 * could receive (the module's message count is back where it was).
 */
TEST(msg_cycle_formed_while_a_sender_waited_is_destroyed)
{
	static struct cycle_sender c;
	long base = stat_value("kmsgs");
	pthread_t th;
	mu_msg_t m;
	int i;

	ASSERT_LE(0, base);
	for (i = 0; i < 20; i++) {
		c.carry = mu_port_send();
		ASSERT_NE(MACH_PORT_NULL, c.carry);
		c.dest = mu_port_send();	/* a send right to see it die */
		ASSERT_NE(MACH_PORT_NULL, c.dest);
		ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(c.dest, 1));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mu_send(c.dest, MACH_MSG_TYPE_MAKE_SEND, 1));
		c.tid = 0;
		ASSERT_EQ(0, pthread_create(&th, NULL,
					    send_receive_right_waiting, &c));
		while (!c.tid)
			usleep(1000);
		ASSERT_EQ(0, mu_wait_blocked(c.tid, MU_WAIT_MS));
		/* room on B, then B's right to A, as close together as can be */
		ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(c.dest, &m));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  send_one_port_copy(c.carry, c.dest,
					     MACH_MSG_TYPE_MOVE_RECEIVE));
		ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
		EXPECT_EQ(MACH_MSG_SUCCESS, c.mr);
		EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(c.carry));
		EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(c.dest));
		EXPECT_EQ(base, stat_value("kmsgs"));
		mach_port_deallocate(mach_task_self(), c.carry);
		mach_port_deallocate(mach_task_self(), c.dest);
	}
}

/* Three ports: A's right queued on B, B's on C, then C's sent to A. */
TEST(msg_three_port_cycle_is_destroyed)
{
	mach_port_name_t a = mu_port_send(), b = mu_port_send();
	mach_port_name_t c = mu_port_send();

	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_NE(MACH_PORT_NULL, b);
	ASSERT_NE(MACH_PORT_NULL, c);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(b, a, MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(c, b, MACH_MSG_TYPE_MOVE_RECEIVE));
	/* A and B are still alive, in transit */
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(a));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(b));
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  send_one_port_copy(a, c, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(a));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(b));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(c));
}

/*
 * The kernel closes a loop too: N's receive right is queued on P, and P's
 * port-destroyed request would send P's receive right to N.  That
 * notification is circular and destroyed with everything in it: both
 * ports die (and nothing is left to leak at rmmod).
 */
TEST(msg_port_destroyed_notification_cycle_is_destroyed)
{
	mach_port_name_t p = mu_port_send(), n = mu_port_send();
	mach_port_name_t prev = MACH_PORT_NULL;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, n);
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(
			  mach_task_self(), p, MACH_NOTIFY_PORT_DESTROYED, 0,
			  n, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(p, n, MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(n));
}

/*
 * Chains without a loop are delivered, and a receive right taken out of
 * a queue is no longer in transit: afterwards, sending B's right to A
 * (whose right used to sit in B's queue) is an ordinary message.
 */
TEST(msg_receive_rights_in_transit_without_cycle)
{
	mach_port_name_t a = mu_port_send(), b = mu_port_send();
	mach_port_name_t c = mu_port_send();
	mu_port_msg_t *rm;
	mu_msg_t buf;

	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_NE(MACH_PORT_NULL, b);
	ASSERT_NE(MACH_PORT_NULL, c);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(b, a, MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(c, b, MACH_MSG_TYPE_MOVE_RECEIVE));
	rm = recv_one_port(_metadata, c, &buf);
	EXPECT_EQ(b, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(b));
	rm = recv_one_port(_metadata, b, &buf);
	EXPECT_EQ(a, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(a));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  send_one_port(a, b, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(b));
	rm = recv_one_port(_metadata, a, &buf);
	EXPECT_EQ(b, rm->port.name);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(b));
}

/* ================================================================== */
/* Across processes (need task_for_pid) */

#if HAVE_TASK_FOR_PID
/* Child: waits for the go, sends one message to the planted name. */
static int child_send_to_planted(void *arg, int rd, int wr)
{
	uint32_t v;

	(void)arg;
	if (mu_get(rd, &v, MU_WAIT_MS))
		return 10;
	if (mu_send(MU_CHILD_NAME, MACH_MSG_TYPE_COPY_SEND, 7))
		return 11;
	mu_put(wr, 1);
	return 0;
}

/* The audit token names the real sender, not the owner of the port. */
TEST_F(msg, audit_token_pid_of_child_sender)
{
	mach_port_name_t p = self->p;
	struct mu_child c;
	mu_msg_t m;
	int st;

	ASSERT_EQ(0, mu_fork(&c, child_send_to_planted, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, p,
					 MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(p, &m, MACH_RCV_TRAILER_ELEMENTS(
				       MACH_RCV_TRAILER_AUDIT), MU_WAIT_MS));
	EXPECT_EQ(7, m.hdr.msgh_id);
	EXPECT_EQ(c.pid, (pid_t)mu_trailer(&m.hdr)->msgh_audit.val[5]);
	st = mu_child_wait(&c, MU_WAIT_MS);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int child_wait_then_exit(void *arg, int rd, int wr)
{
	uint32_t v;

	(void)arg;
	(void)wr;
	return mu_get(rd, &v, MU_WAIT_MS) ? 10 : 0;
}

/* The task holding the receive right exits: the port dies, the sender's
 * right becomes a dead name and sends to it fail. */
TEST(msg_receiver_exit_kills_senders_right)
{
	mach_port_name_t p = mu_port_send();
	struct mu_child c;
	int st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(0, mu_fork(&c, child_wait_then_exit, NULL));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, p,
					 MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_COPY_SEND, 1));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	st = mu_child_wait(&c, MU_WAIT_MS);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mu_send(p, MACH_MSG_TYPE_COPY_SEND, 2));
}
#endif /* HAVE_TASK_FOR_PID */

TEST_HARNESS_MAIN
