// SPDX-License-Identifier: GPL-2.0
/*
 * mpmm-bench: Mach messaging between many processes, in the shape of
 * Apple's MPMMtest (XNU's tools/tests), against the same work on pipes and
 * UNIX datagram sockets in the same run.  See Documentation/performance.rst,
 * "mpmm-bench".
 *
 * A workload is N servers and M clients, all forked processes.  Each
 * server checks a service name in with bootstrapd (bootstrap_check_in) and
 * receives on the port it gets; client j looks server j % N up
 * (bootstrap_look_up) and sends it ITER messages:
 *
 *   rpc      mach_msg(SEND|RCV) with a MAKE_SEND_ONCE reply port; the
 *            server replies with MOVE_SEND_ONCE and receives the next
 *            request in the same call (MPMMtest's server loop).
 *   oneway   MACH_SEND_MSG in a loop, COPY_SEND; the server receives.  The
 *            port keeps its default queue limit (5), but in ow64q
 *            (1024: what the default costs).
 *
 * with an inline body (msgh_size, header included: 64 or 256 bytes) or one
 * out-of-line region (256 B, 8 KiB, or 16 MiB sent with deallocate from a
 * fresh vm_allocate'd region the client wrote).  Out-of-line work is always
 * an RPC, so a region is a round trip.
 *
 * The same work on pipes: each server reads fixed-size records from one
 * pipe its clients share (writes of at most PIPE_BUF bytes are atomic), and
 * replies on a pipe per client.  On UNIX sockets: each server receives on
 * an AF_UNIX SOCK_DGRAM socket bound to an abstract name and replies with
 * sendto() to the client's own bound socket (a stream socketpair for the
 * 16 MiB workload, which no datagram holds).  Out-of-line regions travel
 * as bytes after the record's header.
 *
 * Every process is pinned: all to CPU 0 by default (as mach-bench), with
 * --cpus spread server i and its clients to CPU i % ncpus.  The "scale"
 * workloads run one pair on one CPU and then two unrelated pairs on two
 * CPUs and report the second's throughput over the first's.
 *
 * Each workload runs -r rounds, Mach, pipe and socket back to back in an
 * order reversed every other round; the time of a round starts when every
 * process is ready and ends at the last process's end.  The ratios printed
 * are throughput ratios, Mach over pipe and Mach over socket (above 1: Mach
 * moves more), median over the rounds with the range.  Lines starting
 * "DATA " are for tools/bench-plot.
 *
 * Exit status: 0 when every transfer worked, 1 on any error (the message
 * names the call), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <servers/bootstrap.h>

#define MAX_PROCS	16
#define MAX_ROUNDS	31
#define MSG_REQ		4000
#define MSG_REPLY	4001
#define PAGE		4096u
#define MiB		(1024u * 1024u)

enum mech { MECH_MACH, MECH_PIPE, MECH_UNIX, NMECH };
static const char *const mech_name[NMECH] = { "mach", "pipe", "unix" };

struct workload {
	const char *key;	/* short name, for DATA lines and --only */
	const char *title;
	int rpc;		/* 1: RPC, 0: one-way */
	int nserv, ncli;
	unsigned int size;	/* inline: msgh_size; OOL: region bytes */
	int ool;		/* 1: one OOL region per request */
	int dealloc;		/* OOL: fresh region sent with deallocate */
	int scale;		/* pairs on distinct CPUs (ncli == nserv) */
	long iters;		/* per client, -n scaled */
	unsigned int qlimit;	/* 0: the port's default queue limit (5) */
};

/* iters is -n times this over 1000 */
static struct workload workloads[] = {
	{ "rpc64", "RPC 64 B, 1 server 1 client", 1, 1, 1, 64, 0, 0, 0, 1000, 0 },
	{ "rpc64x8", "RPC 64 B, 1 server 8 clients", 1, 1, 8, 64, 0, 0, 0, 125, 0 },
	{ "ow64", "one-way 64 B, 1 server 1 client", 0, 1, 1, 64, 0, 0, 0, 2000, 0 },
	{ "ow64x2", "one-way 64 B, 2 servers 2 clients", 0, 2, 2, 64, 0, 0, 0, 1000, 0 },
	{ "ow64x4", "one-way 64 B, 1 server 4 clients", 0, 1, 4, 64, 0, 0, 0, 500, 0 },
	{ "ow64x8", "one-way 64 B, 1 server 8 clients", 0, 1, 8, 64, 0, 0, 0, 250, 0 },
	{ "ow256", "one-way 256 B, 1 server 1 client", 0, 1, 1, 256, 0, 0, 0, 2000, 0 },
	/* not a target: ow64 with room for 1024, how far qlimit 5 costs */
	{ "ow64q", "one-way 64 B, qlimit 1024, 1 server 1 client", 0, 1, 1, 64, 0, 0, 0, 2000,
	  MACH_PORT_QLIMIT_LARGE },
	{ "ool256", "RPC, 256 B out-of-line", 1, 1, 1, 256, 1, 0, 0, 500, 0 },
	{ "ool8k", "RPC, 8 KiB (2 pages) out-of-line", 1, 1, 1, 8192, 1, 0, 0, 500, 0 },
	{ "ool16m", "RPC, 16 MiB out-of-line, deallocate", 1, 1, 1, 16 * MiB, 1, 1, 0, 1, 0 },
	{ "scale-rpc", "RPC 64 B: 2 pairs on 2 CPUs / 1 pair", 1, 2, 2, 64, 0, 0, 1, 1000, 0 },
	{ "scale-ow", "one-way 64 B: 2 pairs on 2 CPUs / 1 pair", 0, 2, 2, 64, 0, 0, 1, 2000, 0 },
};

static long opt_n = 1000;
static int opt_rounds = 7;
static int opt_spread;
static const char *opt_only;
static int ncpus = 1;

/* record header on pipes and sockets */
struct rec {
	uint32_t client;
	uint32_t seq;
};

/* --------------------------------------------------------------- helpers */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mpmm-bench[%d]: ", getpid());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	_exit(1);
}

static void check_kr(kern_return_t kr, const char *what)
{
	if (kr != KERN_SUCCESS)
		die("%s: %s (0x%x)", what, mach_error_string(kr), kr);
}

static void check_sys(long rc, const char *what)
{
	if (rc < 0)
		die("%s: %s", what, strerror(errno));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu % ncpus, &set);
	check_sys(sched_setaffinity(0, sizeof(set), &set), "sched_setaffinity");
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		check_sys(n, "write");
		p += n;
		len -= n;
	}
}

static void read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		check_sys(n, "read");
		if (n == 0)
			die("read: unexpected end of file");
		p += n;
		len -= n;
	}
}

/* The first 8 bytes of every page of a region carry (seq, page). */
static void stamp_region(unsigned char *p, size_t len, uint32_t seq)
{
	size_t off;

	for (off = 0; off < len; off += PAGE) {
		uint32_t w[2] = { seq, (uint32_t)(off / PAGE) };

		memcpy(p + off, w, len - off < 8 ? len - off : 8);
	}
	p[len - 1] = (unsigned char)seq;
}

static void check_region(const unsigned char *p, size_t len, uint32_t seq)
{
	size_t off;

	for (off = 0; off < len; off += PAGE) {
		uint32_t w[2] = { seq, (uint32_t)(off / PAGE) };

		if (memcmp(p + off, w, len - off < 8 ? len - off : 8))
			die("region of request %u garbled at page %zu", seq, off / PAGE);
	}
	if (p[len - 1] != (unsigned char)seq)
		die("region of request %u garbled at its end", seq);
}

static void *xmap(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		die("mmap %zu: %s", len, strerror(errno));
	return p;
}

/* ------------------------------------------------------------ a round */

/*
 * One round of one workload on one mechanism.  The parent forks the
 * servers, waits until each is ready (checked in, bound), forks the
 * clients, waits until each is ready (looked up, connected), then lets
 * them all go at once by closing the go pipe.  Each process writes its end
 * time to the result pipe.
 */
struct round {
	const struct workload *w;
	enum mech mech;
	int nserv, ncli;
	long iters;
	int ready[2], go[2], result[2];
	/* pipes: request pipe per server, reply pipe per client */
	int req[MAX_PROCS][2], rep[MAX_PROCS][2];
	/* 16 MiB over UNIX: one stream socketpair (1 x 1 only) */
	int sp[2];
	char svc[MAX_PROCS][64];
	pid_t pids[2 * MAX_PROCS];
	int npids;
};

static int server_of(const struct round *r, int client)
{
	return client % r->nserv;
}

static long served_by(const struct round *r, int server)
{
	long n = 0;
	int j;

	for (j = 0; j < r->ncli; j++)
		if (server_of(r, j) == server)
			n += r->iters;
	return n;
}

static int cpu_of_server(const struct round *r, int server)
{
	return (opt_spread || r->w->scale) ? server : 0;
}

static void signal_ready(struct round *r)
{
	char c = 'r';

	write_all(r->ready[1], &c, 1);
}

static void wait_go(struct round *r)
{
	char c;

	close(r->go[1]);
	if (read(r->go[0], &c, 1) != 0)
		die("go pipe: expected end of file");
}

/* The end time, and the context switches the process made (getrusage). */
static void report_end(struct round *r)
{
	struct rusage ru;
	double res[3] = { now(), 0, 0 };

	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		res[1] = ru.ru_nvcsw + ru.ru_nivcsw;
		res[2] = ru.ru_nivcsw;
	}
	write_all(r->result[1], res, sizeof(res));
}

/* ---- Mach */

union mach_buf {
	mach_msg_header_t h;
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_ool_descriptor_t ool;
		uint32_t seq;
	} c;
	unsigned char bytes[256 + sizeof(mach_msg_max_trailer_t) + 64];
};

static void mach_server(struct round *r, int s)
{
	const struct workload *w = r->w;
	long n = served_by(r, s);
	union mach_buf rep;
	mach_port_t port;
	kern_return_t kr;
	long i;

	/*
	 * The name of the previous round's server: its receive right goes
	 * back to bootstrapd when that server exits, which may not have been
	 * handled yet.
	 */
	for (i = 0;; i++) {
		kr = bootstrap_check_in(bootstrap_port, r->svc[s], &port);
		if (kr != BOOTSTRAP_SERVICE_ACTIVE || i == 5000)
			break;
		usleep(1000);
	}
	check_kr(kr, "server: bootstrap_check_in");
	if (w->qlimit) {
		mach_port_limits_t lim = { .mpl_qlimit = w->qlimit };

		kr = mach_port_set_attributes(mach_task_self(), port, MACH_PORT_LIMITS_INFO,
					      (mach_port_info_t)&lim, MACH_PORT_LIMITS_INFO_COUNT);
		check_kr(kr, "server: mach_port_set_attributes(qlimit)");
	}
	signal_ready(r);
	wait_go(r);
	for (i = 0; i < n; i++) {
		mach_msg_option_t opt = MACH_RCV_MSG;
		mach_msg_size_t ssize = 0;

		if (w->rpc && i > 0) {
			/* reply to the previous request and receive the next */
			opt |= MACH_SEND_MSG;
			ssize = w->size <= 256 && !w->ool ? w->size : 64;
		}
		kr = mach_msg(&rep.h, opt, ssize, sizeof(rep), port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, w->rpc ? "server: mach_msg(SEND|RCV)" : "server: mach_msg(RCV)");
		if (rep.h.msgh_id != MSG_REQ)
			die("server: message id %d", rep.h.msgh_id);
		if (w->ool) {
			if (!(rep.h.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
			    rep.c.body.msgh_descriptor_count != 1 ||
			    rep.c.ool.type != MACH_MSG_OOL_DESCRIPTOR ||
			    rep.c.ool.size != w->size)
				die("server: bad out-of-line message");
			check_region(rep.c.ool.address, w->size, rep.c.seq);
			kr = vm_deallocate(mach_task_self(),
					   (vm_address_t)rep.c.ool.address, w->size);
			check_kr(kr, "server: vm_deallocate");
		} else if (rep.h.msgh_size != w->size) {
			die("server: size %u, not %u", rep.h.msgh_size, w->size);
		}
		if (w->rpc) {
			/* the reply: same size inline, 64 B after OOL */
			mach_msg_size_t sz = w->ool ? 64 : w->size;

			rep.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
			rep.h.msgh_size = sz;
			/* msgh_remote_port: the send-once right received */
			rep.h.msgh_local_port = MACH_PORT_NULL;
			rep.h.msgh_id = MSG_REPLY;
		}
	}
	if (w->rpc && n > 0) {
		kr = mach_msg(&rep.h, MACH_SEND_MSG, rep.h.msgh_size, 0, MACH_PORT_NULL,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "server: mach_msg(SEND last reply)");
	}
	report_end(r);
}

static void mach_client(struct round *r, int c)
{
	const struct workload *w = r->w;
	union mach_buf m;
	mach_port_t port, reply = MACH_PORT_NULL;
	unsigned char *region = NULL;
	kern_return_t kr;
	long i;

	kr = bootstrap_look_up(bootstrap_port, r->svc[server_of(r, c)], &port);
	check_kr(kr, "client: bootstrap_look_up");
	if (w->rpc) {
		kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
		check_kr(kr, "client: mach_port_allocate");
	}
	if (w->ool && !w->dealloc) {
		region = xmap(w->size);
	}
	memset(&m, 0, sizeof(m));
	signal_ready(r);
	wait_go(r);
	for (i = 0; i < r->iters; i++) {
		mach_msg_size_t ssize = w->ool ? sizeof(m.c) : w->size;

		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					       w->rpc ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0);
		m.h.msgh_size = ssize;
		m.h.msgh_remote_port = port;
		m.h.msgh_local_port = reply;
		m.h.msgh_voucher_port = MACH_PORT_NULL;
		m.h.msgh_id = MSG_REQ;
		if (w->ool) {
			if (w->dealloc) {
				vm_address_t a = 0;

				kr = vm_allocate(mach_task_self(), &a, w->size,
						 VM_FLAGS_ANYWHERE);
				check_kr(kr, "client: vm_allocate");
				region = (unsigned char *)a;
			}
			stamp_region(region, w->size, (uint32_t)i);
			m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
			m.c.body.msgh_descriptor_count = 1;
			m.c.ool.address = region;
			m.c.ool.size = w->size;
			m.c.ool.deallocate = w->dealloc;
			m.c.ool.copy = MACH_MSG_VIRTUAL_COPY;
			m.c.ool.type = MACH_MSG_OOL_DESCRIPTOR;
			m.c.seq = (uint32_t)i;
		}
		if (w->rpc) {
			kr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, ssize, sizeof(m),
				      reply, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
			check_kr(kr, "client: mach_msg(SEND|RCV)");
			if (m.h.msgh_id != MSG_REPLY)
				die("client: reply id %d", m.h.msgh_id);
		} else {
			kr = mach_msg(&m.h, MACH_SEND_MSG, ssize, 0, MACH_PORT_NULL,
				      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
			check_kr(kr, "client: mach_msg(SEND)");
		}
	}
	report_end(r);
}

/* ---- pipes and UNIX sockets */

static size_t rec_bytes(const struct workload *w)
{
	/* inline: the same msgh_size bytes in all; OOL: header + region */
	return w->ool ? sizeof(struct rec) + w->size : w->size;
}

static size_t reply_bytes(const struct workload *w)
{
	return w->ool ? 64 : w->size;
}

static void unix_addr(struct sockaddr_un *a, socklen_t *len, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	/* abstract name: a leading NUL */
	snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1, "%s", name);
	*len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int unix_socket(const char *name, int rcvbuf)
{
	struct sockaddr_un a;
	socklen_t len;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	check_sys(fd, "socket");
	unix_addr(&a, &len, name);
	check_sys(bind(fd, (struct sockaddr *)&a, len), "bind");
	if (rcvbuf)
		check_sys(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &rcvbuf, sizeof(rcvbuf)),
			  "setsockopt");
	return fd;
}

static int big_unix(const struct workload *w)
{
	return rec_bytes(w) > 64 * 1024;
}

static void fd_server(struct round *r, int s)
{
	const struct workload *w = r->w;
	long n = served_by(r, s);
	size_t len = rec_bytes(w), rlen = reply_bytes(w);
	unsigned char *buf = xmap(len), *rbuf = xmap(rlen);
	char name[96];
	int fd = -1, j;
	long i;

	if (r->mech == MECH_PIPE) {
		for (j = 0; j < r->ncli; j++)
			if (server_of(r, j) == s)
				close(r->rep[j][0]);
		close(r->req[s][1]);
		fd = r->req[s][0];
	} else if (big_unix(w)) {
		fd = r->sp[0];
		close(r->sp[1]);
	} else {
		snprintf(name, sizeof(name), "%s.u%d", r->svc[s], s);
		fd = unix_socket(name, 0);
	}
	signal_ready(r);
	wait_go(r);
	for (i = 0; i < n; i++) {
		struct rec h;
		struct sockaddr_un from;
		socklen_t flen = sizeof(from);

		if (r->mech == MECH_UNIX && !big_unix(w)) {
			ssize_t got = recvfrom(fd, buf, len, 0, (struct sockaddr *)&from, &flen);

			check_sys(got, "server: recvfrom");
			if ((size_t)got != len)
				die("server: datagram of %zd bytes", got);
		} else {
			read_all(fd, buf, len);
		}
		memcpy(&h, buf, sizeof(h));
		if (h.client >= (uint32_t)r->ncli)
			die("server: garbled record");
		if (w->ool)
			check_region(buf + sizeof(h), w->size, h.seq);
		else if (buf[len - 1] != (unsigned char)h.seq)
			die("server: garbled record %u", h.seq);
		if (!w->rpc)
			continue;
		memcpy(rbuf, &h, sizeof(h));
		if (r->mech == MECH_PIPE)
			write_all(r->rep[h.client][1], rbuf, rlen);
		else if (big_unix(w))
			write_all(fd, rbuf, rlen);
		else
			check_sys(sendto(fd, rbuf, rlen, 0, (struct sockaddr *)&from, flen),
				  "server: sendto");
	}
	report_end(r);
}

static void fd_client(struct round *r, int c)
{
	const struct workload *w = r->w;
	int s = server_of(r, c);
	size_t len = rec_bytes(w), rlen = reply_bytes(w);
	unsigned char *buf = xmap(len), *rbuf = xmap(rlen);
	int wfd, rfd;
	long i;

	if (r->mech == MECH_PIPE) {
		wfd = r->req[s][1];
		rfd = r->rep[c][0];
		close(r->rep[c][1]);
	} else if (big_unix(w)) {
		wfd = rfd = r->sp[1];
		close(r->sp[0]);
	} else {
		struct sockaddr_un a;
		socklen_t alen;
		char name[96];

		snprintf(name, sizeof(name), "%s.c%d", r->svc[s], c);
		wfd = rfd = unix_socket(name, 0);
		snprintf(name, sizeof(name), "%s.u%d", r->svc[s], s);
		unix_addr(&a, &alen, name);
		check_sys(connect(wfd, (struct sockaddr *)&a, alen), "client: connect");
	}
	signal_ready(r);
	wait_go(r);
	for (i = 0; i < r->iters; i++) {
		struct rec h = { (uint32_t)c, (uint32_t)i };

		memcpy(buf, &h, sizeof(h));
		if (w->ool)
			stamp_region(buf + sizeof(h), w->size, (uint32_t)i);
		else
			buf[len - 1] = (unsigned char)i;
		if (r->mech == MECH_UNIX && !big_unix(w))
			check_sys(send(wfd, buf, len, 0), "client: send");
		else
			write_all(wfd, buf, len);
		if (!w->rpc)
			continue;
		if (r->mech == MECH_UNIX && !big_unix(w)) {
			ssize_t got = recv(rfd, rbuf, rlen, 0);

			check_sys(got, "client: recv");
		} else {
			read_all(rfd, rbuf, rlen);
		}
		memcpy(&h, rbuf, sizeof(h));
		if (h.seq != (uint32_t)i)
			die("client: reply %u to request %ld", h.seq, i);
	}
	report_end(r);
}

/* ---- the round */

static pid_t spawn(struct round *r, void (*fn)(struct round *, int), int idx, int cpu)
{
	pid_t pid = fork();

	check_sys(pid, "fork");
	if (pid == 0) {
		close(r->ready[0]);
		close(r->result[0]);
		pin(cpu);
		fn(r, idx);
		_exit(0);
	}
	r->pids[r->npids++] = pid;
	return pid;
}

static void wait_ready(struct round *r, int n)
{
	char c;

	while (n--)
		read_all(r->ready[0], &c, 1);
}

static const char *cur_key = "setup";
static struct round *cur_round;

/* A round that hangs (a process died before it was ready) is an error. */
static void on_alarm(int sig)
{
	(void)sig;
	int i;

	fprintf(stderr, "mpmm-bench: %s: a round took over 300 s, giving up\n", cur_key);
	for (i = 0; cur_round && i < cur_round->npids; i++)
		kill(cur_round->pids[i], SIGKILL);
	_exit(1);
}

/* context switches of all processes in the last round */
static double round_csw, round_invol;

/* Seconds from the go to the last process's end. */
static double run_round(const struct workload *w, enum mech mech, int pairs)
{
	struct round r;
	double t0, end, t[3];
	int i, j, status, failed = 0;

	cur_key = w->key;
	alarm(300);
	memset(&r, 0, sizeof(r));
	cur_round = &r;
	r.w = w;
	r.mech = mech;
	r.nserv = pairs ? pairs : w->nserv;
	r.ncli = pairs ? pairs : w->ncli;
	r.iters = w->iters;
	check_sys(pipe(r.ready), "pipe");
	check_sys(pipe(r.go), "pipe");
	check_sys(pipe(r.result), "pipe");
	for (i = 0; i < r.nserv; i++)
		snprintf(r.svc[i], sizeof(r.svc[i]), "mpmm.%d.%d", getpid(), i);
	if (mech == MECH_PIPE) {
		for (i = 0; i < r.nserv; i++)
			check_sys(pipe(r.req[i]), "pipe");
		for (j = 0; j < r.ncli; j++)
			check_sys(pipe(r.rep[j]), "pipe");
	} else if (mech == MECH_UNIX && big_unix(w)) {
		check_sys(socketpair(AF_UNIX, SOCK_STREAM, 0, r.sp), "socketpair");
	}
	for (i = 0; i < r.nserv; i++)
		spawn(&r, mech == MECH_MACH ? mach_server : fd_server, i,
		      cpu_of_server(&r, i));
	wait_ready(&r, r.nserv);
	for (j = 0; j < r.ncli; j++)
		spawn(&r, mech == MECH_MACH ? mach_client : fd_client, j,
		      cpu_of_server(&r, server_of(&r, j)));
	wait_ready(&r, r.ncli);
	/* the parent keeps no end of the data pipes open */
	if (mech == MECH_PIPE) {
		for (i = 0; i < r.nserv; i++) {
			close(r.req[i][0]);
			close(r.req[i][1]);
		}
		for (j = 0; j < r.ncli; j++) {
			close(r.rep[j][0]);
			close(r.rep[j][1]);
		}
	} else if (mech == MECH_UNIX && big_unix(w)) {
		close(r.sp[0]);
		close(r.sp[1]);
	}
	close(r.result[1]);
	close(r.ready[1]);
	t0 = now();
	close(r.go[1]);
	end = t0;
	round_csw = round_invol = 0;
	for (i = 0; i < r.npids; i++) {
		read_all(r.result[0], t, sizeof(t));
		if (t[0] > end)
			end = t[0];
		round_csw += t[1];
		round_invol += t[2];
	}
	for (i = 0; i < r.npids; i++) {
		if (waitpid(r.pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			failed = 1;
	}
	close(r.go[0]);
	close(r.ready[0]);
	close(r.result[0]);
	alarm(0);
	cur_round = NULL;
	if (failed)
		die("%s: a %s process failed", w->key, mech_name[mech]);
	return end - t0;
}

/* --------------------------------------------------------------- report */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long msgs_of(const struct workload *w, int pairs)
{
	return w->iters * (pairs ? pairs : w->ncli);
}

/*
 * A workload: rounds of Mach, pipe, socket.  The ratios are throughput
 * ratios (the other's time over Mach's).  Scale workloads: the ratio of
 * the two-pair throughput to the one-pair throughput, per mechanism.
 */
static void run_workload(struct workload *w)
{
	double t[NMECH][MAX_ROUNDS], ratio[NMECH][MAX_ROUNDS], tmp[MAX_ROUNDS];
	double t1[NMECH][MAX_ROUNDS], csw[NMECH][MAX_ROUNDS], inv[NMECH][MAX_ROUNDS];
	int k, m, order[NMECH];

	for (k = 0; k < opt_rounds; k++) {
		for (m = 0; m < NMECH; m++)
			order[m] = k % 2 ? NMECH - 1 - m : m;
		for (m = 0; m < NMECH; m++) {
			int mech = order[m];

			if (w->scale) {
				t1[mech][k] = run_round(w, mech, 1) / msgs_of(w, 1);
				t[mech][k] = run_round(w, mech, 2) / msgs_of(w, 2);
				/* throughput of two pairs over that of one */
				ratio[mech][k] = t1[mech][k] / t[mech][k];
			} else {
				t[mech][k] = run_round(w, mech, 0) / msgs_of(w, 0);
				csw[mech][k] = round_csw / msgs_of(w, 0);
				inv[mech][k] = round_invol / msgs_of(w, 0);
			}
		}
		if (!w->scale)
			for (m = 1; m < NMECH; m++)
				ratio[m][k] = t[m][k] / t[MECH_MACH][k];
	}
	if (w->scale) {
		printf("  %-44s", w->title);
		for (m = 0; m < NMECH; m++) {
			double lo, hi, med;

			memcpy(tmp, ratio[m], sizeof(double) * opt_rounds);
			med = median(tmp, opt_rounds);
			lo = tmp[0];
			hi = tmp[opt_rounds - 1];
			printf("  %s %5.2fx (%.2f-%.2f)", mech_name[m], med, lo, hi);
			printf("%s", m == NMECH - 1 ? "\n" : "");
			ratio[m][0] = med;
		}
		printf("DATA scale %s %.3f %.3f %.3f\n", w->key, ratio[MECH_MACH][0],
		       ratio[MECH_PIPE][0], ratio[MECH_UNIX][0]);
		fflush(stdout);
		return;
	}
	{
		double us[NMECH], med[NMECH] = { 1, 0, 0 }, lo[NMECH], hi[NMECH];
		double cs[NMECH], ci[NMECH];

		for (m = 0; m < NMECH; m++) {
			memcpy(tmp, t[m], sizeof(double) * opt_rounds);
			us[m] = median(tmp, opt_rounds) * 1e6;
			memcpy(tmp, csw[m], sizeof(double) * opt_rounds);
			cs[m] = median(tmp, opt_rounds);
			memcpy(tmp, inv[m], sizeof(double) * opt_rounds);
			ci[m] = median(tmp, opt_rounds);
			if (m == MECH_MACH)
				continue;
			memcpy(tmp, ratio[m], sizeof(double) * opt_rounds);
			med[m] = median(tmp, opt_rounds);
			lo[m] = tmp[0];
			hi[m] = tmp[opt_rounds - 1];
		}
		printf("  %-44s %9.2f %9.2f %9.2f   %5.2fx (%.2f-%.2f)  %5.2fx (%.2f-%.2f)\n",
		       w->title, us[MECH_MACH], us[MECH_PIPE], us[MECH_UNIX],
		       med[MECH_PIPE], lo[MECH_PIPE], hi[MECH_PIPE],
		       med[MECH_UNIX], lo[MECH_UNIX], hi[MECH_UNIX]);
		printf("  %-44s %9.2f %9.2f %9.2f   context switches per message\n", "",
		       cs[MECH_MACH], cs[MECH_PIPE], cs[MECH_UNIX]);
		printf("  %-44s %9.2f %9.2f %9.2f   of which involuntary (preempted)\n", "",
		       ci[MECH_MACH], ci[MECH_PIPE], ci[MECH_UNIX]);
		printf("DATA ratio %s %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", w->key,
		       us[MECH_MACH], us[MECH_PIPE], us[MECH_UNIX], med[MECH_PIPE],
		       med[MECH_UNIX], cs[MECH_MACH], cs[MECH_PIPE], cs[MECH_UNIX]);
		fflush(stdout);
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: mpmm-bench [-n ITER] [-r ROUNDS] [--cpus same|spread] [--quick]\n"
		"                  [--only KEY[,KEY...]]\n");
	exit(2);
}

static int selected(const char *key)
{
	const char *p;
	size_t len = strlen(key);

	if (!opt_only)
		return 1;
	for (p = opt_only; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, key, len) && (p[len] == ',' || p[len] == 0))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cpus", required_argument, NULL, 'c' },
		{ "quick", no_argument, NULL, 'q' },
		{ "only", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	cpu_set_t set;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "n:r:", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			opt_n = strtol(optarg, NULL, 0);
			if (opt_n < 1 || opt_n > 1000000)
				usage();
			break;
		case 'r':
			opt_rounds = atoi(optarg);
			if (opt_rounds < 1 || opt_rounds > MAX_ROUNDS)
				usage();
			break;
		case 'c':
			if (!strcmp(optarg, "spread"))
				opt_spread = 1;
			else if (strcmp(optarg, "same"))
				usage();
			break;
		case 'q':
			opt_n = 50;
			opt_rounds = 1;
			break;
		case 'o':
			opt_only = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (bootstrap_port == MACH_PORT_NULL)
		die("no bootstrap port: is bootstrapd running?");
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		ncpus = CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, on_alarm);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("mpmm-bench: -n %ld -r %d, %d CPUs, %s; throughput ratios Mach/pipe and Mach/UNIX socket (above 1: Mach faster)\n",
	       opt_n, opt_rounds, ncpus, opt_spread ? "servers spread over CPUs" : "all on CPU 0");
	printf("  %-44s %9s %9s %9s   %-18s  %-18s\n", "workload (us per message or round trip)",
	       "mach", "pipe", "unix", "Mach/pipe", "Mach/unix");
	for (i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
		struct workload *w = &workloads[i];

		if (!selected(w->key))
			continue;
		if (w->scale && ncpus < 2) {
			printf("  %-44s skipped: one CPU\n", w->title);
			continue;
		}
		w->iters = w->iters * opt_n / 1000;
		if (w->iters < 2)
			w->iters = 2;
		run_workload(w);
	}
	return 0;
}
