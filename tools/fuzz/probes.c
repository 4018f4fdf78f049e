// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: the targeted probes, one per class of issue 13's findings.
 * Strict (the parent's uid-65534 prober, and the deterministic ones in the
 * workers): a wrong answer ends the worker with the reason.
 */
#include "fuzz.h"

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
void probe_wrap(struct thr *t, bool strict)
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
void probe_big(struct thr *t, bool strict)
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
void probe_fill(struct thr *t, bool strict)
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
void probe_rcv(struct thr *t, bool strict)
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
void probe_ports(struct thr *t, bool strict)
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
	/* alone (the prober); in a worker, other threads free ports meanwhile */
	if (strict && n > max)
		worker_fail("probe: %" PRIu64 " ports held, user_max_ports is %" PRIu64, n, max);
	op_clean_all();
}
