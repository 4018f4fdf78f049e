// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mach_msg.  One ioctl carries a send, a receive, or both; the
 * combined form is the RPC path: enqueue, synchronous wake-up of the
 * receiver, then sleep for the reply, in one mk_lock section (or, when the
 * receiver woken should run at once, a yield to it between the halves).
 *
 * Send: size checks -> copy the message and its out-of-line data into the
 * kernel (no lock) -> header rights, all or nothing -> body rights (an
 * error destroys the message, as XNU does) -> queue, blocking on a full
 * queue unless the destination is a send-once right.  A send that fails
 * after copyin hands everything back to the sender (pseudo-receive).
 *
 * Receive: name -> port or set -> wait -> size check -> dequeue -> rights
 * out into the receiver's space (under mk_lock) -> memory out and the
 * message copied to the user buffer (no lock).
 */
#include <linux/cred.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/overflow.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mach_dev.h>
#include "kmsg.h"
#include "kmsg_alloc.h"
#include "limits.h"

#define MACH_SEND_MSG		0x00000001
#define MACH_RCV_MSG		0x00000002
#define MACH_RCV_LARGE		0x00000004
#define MACH_RCV_LARGE_IDENTITY	0x00000008
#define MACH_SEND_TIMEOUT	0x00000010
#define MACH_SEND_INTERRUPT	0x00000040
#define MACH_RCV_TIMEOUT	0x00000100
#define MACH_RCV_INTERRUPT	0x00000400

#define MK_TRAILER_MAX		68
#define MK_MAX_OOL_PORTS	16383
/* whatever max_msg_size is set to: size + trailer stays far from 2^32 */
#define MK_MSG_SIZE_CEILING	(64u << 20)

static unsigned int max_msg_size = 4 << 20;
module_param(max_msg_size, uint, 0644);
MODULE_PARM_DESC(max_msg_size, "Largest inline message in bytes (MACH_SEND_TOO_LARGE beyond)");

static unsigned int max_ool_size = 256 << 20;
module_param(max_ool_size, uint, 0644);
MODULE_PARM_DESC(max_ool_size, "Largest out-of-line region in bytes (MACH_SEND_TOO_LARGE beyond)");

static unsigned long port_byte_budget = 256UL << 20;
module_param(port_byte_budget, ulong, 0644);
MODULE_PARM_DESC(port_byte_budget, "Bytes one port may hold queued (MACH_SEND_NO_BUFFER beyond)");

struct mk_trailer {
	u32 type;
	u32 size;
	u32 seqno;
	u32 sender[2];
	u32 audit[8];
	u64 context;
	s32 ad;
	u32 labels;
} __packed;

/* One mach_msg call; set up field by field (no zeroing of the lot). */
struct msg_call {
	struct mach_msg_args a;
	struct mk_task *task;
	struct mk_kmsg *kmsg;		/* being sent, or received */
	u64 context;			/* trailer: the port's, at dequeue */
	u32 seqno;			/* trailer: the message's */
	u32 trailer_size;
	bool pseudo;			/* handing a failed send back */
	bool locked;			/* msg_send left mk_lock held for the receive */
	struct mk_task *wait_for;	/* task_suspend: wait after unlock */
	struct mk_thread *wait_thr;	/* thread_suspend: that thread only */
};

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

void mk_kmsg_free(struct mk_kmsg *kmsg)
{
	u32 i;

	mk_limit_uncharge_msg(kmsg->user, kmsg->charge);
	for (i = 0; i < kmsg->ndesc; i++)
		kvfree(kmsg->descs[i].ool);
	if (kmsg->descs_own)
		kvfree(kmsg->descs);
	mk_kmsg_put(kmsg);
}

static void kdesc_release(struct mk_kdesc *d)
{
	struct mk_right *rights = d->ool;
	u32 i;

	switch (d->type) {
	case MACH_MSG_PORT_DESCRIPTOR:
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
		kdesc_release(&kmsg->descs[i]);
	mk_kmsg_free(kmsg);
}

/*
 * Destroying a message can destroy ports whose queues hold messages that
 * carry more receive rights; a list instead of recursion keeps the stack
 * flat however long the chain.  Context: mk_lock held.
 */
static LIST_HEAD(mk_reap_list);
static bool mk_reaping;

void mk_kmsg_destroy(struct mk_kmsg *kmsg)
{
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

/* Context: mk_lock held. */
void mk_mqueue_destroy(struct mk_port *port)
{
	struct mk_kmsg *kmsg, *tmp;

	list_for_each_entry_safe(kmsg, tmp, &port->messages, node) {
		list_del(&kmsg->node);
		port->msgcount--;
		port->msgbytes -= kmsg->charge;
		mk_kmsg_destroy(kmsg);
	}
}

/* Does the chain of queues from @dest lead back to @r's own queue? */
static bool receive_reaches(struct mk_port *r, struct mk_port *dest)
{
	/* acyclic: no circular message is ever queued */
	for (; dest; dest = dest->destination)
		if (dest == r)
			return true;
	return false;
}

static struct mk_port *receive_port(const struct mk_right *right)
{
	return right->type == MACH_MSG_TYPE_PORT_RECEIVE ? right->port : NULL;
}

/*
 * The receive rights @kmsg carries: with @queued, they are now in transit
 * to @dest; else, is any of them one that @dest's queue chain reaches?
 */
static bool kmsg_receive_rights(struct mk_kmsg *kmsg, struct mk_port *dest,
				bool queued)
{
	struct mk_port *r;
	u32 i, j;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_right *rights = d->ool;

		for (j = 0; j < (d->rights_in ? d->count : 1); j++) {
			if (d->rights_in)
				r = receive_port(&rights[j]);
			else if (d->type == MACH_MSG_PORT_DESCRIPTOR)
				r = receive_port(&d->right);
			else
				r = NULL;
			if (!r)
				continue;
			if (queued)
				r->destination = dest;
			else if (receive_reaches(r, dest))
				return true;
		}
	}
	return false;
}

/*
 * Would queueing @kmsg on @dest put a receive right into a queue that only
 * that right can drain, directly or through other receive rights in
 * transit (A's right queued on B, B's right sent to A)?  Nobody could
 * ever receive those messages.  XNU's ipc_port_check_circularity() marks
 * such a message and ipc_kmsg_send() destroys it at once, reporting
 * success; so do we.  Context: mk_lock held.
 */
static bool kmsg_is_circular(struct mk_kmsg *kmsg, struct mk_port *dest)
{
	return kmsg->ndesc && kmsg_receive_rights(kmsg, dest, false);
}

/*
 * Receivers sleep only on an empty queue, so only the first message wakes
 * them (as a pipe wakes its reader).  They queue themselves on rcv_wait
 * under mk_lock, so an empty wait queue here means nobody to wake.  @sync:
 * the sender is about to sleep in its own receive (the RPC path), so the
 * receiver may take its CPU.
 */
static void mqueue_add(struct mk_port *port, struct mk_kmsg *kmsg, bool sync)
{
	bool was_empty = list_empty(&port->messages);

	list_add_tail(&kmsg->node, &port->messages);
	port->msgcount++;
	port->msgbytes += kmsg->charge;
	if (kmsg->ndesc)	/* receive rights it carries are now in transit */
		kmsg_receive_rights(kmsg, port, true);
	if (!was_empty)
		return;
	/* receivers queue themselves under mk_lock: none queued, none asleep */
	if (waitqueue_active(&port->rcv_wait)) {
		if (sync)
			wake_up_interruptible_sync(&port->rcv_wait);
		else
			wake_up_interruptible(&port->rcv_wait);
	}
	if (!list_empty(&port->psets))
		mk_pset_wake(port, sync);
}

/*
 * Queue a kernel-made message, ignoring qlimit.  It is charged to the uid
 * that made the destination port (limits.c): notifications reach a port
 * through send-once rights its receiver made, so one user cannot pile
 * them up on another's account, and a user who makes them pile up on its
 * own ports meets its own limit; over it the message is dropped, as XNU
 * drops one at the kernel queue limit.  Context: mk_lock held.
 */
void mk_kmsg_enqueue(struct mk_port *port, struct mk_kmsg *kmsg)
{
	size_t bytes = kmsg->charge ?: kmsg->size;

	if (!port->active || kmsg_is_circular(kmsg, port)) {
		mk_kmsg_destroy(kmsg);
		return;
	}
	if (port->msgcount >= MACH_PORT_QLIMIT_KERNEL ||
	    (!kmsg->user && port->user &&
	     mk_limit_charge_msg(port->user, bytes, false))) {
		/*
		 * Dropped: its send-once right counts as used.  Destroyed
		 * unused it would send a send-once notification to this
		 * same full queue, and that one another, for ever.
		 */
		mk_right_release_used(&kmsg->dest);
		mk_kmsg_destroy(kmsg);
		return;
	}
	if (!kmsg->user && port->user) {
		kmsg->charge = bytes;
		kmsg->user = port->user;
	}
	mqueue_add(port, kmsg, false);
}

/* ---- send ---- */

static bool disp_valid_header(u32 d)
{
	return d >= MACH_MSG_TYPE_MOVE_SEND && d <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

/* The type a right sent with @disp arrives as (16, 17 or 18). */
static u8 disp_received_type(u32 disp)
{
	if (disp == MACH_MSG_TYPE_MOVE_RECEIVE)
		return MACH_MSG_TYPE_PORT_RECEIVE;
	if (disp == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
	    disp == MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	return MACH_MSG_TYPE_PORT_SEND;
}

static bool disp_moves(u32 disp)
{
	return disp == MACH_MSG_TYPE_MOVE_SEND ||
		disp == MACH_MSG_TYPE_MOVE_SEND_ONCE;
}

/*
 * Is the destination usable?  A send-once right whose port died is taken
 * (the message is then dropped, as XNU does) only while the name is still
 * a send-once right; any other dead destination is refused.
 */
static int check_dest(struct mk_space *space, u32 name, struct mk_entry *dest,
		      u32 disp)
{
	if (!dest || !(dest->bits & MACH_PORT_TYPE_PORT_RIGHTS))
		return MACH_SEND_INVALID_DEST;
	if ((dest->bits & MACH_PORT_TYPE_SEND_ONCE) && !dest->port->active &&
	    disp == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return MACH_MSG_SUCCESS;
	if (mk_entry_check_dead(space, name, dest) ||
	    mk_right_copyin_check_entry(space, name, dest, disp))
		return MACH_SEND_INVALID_DEST;
	return MACH_MSG_SUCCESS;
}

static int check_reply(struct mk_space *space, u32 name,
		       struct mk_entry *reply, u32 disp)
{
	if (!mk_name_valid(name))
		return MACH_MSG_SUCCESS;	/* NULL and DEAD travel as is */
	if (!reply || mk_entry_check_dead(space, name, reply) ||
	    !(reply->bits & MACH_PORT_TYPE_PORT_RIGHTS) ||
	    mk_right_copyin_check_entry(space, name, reply, disp))
		return MACH_SEND_INVALID_REPLY;
	return MACH_MSG_SUCCESS;
}

static int copyin_reply(struct mk_space *space, struct mk_msg_header *hdr,
			u32 l, struct mk_entry *entry, struct mk_right *reply)
{
	if (!l)
		return MACH_MSG_SUCCESS;
	if (!mk_name_valid(hdr->local)) {
		reply->dead = hdr->local == MACH_PORT_DEAD;
		reply->type = disp_received_type(l);
		return MACH_MSG_SUCCESS;
	}
	return mk_right_copyin_entry(space, hdr->local, entry, l, reply) ?
		MACH_SEND_INVALID_REPLY : MACH_MSG_SUCCESS;
}

/*
 * Header rights, all or nothing.  Each name is looked up once; when both
 * are one name, the second copyin sees what the first left of the entry.
 * Context: mk_lock held.
 */
static int copyin_header(struct mk_space *space, struct mk_kmsg *kmsg)
{
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	struct mk_entry *dest, *reply = NULL;
	u32 r, l, v, vname;
	bool reply_first;
	int mr;

	/* bits a user may not set are ignored, as XNU clears them */
	hdr->bits &= MACH_MSGH_BITS_USER;
	r = MACH_MSGH_BITS_REMOTE(hdr->bits);
	l = MACH_MSGH_BITS_LOCAL(hdr->bits);
	if ((!l && hdr->local) || (l && !disp_valid_header(l)))
		return MACH_SEND_INVALID_HEADER;
	/*
	 * The voucher as XNU's ipc_kmsg_copyin_header_validate takes it:
	 * MOVE_SEND or COPY_SEND of any name but MACH_PORT_DEAD, or none
	 * (the name then round-trips untouched).
	 */
	v = MACH_MSGH_BITS_VOUCHER(hdr->bits);
	if (v && ((v != MACH_MSG_TYPE_MOVE_SEND &&
		   v != MACH_MSG_TYPE_COPY_SEND) ||
		  hdr->voucher == MACH_PORT_DEAD))
		return MACH_SEND_INVALID_VOUCHER;
	vname = v ? hdr->voucher : MACH_PORT_NULL;
	if (!disp_valid_header(r))
		return MACH_SEND_INVALID_HEADER;
	if (!mk_name_valid(hdr->remote))
		return MACH_SEND_INVALID_DEST;
	if (vname && hdr->remote == vname && r != MACH_MSG_TYPE_MOVE_SEND &&
	    r != MACH_MSG_TYPE_COPY_SEND)
		return MACH_SEND_INVALID_DEST;
	if (hdr->remote == hdr->local &&
	    (r == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
	     l == MACH_MSG_TYPE_MOVE_SEND_ONCE))
		return MACH_SEND_INVALID_DEST;
	if (vname && hdr->local == vname)
		return MACH_SEND_INVALID_REPLY;
	/*
	 * ipc_kmsg_copyin_header_rights: a voucher name must be a send right
	 * to a voucher.  There are no voucher objects, so a null name is the
	 * only one that passes; it carries nothing to the receiver.
	 */
	if (vname)
		return MACH_SEND_INVALID_VOUCHER;
	dest = mk_entry_lookup(space, hdr->remote);
	mr = check_dest(space, hdr->remote, dest, r);
	if (mr)
		return mr;
	if (l) {
		reply = hdr->local == hdr->remote ? dest :
			mk_entry_lookup(space, hdr->local);
		mr = check_reply(space, hdr->local, reply, l);
		if (mr)
			return mr;
	}
	if (l && hdr->local == hdr->remote && r == MACH_MSG_TYPE_MOVE_SEND &&
	    l == MACH_MSG_TYPE_MOVE_SEND && dest->urefs == 1)
		return MACH_SEND_INVALID_DEST;
	/* on a shared name, the right that is copied goes before the moved one */
	reply_first = !disp_moves(l) || disp_moves(r);
	if (reply_first) {
		mr = copyin_reply(space, hdr, l, reply, &kmsg->reply);
		if (mr)
			return mr;
	}
	if (mk_right_copyin_entry(space, hdr->remote, dest, r, &kmsg->dest)) {
		mk_right_release(&kmsg->reply);
		return MACH_SEND_INVALID_DEST;
	}
	if (!reply_first) {
		mr = copyin_reply(space, hdr, l, reply, &kmsg->reply);
		if (mr) {
			mk_right_release(&kmsg->dest);
			return mr;
		}
	}
	hdr->bits = (hdr->bits & ~MACH_MSGH_BITS_PORTS_MASK) |
		MACH_MSGH_BITS(kmsg->dest.type, l ? kmsg->reply.type : 0);
	return MACH_MSG_SUCCESS;
}

/*
 * Check the descriptors before anything is taken from the sender or
 * allocated for them: types, copy options, dispositions and counts, with
 * every sum in 64 bits so that no count a sender writes can wrap one
 * (XNU's ipc_kmsg_inflate_*_descriptor sum with os_add_overflow and give
 * MACH_SEND_TOO_LARGE).  @descs NULL: measure only.  *@bytesp: what the
 * out-of-line memory and port arrays will take in the kernel.  No side
 * effects beyond @descs.
 */
static int body_validate(struct mk_kmsg *kmsg, u32 ndesc,
			 struct mk_kdesc *descs, u64 *bytesp)
{
	u32 off = sizeof(struct mk_msg_header) + 4, i;
	u64 ports = 0, bytes = 0, n;

	for (i = 0; i < ndesc; i++) {
		struct mk_kdesc *d = descs ? &descs[i] : NULL;
		struct mk_ool_desc *od;
		struct mk_port_desc *pd;
		u8 type;

		if (off + sizeof(*pd) > kmsg->size)
			return MACH_SEND_MSG_TOO_SMALL;
		type = kmsg->data[off + 11];
		if (d) {
			d->offset = off;
			d->type = type;
		}
		if (type == MACH_MSG_PORT_DESCRIPTOR) {
			pd = (void *)(kmsg->data + off);
			if (pd->disposition < MACH_MSG_TYPE_MOVE_RECEIVE ||
			    pd->disposition > MACH_MSG_TYPE_MAKE_SEND_ONCE)
				return MACH_SEND_INVALID_RIGHT;
			off += sizeof(*pd);
			if (++ports > MK_MAX_OOL_PORTS)
				return MACH_SEND_TOO_LARGE;
			continue;
		}
		if (type != MACH_MSG_OOL_DESCRIPTOR &&
		    type != MACH_MSG_OOL_VOLATILE_DESCRIPTOR &&
		    type != MACH_MSG_OOL_PORTS_DESCRIPTOR)
			return MACH_SEND_INVALID_TYPE;
		if (off + sizeof(*od) > kmsg->size)
			return MACH_SEND_MSG_TOO_SMALL;
		od = (void *)(kmsg->data + off);
		off += sizeof(*od);
		if (od->copy > 1)	/* PHYSICAL or VIRTUAL only */
			return MACH_SEND_INVALID_TYPE;
		if (d) {
			d->copy = od->copy;
			d->count = od->size;
		}
		if (type != MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			if (od->size > max_ool_size)
				return MACH_SEND_TOO_LARGE;
			if (check_add_overflow(bytes, (u64)od->size, &bytes))
				return MACH_SEND_TOO_LARGE;
			continue;
		}
		if (od->size && (od->disposition < MACH_MSG_TYPE_MOVE_RECEIVE ||
				 od->disposition > MACH_MSG_TYPE_MAKE_SEND_ONCE))
			return MACH_SEND_INVALID_RIGHT;
		/* 64 bits: 1 + 0xffffffff is not 0 here */
		if (check_add_overflow(ports, (u64)od->size, &ports) ||
		    ports > MK_MAX_OOL_PORTS)
			return MACH_SEND_TOO_LARGE;
		/* the names copied in, then the rights they become */
		if (check_mul_overflow((u64)od->size,
				       (u64)(sizeof(u32) + sizeof(struct mk_right)),
				       &n) ||
		    check_add_overflow(bytes, n, &bytes))
			return MACH_SEND_TOO_LARGE;
	}
	*bytesp = bytes;
	return MACH_MSG_SUCCESS;
}

/* Copy out-of-line memory and port-name arrays in; no lock held. */
static int body_copy_memory(struct mk_kmsg *kmsg)
{
	u32 i, n;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_ool_desc *od = (void *)(kmsg->data + d->offset);

		if (d->type == MACH_MSG_PORT_DESCRIPTOR || !d->count)
			continue;
		/* validated: count <= MK_MAX_OOL_PORTS, size <= max_ool_size */
		n = d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR ?
			d->count * sizeof(u32) : d->count;
		/* sized by the sender and charged to it: failing is no news */
		d->ool = kvmalloc(n, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!d->ool)
			return MACH_SEND_NO_BUFFER;
		if (copy_from_user(d->ool, u64_to_user_ptr(od->address), n))
			return MACH_SEND_INVALID_MEMORY;
	}
	return MACH_MSG_SUCCESS;
}

/* Second pass, under mk_lock: take the rights out of the sender's space. */
static int body_copyin_rights(struct mk_space *space, struct mk_kmsg *kmsg)
{
	u32 i, j;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_port_desc *pd = (void *)(kmsg->data + d->offset);
		struct mk_ool_desc *od = (void *)pd;
		struct mk_right *rights;
		u32 *names;

		if (d->type == MACH_MSG_PORT_DESCRIPTOR) {
			if (!mk_name_valid(pd->name)) {
				d->right.dead = pd->name == MACH_PORT_DEAD;
				d->right.type = disp_received_type(pd->disposition);
				continue;
			}
			if (mk_right_copyin(space, pd->name, pd->disposition,
					    &d->right))
				return MACH_SEND_INVALID_RIGHT;
			continue;
		}
		if (d->type != MACH_MSG_OOL_PORTS_DESCRIPTOR || !d->count)
			continue;
		names = d->ool;
		rights = kvcalloc(d->count, sizeof(*rights),
				  GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!rights)
			return MACH_SEND_NO_BUFFER;
		for (j = 0; j < d->count; j++) {
			if (!mk_name_valid(names[j])) {
				rights[j].dead = names[j] == MACH_PORT_DEAD;
				rights[j].type =
					disp_received_type(od->disposition);
				continue;
			}
			if (mk_right_copyin(space, names[j], od->disposition,
					    &rights[j])) {
				kvfree(names);
				d->ool = rights;
				d->rights_in = true;
				d->count = j;
				return MACH_SEND_INVALID_RIGHT;
			}
		}
		kvfree(names);
		d->ool = rights;
		d->rights_in = true;
	}
	return MACH_MSG_SUCCESS;
}

/*
 * Sender identity for the trailer, as XNU's security and audit tokens.
 * Made again only when the sender's credentials or session changed: the
 * id conversions and the session lookup are a measurable part of a small
 * message otherwise.  Context: mk_lock held.
 */
static void kmsg_stamp_sender(struct mk_task *task, struct mk_kmsg *kmsg)
{
	const struct cred *cred = current_cred();
	u32 *audit = task->audit_token;
	struct pid *sid;

	/* compared, not followed: no RCU section needed */
	sid = READ_ONCE(current->signal->pids[PIDTYPE_SID]);
	if (cred != task->token_cred || sid != task->token_sid) {
		if (task->token_cred)
			put_cred(task->token_cred);
		put_pid(task->token_sid);
		task->token_cred = get_current_cred();
		task->token_sid = get_task_pid(current, PIDTYPE_SID);
		task->sec_token[0] = from_kuid_munged(&init_user_ns, cred->euid);
		task->sec_token[1] = from_kgid_munged(&init_user_ns, cred->egid);
		audit[0] = 0xffffffffu;	/* no audit session user */
		audit[1] = task->sec_token[0];
		audit[2] = task->sec_token[1];
		audit[3] = from_kuid_munged(&init_user_ns, cred->uid);
		audit[4] = from_kgid_munged(&init_user_ns, cred->gid);
		audit[5] = task_tgid_nr(current);
		audit[6] = pid_nr(task->token_sid);
		audit[7] = 0;
	}
	memcpy(kmsg->sec_token, task->sec_token, sizeof(kmsg->sec_token));
	memcpy(kmsg->audit, audit, sizeof(kmsg->audit));
}

/*
 * Wait for room on a full queue.  Senders wait exclusively: a receive frees
 * one slot and wakes one sender, as XNU's ipc_mqueue_release_msgcount wakes
 * one thread per slot, instead of every sender taking mk_lock to find the
 * queue full again.  A woken sender that leaves without sending (signal,
 * timeout) passes the wake-up on, so the slot is not lost.
 * Context: mk_lock held, dropped inside.
 */
static int send_wait(struct msg_call *m, struct mk_port *port, long *timeout)
	__must_hold(&mk_lock)
{
	DEFINE_WAIT(wait);
	int mr = MACH_MSG_SUCCESS;

	lockdep_assert_held(&mk_lock);
	if ((m->a.option & MACH_SEND_TIMEOUT) && *timeout == 0)
		return MACH_SEND_TIMED_OUT;
	prepare_to_wait_exclusive(&port->snd_wait, &wait, TASK_INTERRUPTIBLE);
	mutex_unlock(&mk_lock);
	*timeout = schedule_timeout(*timeout);
	finish_wait(&port->snd_wait, &wait);
	mutex_lock(&mk_lock);
	if (signal_pending(current))
		mr = MACH_SEND_INTERRUPTED;
	else if ((m->a.option & MACH_SEND_TIMEOUT) && *timeout == 0)
		mr = MACH_SEND_TIMED_OUT;
	/* senders queue themselves under mk_lock, held here */
	if (mr && waitqueue_active(&port->snd_wait))
		wake_up_interruptible(&port->snd_wait);
	return mr;
}

/* Context: mk_lock held, under which senders queue themselves. */
static void wake_one_sender(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	if (waitqueue_active(&port->snd_wait))	/* added under mk_lock */
		wake_up_interruptible(&port->snd_wait);
}

static bool queue_full(struct mk_port *port, struct mk_kmsg *kmsg)
{
	if (kmsg->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		return false;
	return port->msgcount >= port->qlimit ||
		port->msgbytes + kmsg->charge > port_byte_budget;
}

/* Queue the message, blocking while the queue is full. */
static int send_enqueue(struct msg_call *m)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_port *port = kmsg->dest.port;
	long timeout = (m->a.option & MACH_SEND_TIMEOUT) ?
		msecs_to_jiffies(m->a.timeout) : MAX_SCHEDULE_TIMEOUT;
	bool waited = false;
	int mr;

	if (!port || kmsg_is_circular(kmsg, port)) {
		/* to a dead send-once right, or circular: sent, then gone */
		mk_kmsg_destroy(kmsg);
		m->kmsg = NULL;
		return MACH_MSG_SUCCESS;
	}
	/* timer ports are queued as any other (mk_timer.c) */
	if (port->kotype != MK_KOBJ_NONE && port->kotype != MK_KOBJ_TIMER &&
	    port->active) {
		/* kernel objects answer at once, in the sender's context */
		m->wait_for = mk_kobject_server(m->task, kmsg, &m->wait_thr);
		if (m->wait_for)
			kref_get(&m->wait_for->ref);
		m->kmsg = NULL;
		return MACH_MSG_SUCCESS;
	}
	/* the message's destination right keeps the port alive meanwhile */
	for (;;) {
		mr = MACH_MSG_SUCCESS;
		if (!port->active) {
			/* died after copyin: sent, then destroyed with it */
			mk_kmsg_destroy(kmsg);
			break;
		}
		/* send-once rights skip qlimit, not the byte budget */
		if (port->msgcount >= MACH_PORT_QLIMIT_KERNEL ||
		    kmsg->charge > port_byte_budget ||
		    (kmsg->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE &&
		     port->msgbytes + kmsg->charge > port_byte_budget)) {
			mr = MACH_SEND_NO_BUFFER;
			break;
		}
		if (!queue_full(port, kmsg)) {
			mqueue_add(port, kmsg, m->a.option & MACH_RCV_MSG);
			/* room left after a wait: the next sender's turn */
			if (waited && port->msgcount < port->qlimit)
				wake_one_sender(port);
			break;
		}
		mr = send_wait(m, port, &timeout);
		if (mr)
			break;
		waited = true;
	}
	if (!mr)
		m->kmsg = NULL;
	return mr;
}

/* ---- copyout (receive and pseudo-receive) ---- */

/* The trailer the receive options ask for: 8 to 68 bytes. */
static u32 trailer_size(u32 option)
{
	static const u8 sizes[] = { 8, 12, 20, 52, 60, 68, 68, 68 };
	u32 elements = (option >> 24) & 0xf;

	return elements < ARRAY_SIZE(sizes) ? sizes[elements] : 68;
}

/*
 * Format 0 with every element, after the message; the caller copies out
 * trailer_size bytes of it.
 */
static void trailer_put(struct msg_call *m, void *at)
{
	struct mk_trailer *t = at;

	t->type = 0;			/* MACH_MSG_TRAILER_FORMAT_0 */
	t->size = m->trailer_size;
	t->seqno = m->seqno;
	memcpy(t->sender, m->kmsg->sec_token, sizeof(t->sender));
	memcpy(t->audit, m->kmsg->audit, sizeof(t->audit));
	t->context = m->context;
	t->ad = 0;
	t->labels = 0;
}

/* Rights in descriptors go into @space; memory is placed later. */
static int body_copyout_rights(struct mk_space *space, struct mk_kmsg *kmsg)
{
	int mr = MACH_MSG_SUCCESS;
	u32 i, j, name;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_port_desc *pd = (void *)(kmsg->data + d->offset);
		struct mk_ool_desc *od = (void *)pd;
		struct mk_right *rights = d->ool;
		u32 *names;

		if (d->type == MACH_MSG_PORT_DESCRIPTOR) {
			pd->disposition = d->right.type ? d->right.type :
				pd->disposition;
			if (mk_right_copyout(space, &d->right, &pd->name)) {
				mk_right_release(&d->right);
				pd->name = MACH_PORT_NULL;
				mr = MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE;
			}
			continue;
		}
		if (d->type != MACH_MSG_OOL_PORTS_DESCRIPTOR || !d->count)
			continue;
		/* names replace rights in place (4 of the 16+ bytes each) */
		names = (u32 *)rights;
		for (j = 0; j < d->count; j++) {
			struct mk_right r = rights[j];

			if (r.type)
				od->disposition = r.type;
			if (mk_right_copyout(space, &r, &name)) {
				mk_right_release(&r);
				name = MACH_PORT_NULL;
				mr = MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE;
			}
			names[j] = name;
		}
		d->type = MACH_MSG_OOL_DESCRIPTOR;	/* now plain bytes */
		d->rights_in = false;
		d->count *= sizeof(u32);
		od->deallocate = 1;
		od->copy = 1;			/* VIRTUAL_COPY */
		od->size = d->count / sizeof(u32);
		d->copy = 0xff;			/* marks a port array */
	}
	return mr;
}

/* Map out-of-line data into the caller, no lock held. */
static int body_copyout_memory(struct mk_kmsg *kmsg)
{
	int mr = MACH_MSG_SUCCESS;
	unsigned long addr;
	u32 i;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_ool_desc *od = (void *)(kmsg->data + d->offset);

		if (d->type == MACH_MSG_PORT_DESCRIPTOR)
			continue;
		if (d->copy != 0xff)
			od->deallocate = d->copy == 1;
		od->address = 0;
		if (!d->count)
			continue;
		/* populated in one pass, not a page fault per page */
		addr = vm_mmap(NULL, 0, PAGE_ALIGN(d->count),
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0);
		if (IS_ERR_VALUE(addr)) {
			mr = MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE;
			od->size = 0;
			continue;
		}
		if (copy_to_user((void __user *)addr, d->ool, d->count)) {
			vm_munmap(addr, PAGE_ALIGN(d->count));
			mr = MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE;
			od->size = 0;
			continue;
		}
		od->address = addr;
	}
	return mr;
}

/*
 * Header rights out, under mk_lock.  A real receive swaps the sides (the
 * reply becomes msgh_remote_port, the destination msgh_local_port); a
 * pseudo-receive puts them back where the sender had them.
 */
static int header_copyout(struct msg_call *m, struct mk_space *space,
			  u32 dest_name)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	u32 dtype = kmsg->dest.type, rtype = kmsg->reply.type, reply_name;
	u32 other = hdr->bits & ~MACH_MSGH_BITS_PORTS_MASK;

	if (mk_right_copyout(space, &kmsg->reply, &reply_name)) {
		/* no name for it: the right is destroyed (send-once: notified) */
		mk_right_release(&kmsg->reply);
		if (!m->pseudo)
			return MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE;
		reply_name = MACH_PORT_DEAD;
	}
	if (!kmsg->reply.dead && !rtype)
		reply_name = MACH_PORT_NULL;
	if (m->pseudo) {
		u32 dname;

		if (mk_right_copyout(space, &kmsg->dest, &dname)) {
			mk_right_release(&kmsg->dest);
			dname = MACH_PORT_DEAD;
		}
		hdr->bits = other | MACH_MSGH_BITS(dtype, rtype);
		hdr->remote = dname;
		hdr->local = reply_name;
	} else {
		/* delivery consumes the destination right */
		mk_right_release_used(&kmsg->dest);
		hdr->bits = other | MACH_MSGH_BITS(rtype, dtype);
		hdr->remote = reply_name;
		hdr->local = dest_name;
	}
	hdr->size = kmsg->size;
	return MACH_MSG_SUCCESS;
}

/* Write the message to user memory; frees it.  No lock held. */
static int kmsg_put_user(struct msg_call *m, void __user *buf)
{
	struct mk_kmsg *kmsg = m->kmsg;
	int mr = MACH_MSG_SUCCESS;

	u32 len = kmsg->size;

	if (kmsg->ndesc)
		mr = body_copyout_memory(kmsg);
	if (!m->pseudo) {
		trailer_put(m, kmsg->data + len);	/* room was left for it */
		len += m->trailer_size;
	}
	if (copy_to_user(buf, kmsg->data, len))
		mr = m->pseudo ? MACH_SEND_INVALID_DATA : MACH_RCV_INVALID_DATA;
	mk_kmsg_free(kmsg);	/* needs no lock */
	m->kmsg = NULL;
	return mr;
}

/* ---- receive ---- */

/* What a receive name denotes.  Context: mk_lock held. */
static int rcv_lookup(struct mk_space *space, u32 name, struct mk_port **portp,
		      struct mk_pset **psetp)
{
	struct mk_entry *entry = mk_entry_lookup(space, name);

	*portp = NULL;
	*psetp = NULL;
	if (entry && (entry->bits & MACH_PORT_TYPE_RECEIVE))
		*portp = entry->port;
	else if (entry && (entry->bits & MACH_PORT_TYPE_PORT_SET))
		*psetp = entry->pset;
	else
		return MACH_RCV_INVALID_NAME;
	return MACH_MSG_SUCCESS;
}

static struct mk_port *rcv_ready(struct mk_port *port, struct mk_pset *pset)
{
	struct mk_psmember *m;

	if (port)
		return port->msgcount ? port : NULL;
	list_for_each_entry(m, &pset->members, set_node)
		if (m->port->msgcount)
			return m->port;
	return NULL;
}

/*
 * Sleep until a message may be there.  The caller holds a reference on
 * what it waits on.  Context: mk_lock held, dropped while asleep.
 */
static int rcv_wait(struct msg_call *m, struct mk_port *port,
		    struct mk_pset *pset, long *timeout)
{
	wait_queue_head_t *wq = port ? &port->rcv_wait : &pset->rcv_wait;
	DEFINE_WAIT(wait);

	if ((m->a.option & MACH_RCV_TIMEOUT) && *timeout == 0)
		return MACH_RCV_TIMED_OUT;
	prepare_to_wait(wq, &wait, TASK_INTERRUPTIBLE);
	mutex_unlock(&mk_lock);
	*timeout = schedule_timeout(*timeout);
	finish_wait(wq, &wait);
	mutex_lock(&mk_lock);
	if (signal_pending(current))
		return MACH_RCV_INTERRUPTED;
	return MACH_MSG_SUCCESS;
}

/* Wait for a message on @want or @pset; returns the port that has one. */
static int rcv_find(struct msg_call *m, struct mk_space *space, u32 name,
		    struct mk_port *want, struct mk_pset *pset,
		    struct mk_port **portp)
{
	long timeout = (m->a.option & MACH_RCV_TIMEOUT) ?
		msecs_to_jiffies(m->a.timeout) : MAX_SCHEDULE_TIMEOUT;
	bool held = false;
	int mr;

	for (;;) {
		mr = MACH_MSG_SUCCESS;
		*portp = rcv_ready(want, pset);
		if (*portp)
			break;
		/* keep what we wait on alive while mk_lock is dropped */
		if (!held) {
			if (want)
				mk_port_get(want);
			else
				kref_get(&pset->ref);
			held = true;
		}
		mr = rcv_wait(m, want, pset, &timeout);
		if (mr)
			break;
		/* the name must still denote what we were waiting on */
		mr = MACH_RCV_PORT_CHANGED;
		if ((want && (!want->active || want->receiver != space ||
			      want->receiver_name != name)) ||
		    (pset && (!pset->active || !mk_entry_lookup(space, name))))
			break;
		mr = MACH_RCV_TIMED_OUT;
		if (!rcv_ready(want, pset) && (m->a.option & MACH_RCV_TIMEOUT) &&
		    timeout == 0)
			break;
	}
	/* a port with a message here is still held by its receive right */
	if (held && want)
		mk_port_put(want);
	else if (held)
		mk_pset_put(pset);
	return mr;
}

/*
 * RCV_TOO_LARGE without MACH_RCV_LARGE, or a reply right the receiver's
 * space has no name for (RCV_HEADER_ERROR): the message is destroyed and
 * the caller gets a bare header naming the destination.
 */
static void rcv_destroy_to_header(struct msg_call *m, struct mk_port *port)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	u32 other = hdr->bits & ~MACH_MSGH_BITS_PORTS_MASK;
	u32 dtype = kmsg->dest.type, rtype = kmsg->reply.type;

	mk_right_release_used(&kmsg->dest);
	hdr->bits = other | MACH_MSGH_BITS(rtype, dtype);
	hdr->size = sizeof(*hdr);
	hdr->remote = MACH_PORT_NULL;
	hdr->local = port->receiver_name;
	hdr->voucher = MACH_PORT_NULL;
	kmsg->size = sizeof(*hdr);
	mk_right_release(&kmsg->reply);
	while (kmsg->ndesc) {
		kmsg->ndesc--;
		kdesc_release(&kmsg->descs[kmsg->ndesc]);
		kvfree(kmsg->descs[kmsg->ndesc].ool);
	}
}

/* Context: mk_lock held; released on return. */
static int msg_receive(struct msg_call *m)
{
	void __user *buf = u64_to_user_ptr(m->a.rcv_msg ?: m->a.msg);
	struct mk_space *space = m->task->space;
	struct mk_port *port, *want;
	struct mk_kmsg *kmsg;
	struct mk_pset *pset;
	u32 name = m->a.rcv_name, need, sizes[2];
	int mr, put;

	mr = rcv_lookup(space, name, &want, &pset);
	if (mr)
		goto unlock;
	mr = rcv_find(m, space, name, want, pset, &port);
	if (mr)
		goto unlock;
	kmsg = list_first_entry(&port->messages, struct mk_kmsg, node);
	m->kmsg = kmsg;
	m->trailer_size = trailer_size(m->a.option);
	m->seqno = port->seqno;
	m->context = port->context;
	need = kmsg->size + m->trailer_size;
	if (m->a.rcv_size < need && (m->a.option & MACH_RCV_LARGE)) {
		/* stays queued; report the size (and the port, on request) */
		sizes[0] = kmsg->size;
		sizes[1] = port->receiver_name;
		m->kmsg = NULL;
		mutex_unlock(&mk_lock);
		if (m->a.rcv_size >= 8 &&
		    put_user(sizes[0], (u32 __user *)(buf + 4)))
			mr = MACH_RCV_INVALID_DATA;
		else if ((m->a.option & MACH_RCV_LARGE_IDENTITY) &&
			 m->a.rcv_size >= 16 &&
			 put_user(sizes[1], (u32 __user *)(buf + 12)))
			mr = MACH_RCV_INVALID_DATA;
		return mr ? mr : MACH_RCV_TOO_LARGE;
	}
	list_del(&kmsg->node);
	port->msgcount--;
	port->msgbytes -= kmsg->charge;
	port->seqno++;
	mk_stats.msgs_received++;
	if (waitqueue_active(&port->snd_wait))	/* senders wait under mk_lock */
		wake_up_interruptible(&port->snd_wait);
	if (m->a.rcv_size < need) {
		rcv_destroy_to_header(m, port);
		mr = MACH_RCV_TOO_LARGE;
		m->trailer_size = m->a.rcv_size >= sizeof(struct mk_msg_header) +
			m->trailer_size ? m->trailer_size : 0;
		if (m->a.rcv_size < sizeof(struct mk_msg_header)) {
			mk_kmsg_free(kmsg);
			m->kmsg = NULL;
			goto unlock;
		}
	} else {
		mr = header_copyout(m, space, port->receiver_name);
		if (mr)
			rcv_destroy_to_header(m, port);
		else if (kmsg->ndesc)
			mr = body_copyout_rights(space, kmsg);
	}
	mutex_unlock(&mk_lock);
	put = kmsg_put_user(m, buf);
	return put ? put : mr;
unlock:
	mutex_unlock(&mk_lock);
	return mr;
}

/* Hand a message that could not be sent back to its sender. */
static void pseudo_receive(struct msg_call *m)
{
	struct mk_space *space = m->task->space;

	m->pseudo = true;
	header_copyout(m, space, MACH_PORT_NULL);
	if (m->kmsg->ndesc)
		body_copyout_rights(space, m->kmsg);
	mutex_unlock(&mk_lock);
	kmsg_put_user(m, u64_to_user_ptr(m->a.msg));
	mutex_lock(&mk_lock);
}

/* The caller's task, looked up once per call.  Context: mk_lock held. */
static struct mk_task *msg_task(struct msg_call *m)
{
	if (!m->task) {
		m->task = mk_task_current();
		if (m->task)
			kref_get(&m->task->ref);
	}
	return m->task;
}

/*
 * Unmap the sender's regions sent with deallocate set (page-rounded, as
 * XNU's vm_deallocate of the range).  No lock held.
 */
static void mk_body_deallocate(struct mk_kmsg *kmsg)
{
	unsigned long start, end;
	u32 i, len;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_ool_desc *od = (void *)(kmsg->data + d->offset);

		if (d->type == MACH_MSG_PORT_DESCRIPTOR || !od->deallocate ||
		    !od->size)
			continue;
		len = d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR ?
			od->size * sizeof(u32) : od->size;
		start = od->address & PAGE_MASK;
		end = PAGE_ALIGN(od->address + len);
		vm_munmap(start, end - start);
	}
}

/*
 * The descriptors: memory is copied in without mk_lock, rights are taken
 * under it; an error destroys the message, as XNU does.  Context: mk_lock
 * held, dropped inside and held again on return.
 */
static int send_body(struct msg_call *m, u32 ndesc)
{
	struct mk_kmsg *kmsg = m->kmsg;
	int mr;

	kmsg->ndesc = ndesc;
	mutex_unlock(&mk_lock);
	mr = body_copy_memory(kmsg);
	mutex_lock(&mk_lock);
	if (!mr)
		mr = body_copyin_rights(m->task->space, kmsg);
	if (mr) {
		mk_kmsg_destroy(kmsg);
		m->kmsg = NULL;
		return mr;
	}
	/* sender's regions with deallocate set go away now */
	mutex_unlock(&mk_lock);
	mk_body_deallocate(kmsg);
	mutex_lock(&mk_lock);
	return MACH_MSG_SUCCESS;
}

static int msg_send(struct msg_call *m)
{
	u32 size = m->a.send_size, ndesc = 0;
	struct mk_kmsg *kmsg;
	struct mk_user *user;
	u64 ool_bytes = 0;
	size_t ool;
	int mr;

	if (size < sizeof(struct mk_msg_header) || size % 4)
		return MACH_SEND_MSG_TOO_SMALL;
	if (size > max_msg_size || size > MK_MSG_SIZE_CEILING)
		return MACH_SEND_TOO_LARGE;
	/* data[] is copied over and the trailer written at receive */
	kmsg = mk_kmsg_get(sizeof(*kmsg) + ALIGN(size + MK_TRAILER_MAX, 8), false);
	if (!kmsg)
		return MACH_SEND_NO_BUFFER;
	kmsg->size = size;
	m->kmsg = kmsg;
	/* one copy; the header and descriptor count are read from it */
	if (copy_from_user(kmsg->data, u64_to_user_ptr(m->a.msg), size)) {
		mr = MACH_SEND_INVALID_DATA;
		goto free;
	}
	mk_kmsg_hdr(kmsg)->size = size;
	kmsg->charge = size;
	if (mk_kmsg_hdr(kmsg)->bits & MACH_MSGH_BITS_COMPLEX) {
		mr = MACH_SEND_MSG_TOO_SMALL;
		if (size < sizeof(struct mk_msg_header) + 4)
			goto free;
		ndesc = *(u32 *)(kmsg->data + sizeof(struct mk_msg_header));
		if (ndesc > (size - sizeof(struct mk_msg_header) - 4) /
		    sizeof(struct mk_port_desc))
			goto free;
		/* the whole list, with its totals, before any allocation */
		mr = body_validate(kmsg, ndesc, NULL, &ool_bytes);
		if (mr)
			goto free;
		/*
		 * The per-message budget: inline, out-of-line and port-array
		 * bytes together against what a queue accepts, before any of
		 * it is allocated (the same test send_enqueue makes).
		 */
		mr = MACH_SEND_NO_BUFFER;
		if (size + ool_bytes > port_byte_budget)
			goto free;
		kmsg->charge = size + ool_bytes;
		kmsg->descs = kvcalloc(ndesc, sizeof(*kmsg->descs),
				       GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!kmsg->descs)
			goto free;
		kmsg->descs_own = true;
		body_validate(kmsg, ndesc, kmsg->descs, &ool_bytes);
	}
	/* the sender's and the global allowance, before any OOL allocation */
	user = mk_user_current();
	mr = user ? mk_limit_charge_msg(user, kmsg->charge, true) :
		MACH_SEND_NO_BUFFER;
	if (mr)
		goto free;
	kmsg->user = user;

	mutex_lock(&mk_lock);
	if (!msg_task(m)) {
		mutex_unlock(&mk_lock);
		mr = MACH_SEND_NO_BUFFER;
		goto free;
	}
	kmsg_stamp_sender(m->task, kmsg);
	mr = copyin_header(m->task->space, kmsg);
	if (mr) {
		mutex_unlock(&mk_lock);
		goto free;
	}
	if (ndesc) {
		mr = send_body(m, ndesc);
		if (mr) {
			mutex_unlock(&mk_lock);
			return mr;
		}
	}
	ool = kmsg->charge - kmsg->size;	/* m->kmsg is gone once queued */
	mr = send_enqueue(m);
	if (mr) {
		pseudo_receive(m);
	} else {
		mk_stats.msgs_sent++;
		mk_stats.ool_bytes += ool;
	}
	/*
	 * The receive goes on in this section, unless the receiver just
	 * woken should run first (mk_msg_ioctl yields to it).
	 */
	if (!mr && !m->wait_for && (m->a.option & MACH_RCV_MSG) &&
	    !need_resched()) {
		m->locked = true;
		return mr;
	}
	mutex_unlock(&mk_lock);
	if (m->wait_for) {
		/* the task reference keeps the thread object alive too */
		if (m->wait_thr)
			mk_thread_suspend_wait(m->wait_thr);
		else
			mk_suspend_wait(m->wait_for);
		mk_task_put(m->wait_for);
		m->wait_for = NULL;
	}
	return mr;
free:
	mk_kmsg_free(kmsg);
	m->kmsg = NULL;
	return mr;
}

long mk_msg_ioctl(void __user *uarg)
{
	struct msg_call m;

	if (copy_from_user(&m.a, uarg, sizeof(m.a)))
		return -EFAULT;
	m.task = NULL;
	m.kmsg = NULL;
	m.pseudo = false;
	m.locked = false;
	m.wait_for = NULL;
	m.wait_thr = NULL;
	if (m.a.reserved || m.a.notify || m.a.mr)
		return -EINVAL;
	if (m.a.option & MACH_SEND_MSG)
		m.a.mr = msg_send(&m);
	if (!m.a.mr && (m.a.option & MACH_RCV_MSG)) {
		if (!m.locked) {
			/*
			 * After a send that woke a receiver the scheduler
			 * wants to run, let it run now, while we are still
			 * runnable: its next message is often queued by the
			 * time we look, so we need not sleep for it and it
			 * need not wake us (a pipe's writer, preempted on its
			 * way out of write(), gets the same).  Otherwise this
			 * returns at once.
			 */
			if (m.a.option & MACH_SEND_MSG)
				cond_resched();
			mutex_lock(&mk_lock);
		}
		if (!msg_task(&m) || !m.task->space->active) {
			mutex_unlock(&mk_lock);
			m.a.mr = MACH_RCV_INVALID_NAME;
		} else {
			m.a.mr = msg_receive(&m);	/* unlocks */
		}
	}
	if (m.task)
		mk_task_put(m.task);
	/* the result is the only field the kernel writes */
	if (put_user(m.a.mr, &((struct mach_msg_args __user *)uarg)->mr))
		return -EFAULT;
	return 0;
}
