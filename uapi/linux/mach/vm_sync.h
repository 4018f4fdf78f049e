/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's mach_vm_msync flags (<mach/vm_sync.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_VM_SYNC_H
#define _UAPI_LINUX_MACH_VM_SYNC_H

#include <linux/types.h>

#define VM_SYNC_ASYNCHRONOUS	((__u32)0x01)
#define VM_SYNC_SYNCHRONOUS	((__u32)0x02)
#define VM_SYNC_INVALIDATE	((__u32)0x04)
#define VM_SYNC_KILLPAGES	((__u32)0x08)
#define VM_SYNC_DEACTIVATE	((__u32)0x10)
#define VM_SYNC_CONTIGUOUS	((__u32)0x20)
#define VM_SYNC_REUSABLEPAGES	((__u32)0x40)

#endif /* _UAPI_LINUX_MACH_VM_SYNC_H */
