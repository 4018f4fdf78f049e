// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: task suspension, XNU's counters mapped onto Linux stop states.
 *
 * user_stop_count and legacy_stop_count are XNU's (place_task_hold /
 * release_task_hold); they are the canonical state.  The first hold queues
 * a task_work (TWA_SIGNAL) on every thread; each thread runs it on its way
 * back to user mode and sleeps in TASK_STOPPED on the task's park queue, so
 * ps shows T, SIGKILL still kills, and nothing but this module's count
 * decides when it runs again: every wakeup (resume, SIGCONT, a freezer
 * thaw) re-checks the count and sleeps again while it is held.
 *
 * Legacy task_suspend() holds are tracked by send rights to the task's
 * resume port in the suspenders' spaces; when the last one goes (deallocate,
 * exit) every legacy hold is released.  task_suspend2() hands out one
 * send-once right per hold; destroying it unused releases that hold.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/tracepoint.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include "compat.h"
#include "locking.h"
#include "netlink.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "suspend.h"
#include "task.h"
#include "thread.h"

enum { HOLD_NORMAL, HOLD_LEGACY, HOLD_LEGACY_ALL };

struct mk_park {
	struct callback_head cb;
	struct mk_task *task;		/* a reference */
	struct mk_thread *thr;		/* its thread, if it has a port */
};

/* pid number -> held task, read under RCU by the task_newtask probe */
static DEFINE_XARRAY(mk_held_tasks);

static bool task_held(struct mk_task *task)
{
	return READ_ONCE(task->user_stop_count) > 0 && !READ_ONCE(task->dead);
}

/* held by the task's count or by the thread's own (thread_suspend) */
static bool park_held(struct mk_park *park)
{
	return task_held(park->task) ||
		(park->thr && READ_ONCE(park->thr->user_stop_count) > 0 &&
		 !READ_ONCE(park->task->dead));
}

/*
 * Runs in the target thread on its return to user mode (or in do_exit).
 * Sleeps, holding no lock, until the task's hold count drops to zero.
 * TASK_STOPPED is a special state: it is set with set_special_state(), as
 * do_signal_stop() sets it, not with prepare_to_wait(), so that a wake-up
 * racing from an earlier sleep cannot overwrite it.  The wait entry stays
 * queued across wake-ups (no autoremove); a fatal signal that lands before
 * schedule() is seen there, TASK_STOPPED including TASK_WAKEKILL.
 */
static void mk_park_fn(struct callback_head *cb)
{
	struct mk_park *park = container_of(cb, struct mk_park, cb);
	struct mk_task *task = park->task;
	DECLARE_WAITQUEUE(wait, current);

	add_wait_queue(&task->park_wq, &wait);
	while (!(current->flags & PF_EXITING) && !fatal_signal_pending(current)) {
		set_special_state(TASK_STOPPED);
		if (!park_held(park))
			break;
		atomic_inc(&task->parked);
		wake_up_all(&task->stopped_wq);
		schedule();
		atomic_dec(&task->parked);
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&task->park_wq, &wait);
	mk_task_put(task);
	kfree(park);
	/*
	 * The module's text stays until the last queued park has run.  After
	 * this put only the return to task_work_run() is left of module code;
	 * it involves no voluntary sleep, so module exit's
	 * synchronize_rcu_tasks() (mk_suspend_exit) waits it out.
	 */
	module_put(THIS_MODULE);
}

/*
 * Queue one park on @t.  -ENOMEM: no memory for it; 0 otherwise (an
 * exiting thread needs none).
 */
static int park_thread(struct mk_task *task, struct task_struct *t)
{
	struct mk_park *park = kzalloc(sizeof(*park), GFP_KERNEL_ACCOUNT);

	lockdep_assert_held(&mk_lock);
	if (!park)
		return -ENOMEM;
	init_task_work(&park->cb, mk_park_fn);
	park->task = task;
	park->thr = mk_thread_find(task, t);
	kref_get(&task->ref);
	__module_get(THIS_MODULE);
	if (task_work_add(t, &park->cb, TWA_SIGNAL)) {
		/* the thread is exiting: nothing to park */
		module_put(THIS_MODULE);
		mk_task_put(task);
		kfree(park);
	}
	return 0;
}

/*
 * Queue a park on every live thread of the task; -ENOMEM if one could not
 * be queued (those queued leave again once the hold is released).  A
 * thread made after the list was taken is parked by mk_newtask_probe();
 * one made between the count and the list makes the list longer than the
 * count, and the count is taken again rather than a thread left out.
 * Context: mk_lock held.
 */
static int park_all(struct mk_task *task)
{
	struct task_struct *leader, *t, **threads;
	int n, max, i, ret = 0;
	bool more;

	lockdep_assert_held(&mk_lock);
	do {
		rcu_read_lock();
		leader = pid_task(task->pid, PIDTYPE_TGID);
		max = leader ? READ_ONCE(leader->signal->nr_threads) + 8 : 0;
		rcu_read_unlock();
		if (!max)
			return 0;
		threads = kcalloc(max, sizeof(*threads),
				  GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!threads)
			return -ENOMEM;
		n = 0;
		more = false;
		rcu_read_lock();
		leader = pid_task(task->pid, PIDTYPE_TGID);
		if (leader) {
			for_each_thread(leader, t) {
				if (n == max) {
					more = true;
					break;
				}
				get_task_struct(t);
				threads[n++] = t;
			}
		}
		rcu_read_unlock();
		for (i = 0; i < n; i++) {
			if (!more && !ret)
				ret = park_thread(task, threads[i]);
			put_task_struct(threads[i]);
		}
		kfree(threads);
	} while (more);
	return ret;
}

/* tasks with legacy holds, so that SIGCONT costs nothing otherwise */
static atomic_t mk_legacy_tasks = ATOMIC_INIT(0);

static void set_legacy(struct mk_task *task, int count)
{
	lockdep_assert_held(&mk_lock);
	if (!task->legacy_stop_count != !count)
		atomic_add(count ? 1 : -1, &mk_legacy_tasks);
	task->legacy_stop_count = count;
}

static void release_threads(struct mk_task *task)
{
	lockdep_assert_held(&mk_lock);
	xa_erase(&mk_held_tasks, pid_nr(task->pid));
	__wake_up(&task->park_wq, TASK_STOPPED, 0, NULL);
}

/*
 * XNU's place_task_hold.  A first hold that cannot park every thread (no
 * memory for the held-task entry or a park) is taken back at once, the
 * threads already parked let go, and the caller gets
 * KERN_RESOURCE_SHORTAGE: a hold that counts must stop the task, or its
 * suspender would wait for a stop that never comes.  Context: mk_lock
 * held.
 */
static kern_return_t place_hold(struct mk_task *task, int mode)
{
	lockdep_assert_held(&mk_lock);
	if (task->dead)
		return KERN_FAILURE;
	if (task->user_stop_count == 0) {
		task->user_stop_count = 1;
		if (xa_err(xa_store(&mk_held_tasks, pid_nr(task->pid), task,
				    GFP_KERNEL_ACCOUNT))) {
			task->user_stop_count = 0;
			return KERN_RESOURCE_SHORTAGE;
		}
		smp_mb();	/* see mk_newtask_probe() */
		if (park_all(task)) {
			task->user_stop_count = 0;
			release_threads(task);
			return KERN_RESOURCE_SHORTAGE;
		}
	} else {
		task->user_stop_count++;
	}
	if (mode == HOLD_LEGACY)
		set_legacy(task, task->legacy_stop_count + 1);
	mk_nl_event_hold(task, true);
	return KERN_SUCCESS;
}

/* XNU's release_task_hold.  Context: mk_lock held. */
static kern_return_t release_hold(struct mk_task *task, int mode)
{
	lockdep_assert_held(&mk_lock);
	if (task->dead)
		return KERN_FAILURE;
	if (task->user_stop_count <= 0)
		return KERN_FAILURE;
	if (mode == HOLD_LEGACY_ALL) {
		if (task->legacy_stop_count >= task->user_stop_count)
			task->user_stop_count = 0;
		else
			task->user_stop_count -= task->legacy_stop_count;
		set_legacy(task, 0);
	} else {
		if (mode == HOLD_LEGACY && task->legacy_stop_count > 0)
			set_legacy(task, task->legacy_stop_count - 1);
		task->user_stop_count--;
	}
	if (task->user_stop_count == 0)
		release_threads(task);
	mk_nl_event_hold(task, false);
	return KERN_SUCCESS;
}

/* The task's resume port, created on first use.  Context: mk_lock held. */
static struct mk_port *resume_port(struct mk_task *task)
{
	struct mk_port *port = task->resume;

	lockdep_assert_held(&mk_lock);
	if (port)
		return port;
	port = mk_port_alloc();
	if (!port)
		return NULL;
	port->kotype = MK_KOBJ_RESUME;
	port->kobject = task;
	task->resume = port;
	return port;
}

/*
 * Is any thread of the task (other than the caller) still able to run user
 * code?  Threads asleep in the kernel count as stopped: they park before
 * they return to user mode.
 */
static bool task_quiescent(struct mk_task *task)
{
	struct task_struct *leader, *t;
	bool quiet = true;

	rcu_read_lock();
	leader = pid_task(task->pid, PIDTYPE_TGID);
	if (leader) {
		for_each_thread(leader, t) {
			if (t == current || (t->flags & PF_EXITING))
				continue;
			if (READ_ONCE(t->__state) == TASK_RUNNING) {
				quiet = false;
				break;
			}
		}
	}
	rcu_read_unlock();
	return quiet;
}

/*
 * task_suspend returns only when no thread of the target runs user code.
 * Called without mk_lock; a fatal signal to the caller ends the wait.
 */
void mk_suspend_wait(struct mk_task *task)
{
	while (task_held(task) && !task_quiescent(task) &&
	       !fatal_signal_pending(current))
		wait_event_killable_timeout(task->stopped_wq,
					    task_quiescent(task) ||
					    !task_held(task),
					    msecs_to_jiffies(10));
}

/*
 * task_suspend: one legacy hold, and a send right to the resume port in
 * the caller's space that stands for it.  Context: mk_lock held.
 */
kern_return_t mk_task_suspend(struct mk_task *caller, struct mk_task *task)
{
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct mk_port *port;
	u32 name;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = place_hold(task, HOLD_LEGACY);
	if (kr)
		return kr;
	port = resume_port(task);
	if (!port) {
		/* nothing would stand for the hold: take it back */
		release_hold(task, HOLD_LEGACY);
		return KERN_RESOURCE_SHORTAGE;
	}
	mk_port_make_send_right(port, &r);
	kr = mk_right_copyout(caller->space, &r, &name);
	if (kr) {
		pr_warn_ratelimited("%s[%d]: no room for the task_suspend right\n",
				    current->comm, task_tgid_nr(current));
		mk_right_release(&r);
	}
	return kr;
}

/*
 * Is the process in a job-control stop (SIGSTOP and friends)?  With
 * @or_pending, a SIGSTOP not yet acted on counts too: sent while Mach
 * holds park every thread, it stays pending until one runs, and XNU
 * stops the task at once (task_info's count 2).  The pending set is read
 * without siglock: a report, not a decision.
 */
static bool job_stop(struct mk_task *task, bool or_pending)
{
	struct task_struct *tsk;
	bool stopped = false;

	rcu_read_lock();
	tsk = pid_task(task->pid, PIDTYPE_TGID);
	if (tsk)
		stopped = (READ_ONCE(tsk->signal->flags) & SIGNAL_STOP_STOPPED) ||
			(or_pending &&
			 (READ_ONCE(tsk->signal->shared_pending.signal.sig[0]) &
			  sigmask(SIGSTOP)));
	rcu_read_unlock();
	return stopped;
}

bool mk_task_job_stopped(struct mk_task *task)
{
	return job_stop(task, false);
}

/* The hold a job-control stop adds to task_info's suspend count. */
int mk_task_stop_holds(struct mk_task *task)
{
	return job_stop(task, true);
}

/*
 * task_resume: one legacy release, and one uref of that right.  A job-
 * control stop counts as the last hold (as SIGSTOP is a hold on XNU): with
 * no Mach hold left, task_resume continues a stopped process.
 */
kern_return_t mk_task_resume(struct mk_task *caller, struct mk_task *task)
{
	struct mk_entry *entry = NULL;
	u32 name;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!task->dead && task->user_stop_count == 0 &&
	    mk_task_job_stopped(task)) {
		kill_pid(task->pid, SIGCONT, 1);
		return KERN_SUCCESS;
	}
	kr = release_hold(task, HOLD_LEGACY);
	if (task->resume)
		entry = mk_entry_by_port(caller->space, task->resume, &name);
	if (entry && !kr)
		mk_right_dealloc(caller->space, name);
	else if (entry)
		mk_right_destroy(caller->space, name);
	else if (!kr)
		pr_info_ratelimited("%s[%d] performed out-of-band resume on pid %d\n",
				    current->comm, task_tgid_nr(current),
				    pid_nr(task->pid));
	return kr;
}

/* task_suspend2: one hold, represented by a send-once right (@tokenp). */
kern_return_t mk_task_suspend2(struct mk_task *task, struct mk_right *token)
{
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = place_hold(task, HOLD_NORMAL);
	if (kr)
		return kr;
	port = resume_port(task);
	if (!port) {
		release_hold(task, HOLD_NORMAL);
		return KERN_RESOURCE_SHORTAGE;
	}
	mk_port_make_sonce(port);
	mk_port_get(port);
	token->port = port;
	token->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	return KERN_SUCCESS;
}

/* task_resume2 (the token was the message's destination) */
kern_return_t mk_task_resume2(struct mk_task *task)
{
	lockdep_assert_held(&mk_lock);
	return release_hold(task, HOLD_NORMAL);
}

/* The last send right to a resume port went away: all legacy holds go. */
void mk_resume_no_senders(struct mk_port *port)
{
	struct mk_task *task = port->kobject;

	lockdep_assert_held(&mk_lock);
	if (task && task->legacy_stop_count)
		release_hold(task, HOLD_LEGACY_ALL);
}

/* A task_suspend2 token was destroyed unused: its hold goes. */
void mk_resume_token_dropped(struct mk_port *port)
{
	struct mk_task *task = port->kobject;

	lockdep_assert_held(&mk_lock);
	if (task)
		release_hold(task, HOLD_NORMAL);
}

/* The task died: parked threads are being killed anyway; let them go. */
void mk_suspend_task_dead(struct mk_task *task)
{
	lockdep_assert_held(&mk_lock);
	task->user_stop_count = 0;
	set_legacy(task, 0);
	release_threads(task);
	if (task->resume) {
		task->resume->kobject = NULL;
		mk_port_destroy(task->resume);
		mk_port_put(task->resume);
		task->resume = NULL;
	}
}

/*
 * SIGCONT releases every legacy task_suspend hold (XNU: SIGCONT is a task
 * resume), not task_suspend2 tokens.  The signal_generate tracepoint fires
 * under the target's siglock, so the release is deferred to a work item.
 */
struct mk_sigcont {
	struct work_struct work;
	struct pid *pid;
};

static struct tracepoint *mk_tp_signal_generate;

static void mk_sigcont_work(struct work_struct *work)
{
	struct mk_sigcont *sc = container_of(work, struct mk_sigcont, work);
	struct mk_task *task;

	mutex_lock(&mk_lock);
	task = mk_task_find(sc->pid);
	if (task && task->legacy_stop_count)
		release_hold(task, HOLD_LEGACY_ALL);
	mutex_unlock(&mk_lock);
	put_pid(sc->pid);
	kfree(sc);
}

static void mk_sigcont_probe(void *data, int sig, struct kernel_siginfo *info,
			     struct task_struct *t, int group, int result)
{
	struct mk_sigcont *sc;

	if (sig != SIGCONT || !atomic_read(&mk_legacy_tasks))
		return;
	sc = kmalloc(sizeof(*sc), GFP_ATOMIC);
	if (!sc)
		return;
	INIT_WORK(&sc->work, mk_sigcont_work);
	sc->pid = get_pid(task_tgid(t));
	mk_task_queue_work(&sc->work);
}

/*
 * A thread created while its task is held starts parked (XNU holds new
 * threads of a suspended task): the task_newtask tracepoint fires in the
 * parent before the child first runs.  Held tasks are found without
 * mk_lock through mk_held_tasks (RCU; tasks are freed with kfree_rcu).
 */
static struct tracepoint *mk_tp_newtask;

/*
 * A thread made while its task is held, whose park could not be allocated
 * in the probe (GFP_ATOMIC): park every thread of such a task again from
 * here (a second park on a parked thread returns at once when the hold
 * goes).  If even that fails the hold cannot be kept, and every hold on
 * the task is released rather than counting while threads run.
 */
static void mk_repark_fn(struct work_struct *work)
{
	struct mk_task *task;
	unsigned long idx;

	mutex_lock(&mk_lock);
	xa_for_each(&mk_held_tasks, idx, task) {
		if (!atomic_xchg(&task->repark, 0) || !task_held(task))
			continue;
		if (!park_all(task))
			continue;
		pr_info_ratelimited("pid %lu: no memory to hold a new thread; its holds are released\n",
				    idx);
		task->user_stop_count = 0;
		set_legacy(task, 0);
		release_threads(task);
		mk_nl_event_hold(task, false);
	}
	mutex_unlock(&mk_lock);
}

static DECLARE_WORK(mk_repark_work, mk_repark_fn);

static void mk_newtask_probe(void *data, struct task_struct *p,
			     MK_CLONE_FLAGS_T clone_flags)
{
	struct mk_task *task;
	struct mk_park *park;

	if (!(clone_flags & CLONE_THREAD))
		return;
	/*
	 * Pairs with the barrier in place_hold(): either this probe sees the
	 * held task, or park_all() sees the thread, already on the list.
	 */
	smp_mb();
	if (xa_empty(&mk_held_tasks))
		return;
	rcu_read_lock();
	task = xa_load(&mk_held_tasks, task_tgid_nr(p));
	if (task && (task->pid != task_tgid(p) ||
		     !kref_get_unless_zero(&task->ref)))
		task = NULL;
	rcu_read_unlock();
	if (!task)
		return;
	/* a probe may run while the module is going: no park then */
	park = kzalloc(sizeof(*park), GFP_ATOMIC | __GFP_NOWARN);
	if (!park || !try_module_get(THIS_MODULE)) {
		/* the new thread runs: park the task again, with sleeping allowed */
		if (!park) {
			atomic_set(&task->repark, 1);
			queue_work(mk_unbound_wq(), &mk_repark_work);
		}
		kfree(park);
		mk_task_put(task);
		return;
	}
	init_task_work(&park->cb, mk_park_fn);
	park->task = task;
	if (task_work_add(p, &park->cb, TWA_RESUME)) {
		module_put(THIS_MODULE);
		mk_task_put(task);
		kfree(park);
	}
}

void mk_suspend_init(void)
{
	mk_tp_newtask = mk_tracepoint_attach("task_newtask", mk_newtask_probe,
					     "threads made during a suspension run");
	mk_tp_signal_generate =
		mk_tracepoint_attach("signal_generate", mk_sigcont_probe,
				     "SIGCONT leaves Mach holds alone");
}

void mk_suspend_exit(void)
{
	if (mk_tp_newtask)
		tracepoint_probe_unregister(mk_tp_newtask, mk_newtask_probe,
					    NULL);
	if (mk_tp_signal_generate)
		tracepoint_probe_unregister(mk_tp_signal_generate,
					    mk_sigcont_probe, NULL);
	tracepoint_synchronize_unregister();
	cancel_work_sync(&mk_repark_work);
	/*
	 * Every park has dropped its module reference (or unload would have
	 * been refused), but the last of them may still be on its way out of
	 * mk_park_fn().  A task in module code has not passed a voluntary
	 * context switch or a return to user mode since: RCU Tasks waits for
	 * that, so no thread runs this module's text once exit returns.
	 */
	synchronize_rcu_tasks();
}

/* thread_suspend: hold one thread.  Context: mk_lock held. */
kern_return_t mk_thread_suspend(struct mk_thread *thr, struct task_struct *t)
{
	lockdep_assert_held(&mk_lock);
	if (thr->task->dead)
		return KERN_FAILURE;
	if (thr->user_stop_count++ == 0)
		park_thread(thr->task, t);
	return KERN_SUCCESS;
}

/* thread_resume: KERN_FAILURE at zero, as XNU.  Context: mk_lock held. */
kern_return_t mk_thread_resume(struct mk_thread *thr)
{
	lockdep_assert_held(&mk_lock);
	if (thr->user_stop_count <= 0)
		return KERN_FAILURE;
	if (--thr->user_stop_count == 0)
		__wake_up(&thr->task->park_wq, TASK_STOPPED, 0, NULL);
	return KERN_SUCCESS;
}

/*
 * thread_suspend returns once the thread no longer runs user code (XNU's
 * thread_wait).  Called without mk_lock; the caller holds a reference on
 * the thread's task, which keeps @thr alive.
 */
void mk_thread_suspend_wait(struct mk_thread *thr)
{
	struct task_struct *t = get_pid_task(thr->pid, PIDTYPE_PID);

	if (!t)
		return;
	while (t != current && READ_ONCE(thr->user_stop_count) > 0 &&
	       READ_ONCE(t->__state) == TASK_RUNNING &&
	       !(t->flags & PF_EXITING) && !fatal_signal_pending(current))
		wait_event_killable_timeout(thr->task->stopped_wq,
					    READ_ONCE(t->__state) != TASK_RUNNING,
					    msecs_to_jiffies(10));
	put_task_struct(t);
}
