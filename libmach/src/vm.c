// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The vm_* and mach_vm_* calls.  Allocation, deallocation and the
 * attribute calls on the caller's own task are mmap, munmap, mprotect and
 * madvise here; every call on another task, and the reads, writes and
 * region queries on any task, are MIG requests (subsystem 4800) to the
 * task port, served by the module (module/vm.c, Documentation/memory.rst).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_vm.h>
#include "libmach.h"
#include "calls.h"
#include <string.h>
#include <mach/vm_map.h>
#include "libmach_mach_vm.h"

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

static int is_self(vm_map_t task)
{
	return task == mach_task_self_;
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
	/* a record of memory unmapped behind our back (munmap) is stale */
	libmach_purgeable_forget((uintptr_t)p, (uintptr_t)p + size);
	if ((flags & VM_FLAGS_PURGABLE) &&
	    libmach_purgeable_add((uintptr_t)p, (uintptr_t)p + size)) {
		munmap(p, size);
		return KERN_RESOURCE_SHORTAGE;
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
	libmach_purgeable_forget(start, end);
	return KERN_SUCCESS;
}

/*
 * ---- MIG clients (mach_vm.defs, subsystem 4800) ----
 * Calls on another task go through the stubs tools/mig generates from
 * libmach/defs/mach/mach_vm.defs (gen/libmach_mach_vm.h, prefixed
 * libmach_mig_).
 */

LIBMACH_API kern_return_t mach_vm_allocate(vm_map_t target, mach_vm_address_t *address,
					   mach_vm_size_t size, int flags)
{
	if (!MACH_PORT_VALID(target))
		return MACH_SEND_INVALID_DEST;
	if (is_self(target))
		return allocate(address, size, flags);
	return libmach_mig_mach_vm_allocate(target, address, size, flags);
}

LIBMACH_API kern_return_t mach_vm_deallocate(vm_map_t target, mach_vm_address_t address,
					     mach_vm_size_t size)
{
	if (!MACH_PORT_VALID(target))
		return MACH_SEND_INVALID_DEST;
	if (is_self(target))
		return deallocate(address, size);
	return libmach_mig_mach_vm_deallocate(target, address, size);
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

/* The page-rounded range [address, address + size), or an error. */
static kern_return_t page_range(mach_vm_address_t address, mach_vm_size_t size,
				mach_vm_address_t *start, mach_vm_size_t *len)
{
	mach_vm_size_t mask = libmach_page_size() - 1;
	mach_vm_address_t end = address + size;

	if (end < address || end + mask < end)
		return KERN_INVALID_ARGUMENT;
	*start = address & ~mask;
	*len = ((end + mask) & ~mask) - *start;
	return KERN_SUCCESS;
}

static kern_return_t prot_errno(int err)
{
	switch (err) {
	case ENOMEM:		/* part of the range is not mapped */
		return KERN_INVALID_ADDRESS;
	case EACCES:		/* beyond what the mapping allows */
		return KERN_PROTECTION_FAILURE;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

LIBMACH_API kern_return_t mach_vm_protect(vm_map_t target_task, mach_vm_address_t address,
					  mach_vm_size_t size, boolean_t set_maximum,
					  vm_prot_t new_protection)
{
	mach_vm_address_t start;
	mach_vm_size_t len;
	int prot = 0;
	kern_return_t kr;

	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (!is_self(target_task))
		return libmach_mig_mach_vm_protect(target_task, address, size,
						   set_maximum, new_protection);
	if (new_protection & ~(VM_PROT_ALL | VM_PROT_COPY))
		return KERN_INVALID_ARGUMENT;
	/* Linux's maximum (VM_MAY*) is fixed at mmap time */
	if (set_maximum)
		return KERN_NOT_SUPPORTED;
	kr = page_range(address, size, &start, &len);
	if (kr || !len)
		return kr;
	if (new_protection & VM_PROT_READ)
		prot |= PROT_READ;
	if (new_protection & VM_PROT_WRITE)
		prot |= PROT_WRITE;
	if (new_protection & VM_PROT_EXECUTE)
		prot |= PROT_EXEC;
	/* VM_PROT_COPY: a private mapping is copy-on-write already */
	if (mprotect((void *)(uintptr_t)start, len, prot) < 0)
		return prot_errno(errno);
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t vm_protect(vm_map_t target_task, vm_address_t address,
				     vm_size_t size, boolean_t set_maximum,
				     vm_prot_t new_protection)
{
	return mach_vm_protect(target_task, address, size, set_maximum,
			       new_protection);
}

LIBMACH_API kern_return_t mach_vm_inherit(vm_map_t target_task, mach_vm_address_t address,
					  mach_vm_size_t size, vm_inherit_t new_inheritance)
{
	mach_vm_address_t start;
	mach_vm_size_t len;
	kern_return_t kr;
	int advice;

	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (!is_self(target_task))
		return libmach_mig_mach_vm_inherit(target_task, address, size,
						   new_inheritance);
	switch (new_inheritance) {
	case VM_INHERIT_NONE:
		advice = MADV_DONTFORK;
		break;
	case VM_INHERIT_COPY:
		advice = MADV_DOFORK;
		break;
	default:	/* SHARE of a private mapping: Linux has no such change */
		return KERN_NOT_SUPPORTED;
	}
	kr = page_range(address, size, &start, &len);
	if (kr || !len)
		return kr;
	if (madvise((void *)(uintptr_t)start, len, advice) < 0)
		return prot_errno(errno);
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t vm_inherit(vm_map_t target_task, vm_address_t address,
				     vm_size_t size, vm_inherit_t new_inheritance)
{
	return mach_vm_inherit(target_task, address, size, new_inheritance);
}

LIBMACH_API kern_return_t mach_vm_behavior_set(vm_map_t target_task,
					       mach_vm_address_t address,
					       mach_vm_size_t size,
					       vm_behavior_t new_behavior)
{
	mach_vm_address_t start;
	mach_vm_size_t len;
	kern_return_t kr;
	int advice;

	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (!is_self(target_task))
		return libmach_mig_mach_vm_behavior_set(target_task, address,
							size, new_behavior);
	switch (new_behavior) {
	case VM_BEHAVIOR_DEFAULT:
		advice = MADV_NORMAL;
		break;
	case VM_BEHAVIOR_RANDOM:
		advice = MADV_RANDOM;
		break;
	case VM_BEHAVIOR_SEQUENTIAL:
	case VM_BEHAVIOR_RSEQNTL:
		advice = MADV_SEQUENTIAL;
		break;
	case VM_BEHAVIOR_WILLNEED:
		advice = MADV_WILLNEED;
		break;
	case VM_BEHAVIOR_DONTNEED:
		advice = MADV_DONTNEED;
		break;
	case VM_BEHAVIOR_FREE:
	case VM_BEHAVIOR_REUSABLE:
		advice = MADV_FREE;
		break;
	case VM_BEHAVIOR_REUSE:
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	kr = page_range(address, size, &start, &len);
	if (kr || !len)
		return kr;
	if (madvise((void *)(uintptr_t)start, len, advice) < 0)
		return prot_errno(errno);
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t vm_behavior_set(vm_map_t target_task, vm_address_t address,
					  vm_size_t size, vm_behavior_t new_behavior)
{
	return mach_vm_behavior_set(target_task, address, size, new_behavior);
}

LIBMACH_API kern_return_t mach_vm_read(vm_map_read_t target_task, mach_vm_address_t address,
				       mach_vm_size_t size, vm_offset_t *data,
				       mach_msg_type_number_t *dataCnt)
{
	return libmach_mig_mach_vm_read(target_task, address, size, data, dataCnt);
}

LIBMACH_API kern_return_t vm_read(vm_map_read_t target_task, vm_address_t address,
				  vm_size_t size, vm_offset_t *data,
				  mach_msg_type_number_t *dataCnt)
{
	return mach_vm_read(target_task, address, size, data, dataCnt);
}

LIBMACH_API kern_return_t mach_vm_read_overwrite(vm_map_read_t target_task,
						 mach_vm_address_t address,
						 mach_vm_size_t size,
						 mach_vm_address_t data,
						 mach_vm_size_t *outsize)
{
	return libmach_mig_mach_vm_read_overwrite(target_task, address, size, data,
						  outsize);
}

LIBMACH_API kern_return_t vm_read_overwrite(vm_map_read_t target_task,
					    vm_address_t address, vm_size_t size,
					    vm_address_t data, vm_size_t *outsize)
{
	mach_vm_size_t n = 0;
	kern_return_t kr = mach_vm_read_overwrite(target_task, address, size,
						  data, &n);

	if (!kr)
		*outsize = n;
	return kr;
}

LIBMACH_API kern_return_t mach_vm_read_list(vm_map_read_t target_task,
					    mach_vm_read_entry_t data_list,
					    natural_t count)
{
	if (count > VM_MAP_ENTRY_MAX)
		return KERN_INVALID_ARGUMENT;
	return libmach_mig_mach_vm_read_list(target_task, data_list, count);
}

LIBMACH_API kern_return_t vm_read_list(vm_map_read_t target_task,
				       vm_read_entry_t data_list, natural_t count)
{
	mach_vm_read_entry_t list;
	natural_t i;
	kern_return_t kr;

	if (count > VM_MAP_ENTRY_MAX)
		return KERN_INVALID_ARGUMENT;
	memset(list, 0, sizeof(list));
	for (i = 0; i < count; i++) {
		list[i].address = data_list[i].address;
		list[i].size = data_list[i].size;
	}
	kr = mach_vm_read_list(target_task, list, count);
	if (!kr)
		for (i = 0; i < count; i++)
			data_list[i].address = list[i].address;
	return kr;
}

LIBMACH_API kern_return_t mach_vm_write(vm_map_t target_task, mach_vm_address_t address,
					vm_offset_t data, mach_msg_type_number_t dataCnt)
{
	return libmach_mig_mach_vm_write(target_task, address, data, dataCnt);
}

LIBMACH_API kern_return_t vm_write(vm_map_t target_task, vm_address_t address,
				   vm_offset_t data, mach_msg_type_number_t dataCnt)
{
	return mach_vm_write(target_task, address, data, dataCnt);
}

LIBMACH_API kern_return_t mach_vm_copy(vm_map_t target_task,
				       mach_vm_address_t source_address,
				       mach_vm_size_t size,
				       mach_vm_address_t dest_address)
{
	return libmach_mig_mach_vm_copy(target_task, source_address, size,
					dest_address);
}

LIBMACH_API kern_return_t vm_copy(vm_map_t target_task, vm_address_t source_address,
				  vm_size_t size, vm_address_t dest_address)
{
	return mach_vm_copy(target_task, source_address, size, dest_address);
}

LIBMACH_API kern_return_t mach_vm_msync(vm_map_t target_task, mach_vm_address_t address,
					mach_vm_size_t size, vm_sync_t sync_flags)
{
	mach_vm_address_t start;
	mach_vm_size_t len;
	kern_return_t kr;
	int flags;

	if (!MACH_PORT_VALID(target_task))
		return MACH_SEND_INVALID_DEST;
	if (!is_self(target_task))
		return libmach_mig_mach_vm_msync(target_task, address, size,
						 sync_flags);
	kr = page_range(address, size, &start, &len);
	if (kr || !len)
		return kr;
	flags = (sync_flags & VM_SYNC_ASYNCHRONOUS) ? MS_ASYNC : MS_SYNC;
	if (sync_flags & VM_SYNC_INVALIDATE)
		flags |= MS_INVALIDATE;
	if (msync((void *)(uintptr_t)start, len, flags) < 0)
		return prot_errno(errno);
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t vm_msync(vm_map_t target_task, vm_address_t address,
				   vm_size_t size, vm_sync_t sync_flags)
{
	return mach_vm_msync(target_task, address, size, sync_flags);
}

LIBMACH_API kern_return_t mach_vm_region(vm_map_read_t target_task,
					 mach_vm_address_t *address,
					 mach_vm_size_t *size,
					 vm_region_flavor_t flavor,
					 vm_region_info_t info,
					 mach_msg_type_number_t *infoCnt,
					 mach_port_t *object_name)
{
	mach_port_t name = MACH_PORT_NULL;
	kern_return_t kr;

	/* object_name is optional here, as libmach has always allowed */
	kr = libmach_mig_mach_vm_region(target_task, address, size, flavor, info,
					infoCnt, &name);
	if (!kr && object_name)
		*object_name = name;
	else if (!kr && MACH_PORT_VALID(name))
		mach_port_deallocate(mach_task_self(), name);
	return kr;
}

static kern_return_t region_narrow(vm_map_read_t target_task, vm_address_t *address,
				   vm_size_t *size, vm_region_flavor_t flavor,
				   vm_region_info_t info, mach_msg_type_number_t *infoCnt,
				   mach_port_t *object_name)
{
	mach_vm_address_t a = *address;
	mach_vm_size_t s = 0;
	kern_return_t kr = mach_vm_region(target_task, &a, &s, flavor, info,
					  infoCnt, object_name);

	if (!kr) {
		*address = a;
		*size = s;
	}
	return kr;
}

LIBMACH_API kern_return_t vm_region(vm_map_read_t target_task, vm_address_t *address,
				    vm_size_t *size, vm_region_flavor_t flavor,
				    vm_region_info_t info, mach_msg_type_number_t *infoCnt,
				    mach_port_t *object_name)
{
	return region_narrow(target_task, address, size, flavor, info, infoCnt,
			     object_name);
}

LIBMACH_API kern_return_t vm_region_64(vm_map_read_t target_task, vm_address_t *address,
				       vm_size_t *size, vm_region_flavor_t flavor,
				       vm_region_info_t info, mach_msg_type_number_t *infoCnt,
				       mach_port_t *object_name)
{
	return region_narrow(target_task, address, size, flavor, info, infoCnt,
			     object_name);
}

LIBMACH_API kern_return_t mach_vm_region_recurse(vm_map_read_t target_task,
						 mach_vm_address_t *address,
						 mach_vm_size_t *size,
						 natural_t *nesting_depth,
						 vm_region_recurse_info_t info,
						 mach_msg_type_number_t *infoCnt)
{
	return libmach_mig_mach_vm_region_recurse(target_task, address, size,
						  nesting_depth, info, infoCnt);
}

static kern_return_t recurse_narrow(vm_map_read_t target_task, vm_address_t *address,
				    vm_size_t *size, natural_t *nesting_depth,
				    vm_region_recurse_info_t info,
				    mach_msg_type_number_t *infoCnt)
{
	mach_vm_address_t a = *address;
	mach_vm_size_t s = 0;
	kern_return_t kr = mach_vm_region_recurse(target_task, &a, &s,
						  nesting_depth, info, infoCnt);

	if (!kr) {
		*address = a;
		*size = s;
	}
	return kr;
}

LIBMACH_API kern_return_t vm_region_recurse_64(vm_map_read_t target_task,
					       vm_address_t *address, vm_size_t *size,
					       natural_t *nesting_depth,
					       vm_region_recurse_info_t info,
					       mach_msg_type_number_t *infoCnt)
{
	return recurse_narrow(target_task, address, size, nesting_depth, info,
			      infoCnt);
}

LIBMACH_API kern_return_t mach_vm_remap(vm_map_t target_task,
					mach_vm_address_t *target_address,
					mach_vm_size_t size, mach_vm_offset_t mask,
					int flags, vm_map_t src_task,
					mach_vm_address_t src_address, boolean_t copy,
					vm_prot_t *cur_protection,
					vm_prot_t *max_protection,
					vm_inherit_t inheritance)
{
	return libmach_mig_mach_vm_remap(target_task, target_address, size, mask,
					 flags, src_task, src_address, copy,
					 cur_protection, max_protection, inheritance);
}

LIBMACH_API kern_return_t vm_remap(vm_map_t target_task, vm_address_t *target_address,
				   vm_size_t size, vm_address_t mask, int flags,
				   vm_map_t src_task, vm_address_t src_address,
				   boolean_t copy, vm_prot_t *cur_protection,
				   vm_prot_t *max_protection, vm_inherit_t inheritance)
{
	mach_vm_address_t a = *target_address;
	kern_return_t kr = mach_vm_remap(target_task, &a, size, mask, flags,
					 src_task, src_address, copy,
					 cur_protection, max_protection,
					 inheritance);

	if (!kr)
		*target_address = a;
	return kr;
}
