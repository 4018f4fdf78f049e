/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_EXCEPTION_H_
#define _MACH_EXCEPTION_H_

#include <mach/exception_types.h>

#endif
