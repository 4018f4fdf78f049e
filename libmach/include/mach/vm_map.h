/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vm_* calls.  Only the caller's own task is supported for now; any
 * other task port gives KERN_INVALID_ARGUMENT.
 */
#ifndef _MACH_VM_MAP_H_
#define _MACH_VM_MAP_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/notify.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Zero-filled, page-aligned memory; VM_FLAGS_ANYWHERE or VM_FLAGS_FIXED. */
kern_return_t vm_allocate(vm_map_t target_task, vm_address_t *address,
			  vm_size_t size, int flags);

kern_return_t vm_deallocate(vm_map_t target_task, vm_address_t address,
			    vm_size_t size);

#ifdef __cplusplus
}
#endif

#endif
