/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mach_voucher routines (5400...).  linux-mach has no voucher objects:
 * only MACH_VOUCHER_NULL exists, so these have no server.
 */
#ifndef _mach_voucher_user_
#define _mach_voucher_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/mach_voucher_types.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t mach_voucher_extract_attr_content(ipc_voucher_t voucher,
						mach_voucher_attr_key_t key,
						mach_voucher_attr_content_t content,
						mach_msg_type_number_t *contentCnt);
kern_return_t mach_voucher_extract_attr_recipe(ipc_voucher_t voucher,
					       mach_voucher_attr_key_t key,
					       mach_voucher_attr_raw_recipe_t recipe,
					       mach_msg_type_number_t *recipeCnt);
kern_return_t mach_voucher_extract_all_attr_recipes(ipc_voucher_t voucher,
						    mach_voucher_attr_raw_recipe_array_t recipes,
						    mach_msg_type_number_t *recipesCnt);
kern_return_t mach_voucher_attr_command(ipc_voucher_t voucher,
					mach_voucher_attr_key_t key,
					mach_voucher_attr_command_t command,
					mach_voucher_attr_content_t in_content,
					mach_msg_type_number_t in_contentCnt,
					mach_voucher_attr_content_t out_content,
					mach_msg_type_number_t *out_contentCnt);

/* Drop one send right to a voucher (<mach/message.h> on Darwin). */
kern_return_t mach_voucher_deallocate(mach_port_name_t voucher);

#ifdef __cplusplus
}
#endif

#endif
