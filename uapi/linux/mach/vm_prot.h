/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's protection bits (<mach/vm_prot.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_VM_PROT_H
#define _UAPI_LINUX_MACH_VM_PROT_H

#include <linux/types.h>

#define VM_PROT_NONE		((__s32)0x00)
#define VM_PROT_READ		((__s32)0x01)
#define VM_PROT_WRITE		((__s32)0x02)
#define VM_PROT_EXECUTE		((__s32)0x04)
#define VM_PROT_DEFAULT		(VM_PROT_READ | VM_PROT_WRITE)
#define VM_PROT_ALL		(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)
#define VM_PROT_NO_CHANGE	((__s32)0x08)
#define VM_PROT_COPY		((__s32)0x10)
#define VM_PROT_WANTS_COPY	((__s32)0x10)
#define VM_PROT_TRUSTED		((__s32)0x20)
#define VM_PROT_IS_MASK		((__s32)0x40)
#define VM_PROT_STRIP_READ	((__s32)0x80)
#define VM_PROT_EXECUTE_ONLY	(VM_PROT_EXECUTE | VM_PROT_STRIP_READ)
#define VM_PROT_TPRO		((__s32)0x200)
#define VM_PROT_ALLEXEC		(VM_PROT_EXECUTE)

#endif /* _UAPI_LINUX_MACH_VM_PROT_H */
