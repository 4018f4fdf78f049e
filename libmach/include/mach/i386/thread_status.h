/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * x86 thread-state flavors for thread_get_state()/thread_set_state(),
 * Darwin's numbering and layouts.  The module serves x86_THREAD_STATE64;
 * libmach also answers the unified x86_THREAD_STATE (header + 64-bit
 * state) from it.  The float, exception and debug flavors are declared
 * for code that names them; the module refuses them with
 * KERN_INVALID_ARGUMENT (Documentation/conformance-headers.rst).
 */
#ifndef _MACH_I386_THREAD_STATUS_H_
#define _MACH_I386_THREAD_STATUS_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/i386/_structs.h>

#define i386_THREAD_STATE	1
#define i386_FLOAT_STATE	2
#define i386_EXCEPTION_STATE	3

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
#define x86_AVX_STATE32		16
#define x86_AVX_STATE64		(x86_AVX_STATE32 + 1)
#define x86_AVX_STATE		(x86_AVX_STATE32 + 2)
#define x86_AVX512_STATE32	19
#define x86_AVX512_STATE64	(x86_AVX512_STATE32 + 1)
#define x86_AVX512_STATE	(x86_AVX512_STATE32 + 2)
#define x86_PAGEIN_STATE	22
#define x86_THREAD_FULL_STATE64	23
#define x86_INSTRUCTION_STATE	24
#define x86_LAST_BRANCH_STATE	25
#define THREAD_STATE_FLAVORS	26

#define VALID_THREAD_STATE_FLAVOR(x) \
	((x) == x86_THREAD_STATE32 || (x) == x86_FLOAT_STATE32 ||	\
	 (x) == x86_EXCEPTION_STATE32 || (x) == x86_DEBUG_STATE32 ||	\
	 (x) == x86_THREAD_STATE64 || (x) == x86_THREAD_FULL_STATE64 ||	\
	 (x) == x86_FLOAT_STATE64 || (x) == x86_EXCEPTION_STATE64 ||	\
	 (x) == x86_DEBUG_STATE64 || (x) == x86_THREAD_STATE ||		\
	 (x) == x86_FLOAT_STATE || (x) == x86_EXCEPTION_STATE ||	\
	 (x) == x86_DEBUG_STATE || (x) == THREAD_STATE_NONE)

/* The header of every unified (width-independent) flavor. */
struct x86_state_hdr {
	uint32_t	flavor;		/* the 32- or 64-bit flavor that follows */
	uint32_t	count;		/* its count, in 32-bit words */
};
typedef struct x86_state_hdr x86_state_hdr_t;

#define USER_CODE_SELECTOR	0x0017
#define USER_DATA_SELECTOR	0x001f
#define KERN_CODE_SELECTOR	0x0008
#define KERN_DATA_SELECTOR	0x0010

#define STATE_COUNT(type) \
	((mach_msg_type_number_t)(sizeof(type) / sizeof(int)))

typedef _STRUCT_X86_THREAD_STATE32	i386_thread_state_t;
#define i386_THREAD_STATE_COUNT		STATE_COUNT(i386_thread_state_t)
typedef _STRUCT_X86_THREAD_STATE32	x86_thread_state32_t;
#define x86_THREAD_STATE32_COUNT	STATE_COUNT(x86_thread_state32_t)

typedef _STRUCT_X86_FLOAT_STATE32	i386_float_state_t;
#define i386_FLOAT_STATE_COUNT		STATE_COUNT(i386_float_state_t)
typedef _STRUCT_X86_FLOAT_STATE32	x86_float_state32_t;
#define x86_FLOAT_STATE32_COUNT		STATE_COUNT(x86_float_state32_t)

typedef _STRUCT_X86_EXCEPTION_STATE32	i386_exception_state_t;
#define i386_EXCEPTION_STATE_COUNT	STATE_COUNT(i386_exception_state_t)
typedef _STRUCT_X86_EXCEPTION_STATE32	x86_exception_state32_t;
#define x86_EXCEPTION_STATE32_COUNT	STATE_COUNT(x86_exception_state32_t)
#define I386_EXCEPTION_STATE_COUNT	i386_EXCEPTION_STATE_COUNT

typedef _STRUCT_X86_DEBUG_STATE32	x86_debug_state32_t;
#define x86_DEBUG_STATE32_COUNT		STATE_COUNT(x86_debug_state32_t)
#define X86_DEBUG_STATE32_COUNT		x86_DEBUG_STATE32_COUNT

typedef _STRUCT_X86_THREAD_STATE64	x86_thread_state64_t;
#define x86_THREAD_STATE64_COUNT	STATE_COUNT(x86_thread_state64_t)

typedef _STRUCT_X86_FLOAT_STATE64	x86_float_state64_t;
#define x86_FLOAT_STATE64_COUNT		STATE_COUNT(x86_float_state64_t)

typedef _STRUCT_X86_EXCEPTION_STATE64	x86_exception_state64_t;
#define x86_EXCEPTION_STATE64_COUNT	STATE_COUNT(x86_exception_state64_t)
#define X86_EXCEPTION_STATE64_COUNT	x86_EXCEPTION_STATE64_COUNT

typedef _STRUCT_X86_DEBUG_STATE64	x86_debug_state64_t;
#define x86_DEBUG_STATE64_COUNT		STATE_COUNT(x86_debug_state64_t)
#define X86_DEBUG_STATE64_COUNT		x86_DEBUG_STATE64_COUNT

/* Unified flavors: header, then the state of the width the header names. */
struct x86_thread_state {
	x86_state_hdr_t			tsh;
	union {
		x86_thread_state32_t	ts32;
		x86_thread_state64_t	ts64;
	} uts;
};

struct x86_float_state {
	x86_state_hdr_t			fsh;
	union {
		x86_float_state32_t	fs32;
		x86_float_state64_t	fs64;
	} ufs;
};

struct x86_exception_state {
	x86_state_hdr_t			esh;
	union {
		x86_exception_state32_t	es32;
		x86_exception_state64_t	es64;
	} ues;
};

struct x86_debug_state {
	x86_state_hdr_t			dsh;
	union {
		x86_debug_state32_t	ds32;
		x86_debug_state64_t	ds64;
	} uds;
};

typedef struct x86_thread_state		x86_thread_state_t;
#define x86_THREAD_STATE_COUNT		STATE_COUNT(x86_thread_state_t)
typedef struct x86_float_state		x86_float_state_t;
#define x86_FLOAT_STATE_COUNT		STATE_COUNT(x86_float_state_t)
typedef struct x86_exception_state	x86_exception_state_t;
#define x86_EXCEPTION_STATE_COUNT	STATE_COUNT(x86_exception_state_t)
typedef struct x86_debug_state		x86_debug_state_t;
#define x86_DEBUG_STATE_COUNT		STATE_COUNT(x86_debug_state_t)

#define MACHINE_THREAD_STATE		x86_THREAD_STATE
#define MACHINE_THREAD_STATE_COUNT	x86_THREAD_STATE_COUNT

/* The largest state any flavor has, in natural_t words (Darwin x86). */
#define I386_THREAD_STATE_MAX	(614)
#define THREAD_STATE_MAX	I386_THREAD_STATE_MAX
#define THREAD_MACHINE_STATE_MAX	THREAD_STATE_MAX

#endif
