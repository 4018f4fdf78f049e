/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's port names, rights, type bits, attributes,
 * mach_port_construct and guard flags (<mach/port.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_PORT_H
#define _UAPI_LINUX_MACH_PORT_H

#include <linux/types.h>

#define MACH_PORT_NULL		0
#define MACH_PORT_DEAD		((__u32)~0)
#define MACH_PORT_VALID(name) \
	(((name) != MACH_PORT_NULL) && ((name) != MACH_PORT_DEAD))

/* Name layout: index in the upper 24 bits, generation in the low byte. */
#define MACH_PORT_INDEX(name)		((name) >> 8)
#define MACH_PORT_GEN(name)		(((name) & 0xff) << 24)
#define MACH_PORT_MAKE(index, gen)	(((index) << 8) | ((gen) >> 24))

#define MACH_PORT_RIGHT_SEND		((__u32)0)
#define MACH_PORT_RIGHT_RECEIVE		((__u32)1)
#define MACH_PORT_RIGHT_SEND_ONCE	((__u32)2)
#define MACH_PORT_RIGHT_PORT_SET	((__u32)3)
#define MACH_PORT_RIGHT_DEAD_NAME	((__u32)4)
#define MACH_PORT_RIGHT_LABELH		((__u32)5)	/* obsolete */
#define MACH_PORT_RIGHT_NUMBER		((__u32)6)

#define MACH_PORT_TYPE(right) \
	((__u32)(((__u32)1) << ((right) + ((__u32)16))))
#define MACH_PORT_TYPE_NONE		((__u32)0L)
#define MACH_PORT_TYPE_SEND		MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE		MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET		MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME	MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)
#define MACH_PORT_TYPE_LABELH		MACH_PORT_TYPE(MACH_PORT_RIGHT_LABELH)

/* Pseudo bits: a dead-name / send-possible request is registered. */
#define MACH_PORT_TYPE_DNREQUEST		0x80000000
#define MACH_PORT_TYPE_SPREQUEST		0x40000000
#define MACH_PORT_TYPE_SPREQUEST_DELAYED	0x20000000

#define MACH_PORT_TYPE_SEND_RECEIVE \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_SEND_RIGHTS \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_RIGHTS \
	(MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_PORT_OR_DEAD \
	(MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME)
#define MACH_PORT_TYPE_ALL_RIGHTS \
	(MACH_PORT_TYPE_PORT_OR_DEAD | MACH_PORT_TYPE_PORT_SET)

/* User references saturate here (XNU pegs rather than overflowing). */
#define MACH_PORT_UREFS_MAX	((__u32)0xffff)

#define MACH_PORT_SRIGHTS_NONE		0
#define MACH_PORT_SRIGHTS_PRESENT	1

#define MACH_PORT_STATUS_FLAG_TEMPOWNER			0x01
#define MACH_PORT_STATUS_FLAG_GUARDED			0x02
#define MACH_PORT_STATUS_FLAG_STRICT_GUARD		0x04
#define MACH_PORT_STATUS_FLAG_IMP_DONATION		0x08
#define MACH_PORT_STATUS_FLAG_REVIVE			0x10
#define MACH_PORT_STATUS_FLAG_TASKPTR			0x20
#define MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE	0x40
#define MACH_PORT_STATUS_FLAG_NO_GRANT			0x80

/* Queue limits, in messages. */
#define MACH_PORT_QLIMIT_ZERO		0
#define MACH_PORT_QLIMIT_BASIC		5
#define MACH_PORT_QLIMIT_SMALL		16
#define MACH_PORT_QLIMIT_LARGE		1024
#define MACH_PORT_QLIMIT_KERNEL		65534
#define MACH_PORT_QLIMIT_MIN		MACH_PORT_QLIMIT_ZERO
#define MACH_PORT_QLIMIT_DEFAULT	MACH_PORT_QLIMIT_BASIC
#define MACH_PORT_QLIMIT_MAX		MACH_PORT_QLIMIT_LARGE

#define MACH_PORT_LIMITS_INFO		1
#define MACH_PORT_RECEIVE_STATUS	2
#define MACH_PORT_DNREQUESTS_SIZE	3
#define MACH_PORT_TEMPOWNER		4
#define MACH_PORT_IMPORTANCE_RECEIVER	5
#define MACH_PORT_DENAP_RECEIVER	6
#define MACH_PORT_INFO_EXT		7
#define MACH_PORT_GUARD_INFO		8
#define MACH_PORT_SERVICE_THROTTLED	9

#define MACH_PORT_DNREQUESTS_SIZE_COUNT	1

#define MACH_PORT_SERVICE_THROTTLED_COUNT 1

/* mach_port_construct flags. */
#define MPO_CONTEXT_AS_GUARD		0x01
#define MPO_QLIMIT			0x02
#define MPO_TEMPOWNER			0x04
#define MPO_IMPORTANCE_RECEIVER		0x08
#define MPO_INSERT_SEND_RIGHT		0x10
#define MPO_STRICT			0x20
#define MPO_DENAP_RECEIVER		0x40
#define MPO_IMMOVABLE_RECEIVE		0x80
#define MPO_FILTER_MSG			0x100
#define MPO_TG_BLOCK_TRACKING		0x200
#define MPO_SERVICE_PORT		0x400
#define MPO_CONNECTION_PORT		0x800
#define MPO_REPLY_PORT			0x1000
#define MPO_ENFORCE_REPLY_PORT_SEMANTICS 0x2000
#define MPO_PROVISIONAL_REPLY_PORT	0x4000
#define MPO_EXCEPTION_PORT		0x8000

/* mach_port_guard_with_flags */
#define MPG_STRICT		0x01
#define MPG_IMMOVABLE_RECEIVE	0x02
#define MPG_FLAGS_NONE		(0x00ull)

/* EXC_GUARD's guard type for Mach port misuse (code bits 61-63) */
#define GUARD_TYPE_MACH_PORT	0x1

#endif /* _UAPI_LINUX_MACH_PORT_H */
