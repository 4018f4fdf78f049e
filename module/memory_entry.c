// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: memory entries, memory shared between tasks.
 *
 * A memory entry (XNU's named entry, IKOT_NAMED_ENTRY) is a kernel object
 * named by a send right (MK_KOBJ_MEMORY_ENTRY): a file whose pages are the
 * memory, a byte offset and size into it, and the protections the entry
 * allows.  The file is a shmem file made here (MAP_MEM_NAMED_CREATE, and
 * the snapshot of MAP_MEM_VM_COPY), or the file of a shared mapping
 * (MAP_SHARED file or shared anonymous memory, whose pages Linux can put
 * in another mm).  mach_vm_map maps an entry's file MAP_SHARED into the
 * target (kthread_use_mm worker + vm_mmap, vm_access.c), or a copy of its
 * bytes (copy = TRUE) into new anonymous pages.  An entry without write
 * permission, or a mapping asked without maximum write, maps a read-only
 * reopening of the file, so the mapping can never become writable
 * (VM_MAYWRITE is clear).  Mappings keep their own file reference: they
 * outlive the entry, as XNU's outlive the named entry.  The entry goes
 * when its last send right does (no-senders).
 *
 * Private pages (anonymous memory, private file mappings) cannot be put
 * in another mm by a module: an entry on them is KERN_NOT_SUPPORTED
 * unless MAP_MEM_VM_COPY asks for a copy.  Documentation/memory.rst.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include "compat.h"
#include "kmsg.h"
#include "kobject.h"
#include "limits.h"
#include "locking.h"
#include "memory_entry.h"
#include "notify.h"
#include "port.h"
#include "vm.h"

#define VM_PROT_UEXEC		0x8	/* VM_PROT_ALLEXEC's other half */

#define VM_FLAGS_USER_MAP	0xff97401fu	/* USER_ALLOCATE | RETURN_*DATA_ADDR */

/* MAP_MEM_*: uapi <linux/mach/memory_object_types.h> */

#define ME_CHUNK		(64 * 1024)

struct mk_mem_entry {
	struct kref ref;		/* the port's, and each call's */
	struct file *file;
	u64 offset;			/* bytes into @file, page-aligned */
	u64 size;			/* page-rounded */
	s32 protection;			/* VM_PROT_* the entry allows */
	u32 access;			/* MAP_MEM_* cache mode, recorded only */
};

struct me_make_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc parent;
	u8 ndr[8];
	u64 size;
	u64 offset;
	s32 permission;
} __packed;

struct me_make_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc handle;
	u8 ndr[8];
	u64 size;
} __packed;

struct me_map_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc object;
	u8 ndr[8];
	u64 address;
	u64 size;
	u64 mask;
	s32 flags;
	u64 offset;
	s32 copy;
	s32 cur_protection;
	s32 max_protection;
	s32 inheritance;
} __packed;

struct me_map_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 address;
} __packed;

static void me_release(struct kref *ref)
{
	struct mk_mem_entry *e = container_of(ref, struct mk_mem_entry, ref);

	fput(e->file);
	kfree(e);
}

static void me_put(struct mk_mem_entry *e)
{
	if (e)
		kref_put(&e->ref, me_release);
}

bool mk_mem_entry_routine(s32 id)
{
	switch (id) {
	case MK_MACH_VM_MAP:
	case MK_MACH_VM_MAKE_ENTRY:
	case MK_VM_MAP:
	case MK_VM_MAKE_ENTRY:
	case MK_VM_MAKE_ENTRY_64:
	case MK_VM_MAP_64:
		return true;
	default:
		return false;
	}
}

static bool me_is_map(s32 id)
{
	return id == MK_MACH_VM_MAP || id == MK_VM_MAP || id == MK_VM_MAP_64;
}

/*
 * The request's port: a reference on the memory entry it names, NULL for
 * MACH_PORT_NULL (or a dead name).  @other is set for a port that is
 * something else.  Context: takes mk_lock.
 */
static struct mk_mem_entry *me_from_desc(struct mk_kmsg *req, bool *other)
{
	struct mk_port *port = req->descs[0].right.port;
	struct mk_mem_entry *e = NULL;

	*other = false;
	if (!port)
		return NULL;
	mutex_lock(&mk_lock);
	if (port->active && port->kotype == MK_KOBJ_MEMORY_ENTRY &&
	    port->kobject) {
		e = port->kobject;
		kref_get(&e->ref);
	} else {
		*other = true;
	}
	mutex_unlock(&mk_lock);
	return e;
}

static struct mk_mem_entry *me_alloc(struct file *file, u64 offset, u64 size,
				     s32 prot)
{
	struct mk_mem_entry *e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);

	if (!e)
		return NULL;
	kref_init(&e->ref);
	e->file = file;
	e->offset = offset;
	e->size = size;
	e->protection = prot & VM_PROT_ALL;
	return e;
}

/* A new shmem file of @size bytes, charged to the caller's commit. */
static struct file *me_shmem(u64 size)
{
	return mk_shmem_file_setup("mach_memory_entry", size);
}

/* MAP_MEM_NAMED_CREATE: a new object of @size (page-rounded) bytes. */
static kern_return_t me_named_create(u64 size, s32 perm, struct mk_mem_entry **ep)
{
	struct file *file;

	if (perm & (MAP_MEM_USE_DATA_ADDR | MAP_MEM_4K_DATA_ADDR))
		return KERN_INVALID_ARGUMENT;
	/* a purgeable object must be writable (XNU); it is never purged */
	if ((perm & MAP_MEM_PURGABLE) && !(perm & VM_PROT_WRITE))
		return KERN_INVALID_ARGUMENT;
	file = me_shmem(size);
	if (IS_ERR(file))
		return KERN_RESOURCE_SHORTAGE;
	*ep = me_alloc(file, 0, size, perm);
	if (!*ep) {
		fput(file);
		return KERN_RESOURCE_SHORTAGE;
	}
	return KERN_SUCCESS;
}

/*
 * MAP_MEM_VM_COPY: a snapshot of the target's range, in a new object.
 * The bytes are copied now (XNU makes a copy-on-write copy).
 */
static kern_return_t me_vm_copy(struct mk_vm_target *t, u64 start, u64 len, s32 perm,
				struct mk_mem_entry **ep)
{
	struct file *file;
	loff_t pos = 0;
	void *buf;
	u64 off;
	u32 n;
	kern_return_t kr;

	kr = mk_vm_check(t, start, len, false);
	if (kr)
		return kr;
	file = me_shmem(len);
	if (IS_ERR(file))
		return KERN_RESOURCE_SHORTAGE;
	buf = kmalloc(min_t(u64, len, ME_CHUNK), GFP_KERNEL_ACCOUNT);
	kr = buf ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
	for (off = 0; !kr && off < len; off += n) {
		n = min_t(u64, len - off, ME_CHUNK);
		kr = mk_vm_read_pages(t, start + off, n, buf, 0);
		if (!kr && kernel_write(file, buf, n, &pos) != n)
			kr = KERN_RESOURCE_SHORTAGE;
		if (!kr && fatal_signal_pending(current))
			kr = KERN_ABORTED;
	}
	kfree(buf);
	if (!kr) {
		*ep = me_alloc(file, 0, len, perm);
		if (*ep)
			return KERN_SUCCESS;
		kr = KERN_RESOURCE_SHORTAGE;
	}
	fput(file);
	return kr;
}

/*
 * An entry sharing the target's range: the mapping at @start must be a
 * shared one (its file's pages are what another mm can map).  As XNU's
 * default (one VM object), the entry stops where the mapping does and
 * *@len shrinks to that; MAP_MEM_VM_SHARE wants the whole range.
 */
static kern_return_t me_share(struct mk_vm_target *t, u64 start, u64 *len, s32 *prot,
			      s32 perm, struct mk_mem_entry **ep)
{
	struct vm_area_struct *vma;
	struct file *file = NULL;
	u64 pgoff = 0, end = start + *len;
	s32 cur;
	kern_return_t kr = KERN_SUCCESS;

	if (mmap_read_lock_killable(t->mm))
		return KERN_ABORTED;
	vma = find_vma(t->mm, start);
	if (!vma || vma->vm_start > start) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	cur = mk_vm_prot_of(vma->vm_flags, false);
	if (perm & VM_PROT_IS_MASK) {
		*prot &= cur;		/* whatever of it the mapping has */
		if (!*prot) {
			kr = KERN_PROTECTION_FAILURE;	/* none at all */
			goto out;
		}
	}
	if ((cur & *prot) != *prot) {
		kr = KERN_PROTECTION_FAILURE;
		goto out;
	}
	if (!(vma->vm_flags & VM_SHARED) || !vma->vm_file ||
	    (vma->vm_flags & (VM_IO | VM_PFNMAP))) {
		kr = KERN_NOT_SUPPORTED;	/* private pages: memory.rst */
		goto out;
	}
	if (vma->vm_end < end) {
		if (perm & MAP_MEM_VM_SHARE) {
			kr = KERN_NOT_SUPPORTED;	/* several mappings */
			goto out;
		}
		end = vma->vm_end;
	}
	file = get_file(vma->vm_file);
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
out:
	mmap_read_unlock(t->mm);
	if (kr)
		return kr;
	*len = end - start;
	*ep = me_alloc(file, pgoff << PAGE_SHIFT, *len, *prot);
	if (!*ep) {
		fput(file);
		return KERN_RESOURCE_SHORTAGE;
	}
	return KERN_SUCCESS;
}

/* A part of @parent: inside it, with no more protection than it has. */
static kern_return_t me_from_parent(struct mk_mem_entry *parent, u64 offset, u64 *size,
				    s32 prot, s32 perm, struct mk_mem_entry **ep)
{
	u64 start = offset & PAGE_MASK, end;

	if (check_add_overflow(offset, *size, &end) ||
	    PAGE_ALIGN(end) < end || PAGE_ALIGN(end) > parent->size)
		return KERN_INVALID_ARGUMENT;
	end = PAGE_ALIGN(end);
	if (perm & VM_PROT_IS_MASK)
		prot &= parent->protection;
	if ((prot & parent->protection) != prot)
		return KERN_PROTECTION_FAILURE;
	*ep = me_alloc(get_file(parent->file), parent->offset + start,
		       end - start, prot);
	if (!*ep) {
		fput(parent->file);
		return KERN_RESOURCE_SHORTAGE;
	}
	(*ep)->access = parent->access;
	*size = end - start;
	return KERN_SUCCESS;
}

/*
 * mach_make_memory_entry_64 (and _mach_make_memory_entry,
 * mach_make_memory_entry): XNU's mach_make_memory_entry_internal
 * dispatch and checks.  Sets *@ep (NULL with KERN_SUCCESS: no entry, as
 * XNU's null handle for a zero-sized create and for MAP_MEM_ONLY).
 */
static kern_return_t me_make(struct mk_vm_target *t, struct me_make_request *rq,
			     struct mk_mem_entry *parent, u64 *size,
			     struct mk_mem_entry **ep)
{
	s32 perm = rq->permission, prot = perm & VM_PROT_ALL;
	u64 start, end;

	*ep = NULL;
	/* unknown MAP_MEM_ flags: refused for forward compatibility */
	if ((perm & MAP_MEM_FLAGS_MASK) & ~MAP_MEM_FLAGS_USER)
		return KERN_INVALID_VALUE;
	if (perm & MAP_MEM_ONLY) {
		/* a cache mode for the parent's object: recorded only */
		if (!parent || (perm & (MAP_MEM_USE_DATA_ADDR |
					MAP_MEM_4K_DATA_ADDR)))
			return KERN_INVALID_ARGUMENT;
		if (GET_MAP_MEM(perm) != parent->access &&
		    !(parent->protection & VM_PROT_WRITE))
			return KERN_INVALID_RIGHT;
		parent->access = GET_MAP_MEM(perm);
		return KERN_SUCCESS;
	}
	if (perm & MAP_MEM_NAMED_CREATE) {
		if (!*size)
			return KERN_SUCCESS;
		if (*size > TASK_SIZE_MAX)
			return KERN_FAILURE;	/* XNU: beyond ANON_MAX_SIZE */
		*size = PAGE_ALIGN(*size);	/* the entry's, handed back */
		return me_named_create(*size, perm, ep);
	}
	if (parent && !(perm & (MAP_MEM_VM_COPY | MAP_MEM_VM_SHARE |
				MAP_MEM_NAMED_REUSE)))
		return me_from_parent(parent, rq->offset, size, prot, perm, ep);
	/* a range of the target's address space */
	if (!*size)
		return KERN_INVALID_ARGUMENT;
	if (perm & (MAP_MEM_USE_DATA_ADDR | MAP_MEM_4K_DATA_ADDR))
		return KERN_NOT_SUPPORTED;	/* entries keep whole pages */
	if (!mk_vm_range_ok(rq->offset, *size) ||
	    PAGE_ALIGN(rq->offset + *size) < rq->offset + *size)
		return KERN_INVALID_ADDRESS;
	start = rq->offset & PAGE_MASK;
	end = PAGE_ALIGN(rq->offset + *size);
	*size = end - start;
	if (perm & MAP_MEM_VM_COPY)
		return me_vm_copy(t, start, *size, prot, ep);
	return me_share(t, start, size, &prot, perm, ep);
}

/*
 * The reply to a make: a new port for the entry, a send right moved to
 * the caller.  Context: takes mk_lock.
 */
static kern_return_t me_make_reply(struct mk_kmsg *req, struct mk_mem_entry *e,
				   u64 size, struct mk_kmsg **replyp)
{
	struct me_make_reply *rp;
	struct mk_right r = { 0 };
	struct mk_kmsg *reply;
	struct mk_port *port = NULL;
	kern_return_t kr = KERN_SUCCESS;

	reply = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->handle.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->handle.disposition = MACH_MSG_TYPE_PORT_SEND;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->size = e ? size : 0;
	reply->descs[0].offset = offsetof(struct me_make_reply, handle);
	reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	if (!e) {
		*replyp = reply;
		return KERN_SUCCESS;
	}
	mutex_lock(&mk_lock);
	kr = mk_limit_port_check();
	if (!kr) {
		port = mk_port_alloc();
		if (!port)
			kr = KERN_RESOURCE_SHORTAGE;
	}
	if (!kr) {
		port->kotype = MK_KOBJ_MEMORY_ENTRY;
		port->kobject = e;	/* the entry's first reference */
		mk_port_make_send_right(port, &r);
		reply->descs[0].right = r;
		*replyp = reply;
	}
	mutex_unlock(&mk_lock);
	if (kr)
		mk_kmsg_free(reply);
	return kr;
}

static kern_return_t me_make_serve(struct mk_vm_target *t, struct mk_kmsg *req,
				   struct mk_kmsg **replyp)
{
	struct me_make_request *rq = (void *)req->data;
	struct mk_mem_entry *parent, *e = NULL;
	u64 size = rq->size;
	bool other;
	kern_return_t kr;

	parent = me_from_desc(req, &other);
	/* XNU: a port that is not a named entry is no parent */
	kr = me_make(t, rq, parent, &size, &e);
	me_put(parent);
	if (kr)
		return kr;
	kr = me_make_reply(req, e, size, replyp);
	if (kr)
		me_put(e);
	return kr;
}

/* VM_PROT_* to PROT_* */
static unsigned long me_prot(s32 p)
{
	return (p & VM_PROT_READ ? PROT_READ : 0) |
		(p & VM_PROT_WRITE ? PROT_WRITE : 0) |
		(p & VM_PROT_EXECUTE ? PROT_EXEC : 0);
}

/* Copy the entry's bytes at @off into the new pages at @addr. */
static kern_return_t me_copy_in(struct mk_vm_target *t, struct file *file, u64 off,
				u64 addr, u64 len)
{
	void *buf = kmalloc(min_t(u64, len, ME_CHUNK), GFP_KERNEL_ACCOUNT);
	loff_t pos = off;
	u64 done;
	u32 n;
	kern_return_t kr = buf ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;

	for (done = 0; !kr && done < len; done += n) {
		n = min_t(u64, len - done, ME_CHUNK);
		memset(buf, 0, n);	/* past the end of a file reads as 0 */
		if (kernel_read(file, buf, n, &pos) < 0)
			kr = KERN_MEMORY_ERROR;
		if (!kr)
			kr = mk_vm_access(t, addr + done, buf, n, true);
		if (!kr && fatal_signal_pending(current))
			kr = KERN_ABORTED;
	}
	kfree(buf);
	return kr;
}

/*
 * mach_vm_map's argument checks (XNU's mach_vm_map_external and
 * vm_map_enter_mem_object order): settles the protections, the length
 * and the file offset to map.
 */
static kern_return_t me_map_check(const struct me_map_request *rq,
				  const struct mk_mem_entry *e, s32 *curp, s32 *maxp,
				  u64 *lenp, u64 *offp)
{
	s32 cur = rq->cur_protection, max = rq->max_protection;
	const s32 prot_ok = VM_PROT_ALL | VM_PROT_UEXEC | VM_PROT_IS_MASK;
	u64 len, off = 0;

	if ((u32)rq->flags & ~VM_FLAGS_USER_MAP)
		return KERN_INVALID_ARGUMENT;
	if ((cur & ~prot_ok) || (max & ~prot_ok))
		return KERN_INVALID_ARGUMENT;
	/* XNU rewrites a cur beyond max for vm_map (error compat) */
	cur &= max | ~VM_PROT_ALL;
	if ((u32)rq->inheritance > VM_INHERIT_LAST_VALID)
		return KERN_INVALID_ARGUMENT;
	if ((rq->flags & VM_FLAGS_ANYWHERE) && (rq->flags & VM_FLAGS_OVERWRITE))
		return KERN_INVALID_ARGUMENT;
	if (!rq->size || rq->size > TASK_SIZE_MAX ||
	    PAGE_ALIGN(rq->size) < rq->size)
		return KERN_INVALID_ARGUMENT;
	len = PAGE_ALIGN(rq->size);
	if (e) {
		if (max & VM_PROT_IS_MASK)
			max &= e->protection;
		if (cur & VM_PROT_IS_MASK)
			cur &= e->protection;
		max &= VM_PROT_ALL;
		cur &= VM_PROT_ALL;
		/* asking more than the entry allows */
		if ((e->protection & max) != max ||
		    (e->protection & cur) != cur)
			return KERN_INVALID_RIGHT;
		if (rq->offset > e->size || rq->size > e->size - rq->offset)
			return KERN_INVALID_ARGUMENT;
		off = e->offset + (rq->offset & PAGE_MASK);
		if (PAGE_ALIGN(off + len) > e->offset + e->size)
			len = e->offset + e->size - off;
	}
	*curp = cur & VM_PROT_ALL;
	*maxp = max;
	*lenp = len;
	*offp = off;
	return KERN_SUCCESS;
}

/*
 * What backs the new pages: anonymous memory for a copy (or no entry),
 * else the entry's file, reopened read-only when @max forbids writing.
 * A reopened file is returned in *@rop for the caller to fput.
 */
static kern_return_t me_map_source(const struct me_map_request *rq,
				   struct mk_mem_entry *e, s32 max, u64 off,
				   struct mk_vm_remote_op *op, struct file **rop)
{
	struct file *ro;

	if (!e || rq->copy) {
		/* a copy is written in below with FOLL_FORCE, as ptrace does */
		op->flags = MAP_PRIVATE | MAP_ANONYMOUS;
		return KERN_SUCCESS;
	}
	op->flags = MAP_SHARED;
	op->file = e->file;
	op->pgoff = off >> PAGE_SHIFT;
	if (!(max & VM_PROT_WRITE) && (e->file->f_mode & FMODE_WRITE)) {
		/* never writable: a read-only open clears VM_MAYWRITE */
		ro = dentry_open(&e->file->f_path, O_RDONLY | O_LARGEFILE,
				 e->file->f_cred);
		if (IS_ERR(ro))
			return KERN_RESOURCE_SHORTAGE;
		op->file = ro;
		*rop = ro;
	}
	return KERN_SUCCESS;
}

/* Where the map goes: a fixed address, or an alignment from the mask. */
static kern_return_t me_map_place(struct mk_vm_target *t,
				  const struct me_map_request *rq, u64 len,
				  struct mk_vm_remote_op *op)
{
	u64 mask = rq->mask | (PAGE_SIZE - 1);
	u64 as;

	if (!(rq->flags & VM_FLAGS_ANYWHERE)) {
		op->addr = rq->address & PAGE_MASK;
		if (!mk_vm_range_ok(op->addr, len) || op->addr < 65536)
			return KERN_INVALID_ADDRESS;
		op->flags |= (rq->flags & VM_FLAGS_OVERWRITE) ? MAP_FIXED :
			MAP_FIXED_NOREPLACE;
	} else if (mask != PAGE_SIZE - 1) {
		/* the least power of two that clears every bit of @mask */
		if (fls64(mask) >= 47)
			return KERN_NO_SPACE;
		op->align = 1UL << fls64(mask);
		if (op->align + len > TASK_SIZE_MAX)
			return KERN_NO_SPACE;
	}
	as = task_rlimit(t->tsk, RLIMIT_AS);
	if (as != RLIM_INFINITY &&
	    ((u64)READ_ONCE(t->mm->total_vm) << PAGE_SHIFT) + len > as)
		return KERN_NO_SPACE;
	return KERN_SUCCESS;
}

/*
 * Map in the target, then copy the entry's bytes in for a copy; a
 * failed copy unmaps again.  Returns the address in *@addrp.
 */
static kern_return_t me_map_do(struct mk_vm_target *t, const struct me_map_request *rq,
			       struct mk_mem_entry *e, u64 off,
			       struct mk_vm_remote_op *op, u64 *addrp)
{
	unsigned long res = mk_vm_remote_op(op);
	kern_return_t kr;

	if (IS_ERR_VALUE(res))
		return res == -EEXIST || res == -ENOMEM ? KERN_NO_SPACE :
			res == -EACCES || res == -EPERM ?
			KERN_PROTECTION_FAILURE : KERN_INVALID_ADDRESS;
	kr = KERN_SUCCESS;
	if (e && rq->copy)
		kr = me_copy_in(t, e->file, off, res, op->len);
	if (kr) {
		op->unmap = true;
		op->addr = res;
		op->align = 0;
		mk_vm_remote_op(op);
	} else {
		*addrp = res;
	}
	return kr;
}

/*
 * mach_vm_map (and vm_map, vm_map_64): XNU's mach_vm_map_external and
 * vm_map_enter_mem_object checks, then a map in the target by
 * vm_access.c's worker.  Returns the address in *@addrp.
 */
static kern_return_t me_map(struct mk_vm_target *t, struct me_map_request *rq,
			    struct mk_mem_entry *e, u64 *addrp)
{
	struct mk_vm_remote_op op = { .mm = t->mm };
	struct file *ro = NULL;
	u64 len, off;
	s32 cur, max;
	kern_return_t kr;

	kr = me_map_check(rq, e, &cur, &max, &len, &off);
	if (kr)
		return kr;
	op.len = len;
	op.prot = me_prot(cur);
	kr = me_map_source(rq, e, max, off, &op, &ro);
	if (kr)
		return kr;
	kr = me_map_place(t, rq, len, &op);
	if (!kr)
		kr = me_map_do(t, rq, e, off, &op, addrp);
	if (ro)
		fput(ro);
	return kr;
}

static kern_return_t me_map_serve(struct mk_vm_target *t, struct mk_kmsg *req,
				  struct mk_kmsg **replyp)
{
	struct me_map_request *rq = (void *)req->data;
	struct me_map_reply *rp;
	struct mk_mem_entry *e;
	u64 addr = 0;
	bool other;
	kern_return_t kr;

	e = me_from_desc(req, &other);
	kr = other ? KERN_INVALID_OBJECT : me_map(t, rq, e, &addr);
	me_put(e);
	if (kr)
		return kr;
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;	/* the mapping stays */
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->address = addr;
	return KERN_SUCCESS;
}

/*
 * Serve a memory-entry routine sent to a task control port.  Context:
 * mk_lock not held (vm.c dropped it); taken here to look the request's
 * port up and to make the reply's.
 */
kern_return_t mk_mem_entry_serve(struct mk_vm_target *t, struct mk_kmsg *req,
				 struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;
	u32 want = me_is_map(id) ? sizeof(struct me_map_request) :
		sizeof(struct me_make_request);

	lockdep_assert_not_held(&mk_lock);
	if (req->size != want || req->ndesc != 1 ||
	    req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	return me_is_map(id) ? me_map_serve(t, req, replyp) :
		me_make_serve(t, req, replyp);
}

/*
 * The entry's last send right went: the port dies and the entry loses
 * the port's reference (mappings keep their own file references).
 * Context: mk_lock held, from mk_port_release_send().
 */
void mk_mem_entry_no_senders(struct mk_port *port)
{
	struct mk_mem_entry *e = port->kobject;

	lockdep_assert_held(&mk_lock);
	port->kobject = NULL;
	mk_port_destroy(port);
	mk_port_put(port);		/* the allocation reference */
	me_put(e);
}
