// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * <mach/port_descriptions.h>: the special ports' descriptions and
 * identifiers.  One table per kind, indexed by port number.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/host_special_ports.h>
#include <mach/port_descriptions.h>
#include "libmach.h"

struct special_port {
	const char *id;		/* the macro's name */
	const char *desc;
};

#define SP(num, desc) [num] = { #num, desc }

static const struct special_port host_ports[HOST_MAX_SPECIAL_PORT + 1] = {
	SP(HOST_SECURITY_PORT, "security"),
	SP(HOST_PORT, "host"),
	SP(HOST_PRIV_PORT, "privileged host"),
	SP(HOST_IO_MASTER_PORT, "I/O main"),
	SP(HOST_DYNAMIC_PAGER_PORT, "dynamic pager"),
	SP(HOST_AUDIT_CONTROL_PORT, "audit control"),
	SP(HOST_USER_NOTIFICATION_PORT, "user notification"),
	SP(HOST_AUTOMOUNTD_PORT, "automounter"),
	SP(HOST_LOCKD_PORT, "lock daemon"),
	SP(HOST_KTRACE_BACKGROUND_PORT, "background tracing"),
	SP(HOST_SEATBELT_PORT, "sandbox"),
	SP(HOST_KEXTD_PORT, "kernel extension daemon"),
	SP(HOST_LAUNCHCTL_PORT, "launchctl"),
	SP(HOST_UNFREED_PORT, "unfreed"),
	SP(HOST_AMFID_PORT, "code signing daemon"),
	SP(HOST_GSSD_PORT, "GSS daemon"),
	SP(HOST_TELEMETRY_PORT, "telemetry"),
	SP(HOST_ATM_NOTIFICATION_PORT, "ATM notification"),
	SP(HOST_COALITION_PORT, "coalition"),
	SP(HOST_SYSDIAGNOSE_PORT, "sysdiagnose"),
	SP(HOST_XPC_EXCEPTION_PORT, "XPC exception"),
	SP(HOST_CONTAINERD_PORT, "container daemon"),
	SP(HOST_NODE_PORT, "node"),
	SP(HOST_RESOURCE_NOTIFY_PORT, "resource notification"),
	SP(HOST_CLOSURED_PORT, "closure daemon"),
	SP(HOST_SYSPOLICYD_PORT, "system policy daemon"),
	SP(HOST_FILECOORDINATIOND_PORT, "file coordination daemon"),
	SP(HOST_FAIRPLAYD_PORT, "FairPlay daemon"),
	SP(HOST_IOCOMPRESSIONSTATS_PORT, "I/O compression statistics"),
	SP(HOST_MEMORY_ERROR_PORT, "memory error"),
	SP(HOST_MANAGEDAPPDISTD_PORT, "managed app distribution daemon"),
	SP(HOST_DOUBLEAGENTD_PORT, "double agent daemon"),
};

static const struct special_port task_ports[TASK_MAX_SPECIAL_PORT + 1] = {
	SP(TASK_KERNEL_PORT, "task control"),
	SP(TASK_HOST_PORT, "host"),
	SP(TASK_NAME_PORT, "task name"),
	SP(TASK_BOOTSTRAP_PORT, "bootstrap"),
	SP(TASK_INSPECT_PORT, "task inspect"),
	SP(TASK_READ_PORT, "task read"),
	SP(TASK_SEATBELT_PORT, "seatbelt"),
	SP(TASK_ACCESS_PORT, "task access"),
	SP(TASK_DEBUG_CONTROL_PORT, "debug control"),
	SP(TASK_RESOURCE_NOTIFY_PORT, "resource notification"),
};

static const struct special_port thread_ports[THREAD_MAX_SPECIAL_PORT + 1] = {
	SP(THREAD_KERNEL_PORT, "thread control"),
	SP(THREAD_INSPECT_PORT, "thread inspect"),
	SP(THREAD_READ_PORT, "thread read"),
};

static const char *describe(const struct special_port *t, int n, int port)
{
	if (port < 0 || port >= n)
		return NULL;
	return t[port].desc;
}

static int port_for_id(const struct special_port *t, int n, const char *id)
{
	int i;

	if (id)
		for (i = 0; i < n; i++)
			if (t[i].id && !strcmp(t[i].id, id))
				return i;
	errno = EINVAL;
	return -1;
}

#define COUNT(t) ((int)(sizeof(t) / sizeof((t)[0])))

LIBMACH_API const char *mach_host_special_port_description(int port)
{
	return describe(host_ports, COUNT(host_ports), port);
}

LIBMACH_API const char *mach_task_special_port_description(int port)
{
	return describe(task_ports, COUNT(task_ports), port);
}

LIBMACH_API const char *mach_thread_special_port_description(int port)
{
	return describe(thread_ports, COUNT(thread_ports), port);
}

LIBMACH_API int mach_host_special_port_for_id(const char *id)
{
	return port_for_id(host_ports, COUNT(host_ports), id);
}

LIBMACH_API int mach_task_special_port_for_id(const char *id)
{
	return port_for_id(task_ports, COUNT(task_ports), id);
}

LIBMACH_API int mach_thread_special_port_for_id(const char *id)
{
	return port_for_id(thread_ports, COUNT(thread_ports), id);
}
