// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: task identity tokens (XNU's task_id_token_t,
 * osfmk/kern/task_ident.c).
 *
 * task_create_identity_token, on a task's control port, makes a token: a
 * kernel-object port (MK_KOBJ_TASK_ID_TOKEN) naming that task for as long
 * as a send right to it exists.  task_identity_token_get_task_port, sent
 * to the token, gives back a send right to the task's port of a flavor
 * (control, read, inspect, name), to whoever holds the token, if and only
 * if that caller could have the same port by task_for_pid (its
 * tfp_policy) or task_name_for_pid: a token is a way to name a task, never
 * a way around the task_for_pid checks.
 *
 * What the token holds is a reference on the module's task object (struct
 * mk_task).  That object pins only a struct pid, not the Linux process,
 * and a task object is never reused: the process's exit marks it dead and
 * its exec replaces it by a new one (task.c), as XNU's proc_find_ident no
 * longer finds a process once its unique id or its idversion (bumped at
 * every exec) differ.  So a token outlives its task and then answers
 * KERN_INVALID_ARGUMENT, and cannot come to name a newer process that
 * reused the pid.  The token dies with its last send right (no-senders,
 * XNU's task_id_token_notify).  Documentation/tasks.rst, "Identity
 * tokens".
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/stddef.h>
#include "kern_return.h"
#include "kmsg.h"
#include "kobject.h"
#include "limits.h"
#include "locking.h"
#include "mach_types.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "task.h"
#include "task_ident.h"

/* task_identity_token_get_task_port's request: the flavor after the NDR */
struct ident_get_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
} __packed;

/*
 * XNU's task_create_identity_token: a new token for @task, whose control
 * port the request came to (kobject.c's table turns a weaker port, or a
 * dead task, into KERN_INVALID_ARGUMENT first).  Context: mk_lock held.
 */
kern_return_t mk_task_ident_create(struct mk_task *task, struct mk_kmsg *req,
				   struct mk_kmsg **replyp)
{
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(struct mk_msg_header) || req->ndesc)
		return MIG_BAD_ARGUMENTS;
	if (task->dead)			/* no bsd_info any more */
		return KERN_INVALID_ARGUMENT;
	kr = mk_limit_port_check();	/* a token is a port of the caller's */
	if (kr)
		return kr;
	port = mk_port_alloc();
	if (!port)
		return KERN_RESOURCE_SHORTAGE;
	port->kotype = MK_KOBJ_TASK_ID_TOKEN;
	kref_get(&task->ref);		/* the token's, until no-senders */
	port->kobject = task;
	kr = mk_mig_send_right_reply(req, port, replyp);
	if (kr)				/* never had a send right */
		mk_task_ident_no_senders(port);
	return kr;
}

/*
 * XNU's task_identity_token_get_task_port for @caller: @flavor's port of
 * the token's task.  An unknown flavor is KERN_INVALID_ARGUMENT before
 * anything else; a task that exited or exec'd (proc_find_ident finds no
 * process) KERN_INVALID_ARGUMENT; the caller's own task any flavor
 * (XNU hands itself its pinned control port); another task's port only
 * when task_for_pid (control, read, inspect) or task_name_for_pid (name)
 * would give it to the caller, else KERN_DENIED, XNU's answer when the
 * MAC policy refuses (mac_task_check_task_id_token_get_task).
 * Context: mk_lock held.
 */
static kern_return_t ident_get_task_port(struct mk_task *caller,
					 struct mk_task *task, s32 flavor,
					 struct mk_kmsg *req,
					 struct mk_kmsg **replyp)
{
	struct task_struct *tsk;
	struct mk_port *port;
	kern_return_t kr = KERN_SUCCESS;

	lockdep_assert_held(&mk_lock);
	/* task_flavor_t on the wire: XNU's numbers, enum mk_task_flavor's */
	if (flavor < MK_TASK_FLAVOR_CONTROL || flavor > MK_TASK_FLAVOR_NAME)
		return KERN_INVALID_ARGUMENT;
	if (!task || task->dead)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	/*
	 * exiting (every thread, or the group: a leader gone alone leaves
	 * the process), or exec'd and not yet replaced: not this identity
	 */
	if (!atomic_read(&tsk->signal->live) ||
	    (tsk->signal->flags & SIGNAL_GROUP_EXIT) ||
	    READ_ONCE(tsk->group_leader->self_exec_id) != task->exec_id)
		kr = KERN_INVALID_ARGUMENT;
	else if (task != caller && !mk_task_flavor_allowed(tsk, flavor))
		kr = KERN_DENIED;
	put_task_struct(tsk);
	if (kr)
		return kr;
	port = mk_task_flavor_port(task, flavor);
	if (!port)			/* the flavor port: no memory */
		return KERN_RESOURCE_SHORTAGE;
	return mk_mig_send_right_reply(req, port, replyp);
}

/*
 * A message sent to a token port: task_identity_token_get_task_port is
 * the one routine it takes; any other id is MIG_BAD_ID here, which
 * kobject.c turns into KERN_INVALID_ARGUMENT for a routine some other
 * kind of port serves (the token converts to a null object there).
 * Context: mk_lock held.
 */
kern_return_t mk_task_ident_serve(struct mk_task *caller, struct mk_port *port,
				  struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct ident_get_request *rq = (void *)req->data;

	lockdep_assert_held(&mk_lock);
	if (mk_kmsg_hdr(req)->id != TASK_IDENTITY_TOKEN_GET_TASK_PORT)
		return MIG_BAD_ID;
	if (req->size != sizeof(*rq) || req->ndesc)
		return MIG_BAD_ARGUMENTS;
	return ident_get_task_port(caller, port->kobject, rq->flavor, req,
				   replyp);
}

/*
 * The token's last send right went (XNU's task_id_token_notify): the port
 * dies and the task object's reference goes.  Context: mk_lock held.
 */
void mk_task_ident_no_senders(struct mk_port *port)
{
	struct mk_task *task = port->kobject;

	lockdep_assert_held(&mk_lock);
	port->kobject = NULL;
	mk_port_destroy(port);
	mk_port_put(port);		/* the allocation reference */
	if (task)
		mk_task_put(task);
}
