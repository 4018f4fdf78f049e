/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_I386_KERN_RETURN_H_
#define _MACH_I386_KERN_RETURN_H_
#include <mach/machine/kern_return.h>
#endif
