/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mk_timer: a port that receives a message when a deadline passes
 * (Documentation/sync.rst).  Deadlines are mach_absolute_time() values.
 */
#ifndef _MACH_MK_TIMER_H_
#define _MACH_MK_TIMER_H_

#include <stdint.h>
#include <mach/mach_time.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/kern_return.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A receive right (immovable) to a new timer; MACH_PORT_NULL on failure. */
mach_port_name_t mk_timer_create(void);

/* Destroys the receive right, as mach_port_destroy (XNU's ABI). */
kern_return_t mk_timer_destroy(mach_port_name_t name);

/* Arm (or re-arm: the new deadline replaces the old) for @expire_time. */
kern_return_t mk_timer_arm(mach_port_name_t name, uint64_t expire_time);

/* Disarm; *@result_time (if not NULL): the armed deadline, 0 if none. */
kern_return_t mk_timer_cancel(mach_port_name_t name, uint64_t *result_time);

/* mk_timer_flags */
#define MK_TIMER_NORMAL		(0)
#define MK_TIMER_CRITICAL	(1)

kern_return_t mk_timer_arm_leeway(mach_port_name_t name,
				  uint64_t mk_timer_flags,
				  uint64_t mk_timer_expire_time,
				  uint64_t mk_timer_leeway);

/* What the port receives at expiry: msgh_id 0, 48 bytes, a zero body. */
#pragma pack(push, 4)
typedef struct mk_timer_expire_msg {
	mach_msg_header_t	header;
	uint64_t		unused[3];
} mk_timer_expire_msg_t;
#pragma pack(pop)

#ifdef __cplusplus
}
#endif

#endif
