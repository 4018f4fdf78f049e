// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: task_info (task.defs routine 3405) for the flavors about the
 * process itself: its suspend count, memory and times, and its tokens.
 * The VM flavors are vm_task_info.c's (mk_vm_task_info).  kobject.c dispatches here
 * after the port's flavor was checked.
 */
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/pid_namespace.h>
#include <linux/sched/cputime.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "notify.h"
#include "suspend.h"
#include "task.h"
#include "vm.h"

#define TASK_INFO_MAX		1024

struct task_info_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
} __packed;

struct task_info_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	s32 info[];
} __packed;

/* What the flavors report, sampled once per call. */
struct task_sample {
	s32 suspend;
	u64 vsize, rss, rss_max;	/* bytes */
	u64 ut, st;			/* terminated threads, ns */
	u64 live_ut, live_st;		/* live threads, ns */
};

/*
 * Resident pages of @mm, counted exactly.  With split RSS counting (6.1,
 * big NR_CPUS) each thread keeps up to 64 page events in its own
 * task->rss_stat until it syncs them into the mm, so get_mm_rss() misses
 * what a process has just touched: the threads' caches are added here
 * (their owners update them without a lock: a racy but never torn read).
 * From 6.2 the mm's counters are per CPU and get_mm_rss() reads only their
 * central value: the per-CPU parts are summed in instead.
 */
static unsigned long task_rss_pages(struct task_struct *tsk,
				    struct mm_struct *mm)
{
	long sum = 0;
	int i;

	if (__same_type(mm->rss_stat,
			struct percpu_counter[NR_MM_COUNTERS])) {
		struct percpu_counter *c = (void *)&mm->rss_stat;

		for (i = 0; i < NR_MM_COUNTERS; i++)
			if (i != MM_SWAPENTS)
				sum += percpu_counter_sum_positive(&c[i]);
		return sum;
	}
	sum = get_mm_rss(mm);
#ifdef SPLIT_RSS_COUNTING
	{
		struct task_struct *t;

		rcu_read_lock();
		for_each_thread(tsk, t) {
			if (READ_ONCE(t->mm) != mm)
				continue;
			for (i = 0; i < NR_MM_COUNTERS; i++)
				if (i != MM_SWAPENTS)
					sum += READ_ONCE(t->rss_stat.count[i]);
		}
		rcu_read_unlock();
	}
#endif
	return sum > 0 ? sum : 0;
}

/*
 * The live threads' user and system times (ns), summed.  The tick-sampled
 * utime/stime are scaled to the precise runtime, as /proc and getrusage
 * show them (task_cputime_adjusted).
 */
static void live_times(struct task_struct *tsk, u64 *ut, u64 *st)
{
	struct task_struct *t;
	u64 u, s;

	*ut = 0;
	*st = 0;
	rcu_read_lock();
	for_each_thread(tsk, t) {
		task_cputime_adjusted(t, &u, &s);
		*ut += u;
		*st += s;
	}
	rcu_read_unlock();
}

/*
 * The terminated threads' times: the signal struct keeps their sampled
 * utime/stime and their precise runtime; split the latter as the former.
 */
static void dead_times(struct task_struct *tsk, u64 *ut, u64 *st)
{
	u64 rt = READ_ONCE(tsk->signal->sum_sched_runtime);
	u64 u = READ_ONCE(tsk->signal->utime);
	u64 s = READ_ONCE(tsk->signal->stime);

	*st = u + s ? mul_u64_u64_div_u64(rt, s, u + s) : 0;
	*ut = rt - min(*st, rt);
}

/* The integers a flavor's reply carries; 0: not a flavor served here. */
static u32 task_info_count(s32 flavor)
{
	switch (flavor) {
	case TASK_BASIC_INFO_32:
	case TASK_BASIC2_INFO_32:
	case TASK_ABSOLUTETIME_INFO:
	case TASK_AUDIT_TOKEN:
		return 8;
	case TASK_SECURITY_TOKEN:
		return 2;
	case TASK_BASIC_INFO_64:
		return 10;
	case MACH_TASK_BASIC_INFO:
		return 12;
	case TASK_THREAD_TIMES_INFO:
		return 4;
	default:
		return 0;
	}
}

static void task_sample(struct mk_task *task, struct task_struct *tsk,
			struct task_sample *s)
{
	struct mm_struct *mm;

	lockdep_assert_held(&mk_lock);
	/* a job-control stop counts as one hold, as XNU's SIGSTOP does */
	s->suspend = task->user_stop_count + mk_task_stop_holds(task);
	s->vsize = 0;
	s->rss = 0;
	s->rss_max = 0;
	mm = get_task_mm(tsk);
	if (mm) {
		s->vsize = (u64)mm->total_vm << PAGE_SHIFT;
		s->rss = (u64)task_rss_pages(tsk, mm) << PAGE_SHIFT;
		s->rss_max = max_t(u64, s->rss,
				   (u64)READ_ONCE(mm->hiwater_rss) << PAGE_SHIFT);
		mmput(mm);
	}
	/*
	 * XNU's basic flavors report the terminated threads' times
	 * (_task_fill_times); TASK_THREAD_TIMES_INFO the live ones.
	 */
	dead_times(tsk, &s->ut, &s->st);
	live_times(tsk, &s->live_ut, &s->live_st);
}

/* A time_value_t: seconds, microseconds. */
static void put_time(s32 *v, u64 ns)
{
	v[0] = div_u64(ns, NSEC_PER_SEC);
	v[1] = div_u64(ns, NSEC_PER_USEC) % USEC_PER_SEC;
}

/* The flavors made of counts, sizes and times. */
static void fill_basic(s32 flavor, const struct task_sample *s, s32 *v)
{
	u64 rss = s->rss;

	switch (flavor) {
	case TASK_BASIC2_INFO_32:	/* as TASK_BASIC_INFO_32, peak rss */
		rss = s->rss_max;
		fallthrough;
	case TASK_BASIC_INFO_32:	/* suspend, vsize, rss, times, policy */
		v[0] = s->suspend;
		v[1] = (u32)s->vsize;
		v[2] = (u32)min_t(u64, rss, U32_MAX);	/* XNU clamps */
		put_time(&v[3], s->ut);
		put_time(&v[5], s->st);
		v[7] = 1;		/* POLICY_TIMESHARE */
		break;
	case TASK_BASIC_INFO_64:
		v[0] = s->suspend;
		memcpy(&v[1], &s->vsize, 8);
		memcpy(&v[3], &s->rss, 8);
		put_time(&v[5], s->ut);
		put_time(&v[7], s->st);
		v[9] = 1;
		break;
	case MACH_TASK_BASIC_INFO:
		memcpy(&v[0], &s->vsize, 8);
		memcpy(&v[2], &s->rss, 8);
		memcpy(&v[4], &s->rss_max, 8);	/* resident_size_max */
		put_time(&v[6], s->ut);
		put_time(&v[8], s->st);
		v[10] = 1;
		v[11] = s->suspend;
		break;
	case TASK_ABSOLUTETIME_INFO: {
		/*
		 * mach_absolute_time() units, which are nanoseconds here:
		 * totals count the terminated threads too.
		 */
		u64 t[4] = { s->ut + s->live_ut, s->st + s->live_st,
			     s->live_ut, s->live_st };

		memcpy(v, t, sizeof(t));
		break;
	}
	case TASK_THREAD_TIMES_INFO:	/* live threads' times */
		put_time(&v[0], s->live_ut);
		put_time(&v[2], s->live_st);
		break;
	}
}

/* TASK_SECURITY_TOKEN and TASK_AUDIT_TOKEN, as the trailer has them. */
static void fill_tokens(s32 flavor, struct mk_task *task,
			struct task_struct *tsk, s32 *v)
{
	const struct cred *cred = get_task_cred(tsk);

	if (flavor == TASK_SECURITY_TOKEN) {	/* euid, egid */
		v[0] = from_kuid_munged(&init_user_ns, cred->euid);
		v[1] = from_kgid_munged(&init_user_ns, cred->egid);
	} else {
		v[0] = -1;
		v[1] = from_kuid_munged(&init_user_ns, cred->euid);
		v[2] = from_kgid_munged(&init_user_ns, cred->egid);
		v[3] = from_kuid_munged(&init_user_ns, cred->uid);
		v[4] = from_kgid_munged(&init_user_ns, cred->gid);
		v[5] = pid_nr(task->pid);
		v[6] = task_session_nr_ns(tsk, &init_pid_ns);
		v[7] = 0;
	}
	put_cred(cred);
}

/* Is @tsk a 64-bit process (XNU's TF_LP64 and TF_64B_DATA)? */
static bool task_is_64bit(struct task_struct *tsk)
{
#if defined(TIF_ADDR32)
	return !test_tsk_thread_flag(tsk, TIF_ADDR32);
#elif defined(TIF_32BIT)
	return !test_tsk_thread_flag(tsk, TIF_32BIT);
#else
	return IS_ENABLED(CONFIG_64BIT);
#endif
}

/* A reply carrying @n words of @v. */
static kern_return_t words_reply(struct mk_kmsg *req, const s32 *v, u32 n,
				 struct mk_kmsg **replyp)
{
	struct task_info_reply *rp;

	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + n * 4, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	memcpy(rp->info, v, n * 4);
	return KERN_SUCCESS;
}

/*
 * XNU's task_info(TASK_FLAGS_INFO): only the task's 64-bit flags are
 * published; a count below 1 is KERN_INVALID_ARGUMENT.
 */
static kern_return_t task_flags_info(struct mk_task *task, struct mk_kmsg *req,
				     u32 count, struct mk_kmsg **replyp)
{
	struct task_struct *tsk;
	s32 flags;

	if (count < 1)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	flags = task_is_64bit(tsk) ? TF_LP64 | TF_64B_DATA : 0;
	put_task_struct(tsk);
	return words_reply(req, &flags, 1, replyp);
}

/* TASK_DYLD_INFO's words, and its legacy count without the format */
#define TASK_DYLD_INFO_WORDS		5
#define TASK_LEGACY_DYLD_INFO_WORDS	4

/*
 * XNU's task_info(TASK_DYLD_INFO): Linux has no dyld and nothing here
 * registers an image list (task_set_dyld_info is not served), so the
 * address and size are 0, as XNU's for a task that registered none; the
 * format (the task's, 64- or 32-bit) is written only to a caller whose count
 * has room for it, the legacy layout's callers get 4 words.  It takes a
 * read port or better (XNU's task_info_from_user): the port the request
 * came to is still the request's destination here.
 */
static kern_return_t task_dyld_info(struct mk_task *task, struct mk_kmsg *req,
				    u32 count, struct mk_kmsg **replyp)
{
	s32 v[TASK_DYLD_INFO_WORDS] = { 0 };
	struct task_struct *tsk;
	u32 n = count >= TASK_DYLD_INFO_WORDS ? TASK_DYLD_INFO_WORDS :
		TASK_LEGACY_DYLD_INFO_WORDS;

	if (!req->dest.port ||
	    mk_task_port_flavor(req->dest.port) > MK_TASK_FLAVOR_READ ||
	    count < TASK_LEGACY_DYLD_INFO_WORDS)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	v[4] = task_is_64bit(tsk) ? TASK_DYLD_ALL_IMAGE_INFO_64 :
		TASK_DYLD_ALL_IMAGE_INFO_32;
	put_task_struct(tsk);
	return words_reply(req, v, n, replyp);
}

/*
 * task_info for @task: @req is the request, *@replyp the reply made on
 * success.  Context: mk_lock held.
 */
kern_return_t mk_task_info(struct mk_task *task, struct mk_kmsg *req,
			   struct mk_kmsg **replyp)
{
	struct task_info_request *rq = (void *)req->data;
	struct task_info_reply *rp;
	struct task_struct *tsk;
	struct task_sample s;
	u32 count, need;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	count = min_t(u32, rq->count, TASK_INFO_MAX);
	/* release XNU: DEVELOPMENT || DEBUG kernels only */
	if (rq->flavor == TASK_DEBUG_INFO_INTERNAL)
		return KERN_NOT_SUPPORTED;
	if (rq->flavor == TASK_DYLD_INFO)
		return task_dyld_info(task, req, count, replyp);
	if (rq->flavor == TASK_FLAGS_INFO)
		return task_flags_info(task, req, count, replyp);
	need = task_info_count(rq->flavor);
	if (!need) {
		if (mk_vm_task_info_flavor(rq->flavor)) /* vm_task_info.c */
			return mk_vm_task_info(task, rq->flavor, count, req,
					       replyp);
		return KERN_INVALID_ARGUMENT;
	}
	if (count < need)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	task_sample(task, tsk, &s);
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + need * 4, 0);
	if (!*replyp) {
		put_task_struct(tsk);
		return KERN_RESOURCE_SHORTAGE;
	}
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = need;
	if (rq->flavor == TASK_SECURITY_TOKEN || rq->flavor == TASK_AUDIT_TOKEN)
		fill_tokens(rq->flavor, task, tsk, rp->info);
	else
		fill_basic(rq->flavor, &s, rp->info);
	put_task_struct(tsk);
	return KERN_SUCCESS;
}
