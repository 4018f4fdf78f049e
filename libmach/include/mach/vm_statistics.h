/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * VM statistics (host_statistics HOST_VM_INFO / HOST_VM_INFO64 layouts),
 * page-query bits, and the vm_allocate/vm_map flag bits and memory tags.
 */
#ifndef _MACH_VM_STATISTICS_H_
#define _MACH_VM_STATISTICS_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>
#include <linux/mach/vm_statistics.h>

struct vm_statistics {
	natural_t	free_count;
	natural_t	active_count;
	natural_t	inactive_count;
	natural_t	wire_count;
	natural_t	zero_fill_count;
	natural_t	reactivations;
	natural_t	pageins;
	natural_t	pageouts;
	natural_t	faults;
	natural_t	cow_faults;
	natural_t	lookups;
	natural_t	hits;
	natural_t	purgeable_count;
	natural_t	purges;
	natural_t	speculative_count;
};
typedef struct vm_statistics	*vm_statistics_t;
typedef struct vm_statistics	vm_statistics_data_t;

struct vm_statistics64 {
	natural_t	free_count;
	natural_t	active_count;
	natural_t	inactive_count;
	natural_t	wire_count;
	uint64_t	zero_fill_count;
	uint64_t	reactivations;
	uint64_t	pageins;
	uint64_t	pageouts;
	uint64_t	faults;
	uint64_t	cow_faults;
	uint64_t	lookups;
	uint64_t	hits;
	uint64_t	purges;
	natural_t	purgeable_count;
	natural_t	speculative_count;
	uint64_t	decompressions;
	uint64_t	compressions;
	uint64_t	swapins;
	uint64_t	swapouts;
	natural_t	compressor_page_count;
	natural_t	throttled_count;
	natural_t	external_page_count;
	natural_t	internal_page_count;
	uint64_t	total_uncompressed_pages_in_compressor;
} __attribute__((aligned(8)));
typedef struct vm_statistics64	*vm_statistics64_t;
typedef struct vm_statistics64	vm_statistics64_data_t;

#define VM_STATISTICS_TRUNCATE_TO_32_BIT(value) \
	((uint32_t)(((value) > UINT32_MAX) ? UINT32_MAX : (value)))

struct vm_extmod_statistics {
	int64_t	task_for_pid_count;
	int64_t	task_for_pid_caller_count;
	int64_t	thread_creation_count;
	int64_t	thread_creation_caller_count;
	int64_t	thread_set_state_count;
	int64_t	thread_set_state_caller_count;
} __attribute__((aligned(8)));
typedef struct vm_extmod_statistics	*vm_extmod_statistics_t;
typedef struct vm_extmod_statistics	vm_extmod_statistics_data_t;

#endif
