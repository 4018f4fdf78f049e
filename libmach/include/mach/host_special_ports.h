/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Host special port numbers (host_get_special_port). */
#ifndef _MACH_HOST_SPECIAL_PORTS_H_
#define _MACH_HOST_SPECIAL_PORTS_H_

#include <linux/mach/host_special_ports.h>

#define host_get_host_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_PORT, (port)))
#define host_get_host_priv_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_PRIV_PORT, (port)))
#define host_get_io_main_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_IO_MAIN_PORT, (port)))
#define host_get_io_master_port(host, port)	host_get_io_main_port(host, port)
#define host_get_dynamic_pager_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_DYNAMIC_PAGER_PORT, (port)))
#define host_set_dynamic_pager_port(host, port) \
	(host_set_special_port((host), HOST_DYNAMIC_PAGER_PORT, (port)))
#define host_get_audit_control_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_AUDIT_CONTROL_PORT, (port)))
#define host_set_audit_control_port(host, port) \
	(host_set_special_port((host), HOST_AUDIT_CONTROL_PORT, (port)))
#define host_get_user_notification_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_USER_NOTIFICATION_PORT, (port)))
#define host_set_user_notification_port(host, port) \
	(host_set_special_port((host), HOST_USER_NOTIFICATION_PORT, (port)))

#endif
