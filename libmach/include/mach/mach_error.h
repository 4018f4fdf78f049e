/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACH_ERROR_H_
#define _MACH_MACH_ERROR_H_

#include <mach/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Text for a kern_return_t / mach_msg_return_t / MIG code, e.g.
 * "(os/kern) invalid name".  Darwin returns char *; callers must not
 * modify or free the string.
 */
char *mach_error_string(mach_error_t error_value);

/* The "(system/subsystem)" part alone, e.g. "(ipc/send)". */
char *mach_error_type(mach_error_t error_value);

/* Print "<str> <text>" on stderr, with the hex code if it is unknown. */
void mach_error(const char *str, mach_error_t error_value);

#ifdef __cplusplus
}
#endif

#endif
