/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: what differs between the kernels the module builds against,
 * chosen by what the kernel's headers compile (Kbuild's probes, which
 * write mk_probes.h), never by version numbers.  Each helper here has one
 * implementation per probe and fails the build when no probe matched, so
 * that the next change shows up at compile time.
 * See Documentation/portability.rst.
 */
#ifndef MK_COMPAT_H
#define MK_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "mk_probes.h"

#if defined(MK_HAVE_TASK_EXEC_STATE)
#include <linux/sched/exec_state.h>
#elif defined(MK_HAVE_GET_DUMPABLE_MM)
#include <linux/sched/coredump.h>
#else
#error "mach: no known way to read a task's dumpability (see module/compat/probes)"
#endif

/*
 * Whether @tsk is dumpable by its owner (SUID_DUMP_USER, 7.3's
 * TASK_DUMPABLE_OWNER): not set-id, not made undumpable.  As ptrace,
 * a task without an mm (exiting, a kernel thread) is not.
 */
static inline bool mk_task_dumpable_by_owner(struct task_struct *tsk)
{
	struct mm_struct *mm;
	bool ok;

	mm = get_task_mm(tsk);
	if (!mm)
		return false;
#if defined(MK_HAVE_TASK_EXEC_STATE)
	/* 7.3 moved it to task->exec_state; the getter is not exported */
	rcu_read_lock();
	ok = READ_ONCE(rcu_dereference(tsk->exec_state)->dumpable) ==
	     TASK_DUMPABLE_OWNER;
	rcu_read_unlock();
#else
	ok = get_dumpable(mm) == SUID_DUMP_USER;
#endif
	mmput(mm);
	return ok;
}

/*
 * A slab cache of its own, never merged with another cache of the same
 * size, so that /proc/slabinfo and /sys/kernel/slab show what it holds
 * (Documentation/performance.rst, "Memory per port").  Where the kernel has
 * no SLAB_NO_MERGE, a usercopy region (@useroffset, @usersize: a
 * user-visible field, which nothing copies to user space from the object)
 * keeps the cache unmerged the same way: the slab allocator never merges a
 * cache that has one.  A constructor would too, but moves SLUB's free
 * pointer out of the object and costs 8 bytes an object.
 */
static inline struct kmem_cache *
mk_kmem_cache_no_merge(const char *name, unsigned int size, unsigned int align,
		       unsigned int useroffset, unsigned int usersize)
{
#if defined(MK_HAVE_SLAB_NO_MERGE)
	return kmem_cache_create(name, size, align, SLAB_NO_MERGE, NULL);
#elif defined(MK_HAVE_SLAB_USERCOPY)
	return kmem_cache_create_usercopy(name, size, align, 0, useroffset,
					  usersize, NULL);
#else
#error "mach: no known way to keep a slab cache unmerged (see module/compat/probes)"
#endif
}

/*
 * Tracepoint probe parameter lists.  The module attaches by name
 * (mk_tracepoint_attach()), so the compiler never sees a probe next to the
 * tracepoint's prototype; these follow it.  On x86-64 the older lists
 * still work with the newer tracepoints (an ignored trailing argument, a
 * same-sized integer), but a probe must declare what it is called with.
 * Use: static void probe(MK_TP_SCHED_EXIT_PARAMS), whose body sees @data
 * and @p; and MK_CLONE_FLAGS_T for task_newtask's clone_flags.
 */
#ifdef MK_HAVE_TP_SCHED_EXIT_GROUP_DEAD
#define MK_TP_SCHED_EXIT_PARAMS \
	void *data, struct task_struct *p, bool group_dead
#else
#define MK_TP_SCHED_EXIT_PARAMS void *data, struct task_struct *p
#endif

#ifdef MK_HAVE_TP_NEWTASK_U64
#define MK_CLONE_FLAGS_T u64
#else
#define MK_CLONE_FLAGS_T unsigned long
#endif

/* get_user_pages_remote(): the vmas argument went away in 6.5. */
static inline long mk_gup_remote(struct mm_struct *mm, unsigned long start,
				 unsigned long n, struct page **pages,
				 int *locked)
{
#ifdef MK_HAVE_GUP_REMOTE_VMAS
	return get_user_pages_remote(mm, start, n, 0, pages, NULL, locked);
#else
	return get_user_pages_remote(mm, start, n, 0, pages, locked);
#endif
}

/*
 * pin_user_pages(): the vmas argument went away in 6.5 (as
 * get_user_pages_remote's).  Context: current's mmap_lock held for read.
 */
static inline long mk_pin_user_pages(unsigned long start, unsigned long n,
				     unsigned int gup_flags,
				     struct page **pages)
{
#ifdef MK_HAVE_PIN_USER_PAGES_VMAS
	return pin_user_pages(start, n, gup_flags, pages, NULL);
#else
	return pin_user_pages(start, n, gup_flags, pages);
#endif
}

/* dequeue_signal(): the task argument (always current) went away in 6.11. */
static inline int mk_dequeue_signal(sigset_t *mask, kernel_siginfo_t *info)
{
	enum pid_type type;

#ifdef MK_HAVE_DEQUEUE_SIGNAL_TASK
	return dequeue_signal(current, mask, info, &type);
#else
	return dequeue_signal(mask, info, &type);
#endif
}

/* hrtimer_setup() replaced hrtimer_init() and the callback assignment. */
static inline void
mk_hrtimer_setup(struct hrtimer *t, enum hrtimer_restart (*fn)(struct hrtimer *),
		 clockid_t clock, enum hrtimer_mode mode)
{
#ifdef MK_HAVE_HRTIMER_SETUP
	hrtimer_setup(t, fn, clock, mode);
#else
	hrtimer_init(t, clock, mode);
	t->function = fn;
#endif
}

/*
 * An mm counter summed exactly, as /proc/PID/status reads it: per-CPU
 * counters since 6.2 (their sum, not the approximate read); before that
 * the atomic, which split RSS counting may lag (see kobject.c).
 */
static inline u64 mk_mm_counter_exact(struct mm_struct *mm, int member)
{
#ifdef MK_HAVE_RSS_PERCPU
	return percpu_counter_sum_positive(&mm->rss_stat[member]);
#else
	return get_mm_counter(mm, member);
#endif
}

/* The unbound system workqueue: system_dfl_wq where it replaced the old name. */
static inline struct workqueue_struct *mk_unbound_wq(void)
{
#ifdef MK_HAVE_SYSTEM_DFL_WQ
	return system_dfl_wq;
#else
	return system_unbound_wq;
#endif
}

/* shmem_file_setup(): its flags became a vma_flags_t (7.x). */
static inline struct file *mk_shmem_file_setup(const char *name, loff_t size)
{
#ifdef MK_HAVE_SHMEM_SETUP_VMA_FLAGS
	return shmem_file_setup(name, size, EMPTY_VMA_FLAGS);
#else
	return shmem_file_setup(name, size, 0);
#endif
}

#endif
