/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Mach messages: header, descriptors, trailers, options and return codes.
 *
 * Everything that can appear inside a message is declared under
 * pack(4), as on Darwin: a descriptor holding a 64-bit address then
 * follows a 28-byte header+body at offset 28, not 32, and the context
 * trailer is 60 bytes.  The kernel reads and writes these exact layouts.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <stdint.h>
#include <mach/port.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/machine/vm_types.h>
#include <linux/mach/message.h>	/* the numbers: bits, types, options, returns */

#ifdef __cplusplus
extern "C" {
#endif

typedef natural_t	mach_msg_timeout_t;

/* ---- header bits ---- */

typedef unsigned int	mach_msg_bits_t;

/* Quality of service a send may carry in mach_msg_priority_t. */
typedef uint8_t	mach_msg_qos_t;

typedef natural_t	mach_msg_size_t;
typedef integer_t	mach_msg_id_t;
typedef unsigned int	mach_msg_priority_t;

typedef unsigned int	mach_msg_type_name_t;
typedef unsigned int	mach_msg_copy_options_t;
typedef unsigned int	mach_msg_guard_flags_t;
typedef unsigned int	mach_msg_descriptor_type_t;
typedef natural_t	mach_msg_type_number_t;
typedef natural_t	mach_msg_type_size_t;

/* ---- descriptors ---- */

#pragma pack(push, 4)

/* Generic view: enough to read .type of any descriptor. */
typedef struct {
	natural_t			pad1;
	mach_msg_size_t			pad2;
	unsigned int			pad3 : 24;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_type_descriptor_t;

/* 12 bytes */
typedef struct {
	mach_port_t			name;
	mach_msg_size_t			pad1;
	unsigned int			pad2 : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_port_descriptor_t;

typedef struct {
	uint32_t			address;
	mach_msg_size_t			size;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor64_t;

/* 16 bytes on LP64; size sits at offset 12. */
typedef struct {
	void				*address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor_t;

typedef struct {
	uint32_t			address;
	mach_msg_size_t			count;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_ports_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor64_t;

/* 16 bytes: an array of count names, all with one disposition. */
typedef struct {
	void				*address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor_t;

typedef struct {
	uint32_t			context;
	mach_port_name_t		name;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_guarded_port_descriptor32_t;

typedef struct {
	uint64_t			context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor64_t;

/* 16 bytes; received only with MACH_RCV_GUARDED_DESC. */
typedef struct {
	mach_port_context_t		context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor_t;

typedef union {
	mach_msg_port_descriptor_t		port;
	mach_msg_ool_descriptor_t		out_of_line;
	mach_msg_ool_ports_descriptor_t		ool_ports;
	mach_msg_type_descriptor_t		type;
	mach_msg_guarded_port_descriptor_t	guarded_port;
} mach_msg_descriptor_t;

typedef struct {
	mach_msg_size_t	msgh_descriptor_count;
} mach_msg_body_t;

#define MACH_MSG_BODY_NULL		((mach_msg_body_t *)0)
#define MACH_MSG_DESCRIPTOR_NULL	((mach_msg_descriptor_t *)0)

/* 24 bytes.  On receive, remote and local are swapped. */
typedef struct {
	mach_msg_bits_t		msgh_bits;
	mach_msg_size_t		msgh_size;	/* excludes the trailer */
	mach_port_t		msgh_remote_port;
	mach_port_t		msgh_local_port;
	mach_port_name_t	msgh_voucher_port;
	mach_msg_id_t		msgh_id;
} mach_msg_header_t;

#define msgh_reserved		msgh_voucher_port
#define MACH_MSG_NULL		((mach_msg_header_t *)0)

typedef struct {
	mach_msg_header_t	header;
	mach_msg_body_t		body;
} mach_msg_base_t;

/* ---- trailers ---- */

typedef unsigned int	mach_msg_trailer_type_t;
typedef unsigned int	mach_msg_trailer_size_t;
typedef char		*mach_msg_trailer_info_t;

/* 8 bytes */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
} mach_msg_trailer_t;

/* 12 bytes */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
} mach_msg_seqno_trailer_t;

/* Sender's {euid, egid}; the kernel's is {0, 1}. */
typedef struct {
	unsigned int	val[2];
} security_token_t;

/* 20 bytes */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
} mach_msg_security_trailer_t;

/* {auid, euid, egid, ruid, rgid, pid, asid, pidversion}; all zero from the kernel. */
typedef struct {
	unsigned int	val[8];
} audit_token_t;

/* 52 bytes */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
} mach_msg_audit_trailer_t;

/* 60 bytes (the 64-bit context is only 4-aligned) */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
	mach_port_context_t	msgh_context;
} mach_msg_context_trailer_t;

typedef struct {
	mach_port_name_t	sender;
} msg_labels_t;

typedef int mach_msg_filter_id;

/* 68 bytes: the largest trailer a receiver can ask for. */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
	mach_port_context_t	msgh_context;
	mach_msg_filter_id	msgh_ad;
	msg_labels_t		msgh_labels;
} mach_msg_mac_trailer_t;

typedef mach_msg_security_trailer_t	mach_msg_format_0_trailer_t;
typedef mach_msg_mac_trailer_t		mach_msg_max_trailer_t;

#define MACH_MSG_TRAILER_MINIMUM_SIZE	sizeof(mach_msg_trailer_t)
#define MACH_MSG_TRAILER_FORMAT_0_SIZE	sizeof(mach_msg_format_0_trailer_t)
#define MAX_TRAILER_SIZE		((mach_msg_size_t)sizeof(mach_msg_max_trailer_t))

typedef struct {
	mach_msg_header_t	header;
} mach_msg_empty_send_t;

typedef struct {
	mach_msg_header_t	header;
	mach_msg_trailer_t	trailer;
} mach_msg_empty_rcv_t;

typedef union {
	mach_msg_empty_send_t	send;
	mach_msg_empty_rcv_t	rcv;
} mach_msg_empty_t;

#pragma pack(pop)

#define KERNEL_SECURITY_TOKEN_VALUE	{ { 0, 1 } }
#define KERNEL_AUDIT_TOKEN_VALUE	{ { 0, 0, 0, 0, 0, 0, 0, 0 } }
#define INVALID_AUDIT_TOKEN_VALUE	{ { 0xffffffffU, 0xffffffffU, 0xffffffffU, \
					    0xffffffffU, 0xffffffffU, 0xffffffffU, \
					    0xffffffffU, 0xffffffffU } }
extern const security_token_t KERNEL_SECURITY_TOKEN;
extern const audit_token_t KERNEL_AUDIT_TOKEN;

/* Message sizes are whole natural_t words. */
#define round_msg(x) \
	(((mach_msg_size_t)(x) + sizeof(natural_t) - 1) & ~(sizeof(natural_t) - 1))

#define MACH_MSG_SIZE_NULL	((mach_msg_size_t *)0)

/* ---- options ---- */

typedef integer_t		mach_msg_option_t;
typedef mach_msg_option_t	mach_msg_options_t;

/* Bytes the kernel writes after the message for receive options y. */
#define REQUESTED_TRAILER_SIZE(y) ((mach_msg_trailer_size_t)(			\
	GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_NULL ?				\
		sizeof(mach_msg_trailer_t) :					\
	GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SEQNO ?				\
		sizeof(mach_msg_seqno_trailer_t) :				\
	GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SENDER ?			\
		sizeof(mach_msg_security_trailer_t) :				\
	GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AUDIT ?				\
		sizeof(mach_msg_audit_trailer_t) :				\
	GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_CTX ?				\
		sizeof(mach_msg_context_trailer_t) :				\
		sizeof(mach_msg_mac_trailer_t)))
#define REQUESTED_TRAILER_SIZE_NATIVE(y)	REQUESTED_TRAILER_SIZE(y)

/* ---- return codes ---- */

typedef kern_return_t mach_msg_return_t;

/* ---- calls ---- */

/*
 * Send and/or receive.  Interrupted sends and receives are restarted
 * unless MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT is given; an RPC whose
 * receive half is interrupted restarts only the receive.  @notify is
 * ignored (as XNU does outside MACH_RCV_SYNC_WAIT).
 */
mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
			   mach_msg_size_t send_size, mach_msg_size_t rcv_size,
			   mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_name_t notify);

/* As mach_msg(), receiving into @rcv_msg if it is not NULL. */
mach_msg_return_t mach_msg_overwrite(mach_msg_header_t *msg,
				     mach_msg_option_t option,
				     mach_msg_size_t send_size,
				     mach_msg_size_t rcv_size,
				     mach_port_name_t rcv_name,
				     mach_msg_timeout_t timeout,
				     mach_port_name_t notify,
				     mach_msg_header_t *rcv_msg,
				     mach_msg_size_t rcv_limit);

/* ---- mach_msg2: 64-bit options and message vectors ---- */

/*
 * The low 32 bits are the mach_msg_option_t bits; the high ones select
 * the vector form, the control-flow-integrity class of the destination
 * and (kernel side) the caller's policy.
 */
typedef uint64_t mach_msg_option64_t;

#define MACH64_MSG_OPTION_NONE		0x0ull
#define MACH64_SEND_MSG			((mach_msg_option64_t)MACH_SEND_MSG)
#define MACH64_RCV_MSG			((mach_msg_option64_t)MACH_RCV_MSG)
#define MACH64_RCV_LARGE		((mach_msg_option64_t)MACH_RCV_LARGE)
#define MACH64_RCV_LARGE_IDENTITY	((mach_msg_option64_t)MACH_RCV_LARGE_IDENTITY)
#define MACH64_SEND_TIMEOUT		((mach_msg_option64_t)MACH_SEND_TIMEOUT)
#define MACH64_SEND_OVERRIDE		((mach_msg_option64_t)MACH_SEND_OVERRIDE)
#define MACH64_SEND_INTERRUPT		((mach_msg_option64_t)MACH_SEND_INTERRUPT)
#define MACH64_SEND_NOTIFY		((mach_msg_option64_t)MACH_SEND_NOTIFY)
#define MACH64_SEND_ALWAYS		((mach_msg_option64_t)MACH_SEND_ALWAYS)
#define MACH64_SEND_IMPORTANCE		0x00080000ull		/* kernel only */
#define MACH64_SEND_KERNEL		0x00400000ull		/* kernel only */
#define MACH64_SEND_FILTER_NONFATAL	((mach_msg_option64_t)MACH_SEND_FILTER_NONFATAL)
#define MACH64_SEND_TRAILER		((mach_msg_option64_t)MACH_SEND_TRAILER)
#define MACH64_SEND_NOIMPORTANCE	((mach_msg_option64_t)MACH_SEND_NOIMPORTANCE)
#define MACH64_SEND_NODENAP		MACH64_SEND_NOIMPORTANCE
#define MACH64_SEND_SYNC_OVERRIDE	((mach_msg_option64_t)MACH_SEND_SYNC_OVERRIDE)
#define MACH64_SEND_PROPAGATE_QOS	((mach_msg_option64_t)MACH_SEND_PROPAGATE_QOS)
#define MACH64_SEND_SYNC_BOOTSTRAP_CHECKIN \
	((mach_msg_option64_t)MACH_SEND_SYNC_BOOTSTRAP_CHECKIN)
#define MACH64_RCV_TIMEOUT		((mach_msg_option64_t)MACH_RCV_TIMEOUT)
#define MACH64_RCV_INTERRUPT		((mach_msg_option64_t)MACH_RCV_INTERRUPT)
#define MACH64_RCV_VOUCHER		((mach_msg_option64_t)MACH_RCV_VOUCHER)
#define MACH64_RCV_GUARDED_DESC		((mach_msg_option64_t)MACH_RCV_GUARDED_DESC)
#define MACH64_RCV_SYNC_WAIT		((mach_msg_option64_t)MACH_RCV_SYNC_WAIT)
#define MACH64_RCV_SYNC_PEEK		((mach_msg_option64_t)MACH_RCV_SYNC_PEEK)
#define MACH64_MSG_STRICT_REPLY		((mach_msg_option64_t)MACH_MSG_STRICT_REPLY)

#define MACH64_MSG_VECTOR		0x0000000100000000ull	/* data is a mach_msg_vector_t[] */
#define MACH64_SEND_KOBJECT_CALL	0x0000000200000000ull	/* destination is a kernel object */
#define MACH64_SEND_MQ_CALL		0x0000000400000000ull	/* destination is a message queue */
#define MACH64_SEND_ANY			0x0000000800000000ull	/* either (macOS only) */
#define MACH64_SEND_DK_CALL		0x0000001000000000ull	/* DriverKit object */
#define MACH64_SEND_USER_CALL		MACH64_SEND_MQ_CALL

/* Set by the kernel from the caller's identity; a caller's are cleared. */
#define MACH64_POLICY_KERNEL_EXTENSION	0x0002000000000000ull
#define MACH64_POLICY_FILTER_NON_FATAL	0x0004000000000000ull
#define MACH64_POLICY_FILTER_MSG	0x0008000000000000ull
#define MACH64_POLICY_DEFAULT		0x0010000000000000ull
#define MACH64_POLICY_SIMULATED		0x0020000000000000ull
#define MACH64_POLICY_TRANSLATED	0x0040000000000000ull
#define MACH64_POLICY_HARDENED		0x0080000000000000ull
#define MACH64_POLICY_RIGID		0x0100000000000000ull
#define MACH64_POLICY_PLATFORM		0x0200000000000000ull
#define MACH64_POLICY_KERNEL		MACH64_SEND_KERNEL
#define MACH64_POLICY_NEEDED_MASK	(MACH64_POLICY_SIMULATED | MACH64_POLICY_TRANSLATED | \
					 MACH64_POLICY_DEFAULT | MACH64_POLICY_HARDENED | \
					 MACH64_POLICY_RIGID | MACH64_POLICY_PLATFORM | \
					 MACH64_POLICY_KERNEL)
#define MACH64_POLICY_MASK		(MACH64_POLICY_KERNEL_EXTENSION | \
					 MACH64_POLICY_FILTER_NON_FATAL | \
					 MACH64_POLICY_FILTER_MSG | MACH64_POLICY_NEEDED_MASK)

#define MACH64_RCV_LINEAR_VECTOR	0x1000000000000000ull	/* kernel only */
#define MACH64_RCV_STACK		0x2000000000000000ull	/* kernel only */
#define MACH64_PEEK_MSG			0x4000000000000000ull	/* kernel only */
#define MACH64_MACH_MSG2		0x8000000000000000ull	/* set by the trap */

/* The option bits user space may pass; others are cleared, as XNU does. */
#define MACH64_MSG_OPTION_CFI_MASK	(MACH64_SEND_KOBJECT_CALL | MACH64_SEND_MQ_CALL | \
					 MACH64_SEND_ANY | MACH64_SEND_DK_CALL)
#define MACH64_SEND_USER	((mach_msg_option64_t)MACH_SEND_USER | MACH64_MSG_VECTOR | \
				 MACH64_MSG_OPTION_CFI_MASK)
#define MACH64_RCV_USER		((mach_msg_option64_t)MACH_RCV_USER | MACH64_MSG_VECTOR)
#define MACH64_MSG_OPTION_USER	(MACH64_SEND_USER | MACH64_RCV_USER)

/* Vector form: data points at MACH_MSGV_MAX_COUNT or fewer of these. */
#define MACH_MSGV_IDX_MSG	0	/* the message proper */
#define MACH_MSGV_IDX_AUX	1	/* auxiliary data (optional) */
#define MACH_MSGV_MAX_COUNT	(MACH_MSGV_IDX_AUX + 1)
#define LIBSYSCALL_MSGV_AUX_MAX_SIZE	128

typedef uint32_t mach_msgv_index_t;

typedef struct {
	mach_vm_address_t	msgv_data;	/* a header, or an aux header */
	mach_vm_address_t	msgv_rcv_addr;	/* receive here instead, if not 0 */
	mach_msg_size_t		msgv_send_size;
	mach_msg_size_t		msgv_rcv_size;
} mach_msg_vector_t;

typedef struct {
	mach_msg_size_t		msgdh_size;	/* bytes, this header included */
	uint32_t		msgdh_reserved;
} mach_msg_aux_header_t;

/*
 * The entry point: the header and the sizes travel as packed arguments
 * (low 32 bits | high 32 bits), as XNU's mach_msg2_trap takes them.  The
 * header sent is the one in the arguments, not the one in the buffer.
 * In the vector form the two size arguments are vector counts (1 or 2).
 * Documentation/conformance-headers.rst lists what libmach does with each option.
 */
mach_msg_return_t mach_msg2_internal(void *data, mach_msg_option64_t option64,
				     uint64_t msgh_bits_and_send_size,
				     uint64_t msgh_remote_and_local_port,
				     uint64_t msgh_voucher_and_id,
				     uint64_t desc_count_and_rcv_name,
				     uint64_t rcv_size_and_priority,
				     uint64_t timeout);

static inline mach_msg_return_t mach_msg2(void *data, mach_msg_option64_t option64,
					  mach_msg_header_t header,
					  mach_msg_size_t send_size,
					  mach_msg_size_t rcv_size,
					  mach_port_t rcv_name, uint64_t timeout,
					  uint32_t priority)
{
	mach_msg_base_t *base;
	mach_msg_size_t descriptors = 0;

	if (option64 & MACH64_MSG_VECTOR)
		base = (mach_msg_base_t *)(uintptr_t)((mach_msg_vector_t *)data)->msgv_data;
	else
		base = (mach_msg_base_t *)data;
	if ((option64 & MACH64_SEND_MSG) &&
	    (base->header.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		descriptors = base->body.msgh_descriptor_count;

	return mach_msg2_internal(data, option64,
		(uint64_t)send_size << 32 | (uint32_t)header.msgh_bits,
		(uint64_t)header.msgh_local_port << 32 | (uint32_t)header.msgh_remote_port,
		(uint64_t)(uint32_t)header.msgh_id << 32 | (uint32_t)header.msgh_voucher_port,
		(uint64_t)rcv_name << 32 | (uint32_t)descriptors,
		(uint64_t)priority << 32 | (uint32_t)rcv_size,
		timeout);
}

/* Drop one send right to a voucher received in a message. */
kern_return_t mach_voucher_deallocate(mach_port_name_t voucher);

#ifdef __cplusplus
}
#endif

#endif
