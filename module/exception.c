// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: exception ports, and CPU faults delivered as Mach exceptions.
 *
 * Registration: task_{set,get,swap}_exception_ports (3413-3415) and the
 * thread_ forms (3613-3615) are served like every task and thread routine
 * (kobject.c, thread.c), with XNU's checks (set_exception_ports_validation)
 * and its grouping of equal entries in the get/swap replies.  A task's
 * actions are inherited across fork, and across exec unless the new image
 * is set-id (XNU's ipc_task_init and ipc_task_reset); a thread's are not.
 *
 * Delivery: the module cannot patch the trap handlers, but every fault
 * they turn into a signal goes through force_sig_fault()/force_sig() in the
 * faulting thread, and so through the signal_generate tracepoint, under
 * siglock.  There the probe only records the fault (trap number, error
 * code, address) and queues a task_work on the thread.  get_signal() runs
 * task work before it dequeues anything, so the work runs in the faulting
 * thread, in process context, with the fault's signal still pending: it
 * raises the exception (thread level, then task level, as exception_triage
 * does), sleeps killable for the reply, and on KERN_SUCCESS takes the
 * signal back out of the thread's queue; otherwise Linux goes on and
 * delivers the signal as it would have.  See Documentation/exceptions.rst.
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
#include "ipc.h"
#include "kmsg.h"

#ifdef CONFIG_X86_64
#include <asm/trapnr.h>
#endif

/* exception types, masks and behaviors (<mach/exception_types.h>) */
#define EXC_BAD_ACCESS		1
#define EXC_BAD_INSTRUCTION	2
#define EXC_ARITHMETIC		3
#define EXC_BREAKPOINT		6
#define FIRST_EXCEPTION		1
#define EXC_TYPES_COUNT		14
#define EXC_MASK_VALID		0x3ffeu		/* 1 << 1 ... 1 << 13 */

#define EXCEPTION_DEFAULT			1
#define EXCEPTION_STATE				2
#define EXCEPTION_STATE_IDENTITY		3
#define EXCEPTION_IDENTITY_PROTECTED		4
#define EXCEPTION_STATE_IDENTITY_PROTECTED	5
#define MACH_EXCEPTION_BACKTRACE_PREFERRED	0x20000000
#define MACH_EXCEPTION_ERRORS			0x40000000
#define MACH_EXCEPTION_CODES			0x80000000
#define MACH_EXCEPTION_MASK	(MACH_EXCEPTION_CODES | MACH_EXCEPTION_ERRORS | \
				 MACH_EXCEPTION_BACKTRACE_PREFERRED)

/* x86 codes (<mach/i386/exception.h>) */
#define EXC_I386_INVOP		1
#define EXC_I386_DIV		1
#define EXC_I386_EXTERR		5
#define EXC_I386_SSEEXTERR	8
#define EXC_I386_SGL		1
#define EXC_I386_BPT		2
#define EXC_I386_SEGNPFLT	11
#define EXC_I386_STKFLT		12
#define EXC_I386_GPFLT		13

#define KERN_PROTECTION_FAILURE	2
#define KERN_MEMORY_ERROR	10
#define KERN_ABORTED		14
#define MIG_TYPE_ERROR		(-300)
#define MIG_REPLY_MISMATCH	(-301)

/* flavors (<mach/i386/thread_status.h>) */
#define X86_THREAD_STATE64	4
#define X86_EXCEPTION_STATE64	6
#define X86_THREAD_STATE	7
#define X86_EXCEPTION_STATE	9
#define X86_THREAD_STATE64_COUNT 42
#define X86_EXCEPTION_STATE64_COUNT 4
#define THREAD_STATE_MAX	614

/* exc.defs (2401...) and mach_exc.defs (2405...) */
#define EXC_RAISE		2401
#define MACH_EXC_RAISE		2405

/* task.defs and thread_act.defs: the routine's index in its subsystem */
#define TASK_SUBSYSTEM		3400
#define THREAD_SUBSYSTEM	3600
#define SET_EXCEPTION_PORTS	13
#define GET_EXCEPTION_PORTS	14
#define SWAP_EXCEPTION_PORTS	15
#define EXC_ARRAY_MAX		32	/* exception_mask_array_t's bound */
#define HOST_SUBSYSTEM		400	/* host_priv.defs */
#define HOST_SET_EXCEPTION_PORTS 14

/* trace/events/signal.h's TRACE_SIGNAL_DELIVERED */
#define MK_TRACE_SIGNAL_DELIVERED 0

struct mk_exc_action {
	struct mk_right port;		/* a send right, or null / dead */
	s32 behavior;
	s32 flavor;
	bool privileged;		/* set by root: kept across set-id exec */
};

struct mk_exc_actions {
	struct mk_exc_action a[EXC_TYPES_COUNT];
};

/* action tables alive: the probe's test for "nothing to do" */
static atomic_t mk_exc_tables = ATOMIC_INIT(0);

static struct mk_exc_actions *exc_table_alloc(void)
{
	struct mk_exc_actions *t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);

	if (t)
		atomic_inc(&mk_exc_tables);
	return t;
}

/* Release every right of the table and free it.  mk_lock held. */
void mk_exc_free(struct mk_exc_actions **exc)
{
	struct mk_exc_actions *t = *exc;
	int i;

	if (!t)
		return;
	*exc = NULL;
	for (i = 0; i < EXC_TYPES_COUNT; i++)
		mk_right_release(&t->a[i].port);
	kfree(t);
	atomic_dec(&mk_exc_tables);
}

/* A copy of a stored send right (XNU's exception_port_copy_send). */
static struct mk_right exc_copy_send(const struct mk_right *r)
{
	struct mk_right c = { .type = MACH_MSG_TYPE_PORT_SEND };

	if (r->port && r->port->active) {
		r->port->srights++;
		mk_port_get(r->port);
		c.port = r->port;
	} else if (r->port || r->dead) {
		c.dead = true;		/* MACH_PORT_DEAD */
	}
	return c;
}

static bool exc_port_valid(const struct mk_right *r)
{
	return r->port && r->port->active;
}

/*
 * Inheritance: across fork every action (ipc_task_init); across exec, the
 * privileged ones only when the new image is set-id (ipc_task_reset, which
 * XNU's exec runs for set-id images): an image that is not dumpable as
 * its user's counts as set-id, as for task_for_pid.  mk_lock held.
 */
void mk_exc_inherit(struct mk_task *task, struct mk_task *from, bool exec)
{
	struct task_struct *tsk;
	bool setid = false;
	int i;

	if (!from || !from->exc)
		return;
	if (exec) {
		tsk = get_pid_task(task->pid, PIDTYPE_TGID);
		setid = tsk && !mk_task_dumpable_by_owner(tsk);
		if (tsk)
			put_task_struct(tsk);
	}
	task->exc = exc_table_alloc();
	if (!task->exc)
		return;
	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		struct mk_exc_action *a = &from->exc->a[i];

		if (setid && !a->privileged)
			continue;
		task->exc->a[i] = *a;
		task->exc->a[i].port = exc_copy_send(&a->port);
		if (!a->port.port && !a->port.dead)
			task->exc->a[i].port.type = 0;
	}
}

/* ---- registration (the MIG routines) ---- */

struct exc_set_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc new_port;
	u8 ndr[8];
	u32 mask;
	s32 behavior;
	s32 flavor;
} __packed;

struct exc_get_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u32 mask;
} __packed;

/* masks[count], then old_behaviors[count], then old_flavors[count] */
struct exc_ports_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc handlers[EXC_ARRAY_MAX];
	u8 ndr[8];
	u32 count;
	u32 data[];
} __packed;

/* VALID_THREAD_STATE_FLAVOR of XNU's i386/thread_status.h */
static bool exc_flavor_valid(s32 f)
{
	return (f >= 1 && f <= 13) || (f >= 16 && f <= 25);
}

/* set_exception_ports_validation, in XNU's order */
static int exc_validate(struct mk_kmsg *req, struct exc_set_request **rqp)
{
	struct exc_set_request *rq = (void *)req->data;
	struct mk_right *r;
	s32 b;

	if (req->size != sizeof(*rq) || req->ndesc != 1 ||
	    req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	r = &req->descs[0].right;
	/* MIG's check: the port arrives as a send right */
	if ((r->port || r->dead) && r->type != MACH_MSG_TYPE_PORT_SEND)
		return MIG_TYPE_ERROR;
	*rqp = rq;
	b = rq->behavior & ~MACH_EXCEPTION_MASK;
	if (rq->mask & ~EXC_MASK_VALID)
		return KERN_INVALID_ARGUMENT;
	if (r->port && !r->dead && (b < EXCEPTION_DEFAULT ||
				    b > EXCEPTION_STATE_IDENTITY_PROTECTED))
		return KERN_INVALID_ARGUMENT;
	if (rq->flavor != 0 && !exc_flavor_valid(rq->flavor))
		return KERN_INVALID_ARGUMENT;
	if ((b == EXCEPTION_IDENTITY_PROTECTED ||
	     (rq->behavior & MACH_EXCEPTION_BACKTRACE_PREFERRED)) &&
	    !(rq->behavior & MACH_EXCEPTION_CODES))
		return KERN_INVALID_ARGUMENT;
	/* no task identity tokens here: the protected forms cannot be sent */
	if (r->port && !r->dead && (b == EXCEPTION_IDENTITY_PROTECTED ||
				    b == EXCEPTION_STATE_IDENTITY_PROTECTED))
		return KERN_NOT_SUPPORTED;
	return KERN_SUCCESS;
}

/* Store the request's port for every type in the mask.  mk_lock held. */
static void exc_store(struct mk_exc_actions *t, struct exc_set_request *rq,
		      struct mk_right *r)
{
	bool priv = uid_eq(current_euid(), GLOBAL_ROOT_UID);
	int i;

	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		struct mk_exc_action *a = &t->a[i];

		if (!(rq->mask & (1u << i)))
			continue;
		mk_right_release(&a->port);
		a->port = exc_copy_send(r);
		if (!r->port && !r->dead)
			a->port.type = 0;
		a->behavior = rq->behavior;
		a->flavor = rq->flavor;
		a->privileged = priv;
	}
}

/*
 * The get/swap reply: one entry per distinct (port, behavior, flavor) among
 * the masked types, as task_get_exception_ports groups them.  A missing
 * table is all-null for a task (XNU's tasks always have one) and empty
 * for a thread (XNU's thread->exc_actions == NULL).  mk_lock held.
 */
static int exc_reply(struct mk_kmsg *req, struct mk_kmsg **replyp,
		     struct mk_exc_actions *t, bool thread, u32 mask)
{
	static const struct mk_exc_action none;
	struct exc_ports_reply *rp;
	const struct mk_exc_action *g[EXC_TYPES_COUNT];
	u32 masks[EXC_TYPES_COUNT];
	u32 n = 0, i, j;

	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		const struct mk_exc_action *a = t ? &t->a[i] : &none;

		if (!(mask & (1u << i)) || (!t && thread))
			continue;
		for (j = 0; j < n; j++) {
			if (g[j]->port.port == a->port.port &&
			    g[j]->port.dead == a->port.dead &&
			    g[j]->behavior == a->behavior &&
			    g[j]->flavor == a->flavor) {
				masks[j] |= 1u << i;
				break;
			}
		}
		if (j == n) {
			g[n] = a;
			masks[n++] = 1u << i;
		}
	}
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + 12 * n, EXC_ARRAY_MAX);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = EXC_ARRAY_MAX;
	for (i = 0; i < EXC_ARRAY_MAX; i++) {
		struct mk_kdesc *d = &(*replyp)->descs[i];

		rp->handlers[i].type = MACH_MSG_PORT_DESCRIPTOR;
		rp->handlers[i].disposition = MACH_MSG_TYPE_PORT_SEND;
		d->offset = offsetof(struct exc_ports_reply, handlers[i]);
		d->type = MACH_MSG_PORT_DESCRIPTOR;
		d->right.type = MACH_MSG_TYPE_PORT_SEND;
		if (i < n)
			d->right = exc_copy_send(&g[i]->port);
	}
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	for (i = 0; i < n; i++) {
		rp->data[i] = masks[i];
		rp->data[n + i] = g[i]->behavior;
		rp->data[2 * n + i] = g[i]->flavor;
	}
	return KERN_SUCCESS;
}

static int exc_serve(struct mk_exc_actions **tp, bool thread, u32 index,
		     struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct exc_get_request *gq = (void *)req->data;
	struct exc_set_request *rq;
	int kr;

	lockdep_assert_held(&mk_lock);
	switch (index) {
	case GET_EXCEPTION_PORTS:
		if (req->size != sizeof(*gq))
			return MIG_BAD_ARGUMENTS;
		if (gq->mask & ~EXC_MASK_VALID)
			return KERN_INVALID_ARGUMENT;
		return exc_reply(req, replyp, *tp, thread, gq->mask);
	case SET_EXCEPTION_PORTS:
	case SWAP_EXCEPTION_PORTS:
		kr = exc_validate(req, &rq);
		if (kr)
			return kr;
		if (!*tp) {
			*tp = exc_table_alloc();
			if (!*tp)
				return KERN_RESOURCE_SHORTAGE;
		}
		if (index == SWAP_EXCEPTION_PORTS) {
			/* the old entries, before they change */
			kr = exc_reply(req, replyp, *tp, thread, rq->mask);
			if (kr)
				return kr;
		}
		/* the request's right is released with it: "consumed" */
		exc_store(*tp, rq, &req->descs[0].right);
		return KERN_SUCCESS;
	default:
		return MIG_BAD_ID;
	}
}

/* The rest of task.defs' routines.  Context: mk_lock held. */
int mk_exc_task_serve(struct mk_task *task, struct mk_kmsg *req,
		      struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	if (id < TASK_SUBSYSTEM + SET_EXCEPTION_PORTS ||
	    id > TASK_SUBSYSTEM + SWAP_EXCEPTION_PORTS)
		return MIG_BAD_ID;
	return exc_serve(&task->exc, false, id - TASK_SUBSYSTEM, req, replyp);
}

/* The rest of thread_act.defs' routines.  Context: mk_lock held. */
int mk_exc_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
			struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	if (id < THREAD_SUBSYSTEM + SET_EXCEPTION_PORTS ||
	    id > THREAD_SUBSYSTEM + SWAP_EXCEPTION_PORTS)
		return MIG_BAD_ID;
	return exc_serve(&thr->exc, true, id - THREAD_SUBSYSTEM, req, replyp);
}

/*
 * The host's exception ports (host_priv.defs 414-416), for the host port's
 * dispatch to call: not reachable until the module has a host port.  Root
 * only, as the host-priv port is.  Under mk_lock.
 */
static struct mk_exc_actions *mk_exc_host;

int mk_exc_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	if (id < HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS ||
	    id > HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS + 2)
		return MIG_BAD_ID;
	/*
	 * XNU takes a host_priv port, which only root's mach_host_self()
	 * is; anyone else's host port converts to HOST_PRIV_NULL there.
	 */
	if (!capable(CAP_SYS_ADMIN))
		return KERN_INVALID_ARGUMENT;
	return exc_serve(&mk_exc_host, false,
			 id - HOST_SUBSYSTEM - HOST_SET_EXCEPTION_PORTS +
			 SET_EXCEPTION_PORTS, req, replyp);
}

#ifdef CONFIG_X86_64
/* ---- delivery ---- */

/* A fault seen by the probe, raised from the task work. */
struct mk_exc_work {
	struct callback_head cb;
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
			code[0] = w->si_code == SEGV_MAPERR ?
				KERN_INVALID_ADDRESS : KERN_PROTECTION_FAILURE;
		else if (w->sig == SIGBUS)
			code[0] = KERN_MEMORY_ERROR;
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
static int exc_set_state(s32 flavor, const u32 *s, u32 count)
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
{
	struct wait_queue_entry wait;

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
static int exc_take_reply(struct mk_kmsg *kmsg, s32 id, bool state)
{
	struct exc_reply_msg *rp = (void *)kmsg->data;
	u32 min = offsetof(struct exc_reply_msg, flavor);

	if (rp->head.id != id + 100 || (rp->head.bits & MACH_MSGH_BITS_COMPLEX))
		return MIG_REPLY_MISMATCH;	/* a send-once notification */
	if (kmsg->size < min)
		return MIG_REPLY_MISMATCH;
	if (rp->retcode || !state)
		return kmsg->size == min ? rp->retcode : MIG_REPLY_MISMATCH;
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

/*
 * Send one exception message to @a's port and wait for the answer
 * (XNU's exception_deliver).  Context: mk_lock held, dropped while
 * waiting; @a may be gone when it returns.
 */
static int exc_deliver(struct mk_task *task, struct mk_exc_action *a,
		       const struct mk_exc_work *w, int exc, const s64 *code)
{
	bool code64 = a->behavior & MACH_EXCEPTION_CODES;
	int b = a->behavior & ~MACH_EXCEPTION_MASK;
	bool identity = b == EXCEPTION_DEFAULT || b == EXCEPTION_STATE_IDENTITY;
	bool state = b == EXCEPTION_STATE || b == EXCEPTION_STATE_IDENTITY;
	u32 st[X86_THREAD_STATE64_COUNT + 2], size, two = 2;
	struct mk_kmsg *kmsg, *reply;
	struct mk_thread *thr = NULL;
	struct mk_port *port = a->port.port, *rp;
	s32 id, i32, nstate = 0;
	u8 *p;
	int kr, i;

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
	kmsg = mk_kmsg_alloc(size, identity ? 2 : 0);
	rp = mk_port_alloc();
	if (!kmsg || !rp) {
		if (kmsg)
			mk_kmsg_free(kmsg);
		if (rp) {
			mk_port_destroy(rp);
			mk_port_put(rp);
		}
		return KERN_RESOURCE_SHORTAGE;
	}
	mk_kmsg_hdr(kmsg)->size = size;
	mk_kmsg_hdr(kmsg)->id = id;
	kmsg->sec_token[1] = 1;		/* the kernel's token */
	p = kmsg->data + sizeof(struct mk_msg_header);
	if (identity) {
		struct mk_port_desc d = {
			.disposition = MACH_MSG_TYPE_PORT_SEND,
			.type = MACH_MSG_PORT_DESCRIPTOR,
		};
		struct mk_port *ports[2] = { thr->port, task->self };

		mk_kmsg_hdr(kmsg)->bits = MACH_MSGH_BITS_COMPLEX;
		p = put(p, &two, 4);
		for (i = 0; i < 2; i++) {
			kmsg->descs[i].offset = p - kmsg->data;
			kmsg->descs[i].type = MACH_MSG_PORT_DESCRIPTOR;
			kmsg->descs[i].right.type = MACH_MSG_TYPE_PORT_SEND;
			mk_port_make_send_right(ports[i], &kmsg->descs[i].right);
			p = put(p, &d, sizeof(d));
		}
	}
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
	/* the request goes to a copy of the handler's send right */
	kmsg->dest = exc_copy_send(&a->port);
	mk_port_make_sonce(rp);
	mk_port_get(rp);
	kmsg->reply.port = rp;
	kmsg->reply.type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	if (kmsg->dest.port)
		mk_kmsg_enqueue(port, kmsg);
	else
		mk_kmsg_destroy(kmsg);	/* its reply right notifies rp */

	kr = KERN_ABORTED;
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

/* Does the parent process hold exception ports for a child to inherit? */
static bool exc_parent_armed(void)
{
	struct mk_task *parent = NULL;
	struct task_struct *p;

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

	if (task && task->exec_id ==
	    READ_ONCE(current->group_leader->self_exec_id))
		return task;
	if (!task && !exc_parent_armed())
		return NULL;
	return mk_task_current();
}

/*
 * XNU's exception_triage: the thread's port, then the task's, then the
 * host's (set only once the module has a host port, mk_exc_host_serve).
 * On XNU the BSD signal comes from the host level's handler; here it is
 * what is left when every level declines.
 */
static int exc_triage(const struct mk_exc_work *w, int exc, const s64 *code)
{
	struct mk_exc_actions *t;
	struct mk_thread *thr;
	struct mk_task *task;
	int kr = KERN_FAILURE, level;

	mutex_lock(&mk_lock);
	task = exc_task();
	if (!task && mk_exc_host)
		task = mk_task_current();	/* the message names the task */
	if (!task) {
		mutex_unlock(&mk_lock);
		return KERN_FAILURE;
	}
	kref_get(&task->ref);
	for (level = 0; level < 3 && !task->dead; level++) {
		if (level == 0) {
			thr = mk_thread_find(task, current);
			t = thr ? thr->exc : NULL;
		} else {
			t = level == 1 ? task->exc : mk_exc_host;
		}
		if (!t || !exc_port_valid(&t->a[exc].port))
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

/* In the faulting thread, from get_signal(), before any dequeue. */
static void mk_exc_work_fn(struct callback_head *cb)
{
	struct mk_exc_work *w = container_of(cb, struct mk_exc_work, cb);
	s64 code[2];
	int exc;

	if (exc_classify(w, &exc, code) && !(current->flags & PF_EXITING) &&
	    !fatal_signal_pending(current) && exc_signal_queued(w->sig) &&
	    exc_triage(w, exc, code) == KERN_SUCCESS)
		exc_discard_signal(w->sig);
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
 * signal_generate, under the target's siglock: a fault's signal is the
 * one force_sig_fault()/force_sig() sends the current thread, from the
 * kernel (si_code > 0), on its way back from an exception (orig_ax is -1
 * there, a system call number after a syscall): kill(), tgkill() and
 * sigqueue() are not exceptions, as on XNU.
 */
static void mk_exc_probe(void *data, int sig, struct kernel_siginfo *info,
			 struct task_struct *t, int group, int result)
{
	struct pt_regs *regs;
	struct mk_exc_work *w;

	if (!atomic_read(&mk_exc_tables) || t != current || group ||
	    result != MK_TRACE_SIGNAL_DELIVERED || !exc_signal(sig) ||
	    info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV ||
	    info->si_code <= 0 || (t->flags & (PF_KTHREAD | PF_EXITING)))
		return;
	regs = task_pt_regs(t);
	if (!user_mode(regs) || (long)regs->orig_ax != -1)
		return;
	w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOWARN);
	if (!w)
		return;		/* the signal goes as without a handler */
	if (!try_module_get(THIS_MODULE)) {
		kfree(w);
		return;
	}
	init_task_work(&w->cb, mk_exc_work_fn);
	w->sig = sig;
	w->si_code = info->si_code;
	w->addr = (unsigned long)info->si_addr;
	w->trapnr = t->thread.trap_nr;
	w->err = t->thread.error_code;
	w->cr2 = t->thread.cr2;
	w->cpu = raw_smp_processor_id();
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
