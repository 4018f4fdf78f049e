/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: the mach_port_* calls, shared by port_ops.c (names, rights,
 * sets, and the ioctl table) and port_attr.c (requests, attributes,
 * context, guards, peek, construct and destruct).
 */
#ifndef _MACH_PORT_OPS_H
#define _MACH_PORT_OPS_H

#include <linux/types.h>
#include <linux/mach_dev.h>
#include "mach_types.h"

struct mk_task;
struct mk_space;
struct mk_entry;

/* mach_port_peek's trailers: format 0 up to the audit trailer */
#define MK_PEEK_TRAILER_MAX	52

struct port_call {
	struct mach_port_args a;
	struct mk_task *task;		/* the caller */
	struct mk_space *space;		/* the target space */
	s32 ints[MACH_PORT_RECEIVE_STATUS_COUNT];	/* attributes */
	struct mk_port_options opts;	/* construct */
	u32 *names, *types;		/* names / set status, kvmalloc'd */
	u32 nr;
	u32 trailer[MK_PEEK_TRAILER_MAX / 4];	/* peek */
	struct mach_ipc_info_name *infos;	/* space info, kvmalloc'd */
	struct mach_ipc_info_space sinfo;
};

/* port_ops.c */
kern_return_t mk_port_lookup_receive(struct mk_space *space, u32 name,
				     kern_return_t null_kr,
				     struct mk_entry **entryp);
kern_return_t mk_port_alloc_right(struct mk_space *space, u32 right, u32 *namep,
				  bool named);

/* port_attr.c: one per ioctl, called under mk_lock */
kern_return_t mk_port_request_notify(struct port_call *c);
kern_return_t mk_port_get_attributes(struct port_call *c);
kern_return_t mk_port_set_attributes(struct port_call *c);
kern_return_t mk_port_get_context(struct port_call *c);
kern_return_t mk_port_set_context(struct port_call *c);
kern_return_t mk_port_guard(struct port_call *c);
kern_return_t mk_port_unguard(struct port_call *c);
kern_return_t mk_port_guard_with_flags(struct port_call *c);
kern_return_t mk_port_swap_guard(struct port_call *c);
kern_return_t mk_port_peek(struct port_call *c);
kern_return_t mk_port_construct(struct port_call *c);
kern_return_t mk_port_destruct(struct port_call *c);
kern_return_t mk_port_set_mscount(struct port_call *c);

/* port_space_info.c */
kern_return_t mk_port_space_info(struct port_call *c);
kern_return_t mk_port_kobject(struct port_call *c);

#endif /* _MACH_PORT_OPS_H */
