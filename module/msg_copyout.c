// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: a message out of the kernel (the copyout half of GNU Mach's
 * ipc_kmsg): to its receiver, or back to its sender when the send failed
 * after copyin (pseudo-receive).  Header and body rights go into the
 * space under mk_lock; memory is mapped and the message, with its trailer,
 * written to the user buffer with no lock held.
 */
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "kmsg.h"
#include "locking.h"
#include "msg_call.h"
#include "ool_pages.h"
#include "port.h"
#include "right.h"
#include "task.h"

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

/* The trailer the receive options ask for: 8 to 68 bytes. */
u32 mk_msg_trailer_size(u32 option)
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

/*
 * A guarded port descriptor to a receiver that did not ask for them with
 * MACH_RCV_GUARDED_DESC (XNU's ipc_kmsg_copyout_guarded_port_descriptor):
 * the right is destroyed and the receiver finds a port descriptor, 12
 * bytes, named MACH_PORT_NULL; mk_msg_put_user closes the 4-byte gap.
 * Context: mk_lock held.
 */
static void guarded_narrow(struct mk_kdesc *d, struct mk_port_desc *pd)
{
	lockdep_assert_held(&mk_lock);
	mk_right_release(&d->right);
	memset(pd, 0, sizeof(*pd));
	pd->disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	pd->type = MACH_MSG_PORT_DESCRIPTOR;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
	d->narrowed = true;
}

/*
 * A guarded port descriptor's receive right into @space, for a receiver
 * that asked for them, or back to its sender (XNU's
 * ipc_kmsg_copyout_guarded_port_descriptor and ipc_right_copyout): with
 * MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE the right arrives guarded, not
 * strictly, by @addr (the receive buffer's address, which the descriptor's
 * context reports) and immovable unless it is the sender's own back; the
 * flags lose UNGUARDED_ON_SEND then.  Otherwise the context is 0.
 * Context: mk_lock held.
 */
static kern_return_t guarded_copyout(struct mk_space *space, struct mk_kdesc *d,
				     struct mk_guarded_desc *gd, u64 addr,
				     bool pseudo)
{
	struct mk_port *port = d->right.port;
	u16 flags = d->guard_flags;
	u64 context = 0;
	kern_return_t mr = MACH_MSG_SUCCESS;
	u32 name;

	lockdep_assert_held(&mk_lock);
	if (mk_right_copyout(space, &d->right, &name)) {
		mk_right_release(&d->right);
		name = MACH_PORT_NULL;
		mr = MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE;
	} else if (port && (flags & MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE)) {
		/* the new entry holds a reference: @port stays */
		port->guarded = true;
		port->strict_guard = false;
		if (!pseudo)
			port->immovable_receive = true;
		port->context = addr;
		context = addr;
		flags &= ~MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND;
	}
	gd->context = context;
	gd->flags = flags;
	gd->disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	gd->type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	gd->name = name;
	return mr;
}

/*
 * Rights in descriptors go into the space of @m's receiver (or, for a
 * pseudo-receive, its sender); memory is placed later.  Context: mk_lock
 * held.
 */
kern_return_t mk_msg_copyout_body(struct msg_call *m, struct mk_space *space)
{
	struct mk_kmsg *kmsg = m->kmsg;
	bool guarded_ok = m->pseudo || (m->a.option & MACH_RCV_GUARDED_DESC);
	u64 addr = m->pseudo || !m->a.rcv_msg ? m->a.msg : m->a.rcv_msg;
	kern_return_t mr = MACH_MSG_SUCCESS;
	u32 i, j, name;

	lockdep_assert_held(&mk_lock);
	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_port_desc *pd = (void *)(kmsg->data + d->offset);
		struct mk_ool_desc *od = (void *)pd;
		struct mk_right *rights = d->ool;
		u32 *names;

		if (d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR) {
			if (!guarded_ok)
				guarded_narrow(d, pd);
			else
				mr |= guarded_copyout(space, d, (void *)pd,
						      addr, m->pseudo);
			continue;
		}
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
static kern_return_t body_copyout_memory(struct mk_kmsg *kmsg)
{
	kern_return_t mr = MACH_MSG_SUCCESS;
	unsigned long addr;
	u32 i;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_ool_desc *od = (void *)(kmsg->data + d->offset);

		if (d->type == MACH_MSG_PORT_DESCRIPTOR ||
		    d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR)
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
		if (d->pages ?
		    mk_ool_pages_copy_to_user(d->pages, (void __user *)addr,
					      d->count) :
		    copy_to_user((void __user *)addr, d->ool, d->count)) {
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
 * pseudo-receive puts them back where the sender had them.  Context:
 * mk_lock held.
 */
kern_return_t mk_msg_copyout_header(struct msg_call *m, struct mk_space *space,
				    u32 dest_name)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	u32 dtype = kmsg->dest.type, rtype = kmsg->reply.type, reply_name;
	u32 other = hdr->bits & ~MACH_MSGH_BITS_PORTS_MASK;

	lockdep_assert_held(&mk_lock);
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

/*
 * The counterpart of msg_copyin.c's msg_copy_from_user: a small message
 * is written word by word in one user access section, without the
 * hardened usercopy check of the message's own buffer.  A length that is
 * not a multiple of 4 takes copy_to_user.
 */
#define MK_MSG_WORDCOPY_MAX	512

static int msg_copy_to_user(void __user *dst, const void *src, u32 len)
{
	u64 __user *d = dst;
	const u64 *s = src;
	u32 n;

	if (len > MK_MSG_WORDCOPY_MAX || len % 4)
		return copy_to_user(dst, src, len) ? -EFAULT : 0;
	if (!user_write_access_begin(dst, len))
		return -EFAULT;
	for (n = len / 8; n >= 4; n -= 4, d += 4, s += 4) {
		unsafe_put_user(s[0], &d[0], fault);
		unsafe_put_user(s[1], &d[1], fault);
		unsafe_put_user(s[2], &d[2], fault);
		unsafe_put_user(s[3], &d[3], fault);
	}
	for (; n; n--)
		unsafe_put_user(*s++, d++, fault);
	if (len & 4)
		unsafe_put_user(*(const u32 *)s, (u32 __user *)d, fault);
	user_write_access_end();
	return 0;
fault:
	user_write_access_end();
	return -EFAULT;
}

/*
 * Guarded descriptors given out as port descriptors are 4 bytes shorter:
 * the descriptors after each, then the inline data, move up, and the
 * message is that much smaller (XNU's ipc_kmsg_copyout_body moves the
 * header and descriptor count forward instead; the user sees the same
 * bytes).  No lock held.
 */
static void body_close_gaps(struct mk_kmsg *kmsg)
{
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	u32 i, len, end = 0, shift = 0;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];

		len = d->type == MACH_MSG_PORT_DESCRIPTOR ?
			sizeof(struct mk_port_desc) : sizeof(struct mk_ool_desc);
		end = d->offset + (d->narrowed ?
				   sizeof(struct mk_guarded_desc) : len);
		if (shift) {
			memmove(kmsg->data + d->offset - shift,
				kmsg->data + d->offset, len);
			d->offset -= shift;
		}
		if (d->narrowed)
			shift += sizeof(struct mk_guarded_desc) -
				sizeof(struct mk_port_desc);
	}
	if (!shift)
		return;
	memmove(kmsg->data + end - shift, kmsg->data + end, kmsg->size - end);
	kmsg->size -= shift;
	hdr->size = kmsg->size;
}

/* Write the message to user memory; frees it.  No lock held. */
kern_return_t mk_msg_put_user(struct msg_call *m, void __user *buf)
{
	struct mk_kmsg *kmsg = m->kmsg;
	kern_return_t mr = MACH_MSG_SUCCESS;
	u32 len;

	if (kmsg->ndesc) {
		body_close_gaps(kmsg);
		mr = body_copyout_memory(kmsg);
	}
	len = kmsg->size;
	if (!m->pseudo) {
		trailer_put(m, kmsg->data + len);	/* room was left for it */
		len += m->trailer_size;
	}
	if (msg_copy_to_user(buf, kmsg->data, len))
		mr = m->pseudo ? MACH_SEND_INVALID_DATA : MACH_RCV_INVALID_DATA;
	mk_kmsg_free(kmsg);	/* needs no lock */
	m->kmsg = NULL;
	return mr;
}

/*
 * RCV_TOO_LARGE without MACH_RCV_LARGE, or a reply right the receiver's
 * space has no name for (RCV_HEADER_ERROR): the message is destroyed and
 * the caller gets a bare header naming the destination, @dest_name.
 * Context: mk_lock held.
 */
void mk_msg_destroy_to_header(struct msg_call *m, u32 dest_name)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_msg_header *hdr = mk_kmsg_hdr(kmsg);
	u32 other = hdr->bits & ~MACH_MSGH_BITS_PORTS_MASK;
	u32 dtype = kmsg->dest.type, rtype = kmsg->reply.type;

	lockdep_assert_held(&mk_lock);
	mk_right_release_used(&kmsg->dest);
	hdr->bits = other | MACH_MSGH_BITS(rtype, dtype);
	hdr->size = sizeof(*hdr);
	hdr->remote = MACH_PORT_NULL;
	hdr->local = dest_name;
	hdr->voucher = MACH_PORT_NULL;
	kmsg->size = sizeof(*hdr);
	mk_right_release(&kmsg->reply);
	while (kmsg->ndesc) {
		kmsg->ndesc--;
		mk_kdesc_release(&kmsg->descs[kmsg->ndesc]);
		mk_ool_pages_release(&kmsg->descs[kmsg->ndesc]);
		kvfree(kmsg->descs[kmsg->ndesc].ool);
	}
}

/*
 * Hand a message that could not be sent back to its sender (XNU's
 * ipc_kmsg_copyout_pseudo).  Context: mk_lock held, dropped inside to
 * write the message and held again on return.
 */
void mk_msg_pseudo_receive(struct msg_call *m)
	__must_hold(&mk_lock)
{
	struct mk_space *space = m->task->space;

	lockdep_assert_held(&mk_lock);
	m->pseudo = true;
	mk_msg_copyout_header(m, space, MACH_PORT_NULL);
	if (m->kmsg->ndesc)
		mk_msg_copyout_body(m, space);
	mutex_unlock(&mk_lock);
	mk_msg_put_user(m, u64_to_user_ptr(m->a.msg));
	mutex_lock(&mk_lock);
}

