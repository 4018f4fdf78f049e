// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: moving bytes out of and into another task's memory:
 * mach_vm_read, mach_vm_read_list, mach_vm_read_overwrite, mach_vm_write
 * and mach_vm_copy (XNU's vm_user.c).  mach_vm_read's reply carries the
 * bytes out of line and is charged to the caller against the per-user
 * message limit.  Context of every routine: mk_lock not held (vm.c's
 * mk_vm_serve dropped it), the target pinned by its mk_vm_target.
 */
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "kobject.h"
#include "limits.h"
#include "locking.h"
#include "notify.h"
#include "vm.h"

static unsigned long vm_max_read = 64UL << 20;
module_param(vm_max_read, ulong, 0644);
MODULE_PARM_DESC(vm_max_read, "Largest mach_vm_read (out-of-line reply) in bytes (KERN_RESOURCE_SHORTAGE beyond)");

struct vm_read_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
} __packed;

struct vm_read_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_ool_desc data;
	u8 ndr[8];
	u32 count;
} __packed;

struct vm_read_overwrite_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
	u64 data;
} __packed;

struct vm_read_overwrite_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 outsize;
} __packed;

struct vm_read_entry {
	u64 address;
	u64 size;
} __packed;

struct vm_read_list_request {
	struct mk_msg_header head;
	u8 ndr[8];
	struct vm_read_entry list[VM_MAP_ENTRY_MAX];
	u32 count;
} __packed;

struct vm_read_list_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	struct vm_read_entry list[VM_MAP_ENTRY_MAX];
} __packed;

struct vm_write_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_ool_desc data;
	u8 ndr[8];
	u64 address;
	u32 count;
} __packed;

struct vm_copy_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 source;
	u64 size;
	u64 dest;
} __packed;

/*
 * vm_read's checks, in XNU's order; the whole pages it would copy go in
 * *@startp and *@lenp.
 */
static kern_return_t vm_read_check(struct mk_vm_target *t, const struct mk_kmsg *req,
				   u64 *startp, u64 *lenp)
{
	const struct vm_read_request *rq = (const void *)req->data;
	u64 addr = rq->address, size = rq->size, start, len;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (!mk_vm_range_ok(addr, size))
		return KERN_INVALID_ADDRESS;
	/* whole pages, as XNU's vm_map_copyin hands back */
	start = addr & PAGE_MASK;
	len = size ? PAGE_ALIGN(addr + size) - start : 0;
	if (len > U32_MAX)
		return KERN_INVALID_ARGUMENT;	/* beyond a message's count */
	if (len > READ_ONCE(vm_max_read))
		return KERN_RESOURCE_SHORTAGE;
	*startp = start;
	*lenp = len;
	return mk_vm_check(t, start, len, false);
}

/* vm_read's reply: one out-of-line descriptor of @len bytes at @buf. */
static void vm_read_fill(struct mk_kmsg *reply, void *buf, u64 len)
{
	struct vm_read_reply *rp = (void *)reply->data;

	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->data.type = MACH_MSG_OOL_DESCRIPTOR;
	rp->data.copy = 1;		/* MACH_MSG_VIRTUAL_COPY */
	rp->data.size = len;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = rp->data.size;
	reply->descs[0].offset = offsetof(struct vm_read_reply, data);
	reply->descs[0].type = MACH_MSG_OOL_DESCRIPTOR;
	reply->descs[0].ool = buf;
	reply->descs[0].count = rp->data.size;
	reply->descs[0].copy = 1;
}

kern_return_t mk_vm_read(struct mk_vm_target *t, struct mk_kmsg *req,
			 struct mk_kmsg **replyp)
{
	struct mk_kmsg *reply;
	struct mk_user *user;
	const size_t rpsize = sizeof(struct vm_read_reply);
	u64 start, len;
	void *buf = NULL;
	kern_return_t kr;

	kr = vm_read_check(t, req, &start, &len);
	if (kr)
		return kr;
	reply = mk_mig_reply_alloc(req, rpsize, 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	user = mk_user_current();
	kr = KERN_RESOURCE_SHORTAGE;
	if (!user || mk_limit_charge_msg(user, rpsize + len, true))
		goto fail;
	reply->user = user;
	reply->charge = rpsize + len;
	if (len) {
		buf = kvmalloc(len, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!buf)
			goto fail;
		kr = mk_vm_read_pages(t, start, len, buf, 0);
		if (kr) {
			kvfree(buf);
			goto fail;
		}
	}
	vm_read_fill(reply, buf, len);
	*replyp = reply;
	return KERN_SUCCESS;
fail:
	mk_kmsg_free(reply);
	return kr;
}

kern_return_t mk_vm_read_overwrite(struct mk_vm_target *t, struct mk_kmsg *req,
				   struct mk_kmsg **replyp)
{
	struct vm_read_overwrite_request *rq = (void *)req->data;
	struct vm_read_overwrite_reply *rp;
	u64 size = rq->size;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (!mk_vm_range_ok(rq->data, size))
		return KERN_INVALID_ADDRESS;
	kr = mk_vm_check(t, rq->address, size, false);
	if (!kr && size)
		kr = mk_vm_read_pages(t, rq->address, size, NULL, rq->data);
	if (kr)
		return kr;
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->outsize = size;
	return KERN_SUCCESS;
}

/*
 * One entry of vm_read_list: its bytes into fresh pages of the caller,
 * whose address (with the entry's offset in its page) goes in *@outp.
 */
static kern_return_t vm_read_list_one(struct mk_vm_target *t, u64 addr, u64 size,
				      u64 *outp)
{
	unsigned long uaddr;
	u64 start, len;
	kern_return_t kr = KERN_SUCCESS;

	if (!mk_vm_range_ok(addr, size))
		kr = KERN_INVALID_ADDRESS;
	start = addr & PAGE_MASK;
	len = PAGE_ALIGN(addr + size) - start;
	if (!kr && len > READ_ONCE(vm_max_read))
		kr = KERN_RESOURCE_SHORTAGE;
	if (!kr)
		kr = mk_vm_check(t, start, len, false);
	if (kr)
		return kr;
	uaddr = vm_mmap(NULL, 0, len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(uaddr))
		return KERN_NO_SPACE;
	kr = mk_vm_read_pages(t, start, len, NULL, uaddr);
	if (kr) {
		vm_munmap(uaddr, len);
		return kr;
	}
	*outp = uaddr + (addr - start);
	return KERN_SUCCESS;
}

/* Unmap the pages vm_read_list mapped for its first @n entries. */
static void vm_read_list_undo(const struct vm_read_list_request *rq,
			      const struct vm_read_list_reply *rp, u32 n)
{
	while (n--)
		if (rp->list[n].address)
			vm_munmap(rp->list[n].address & PAGE_MASK,
				  PAGE_ALIGN(rp->list[n].address +
					     rq->list[n].size) -
				  (rp->list[n].address & PAGE_MASK));
}

/*
 * Each entry's bytes go into fresh pages of the caller, whose address
 * replaces the entry's (XNU copies each out into the caller's map).
 * Context: the caller's own task, so vm_mmap maps into it.
 */
kern_return_t mk_vm_read_list(struct mk_vm_target *t, struct mk_kmsg *req,
			      struct mk_kmsg **replyp)
{
	struct vm_read_list_request *rq = (void *)req->data;
	struct vm_read_list_reply *rp;
	u64 out;
	u32 i;
	kern_return_t kr = KERN_SUCCESS;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (rq->count > VM_MAP_ENTRY_MAX)
		return KERN_INVALID_ARGUMENT;
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	memcpy(rp->list, rq->list, sizeof(rp->list));
	for (i = 0; i < rq->count && !kr; i++) {
		rp->list[i].address = 0;
		if (!rq->list[i].size)
			continue;
		kr = vm_read_list_one(t, rq->list[i].address,
				      rq->list[i].size, &out);
		if (kr)
			break;
		rp->list[i].address = out;
	}
	if (kr) {
		/* XNU leaves what it copied out; undo ours, it is unnamed */
		vm_read_list_undo(rq, rp, i);
		mk_kmsg_free(*replyp);
		*replyp = NULL;
	}
	return kr;
}

kern_return_t mk_vm_write(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_write_request *rq = (void *)req->data;
	struct mk_kdesc *d = &req->descs[0];
	u64 off;
	u32 n;
	kern_return_t kr;

	if (req->size != sizeof(*rq) || req->ndesc != 1 ||
	    d->type != MACH_MSG_OOL_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	if (rq->count != d->count)
		return MIG_BAD_ARGUMENTS;
	kr = mk_vm_check(t, rq->address, d->count, true);
	for (off = 0; !kr && off < d->count; off += n) {
		n = min_t(u64, d->count - off, MK_VM_CHUNK);
		kr = mk_vm_access(t, rq->address + off, (u8 *)d->ool + off,
				  n, true);
		if (!kr)
			kr = mk_vm_chunk_yield();
	}
	return kr;
}

kern_return_t mk_vm_copy(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_copy_request *rq = (void *)req->data;
	u64 off, size = rq->size;
	void *buf;
	u32 n;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	kr = mk_vm_check(t, rq->source, size, false);
	if (!kr)
		kr = mk_vm_check(t, rq->dest, size, true);
	if (kr || !size)
		return kr;
	buf = kmalloc(min_t(u64, size, MK_VM_CHUNK), GFP_KERNEL_ACCOUNT);
	if (!buf)
		return KERN_RESOURCE_SHORTAGE;
	/* overlapping ranges copy as memmove would */
	for (off = 0; !kr && off < size; off += n) {
		u64 at;

		n = min_t(u64, size - off, MK_VM_CHUNK);
		at = rq->dest > rq->source ? size - off - n : off;
		kr = mk_vm_read_pages(t, rq->source + at, n, buf, 0);
		if (!kr)
			kr = mk_vm_access(t, rq->dest + at, buf, n, true);
		if (!kr)
			kr = mk_vm_chunk_yield();
	}
	kfree(buf);
	return kr;
}
