// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: pinned out-of-line pages (Documentation/messages.rst,
 * Documentation/performance.rst "Out-of-line memory").
 *
 * XNU moves a region sent with deallocate set: ipc_kmsg_copyin_ool_descriptor
 * calls vm_map_copyin with src_destroy, which takes the entries out of the
 * sender's map, and vm_map_copyout enters the same pages in the receiver's.
 * A module cannot do that on Linux: vm_insert_page(s) refuse anonymous
 * pages (validate_page_before_insert), the anonymous rmap calls that would
 * make them the receiver's are not exported, and UFFDIO_MOVE moves pages
 * within one mm only.  What it can do is skip the kernel buffer: the
 * sender's pages are pinned at send (FOLL_PIN on private anonymous memory
 * unshares any page still COW-shared, so the pinned pages are the
 * sender's alone), the sender's range is unmapped as before, and at receive
 * the pinned pages are copied into the receiver's new mapping, then
 * unpinned.  One copy instead of two, and no buffer the size of the region.
 *
 * Only when it is safe and worth it: deallocate set (the sender's range
 * goes away with the send, so no later write can reach the pinned pages),
 * at least ool_pin_min bytes, a plain port as destination (kernel-object
 * servers read d->ool as bytes), and the whole range in private anonymous
 * VMAs (a shared or file mapping could be written through another mapping
 * after the send, which XNU's copy semantics forbid).  Otherwise, or when
 * the pin fails, the caller copies as before.
 *
 * The bytes stay charged as the buffer's were (kmsg->charge, limits.c):
 * the pinned pages are the region's, plus at most the two partial pages at
 * its ends.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "kmsg.h"
#include "ool_pages.h"
#include "port.h"

/* measured: Documentation/performance.rst, "Out-of-line memory" */
static unsigned int ool_pin_min = 128 << 10;
module_param(ool_pin_min, uint, 0644);
MODULE_PARM_DESC(ool_pin_min, "Smallest out-of-line region sent with deallocate that is pinned, not copied (bytes; 0: never)");

/* pages pinned by queued or in-flight messages */
static atomic_long_t mk_ool_pinned = ATOMIC_LONG_INIT(0);

static int ool_pinned_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(&mk_ool_pinned));
}

static const struct kernel_param_ops ool_pinned_ops = {
	.get = ool_pinned_get,
};
module_param_cb(ool_pinned_pages, &ool_pinned_ops, NULL, 0444);
MODULE_PARM_DESC(ool_pinned_pages, "Pages pinned by out-of-line regions not yet received (read-only)");

/*
 * Whether [@start, @end) lies wholly in readable private anonymous VMAs.
 * Context: current's mmap_lock held.
 */
static bool range_private_anon(struct mm_struct *mm, unsigned long start,
			       unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	mmap_assert_locked(mm);
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr || !vma_is_anonymous(vma) ||
		    (vma->vm_flags & (VM_SHARED | VM_IO | VM_PFNMAP)) ||
		    !(vma->vm_flags & VM_READ))
			return false;
	}
	return true;
}

/*
 * Pin the pages of the memory region of @d (at @address, d->count bytes)
 * instead of copying it, if the conditions above hold.  True: d->pages
 * holds the pins, d->ool stays NULL; false: nothing changed, copy as
 * before.  No lock held.
 */
bool mk_ool_pages_pin(struct mk_kmsg *kmsg, struct mk_kdesc *d,
		      u64 address, bool deallocate)
{
	struct mm_struct *mm = current->mm;
	unsigned long start, end, npages;
	unsigned int min = READ_ONCE(ool_pin_min);
	struct mk_port *dest = kmsg->dest.port;
	struct mk_ool_pages *p;
	long got;

	if (!deallocate || !min || d->count < min ||
	    d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR ||
	    !dest || READ_ONCE(dest->kotype) != MK_KOBJ_NONE || !mm)
		return false;
	/* a bad range is left to the copy, which fails as before */
	if (!access_ok(u64_to_user_ptr(address), d->count))
		return false;
	start = address & PAGE_MASK;
	end = PAGE_ALIGN(address + d->count);
	npages = (end - start) >> PAGE_SHIFT;
	p = kvmalloc(struct_size(p, pages, npages),
		     GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!p)
		return false;
	p->npages = npages;
	p->offset = address & ~PAGE_MASK;
	if (mmap_read_lock_killable(mm))
		goto free;
	/* checked and pinned under one lock: no remap in between */
	got = -EFAULT;
	if (range_private_anon(mm, start, end))
		got = mk_pin_user_pages(start, npages, FOLL_LONGTERM, p->pages);
	mmap_read_unlock(mm);
	if (got != npages) {
		if (got > 0)
			unpin_user_pages(p->pages, got);
		goto free;
	}
	atomic_long_add(npages, &mk_ool_pinned);
	d->pages = p;
	return true;
free:
	kvfree(p);
	return false;
}

/* Copy @size bytes of the region @p to @dst.  No lock held. */
int mk_ool_pages_copy_to_user(const struct mk_ool_pages *p,
			      void __user *dst, u32 size)
{
	u32 off = p->offset, done = 0, n;
	unsigned long i, left;
	void *src;

	for (i = 0; done < size && i < p->npages; i++, off = 0) {
		n = min_t(u32, PAGE_SIZE - off, size - done);
		src = kmap_local_page(p->pages[i]);
		left = copy_to_user(dst + done, src + off, n);
		kunmap_local(src);
		if (left)
			return -EFAULT;
		done += n;
		cond_resched();
	}
	return done == size ? 0 : -EFAULT;
}

/* Unpin @d's pages, if it holds any; a second call finds none. */
void mk_ool_pages_release(struct mk_kdesc *d)
{
	struct mk_ool_pages *p = d->pages;

	if (!p)
		return;
	d->pages = NULL;
	unpin_user_pages(p->pages, p->npages);
	atomic_long_sub(p->npages, &mk_ool_pinned);
	kvfree(p);
}
