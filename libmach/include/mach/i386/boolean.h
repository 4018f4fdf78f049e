/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_I386_BOOLEAN_H_
#define _MACH_I386_BOOLEAN_H_
#include <mach/machine/boolean.h>
#endif
