// SPDX-License-Identifier: GPL-2.0
/*
 * Large out-of-line regions sent with deallocate (module/ool_pages.c):
 * pinned at send instead of copied, copied once into the receiver.  What
 * must not change is XNU's semantics: ipc_kmsg_copyin_ool_descriptor takes
 * the region with vm_map_copyin (src_destroy when deallocate is set), so
 * the receiver gets the bytes as of the send, the sender's range is gone,
 * and a message destroyed unreceived, handed back by a pseudo-receive
 * (ipc_kmsg_copyout_pseudo) or refused as too large
 * (mach_msg_receive_too_large) releases the region exactly once.
 *
 * The module's read-only parameter ool_pinned_pages counts the pages
 * pinned by messages not yet received; the tests use it to show that the
 * pinned path was taken and that every path unpins.
 */
#include "msg_util.h"

#include <sys/wait.h>

#define OOL_ID		0x4f4f4c	/* "OOL" */
#define MIB		(1u << 20)
#define BIG		(16 * MIB)
#define SMALL		(64 * 1024 + 1)
#define PINNED_PATH	"/sys/module/mach/parameters/ool_pinned_pages"

typedef struct {
	mach_msg_header_t hdr;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d;
} ool_msg_t;

typedef struct {
	ool_msg_t m;
	mach_msg_max_trailer_t trailer;
} ool_rcv_t;

static long pinned_pages(void)
{
	FILE *f = fopen(PINNED_PATH, "r");
	long n = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

static unsigned char pattern(size_t i, unsigned int seed)
{
	return (unsigned char)((i * 131 + (i >> 12) + seed) & 0xff);
}

static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = pattern(i, seed);
}

/* The index of the first byte that differs, or @len. */
static size_t first_bad(const unsigned char *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != pattern(i, seed))
			return i;
	return len;
}

static void *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Whether any page of [p, p + len) is still mapped (mincore: ENOMEM). */
static int range_mapped(void *p, size_t len)
{
	unsigned long pg = sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)p & ~(pg - 1);
	unsigned char vec;
	size_t off;

	for (off = 0; a + off < (uintptr_t)p + len; off += pg)
		if (mincore((void *)(a + off), pg, &vec) == 0)
			return 1;
	return 0;
}

static void ool_set(ool_msg_t *m, mach_port_name_t d, void *addr,
		    mach_msg_size_t size, boolean_t dealloc)
{
	memset(m, 0, sizeof(*m));
	m->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
			   MACH_MSGH_BITS_COMPLEX;
	m->hdr.msgh_size = sizeof(*m);
	m->hdr.msgh_remote_port = d;
	m->hdr.msgh_id = OOL_ID;
	m->body.msgh_descriptor_count = 1;
	m->d.address = addr;
	m->d.size = size;
	m->d.deallocate = dealloc;
	m->d.copy = MACH_MSG_VIRTUAL_COPY;
	m->d.type = MACH_MSG_OOL_DESCRIPTOR;
}

static mach_msg_return_t send_region(mach_port_name_t d, void *addr,
				     mach_msg_size_t size, boolean_t dealloc)
{
	ool_msg_t m;

	ool_set(&m, d, addr, size, dealloc);
	return mach_msg(&m.hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m),
			0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/*
 * Receive one region on @d and check every byte against @seed; the
 * region is deallocated after.
 */
static void recv_check(struct harness_test *_metadata, mach_port_name_t d,
		       mach_msg_size_t size, unsigned int seed)
{
	ool_rcv_t r;

	memset(&r, 0, sizeof(r));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&r.m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			   sizeof(r), d, MU_WAIT_MS, MACH_PORT_NULL));
	ASSERT_EQ(OOL_ID, r.m.hdr.msgh_id);
	ASSERT_EQ(MACH_MSG_OOL_DESCRIPTOR, r.m.d.type);
	ASSERT_EQ(size, r.m.d.size);
	ASSERT_NE(NULL, r.m.d.address);
	EXPECT_EQ(size, first_bad(r.m.d.address, size, seed));
	EXPECT_EQ(KERN_SUCCESS,
		  vm_deallocate(mach_task_self(),
				(vm_address_t)r.m.d.address, size));
}

FIXTURE(ool) {
	mach_port_name_t p;
	long base;		/* ool_pinned_pages before the test */
};

FIXTURE_SETUP(ool)
{
	self->p = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->p);
	self->base = pinned_pages();
	ASSERT_LE(0, self->base);
}

FIXTURE_TEARDOWN(ool)
{
}

/* 16 MiB with deallocate: pinned while queued, intact at receive, and
 * the sender's range gone (vm_map_copyin with src_destroy). */
TEST_F(ool, dealloc_16m_intact_sender_unmapped)
{
	unsigned char *a = map_anon(BIG);

	ASSERT_NE(NULL, a);
	fill(a, BIG, 1);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, TRUE));
	EXPECT_EQ(0, range_mapped(a, BIG));
	EXPECT_EQ(self->base + BIG / 4096, pinned_pages());
	recv_check(_metadata, self->p, BIG, 1);
	EXPECT_EQ(self->base, pinned_pages());
}

#define MIN_PATH	"/sys/module/mach/parameters/ool_pin_min"

static long pin_min(void)
{
	FILE *f = fopen(MIN_PATH, "r");
	long n = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/*
 * @size bytes at 123 bytes into a page: the region's pages (the partial
 * ones at both ends included) are pinned if @size reaches ool_pin_min,
 * the range is unmapped, the page before it is not, and exactly the
 * region's bytes arrive.
 */
static void unaligned_case(struct harness_test *_metadata,
			   mach_port_name_t p, long base, size_t size,
			   unsigned int seed)
{
	size_t pages = (123 + size + 4095) / 4096;
	unsigned char *m = map_anon(size + 3 * 4096), *a = m + 4096 + 123;
	long min = pin_min();

	ASSERT_NE(NULL, m);
	ASSERT_LT(0, min);
	fill(a, size, seed);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(p, a, size, TRUE));
	EXPECT_EQ(0, range_mapped(a, size));
	EXPECT_EQ(1, range_mapped(m, 4096));	/* outside the region */
	EXPECT_EQ(base + ((long)size >= min ? (long)pages : 0),
		  pinned_pages());
	recv_check(_metadata, p, size, seed);
	EXPECT_EQ(base, pinned_pages());
}

/* 64 KiB + 1, unaligned: intact, the sender's range unmapped. */
TEST_F(ool, dealloc_64k_plus_1_unaligned_intact)
{
	unaligned_case(_metadata, self->p, self->base, SMALL, 2);
}

/* One byte over the threshold, unaligned: pinned (17 or more pages),
 * intact. */
TEST_F(ool, dealloc_threshold_plus_1_unaligned_pinned)
{
	long min = pin_min();

	ASSERT_LT(0, min);
	unaligned_case(_metadata, self->p, self->base, min + 1, 19);
}

/* Without deallocate the region is copied at send: a write after the
 * send is not seen by the receiver (vm_map_copyin's copy semantics). */
TEST_F(ool, no_dealloc_write_after_send_not_seen)
{
	unsigned char *a = map_anon(BIG);

	ASSERT_NE(NULL, a);
	fill(a, BIG, 3);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, FALSE));
	EXPECT_EQ(self->base, pinned_pages());
	fill(a, BIG, 4);
	recv_check(_metadata, self->p, BIG, 3);
	EXPECT_EQ(BIG, first_bad(a, BIG, 4));
}

struct writer {
	unsigned char *a;
	size_t len;
	unsigned int seed;
};

static void *writer_run(void *arg)
{
	struct writer *w = arg;

	fill(w->a, w->len, w->seed);
	return NULL;
}

/* Another thread's writes made before the send with deallocate are the
 * bytes that arrive: the pages are pinned with whatever they hold when
 * the send takes them. */
TEST_F(ool, dealloc_thread_write_before_send_seen)
{
	struct writer w = { map_anon(BIG), BIG, 5 };
	pthread_t t;

	ASSERT_NE(NULL, w.a);
	fill(w.a, BIG, 6);
	ASSERT_EQ(0, pthread_create(&t, NULL, writer_run, &w));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, w.a, BIG, TRUE));
	EXPECT_EQ(0, range_mapped(w.a, BIG));
	recv_check(_metadata, self->p, BIG, 5);
	EXPECT_EQ(self->base, pinned_pages());
}

/* A MAP_SHARED region sent with deallocate arrives as a snapshot: a
 * write through a second mapping of the same memory after the send is
 * not seen (it is copied, not pinned: pinned shared pages would change
 * under the message). */
TEST_F(ool, shared_dealloc_is_snapshot)
{
	size_t len = 1 * MIB;
	int fd = memfd_create("ool_shared", 0);
	unsigned char *a, *b;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, len));
	a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, a);
	ASSERT_NE(MAP_FAILED, b);
	fill(a, len, 7);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, len, TRUE));
	EXPECT_EQ(0, range_mapped(a, len));
	EXPECT_EQ(self->base, pinned_pages());
	fill(b, len, 8);
	recv_check(_metadata, self->p, len, 7);
	close(fd);
}

/* Queued regions are released when the receive right is destroyed
 * (ipc_port_destroy -> ipc_kmsg_destroy of every queued message). */
TEST_F(ool, destroy_port_releases_pins)
{
	int i;

	for (i = 0; i < 3; i++) {
		unsigned char *a = map_anon(BIG);

		ASSERT_NE(NULL, a);
		fill(a, BIG, 9 + i);
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  send_region(self->p, a, BIG, TRUE));
	}
	EXPECT_EQ(self->base + 3 * BIG / 4096, pinned_pages());
	EXPECT_EQ(KERN_SUCCESS, mach_port_destroy(mach_task_self(), self->p));
	EXPECT_EQ(self->base, pinned_pages());
}

/* The same through mach_port_mod_refs(RECEIVE, -1). */
TEST_F(ool, mod_refs_receive_releases_pins)
{
	unsigned char *a = map_anon(BIG);

	ASSERT_NE(NULL, a);
	fill(a, BIG, 12);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, TRUE));
	EXPECT_EQ(self->base + BIG / 4096, pinned_pages());
	EXPECT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(mach_task_self(), self->p,
				     MACH_PORT_RIGHT_RECEIVE, -1));
	EXPECT_EQ(self->base, pinned_pages());
}

/* A send that times out on a full queue hands the message back
 * (ipc_kmsg_copyout_pseudo): the region, already gone from its old
 * address, comes back intact at the address in the descriptor. */
TEST_F(ool, send_timeout_gives_region_back_intact)
{
	unsigned char *a = map_anon(BIG);
	ool_msg_t m;

	ASSERT_NE(NULL, a);
	ASSERT_EQ(KERN_SUCCESS, mu_set_qlimit(self->p, 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(self->p, MACH_MSG_TYPE_MAKE_SEND, 1));
	fill(a, BIG, 13);
	ool_set(&m, self->p, a, BIG, TRUE);
	ASSERT_EQ(MACH_SEND_TIMED_OUT,
		  mach_msg(&m.hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			   sizeof(m), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL));
	EXPECT_EQ(1, mu_msgcount(self->p));
	EXPECT_EQ(self->base, pinned_pages());
	ASSERT_EQ(BIG, m.d.size);
	ASSERT_NE(NULL, m.d.address);
	EXPECT_EQ(BIG, first_bad(m.d.address, BIG, 13));
	EXPECT_EQ(KERN_SUCCESS,
		  vm_deallocate(mach_task_self(), (vm_address_t)m.d.address,
				BIG));
}

/* MACH_RCV_LARGE with too small a buffer leaves the message queued,
 * pins and all; the next receive gets it intact. */
TEST_F(ool, rcv_large_too_small_keeps_region)
{
	unsigned char *a = map_anon(BIG);
	ool_rcv_t r;

	ASSERT_NE(NULL, a);
	fill(a, BIG, 14);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, TRUE));
	memset(&r, 0, sizeof(r));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&r.m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   MACH_RCV_LARGE, 0, sizeof(mach_msg_header_t),
			   self->p, 0, MACH_PORT_NULL));
	EXPECT_EQ(1, mu_msgcount(self->p));
	EXPECT_EQ(self->base + BIG / 4096, pinned_pages());
	recv_check(_metadata, self->p, BIG, 14);
	EXPECT_EQ(self->base, pinned_pages());
}

/* Without MACH_RCV_LARGE the message is destroyed and only its header
 * comes back (mach_msg_receive_too_large): the region is released. */
TEST_F(ool, rcv_too_small_destroys_region)
{
	unsigned char *a = map_anon(BIG);
	ool_rcv_t r;

	ASSERT_NE(NULL, a);
	fill(a, BIG, 15);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, TRUE));
	memset(&r, 0, sizeof(r));
	EXPECT_EQ(MACH_RCV_TOO_LARGE,
		  mach_msg(&r.m.hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			   sizeof(mach_msg_header_t) + 8, self->p, 0,
			   MACH_PORT_NULL));
	EXPECT_EQ(OOL_ID, r.m.hdr.msgh_id);
	EXPECT_EQ(0, mu_msgcount(self->p));
	EXPECT_EQ(self->base, pinned_pages());
}

/* fork: the child's copy-on-write copy of the region, written after the
 * parent sent it, is not what arrives: the parent's bytes do (the pin
 * unshares the pages the child still shares). */
TEST_F(ool, fork_child_write_after_send_not_seen)
{
	unsigned char *a = map_anon(BIG);
	int go[2], done[2], st;
	char c = 0;
	pid_t pid;

	ASSERT_NE(NULL, a);
	fill(a, BIG, 16);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		fill(a, BIG, 17);
		_exit(write(done[1], &c, 1) == 1 &&
		      first_bad(a, BIG, 17) == BIG ? 0 : 3);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, BIG, TRUE));
	EXPECT_EQ(self->base + BIG / 4096, pinned_pages());
	ASSERT_EQ(1, write(go[1], &c, 1));
	ASSERT_EQ(1, read(done[0], &c, 1));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	recv_check(_metadata, self->p, BIG, 16);
	EXPECT_EQ(self->base, pinned_pages());
}

/* Below ool_pin_min a region is copied as before: nothing is pinned
 * while it is queued, and it arrives intact. */
TEST_F(ool, below_threshold_copied_not_pinned)
{
	long min = pin_min();
	size_t len;
	unsigned char *a;

	ASSERT_LT(4096, min);
	len = (min - 1) & ~4095L;
	a = map_anon(len);
	ASSERT_NE(NULL, a);
	fill(a, len, 18);
	ASSERT_EQ(MACH_MSG_SUCCESS, send_region(self->p, a, len, TRUE));
	EXPECT_EQ(self->base, pinned_pages());
	EXPECT_EQ(0, range_mapped(a, len));
	recv_check(_metadata, self->p, len, 18);
}

TEST_HARNESS_MAIN
