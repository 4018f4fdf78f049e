/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: the message ids of the MIG routines the module serves or
 * sends, written here only.  A routine's id is its subsystem's base plus
 * its position in the .defs file (each routine and each skip takes one);
 * the reply's is that plus 100.  Grouped by subsystem, with the .defs file
 * each comes from (libmach/defs/mach/, installed with libmach, or
 * libmach/src/ for libmach's own).
 *
 * tools/check-mig-ids (a section of make check) runs tools/mig on those
 * files and fails when a number here is not the one MIG computes.  It reads
 * the comment after each number: the routine's name in the .defs file
 * (first word), "base SUBSYSTEM" for a subsystem's base, or "index
 * ROUTINE" for a routine's position in its subsystem ({a,b}_c: a_c and
 * b_c both).
 */
#ifndef _MACH_MIG_IDS_H
#define _MACH_MIG_IDS_H

/* libmach/defs/mach/mach_host.defs: subsystem mach_host 200 (host.c) */
#define HOST_INFO		200	/* host_info */
#define HOST_PAGE_SIZE		202	/* _host_page_size */
#define HOST_PROCESSOR_INFO	204	/* host_processor_info */
#define HOST_GET_CLOCK_SERVICE	206	/* host_get_clock_service */
#define PROCESSOR_SET_DEFAULT	213	/* processor_set_default (processor_set.c) */
#define HOST_STATISTICS		216	/* host_statistics */
#define HOST_STATISTICS64	219	/* host_statistics64 */

/*
 * libmach/src/libmach_host_priv.defs: subsystem host_priv 400, the
 * exception-port routines only (exception_ports.c)
 */
#define HOST_SUBSYSTEM		400	/* base host_priv */
#define HOST_SET_EXCEPTION_PORTS 14	/* index host_set_exception_ports */
/* and host.c's and processor_set.c's host_priv routines */
#define HOST_GET_SPECIAL_PORT	412	/* host_get_special_port */
#define HOST_PROCESSOR_SETS	419	/* host_processor_sets */
#define HOST_PROCESSOR_SET_PRIV	420	/* host_processor_set_priv */

/* libmach/defs/mach/clock.defs: subsystem clock 1000 (host.c) */
#define CLOCK_GET_TIME		1000	/* clock_get_time */

/*
 * libmach/defs/mach/exc.defs: subsystem exc 2401, and mach_exc.defs:
 * subsystem mach_exc 2405; the raise_state and raise_state_identity
 * routines follow each (exception.c adds the behavior)
 */
#define EXC_RAISE		2401	/* exception_raise */
#define MACH_EXC_RAISE		2405	/* mach_exception_raise */

/* libmach/defs/mach/task.defs: subsystem task 3400 (kobject.c) */
#define TASK_SUBSYSTEM		3400	/* base task */
#define TASK_TERMINATE		3401	/* task_terminate */
#define TASK_THREADS		3402	/* task_threads */
#define TASK_INFO		3405	/* task_info */
#define TASK_SUSPEND		3407	/* task_suspend */
#define TASK_RESUME		3408	/* task_resume */
#define TASK_GET_SPECIAL_PORT	3409	/* task_get_special_port */
#define TASK_SET_SPECIAL_PORT	3410	/* task_set_special_port */
#define TASK_SET_EXCEPTION_PORTS	3413	/* task_set_exception_ports */
#define TASK_GET_EXCEPTION_PORTS	3414	/* task_get_exception_ports */
#define TASK_SWAP_EXCEPTION_PORTS	3415	/* task_swap_exception_ports */
#define SEMAPHORE_CREATE	3418	/* semaphore_create */
#define SEMAPHORE_DESTROY	3419	/* semaphore_destroy */
#define TASK_POLICY_SET		3420	/* task_policy_set */
#define TASK_POLICY_GET		3421	/* task_policy_get */
#define TASK_SUSPEND2		3436	/* task_suspend2 */
#define TASK_RESUME2		3437	/* task_resume2 */
#define TASK_GET_EXC_GUARD_BEHAVIOR	3452	/* task_get_exc_guard_behavior */
#define TASK_SET_EXC_GUARD_BEHAVIOR	3453	/* task_set_exc_guard_behavior */
#define MACH_TASK_IS_SELF	3455	/* _kernelrpc_mach_task_is_self */
#define TASK_CREATE_IDENTITY_TOKEN	3457	/* task_create_identity_token */
#define TASK_IDENTITY_TOKEN_GET_TASK_PORT	3458	/* task_identity_token_get_task_port */
#define TASK_GET_EXCEPTION_PORTS_INFO	3460	/* task_get_exception_ports_info */

/* libmach/defs/mach/thread_act.defs: subsystem thread_act 3600 (thread.c) */
#define THREAD_SUBSYSTEM	3600	/* base thread_act */
#define THREAD_TERMINATE	3600	/* thread_terminate */
#define THREAD_GET_STATE	3603	/* thread_get_state */
#define THREAD_SET_STATE	3604	/* thread_set_state */
#define THREAD_SUSPEND		3605	/* thread_suspend */
#define THREAD_RESUME		3606	/* thread_resume */
#define THREAD_GET_SPECIAL_PORT	3610	/* thread_get_special_port */
#define THREAD_INFO		3612	/* thread_info */
#define THREAD_POLICY_SET	3617	/* thread_policy_set */
#define THREAD_POLICY_GET	3618	/* thread_policy_get */
#define THREAD_GET_EXCEPTION_PORTS_INFO	3630	/* thread_get_exception_ports_info */
#define THREAD_GET_ASSIGNMENT	3623	/* thread_get_assignment (processor_set.c) */

/*
 * The exception-port routines' position in task.defs and thread_act.defs
 * alike (exception_ports.c serves both from one table)
 */
#define SET_EXCEPTION_PORTS	13	/* index {task,thread}_set_exception_ports */
#define GET_EXCEPTION_PORTS	14	/* index {task,thread}_get_exception_ports */
#define SWAP_EXCEPTION_PORTS	15	/* index {task,thread}_swap_exception_ports */

/* libmach/defs/mach/vm_map.defs: subsystem vm_map 3800 (memory_entry.c) */
#define MK_VM_MAP			3812	/* vm_map */
#define MK_VM_MAKE_ENTRY		3816	/* mach_make_memory_entry */
#define MK_VM_MAKE_ENTRY_64		3825	/* mach_make_memory_entry_64 */
#define MK_VM_MAP_64			3826	/* vm_map_64 */

/*
 * libmach/defs/mach/processor_set.defs: subsystem processor_set 4000
 * (processor_set.c)
 */
#define PROCESSOR_SET_INFO	4009	/* processor_set_info */
#define PROCESSOR_SET_TASKS	4005	/* processor_set_tasks */
#define PROCESSOR_SET_TASKS_WITH_FLAVOR	4010	/* processor_set_tasks_with_flavor */

/* libmach/defs/mach/mach_vm.defs: subsystem mach_vm 4800 (vm.c) */
#define MACH_VM_ALLOCATE	4800	/* mach_vm_allocate */
#define MACH_VM_DEALLOCATE	4801	/* mach_vm_deallocate */
#define MACH_VM_PROTECT		4802	/* mach_vm_protect */
#define MACH_VM_INHERIT		4803	/* mach_vm_inherit */
#define MACH_VM_READ		4804	/* mach_vm_read */
#define MACH_VM_READ_LIST	4805	/* mach_vm_read_list */
#define MACH_VM_WRITE		4806	/* mach_vm_write */
#define MACH_VM_COPY		4807	/* mach_vm_copy */
#define MACH_VM_READ_OVERWRITE	4808	/* mach_vm_read_overwrite */
#define MACH_VM_MSYNC		4809	/* mach_vm_msync */
#define MACH_VM_BEHAVIOR_SET	4810	/* mach_vm_behavior_set */
#define MK_MACH_VM_MAP			4811	/* mach_vm_map (memory_entry.c) */
#define MACH_VM_REMAP		4813	/* mach_vm_remap */
#define MACH_VM_REGION_RECURSE	4815	/* mach_vm_region_recurse */
#define MACH_VM_REGION		4816	/* mach_vm_region */
#define MK_MACH_VM_MAKE_ENTRY		4817	/* _mach_make_memory_entry */
#define MACH_VM_LAST		4820	/* mach_vm_page_range_query (vm.c's last) */

#endif /* _MACH_MIG_IDS_H */
