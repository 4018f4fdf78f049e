/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MIG stub error codes and the reply a server sends on failure. */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <linux/mach/mig_errors.h>

#pragma pack(push, 4)
/* 36 bytes; msgh_id is the request id + 100. */
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} mig_reply_error_t;
#pragma pack(pop)

#endif
