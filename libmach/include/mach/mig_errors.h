/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MIG stub error codes and the reply a server sends on failure. */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>

#define MIG_TYPE_ERROR		-300	/* reply failed the stub's type checks */
#define MIG_REPLY_MISMATCH	-301	/* reply msgh_id is not request + 100 */
#define MIG_REMOTE_ERROR	-302	/* server detected an error */
#define MIG_BAD_ID		-303	/* server does not know the msgh_id */
#define MIG_BAD_ARGUMENTS	-304	/* server found bad arguments */
#define MIG_NO_REPLY		-305	/* server: send no reply */
#define MIG_EXCEPTION		-306	/* server raised an exception */
#define MIG_ARRAY_TOO_LARGE	-307	/* caller's array is too small */
#define MIG_SERVER_DIED		-308	/* send-once notification instead of a reply */
#define MIG_TRAILER_ERROR	-309	/* trailer has an unknown format */

#pragma pack(push, 4)
/* 36 bytes; msgh_id is the request id + 100. */
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} mig_reply_error_t;
#pragma pack(pop)

#endif
