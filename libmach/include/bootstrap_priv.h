/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <bootstrap_priv.h>: the few private launchd routines libmach provides
 * (Darwin installs this header in /usr/local/include).  See
 * Documentation/bootstrap.rst.
 */
#ifndef __BOOTSTRAP_PRIVATE_H__
#define __BOOTSTRAP_PRIVATE_H__

#include <servers/bootstrap.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Properties of a namespace, as lookup_children reports them. */
#define BOOTSTRAP_PROPERTY_EXPLICITSUBSET	(1 << 0)
#define BOOTSTRAP_PROPERTY_IMPLICITSUBSET	(1 << 1)
#define BOOTSTRAP_PROPERTY_MOVEDSUBSET		(1 << 2)
#define BOOTSTRAP_PROPERTY_PERUSER		(1 << 3)
#define BOOTSTRAP_PROPERTY_XPC_DOMAIN		(1 << 4)
#define BOOTSTRAP_PROPERTY_XPC_SINGLETON	(1 << 5)

/*
 * The direct subsets of bp's namespace: a send right to each (an array
 * the caller releases with vm_deallocate after deallocating the rights),
 * its label and properties.  Root (euid 0) only: BOOTSTRAP_NOT_PRIVILEGED
 * otherwise; BOOTSTRAP_NO_CHILDREN when there is none.
 */
kern_return_t bootstrap_lookup_children(mach_port_t bp,
					mach_port_array_t *children,
					name_array_t *names,
					bootstrap_property_array_t *properties,
					mach_msg_type_number_t *n_children);

/*
 * The classic (mach_init) batch lookup: a send right, or MACH_PORT_NULL,
 * for each of service_namesCnt names.  *service_ports is vm_allocate'd.
 * More than BOOTSTRAP_MAX_LOOKUP_COUNT names: BOOTSTRAP_BAD_COUNT.
 */
kern_return_t bootstrap_look_up_array(mach_port_t bp,
				      name_array_t service_names,
				      mach_msg_type_number_t service_namesCnt,
				      mach_port_array_t *service_ports,
				      mach_msg_type_number_t *service_portsCnt,
				      boolean_t *all_services_known);

#ifdef __cplusplus
}
#endif

#endif
