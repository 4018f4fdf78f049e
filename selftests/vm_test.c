// SPDX-License-Identifier: GPL-2.0
/*
 * Another task's memory through its task port (issue 16): the mach_vm
 * routines (XNU's osfmk/mach/mach_vm.defs, subsystem 4800) served by the
 * module on a forked child's task port from task_for_pid, and on one
 * received in a message.  The errors are XNU's (vm_map_copyin,
 * vm_map_copy_overwrite, vm_map_region); writes follow ptrace's page
 * semantics as Documentation/memory.rst says.
 */
#include "harness.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/mach_vm.h>
#include <mach/vm_map.h>
#include <mach/task.h>
#include <mach/task_info.h>
#include <sys/resource.h>

#define BUF_SIZE	(2 * 1024 * 1024)

/* inherited by the child at the same addresses */
static char buf[BUF_SIZE] __attribute__((aligned(4096)));
static char *ro_private;	/* PROT_READ, MAP_PRIVATE: like text */
static char *ro_shared;		/* PROT_READ, MAP_SHARED: no write ever */
static char *no_access;		/* PROT_NONE */

/*
 * A child that fills buf with 'C' and then answers commands on a pipe:
 * 'r' sends back buf's first 64 bytes, 'p' the first 64 of ro_private,
 * 's' makes (once) a shared anonymous page of its own filled with 'S' and
 * sends its address, 'g' sends that page's first 64 bytes, 'q' exits.
 */
struct child {
	pid_t pid;
	int cmd, ans;
	mach_port_t task;
};

static void child_loop(int cmd, int ans)
{
	char *shared = NULL, out[64];
	char c;

	memset(buf, 'C', sizeof(buf));
	if (write(ans, "k", 1) != 1)
		_exit(1);
	while (read(cmd, &c, 1) == 1) {
		if (c == 'q')
			_exit(0);
		if (c == 'r' && write(ans, buf, 64) != 64)
			_exit(1);
		if (c == 'p' && write(ans, ro_private, 64) != 64)
			_exit(1);
		if (c == 's' && !shared) {
			shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
			if (shared == MAP_FAILED)
				_exit(1);
			memset(shared, 'S', 4096);
		}
		if (c == 's') {
			memset(out, 0, sizeof(out));
			memcpy(out, &shared, sizeof(shared));
			if (write(ans, out, 64) != 64)
				_exit(1);
		}
		if (c == 'g' && write(ans, shared, 64) != 64)
			_exit(1);
	}
	_exit(0);
}

static void maps_setup(void)
{
	if (ro_private)
		return;
	ro_private = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	ro_shared = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS,
			 -1, 0);
	no_access = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
}

static int child_start(struct child *c)
{
	int p1[2], p2[2];
	kern_return_t kr;
	char k;

	maps_setup();
	memset(buf, 'P', 4096);
	if (pipe(p1) || pipe(p2))
		return -1;
	c->pid = fork();
	if (c->pid == 0) {
		close(p1[1]);
		close(p2[0]);
		child_loop(p1[0], p2[1]);
	}
	close(p1[0]);
	close(p2[1]);
	c->cmd = p1[1];
	c->ans = p2[0];
	if (read(c->ans, &k, 1) != 1)
		return -1;
	kr = task_for_pid(mach_task_self(), c->pid, &c->task);
	if (kr) {
		printf("# task_for_pid: %s\n", mach_error_string(kr));
		return -1;
	}
	return 0;
}

static int child_ask(struct child *c, char what, char out[64])
{
	if (write(c->cmd, &what, 1) != 1)
		return -1;
	return read(c->ans, out, 64) == 64 ? 0 : -1;
}

static void child_stop(struct child *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	close(c->cmd);
	close(c->ans);
	if (c->task)
		mach_port_deallocate(mach_task_self(), c->task);
}

/* mach_vm_read_overwrite: the child's bytes land in ours (vm_read_overwrite) */
TEST(read_overwrite_child_buffer)
{
	struct child c;
	static char out[8192];
	mach_vm_size_t n = 0;

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_SUCCESS,
		  mach_vm_read_overwrite(c.task, (mach_vm_address_t)buf + 100,
					 8000, (mach_vm_address_t)out, &n));
	EXPECT_EQ(8000, n);
	EXPECT_EQ('C', out[0]);
	EXPECT_EQ('C', out[7999]);
	EXPECT_EQ('P', buf[100]);	/* ours is untouched */
	child_stop(&c);
}

/* mach_vm_read: whole pages out of line (XNU's vm_map_copyin) */
TEST(read_ool_reply)
{
	struct child c;
	vm_offset_t data = 0;
	mach_msg_type_number_t cnt = 0;

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_read(c.task, (mach_vm_address_t)buf,
					     3 * 4096, &data, &cnt));
	EXPECT_EQ(3 * 4096, cnt);
	EXPECT_EQ(0, data % 4096);
	EXPECT_EQ('C', ((char *)data)[0]);
	EXPECT_EQ('C', ((char *)data)[3 * 4096 - 1]);
	EXPECT_EQ(KERN_SUCCESS, vm_deallocate(mach_task_self(), data, cnt));
	child_stop(&c);
}

/* mach_vm_write: the child sees the bytes (vm_map_copy_overwrite) */
TEST(write_seen_by_child)
{
	struct child c;
	char out[64];
	static const char msg[] = "written by the parent";

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_vm_write(c.task, (mach_vm_address_t)buf + 1,
				(vm_offset_t)msg, sizeof(msg)));
	ASSERT_EQ(0, child_ask(&c, 'r', out));
	EXPECT_EQ('C', out[0]);
	EXPECT_EQ(0, memcmp(out + 1, msg, sizeof(msg)));
	child_stop(&c);
}

/* ptrace's rule, as the issue asks: a private read-only mapping (text) is
 * written copy-on-write, as a debugger's breakpoint needs */
TEST(write_private_readonly_like_ptrace)
{
	struct child c;
	char out[64];
	static const char bp[] = { (char)0xcc };

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_write(c.task,
					      (mach_vm_address_t)ro_private,
					      (vm_offset_t)bp, 1));
	ASSERT_EQ(0, child_ask(&c, 'p', out));
	EXPECT_EQ((char)0xcc, out[0]);
	EXPECT_EQ(0, ro_private[0]);	/* ours is a different copy */
	child_stop(&c);
}

/* XNU's vm_map_copy_overwrite: no write permission ever, protection failure */
TEST(write_shared_readonly_protection_failure)
{
	struct child c;
	static const char x[] = "x";

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_PROTECTION_FAILURE,
		  mach_vm_write(c.task, (mach_vm_address_t)ro_shared,
				(vm_offset_t)x, 1));
	child_stop(&c);
}

/* XNU's vm_map_copyin: an unreadable entry is a protection failure */
TEST(read_prot_none_protection_failure)
{
	struct child c;
	char out[16];
	mach_vm_size_t n = 0;

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_PROTECTION_FAILURE,
		  mach_vm_read_overwrite(c.task, (mach_vm_address_t)no_access,
					 16, (mach_vm_address_t)out, &n));
	child_stop(&c);
}

/* unmapped addresses: KERN_INVALID_ADDRESS for read, read_overwrite, write */
TEST(unmapped_invalid_address)
{
	struct child c;
	char out[16];
	vm_offset_t data = 0;
	mach_msg_type_number_t cnt = 0;
	mach_vm_size_t n = 0;

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read_overwrite(c.task, 4096, 16,
					 (mach_vm_address_t)out, &n));
	EXPECT_EQ(KERN_INVALID_ADDRESS, mach_vm_read(c.task, 4096, 16, &data,
						     &cnt));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_write(c.task, 4096, (vm_offset_t)out, 16));
	/* a range running off the end of buf into whatever follows */
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read_overwrite(c.task, (mach_vm_address_t)no_access -
					 1ULL * 1024 * 1024 * 1024 * 64, 16,
					 (mach_vm_address_t)out, &n));
	/* our own destination unmapped */
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read_overwrite(c.task, (mach_vm_address_t)buf, 16,
					 4096, &n));
	child_stop(&c);
}

/* sizes that wrap or exceed what a reply may carry are refused up front */
TEST(huge_sizes_rejected)
{
	struct child c;
	vm_offset_t data = 0;
	mach_msg_type_number_t cnt = 0;
	mach_vm_size_t n = 0;
	char out[16];

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read(c.task, (mach_vm_address_t)buf, ~0ULL - 100,
			       &data, &cnt));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read_overwrite(c.task, ~0ULL - 10, 100,
					 (mach_vm_address_t)out, &n));
	/* beyond a mach_msg_type_number_t */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_read(c.task, (mach_vm_address_t)buf, 1ULL << 40,
			       &data, &cnt));
	/* beyond the module's vm_max_read (64 MiB by default) */
	EXPECT_EQ(KERN_RESOURCE_SHORTAGE,
		  mach_vm_read(c.task, (mach_vm_address_t)buf, 512ULL << 20,
			       &data, &cnt));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_copy(c.task, (mach_vm_address_t)buf, ~0ULL,
			       (mach_vm_address_t)buf));
	child_stop(&c);
}

/* mach_vm_copy inside the child */
TEST(copy_within_child)
{
	struct child c;
	char out[64];
	static const char msg[] = "copy me";

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_write(c.task,
					      (mach_vm_address_t)buf + 70000,
					      (vm_offset_t)msg, sizeof(msg)));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_copy(c.task,
					     (mach_vm_address_t)buf + 70000,
					     sizeof(msg),
					     (mach_vm_address_t)buf + 2));
	ASSERT_EQ(0, child_ask(&c, 'r', out));
	EXPECT_EQ(0, memcmp(out + 2, msg, sizeof(msg)));
	child_stop(&c);
}

/* mach_vm_read_list: each range copied out into our pages */
TEST(read_list_two_ranges)
{
	struct child c;
	mach_vm_read_entry_t list;

	ASSERT_EQ(0, child_start(&c));
	memset(list, 0, sizeof(list));
	list[0].address = (mach_vm_address_t)buf + 10;
	list[0].size = 100;
	list[1].address = (mach_vm_address_t)buf + 300000;
	list[1].size = 9000;
	ASSERT_EQ(KERN_SUCCESS, mach_vm_read_list(c.task, list, 2));
	ASSERT_NE(0, list[0].address);
	ASSERT_NE(0, list[1].address);
	EXPECT_EQ(10, list[0].address % 4096);
	EXPECT_EQ('C', ((char *)list[0].address)[99]);
	EXPECT_EQ('C', ((char *)list[1].address)[8999]);
	list[2].address = 4096;
	list[2].size = 1;
	EXPECT_EQ(KERN_INVALID_ADDRESS, mach_vm_read_list(c.task, list, 3));
	child_stop(&c);
}

struct map_line {
	unsigned long start, end;
	int prot;
	int shared;
};

static int read_maps(pid_t pid, struct map_line *m, int max)
{
	char path[64], line[512], perms[8];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %4s", &m[n].start, &m[n].end,
			   perms) != 3)
			continue;
		if (m[n].start >= 0x800000000000UL)	/* [vsyscall]: no VMA */
			continue;
		m[n].prot = (perms[0] == 'r' ? VM_PROT_READ : 0) |
			(perms[1] == 'w' ? VM_PROT_WRITE : 0) |
			(perms[2] == 'x' ? VM_PROT_EXECUTE : 0);
		m[n].shared = perms[3] == 's';
		n++;
	}
	fclose(f);
	return n;
}

/* vm_map_region: the regions are the child's mappings, as /proc/PID/maps */
TEST(regions_match_proc_maps)
{
	static struct map_line maps[1024];
	struct child c;
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t cnt;
	mach_vm_address_t addr = 0;
	mach_vm_size_t size;
	mach_port_t obj;
	int n, i = 0;
	kern_return_t kr;

	ASSERT_EQ(0, child_start(&c));
	n = read_maps(c.pid, maps, 1024);
	ASSERT_GT(n, 5);
	for (;;) {
		cnt = VM_REGION_BASIC_INFO_COUNT_64;
		obj = 1;
		kr = mach_vm_region(c.task, &addr, &size,
				    VM_REGION_BASIC_INFO_64,
				    (vm_region_info_t)&info, &cnt, &obj);
		if (kr != KERN_SUCCESS)
			break;
		ASSERT_LT(i, n);
		EXPECT_EQ(maps[i].start, addr);
		EXPECT_EQ(maps[i].end, addr + size);
		EXPECT_EQ(maps[i].prot, info.protection);
		EXPECT_EQ(maps[i].shared, info.shared);
		EXPECT_EQ(VM_REGION_BASIC_INFO_COUNT_64, cnt);
		EXPECT_EQ(MACH_PORT_NULL, obj);
		i++;
		addr += size;
	}
	/* XNU's vm_map_region past the last entry */
	EXPECT_EQ(KERN_INVALID_ADDRESS, kr);
	EXPECT_EQ(n, i);
	child_stop(&c);
}

/* region_recurse: no submaps on Linux, depth 0, the V2 submap info */
TEST(region_recurse_depth_zero)
{
	struct child c;
	vm_region_submap_info_data_64_t info;
	mach_msg_type_number_t cnt = VM_REGION_SUBMAP_INFO_COUNT_64;
	mach_vm_address_t addr;
	mach_vm_size_t size = 0;
	natural_t depth = 5;

	ASSERT_EQ(0, child_start(&c));
	addr = (mach_vm_address_t)ro_shared;
	ASSERT_EQ(KERN_SUCCESS,
		  mach_vm_region_recurse(c.task, &addr, &size, &depth,
					 (vm_region_recurse_info_t)&info,
					 &cnt));
	EXPECT_EQ((mach_vm_address_t)ro_shared, addr);
	EXPECT_EQ(4096, size);
	EXPECT_EQ(0, depth);
	EXPECT_EQ(19, cnt);
	EXPECT_EQ(VM_PROT_READ, info.protection);
	EXPECT_EQ(SM_SHARED, info.share_mode);
	EXPECT_EQ(0, info.is_submap);
	EXPECT_EQ(VM_INHERIT_SHARE, info.inheritance);
	child_stop(&c);
}

static int region_of(pid_t pid, unsigned long addr, struct map_line *out)
{
	static struct map_line maps[1024];
	int n = read_maps(pid, maps, 1024), i;

	for (i = 0; i < n; i++)
		if (maps[i].start <= addr && addr < maps[i].end) {
			*out = maps[i];
			return 1;
		}
	return 0;
}

/* allocate and deallocate in the child take effect there */
TEST(allocate_deallocate_in_child)
{
	struct child c;
	struct map_line m;
	mach_vm_address_t addr = 0;
	char out[16];
	mach_vm_size_t n = 0;
	static const char msg[] = "new";

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_allocate(c.task, &addr, 3 * 4096,
						 VM_FLAGS_ANYWHERE));
	ASSERT_NE(0, addr);
	ASSERT_TRUE(region_of(c.pid, addr, &m));
	EXPECT_LE(m.start, addr);
	EXPECT_GE(m.end, addr + 3 * 4096);
	EXPECT_EQ(VM_PROT_READ | VM_PROT_WRITE, m.prot);
	/* zero-filled, and writable through the port */
	EXPECT_EQ(KERN_SUCCESS, mach_vm_read_overwrite(c.task, addr, 16,
						       (mach_vm_address_t)out,
						       &n));
	EXPECT_EQ(0, out[15]);
	EXPECT_EQ(KERN_SUCCESS, mach_vm_write(c.task, addr + 8192,
					      (vm_offset_t)msg, 4));
	/* fixed, not overwriting: the range is taken (KERN_NO_SPACE) */
	EXPECT_EQ(KERN_NO_SPACE, mach_vm_allocate(c.task, &addr, 4096,
						  VM_FLAGS_FIXED));
	EXPECT_EQ(KERN_SUCCESS, mach_vm_deallocate(c.task, addr, 3 * 4096));
	EXPECT_FALSE(region_of(c.pid, addr, &m));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_read_overwrite(c.task, addr, 16,
					 (mach_vm_address_t)out, &n));
	child_stop(&c);
}

/* protect: our own task through mprotect; region shows it */
TEST(protect_own_task)
{
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t cnt = VM_REGION_BASIC_INFO_COUNT_64;
	mach_vm_address_t addr = 0, a;
	mach_vm_size_t size;
	mach_port_t obj;

	ASSERT_EQ(KERN_SUCCESS, mach_vm_allocate(mach_task_self(), &addr, 4096,
						 VM_FLAGS_ANYWHERE));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_protect(mach_task_self(), addr, 4096,
						FALSE, VM_PROT_READ));
	a = addr;
	ASSERT_EQ(KERN_SUCCESS,
		  mach_vm_region(mach_task_self(), &a, &size,
				 VM_REGION_BASIC_INFO_64,
				 (vm_region_info_t)&info, &cnt, &obj));
	EXPECT_EQ(addr, a);
	EXPECT_EQ(VM_PROT_READ, info.protection);
	EXPECT_EQ(VM_PROT_ALL, info.max_protection);
	/* unmapped: XNU's vm_map_protect gives KERN_INVALID_ADDRESS */
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_protect(mach_task_self(), 4096, 4096, FALSE,
				  VM_PROT_READ));
	EXPECT_EQ(KERN_SUCCESS, mach_vm_deallocate(mach_task_self(), addr,
						   4096));
}

/* another task's private pages: no module interface changes them */
TEST(protect_other_task_private_not_supported)
{
	struct child c;

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  mach_vm_protect(c.task, (mach_vm_address_t)buf, 4096, FALSE,
				  VM_PROT_READ));
	/* asking what it has already changes nothing: success */
	EXPECT_EQ(KERN_SUCCESS,
		  mach_vm_protect(c.task, (mach_vm_address_t)buf, 4096, FALSE,
				  VM_PROT_READ | VM_PROT_WRITE));
	child_stop(&c);
}

static vm_prot_t prot_of(mach_port_t task, mach_vm_address_t addr)
{
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t count = VM_REGION_BASIC_INFO_COUNT_64;
	mach_vm_size_t size = 0;
	mach_port_t obj = MACH_PORT_NULL;

	if (mach_vm_region(task, &addr, &size, VM_REGION_BASIC_INFO_64,
			   (vm_region_info_t)&info, &count, &obj))
		return -1;
	return info.protection;
}

/*
 * mach_vm_protect on another task (vm.c, memory.rst): c is a child with a
 * shared anonymous page at theirs, filled with 'S', and a shared mapping
 * of a read-only file at rof (inherited: no maximum write).
 */
FIXTURE(protect_other) {
	struct child c;
	mach_vm_address_t theirs;
	char *rof;
};

FIXTURE_SETUP(protect_other)
{
	char out[64];
	int fd;

	fd = open("/proc/self/exe", O_RDONLY);
	ASSERT_GE(fd, 0);
	self->rof = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, self->rof);
	close(fd);
	ASSERT_EQ(0, child_start(&self->c));
	ASSERT_EQ(0, child_ask(&self->c, 's', out));
	memcpy(&self->theirs, out, sizeof(self->theirs));
}

FIXTURE_TEARDOWN(protect_other)
{
	child_stop(&self->c);
	munmap(self->rof, 4096);
}

/* A shared mapping protected read-only is mapped again over itself with
 * the new protection and keeps its pages (XNU's vm_map_protect changes
 * the entry in place). */
TEST_F(protect_other, shared_mapping_keeps_its_pages)
{
	mach_vm_size_t n = 0;
	char got[8];

	ASSERT_EQ(KERN_SUCCESS, mach_vm_protect(self->c.task, self->theirs,
						4096, FALSE, VM_PROT_READ));
	EXPECT_EQ(VM_PROT_READ, prot_of(self->c.task, self->theirs));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_read_overwrite(self->c.task,
					self->theirs, 8,
					(mach_vm_address_t)got, &n));
	EXPECT_EQ('S', got[0]);		/* the pages stayed */
}

/* Write given back within the maximum (vm_map_protect): the mapping is
 * read-write again, and its owner still sees its pages. */
TEST_F(protect_other, shared_mapping_gets_write_back)
{
	char out[64];

	ASSERT_EQ(KERN_SUCCESS, mach_vm_protect(self->c.task, self->theirs,
						4096, FALSE, VM_PROT_READ));
	ASSERT_EQ(KERN_SUCCESS, mach_vm_protect(self->c.task, self->theirs,
						4096, FALSE,
						VM_PROT_READ | VM_PROT_WRITE));
	EXPECT_EQ(VM_PROT_READ | VM_PROT_WRITE,
		  prot_of(self->c.task, self->theirs));
	ASSERT_EQ(0, child_ask(&self->c, 'g', out));
	EXPECT_EQ('S', out[0]);
}

/* vm_map_protect: a protection beyond the mapping's maximum is
 * KERN_PROTECTION_FAILURE. */
TEST_F(protect_other, beyond_the_maximum_protection_failure)
{
	EXPECT_EQ(KERN_PROTECTION_FAILURE,
		  mach_vm_protect(self->c.task, (mach_vm_address_t)self->rof,
				  4096, FALSE, VM_PROT_READ | VM_PROT_WRITE));
}

/* vm_map_protect: a hole is KERN_INVALID_ADDRESS. */
TEST_F(protect_other, hole_invalid_address)
{
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_protect(self->c.task, 4096, 4096, FALSE,
				  VM_PROT_READ));
}

/* set_maximum on another task: KERN_NOT_SUPPORTED, where XNU's
 * vm_map_protect would lower the maximum (Linux fixes VM_MAY* at mmap
 * time, memory.rst). */
TEST_F(protect_other, set_maximum_not_supported)
{
	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  mach_vm_protect(self->c.task, self->theirs, 4096, TRUE,
				  VM_PROT_READ));
}

/* inheritance: what a mapping has is accepted, a change is not possible */
TEST(inherit_other_task)
{
	struct child c;

	ASSERT_EQ(0, child_start(&c));
	EXPECT_EQ(KERN_SUCCESS,
		  mach_vm_inherit(c.task, (mach_vm_address_t)buf, 4096,
				  VM_INHERIT_COPY));
	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  mach_vm_inherit(c.task, (mach_vm_address_t)buf, 4096,
				  VM_INHERIT_NONE));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_inherit(c.task, (mach_vm_address_t)buf, 4096, 7));
	EXPECT_EQ(KERN_INVALID_ADDRESS,
		  mach_vm_inherit(c.task, 4096, 4096, VM_INHERIT_COPY));
	child_stop(&c);
}

/* mach_vm_remap, copy: the child's bytes in new pages of ours */
TEST(remap_copy_into_self)
{
	struct child c;
	mach_vm_address_t addr = 0;
	vm_prot_t cur = 0, max = 0;
	char *p;

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_vm_remap(mach_task_self(), &addr, 8192, 0,
				VM_FLAGS_ANYWHERE, c.task,
				(mach_vm_address_t)buf, TRUE, &cur, &max,
				VM_INHERIT_DEFAULT));
	p = (char *)addr;
	EXPECT_NE((mach_vm_address_t)buf, addr);
	EXPECT_EQ('C', p[0]);
	EXPECT_EQ('C', p[8191]);
	EXPECT_EQ('P', buf[0]);		/* ours untouched */
	EXPECT_EQ(VM_PROT_READ | VM_PROT_WRITE, cur);
	p[0] = 'X';			/* a copy: the child keeps its own */
	EXPECT_EQ(KERN_SUCCESS, mach_vm_deallocate(mach_task_self(), addr,
						   8192));
	child_stop(&c);
}

/*
 * mach_vm_remap, share: the child's shared page mapped into us, a write
 * on either side seen on the other (memory shared between tasks).
 */
TEST(remap_share_shared_mapping)
{
	struct child c;
	mach_vm_address_t addr = 0, theirs;
	vm_prot_t cur = 0, max = 0;
	char out[64];
	char *p;

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(0, child_ask(&c, 's', out));
	memcpy(&theirs, out, sizeof(theirs));
	ASSERT_NE(0, theirs);
	ASSERT_EQ(KERN_SUCCESS,
		  mach_vm_remap(mach_task_self(), &addr, 4096, 0,
				VM_FLAGS_ANYWHERE, c.task, theirs, FALSE, &cur,
				&max, VM_INHERIT_SHARE));
	p = (char *)addr;
	EXPECT_EQ('S', p[0]);
	EXPECT_EQ(VM_PROT_READ | VM_PROT_WRITE, cur);
	memcpy(p, "shared!", 7);
	ASSERT_EQ(0, child_ask(&c, 'g', out));
	EXPECT_EQ(0, memcmp(out, "shared!", 7));
	/* private pages cannot be shared between Linux address spaces */
	addr = 0;
	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  mach_vm_remap(mach_task_self(), &addr, 4096, 0,
				VM_FLAGS_ANYWHERE, c.task,
				(mach_vm_address_t)buf, FALSE, &cur, &max,
				VM_INHERIT_SHARE));
	/* the source must be a task port */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_remap(mach_task_self(), &addr, 4096, 0,
				VM_FLAGS_ANYWHERE, mach_host_self(), theirs,
				TRUE, &cur, &max, VM_INHERIT_SHARE));
	child_stop(&c);
}

/* the name port reads nothing: XNU's conversion to a null map */
TEST(name_port_refused)
{
	struct child c;
	mach_port_t name = MACH_PORT_NULL;
	mach_vm_size_t n = 0;
	char out[16];

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(mach_task_self(), c.pid,
						  &name));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_read_overwrite(name, (mach_vm_address_t)buf, 16,
					 (mach_vm_address_t)out, &n));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_write(name, (mach_vm_address_t)buf,
				(vm_offset_t)out, 16));
	child_stop(&c);
}

/* a dead task's port is a dead name: the send fails (XNU: the port died) */
TEST(dead_task_invalid_dest)
{
	struct child c;
	mach_port_type_t type = 0;
	mach_vm_size_t n = 0;
	long long end;
	char out[16];

	ASSERT_EQ(0, child_start(&c));
	kill(c.pid, SIGKILL);
	waitpid(c.pid, NULL, 0);
	c.pid = 0;
	end = now_ms() + 2000;
	while (now_ms() < end &&
	       (mach_port_type(mach_task_self(), c.task, &type) ||
		type != MACH_PORT_TYPE_DEAD_NAME))
		usleep(2000);
	ASSERT_EQ(MACH_PORT_TYPE_DEAD_NAME, type);
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mach_vm_read_overwrite(c.task, (mach_vm_address_t)buf, 16,
					 (mach_vm_address_t)out, &n));
	child_stop(&c);
}

/*
 * A task port received in a message works as one from task_for_pid: a
 * second child (the "debugger") gets the first child's task port in a
 * message and reads its memory with it.
 */
TEST(task_port_received_in_message)
{
	struct {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
	} send;
	struct {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		mach_msg_max_trailer_t trailer;
	} rcv;
	struct child c;
	mach_port_t mine, dbg_task, theirs;
	int sync[2], status;
	pid_t dbg;
	char k;

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_RECEIVE,
						   &mine));
	ASSERT_EQ(0, pipe(sync));
	dbg = fork();
	if (dbg == 0) {
		mach_port_t boot = MACH_PORT_NULL, q = MACH_PORT_NULL, t;
		static char got[64];
		mach_vm_size_t n = 0;

		close(sync[1]);
		if (read(sync[0], &k, 1) != 1)
			_exit(10);
		/* the parent put a send right to its port in our bootstrap slot */
		if (task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
					  &boot) || !MACH_PORT_VALID(boot))
			_exit(11);
		if (mach_port_allocate(mach_task_self(),
				       MACH_PORT_RIGHT_RECEIVE, &q))
			_exit(12);
		memset(&send, 0, sizeof(send));
		send.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						     MACH_MSG_TYPE_MAKE_SEND);
		send.head.msgh_size = sizeof(send.head);
		send.head.msgh_remote_port = boot;
		send.head.msgh_local_port = q;
		if (mach_msg(&send.head, MACH_SEND_MSG, sizeof(send.head), 0,
			     MACH_PORT_NULL, 0, MACH_PORT_NULL))
			_exit(13);
		memset(&rcv, 0, sizeof(rcv));
		if (mach_msg(&rcv.head, MACH_RCV_MSG, 0, sizeof(rcv), q, 0,
			     MACH_PORT_NULL))
			_exit(14);
		t = rcv.port.name;
		if (!MACH_PORT_VALID(t))
			_exit(15);
		if (mach_vm_read_overwrite(t, (mach_vm_address_t)buf, 64,
					   (mach_vm_address_t)got, &n) ||
		    n != 64)
			_exit(16);
		_exit(got[0] == 'C' && got[63] == 'C' ? 0 : 17);
	}
	ASSERT_GT(dbg, 0);
	close(sync[0]);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), dbg, &dbg_task));
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(mach_task_self(), mine,
						       mine,
						       MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, task_set_special_port(dbg_task,
						      TASK_BOOTSTRAP_PORT,
						      mine));
	ASSERT_EQ(1, write(sync[1], "g", 1));
	/* the debugger's reply port, then the target's task port to it */
	memset(&rcv, 0, sizeof(rcv));
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&rcv.head, MACH_RCV_MSG |
					     MACH_RCV_TIMEOUT, 0, sizeof(rcv),
					     mine, 5000, MACH_PORT_NULL));
	theirs = rcv.head.msgh_remote_port;
	ASSERT_TRUE(MACH_PORT_VALID(theirs));
	memset(&send, 0, sizeof(send));
	send.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
		MACH_MSGH_BITS_COMPLEX;
	send.head.msgh_size = sizeof(send);
	send.head.msgh_remote_port = theirs;
	send.body.msgh_descriptor_count = 1;
	send.port.name = c.task;
	send.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	send.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS, mach_msg(&send.head, MACH_SEND_MSG,
					     sizeof(send), 0, MACH_PORT_NULL,
					     0, MACH_PORT_NULL));
	ASSERT_EQ(dbg, waitpid(dbg, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(sync[1]);
	child_stop(&c);
}

static long long status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	long long v = -1;
	size_t n = strlen(key);
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			sscanf(line + n + 1, "%lld", &v);
	fclose(f);
	return v;
}

/* TASK_VM_INFO: sizes as /proc/PID/status, regions as /proc/PID/maps */
TEST(task_vm_info_agrees_with_proc)
{
	static struct map_line maps[1024];
	task_vm_info_data_t v;
	mach_msg_type_number_t cnt = TASK_VM_INFO_COUNT;
	struct child c;
	long long anon;

	ASSERT_EQ(0, child_start(&c));
	ASSERT_EQ(KERN_SUCCESS, task_info(c.task, TASK_VM_INFO,
					  (task_info_t)&v, &cnt));
	EXPECT_EQ(TASK_VM_INFO_COUNT, cnt);
	EXPECT_EQ(status_kb(c.pid, "VmSize") * 1024, v.virtual_size);
	EXPECT_EQ(status_kb(c.pid, "VmRSS") * 1024, v.resident_size);
	EXPECT_EQ(status_kb(c.pid, "RssFile") * 1024, v.external);
	anon = status_kb(c.pid, "RssAnon") + status_kb(c.pid, "RssShmem");
	EXPECT_EQ(anon * 1024, v.internal);
	EXPECT_EQ(v.internal + v.compressed, v.phys_footprint);
	EXPECT_GE(v.resident_size_peak, v.resident_size);
	EXPECT_EQ(read_maps(c.pid, maps, 1024), v.region_count);
	EXPECT_EQ(sysconf(_SC_PAGESIZE), v.page_size);
	EXPECT_GT(v.max_address, (mach_vm_address_t)buf);
	/* XNU's revisions: the largest the count holds; below rev0 fails */
	cnt = TASK_VM_INFO_REV2_COUNT + 1;
	EXPECT_EQ(KERN_SUCCESS, task_info(c.task, TASK_VM_INFO,
					  (task_info_t)&v, &cnt));
	EXPECT_EQ(TASK_VM_INFO_REV2_COUNT, cnt);
	cnt = TASK_VM_INFO_REV0_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info(c.task, TASK_VM_INFO,
						   (task_info_t)&v, &cnt));
	child_stop(&c);
}

/* TASK_EVENTS_INFO: faults and context switches as getrusage counts them */
TEST(task_events_info_agrees_with_rusage)
{
	task_events_info_data_t e;
	mach_msg_type_number_t cnt = TASK_EVENTS_INFO_COUNT;
	struct rusage a, b;

	getrusage(RUSAGE_SELF, &a);
	ASSERT_EQ(KERN_SUCCESS, task_info(mach_task_self(), TASK_EVENTS_INFO,
					  (task_info_t)&e, &cnt));
	getrusage(RUSAGE_SELF, &b);
	EXPECT_EQ(8, cnt);
	EXPECT_LE(a.ru_minflt + a.ru_majflt, e.faults);
	EXPECT_LE(e.faults, b.ru_minflt + b.ru_majflt);
	EXPECT_LE(a.ru_majflt, e.pageins);
	EXPECT_LE(e.pageins, b.ru_majflt);
	EXPECT_LE(a.ru_nvcsw + a.ru_nivcsw, e.csw);
	EXPECT_LE(e.csw, b.ru_nvcsw + b.ru_nivcsw);
}

/* TASK_ABSOLUTETIME_INFO: CPU time in Mach time units (ns here) */
TEST(task_absolutetime_info_tracks_cpu_time)
{
	task_absolutetime_info_data_t t;
	mach_msg_type_number_t cnt = TASK_ABSOLUTETIME_INFO_COUNT;
	struct timespec ts;
	volatile unsigned long x = 0;
	uint64_t cpu, total;

	do {
		x++;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000ULL + ts.tv_nsec < 300000000ULL);
	ASSERT_EQ(KERN_SUCCESS, task_info(mach_task_self(),
					  TASK_ABSOLUTETIME_INFO,
					  (task_info_t)&t, &cnt));
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	cpu = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	total = t.total_user + t.total_system;
	EXPECT_EQ(8, cnt);
	EXPECT_GE(t.total_user, t.threads_user);
	EXPECT_GE(t.total_system, t.threads_system);
	/* scaled to the exact runtime: within 20 % after 300 ms of CPU */
	EXPECT_GT(total, cpu * 80 / 100);
	EXPECT_LT(total, cpu * 120 / 100);
}

/* too small a count: KERN_INVALID_ARGUMENT (XNU's task_info) */
TEST(task_events_info_short_count)
{
	task_events_info_data_t e;
	mach_msg_type_number_t cnt = TASK_EVENTS_INFO_COUNT - 1;

	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info(mach_task_self(),
						   TASK_EVENTS_INFO,
						   (task_info_t)&e, &cnt));
	cnt = TASK_ABSOLUTETIME_INFO_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info(mach_task_self(),
						   TASK_ABSOLUTETIME_INFO,
						   (task_info_t)&e, &cnt));
}

/*
 * THREAD_EXTENDED_INFO (XNU's thread_info_internal): times in ns, the
 * name, the run state; a short count is KERN_INVALID_ARGUMENT
 */
TEST(thread_extended_info)
{
	thread_extended_info_data_t x;
	mach_msg_type_number_t cnt = THREAD_EXTENDED_INFO_COUNT;
	mach_port_t self = mach_thread_self();
	struct timespec ts;
	volatile unsigned long n = 0;
	uint64_t cpu;

	ASSERT_EQ(28, THREAD_EXTENDED_INFO_COUNT);
	ASSERT_EQ(0, prctl(PR_SET_NAME, "xinfo-thread"));
	do {
		n++;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000ULL + ts.tv_nsec < 200000000ULL);
	ASSERT_EQ(KERN_SUCCESS, thread_info(self, THREAD_EXTENDED_INFO,
					    (thread_info_t)&x, &cnt));
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	cpu = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	EXPECT_EQ(THREAD_EXTENDED_INFO_COUNT, cnt);
	EXPECT_EQ(0, strcmp(x.pth_name, "xinfo-thread"));
	EXPECT_EQ(TH_STATE_RUNNING, x.pth_run_state);
	EXPECT_EQ(POLICY_TIMESHARE, x.pth_policy);
	EXPECT_GT(x.pth_user_time + x.pth_system_time, cpu * 80 / 100);
	EXPECT_LE(x.pth_user_time + x.pth_system_time, cpu);
	cnt = THREAD_EXTENDED_INFO_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_info(self, THREAD_EXTENDED_INFO,
						     (thread_info_t)&x, &cnt));
	mach_port_deallocate(mach_task_self(), self);
}

static double bench_ns(int (*fn)(void *, size_t, void *), void *arg,
		       size_t len, void *dst, int iters)
{
	struct timespec a, b;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < iters; i++)
		if (fn(arg, len, dst))
			return -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / iters;
}

static struct child *bench_child;

static int via_mach(void *arg, size_t len, void *dst)
{
	mach_vm_size_t n = 0;

	return mach_vm_read_overwrite(bench_child->task,
				      (mach_vm_address_t)buf, len,
				      (mach_vm_address_t)dst, &n) ||
		n != len;
}

static int via_pvr(void *arg, size_t len, void *dst)
{
	struct iovec l = { dst, len }, r = { buf, len };

	return process_vm_readv(bench_child->pid, &l, 1, &r, 1, 0) !=
		(ssize_t)len;
}

/* the benchmark line: mach_vm_read_overwrite against process_vm_readv */
TEST_TIMEOUT(bench_read_overwrite_vs_process_vm_readv, 120)
{
	static char dst[1 << 20];
	struct child c;
	double m4, p4, m1, p1;

	ASSERT_EQ(0, child_start(&c));
	bench_child = &c;
	m4 = bench_ns(via_mach, NULL, 4096, dst, 2000);
	m1 = bench_ns(via_mach, NULL, 1 << 20, dst, 100);
	ASSERT_GT(m4, 0);
	ASSERT_GT(m1, 0);
	EXPECT_EQ('C', dst[(1 << 20) - 1]);
	/*
	 * A kernel without CONFIG_CROSS_MEMORY_ATTACH (the tinyconfig debug
	 * kernel) has no process_vm_readv: only the Mach side is measured.
	 */
	if (process_vm_readv(c.pid, NULL, 0, NULL, 0, 0) < 0 &&
	    errno == ENOSYS) {
		printf("# bench: read 4 KiB: mach_vm_read_overwrite %.0f ns, read 1 MiB: %.0f ns (no process_vm_readv in this kernel)\n",
		       m4, m1);
		child_stop(&c);
		return;
	}
	p4 = bench_ns(via_pvr, NULL, 4096, dst, 2000);
	p1 = bench_ns(via_pvr, NULL, 1 << 20, dst, 100);
	ASSERT_GT(p4, 0);
	ASSERT_GT(p1, 0);
	printf("# bench: read 4 KiB: mach_vm_read_overwrite %.0f ns, process_vm_readv %.0f ns\n",
	       m4, p4);
	printf("# bench: read 1 MiB: mach_vm_read_overwrite %.0f ns, process_vm_readv %.0f ns\n",
	       m1, p1);
	child_stop(&c);
}

TEST_HARNESS_MAIN
