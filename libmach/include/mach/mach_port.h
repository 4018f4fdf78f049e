/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mach_port_* calls.  @task names the IPC space to act on, normally
 * mach_task_self().  Out parameters are written only on KERN_SUCCESS.
 * Includes what a MIG-generated user header does, so the notification
 * ids come with <mach/mach.h> as on Darwin.
 */
#ifndef _MACH_MACH_PORT_H_
#define _MACH_MACH_PORT_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/notify.h>
#include <mach_debug/mach_debug_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every name in the space and its type bits.  Both arrays are
 * vm_allocate'd; release them with vm_deallocate. */
kern_return_t mach_port_names(ipc_space_t task,
			      mach_port_name_array_t *names,
			      mach_msg_type_number_t *namesCnt,
			      mach_port_type_array_t *types,
			      mach_msg_type_number_t *typesCnt);

/*
 * One snapshot of the space's name table (XNU's mach_port_space_info; a
 * read port will do).  *table is vm_allocate'd: release it with
 * vm_deallocate(table, tableCnt * sizeof(ipc_info_name_t)).  The tree is
 * always empty (NULL, 0), as on XNU.
 */
kern_return_t mach_port_space_info(ipc_space_read_t task,
				   ipc_info_space_t *space_info,
				   ipc_info_name_array_t *table_info,
				   mach_msg_type_number_t *table_infoCnt,
				   ipc_info_tree_name_array_t *tree_info,
				   mach_msg_type_number_t *tree_infoCnt);

/*
 * The kernel object behind a send or receive right: its type (XNU's
 * IKOT_* numbers: 2 a task control port, 0 no kernel object) and an
 * identifier that is never an address (Documentation/ports.rst).
 * mach_port_kernel_object is the legacy call, identifier cut to 32 bits.
 */
kern_return_t mach_port_kobject(ipc_space_read_t task, mach_port_name_t name,
				natural_t *object_type, mach_vm_address_t *object_addr);
kern_return_t mach_port_kernel_object(ipc_space_read_t task, mach_port_name_t name,
				      unsigned int *object_type,
				      unsigned int *object_addr);

kern_return_t mach_port_type(ipc_space_t task, mach_port_name_t name,
			     mach_port_type_t *ptype);

kern_return_t mach_port_allocate_name(ipc_space_t task,
				      mach_port_right_t right,
				      mach_port_name_t name);

kern_return_t mach_port_allocate(ipc_space_t task, mach_port_right_t right,
				 mach_port_name_t *name);

kern_return_t mach_port_destroy(ipc_space_t task, mach_port_name_t name);

kern_return_t mach_port_deallocate(ipc_space_t task, mach_port_name_t name);

kern_return_t mach_port_get_refs(ipc_space_t task, mach_port_name_t name,
				 mach_port_right_t right,
				 mach_port_urefs_t *refs);

kern_return_t mach_port_mod_refs(ipc_space_t task, mach_port_name_t name,
				 mach_port_right_t right,
				 mach_port_delta_t delta);

kern_return_t mach_port_set_mscount(ipc_space_t task, mach_port_name_t name,
				    mach_port_mscount_t mscount);

/* Members of a port set; the array is vm_allocate'd. */
kern_return_t mach_port_get_set_status(ipc_space_inspect_t task,
				       mach_port_name_t name,
				       mach_port_name_array_t *members,
				       mach_msg_type_number_t *membersCnt);

kern_return_t mach_port_move_member(ipc_space_t task, mach_port_name_t member,
				    mach_port_name_t after);

kern_return_t mach_port_request_notification(ipc_space_t task,
					     mach_port_name_t name,
					     mach_msg_id_t msgid,
					     mach_port_mscount_t sync,
					     mach_port_t notify,
					     mach_msg_type_name_t notifyPoly,
					     mach_port_t *previous);

kern_return_t mach_port_insert_right(ipc_space_t task, mach_port_name_t name,
				     mach_port_t poly,
				     mach_msg_type_name_t polyPoly);

kern_return_t mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
				      mach_msg_type_name_t msgt_name,
				      mach_port_t *poly,
				      mach_msg_type_name_t *polyPoly);

kern_return_t mach_port_get_attributes(ipc_space_inspect_t task,
				       mach_port_name_t name,
				       mach_port_flavor_t flavor,
				       mach_port_info_t port_info_out,
				       mach_msg_type_number_t *port_info_outCnt);

kern_return_t mach_port_set_attributes(ipc_space_t task, mach_port_name_t name,
				       mach_port_flavor_t flavor,
				       mach_port_info_t port_info,
				       mach_msg_type_number_t port_infoCnt);

kern_return_t mach_port_insert_member(ipc_space_t task, mach_port_name_t name,
				      mach_port_name_t pset);

kern_return_t mach_port_extract_member(ipc_space_t task, mach_port_name_t name,
				       mach_port_name_t pset);

kern_return_t mach_port_get_context(ipc_space_inspect_t task,
				    mach_port_name_t name,
				    mach_port_context_t *context);

kern_return_t mach_port_set_context(ipc_space_t task, mach_port_name_t name,
				    mach_port_context_t context);

kern_return_t mach_port_construct(ipc_space_t task,
				  mach_port_options_ptr_t options,
				  mach_port_context_t context,
				  mach_port_name_t *name);

kern_return_t mach_port_destruct(ipc_space_t task, mach_port_name_t name,
				 mach_port_delta_t srdelta,
				 mach_port_context_t guard);

kern_return_t mach_port_guard(ipc_space_t task, mach_port_name_t name,
			      mach_port_context_t guard, boolean_t strict);

kern_return_t mach_port_unguard(ipc_space_t task, mach_port_name_t name,
				mach_port_context_t guard);

kern_return_t mach_port_guard_with_flags(ipc_space_t task, mach_port_name_t name,
					 mach_port_context_t guard, uint64_t flags);

kern_return_t mach_port_swap_guard(ipc_space_t task, mach_port_name_t name,
				   mach_port_context_t old_guard,
				   mach_port_context_t new_guard);

kern_return_t mach_port_peek(ipc_space_read_t task, mach_port_name_t name,
			     mach_msg_trailer_type_t trailer_type,
			     mach_port_seqno_t *request_seqnop,
			     mach_msg_size_t *msg_sizep, mach_msg_id_t *msg_idp,
			     mach_msg_trailer_info_t trailer_infop,
			     mach_msg_type_number_t *trailer_infopCnt);

/* Declared for Darwin code, not provided yet (conformance-headers.rst). */
kern_return_t mach_port_rename(ipc_space_t task, mach_port_name_t old_name,
			       mach_port_name_t new_name);
kern_return_t mach_port_allocate_qos(ipc_space_t task, mach_port_right_t right,
				     mach_port_qos_t *qos, mach_port_name_t *name);
kern_return_t mach_port_allocate_full(ipc_space_t task, mach_port_right_t right,
				      mach_port_t proto, mach_port_qos_t *qos,
				      mach_port_name_t *name);
kern_return_t task_set_port_space(ipc_space_t task, int table_entries);
kern_return_t mach_port_get_srights(ipc_space_t task, mach_port_name_t name,
				    mach_port_rights_t *srights);

#ifdef __cplusplus
}
#endif

#endif
