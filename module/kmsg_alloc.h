/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: message memory (kmsg_alloc.c) */
#ifndef MK_KMSG_ALLOC_H
#define MK_KMSG_ALLOC_H

#include <linux/types.h>

struct mk_kmsg;

struct mk_kmsg *mk_kmsg_get(size_t bytes, bool zero);
void mk_kmsg_put(struct mk_kmsg *kmsg);
void mk_msg_exit(void);

#endif
