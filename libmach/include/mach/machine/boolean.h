/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* boolean_t is a 32-bit int on every Darwin ABI; keep it so in structs. */
#ifndef _MACH_MACHINE_BOOLEAN_H_
#define _MACH_MACHINE_BOOLEAN_H_

typedef int boolean_t;

#endif
