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
#include <linux/mach/exception_types.h>

/* Everything but CRASH and CORPSE_NOTIFY, which must be asked for by name. */
#define EXC_MASK_ALL	(EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION |	\
			 EXC_MASK_ARITHMETIC | EXC_MASK_EMULATION |		\
			 EXC_MASK_SOFTWARE | EXC_MASK_BREAKPOINT |		\
			 EXC_MASK_SYSCALL | EXC_MASK_MACH_SYSCALL |		\
			 EXC_MASK_RPC_ALERT | EXC_MASK_RESOURCE |		\
			 EXC_MASK_GUARD | EXC_MASK_MACHINE)
#define EXC_MASK_VALID	(EXC_MASK_ALL | EXC_MASK_CRASH | EXC_MASK_CORPSE_NOTIFY)

/*
 * <mach_debug/ipc_info.h>'s port record and its array, for
 * exception_port_info_array_t and the *_get_exception_ports_info
 * routines; whichever header comes first defines both.
 */
#ifndef _MACH_IPC_INFO_PORT_T_
#define _MACH_IPC_INFO_PORT_T_
typedef struct ipc_info_port {
	natural_t	iip_port_object;
	natural_t	iip_receiver_object;
} ipc_info_port_t;
typedef ipc_info_port_t			*exception_handler_info_array_t;
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
typedef ipc_info_port_t			exception_handler_info_t;
typedef mach_exception_data_type_t	mach_exception_code_t;
typedef mach_exception_data_type_t	mach_exception_subcode_t;

#endif
