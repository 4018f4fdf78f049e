/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Names of the host, task and thread special ports (libsyscall's
 * <mach/port_descriptions.h>): a short description of a port number, and
 * the number of a port from its identifier ("HOST_PRIV_PORT").
 */
#ifndef _MACH_PORT_DESCRIPTIONS_H_
#define _MACH_PORT_DESCRIPTIONS_H_

#ifdef __cplusplus
extern "C" {
#endif

/* A description of the special port @port, or NULL if there is none. */
const char *mach_host_special_port_description(int port);
const char *mach_task_special_port_description(int port);
const char *mach_thread_special_port_description(int port);

/*
 * The number of the special port whose identifier (its macro's name, as
 * "TASK_BOOTSTRAP_PORT") is @id; -1 with errno EINVAL if @id names none.
 */
int mach_host_special_port_for_id(const char *id);
int mach_task_special_port_for_id(const char *id);
int mach_thread_special_port_for_id(const char *id);

#ifdef __cplusplus
}
#endif

#endif
