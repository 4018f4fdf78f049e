/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: kernel objects answering messages sent to them (kobject.c). */
#ifndef _MACH_KOBJECT_H
#define _MACH_KOBJECT_H

#include <linux/types.h>

#include "port.h"

struct mk_task;
struct mk_thread;
struct mk_kmsg;
struct mig_call;

/* What a kernel-object type does (the table is in kobject.c). */
struct mk_kobject_ops {
	/* a message sent to the object, served in the sender's context */
	kern_return_t (*serve)(struct mig_call *c, struct mk_port *port);
	/* the last send right went: instead of a no-senders notification */
	void (*no_senders)(struct mk_port *port);
	/* a send-once right destroyed unused (sorights already dropped) */
	void (*sonce_dropped)(struct mk_port *port);
};

extern const struct mk_kobject_ops mk_kobject_ops[MK_KOBJ_COUNT];

static inline const struct mk_kobject_ops *
mk_kobject_ops_of(const struct mk_port *port)
{
	return &mk_kobject_ops[port->kotype];
}

struct mk_task *mk_kobject_server(struct mk_task *caller, struct mk_kmsg *req,
				  struct mk_thread **wait_thr);
struct mk_kmsg *mk_mig_reply_alloc(struct mk_kmsg *req, u32 size, u32 ndesc);
kern_return_t mk_mig_send_right_reply(struct mk_kmsg *req, struct mk_port *port,
				      struct mk_kmsg **replyp);
void mk_thread_flavor_ports_kill(struct mk_thread *thr);

#endif /* _MACH_KOBJECT_H */
