/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: pinned out-of-line pages.  A large region sent with
 * deallocate set to a plain port is not copied into a kernel buffer: the
 * sender's pages are pinned at send, the sender's range is unmapped as
 * before, and the receiver's new mapping is filled from the pinned pages
 * (one copy instead of two).  Documentation/messages.rst.
 */
#ifndef _MACH_OOL_PAGES_H
#define _MACH_OOL_PAGES_H

#include <linux/types.h>

struct mk_kmsg;
struct mk_kdesc;

/* the pages under one descriptor's region; offset: of its first byte */
struct mk_ool_pages {
	unsigned long npages;
	u32 offset;
	struct page *pages[];
};

bool mk_ool_pages_pin(struct mk_kmsg *kmsg, struct mk_kdesc *d,
		      u64 address, bool deallocate);
int mk_ool_pages_copy_to_user(const struct mk_ool_pages *p,
			      void __user *dst, u32 size);
void mk_ool_pages_release(struct mk_kdesc *d);

#endif /* _MACH_OOL_PAGES_H */
