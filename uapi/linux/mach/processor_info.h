/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's processor and processor-set info flavors
 * (<mach/processor_info.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_PROCESSOR_INFO_H
#define _UAPI_LINUX_MACH_PROCESSOR_INFO_H

#define PROCESSOR_INFO_MAX	(1024)

#define PROCESSOR_SET_INFO_MAX	(1024)

#define PROCESSOR_BASIC_INFO	1
#define PROCESSOR_CPU_LOAD_INFO	2
#define PROCESSOR_PM_REGS_INFO	0x10000001
#define PROCESSOR_TEMPERATURE	0x10000002

#define LOAD_SCALE	1000

#define PROCESSOR_SET_BASIC_INFO	5

#define PROCESSOR_SET_LOAD_INFO		4

#define PROCESSOR_SET_ENABLED_POLICIES		3

#define PROCESSOR_SET_TIMESHARE_DEFAULT		10
#define PROCESSOR_SET_TIMESHARE_LIMITS		11
#define PROCESSOR_SET_RR_DEFAULT		20
#define PROCESSOR_SET_RR_LIMITS			21
#define PROCESSOR_SET_FIFO_DEFAULT		30
#define PROCESSOR_SET_FIFO_LIMITS		31

#endif /* _UAPI_LINUX_MACH_PROCESSOR_INFO_H */
