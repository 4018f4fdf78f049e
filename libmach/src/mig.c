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
