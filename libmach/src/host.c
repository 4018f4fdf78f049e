// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The host port and the clocks: mach_host_self() (MACH_IOC_HOST_SELF) and
 * the mach_host (200), clock (1000) and processor_set (4000) routines and
 * host_priv's host_get_special_port and processor-set calls, through the
 * client stubs tools/mig generates from mach_host.defs, clock.defs,
 * processor_set.defs and libmach_host_priv.defs, served by the
 * module (module/host.c, Documentation/host.rst).  clock_sleep is a
 * trap on XNU; here it is clock_nanosleep on CLOCK_MONOTONIC, the clock
 * SYSTEM_CLOCK and mach_absolute_time() read.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/clock.h>
#include <mach/host_priv.h>
#include <mach/processor_set.h>
#include "calls.h"
#include "libmach.h"
#include "libmach_mach_host.h"
#include "libmach_clock.h"
#include "libmach_host_priv.h"
#include "libmach_processor_set.h"

/* Each call adds a user reference, as XNU's host_self_trap does. */
LIBMACH_API mach_port_t mach_host_self(void)
{
	struct mach_port_args a = { 0 };

	if (libmach_port_call(MACH_IOC_HOST_SELF, &a) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return a.name;
}

LIBMACH_API kern_return_t host_info(host_t host, host_flavor_t flavor,
				    host_info_t host_info_out,
				    mach_msg_type_number_t *host_info_outCnt)
{
	return libmach_mig_host_info(host, flavor, host_info_out, host_info_outCnt);
}

LIBMACH_API kern_return_t host_statistics(host_t host_priv, host_flavor_t flavor,
					  host_info_t host_info_out,
					  mach_msg_type_number_t *host_info_outCnt)
{
	return libmach_mig_host_statistics(host_priv, flavor, host_info_out,
					   host_info_outCnt);
}

LIBMACH_API kern_return_t host_statistics64(host_t host_priv, host_flavor_t flavor,
					    host_info64_t host_info64_out,
					    mach_msg_type_number_t *host_info64_outCnt)
{
	return libmach_mig_host_statistics64(host_priv, flavor, host_info64_out,
					     host_info64_outCnt);
}

LIBMACH_API kern_return_t _host_page_size(host_t host, vm_size_t *out_page_size)
{
	return libmach_mig__host_page_size(host, out_page_size);
}

LIBMACH_API kern_return_t host_processor_info(host_t host, processor_flavor_t flavor,
					      natural_t *out_processor_count,
					      processor_info_array_t *out_processor_info,
					      mach_msg_type_number_t *out_processor_infoCnt)
{
	return libmach_mig_host_processor_info(host, flavor, out_processor_count,
					       out_processor_info,
					       out_processor_infoCnt);
}

LIBMACH_API kern_return_t host_get_special_port(host_priv_t host_priv, int node, int which,
					       mach_port_t *port)
{
	return libmach_mig_host_get_special_port(host_priv, node, which, port);
}

LIBMACH_API kern_return_t host_processor_sets(host_priv_t host_priv,
					     processor_set_name_array_t *processor_sets,
					     mach_msg_type_number_t *processor_setsCnt)
{
	return libmach_mig_host_processor_sets(host_priv, processor_sets,
					       processor_setsCnt);
}

LIBMACH_API kern_return_t host_processor_set_priv(host_priv_t host_priv,
						 processor_set_name_t set_name,
						 processor_set_t *set)
{
	return libmach_mig_host_processor_set_priv(host_priv, set_name, set);
}

LIBMACH_API kern_return_t processor_set_info(processor_set_name_t set_name, int flavor,
					    host_t *host, processor_set_info_t info_out,
					    mach_msg_type_number_t *info_outCnt)
{
	return libmach_mig_processor_set_info(set_name, flavor, host, info_out,
					      info_outCnt);
}

LIBMACH_API kern_return_t processor_set_statistics(processor_set_name_t pset,
						  processor_set_flavor_t flavor,
						  processor_set_info_t info_out,
						  mach_msg_type_number_t *info_outCnt)
{
	return libmach_mig_processor_set_statistics(pset, flavor, info_out,
						    info_outCnt);
}

LIBMACH_API kern_return_t processor_set_tasks(processor_set_t processor_set,
					     task_array_t *task_list,
					     mach_msg_type_number_t *task_listCnt)
{
	return libmach_mig_processor_set_tasks(processor_set, task_list,
					       task_listCnt);
}

LIBMACH_API kern_return_t processor_set_tasks_with_flavor(processor_set_t processor_set,
							 mach_task_flavor_t flavor,
							 task_array_t *task_list,
							 mach_msg_type_number_t *task_listCnt)
{
	return libmach_mig_processor_set_tasks_with_flavor(processor_set, flavor,
							   task_list, task_listCnt);
}

LIBMACH_API kern_return_t processor_set_threads(processor_set_t processor_set,
					       thread_act_array_t *thread_list,
					       mach_msg_type_number_t *thread_listCnt)
{
	return libmach_mig_processor_set_threads(processor_set, thread_list,
						 thread_listCnt);
}

/* The calendar clock's name once seen: clock_sleep refuses it, as XNU. */
static mach_port_t calendar_name = MACH_PORT_NULL;

LIBMACH_API kern_return_t host_get_clock_service(host_t host, clock_id_t clock_id,
						 clock_serv_t *clock_serv)
{
	kern_return_t kr;

	kr = libmach_mig_host_get_clock_service(host, clock_id, clock_serv);
	if (kr == KERN_SUCCESS && clock_id == CALENDAR_CLOCK)
		__atomic_store_n(&calendar_name, *clock_serv, __ATOMIC_RELAXED);
	return kr;
}

LIBMACH_API kern_return_t clock_get_time(clock_serv_t clock_serv, mach_timespec_t *cur_time)
{
	return libmach_mig_clock_get_time(clock_serv, cur_time);
}

/* XNU's clock_sleep_trap: the system clock only, KERN_ABORTED on a signal. */
LIBMACH_API kern_return_t clock_sleep(mach_port_t clock_name, int sleep_type,
				      mach_timespec_t sleep_time,
				      mach_timespec_t *wakeup_time)
{
	struct timespec ts, now;
	int err;

	if (!MACH_PORT_VALID(clock_name))
		return KERN_INVALID_ARGUMENT;
	if (clock_name == __atomic_load_n(&calendar_name, __ATOMIC_RELAXED))
		return KERN_FAILURE;
	if (BAD_MACH_TIMESPEC(&sleep_time) ||
	    (sleep_type != TIME_ABSOLUTE && sleep_type != TIME_RELATIVE))
		return KERN_INVALID_VALUE;
	ts.tv_sec = sleep_time.tv_sec;
	ts.tv_nsec = sleep_time.tv_nsec;
	err = clock_nanosleep(CLOCK_MONOTONIC,
			      sleep_type == TIME_ABSOLUTE ? TIMER_ABSTIME : 0,
			      &ts, NULL);
	if (wakeup_time && !clock_gettime(CLOCK_MONOTONIC, &now)) {
		wakeup_time->tv_sec = (unsigned int)now.tv_sec;
		wakeup_time->tv_nsec = (clock_res_t)now.tv_nsec;
	}
	if (err == EINTR)
		return KERN_ABORTED;
	return err ? KERN_INVALID_VALUE : KERN_SUCCESS;
}
