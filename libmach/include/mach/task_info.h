/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* task_info() flavors and their structures, Darwin's layouts (pack 4). */
#ifndef _MACH_TASK_INFO_H_
#define _MACH_TASK_INFO_H_

#include <mach/machine/vm_types.h>
#include <mach/vm_types.h>
#include <mach/message.h>
#include <mach/policy.h>
#include <linux/mach/task_info.h>

typedef natural_t	task_flavor_t;
typedef integer_t	*task_info_t;
typedef integer_t	task_info_data_t[1024];

#ifndef _MACH_TIME_VALUE_T_
#define _MACH_TIME_VALUE_T_
struct time_value {
	integer_t seconds;
	integer_t microseconds;
};
typedef struct time_value time_value_t;
#endif

#pragma pack(push, 4)

struct task_basic_info_32 {
	integer_t	suspend_count;
	natural_t	virtual_size;
	natural_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info_32 task_basic_info_32_data_t;
typedef struct task_basic_info_32 *task_basic_info_32_t;
#define TASK_BASIC_INFO_32_COUNT \
	(sizeof(task_basic_info_32_data_t) / sizeof(natural_t))

struct task_basic_info_64 {
	integer_t	suspend_count;
	mach_vm_size_t	virtual_size;
	mach_vm_size_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info_64 task_basic_info_64_data_t;
typedef struct task_basic_info_64 *task_basic_info_64_t;
#define TASK_BASIC_INFO_64_COUNT \
	(sizeof(task_basic_info_64_data_t) / sizeof(natural_t))

/* LP64: the "basic" flavor is the 64-bit one, with vm_size_t fields */
struct task_basic_info {
	integer_t	suspend_count;
	vm_size_t	virtual_size;
	vm_size_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info task_basic_info_data_t;
typedef struct task_basic_info *task_basic_info_t;
#define TASK_BASIC_INFO_COUNT \
	(sizeof(task_basic_info_data_t) / sizeof(natural_t))

struct task_thread_times_info {
	time_value_t	user_time;
	time_value_t	system_time;
};
typedef struct task_thread_times_info task_thread_times_info_data_t;
typedef struct task_thread_times_info *task_thread_times_info_t;
#define TASK_THREAD_TIMES_INFO_COUNT \
	(sizeof(task_thread_times_info_data_t) / sizeof(natural_t))

struct task_absolutetime_info {
	uint64_t	total_user;
	uint64_t	total_system;
	uint64_t	threads_user;	/* existing threads only */
	uint64_t	threads_system;
};
typedef struct task_absolutetime_info task_absolutetime_info_data_t;
typedef struct task_absolutetime_info *task_absolutetime_info_t;
#define TASK_ABSOLUTETIME_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_absolutetime_info_data_t) / sizeof(natural_t)))

/* The same layout as TASK_BASIC_INFO_32; resident_size is the peak. */
#define TASK_SECURITY_TOKEN_COUNT \
	(sizeof(security_token_t) / sizeof(natural_t))

#define TASK_AUDIT_TOKEN_COUNT	(sizeof(audit_token_t) / sizeof(natural_t))

struct mach_task_basic_info {
	mach_vm_size_t	virtual_size;
	mach_vm_size_t	resident_size;
	mach_vm_size_t	resident_size_max;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
	integer_t	suspend_count;
};
typedef struct mach_task_basic_info mach_task_basic_info_data_t;
typedef struct mach_task_basic_info *mach_task_basic_info_t;
#define MACH_TASK_BASIC_INFO_COUNT \
	(sizeof(mach_task_basic_info_data_t) / sizeof(natural_t))

struct task_events_info {
	integer_t	faults;
	integer_t	pageins;
	integer_t	cow_faults;
	integer_t	messages_sent;
	integer_t	messages_received;
	integer_t	syscalls_mach;
	integer_t	syscalls_unix;
	integer_t	csw;
};
typedef struct task_events_info task_events_info_data_t;
typedef struct task_events_info *task_events_info_t;
#define TASK_EVENTS_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_events_info_data_t) / sizeof(natural_t)))

struct task_vm_info {
	mach_vm_size_t	virtual_size;
	integer_t	region_count;
	integer_t	page_size;
	mach_vm_size_t	resident_size;
	mach_vm_size_t	resident_size_peak;
	mach_vm_size_t	device;
	mach_vm_size_t	device_peak;
	mach_vm_size_t	internal;
	mach_vm_size_t	internal_peak;
	mach_vm_size_t	external;
	mach_vm_size_t	external_peak;
	mach_vm_size_t	reusable;
	mach_vm_size_t	reusable_peak;
	mach_vm_size_t	purgeable_volatile_pmap;
	mach_vm_size_t	purgeable_volatile_resident;
	mach_vm_size_t	purgeable_volatile_virtual;
	mach_vm_size_t	compressed;
	mach_vm_size_t	compressed_peak;
	mach_vm_size_t	compressed_lifetime;
	/* rev1 */
	mach_vm_size_t	phys_footprint;
	/* rev2 */
	mach_vm_address_t	min_address;
	mach_vm_address_t	max_address;
	/* rev3 */
	int64_t	ledger_phys_footprint_peak;
	int64_t	ledger_purgeable_nonvolatile;
	int64_t	ledger_purgeable_novolatile_compressed;
	int64_t	ledger_purgeable_volatile;
	int64_t	ledger_purgeable_volatile_compressed;
	int64_t	ledger_tag_network_nonvolatile;
	int64_t	ledger_tag_network_nonvolatile_compressed;
	int64_t	ledger_tag_network_volatile;
	int64_t	ledger_tag_network_volatile_compressed;
	int64_t	ledger_tag_media_footprint;
	int64_t	ledger_tag_media_footprint_compressed;
	int64_t	ledger_tag_media_nofootprint;
	int64_t	ledger_tag_media_nofootprint_compressed;
	int64_t	ledger_tag_graphics_footprint;
	int64_t	ledger_tag_graphics_footprint_compressed;
	int64_t	ledger_tag_graphics_nofootprint;
	int64_t	ledger_tag_graphics_nofootprint_compressed;
	int64_t	ledger_tag_neural_footprint;
	int64_t	ledger_tag_neural_footprint_compressed;
	int64_t	ledger_tag_neural_nofootprint;
	int64_t	ledger_tag_neural_nofootprint_compressed;
	/* rev4 */
	uint64_t	limit_bytes_remaining;
	/* rev5 */
	integer_t	decompressions;
	/* rev6 */
	int64_t	ledger_swapins;
};
typedef struct task_vm_info task_vm_info_data_t;
typedef struct task_vm_info *task_vm_info_t;
#define TASK_VM_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_vm_info_data_t) / sizeof(natural_t)))
#define TASK_VM_INFO_REV6_COUNT	TASK_VM_INFO_COUNT
#define TASK_VM_INFO_REV5_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV6_COUNT - 2))
#define TASK_VM_INFO_REV4_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV5_COUNT - 1))
#define TASK_VM_INFO_REV3_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV4_COUNT - 2))
#define TASK_VM_INFO_REV2_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV3_COUNT - 42))
#define TASK_VM_INFO_REV1_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV2_COUNT - 4))
#define TASK_VM_INFO_REV0_COUNT	((mach_msg_type_number_t)(TASK_VM_INFO_REV1_COUNT - 2))

struct task_affinity_tag_info {
	integer_t	set_count;
	integer_t	min;
	integer_t	max;
	integer_t	task_count;
};
typedef struct task_affinity_tag_info task_affinity_tag_info_data_t;
typedef struct task_affinity_tag_info *task_affinity_tag_info_t;
#define TASK_AFFINITY_TAG_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_affinity_tag_info_data_t) / sizeof(natural_t)))

struct task_flags_info {
	uint32_t	flags;
};
typedef struct task_flags_info task_flags_info_data_t;
typedef struct task_flags_info *task_flags_info_t;
#define TASK_FLAGS_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_flags_info_data_t) / sizeof(natural_t)))

/* TASK_DYLD_INFO: the legacy count stops before all_image_info_format */
struct task_dyld_info {
	mach_vm_address_t	all_image_info_addr;
	mach_vm_size_t		all_image_info_size;
	integer_t		all_image_info_format;
};
typedef struct task_dyld_info task_dyld_info_data_t;
typedef struct task_dyld_info *task_dyld_info_t;
#define TASK_DYLD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_dyld_info_data_t) / sizeof(natural_t)))

/* TASK_DEBUG_INFO_INTERNAL (Apple-private; KERN_NOT_SUPPORTED here) */
struct task_debug_info_internal {
	integer_t	suspend_count;
	uint64_t	ipc_space_size;
};
typedef struct task_debug_info_internal task_debug_info_internal_data_t;
typedef struct task_debug_info_internal *task_debug_info_internal_t;
#define TASK_DEBUG_INFO_INTERNAL_COUNT \
	((mach_msg_type_number_t)(sizeof(task_debug_info_internal_data_t) / sizeof(natural_t)))

#pragma pack(pop)

/* task_get/set_exc_guard_behavior: EXC_GUARD delivery for the task */
typedef uint32_t task_exc_guard_behavior_t;

#endif
