// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the host port and the clock services.  One host port and one
 * port per clock (SYSTEM_CLOCK, CALENDAR_CLOCK) exist for the module's
 * lifetime, kernel objects like task ports.  mach_host_self() hands a send
 * right to the host port (MACH_IOC_HOST_SELF); the routines of XNU's
 * mach_host subsystem (200) and clock subsystem (1000), and host_priv's
 * host_get_special_port, are served here, called from the kernel-object
 * server with mk_lock held; the processor-set routines are
 * processor_set.c's.
 *
 * There is one host port: it is XNU's host_priv to a caller with
 * CAP_SYS_ADMIN (root's mach_host_self() on XNU), and the plain host port
 * to anyone else, whose host_priv routines answer as XNU's do for
 * HOST_PRIV_NULL (mk_host_priv).
 *
 * Every figure comes from the Linux counter /proc shows for it; the table
 * is in Documentation/host.rst.
 */
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/kernel_stat.h>
#include <linux/mm.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/tick.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <linux/uaccess.h>
#include <linux/vmstat.h>
#include <linux/mach_dev.h>
#include <linux/mach/host_special_ports.h>
#include "exception.h"
#include "host.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mig_ids.h"
#include "notify.h"
#include "port.h"
#include "processor_set.h"
#include "right.h"
#include "space.h"
#include "task.h"

/* MIG bounds of host_info_t and host_info64_t (mach_types.defs) */
#define MK_HOST_INFO_MAX	68
#define HOST_INFO64_MAX		256	/* host_info64_t */

#define MK_NCLOCKS		2

#ifdef CONFIG_X86_64
#define MK_CPU_TYPE		0x01000007	/* CPU_TYPE_X86_64 */
#define MK_CPU_SUBTYPE		3		/* CPU_SUBTYPE_X86_64_ALL */
#elif defined(CONFIG_ARM64)
#define MK_CPU_TYPE		0x0100000c	/* CPU_TYPE_ARM64 */
#define MK_CPU_SUBTYPE		0		/* CPU_SUBTYPE_ARM64_ALL */
#else
#define MK_CPU_TYPE		(-1)		/* CPU_TYPE_ANY */
#define MK_CPU_SUBTYPE		(-1)
#endif

static struct mk_port *mk_host_port;
static struct mk_port *mk_clock_ports[MK_NCLOCKS];

struct host_info_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
} __packed;

struct host_info_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	s32 info[];
} __packed;

struct host_flavor_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
} __packed;

struct host_processor_info_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_ool_desc info;
	u8 ndr[8];
	u32 processor_count;
	u32 count;
} __packed;

struct host_u64_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u64 value;
} __packed;

struct clock_time_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 tv_sec;
	s32 tv_nsec;
} __packed;

/* host_basic_info, pack(4) */
struct basic_info {
	s32 max_cpus, avail_cpus;
	u32 memory_size;
	s32 cpu_type, cpu_subtype, cpu_threadtype;
	s32 physical_cpu, physical_cpu_max, logical_cpu, logical_cpu_max;
	u64 max_mem;
} __packed;

struct vm_stats64 {
	u32 free_count, active_count, inactive_count, wire_count;
	u64 zero_fill_count, reactivations, pageins, pageouts, faults;
	u64 cow_faults, lookups, hits, purges;
	u32 purgeable_count, speculative_count;
	u64 decompressions, compressions, swapins, swapouts;
	u32 compressor_page_count, throttled_count;
	u32 external_page_count, internal_page_count;
	u64 total_uncompressed_pages_in_compressor;
} __packed;

#define VM_INFO64_COUNT		(sizeof(struct vm_stats64) / 4)	/* 38 */
#define VM_INFO64_REV0_COUNT	(VM_INFO64_COUNT - 14)
#define VM_INFO_COUNT		15
#define VM_INFO_REV0_COUNT	12

static struct mk_port *kobject_port(enum mk_kobject_type type, void *obj)
{
	struct mk_port *port = mk_port_alloc();

	if (port) {
		port->kotype = type;
		port->kobject = obj;
	}
	return port;
}

int mk_host_init(void)
{
	int i;

	mk_host_port = kobject_port(MK_KOBJ_HOST, NULL);
	for (i = 0; i < MK_NCLOCKS; i++)
		mk_clock_ports[i] = kobject_port(MK_KOBJ_CLOCK,
						 (void *)(uintptr_t)i);
	for (i = 0; i < MK_NCLOCKS; i++)
		if (!mk_clock_ports[i])
			break;
	if (mk_host_port && i == MK_NCLOCKS && !mk_pset_init())
		return 0;
	mk_host_exit();
	return -ENOMEM;
}

static void kobject_port_destroy(struct mk_port **portp)
{
	lockdep_assert_held(&mk_lock);
	if (!*portp)
		return;
	mk_port_destroy(*portp);
	mk_port_put(*portp);
	*portp = NULL;
}

void mk_host_exit(void)
{
	int i;

	mutex_lock(&mk_lock);
	kobject_port_destroy(&mk_host_port);
	for (i = 0; i < MK_NCLOCKS; i++)
		kobject_port_destroy(&mk_clock_ports[i]);
	mk_pset_exit();
	mutex_unlock(&mk_lock);
}

/*
 * Whether the caller's host port is XNU's host_priv: CAP_SYS_ADMIN, as
 * root's is on XNU (and exception_ports.c decides for the host's
 * exception ports).
 */
bool mk_host_priv(void)
{
	return capable(CAP_SYS_ADMIN);
}

/* A new send right to the host port in @r (processor_set_info's host). */
void mk_host_make_send_right(struct mk_right *r)
{
	lockdep_assert_held(&mk_lock);
	mk_port_make_send_right(mk_host_port, r);
}

/* A send right to @port into @space (the existing name if it has one). */
static kern_return_t host_copyout_send(struct mk_space *space, struct mk_port *port,
				       u32 *namep)
{
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	mk_port_make_send_right(port, &r);
	kr = mk_right_copyout(space, &r, namep);
	if (kr)
		mk_right_release(&r);
	return kr;
}

/* MACH_IOC_HOST_SELF: mach_host_self(), a send right to the host port. */
long mk_host_ioctl(unsigned int cmd, void __user *uarg)
{
	struct mach_port_args a;
	struct mk_task *task;
	kern_return_t kr;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.task || a.name || a.right || a.delta || a.poly ||
	    a.disposition || a.value || a.kr || a.arg || a.arg2 || a.reserved)
		return -EINVAL;
	mutex_lock(&mk_lock);
	task = mk_task_current();
	if (!task)
		kr = KERN_RESOURCE_SHORTAGE;
	else
		kr = host_copyout_send(task->space, mk_host_port, &a.name);
	mutex_unlock(&mk_lock);
	a.kr = mk_kr_to_user(kr);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

static struct mk_kmsg *info_reply(struct mk_kmsg *req, u32 count)
{
	struct mk_kmsg *reply;
	struct host_info_reply *rp;

	reply = mk_mig_reply_alloc(req, sizeof(*rp) + count * 4, 0);
	if (!reply)
		return NULL;
	rp = (void *)reply->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = count;
	return reply;
}

static void fill_basic_info(struct basic_info *b)
{
	u64 mem = (u64)totalram_pages() << PAGE_SHIFT;
	int cpu, phys = 0, phys_max = 0;

	for_each_present_cpu(cpu) {
		if (cpumask_first(topology_sibling_cpumask(cpu)) != cpu)
			continue;
		phys_max++;
		if (cpu_online(cpu))
			phys++;
	}
	b->max_cpus = num_present_cpus();
	b->avail_cpus = num_online_cpus();
	b->memory_size = min_t(u64, mem, 0x80000000ULL);
	b->cpu_type = MK_CPU_TYPE;
	b->cpu_subtype = MK_CPU_SUBTYPE;
	b->cpu_threadtype = 0;
	b->physical_cpu = phys ?: num_online_cpus();
	b->physical_cpu_max = phys_max ?: num_present_cpus();
	b->logical_cpu = num_online_cpus();
	b->logical_cpu_max = num_present_cpus();
	b->max_mem = mem;
}

/*
 * How many words host_info's @flavor answers with in *@np, for a
 * caller's @count (already clamped to the reply's room).
 */
static kern_return_t host_info_size(s32 flavor, u32 count, u32 *np)
{
	u32 n;

	switch (flavor) {
	case HOST_BASIC_INFO:
		if (count < 5)		/* HOST_BASIC_INFO_OLD_COUNT */
			return KERN_FAILURE;
		n = count >= sizeof(struct basic_info) / 4 ?
			sizeof(struct basic_info) / 4 : 5;
		break;
	case HOST_SCHED_INFO:
		n = 2;
		break;
	case HOST_PRIORITY_INFO:
		n = 8;
		break;
	case HOST_PREFERRED_USER_ARCH:
		n = 2;
		break;
	case HOST_DEBUG_INFO_INTERNAL:
		/* release XNU: DEVELOPMENT || DEBUG kernels only */
		return KERN_NOT_SUPPORTED;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (count < n)
		return KERN_FAILURE;
	*np = n;
	return KERN_SUCCESS;
}

/* host_info: XNU's host_info() counts and errors. */
static kern_return_t host_info(struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct host_info_request *rq = (void *)req->data;
	u32 count = min_t(u32, rq->count, MK_HOST_INFO_MAX), n;
	struct basic_info b;
	s32 *v;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	kr = host_info_size(rq->flavor, count, &n);
	if (kr)
		return kr;
	*replyp = info_reply(req, n);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	v = ((struct host_info_reply *)(*replyp)->data)->info;
	switch (rq->flavor) {
	case HOST_BASIC_INFO:
		fill_basic_info(&b);
		memcpy(v, &b, n * 4);
		break;
	case HOST_SCHED_INFO:
		/* the scheduler tick, the shortest timeout and quantum */
		v[0] = jiffies_to_msecs(1);
		v[1] = jiffies_to_msecs(1);
		break;
	case HOST_PRIORITY_INFO:
		/* XNU's bands (osfmk/kern/sched.h), as host_info gives them */
		v[0] = 80;	/* MINPRI_KERNEL */
		v[1] = 80;	/* system: MINPRI_KERNEL */
		v[2] = 64;	/* MINPRI_RESERVED */
		v[3] = 31;	/* BASEPRI_DEFAULT */
		v[4] = 0;	/* DEPRESSPRI */
		v[5] = 0;	/* IDLEPRI */
		v[6] = 0;	/* MINPRI_USER */
		v[7] = 95;	/* MAXPRI_RESERVED */
		break;
	case HOST_PREFERRED_USER_ARCH:
		v[0] = MK_CPU_TYPE;
		v[1] = MK_CPU_SUBTYPE;
		break;
	}
	return KERN_SUCCESS;
}

/* nanoseconds to the USER_HZ ticks /proc/stat shows */
static u32 ns_to_ticks(u64 ns)
{
	return (u32)div_u64(ns, NSEC_PER_SEC / USER_HZ);
}

/* one CPU's user, system, idle, nice, as /proc/stat's columns */
static void cpu_ticks(int cpu, u32 t[4])
{
	struct kernel_cpustat kcs;
	u64 idle, us;

	kcpustat_cpu_fetch(&kcs, cpu);
	idle = kcs.cpustat[CPUTIME_IDLE];
	if (cpu_online(cpu)) {
		us = get_cpu_idle_time_us(cpu, NULL);
		if (us != -1ULL)
			idle = us * NSEC_PER_USEC;
	}
	t[0] = ns_to_ticks(kcs.cpustat[CPUTIME_USER]);
	t[1] = ns_to_ticks(kcs.cpustat[CPUTIME_SYSTEM] +
			   kcs.cpustat[CPUTIME_IRQ] +
			   kcs.cpustat[CPUTIME_SOFTIRQ]);
	t[2] = ns_to_ticks(idle);
	t[3] = ns_to_ticks(kcs.cpustat[CPUTIME_NICE]);
}

static void fill_vm_stats(struct vm_stats64 *s)
{
	memset(s, 0, sizeof(*s));
	s->free_count = global_zone_page_state(NR_FREE_PAGES);
	s->active_count = global_node_page_state(NR_ACTIVE_ANON) +
		global_node_page_state(NR_ACTIVE_FILE);
	s->inactive_count = global_node_page_state(NR_INACTIVE_ANON) +
		global_node_page_state(NR_INACTIVE_FILE);
	s->wire_count = global_node_page_state(NR_UNEVICTABLE);
	s->external_page_count = global_node_page_state(NR_FILE_PAGES);
	s->internal_page_count = global_node_page_state(NR_ANON_MAPPED);
#ifdef CONFIG_VM_EVENT_COUNTERS
	unsigned long *ev = kcalloc(NR_VM_EVENT_ITEMS, sizeof(*ev), GFP_KERNEL);

	if (ev) {
		all_vm_events(ev);
		s->faults = ev[PGFAULT];
		/* PGPGIN/OUT count 512-byte sectors */
		s->pageins = div_u64((u64)ev[PGPGIN] * 512, PAGE_SIZE);
		s->pageouts = div_u64((u64)ev[PGPGOUT] * 512, PAGE_SIZE);
		s->swapins = ev[PSWPIN];
		s->swapouts = ev[PSWPOUT];
		s->reactivations = ev[PGACTIVATE];
		kfree(ev);
	}
#endif
}

static u32 trunc32(u64 v)
{
	return v > U32_MAX ? U32_MAX : v;
}

/*
 * How many words @flavor answers with in *@np, for a caller's @count
 * (already clamped to the reply's room).
 */
static kern_return_t host_stat_size(s32 flavor, u32 count, bool is64, u32 *np)
{
	u32 n;

	switch (flavor) {
	case HOST_LOAD_INFO:
		n = 6;
		break;
	case HOST_CPU_LOAD_INFO:
		n = 4;
		break;
	case HOST_VM_INFO:
		if (count < VM_INFO_REV0_COUNT)
			return KERN_FAILURE;
		n = min_t(u32, count, VM_INFO_COUNT);
		break;
	case HOST_VM_INFO64:
		if (!is64)
			return KERN_INVALID_ARGUMENT;
		if (count < VM_INFO64_REV0_COUNT)
			return KERN_FAILURE;
		n = count >= VM_INFO64_COUNT ? VM_INFO64_COUNT :
			VM_INFO64_REV0_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (count < n)
		return KERN_FAILURE;
	*np = n;
	return KERN_SUCCESS;
}

/* HOST_LOAD_INFO: three load averages, then three mach factors */
static void host_load_fill(s32 *v)
{
	int ncpu = num_online_cpus();
	int i;

	for (i = 0; i < 3; i++) {
		u64 load = ((u64)avenrun[i] * LOAD_SCALE) >> FSHIFT;
		u64 ncl = (u64)ncpu * LOAD_SCALE;

		v[i] = load;
		/* XNU's mach factor: the CPU a new thread would get */
		v[3 + i] = load < ncl ? ncl - load :
			div64_u64(ncl * LOAD_SCALE, load - ncl + LOAD_SCALE);
	}
}

/* HOST_CPU_LOAD_INFO: the four tick counts summed over every CPU */
static void host_cpu_load_fill(s32 *v)
{
	u32 t[4], sum[4] = { 0 };
	int cpu, i;

	for_each_possible_cpu(cpu) {
		cpu_ticks(cpu, t);
		for (i = 0; i < 4; i++)
			sum[i] += t[i];
	}
	memcpy(v, sum, sizeof(sum));
}

/* HOST_VM_INFO: the 32-bit vm_statistics, its first @n words */
static void host_vm_fill(s32 *v, u32 n)
{
	struct vm_stats64 s;
	u32 w[VM_INFO_COUNT];

	fill_vm_stats(&s);
	w[0] = s.free_count;
	w[1] = s.active_count;
	w[2] = s.inactive_count;
	w[3] = s.wire_count;
	w[4] = trunc32(s.zero_fill_count);
	w[5] = trunc32(s.reactivations);
	w[6] = trunc32(s.pageins);
	w[7] = trunc32(s.pageouts);
	w[8] = trunc32(s.faults);
	w[9] = trunc32(s.cow_faults);
	w[10] = trunc32(s.lookups);
	w[11] = trunc32(s.hits);
	w[12] = s.purgeable_count;
	w[13] = trunc32(s.purges);
	w[14] = s.speculative_count;
	memcpy(v, w, n * 4);
}

/* host_statistics / host_statistics64 */
static kern_return_t host_statistics(struct mk_kmsg *req, struct mk_kmsg **replyp,
				     bool is64)
{
	struct host_info_request *rq = (void *)req->data;
	u32 count = min_t(u32, rq->count, is64 ? HOST_INFO64_MAX :
			  MK_HOST_INFO_MAX), n;
	struct vm_stats64 s;
	s32 *v;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	kr = host_stat_size(rq->flavor, count, is64, &n);
	if (kr)
		return kr;
	*replyp = info_reply(req, n);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	v = ((struct host_info_reply *)(*replyp)->data)->info;
	switch (rq->flavor) {
	case HOST_LOAD_INFO:
		host_load_fill(v);
		break;
	case HOST_CPU_LOAD_INFO:
		host_cpu_load_fill(v);
		break;
	case HOST_VM_INFO:
		host_vm_fill(v, n);
		break;
	case HOST_VM_INFO64:
		fill_vm_stats(&s);
		memcpy(v, &s, n * 4);
		break;
	}
	return KERN_SUCCESS;
}

static kern_return_t host_processor_info(struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct host_flavor_request *rq = (void *)req->data;
	struct host_processor_info_reply *rp;
	struct mk_kmsg *reply;
	u32 per, ncpu = nr_cpu_ids, bytes, t[4];
	s32 *v;
	int cpu;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (rq->flavor == PROCESSOR_BASIC_INFO)
		per = 5;
	else if (rq->flavor == PROCESSOR_CPU_LOAD_INFO)
		per = 4;
	else
		return KERN_INVALID_ARGUMENT;
	bytes = ncpu * per * 4;
	v = kvzalloc(bytes, GFP_KERNEL_ACCOUNT);
	if (!v)
		return KERN_RESOURCE_SHORTAGE;
	for (cpu = 0; cpu < ncpu; cpu++) {
		s32 *p = v + cpu * per;

		if (!cpu_possible(cpu))
			continue;
		if (per == 5) {
			p[0] = MK_CPU_TYPE;
			p[1] = MK_CPU_SUBTYPE;
			p[2] = cpu_online(cpu);		/* running */
			p[3] = cpu;			/* slot_num */
			p[4] = cpu == 0;		/* is_master */
		} else {
			cpu_ticks(cpu, t);
			memcpy(p, t, sizeof(t));
		}
	}
	reply = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!reply) {
		kvfree(v);
		return KERN_RESOURCE_SHORTAGE;
	}
	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->info.type = MACH_MSG_OOL_DESCRIPTOR;
	rp->info.copy = 1;
	rp->info.size = bytes;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->processor_count = ncpu;
	rp->count = ncpu * per;
	reply->descs[0].offset = offsetof(struct host_processor_info_reply,
					  info);
	reply->descs[0].type = MACH_MSG_OOL_DESCRIPTOR;
	reply->descs[0].ool = v;
	reply->descs[0].count = bytes;
	reply->descs[0].copy = 1;
	*replyp = reply;
	return KERN_SUCCESS;
}

static kern_return_t host_get_clock_service(struct mk_kmsg *req,
					    struct mk_kmsg **replyp)
{
	struct host_flavor_request *rq = (void *)req->data;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (rq->flavor < 0 || rq->flavor >= MK_NCLOCKS)
		return KERN_INVALID_ARGUMENT;
	return mk_mig_send_right_reply(req, mk_clock_ports[rq->flavor], replyp);
}

static kern_return_t host_u64(struct mk_kmsg *req, struct mk_kmsg **replyp, u64 value)
{
	struct host_u64_reply *rp;

	if (req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->value = value;
	return KERN_SUCCESS;
}

struct host_special_port_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 node;
	s32 which;
} __packed;

/*
 * XNU's host_get_special_port: a host_priv port only (HOST_PRIV_NULL is
 * KERN_INVALID_ARGUMENT), @which from HOST_MIN_SPECIAL_PORT to
 * HOST_MAX_SPECIAL_PORT but not HOST_SECURITY_PORT; @node is ignored.
 * HOST_PORT and HOST_PRIV_PORT are the host port (privilege goes with
 * the caller here, mk_host_priv); every other slot is empty: there is no
 * IOKit main port, and user space registers none (host_set_special_port
 * is not served), so the answer is KERN_SUCCESS with MACH_PORT_NULL, as
 * XNU's for an empty slot.
 */
static kern_return_t host_get_special_port(struct mk_kmsg *req,
					   struct mk_kmsg **replyp)
{
	struct host_special_port_request *rq = (void *)req->data;
	bool host;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (!mk_host_priv() || rq->which == HOST_SECURITY_PORT ||
	    rq->which < HOST_MIN_SPECIAL_PORT ||
	    rq->which > HOST_MAX_SPECIAL_PORT)
		return KERN_INVALID_ARGUMENT;
	host = rq->which == HOST_PORT || rq->which == HOST_PRIV_PORT;
	return mk_mig_send_right_reply(req, host ? mk_host_port : NULL, replyp);
}

/*
 * SYSTEM_CLOCK is the time since boot, as XNU's (CLOCK_MONOTONIC, the
 * clock mach_absolute_time() reads); CALENDAR_CLOCK is the wall clock.
 */
static kern_return_t clock_get_time(struct mk_port *port, struct mk_kmsg *req,
				    struct mk_kmsg **replyp)
{
	struct clock_time_reply *rp;
	struct timespec64 ts;

	if (req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	if ((uintptr_t)port->kobject == CALENDAR_CLOCK)
		ktime_get_real_ts64(&ts);
	else
		ktime_get_ts64(&ts);
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp), 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->tv_sec = (u32)ts.tv_sec;
	rp->tv_nsec = ts.tv_nsec;
	return KERN_SUCCESS;
}

/* Serve a request to the host port or a clock port.  Context: mk_lock. */
kern_return_t mk_host_serve(struct mk_port *port, struct mk_kmsg *req,
			    struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	lockdep_assert_held(&mk_lock);
	if (port->kotype == MK_KOBJ_CLOCK)
		return id == CLOCK_GET_TIME ? clock_get_time(port, req, replyp) :
			MIG_BAD_ID;
	switch (id) {
	case HOST_INFO:
		return host_info(req, replyp);
	case HOST_PAGE_SIZE:
		return host_u64(req, replyp, PAGE_SIZE);
	case HOST_PROCESSOR_INFO:
		return host_processor_info(req, replyp);
	case HOST_GET_CLOCK_SERVICE:
		return host_get_clock_service(req, replyp);
	case HOST_STATISTICS:
		return host_statistics(req, replyp, false);
	case HOST_STATISTICS64:
		return host_statistics(req, replyp, true);
	case HOST_GET_SPECIAL_PORT:
		return host_get_special_port(req, replyp);
	case PROCESSOR_SET_DEFAULT:
	case HOST_PROCESSOR_SETS:
	case HOST_PROCESSOR_SET_PRIV:
		return mk_pset_host_serve(req, replyp);
	default:
		/* host_priv.defs' exception-port routines (exception.c) */
		return mk_exc_host_serve(req, replyp);
	}
}
