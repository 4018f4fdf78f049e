/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Word-size types for LP64 Linux (x86_64, arm64), laid out as Darwin's
 * 64-bit user ABI: natural_t/integer_t stay 32-bit, addresses and sizes
 * are 64-bit.  Messages and kernel structs depend on these widths.
 */
#ifndef _MACH_MACHINE_VM_TYPES_H_
#define _MACH_MACHINE_VM_TYPES_H_

#include <stdint.h>

typedef unsigned int	natural_t;
typedef int		integer_t;

typedef uintptr_t	vm_offset_t;
typedef uintptr_t	vm_size_t;

typedef uint64_t	mach_vm_address_t;
typedef uint64_t	mach_vm_offset_t;
typedef uint64_t	mach_vm_size_t;

typedef uint64_t	vm_map_offset_t;
typedef uint64_t	vm_map_address_t;
typedef uint64_t	vm_map_size_t;

/* The 32-bit views MIG uses for ILP32 peers. */
typedef uint32_t	vm32_offset_t;
typedef uint32_t	vm32_address_t;
typedef uint32_t	vm32_size_t;

#endif
