/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Memory-object types, as user space sees them (ports and offsets). */
#ifndef _MACH_MEMORY_OBJECT_TYPES_H_
#define _MACH_MEMORY_OBJECT_TYPES_H_

#include <stdint.h>
#include <mach/port.h>
#include <mach/message.h>
#include <mach/vm_prot.h>
#include <mach/vm_sync.h>
#include <mach/vm_types.h>
#include <mach/machine/vm_types.h>
#include <linux/mach/memory_object_types.h>

#define VM_64_BIT_DATA_OBJECTS

typedef unsigned long long	memory_object_offset_t;
typedef unsigned long long	memory_object_size_t;
typedef natural_t		memory_object_cluster_size_t;
typedef natural_t		*memory_object_fault_info_t;
typedef unsigned long long	vm_object_id_t;

typedef mach_port_t	memory_object_t;
typedef mach_port_t	memory_object_control_t;
typedef memory_object_t	*memory_object_array_t;
typedef mach_port_t	memory_object_name_t;
typedef mach_port_t	memory_object_default_t;

#define MEMORY_OBJECT_NULL		((memory_object_t)0)
#define MEMORY_OBJECT_CONTROL_NULL	((memory_object_control_t)0)
#define MEMORY_OBJECT_NAME_NULL		((memory_object_name_t)0)
#define MEMORY_OBJECT_DEFAULT_NULL	((memory_object_default_t)0)

typedef int	memory_object_copy_strategy_t;
#define MEMORY_OBJECT_COPY_NONE		0
#define MEMORY_OBJECT_COPY_CALL		1
#define MEMORY_OBJECT_COPY_DELAY	2
#define MEMORY_OBJECT_COPY_TEMPORARY	3
#define MEMORY_OBJECT_COPY_SYMMETRIC	4
#define MEMORY_OBJECT_COPY_INVALID	5

typedef int	memory_object_return_t;
#define MEMORY_OBJECT_RETURN_NONE	0
#define MEMORY_OBJECT_RETURN_DIRTY	1
#define MEMORY_OBJECT_RETURN_ALL	2
#define MEMORY_OBJECT_RETURN_ANYTHING	3

#define MEMORY_OBJECT_DATA_FLUSH	0x1
#define MEMORY_OBJECT_DATA_NO_CHANGE	0x2
#define MEMORY_OBJECT_DATA_PURGE	0x4
#define MEMORY_OBJECT_COPY_SYNC		0x8
#define MEMORY_OBJECT_DATA_SYNC		0x10
#define MEMORY_OBJECT_IO_SYNC		0x20
#define MEMORY_OBJECT_DATA_FLUSH_ALL	0x40

typedef int	*memory_object_info_t;
typedef int	memory_object_flavor_t;
typedef int	memory_object_info_data_t[1024];

#define MEMORY_OBJECT_PERFORMANCE_INFO	11
#define MEMORY_OBJECT_ATTRIBUTE_INFO	14
#define MEMORY_OBJECT_BEHAVIOR_INFO	15


#endif
