// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_port_* calls: each fills exactly the fields Documentation/abi.rst
 * lists for its command (the rest stay zero, as the ABI requires) and
 * copies the listed outputs back only on success.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"

/*
 * An errno means the Mach call did not run (ABI misuse or no device).
 * Mach callers only understand Mach codes, so:
 *  - no /dev/mach: no name can denote a live task port; answer like a
 *    MIG call to a bad destination, MACH_SEND_INVALID_DEST;
 *  - EFAULT: a buffer passed for the caller (options, attribute array)
 *    is unreadable; XNU's port traps say MACH_SEND_INVALID_DATA when
 *    their copyin fails;
 *  - ENOTTY: the module lacks the command: KERN_NOT_SUPPORTED;
 *  - EINVAL: libmach and module disagree on the block: KERN_INVALID_ARGUMENT;
 *  - ENOMEM: KERN_RESOURCE_SHORTAGE; anything else KERN_FAILURE.
 */
static kern_return_t port_errno(int err)
{
	switch (err) {
	case EFAULT:
		return MACH_SEND_INVALID_DATA;
	case ENOTTY:
	case ENOSYS:
	case EOPNOTSUPP:
		return KERN_NOT_SUPPORTED;
	case EINVAL:
		return KERN_INVALID_ARGUMENT;
	case ENOMEM:
		return KERN_RESOURCE_SHORTAGE;
	case EBADF:
		return MACH_SEND_INVALID_DEST;	/* our descriptor was closed under us */
	default:
		return KERN_FAILURE;
	}
}

kern_return_t libmach_port_call(unsigned long cmd, struct mach_port_args *args)
{
	int fd = libmach_fd();
	int ret;

	if (fd < 0)
		return MACH_SEND_INVALID_DEST;
	/* An errno means nothing happened, so a signal can simply retry. */
	do
		ret = ioctl(fd, cmd, args);
	while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return port_errno(errno);
	return args->kr;
}

#define port_call libmach_port_call

LIBMACH_API mach_port_name_t mach_reply_port(void)
{
	mach_port_name_t name;

	if (mach_port_allocate(mach_task_self_, MACH_PORT_RIGHT_RECEIVE, &name))
		return MACH_PORT_NULL;
	return name;
}

LIBMACH_API kern_return_t mach_port_allocate(ipc_space_t task, mach_port_right_t right,
					     mach_port_name_t *name)
{
	struct mach_port_args a = { .task = task, .right = right };
	kern_return_t kr = port_call(MACH_IOC_PORT_ALLOCATE, &a);

	if (kr == KERN_SUCCESS)
		*name = a.name;
	return kr;
}

LIBMACH_API kern_return_t mach_port_allocate_name(ipc_space_t task, mach_port_right_t right,
						  mach_port_name_t name)
{
	struct mach_port_args a = { .task = task, .right = right, .name = name };

	return port_call(MACH_IOC_PORT_ALLOCATE_NAME, &a);
}

LIBMACH_API kern_return_t mach_port_deallocate(ipc_space_t task, mach_port_name_t name)
{
	struct mach_port_args a = { .task = task, .name = name };

	return port_call(MACH_IOC_PORT_DEALLOCATE, &a);
}

LIBMACH_API kern_return_t mach_port_destroy(ipc_space_t task, mach_port_name_t name)
{
	struct mach_port_args a = { .task = task, .name = name };

	return port_call(MACH_IOC_PORT_DESTROY, &a);
}

LIBMACH_API kern_return_t mach_port_mod_refs(ipc_space_t task, mach_port_name_t name,
					     mach_port_right_t right, mach_port_delta_t delta)
{
	struct mach_port_args a = {
		.task = task, .name = name, .right = right, .delta = delta,
	};

	return port_call(MACH_IOC_PORT_MOD_REFS, &a);
}

LIBMACH_API kern_return_t mach_port_get_refs(ipc_space_t task, mach_port_name_t name,
					     mach_port_right_t right, mach_port_urefs_t *refs)
{
	struct mach_port_args a = { .task = task, .name = name, .right = right };
	kern_return_t kr = port_call(MACH_IOC_PORT_GET_REFS, &a);

	if (kr == KERN_SUCCESS)
		*refs = a.value;
	return kr;
}

LIBMACH_API kern_return_t mach_port_type(ipc_space_t task, mach_port_name_t name,
					 mach_port_type_t *ptype)
{
	struct mach_port_args a = { .task = task, .name = name };
	kern_return_t kr = port_call(MACH_IOC_PORT_TYPE, &a);

	if (kr == KERN_SUCCESS)
		*ptype = a.value;
	return kr;
}

LIBMACH_API kern_return_t mach_port_insert_right(ipc_space_t task, mach_port_name_t name,
						 mach_port_t poly, mach_msg_type_name_t polyPoly)
{
	struct mach_port_args a = {
		.task = task, .name = name, .poly = poly, .disposition = polyPoly,
	};

	return port_call(MACH_IOC_PORT_INSERT_RIGHT, &a);
}

LIBMACH_API kern_return_t mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
						  mach_msg_type_name_t msgt_name,
						  mach_port_t *poly,
						  mach_msg_type_name_t *polyPoly)
{
	struct mach_port_args a = { .task = task, .name = name, .disposition = msgt_name };
	kern_return_t kr = port_call(MACH_IOC_PORT_EXTRACT_RIGHT, &a);

	if (kr == KERN_SUCCESS) {
		*poly = a.poly;
		*polyPoly = a.disposition;
	}
	return kr;
}

LIBMACH_API kern_return_t mach_port_move_member(ipc_space_t task, mach_port_name_t member,
						mach_port_name_t after)
{
	struct mach_port_args a = { .task = task, .name = member, .value = after };

	return port_call(MACH_IOC_PORT_MOVE_MEMBER, &a);
}

LIBMACH_API kern_return_t mach_port_insert_member(ipc_space_t task, mach_port_name_t name,
						  mach_port_name_t pset)
{
	struct mach_port_args a = { .task = task, .name = name, .value = pset };

	return port_call(MACH_IOC_PORT_INSERT_MEMBER, &a);
}

LIBMACH_API kern_return_t mach_port_extract_member(ipc_space_t task, mach_port_name_t name,
						   mach_port_name_t pset)
{
	struct mach_port_args a = { .task = task, .name = name, .value = pset };

	return port_call(MACH_IOC_PORT_EXTRACT_MEMBER, &a);
}

LIBMACH_API kern_return_t mach_port_request_notification(ipc_space_t task,
							 mach_port_name_t name,
							 mach_msg_id_t msgid,
							 mach_port_mscount_t sync,
							 mach_port_t notify,
							 mach_msg_type_name_t notifyPoly,
							 mach_port_t *previous)
{
	struct mach_port_args a = {
		.task = task, .name = name, .right = (__u32)msgid, .value = sync,
		.poly = notify, .disposition = notifyPoly,
	};
	kern_return_t kr = port_call(MACH_IOC_PORT_REQUEST_NOTIFY, &a);

	if (kr == KERN_SUCCESS)
		*previous = a.poly;
	return kr;
}

LIBMACH_API kern_return_t mach_port_get_attributes(ipc_space_inspect_t task,
						   mach_port_name_t name,
						   mach_port_flavor_t flavor,
						   mach_port_info_t port_info_out,
						   mach_msg_type_number_t *port_info_outCnt)
{
	struct mach_port_args a = {
		.task = task, .name = name, .right = (__u32)flavor,
		.value = *port_info_outCnt, .arg = (uintptr_t)port_info_out,
	};
	kern_return_t kr = port_call(MACH_IOC_PORT_GET_ATTRIBUTES, &a);

	if (kr == KERN_SUCCESS)
		*port_info_outCnt = a.value;
	return kr;
}

LIBMACH_API kern_return_t mach_port_set_attributes(ipc_space_t task, mach_port_name_t name,
						   mach_port_flavor_t flavor,
						   mach_port_info_t port_info,
						   mach_msg_type_number_t port_infoCnt)
{
	struct mach_port_args a = {
		.task = task, .name = name, .right = (__u32)flavor,
		.value = port_infoCnt, .arg = (uintptr_t)port_info,
	};

	return port_call(MACH_IOC_PORT_SET_ATTRIBUTES, &a);
}

LIBMACH_API kern_return_t mach_port_get_context(ipc_space_inspect_t task,
						mach_port_name_t name,
						mach_port_context_t *context)
{
	struct mach_port_args a = { .task = task, .name = name };
	kern_return_t kr = port_call(MACH_IOC_PORT_GET_CONTEXT, &a);

	if (kr == KERN_SUCCESS)
		*context = a.arg;
	return kr;
}

LIBMACH_API kern_return_t mach_port_set_context(ipc_space_t task, mach_port_name_t name,
						mach_port_context_t context)
{
	struct mach_port_args a = { .task = task, .name = name, .arg = context };

	return port_call(MACH_IOC_PORT_SET_CONTEXT, &a);
}

LIBMACH_API kern_return_t mach_port_construct(ipc_space_t task,
					      mach_port_options_ptr_t options,
					      mach_port_context_t context,
					      mach_port_name_t *name)
{
	struct mach_port_args a = {
		.task = task, .arg = (uintptr_t)options, .arg2 = context,
	};
	kern_return_t kr = port_call(MACH_IOC_PORT_CONSTRUCT, &a);

	if (kr == KERN_SUCCESS)
		*name = a.name;
	return kr;
}

LIBMACH_API kern_return_t mach_port_destruct(ipc_space_t task, mach_port_name_t name,
					     mach_port_delta_t srdelta,
					     mach_port_context_t guard)
{
	struct mach_port_args a = {
		.task = task, .name = name, .delta = srdelta, .arg = guard,
	};

	return port_call(MACH_IOC_PORT_DESTRUCT, &a);
}

LIBMACH_API kern_return_t mach_port_guard(ipc_space_t task, mach_port_name_t name,
					  mach_port_context_t guard, boolean_t strict)
{
	struct mach_port_args a = {
		.task = task, .name = name, .arg = guard, .delta = strict ? 1 : 0,
	};

	return port_call(MACH_IOC_PORT_GUARD, &a);
}

LIBMACH_API kern_return_t mach_port_unguard(ipc_space_t task, mach_port_name_t name,
					    mach_port_context_t guard)
{
	struct mach_port_args a = { .task = task, .name = name, .arg = guard };

	return port_call(MACH_IOC_PORT_UNGUARD, &a);
}

LIBMACH_API kern_return_t mach_port_set_mscount(ipc_space_t task, mach_port_name_t name,
						mach_port_mscount_t mscount)
{
	struct mach_port_args a = { .task = task, .name = name, .value = mscount };

	return port_call(MACH_IOC_PORT_SET_MSCOUNT, &a);
}

/*
 * Name arrays come back the way MIG delivers out-of-line arrays: in
 * whole pages the caller releases with vm_deallocate(addr, count * 4),
 * NULL when empty.  We guess a capacity, and when the kernel says
 * KERN_INSUFFICIENT_BUFFER_SIZE (copying nothing) retry with room for
 * the count it reported plus some growth.
 */
#define NAME_ARRAY_MAX	(0x3fffffffu / sizeof(mach_port_name_t))

static void array_trim(vm_address_t *addr, natural_t cap, natural_t count)
{
	vm_size_t mask = libmach_page_size() - 1;
	vm_size_t have = (cap * sizeof(natural_t) + mask) & ~mask;
	vm_size_t keep = (count * sizeof(natural_t) + mask) & ~mask;

	if (keep < have)
		libmach_pages_free(*addr + keep, have - keep);
	if (count == 0)
		*addr = 0;
}

static kern_return_t name_arrays(unsigned long cmd, struct mach_port_args tmpl,
				 vm_address_t *names, vm_address_t *types,
				 natural_t *count)
{
	natural_t cap = (natural_t)(libmach_page_size() / sizeof(mach_port_name_t));
	vm_size_t bytes;

	for (;;) {
		struct mach_port_args a = tmpl;
		vm_address_t n = 0, t = 0;
		kern_return_t kr;

		bytes = cap * sizeof(natural_t);
		kr = libmach_pages_alloc(&n, bytes);
		if (kr == KERN_SUCCESS && types)
			kr = libmach_pages_alloc(&t, bytes);
		if (kr != KERN_SUCCESS) {
			libmach_pages_free(n, n ? bytes : 0);
			return kr;
		}
		a.value = cap;
		a.arg = n;
		a.arg2 = t;
		kr = port_call(cmd, &a);
		if (kr == KERN_SUCCESS && a.value <= cap) {
			array_trim(&n, cap, a.value);
			*names = n;
			if (types) {
				array_trim(&t, cap, a.value);
				*types = t;
			}
			*count = a.value;
			return KERN_SUCCESS;
		}
		libmach_pages_free(n, bytes);
		libmach_pages_free(t, t ? bytes : 0);
		if (kr == KERN_SUCCESS)
			return KERN_FAILURE;	/* kernel claims more than fits */
		if (kr != KERN_INSUFFICIENT_BUFFER_SIZE)
			return kr;
		/* Names may be added before the retry: leave headroom. */
		if (a.value > cap && a.value < NAME_ARRAY_MAX - a.value / 4 - 64)
			cap = a.value + a.value / 4 + 64;
		else if (cap < NAME_ARRAY_MAX / 2)
			cap *= 2;
		else
			return KERN_RESOURCE_SHORTAGE;
	}
}

LIBMACH_API kern_return_t mach_port_names(ipc_space_t task,
					  mach_port_name_array_t *names,
					  mach_msg_type_number_t *namesCnt,
					  mach_port_type_array_t *types,
					  mach_msg_type_number_t *typesCnt)
{
	struct mach_port_args tmpl = { .task = task };
	vm_address_t n, t;
	natural_t count;
	kern_return_t kr = name_arrays(MACH_IOC_PORT_NAMES, tmpl, &n, &t, &count);

	if (kr == KERN_SUCCESS) {
		*names = (mach_port_name_array_t)n;
		*types = (mach_port_type_array_t)t;
		*namesCnt = *typesCnt = count;
	}
	return kr;
}

LIBMACH_API kern_return_t mach_port_get_set_status(ipc_space_inspect_t task,
						   mach_port_name_t name,
						   mach_port_name_array_t *members,
						   mach_msg_type_number_t *membersCnt)
{
	struct mach_port_args tmpl = { .task = task, .name = name };
	vm_address_t m;
	natural_t count;
	kern_return_t kr = name_arrays(MACH_IOC_PORT_GET_SET_STATUS, tmpl, &m, NULL, &count);

	if (kr == KERN_SUCCESS) {
		*members = (mach_port_name_array_t)m;
		*membersCnt = count;
	}
	return kr;
}

/*
 * XNU's mach_port_peek: the message with sequence number *seqnop (0: the
 * first queued) stays queued; its seqno, kernel msgh_size, id and the
 * requested trailer (format 0, up to the audit trailer) come back.
 */
LIBMACH_API kern_return_t mach_port_peek(ipc_space_read_t task, mach_port_name_t name,
					 mach_msg_trailer_type_t trailer_type,
					 mach_port_seqno_t *seqnop,
					 mach_msg_size_t *msg_sizep,
					 mach_msg_id_t *msg_idp,
					 mach_msg_trailer_info_t trailer_infop,
					 mach_msg_type_number_t *trailer_sizep)
{
	struct mach_port_args a = {
		.task = task, .name = name, .right = trailer_type,
		.value = *seqnop, .arg = (uintptr_t)trailer_infop,
		.arg2 = *trailer_sizep,
	};
	kern_return_t kr = port_call(MACH_IOC_PORT_PEEK, &a);

	if (kr == KERN_SUCCESS) {
		*seqnop = a.value;
		*msg_sizep = a.poly;
		*msg_idp = (mach_msg_id_t)a.disposition;
		*trailer_sizep = (mach_msg_type_number_t)a.arg2;
	}
	return kr;
}

LIBMACH_API kern_return_t mach_port_guard_with_flags(ipc_space_t task,
						     mach_port_name_t name,
						     mach_port_context_t guard,
						     uint64_t flags)
{
	struct mach_port_args a = {
		.task = task, .name = name, .arg = guard, .arg2 = flags,
	};

	return port_call(MACH_IOC_PORT_GUARD_WITH_FLAGS, &a);
}

LIBMACH_API kern_return_t mach_port_swap_guard(ipc_space_t task, mach_port_name_t name,
					       mach_port_context_t old_guard,
					       mach_port_context_t new_guard)
{
	struct mach_port_args a = {
		.task = task, .name = name, .arg = old_guard, .arg2 = new_guard,
	};

	return port_call(MACH_IOC_PORT_SWAP_GUARD, &a);
}
