/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* clock_reply (3125107): the alarm reply a clock_alarm() caller receives. */
#ifndef _clock_reply_user_
#define _clock_reply_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/clock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t clock_alarm_reply(clock_reply_t alarm_port,
				mach_msg_type_name_t alarm_portPoly,
				kern_return_t alarm_code, alarm_type_t alarm_type,
				mach_timespec_t alarm_time);

#ifdef __cplusplus
}
#endif

#endif
