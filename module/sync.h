/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: semaphores (semaphore.c), mk_timer (mk_timer.c) and pollable
 * port descriptors (port_fd.c).  Documentation/sync.rst.
 */
#ifndef _MACH_SYNC_H
#define _MACH_SYNC_H

#include <linux/types.h>

#include "kern_return.h"

struct mk_task;
struct mk_port;
struct mk_kmsg;
struct seq_file;

/* semaphore.c */
kern_return_t mk_semaphore_create_mig(struct mk_task *task, struct mk_kmsg *req,
				      struct mk_kmsg **replyp);
kern_return_t mk_semaphore_destroy_mig(struct mk_task *task, struct mk_kmsg *req);
void mk_semaphore_no_senders(struct mk_port *port);
void mk_semaphore_task_dead(struct mk_task *task);
long mk_sema_ioctl(unsigned int cmd, void __user *uarg);

/* mk_timer.c */
int mk_timer_init(void);
void mk_timer_exit(void);
void mk_timer_port_destroyed(struct mk_port *port);
long mk_timer_ioctl(unsigned int cmd, void __user *uarg);

/* port_fd.c */
long mk_port_fd_ioctl(void __user *uarg);

/* debugfs mach/stats: the counters of all three */
void mk_sync_stats_show(struct seq_file *m);
void mk_sync_sema_stats(struct seq_file *m);
void mk_sync_timer_stats(struct seq_file *m);

#endif /* _MACH_SYNC_H */
