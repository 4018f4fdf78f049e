// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: a message's lifetime (GNU Mach's ipc_kmsg alloc/free/destroy).
 * The memory comes from kmsg_alloc.c; destroying a message releases the
 * rights it carries, which can destroy ports whose queues hold more
 * messages: those are reaped from a list, not by recursion.
 */
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "kmsg_alloc.h"
#include "limits.h"
#include "locking.h"
#include "ool_pages.h"

/* A kernel-made message, zeroed, with room for @ndesc descriptors. */
struct mk_kmsg *mk_kmsg_alloc(u32 size, u32 ndesc)
{
	/* room for the trailer, so a receive copies out once */
	size_t data = ALIGN(size + MK_TRAILER_MAX, 8);
	struct mk_kmsg *kmsg;

	kmsg = mk_kmsg_get(sizeof(*kmsg) + data +
			   ndesc * sizeof(struct mk_kdesc), true);
	if (!kmsg)
		return NULL;
	kmsg->ndesc = ndesc;
	kmsg->descs = (void *)(kmsg->data + data);
	kmsg->size = size;
	return kmsg;
}

/*
 * A message to be sent by a user: not zeroed (data[] is copied over and the
 * trailer written at receive), descriptors allocated apart.  The caller
 * bounds @size (MK_MSG_SIZE_CEILING).
 */
struct mk_kmsg *mk_kmsg_alloc_user(u32 size)
{
	struct mk_kmsg *kmsg;

	kmsg = mk_kmsg_get(sizeof(*kmsg) + ALIGN(size + MK_TRAILER_MAX, 8),
			   false);
	if (kmsg)
		kmsg->size = size;
	return kmsg;
}

/* The memory only; the rights are gone already.  Needs no lock. */
void mk_kmsg_free(struct mk_kmsg *kmsg)
{
	u32 i;

	mk_limit_uncharge_msg(kmsg->user, kmsg->charge);
	for (i = 0; i < kmsg->ndesc; i++) {
		mk_ool_pages_release(&kmsg->descs[i]);
		kvfree(kmsg->descs[i].ool);
	}
	if (kmsg->descs_own)
		kvfree(kmsg->descs);
	mk_kmsg_put(kmsg);
}

/* The rights one descriptor carries.  Context: mk_lock held. */
void mk_kdesc_release(struct mk_kdesc *d)
{
	struct mk_right *rights = d->ool;
	u32 i;

	lockdep_assert_held(&mk_lock);
	switch (d->type) {
	case MACH_MSG_PORT_DESCRIPTOR:
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		mk_right_release(&d->right);
		break;
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		for (i = 0; d->rights_in && i < d->count; i++)
			mk_right_release(&rights[i]);
		break;
	}
}

static void kmsg_destroy_now(struct mk_kmsg *kmsg)
{
	u32 i;

	mk_right_release(&kmsg->dest);
	mk_right_release(&kmsg->reply);
	for (i = 0; i < kmsg->ndesc; i++)
		mk_kdesc_release(&kmsg->descs[i]);
	mk_kmsg_free(kmsg);
}

/*
 * Destroying a message can destroy ports whose queues hold messages that
 * carry more receive rights; a list instead of recursion keeps the stack
 * flat however long the chain.  Both statics are guarded by mk_lock.
 */
static LIST_HEAD(mk_reap_list);
static bool mk_reaping;

/* Release everything @kmsg carries and free it.  Context: mk_lock held. */
void mk_kmsg_destroy(struct mk_kmsg *kmsg)
{
	lockdep_assert_held(&mk_lock);
	list_add_tail(&kmsg->node, &mk_reap_list);
	if (mk_reaping)
		return;
	mk_reaping = true;
	while (!list_empty(&mk_reap_list)) {
		kmsg = list_first_entry(&mk_reap_list, struct mk_kmsg, node);
		list_del(&kmsg->node);
		kmsg_destroy_now(kmsg);
	}
	mk_reaping = false;
}
