/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mach_host routines (the MIG subsystem at 200...), sent to the port
 * mach_host_self() returns.  Served: host_info, _host_page_size,
 * host_processor_info, host_get_clock_service, host_statistics,
 * host_statistics64 (Documentation/host.rst).  The rest are declared so
 * Darwin code compiles (MIG_BAD_ID from the module).
 */
#ifndef _mach_host_user_
#define _mach_host_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/host_info.h>
#include <mach/clock_types.h>
#include <mach/processor_info.h>
#include <mach/memory_object_types.h>
#include <mach/mach_voucher_types.h>
#include <mach/host_special_ports.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t host_info(host_t host, host_flavor_t flavor,
			host_info_t host_info_out,
			mach_msg_type_number_t *host_info_outCnt);
kern_return_t host_kernel_version(host_t host, kernel_version_t kernel_version);
kern_return_t _host_page_size(host_t host, vm_size_t *out_page_size);
kern_return_t mach_memory_object_memory_entry(host_t host, boolean_t internal,
					      vm_size_t size, vm_prot_t permission,
					      memory_object_t pager,
					      mach_port_t *entry_handle);
kern_return_t host_processor_info(host_t host, processor_flavor_t flavor,
				  natural_t *out_processor_count,
				  processor_info_array_t *out_processor_info,
				  mach_msg_type_number_t *out_processor_infoCnt);
kern_return_t host_get_io_master(host_t host, io_master_t *io_master);
kern_return_t host_get_clock_service(host_t host, clock_id_t clock_id,
				     clock_serv_t *clock_serv);
kern_return_t processor_set_default(host_t host, processor_set_name_t *default_set);
kern_return_t processor_set_create(host_t host, processor_set_t *new_set,
				   processor_set_name_t *new_name);
kern_return_t mach_memory_object_memory_entry_64(host_t host, boolean_t internal,
						 memory_object_size_t size,
						 vm_prot_t permission,
						 memory_object_t pager,
						 mach_port_t *entry_handle);
kern_return_t host_statistics(host_t host_priv, host_flavor_t flavor,
			      host_info_t host_info_out,
			      mach_msg_type_number_t *host_info_outCnt);
kern_return_t host_request_notification(host_t host, host_flavor_t notify_type,
					mach_port_t notify_port);
kern_return_t host_statistics64(host_t host_priv, host_flavor_t flavor,
				host_info64_t host_info64_out,
				mach_msg_type_number_t *host_info64_outCnt);
kern_return_t host_create_mach_voucher(host_t host,
				       mach_voucher_attr_raw_recipe_array_t recipes,
				       mach_msg_type_number_t recipesCnt,
				       ipc_voucher_t *voucher);
kern_return_t host_get_atm_diagnostic_flag(host_t host, uint32_t *diagnostic_flag);
kern_return_t host_get_multiuser_config_flags(host_t host, uint32_t *multiuser_flags);
kern_return_t host_check_multiuser_mode(host_t host, uint32_t *multiuser_mode);

#ifdef __cplusplus
}
#endif

#endif
