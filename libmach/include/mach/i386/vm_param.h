/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * x86 page geometry.  Linux on x86-64 always uses 4 KiB user pages, so
 * PAGE_SIZE is the constant 4096 (as on Darwin for pre-11.0 targets),
 * usable in array sizes.  The address limits are Linux's, not Darwin's:
 * the user half ends below 0x00007ffffffff000.
 */
#ifndef _MACH_I386_VM_PARAM_H_
#define _MACH_I386_VM_PARAM_H_

#define BYTE_SIZE		8

#define I386_PGBYTES		4096
#define I386_PGSHIFT		12
#define I386_LPGBYTES		(2 * 1024 * 1024)
#define I386_LPGSHIFT		21
#define I386_LPGMASK		(I386_LPGBYTES - 1)

/* <sys/user.h> or a kernel header may have defined these already. */
#ifndef PAGE_SHIFT
#define PAGE_SHIFT		I386_PGSHIFT
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE		I386_PGBYTES
#endif
#ifndef PAGE_MASK
#define PAGE_MASK		(PAGE_SIZE - 1)
#endif

#define PAGE_MAX_SHIFT		12
#define PAGE_MAX_SIZE		(1 << PAGE_MAX_SHIFT)
#define PAGE_MAX_MASK		(PAGE_MAX_SIZE - 1)
#define PAGE_MIN_SHIFT		12
#define PAGE_MIN_SIZE		(1 << PAGE_MIN_SHIFT)
#define PAGE_MIN_MASK		(PAGE_MIN_SIZE - 1)

#define VM_MIN_ADDRESS64	((unsigned long long)0)
#define VM_MAX_ADDRESS64	((unsigned long long)0x00007ffffffff000ULL)
#define VM_MIN_ADDRESS		VM_MIN_ADDRESS64
#define VM_MAX_ADDRESS		VM_MAX_ADDRESS64
#define MACH_VM_MIN_ADDRESS	((unsigned long long)0)
#define MACH_VM_MAX_ADDRESS	((unsigned long long)0x00007ffffffff000ULL)
#define VM_MAX_PAGE_ADDRESS	MACH_VM_MAX_ADDRESS
#define VM_MAX_USER_PAGE_ADDRESS	MACH_VM_MAX_ADDRESS

#endif
