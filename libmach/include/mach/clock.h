/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* clock routines (1000...), sent to a port from host_get_clock_service(). */
#ifndef _clock_user_
#define _clock_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/clock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t clock_get_time(clock_serv_t clock_serv, mach_timespec_t *cur_time);
kern_return_t clock_get_attributes(clock_serv_t clock_serv, clock_flavor_t flavor,
				   clock_attr_t clock_attr,
				   mach_msg_type_number_t *clock_attrCnt);
kern_return_t clock_alarm(clock_serv_t clock_serv, alarm_type_t alarm_type,
			  mach_timespec_t alarm_time, clock_reply_t alarm_port);
/* Sleep on the system clock until (TIME_ABSOLUTE) or for (TIME_RELATIVE)
 * @sleep_time; the clock's time at wakeup in @wakeup_time if not NULL. */
kern_return_t clock_sleep(mach_port_t clock_name, int sleep_type,
			  mach_timespec_t sleep_time, mach_timespec_t *wakeup_time);

#ifdef __cplusplus
}
#endif

#endif
