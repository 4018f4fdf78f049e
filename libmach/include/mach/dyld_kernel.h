/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dyld image records the kernel keeps for Darwin tools (not kept on Linux). */
#ifndef _MACH_DYLD_KERNEL_H_
#define _MACH_DYLD_KERNEL_H_

#include <stdint.h>
#include <mach/machine/vm_types.h>

struct dyld_kernel_image_info {
	uint8_t		uuid[16];
	uint64_t	fsobjid;
	uint64_t	fsid;
	uint64_t	load_addr;
};

struct dyld_kernel_process_info {
	struct dyld_kernel_image_info	cache_image_info;
	uint64_t			timestamp;
	uint32_t			imageCount;
	uint32_t			initialImageCount;
	uint8_t				dyldState;
	uint8_t				no_cache;
	uint8_t				private_cache;
};

typedef struct dyld_kernel_image_info	dyld_kernel_image_info_t;
typedef struct dyld_kernel_process_info	dyld_kernel_process_info_t;
typedef dyld_kernel_image_info_t	*dyld_kernel_image_info_array_t;

#endif
