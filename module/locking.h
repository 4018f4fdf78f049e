/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: the module's locks and their order, written down here only
 * (Documentation/ports.rst points here).
 *
 *   mk_lock (mutex)           all IPC state: every space's name table, every
 *                             port's rights counts, queue, requests and set
 *                             membership.  Taken by ioctls and by the exit
 *                             worker.  Never held across copy_to_user /
 *                             copy_from_user of message bodies, never held
 *                             while sleeping for a message or queue space.
 *                             Also guards the pid -> task table.
 *     -> wait-queue spinlocks (wake_up*, add/remove_wait_queue)
 *     -> mk_nl_subs_lock (spinlock, netlink_event.c: event subscribers)
 *     -> mk_users_lock (spinlock, limits.c: the uid table; also taken
 *        without mk_lock, nothing inside it)
 *     -> a semaphore's lock (spinlock, semaphore.c: its count and waiters;
 *        also taken without mk_lock; wake_up_process() inside it)
 *     -> xarray spinlocks (name tables, mk_held_tasks, mk_thread_tids;
 *        the tracepoint probes read the last two under RCU, no lock)
 *
 * Per-CPU: the page fragment cache messages are carved from (kmsg_alloc.c)
 * is taken with local_lock (preemption off), under mk_lock or with no lock
 * held, and nothing is taken inside it but the page allocator's own locks.
 *
 * One lock keeps the semantics easy to verify first; the state it guards is
 * grouped per space and per port so that it can be split later along those
 * lines (see Documentation/ports.rst, "Locking").
 *
 * Functions that need mk_lock say so with lockdep_assert_held(&mk_lock);
 * those that drop and retake it carry __must_hold(&mk_lock), those that
 * return with it taken or released __acquires / __releases.
 *
 * Reference counting: ports, psets, spaces and tasks are refcounted with
 * kref; a name-table entry owns one port reference, a queued message owns
 * one reference per port right it carries.
 */
#ifndef _MACH_LOCKING_H
#define _MACH_LOCKING_H

#include <linux/lockdep.h>
#include <linux/mutex.h>

extern struct mutex mk_lock;

/*
 * mk_lock taken and dropped where sparse must follow it across a function
 * boundary (__acquires / __releases): before the kernel's context analysis
 * a mutex carries no sparse context, so the __acquire / __release
 * statements count it; with it, they are empty.
 */
static inline void mk_lock_take(void)
	__acquires(&mk_lock)
{
	mutex_lock(&mk_lock);
	__acquire(&mk_lock);
}

static inline void mk_lock_drop(void)
	__releases(&mk_lock)
{
	__release(&mk_lock);
	mutex_unlock(&mk_lock);
}

#endif /* _MACH_LOCKING_H */
