/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: kernel objects answering messages sent to them (kobject.c). */
#ifndef _MACH_KOBJECT_H
#define _MACH_KOBJECT_H

#include <linux/types.h>

struct mk_task;
struct mk_thread;
struct mk_kmsg;

struct mk_task *mk_kobject_server(struct mk_task *caller, struct mk_kmsg *req,
				  struct mk_thread **wait_thr);
struct mk_kmsg *mk_mig_reply_alloc(struct mk_kmsg *req, u32 size, u32 ndesc);
void mk_thread_flavor_ports_kill(struct mk_thread *thr);

#endif /* _MACH_KOBJECT_H */
