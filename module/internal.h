/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: declarations shared between the files of mach.ko.
 */
#ifndef _MACH_INTERNAL_H
#define _MACH_INTERNAL_H

#include <linux/fs.h>

int mk_dev_init(void);
void mk_dev_exit(void);
long mk_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _MACH_INTERNAL_H */
