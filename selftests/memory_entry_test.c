// SPDX-License-Identifier: GPL-2.0
/*
 * Memory shared between tasks (issue 16): mach_make_memory_entry_64 and
 * mach_vm_map, XNU's mach_make_memory_entry_internal (vm_memory_entry.c)
 * and mach_vm_map_external / vm_map_enter_mem_object (vm_user.c,
 * vm_map.c) for the checks and error codes; Documentation/memory.rst for
 * what Linux can share.
 */
#include "harness.h"

#include <sys/mman.h>
#include <sys/wait.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_vm.h>
#include <mach/vm_map.h>
#include <mach/task.h>

#define PG	4096

static mach_port_t create(memory_object_size_t size, vm_prot_t prot)
{
	memory_object_size_t s = size;
	mach_port_t h = MACH_PORT_NULL;
	kern_return_t kr;

	kr = mach_make_memory_entry_64(mach_task_self(), &s, 0,
				       prot | MAP_MEM_NAMED_CREATE, &h,
				       MACH_PORT_NULL);
	if (kr) {
		printf("# named create: %s\n", mach_error_string(kr));
		return MACH_PORT_NULL;
	}
	return h;
}

static kern_return_t map(mach_port_t task, mach_vm_address_t *a,
			 mach_vm_size_t size, int flags, mach_port_t obj,
			 memory_object_offset_t off, boolean_t copy,
			 vm_prot_t cur, vm_prot_t max)
{
	return mach_vm_map(task, a, size, 0, flags, obj, off, copy, cur, max,
			   VM_INHERIT_DEFAULT);
}

/* NAMED_CREATE: a zero-filled object of the rounded size, mappable rw */
TEST(named_create_maps_zeroed)
{
	memory_object_size_t s = PG + 1;
	mach_vm_address_t a = 0;
	mach_port_t h;
	char *p;

	ASSERT_EQ(KERN_SUCCESS, mach_make_memory_entry_64(mach_task_self(), &s,
			0, VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE, &h,
			MACH_PORT_NULL));
	EXPECT_EQ(2 * PG, s);
	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, 2 * PG,
				    VM_FLAGS_ANYWHERE, h, 0, FALSE,
				    VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	p = (char *)a;
	EXPECT_EQ(0, p[0]);
	EXPECT_EQ(0, p[2 * PG - 1]);
	p[5] = 'x';
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), h));
	/* the mapping outlives the entry's port, as on XNU */
	EXPECT_EQ('x', p[5]);
	EXPECT_EQ(KERN_SUCCESS, mach_vm_deallocate(mach_task_self(), a,
						   2 * PG));
}

/* two mappings of one entry are the same memory */
TEST(two_mappings_alias)
{
	mach_vm_address_t a = 0, b = 0;
	mach_port_t h = create(PG, VM_PROT_DEFAULT);

	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	ASSERT_EQ(KERN_SUCCESS, vm_map(mach_task_self(), (vm_address_t *)&b,
				       PG, 0, VM_FLAGS_ANYWHERE, h, 0, FALSE,
				       VM_PROT_DEFAULT, VM_PROT_DEFAULT,
				       VM_INHERIT_SHARE));
	EXPECT_NE(a, b);
	strcpy((char *)a, "shared");
	EXPECT_EQ(0, strcmp((char *)b, "shared"));
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_vm_deallocate(mach_task_self(), b, PG);
	mach_port_deallocate(mach_task_self(), h);
}

/*
 * Two processes share memory: the entry travels in a message (the child
 * sends its reply port to the bootstrap port the parent set), each maps
 * it and sees the other's writes.
 */
TEST_TIMEOUT(shared_between_processes_by_message, 60)
{
	struct {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
	} send;
	struct {
		mach_msg_header_t head;
		mach_msg_trailer_t trailer;
	} hello;
	int to_child[2], to_parent[2], status;
	mach_port_t mine, h, child_task, theirs;
	mach_vm_address_t a = 0;
	volatile char *p;
	pid_t pid;
	char k;

	h = create(PG, VM_PROT_DEFAULT);
	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	p = (volatile char *)a;
	p[0] = 'P';
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_RECEIVE,
						   &mine));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), mine,
						       mine,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, pipe(to_child));
	ASSERT_EQ(0, pipe(to_parent));
	pid = fork();
	if (pid == 0) {
		struct {
			mach_msg_header_t head;
			mach_msg_body_t body;
			mach_msg_port_descriptor_t port;
			mach_msg_max_trailer_t trailer;
		} rcv;
		mach_port_t boot = MACH_PORT_NULL, q = MACH_PORT_NULL;
		mach_vm_address_t c = 0;
		volatile char *cp;

		if (read(to_child[0], &k, 1) != 1)
			_exit(10);
		if (task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
					  &boot) || !MACH_PORT_VALID(boot))
			_exit(11);
		if (mach_port_allocate(mach_task_self(),
				       MACH_PORT_RIGHT_RECEIVE, &q))
			_exit(12);
		memset(&hello, 0, sizeof(hello));
		hello.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						      MACH_MSG_TYPE_MAKE_SEND);
		hello.head.msgh_size = sizeof(hello.head);
		hello.head.msgh_remote_port = boot;
		hello.head.msgh_local_port = q;
		if (mach_msg(&hello.head, MACH_SEND_MSG, sizeof(hello.head), 0,
			     MACH_PORT_NULL, 0, MACH_PORT_NULL))
			_exit(13);
		memset(&rcv, 0, sizeof(rcv));
		if (mach_msg(&rcv.head, MACH_RCV_MSG, 0, sizeof(rcv), q, 0,
			     MACH_PORT_NULL))
			_exit(14);
		if (map(mach_task_self(), &c, PG, VM_FLAGS_ANYWHERE,
			rcv.port.name, 0, FALSE, VM_PROT_DEFAULT,
			VM_PROT_DEFAULT))
			_exit(15);
		cp = (volatile char *)c;
		if (cp[0] != 'P')
			_exit(16);
		cp[1] = 'C';			/* the parent looks */
		if (write(to_parent[1], "w", 1) != 1)
			_exit(17);
		if (read(to_child[0], &k, 1) != 1)
			_exit(18);
		_exit(cp[2] == 'Q' ? 0 : 19);
	}
	ASSERT_GT(pid, 0);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid,
					     &child_task));
	ASSERT_EQ(KERN_SUCCESS, task_set_special_port(child_task,
						      TASK_BOOTSTRAP_PORT,
						      mine));
	ASSERT_EQ(1, write(to_child[1], "g", 1));
	memset(&hello, 0, sizeof(hello));
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&hello.head, MACH_RCV_MSG |
					     MACH_RCV_TIMEOUT, 0, sizeof(hello),
					     mine, 10000, MACH_PORT_NULL));
	theirs = hello.head.msgh_remote_port;
	ASSERT_TRUE(MACH_PORT_VALID(theirs));
	memset(&send, 0, sizeof(send));
	send.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	send.head.msgh_size = sizeof(send);
	send.head.msgh_remote_port = theirs;
	send.body.msgh_descriptor_count = 1;
	send.port.name = h;
	send.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	send.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&send.head, MACH_SEND_MSG,
					     sizeof(send), 0, MACH_PORT_NULL,
					     0, MACH_PORT_NULL));
	ASSERT_EQ(1, read(to_parent[0], &k, 1));
	EXPECT_EQ('C', p[1]);			/* the child's write */
	p[2] = 'Q';
	ASSERT_EQ(1, write(to_child[1], "q", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	mach_port_deallocate(mach_task_self(), child_task);
	mach_port_deallocate(mach_task_self(), h);
	mach_port_destroy(mach_task_self(), mine);
	mach_vm_deallocate(mach_task_self(), a, PG);
}

/* mach_vm_map into another task through its task port */
TEST_TIMEOUT(map_into_child_task, 60)
{
	mach_port_t h = create(PG, VM_PROT_DEFAULT), t;
	mach_vm_address_t a = 0, c = 0;
	mach_vm_size_t n = 0;
	char got[8] = { 0 };
	int go[2], status;
	pid_t pid;
	char k;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	if (pid == 0) {
		if (read(go[0], &k, 1) != 1)
			_exit(1);
		_exit(0);
	}
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid, &t));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	ASSERT_EQ(KERN_SUCCESS, map(t, &c, PG, VM_FLAGS_ANYWHERE, h, 0, FALSE,
				    VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	strcpy((char *)a, "remote");
	ASSERT_EQ(KERN_SUCCESS, mach_vm_read_overwrite(t, c, 7,
						       (mach_vm_address_t)got,
						       &n));
	EXPECT_EQ(0, strcmp(got, "remote"));
	ASSERT_EQ(1, write(go[1], "q", 1));
	waitpid(pid, &status, 0);
	mach_port_deallocate(mach_task_self(), t);
	mach_port_deallocate(mach_task_self(), h);
	mach_vm_deallocate(mach_task_self(), a, PG);
}

/* vm_map_enter_mem_object: more than the entry allows is KERN_INVALID_RIGHT */
TEST(protection_beyond_entry)
{
	mach_port_t h = create(PG, VM_PROT_READ);
	mach_vm_address_t a = 0;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	EXPECT_EQ(KERN_INVALID_RIGHT, map(mach_task_self(), &a, PG,
					  VM_FLAGS_ANYWHERE, h, 0, FALSE,
					  VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	EXPECT_EQ(KERN_INVALID_RIGHT, map(mach_task_self(), &a, PG,
					  VM_FLAGS_ANYWHERE, h, 0, FALSE,
					  VM_PROT_READ, VM_PROT_DEFAULT));
	/* VM_PROT_IS_MASK: whatever of it the entry has */
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG,
				    VM_FLAGS_ANYWHERE, h, 0, FALSE,
				    VM_PROT_READ, VM_PROT_ALL | VM_PROT_IS_MASK));
	/* the maximum is enforced: never writable */
	EXPECT_EQ(-1, mprotect((void *)a, PG, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	mach_vm_deallocate(mach_task_self(), a, PG);
	/* an rw entry mapped with max read: not writable either */
	mach_port_deallocate(mach_task_self(), h);
	h = create(PG, VM_PROT_DEFAULT);
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG,
				    VM_FLAGS_ANYWHERE, h, 0, FALSE,
				    VM_PROT_READ, VM_PROT_READ));
	EXPECT_EQ(-1, mprotect((void *)a, PG, PROT_READ | PROT_WRITE));
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_port_deallocate(mach_task_self(), h);
}

/* sizes: zero, beyond the entry, offset beyond it (vm_map_enter_mem_object) */
TEST(size_and_offset_rules)
{
	mach_port_t h = create(2 * PG, VM_PROT_DEFAULT);
	memory_object_size_t s = 0;
	mach_port_t z = 1;
	mach_vm_address_t a = 0;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, map(mach_task_self(), &a, 0,
					     VM_FLAGS_ANYWHERE, h, 0, FALSE,
					     VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, map(mach_task_self(), &a, 3 * PG,
					     VM_FLAGS_ANYWHERE, h, 0, FALSE,
					     VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, map(mach_task_self(), &a, 2 * PG,
					     VM_FLAGS_ANYWHERE, h, PG, FALSE,
					     VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	/* the second page alone */
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, PG, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	mach_vm_deallocate(mach_task_self(), a, PG);
	/* a named create of size 0: success, no entry (XNU's cleanup) */
	EXPECT_EQ(KERN_SUCCESS, mach_make_memory_entry_64(mach_task_self(), &s,
			0, VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE, &z,
			MACH_PORT_NULL));
	EXPECT_EQ(MACH_PORT_NULL, z);
	EXPECT_EQ(0, s);
	mach_port_deallocate(mach_task_self(), h);
}

/* mach_vm_map_external's flag filter, FIXED / OVERWRITE, the mask */
TEST(flags_fixed_overwrite_mask)
{
	mach_port_t h = create(PG, VM_PROT_DEFAULT);
	mach_vm_address_t a = 0, b;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, map(mach_task_self(), &a, PG,
					     VM_FLAGS_ANYWHERE | 0x8000, h, 0,
					     FALSE, VM_PROT_DEFAULT,
					     VM_PROT_DEFAULT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, map(mach_task_self(), &a, PG,
					     VM_FLAGS_ANYWHERE |
					     VM_FLAGS_OVERWRITE, h, 0, FALSE,
					     VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_vm_map(mach_task_self(), &a, PG,
			0, VM_FLAGS_ANYWHERE, h, 0, FALSE, VM_PROT_DEFAULT,
			VM_PROT_DEFAULT, 7 /* no such inheritance */));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_allocate(mach_task_self(), &a, PG,
						 VM_FLAGS_ANYWHERE));
	b = a;
	EXPECT_EQ(KERN_NO_SPACE, map(mach_task_self(), &b, PG, VM_FLAGS_FIXED,
				     h, 0, FALSE, VM_PROT_DEFAULT,
				     VM_PROT_DEFAULT));
	((char *)a)[0] = 'a';
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &b, PG,
				    VM_FLAGS_FIXED | VM_FLAGS_OVERWRITE, h, 0,
				    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	EXPECT_EQ(a, b);
	EXPECT_EQ(0, ((char *)a)[0]);		/* the entry's page now */
	mach_vm_deallocate(mach_task_self(), a, PG);
	/* anywhere, aligned to the mask */
	a = 0;
	ASSERT_EQ(KERN_SUCCESS, mach_vm_map(mach_task_self(), &a, PG, 0xfffff,
			VM_FLAGS_ANYWHERE, h, 0, FALSE, VM_PROT_DEFAULT,
			VM_PROT_DEFAULT, VM_INHERIT_DEFAULT));
	EXPECT_EQ(0, a & 0xfffff);
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_port_deallocate(mach_task_self(), h);
}

/* MACH_PORT_NULL: anonymous memory; another kind of port: KERN_INVALID_OBJECT */
TEST(anonymous_and_wrong_object)
{
	mach_vm_address_t a = 0;
	mach_port_t r;

	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, 3 * PG,
				    VM_FLAGS_ANYWHERE, MACH_PORT_NULL, 0, FALSE,
				    VM_PROT_DEFAULT, VM_PROT_ALL));
	EXPECT_EQ(0, ((char *)a)[3 * PG - 1]);
	((char *)a)[0] = 1;
	mach_vm_deallocate(mach_task_self(), a, 3 * PG);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_RECEIVE, &r));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), r, r,
						       MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_INVALID_OBJECT, map(mach_task_self(), &a, PG,
					   VM_FLAGS_ANYWHERE, r, 0, FALSE,
					   VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	mach_port_destroy(mach_task_self(), r);
}

/* copy = TRUE: a private copy, the entry's later writes not seen */
TEST(copy_is_private)
{
	mach_port_t h = create(PG, VM_PROT_DEFAULT);
	mach_vm_address_t a = 0, c = 0;

	ASSERT_TRUE(MACH_PORT_VALID(h));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	((char *)a)[0] = 'o';
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &c, PG, VM_FLAGS_ANYWHERE,
				    h, 0, TRUE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	EXPECT_EQ('o', ((char *)c)[0]);
	((char *)a)[0] = 'n';
	EXPECT_EQ('o', ((char *)c)[0]);
	((char *)c)[1] = 'c';
	EXPECT_EQ(0, ((char *)a)[1]);
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_vm_deallocate(mach_task_self(), c, PG);
	mach_port_deallocate(mach_task_self(), h);
}

/*
 * An entry on a shared mapping shares its pages, and the size asked beyond
 * the mapping shrinks to it: XNU's mach_make_memory_entry_share makes an
 * entry of one VM object (Documentation/memory.rst).
 */
TEST(entry_on_shared_mapping_shares_its_pages_up_to_its_end)
{
	char *sh = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = 8 * PG;
	mach_vm_address_t a = 0;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, sh);
	ASSERT_EQ(KERN_SUCCESS, mach_make_memory_entry_64(mach_task_self(), &s,
			(memory_object_offset_t)sh + PG, VM_PROT_DEFAULT, &h,
			MACH_PORT_NULL));
	EXPECT_EQ(PG, s);
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	sh[PG] = 's';
	EXPECT_EQ('s', ((char *)a)[0]);
	((char *)a)[1] = 't';
	EXPECT_EQ('t', sh[PG + 1]);
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_port_deallocate(mach_task_self(), h);
	munmap(sh, 2 * PG);
}

/*
 * An entry on private anonymous pages: KERN_NOT_SUPPORTED, size 0 (where
 * XNU's mach_make_memory_entry_share marks the object shared, Linux cannot
 * share a private mapping: Documentation/memory.rst).
 */
TEST(entry_on_private_mapping_not_supported)
{
	char *pr = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = PG;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, pr);
	EXPECT_EQ(KERN_NOT_SUPPORTED, mach_make_memory_entry_64(
			mach_task_self(), &s, (memory_object_offset_t)pr,
			VM_PROT_DEFAULT, &h, MACH_PORT_NULL));
	EXPECT_EQ(0, s);
	munmap(pr, PG);
}

/* MAP_MEM_VM_COPY snapshots private pages as they are at the call (XNU's
 * mach_make_memory_entry_copy). */
TEST(entry_vm_copy_snapshots_private_pages)
{
	char *pr = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = PG;
	mach_vm_address_t a = 0;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, pr);
	pr[0] = 'v';
	ASSERT_EQ(KERN_SUCCESS, mach_make_memory_entry_64(mach_task_self(), &s,
			(memory_object_offset_t)pr,
			VM_PROT_DEFAULT | MAP_MEM_VM_COPY, &h, MACH_PORT_NULL));
	pr[0] = 'w';
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, PG, VM_FLAGS_ANYWHERE,
				    h, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	EXPECT_EQ('v', ((char *)a)[0]);
	mach_vm_deallocate(mach_task_self(), a, PG);
	mach_port_deallocate(mach_task_self(), h);
	munmap(pr, PG);
}

/* Write asked of a read-only mapping: KERN_PROTECTION_FAILURE, as XNU's
 * mach_make_memory_entry_share gets it from vm_map_copy_extract. */
TEST(entry_with_write_on_readonly_mapping_protection_failure)
{
	char *ro = mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = PG;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, ro);
	EXPECT_EQ(KERN_PROTECTION_FAILURE, mach_make_memory_entry_64(
			mach_task_self(), &s, (memory_object_offset_t)ro,
			VM_PROT_DEFAULT, &h, MACH_PORT_NULL));
	munmap(ro, PG);
}

/* An unmapped range: KERN_INVALID_ADDRESS (mach_make_memory_entry_share). */
TEST(entry_on_unmapped_range_invalid_address)
{
	char *pr = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = PG;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, pr);
	munmap(pr, PG);
	EXPECT_EQ(KERN_INVALID_ADDRESS, mach_make_memory_entry_64(
			mach_task_self(), &s, (memory_object_offset_t)pr,
			VM_PROT_READ, &h, MACH_PORT_NULL));
}

/* The share path refuses size 0: KERN_INVALID_ARGUMENT
 * (mach_make_memory_entry_share). */
TEST(entry_of_size_zero_invalid_argument)
{
	char *sh = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memory_object_size_t s = 0;
	mach_port_t h;

	ASSERT_NE(MAP_FAILED, sh);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_make_memory_entry_64(
			mach_task_self(), &s, (memory_object_offset_t)sh,
			VM_PROT_READ, &h, MACH_PORT_NULL));
	munmap(sh, 2 * PG);
}

/* an unknown MAP_MEM_ flag: KERN_INVALID_VALUE (vm_sanitize_memory_entry_perm) */
TEST(unknown_map_mem_flag)
{
	memory_object_size_t s = PG;
	mach_port_t h;

	EXPECT_EQ(KERN_INVALID_VALUE, mach_make_memory_entry_64(
			mach_task_self(), &s, 0,
			VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE | 0x100, &h,
			MACH_PORT_NULL));
}

/* a sub-entry of a parent: inside it, no more protection (from_parent_entry) */
TEST(sub_entry_of_parent)
{
	mach_port_t ro = create(2 * PG, VM_PROT_READ), rw, sub;
	memory_object_size_t s;
	mach_vm_address_t a = 0, b = 0;

	ASSERT_TRUE(MACH_PORT_VALID(ro));
	s = PG;
	EXPECT_EQ(KERN_PROTECTION_FAILURE, mach_make_memory_entry_64(
			mach_task_self(), &s, 0, VM_PROT_DEFAULT, &sub, ro));
	s = 2 * PG;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_make_memory_entry_64(
			mach_task_self(), &s, PG, VM_PROT_READ, &sub, ro));
	mach_port_deallocate(mach_task_self(), ro);
	rw = create(2 * PG, VM_PROT_DEFAULT);
	s = PG;
	ASSERT_EQ(KERN_SUCCESS, mach_make_memory_entry_64(mach_task_self(), &s,
			PG, VM_PROT_DEFAULT, &sub, rw));
	EXPECT_EQ(PG, s);
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &a, 2 * PG,
				    VM_FLAGS_ANYWHERE, rw, 0, FALSE,
				    VM_PROT_DEFAULT, VM_PROT_DEFAULT));
	ASSERT_EQ(KERN_SUCCESS, map(mach_task_self(), &b, PG, VM_FLAGS_ANYWHERE,
				    sub, 0, FALSE, VM_PROT_DEFAULT,
				    VM_PROT_DEFAULT));
	((char *)a)[PG] = 'z';
	EXPECT_EQ('z', ((char *)b)[0]);
	mach_vm_deallocate(mach_task_self(), a, 2 * PG);
	mach_vm_deallocate(mach_task_self(), b, PG);
	mach_port_deallocate(mach_task_self(), sub);
	mach_port_deallocate(mach_task_self(), rw);
}

TEST_HARNESS_MAIN
