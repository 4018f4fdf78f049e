// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Process-wide Mach state set up at load: mach_task_self_ and the page
 * size globals.  The task port name is fetched once, as libsystem does,
 * because each fetch would add a user reference to the same name.
 */
#include <pthread.h>
#include <unistd.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"

LIBMACH_API mach_port_t mach_task_self_ = MACH_PORT_NULL;

LIBMACH_API vm_size_t vm_page_size;
LIBMACH_API vm_size_t vm_page_mask;
LIBMACH_API int vm_page_shift;
LIBMACH_API vm_size_t vm_kernel_page_size;
LIBMACH_API vm_size_t vm_kernel_page_mask;
LIBMACH_API int vm_kernel_page_shift;

static mach_port_t fetch_task_self(void)
{
	struct mach_port_args a = { 0 };

	if (libmach_port_call(MACH_IOC_TASK_SELF, &a) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return a.name;
}

/* A fork child is a new task with an empty space: its name differs. */
static void fork_child(void)
{
	mach_task_self_ = fetch_task_self();
}

static void init_page_size(void)
{
	vm_size_t size = (vm_size_t)sysconf(_SC_PAGESIZE);
	int shift = 0;

	while (((vm_size_t)1 << shift) < size)
		shift++;
	vm_page_size = vm_kernel_page_size = size;
	vm_page_mask = vm_kernel_page_mask = size - 1;
	vm_page_shift = vm_kernel_page_shift = shift;
}

__attribute__((constructor))
static void libmach_self_init(void)
{
	init_page_size();
	mach_task_self_ = fetch_task_self();
	pthread_atfork(NULL, NULL, fork_child);
}

/* Darwin ignores the host here too: the page size is a property of the
 * running kernel. */
LIBMACH_API kern_return_t host_page_size(host_t host, vm_size_t *out_page_size)
{
	(void)host;
	*out_page_size = libmach_page_size();
	return KERN_SUCCESS;
}
