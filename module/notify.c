// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: notification messages (ids 65-72).  The kernel sends each one
 * through a send-once right, so they ignore queue limits; they carry the
 * kernel's security token {0, 1} and an all-zero audit token.
 *
 * Every function here consumes the send-once right it is given (its
 * sorights count and one port reference).
 */
#include <linux/string.h>
#include "kmsg.h"
#include "locking.h"
#include "mqueue.h"
#include "netlink.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "stats.h"

struct mk_notify_body {
	u8 ndr[8];
	u32 value;
} __packed;

struct mk_notify_destroyed_body {
	u32 desc_count;
	struct mk_port_desc port;
} __packed;

/* NDR_record: little-endian integers, ASCII, IEEE floats. */
const u8 mk_ndr_record[8] = { 0, 0, 0, 0, 1, 0, 0, 0 };

static struct mk_kmsg *notify_alloc(struct mk_port *notify, s32 id, u32 size,
				    u32 ndesc)
{
	struct mk_msg_header *hdr;
	struct mk_kmsg *kmsg;

	if (!notify->active)
		goto drop;
	kmsg = mk_kmsg_alloc(size, ndesc);
	if (!kmsg)
		goto drop;
	hdr = mk_kmsg_hdr(kmsg);
	hdr->bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	hdr->size = size;
	hdr->id = id;
	kmsg->size = size;
	kmsg->dest.port = notify;
	kmsg->dest.type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	kmsg->sec_token[0] = 0;
	kmsg->sec_token[1] = 1;
	mk_stats.notifications++;
	mk_nl_event_notify(notify, id);
	return kmsg;
drop:
	/* a dead notify port (or no memory) just loses the right */
	notify->sorights--;
	mk_port_put(notify);
	return NULL;
}

static void notify_value(struct mk_port *notify, s32 id, u32 value)
{
	struct mk_notify_body *body;
	struct mk_kmsg *kmsg;

	kmsg = notify_alloc(notify, id, sizeof(struct mk_msg_header) +
			    sizeof(*body), 0);
	if (!kmsg)
		return;
	body = (void *)(kmsg->data + sizeof(struct mk_msg_header));
	memcpy(body->ndr, mk_ndr_record, sizeof(body->ndr));
	body->value = value;
	mk_kmsg_enqueue(notify, kmsg);
}

void mk_notify_no_senders(struct mk_port *notify, u32 mscount)
{
	lockdep_assert_held(&mk_lock);
	notify_value(notify, MACH_NOTIFY_NO_SENDERS, mscount);
}

void mk_notify_dead_name(struct mk_port *notify, u32 name)
{
	lockdep_assert_held(&mk_lock);
	notify_value(notify, MACH_NOTIFY_DEAD_NAME, name);
}

void mk_notify_port_deleted(struct mk_port *notify, u32 name)
{
	lockdep_assert_held(&mk_lock);
	notify_value(notify, MACH_NOTIFY_PORT_DELETED, name);
}

void mk_notify_send_once(struct mk_port *notify)
{
	struct mk_kmsg *kmsg;

	lockdep_assert_held(&mk_lock);
	kmsg = notify_alloc(notify, MACH_NOTIFY_SEND_ONCE,
			    sizeof(struct mk_msg_header), 0);
	if (kmsg)
		mk_kmsg_enqueue(notify, kmsg);
}

/*
 * The receive right of @port travels to @notify in the message; if it
 * cannot be delivered the port dies after all.  The caller keeps its own
 * reference on @port.
 */
void mk_notify_port_destroyed(struct mk_port *notify, struct mk_port *port)
{
	struct mk_notify_destroyed_body *body;
	struct mk_kmsg *kmsg;

	lockdep_assert_held(&mk_lock);
	kmsg = notify_alloc(notify, MACH_NOTIFY_PORT_DESTROYED,
			    sizeof(struct mk_msg_header) + sizeof(*body), 1);
	if (!kmsg) {
		mk_port_destroy(port);
		return;
	}
	mk_kmsg_hdr(kmsg)->bits |= MACH_MSGH_BITS_COMPLEX;
	body = (void *)(kmsg->data + sizeof(struct mk_msg_header));
	body->desc_count = 1;
	body->port.type = MACH_MSG_PORT_DESCRIPTOR;
	body->port.disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	kmsg->descs[0].offset = sizeof(struct mk_msg_header) + 4;
	kmsg->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	mk_port_get(port);
	kmsg->descs[0].right.port = port;
	kmsg->descs[0].right.type = MACH_MSG_TYPE_PORT_RECEIVE;
	mk_kmsg_enqueue(notify, kmsg);
}
