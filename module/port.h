/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: ports (port.c: lifetime, rights counts, requests) and the
 * port ioctls (port_ops.c).
 */
#ifndef _MACH_PORT_H
#define _MACH_PORT_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/wait.h>
#include "mach_types.h"

struct mk_space;
struct mk_right;
struct mk_user;

/* What kind of kernel object a port stands for (0: a plain user port). */
enum mk_kobject_type {
	MK_KOBJ_NONE = 0,
	MK_KOBJ_TASK,
	MK_KOBJ_RESUME,			/* a task's suspension tokens */
	MK_KOBJ_THREAD,
	MK_KOBJ_TASK_NAME,		/* read-only: task_info, pid_for_task */
	MK_KOBJ_TASK_READ,		/* XNU's IKOT_TASK_READ: no control */
	MK_KOBJ_TASK_INSPECT,		/* XNU's IKOT_TASK_INSPECT: info only */
	MK_KOBJ_THREAD_READ,		/* XNU's IKOT_THREAD_READ */
	MK_KOBJ_THREAD_INSPECT,		/* XNU's IKOT_THREAD_INSPECT */
	MK_KOBJ_SEMAPHORE,		/* semaphore.c: kobject is the semaphore */
	MK_KOBJ_TIMER,			/* mk_timer.c: a receive right, queued */
	MK_KOBJ_HOST,			/* host.c: mach_host_self() */
	MK_KOBJ_HOST_PRIV,		/* reserved: host_priv */
	MK_KOBJ_CLOCK,			/* host.c: a clock service */
	MK_KOBJ_MEMORY_ENTRY,		/* memory_entry.c: XNU's named entry */
	MK_KOBJ_TASK_ID_TOKEN,		/* task_ident.c: XNU's IKOT_TASK_ID_TOKEN */
	MK_KOBJ_PSET,			/* processor_set.c: XNU's IKOT_PSET */
	MK_KOBJ_PSET_NAME,		/* processor_set.c: IKOT_PSET_NAME */
	MK_KOBJ_COUNT
};

/* A registered dead-name request: fires a MACH_NOTIFY_DEAD_NAME. */
struct mk_dnrequest {
	struct hlist_node node;		/* on port->dnrequests */
	/*
	 * The space naming the port, no reference: the request hangs off
	 * that space's entry (entry->dnreq) and is cancelled when the name
	 * goes, which every entry does before its space is destroyed.
	 */
	struct mk_space *space;
	u32 name;
	struct mk_port *notify;		/* send-once right (a port ref) */
	bool fired;			/* port died; notify already sent */
};

struct mk_port {
	struct kref ref;
	u8 kotype;			/* enum mk_kobject_type */
	bool active;
	/* under mk_lock, as every write to this byte */
	bool guarded:1;
	bool strict_guard:1;
	bool immovable_receive:1;

	/* receive right: owning space and its name there, or in flight */
	u32 receiver_name;
	u32 srights;			/* send rights anywhere (incl. in msgs) */
	u32 sorights;			/* send-once rights anywhere */
	u32 mscount;			/* make-send count */
	u32 seqno;
	u32 qlimit;
	u32 msgcount;
	u64 id;				/* stable, never reused */
	void *kobject;
	struct mk_space *receiver;
	/*
	 * In flight and queued: the port whose queue holds the message (XNU's
	 * ip_destination).  No reference: that message's destination right
	 * holds one for as long as this is set.
	 */
	struct mk_port *destination;
	u64 context;
	size_t msgbytes;

	struct list_head messages;	/* struct mk_kmsg, FIFO */
	wait_queue_head_t rcv_wait;	/* receivers on this port */
	wait_queue_head_t snd_wait;	/* senders waiting for queue room */

	struct mk_port *nsrequest;	/* send-once right for no-senders */
	struct mk_port *pdrequest;	/* send-once right for port-destroyed */
	/* unordered: each names a different space (hlist: 8 bytes a head) */
	struct hlist_head dnrequests;	/* struct mk_dnrequest */
	struct hlist_head psets;	/* struct mk_psmember */
	struct mk_user *user;		/* charged for it (limits.c) */
};

/* Entries on a port's dnrequests or psets (for the attribute queries). */
static inline u32 mk_hlist_count(const struct hlist_head *head)
{
	const struct hlist_node *n;
	u32 count = 0;

	hlist_for_each(n, head)
		count++;
	return count;
}

/* port.c */
int mk_port_init(void);
void mk_port_exit(void);
struct mk_port *mk_port_alloc(void);
void mk_port_get(struct mk_port *port);
void mk_port_put(struct mk_port *port);
void mk_port_destroy(struct mk_port *port);
void mk_port_release_send(struct mk_port *port);
void mk_port_release_sonce(struct mk_port *port);
void mk_port_make_send(struct mk_port *port);
void mk_port_make_sonce(struct mk_port *port);
void mk_port_make_send_right(struct mk_port *port, struct mk_right *r);
void mk_port_dnrequest_cancel(struct mk_dnrequest *req, bool notify_deleted);
void mk_port_set_qlimit(struct mk_port *port, u32 qlimit);
void mk_port_clear_receiver(struct mk_port *port);

/* port_ops.c */
long mk_port_ioctl(unsigned int cmd, void __user *uarg);

#endif /* _MACH_PORT_H */
