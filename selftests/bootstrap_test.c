// SPDX-License-Identifier: GPL-2.0
/*
 * bootstrapd and <servers/bootstrap.h> (Documentation/bootstrap.rst), in
 * the VM with the bootstrapd that tools/vm/init starts.  Tests that need a
 * clean or disposable server start their own instance ("private": -n, not
 * the default port; or, for the restart test, one that installs itself as
 * the default and is killed with SIGKILL).
 *
 * Seed 001 (../shared/seeds/001_24db8389d88f2637.txt) is compiled here
 * unchanged: tools/examples/seed001.c is the seed's program, extracted
 * from "#include <servers/bootstrap.h>" to the closing brace of main (see
 * the file's provenance in Documentation/bootstrap.rst), included below
 * with main renamed, and run by exec'ing this binary with --seed001.
 */
#include "harness.h"

#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <time.h>
#include <sys/stat.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/notify.h>
#include <mach/linux_mach.h>
#include <servers/bootstrap.h>
#include <bootstrap_priv.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wreturn-type"
#define main seed001_main
#include "../tools/examples/seed001.c"
#undef main
#pragma GCC diagnostic pop

#define SYS_PIDFILE	"/run/bootstrapd.pid"
#define WAIT_MS		10000
#define UID_A		1000
#define UID_B		1001

/* ------------------------------------------------------------------ */
/* helpers */

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A name unique to this process: "<what>.<pid>". */
static const char *uname_(const char *what)
{
	static char buf[8][128];
	static int next;
	char *b = buf[next++ % 8];

	snprintf(b, 128, "test.%s.%d", what, getpid());
	return b;
}

static bool port_alive(mach_port_t port)
{
	mach_port_type_t type = 0;

	if (!MACH_PORT_VALID(port))
		return false;
	if (mach_port_type(mach_task_self(), port, &type))
		return false;
	return type & MACH_PORT_TYPE_SEND;
}

static pid_t read_pidfile(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -1;
}

/* The bootstrap port process @pid has (task_for_pid; we are root). */
static mach_port_t bootstrap_of(pid_t pid)
{
	mach_port_t task, bp = MACH_PORT_NULL;

	if (task_for_pid(mach_task_self(), pid, &task))
		return MACH_PORT_NULL;
	task_get_bootstrap_port(task, &bp);
	mach_port_deallocate(mach_task_self(), task);
	return bp;
}

/* Make @bp this task's bootstrap port, and bootstrap_port. */
static void adopt(mach_port_t bp)
{
	task_set_bootstrap_port(mach_task_self(), bp);
	bootstrap_port = bp;
}

/*
 * The system bootstrapd's root port.  bootstrap_port normally is it (we
 * inherit it from init's bootstrapd); a test binary started before
 * bootstrapd had installed itself has none, and takes it from
 * bootstrapd's own task, found by its pid file.
 */
static mach_port_t sys_bootstrap(struct harness_test *_metadata)
{
	pid_t pid = -1;
	int waited;

	if (port_alive(bootstrap_port))
		return bootstrap_port;
	for (waited = 0; waited < WAIT_MS; waited += 50) {
		pid = read_pidfile(SYS_PIDFILE);
		if (pid > 0 && kill(pid, 0) == 0)
			break;
		msleep(50);
	}
	if (pid <= 0) {
		TH_LOG("no bootstrapd (%s): tools/vm/init starts one", SYS_PIDFILE);
		ASSERT_GT(pid, 0);
	}
	adopt(bootstrap_of(pid));
	ASSERT_TRUE(port_alive(bootstrap_port));
	return bootstrap_port;
}

struct bsd {
	pid_t pid;
	mach_port_t port;	/* its root bootstrap port (send right) */
	char log[64];
};

/*
 * Start a bootstrapd of our own: private (-n) unless @as_default.  Its
 * log goes to d->log.  Returns once it serves.
 */
static void bsd_start(struct harness_test *_metadata, struct bsd *d,
		      bool as_default, const char *cap)
{
	char fdarg[16], buf[16] = "";
	int p[2];
	ssize_t n;

	ASSERT_EQ(0, pipe(p));
	snprintf(d->log, sizeof(d->log), "/tmp/bootstrapd.%d.log", getpid());
	d->pid = fork();
	ASSERT_GE(d->pid, 0);
	if (d->pid == 0) {
		int fd = open(d->log, O_WRONLY | O_CREAT | O_APPEND, 0644);

		close(p[0]);
		if (fd >= 0) {
			dup2(fd, 2);
			close(fd);
		}
		snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
		/* -p -: no pid file, which is the system bootstrapd's */
		execlp("bootstrapd", "bootstrapd", "-p", "-", "-r", fdarg,
		       "-c", cap ? cap : "1024", "-v",
		       as_default ? (char *)NULL : "-n", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	if (n <= 0)
		TH_LOG("bootstrapd did not start (is it on PATH?)");
	ASSERT_GT(n, 0);
	ASSERT_STREQ("ready\n", buf);
	d->port = bootstrap_of(d->pid);
	ASSERT_TRUE(port_alive(d->port));
}

static void bsd_stop(struct bsd *d, int sig)
{
	kill(d->pid, sig);
	waitpid(d->pid, NULL, 0);
}

/* Wait for a forked child; its exit status (or 128 + signal). */
static int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Wait until bootstrap_status(@name) says @want (or time out). */
static kern_return_t wait_status(mach_port_t bp, const char *name, int want)
{
	bootstrap_status_t st = -1;
	kern_return_t kr = KERN_FAILURE;
	int waited;

	for (waited = 0; waited < WAIT_MS; waited += 20) {
		kr = bootstrap_status(bp, name, &st);
		if (kr == KERN_SUCCESS && st == want)
			return KERN_SUCCESS;
		msleep(20);
	}
	return kr ? kr : KERN_FAILURE;
}

/* Wait until looking @name up fails with @want. */
static kern_return_t wait_lookup_fails(mach_port_t bp, const char *name,
				       kern_return_t want)
{
	kern_return_t kr = KERN_SUCCESS;
	mach_port_t p;
	int waited;

	for (waited = 0; waited < WAIT_MS; waited += 20) {
		kr = bootstrap_look_up(bp, name, &p);
		if (kr == KERN_SUCCESS)
			mach_port_deallocate(mach_task_self(), p);
		if (kr == want)
			return kr;
		msleep(20);
	}
	return kr;
}

/* A header-only message of @id to @dest (COPY_SEND), no reply. */
static mach_msg_return_t send_simple(mach_port_t dest, mach_msg_id_t id)
{
	mach_msg_header_t h = {
		.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
		.msgh_size = sizeof(h),
		.msgh_remote_port = dest,
		.msgh_id = id,
	};

	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 1000, MACH_PORT_NULL);
}

struct rcv_buf {
	mach_msg_header_t head;
	char body[4096];
	mach_msg_max_trailer_t trailer;
};

static mach_msg_return_t receive(mach_port_t port, struct rcv_buf *b, int ms)
{
	return mach_msg(&b->head, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT),
			0, sizeof(*b), port, ms, MACH_PORT_NULL);
}

/* The dump of @bp (tree or visible names). */
static struct bootstrap_dump_entry *dump(mach_port_t bp, uint32_t flags,
					 uint32_t *n)
{
	struct bootstrap_dump_entry *e = NULL;

	if (libmach_bootstrap_dump(bp, flags, &e, n))
		return NULL;
	return e;
}

static const struct bootstrap_dump_entry *
dump_find(const struct bootstrap_dump_entry *e, uint32_t n, const char *name)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (e[i].kind == BOOTSTRAP_DUMP_SERVICE && !strcmp(e[i].name, name))
			return &e[i];
	return NULL;
}

/* Names in bootstrapd's space: what a leak would grow. */
static int names_of(pid_t pid)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nn = 0, nt = 0;
	mach_port_t task;
	kern_return_t kr;

	if (task_for_pid(mach_task_self(), pid, &task))
		return -1;
	kr = mach_port_names(task, &names, &nn, &types, &nt);
	mach_port_deallocate(mach_task_self(), task);
	if (kr)
		return -1;
	vm_deallocate(mach_task_self(), (vm_address_t)names, nn * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types, nt * sizeof(*types));
	return (int)nn;
}

/* @out as TAP comment lines. */
static void print_comment(const char *out)
{
	const char *line = out, *end;

	while (*line) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		printf("# %.*s\n", (int)(end - line), line);
		line = *end ? end + 1 : end;
	}
}

/* Run @cmd (sh -c) and capture its stdout. */
static int run_capture(const char *cmd, char *out, size_t size)
{
	FILE *f = popen(cmd, "r");
	size_t n = 0, r;

	if (!f)
		return -1;
	while (n + 1 < size && (r = fread(out + n, 1, size - 1 - n, f)) > 0)
		n += r;
	out[n] = 0;
	return pclose(f);
}

/* ------------------------------------------------------------------ */
/* check_in, look_up, an RPC with a port descriptor; inactive service */

#pragma pack(push, 4)
struct rpc_request {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	NDR_record_t ndr;
	int value;
};
#pragma pack(pop)

/*
 * A service checked in with the system bootstrapd under a name unique to
 * the test.  The teardown gives the receive right back and checks that
 * the name goes inactive and can then be removed, for every test.
 */
FIXTURE(service) {
	mach_port_t bp;
	const char *name;
	mach_port_t service;	/* receive right */
};

FIXTURE_SETUP(service)
{
	self->bp = sys_bootstrap(_metadata);
	self->name = uname_("svc");
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->bp, self->name,
						   &self->service));
}

FIXTURE_TEARDOWN(service)
{
	mach_port_t again;

	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(),
						   self->service,
						   MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(KERN_SUCCESS, wait_status(self->bp, self->name,
					    BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(self->bp, self->name,
						   MACH_PORT_NULL));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->bp, self->name, &again));
}

/* check_in hands the server the service's receive right */
TEST_F(service, check_in_gives_the_receive_right)
{
	mach_port_type_t type = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(),
					       self->service, &type));
	ASSERT_TRUE(type & MACH_PORT_TYPE_RECEIVE);
}

/* a second check-in while the right is held: BOOTSTRAP_SERVICE_ACTIVE */
TEST_F(service, second_check_in_while_held_is_service_active)
{
	mach_port_t again;

	ASSERT_EQ(BOOTSTRAP_SERVICE_ACTIVE,
		  bootstrap_check_in(self->bp, self->name, &again));
}

/* a client that looked the name up calls the server with a port
 * descriptor and a send-once reply right; the server sees the client's
 * pid in the audit trailer, answers, and uses the port it was sent */
TEST_F(service, rpc_with_port_descriptor_through_look_up)
{
	const char *name = self->name;
	mach_port_t service = self->service;
	struct rcv_buf b;
	struct rpc_request *rq = (void *)&b;
	mach_msg_audit_trailer_t *t;
	pid_t client;

	client = fork();
	ASSERT_GE(client, 0);
	if (client == 0) {
		mach_port_t server, mine, reply = mig_get_reply_port();
		struct rcv_buf rb;
		struct rpc_request m = { 0 };

		/* the child inherited the bootstrap port, under a new name */
		ASSERT_TRUE(port_alive(bootstrap_port));
		ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bootstrap_port, name,
							  &server));
		ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &mine));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE) |
				   MACH_MSGH_BITS_COMPLEX;
		m.head.msgh_size = sizeof(m);
		m.head.msgh_remote_port = server;
		m.head.msgh_local_port = reply;
		m.head.msgh_id = 1234;
		m.body.msgh_descriptor_count = 1;
		m.port.name = mine;
		m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
		m.port.type = MACH_MSG_PORT_DESCRIPTOR;
		m.ndr = NDR_record;
		m.value = 42;
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
				   MACH_PORT_NULL, 0, MACH_PORT_NULL));
		/* the reply, then a message through the port we sent */
		ASSERT_EQ(MACH_MSG_SUCCESS, receive(reply, &rb, 5000));
		ASSERT_EQ(1334, rb.head.msgh_id);
		ASSERT_EQ(MACH_MSG_SUCCESS, receive(mine, &rb, 5000));
		ASSERT_EQ(77, rb.head.msgh_id);
		_exit(0);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS, receive(service, &b, 5000));
	ASSERT_EQ(1234, b.head.msgh_id);
	ASSERT_TRUE(b.head.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	ASSERT_EQ(1, rq->body.msgh_descriptor_count);
	ASSERT_EQ(MACH_MSG_TYPE_PORT_SEND, rq->port.disposition);
	ASSERT_EQ(42, rq->value);
	t = (void *)((char *)&b + round_msg(b.head.msgh_size));
	ASSERT_EQ(client, (pid_t)t->msgh_audit.val[5]);
	/* answer on the send-once reply right, then use the descriptor */
	{
		mach_port_t to = rq->port.name;
		mach_msg_header_t r = {
			.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(
							b.head.msgh_bits), 0),
			.msgh_size = sizeof(r),
			.msgh_remote_port = b.head.msgh_remote_port,
			.msgh_id = 1334,
		};

		ASSERT_EQ(MACH_MSG_SUCCESS,
			  mach_msg(&r, MACH_SEND_MSG, sizeof(r), 0,
				   MACH_PORT_NULL, 0, MACH_PORT_NULL));
		ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(to, 77));
		mach_port_deallocate(mach_task_self(), to);
	}
	ASSERT_EQ(0, child_status(client));
}

/*
 * A server checks @name in, a client looks it up (*@send) and sends
 * message 500, and the server is killed: the receive right (and message
 * 500) goes back to bootstrapd, which marks the name inactive.
 */
static void server_dies(struct harness_test *_metadata, mach_port_t bp,
			const char *name, mach_port_t *send)
{
	bootstrap_status_t st;
	int p[2];
	pid_t server;
	char c;

	ASSERT_EQ(0, pipe(p));
	server = fork();
	ASSERT_GE(server, 0);
	if (server == 0) {
		mach_port_t rcv;

		ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port, name,
							   &rcv));
		ASSERT_EQ(1, write(p[1], "x", 1));
		pause();
		_exit(0);
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &c, 1));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, name, send));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_status(bp, name, &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ACTIVE, st);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(*send, 500));
	kill(server, SIGKILL);
	ASSERT_EQ(128 + SIGKILL, child_status(server));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, name, BOOTSTRAP_STATUS_INACTIVE));
}

/* after the server's death clients' rights stay good: sends queue, and a
 * look-up gives the same port (under the same name here) */
TEST(server_exit_makes_service_inactive_and_messages_queue)
{
	const char *name = uname_("inactive");
	mach_port_t bp = sys_bootstrap(_metadata), send, again;

	server_dies(_metadata, bp, name, &send);
	ASSERT_TRUE(port_alive(send));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(send, 501));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, name, &again));
	ASSERT_EQ(send, again);
	mach_port_deallocate(mach_task_self(), again);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, name, MACH_PORT_NULL));
}

/* the next server checks in and gets what was queued, in order: the
 * message sent before the death and the one sent while inactive */
TEST(next_server_gets_the_queued_messages_in_order)
{
	const char *name = uname_("nextserver");
	mach_port_t bp = sys_bootstrap(_metadata), send;
	pid_t server;

	server_dies(_metadata, bp, name, &send);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(send, 501));
	server = fork();
	ASSERT_GE(server, 0);
	if (server == 0) {
		mach_port_t rcv;
		struct rcv_buf b;

		ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port, name,
							   &rcv));
		ASSERT_EQ(MACH_MSG_SUCCESS, receive(rcv, &b, 5000));
		ASSERT_EQ(500, b.head.msgh_id);
		ASSERT_EQ(MACH_MSG_SUCCESS, receive(rcv, &b, 5000));
		ASSERT_EQ(501, b.head.msgh_id);
		_exit(0);
	}
	ASSERT_EQ(0, child_status(server));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, name, BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, name, MACH_PORT_NULL));
}

TEST(create_service_is_on_demand_until_checked_in)
{
	const char *name = uname_("ondemand");
	mach_port_t bp = sys_bootstrap(_metadata), send, rcv, x;
	bootstrap_status_t st;
	struct rcv_buf b;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_create_service(bp, name, &send));
	ASSERT_EQ(BOOTSTRAP_NAME_IN_USE, bootstrap_create_service(bp, name, &x));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_status(bp, name, &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ON_DEMAND, st);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(send, 600));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bp, name, &rcv));
	ASSERT_EQ(send, rcv);	/* our send and receive rights share a name */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_status(bp, name, &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ACTIVE, st);
	ASSERT_EQ(MACH_MSG_SUCCESS, receive(rcv, &b, 5000));
	ASSERT_EQ(600, b.head.msgh_id);
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), rcv,
						   MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, name, BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, name, MACH_PORT_NULL));
}

TEST(register_lives_as_long_as_its_port)
{
	const char *name = uname_("reg");
	mach_port_t bp = sys_bootstrap(_metadata), port, got, other;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &port));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), port,
				port, MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, name, port));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, name, &got));
	ASSERT_EQ(port, got);
	mach_port_deallocate(mach_task_self(), got);
	/* active: neither register nor check_in may take it over */
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &other));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), other,
				other, MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(BOOTSTRAP_SERVICE_ACTIVE, bootstrap_register(bp, name, other));
	ASSERT_EQ(BOOTSTRAP_SERVICE_ACTIVE, bootstrap_check_in(bp, name, &got));
	/* the port dies: so does the name */
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), port,
						   MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  wait_lookup_fails(bp, name, BOOTSTRAP_UNKNOWN_SERVICE));
	/* and can be registered again */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, name, other));
	ASSERT_EQ(KERN_SUCCESS, mach_port_destroy(mach_task_self(), other));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  wait_lookup_fails(bp, name, BOOTSTRAP_UNKNOWN_SERVICE));
}

/* ------------------------------------------------------------------ */
/* Seed 001 */

static int run_seed001(void)
{
	return seed001_main();
}

/* Wait until @bp's tree shows @names (NULL-terminated). */
static bool wait_names(mach_port_t bp, const char *const *names)
{
	struct bootstrap_dump_entry *e;
	int waited, i;
	uint32_t n;
	bool all;

	for (waited = 0; waited < WAIT_MS; waited += 50) {
		e = dump(bp, BOOTSTRAP_DUMP_TREE, &n);
		all = e != NULL;
		for (i = 0; all && names[i]; i++)
			all = dump_find(e, n, names[i]) != NULL;
		free(e);
		if (all)
			return true;
		msleep(50);
	}
	return false;
}

/* In bstree's output, the indentation of the line naming @what (-1). */
static int indent_of(const char *out, const char *what, const char *state,
		     char *line_out, size_t size)
{
	const char *line = out, *end, *p;
	char buf[512];

	while (*line) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		snprintf(buf, sizeof(buf), "%.*s", (int)(end - line), line);
		p = buf + strspn(buf, " ");
		if (!strncmp(p, state, strlen(state))) {
			char word[256] = "";

			sscanf(p + strlen(state), "%255s", word);
			if (!strcmp(word, what)) {
				if (line_out)
					snprintf(line_out, size, "%s", buf);
				return (int)(p - buf);
			}
		}
		line = *end ? end + 1 : end;
	}
	return -1;
}

TEST_TIMEOUT(seed001_subset_tree_in_bstree, 120)
{
	static const char *const names[] = {
		"CHILD", "PARENT", "PARENT-1", "PARENT-2", NULL
	};
	mach_port_t bp = sys_bootstrap(_metadata), x;
	char out[16384], cmd[128], line[512];
	int in_root, in_sub, st;
	const char *sub;
	pid_t seed;

	seed = fork();
	ASSERT_GE(seed, 0);
	if (seed == 0) {
		execl("/proc/self/exe", "bootstrap_test", "--seed001",
		      (char *)NULL);
		_exit(127);
	}
	if (!wait_names(bp, names))
		TH_LOG("seed 001 did not check in all four names");
	ASSERT_TRUE(wait_names(bp, names));

	st = run_capture("bstree", out, sizeof(out));
	print_comment(out);
	ASSERT_EQ(0, st);
	/* PARENT in the root set; the three others in the seed's subset */
	ASSERT_TRUE(strncmp(out, "root/", 5) == 0);
	in_root = indent_of(out, "PARENT", "active", line, sizeof(line));
	ASSERT_EQ(2, in_root);
	snprintf(cmd, sizeof(cmd), "(requestor pid %d)/", seed);
	sub = strstr(out, cmd);
	ASSERT_TRUE(sub != NULL);
	in_sub = indent_of(sub, "CHILD", "active", line, sizeof(line));
	ASSERT_EQ(4, in_sub);
	ASSERT_EQ(4, indent_of(sub, "PARENT-1", "active", NULL, 0));
	ASSERT_EQ(4, indent_of(sub, "PARENT-2", "active", NULL, 0));
	/* the child checked CHILD in: its pid, not the seed's */
	{
		int pid = 0;
		char *p = strstr(line, "pid ");

		ASSERT_TRUE(p != NULL);
		pid = atoi(p + 4);
		ASSERT_NE(seed, pid);
		ASSERT_GT(pid, 0);
	}
	/* the subset's names are not in the root set */
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE, bootstrap_look_up(bp, "CHILD", &x));

	/* bsexec puts bslist in the seed's subset: all four reachable */
	snprintf(cmd, sizeof(cmd), "bsexec %d bslist", seed);
	st = run_capture(cmd, out, sizeof(out));
	print_comment(out);
	ASSERT_EQ(0, st);
	ASSERT_TRUE(strstr(out, "A  CHILD\n") != NULL);
	ASSERT_TRUE(strstr(out, "A  PARENT-1\n") != NULL);
	ASSERT_TRUE(strstr(out, "A  PARENT-2\n") != NULL);
	ASSERT_TRUE(strstr(out, "A  PARENT\n") != NULL);

	/* the seed's parent is the requestor: the subset dies with it */
	kill(seed, SIGKILL);
	ASSERT_EQ(128 + SIGKILL, child_status(seed));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, "PARENT",
					    BOOTSTRAP_STATUS_INACTIVE));
	{
		struct bootstrap_dump_entry *e;
		uint32_t n;
		int waited;

		for (waited = 0; waited < WAIT_MS; waited += 50) {
			e = dump(bp, BOOTSTRAP_DUMP_TREE, &n);
			ASSERT_TRUE(e != NULL);
			st = dump_find(e, n, "CHILD") != NULL;
			free(e);
			if (!st)
				break;
			msleep(50);
		}
		ASSERT_EQ(0, st);
	}
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "PARENT", MACH_PORT_NULL));
}

/* ------------------------------------------------------------------ */
/* Subsets */

/*
 * A subset of the system bootstrapd's root set held by this task, with a
 * name checked in on both sides (shadow), one only in the root (up) and
 * one only in the subset (down).  The teardown checks that the root's
 * names go away cleanly.
 */
FIXTURE(subset) {
	const char *shadow, *up, *down;
	mach_port_t bp, sub, rs, rsub, rup, rdown;
};

FIXTURE_SETUP(subset)
{
	self->shadow = uname_("shadow");
	self->up = uname_("up");
	self->down = uname_("down");
	self->bp = sys_bootstrap(_metadata);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(self->bp, mach_task_self(),
						 &self->sub));
	ASSERT_TRUE(port_alive(self->sub));
	ASSERT_NE(self->bp, self->sub);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->bp, self->shadow,
						   &self->rs));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->bp, self->up,
						   &self->rup));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->sub, self->shadow,
						   &self->rsub));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->sub, self->down,
						   &self->rdown));
	ASSERT_NE(self->rs, self->rsub);
}

FIXTURE_TEARDOWN(subset)
{
	mach_port_t self_task = mach_task_self(), bp = self->bp;

	mach_port_mod_refs(self_task, self->rs, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_mod_refs(self_task, self->rup, MACH_PORT_RIGHT_RECEIVE, -1);
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, self->shadow,
					    BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, self->up,
					    BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, self->shadow,
						   MACH_PORT_NULL));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, self->up,
						   MACH_PORT_NULL));
}

/* in the subset its own name shadows the root's; the root sees its own */
TEST_F(subset, own_name_shadows_the_roots)
{
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(self->sub, self->shadow, &p));
	ASSERT_EQ(self->rsub, p);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(self->bp, self->shadow, &p));
	ASSERT_EQ(self->rs, p);
}

/* a name the subset lacks falls through to the parent */
TEST_F(subset, look_up_falls_through_to_the_parent)
{
	bootstrap_status_t st;
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(self->sub, self->up, &p));
	ASSERT_EQ(self->rup, p);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_status(self->sub, self->up, &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ACTIVE, st);
}

/* the root does not see the subset's names */
TEST_F(subset, root_does_not_see_subset_names)
{
	mach_port_t p;

	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->bp, self->down, &p));
}

/* the parent of the subset is the root; the root's is itself */
TEST_F(subset, parent_of_subset_is_root_and_of_root_itself)
{
	mach_port_t parent;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_parent(self->sub, &parent));
	ASSERT_EQ(self->bp, parent);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_parent(self->bp, &parent));
	ASSERT_EQ(self->bp, parent);
}

/* a fork child of a task whose bootstrap port is the subset starts in
 * the subset (seed 001's point), and so does its exec: bslist lists the
 * subset's and the parent's names, the shadowed one once */
TEST_F(subset, fork_child_and_its_exec_start_in_the_subset)
{
	const char *shadow = self->shadow, *up = self->up, *down = self->down;
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, task_set_bootstrap_port(mach_task_self(),
							self->sub));
	{
		char out[8192], want[200];
		int pp[2];
		ssize_t got, len = 0;
		pid_t c;

		ASSERT_EQ(0, pipe(pp));
		c = fork();
		ASSERT_GE(c, 0);
		if (c == 0) {
			ASSERT_EQ(KERN_SUCCESS,
				  bootstrap_look_up(bootstrap_port, down, &p));
			ASSERT_EQ(KERN_SUCCESS,
				  bootstrap_look_up(bootstrap_port, up, &p));
			dup2(pp[1], 1);
			execlp("bslist", "bslist", (char *)NULL);
			_exit(127);
		}
		close(pp[1]);
		while (len < (ssize_t)sizeof(out) - 1 &&
		       (got = read(pp[0], out + len, sizeof(out) - 1 - len)) > 0)
			len += got;
		out[len] = 0;
		close(pp[0]);
		ASSERT_EQ(0, child_status(c));
		print_comment(out);
		snprintf(want, sizeof(want), "A  %s\n", down);
		ASSERT_TRUE(strstr(out, want) != NULL);
		snprintf(want, sizeof(want), "A  %s\n", up);
		ASSERT_TRUE(strstr(out, want) != NULL);
		/* the shadowed name is listed once */
		snprintf(want, sizeof(want), "A  %s\n", shadow);
		ASSERT_TRUE(strstr(out, want) != NULL);
		ASSERT_TRUE(strstr(strstr(out, want) + 1, want) == NULL);
	}
	ASSERT_EQ(KERN_SUCCESS, task_set_bootstrap_port(mach_task_self(),
							self->bp));
}

/*
 * A subset of the system root set whose requestor is a child process
 * (req, alive until pp[1] closes), a subset of that one held by this
 * task (nested), and a name checked in to the first (rcv).
 */
FIXTURE(child_subset) {
	const char *name;
	mach_port_t bp, task, sub, nested, rcv;
	int pp[2];
	pid_t req;
};

FIXTURE_SETUP(child_subset)
{
	char c;

	self->name = uname_("insub");
	self->bp = sys_bootstrap(_metadata);
	ASSERT_EQ(0, pipe(self->pp));
	self->req = fork();
	ASSERT_GE(self->req, 0);
	if (self->req == 0) {
		close(self->pp[1]);
		if (read(self->pp[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(self->pp[0]);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), self->req,
					     &self->task));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(self->bp, self->task,
						 &self->sub));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(self->sub, mach_task_self(),
						 &self->nested));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->sub, self->name,
						   &self->rcv));
}

FIXTURE_TEARDOWN(child_subset)
{
	if (self->req > 0) {
		close(self->pp[1]);
		child_status(self->req);
	}
}

/* A lookup in a subset falls through to its parent's names (launchd's
 * subsets, bootstrap.rst "Subsets"). */
TEST_F(child_subset, nested_subset_sees_its_parents_names)
{
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(self->nested, self->name,
						  &p));
	ASSERT_EQ(self->rcv, p);
}

/* BOOTSTRAP_DUMP_TREE lists the subset as a namespace with its
 * requestor's pid (bootstrap.rst "The dump"). */
TEST_F(child_subset, dump_names_its_requestor)
{
	struct bootstrap_dump_entry *e;
	bool found = false;
	uint32_t n, i;

	e = dump(self->bp, BOOTSTRAP_DUMP_TREE, &n);
	ASSERT_TRUE(e != NULL);
	for (i = 0; i < n; i++)
		if (e[i].kind == BOOTSTRAP_DUMP_NAMESPACE &&
		    e[i].pid == self->req)
			found = true;
	free(e);
	ASSERT_TRUE(found);
}

/*
 * The requestor exits: the subset and its own subset die (their ports
 * are dead names to us), the name goes with them and never was the
 * root's; the root set lives on (launchd's dead-name notification on the
 * requestor, bootstrap.rst "Subsets").
 */
TEST_F(child_subset, dies_with_its_requestor)
{
	mach_port_t p;

	close(self->pp[1]);
	ASSERT_EQ(0, child_status(self->req));
	self->req = 0;
	ASSERT_EQ(MACH_SEND_INVALID_DEST,
		  wait_lookup_fails(self->sub, self->name,
				    MACH_SEND_INVALID_DEST));
	ASSERT_EQ(MACH_SEND_INVALID_DEST,
		  wait_lookup_fails(self->nested, self->name,
				    MACH_SEND_INVALID_DEST));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->bp, self->name, &p));
	ASSERT_TRUE(port_alive(self->bp));
}

/* ------------------------------------------------------------------ */
/* Who may see what */

/* Fork, become @uid, run @fn; its exit status. */
static int as_uid(uid_t uid, void (*fn)(struct harness_test *, void *),
		  struct harness_test *_metadata, void *arg)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (setgid(uid) || setuid(uid))
			_exit(99);
		fn(_metadata, arg);
		_exit(_metadata->failed);
	}
	return child_status(pid);
}

struct vis_names {
	char root_name[128], a_name[128];
};

static void user_a(struct harness_test *_metadata, void *arg)
{
	struct vis_names *v = arg;
	mach_port_t p;

	/* root's names are everyone's */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bootstrap_port, v->root_name, &p));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port, v->a_name, &p));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bootstrap_port, v->a_name, &p));
	/* but only root's */
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_check_in(bootstrap_port, v->root_name, &p));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_register(bootstrap_port, v->root_name, MACH_PORT_NULL));
	/* not root: no parent, no children */
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED, bootstrap_parent(bootstrap_port, &p));
	{
		mach_port_array_t ch;
		name_array_t nm;
		bootstrap_property_array_t pr;
		mach_msg_type_number_t n;

		ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
			  bootstrap_lookup_children(bootstrap_port, &ch, &nm,
						    &pr, &n));
	}
}

static void user_b(struct harness_test *_metadata, void *arg)
{
	struct vis_names *v = arg;
	struct bootstrap_dump_entry *e;
	mach_port_t p, mine;
	uint32_t n;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bootstrap_port, v->root_name, &p));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_look_up(bootstrap_port, v->a_name, &p));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_check_in(bootstrap_port, v->a_name, &p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &mine));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), mine,
				mine, MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_register(bootstrap_port, v->a_name, mine));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_register(bootstrap_port, v->a_name, MACH_PORT_NULL));
	/* the listing hides A's name from B, shows root's */
	e = dump(bootstrap_port, BOOTSTRAP_DUMP_VISIBLE, &n);
	ASSERT_TRUE(e != NULL);
	ASSERT_TRUE(dump_find(e, n, v->root_name) != NULL);
	ASSERT_TRUE(dump_find(e, n, v->a_name) == NULL);
	free(e);
	/* B's own subset of the root: A's name is still A's */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(bootstrap_port, mach_task_self(),
						 &p));
	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED, bootstrap_look_up(p, v->a_name, &mine));
}

static void user_a_again(struct harness_test *_metadata, void *arg)
{
	struct vis_names *v = arg;
	mach_port_t p;

	/* A's inactive name is A's to check in again */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port, v->a_name, &p));
}

/*
 * A name checked in by root and one checked in by user A, who has exited
 * (so it is inactive, still A's).  The teardown removes both.
 */
FIXTURE(owners) {
	mach_port_t bp, rroot;
	struct vis_names v;
};

FIXTURE_SETUP(owners)
{
	self->bp = sys_bootstrap(_metadata);
	snprintf(self->v.root_name, sizeof(self->v.root_name), "%s",
		 uname_("root"));
	snprintf(self->v.a_name, sizeof(self->v.a_name), "%s", uname_("user"));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->bp, self->v.root_name,
						   &self->rroot));
	ASSERT_EQ(0, as_uid(UID_A, user_a, _metadata, &self->v));
	/* A exited: its name is inactive, still A's */
	ASSERT_EQ(KERN_SUCCESS, wait_status(self->bp, self->v.a_name,
					    BOOTSTRAP_STATUS_INACTIVE));
}

FIXTURE_TEARDOWN(owners)
{
	mach_port_t bp = self->bp;
	bootstrap_status_t st;

	/* A's name may be gone already (root cleared it) */
	if (bootstrap_status(bp, self->v.a_name, &st) !=
	    BOOTSTRAP_UNKNOWN_SERVICE) {
		ASSERT_EQ(KERN_SUCCESS, wait_status(bp, self->v.a_name,
						    BOOTSTRAP_STATUS_INACTIVE));
		ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, self->v.a_name,
							   MACH_PORT_NULL));
	}
	mach_port_mod_refs(mach_task_self(), self->rroot,
			   MACH_PORT_RIGHT_RECEIVE, -1);
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, self->v.root_name,
					    BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, self->v.root_name,
						   MACH_PORT_NULL));
}

/* another user neither sees nor takes A's and root's names; A may check
 * its inactive name in again */
TEST_F(owners, per_uid_visibility_and_not_privileged)
{
	ASSERT_EQ(0, as_uid(UID_B, user_b, _metadata, &self->v));
	ASSERT_EQ(0, as_uid(UID_A, user_a_again, _metadata, &self->v));
}

/* root sees everything, with the owners */
TEST_F(owners, root_sees_every_name_with_its_owner)
{
	struct bootstrap_dump_entry *e;
	mach_port_t p;
	uint32_t n;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(self->bp, self->v.a_name, &p));
	e = dump(self->bp, BOOTSTRAP_DUMP_VISIBLE, &n);
	ASSERT_TRUE(e != NULL);
	ASSERT_TRUE(dump_find(e, n, self->v.a_name) != NULL);
	ASSERT_EQ(UID_A, dump_find(e, n, self->v.a_name)->uid);
	ASSERT_EQ(0, dump_find(e, n, self->v.root_name)->uid);
	free(e);
}

/* root may clear a user's inactive name */
TEST_F(owners, root_may_clear_a_users_inactive_name)
{
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(self->bp, self->v.a_name,
						   MACH_PORT_NULL));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->bp, self->v.a_name, &p));
}

/* root may take a user's name over: system daemons come first */
TEST_F(owners, root_may_take_over_a_users_name)
{
	struct bootstrap_dump_entry *e;
	mach_port_t p;
	uint32_t n;

	ASSERT_EQ(0, as_uid(UID_A, user_a_again, _metadata, &self->v));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(self->bp, self->v.a_name, &p));
	e = dump(self->bp, BOOTSTRAP_DUMP_VISIBLE, &n);
	ASSERT_TRUE(e != NULL);
	ASSERT_EQ(0, dump_find(e, n, self->v.a_name)->uid);
	free(e);
	mach_port_mod_refs(mach_task_self(), p, MACH_PORT_RIGHT_RECEIVE, -1);
}

struct flood {
	int cap;
};

static void user_flood(struct harness_test *_metadata, void *arg)
{
	struct flood *f = arg;
	mach_port_t bp = bootstrap_port, p;
	char name[64];
	int i;

	for (i = 0; i < f->cap; i++) {
		snprintf(name, sizeof(name), "flood.%d", i);
		ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bp, name, &p));
	}
	ASSERT_EQ(BOOTSTRAP_NO_MEMORY, bootstrap_check_in(bp, "flood.x", &p));
	ASSERT_EQ(BOOTSTRAP_NO_MEMORY, bootstrap_create_service(bp, "flood.y", &p));
	ASSERT_EQ(BOOTSTRAP_NO_MEMORY,
		  bootstrap_subset(bp, mach_task_self(), &p));
	ASSERT_EQ(BOOTSTRAP_NO_MEMORY, bootstrap_register(bp, "flood.z",
							  mach_task_self()));
	/* what it has still works */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, "flood.0", &p));
}

TEST(per_uid_cap)
{
	struct flood f = { .cap = 8 };
	struct bsd d;
	mach_port_t p;

	bsd_start(_metadata, &d, false, "8");
	/* children inherit our bootstrap port: make it the private one */
	ASSERT_EQ(KERN_SUCCESS, task_set_bootstrap_port(mach_task_self(),
							d.port));
	ASSERT_EQ(0, as_uid(UID_A, user_flood, _metadata, &f));
	/* another uid is not affected */
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(d.port, "root.after", &p));
	bsd_stop(&d, SIGTERM);
}

/* ------------------------------------------------------------------ */
/* Every error code, and what libmach says about them */

/* Every BOOTSTRAP_* code has launchd's text; Mach codes fall through to
 * mach_error_string. */
TEST(strerror_gives_each_codes_text)
{
	static const struct {
		kern_return_t kr;
		const char *text;
	} texts[] = {
		{ BOOTSTRAP_SUCCESS, "Success" },
		{ BOOTSTRAP_NOT_PRIVILEGED, "Permission denied" },
		{ BOOTSTRAP_NAME_IN_USE, "Service name already exists" },
		{ BOOTSTRAP_UNKNOWN_SERVICE, "Unknown service name" },
		{ BOOTSTRAP_SERVICE_ACTIVE, "Service name already exists" },
		{ BOOTSTRAP_BAD_COUNT, "Too many lookups were requested in one request" },
		{ BOOTSTRAP_NO_MEMORY, "Out of memory" },
		{ BOOTSTRAP_NO_CHILDREN, "No child bootstrap namespaces" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		ASSERT_STREQ(texts[i].text, bootstrap_strerror(texts[i].kr));
	ASSERT_STREQ(mach_error_string(KERN_INVALID_ARGUMENT),
		     bootstrap_strerror(KERN_INVALID_ARGUMENT));
}

/* 1100: a subset needs a requestor */
TEST(subset_without_requestor_is_not_privileged)
{
	mach_port_t bp = sys_bootstrap(_metadata), p;

	ASSERT_EQ(BOOTSTRAP_NOT_PRIVILEGED,
		  bootstrap_subset(bp, MACH_PORT_NULL, &p));
}

/* 1101: declaring a name that is checked in */
TEST_F(service, create_service_of_a_used_name_is_name_in_use)
{
	mach_port_t p;

	ASSERT_EQ(BOOTSTRAP_NAME_IN_USE,
		  bootstrap_create_service(self->bp, self->name, &p));
}

/* 1102: look_up and status of a name nobody has */
TEST(unknown_name_is_unknown_service)
{
	mach_port_t bp = sys_bootstrap(_metadata), p;
	bootstrap_status_t st;

	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(bp, uname_("nobody"), &p));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_status(bp, uname_("nobody"), &st));
}

/* 1104 past BOOTSTRAP_MAX_LOOKUP_COUNT; below it, a port or
 * MACH_PORT_NULL per name and all_services_known false */
TEST_F(service, look_up_array_bad_count_and_partial_results)
{
	name_t many[BOOTSTRAP_MAX_LOOKUP_COUNT + 1];
	mach_msg_type_number_t cnt;
	mach_port_array_t ports;
	boolean_t all;
	unsigned int i;

	memset(many, 0, sizeof(many));
	for (i = 0; i <= BOOTSTRAP_MAX_LOOKUP_COUNT; i++)
		snprintf(many[i], sizeof(many[i]), "%s",
			 i % 2 ? self->name : "no.such");
	ASSERT_EQ(BOOTSTRAP_BAD_COUNT,
		  bootstrap_look_up_array(self->bp, many,
					  BOOTSTRAP_MAX_LOOKUP_COUNT + 1,
					  &ports, &cnt, &all));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up_array(self->bp, many, 4,
							&ports, &cnt, &all));
	ASSERT_EQ(4, cnt);
	ASSERT_FALSE(all);
	ASSERT_EQ(MACH_PORT_NULL, ports[0]);
	ASSERT_EQ(self->service, ports[1]);
	ASSERT_EQ(self->service, ports[3]);
	mach_port_mod_refs(mach_task_self(), self->service,
			   MACH_PORT_RIGHT_SEND, -2);
	vm_deallocate(mach_task_self(), (vm_address_t)ports,
		      cnt * sizeof(*ports));
}

/* 1105: subsets nest 100 deep, no more */
TEST(subsets_deeper_than_100_are_no_memory)
{
	mach_port_t bp = sys_bootstrap(_metadata), sub, d;
	unsigned int i;

	sub = bp;
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(sub, mach_task_self(), &d));
		sub = d;
	}
	ASSERT_EQ(BOOTSTRAP_NO_MEMORY, bootstrap_subset(sub, mach_task_self(), &d));
}

/* 1106 for a set without subsets; a parent lists its explicit subsets */
TEST(lookup_children_lists_subsets_or_no_children)
{
	mach_port_t bp = sys_bootstrap(_metadata), sub;
	mach_port_array_t children;
	mach_msg_type_number_t cnt;
	bootstrap_property_array_t props;
	name_array_t names;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(bp, mach_task_self(), &sub));
	ASSERT_EQ(BOOTSTRAP_NO_CHILDREN,
		  bootstrap_lookup_children(sub, &children, &names, &props, &cnt));
	ASSERT_EQ(KERN_SUCCESS,
		  bootstrap_lookup_children(bp, &children, &names, &props, &cnt));
	ASSERT_GE(cnt, 1);
	ASSERT_TRUE(strncmp(names[0], "subset.", 7) == 0);
	ASSERT_EQ(BOOTSTRAP_PROPERTY_EXPLICITSUBSET, props[0]);
	ASSERT_TRUE(port_alive(children[0]));
}

/* names: empty and too long are malformed requests; 127 bytes is the
 * longest name */
TEST(empty_and_too_long_names_are_malformed)
{
	mach_port_t bp = sys_bootstrap(_metadata), p;
	char longname[200];

	ASSERT_EQ(MIG_BAD_ARGUMENTS, bootstrap_look_up(bp, "", &p));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, bootstrap_check_in(bp, "", &p));
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	ASSERT_EQ(MIG_BAD_ARGUMENTS, bootstrap_check_in(bp, longname, &p));
	longname[127] = 0;
	ASSERT_EQ(KERN_SUCCESS, bootstrap_create_service(bp, longname, &p));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, longname, MACH_PORT_NULL));
}

/* bootstrap_create_server: not supported, as documented */
TEST(create_server_is_not_supported)
{
	mach_port_t bp = sys_bootstrap(_metadata), p;

	ASSERT_EQ(KERN_NOT_SUPPORTED, bootstrap_create_server(bp, "x", 0, 0, &p));
}

/* bootstrap_unprivileged: one more uref on the same port */
TEST(unprivileged_is_the_same_port)
{
	mach_port_t bp = sys_bootstrap(_metadata), p;

	ASSERT_EQ(KERN_SUCCESS, bootstrap_unprivileged(bp, &p));
	ASSERT_EQ(bp, p);
	mach_port_deallocate(mach_task_self(), p);
}

/* ------------------------------------------------------------------ */
/* Bad input: an error reply, no crash, no leak */

static mach_msg_return_t raw_call(mach_port_t dest, mach_msg_header_t *m,
				  mach_msg_size_t size, mach_msg_id_t id,
				  struct rcv_buf *reply)
{
	mach_port_t rp = mig_get_reply_port();
	mach_msg_return_t mr;

	m->msgh_bits |= MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
				       MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m->msgh_size = size;
	m->msgh_remote_port = dest;
	m->msgh_local_port = rp;
	m->msgh_id = id;
	mr = mach_msg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, size, 0,
		      MACH_PORT_NULL, 5000, MACH_PORT_NULL);
	if (mr)
		return mr;
	return receive(rp, reply, 5000);
}

/* The reply's RetCode, or a sentinel when it is not an error reply. */
static kern_return_t retcode(const struct rcv_buf *b, mach_msg_id_t id)
{
	const mig_reply_error_t *e = (const void *)b;

	if (b->head.msgh_id != id + 100 || b->head.msgh_size != sizeof(*e))
		return 0x7fffffff;
	return e->RetCode;
}

#pragma pack(push, 4)
struct bad_complex {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	mach_msg_ool_descriptor_t ool;
	NDR_record_t ndr;
	name_t name;
};
#pragma pack(pop)

/* Wait until bootstrapd's space is back to @want names. */
static int wait_names_count(pid_t pid, int want)
{
	int waited, now = -1;

	for (waited = 0; waited < WAIT_MS; waited += 50) {
		now = names_of(pid);
		if (now == want)
			break;
		msleep(50);
	}
	return now;
}

static mach_port_t new_port(struct harness_test *_metadata)
{
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &p));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), p, p,
				MACH_MSG_TYPE_MAKE_SEND));
	return p;
}

/*
 * A private bootstrapd per test, checked for leaks when the test is done:
 * after a synchronous request (bootstrapd has handled everything sent
 * before it) its space holds as many names as after a first warm-up
 * request (what a first request allocates is not a leak).  With @settle
 * the count is waited for, for tests whose clean-up reaches bootstrapd as
 * notifications (a dying child's rights, dead subsets).
 */
FIXTURE(private_bsd) {
	struct bsd d;
	int before;
	bool settle;	/* wait for the notifications of the test's clean-up */
	bool stopped;	/* the test stopped bootstrapd itself */
};

FIXTURE_SETUP(private_bsd)
{
	mach_port_t p;

	bsd_start(_metadata, &self->d, false, NULL);
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->d.port, "x", &p));
	self->before = names_of(self->d.pid);
	ASSERT_GT(self->before, 0);
}

/* still serving, alive, and nothing left behind in its space */
static void bsd_check_no_leak(struct harness_test *_metadata,
			      struct _fixture_private_bsd *self)
{
	mach_port_t p;
	int after;

	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  bootstrap_look_up(self->d.port, "x", &p));
	after = self->settle ? wait_names_count(self->d.pid, self->before) :
		names_of(self->d.pid);
	if (after != self->before)
		TH_LOG("bootstrapd had %d names, now %d", self->before, after);
	ASSERT_EQ(self->before, after);
	ASSERT_EQ(0, kill(self->d.pid, 0));
}

FIXTURE_TEARDOWN(private_bsd)
{
	if (self->stopped)
		return;
	bsd_check_no_leak(_metadata, self);
	bsd_stop(&self->d, SIGTERM);
}

/* ------------------------------------------------------------------ */
/* Malformed requests: an error reply (MIG's codes), no crash, no leak */

/* ids nobody serves (499; 400, 401, 408 are not served): MIG_BAD_ID */
TEST_F(private_bsd, unserved_ids_get_mig_bad_id)
{
	struct rcv_buf b;
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MACH_MSG_SUCCESS, raw_call(self->d.port, &m, 24, 499, &b));
	ASSERT_EQ(MIG_BAD_ID, retcode(&b, 499));
	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MACH_MSG_SUCCESS, raw_call(self->d.port, &m, 24, 408, &b));
	ASSERT_EQ(MIG_BAD_ID, retcode(&b, 408));
}

/* check_in with no name at all: MIG_BAD_ARGUMENTS */
TEST_F(private_bsd, check_in_without_a_name_gets_bad_arguments)
{
	struct rcv_buf b;
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MACH_MSG_SUCCESS, raw_call(self->d.port, &m, 24, 402, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 402));
}

struct named_request {
	mach_msg_header_t head;
	NDR_record_t ndr;
	name_t name;
};

/* look_up of a name with no NUL in its 128 bytes, or one byte short */
TEST_F(private_bsd, unterminated_or_short_name_gets_bad_arguments)
{
	struct named_request m;
	struct rcv_buf b;

	memset(&m, 0, sizeof(m));
	m.ndr = NDR_record;
	memset(m.name, 'a', sizeof(m.name));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  raw_call(self->d.port, &m.head, sizeof(m), 404, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 404));
	m.name[0] = 0;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  raw_call(self->d.port, &m.head, sizeof(m) - 4, 404, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 404));
}

/* register carrying a receive right and OOL memory: refused, and what
 * it carried destroyed (the teardown's leak check) */
TEST_F(private_bsd, register_with_receive_right_and_ool_refused)
{
	char data[64] = "out of line";
	struct bad_complex m;
	struct rcv_buf b;
	mach_port_t p;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &p));
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 2;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	m.ool.address = data;
	m.ool.size = sizeof(data);
	m.ool.copy = MACH_MSG_VIRTUAL_COPY;
	m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	m.ndr = NDR_record;
	strcpy(m.name, "bad.register");
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  raw_call(self->d.port, &m.head, sizeof(m), 403, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 403));
}

/* a send-once right in place of the requestor of a subset: refused, and
 * bootstrapd destroys it (a send-once notification reaches us) */
TEST_F(private_bsd, send_once_requestor_refused_and_destroyed)
{
	struct bad_complex m;
	struct rcv_buf b;
	mach_port_t mine;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &mine));
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	m.port.name = mine;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  raw_call(self->d.port, &m.head, 40, 409, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 409));
	ASSERT_EQ(MACH_MSG_SUCCESS, receive(mine, &b, 5000));
	ASSERT_EQ(MACH_NOTIFY_SEND_ONCE, b.head.msgh_id);
}

/* a complex message where a simple one is expected */
TEST_F(private_bsd, complex_request_where_simple_expected)
{
	struct bad_complex m;
	struct rcv_buf b;
	mach_port_t mine;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &mine));
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	m.port.name = mine;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, raw_call(self->d.port, &m.head, 40, 404, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 404));
}

/* far too big */
TEST_F(private_bsd, oversized_request_gets_bad_arguments)
{
	static union {
		mach_msg_header_t head;
		char big[70000];
	} m;
	struct rcv_buf b;

	memset(&m, 0, sizeof(m));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  raw_call(self->d.port, &m.head, sizeof(m.big) & ~3u, 404, &b));
	ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 404));
}

/* no reply port: dropped (rights destroyed), nothing to wait for; the
 * teardown's request shows bootstrapd went on */
TEST_F(private_bsd, request_without_reply_port_is_dropped)
{
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.msgh_size = 24;
	m.msgh_remote_port = self->d.port;
	m.msgh_id = 404;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&m, MACH_SEND_MSG, 24, 0,
					     MACH_PORT_NULL, 0, MACH_PORT_NULL));
}

/* a reply port that is a send right, not send-once: answered there */
TEST_F(private_bsd, send_right_reply_port_gets_the_reply)
{
	struct named_request m;
	struct rcv_buf b;
	mach_port_t mine;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_RECEIVE, &mine));
	memset(&m, 0, sizeof(m));
	m.ndr = NDR_record;
	strcpy(m.name, "no.such");
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					  MACH_MSG_TYPE_MAKE_SEND);
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = self->d.port;
	m.head.msgh_local_port = mine;
	m.head.msgh_id = 404;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&m.head, MACH_SEND_MSG,
					     sizeof(m), 0, MACH_PORT_NULL,
					     0, MACH_PORT_NULL));
	ASSERT_EQ(MACH_MSG_SUCCESS, receive(mine, &b, 5000));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE, retcode(&b, 404));
}

/* a flood of bad requests: each answered, logged a few times only */
TEST_F_TIMEOUT(private_bsd, flood_of_bad_requests_is_rate_limited_in_log, 120)
{
	char logbuf[65536];
	mach_msg_header_t m;
	struct rcv_buf b;
	int i, lines;
	size_t len;
	FILE *f;

	for (i = 0; i < 300; i++) {
		memset(&m, 0, sizeof(m));
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  raw_call(self->d.port, &m, 24, 402, &b));
		ASSERT_EQ(MIG_BAD_ARGUMENTS, retcode(&b, 402));
	}
	bsd_check_no_leak(_metadata, self);
	bsd_stop(&self->d, SIGTERM);
	self->stopped = true;

	f = fopen(self->d.log, "r");
	ASSERT_TRUE(f != NULL);
	len = fread(logbuf, 1, sizeof(logbuf) - 1, f);
	fclose(f);
	logbuf[len] = 0;
	for (lines = 0, i = 0; logbuf[i]; i++)
		lines += logbuf[i] == '\n';
	TH_LOG("bootstrapd logged %d lines for 300 bad requests", lines);
	/* rate limited: far fewer lines than requests ("suppressed" shows
	 * only if something is logged after the window, so not asserted) */
	ASSERT_LT(lines, 80);
	ASSERT_TRUE(strstr(logbuf, "warning: pid") != NULL);
}

/* ------------------------------------------------------------------ */
/* Lifecycles leave no rights behind in bootstrapd (the fixture's check) */

/* a server checks in and dies; a message carrying a right queues on the
 * inactive service; the name is then removed with it */
TEST_F(private_bsd, dead_server_queued_right_goes_with_the_name)
{
	mach_port_t self_task = mach_task_self(), bp = self->d.port, p, q, port;
	struct rpc_request m;
	pid_t c;

	self->settle = true;
	ASSERT_EQ(KERN_SUCCESS, task_set_bootstrap_port(self_task, bp));
	c = fork();
	ASSERT_GE(c, 0);
	if (c == 0) {
		/* the child inherited bp as its bootstrap port, under a name
		 * of its own */
		ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port,
							   "lc.a", &p));
		_exit(0);
	}
	ASSERT_EQ(0, child_status(c));
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, "lc.a", BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up(bp, "lc.a", &q));
	port = new_port(_metadata);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
			   MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = q;
	m.head.msgh_id = 700;
	m.body.msgh_descriptor_count = 1;
	m.port.name = port;
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&m.head, MACH_SEND_MSG, sizeof(m),
					     0, MACH_PORT_NULL, 0, MACH_PORT_NULL));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "lc.a", MACH_PORT_NULL));
	mach_port_deallocate(self_task, q);
	mach_port_destroy(self_task, port);
}

/* check in, give back, check in again, give back, remove */
TEST_F(private_bsd, check_in_twice_then_remove)
{
	mach_port_t self_task = mach_task_self(), bp = self->d.port, rcv;
	bootstrap_status_t st;

	self->settle = true;
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bp, "lc.b", &rcv));
	mach_port_mod_refs(self_task, rcv, MACH_PORT_RIGHT_RECEIVE, -1);
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, "lc.b", BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bp, "lc.b", &rcv));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_status(bp, "lc.b", &st));
	ASSERT_EQ(BOOTSTRAP_STATUS_ACTIVE, st);
	mach_port_mod_refs(self_task, rcv, MACH_PORT_RIGHT_RECEIVE, -1);
	ASSERT_EQ(KERN_SUCCESS, wait_status(bp, "lc.b", BOOTSTRAP_STATUS_INACTIVE));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "lc.b", MACH_PORT_NULL));
}

/* one port registered under two names; it dies, both go */
TEST_F(private_bsd, port_under_two_names_dies_both_go)
{
	mach_port_t self_task = mach_task_self(), bp = self->d.port, port;
	name_t names[2] = { "lc.c", "lc.none" };
	mach_port_array_t ports;
	mach_msg_type_number_t cnt;
	boolean_t all;

	self->settle = true;
	port = new_port(_metadata);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "lc.c", port));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "lc.c2", port));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_look_up_array(bp, names, 2, &ports,
							&cnt, &all));
	ASSERT_EQ(2, cnt);
	ASSERT_EQ(port, ports[0]);
	ASSERT_EQ(MACH_PORT_NULL, ports[1]);
	mach_port_deallocate(self_task, ports[0]);
	vm_deallocate(self_task, (vm_address_t)ports, cnt * sizeof(*ports));
	mach_port_destroy(self_task, port);
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  wait_lookup_fails(bp, "lc.c", BOOTSTRAP_UNKNOWN_SERVICE));
	ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
		  wait_lookup_fails(bp, "lc.c2", BOOTSTRAP_UNKNOWN_SERVICE));
}

/* declared, never checked in, removed */
TEST_F(private_bsd, declared_never_checked_in_then_removed)
{
	mach_port_t bp = self->d.port, p;

	self->settle = true;
	ASSERT_EQ(KERN_SUCCESS, bootstrap_create_service(bp, "lc.d", &p));
	mach_port_deallocate(mach_task_self(), p);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(bp, "lc.d", MACH_PORT_NULL));
}

/* a subset held by a child's task, with names of both kinds, and a
 * subset of it held by a plain port of ours: each goes with its
 * requestor, with all its names */
TEST_F_TIMEOUT(private_bsd, subsets_go_with_their_requestors, 120)
{
	mach_port_t self_task = mach_task_self(), bp = self->d.port;
	mach_port_t p, q, rcv, port, sub, sub2, req;
	struct bootstrap_dump_entry *e;
	mach_msg_type_number_t cnt;
	uint32_t n;
	int pp[2];
	pid_t c;
	char x;

	self->settle = true;
	ASSERT_EQ(0, pipe(pp));
	c = fork();
	ASSERT_GE(c, 0);
	if (c == 0) {
		close(pp[1]);
		if (read(pp[0], &x, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(pp[0]);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(self_task, c, &req));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(bp, req, &sub));
	mach_port_deallocate(self_task, req);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(sub, "lc.e", &rcv));
	port = new_port(_metadata);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_register(sub, "lc.f", port));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_create_service(sub, "lc.g", &p));
	mach_port_deallocate(self_task, p);
	req = new_port(_metadata);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_subset(sub, req, &sub2));
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(sub2, "lc.h", &q));
	{
		mach_port_array_t ch;
		name_array_t nm;
		bootstrap_property_array_t pr;

		ASSERT_EQ(KERN_SUCCESS, bootstrap_lookup_children(sub, &ch, &nm,
								  &pr, &cnt));
		ASSERT_EQ(1, cnt);
		mach_port_deallocate(self_task, ch[0]);
		vm_deallocate(self_task, (vm_address_t)ch, cnt * sizeof(*ch));
		vm_deallocate(self_task, (vm_address_t)nm, cnt * sizeof(*nm));
		vm_deallocate(self_task, (vm_address_t)pr, cnt * sizeof(*pr));
	}
	ASSERT_EQ(KERN_SUCCESS, bootstrap_parent(sub2, &p));
	ASSERT_EQ(sub, p);
	mach_port_deallocate(self_task, p);
	e = dump(bp, BOOTSTRAP_DUMP_TREE, &n);
	ASSERT_TRUE(e != NULL);
	free(e);
	/* the plain port goes: sub2 goes */
	mach_port_destroy(self_task, req);
	ASSERT_EQ(MACH_SEND_INVALID_DEST,
		  wait_lookup_fails(sub2, "lc.h", MACH_SEND_INVALID_DEST));
	/* the child goes: sub goes, with all its names */
	close(pp[1]);
	ASSERT_EQ(0, child_status(c));
	ASSERT_EQ(MACH_SEND_INVALID_DEST,
		  wait_lookup_fails(sub, "lc.e", MACH_SEND_INVALID_DEST));
	mach_port_destroy(self_task, rcv);
	mach_port_destroy(self_task, q);
	mach_port_destroy(self_task, port);
}

/* ------------------------------------------------------------------ */
/* kill -9 and restart */

TEST_TIMEOUT(restart_after_kill9, 120)
{
	mach_port_t sys = sys_bootstrap(_metadata), old, rcv, p;
	const char *name = uname_("restart");
	struct bootstrap_dump_entry *e;
	struct bsd a, b;
	uint32_t n;
	pid_t c;

	/* A installs itself as the default; we use it */
	bsd_start(_metadata, &a, true, NULL);
	adopt(a.port);
	ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port, name, &rcv));
	old = bootstrap_port;

	bsd_stop(&a, SIGKILL);
	/*
	 * Clients holding the dead port: MACH_SEND_INVALID_DEST, said so.
	 * mach.ko tears an exited task down in a work item, which may run
	 * after waitpid() returned: until then a request is still queued,
	 * and destroyed with the port (MIG_SERVER_DIED).
	 */
	{
		kern_return_t kr = KERN_SUCCESS;
		int waited, early = 0;

		for (waited = 0; waited < WAIT_MS; waited += 20) {
			kr = bootstrap_look_up(old, name, &p);
			if (kr != MIG_SERVER_DIED)
				break;
			early++;
			msleep(20);
		}
		if (early)
			TH_LOG("%d lookups reached the dead bootstrapd's port before mach.ko destroyed it",
			       early);
		ASSERT_EQ(MACH_SEND_INVALID_DEST, kr);
	}
	ASSERT_TRUE(strstr(bootstrap_strerror(MACH_SEND_INVALID_DEST),
			   "bootstrap server is gone") != NULL);
	ASSERT_TRUE(strstr(mach_error_string(MACH_SEND_INVALID_DEST),
			   "invalid destination port") != NULL);
	/* the receive right we had checked out is still ours */
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), rcv,
				rcv, MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_simple(rcv, 1));

	/* B takes over as the default */
	bsd_start(_metadata, &b, true, NULL);
	/* a new task whose parent's bootstrap port is dead gets B's */
	c = fork();
	ASSERT_GE(c, 0);
	if (c == 0) {
		ASSERT_TRUE(port_alive(bootstrap_port));
		ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
			  bootstrap_look_up(bootstrap_port, name, &p));
		ASSERT_EQ(KERN_SUCCESS, bootstrap_check_in(bootstrap_port,
							   name, &p));
		e = dump(bootstrap_port, BOOTSTRAP_DUMP_TREE, &n);
		ASSERT_TRUE(e != NULL);
		ASSERT_EQ(b.pid, e[0].pid);	/* B's root */
		_exit(0);
	}
	ASSERT_EQ(0, child_status(c));
	ASSERT_EQ(KERN_SUCCESS, wait_status(b.port, name,
					    BOOTSTRAP_STATUS_INACTIVE));

	/* put the system's bootstrapd back as the default */
	ASSERT_EQ(KERN_SUCCESS, libmach_set_default_bootstrap(sys));
	adopt(sys);
	bsd_stop(&b, SIGKILL);
	c = fork();
	ASSERT_GE(c, 0);
	if (c == 0) {
		ASSERT_TRUE(port_alive(bootstrap_port));
		ASSERT_EQ(BOOTSTRAP_UNKNOWN_SERVICE,
			  bootstrap_look_up(bootstrap_port, name, &p));
		_exit(0);
	}
	ASSERT_EQ(0, child_status(c));
}

TEST(set_default_bootstrap_needs_root)
{
	mach_port_t bp = sys_bootstrap(_metadata);
	pid_t c = fork();

	ASSERT_GE(c, 0);
	if (c == 0) {
		if (setuid(UID_A))
			_exit(99);
		ASSERT_EQ(KERN_NO_ACCESS, libmach_set_default_bootstrap(bp));
		_exit(0);
	}
	ASSERT_EQ(0, child_status(c));
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--seed001"))
		return run_seed001();
	return harness_main(argc, argv);
}
