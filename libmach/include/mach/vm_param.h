/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Page size and page arithmetic: PAGE_SIZE, PAGE_SHIFT, PAGE_MASK (from
 * <mach/machine/vm_param.h>) and the rounding macros.  trunc_page and
 * round_page use vm_page_size, as <mach/mach_init.h> declares them.
 */
#ifndef _MACH_VM_PARAM_H_
#define _MACH_VM_PARAM_H_

#include <stdint.h>
#include <mach/machine/vm_param.h>
#include <mach/machine/vm_types.h>
#include <mach/vm_page_size.h>

#define PAGE_SIZE_64	((unsigned long long)PAGE_SIZE)
#define PAGE_MASK_64	((unsigned long long)PAGE_MASK)

#define atop_32(x)	((uint32_t)(x) >> PAGE_SHIFT)
#define ptoa_32(x)	((uint32_t)(x) << PAGE_SHIFT)
#define atop_64(x)	((uint64_t)(x) >> PAGE_SHIFT)
#define ptoa_64(x)	((uint64_t)(x) << PAGE_SHIFT)
#define atop(x)		((vm_offset_t)(x) >> PAGE_SHIFT)
#define ptoa(x)		((vm_offset_t)(x) << PAGE_SHIFT)

#define mach_vm_round_page(x) \
	(((mach_vm_offset_t)(x) + PAGE_MASK) & ~((mach_vm_offset_t)PAGE_MASK))
#define mach_vm_trunc_page(x)	((mach_vm_offset_t)(x) & ~((mach_vm_offset_t)PAGE_MASK))

#define round_page_32(x)	(((uint32_t)(x) + PAGE_MASK) & ~((uint32_t)PAGE_MASK))
#define trunc_page_32(x)	((uint32_t)(x) & ~((uint32_t)PAGE_MASK))
#define round_page_64(x)	(((uint64_t)(x) + PAGE_MASK_64) & ~((uint64_t)PAGE_MASK_64))
#define trunc_page_64(x)	((uint64_t)(x) & ~((uint64_t)PAGE_MASK_64))
#define round_page_mask_32(x, mask) (((uint32_t)(x) + (mask)) & ~((uint32_t)(mask)))
#define trunc_page_mask_32(x, mask) ((uint32_t)(x) & ~((uint32_t)(mask)))
#define round_page_mask_64(x, mask) (((uint64_t)(x) + (mask)) & ~((uint64_t)(mask)))
#define trunc_page_mask_64(x, mask) ((uint64_t)(x) & ~((uint64_t)(mask)))

#ifndef trunc_page
#define trunc_page(x)	((x) & (~(vm_page_size - 1)))
#define round_page(x)	trunc_page((x) + (vm_page_size - 1))
#endif

#define page_aligned(x)	(((x) & PAGE_MASK) == 0)

#endif
