/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_THREAD_SPECIAL_PORTS_H_
#define _MACH_THREAD_SPECIAL_PORTS_H_

#define THREAD_KERNEL_PORT	1
#define THREAD_INSPECT_PORT	2
#define THREAD_READ_PORT	3
#define THREAD_MAX_SPECIAL_PORT	THREAD_READ_PORT

#define thread_get_kernel_port(thread, port) \
	(thread_get_special_port((thread), THREAD_KERNEL_PORT, (port)))
#define thread_set_kernel_port(thread, port) \
	(thread_set_special_port((thread), THREAD_KERNEL_PORT, (port)))

#endif
