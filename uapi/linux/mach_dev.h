/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: the /dev/mach ioctl ABI shared by mach.ko and libmach.
 *
 * Rules: fixed-width types only, every struct has explicit padding, every
 * reserved field must be zero on input (-EINVAL otherwise).  Mach-level
 * results travel in the struct as kern_return_t / mach_msg_return_t values;
 * the ioctl's own return value is 0 or a negative errno for ABI misuse
 * (bad pointer, bad size, non-zero reserved field, unknown command).
 */
#ifndef _UAPI_LINUX_MACH_DEV_H
#define _UAPI_LINUX_MACH_DEV_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define MACH_DEV_NAME		"mach"
#define MACH_DEV_ABI_VERSION	1

/* 0xE8 is unassigned in Documentation/userspace-api/ioctl/ioctl-number.rst */
#define MACH_IOC_MAGIC		0xE8

/* Feature bits reported by MACH_IOC_VERSION. */
#define MACH_FEATURE_PORTS	_BITULL(0)
#define MACH_FEATURE_MSG	_BITULL(1)
/* task read/inspect ports, mach_port_peek, guard_with_flags, swap_guard */
#define MACH_FEATURE_CONFORMANCE	_BITULL(14)
/* task/thread exception ports; CPU faults raised as Mach exceptions */
#define MACH_FEATURE_EXCEPTIONS	_BITULL(11)
#define MACH_FEATURE_SEMAPHORE	_BITULL(8)	/* MACH_IOC_SEMA_* */
#define MACH_FEATURE_MK_TIMER	_BITULL(9)	/* MACH_IOC_TIMER_* */
#define MACH_FEATURE_PORT_FD	_BITULL(10)	/* MACH_IOC_PORT_FD */
/* another task's memory through its port (mach_vm_*, MIG ids 4800...) */
#define MACH_FEATURE_VM		_BITULL(12)
/* the host port and clocks (MACH_IOC_HOST_SELF, MIG ids 200..., 1000) */
#define MACH_FEATURE_HOST	_BITULL(13)

struct mach_ioc_version {
	__u32 abi_version;	/* out: MACH_DEV_ABI_VERSION */
	__u32 flags;		/* in: must be 0 */
	__u64 features;		/* out: MACH_FEATURE_* */
	__u64 reserved[2];	/* in: must be 0 */
};

/*
 * Port calls.  One argument block serves every mach_port_* ioctl; each
 * command reads only the fields its comment below names (the table in
 * Documentation/abi.rst has them too), and every other field, @kr and
 * @reserved included, must be zero on input (-EINVAL otherwise).  @kr is
 * always written: the Mach result, KERN_SUCCESS or XNU's error.
 */
struct mach_port_args {
	__u32 task;		/* in: target task name in the caller's space */
	__u32 name;		/* in/out: port name in the target space */
	__u32 right;		/* in: MACH_PORT_RIGHT_* or flavor */
	__s32 delta;		/* in: mod_refs delta, srdelta, strict flag */
	__u32 poly;		/* in/out: a name in the caller's space */
	__u32 disposition;	/* in/out: MACH_MSG_TYPE_* */
	__u32 value;		/* in/out: urefs, type bits, count, sync */
	__s32 kr;		/* out: kern_return_t */
	__u64 arg;		/* in/out: guard, context, user buffer pointer */
	__u64 arg2;		/* in/out: second pointer or value */
	__u64 reserved;		/* in: must be 0 */
};

struct mach_msg_args {
	__u64 msg;		/* in: user pointer, send buffer (and receive) */
	__u64 rcv_msg;		/* in: receive buffer for overwrite; 0 = msg */
	__u32 option;		/* in: MACH_SEND_MSG | MACH_RCV_MSG | ... */
	__u32 send_size;	/* in */
	__u32 rcv_size;		/* in */
	__u32 rcv_name;		/* in */
	__u32 timeout;		/* in: milliseconds */
	__u32 notify;		/* in: must be MACH_PORT_NULL */
	__s32 mr;		/* out: mach_msg_return_t */
	__u32 reserved;		/* in: must be 0 */
};

/*
 * Reads flags and reserved (0); writes abi_version and features.  Never
 * fails once the device is open.
 */
#define MACH_IOC_VERSION	_IOWR(MACH_IOC_MAGIC, 0x00, struct mach_ioc_version)

/* mach_task_self: reads nothing; writes name (the caller's task port name). */
#define MACH_IOC_TASK_SELF		_IOWR(MACH_IOC_MAGIC, 0x10, struct mach_port_args)
/*
 * mach_port_allocate: reads task, right (RECEIVE, PORT_SET or DEAD_NAME);
 * writes name.
 */
#define MACH_IOC_PORT_ALLOCATE		_IOWR(MACH_IOC_MAGIC, 0x11, struct mach_port_args)
/* mach_port_allocate_name: reads task, right, name (the name wanted). */
#define MACH_IOC_PORT_ALLOCATE_NAME	_IOWR(MACH_IOC_MAGIC, 0x12, struct mach_port_args)
/* mach_port_deallocate: reads task, name. */
#define MACH_IOC_PORT_DEALLOCATE	_IOWR(MACH_IOC_MAGIC, 0x13, struct mach_port_args)
/* mach_port_destroy: reads task, name. */
#define MACH_IOC_PORT_DESTROY		_IOWR(MACH_IOC_MAGIC, 0x14, struct mach_port_args)
/* mach_port_mod_refs: reads task, name, right, delta. */
#define MACH_IOC_PORT_MOD_REFS		_IOWR(MACH_IOC_MAGIC, 0x15, struct mach_port_args)
/* mach_port_get_refs: reads task, name, right; writes value (urefs). */
#define MACH_IOC_PORT_GET_REFS		_IOWR(MACH_IOC_MAGIC, 0x16, struct mach_port_args)
/* mach_port_type: reads task, name; writes value (MACH_PORT_TYPE_* bits). */
#define MACH_IOC_PORT_TYPE		_IOWR(MACH_IOC_MAGIC, 0x17, struct mach_port_args)
/*
 * mach_port_insert_right: reads task, name, poly (the caller's name of
 * the right), disposition.
 */
#define MACH_IOC_PORT_INSERT_RIGHT	_IOWR(MACH_IOC_MAGIC, 0x18, struct mach_port_args)
/*
 * mach_port_extract_right: reads task, name, disposition (msgt_name);
 * writes poly (the new name in the caller's space), disposition (16/17/18).
 */
#define MACH_IOC_PORT_EXTRACT_RIGHT	_IOWR(MACH_IOC_MAGIC, 0x19, struct mach_port_args)
/*
 * mach_port_move_member: reads task, name (member), value (the set, or 0
 * to leave every set).
 */
#define MACH_IOC_PORT_MOVE_MEMBER	_IOWR(MACH_IOC_MAGIC, 0x1a, struct mach_port_args)
/* mach_port_insert_member: reads task, name (member), value (set). */
#define MACH_IOC_PORT_INSERT_MEMBER	_IOWR(MACH_IOC_MAGIC, 0x1b, struct mach_port_args)
/* mach_port_extract_member: reads task, name (member), value (set). */
#define MACH_IOC_PORT_EXTRACT_MEMBER	_IOWR(MACH_IOC_MAGIC, 0x1c, struct mach_port_args)
/*
 * mach_port_request_notification: reads task, name, right (msgid), value
 * (sync), poly (notify port, caller's name), disposition (notifyPoly);
 * writes poly (the previous notify port, caller's name).
 */
#define MACH_IOC_PORT_REQUEST_NOTIFY	_IOWR(MACH_IOC_MAGIC, 0x1d, struct mach_port_args)
/*
 * mach_port_get_attributes: reads task (a read port will do), name, right
 * (flavor), value (count), arg (user pointer to integer_t[count]);
 * writes *arg, value (count written).
 */
#define MACH_IOC_PORT_GET_ATTRIBUTES	_IOWR(MACH_IOC_MAGIC, 0x1e, struct mach_port_args)
/*
 * mach_port_set_attributes: reads task, name, right (flavor), value
 * (count), arg (user pointer to integer_t[count]).
 */
#define MACH_IOC_PORT_SET_ATTRIBUTES	_IOWR(MACH_IOC_MAGIC, 0x1f, struct mach_port_args)
/*
 * mach_port_get_context: reads task (a read port will do), name; writes
 * arg (context).
 */
#define MACH_IOC_PORT_GET_CONTEXT	_IOWR(MACH_IOC_MAGIC, 0x20, struct mach_port_args)
/* mach_port_set_context: reads task, name, arg (context). */
#define MACH_IOC_PORT_SET_CONTEXT	_IOWR(MACH_IOC_MAGIC, 0x21, struct mach_port_args)
/*
 * mach_port_names: reads task, value (capacity), arg (names buffer), arg2
 * (types buffer); writes both buffers and value (count).  A count over the
 * capacity copies nothing and returns KERN_INSUFFICIENT_BUFFER_SIZE.
 */
#define MACH_IOC_PORT_NAMES		_IOWR(MACH_IOC_MAGIC, 0x22, struct mach_port_args)
/*
 * mach_port_get_set_status: reads task (a read port will do), name (set),
 * value (capacity), arg (names buffer); writes *arg, value (count); the
 * capacity rule of PORT_NAMES.
 */
#define MACH_IOC_PORT_GET_SET_STATUS	_IOWR(MACH_IOC_MAGIC, 0x23, struct mach_port_args)
/*
 * mach_port_construct: reads task, arg (user pointer to the 24-byte
 * mach_port_options_t), arg2 (context); writes name.
 */
#define MACH_IOC_PORT_CONSTRUCT		_IOWR(MACH_IOC_MAGIC, 0x24, struct mach_port_args)
/* mach_port_destruct: reads task, name, delta (srdelta), arg (guard). */
#define MACH_IOC_PORT_DESTRUCT		_IOWR(MACH_IOC_MAGIC, 0x25, struct mach_port_args)
/* mach_port_guard: reads task, name, arg (guard), delta (strict: 0 or 1). */
#define MACH_IOC_PORT_GUARD		_IOWR(MACH_IOC_MAGIC, 0x26, struct mach_port_args)
/* mach_port_unguard: reads task, name, arg (guard). */
#define MACH_IOC_PORT_UNGUARD		_IOWR(MACH_IOC_MAGIC, 0x27, struct mach_port_args)
/* mach_port_set_mscount: reads task, name, value (mscount). */
#define MACH_IOC_PORT_SET_MSCOUNT	_IOWR(MACH_IOC_MAGIC, 0x28, struct mach_port_args)
/*
 * task_for_pid: reads task (target_tport: the caller's own task port,
 * checked by the call, KERN_FAILURE otherwise), value (pid); writes name (a
 * send right to that task's control port).  Policy: tasks.rst.
 */
#define MACH_IOC_TASK_FOR_PID		_IOWR(MACH_IOC_MAGIC, 0x29, struct mach_port_args)
/* pid_for_task: reads name (a task or task-name port); writes value (pid). */
#define MACH_IOC_PID_FOR_TASK		_IOWR(MACH_IOC_MAGIC, 0x2a, struct mach_port_args)
/*
 * Root only (CAP_SYS_ADMIN, else -EPERM): reads name (a send right in the
 * caller's space, or 0), which becomes the bootstrap port of every new
 * task that inherits none.
 */
#define MACH_IOC_SET_DEFAULT_BOOTSTRAP	_IOWR(MACH_IOC_MAGIC, 0x2b, struct mach_port_args)
/*
 * mach_thread_self: reads nothing; writes name (a send right to the
 * calling thread's port).
 */
#define MACH_IOC_THREAD_SELF		_IOWR(MACH_IOC_MAGIC, 0x2c, struct mach_port_args)
/*
 * task_name_for_pid: reads task (target_tport), value (pid); writes name
 * (a send right to that task's name port).
 */
#define MACH_IOC_TASK_NAME_FOR_PID	_IOWR(MACH_IOC_MAGIC, 0x2d, struct mach_port_args)
/* task_read_for_pid: as TASK_NAME_FOR_PID; name is the read port. */
#define MACH_IOC_TASK_READ_FOR_PID	_IOWR(MACH_IOC_MAGIC, 0x2e, struct mach_port_args)
/* task_inspect_for_pid: as TASK_NAME_FOR_PID; name is the inspect port. */
#define MACH_IOC_TASK_INSPECT_FOR_PID	_IOWR(MACH_IOC_MAGIC, 0x2f, struct mach_port_args)

/*
 * 0x30..0x37: semaphores, mk_timer, port fds (Documentation/sync.rst).
 *
 * SEMA_SIGNAL: signal @signal_name; with MACH_SEMA_ALL every waiter, with
 * MACH_SEMA_THREAD only the waiter @thread names (0: any waiter, no
 * prepost).  SEMA_WAIT: signal @signal_name (if not 0) and wait on
 * @wait_name; MACH_SEMA_DEADLINE bounds the wait by @deadline
 * (CLOCK_MONOTONIC ns, that is mach_absolute_time), MACH_SEMA_NOBLOCK does
 * not wait.  An interrupted wait restarts unless a signal handler ran
 * (then EINTR, which libmach turns into KERN_ABORTED); before it restarts
 * the kernel writes @signal_name back as 0, so the signal happens once.
 */
struct mach_sema_args {
	__u32 wait_name;	/* in */
	__u32 signal_name;	/* in/out */
	__u32 thread;		/* in: MACH_SEMA_THREAD */
	__u32 flags;		/* in: MACH_SEMA_* */
	__u64 deadline;		/* in: MACH_SEMA_DEADLINE */
	__s32 kr;		/* out: kern_return_t */
	__u32 reserved;		/* in: must be 0 */
};

#define MACH_SEMA_ALL		0x1
#define MACH_SEMA_THREAD	0x2
#define MACH_SEMA_DEADLINE	0x4
#define MACH_SEMA_NOBLOCK	0x8

/*
 * TIMER_CREATE: out @name, a receive right (MACH_PORT_NULL and a kr on
 * failure).  TIMER_DESTROY, TIMER_ARM (@deadline in mach_absolute_time
 * units, @leeway, @flags MK_TIMER_CRITICAL), TIMER_CANCEL (out @deadline:
 * the armed deadline, 0 if not armed): in @name.
 */
struct mach_timer_args {
	__u32 name;		/* in/out */
	__u32 flags;		/* in: arm */
	__u64 deadline;		/* in: arm; out: cancel */
	__u64 leeway;		/* in: arm */
	__s32 kr;		/* out: kern_return_t */
	__u32 reserved;		/* in: must be 0 */
};

/* PORT_FD: a pollable descriptor for the receive right or set @name. */
struct mach_port_fd_args {
	__u32 name;		/* in */
	__s32 fd;		/* out: the descriptor, O_CLOEXEC */
	__s32 kr;		/* out: kern_return_t */
	__u32 reserved;		/* in: must be 0 */
};

/*
 * semaphore_signal{,_all,_thread}: reads signal_name, flags, thread; writes
 * kr (see struct mach_sema_args).
 */
#define MACH_IOC_SEMA_SIGNAL	_IOWR(MACH_IOC_MAGIC, 0x30, struct mach_sema_args)
/*
 * semaphore_wait{,_signal}, semaphore_timedwait{,_signal}: reads wait_name,
 * signal_name, flags, deadline; writes signal_name (0 before a restart),
 * kr.  -EINTR when a signal handler ran.
 */
#define MACH_IOC_SEMA_WAIT	_IOWR(MACH_IOC_MAGIC, 0x31, struct mach_sema_args)
/* mk_timer_create: reads nothing; writes name (a receive right), kr. */
#define MACH_IOC_TIMER_CREATE	_IOWR(MACH_IOC_MAGIC, 0x32, struct mach_timer_args)
/* mk_timer_destroy: reads name; writes kr. */
#define MACH_IOC_TIMER_DESTROY	_IOWR(MACH_IOC_MAGIC, 0x33, struct mach_timer_args)
/* mk_timer_arm{,_leeway}: reads name, deadline, leeway, flags; writes kr. */
#define MACH_IOC_TIMER_ARM	_IOWR(MACH_IOC_MAGIC, 0x34, struct mach_timer_args)
/* mk_timer_cancel: reads name; writes deadline (the armed one, or 0), kr. */
#define MACH_IOC_TIMER_CANCEL	_IOWR(MACH_IOC_MAGIC, 0x35, struct mach_timer_args)
/*
 * port_fd: reads name (a receive right or port set); writes fd (close-on-exec,
 * pollable: readable when a message is queued), kr.
 */
#define MACH_IOC_PORT_FD	_IOWR(MACH_IOC_MAGIC, 0x36, struct mach_port_fd_args)
/*
 * mach_host_self: reads nothing (every field 0); writes name (a send right
 * to the host port).
 */
#define MACH_IOC_HOST_SELF		_IOWR(MACH_IOC_MAGIC, 0x3c, struct mach_port_args)

/*
 * mach_msg: reads msg, rcv_msg, option, send_size, rcv_size, rcv_name,
 * timeout, notify (0); reads and writes the message buffers; writes mr.
 */
#define MACH_IOC_MSG		_IOWR(MACH_IOC_MAGIC, 0x40, struct mach_msg_args)
/*
 * mach_port_peek: reads task, name, right (trailer type), value (seqno),
 * arg (trailer buffer), arg2 (its size); writes value (seqno), poly
 * (msgh_size), disposition (msgh_id), *arg and arg2 (trailer size).
 */
#define MACH_IOC_PORT_PEEK		_IOWR(MACH_IOC_MAGIC, 0x41, struct mach_port_args)
/* mach_port_guard_with_flags: reads task, name, arg (guard), arg2 (MPG_*). */
#define MACH_IOC_PORT_GUARD_WITH_FLAGS	_IOWR(MACH_IOC_MAGIC, 0x42, struct mach_port_args)
/* mach_port_swap_guard: reads task, name, arg (old guard), arg2 (new guard). */
#define MACH_IOC_PORT_SWAP_GUARD	_IOWR(MACH_IOC_MAGIC, 0x43, struct mach_port_args)

/*
 * One slot of mach_port_space_info's table, laid out as <mach_debug/
 * ipc_info.h>'s ipc_info_name_t (seven natural_t).  @object is the low 32
 * bits of the port's id (never an address): equal for one port in every
 * space; 0 for a dead name, a port set or a free slot.
 */
struct mach_ipc_info_name {
	__u32 name;		/* index << 8 | generation */
	__u32 collision;	/* 0 */
	__u32 type;		/* MACH_PORT_TYPE_* (DNREQUEST included) */
	__u32 urefs;
	__u32 object;
	__u32 next;		/* a free slot: the next free index */
	__u32 hash;		/* 0 */
};

/* mach_port_space_info's ipc_info_space_t (six natural_t). */
struct mach_ipc_info_space {
	__u32 genno_mask;	/* 0xff */
	__u32 table_size;	/* slots written */
	__u32 table_next;	/* slots after the next new name */
	__u32 tree_size;	/* 0: XNU has no splay tree any more */
	__u32 tree_small;	/* 0 */
	__u32 tree_hash;	/* 0 */
};

/*
 * mach_port_space_info: reads task (a read port will do), value (capacity
 * in slots), arg (user pointer to struct mach_ipc_info_name[capacity]),
 * arg2 (user pointer to struct mach_ipc_info_space); writes both and value
 * (slots).  One snapshot of the space; the capacity rule of PORT_NAMES.
 */
#define MACH_IOC_PORT_SPACE_INFO	_IOWR(MACH_IOC_MAGIC, 0x44, struct mach_port_args)

/*
 * mach_port_kobject / mach_port_kernel_object: reads task (a read port
 * will do), name (a send or receive right); writes value (the kernel
 * object's type, XNU's IKOT_* number below, MACH_IKOT_NONE for a port no
 * kernel object backs) and arg (the object's identifier, never an address:
 * a task's is its control port's id, whichever flavor of port names it; a
 * thread's its thread port's id; any other object's its port's id; 0 when
 * none).
 */
#define MACH_IOC_PORT_KOBJECT		_IOWR(MACH_IOC_MAGIC, 0x45, struct mach_port_args)

/* XNU's kernel object types (osfmk/kern/ipc_kobject.h), as reported */
#define MACH_IKOT_NONE			0
#define MACH_IKOT_THREAD_CONTROL	1
#define MACH_IKOT_TASK_CONTROL		2
#define MACH_IKOT_HOST			3
#define MACH_IKOT_HOST_PRIV		4
#define MACH_IKOT_TIMER			8
#define MACH_IKOT_TASK_NAME		20
#define MACH_IKOT_SEMAPHORE		23
#define MACH_IKOT_CLOCK			25
#define MACH_IKOT_NAMED_ENTRY		28
#define MACH_IKOT_TASK_RESUME		36
#define MACH_IKOT_TASK_INSPECT		44
#define MACH_IKOT_TASK_READ		45
#define MACH_IKOT_THREAD_INSPECT	46
#define MACH_IKOT_THREAD_READ		47

#endif /* _UAPI_LINUX_MACH_DEV_H */
