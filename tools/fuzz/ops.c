// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: the random operations.  Names come mostly from the pools of
 * names the worker holds; pointers, sizes and flags mostly sane, the rest
 * hostile; what the kernel answers goes to the ring.
 */
#include "fuzz.h"

/* ---- pointers and sizes a hostile caller passes ---- */

static const char *const pclass[P_NCLASS] = {
	"good", "null", "unmapped", "kernel", "noncanonical", "unaligned",
	"readonly", "prot-none", "edge",
};

uint64_t bad_ptr(struct thr *t, void *good, int *cls)
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
	IOC(TASK_NAME_FOR_PID, F_T | F_V), IOC(TASK_READ_FOR_PID, F_T | F_V),
	IOC(TASK_INSPECT_FOR_PID, F_T | F_V), IOC(HOST_SELF, 0),
	IOC(PORT_PEEK, F_T | F_N | F_R | F_V | F_A | F_B),
	IOC(PORT_GUARD_WITH_FLAGS, F_T | F_N | F_A | F_B),
	IOC(PORT_SWAP_GUARD, F_T | F_N | F_A | F_B), IOC(MSG, 0),
#undef IOC
};
#define NIOCS (sizeof(iocs) / sizeof(iocs[0]))

uint64_t xioctl(unsigned long cmd, uint64_t arg)
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
		a->arg = chance(t, 70) ? (uint64_t)t->rbuf : bad_ptr(t, t->rbuf, &cls);
		a->arg2 = chance(t, 70) ? (uint64_t)t->rbuf + BUFSZ / 2 :
			bad_ptr(t, t->rbuf + BUFSZ / 2, &cls);
		a->value = a->arg == (uint64_t)t->rbuf ? below(t, cap) : odd_size(t, 0);
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
	case MACH_IOC_TASK_READ_FOR_PID:
	case MACH_IOC_TASK_INSPECT_FOR_PID:
		a->value = pick_pid(t);
		break;
	case MACH_IOC_PORT_PEEK:	/* trailer type, seqno, buffer, its size */
		a->right = chance(t, 80) ? below(t, 2) : (uint32_t)rnd(t);
		a->value = chance(t, 50) ? 0 : chance(t, 50) ? below(t, 8) : (uint32_t)rnd(t);
		a->arg = chance(t, 80) ? (uint64_t)t->rbuf : bad_ptr(t, t->rbuf, &cls);
		a->arg2 = chance(t, 80) ? below(t, 80) : odd_size(t, 0);
		break;
	case MACH_IOC_PORT_GUARD_WITH_FLAGS:
	case MACH_IOC_PORT_SWAP_GUARD:
		a->arg2 = chance(t, 70) ? below(t, 4) : rnd(t);
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

void op_port(struct thr *t)
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
		      a.disposition, a.value, (uint64_t)a.arg, a.reserved != 0);
	rc = xioctl(cmd, (uint64_t)&a);
	rec_end(r, K_PORT, rc ? (int)rc : a.kr);
	if (rc || a.kr)
		return;
	if (cmd == MACH_IOC_TASK_FOR_PID || cmd == MACH_IOC_THREAD_SELF ||
	    cmd == MACH_IOC_TASK_SELF || cmd == MACH_IOC_TASK_NAME_FOR_PID ||
	    cmd == MACH_IOC_TASK_READ_FOR_PID || cmd == MACH_IOC_TASK_INSPECT_FOR_PID ||
	    cmd == MACH_IOC_HOST_SELF)
		tpool_add(a.name);
	else if (cmd == MACH_IOC_PORT_ALLOCATE || cmd == MACH_IOC_PORT_CONSTRUCT ||
		 cmd == MACH_IOC_PORT_ALLOCATE_NAME)
		rpool_add(a.name);
	else if (cmd == MACH_IOC_PORT_EXTRACT_RIGHT)
		pool_add(a.poly);
	/* a sibling's names: what extract_right and insert_right there want */
	else if (cmd == MACH_IOC_PORT_NAMES && a.task != self_task &&
		 a.arg == (uint64_t)t->rbuf)
		for (uint32_t j = 0; j < a.value && j < 16; j++)
			pool_add(((uint32_t *)t->rbuf)[below(t, a.value)]);
}

static const unsigned long syncs[] = {
	MACH_IOC_SEMA_SIGNAL, MACH_IOC_SEMA_WAIT, MACH_IOC_TIMER_CREATE,
	MACH_IOC_TIMER_DESTROY, MACH_IOC_TIMER_ARM, MACH_IOC_TIMER_CANCEL,
	MACH_IOC_PORT_FD,
};

/* Any number, any pointer: MACH_IOC_* and numbers no one assigned. */
void op_raw(struct thr *t)
{
	unsigned long cmd;
	uint64_t arg;
	struct op_rec *r;
	int cls = P_GOOD;
	int64_t rc;

	switch (below(t, 7)) {
	case 0: /* unassigned numbers in our magic, any size */
		cmd = _IOC(below(t, 4), MACH_IOC_MAGIC, below(t, 256),
			   chance(t, 90) ? below(t, 128) : below(t, 1 << 14));
		break;
	case 6: /* the sync commands, random blocks (a wait never blocks) */
		cmd = syncs[below(t, sizeof(syncs) / sizeof(syncs[0]))];
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
	} else if (_IOC_TYPE(cmd) == MACH_IOC_MAGIC && _IOC_NR(cmd) >= 0x30 &&
		   _IOC_NR(cmd) < 0x3c) {
		uint32_t *w = (void *)t->rbuf;

		for (int i = 0; i < 8; i++)
			w[i] = chance(t, 50) ? 0 : chance(t, 50) ? pick(t) : (uint32_t)rnd(t);
		if (chance(t, 80))
			w[7] = 0;	/* reserved */
		if (_IOC_NR(cmd) == _IOC_NR(MACH_IOC_SEMA_WAIT))
			((struct mach_sema_args *)w)->flags |= MACH_SEMA_NOBLOCK;
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

void op_alloc(struct thr *t)
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
void fresh_ports_n(int n)
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

void fresh_ports(void)
{
	fresh_ports_n(8);
}


/* Every name but the task's own, destroyed. */
void op_clean_all(void)
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
void op_clean(struct thr *t)
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

void window_reset(struct thr *t)
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
			if (n + 1 < (int)sumlen)	/* the types, while they fit */
				n += snprintf(sum + n, sumlen - n, "%u", type);
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
void consume(struct thr *t, mach_msg_header_t *h, uint32_t cap)
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

int msg_call(struct thr *t, uint64_t msg, uint32_t option, uint32_t ssize,
		    uint32_t rsize, mach_port_t rname, uint32_t timeout)
{
	struct mach_msg_args a = {
		.msg = msg, .option = option, .send_size = ssize,
		.rcv_size = rsize, .rcv_name = rname, .timeout = timeout,
	};
	int64_t rc = xioctl(MACH_IOC_MSG, (uint64_t)&a);

	return rc ? (int)rc : a.mr;
}

void op_send(struct thr *t)
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

void op_recv(struct thr *t)
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

void op_task(struct thr *t)
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

void op_thread(struct thr *t)
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
void op_fd(struct thr *t)
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
