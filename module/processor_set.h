/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: the processor set (processor_set.c). */
#ifndef _MACH_PROCESSOR_SET_H
#define _MACH_PROCESSOR_SET_H

#include "kern_return.h"

struct mk_kmsg;
struct mk_port;

int mk_pset_init(void);
/* Context: mk_lock held */
void mk_pset_exit(void);
/* Context: mk_lock held (the kernel-object server's) */
kern_return_t mk_pset_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp);
kern_return_t mk_pset_thread_assignment(struct mk_kmsg *req,
					struct mk_kmsg **replyp);
kern_return_t mk_pset_serve(struct mk_port *port, struct mk_kmsg *req,
			    struct mk_kmsg **replyp);

#endif /* _MACH_PROCESSOR_SET_H */
