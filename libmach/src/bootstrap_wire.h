/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The bootstrap subsystem on the wire (MIG subsystem 400, replies +100),
 * shared by libmach's client stubs and tools/bootstrapd.  The shapes are
 * what MIG makes of the classic bootstrap.defs (launchd-106): header,
 * then descriptors for port and out-of-line arguments, then NDR and the
 * inline scalars; name_t is a fixed 128-byte c_string.  Every struct is
 * pack(4), as MIG's.  Documentation/bootstrap.rst has the same table.
 */
#ifndef LIBMACH_BOOTSTRAP_WIRE_H
#define LIBMACH_BOOTSTRAP_WIRE_H

#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/linux_mach.h>
#include <servers/bootstrap.h>

#define BS_MSG_CREATE_SERVER	400	/* not served: MIG_BAD_ID */
#define BS_MSG_UNPRIVILEGED	401	/* client-side on Darwin: MIG_BAD_ID */
#define BS_MSG_CHECK_IN		402
#define BS_MSG_REGISTER		403
#define BS_MSG_LOOK_UP		404
#define BS_MSG_LOOK_UP_ARRAY	405
#define BS_MSG_PARENT		406
#define BS_MSG_STATUS		407
#define BS_MSG_INFO		408	/* not served: MIG_BAD_ID */
#define BS_MSG_SUBSET		409
#define BS_MSG_CREATE_SERVICE	410
#define BS_MSG_LOOKUP_CHILDREN	425	/* launchd-842's id */
#define BS_MSG_DUMP		BOOTSTRAP_DUMP_MSG_ID	/* 450, Linux only */
#define BS_REPLY(id)		((id) + 100)

/* Entries per dump reply (about 32 KiB inline). */
#define BS_DUMP_PAGE		200

#pragma pack(push, 4)

/* 402 check_in, 404 look_up, 407 status, 410 create_service */
struct bs_name_request {
	mach_msg_header_t head;
	NDR_record_t ndr;
	name_t name;
};

/* 403 register */
struct bs_register_request {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	NDR_record_t ndr;
	name_t name;
};

/* 405 look_up_array */
struct bs_look_up_array_request {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t names;
	NDR_record_t ndr;
	mach_msg_type_number_t names_cnt;
};

/* 409 subset */
struct bs_subset_request {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t requestor;
};

/* 450 dump */
struct bs_dump_request {
	mach_msg_header_t head;
	NDR_record_t ndr;
	uint32_t flags;
	uint32_t start;		/* index of the first entry wanted */
};

/* 402, 404, 406, 409, 410 on success */
struct bs_port_reply {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
};

/* 407 */
struct bs_status_reply {
	mach_msg_header_t head;
	NDR_record_t ndr;
	kern_return_t retcode;
	bootstrap_status_t status;
};

/* 405 on success */
struct bs_look_up_array_reply {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_ool_ports_descriptor_t ports;
	NDR_record_t ndr;
	mach_msg_type_number_t ports_cnt;
	boolean_t all_known;
};

/* 425 on success */
struct bs_lookup_children_reply {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_ool_ports_descriptor_t ports;
	mach_msg_ool_descriptor_t names;
	mach_msg_ool_descriptor_t properties;
	NDR_record_t ndr;
	mach_msg_type_number_t ports_cnt;
	mach_msg_type_number_t names_cnt;
	mach_msg_type_number_t properties_cnt;
};

/* 450 on success: count entries follow */
struct bs_dump_reply {
	mach_msg_header_t head;
	NDR_record_t ndr;
	kern_return_t retcode;
	uint32_t next;		/* index to ask for next, 0 when done */
	uint32_t count;
	struct bootstrap_dump_entry entries[];
};

#pragma pack(pop)

#endif
