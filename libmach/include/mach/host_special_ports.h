/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Host special port numbers (host_get_special_port). */
#ifndef _MACH_HOST_SPECIAL_PORTS_H_
#define _MACH_HOST_SPECIAL_PORTS_H_

#define HOST_SECURITY_PORT		0
#define HOST_PORT			1
#define HOST_PRIV_PORT			2
#define HOST_IO_MAIN_PORT		3
#define HOST_IO_MASTER_PORT		HOST_IO_MAIN_PORT
#define HOST_MAX_SPECIAL_KERNEL_PORT	7

#define HOST_DYNAMIC_PAGER_PORT		(1 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_AUDIT_CONTROL_PORT		(2 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_USER_NOTIFICATION_PORT	(3 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_AUTOMOUNTD_PORT		(4 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_LOCKD_PORT			(5 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_KTRACE_BACKGROUND_PORT	(6 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_SEATBELT_PORT		(7 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_KEXTD_PORT			(8 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_LAUNCHCTL_PORT		(9 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_UNFREED_PORT		(10 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_AMFID_PORT			(11 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_GSSD_PORT			(12 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_TELEMETRY_PORT		(13 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_ATM_NOTIFICATION_PORT	(14 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_COALITION_PORT		(15 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_SYSDIAGNOSE_PORT		(16 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_XPC_EXCEPTION_PORT		(17 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_CONTAINERD_PORT		(18 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_NODE_PORT			(19 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_RESOURCE_NOTIFY_PORT	(20 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_CLOSURED_PORT		(21 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_SYSPOLICYD_PORT		(22 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_FILECOORDINATIOND_PORT	(23 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_FAIRPLAYD_PORT		(24 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_IOCOMPRESSIONSTATS_PORT	(25 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_MEMORY_ERROR_PORT		(26 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_MANAGEDAPPDISTD_PORT	(27 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_DOUBLEAGENTD_PORT		(28 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_MAX_SPECIAL_PORT		HOST_DOUBLEAGENTD_PORT

#define HOST_LOCAL_NODE			-1

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
