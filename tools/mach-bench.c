// SPDX-License-Identifier: GPL-2.0
/*
 * mach-bench: Mach IPC against the Linux IPC a port would otherwise use,
 * between two processes, in one run.  See Documentation/performance.rst.
 *
 *   RPC round trip, 32-byte payload each way:
 *     mach_msg(SEND|RCV) with a MAKE_SEND_ONCE reply port, the server
 *     replying with MOVE_SEND_ONCE and receiving the next request in the
 *     same call; pipe, UNIX socketpair and futex ping-pong.
 *   One-way throughput, 64 B, 1 KiB and 64 KiB inline messages (msgh_size,
 *   header included; port qlimit raised to 1024) against a pipe carrying
 *   the same bytes, one write() and one read() per message.
 *   Out-of-line transfer of 1 MiB and 16 MiB (the receiver vm_deallocates
 *   each region; default qlimit) against a pipe carrying the same bytes.
 *   Sync (Documentation/sync.rst): two semaphores ping-ponged between
 *   the processes (semaphore_signal + semaphore_wait) against the futex
 *   ping-pong; a port fd's wake-up, a message waking epoll_wait on
 *   libmach_port_fd() and received, against an eventfd's write + epoll
 *   + read; both sides answer through a second eventfd.
 *   Path cost, a diagnostic: one process sends 64 bytes to its own port
 *   and receives them in one call, against a pipe write + read in one
 *   process and an unknown ioctl on /dev/mach (the system-call floor); the
 *   RPC's two calls; 64 sends then 64 receives (the one-way calls) against
 *   64 pipe writes then 64 reads.
 *
 * The parent holds every receive right: after fork the child's Mach space
 * is empty, so the parent plants a send right at a fixed name in it with
 * task_for_pid + mach_port_insert_right before letting the child start.
 * Both processes are pinned alike (sched_setaffinity): to CPU 0 by default
 * (the case a synchronous hand-off is built for, and the one the targets
 * are judged on), to CPUs 0 and 1 with --cpus split.  Each measurement is
 * repeated in rounds, Mach and its Linux baselines back to back; a ratio
 * is taken per round and the median kept.  Only the ratios inside one run
 * mean anything: under QEMU TCG absolute times are 10-50x a real machine
 * and follow the host's load.
 *
 * Exit status: 0 when every transfer worked (targets missed or not, unless
 * --strict), 1 on any Mach or system error, 2 on a usage error, 3 when a
 * --strict run misses a target.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/semaphore.h>
#include <mach/task.h>
#include <mach/linux_mach.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

/* Where the parent plants the child's send right (index 0x101, gen 3). */
#define CHILD_NAME	((mach_port_name_t)0x10103)
#define RPC_PAYLOAD	32
#define MSG_REQ		1000
#define MSG_QUIT	1001
#define MSG_REPLY	2000
#define MSG_DATA	3000

#define MAX_ROUNDS	31
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define KiB		1024u
#define MiB		(1024u * 1024u)

/* ---------------------------------------------------------------- options */

static long opt_n = 2000;	/* RPC round trips per round; the rest scales */
static int opt_rounds = 21;
static int opt_quick;
static int opt_strict;
static int opt_same = 1, opt_split;
static const char *opt_only;	/* rpc, oneway, ool, path or sync */
static int opt_verify;		/* check every byte (on in --quick) */

static const char *progname = "mach-bench";
static const char *cur_test = "setup";

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", progname, cur_test);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(NULL);
	exit(1);
}

static void die_errno(const char *what)
{
	die("%s: %s", what, strerror(errno));
}

static void check_kr(kern_return_t kr, const char *what)
{
	if (kr != KERN_SUCCESS)
		die("%s: %s (0x%x)", what, mach_error_string(kr), kr);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		die_errno("sched_setaffinity");
}

/* ------------------------------------------------------- helpers: fd I/O */

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die_errno("write");
		p += r;
		len -= r;
	}
}

/* Read exactly len bytes; 0 at a clean EOF before the first byte. */
static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;

	while (got < len) {
		ssize_t r = read(fd, p + got, len - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_errno("read");
		if (r == 0) {
			if (got == 0)
				return 0;
			die("read: short message (%zu of %zu bytes)", got, len);
		}
		got += r;
	}
	return 1;
}

/* Byte pattern tied to (message number, offset), cheap to check. */
static void fill(unsigned char *p, size_t len, uint32_t seq)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(seq * 131 + i * 7 + (i >> 12));
}

/* What the receiver checks: every byte with --verify, else both ends. */
static void stamp(unsigned char *p, size_t len, uint32_t seq)
{
	if (opt_verify) {
		fill(p, len, seq);
		return;
	}
	if (len) {
		p[0] = (unsigned char)(seq * 131);
		p[len - 1] = (unsigned char)(seq * 131 + (len - 1) * 7 + ((len - 1) >> 12));
	}
}

static int check_fill(const unsigned char *p, size_t len, uint32_t seq)
{
	size_t i;

	if (!opt_verify) {	/* the ends only */
		if (len && p[0] != (unsigned char)(seq * 131))
			return 0;
		i = len - 1;
		return !len || p[i] == (unsigned char)(seq * 131 + i * 7 + (i >> 12));
	}
	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seq * 131 + i * 7 + (i >> 12)))
			return 0;
	return 1;
}

/* ------------------------------------------------- a pair of processes */

/*
 * One measurement in two processes: pair_start() forks a child pinned to
 * cpu_child (the parent pins itself to cpu_parent) and, when @mach is set,
 * gives it a send right to a fresh port of ours at CHILD_NAME; the child
 * waits for pair_go(), which also starts the clock; pair_finish() reaps it
 * and counts the context switches both made.  The parent is the side that
 * takes the time.  Every failure exits the program.
 */
struct pair {
	int cpu_parent, cpu_child;
	int mach;			/* plant a send right in the child */
	mach_port_msgcount_t qlimit;	/* 0: leave the default */
	mach_port_t port;		/* our receive right */
	pid_t child;
	int go[2];
	void *arg;
	struct rusage self0, kids0;
	long csw;			/* context switches, both processes */
};

/*
 * A child that fails while we wait on it in mach_msg (or a futex) would
 * leave us blocked: look at it (without reaping it) when it exits, and
 * give up if it failed.  Its own message is already on stderr.
 */
static volatile pid_t cur_child;

static void on_sigchld(int sig)
{
	siginfo_t si = { 0 };
	static const char msg[] = "mach-bench: the child process failed\n";

	(void)sig;
	if (cur_child <= 0 ||
	    waitid(P_PID, cur_child, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
	    si.si_pid != cur_child)
		return;
	if (si.si_code == CLD_EXITED && si.si_status == 0)
		return;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

static void child_wait_go(struct pair *p)
{
	char c;

	close(p->go[1]);
	if (read(p->go[0], &c, 1) != 1)
		_exit(1);	/* the parent gave up */
	close(p->go[0]);
}

static void pair_start(struct pair *p, void (*child_fn)(struct pair *))
{
	mach_port_t task;
	kern_return_t kr;

	pin(p->cpu_parent);
	if (pipe(p->go) < 0)
		die_errno("pipe");
	if (p->mach) {
		kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
					&p->port);
		check_kr(kr, "mach_port_allocate");
		if (p->qlimit) {
			mach_port_limits_t lim = { .mpl_qlimit = p->qlimit };

			kr = mach_port_set_attributes(mach_task_self(), p->port,
						      MACH_PORT_LIMITS_INFO,
						      (mach_port_info_t)&lim,
						      MACH_PORT_LIMITS_INFO_COUNT);
			check_kr(kr, "mach_port_set_attributes(LIMITS_INFO)");
		}
	}
	fflush(NULL);
	getrusage(RUSAGE_SELF, &p->self0);
	getrusage(RUSAGE_CHILDREN, &p->kids0);
	p->child = fork();
	if (p->child < 0)
		die_errno("fork");
	if (p->child == 0) {
		signal(SIGCHLD, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(1);
		pin(p->cpu_child);
		child_wait_go(p);
		child_fn(p);
		fflush(NULL);
		_exit(0);
	}
	cur_child = p->child;
	close(p->go[0]);
	if (p->mach) {
		kr = task_for_pid(mach_task_self(), p->child, &task);
		check_kr(kr, "task_for_pid(child)");
		kr = mach_port_insert_right(task, CHILD_NAME, p->port,
					    MACH_MSG_TYPE_MAKE_SEND);
		check_kr(kr, "mach_port_insert_right(child)");
		kr = mach_port_deallocate(mach_task_self(), task);
		check_kr(kr, "mach_port_deallocate(task port)");
	}
}

/* Let the child run; returns the start time. */
static double pair_go(struct pair *p)
{
	double t0 = now();

	write_all(p->go[1], "g", 1);
	close(p->go[1]);
	return t0;
}

static long csw(const struct rusage *r)
{
	return r->ru_nvcsw + r->ru_nivcsw;
}

static void pair_finish(struct pair *p)
{
	struct rusage self, kids;
	int status;

	getrusage(RUSAGE_SELF, &self);
	if (waitpid(p->child, &status, 0) < 0)
		die_errno("waitpid");
	cur_child = 0;
	getrusage(RUSAGE_CHILDREN, &kids);
	p->csw = csw(&self) - csw(&p->self0) + csw(&kids) - csw(&p->kids0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("child %s with %d", WIFEXITED(status) ? "exited" : "was killed by signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	if (p->mach) {
		kern_return_t kr = mach_port_mod_refs(mach_task_self(), p->port,
						      MACH_PORT_RIGHT_RECEIVE, -1);
		check_kr(kr, "mach_port_mod_refs(receive, -1)");
	}
}

/* ------------------------------------------------------------ RPC tests */

struct rpc_msg {
	mach_msg_header_t h;
	unsigned char payload[RPC_PAYLOAD];
};

struct rpc_rcv {
	struct rpc_msg m;
	mach_msg_max_trailer_t trailer;
};

static long rpc_iters;

/* Client: the child.  Request with a send-once reply right, one call. */
static void mach_rpc_client(struct pair *p)
{
	struct rpc_rcv buf;
	mach_port_t reply;
	kern_return_t kr;
	long i;

	(void)p;
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
	check_kr(kr, "client: mach_port_allocate(reply)");
	for (i = 0; i < rpc_iters; i++) {
		memset(&buf.m.h, 0, sizeof(buf.m.h));
		buf.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						   MACH_MSG_TYPE_MAKE_SEND_ONCE);
		buf.m.h.msgh_size = sizeof(buf.m);
		buf.m.h.msgh_remote_port = CHILD_NAME;
		buf.m.h.msgh_local_port = reply;
		buf.m.h.msgh_id = MSG_REQ;
		memset(buf.m.payload, (int)(i & 0xff), RPC_PAYLOAD);
		kr = mach_msg(&buf.m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(buf.m),
			      sizeof(buf), reply, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "client: mach_msg(SEND|RCV)");
		if (buf.m.h.msgh_id != MSG_REPLY || buf.m.h.msgh_size != sizeof(buf.m) ||
		    buf.m.payload[RPC_PAYLOAD - 1] != (unsigned char)~i)
			die("client: bad reply (id %d size %u)", buf.m.h.msgh_id,
			    buf.m.h.msgh_size);
	}
	memset(&buf.m.h, 0, sizeof(buf.m.h));
	buf.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	buf.m.h.msgh_size = sizeof(buf.m.h);
	buf.m.h.msgh_remote_port = CHILD_NAME;
	buf.m.h.msgh_id = MSG_QUIT;
	kr = mach_msg(&buf.m.h, MACH_SEND_MSG, sizeof(buf.m.h), 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	check_kr(kr, "client: mach_msg(SEND quit)");
}

/* Server: the parent.  Reply and receive the next request in one call. */
/* ------------------------------------------------------ sync tests */

#define CHILD_SEMA_B	((mach_port_name_t)0x10203)

/* Child: signal A, wait for B, rpc_iters times. */
static void sema_client(struct pair *p)
{
	long i;

	for (i = 0; i < rpc_iters; i++) {
		check_kr(semaphore_signal(CHILD_NAME), "client: semaphore_signal");
		check_kr(semaphore_wait(CHILD_SEMA_B), "client: semaphore_wait");
	}
}

static double sema_pp(struct pair *p)
{
	semaphore_t a, b;
	mach_port_t task;
	double t0, t1;
	long i;

	check_kr(semaphore_create(mach_task_self(), &a, SYNC_POLICY_FIFO, 0),
		 "semaphore_create");
	check_kr(semaphore_create(mach_task_self(), &b, SYNC_POLICY_FIFO, 0),
		 "semaphore_create");
	pair_start(p, sema_client);
	check_kr(task_for_pid(mach_task_self(), p->child, &task), "task_for_pid(child)");
	check_kr(mach_port_insert_right(task, CHILD_NAME, a, MACH_MSG_TYPE_COPY_SEND),
		 "mach_port_insert_right(child, a)");
	check_kr(mach_port_insert_right(task, CHILD_SEMA_B, b, MACH_MSG_TYPE_COPY_SEND),
		 "mach_port_insert_right(child, b)");
	check_kr(mach_port_deallocate(mach_task_self(), task), "mach_port_deallocate");
	t0 = pair_go(p);
	for (i = 0; i < rpc_iters; i++) {
		check_kr(semaphore_wait(a), "server: semaphore_wait");
		check_kr(semaphore_signal(b), "server: semaphore_signal");
	}
	t1 = now();
	pair_finish(p);
	check_kr(semaphore_destroy(mach_task_self(), a), "semaphore_destroy");
	check_kr(semaphore_destroy(mach_task_self(), b), "semaphore_destroy");
	return (t1 - t0) / rpc_iters;
}

/* wake-up: the child pokes (a message or an eventfd), waits on reply_fd */
struct wake_pp {
	int poke_fd;		/* eventfd: the baseline's poke */
	int reply_fd;		/* eventfd: the parent's answer */
};

static void eventfd_read1(int fd)
{
	uint64_t v;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		die_errno("read(eventfd)");
}

static void eventfd_write1(int fd)
{
	uint64_t v = 1;

	if (write(fd, &v, sizeof(v)) != sizeof(v))
		die_errno("write(eventfd)");
}

static void wake_client(struct pair *p)
{
	struct wake_pp *w = p->arg;
	struct rpc_msg m;
	long i;

	for (i = 0; i < rpc_iters; i++) {
		if (p->mach) {
			memset(&m, 0, sizeof(m));
			m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
			m.h.msgh_size = sizeof(m);
			m.h.msgh_remote_port = CHILD_NAME;
			m.h.msgh_id = MSG_REQ;
			check_kr(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
					  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL),
				 "client: mach_msg(SEND)");
		} else {
			eventfd_write1(w->poke_fd);
		}
		eventfd_read1(w->reply_fd);
	}
}

static double wake_pp(struct pair *p, int mach)
{
	struct epoll_event ev = { .events = EPOLLIN }, out;
	struct wake_pp w;
	struct rpc_rcv buf;
	double t0, t1;
	int ep, fd;
	long i;

	w.poke_fd = eventfd(0, EFD_CLOEXEC);
	w.reply_fd = eventfd(0, EFD_CLOEXEC);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (w.poke_fd < 0 || w.reply_fd < 0 || ep < 0)
		die_errno("eventfd/epoll_create1");
	p->arg = &w;
	p->mach = mach;
	pair_start(p, wake_client);
	fd = mach ? libmach_port_fd(p->port) : w.poke_fd;
	if (fd < 0)
		die_errno("libmach_port_fd");
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		die_errno("epoll_ctl");
	t0 = pair_go(p);
	for (i = 0; i < rpc_iters; i++) {
		while (epoll_wait(ep, &out, 1, -1) != 1)
			if (errno != EINTR)
				die_errno("epoll_wait");
		if (mach)
			check_kr(mach_msg(&buf.m.h, MACH_RCV_MSG, 0, sizeof(buf), p->port,
					  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL),
				 "server: mach_msg(RCV)");
		else
			eventfd_read1(w.poke_fd);
		eventfd_write1(w.reply_fd);
	}
	t1 = now();
	pair_finish(p);
	if (mach)
		close(fd);
	close(ep);
	close(w.poke_fd);
	close(w.reply_fd);
	return (t1 - t0) / rpc_iters;
}

static double port_fd_wake(struct pair *p)
{
	return wake_pp(p, 1);
}

static double eventfd_wake(struct pair *p)
{
	return wake_pp(p, 0);
}

static double mach_rpc(struct pair *p)
{
	struct rpc_rcv buf;
	kern_return_t kr;
	long served = 0;
	double t0, t1;

	p->mach = 1;
	pair_start(p, mach_rpc_client);
	t0 = pair_go(p);
	kr = mach_msg(&buf.m.h, MACH_RCV_MSG, 0, sizeof(buf), p->port,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	check_kr(kr, "server: mach_msg(RCV)");
	for (;;) {
		if (buf.m.h.msgh_id == MSG_QUIT)
			break;
		if (buf.m.h.msgh_id != MSG_REQ || buf.m.h.msgh_size != sizeof(buf.m) ||
		    MACH_MSGH_BITS_REMOTE(buf.m.h.msgh_bits) != MACH_MSG_TYPE_PORT_SEND_ONCE)
			die("server: bad request (id %d bits 0x%x)", buf.m.h.msgh_id,
			    buf.m.h.msgh_bits);
		buf.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		buf.m.h.msgh_local_port = MACH_PORT_NULL;
		buf.m.h.msgh_id = MSG_REPLY;
		buf.m.h.msgh_size = sizeof(buf.m);
		buf.m.payload[RPC_PAYLOAD - 1] = ~buf.m.payload[0];
		kr = mach_msg(&buf.m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(buf.m),
			      sizeof(buf), p->port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "server: mach_msg(SEND|RCV)");
		served++;
	}
	t1 = now();
	pair_finish(p);
	if (served != rpc_iters)
		die("server: %ld requests, expected %ld", served, rpc_iters);
	return (t1 - t0) / rpc_iters;
}

/* fd ping-pong: the child is the client. fds[0] ours, fds[1] the child's. */
struct fd_pp {
	int c2s[2], s2c[2];	/* pipes; for a socketpair sv[0] == sv[1] roles */
	int sock[2];
	int is_sock;
};

static void fd_pp_client(struct pair *p)
{
	struct fd_pp *f = p->arg;
	int wfd = f->is_sock ? f->sock[1] : f->c2s[1];
	int rfd = f->is_sock ? f->sock[1] : f->s2c[0];
	unsigned char buf[RPC_PAYLOAD];
	long i;

	for (i = 0; i < rpc_iters; i++) {
		memset(buf, (int)(i & 0xff), sizeof(buf));
		write_all(wfd, buf, sizeof(buf));
		if (!read_all(rfd, buf, sizeof(buf)) ||
		    buf[RPC_PAYLOAD - 1] != (unsigned char)~i)
			die("client: bad reply");
	}
}

static double fd_pingpong(struct pair *p, int is_sock)
{
	struct fd_pp f = { .is_sock = is_sock };
	unsigned char buf[RPC_PAYLOAD];
	int rfd, wfd;
	long served = 0;
	double t0, t1;

	if (is_sock) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, f.sock) < 0)
			die_errno("socketpair");
	} else if (pipe(f.c2s) < 0 || pipe(f.s2c) < 0) {
		die_errno("pipe");
	}
	p->arg = &f;
	pair_start(p, fd_pp_client);
	if (is_sock) {
		close(f.sock[1]);
		rfd = wfd = f.sock[0];
	} else {
		close(f.c2s[1]);
		close(f.s2c[0]);
		rfd = f.c2s[0];
		wfd = f.s2c[1];
	}
	t0 = pair_go(p);
	while (read_all(rfd, buf, sizeof(buf))) {
		buf[RPC_PAYLOAD - 1] = ~buf[0];
		write_all(wfd, buf, sizeof(buf));
		served++;
	}
	t1 = now();
	close(rfd);
	if (wfd != rfd)
		close(wfd);
	pair_finish(p);
	if (served != rpc_iters)
		die("server: %ld requests, expected %ld", served, rpc_iters);
	return (t1 - t0) / rpc_iters;
}

static double pipe_pp(struct pair *p)
{
	return fd_pingpong(p, 0);
}

static double unix_pp(struct pair *p)
{
	return fd_pingpong(p, 1);
}

/* futex ping-pong through a shared page: turn 1 = request, 0 = reply. */
struct futex_page {
	int turn;
	unsigned char payload[RPC_PAYLOAD];
};

enum { TURN_REPLY = 0, TURN_REQ = 1, TURN_QUIT = 2 };

static void futex_wait(int *addr, int val)
{
	if (syscall(SYS_futex, addr, FUTEX_WAIT, val, NULL, NULL, 0) < 0 &&
	    errno != EAGAIN && errno != EINTR)
		die_errno("futex(WAIT)");
}

static void futex_wake(int *addr)
{
	if (syscall(SYS_futex, addr, FUTEX_WAKE, 1, NULL, NULL, 0) < 0)
		die_errno("futex(WAKE)");
}

static void futex_client(struct pair *p)
{
	struct futex_page *fp = p->arg;
	unsigned char buf[RPC_PAYLOAD];
	long i;

	for (i = 0; i < rpc_iters; i++) {
		memset(buf, (int)(i & 0xff), sizeof(buf));
		memcpy(fp->payload, buf, sizeof(buf));
		__atomic_store_n(&fp->turn, TURN_REQ, __ATOMIC_RELEASE);
		futex_wake(&fp->turn);
		while (__atomic_load_n(&fp->turn, __ATOMIC_ACQUIRE) != TURN_REPLY)
			futex_wait(&fp->turn, TURN_REQ);
		memcpy(buf, fp->payload, sizeof(buf));
		if (buf[RPC_PAYLOAD - 1] != (unsigned char)~i)
			die("client: bad reply");
	}
	__atomic_store_n(&fp->turn, TURN_QUIT, __ATOMIC_RELEASE);
	futex_wake(&fp->turn);
}

static double futex_pp(struct pair *p)
{
	struct futex_page *fp;
	unsigned char buf[RPC_PAYLOAD];
	long served = 0;
	double t0, t1;
	int t;

	fp = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fp == MAP_FAILED)
		die_errno("mmap");
	fp->turn = TURN_REPLY;
	p->arg = fp;
	pair_start(p, futex_client);
	t0 = pair_go(p);
	for (;;) {
		while ((t = __atomic_load_n(&fp->turn, __ATOMIC_ACQUIRE)) == TURN_REPLY)
			futex_wait(&fp->turn, TURN_REPLY);
		if (t == TURN_QUIT)
			break;
		memcpy(buf, fp->payload, sizeof(buf));
		buf[RPC_PAYLOAD - 1] = ~buf[0];
		memcpy(fp->payload, buf, sizeof(buf));
		__atomic_store_n(&fp->turn, TURN_REPLY, __ATOMIC_RELEASE);
		futex_wake(&fp->turn);
		served++;
	}
	t1 = now();
	pair_finish(p);
	munmap(fp, 4096);
	if (served != rpc_iters)
		die("server: %ld requests, expected %ld", served, rpc_iters);
	return (t1 - t0) / rpc_iters;
}

/* ------------------------------------------------- one-way throughput */

struct stream {
	size_t size;		/* bytes per message (inline: msgh_size) */
	long count;
	int fds[2];
};

/* A message header, field by field, as each send loop refills it. */
static void set_header(mach_msg_header_t *h, mach_msg_bits_t bits, mach_msg_size_t size,
		       mach_port_t remote, mach_port_t local, mach_msg_id_t id)
{
	h->msgh_bits = bits;
	h->msgh_size = size;
	h->msgh_remote_port = remote;
	h->msgh_local_port = local;
	h->msgh_voucher_port = MACH_PORT_NULL;
	h->msgh_id = id;
}

static void *xmalloc_touched(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		die_errno("mmap");
	memset(p, 0, len);
	return p;
}

/* Inline: the message is exactly s->size bytes, header included. */
static void mach_inline_sender(struct pair *p)
{
	struct stream *s = p->arg;
	mach_msg_header_t *h = xmalloc_touched(s->size);
	unsigned char *body = (unsigned char *)(h + 1);
	size_t blen = s->size - sizeof(*h);
	kern_return_t kr;
	long i;

	for (i = 0; i < s->count; i++) {
		set_header(h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), s->size,
			   CHILD_NAME, MACH_PORT_NULL, MSG_DATA);
		stamp(body, blen, i);
		kr = mach_msg(h, MACH_SEND_MSG, s->size, 0, MACH_PORT_NULL,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "sender: mach_msg(SEND)");
	}
}

static double mach_inline(struct pair *p, struct stream *s)
{
	size_t rsize = s->size + sizeof(mach_msg_max_trailer_t);
	mach_msg_header_t *h = xmalloc_touched(rsize);
	unsigned char *body = (unsigned char *)(h + 1);
	kern_return_t kr;
	double t0, t1;
	long i;

	p->mach = 1;
	p->qlimit = MACH_PORT_QLIMIT_LARGE;
	p->arg = s;
	pair_start(p, mach_inline_sender);
	t0 = pair_go(p);
	for (i = 0; i < s->count; i++) {
		kr = mach_msg(h, MACH_RCV_MSG, 0, rsize, p->port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "receiver: mach_msg(RCV)");
		if (h->msgh_id != MSG_DATA || h->msgh_size != s->size ||
		    !check_fill(body, s->size - sizeof(*h), i))
			die("receiver: message %ld garbled (id %d size %u)", i,
			    h->msgh_id, h->msgh_size);
	}
	t1 = now();
	pair_finish(p);
	munmap(h, rsize);
	return (t1 - t0) / s->count;
}

static void pipe_stream_sender(struct pair *p)
{
	struct stream *s = p->arg;
	unsigned char *buf = xmalloc_touched(s->size);
	long i;

	close(s->fds[0]);
	if (s->size > 64 * KiB)	/* OOL: the whole region is the pattern */
		fill(buf, s->size, 0);
	for (i = 0; i < s->count; i++) {
		if (s->size <= 64 * KiB)
			stamp(buf, s->size, i);
		write_all(s->fds[1], buf, s->size);
	}
	close(s->fds[1]);
}

/* One read() per message, as a message receive; bytes as the Mach run. */
static double pipe_stream(struct pair *p, struct stream *s)
{
	unsigned char *buf = xmalloc_touched(s->size);
	double t0, t1;
	long i;

	if (pipe(s->fds) < 0)
		die_errno("pipe");
	p->arg = s;
	pair_start(p, pipe_stream_sender);
	close(s->fds[1]);
	t0 = pair_go(p);
	for (i = 0; i < s->count; i++) {
		if (!read_all(s->fds[0], buf, s->size))
			die("receiver: EOF after %ld messages", i);
		if (!check_fill(buf, s->size, s->size > 64 * KiB ? 0 : (uint32_t)i))
			die("receiver: message %ld garbled", i);
	}
	t1 = now();
	close(s->fds[0]);
	pair_finish(p);
	munmap(buf, s->size);
	return (t1 - t0) / s->count;
}

/* ----------------------------------------------------------------- OOL */

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t ool;
};

struct ool_rcv {
	struct ool_msg m;
	mach_msg_max_trailer_t trailer;
};

static void mach_ool_sender(struct pair *p)
{
	struct stream *s = p->arg;
	unsigned char *region = xmalloc_touched(s->size);
	struct ool_msg m;
	kern_return_t kr;
	long i;

	fill(region, s->size, 0);
	for (i = 0; i < s->count; i++) {
		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
			MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = CHILD_NAME;
		m.h.msgh_id = MSG_DATA;
		m.body.msgh_descriptor_count = 1;
		m.ool.address = region;
		m.ool.size = s->size;
		m.ool.deallocate = 0;
		m.ool.copy = MACH_MSG_VIRTUAL_COPY;
		m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		kr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "sender: mach_msg(SEND OOL)");
	}
}

static double mach_ool(struct pair *p, struct stream *s)
{
	struct ool_rcv r;
	kern_return_t kr;
	double t0, t1;
	long i;

	p->mach = 1;
	p->arg = s;
	pair_start(p, mach_ool_sender);
	t0 = pair_go(p);
	for (i = 0; i < s->count; i++) {
		kr = mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), p->port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "receiver: mach_msg(RCV OOL)");
		if (r.m.h.msgh_id != MSG_DATA || !(r.m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
		    r.m.body.msgh_descriptor_count != 1 ||
		    r.m.ool.type != MACH_MSG_OOL_DESCRIPTOR || r.m.ool.size != s->size ||
		    !r.m.ool.address)
			die("receiver: bad OOL message %ld (id %d size %u)", i,
			    r.m.h.msgh_id, r.m.ool.size);
		if (!check_fill(r.m.ool.address, s->size, 0))
			die("receiver: OOL region %ld garbled", i);
		kr = vm_deallocate(mach_task_self(), (vm_address_t)r.m.ool.address,
				   r.m.ool.size);
		check_kr(kr, "receiver: vm_deallocate");
	}
	t1 = now();
	pair_finish(p);
	return (t1 - t0) / s->count;
}

/* ------------------------------------------------ path cost, one process */

/*
 * What one message costs the kernel when nobody sleeps: a process sends
 * 64 bytes to its own port and receives them in the same call, against
 * a write and a read on a pipe, and the floor of any system call into
 * /dev/mach (an unknown ioctl).  No pair of processes: p is unused.
 */
static long path_iters;

/* 64 bytes in all, and room for the largest trailer */
struct path_msg {
	mach_msg_header_t h;
	unsigned char body[64 - sizeof(mach_msg_header_t)];
	mach_msg_max_trailer_t trailer;
};

/* A receive right with a send right under the same name. */
static mach_port_t path_port(void)
{
	mach_port_t port;
	kern_return_t kr;

	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	check_kr(kr, "mach_port_allocate");
	kr = mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND);
	check_kr(kr, "mach_port_insert_right(self)");
	return port;
}

static void path_port_drop(mach_port_t port)
{
	kern_return_t kr;

	kr = mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	check_kr(kr, "mach_port_mod_refs(receive, -1)");
	kr = mach_port_deallocate(mach_task_self(), port);	/* now a dead name */
	check_kr(kr, "mach_port_deallocate(dead name)");
}

static double path_mach(struct pair *p)
{
	struct path_msg buf;
	mach_port_t port = path_port();
	kern_return_t kr;
	double t0, t1;
	long i;

	(void)p;
	t0 = now();
	for (i = 0; i < path_iters; i++) {
		set_header(&buf.h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 64, port,
			   MACH_PORT_NULL, MSG_DATA);
		buf.body[0] = (unsigned char)i;
		kr = mach_msg(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG, 64, sizeof(buf), port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "mach_msg(SEND|RCV to itself)");
		if (buf.h.msgh_size != 64 || buf.body[0] != (unsigned char)i)
			die("message %ld garbled", i);
	}
	t1 = now();
	path_port_drop(port);
	return (t1 - t0) / path_iters;
}

/*
 * The RPC path without the scheduler: one process is client and server.
 * Each iteration is two calls, each one message: the request
 * (COPY_SEND, MAKE_SEND_ONCE reply, receive on the service port), then
 * the reply (MOVE_SEND_ONCE to the name just received, receive on the
 * reply port).  Reported per call, against one pipe write + read.
 */
static double path_rpc(struct pair *p)
{
	struct path_msg buf;
	mach_port_t port = path_port(), reply;
	kern_return_t kr;
	double t0, t1;
	long i;

	(void)p;
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
	check_kr(kr, "mach_port_allocate(reply)");
	t0 = now();
	for (i = 0; i < path_iters / 2; i++) {
		set_header(&buf.h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE),
			   64, port, reply, MSG_REQ);
		buf.body[0] = (unsigned char)i;
		kr = mach_msg(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG, 64, sizeof(buf), port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "mach_msg(request to itself)");
		if (buf.h.msgh_id != MSG_REQ || buf.body[0] != (unsigned char)i ||
		    MACH_MSGH_BITS_REMOTE(buf.h.msgh_bits) != MACH_MSG_TYPE_PORT_SEND_ONCE)
			die("request %ld garbled", i);
		buf.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		buf.h.msgh_local_port = MACH_PORT_NULL;
		buf.h.msgh_id = MSG_REPLY;
		kr = mach_msg(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG, 64, sizeof(buf), reply,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		check_kr(kr, "mach_msg(reply to itself)");
		if (buf.h.msgh_id != MSG_REPLY || buf.body[0] != (unsigned char)i)
			die("reply %ld garbled", i);
	}
	t1 = now();
	kr = mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE, -1);
	check_kr(kr, "mach_port_mod_refs(reply, -1)");
	path_port_drop(port);
	return (t1 - t0) / (path_iters / 2 * 2);
}

static double path_pipe(struct pair *p)
{
	unsigned char buf[64];
	int fds[2];
	double t0, t1;
	long i;

	(void)p;
	if (pipe(fds) < 0)
		die_errno("pipe");
	memset(buf, 0, sizeof(buf));
	t0 = now();
	for (i = 0; i < path_iters; i++) {
		buf[0] = (unsigned char)i;
		write_all(fds[1], buf, sizeof(buf));
		if (!read_all(fds[0], buf, sizeof(buf)) || buf[0] != (unsigned char)i)
			die("pipe: message %ld garbled", i);
	}
	t1 = now();
	close(fds[0]);
	close(fds[1]);
	return (t1 - t0) / path_iters;
}

/*
 * The one-way path without the scheduler: PATH_BATCH sends to the
 * process's own port, then PATH_BATCH receives, each its own call, as the
 * two sides of a one-way stream make them.  Against PATH_BATCH write()s
 * of 64 bytes to a pipe, then PATH_BATCH read()s.  Per message.
 */
#define PATH_BATCH	64

static long path_batches(void)
{
	return path_iters >= PATH_BATCH ? path_iters / PATH_BATCH : 1;
}

static double path_oneway(struct pair *p)
{
	mach_port_limits_t lim = { .mpl_qlimit = PATH_BATCH };
	mach_port_t port = path_port();
	struct path_msg buf;
	kern_return_t kr;
	double t0, t1;
	long i, j, n = path_batches();

	(void)p;
	kr = mach_port_set_attributes(mach_task_self(), port, MACH_PORT_LIMITS_INFO,
				      (mach_port_info_t)&lim, MACH_PORT_LIMITS_INFO_COUNT);
	check_kr(kr, "mach_port_set_attributes(qlimit)");
	t0 = now();
	for (i = 0; i < n; i++) {
		for (j = 0; j < PATH_BATCH; j++) {
			set_header(&buf.h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 64,
				   port, MACH_PORT_NULL, MSG_DATA);
			buf.body[0] = (unsigned char)j;
			kr = mach_msg(&buf.h, MACH_SEND_MSG, 64, 0, MACH_PORT_NULL,
				      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
			check_kr(kr, "mach_msg(SEND to itself)");
		}
		for (j = 0; j < PATH_BATCH; j++) {
			kr = mach_msg(&buf.h, MACH_RCV_MSG, 0, sizeof(buf), port,
				      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
			check_kr(kr, "mach_msg(RCV from itself)");
			if (buf.h.msgh_size != 64 || buf.body[0] != (unsigned char)j)
				die("message %ld garbled", i * PATH_BATCH + j);
		}
	}
	t1 = now();
	path_port_drop(port);
	return (t1 - t0) / (n * PATH_BATCH);
}

static double path_pipe_batch(struct pair *p)
{
	unsigned char buf[64];
	int fds[2];
	double t0, t1;
	long i, j, n = path_batches();

	(void)p;
	if (pipe(fds) < 0)
		die_errno("pipe");
	memset(buf, 0, sizeof(buf));
	t0 = now();
	for (i = 0; i < n; i++) {
		for (j = 0; j < PATH_BATCH; j++) {
			buf[0] = (unsigned char)j;
			write_all(fds[1], buf, sizeof(buf));
		}
		for (j = 0; j < PATH_BATCH; j++)
			if (!read_all(fds[0], buf, sizeof(buf)) || buf[0] != (unsigned char)j)
				die("pipe: message %ld garbled", i * PATH_BATCH + j);
	}
	t1 = now();
	close(fds[0]);
	close(fds[1]);
	return (t1 - t0) / (n * PATH_BATCH);
}

static double path_ioctl(struct pair *p)
{
	double t0, t1;
	long i;
	int fd;

	(void)p;
	fd = open("/dev/mach", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die_errno("open /dev/mach");
	t0 = now();
	for (i = 0; i < path_iters; i++)
		if (ioctl(fd, 0, NULL) == 0 || (errno != ENOTTY && errno != EINVAL))
			die("ioctl(/dev/mach, 0): expected ENOTTY, got %s", strerror(errno));
	t1 = now();
	close(fd);
	return (t1 - t0) / path_iters;
}

/* ------------------------------------------------------------ the runs */

enum kind { RPC, ONEWAY, OOL, PATH, SYNC };

struct result {
	enum kind kind;
	const char *label;
	const char *key;		/* for the target lines */
	int baseline;			/* Linux mechanism */
	size_t bytes;			/* per operation, for MB/s (0: RPC) */
	long ops;
	int cpus[2];
	double samples[MAX_ROUNDS];
	double csw_samples[MAX_ROUNDS];
	int nsamples;
	double value;			/* median seconds per operation */
	double csw;			/* median context switches per operation */
	double ratio, ratio_lo, ratio_hi; /* Mach/this, paired by round */
	struct result *mach;		/* the Mach row this baseline is against */
};

static struct result results[64];
static int nresults;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *samples, int n)
{
	double v[MAX_ROUNDS];

	memcpy(v, samples, sizeof(double) * n);
	qsort(v, n, sizeof(double), cmp_double);
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Mach time / baseline time, per round (the two ran back to back), then
 * the median and the range over the rounds: slow phases of the host hit
 * both sides of a pair alike.
 */
static void pair_ratios(struct result *r)
{
	double v[MAX_ROUNDS];
	int i, n = r->nsamples < r->mach->nsamples ? r->nsamples : r->mach->nsamples;

	for (i = 0; i < n; i++)
		v[i] = r->mach->samples[i] / r->samples[i];
	r->ratio = median(v, n);
	qsort(v, n, sizeof(double), cmp_double);
	r->ratio_lo = v[0];
	r->ratio_hi = v[n - 1];
}

static struct result *add_result(enum kind kind, const char *label, const char *key,
				 int baseline, size_t bytes, long ops, int c0, int c1)
{
	struct result *r = &results[nresults++];

	r->kind = kind;
	r->label = label;
	r->key = key;
	r->baseline = baseline;
	r->bytes = bytes;
	r->ops = ops;
	r->cpus[0] = c0;
	r->cpus[1] = c1;
	return r;
}

static unsigned int watchdog_secs;

static void on_alarm(int sig)
{
	static const char msg[] = "mach-bench: watchdog: this measurement hung: ";
	struct iovec iov[3] = {
		{ (void *)msg, sizeof(msg) - 1 },
		{ (void *)cur_test, strlen(cur_test) },
		{ "\n", 1 },
	};

	(void)sig;
	if (writev(2, iov, 3) < 0)
		_exit(1);
	_exit(1);
}

static void sample(struct result *r, double secs, long csw)
{
	if (r->nsamples < MAX_ROUNDS) {
		r->csw_samples[r->nsamples] = (double)csw / r->ops;
		r->samples[r->nsamples++] = secs;
	}
}

/* One measurement in a fresh pair of processes pinned to c0 and c1. */
#define MEASURE(r, fn, ...) do {						\
		struct pair p_ = { .cpu_parent = c0, .cpu_child = c1 };	\
		double t_;							\
		cur_test = (r)->label;						\
		alarm(watchdog_secs);						\
		t_ = fn(&p_, ##__VA_ARGS__);					\
		alarm(0);							\
		sample(r, t_, p_.csw);						\
	} while (0)

static void run_rpc(int c0, int c1)
{
	struct result *m, *pp, *up, *fx;
	int round;

	m = add_result(RPC, "mach_msg SEND|RCV, send-once reply", "rpc", 0, 0, rpc_iters, c0, c1);
	pp = add_result(RPC, "pipe ping-pong", "pipe", 1, 0, rpc_iters, c0, c1);
	up = add_result(RPC, "UNIX socketpair ping-pong", "unix", 1, 0, rpc_iters, c0, c1);
	fx = add_result(RPC, "futex ping-pong (shared page)", "futex", 1, 0, rpc_iters, c0, c1);
	pp->mach = up->mach = fx->mach = m;
	/*
	 * Odd rounds run in reverse order: a drift of the host's speed then
	 * weighs on Mach and on its baselines alike.
	 */
	for (round = 0; round < opt_rounds; round++) {
		if (round % 2 == 0) {
			MEASURE(m, mach_rpc);
			MEASURE(pp, pipe_pp);
			MEASURE(up, unix_pp);
			MEASURE(fx, futex_pp);
		} else {
			MEASURE(fx, futex_pp);
			MEASURE(up, unix_pp);
			MEASURE(pp, pipe_pp);
			MEASURE(m, mach_rpc);
		}
	}
}

/* Semaphores against futexes, a port fd's wake-up against an eventfd's. */
static void run_sync(int c0, int c1)
{
	struct result *sm, *fx, *pf, *ef;
	int round;

	sm = add_result(SYNC, "semaphore signal+wait ping-pong", "sema", 0, 0,
			rpc_iters, c0, c1);
	fx = add_result(SYNC, "futex ping-pong (shared page)", "sfutex", 1, 0,
			rpc_iters, c0, c1);
	pf = add_result(SYNC, "port fd: message wakes epoll, receive", "portfd", 0,
			0, rpc_iters, c0, c1);
	ef = add_result(SYNC, "eventfd: write wakes epoll, read", "eventfd", 1, 0,
			rpc_iters, c0, c1);
	fx->mach = sm;
	ef->mach = pf;
	for (round = 0; round < opt_rounds; round++) {
		if (round % 2 == 0) {
			MEASURE(sm, sema_pp);
			MEASURE(fx, futex_pp);
			MEASURE(pf, port_fd_wake);
			MEASURE(ef, eventfd_wake);
		} else {
			MEASURE(ef, eventfd_wake);
			MEASURE(pf, port_fd_wake);
			MEASURE(fx, futex_pp);
			MEASURE(sm, sema_pp);
		}
	}
}

/* One size of a stream measurement: Mach against a pipe, same bytes. */
struct stream_size {
	size_t size;
	long per_n;	/* messages per round = n * per_n / the run's divisor */
	const char *mlabel, *plabel, *key;
};

/* per_n / 100 */
static const struct stream_size oneway_sizes[] = {
	{ 64, 400, "mach_msg 64 B inline", "pipe 64 B writes", "64" },
	{ KiB, 200, "mach_msg 1 KiB inline", "pipe 1 KiB writes", "1k" },
	{ 64 * KiB, 10, "mach_msg 64 KiB inline", "pipe 64 KiB writes", "64k" },
};

/* per_n / 100000 */
static const struct stream_size ool_sizes[] = {
	{ MiB, 300, "mach_msg 1 MiB OOL", "pipe 1 MiB", "ool1m" },
	{ 16 * MiB, 80, "mach_msg 16 MiB OOL", "pipe 16 MiB", "ool16m" },
};

static void run_path(int c0, int c1)
{
	struct result *m, *pp, *io, *rm, *rp, *om, *op;
	int round;

	pin(c0);
	m = add_result(PATH, "mach_msg SEND|RCV to itself", "self", 0, 64, path_iters, c0, c0);
	pp = add_result(PATH, "pipe write + read, same process", "pself", 1, 64, path_iters,
			c0, c0);
	io = add_result(PATH, "unknown ioctl on /dev/mach (floor)", "floor", 1, 0, path_iters,
			c0, c0);
	pp->mach = io->mach = m;
	rm = add_result(PATH, "RPC halves to itself, send-once reply", "rpcself", 0, 64,
			path_iters, c0, c0);
	rp = add_result(PATH, "pipe write + read, same process", "pself2", 1, 64, path_iters,
			c0, c0);
	rp->mach = rm;
	om = add_result(PATH, "one-way halves to itself, 64 queued", "owself", 0, 64,
			path_batches() * PATH_BATCH, c0, c0);
	op = add_result(PATH, "pipe 64 writes, then 64 reads", "powself", 1, 64,
			path_batches() * PATH_BATCH, c0, c0);
	op->mach = om;
	for (round = 0; round < opt_rounds; round++) {
		if (round % 2 == 0) {
			MEASURE(m, path_mach);
			MEASURE(pp, path_pipe);
			MEASURE(io, path_ioctl);
			MEASURE(rm, path_rpc);
			MEASURE(rp, path_pipe);
			MEASURE(om, path_oneway);
			MEASURE(op, path_pipe_batch);
		} else {
			MEASURE(op, path_pipe_batch);
			MEASURE(om, path_oneway);
			MEASURE(rp, path_pipe);
			MEASURE(rm, path_rpc);
			MEASURE(io, path_ioctl);
			MEASURE(pp, path_pipe);
			MEASURE(m, path_mach);
		}
	}
}

static long scaled(long per, long div, long min)
{
	long v = opt_n * per / div;

	return v < min ? min : v;
}

/* Each size of @sizes: @mach against pipe_stream, alternating order. */
static void run_stream(enum kind kind, const struct stream_size *sizes,
		       size_t nsizes, long div, long min,
		       double (*mach)(struct pair *, struct stream *), int c0, int c1)
{
	size_t i;
	int round;

	for (i = 0; i < nsizes; i++) {
		struct stream s = { .size = sizes[i].size,
				    .count = scaled(sizes[i].per_n, div, min) };
		struct result *m, *b;

		m = add_result(kind, sizes[i].mlabel, sizes[i].key, 0,
			       s.size, s.count, c0, c1);
		b = add_result(kind, sizes[i].plabel, sizes[i].key, 1,
			       s.size, s.count, c0, c1);
		b->mach = m;
		for (round = 0; round < opt_rounds; round++) {
			if (round % 2 == 0) {
				MEASURE(m, mach, &s);
				MEASURE(b, pipe_stream, &s);
			} else {
				MEASURE(b, pipe_stream, &s);
				MEASURE(m, mach, &s);
			}
		}
	}
}

static void run_oneway(int c0, int c1)
{
	run_stream(ONEWAY, oneway_sizes, ARRAY_SIZE(oneway_sizes), 100, 4,
		   mach_inline, c0, c1);
}

static void run_ool(int c0, int c1)
{
	run_stream(OOL, ool_sizes, ARRAY_SIZE(ool_sizes), 100000, 2,
		   mach_ool, c0, c1);
}


/* ----------------------------------------------------------- growth */

/*
 * Growth curves (--only growth, not part of the default run): what an
 * operation costs as a space fills with ports, the kernel memory those
 * ports take (slab, from /proc/slabinfo and /proc/meminfo), and what
 * task_suspend + task_resume cost against the threads of the task.  Lines
 * starting "DATA " are for tools/bench-plot.
 */
#define GROWTH_MAX	100000

static long meminfo_kb(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			v = atol(line + strlen(key));
			break;
		}
	fclose(f);
	return v;
}

struct slab_cache {
	char name[64];
	long objsize, slabs, pages;	/* pages per slab */
};

/* /proc/slabinfo (root only): the caches and their slab pages */
static int read_slabinfo(struct slab_cache *c, int max)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return 0;
	while (n < max && fgets(line, sizeof(line), f)) {
		long active, num, objper, slabs_active;

		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%63s %ld %ld %ld %ld %ld : tunables %*d %*d %*d : slabdata %ld %ld",
			   c[n].name, &active, &num, &c[n].objsize, &objper, &c[n].pages,
			   &slabs_active, &c[n].slabs) == 8)
			n++;
	}
	fclose(f);
	return n;
}

static long slab_bytes(const struct slab_cache *c, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return c[i].slabs * c[i].pages * 4096;
	return 0;
}

/* The module's per-uid port limit, raised for the run when root may. */
static char saved_limit[32];
static const char limit_path[] = "/sys/module/mach/parameters/user_max_ports";

static void port_limit(int lift)
{
	FILE *f;

	if (lift) {
		f = fopen(limit_path, "r");
		if (!f || !fgets(saved_limit, sizeof(saved_limit), f))
			saved_limit[0] = 0;
		if (f)
			fclose(f);
	}
	if (!saved_limit[0])
		return;
	f = fopen(limit_path, "w");
	if (!f)
		return;
	fputs(lift ? "0\n" : saved_limit, f);
	fclose(f);
}

static void run_growth_ports(void)
{
	static const long levels[] = { 1000, 2000, 5000, 10000, 20000, 50000, GROWTH_MAX };
	static struct slab_cache before[512], after[512];
	mach_port_t *names = calloc(GROWTH_MAX, sizeof(*names));
	long have = 0, slab0, slab1;
	int nb, na, i, j;
	size_t l;

	if (!names)
		die("calloc");
	port_limit(1);
	nb = read_slabinfo(before, 512);
	slab0 = meminfo_kb("Slab:");
	printf("\nGrowth: cost against the ports in one space\n");
	printf("  %8s %14s %16s\n", "ports", "allocate us", "mach_port_type us");
	for (l = 0; l < ARRAY_SIZE(levels); l++) {
		long n = levels[l] - have, k;
		mach_port_type_t type;
		double t0, ta, tt;
		unsigned int x = 12345;

		t0 = now();
		for (k = 0; k < n; k++) {
			kern_return_t kr = mach_port_allocate(mach_task_self(),
							      MACH_PORT_RIGHT_RECEIVE,
							      &names[have + k]);

			check_kr(kr, "growth: mach_port_allocate");
		}
		ta = (now() - t0) / n;
		have += n;
		t0 = now();
		for (k = 0; k < 20000; k++) {
			x = x * 1103515245u + 12345u;
			check_kr(mach_port_type(mach_task_self(), names[(x >> 8) % have], &type),
				 "growth: mach_port_type");
		}
		tt = (now() - t0) / 20000;
		printf("  %8ld %14.2f %16.2f\n", have, ta * 1e6, tt * 1e6);
		printf("DATA growth ports %ld %.3f %.3f\n", have, ta * 1e6, tt * 1e6);
	}
	slab1 = meminfo_kb("Slab:");
	na = read_slabinfo(after, 512);
	printf("  slab per port at %ld ports: %ld bytes (/proc/meminfo Slab)\n", have,
	       (slab1 - slab0) * 1024 / have);
	printf("DATA memory slab_total %ld %ld\n", have, (slab1 - slab0) * 1024 / have);
	/* the caches that grew by more than 4 bytes a port */
	for (i = 0; i < na && nb; i++) {
		long d = slab_bytes(after, na, after[i].name) -
			 slab_bytes(before, nb, after[i].name);

		if (d / have < 4)
			continue;
		printf("  cache %-24s object %4ld B, %ld page(s) a slab: %ld bytes a port\n",
		       after[i].name, after[i].objsize, after[i].pages, d / have);
		printf("DATA memory cache_%s %ld %ld\n", after[i].name, have, d / have);
	}
	{
		char target[256];
		ssize_t n = readlink("/sys/kernel/slab/mk_port", target, sizeof(target) - 1);

		if (n > 0) {
			target[n] = 0;
			printf("  mk_port is an alias of %s (merged with other caches)\n", target);
		} else if (access("/sys/kernel/slab/mk_port", F_OK) == 0) {
			printf("  mk_port is a cache of its own (not merged)\n");
		}
	}
	for (j = 0; j < have; j++)
		check_kr(mach_port_mod_refs(mach_task_self(), names[j],
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 "growth: mach_port_mod_refs");
	port_limit(0);
	free(names);
}

static volatile int growth_stop;

static void *growth_thread(void *arg)
{
	(void)arg;
	while (!growth_stop)
		pause();
	return NULL;
}

/* A child with @nthreads threads in all, waiting; the parent times suspends. */
static void run_growth_suspend(void)
{
	static const int levels[] = { 1, 2, 4, 8, 16, 32, 64 };
	size_t l;

	printf("\nGrowth: task_suspend + task_resume against the threads of the task\n");
	printf("  %8s %14s\n", "threads", "suspend+resume us");
	for (l = 0; l < ARRAY_SIZE(levels); l++) {
		int go[2], i, status, iters = opt_quick ? 20 : 200;
		pid_t pid;
		task_t task;
		char c;
		double t0, t;

		if (pipe(go) < 0)
			die_errno("pipe");
		pid = fork();
		if (pid < 0)
			die_errno("fork");
		if (pid == 0) {
			pthread_t th;

			for (i = 1; i < levels[l]; i++)
				if (pthread_create(&th, NULL, growth_thread, NULL))
					_exit(1);
			if (write(go[1], "r", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		if (read(go[0], &c, 1) != 1)
			die("growth: child with %d threads did not start", levels[l]);
		check_kr(task_for_pid(mach_task_self(), pid, &task), "growth: task_for_pid");
		t0 = now();
		for (i = 0; i < iters; i++) {
			check_kr(task_suspend(task), "growth: task_suspend");
			check_kr(task_resume(task), "growth: task_resume");
		}
		t = (now() - t0) / iters;
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		mach_port_deallocate(mach_task_self(), task);
		close(go[0]);
		close(go[1]);
		printf("  %8d %14.2f\n", levels[l], t * 1e6);
		printf("DATA growth suspend %d %.3f\n", levels[l], t * 1e6);
	}
}

static void run_growth(void)
{
	cur_test = "growth";
	run_growth_ports();
	run_growth_suspend();
}

/* ----------------------------------------------------------- reporting */

static const char *const section_titles[] = {
	[RPC] = "RPC round trip, 32-byte payload each way",
	[ONEWAY] = "One-way throughput, inline messages (qlimit 1024)",
	[OOL] = "Out-of-line transfer (receiver vm_deallocates)",
	[PATH] = "Path cost in one process, 64 B (no sleep, no wake-up; diagnostic)",
	[SYNC] = "Semaphores and port fds (round trips between the two processes)",
};

static void print_table(void)
{
	enum kind k;
	int i;

	printf("\n%-40s %5s %8s %11s %9s %7s  %s\n", "mechanism", "cpus", "ops",
	       "us/op", "MB/s", "csw/op", "Mach/Linux time (range)");
	for (k = RPC; k <= SYNC; k++) {
		int any = 0;

		for (i = 0; i < nresults; i++) {
			struct result *r = &results[i];
			char ratio[32] = "";
			char mbs[32] = "-";

			if (r->kind != k)
				continue;
			if (!any++)
				printf("%s\n", section_titles[k]);
			if (r->bytes)
				snprintf(mbs, sizeof(mbs), "%.2f", r->bytes / r->value / 1e6);
			if (r->mach && opt_rounds > 1)
				snprintf(ratio, sizeof(ratio), "%.2fx (%.2f-%.2f)", r->ratio,
					 r->ratio_lo, r->ratio_hi);
			else if (r->mach)
				snprintf(ratio, sizeof(ratio), "%.2fx", r->ratio);
			else
				snprintf(ratio, sizeof(ratio), "(Mach)");
			printf("  %-38s %2d,%-2d %8ld %11.2f %9s %7.2f  %s\n", r->label,
			       r->cpus[0], r->cpus[1], r->ops, r->value * 1e6, mbs, r->csw,
			       ratio);
		}
	}
}

static struct result *find(enum kind k, const char *key, int baseline, int c0, int c1)
{
	int i;

	for (i = 0; i < nresults; i++) {
		struct result *r = &results[i];

		if (r->kind == k && r->baseline == baseline && r->cpus[0] == c0 &&
		    r->cpus[1] == c1 && !strcmp(r->key, key))
			return r;
	}
	return NULL;
}

static int misses;

static void target(const char *what, struct result *b, double limit, int strict_lt)
{
	int ok = strict_lt ? b->ratio < limit : b->ratio <= limit;

	if (!ok)
		misses++;
	printf("%s  %-44s cpus %d,%d: %.2fx (target %s %.2fx)\n", ok ? "PASS" : "MISS", what,
	       b->cpus[0], b->cpus[1], b->ratio, strict_lt ? "<" : "<=", limit);
}

static void print_targets(int c0, int c1)
{
	struct result *b;

	b = find(RPC, "pipe", 1, c0, c1);
	if (b)
		target("RPC round trip <= 1.0x pipe ping-pong", b, 1.0, 0);
	b = find(RPC, "unix", 1, c0, c1);
	if (b)
		target("RPC round trip <= 0.7x UNIX socket ping-pong", b, 0.7, 0);
	b = find(ONEWAY, "64", 1, c0, c1);
	if (b)	/* the same bytes: MB/s >= the pipe's is time <= the pipe's */
		target("64 B one-way throughput >= pipe", b, 1.0, 0);
	b = find(OOL, "ool16m", 1, c0, c1);
	if (b)
		target("OOL 16 MiB faster than the pipe", b, 1.0, 1);
	b = find(SYNC, "sfutex", 1, c0, c1);
	if (b)
		target("semaphore ping-pong <= 1.2x futex ping-pong", b, 1.2, 0);
}

/* --------------------------------------------------------------- main */

static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: %s [-n ITER] [-r ROUNDS] [--quick] [--cpus same|split|both]\n"
		"       [--only rpc|oneway|ool|path|sync|growth] [--verify] [--strict]\n"
		"  -n ITER      RPC round trips per round (default 2000); the\n"
		"               one-way and OOL message counts scale with it\n"
		"  -r ROUNDS    interleaved repetitions, median kept (default 21)\n"
		"  --quick      smoke test: a few of each, every byte checked\n"
		"  --cpus       both processes on CPU 0 (same, the default), on\n"
		"               CPUs 0 and 1 (split), or both placements in turn\n"
		"  --only       one section; growth (never in the default run):\n"
		"               cost and slab memory against ports in a space,\n"
		"               suspend cost against threads\n"
		"  --verify     check every byte received (default: the ends)\n"
		"  --strict     exit 3 when a target is missed\n", progname);
	exit(status);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "only", required_argument, NULL, 'o' },
		{ "verify", no_argument, NULL, 'v' },
		{ "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int placements[2][2] = { { 0, 0 }, { 0, 1 } };
	int do_place[2], ncpu, c, i;
	struct utsname u;
	char *end;

	while ((c = getopt_long(argc, argv, "n:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			opt_n = strtol(optarg, &end, 0);
			if (*end || opt_n < 1)
				usage(2);
			break;
		case 'r':
			opt_rounds = strtol(optarg, &end, 0);
			if (*end || opt_rounds < 1 || opt_rounds > MAX_ROUNDS)
				usage(2);
			break;
		case 'q':
			opt_quick = 1;
			break;
		case 'c':
			opt_same = !strcmp(optarg, "same") || !strcmp(optarg, "both");
			opt_split = !strcmp(optarg, "split") || !strcmp(optarg, "both");
			if (!opt_same && !opt_split)
				usage(2);
			break;
		case 'o':
			if (strcmp(optarg, "rpc") && strcmp(optarg, "oneway") &&
			    strcmp(optarg, "ool") && strcmp(optarg, "path") &&
			    strcmp(optarg, "sync") && strcmp(optarg, "growth"))
				usage(2);
			opt_only = optarg;
			break;
		case 'v':
			opt_verify = 1;
			break;
		case 's':
			opt_strict = 1;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc)
		usage(2);
	if (opt_quick) {
		opt_n = 200;
		opt_rounds = 1;
		opt_verify = 1;
	}
	rpc_iters = opt_n;
	path_iters = opt_n * 2;
	watchdog_secs = opt_quick ? 60 : 120;
	signal(SIGALRM, on_alarm);
	{
		struct sigaction sa = { .sa_handler = on_sigchld,
					.sa_flags = SA_RESTART | SA_NOCLDSTOP };

		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, NULL);
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (mach_task_self() == MACH_PORT_NULL)
		die("no Mach task (is mach.ko loaded and /dev/mach there?)");
	ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	do_place[0] = opt_same;
	do_place[1] = opt_split && ncpu >= 2;
	uname(&u);
	printf("mach-bench: %s %s, %d CPUs online, -n %ld, %d round%s (median), %s\n",
	       u.sysname, u.release, ncpu, opt_n, opt_rounds, opt_rounds > 1 ? "s" : "",
	       opt_quick ? "quick smoke run" : "full run");
	if (opt_split && ncpu < 2)
		printf("mach-bench: one CPU online: no split placement\n");

	for (i = 0; i < 2; i++) {
		int c0 = placements[i][0], c1 = placements[i][1];
		double t = now();

		if (!do_place[i])
			continue;
		if (!opt_only || !strcmp(opt_only, "rpc"))
			run_rpc(c0, c1);
		if (!opt_only || !strcmp(opt_only, "oneway"))
			run_oneway(c0, c1);
		if (!opt_only || !strcmp(opt_only, "ool"))
			run_ool(c0, c1);
		if (c0 == c1 && (!opt_only || !strcmp(opt_only, "path")))
			run_path(c0, c1);
		if (!opt_only || !strcmp(opt_only, "sync"))
			run_sync(c0, c1);
		if (opt_only && !strcmp(opt_only, "growth") && i == 0)
			run_growth();
		printf("mach-bench: CPUs %d,%d measured in %.1f s\n", c0, c1, now() - t);
	}
	cur_test = "report";
	for (i = 0; i < nresults; i++) {
		results[i].value = median(results[i].samples, results[i].nsamples);
		results[i].csw = median(results[i].csw_samples, results[i].nsamples);
	}
	for (i = 0; i < nresults; i++)
		if (results[i].mach)
			pair_ratios(&results[i]);
	print_table();
	printf("\nTargets (Mach time / Linux time for the same work, median of the rounds;\n"
	       "lower is better%s):\n",
	       opt_quick ? "; a quick run is too short to judge them" : "");
	for (i = 0; i < 2; i++)
		if (do_place[i])
			print_targets(placements[i][0], placements[i][1]);
	if (opt_quick)
		printf("mach-bench: quick run: every transfer worked (timings not meaningful)\n");
	return opt_strict && misses ? 3 : 0;
}
