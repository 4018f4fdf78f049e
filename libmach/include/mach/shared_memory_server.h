/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Obsolete split-library layout constants, kept for old code (Darwin: deprecated). */
#ifndef _MACH_SHARED_MEMORY_SERVER_H_
#define _MACH_SHARED_MEMORY_SERVER_H_

#include <mach/shared_region.h>

#define VM_PROT_COW_OBSOLETE	VM_PROT_COW
#define SHARED_LIBRARY_SERVER_SUPPORTED
#define GLOBAL_SHARED_TEXT_SEGMENT	0x90000000U
#define GLOBAL_SHARED_DATA_SEGMENT	0xA0000000U
#define GLOBAL_SHARED_SEGMENT_MASK	0xF0000000U
#define SHARED_TEXT_REGION_SIZE		0x10000000
#define SHARED_DATA_REGION_SIZE		0x10000000
#define SHARED_ALTERNATE_LOAD_BASE	0x09000000

#endif
