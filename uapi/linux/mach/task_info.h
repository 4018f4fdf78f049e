/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's task_info flavors and exception-guard behaviors
 * (<mach/task_info.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_TASK_INFO_H
#define _UAPI_LINUX_MACH_TASK_INFO_H

#define TASK_BASIC_INFO_32	4
#define TASK_BASIC_INFO_64	5
#define TASK_BASIC_INFO		TASK_BASIC_INFO_64

#define TASK_THREAD_TIMES_INFO	3

/* Times in mach_absolute_time() units (ns here); totals include the dead. */
#define TASK_ABSOLUTETIME_INFO	1

#define TASK_BASIC2_INFO_32	6

#define TASK_SECURITY_TOKEN	13

#define TASK_AUDIT_TOKEN	15

#define MACH_TASK_BASIC_INFO	20

/* the memory and event flavors (module/vm.c) */
#define TASK_EVENTS_INFO	2

#define TASK_VM_INFO		22
#define TASK_VM_INFO_PURGEABLE	23

/* not served (KERN_INVALID_ARGUMENT): declared for Darwin code */
#define TASK_AFFINITY_TAG_INFO	16

/* whether the task is 64-bit */
#define TASK_FLAGS_INFO		28
#define TF_LP64			0x00000001
#define TF_64B_DATA		0x00000002

/* where dyld's image list is: none on Linux (module/task_info.c) */
#define TASK_DYLD_INFO		17
#define TASK_DYLD_ALL_IMAGE_INFO_32	0
#define TASK_DYLD_ALL_IMAGE_INFO_64	1

/* development kernels only: KERN_NOT_SUPPORTED, as release XNU */
#define TASK_DEBUG_INFO_INTERNAL	29

#define TASK_EXC_GUARD_NONE		0x00
#define TASK_EXC_GUARD_VM_DELIVER	0x01
#define TASK_EXC_GUARD_VM_ONCE		0x02
#define TASK_EXC_GUARD_VM_CORPSE	0x04
#define TASK_EXC_GUARD_VM_FATAL		0x08
#define TASK_EXC_GUARD_VM_ALL		0x0f
#define TASK_EXC_GUARD_MP_DELIVER	0x10
#define TASK_EXC_GUARD_MP_ONCE		0x20
#define TASK_EXC_GUARD_MP_CORPSE	0x40
#define TASK_EXC_GUARD_MP_FATAL		0x80
#define TASK_EXC_GUARD_MP_ALL		0xf0
#define TASK_EXC_GUARD_ALL		0xff

#endif /* _UAPI_LINUX_MACH_TASK_INFO_H */
