/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Darwin keeps this name for old code; the API is <servers/bootstrap.h>. */
#ifndef _MACH_BOOTSTRAP_H_
#define _MACH_BOOTSTRAP_H_

#include <servers/bootstrap.h>

#endif
