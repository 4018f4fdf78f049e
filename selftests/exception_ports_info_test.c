// SPDX-License-Identifier: GPL-2.0
/*
 * task_get_exception_ports_info and thread_get_exception_ports_info: the
 * grouping of {task,thread}_get_exception_ports_internal
 * (osfmk/kern/ipc_tt.c) with, in place of send rights, an identifier of
 * each handler port (iip_port_object) and of the task that receives from
 * it (iip_receiver_object, ipc_port_get_receiver_task in
 * osfmk/ipc/ipc_port.c).  Ours are no kernel addresses: a port is the low
 * 32 bits of its id, a task the id of its task port
 * (Documentation/exceptions.rst).
 */
#include "harness.h"

#include <stddef.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#define STATE_ID64	(EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES)

struct info {
	exception_mask_t masks[EXC_TYPES_COUNT];
	ipc_info_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t beh[EXC_TYPES_COUNT];
	thread_state_flavor_t fl[EXC_TYPES_COUNT];
	mach_msg_type_number_t n;
};

static kern_return_t task_info_of(mach_port_t port, exception_mask_t mask,
				  struct info *i)
{
	memset(i, 0xa5, sizeof(*i));
	i->n = EXC_TYPES_COUNT;
	return task_get_exception_ports_info(port, mask, i->masks, &i->n,
					     i->ports, i->beh, i->fl);
}

static kern_return_t thread_info_of(mach_port_t port, exception_mask_t mask,
				    struct info *i)
{
	memset(i, 0xa5, sizeof(*i));
	i->n = EXC_TYPES_COUNT;
	return thread_get_exception_ports_info(port, mask, i->masks, &i->n,
					       i->ports, i->beh, i->fl);
}

static mach_port_t exc_port_new(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p))
		return MACH_PORT_NULL;
	if (mach_port_insert_right(mach_task_self(), p, p,
				   MACH_MSG_TYPE_MAKE_SEND))
		return MACH_PORT_NULL;
	return p;
}

/* The entry whose mask is exactly @mask, or -1. */
static int entry_of(const struct info *i, exception_mask_t mask)
{
	mach_msg_type_number_t k;

	for (k = 0; k < i->n; k++)
		if (i->masks[k] == mask)
			return k;
	return -1;
}

static mach_port_t special(int which)
{
	mach_port_t p = MACH_PORT_NULL;

	if (task_get_special_port(mach_task_self(), which, &p))
		return MACH_PORT_NULL;
	return p;
}

static mach_port_t thread_special(int which)
{
	mach_port_t p = MACH_PORT_NULL;

	if (thread_get_special_port(mach_thread_self(), which, &p))
		return MACH_PORT_NULL;
	return p;
}

/* task_get_exception_ports_internal on a task that set none: one entry,
 * the whole mask, its port null (!IP_VALID: both identifiers 0). */
TEST(task_unset_is_one_null_entry)
{
	struct info i;

	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &i));
	ASSERT_EQ(1, i.n);
	EXPECT_EQ(EXC_MASK_ALL, i.masks[0]);
	EXPECT_EQ(0, i.ports[0].iip_port_object);
	EXPECT_EQ(0, i.ports[0].iip_receiver_object);
	EXPECT_EQ(0, i.beh[0]);
	EXPECT_EQ(0, i.fl[0]);
}

/* task_get_exception_ports_internal: a mask bit outside EXC_MASK_VALID is
 * KERN_INVALID_ARGUMENT. */
TEST(task_bad_mask_invalid_argument)
{
	struct info i;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info_of(mach_task_self(), 1u << EXC_TYPES_COUNT, &i));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info_of(mach_task_self(), 1, &i));
}

/* The Apple test's registration: three ports over five types, the rest
 * null; the info routine groups exactly as task_get_exception_ports does
 * (same masks, behaviors, flavors, in the same order). */
TEST(task_groups_as_get_exception_ports)
{
	mach_port_t p = exc_port_new(), q = exc_port_new(), r = exc_port_new();
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t beh[EXC_TYPES_COUNT];
	thread_state_flavor_t fl[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;
	struct info i;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_GUARD, p,
					   STATE_ID64, THREAD_STATE_NONE));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_RPC_ALERT,
					   q, STATE_ID64, THREAD_STATE_NONE));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(),
					   EXC_MASK_RESOURCE | EXC_MASK_BREAKPOINT |
					   EXC_MASK_SYSCALL, r, STATE_ID64,
					   THREAD_STATE_NONE));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &i));
	ASSERT_EQ(KERN_SUCCESS,
		  task_get_exception_ports(mach_task_self(), EXC_MASK_ALL, masks,
					   &n, ports, beh, fl));
	ASSERT_EQ(4, i.n);
	ASSERT_EQ(n, i.n);
	EXPECT_EQ(0, memcmp(masks, i.masks, n * sizeof(masks[0])));
	EXPECT_EQ(0, memcmp(beh, i.beh, n * sizeof(beh[0])));
	EXPECT_EQ(0, memcmp(fl, i.fl, n * sizeof(fl[0])));
	EXPECT_LE(0, entry_of(&i, EXC_MASK_GUARD));
	EXPECT_LE(0, entry_of(&i, EXC_MASK_RPC_ALERT));
	EXPECT_LE(0, entry_of(&i, EXC_MASK_RESOURCE | EXC_MASK_BREAKPOINT |
			      EXC_MASK_SYSCALL));
}

/* Each handler port has its own identifier, never 0, the same on every
 * call (XNU: the port's permuted address). */
TEST(task_port_objects_distinct_and_stable)
{
	mach_port_t p = exc_port_new(), q = exc_port_new();
	struct info i, j;
	int a, b;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_ARITHMETIC,
					   q, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &i));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &j));
	a = entry_of(&i, EXC_MASK_BAD_ACCESS);
	b = entry_of(&i, EXC_MASK_ARITHMETIC);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	EXPECT_NE(0, i.ports[a].iip_port_object);
	EXPECT_NE(0, i.ports[b].iip_port_object);
	EXPECT_NE(i.ports[a].iip_port_object, i.ports[b].iip_port_object);
	EXPECT_EQ(0, memcmp(&i, &j, sizeof(i)));
}

/* Ports this task receives from share one receiver identifier, not 0
 * (ipc_port_get_receiver_task: the task of the receiving space). */
TEST(task_receiver_is_this_task)
{
	mach_port_t p = exc_port_new(), q = exc_port_new();
	struct info i;
	int a, b;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_SOFTWARE,
					   q, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &i));
	a = entry_of(&i, EXC_MASK_BAD_ACCESS);
	b = entry_of(&i, EXC_MASK_SOFTWARE);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	EXPECT_NE(0, i.ports[a].iip_receiver_object);
	EXPECT_EQ(i.ports[a].iip_receiver_object, i.ports[b].iip_receiver_object);
}

/* Our receiver identifier is our task port's own port identifier: a
 * handler that is the task port shows it as its port object, and its own
 * receiver is 0 (the kernel receives it: ipc_space_kernel). */
TEST(task_receiver_names_the_task_port)
{
	mach_port_t p = exc_port_new();
	struct info i;
	int a, t;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_RPC_ALERT,
					   mach_task_self(), EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &i));
	a = entry_of(&i, EXC_MASK_BAD_ACCESS);
	t = entry_of(&i, EXC_MASK_RPC_ALERT);
	ASSERT_LE(0, a);
	ASSERT_LE(0, t);
	EXPECT_NE(0, i.ports[t].iip_port_object);
	EXPECT_EQ(0, i.ports[t].iip_receiver_object);
	EXPECT_EQ(i.ports[t].iip_port_object, i.ports[a].iip_receiver_object);
}

/* A handler whose receive right is in a message has no receiver
 * (ipc_port_get_receiver_task: !MACH_PORT_VALID(ip_receiver_name)); its
 * port object stays; received back, its receiver is this task again. */
TEST(task_receiver_in_transit_is_zero)
{
	mach_port_t p = exc_port_new(), q = exc_port_new();
	struct {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		mach_msg_max_trailer_t trailer;
	} m;
	struct info before, during, after;
	int a;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_ACCESS, &before));
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
			   MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = offsetof(typeof(m), trailer);
	m.head.msgh_remote_port = q;
	m.body.msgh_descriptor_count = 1;
	m.port.name = p;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.head, MACH_SEND_MSG, m.head.msgh_size, 0,
			   MACH_PORT_NULL, 0, MACH_PORT_NULL));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_ACCESS, &during));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), q, 0,
			   MACH_PORT_NULL));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_ACCESS, &after));
	a = entry_of(&before, EXC_MASK_BAD_ACCESS);
	ASSERT_EQ(0, a);
	ASSERT_EQ(1, during.n);
	ASSERT_EQ(1, after.n);
	EXPECT_NE(0, before.ports[0].iip_receiver_object);
	EXPECT_EQ(before.ports[0].iip_port_object, during.ports[0].iip_port_object);
	EXPECT_EQ(0, during.ports[0].iip_receiver_object);
	EXPECT_EQ(before.ports[0].iip_port_object, after.ports[0].iip_port_object);
	EXPECT_EQ(before.ports[0].iip_receiver_object,
		  after.ports[0].iip_receiver_object);
}

/* A handler whose receive right was destroyed is still the stored port
 * (IP_VALID): its port object stays, its receiver is 0 (!ip_active). */
TEST(task_dead_handler_keeps_object_loses_receiver)
{
	mach_port_t p = exc_port_new();
	struct info before, after;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_ACCESS, &before));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_mod_refs(mach_task_self(), p,
				     MACH_PORT_RIGHT_RECEIVE, -1));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_ACCESS, &after));
	ASSERT_EQ(1, after.n);
	EXPECT_NE(0, after.ports[0].iip_port_object);
	EXPECT_EQ(before.ports[0].iip_port_object, after.ports[0].iip_port_object);
	EXPECT_EQ(0, after.ports[0].iip_receiver_object);
}

/* convert_port_to_task_read_no_eval: a task read port is enough, and
 * answers what the control port answers. */
TEST(task_read_port_accepted)
{
	mach_port_t p = exc_port_new(), rd = special(TASK_READ_PORT);
	struct info i, j;

	ASSERT_NE(MACH_PORT_NULL, rd);
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS, task_info_of(rd, EXC_MASK_ALL, &i));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_ALL, &j));
	EXPECT_EQ(2, i.n);
	EXPECT_EQ(0, memcmp(&i, &j, sizeof(i)));
}

/* convert_port_to_task_read_no_eval: an inspect or name port converts to
 * TASK_NULL: KERN_INVALID_ARGUMENT. */
TEST(task_inspect_and_name_ports_invalid_argument)
{
	mach_port_t in = special(TASK_INSPECT_PORT), nm = special(TASK_NAME_PORT);
	struct info i;

	ASSERT_NE(MACH_PORT_NULL, in);
	ASSERT_NE(MACH_PORT_NULL, nm);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info_of(in, EXC_MASK_ALL, &i));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info_of(nm, EXC_MASK_ALL, &i));
}

/* A thread port converts to TASK_NULL as well (ipc_kobject_server: the
 * routine is served, the object is of another kind). */
TEST(task_info_on_thread_port_invalid_argument)
{
	struct info i;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info_of(mach_thread_self(), EXC_MASK_ALL, &i));
}

/*
 * A task_get_exception_ports_info request (3460) without its mask, sent
 * by hand: MIG's size check in the server stub, MIG_BAD_ARGUMENTS in a
 * reply of id 3560.
 */
TEST(task_short_request_mig_bad_arguments)
{
	union {
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
		} req;
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			kern_return_t retcode;
		} rep;
		char buf[512];
	} b;
	mach_port_t reply = mig_get_reply_port();

	memset(&b, 0, sizeof(b));
	b.req.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					      MACH_MSG_TYPE_MAKE_SEND_ONCE);
	b.req.head.msgh_size = sizeof(b.req);
	b.req.head.msgh_remote_port = mach_task_self();
	b.req.head.msgh_local_port = reply;
	b.req.head.msgh_id = 3460;
	b.req.ndr = NDR_record;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&b.req.head, MACH_SEND_MSG | MACH_RCV_MSG,
			   sizeof(b.req), sizeof(b), reply, 0, MACH_PORT_NULL));
	EXPECT_EQ(3560, b.rep.head.msgh_id);
	EXPECT_EQ(MIG_BAD_ARGUMENTS, b.rep.retcode);
}

/* thread_get_exception_ports_internal: a thread that never set any
 * (exc_actions == NULL) has no entries at all. */
TEST(thread_unset_is_empty)
{
	struct info i;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_info_of(mach_thread_self(), EXC_MASK_ALL, &i));
	EXPECT_EQ(0, i.n);
}

/* thread_get_exception_ports_internal: the mask check. */
TEST(thread_bad_mask_invalid_argument)
{
	struct info i;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_info_of(mach_thread_self(), 1u << EXC_TYPES_COUNT, &i));
}

/* A thread's set port and the rest of the mask as a null entry, with the
 * same identifiers its task's routine gives the same port. */
TEST(thread_set_entry_same_identifiers_as_task)
{
	mach_port_t p = exc_port_new();
	struct info t, i;
	int a;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_set_exception_ports(mach_thread_self(),
					     EXC_MASK_BAD_INSTRUCTION, p,
					     STATE_ID64, x86_THREAD_STATE64));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_INSTRUCTION,
					   p, EXCEPTION_DEFAULT, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  thread_info_of(mach_thread_self(), EXC_MASK_ALL, &i));
	ASSERT_EQ(KERN_SUCCESS,
		  task_info_of(mach_task_self(), EXC_MASK_BAD_INSTRUCTION, &t));
	ASSERT_EQ(2, i.n);
	a = entry_of(&i, EXC_MASK_BAD_INSTRUCTION);
	ASSERT_LE(0, a);
	EXPECT_EQ((exception_behavior_t)STATE_ID64, i.beh[a]);
	EXPECT_EQ(x86_THREAD_STATE64, i.fl[a]);
	EXPECT_NE(0, i.ports[a].iip_port_object);
	EXPECT_EQ(t.ports[0].iip_port_object, i.ports[a].iip_port_object);
	EXPECT_EQ(t.ports[0].iip_receiver_object, i.ports[a].iip_receiver_object);
	EXPECT_EQ(EXC_MASK_ALL & ~EXC_MASK_BAD_INSTRUCTION, i.masks[1 - a]);
	EXPECT_EQ(0, i.ports[1 - a].iip_port_object);
}

/* convert_port_to_thread_read_no_eval: a thread read port is enough, an
 * inspect port is KERN_INVALID_ARGUMENT. */
TEST(thread_read_accepted_inspect_invalid_argument)
{
	mach_port_t rd = thread_special(THREAD_READ_PORT);
	mach_port_t in = thread_special(THREAD_INSPECT_PORT);
	struct info i;

	ASSERT_NE(MACH_PORT_NULL, rd);
	ASSERT_NE(MACH_PORT_NULL, in);
	EXPECT_EQ(KERN_SUCCESS, thread_info_of(rd, EXC_MASK_ALL, &i));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_info_of(in, EXC_MASK_ALL, &i));
}

TEST_HARNESS_MAIN
