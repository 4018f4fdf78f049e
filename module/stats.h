/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: module statistics, shown in debugfs mach/stats (debugfs.c). */
#ifndef _MACH_STATS_H
#define _MACH_STATS_H

#include <linux/atomic.h>
#include <linux/types.h>

struct mk_stats {
	long spaces, ports, psets, entries;	/* under mk_lock */
	atomic_long_t kmsgs;			/* also counted outside it */
	long msgs_sent, msgs_received, notifications;	/* under mk_lock */
	u64 ool_bytes;				/* sent out of line, mk_lock */
};

extern struct mk_stats mk_stats;

/* debugfs.c */
void mk_debugfs_init(void);
void mk_debugfs_exit(void);

#endif /* _MACH_STATS_H */
