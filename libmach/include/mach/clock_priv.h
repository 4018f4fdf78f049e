/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* clock_priv routines (1200...): setting a clock needs host-priv. */
#ifndef _clock_priv_user_
#define _clock_priv_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/clock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t clock_set_time(clock_ctrl_t clock_ctrl, mach_timespec_t new_time);
kern_return_t clock_set_attributes(clock_ctrl_t clock_ctrl, clock_flavor_t flavor,
				   clock_attr_t clock_attr,
				   mach_msg_type_number_t clock_attrCnt);

#ifdef __cplusplus
}
#endif

#endif
