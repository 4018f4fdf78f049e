/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Register values that may hold pointers, for conservative scanners. */
#ifndef _MACH_THREAD_STATE_H_
#define _MACH_THREAD_STATE_H_

#include <stddef.h>
#include <stdint.h>
#include <mach/mach.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t thread_get_register_pointer_values(thread_t thread, uintptr_t *sp,
						 size_t *length, uintptr_t *values);

#ifdef __cplusplus
}
#endif

#endif
