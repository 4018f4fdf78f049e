/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Mach semaphores (Documentation/sync.rst).  semaphore_create and
 * semaphore_destroy are in <mach/task.h> (MIG routines on the task port);
 * these are XNU's traps, each one ioctl with no message.  Results are
 * XNU's: KERN_OPERATION_TIMED_OUT, KERN_NOT_WAITING (signal_thread),
 * KERN_TERMINATED (destroyed, or its task died), KERN_ABORTED (a signal
 * handler ran during the wait), KERN_INVALID_NAME / KERN_INVALID_RIGHT /
 * KERN_INVALID_CAPABILITY for a name that is not a semaphore.
 */
#ifndef _MACH_SEMAPHORE_H_
#define _MACH_SEMAPHORE_H_

#include <mach/port.h>
#include <mach/mach_types.h>
#include <mach/kern_return.h>
#include <mach/sync_policy.h>
#include <mach/clock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t semaphore_signal(semaphore_t semaphore);
kern_return_t semaphore_signal_all(semaphore_t semaphore);
kern_return_t semaphore_wait(semaphore_t semaphore);
kern_return_t semaphore_timedwait(semaphore_t semaphore, mach_timespec_t wait_time);
kern_return_t semaphore_timedwait_signal(semaphore_t wait_semaphore,
					 semaphore_t signal_semaphore,
					 mach_timespec_t wait_time);
kern_return_t semaphore_wait_signal(semaphore_t wait_semaphore,
				    semaphore_t signal_semaphore);
kern_return_t semaphore_signal_thread(semaphore_t semaphore, thread_t thread);

#ifdef __cplusplus
}
#endif

#endif
