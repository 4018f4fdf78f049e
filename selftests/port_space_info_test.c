// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_space_info against XNU's mach_port_space_info and
 * mach_port_space_info_from_user (osfmk/ipc/mach_debug.c): one snapshot of
 * the name table, slot 0 included, with each slot's name, type (the
 * dead-name request bit included), urefs and object; the task argument an
 * ipc_space_read_t.  Then mach_port_kobject / mach_port_kernel_object
 * (mach_port_kobject_description in the same file).  One behaviour per
 * test.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/mach_dev.h>
#include <mach_debug/mach_debug_types.h>
#include "util.h"

#define SELF mach_task_self()

TEST_HARNESS_MAIN

struct snap {
	ipc_info_space_t info;
	ipc_info_name_array_t table;
	mach_msg_type_number_t count;
	kern_return_t kr;
};

static void snap_take(mach_port_t task, struct snap *s)
{
	ipc_info_tree_name_array_t tree = (ipc_info_tree_name_array_t)1;
	mach_msg_type_number_t tree_count = 1;

	s->table = NULL;
	s->count = 0;
	s->kr = mach_port_space_info(task, &s->info, &s->table, &s->count,
				     &tree, &tree_count);
	if (s->kr == KERN_SUCCESS && (tree || tree_count))
		s->kr = KERN_FAILURE;	/* XNU: the tree is always empty */
}

static void snap_free(struct snap *s)
{
	if (s->table)
		vm_deallocate(SELF, (vm_address_t)s->table,
			      s->count * sizeof(*s->table));
	s->table = NULL;
}

/* the slot naming @name, or NULL */
static const ipc_info_name_t *slot(const struct snap *s, mach_port_name_t name)
{
	mach_msg_type_number_t i;

	for (i = 0; i < s->count; i++)
		if (s->table[i].iin_name == name)
			return &s->table[i];
	return NULL;
}

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* XNU: iis_genno_mask is MACH_PORT_NGEN(MACH_PORT_DEAD); no splay tree */
TEST(space_record)
{
	struct snap s;

	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	EXPECT_EQ(0xffu, s.info.iis_genno_mask);
	EXPECT_EQ(s.count, s.info.iis_table_size);
	EXPECT_EQ(0u, s.info.iis_tree_size);
	EXPECT_EQ(0u, s.info.iis_tree_small);
	EXPECT_EQ(0u, s.info.iis_tree_hash);
	snap_free(&s);
}

/* XNU walks the table from index 0, the reserved slot: name 0, no type */
TEST(slot_zero_is_reserved)
{
	struct snap s;

	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	ASSERT_LT(0u, s.count);
	EXPECT_EQ(0u, s.table[0].iin_name);
	EXPECT_EQ(0u, s.table[0].iin_type);
	EXPECT_EQ(0u, s.table[0].iin_urefs);
	EXPECT_EQ(0u, s.table[0].iin_object);
	snap_free(&s);
}

/* every name mach_port_names reports is a slot of the same type */
TEST(names_in_use_match_mach_port_names)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n, t, i, used = 0;
	struct snap s;

	util_port();
	ASSERT_EQ(KERN_SUCCESS, mach_port_names(SELF, &names, &n, &types, &t));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	for (i = 0; i < s.count; i++)
		used += s.table[i].iin_type != 0;
	EXPECT_EQ(n, used);
	for (i = 0; i < n; i++) {
		const ipc_info_name_t *e = slot(&s, names[i]);

		ASSERT_NE(NULL, e);
		EXPECT_EQ(types[i], e->iin_type);
	}
	snap_free(&s);
	vm_deallocate(SELF, (vm_address_t)names, n * sizeof(*names));
	vm_deallocate(SELF, (vm_address_t)types, t * sizeof(*types));
}

/* iin_type is IE_BITS_TYPE, iin_urefs IE_BITS_UREFS: send urefs counted */
TEST(receive_and_send_type_and_urefs)
{
	mach_port_name_t p = util_port_send();
	const ipc_info_name_t *e;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_SEND, 2));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	e = slot(&s, p);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, e->iin_type);
	EXPECT_EQ(3u, e->iin_urefs);
	EXPECT_EQ(0, e->iin_collision);
	snap_free(&s);
}

/* a receive right alone has no user references (IE_BITS_UREFS 0) */
TEST(receive_only_has_no_urefs)
{
	mach_port_name_t p = util_port();
	const ipc_info_name_t *e;
	struct snap s;

	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	e = slot(&s, p);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, e->iin_type);
	EXPECT_EQ(0u, e->iin_urefs);
	EXPECT_NE(0u, e->iin_object);
	snap_free(&s);
}

/* two ports, two objects: the identifier tells ports apart */
TEST(distinct_ports_distinct_objects)
{
	mach_port_name_t a = util_port(), b = util_port();
	const ipc_info_name_t *ea, *eb;
	struct snap s;

	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	ea = slot(&s, a);
	eb = slot(&s, b);
	ASSERT_NE(NULL, ea);
	ASSERT_NE(NULL, eb);
	EXPECT_NE(0u, ea->iin_object);
	EXPECT_NE(0u, eb->iin_object);
	EXPECT_NE(ea->iin_object, eb->iin_object);
	snap_free(&s);
}

/* a port set and a dead name name no port: object 0 (ie_object of a
 * dead name is NULL; port sets have no port identifier here) */
TEST(pset_and_dead_name_have_no_object)
{
	mach_port_name_t set = util_pset(), dead = MACH_PORT_NULL;
	const ipc_info_name_t *es, *ed;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &dead));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	es = slot(&s, set);
	ed = slot(&s, dead);
	ASSERT_NE(NULL, es);
	ASSERT_NE(NULL, ed);
	EXPECT_EQ(MACH_PORT_TYPE_PORT_SET, es->iin_type);
	EXPECT_EQ(0u, es->iin_object);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, ed->iin_type);
	EXPECT_EQ(1u, ed->iin_urefs);
	EXPECT_EQ(0u, ed->iin_object);
	snap_free(&s);
}

/* ipc_port_request_type: a registered dead-name request adds DNREQUEST */
TEST(dead_name_request_bit)
{
	mach_port_name_t p = util_port_send(), n = util_port(), prev;
	const ipc_info_name_t *e;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_request_notification(SELF, p,
						 MACH_NOTIFY_DEAD_NAME, 0, n,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &prev));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	e = slot(&s, p);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE | MACH_PORT_TYPE_DNREQUEST,
		  e->iin_type);
	snap_free(&s);
}

/* a freed entry stays in the table, type 0, at the head of the free list
 * (slot 0's iin_next), linking to the previous head */
TEST(freed_slot_heads_free_list)
{
	mach_port_name_t p = util_port(), q = util_port();
	const ipc_info_name_t *e;
	natural_t old_head;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE, -1));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	old_head = s.table[0].iin_next;
	EXPECT_EQ(p >> 8, old_head);
	snap_free(&s);
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, q, MACH_PORT_RIGHT_RECEIVE, -1));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	EXPECT_EQ(q >> 8, s.table[0].iin_next);
	e = slot(&s, q);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(0u, e->iin_type);
	EXPECT_EQ(0u, e->iin_object);
	EXPECT_EQ(old_head, e->iin_next);
	snap_free(&s);
}

/* with a free slot to reuse, a new name does not grow the table */
TEST(table_next_with_free_slot)
{
	mach_port_name_t p = util_port();
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE, -1));
	snap_take(SELF, &s);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	EXPECT_EQ(s.info.iis_table_size, s.info.iis_table_next);
	snap_free(&s);
}

/* with the free list empty, a new name adds a slot */
TEST(table_next_without_free_slot)
{
	struct snap s;
	int i;

	for (i = 0; i < 10000; i++) {
		snap_take(SELF, &s);
		ASSERT_EQ(KERN_SUCCESS, s.kr);
		if (s.table[0].iin_next == 0)
			break;
		snap_free(&s);
		util_port();
	}
	ASSERT_EQ(0u, s.table[0].iin_next);
	EXPECT_EQ(s.info.iis_table_size + 1, s.info.iis_table_next);
	snap_free(&s);
}

/* iin_object names the object, not the entry: one port, one value in two
 * spaces (tests/extract_right_soft_fail.c compares them) */
TEST(same_port_same_object_in_two_spaces)
{
	mach_port_name_t p = util_port_send(), in_child = UTIL_NAME(0x777);
	mach_port_t child = MACH_PORT_NULL;
	const ipc_info_name_t *mine, *theirs;
	struct snap a, b;
	pid_t pid = sleeper();

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, pid, &child));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_insert_right(child, in_child, p,
					 MACH_MSG_TYPE_MAKE_SEND));
	snap_take(SELF, &a);
	snap_take(child, &b);
	reap(pid);
	ASSERT_EQ(KERN_SUCCESS, a.kr);
	ASSERT_EQ(KERN_SUCCESS, b.kr);
	mine = slot(&a, p);
	theirs = slot(&b, in_child);
	ASSERT_NE(NULL, mine);
	ASSERT_NE(NULL, theirs);
	EXPECT_EQ(MACH_PORT_TYPE_SEND, theirs->iin_type);
	EXPECT_EQ(mine->iin_object, theirs->iin_object);
	snap_free(&a);
	snap_free(&b);
}

/* the table is read, not changed: a send right to a port that died stays
 * a send right (with its object) until a lookup turns it into a dead name
 * (ipc_right_check), after which the slot has no object */
TEST(dead_port_send_right_reported_as_is)
{
	mach_port_name_t p = util_port_send(), in_child = UTIL_NAME(0x778);
	mach_port_t child = MACH_PORT_NULL;
	const ipc_info_name_t *e;
	mach_port_type_t type = 0;
	natural_t object;
	struct snap s;
	pid_t pid = sleeper();

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, pid, &child));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_insert_right(child, in_child, p,
					 MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(KERN_SUCCESS, mach_port_destroy(SELF, p));
	snap_take(child, &s);
	e = s.kr ? NULL : slot(&s, in_child);
	object = e ? e->iin_object : 0;
	EXPECT_NE(NULL, e);
	if (e) {
		EXPECT_EQ(MACH_PORT_TYPE_SEND, e->iin_type);
		EXPECT_NE(0u, object);
	}
	snap_free(&s);
	EXPECT_EQ(KERN_SUCCESS, mach_port_type(child, in_child, &type));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type);
	snap_take(child, &s);
	reap(pid);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	e = slot(&s, in_child);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, e->iin_type);
	EXPECT_EQ(0u, e->iin_object);
	snap_free(&s);
}

/* mach_port.defs: the space is an ipc_space_read_t; a read port is served */
TEST(read_port_served)
{
	mach_port_t rd = MACH_PORT_NULL;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS, task_read_for_pid(SELF, getpid(), &rd));
	snap_take(rd, &s);
	EXPECT_EQ(KERN_SUCCESS, s.kr);
	snap_free(&s);
}

/* convert_port_to_space_check_type(TASK_FLAVOR_READ) gives an inspect
 * port no space: _from_user answers KERN_INVALID_ARGUMENT */
TEST(inspect_port_invalid_argument)
{
	mach_port_t in = MACH_PORT_NULL;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(SELF, getpid(), &in));
	snap_take(in, &s);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, s.kr);
	EXPECT_EQ(NULL, s.table);
}

/* nor a name port: KERN_INVALID_ARGUMENT */
TEST(name_port_invalid_argument)
{
	mach_port_t nm = MACH_PORT_NULL;
	struct snap s;

	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(SELF, getpid(), &nm));
	snap_take(nm, &s);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, s.kr);
}

/* a dead task's port is a dead name: the request cannot be sent */
TEST(dead_task_invalid_dest)
{
	mach_port_t child = MACH_PORT_NULL;
	struct snap s;
	pid_t pid = sleeper();
	int i;

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, pid, &child));
	reap(pid);
	for (i = 0; i < 200 && util_type(child) != MACH_PORT_TYPE_DEAD_NAME; i++)
		usleep(10000);
	snap_take(child, &s);
	EXPECT_EQ(MACH_SEND_INVALID_DEST, s.kr);
}

/* a receive right is no task port: the MIG request goes nowhere valid */
TEST(not_a_task_port_invalid_dest)
{
	struct snap s;

	snap_take(util_port(), &s);
	EXPECT_EQ(MACH_SEND_INVALID_DEST, s.kr);
}

/* ---- mach_port_kobject, mach_port_kernel_object (mach_debug.c) ---- */

/* the task's own port: IKOT_TASK_CONTROL (2), a non-zero identifier */
TEST(kernel_object_task_self)
{
	unsigned int type = 0, addr = 0;

	ASSERT_EQ(KERN_SUCCESS, mach_port_kernel_object(SELF, SELF, &type, &addr));
	EXPECT_EQ(2u, type);
	EXPECT_NE(0u, addr);
}

/* every flavor's kobject is the task: a read port names the same object,
 * with type IKOT_TASK_READ (45) */
TEST(kobject_read_port_same_task)
{
	mach_vm_address_t a = 0, b = 0;
	mach_port_t rd = MACH_PORT_NULL;
	natural_t ta = 0, tb = 0;

	ASSERT_EQ(KERN_SUCCESS, task_read_for_pid(SELF, getpid(), &rd));
	ASSERT_EQ(KERN_SUCCESS, mach_port_kobject(SELF, SELF, &ta, &a));
	ASSERT_EQ(KERN_SUCCESS, mach_port_kobject(SELF, rd, &tb, &b));
	EXPECT_EQ(2u, ta);
	EXPECT_EQ(45u, tb);
	EXPECT_EQ(a, b);
}

/* a port no kernel object backs: IKOT_NONE, no object */
TEST(kobject_plain_port_none)
{
	mach_vm_address_t addr = 1;
	natural_t type = 1;

	ASSERT_EQ(KERN_SUCCESS, mach_port_kobject(SELF, util_port(), &type, &addr));
	EXPECT_EQ(0u, type);
	EXPECT_EQ(0u, addr);
}

/* a name not in use: ipc_right_lookup_read's KERN_INVALID_NAME */
TEST(kobject_unused_name)
{
	mach_vm_address_t addr;
	natural_t type;

	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_kobject(SELF, UTIL_NAME(0xfff0), &type, &addr));
}

/* neither send nor receive (a dead name, a port set): KERN_INVALID_RIGHT */
TEST(kobject_dead_name_and_pset_invalid_right)
{
	mach_port_name_t dead = MACH_PORT_NULL;
	mach_vm_address_t addr;
	natural_t type;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &dead));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_kobject(SELF, dead, &type, &addr));
	EXPECT_EQ(KERN_INVALID_RIGHT,
		  mach_port_kobject(SELF, util_pset(), &type, &addr));
}

/* a send-once right is not MACH_PORT_TYPE_SEND_RECEIVE: KERN_INVALID_RIGHT */
TEST(kobject_send_once_invalid_right)
{
	mach_port_name_t p = util_port(), so = MACH_PORT_NULL;
	mach_msg_type_name_t t;
	mach_vm_address_t addr;
	natural_t type;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_extract_right(SELF, p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
					  &so, &t));
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_kobject(SELF, so, &type, &addr));
}

/* an inspect port gives no space (TASK_FLAVOR_READ at most) */
TEST(kobject_inspect_port_invalid_argument)
{
	mach_port_t in = MACH_PORT_NULL;
	mach_vm_address_t addr;
	natural_t type;

	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(SELF, getpid(), &in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_port_kobject(in, SELF, &type, &addr));
}

/* what tests/extract_right_soft_fail.c does: find the child's own task
 * port in its space by type; it is the object our send right names */
TEST(find_child_task_port_by_space_info)
{
	unsigned int type, addr, want_type = 0, want = 0, found = 0;
	mach_port_t child = MACH_PORT_NULL;
	mach_msg_type_number_t i;
	struct snap s;
	pid_t pid = sleeper();

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(SELF, pid, &child));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_kernel_object(SELF, child, &want_type, &want));
	snap_take(child, &s);
	for (i = 0; s.kr == KERN_SUCCESS && i < s.count; i++)
		if (mach_port_kernel_object(child, s.table[i].iin_name, &type,
					    &addr) == KERN_SUCCESS &&
		    type == 2) {
			found = addr;
			break;
		}
	reap(pid);
	ASSERT_EQ(KERN_SUCCESS, s.kr);
	EXPECT_EQ(2u, want_type);
	EXPECT_NE(0u, want);
	EXPECT_EQ(want, found);
	snap_free(&s);
}

/* ---- the ioctl itself: hostile arguments ---- */

FIXTURE(raw) {
	int fd;
	struct mach_ipc_info_name buf[8];
	struct mach_ipc_info_space info;
	struct mach_port_args a;
};

FIXTURE_SETUP(raw)
{
	self->fd = open("/dev/mach", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	memset(self->buf, 0xa5, sizeof(self->buf));
	memset(&self->a, 0, sizeof(self->a));
	self->a.task = SELF;
	self->a.value = 1;
	self->a.arg = (uintptr_t)self->buf;
	self->a.arg2 = (uintptr_t)&self->info;
}

FIXTURE_TEARDOWN(raw)
{
	close(self->fd);
}

/* too small a capacity copies nothing and says how many slots there are */
TEST_F(raw, short_buffer_copies_nothing)
{
	unsigned char *b = (unsigned char *)self->buf;
	size_t i;

	util_port();
	ASSERT_EQ(0, ioctl(self->fd, MACH_IOC_PORT_SPACE_INFO, &self->a));
	EXPECT_EQ(KERN_INSUFFICIENT_BUFFER_SIZE, self->a.kr);
	EXPECT_LT(1u, self->a.value);
	for (i = 0; i < sizeof(self->buf); i++)
		ASSERT_EQ(0xa5, b[i]);
}

/* a field the command does not read must be zero */
TEST_F(raw, unused_field_einval)
{
	self->a.name = 1;
	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_PORT_SPACE_INFO, &self->a));
	EXPECT_EQ(EINVAL, errno);
}

/* an unwritable table pointer is EFAULT, after the snapshot is taken */
TEST_F(raw, bad_table_pointer_efault)
{
	self->a.value = 1u << 16;
	self->a.arg = 8;
	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_PORT_SPACE_INFO, &self->a));
	EXPECT_EQ(EFAULT, errno);
}

/* a huge capacity allocates only what the table holds */
TEST_F(raw, huge_capacity_is_only_a_bound)
{
	static struct mach_ipc_info_name big[4096];

	self->a.value = 0xffffffffu;
	self->a.arg = (uintptr_t)big;
	ASSERT_EQ(0, ioctl(self->fd, MACH_IOC_PORT_SPACE_INFO, &self->a));
	EXPECT_EQ(KERN_SUCCESS, self->a.kr);
	EXPECT_EQ(self->info.table_size, self->a.value);
	EXPECT_LT(self->a.value, 4096u);
}
