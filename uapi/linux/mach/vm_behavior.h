/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's mach_vm_behavior_set values (<mach/vm_behavior.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_VM_BEHAVIOR_H
#define _UAPI_LINUX_MACH_VM_BEHAVIOR_H

#include <linux/types.h>

#define VM_BEHAVIOR_DEFAULT		((__s32)0)
#define VM_BEHAVIOR_RANDOM		((__s32)1)
#define VM_BEHAVIOR_SEQUENTIAL		((__s32)2)
#define VM_BEHAVIOR_RSEQNTL		((__s32)3)
#define VM_BEHAVIOR_WILLNEED		((__s32)4)
#define VM_BEHAVIOR_DONTNEED		((__s32)5)
#define VM_BEHAVIOR_FREE		((__s32)6)
#define VM_BEHAVIOR_ZERO_WIRED_PAGES	((__s32)7)
#define VM_BEHAVIOR_REUSABLE		((__s32)8)
#define VM_BEHAVIOR_REUSE		((__s32)9)
#define VM_BEHAVIOR_CAN_REUSE		((__s32)10)
#define VM_BEHAVIOR_PAGEOUT		((__s32)11)
#define VM_BEHAVIOR_ZERO		((__s32)12)

#endif /* _UAPI_LINUX_MACH_VM_BEHAVIOR_H */
