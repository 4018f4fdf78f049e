// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: module entry and exit.  Subsystems start in dependency order
 * and stop in reverse.
 */
#include <linux/module.h>
#include <linux/mach_dev.h>
#include "dev.h"
#include "exception.h"
#include "host.h"
#include "kmsg_alloc.h"
#include "limits.h"
#include "locking.h"
#include "netlink.h"
#include "port.h"
#include "space.h"
#include "stats.h"
#include "suspend.h"
#include "sync.h"
#include "task.h"

/* the IPC lock: see the locking comment in locking.h */
DEFINE_MUTEX(mk_lock);
struct mk_stats mk_stats;

static int __init mach_init(void)
{
	int ret;

	ret = mk_limits_init();
	if (ret)
		return ret;
	ret = mk_space_init();
	if (ret)
		return ret;
	ret = mk_port_init();
	if (ret)
		goto err_port;
	ret = mk_task_init();
	if (ret)
		goto err_task;
	ret = mk_nl_init();
	if (ret)
		goto err_nl;
	ret = mk_timer_init();
	if (ret)
		goto err_timer;
	ret = mk_host_init();
	if (ret)
		goto err_host;
	ret = mk_dev_init();
	if (ret)
		goto err_dev;
	mk_debugfs_init();
	mk_suspend_init();
	mk_exc_init();
	pr_info("Mach IPC loaded, ABI %d\n", MACH_DEV_ABI_VERSION);
	return 0;
err_dev:
	mk_host_exit();
err_host:
	mk_timer_exit();
err_timer:
	mk_nl_exit();
err_nl:
	mk_task_exit();
err_task:
	mk_port_exit();
err_port:
	mk_space_exit();
	return ret;
}

static void __exit mach_exit(void)
{
	mk_debugfs_exit();
	mk_dev_exit();		/* no new callers */
	mk_exc_exit();		/* before the RCU Tasks wait in suspend */
	mk_suspend_exit();
	mk_task_exit();		/* tear down what processes left behind */
	mk_host_exit();		/* after the tasks: no right left to it */
	mk_nl_exit();		/* no task left to send an event */
	mk_timer_exit();	/* timers died with their ports */
	rcu_barrier();
	mk_msg_exit();
	mk_port_exit();
	mk_space_exit();
	mk_limits_exit();
}

module_init(mach_init);
module_exit(mach_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Mach tasks and Mach IPC on /dev/mach");
MODULE_AUTHOR("linux-mach developers");
