// SPDX-License-Identifier: GPL-2.0
/*
 * What a MIG request of one kernel-object type's subsystem gets when sent
 * to a port of another type (thread_info to a task port, task_info to a
 * thread port, host_info to a task port, task_info to a semaphore and to
 * a memory entry), and what an id no subsystem has gets from a semaphore.
 * Prints each reply's RetCode.  XNU's ipc_kobject_server finds the routine
 * by id alone; the routine's port conversion then fails (THREAD_NULL,
 * TASK_NULL, HOST_NULL): KERN_INVALID_ARGUMENT (4).  An id no subsystem
 * serves: MIG_BAD_ID (-303), whatever the port.
 *
 * cc -I uapi -I libmach/include -o xkind repro/xkind_mig_codes.c -Llibmach -lmach
 */
#include <stdio.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/semaphore.h>
#include <mach/vm_map.h>

static int ask(const char *what, mach_port_t dest, int id, int nwords)
{
	struct { mach_msg_header_t h; uint64_t ndr; uint32_t w[256]; } m;
	mach_port_t reply;
	kern_return_t kr;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &reply);
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_remote_port = dest;
	m.h.msgh_local_port = reply;
	m.h.msgh_id = id;
	m.h.msgh_size = sizeof(m.h) + 8 + 4 * nwords;
	m.ndr = 0x0000000001000000ULL;
	m.w[0] = 1;	/* flavor */
	m.w[1] = 12;	/* count */
	kr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, m.h.msgh_size,
		      sizeof(m), reply, 100, MACH_PORT_NULL);
	printf("%-40s id %5d: mach_msg %#x, reply id %d, RetCode %d\n", what, id, kr,
	       kr ? 0 : ((mach_msg_header_t *)&m)->msgh_id, kr ? 0 : ((int32_t *)&m)[8]);
	mach_port_destroy(mach_task_self(), reply);
	return 0;
}

int main(void)
{
	mach_port_t task = mach_task_self(), thread = mach_thread_self(), sem = 0, ment = 0;
	memory_object_size_t sz = 4096;

	semaphore_create(task, &sem, 0, 0);
	mach_make_memory_entry_64(task, &sz, 0, VM_PROT_READ | VM_PROT_WRITE | MAP_MEM_NAMED_CREATE, &ment, 0);
	ask("thread_info to a task port", task, 3612, 2);
	ask("task_info to a thread port", thread, 3405, 2);
	ask("host_info to a task port", task, 200, 2);
	ask("task_info to a semaphore", sem, 3405, 2);
	ask("task_info to a memory entry", ment, 3405, 2);
	ask("id 12345 to a semaphore", sem, 12345, 2);
	ask("id 12345 to a memory entry", ment, 12345, 2);
	ask("id 12345 to a task port", task, 12345, 2);
	return 0;
}
