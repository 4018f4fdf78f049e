// SPDX-License-Identifier: GPL-2.0
/*
 * mach_msg2: the 64-bit-option entry point, scalar and vector forms,
 * mirroring msg_test.c's send/receive, combined send|receive, timeouts,
 * size errors, MACH_RCV_LARGE / MACH_RCV_TOO_LARGE, trailers and
 * descriptors, plus what only mach_msg2 has: the header taken from the
 * arguments, the CFI option classes and the message vectors.
 *
 * Expected values are XNU's (xnu-11417): osfmk/ipc/mach_msg.c
 * (mach_msg2_trap, mach_msg_trap_send, mach_msg_copyin_data_vectors,
 * mach_msg_validate_data_vectors), osfmk/ipc/ipc_policy.c
 * (ipc_current_user_policy, ipc_preflight_msg_option64) and
 * libsyscall/mach/mach_msg.c (mach_msg2_internal).
 */
#include "msg_util.h"

#define MSG2_ID 0x4d3247	/* "M2G" */

/* Every send names its destination's class; these are all queues. */
#define SEND64 (MACH64_SEND_MSG | MACH64_SEND_MQ_CALL)

typedef struct {
	mach_msg_header_t hdr;
	uint32_t data[4];
} simple_msg_t;

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d;
} port_msg_t;

static void set_header(mach_msg_header_t *h, mach_msg_bits_t bits,
		       mach_msg_size_t size, mach_port_name_t remote,
		       mach_port_name_t local, mach_msg_id_t id)
{
	memset(h, 0, sizeof(*h));
	h->msgh_bits = bits;
	h->msgh_size = size;
	h->msgh_remote_port = remote;
	h->msgh_local_port = local;
	h->msgh_id = id;
}

/* Scalar send of @m (its own header, msgh_size bytes), never blocking. */
static mach_msg_return_t send2(mach_msg_header_t *m, mach_msg_option64_t extra)
{
	return mach_msg2(m, SEND64 | MACH64_SEND_TIMEOUT | extra, *m,
			 m->msgh_size, 0, MACH_PORT_NULL, 0, 0);
}

/* Scalar receive into @m (zeroed first) on @p, waiting at most @ms. */
static mach_msg_return_t recv2(mach_port_name_t p, mu_msg_t *m,
			       mach_msg_option64_t extra, uint64_t ms)
{
	memset(m, 0, sizeof(*m));
	return mach_msg2(m, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT | extra, m->hdr,
			 0, sizeof(*m), p, ms, 0);
}

/* A header-only message to @p (MAKE_SEND), id @id. */
static mach_msg_return_t send_empty(mach_port_name_t p, mach_msg_id_t id)
{
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, id);
	return send2(&h, 0);
}

/* ================================================================== */
/* Scalar form */

/*
 * A fresh receive right, the setup most tests here repeat.  The teardown
 * leaves it: a test may have moved or destroyed it, and the space goes
 * with the test's process.
 */
FIXTURE(msg2) {
	mach_port_name_t p;
};

FIXTURE_SETUP(msg2)
{
	self->p = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->p);
}

FIXTURE_TEARDOWN(msg2)
{
}

/* mach_msg2_trap, send then receive: the receiver sees what mach_msg
 * delivers (swapped ports, PORT_SEND local bits, the minimal trailer). */
TEST_F(msg2, simple_send_receive_self)
{
	mach_port_name_t p = self->p;
	simple_msg_t s;
	mu_msg_t r;
	simple_msg_t *rm = (simple_msg_t *)&r;
	mach_msg_max_trailer_t *t;
	int i;

	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 0x1234);
	for (i = 0; i < 4; i++)
		s.data[i] = 0xc0de0000u + i;
	ASSERT_EQ(MACH_MSG_SUCCESS, send2(&s.hdr, 0));
	EXPECT_EQ(1, mu_msgcount(p));

	ASSERT_EQ(MACH_MSG_SUCCESS, recv2(p, &r, 0, MU_WAIT_MS));
	EXPECT_EQ(sizeof(s), rm->hdr.msgh_size);
	EXPECT_EQ(0x1234, rm->hdr.msgh_id);
	EXPECT_EQ(MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND), rm->hdr.msgh_bits);
	EXPECT_EQ(p, rm->hdr.msgh_local_port);
	EXPECT_EQ(MACH_PORT_NULL, rm->hdr.msgh_remote_port);
	EXPECT_EQ(0, memcmp(s.data, rm->data, sizeof(s.data)));
	t = mu_trailer(&r.hdr);
	EXPECT_EQ(MACH_MSG_TRAILER_FORMAT_0, t->msgh_trailer_type);
	EXPECT_EQ(sizeof(mach_msg_trailer_t), t->msgh_trailer_size);
	EXPECT_EQ(0, mu_msgcount(p));
}

/* mach_msg2_trap with SEND|RCV: one call sends, then receives (here the
 * same message back, the port being its own destination). */
TEST_F(msg2, send_rcv_in_one_call)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;
	simple_msg_t *s = (simple_msg_t *)&m;

	memset(&m, 0, sizeof(m));
	set_header(&s->hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(*s), p, MACH_PORT_NULL, 99);
	s->data[3] = 0xfeedf00d;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&m, SEND64 | MACH64_RCV_MSG | MACH64_RCV_TIMEOUT,
			    m.hdr, sizeof(*s), sizeof(m), p, MU_WAIT_MS, 0));
	EXPECT_EQ(99, s->hdr.msgh_id);
	EXPECT_EQ(p, s->hdr.msgh_local_port);
	EXPECT_EQ(0xfeedf00d, s->data[3]);
	EXPECT_EQ(0, mu_msgcount(p));
}

/* mach_msg2_trap builds send_header from the packed arguments: the
 * header in the buffer is not what is sent, and is left as it was. */
TEST(msg2_header_comes_from_the_arguments)
{
	mach_port_name_t p = mu_port(), q = mu_port();
	mach_msg_header_t h, arg;
	mu_msg_t r;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, q);
	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   q, MACH_PORT_NULL, 1);
	set_header(&arg, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 2);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&h, SEND64, arg, sizeof(h), 0, MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(1, mu_msgcount(p));
	EXPECT_EQ(0, mu_msgcount(q));
	EXPECT_EQ(q, h.msgh_remote_port);
	EXPECT_EQ(1, h.msgh_id);
	ASSERT_EQ(MACH_MSG_SUCCESS, recv2(p, &r, 0, MU_WAIT_MS));
	EXPECT_EQ(2, r.hdr.msgh_id);
}

/* ipc_preflight_msg_option64: a mach_msg2 send must name exactly one of
 * KOBJECT_CALL, MQ_CALL, ANY, DK_CALL; none is MACH_SEND_INVALID_OPTIONS. */
TEST_F(msg2, send_without_cfi_class_invalid_options)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	EXPECT_EQ(MACH_SEND_INVALID_OPTIONS,
		  mach_msg2(&h, MACH64_SEND_MSG, h, sizeof(h), 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* ipc_preflight_msg_option64: two classes at once is as bad as none. */
TEST_F(msg2, send_two_cfi_classes_invalid_options)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	EXPECT_EQ(MACH_SEND_INVALID_OPTIONS,
		  mach_msg2(&h, SEND64 | MACH64_SEND_KOBJECT_CALL, h, sizeof(h),
			    0, MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* ipc_current_user_policy clears what user space may not pass (the
 * policy bits, MACH64_PEEK_MSG, MACH64_RCV_STACK): the call goes on. */
TEST_F(msg2, kernel_only_options_are_cleared)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	EXPECT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&h, SEND64 | MACH64_POLICY_HARDENED |
			    MACH64_PEEK_MSG | MACH64_RCV_STACK |
			    MACH64_MACH_MSG2, h, sizeof(h), 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(1, mu_msgcount(p));
}

/* A destination name that denotes nothing: MACH_SEND_INVALID_DEST, as
 * from mach_msg (ipc_kmsg_copyin_header). */
TEST(msg2_dest_unknown_name_invalid_dest)
{
	mach_msg_header_t h;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), sizeof(h),
		   MU_UNUSED_NAME, MACH_PORT_NULL, 1);
	EXPECT_EQ(MACH_SEND_INVALID_DEST, send2(&h, 0));
}

/* Receiving on a name without a receive right: MACH_RCV_INVALID_NAME
 * (ipc_mqueue_copyin). */
TEST(msg2_receive_without_receive_right_invalid_name)
{
	mu_msg_t m;

	EXPECT_EQ(MACH_RCV_INVALID_NAME, recv2(MU_UNUSED_NAME, &m, 0, 0));
}

/* ================================================================== */
/* Timeouts */

/* MACH64_RCV_TIMEOUT with 0 polls (ipc_mqueue_receive_on_thread). */
TEST_F(msg2, rcv_timeout_zero_polls)
{
	mach_port_name_t p = self->p;
	uint64_t t0;
	mu_msg_t m;

	t0 = mu_now_ms();
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv2(p, &m, 0, 0));
	EXPECT_LT(mu_now_ms() - t0, 1000);
}

/* The 64-bit timeout argument is milliseconds, truncated to
 * mach_msg_timeout_t as mach_msg2_trap does. */
TEST_F(msg2, rcv_timeout_waits_that_long)
{
	mach_port_name_t p = self->p;
	uint64_t t0, j0;
	mu_msg_t m;

	t0 = mu_now_ms();
	j0 = mu_jiffies_ms();
	EXPECT_EQ(MACH_RCV_TIMED_OUT, recv2(p, &m, 0, 300 | (1ull << 32)));
	MU_EXPECT_WAITED(300, t0, j0);
}

/* MACH64_SEND_TIMEOUT on a full queue: MACH_SEND_TIMED_OUT. */
TEST_F(msg2, send_timeout_full_queue_timed_out)
{
	mach_port_name_t p = self->p;

	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(p, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(p, 1));
	EXPECT_EQ(MACH_SEND_TIMED_OUT, send_empty(p, 2));
	EXPECT_EQ(1, mu_msgcount(p));
}

/* ================================================================== */
/* Sizes (mach_msg_trap_send) */

static void expect_send_size(struct harness_test *_metadata,
			     mach_msg_bits_t extra, mach_msg_size_t size,
			     mach_msg_return_t want)
{
	mach_port_name_t p = mu_port();
	port_msg_t s;

	ASSERT_NE(MACH_PORT_NULL, p);
	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | extra,
		   size, p, MACH_PORT_NULL, 1);
	s.body.msgh_descriptor_count = 1;
	s.d.name = MACH_PORT_NULL;
	s.d.disposition = MACH_MSG_TYPE_COPY_SEND;
	s.d.type = MACH_MSG_PORT_DESCRIPTOR;
	EXPECT_EQ(want, mach_msg2(&s, SEND64, s.hdr, size, 0, MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

TEST(msg2_send_size_below_header_too_small)
{
	expect_send_size(_metadata, 0, sizeof(mach_msg_header_t) - 4,
			 MACH_SEND_MSG_TOO_SMALL);
}

TEST(msg2_send_size_not_multiple_of_4_too_small)
{
	expect_send_size(_metadata, 0, sizeof(mach_msg_header_t) + 2,
			 MACH_SEND_MSG_TOO_SMALL);
}

/* Complex, one descriptor counted, no room for it. */
TEST(msg2_complex_descriptors_past_end_too_small)
{
	expect_send_size(_metadata, MACH_MSGH_BITS_COMPLEX,
			 sizeof(mach_msg_base_t) + 4, MACH_SEND_MSG_TOO_SMALL);
}

/* The descriptor count is an argument of its own: with a simple header
 * in the arguments and a count from a complex buffer, mach_msg_trap_send
 * answers MACH_SEND_TOO_LARGE ("simple message cannot contain
 * descriptors"). */
TEST_F(msg2, simple_header_with_descriptors_too_large)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t arg;
	port_msg_t s;

	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(s), p, MACH_PORT_NULL, 1);
	s.body.msgh_descriptor_count = 1;
	s.d.type = MACH_MSG_PORT_DESCRIPTOR;
	arg = s.hdr;
	arg.msgh_bits &= ~MACH_MSGH_BITS_COMPLEX;
	EXPECT_EQ(MACH_SEND_TOO_LARGE,
		  mach_msg2(&s, SEND64, arg, sizeof(s), 0, MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* ================================================================== */
/* Too-large receives */

/* MACH64_RCV_LARGE: the message stays queued and msgh_size says how
 * big it is (ipc_kmsg_put_to_user via mach_msg_receive_too_large). */
TEST_F(msg2, rcv_large_leaves_message_queued)
{
	mach_port_name_t p = self->p;
	struct {
		mach_msg_header_t hdr;
		uint8_t data[76];
	} s;
	mu_msg_t m;

	memset(&s, 0x3c, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 77);
	ASSERT_EQ(MACH_MSG_SUCCESS, send2(&s.hdr, 0));

	memset(&m, 0xa5, sizeof(m));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg2(&m, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_RCV_LARGE, m.hdr, 0, 64, p, 0, 0));
	EXPECT_EQ(100, m.hdr.msgh_size);
	EXPECT_EQ(1, mu_msgcount(p));

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&m, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_RCV_LARGE, m.hdr, 0, 100 + 8, p, 0, 0));
	EXPECT_EQ(77, m.hdr.msgh_id);
	EXPECT_EQ(0x3c, m.buf[99]);
	EXPECT_EQ(0, mu_msgcount(p));
}

/* Without MACH64_RCV_LARGE a message that does not fit is destroyed and
 * only its header comes back (mach_msg_receive_too_large). */
TEST_F(msg2, rcv_too_large_destroys_message)
{
	mach_port_name_t p = self->p;
	struct {
		mach_msg_header_t hdr;
		uint8_t data[160];
	} s;
	mu_msg_t m;

	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 4242);
	ASSERT_EQ(MACH_MSG_SUCCESS, send2(&s.hdr, 0));

	memset(&m, 0xa5, sizeof(m));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg2(&m, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT, m.hdr, 0,
			    64, p, 0, 0));
	EXPECT_EQ(sizeof(mach_msg_header_t), m.hdr.msgh_size);
	EXPECT_EQ(4242, m.hdr.msgh_id);
	EXPECT_EQ(0, mu_msgcount(p));
}

/* ================================================================== */
/* Trailers */

/* MACH_RCV_TRAILER_ELEMENTS in the low option word asks for the audit
 * trailer: 52 bytes, the sender's euid/egid in msgh_sender. */
TEST_F(msg2, trailer_audit_requested_in_options)
{
	mach_port_name_t p = self->p;
	mach_msg_max_trailer_t *t;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(p, 5));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  recv2(p, &m, MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT),
			MU_WAIT_MS));
	t = mu_trailer(&m.hdr);
	EXPECT_EQ(sizeof(mach_msg_audit_trailer_t), t->msgh_trailer_size);
	EXPECT_EQ(52, t->msgh_trailer_size);
	EXPECT_EQ(geteuid(), t->msgh_sender.val[0]);
	EXPECT_EQ(getegid(), t->msgh_sender.val[1]);
	EXPECT_EQ((unsigned int)getpid(), t->msgh_audit.val[5]);
}

/* MACH_RCV_TRAILER_SEQNO: the queue's sequence number. */
TEST_F(msg2, trailer_seqno_increments)
{
	mach_port_name_t p = self->p;
	mach_msg_max_trailer_t *t;
	mu_msg_t m;
	int i;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(p, i));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  recv2(p, &m, MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO),
				MU_WAIT_MS));
		t = mu_trailer(&m.hdr);
		EXPECT_EQ(12, t->msgh_trailer_size);
		EXPECT_EQ((mach_port_seqno_t)i, t->msgh_seqno);
	}
}

/* ================================================================== */
/* Descriptors */

/* A port descriptor with MAKE_SEND arrives as PORT_SEND under the
 * receiver's name for the port (ipc_kmsg_copyout_port_descriptor); the
 * count travels as its own argument. */
TEST(msg2_port_descriptor_carries_send_right)
{
	mach_port_name_t p = mu_port(), x = mu_port();
	port_msg_t s;
	mu_msg_t m;
	port_msg_t *rm = (port_msg_t *)&m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, x);
	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(s), p, MACH_PORT_NULL, 8);
	s.body.msgh_descriptor_count = 1;
	s.d.name = x;
	s.d.disposition = MACH_MSG_TYPE_MAKE_SEND;
	s.d.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, send2(&s.hdr, 0));
	EXPECT_EQ(TRUE, mu_srights(x));

	ASSERT_EQ(MACH_MSG_SUCCESS, recv2(p, &m, 0, MU_WAIT_MS));
	EXPECT_TRUE(MACH_MSGH_BITS_IS_COMPLEX(m.hdr.msgh_bits));
	EXPECT_EQ(1, rm->body.msgh_descriptor_count);
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, rm->d.type);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, rm->d.disposition);
	EXPECT_EQ(x, rm->d.name);
	EXPECT_EQ(1, mu_refs(x, MACH_PORT_RIGHT_SEND));
}

/* An out-of-line region travels through mach_msg2 as through mach_msg:
 * the receiver gets fresh pages with the same bytes
 * (ipc_kmsg_copyin_ool_descriptor, ipc_kmsg_copyout_ool_descriptor). */
TEST(msg2_ool_descriptor_one_page_intact)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	mach_port_name_t p = mu_port();
	struct {
		mach_msg_header_t hdr;
		mach_msg_body_t body;
		mach_msg_ool_descriptor_t d;
	} s, *rm;
	uint8_t *src;
	uint64_t sum;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	src = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, (void *)src);
	mu_fill(src, pg, 2);
	sum = mu_hash(src, pg);
	memset(&s, 0, sizeof(s));
	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		   MACH_MSGH_BITS_COMPLEX, sizeof(s), p, MACH_PORT_NULL, 9);
	s.body.msgh_descriptor_count = 1;
	s.d.address = src;
	s.d.size = (mach_msg_size_t)pg;
	s.d.copy = MACH_MSG_PHYSICAL_COPY;
	s.d.type = MACH_MSG_OOL_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, send2(&s.hdr, 0));

	ASSERT_EQ(MACH_MSG_SUCCESS, recv2(p, &m, 0, MU_WAIT_MS));
	rm = (void *)&m;
	EXPECT_EQ(sizeof(s), rm->hdr.msgh_size);
	EXPECT_EQ(MACH_MSG_OOL_DESCRIPTOR, rm->d.type);
	ASSERT_EQ(pg, rm->d.size);
	ASSERT_NE(NULL, rm->d.address);
	EXPECT_NE((void *)src, rm->d.address);
	EXPECT_EQ(sum, mu_hash(rm->d.address, pg));
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(),
					      (vm_address_t)rm->d.address, pg));
}

/* ================================================================== */
/* Signals (mach_msg2_internal's retry loop) */

struct blocker {
	mach_port_name_t port;
	mach_msg_option64_t extra;
	volatile pid_t tid;
	volatile int done;
	mach_msg_return_t mr;
	mu_msg_t msg;
};

static volatile sig_atomic_t sigs_seen;

static void on_sigusr1(int sig)
{
	(void)sig;
	sigs_seen++;
}

static void *blocked_recv2(void *arg)
{
	struct blocker *b = arg;

	b->tid = mu_gettid();
	b->mr = recv2(b->port, &b->msg, b->extra, 20000);
	b->done = 1;
	return NULL;
}

static pthread_t start_blocked_recv(struct harness_test *_metadata,
				    struct blocker *b)
{
	struct sigaction sa;
	pthread_t th;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigusr1;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	b->port = mu_port();
	ASSERT_NE(MACH_PORT_NULL, b->port);
	ASSERT_EQ(0, pthread_create(&th, NULL, blocked_recv2, b));
	for (i = 0; i < 500 && !b->tid; i++)
		usleep(10000);
	ASSERT_NE(0, b->tid);
	ASSERT_EQ(0, mu_wait_blocked(b->tid, MU_WAIT_MS));
	ASSERT_EQ(0, b->done);
	return th;
}

/* MACH64_RCV_INTERRUPT: a signal ends the receive with
 * MACH_RCV_INTERRUPTED (mach_msg2_internal does not retry). */
TEST(msg2_rcv_interrupt_returns_interrupted)
{
	static struct blocker b;
	pthread_t th;

	b.extra = MACH64_RCV_INTERRUPT;
	th = start_blocked_recv(_metadata, &b);
	ASSERT_EQ(0, pthread_kill(th, SIGUSR1));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_RCV_INTERRUPTED, b.mr);
	EXPECT_EQ(1, sigs_seen);
}

/* Without it mach_msg2_internal retries the receive: the handler runs
 * and the thread goes on waiting for the message. */
TEST(msg2_rcv_signal_without_interrupt_retries)
{
	static struct blocker b;
	pthread_t th;

	th = start_blocked_recv(_metadata, &b);
	ASSERT_EQ(0, pthread_kill(th, SIGUSR1));
	ASSERT_EQ(0, mu_wait_blocked(b.tid, MU_WAIT_MS));
	usleep(100000);
	EXPECT_EQ(1, sigs_seen);
	EXPECT_EQ(0, b.done);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(b.port, 6));
	ASSERT_EQ(0, mu_thread_join(th, NULL, MU_WAIT_MS));
	EXPECT_EQ(MACH_MSG_SUCCESS, b.mr);
	EXPECT_EQ(6, b.msg.hdr.msgh_id);
}

/* ================================================================== */
/* Vector form */

/* MACH64_MSG_VECTOR with one vector each way: the message is at
 * msgv_data, the sizes are the vector's (mach_msg2_trap). */
TEST_F(msg2, vector_send_then_receive)
{
	mach_port_name_t p = self->p;
	simple_msg_t s;
	mu_msg_t m;
	mach_msg_vector_t v;

	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 21);
	s.data[0] = 0x5eed;
	memset(&v, 0, sizeof(v));
	v.msgv_data = (uintptr_t)&s;
	v.msgv_send_size = sizeof(s);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&v, SEND64 | MACH64_MSG_VECTOR, s.hdr, 1, 0,
			    MACH_PORT_NULL, 0, 0));

	memset(&m, 0, sizeof(m));
	memset(&v, 0, sizeof(v));
	v.msgv_data = (uintptr_t)&m;
	v.msgv_rcv_size = sizeof(m);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&v, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, m.hdr, 0, 1, p, MU_WAIT_MS, 0));
	EXPECT_EQ(21, m.hdr.msgh_id);
	EXPECT_EQ(0x5eed, ((simple_msg_t *)&m)->data[0]);
}

/* msgv_rcv_addr, when set, is where the reply lands; msgv_data is only
 * the send buffer (mach_msg2_trap: msg_vec.msgv_rcv_addr ?: msgv_data). */
TEST_F(msg2, vector_rcv_addr_receives_apart)
{
	mach_port_name_t p = self->p;
	simple_msg_t s, before;
	mu_msg_t m;
	mach_msg_vector_t v;

	set_header(&s.hdr, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		   sizeof(s), p, MACH_PORT_NULL, 22);
	memset(s.data, 0x11, sizeof(s.data));
	before = s;
	memset(&m, 0, sizeof(m));
	memset(&v, 0, sizeof(v));
	v.msgv_data = (uintptr_t)&s;
	v.msgv_rcv_addr = (uintptr_t)&m;
	v.msgv_send_size = sizeof(s);
	v.msgv_rcv_size = sizeof(m);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(&v, SEND64 | MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, s.hdr, 1, 1, p, MU_WAIT_MS, 0));
	EXPECT_EQ(22, m.hdr.msgh_id);
	EXPECT_EQ(p, m.hdr.msgh_local_port);
	EXPECT_EQ(0, memcmp(&before, &s, sizeof(s)));
}

/* A receive with an aux vector and no aux data sent: the kernel copies
 * out an empty aux header (ipc_kmsg_put_vector_to_user, eof_aux). */
TEST_F(msg2, vector_aux_receive_gets_empty_header)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;
	struct {
		mach_msg_aux_header_t hdr;
		uint8_t data[56];
	} aux;
	mach_msg_vector_t v[2];

	ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(p, 23));
	memset(&m, 0, sizeof(m));
	memset(&aux, 0x77, sizeof(aux));
	memset(v, 0, sizeof(v));
	v[0].msgv_data = (uintptr_t)&m;
	v[0].msgv_rcv_size = sizeof(m);
	v[1].msgv_data = (uintptr_t)&aux;
	v[1].msgv_rcv_size = sizeof(aux);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg2(v, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, m.hdr, 0, 2, p, MU_WAIT_MS, 0));
	EXPECT_EQ(23, m.hdr.msgh_id);
	EXPECT_EQ(0, aux.hdr.msgdh_size);
}

/* ipc_preflight_msg_option64: vectors only to message queues, so a
 * vector send as KOBJECT_CALL is MACH_SEND_INVALID_OPTIONS. */
TEST_F(msg2, vector_kobject_call_invalid_options)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mach_msg_vector_t v;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	memset(&v, 0, sizeof(v));
	v.msgv_data = (uintptr_t)&h;
	v.msgv_send_size = sizeof(h);
	EXPECT_EQ(MACH_SEND_INVALID_OPTIONS,
		  mach_msg2(&v, MACH64_SEND_MSG | MACH64_SEND_KOBJECT_CALL |
			    MACH64_MSG_VECTOR, h, 1, 0, MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* mach_msg_validate_data_vectors: no send vector is
 * MACH_SEND_MSG_TOO_SMALL. */
TEST_F(msg2, vector_send_count_zero_too_small)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mach_msg_vector_t v;

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	memset(&v, 0, sizeof(v));
	v.msgv_data = (uintptr_t)&h;
	v.msgv_send_size = sizeof(h);
	EXPECT_EQ(MACH_SEND_MSG_TOO_SMALL,
		  mach_msg2(&v, SEND64 | MACH64_MSG_VECTOR, h, 0, 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* mach_msg_copyin_data_vectors: more than MACH_MSGV_MAX_COUNT vectors
 * is MACH_SEND_INVALID_DATA on a send, MACH_RCV_INVALID_ARGUMENTS on a
 * receive. */
TEST_F(msg2, vector_count_three_refused)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mach_msg_vector_t v[3];

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	memset(v, 0, sizeof(v));
	v[0].msgv_data = (uintptr_t)&h;
	v[0].msgv_send_size = sizeof(h);
	v[0].msgv_rcv_size = sizeof(h);
	EXPECT_EQ(MACH_SEND_INVALID_DATA,
		  mach_msg2(v, SEND64 | MACH64_MSG_VECTOR, h, 3, 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(MACH_RCV_INVALID_ARGUMENTS,
		  mach_msg2(v, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, h, 0, 3, p, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* mach_msg_validate_data_vectors: a send vector without data is
 * MACH_SEND_INVALID_DATA.  Called through mach_msg2_internal: the inline
 * mach_msg2 would read the (absent) header first, as XNU's does. */
TEST(msg2_vector_null_data_invalid_data)
{
	mach_msg_vector_t v;

	memset(&v, 0, sizeof(v));
	v.msgv_send_size = sizeof(mach_msg_header_t);
	EXPECT_EQ(MACH_SEND_INVALID_DATA,
		  mach_msg2_internal(&v, SEND64 | MACH64_MSG_VECTOR,
				     (uint64_t)1 << 32 |
				     MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
				     MU_UNUSED_NAME, 0, 0, 0, 0));
}

/* Aux data smaller than its own header: MACH_SEND_AUX_TOO_SMALL. */
TEST_F(msg2, vector_aux_below_header_too_small)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mach_msg_aux_header_t aux = { 4, 0 };
	mach_msg_vector_t v[2];

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	memset(v, 0, sizeof(v));
	v[0].msgv_data = (uintptr_t)&h;
	v[0].msgv_send_size = sizeof(h);
	v[1].msgv_data = (uintptr_t)&aux;
	v[1].msgv_send_size = 4;
	EXPECT_EQ(MACH_SEND_AUX_TOO_SMALL,
		  mach_msg2(v, SEND64 | MACH64_MSG_VECTOR, h, 2, 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* Aux data over IPC_KMSG_MAX_AUX_DATA_SPACE (1024): MACH_SEND_AUX_TOO_LARGE. */
TEST_F(msg2, vector_aux_over_limit_too_large)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	static uint8_t aux[2048];
	mach_msg_vector_t v[2];

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 1);
	memset(v, 0, sizeof(v));
	((mach_msg_aux_header_t *)aux)->msgdh_size = 1028;
	v[0].msgv_data = (uintptr_t)&h;
	v[0].msgv_send_size = sizeof(h);
	v[1].msgv_data = (uintptr_t)aux;
	v[1].msgv_send_size = 1028;
	EXPECT_EQ(MACH_SEND_AUX_TOO_LARGE,
		  mach_msg2(v, SEND64 | MACH64_MSG_VECTOR, h, 2, 0,
			    MACH_PORT_NULL, 0, 0));
	EXPECT_EQ(0, mu_msgcount(p));
}

/* An aux receive vector too small for the aux header is
 * MACH_RCV_INVALID_ARGUMENTS, and the message stays queued. */
TEST_F(msg2, vector_aux_rcv_too_small_invalid_arguments)
{
	mach_port_name_t p = self->p;
	mu_msg_t m;
	mach_msg_aux_header_t aux;
	mach_msg_vector_t v[2];

	ASSERT_EQ(MACH_MSG_SUCCESS, send_empty(p, 24));
	memset(v, 0, sizeof(v));
	v[0].msgv_data = (uintptr_t)&m;
	v[0].msgv_rcv_size = sizeof(m);
	v[1].msgv_data = (uintptr_t)&aux;
	v[1].msgv_rcv_size = 4;
	EXPECT_EQ(MACH_RCV_INVALID_ARGUMENTS,
		  mach_msg2(v, MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, m.hdr, 0, 2, p, 0, 0));
	EXPECT_EQ(1, mu_msgcount(p));
}

/* "bad receive args do not stop us from sending during combined
 * send/rcv" (mach_msg2_trap): the send happens, the receive reports
 * MACH_RCV_INVALID_ARGUMENTS. */
TEST_F(msg2, vector_bad_rcv_args_still_send)
{
	mach_port_name_t p = self->p;
	mach_msg_header_t h;
	mach_msg_aux_header_t aux;
	mach_msg_vector_t v[2];

	set_header(&h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), sizeof(h),
		   p, MACH_PORT_NULL, 25);
	memset(v, 0, sizeof(v));
	v[0].msgv_data = (uintptr_t)&h;
	v[0].msgv_send_size = sizeof(h);
	v[0].msgv_rcv_size = sizeof(h) + 8;
	v[1].msgv_data = (uintptr_t)&aux;
	v[1].msgv_rcv_size = 4;
	EXPECT_EQ(MACH_RCV_INVALID_ARGUMENTS,
		  mach_msg2(v, SEND64 | MACH64_RCV_MSG | MACH64_RCV_TIMEOUT |
			    MACH64_MSG_VECTOR, h, 1, 2, p, 0, 0));
	EXPECT_EQ(1, mu_msgcount(p));
}

TEST_HARNESS_MAIN
