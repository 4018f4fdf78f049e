// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Purgeable memory (vm_purgable_control) on the caller's own task.
 *
 * XNU keeps a purgeable state on the VM object that vm_allocate made with
 * VM_FLAGS_PURGABLE: NONVOLATILE, VOLATILE (the kernel may empty it under
 * pressure) or EMPTY (emptied; zero-filled when touched again), and
 * vm_purgable_control sets or reads it (vm_map_purgable_control,
 * vm_object_purgable_control).  Linux has no such object: its anonymous
 * memory is allocated here in libmach (vm.c), so the states live here too,
 * one record per purgeable allocation, inherited over fork with the
 * memory.  EMPTY drops the pages (MADV_DONTNEED: they read back as zeros,
 * and the footprint falls, as on XNU).  VOLATILE is recorded and never
 * emptied behind the program's back: Linux can reclaim lazily freed pages
 * one by one, and a region half emptied is a state XNU never shows.  On
 * another task's memory the call goes to the kernel, which does not serve
 * it (MIG_BAD_ID).  Documentation/memory.rst.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"
#include "libmach_mach_vm.h"
#include "libmach_vm_map.h"

struct purgeable {
	mach_vm_address_t start, end;
	int state;			/* VM_PURGABLE_NONVOLATILE .. EMPTY */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct purgeable *regions;
static size_t nregions, capacity;

/* Another thread may have held the lock at fork: the child's copy is ours. */
static void purgeable_fork_child(void)
{
	pthread_mutex_init(&lock, NULL);
}

__attribute__((constructor))
static void purgeable_init(void)
{
	pthread_atfork(NULL, NULL, purgeable_fork_child);
}

/* Allocations wholly inside [start, end) are gone.  Context: lock held. */
static void forget_locked(mach_vm_address_t start, mach_vm_address_t end)
{
	size_t i = 0;

	while (i < nregions) {
		if (regions[i].start >= start && regions[i].end <= end)
			regions[i] = regions[--nregions];
		else
			i++;
	}
}

/*
 * vm.c: [start, end) was just mapped by vm_allocate with VM_FLAGS_PURGABLE
 * (0 on success); out of memory for the record, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t libmach_purgeable_add(mach_vm_address_t start, mach_vm_address_t end)
{
	kern_return_t kr = KERN_SUCCESS;

	pthread_mutex_lock(&lock);
	forget_locked(start, end);	/* an OVERWRITE replaced them */
	if (nregions == capacity) {
		size_t cap = capacity ? capacity * 2 : 16;
		struct purgeable *r = realloc(regions, cap * sizeof(*r));

		if (!r) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto out;
		}
		regions = r;
		capacity = cap;
	}
	regions[nregions++] = (struct purgeable){ start, end, VM_PURGABLE_NONVOLATILE };
out:
	pthread_mutex_unlock(&lock);
	return kr;
}

/* vm.c: [start, end) was unmapped (vm_deallocate, or replaced). */
void libmach_purgeable_forget(mach_vm_address_t start, mach_vm_address_t end)
{
	pthread_mutex_lock(&lock);
	forget_locked(start, end);
	pthread_mutex_unlock(&lock);
}

/* The record holding @addr.  Context: lock held. */
static struct purgeable *find_locked(mach_vm_address_t addr)
{
	size_t i;

	for (i = 0; i < nregions; i++)
		if (addr >= regions[i].start && addr < regions[i].end)
			return &regions[i];
	return NULL;
}

/*
 * Empty @p: its pages go, and read back as zeros.  A kernel built without
 * madvise (CONFIG_ADVISE_SYSCALLS=n) gets a fresh mapping over them.
 */
static bool drop_pages(const struct purgeable *p)
{
	void *at = (void *)(uintptr_t)p->start;
	size_t len = p->end - p->start;

	if (!madvise(at, len, MADV_DONTNEED))
		return true;
	return mmap(at, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == at;
}

/* vm_object_purgable_control's SET_STATE, on our record of the object */
static kern_return_t set_state(struct purgeable *p, int *state)
{
	int old = p->state, want = *state & VM_PURGABLE_STATE_MASK;

	switch (want) {
	case VM_PURGABLE_DENY:
		return KERN_INVALID_ARGUMENT;
	case VM_PURGABLE_VOLATILE:
		/* an emptied object stays empty until made nonvolatile */
		p->state = old == VM_PURGABLE_EMPTY ? VM_PURGABLE_EMPTY : want;
		break;
	case VM_PURGABLE_EMPTY:
		if (!drop_pages(p))
			return KERN_RESOURCE_SHORTAGE;
		p->state = want;
		break;
	default:
		p->state = want;
		break;
	}
	*state = old;
	return KERN_SUCCESS;
}

/* mach_vm_purgable_control and vm_map_purgable_control, on our own memory */
static kern_return_t purgable_control_self(mach_vm_address_t address,
					   vm_purgable_t control, int *state)
{
	mach_vm_address_t page = address & ~(mach_vm_address_t)(libmach_page_size() - 1);
	unsigned char resident;
	struct purgeable *p;
	kern_return_t kr = KERN_SUCCESS;

	if (control == VM_PURGABLE_SET_STATE_FROM_KERNEL)
		return KERN_INVALID_ARGUMENT;	/* not from user space */
	if (control != VM_PURGABLE_SET_STATE && control != VM_PURGABLE_GET_STATE &&
	    control != VM_PURGABLE_PURGE_ALL)
		return KERN_INVALID_ARGUMENT;
	if (control == VM_PURGABLE_PURGE_ALL)
		return KERN_SUCCESS;	/* volatile memory is never emptied here */
	if (control == VM_PURGABLE_SET_STATE &&
	    ((unsigned int)*state & ~(unsigned int)VM_PURGABLE_ALL_MASKS))
		return KERN_INVALID_ARGUMENT;
	/* no mapping there: KERN_INVALID_ADDRESS, as vm_map_lookup_entry */
	if (mincore((void *)(uintptr_t)page, libmach_page_size(), &resident) &&
	    errno == ENOMEM)
		return KERN_INVALID_ADDRESS;
	pthread_mutex_lock(&lock);
	p = find_locked(page);
	if (!p)
		kr = KERN_INVALID_ARGUMENT;	/* mapped, not purgeable */
	else if (control == VM_PURGABLE_SET_STATE)
		kr = set_state(p, state);
	else
		*state = p->state;	/* GET_STATE */
	pthread_mutex_unlock(&lock);
	return kr;
}

LIBMACH_API kern_return_t mach_vm_purgable_control(vm_map_t target_task,
						   mach_vm_address_t address,
						   vm_purgable_t control, int *state)
{
	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (target_task == mach_task_self_)
		return purgable_control_self(address, control, state);
	return libmach_mig_mach_vm_purgable_control(target_task, address, control, state);
}

LIBMACH_API kern_return_t vm_purgable_control(vm_map_t target_task, vm_address_t address,
					      vm_purgable_t control, int *state)
{
	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (target_task == mach_task_self_)
		return purgable_control_self(address, control, state);
	return libmach_mig_vm_purgable_control(target_task, address, control, state);
}
