/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_STD_TYPES_H_
#define _MACH_STD_TYPES_H_

/* size_t, as Darwin's <mach/mach.h> brings it (its MIG headers include <string.h>) */
#include <stddef.h>
#include <stdint.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/vm_types.h>

#endif
