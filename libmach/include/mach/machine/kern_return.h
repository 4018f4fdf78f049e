/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACHINE_KERN_RETURN_H_
#define _MACH_MACHINE_KERN_RETURN_H_

typedef int kern_return_t;

#endif
