/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel notifications: message ids and the shapes they arrive in.  The
 * structs end in a format-0 trailer, so they are receive buffers sized
 * for the default trailer (MACH_RCV_TRAILER_SENDER or smaller).
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <mach/port.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <linux/mach/notify.h>

typedef mach_port_t notify_port_t;

#pragma pack(push, 4)

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* the deleted name */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_possible_notification_t;

/* Complex: carries the receive right back (disposition PORT_RECEIVE). */
typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_body_t			not_body;
	mach_msg_port_descriptor_t	not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_msg_type_number_t		not_count;	/* make-send count */
	mach_msg_format_0_trailer_t	trailer;
} mach_no_senders_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_once_notification_t;

/* The name now holds a dead name, with one extra uref to release. */
typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_dead_name_notification_t;

#pragma pack(pop)

#endif
