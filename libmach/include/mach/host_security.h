/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host_security routines (600...): no host-security port on Linux. */
#ifndef _host_security_user_
#define _host_security_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t host_security_create_task_token(host_security_t host_security,
					      task_t parent_task,
					      security_token_t sec_token,
					      audit_token_t audit_token,
					      host_t host,
					      ledger_array_t ledgers,
					      mach_msg_type_number_t ledgersCnt,
					      boolean_t inherit_memory,
					      task_t *child_task);
kern_return_t host_security_set_task_token(host_security_t host_security,
					   task_t target_task,
					   security_token_t sec_token,
					   audit_token_t audit_token,
					   host_t host);

#ifdef __cplusplus
}
#endif

#endif
