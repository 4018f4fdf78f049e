// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: Mach tasks.  A task is a Linux thread group, found by its
 * struct pid; it is created the first time the process uses /dev/mach.
 * The task port is a kernel-object port with no receiver; holding a send
 * right to it lets a caller act on the task's IPC space.
 *
 * Exit is noticed the way pidfd does: a wait entry on pid->wait_pidfd,
 * which the exiting process wakes.  The wake callback runs in atomic
 * context and only queues the teardown work.  Exec is noticed through
 * self_exec_id at the next entry into the module: the old space is torn
 * down and the new image gets a new task port.
 */
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include "compat.h"
#include "exception.h"
#include "locking.h"
#include "netlink.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "suspend.h"
#include "sync.h"
#include "task.h"
#include "thread.h"

static DEFINE_HASHTABLE(mk_task_hash, 10);	/* under mk_lock */
static atomic_t mk_ntasks = ATOMIC_INIT(0);	/* for the exec probe */
/* bootstrapd's port, for tasks that inherit none (under mk_lock) */
static struct mk_right mk_default_bootstrap;

static struct workqueue_struct *mk_wq;

static void mk_task_release(struct kref *ref)
{
	struct mk_task *task = container_of(ref, struct mk_task, ref);

	mk_threads_free(task);
	if (task->space)
		mk_space_put(task->space);
	put_pid(task->pid);
	if (task->token_cred)
		put_cred(task->token_cred);
	put_pid(task->token_sid);
	kfree_rcu(task, rcu);	/* the fork probe may be looking at it */
}

void mk_task_put(struct mk_task *task)
{
	kref_put(&task->ref, mk_task_release);
}

/* Has every thread of the group exited? */
static bool mk_task_exited(struct mk_task *task)
{
	struct task_struct *tsk;
	bool dead;

	rcu_read_lock();
	tsk = pid_task(task->pid, PIDTYPE_TGID);
	dead = !tsk || atomic_read(&tsk->signal->live) == 0;
	rcu_read_unlock();
	return dead;
}

/* A name, read or inspect port dies with its task.  mk_lock held. */
static void kill_flavor_port(struct mk_port **portp)
{
	struct mk_port *port = *portp;

	lockdep_assert_held(&mk_lock);
	if (!port)
		return;
	port->kobject = NULL;
	mk_port_destroy(port);
	mk_port_put(port);
	*portp = NULL;
}

/*
 * Tear the task down: its space loses every right (with the notifications
 * that implies) and its task port dies, so holders see a dead name.
 * Context: mk_lock held.
 */
static void mk_task_terminate(struct mk_task *task)
{
	int i;

	lockdep_assert_held(&mk_lock);
	if (task->dead)
		return;
	task->dead = true;
	mk_nl_event_task_died(task);
	hash_del(&task->node);
	if (task->watching)
		remove_wait_queue(&task->pid->wait_pidfd, &task->exit_wait);
	mk_suspend_task_dead(task);
	mk_threads_task_dead(task);
	mk_semaphore_task_dead(task);	/* semaphores die with their task */
	kill_flavor_port(&task->name);
	kill_flavor_port(&task->read);
	kill_flavor_port(&task->inspect);
	mk_space_destroy(task->space);
	for (i = 0; i <= MK_TASK_SPECIAL_MAX; i++)
		mk_right_release(&task->special[i]);
	mk_exc_free(&task->exc);
	mk_port_destroy(task->self);
	task->self->kobject = NULL;
	mk_port_put(task->self);
	task->self = NULL;
	mk_task_put(task);	/* the table's reference */
}

static void mk_task_exit_work(struct work_struct *work)
{
	struct mk_task *task = container_of(work, struct mk_task, exit_work);

	mutex_lock(&mk_lock);
	if (!task->dead && mk_task_exited(task))
		mk_task_terminate(task);
	mutex_unlock(&mk_lock);
	mk_task_put(task);	/* the work's reference */
}

static int mk_task_exit_wake(struct wait_queue_entry *wait, unsigned int mode,
			     int flags, void *key)
{
	struct mk_task *task = container_of(wait, struct mk_task, exit_wait);

	kref_get(&task->ref);
	if (!queue_work(mk_wq, &task->exit_work))
		kref_put(&task->ref, mk_task_release); /* not the last one */
	return 0;
}

/*
 * Special ports are inherited: from the previous image across exec, from
 * the parent process across fork (looked up when the child first uses
 * Mach; see Documentation/tasks.rst).  Context: mk_lock held.
 */
static void inherit_special_ports(struct mk_task *task, struct mk_task *from)
{
	int i;

	lockdep_assert_held(&mk_lock);
	for (i = 0; i <= MK_TASK_SPECIAL_MAX; i++) {
		struct mk_right *r = &from->special[i];

		if (!r->port || !r->port->active)
			continue;
		r->port->srights++;
		mk_port_get(r->port);
		task->special[i] = *r;
	}
}

struct mk_task *mk_task_find(struct pid *pid)
{
	struct mk_task *task;

	lockdep_assert_held(&mk_lock);
	hash_for_each_possible(mk_task_hash, task, node, (unsigned long)pid)
		if (task->pid == pid)
			return task;
	return NULL;
}

static struct mk_task *parent_task(struct task_struct *tsk)
{
	struct mk_task *parent = NULL;
	struct task_struct *p;

	lockdep_assert_held(&mk_lock);
	rcu_read_lock();
	p = rcu_dereference(tsk->real_parent);
	if (p)
		parent = mk_task_find(task_tgid(p));
	rcu_read_unlock();
	return parent;
}

/* A task's memory and lists; nothing made yet. */
static struct mk_task *task_alloc(struct pid *pid, u64 exec_id)
{
	struct task_struct *tsk;
	struct mk_task *task;

	task = kzalloc(sizeof(*task), GFP_KERNEL);
	if (!task)
		return NULL;
	kref_init(&task->ref);
	init_waitqueue_head(&task->park_wq);
	INIT_LIST_HEAD(&task->threads);
	INIT_LIST_HEAD(&task->semaphores);
	init_waitqueue_head(&task->stopped_wq);
	task->pid = get_pid(pid);
	task->exec_id = exec_id;
	rcu_read_lock();
	tsk = pid_task(pid, PIDTYPE_TGID);
	task->owner = tsk ? __task_cred(tsk)->euid : GLOBAL_ROOT_UID;
	rcu_read_unlock();
	return task;
}

/* Undo a task_alloc and whatever mk_task_create made after it. */
static void task_free_unhashed(struct mk_task *task)
{
	int i;

	lockdep_assert_held(&mk_lock);
	for (i = 0; i <= MK_TASK_SPECIAL_MAX; i++)
		mk_right_release(&task->special[i]);
	mk_exc_free(&task->exc);
	if (task->space) {
		mk_space_destroy(task->space);
		mk_space_put(task->space);
	}
	if (task->self) {
		mk_port_destroy(task->self);
		mk_port_put(task->self);
	}
	put_pid(task->pid);
	kfree(task);
}

static struct mk_task *mk_task_create(struct pid *pid, u64 exec_id,
				      struct mk_task *from)
{
	struct mk_right self;
	struct mk_task *task;
	u32 name;

	lockdep_assert_held(&mk_lock);
	task = task_alloc(pid, exec_id);
	if (!task)
		return NULL;
	task->space = mk_space_create(task);
	task->self = mk_port_alloc();
	if (!task->space || !task->self)
		goto fail;
	task->self->kotype = MK_KOBJ_TASK;
	task->self->kobject = task;
	if (from) {
		inherit_special_ports(task, from);
		mk_exc_inherit(task, from, from->pid == pid);
	}
	if (!task->special[TASK_BOOTSTRAP_PORT].port &&
	    mk_default_bootstrap.port && mk_default_bootstrap.port->active) {
		mk_default_bootstrap.port->srights++;
		mk_port_get(mk_default_bootstrap.port);
		task->special[TASK_BOOTSTRAP_PORT] = mk_default_bootstrap;
	}
	/* mach_task_self(): a send right in the task's own space */
	mk_port_make_send_right(task->self, &self);
	if (mk_right_copyout(task->space, &self, &name)) {
		mk_right_release(&self);
		goto fail;
	}
	INIT_WORK(&task->exit_work, mk_task_exit_work);
	init_waitqueue_func_entry(&task->exit_wait, mk_task_exit_wake);
	add_wait_queue(&pid->wait_pidfd, &task->exit_wait);
	task->watching = true;
	atomic_inc(&mk_ntasks);
	hash_add(mk_task_hash, &task->node, (unsigned long)pid);
	return task;
fail:
	task_free_unhashed(task);
	return NULL;
}

/*
 * The task of the thread group @tsk leads (or belongs to), created on first
 * use and replaced after an exec.  Context: mk_lock held.
 */
static struct mk_task *mk_task_of(struct task_struct *tsk)
{
	struct pid *pid = task_tgid(tsk);
	u64 exec_id = READ_ONCE(tsk->group_leader->self_exec_id);
	struct mk_task *task = mk_task_find(pid), *new;

	lockdep_assert_held(&mk_lock);
	if (!task)
		return mk_task_create(pid, exec_id, parent_task(tsk));
	if (task->exec_id == exec_id)
		return task;
	/* exec: a new task that keeps the special ports */
	new = mk_task_create(pid, exec_id, task);
	mk_task_terminate(task);
	return new;
}

/* The calling process's task.  Context: mk_lock held. */
struct mk_task *mk_task_current(void)
{
	struct mk_task *task = mk_task_of(current);

	lockdep_assert_held(&mk_lock);
	if (task)
		task->owner = current_euid();	/* follows setuid */
	return task;
}

/* The caller's name for its own task port (re-made if it was dropped). */
kern_return_t mk_task_self_name(struct mk_task *task, u32 *namep)
{
	struct mk_right self = { .type = MACH_MSG_TYPE_PORT_SEND };
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (mk_entry_by_port(task->space, task->self, namep))
		return KERN_SUCCESS;
	mk_port_make_send_right(task->self, &self);
	kr = mk_right_copyout(task->space, &self, namep);
	if (kr)
		mk_right_release(&self);
	return kr;
}

/*
 * The space a task port name in @self denotes, or NULL if the name is not
 * a send right to a live task port.  Context: mk_lock held.
 */
struct mk_space *mk_space_from_task_name(struct mk_space *self, u32 name)
{
	lockdep_assert_held(&mk_lock);
	return mk_space_from_task_port(self, name, MK_TASK_FLAVOR_CONTROL);
}

/*
 * The same for a port of @flavor or a stronger one: XNU's
 * convert_port_to_space_read_no_eval takes a read port too.
 */
struct mk_space *mk_space_from_task_port(struct mk_space *self, u32 name,
					 int flavor)
{
	struct mk_entry *entry = mk_entry_lookup(self, name);
	struct mk_task *task;

	lockdep_assert_held(&mk_lock);
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND) || !entry->port)
		return NULL;
	if (mk_task_port_flavor(entry->port) > flavor || !entry->port->active)
		return NULL;
	task = entry->port->kobject;
	if (!task || task->dead || !task->space->active)
		return NULL;
	return task->space;
}

static void find_tracepoint(struct tracepoint *tp, void *priv)
{
	struct { const char *name; struct tracepoint *tp; } *want = priv;

	if (!strcmp(tp->name, want->name))
		want->tp = tp;
}

static struct tracepoint *mk_find_tracepoint(const char *name)
{
	struct { const char *name; struct tracepoint *tp; } want = { name };

	for_each_kernel_tracepoint(find_tracepoint, &want);
	return want.tp;
}

/*
 * Attach @probe to the kernel's tracepoint @name.  Without it the module
 * still works, less promptly: the warning says what is lost (@without).
 */
struct tracepoint *mk_tracepoint_attach(const char *name, void *probe,
					const char *without)
{
	struct tracepoint *tp = mk_find_tracepoint(name);

	if (!tp || tracepoint_probe_register(tp, probe, NULL)) {
		pr_warn("no %s tracepoint: %s\n", name, without);
		return NULL;
	}
	return tp;
}

/*
 * Exec: the sched_process_exec tracepoint fires in the task that just
 * exec'd, in atomic context; the replacement (new task port, rights
 * dropped, special ports kept) runs from the workqueue.
 */
struct mk_exec {
	struct work_struct work;
	struct pid *pid;
};

static struct tracepoint *mk_tp_exec;

static void mk_exec_work(struct work_struct *work)
{
	struct mk_exec *ex = container_of(work, struct mk_exec, work);
	struct task_struct *tsk;

	mutex_lock(&mk_lock);
	tsk = mk_task_find(ex->pid) ? get_pid_task(ex->pid, PIDTYPE_TGID) :
				      NULL;
	if (tsk) {
		mk_task_of(tsk);
		put_task_struct(tsk);
	}
	mutex_unlock(&mk_lock);
	put_pid(ex->pid);
	kfree(ex);
}

static void mk_exec_probe(void *data, struct task_struct *p, pid_t old_pid,
			  struct linux_binprm *bprm)
{
	struct mk_exec *ex;

	if (!atomic_read(&mk_ntasks))
		return;
	ex = kmalloc(sizeof(*ex), GFP_ATOMIC);
	if (!ex)
		return;		/* noticed at the next entry instead */
	INIT_WORK(&ex->work, mk_exec_work);
	ex->pid = get_pid(task_tgid(p));
	queue_work(mk_wq, &ex->work);
}

/*
 * The last thread of a process is exiting and closing its files: tear its
 * task down now, before the parent can reap it, so that peers see the
 * rights die before waitpid() returns.  Processes that never opened
 * /dev/mach are torn down from the exit wake-up instead.
 */
void mk_task_exit_current(void)
{
	struct mk_task *task;

	if (!(current->flags & PF_EXITING) ||
	    atomic_read(&current->signal->live))
		return;
	mutex_lock(&mk_lock);
	task = mk_task_find(task_tgid(current));
	if (task)
		mk_task_terminate(task);
	mutex_unlock(&mk_lock);
}

void mk_task_queue_work(struct work_struct *work)
{
	queue_work(mk_wq, work);
}

int mk_task_init(void)
{
	mk_wq = alloc_workqueue("mach", WQ_UNBOUND, 0);
	if (!mk_wq)
		return -ENOMEM;
	mk_tp_exec = mk_tracepoint_attach("sched_process_exec", mk_exec_probe,
					  "exec noticed lazily");
	mk_thread_watch_start();
	return 0;
}

/* Module unload: stop watching exits, then tear down every task left. */
void mk_task_exit(void)
{
	struct hlist_node *tmp;
	struct mk_task *task;
	int bkt;

	if (mk_tp_exec) {
		tracepoint_probe_unregister(mk_tp_exec, mk_exec_probe, NULL);
		tracepoint_synchronize_unregister();
	}
	mk_thread_watch_stop();
	mutex_lock(&mk_lock);
	hash_for_each(mk_task_hash, bkt, task, node) {
		remove_wait_queue(&task->pid->wait_pidfd, &task->exit_wait);
		task->watching = false;
	}
	mutex_unlock(&mk_lock);
	flush_workqueue(mk_wq);
	mutex_lock(&mk_lock);
	hash_for_each_safe(mk_task_hash, bkt, tmp, task, node)
		mk_task_terminate(task);
	mk_right_release(&mk_default_bootstrap);
	mutex_unlock(&mk_lock);
	destroy_workqueue(mk_wq);
}

static unsigned int tfp_policy;
module_param(tfp_policy, uint, 0644);
MODULE_PARM_DESC(tfp_policy,
		 "task_for_pid: 0 ptrace-like (default), 1 own children only, 2 CAP_SYS_PTRACE only");

static bool tfp_same_creds(struct task_struct *tsk)
{
	const struct cred *me = current_cred(), *them;
	bool same;

	them = get_task_cred(tsk);
	same = uid_eq(me->uid, them->euid) && uid_eq(me->uid, them->suid) &&
	       uid_eq(me->uid, them->uid) && gid_eq(me->gid, them->egid) &&
	       gid_eq(me->gid, them->sgid) && gid_eq(me->gid, them->gid);
	put_cred(them);
	if (!same)
		return false;
	/* a set-id or otherwise undumpable image is off limits, as ptrace */
	return mk_task_dumpable_by_owner(tsk);
}

/*
 * task_for_pid's policy (Documentation/tasks.rst): CAP_SYS_PTRACE in the
 * target's user namespace, or (policy 0) the same real, effective and saved
 * ids and a dumpable target, or (policy 1) that and being its parent.
 */
static bool tfp_allowed(struct task_struct *tsk)
{
	const struct cred *them;
	bool cap, child;

	if (same_thread_group(tsk, current))
		return true;
	them = get_task_cred(tsk);
	cap = ns_capable(them->user_ns, CAP_SYS_PTRACE);
	put_cred(them);
	if (cap)
		return true;
	if (tfp_policy == 2)
		return false;
	if (tfp_policy == 1) {
		rcu_read_lock();
		child = same_thread_group(rcu_dereference(tsk->real_parent),
					  current);
		rcu_read_unlock();
		if (!child)
			return false;
	}
	return tfp_same_creds(tsk);
}

/*
 * task_name_for_pid's policy: the name port only reads (task_info's basic
 * flavors, pid_for_task), so the same uid or CAP_SYS_PTRACE suffices, as
 * XNU lets the same user or root have it.
 */
static bool tnfp_allowed(struct task_struct *tsk)
{
	const struct cred *them = get_task_cred(tsk);
	bool ok = uid_eq(current_euid(), them->euid) ||
		  uid_eq(current_uid(), them->uid) ||
		  ns_capable(them->user_ns, CAP_SYS_PTRACE);

	put_cred(them);
	return ok;
}

/*
 * Whether the caller may have @tsk's port of @flavor by task_for_pid
 * (control, read, inspect) or task_name_for_pid (name): the same checks,
 * for task_ident.c's tokens.
 */
bool mk_task_flavor_allowed(struct task_struct *tsk, int flavor)
{
	return flavor == MK_TASK_FLAVOR_NAME ? tnfp_allowed(tsk) :
					       tfp_allowed(tsk);
}

/* What kind of task port @port is (enum mk_task_flavor). */
int mk_task_port_flavor(struct mk_port *port)
{
	switch (port->kotype) {
	case MK_KOBJ_TASK:
		return MK_TASK_FLAVOR_CONTROL;
	case MK_KOBJ_TASK_READ:
		return MK_TASK_FLAVOR_READ;
	case MK_KOBJ_TASK_INSPECT:
		return MK_TASK_FLAVOR_INSPECT;
	case MK_KOBJ_TASK_NAME:
		return MK_TASK_FLAVOR_NAME;
	default:
		return MK_TASK_FLAVOR_NONE;
	}
}

/*
 * The task's port of @flavor: the control port, or its name, read or
 * inspect port, each one port made on first use and kept for the task's
 * life (XNU's itk_task_ports[]).  NULL for a dead task or no memory.
 * Context: mk_lock held.
 */
struct mk_port *mk_task_flavor_port(struct mk_task *task, int flavor)
{
	static const u8 kotype[] = {
		[MK_TASK_FLAVOR_READ] = MK_KOBJ_TASK_READ,
		[MK_TASK_FLAVOR_INSPECT] = MK_KOBJ_TASK_INSPECT,
		[MK_TASK_FLAVOR_NAME] = MK_KOBJ_TASK_NAME,
	};
	struct mk_port **slot;

	lockdep_assert_held(&mk_lock);
	if (task->dead)
		return NULL;
	switch (flavor) {
	case MK_TASK_FLAVOR_CONTROL:
		return task->self;
	case MK_TASK_FLAVOR_READ:
		slot = &task->read;
		break;
	case MK_TASK_FLAVOR_INSPECT:
		slot = &task->inspect;
		break;
	case MK_TASK_FLAVOR_NAME:
		slot = &task->name;
		break;
	default:
		return NULL;
	}
	if (!*slot) {
		*slot = mk_port_alloc();
		if (!*slot)
			return NULL;
		(*slot)->kotype = kotype[flavor];
		(*slot)->kobject = task;
	}
	return *slot;
}

/*
 * task_for_pid and its flavors (XNU's task_for_pid, task_read_for_pid,
 * task_inspect_for_pid, task_name_for_pid): a send right to the flavor's
 * port of process @nr, or KERN_FAILURE with MACH_PORT_NULL.  The read and
 * inspect ports pass task_for_pid's check, as XNU's task_for_pid_posix_check
 * serves all three; the name port only the same uid's.
 * Context: mk_lock held.
 */
kern_return_t mk_task_flavor_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
				     int flavor, u32 *namep)
{
	bool name_only = flavor == MK_TASK_FLAVOR_NAME;
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct task_struct *tsk = NULL;
	struct mk_task *task;
	struct mk_port *port;
	struct pid *pid;
	kern_return_t kr = KERN_FAILURE;

	lockdep_assert_held(&mk_lock);
	*namep = MACH_PORT_NULL;
	if (nr <= 0 || !mk_space_from_task_name(caller->space, target_tport))
		return KERN_FAILURE;
	pid = find_get_pid(nr);
	if (pid)
		tsk = get_pid_task(pid, PIDTYPE_TGID);
	put_pid(pid);
	if (!tsk)
		return KERN_FAILURE;
	if ((tsk->flags & PF_KTHREAD) || tsk->exit_state ||
	    (tsk->signal->flags & SIGNAL_GROUP_EXIT) ||
	    !(name_only ? tnfp_allowed(tsk) : tfp_allowed(tsk)))
		goto out;
	task = mk_task_of(tsk);
	port = task ? mk_task_flavor_port(task, flavor) : NULL;
	if (!port)
		goto out;
	mk_port_make_send_right(port, &r);
	kr = mk_right_copyout(caller->space, &r, namep);
	if (kr) {
		mk_right_release(&r);
		*namep = MACH_PORT_NULL;
		kr = KERN_FAILURE;
	}
out:
	put_task_struct(tsk);
	return kr;
}

kern_return_t mk_task_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
			      u32 *namep)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_flavor_for_pid(caller, target_tport, nr,
				      MK_TASK_FLAVOR_CONTROL, namep);
}

kern_return_t mk_task_name_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
				   u32 *namep)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_flavor_for_pid(caller, target_tport, nr,
				      MK_TASK_FLAVOR_NAME, namep);
}

/*
 * Whether the caller could get @task's port of @flavor from
 * task_for_pid or its flavors, as mk_task_flavor_for_pid decides
 * (processor_set.c filters processor_set_tasks with it).
 * Context: mk_lock held.
 */
bool mk_task_port_allowed(struct mk_task *task, int flavor)
{
	struct task_struct *tsk;
	bool ok;

	lockdep_assert_held(&mk_lock);
	if (task->dead)
		return false;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return false;
	ok = !(tsk->flags & PF_KTHREAD) && !tsk->exit_state &&
	     !(tsk->signal->flags & SIGNAL_GROUP_EXIT) &&
	     (flavor == MK_TASK_FLAVOR_NAME ? tnfp_allowed(tsk) :
	      tfp_allowed(tsk));
	put_task_struct(tsk);
	return ok;
}

/*
 * Call @fn on every live task until it returns non-zero, which is
 * returned.  Context: mk_lock held (no task comes or goes meanwhile).
 */
int mk_task_for_each(int (*fn)(struct mk_task *task, void *arg), void *arg)
{
	struct mk_task *task;
	int bkt, ret;

	lockdep_assert_held(&mk_lock);
	hash_for_each(mk_task_hash, bkt, task, node) {
		if (task->dead)
			continue;
		ret = fn(task, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Install @name (a send right in the caller's space, or MACH_PORT_NULL to
 * clear) as the bootstrap port new tasks get.  The caller's own task gets
 * it too.  Context: mk_lock held; the ioctl checked CAP_SYS_ADMIN.
 */
kern_return_t mk_task_set_default_bootstrap(struct mk_task *caller, u32 name)
{
	struct mk_right r = { 0 };
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (name != MACH_PORT_NULL) {
		kr = mk_right_copyin(caller->space, name,
				     MACH_MSG_TYPE_COPY_SEND, &r);
		if (kr)
			return kr;
		if (!r.port)
			return KERN_INVALID_RIGHT;
	}
	mk_right_release(&mk_default_bootstrap);
	mk_default_bootstrap = r;
	if (r.port && !caller->special[TASK_BOOTSTRAP_PORT].port) {
		r.port->srights++;
		mk_port_get(r.port);
		caller->special[TASK_BOOTSTRAP_PORT] = r;
	}
	return KERN_SUCCESS;
}

/* pid_for_task: the pid, as the caller's namespace sees it, or -1. */
kern_return_t mk_pid_for_task(struct mk_task *caller, u32 name, s32 *pidp)
{
	struct mk_entry *entry = mk_entry_lookup(caller->space, name);
	struct mk_task *task;

	lockdep_assert_held(&mk_lock);
	*pidp = -1;
	/* any flavor of task port will do: control, read, inspect or name */
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND) || !entry->port ||
	    !entry->port->active ||
	    mk_task_port_flavor(entry->port) == MK_TASK_FLAVOR_NONE)
		return KERN_FAILURE;
	task = entry->port->kobject;
	if (!task || task->dead)
		return KERN_FAILURE;
	*pidp = pid_vnr(task->pid);
	return *pidp > 0 ? KERN_SUCCESS : KERN_FAILURE;
}
