// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: another task's memory through its task port, the mach_vm
 * MIG subsystem (4800, XNU's osfmk/mach/mach_vm.defs), served by the
 * kernel-object server like every other task routine, so a task port
 * received in a message works as one from task_for_pid.  This file is the
 * subsystem's server: the routine ids, the task port flavor each needs,
 * and the dispatch to the files of the routines:
 *
 *   vm_access.c      reading, writing and mapping in another mm
 *   vm_read_write.c  mach_vm_read, _read_list, _read_overwrite, _write, _copy
 *   vm_mapping.c     mach_vm_allocate, _deallocate, _protect, _inherit
 *   vm_region.c      mach_vm_region, mach_vm_region_recurse
 *   vm_remap.c       mach_vm_remap
 *   memory_entry.c   mach_make_memory_entry(_64), mach_vm_map, vm_map
 *   vm_task_info.c   task_info's memory and event flavors
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
 * returns.  msync and behavior_set on a foreign task are
 * KERN_NOT_SUPPORTED (libmach serves the caller's own task with msync and
 * madvise).  Documentation/memory.rst has the tables.
 */
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include "kmsg.h"
#include "locking.h"
#include "mach_types.h"
#include "memory_entry.h"
#include "mig_ids.h"
#include "task.h"
#include "vm.h"

/* the routines' message ids are mig_ids.h's (mach_vm.defs, vm_map.defs) */

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

/* Context: mk_lock not held; @t (and @src for a remap) pinned. */
static kern_return_t vm_dispatch(struct mk_vm_target *t, struct mk_vm_target *src,
				 struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	if (mk_mem_entry_routine(mk_kmsg_hdr(req)->id))
		return mk_mem_entry_serve(t, req, replyp); /* memory_entry.c */
	switch (mk_kmsg_hdr(req)->id) {
	case MACH_VM_REMAP:
		return src->mm ? mk_vm_remap(t, src, req, replyp) :
			KERN_INVALID_ARGUMENT;
	case MACH_VM_ALLOCATE:
		return mk_vm_allocate(t, req, replyp);
	case MACH_VM_DEALLOCATE:
		return mk_vm_deallocate(t, req);
	case MACH_VM_READ:
		return mk_vm_read(t, req, replyp);
	case MACH_VM_READ_LIST:
		return mk_vm_read_list(t, req, replyp);
	case MACH_VM_WRITE:
		return mk_vm_write(t, req);
	case MACH_VM_COPY:
		return mk_vm_copy(t, req);
	case MACH_VM_READ_OVERWRITE:
		return mk_vm_read_overwrite(t, req, replyp);
	case MACH_VM_REGION_RECURSE:
		return mk_vm_region_recurse(t, req, replyp);
	case MACH_VM_REGION:
		return mk_vm_region(t, req, replyp);
	case MACH_VM_PROTECT:
		return mk_vm_protect(t, req);
	case MACH_VM_INHERIT:
		return mk_vm_inherit(t, req);
	case MACH_VM_MSYNC:
	case MACH_VM_BEHAVIOR_SET:
		/* no module interface changes another mm's attributes */
		return KERN_NOT_SUPPORTED;
	default:
		return MIG_BAD_ID;
	}
}

/*
 * Serve a mach_vm request to @task's control port.  Context: mk_lock
 * held; dropped while the target's memory is worked on, held again on
 * return.
 */
kern_return_t mk_vm_serve(struct mk_task *task, struct mk_kmsg *req,
			  struct mk_kmsg **replyp)
	__must_hold(&mk_lock)
{
	struct mk_vm_target t, src = { 0 };
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (mk_kmsg_hdr(req)->id == MACH_VM_REMAP) {
		kr = mk_vm_remap_src(req, &src);
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
