/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's inheritance values (<mach/vm_inherit.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_VM_INHERIT_H
#define _UAPI_LINUX_MACH_VM_INHERIT_H

#include <linux/types.h>

#define VM_INHERIT_SHARE	((__u32)0)
#define VM_INHERIT_COPY		((__u32)1)
#define VM_INHERIT_NONE		((__u32)2)
#define VM_INHERIT_DONATE_COPY	((__u32)3)	/* not supported */
#define VM_INHERIT_DEFAULT	VM_INHERIT_COPY
#define VM_INHERIT_LAST_VALID	VM_INHERIT_NONE

#endif /* _UAPI_LINUX_MACH_VM_INHERIT_H */
