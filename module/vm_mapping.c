// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: changing another task's mappings: mach_vm_allocate,
 * mach_vm_deallocate, mach_vm_protect and mach_vm_inherit (XNU's
 * vm_user.c), done in the target's mm by vm_access.c's worker; the
 * target's RLIMIT_AS is checked first.  Linux offers a module no way to
 * change another mm's protections: mach_vm_protect maps a shared file
 * mapping again over itself with the new protection (its pages are the
 * file's), and is KERN_NOT_SUPPORTED for private pages; mach_vm_inherit
 * accepts what a mapping already has (libmach serves the caller's own
 * task with mprotect and madvise).  Context of every routine: mk_lock
 * not held (vm.c's mk_vm_serve dropped it).
 */
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include "kmsg.h"
#include "kobject.h"
#include "mach_types.h"
#include "notify.h"
#include "vm.h"

/* the VM_FLAGS_* mach_vm_allocate accepts */
#define MK_VM_FLAGS_USER_ALLOCATE	0xff07401f

struct vm_allocate_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
	s32 flags;
} __packed;

struct vm_allocate_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 address;
} __packed;

struct vm_deallocate_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
} __packed;

kern_return_t mk_vm_allocate(struct mk_vm_target *t, struct mk_kmsg *req,
			     struct mk_kmsg **replyp)
{
	struct vm_allocate_request *rq = (void *)req->data;
	struct vm_allocate_reply *rp;
	struct mm_struct *mm;
	unsigned long flags = MAP_PRIVATE | MAP_ANONYMOUS, res;
	u64 addr = 0, size = rq->size, as;
	kern_return_t kr = KERN_SUCCESS;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if ((u32)rq->flags & ~MK_VM_FLAGS_USER_ALLOCATE)
		return KERN_INVALID_ARGUMENT;
	if (size && (size > TASK_SIZE_MAX || PAGE_ALIGN(size) < size))
		return KERN_INVALID_ARGUMENT;
	size = PAGE_ALIGN(size);
	if (!(rq->flags & VM_FLAGS_ANYWHERE)) {
		addr = rq->address & PAGE_MASK;
		if (!mk_vm_range_ok(addr, size) || addr < 65536)
			return KERN_INVALID_ADDRESS;
		flags |= (rq->flags & VM_FLAGS_OVERWRITE) ? MAP_FIXED :
			MAP_FIXED_NOREPLACE;
	} else if (rq->flags & VM_FLAGS_OVERWRITE) {
		return KERN_INVALID_ARGUMENT;
	}
	if (size) {
		mm = t->mm;
		/* the target's own address-space limit, not the worker's */
		as = task_rlimit(t->tsk, RLIMIT_AS);
		if (as != RLIM_INFINITY &&
		    ((u64)READ_ONCE(mm->total_vm) << PAGE_SHIFT) + size > as)
			kr = KERN_NO_SPACE;
		if (!kr) {
			res = mk_vm_remote(mm, false, addr, size, flags);
			if (IS_ERR_VALUE(res))
				kr = res == -EEXIST || res == -ENOMEM ?
					KERN_NO_SPACE : KERN_INVALID_ADDRESS;
			else
				addr = res;
		}
		if (kr)
			return kr;
	}
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp) {
		/* nowhere to say where it went: take it back */
		if (size)
			mk_vm_remote(t->mm, true, addr, size, 0);
		return KERN_RESOURCE_SHORTAGE;
	}
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->address = size ? addr : 0;
	return KERN_SUCCESS;
}

kern_return_t mk_vm_deallocate(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_deallocate_request *rq = (void *)req->data;
	u64 start, end;
	unsigned long res;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (!rq->size)
		return KERN_SUCCESS;
	if (!mk_vm_range_ok(rq->address, rq->size))
		return KERN_INVALID_ARGUMENT;
	start = rq->address & PAGE_MASK;
	end = PAGE_ALIGN(rq->address + rq->size);
	/* holes are fine, as on XNU */
	res = mk_vm_remote(t->mm, true, start, end - start, 0);
	return IS_ERR_VALUE(res) ? KERN_INVALID_ARGUMENT : KERN_SUCCESS;
}

/* ---- protections and inheritance ---- */

struct vm_protect_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
	s32 set_maximum;
	s32 new_protection;
} __packed;

struct vm_inherit_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
	s32 new_inheritance;
} __packed;

#define VM_PROTECT_PIECES	16	/* mappings changed by one call */

/* a shared file mapping to map again with a new protection */
struct vm_protect_piece {
	unsigned long start, end, pgoff;
	struct file *file;
};

/*
 * Check [start, end) for mach_vm_protect as XNU's vm_map_protect does
 * before it changes anything: a hole is KERN_INVALID_ADDRESS, more than
 * a mapping's maximum KERN_PROTECTION_FAILURE.  Mappings whose
 * protection changes must be shared file (or shmem) mappings, the pages
 * a new MAP_SHARED mapping of the same file at the same offset keeps;
 * they are collected in @pc (file references taken).  Context: the
 * target's mmap lock held for reading.
 */
static kern_return_t vm_protect_collect(struct mm_struct *mm, unsigned long start,
					unsigned long end, s32 prot,
					struct vm_protect_piece *pc, int *n)
{
	struct vm_area_struct *vma;
	unsigned long a = start;

	mmap_assert_locked(mm);
	while (a < end) {
		vma = find_vma(mm, a);
		if (!vma || vma->vm_start > a)
			return KERN_INVALID_ADDRESS;
		if (prot & ~mk_vm_prot_of(vma->vm_flags, true))
			return KERN_PROTECTION_FAILURE;
		a = vma->vm_end;
	}
	for (a = start; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (mk_vm_prot_of(vma->vm_flags, false) == prot)
			continue;	/* nothing to change */
		if (!(vma->vm_flags & VM_SHARED) || !vma->vm_file ||
		    (vma->vm_flags & (VM_IO | VM_PFNMAP)) ||
		    *n == VM_PROTECT_PIECES)
			return KERN_NOT_SUPPORTED;	/* see memory.rst */
		pc[*n].start = max(a, vma->vm_start);
		pc[*n].end = min(end, vma->vm_end);
		pc[*n].pgoff = vma->vm_pgoff +
			((pc[*n].start - vma->vm_start) >> PAGE_SHIFT);
		pc[*n].file = get_file(vma->vm_file);
		(*n)++;
	}
	return KERN_SUCCESS;
}

/*
 * mach_vm_protect on a task's mappings: no interface a module may use
 * changes an mm's protections (mprotect is not exported), so a shared
 * file mapping is mapped again, MAP_FIXED, over itself with the new
 * protection: its pages are the file's and stay.  Private pages would be
 * lost that way: KERN_NOT_SUPPORTED (memory.rst).  set_maximum cannot
 * lower a Linux mapping's VM_MAY* bits: KERN_NOT_SUPPORTED.
 */
kern_return_t mk_vm_protect(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_protect_request *rq = (void *)req->data;
	struct vm_protect_piece pc[VM_PROTECT_PIECES];
	struct mk_vm_remote_op op = { .mm = t->mm };
	s32 prot = rq->new_protection & ~VM_PROT_COPY;
	unsigned long start, end, res;
	kern_return_t kr;
	int i, n = 0;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (prot & ~VM_PROT_ALL)
		return KERN_INVALID_ARGUMENT;
	if (!rq->size)
		return KERN_SUCCESS;
	if (!mk_vm_range_ok(rq->address, rq->size))
		return KERN_INVALID_ADDRESS;
	if (rq->set_maximum)
		return KERN_NOT_SUPPORTED;
	start = rq->address & PAGE_MASK;
	end = PAGE_ALIGN(rq->address + rq->size);
	if (mmap_read_lock_killable(t->mm))
		return KERN_ABORTED;
	kr = vm_protect_collect(t->mm, start, end, prot, pc, &n);
	mmap_read_unlock(t->mm);
	op.prot = (prot & 1 ? PROT_READ : 0) | (prot & 2 ? PROT_WRITE : 0) |
		(prot & 4 ? PROT_EXEC : 0);
	op.flags = MAP_SHARED | MAP_FIXED;
	for (i = 0; i < n; i++) {
		if (!kr) {
			op.file = pc[i].file;
			op.addr = pc[i].start;
			op.len = pc[i].end - pc[i].start;
			op.pgoff = pc[i].pgoff;
			res = mk_vm_remote_op(&op);
			if (IS_ERR_VALUE(res))
				kr = res == -EACCES || res == -EPERM ?
					KERN_PROTECTION_FAILURE :
					KERN_NO_SPACE;
		}
		fput(pc[i].file);
	}
	return kr;
}

/*
 * mach_vm_inherit on a task's mappings: what Linux's fork does with a
 * mapping is already XNU's SHARE (shared mappings) or COPY (private
 * ones), NONE (VM_DONTCOPY) where madvise set it.  Asking what a mapping
 * already has succeeds; changing it would need madvise, which a module
 * cannot call on another mm: KERN_NOT_SUPPORTED.
 */
kern_return_t mk_vm_inherit(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_inherit_request *rq = (void *)req->data;
	struct vm_area_struct *vma;
	unsigned long a, end;
	kern_return_t kr = KERN_SUCCESS;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if ((u32)rq->new_inheritance > 2)	/* VM_INHERIT_LAST_VALID */
		return KERN_INVALID_ARGUMENT;
	if (!rq->size)
		return KERN_SUCCESS;
	if (!mk_vm_range_ok(rq->address, rq->size))
		return KERN_INVALID_ADDRESS;
	a = rq->address & PAGE_MASK;
	end = PAGE_ALIGN(rq->address + rq->size);
	if (mmap_read_lock_killable(t->mm))
		return KERN_ABORTED;
	for (; a < end && !kr; a = vma->vm_end) {
		vma = find_vma(t->mm, a);
		if (!vma || vma->vm_start > a)
			kr = KERN_INVALID_ADDRESS;
	}
	for (a = rq->address & PAGE_MASK; a < end && !kr; a = vma->vm_end) {
		vma = find_vma(t->mm, a);
		if (mk_vm_inherit_of(vma->vm_flags) != rq->new_inheritance)
			kr = KERN_NOT_SUPPORTED;
	}
	mmap_read_unlock(t->mm);
	return kr;
}
