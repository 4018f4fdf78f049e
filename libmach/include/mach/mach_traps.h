/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Calls that are Mach traps on XNU. */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A new receive right in the caller's space, or MACH_PORT_NULL. */
mach_port_name_t mach_reply_port(void);

#ifdef __cplusplus
}
#endif

#endif
