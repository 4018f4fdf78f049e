/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: threads with a thread port (thread.c). */
#ifndef _MACH_THREAD_H
#define _MACH_THREAD_H

#include <linux/list.h>
#include <linux/types.h>
#include "kern_return.h"
#include "thread_policy.h"

struct pid;
struct task_struct;
struct mk_task;
struct mk_port;
struct mk_kmsg;
struct mk_exc_actions;

/* A Linux thread with a thread port. */
struct mk_thread {
	struct list_head node;		/* on task->threads, under mk_lock */
	struct pid *pid;		/* the thread's own pid (a ref) */
	struct mk_port *port;		/* kobject port, NULL once dead */
	struct mk_port *read;		/* read port, on demand (kobject.c) */
	struct mk_port *inspect;	/* inspect port, on demand */
	/* owner, no ref: threads are freed with their task (mk_threads_free) */
	struct mk_task *task;
	int user_stop_count;		/* thread_suspend holds */
	bool dead;
	struct mk_exc_actions *exc;	/* exception ports (exception.c) */
	struct mk_thread_debug *dbg;	/* debug registers (thread_debug.c) */
	struct mk_thread_policy policy;	/* thread_policy_set (thread_policy.c) */
};

struct mk_thread *mk_thread_of(struct mk_task *task, struct task_struct *t);
struct mk_thread *mk_thread_find(struct mk_task *task, struct task_struct *t);
void mk_threads_task_dead(struct mk_task *task);
void mk_threads_free(struct mk_task *task);
void mk_thread_watch_start(void);
void mk_thread_watch_stop(void);
kern_return_t mk_thread_self_name(struct mk_task *task, u32 *namep);
kern_return_t mk_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
			      struct mk_kmsg **replyp);
kern_return_t mk_task_threads(struct mk_task *task, struct mk_kmsg *req,
			      struct mk_kmsg **replyp);
void mk_thread_state64_get(struct task_struct *t, u64 *s);
void mk_thread_state64_set(struct task_struct *t, const u64 *s);

#endif /* _MACH_THREAD_H */
