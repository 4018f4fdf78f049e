// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: a sent message into the kernel (the copyin half of GNU Mach's
 * ipc_kmsg).  Validation first, with no lock: sizes, one copy of the
 * message, the descriptors and their totals, the sender's charges.  Then,
 * under mk_lock: the header rights, all or nothing; the out-of-line memory
 * (with mk_lock dropped) and the body rights, where an error destroys the
 * message, as XNU does.
 */
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "kmsg.h"
#include "limits.h"
#include "locking.h"
#include "mqueue.h"
#include "ool_pages.h"
#include "msg_call.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"

#define MK_MAX_OOL_PORTS	16383
/* whatever max_msg_size is set to: size + trailer stays far from 2^32 */
#define MK_MSG_SIZE_CEILING	(64u << 20)

static unsigned int max_msg_size = 4 << 20;
module_param(max_msg_size, uint, 0644);
MODULE_PARM_DESC(max_msg_size, "Largest inline message in bytes (MACH_SEND_TOO_LARGE beyond)");

static unsigned int max_ool_size = 256 << 20;
module_param(max_ool_size, uint, 0644);
MODULE_PARM_DESC(max_ool_size, "Largest out-of-line region in bytes (MACH_SEND_TOO_LARGE beyond)");

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
static kern_return_t check_dest(struct mk_space *space, u32 name, struct mk_entry *dest,
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

static kern_return_t check_reply(struct mk_space *space, u32 name,
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

static kern_return_t copyin_reply(struct mk_space *space, struct mk_msg_header *hdr,
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
 * The header's bits and names on their own, before any entry is looked up
 * (XNU's ipc_kmsg_copyin_header_validate): *@rp and *@lp are the remote and
 * local dispositions.  No lock needed.
 */
static kern_return_t header_validate(struct mk_msg_header *hdr, u32 *rp, u32 *lp)
{
	u32 r, l, v, vname;

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
	*rp = r;
	*lp = l;
	return MACH_MSG_SUCCESS;
}

/*
 * Header rights, all or nothing.  Each name is looked up once; when both
 * are one name, the second copyin sees what the first left of the entry.
 * Context: mk_lock held.
 */
static kern_return_t copyin_header(struct mk_space *space, struct mk_kmsg *kmsg)
{
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	struct mk_entry *dest, *reply = NULL;
	bool reply_first;
	u32 r, l;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	mr = header_validate(hdr, &r, &l);
	if (mr)
		return mr;
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
 * One out-of-line memory or port-array descriptor's size, added to the
 * message's running totals (*@portsp rights, *@bytesp kernel bytes), each
 * sum in 64 bits.
 */
static kern_return_t ool_validate(const struct mk_ool_desc *od, u8 type, u64 *portsp,
				  u64 *bytesp)
{
	u64 n;

	if (type != MACH_MSG_OOL_PORTS_DESCRIPTOR) {
		if (od->size > max_ool_size)
			return MACH_SEND_TOO_LARGE;
		if (check_add_overflow(*bytesp, (u64)od->size, bytesp))
			return MACH_SEND_TOO_LARGE;
		return MACH_MSG_SUCCESS;
	}
	if (od->size && (od->disposition < MACH_MSG_TYPE_MOVE_RECEIVE ||
			 od->disposition > MACH_MSG_TYPE_MAKE_SEND_ONCE))
		return MACH_SEND_INVALID_RIGHT;
	/* 64 bits: 1 + 0xffffffff is not 0 here */
	if (check_add_overflow(*portsp, (u64)od->size, portsp) ||
	    *portsp > MK_MAX_OOL_PORTS)
		return MACH_SEND_TOO_LARGE;
	/* the names copied in, then the rights they become */
	if (check_mul_overflow((u64)od->size,
			       (u64)(sizeof(u32) + sizeof(struct mk_right)),
			       &n) ||
	    check_add_overflow(*bytesp, n, bytesp))
		return MACH_SEND_TOO_LARGE;
	return MACH_MSG_SUCCESS;
}

/*
 * A guarded port descriptor (16 bytes) as XNU's ipc_kmsg_copyin_body
 * checks it before anything is taken: some flag, no unknown flag, no
 * context with UNGUARDED_ON_SEND, and MOVE_RECEIVE, the one disposition
 * it carries; anything else is MACH_SEND_INVALID_TYPE.
 */
static kern_return_t guarded_validate(struct mk_kmsg *kmsg, u32 off,
				      struct mk_kdesc *d)
{
	struct mk_guarded_desc *gd;

	if (off + sizeof(*gd) > kmsg->size)
		return MACH_SEND_MSG_TOO_SMALL;
	gd = (void *)(kmsg->data + off);
	if (!gd->flags || (gd->flags & ~MACH_MSG_GUARD_FLAGS_MASK) ||
	    ((gd->flags & MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND) &&
	     gd->context) ||
	    gd->disposition != MACH_MSG_TYPE_MOVE_RECEIVE)
		return MACH_SEND_INVALID_TYPE;
	if (d)
		d->guard_flags = gd->flags;
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
static kern_return_t body_validate(struct mk_kmsg *kmsg, u32 ndesc,
				   struct mk_kdesc *descs, u64 *bytesp)
{
	u32 off = sizeof(struct mk_msg_header) + 4, i;
	u64 ports = 0, bytes = 0;
	kern_return_t mr;

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
		if (type == MACH_MSG_GUARDED_PORT_DESCRIPTOR) {
			mr = guarded_validate(kmsg, off, d);
			if (mr)
				return mr;
			off += sizeof(struct mk_guarded_desc);
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
		mr = ool_validate(od, type, &ports, &bytes);
		if (mr)
			return mr;
	}
	*bytesp = bytes;
	return MACH_MSG_SUCCESS;
}

/* Copy out-of-line memory and port-name arrays in; no lock held. */
static kern_return_t body_copy_memory(struct mk_kmsg *kmsg)
{
	u32 i, n;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_ool_desc *od = (void *)(kmsg->data + d->offset);

		if (d->type == MACH_MSG_PORT_DESCRIPTOR ||
		    d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR || !d->count)
			continue;
		/* validated: count <= MK_MAX_OOL_PORTS, size <= max_ool_size */
		n = d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR ?
			d->count * sizeof(u32) : d->count;
		/* large, with deallocate: pinned, not copied (ool_pages.c) */
		if (mk_ool_pages_pin(kmsg, d, od->address, od->deallocate))
			continue;
		/* sized by the sender and charged to it: failing is no news */
		d->ool = kvmalloc(n, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!d->ool)
			return MACH_SEND_NO_BUFFER;
		if (copy_from_user(d->ool, u64_to_user_ptr(od->address), n))
			return MACH_SEND_INVALID_MEMORY;
	}
	return MACH_MSG_SUCCESS;
}

/*
 * A guarded port descriptor's receive right (XNU's
 * ipc_kmsg_copyin_guarded_port_descriptor): NULL and DEAD travel as they
 * are, with the flags as sent; a right taken carries UNGUARDED_ON_SEND
 * (right.c).  Context: mk_lock held.
 */
static kern_return_t copyin_guarded(struct mk_space *space, struct mk_kdesc *d,
				    const struct mk_guarded_desc *gd)
{
	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(gd->name)) {
		d->right.dead = gd->name == MACH_PORT_DEAD;
		d->right.type = MACH_MSG_TYPE_PORT_RECEIVE;
		return KERN_SUCCESS;
	}
	return mk_right_copyin_guarded(space, gd->name, gd->context,
				       &d->guard_flags, &d->right);
}

/* Second pass, under mk_lock: take the rights out of the sender's space. */
static kern_return_t body_copyin_rights(struct mk_space *space, struct mk_kmsg *kmsg)
{
	u32 i, j;

	lockdep_assert_held(&mk_lock);
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
		if (d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR) {
			if (copyin_guarded(space, d, (void *)pd))
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

	lockdep_assert_held(&mk_lock);
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

		if (d->type == MACH_MSG_PORT_DESCRIPTOR ||
		    d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR ||
		    !od->deallocate || !od->size)
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
static kern_return_t send_body(struct msg_call *m)
	__must_hold(&mk_lock)
{
	struct mk_kmsg *kmsg = m->kmsg;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
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

/*
 * A complex message's descriptors: the whole list, with its totals, is
 * checked before any allocation, and the per-message budget (inline,
 * out-of-line and port-array bytes together against what a queue accepts,
 * the same test mk_mqueue_send makes) before any of it is allocated.
 */
static kern_return_t validate_body(struct mk_kmsg *kmsg, u32 size)
{
	u64 ool_bytes = 0;
	u32 ndesc;
	kern_return_t mr;

	if (size < sizeof(struct mk_msg_header) + 4)
		return MACH_SEND_MSG_TOO_SMALL;
	ndesc = *(u32 *)(kmsg->data + sizeof(struct mk_msg_header));
	if (ndesc > (size - sizeof(struct mk_msg_header) - 4) /
	    sizeof(struct mk_port_desc))
		return MACH_SEND_MSG_TOO_SMALL;
	mr = body_validate(kmsg, ndesc, NULL, &ool_bytes);
	if (mr)
		return mr;
	if (mk_mqueue_over_budget(size + ool_bytes))
		return MACH_SEND_NO_BUFFER;
	kmsg->charge = size + ool_bytes;
	kmsg->descs = kvcalloc(ndesc, sizeof(*kmsg->descs),
			       GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!kmsg->descs)
		return MACH_SEND_NO_BUFFER;
	kmsg->descs_own = true;
	body_validate(kmsg, ndesc, kmsg->descs, &ool_bytes);
	kmsg->ndesc = ndesc;
	return MACH_MSG_SUCCESS;
}

/*
 * A small message is read word by word in one user access section rather
 * than by copy_from_user, whose hardened usercopy check of the kernel side
 * (__check_object_size: about 135 instructions a copy on Debian's
 * kernels, more than the copy of a small message) has nothing to find
 * here: the kernel side is the message just allocated for @size bytes (or
 * the call's argument block).  KASAN still sees every store.  A size that
 * is not a multiple of 4 (never one that was validated) takes
 * copy_from_user.
 */
#define MK_MSG_WORDCOPY_MAX	512

int mk_msg_copy_from_user(void *dst, const void __user *src, u32 size)
{
	const u64 __user *s = src;
	u64 *d = dst;
	u32 n;

	if (size > MK_MSG_WORDCOPY_MAX || size % 4)
		return copy_from_user(dst, src, size) ? -EFAULT : 0;
	if (!user_read_access_begin(src, size))
		return -EFAULT;
	for (n = size / 8; n >= 4; n -= 4, d += 4, s += 4) {
		unsafe_get_user(d[0], &s[0], fault);
		unsafe_get_user(d[1], &s[1], fault);
		unsafe_get_user(d[2], &s[2], fault);
		unsafe_get_user(d[3], &s[3], fault);
	}
	for (; n; n--)
		unsafe_get_user(*d++, s++, fault);
	if (size & 4)
		unsafe_get_user(*(u32 *)d, (const u32 __user *)s, fault);
	user_read_access_end();
	return 0;
fault:
	user_read_access_end();
	return -EFAULT;
}

/*
 * Everything about a message that needs no lock: its size, one copy of it
 * into the kernel (the header and descriptor count are read from that
 * copy), its descriptors, and the charge to the sender's and the global
 * allowance, before any out-of-line allocation.  On success m->kmsg is the
 * message; on an error there is none.  No lock held.
 */
kern_return_t mk_msg_validate(struct msg_call *m)
{
	u32 size = m->a.send_size;
	struct mk_kmsg *kmsg;
	struct mk_user *user;
	kern_return_t mr;

	if (size < sizeof(struct mk_msg_header) || size % 4)
		return MACH_SEND_MSG_TOO_SMALL;
	if (size > max_msg_size || size > MK_MSG_SIZE_CEILING)
		return MACH_SEND_TOO_LARGE;
	kmsg = mk_kmsg_alloc_user(size);
	if (!kmsg)
		return MACH_SEND_NO_BUFFER;
	if (mk_msg_copy_from_user(kmsg->data, u64_to_user_ptr(m->a.msg), size)) {
		mr = MACH_SEND_INVALID_DATA;
		goto free;
	}
	mk_kmsg_hdr(kmsg)->size = size;
	kmsg->charge = size;
	if (mk_kmsg_hdr(kmsg)->bits & MACH_MSGH_BITS_COMPLEX) {
		mr = validate_body(kmsg, size);
		if (mr)
			goto free;
	}
	user = mk_user_current();
	mr = user ? mk_limit_charge_msg(user, kmsg->charge, true) :
		MACH_SEND_NO_BUFFER;
	if (mr)
		goto free;
	kmsg->user = user;
	m->kmsg = kmsg;
	return MACH_MSG_SUCCESS;
free:
	mk_kmsg_free(kmsg);
	return mr;
}

/*
 * The rights and memory of a validated message, taken from the sender:
 * header rights all or nothing (an error frees the message, the sender
 * keeps its rights), then the body (an error destroys the message and
 * what it took).  On an error m->kmsg is gone.  Context: mk_lock held,
 * dropped inside for the memory and held again on return.
 */
kern_return_t mk_msg_copyin(struct msg_call *m)
	__must_hold(&mk_lock)
{
	struct mk_kmsg *kmsg = m->kmsg;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	if (!mk_msg_task(m)) {
		mr = MACH_SEND_NO_BUFFER;
		goto free;
	}
	kmsg_stamp_sender(m->task, kmsg);
	mr = copyin_header(m->task->space, kmsg);
	if (mr)
		goto free;
	if (kmsg->ndesc)
		return send_body(m);
	return MACH_MSG_SUCCESS;
free:
	mk_kmsg_free(kmsg);
	m->kmsg = NULL;
	return mr;
}
