// SPDX-License-Identifier: GPL-2.0
/*
 * Introspection over generic netlink (Documentation/introspection.rst),
 * through the tools a user runs: lsmp and machstat (found on PATH; in the
 * VM, /opt/mach/bin), plus raw netlink for the requests no tool would
 * send.  The selftests link only libmach, so the malformed requests are
 * built by hand here; the tools themselves use libnl-genl-3.
 *
 * The test process creates no Mach object itself: forked workers do, and
 * the tools are started with posix_spawn (which runs no atfork handler, so
 * they never become Mach tasks).  Each test ends by waiting until the
 * module's statistics are back to what they were when it began.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/mach_netlink.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include "harness.h"

extern char **environ;

#define TOOLS_HINT "lsmp and machstat must be on PATH (tools/lsmp.c, " \
	"tools/machstat.c, built with libnl-genl-3; see Documentation/introspection.rst)"
#define NOBODY		65534
#define PEER_NAME	0x424203u	/* a name the test picks in a child */
#define WAIT_MS		20000
#define UTIL_SURVIVED	4	/* a worker that should have been killed */

/* ------------------------------------------------------------------ */
/* Workers: forked processes that do the Mach work, driven over pipes. */

struct worker {
	pid_t pid;
	int rd;		/* what the worker writes */
	int wr;		/* what the worker reads */
};

typedef void (*worker_fn)(int rd, int wr, void *arg);

/* Inside a worker: a failed step ends it; the test sees the pipe close. */
#define W_CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("# worker %d: %s failed (line %d)\n", getpid(),	\
		       #cond, __LINE__);				\
		fflush(stdout);						\
		_exit(3);						\
	}								\
} while (0)

static int put32(int fd, uint32_t v)
{
	return write(fd, &v, sizeof(v)) == sizeof(v) ? 0 : -1;
}

static int get32_within(int fd, uint32_t *v, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) != 1)
		return -1;
	return read(fd, v, sizeof(*v)) == sizeof(*v) ? 0 : -1;
}

static int get32(int fd, uint32_t *v)
{
	return get32_within(fd, v, WAIT_MS);
}

/*
 * Our ends of every running worker's pipes.  A new worker closes them, so
 * that no process but us holds another worker's pipe open.
 */
static int worker_fds[16];
static int nworker_fds;

static void worker_fds_forget(int fd)
{
	int i;

	for (i = 0; i < nworker_fds; i++)
		if (worker_fds[i] == fd)
			worker_fds[i] = worker_fds[--nworker_fds];
}

/* fork(): libmach's atfork handler makes the worker a Mach task. */
static int worker_start(struct worker *w, worker_fn fn, void *arg)
{
	int down[2], up[2], i;

	if (nworker_fds + 2 > 16 || pipe2(down, O_CLOEXEC) ||
	    pipe2(up, O_CLOEXEC))
		return -1;
	fflush(stdout);
	w->pid = fork();
	if (w->pid < 0)
		return -1;
	if (w->pid == 0) {
		for (i = 0; i < nworker_fds; i++)
			close(worker_fds[i]);
		nworker_fds = 0;
		close(down[1]);
		close(up[0]);
		fn(down[0], up[1], arg);
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	w->rd = up[0];
	w->wr = down[1];
	worker_fds[nworker_fds++] = w->rd;
	worker_fds[nworker_fds++] = w->wr;
	return 0;
}

/* Closing its pipe tells a worker to finish; returns its wait status. */
static int worker_stop(struct worker *w)
{
	int status = -1;

	worker_fds_forget(w->wr);
	worker_fds_forget(w->rd);
	close(w->wr);
	close(w->rd);
	if (waitpid(w->pid, &status, 0) != w->pid)
		return -1;
	return status;
}

/* A worker's last step: wait until the test closes the pipe. */
static void worker_idle(int rd)
{
	uint32_t v;

	while (read(rd, &v, sizeof(v)) > 0)
		;
}

/* ------------------------------------------------------------------ */
/* Running the tools */

struct run {
	char *out;	/* stdout and stderr */
	size_t len;
	int status;
};

/* posix_spawnp @argv with stdout and stderr on a pipe; returns its fd. */
static int spawn_tool(char *const argv[], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int p[2], err;

	if (pipe2(p, O_CLOEXEC))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	err = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (err) {
		printf("# cannot run %s: %s; " TOOLS_HINT "\n", argv[0],
		       strerror(err));
		close(p[0]);
		return -1;
	}
	return p[0];
}

static void run_free(struct run *r)
{
	free(r->out);
	memset(r, 0, sizeof(*r));
}

/* Runs @argv to completion; 0 if it could be run (see r->status). */
static int run_tool(struct run *r, char *const argv[])
{
	size_t cap = 1 << 16;
	pid_t pid;
	ssize_t n;
	int fd;

	memset(r, 0, sizeof(*r));
	fd = spawn_tool(argv, &pid);
	if (fd < 0)
		return -1;
	r->out = malloc(cap);
	for (;;) {
		if (r->len + 4096 + 1 > cap) {
			cap *= 2;
			r->out = realloc(r->out, cap);
		}
		if (!r->out)
			break;
		n = read(fd, r->out + r->len, cap - r->len - 1);
		if (n <= 0)
			break;
		r->len += n;
	}
	close(fd);
	waitpid(pid, &r->status, 0);
	if (!r->out)
		return -1;
	r->out[r->len] = '\0';
	return 0;
}

static int lsmp_pid(struct run *r, pid_t pid)
{
	char arg[16];
	char *argv[] = { "lsmp", "-p", arg, NULL };

	snprintf(arg, sizeof(arg), "%d", pid);
	return run_tool(r, argv);
}

/* @cmdline as user nobody (busybox su; root needs no password). */
static int run_nobody(struct run *r, const char *cmdline)
{
	char *argv[] = { "su", "nobody", "-s", "/bin/sh", "-c",
			 (char *)cmdline, NULL };

	return run_tool(r, argv);
}

/* A tool's output, as TAP comments. */
static void show(const char *out)
{
	const char *nl;

	for (; out && *out; out = nl ? nl + 1 : NULL) {
		nl = strchr(out, '\n');
		printf("# %.*s\n", nl ? (int)(nl - out) : (int)strlen(out), out);
	}
}

static bool exited_ok(const struct run *r)
{
	return WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0;
}

/* One row of `lsmp -p`: name, port-id, rights, urefs, the rest. */
struct row {
	unsigned int name;
	char id[24], rights[64], urefs[16], rest[1024];
};

static int lsmp_row(const char *out, unsigned int name, struct row *row)
{
	const char *line;

	for (line = out; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		memset(row, 0, sizeof(*row));
		if (sscanf(line, " 0x%x %23s %63s %15s %1023[^\n]", &row->name,
			   row->id, row->rights, row->urefs, row->rest) >= 4 &&
		    row->name == name)
			return 0;
	}
	return -1;
}

/* Does @rest (peer / details) begin with "(pid)"? */
static bool names_pid(const char *rest, pid_t pid)
{
	char want[24];

	snprintf(want, sizeof(want), "(%d)", pid);
	return !strncmp(rest, want, strlen(want));
}

/* ------------------------------------------------------------------ */
/* Statistics (machstat), and the baseline every test returns to */

struct stats {
	long long tasks, spaces, ports, psets, names, kmsgs;
	long long sent, received, notifications, suspended, holds, dropped;
	long long ool;
};

static int stats_read(struct stats *s)
{
	static const struct {
		const char *label;
		size_t off;
	} f[] = {
		{ "tasks", offsetof(struct stats, tasks) },
		{ "spaces", offsetof(struct stats, spaces) },
		{ "ports", offsetof(struct stats, ports) },
		{ "port sets", offsetof(struct stats, psets) },
		{ "names", offsetof(struct stats, names) },
		{ "messages alive", offsetof(struct stats, kmsgs) },
		{ "messages sent", offsetof(struct stats, sent) },
		{ "messages received", offsetof(struct stats, received) },
		{ "notifications sent", offsetof(struct stats, notifications) },
		{ "suspended tasks", offsetof(struct stats, suspended) },
		{ "suspensions", offsetof(struct stats, holds) },
		{ "events dropped", offsetof(struct stats, dropped) },
		{ "OOL bytes sent", offsetof(struct stats, ool) },
	};
	char *argv[] = { "machstat", NULL };
	unsigned int found = 0;
	struct run r;
	size_t i;
	char *line;

	if (run_tool(&r, argv) || !exited_ok(&r)) {
		printf("# machstat failed: %s\n", r.out ? r.out : "");
		run_free(&r);
		return -1;
	}
	/* "label   value": the value is the last word */
	for (line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
		char *v = strrchr(line, ' '), *end = v;

		while (end && end > line && end[-1] == ' ')
			end--;
		for (i = 0; v && i < sizeof(f) / sizeof(f[0]); i++) {
			if (strlen(f[i].label) == (size_t)(end - line) &&
			    !strncmp(line, f[i].label, end - line)) {
				*(long long *)((char *)s + f[i].off) = atoll(v);
				found++;
			}
		}
	}
	run_free(&r);
	return found == sizeof(f) / sizeof(f[0]) ? 0 : -1;
}

/* The counters of what is alive (the others only grow). */
static bool stats_alive_same(const struct stats *a, const struct stats *b)
{
	return a->tasks == b->tasks && a->spaces == b->spaces &&
	       a->ports == b->ports && a->psets == b->psets &&
	       a->names == b->names && a->kmsgs == b->kmsgs &&
	       a->suspended == b->suspended && a->holds == b->holds;
}

static void stats_log(const char *what, const struct stats *s)
{
	printf("# %s: tasks %lld spaces %lld ports %lld psets %lld names %lld "
	       "kmsgs %lld suspended %lld holds %lld\n", what, s->tasks,
	       s->spaces, s->ports, s->psets, s->names, s->kmsgs, s->suspended,
	       s->holds);
}

/* Wait (exit teardown runs in a work queue) until alive == @base. */
static int stats_wait(const struct stats *base, int ms)
{
	struct stats now;
	int waited;

	for (waited = 0; waited <= ms; waited += 50) {
		if (stats_read(&now))
			return -1;
		if (stats_alive_same(base, &now))
			return 0;
		usleep(50000);
	}
	stats_log("baseline", base);
	stats_log("now", &now);
	return -1;
}

/* A baseline: two equal readings in a row. */
static int stats_settle(struct stats *base)
{
	struct stats again;
	int i;

	for (i = 0; i < 200; i++) {
		if (stats_read(base) || stats_read(&again))
			return -1;
		if (stats_alive_same(base, &again))
			return 0;
		usleep(50000);
	}
	return -1;
}

#define EXPECT_BASELINE(base) EXPECT_EQ(0, stats_wait((base), 60000))

/* ------------------------------------------------------------------ */
/* Two processes exchanging rights, seen by lsmp */

/* C: one receive right, named to its parent; lives until told. */
static void peer_worker(int rd, int wr, void *arg)
{
	mach_port_t q;

	W_CHECK(!mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &q));
	W_CHECK(!put32(wr, q));
	worker_idle(rd);
}

/*
 * W: a port P (receive + send); it plants a send right to P in its child
 * C under PEER_NAME and takes a send right to C's port Q (with 3 urefs).
 */
static void exchange_worker(int rd, int wr, void *arg)
{
	mach_port_t self = mach_task_self(), p, q, qsend, t;
	mach_msg_type_name_t type;
	struct worker c;
	uint32_t cmd;

	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p));
	W_CHECK(!mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND));
	W_CHECK(!worker_start(&c, peer_worker, NULL));
	W_CHECK(!get32(c.rd, &q));
	W_CHECK(!task_for_pid(self, c.pid, &t));
	W_CHECK(!mach_port_insert_right(t, PEER_NAME, p,
					MACH_MSG_TYPE_MAKE_SEND));
	W_CHECK(!mach_port_extract_right(t, q, MACH_MSG_TYPE_MAKE_SEND, &qsend,
					 &type));
	W_CHECK(!mach_port_mod_refs(self, qsend, MACH_PORT_RIGHT_SEND, 2));
	W_CHECK(!mach_port_deallocate(self, t));
	W_CHECK(!put32(wr, c.pid) && !put32(wr, p) && !put32(wr, qsend) &&
		!put32(wr, q));
	W_CHECK(!get32(rd, &cmd));
	W_CHECK(worker_stop(&c) == 0);
	W_CHECK(!put32(wr, 1));
	worker_idle(rd);
}

/*
 * W (a worker) and its child C exchange rights (exchange_worker): C holds
 * a send right to W's P under PEER_NAME and the receive right Q; W holds
 * a send right to Q with 3 urefs.  The teardown stops them and checks
 * that the module's statistics are back to where they were.
 */
FIXTURE(exchange) {
	uint32_t cpid, p, qsend, q;
	struct stats base;
	struct worker w;
	bool peer_gone;		/* W was told to stop C (and did) */
};

FIXTURE_SETUP(exchange)
{
	ASSERT_EQ(0, stats_settle(&self->base));
	ASSERT_EQ(0, worker_start(&self->w, exchange_worker, NULL));
	ASSERT_EQ(0, get32(self->w.rd, &self->cpid));
	ASSERT_EQ(0, get32(self->w.rd, &self->p));
	ASSERT_EQ(0, get32(self->w.rd, &self->qsend));
	ASSERT_EQ(0, get32(self->w.rd, &self->q));
}

/* Tells W to stop its child C; true once W says C is gone. */
static bool exchange_stop_peer(struct _fixture_exchange *self)
{
	uint32_t done;

	self->peer_gone = !put32(self->w.wr, 1) && !get32(self->w.rd, &done);
	return self->peer_gone;
}

FIXTURE_TEARDOWN(exchange)
{
	if (!self->peer_gone)
		EXPECT_TRUE(exchange_stop_peer(self));
	EXPECT_EQ(0, worker_stop(&self->w));
	EXPECT_BASELINE(&self->base);
}

/* the child: a send right to P under the name W chose, peer W; its
 * receive right Q has one sender */
TEST_F_TIMEOUT(exchange, lsmp_shows_send_right_peer_and_receiver, 180)
{
	struct run r;
	struct row row;

	ASSERT_EQ(0, lsmp_pid(&r, self->cpid));
	show(r.out);
	EXPECT_TRUE(exited_ok(&r));
	ASSERT_EQ(0, lsmp_row(r.out, PEER_NAME, &row));
	EXPECT_STREQ("send", row.rights);
	EXPECT_STREQ("1", row.urefs);
	EXPECT_TRUE(names_pid(row.rest, self->w.pid));
	ASSERT_EQ(0, lsmp_row(r.out, self->q, &row));
	EXPECT_STREQ("recv", row.rights);
	EXPECT_TRUE(strstr(row.rest, "srights 1") != NULL);
	run_free(&r);
}

/* W: a send right to Q with 3 urefs, peer C; P has two senders; W's
 * own task port is listed */
TEST_F_TIMEOUT(exchange, lsmp_shows_urefs_senders_and_task_port, 180)
{
	char want[32];
	struct run r;
	struct row row;

	ASSERT_EQ(0, lsmp_pid(&r, self->w.pid));
	show(r.out);
	ASSERT_EQ(0, lsmp_row(r.out, self->qsend, &row));
	EXPECT_STREQ("send", row.rights);
	EXPECT_STREQ("3", row.urefs);
	EXPECT_TRUE(names_pid(row.rest, self->cpid));
	ASSERT_EQ(0, lsmp_row(r.out, self->p, &row));
	EXPECT_STREQ("recv,send", row.rights);
	EXPECT_STREQ("1", row.urefs);
	EXPECT_TRUE(strstr(row.rest, "srights 2") != NULL);
	snprintf(want, sizeof(want), "task-port (%d)", self->w.pid);
	EXPECT_TRUE(strstr(r.out, want) != NULL);
	run_free(&r);
}

/* C exits: W's send right to Q becomes a dead name, urefs kept; P has
 * one sender left */
TEST_F_TIMEOUT(exchange, lsmp_shows_dead_name_when_the_peer_exits, 180)
{
	struct run r;
	struct row row;
	int i;

	ASSERT_TRUE(exchange_stop_peer(self));
	for (i = 0; i < 200; i++) {
		ASSERT_EQ(0, lsmp_pid(&r, self->w.pid));
		ASSERT_EQ(0, lsmp_row(r.out, self->qsend, &row));
		if (!strcmp(row.rights, "dead-name"))
			break;
		run_free(&r);
		usleep(50000);
	}
	show(r.out);
	EXPECT_STREQ("dead-name", row.rights);
	EXPECT_STREQ("3", row.urefs);
	ASSERT_EQ(0, lsmp_row(r.out, self->p, &row));
	EXPECT_TRUE(strstr(row.rest, "srights 1") != NULL);
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* machstat -w: suspend, resume and port-death events, in order */

static void sleeper_worker(int rd, int wr, void *arg)
{
	W_CHECK(!put32(wr, 1));
	for (;;)
		pause();
}

static void suspend_worker(int rd, int wr, void *arg)
{
	mach_port_t self = mach_task_self(), t, rcv;
	struct worker c;
	uint32_t cmd;
	int status;

	W_CHECK(!worker_start(&c, sleeper_worker, NULL));
	W_CHECK(!get32(c.rd, &cmd));
	W_CHECK(!task_for_pid(self, c.pid, &t));
	W_CHECK(!put32(wr, c.pid));
	W_CHECK(!get32(rd, &cmd));
	W_CHECK(!task_suspend(t));
	W_CHECK(!task_resume(t));
	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &rcv));
	W_CHECK(!put32(wr, rcv));
	W_CHECK(!get32(rd, &cmd));
	W_CHECK(!mach_port_mod_refs(self, rcv, MACH_PORT_RIGHT_RECEIVE, -1));
	kill(c.pid, SIGKILL);
	W_CHECK(waitpid(c.pid, &status, 0) == c.pid);
	W_CHECK(!mach_port_deallocate(self, t));
	W_CHECK(!put32(wr, 1));
	worker_idle(rd);
}

/* Reads one line from @fd into @buf (blocking at most WAIT_MS). */
static int read_line(int fd, char *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	char ch;

	while (n + 1 < len) {
		if (poll(&p, 1, WAIT_MS) != 1 || read(fd, &ch, 1) != 1)
			return -1;
		if (ch == '\n')
			break;
		buf[n++] = ch;
	}
	buf[n] = '\0';
	return 0;
}

/* Index of the first of @lines (from @from on) containing all of @subs. */
static int find_line(char lines[][256], int n, int from, const char *a,
		     const char *b, const char *c)
{
	int i;

	for (i = from < 0 ? 0 : from; i < n; i++)
		if (strstr(lines[i], a) && strstr(lines[i], b) &&
		    strstr(lines[i], c))
			return i;
	return -1;
}

TEST_TIMEOUT(machstat_watch_orders_suspend_resume_and_port_death, 180)
{
	static char lines[512][256];
	char *argv[] = { "machstat", "-w", NULL };
	char sub[64], by[64], died[64], rport[64], tport[64];
	int fd, n = 0, i1, i2, i3, i4, i5;
	uint32_t cpid, rcv, done;
	struct stats base;
	struct worker w;
	struct row row;
	struct run r;
	pid_t mpid;

	ASSERT_EQ(0, stats_settle(&base));
	fd = spawn_tool(argv, &mpid);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, read_line(fd, lines[0], sizeof(lines[0])));
	ASSERT_TRUE(strstr(lines[0], "# watching") != NULL);

	ASSERT_EQ(0, worker_start(&w, suspend_worker, NULL));
	ASSERT_EQ(0, get32(w.rd, &cpid));
	ASSERT_EQ(0, put32(w.wr, 1));		/* suspend, resume */
	ASSERT_EQ(0, get32(w.rd, &rcv));
	ASSERT_EQ(0, lsmp_pid(&r, w.pid));	/* the port's id */
	ASSERT_EQ(0, lsmp_row(r.out, rcv, &row));
	run_free(&r);
	ASSERT_EQ(0, put32(w.wr, 2));		/* destroy it, kill C */
	ASSERT_EQ(0, get32(w.rd, &done));

	snprintf(sub, sizeof(sub), "pid %u (", cpid);
	snprintf(by, sizeof(by), "by %d (", w.pid);
	snprintf(died, sizeof(died), "pid %u ", cpid);
	snprintf(rport, sizeof(rport), "port %s receiver %d ", row.id, w.pid);
	snprintf(tport, sizeof(tport), "task-port of %u ", cpid);
	/* read until C's task port has been destroyed */
	while (n < 512 && read_line(fd, lines[n], sizeof(lines[n])) == 0) {
		printf("# machstat: %s\n", lines[n]);
		if (strstr(lines[n++], tport))
			break;
	}
	kill(mpid, SIGTERM);
	waitpid(mpid, NULL, 0);
	close(fd);

	i1 = find_line(lines, n, 0, "suspended", sub, by);
	i2 = find_line(lines, n, i1, "resumed", sub, by);
	i3 = find_line(lines, n, i2, "port-destroyed", rport, "");
	/* torn down by the exiting process itself, or by the kernel's worker */
	i4 = find_line(lines, n, i3, "task-died", died, "");
	i5 = find_line(lines, n, i4, "port-destroyed", tport, "");
	EXPECT_LE(0, i1);
	EXPECT_LT(i1, i2);
	EXPECT_LT(i2, i3);
	EXPECT_LT(i3, i4);
	EXPECT_LT(i4, i5);
	EXPECT_TRUE(strstr(lines[i1 < 0 ? 0 : i1], "holds 1 legacy 1") != NULL);
	EXPECT_TRUE(strstr(lines[i2 < 0 ? 0 : i2], "holds 0 legacy 0") != NULL);

	EXPECT_EQ(0, worker_stop(&w));
	EXPECT_BASELINE(&base);
}

/* G: violates a port guard (destroys a guarded receive right). */
static void guard_worker(int rd, int wr, void *arg)
{
	mach_port_t self = mach_task_self(), q;

	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q));
	W_CHECK(!mach_port_guard(self, q, 0x1234, FALSE));
	W_CHECK(!put32(wr, q));
	mach_port_destroy(self, q);
	_exit(UTIL_SURVIVED);
}

/* W: a no-senders notification to its port N, then a guard violation. */
static void notify_worker(int rd, int wr, void *arg)
{
	mach_port_t self = mach_task_self(), p, n, prev;
	struct worker g;
	uint32_t cmd;
	int status;

	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p));
	W_CHECK(!mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND));
	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &n));
	W_CHECK(!mach_port_request_notification(self, p, MACH_NOTIFY_NO_SENDERS,
						0, n,
						MACH_MSG_TYPE_MAKE_SEND_ONCE,
						&prev));
	W_CHECK(!put32(wr, n));
	W_CHECK(!get32(rd, &cmd));
	W_CHECK(!mach_port_deallocate(self, p));	/* the last sender */
	W_CHECK(!worker_start(&g, guard_worker, NULL));
	W_CHECK(!get32(g.rd, &cmd));
	status = worker_stop(&g);
	W_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	W_CHECK(!put32(wr, g.pid));
	worker_idle(rd);
}

TEST_TIMEOUT(machstat_watch_shows_notifications_and_guard_violations, 180)
{
	static char lines[512][256];
	char *argv[] = { "machstat", "-w", NULL };
	char note[96], guard[64];
	uint32_t n, gpid;
	int fd, i = 0, in, ig;
	struct stats base;
	struct worker w;
	struct row row;
	struct run r;
	pid_t mpid;

	ASSERT_EQ(0, stats_settle(&base));
	fd = spawn_tool(argv, &mpid);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, read_line(fd, lines[0], sizeof(lines[0])));
	ASSERT_EQ(0, worker_start(&w, notify_worker, NULL));
	ASSERT_EQ(0, get32(w.rd, &n));
	ASSERT_EQ(0, lsmp_pid(&r, w.pid));	/* N's port id */
	ASSERT_EQ(0, lsmp_row(r.out, n, &row));
	run_free(&r);
	ASSERT_EQ(0, put32(w.wr, 1));
	ASSERT_EQ(0, get32(w.rd, &gpid));

	snprintf(note, sizeof(note), "no-senders (%d) to port %s receiver %d ",
		 MACH_NOTIFY_NO_SENDERS, row.id, w.pid);
	snprintf(guard, sizeof(guard), "pid %u (", gpid);
	while (i < 512 && read_line(fd, lines[i], sizeof(lines[i])) == 0) {
		printf("# machstat: %s\n", lines[i]);
		if (strstr(lines[i++], guard) && strstr(lines[i - 1], "guard"))
			break;
	}
	kill(mpid, SIGTERM);
	waitpid(mpid, NULL, 0);
	close(fd);
	in = find_line(lines, i, 0, "notification", note, "");
	ig = find_line(lines, i, in, "guard", guard, "code 1");
	EXPECT_LE(0, in);
	EXPECT_LT(in, ig);

	EXPECT_EQ(0, worker_stop(&w));
	EXPECT_BASELINE(&base);
}

/* ------------------------------------------------------------------ */
/* Permissions */

/* A Mach task of user nobody, with one port. */
static void nobody_worker(int rd, int wr, void *arg)
{
	mach_port_t p;

	W_CHECK(!setgroups(0, NULL) && !setgid(NOBODY) && !setuid(NOBODY));
	W_CHECK(!mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &p));
	W_CHECK(!put32(wr, p));
	worker_idle(rd);
}

static void root_worker(int rd, int wr, void *arg)
{
	mach_port_t p;

	W_CHECK(!mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &p));
	W_CHECK(!put32(wr, p));
	worker_idle(rd);
}

/*
 * A Mach task of @uid that lives three seconds: long enough for a watcher
 * started now to subscribe, then its exit is an event.
 */
static pid_t short_lived_task(uid_t uid)
{
	mach_port_t p;
	pid_t pid = fork();

	if (pid)
		return pid;
	if (uid && (setgroups(0, NULL) || setgid(uid) || setuid(uid)))
		_exit(1);
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p))
		_exit(1);
	sleep(3);
	_exit(0);
}

/*
 * A Mach process of nobody's (mine) and one of root's (theirs); the
 * teardown stops them and checks the statistics are back at baseline.
 */
FIXTURE(two_users) {
	struct worker mine, theirs;
	struct stats base;
};

FIXTURE_SETUP(two_users)
{
	uint32_t v;

	ASSERT_EQ(0, stats_settle(&self->base));
	ASSERT_EQ(0, worker_start(&self->mine, nobody_worker, NULL));
	ASSERT_EQ(0, get32(self->mine.rd, &v));
	ASSERT_EQ(0, worker_start(&self->theirs, root_worker, NULL));
	ASSERT_EQ(0, get32(self->theirs.rd, &v));
}

FIXTURE_TEARDOWN(two_users)
{
	EXPECT_EQ(0, worker_stop(&self->mine));
	EXPECT_EQ(0, worker_stop(&self->theirs));
	EXPECT_BASELINE(&self->base);
}

/* nobody's own process: allowed */
TEST_F_TIMEOUT(two_users, nonroot_user_inspects_own_process, 180)
{
	char cmd[64], line[32];
	struct run r;

	snprintf(cmd, sizeof(cmd), "lsmp -p %d", self->mine.pid);
	ASSERT_EQ(0, run_nobody(&r, cmd));
	show(r.out);
	EXPECT_TRUE(exited_ok(&r));
	snprintf(line, sizeof(line), "Process (%d)", self->mine.pid);
	EXPECT_TRUE(strstr(r.out, line) != NULL);
	run_free(&r);
}

/* root's process: refused, with the reason */
TEST_F_TIMEOUT(two_users, nonroot_user_cannot_inspect_another_users_process, 180)
{
	char cmd[64];
	struct run r;

	snprintf(cmd, sizeof(cmd), "lsmp -p %d", self->theirs.pid);
	ASSERT_EQ(0, run_nobody(&r, cmd));
	show(r.out);
	EXPECT_FALSE(exited_ok(&r));
	EXPECT_TRUE(strstr(r.out, "Operation not permitted") != NULL);
	EXPECT_TRUE(strstr(r.out, "another user's process") != NULL);
	EXPECT_TRUE(strstr(r.out, "Process (") == NULL);
	run_free(&r);
}

/* the task list shows nobody's process and not root's */
TEST_F_TIMEOUT(two_users, nonroot_task_list_shows_own_processes_only, 180)
{
	char line[32];
	struct run r;

	ASSERT_EQ(0, run_nobody(&r, "lsmp"));
	show(r.out);
	snprintf(line, sizeof(line), "\n%7d ", self->mine.pid);
	EXPECT_TRUE(strstr(r.out, line) != NULL);
	snprintf(line, sizeof(line), "\n%7d ", self->theirs.pid);
	EXPECT_TRUE(strstr(r.out, line) == NULL);
	run_free(&r);
}

/*
 * Events: a user without CAP_SYS_ADMIN subscribes and sees its own
 * processes' events only.  Two short-lived Mach tasks, one of nobody's
 * and one of root's, exit while nobody watches.
 */
TEST_F_TIMEOUT(two_users, nonroot_watch_sees_own_events_only, 180)
{
	pid_t short_lived[2];
	char line[32];
	struct run r;

	short_lived[0] = short_lived_task(NOBODY);
	short_lived[1] = short_lived_task(0);
	ASSERT_LT(0, short_lived[0]);
	ASSERT_LT(0, short_lived[1]);
	ASSERT_EQ(0, run_nobody(&r, "timeout 6 machstat -w"));
	show(r.out);
	waitpid(short_lived[0], NULL, 0);
	waitpid(short_lived[1], NULL, 0);
	EXPECT_TRUE(strstr(r.out, "watching the events of your own") != NULL);
	snprintf(line, sizeof(line), "task-died       pid %d ", short_lived[0]);
	EXPECT_TRUE(strstr(r.out, line) != NULL);
	snprintf(line, sizeof(line), "pid %d ", short_lived[1]);
	EXPECT_TRUE(strstr(r.out, line) == NULL);
	run_free(&r);
}

/* root may look at another user's process */
TEST_F_TIMEOUT(two_users, root_inspects_another_users_process, 180)
{
	struct run r;

	ASSERT_EQ(0, lsmp_pid(&r, self->mine.pid));
	EXPECT_TRUE(exited_ok(&r));
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Malformed requests, by hand (no tool sends them) */

struct answer {
	int data;	/* messages before the end */
	int error;	/* from NLMSG_ERROR or NLMSG_DONE */
	bool done;	/* it was NLMSG_DONE */
	char msg[256];	/* NLMSGERR_ATTR_MSG */
	uint16_t family;	/* CTRL_ATTR_FAMILY_ID, for the resolve */
};

static size_t put_attr(char *buf, uint16_t type, const void *data,
		       uint16_t len)
{
	struct nlattr *a = (struct nlattr *)buf;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(buf + NLA_HDRLEN, data, len);
	return NLA_ALIGN(a->nla_len);
}

static int nl_request(int fd, uint16_t type, uint8_t cmd, uint16_t flags,
		      const char *attrs, size_t alen)
{
	static uint32_t seq;
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char a[256];
	} req;

	memset(&req, 0, sizeof(req));
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + alen);
	req.n.nlmsg_type = type;
	req.n.nlmsg_flags = NLM_F_REQUEST | flags;
	req.n.nlmsg_seq = ++seq;
	req.g.cmd = cmd;
	req.g.version = MACH_NL_FAMILY_VERSION;
	memcpy(req.a, attrs, alen);
	return send(fd, &req, req.n.nlmsg_len, 0) == (ssize_t)req.n.nlmsg_len ?
		0 : -1;
}

/* Walk attributes at @p (@len bytes): the ack message, a family id. */
static void scan_attrs(char *p, int len, bool ack, struct answer *a)
{
	struct nlattr *at;

	for (at = (struct nlattr *)p; len >= NLA_HDRLEN &&
	     at->nla_len >= NLA_HDRLEN && at->nla_len <= len;
	     len -= NLA_ALIGN(at->nla_len),
	     at = (struct nlattr *)((char *)at + NLA_ALIGN(at->nla_len))) {
		char *data = (char *)at + NLA_HDRLEN;

		if (ack && at->nla_type == NLMSGERR_ATTR_MSG)
			snprintf(a->msg, sizeof(a->msg), "%.*s",
				 at->nla_len - NLA_HDRLEN, data);
		if (!ack && at->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&a->family, data, sizeof(a->family));
	}
}

/* Everything up to the NLMSG_ERROR or NLMSG_DONE that ends an answer. */
static int nl_answer(int fd, struct answer *a)
{
	static char buf[65536];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct nlmsghdr *nh;
	int n;

	memset(a, 0, sizeof(*a));
	for (;;) {
		if (poll(&p, 1, WAIT_MS) != 1)
			return -1;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			return -1;
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, n);
		     nh = NLMSG_NEXT(nh, n)) {
			char *data = NLMSG_DATA(nh), *end = (char *)nh + nh->nlmsg_len;

			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = (void *)data;
				char *tlv = (char *)&e->msg +
					((nh->nlmsg_flags & NLM_F_CAPPED) ?
					 sizeof(e->msg) :
					 NLMSG_ALIGN(e->msg.nlmsg_len));

				a->error = e->error;
				if (nh->nlmsg_flags & NLM_F_ACK_TLVS)
					scan_attrs(tlv, end - tlv, true, a);
				return 0;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				memcpy(&a->error, data, sizeof(a->error));
				a->done = true;
				if (nh->nlmsg_flags & NLM_F_ACK_TLVS)
					scan_attrs(data + NLA_ALIGN(sizeof(int)),
						   end - data - NLA_ALIGN(sizeof(int)),
						   true, a);
				return 0;
			}
			a->data++;
			scan_attrs(data + GENL_HDRLEN,
				   end - data - GENL_HDRLEN, false, a);
		}
	}
}

static int nl_open_family(uint16_t *family)
{
	char attrs[64];
	struct answer a;
	int fd, one = 1;
	size_t len;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	len = put_attr(attrs, CTRL_ATTR_FAMILY_NAME, MACH_NL_FAMILY_NAME,
		       sizeof(MACH_NL_FAMILY_NAME));
	if (nl_request(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK, attrs,
		       len) || nl_answer(fd, &a) || a.error || !a.family) {
		close(fd);
		return -1;
	}
	*family = a.family;
	return fd;
}

/*
 * A generic netlink socket bound to the family; the teardown checks that
 * the module's statistics are back where they were (a malformed request
 * leaves nothing behind).
 */
FIXTURE(nl) {
	struct stats base;
	uint16_t family;
	int fd;
};

FIXTURE_SETUP(nl)
{
	ASSERT_EQ(0, stats_settle(&self->base));
	self->fd = nl_open_family(&self->family);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(nl)
{
	close(self->fd);
	EXPECT_BASELINE(&self->base);
}

/* A dump request with @len bytes of @attrs; its answer in @a. */
static void nl_ask(struct harness_test *_metadata,
		   struct _fixture_nl *self, uint8_t cmd, const void *attrs,
		   size_t len, struct answer *a)
{
	ASSERT_EQ(0, nl_request(self->fd, self->family, cmd, NLM_F_DUMP,
				attrs, len));
	ASSERT_EQ(0, nl_answer(self->fd, a));
	TH_LOG("error %d, \"%s\"", a->error, a->msg);
}

/* a pid attribute two bytes long: -EINVAL with an extack message */
TEST_F(nl, short_pid_attribute_is_einval)
{
	uint16_t shorty = 1;
	char attrs[64];
	struct answer a;
	size_t len;

	len = put_attr(attrs, MACH_NL_A_PID, &shorty, sizeof(shorty));
	nl_ask(_metadata, self, MACH_NL_CMD_GET_SPACE, attrs, len, &a);
	EXPECT_EQ(-EINVAL, a.error);
	EXPECT_EQ(0, a.data);
	EXPECT_NE(0, strlen(a.msg));
}

/* an attribute only the kernel sends */
TEST_F(nl, reply_only_attribute_is_einval)
{
	uint32_t v = getpid();
	char attrs[64];
	struct answer a;
	size_t len;

	len = put_attr(attrs, MACH_NL_A_TYPE, &v, sizeof(v));
	nl_ask(_metadata, self, MACH_NL_CMD_GET_TASKS, attrs, len, &a);
	EXPECT_EQ(-EINVAL, a.error);
	EXPECT_EQ(0, a.data);
	EXPECT_STREQ("attribute is only sent by the kernel", a.msg);
}

/* an attribute type the family does not have */
TEST_F(nl, unknown_attribute_is_einval)
{
	uint32_t v = getpid();
	char attrs[64];
	struct answer a;
	size_t len;

	len = put_attr(attrs, MACH_NL_A_MAX + 1, &v, sizeof(v));
	nl_ask(_metadata, self, MACH_NL_CMD_GET_TASKS, attrs, len, &a);
	EXPECT_EQ(-EINVAL, a.error);
	EXPECT_EQ(0, a.data);
	EXPECT_NE(0, strlen(a.msg));
}

/* a space dump without its pid */
TEST_F(nl, space_dump_without_pid_is_einval)
{
	struct answer a;

	nl_ask(_metadata, self, MACH_NL_CMD_GET_SPACE, NULL, 0, &a);
	EXPECT_EQ(-EINVAL, a.error);
	EXPECT_EQ(0, a.data);
	EXPECT_STREQ("this dump needs MACH_NL_A_PID", a.msg);
}

/* through the tool: pid 0 is out of the policy's range */
TEST(lsmp_pid_0_is_out_of_range)
{
	char *argv[] = { "lsmp", "-p", "0", NULL };
	struct stats base;
	struct run r;

	ASSERT_EQ(0, stats_settle(&base));
	ASSERT_EQ(0, run_tool(&r, argv));
	show(r.out);
	EXPECT_FALSE(exited_ok(&r));
	EXPECT_TRUE(strstr(r.out, "out of range") != NULL);
	run_free(&r);
	EXPECT_BASELINE(&base);
}

/* ------------------------------------------------------------------ */
/* Statistics: messages counted, suspensions active, baseline again */

static void stats_worker(int rd, int wr, void *arg)
{
	mach_port_t self = mach_task_self(), p, t;
	mach_msg_header_t h;
	struct worker c;
	uint32_t cmd;
	int i;
	struct {
		mach_msg_header_t h;
		char trailer[128];
	} m;
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_ool_descriptor_t ool;
		char trailer[128];
	} o;
	static char region[4096];

	W_CHECK(!mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p));
	for (i = 0; i < 3; i++) {
		memset(&h, 0, sizeof(h));
		h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
		h.msgh_size = sizeof(h);
		h.msgh_remote_port = p;
		h.msgh_id = 1000 + i;
		W_CHECK(!mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, 0, 0, 0));
		W_CHECK(!mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0, 0));
	}
	/* and 4096 bytes out of line */
	memset(&o, 0, sizeof(o));
	o.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	o.h.msgh_size = offsetof(typeof(o), trailer);
	o.h.msgh_remote_port = p;
	o.body.msgh_descriptor_count = 1;
	o.ool.address = region;
	o.ool.size = sizeof(region);
	o.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	o.ool.copy = MACH_MSG_VIRTUAL_COPY;
	W_CHECK(!mach_msg(&o.h, MACH_SEND_MSG, o.h.msgh_size, 0, 0, 0, 0));
	W_CHECK(!mach_msg(&o.h, MACH_RCV_MSG, 0, sizeof(o), p, 0, 0));
	W_CHECK(o.ool.size == sizeof(region));
	W_CHECK(!vm_deallocate(self, (vm_address_t)o.ool.address, o.ool.size));
	W_CHECK(!worker_start(&c, sleeper_worker, NULL));
	W_CHECK(!get32(c.rd, &cmd));
	W_CHECK(!task_for_pid(self, c.pid, &t));
	W_CHECK(!task_suspend(t));
	W_CHECK(!put32(wr, 1));
	W_CHECK(!get32(rd, &cmd));
	W_CHECK(!task_resume(t));
	W_CHECK(!put32(wr, 2));
	W_CHECK(!get32(rd, &cmd));
	kill(c.pid, SIGKILL);
	W_CHECK(worker_stop(&c) != -1);
	W_CHECK(!put32(wr, 3));
	worker_idle(rd);
}

/*
 * The statistics while stats_worker has sent and received 4 messages
 * (4096 bytes out of line) and holds its child C suspended (one more
 * task, suspended, with one hold).  The teardown drives the worker to the
 * end of its protocol (resume C, stop it) and waits for the baseline.
 */
FIXTURE(stats_run) {
	struct stats base, now;
	struct worker w;
	int stage;	/* replies the worker sent: 1 suspended, 2 resumed */
};

FIXTURE_SETUP(stats_run)
{
	uint32_t v;

	ASSERT_EQ(0, stats_settle(&self->base));
	ASSERT_EQ(0, worker_start(&self->w, stats_worker, NULL));
	ASSERT_EQ(0, get32(self->w.rd, &v));	/* 4 messages, C suspended */
	self->stage = 1;
	ASSERT_EQ(0, stats_read(&self->now));
	stats_log("suspended", &self->now);
}

/* Tells the worker to go on to its next stage; 0 when it answered. */
static int stats_run_next(struct _fixture_stats_run *self)
{
	uint32_t v;

	if (put32(self->w.wr, self->stage) || get32(self->w.rd, &v))
		return -1;
	self->stage++;
	return 0;
}

FIXTURE_TEARDOWN(stats_run)
{
	while (self->stage < 3)
		ASSERT_EQ(0, stats_run_next(self));
	EXPECT_EQ(0, worker_stop(&self->w));
	EXPECT_BASELINE(&self->base);
}

/* messages sent and received are counted, and out-of-line bytes */
TEST_F_TIMEOUT(stats_run, statistics_count_messages_and_ool_bytes, 180)
{
	EXPECT_LE(self->base.sent + 4, self->now.sent);
	EXPECT_LE(self->base.received + 4, self->now.received);
	EXPECT_LE(self->base.ool + 4096, self->now.ool);
}

/* a suspension shows in suspended tasks and holds; the tasks count both
 * of the worker's processes */
TEST_F_TIMEOUT(stats_run, statistics_count_a_suspension, 180)
{
	EXPECT_EQ(self->base.suspended + 1, self->now.suspended);
	EXPECT_EQ(self->base.holds + 1, self->now.holds);
	EXPECT_EQ(self->base.tasks + 2, self->now.tasks);
}

/* the resume takes the suspension out of the counts */
TEST_F_TIMEOUT(stats_run, statistics_drop_the_suspension_at_resume, 180)
{
	ASSERT_EQ(0, stats_run_next(self));	/* resumed */
	ASSERT_EQ(0, stats_read(&self->now));
	EXPECT_EQ(self->base.suspended, self->now.suspended);
	EXPECT_EQ(self->base.holds, self->now.holds);
}

/* ------------------------------------------------------------------ */
/* A space of 100,000 ports */

#define MANY_PORTS 100000

static void many_ports_worker(int rd, int wr, void *arg)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t nn, nt;
	mach_port_t p;
	int i;

	/* the names the task starts with (task port, bootstrap port) */
	W_CHECK(!mach_port_names(mach_task_self(), &names, &nn, &types, &nt));
	W_CHECK(!put32(wr, nn));
	for (i = 0; i < MANY_PORTS; i++)
		W_CHECK(!mach_port_allocate(mach_task_self(),
					    MACH_PORT_RIGHT_RECEIVE, &p));
	W_CHECK(!put32(wr, MANY_PORTS));
	worker_idle(rd);
}

static long long mem_available_kb(void)
{
	char line[128];
	long long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %lld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

TEST_TIMEOUT(dump_of_100000_ports_is_complete_and_bounded, 900)
{
	static char buf[1 << 16];
	long long before, during = -1;
	unsigned long rows = 0, total = 0;
	char arg[16], tail[128] = "";
	char *argv[] = { "lsmp", "-p", arg, NULL };
	struct stats base;
	struct worker w;
	size_t got = 0, carry = 0;
	pid_t lpid;
	ssize_t n;
	int fd, status;
	uint32_t initial, v;

	ASSERT_EQ(0, stats_settle(&base));
	ASSERT_EQ(0, worker_start(&w, many_ports_worker, NULL));
	ASSERT_EQ(0, get32(w.rd, &initial));
	/* 100,000 allocations: minutes on a KASAN and lockdep kernel */
	ASSERT_EQ(0, get32_within(w.rd, &v, 10 * 60 * 1000));
	snprintf(arg, sizeof(arg), "%d", w.pid);
	before = mem_available_kb();
	fd = spawn_tool(argv, &lpid);
	ASSERT_LE(0, fd);
	/* count rows as they stream; pause once, mid-dump, with lsmp blocked */
	while ((n = read(fd, buf + carry, sizeof(buf) - carry - 1)) > 0) {
		char *line = buf, *nl;

		buf[carry + n] = '\0';
		got += n;
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			if (!strncmp(line, "  0x", 4))
				rows++;
			sscanf(line, "  total: %lu names", &total);
			if (*line)
				snprintf(tail, sizeof(tail), "%s", line);
			line = nl + 1;
		}
		carry = strlen(line);
		memmove(buf, line, carry);
		if (during < 0 && rows > MANY_PORTS / 2) {
			usleep(500000);
			during = mem_available_kb();
		}
	}
	close(fd);
	ASSERT_EQ(lpid, waitpid(lpid, &status, 0));
	TH_LOG("%lu rows, %zu bytes; last line \"%s\"", rows, got, tail);
	TH_LOG("MemAvailable %lld kB before, %lld kB mid-dump", before, during);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(MANY_PORTS + initial, rows);
	EXPECT_EQ(MANY_PORTS + initial, total);
	/* the dump holds a message or two, not the space (~20 MB of text) */
	EXPECT_GT(8 * 1024, before - during);

	EXPECT_EQ(0, worker_stop(&w));
	EXPECT_BASELINE(&base);
}

TEST_HARNESS_MAIN
