/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kern_return_t values, numbered as XNU's so results compare equal. */
#ifndef _MACH_KERN_RETURN_H_
#define _MACH_KERN_RETURN_H_

#include <mach/machine/kern_return.h>
#include <linux/mach/kern_return.h>

#endif
