/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Darwin's shared region (the dyld shared cache) constants and mapping
 * record.  Linux has no shared region: the addresses are Darwin's, for
 * code that compares against them; nothing is mapped there.
 */
#ifndef _MACH_SHARED_REGION_H_
#define _MACH_SHARED_REGION_H_

#include <stdint.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>
#include <mach/machine/vm_types.h>

#define SHARED_REGION_BASE_I386			0x90000000ULL
#define SHARED_REGION_SIZE_I386			0x20000000ULL
#define SHARED_REGION_BASE_X86_64		0x00007FF800000000ULL
#define SHARED_REGION_SIZE_X86_64		0x00000007FE000000ULL
#define SHARED_REGION_NESTING_BASE_X86_64	0x00007FF800000000ULL
#define SHARED_REGION_NESTING_SIZE_X86_64	0x00000007FE000000ULL

#if defined(__x86_64__)
#define SHARED_REGION_BASE	SHARED_REGION_BASE_X86_64
#define SHARED_REGION_SIZE	SHARED_REGION_SIZE_X86_64
#elif defined(__i386__)
#define SHARED_REGION_BASE	SHARED_REGION_BASE_I386
#define SHARED_REGION_SIZE	SHARED_REGION_SIZE_I386
#endif

struct shared_file_mapping_np {
	mach_vm_address_t	sfm_address;
	mach_vm_size_t		sfm_size;
	mach_vm_offset_t	sfm_file_offset;
	vm_prot_t		sfm_max_prot;
	vm_prot_t		sfm_init_prot;
};

#define VM_PROT_COW	0x8
#define VM_PROT_ZF	0x10
#define VM_PROT_SLIDE	0x20
#define VM_PROT_NOAUTH	0x40
#define VM_PROT_TRANSLATED_ALLOW_EXECUTE 0x80

#endif
