/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Port names, rights and port attributes.  In user space a port is only
 * a 32-bit name in the task's IPC space.
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <stdint.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <linux/mach/port.h>

typedef natural_t		mach_port_name_t;
typedef mach_port_name_t	*mach_port_name_array_t;
typedef mach_port_name_t	mach_port_t;
typedef mach_port_t		*mach_port_array_t;

typedef natural_t mach_port_right_t;

typedef natural_t		mach_port_type_t;
typedef mach_port_type_t	*mach_port_type_array_t;

typedef natural_t	mach_port_urefs_t;
typedef integer_t	mach_port_delta_t;	/* change in urefs */

typedef natural_t	mach_port_seqno_t;
typedef natural_t	mach_port_mscount_t;
typedef natural_t	mach_port_msgcount_t;
typedef natural_t	mach_port_rights_t;

typedef unsigned int	mach_port_srights_t;

typedef mach_vm_address_t mach_port_context_t;

/* MACH_PORT_RECEIVE_STATUS: ten 32-bit words, 40 bytes. */
typedef struct mach_port_status {
	mach_port_rights_t	mps_pset;	/* 1 if in a port set */
	mach_port_seqno_t	mps_seqno;
	mach_port_mscount_t	mps_mscount;
	mach_port_msgcount_t	mps_qlimit;
	mach_port_msgcount_t	mps_msgcount;
	mach_port_rights_t	mps_sorights;
	boolean_t		mps_srights;	/* any send rights exist */
	boolean_t		mps_pdrequest;	/* port-destroyed request */
	boolean_t		mps_nsrequest;	/* no-senders request */
	natural_t		mps_flags;	/* MACH_PORT_STATUS_FLAG_* */
} mach_port_status_t;

typedef struct mach_port_limits {
	mach_port_msgcount_t	mpl_qlimit;
} mach_port_limits_t;

typedef struct mach_port_info_ext {
	mach_port_status_t	mpie_status;
	mach_port_msgcount_t	mpie_boost_cnt;
	uint32_t		reserved[6];
} mach_port_info_ext_t;

typedef struct mach_port_guard_info {
	uint64_t		mpgi_guard;
} mach_port_guard_info_t;

/* mach_port_get/set_attributes: an array of integer_t, per flavor. */
typedef integer_t	*mach_port_info_t;
typedef int		mach_port_flavor_t;

#define MACH_PORT_LIMITS_INFO_COUNT \
	((natural_t)(sizeof(mach_port_limits_t) / sizeof(natural_t)))
#define MACH_PORT_RECEIVE_STATUS_COUNT \
	((natural_t)(sizeof(mach_port_status_t) / sizeof(natural_t)))
#define MACH_PORT_INFO_EXT_COUNT \
	((natural_t)(sizeof(mach_port_info_ext_t) / sizeof(natural_t)))
#define MACH_PORT_GUARD_INFO_COUNT \
	((natural_t)(sizeof(mach_port_guard_info_t) / sizeof(natural_t)))

/* mach_port_allocate_qos / _full (legacy). */
typedef struct mach_port_qos {
	unsigned int	name : 1;	/* caller supplies the name */
	unsigned int	prealloc : 1;	/* preallocated message buffer */
	unsigned int	pad1 : 30;
	natural_t	len;
} mach_port_qos_t;

/* Service-port information (launchd-private, kept for the layout). */
#define MACH_SERVICE_PORT_INFO_STRING_NAME_MAX_BUF_LEN 255
typedef struct mach_service_port_info {
	char	mspi_string_name[MACH_SERVICE_PORT_INFO_STRING_NAME_MAX_BUF_LEN];
	uint8_t	mspi_domain_type;
} mach_service_port_info_data_t;
typedef struct mach_service_port_info *mach_service_port_info_t;

/*
 * 24 bytes: flags, limits, then a 16-byte union.  __extension__ keeps the
 * anonymous union (as Darwin spells it) quiet under -std=c99 -pedantic.
 */
typedef struct mach_port_options {
	uint32_t		flags;
	mach_port_limits_t	mpl;
	__extension__ union {
		uint64_t			reserved[2];
		mach_port_name_t		work_interval_port;
		mach_service_port_info_t	service_port_info;
		mach_port_name_t		service_port_name;
	};
} mach_port_options_t;

typedef mach_port_options_t *mach_port_options_ptr_t;

/*
 * EXC_GUARD codes for port misuse.  Codes up to MSG_FILTERED are always
 * fatal on XNU; the rest only if the task opted in.
 */
enum mach_port_guard_exception_codes {
	kGUARD_EXC_DESTROY			= 1,
	kGUARD_EXC_MOD_REFS			= 2,
	kGUARD_EXC_INVALID_OPTIONS		= 3,
	kGUARD_EXC_SET_CONTEXT			= 4,
	kGUARD_EXC_THREAD_SET_STATE		= 5,
	kGUARD_EXC_UNGUARDED			= 1 << 3,
	kGUARD_EXC_INCORRECT_GUARD		= 1 << 4,
	kGUARD_EXC_IMMOVABLE			= 1 << 5,
	kGUARD_EXC_STRICT_REPLY			= 1 << 6,
	kGUARD_EXC_MSG_FILTERED			= 1 << 7,
	kGUARD_EXC_INVALID_RIGHT		= 1 << 8,
	kGUARD_EXC_INVALID_NAME			= 1 << 9,
	kGUARD_EXC_INVALID_VALUE		= 1 << 10,
	kGUARD_EXC_INVALID_ARGUMENT		= 1 << 11,
	kGUARD_EXC_RIGHT_EXISTS			= 1 << 12,
	kGUARD_EXC_KERN_NO_SPACE		= 1 << 13,
	kGUARD_EXC_KERN_FAILURE			= 1 << 14,
	kGUARD_EXC_KERN_RESOURCE		= 1 << 15,
	kGUARD_EXC_SEND_INVALID_REPLY		= 1 << 16,
	kGUARD_EXC_SEND_INVALID_VOUCHER		= 1 << 17,
	kGUARD_EXC_SEND_INVALID_RIGHT		= 1 << 18,
	kGUARD_EXC_RCV_INVALID_NAME		= 1 << 19,
	kGUARD_EXC_RCV_GUARDED_DESC		= 1 << 20,
	kGUARD_EXC_MOD_REFS_NON_FATAL		= 1 << 21,
	kGUARD_EXC_IMMOVABLE_NON_FATAL		= 1 << 22
};

#define MAX_FATAL_kGUARD_EXC_CODE	kGUARD_EXC_MSG_FILTERED
#define MAX_OPTIONAL_kGUARD_EXC_CODE	kGUARD_EXC_RCV_INVALID_NAME

#endif
