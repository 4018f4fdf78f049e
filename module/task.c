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
#include <linux/hashtable.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "ipc.h"

static DEFINE_HASHTABLE(mk_task_hash, 10);	/* under mk_lock */
static struct workqueue_struct *mk_wq;

static void mk_task_release(struct kref *ref)
{
	struct mk_task *task = container_of(ref, struct mk_task, ref);

	if (task->space)
		mk_space_put(task->space);
	put_pid(task->pid);
	kfree(task);
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

/*
 * Tear the task down: its space loses every right (with the notifications
 * that implies) and its task port dies, so holders see a dead name.
 * Context: mk_lock held.
 */
static void mk_task_terminate(struct mk_task *task)
{
	if (task->dead)
		return;
	task->dead = true;
	hash_del(&task->node);
	if (task->watching)
		remove_wait_queue(&task->pid->wait_pidfd, &task->exit_wait);
	mk_space_destroy(task->space);
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

static struct mk_task *mk_task_create(struct pid *pid)
{
	struct mk_right self = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct mk_task *task;
	u32 name;

	task = kzalloc(sizeof(*task), GFP_KERNEL);
	if (!task)
		return NULL;
	kref_init(&task->ref);
	task->pid = get_pid(pid);
	task->exec_id = current->self_exec_id;
	task->space = mk_space_create(task);
	task->self = mk_port_alloc();
	if (!task->space || !task->self)
		goto fail;
	task->self->kotype = MK_KOBJ_TASK;
	task->self->kobject = task;
	/* mach_task_self(): a send right in the task's own space */
	mk_port_make_send(task->self);
	mk_port_get(task->self);
	self.port = task->self;
	if (mk_right_copyout(task->space, &self, &name)) {
		mk_right_release(&self);
		goto fail;
	}
	INIT_WORK(&task->exit_work, mk_task_exit_work);
	init_waitqueue_func_entry(&task->exit_wait, mk_task_exit_wake);
	add_wait_queue(&pid->wait_pidfd, &task->exit_wait);
	task->watching = true;
	hash_add(mk_task_hash, &task->node, (unsigned long)pid);
	return task;
fail:
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
	return NULL;
}

/*
 * The calling process's task, created on first use and replaced after an
 * exec.  Context: mk_lock held.
 */
struct mk_task *mk_task_current(void)
{
	struct pid *pid = task_tgid(current);
	struct mk_task *task;

	hash_for_each_possible(mk_task_hash, task, node, (unsigned long)pid) {
		if (task->pid != pid)
			continue;
		if (task->exec_id == current->self_exec_id)
			return task;
		mk_task_terminate(task);
		break;
	}
	return mk_task_create(pid);
}

/* The caller's name for its own task port (re-made if it was dropped). */
int mk_task_self_name(struct mk_task *task, u32 *namep)
{
	struct mk_right self = { .type = MACH_MSG_TYPE_PORT_SEND };
	int kr;

	if (mk_entry_by_port(task->space, task->self, namep))
		return KERN_SUCCESS;
	mk_port_make_send(task->self);
	mk_port_get(task->self);
	self.port = task->self;
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
	struct mk_entry *entry = mk_entry_lookup(self, name);
	struct mk_task *task;

	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND) || !entry->port)
		return NULL;
	if (entry->port->kotype != MK_KOBJ_TASK || !entry->port->active)
		return NULL;
	task = entry->port->kobject;
	if (!task || task->dead || !task->space->active)
		return NULL;
	return task->space;
}

int mk_task_init(void)
{
	mk_wq = alloc_workqueue("mach", WQ_UNBOUND, 0);
	return mk_wq ? 0 : -ENOMEM;
}

/* Module unload: stop watching exits, then tear down every task left. */
void mk_task_exit(void)
{
	struct hlist_node *tmp;
	struct mk_task *task;
	int bkt;

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
	mutex_unlock(&mk_lock);
	destroy_workqueue(mk_wq);
}
