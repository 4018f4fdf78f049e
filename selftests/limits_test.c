// SPDX-License-Identifier: GPL-2.0
/*
 * Hardening: what an unprivileged local user sends gets XNU's error and
 * leaves the machine and other users alone (issue 13,
 * Documentation/security.rst).  The attacks run as uid 65534 through
 * as_user.h; a bystander of another uid (65533) and a root server keep
 * working meanwhile.  Limits are made small through the module's
 * parameters and restored after.
 */
#include "msg_util.h"
#include "as_user.h"

#include <fcntl.h>

#define PARAM_DIR "/sys/module/mach/parameters/"
#define MB (1024UL * 1024)

static unsigned long param_get(const char *name)
{
	char path[128];
	unsigned long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return ~0UL;
	if (fscanf(f, "%lu", &v) != 1)
		v = ~0UL;
	fclose(f);
	return v;
}

static int param_set(const char *name, unsigned long v)
{
	char path[128], buf[32];
	int fd, len, ok;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%lu", v);
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

/* ---- the descriptor-count wrap ---- */

struct wrap_msg {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	mach_msg_ool_ports_descriptor_t ports;
};

static int send_wrap(void *arg)
{
	mach_port_name_t p = mu_port_send();
	mach_port_name_t names[4] = { 0 };
	struct wrap_msg m;
	mach_msg_return_t mr;

	if (!p)
		return 10;
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = p;
	m.body.msgh_descriptor_count = 2;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	m.ports.address = names;
	m.ports.count = 0xffffffffu;	/* 1 + 0xffffffff wraps to 0 in 32 bits */
	m.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	mr = mu_send_msg(&m.hdr, 0);
	if (mr != MACH_SEND_TOO_LARGE) {
		fprintf(stderr, "# wrap: mr %#x\n", mr);
		return 1;
	}
	/* refused before anything was taken: nothing queued, right intact */
	if (!mu_queue_empty(p) || mu_refs(p, MACH_PORT_RIGHT_SEND) != 1)
		return 2;
	return 0;
}

/*
 * A port descriptor then an OOL-ports descriptor of count 0xffffffff, as
 * uid 65534: XNU's ipc_kmsg_inflate_ool_ports_descriptor sums the counts
 * with os_add_overflow and ipc_kmsg_validate_... refuses more than 16383
 * ports: MACH_SEND_TOO_LARGE, and no kernel warning (vm-run checks dmesg).
 */
TEST(ool_ports_count_wrap_is_send_too_large)
{
	ASSERT_EQ(0, as_user_run(AS_USER_NOBODY, send_wrap, NULL));
}

/* ---- six 200 MB regions ---- */

struct six_msg {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d[6];
};

static int send_six(void *arg)
{
	size_t len = 200 * MB;	/* each under max_ool_size, 1.2 GB in all */
	mach_port_name_t p = mu_port_send();
	struct six_msg m;
	long long t0;
	mach_msg_return_t mr;
	int i;

	if (!p)
		return 10;
	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = p;
	m.body.msgh_descriptor_count = 6;
	for (i = 0; i < 6; i++) {
		/* never touched: the guest has 1 GiB, the attack needs none */
		void *a = mmap(NULL, len, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);

		if (a == MAP_FAILED)
			return 11;
		m.d[i].address = a;
		m.d[i].size = len;
		m.d[i].copy = MACH_MSG_PHYSICAL_COPY;
		m.d[i].type = MACH_MSG_OOL_DESCRIPTOR;
	}
	t0 = now_ms();
	mr = mu_send_msg(&m.hdr, 0);
	if (mr != MACH_SEND_NO_BUFFER) {
		fprintf(stderr, "# six: mr %#x\n", mr);
		return 1;
	}
	/* refused from the totals, before 1.2 GB was copied */
	if (now_ms() - t0 > 1000)
		return 2;
	return mu_queue_empty(p) ? 0 : 3;
}

/*
 * Six OOL regions of 200 MB (each within max_ool_size) as uid 65534: the
 * message's total is checked against port_byte_budget before any region
 * is copied, and the send fails with MACH_SEND_NO_BUFFER (the module's
 * code for a queue that cannot take the bytes; XNU bounds the same total
 * against ipc_kmsg_max_vm_space in ipc_kmsg_validate_... ).
 */
TEST(six_200mb_regions_are_refused_before_copy)
{
	unsigned long budget = param_get("port_byte_budget");

	ASSERT_EQ(256 * MB, budget);
	ASSERT_EQ(0, as_user_run(AS_USER_NOBODY, send_six, NULL));
}

/* ---- a root server that must keep answering ---- */

static void *echo_server(void *arg)
{
	mach_port_name_t p = *(mach_port_name_t *)arg;
	mu_msg_t buf;

	for (;;) {
		if (mu_recv(p, &buf) != MACH_MSG_SUCCESS)
			return NULL;
		if (buf.hdr.msgh_id == 0)
			return NULL;
		mu_send(buf.hdr.msgh_remote_port, MACH_MSG_TYPE_MOVE_SEND_ONCE,
			buf.hdr.msgh_id + 100);
	}
}

/* One RPC to the server on @p: the reply's id, or -1. */
static int rpc(mach_port_name_t p, int id)
{
	mach_port_name_t reply = mu_port();
	mu_msg_t buf;
	int got = -1;

	if (mu_send_full(p, MACH_MSG_TYPE_COPY_SEND, reply,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, id, MU_WAIT_MS) ==
	    MACH_MSG_SUCCESS &&
	    mu_recv_opts(reply, &buf, 0, MU_WAIT_MS) ==
	    MACH_MSG_SUCCESS)
		got = buf.hdr.msgh_id;
	mu_destroy_receive(reply);
	return got;
}

/* ---- ports per uid ---- */

struct hold {
	int ready[2];		/* attacker -> parent: result */
	int go[2];		/* parent -> attacker: let go */
	unsigned long limit;
};

static int fill_ports(void *arg)
{
	struct hold *h = arg;
	mach_port_name_t name;
	kern_return_t kr = KERN_SUCCESS;
	int n = 0, res;
	char c;

	while (n < (int)h->limit + 100) {
		kr = mach_port_allocate(mach_task_self(),
					MACH_PORT_RIGHT_RECEIVE, &name);
		if (kr)
			break;
		n++;
	}
	/* the task's own ports count too: a few below the limit */
	res = kr == KERN_NO_SPACE && n <= (int)h->limit &&
		n >= (int)h->limit - 16 ? 0 : 1;
	if (res)
		fprintf(stderr, "# ports: %d made, kr %#x\n", n, kr);
	/* a port set counts as a port: refused as well */
	if (!res && mach_port_allocate(mach_task_self(),
				       MACH_PORT_RIGHT_PORT_SET, &name) !=
	    KERN_NO_SPACE)
		res = 2;
	if (write(h->ready[1], &res, sizeof(res)) != sizeof(res))
		return 3;
	if (read(h->go[0], &c, 1) != 1)
		return 4;
	return res;
}

static int bystander_ports(void *arg)
{
	mach_port_name_t p[32];
	int i;

	for (i = 0; i < 32; i++)
		if (mach_port_allocate(mach_task_self(),
				       MACH_PORT_RIGHT_RECEIVE, &p[i]))
			return 1;
	return 0;
}

/*
 * Ports per uid (user_max_ports, set to 256 here): uid 65534 allocating
 * receive rights gets KERN_NO_SPACE at the limit, XNU's answer for a
 * port space that cannot grow (ipc_entry_grow_table); uid 65533 still
 * allocates, and a root server keeps answering.
 */
TEST_TIMEOUT(per_uid_port_limit_is_no_space, 120)
{
	unsigned long saved = param_get("user_max_ports");
	mach_port_name_t srv = mu_port_send();
	struct hold h = { .limit = 256 };
	pthread_t thr;
	int res = -1, st;
	pid_t pid;

	ASSERT_NE(~0UL, saved);
	ASSERT_NE(MACH_PORT_NULL, srv);
	ASSERT_EQ(0, pthread_create(&thr, NULL, echo_server, &srv));
	ASSERT_EQ(0, pipe(h.ready));
	ASSERT_EQ(0, pipe(h.go));
	ASSERT_EQ(0, param_set("user_max_ports", h.limit));
	pid = as_user_start(AS_USER_NOBODY, fill_ports, &h);
	if (pid > 0 && read(h.ready[0], &res, sizeof(res)) != sizeof(res))
		res = -1;
	/* meanwhile: another user, and root's server */
	st = as_user_run(AS_USER_OTHER, bystander_ports, NULL);
	EXPECT_EQ(107, rpc(srv, 7));
	if (write(h.go[1], "x", 1) != 1)
		res = -2;
	EXPECT_EQ(0, pid > 0 ? as_user_wait(pid) : -1);
	param_set("user_max_ports", saved);
	EXPECT_EQ(0, res);
	EXPECT_EQ(0, st);
	mu_send(srv, MACH_MSG_TYPE_COPY_SEND, 0);
	pthread_join(thr, NULL);
}

/* ---- queued message memory per uid ---- */

struct ool_msg {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d;
};

static mach_msg_return_t send_ool(mach_port_name_t p, void *buf, size_t len)
{
	struct ool_msg m;

	memset(&m, 0, sizeof(m));
	m.hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	m.hdr.msgh_size = sizeof(m);
	m.hdr.msgh_remote_port = p;
	m.body.msgh_descriptor_count = 1;
	m.d.address = buf;
	m.d.size = len;
	m.d.copy = MACH_MSG_PHYSICAL_COPY;
	m.d.type = MACH_MSG_OOL_DESCRIPTOR;
	return mu_send_msg(&m.hdr, 0);
}

#define QPORTS 16

static int fill_queues(void *arg)
{
	struct hold *h = arg;
	mach_port_name_t p[QPORTS];
	void *buf = malloc(MB);
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	mu_msg_t rbuf;
	int n = 0, i, res;
	char c;

	if (!buf)
		return 10;
	memset(buf, 0x5a, MB);
	for (i = 0; i < QPORTS; i++)
		if (!(p[i] = mu_port()))
			return 11;
	/* 1 MB each, over many ports (5 per queue): only the uid's limit */
	while (n < QPORTS * 5) {
		mr = send_ool(p[n % QPORTS], buf, MB);
		if (mr)
			break;
		n++;
	}
	res = mr == MACH_SEND_NO_BUFFER &&
		(unsigned long)n * MB <= h->limit &&
		(unsigned long)(n + 2) * MB > h->limit ? 0 : 1;
	if (res)
		fprintf(stderr, "# queues: %d sent, mr %#x\n", n, mr);
	/* a received message gives its bytes back */
	if (!res && (mu_recv(p[0], &rbuf) != MACH_MSG_SUCCESS ||
		     send_ool(p[0], buf, MB) != MACH_MSG_SUCCESS))
		res = 2;
	if (write(h->ready[1], &res, sizeof(res)) != sizeof(res))
		return 3;
	if (read(h->go[0], &c, 1) != 1)
		return 4;
	return res;
}

static int bystander_ool(void *arg)
{
	mach_port_name_t p = mu_port();
	void *buf = malloc(MB);
	mu_msg_t rbuf;

	if (!p || !buf)
		return 10;
	memset(buf, 0xa5, MB);
	if (send_ool(p, buf, MB) != MACH_MSG_SUCCESS)
		return 1;
	return mu_recv(p, &rbuf) == MACH_MSG_SUCCESS ? 0 : 2;
}

/*
 * Queued message memory per uid (user_max_msg_bytes, set to 8 MB): uid
 * 65534 queueing 1 MB OOL messages on its own ports, five per queue so
 * that no port's budget or qlimit stops it, gets MACH_SEND_NO_BUFFER
 * (XNU's code for a kernel that will not buffer the message) once its
 * unreceived bytes would pass 8 MB; a receive gives the bytes back.  uid
 * 65533 still sends 1 MB and root's server answers meanwhile.
 */
TEST_TIMEOUT(per_uid_queued_bytes_limit_is_no_buffer, 120)
{
	unsigned long saved = param_get("user_max_msg_bytes");
	mach_port_name_t srv = mu_port_send();
	struct hold h = { .limit = 8 * MB };
	pthread_t thr;
	int res = -1, st;
	pid_t pid;

	ASSERT_NE(~0UL, saved);
	ASSERT_NE(MACH_PORT_NULL, srv);
	ASSERT_EQ(0, pthread_create(&thr, NULL, echo_server, &srv));
	ASSERT_EQ(0, pipe(h.ready));
	ASSERT_EQ(0, pipe(h.go));
	ASSERT_EQ(0, param_set("user_max_msg_bytes", h.limit));
	pid = as_user_start(AS_USER_NOBODY, fill_queues, &h);
	if (pid > 0 && read(h.ready[0], &res, sizeof(res)) != sizeof(res))
		res = -1;
	st = as_user_run(AS_USER_OTHER, bystander_ool, NULL);
	EXPECT_EQ(108, rpc(srv, 8));
	if (write(h.go[1], "x", 1) != 1)
		res = -2;
	EXPECT_EQ(0, pid > 0 ? as_user_wait(pid) : -1);
	param_set("user_max_msg_bytes", saved);
	EXPECT_EQ(0, res);
	EXPECT_EQ(0, st);
	mu_send(srv, MACH_MSG_TYPE_COPY_SEND, 0);
	pthread_join(thr, NULL);
}

/* ---- kernel notifications charged to the notify port's maker ---- */

static int fill_notifications(void *arg)
{
	unsigned long limit = *(unsigned long *)arg;
	mach_port_name_t n = mu_port(), so;
	natural_t count;
	mu_msg_t rbuf;
	int i;

	if (!n)
		return 10;
	for (i = 0; i < 20000; i++) {
		so = mu_sonce(n);
		/* destroyed unused: a send-once notification on n */
		if (!so || mach_port_deallocate(mach_task_self(), so))
			return 11;
	}
	count = mu_msgcount(n);
	/* each is at least a header's worth of the uid's allowance */
	if (count == 0 || count == MU_ERR ||
	    count > limit / sizeof(mach_msg_header_t)) {
		fprintf(stderr, "# notifications queued: %u\n", count);
		return 1;
	}
	/* a receive gives the bytes back: the next one is queued */
	if (mu_recv(n, &rbuf) != MACH_MSG_SUCCESS ||
	    rbuf.hdr.msgh_id != MACH_NOTIFY_SEND_ONCE)
		return 2;
	so = mu_sonce(n);
	if (!so || mach_port_deallocate(mach_task_self(), so))
		return 3;
	return mu_msgcount(n) == count ? 0 : 4;
}

/*
 * Notifications the kernel queues count against the uid that made the
 * destination port: 20000 send-once rights destroyed unused would queue
 * 20000 send-once notifications (XNU's kernel qlimit is 65534); with
 * user_max_msg_bytes at 64 KB those beyond it are dropped, as XNU drops a
 * kernel message at its queue limit (ipc_kmsg_send), and nothing else.
 */
TEST_TIMEOUT(notifications_count_against_the_port_maker, 120)
{
	unsigned long saved = param_get("user_max_msg_bytes");
	unsigned long limit = 64 * 1024;
	int res;

	ASSERT_NE(~0UL, saved);
	ASSERT_EQ(0, param_set("user_max_msg_bytes", limit));
	res = as_user_run(AS_USER_NOBODY, fill_notifications, &limit);
	param_set("user_max_msg_bytes", saved);
	EXPECT_EQ(0, res);
}

/* ---- the global cap ---- */

/*
 * global_max_msg_bytes bounds all users' messages together, root's too
 * (CAP_SYS_RESOURCE passes only the per-uid limits): at 4 MB, 1 MB OOL
 * messages from root stop with MACH_SEND_NO_BUFFER at the fourth at most.
 */
TEST_TIMEOUT(global_message_cap_binds_root_too, 120)
{
	unsigned long saved = param_get("global_max_msg_bytes");
	mach_port_name_t p[8];
	void *buf = malloc(MB);
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	int n = 0, i;

	ASSERT_NE(~0UL, saved);
	ASSERT_NE(NULL, buf);
	memset(buf, 0x11, MB);
	for (i = 0; i < 8; i++)
		ASSERT_NE(MACH_PORT_NULL, p[i] = mu_port());
	ASSERT_EQ(0, param_set("global_max_msg_bytes", 4 * MB));
	while (n < 8) {
		mr = send_ool(p[n], buf, MB);
		if (mr)
			break;
		n++;
	}
	param_set("global_max_msg_bytes", saved);
	EXPECT_EQ(MACH_SEND_NO_BUFFER, mr);
	EXPECT_GE(3, n);
	EXPECT_LE(1, n);
	/* given back when the messages go */
	for (i = 0; i < 8; i++)
		mu_destroy_receive(p[i]);
	p[0] = mu_port();
	EXPECT_EQ(MACH_MSG_SUCCESS, send_ool(p[0], buf, MB));
}

TEST_HARNESS_MAIN
