/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Page size: PAGE_SIZE, PAGE_SHIFT, PAGE_MASK and the address limits,
 * from <mach/machine/vm_param.h>.  As in the SDK, the page arithmetic
 * macros (atop, round_page_64, ...) are kernel-only; user code has
 * trunc_page/round_page from <mach/mach_init.h>.
 */
#ifndef _MACH_VM_PARAM_H_
#define _MACH_VM_PARAM_H_

#include <stdint.h>
#include <mach/machine/vm_param.h>
#include <mach/machine/vm_types.h>
#include <mach/vm_page_size.h>

#endif
