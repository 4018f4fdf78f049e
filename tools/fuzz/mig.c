// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: what the random messages of ops.c rarely reach.
 *
 * - op_mig: every MIG routine id the module serves (module/mig_ids.h),
 *   their neighbours and random ids, sent with structured-random bodies
 *   (boundary counts, sizes not multiples of 4, descriptors that lie,
 *   OOL regions unmapped or PROT_NONE or being unmapped by a sibling
 *   thread, port rights of the wrong kind) to every kind of kernel-object
 *   port: task control/read/inspect/name ports, thread ports, the host
 *   port, a clock, semaphores, timers, memory entries, resume tokens.
 *   The memory routines and thread_set_state go to a victim: a child
 *   process of the worker that does nothing, killed and re-forked at
 *   random (calls on a dying task), never to a sibling worker.
 * - op_sync: semaphores (wait/signal/destroy races), mk_timer (arm,
 *   cancel, destroy races), port descriptors (poll vs close vs destroy).
 * - op_race: threads of one worker on the same few names at once
 *   (destroy, deallocate, mod_refs, insert_right, send, move_member).
 * - op_flip: maps, unmaps and protects the flip zone, which messages
 *   and receives of other threads use concurrently.
 * - op_fork: fork mid-call; the child uses the inherited descriptor.
 */
#include "fuzz.h"
#include <sys/prctl.h>
#include <mach/mk_timer.h>

/* ---- shared state of this worker ---- */

static pid_t victim_pid;
static mach_port_t victim_task, victim_read, victim_insp, victim_name;
static mach_port_t victim_thr[4];
static mach_port_t host_port, clock_port;
static mach_port_t sems[8], timers[8], ments[8], tokens[8];
static int pfds[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
static pthread_mutex_t victim_mu = PTHREAD_MUTEX_INITIALIZER;

static uint32_t bval(struct thr *t)
{
	static const uint32_t v[] = { 0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 32, 64, 255,
		256, 4095, 4096, 4097, 65535, 65536, 0x7ffffffe, 0x7fffffff,
		0x80000000, 0x80000001, 0xfffffffc, 0xfffffffe, 0xffffffff };

	if (chance(t, 70))
		return v[below(t, sizeof(v) / 4)];
	return chance(t, 50) ? below(t, 64) : (uint32_t)rnd(t);
}

static void arr_put(mach_port_t *a, int n, mach_port_t v, struct thr *t)
{
	__atomic_store_n(&a[below(t, n)], v, __ATOMIC_RELAXED);
}

static mach_port_t arr_get(mach_port_t *a, int n, struct thr *t)
{
	return __atomic_load_n(&a[below(t, n)], __ATOMIC_RELAXED);
}

/* ---- the victim: a child doing nothing, ours to wreck ---- */

static void victim_body(void)
{
	volatile uint64_t x = 0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_DUMPABLE, 1);
	prctl(PR_SET_NAME, "fuzz-victim");
	if (getppid() == 1)
		_exit(0);
	for (;;) {
		for (int i = 0; i < 100000; i++)
			x += i;
		usleep(2000);
	}
}

static void victim_spawn(struct thr *t)
{
	mach_port_t task = 0, p = 0;
	thread_act_array_t th = NULL;
	mach_msg_type_number_t n = 0;
	struct mach_port_args a;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		victim_body();
	if (pid < 0)
		return;
	if (task_for_pid(self_task, pid, &task)) {
		kill(pid, SIGKILL);
		return;
	}
	victim_pid = pid;
	victim_task = task;
	tpool_add(task);
	task_name_for_pid(self_task, pid, &p);
	victim_name = p;
	for (int i = 0; i < 2; i++) {
		memset(&a, 0, sizeof(a));
		a.task = self_task;
		a.value = pid;
		if (!xioctl(i ? MACH_IOC_TASK_INSPECT_FOR_PID : MACH_IOC_TASK_READ_FOR_PID,
			    (uint64_t)&a) && !a.kr)
			*(i ? &victim_insp : &victim_read) = a.name;
	}
	if (!task_threads(task, &th, &n)) {
		for (mach_msg_type_number_t i = 0; i < n; i++)
			if (i < 4)
				victim_thr[i] = th[i];
		vm_deallocate(self_task, (vm_address_t)th, n * sizeof(*th));
	}
	(void)t;
}

/* Kill the victim at random (a dying task under others' calls), or make one. */
static void victim_check(struct thr *t)
{
	pthread_mutex_lock(&victim_mu);
	if (victim_pid && (kill(victim_pid, 0) || chance(t, 3))) {
		kill(victim_pid, SIGKILL);
		victim_pid = 0;	/* the names stay, dead names from now on */
	}
	if (!victim_pid)
		victim_spawn(t);
	pthread_mutex_unlock(&victim_mu);
}

/* ---- the kernel-object ports a worker holds ---- */

static void objects_refresh(struct thr *t)
{
	struct mach_port_args a = { 0 };
	mach_port_t p = 0;

	if (!xioctl(MACH_IOC_HOST_SELF, (uint64_t)&a) && !a.kr)
		host_port = a.name;
	if (host_port && !host_get_clock_service(host_port, below(t, 3), &p))
		clock_port = p;
	if (!semaphore_create(self_task, &p, below(t, 4), below(t, 3)))
		arr_put(sems, 8, p, t);
	if (victim_task && chance(t, 30) && !task_suspend2(victim_task, &p))
		arr_put(tokens, 8, p, t);	/* a hold on the victim, maybe for ever */
	p = mk_timer_create();
	if (p)
		arr_put(timers, 8, p, t);
	if (p && chance(t, 30))
		rpool_add(p);
	{
		memory_object_size_t sz = 4096 << below(t, 3);
		mach_port_t e = 0;

		/* a new object, or a copy of our buffer: private pages are not shared */
		if (!mach_make_memory_entry_64(self_task, &sz, (uint64_t)t->rbuf,
					       VM_PROT_READ | (chance(t, 50) ? VM_PROT_WRITE : 0) |
					       (chance(t, 50) ? MAP_MEM_NAMED_CREATE : MAP_MEM_VM_COPY),
					       &e, 0))
			arr_put(ments, 8, e, t);
	}
}

/* A target port and whether it is one of ours that must not be wrecked. */
enum { T_SELF, T_SELFRO, T_OWNTHR, T_VICTIM, T_VTHR, T_HOST, T_CLOCK, T_SEM,
       T_TIMER, T_MENT, T_TOKEN, T_ANY, T_NTARGETS };
static const char *const tname[T_NTARGETS] = {
	"self", "self-ro", "own-thread", "victim", "victim-thread", "host", "clock",
	"semaphore", "timer", "mem-entry", "token", "any",
};

static mach_port_t target(struct thr *t, int *kind)
{
	mach_port_t vp[] = { victim_task, victim_read, victim_insp, victim_name };

	*kind = below(t, T_NTARGETS);
	switch (*kind) {
	case T_SELF: return self_task;
	case T_SELFRO: {
		struct mach_port_args a = { .task = self_task, .value = getpid() };

		if (xioctl(chance(t, 50) ? MACH_IOC_TASK_READ_FOR_PID :
			   MACH_IOC_TASK_INSPECT_FOR_PID, (uint64_t)&a) || a.kr)
			return 0;
		return a.name;
	}
	case T_OWNTHR: return t->thread_self;
	case T_VICTIM: return vp[below(t, 4)];
	case T_VTHR: return victim_thr[below(t, 4)];
	case T_HOST: return host_port;
	case T_CLOCK: return clock_port;
	case T_SEM: return arr_get(sems, 8, t);
	case T_TIMER: return arr_get(timers, 8, t);
	case T_MENT: return arr_get(ments, 8, t);
	case T_TOKEN: return arr_get(tokens, 8, t);
	default: return pick(t);
	}
}

/* The ids served (mig_ids.h), their neighbours, and anything. */
static int32_t pick_id(struct thr *t)
{
	static const int32_t served[] = {
		200, 202, 204, 206, 216, 219, 414, 1000, 1001, 1002, 2401, 2402, 2403,
		2405, 2406, 2407, 3401, 3402, 3405, 3407, 3408, 3409, 3410, 3413,
		3414, 3415, 3418, 3419, 3436, 3437, 3452, 3453, 3455, 3600, 3603,
		3604, 3605, 3606, 3610, 3612, 3617, 3618, 3613, 3614, 3615, 3812,
		3816, 3825, 3826, 4800, 4801, 4802, 4803, 4804, 4805, 4806, 4807,
		4808, 4809, 4810, 4811, 4813, 4815, 4816, 4817, 4820,
	};
	static const struct { int32_t lo, n; } ranges[] = {
		{ 195, 30 }, { 400, 30 }, { 995, 15 }, { 2395, 20 }, { 3395, 65 },
		{ 3595, 40 }, { 3795, 40 }, { 4795, 30 }, { 4895, 20 },
	};
	uint32_t w = below(t, 100);

	if (w < 65)
		return served[below(t, sizeof(served) / 4)];
	if (w < 90) {
		int i = below(t, sizeof(ranges) / sizeof(ranges[0]));

		return ranges[i].lo + below(t, ranges[i].n);
	}
	switch (below(t, 5)) {
	case 0: return 0;
	case 1: return -1;
	case 2: return INT32_MAX;
	case 3: return INT32_MIN;
	default: return (int32_t)rnd(t);
	}
}

/* Ids that would wreck a target we need: our own task, our own threads. */
static bool harmful(int kind, int32_t id)
{
	bool vm = (id >= 3795 && id < 3835) || (id >= 4795 && id < 4900);

	/* root's host exception ports are every process's, for good */
	if (is_root && id >= 414 && id <= 416)
		return true;

	switch (kind) {
	case T_SELF: case T_SELFRO: case T_ANY:
		/* suspend ourselves, unmap our memory, exception ports */
		return vm || id == 3401 || id == 3407 || id == 3436 || id == 3413 ||
		       id == 3415 || (id >= 3600 && id < 3640) ||
		       (kind == T_ANY && id == 3410);
	case T_OWNTHR:
		return id == 3600 || id == 3604 || id == 3605 || id == 3613 || id == 3615;
	default:
		return false;
	}
}

/* The flip zone: mapped, unmapped and protected by op_flip under the calls. */
#define FLIP_BASE	0x180000000000UL
#define FLIPSZ		(1UL << 20)

static uint64_t ool_addr(struct thr *t, uint32_t len, int *cls)
{
	switch (below(t, 8)) {
	case 0: case 1:
		*cls = P_GOOD;
		return FLIP_BASE + (below(t, FLIPSZ / 4096) << 12);
	case 2:
		*cls = P_GOOD;
		return FLIP_BASE + FLIPSZ - (len & 0xfff) - below(t, 3);
	case 3: case 4:
		*cls = P_GOOD;
		return (uint64_t)(len > BUFSZ / 2 ? bigro : t->rbuf);
	default:
		return bad_ptr(t, t->rbuf, cls);
	}
}

/* A MIG request to @dest with a random body; its length in t->buf. */
static uint32_t build_mig(struct thr *t, mach_port_t dest, mach_port_t reply, int32_t id,
			  uint32_t *nd_out)
{
	mach_msg_header_t *h = (void *)t->buf;
	uint8_t *p = t->buf + sizeof(*h);
	uint32_t nd = 0, nw, *w;
	int cls;

	memset(h, 0, sizeof(*h) + 8);
	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
				      reply ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0);
	if (chance(t, 5))
		h->msgh_bits = MACH_MSGH_BITS(16 + below(t, 6), 16 + below(t, 6));
	if (id == 3437 && chance(t, 70))	/* task_resume2 wants a send-once */
		h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0) |
			       (h->msgh_bits & 0xff00);
	h->msgh_remote_port = dest;
	h->msgh_local_port = reply;
	h->msgh_id = id;
	if (chance(t, 40)) {
		h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		nd = chance(t, 90) ? below(t, 4) : bval(t);
		*(uint32_t *)p = nd;
		p += 4;
		for (uint32_t i = 0; i < nd && i < 4; i++) {
			uint32_t type = chance(t, 95) ? below(t, 3) : below(t, 256);

			if (type == MACH_MSG_PORT_DESCRIPTOR) {
				struct d_port *d = (void *)p;
				int k;

				memset(d, 0, sizeof(*d));
				d->name = chance(t, 50) ? target(t, &k) : pick(t);
				d->disp = chance(t, 90) ? 16 + below(t, 6) : below(t, 256);
				if (d->disp == MACH_MSG_TYPE_MOVE_RECEIVE && d->name == self_task)
					d->disp = MACH_MSG_TYPE_COPY_SEND;
				p += sizeof(*d);
				continue;
			}
			struct d_ool *d = (void *)p;
			uint32_t size = chance(t, 60) ? below(t, 9000) : bval(t);

			memset(d, 0, sizeof(*d));
			d->type = type;
			d->copy = chance(t, 90) ? below(t, 3) : below(t, 256);
			d->disp = type == 2 ? 16 + below(t, 6) : 0;
			d->size = size;
			d->addr = ool_addr(t, type == 2 ? size * 4 : size, &cls);
			if (type == 2 && d->addr == (uint64_t)t->rbuf)
				for (uint32_t j = 0; j < 64; j++)
					((uint32_t *)t->rbuf)[j] = chance(t, 50) ? pick(t) :
						target(t, &cls);
			if (type == 2 && d->addr == (uint64_t)t->rbuf)
				for (uint32_t j = 0; j < 64; j++)
					if (((uint32_t *)t->rbuf)[j] == self_task)
						((uint32_t *)t->rbuf)[j] = 0;
			d->dealloc = d->addr >= FLIP_BASE && d->addr < FLIP_BASE + FLIPSZ &&
				     chance(t, 20);
			p += sizeof(*d);
		}
	}
	/* NDR record, then the arguments */
	*(uint64_t *)p = chance(t, 90) ? 0x0000000001000000ULL : rnd(t);
	p += 8;
	w = (uint32_t *)p;
	nw = chance(t, 80) ? below(t, 24) : below(t, 1100);
	switch (below(t, 4)) {
	case 0:	/* flavor, count, state: *_get/set_state, info calls */
		w[0] = chance(t, 80) ? below(t, 40) : bval(t);
		w[1] = bval(t);
		for (uint32_t i = 2; i < nw; i++)
			w[i] = (uint32_t)rnd(t);
		break;
	case 1:	/* exception ports: mask, behavior, flavor */
		w[0] = chance(t, 50) ? (uint32_t)rnd(t) : 1u << below(t, 32);
		w[1] = chance(t, 70) ? (below(t, 4) | (chance(t, 50) ? 0x80000000 : 0)) : bval(t);
		w[2] = chance(t, 70) ? below(t, 40) : bval(t);
		for (uint32_t i = 3; i < nw; i++)
			w[i] = bval(t);
		break;
	case 2:	/* addresses and sizes (mach_vm: 64-bit pairs) */
		for (uint32_t i = 0; i + 1 < nw; i += 2) {
			uint64_t v = chance(t, 30) ? (uint64_t)t->rbuf :
				chance(t, 30) ? (uint64_t)bval(t) << (below(t, 2) * 32) : rnd(t);

			memcpy(&w[i], &v, 8);
		}
		break;
	default:
		for (uint32_t i = 0; i < nw; i++)
			w[i] = bval(t);
		break;
	}
	p += nw * 4;
	if (chance(t, 10))	/* not a multiple of 4 */
		p += 1 + below(t, 3);
	h->msgh_size = p - t->buf;
	*nd_out = nd;
	return h->msgh_size;
}

static __thread mach_port_t reply_port;

void op_mig(struct thr *t)
{
	mach_msg_header_t *h = (void *)t->buf;
	uint32_t size, ssize, nd, opt;
	struct op_rec *r;
	int kind, mr;
	mach_port_t dest;
	int32_t id;

	if (chance(t, 2) || !victim_pid)
		victim_check(t);
	if (chance(t, 3) || !host_port)
		objects_refresh(t);
	if (!reply_port || chance(t, 2)) {
		if (reply_port)
			mach_port_destroy(self_task, reply_port);
		reply_port = 0;
		mach_port_allocate(self_task, MACH_PORT_RIGHT_RECEIVE, &reply_port);
	}
	dest = target(t, &kind);
	do
		id = pick_id(t);
	while (harmful(kind, id));
	size = build_mig(t, dest, chance(t, 95) ? reply_port : pick(t), id, &nd);
	ssize = chance(t, 90) ? size : chance(t, 50) ? size & ~3u : bval(t) & (BUFSZ - 1);
	if (ssize > BUFSZ)
		ssize = BUFSZ;
	opt = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	if (chance(t, 90))
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT | (chance(t, 20) ? MACH_RCV_LARGE : 0);
	r = rec_begin(t, K_MIG, "id=%d to %s %#x size=%u/%u nd=%u bits=%#x", id, tname[kind],
		      dest, size, ssize, nd, h->msgh_bits);
	mr = msg_call(t, (uint64_t)t->buf, opt, ssize, BUFSZ, reply_port, below(t, 3));
	rec_end(r, K_MIG, mr);
	if (mr == 0 && (opt & MACH_RCV_MSG))
		consume(t, h, BUFSZ);
	if (mr == MACH_RCV_INVALID_NAME || mr == MACH_SEND_INVALID_REPLY)
		reply_port = 0;
	if (kind == T_SELFRO && dest && chance(t, 70))
		mach_port_deallocate(self_task, dest);
}

/* thread state: every flavor, counts at the edges, on a victim's threads */
void op_state(struct thr *t)
{
	natural_t st[1200];
	mach_port_t th = chance(t, 70) ? victim_thr[below(t, 4)] : t->thread_self;
	uint32_t flavor = chance(t, 85) ? below(t, 40) : bval(t);
	mach_msg_type_number_t cnt = chance(t, 60) ? below(t, 1100) : bval(t) & 1023;
	bool set = th != t->thread_self && chance(t, 50);
	struct op_rec *r;
	kern_return_t kr;

	if (!victim_pid || chance(t, 5))
		victim_check(t);
	for (uint32_t i = 0; i < sizeof(st) / 4; i++)
		st[i] = chance(t, 50) ? 0 : (uint32_t)rnd(t);
	r = rec_begin(t, K_STATE, "thread_%s_state %#x flavor %u count %u",
		      set ? "set" : "get", th, flavor, cnt);
	if (set)
		kr = thread_set_state(th, flavor, (thread_state_t)st, cnt);
	else
		kr = thread_get_state(th, flavor, (thread_state_t)st, &cnt);
	rec_end(r, K_STATE, kr);
	if (th != t->thread_self && chance(t, 10)) {
		/* exception ports with bad behaviors and flavors, on the victim */
		exception_mask_t m = chance(t, 50) ? (uint32_t)rnd(t) : 1u << below(t, 16);
		uint32_t bu = chance(t, 60) ? below(t, 5) | (chance(t, 50) ? 0x80000000u : 0) :
			      bval(t);
		exception_behavior_t b = (exception_behavior_t)bu;
		mach_port_t port = pick(t);

		r = rec_begin(t, K_STATE, "exc ports on %#x mask %#x behavior %#x flavor %u",
			      th, m, b, flavor);
		if (chance(t, 50))
			kr = thread_set_exception_ports(th, m, port, b, flavor);
		else
			kr = task_set_exception_ports(victim_task, m, port, b, flavor);
		rec_end(r, K_STATE, kr);
	}
}

/* ---- semaphores, timers, port descriptors ---- */

void op_sync(struct thr *t)
{
	struct op_rec *r;
	int64_t rc;
	uint32_t what = below(t, 12);

	if (!sems[0] || chance(t, 3))
		objects_refresh(t);
	switch (what) {
	case 0: case 1: case 2: {	/* wait, maybe signal too; short or no deadline */
		struct mach_sema_args a = { 0 };
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		a.wait_name = chance(t, 90) ? arr_get(sems, 8, t) : pick(t);
		a.signal_name = chance(t, 30) ? arr_get(sems, 8, t) : 0;
		a.flags = chance(t, 90) ? MACH_SEMA_DEADLINE | (chance(t, 20) ? MACH_SEMA_NOBLOCK : 0)
					: (chance(t, 90) ? 0 : (uint32_t)rnd(t));
		a.deadline = chance(t, 90) ? ts.tv_sec * 1000000000ULL + ts.tv_nsec +
			     below(t, 30000000) : chance(t, 50) ? 0 : UINT64_MAX;
		if (!(a.flags & (MACH_SEMA_DEADLINE | MACH_SEMA_NOBLOCK)) && chance(t, 70))
			a.flags |= MACH_SEMA_NOBLOCK;
		if (!(a.flags & MACH_SEMA_DEADLINE) && chance(t, 90))
			a.deadline = 0;
		if (permille(t, 20))
			a.reserved = 1;
		r = rec_begin(t, K_SYNC, "sema_wait %#x signal %#x flags %#x", a.wait_name,
			      a.signal_name, a.flags);
		rc = xioctl(MACH_IOC_SEMA_WAIT, (uint64_t)&a);
		rec_end(r, K_SYNC, rc ? (int)rc : a.kr);
		break;
	}
	case 3: case 4: {
		struct mach_sema_args a = { 0 };

		a.signal_name = chance(t, 90) ? arr_get(sems, 8, t) : pick(t);
		a.flags = chance(t, 80) ? below(t, 4) : (uint32_t)rnd(t);
		a.thread = chance(t, 50) ? t->thread_self : pick(t);
		if (a.flags == MACH_SEMA_ALL || (a.flags != MACH_SEMA_THREAD && chance(t, 90)))
			a.thread = 0;
		r = rec_begin(t, K_SYNC, "sema_signal %#x flags %#x thread %#x", a.signal_name,
			      a.flags, a.thread);
		rc = xioctl(MACH_IOC_SEMA_SIGNAL, (uint64_t)&a);
		rec_end(r, K_SYNC, rc ? (int)rc : a.kr);
		break;
	}
	case 5: {	/* destroy, while others may wait on it */
		mach_port_t s = arr_get(sems, 8, t);

		r = rec_begin(t, K_SYNC, "semaphore_destroy %#x", s);
		rec_end(r, K_SYNC, chance(t, 80) ? semaphore_destroy(self_task, s) :
			mach_port_deallocate(self_task, s));
		break;
	}
	case 6: case 7: case 8: {	/* timers: arm, cancel, destroy, create */
		static const unsigned long cmds[] = { MACH_IOC_TIMER_ARM, MACH_IOC_TIMER_ARM,
			MACH_IOC_TIMER_CANCEL, MACH_IOC_TIMER_DESTROY, MACH_IOC_TIMER_CREATE };
		struct mach_timer_args a = { 0 };
		int c = below(t, 5);
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		a.name = chance(t, 90) ? arr_get(timers, 8, t) : pick(t);
		a.flags = chance(t, 90) ? below(t, 2) : (uint32_t)rnd(t);
		a.deadline = chance(t, 70) ? ts.tv_sec * 1000000000ULL + ts.tv_nsec +
			     below(t, 5000000) : chance(t, 50) ? 0 : chance(t, 50) ? UINT64_MAX : rnd(t);
		a.leeway = chance(t, 70) ? below(t, 1000000) : rnd(t);
		if (cmds[c] == MACH_IOC_TIMER_CREATE && chance(t, 95))
			a.name = 0;
		/* what the command does not read is 0, but now and then */
		if (cmds[c] != MACH_IOC_TIMER_ARM && chance(t, 90))
			a.flags = 0, a.deadline = 0, a.leeway = 0;
		if (permille(t, 20))
			a.reserved = 1;
		r = rec_begin(t, K_SYNC, "timer cmd %#x name %#x deadline %#" PRIx64, (unsigned)_IOC_NR(cmds[c]),
			      a.name, (uint64_t)a.deadline);
		rc = xioctl(cmds[c], (uint64_t)&a);
		rec_end(r, K_SYNC, rc ? (int)rc : a.kr);
		if (!rc && !a.kr && cmds[c] == MACH_IOC_TIMER_CREATE) {
			arr_put(timers, 8, a.name, t);
			if (chance(t, 50))
				rpool_add(a.name);
		}
		break;
	}
	case 9: case 10: {	/* a port descriptor: make, poll, read */
		struct mach_port_fd_args a = { 0 };
		int i = below(t, 8);

		a.name = chance(t, 50) ? pick_recv(t) : chance(t, 50) ? arr_get(timers, 8, t) : pick(t);
		if (permille(t, 20))
			a.reserved = 1;
		r = rec_begin(t, K_SYNC, "port_fd %#x", a.name);
		rc = xioctl(MACH_IOC_PORT_FD, (uint64_t)&a);
		rec_end(r, K_SYNC, rc ? (int)rc : a.kr);
		if (!rc && !a.kr && a.fd >= 0) {
			int old = __atomic_exchange_n(&pfds[i], a.fd, __ATOMIC_ACQ_REL);

			if (old >= 0)
				close(old);
		}
		{
			int fd = __atomic_load_n(&pfds[below(t, 8)], __ATOMIC_RELAXED);
			struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
			char b[8];

			if (fd >= 0) {
				poll(&pfd, 1, below(t, 20));
				if (read(fd, b, sizeof(b)) < 0 && write(fd, b, 1) < 0)
					ioctl(fd, MACH_IOC_VERSION, b);
			}
		}
		break;
	}
	default: {	/* close a descriptor another thread may be polling */
		int old = __atomic_exchange_n(&pfds[below(t, 8)], -1, __ATOMIC_ACQ_REL);

		r = rec_begin(t, K_SYNC, "close port fd %d", old);
		rec_end(r, K_SYNC, old >= 0 ? close(old) : 0);
		break;
	}
	}
}

/* ---- threads racing on the same few names ---- */

void op_race(struct thr *t)
{
	mach_port_t n = __atomic_load_n(&rpool[below(t, 4)], __ATOMIC_RELAXED);
	uint32_t what = below(t, 10);
	struct op_rec *r = rec_begin(t, K_RACE, "op %u on %#x", what, n);
	kern_return_t kr = 0;

	switch (what) {
	case 0: kr = mach_port_destroy(self_task, n); break;
	case 1: kr = mach_port_deallocate(self_task, n); break;
	case 2: kr = mach_port_mod_refs(self_task, n, below(t, 5),
					chance(t, 80) ? (int)below(t, 3) - 1 : (int)bval(t)); break;
	case 3: kr = mach_port_insert_right(self_task, n, n, 16 + below(t, 6)); break;
	case 4: {
		mach_msg_header_t h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
					.msgh_size = sizeof(h), .msgh_remote_port = n,
					.msgh_id = below(t, 100) };

		kr = msg_call(t, (uint64_t)&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0, 0, 0);
		break;
	}
	case 5: kr = mach_port_move_member(self_task, n, chance(t, 50) ?
					   __atomic_load_n(&rpool[below(t, 4)], __ATOMIC_RELAXED) : 0);
		break;
	case 6: {
		mach_port_t prev = 0;

		kr = mach_port_request_notification(self_task, n, MACH_NOTIFY_DEAD_NAME + below(t, 3) - 1,
						    0, n, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
		if (!kr && prev)
			mach_port_deallocate(self_task, prev);
		break;
	}
	case 7: {
		struct mach_port_fd_args a = { .name = n };

		kr = xioctl(MACH_IOC_PORT_FD, (uint64_t)&a);
		if (!kr && !a.kr && a.fd >= 0) {
			int old = __atomic_exchange_n(&pfds[below(t, 8)], a.fd, __ATOMIC_ACQ_REL);

			if (old >= 0)
				close(old);
		}
		kr = kr ? kr : a.kr;
		break;
	}
	case 8: kr = mach_port_set_mscount(self_task, n, bval(t)); break;
	default:
		fresh_ports_n(4);
		break;
	}
	rec_end(r, K_RACE, kr);
}

/* ---- memory under the calls ---- */

void flip_setup(void)
{
	mmap((void *)FLIP_BASE, FLIPSZ, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}

void op_flip(struct thr *t)
{
	uint64_t off = below(t, FLIPSZ / 4096) << 12;
	uint64_t len = (1 + below(t, 64)) << 12;
	uint32_t what = below(t, 4);
	struct op_rec *r;
	int rc;

	if (off + len > FLIPSZ)
		len = FLIPSZ - off;
	r = rec_begin(t, K_FLIP, "flip %u at +%#" PRIx64 " len %#" PRIx64, what, off, len);
	switch (what) {
	case 0:
		rc = munmap((void *)(FLIP_BASE + off), len);
		break;
	case 1:
		rc = mprotect((void *)(FLIP_BASE + off), len, chance(t, 50) ? PROT_NONE : PROT_READ);
		break;
	default:
		rc = mmap((void *)(FLIP_BASE + off), len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED;
		break;
	}
	rec_end(r, K_FLIP, rc);
	/* a receive into the zone while it changes */
	if (chance(t, 30)) {
		uint64_t at = FLIP_BASE + (below(t, FLIPSZ / 4096) << 12);

		r = rec_begin(t, K_FLIP, "receive into the flip zone at %#" PRIx64, at);
		rec_end(r, K_FLIP, msg_call(t, at, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
					   (chance(t, 30) ? MACH_RCV_LARGE : 0), 0,
					   chance(t, 50) ? 4096 : FLIPSZ, pick_recv(t), 0));
	}
	/* a send of OOL memory out of it */
	if (chance(t, 50)) {
		struct { mach_msg_header_t h; uint32_t nd; struct d_ool d[2]; } m;

		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_remote_port = pick_recv(t);
		m.h.msgh_size = sizeof(m);
		m.nd = 2;
		for (int i = 0; i < 2; i++) {
			m.d[i].type = chance(t, 70) ? MACH_MSG_OOL_DESCRIPTOR :
				      MACH_MSG_OOL_PORTS_DESCRIPTOR;
			m.d[i].disp = m.d[i].type == 1 ? 0 : MACH_MSG_TYPE_COPY_SEND;
			m.d[i].copy = below(t, 2);
			m.d[i].addr = FLIP_BASE + (below(t, FLIPSZ / 4096) << 12);
			m.d[i].size = below(t, m.d[i].type == 1 ? FLIPSZ : 4096);
			m.d[i].dealloc = chance(t, 10);
		}
		r = rec_begin(t, K_FLIP, "send OOL from the flip zone");
		rec_end(r, K_FLIP, msg_call(t, (uint64_t)&m, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
					   sizeof(m), 0, 0, 0));
	}
}

/* ---- fork and exit mid-call ---- */

void op_fork(struct thr *t)
{
	struct op_rec *r = rec_begin(t, K_FORK, "fork");
	pid_t pid = fork();

	if (pid == 0) {
		struct mach_port_args a = { 0 };
		int fd;

		prctl(PR_SET_NAME, "fuzz-forked");
		/* the parent's descriptor, then our own */
		ioctl(devfd, MACH_IOC_TASK_SELF, &a);
		ioctl(devfd, MACH_IOC_PORT_ALLOCATE, &(struct mach_port_args){ .task = a.name,
			.right = MACH_PORT_RIGHT_RECEIVE });
		fd = open("/dev/mach", O_RDWR);
		if (fd >= 0) {
			memset(&a, 0, sizeof(a));
			ioctl(fd, MACH_IOC_TASK_SELF, &a);
			ioctl(fd, MACH_IOC_TIMER_CREATE, &(struct mach_timer_args){ 0 });
		}
		if (t->r & 1)
			usleep(t->r & 1023);
		_exit(0);
	}
	rec_end(r, K_FORK, pid < 0 ? -errno : 0);
}

/* ---- every ioctl number ---- */

static bool known_cmd(unsigned long cmd)
{
	static const unsigned long known[] = {
		MACH_IOC_VERSION, MACH_IOC_MSG, MACH_IOC_TASK_READ_FOR_PID,
		MACH_IOC_TASK_INSPECT_FOR_PID, MACH_IOC_PORT_PEEK,
		MACH_IOC_PORT_GUARD_WITH_FLAGS, MACH_IOC_PORT_SWAP_GUARD,
		MACH_IOC_SEMA_SIGNAL, MACH_IOC_SEMA_WAIT, MACH_IOC_TIMER_CREATE,
		MACH_IOC_TIMER_DESTROY, MACH_IOC_TIMER_ARM, MACH_IOC_TIMER_CANCEL,
		MACH_IOC_PORT_FD, MACH_IOC_HOST_SELF, MACH_IOC_PORT_SPACE_INFO,
		MACH_IOC_PORT_KOBJECT,
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (cmd == known[i])
			return true;
	return _IOC_NR(cmd) >= 0x10 && _IOC_NR(cmd) <= 0x2d &&
	       cmd == _IOWR(MACH_IOC_MAGIC, _IOC_NR(cmd), struct mach_port_args);
}

/*
 * Every number of our magic, every direction, sizes at the edges: a number
 * no one assigned (a known one with the wrong size or direction included)
 * is -ENOTTY, whatever the argument.  Strict: the whole sweep; otherwise
 * 64 numbers at random.
 */
void probe_ioctl_numbers(struct thr *t, bool strict)
{
	static const uint32_t sizes[] = { 0, 1, 4, 8, 24, 31, 32, 40, 48, 56, 64, 4095, 16383 };
	uint32_t n = strict ? 4 * 256 * 13 : 64;
	struct op_rec *r = rec_begin(t, K_T_IOCTL, "%u unassigned ioctl numbers: -ENOTTY", n);
	int bad = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = strict ? i : below(t, 4 * 256 * 13);
		unsigned long cmd = _IOC(k % 4, MACH_IOC_MAGIC, (k / 4) % 256, sizes[k / 1024]);
		int64_t rc;

		if (known_cmd(cmd))
			continue;
		memset(t->rbuf, 0, 128);
		rc = xioctl(cmd, chance(t, 80) ? (uint64_t)t->rbuf : 0);
		if (rc != -ENOTTY) {
			rec_end(r, K_T_IOCTL, (int)rc);
			worker_fail("ioctl %#lx (nr %#x size %u dir %u) gave %" PRId64 ", not -ENOTTY",
				    cmd, (unsigned)_IOC_NR(cmd), (unsigned)_IOC_SIZE(cmd),
				    (unsigned)_IOC_DIR(cmd), rc);
		}
		bad++;
	}
	rec_end(r, K_T_IOCTL, 0);
	(void)bad;
}
