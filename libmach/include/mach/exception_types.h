/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Exception types, masks and behaviors (task/thread exception ports).
 * The module raises EXC_BAD_ACCESS, EXC_BAD_INSTRUCTION, EXC_ARITHMETIC
 * and EXC_BREAKPOINT for CPU faults (Documentation/exceptions.rst).
 */
#ifndef _MACH_EXCEPTION_TYPES_H_
#define _MACH_EXCEPTION_TYPES_H_

#include <stdint.h>
#include <mach/port.h>
#include <mach/thread_status.h>
#include <mach/machine/vm_types.h>
#include <mach/machine/exception.h>

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

/* Everything but CRASH and CORPSE_NOTIFY, which must be asked for by name. */
#define EXC_MASK_ALL	(EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION |	\
			 EXC_MASK_ARITHMETIC | EXC_MASK_EMULATION |		\
			 EXC_MASK_SOFTWARE | EXC_MASK_BREAKPOINT |		\
			 EXC_MASK_SYSCALL | EXC_MASK_MACH_SYSCALL |		\
			 EXC_MASK_RPC_ALERT | EXC_MASK_RESOURCE |		\
			 EXC_MASK_GUARD | EXC_MASK_MACHINE)
#define EXC_MASK_VALID	(EXC_MASK_ALL | EXC_MASK_CRASH | EXC_MASK_CORPSE_NOTIFY)

#define FIRST_EXCEPTION		1

#define EXC_SOFT_SIGNAL		0x10003
#define EXC_MACF_MIN		0x20000
#define EXC_MACF_MAX		0x2FFFF

/* <mach_debug/ipc_info.h>'s port record, for exception_port_info_array_t. */
#ifndef _MACH_IPC_INFO_PORT_T_
#define _MACH_IPC_INFO_PORT_T_
typedef struct ipc_info_port {
	natural_t	iip_port_object;
	natural_t	iip_receiver_object;
} ipc_info_port_t;
#endif

typedef int				exception_type_t;
typedef integer_t			exception_data_type_t;
typedef int64_t				mach_exception_data_type_t;
typedef int				exception_behavior_t;
typedef exception_data_type_t		*exception_data_t;
typedef mach_exception_data_type_t	*mach_exception_data_t;
typedef unsigned int			exception_mask_t;
typedef exception_mask_t		*exception_mask_array_t;
typedef exception_behavior_t		*exception_behavior_array_t;
typedef thread_state_flavor_t		*exception_flavor_array_t;
typedef mach_port_t			*exception_port_array_t;
typedef ipc_info_port_t			*exception_port_info_array_t;
typedef mach_exception_data_type_t	mach_exception_code_t;
typedef mach_exception_data_type_t	mach_exception_subcode_t;

#endif
