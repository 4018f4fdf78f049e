/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: the mach_vm (4800) and host (200) / clock (1000) servers. */
#ifndef _MACH_VM_H
#define _MACH_VM_H

#include <linux/completion.h>
#include <linux/workqueue.h>
#include "ipc.h"
#include "kmsg.h"

/* One call's target: a task_struct reference and the exec it belongs to. */
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

/* vm.c */
bool mk_vm_routine(s32 id);
int mk_vm_routine_flavor(s32 id);
int mk_vm_serve(struct mk_task *task, struct mk_kmsg *req,
		struct mk_kmsg **replyp);
bool mk_vm_task_info_flavor(s32 flavor);
int mk_vm_task_info(struct mk_task *task, s32 flavor, u32 count,
		    struct mk_kmsg *req, struct mk_kmsg **replyp);
/* for memory_entry.c; no mk_lock held */
bool mk_vm_range_ok(u64 addr, u64 size);
int mk_vm_check(struct mk_vm_target *t, u64 addr, u64 size, bool write);
int mk_vm_access(struct mk_vm_target *t, u64 addr, void *buf, int len,
		 bool write);
int mk_vm_read_pages(struct mk_vm_target *t, u64 addr, u64 size, u8 *kbuf,
		     u64 uaddr);
s32 mk_vm_prot_of(unsigned long f, bool max);
unsigned long mk_vm_remote_op(struct mk_vm_remote_op *op);

/* host.c */
int mk_host_init(void);
void mk_host_exit(void);
long mk_host_ioctl(unsigned int cmd, void __user *uarg);
int mk_host_serve(struct mk_port *port, struct mk_kmsg *req,
		  struct mk_kmsg **replyp);

#endif /* _MACH_VM_H */
