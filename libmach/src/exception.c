// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: exception ports.  The registration routines are MIG routines
 * on a task (3413-3415), thread (3613-3615) or host-priv (414-416) port,
 * sent by the client stubs tools/mig generates (libmach_task.defs,
 * libmach_thread_act.defs, libmach_host_priv.defs); exc_server() and
 * mach_exc_server() take the kernel's exception messages (2401-2403,
 * 2405-2407) apart and call the program's catch_* functions, as on macOS.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/host_priv.h>
#include <mach/exc.h>
#include <mach/mach_exc.h>
#include "libmach.h"
#include "calls.h"
#include "libmach_task.h"
#include "libmach_thread_act.h"
#include "libmach_host_priv.h"

/*
 * The stubs generated from task.defs, thread_act.defs and libmach's
 * host_priv subset are the routines themselves: prefix_... calls
 * libmach_mig_prefix_....
 */
#define EXC_ROUTINES(prefix, type)						\
LIBMACH_API kern_return_t prefix##_set_exception_ports(type t,			\
	exception_mask_t exception_mask, mach_port_t new_port,			\
	exception_behavior_t behavior, thread_state_flavor_t new_flavor)	\
{										\
	return libmach_mig_##prefix##_set_exception_ports(t, exception_mask,	\
			new_port, behavior, new_flavor);			\
}										\
LIBMACH_API kern_return_t prefix##_get_exception_ports(type t,			\
	exception_mask_t exception_mask, exception_mask_array_t masks,		\
	mach_msg_type_number_t *masksCnt,					\
	exception_handler_array_t old_handlers,					\
	exception_behavior_array_t old_behaviors,				\
	exception_flavor_array_t old_flavors)					\
{										\
	return libmach_mig_##prefix##_get_exception_ports(t, exception_mask,	\
			masks, masksCnt, old_handlers, old_behaviors,		\
			old_flavors);						\
}										\
LIBMACH_API kern_return_t prefix##_swap_exception_ports(type t,			\
	exception_mask_t exception_mask, mach_port_t new_port,			\
	exception_behavior_t behavior, thread_state_flavor_t new_flavor,	\
	exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,		\
	exception_handler_array_t old_handlers,					\
	exception_behavior_array_t old_behaviors,				\
	exception_flavor_array_t old_flavors)					\
{										\
	return libmach_mig_##prefix##_swap_exception_ports(t, exception_mask,	\
			new_port, behavior, new_flavor, masks, masksCnt,	\
			old_handlers, old_behaviors, old_flavors);		\
}

EXC_ROUTINES(task, task_t)
EXC_ROUTINES(thread, thread_act_t)

/*
 * {task,thread}_get_exception_ports_info (3460, 3630): the grouping of
 * *_get_exception_ports with, for each entry, identifiers of the handler
 * port and of the task that receives from it instead of send rights;
 * a read port is enough (Documentation/exceptions.rst).
 */
#define EXC_INFO_ROUTINE(prefix)						\
LIBMACH_API kern_return_t prefix##_get_exception_ports_info(mach_port_t port,	\
	exception_mask_t exception_mask, exception_mask_array_t masks,		\
	mach_msg_type_number_t *masksCnt,					\
	exception_handler_info_array_t old_handlers_info,			\
	exception_behavior_array_t old_behaviors,				\
	exception_flavor_array_t old_flavors)					\
{										\
	return libmach_mig_##prefix##_get_exception_ports_info(port,		\
			exception_mask, masks, masksCnt, old_handlers_info,	\
			old_behaviors, old_flavors);				\
}

EXC_INFO_ROUTINE(task)
EXC_INFO_ROUTINE(thread)
/* host_priv.defs; served once the module has a host port */
EXC_ROUTINES(host, host_priv_t)

/* ---- exc_server / mach_exc_server ---- */

/*
 * The catch_* functions are the program's (ServerPrefix catch_); a
 * missing one answers MIG_BAD_ID, as a server without that routine.
 */
#define WEAK __attribute__((weak))
WEAK kern_return_t catch_exception_raise(mach_port_t, mach_port_t, mach_port_t,
					 exception_type_t, exception_data_t,
					 mach_msg_type_number_t);
WEAK kern_return_t catch_exception_raise_state(mach_port_t, exception_type_t,
					       const exception_data_t,
					       mach_msg_type_number_t, int *,
					       const thread_state_t,
					       mach_msg_type_number_t,
					       thread_state_t,
					       mach_msg_type_number_t *);
WEAK kern_return_t catch_exception_raise_state_identity(mach_port_t, mach_port_t,
							mach_port_t, exception_type_t,
							exception_data_t,
							mach_msg_type_number_t, int *,
							thread_state_t,
							mach_msg_type_number_t,
							thread_state_t,
							mach_msg_type_number_t *);
WEAK kern_return_t catch_mach_exception_raise(mach_port_t, mach_port_t,
					      mach_port_t, exception_type_t,
					      mach_exception_data_t,
					      mach_msg_type_number_t);
WEAK kern_return_t catch_mach_exception_raise_state(mach_port_t, exception_type_t,
						    const mach_exception_data_t,
						    mach_msg_type_number_t, int *,
						    const thread_state_t,
						    mach_msg_type_number_t,
						    thread_state_t,
						    mach_msg_type_number_t *);
WEAK kern_return_t catch_mach_exception_raise_state_identity(mach_port_t,
							     mach_port_t,
							     mach_port_t,
							     exception_type_t,
							     mach_exception_data_t,
							     mach_msg_type_number_t,
							     int *, thread_state_t,
							     mach_msg_type_number_t,
							     thread_state_t,
							     mach_msg_type_number_t *);

/*
 * One request, either width: @wide is 8 for mach_exc (64-bit codes), 4
 * for exc.  The variable parts are read at their real offsets (a short
 * code array moves what follows, as MIG packs it).
 */
static boolean_t exc_serve(mach_msg_header_t *in, mach_msg_header_t *out,
			   mach_msg_id_t base, size_t wide)
{
	mig_reply_error_t *err = (mig_reply_error_t *)out;
	__Reply__exception_raise_state_t *srp =
		(__Reply__exception_raise_state_t *)out;
	mach_msg_id_t r = in->msgh_id - base;
	bool identity = r == 0 || r == 2, state = r == 1 || r == 2;
	const char *p = (const char *)(in + 1), *end;
	mach_port_t thread = MACH_PORT_NULL, task = MACH_PORT_NULL;
	int64_t code64[2] = { 0, 0 };
	exception_data_type_t code32[2] = { 0, 0 };
	exception_type_t exc;
	mach_msg_type_number_t ncode, nstate = 0, nnew = THREAD_STATE_MAX;
	int flavor = 0;
	uint32_t words[THREAD_STATE_MAX];
	kern_return_t kr;

	out->msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits), 0);
	out->msgh_remote_port = in->msgh_remote_port;
	out->msgh_local_port = MACH_PORT_NULL;
	out->msgh_voucher_port = MACH_PORT_NULL;
	out->msgh_id = in->msgh_id + 100;
	out->msgh_size = sizeof(*err);
	err->NDR = NDR_record;
	if (r < 0 || r > 2) {
		err->RetCode = MIG_BAD_ID;
		return FALSE;
	}
	end = (const char *)in + in->msgh_size;
	err->RetCode = MIG_BAD_ARGUMENTS;
	if (identity) {
		const mach_msg_port_descriptor_t *d =
			(const void *)(p + sizeof(mach_msg_body_t));

		if (!(in->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
		    in->msgh_size < sizeof(*in) + 4 + 2 * sizeof(*d) ||
		    ((const mach_msg_body_t *)p)->msgh_descriptor_count != 2)
			return TRUE;
		thread = d[0].name;
		task = d[1].name;
		p += sizeof(mach_msg_body_t) + 2 * sizeof(*d);
	}
	if (p + 16 > end)
		return TRUE;
	memcpy(&exc, p + 8, 4);
	memcpy(&ncode, p + 12, 4);
	p += 16;
	if (ncode > 2 || p + ncode * wide > end)
		return TRUE;
	for (mach_msg_type_number_t i = 0; i < ncode; i++) {
		if (wide == 8)
			memcpy(&code64[i], p + 8 * i, 8);
		else
			memcpy(&code32[i], p + 4 * i, 4);
	}
	p += ncode * wide;
	if (state) {
		if (p + 8 > end)
			return TRUE;
		memcpy(&flavor, p, 4);
		memcpy(&nstate, p + 4, 4);
		p += 8;
		if (nstate > THREAD_STATE_MAX || p + 4 * nstate != end)
			return TRUE;
		memcpy(words, p, 4 * nstate);
	} else if (p != end) {
		return TRUE;
	}

	kr = MIG_BAD_ID;
	srp->new_stateCnt = THREAD_STATE_MAX;
	if (wide == 8 && r == 0 && catch_mach_exception_raise)
		kr = catch_mach_exception_raise(in->msgh_local_port, thread, task,
						exc, code64, ncode);
	else if (wide == 4 && r == 0 && catch_exception_raise)
		kr = catch_exception_raise(in->msgh_local_port, thread, task,
					   exc, code32, ncode);
	else if (wide == 8 && r == 1 && catch_mach_exception_raise_state)
		kr = catch_mach_exception_raise_state(in->msgh_local_port, exc,
						      code64, ncode, &flavor,
						      words, nstate,
						      srp->new_state, &nnew);
	else if (wide == 4 && r == 1 && catch_exception_raise_state)
		kr = catch_exception_raise_state(in->msgh_local_port, exc,
						 code32, ncode, &flavor, words,
						 nstate, srp->new_state, &nnew);
	else if (wide == 8 && r == 2 && catch_mach_exception_raise_state_identity)
		kr = catch_mach_exception_raise_state_identity(
			in->msgh_local_port, thread, task, exc, code64, ncode,
			&flavor, words, nstate, srp->new_state, &nnew);
	else if (wide == 4 && r == 2 && catch_exception_raise_state_identity)
		kr = catch_exception_raise_state_identity(
			in->msgh_local_port, thread, task, exc, code32, ncode,
			&flavor, words, nstate, srp->new_state, &nnew);
	err->RetCode = kr;
	if (kr == KERN_SUCCESS && state) {
		if (nnew > THREAD_STATE_MAX)
			nnew = THREAD_STATE_MAX;
		srp->flavor = flavor;
		srp->new_stateCnt = nnew;
		out->msgh_size = offsetof(__Reply__exception_raise_state_t,
					  new_state) + 4 * nnew;
	}
	return TRUE;
}

LIBMACH_API boolean_t exc_server(mach_msg_header_t *InHeadP,
				 mach_msg_header_t *OutHeadP)
{
	return exc_serve(InHeadP, OutHeadP, 2401, 4);
}

LIBMACH_API boolean_t mach_exc_server(mach_msg_header_t *InHeadP,
				      mach_msg_header_t *OutHeadP)
{
	return exc_serve(InHeadP, OutHeadP, 2405, 8);
}
