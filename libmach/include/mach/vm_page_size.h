/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The page size, read from the system at load time (4K, 16K or 64K). */
#ifndef _MACH_VM_PAGE_SIZE_H_
#define _MACH_VM_PAGE_SIZE_H_

#include <mach/machine/vm_types.h>

#ifdef __cplusplus
extern "C" {
#endif

extern vm_size_t	vm_page_size;
extern vm_size_t	vm_page_mask;
extern int		vm_page_shift;

/* Linux has one page size for kernel and user. */
extern vm_size_t	vm_kernel_page_size;
extern vm_size_t	vm_kernel_page_mask;
extern int		vm_kernel_page_shift;

#ifdef __cplusplus
}
#endif

#endif
