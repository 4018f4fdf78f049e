// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory shared between tasks: mach_make_memory_entry_64 (vm_map.defs
 * 3825), mach_make_memory_entry (3816), _mach_make_memory_entry
 * (mach_vm.defs 4817), mach_vm_map (4811), vm_map (3812) and vm_map_64
 * (3826), MIG requests to the task port served by the module
 * (module/memory_entry.c, Documentation/memory.rst).  The messages are
 * built and checked by the stubs tools/mig generates from
 * libmach/defs/mach/mach_vm.defs and vm_map.defs (gen/libmach_mach_vmUser.c,
 * gen/libmach_vm_mapUser.c); on LP64 the vm_map.defs forms have the
 * mach_vm.defs layouts.
 */
#include <mach/mach.h>
#include <mach/mach_vm.h>
#include <mach/vm_map.h>
#include "libmach.h"
#include "libmach_mach_vm.h"
#include "libmach_vm_map.h"

/*
 * The size is 0 after a failure, as libmach always answered: the stubs
 * leave it as the caller passed it.
 */
LIBMACH_API kern_return_t mach_make_memory_entry_64(vm_map_t target_task,
						    memory_object_size_t *size,
						    memory_object_offset_t offset,
						    vm_prot_t permission,
						    mach_port_t *object_handle,
						    mem_entry_name_port_t parent_entry)
{
	kern_return_t kr;

	kr = libmach_mig_mach_make_memory_entry_64(target_task, size, offset,
						   permission, object_handle,
						   parent_entry);
	if (kr)
		*size = 0;
	return kr;
}

LIBMACH_API kern_return_t _mach_make_memory_entry(vm_map_t target_task,
						  memory_object_size_t *size,
						  memory_object_offset_t offset,
						  vm_prot_t permission,
						  mem_entry_name_port_t *object_handle,
						  mem_entry_name_port_t parent_handle)
{
	kern_return_t kr;

	kr = libmach_mig__mach_make_memory_entry(target_task, size, offset,
						 permission, object_handle,
						 parent_handle);
	if (kr)
		*size = 0;
	return kr;
}

LIBMACH_API kern_return_t mach_make_memory_entry(vm_map_t target_task,
						 vm_size_t *size,
						 vm_offset_t offset,
						 vm_prot_t permission,
						 mem_entry_name_port_t *object_handle,
						 mem_entry_name_port_t parent_entry)
{
	kern_return_t kr;

	kr = libmach_mig_mach_make_memory_entry(target_task, size, offset,
						permission, object_handle,
						parent_entry);
	if (kr)
		*size = 0;
	return kr;
}

LIBMACH_API kern_return_t mach_vm_map(vm_map_t target_task,
				      mach_vm_address_t *address,
				      mach_vm_size_t size, mach_vm_offset_t mask,
				      int flags, mem_entry_name_port_t object,
				      memory_object_offset_t offset,
				      boolean_t copy, vm_prot_t cur_protection,
				      vm_prot_t max_protection,
				      vm_inherit_t inheritance)
{
	return libmach_mig_mach_vm_map(target_task, address, size, mask, flags,
				       object, offset, copy, cur_protection,
				       max_protection, inheritance);
}

LIBMACH_API kern_return_t vm_map(vm_map_t target_task, vm_address_t *address,
				 vm_size_t size, vm_address_t mask, int flags,
				 mem_entry_name_port_t object, vm_offset_t offset,
				 boolean_t copy, vm_prot_t cur_protection,
				 vm_prot_t max_protection, vm_inherit_t inheritance)
{
	return libmach_mig_vm_map(target_task, address, size, mask, flags,
				  object, offset, copy, cur_protection,
				  max_protection, inheritance);
}

LIBMACH_API kern_return_t vm_map_64(vm_map_t target_task, vm_address_t *address,
				    vm_size_t size, vm_address_t mask, int flags,
				    mem_entry_name_port_t object,
				    memory_object_offset_t offset, boolean_t copy,
				    vm_prot_t cur_protection,
				    vm_prot_t max_protection,
				    vm_inherit_t inheritance)
{
	return libmach_mig_vm_map_64(target_task, address, size, mask, flags,
				     object, offset, copy, cur_protection,
				     max_protection, inheritance);
}
