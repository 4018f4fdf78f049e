/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by libmach's call wrappers (not installed). */
#ifndef LIBMACH_CALLS_H
#define LIBMACH_CALLS_H

#include <linux/mach_dev.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/vm_types.h>

/*
 * Run one mach_port_* ioctl.  @args must have every field the command
 * does not use zeroed (designated initialisers do this).  Returns args->kr,
 * or a Mach error standing in for a missing device or an ioctl errno.
 */
kern_return_t libmach_port_call(unsigned long cmd, struct mach_port_args *args);

/* The page size, usable before libmach's constructor has run. */
vm_size_t libmach_page_size(void);
/* vm_purgable.c: the purgeable allocations of our own task */
kern_return_t libmach_purgeable_add(mach_vm_address_t start, mach_vm_address_t end);
void libmach_purgeable_forget(mach_vm_address_t start, mach_vm_address_t end);

/* Anonymous zeroed pages for results handed to the caller, who frees
 * them with vm_deallocate(). */
kern_return_t libmach_pages_alloc(vm_address_t *addr, vm_size_t size);
void libmach_pages_free(vm_address_t addr, vm_size_t size);

#endif
