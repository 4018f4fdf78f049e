// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mach_vm_remap, another task's pages put in the target:
 * copied now into new anonymous pages (copy = TRUE), or shared, which
 * Linux allows for a shared mapping (a file or shared anonymous memory)
 * only.  Context: mk_lock not held but where said (mk_vm_remap_src).
 */
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mach_types.h"
#include "notify.h"
#include "port.h"
#include "task.h"
#include "vm.h"

struct vm_remap_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc src_task;
	u8 ndr[8];
	u64 target_address;
	u64 size;
	u64 mask;
	s32 flags;
	u64 src_address;
	s32 copy;
	s32 inheritance;
} __packed;

struct vm_remap_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 target_address;
	s32 cur_protection;
	s32 max_protection;
} __packed;

/*
 * The source range for a shared remap: one shared file or shmem mapping
 * (a reference to its file), its page offset and protections.
 */
static kern_return_t vm_remap_source(struct mk_vm_target *src, u64 start, u64 len,
				     struct mk_vm_remote_op *op, s32 *cur, s32 *max)
{
	struct vm_area_struct *vma;
	kern_return_t kr = KERN_SUCCESS;

	if (mmap_read_lock_killable(src->mm))
		return KERN_ABORTED;
	vma = find_vma(src->mm, start);
	if (!vma || vma->vm_start > start)
		kr = KERN_INVALID_ADDRESS;
	else if (vma->vm_end < start + len)
		kr = KERN_NOT_SUPPORTED;	/* spans several mappings */
	else if (!(vma->vm_flags & VM_SHARED) || !vma->vm_file)
		kr = KERN_NOT_SUPPORTED;	/* private pages: see memory.rst */
	if (!kr) {
		op->file = get_file(vma->vm_file);
		op->pgoff = vma->vm_pgoff + ((start - vma->vm_start) >>
					     PAGE_SHIFT);
		op->prot = (vma->vm_flags & VM_READ ? PROT_READ : 0) |
			(vma->vm_flags & VM_WRITE ? PROT_WRITE : 0) |
			(vma->vm_flags & VM_EXEC ? PROT_EXEC : 0);
		*cur = mk_vm_prot_of(vma->vm_flags, false);
		*max = mk_vm_prot_of(vma->vm_flags, true);
	}
	mmap_read_unlock(src->mm);
	return kr;
}

/* Copy @len bytes from @src at @from to @t at @to, a chunk at a time. */
static kern_return_t vm_copy_between(struct mk_vm_target *src, u64 from,
				     struct mk_vm_target *t, u64 to, u64 len)
{
	void *buf = kmalloc(min_t(u64, len, MK_VM_CHUNK), GFP_KERNEL_ACCOUNT);
	u64 off;
	u32 n;
	kern_return_t kr = KERN_SUCCESS;

	if (!buf)
		return KERN_RESOURCE_SHORTAGE;
	for (off = 0; !kr && off < len; off += n) {
		n = min_t(u64, len - off, MK_VM_CHUNK);
		kr = mk_vm_read_pages(src, from + off, n, buf, 0);
		if (!kr)
			kr = mk_vm_access(t, to + off, buf, n, true);
	}
	kfree(buf);
	return kr;
}

/*
 * mach_vm_remap's checks of the request and of the source range, whose
 * whole pages go in *@startp and *@lenp.
 */
static kern_return_t vm_remap_check(struct mk_vm_target *src,
				    const struct vm_remap_request *rq, u64 *startp,
				    u64 *lenp)
{
	u64 start, len;

	if ((u32)rq->flags & ~(u32)(VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE |
				     0x8 /* VM_FLAGS_RANDOM_ADDR */))
		return KERN_INVALID_ARGUMENT;
	if (!rq->size || !mk_vm_range_ok(rq->src_address, rq->size))
		return KERN_INVALID_ARGUMENT;
	/* alignment beyond a page would need an over-sized mapping */
	if (rq->mask & ~(u64)(PAGE_SIZE - 1))
		return KERN_NOT_SUPPORTED;
	start = rq->src_address & PAGE_MASK;
	len = PAGE_ALIGN(rq->src_address + rq->size) - start;
	*startp = start;
	*lenp = len;
	return mk_vm_check(src, start, len, false);
}

/* Where the new pages go in @t: a fixed address, and RLIMIT_AS. */
static kern_return_t vm_remap_place(struct mk_vm_target *t,
				    const struct vm_remap_request *rq,
				    struct mk_vm_remote_op *op)
{
	u64 addr, as;

	if (!(rq->flags & VM_FLAGS_ANYWHERE)) {
		addr = rq->target_address & PAGE_MASK;
		if (!mk_vm_range_ok(addr, op->len) || addr < 65536)
			return KERN_INVALID_ADDRESS;
		op->addr = addr;
		op->flags |= (rq->flags & VM_FLAGS_OVERWRITE) ? MAP_FIXED :
			MAP_FIXED_NOREPLACE;
	}
	as = task_rlimit(t->tsk, RLIMIT_AS);
	if (as != RLIM_INFINITY &&
	    ((u64)READ_ONCE(t->mm->total_vm) << PAGE_SHIFT) + op->len > as)
		return KERN_NO_SPACE;
	return KERN_SUCCESS;
}

/*
 * Map in @t, copy the source's bytes in for a copy, then the reply;
 * a failure after the map unmaps again.
 */
static kern_return_t vm_remap_do(struct mk_vm_target *t, struct mk_vm_target *src,
				 struct mk_kmsg *req, u64 start,
				 struct mk_vm_remote_op *op, s32 cur, s32 max,
				 struct mk_kmsg **replyp)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct vm_remap_reply *rp;
	unsigned long res;
	u64 addr, len = op->len;
	kern_return_t kr;

	res = mk_vm_remote_op(op);
	if (IS_ERR_VALUE(res))
		return res == -EEXIST || res == -ENOMEM ? KERN_NO_SPACE :
			res == -EACCES || res == -EPERM ?
			KERN_PROTECTION_FAILURE : KERN_INVALID_ADDRESS;
	addr = res;
	kr = rq->copy ? vm_copy_between(src, start, t, addr, len) :
		KERN_SUCCESS;
	if (!kr) {
		*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
		if (!*replyp)
			kr = KERN_RESOURCE_SHORTAGE;
	}
	if (kr) {
		mk_vm_remote(t->mm, true, addr, len, 0);
		return kr;
	}
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->target_address = addr;
	rp->cur_protection = cur;
	rp->max_protection = max;
	return KERN_SUCCESS;
}

/*
 * mach_vm_remap: copy = TRUE is a copy made now (not a lazy
 * copy-on-write one) into new anonymous pages of the target; copy = FALSE
 * shares the source's pages, which Linux allows for a shared mapping (a
 * file or shared anonymous memory) only.
 */
kern_return_t mk_vm_remap(struct mk_vm_target *t, struct mk_vm_target *src,
			  struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct mk_vm_remote_op op = { .mm = t->mm };
	u64 start, len;
	s32 cur = 3, max = 7;	/* an anonymous copy: rw-, rwx */
	kern_return_t kr;

	kr = vm_remap_check(src, rq, &start, &len);
	if (kr)
		return kr;
	op.len = len;
	op.flags = MAP_PRIVATE | MAP_ANONYMOUS;
	op.prot = PROT_READ | PROT_WRITE;
	if (!rq->copy) {
		kr = vm_remap_source(src, start, len, &op, &cur, &max);
		if (kr)
			return kr;
		op.flags = MAP_SHARED;
	}
	kr = vm_remap_place(t, rq, &op);
	if (!kr)
		kr = vm_remap_do(t, src, req, start, &op, cur, max, replyp);
	if (op.file)
		fput(op.file);
	return kr;
}

/*
 * The source task of a mach_vm_remap: the request's port descriptor, a
 * task control port.  Context: mk_lock held.
 */
kern_return_t mk_vm_remap_src(struct mk_kmsg *req, struct mk_vm_target *src)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct mk_port *port;
	struct mk_task *task;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq) || req->ndesc != 1 ||
	    req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	port = req->descs[0].right.port;
	if (!port || !port->active || port->kotype != MK_KOBJ_TASK)
		return KERN_INVALID_ARGUMENT;
	task = port->kobject;
	if (!task || task->dead)
		return KERN_INVALID_ARGUMENT;
	src->tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	src->exec_id = task->exec_id;
	return src->tsk ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}
