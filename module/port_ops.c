// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the mach_port_* calls.  Each takes a task port name from the
 * caller's space and acts on that task's space; results and errors are
 * XNU's (Documentation/ports.rst has the table).  The ioctl glue at the
 * bottom copies the argument block and any arrays in and out without
 * holding mk_lock.
 */
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mach_dev.h>
#include "kmsg.h"
#include "limits.h"
#include "locking.h"
#include "port.h"
#include "port_ops.h"
#include "pset.h"
#include "right.h"
#include "space.h"
#include "task.h"
#include "thread.h"

/*
 * The receive right under @name, with XNU's errors: @null_kr for
 * MACH_PORT_NULL or MACH_PORT_DEAD (each call has its own), no entry is
 * KERN_INVALID_NAME, another right KERN_INVALID_RIGHT.
 */
kern_return_t mk_port_lookup_receive(struct mk_space *space, u32 name,
				     kern_return_t null_kr,
				     struct mk_entry **entryp)
{
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(name))
		return null_kr;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	*entryp = entry;
	return KERN_SUCCESS;
}

kern_return_t mk_port_alloc_right(struct mk_space *space, u32 right, u32 *namep,
				  bool named)
{
	struct mk_entry *entry;
	struct mk_port *port;
	struct mk_pset *pset;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (right != MACH_PORT_RIGHT_RECEIVE &&
	    right != MACH_PORT_RIGHT_PORT_SET &&
	    right != MACH_PORT_RIGHT_DEAD_NAME)
		return KERN_INVALID_VALUE;
	kr = right == MACH_PORT_RIGHT_DEAD_NAME ? 0 : mk_limit_port_check();
	if (kr)		/* the uid's ports (limits.c) */
		return kr;
	kr = named ? mk_entry_alloc_name(space, *namep, &entry) :
		     mk_entry_alloc(space, namep, &entry);
	if (kr)
		return kr;
	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
		port = mk_port_alloc();
		if (!port)
			goto nomem;
		entry->port = port;
		entry->bits = MACH_PORT_TYPE_RECEIVE;
		mk_entry_link_port(space, *namep, entry);
		port->receiver = space;
		port->receiver_name = *namep;
		break;
	case MACH_PORT_RIGHT_PORT_SET:
		pset = mk_pset_alloc(space);
		if (!pset)
			goto nomem;
		entry->pset = pset;
		entry->bits = MACH_PORT_TYPE_PORT_SET;
		break;
	default:
		entry->bits = MACH_PORT_TYPE_DEAD_NAME;
		entry->urefs = 1;
		break;
	}
	return KERN_SUCCESS;
nomem:
	mk_entry_free(space, *namep, entry);
	return KERN_RESOURCE_SHORTAGE;
}

static kern_return_t port_allocate(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_port_alloc_right(c->space, c->a.right, &c->a.name, false);
}

static kern_return_t port_allocate_name(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name))
		return KERN_INVALID_VALUE;
	return mk_port_alloc_right(c->space, c->a.right, &c->a.name, true);
}

static kern_return_t port_deallocate(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_right_dealloc(c->space, c->a.name);
}

static kern_return_t port_destroy(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_right_destroy(c->space, c->a.name);
}

static kern_return_t port_mod_refs(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_right_delta(c->space, c->a.name, c->a.right, c->a.delta);
}

static kern_return_t port_get_refs(struct port_call *c)
{
	u32 right = c->a.right;
	struct mk_entry *entry;
	u32 bits;

	lockdep_assert_held(&mk_lock);
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if (!mk_name_valid(c->a.name)) {
		if (right != MACH_PORT_RIGHT_SEND &&
		    right != MACH_PORT_RIGHT_SEND_ONCE)
			return KERN_INVALID_NAME;
		c->a.value = 1;
		return KERN_SUCCESS;
	}
	entry = mk_entry_lookup(c->space, c->a.name);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(c->space, c->a.name, entry);
	bits = entry->bits;
	if (right == MACH_PORT_RIGHT_LABELH || !(bits & MACH_PORT_TYPE(right)))
		c->a.value = 0;
	else if (right == MACH_PORT_RIGHT_SEND ||
		 right == MACH_PORT_RIGHT_DEAD_NAME)
		c->a.value = entry->urefs;
	else
		c->a.value = 1;
	return KERN_SUCCESS;
}

static kern_return_t port_type(struct port_call *c)
{
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (c->a.name == MACH_PORT_NULL)
		return KERN_INVALID_NAME;
	if (c->a.name == MACH_PORT_DEAD) {
		c->a.value = MACH_PORT_TYPE_DEAD_NAME;
		return KERN_SUCCESS;
	}
	entry = mk_entry_lookup(c->space, c->a.name);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(c->space, c->a.name, entry);
	c->a.value = entry->bits;
	if (entry->dnreq)
		c->a.value |= MACH_PORT_TYPE_DNREQUEST;
	return KERN_SUCCESS;
}

/* insert_right's fast path: MAKE_SEND / COPY_SEND onto the same name */
static kern_return_t insert_send_same_name(struct mk_space *space, u32 name, u32 disp)
{
	struct mk_entry *entry = mk_entry_lookup(space, name);

	lockdep_assert_held(&mk_lock);
	if (!entry)
		return KERN_INVALID_NAME;
	if (mk_entry_check_dead(space, name, entry))
		return KERN_INVALID_CAPABILITY;
	if (disp == MACH_MSG_TYPE_MAKE_SEND) {
		if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		entry->port->mscount++;
		if (!(entry->bits & MACH_PORT_TYPE_SEND)) {
			entry->port->srights++;
			entry->bits |= MACH_PORT_TYPE_SEND;
			entry->urefs = 1;
			return KERN_SUCCESS;
		}
	} else if (!(entry->bits & MACH_PORT_TYPE_SEND)) {
		return KERN_INVALID_RIGHT;
	}
	if (entry->urefs < MACH_PORT_UREFS_MAX)
		entry->urefs++;
	return KERN_SUCCESS;
}

static kern_return_t port_insert_right(struct port_call *c)
{
	u32 disp = c->a.disposition, name = c->a.name, poly = c->a.poly;
	struct mk_right r;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (disp < MACH_MSG_TYPE_MOVE_RECEIVE ||
	    disp > MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return KERN_INVALID_VALUE;
	if (!mk_name_valid(poly))
		return KERN_INVALID_CAPABILITY;
	if (c->space == c->task->space && name == poly &&
	    (disp == MACH_MSG_TYPE_MAKE_SEND || disp == MACH_MSG_TYPE_COPY_SEND))
		return insert_send_same_name(c->space, name, disp);
	kr = mk_right_copyin(c->task->space, poly, disp, &r);
	if (kr)
		return kr;
	if (!mk_name_valid(name))
		kr = KERN_INVALID_VALUE;
	else if (!r.port)
		kr = KERN_INVALID_CAPABILITY;
	else
		kr = mk_right_copyout_name(c->space, &r, name);
	if (kr)
		mk_right_release(&r);
	return kr;
}

static kern_return_t port_extract_right(struct port_call *c)
{
	u32 disp = c->a.disposition;
	struct mk_right r;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (disp < MACH_MSG_TYPE_MOVE_RECEIVE ||
	    disp > MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return KERN_INVALID_VALUE;
	if (!mk_name_valid(c->a.name))
		return KERN_INVALID_RIGHT;
	kr = mk_right_copyin(c->space, c->a.name, disp, &r);
	if (kr)
		return kr;
	c->a.disposition = r.type;
	kr = mk_right_copyout(c->task->space, &r, &c->a.poly);
	if (kr)
		mk_right_release(&r);
	return kr;
}

/* member (receive right) and set names for the member calls */
static kern_return_t lookup_member_and_set(struct mk_space *space, u32 member, u32 set,
					   struct mk_port **portp, struct mk_pset **psetp)
{
	struct mk_entry *m, *s = NULL;

	lockdep_assert_held(&mk_lock);
	m = mk_entry_lookup(space, member);
	if (set)
		s = mk_entry_lookup(space, set);
	if (!m || (set && !s))
		return KERN_INVALID_NAME;
	if (!(m->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	if (s && !(s->bits & MACH_PORT_TYPE_PORT_SET))
		return KERN_INVALID_RIGHT;
	*portp = m->port;
	*psetp = s ? s->pset : NULL;
	return KERN_SUCCESS;
}

static kern_return_t port_move_member(struct port_call *c)
{
	struct mk_port *port;
	struct mk_pset *pset;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name) || c->a.value == MACH_PORT_DEAD)
		return KERN_INVALID_RIGHT;
	kr = lookup_member_and_set(c->space, c->a.name, c->a.value, &port,
				   &pset);
	if (kr)
		return kr;
	if (!pset && hlist_empty(&port->psets))
		return KERN_NOT_IN_SET;
	if (pset && mk_pset_has_member(pset, port) &&
	    hlist_is_singular_node(port->psets.first, &port->psets))
		return KERN_SUCCESS;
	mk_pset_remove_all(port);
	return pset ? mk_pset_add(pset, port) : KERN_SUCCESS;
}

/* insert_member and extract_member: both names must be valid first */
static kern_return_t member_op(struct port_call *c, bool insert)
{
	struct mk_port *port;
	struct mk_pset *pset;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name) || !mk_name_valid(c->a.value))
		return KERN_INVALID_RIGHT;
	kr = lookup_member_and_set(c->space, c->a.name, c->a.value, &port,
				   &pset);
	if (kr)
		return kr;
	return insert ? mk_pset_add(pset, port) : mk_pset_remove(pset, port);
}

static kern_return_t port_insert_member(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return member_op(c, true);
}

static kern_return_t port_extract_member(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return member_op(c, false);
}

static kern_return_t port_get_set_status(struct port_call *c)
{
	struct mk_entry *entry;
	struct mk_psmember *m;
	u32 n = 0;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name))
		return KERN_INVALID_RIGHT;
	entry = mk_entry_lookup(c->space, c->a.name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_PORT_SET))
		return KERN_INVALID_RIGHT;
	list_for_each_entry(m, &entry->pset->members, set_node)
		n++;
	c->a.value = n;
	if (n > c->nr)
		return KERN_INSUFFICIENT_BUFFER_SIZE;
	c->names = kvmalloc_array(n ? n : 1, sizeof(u32), GFP_KERNEL);
	if (!c->names)
		return KERN_RESOURCE_SHORTAGE;
	n = 0;
	list_for_each_entry(m, &entry->pset->members, set_node)
		c->names[n++] = m->port->receiver_name;
	c->nr = n;
	return KERN_SUCCESS;
}

static kern_return_t port_names(struct port_call *c)
{
	struct mk_space *space = c->space;
	struct mk_entry *entry;
	unsigned long idx;
	u32 n = 0;

	lockdep_assert_held(&mk_lock);
	c->a.value = space->nr_entries;
	if (space->nr_entries > c->nr)
		return KERN_INSUFFICIENT_BUFFER_SIZE;
	c->names = kvmalloc_array(space->nr_entries + 1, sizeof(u32),
				  GFP_KERNEL);
	c->types = kvmalloc_array(space->nr_entries + 1, sizeof(u32),
				  GFP_KERNEL);
	if (!c->names || !c->types)
		return KERN_RESOURCE_SHORTAGE;
	xa_for_each(&space->names, idx, entry) {
		u32 name = mk_name_make(idx, entry->gen);

		if (!entry->bits)
			continue;
		mk_entry_check_dead(space, name, entry);
		c->names[n] = name;
		c->types[n] = entry->bits |
			(entry->dnreq ? MACH_PORT_TYPE_DNREQUEST : 0);
		n++;
	}
	c->a.value = n;
	c->nr = n;
	return KERN_SUCCESS;
}

static kern_return_t task_self(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_self_name(c->task, &c->a.name);
}

static kern_return_t task_for_pid(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_for_pid(c->task, c->a.task, (s32)c->a.value,
			       &c->a.name);
}

static kern_return_t thread_self(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_thread_self_name(c->task, &c->a.name);
}

static kern_return_t set_default_bootstrap(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_set_default_bootstrap(c->task, c->a.name);
}

static kern_return_t task_name_for_pid(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_name_for_pid(c->task, c->a.task, (s32)c->a.value,
				    &c->a.name);
}

static kern_return_t task_read_for_pid(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_flavor_for_pid(c->task, c->a.task, (s32)c->a.value,
				      MK_TASK_FLAVOR_READ, &c->a.name);
}

static kern_return_t task_inspect_for_pid(struct port_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_flavor_for_pid(c->task, c->a.task, (s32)c->a.value,
				      MK_TASK_FLAVOR_INSPECT, &c->a.name);
}

static kern_return_t pid_for_task(struct port_call *c)
{
	s32 pid;
	kern_return_t kr = mk_pid_for_task(c->task, c->a.name, &pid);

	lockdep_assert_held(&mk_lock);
	c->a.value = pid;
	return kr;
}

/* input fields each command reads; the others must be zero */
enum {
	F_TASK = 1 << 0, F_NAME = 1 << 1, F_RIGHT = 1 << 2, F_DELTA = 1 << 3,
	F_POLY = 1 << 4, F_DISP = 1 << 5, F_VALUE = 1 << 6, F_ARG = 1 << 7,
	F_ARG2 = 1 << 8,
	F_SELF = 1 << 9,	/* reads task, without resolving it */
	F_READ = 1 << 10,	/* task may be a read port (ipc_space_read_t) */
	F_MIG = 1 << 11,	/* a MIG routine on XNU, not a trap */
};

struct port_op {
	kern_return_t (*fn)(struct port_call *c);
	u32 fields;
};

#define PORT_OP(cmd) (_IOC_NR(cmd) - _IOC_NR(MACH_IOC_TASK_SELF))
static const struct port_op port_ops[] = {
	[PORT_OP(MACH_IOC_TASK_SELF)] = { task_self, 0 },
	[PORT_OP(MACH_IOC_PORT_ALLOCATE)] = { port_allocate, F_TASK | F_RIGHT },
	[PORT_OP(MACH_IOC_PORT_ALLOCATE_NAME)] = {
		port_allocate_name,
		F_TASK | F_RIGHT | F_NAME },
	[PORT_OP(MACH_IOC_PORT_DEALLOCATE)] = {
		port_deallocate,
		F_TASK | F_NAME },
	[PORT_OP(MACH_IOC_PORT_DESTROY)] = { port_destroy, F_TASK | F_NAME },
	[PORT_OP(MACH_IOC_PORT_MOD_REFS)] = {
		port_mod_refs,
		F_TASK | F_NAME | F_RIGHT | F_DELTA },
	[PORT_OP(MACH_IOC_PORT_GET_REFS)] = {
		port_get_refs,
		F_TASK | F_NAME | F_RIGHT },
	[PORT_OP(MACH_IOC_PORT_TYPE)] = { port_type, F_TASK | F_NAME },
	[PORT_OP(MACH_IOC_PORT_INSERT_RIGHT)] = {
		port_insert_right,
		F_TASK | F_NAME | F_POLY | F_DISP },
	[PORT_OP(MACH_IOC_PORT_EXTRACT_RIGHT)] = {
		port_extract_right,
		F_TASK | F_NAME | F_DISP },
	[PORT_OP(MACH_IOC_PORT_MOVE_MEMBER)] = {
		port_move_member,
		F_TASK | F_NAME | F_VALUE },
	[PORT_OP(MACH_IOC_PORT_INSERT_MEMBER)] = {
		port_insert_member,
		F_TASK | F_NAME | F_VALUE },
	[PORT_OP(MACH_IOC_PORT_EXTRACT_MEMBER)] = {
		port_extract_member,
		F_TASK | F_NAME | F_VALUE },
	[PORT_OP(MACH_IOC_PORT_REQUEST_NOTIFY)] = {
		mk_port_request_notify,
		F_TASK | F_NAME | F_RIGHT | F_VALUE | F_POLY | F_DISP },
	[PORT_OP(MACH_IOC_PORT_GET_ATTRIBUTES)] = {
		mk_port_get_attributes,
		F_TASK | F_READ | F_NAME | F_RIGHT | F_VALUE | F_ARG },
	[PORT_OP(MACH_IOC_PORT_SET_ATTRIBUTES)] = {
		mk_port_set_attributes,
		F_TASK | F_NAME | F_RIGHT | F_VALUE | F_ARG },
	[PORT_OP(MACH_IOC_PORT_GET_CONTEXT)] = {
		mk_port_get_context,
		F_TASK | F_READ | F_MIG | F_NAME },
	[PORT_OP(MACH_IOC_PORT_SET_CONTEXT)] = {
		mk_port_set_context,
		F_TASK | F_NAME | F_ARG },
	[PORT_OP(MACH_IOC_PORT_NAMES)] = {
		port_names,
		F_TASK | F_VALUE | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_GET_SET_STATUS)] = {
		port_get_set_status,
		F_TASK | F_READ | F_MIG | F_NAME | F_VALUE | F_ARG },
	[PORT_OP(MACH_IOC_PORT_CONSTRUCT)] = {
		mk_port_construct,
		F_TASK | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_DESTRUCT)] = {
		mk_port_destruct,
		F_TASK | F_NAME | F_DELTA | F_ARG },
	[PORT_OP(MACH_IOC_PORT_GUARD)] = {
		mk_port_guard,
		F_TASK | F_NAME | F_ARG | F_DELTA },
	[PORT_OP(MACH_IOC_PORT_UNGUARD)] = {
		mk_port_unguard,
		F_TASK | F_NAME | F_ARG },
	[PORT_OP(MACH_IOC_PORT_SET_MSCOUNT)] = {
		mk_port_set_mscount,
		F_TASK | F_NAME | F_VALUE },
	/* these check their task argument themselves: KERN_FAILURE */
	[PORT_OP(MACH_IOC_TASK_FOR_PID)] = { task_for_pid, F_SELF | F_VALUE },
	[PORT_OP(MACH_IOC_PID_FOR_TASK)] = { pid_for_task, F_NAME },
	[PORT_OP(MACH_IOC_SET_DEFAULT_BOOTSTRAP)] = {
		set_default_bootstrap, F_NAME },
	[PORT_OP(MACH_IOC_THREAD_SELF)] = { thread_self, 0 },
	[PORT_OP(MACH_IOC_TASK_NAME_FOR_PID)] = {
		task_name_for_pid, F_SELF | F_VALUE },
	[PORT_OP(MACH_IOC_TASK_READ_FOR_PID)] = {
		task_read_for_pid, F_SELF | F_VALUE },
	[PORT_OP(MACH_IOC_TASK_INSPECT_FOR_PID)] = {
		task_inspect_for_pid, F_SELF | F_VALUE },
	[PORT_OP(MACH_IOC_PORT_PEEK)] = {
		mk_port_peek,
		F_TASK | F_NAME | F_RIGHT | F_VALUE | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_GUARD_WITH_FLAGS)] = {
		mk_port_guard_with_flags,
		F_TASK | F_NAME | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_SWAP_GUARD)] = {
		mk_port_swap_guard,
		F_TASK | F_NAME | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_SPACE_INFO)] = {
		mk_port_space_info,
		F_TASK | F_READ | F_MIG | F_VALUE | F_ARG | F_ARG2 },
	[PORT_OP(MACH_IOC_PORT_KOBJECT)] = {
		mk_port_kobject,
		F_TASK | F_READ | F_MIG | F_NAME },
};

/* the weakest task port the command's task argument may be */
static int op_flavor(const struct port_op *op)
{
	return (op->fields & F_READ) ? MK_TASK_FLAVOR_READ :
		MK_TASK_FLAVOR_CONTROL;
}

/*
 * A task argument that is no task port of the flavor wanted.  XNU's traps
 * answer MACH_SEND_INVALID_DEST; its MIG routines do too when the name is
 * no send right (the request cannot be sent), but a weaker task port
 * reaches the routine, whose conversion gives it no space:
 * KERN_INVALID_ARGUMENT (mach_port_get_context_from_user).
 */
static kern_return_t bad_task_kr(struct port_call *c, const struct port_op *op)
{
	struct mk_entry *entry = mk_entry_lookup(c->task->space, c->a.task);

	lockdep_assert_held(&mk_lock);
	if ((op->fields & F_MIG) && entry &&
	    (entry->bits & MACH_PORT_TYPE_SEND) && entry->port &&
	    entry->port->active &&
	    mk_task_port_flavor(entry->port) != MK_TASK_FLAVOR_NONE)
		return KERN_INVALID_ARGUMENT;
	return MACH_SEND_INVALID_DEST;
}

static bool unused_fields_zero(const struct mach_port_args *a, u32 f)
{
	return !a->reserved && a->kr == 0 &&
		((f & (F_TASK | F_SELF)) || !a->task) &&
		((f & F_NAME) || !a->name) &&
		((f & F_RIGHT) || !a->right) && ((f & F_DELTA) || !a->delta) &&
		((f & F_POLY) || !a->poly) && ((f & F_DISP) || !a->disposition) &&
		((f & F_VALUE) || !a->value) && ((f & F_ARG) || !a->arg) &&
		((f & F_ARG2) || !a->arg2);
}

/* copy arrays in before taking mk_lock */
static int port_call_copyin(unsigned int cmd, struct port_call *c)
{
	void __user *ptr = u64_to_user_ptr(c->a.arg);
	u32 n;

	switch (cmd) {
	case MACH_IOC_PORT_SET_ATTRIBUTES:	/* integer_t[count] */
		n = min_t(u32, c->a.value, ARRAY_SIZE(c->ints));
		if (copy_from_user(c->ints, ptr, n * sizeof(s32)))
			return -EFAULT;
		break;
	case MACH_IOC_PORT_CONSTRUCT:		/* mach_port_options_t */
		if (copy_from_user(&c->opts, ptr, sizeof(c->opts)))
			return -EFAULT;
		break;
	case MACH_IOC_PORT_NAMES:		/* capacity of the arrays */
	case MACH_IOC_PORT_GET_SET_STATUS:
	case MACH_IOC_PORT_SPACE_INFO:
		c->nr = c->a.value;
		break;
	}
	return 0;
}

static int port_call_copyout(unsigned int cmd, struct port_call *c)
{
	void __user *ptr = u64_to_user_ptr(c->a.arg);

	if (mk_kr_from_user(c->a.kr) != KERN_SUCCESS)
		return 0;
	switch (cmd) {
	case MACH_IOC_PORT_GET_ATTRIBUTES:
		if (copy_to_user(ptr, c->ints, c->a.value * sizeof(s32)))
			return -EFAULT;
		break;
	case MACH_IOC_PORT_NAMES:
		if (copy_to_user(u64_to_user_ptr(c->a.arg2), c->types,
				 c->nr * sizeof(u32)))
			return -EFAULT;
		fallthrough;
	case MACH_IOC_PORT_GET_SET_STATUS:
		if (copy_to_user(ptr, c->names, c->nr * sizeof(u32)))
			return -EFAULT;
		break;
	case MACH_IOC_PORT_SPACE_INFO:	/* c->nr <= the capacity given */
		if (copy_to_user(ptr, c->infos, c->nr * sizeof(*c->infos)) ||
		    copy_to_user(u64_to_user_ptr(c->a.arg2), &c->sinfo,
				 sizeof(c->sinfo)))
			return -EFAULT;
		break;
	case MACH_IOC_PORT_PEEK:	/* arg2 <= MK_PEEK_TRAILER_MAX */
		if (copy_to_user(ptr, c->trailer, c->a.arg2))
			return -EFAULT;
		break;
	}
	return 0;
}

long mk_port_ioctl(unsigned int cmd, void __user *uarg)
{
	const struct port_op *op;
	struct port_call *c;
	kern_return_t kr;
	long ret;

	if (PORT_OP(cmd) >= ARRAY_SIZE(port_ops) || !port_ops[PORT_OP(cmd)].fn)
		return -ENOTTY;
	op = &port_ops[PORT_OP(cmd)];
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(&c->a, uarg, sizeof(c->a)))
		goto out;
	ret = -EINVAL;
	if (!unused_fields_zero(&c->a, op->fields))
		goto out;
	ret = port_call_copyin(cmd, c);
	if (ret)
		goto out;

	ret = -EPERM;
	if (cmd == MACH_IOC_SET_DEFAULT_BOOTSTRAP && !capable(CAP_SYS_ADMIN))
		goto out;
	mutex_lock(&mk_lock);
	c->task = mk_task_current();
	if (!c->task)
		kr = KERN_RESOURCE_SHORTAGE;
	else if (op->fields & F_TASK)
		c->space = mk_space_from_task_port(c->task->space, c->a.task,
						   op_flavor(op));
	if (c->task && (c->space || !(op->fields & F_TASK)))
		kr = op->fn(c);
	else if (c->task)
		kr = bad_task_kr(c, op);
	mutex_unlock(&mk_lock);
	c->a.kr = mk_kr_to_user(kr);

	ret = port_call_copyout(cmd, c);
	if (!ret && copy_to_user(uarg, &c->a, sizeof(c->a)))
		ret = -EFAULT;
out:
	kvfree(c->names);
	kvfree(c->types);
	kvfree(c->infos);
	kfree(c);
	return ret;
}
