/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* x86 exception codes carried in EXC_* messages. */
#ifndef _MACH_I386_EXCEPTION_H_
#define _MACH_I386_EXCEPTION_H_

#include <linux/mach/exception_types.h>
#include <linux/mach/i386_exception.h>

#define EXC_MASK_MACHINE	0

#endif
