/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: notifications the kernel sends (notify.c). */
#ifndef _MACH_NOTIFY_H
#define _MACH_NOTIFY_H

#include <linux/types.h>

struct mk_port;

/* NDR_record: little-endian integers, ASCII, IEEE floats */
extern const u8 mk_ndr_record[8];

void mk_notify_send_once(struct mk_port *notify);
void mk_notify_no_senders(struct mk_port *notify, u32 mscount);
void mk_notify_dead_name(struct mk_port *notify, u32 name);
void mk_notify_port_deleted(struct mk_port *notify, u32 name);
void mk_notify_port_destroyed(struct mk_port *notify, struct mk_port *port);

#endif /* _MACH_NOTIFY_H */
