/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * host_priv routines (the MIG subsystem at 400...): they need the
 * host-privileged port, which linux-mach does not provide.  Declared so
 * Darwin code compiles; a call reaches no server.
 */
#ifndef _host_priv_user_
#define _host_priv_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/host_info.h>
#include <mach/host_reboot.h>
#include <mach/host_special_ports.h>
#include <mach/exception_types.h>
#include <mach/memory_object_types.h>
#include <mach/processor_info.h>
#include <mach/vm_prot.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t host_get_boot_info(host_priv_t host_priv, kernel_boot_info_t boot_info);
kern_return_t host_reboot(host_priv_t host_priv, int options);
kern_return_t host_priv_statistics(host_priv_t host_priv, host_flavor_t flavor,
				   host_info_t host_info_out,
				   mach_msg_type_number_t *host_info_outCnt);
kern_return_t host_default_memory_manager(host_priv_t host_priv,
					  memory_object_default_t *default_manager,
					  memory_object_cluster_size_t cluster_size);
kern_return_t vm_wire(host_priv_t host_priv, vm_map_t task, vm_address_t address,
		      vm_size_t size, vm_prot_t desired_access);
kern_return_t thread_wire(host_priv_t host_priv, thread_act_t thread, boolean_t wired);
kern_return_t vm_allocate_cpm(host_priv_t host_priv, vm_map_t task,
			      vm_address_t *address, vm_size_t size, int flags);
kern_return_t host_processors(host_priv_t host_priv,
			      processor_array_t *out_processor_list,
			      mach_msg_type_number_t *out_processor_listCnt);
kern_return_t host_get_clock_control(host_priv_t host_priv, clock_id_t clock_id,
				     clock_ctrl_t *clock_ctrl);
kern_return_t host_get_special_port(host_priv_t host_priv, int node, int which,
				    mach_port_t *port);
kern_return_t host_set_special_port(host_priv_t host_priv, int which, mach_port_t port);
kern_return_t host_set_exception_ports(host_priv_t host_priv,
				       exception_mask_t exception_mask,
				       mach_port_t new_port,
				       exception_behavior_t behavior,
				       thread_state_flavor_t new_flavor);
kern_return_t host_get_exception_ports(host_priv_t host_priv,
				       exception_mask_t exception_mask,
				       exception_mask_array_t masks,
				       mach_msg_type_number_t *masksCnt,
				       exception_handler_array_t old_handlers,
				       exception_behavior_array_t old_behaviors,
				       exception_flavor_array_t old_flavors);
kern_return_t host_swap_exception_ports(host_priv_t host_priv,
					exception_mask_t exception_mask,
					mach_port_t new_port,
					exception_behavior_t behavior,
					thread_state_flavor_t new_flavor,
					exception_mask_array_t masks,
					mach_msg_type_number_t *masksCnt,
					exception_handler_array_t old_handlerss,
					exception_behavior_array_t old_behaviors,
					exception_flavor_array_t old_flavors);
kern_return_t mach_vm_wire(host_priv_t host_priv, vm_map_t task,
			   mach_vm_address_t address, mach_vm_size_t size,
			   vm_prot_t desired_access);
kern_return_t host_processor_sets(host_priv_t host_priv,
				  processor_set_name_array_t *processor_sets,
				  mach_msg_type_number_t *processor_setsCnt);
kern_return_t host_processor_set_priv(host_priv_t host_priv,
				      processor_set_name_t set_name,
				      processor_set_t *set);
kern_return_t host_set_UNDServer(host_priv_t host, UNDServerRef server);
kern_return_t host_get_UNDServer(host_priv_t host, UNDServerRef *server);

#ifdef __cplusplus
}
#endif

#endif
