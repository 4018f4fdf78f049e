/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host_reboot() options (the call needs the host-priv port: not served). */
#ifndef _MACH_HOST_REBOOT_
#define _MACH_HOST_REBOOT_

#define HOST_REBOOT_HALT	0x0008
#define HOST_REBOOT_UPSDELAY	0x0100
#define HOST_REBOOT_DEBUGGER	0x1000

#endif
