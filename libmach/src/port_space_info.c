// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The calls of XNU's mach_debug.c.  mach_port_space_info: one MACH_IOC_PORT_SPACE_INFO call snapshots the
 * space; the table comes back the way MIG delivers an out-of-line array,
 * in whole pages the caller releases with vm_deallocate.  The kernel's
 * slot record is ipc_info_name_t byte for byte, so it is copied straight
 * into those pages.
 */
#include <stddef.h>
#include <stdint.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"

_Static_assert(sizeof(ipc_info_name_t) == sizeof(struct mach_ipc_info_name),
	       "ipc_info_name_t is the kernel's slot record");
_Static_assert(offsetof(ipc_info_name_t, iin_object) ==
	       offsetof(struct mach_ipc_info_name, object),
	       "iin_object where the kernel writes it");
_Static_assert(offsetof(ipc_info_name_t, iin_hash) ==
	       offsetof(struct mach_ipc_info_name, hash),
	       "iin_hash where the kernel writes it");
_Static_assert(sizeof(ipc_info_space_t) == sizeof(struct mach_ipc_info_space),
	       "ipc_info_space_t is the kernel's space record");

/* more than the module's per-call cap (2^19 slots): stop growing there */
#define SPACE_INFO_SLOTS_MAX	(1u << 20)

static vm_size_t table_bytes(natural_t slots)
{
	vm_size_t mask = libmach_page_size() - 1;

	return (slots * sizeof(ipc_info_name_t) + mask) & ~mask;
}

LIBMACH_API kern_return_t mach_port_space_info(ipc_space_read_t task,
					       ipc_info_space_t *space_info,
					       ipc_info_name_array_t *table_info,
					       mach_msg_type_number_t *table_infoCnt,
					       ipc_info_tree_name_array_t *tree_info,
					       mach_msg_type_number_t *tree_infoCnt)
{
	natural_t cap = (natural_t)(libmach_page_size() / sizeof(ipc_info_name_t));

	for (;;) {
		struct mach_ipc_info_space info = { 0 };
		struct mach_port_args a = { .task = task, .value = cap };
		vm_size_t bytes = table_bytes(cap);
		vm_address_t t = 0;
		kern_return_t kr = libmach_pages_alloc(&t, bytes);

		if (kr != KERN_SUCCESS)
			return kr;
		a.arg = t;
		a.arg2 = (uintptr_t)&info;
		kr = libmach_port_call(MACH_IOC_PORT_SPACE_INFO, &a);
		if (kr == KERN_SUCCESS && a.value <= cap) {
			vm_size_t keep = table_bytes(a.value);

			if (keep < bytes)
				libmach_pages_free(t + keep, bytes - keep);
			if (a.value == 0)
				t = 0;
			space_info->iis_genno_mask = info.genno_mask;
			space_info->iis_table_size = info.table_size;
			space_info->iis_table_next = info.table_next;
			space_info->iis_tree_size = info.tree_size;
			space_info->iis_tree_small = info.tree_small;
			space_info->iis_tree_hash = info.tree_hash;
			*table_info = (ipc_info_name_array_t)t;
			*table_infoCnt = a.value;
			*tree_info = NULL;
			*tree_infoCnt = 0;
			return KERN_SUCCESS;
		}
		libmach_pages_free(t, bytes);
		if (kr == KERN_SUCCESS)
			return KERN_FAILURE;	/* kernel claims more than fits */
		if (kr != KERN_INSUFFICIENT_BUFFER_SIZE)
			return kr;
		/* Names may be added before the retry: leave headroom. */
		if (a.value <= cap || a.value >= SPACE_INFO_SLOTS_MAX)
			return KERN_RESOURCE_SHORTAGE;
		cap = a.value + a.value / 4 + 64;
	}
}

LIBMACH_API kern_return_t mach_port_kobject(ipc_space_read_t task, mach_port_name_t name,
					    natural_t *object_type,
					    mach_vm_address_t *object_addr)
{
	struct mach_port_args a = { .task = task, .name = name };
	kern_return_t kr = libmach_port_call(MACH_IOC_PORT_KOBJECT, &a);

	if (kr == KERN_SUCCESS) {
		*object_type = a.value;
		*object_addr = a.arg;
	}
	return kr;
}

/* XNU: the object's address cut to its low 32 bits; here the identifier */
LIBMACH_API kern_return_t mach_port_kernel_object(ipc_space_read_t task,
						  mach_port_name_t name,
						  unsigned int *object_type,
						  unsigned int *object_addr)
{
	natural_t type = 0;
	mach_vm_address_t addr = 0;
	kern_return_t kr = mach_port_kobject(task, name, &type, &addr);

	if (kr == KERN_SUCCESS) {
		*object_type = type;
		*object_addr = (unsigned int)addr;
	}
	return kr;
}
