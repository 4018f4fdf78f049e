/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: the module's return-code domain.  A Mach return code (KERN_*,
 * the mach_msg_return_t codes MACH_SEND_* and MACH_RCV_*, MIG_*) is a
 * kern_return_t; a negative errno stays a plain int.  sparse (make module
 * C=1) warns where one is used as the other (Documentation/abi.rst).
 */
#ifndef _MACH_KERN_RETURN_H
#define _MACH_KERN_RETURN_H

#include <linux/compiler.h>
#include <linux/types.h>

/* XNU: mach_msg_return_t is a kern_return_t; one type for every code */
typedef int __bitwise kern_return_t;

/* the uapi headers write every code as __MACH_KR(n) */
#define __MACH_KR(x)	((__force kern_return_t)(x))

/* A code leaves for userspace: an ioctl field, a reply's RetCode, a trailer. */
static inline s32 mk_kr_to_user(kern_return_t kr)
{
	return (__force s32)kr;
}

/* A code comes back from userspace or a message: the inverse. */
static inline kern_return_t mk_kr_from_user(s32 v)
{
	return (__force kern_return_t)v;
}

#endif /* _MACH_KERN_RETURN_H */
