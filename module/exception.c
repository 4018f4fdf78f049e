// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: CPU faults, and deaths by a crashing signal, delivered as Mach
 * exceptions (registration is in exception_ports.c).
 *
 * The module cannot patch the trap handlers, but every fault they turn
 * into a signal goes through force_sig_fault()/force_sig() in the faulting
 * thread, and so through the signal_generate tracepoint, under siglock.
 * There the probe only records the fault (trap number, error code,
 * address) and queues a task_work on the thread.  get_signal() runs task
 * work before it dequeues anything, so the work runs in the faulting
 * thread, in process context, with the fault's signal still pending: it
 * raises the exception (thread level, then task, then host, as
 * exception_triage does), sleeps killable for the reply, and on
 * KERN_SUCCESS takes the signal back out of the thread's queue; otherwise
 * Linux goes on and delivers the signal as it would have.
 *
 * EXC_CRASH: a signal whose default action dumps core, sent to a thread
 * whose disposition for it is the default, queues the same work.  When the
 * signal get_signal() is about to dequeue is such a signal (so the process
 * is about to die of it, its memory and threads still there), the work
 * raises EXC_CRASH as XNU's proc_prepareexit does, and waits for the reply
 * before letting the process die.  See Documentation/exceptions.rst.
 */
#include <linux/module.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/tracepoint.h>
#include "compat.h"
#include "exception.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mqueue.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"
#include "thread.h"

#ifdef CONFIG_X86_64
#include <asm/trapnr.h>
#endif

#ifdef CONFIG_X86_64
/* ---- delivery ---- */

/* A fault or a crashing signal seen by the probe, for the task work. */
struct mk_exc_work {
	struct callback_head cb;
	bool fault;		/* a CPU fault; else only a possible EXC_CRASH */
	int sig;
	int si_code;
	u64 addr;
	unsigned long trapnr;
	unsigned long err;
	unsigned long cr2;
	int cpu;
};

/*
 * Linux's trap, signal and si_code to XNU's exception and codes, as XNU's
 * user_trap() makes them.  False: not a fault XNU raises an exception for
 * (the signal is left alone).
 */
static bool exc_classify(const struct mk_exc_work *w, int *exc, s64 *code)
{
	code[1] = 0;
	switch (w->trapnr) {
	case X86_TRAP_PF:
		*exc = EXC_BAD_ACCESS;
		if (w->sig == SIGSEGV)
			code[0] = mk_kr_to_user(w->si_code == SEGV_MAPERR ?
						KERN_INVALID_ADDRESS :
						KERN_PROTECTION_FAILURE);
		else if (w->sig == SIGBUS)
			code[0] = mk_kr_to_user(KERN_MEMORY_ERROR);
		else
			return false;
		code[1] = w->addr;
		return true;
	case X86_TRAP_GP:
		*exc = EXC_BAD_ACCESS;
		code[0] = EXC_I386_GPFLT;
		code[1] = w->err & 0xffff;
		return w->sig == SIGSEGV;
	case X86_TRAP_NP:
	case X86_TRAP_SS:
		*exc = EXC_BAD_INSTRUCTION;
		code[0] = w->trapnr == X86_TRAP_NP ? EXC_I386_SEGNPFLT :
			EXC_I386_STKFLT;
		code[1] = w->err;
		return w->sig == SIGBUS;
	case X86_TRAP_UD:
		*exc = EXC_BAD_INSTRUCTION;
		code[0] = EXC_I386_INVOP;
		return w->sig == SIGILL;
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		*exc = EXC_ARITHMETIC;
		code[0] = w->trapnr == X86_TRAP_DE ? EXC_I386_DIV :
			w->trapnr == X86_TRAP_MF ? EXC_I386_EXTERR :
			EXC_I386_SSEEXTERR;
		return w->sig == SIGFPE;
	case X86_TRAP_BP:
	case X86_TRAP_DB:
		*exc = EXC_BREAKPOINT;
		code[0] = w->trapnr == X86_TRAP_BP ? EXC_I386_BPT : EXC_I386_SGL;
		return w->sig == SIGTRAP;
	default:
		return false;
	}
}

/*
 * The faulting thread's state in @flavor, as thread_get_state gives it;
 * the word count, or -1 for a flavor the module cannot produce.
 */
static int exc_get_state(const struct mk_exc_work *w, s32 flavor, u32 *s)
{
	u64 regs[X86_THREAD_STATE64_COUNT / 2];
	u32 e[X86_EXCEPTION_STATE64_COUNT];

	switch (flavor) {
	case X86_THREAD_STATE64:
	case X86_THREAD_STATE:
		mk_thread_state64_get(current, regs);
		if (flavor == X86_THREAD_STATE64) {
			memcpy(s, regs, sizeof(regs));
			return X86_THREAD_STATE64_COUNT;
		}
		s[0] = X86_THREAD_STATE64;	/* x86_state_hdr_t */
		s[1] = X86_THREAD_STATE64_COUNT;
		memcpy(s + 2, regs, sizeof(regs));
		return X86_THREAD_STATE64_COUNT + 2;
	case X86_EXCEPTION_STATE64:
	case X86_EXCEPTION_STATE:
		/* trapno, cpu (16 bits each), err, faultvaddr */
		e[0] = (w->trapnr & 0xffff) | (u32)w->cpu << 16;
		e[1] = w->err;
		e[2] = lower_32_bits(w->cr2);
		e[3] = upper_32_bits(w->cr2);
		if (flavor == X86_EXCEPTION_STATE64) {
			memcpy(s, e, sizeof(e));
			return X86_EXCEPTION_STATE64_COUNT;
		}
		s[0] = X86_EXCEPTION_STATE64;
		s[1] = X86_EXCEPTION_STATE64_COUNT;
		memcpy(s + 2, e, sizeof(e));
		return X86_EXCEPTION_STATE64_COUNT + 2;
	default:
		return -1;
	}
}

/* thread_set_state for the handler's new state (only the thread flavors) */
static kern_return_t exc_set_state(s32 flavor, const u32 *s, u32 count)
{
	u64 regs[X86_THREAD_STATE64_COUNT / 2];

	if (flavor == X86_THREAD_STATE) {
		if (count != X86_THREAD_STATE64_COUNT + 2 ||
		    s[0] != X86_THREAD_STATE64 ||
		    s[1] != X86_THREAD_STATE64_COUNT)
			return KERN_INVALID_ARGUMENT;
		s += 2;
		count -= 2;
	} else if (flavor != X86_THREAD_STATE64) {
		return KERN_INVALID_ARGUMENT;	/* not settable, as XNU */
	}
	if (count < X86_THREAD_STATE64_COUNT)
		return KERN_INVALID_ARGUMENT;
	memcpy(regs, s, sizeof(regs));
	mk_thread_state64_set(current, regs);
	return KERN_SUCCESS;
}

/* Wakes the faulting thread from its killable sleep on the reply port. */
static int exc_wake(struct wait_queue_entry *wait, unsigned int mode,
		    int flags, void *key)
{
	return wake_up_process(wait->private);
}

/*
 * Sleep (TASK_KILLABLE: ps shows D, wchan exc_wait) until the reply port
 * has a message; no lock is held, so a freezer may freeze the thread
 * meanwhile.  Context: mk_lock held, dropped while asleep.  False: killed.
 */
static bool exc_wait(struct mk_port *rp)
	__must_hold(&mk_lock)
{
	struct wait_queue_entry wait;

	lockdep_assert_held(&mk_lock);
	init_waitqueue_func_entry(&wait, exc_wake);
	wait.private = current;
	while (list_empty(&rp->messages)) {
		if (fatal_signal_pending(current))
			return false;
		/* queued under mk_lock: mqueue_add() sees us (msg.c) */
		add_wait_queue(&rp->rcv_wait, &wait);
		set_current_state(TASK_KILLABLE | TASK_FREEZABLE);
		mutex_unlock(&mk_lock);
		schedule();
		__set_current_state(TASK_RUNNING);
		mutex_lock(&mk_lock);
		remove_wait_queue(&rp->rcv_wait, &wait);
	}
	return true;
}

/* the reply to exception_raise: mig_reply_error_t */
struct exc_reply_msg {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	s32 flavor;		/* the state forms go on */
	u32 count;
	u32 state[];
} __packed;

/* What the handler answered; applies a new state.  mk_lock held. */
static kern_return_t exc_take_reply(struct mk_kmsg *kmsg, s32 id, bool state)
{
	struct exc_reply_msg *rp = (void *)kmsg->data;
	u32 min = offsetof(struct exc_reply_msg, flavor);

	lockdep_assert_held(&mk_lock);
	if (rp->head.id != id + 100 || (rp->head.bits & MACH_MSGH_BITS_COMPLEX))
		return MIG_REPLY_MISMATCH;	/* a send-once notification */
	if (kmsg->size < min)
		return MIG_REPLY_MISMATCH;
	if (rp->retcode || !state)
		return kmsg->size == min ? mk_kr_from_user(rp->retcode) :
			MIG_REPLY_MISMATCH;
	if (kmsg->size < sizeof(*rp) || rp->count > THREAD_STATE_MAX ||
	    kmsg->size != sizeof(*rp) + 4 * rp->count)
		return MIG_REPLY_MISMATCH;
	return exc_set_state(rp->flavor, rp->state, rp->count);
}

/* the largest request: identity, 64-bit codes, the largest state here */
#define EXC_MSG_MAX (sizeof(struct mk_msg_header) + 4 + 24 + 8 + 8 + 16 + \
		     8 + 4 * (X86_THREAD_STATE64_COUNT + 2))

static void *put(void *p, const void *v, size_t n)
{
	memcpy(p, v, n);
	return p + n;
}

/* The request and its reply port; nothing is kept if either fails. */
static kern_return_t exc_alloc(u32 size, bool identity, struct mk_kmsg **kmsgp,
			       struct mk_port **rpp)
{
	struct mk_kmsg *kmsg = mk_kmsg_alloc(size, identity ? 2 : 0);
	struct mk_port *rp = mk_port_alloc();

	lockdep_assert_held(&mk_lock);
	if (!kmsg || !rp) {
		if (kmsg)
			mk_kmsg_free(kmsg);
		if (rp) {
			mk_port_destroy(rp);
			mk_port_put(rp);
		}
		return KERN_RESOURCE_SHORTAGE;
	}
	*kmsgp = kmsg;
	*rpp = rp;
	return KERN_SUCCESS;
}

/*
 * The identity behaviors' two port descriptors at @p: send rights to
 * the thread, then the task.  Returns where the body goes on.
 */
static u8 *exc_put_identity(struct mk_kmsg *kmsg, u8 *p,
			    struct mk_thread *thr, struct mk_task *task)
{
	struct mk_port_desc d = {
		.disposition = MACH_MSG_TYPE_PORT_SEND,
		.type = MACH_MSG_PORT_DESCRIPTOR,
	};
	struct mk_port *ports[2] = { thr->port, task->self };
	u32 two = 2;
	int i;

	lockdep_assert_held(&mk_lock);
	mk_kmsg_hdr(kmsg)->bits = MACH_MSGH_BITS_COMPLEX;
	p = put(p, &two, 4);
	for (i = 0; i < 2; i++) {
		kmsg->descs[i].offset = p - kmsg->data;
		kmsg->descs[i].type = MACH_MSG_PORT_DESCRIPTOR;
		kmsg->descs[i].right.type = MACH_MSG_TYPE_PORT_SEND;
		mk_port_make_send_right(ports[i], &kmsg->descs[i].right);
		p = put(p, &d, sizeof(d));
	}
	return p;
}

/* The rest of the body at @p: NDR, exception, codes, then the state. */
static void exc_put_body(u8 *p, const struct mk_exc_action *a, int exc,
			 const s64 *code, bool code64, bool state,
			 const u32 *st, s32 nstate)
{
	u32 two = 2;
	s32 i32;
	int i;

	p = put(p, mk_ndr_record, 8);
	p = put(p, &exc, 4);
	p = put(p, &two, 4);
	for (i = 0; i < 2; i++) {
		i32 = code[i];	/* exc.defs' codes: 32 bits, truncated */
		p = code64 ? put(p, &code[i], 8) : put(p, &i32, 4);
	}
	if (state) {
		p = put(p, &a->flavor, 4);
		p = put(p, &nstate, 4);
		put(p, st, 4 * nstate);
	}
}

/* Queue @kmsg on the handler's port with a send-once right to @rp. */
static void exc_send(struct mk_exc_action *a, struct mk_port *port,
		     struct mk_kmsg *kmsg, struct mk_port *rp)
{
	lockdep_assert_held(&mk_lock);
	/* the request goes to a copy of the handler's send right */
	kmsg->dest = mk_exc_copy_send(&a->port);
	mk_port_make_sonce(rp);
	mk_port_get(rp);
	kmsg->reply.port = rp;
	kmsg->reply.type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	if (kmsg->dest.port)
		mk_kmsg_enqueue(port, kmsg);
	else
		mk_kmsg_destroy(kmsg);	/* its reply right notifies rp */
}

/*
 * Wait on @rp for the handler's answer and take it, then destroy @rp.
 * Context: mk_lock held, dropped while waiting.
 */
static kern_return_t exc_await(struct mk_port *rp, s32 id, bool state)
	__must_hold(&mk_lock)
{
	struct mk_kmsg *reply;
	kern_return_t kr = KERN_ABORTED;

	lockdep_assert_held(&mk_lock);
	if (exc_wait(rp)) {
		reply = list_first_entry(&rp->messages, struct mk_kmsg, node);
		list_del(&reply->node);
		rp->msgcount--;
		rp->msgbytes -= reply->charge;
		mk_right_release_used(&reply->dest);	/* received */
		kr = exc_take_reply(reply, id, state);
		mk_kmsg_destroy(reply);
	}
	mk_port_destroy(rp);	/* a late reply is destroyed with it */
	mk_port_put(rp);
	return kr;
}

/*
 * Send one exception message to @a's port and wait for the answer
 * (XNU's exception_deliver).  Context: mk_lock held, dropped while
 * waiting; @a may be gone when it returns.
 */
static kern_return_t exc_deliver(struct mk_task *task, struct mk_exc_action *a,
				 const struct mk_exc_work *w, int exc, const s64 *code)
	__must_hold(&mk_lock)
{
	bool code64 = a->behavior & MACH_EXCEPTION_CODES;
	int b = a->behavior & ~MACH_EXCEPTION_MASK;
	bool identity = b == EXCEPTION_DEFAULT || b == EXCEPTION_STATE_IDENTITY;
	bool state = b == EXCEPTION_STATE || b == EXCEPTION_STATE_IDENTITY;
	u32 st[X86_THREAD_STATE64_COUNT + 2], size;
	struct mk_kmsg *kmsg;
	struct mk_thread *thr = NULL;
	struct mk_port *port = a->port.port, *rp;
	s32 id, nstate = 0;
	u8 *p;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (b < EXCEPTION_DEFAULT || b > EXCEPTION_STATE_IDENTITY)
		return KERN_FAILURE;
	if (state) {
		nstate = exc_get_state(w, a->flavor, st);
		if (nstate < 0)
			return KERN_INVALID_ARGUMENT;
	}
	if (identity) {
		thr = mk_thread_of(task, current);
		if (!thr)
			return KERN_RESOURCE_SHORTAGE;
	}
	id = (code64 ? MACH_EXC_RAISE : EXC_RAISE) + b - 1;
	size = sizeof(struct mk_msg_header) + (identity ? 4 + 24 : 0) +
		8 + 8 + (code64 ? 16 : 8) + (state ? 8 + 4 * nstate : 0);
	kr = exc_alloc(size, identity, &kmsg, &rp);
	if (kr)
		return kr;
	mk_kmsg_hdr(kmsg)->size = size;
	mk_kmsg_hdr(kmsg)->id = id;
	kmsg->sec_token[1] = 1;		/* the kernel's token */
	p = kmsg->data + sizeof(struct mk_msg_header);
	if (identity)
		p = exc_put_identity(kmsg, p, thr, task);
	exc_put_body(p, a, exc, code, code64, state, st, nstate);
	exc_send(a, port, kmsg, rp);
	return exc_await(rp, id, state);
}

/* Does the parent process hold exception ports for a child to inherit? */
static bool exc_parent_armed(void)
{
	struct mk_task *parent = NULL;
	struct task_struct *p;

	lockdep_assert_held(&mk_lock);
	rcu_read_lock();
	p = rcu_dereference(current->real_parent);
	if (p)
		parent = mk_task_find(task_tgid(p));
	rcu_read_unlock();
	return parent && parent->exc;
}

/*
 * The faulting process's task: the one it has, the one after an exec not
 * yet noticed, or a new one inheriting its parent's exception ports (a
 * child made by fork that has not used Mach yet).  mk_lock held.
 */
static struct mk_task *exc_task(void)
{
	struct mk_task *task = mk_task_find(task_tgid(current));

	lockdep_assert_held(&mk_lock);
	if (task && task->exec_id ==
	    READ_ONCE(current->group_leader->self_exec_id))
		return task;
	if (!task && !exc_parent_armed())
		return NULL;
	return mk_task_current();
}

/*
 * EXC_CRASH skips a level whose port the dying task itself receives from:
 * its handler could never answer (XNU's check_exc_receiver_dependency).
 */
static bool exc_level_usable(struct mk_task *task, struct mk_exc_action *a,
			     int exc)
{
	lockdep_assert_held(&mk_lock);
	if (!mk_exc_port_valid(&a->port))
		return false;
	return exc != EXC_CRASH || a->port.port->receiver != task->space;
}

/*
 * XNU's exception_triage: the thread's port, then the task's, then the
 * host's.  On XNU the BSD signal comes from the host level's handler;
 * here it is what is left when every level declines.  EXC_CRASH is
 * raised once per process (the first thread to die of a crashing signal).
 */
static kern_return_t exc_triage(const struct mk_exc_work *w, int exc, const s64 *code)
{
	struct mk_exc_actions *t;
	struct mk_thread *thr;
	struct mk_task *task;
	kern_return_t kr = KERN_FAILURE;
	int level;

	mutex_lock(&mk_lock);
	task = exc_task();
	if (!task && mk_exc_host)
		task = mk_task_current();	/* the message names the task */
	if (!task) {
		mutex_unlock(&mk_lock);
		return KERN_FAILURE;
	}
	if (exc == EXC_CRASH) {
		if (!task->exc)
			task->exc = mk_exc_table_alloc();
		if (!task->exc || task->exc->crashed) {
			mutex_unlock(&mk_lock);
			return KERN_FAILURE;
		}
		task->exc->crashed = true;
	}
	kref_get(&task->ref);
	for (level = 0; level < 3 && !task->dead; level++) {
		if (level == 0) {
			thr = mk_thread_find(task, current);
			t = thr ? thr->exc : NULL;
		} else {
			t = level == 1 ? task->exc : mk_exc_host;
		}
		if (!t || !exc_level_usable(task, &t->a[exc], exc))
			continue;
		kr = exc_deliver(task, &t->a[exc], w, exc, code);
		if (kr == KERN_SUCCESS || kr == KERN_ABORTED)
			break;
	}
	mutex_unlock(&mk_lock);
	mk_task_put(task);
	return kr;
}

static int exc_dequeue(sigset_t *mask, kernel_siginfo_t *info)
{
	return mk_dequeue_signal(mask, info);
}

/* current's sighand: only current itself replaces it (exec) */
static struct sighand_struct *exc_sighand(void)
{
	return rcu_dereference_protected(current->sighand, 1);
}

/*
 * Handled: take the fault's signal back out of the thread's own queue
 * (force_sig_fault queued it there, and only one of a kind is queued).
 */
static void exc_discard_signal(int sig)
{
	kernel_siginfo_t info;
	sigset_t mask;

	sigfillset(&mask);
	sigdelset(&mask, sig);
	spin_lock_irq(&exc_sighand()->siglock);
	if (sigismember(&current->pending.signal, sig))
		exc_dequeue(&mask, &info);
	spin_unlock_irq(&exc_sighand()->siglock);
}

static bool exc_signal_queued(int sig)
{
	bool queued;

	spin_lock_irq(&exc_sighand()->siglock);
	queued = sigismember(&current->pending.signal, sig);
	spin_unlock_irq(&exc_sighand()->siglock);
	return queued;
}

/*
 * The signal get_signal() dequeues next from @pending, as next_signal()
 * picks it: the synchronous (fault) signals first, then the lowest.
 */
static int exc_first_signal(const sigset_t *pending, const sigset_t *blocked)
{
	unsigned long sync = sigmask(SIGSEGV) | sigmask(SIGBUS) |
		sigmask(SIGILL) | sigmask(SIGTRAP) | sigmask(SIGFPE) |
		sigmask(SIGSYS);
	unsigned long p = pending->sig[0] & ~blocked->sig[0];

	if (p & sync)
		p &= sync;
	return p ? __ffs(p) + 1 : 0;
}

/*
 * Is the thread about to die of a signal whose default action dumps core
 * (XNU's SA_CORE set: the same signals)?  The one get_signal() takes next
 * is such a signal, with the default disposition, the process is not
 * already exiting, and no tracer stands between (a tracer may cancel the
 * signal).  Returns that signal or 0.
 */
static int exc_crash_signal(void)
{
	struct signal_struct *sigs = current->signal;
	int sig;

	if (current->ptrace || (current->flags & PF_EXITING) ||
	    fatal_signal_pending(current))
		return 0;
	spin_lock_irq(&exc_sighand()->siglock);
	sig = exc_first_signal(&current->pending.signal, &current->blocked);
	if (!sig)
		sig = exc_first_signal(&sigs->shared_pending.signal,
				       &current->blocked);
	if (sig && (!sig_kernel_coredump(sig) ||
		    exc_sighand()->action[sig - 1].sa.sa_handler != SIG_DFL ||
		    (sigs->flags & (SIGNAL_GROUP_EXIT | SIGNAL_UNKILLABLE)) ||
		    sigs->group_exec_task || sigs->core_state))
		sig = 0;
	spin_unlock_irq(&exc_sighand()->siglock);
	return sig;
}

/*
 * XNU's proc_prepareexit: code[0] packs the signal (8 bits), the original
 * exception (4 bits) and the low 20 bits of its code; code[1] is the
 * original subcode.  A signal that did not come from an exception (abort(),
 * kill()) has 0 for both.  The reply does not matter: the process dies.
 */
static void exc_crash(const struct mk_exc_work *w, int sig, int exc,
		      const s64 *orig)
{
	s64 code[2];

	code[0] = ((sig & 0xff) << 24) | ((exc & 0x0f) << 20) |
		(orig[0] & 0xfffff);
	code[1] = orig[1];
	exc_triage(w, EXC_CRASH, code);
}

/* In the faulting thread, from get_signal(), before any dequeue. */
static void mk_exc_work_fn(struct callback_head *cb)
{
	struct mk_exc_work *w = container_of(cb, struct mk_exc_work, cb);
	s64 code[2] = { 0, 0 };
	int exc = 0, sig;

	if (w->fault && !exc_classify(w, &exc, code))
		exc = 0;
	if (exc && !(current->flags & PF_EXITING) &&
	    !fatal_signal_pending(current) && exc_signal_queued(w->sig) &&
	    exc_triage(w, exc, code) == KERN_SUCCESS) {
		exc_discard_signal(w->sig);
		goto out;
	}
	sig = exc_crash_signal();
	if (sig) {
		if (sig != w->sig || !exc) {	/* not this fault's */
			exc = 0;
			code[0] = 0;
			code[1] = 0;
		}
		exc_crash(w, sig, exc, code);
	}
out:
	kfree(w);
	/* what is left of module code after this is a return (suspend.c) */
	module_put(THIS_MODULE);
}

static struct tracepoint *mk_tp_exc;

static bool exc_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		sig == SIGFPE || sig == SIGTRAP;
}

/*
 * Will @sig kill @t with a core dump, as its disposition stands?  Under
 * @t's siglock (the probe's context).
 */
static bool exc_crash_candidate(int sig, struct task_struct *t)
{
	lockdep_assert_held(&rcu_dereference_raw(t->sighand)->siglock);
	return sig_kernel_coredump(sig) && t->mm &&
		rcu_dereference_raw(t->sighand)->action[sig - 1].sa.sa_handler ==
		SIG_DFL;
}

/*
 * signal_generate, under the target's siglock: a fault's signal is the
 * one force_sig_fault()/force_sig() sends the current thread, from the
 * kernel (si_code > 0), on its way back from an exception (orig_ax is -1
 * there, a system call number after a syscall): kill(), tgkill() and
 * sigqueue() are not exceptions, as on XNU.  Any other signal that will
 * kill with a core dump (abort()'s SIGABRT, kill -SEGV) may end in
 * EXC_CRASH: the work queued on the target decides when it runs.
 */
static void mk_exc_probe(void *data, int sig, struct kernel_siginfo *info,
			 struct task_struct *t, int group, int result)
{
	struct pt_regs *regs;
	struct mk_exc_work *w;
	bool fault = false;

	if (!atomic_read(&mk_exc_tables) ||
	    result != MK_TRACE_SIGNAL_DELIVERED ||
	    (t->flags & (PF_KTHREAD | PF_EXITING)))
		return;
	if (t == current && !group && exc_signal(sig) &&
	    info != SEND_SIG_NOINFO && info != SEND_SIG_PRIV &&
	    info->si_code > 0) {
		regs = task_pt_regs(t);
		fault = user_mode(regs) && (long)regs->orig_ax == -1;
	}
	if (!fault && !exc_crash_candidate(sig, t))
		return;
	w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOWARN);
	if (!w)
		return;		/* the signal goes as without a handler */
	if (!try_module_get(THIS_MODULE)) {
		kfree(w);
		return;
	}
	init_task_work(&w->cb, mk_exc_work_fn);
	w->fault = fault;
	w->sig = sig;
	w->si_code = fault ? info->si_code : 0;
	w->addr = fault ? (unsigned long)info->si_addr : 0;
	w->trapnr = fault ? t->thread.trap_nr : 0;
	w->err = fault ? t->thread.error_code : 0;
	w->cr2 = fault ? t->thread.cr2 : 0;
	w->cpu = raw_smp_processor_id();
	/* TWA_RESUME: TWA_SIGNAL would take the siglock held here */
	if (task_work_add(t, &w->cb, TWA_RESUME)) {
		kfree(w);
		module_put(THIS_MODULE);
	}
}

void mk_exc_init(void)
{
	mk_tp_exc = mk_tracepoint_attach("signal_generate", mk_exc_probe,
					 "CPU faults are not raised as exceptions");
}

/* Before mk_suspend_exit(), whose RCU Tasks wait covers the task work. */
void mk_exc_exit(void)
{
	if (mk_tp_exc) {
		tracepoint_probe_unregister(mk_tp_exc, mk_exc_probe, NULL);
		tracepoint_synchronize_unregister();
	}
	mutex_lock(&mk_lock);
	mk_exc_free(&mk_exc_host);
	mutex_unlock(&mk_lock);
}
#else
void mk_exc_init(void)
{
}

void mk_exc_exit(void)
{
	mutex_lock(&mk_lock);
	mk_exc_free(&mk_exc_host);
	mutex_unlock(&mk_lock);
}
#endif
