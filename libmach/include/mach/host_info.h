/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host_info() and host_statistics() flavors and layouts. */
#ifndef _MACH_HOST_INFO_H_
#define _MACH_HOST_INFO_H_

#include <stdint.h>
#include <mach/message.h>
#include <mach/vm_statistics.h>
#include <mach/machine.h>
#include <mach/machine/vm_types.h>
#include <mach/time_value.h>
#include <linux/mach/host_info.h>

typedef integer_t	*host_info_t;
typedef integer_t	*host_info64_t;
typedef integer_t	host_info_data_t[HOST_INFO_MAX];

typedef char	kernel_version_t[KERNEL_VERSION_MAX];
typedef char	kernel_boot_info_t[KERNEL_BOOT_INFO_MAX];

typedef integer_t	host_flavor_t;

struct host_can_has_debugger_info {
	boolean_t	can_has_debugger;
};
typedef struct host_can_has_debugger_info host_can_has_debugger_info_data_t;
typedef struct host_can_has_debugger_info *host_can_has_debugger_info_t;
#define HOST_CAN_HAS_DEBUGGER_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_can_has_debugger_info_data_t) / sizeof(integer_t)))

#pragma pack(push, 4)
/* 48 bytes: max_mem is only 4-aligned. */
struct host_basic_info {
	integer_t		max_cpus;
	integer_t		avail_cpus;
	natural_t		memory_size;	/* capped at 2 GB */
	cpu_type_t		cpu_type;
	cpu_subtype_t		cpu_subtype;
	cpu_threadtype_t	cpu_threadtype;
	integer_t		physical_cpu;
	integer_t		physical_cpu_max;
	integer_t		logical_cpu;
	integer_t		logical_cpu_max;
	uint64_t		max_mem;
};
#pragma pack(pop)
typedef struct host_basic_info	host_basic_info_data_t;
typedef struct host_basic_info	*host_basic_info_t;
#define HOST_BASIC_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_basic_info_data_t) / sizeof(integer_t)))

struct host_sched_info {
	integer_t	min_timeout;	/* milliseconds */
	integer_t	min_quantum;	/* milliseconds */
};
typedef struct host_sched_info	host_sched_info_data_t;
typedef struct host_sched_info	*host_sched_info_t;
#define HOST_SCHED_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_sched_info_data_t) / sizeof(integer_t)))

struct kernel_resource_sizes {
	natural_t	task;
	natural_t	thread;
	natural_t	port;
	natural_t	memory_region;
	natural_t	memory_object;
};
typedef struct kernel_resource_sizes	kernel_resource_sizes_data_t;
typedef struct kernel_resource_sizes	*kernel_resource_sizes_t;
#define HOST_RESOURCE_SIZES_COUNT ((mach_msg_type_number_t) \
	(sizeof(kernel_resource_sizes_data_t) / sizeof(integer_t)))

struct host_priority_info {
	integer_t	kernel_priority;
	integer_t	system_priority;
	integer_t	server_priority;
	integer_t	user_priority;
	integer_t	depress_priority;
	integer_t	idle_priority;
	integer_t	minimum_priority;
	integer_t	maximum_priority;
};
typedef struct host_priority_info	host_priority_info_data_t;
typedef struct host_priority_info	*host_priority_info_t;
#define HOST_PRIORITY_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_priority_info_data_t) / sizeof(integer_t)))

struct host_load_info {
	integer_t	avenrun[3];	/* scaled by LOAD_SCALE */
	integer_t	mach_factor[3];
};
typedef struct host_load_info	host_load_info_data_t;
typedef struct host_load_info	*host_load_info_t;
#define HOST_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_load_info_data_t) / sizeof(integer_t)))

typedef struct vm_purgeable_info	host_purgable_info_data_t;
typedef struct vm_purgeable_info	*host_purgable_info_t;
#define HOST_VM_PURGABLE_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_purgable_info_data_t) / sizeof(integer_t)))

#define HOST_VM_INFO64_COUNT ((mach_msg_type_number_t) \
	(sizeof(vm_statistics64_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO64_LATEST_COUNT	HOST_VM_INFO64_COUNT
#define HOST_VM_INFO64_REV1_COUNT	HOST_VM_INFO64_LATEST_COUNT
#define HOST_VM_INFO64_REV0_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO64_REV1_COUNT - 14))

#define HOST_EXTMOD_INFO64_COUNT ((mach_msg_type_number_t) \
	(sizeof(vm_extmod_statistics_data_t) / sizeof(integer_t)))
#define HOST_EXTMOD_INFO64_LATEST_COUNT	HOST_EXTMOD_INFO64_COUNT

#define HOST_VM_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(vm_statistics_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO_LATEST_COUNT	HOST_VM_INFO_COUNT
#define HOST_VM_INFO_REV2_COUNT		HOST_VM_INFO_LATEST_COUNT
#define HOST_VM_INFO_REV1_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO_REV2_COUNT - 1))
#define HOST_VM_INFO_REV0_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO_REV1_COUNT - 2))

struct host_cpu_load_info {
	natural_t	cpu_ticks[CPU_STATE_MAX];
};
typedef struct host_cpu_load_info	host_cpu_load_info_data_t;
typedef struct host_cpu_load_info	*host_cpu_load_info_t;
#define HOST_CPU_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_cpu_load_info_data_t) / sizeof(integer_t)))

struct host_preferred_user_arch {
	cpu_type_t	cpu_type;
	cpu_subtype_t	cpu_subtype;
};
typedef struct host_preferred_user_arch	host_preferred_user_arch_data_t;
typedef struct host_preferred_user_arch	*host_preferred_user_arch_t;
#define HOST_PREFERRED_USER_ARCH_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_preferred_user_arch_data_t) / sizeof(integer_t)))

/* HOST_DEBUG_INFO_INTERNAL (Apple-private; KERN_NOT_SUPPORTED here) */
struct host_debug_info_internal {
	uint64_t	config_bank:1,
			config_atm:1,
			config_csr:1,
			config_coalitions:1,
			config_unused:60;
};
typedef struct host_debug_info_internal host_debug_info_internal_data_t;
typedef struct host_debug_info_internal *host_debug_info_internal_t;
#define HOST_DEBUG_INFO_INTERNAL_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_debug_info_internal_data_t) / sizeof(integer_t)))

#endif
