/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/exc.h>: the exc subsystem (2401-2403), the messages the kernel
 * sends to an exception port with 32-bit codes, laid out as MIG lays them out
 * (pack(4); a shorter code array moves what follows).  exc_server() takes one
 * apart and calls the program's catch_exception_raise* functions.
 */
#ifndef _MACH_EXC_H_
#define _MACH_EXC_H_

#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/exception_types.h>
#include <mach/thread_status.h>

#ifdef __cplusplus
extern "C" {
#endif

#define exc_MSG_COUNT	3

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t Head;
	mach_msg_body_t msgh_body;
	mach_msg_port_descriptor_t thread;
	mach_msg_port_descriptor_t task;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	integer_t code[2];
} __Request__exception_raise_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	integer_t code[2];
	int flavor;
	mach_msg_type_number_t old_stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
} __Request__exception_raise_state_t;

typedef struct {
	mach_msg_header_t Head;
	mach_msg_body_t msgh_body;
	mach_msg_port_descriptor_t thread;
	mach_msg_port_descriptor_t task;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	integer_t code[2];
	int flavor;
	mach_msg_type_number_t old_stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
} __Request__exception_raise_state_identity_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
} __Reply__exception_raise_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
	int flavor;
	mach_msg_type_number_t new_stateCnt;
	natural_t new_state[THREAD_STATE_MAX];
} __Reply__exception_raise_state_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
	int flavor;
	mach_msg_type_number_t new_stateCnt;
	natural_t new_state[THREAD_STATE_MAX];
} __Reply__exception_raise_state_identity_t;
#pragma pack(pop)

union __RequestUnion__exc_subsystem {
	__Request__exception_raise_t Request_exception_raise;
	__Request__exception_raise_state_t Request_exception_raise_state;
	__Request__exception_raise_state_identity_t Request_exception_raise_state_identity;
};

union __ReplyUnion__exc_subsystem {
	__Reply__exception_raise_t Reply_exception_raise;
	__Reply__exception_raise_state_t Reply_exception_raise_state;
	__Reply__exception_raise_state_identity_t Reply_exception_raise_state_identity;
};

boolean_t exc_server(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP);

#ifdef __cplusplus
}
#endif

#endif
