/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: mach_make_memory_entry's permission bits
 * (<mach/memory_object_types.h>): VM_PROT_* | MAP_MEM_* | a cache mode.
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_MEMORY_OBJECT_TYPES_H
#define _UAPI_LINUX_MACH_MEMORY_OBJECT_TYPES_H

#include <linux/types.h>

/* mach_make_memory_entry_64's permission: VM_PROT_* | MAP_MEM_* (memory.rst) */
#define MAP_MEM_NOOP			0
#define MAP_MEM_COPYBACK		1
#define MAP_MEM_IO			2
#define MAP_MEM_WTHRU			3
#define MAP_MEM_WCOMB			4
#define MAP_MEM_INNERWBACK		5
#define MAP_MEM_POSTED			6
#define GET_MAP_MEM(flags)		((((__u32)(flags)) >> 24) & 0xFF)
#define SET_MAP_MEM(caching, flags)	\
	((flags) = ((((__u32)(caching)) << 24) & 0xFF000000) | \
	 ((flags) & 0xFFFFFF))
#define MAP_MEM_PROT_MASK		0xFF
#define MAP_MEM_LEDGER_TAGGED		0x002000
#define MAP_MEM_PURGABLE_KERNEL_ONLY	0x004000
#define MAP_MEM_GRAB_SECLUDED		0x008000
#define MAP_MEM_ONLY			0x010000
#define MAP_MEM_NAMED_CREATE		0x020000
#define MAP_MEM_PURGABLE		0x040000
#define MAP_MEM_NAMED_REUSE		0x080000
#define MAP_MEM_USE_DATA_ADDR		0x100000
#define MAP_MEM_VM_COPY			0x200000
#define MAP_MEM_VM_SHARE		0x400000
#define MAP_MEM_4K_DATA_ADDR		0x800000
#define MAP_MEM_FLAGS_MASK		0x00FFFF00
#define MAP_MEM_FLAGS_USER		0x00FFE000
#define MAP_MEM_FLAGS_ALL		MAP_MEM_FLAGS_USER

#endif /* _UAPI_LINUX_MACH_MEMORY_OBJECT_TYPES_H */
