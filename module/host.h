/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: the host port (200) and the clock services (1000), host.c. */
#ifndef _MACH_HOST_H
#define _MACH_HOST_H

#include <linux/compiler.h>
#include "kern_return.h"

struct mk_kmsg;
struct mk_port;

int mk_host_init(void);
void mk_host_exit(void);
long mk_host_ioctl(unsigned int cmd, void __user *uarg);
/* Context: mk_lock held (the kernel-object server's) */
kern_return_t mk_host_serve(struct mk_port *port, struct mk_kmsg *req,
			    struct mk_kmsg **replyp);
bool mk_host_priv(void);
struct mk_right;
void mk_host_make_send_right(struct mk_right *r);

#endif /* _MACH_HOST_H */
