// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: the workers.  Each is a process of its own uid with a few
 * threads; each thread picks operations with its own random state and
 * records each in the worker's ring (shared with the parent) before
 * issuing it.
 */
#include "fuzz.h"
#include <sys/prctl.h>

struct shared *sh;
int nthreads = 3;
const char *const kind_name[K_NKINDS] = {
	"raw-ioctl", "port-ioctl", "allocate", "msg-send", "msg-receive",
	"task", "thread", "fd", "cleanup", "probe-wrap", "probe-big6",
	"probe-fill", "probe-bigrcv", "probe-ports", "mig", "thread-state",
	"sync", "name-race", "flip", "fork", "probe-ioctls",
};

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- per-worker and per-thread state ---- */

int slot_i;			/* this worker's slot */
int devfd = -1;			/* our own /dev/mach descriptor */
bool is_root;
mach_port_t self_task;
mach_port_t pool[POOL];		/* any names */
mach_port_t rpool[32];		/* receive rights and sets */
mach_port_t tpool[16];		/* task and thread ports */
uint8_t *none_page, *hole, *bigro;

void pool_add(mach_port_t n)
{
	static unsigned i;

	if (n && n != MACH_PORT_DEAD)
		__atomic_store_n(&pool[mix(__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED)) % POOL],
				 n, __ATOMIC_RELAXED);
}

void rpool_add(mach_port_t n)
{
	static unsigned i;

	__atomic_store_n(&rpool[__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED) % 32], n, __ATOMIC_RELAXED);
	pool_add(n);
}

void tpool_add(mach_port_t n)
{
	static unsigned i;

	if (n && n != MACH_PORT_DEAD)
		__atomic_store_n(&tpool[__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED) % 16], n, __ATOMIC_RELAXED);
}

/* A name as a hostile program would pick it: mostly one it holds. */
mach_port_t pick(struct thr *t)
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

mach_port_t pick_recv(struct thr *t)
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
pid_t pick_pid(struct thr *t)
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

struct op_rec *rec_begin(struct thr *t, enum kind k, const char *fmt, ...)
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

void rec_end(struct op_rec *r, enum kind k, int result)
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
void worker_fail(const char *fmt, ...)
{
	struct slot *s = &sh->w[slot_i];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	_exit(3);
}

/* ---- workers ---- */

static __thread int cur_thread;

/*
 * The fuzzing may deallocate our task or thread port names; fetch them
 * again (the same name comes back with one more reference: drop it).
 */
void refresh_self(struct thr *t)
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

/* mig.c's operations, each in its band of 719..991, unless -o leaves it out */
static void new_op(struct thr *t, uint32_t w)
{
	static const struct { uint32_t end; void (*fn)(struct thr *t); } band[] = {
		{ 800, op_mig }, { 840, op_state }, { 900, op_sync }, { 945, op_race },
		{ 990, op_flip }, { 992, op_fork },
	};
	unsigned i = 0;

	while (w >= band[i].end)
		i++;
	if (!(sh->ops_mask & (1u << i)))
		op_port(t);
	else if (band[i].fn != op_fork || permille(t, 300))
		band[i].fn(t);
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
		if (w < 110) op_raw(t);
		else if (w < 280) op_port(t);
		else if (w < 330) op_alloc(t);
		else if (w < 510) op_send(t);
		else if (w < 630) op_recv(t);
		else if (w < 675) op_task(t);
		else if (w < 705) op_thread(t);
		else if (w < 716) op_fd(t);
		else if (w < 719) op_clean(t);
		else if (w < 992) new_op(t, w);
		else if (w < 995) probe_wrap(t, true);
		else if (w < 996) probe_big(t, true);
		else if (w < 997) probe_ioctl_numbers(t, true);
		else if (w < 998 && !is_root) probe_fill(t, false);
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
	flip_setup();
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

void __attribute__((noreturn)) worker(int slot, uid_t uid)
{
	struct thr th[MAXT];

	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

	slot_i = slot;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (uid)
		drop_to(uid);
	is_root = geteuid() == 0;
	/* victims and forks reap themselves; a victim is ours to task_for_pid */
	signal(SIGCHLD, SIG_IGN);
	prctl(PR_SET_DUMPABLE, 1);
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
void __attribute__((noreturn)) prober(uid_t uid)
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
	probe_ioctl_numbers(&t, true);
	_exit(0);
}
