/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: exception ports (exception_ports.c: registration) and the
 * delivery of CPU faults (exception.c); what both share: XNU's numbers and
 * the action tables.
 */
#ifndef MK_EXCEPTION_H
#define MK_EXCEPTION_H

#include <linux/types.h>
#include "kern_return.h"
#include "kmsg.h"
#include "mig_ids.h"
#include "port.h"

struct mk_task;
struct mk_thread;
struct mk_kmsg;
struct mk_exc_actions;

kern_return_t mk_exc_task_serve(struct mk_task *task, struct mk_kmsg *req,
				struct mk_kmsg **replyp);
kern_return_t mk_exc_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
				  struct mk_kmsg **replyp);
/* host_{set,get,swap}_exception_ports (414-416), for the host port */
kern_return_t mk_exc_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp);
void mk_exc_inherit(struct mk_task *task, struct mk_task *from, bool exec);
void mk_exc_free(struct mk_exc_actions **exc);
void mk_exc_init(void);
void mk_exc_exit(void);

/*
 * The exception numbers, behaviors and x86 codes are uapi's
 * <linux/mach/exception_types.h> and <linux/mach/i386_exception.h>; the
 * masks a port may be set for:
 */
#define EXC_MASK_VALID		0x3ffeu		/* 1 << 1 ... 1 << 13 */

/* flavors (<mach/i386/thread_status.h>) */
#define X86_THREAD_STATE64	4
#define X86_EXCEPTION_STATE64	6
#define X86_THREAD_STATE	7
#define X86_EXCEPTION_STATE	9
#define X86_THREAD_STATE64_COUNT 42
#define X86_EXCEPTION_STATE64_COUNT 4
#define THREAD_STATE_MAX	614

/*
 * The MIG ids (EXC_RAISE, MACH_EXC_RAISE, the exception-port routines'
 * subsystems and positions) are mig_ids.h's.
 */
#define EXC_ARRAY_MAX		32	/* exception_mask_array_t's bound */

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
	bool crashed;		/* a task's: EXC_CRASH raised, once */
};

extern atomic_t mk_exc_tables;
extern struct mk_exc_actions *mk_exc_host;

struct mk_exc_actions *mk_exc_table_alloc(void);
struct mk_right mk_exc_copy_send(const struct mk_right *r);

static inline bool mk_exc_port_valid(const struct mk_right *r)
{
	return r->port && r->port->active;
}

/* thread_debug.c: x86_DEBUG_STATE64 and x86_DEBUG_STATE (mk_lock held) */
bool mk_thread_debug_flavor(s32 flavor);
kern_return_t mk_thread_debug_set(struct mk_thread *thr, struct task_struct *t,
				  s32 flavor, const u32 *state, u32 count);
int mk_thread_debug_get(struct mk_thread *thr, s32 flavor, u32 count, u32 *s);
void mk_thread_debug_free(struct mk_thread *thr);

#endif
