/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* thread_info() flavors and their structures, Darwin's layouts (pack 4). */
#ifndef _MACH_THREAD_INFO_H_
#define _MACH_THREAD_INFO_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/task_info.h>	/* time_value_t, policy_t */
#include <linux/mach/thread_info.h>

typedef natural_t	thread_flavor_t;
typedef integer_t	*thread_info_t;

typedef integer_t	thread_info_data_t[THREAD_INFO_MAX];

#pragma pack(push, 4)

struct thread_basic_info {
	time_value_t	user_time;
	time_value_t	system_time;
	integer_t	cpu_usage;	/* scaled to TH_USAGE_SCALE */
	policy_t	policy;
	integer_t	run_state;
	integer_t	flags;
	integer_t	suspend_count;	/* thread_suspend() holds only */
	integer_t	sleep_time;
};
typedef struct thread_basic_info thread_basic_info_data_t;
typedef struct thread_basic_info *thread_basic_info_t;
#define THREAD_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_basic_info_data_t) / sizeof(natural_t)))

struct thread_identifier_info {
	uint64_t	thread_id;
	uint64_t	thread_handle;
	uint64_t	dispatch_qaddr;
};
typedef struct thread_identifier_info thread_identifier_info_data_t;
typedef struct thread_identifier_info *thread_identifier_info_t;
#define THREAD_IDENTIFIER_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_identifier_info_data_t) / sizeof(natural_t)))

struct thread_extended_info {
	uint64_t	pth_user_time;		/* nanoseconds */
	uint64_t	pth_system_time;
	int32_t		pth_cpu_usage;
	int32_t		pth_policy;
	int32_t		pth_run_state;
	int32_t		pth_flags;
	int32_t		pth_sleep_time;
	int32_t		pth_curpri;
	int32_t		pth_priority;
	int32_t		pth_maxpriority;
	char		pth_name[MAXTHREADNAMESIZE];
};
typedef struct thread_extended_info thread_extended_info_data_t;
typedef struct thread_extended_info *thread_extended_info_t;
#define THREAD_EXTENDED_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_extended_info_data_t) / sizeof(natural_t)))

/* THREAD_DEBUG_INFO_INTERNAL (Apple-private, development kernels) */
struct thread_debug_info_internal {
	uint64_t	page_creation_count;
};
typedef struct thread_debug_info_internal thread_debug_info_internal_data_t;
typedef struct thread_debug_info_internal *thread_debug_info_internal_t;
#define THREAD_DEBUG_INFO_INTERNAL_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_debug_info_internal_data_t) / sizeof(natural_t)))

#pragma pack(pop)

#endif
