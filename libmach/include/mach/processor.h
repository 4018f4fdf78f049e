/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* processor routines (3000...): no processor ports on Linux. */
#ifndef _processor_user_
#define _processor_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/processor_info.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t processor_start(processor_t processor);
kern_return_t processor_exit(processor_t processor);
kern_return_t processor_info(processor_t processor, processor_flavor_t flavor,
			     host_t *host, processor_info_t processor_info_out,
			     mach_msg_type_number_t *processor_info_outCnt);
kern_return_t processor_control(processor_t processor,
				processor_info_t processor_cmd,
				mach_msg_type_number_t processor_cmdCnt);
kern_return_t processor_assign(processor_t processor, processor_set_t new_set,
			       boolean_t wait);
kern_return_t processor_get_assignment(processor_t processor,
				       processor_set_name_t *assigned_set);

#ifdef __cplusplus
}
#endif

#endif
