/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-extension records (kmod_info_t), as the SDK declares them for
 * tools that read them.  Linux loads no kexts: kmod_get_info and the
 * kmod routines are not provided.
 */
#ifndef _MACH_KMOD_H_
#define _MACH_KMOD_H_

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_types.h>

#define KMOD_MAX_NAME		64
#define KMOD_RETURN_SUCCESS	KERN_SUCCESS
#define KMOD_RETURN_FAILURE	KERN_FAILURE

typedef int kmod_t;

struct kmod_info;
typedef kern_return_t kmod_start_func_t(struct kmod_info *ki, void *data);
typedef kern_return_t kmod_stop_func_t(struct kmod_info *ki, void *data);

#pragma pack(push, 4)
typedef struct kmod_reference {
	struct kmod_reference	*next;
	struct kmod_info	*info;
} kmod_reference_t;

typedef struct kmod_info {
	struct kmod_info	*next;
	int32_t			info_version;
	uint32_t		id;
	char			name[KMOD_MAX_NAME];
	char			version[KMOD_MAX_NAME];
	int32_t			reference_count;
	kmod_reference_t	*reference_list;
	vm_address_t		address;
	vm_size_t		size;
	vm_size_t		hdr_size;
	kmod_start_func_t	*start;
	kmod_stop_func_t	*stop;
} kmod_info_t;
#pragma pack(pop)

#define KMOD_INFO_NAME		kmod_info
#define KMOD_INFO_VERSION	1

typedef void		*kmod_args_t;
typedef int		kmod_control_flavor_t;
typedef kmod_info_t	*kmod_info_array_t;

#endif
