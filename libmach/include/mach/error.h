/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Structured Mach error codes: system (6 bits) | subsystem (12) | code (14).
 * mach_msg_return_t values are err_mach_ipc codes; MIG codes are negative.
 */
#ifndef _MACH_ERROR_H_
#define _MACH_ERROR_H_

#include <mach/kern_return.h>

/* Built in unsigned arithmetic: system 0x3f would overflow a signed shift. */
#define err_system(x)		((int)(((unsigned int)(x) & 0x3fu) << 26))
#define err_sub(x)		((int)(((unsigned int)(x) & 0xfffu) << 14))

#define err_get_system(err)	((int)(((unsigned int)(err) >> 26) & 0x3fu))
#define err_get_sub(err)	((int)(((unsigned int)(err) >> 14) & 0xfffu))
#define err_get_code(err)	((int)((unsigned int)(err) & 0x3fffu))

#define system_emask		(err_system(0x3f))
#define sub_emask		(err_sub(0xfff))
#define code_emask		(0x3fff)

#define err_kern		err_system(0x0)		/* kernel */
#define err_us			err_system(0x1)		/* user-space library */
#define err_server		err_system(0x2)		/* user-space servers */
#define err_ipc			err_system(0x3)		/* old IPC */
#define err_mach_ipc		err_system(0x4)		/* mach_msg */
#define err_dipc		err_system(0x7)		/* distributed IPC */
#define err_local		err_system(0x3e)	/* user-defined */
#define err_ipc_compat		err_system(0x3f)	/* compat IPC */
#define err_max_system		0x3f

/* errno values carried as Mach errors, system kern subsystem 3. */
#define unix_err(e)		(err_kern | err_sub(3) | (e))

typedef kern_return_t mach_error_t;
typedef mach_error_t (*mach_error_fn_t)(void);

#define err_none		((mach_error_t)0)
#define ERR_SUCCESS		((mach_error_t)0)
#define ERR_ROUTINE_NIL		((mach_error_fn_t)0)

#endif
