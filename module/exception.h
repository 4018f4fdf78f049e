/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: exception ports and the delivery of CPU faults (exception.c). */
#ifndef _MACH_EXCEPTION_H
#define _MACH_EXCEPTION_H

#include <linux/types.h>

struct mk_task;
struct mk_thread;
struct mk_kmsg;
struct mk_exc_actions;

int mk_exc_task_serve(struct mk_task *task, struct mk_kmsg *req,
		      struct mk_kmsg **replyp);
int mk_exc_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
			struct mk_kmsg **replyp);
/* host_{set,get,swap}_exception_ports (414-416), for the host port */
int mk_exc_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp);
void mk_exc_inherit(struct mk_task *task, struct mk_task *from, bool exec);
void mk_exc_free(struct mk_exc_actions **exc);
void mk_exc_init(void);
void mk_exc_exit(void);

#endif /* _MACH_EXCEPTION_H */
