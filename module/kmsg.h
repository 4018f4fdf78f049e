/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: a message in the kernel (kmsg.c: its lifetime).  data[] holds
 * the message in the user layout (header, body, descriptors, inline data);
 * the rights and memory it carries are held in dest/reply and descs[] and
 * are written back into data[] at copyout, in the receiver's terms.
 */
#ifndef _MACH_KMSG_H
#define _MACH_KMSG_H

#include <linux/list.h>
#include <linux/types.h>
#include "mach_types.h"
#include "right.h"

struct mk_ool_pages;
struct mk_user;

/* user header, LP64 layout */
struct mk_msg_header {
	u32 bits;
	u32 size;
	u32 remote;
	u32 local;
	u32 voucher;
	s32 id;
};

/* the largest trailer a receive can ask for; data[] always has room */
#define MK_TRAILER_MAX		68

/* descriptors, LP64 layouts (12, 16 and 16 bytes) */
struct mk_port_desc {
	u32 name;
	u32 pad1;
	u16 pad2;
	u8 disposition;
	u8 type;
} __packed;

struct mk_ool_desc {
	u64 address;
	u8 deallocate;
	u8 copy;
	u8 disposition;		/* pad1 for memory, disposition for ports */
	u8 type;
	u32 size;		/* bytes, or port count */
} __packed;

/* mach_msg_guarded_port_descriptor64_t */
struct mk_guarded_desc {
	u64 context;
	u16 flags;		/* MACH_MSG_GUARD_FLAGS_* */
	u8 disposition;
	u8 type;
	u32 name;
} __packed;

struct mk_kdesc {
	u32 offset;		/* of the descriptor in data[] */
	u8 type;
	struct mk_right right;	/* port or guarded port descriptor */
	u16 guard_flags;	/* guarded: the flags after copyin */
	bool narrowed;		/* guarded, given out as a port descriptor */
	void *ool;		/* memory bytes, or struct mk_right[count] */
	u32 count;
	u8 copy;
	bool rights_in;		/* ool holds struct mk_right[count] */
	struct mk_ool_pages *pages;	/* ool_pages.c: pinned, ool NULL */
};

struct mk_kmsg {
	struct list_head node;
	struct mk_right dest;		/* .type: how it was sent (17/18) */
	struct mk_right reply;
	u32 size;			/* msgh_size */
	u32 ndesc;
	struct mk_kdesc *descs;		/* after data[], or descs_own */
	bool descs_own;
	bool frag;			/* a page fragment, else kvmalloc */
	size_t charge;			/* bytes charged to the queue */
	struct mk_user *user;		/* sender charged @charge (limits.c) */
	u32 sec_token[2];
	u32 audit[8];
	u8 data[];
};

static inline struct mk_msg_header *mk_kmsg_hdr(struct mk_kmsg *kmsg)
{
	return (struct mk_msg_header *)kmsg->data;
}

/* kmsg.c */
struct mk_kmsg *mk_kmsg_alloc(u32 size, u32 ndesc);
struct mk_kmsg *mk_kmsg_alloc_user(u32 size);
void mk_kmsg_free(struct mk_kmsg *kmsg);
void mk_kdesc_release(struct mk_kdesc *d);
void mk_kmsg_destroy(struct mk_kmsg *kmsg);

#endif /* _MACH_KMSG_H */
