// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory shared between tasks: mach_make_memory_entry_64 (vm_map.defs
 * 3825), mach_make_memory_entry (3816), _mach_make_memory_entry
 * (mach_vm.defs 4817), mach_vm_map (4811), vm_map (3812) and vm_map_64
 * (3826), MIG requests to the task port served by the module
 * (module/memory_entry.c, Documentation/memory.rst).  On LP64 the
 * vm_map.defs forms have the mach_vm.defs layouts.
 */
#include <stddef.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_vm.h>
#include <mach/vm_map.h>
#include "libmach.h"
#include "calls.h"

#define ME_ID_MACH_VM_MAP	4811
#define ME_ID_MACH_MAKE_ENTRY	4817
#define ME_ID_VM_MAP		3812
#define ME_ID_MAKE_ENTRY	3816
#define ME_ID_MAKE_ENTRY_64	3825
#define ME_ID_VM_MAP_64		3826

/* A reply that is only a return code, or something else. */
static kern_return_t me_retcode(mach_msg_header_t *h)
{
	mig_reply_error_t *e = (mig_reply_error_t *)h;

	if ((h->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    h->msgh_size != sizeof(*e)) {
		mach_msg_destroy(h);
		return MIG_TYPE_ERROR;
	}
	return e->RetCode ? e->RetCode : MIG_TYPE_ERROR;
}

static kern_return_t make_entry(mach_msg_id_t id, vm_map_t target_task,
				uint64_t *size, uint64_t offset,
				vm_prot_t permission, mach_port_t *handle,
				mach_port_t parent)
{
#pragma pack(push, 4)
	struct req {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t parent;
		NDR_record_t ndr;
		uint64_t size;
		uint64_t offset;
		vm_prot_t permission;
	};
	struct rep {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t handle;
		NDR_record_t ndr;
		uint64_t size;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		struct req rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	b.rq.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	b.rq.body.msgh_descriptor_count = 1;
	b.rq.parent.name = parent;
	b.rq.parent.disposition = MACH_MSG_TYPE_COPY_SEND;
	b.rq.parent.type = MACH_MSG_PORT_DESCRIPTOR;
	b.rq.ndr = NDR_record;
	b.rq.size = *size;
	b.rq.offset = offset;
	b.rq.permission = permission;
	kr = libmach_mig_rpc(&b.rq.head, sizeof(b), target_task,
			     MACH_MSG_TYPE_COPY_SEND, id, sizeof(b.rq));
	if (kr)
		return kr;
	if (!(b.rp.head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return me_retcode(&b.rp.head);
	if (b.rp.head.msgh_size != offsetof(struct rep, trailer) ||
	    b.rp.body.msgh_descriptor_count != 1 ||
	    b.rp.handle.type != MACH_MSG_PORT_DESCRIPTOR) {
		mach_msg_destroy(&b.rp.head);
		return MIG_TYPE_ERROR;
	}
	*handle = b.rp.handle.name;
	*size = b.rp.size;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t mach_make_memory_entry_64(vm_map_t target_task,
						    memory_object_size_t *size,
						    memory_object_offset_t offset,
						    vm_prot_t permission,
						    mach_port_t *object_handle,
						    mem_entry_name_port_t parent_entry)
{
	uint64_t s = *size;
	kern_return_t kr = make_entry(ME_ID_MAKE_ENTRY_64, target_task, &s,
				      offset, permission, object_handle,
				      parent_entry);

	*size = kr ? 0 : s;
	return kr;
}

LIBMACH_API kern_return_t _mach_make_memory_entry(vm_map_t target_task,
						  memory_object_size_t *size,
						  memory_object_offset_t offset,
						  vm_prot_t permission,
						  mem_entry_name_port_t *object_handle,
						  mem_entry_name_port_t parent_handle)
{
	uint64_t s = *size;
	kern_return_t kr = make_entry(ME_ID_MACH_MAKE_ENTRY, target_task, &s,
				      offset, permission, object_handle,
				      parent_handle);

	*size = kr ? 0 : s;
	return kr;
}

LIBMACH_API kern_return_t mach_make_memory_entry(vm_map_t target_task,
						 vm_size_t *size,
						 vm_offset_t offset,
						 vm_prot_t permission,
						 mem_entry_name_port_t *object_handle,
						 mem_entry_name_port_t parent_entry)
{
	uint64_t s = *size;
	kern_return_t kr = make_entry(ME_ID_MAKE_ENTRY, target_task, &s,
				      offset, permission, object_handle,
				      parent_entry);

	*size = kr ? 0 : s;
	return kr;
}

static kern_return_t map_entry(mach_msg_id_t id, vm_map_t target_task,
			       uint64_t *address, uint64_t size, uint64_t mask,
			       int flags, mach_port_t object, uint64_t offset,
			       boolean_t copy, vm_prot_t cur_protection,
			       vm_prot_t max_protection, vm_inherit_t inheritance)
{
#pragma pack(push, 4)
	struct req {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t object;
		NDR_record_t ndr;
		uint64_t address;
		uint64_t size;
		uint64_t mask;
		int flags;
		uint64_t offset;
		boolean_t copy;
		vm_prot_t cur_protection;
		vm_prot_t max_protection;
		vm_inherit_t inheritance;
	};
	struct rep {
		mach_msg_header_t head;
		NDR_record_t ndr;
		kern_return_t retcode;
		uint64_t address;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		struct req rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	b.rq.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	b.rq.body.msgh_descriptor_count = 1;
	b.rq.object.name = object;
	b.rq.object.disposition = MACH_MSG_TYPE_COPY_SEND;
	b.rq.object.type = MACH_MSG_PORT_DESCRIPTOR;
	b.rq.ndr = NDR_record;
	b.rq.address = *address;
	b.rq.size = size;
	b.rq.mask = mask;
	b.rq.flags = flags;
	b.rq.offset = offset;
	b.rq.copy = copy;
	b.rq.cur_protection = cur_protection;
	b.rq.max_protection = max_protection;
	b.rq.inheritance = inheritance;
	kr = libmach_mig_rpc(&b.rq.head, sizeof(b), target_task,
			     MACH_MSG_TYPE_COPY_SEND, id, sizeof(b.rq));
	if (kr)
		return kr;
	if ((b.rp.head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    b.rp.head.msgh_size != offsetof(struct rep, trailer))
		return me_retcode(&b.rp.head);
	if (b.rp.retcode)
		return b.rp.retcode;
	*address = b.rp.address;
	return KERN_SUCCESS;
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
	return map_entry(ME_ID_MACH_VM_MAP, target_task, address, size, mask,
			 flags, object, offset, copy, cur_protection,
			 max_protection, inheritance);
}

static kern_return_t map_narrow(mach_msg_id_t id, vm_map_t target_task,
				vm_address_t *address, vm_size_t size,
				vm_address_t mask, int flags,
				mem_entry_name_port_t object, uint64_t offset,
				boolean_t copy, vm_prot_t cur_protection,
				vm_prot_t max_protection, vm_inherit_t inheritance)
{
	uint64_t a = *address;
	kern_return_t kr = map_entry(id, target_task, &a, size, mask, flags,
				     object, offset, copy, cur_protection,
				     max_protection, inheritance);

	if (!kr)
		*address = a;
	return kr;
}

LIBMACH_API kern_return_t vm_map(vm_map_t target_task, vm_address_t *address,
				 vm_size_t size, vm_address_t mask, int flags,
				 mem_entry_name_port_t object, vm_offset_t offset,
				 boolean_t copy, vm_prot_t cur_protection,
				 vm_prot_t max_protection, vm_inherit_t inheritance)
{
	return map_narrow(ME_ID_VM_MAP, target_task, address, size, mask, flags,
			  object, offset, copy, cur_protection, max_protection,
			  inheritance);
}

LIBMACH_API kern_return_t vm_map_64(vm_map_t target_task, vm_address_t *address,
				    vm_size_t size, vm_address_t mask, int flags,
				    mem_entry_name_port_t object,
				    memory_object_offset_t offset, boolean_t copy,
				    vm_prot_t cur_protection,
				    vm_prot_t max_protection,
				    vm_inherit_t inheritance)
{
	return map_narrow(ME_ID_VM_MAP_64, target_task, address, size, mask,
			  flags, object, offset, copy, cur_protection,
			  max_protection, inheritance);
}
