/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host_request_notification() types and reply ids. */
#ifndef _MACH_HOST_NOTIFY_H_
#define _MACH_HOST_NOTIFY_H_

#define HOST_NOTIFY_CALENDAR_CHANGE	0
#define HOST_NOTIFY_CALENDAR_SET	1
#define HOST_NOTIFY_TYPE_MAX		1

#define HOST_CALENDAR_CHANGED_REPLYID	950
#define HOST_CALENDAR_SET_REPLYID	951

#endif
