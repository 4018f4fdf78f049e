/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: another task's memory, the mach_vm server (vm.c) and the
 * files of its routines (vm_*.c, memory_entry.c).
 */
#ifndef _MACH_VM_H
#define _MACH_VM_H

#include <linux/completion.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "kern_return.h"

struct file;
struct mm_struct;
struct mk_kmsg;
struct mk_task;
struct task_struct;

/*
 * One call's target: a task_struct reference and the exec it belongs to.
 * The references are the caller's, kept for the whole call.
 */
struct mk_vm_target {
	struct task_struct *tsk;
	u64 exec_id;
	struct mm_struct *mm;		/* an mm_users reference */
};

/* A map or unmap in another mm, done by a worker that adopts it. */
struct mk_vm_remote_op {
	struct work_struct work;
	struct completion done;
	struct mm_struct *mm;
	struct file *file;		/* NULL: anonymous */
	unsigned long addr, len, prot, pgoff;
	unsigned long flags;		/* MAP_* */
	unsigned long align;		/* anywhere, aligned so (> PAGE_SIZE) */
	bool unmap;
	unsigned long result;
};

/* vm.c: the server, for kobject.c (mk_lock held) */
bool mk_vm_routine(s32 id);
int mk_vm_routine_flavor(s32 id);
kern_return_t mk_vm_serve(struct mk_task *task, struct mk_kmsg *req,
			  struct mk_kmsg **replyp);

/* vm_task_info.c, for task_info.c (mk_lock held) */
bool mk_vm_task_info_flavor(s32 flavor);
kern_return_t mk_vm_task_info(struct mk_task *task, s32 flavor, u32 count,
			      struct mk_kmsg *req, struct mk_kmsg **replyp);

/* vm_access.c, for the routines; mk_lock NOT held */
#define MK_VM_CHUNK		(64 * 1024)	/* bytes per access_process_vm */
bool mk_vm_range_ok(u64 addr, u64 size);
kern_return_t mk_vm_check(struct mk_vm_target *t, u64 addr, u64 size, bool write);
kern_return_t mk_vm_access(struct mk_vm_target *t, u64 addr, void *buf, int len,
			   bool write);
kern_return_t mk_vm_read_pages(struct mk_vm_target *t, u64 addr, u64 size, u8 *kbuf,
			       u64 uaddr);
kern_return_t mk_vm_chunk_yield(void);
unsigned long mk_vm_remote_op(struct mk_vm_remote_op *op);
unsigned long mk_vm_remote(struct mm_struct *mm, bool unmap,
			   unsigned long addr, unsigned long len,
			   unsigned long flags);

/* vm_region.c: XNU's VM_PROT_* and VM_INHERIT_* of a VMA's flags */
s32 mk_vm_prot_of(unsigned long f, bool max);
s32 mk_vm_inherit_of(unsigned long f);

/* the routines vm.c dispatches to; mk_lock NOT held */
kern_return_t mk_vm_read(struct mk_vm_target *t, struct mk_kmsg *req,
			 struct mk_kmsg **replyp);			/* vm_read_write.c */
kern_return_t mk_vm_read_list(struct mk_vm_target *t, struct mk_kmsg *req,
			      struct mk_kmsg **replyp);
kern_return_t mk_vm_read_overwrite(struct mk_vm_target *t, struct mk_kmsg *req,
				   struct mk_kmsg **replyp);
kern_return_t mk_vm_write(struct mk_vm_target *t, struct mk_kmsg *req);
kern_return_t mk_vm_copy(struct mk_vm_target *t, struct mk_kmsg *req);
kern_return_t mk_vm_allocate(struct mk_vm_target *t, struct mk_kmsg *req,
			     struct mk_kmsg **replyp);		/* vm_mapping.c */
kern_return_t mk_vm_deallocate(struct mk_vm_target *t, struct mk_kmsg *req);
kern_return_t mk_vm_protect(struct mk_vm_target *t, struct mk_kmsg *req);
kern_return_t mk_vm_inherit(struct mk_vm_target *t, struct mk_kmsg *req);
kern_return_t mk_vm_region(struct mk_vm_target *t, struct mk_kmsg *req,
			   struct mk_kmsg **replyp);		/* vm_region.c */
kern_return_t mk_vm_region_recurse(struct mk_vm_target *t, struct mk_kmsg *req,
				   struct mk_kmsg **replyp);
kern_return_t mk_vm_remap(struct mk_vm_target *t, struct mk_vm_target *src,
			  struct mk_kmsg *req, struct mk_kmsg **replyp);	/* vm_remap.c */
/* mach_vm_remap's source task, from its port descriptor; mk_lock held */
kern_return_t mk_vm_remap_src(struct mk_kmsg *req, struct mk_vm_target *src);

#endif /* _MACH_VM_H */
