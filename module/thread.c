// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: Mach threads.  A thread is a Linux thread of a task's thread
 * group; its thread port (a kernel object, like the task port) is made the
 * first time anyone names it (mach_thread_self, task_threads) and dies
 * when the thread exits: the sched_process_exit tracepoint sees it go and
 * a work item kills the port (without the tracepoint, the next message to
 * the port finds the thread gone), or with the task.
 *
 * thread_suspend holds one thread: it parks on its way to user mode the way
 * task_suspend parks every thread (suspend.c), and stays parked while
 * either its own count or the task's is held.
 */
#include <linux/pid.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <linux/xarray.h>
#include <asm/ptrace.h>
#include "compat.h"
#include "exception.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mig_ids.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "suspend.h"
#include "task.h"
#include "thread.h"

#define THREAD_BASIC_INFO_COUNT	10
#define THREAD_IDENTIFIER_INFO_COUNT 6

/*
 * Thread id (global pid number) -> thread object, for every live thread
 * port.  Written under mk_lock; the exit probe only tests for an entry.
 */
static DEFINE_XARRAY(mk_thread_tids);

static void thread_forget(struct mk_thread *thr)
{
	/* a reused thread id may belong to a newer thread object by now */
	xa_cmpxchg(&mk_thread_tids, pid_nr(thr->pid), thr, NULL, GFP_KERNEL);
}

/* The task's thread object for @t, made on first use.  mk_lock held. */
struct mk_thread *mk_thread_of(struct mk_task *task, struct task_struct *t)
{
	struct pid *pid = task_pid(t);
	struct mk_thread *thr;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry(thr, &task->threads, node)
		if (thr->pid == pid && !thr->dead)
			return thr;
	if (task->dead)		/* its threads were killed with it */
		return NULL;
	thr = kzalloc(sizeof(*thr), GFP_KERNEL);
	if (!thr)
		return NULL;
	thr->port = mk_port_alloc();
	if (!thr->port) {
		kfree(thr);
		return NULL;
	}
	thr->pid = get_pid(pid);
	thr->task = task;
	thr->port->kotype = MK_KOBJ_THREAD;
	thr->port->kobject = thr;
	list_add_tail(&thr->node, &task->threads);
	/* without the entry the port dies lazily: no reason to fail */
	xa_store(&mk_thread_tids, pid_nr(pid), thr, GFP_KERNEL);
	return thr;
}

/* The thread object of @t, if one exists.  mk_lock held. */
struct mk_thread *mk_thread_find(struct mk_task *task, struct task_struct *t)
{
	struct mk_thread *thr;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry(thr, &task->threads, node)
		if (thr->pid == task_pid(t) && !thr->dead)
			return thr;
	return NULL;
}

/* The thread exited (or its task died): its port dies.  mk_lock held. */
static void thread_kill(struct mk_thread *thr)
{
	lockdep_assert_held(&mk_lock);
	if (thr->dead)
		return;
	thr->dead = true;
	thread_forget(thr);
	mk_exc_free(&thr->exc);
	mk_thread_debug_free(thr);
	thr->user_stop_count = 0;
	mk_thread_flavor_ports_kill(thr);
	thr->port->kobject = NULL;
	mk_port_destroy(thr->port);
	mk_port_put(thr->port);
	thr->port = NULL;
}

void mk_threads_task_dead(struct mk_task *task)
{
	struct mk_thread *thr;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry(thr, &task->threads, node)
		thread_kill(thr);
}

/* Freed with the task, after every park that may look at them. */
void mk_threads_free(struct mk_task *task)
{
	struct mk_thread *thr, *tmp;

	list_for_each_entry_safe(thr, tmp, &task->threads, node) {
		thread_forget(thr);	/* killed threads are gone already */
		mk_thread_debug_free(thr);
		put_pid(thr->pid);
		kfree(thr);
	}
}

/* Is the thread leaving (PF_EXITING) or gone? */
static bool thread_exited(struct mk_thread *thr)
{
	struct task_struct *t = get_pid_task(thr->pid, PIDTYPE_PID);
	bool gone = !t || (t->flags & PF_EXITING);

	if (t)
		put_task_struct(t);
	return gone;
}

/* Kill the ports of threads that have exited.  Process context. */
static void thread_reap(struct work_struct *work)
{
	struct mk_thread *thr;
	unsigned long tid;

	mutex_lock(&mk_lock);
	xa_for_each(&mk_thread_tids, tid, thr)
		if (thread_exited(thr))
			thread_kill(thr);
	mutex_unlock(&mk_lock);
}

static DECLARE_WORK(mk_thread_reaper, thread_reap);
static struct tracepoint *mk_tp_exit;

/* Every exiting thread passes here (atomic context): look, never touch. */
static void mk_thread_exit_probe(MK_TP_SCHED_EXIT_PARAMS)
{
	if (!xa_empty(&mk_thread_tids) &&
	    xa_load(&mk_thread_tids, task_pid_nr(p)))
		mk_task_queue_work(&mk_thread_reaper);
}

void mk_thread_watch_start(void)
{
	mk_tp_exit = mk_tracepoint_attach("sched_process_exit",
					  mk_thread_exit_probe,
					  "thread ports die lazily");
}

/* Before the tasks are torn down: no probe, no reaper left running. */
void mk_thread_watch_stop(void)
{
	if (mk_tp_exit) {
		tracepoint_probe_unregister(mk_tp_exit, mk_thread_exit_probe,
					    NULL);
		tracepoint_synchronize_unregister();
	}
	cancel_work_sync(&mk_thread_reaper);
}

/* mach_thread_self(): a send right to the calling thread's port. */
kern_return_t mk_thread_self_name(struct mk_task *task, u32 *namep)
{
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct mk_thread *thr = mk_thread_of(task, current);
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!thr)
		return KERN_RESOURCE_SHORTAGE;
	mk_port_make_send_right(thr->port, &r);
	kr = mk_right_copyout(task->space, &r, namep);
	if (kr)
		mk_right_release(&r);
	return kr;
}

/* ---- the thread MIG routines ---- */

struct thread_info_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
} __packed;

struct thread_info_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	s32 data[];
} __packed;

struct thread_set_state_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
	u32 state[];
} __packed;

struct task_threads_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_ool_desc list;
	u8 ndr[8];
	u32 count;
} __packed;

/* A reply carrying @count words of data (thread_info, get_state). */
static kern_return_t data_reply(struct mk_kmsg *req, struct mk_kmsg **replyp,
				const void *data, u32 count)
{
	struct thread_info_reply *rp;

	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + count * 4, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = count;
	memcpy(rp->data, data, count * 4);
	return KERN_SUCCESS;
}

static void time_value(s32 *v, u64 ns)
{
	v[0] = div_u64(ns, NSEC_PER_SEC);
	v[1] = div_u64(ns, NSEC_PER_USEC) % USEC_PER_SEC;
}

/*
 * THREAD_EXTENDED_INFO (5), <mach/thread_info.h>'s thread_extended_info,
 * as XNU's thread_info_internal fills it: times in nanoseconds (the
 * thread's exact runtime split as getrusage does), the run state as
 * THREAD_BASIC_INFO's, the name (comm), the default priorities (31, max
 * 63: Linux's nice has no Mach priority band); cpu usage, sleep time and
 * flags 0.  A count below 28 words is KERN_INVALID_ARGUMENT.
 */
#define THREAD_EXTENDED_INFO_COUNT	28

struct thread_extended_info_k {
	u64 user_time, system_time;
	s32 cpu_usage, policy, run_state, flags, sleep_time;
	s32 curpri, priority, maxpriority;
	char name[64];
} __packed;

static kern_return_t thread_extended_info(struct task_struct *t, u32 count,
					  struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct thread_extended_info_k x = { 0 };
	unsigned int state = READ_ONCE(t->__state);
	char comm[TASK_COMM_LEN];
	u64 ut, st;

	BUILD_BUG_ON(sizeof(x) != THREAD_EXTENDED_INFO_COUNT * 4);
	if (count < THREAD_EXTENDED_INFO_COUNT)
		return KERN_INVALID_ARGUMENT;
	task_cputime_adjusted(t, &ut, &st);
	x.user_time = ut;
	x.system_time = st;
	x.policy = 1;			/* POLICY_TIMESHARE */
	x.run_state = state == TASK_RUNNING ? TH_STATE_RUNNING :
		(state & TASK_UNINTERRUPTIBLE) && !(state & TASK_WAKEKILL) ?
		TH_STATE_UNINTERRUPTIBLE : TH_STATE_WAITING;
	x.curpri = 31;			/* BASEPRI_DEFAULT */
	x.priority = 31;
	x.maxpriority = 63;		/* MAXPRI_USER */
	get_task_comm(comm, t);
	strscpy(x.name, comm, sizeof(x.name));
	return data_reply(req, replyp, &x, THREAD_EXTENDED_INFO_COUNT);
}

static kern_return_t thread_info(struct mk_thread *thr, struct task_struct *t,
				 struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct thread_info_request *rq = (void *)req->data;
	u32 count = min_t(u32, rq->count, THREAD_INFO_MAX);
	unsigned int state = READ_ONCE(t->__state);
	s32 v[THREAD_BASIC_INFO_COUNT] = { 0 };
	u64 tid;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	switch (rq->flavor) {
	case THREAD_BASIC_INFO:
		if (count < THREAD_BASIC_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		time_value(&v[0], t->utime);
		time_value(&v[2], t->stime);
		v[5] = 1;			/* POLICY_TIMESHARE */
		v[6] = state == TASK_RUNNING ? TH_STATE_RUNNING :
		       (state & TASK_UNINTERRUPTIBLE) &&
		       !(state & TASK_WAKEKILL) ? TH_STATE_UNINTERRUPTIBLE :
		       TH_STATE_WAITING;
		v[8] = thr->user_stop_count;	/* thread_suspend's count */
		return data_reply(req, replyp, v, THREAD_BASIC_INFO_COUNT);
	case THREAD_IDENTIFIER_INFO:
		if (count < THREAD_IDENTIFIER_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		tid = pid_nr(thr->pid);
		memcpy(&v[0], &tid, sizeof(tid));	/* handle, queue: 0 */
		return data_reply(req, replyp, v, THREAD_IDENTIFIER_INFO_COUNT);
	case THREAD_EXTENDED_INFO:	/* one function, above */
		return thread_extended_info(t, count, req, replyp);
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* Is @t somewhere its user registers may be read or written? */
static bool thread_stopped(struct task_struct *t)
{
	return t == current || READ_ONCE(t->__state) != TASK_RUNNING;
}

#ifdef CONFIG_X86_64
/* user-changeable flags, as ptrace allows (arch/x86/kernel/ptrace.c) */
#define MK_FLAG_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
		      X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | \
		      X86_EFLAGS_DF | X86_EFLAGS_OF)

/* x86_THREAD_STATE64 (21 registers) of @t's user context */
void mk_thread_state64_get(struct task_struct *t, u64 *s)
{
	struct pt_regs *regs = task_pt_regs(t);

	s[0] = regs->ax; s[1] = regs->bx; s[2] = regs->cx; s[3] = regs->dx;
	s[4] = regs->di; s[5] = regs->si; s[6] = regs->bp; s[7] = regs->sp;
	s[8] = regs->r8; s[9] = regs->r9; s[10] = regs->r10;
	s[11] = regs->r11; s[12] = regs->r12; s[13] = regs->r13;
	s[14] = regs->r14; s[15] = regs->r15; s[16] = regs->ip;
	s[17] = regs->flags; s[18] = regs->cs;
	s[19] = t->thread.fsindex; s[20] = t->thread.gsindex;
}

/* Set @t's user registers from x86_THREAD_STATE64; @t is not running. */
void mk_thread_state64_set(struct task_struct *t, const u64 *s)
{
	struct pt_regs *regs = task_pt_regs(t);

	regs->ax = s[0]; regs->bx = s[1]; regs->cx = s[2]; regs->dx = s[3];
	regs->di = s[4]; regs->si = s[5]; regs->bp = s[6]; regs->sp = s[7];
	regs->r8 = s[8]; regs->r9 = s[9]; regs->r10 = s[10];
	regs->r11 = s[11]; regs->r12 = s[12]; regs->r13 = s[13];
	regs->r14 = s[14]; regs->r15 = s[15]; regs->ip = s[16];
	regs->flags = (regs->flags & ~MK_FLAG_MASK) | (s[17] & MK_FLAG_MASK);
	/* cs, fs and gs stay: a user cannot change its segments this way */
}

static kern_return_t thread_get_state(struct mk_thread *thr, struct task_struct *t,
				      struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct thread_info_request *rq = (void *)req->data;
	u64 s[X86_THREAD_STATE64_COUNT / 2];
	int n;

	lockdep_assert_held(&mk_lock);	/* the debug state (thread_debug.c) */
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (mk_thread_debug_flavor(rq->flavor)) {
		n = mk_thread_debug_get(thr, rq->flavor, rq->count, (u32 *)s);
		if (n < 0)
			return KERN_INVALID_ARGUMENT;
		return data_reply(req, replyp, s, n);
	}
	if (rq->flavor != X86_THREAD_STATE64 ||
	    rq->count < X86_THREAD_STATE64_COUNT)
		return KERN_INVALID_ARGUMENT;
	if (!thread_stopped(t))
		return KERN_FAILURE;	/* suspend it first */
	mk_thread_state64_get(t, s);
	return data_reply(req, replyp, s, X86_THREAD_STATE64_COUNT);
}

static kern_return_t thread_set_state(struct mk_thread *thr, struct task_struct *t,
				      struct mk_kmsg *req)
{
	struct thread_set_state_request *rq = (void *)req->data;
	u64 s[X86_THREAD_STATE64_COUNT / 2];

	lockdep_assert_held(&mk_lock);	/* the debug state (thread_debug.c) */
	if (req->size < sizeof(*rq) ||
	    req->size != sizeof(*rq) + (size_t)rq->count * 4)
		return MIG_BAD_ARGUMENTS;
	/* breakpoints can change under a running thread: no stop needed */
	if (mk_thread_debug_flavor(rq->flavor))
		return mk_thread_debug_set(thr, t, rq->flavor, rq->state,
					   rq->count);
	if (rq->flavor != X86_THREAD_STATE64 ||
	    rq->count < X86_THREAD_STATE64_COUNT)
		return KERN_INVALID_ARGUMENT;
	if (t == current || !thread_stopped(t))
		return KERN_FAILURE;
	memcpy(s, rq->state, sizeof(s));
	mk_thread_state64_set(t, s);
	return KERN_SUCCESS;
}
#else
static kern_return_t thread_get_state(struct mk_thread *thr, struct task_struct *t,
				      struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	return KERN_INVALID_ARGUMENT;
}

static kern_return_t thread_set_state(struct mk_thread *thr, struct task_struct *t,
				      struct mk_kmsg *req)
{
	return KERN_INVALID_ARGUMENT;
}
#endif

/*
 * Serve a request to a thread port.  Returns the kern_return_t and may set
 * *replyp to a reply carrying data.  Context: mk_lock held.
 */
kern_return_t mk_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
			      struct mk_kmsg **replyp)
{
	struct task_struct *t;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!thr || thr->dead)
		return KERN_INVALID_ARGUMENT;
	t = get_pid_task(thr->pid, PIDTYPE_PID);
	if (!t || (t->flags & PF_EXITING)) {
		if (t)
			put_task_struct(t);
		thread_kill(thr);
		return KERN_TERMINATED;
	}
	switch (mk_kmsg_hdr(req)->id) {
	case THREAD_SUSPEND:
		kr = mk_thread_suspend(thr, t);
		break;
	case THREAD_RESUME:
		kr = mk_thread_resume(thr);
		break;
	case THREAD_INFO:
		kr = thread_info(thr, t, req, replyp);
		break;
	case THREAD_GET_STATE:
		kr = thread_get_state(thr, t, req, replyp);
		break;
	case THREAD_SET_STATE:
		kr = thread_set_state(thr, t, req);
		break;
	case THREAD_POLICY_SET:
	case THREAD_POLICY_GET:
		kr = mk_thread_policy_serve(thr, req, replyp);
		break;
	case THREAD_TERMINATE:
		/* one thread cannot be killed alone from a module */
		kr = KERN_NOT_SUPPORTED;
		break;
	default:
		/* thread_{set,get,swap}_exception_ports (exception.c) */
		kr = mk_exc_thread_serve(thr, req, replyp);
		break;
	}
	put_task_struct(t);
	return kr;
}

/* task_threads: a send right to each live thread's port.  mk_lock held. */
kern_return_t mk_task_threads(struct mk_task *task, struct mk_kmsg *req,
			      struct mk_kmsg **replyp)
{
	struct task_struct *leader, *t, **threads;
	struct task_threads_reply *rp;
	struct mk_right *rights;
	struct mk_thread *thr;
	int n = 0, max, i;

	lockdep_assert_held(&mk_lock);
	rcu_read_lock();
	leader = pid_task(task->pid, PIDTYPE_TGID);
	max = leader ? READ_ONCE(leader->signal->nr_threads) + 8 : 0;
	rcu_read_unlock();
	if (!max)
		return KERN_INVALID_ARGUMENT;
	threads = kcalloc(max, sizeof(*threads), GFP_KERNEL);
	rights = kvcalloc(max, sizeof(*rights), GFP_KERNEL);
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!threads || !rights || !*replyp)
		goto nomem;
	rcu_read_lock();
	leader = pid_task(task->pid, PIDTYPE_TGID);
	if (leader) {
		for_each_thread(leader, t) {
			if (n == max)
				break;
			if (t->flags & PF_EXITING)
				continue;
			get_task_struct(t);
			threads[n++] = t;
		}
	}
	rcu_read_unlock();
	for (i = 0; i < n; i++) {
		thr = mk_thread_of(task, threads[i]);
		if (thr)
			mk_port_make_send_right(thr->port, &rights[i]);
		put_task_struct(threads[i]);
	}
	kfree(threads);
	rp = (void *)(*replyp)->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->list.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	rp->list.disposition = MACH_MSG_TYPE_PORT_SEND;
	rp->list.copy = 1;
	rp->list.deallocate = 1;
	rp->list.size = n;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	(*replyp)->descs[0].offset = offsetof(struct task_threads_reply, list);
	(*replyp)->descs[0].type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	(*replyp)->descs[0].ool = rights;
	(*replyp)->descs[0].count = n;
	(*replyp)->descs[0].rights_in = true;
	return KERN_SUCCESS;
nomem:
	kfree(threads);
	kvfree(rights);
	return KERN_RESOURCE_SHORTAGE;
}
