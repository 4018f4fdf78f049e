/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Special reply ports and sync-IPC link monitoring (turnstiles on Darwin). */
#ifndef _MACH_SYNC_IPC_H_
#define _MACH_SYNC_IPC_H_

#include <mach/mach.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum thread_destruct_special_reply_port_rights {
	THREAD_SPECIAL_REPLY_PORT_ALL,
	THREAD_SPECIAL_REPLY_PORT_RECEIVE_ONLY,
	THREAD_SPECIAL_REPLY_PORT_SEND_ONLY,
} thread_destruct_special_reply_port_rights_t;

kern_return_t mach_sync_ipc_link_monitoring_start(mach_port_t *port);
kern_return_t mach_sync_ipc_link_monitoring_stop(mach_port_t port, boolean_t *in_effect);
kern_return_t thread_destruct_special_reply_port(mach_port_name_t port,
						 thread_destruct_special_reply_port_rights_t rights);
mach_port_t mig_get_special_reply_port(void);
void mig_dealloc_special_reply_port(mach_port_t migport);

#ifdef __cplusplus
}
#endif

#endif
