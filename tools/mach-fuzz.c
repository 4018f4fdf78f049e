// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: a seeded fuzzer for /dev/mach (Documentation/testing.rst,
 * "Fuzzing").  Run as root in the test VM:
 *
 *   mach-fuzz [-s SEED] [-t SECONDS] [-n OPS] [-p PROCS] [-j THREADS]
 *             [-r ROOT_PROCS] [-u UID] [-k KILLS_PER_MIN] [-l] [-q] [-v]
 *
 * -l lowers user_max_ports to 4096 and user_max_msg_bytes to 32 MiB for
 * the run, so that random traffic meets them; -v prints every worker's
 * last operations at the end, -q not even the probes'.
 * A uid-UID child first runs the targeted probes for issue 13's attacks
 * (strict: each must get its documented code).  Then PROCS worker
 * processes (all but ROOT_PROCS of them as UID, default 65534) with
 * THREADS threads each issue random operations until SECONDS or OPS run
 * out: raw ioctls with structured-random arguments on every MACH_IOC_*
 * and on unknown numbers, through bad pointers; mach_msg with every
 * descriptor type and disposition; mach_port_* on their own and on each
 * other's spaces; task and thread calls on siblings (task_for_pid,
 * suspend/resume, task_threads, special ports); the targeted probes again.
 * The parent SIGKILLs random workers and starts new ones.  At the end every
 * worker is killed and the module's counters (generic netlink "mach",
 * GET_STATS) must come back to what they were before.
 *
 * Each worker keeps a ring of its last 32 operations in memory shared with
 * the parent; an operation is recorded before it is issued.  Any failure
 * prints the seed and those rings.  Exit status: 0 clean, 1 failure,
 * 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/mach_dev.h>
#include <linux/mach_netlink.h>
#include <mach/mach.h>

#define MAXW		32		/* worker slots */
#define MAXT		16		/* threads per worker */
#define RING		32		/* operations kept per worker */
#define POOL		256		/* names remembered per worker */
#define BUFSZ		(128 << 10)	/* per-thread send and receive buffers */
#define WINDOW		(1UL << 20)	/* per-thread region for deallocate */
#define WINDOW_BASE	0x100000000000UL /* far below mmap_base: private */
#define PEND		INT32_MIN	/* result of an operation in flight */

/* ---- memory shared between the parent and its workers ---- */

struct op_rec {
	uint64_t seq;			/* 0: empty; written last */
	int32_t result;
	uint16_t thread;
	char desc[114];
};

struct slot {
	pid_t pid;			/* 0: free */
	uid_t uid;
	uint32_t gen;
	uint64_t next;			/* ring position */
	struct op_rec ring[RING];
	char why[200];			/* a worker's own failure report */
};

enum kind { K_RAW, K_PORT, K_ALLOC, K_SEND, K_RECV, K_TASK, K_THREAD, K_FD,
	    K_CLEAN, K_T_WRAP, K_T_BIG, K_T_FILL, K_T_RCV, K_T_PORTS, K_NKINDS };
static const char *const kind_name[K_NKINDS] = {
	"raw-ioctl", "port-ioctl", "allocate", "msg-send", "msg-receive",
	"task", "thread", "fd", "cleanup", "probe-wrap", "probe-big6",
	"probe-fill", "probe-bigrcv", "probe-ports",
};

struct shared {
	uint64_t seed, ops_limit, ops;
	int stop;
	double deadline;
	uint64_t user_max_msg, budget, max_ool, user_max_ports; /* parameters */
	uint64_t kind_ops[K_NKINDS], kind_ok[K_NKINDS];
	uint64_t no_space, no_buffer;		/* limit codes seen */
	struct { uint64_t key, n; } codes[512];	/* (kind, result) counts */
	struct slot w[MAXW + 1];		/* MAXW: the probe child */
};

static struct shared *sh;
static int nthreads = 3;

/* ---- random numbers: xorshift64*, one state per thread ---- */

struct thr;
static uint64_t rnd(struct thr *t);
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27; x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- per-worker and per-thread state ---- */

static int slot_i;			/* this worker's slot */
static int devfd = -1;			/* our own /dev/mach descriptor */
static bool is_root;
static mach_port_t self_task;
static mach_port_t pool[POOL];		/* any names */
static mach_port_t rpool[32];		/* receive rights and sets */
static mach_port_t tpool[16];		/* task and thread ports */
static uint8_t *none_page, *hole, *bigro;
#define BIGRO_SZ	(257UL << 20)

struct thr {
	int idx;
	bool win_used;
	bool clean;		/* this message: well-formed, to get further in */
	uint64_t r;
	mach_port_t thread_self;
	uint8_t *buf, *rbuf, *win, *ro;
	uint64_t ops;
	pthread_t pt;
};

static uint64_t rnd(struct thr *t)
{
	t->r ^= t->r >> 12; t->r ^= t->r << 25; t->r ^= t->r >> 27;
	return t->r * 2685821657736338717ULL;
}

static uint32_t below(struct thr *t, uint32_t n) { return n ? rnd(t) % n : 0; }
static bool chance(struct thr *t, int pct) { return below(t, 1000) < (uint32_t)pct * 10; }
static bool permille(struct thr *t, int pm) { return below(t, 1000) < (uint32_t)pm; }

static void pool_add(mach_port_t n)
{
	static unsigned i;

	if (n && n != MACH_PORT_DEAD)
		__atomic_store_n(&pool[mix(__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED)) % POOL],
				 n, __ATOMIC_RELAXED);
}

static void rpool_add(mach_port_t n)
{
	static unsigned i;

	__atomic_store_n(&rpool[__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED) % 32], n, __ATOMIC_RELAXED);
	pool_add(n);
}

static void tpool_add(mach_port_t n)
{
	static unsigned i;

	if (n && n != MACH_PORT_DEAD)
		__atomic_store_n(&tpool[__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED) % 16], n, __ATOMIC_RELAXED);
}

/* A name as a hostile program would pick it: mostly one it holds. */
static mach_port_t pick(struct thr *t)
{
	switch (below(t, 20)) {
	case 0: return MACH_PORT_NULL;
	case 1: return MACH_PORT_DEAD;
	case 2: return (mach_port_t)rnd(t);
	case 3: return below(t, 64);
	case 4: return self_task;
	case 6: case 7: case 8: return tpool[below(t, 16)];
	case 9: case 10: case 11: case 12: return rpool[below(t, 32)];
	default: return pool[below(t, POOL)];
	}
}

static mach_port_t pick_recv(struct thr *t)
{
	mach_port_t n = rpool[below(t, 32)];

	return n && !chance(t, 10) ? n : pick(t);
}

/* A sibling worker's pid (any uid), else ours. */
static pid_t sibling(struct thr *t)
{
	for (int i = 0; i < 4; i++) {
		pid_t p = __atomic_load_n(&sh->w[below(t, MAXW)].pid, __ATOMIC_RELAXED);

		if (p > 0)
			return p;
	}
	return getpid();
}

/* Root workers touch only siblings; others try anyone (and get refused). */
static pid_t pick_pid(struct thr *t)
{
	if (is_root || chance(t, 70))
		return sibling(t);
	switch (below(t, 5)) {
	case 0: return 1;
	case 1: return getppid();
	case 2: return 0;
	case 3: return -1;
	default: return below(t, 32768);
	}
}

/* ---- the ring of last operations ---- */

static struct op_rec *rec_begin(struct thr *t, enum kind k, const char *fmt, ...)
{
	struct slot *s = &sh->w[slot_i];
	uint64_t seq = __atomic_add_fetch(&s->next, 1, __ATOMIC_RELAXED);
	struct op_rec *r = &s->ring[seq % RING];
	int n;
	va_list ap;

	__atomic_store_n(&r->seq, 0, __ATOMIC_RELAXED);
	r->thread = t->idx;
	r->result = PEND;
	n = snprintf(r->desc, sizeof(r->desc), "%s ", kind_name[k]);
	va_start(ap, fmt);
	vsnprintf(r->desc + n, sizeof(r->desc) - n, fmt, ap);
	va_end(ap);
	__atomic_store_n(&r->seq, seq, __ATOMIC_RELEASE);
	__atomic_add_fetch(&sh->kind_ops[k], 1, __ATOMIC_RELAXED);
	return r;
}

static void rec_end(struct op_rec *r, enum kind k, int result)
{
	uint64_t key = ((uint64_t)(k + 1) << 32) | (uint32_t)result;

	for (unsigned h = mix(key) % 512, i = 0; i < 512; i++, h = (h + 1) % 512) {
		uint64_t cur = __atomic_load_n(&sh->codes[h].key, __ATOMIC_RELAXED);

		if (!cur && __atomic_compare_exchange_n(&sh->codes[h].key, &cur, key, false,
							__ATOMIC_RELAXED, __ATOMIC_RELAXED))
			cur = key;
		if (cur == key) {
			__atomic_add_fetch(&sh->codes[h].n, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	r->result = result;
	if (result == 0)
		__atomic_add_fetch(&sh->kind_ok[k], 1, __ATOMIC_RELAXED);
	if (result == KERN_NO_SPACE)
		__atomic_add_fetch(&sh->no_space, 1, __ATOMIC_RELAXED);
	if (result == MACH_SEND_NO_BUFFER)
		__atomic_add_fetch(&sh->no_buffer, 1, __ATOMIC_RELAXED);
}

/* A probe's answer was wrong: record why and end this worker. */
static void worker_fail(const char *fmt, ...)
{
	struct slot *s = &sh->w[slot_i];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	_exit(3);
}

/* ---- pointers and sizes a hostile caller passes ---- */

enum { P_GOOD, P_NULL, P_HOLE, P_KERNEL, P_NONCANON, P_UNALIGNED, P_RO,
       P_NONE, P_EDGE, P_NCLASS };
static const char *const pclass[P_NCLASS] = {
	"good", "null", "unmapped", "kernel", "noncanonical", "unaligned",
	"readonly", "prot-none", "edge",
};

static uint64_t bad_ptr(struct thr *t, void *good, int *cls)
{
	*cls = below(t, P_NCLASS);
	switch (*cls) {
	case P_NULL: return 0;
	case P_HOLE: return (uint64_t)hole + below(t, 4096);
	case P_KERNEL: return 0xffff888000000000ULL + (below(t, 1 << 20) << 12);
	case P_NONCANON: return 0x8000000000000000ULL | rnd(t);
	case P_UNALIGNED: return (uint64_t)good + 1 + below(t, 7);
	case P_RO: return (uint64_t)t->ro;
	case P_NONE: return (uint64_t)none_page;
	case P_EDGE: return (uint64_t)hole - 8 - 4 * below(t, 8);
	default: return (uint64_t)good;
	}
}

static uint32_t odd_size(struct thr *t, uint32_t cap)
{
	static const uint32_t sz[] = { 0, 1, 3, 4, 7, 24, 28, 4095, 4096, 4097,
		65536, 1 << 20, (256 << 20) + 1, 0x7fffffff, 0x80000000,
		0xfffffffc, 0xffffffff };
	uint32_t v = chance(t, 60) ? sz[below(t, sizeof(sz) / 4)] : (uint32_t)rnd(t);

	return cap && v > cap && chance(t, 50) ? below(t, cap + 1) : v;
}

/* ---- the ioctls ---- */

/* The fields each command reads (module/port_ops.c); the rest must be 0. */
enum { F_T = 1, F_N = 2, F_R = 4, F_D = 8, F_P = 16, F_S = 32, F_V = 64, F_A = 128, F_B = 256 };
static const struct { unsigned long cmd; const char *name; unsigned fields; } iocs[] = {
#define IOC(x, f) { MACH_IOC_##x, #x, f }
	IOC(VERSION, 0), IOC(TASK_SELF, 0), IOC(PORT_ALLOCATE, F_T | F_R),
	IOC(PORT_ALLOCATE_NAME, F_T | F_R | F_N), IOC(PORT_DEALLOCATE, F_T | F_N),
	IOC(PORT_DESTROY, F_T | F_N), IOC(PORT_MOD_REFS, F_T | F_N | F_R | F_D),
	IOC(PORT_GET_REFS, F_T | F_N | F_R), IOC(PORT_TYPE, F_T | F_N),
	IOC(PORT_INSERT_RIGHT, F_T | F_N | F_P | F_S),
	IOC(PORT_EXTRACT_RIGHT, F_T | F_N | F_S),
	IOC(PORT_MOVE_MEMBER, F_T | F_N | F_V), IOC(PORT_INSERT_MEMBER, F_T | F_N | F_V),
	IOC(PORT_EXTRACT_MEMBER, F_T | F_N | F_V),
	IOC(PORT_REQUEST_NOTIFY, F_T | F_N | F_R | F_V | F_P | F_S),
	IOC(PORT_GET_ATTRIBUTES, F_T | F_N | F_R | F_V | F_A),
	IOC(PORT_SET_ATTRIBUTES, F_T | F_N | F_R | F_V | F_A),
	IOC(PORT_GET_CONTEXT, F_T | F_N), IOC(PORT_SET_CONTEXT, F_T | F_N | F_A),
	IOC(PORT_NAMES, F_T | F_V | F_A | F_B),
	IOC(PORT_GET_SET_STATUS, F_T | F_N | F_V | F_A),
	IOC(PORT_CONSTRUCT, F_T | F_A | F_B), IOC(PORT_DESTRUCT, F_T | F_N | F_D | F_A),
	IOC(PORT_GUARD, F_T | F_N | F_A | F_D), IOC(PORT_UNGUARD, F_T | F_N | F_A),
	IOC(PORT_SET_MSCOUNT, F_T | F_N | F_V), IOC(TASK_FOR_PID, F_T | F_V),
	IOC(PID_FOR_TASK, F_N), IOC(SET_DEFAULT_BOOTSTRAP, F_N), IOC(THREAD_SELF, 0),
	IOC(TASK_NAME_FOR_PID, F_T | F_V), IOC(MSG, 0),
#undef IOC
};
#define NIOCS (sizeof(iocs) / sizeof(iocs[0]))

static uint64_t xioctl(unsigned long cmd, uint64_t arg)
{
	int r = ioctl(devfd, cmd, (void *)arg);

	return r < 0 ? -errno : r;
}

/* Structured-random mach_port_args for @cmd into @a; buffers in @t->buf. */
static void fill_port_args(struct thr *t, unsigned long cmd, struct mach_port_args *a)
{
	static const int32_t deltas[] = { -2, -1, 0, 1, 2, INT32_MIN, INT32_MAX };
	uint32_t cap = (BUFSZ / 2) / 4;
	int cls;

	memset(a, 0, sizeof(*a));
	a->task = chance(t, 75) ? self_task : chance(t, 60) ? tpool[below(t, 16)] : pick(t);
	a->name = pick(t);
	a->right = chance(t, 85) ? below(t, 7) : (uint32_t)rnd(t);
	a->delta = chance(t, 85) ? deltas[below(t, 5)] : deltas[below(t, 7)];
	a->poly = pick(t);
	a->disposition = chance(t, 85) ? 16 + below(t, 11) : (uint32_t)rnd(t);
	a->value = chance(t, 70) ? below(t, 16) : (uint32_t)rnd(t);
	a->arg = chance(t, 50) ? rnd(t) : below(t, 4);
	a->arg2 = chance(t, 50) ? rnd(t) : 0;
	switch (cmd) {
	case MACH_IOC_PORT_MOVE_MEMBER:
	case MACH_IOC_PORT_INSERT_MEMBER:
	case MACH_IOC_PORT_EXTRACT_MEMBER:
		a->value = pick_recv(t);	/* the set */
		break;
	case MACH_IOC_PORT_REQUEST_NOTIFY:
		if (chance(t, 80))
			a->right = 0x41 + below(t, 8);	/* notification ids */
		break;
	case MACH_IOC_PORT_GET_ATTRIBUTES:
	case MACH_IOC_PORT_SET_ATTRIBUTES:
		a->right = chance(t, 80) ? below(t, 12) : (uint32_t)rnd(t);
		/* fall through */
	case MACH_IOC_PORT_NAMES:
	case MACH_IOC_PORT_GET_SET_STATUS:
		/* a capacity beyond our buffer only with a pointer that faults */
		a->arg = bad_ptr(t, t->rbuf, &cls);
		a->arg2 = bad_ptr(t, t->rbuf + BUFSZ / 2, &cls);
		a->value = cls == P_GOOD && a->arg == (uint64_t)t->rbuf ?
			below(t, cap) : odd_size(t, 0);
		if (a->arg != (uint64_t)t->rbuf)
			a->value = below(t, 64);
		if (a->arg2 != (uint64_t)t->rbuf + BUFSZ / 2 && a->value > 64)
			a->value = 64;
		break;
	case MACH_IOC_PORT_CONSTRUCT:
		for (int i = 0; i < 6; i++)
			((uint32_t *)t->rbuf)[i] = chance(t, 50) ? below(t, 0x80) : rnd(t);
		a->arg = bad_ptr(t, t->rbuf, &cls);
		break;
	case MACH_IOC_TASK_FOR_PID:
	case MACH_IOC_TASK_NAME_FOR_PID:
		a->value = pick_pid(t);
		break;
	case MACH_IOC_PORT_SET_CONTEXT:
	case MACH_IOC_PORT_GUARD:
	case MACH_IOC_PORT_UNGUARD:
	case MACH_IOC_PORT_DESTRUCT:
		a->delta = below(t, 3);
		break;
	}
	/* what the command does not read is 0, but now and then */
	for (size_t i = 0; i < NIOCS; i++) {
		unsigned f = iocs[i].fields;

		if (iocs[i].cmd != cmd || permille(t, 50))
			continue;
		a->task = f & F_T ? a->task : 0;
		a->name = f & F_N ? a->name : 0;
		a->right = f & F_R ? a->right : 0;
		a->delta = f & F_D ? a->delta : 0;
		a->poly = f & F_P ? a->poly : 0;
		a->disposition = f & F_S ? a->disposition : 0;
		a->value = f & F_V ? a->value : 0;
		a->arg = f & F_A ? a->arg : 0;
		a->arg2 = f & F_B ? a->arg2 : 0;
	}
	if (permille(t, 30))
		a->reserved = rnd(t) | 1;
	if (permille(t, 10))
		a->kr = rnd(t);
}

/* Root could make a fuzz port every task's bootstrap: not a leak, not for us. */
static bool cmd_allowed(unsigned long cmd)
{
	return !(is_root && cmd == MACH_IOC_SET_DEFAULT_BOOTSTRAP);
}

static void op_port(struct thr *t)
{
	struct mach_port_args a;
	unsigned long cmd;
	struct op_rec *r;
	size_t i;
	int64_t rc;

	do
		i = 1 + below(t, NIOCS - 2);	/* not VERSION, not MSG */
	while (!cmd_allowed(cmd = iocs[i].cmd));
	fill_port_args(t, cmd, &a);
	r = rec_begin(t, K_PORT, "%s task=%#x name=%#x right=%#x delta=%d poly=%#x disp=%u val=%#x arg=%#" PRIx64 " rsv=%d",
		      iocs[i].name, a.task, a.name, a.right, a.delta, a.poly,
		      a.disposition, a.value, a.arg, a.reserved != 0);
	rc = xioctl(cmd, (uint64_t)&a);
	rec_end(r, K_PORT, rc ? (int)rc : a.kr);
	if (rc || a.kr)
		return;
	if (cmd == MACH_IOC_TASK_FOR_PID || cmd == MACH_IOC_THREAD_SELF ||
	    cmd == MACH_IOC_TASK_SELF || cmd == MACH_IOC_TASK_NAME_FOR_PID)
		tpool_add(a.name);
	else if (cmd == MACH_IOC_PORT_ALLOCATE || cmd == MACH_IOC_PORT_CONSTRUCT ||
		 cmd == MACH_IOC_PORT_ALLOCATE_NAME)
		rpool_add(a.name);
	else if (cmd == MACH_IOC_PORT_EXTRACT_RIGHT)
		pool_add(a.poly);
}

/* Any number, any pointer: MACH_IOC_* and numbers no one assigned. */
static void op_raw(struct thr *t)
{
	unsigned long cmd;
	uint64_t arg;
	struct op_rec *r;
	int cls = P_GOOD;
	int64_t rc;

	switch (below(t, 6)) {
	case 0: /* unassigned numbers in our magic */
		cmd = _IOC(below(t, 4), MACH_IOC_MAGIC, below(t, 256), below(t, 128));
		break;
	case 1: /* a known number, wrong size or direction */
		cmd = iocs[below(t, NIOCS)].cmd;
		cmd = (cmd & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
		      ((unsigned long)below(t, 200) << _IOC_SIZESHIFT);
		if (chance(t, 30))
			cmd ^= (unsigned long)(1 + below(t, 3)) << _IOC_DIRSHIFT;
		break;
	case 2: /* other magics */
		cmd = chance(t, 50) ? (uint32_t)rnd(t) : _IO('T', below(t, 0x30));
		if (cmd == FIONBIO || cmd == FIOASYNC)
			cmd = 0;
		break;
	default:
		cmd = iocs[below(t, NIOCS)].cmd;
		break;
	}
	if (!cmd_allowed(cmd))
		cmd = MACH_IOC_VERSION;
	/* a plausible block at the good address */
	if (cmd == MACH_IOC_MSG) {
		struct mach_msg_args *m = (void *)t->rbuf;

		memset(m, 0, sizeof(*m));
		m->msg = chance(t, 50) ? (uint64_t)t->ro : bad_ptr(t, t->buf, &cls);
		m->option = (uint32_t)rnd(t) | MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT;
		m->send_size = odd_size(t, 0);
		m->rcv_size = odd_size(t, 0);
		m->rcv_name = pick(t);
		m->timeout = below(t, 3);
		if (permille(t, 50))
			m->reserved = rnd(t);
		if (permille(t, 50))
			m->notify = pick(t);
		if (m->option & MACH_RCV_MSG)
			m->rcv_msg = bad_ptr(t, t->buf, &cls);
	} else {
		fill_port_args(t, cmd, (void *)t->rbuf);
	}
	/* the big rcv buffer is what NAMES writes into: never a random capacity */
	if ((_IOC_NR(cmd) == 0x22 || _IOC_NR(cmd) == 0x23 || _IOC_NR(cmd) == 0x1e) &&
	    _IOC_TYPE(cmd) == MACH_IOC_MAGIC)
		((struct mach_port_args *)t->rbuf)->value &= 63;
	arg = bad_ptr(t, t->rbuf, &cls);
	if (cls == P_RO) {	/* this thread's own read-only page */
		mprotect(t->ro, 4096, PROT_READ | PROT_WRITE);
		memcpy(t->ro, t->rbuf, 64);
		mprotect(t->ro, 4096, PROT_READ);
	}
	if (cls == P_UNALIGNED)
		memmove((void *)arg, t->rbuf, 96);
	if (cls == P_EDGE)
		memcpy((void *)arg, t->rbuf, (uint64_t)hole - arg);
	r = rec_begin(t, K_RAW, "cmd=%#lx arg=%s:%#" PRIx64, cmd, pclass[cls], arg);
	rc = xioctl(cmd, arg);
	rec_end(r, K_RAW, (int)rc);
}

/* ---- ports ---- */

static void op_alloc(struct thr *t)
{
	mach_port_t n = 0;
	uint32_t right = below(t, 6);
	struct op_rec *r;
	kern_return_t kr;

	if (right > 4)
		right = MACH_PORT_RIGHT_RECEIVE;
	r = rec_begin(t, K_ALLOC, "mach_port_allocate right=%u", right);
	kr = mach_port_allocate(self_task, right, &n);
	rec_end(r, K_ALLOC, kr);
	if (kr)
		return;
	if (right == MACH_PORT_RIGHT_RECEIVE || right == MACH_PORT_RIGHT_PORT_SET)
		rpool_add(n);
	else
		pool_add(n);
	if (right == MACH_PORT_RIGHT_RECEIVE && chance(t, 60))
		mach_port_insert_right(self_task, n, n, MACH_MSG_TYPE_MAKE_SEND);
	if (right == MACH_PORT_RIGHT_RECEIVE && chance(t, 20))
		mach_port_insert_member(self_task, n, rpool[below(t, 32)]);
}

/* Receive rights with a send right each, and a port set, for the pools. */
static void fresh_ports_n(int n)
{
	for (int i = 8 - n; i < 8; i++) {
		mach_port_t p;

		if (mach_port_allocate(self_task, i == 7 ? MACH_PORT_RIGHT_PORT_SET :
				       MACH_PORT_RIGHT_RECEIVE, &p))
			continue;
		rpool_add(p);
		if (i < 7)
			mach_port_insert_right(self_task, p, p, MACH_MSG_TYPE_MAKE_SEND);
	}
}

static void fresh_ports(void)
{
	fresh_ports_n(8);
}

static void refresh_self(struct thr *t);

/* Every name but the task's own, destroyed. */
static void op_clean_all(void)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t n = 0, nt = 0;

	if (mach_port_names(self_task, &names, &n, &types, &nt))
		return;
	for (mach_msg_type_number_t i = 0; i < n; i++)
		if (names[i] != self_task)
			mach_port_destroy(self_task, names[i]);
	vm_deallocate(self_task, (vm_address_t)names, n * sizeof(*names));
	vm_deallocate(self_task, (vm_address_t)types, nt * sizeof(*types));
	fresh_ports();
}

/* Destroy much of what this process holds, as a task tearing down would. */
static void op_clean(struct thr *t)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t n = 0, nt = 0;
	struct op_rec *r;
	kern_return_t kr;
	int pct = chance(t, 10) ? 100 : 50;

	r = rec_begin(t, K_CLEAN, "mach_port_names, destroy %d%%", pct);
	kr = mach_port_names(self_task, &names, &n, &types, &nt);
	rec_end(r, K_CLEAN, kr);
	if (kr)
		return;
	for (mach_msg_type_number_t i = 0; i < n; i++) {
		if (names[i] == self_task)
			continue;
		if (chance(t, pct))
			mach_port_destroy(self_task, names[i]);
		else
			pool_add(names[i]);
	}
	vm_deallocate(self_task, (vm_address_t)names, n * sizeof(*names));
	vm_deallocate(self_task, (vm_address_t)types, nt * sizeof(*types));
	refresh_self(t);
	fresh_ports();
}

/* ---- messages ---- */

/* Kernel descriptor layouts: 12-byte port, 16-byte OOL, OOL ports, guarded. */
struct d_port { uint32_t name, pad; uint8_t p0, p1, disp, type; };
struct d_ool { uint64_t addr; uint8_t dealloc, copy, disp, type; uint32_t size; };

static uint32_t disposition(struct thr *t)
{
	static const uint8_t ok[] = { 19, 19, 20, 20, 21, 17, 16, 18 };

	if (t->clean)
		return ok[below(t, sizeof(ok))];
	if (chance(t, 90))
		return 16 + below(t, 6);	/* MOVE_RECEIVE .. MAKE_SEND_ONCE */
	return chance(t, 50) ? below(t, 32) : (uint32_t)rnd(t) & 0xff;
}

/* A fresh region at the start of our private window, for deallocate. */
static uint8_t *fresh(struct thr *t, uint32_t len)
{
	uint8_t *p = mmap(t->win, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	t->win_used = true;
	memset(p, 0xa5, len < 4096 ? len : 4096);
	return p;
}

static void window_reset(struct thr *t)
{
	if (!t->win_used)
		return;
	t->win_used = false;
	mmap(t->win, WINDOW, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
}

/* Build a random message in t->buf; its length. */
static uint32_t build_msg(struct thr *t, char *sum, size_t sumlen)
{
	mach_msg_header_t *h = (void *)t->buf;
	uint8_t *p = t->buf + sizeof(*h);
	uint32_t nd = 0, len, i, winoff = 0;
	int n = 0, cls = P_GOOD;

	memset(h, 0, sizeof(*h));
	t->clean = chance(t, 55);
	h->msgh_bits = MACH_MSGH_BITS(disposition(t), chance(t, 40) ? disposition(t) : 0);
	if (chance(t, 60))
		h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	if (permille(t, 30) && !t->clean)
		h->msgh_bits |= (uint32_t)rnd(t) & ~MACH_MSGH_BITS_COMPLEX;
	h->msgh_remote_port = chance(t, 70) ? pick_recv(t) : pick(t);
	h->msgh_local_port = chance(t, 50) ? 0 : pick(t);
	if (t->clean) {	/* a send right made from a receive right, a reply port */
		static const uint8_t rd[] = { 19, 20, 20, 21 };

		h->msgh_remote_port = chance(t, 80) ? rpool[below(t, 32)] : tpool[below(t, 16)];
		h->msgh_local_port = chance(t, 50) ? 0 : rpool[below(t, 32)];
		h->msgh_bits = MACH_MSGH_BITS(rd[below(t, 4)], h->msgh_local_port ?
					      MACH_MSG_TYPE_MAKE_SEND_ONCE : 0) |
			       (h->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	}
	switch (below(t, 4)) {
	case 0: h->msgh_id = 3400 + below(t, 20); break;	/* task MIG */
	case 1: h->msgh_id = 3600 + below(t, 30); break;	/* thread */
	default: h->msgh_id = (uint32_t)rnd(t); break;
	}
	if (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		nd = chance(t, 90) || t->clean ? below(t, 7) : chance(t, 50) ? 200 : (uint32_t)rnd(t);
		*(uint32_t *)p = nd;
		p += 4;
		for (i = 0; i < nd && i < 64; i++) {
			uint32_t type = below(t, 20);
			uint32_t size, cap;

			type = type < 7 ? 0 : type < 12 ? 1 : type < 16 ? 2 :
			       type < 17 ? 3 : type < 19 ? 4 : (uint32_t)rnd(t) & 0xff;
			if (t->clean && type > 3)
				type = below(t, 3);
			n += snprintf(sum + n, sumlen - n > 0 ? sumlen - n : 0, "%u", type);
			if (type == 0) {
				struct d_port *d = (void *)p;

				memset(d, 0, sizeof(*d));
				d->name = pick(t);
				d->disp = disposition(t);
				d->type = 0;
				if (permille(t, 30) && !t->clean)
					d->pad = rnd(t);
				p += sizeof(*d);
				continue;
			}
			struct d_ool *d = (void *)p;

			memset(d, 0, sizeof(*d));
			d->type = type;
			d->copy = chance(t, 95) || t->clean ? below(t, 2) : (uint8_t)rnd(t);
			d->disp = type == 2 ? disposition(t) : chance(t, 95) || t->clean ? 0 : rnd(t);
			if (type == 4) {	/* guarded port: context, flags, name */
				d->addr = chance(t, 50) ? 0 : rnd(t);
				d->dealloc = rnd(t);
				d->copy = rnd(t);
				d->size = pick(t);
				p += sizeof(*d);
				continue;
			}
			cap = BUFSZ / 2;
			size = chance(t, 85) || t->clean ? below(t, type == 2 ? 9 : 5000) :
				odd_size(t, 0);
			if (permille(t, is_root ? 0 : 5))	/* a big one: zero pages */
				size = below(t, 48 << 20);
			d->size = size;
			d->addr = t->clean ? (uint64_t)t->rbuf : bad_ptr(t, t->rbuf, &cls);
			if (cls == P_GOOD && size > cap)
				d->addr = (uint64_t)bigro;
			if (cls == P_GOOD && type == 2)
				for (uint32_t j = 0; j < size && j < cap / 4; j++)
					((uint32_t *)t->rbuf)[j] = pick(t);
			/* deallocate only in our private window: it unmaps */
			len = type == 2 ? size * 4 : size;
			if (chance(t, 10) && size && (uint64_t)winoff + len <= WINDOW &&
			    len <= 16384) {
				uint8_t *f = fresh(t, len);

				if (f) {
					if (type == 2)
						memcpy(f, t->rbuf, len);
					d->addr = (uint64_t)f;
					d->dealloc = 1;
					winoff = WINDOW;	/* one per message */
				}
			}
			p += sizeof(*d);
		}
	}
	/* inline data after the descriptors */
	len = below(t, 64) * 4;
	for (i = 0; i < len; i += 8)
		*(uint64_t *)(p + i) = rnd(t);
	p += len;
	h->msgh_size = p - t->buf;
	return h->msgh_size;
}

/* Take what a received message brought: names into the pool, memory out. */
static void consume(struct thr *t, mach_msg_header_t *h, uint32_t cap)
{
	uint8_t *p = (uint8_t *)(h + 1), *end = (uint8_t *)h + cap;
	uint32_t nd;

	pool_add(h->msgh_remote_port);
	pool_add(h->msgh_local_port);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX) || h->msgh_size > cap)
		return;
	end = (uint8_t *)h + h->msgh_size;
	nd = *(uint32_t *)p;
	p += 4;
	for (uint32_t i = 0; i < nd && p + 12 <= end; i++) {
		uint8_t type = p[11];

		if (type == MACH_MSG_PORT_DESCRIPTOR) {
			if (p[10] == MACH_MSG_TYPE_PORT_RECEIVE)
				rpool_add(((struct d_port *)p)->name);
			pool_add(((struct d_port *)p)->name);
			p += 12;
			continue;
		}
		if (p + 16 > end)
			break;
		struct d_ool *d = (void *)p;
		uint64_t len = type == MACH_MSG_OOL_PORTS_DESCRIPTOR ? d->size * 4ULL : d->size;

		if (type == MACH_MSG_GUARDED_PORT_DESCRIPTOR) {
			pool_add(d->size);
		} else if (d->addr && len) {
			for (uint32_t j = 0; type == MACH_MSG_OOL_PORTS_DESCRIPTOR &&
					    j < d->size && j < 64; j++) {
				if (d->disp == MACH_MSG_TYPE_PORT_RECEIVE)
					rpool_add(((uint32_t *)d->addr)[j]);
				else
					pool_add(((uint32_t *)d->addr)[j]);
			}
			munmap((void *)(uintptr_t)d->addr, len);
		}
		p += 16;
	}
}

static int msg_call(struct thr *t, uint64_t msg, uint32_t option, uint32_t ssize,
		    uint32_t rsize, mach_port_t rname, uint32_t timeout)
{
	struct mach_msg_args a = {
		.msg = msg, .option = option, .send_size = ssize,
		.rcv_size = rsize, .rcv_name = rname, .timeout = timeout,
	};
	int64_t rc = xioctl(MACH_IOC_MSG, (uint64_t)&a);

	return rc ? (int)rc : a.mr;
}

static void op_send(struct thr *t)
{
	char sum[40] = "";
	uint32_t size = build_msg(t, sum, sizeof(sum)), ssize = size, opt, rsize = 0;
	mach_msg_header_t *h = (void *)t->buf;
	mach_port_t rname = 0;
	uint64_t msg = (uint64_t)t->buf;
	struct op_rec *r;
	int cls = P_GOOD, mr;

	opt = MACH_SEND_MSG | (chance(t, 99) ? MACH_SEND_TIMEOUT : 0);
	if (chance(t, 15) && !t->clean)
		ssize = odd_size(t, BUFSZ);
	if (chance(t, 20)) {
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		rname = chance(t, 50) ? h->msgh_local_port : pick_recv(t);
		rsize = BUFSZ;
	}
	if (permille(t, 30) && !t->clean)
		opt |= (uint32_t)rnd(t) & ~(MACH_RCV_MSG | MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT);
	if (permille(t, 30) && !t->clean) {
		msg = bad_ptr(t, t->buf, &cls);
		if (cls == P_UNALIGNED)
			memmove((void *)msg, t->buf, size);
		if (opt & MACH_RCV_MSG)
			opt &= ~MACH_RCV_MSG;	/* would write the received one there */
	}
	r = rec_begin(t, K_SEND, "bits=%#x rem=%#x loc=%#x id=%d size=%u/%u opt=%#x descs=%s msg=%s",
		      h->msgh_bits, h->msgh_remote_port, h->msgh_local_port,
		      h->msgh_id, size, ssize, opt, sum, pclass[cls]);
	mr = msg_call(t, msg, opt, ssize, rsize, rname, below(t, 3));
	rec_end(r, K_SEND, mr);
	if (mr == MACH_SEND_INVALID_DEST && t->clean)
		fresh_ports_n(2);	/* a stale name in the pool: replace it */
	if (mr == 0 && (opt & MACH_RCV_MSG) && msg == (uint64_t)t->buf)
		consume(t, h, BUFSZ);
}

static void op_recv(struct thr *t)
{
	mach_msg_header_t *h = (void *)t->rbuf;
	uint32_t opt = MACH_RCV_MSG | MACH_RCV_TIMEOUT, rsize = BUFSZ;
	mach_port_t name = pick_recv(t);
	uint64_t msg = (uint64_t)t->rbuf;
	struct op_rec *r;
	int cls = P_GOOD, mr;

	if (chance(t, 25))
		opt |= MACH_RCV_LARGE;
	if (chance(t, 20))
		opt |= MACH_RCV_GUARDED_DESC;
	if (chance(t, 30))
		opt |= MACH_RCV_TRAILER_TYPE(below(t, 2)) | MACH_RCV_TRAILER_ELEMENTS(below(t, 16));
	if (chance(t, 20))
		rsize = odd_size(t, BUFSZ);
	if (rsize > BUFSZ)
		rsize = chance(t, 50) ? BUFSZ : below(t, 64);
	if (permille(t, 30))
		opt |= (uint32_t)rnd(t) & ~(MACH_SEND_MSG | MACH_RCV_TIMEOUT);
	if (permille(t, 30)) {
		msg = bad_ptr(t, t->rbuf, &cls);
		if (cls == P_UNALIGNED || cls == P_EDGE || cls == P_RO)
			msg = 0;	/* writable ours: the message would land there */
	}
	r = rec_begin(t, K_RECV, "name=%#x opt=%#x size=%u msg=%s", name, opt, rsize,
		      pclass[cls]);
	mr = msg_call(t, msg, opt, 0, rsize, name, below(t, 3));
	rec_end(r, K_RECV, mr);
	if (mr == MACH_RCV_INVALID_NAME && chance(t, 30))
		fresh_ports_n(2);
	if ((mr == 0 || (mr & ~MACH_MSG_MASK) == MACH_RCV_BODY_ERROR) && msg == (uint64_t)t->rbuf)
		consume(t, h, rsize);
}

/* ---- tasks and threads ---- */

static void op_task(struct thr *t)
{
	mach_port_t task = chance(t, 50) ? tpool[below(t, 16)] : self_task, n = 0;
	pid_t pid = pick_pid(t);
	thread_act_array_t threads;
	mach_msg_type_number_t cnt;
	integer_t info[64];
	struct op_rec *r;
	kern_return_t kr;
	uint32_t what = below(t, 11);
	int p = 0;

	if (what == 0 || !task) {
		r = rec_begin(t, K_TASK, "task_for_pid %d", pid);
		kr = task_for_pid(self_task, pid, &n);
		rec_end(r, K_TASK, kr);
		if (!kr)
			tpool_add(n);
		return;
	}
	r = rec_begin(t, K_TASK, "op %u on %#x", what, task);
	switch (what) {
	case 1: /* a hold, briefly, on a sibling (ourselves excluded: no one resumes) */
		kr = task == self_task ? KERN_INVALID_ARGUMENT : task_suspend(task);
		if (!kr) {
			usleep(below(t, 2000));
			kr = task_resume(task);
		}
		break;
	case 2:
		kr = task_resume(task);
		break;
	case 3: {
		task_suspension_token_t tok = 0;

		kr = task == self_task ? KERN_INVALID_ARGUMENT : task_suspend2(task, &tok);
		if (!kr) {
			usleep(below(t, 2000));
			kr = chance(t, 90) ? task_resume2(tok) : mach_port_deallocate(self_task, tok);
		}
		break;
	}
	case 4:
		kr = task_threads(task, &threads, &cnt);
		if (!kr) {
			for (mach_msg_type_number_t i = 0; i < cnt; i++)
				tpool_add(threads[i]);
			vm_deallocate(self_task, (vm_address_t)threads, cnt * sizeof(*threads));
		}
		break;
	case 5:
		cnt = chance(t, 80) ? below(t, 64) : (uint32_t)rnd(t) & 63;
		kr = task_info(task, chance(t, 80) ? below(t, 30) : (uint32_t)rnd(t),
			       info, &cnt);
		break;
	case 6:
		kr = task_get_special_port(task, below(t, 12), &n);
		pool_add(n);
		break;
	case 7:
		kr = task_set_special_port(task, chance(t, 80) ? 4 + below(t, 6) : below(t, 16),
					   pick(t));
		break;
	case 8:
		kr = pid_for_task(task, &p);
		break;
	case 9:
		kr = task_name_for_pid(self_task, pid, &n);
		tpool_add(n);
		break;
	default: /* kill a sibling through Mach, rarely */
		kr = chance(t, 5) && task != self_task ? task_terminate(task) : 0;
		break;
	}
	rec_end(r, K_TASK, kr);
}

static void op_thread(struct thr *t)
{
	thread_act_t th = chance(t, 20) ? t->thread_self : tpool[below(t, 16)];
	natural_t state[256];
	mach_msg_type_number_t cnt = below(t, 256);
	uint32_t what = below(t, 6), flavor = chance(t, 80) ? below(t, 16) : (uint32_t)rnd(t);
	struct op_rec *r;
	kern_return_t kr;

	r = rec_begin(t, K_THREAD, "op %u on %#x flavor %u count %u", what, th, flavor, cnt);
	switch (what) {
	case 0: /* a brief stop; not of the caller itself */
		kr = th == t->thread_self ? 0 : thread_suspend(th);
		if (!kr && th != t->thread_self) {
			usleep(below(t, 1000));
			kr = thread_resume(th);
		}
		break;
	case 1:
		kr = thread_resume(th);
		break;
	case 2:
		kr = thread_get_state(th, flavor, (thread_state_t)state, &cnt);
		break;
	case 3: /*
		 * The state just read, written back: not the general, float
		 * or 32-bit flavors (1, 2, 4, 5, 7, 8), which would rewind a
		 * thread that ran on meanwhile and crash it, as ptrace would.
		 */
		if (flavor < 9 && flavor != 3 && flavor != 6)
			flavor = 10 + below(t, 2);	/* the debug registers */
		kr = thread_get_state(th, flavor, (thread_state_t)state, &cnt);
		if (!kr)
			kr = thread_set_state(th, flavor, (thread_state_t)state, cnt);
		break;
	case 4:
		kr = thread_info(th, flavor, (thread_info_t)state, &cnt);
		break;
	default:
		tpool_add(t->thread_self);
		kr = 0;
		break;
	}
	rec_end(r, K_THREAD, kr);
}

/* The file operations /dev/mach does not have, and a second descriptor. */
static void op_fd(struct thr *t)
{
	struct op_rec *r = rec_begin(t, K_FD, "read/write/mmap/poll/dup/open");
	struct pollfd pfd = { .fd = devfd, .events = POLLIN | POLLOUT };
	char b[16];
	void *m;
	int fd2, rc = 0;

	if (read(devfd, b, sizeof(b)) >= 0 || write(devfd, b, sizeof(b)) >= 0)
		rc = 1;
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, devfd, 0);
	if (m != MAP_FAILED)
		munmap(m, 4096);
	poll(&pfd, 1, 0);
	lseek(devfd, 0, SEEK_SET);
	fd2 = chance(t, 50) ? dup(devfd) : open("/dev/mach", O_RDWR | O_CLOEXEC);
	if (fd2 >= 0) {
		struct mach_ioc_version v = { 0 };

		ioctl(fd2, MACH_IOC_VERSION, &v);
		close(fd2);
	}
	rec_end(r, K_FD, rc);
}

/* ---- the probes: issue 13's attacks, with the codes they must get ---- */

static mach_port_t probe_port(void)
{
	mach_port_t p;

	if (mach_port_allocate(self_task, MACH_PORT_RIGHT_RECEIVE, &p) ||
	    mach_port_insert_right(self_task, p, p, MACH_MSG_TYPE_MAKE_SEND))
		return 0;
	return p;
}

struct probe_msg {
	mach_msg_header_t h;
	uint32_t nd;
	uint8_t d[8 * 16];
};

/* A complex message to @dest with descriptors appended by the caller. */
static uint8_t *probe_init(struct probe_msg *m, mach_port_t dest)
{
	memset(m, 0, sizeof(*m));
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX;
	m->h.msgh_remote_port = dest;
	return m->d;
}

static uint8_t *add_port(struct probe_msg *m, uint8_t *p, mach_port_t name, uint8_t disp)
{
	struct d_port *d = (void *)p;

	d->name = name;
	d->disp = disp;
	m->nd++;
	return p + sizeof(*d);
}

static uint8_t *add_ool(struct probe_msg *m, uint8_t *p, uint8_t type, void *addr, uint32_t size)
{
	struct d_ool *d = (void *)p;

	d->addr = (uint64_t)addr;
	d->type = type;
	d->size = size;
	d->copy = MACH_MSG_VIRTUAL_COPY;
	d->disp = type == MACH_MSG_OOL_PORTS_DESCRIPTOR ? MACH_MSG_TYPE_COPY_SEND : 0;
	m->nd++;
	return p + sizeof(*d);
}

static int probe_send(struct thr *t, struct probe_msg *m, uint8_t *end)
{
	m->h.msgh_size = end - (uint8_t *)m;
	return msg_call(t, (uint64_t)m, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			m->h.msgh_size, 0, 0, 0);
}

#define EXPECT(strict, got, want, what) do {					\
	if ((strict) && (got) != (want))					\
		worker_fail("probe %s: got %#x, want %#x", what, (got), (want));	\
} while (0)

/* 32-bit wrap of the port count: 1 + 0xffffffff, 0x80000000 * 2, *4 bytes */
static void probe_wrap(struct thr *t, bool strict)
{
	static const uint32_t counts[] = { 0xffffffff, 0x80000000, 0x40000000, 16384 };
	mach_port_t p = probe_port();
	struct probe_msg m;
	struct op_rec *r;
	uint8_t *e;
	int mr;

	if (!p)
		return;
	for (unsigned i = 0; i < 5; i++) {
		e = probe_init(&m, p);
		if (i < 4) {
			e = add_port(&m, e, p, MACH_MSG_TYPE_COPY_SEND);
			e = add_ool(&m, e, MACH_MSG_OOL_PORTS_DESCRIPTOR, t->rbuf, counts[i]);
			if (i == 1)
				e = add_ool(&m, e, MACH_MSG_OOL_PORTS_DESCRIPTOR, t->rbuf, counts[i]);
		} else {	/* 16383 + 1: one past IPC_KMSG_MAX_OOL_PORT_COUNT */
			e = add_ool(&m, e, MACH_MSG_OOL_PORTS_DESCRIPTOR, t->rbuf, 16383);
			e = add_port(&m, e, p, MACH_MSG_TYPE_COPY_SEND);
		}
		r = rec_begin(t, K_T_WRAP, "port + ool-ports count %#x", i < 4 ? counts[i] : 16383);
		mr = probe_send(t, &m, e);
		rec_end(r, K_T_WRAP, mr);
		EXPECT(strict, mr, MACH_SEND_TOO_LARGE, "ool-ports count wrap");
	}
	mach_port_destroy(self_task, p);
}

/* Six 200 MB regions (1.2 GB) in one message; one region past the uid's share */
static void probe_big(struct thr *t, bool strict)
{
	mach_port_t p = probe_port();
	struct probe_msg m;
	struct op_rec *r;
	uint8_t *e;
	int mr;

	if (!p)
		return;
	e = probe_init(&m, p);
	for (int i = 0; i < 6; i++)
		e = add_ool(&m, e, MACH_MSG_OOL_DESCRIPTOR, bigro, 200 << 20);
	r = rec_begin(t, K_T_BIG, "six 200 MB OOL regions");
	mr = probe_send(t, &m, e);
	rec_end(r, K_T_BIG, mr);
	EXPECT(strict, mr, MACH_SEND_NO_BUFFER, "six 200 MB regions");
	/* one region of max_ool_size + 1 */
	e = add_ool(&m, probe_init(&m, p), MACH_MSG_OOL_DESCRIPTOR, bigro,
		    (uint32_t)sh->max_ool + 1);
	r = rec_begin(t, K_T_BIG, "one region of max_ool_size + 1");
	mr = probe_send(t, &m, e);
	rec_end(r, K_T_BIG, mr);
	EXPECT(strict, mr, MACH_SEND_TOO_LARGE, "max_ool_size + 1");
	/* more than the uid may queue, in one region under max_ool_size */
	if (sh->user_max_msg && sh->user_max_msg < sh->max_ool && sh->user_max_msg < sh->budget) {
		e = add_ool(&m, probe_init(&m, p), MACH_MSG_OOL_DESCRIPTOR, bigro,
			    (uint32_t)sh->user_max_msg + 4096);
		r = rec_begin(t, K_T_BIG, "one region of user_max_msg_bytes + 4096");
		mr = probe_send(t, &m, e);
		rec_end(r, K_T_BIG, mr);
		EXPECT(strict && !is_root, mr, MACH_SEND_NO_BUFFER, "user_max_msg_bytes + 4096");
	}
	mach_port_destroy(self_task, p);
}

/* Queue 4 MB messages on port after port until the uid's limit says no. */
static void probe_fill(struct thr *t, bool strict)
{
	mach_port_t ports[64];
	struct probe_msg m;
	struct op_rec *r;
	int np = 0, mr = 0, sent = 0;

	r = rec_begin(t, K_T_FILL, "4 MB messages until refused");
	while (np < 64 && mr != MACH_SEND_NO_BUFFER && !sh->stop) {
		if (!(ports[np] = probe_port()))
			break;
		np++;
		do {
			uint8_t *e = add_ool(&m, probe_init(&m, ports[np - 1]),
					     MACH_MSG_OOL_DESCRIPTOR, bigro, 4 << 20);

			mr = probe_send(t, &m, e);
			sent += !mr;
		} while (!mr);
	}
	rec_end(r, K_T_FILL, mr);
	snprintf(r->desc, sizeof(r->desc), "probe-fill: %d x 4 MB queued on %d ports, then %#x",
		 sent, np, mr);
	EXPECT(strict, mr, MACH_SEND_NO_BUFFER, "fill to the uid's limit");
	for (int i = 0; i < np; i++)
		mach_port_destroy(self_task, ports[i]);
	/* the allowance is back: the same goes again */
	if (strict && (ports[0] = probe_port())) {
		uint8_t *e = add_ool(&m, probe_init(&m, ports[0]), MACH_MSG_OOL_DESCRIPTOR,
				     bigro, 4 << 20);

		mr = probe_send(t, &m, e);
		EXPECT(strict, mr, MACH_MSG_SUCCESS, "send after the queued ones were destroyed");
		mach_port_destroy(self_task, ports[0]);
	}
}

/* A big region through a receive, data checked; then with no room to map it. */
static void probe_rcv(struct thr *t, bool strict)
{
	uint32_t size = 24 << 20;
	mach_port_t p = probe_port();
	struct probe_msg m;
	struct op_rec *r;
	uint8_t *src, *e;
	int mr, status;
	pid_t pid;

	if (!p)
		return;
	src = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED)
		return;
	for (uint32_t i = 0; i < size; i += 1 << 20)
		src[i] = i >> 20;
	e = add_ool(&m, probe_init(&m, p), MACH_MSG_OOL_DESCRIPTOR, src, size);
	r = rec_begin(t, K_T_RCV, "24 MB region sent and received");
	mr = probe_send(t, &m, e);
	if (!mr) {
		struct probe_msg *got = (void *)t->rbuf;

		mr = msg_call(t, (uint64_t)got, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			      BUFSZ, p, 1000);
		if (!mr) {
			struct d_ool *d = (void *)got->d;
			uint8_t *at = (uint8_t *)d->addr;

			if (d->size != size || !at)
				mr = -1000;
			for (uint32_t i = 0; !mr && i < size; i += 1 << 20)
				if (at[i] != (uint8_t)(i >> 20))
					mr = -1001;
			if (at)
				munmap(at, d->size);
		}
	}
	rec_end(r, K_T_RCV, mr);
	EXPECT(strict, mr, MACH_MSG_SUCCESS, "24 MB region received");
	/* a receiver whose address space cannot take it: an error, no OOM */
	if (strict && (pid = fork()) == 0) {
		struct rlimit rl = { 0 };
		FILE *f = fopen("/proc/self/statm", "r");
		unsigned long vm = 0;

		if (f && fscanf(f, "%lu", &vm) == 1)
			rl.rlim_cur = rl.rlim_max = vm * 4096 + (8 << 20);
		if (f)
			fclose(f);
		self_task = mach_task_self();
		if (!self_task || !(p = probe_port()))
			_exit(10);
		mr = probe_send(t, &m, add_ool(&m, probe_init(&m, p), MACH_MSG_OOL_DESCRIPTOR,
					       src, size));
		if (mr || setrlimit(RLIMIT_AS, &rl))
			_exit(11);
		mr = msg_call(t, (uint64_t)t->rbuf, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			      BUFSZ, p, 1000);
		_exit(mr == (MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE) ? 0 : 12);
	}
	if (strict) {
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			worker_fail("probe: receive under RLIMIT_AS: status %#x, want a clean MACH_RCV_BODY_ERROR|MACH_MSG_VM_SPACE",
				    status);
	}
	munmap(src, size);
	mach_port_destroy(self_task, p);
}

/* Ports until the uid's allowance says no (KERN_NO_SPACE), then none. */
static void probe_ports(struct thr *t, bool strict)
{
	uint64_t max = sh->user_max_ports, n = 0;
	mach_port_t p;
	struct op_rec *r;
	kern_return_t kr = 0;

	if (!max || max > 100000 || is_root)
		return;
	r = rec_begin(t, K_T_PORTS, "receive rights until refused (user_max_ports %" PRIu64 ")",
		      max);
	while (n <= max) {
		if (sh->stop) {
			kr = -2;	/* not a Mach code: the run ended */
			break;
		}
		kr = mach_port_allocate(self_task, MACH_PORT_RIGHT_RECEIVE, &p);
		if (kr)
			break;
		n++;
	}
	rec_end(r, K_T_PORTS, kr);
	snprintf(r->desc, sizeof(r->desc), "probe-ports: %" PRIu64 " receive rights, then %#x",
		 n, kr);
	EXPECT(strict, kr, KERN_NO_SPACE, "ports beyond user_max_ports");
	if (n > max)	/* other workers of the uid only make it fewer */
		worker_fail("probe: %" PRIu64 " ports held, user_max_ports is %" PRIu64, n, max);
	op_clean_all();
}

/* ---- workers ---- */

static __thread int cur_thread;

/*
 * The fuzzing may deallocate our task or thread port names; fetch them
 * again (the same name comes back with one more reference: drop it).
 */
static void refresh_self(struct thr *t)
{
	struct mach_port_args a = { 0 };
	static uint32_t extra;
	mach_port_t th;

	if (!xioctl(MACH_IOC_TASK_SELF, (uint64_t)&a) && !a.kr) {
		/* the same name, one reference more: drop them now and then */
		if (a.name == self_task &&
		    __atomic_add_fetch(&extra, 1, __ATOMIC_RELAXED) % 256 == 0)
			mach_port_mod_refs(self_task, a.name, MACH_PORT_RIGHT_SEND, -255);
		if (a.name != self_task)
			tpool_add(a.name);
		self_task = a.name;
	}
	if (t->ops % 16)
		return;
	th = mach_thread_self();
	if (th && th == t->thread_self)
		mach_port_deallocate(self_task, th);
	else if (th)
		t->thread_self = th;
}

/* A crash of ours: say where, for the report, then die of it. */
static void on_fault(int sig, siginfo_t *si, void *uc)
{
	snprintf(sh->w[slot_i].why, sizeof(sh->w[slot_i].why),
		 "signal %d at address %p in thread %d", sig, si->si_addr, cur_thread);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void *thread_main(void *arg)
{
	struct thr *t = arg;

	cur_thread = t->idx;
	t->buf = mmap(NULL, 2 * BUFSZ + 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->rbuf = t->buf + BUFSZ;
	t->ro = t->buf + 2 * BUFSZ;
	mprotect(t->ro, 4096, PROT_READ);
	t->thread_self = mach_thread_self();
	t->win = (uint8_t *)(WINDOW_BASE + ((uint64_t)slot_i * MAXT + t->idx) * 2 * WINDOW);
	if (t->buf == MAP_FAILED || mmap(t->win, WINDOW, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE,
			-1, 0) != t->win)
		worker_fail("setup: thread buffers: %s", strerror(errno));
	while (!__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		uint32_t w = below(t, 1000);

		if (__atomic_add_fetch(&sh->ops, 1, __ATOMIC_RELAXED) > sh->ops_limit ||
		    now() > sh->deadline)
			break;
		t->ops++;
		window_reset(t);
		refresh_self(t);
		if (w < 150) op_raw(t);
		else if (w < 380) op_port(t);
		else if (w < 450) op_alloc(t);
		else if (w < 700) op_send(t);
		else if (w < 870) op_recv(t);
		else if (w < 930) op_task(t);
		else if (w < 975) op_thread(t);
		else if (w < 991) op_fd(t);
		else if (w < 995) op_clean(t);
		else if (w < 997) probe_wrap(t, true);
		else if (w < 998) probe_big(t, true);
		else if (w < 999 && !is_root) probe_fill(t, false);
		else if (!is_root && chance(t, 80)) probe_rcv(t, false);
		else if (!is_root) probe_ports(t, false);
	}
	return NULL;
}

static void worker_setup(void)
{
	devfd = open("/dev/mach", O_RDWR | O_CLOEXEC);
	none_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bigro = mmap(NULL, BIGRO_SZ, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (devfd < 0 || none_page == MAP_FAILED ||
	    hole == MAP_FAILED || bigro == MAP_FAILED)
		worker_fail("setup: %s", strerror(errno));
	hole += 4096;
	munmap(hole, 4096);
	self_task = mach_task_self();
	if (!self_task)
		worker_fail("setup: no task port");
	tpool_add(self_task);
	/* no way to bootstrapd: the counters are the module's alone */
	task_set_special_port(self_task, TASK_BOOTSTRAP_PORT, MACH_PORT_NULL);
	mach_port_deallocate(self_task, bootstrap_port);
	fresh_ports();
}

static void drop_to(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		worker_fail("setup: cannot become uid %u", uid);
}

static void __attribute__((noreturn)) worker(int slot, uid_t uid)
{
	struct thr th[MAXT];

	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

	slot_i = slot;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (uid)
		drop_to(uid);
	is_root = geteuid() == 0;
	worker_setup();
	for (int i = 0; i < nthreads; i++) {
		th[i].idx = i;
		th[i].ops = 0;
		th[i].r = mix(sh->seed ^ mix(slot * 1000003ULL + sh->w[slot].gen * 7919ULL + i + 1)) | 1;
		if (i && pthread_create(&th[i].pt, NULL, thread_main, &th[i]))
			worker_fail("setup: pthread_create");
	}
	thread_main(&th[0]);
	for (int i = 1; i < nthreads; i++)
		pthread_join(th[i].pt, NULL);
	_exit(0);
}

/* The probes alone, strict, as @uid, before the fuzzing starts. */
static void __attribute__((noreturn)) prober(uid_t uid)
{
	struct thr t = { .idx = 0, .r = mix(sh->seed) | 1 };

	slot_i = MAXW;
	if (uid)
		drop_to(uid);
	is_root = geteuid() == 0;
	worker_setup();
	t.buf = mmap(NULL, 2 * BUFSZ + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		     -1, 0);
	t.rbuf = t.buf + BUFSZ;
	t.ro = t.buf + 2 * BUFSZ;
	probe_wrap(&t, true);
	probe_big(&t, true);
	probe_fill(&t, !is_root);
	probe_rcv(&t, true);
	probe_ports(&t, true);
	_exit(0);
}

/* ---- the parent: counters through generic netlink ---- */

static int nl_req(int fd, uint16_t type, uint8_t cmd, const char *fam,
		  uint64_t *out, uint16_t *famid)
{
	struct { struct nlmsghdr n; struct genlmsghdr g; char a[64]; } q = { 0 };
	char buf[8192];
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	ssize_t len;

	q.n.nlmsg_type = type;
	q.n.nlmsg_flags = NLM_F_REQUEST;
	q.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	q.g.cmd = cmd;
	q.g.version = 1;
	if (fam) {
		struct nlattr *a = (void *)q.a;

		a->nla_type = CTRL_ATTR_FAMILY_NAME;
		a->nla_len = NLA_HDRLEN + strlen(fam) + 1;
		strcpy((char *)a + NLA_HDRLEN, fam);
		q.n.nlmsg_len += NLA_ALIGN(a->nla_len);
	}
	if (sendto(fd, &q, q.n.nlmsg_len, 0, (void *)&to, sizeof(to)) < 0)
		return -1;
	len = recv(fd, buf, sizeof(buf), 0);
	if (len < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN))
		return -1;
	struct nlmsghdr *n = (void *)buf;

	if (n->nlmsg_type == NLMSG_ERROR)
		return -1;
	for (char *p = NLMSG_DATA(n) + GENL_HDRLEN; p + NLA_HDRLEN <= buf + n->nlmsg_len;) {
		struct nlattr *a = (void *)p;

		if (a->nla_len < NLA_HDRLEN)
			break;
		if (famid && a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(famid, p + NLA_HDRLEN, 2);
		if (out && a->nla_type <= MACH_NL_A_MAX && a->nla_len == NLA_HDRLEN + 8)
			memcpy(&out[a->nla_type], p + NLA_HDRLEN, 8);
		p += NLA_ALIGN(a->nla_len);
	}
	return 0;
}

static int stats(uint64_t *out)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC), rc = -1;
	uint16_t fam = 0;

	memset(out, 0, (MACH_NL_A_MAX + 1) * sizeof(*out));
	if (fd >= 0 && !nl_req(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, MACH_NL_FAMILY_NAME,
			       NULL, &fam) && fam)
		rc = nl_req(fd, fam, MACH_NL_CMD_GET_STATS, NULL, out, NULL);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* What must come back: objects alive, holds, bytes charged. */
static const struct { int attr; const char *name; } gauges[] = {
	{ MACH_NL_A_STAT_TASKS, "tasks" }, { MACH_NL_A_STAT_SPACES, "spaces" },
	{ MACH_NL_A_STAT_PORTS, "ports" }, { MACH_NL_A_STAT_PSETS, "port sets" },
	{ MACH_NL_A_STAT_ENTRIES, "names" }, { MACH_NL_A_STAT_KMSGS, "messages" },
	{ MACH_NL_A_STAT_SUSPENDED, "suspended tasks" },
	{ MACH_NL_A_STAT_SUSPENSIONS, "holds" },
	{ MACH_NL_A_STAT_MSG_BYTES, "message bytes" },
};
#define NGAUGES (sizeof(gauges) / sizeof(gauges[0]))

static uint64_t param(const char *name)
{
	char path[128];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/mach/parameters/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void set_param(const char *name, uint64_t v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/mach/parameters/%s", name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%" PRIu64 "\n", v);
		fclose(f);
	}
}

static void dump_slot(int i)
{
	struct slot *s = &sh->w[i];
	uint64_t last = s->next;

	printf("# %s %d: pid %d uid %u generation %u%s%s\n", i == MAXW ? "prober" : "worker",
	       i, s->pid, s->uid, s->gen, s->why[0] ? ": " : "", s->why);
	for (uint64_t q = last >= RING ? last - RING + 1 : 1; q <= last; q++) {
		struct op_rec *r = &s->ring[q % RING];

		if (__atomic_load_n(&r->seq, __ATOMIC_ACQUIRE) != q)
			continue;
		if (r->result == PEND)
			printf("#   %6" PRIu64 " t%u %s => (in flight)\n", q, r->thread, r->desc);
		else
			printf("#   %6" PRIu64 " t%u %s => %#x\n", q, r->thread, r->desc, r->result);
	}
}

static int failures;
static uint64_t seed;

static void failure(int slot, const char *fmt, ...)
{
	va_list ap;

	printf("# FAIL (seed %" PRIu64 "): ", seed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (slot >= 0)
		dump_slot(slot);
	failures++;
	fflush(stdout);
}

static pid_t start(int slot, uid_t uid, bool probe)
{
	pid_t pid;

	sh->w[slot].uid = uid;
	sh->w[slot].why[0] = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (probe)
			prober(uid);
		worker(slot, uid);
	}
	__atomic_store_n(&sh->w[slot].pid, pid, __ATOMIC_RELEASE);
	return pid;
}

/* A worker ended: SIGKILL is expected (ours, task_terminate, a guard). */
static void ended(int slot, int status)
{
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	failure(slot, "%s %d ended with %s %d", slot == MAXW ? "prober" : "worker", slot,
		WIFSIGNALED(status) ? "signal" : "status",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

static int nslots;

/* A worker SIGKILL cannot end in 2 minutes: a kernel bug, stuck in the module. */
static void on_alarm(int sig)
{
	failure(-1, "workers still alive 120 s after SIGKILL");
	for (int i = 0; i < nslots; i++)
		if (sh->w[i].pid > 0)
			dump_slot(i);
	_exit(1);
}

static int find_slot(pid_t pid, int nprocs)
{
	for (int i = 0; i < nprocs; i++)
		if (sh->w[i].pid == pid)
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	int nprocs = 4, nroot = -1, kills = 30, quiet = 0, verbose = 0, lower = 0, c, status;
	uint64_t saved_ports = 0, saved_bytes = 0;
	uid_t uid = 65534;
	double secs = 60, t0;
	uint64_t before[MACH_NL_A_MAX + 1], after[MACH_NL_A_MAX + 1], nops = UINT64_MAX;
	uint64_t respawns = 0, sigkills = 0;
	pid_t pid;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((c = getopt(argc, argv, "s:t:n:p:j:r:u:k:qvl")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': secs = atof(optarg); break;
		case 'n': nops = strtoull(optarg, NULL, 0); break;
		case 'p': nprocs = atoi(optarg); break;
		case 'j': nthreads = atoi(optarg); break;
		case 'r': nroot = atoi(optarg); break;
		case 'u': uid = atoi(optarg); break;
		case 'k': kills = atoi(optarg); break;
		case 'q': quiet = 1; break;
		case 'v': verbose = 1; break;
		case 'l': lower = 1; break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-t SECONDS] [-n OPS] [-p PROCS] [-j THREADS] [-r ROOT_PROCS] [-u UID] [-k KILLS_PER_MIN] [-l] [-q] [-v]\n",
				argv[0]);
			return 2;
		}
	}
	if (nprocs < 1 || nprocs > MAXW || nthreads < 1 || nthreads > MAXT)
		return fprintf(stderr, "mach-fuzz: 1..%d processes, 1..%d threads\n", MAXW, MAXT), 2;
	if (nroot < 0)
		nroot = nprocs >= 3 ? 1 : 0;
	if (geteuid())
		uid = geteuid(), nroot = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# mach-fuzz: seed %" PRIu64 " (mach-fuzz -s %" PRIu64 " -t %g -p %d -j %d -r %d)\n",
	       seed, seed, secs, nprocs, nthreads, nroot);
	if (lower && !geteuid()) {	/* limits the fuzzing can meet */
		saved_ports = param("user_max_ports");
		saved_bytes = param("user_max_msg_bytes");
		set_param("user_max_ports", 4096);
		set_param("user_max_msg_bytes", 32 << 20);
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || stats(before))
		return fprintf(stderr, "mach-fuzz: no netlink statistics (is mach.ko loaded? root?)\n"), 2;
	sh->seed = seed;
	sh->ops_limit = nops;
	sh->user_max_msg = before[MACH_NL_A_STAT_USER_MAX_MSG_BYTES];
	sh->user_max_ports = before[MACH_NL_A_STAT_USER_MAX_PORTS];
	sh->budget = param("port_byte_budget");
	sh->max_ool = param("max_ool_size");
	t0 = now();
	sh->deadline = t0 + secs;

	/* 1. the probes, strict, as the unprivileged uid */
	pid = start(MAXW, uid, true);
	if (waitpid(pid, &status, 0) == pid)
		ended(MAXW, status);
	if (!quiet || failures)
		dump_slot(MAXW);

	/* 2. the fuzzing, with random kills, for the time asked */
	sh->deadline = now() + secs;
	for (int i = 0; i < nprocs; i++)
		start(i, i < nroot ? 0 : uid, false);
	srand(seed);
	while (now() < sh->deadline && sh->ops < nops) {
		usleep(100000);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			int i = find_slot(pid, nprocs);

			if (i < 0)
				continue;
			ended(i, status);
			sh->w[i].gen++;
			if (now() < sh->deadline && sh->ops < nops) {
				start(i, sh->w[i].uid, false);
				respawns++;
			} else {
				sh->w[i].pid = 0;
			}
		}
		if (kills && rand() % 600 < kills) {
			int i = rand() % nprocs;

			if (sh->w[i].pid > 0 && !kill(sh->w[i].pid, SIGKILL))
				sigkills++;
		}
	}
	sh->stop = 1;
	/* what is still running (waiting, suspended by a sibling) is killed */
	usleep(500000);
	for (int i = 0; i < nprocs; i++)
		if (sh->w[i].pid > 0)
			kill(sh->w[i].pid, SIGKILL);
	nslots = nprocs;
	signal(SIGALRM, on_alarm);
	alarm(120);
	while ((pid = wait(&status)) > 0) {
		int i = find_slot(pid, nprocs);

		if (i >= 0) {
			ended(i, status);
			sh->w[i].pid = 0;
		}
	}
	alarm(0);

	/* 3. the module's counters back where they were */
	for (int tries = 0;; tries++) {
		bool same = !stats(after);

		for (size_t g = 0; same && g < NGAUGES; g++)
			same = before[gauges[g].attr] == after[gauges[g].attr];
		if (same)
			break;
		if (tries == 600) {	/* 60 s: exit teardown runs from a workqueue */
			for (size_t g = 0; g < NGAUGES; g++)
				if (before[gauges[g].attr] != after[gauges[g].attr])
					failure(-1, "%s: %" PRIu64 " before, %" PRIu64 " after",
						gauges[g].name, before[gauges[g].attr],
						after[gauges[g].attr]);
			for (int i = 0; i < nprocs; i++)
				dump_slot(i);
			break;
		}
		usleep(100000);
	}

	for (int i = 0; verbose && i < nprocs; i++)
		dump_slot(i);
	printf("# %" PRIu64 " operations in %.0f s by %d processes x %d threads (%" PRIu64 " restarts, %" PRIu64 " SIGKILLs)\n",
	       sh->ops > nops ? nops : sh->ops, now() - t0, nprocs, nthreads, respawns, sigkills);
	for (int k = 0; k < K_NKINDS; k++) {
		printf("#   %-13s %9" PRIu64 " (%" PRIu64 " succeeded)", kind_name[k],
		       sh->kind_ops[k], sh->kind_ok[k]);
		/* the most frequent results, 5 at most */
		struct { uint64_t n; int code; } top[5] = { { 0 } };

		for (int h = 0; h < 512; h++) {
			uint64_t key = sh->codes[h].key, n = sh->codes[h].n;

			if ((int)(key >> 32) != k + 1)
				continue;
			for (int j = 0; j < 5; j++) {
				if (n <= top[j].n)
					continue;
				memmove(&top[j + 1], &top[j], (4 - j) * sizeof(top[0]));
				top[j].n = n;
				top[j].code = (int)(uint32_t)key;
				break;
			}
		}
		for (int j = 0; j < 5 && top[j].n; j++)
			printf("%s %#x:%" PRIu64, j ? "," : " ", top[j].code, top[j].n);
		printf("\n");
	}
	printf("# limits: %" PRIu64 " ports refused (user_max_ports %" PRIu64 "), %" PRIu64 " sends refused (user_max_msg_bytes %" PRIu64 ", global %" PRIu64 "); seen KERN_NO_SPACE %" PRIu64 ", MACH_SEND_NO_BUFFER %" PRIu64 "\n",
	       after[MACH_NL_A_STAT_PORT_DENIALS] - before[MACH_NL_A_STAT_PORT_DENIALS],
	       after[MACH_NL_A_STAT_USER_MAX_PORTS],
	       after[MACH_NL_A_STAT_MSG_DENIALS] - before[MACH_NL_A_STAT_MSG_DENIALS],
	       after[MACH_NL_A_STAT_USER_MAX_MSG_BYTES], after[MACH_NL_A_STAT_GLOBAL_MAX_MSG_BYTES],
	       sh->no_space, sh->no_buffer);
	printf("# messages sent %" PRIu64 ", received %" PRIu64 ", OOL bytes %" PRIu64 ", notifications %" PRIu64 "\n",
	       after[MACH_NL_A_STAT_MSGS_SENT] - before[MACH_NL_A_STAT_MSGS_SENT],
	       after[MACH_NL_A_STAT_MSGS_RECEIVED] - before[MACH_NL_A_STAT_MSGS_RECEIVED],
	       after[MACH_NL_A_STAT_OOL_BYTES] - before[MACH_NL_A_STAT_OOL_BYTES],
	       after[MACH_NL_A_STAT_NOTIFICATIONS] - before[MACH_NL_A_STAT_NOTIFICATIONS]);
	if (lower && !geteuid()) {
		set_param("user_max_ports", saved_ports);
		set_param("user_max_msg_bytes", saved_bytes);
	}
	printf("# mach-fuzz: seed %" PRIu64 ": %s\n", seed, failures ? "FAILED" : "counters back to baseline, ok");
	return failures ? 1 : 0;
}
