// SPDX-License-Identifier: GPL-2.0
/*
 * MIG (issue 18): round trips through the client and server stubs that
 * tools/mig generates from selftests/mig/migtest.defs, one argument kind
 * per test, served by libmach's mach_msg_server on a thread; and
 * malformed requests, built by hand, answered with the MIG_* codes of
 * Apple's generated servers (a __MIG_check__Request__* failure is
 * MIG_BAD_ARGUMENTS for the header, size and counts, MIG_TYPE_ERROR for
 * a descriptor's type or right; an unknown id is MIG_BAD_ID from the
 * demux; a missing trailer element MIG_TRAILER_ERROR).
 */
#include "harness.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>

#include "mig/migtest.h"
#include "mig/migtestServer.h"
#include "mig/mach_exc.h"
#include "mig/mach_excServer.h"
#include "mig/notifyServer.h"
#include "mig/bs.h"
#include "mig/task_gen.h"
#include "util.h"

#define BASE 4200

/* ---- the server side: the routines' implementations ---- */

static int last_notify = -1;

kern_return_t do_add(mach_port_t server, int a, int64_t b, int64_t *sum)
{
	*sum = a + b;
	return KERN_SUCCESS;
}

kern_return_t do_swap_pair(mach_port_t server, int_pair_t in_p, int_pair_t out_p)
{
	out_p[0] = in_p[1];
	out_p[1] = in_p[0];
	return KERN_SUCCESS;
}

kern_return_t do_sum_list(mach_port_t server, int_list_t list, mach_msg_type_number_t listCnt,
			  int tail, int *total, int_list_t doubled,
			  mach_msg_type_number_t *doubledCnt)
{
	int t = tail;

	if (*doubledCnt < listCnt)
		return KERN_FAILURE;
	for (mach_msg_type_number_t i = 0; i < listCnt; i++) {
		t += list[i];
		doubled[i] = 2 * list[i];
	}
	*doubledCnt = listCnt;
	*total = t;
	return KERN_SUCCESS;
}

kern_return_t do_echo_bytes(mach_port_t server, byte_list_t bytes, mach_msg_type_number_t bytesCnt,
			    int16_t after, byte_list_t rbytes, mach_msg_type_number_t *rbytesCnt,
			    int16_t *rafter)
{
	mach_msg_type_number_t n = bytesCnt < *rbytesCnt ? bytesCnt : *rbytesCnt;

	for (mach_msg_type_number_t i = 0; i < n; i++)
		rbytes[i] = (char)(bytes[bytesCnt - 1 - i]);
	*rbytesCnt = n;
	*rafter = (int16_t)-after;
	return KERN_SUCCESS;
}

kern_return_t do_ool_in(mach_port_t server, vm_offset_t data, mach_msg_type_number_t dataCnt,
			uint32_t *sum)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t s = 0;

	for (mach_msg_type_number_t i = 0; i < dataCnt; i++)
		s += p[i];
	*sum = s;
	vm_deallocate(mach_task_self(), data, dataCnt);
	return KERN_SUCCESS;
}

kern_return_t do_ool_out(mach_port_t server, uint32_t n, word_ool_t *words,
			 mach_msg_type_number_t *wordsCnt)
{
	vm_address_t a = 0;
	kern_return_t kr;

	if (n > 1024)
		return KERN_INVALID_ARGUMENT;
	kr = vm_allocate(mach_task_self(), &a, n ? n * 4 : 4, VM_FLAGS_ANYWHERE);
	if (kr)
		return kr;
	for (uint32_t i = 0; i < n; i++)
		((uint32_t *)a)[i] = i * i;
	*words = (word_ool_t)a;
	*wordsCnt = n;
	return KERN_SUCCESS;
}

/* What give_port's server saw, for the client to check. */
static mach_port_type_t seen_type[5];
static mach_port_t seen_name[5];

kern_return_t do_give_port(mach_port_t server, mach_port_t recv, mach_port_t send,
			   mach_port_t copy, mach_port_t moved, mach_port_t once)
{
	mach_port_t n[5] = { recv, send, copy, moved, once };

	for (int i = 0; i < 5; i++) {
		seen_name[i] = n[i];
		seen_type[i] = util_type(n[i]);
	}
	return KERN_SUCCESS;
}

kern_return_t do_give_once(mach_port_t server, mach_port_t once)
{
	seen_name[0] = once;
	seen_type[0] = util_type(once);
	return KERN_SUCCESS;
}

static mach_port_t handout;

kern_return_t do_get_port(mach_port_t server, mach_port_t *port)
{
	*port = handout;
	return KERN_SUCCESS;
}

kern_return_t do_poly_port(mach_port_t server, mach_port_t port, mach_msg_type_name_t portPoly,
			   mach_port_t *rport, mach_msg_type_name_t *rportPoly)
{
	/* hand back a send right made from the receive right we hold */
	if (portPoly != MACH_MSG_TYPE_PORT_SEND)
		return KERN_INVALID_RIGHT;
	*rport = handout;
	*rportPoly = MACH_MSG_TYPE_MAKE_SEND;
	return KERN_SUCCESS;
}

kern_return_t do_who(mach_port_t server, audit_token_t token, int *pid)
{
	*pid = (int)token.val[5];	/* audit_token_to_pid() */
	return KERN_SUCCESS;
}

static void upcase(char *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i]; i++)
		d[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	d[i] = 0;
}

kern_return_t do_names(mach_port_t server, small_name_t fixed, var_name_t var,
		       small_name_t rfixed, var_name_t rvar)
{
	upcase(rfixed, fixed, sizeof(small_name_t));
	upcase(rvar, var, sizeof(var_name_t));
	return KERN_SUCCESS;
}

kern_return_t do_port_array(mach_port_t server, port_list_t ports, mach_msg_type_number_t portsCnt,
			    port_list_t *rports, mach_msg_type_number_t *rportsCnt)
{
	/* send the rights back in reverse order, out of line */
	for (mach_msg_type_number_t i = 0; i < portsCnt / 2; i++) {
		mach_port_t t = ports[i];

		ports[i] = ports[portsCnt - 1 - i];
		ports[portsCnt - 1 - i] = t;
	}
	*rports = ports;
	*rportsCnt = portsCnt;
	return KERN_SUCCESS;
}

kern_return_t do_notify_once(mach_port_t server, int value)
{
	__atomic_store_n(&last_notify, value, __ATOMIC_SEQ_CST);
	return KERN_SUCCESS;
}

kern_return_t do_fail_with(mach_port_t server, int code)
{
	return code;
}

kern_return_t do_ctx_value(mach_port_t server, mach_port_context_t ctx, uint64_t *value)
{
	*value = ctx;
	return KERN_SUCCESS;
}

kern_return_t do_same_count(mach_port_t server, int n, int_list_t squares,
			    mach_msg_type_number_t *squaresCnt, int_list_t cubes)
{
	if (n < 0 || (mach_msg_type_number_t)n > *squaresCnt)
		return KERN_INVALID_ARGUMENT;
	for (int i = 0; i < n; i++) {
		squares[i] = i * i;
		cubes[i] = i * i * i;
	}
	*squaresCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

kern_return_t do_seqno(mach_port_t server, mach_port_seqno_t seq, mach_port_seqno_t *rseq)
{
	*rseq = seq;
	return KERN_SUCCESS;
}

kern_return_t do_slow(mach_port_t server, int delay_ms)
{
	usleep((useconds_t)delay_ms * 1000);
	return KERN_SUCCESS;
}

kern_return_t do_opt_send(mach_port_t server, int value)
{
	return KERN_SUCCESS;
}

kern_return_t do_sreply(mach_port_t server, mach_port_t reply, uint32_t *rtype)
{
	/* the reply right, as the server routine sees it before the reply */
	*rtype = util_type(reply);
	return KERN_SUCCESS;
}

kern_return_t do_ureply(mach_port_t server, int *value)
{
	*value = 42;
	return KERN_SUCCESS;
}

kern_return_t do_handlers(mach_port_t server, int n, int_list_t masks,
			  mach_msg_type_number_t *masksCnt, handler_list_t hlist)
{
	if (n < 0 || (mach_msg_type_number_t)n > *masksCnt)
		return KERN_INVALID_ARGUMENT;
	for (int i = 0; i < n; i++) {
		masks[i] = i + 1;
		hlist[i] = handout;	/* copied: one more send right each */
	}
	*masksCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

kern_return_t do_retcode_arg(mach_port_t server, int code, int *rcode)
{
	*rcode = code;
	return KERN_SUCCESS;
}

/* ---- the server thread ---- */

struct server {
	mach_port_t port;
	mach_msg_options_t options;
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct server *s = arg;

	mach_msg_server(migtest_server, sizeof(union __RequestUnion__do_migtest_subsystem),
			s->port, s->options);
	return NULL;
}

/* A port served by migtest_server on a thread with receive @options. */
static mach_port_t start_server_opts(struct server *s, mach_msg_options_t options)
{
	s->port = util_port_send();
	s->options = options;
	handout = util_port_send();
	if (pthread_create(&s->thread, NULL, serve, s))
		return MACH_PORT_NULL;
	return s->port;
}

/* A port served by migtest_server on a thread; a send right under the same name. */
static mach_port_t start_server(struct server *s, int audit)
{
	return start_server_opts(s, audit ? MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
				    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT) : 0);
}

#define TRAILER_OPTS(elements) \
	(MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) | MACH_RCV_TRAILER_ELEMENTS(elements))

/* ---- round trips ---- */

TEST(integers)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int64_t sum = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mt_add(p, -5, 1LL << 40, &sum));
	ASSERT_EQ((1LL << 40) - 5, sum);
}

TEST(fixed_array)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int_pair_t in = { 7, 9 }, out = { 0, 0 };

	ASSERT_EQ(KERN_SUCCESS, mt_swap_pair(p, in, out));
	ASSERT_EQ(9, out[0]);
	ASSERT_EQ(7, out[1]);
}

/* A variable array in the request and one in the reply, each followed by a field that moves. */
TEST(variable_arrays)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int list[16] = { 1, 2, 3, 4, 5 }, doubled[16];
	mach_msg_type_number_t n = 16;
	int total = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_sum_list(p, list, 5, 100, &total, doubled, &n));
	ASSERT_EQ(115, total);
	ASSERT_EQ(5, n);
	for (int i = 0; i < 5; i++)
		ASSERT_EQ(2 * list[i], doubled[i]);
	/* an empty one */
	n = 16;
	ASSERT_EQ(KERN_SUCCESS, mt_sum_list(p, list, 0, 3, &total, doubled, &n));
	ASSERT_EQ(3, total);
	ASSERT_EQ(0, n);
}

/* More than the caller has room for: the first *Cnt copied, the real count, MIG_ARRAY_TOO_LARGE. */
TEST(variable_array_too_large)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int list[16] = { 1, 2, 3, 4, 5 }, doubled[16] = { 0 };
	mach_msg_type_number_t n = 2;
	int total = 0;

	ASSERT_EQ(MIG_ARRAY_TOO_LARGE, mt_sum_list(p, list, 5, 0, &total, doubled, &n));
	ASSERT_EQ(5, n);
	ASSERT_EQ(2, doubled[0]);
	ASSERT_EQ(4, doubled[1]);
	ASSERT_EQ(0, doubled[2]);
	/* and a request over the bound never leaves */
	n = 16;
	ASSERT_EQ(MIG_ARRAY_TOO_LARGE, mt_sum_list(p, list, 17, 0, &total, doubled, &n));
}

/* Odd byte counts (padding), a 16-bit field after them, CountInOut. */
TEST(bytes_countinout)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	char out[13] = { 0 };
	mach_msg_type_number_t n = 13;
	int16_t after = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_echo_bytes(p, "abcde", 5, 1234, out, &n, &after));
	ASSERT_EQ(5, n);
	ASSERT_EQ(0, memcmp(out, "edcba", 5));
	ASSERT_EQ(-1234, after);
	/* the server sees the caller's room */
	n = 3;
	ASSERT_EQ(KERN_SUCCESS, mt_echo_bytes(p, "abcdefg", 7, -7, out, &n, &after));
	ASSERT_EQ(3, n);
	ASSERT_EQ(0, memcmp(out, "gfe", 3));
	ASSERT_EQ(7, after);
}

/* Out-of-line memory with dealloc: the sender's copy is gone after the send. */
TEST(ool_in_dealloc)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	vm_address_t a = 0;
	unsigned char vec;
	uint32_t sum = 0, want = 0;
	size_t len = 3 * 4096 + 5;

	ASSERT_EQ(KERN_SUCCESS, vm_allocate(mach_task_self(), &a, len, VM_FLAGS_ANYWHERE));
	for (size_t i = 0; i < len; i++) {
		((unsigned char *)a)[i] = (unsigned char)(i * 7);
		want += (unsigned char)(i * 7);
	}
	ASSERT_EQ(KERN_SUCCESS, mt_ool_in(p, a, (mach_msg_type_number_t)len, &sum));
	ASSERT_EQ(want, sum);
	/* deallocate = TRUE: the region left this task with the message */
	ASSERT_EQ(-1, mincore((void *)a, 4096, &vec));
	ASSERT_EQ(ENOMEM, errno);
}

TEST(ool_out)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	word_ool_t w = NULL;
	mach_msg_type_number_t n = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_ool_out(p, 1000, &w, &n));
	ASSERT_EQ(1000, n);
	ASSERT_NE(NULL, w);
	for (uint32_t i = 0; i < n; i++)
		ASSERT_EQ(i * i, w[i]);
	ASSERT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(), (vm_address_t)w, n * 4));
	/* over the ^array[*:1024] bound: the server's error comes back */
	ASSERT_EQ(KERN_INVALID_ARGUMENT, mt_ool_out(p, 1025, &w, &n));
}

/* One port per disposition; each arrives as the right its disposition makes. */
TEST(port_dispositions)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t recv = util_port();
	mach_port_t mk = util_port();		/* make_send from its receive right */
	mach_port_t cp = util_port_send();	/* copy_send: the caller keeps one */
	mach_port_t mv = util_port_send();	/* move_send */
	mach_port_t once = util_port();		/* make_send_once */
	mach_port_urefs_t refs = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_give_port(p, recv, mk, cp, mv, once));
	ASSERT_TRUE(seen_type[0] & MACH_PORT_TYPE_RECEIVE);
	ASSERT_TRUE(seen_type[1] & MACH_PORT_TYPE_SEND);
	ASSERT_TRUE(seen_type[2] & MACH_PORT_TYPE_SEND);
	ASSERT_TRUE(seen_type[3] & MACH_PORT_TYPE_SEND);
	ASSERT_TRUE(seen_type[4] & MACH_PORT_TYPE_SEND_ONCE);
	/* one task: the rights came back under their names */
	ASSERT_EQ(mk, seen_name[1]);
	ASSERT_EQ(cp, seen_name[2]);
	/* copy_send left the caller's uref and added the server's */
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), cp, MACH_PORT_RIGHT_SEND, &refs));
	ASSERT_EQ(2, refs);
	/* move_send took one and the server got one */
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), mv, MACH_PORT_RIGHT_SEND, &refs));
	ASSERT_EQ(1, refs);
	/* make_send created the first send right */
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), mk, MACH_PORT_RIGHT_SEND, &refs));
	ASSERT_EQ(1, refs);
}

TEST(port_move_send_once)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t r = util_port();
	mach_port_t so = MACH_PORT_NULL;
	mach_msg_type_name_t t;

	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(mach_task_self(), r,
							MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &t));
	ASSERT_EQ(KERN_SUCCESS, mt_give_once(p, so));
	ASSERT_TRUE(seen_type[0] & MACH_PORT_TYPE_SEND_ONCE);
}

TEST(port_out)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t got = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, mt_get_port(p, &got));
	ASSERT_EQ(handout, got);
	ASSERT_TRUE(util_type(got) & MACH_PORT_TYPE_SEND);
}

/* polymorphic: the disposition is an argument; the receiver learns the right. */
TEST(port_polymorphic)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t r = util_port(), got = MACH_PORT_NULL;
	mach_msg_type_name_t poly = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_poly_port(p, r, MACH_MSG_TYPE_MAKE_SEND, &got, &poly));
	ASSERT_EQ(handout, got);
	ASSERT_EQ(MACH_MSG_TYPE_PORT_SEND, poly);
	/* a send-once right is refused by the routine, its error comes back */
	ASSERT_EQ(KERN_INVALID_RIGHT, mt_poly_port(p, r, MACH_MSG_TYPE_MAKE_SEND_ONCE, &got, &poly));
}

TEST(port_array_ool)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t ports[3] = { util_port_send(), util_port_send(), util_port_send() };
	port_list_t back = NULL;
	mach_msg_type_number_t n = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_port_array(p, ports, 3, &back, &n));
	ASSERT_EQ(3, n);
	ASSERT_EQ(ports[2], back[0]);
	ASSERT_EQ(ports[1], back[1]);
	ASSERT_EQ(ports[0], back[2]);
}

/* ServerAuditToken: the sender's pid from the trailer. */
TEST(audit_token)
{
	struct server s;
	mach_port_t p = start_server(&s, 1);
	int pid = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_who(p, &pid));
	ASSERT_EQ(getpid(), pid);
}

/* A server that did not ask for the audit trailer: MIG_TRAILER_ERROR. */
TEST(audit_token_missing_trailer)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int pid = 0;

	ASSERT_EQ(MIG_TRAILER_ERROR, mt_who(p, &pid));
}

TEST(strings)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	small_name_t rf;
	var_name_t rv;
	char longer[100];

	ASSERT_EQ(KERN_SUCCESS, mt_names(p, "abc", "hello, world", rf, rv));
	ASSERT_STREQ("ABC", rf);
	ASSERT_STREQ("HELLO, WORLD", rv);
	/* longer than the bounds: cut, still terminated */
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = 0;
	ASSERT_EQ(KERN_SUCCESS, mt_names(p, longer, longer, rf, rv));
	ASSERT_EQ(31, strlen(rf));
	ASSERT_EQ(63, strlen(rv));
	ASSERT_EQ(KERN_SUCCESS, mt_names(p, "", "", rf, rv));
	ASSERT_STREQ("", rf);
	ASSERT_STREQ("", rv);
}

TEST(simpleroutine)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int64_t sum;

	ASSERT_EQ(MACH_MSG_SUCCESS, mt_notify_once(p, 77));
	/* the queue is FIFO: once add is answered, the notification was served */
	ASSERT_EQ(KERN_SUCCESS, mt_add(p, 1, 2, &sum));
	ASSERT_EQ(77, __atomic_load_n(&last_notify, __ATOMIC_SEQ_CST));
}

/* A routine's error is a mig_reply_error_t; a complex reply's error too. */
TEST(routine_error)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);

	ASSERT_EQ(KERN_INVALID_VALUE, mt_fail_with(p, KERN_INVALID_VALUE));
	ASSERT_EQ(KERN_SUCCESS, mt_fail_with(p, KERN_SUCCESS));
}

/*
 * ServerContext: the server routine gets the trailer's msgh_context, the
 * context set on the receive right (XNU ipc_kmsg_add_trailer fills it
 * from the port's ip_context when MACH_RCV_TRAILER_CTX is asked for).
 */
TEST(server_context)
{
	struct server s;
	mach_port_t p = start_server_opts(&s, TRAILER_OPTS(MACH_RCV_TRAILER_CTX));
	uint64_t value = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_set_context(mach_task_self(), p, 0x1122334455667788ull));
	ASSERT_EQ(KERN_SUCCESS, mt_ctx_value(p, &value));
	ASSERT_EQ(0x1122334455667788ull, value);
}

/* SameCount: the second out array travels with the first's count only. */
TEST(same_count)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int squares[16], cubes[16];
	mach_msg_type_number_t n = 16;

	memset(cubes, 0x55, sizeof(cubes));
	ASSERT_EQ(KERN_SUCCESS, mt_same_count(p, 4, squares, &n, cubes));
	ASSERT_EQ(4, n);
	ASSERT_EQ(9, squares[3]);
	ASSERT_EQ(27, cubes[3]);
	ASSERT_EQ(0x55555555, cubes[4]);	/* nothing beyond the count */
}

/*
 * SameCount over the caller's room: MIG_ARRAY_TOO_LARGE with the real
 * count, the first array cut to the room and the second not written (no
 * overflow of the caller's arrays).
 */
TEST(same_count_too_large)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int squares[16], cubes[16];
	mach_msg_type_number_t n = 2;

	memset(squares, 0x55, sizeof(squares));
	memset(cubes, 0x55, sizeof(cubes));
	ASSERT_EQ(MIG_ARRAY_TOO_LARGE, mt_same_count(p, 5, squares, &n, cubes));
	ASSERT_EQ(5, n);
	ASSERT_EQ(1, squares[1]);
	ASSERT_EQ(0x55555555, squares[2]);
	ASSERT_EQ(0x55555555, cubes[0]);
}

/*
 * An inline port array sharing a count (SameCount, as
 * task_get_exception_ports' old_handlers): the names that fit the
 * caller's room are stored, the rights beyond it released, nothing
 * written past the caller's array; MIG_ARRAY_TOO_LARGE with the real
 * count, as for any array over the room.
 */
TEST(same_count_ports_too_large)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int masks[16];
	mach_port_t hl[16];
	mach_msg_type_number_t n = 2;
	mach_port_urefs_t before = 0, after = 0;

	for (int i = 0; i < 16; i++)
		hl[i] = 0x5555;
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), handout,
						   MACH_PORT_RIGHT_SEND, &before));
	ASSERT_EQ(MIG_ARRAY_TOO_LARGE, mt_handlers(p, 4, masks, &n, hl));
	ASSERT_EQ(4, n);
	ASSERT_EQ(handout, hl[0]);
	ASSERT_EQ(handout, hl[1]);
	ASSERT_EQ(0x5555, hl[2]);
	/* four copies arrived in this space; the two kept are the only ones left */
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), handout,
						   MACH_PORT_RIGHT_SEND, &after));
	ASSERT_EQ(before + 2, after);
}

/* MsgSeqno: the trailer's sequence number, one more per message received. */
TEST(msg_seqno)
{
	struct server s;
	mach_port_t p = start_server_opts(&s, TRAILER_OPTS(MACH_RCV_TRAILER_SEQNO));
	mach_port_seqno_t a = 0, b = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_seqno(p, &a));
	ASSERT_EQ(KERN_SUCCESS, mt_seqno(p, &b));
	ASSERT_EQ(a + 1, b);
}

/* MsgSeqno without the seqno trailer element: MIG_TRAILER_ERROR from the server. */
TEST(msg_seqno_missing_trailer)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_seqno_t a = 0;

	ASSERT_EQ(MIG_TRAILER_ERROR, mt_seqno(p, &a));
}

/*
 * WaitTime: the stub sends with MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT and
 * the argument as the timeout, so a slow server gives MACH_RCV_TIMED_OUT;
 * the thread's reply port is replaced, and the next call is not confused
 * by the late reply.
 */
TEST(wait_time_expires)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int64_t sum = 0;

	ASSERT_EQ(MACH_RCV_TIMED_OUT, mt_slow(p, 20, 300));
	ASSERT_EQ(KERN_SUCCESS, mt_add(p, 2, 3, &sum));
	ASSERT_EQ(5, sum);
}

/*
 * MsgOption: the argument is or-ed into mach_msg's options; with
 * MACH_SEND_TIMEOUT (and no WaitTime, a timeout of 0) a send to a full
 * queue returns MACH_SEND_TIMED_OUT instead of blocking.
 */
TEST(msg_option)
{
	mach_port_t p = util_port_send();
	mach_port_limits_t lim = { .mpl_qlimit = 1 };

	ASSERT_EQ(KERN_SUCCESS, mach_port_set_attributes(mach_task_self(), p, MACH_PORT_LIMITS_INFO,
							 (mach_port_info_t)&lim,
							 MACH_PORT_LIMITS_INFO_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, mt_opt_send(p, 0, 1));
	ASSERT_EQ(MACH_SEND_TIMED_OUT, mt_opt_send(p, MACH_SEND_TIMEOUT, 2));
}

/* SReplyPort: the server routine is handed the request's reply right (a send-once right). */
TEST(sreply_port)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	uint32_t type = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_sreply(p, &type));
	ASSERT_EQ(MACH_PORT_TYPE_SEND_ONCE, type);
}

/* UReplyPort: the caller's port is the reply port, and the reply is received on it. */
TEST(ureply_port)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t r = util_port();
	int value = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_ureply(p, r, &value));
	ASSERT_EQ(42, value);
	/* the stub used @r, not the thread's MIG reply port, and left it in place */
	ASSERT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(r));
}

/* The RetCode flag on an argument is accepted and changes nothing: the value travels as an int. */
TEST(retcode_flag)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	int rcode = 0;

	ASSERT_EQ(KERN_SUCCESS, mt_retcode_arg(p, 1234, &rcode));
	ASSERT_EQ(1234, rcode);
}

/* ---- malformed requests ---- */

union rawbuf {
	mach_msg_header_t head;
	mig_reply_error_t err;
	char bytes[1024];
};

/*
 * Send @size bytes of @m as @id to @dest and return the RetCode of the
 * mig_reply_error_t that comes back (or the transport error).
 */
static kern_return_t raw_call(mach_port_t dest, union rawbuf *m, mach_msg_size_t size,
			      mach_msg_id_t id)
{
	mach_port_t reply = mach_reply_port();
	mach_msg_return_t mr;

	m->head.msgh_bits |= MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m->head.msgh_size = size;
	m->head.msgh_remote_port = dest;
	m->head.msgh_local_port = reply;
	m->head.msgh_id = id;
	mr = mach_msg(&m->head, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, size,
		      sizeof(*m), reply, 5000, MACH_PORT_NULL);
	mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE, -1);
	if (mr)
		return mr;
	if (m->head.msgh_id != id + 100 || m->head.msgh_size != sizeof(mig_reply_error_t) ||
	    (m->head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return -1;
	return m->err.RetCode;
}

/* migtest_server: an id outside the subsystem, and a skipped one (XNU's demux: MIG_BAD_ID). */
TEST(malformed_bad_id)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;

	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MIG_BAD_ID, raw_call(p, &m, sizeof(mach_msg_header_t), BASE + 99));
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MIG_BAD_ID, raw_call(p, &m, sizeof(mach_msg_header_t), BASE + 14));
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MIG_BAD_ID, raw_call(p, &m, sizeof(mach_msg_header_t), BASE - 1));
}

/* __MIG_check__Request__add_t: the exact size, no complex bit. */
TEST(malformed_size)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;

	memset(&m, 0, sizeof(m));
	memcpy(m.bytes + 24, &NDR_record, 8);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, sizeof(__Request__add_t) - 4, BASE + 0));
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, sizeof(__Request__add_t) + 4, BASE + 0));
	/* the right size works */
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(-1, raw_call(p, &m, sizeof(__Request__add_t), BASE + 0));	/* a real reply */
	ASSERT_EQ(BASE + 100, m.head.msgh_id);
	ASSERT_EQ(sizeof(__Reply__add_t), m.head.msgh_size);
}

TEST(malformed_complex_bit)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;

	/* a simple request marked complex, with no descriptors */
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, sizeof(__Request__add_t), BASE + 0));
	/* a complex request sent simple */
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, sizeof(__Request__give_once_t), BASE + 7));
}

/* The count over the bound, and a count disagreeing with the size. */
TEST(malformed_count)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;
	mach_msg_type_number_t cnt;

	memset(&m, 0, sizeof(m));
	cnt = 17;
	memcpy(m.bytes + 32, &cnt, 4);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, 24 + 8 + 4 + 16 * 4 + 4, BASE + 2));
	memset(&m, 0, sizeof(m));
	cnt = 3;	/* but 4 elements' room */
	memcpy(m.bytes + 32, &cnt, 4);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, 24 + 8 + 4 + 4 * 4 + 4, BASE + 2));
	memset(&m, 0, sizeof(m));
	cnt = 4;	/* consistent: served */
	memcpy(m.bytes + 32, &cnt, 4);
	ASSERT_EQ(-1, raw_call(p, &m, 24 + 8 + 4 + 4 * 4 + 4, BASE + 2));
	ASSERT_EQ(BASE + 102, m.head.msgh_id);
}

/* A port descriptor carrying the wrong right: MIG_TYPE_ERROR, and the right is destroyed. */
TEST(malformed_port_type)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	mach_port_t x = util_port_send();
	union rawbuf m;
	mach_msg_port_descriptor_t d;
	mach_msg_body_t body = { 1 };
	mach_port_urefs_t refs = 0;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	memcpy(m.bytes + 24, &body, 4);
	memset(&d, 0, sizeof(d));
	d.name = x;
	d.disposition = MACH_MSG_TYPE_COPY_SEND;	/* give_once wants a send-once right */
	d.type = MACH_MSG_PORT_DESCRIPTOR;
	memcpy(m.bytes + 28, &d, sizeof(d));
	ASSERT_EQ(MIG_TYPE_ERROR, raw_call(p, &m, sizeof(__Request__give_once_t), BASE + 7));
	/* mach_msg_server destroyed the request: the copied send right is gone */
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), x, MACH_PORT_RIGHT_SEND, &refs));
	ASSERT_EQ(1, refs);
	/* an OOL descriptor where a port belongs */
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	memcpy(m.bytes + 24, &body, 4);
	memset(&d, 0, sizeof(d));
	d.name = MACH_PORT_NULL;
	d.type = MACH_MSG_OOL_DESCRIPTOR;
	memcpy(m.bytes + 28, &d, sizeof(d));
	ASSERT_NE(MACH_MSG_SUCCESS, raw_call(p, &m, sizeof(__Request__give_once_t), BASE + 7));
}

/* A c_string[32] with no NUL in its 32 bytes. */
TEST(malformed_string)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;
	mach_msg_type_number_t cnt = 1;

	memset(&m, 0, sizeof(m));
	memset(m.bytes + 32, 'a', 32);
	/* then var: offset, count 1, "\0" padded */
	memcpy(m.bytes + 32 + 32 + 4, &cnt, 4);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, 24 + 8 + 32 + 4 + 4 + 4, BASE + 11));
	memset(&m, 0, sizeof(m));
	memset(m.bytes + 32, 'a', 5);
	cnt = 1;
	memcpy(m.bytes + 32 + 32 + 4, &cnt, 4);
	ASSERT_EQ(-1, raw_call(p, &m, 24 + 8 + 32 + 4 + 4 + 4, BASE + 11));
	ASSERT_EQ(BASE + 111, m.head.msgh_id);
	/* a variable string whose count's last byte is not its NUL */
	memset(&m, 0, sizeof(m));
	cnt = 4;
	memcpy(m.bytes + 32 + 32 + 4, &cnt, 4);
	memcpy(m.bytes + 32 + 32 + 8, "abcd", 4);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, 24 + 8 + 32 + 4 + 4 + 4, BASE + 11));
}

/*
 * A descriptor count other than the routine's, at the routine's exact
 * size (no descriptor, the 12 bytes inline): MIG_BAD_ARGUMENTS (Apple's
 * __MIG_check__Request__* tests msgh_descriptor_count).  More descriptors
 * than the size holds never reach the server: the kernel refuses the send.
 */
TEST(malformed_descriptor_count)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;
	mach_msg_body_t body = { 0 };

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	memcpy(m.bytes + 24, &body, 4);
	ASSERT_EQ(MIG_BAD_ARGUMENTS, raw_call(p, &m, sizeof(__Request__give_once_t), BASE + 7));
}

/*
 * An out-of-line region whose size is not its count's: MIG_TYPE_ERROR, as
 * Apple's check of an OOL byte array against its count; the region is
 * destroyed with the request (mach_msg_server).
 */
TEST(malformed_ool_size)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;
	mach_msg_body_t body = { 1 };
	mach_msg_ool_descriptor_t d;
	mach_msg_type_number_t cnt = 100;
	static char region[64];

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	memcpy(m.bytes + offsetof(__Request__ool_in_t, msgh_body), &body, sizeof(body));
	memset(&d, 0, sizeof(d));
	d.address = region;
	d.size = sizeof(region);	/* but the count says 100 */
	d.copy = MACH_MSG_VIRTUAL_COPY;
	d.type = MACH_MSG_OOL_DESCRIPTOR;
	memcpy(m.bytes + offsetof(__Request__ool_in_t, data), &d, sizeof(d));
	memcpy(m.bytes + offsetof(__Request__ool_in_t, NDR), &NDR_record, sizeof(NDR_record));
	memcpy(m.bytes + offsetof(__Request__ool_in_t, dataCnt), &cnt, sizeof(cnt));
	ASSERT_EQ(MIG_TYPE_ERROR, raw_call(p, &m, sizeof(__Request__ool_in_t), BASE + 4));
}

/* A port descriptor where an out-of-line region belongs: MIG_TYPE_ERROR. */
TEST(malformed_ool_type)
{
	struct server s;
	mach_port_t p = start_server(&s, 0);
	union rawbuf m;
	mach_msg_body_t body = { 1 };
	mach_msg_port_descriptor_t d;
	mach_msg_type_number_t cnt = 0;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	memcpy(m.bytes + offsetof(__Request__ool_in_t, msgh_body), &body, sizeof(body));
	memset(&d, 0, sizeof(d));
	d.name = MACH_PORT_NULL;
	d.disposition = MACH_MSG_TYPE_COPY_SEND;
	d.type = MACH_MSG_PORT_DESCRIPTOR;
	memcpy(m.bytes + offsetof(__Request__ool_in_t, data), &d, sizeof(d));
	memcpy(m.bytes + offsetof(__Request__ool_in_t, NDR), &NDR_record, sizeof(NDR_record));
	memcpy(m.bytes + offsetof(__Request__ool_in_t, dataCnt), &cnt, sizeof(cnt));
	ASSERT_EQ(MIG_TYPE_ERROR, raw_call(p, &m, sizeof(__Request__ool_in_t), BASE + 4));
}

/* ---- the client's checks of replies ---- */

struct fake {
	mach_port_t port;
	mach_msg_id_t id_delta;
	mach_msg_size_t size;
};

static void *fake_server(void *arg)
{
	struct fake *f = arg;
	union rawbuf m;

	memset(&m, 0, sizeof(m));
	if (mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), f->port, 0, MACH_PORT_NULL))
		return NULL;
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(m.head.msgh_bits), 0);
	m.head.msgh_local_port = MACH_PORT_NULL;
	m.head.msgh_id += f->id_delta;
	m.head.msgh_size = f->size;
	memcpy(m.bytes + 24, &NDR_record, 8);
	memset(m.bytes + 32, 0, 16);
	mach_msg(&m.head, MACH_SEND_MSG, f->size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	return NULL;
}

/* A reply with the wrong id: MIG_REPLY_MISMATCH (Apple's __MIG_check__Reply__*). */
TEST(reply_mismatch)
{
	struct fake f = { util_port_send(), 101, sizeof(__Reply__add_t) };
	pthread_t t;
	int64_t sum;

	ASSERT_EQ(0, pthread_create(&t, NULL, fake_server, &f));
	ASSERT_EQ(MIG_REPLY_MISMATCH, mt_add(f.port, 1, 2, &sum));
	pthread_join(t, NULL);
}

/* A reply of the wrong size: MIG_TYPE_ERROR. */
TEST(reply_bad_size)
{
	struct fake f = { util_port_send(), 100, sizeof(__Reply__add_t) + 4 };
	pthread_t t;
	int64_t sum;

	ASSERT_EQ(0, pthread_create(&t, NULL, fake_server, &f));
	ASSERT_EQ(MIG_TYPE_ERROR, mt_add(f.port, 1, 2, &sum));
	pthread_join(t, NULL);
}

static void *drop_request(void *arg)
{
	struct fake *f = arg;
	union rawbuf m;

	memset(&m, 0, sizeof(m));
	if (mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), f->port, 0, MACH_PORT_NULL))
		return NULL;
	mach_msg_destroy(&m.head);	/* the reply right dies unused */
	return NULL;
}

/* The server's send-once right dying instead of a reply: a send-once notification, MIG_SERVER_DIED. */
TEST(reply_server_died)
{
	struct fake f = { util_port_send(), 0, 0 };
	pthread_t t;
	int64_t sum;

	ASSERT_EQ(0, pthread_create(&t, NULL, drop_request, &f));
	ASSERT_EQ(MIG_SERVER_DIED, mt_add(f.port, 1, 2, &sum));
	pthread_join(t, NULL);
}

/* ---- the shipped interfaces: mach_exc.defs and notify.defs ---- */

static struct {
	mach_port_t thread, task;
	exception_type_t exception;
	int64_t code[2];
	mach_msg_type_number_t codeCnt;
} caught;

kern_return_t catch_mach_exception_raise(mach_port_t exception_port, mach_port_t thread,
					 mach_port_t task, exception_type_t exception,
					 mach_exception_data_t code, mach_msg_type_number_t codeCnt)
{
	caught.thread = thread;
	caught.task = task;
	caught.exception = exception;
	caught.codeCnt = codeCnt;
	memcpy(caught.code, code, codeCnt * sizeof(code[0]));
	return KERN_SUCCESS;
}

kern_return_t catch_mach_exception_raise_state(mach_port_t exception_port,
					       exception_type_t exception,
					       mach_exception_data_t code,
					       mach_msg_type_number_t codeCnt, int *flavor,
					       thread_state_t old_state,
					       mach_msg_type_number_t old_stateCnt,
					       thread_state_t new_state,
					       mach_msg_type_number_t *new_stateCnt)
{
	/* answer with the words doubled, under another flavor */
	for (mach_msg_type_number_t i = 0; i < old_stateCnt; i++)
		new_state[i] = 2 * old_state[i];
	*new_stateCnt = old_stateCnt;
	*flavor += 1;
	caught.exception = exception;
	return KERN_SUCCESS;
}

kern_return_t catch_mach_exception_raise_state_identity(mach_port_t exception_port,
							mach_port_t thread, mach_port_t task,
							exception_type_t exception,
							mach_exception_data_t code,
							mach_msg_type_number_t codeCnt, int *flavor,
							thread_state_t old_state,
							mach_msg_type_number_t old_stateCnt,
							thread_state_t new_state,
							mach_msg_type_number_t *new_stateCnt)
{
	return KERN_FAILURE;
}

static void *serve_exc(void *arg)
{
	mach_msg_server(mach_exc_server, sizeof(union __RequestUnion__catch_mach_exc_subsystem),
			*(mach_port_t *)arg, 0);
	return NULL;
}

/* mach_exc.defs (2405): mach_exception_raise through its generated client and server. */
TEST(mach_exc_raise)
{
	mach_port_t p = util_port_send();
	int64_t code[2] = { 1, 0x123456789abLL };
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, serve_exc, &p));
	ASSERT_EQ(KERN_SUCCESS, mach_exception_raise(p, mach_thread_self(), mach_task_self(),
						     EXC_BREAKPOINT, code, 2));
	ASSERT_EQ(EXC_BREAKPOINT, caught.exception);
	ASSERT_EQ(2, caught.codeCnt);
	ASSERT_EQ(1, caught.code[0]);
	ASSERT_EQ(0x123456789abLL, caught.code[1]);
	ASSERT_EQ(mach_task_self(), caught.task);
	ASSERT_EQ(mach_thread_self(), caught.thread);
	/* more codes than mach_exception_data_t's [*:2] never leave */
	ASSERT_EQ(MIG_ARRAY_TOO_LARGE, mach_exception_raise(p, mach_thread_self(), mach_task_self(),
							   EXC_BREAKPOINT, code, 3));
	/* a routine's failure comes back as its code */
	ASSERT_EQ(KERN_FAILURE, ({
		natural_t st[2] = { 0 }, nst[4];
		mach_msg_type_number_t n = 4;
		int fl = 4;
		mach_exception_raise_state_identity(p, mach_thread_self(), mach_task_self(),
						    EXC_BREAKPOINT, code, 2, &fl, st, 2, nst, &n);
	}));
}

/* inout flavor, a state array in, another out. */
TEST(mach_exc_raise_state)
{
	mach_port_t p = util_port_send();
	int64_t code[2] = { 2, 3 };
	natural_t old_state[5] = { 1, 2, 3, 4, 5 }, new_state[THREAD_STATE_MAX];
	mach_msg_type_number_t n = THREAD_STATE_MAX;
	int flavor = 4;
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, serve_exc, &p));
	ASSERT_EQ(KERN_SUCCESS, mach_exception_raise_state(p, EXC_BAD_ACCESS, code, 2, &flavor,
							   old_state, 5, new_state, &n));
	ASSERT_EQ(5, flavor);
	ASSERT_EQ(5, n);
	for (int i = 0; i < 5; i++)
		ASSERT_EQ(2 * old_state[i], new_state[i]);
	ASSERT_EQ(EXC_BAD_ACCESS, caught.exception);
}

static mach_port_name_t dead_seen = MACH_PORT_NULL;
static mach_port_t destroyed_seen = MACH_PORT_NULL;

kern_return_t do_mach_notify_port_deleted(mach_port_t notify, mach_port_name_t name)
{
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_destroyed(mach_port_t notify, mach_port_t rights)
{
	destroyed_seen = rights;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_no_senders(mach_port_t notify, mach_port_mscount_t mscount)
{
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_send_once(mach_port_t notify)
{
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_dead_name(mach_port_t notify, mach_port_name_t name)
{
	dead_seen = name;
	return KERN_SUCCESS;
}

/* Receive one kernel notification on @notify and hand it to notify_server. */
static boolean_t dispatch_notification(mach_port_t notify)
{
	union rawbuf in, out;

	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	if (mach_msg(&in.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), notify, 5000,
		     MACH_PORT_NULL))
		return FALSE;
	if (!notify_server(&in.head, &out.head))
		return FALSE;
	return out.err.RetCode == KERN_SUCCESS;
}

/* notify.defs (64): a dead-name notification the module sends, served by notify_server. */
TEST(notify_dead_name)
{
	mach_port_t notify = util_port();
	mach_port_t r = util_port_send(), prev = MACH_PORT_NULL, send = MACH_PORT_NULL;
	mach_msg_type_name_t ty;

	/* one more send right under the name (one space: the same name) */
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(mach_task_self(), r, MACH_MSG_TYPE_MAKE_SEND,
							&send, &ty));
	ASSERT_EQ(r, send);	/* one space: the same name */
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(mach_task_self(), r,
			MACH_NOTIFY_DEAD_NAME, 0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	/* drop the receive right: the send rights die */
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), r, MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_TRUE(dispatch_notification(notify));
	ASSERT_EQ(r, dead_seen);
}

/* A port-destroyed notification is complex: the receive right comes back. */
TEST(notify_port_destroyed)
{
	mach_port_t notify = util_port();
	mach_port_t r = util_port(), prev = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(mach_task_self(), r,
			MACH_NOTIFY_PORT_DESTROYED, 0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), r, MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_TRUE(dispatch_notification(notify));
	ASSERT_NE(MACH_PORT_NULL, destroyed_seen);
	ASSERT_TRUE(util_type(destroyed_seen) & MACH_PORT_TYPE_RECEIVE);
}

/* servers/bootstrap.defs (400): generated clients against the VM's bootstrapd. */
TEST(bootstrap_defs_against_bootstrapd)
{
	mach_port_t bp = MACH_PORT_NULL, svc = util_port_send(), got = MACH_PORT_NULL;
	bootstrap_status_t st = -1;
	char name[128];

	ASSERT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT, &bp));
	ASSERT_NE(MACH_PORT_NULL, bp);
	snprintf(name, sizeof(name), "org.linux-mach.mig_test.%d", (int)getpid());
	/* unknown: the error comes back in a mig_reply_error_t for a complex reply */
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE, gen_bootstrap_look_up(bp, name, &got));
	ASSERT_EQ(KERN_SUCCESS, gen_bootstrap_register(bp, name, svc));
	ASSERT_EQ(KERN_SUCCESS, gen_bootstrap_look_up(bp, name, &got));
	ASSERT_EQ(svc, got);
	ASSERT_EQ(KERN_SUCCESS, gen_bootstrap_status(bp, name, &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ACTIVE, st);
	/* and libmach's hand-written client agrees */
	got = MACH_PORT_NULL;
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, name, &got));
	ASSERT_EQ(svc, got);
	/* register over an active name */
	ASSERT_EQ(BOOTSTRAP_SERVICE_ACTIVE, gen_bootstrap_register(bp, name, svc));
}

/*
 * task.defs' task_get_exception_ports (3414): SameCount arrays and an
 * inline array of 32 port descriptors, as the module's reply carries them
 * (XNU: task_get_exception_ports_internal fills count entries).
 */
TEST(task_defs_exception_ports)
{
	mach_port_t exc = util_port_send();
	exception_mask_t masks[EXC_TYPES_COUNT];
	exception_handler_t handlers[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;

	ASSERT_EQ(KERN_SUCCESS, task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT, exc,
			EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES, THREAD_STATE_NONE));
	ASSERT_EQ(KERN_SUCCESS, gen_task_get_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
			masks, &n, handlers, behaviors, flavors));
	ASSERT_EQ(1, n);
	ASSERT_EQ(EXC_MASK_BREAKPOINT, masks[0]);
	ASSERT_EQ(exc, handlers[0]);
	ASSERT_EQ((exception_behavior_t)(EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES), behaviors[0]);
	ASSERT_EQ(THREAD_STATE_NONE, flavors[0]);
}

TEST_HARNESS_MAIN
