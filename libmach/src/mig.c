// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: MIG client plumbing and the task routines.  Each routine is a
 * request message to the task port (a kernel object); the module serves it
 * and replies with id + 100 on the calling thread's reply port.  The
 * messages are built and checked by stubs tools/mig generates at build
 * time from libmach/defs/mach/task.defs (gen/libmach_taskUser.c, prefixed
 * libmach_mig_); the exported routines below call them.
 */
#include <pthread.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/task.h>
#include "calls.h"
#include "libmach.h"
#include "libmach_task.h"

static __thread mach_port_t mig_reply;

static void mig_forget_reply_port(void)
{
	/* a forked child starts with an empty space */
	mig_reply = MACH_PORT_NULL;
}

static void __attribute__((constructor)) mig_init(void)
{
	pthread_atfork(NULL, NULL, mig_forget_reply_port);
}

LIBMACH_API mach_port_t mig_get_reply_port(void)
{
	if (mig_reply == MACH_PORT_NULL)
		mig_reply = mach_reply_port();
	return mig_reply;
}

LIBMACH_API void mig_dealloc_reply_port(mach_port_t reply_port)
{
	mach_port_t port = mig_reply;

	mig_reply = MACH_PORT_NULL;
	if (port != MACH_PORT_NULL)
		mach_port_mod_refs(mach_task_self(), port,
				   MACH_PORT_RIGHT_RECEIVE, -1);
	(void)reply_port;
}

LIBMACH_API void mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

/*
 * Send @msg (a request of @size bytes to @dest with @dest_disp) and wait
 * for the reply in the same buffer, @rcv_size bytes.  Transport errors
 * come back as the routine's result, as from a MIG stub; a mismatched
 * reply is MIG_REPLY_MISMATCH.
 *
 * None of libmach's calls in this directory's vm.c, host.c, semaphore.c,
 * exception.c, task.c or thread.c use it any more (they call stubs
 * generated from libmach/defs); it stays only for hand-built clients
 * written alongside that change (memory_entry.c) until they move to the
 * generated libmach_mig_mach_vm_map / libmach_mig__mach_make_memory_entry
 * and a vm_map.defs, and then goes.
 */
kern_return_t libmach_mig_rpc(mach_msg_header_t *msg, mach_msg_size_t rcv_size,
			      mach_port_t dest, mach_msg_type_name_t dest_disp,
			      mach_msg_id_t id, mach_msg_size_t size)
{
	mach_port_t reply = mig_get_reply_port();
	mach_msg_return_t mr;

	msg->msgh_bits = MACH_MSGH_BITS(dest_disp,
					MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			 (msg->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	msg->msgh_size = size;
	msg->msgh_remote_port = dest;
	msg->msgh_local_port = reply;
	msg->msgh_voucher_port = MACH_PORT_NULL;
	msg->msgh_id = id;
	mr = mach_msg(msg, MACH_SEND_MSG | MACH_RCV_MSG, size, rcv_size, reply,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS) {
		if ((mr & ~MACH_MSG_MASK) >= MACH_RCV_IN_PROGRESS)
			mig_dealloc_reply_port(reply);
		return mr;
	}
	if (msg->msgh_id == MACH_NOTIFY_SEND_ONCE)
		return MIG_SERVER_DIED;
	if (msg->msgh_id != id + 100) {
		mach_msg_destroy(msg);
		return MIG_REPLY_MISMATCH;
	}
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t task_terminate(task_t target_task)
{
	return libmach_mig_task_terminate(target_task);
}

LIBMACH_API kern_return_t task_suspend(task_read_t target_task)
{
	return libmach_mig_task_suspend(target_task);
}

LIBMACH_API kern_return_t task_resume(task_read_t target_task)
{
	return libmach_mig_task_resume(target_task);
}

LIBMACH_API kern_return_t task_info(task_name_t target_task,
				    task_flavor_t flavor,
				    task_info_t task_info_out,
				    mach_msg_type_number_t *task_info_outCnt)
{
	return libmach_mig_task_info(target_task, flavor, task_info_out,
				     task_info_outCnt);
}

LIBMACH_API kern_return_t task_get_special_port(task_inspect_t task,
						int which_port,
						mach_port_t *special_port)
{
	return libmach_mig_task_get_special_port(task, which_port, special_port);
}

LIBMACH_API kern_return_t task_set_special_port(task_t task, int which_port,
						mach_port_t special_port)
{
	return libmach_mig_task_set_special_port(task, which_port, special_port);
}

LIBMACH_API kern_return_t task_suspend2(task_read_t target_task,
					task_suspension_token_t *suspend_token)
{
	*suspend_token = MACH_PORT_NULL;
	return libmach_mig_task_suspend2(target_task, suspend_token);
}

LIBMACH_API kern_return_t task_resume2(task_suspension_token_t suspend_token)
{
	/* the token is the destination and is consumed (move_send_once) */
	return libmach_mig_task_resume2(suspend_token);
}
