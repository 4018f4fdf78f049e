/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: mach_msg, the MACH_IOC_MSG ioctl (msg.c). */
#ifndef _MACH_MSG_H
#define _MACH_MSG_H

long mk_msg_ioctl(void __user *uarg);

#endif /* _MACH_MSG_H */
