/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's MIG return codes (<mach/mig_errors.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_MIG_ERRORS_H
#define _UAPI_LINUX_MACH_MIG_ERRORS_H

#include <linux/mach/kern_return.h>	/* __MACH_KR */

#define MIG_TYPE_ERROR		__MACH_KR(-300)	/* reply failed the stub's type checks */
#define MIG_REPLY_MISMATCH	__MACH_KR(-301)	/* reply msgh_id is not request + 100 */
#define MIG_REMOTE_ERROR	__MACH_KR(-302)	/* server detected an error */
#define MIG_BAD_ID		__MACH_KR(-303)	/* server does not know the msgh_id */
#define MIG_BAD_ARGUMENTS	__MACH_KR(-304)	/* server found bad arguments */
#define MIG_NO_REPLY		__MACH_KR(-305)	/* server: send no reply */
#define MIG_EXCEPTION		__MACH_KR(-306)	/* server raised an exception */
#define MIG_ARRAY_TOO_LARGE	__MACH_KR(-307)	/* caller's array is too small */
#define MIG_SERVER_DIED		__MACH_KR(-308)	/* send-once notification instead of a reply */
#define MIG_TRAILER_ERROR	__MACH_KR(-309)	/* trailer has an unknown format */

#endif /* _UAPI_LINUX_MACH_MIG_ERRORS_H */
