// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: reaching another task's memory, the primitives the mach_vm
 * routines (vm_*.c) and memory entries (memory_entry.c) are built on.
 * None is called with mk_lock held: they fault pages in, and may wait on
 * I/O or on a userfaultfd.
 *
 * Reads pin at most MK_VM_BATCH pages at a time with
 * get_user_pages_remote() and copy them after dropping the target's mmap
 * lock, as process_vm_readv does; writes go through access_process_vm()
 * with FOLL_FORCE (ptrace's page semantics: a private read-only mapping
 * is written copy-on-write, as a debugger's breakpoint needs), a chunk
 * (MK_VM_CHUNK) at a time.
 *
 * Changing another address space (a map or an unmap) is done by a kernel
 * worker that adopts the target's mm with kthread_use_mm() and calls
 * vm_mmap()/vm_munmap(), the interfaces a module may use.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/overflow.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "compat.h"
#include "locking.h"
#include "mach_types.h"
#include "vm.h"

/*
 * Check [start, end) is mapped and allows the access: reads want
 * VM_READ (XNU's vm_map_copyin refuses unreadable entries); writes are
 * ptrace's: writable, or a private mapping that may become writable
 * (copy-on-write under FOLL_FORCE).  Context: mmap lock held.
 */
static kern_return_t vm_check_range(struct mm_struct *mm, unsigned long start,
				    unsigned long end, bool write)
{
	struct vm_area_struct *vma;
	unsigned long a = start;

	mmap_assert_locked(mm);
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

kern_return_t mk_vm_check(struct mk_vm_target *t, u64 addr, u64 size, bool write)
{
	kern_return_t kr;

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
kern_return_t mk_vm_access(struct mk_vm_target *t, u64 addr, void *buf, int len,
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
kern_return_t mk_vm_chunk_yield(void)
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
kern_return_t mk_vm_read_pages(struct mk_vm_target *t, u64 addr, u64 size, u8 *kbuf,
			       u64 uaddr)
{
	struct page *pages[MK_VM_BATCH];
	u64 done = 0;
	kern_return_t kr = KERN_SUCCESS;

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
			kr = mk_vm_chunk_yield();
	}
	return kr;
}

/* ---- changing another address space: a map or an unmap there ---- */

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

/*
 * Map or unmap in @op->mm: directly if it is the caller's own.  Context:
 * mk_lock not held (the worker is waited for).
 */
unsigned long mk_vm_remote_op(struct mk_vm_remote_op *op)
{
	lockdep_assert_not_held(&mk_lock);
	if (op->mm == current->mm)
		return vm_remote_do(op);
	INIT_WORK_ONSTACK(&op->work, vm_remote_fn);
	init_completion(&op->done);
	queue_work(mk_unbound_wq(), &op->work);
	wait_for_completion(&op->done);	/* op lives on the caller's stack */
	destroy_work_on_stack(&op->work);
	return op->result;
}

/* An anonymous read-write map (or an unmap) of @len bytes at @addr in @mm. */
unsigned long mk_vm_remote(struct mm_struct *mm, bool unmap,
			   unsigned long addr, unsigned long len,
			   unsigned long flags)
{
	struct mk_vm_remote_op op = {
		.mm = mm, .unmap = unmap, .addr = addr, .len = len,
		.flags = flags, .prot = PROT_READ | PROT_WRITE,
	};

	return mk_vm_remote_op(&op);
}
