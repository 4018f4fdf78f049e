/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's exception types, masks and behaviors
 * (<mach/exception_types.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_EXCEPTION_TYPES_H
#define _UAPI_LINUX_MACH_EXCEPTION_TYPES_H

/* the same on every architecture XNU has */
#define EXC_TYPES_COUNT		14	/* including the illegal exception 0 */
#define EXCEPTION_CODE_MAX	2	/* code and subcode */

#define EXC_BAD_ACCESS		1
#define EXC_BAD_INSTRUCTION	2
#define EXC_ARITHMETIC		3
#define EXC_EMULATION		4
#define EXC_SOFTWARE		5
#define EXC_BREAKPOINT		6
#define EXC_SYSCALL		7
#define EXC_MACH_SYSCALL	8
#define EXC_RPC_ALERT		9
#define EXC_CRASH		10
#define EXC_RESOURCE		11
#define EXC_GUARD		12
#define EXC_CORPSE_NOTIFY	13

/* Behaviors: which message a handler receives. */
#define EXCEPTION_DEFAULT			1
#define EXCEPTION_STATE				2
#define EXCEPTION_STATE_IDENTITY		3
#define EXCEPTION_IDENTITY_PROTECTED		4
#define EXCEPTION_STATE_IDENTITY_PROTECTED	5

/* Flags or'ed into a behavior. */
#define MACH_EXCEPTION_BACKTRACE_PREFERRED	0x20000000
#define MACH_EXCEPTION_ERRORS			0x40000000
#define MACH_EXCEPTION_CODES			0x80000000
#define MACH_EXCEPTION_MASK	(MACH_EXCEPTION_CODES | MACH_EXCEPTION_ERRORS | \
				 MACH_EXCEPTION_BACKTRACE_PREFERRED)

#define EXC_MASK_BAD_ACCESS		(1 << EXC_BAD_ACCESS)
#define EXC_MASK_BAD_INSTRUCTION	(1 << EXC_BAD_INSTRUCTION)
#define EXC_MASK_ARITHMETIC		(1 << EXC_ARITHMETIC)
#define EXC_MASK_EMULATION		(1 << EXC_EMULATION)
#define EXC_MASK_SOFTWARE		(1 << EXC_SOFTWARE)
#define EXC_MASK_BREAKPOINT		(1 << EXC_BREAKPOINT)
#define EXC_MASK_SYSCALL		(1 << EXC_SYSCALL)
#define EXC_MASK_MACH_SYSCALL		(1 << EXC_MACH_SYSCALL)
#define EXC_MASK_RPC_ALERT		(1 << EXC_RPC_ALERT)
#define EXC_MASK_CRASH			(1 << EXC_CRASH)
#define EXC_MASK_RESOURCE		(1 << EXC_RESOURCE)
#define EXC_MASK_GUARD			(1 << EXC_GUARD)
#define EXC_MASK_CORPSE_NOTIFY		(1 << EXC_CORPSE_NOTIFY)

#define FIRST_EXCEPTION		1

#define EXC_SOFT_SIGNAL		0x10003
#define EXC_MACF_MIN		0x20000
#define EXC_MACF_MAX		0x2FFFF

#endif /* _UAPI_LINUX_MACH_EXCEPTION_TYPES_H */
