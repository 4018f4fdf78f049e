/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACHINE_EXCEPTION_H_
#define _MACH_MACHINE_EXCEPTION_H_

#if defined(__x86_64__) || defined(__i386__)
#include <mach/i386/exception.h>
#else
#include <linux/mach/exception_types.h>
#define EXC_MASK_MACHINE	0
#endif

#endif
