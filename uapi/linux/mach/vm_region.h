/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's mach_vm_region flavors and share modes
 * (<mach/vm_region.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_VM_REGION_H
#define _UAPI_LINUX_MACH_VM_REGION_H

#define VM_REGION_INFO_MAX	(1024)
#define VM_REGION_INFO_FLAGS_NO_ALIASED	0x1

#define VM_REGION_BASIC_INFO_64	9
#define VM_REGION_BASIC_INFO	10

/* share_mode values */
#define SM_COW			1
#define SM_PRIVATE		2
#define SM_EMPTY		3
#define SM_SHARED		4
#define SM_TRUESHARED		5
#define SM_PRIVATE_ALIASED	6
#define SM_SHARED_ALIASED	7
#define SM_LARGE_PAGE		8

#define VM_REGION_EXTENDED_INFO	13

#define VM_REGION_TOP_INFO	12

#define VM_MAP_ENTRY_MAX	(256)

#define VM_PAGE_INFO_BASIC	1

#endif /* _UAPI_LINUX_MACH_VM_REGION_H */
