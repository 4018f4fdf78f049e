/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for msg_test.c and notify_test.c (mach_msg and notifications).
 * Self-contained: it includes the harness and the Mach headers itself and
 * uses its own mu_ prefix, so it can sit beside util.h without clashing.
 *
 *  - mu_port()/mu_port_send()/mu_sonce()/mu_send_only(): rights to test
 *    with, all in the caller's own space.
 *  - mu_type()/mu_refs()/mu_status()/mu_msgcount(): what a name denotes.
 *  - mu_space_take()/MU_EXPECT_SPACE_UNCHANGED(): a snapshot of the whole
 *    space, to show that a failed send changed nothing.
 *  - mu_send()/mu_recv(): header-only sends and receives that can never
 *    block for long (every receive carries MACH_RCV_TIMEOUT).
 *  - mu_thread_start()/mu_thread_join(): a helper thread that can not
 *    hang the test (joins with a deadline).
 */
#ifndef MACH_SELFTEST_MSG_UTIL_H
#define MACH_SELFTEST_MSG_UTIL_H

#include "harness.h"

#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/port.h>
#include <mach/vm_map.h>

/* What the readers below return when the Mach call itself failed. */
#define MU_ERR 0xffffffffu

/* A message that is expected does arrive within this many ms. */
#define MU_WAIT_MS 5000
/* How long a thread is given to reach a blocking call before we act. */
#define MU_SETTLE_US 200000

/* A name that is never handed out in a fresh space: index 0x7e7e, low
 * bits 0b11 (kernel-chosen names start at small indices). */
#define MU_UNUSED_NAME ((mach_port_name_t)0x7e7e03)

/* ------------------------------------------------------------------ */
/* Rights */

static inline mach_port_name_t mu_port(void)
{
	mach_port_name_t name = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
			       &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* A receive right plus a send right (1 uref, mscount 1) under one name. */
static inline mach_port_name_t mu_port_send(void)
{
	mach_port_name_t name = mu_port();

	if (name == MACH_PORT_NULL)
		return name;
	if (mach_port_insert_right(mach_task_self(), name, name,
				   MACH_MSG_TYPE_MAKE_SEND) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* A new send-once right to receive right @port, under its own name. */
static inline mach_port_name_t mu_sonce(mach_port_name_t port)
{
	mach_port_name_t so = MACH_PORT_NULL;
	mach_msg_type_name_t t = 0;

	if (mach_port_extract_right(mach_task_self(), port,
				    MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &t) !=
	    KERN_SUCCESS || t != MACH_MSG_TYPE_PORT_SEND_ONCE)
		return MACH_PORT_NULL;
	return so;
}

/*
 * A send right whose receive right is not in the space: port P gets a
 * send right, then its receive right travels (MOVE_RECEIVE) in a message
 * queued on a new holder port H.  *send names P's send right (1 uref);
 * destroying H destroys P's receive right with the queued message.
 */
static inline kern_return_t mu_send_only(mach_port_name_t *send,
					 mach_port_name_t *holder)
{
	struct {
		mach_msg_header_t hdr;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
	} m;
	mach_port_name_t p = mu_port_send(), h = mu_port();
	mach_msg_return_t mr;

	if (p == MACH_PORT_NULL || h == MACH_PORT_NULL)
		return KERN_FAILURE;
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = h;
	m.hdr.msgh_id = 0x5e1f;
	m.body.msgh_descriptor_count = 1;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	mr = mach_msg(&m.hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
		      MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS) {
		printf("# mu_send_only: mach_msg 0x%x\n", mr);
		return mr;
	}
	*send = p;
	*holder = h;
	return KERN_SUCCESS;
}

static inline kern_return_t mu_destroy_receive(mach_port_name_t name)
{
	return mach_port_mod_refs(mach_task_self(), name,
				  MACH_PORT_RIGHT_RECEIVE, -1);
}

/* ------------------------------------------------------------------ */
/* Reading a name */

/* The type bits of @name, or MU_ERR (kr logged). */
static inline mach_port_type_t mu_type(mach_port_name_t name)
{
	mach_port_type_t type = 0;
	kern_return_t kr = mach_port_type(mach_task_self(), name, &type);

	if (kr != KERN_SUCCESS) {
		printf("# mach_port_type(0x%x): kr %d (0x%x)\n", name, kr, kr);
		return MU_ERR;
	}
	return type;
}

/* mach_port_type's return code alone (KERN_INVALID_NAME: no such name). */
static inline kern_return_t mu_type_kr(mach_port_name_t name)
{
	mach_port_type_t type;

	return mach_port_type(mach_task_self(), name, &type);
}

/* User references @name holds for @right, or MU_ERR. */
static inline mach_port_urefs_t mu_refs(mach_port_name_t name,
					mach_port_right_t right)
{
	mach_port_urefs_t refs = 0;
	kern_return_t kr = mach_port_get_refs(mach_task_self(), name, right,
					      &refs);

	if (kr != KERN_SUCCESS) {
		printf("# mach_port_get_refs(0x%x, %u): kr %d (0x%x)\n",
		       name, right, kr, kr);
		return MU_ERR;
	}
	return refs;
}

static inline kern_return_t mu_status(mach_port_name_t name,
				      mach_port_status_t *st)
{
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	kern_return_t kr;

	memset(st, 0xa5, sizeof(*st));
	kr = mach_port_get_attributes(mach_task_self(), name,
				      MACH_PORT_RECEIVE_STATUS,
				      (mach_port_info_t)st, &cnt);
	if (kr != KERN_SUCCESS)
		printf("# RECEIVE_STATUS(0x%x): kr %d (0x%x)\n", name, kr, kr);
	return kr;
}

#define MU_STATUS_FIELD(fn, field)					\
static inline natural_t fn(mach_port_name_t name)			\
{									\
	mach_port_status_t st;						\
									\
	if (mu_status(name, &st) != KERN_SUCCESS)			\
		return MU_ERR;						\
	return (natural_t)st.field;					\
}
MU_STATUS_FIELD(mu_msgcount, mps_msgcount)
MU_STATUS_FIELD(mu_seqno, mps_seqno)
MU_STATUS_FIELD(mu_mscount, mps_mscount)
MU_STATUS_FIELD(mu_sorights, mps_sorights)
MU_STATUS_FIELD(mu_srights, mps_srights)
MU_STATUS_FIELD(mu_qlimit, mps_qlimit)
MU_STATUS_FIELD(mu_status_nsrequest, mps_nsrequest)
MU_STATUS_FIELD(mu_status_pdrequest, mps_pdrequest)

static inline kern_return_t mu_set_qlimit(mach_port_name_t name,
					  natural_t qlimit)
{
	mach_port_limits_t lim = { .mpl_qlimit = qlimit };

	return mach_port_set_attributes(mach_task_self(), name,
					MACH_PORT_LIMITS_INFO,
					(mach_port_info_t)&lim,
					MACH_PORT_LIMITS_INFO_COUNT);
}

/* ------------------------------------------------------------------ */
/* A snapshot of the whole space */

struct mu_entry {
	mach_port_name_t name;
	mach_port_type_t type;
	mach_port_urefs_t refs[MACH_PORT_RIGHT_DEAD_NAME + 1];
	natural_t pset, seqno, mscount, qlimit, msgcount, sorights;
	natural_t srights, pdrequest, nsrequest;
};

struct mu_space {
	kern_return_t kr;
	mach_msg_type_number_t n;
	struct mu_entry e[256];
};

static inline int mu_entry_cmp(const void *a, const void *b)
{
	const struct mu_entry *x = a, *y = b;

	return x->name < y->name ? -1 : x->name > y->name;
}

static inline void mu_space_take(struct mu_space *s)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nn = 0, nt = 0, i;
	mach_port_right_t r;

	memset(s, 0, sizeof(*s));
	s->kr = mach_port_names(mach_task_self(), &names, &nn, &types, &nt);
	if (s->kr != KERN_SUCCESS)
		return;
	if (nn > sizeof(s->e) / sizeof(s->e[0])) {
		s->kr = KERN_RESOURCE_SHORTAGE;
		nn = 0;
	}
	s->n = nn;
	for (i = 0; i < nn; i++) {
		struct mu_entry *e = &s->e[i];

		e->name = names[i];
		e->type = i < nt ? types[i] : MU_ERR;
		for (r = 0; r <= MACH_PORT_RIGHT_DEAD_NAME; r++) {
			mach_port_urefs_t u = 0;

			if (mach_port_get_refs(mach_task_self(), e->name, r,
					       &u) != KERN_SUCCESS)
				u = MU_ERR;
			e->refs[r] = u;
		}
		if (e->type & MACH_PORT_TYPE_RECEIVE) {
			mach_port_status_t st;
			mach_msg_type_number_t cnt =
				MACH_PORT_RECEIVE_STATUS_COUNT;

			if (mach_port_get_attributes(mach_task_self(), e->name,
						     MACH_PORT_RECEIVE_STATUS,
						     (mach_port_info_t)&st,
						     &cnt) == KERN_SUCCESS) {
				e->pset = st.mps_pset;
				e->seqno = st.mps_seqno;
				e->mscount = st.mps_mscount;
				e->qlimit = st.mps_qlimit;
				e->msgcount = st.mps_msgcount;
				e->sorights = st.mps_sorights;
				e->srights = st.mps_srights;
				e->pdrequest = st.mps_pdrequest;
				e->nsrequest = st.mps_nsrequest;
			} else {
				e->qlimit = MU_ERR;
			}
		}
	}
	qsort(s->e, s->n, sizeof(s->e[0]), mu_entry_cmp);
	vm_deallocate(mach_task_self(), (vm_address_t)names,
		      nn * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types,
		      nt * sizeof(*types));
}

/* 0 if the snapshots agree, else logs the first difference, returns 1. */
static inline int mu_space_diff(const struct mu_space *a,
				const struct mu_space *b)
{
	mach_msg_type_number_t i;

	if (a->kr != KERN_SUCCESS || b->kr != KERN_SUCCESS) {
		printf("# snapshot failed: kr %d / %d\n", a->kr, b->kr);
		return 1;
	}
	if (a->n != b->n) {
		printf("# space had %u names, now %u\n", a->n, b->n);
		return 1;
	}
	for (i = 0; i < a->n; i++) {
		const struct mu_entry *x = &a->e[i], *y = &b->e[i];

		if (!memcmp(x, y, sizeof(*x)))
			continue;
		printf("# entry changed: name 0x%x type 0x%x refs "
		       "%u/%u/%u/%u/%u msgs %u mscount %u so %u -> "
		       "name 0x%x type 0x%x refs %u/%u/%u/%u/%u msgs %u "
		       "mscount %u so %u\n",
		       x->name, x->type, x->refs[0], x->refs[1], x->refs[2],
		       x->refs[3], x->refs[4], x->msgcount, x->mscount,
		       x->sorights, y->name, y->type, y->refs[0], y->refs[1],
		       y->refs[2], y->refs[3], y->refs[4], y->msgcount,
		       y->mscount, y->sorights);
		return 1;
	}
	return 0;
}

/* Non-fatal: the caller's space is as in snapshot @before. */
#define MU_EXPECT_SPACE_UNCHANGED(before) do {				\
	static struct mu_space __after;					\
	mu_space_take(&__after);					\
	EXPECT_EQ(0, mu_space_diff(&(before), &__after));		\
} while (0)

/* ------------------------------------------------------------------ */
/* Messages */

/* A receive buffer for any small message plus the largest trailer,
 * aligned for descriptors holding pointers. */
typedef union {
	mach_msg_header_t hdr;
	uint64_t align;
	uint8_t buf[2048];
} mu_msg_t;

/* Trailer of a received message (it follows msgh_size bytes). */
static inline mach_msg_max_trailer_t *mu_trailer(mach_msg_header_t *h)
{
	return (mach_msg_max_trailer_t *)((char *)h + round_msg(h->msgh_size));
}

/* Receives into @m (zeroed first) on @rcv, waiting at most @ms
 * (0 polls).  @extra is OR'ed into the options. */
static inline mach_msg_return_t mu_recv_opts(mach_port_name_t rcv,
					     mu_msg_t *m,
					     mach_msg_option_t extra,
					     mach_msg_timeout_t ms)
{
	memset(m, 0, sizeof(*m));
	return mach_msg(&m->hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT | extra, 0,
			sizeof(*m), rcv, ms, MACH_PORT_NULL);
}

static inline mach_msg_return_t mu_recv(mach_port_name_t rcv, mu_msg_t *m)
{
	return mu_recv_opts(rcv, m, 0, MU_WAIT_MS);
}

/* Header-only message: @dest with @rdisp, reply @reply with @ldisp,
 * id @id.  Never blocks longer than @ms (MACH_SEND_TIMEOUT). */
static inline mach_msg_return_t mu_send_full(mach_port_name_t dest,
					     mach_msg_type_name_t rdisp,
					     mach_port_name_t reply,
					     mach_msg_type_name_t ldisp,
					     mach_msg_id_t id,
					     mach_msg_timeout_t ms)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(rdisp, ldisp);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_local_port = reply;
	h.msgh_id = id;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, ms, MACH_PORT_NULL);
}

static inline mach_msg_return_t mu_send(mach_port_name_t dest,
					mach_msg_type_name_t rdisp,
					mach_msg_id_t id)
{
	return mu_send_full(dest, rdisp, MACH_PORT_NULL, 0, id, 0);
}

/* Sends @m as is (size from msgh_size), MACH_SEND_TIMEOUT @ms. */
static inline mach_msg_return_t mu_send_msg(mach_msg_header_t *m,
					    mach_msg_timeout_t ms)
{
	return mach_msg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m->msgh_size, 0,
			MACH_PORT_NULL, ms, MACH_PORT_NULL);
}

/* Nothing is queued on @port: a poll times out. */
static inline int mu_queue_empty(mach_port_name_t port)
{
	mu_msg_t m;

	return mu_recv_opts(port, &m, 0, 0) == MACH_RCV_TIMED_OUT;
}

/* The layouts the kernel's notifications arrive in (without trailer). */
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t hdr;
	NDR_record_t ndr;
	uint32_t value;		/* a name, or the make-send count */
} mu_notify_body_t;

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
} mu_port_msg_t;
#pragma pack(pop)

/* ------------------------------------------------------------------ */
/* Threads and time */

static inline uint64_t mu_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + ts.tv_nsec / 1000000u;
}

/*
 * Milliseconds on the kernel's jiffies clock, to USER_HZ resolution:
 * times(2) returns jiffies as clock ticks.  A mach_msg timeout is a
 * schedule_timeout of msecs_to_jiffies(ms), so its lower bound is a
 * statement about this clock; under a loaded TCG host the guest's
 * jiffies and CLOCK_MONOTONIC drift apart by tens of ms (a 300 ms
 * timeout once measured 274 ms by CLOCK_MONOTONIC).  One tick of
 * quantization is allowed for, as a time read on either side of a call.
 */
static inline uint64_t mu_jiffies_ms(void)
{
	long hz = sysconf(_SC_CLK_TCK);

	return (uint64_t)times(NULL) * 1000u / (uint64_t)(hz > 0 ? hz : 100);
}

/* A timeout's lower bound on the jiffies clock and a generous upper one
 * on CLOCK_MONOTONIC (a TCG guest under load can be slow, never early):
 * the caller took @t0 = mu_now_ms() and @j0 = mu_jiffies_ms() before the
 * call that waited @want ms. */
#define MU_EXPECT_WAITED(want, t0, j0) do {				\
	uint64_t __dt = mu_now_ms() - (t0);				\
	uint64_t __dj = mu_jiffies_ms() - (j0);				\
	TH_LOG("waited %llu ms (CLOCK_MONOTONIC), %llu ms (jiffies) "	\
	       "for %d", (unsigned long long)__dt,			\
	       (unsigned long long)__dj, (int)(want));			\
	EXPECT_GE(__dj, (uint64_t)(want) - 10);				\
	EXPECT_LT(__dt, 5000);						\
} while (0)

/* Joins @t, waiting at most @ms; 0 on success. */
static inline int mu_thread_join(pthread_t t, void **ret, int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(t, ret, &ts);
}

static inline pid_t mu_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/*
 * Waits until thread @tid of this process sleeps in the kernel (state S
 * or D in /proc), for at most @ms; then gives it a little longer so it is
 * surely inside the Mach call it was about to make.  0 once it sleeps.
 */
static inline int mu_wait_blocked(pid_t tid, int ms)
{
	char path[64], buf[512], *p;
	int waited;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	for (waited = 0; waited <= ms; waited += 10) {
		FILE *f = fopen(path, "r");
		size_t n = 0;

		if (f) {
			n = fread(buf, 1, sizeof(buf) - 1, f);
			fclose(f);
		}
		buf[n] = 0;
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && (p[2] == 'S' || p[2] == 'D')) {
			usleep(50000);
			return 0;
		}
		usleep(10000);
	}
	printf("# thread %d never blocked\n", (int)tid);
	return -1;
}

/* FNV-1a over @len bytes at @p. */
static inline uint64_t mu_hash(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* Fills @len bytes at @p with a pattern derived from @seed. */
static inline void mu_fill(void *p, size_t len, uint32_t seed)
{
	uint32_t *w = p, x = seed | 1;
	size_t i;

	for (i = 0; i < len / 4; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		w[i] = x;
	}
	for (i = len & ~(size_t)3; i < len; i++)
		((uint8_t *)p)[i] = (uint8_t)i;
}

/* Is the page holding @addr mapped in this process? */
static inline int mu_mapped(const void *addr)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char vec;
	void *base = (void *)((uintptr_t)addr & ~(uintptr_t)(pg - 1));

	return mincore(base, (size_t)pg, &vec) == 0;
}

/* ------------------------------------------------------------------ */
/* A child process, for the tests that need two tasks */

/*
 * A forked child has an empty Mach space (XNU fork semantics), so the
 * only way to give it a right is through its task port:
 * task_for_pid(mach_task_self(), child, &t) and then
 * mach_port_insert_right(t, name, port, disposition).  The tests that do
 * this are guarded by HAVE_TASK_FOR_PID; libmach has task_for_pid
 * (<mach/mach_traps.h>) since the task-port commit, so it is on unless
 * the build says -DHAVE_TASK_FOR_PID=0.
 */
#ifndef HAVE_TASK_FOR_PID
#define HAVE_TASK_FOR_PID 1
#endif

#if HAVE_TASK_FOR_PID
/* Puts into child @pid's space, under @name, the right @disp yields from
 * the caller's @port. */
static inline kern_return_t mu_plant(pid_t pid, mach_port_name_t name,
				     mach_port_name_t port,
				     mach_msg_type_name_t disp)
{
	mach_port_name_t task = MACH_PORT_NULL;
	kern_return_t kr = task_for_pid(mach_task_self(), pid, &task);

	if (kr != KERN_SUCCESS) {
		printf("# task_for_pid(%d): kr %d\n", (int)pid, kr);
		return kr;
	}
	kr = mach_port_insert_right(task, name, port, disp);
	mach_port_deallocate(mach_task_self(), task);
	return kr;
}
#endif

/* The name a parent chooses for a right it plants in a child's space. */
#define MU_CHILD_NAME ((mach_port_name_t)0x515103)

struct mu_child {
	pid_t pid;
	int rd;		/* parent reads what the child writes */
	int wr;		/* parent writes what the child reads */
};

/* Forks a child running @fn(@arg, rd, wr); its return value is the
 * child's exit status. */
static inline int mu_fork(struct mu_child *c,
			  int (*fn)(void *arg, int rd, int wr), void *arg)
{
	int p2c[2], c2p[2];

	if (pipe(p2c) || pipe(c2p))
		return -1;
	fflush(stdout);
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		close(p2c[1]);
		close(c2p[0]);
		_exit(fn(arg, p2c[0], c2p[1]));
	}
	close(p2c[0]);
	close(c2p[1]);
	c->rd = c2p[0];
	c->wr = p2c[1];
	return 0;
}

static inline int mu_put(int fd, uint32_t v)
{
	return write(fd, &v, sizeof(v)) == sizeof(v) ? 0 : -1;
}

/* Reads one value within @ms; -1 on EOF, error or timeout. */
static inline int mu_get(int fd, uint32_t *v, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) != 1)
		return -1;
	return read(fd, v, sizeof(*v)) == sizeof(*v) ? 0 : -1;
}

/* Waits at most @ms for the child; its wait status, or -1 (killed). */
static inline int mu_child_wait(struct mu_child *c, int ms)
{
	int status, waited;

	for (waited = 0; waited <= ms; waited += 10) {
		pid_t r = waitpid(c->pid, &status, WNOHANG);

		if (r == c->pid) {
			close(c->rd);
			close(c->wr);
			return status;
		}
		if (r < 0)
			return -1;
		usleep(10000);
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &status, 0);
	close(c->rd);
	close(c->wr);
	return -1;
}

#endif /* MACH_SELFTEST_MSG_UTIL_H */
