// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: module entry and exit.  Subsystems start in dependency order
 * and stop in reverse.
 */
#include <linux/module.h>
#include "internal.h"

static int __init mach_init(void)
{
	int ret;

	ret = mk_dev_init();
	if (ret)
		return ret;
	pr_info("Mach IPC loaded\n");
	return 0;
}

static void __exit mach_exit(void)
{
	mk_dev_exit();
}

module_init(mach_init);
module_exit(mach_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Mach tasks and Mach IPC on /dev/mach");
MODULE_AUTHOR("linux-mach developers");
