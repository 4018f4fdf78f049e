// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the task_info flavors about memory and events
 * (TASK_VM_INFO, TASK_VM_INFO_PURGEABLE, TASK_EVENTS_INFO), which
 * task_info.c hands here, read from the target's mm counters and its
 * threads' fault and context-switch counts.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include "compat.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mach_types.h"
#include "notify.h"
#include "task.h"
#include "vm.h"

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
kern_return_t mk_vm_task_info(struct mk_task *task, s32 flavor, u32 count,
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
