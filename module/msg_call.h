/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: one mach_msg call, shared by the files of the message path:
 * msg.c (the entry), msg_copyin.c (sender -> kernel), msg_copyout.c
 * (kernel -> receiver) and mqueue.c (the option bits).
 */
#ifndef _MACH_MSG_CALL_H
#define _MACH_MSG_CALL_H

#include <linux/types.h>
#include <linux/mach_dev.h>
#include "mach_types.h"

struct mk_task;
struct mk_thread;
struct mk_kmsg;
struct mk_port;
struct mk_space;

/* One mach_msg call; set up field by field (no zeroing of the lot). */
struct msg_call {
	struct mach_msg_args a;
	struct mk_task *task;
	struct mk_kmsg *kmsg;		/* being sent, or received */
	u64 context;			/* trailer: the port's, at dequeue */
	u32 seqno;			/* trailer: the message's */
	u32 trailer_size;
	bool pseudo;			/* handing a failed send back */
	bool handed;			/* a sender did the receive for us */
	kern_return_t handed_mr;	/* ... and its result */
	struct mk_task *wait_for;	/* task_suspend: wait after unlock */
	struct mk_thread *wait_thr;	/* thread_suspend: that thread only */
};

/* msg.c */
struct mk_task *mk_msg_task(struct msg_call *m);
kern_return_t mk_msg_rcv_take(struct msg_call *m, struct mk_space *space,
			      struct mk_port *port, struct mk_kmsg *kmsg);

/* msg_copyin.c: the sender's message into the kernel */
int mk_msg_copy_from_user(void *dst, const void __user *src, u32 size);
kern_return_t mk_msg_validate(struct msg_call *m);
kern_return_t mk_msg_copyin(struct msg_call *m);

/* msg_copyout.c: a message out to its receiver, or back to its sender */
u32 mk_msg_trailer_size(u32 option);
kern_return_t mk_msg_copyout_header(struct msg_call *m, struct mk_space *space,
				    u32 dest_name);
kern_return_t mk_msg_copyout_body(struct msg_call *m, struct mk_space *space);
void mk_msg_destroy_to_header(struct msg_call *m, u32 dest_name);
kern_return_t mk_msg_put_user(struct msg_call *m, void __user *buf);
void mk_msg_pseudo_receive(struct msg_call *m);

#endif /* _MACH_MSG_CALL_H */
