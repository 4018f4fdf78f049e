/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's clock ids, clock attribute flavors and alarm types
 * (<mach/clock_types.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_CLOCK_TYPES_H
#define _UAPI_LINUX_MACH_CLOCK_TYPES_H

#define SYSTEM_CLOCK		0
#define CALENDAR_CLOCK		1
#define REALTIME_CLOCK		0

#define CLOCK_GET_TIME_RES	1
#define CLOCK_ALARM_CURRES	3
#define CLOCK_ALARM_MINRES	4
#define CLOCK_ALARM_MAXRES	5

#define ALRMTYPE		0xff
#define TIME_ABSOLUTE		0x00
#define TIME_RELATIVE		0x01

#endif /* _UAPI_LINUX_MACH_CLOCK_TYPES_H */
