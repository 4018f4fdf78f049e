/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * x86 thread-state flavors for thread_get_state()/thread_set_state(),
 * Darwin's numbering and layouts.  The module serves x86_THREAD_STATE64.
 */
#ifndef _MACH_I386_THREAD_STATUS_H_
#define _MACH_I386_THREAD_STATUS_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>

#define x86_THREAD_STATE32	1
#define x86_FLOAT_STATE32	2
#define x86_EXCEPTION_STATE32	3
#define x86_THREAD_STATE64	4
#define x86_FLOAT_STATE64	5
#define x86_EXCEPTION_STATE64	6
#define x86_THREAD_STATE	7
#define x86_FLOAT_STATE		8
#define x86_EXCEPTION_STATE	9
#define x86_DEBUG_STATE32	10
#define x86_DEBUG_STATE64	11
#define x86_DEBUG_STATE		12
#define THREAD_STATE_NONE	13

/* <mach/i386/_structs.h>: the general registers, as the kernel saved them */
#define _STRUCT_X86_THREAD_STATE64	struct __darwin_x86_thread_state64
_STRUCT_X86_THREAD_STATE64 {
	uint64_t	__rax;
	uint64_t	__rbx;
	uint64_t	__rcx;
	uint64_t	__rdx;
	uint64_t	__rdi;
	uint64_t	__rsi;
	uint64_t	__rbp;
	uint64_t	__rsp;
	uint64_t	__r8;
	uint64_t	__r9;
	uint64_t	__r10;
	uint64_t	__r11;
	uint64_t	__r12;
	uint64_t	__r13;
	uint64_t	__r14;
	uint64_t	__r15;
	uint64_t	__rip;
	uint64_t	__rflags;
	uint64_t	__cs;
	uint64_t	__fs;
	uint64_t	__gs;
};

typedef _STRUCT_X86_THREAD_STATE64 x86_thread_state64_t;
#define x86_THREAD_STATE64_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_thread_state64_t) / sizeof(int)))

/* The largest state any flavor has, in natural_t words (Darwin x86). */
#define I386_THREAD_STATE_MAX	(614)
#define THREAD_STATE_MAX	I386_THREAD_STATE_MAX

#endif
