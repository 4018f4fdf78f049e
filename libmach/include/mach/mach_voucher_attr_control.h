/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mach_voucher_attr_control routines (5600...): attribute managers only. */
#ifndef _mach_voucher_attr_control_user_
#define _mach_voucher_attr_control_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/mach_voucher_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t mach_voucher_attr_control_get_values(mach_voucher_attr_control_t control,
						   ipc_voucher_t voucher,
						   mach_voucher_attr_value_handle_array_t out_values,
						   mach_msg_type_number_t *out_valuesCnt);
kern_return_t mach_voucher_attr_control_create_mach_voucher(mach_voucher_attr_control_t control,
							    mach_voucher_attr_raw_recipe_array_t recipes,
							    mach_msg_type_number_t recipesCnt,
							    ipc_voucher_t *voucher);

#ifdef __cplusplus
}
#endif

#endif
