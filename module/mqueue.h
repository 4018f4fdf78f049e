/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: a port's message queue (mqueue.c): queueing, the waits of
 * senders for room and of receivers for a message, and their wake-ups.
 * Everything here runs under mk_lock; the waits drop it while asleep.
 */
#ifndef _MACH_MQUEUE_H
#define _MACH_MQUEUE_H

#include <linux/types.h>

#include "kern_return.h"

struct mk_port;
struct mk_pset;
struct mk_space;
struct mk_kmsg;
struct msg_call;

bool mk_mqueue_over_budget(size_t bytes);
bool mk_kmsg_is_circular(struct mk_kmsg *kmsg, struct mk_port *dest);
void mk_kmsg_enqueue(struct mk_port *port, struct mk_kmsg *kmsg);
kern_return_t mk_mqueue_send(struct mk_port *port, struct mk_kmsg *kmsg, u32 option,
			     u32 timeout_ms);
void mk_mqueue_destroy(struct mk_port *port);

kern_return_t mk_mqueue_rcv_lookup(struct mk_space *space, u32 name,
				   struct mk_port **portp, struct mk_pset **psetp);
kern_return_t mk_mqueue_rcv_find(struct msg_call *m, struct mk_space *space,
				 struct mk_port *want, struct mk_pset *pset,
				 struct mk_port **portp);
void mk_mqueue_dequeue(struct mk_port *port, struct mk_kmsg *kmsg);

#endif /* _MACH_MQUEUE_H */
