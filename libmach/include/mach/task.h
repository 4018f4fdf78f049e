/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * task_* routines (the task MIG subsystem, ids 3400...).  Declarations
 * are added here as libmach implements them; none exist yet.
 */
#ifndef _task_user_
#define _task_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/notify.h>

#endif
