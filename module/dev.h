/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: the /dev/mach character device (dev.c). */
#ifndef _MACH_DEV_H
#define _MACH_DEV_H

struct file;

int mk_dev_init(void);
void mk_dev_exit(void);
long mk_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _MACH_DEV_H */
