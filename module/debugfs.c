// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: read-only debugfs view of the module's object counters,
 * /sys/kernel/debug/mach/stats.  Tests use it to check that everything a
 * test created is gone once its processes have exited.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include "locking.h"
#include "stats.h"
#include "sync.h"

static struct dentry *mk_debugfs_dir;

static int stats_show(struct seq_file *m, void *unused)
{
	struct mk_stats s;

	mutex_lock(&mk_lock);
	s = mk_stats;
	mutex_unlock(&mk_lock);
	seq_printf(m, "spaces %ld\nports %ld\npsets %ld\nentries %ld\nkmsgs %ld\n",
		   s.spaces, s.ports, s.psets, s.entries,
		   atomic_long_read(&s.kmsgs));
	mk_sync_stats_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

void mk_debugfs_init(void)
{
	/* debugfs is optional: failures only lose the view */
	mk_debugfs_dir = debugfs_create_dir("mach", NULL);
	debugfs_create_file("stats", 0444, mk_debugfs_dir, NULL, &stats_fops);
}

void mk_debugfs_exit(void)
{
	debugfs_remove_recursive(mk_debugfs_dir);
}
