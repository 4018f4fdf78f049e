/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACH_SYSCALLS_H_
#define _MACH_MACH_SYSCALLS_H_

#include <mach/mach_traps.h>

#endif
