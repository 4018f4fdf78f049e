/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: the mach_vm (4800) and host (200) / clock (1000) servers. */
#ifndef _MACH_VM_H
#define _MACH_VM_H

#include "ipc.h"
#include "kmsg.h"

/* vm.c */
bool mk_vm_routine(s32 id);
int mk_vm_routine_flavor(s32 id);
int mk_vm_serve(struct mk_task *task, struct mk_kmsg *req,
		struct mk_kmsg **replyp);
bool mk_vm_task_info_flavor(s32 flavor);
int mk_vm_task_info(struct mk_task *task, s32 flavor, u32 count,
		    struct mk_kmsg *req, struct mk_kmsg **replyp);

/* host.c */
int mk_host_init(void);
void mk_host_exit(void);
long mk_host_ioctl(unsigned int cmd, void __user *uarg);
int mk_host_serve(struct mk_port *port, struct mk_kmsg *req,
		  struct mk_kmsg **replyp);

#endif /* _MACH_VM_H */
