/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/linux_mach.h>: libmach extensions that exist only on Linux.
 * Nothing here has a Darwin counterpart; portable programs do not need it.
 */
#ifndef _MACH_LINUX_MACH_H_
#define _MACH_LINUX_MACH_H_

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Make @port (a send right in the caller's space, copied) the bootstrap
 * port of every task created from now on that inherits none from its
 * parent (and the caller's own, if it has none).  MACH_PORT_NULL clears
 * it.  This is how bootstrapd announces itself, the job launchd does by
 * being PID 1 on Darwin.  Needs CAP_SYS_ADMIN: KERN_NO_ACCESS otherwise;
 * KERN_INVALID_RIGHT / KERN_INVALID_NAME if @port is not a send right;
 * KERN_NOT_SUPPORTED if the module predates the call.
 */
kern_return_t libmach_set_default_bootstrap(mach_port_t port);

/*
 * bootstrapd's namespace dump: the private routine 450 (see
 * Documentation/bootstrap.rst), what bstree and bslist print.
 */
#define BOOTSTRAP_DUMP_MSG_ID		450

/* Request flags. */
#define BOOTSTRAP_DUMP_TREE		0x0	/* bp's namespace and all below */
#define BOOTSTRAP_DUMP_VISIBLE		0x1	/* names a lookup on bp can reach */

/* Entry kinds. */
#define BOOTSTRAP_DUMP_NAMESPACE	1
#define BOOTSTRAP_DUMP_SERVICE		2

/* Entry flags. */
#define BOOTSTRAP_DUMP_F_REGISTERED	0x1	/* service: a registered send right */
#define BOOTSTRAP_DUMP_F_CHECKED_IN	0x2	/* service: has been checked in */
#define BOOTSTRAP_DUMP_F_ROOT		0x4	/* namespace: the root */
#define BOOTSTRAP_DUMP_F_INHERITED	0x8	/* VISIBLE: found in an ancestor */
#define BOOTSTRAP_DUMP_F_SELF		0x10	/* namespace: the one asked */

/* One record, 160 bytes; namespaces precede their services and subsets. */
struct bootstrap_dump_entry {
	uint32_t kind;		/* BOOTSTRAP_DUMP_NAMESPACE / _SERVICE */
	uint32_t ns;		/* namespace id (root: 1); a service's own namespace */
	uint32_t parent;	/* namespace: parent's id, 0 for the root */
	uint32_t depth;		/* namespace depth below the root (root: 0) */
	int32_t status;		/* service: BOOTSTRAP_STATUS_* */
	int32_t pid;		/* service: holder/registrant; namespace: creator */
	uint32_t uid;		/* owner (effective uid of the creator) */
	uint32_t flags;		/* BOOTSTRAP_DUMP_F_* */
	char name[128];		/* service name, or namespace label */
};

/*
 * Everything the caller may see from @bp (bootstrapd filters by the
 * caller's uid), in one malloc'd array the caller frees.  Errors are the
 * transport's or KERN_RESOURCE_SHORTAGE.
 */
kern_return_t libmach_bootstrap_dump(mach_port_t bp, uint32_t flags,
				     struct bootstrap_dump_entry **entries,
				     uint32_t *count);

/*
 * A file descriptor for the receive right or port set @name in the
 * caller's space, for poll/epoll/select and the event loops built on them
 * (what kqueue's EVFILT_MACHPORT is on Darwin; Documentation/sync.rst):
 *  - readable (POLLIN / EPOLLIN) while a message is queued on the port, or
 *    on any port that is a member of the set when it is polled;
 *  - POLLHUP once the right is destroyed (or has left the space) or the
 *    set is destroyed;
 *  - it never receives: mach_msg does that; closing it changes nothing
 *    about the right.  It is close-on-exec.
 * Any other name, MACH_PORT_NULL included, gives -1 with errno EINVAL;
 * -1 with the kernel's errno (EMFILE, ENOMEM, ENOTTY for an older module)
 * otherwise.
 */
int libmach_port_fd(mach_port_name_t name);

#ifdef __cplusplus
}
#endif

#endif
