/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Routine-argument descriptor types (the old RPC subsystem layout). */
#ifndef _MACH_RPC_H_
#define _MACH_RPC_H_

#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/vm_types.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>

typedef unsigned int routine_arg_type;
typedef unsigned int routine_arg_offset;
typedef unsigned int routine_arg_size;

#define RPC_SIGBUF_SIZE	8

struct rpc_routine_arg_descriptor {
	routine_arg_type	type;
	routine_arg_size	size;
	routine_arg_size	count;
	routine_arg_offset	offset;
};
typedef struct rpc_routine_arg_descriptor	*rpc_routine_arg_descriptor_t;

struct rpc_routine_descriptor {
	mig_impl_routine_t		impl_routine;
	mig_stub_routine_t		stub_routine;
	unsigned int			argc;
	unsigned int			descr_count;
	rpc_routine_arg_descriptor_t	arg_descr;
	unsigned int			max_reply_msg;
};
typedef struct rpc_routine_descriptor	*rpc_routine_descriptor_t;

struct rpc_signature {
	struct rpc_routine_descriptor		rd;
	struct rpc_routine_arg_descriptor	rad[1];
};

struct rpc_subsystem {
	void				*reserved;
	mach_msg_id_t			start;
	mach_msg_id_t			end;
	unsigned int			maxsize;
	vm_address_t			base_addr;
	struct rpc_routine_descriptor	routine[1];
	struct rpc_routine_arg_descriptor arg_descriptor[1];
};
typedef struct rpc_subsystem	*rpc_subsystem_t;
#define RPC_SUBSYSTEM_NULL	((rpc_subsystem_t)0)

#endif
