/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <servers/bootstrap.h>: the bootstrap (name service) API, as Darwin's
 * liblaunch declares it (launchd-842 bootstrap.h), served on Linux by
 * tools/bootstrapd.  See Documentation/bootstrap.rst for the protocol,
 * who may see which name, and where this differs from launchd.
 *
 * Every routine takes a bootstrap port: normally the bootstrap_port
 * global, which libmach fills at load and again in every fork child from
 * the task's TASK_BOOTSTRAP_PORT special port (as libSystem does), or a
 * subset port from bootstrap_subset().
 *
 * Names are declared const char * where Darwin writes name_t (an array
 * parameter, the same type after decay): GCC would otherwise warn about
 * every string literal shorter than 128 bytes.
 *
 * Transport errors come back unchanged: a bootstrap port whose server is
 * gone (bootstrapd was killed and restarted) gives MACH_SEND_INVALID_DEST,
 * a server that dies during a call gives MIG_SERVER_DIED.
 */
#ifndef __BOOTSTRAP_H__
#define __BOOTSTRAP_H__

#include <stdbool.h>
#include <sys/types.h>
#include <mach/std_types.h>
#include <mach/message.h>
#include <mach/mach_init.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BOOTSTRAP_MAX_NAME_LEN		128
#define BOOTSTRAP_MAX_CMD_LEN		512

/* A service name: at most BOOTSTRAP_MAX_NAME_LEN - 1 bytes and a NUL. */
typedef char name_t[BOOTSTRAP_MAX_NAME_LEN];
typedef char cmd_t[BOOTSTRAP_MAX_CMD_LEN];
typedef name_t *name_array_t;
typedef int bootstrap_status_t;
typedef bootstrap_status_t *bootstrap_status_array_t;
typedef unsigned int bootstrap_property_t;
typedef bootstrap_property_t *bootstrap_property_array_t;
typedef boolean_t *bool_array_t;

#define BOOTSTRAP_MAX_LOOKUP_COUNT	20

#define BOOTSTRAP_SUCCESS		0
#define BOOTSTRAP_NOT_PRIVILEGED	1100
#define BOOTSTRAP_NAME_IN_USE		1101
#define BOOTSTRAP_UNKNOWN_SERVICE	1102
#define BOOTSTRAP_SERVICE_ACTIVE	1103
#define BOOTSTRAP_BAD_COUNT		1104
#define BOOTSTRAP_NO_MEMORY		1105
#define BOOTSTRAP_NO_CHILDREN		1106

#define BOOTSTRAP_STATUS_INACTIVE	0
#define BOOTSTRAP_STATUS_ACTIVE		1
#define BOOTSTRAP_STATUS_ON_DEMAND	2

/*
 * The task's bootstrap port (a send right), or MACH_PORT_NULL when the
 * task has none (no bootstrapd was running when it was created).  Kept
 * up to date across fork; a task_set_bootstrap_port() on oneself does not
 * change it (as on Darwin: assign it, or re-read it with
 * task_get_bootstrap_port(mach_task_self(), &bootstrap_port)).
 */
extern mach_port_t bootstrap_port;

/*
 * Declares a server for bootstrapd to (re)start.  Not provided: returns
 * KERN_NOT_SUPPORTED without sending anything.
 */
kern_return_t bootstrap_create_server(mach_port_t bp, const char *server_cmd,
				      uid_t server_uid, boolean_t on_demand,
				      mach_port_t *server_port);

/*
 * A new namespace below bp: lookups in it fall through to bp's namespace,
 * names checked in or registered in it shadow bp's.  It lives as long as
 * requestor_port (normally mach_task_self()) does.  Returns a send right.
 * Errors: BOOTSTRAP_NOT_PRIVILEGED (requestor_port is MACH_PORT_NULL),
 * BOOTSTRAP_NO_MEMORY (too deep, or the caller's uid is at its cap).
 */
kern_return_t bootstrap_subset(mach_port_t bp, mach_port_t requestor_port,
			       mach_port_t *subset_port);

/* Another user reference on bp, returned as *unpriv_port (as Darwin). */
kern_return_t bootstrap_unprivileged(mach_port_t bp, mach_port_t *unpriv_port);

/*
 * The parent namespace's port (the root returns itself).  Only for
 * callers with effective uid 0: BOOTSTRAP_NOT_PRIVILEGED otherwise.
 */
kern_return_t bootstrap_parent(mach_port_t bp, mach_port_t *parent_port);

/*
 * Binds service_name to a send right for sp (copied; the caller keeps
 * its own).  The binding goes away when sp's port dies.  MACH_PORT_NULL
 * removes the caller's inactive binding (root: anyone's).  Deprecated on
 * Darwin: prefer bootstrap_check_in.  Errors: BOOTSTRAP_NOT_PRIVILEGED
 * (another user's name, or an inactive checked-in service),
 * BOOTSTRAP_SERVICE_ACTIVE, BOOTSTRAP_NO_MEMORY (per-uid cap).
 */
kern_return_t bootstrap_register(mach_port_t bp, const char *service_name,
				 mach_port_t sp);

/*
 * Declares service_name without a server: bootstrapd keeps the receive
 * right (messages queue) until someone checks the name in.  Returns a
 * send right.  Errors: BOOTSTRAP_NAME_IN_USE if the name exists in bp's
 * namespace.
 */
kern_return_t bootstrap_create_service(mach_port_t bp, const char *service_name,
				       mach_port_t *sp);

/*
 * The receive right for service_name, created if the name is new.  When
 * the holder dies (or destroys the right) the right goes back to
 * bootstrapd: the service is inactive, lookups still succeed and
 * messages queue for the next check-in.  Errors:
 * BOOTSTRAP_SERVICE_ACTIVE (someone holds it), BOOTSTRAP_NOT_PRIVILEGED
 * (another user's name; root takes a user's name over instead),
 * BOOTSTRAP_NO_MEMORY (per-uid cap).  Names are 1..127 bytes; others are
 * refused with MIG_BAD_ARGUMENTS.
 */
kern_return_t bootstrap_check_in(mach_port_t bp, const char *service_name,
				 mach_port_t *sp);

/*
 * A send right for service_name, searched in bp's namespace then its
 * ancestors.  Errors: BOOTSTRAP_UNKNOWN_SERVICE, BOOTSTRAP_NOT_PRIVILEGED
 * (the name belongs to another non-root user).
 */
kern_return_t bootstrap_look_up(mach_port_t bp, const char *service_name,
				mach_port_t *sp);

/*
 * BOOTSTRAP_STATUS_ACTIVE (held or registered), _INACTIVE (its holder
 * went away) or _ON_DEMAND (declared, never checked in).
 */
kern_return_t bootstrap_status(mach_port_t bp, const char *service_name,
			       bootstrap_status_t *service_active);

/*
 * Text for a bootstrap or Mach error: Darwin's words for 0 and
 * 1100-1106, mach_error_string() for anything else.
 */
const char *bootstrap_strerror(kern_return_t r)
	__attribute__((__nothrow__, __warn_unused_result__));

#ifdef __cplusplus
}
#endif

#endif /* __BOOTSTRAP_H__ */
