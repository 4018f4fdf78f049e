/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Page geometry for this architecture.  Where Linux's page size is not
 * fixed by the architecture (arm64: 4K, 16K or 64K), PAGE_SIZE is the
 * runtime value, as Darwin does on arm64.
 */
#ifndef _MACH_MACHINE_VM_PARAM_H_
#define _MACH_MACHINE_VM_PARAM_H_

#if defined(__x86_64__) || defined(__i386__)
#include <mach/i386/vm_param.h>
#else
#include <mach/vm_page_size.h>
#define BYTE_SIZE		8
#ifndef PAGE_SHIFT
#define PAGE_SHIFT		vm_page_shift
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE		vm_page_size
#endif
#ifndef PAGE_MASK
#define PAGE_MASK		vm_page_mask
#endif
#define PAGE_MAX_SHIFT		16
#define PAGE_MAX_SIZE		(1 << PAGE_MAX_SHIFT)
#define PAGE_MAX_MASK		(PAGE_MAX_SIZE - 1)
#define PAGE_MIN_SHIFT		12
#define PAGE_MIN_SIZE		(1 << PAGE_MIN_SHIFT)
#define PAGE_MIN_MASK		(PAGE_MIN_SIZE - 1)
#endif

#endif
