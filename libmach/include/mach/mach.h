/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The Mach API in one include, as on Darwin. */
#ifndef _MACH_H_
#define _MACH_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_init.h>
#include <mach/mig_errors.h>
#include <mach/mach_host.h>
#include <mach/thread_switch.h>
#include <mach/rpc.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Release every right and all out-of-line memory a message carries
 * (remote and voucher ports, descriptors), by their dispositions.  Works
 * on received messages and on messages that were never sent.  The local
 * (reply) port is left alone.
 */
void mach_msg_destroy(mach_msg_header_t *msg);

/* Send @msg (msgh_size bytes), blocking without a timeout. */
mach_msg_return_t mach_msg_send(mach_msg_header_t *msg);

/* Receive on msgh_local_port into @msg, msgh_size bytes, no timeout. */
mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg);

/*
 * MIG servers: receive requests on @rcv_name (at most @max_size bytes,
 * more with MACH_RCV_LARGE), hand each to @demux (a generated
 * <subsystem>_server) and send its reply; forever, or for one request.
 */
mach_msg_return_t mach_msg_server(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
				  mach_msg_size_t max_size, mach_port_t rcv_name,
				  mach_msg_options_t options);
mach_msg_return_t mach_msg_server_once(boolean_t (*demux)(mach_msg_header_t *,
							  mach_msg_header_t *),
				       mach_msg_size_t max_size, mach_port_t rcv_name,
				       mach_msg_options_t options);
mach_msg_return_t mach_msg_server_importance(boolean_t (*demux)(mach_msg_header_t *,
								mach_msg_header_t *),
					     mach_msg_size_t max_size, mach_port_t rcv_name,
					     mach_msg_options_t options);

#ifdef __cplusplus
}
#endif

#endif
