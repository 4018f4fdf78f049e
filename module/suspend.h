/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: task and thread suspension (suspend.c). */
#ifndef _MACH_SUSPEND_H
#define _MACH_SUSPEND_H

#include <linux/types.h>

#include "kern_return.h"

struct task_struct;
struct mk_task;
struct mk_thread;
struct mk_port;
struct mk_right;

void mk_suspend_init(void);
void mk_suspend_exit(void);
kern_return_t mk_task_suspend(struct mk_task *caller, struct mk_task *task);
kern_return_t mk_task_resume(struct mk_task *caller, struct mk_task *task);
kern_return_t mk_task_suspend2(struct mk_task *task, struct mk_right *token);
kern_return_t mk_task_resume2(struct mk_task *task);
void mk_suspend_wait(struct mk_task *task);
void mk_resume_no_senders(struct mk_port *port);
void mk_resume_token_dropped(struct mk_port *port);
void mk_suspend_task_dead(struct mk_task *task);
bool mk_task_job_stopped(struct mk_task *task);
int mk_task_stop_holds(struct mk_task *task);
kern_return_t mk_thread_suspend(struct mk_thread *thr, struct task_struct *t);
kern_return_t mk_thread_resume(struct mk_thread *thr);
void mk_thread_suspend_wait(struct mk_thread *thr);

#endif /* _MACH_SUSPEND_H */
