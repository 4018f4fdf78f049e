// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mach_vm_region and mach_vm_region_recurse, what a task's
 * mappings are (XNU's vm_map_region and vm_map_region_recurse_64), read
 * from the target's VMAs under its mmap lock.  Linux has no submaps and
 * shows a module no page counts: Documentation/memory.rst has what each
 * field holds.  Context: mk_lock not held (vm.c's mk_vm_serve dropped it).
 */
#include <linux/mm.h>
#include "kmsg.h"
#include "kobject.h"
#include "mach_types.h"
#include "notify.h"
#include "vm.h"

struct vm_region_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	s32 flavor;
	u32 count;
} __packed;

struct vm_region_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc object_name;
	u8 ndr[8];
	u64 address;
	u64 size;
	u32 count;
	s32 info[10];
} __packed;

struct vm_recurse_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u32 depth;
	u32 count;
} __packed;

struct vm_recurse_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 address;
	u64 size;
	u32 depth;
	u32 count;
	s32 info[19];
} __packed;

/* the info layouts (pack 4), as <mach/vm_region.h> */
struct basic_info_64 {
	s32 protection, max_protection, inheritance, shared, reserved;
	u64 offset;
	s32 behavior;
	u16 user_wired_count, pad;
} __packed;

struct basic_info_32 {
	s32 protection, max_protection, inheritance, shared, reserved;
	u32 offset;
	s32 behavior;
	u16 user_wired_count, pad;
} __packed;

struct extended_info {
	s32 protection;
	u32 user_tag, pages_resident, pages_shared_now_private;
	u32 pages_swapped_out, pages_dirtied, ref_count;
	u16 shadow_depth;
	u8 external_pager, share_mode;
	u32 pages_reusable;
} __packed;

struct top_info {
	u32 obj_id, ref_count, private_pages_resident, shared_pages_resident;
	u8 share_mode, pad[3];
} __packed;

struct submap_info_64 {
	s32 protection, max_protection, inheritance;
	u64 offset;
	u32 user_tag, pages_resident, pages_shared_now_private;
	u32 pages_swapped_out, pages_dirtied, ref_count;
	u16 shadow_depth;
	u8 external_pager, share_mode;
	s32 is_submap, behavior;
	u32 object_id;
	u16 user_wired_count, pad;
	u32 pages_reusable;
	u64 object_id_full;
} __packed;

struct submap_short_info_64 {
	s32 protection, max_protection, inheritance;
	u64 offset;
	u32 user_tag, ref_count;
	u16 shadow_depth;
	u8 external_pager, share_mode;
	s32 is_submap, behavior;
	u32 object_id;
	u16 user_wired_count, pad;
} __packed;

/* XNU's VM_PROT_* (read 1, write 2, execute 4) of a VMA's current or @max. */
s32 mk_vm_prot_of(unsigned long f, bool max)
{
	s32 p = 0;

	if (f & (max ? VM_MAYREAD : VM_READ))
		p |= 1;
	if (f & (max ? VM_MAYWRITE : VM_WRITE))
		p |= 2;
	if (f & (max ? VM_MAYEXEC : VM_EXEC))
		p |= 4;
	return p;
}

/* VM_INHERIT_SHARE 0, COPY 1, NONE 2 */
s32 mk_vm_inherit_of(unsigned long f)
{
	if (f & VM_DONTCOPY)
		return 2;
	return (f & VM_SHARED) ? 0 : 1;
}

/* VM_BEHAVIOR_DEFAULT 0, RANDOM 1, SEQUENTIAL 2 */
static s32 vm_behavior_of(unsigned long f)
{
	if (f & VM_RAND_READ)
		return 1;
	if (f & VM_SEQ_READ)
		return 2;
	return 0;
}

struct vm_region_desc {
	u64 start, end, offset;
	unsigned long flags;
	bool file;
};

/* The region at or after @addr: KERN_INVALID_ADDRESS if none. */
static kern_return_t vm_region_find(struct mk_vm_target *t, u64 addr,
				    struct vm_region_desc *r)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	kern_return_t kr = KERN_INVALID_ADDRESS;

	if (addr >= TASK_SIZE_MAX)
		return KERN_INVALID_ADDRESS;
	mm = t->mm;
	if (mmap_read_lock_killable(mm))
		return KERN_ABORTED;
	vma = find_vma(mm, addr);
	if (vma) {
		r->start = vma->vm_start;
		r->end = vma->vm_end;
		r->flags = vma->vm_flags;
		r->file = vma->vm_file;
		r->offset = vma->vm_file ?
			(u64)vma->vm_pgoff << PAGE_SHIFT : 0;
		kr = KERN_SUCCESS;
	}
	mmap_read_unlock(mm);
	return kr;
}

static u8 vm_share_mode(const struct vm_region_desc *r)
{
	if (r->flags & VM_SHARED)
		return SM_SHARED;
	return r->file ? 1 /* SM_COW */ : SM_PRIVATE;
}

/* The words of info @flavor answers with; 0 for an unknown flavor. */
static u32 vm_region_words(s32 flavor)
{
	switch (flavor) {
	case VM_REGION_BASIC_INFO_64:
		return sizeof(struct basic_info_64) / 4;
	case VM_REGION_BASIC_INFO:
		return sizeof(struct basic_info_32) / 4;
	case VM_REGION_EXTENDED_INFO:
		return sizeof(struct extended_info) / 4;
	case VM_REGION_TOP_INFO:
		return sizeof(struct top_info) / 4;
	default:
		return 0;
	}
}

/* @flavor's info about region @r at @info. */
static void vm_region_fill(s32 flavor, const struct vm_region_desc *r,
			   void *info)
{
	switch (flavor) {
	case VM_REGION_BASIC_INFO_64: {
		struct basic_info_64 *b = info;

		b->protection = mk_vm_prot_of(r->flags, false);
		b->max_protection = mk_vm_prot_of(r->flags, true);
		b->inheritance = mk_vm_inherit_of(r->flags);
		b->shared = !!(r->flags & VM_SHARED);
		b->offset = r->offset;
		b->behavior = vm_behavior_of(r->flags);
		b->user_wired_count = !!(r->flags & VM_LOCKED);
		break;
	}
	case VM_REGION_BASIC_INFO: {
		struct basic_info_32 *b = info;

		b->protection = mk_vm_prot_of(r->flags, false);
		b->max_protection = mk_vm_prot_of(r->flags, true);
		b->inheritance = mk_vm_inherit_of(r->flags);
		b->shared = !!(r->flags & VM_SHARED);
		b->offset = (u32)r->offset;
		b->behavior = vm_behavior_of(r->flags);
		b->user_wired_count = !!(r->flags & VM_LOCKED);
		break;
	}
	case VM_REGION_EXTENDED_INFO: {
		struct extended_info *e = info;

		/* page counts are not visible to a module: 0 (see memory.rst) */
		e->protection = mk_vm_prot_of(r->flags, false);
		e->ref_count = 1;
		e->external_pager = r->file;
		e->share_mode = vm_share_mode(r);
		break;
	}
	case VM_REGION_TOP_INFO: {
		struct top_info *tp = info;

		tp->ref_count = 1;
		tp->share_mode = vm_share_mode(r);
		break;
	}
	}
}

kern_return_t mk_vm_region(struct mk_vm_target *t, struct mk_kmsg *req,
			   struct mk_kmsg **replyp)
{
	struct vm_region_request *rq = (void *)req->data;
	struct vm_region_desc r;
	struct vm_region_reply *rp;
	u32 need;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	need = vm_region_words(rq->flavor);
	if (!need)
		return KERN_INVALID_ARGUMENT;
	if (rq->count < need)
		return KERN_INVALID_ARGUMENT;
	kr = vm_region_find(t, rq->address, &r);
	if (kr)
		return kr;
	*replyp = mk_mig_reply_alloc(req, offsetof(struct vm_region_reply,
						   info) + need * 4, 1);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->object_name.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->object_name.disposition = MACH_MSG_TYPE_PORT_SEND;
	(*replyp)->descs[0].offset = offsetof(struct vm_region_reply,
					      object_name);
	(*replyp)->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->address = r.start;
	rp->size = r.end - r.start;
	rp->count = need;
	vm_region_fill(rq->flavor, &r, rp->info);
	return KERN_SUCCESS;
}

/*
 * Linux has no submaps: every region is at depth 0, the depth asked for
 * is accepted and 0 is handed back, is_submap is always false.
 */
kern_return_t mk_vm_region_recurse(struct mk_vm_target *t, struct mk_kmsg *req,
				   struct mk_kmsg **replyp)
{
	struct vm_recurse_request *rq = (void *)req->data;
	struct vm_region_desc r;
	struct vm_recurse_reply *rp;
	u32 need;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (rq->count >= sizeof(struct submap_info_64) / 4)
		need = sizeof(struct submap_info_64) / 4;
	else if (rq->count >= sizeof(struct submap_info_64) / 4 - 3)
		need = rq->count;	/* V1, V0: the older prefixes */
	else if (rq->count >= sizeof(struct submap_short_info_64) / 4)
		need = sizeof(struct submap_short_info_64) / 4;
	else
		return KERN_INVALID_ARGUMENT;
	kr = vm_region_find(t, rq->address, &r);
	if (kr)
		return kr;
	*replyp = mk_mig_reply_alloc(req, offsetof(struct vm_recurse_reply,
						   info) + need * 4, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->address = r.start;
	rp->size = r.end - r.start;
	rp->depth = 0;
	rp->count = need;
	if (need == sizeof(struct submap_short_info_64) / 4) {
		struct submap_short_info_64 *s = (void *)rp->info;

		s->protection = mk_vm_prot_of(r.flags, false);
		s->max_protection = mk_vm_prot_of(r.flags, true);
		s->inheritance = mk_vm_inherit_of(r.flags);
		s->offset = r.offset;
		s->ref_count = 1;
		s->external_pager = r.file;
		s->share_mode = vm_share_mode(&r);
		s->behavior = vm_behavior_of(r.flags);
		s->user_wired_count = !!(r.flags & VM_LOCKED);
	} else {
		struct submap_info_64 s = { 0 };

		s.protection = mk_vm_prot_of(r.flags, false);
		s.max_protection = mk_vm_prot_of(r.flags, true);
		s.inheritance = mk_vm_inherit_of(r.flags);
		s.offset = r.offset;
		s.ref_count = 1;
		s.external_pager = r.file;
		s.share_mode = vm_share_mode(&r);
		s.behavior = vm_behavior_of(r.flags);
		s.user_wired_count = !!(r.flags & VM_LOCKED);
		memcpy(rp->info, &s, need * 4);
	}
	return KERN_SUCCESS;
}
