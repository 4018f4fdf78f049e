/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_VM_TYPES_H_
#define _MACH_VM_TYPES_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>

typedef vm_offset_t	pointer_t;
typedef vm_offset_t	vm_address_t;

typedef uint64_t	addr64_t;
typedef uint32_t	reg64_t;
typedef uint32_t	ppnum_t;

typedef uint64_t	vm_object_offset_t;
typedef uint64_t	vm_object_size_t;

/* A VM map is named by a task port in userspace. */
typedef natural_t	vm_map_t;
typedef natural_t	vm_map_read_t;
typedef natural_t	vm_map_inspect_t;
#define VM_MAP_NULL		((vm_map_t)0)
#define VM_MAP_INSPECT_NULL	((vm_map_inspect_t)0)
#define VM_MAP_READ_NULL	((vm_map_read_t)0)

typedef natural_t	upl_t;
typedef natural_t	vm_named_entry_t;
#define UPL_NULL		((upl_t)0)
#define VM_NAMED_ENTRY_NULL	((vm_named_entry_t)0)

#endif
