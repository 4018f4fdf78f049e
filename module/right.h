/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: rights in flight and the moves of rights between a space and
 * a message (right.c).
 */
#ifndef _MACH_RIGHT_H
#define _MACH_RIGHT_H

#include <linux/types.h>

#include "kern_return.h"

struct mk_port;
struct mk_space;
struct mk_entry;

/* in-flight rights: a port reference plus the right's count */
struct mk_right {
	struct mk_port *port;		/* NULL: MACH_PORT_NULL, or dead */
	u8 type;			/* MACH_MSG_TYPE_PORT_{RECEIVE,SEND,SEND_ONCE} */
	bool dead;			/* MACH_PORT_DEAD travels */
};

kern_return_t mk_right_dealloc(struct mk_space *space, u32 name);
kern_return_t mk_right_destroy(struct mk_space *space, u32 name);
kern_return_t mk_right_delta(struct mk_space *space, u32 name, u32 right, s32 delta);
void mk_right_drop_entry(struct mk_space *space, u32 name,
			 struct mk_entry *entry);

kern_return_t mk_right_copyin(struct mk_space *space, u32 name, u32 disposition,
			      struct mk_right *out);
kern_return_t mk_right_copyin_guarded(struct mk_space *space, u32 name,
				      u64 context, u16 *flags,
				      struct mk_right *out);
kern_return_t mk_right_copyin_check(struct mk_space *space, u32 name, u32 disposition);
/* the same, for a caller that has looked @name up already (@entry or NULL) */
kern_return_t mk_right_copyin_entry(struct mk_space *space, u32 name,
				    struct mk_entry *entry, u32 disposition,
				    struct mk_right *out);
kern_return_t mk_right_copyin_check_entry(struct mk_space *space, u32 name,
					  struct mk_entry *entry, u32 disposition);
kern_return_t mk_right_copyout(struct mk_space *space, struct mk_right *r, u32 *namep);
kern_return_t mk_right_copyout_name(struct mk_space *space, struct mk_right *r,
				    u32 name);
void mk_right_release(struct mk_right *r);
void mk_right_release_used(struct mk_right *r);

void mk_guard_violation(u32 name, int code);

#endif /* _MACH_RIGHT_H */
