/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: task identity tokens (task_ident.c), XNU's task_id_token_t:
 * task_create_identity_token and task_identity_token_get_task_port.
 */
#ifndef _MACH_TASK_IDENT_H
#define _MACH_TASK_IDENT_H

#include "kern_return.h"
#include "mig_ids.h"	/* the routines' ids (task.defs) */

struct mk_kmsg;
struct mk_port;
struct mk_task;

/* Context: mk_lock held (kobject.c's server). */
kern_return_t mk_task_ident_create(struct mk_task *task, struct mk_kmsg *req,
				   struct mk_kmsg **replyp);
kern_return_t mk_task_ident_serve(struct mk_task *caller, struct mk_port *port,
				  struct mk_kmsg *req, struct mk_kmsg **replyp);
/* Context: mk_lock held, from mk_port_release_send(). */
void mk_task_ident_no_senders(struct mk_port *port);

#endif /* _MACH_TASK_IDENT_H */
