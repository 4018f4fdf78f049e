// SPDX-License-Identifier: GPL-2.0
/*
 * icount loops: the message loops whose instructions tools/icount/run
 * counts, each between calls to mark_start() and mark_stop() (the plugin
 * watches those two addresses; the program is linked static, not PIE, so
 * they are fixed).  One process, pinned to CPU 0, with its peers:
 *
 *   window 1  one-way: 64 sends of 64 bytes to a port, then 64 receives
 *   window 2  the same bytes through a pipe: 64 writes, then 64 reads
 *   window 3  RPC: mach_msg(SEND|RCV) with a MAKE_SEND_ONCE reply port, to
 *             a server process replying with SEND|RCV; 32-byte payloads
 *   window 4  pipe ping-pong with a child process, 32 bytes each way
 *
 * Usage: icount-loops N   (N batches of 64 messages or round trips each)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <servers/bootstrap.h>

#define BATCH 64

__attribute__((noinline)) void mark_start(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void mark_stop(void)
{
	__asm__ volatile("nop" ::: "memory");
}

static void die(const char *what, kern_return_t kr)
{
	fprintf(stderr, "icount-loops: %s: %s (%#x)\n", what, mach_error_string(kr), kr);
	exit(1);
}

static void die_errno(const char *what)
{
	perror(what);
	exit(1);
}

struct msg64 {
	mach_msg_header_t h;
	char body[64 - sizeof(mach_msg_header_t)];
};

struct rcv64 {
	mach_msg_header_t h;
	char body[64 - sizeof(mach_msg_header_t)];
	mach_msg_max_trailer_t trailer;
};

struct rpc {
	mach_msg_header_t h;
	char body[32];
	mach_msg_max_trailer_t trailer;
};

static mach_port_t port, server, reply;
static int pfd[2], req[2], rep[2];

static void oneway_mach(void)
{
	struct msg64 s;
	struct rcv64 r;
	kern_return_t kr;
	int i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < BATCH; i++) {
		s.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		s.h.msgh_size = sizeof(s);
		s.h.msgh_remote_port = port;
		s.h.msgh_local_port = MACH_PORT_NULL;
		s.h.msgh_id = 1;
		kr = mach_msg(&s.h, MACH_SEND_MSG, sizeof(s), 0, MACH_PORT_NULL,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (kr)
			die("send", kr);
	}
	for (i = 0; i < BATCH; i++) {
		kr = mach_msg(&r.h, MACH_RCV_MSG, 0, sizeof(r), port,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (kr)
			die("receive", kr);
	}
}

static void oneway_pipe(void)
{
	char buf[64] = { 0 };
	int i;

	for (i = 0; i < BATCH; i++)
		if (write(pfd[1], buf, sizeof(buf)) != sizeof(buf))
			die_errno("icount-loops: pipe write");
	for (i = 0; i < BATCH; i++)
		if (read(pfd[0], buf, sizeof(buf)) != sizeof(buf))
			die_errno("icount-loops: pipe read");
}

static void rpc_mach(void)
{
	struct rpc m;
	kern_return_t kr;
	int i;

	memset(&m, 0, sizeof(m));
	for (i = 0; i < BATCH; i++) {
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					       MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_size = sizeof(m.h) + sizeof(m.body);
		m.h.msgh_remote_port = server;
		m.h.msgh_local_port = reply;
		m.h.msgh_id = 2;
		kr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, m.h.msgh_size,
			      sizeof(m), reply, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (kr)
			die("rpc", kr);
	}
}

static void __attribute__((noreturn)) rpc_server(void)
{
	struct rpc m;
	kern_return_t kr;

	kr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), server,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	for (;;) {
		if (kr)
			die("server", kr);
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		m.h.msgh_size = sizeof(m.h) + sizeof(m.body);
		m.h.msgh_local_port = MACH_PORT_NULL;
		kr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, m.h.msgh_size,
			      sizeof(m), server, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	}
}

static void rpc_pipe(void)
{
	char buf[32] = { 0 };
	int i;

	for (i = 0; i < BATCH; i++)
		if (write(req[1], buf, sizeof(buf)) != sizeof(buf) ||
		    read(rep[0], buf, sizeof(buf)) != sizeof(buf))
			die_errno("icount-loops: pipe ping-pong");
}

static void __attribute__((noreturn)) pipe_server(void)
{
	char buf[32];

	close(req[1]);		/* EOF when the parent closes its end */
	while (read(req[0], buf, sizeof(buf)) == sizeof(buf) &&
	       write(rep[1], buf, sizeof(buf)) == sizeof(buf))
		;
	exit(0);
}

static void measure(void (*loop)(void), long n)
{
	long i;

	for (i = 0; i < 4; i++)		/* warm: first-touch faults, translation */
		loop();
	mark_start();
	for (i = 0; i < n; i++)
		loop();
	mark_stop();
}

int main(int argc, char **argv)
{
	mach_port_limits_t lim = { .mpl_qlimit = BATCH };
	long n = argc > 1 ? atol(argv[1]) : 100;
	pid_t mach_srv, pipe_srv;
	cpu_set_t cpus;
	kern_return_t kr;

	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		die_errno("icount-loops: sched_setaffinity");
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	if (!kr)
		kr = mach_port_insert_right(mach_task_self(), port, port,
					    MACH_MSG_TYPE_MAKE_SEND);
	if (!kr)
		kr = mach_port_set_attributes(mach_task_self(), port, MACH_PORT_LIMITS_INFO,
					      (mach_port_info_t)&lim,
					      MACH_PORT_LIMITS_INFO_COUNT);
	if (kr)
		die("port", kr);
	if (pipe(pfd) || pipe(req) || pipe(rep))
		die_errno("icount-loops: pipe");

	mach_srv = fork();
	if (mach_srv == 0) {
		kr = bootstrap_check_in(bootstrap_port, "org.linux-mach.icount", &server);
		if (kr)
			die("bootstrap_check_in", kr);
		rpc_server();
	}
	pipe_srv = fork();
	if (pipe_srv == 0)
		pipe_server();
	while (bootstrap_look_up(bootstrap_port, "org.linux-mach.icount", &server))
		usleep(1000);
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
	if (kr)
		die("reply port", kr);

	measure(oneway_mach, n);
	measure(oneway_pipe, n);
	measure(rpc_mach, n);
	measure(rpc_pipe, n);

	kill(mach_srv, SIGKILL);
	close(req[1]);
	waitpid(mach_srv, NULL, 0);
	waitpid(pipe_srv, NULL, 0);
	return 0;
}
