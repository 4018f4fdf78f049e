/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: the generic netlink family "mach", for introspection of Mach
 * tasks and IPC spaces.  mach_msg itself stays on the /dev/mach ioctl.
 *
 * The family exists in the initial network namespace only.  Every message
 * carries flat attributes from enum mach_nl_attr; one message describes one
 * object (a task, a name, the statistics, an event).
 *
 * Requests are checked strictly, before anything is dumped, and every
 * refusal carries an extended-ack message (NETLINK_EXT_ACK).
 * MACH_NL_A_PID is the only attribute a request may carry: any other
 * attribute, an unknown one, a wrong length or a zero pid fails it with
 * -EINVAL in NLMSG_ERROR, the attribute's offset included.  A dump whose
 * pid cannot be inspected (or a space dump without one) ends at once: its
 * NLMSG_DONE carries the negative errno and the message.
 *
 * Commands (requests; each answer is sent with the same command):
 *
 * MACH_NL_CMD_GET_TASKS (dump)
 *	One message per Mach task (a process that has used Mach), in pid
 *	order.  In: MACH_NL_A_PID (optional): only that process; an error if
 *	the caller may not inspect it (-EPERM), it does not exist (-ESRCH) or
 *	it never used Mach (-ENOENT).  Without it, the tasks the caller may
 *	inspect.  Out: PID, COMM, TASK_USER_STOP, TASK_LEGACY_STOP,
 *	TASK_JOB_STOPPED, TASK_NAMES, TASK_SEND, TASK_RECEIVE, TASK_SEND_ONCE,
 *	TASK_PORT_SET, TASK_DEAD_NAME, TASK_MSGS, TASK_BYTES.
 *
 * MACH_NL_CMD_GET_SPACE (dump)
 *	One message per name in a task's IPC space, in name-index order.
 *	In: MACH_NL_A_PID (required; errors as above).  Out: PID, NAME, TYPE,
 *	UREFS; for port rights PORT_ID and PORT_STATE, with RECEIVER_PID (the
 *	receiver is in a space) or KOBJECT and KOBJECT_PID (a kernel object);
 *	for receive rights also QLIMIT, MSGCOUNT, MSGBYTES, SEQNO, MSCOUNT,
 *	SRIGHTS, SORIGHTS, REQUESTS, DNREQUESTS, PSET_COUNT; for port sets
 *	PSET_NMEMBERS and PSET_MEMBERS.
 *
 * MACH_NL_CMD_GET_STATS (do)
 *	Module-wide counters.  In: nothing.  Out: the STAT_* attributes.
 *
 * Events (multicast group MACH_NL_MCGRP_EVENTS, kernel to user only; every
 * event has TIMESTAMP, and ACTOR_PID with ACTOR_COMM when a process did it):
 *
 * MACH_NL_CMD_EV_SUSPENDED, MACH_NL_CMD_EV_RESUMED
 *	A hold was placed on or released from task PID (COMM);
 *	TASK_USER_STOP and TASK_LEGACY_STOP are the counts after it.
 * MACH_NL_CMD_EV_TASK_DIED
 *	Task PID's task port died (the process exited or exec'd); PORT_ID is
 *	the task port.
 * MACH_NL_CMD_EV_PORT_DESTROYED
 *	Port PORT_ID died; RECEIVER_PID held its receive right (absent if it
 *	was in transit), or KOBJECT/KOBJECT_PID for a kernel object.
 * MACH_NL_CMD_EV_NOTIFY
 *	The kernel sent notification NOTIFY_ID (a msgh_id, 65-72) to port
 *	PORT_ID, whose receive right RECEIVER_PID holds.
 * MACH_NL_CMD_EV_GUARD
 *	Process PID (COMM) committed guard violation GUARD_CODE on NAME and
 *	was killed.
 *
 * MACH_NL_CMD_SUBSCRIBE (do)
 *	The events of the caller's own processes (those whose effective uid,
 *	or the last one the module saw for an exited process, is the
 *	caller's effective uid), unicast to the requesting socket until it closes; all events
 *	with CAP_SYS_ADMIN.  The way for a user without CAP_SYS_ADMIN to
 *	watch.  No attributes.
 *
 * Permissions: a caller may inspect a process whose real, effective and
 * saved user ids all equal its effective uid; any process with
 * CAP_SYS_ADMIN, or with CAP_SYS_PTRACE in the process's user namespace.
 * Statistics are open to everyone.  Joining the events group needs
 * CAP_SYS_ADMIN (a multicast message cannot be filtered per listener on
 * 6.1); MACH_NL_CMD_SUBSCRIBE is the per-user alternative.
 * Pids in dumps are in the caller's pid namespace, pids in events in
 * the initial one; 0 means "not visible there" (or, for ACTOR_PID, the
 * kernel itself, e.g. exit teardown).
 */
#ifndef _UAPI_LINUX_MACH_NETLINK_H
#define _UAPI_LINUX_MACH_NETLINK_H

#include <linux/const.h>

#define MACH_NL_FAMILY_NAME	"mach"
#define MACH_NL_FAMILY_VERSION	1
#define MACH_NL_MCGRP_EVENTS	"events"

enum mach_nl_cmd {
	MACH_NL_CMD_UNSPEC,
	MACH_NL_CMD_GET_TASKS,
	MACH_NL_CMD_GET_SPACE,
	MACH_NL_CMD_GET_STATS,
	MACH_NL_CMD_EV_SUSPENDED,
	MACH_NL_CMD_EV_RESUMED,
	MACH_NL_CMD_EV_TASK_DIED,
	MACH_NL_CMD_EV_PORT_DESTROYED,
	MACH_NL_CMD_EV_NOTIFY,
	MACH_NL_CMD_EV_GUARD,
	MACH_NL_CMD_SUBSCRIBE,

	__MACH_NL_CMD_MAX
};

#define MACH_NL_CMD_MAX (__MACH_NL_CMD_MAX - 1)

/* MACH_NL_A_PORT_STATE: where a port's receive right is. */
enum mach_nl_port_state {
	MACH_NL_PORT_IN_SPACE,		/* held in RECEIVER_PID's space */
	MACH_NL_PORT_IN_TRANSIT,	/* in a queued message */
	MACH_NL_PORT_KERNEL,		/* a kernel object; see KOBJECT */
	MACH_NL_PORT_DEAD,		/* destroyed */
};

/* MACH_NL_A_KOBJECT: what kernel object a port stands for. */
enum mach_nl_kobject {
	MACH_NL_KOBJECT_NONE,
	MACH_NL_KOBJECT_TASK,		/* task port of KOBJECT_PID */
	MACH_NL_KOBJECT_RESUME,		/* task_suspend tokens of KOBJECT_PID */
};

/* MACH_NL_A_REQUESTS: notifications requested on a receive right. */
#define MACH_NL_REQ_NO_SENDERS		_BITUL(0)
#define MACH_NL_REQ_PORT_DESTROYED	_BITUL(1)

enum mach_nl_attr {
	MACH_NL_A_UNSPEC,
	MACH_NL_A_PAD,			/* alignment for 64-bit attributes */
	MACH_NL_A_PID,			/* u32: the task (request and reply) */
	MACH_NL_A_COMM,			/* string: its command name */

	/* a task (GET_TASKS) and hold counts (EV_SUSPENDED/RESUMED) */
	MACH_NL_A_TASK_USER_STOP,	/* u32: user_stop_count, all holds */
	MACH_NL_A_TASK_LEGACY_STOP,	/* u32: of which task_suspend holds */
	MACH_NL_A_TASK_JOB_STOPPED,	/* u8: in a job-control stop */
	MACH_NL_A_TASK_NAMES,		/* u32: names in use */
	MACH_NL_A_TASK_SEND,		/* u32: names holding a send right */
	MACH_NL_A_TASK_RECEIVE,		/* u32: ... a receive right */
	MACH_NL_A_TASK_SEND_ONCE,	/* u32: ... a send-once right */
	MACH_NL_A_TASK_PORT_SET,	/* u32: port sets */
	MACH_NL_A_TASK_DEAD_NAME,	/* u32: dead names */
	MACH_NL_A_TASK_MSGS,		/* u32: messages queued to its ports */
	MACH_NL_A_TASK_BYTES,		/* u64: bytes queued to its ports */

	/* a name (GET_SPACE) */
	MACH_NL_A_NAME,			/* u32: mach_port_name_t */
	MACH_NL_A_TYPE,			/* u32: MACH_PORT_TYPE_* bits */
	MACH_NL_A_UREFS,		/* u32: user references */
	MACH_NL_A_PORT_ID,		/* u64: stable port id, never reused */
	MACH_NL_A_PORT_STATE,		/* u8: enum mach_nl_port_state */
	MACH_NL_A_RECEIVER_PID,		/* u32: holder of the receive right */
	MACH_NL_A_KOBJECT,		/* u8: enum mach_nl_kobject */
	MACH_NL_A_KOBJECT_PID,		/* u32: the process it stands for */
	MACH_NL_A_QLIMIT,		/* u32 */
	MACH_NL_A_MSGCOUNT,		/* u32: messages queued */
	MACH_NL_A_MSGBYTES,		/* u64: bytes queued */
	MACH_NL_A_SEQNO,		/* u32 */
	MACH_NL_A_MSCOUNT,		/* u32: make-send count */
	MACH_NL_A_SRIGHTS,		/* u32: send rights, anywhere */
	MACH_NL_A_SORIGHTS,		/* u32: send-once rights, anywhere */
	MACH_NL_A_REQUESTS,		/* u32: MACH_NL_REQ_* */
	MACH_NL_A_DNREQUESTS,		/* u32: dead-name requests on it */
	MACH_NL_A_PSET_COUNT,		/* u32: port sets it is a member of */
	MACH_NL_A_PSET_NMEMBERS,	/* u32: members of this port set */
	MACH_NL_A_PSET_MEMBERS,		/* nest of MACH_NL_A_NAME (u32): the
					 * members' names; may list fewer than
					 * PSET_NMEMBERS if they do not fit in
					 * one message
					 */

	/* statistics (GET_STATS), u64 each */
	MACH_NL_A_STAT_TASKS,		/* Mach tasks */
	MACH_NL_A_STAT_SPACES,		/* IPC spaces alive */
	MACH_NL_A_STAT_PORTS,		/* ports alive */
	MACH_NL_A_STAT_PSETS,		/* port sets alive */
	MACH_NL_A_STAT_ENTRIES,		/* names in use, all spaces */
	MACH_NL_A_STAT_KMSGS,		/* messages alive (queued, in flight) */
	MACH_NL_A_STAT_MSGS_SENT,	/* mach_msg sends accepted */
	MACH_NL_A_STAT_MSGS_RECEIVED,	/* messages dequeued by receivers */
	MACH_NL_A_STAT_NOTIFICATIONS,	/* notifications the kernel sent */
	MACH_NL_A_STAT_SUSPENDED,	/* tasks with a hold */
	MACH_NL_A_STAT_SUSPENSIONS,	/* holds, all tasks */
	MACH_NL_A_STAT_EVENTS_DROPPED,	/* events not sent (no memory) */

	/* events */
	MACH_NL_A_TIMESTAMP,		/* u64: CLOCK_REALTIME, ns */
	MACH_NL_A_ACTOR_PID,		/* u32: who did it; 0: the kernel */
	MACH_NL_A_ACTOR_COMM,		/* string */
	MACH_NL_A_NOTIFY_ID,		/* u32: msgh_id of a notification */
	MACH_NL_A_GUARD_CODE,		/* u32: the EXC_GUARD code */

	/* statistics added later (GET_STATS), u64 */
	MACH_NL_A_STAT_OOL_BYTES,	/* out-of-line bytes sent */

	/* limits (GET_STATS), u64; Documentation/security.rst */
	MACH_NL_A_STAT_USER_MAX_PORTS,	/* user_max_ports (0: none) */
	MACH_NL_A_STAT_USER_MAX_MSG_BYTES, /* user_max_msg_bytes */
	MACH_NL_A_STAT_GLOBAL_MAX_MSG_BYTES, /* global_max_msg_bytes */
	MACH_NL_A_STAT_MSG_BYTES,	/* message bytes charged, all users */
	MACH_NL_A_STAT_USERS,		/* uids seen */
	MACH_NL_A_STAT_PORT_DENIALS,	/* ports refused by user_max_ports */
	MACH_NL_A_STAT_MSG_DENIALS,	/* sends refused by a message limit */

	__MACH_NL_A_MAX
};

#define MACH_NL_A_MAX (__MACH_NL_A_MAX - 1)

#endif /* _UAPI_LINUX_MACH_NETLINK_H */
