// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: another task's memory through its task port, the mach_vm
 * MIG subsystem (4800, XNU's osfmk/mach/mach_vm.defs), served by the
 * kernel-object server like every other task routine, so a task port
 * received in a message works as one from task_for_pid.
 *
 * Authority is the port's: task_for_pid has made the ptrace access check
 * (PTRACE_MODE_ATTACH_REALCREDS) before handing the control port out; a
 * name port reaches none of this (kobject.c answers KERN_INVALID_ARGUMENT,
 * as XNU's conversion to a null map does).  A port that outlived an exec
 * of its task (the space is replaced at the task's next entry into the
 * module) is refused: the exec id is checked under the target's
 * exec_update_lock, which exec holds while it swaps the mm.
 *
 * The memory work runs without mk_lock (it faults pages in, and may wait
 * on I/O or on a userfaultfd): the routine holds a task_struct reference
 * and an mm_users reference, drops mk_lock and takes it again before it
 * returns.  Reads pin at most 16 pages at a time with
 * get_user_pages_remote() and copy them after dropping the target's mmap
 * lock, as process_vm_readv does; writes go through access_process_vm()
 * with FOLL_FORCE (ptrace's page semantics: a private read-only mapping
 * is written copy-on-write, as a debugger's breakpoint needs) in 64 KiB
 * chunks.  mach_vm_read's reply carries the bytes out of line and is
 * charged to the caller against the per-user message limit.
 *
 * Changing another address space (allocate, deallocate) is done by a
 * kernel worker that adopts the target's mm with kthread_use_mm() and
 * calls vm_mmap()/vm_munmap(), the interfaces a module may use; the
 * target's RLIMIT_AS is checked first.  Linux offers a module no way to
 * change another mm's protections: mach_vm_protect maps a shared file
 * mapping again over itself with the new protection (its pages are the
 * file's), and is KERN_NOT_SUPPORTED for private pages; mach_vm_inherit
 * accepts what a mapping already has; msync and behavior_set on a
 * foreign task are KERN_NOT_SUPPORTED (libmach serves the caller's own
 * task with mprotect and friends).  Memory entries and mach_vm_map are
 * memory_entry.c's.  Documentation/memory.rst has the tables.
 */
#include <linux/file.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/sched/mm.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "ipc.h"
#include "kmsg.h"
#include "limits.h"
#include "compat.h"
#include "memory_entry.h"

#define MACH_VM_ALLOCATE	4800
#define MACH_VM_DEALLOCATE	4801
#define MACH_VM_PROTECT		4802
#define MACH_VM_INHERIT		4803
#define MACH_VM_READ		4804
#define MACH_VM_READ_LIST	4805
#define MACH_VM_WRITE		4806
#define MACH_VM_COPY		4807
#define MACH_VM_READ_OVERWRITE	4808
#define MACH_VM_MSYNC		4809
#define MACH_VM_BEHAVIOR_SET	4810
#define MACH_VM_REMAP		4813
#define MACH_VM_REGION_RECURSE	4815
#define MACH_VM_REGION		4816
#define MACH_VM_LAST		4820

/* the VM_FLAGS_* mach_vm_allocate accepts */
#define MK_VM_FLAGS_USER_ALLOCATE	0xff07401f

/* bytes moved per access_process_vm call */
#define MK_VM_CHUNK		(64 * 1024)

static unsigned long vm_max_read = 64UL << 20;
module_param(vm_max_read, ulong, 0644);
MODULE_PARM_DESC(vm_max_read, "Largest mach_vm_read (out-of-line reply) in bytes (KERN_RESOURCE_SHORTAGE beyond)");

struct vm_addr_size_request {
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

struct vm_u64_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 value;
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

struct vm_allocate_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u64 address;
	u64 size;
	s32 flags;
} __packed;

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

/*
 * The target's mm, if it is still the image the port was made for.
 * Returns NULL for a task that exited or exec'd since.
 */
static struct mm_struct *vm_target_mm(struct mk_vm_target *t)
{
	struct mm_struct *mm = NULL;

	if (down_read_killable(&t->tsk->signal->exec_update_lock))
		return NULL;
	if (READ_ONCE(t->tsk->self_exec_id) == t->exec_id)
		mm = get_task_mm(t->tsk);
	up_read(&t->tsk->signal->exec_update_lock);
	return mm;
}

/*
 * Check [start, end) is mapped and allows the access: reads want
 * VM_READ (XNU's vm_map_copyin refuses unreadable entries); writes are
 * ptrace's: writable, or a private mapping that may become writable
 * (copy-on-write under FOLL_FORCE).  Context: mmap lock held.
 */
static int vm_check_range(struct mm_struct *mm, unsigned long start,
			  unsigned long end, bool write)
{
	struct vm_area_struct *vma;
	unsigned long a = start;

	while (a < end) {
		vma = find_vma(mm, a);
		if (!vma || vma->vm_start > a)
			return KERN_INVALID_ADDRESS;
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			return KERN_PROTECTION_FAILURE;
		if (write ? !((vma->vm_flags & VM_WRITE) ||
			      ((vma->vm_flags & VM_MAYWRITE) &&
			       !(vma->vm_flags & VM_SHARED))) :
		    !(vma->vm_flags & VM_READ))
			return KERN_PROTECTION_FAILURE;
		a = vma->vm_end;
	}
	return KERN_SUCCESS;
}

/* A user range: no wrap, inside the user address space. */
bool mk_vm_range_ok(u64 addr, u64 size)
{
	u64 end;

	return !check_add_overflow(addr, size, &end) && end <= TASK_SIZE_MAX;
}

int mk_vm_check(struct mk_vm_target *t, u64 addr, u64 size, bool write)
{
	int kr;

	if (!size)
		return KERN_SUCCESS;
	if (!mk_vm_range_ok(addr, size))
		return KERN_INVALID_ADDRESS;
	if (mmap_read_lock_killable(t->mm))
		return KERN_ABORTED;
	kr = vm_check_range(t->mm, addr, addr + size, write);
	mmap_read_unlock(t->mm);
	return kr;
}

/*
 * Write @len bytes from @buf to the target at @addr (a chunk at most),
 * through access_process_vm(), which also keeps the instruction cache
 * coherent where the architecture needs it (a debugger's breakpoint).
 * The exec id is checked under exec_update_lock for the whole access.
 */
int mk_vm_access(struct mk_vm_target *t, u64 addr, void *buf, int len,
		 bool write)
{
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	int done;

	if (down_read_killable(&t->tsk->signal->exec_update_lock))
		return KERN_ABORTED;
	if (READ_ONCE(t->tsk->self_exec_id) != t->exec_id) {
		up_read(&t->tsk->signal->exec_update_lock);
		return KERN_INVALID_ARGUMENT;
	}
	done = access_process_vm(t->tsk, addr, buf, len, flags);
	up_read(&t->tsk->signal->exec_update_lock);
	return done == len ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

/* Between chunks: a fatal signal stops the copy; others let it go on. */
static int vm_chunk_yield(void)
{
	if (fatal_signal_pending(current))
		return KERN_ABORTED;
	cond_resched();
	return KERN_SUCCESS;
}

static long vm_gup(struct mm_struct *mm, unsigned long start,
		   unsigned long n, struct page **pages, int *locked)
{
	return mk_gup_remote(mm, start, n, pages, locked);
}

#define MK_VM_BATCH	16	/* pages pinned at a time */

/*
 * Read @size bytes at @addr of the target into @kbuf, or (@kbuf NULL) the
 * caller's @uaddr.  Up to MK_VM_BATCH pages are pinned under the target's
 * mmap lock, which is dropped before they are copied (the caller's own
 * buffer may fault, and may be in the same mm), as process_vm_readv does.
 */
int mk_vm_read_pages(struct mk_vm_target *t, u64 addr, u64 size, u8 *kbuf,
		     u64 uaddr)
{
	struct page *pages[MK_VM_BATCH];
	u64 done = 0;
	int kr = KERN_SUCCESS;

	while (done < size && !kr) {
		unsigned long off = (addr + done) & ~PAGE_MASK;
		unsigned long want = min_t(u64, MK_VM_BATCH,
					   DIV_ROUND_UP(off + size - done,
							PAGE_SIZE));
		int locked = 1;
		long got, i;

		if (mmap_read_lock_killable(t->mm))
			return KERN_ABORTED;
		got = vm_gup(t->mm, (addr + done) & PAGE_MASK, want, pages,
			     &locked);
		if (locked)
			mmap_read_unlock(t->mm);
		if (got <= 0)
			return KERN_INVALID_ADDRESS;
		for (i = 0; i < got; i++) {
			u32 n = min_t(u64, PAGE_SIZE - off, size - done);
			void *p;

			if (!kr && n) {
				p = kmap_local_page(pages[i]);
				if (kbuf)
					memcpy(kbuf + done, p + off, n);
				else if (copy_to_user(u64_to_user_ptr(uaddr +
								      done),
						      p + off, n))
					kr = KERN_INVALID_ADDRESS;
				kunmap_local(p);
				done += n;
			}
			off = 0;
			put_page(pages[i]);
		}
		if (!kr && got < want && done < size)
			kr = KERN_INVALID_ADDRESS;
		if (!kr)
			kr = vm_chunk_yield();
	}
	return kr;
}

/* ---- the routines; no mk_lock held ---- */

/*
 * vm_read's checks, in XNU's order; the whole pages it would copy go in
 * *@startp and *@lenp.
 */
static int vm_read_check(struct mk_vm_target *t, const struct mk_kmsg *req,
			 u64 *startp, u64 *lenp)
{
	const struct vm_addr_size_request *rq = (const void *)req->data;
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

static int vm_read(struct mk_vm_target *t, struct mk_kmsg *req,
		   struct mk_kmsg **replyp)
{
	struct mk_kmsg *reply;
	struct mk_user *user;
	const size_t rpsize = sizeof(struct vm_read_reply);
	u64 start, len;
	void *buf = NULL;
	int kr;

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

static int vm_read_overwrite(struct mk_vm_target *t, struct mk_kmsg *req,
			     struct mk_kmsg **replyp)
{
	struct vm_read_overwrite_request *rq = (void *)req->data;
	struct vm_u64_reply *rp;
	u64 size = rq->size;
	int kr;

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
	rp->value = size;
	return KERN_SUCCESS;
}

/*
 * One entry of vm_read_list: its bytes into fresh pages of the caller,
 * whose address (with the entry's offset in its page) goes in *@outp.
 */
static int vm_read_list_one(struct mk_vm_target *t, u64 addr, u64 size,
			    u64 *outp)
{
	unsigned long uaddr;
	u64 start, len;
	int kr = KERN_SUCCESS;

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
static int vm_read_list(struct mk_vm_target *t, struct mk_kmsg *req,
			struct mk_kmsg **replyp)
{
	struct vm_read_list_request *rq = (void *)req->data;
	struct vm_read_list_reply *rp;
	u64 out;
	u32 i;
	int kr = KERN_SUCCESS;

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

static int vm_write(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_write_request *rq = (void *)req->data;
	struct mk_kdesc *d = &req->descs[0];
	u64 off;
	u32 n;
	int kr;

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
			kr = vm_chunk_yield();
	}
	return kr;
}

static int vm_copy(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_copy_request *rq = (void *)req->data;
	u64 off, size = rq->size;
	void *buf;
	u32 n;
	int kr;

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
			kr = vm_chunk_yield();
	}
	kfree(buf);
	return kr;
}

/* ---- regions ---- */

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
static s32 vm_inherit_of(unsigned long f)
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
static int vm_region_find(struct mk_vm_target *t, u64 addr,
			  struct vm_region_desc *r)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	int kr = KERN_INVALID_ADDRESS;

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
		b->inheritance = vm_inherit_of(r->flags);
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
		b->inheritance = vm_inherit_of(r->flags);
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

static int vm_region(struct mk_vm_target *t, struct mk_kmsg *req,
		     struct mk_kmsg **replyp)
{
	struct vm_region_request *rq = (void *)req->data;
	struct vm_region_desc r;
	struct vm_region_reply *rp;
	u32 need;
	int kr;

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
static int vm_region_recurse(struct mk_vm_target *t, struct mk_kmsg *req,
			     struct mk_kmsg **replyp)
{
	struct vm_recurse_request *rq = (void *)req->data;
	struct vm_region_desc r;
	struct vm_recurse_reply *rp;
	u32 need;
	int kr;

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
		s->inheritance = vm_inherit_of(r.flags);
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
		s.inheritance = vm_inherit_of(r.flags);
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

/* ---- changing another address space ---- */

/*
 * An alignment beyond a page (mach_vm_map's mask) anywhere: reserve
 * len + align - PAGE_SIZE bytes of PROT_NONE, map at the aligned address
 * inside the reservation (MAP_FIXED over our own reservation) and give
 * back the rest.  The caller checked len + align does not wrap.
 */
static unsigned long vm_remote_aligned(struct mk_vm_remote_op *op)
{
	unsigned long rlen = op->len + op->align - PAGE_SIZE, base, at, res;

	base = vm_mmap(NULL, 0, rlen, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, 0);
	if (IS_ERR_VALUE(base))
		return base;
	at = ALIGN(base, op->align);
	res = vm_mmap(op->file, at, op->len, op->prot, op->flags | MAP_FIXED,
		      op->pgoff << PAGE_SHIFT);
	if (at > base)
		vm_munmap(base, at - base);
	if (at + op->len < base + rlen)
		vm_munmap(at + op->len, base + rlen - at - op->len);
	if (IS_ERR_VALUE(res))
		vm_munmap(at, op->len);	/* what is left of the reservation */
	return res;
}

static unsigned long vm_remote_do(struct mk_vm_remote_op *op)
{
	if (op->unmap)
		return vm_munmap(op->addr, op->len);
	if (op->align > PAGE_SIZE &&
	    !(op->flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return vm_remote_aligned(op);
	return vm_mmap(op->file, op->addr, op->len, op->prot, op->flags,
		       op->pgoff << PAGE_SHIFT);
}

/* In a kernel worker: adopt the target's mm and map or unmap there. */
static void vm_remote_fn(struct work_struct *work)
{
	struct mk_vm_remote_op *op =
		container_of(work, struct mk_vm_remote_op, work);

	kthread_use_mm(op->mm);
	op->result = vm_remote_do(op);
	kthread_unuse_mm(op->mm);
	complete(&op->done);
}

/* Map or unmap in @op->mm: directly if it is the caller's own. */
unsigned long mk_vm_remote_op(struct mk_vm_remote_op *op)
{
	if (op->mm == current->mm)
		return vm_remote_do(op);
	INIT_WORK_ONSTACK(&op->work, vm_remote_fn);
	init_completion(&op->done);
	queue_work(mk_unbound_wq(), &op->work);
	wait_for_completion(&op->done);	/* op lives on the caller's stack */
	destroy_work_on_stack(&op->work);
	return op->result;
}

static unsigned long vm_remote(struct mm_struct *mm, bool unmap,
			       unsigned long addr, unsigned long len,
			       unsigned long flags)
{
	struct mk_vm_remote_op op = {
		.mm = mm, .unmap = unmap, .addr = addr, .len = len,
		.flags = flags, .prot = PROT_READ | PROT_WRITE,
	};

	return mk_vm_remote_op(&op);
}

static int vm_allocate(struct mk_vm_target *t, struct mk_kmsg *req,
		       struct mk_kmsg **replyp)
{
	struct vm_allocate_request *rq = (void *)req->data;
	struct vm_u64_reply *rp;
	struct mm_struct *mm;
	unsigned long flags = MAP_PRIVATE | MAP_ANONYMOUS, res;
	u64 addr = 0, size = rq->size, as;
	int kr = KERN_SUCCESS;

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
			res = vm_remote(mm, false, addr, size, flags);
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
			vm_remote(t->mm, true, addr, size, 0);
		return KERN_RESOURCE_SHORTAGE;
	}
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->value = size ? addr : 0;
	return KERN_SUCCESS;
}

static int vm_deallocate(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_addr_size_request *rq = (void *)req->data;
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
	res = vm_remote(t->mm, true, start, end - start, 0);
	return IS_ERR_VALUE(res) ? KERN_INVALID_ARGUMENT : KERN_SUCCESS;
}

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
static int vm_remap_source(struct mk_vm_target *src, u64 start, u64 len,
			   struct mk_vm_remote_op *op, s32 *cur, s32 *max)
{
	struct vm_area_struct *vma;
	int kr = KERN_SUCCESS;

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
static int vm_copy_between(struct mk_vm_target *src, u64 from,
			   struct mk_vm_target *t, u64 to, u64 len)
{
	void *buf = kmalloc(min_t(u64, len, MK_VM_CHUNK), GFP_KERNEL_ACCOUNT);
	u64 off;
	u32 n;
	int kr = KERN_SUCCESS;

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
static int vm_remap_check(struct mk_vm_target *src,
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
static int vm_remap_place(struct mk_vm_target *t,
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
static int vm_remap_do(struct mk_vm_target *t, struct mk_vm_target *src,
		       struct mk_kmsg *req, u64 start,
		       struct mk_vm_remote_op *op, s32 cur, s32 max,
		       struct mk_kmsg **replyp)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct vm_remap_reply *rp;
	unsigned long res;
	u64 addr, len = op->len;
	int kr;

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
		vm_remote(t->mm, true, addr, len, 0);
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
static int vm_remap(struct mk_vm_target *t, struct mk_vm_target *src,
		    struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct mk_vm_remote_op op = { .mm = t->mm };
	u64 start, len;
	s32 cur = 3, max = 7;	/* an anonymous copy: rw-, rwx */
	int kr;

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

/* ---- protections and inheritance of another task's mappings ---- */

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
static int vm_protect_collect(struct mm_struct *mm, unsigned long start,
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
static int vm_protect(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_protect_request *rq = (void *)req->data;
	struct vm_protect_piece pc[VM_PROTECT_PIECES];
	struct mk_vm_remote_op op = { .mm = t->mm };
	s32 prot = rq->new_protection & ~VM_PROT_COPY;
	unsigned long start, end, res;
	int i, n = 0, kr;

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
static int vm_inherit(struct mk_vm_target *t, struct mk_kmsg *req)
{
	struct vm_inherit_request *rq = (void *)req->data;
	struct vm_area_struct *vma;
	unsigned long a, end;
	int kr = KERN_SUCCESS;

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
		if (vm_inherit_of(vma->vm_flags) != rq->new_inheritance)
			kr = KERN_NOT_SUPPORTED;
	}
	mmap_read_unlock(t->mm);
	return kr;
}

bool mk_vm_routine(s32 id)
{
	return (id >= MACH_VM_ALLOCATE && id <= MACH_VM_LAST) ||
		mk_mem_entry_routine(id);
}

/*
 * The least privileged task port flavor a mach_vm routine takes: its map
 * argument's type in XNU's mach_vm.defs (vm_map_read_t for the reads and
 * the region queries, vm_map_t for the rest).
 */
int mk_vm_routine_flavor(s32 id)
{
	switch (id) {
	case MACH_VM_READ:
	case MACH_VM_READ_LIST:
	case MACH_VM_READ_OVERWRITE:
	case MACH_VM_REGION_RECURSE:
	case MACH_VM_REGION:
		return MK_TASK_FLAVOR_READ;
	default:
		return MK_TASK_FLAVOR_CONTROL;
	}
}

static int vm_dispatch(struct mk_vm_target *t, struct mk_vm_target *src,
		       struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	if (mk_mem_entry_routine(mk_kmsg_hdr(req)->id))
		return mk_mem_entry_serve(t, req, replyp); /* memory_entry.c */
	switch (mk_kmsg_hdr(req)->id) {
	case MACH_VM_REMAP:
		return src->mm ? vm_remap(t, src, req, replyp) :
			KERN_INVALID_ARGUMENT;
	case MACH_VM_ALLOCATE:
		return vm_allocate(t, req, replyp);
	case MACH_VM_DEALLOCATE:
		return vm_deallocate(t, req);
	case MACH_VM_READ:
		return vm_read(t, req, replyp);
	case MACH_VM_READ_LIST:
		return vm_read_list(t, req, replyp);
	case MACH_VM_WRITE:
		return vm_write(t, req);
	case MACH_VM_COPY:
		return vm_copy(t, req);
	case MACH_VM_READ_OVERWRITE:
		return vm_read_overwrite(t, req, replyp);
	case MACH_VM_REGION_RECURSE:
		return vm_region_recurse(t, req, replyp);
	case MACH_VM_REGION:
		return vm_region(t, req, replyp);
	case MACH_VM_PROTECT:
		return vm_protect(t, req);
	case MACH_VM_INHERIT:
		return vm_inherit(t, req);
	case MACH_VM_MSYNC:
	case MACH_VM_BEHAVIOR_SET:
		/* no module interface changes another mm's attributes */
		return KERN_NOT_SUPPORTED;
	default:
		return MIG_BAD_ID;
	}
}

/*
 * The source task of a mach_vm_remap: the request's port descriptor, a
 * task control port.  Context: mk_lock held.
 */
static int vm_remap_src(struct mk_kmsg *req, struct mk_vm_target *src)
{
	struct vm_remap_request *rq = (void *)req->data;
	struct mk_port *port;
	struct mk_task *task;

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

/*
 * Serve a mach_vm request to @task's control port.  Context: mk_lock
 * held; dropped while the target's memory is worked on, held again on
 * return.
 */
int mk_vm_serve(struct mk_task *task, struct mk_kmsg *req,
		struct mk_kmsg **replyp)
{
	struct mk_vm_target t, src = { 0 };
	int kr;

	lockdep_assert_held(&mk_lock);
	if (mk_kmsg_hdr(req)->id == MACH_VM_REMAP) {
		kr = vm_remap_src(req, &src);
		if (kr)
			return kr;
	}
	t.tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!t.tsk) {
		if (src.tsk)
			put_task_struct(src.tsk);
		return KERN_INVALID_ARGUMENT;
	}
	t.exec_id = task->exec_id;
	mutex_unlock(&mk_lock);
	/* the image the port was made for, or none: as a dead task */
	t.mm = vm_target_mm(&t);
	if (src.tsk)
		src.mm = vm_target_mm(&src);
	kr = t.mm ? vm_dispatch(&t, &src, req, replyp) : KERN_INVALID_ARGUMENT;
	if (t.mm)
		mmput(t.mm);
	if (src.mm)
		mmput(src.mm);
	mutex_lock(&mk_lock);
	put_task_struct(t.tsk);
	if (src.tsk)
		put_task_struct(src.tsk);
	return kr;
}

/* ---- task_info flavors about memory, events and time ---- */

#define TASK_VM_INFO_COUNT	89	/* rev6 */

/* task_vm_info as <mach/task_info.h>, rev6, pack(4) */
struct task_vm_info_k {
	u64 virtual_size;
	s32 region_count, page_size;
	u64 resident_size, resident_size_peak, device, device_peak;
	u64 internal, internal_peak, external, external_peak;
	u64 reusable, reusable_peak, purgeable_volatile_pmap;
	u64 purgeable_volatile_resident, purgeable_volatile_virtual;
	u64 compressed, compressed_peak, compressed_lifetime;
	u64 phys_footprint, min_address, max_address;
	s64 ledger_phys_footprint_peak;
	s64 ledgers[20];
	u64 limit_bytes_remaining;
	s32 decompressions;
	s64 ledger_swapins;
} __packed;

bool mk_vm_task_info_flavor(s32 flavor)
{
	return flavor == TASK_EVENTS_INFO || flavor == TASK_VM_INFO ||
		flavor == TASK_VM_INFO_PURGEABLE;
}

/* XNU's revisions: the largest one @count holds, 0 if none */
static u32 task_vm_info_count(u32 count)
{
	static const u8 revs[] = { 89, 87, 86, 84, 42, 38, 36 };
	int i;

	for (i = 0; i < ARRAY_SIZE(revs); i++)
		if (count >= revs[i])
			return revs[i];
	return 0;
}

/* An mm counter, exactly (as /proc/PID/status reads it), in pages. */
static u64 vm_mm_counter(struct mm_struct *mm, int member)
{
	return mk_mm_counter_exact(mm, member);
}

static void fill_task_vm_info(struct mm_struct *mm, struct task_vm_info_k *v)
{
	u64 anon = vm_mm_counter(mm, MM_ANONPAGES) +
		vm_mm_counter(mm, MM_SHMEMPAGES);
	u64 file = vm_mm_counter(mm, MM_FILEPAGES);
	u64 swap = vm_mm_counter(mm, MM_SWAPENTS);
	u64 rss = anon + file;

	memset(v, 0, sizeof(*v));
	v->virtual_size = (u64)READ_ONCE(mm->total_vm) << PAGE_SHIFT;
	v->region_count = READ_ONCE(mm->map_count);
	v->page_size = PAGE_SIZE;
	v->resident_size = rss << PAGE_SHIFT;
	v->resident_size_peak = max_t(u64, rss, get_mm_hiwater_rss(mm)) <<
		PAGE_SHIFT;
	v->internal = anon << PAGE_SHIFT;
	v->internal_peak = v->internal;
	v->external = file << PAGE_SHIFT;
	v->external_peak = v->external;
	/* swapped-out pages stand for XNU's compressed ones */
	v->compressed = swap << PAGE_SHIFT;
	v->compressed_peak = v->compressed;
	v->phys_footprint = v->internal + v->compressed;
	v->min_address = 0;
	v->max_address = mm->task_size;
	v->ledger_phys_footprint_peak = v->phys_footprint;
}

/*
 * TASK_VM_INFO(_PURGEABLE) and TASK_EVENTS_INFO for task_info
 * (kobject.c, which also serves TASK_ABSOLUTETIME_INFO), with XNU's
 * count rules: too small a count is KERN_INVALID_ARGUMENT.
 * Context: mk_lock held (nothing here sleeps long: counters only, no
 * mmap lock).
 */
int mk_vm_task_info(struct mk_task *task, s32 flavor, u32 count,
		    struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct task_vm_info_k vmi;
	struct task_struct *tsk, *th;
	struct mm_struct *mm;
	u32 ev[8] = { 0 }, need, *out;
	unsigned long minf = 0, majf = 0, csw = 0;
	void *src;

	lockdep_assert_held(&mk_lock);
	if (flavor == TASK_VM_INFO || flavor == TASK_VM_INFO_PURGEABLE)
		need = task_vm_info_count(count);
	else
		need = 8;
	if (!need || count < need)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	if (flavor == TASK_VM_INFO || flavor == TASK_VM_INFO_PURGEABLE) {
		mm = get_task_mm(tsk);
		if (!mm) {
			put_task_struct(tsk);
			return KERN_INVALID_ARGUMENT;
		}
		fill_task_vm_info(mm, &vmi);
		mmput(mm);
		src = &vmi;
	} else {
		rcu_read_lock();
		for_each_thread(tsk, th) {
			minf += th->min_flt;
			majf += th->maj_flt;
			csw += th->nvcsw + th->nivcsw;
		}
		rcu_read_unlock();
		ev[0] = minf + majf + tsk->signal->min_flt +
			tsk->signal->maj_flt;
		ev[1] = majf + tsk->signal->maj_flt;
		ev[7] = csw + tsk->signal->nvcsw + tsk->signal->nivcsw;
		src = ev;
	}
	put_task_struct(tsk);
	*replyp = mk_mig_reply_alloc(req, sizeof(struct mk_msg_header) + 16 +
				     need * 4, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	out = (void *)((*replyp)->data + sizeof(struct mk_msg_header));
	memcpy(out, mk_ndr_record, 8);
	out[3] = need;			/* after NDR and retcode */
	memcpy(&out[4], src, need * 4);
	return KERN_SUCCESS;
}
