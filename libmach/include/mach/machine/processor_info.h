/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACHINE_PROCESSOR_INFO_H_
#define _MACH_MACHINE_PROCESSOR_INFO_H_

#if defined(__x86_64__) || defined(__i386__)
#include <mach/i386/processor_info.h>
#endif

#endif
