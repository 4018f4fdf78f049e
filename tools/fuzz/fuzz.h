/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mach-fuzz: what its parts share (tools/fuzz/main.c describes the tool).
 */
#ifndef MACH_FUZZ_H
#define MACH_FUZZ_H

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
#define BIGRO_SZ	(257UL << 20)	/* a readable region of zero pages */

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
	    K_CLEAN, K_T_WRAP, K_T_BIG, K_T_FILL, K_T_RCV, K_T_PORTS,
	    K_MIG, K_STATE, K_SYNC, K_RACE, K_FLIP, K_FORK, K_T_IOCTL, K_NKINDS };

struct shared {
	uint64_t seed, ops_limit, ops;
	uint32_t ops_mask;		/* -o: which of mig.c's operations run */
	int stop;
	double deadline;
	uint64_t user_max_msg, budget, max_ool, user_max_ports; /* parameters */
	uint64_t kind_ops[K_NKINDS], kind_ok[K_NKINDS];
	uint64_t no_space, no_buffer;		/* limit codes seen */
	struct { uint64_t key, n; } codes[512];	/* (kind, result) counts */
	struct slot w[MAXW + 1];		/* MAXW: the probe child */
};

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

/* Where a name, pointer or size came from, for the record. */
enum { P_GOOD, P_NULL, P_HOLE, P_KERNEL, P_NONCANON, P_UNALIGNED, P_RO,
       P_NONE, P_EDGE, P_NCLASS };

/* Kernel descriptor layouts: 12-byte port, 16-byte OOL, OOL ports, guarded. */
struct d_port { uint32_t name, pad; uint8_t p0, p1, disp, type; };
struct d_ool { uint64_t addr; uint8_t dealloc, copy, disp, type; uint32_t size; };

/* ---- random numbers: xorshift64*, one state per thread ---- */

static inline uint64_t mix(uint64_t x)
{
	x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27; x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static inline uint64_t rnd(struct thr *t)
{
	t->r ^= t->r >> 12; t->r ^= t->r << 25; t->r ^= t->r >> 27;
	return t->r * 2685821657736338717ULL;
}

static inline uint32_t below(struct thr *t, uint32_t n) { return n ? rnd(t) % n : 0; }
static inline bool chance(struct thr *t, int pct) { return below(t, 1000) < (uint32_t)pct * 10; }
static inline bool permille(struct thr *t, int pm) { return below(t, 1000) < (uint32_t)pm; }

/* ---- worker.c: the shared memory, this worker's names, the ring ---- */

extern struct shared *sh;
extern int nthreads;
extern const char *const kind_name[K_NKINDS];
extern int slot_i;			/* this worker's slot */
extern int devfd;			/* our own /dev/mach descriptor */
extern bool is_root;
extern mach_port_t self_task;
extern mach_port_t pool[POOL];		/* any names */
extern mach_port_t rpool[32];		/* receive rights and sets */
extern mach_port_t tpool[16];		/* task and thread ports */
extern uint8_t *none_page, *hole, *bigro;

double now(void);
void pool_add(mach_port_t n);
void rpool_add(mach_port_t n);
void tpool_add(mach_port_t n);
mach_port_t pick(struct thr *t);
mach_port_t pick_recv(struct thr *t);
pid_t pick_pid(struct thr *t);
struct op_rec *rec_begin(struct thr *t, enum kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rec_end(struct op_rec *r, enum kind k, int result);
void worker_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void refresh_self(struct thr *t);
void __attribute__((noreturn)) worker(int slot, uid_t uid);
void __attribute__((noreturn)) prober(uid_t uid);

/* ---- ops.c: the random operations ---- */

uint64_t xioctl(unsigned long cmd, uint64_t arg);
int msg_call(struct thr *t, uint64_t msg, uint32_t option, uint32_t ssize,
	     uint32_t rsize, mach_port_t rname, uint32_t timeout);
void fresh_ports_n(int n);
void fresh_ports(void);
void window_reset(struct thr *t);
void op_raw(struct thr *t);
void op_port(struct thr *t);
void op_alloc(struct thr *t);
void op_send(struct thr *t);
void op_recv(struct thr *t);
void op_task(struct thr *t);
void op_thread(struct thr *t);
void op_fd(struct thr *t);
void op_clean(struct thr *t);
void op_clean_all(void);
uint64_t bad_ptr(struct thr *t, void *good, int *cls);
void consume(struct thr *t, mach_msg_header_t *h, uint32_t cap);

/* ---- mig.c: kernel-object ports, sync objects, races ---- */

void flip_setup(void);
void op_mig(struct thr *t);
void op_state(struct thr *t);
void op_sync(struct thr *t);
void op_race(struct thr *t);
void op_flip(struct thr *t);
void op_fork(struct thr *t);
void probe_ioctl_numbers(struct thr *t, bool strict);

/* ---- probes.c: issue 13's attacks, with the codes they must get ---- */

void probe_wrap(struct thr *t, bool strict);
void probe_big(struct thr *t, bool strict);
void probe_fill(struct thr *t, bool strict);
void probe_rcv(struct thr *t, bool strict);
void probe_ports(struct thr *t, bool strict);

#endif /* MACH_FUZZ_H */
