// SPDX-License-Identifier: GPL-2.0
/*
 * Guarded port descriptors (MACH_MSG_GUARDED_PORT_DESCRIPTOR, type 4) and
 * the receive option MACH_RCV_GUARDED_DESC, one behaviour per test.
 *
 * Expected values are XNU's (xnu-7195): osfmk/ipc/ipc_kmsg.c
 * (ipc_kmsg_copyin_body's first pass, ipc_kmsg_copyin_guarded_port_descriptor,
 * ipc_kmsg_copyout_guarded_port_descriptor, ipc_kmsg_copyout_body,
 * ipc_kmsg_copyout_pseudo, ipc_kmsg_clean_body) and osfmk/ipc/ipc_right.c
 * (ipc_right_copyin MOVE_RECEIVE, ipc_right_copyin_check_guard_locked,
 * ipc_right_copyout PORT_RECEIVE).  An incorrect guard is
 * kGUARD_EXC_INCORRECT_GUARD, fatal in XNU (mach_port_guard_ast); here
 * the sender is killed (Documentation/ports.rst, "Guard violations").
 */
#include "msg_util.h"
#include "mach_stats.h"
#include <sys/wait.h>

#define GD_ID 0x4744	/* "GD" */
#define GD_GUARD 0x10

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_guarded_port_descriptor_t d;
} gd_msg_t;

/* a guarded descriptor between two others, then inline data */
typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t p0;
	mach_msg_guarded_port_descriptor_t g;
	mach_msg_ool_descriptor_t ool;
	mach_msg_port_descriptor_t p1;
	uint32_t data[3];
} gd_mixed_t;

#define SELF mach_task_self()

static void gd_fill(gd_msg_t *m, mach_port_name_t dest, mach_port_name_t name,
		    uint64_t context, unsigned int flags, unsigned int disp)
{
	memset(m, 0, sizeof(*m));
	m->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m->hdr.msgh_size = sizeof(*m);
	m->hdr.msgh_remote_port = dest;
	m->hdr.msgh_id = GD_ID;
	m->body.msgh_descriptor_count = 1;
	m->d.name = name;
	m->d.context = context;
	m->d.flags = flags;
	m->d.disposition = disp;
	m->d.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
}

static mach_msg_return_t gd_send(mach_port_name_t dest, mach_port_name_t name,
				 uint64_t context, unsigned int flags,
				 unsigned int disp)
{
	gd_msg_t m;

	gd_fill(&m, dest, name, context, flags, disp);
	return mu_send_msg(&m.hdr, 0);
}

/* A receive right guarded by @guard (mach_port_construct). */
static mach_port_name_t gd_guarded_port(uint64_t guard, bool immovable)
{
	mach_port_options_t o = {
		.flags = MPO_CONTEXT_AS_GUARD |
			(immovable ? MPO_IMMOVABLE_RECEIVE : 0),
	};
	mach_port_name_t p = MACH_PORT_NULL;

	if (mach_port_construct(SELF, &o, guard, &p) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return p;
}

static int gd_status_flags(mach_port_name_t name)
{
	mach_port_status_t st;

	if (mu_status(name, &st) != KERN_SUCCESS)
		return -1;
	return st.mps_flags;
}

/* Runs @fn in a child; its wait status, or -1. */
static int gd_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		alarm(30);
		_exit(fn());
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

#define ASSERT_KILLED(fn) do {						\
	int __st = gd_child(fn);					\
	if (__st != -1 && WIFEXITED(__st))				\
		TH_LOG("child exited %d, expected SIGKILL",		\
		       WEXITSTATUS(__st));				\
	ASSERT_TRUE(__st != -1 && WIFSIGNALED(__st));			\
	ASSERT_EQ(SIGKILL, WTERMSIG(__st));				\
} while (0)

/* ------------------------------------------------------------------ */
/* ipc_kmsg_copyin_body: the descriptor's fields, before any right */

/* No flag at all: MACH_SEND_INVALID_TYPE, the right stays. */
TEST(no_flags_is_invalid_type)
{
	mach_port_name_t dest = mu_port(), p = mu_port();

	EXPECT_EQ(MACH_SEND_INVALID_TYPE,
		  gd_send(dest, p, 0, 0, MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	EXPECT_EQ(0, mu_msgcount(dest));
}

/* A flag outside MACH_MSG_GUARD_FLAGS_MASK: MACH_SEND_INVALID_TYPE. */
TEST(unknown_flag_is_invalid_type)
{
	mach_port_name_t dest = mu_port(), p = mu_port();
	unsigned int bit;

	for (bit = 2; bit < 16; bit++)
		EXPECT_EQ(MACH_SEND_INVALID_TYPE,
			  gd_send(dest, p, 0,
				  MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND |
				  (1u << bit), MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
}

/* UNGUARDED_ON_SEND with a context: MACH_SEND_INVALID_TYPE. */
TEST(unguarded_on_send_with_context_is_invalid_type)
{
	mach_port_name_t dest = mu_port(), p = mu_port();

	EXPECT_EQ(MACH_SEND_INVALID_TYPE,
		  gd_send(dest, p, 1, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
}

/* Only MOVE_RECEIVE: every other disposition is MACH_SEND_INVALID_TYPE. */
TEST(disposition_other_than_move_receive_is_invalid_type)
{
	static const unsigned int disps[] = {
		0, MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_MOVE_SEND_ONCE,
		MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_MSG_TYPE_COPY_RECEIVE, 255,
	};
	mach_port_name_t dest = mu_port(), p = mu_port_send();
	unsigned int i;

	for (i = 0; i < sizeof(disps) / sizeof(disps[0]); i++)
		EXPECT_EQ(MACH_SEND_INVALID_TYPE,
			  gd_send(dest, p, 0,
				  MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
				  disps[i]));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, mu_type(p));
	EXPECT_EQ(1, mu_refs(p, MACH_PORT_RIGHT_SEND));
}

/* 12 of the 16 bytes inside msgh_size: MACH_SEND_MSG_TOO_SMALL. */
TEST(truncated_descriptor_is_too_small)
{
	mach_port_name_t dest = mu_port(), p = mu_port();
	gd_msg_t m;

	gd_fill(&m, dest, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	m.hdr.msgh_size = sizeof(m) - 4;
	EXPECT_EQ(MACH_SEND_MSG_TOO_SMALL,
		  mach_msg(&m.hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			   sizeof(m) - 4, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
}

/* ------------------------------------------------------------------ */
/* ipc_right_copyin: the right */

/* A name without a receive right, or no name: MACH_SEND_INVALID_RIGHT. */
TEST(name_without_receive_right_is_invalid_right)
{
	mach_port_name_t dest = mu_port(), p = mu_port(), send;
	mach_msg_type_name_t t;

	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(SELF, p,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &send, &t));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  gd_send(dest, send, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, mu_type(send));
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  gd_send(dest, MU_UNUSED_NAME, 0,
			  MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(0, mu_msgcount(dest));
}

/*
 * An immovable receive right (MPO_IMMOVABLE_RECEIVE), guard and context
 * right: KERN_INVALID_CAPABILITY, MACH_SEND_INVALID_RIGHT; the right stays.
 */
TEST(immovable_receive_right_is_invalid_right)
{
	mach_port_name_t dest = mu_port(), p = gd_guarded_port(GD_GUARD, true);

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  gd_send(dest, p, GD_GUARD,
			  MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(p));
	EXPECT_TRUE(gd_status_flags(p) &
		    MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
}

static int send_with_wrong_guard(void)
{
	mach_port_name_t dest = mu_port(), p = gd_guarded_port(GD_GUARD, false);

	if (!dest || !p)
		return 2;
	gd_send(dest, p, GD_GUARD + 1, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	return 3;
}

/* A guarded port sent with another context: an incorrect guard. */
TEST(wrong_context_is_an_incorrect_guard)
{
	ASSERT_KILLED(send_with_wrong_guard);
}

static int send_unguarded_without_flag(void)
{
	mach_port_name_t dest = mu_port(), p = mu_port();

	if (!dest || !p)
		return 2;
	gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	return 3;
}

/* An unguarded port without UNGUARDED_ON_SEND: an incorrect guard. */
TEST(unguarded_port_without_unguarded_on_send_is_an_incorrect_guard)
{
	ASSERT_KILLED(send_unguarded_without_flag);
}

static int send_guarded_as_unguarded(void)
{
	mach_port_name_t dest = mu_port(), p = gd_guarded_port(GD_GUARD, false);

	if (!dest || !p)
		return 2;
	gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	return 3;
}

/* A guarded port sent with UNGUARDED_ON_SEND: an incorrect guard. */
TEST(guarded_port_with_unguarded_on_send_is_an_incorrect_guard)
{
	ASSERT_KILLED(send_guarded_as_unguarded);
}

/* ------------------------------------------------------------------ */
/* ipc_kmsg_copyout_guarded_port_descriptor, with MACH_RCV_GUARDED_DESC */

/*
 * A guarded port sent with its guard and IMMOVABLE_RECEIVE arrives as a
 * 16-byte guarded descriptor: the flags without UNGUARDED_ON_SEND, the
 * context the receive buffer's address, the port guarded by it (not
 * strictly) and immovable; the sender's name is gone.
 */
TEST(immovable_receive_arrives_guarded_by_the_buffer_address)
{
	mach_port_name_t dest = mu_port(), p = gd_guarded_port(GD_GUARD, false);
	mach_port_context_t ctx = 0;
	gd_msg_t *r;
	mu_msg_t m;
	int fl;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(dest, p, GD_GUARD,
			  MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(KERN_INVALID_NAME, mu_type_kr(p));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(dest, &m, MACH_RCV_GUARDED_DESC, MU_WAIT_MS));
	r = (gd_msg_t *)&m;
	EXPECT_EQ(sizeof(gd_msg_t), r->hdr.msgh_size);
	EXPECT_EQ(MACH_MSG_GUARDED_PORT_DESCRIPTOR, r->d.type);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, r->d.disposition);
	EXPECT_EQ(MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, r->d.flags);
	EXPECT_EQ((uint64_t)(uintptr_t)&m, r->d.context);
	ASSERT_NE(MACH_PORT_NULL, r->d.name);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(r->d.name));
	fl = gd_status_flags(r->d.name);
	EXPECT_TRUE(fl & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_FALSE(fl & MACH_PORT_STATUS_FLAG_STRICT_GUARD);
	EXPECT_TRUE(fl & MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, r->d.name, &ctx));
	EXPECT_EQ((mach_port_context_t)&m, ctx);
	EXPECT_EQ(KERN_SUCCESS, mach_port_destruct(SELF, r->d.name, 0, ctx));
}

/*
 * The guard is the address the message is received into: rcv_msg for a
 * send and receive into another buffer (mach_msg_overwrite; XNU's
 * ith_msg_addr is rcv_msg when given).
 */
TEST(guard_is_the_rcv_msg_buffer_of_an_overwrite)
{
	mach_port_name_t dest = mu_port(), p = mu_port();
	mach_port_context_t ctx = 0;
	gd_msg_t s, *r;
	mu_msg_t m;

	gd_fill(&s, dest, p, 0, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE |
		MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg_overwrite(&s.hdr, MACH_SEND_MSG | MACH_RCV_MSG |
				     MACH_RCV_TIMEOUT | MACH_RCV_GUARDED_DESC,
				     sizeof(s), sizeof(m), dest, MU_WAIT_MS,
				     MACH_PORT_NULL, &m.hdr, 0));
	r = (gd_msg_t *)&m;
	EXPECT_EQ((uint64_t)(uintptr_t)&m, r->d.context);
	ASSERT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(r->d.name));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, r->d.name, &ctx));
	EXPECT_EQ((mach_port_context_t)&m, ctx);
}

/* The right so received is immovable: a further move is refused. */
TEST(received_immovable_right_cannot_move_again)
{
	mach_port_name_t dest = mu_port(), p = mu_port(), q;
	gd_msg_t *r;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE |
			  MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(dest, &m, MACH_RCV_GUARDED_DESC, MU_WAIT_MS));
	r = (gd_msg_t *)&m;
	q = r->d.name;
	ASSERT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(q));
	EXPECT_EQ(MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, r->d.flags);
	EXPECT_EQ(MACH_SEND_INVALID_RIGHT,
		  gd_send(dest, q, r->d.context,
			  MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(q));
}

/*
 * UNGUARDED_ON_SEND alone moves an unguarded port: it arrives unguarded,
 * movable, context 0, the flags UNGUARDED_ON_SEND.
 */
TEST(unguarded_on_send_alone_arrives_unguarded)
{
	mach_port_name_t dest = mu_port(), p = mu_port();
	gd_msg_t *r;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(dest, &m, MACH_RCV_GUARDED_DESC, MU_WAIT_MS));
	r = (gd_msg_t *)&m;
	EXPECT_EQ(MACH_MSG_GUARDED_PORT_DESCRIPTOR, r->d.type);
	EXPECT_EQ(MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND, r->d.flags);
	EXPECT_EQ(0, r->d.context);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(r->d.name));
	EXPECT_EQ(0, gd_status_flags(r->d.name) &
		  (MACH_PORT_STATUS_FLAG_GUARDED |
		   MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE));
	EXPECT_EQ(KERN_SUCCESS, mu_destroy_receive(r->d.name));
}

/* NULL and DEAD travel as they are, the flags as sent, context 0. */
TEST(null_and_dead_names_travel)
{
	static const mach_port_name_t names[] = { MACH_PORT_NULL,
						  MACH_PORT_DEAD };
	mach_port_name_t dest = mu_port();
	gd_msg_t *r;
	mu_msg_t m;
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  gd_send(dest, names[i], 0,
				  MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
				  MACH_MSG_TYPE_MOVE_RECEIVE));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mu_recv_opts(dest, &m, MACH_RCV_GUARDED_DESC,
				       MU_WAIT_MS));
		r = (gd_msg_t *)&m;
		EXPECT_EQ(names[i], r->d.name);
		EXPECT_EQ(MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, r->d.flags);
		EXPECT_EQ(0, r->d.context);
		EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, r->d.disposition);
		EXPECT_EQ(MACH_MSG_GUARDED_PORT_DESCRIPTOR, r->d.type);
	}
}

/* ------------------------------------------------------------------ */
/* ... without MACH_RCV_GUARDED_DESC */

/*
 * A receiver that did not ask for guarded descriptors gets a 12-byte port
 * descriptor named MACH_PORT_NULL, disposition PORT_RECEIVE; the right is
 * destroyed (a send right to it becomes a dead name).
 */
TEST(without_rcv_guarded_desc_the_right_is_destroyed)
{
	mach_port_name_t dest = mu_port(), p = mu_port_send();
	mach_msg_port_descriptor_t *pd;
	gd_msg_t *r;
	mu_msg_t m;

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(dest, &m));
	r = (gd_msg_t *)&m;
	EXPECT_EQ(sizeof(gd_msg_t) - 4, r->hdr.msgh_size);
	EXPECT_EQ(1, r->body.msgh_descriptor_count);
	pd = (mach_msg_port_descriptor_t *)&r->d;
	EXPECT_EQ(MACH_PORT_NULL, pd->name);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, pd->disposition);
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, pd->type);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
}

/*
 * The 4 bytes go: the descriptors after it, the inline data and the
 * trailer follow right after the shorter descriptor.
 */
TEST(without_rcv_guarded_desc_the_rest_moves_up)
{
	mach_port_name_t dest = mu_port(), p = mu_port(), q = mu_port_send();
	mach_msg_port_descriptor_t *p0, *p1;
	mach_msg_ool_descriptor_t *ool;
	mach_msg_max_trailer_t *t;
	char bytes[64];
	uint32_t *data;
	gd_mixed_t s;
	mu_msg_t m;
	char *at;

	memset(&s, 0, sizeof(s));
	mu_fill(bytes, sizeof(bytes), 7);
	s.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	s.hdr.msgh_size = sizeof(s);
	s.hdr.msgh_remote_port = dest;
	s.hdr.msgh_id = GD_ID;
	s.body.msgh_descriptor_count = 4;
	s.p0.name = q;
	s.p0.disposition = MACH_MSG_TYPE_COPY_SEND;
	s.p0.type = MACH_MSG_PORT_DESCRIPTOR;
	s.g.name = p;
	s.g.flags = MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND;
	s.g.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	s.g.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	s.ool.address = bytes;
	s.ool.size = sizeof(bytes);
	s.ool.copy = MACH_MSG_VIRTUAL_COPY;
	s.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	s.p1.name = q;
	s.p1.disposition = MACH_MSG_TYPE_MAKE_SEND;
	s.p1.type = MACH_MSG_PORT_DESCRIPTOR;
	s.data[0] = 0x11111111;
	s.data[1] = 0x22222222;
	s.data[2] = 0x33333333;
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send_msg(&s.hdr, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mu_recv_opts(dest, &m,
			       MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO),
			       MU_WAIT_MS));
	EXPECT_EQ(sizeof(s) - 4, m.hdr.msgh_size);
	at = (char *)&m + sizeof(mach_msg_header_t) + sizeof(mach_msg_body_t);
	p0 = (void *)at;
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, p0->type);
	EXPECT_EQ(q, p0->name);
	at += sizeof(*p0);
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR,
		  ((mach_msg_port_descriptor_t *)at)->type);
	EXPECT_EQ(MACH_PORT_NULL, ((mach_msg_port_descriptor_t *)at)->name);
	at += sizeof(mach_msg_port_descriptor_t);
	ool = (void *)at;
	EXPECT_EQ(MACH_MSG_OOL_DESCRIPTOR, ool->type);
	ASSERT_EQ(sizeof(bytes), ool->size);
	ASSERT_NE(NULL, ool->address);
	EXPECT_EQ(0, memcmp(bytes, ool->address, sizeof(bytes)));
	at += sizeof(*ool);
	p1 = (void *)at;
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, p1->type);
	EXPECT_EQ(q, p1->name);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND, p1->disposition);
	data = (uint32_t *)(at + sizeof(*p1));
	EXPECT_EQ(0x11111111, data[0]);
	EXPECT_EQ(0x22222222, data[1]);
	EXPECT_EQ(0x33333333, data[2]);
	t = mu_trailer(&m.hdr);
	EXPECT_EQ(MACH_MSG_TRAILER_FORMAT_0, t->msgh_trailer_type);
	EXPECT_EQ(sizeof(mach_msg_seqno_trailer_t), t->msgh_trailer_size);
	EXPECT_EQ(3, mu_refs(q, MACH_PORT_RIGHT_SEND));
	vm_deallocate(SELF, (vm_address_t)ool->address, sizeof(bytes));
}

/* ------------------------------------------------------------------ */
/* a message that is not delivered */

/*
 * A send that fails after copyin (queue full, MACH_SEND_TIMED_OUT) hands
 * the right back (ipc_kmsg_copyout_pseudo): guarded by the send buffer's
 * address as IMMOVABLE_RECEIVE asks, but not immovable in its own space.
 */
TEST(pseudo_receive_gives_the_right_back_movable)
{
	mach_port_name_t dest = mu_port(), p = gd_guarded_port(GD_GUARD, false);
	gd_msg_t m;
	int fl;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(dest, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(dest, MACH_MSG_TYPE_MAKE_SEND, 1));
	gd_fill(&m, dest, p, GD_GUARD, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
		MACH_MSG_TYPE_MOVE_RECEIVE);
	ASSERT_EQ(MACH_SEND_TIMED_OUT, mu_send_msg(&m.hdr, 0));
	EXPECT_EQ(MACH_MSG_GUARDED_PORT_DESCRIPTOR, m.d.type);
	EXPECT_EQ(MACH_MSG_TYPE_PORT_RECEIVE, m.d.disposition);
	EXPECT_EQ(MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, m.d.flags);
	EXPECT_EQ((uint64_t)(uintptr_t)&m, m.d.context);
	ASSERT_EQ(MACH_PORT_TYPE_RECEIVE, mu_type(m.d.name));
	fl = gd_status_flags(m.d.name);
	EXPECT_TRUE(fl & MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_FALSE(fl & MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
	EXPECT_EQ(KERN_SUCCESS,
		  mach_port_destruct(SELF, m.d.name, 0, m.d.context));
}

/*
 * A queued message whose destination dies is destroyed with the right it
 * carries (ipc_kmsg_clean_body): nothing is left (debugfs counters).
 */
TEST(destroyed_message_releases_the_right)
{
	long ports = stat_value("ports"), kmsgs = stat_value("kmsgs");
	mach_port_name_t dest, p;

	if (ports < 0 || kmsgs < 0)
		SKIP(return, "debugfs mach/stats needs root");
	dest = mu_port();
	p = mu_port_send();
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(dest, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND |
			  MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(1, mu_msgcount(dest));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(dest));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(SELF, p));
	EXPECT_EQ(ports, stat_value("ports"));
	EXPECT_EQ(kmsgs, stat_value("kmsgs"));
}

/*
 * A port's own receive right sent to it in a guarded descriptor makes the
 * message circular (ipc_port_check_circularity): it is destroyed, the
 * send reports success, and the port dies.
 */
TEST(own_receive_right_to_itself_is_destroyed)
{
	mach_port_name_t p = mu_port_send();

	ASSERT_EQ(MACH_MSG_SUCCESS,
		  gd_send(p, p, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
			  MACH_MSG_TYPE_MOVE_RECEIVE));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, mu_type(p));
}

TEST_HARNESS_MAIN
