// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * vm_allocate / vm_deallocate and their mach_vm_ forms, for the caller's
 * own task: anonymous mmap and munmap.  Foreign tasks need the kernel's
 * VM MIG routines, which do not exist yet.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_vm.h>
#include "libmach.h"
#include "calls.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000	/* Linux 4.17; older kernels treat it as a hint */
#endif

vm_size_t libmach_page_size(void)
{
	if (vm_page_size)
		return vm_page_size;
	return (vm_size_t)sysconf(_SC_PAGESIZE);
}

kern_return_t libmach_pages_alloc(vm_address_t *addr, vm_size_t size)
{
	vm_size_t mask = libmach_page_size() - 1;
	void *p;

	if (size == 0 || size + mask < size)
		return KERN_INVALID_ARGUMENT;
	p = mmap(NULL, (size + mask) & ~mask, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return KERN_RESOURCE_SHORTAGE;
	*addr = (vm_address_t)p;
	return KERN_SUCCESS;
}

void libmach_pages_free(vm_address_t addr, vm_size_t size)
{
	vm_size_t mask = libmach_page_size() - 1;

	if (size)
		munmap((void *)(addr & ~mask), ((addr & mask) + size + mask) & ~mask);
}

/* The trap path on XNU: a bad name is a bad destination; another task's
 * map is not reachable from here yet. */
static kern_return_t self_only(vm_map_t task)
{
	if (!MACH_PORT_VALID(task))
		return MACH_SEND_INVALID_DEST;
	if (task != mach_task_self_)
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

static kern_return_t map_errno(int err)
{
	switch (err) {
	case EEXIST:		/* FIXED range already in use */
	case ENOMEM:		/* no room, or past the end of the address space */
		return KERN_NO_SPACE;
	case EPERM:		/* below mmap_min_addr */
	case EINVAL:
		return KERN_INVALID_ADDRESS;
	default:
		return KERN_FAILURE;
	}
}

static kern_return_t allocate(mach_vm_address_t *address, mach_vm_size_t size,
			      int flags)
{
	mach_vm_size_t mask = libmach_page_size() - 1;
	mach_vm_address_t start;
	int mflags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

	if ((unsigned int)flags & ~(unsigned int)VM_FLAGS_USER_ALLOCATE)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*address = 0;		/* as XNU: nothing mapped, success */
		return KERN_SUCCESS;
	}
	if (size + mask < size)
		return KERN_INVALID_ARGUMENT;
	size = (size + mask) & ~mask;

	if (flags & VM_FLAGS_ANYWHERE) {
		if (flags & VM_FLAGS_OVERWRITE)
			return KERN_INVALID_ARGUMENT;
		start = 0;		/* XNU ignores the address as a hint too */
	} else {
		start = *address & ~mask;
		if (start + size < start)
			return KERN_INVALID_ADDRESS;
		mflags |= (flags & VM_FLAGS_OVERWRITE) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	}

	p = mmap((void *)(uintptr_t)start, size, PROT_READ | PROT_WRITE, mflags, -1, 0);
	if (p == MAP_FAILED)
		return map_errno(errno);
	if (!(flags & VM_FLAGS_ANYWHERE) && (mach_vm_address_t)(uintptr_t)p != start) {
		munmap(p, size);	/* a pre-4.17 kernel took NOREPLACE as a hint */
		return KERN_NO_SPACE;
	}
	*address = (mach_vm_address_t)(uintptr_t)p;
	return KERN_SUCCESS;
}

static kern_return_t deallocate(mach_vm_address_t address, mach_vm_size_t size)
{
	mach_vm_size_t mask = libmach_page_size() - 1;
	mach_vm_address_t start = address & ~mask, end;

	if (size == 0)
		return KERN_SUCCESS;
	end = address + size;
	if (end < address || end + mask < end)
		return KERN_INVALID_ARGUMENT;
	end = (end + mask) & ~mask;
	/* Unmapped holes are fine, as on XNU; munmap only rejects bad ranges. */
	if (munmap((void *)(uintptr_t)start, end - start) < 0)
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t mach_vm_allocate(vm_map_t target, mach_vm_address_t *address,
					   mach_vm_size_t size, int flags)
{
	kern_return_t kr = self_only(target);

	return kr ? kr : allocate(address, size, flags);
}

LIBMACH_API kern_return_t mach_vm_deallocate(vm_map_t target, mach_vm_address_t address,
					     mach_vm_size_t size)
{
	kern_return_t kr = self_only(target);

	return kr ? kr : deallocate(address, size);
}

LIBMACH_API kern_return_t vm_allocate(vm_map_t target_task, vm_address_t *address,
				      vm_size_t size, int flags)
{
	mach_vm_address_t addr = *address;
	kern_return_t kr = mach_vm_allocate(target_task, &addr, size, flags);

	if (kr == KERN_SUCCESS)
		*address = (vm_address_t)addr;
	return kr;
}

LIBMACH_API kern_return_t vm_deallocate(vm_map_t target_task, vm_address_t address,
					vm_size_t size)
{
	return mach_vm_deallocate(target_task, address, size);
}
